//! Printers of a [`Comparison`] of counter-proposals: text, Markdown, JSON and a self-contained HTML
//! table with a column per proposal. Every row says what the base point says and what each proposal
//! made of it, so it reads without the files.

use std::fmt::Write as _;

use super::{Sink, visible};
use crate::compare::{Comparison, Fate, FateKind, FigureRow, Row, Verdict};

/// How a verdict reads between proposals named `a` and `b`: `same`, `EU only`, `converged`...
fn verdict_text(v: Verdict, a: &str, b: &str) -> String {
    match v {
        Verdict::Same => "same".to_string(),
        Verdict::AOnly => format!("{a} only"),
        Verdict::BOnly => format!("{b} only"),
        Verdict::Converged => "converged".to_string(),
        Verdict::Conflict => "conflict".to_string(),
    }
}

/// The proposals' names.
fn names(c: &Comparison) -> Vec<String> {
    c.proposals().map(|p| p.name.clone()).collect()
}

/// A fate in words: `kept as 6`, `reworded as 5 (similarity 0.82)`, `merged into 4 with 3, 7`,
/// `deferred as D2 to presidents' meeting`, `removed`, `absent`.
pub(crate) fn fate_text(f: &Fate) -> String {
    let labels = f
        .labels
        .iter()
        .map(|l| l.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let mut s = match f.kind {
        FateKind::Removed | FateKind::Absent => f.kind.to_string(),
        FateKind::Merged => format!("merged into {labels}"),
        FateKind::Split => format!("split into {labels}"),
        _ => format!("{} as {labels}", f.kind),
    };
    if !f.with.is_empty() {
        let with: Vec<&str> = f.with.iter().map(|l| l.as_str()).collect();
        let _ = write!(s, " with base {}", with.join(", "));
    }
    // The forum of a deferral (a deferred item kept in the list is still set aside for its own).
    if let Some(forum) = f.forum.as_ref().filter(|_| f.kind == FateKind::Deferred) {
        let _ = write!(s, " to {forum}");
    }
    if f.moved {
        s.push_str(", moved");
    }
    if let Some(sim) = f.similarity.filter(|_| {
        matches!(
            f.kind,
            FateKind::Reworded | FateKind::Merged | FateKind::Split
        )
    }) {
        let _ = write!(s, " (similarity {sim:.2})");
    }
    s
}

/// Whether a fate's text is worth showing: the proposal changed the point's words or place.
fn shows_text(f: &Fate) -> bool {
    !matches!(
        f.kind,
        FateKind::Kept | FateKind::Removed | FateKind::Absent
    )
}

/// A figure row in words: `base 600,000 personnel; EU 800,000 personnel; RU 600,000 personnel`.
pub(crate) fn figure_text(f: &FigureRow, names: &[String]) -> String {
    let mut parts = Vec::new();
    if let Some(b) = &f.base {
        parts.push(format!("base {b}"));
    } else if names.len() == f.values.len() {
        parts.push("base -".to_string());
    }
    for (name, v) in names.iter().zip(&f.values) {
        parts.push(format!("{name} {}", v.as_deref().unwrap_or("-")));
    }
    parts.join("; ")
}

/// The texts of a fate's points in proposal `i`, each `label: text`.
fn fate_texts(c: &Comparison, i: usize, f: &Fate) -> Vec<String> {
    f.labels
        .iter()
        .map(|l| {
            format!(
                "{}: {}",
                l.as_str(),
                c.text_of(Some(i), l).unwrap_or_default()
            )
        })
        .collect()
}

/// A row's point of the base as a table shows it: its label, or `new` for a point new in the
/// proposals.
fn row_label(r: &Row) -> &str {
    r.base.as_ref().map_or("new", |b| b.as_str())
}

/// The text of a row's point of the base (empty for a point new in the proposals).
fn base_text<'c>(c: &'c Comparison, r: &Row) -> &'c str {
    r.base
        .as_ref()
        .and_then(|b| c.text_of(None, b))
        .unwrap_or_default()
}

