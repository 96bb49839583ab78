//! The diff tells the whole truth: the deferred list's own changes, `from` references that never
//! hijack a point, merges whose figures all changed, figures with their units, positions, and rows
//! that read on their own. The cases users brought, in English and Ukrainian, through the library and
//! the command.

#[path = "support/command.rs"]
mod command;

use std::path::{Path, PathBuf};
use std::process::Command;

use peaceplan::diff::{NoteReason, Scope};
use peaceplan::format::parse_text;
use peaceplan::history::{Bump, History};
use peaceplan::{ChangeKind, Draft, Position, diff, render};

fn bin() -> Command {
    command::peaceplan()
}

/// A ceasefire history written as a user writes it: `{from: 12}` on the first deferral, carried
/// forward on later drafts, where point 12 has become another point.
const V1: &str = "---
title: Ceasefire in the east
version: 1.0.0
---
1. A ceasefire along the line of contact takes effect within 48 hours.
2. All prisoners are exchanged on an all-for-all basis.
3. Heavy weapons withdraw 15 km from the line of contact. {status: open; east: rejects; west: accepts}
11. Monitors of the OSCE verify the ceasefire and report every week.
12. Local elections in the east are held within 100 days under OSCE standards.
";

const V2: &str = "---
title: Ceasefire in the east
version: 2.0.0
---
1. A ceasefire along the line of contact takes effect within 48 hours.
2. All prisoners are exchanged on an all-for-all basis.
3. Heavy weapons withdraw 15 km from the line of contact. {status: open; east: rejects; west: accepts}
11. Monitors of the OSCE verify the ceasefire and report every week.
12. A joint commission investigates violations of the ceasefire.

## Deferred: leaders' summit

- Local elections in the east {from: 12}
- Reparations for war damage
";

const V3: &str = "---
title: Ceasefire in the east
version: 3.0.0
---
1. A ceasefire along the line of contact takes effect within 24 hours.
2. All prisoners are exchanged on an all-for-all basis.
3. Heavy weapons withdraw 15 km from the line of contact. {status: agreed; east: accepts; west: accepts}
11. Monitors of the OSCE verify the ceasefire and report every week.
12. A joint commission investigates violations of the ceasefire.

## Deferred: leaders' summit

- Local elections in the east {from: 12}

## Deferred: donors' conference

- Reparations and reconstruction after the war
- Return of cultural property taken from museums
";

fn draft(src: &str) -> Draft {
    parse_text(src).unwrap()
}

#[test]
fn a_draft_against_itself_is_empty_whatever_its_references() {
    for src in [V1, V2, V3] {
        let d = diff(&draft(src), &draft(src));
        assert!(d.is_empty(), "{d}");
        assert!(d.changes().iter().all(|c| c.kind == ChangeKind::Unchanged));
        assert!(d.notes().is_empty(), "{:?}", d.notes());
    }
}

#[test]
fn a_carried_reference_never_takes_over_another_point() {
    let d = diff(&draft(V2), &draft(V3));
    // Point 12 of v2 is the joint commission, kept; the carried `{from: 12}` is the item v2 already
    // deferred.
    assert_eq!(d.change_of_old("12").unwrap().kind, ChangeKind::Unchanged);
    let reworded = d.change_of_old("1").unwrap();
    assert_eq!(reworded.kind, ChangeKind::Reworded);
    assert_eq!(
        reworded.figures.get(0).unwrap().to_string(),
        "48 hours -> 24 hours"
    );
    let elections = d.change_of_old("D1").unwrap();
    assert_eq!(
        (
            elections.kind,
            elections.scope,
            labels(&elections.new).as_slice()
        ),
        (
            ChangeKind::Unchanged,
            Scope::DeferredList,
            ["D1".to_string()].as_slice()
        )
    );
    // The history's check and trace tell the same story.
    let h = History::from_drafts([draft(V1), draft(V2), draft(V3)]).unwrap();
    let findings = h.check();
    assert!(
        findings[1]
            .reasons
            .iter()
            .all(|r| !r.to_string().contains("point 12")),
        "{:?}",
        findings[1].reasons
    );
    let v2: semver::Version = "2.0.0".parse().unwrap();
    let t = h
        .trace("D1", &v2, peaceplan::history::Direction::Forward)
        .unwrap();
    assert_eq!(
        t.to_string().trim_end(),
        "point D1 of 2.0.0, traced forward\n  2.0.0 -> 3.0.0: D1 still deferred as D1"
    );
    // On its first deferral, the reference is followed: v1's point 12 went to the summit.
    let first = diff(&draft(V1), &draft(V2));
    let c = first.change_of_new("D1").unwrap();
    assert_eq!(
        (c.kind, labels(&c.old).as_slice()),
        (ChangeKind::Deferred, ["12".to_string()].as_slice())
    );
}

