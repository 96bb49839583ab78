//! A plan spread over several documents (`peaceplan diff OLD NEW --also DOC`): generated revisions
//! whose new points are partly moved into a companion document must give the same correspondences,
//! the moved points qualified with the companion's id; the bundled Geneva revision with its
//! security-guarantees framework; the command.

#[path = "support/command.rs"]
mod command;
mod common;

use std::collections::BTreeSet;
use std::path::PathBuf;

use common::pairs::{LabelledPair, Lang, Rng, generate};
use peaceplan::diff::{Document, diff_documents};
use peaceplan::{ChangeKind, DiffOptions, Draft, load};

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("examples/data")
        .join(name)
}

/// The pair's new draft split in two: about a third of its body points moved into a companion
/// `framework` (kept in order), and the new label each new point then has.
fn split_off(pair: &LabelledPair, seed: u64) -> (Draft, Draft, Vec<(String, String)>) {
    let mut rng = Rng::new(seed ^ 0x5eed);
    let mut main = pair.new.clone();
    main.points.clear();
    let mut framework = Draft::default();
    let mut renamed = Vec::new();
    for p in &pair.new.points {
        if rng.chance(0.35) {
            framework.points.push(p.clone());
            renamed.push((p.label.clone(), format!("framework/{}", p.label)));
        } else {
            main.points.push(p.clone());
            renamed.push((p.label.clone(), p.label.clone()));
        }
    }
    (main, framework, renamed)
}

/// Correspondences as (old label, new label) pairs: every change with both sides, every old label
/// with every new label of it.
fn pairs_of(
    changes: impl Iterator<Item = (Vec<String>, Vec<String>)>,
) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    for (old, new) in changes {
        for o in &old {
            for n in &new {
                out.insert((o.clone(), n.clone()));
            }
        }
    }
    out
}

#[test]
fn companion_correspondences_on_generated_revisions() {
    for lang in [Lang::En, Lang::Uk] {
        let (mut tp, mut fp, mut fneg) = (0usize, 0usize, 0usize);
        for seed in 0..40 {
            let pair = generate(seed, lang, seed % 2 == 1);
            let (main, framework, renamed) = split_off(&pair, seed);
            let rename = |l: &str| {
                renamed
                    .iter()
                    .find(|(a, _)| a == l)
                    .map_or(l.to_string(), |(_, b)| b.clone())
            };
            let truth = pairs_of(
                pair.truth
                    .iter()
                    .filter(|(k, _, _)| !matches!(k, ChangeKind::Removed | ChangeKind::Added))
                    .map(|(_, o, n)| {
                        (
                            o.iter().cloned().collect(),
                            n.iter().map(|l| rename(l)).collect(),
                        )
                    }),
            );
            let also = [Document {
                id: "framework",
                draft: &framework,
            }];
            let d = diff_documents(&pair.old, &[], &main, &also, &DiffOptions::default()).unwrap();
            let found = pairs_of(d.changes().iter().map(|c| {
                (
                    c.old.iter().map(|p| p.label().to_string()).collect(),
                    c.new.iter().map(|p| p.label().to_string()).collect(),
                )
            }));
            tp += truth.intersection(&found).count();
            fp += found.difference(&truth).count();
            fneg += truth.difference(&found).count();
        }
        let precision = tp as f64 / (tp + fp) as f64;
        let recall = tp as f64 / (tp + fneg) as f64;
        let f1 = 2.0 * precision * recall / (precision + recall);
        println!(
            "{lang:?}: companion correspondence F1 {f1:.3} (precision {precision:.3}, recall {recall:.3})"
        );
        assert!(f1 >= 0.95, "{lang:?}: F1 {f1:.3}");
    }
}

