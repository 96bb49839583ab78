//! The 28-point plan and its Geneva revision: what was dropped, merged, split and set aside, and
//! where each point went across the revision and the separate security-guarantees framework.
//!
//! Run with `cargo run --example geneva`.

use std::path::PathBuf;

use peaceplan::diff::{Document, diff_documents};
use peaceplan::{ChangeKind, DiffOptions, Draft, PointRef, load};

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("examples/data")
        .join(name)
}

fn describe(d: &Draft) {
    println!(
        "{}: {} points, {} deferred item(s)",
        d.name(),
        d.points.len(),
        d.deferred.len()
    );
    if let Some(source) = &d.source {
        println!("  source: {source}");
    }
    let mut forums: Vec<(&str, usize)> = Vec::new();
    for item in &d.deferred {
        let forum = item.forum.as_deref().unwrap_or("(no forum named)");
        match forums.iter_mut().find(|(f, _)| *f == forum) {
            Some((_, n)) => *n += 1,
            None => forums.push((forum, 1)),
        }
    }
    for (forum, n) in forums {
        println!("  set aside for {forum}: {n}");
    }
}

fn main() -> Result<(), peaceplan::Error> {
    let plan = load(data("plan/28-point-plan.md"))?;
    let geneva = load(data("plan/geneva-revision.md"))?;
    let framework = load(data("security-guarantees-framework.md"))?;

    describe(&plan);
    describe(&geneva);
    describe(&framework);
    println!();

    let d = peaceplan::diff(&plan, &geneva);
    print!("{d}");

    println!();
    for merge in d.merged() {
        println!(
            "points {} of the 28-point plan became point {} at Geneva",
            merge.old.join(" and "),
            merge.new.join(", ")
        );
    }
    if let Some(army) = d.change_of_old("6") {
        for fig in &army.figures {
            println!("the army cap changed: {fig}");
        }
    }
    let territory: Vec<&str> = d
        .deferred()
        .filter(|c| c.forum.as_deref() == Some("presidents' meeting"))
        .flat_map(|c| c.old.iter().map(PointRef::label))
        .collect();
    println!(
        "set aside for the presidents: points {}",
        territory.join(", ")
    );
    let guarantees = d
        .of_kind(ChangeKind::Deferred)
        .filter(|c| c.forum.as_deref() == Some("security-guarantees framework"))
        .count();
    println!(
        "moved to the separate framework agreement ({} points there): {guarantees} point(s)",
        framework.points.len()
    );

    // The revision and the framework together: where each of the 28 points went
    // (`peaceplan diff OLD NEW --also security-guarantees-framework.md`).
    println!("\nWhere each of the 28 points went, across the Geneva revision and the framework:");
    let also = [Document {
        id: "security-guarantees-framework",
        draft: &framework,
    }];
    let both = diff_documents(&plan, &[], &geneva, &also, &DiffOptions::default())?;
    for p in &plan.points {
        let Some(c) = both.change_of_old(&p.label) else {
            continue;
        };
        let to: Vec<&str> = c.new.iter().map(PointRef::label).collect();
        let forum = c
            .forum
            .as_deref()
            .map(|f| format!(" (set aside for {f})"))
            .unwrap_or_default();
        if to.is_empty() {
            println!("  {:>2}: {}", p.label, c.kind);
        } else {
            println!("  {:>2}: {} -> {}{forum}", p.label, c.kind, to.join(", "));
        }
    }
    for link in both.taken_up() {
        println!("  {link}");
    }
    Ok(())
}
