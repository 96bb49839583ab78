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
}