#[test]
fn a_reference_to_a_point_that_says_something_else_is_not_followed() {
    let v4 = V3.replace("version: 3.0.0", "version: 4.0.0").replace(
        "- Local elections in the east {from: 12}",
        "- Local elections in the east {from: 12}\n- Amnesty for combatants {from: 12}",
    );
    let d = diff(&draft(V3), &draft(&v4));
    assert_eq!(d.change_of_old("12").unwrap().kind, ChangeKind::Unchanged);
    let added = d.change_of_new("D2").unwrap();
    assert_eq!(
        (added.kind, added.scope),
        (ChangeKind::Added, Scope::DeferredList)
    );
    assert_eq!(d.notes().len(), 1);
    assert_eq!(d.notes()[0].reason, NoteReason::SaysSomethingElse);
    assert!(render::text(&d).contains("note: {from: 12} of D2 not followed"));
    // A reference that names the version it belongs to stays true when carried.
    let pinned = V3.replace("{from: 12}", "{from: 1.0.0#12}");
    assert!(diff(&draft(&pinned), &draft(&pinned)).is_empty());
}

#[test]
fn every_change_of_the_deferred_list_is_news() {
    let d = diff(&draft(V2), &draft(V3));
    assert!(!d.is_empty());
    let reparations = d.change_of_old("D2").unwrap();
    assert_eq!(reparations.kind, ChangeKind::Reworded);
    assert_eq!(reparations.scope, Scope::DeferredList);
    assert_eq!(reparations.old_forum.as_deref(), Some("leaders' summit"));
    assert_eq!(reparations.forum.as_deref(), Some("donors' conference"));
    let property = d.change_of_new("D3").unwrap();
    assert_eq!(
        (property.kind, property.scope),
        (ChangeKind::Added, Scope::DeferredList)
    );
    let s = d.summary();
    assert_eq!(
        (
            s.deferred_list.reworded,
            s.deferred_list.newly_set_aside,
            s.deferred_list.forum_changed
        ),
        (1, 1, 1)
    );
    assert!(
        s.to_string().contains(
            "deferred list: 1 newly set aside, 1 reworded, 1 kept; 1 moved to another forum"
        ),
        "{s}"
    );
    let text = render::text(&d);
    assert!(
        text.contains(
            "reworded   D2 -> D2  (still deferred, moved from leaders' summit to donors' conference"
        ),
        "{text}"
    );
    assert!(
        text.contains("added      -> D3  (newly set aside for donors' conference)"),
        "{text}"
    );

    // Dropping an item, renaming a forum, rewording an item: each alone makes the diff non-empty.
    let dropped = V2.replace("- Reparations for war damage\n", "");
    let renamed = V2.replace("leaders' summit", "presidents' meeting");
    let reworded = V2.replace(
        "Reparations for war damage",
        "Reparations for damage caused by the war",
    );
    for (what, src, kind) in [
        ("dropped", &dropped, ChangeKind::Removed),
        ("renamed forum", &renamed, ChangeKind::Unchanged),
        ("reworded", &reworded, ChangeKind::Reworded),
    ] {
        let d = diff(&draft(V2), &draft(src));
        assert!(!d.is_empty(), "{what}");
        let c = d.change_of_old("D2").unwrap();
        assert_eq!((c.kind, c.scope), (kind, Scope::DeferredList), "{what}");
        // The bump rule: a dropped item left the negotiation (major); the others are patches.
        let bump = peaceplan::history::implied_bump(&d);
        let expected = if kind == ChangeKind::Removed {
            Bump::Major
        } else {
            Bump::Patch
        };
        assert_eq!(bump, expected, "{what}");
    }
    let d = diff(&draft(V2), &draft(&dropped));
    assert!(
        render::text(&d)
            .contains("removed    D2  (dropped from the deferred list, was for leaders' summit)")
    );
}

