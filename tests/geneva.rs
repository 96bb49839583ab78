//! The bundled history as users meet it: assertions on the diff API, and snapshots of what they see.

use std::path::PathBuf;

use peaceplan::{ChangeKind, Draft, PlanDiff, PointRef, diff, load, render};

fn draft(name: &str) -> Draft {
    load(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("examples/data")
            .join(name),
    )
    .unwrap()
}

fn geneva() -> PlanDiff {
    diff(
        &draft("plan/28-point-plan.md"),
        &draft("plan/geneva-revision.md"),
    )
}

#[test]
fn geneva_changes_are_the_reconstruction() {
    let d = geneva();
    let kind = |old: &str| d.change_of_old(old).map(|c| c.kind);
    assert_eq!(kind("1"), Some(ChangeKind::Unchanged));
    assert_eq!(kind("14"), Some(ChangeKind::Removed));
    assert_eq!(kind("26"), Some(ChangeKind::Removed));
    let merged: Vec<(Vec<&str>, Vec<&str>)> = d
        .merged()
        .map(|c| {
            (
                c.old.iter().map(PointRef::label).collect(),
                c.new.iter().map(PointRef::label).collect(),
            )
        })
        .collect();
    assert_eq!(merged, vec![(vec!["2", "16"], vec!["2"])]);
    let split: Vec<Vec<&str>> = d
        .split()
        .map(|c| c.new.iter().map(PointRef::label).collect())
        .collect();
    assert_eq!(split, vec![vec!["6", "7"], vec!["12", "13"]]);
    for (old, forum) in [
        ("3", "presidents' meeting"),
        ("8", "presidents' meeting"),
        ("21", "presidents' meeting"),
        ("22", "presidents' meeting"),
        ("5", "security-guarantees framework"),
        ("10", "security-guarantees framework"),
        ("13", "US-Russia track"),
        ("17", "US-Russia track"),
    ] {
        let c = d.change_of_old(old).unwrap();
        assert_eq!(
            (c.kind, c.forum.as_deref()),
            (ChangeKind::Deferred, Some(forum)),
            "point {old}"
        );
    }
    let army = d.change_of_old("6").unwrap();
    assert_eq!(army.kind, ChangeKind::Reworded);
    assert_eq!(army.new, ["3"]);
    assert_eq!(army.figures.get(0).unwrap().old, Some("600,000 personnel"));
    assert_eq!(army.figures.get(0).unwrap().new, Some("800,000 personnel"));
    let s = d.summary();
    assert_eq!(
        (s.old_points, s.new_points, s.removed, s.deferred, s.added),
        (28, 19, 2, 11, 3)
    );
}

#[test]
fn december_reinstates_what_geneva_set_aside() {
    let d = diff(
        &draft("plan/geneva-revision.md"),
        &draft("plan/december-framework.md"),
    );
    let territory = d.change_of_new("14").unwrap();
    assert_eq!(territory.kind, ChangeKind::Reinstated);
    assert_eq!(territory.old, ["D5"]);
    assert_eq!(d.change_of_new("3").unwrap().kind, ChangeKind::Reinstated);
    assert_eq!(d.change_of_new("16").unwrap().old, ["11", "17"]);
    assert_eq!(d.change_of_old("2").unwrap().new, ["2", "6"]);
    let elections = d.change_of_old("14").unwrap();
    assert_eq!(
        elections.figures.get(0).unwrap().to_string(),
        "100 days -> (removed)"
    );
    let free_trade = d.change_of_old("18").unwrap();
    assert!(free_trade.moved);
    let znpp = d.change_of_new("12").unwrap();
    assert_eq!(znpp.kind, ChangeKind::Reworded);
}

#[test]
fn every_point_is_in_exactly_one_change() {
    let names = [
        "plan/28-point-plan.md",
        "plan/geneva-revision.md",
        "plan/december-framework.md",
        "security-guarantees-framework.md",
    ];
    for a in names {
        for b in names {
            let (old, new) = (draft(a), draft(b));
            let d = diff(&old, &new);
            for p in &old.points {
                let n = d
                    .changes()
                    .iter()
                    .filter(|c| c.old.iter().any(|r| *r == p.label))
                    .count();
                assert_eq!(n, 1, "{a} -> {b}: old point {}", p.label);
            }
            for p in &new.points {
                let n = d
                    .changes()
                    .iter()
                    .filter(|c| c.new.iter().any(|r| *r == p.label))
                    .count();
                assert_eq!(n, 1, "{a} -> {b}: new point {}", p.label);
            }
            assert_eq!(
                render::json(&d),
                render::json(&diff(&old, &new)),
                "deterministic"
            );
        }
    }
}

#[test]
fn snapshot_geneva_text() {
    insta::assert_snapshot!("geneva_text", geneva().to_string());
}

#[test]
fn snapshot_geneva_json() {
    insta::assert_snapshot!("geneva_json", render::json(&geneva()));
}

#[test]
fn snapshot_december_text() {
    let d = diff(
        &draft("plan/geneva-revision.md"),
        &draft("plan/december-framework.md"),
    );
    insta::assert_snapshot!("december_text", d.to_string());
}

#[test]
fn snapshot_geneva_markdown() {
    insta::assert_snapshot!("geneva_markdown", render::markdown(&geneva()));
}

#[test]
fn snapshot_geneva_html() {
    insta::assert_snapshot!("geneva_html", render::html(&geneva()));
}

#[test]
fn snapshot_geneva_colour() {
    let opts = render::TextOptions::new().color(true).width(Some(100));
    insta::assert_snapshot!("geneva_colour", render::text_with(&geneva(), &opts));
}

#[test]
fn snapshot_history_markdown() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/data/plan");
    let h = peaceplan::history::History::load_dir(dir).unwrap();
    let first = h.entries()[0].version().clone();
    let trace = h
        .trace("21", &first, peaceplan::history::Direction::Forward)
        .unwrap();
    insta::assert_snapshot!(
        "history_markdown",
        format!(
            "{}\n{}",
            render::log_markdown(&h),
            render::trace_markdown(&trace)
        )
    );
}

/// With the default `parallel` feature, one thread and many give byte-identical output.
#[cfg(feature = "parallel")]
#[test]
fn one_thread_and_many_agree() {
    let pairs = [
        (
            draft("plan/28-point-plan.md"),
            draft("plan/geneva-revision.md"),
        ),
        (
            draft("plan/geneva-revision.md"),
            draft("plan/december-framework.md"),
        ),
        (
            draft("plan/28-point-plan.md"),
            draft("plan/december-framework.md"),
        ),
    ];
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let four = rayon::ThreadPoolBuilder::new()
        .num_threads(4)
        .build()
        .unwrap();
    for (a, b) in &pairs {
        let single = one.install(|| render::json(&diff(a, b)));
        let many = four.install(|| render::json(&diff(a, b)));
        assert_eq!(single, many);
    }
}