#[test]
fn geneva_with_its_framework() {
    let plan = load(data("plan/28-point-plan.md")).unwrap();
    let geneva = load(data("plan/geneva-revision.md")).unwrap();
    let framework = load(data("security-guarantees-framework.md")).unwrap();
    let also = [Document {
        id: "security-guarantees-framework",
        draft: &framework,
    }];
    let d = diff_documents(&plan, &[], &geneva, &also, &DiffOptions::default()).unwrap();
    // Every point of the framework is in the diff, qualified.
    let new: Vec<String> = d
        .changes()
        .iter()
        .flat_map(|c| c.new.iter().map(|p| p.label().to_string()))
        .filter(|l| l.starts_with("security-guarantees-framework/"))
        .collect();
    assert_eq!(new.len(), framework.points.len());
    // The items set aside for the framework are linked to its points.
    let links: Vec<String> = d.taken_up().iter().map(ToString::to_string).collect();
    assert_eq!(links.len(), 2, "{links:?}");
    assert!(
        links[0].ends_with("is taken up in security-guarantees-framework/1"),
        "{links:?}"
    );
    let spans = d.new_documents();
    assert_eq!(spans.len(), 2);
    assert_eq!(spans[1].id, "security-guarantees-framework");
    assert_eq!(spans[1].points.len(), framework.points.len());
    // Every format says so.
    let json: serde_json::Value = serde_json::from_str(&peaceplan::render::json(&d)).unwrap();
    assert_eq!(
        json["documents"]["new"][1]["id"],
        "security-guarantees-framework"
    );
    assert_eq!(
        json["taken_up"][0]["point"],
        "security-guarantees-framework/1"
    );
    let text = peaceplan::render::text(&d);
    assert!(text.contains("new documents: Plan to end the war in Ukraine (19 points), security-guarantees-framework (5 points)"), "{text}");
    assert!(
        peaceplan::render::markdown(&d).contains("taken up in security-guarantees-framework/1")
    );
    let html = peaceplan::render::html(&d);
    assert!(html.contains("Document: security-guarantees-framework"));
    assert!(html.contains("is taken up in security-guarantees-framework/1"));
    // Going to another document is no move: the label says where the point went.
    for c in d.changes() {
        if c.new.iter().any(|p| p.label().contains('/')) {
            assert!(!c.moved, "{c:?}");
        }
    }
}

