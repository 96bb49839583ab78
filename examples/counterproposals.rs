//! Two counter-proposals to the 28-point plan side by side: for each point, what each side did with
//! it, where they agree and where they clash, and the figures they put on it. The proposals are our
//! own illustrations, modelled on how the European and Russian answers were reported.
//!
//! Run with `cargo run --example counterproposals`.

use std::path::PathBuf;

use peaceplan::compare::{Verdict, compare};
use peaceplan::{load, render};

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("examples/data")
        .join(name)
}

fn main() -> Result<(), peaceplan::Error> {
    let base = load(data("plan/28-point-plan.md"))?;
    let eu = load(data("counterproposals/european-counterproposal.md"))?;
    let ru = load(data("counterproposals/russian-counterproposal.md"))?;
    let c = compare(&base, &[("EU", &eu), ("RU", &ru)])?;
    println!("Answers to {}:", base.name());
    for s in c.summary() {
        println!("  {s}");
    }
    println!("\nWhere they clash:");
    for row in c.rows() {
        if row.verdicts[0] != Verdict::Conflict {
            continue;
        }
        let what = match &row.base {
            Some(p) => format!("point {}: {}", p, c.text_of(None, p).unwrap_or_default()),
            None => "a new point".to_string(),
        };
        println!("- {what}");
        for (p, fate) in c.proposals().zip(&row.fates) {
            println!("    {}: {}", p.name, fate.kind);
        }
        for f in &row.figures {
            println!(
                "    figures: base {}; EU {}; RU {}",
                f.base.as_deref().unwrap_or("-"),
                f.values[0].as_deref().unwrap_or("-"),
                f.values[1].as_deref().unwrap_or("-")
            );
        }
    }
    println!("\nWhere both moved the same way:");
    for row in c.rows() {
        if row.verdicts[0] == Verdict::Converged {
            let what = row
                .base
                .as_ref()
                .map_or("a point both added".to_string(), |p| format!("point {p}"));
            println!("- {what}: {}", row.fates[0].kind);
        }
    }
    // The full table, as the command prints it (`peaceplan compare BASE EU RU --format markdown`).
    let md = render::compare_markdown(&c);
    println!(
        "\nThe Markdown table has {} rows.",
        md.lines().filter(|l| l.starts_with("| ")).count() - 1
    );
    Ok(())
}
