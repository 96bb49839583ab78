//! A self-contained HTML report: summary header, an SVG picture of how the points flowed, and a
//! side-by-side table of the changes with word-level highlights. Inline CSS and SVG only: no scripts,
//! no fonts or anything else fetched from the network.

use std::fmt::Write;

use crate::hash::HashMap;

use super::{Sink, entries};
use crate::diff::{Change, ChangeKind, EditOp, PlanDiff, PointRef, Scope, deferred_names};
use crate::model::Draft;

/// Escapes text for HTML and SVG.
pub(crate) fn esc(s: &str) -> String {
    // Control characters are shown as escapes here too (a report may be read with `cat`), then
    // the text is escaped for HTML.
    let s = super::visible(s);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The first `n` characters of a one-line version of `s`, with an ellipsis when cut.
fn clip(s: &str, n: usize) -> String {
    let one: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() <= n {
        one
    } else {
        let mut c: String = one.chars().take(n.saturating_sub(1)).collect();
        c.push('…');
        c
    }
}

fn kind_class(c: &Change) -> &'static str {
    match (c.scope, c.kind) {
        // Items kept in the deferred list as they were; reworded, merged or split ones show as such.
        (Scope::DeferredList, ChangeKind::Unchanged) => "still-deferred",
        (_, kind) => kind.as_str(),
    }
}

/// Colours per kind, shared by the picture, the legend and the table.
const COLORS: [(&str, &str); 9] = [
    ("unchanged", "#9aa5b1"),
    ("reworded", "#e0a526"),
    ("removed", "#d64545"),
    ("added", "#3f9c35"),
    ("merged", "#8e44ad"),
    ("split", "#1f9bb5"),
    ("deferred", "#2f6fd0"),
    ("reinstated", "#16a085"),
    ("still-deferred", "#c3cad3"),
];