#[test]
fn positions_and_status_are_reported() {
    let d = diff(&draft(V2), &draft(V3));
    let c = d.change_of_old("3").unwrap();
    assert_eq!(c.positions["east"].old, Some(Position::Rejects));
    assert_eq!(c.positions["east"].new, Some(Position::Accepts));
    assert!(!c.positions.contains_key("west"));
    assert_eq!(d.summary().positions_changed, 1);
    let text = render::text(&d);
    assert!(
        text.contains("(status: open -> agreed; positions: east rejects -> accepts)"),
        "{text}"
    );
    let j: serde_json::Value = serde_json::from_str(&render::json(&d)).unwrap();
    let three = j["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["old"][0] == "3")
        .unwrap();
    assert_eq!(three["positions"]["east"]["old"], "rejects");
    assert_eq!(three["positions"]["east"]["new"], "accepts");
    // Only a position changing makes a diff non-empty too.
    let moved = V2.replace("east: rejects", "east: accepts");
    assert!(!diff(&draft(V2), &draft(&moved)).is_empty());
    // `status` names open points by their opening words, never cut inside a phrase's word.
    let s = peaceplan::history::status_summary(&draft(V2)).to_string();
    assert!(
        s.contains("open: 3 (Heavy weapons withdraw 15 km from the line …)"),
        "{s}"
    );
}

/// The term sheet: old 2 + old 4 merged into new 2 while every figure changed.
#[test]
fn a_merge_is_found_when_its_figures_all_change() {
    let cases = [
        (
            "1. Beta Corp is acquired by Alpha Holdings through a merger of the two companies.
2. The purchase price is $420 million, payable 60% in cash and 40% in Alpha shares.
3. The closing takes place once the competition authorities have cleared the merger.
4. The Alpha shares are valued at the 30-day volume-weighted average price before signing.
5. Key employees of Beta Corp are retained for two years after closing.
",
            "1. Beta Corp is acquired by Alpha Holdings through a merger of the two companies.
2. The purchase price is $465 million, payable 50% in cash and 50% in Alpha shares valued at the 20-day volume-weighted average price before signing.
3. The closing takes place once the competition authorities have cleared the merger.
4. Key employees of Beta Corp are retained for two years after closing.
",
            vec![
                "$420 million -> $465 million",
                "60% -> 50%",
                "40% -> 50%",
                "30-day -> 20-day",
            ],
        ),
        (
            "1. Бета Корп поглинається Альфа Холдингс шляхом злиття двох компаній.
2. Ціна купівлі становить 420 мільйонів доларів, 60% сплачується грошима і 40% акціями Альфи.
3. Закриття угоди відбувається після схвалення злиття антимонопольними органами.
4. Акції Альфи оцінюються за середньозваженою ціною за 30 днів до підписання.
5. Ключові працівники Бета Корп зберігають посади два роки після закриття.
",
            "1. Бета Корп поглинається Альфа Холдингс шляхом злиття двох компаній.
2. Ціна купівлі становить 465 мільйонів доларів, 50% сплачується грошима і 50% акціями Альфи, які оцінюються за середньозваженою ціною за 20 днів до підписання.
3. Закриття угоди відбувається після схвалення злиття антимонопольними органами.
4. Ключові працівники Бета Корп зберігають посади два роки після закриття.
",
            vec![
                "420 мільйонів доларів -> 465 мільйонів доларів",
                "60% -> 50%",
                "40% -> 50%",
                "30 днів -> 20 днів",
            ],
        ),
    ];
    for (old, new, figures) in cases {
        let d = diff(&draft(old), &draft(new));
        let c = d.change_of_new("2").unwrap();
        assert_eq!(c.kind, ChangeKind::Merged, "{d}");
        assert_eq!(c.old, ["2", "4"], "{d}");
        let got: Vec<String> = c.figures.iter().map(|f| f.to_string()).collect();
        assert_eq!(got, figures);
        assert_eq!(d.change_of_old("5").unwrap().kind, ChangeKind::Unchanged);
    }
}

/// Short points made mostly of numbers, all renegotiated, the second folded in as a clause: the merge
/// is found (figures weigh less than words; a comma before "and" opens a clause).
#[test]
fn a_merge_of_numbers_folded_in_as_a_clause() {
    let old = draft(
        "1. Army of 600,000 troops and 2,000 tanks by 2026.\n2. Reserves of 100,000 by 2027.\n3. Elections within 100 days of signing.\n",
    );
    let new = draft(
        "1. Army of 800,000 troops and 3,000 tanks by 2028, and reserves of 150,000 by 2029.\n2. Elections within 100 days of signing.\n",
    );
    let d = diff(&old, &new);
    let c = d.change_of_new("1").unwrap();
    assert_eq!(c.kind, ChangeKind::Merged, "{d}");
    assert_eq!(c.old, ["1", "2"], "{d}");
    let figures: Vec<String> = c.figures.iter().map(|f| f.to_string()).collect();
    assert_eq!(
        figures,
        [
            "600,000 troops -> 800,000 troops",
            "2,000 tanks -> 3,000 tanks",
            "2026 -> 2028",
            "100,000 -> 150,000",
            "2027 -> 2029"
        ]
    );
}

#[test]
fn every_row_reads_on_its_own() {
    let d = diff(&draft(V1), &draft(V2));
    let text = render::text(&d);
    // The deferred point and its item, each with its text.
    assert!(text.contains("deferred   12 -> D1  (to leaders' summit)\n           - 12: Local elections in the east are held within 100 days under OSCE standards.\n           + D1: Local elections in the east\n"), "{text}");
    assert!(text.contains("added      -> 12\n           + 12: A joint commission investigates violations of the ceasefire.\n"), "{text}");
    // On a terminal the whole text is wrapped to the width, its lines under its first word.
    let narrow = render::text_with(&d, &render::TextOptions::new().width(Some(50)));
    assert!(narrow.lines().all(|l| l.chars().count() <= 50), "{narrow}");
    assert!(
        narrow.contains(
            "           - 12: Local elections in the east\n             are held within 100 days under OSCE\n             standards.\n"
        ),
        "{narrow}"
    );
    // Markdown: the texts beside their labels, valid CommonMark with one row per change.
    let md = render::markdown(&d);
    assert!(md.contains("| deferred | **12** Local elections in the east are held within 100 days under OSCE standards. | **D1** Local elections in the east |"), "{md}");
    let rows = pulldown_cmark::Parser::new_ext(&md, pulldown_cmark::Options::ENABLE_TABLES)
        .filter(|e| {
            matches!(
                e,
                pulldown_cmark::Event::Start(pulldown_cmark::Tag::TableRow)
            )
        })
        .count();
    assert_eq!(rows, d.changes().len());
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("peaceplan-truth-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(b: &mut Command, args: &[&str], dir: &Path) -> (Option<i32>, String) {
    let o = b.args(args).current_dir(dir).output().unwrap();
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stdout).into_owned(),
    )
}