/// The verdicts of a row in words: for two proposals one (`EU only`), for more each pair
/// (`EU/RU: conflict; EU/UA: same`).
fn verdicts_text(c: &Comparison, r: &Row, names: &[String]) -> String {
    let pairs = c.pairs();
    if pairs.len() == 1 {
        let (a, b) = pairs[0];
        return verdict_text(r.verdicts[0], &names[a], &names[b]);
    }
    pairs
        .iter()
        .zip(&r.verdicts)
        .map(|(&(a, b), &v)| {
            format!(
                "{}/{}: {}",
                names[a],
                names[b],
                verdict_text(v, &names[a], &names[b])
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The comparison as text.
pub fn compare_text(c: &Comparison) -> String {
    super::in_memory(|out| write_compare_text(c, out))
}

/// Writes [`compare_text`]'s output to `w` as it is made.
///
/// ```
/// use peaceplan::{compare::compare, format::parse_text, render};
/// let base = parse_text("1. A ceasefire.\n2. Armed forces capped at 600,000.\n")?;
/// let eu = parse_text("1. A ceasefire.\n2. Armed forces capped at 800,000.\n")?;
/// let ru = parse_text("1. A ceasefire.\n")?;
/// let text = render::compare_text(&compare(&base, &[("EU", &eu), ("RU", &ru)])?);
/// assert!(text.contains("EU and RU: 1 same, 0 EU only, 0 RU only, 0 converged, 1 conflict"));
/// assert!(text.contains("figures: base 600,000; EU 800,000; RU -"));
/// # Ok::<(), peaceplan::Error>(())
/// ```
pub fn write_compare_text(c: &Comparison, w: impl std::io::Write) -> std::io::Result<()> {
    let mut out = Sink::new(w);
    let names = names(c);
    let _ = writeln!(out, "base: {}", visible(&c.base_info().to_string()));
    for p in c.proposals() {
        let _ = writeln!(
            out,
            "{}: {}",
            visible(&p.name),
            visible(&p.info.to_string())
        );
    }
    for s in c.summary() {
        let _ = writeln!(out, "{}", visible(&s.to_string()));
    }
    for r in c.rows() {
        out.push('\n');
        let head = match &r.base {
            Some(b) if b.is_deferred() => format!("deferred item {}", b.as_str()),
            Some(b) => format!("point {}", b.as_str()),
            None => "new point".to_string(),
        };
        let base_text = base_text(c, r);
        if r.base.is_some() && r.is_same() {
            // Kept word for word by all; a renumbering out of order is still said.
            let moved: Vec<&str> = r
                .fates
                .iter()
                .zip(&names)
                .filter(|(f, _)| f.moved)
                .map(|(_, n)| n.as_str())
                .collect();
            let how = if moved.is_empty() {
                "kept by all".to_string()
            } else {
                format!("kept by all; moved in {}", moved.join(", "))
            };
            let _ = writeln!(
                out,
                "{} ({}): {}",
                visible(&head),
                visible(&how),
                super::one_line(&visible(base_text))
            );
            continue;
        }
        if r.base.is_some() {
            let _ = writeln!(
                out,
                "{}: {}",
                visible(&head),
                super::one_line(&visible(base_text))
            );
        } else {
            let _ = writeln!(out, "{head}");
        }
        for (i, f) in r.fates.iter().enumerate() {
            let _ = writeln!(out, "  {}: {}", visible(&names[i]), visible(&fate_text(f)));
            if shows_text(f) {
                for t in fate_texts(c, i, f) {
                    let _ = writeln!(out, "    {}", super::one_line(&visible(&t)));
                }
            }
        }
        let _ = writeln!(out, "  verdict: {}", visible(&verdicts_text(c, r, &names)));
        for f in &r.figures {
            let _ = writeln!(out, "  figures: {}", visible(&figure_text(f, &names)));
        }
    }
    out.finish()
}

/// Escapes text from a draft for a Markdown table cell (as the diff's Markdown does).
fn cell(s: &str) -> String {
    super::markdown::cell(s)
}

/// The comparison as Markdown: the drafts, a summary per pair, and a table with a column per
/// proposal.
pub fn compare_markdown(c: &Comparison) -> String {
    super::in_memory(|out| write_compare_markdown(c, out))
}

/// Writes [`compare_markdown`]'s output to `w` as it is made.
pub fn write_compare_markdown(c: &Comparison, w: impl std::io::Write) -> std::io::Result<()> {
    let mut out = Sink::new(w);
    let names = names(c);
    let _ = writeln!(
        out,
        "## Counter-proposals to {}\n",
        cell(&c.base_info().to_string())
    );
    for p in c.proposals() {
        let _ = writeln!(
            out,
            "- **{}**: {}",
            cell(&p.name),
            cell(&p.info.to_string())
        );
    }
    out.push('\n');
    for s in c.summary() {
        let _ = writeln!(out, "- {}", super::markdown::line_cell(&s.to_string()));
    }
    out.push('\n');
    out.push_str("| Point | Base |");
    for n in &names {
        let _ = write!(out, " {} |", cell(n));
    }
    out.push_str(" Verdict |\n|---|---|");
    for _ in &names {
        out.push_str("---|");
    }
    out.push_str("---|\n");
    for r in c.rows() {
        let (label, base_text) = (row_label(r), base_text(c, r));
        let _ = write!(out, "| {} | {} |", cell(label), cell(base_text));
        for (i, f) in r.fates.iter().enumerate() {
            let mut parts = vec![cell(&fate_text(f))];
            if shows_text(f) {
                parts.extend(fate_texts(c, i, f).iter().map(|t| cell(t)));
            }
            let _ = write!(out, " {} |", parts.join("<br>"));
        }
        let mut verdict = cell(&verdicts_text(c, r, &names));
        for f in &r.figures {
            let _ = write!(verdict, "<br>figures: {}", cell(&figure_text(f, &names)));
        }
        let _ = writeln!(out, " {verdict} |");
    }
    out.finish()
}

/// The comparison as pretty-printed JSON (schema `peaceplan.compare/1`, docs/JSON.md), ending with
/// a newline.
pub fn compare_json(c: &Comparison) -> String {
    super::in_memory(|out| write_compare_json(c, out))
}

/// Writes [`compare_json`]'s output to `w`.
pub fn write_compare_json(c: &Comparison, mut w: impl std::io::Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut w, c)?;
    w.write_all(b"\n")
}

/// Escapes text for HTML.
fn esc(s: &str) -> String {
    super::html::esc(s)
}

/// The colour of a verdict's badge.
fn verdict_color(v: Verdict) -> &'static str {
    match v {
        Verdict::Same => "#7c8896",
        Verdict::AOnly | Verdict::BOnly => "#3a7bd5",
        Verdict::Converged => "#2e9e4f",
        Verdict::Conflict => "#c0392b",
    }
}

/// The comparison as a self-contained HTML page: the drafts, a summary per pair, and a table with a
/// column per proposal, its verdicts coloured.
pub fn compare_html(c: &Comparison) -> String {
    super::in_memory(|out| write_compare_html(c, out))
}

/// Writes [`compare_html`]'s page to `w` as it is made.
pub fn write_compare_html(c: &Comparison, w: impl std::io::Write) -> std::io::Result<()> {
    let mut out = Sink::new(w);
    let names = names(c);
    let title = format!("Counter-proposals to {}", c.base_info());
    let _ = writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"generator\" content=\"peaceplan\">\n<title>{}</title>\n<style>{}{STYLE}</style>\n</head>\n<body>",
        esc(&title),
        super::html::STYLE
    );
    let _ = writeln!(out, "<header>\n<h1>{}</h1>", esc(&title));
    out.push_str("<table class=\"drafts\"><tr><th></th><th>Draft</th><th>Points</th><th>Deferred</th></tr>\n");
    let base = c.base_info();
    let _ = writeln!(
        out,
        "<tr><th>Base</th><td>{}</td><td>{}</td><td>{}</td></tr>",
        esc(&base.to_string()),
        base.points,
        base.deferred
    );
    for p in c.proposals() {
        let _ = writeln!(
            out,
            "<tr><th>{}</th><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&p.name),
            esc(&p.info.to_string()),
            p.info.points,
            p.info.deferred
        );
    }
    out.push_str("</table>\n");
    for s in c.summary() {
        let _ = writeln!(out, "<p class=\"summary\">{}</p>", esc(&s.to_string()));
    }
    out.push_str("</header>\n<table class=\"changes compare\">\n<tr><th>Point</th><th>Base</th>");
    for n in &names {
        let _ = write!(out, "<th>{}</th>", esc(n));
    }
    out.push_str("<th>Verdict</th></tr>\n");
    let pairs = c.pairs();
    for r in c.rows() {
        let (label, base_text) = (row_label(r), base_text(c, r));
        let _ = write!(
            out,
            "<tr><td><b>{}</b></td><td class=\"text\">{}</td>",
            esc(label),
            esc(base_text).replace('\n', "<br>")
        );
        for (i, f) in r.fates.iter().enumerate() {
            let _ = write!(
                out,
                "<td class=\"text fate-{}\"><span class=\"meta\">{}</span>",
                f.kind,
                esc(&fate_text(f))
            );
            if shows_text(f) {
                for t in fate_texts(c, i, f) {
                    let _ = write!(out, "<p>{}</p>", esc(&t).replace('\n', "<br>"));
                }
            }
            out.push_str("</td>");
        }
        out.push_str("<td>");
        for (k, (&(a, b), &v)) in pairs.iter().zip(&r.verdicts).enumerate() {
            if k > 0 {
                out.push_str("<br>");
            }
            if pairs.len() > 1 {
                let _ = write!(
                    out,
                    "<span class=\"meta\">{} / {}</span> ",
                    esc(&names[a]),
                    esc(&names[b])
                );
            }
            let _ = write!(
                out,
                "<span class=\"badge\" style=\"background:{}\">{}</span>",
                verdict_color(v),
                esc(&verdict_text(v, &names[a], &names[b]))
            );
        }
        for f in &r.figures {
            let _ = write!(
                out,
                "<br><span class=\"meta\">figures: {}</span>",
                esc(&figure_text(f, &names))
            );
        }
        out.push_str("</td></tr>\n");
    }
    out.push_str("</table>\n</body>\n</html>\n");
    out.finish()
}

/// Styles of the comparison's table, beside the diff report's.
const STYLE: &str = "
table.compare td.text { width: auto; } table.compare td.fate-kept, table.compare td.fate-absent { color: #7c8896; }
table.compare p { margin: 2px 0; }
";
