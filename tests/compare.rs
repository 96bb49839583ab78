//! `peaceplan compare`: counter-proposals against one base. The bundled example's rows against the
//! edits its files were written with; verdict accuracy on generated triples in English and Ukrainian;
//! every output format; the command.

#[path = "support/command.rs"]
mod command;
mod common;

use std::path::PathBuf;

use common::pairs::Lang;
use common::triples::{LabelledTriple, triple};
use peaceplan::compare::{Comparison, FateKind, Verdict, compare};
use peaceplan::format::parse_text;
use peaceplan::{Draft, load, render};

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("examples/data")
        .join(name)
}

fn example() -> Comparison {
    let base = load(data("plan/28-point-plan.md")).unwrap();
    let eu = load(data("counterproposals/european-counterproposal.md")).unwrap();
    let ru = load(data("counterproposals/russian-counterproposal.md")).unwrap();
    compare(&base, &[("EU", &eu), ("RU", &ru)]).unwrap()
}

#[test]
fn the_example_rows_are_the_edits_it_was_written_with() {
    let c = example();
    // What each file does to the 28 points (see the files): every other point is kept by both.
    let expected: &[(&str, Verdict)] = &[
        ("3", Verdict::AOnly),
        ("5", Verdict::Conflict),
        ("6", Verdict::Conflict),
        ("7", Verdict::AOnly),
        ("8", Verdict::AOnly),
        ("9", Verdict::BOnly),
        ("13", Verdict::Conflict),
        ("14", Verdict::AOnly),
        ("17", Verdict::Converged),
        ("20", Verdict::BOnly),
        ("21", Verdict::AOnly),
        ("25", Verdict::AOnly),
        ("26", Verdict::AOnly),
    ];
    for k in 1..=28 {
        let label = k.to_string();
        let want = expected
            .iter()
            .find(|(l, _)| *l == label)
            .map_or(Verdict::Same, |(_, v)| *v);
        let row = c.row_of_base(&label).unwrap();
        assert_eq!(row.verdicts, [want], "point {label}: {:?}", row.fates);
    }
    let fate = |label: &str, side: usize| c.row_of_base(label).unwrap().fates[side].kind;
    assert_eq!(fate("26", 0), FateKind::Removed);
    assert_eq!(fate("26", 1), FateKind::Kept);
    assert_eq!(fate("17", 0), FateKind::Deferred);
    assert_eq!(
        c.row_of_base("17").unwrap().fates[1].forum.as_deref(),
        Some("US-Russia track")
    );
    // The army cap: the figure each side put on it.
    let army = c.row_of_base("6").unwrap();
    assert_eq!(army.figures.len(), 1);
    assert_eq!(army.figures[0].base.as_deref(), Some("600,000 personnel"));
    assert_eq!(
        army.figures[0].values,
        [
            Some("800,000 personnel".to_string()),
            Some("600,000 personnel".to_string())
        ]
    );
    // New points: the monitoring mission both added (nearly the same words), the referendums only
    // RU added.
    let new: Vec<&peaceplan::compare::Row> = c.rows().iter().filter(|r| r.base.is_none()).collect();
    assert_eq!(new.len(), 2);
    assert_eq!(new[0].verdicts, [Verdict::Converged]);
    assert_eq!(new[1].verdicts, [Verdict::BOnly]);
    assert_eq!(new[1].fates[0].kind, FateKind::Absent);
    assert_eq!(
        c.summary()[0].to_string(),
        "EU and RU: 15 same, 7 EU only, 3 RU only, 2 converged, 3 conflict"
    );
}

