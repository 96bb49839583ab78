//! Plan history: lineage through merges, splits, deferrals and reinstatements; semver bump rules;
//! `check`; status parsing and summaries; errors that name the files.

#[path = "support/command.rs"]
mod command;

use std::path::{Path, PathBuf};

use peaceplan::format::parse_text;
use peaceplan::history::{
    Bump, Direction, Fate, History, declared_bump, implied_bump, status_summary,
};
use peaceplan::{Draft, ErrorKind, diff};
use semver::Version;

fn plan_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data/plan")
}

fn v(s: &str) -> Version {
    Version::parse(s).unwrap()
}

fn fates(h: &History, label: &str, at: &str, dir: Direction) -> Vec<(Fate, Vec<String>)> {
    h.trace(label, &v(at), dir)
        .unwrap()
        .steps
        .iter()
        .flat_map(|s| {
            s.events.iter().map(|e| {
                (
                    e.fate,
                    if dir == Direction::Forward {
                        e.new.clone()
                    } else {
                        e.old.clone()
                    },
                )
            })
        })
        .collect()
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

#[test]
fn lineage_through_three_drafts() {
    let h = History::load_dir(plan_dir()).unwrap();
    // Deferred to the presidents at Geneva, back in the body in December.
    assert_eq!(
        fates(&h, "21", "1.0.0", Direction::Forward),
        vec![
            (Fate::Deferred, strings(&["D5"])),
            (Fate::Reinstated, strings(&["14"]))
        ]
    );
    // Merged at Geneva, split again in December.
    assert_eq!(
        fates(&h, "16", "1.0.0", Direction::Forward),
        vec![
            (Fate::Merged, strings(&["2"])),
            (Fate::Split, strings(&["2", "6"]))
        ]
    );
    // Split at Geneva, merged again in December.
    assert_eq!(
        fates(&h, "24", "1.0.0", Direction::Forward),
        vec![
            (Fate::Split, strings(&["12", "13"])),
            (Fate::Merged, strings(&["17"]))
        ]
    );
    // Removed: the lineage ends.
    let t = h.trace("26", &v("1.0.0"), Direction::Forward).unwrap();
    assert_eq!(t.steps.len(), 1);
    assert_eq!(t.steps[0].events[0].fate, Fate::Removed);
    assert!(t.steps[0].labels.is_empty());
    // NATO questions stay deferred.
    assert_eq!(
        fates(&h, "8", "1.0.0", Direction::Forward),
        vec![
            (Fate::Deferred, strings(&["D4"])),
            (Fate::StillDeferred, strings(&["D4"]))
        ]
    );
    // Backward: where did point 8 of 3.0.0 come from?
    assert_eq!(
        fates(&h, "8", "3.0.0", Direction::Backward),
        vec![
            (Fate::Merged, strings(&["6", "7"])),
            (Fate::Split, strings(&["12"]))
        ]
    );
    // A point added in December has no earlier lineage.
    assert_eq!(
        fates(&h, "9", "3.0.0", Direction::Backward),
        vec![(Fate::Added, vec![])]
    );
    assert_eq!(
        h.trace("21", &v("1.0.0"), Direction::Forward)
            .unwrap()
            .to_string(),
        "point 21 of 1.0.0, traced forward\n  1.0.0 -> 2.0.0: 21 deferred to presidents' meeting as D5\n  2.0.0 -> 3.0.0: D5 reinstated as 14\n"
    );
    let json: serde_json::Value = serde_json::from_str(&peaceplan::render::trace_json(
        &h.trace("21", &v("1.0.0"), Direction::Forward).unwrap(),
    ))
    .unwrap();
    assert_eq!(json["schema"], "peaceplan.trace/1");
    assert_eq!(json["steps"][1]["events"][0]["fate"], "reinstated");
}

#[test]
fn trace_errors() {
    let h = History::load_dir(plan_dir()).unwrap();
    let e = h.trace("99", &v("1.0.0"), Direction::Forward).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::UnknownLabel { .. }));
    let e = h.trace("1", &v("9.0.0"), Direction::Forward).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::UnknownVersion(_)));
    assert_eq!(h.resolve(">=2.0").unwrap(), v("3.0.0"));
    assert_eq!(h.resolve("^2").unwrap(), v("2.0.0"));
    assert!(h.resolve("not a version").is_err());
}

fn draft(version: &str, body: &str) -> Draft {
    parse_text(&format!("---\nversion: {version}\n---\n{body}")).unwrap()
}

const BASE: &str = "1. Ukraine's sovereignty is confirmed by all parties.\n2. The armed forces of Ukraine are capped at 600,000 personnel.\n3. All parties receive a full amnesty for their actions during the war.\n4. Ukraine holds elections within 100 days of the signing.\n";

