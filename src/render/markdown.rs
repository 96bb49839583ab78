//! Markdown, for pasting into an issue, a wiki or a pull request.

use std::fmt::Write as _;

use crate::diff::{ChangeKind, EditOp, PlanDiff, PointRef};
use crate::history::{History, LogRow, Trace};

/// Escapes text from a draft for an inline place of CommonMark (a table cell, a heading, a list item):
/// control characters made visible ([`super::visible`]: a lone CR would end a table row), every
/// ASCII punctuation mark that can open markup backslash-escaped (so no raw HTML, link, autolink,
/// entity, emphasis or code span can come from a draft), and line breaks written as `<br>`, the only
/// HTML the output holds.
pub(crate) fn cell(s: &str) -> String {
    let s = super::visible(s);
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            // Brackets are escaped, so parentheses and `!` can form no link or image; `<` is, so `>`
            // closes no tag (and it starts a quote only at the start of a line, which no cell is).
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '&' | '|' | '~' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("<br>"),
            _ => out.push(c),
        }
    }
    out
}

/// [`cell`] for text that starts a line (a list item's text): a block marker at its start (`>`, a
/// bullet `-` `+` `*`, a heading `#`, `=`, or a number with `.` or `)` after it) is escaped too, so
/// that a name such as `> quoted` or `1. ordered` makes no quote or nested list.
pub(crate) fn line_cell(s: &str) -> String {
    let mut out = cell(s);
    let digits = out.bytes().take_while(u8::is_ascii_digit).count();
    if out.starts_with(['>', '-', '+', '=']) {
        out.insert(0, '\\');
    } else if digits > 0 && out[digits..].starts_with(['.', ')']) {
        out.insert(digits, '\\');
    }
    out
}

/// The diff as Markdown: a heading, the summary, and a table of changes with word-level edits
/// (~~deleted~~ and **inserted**).
pub fn markdown(diff: &PlanDiff) -> String {
    super::in_memory(|out| write_markdown(diff, out))
}

/// Writes [`markdown`]'s output to `w` as it is made: a large diff is never held in memory whole.
pub fn write_markdown(diff: &PlanDiff, w: impl std::io::Write) -> std::io::Result<()> {
    let mut out = super::Sink::new(w);
    let _ = writeln!(
        out,
        "## {} → {}\n",
        cell(&diff.from().to_string()),
        cell(&diff.to().to_string())
    );
    let _ = writeln!(out, "**{}**\n", cell(&diff.summary().to_string()));
    if let Some(docs) = super::documents_line(diff) {
        let _ = writeln!(out, "{}\n", cell(&docs));
    }
    out.push_str("| Change | Old | New | Details |\n|---|---|---|---|\n");
    for c in diff.changes() {
        let mut details: Vec<String> = super::details(c).iter().map(|d| cell(d)).collect();
        if c.kind == ChangeKind::Reworded && !c.edits.is_empty() {
            let mut edits = String::new();
            for e in &c.edits {
                let t = cell(e.text);
                let marker = match e.op {
                    EditOp::Equal => "",
                    EditOp::Delete => "~~",
                    EditOp::Insert => "**",
                };
                let core = t.trim();
                if marker.is_empty() || core.is_empty() {
                    edits.push_str(&t);
                } else {
                    let lead = &t[..t.len() - t.trim_start().len()];
                    let trail = &t[t.trim_end().len()..];
                    let _ = write!(edits, "{lead}{marker}{core}{marker}{trail}");
                }
            }
            details.push(edits);
        }
        // The texts beside their labels, so that each row reads on its own.
        let side = |labels: &[PointRef]| {
            if super::shows_texts(c) {
                labels
                    .iter()
                    .map(|l| {
                        let text = diff.text_of(l).unwrap_or_default();
                        format!("**{}** {}", cell(l.as_str()), cell(text))
                    })
                    .collect::<Vec<_>>()
                    .join("<br>")
            } else {
                cell(&labels.join(", "))
            }
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            c.kind,
            side(&c.old),
            side(&c.new),
            details.join("<br>")
        );
    }
    if !diff.notes().is_empty() || !diff.taken_up().is_empty() {
        out.push('\n');
        for n in diff.notes() {
            let _ = writeln!(out, "- {}", line_cell(&n.to_string()));
        }
        for t in diff.taken_up() {
            let _ = writeln!(out, "- {}", line_cell(&t.to_string()));
        }
    }
    out.finish()
}

/// A history as a Markdown table: version, date, label, points, implied bump, summary.
pub fn log_markdown(h: &History) -> String {
    log_markdown_rows(&h.log())
}

/// [`log_markdown`] from rows already computed (see [`crate::history::log_rows`]).
pub fn log_markdown_rows(rows: &[LogRow]) -> String {
    let mut out = String::from(
        "| Version | Date | Label | Points | Declared bump | Required bump | Changes |\n|---|---|---|---|---|---|---|\n",
    );
    for row in rows {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
            row.version,
            cell(row.date.as_deref().unwrap_or("")),
            cell(row.label.as_deref().unwrap_or("")),
            row.points,
            row.declared.map(|b| b.to_string()).unwrap_or_default(),
            row.bump.map(|b| b.to_string()).unwrap_or_default(),
            cell(
                &row.summary
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default()
            )
        );
    }
    out
}

/// [`log_markdown_rows`] written to `w`.
pub fn write_log_markdown(rows: &[LogRow], mut w: impl std::io::Write) -> std::io::Result<()> {
    w.write_all(log_markdown_rows(rows).as_bytes())
}

/// [`trace_markdown`] written to `w`.
pub fn write_trace_markdown(t: &Trace, mut w: impl std::io::Write) -> std::io::Result<()> {
    w.write_all(trace_markdown(t).as_bytes())
}

/// A lineage as a Markdown list, one item per revision.
pub fn trace_markdown(t: &Trace) -> String {
    let dir = match t.direction {
        crate::history::Direction::Forward => "forward",
        crate::history::Direction::Backward => "backward",
    };
    let mut out = format!(
        "### Point {} of {}, traced {dir}\n\n",
        cell(&t.label),
        t.version
    );
    if t.steps.is_empty() {
        out.push_str("No other drafts in that direction.\n");
    }
    for s in &t.steps {
        let events: Vec<String> = s.events.iter().map(|e| cell(&e.to_string())).collect();
        let _ = writeln!(out, "- **{} → {}**: {}", s.from, s.to, events.join("; "));
    }
    out
}