#[test]
fn the_command_agrees() {
    let dir = scratch("cli");
    for (name, src) in [("v1.md", V1), ("v2.md", V2), ("v3.md", V3)] {
        std::fs::write(dir.join(name), src).unwrap();
    }
    let (code, _) = run(&mut bin(), &["diff", "v2.md", "v2.md"], &dir);
    assert_eq!(code, Some(0));
    let dropped = V2.replace("- Reparations for war damage\n", "");
    std::fs::write(dir.join("dropped.txt"), dropped).unwrap();
    let (code, out) = run(&mut bin(), &["diff", "v2.md", "dropped.txt"], &dir);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("dropped from the deferred list"), "{out}");
    std::fs::remove_file(dir.join("dropped.txt")).unwrap();
    // A bare version is exact: `--at 2.0` is 2.0.0, not the newest 2.x.
    let (code, out) = run(&mut bin(), &["trace", ".", "12", "--at", "2.0"], &dir);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.starts_with("point 12 of 2.0.0"), "{out}");
    // `log` says the declared and the required bump apart.
    let (_, out) = run(&mut bin(), &["log", "."], &dir);
    assert!(out.contains("declared major  required major"), "{out}");
    let (_, out) = run(&mut bin(), &["log", ".", "--format", "markdown"], &dir);
    assert!(out.contains("| Declared bump | Required bump |"), "{out}");
    std::fs::remove_dir_all(&dir).ok();
}