#[test]
fn every_bump_rule() {
    let base = draft("1.0.0", BASE);
    let bump = |body: &str| implied_bump(&diff(&base, &draft("1.0.1", body)));
    assert_eq!(bump(BASE), Bump::None);
    assert_eq!(
        bump(&BASE.replace("600,000", "800,000")),
        Bump::Patch,
        "reworded"
    );
    let moved = "1. Ukraine's sovereignty is confirmed by all parties.\n2. The armed forces of Ukraine are capped at 600,000 personnel.\n3. Ukraine holds elections within 100 days of the signing.\n4. All parties receive a full amnesty for their actions during the war.\n";
    assert_eq!(bump(moved), Bump::Patch, "moved");
    assert_eq!(
        bump(&BASE.replace("signing.", "signing. {status: agreed}")),
        Bump::Patch,
        "status"
    );
    let added =
        format!("{BASE}5. A ceasefire takes effect once all parties agree to the memorandum.\n");
    assert_eq!(bump(&added), Bump::Minor, "added");
    assert_eq!(
        bump(&BASE.replace(
            "3. All parties receive a full amnesty for their actions during the war.\n",
            ""
        )),
        Bump::Major,
        "removed"
    );
    let merged = "1. Ukraine's sovereignty is confirmed by all parties, and the armed forces of Ukraine are capped at 600,000 personnel.\n3. All parties receive a full amnesty for their actions during the war.\n4. Ukraine holds elections within 100 days of the signing.\n";
    assert_eq!(bump(merged), Bump::Major, "merged");
    let two = "1. Ukraine's sovereignty is confirmed by all parties.\n2. The armed forces of Ukraine are capped at 600,000 personnel. European fighter jets are based in Poland.\n";
    let split = "1. Ukraine's sovereignty is confirmed by all parties.\n2. The armed forces of Ukraine are capped at 600,000 personnel.\n2a. European fighter jets are based in Poland.\n";
    let d = diff(&draft("1.0.0", two), &draft("2.0.0", split));
    assert_eq!(d.change_of_old("2").unwrap().new, ["2", "2a"]);
    assert_eq!(implied_bump(&d), Bump::Major, "split");
    let deferred = format!(
        "{}\n## Deferred: presidents' meeting\n- Full amnesty for all parties for their actions during the war\n",
        BASE.replace(
            "3. All parties receive a full amnesty for their actions during the war.\n",
            ""
        )
    );
    let d = diff(&base, &draft("2.0.0", &deferred));
    assert_eq!(
        d.change_of_old("3").unwrap().kind,
        peaceplan::ChangeKind::Deferred
    );
    assert_eq!(implied_bump(&d), Bump::Major, "deferred");
    // Reinstated: from a draft with the amnesty deferred back to the base.
    let d = diff(&draft("2.0.0", &deferred), &draft("2.1.0", BASE));
    assert_eq!(
        d.change_of_new("3").unwrap().kind,
        peaceplan::ChangeKind::Reinstated
    );
    assert_eq!(implied_bump(&d), Bump::Minor, "reinstated");

    assert_eq!(declared_bump(&v("1.2.3"), &v("2.0.0")), Bump::Major);
    assert_eq!(declared_bump(&v("1.2.3"), &v("1.3.0")), Bump::Minor);
    assert_eq!(declared_bump(&v("1.2.3"), &v("1.2.4")), Bump::Patch);
    assert_eq!(declared_bump(&v("1.2.3"), &v("1.2.3-rc.1")), Bump::None);
    assert_eq!(Bump::Major.apply(&v("1.2.3")), Some(v("2.0.0")));
}

#[test]
fn check_passes_a_correct_history_and_flags_an_under_bumped_one() {
    let base = draft("1.0.0", BASE);
    let fine = History::from_drafts([
        base.clone(),
        draft("1.0.1", &BASE.replace("600,000", "800,000")),
    ])
    .unwrap();
    assert!(fine.check().iter().all(|f| f.ok()));

    let removed = BASE.replace(
        "3. All parties receive a full amnesty for their actions during the war.\n",
        "",
    );
    let short = History::from_drafts([base, draft("1.1.0", &removed)]).unwrap();
    let findings = short.check();
    assert_eq!(findings.len(), 1);
    assert!(!findings[0].ok());
    assert_eq!(
        (findings[0].declared, findings[0].required),
        (Bump::Minor, Bump::Major)
    );
    assert_eq!(
        findings[0].to_string(),
        "1.0.0 -> 1.1.0 is a minor bump, but point 3 was removed: requires a major bump (2.0.0)"
    );
}

