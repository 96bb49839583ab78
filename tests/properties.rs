//! Invariants over arbitrary drafts: round trips in every format, conservation of points, identity,
//! determinism, and independence from labels. `PROPTEST_CASES` raises the case count (e.g. 10000 in a
//! release run).

use std::collections::BTreeMap;

use peaceplan::diff::deferred_names;
use peaceplan::format::{Format, parse, write};
use peaceplan::history::History;
use peaceplan::{ChangeKind, Deferred, Draft, Point, Position, Status, diff, render};
use proptest::prelude::*;

const WORDS: &[&str] = &[
    "Ukraine",
    "Russia",
    "Europe",
    "NATO",
    "security",
    "guarantees",
    "army",
    "600,000",
    "800,000",
    "ceasefire",
    "elections",
    "territory",
    "amnesty",
    "prisoners",
    "Україна",
    "гарантії",
    "безпеки",
    "армії",
    "території",
    "Росія",
    "Крим",
    "переговори",
    "мир",
    "санкції",
    "Zaporizhzhia",
    "100",
    "days",
];

fn sentence() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 2..12)
        .prop_map(|w| format!("{}.", w.join(" ")))
}

fn point_text() -> impl Strategy<Value = String> {
    prop::collection::vec(sentence(), 1..4).prop_map(|s| s.join(" "))
}

fn status() -> impl Strategy<Value = Option<Status>> {
    prop::option::of(prop::sample::select(vec![
        Status::Agreed,
        Status::Open,
        Status::Disputed,
    ]))
}

fn draft() -> impl Strategy<Value = Draft> {
    (
        prop::collection::vec(
            (
                point_text(),
                status(),
                any::<bool>(),
                prop::option::of(prop::sample::select(vec![
                    Position::Accepts,
                    Position::Rejects,
                    Position::Reserves,
                ])),
            ),
            0..14,
        ),
        prop::collection::vec(
            (
                point_text(),
                prop::option::of(prop::sample::select(vec![
                    "presidents' meeting",
                    "зустріч президентів",
                ])),
                // A `from` as users carry it: any label, of a point that may say anything.
                prop::option::of(1usize..20),
            ),
            0..4,
        ),
        prop::option::of((0u64..4, 0u64..10, 0u64..10)),
        prop::option::of("[a-zA-Zа-яА-Я ]{1,20}"),
    )
        .prop_map(|(points, deferred, version, title)| {
            let mut d = Draft {
                title: title
                    .map(|t| t.trim().to_string())
                    .filter(|t| !t.is_empty()),
                version: version.map(|(a, b, c)| semver::Version::new(a, b, c)),
                ..Draft::default()
            };
            for (i, (text, status, ua, ru)) in points.into_iter().enumerate() {
                let mut p = Point::new((i + 1).to_string(), text);
                p.status = status;
                if ua {
                    p.positions.insert("ua".into(), Position::Accepts);
                    p.tags = vec!["t".into()];
                }
                if let Some(ru) = ru {
                    p.positions.insert("ru".into(), ru);
                }
                d.points.push(p);
            }
            for (text, forum, from) in deferred {
                let mut item = Deferred::new(text);
                item.forum = forum.map(Into::into);
                item.from = from.map(|f| f.to_string());
                d.deferred.push(item);
            }
            d
        })
}

/// A new draft made from an old one by dropping, duplicating-with-edits and shuffling points.
fn pair() -> impl Strategy<Value = (Draft, Draft)> {
    (draft(), draft(), any::<u64>()).prop_map(|(a, extra, seed)| {
        let mut b = a.clone();
        let mut s = seed;
        let mut next = || {
            s = s
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (s >> 33) as usize
        };
        b.points.retain(|_| next() % 5 != 0);
        for p in &mut b.points {
            if next() % 3 == 0 {
                p.text.push_str(" Additional words here.");
            }
        }
        b.points.extend(extra.points);
        let n = b.points.len();
        if n > 1 {
            let i = next() % n;
            let j = next() % n;
            b.points.swap(i, j);
        }
        for (i, p) in b.points.iter_mut().enumerate() {
            p.label = (i + 1).to_string();
        }
        b.deferred.extend(extra.deferred);
        (a, b)
    })
}