/// Rows of a comparison of a triple that got their verdict, and all rows: the truth's base rows and
/// new points, and any row the comparison has beyond them (a new point it failed to match).
fn score(t: &LabelledTriple) -> (usize, usize, Vec<String>) {
    let c = compare(&t.base, &[("A", &t.a), ("B", &t.b)]).unwrap();
    let (mut right, mut total, mut wrong) = (0, 0, Vec::new());
    let name = |v: Verdict| v.as_str();
    for (label, want) in &t.base_verdicts {
        total += 1;
        let got = c.row_of_base(label).map(|r| name(r.verdicts[0]));
        if got == Some(*want) {
            right += 1;
        } else {
            wrong.push(format!("point {label}: want {want}, got {got:?}"));
        }
    }
    let new_rows: Vec<&peaceplan::compare::Row> =
        c.rows().iter().filter(|r| r.base.is_none()).collect();
    let text_of = |r: &peaceplan::compare::Row, side: usize, d: &Draft| -> Option<String> {
        let labels = &r.fates[side].labels;
        (!labels.is_empty()).then(|| {
            labels
                .iter()
                .filter_map(|l| l.text(d))
                .collect::<Vec<_>>()
                .join(" ")
        })
    };
    let mut matched = vec![false; new_rows.len()];
    for (in_a, in_b, want) in &t.new_points {
        total += 1;
        let found = new_rows.iter().enumerate().find(|(_, r)| {
            (in_a.is_some() && text_of(r, 0, &t.a) == *in_a)
                || (in_b.is_some() && text_of(r, 1, &t.b) == *in_b)
        });
        match found {
            Some((k, r)) if name(r.verdicts[0]) == *want => {
                right += 1;
                matched[k] = true;
            }
            Some((k, r)) => {
                matched[k] = true;
                wrong.push(format!("new point: want {want}, got {:?}", r.verdicts[0]));
            }
            None => wrong.push(format!("new point {in_a:?} / {in_b:?}: no row")),
        }
    }
    // Rows the truth has not: a changed point the aligner did not follow, seen as new.
    for (k, r) in new_rows.iter().enumerate() {
        if !matched[k] {
            total += 1;
            wrong.push(format!("extra new row: {:?}", r.fates));
        }
    }
    (right, total, wrong)
}

#[test]
fn verdicts_on_generated_triples() {
    for lang in [Lang::En, Lang::Uk] {
        let (mut right, mut total) = (0, 0);
        let mut wrong = Vec::new();
        for seed in 0..40 {
            let t = triple(seed, lang, 16);
            let (r, n, w) = score(&t);
            right += r;
            total += n;
            wrong.extend(w.into_iter().map(|w| format!("seed {seed}: {w}")));
        }
        let accuracy = right as f64 / total as f64;
        println!("{lang:?}: verdict accuracy {accuracy:.3} ({right}/{total})");
        for w in wrong.iter().take(20) {
            println!("  {w}");
        }
        assert!(accuracy >= 0.95, "{lang:?}: {accuracy:.3}");
    }
}

#[test]
fn three_proposals_give_every_pair() {
    let base =
        parse_text("1. A ceasefire.\n2. Elections within 100 days.\n3. An amnesty.\n").unwrap();
    let a = parse_text("1. A ceasefire.\n2. Elections within 60 days.\n3. An amnesty.\n").unwrap();
    let b = parse_text("1. A ceasefire.\n2. Elections within 60 days.\n").unwrap();
    let u = parse_text("1. A ceasefire.\n2. Elections within 100 days.\n3. An amnesty.\n").unwrap();
    let c = compare(&base, &[("A", &a), ("B", &b), ("U", &u)]).unwrap();
    assert_eq!(c.pairs(), [(0, 1), (0, 2), (1, 2)]);
    let elections = c.row_of_base("2").unwrap();
    assert_eq!(
        elections.verdicts,
        [Verdict::Converged, Verdict::AOnly, Verdict::AOnly]
    );
    let amnesty = c.row_of_base("3").unwrap();
    assert_eq!(
        amnesty.verdicts,
        [Verdict::BOnly, Verdict::Same, Verdict::AOnly]
    );
    // Different figures on one point are a clash, however alike the words.
    let d = parse_text("1. A ceasefire.\n2. Elections within 90 days.\n3. An amnesty.\n").unwrap();
    let c = compare(&base, &[("A", &a), ("D", &d)]).unwrap();
    assert_eq!(c.row_of_base("2").unwrap().verdicts, [Verdict::Conflict]);
    // Names are unique.
    let c = compare(&base, &[("A", &a), ("A", &b)]).unwrap();
    let names: Vec<&str> = c.proposals().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["A", "A (2)"]);
    // Names are one line, without the `|` that joins a pair's names in JSON, and short: a name may
    // not forge a line of the report, make two pairs' keys alike, or fill the output.
    let long = "x".repeat(10_000);
    let c = compare(
        &base,
        &[
            ("EU\npoint 9 (kept by all): FORGED", &a),
            ("a|b", &b),
            (&long, &u),
        ],
    )
    .unwrap();
    let names: Vec<&str> = c.proposals().map(|p| p.name.as_str()).collect();
    assert_eq!(names[0], "EU point 9 (kept by all): FORGED");
    assert_eq!(names[1], "a/b");
    assert_eq!(names[2].chars().count(), peaceplan::compare::MAX_NAME);
    assert!(!peaceplan::render::compare_text(&c).contains("\npoint 9"));
    // A point's paragraphs show on one line, without empty pieces.
    let para = parse_text(
        "1. A ceasefire.\n\n   It holds.\n2. Elections within 100 days.\n3. An amnesty.\n",
    )
    .unwrap();
    let c = compare(&base, &[("P", &para), ("A", &a)]).unwrap();
    let text = peaceplan::render::compare_text(&c);
    assert!(text.contains("A ceasefire. / It holds."), "{text}");
    assert!(!text.contains(" /  / "), "{text}");
    // A point kept by all but renumbered out of order in one proposal says so in the text.
    let moved =
        parse_text("1. An amnesty.\n2. A ceasefire.\n3. Elections within 100 days.\n").unwrap();
    let c = compare(&base, &[("M", &moved), ("U", &u)]).unwrap();
    let text = peaceplan::render::compare_text(&c);
    assert!(text.contains("(kept by all; moved in M)"), "{text}");
    // Too many proposals are refused, and so are too few: with one there is no pair, and a row
    // would read "kept by all" whatever the proposal did.
    let many: Vec<(&str, &Draft)> = (0..33).map(|_| ("P", &a)).collect();
    assert!(compare(&base, &many).is_err());
    for few in [&[][..], &[("A", &a)][..]] {
        let e = compare(&base, few).unwrap_err();
        assert!(
            matches!(e.kind(), peaceplan::ErrorKind::TooFewProposals { .. }),
            "{e}"
        );
    }
}

