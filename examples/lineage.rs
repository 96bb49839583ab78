//! The bundled history, 28-point plan -> Geneva revision -> December framework: what happened to the
//! territory and security-guarantee points, and whether each version number says enough.
//!
//! Run with `cargo run --example lineage`.

use std::path::PathBuf;

use peaceplan::history::{self, Direction, History};
use peaceplan::render;

fn main() -> Result<(), peaceplan::Error> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/data/plan");
    let h = History::load_dir(&dir)?;

    println!("The drafts:");
    for line in render::log_text(&h.log()).lines() {
        println!("  {line}");
    }

    let first = h.entries()[0].version().clone();
    println!("\nTerritory (points 21 and 22 of the 28-point plan):");
    for label in ["21", "22"] {
        print!("{}", h.trace(label, &first, Direction::Forward)?);
    }
    println!("\nSecurity guarantees (points 5 and 10):");
    for label in ["5", "10"] {
        print!("{}", h.trace(label, &first, Direction::Forward)?);
    }
    let last = h.entries()[h.entries().len() - 1].version().clone();
    println!("\nWhere did point 5 of the December framework come from?");
    print!("{}", h.trace("5", &last, Direction::Backward)?);

    println!("\nStatus of the December framework:");
    if let Some(december) = h.get(&last) {
        println!("  {}", history::status_summary(december));
    }

    println!("\nDo the version numbers say enough? (peaceplan check)");
    for finding in h.check() {
        println!(
            "  {}{finding}",
            if finding.ok() { "ok: " } else { "SHORT: " }
        );
    }
    Ok(())
}