pub(crate) const STYLE: &str = "
body { font: 15px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #1d2733; margin: 24px auto; max-width: 1180px; padding: 0 16px; }
h1 { font-size: 22px; margin: 0 0 8px; } h2 { font-size: 18px; margin: 28px 0 8px; }
table { border-collapse: collapse; } td, th { padding: 4px 8px; vertical-align: top; text-align: left; }
table.drafts td, table.drafts th { border-bottom: 1px solid #e3e7ec; }
p.summary { font-size: 16px; font-weight: 600; }
.counts span { display: inline-block; margin: 2px 10px 2px 0; padding: 1px 8px; border-radius: 10px; color: #fff; font-size: 13px; }
table.changes { width: 100%; } table.changes td { border-top: 1px solid #e3e7ec; } table.changes td.text { width: 42%; }
.badge { display: inline-block; padding: 0 7px; border-radius: 9px; color: #fff; font-size: 12px; }
.meta { color: #5b6775; font-size: 12px; }
del { background: #fbd9d9; color: #8a1c1c; } ins { background: #d6f2d2; color: #1f5a17; text-decoration: none; }
svg text { font: 11px system-ui, sans-serif; fill: #1d2733; }
svg .ribbon { fill: none; stroke-opacity: 0.55; }
svg .box { stroke: #7c8896; stroke-width: 0.6; }
svg .forum { fill: #f3f6fa; stroke: #7c8896; stroke-width: 0.8; }
";

fn color(kind: &str) -> &'static str {
    COLORS
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or("#999999", |(_, c)| c)
}

/// Where each point sits in the picture, and how many ribbons join them.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct HtmlLayout {
    /// Width of the SVG picture in pixels.
    pub width: f64,
    /// Height of the SVG picture in pixels.
    pub height: f64,
    /// Number of ribbons: one per (old point, new point) link of a kept, reworded, merged, split,
    /// deferred or reinstated change, and one per deferred item that stays deferred.
    pub ribbons: usize,
    row: f64,
    old_y: Vec<f64>,
    new_y: Vec<f64>,
    old_def_y: Vec<f64>,
    new_def_y: Vec<f64>,
    /// (title, y, height) of each box, left and right: a forum's deferred items (`Deferred: ...`)
    /// and a companion document's points (`Document: ...`).
    old_forums: Vec<(String, f64, f64)>,
    new_forums: Vec<(String, f64, f64)>,
}

const WIDTH: f64 = 1100.0;
const BOX: f64 = 250.0;
const TOP: f64 = 64.0;

/// Stacks deferred items under their forum headers from `y`; returns their centres and the boxes.
fn forum_boxes(d: &Draft, y: f64, row: f64) -> (Vec<f64>, Vec<(String, f64, f64)>, f64) {
    let mut ys = vec![0.0; d.deferred.len()];
    let mut boxes: Vec<(String, f64, f64)> = Vec::new();
    // The items of each forum, forums in the order they first appear: one pass over the items.
    let mut order: Vec<(&str, Vec<usize>)> = Vec::new();
    let mut slot: HashMap<&str, usize> = HashMap::default();
    for (i, item) in d.deferred.iter().enumerate() {
        let f = item.forum.as_deref().unwrap_or("deferred");
        let k = *slot.entry(f).or_insert_with(|| {
            order.push((f, Vec::new()));
            order.len() - 1
        });
        order[k].1.push(i);
    }
    let mut y = y;
    for (forum, items) in order {
        let top = y;
        y += 18.0;
        for i in items {
            ys[i] = y + row / 2.0;
            y += row;
        }
        y += 6.0;
        boxes.push((format!("Deferred: {forum}"), top, y - top));
        y += 12.0;
    }
    (ys, boxes, y)
}

/// Where the body points of a side sit: one row each, and each companion document's points
/// (after the main draft's) in a box of their own, headed by its id; with the boxes (a title
/// starting `Document: `, top, height) and where the points end.
fn document_rows(
    n: usize,
    spans: &[crate::diff::DocumentSpan],
    row: f64,
) -> (Vec<f64>, Vec<(String, f64, f64)>, f64) {
    let mut ys = Vec::with_capacity(n);
    let mut boxes = Vec::new();
    let mut y = TOP;
    let mut next = spans.iter().skip(1).peekable();
    for i in 0..n {
        if let Some(span) = next.next_if(|s| s.points.start == i && !s.points.is_empty()) {
            y += 12.0;
            let top = y;
            y += 18.0;
            let height = 18.0 + span.points.len() as f64 * row + 6.0;
            boxes.push((format!("Document: {}", span.id), top, height));
        }
        ys.push(y + row / 2.0);
        y += row;
        if spans
            .iter()
            .skip(1)
            .any(|s| s.points.end == i + 1 && !s.points.is_empty())
        {
            y += 6.0;
        }
    }
    (ys, boxes, y)
}

/// Computes the picture's layout for a diff.
pub(crate) fn html_layout(diff: &PlanDiff) -> HtmlLayout {
    let (old, new) = (diff.old_draft(), diff.new_draft());
    let n = old
        .points
        .len()
        .max(new.points.len() + new.deferred.len())
        .max(old.points.len() + old.deferred.len())
        .max(1);
    let row = (1400.0 / n as f64).clamp(6.0, 22.0);
    let (old_y, old_docs, old_end) = document_rows(old.points.len(), diff.old_documents(), row);
    let (new_y, new_docs, new_end) = document_rows(new.points.len(), diff.new_documents(), row);
    let (old_def_y, mut old_forums, left_end) = forum_boxes(old, old_end + 24.0, row);
    let (new_def_y, mut new_forums, right_end) = forum_boxes(new, new_end + 24.0, row);
    old_forums.extend(old_docs);
    new_forums.extend(new_docs);
    let ribbons = diff
        .changes()
        .iter()
        .filter(|c| !c.old.is_empty() && !c.new.is_empty())
        .map(|c| c.old.len() * c.new.len())
        .sum::<usize>();
    HtmlLayout {
        width: WIDTH,
        height: left_end.max(right_end) + 16.0,
        ribbons,
        row,
        old_y,
        new_y,
        old_def_y,
        new_def_y,
        old_forums,
        new_forums,
    }
}

#[allow(clippy::too_many_arguments)]
fn ribbon(
    out: &mut impl Write,
    x1: f64,
    y1: f64,
    x2: f64,
    y2: f64,
    width: f64,
    kind: &str,
    title: &str,
) {
    let xm = (x1 + x2) / 2.0;
    let _ = writeln!(
        out,
        r#"<path class="ribbon {kind}" d="M{x1:.1} {y1:.1} C{xm:.1} {y1:.1} {xm:.1} {y2:.1} {x2:.1} {y2:.1}" stroke="{}" stroke-width="{width:.1}"><title>{}</title></path>"#,
        color(kind),
        esc(title)
    );
}

/// A box for one point: label, the start of its text when rows are tall enough, and its text on hover.
#[allow(clippy::too_many_arguments)]
fn point_box(
    out: &mut impl Write,
    x: f64,
    y: f64,
    row: f64,
    label: &str,
    text: &str,
    kind: &str,
    align_right: bool,
) {
    let h = (row - 2.0).max(3.0);
    let _ = write!(
        out,
        r#"<g class="point {kind}"><rect class="box" x="{x:.1}" y="{:.1}" width="{BOX}" height="{h:.1}" rx="3" fill="{}" fill-opacity="0.25"/>"#,
        y - h / 2.0,
        color(kind)
    );
    if row >= 12.0 {
        let chars = ((BOX - 40.0) / 6.0) as usize;
        let (tx, anchor) = if align_right {
            (x + BOX - 6.0, "end")
        } else {
            (x + 6.0, "start")
        };
        let _ = write!(
            out,
            r#"<text x="{tx:.1}" y="{:.1}" text-anchor="{anchor}"><tspan font-weight="600">{}</tspan> {}</text>"#,
            y + 4.0,
            esc(label),
            esc(&clip(text, chars))
        );
    }
    let _ = writeln!(
        out,
        "<title>{} {}</title></g>",
        esc(label),
        esc(&clip(text, 400))
    );
}

fn forum_frames(out: &mut impl Write, x: f64, forums: &[(String, f64, f64)]) {
    for (forum, y, h) in forums {
        let _ = writeln!(
            out,
            r#"<g class="forum-box"><rect class="forum" x="{:.1}" y="{y:.1}" width="{:.1}" height="{h:.1}" rx="5"/><text x="{:.1}" y="{:.1}" font-weight="600">{}</text></g>"#,
            x - 4.0,
            BOX + 8.0,
            x + 4.0,
            y + 13.0,
            esc(forum)
        );
    }
}

fn svg(
    out: &mut impl Write,
    diff: &PlanDiff,
    l: &HtmlLayout,
    old_names: &[String],
    new_names: &[String],
) {
    let (old, new) = (diff.old_draft(), diff.new_draft());
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{:.0}" height="{:.0}" viewBox="0 0 {:.0} {:.0}" role="img" aria-label="How the points flowed">"#,
        l.width, l.height, l.width, l.height
    );
    // Legend.
    let mut x = 10.0;
    for (kind, c) in COLORS {
        let _ = writeln!(
            out,
            r#"<g class="legend"><rect x="{x:.1}" y="8" width="14" height="10" fill="{c}"/><text x="{:.1}" y="17">{}</text></g>"#,
            x + 18.0,
            kind.replace('-', " ")
        );
        x += 18.0 + 7.0 * kind.len() as f64 + 18.0;
    }
    let _ = writeln!(
        out,
        r#"<text x="10" y="46" font-weight="600">{}</text><text x="{:.1}" y="46" font-weight="600" text-anchor="end">{}</text>"#,
        esc(&clip(&diff.from().to_string(), 60)),
        l.width - 10.0,
        esc(&clip(&diff.to().to_string(), 60))
    );
    let (xl, xr) = (10.0, l.width - 10.0 - BOX);
    forum_frames(out, xl, &l.old_forums);
    forum_frames(out, xr, &l.new_forums);
    let stroke = (l.row * 0.6).max(2.0);
    let old_ys: Vec<f64> = l.old_y.iter().chain(&l.old_def_y).copied().collect();
    let new_ys: Vec<f64> = l.new_y.iter().chain(&l.new_def_y).copied().collect();
    let old_rows: HashMap<&str, f64> = entries(old, old_names)
        .zip(old_ys.iter().copied())
        .map(|((label, _), y)| (label, y))
        .collect();
    let new_rows: HashMap<&str, f64> = entries(new, new_names)
        .zip(new_ys.iter().copied())
        .map(|((label, _), y)| (label, y))
        .collect();
    // Ribbons first, boxes on top.
    for c in diff.changes() {
        let kind = kind_class(c);
        for o in &c.old {
            let Some(y1) = old_rows.get(o.as_str()).copied() else {
                continue;
            };
            if c.new.is_empty() {
                // Removed: the ribbon ends in a mark.
                let (x1, x2) = (xl + BOX, xl + BOX + 34.0);
                let _ = writeln!(
                    out,
                    r#"<g class="end removed"><path d="M{x1:.1} {y1:.1} H{x2:.1}" stroke="{c}" stroke-width="{stroke:.1}" stroke-opacity="0.55"/><path d="M{:.1} {:.1} l8 8 m0 -8 l-8 8" stroke="{c}" stroke-width="2"/><title>{} removed</title></g>"#,
                    x2 + 2.0,
                    y1 - 4.0,
                    esc(o.as_str()),
                    c = color("removed")
                );
            }
            for n in &c.new {
                let Some(y2) = new_rows.get(n.as_str()).copied() else {
                    continue;
                };
                let mut title = format!("{o} -> {n}: {kind}");
                if c.moved {
                    title.push_str(" (moved)");
                }
                ribbon(out, xl + BOX, y1, xr, y2, stroke, kind, &title);
            }
        }
        if c.old.is_empty() {
            // Added: the ribbon starts from nothing.
            for n in &c.new {
                let Some(y2) = new_rows.get(n.as_str()).copied() else {
                    continue;
                };
                let _ = writeln!(
                    out,
                    r#"<g class="start added"><path d="M{:.1} {y2:.1} H{xr:.1}" stroke="{c}" stroke-width="{stroke:.1}" stroke-opacity="0.55" stroke-dasharray="4 3"/><circle cx="{:.1}" cy="{y2:.1}" r="3" fill="{c}"/><title>{} added</title></g>"#,
                    xr - 44.0,
                    xr - 46.0,
                    esc(n.as_str()),
                    c = color("added")
                );
            }
        }
    }
    // Boxes, coloured by what happened to them.
    let mut old_kind: HashMap<&str, &str> = HashMap::default();
    let mut new_kind: HashMap<&str, &str> = HashMap::default();
    for c in diff.changes() {
        for l in &c.old {
            old_kind.insert(l.as_str(), kind_class(c));
        }
        for l in &c.new {
            new_kind.insert(l.as_str(), kind_class(c));
        }
    }
    let kind_of_old = |label: &str| old_kind.get(label).copied().unwrap_or("still-deferred");
    let kind_of_new = |label: &str| new_kind.get(label).copied().unwrap_or("still-deferred");
    for ((label, text), &y) in entries(old, old_names).zip(&old_ys) {
        point_box(out, xl, y, l.row, label, text, kind_of_old(label), false);
    }
    for ((label, text), &y) in entries(new, new_names).zip(&new_ys) {
        point_box(out, xr, y, l.row, label, text, kind_of_new(label), true);
    }
    let _ = out.write_str("</svg>\n");
}

/// The points of one side of a change, each its label and text.
fn side_cell(diff: &PlanDiff, points: &[PointRef]) -> String {
    let mut out = String::new();
    for l in points {
        let text = diff.text_of(l).unwrap_or_default();
        let _ = write!(
            out,
            "<p><b>{}</b> {}</p>",
            esc(l.as_str()),
            esc(text).replace('\n', "<br>")
        );
    }
    out
}

fn edits_cell(c: &Change, keep: EditOp, label: &str) -> String {
    let mut out = format!("<p><b>{}</b> ", esc(label));
    for e in &c.edits {
        let t = esc(e.text).replace('\n', "<br>");
        match e.op {
            EditOp::Equal => out.push_str(&t),
            op if op == keep => {
                let tag = if op == EditOp::Delete { "del" } else { "ins" };
                let _ = write!(out, "<{tag}>{t}</{tag}>");
            }
            _ => {}
        }
    }
    out.push_str("</p>");
    out
}

/// The diff as one self-contained HTML page.
pub fn html(diff: &PlanDiff) -> String {
    super::in_memory(|out| write_html(diff, out))
}

/// Writes [`html`]'s page to `w` as it is made (wrap a file or stdout in a `BufWriter`): a large
/// report is never held in memory whole.
pub fn write_html(diff: &PlanDiff, w: impl std::io::Write) -> std::io::Result<()> {
    let mut out = Sink::new(w);
    let layout = html_layout(diff);
    let (old_names, new_names) = (
        &deferred_names(diff.old_draft()),
        &deferred_names(diff.new_draft()),
    );
    let summary = diff.summary();
    let title = format!("{} -> {}", diff.from(), diff.to());
    let _ = writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"generator\" content=\"peaceplan\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>",
        esc(&title)
    );
    let _ = writeln!(
        out,
        "<header>\n<h1>{}</h1>",
        esc(diff
            .to()
            .title
            .as_deref()
            .or(diff.from().title.as_deref())
            .unwrap_or("Draft comparison"))
    );
    out.push_str("<table class=\"drafts\"><tr><th></th><th>Title</th><th>Version</th><th>Date</th><th>Label</th><th>Points</th><th>Deferred</th></tr>\n");
    for (name, info) in [("From", &diff.from()), ("To", &diff.to())] {
        let _ = writeln!(
            out,
            "<tr><th>{name}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(info.title.as_deref().unwrap_or("")),
            info.version
                .as_ref()
                .map(|v| v.to_string())
                .unwrap_or_default(),
            esc(info.date.as_deref().unwrap_or("")),
            esc(info.label.as_deref().unwrap_or("")),
            info.points,
            info.deferred
        );
    }
    out.push_str("</table>\n");
    let _ = writeln!(
        out,
        "<p class=\"summary\">{}</p>",
        esc(&summary.to_string())
    );
    out.push_str("<p class=\"counts\">");
    let counts = [
        ("unchanged", summary.unchanged),
        ("reworded", summary.reworded),
        ("removed", summary.removed),
        ("added", summary.added),
        ("merged", summary.merged),
        ("split", summary.split),
        ("deferred", summary.deferred),
        ("reinstated", summary.reinstated),
    ];
    for (kind, n) in counts {
        let _ = write!(
            out,
            "<span style=\"background:{}\">{kind}: {n}</span>",
            color(kind)
        );
    }
    let _ = writeln!(
        out,
        "<span style=\"background:#5b6775\">moved: {}</span></p>",
        summary.moved
    );
    // A plan over several documents: which, and where items set aside for a companion went; and
    // the `{from: ...}` references not followed.
    if let Some(docs) = super::documents_line(diff) {
        let _ = writeln!(out, "<p class=\"meta\">{}</p>", esc(&docs));
    }
    let notes: Vec<String> = diff
        .taken_up()
        .iter()
        .map(ToString::to_string)
        .chain(diff.notes().iter().map(ToString::to_string))
        .collect();
    if !notes.is_empty() {
        out.push_str("<ul class=\"notes\">\n");
        for n in &notes {
            let _ = writeln!(out, "<li>{}</li>", esc(n));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</header>\n");
    out.push_str("<section class=\"flow\">\n<h2>How the points flowed</h2>\n<p class=\"meta\">Old points on the left, new ones on the right; hover over a point or a ribbon for its text.</p>\n");
    svg(&mut out, diff, &layout, old_names, new_names);
    out.push_str("</section>\n<section>\n<h2>Changes</h2>\n<table class=\"changes\">\n<tr><th>Change</th><th>Old</th><th>New</th></tr>\n");
    for c in diff.changes() {
        let details = super::details(c);
        let mut head = format!(
            "<span class=\"badge\" style=\"background:{}\">{}</span> <span class=\"meta\">{}</span>",
            color(kind_class(c)),
            c.kind,
            esc(&super::sides(c))
        );
        if !details.is_empty() {
            let _ = write!(
                head,
                "<br><span class=\"meta\">{}</span>",
                esc(&details.join("; "))
            );
        }
        let (left, right) = if c.kind == ChangeKind::Reworded && !c.edits.is_empty() {
            (
                edits_cell(c, EditOp::Delete, &c.old.join(", ")),
                edits_cell(c, EditOp::Insert, &c.new.join(", ")),
            )
        } else {
            (side_cell(diff, &c.old), side_cell(diff, &c.new))
        };
        let _ = writeln!(
            out,
            "<tr class=\"{}\"><td>{head}</td><td class=\"text\">{left}</td><td class=\"text\">{right}</td></tr>",
            kind_class(c)
        );
    }
    out.push_str("</table>\n</section>\n</body>\n</html>\n");
    out.finish()
}