proptest! {
    #[test]
    fn parse_write_parse_is_identity(d in draft()) {
        for f in [Format::Text, Format::Json, Format::Toml] {
            let once = parse(&write(&d, f).unwrap(), f).unwrap();
            prop_assert_eq!(&once, &d);
        }
    }

    #[test]
    fn every_point_and_deferred_item_is_in_exactly_one_change((a, b) in pair()) {
        let d = diff(&a, &b);
        let old_names = a.points.iter().map(|p| p.label.clone()).chain(deferred_names(&a));
        for l in old_names {
            prop_assert_eq!(d.changes().iter().filter(|c| c.old.iter().any(|r| *r == l)).count(), 1, "{}", l);
        }
        let new_names = b.points.iter().map(|p| p.label.clone()).chain(deferred_names(&b));
        for l in new_names {
            prop_assert_eq!(d.changes().iter().filter(|c| c.new.iter().any(|r| *r == l)).count(), 1, "{}", l);
        }
    }

    #[test]
    fn a_draft_against_itself_is_unchanged(a in draft()) {
        let d = diff(&a, &a);
        prop_assert!(d.is_empty());
        prop_assert!(d.changes().iter().all(|c| c.kind == ChangeKind::Unchanged && !c.moved));
    }

    #[test]
    fn diff_is_deterministic((a, b) in pair()) {
        prop_assert_eq!(render::json(&diff(&a, &b)), render::json(&diff(&a, &b)));
    }

    #[test]
    fn renaming_new_labels_changes_no_kind((a, b) in pair()) {
        let mut renamed = b.clone();
        let mut map = BTreeMap::new();
        for (i, p) in renamed.points.iter_mut().enumerate() {
            let label = format!("N{i}");
            map.insert(p.label.clone(), label.clone());
            p.label = label;
        }
        let d1 = diff(&a, &b);
        let d2 = diff(&a, &renamed);
        prop_assert_eq!(d1.changes().len(), d2.changes().len());
        for (x, y) in d1.changes().iter().zip(d2.changes()) {
            prop_assert_eq!(x.kind, y.kind);
            prop_assert_eq!(&x.old, &y.old);
            prop_assert_eq!(x.moved, y.moved);
            let mapped: Vec<String> = x.new.iter().map(|l| map.get(l.label()).cloned().unwrap_or_else(|| l.to_string())).collect();
            let labels: Vec<String> = y.new.iter().map(ToString::to_string).collect();
            prop_assert_eq!(mapped, labels);
        }
    }

    #[test]
    fn check_never_passes_a_removal_under_a_minor_bump((a, b) in pair()) {
        let mut old = a.clone();
        let mut new = b.clone();
        old.version = Some(semver::Version::new(1, 0, 0));
        new.version = Some(semver::Version::new(1, 1, 0));
        let d = diff(&old, &new);
        let structural = d.changes().iter().any(|c| matches!(
            c.kind,
            ChangeKind::Removed | ChangeKind::Merged | ChangeKind::Split | ChangeKind::Deferred
        ));
        let findings = History::from_drafts([old, new]).unwrap().check();
        prop_assert_eq!(findings.len(), 1);
        if structural {
            prop_assert!(!findings[0].ok(), "{}", findings[0]);
        }
    }
}

fn words_text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 0..max).prop_map(|w| w.join(" "))
}

proptest! {
    /// Word edits of texts sharing their ends (only the middle is diffed) give back both texts, and
    /// no two neighbouring edits have the same operation.
    #[test]
    fn word_edits_give_back_both_texts(
        (start, a, b, end) in (words_text(12), words_text(6), words_text(6), words_text(12))
    ) {
        use peaceplan::diff::EditOp;
        let (old, new) = (format!("{start} {a}. {end}"), format!("{start} {b}. {end}"));
        let edits = peaceplan::diff::word_edits(&old, &new, 1000);
        let side = |skip: EditOp| -> String {
            edits.iter().filter(|e| e.op != skip).map(|e| e.text).collect()
        };
        prop_assert_eq!(side(EditOp::Insert), old.clone());
        prop_assert_eq!(side(EditOp::Delete), new.clone());
        prop_assert_eq!(edits.texts(), (old.clone(), new.clone()));
        let runs: Vec<_> = edits.iter().collect();
        prop_assert!(runs.windows(2).all(|w| w[0].op != w[1].op));
        prop_assert!(edits.iter().all(|e| !e.text.is_empty()));
        if old == new {
            prop_assert!(edits.iter().all(|e| e.op == EditOp::Equal));
        }
    }
}

fn numbers(max: usize) -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(1u8..6, 0..max)
}

proptest! {
    /// Figure changes are the figures left after each old figure cancels the first unused equal new
    /// one, paired in order (checked against that rule written plainly, on texts of small numbers that
    /// often share their start).
    #[test]
    fn figure_changes_cancel_equal_figures_in_order(
        (start, a, b) in (numbers(6), numbers(6), numbers(6))
    ) {
        let text = |n: &[u8]| n.iter().map(u8::to_string).collect::<Vec<_>>().join(" ");
        let (old, new) = ([start.clone(), a].concat(), [start, b].concat());
        let mut used = vec![false; new.len()];
        let mut only_old = Vec::new();
        for x in &old {
            match (0..new.len()).find(|&k| !used[k] && new[k] == *x) {
                Some(k) => used[k] = true,
                None => only_old.push(x.to_string()),
            }
        }
        let only_new: Vec<String> =
            new.iter().zip(&used).filter(|(_, u)| !**u).map(|(x, _)| x.to_string()).collect();
        let mut expected: Vec<(Option<String>, Option<String>)> = Vec::new();
        let pairs = only_old.len().min(only_new.len());
        for k in 0..pairs {
            expected.push((Some(only_old[k].clone()), Some(only_new[k].clone())));
        }
        expected.extend(only_old[pairs..].iter().map(|o| (Some(o.clone()), None)));
        expected.extend(only_new[pairs..].iter().map(|n| (None, Some(n.clone()))));
        let found: Vec<(Option<String>, Option<String>)> =
            peaceplan::diff::figure_changes(&text(&old), &text(&new))
                .iter()
                .map(|f| (f.old.map(str::to_string), f.new.map(str::to_string)))
                .collect();
        prop_assert_eq!(found, expected);
    }
}