#[test]
fn a_merged_point_s_row_has_its_own_figures_not_those_merged_in() {
    let base = parse_text(
        "1. The army of Ukraine is capped at 600,000 personnel.\n\
         2. The navy keeps 40 ships in the Black Sea.\n\
         3. Elections are held.\n",
    )
    .unwrap();
    let merged = parse_text(
        "1. The army of Ukraine is capped at 800,000 personnel and the navy keeps 40 ships in the Black Sea.\n\
         2. Elections are held.\n",
    )
    .unwrap();
    let c = compare(&base, &[("A", &merged), ("B", &base)]).unwrap();
    let army = c.row_of_base("1").unwrap();
    assert_eq!(army.fates[0].kind, FateKind::Merged);
    let figs: Vec<(Option<&str>, Option<&str>)> = army
        .figures
        .iter()
        .map(|f| (f.base.as_deref(), f.values[0].as_deref()))
        .collect();
    assert_eq!(
        figs,
        [(Some("600,000 personnel"), Some("800,000 personnel"))]
    );
    // The navy's 40 ships are kept in the merged point: no figure changed in its row.
    let navy = c.row_of_base("2").unwrap();
    assert_eq!(navy.fates[0].kind, FateKind::Merged);
    assert!(navy.figures.is_empty(), "{:?}", navy.figures);
}

#[test]
fn an_item_set_aside_for_another_forum_is_a_change() {
    let base = parse_text(
        "1. A ceasefire.\n2. Elections.\n\n## Deferred: presidents' meeting\n\n- The status of the territory.\n",
    )
    .unwrap();
    // A reinstates the item; B keeps it aside, for another forum; C keeps it as it was.
    let a =
        parse_text("1. A ceasefire.\n2. Elections.\n3. The status of the territory.\n").unwrap();
    let b = parse_text(
        "1. A ceasefire.\n2. Elections.\n\n## Deferred: donors' conference\n\n- The status of the territory.\n",
    )
    .unwrap();
    let c = compare(&base, &[("A", &a), ("B", &b), ("C", &base)]).unwrap();
    let row = c
        .rows()
        .iter()
        .find(|r| r.base.as_ref().is_some_and(|p| p.is_deferred()))
        .unwrap();
    let kinds: Vec<FateKind> = row.fates.iter().map(|f| f.kind).collect();
    assert_eq!(
        kinds,
        [FateKind::Reinstated, FateKind::Deferred, FateKind::Kept]
    );
    assert_eq!(row.fates[1].forum.as_deref(), Some("donors' conference"));
    assert_eq!(row.base.as_ref().unwrap().label(), "D1");
    // Deferred rows are named as the diff names the items: a numbered item by its number, the
    // others `D1`, `D2`, ... clear of the labels in use.
    let base = parse_text(
        "Point D1: A ceasefire.\n\n## Deferred: presidents' meeting\n\n30. Territory.\n- Sanctions.\n",
    )
    .unwrap();
    let c = compare(&base, &[("A", &base), ("B", &base)]).unwrap();
    let names: Vec<&str> = c
        .rows()
        .iter()
        .filter_map(|r| r.base.as_ref().map(|b| b.label()))
        .collect();
    assert_eq!(names, ["D1", "30", "D2"]);
    // A against B, A against C, B against C.
    assert_eq!(
        row.verdicts,
        [Verdict::Conflict, Verdict::AOnly, Verdict::AOnly]
    );
}

