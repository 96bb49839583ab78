//! Rendering a [`PlanDiff`]: plain text (also its `Display`) and JSON (schema `peaceplan.diff/1`,
//! documented in `docs/JSON.md`). Every renderer reads the same `PlanDiff`.

use std::fmt::{self, Write as _};

use serde::Serialize;

use crate::diff::{Change, ChangeKind, DeferredLink, DraftInfo, EditOp, PlanDiff, Summary};

/// The JSON schema name and version written by [`json`].
pub const DIFF_SCHEMA: &str = "peaceplan.diff/1";

#[derive(Serialize)]
struct JsonDiff<'a> {
    schema: &'static str,
    from: &'a DraftInfo,
    to: &'a DraftInfo,
    summary: Summary,
    deferred_changed: bool,
    changes: &'a [Change],
    still_deferred: &'a [DeferredLink],
}

/// The diff as pretty-printed JSON, ending with a newline. Byte-identical for the same inputs.
pub fn json(diff: &PlanDiff) -> String {
    let doc = JsonDiff {
        schema: DIFF_SCHEMA,
        from: &diff.from,
        to: &diff.to,
        summary: diff.summary(),
        deferred_changed: diff.deferred_changed,
        changes: &diff.changes,
        still_deferred: &diff.still_deferred,
    };
    // Serialising plain data with string keys cannot fail.
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

/// The diff as plain text: a header, the one-paragraph summary, then one line per change, with the
/// word-level edits of reworded points marked `[-deleted-]{+inserted+}`.
pub fn text(diff: &PlanDiff) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = write_text(&mut out, diff);
    out
}

fn write_text(out: &mut String, diff: &PlanDiff) -> fmt::Result {
    writeln!(out, "{} -> {}", diff.from, diff.to)?;
    writeln!(out, "{}", diff.summary())?;
    writeln!(out)?;
    for c in &diff.changes {
        write_change(out, c)?;
    }
    Ok(())
}

/// One change as a line (plus an indented line of word edits for reworded points).
pub fn change_line(c: &Change) -> String {
    let mut s = String::new();
    let _ = write_change(&mut s, c);
    s
}

fn write_change(out: &mut String, c: &Change) -> fmt::Result {
    let sides = match (c.old.is_empty(), c.new.is_empty()) {
        (false, false) => format!("{} -> {}", c.old.join(", "), c.new.join(", ")),
        (false, true) => c.old.join(", "),
        (true, false) => format!("-> {}", c.new.join(", ")),
        (true, true) => String::new(),
    };
    write!(out, "{:<10} {sides}", c.kind.as_str())?;
    let mut details: Vec<String> = Vec::new();
    if c.moved {
        details.push("moved".into());
    }
    if let Some(forum) = &c.forum {
        details.push(format!("to {forum}"));
    }
    if let (Some(sim), true) = (
        c.similarity,
        matches!(
            c.kind,
            ChangeKind::Reworded | ChangeKind::Merged | ChangeKind::Split
        ),
    ) {
        details.push(format!("similarity {sim:.2}"));
    }
    if !c.figures.is_empty() {
        let figs: Vec<String> = c.figures.iter().map(ToString::to_string).collect();
        details.push(format!("figures: {}", figs.join(", ")));
    }
    if let Some(st) = &c.status {
        let name =
            |s: Option<crate::model::Status>| s.map_or("none".to_string(), |s| s.to_string());
        details.push(format!("status: {} -> {}", name(st.old), name(st.new)));
    }
    if !details.is_empty() {
        write!(out, "  ({})", details.join("; "))?;
    }
    writeln!(out)?;
    if c.kind == ChangeKind::Reworded && !c.edits.is_empty() {
        let mut line = String::new();
        for e in &c.edits {
            let text = e.text.replace('\n', " / ");
            match e.op {
                EditOp::Equal => line.push_str(&text),
                EditOp::Delete => {
                    let _ = write!(line, "[-{text}-]");
                }
                EditOp::Insert => {
                    let _ = write!(line, "{{+{text}+}}");
                }
            }
        }
        writeln!(out, "{:<10} {line}", "")?;
    }
    Ok(())
}

impl fmt::Display for PlanDiff {
    /// The plain-text rendering ([`text`]): stable, readable, good for snapshot tests.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&text(self))
    }
}

impl fmt::Display for Change {
    /// One change as one line (two for reworded points), as in [`text`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(change_line(self).trim_end())
    }
}

#[cfg(test)]
mod tests {
    use crate::format::parse_text;

    #[test]
    fn text_and_json_name_the_changes() {
        let old = parse_text(
            "1. The army of Ukraine is capped at 600,000.\n2. Full amnesty for all parties.\n",
        )
        .unwrap();
        let new = parse_text("1. The army of Ukraine is capped at 800,000.\n").unwrap();
        let d = crate::diff(&old, &new);
        let t = super::text(&d);
        assert!(t.contains("2 -> 1 points: 1 removed, 1 reworded"), "{t}");
        assert!(t.contains("[-600,000-]{+800,000+}"), "{t}");
        let j: serde_json::Value = serde_json::from_str(&super::json(&d)).unwrap();
        assert_eq!(j["schema"], "peaceplan.diff/1");
        assert_eq!(j["changes"][1]["kind"], "removed");
        assert_eq!(j["changes"][0]["figures"][0]["new"], "800,000");
    }
}