#[test]
fn the_command_takes_companions_and_refuses_a_repeated_id() {
    let out = command::peaceplan()
        .args(["diff", "--format", "json", "--also"])
        .arg(data("security-guarantees-framework.md"))
        .arg(data("plan/28-point-plan.md"))
        .arg(data("plan/geneva-revision.md"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        json["documents"]["new"][1]["id"],
        "security-guarantees-framework"
    );
    let twice = command::peaceplan()
        .args(["diff", "--also"])
        .arg(data("security-guarantees-framework.md"))
        .arg("--also")
        .arg(data("security-guarantees-framework.md"))
        .arg(data("plan/28-point-plan.md"))
        .arg(data("plan/geneva-revision.md"))
        .output()
        .unwrap();
    assert_eq!(twice.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&twice.stderr).contains("given to two documents"));
    // Standard input is one input at most, companions included; an id that would qualify every
    // label with a long string is refused, naming the file, quoted short.
    let dir = std::env::temp_dir().join(format!("peaceplan-docs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let long = dir.join("long.md");
    std::fs::write(
        &long,
        format!("---\nid: {}\n---\n1. A.\n", "x".repeat(10_000)),
    )
    .unwrap();
    let plan = data("plan/28-point-plan.md");
    for args in [
        vec!["-".into(), plan.clone(), "--also".into(), "-".into()],
        vec![
            plan.clone(),
            plan.clone(),
            "--also".into(),
            "-".into(),
            "--also-old".into(),
            "-".into(),
        ],
        vec![plan.clone(), plan.clone(), "--also".into(), long.clone()],
    ] {
        let out = command::peaceplan()
            .arg("diff")
            .args(&args)
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.len() < 400, "{err}");
    }
    let long_id = peaceplan::diff::check_document_id(&"x".repeat(65)).unwrap_err();
    assert!(matches!(
        long_id.kind(),
        peaceplan::ErrorKind::BadDocumentId { .. }
    ));
    assert!(peaceplan::diff::check_document_id(&"x".repeat(64)).is_ok());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn points_that_stay_in_the_main_draft_are_not_moved_when_others_go_to_a_companion() {
    use peaceplan::format::parse_text;
    let old = parse_text(
        "1. Tariffs on steel fall to 5%.\n2. Tariffs on grain fall to 10%.\n\
         3. A panel of three judges hears disputes.\n4. The panel rules within 90 days.\n\
         5. Customs forms are shared online.\n6. Inspections are joint.\n\
         7. The agreement is reviewed every five years.\n",
    )
    .unwrap();
    // Old 1, 2, 5, 6 stay (in order), 3 and 4 go to the companion, 7 is struck: read as one draft,
    // the old points in new order are 1 2 5 6 3 4, where 1 2 3 4 is as long a run in order as
    // 1 2 5 6.
    let new = parse_text(
        "1. Tariffs on steel fall to 5%.\n2. Tariffs on grain fall to 10%.\n\
         3. Customs forms are shared online.\n4. Inspections are joint.\n",
    )
    .unwrap();
    let disputes = parse_text(
        "1. A panel of three judges hears disputes.\n2. The panel rules within 90 days.\n",
    )
    .unwrap();
    let also = [Document {
        id: "disputes",
        draft: &disputes,
    }];
    let d = diff_documents(&old, &[], &new, &also, &DiffOptions::default()).unwrap();
    assert_eq!(d.change_of_old("3").unwrap().new[0], "disputes/1");
    assert_eq!(d.moved().count(), 0, "{}", peaceplan::render::text(&d));
    // A real move inside the main draft is still one.
    let swapped = parse_text(
        "1. Tariffs on grain fall to 10%.\n2. Tariffs on steel fall to 5%.\n\
         3. Customs forms are shared online.\n4. Inspections are joint.\n",
    )
    .unwrap();
    let d = diff_documents(&old, &[], &swapped, &also, &DiffOptions::default()).unwrap();
    let moved: Vec<String> = d.moved().map(|c| c.old[0].to_string()).collect();
    assert_eq!(moved.len(), 1, "{}", peaceplan::render::text(&d));
    assert!(moved[0] == "1" || moved[0] == "2");
}

#[test]
fn an_item_is_taken_up_by_the_point_holding_at_least_half_of_its_words() {
    use peaceplan::format::parse_text;
    let old = parse_text("1. A ceasefire.\n").unwrap();
    let new = parse_text(
        "1. A ceasefire.\n\n## Deferred: fw\n\n- Security guarantees.\n- Security guarantees.\n- Reconstruction fund.\n- Energy grid.\n",
    )
    .unwrap();
    // Point 3 holds all of the (repeated) first item's words, point 1 only half (the earlier of
    // equals would win a tie, the larger share wins); point 2 exactly half of the third item's,
    // enough; point 4 all of the last's.
    let fw = parse_text(
        "---\nid: fw\n---\n1. Security of shipping.\n2. A fund for schools.\n3. Guarantees of security for Ukraine.\n4. Energy grid repairs and the energy grid.\n",
    )
    .unwrap();
    let also = [Document {
        id: "fw",
        draft: &fw,
    }];
    let d = diff_documents(&old, &[], &new, &also, &DiffOptions::default()).unwrap();
    let points: Vec<Option<&str>> = d.taken_up().iter().map(|t| t.point.as_deref()).collect();
    assert_eq!(
        points,
        [Some("fw/3"), Some("fw/3"), Some("fw/2"), Some("fw/4")]
    );
}

#[test]
fn a_companion_s_deferred_items_are_qualified_and_labels_may_not_meet() {
    use peaceplan::format::parse_text;
    let main = parse_text("1. A ceasefire.\n\n## Deferred: talks\n\n- Elections.\n").unwrap();
    let fw = parse_text("1. Guarantees.\n\n## Deferred: later\n\n- Sanctions.\n30. Territory.\n")
        .unwrap();
    let also = [Document {
        id: "fw",
        draft: &fw,
    }];
    let (all, _) = peaceplan::diff::combine(&main, &also).unwrap();
    let labels: Vec<Option<&str>> = all.deferred.iter().map(|d| d.label.as_deref()).collect();
    assert_eq!(labels, [None, Some("fw/D1"), Some("fw/30")]);
    // A main point written as a companion's qualified label is refused, deferred items included.
    let clash = parse_text("Point fw/30: A ceasefire.\n").unwrap();
    let e = peaceplan::diff::combine(&clash, &also).unwrap_err();
    assert!(
        matches!(e.kind(), peaceplan::ErrorKind::DuplicateLabel { .. }),
        "{e}"
    );
}