#[test]
fn converged_needs_the_same_words_in_the_same_order_and_figures_in_their_places() {
    let base = parse_text(
        "1. The parties discuss compensation for war damage at a later stage.\n2. A truce of 100 days, then a review after 100 days.\n",
    )
    .unwrap();
    let ua = parse_text(
        "1. Russia pays Ukraine compensation for war damage of 100 billion dollars.\n2. A truce of 200 days, then a review after 100 days.\n",
    )
    .unwrap();
    let ru = parse_text(
        "1. Ukraine pays Russia compensation for war damage of 100 billion dollars.\n2. A truce of 100 days, then a review after 200 days.\n",
    )
    .unwrap();
    let c = compare(&base, &[("UA", &ua), ("RU", &ru)]).unwrap();
    assert_eq!(c.row_of_base("1").unwrap().verdicts, [Verdict::Conflict]);
    assert_eq!(c.row_of_base("2").unwrap().verdicts, [Verdict::Conflict]);
    // Each change of a figure the base has twice keeps its own row.
    let eu = parse_text("1. X.\n2. A truce of 200 days, then a review after 300 days.\n").unwrap();
    let ru = parse_text("1. X.\n2. A truce of 100 days, then a review after 400 days.\n").unwrap();
    let c = compare(&base, &[("EU", &eu), ("RU", &ru)]).unwrap();
    let values: Vec<Vec<Option<&str>>> = c
        .row_of_base("2")
        .unwrap()
        .figures
        .iter()
        .map(|f| f.values.iter().map(|v| v.as_deref()).collect())
        .collect();
    let eu_values: Vec<Option<&str>> = values.iter().map(|v| v[0]).collect();
    assert!(eu_values.contains(&Some("200 days")), "{values:?}");
    assert!(eu_values.contains(&Some("300 days")), "{values:?}");
    assert!(
        values.iter().any(|v| v[1] == Some("400 days")),
        "{values:?}"
    );
    // Nearly the same words in the same order still converge.
    let a = parse_text("1. X.\n2. A truce of 60 days, then a review after 100 days.\n").unwrap();
    let b =
        parse_text("1. Y.\n2. A truce of 60 days, and then a review after 100 days.\n").unwrap();
    let c = compare(&base, &[("A", &a), ("B", &b)]).unwrap();
    assert_eq!(c.row_of_base("2").unwrap().verdicts, [Verdict::Converged]);
}

#[test]
fn names_make_no_markdown_blocks_at_a_line_s_start() {
    let base = parse_text("1. A ceasefire.\n2. Elections.\n").unwrap();
    let a = parse_text("1. A ceasefire.\n").unwrap();
    let c = compare(
        &base,
        &[
            ("> quoted", &a),
            ("1. ordered", &base),
            ("+ plus", &a),
            ("- dash", &base),
        ],
    )
    .unwrap();
    let md = peaceplan::render::compare_markdown(&c);
    for line in md.lines().filter(|l| l.starts_with("- ")) {
        let rest = &line[2..];
        assert!(!rest.starts_with(['>', '-', '+']), "{line}");
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        assert!(
            digits == 0 || !rest[digits..].starts_with(['.', ')']),
            "{line}"
        );
    }
    assert!(md.contains("- \\> quoted and 1. ordered:"), "{md}");
}