#[test]
fn history_errors_name_the_files() {
    let dir = std::env::temp_dir().join(format!("peaceplan-history-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let e = History::load_dir(&dir).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::EmptyHistory));
    std::fs::write(dir.join("a.md"), "---\nversion: 1.0.0\n---\n1. a\n").unwrap();
    std::fs::write(dir.join("b.md"), "---\nversion: 1.0.0\n---\n1. b\n").unwrap();
    let e = History::load_dir(&dir).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::DuplicateVersion { .. }));
    let msg = e.to_string();
    assert!(msg.contains("b.md") && msg.contains("a.md"), "{msg}");
    // A file without a version (a README beside the drafts) is not a draft of the history: left
    // out, and said so.
    std::fs::write(dir.join("b.md"), "1. no version\n").unwrap();
    let h = History::load_dir(&dir).unwrap();
    assert_eq!(h.entries().len(), 1);
    assert_eq!(h.skipped().len(), 1);
    assert_eq!(
        h.skipped()[0].reason,
        peaceplan::history::SkipReason::NoVersion
    );
    assert!(h.skipped()[0].to_string().contains("b.md"));
    std::fs::remove_file(dir.join("a.md")).unwrap();
    let e = History::load_dir(&dir).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::EmptyHistory));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn status_parsing_and_summary() {
    let d = parse_text("1. Sovereignty. {status: agreed; ua: accepts; ru: accepts}\n2. Territory lines are frozen. {tags: territory; status: open}\n3. Guarantees. {tags: security-guarantees; status: disputed; ua: accepts; ru: rejects}\n4. Elections.\n").unwrap();
    assert_eq!(
        status_summary(&d).to_string(),
        "1 of 4 agreed; open: 2 (territory); disputed: 3 (security-guarantees); no status: 1"
    );
    let e = parse_text("1. a\n2. b {ua: acepts}\n").unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::UnknownPosition { .. }));
    assert_eq!((e.line(), e.column()), (Some(2), Some(11)));
    let e = parse_text("1. a\n\n3. c {status: open; status: agreed}\n").unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::DuplicateKey { .. }));
    assert_eq!(e.line(), Some(3));
    let e = parse_text("1. a {from: 3}\n").unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::BadAttribute { .. }));
    // Status changes show in a diff.
    let a = parse_text("1. Guarantees for Ukraine. {status: disputed}\n").unwrap();
    let b = parse_text("1. Guarantees for Ukraine. {status: agreed}\n").unwrap();
    let d = diff(&a, &b);
    assert_eq!(
        d.to_string().lines().nth(3).unwrap(),
        "unchanged  1 -> 1  (status: disputed -> agreed)"
    );
}

#[test]
fn cli_log_check_trace_status() {
    use std::process::Command;
    let bin = command::peaceplan().get_program().to_owned();
    let plan = plan_dir();
    let o = Command::new(&bin)
        .args(["log", plan.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(
        out.lines()
            .nth(1)
            .unwrap()
            .contains("major  28 -> 19 points"),
        "{out}"
    );
    let o = Command::new(&bin)
        .args(["check", plan.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let o = Command::new(&bin)
        .args([
            "trace",
            plan.to_str().unwrap(),
            "8",
            "--at",
            "3.0.0",
            "--backward",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["direction"], "backward");
    let o = Command::new(&bin)
        .args([
            "status",
            plan.join("december-framework.md").to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(
        String::from_utf8(o.stdout)
            .unwrap()
            .starts_with("0 of 20 agreed; open: 14 (territory)")
    );

    let dir = std::env::temp_dir().join(format!("peaceplan-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("one.md"),
        format!("---\nversion: 1.0.0\n---\n{BASE}"),
    )
    .unwrap();
    std::fs::write(
        dir.join("two.md"),
        format!(
            "---\nversion: 1.1.0\n---\n{}",
            BASE.replace(
                "3. All parties receive a full amnesty for their actions during the war.\n",
                ""
            )
        ),
    )
    .unwrap();
    let o = Command::new(&bin)
        .args(["check", dir.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        String::from_utf8(o.stdout)
            .unwrap()
            .contains("requires a major bump (2.0.0)")
    );
    // A file without a version is left out, and stderr says so; the check still runs.
    std::fs::write(dir.join("three.md"), "1. unversioned\n").unwrap();
    let o = Command::new(&bin)
        .args(["check", dir.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let stderr = String::from_utf8(o.stderr).unwrap();
    assert!(
        stderr.contains("three.md: not a draft of the history: no version"),
        "{stderr}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn progress_reports_every_diff_and_changes_nothing() {
    let h = History::load_dir(plan_dir()).unwrap();
    let seen = std::sync::Mutex::new(Vec::new());
    let steps = h.steps_with(|done, total| seen.lock().unwrap().push((done, total)));
    let mut seen = seen.into_inner().unwrap();
    seen.sort_unstable();
    assert_eq!(seen, vec![(1, 2), (2, 2)]);
    assert_eq!(steps, h.steps());
    assert_eq!(peaceplan::history::log_rows(&h, &steps), h.log());
    let calls = std::sync::atomic::AtomicUsize::new(0);
    let t = h
        .trace_with("21", &v("1.0.0"), Direction::Forward, |_, total| {
            assert_eq!(total, 2);
            calls.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        })
        .unwrap();
    assert_eq!(t, h.trace("21", &v("1.0.0"), Direction::Forward).unwrap());
    assert_eq!(calls.into_inner(), t.steps.len());
}