/// The same in Ukrainian: a carried reference, a dropped item, a forum changed, percent figures.
#[test]
fn the_deferred_list_in_ukrainian() {
    let a = draft(
        "---\nversion: 1.0.0\n---\n1. Припинення вогню набуває чинності протягом 48 годин.\n2. Мито знижується на 3% щороку.\n12. Вибори на сході проводяться протягом 100 днів.\n\n## Відкладено: зустріч президентів\n\n- Статус східних регіонів {from: 12}\n- Репарації за воєнні збитки\n",
    );
    let b = draft(
        "---\nversion: 2.0.0\n---\n1. Припинення вогню набуває чинності протягом 24 годин.\n2. Мито знижується на 4% щороку.\n12. Спільна комісія розслідує порушення.\n\n## Відкладено: зустріч президентів\n\n- Статус східних регіонів {from: 12}\n\n## Відкладено: конференція донорів\n\n- Репарації за воєнні збитки\n",
    );
    assert!(diff(&a, &a).is_empty());
    assert!(diff(&b, &b).is_empty());
    let d = diff(&a, &b);
    // Old 12 (the elections) is gone from the text; the carried reference does not pull it into
    // the item the old draft already deferred.
    assert_eq!(d.change_of_old("12").unwrap().kind, ChangeKind::Removed);
    let tariff = d.change_of_old("2").unwrap();
    assert_eq!(tariff.figures.get(0).unwrap().to_string(), "3% -> 4%");
    assert_eq!(
        d.change_of_old("1")
            .unwrap()
            .figures
            .get(0)
            .unwrap()
            .to_string(),
        "48 годин -> 24 годин"
    );
    let status = d.change_of_old("D1").unwrap();
    assert_eq!(
        (status.kind, status.scope),
        (ChangeKind::Unchanged, Scope::DeferredList)
    );
    let reparations = d.change_of_old("D2").unwrap();
    assert_eq!(
        reparations.old_forum.as_deref(),
        Some("зустріч президентів")
    );
    assert_eq!(reparations.forum.as_deref(), Some("конференція донорів"));
    assert!(!d.is_empty());
    // Dropped from the list.
    let dropped = diff(
        &b,
        &draft(
            "---\nversion: 3.0.0\n---\n1. Припинення вогню набуває чинності протягом 24 годин.\n2. Мито знижується на 4% щороку.\n12. Спільна комісія розслідує порушення.\n\n## Відкладено: зустріч президентів\n\n- Статус східних регіонів {from: 12}\n",
        ),
    );
    let c = dropped.change_of_old("D2").unwrap();
    assert_eq!(
        (c.kind, c.scope),
        (ChangeKind::Removed, Scope::DeferredList)
    );
}

/// The labels of points of a change.
fn labels(refs: &[peaceplan::PointRef]) -> Vec<String> {
    refs.iter().map(ToString::to_string).collect()
}

/// A short item folded into a broader point shares too few words to be matched: it is removed, and
/// the row names the broader point as the nearest, with the share of its words found there.
#[test]
fn a_removed_point_names_its_nearest_new_points() {
    let old = parse_text(
        "1. A ceasefire along the line of contact.\n\
         2. Humanitarian corridors open for civilians.\n\
         3. All prisoners of war are exchanged.\n\
         4. Elections are held within 100 days.\n",
    )
    .unwrap();
    let new = parse_text(
        "1. A ceasefire along the line of contact.\n\
         2. Humanitarian measures: corridors for civilians, family reunification, the return of \
            deported children, and the exchange of detainees and bodies under the Red Cross.\n\
         3. Elections are held within 100 days.\n",
    )
    .unwrap();
    let d = diff(&old, &new);
    let c = d.change_of_old("3").unwrap();
    assert_eq!(c.kind, ChangeKind::Removed);
    assert_eq!(c.candidates.first().map(|x| x.point.label()), Some("2"));
    assert!(c.candidates[0].share > 0.0 && c.candidates[0].share < 0.5);
    let text = render::text(&d);
    assert!(text.contains("removed    3  (nearest: 2 ("), "{text}");
    let json: serde_json::Value = serde_json::from_str(&render::json(&d)).unwrap();
    let removed = json["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == "removed")
        .unwrap();
    assert_eq!(removed["candidates"][0]["point"], "2");
    // Kept points carry no candidates.
    assert!(json["changes"][0].get("candidates").is_none());
}

/// A point whose title was renamed over a kept body says so; titles cast no sentence vote, so a
/// title shared with another point takes nothing from it.
#[test]
fn a_renamed_title_is_named() {
    let old = parse_text(
        "1. Audit Events. The organization determines the events the system audits and reviews them yearly.\n\
         2. Audit Storage. The organization allocates storage for audit records and warns when it fills.\n",
    )
    .unwrap();
    let new = parse_text(
        "1. Event Logging. Determine the events the system logs and review them yearly.\n\
         2. Audit Storage. Allocate storage for audit records and warn when it fills.\n",
    )
    .unwrap();
    let d = diff(&old, &new);
    let c = d.change_of_old("1").unwrap();
    assert_eq!(c.kind, ChangeKind::Reworded, "{d}");
    let t = c.title.as_ref().expect("a rename");
    assert_eq!(
        (t.old.as_str(), t.new.as_str()),
        ("Audit Events", "Event Logging")
    );
    assert!(
        render::text(&d).contains("(renamed: Audit Events -> Event Logging; "),
        "{d}"
    );
    assert!(d.change_of_old("2").unwrap().title.is_none());
    let json: serde_json::Value = serde_json::from_str(&render::json(&d)).unwrap();
    assert_eq!(json["changes"][0]["title"]["new"], "Event Logging");
}