#[test]
fn json_follows_the_schema() {
    let c = example();
    let doc: serde_json::Value = serde_json::from_str(&render::compare_json(&c)).unwrap();
    assert_eq!(doc["schema"], "peaceplan.compare/1");
    assert_eq!(doc["proposals"][0]["name"], "EU");
    assert_eq!(doc["proposals"][1]["version"], "1.1.0");
    assert_eq!(doc["summary"][0]["conflict"], 3);
    let points = doc["points"].as_array().unwrap();
    assert_eq!(points.len(), 30);
    let army = &points[5];
    assert_eq!(army["base"], "6");
    assert_eq!(army["fates"]["EU"]["kind"], "reworded");
    assert_eq!(army["fates"]["EU"]["labels"][0], "6");
    assert_eq!(army["verdicts"]["EU|RU"], "conflict");
    assert_eq!(army["figures"][0]["base"], "600,000 personnel");
    assert_eq!(army["figures"][0]["values"]["EU"], "800,000 personnel");
    assert_eq!(points[28]["base"], serde_json::Value::Null);
    assert_eq!(points[28]["fates"]["RU"]["kind"], "added");
    // Keys in proposal order, as written.
    let fates: Vec<&String> = army["fates"].as_object().unwrap().keys().collect();
    assert_eq!(fates, ["EU", "RU"]);
}

#[test]
fn markdown_and_html_hold_every_row_and_no_markup_from_drafts() {
    let base =
        parse_text("1. A ceasefire <script>x</script> | [link](javascript:x).\n2. B.\n").unwrap();
    let a = parse_text("1. A ceasefire\u{1b}[2J now.\n2. B.\n").unwrap();
    let b = parse_text("1. A ceasefire.\n").unwrap();
    let c = compare(&base, &[("A|<b>", &a), ("B", &b)]).unwrap();
    let md = render::compare_markdown(&c);
    assert!(!md.contains('\u{1b}'));
    let parser = pulldown_cmark::Parser::new_ext(&md, pulldown_cmark::Options::ENABLE_TABLES);
    let mut rows = 0;
    for e in parser {
        match e {
            pulldown_cmark::Event::Start(pulldown_cmark::Tag::TableRow) => rows += 1,
            pulldown_cmark::Event::Html(h) | pulldown_cmark::Event::InlineHtml(h) => {
                assert_eq!(&*h, "<br>", "raw HTML from a draft: {h}")
            }
            pulldown_cmark::Event::Start(pulldown_cmark::Tag::Link { .. }) => {
                panic!("a link from a draft")
            }
            _ => {}
        }
    }
    assert_eq!(rows, c.rows().len());
    let html = render::compare_html(&c);
    assert!(!html.contains("<script>") && !html.contains('\u{1b}'));
    assert!(html.contains("<th>A/&lt;b&gt;</th>"));
    let text = render::compare_text(&c);
    assert!(!text.contains('\u{1b}'));
    assert!(text.contains("\\u{1b}[2J"));
}

#[test]
fn the_command_compares_and_refuses_one_proposal() {
    let base = data("plan/28-point-plan.md");
    let eu = data("counterproposals/european-counterproposal.md");
    let ru = data("counterproposals/russian-counterproposal.md");
    let out = command::peaceplan()
        .arg("compare")
        .args([&base, &eu, &ru])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    // Names from the files' labels.
    assert!(text.contains("EU and RU: 15 same, 7 EU only, 3 RU only, 2 converged, 3 conflict"));
    // A file given twice is compared, and said.
    let twice = command::peaceplan()
        .arg("compare")
        .args([&base, &eu, &eu])
        .output()
        .unwrap();
    assert_eq!(twice.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&twice.stderr).contains("is given more than once"));
    for format in ["json", "markdown", "html"] {
        let run = || {
            command::peaceplan()
                .args(["compare", "--format", format])
                .args([&base, &eu, &ru])
                .output()
                .unwrap()
        };
        let (first, second) = (run(), run());
        assert_eq!(first.status.code(), Some(0));
        assert!(!first.stdout.is_empty());
        assert_eq!(first.stdout, second.stdout, "{format} is deterministic");
    }
    let one = command::peaceplan()
        .arg("compare")
        .args([&base, &eu])
        .output()
        .unwrap();
    assert_eq!(one.status.code(), Some(2));
    let missing = command::peaceplan()
        .arg("compare")
        .args([&base, &eu])
        .arg(data("nope.md"))
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
}
