//! Rendering a [`PlanDiff`]: plain or coloured text (also its `Display`), JSON (schema
//! `peaceplan.diff/2`, documented in `docs/JSON.md`), Markdown, and a self-contained HTML report with a
//! picture of how the points flowed. Every renderer reads the same `PlanDiff`.

mod compare;
mod history;
mod html;
mod markdown;

use std::borrow::Cow;
use std::fmt::{self, Write as _};

use serde::Serialize;

use crate::diff::{Change, ChangeKind, DraftInfo, EditOp, PlanDiff, Scope, Summary};

pub use compare::{
    compare_html, compare_json, compare_markdown, compare_text, write_compare_html,
    write_compare_json, write_compare_markdown, write_compare_text,
};
pub use history::{
    TRACE_SCHEMA, log_text, trace_json, write_check_text, write_log_text, write_status_text,
    write_trace_json, write_trace_text,
};
pub use html::{html, write_html};
pub use markdown::{
    log_markdown, log_markdown_rows, markdown, trace_markdown, write_log_markdown, write_markdown,
    write_trace_markdown,
};

/// A draft in one of its formats (see [`crate::format::write`]). The text format is read by people:
/// its control characters are shown, not obeyed (see [`visible`]); JSON and TOML escape them by their
/// own rules and keep every draft exactly.
///
/// ```
/// let d = peaceplan::format::parse_text("1. A ceasefire.\u{1b}[2J\n")?;
/// let text = peaceplan::render::draft(&d, peaceplan::Format::Text)?;
/// assert_eq!(text, "1. A ceasefire.\\u{1b}[2J\n");
/// # Ok::<(), peaceplan::Error>(())
/// ```
pub fn draft(draft: &crate::model::Draft, format: crate::format::Format) -> crate::Result<String> {
    let out = crate::format::write(draft, format)?;
    Ok(match format {
        crate::format::Format::Text => visible(&out).into_owned(),
        _ => out,
    })
}

/// How much a draft holds, for a person checking that a file was read whole: `28 points and 3
/// deferred items`, `1 point`.
///
/// ```
/// let d = peaceplan::format::parse_text("1. A ceasefire.\n2. Talks.\n")?;
/// assert_eq!(peaceplan::render::draft_count(&d), "2 points");
/// # Ok::<(), peaceplan::Error>(())
/// ```
pub fn draft_count(draft: &crate::model::Draft) -> String {
    let points = plural(draft.points.len(), "point", "points");
    match draft.deferred.len() {
        0 => points,
        n => format!(
            "{points} and {}",
            plural(n, "deferred item", "deferred items")
        ),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// What a printer writes, as a string: writing to memory cannot fail (nor can serialising plain
/// data with string keys), and every printer writes UTF-8.
fn in_memory(write: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> String {
    let mut out = Vec::new();
    let _ = write(&mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Text written as it is made: gathered in a small buffer that is handed to the writer whenever it
/// fills, so a renderer's output is never held whole. The first write error is kept and returned by
/// [`Sink::finish`] (writes after it are dropped).
pub(crate) struct Sink<W: std::io::Write> {
    buf: String,
    w: W,
    err: Option<std::io::Error>,
}

impl<W: std::io::Write> Sink<W> {
    const FLUSH_AT: usize = 1 << 16;

    pub(crate) fn new(w: W) -> Self {
        Sink {
            buf: String::with_capacity(Self::FLUSH_AT + 1024),
            w,
            err: None,
        }
    }

    pub(crate) fn push_str(&mut self, s: &str) {
        self.buf.push_str(s);
        if self.buf.len() >= Self::FLUSH_AT {
            self.flush_buf();
        }
    }

    pub(crate) fn push(&mut self, c: char) {
        self.buf.push(c);
    }

    fn flush_buf(&mut self) {
        if self.err.is_none() {
            if let Err(e) = self.w.write_all(self.buf.as_bytes()) {
                self.err = Some(e);
            }
        }
        self.buf.clear();
    }

    pub(crate) fn finish(mut self) -> std::io::Result<()> {
        self.flush_buf();
        match self.err {
            Some(e) => Err(e),
            None => self.w.flush(),
        }
    }
}

impl<W: std::io::Write> fmt::Write for Sink<W> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.push_str(s);
        Ok(())
    }
}

/// How [`text_with`] renders: colour and line width.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct TextOptions {
    /// Colour each change by its kind and mark word edits with colour (ANSI escapes) instead of
    /// `[-deleted-]{+inserted+}`.
    pub color: bool,
    /// Wrap lines to this many columns (continuation lines are indented; a line longer than
    /// [`MAX_WRAPPED`] bytes is left whole); `None` leaves lines whole.
    pub width: Option<usize>,
}

impl TextOptions {
    /// Plain text (no colour), lines kept whole: the default.
    pub fn new() -> Self {
        TextOptions::default()
    }

    /// Colour by kind (ANSI escapes) or not.
    pub fn color(mut self, color: bool) -> Self {
        self.color = color;
        self
    }

    /// Wrap lines to this many columns, or keep them whole (`None`).
    pub fn width(mut self, width: Option<usize>) -> Self {
        self.width = width;
        self
    }
}

const RESET: &str = "\x1b[0m";
const DELETED: &str = "\x1b[31;9m";
const INSERTED: &str = "\x1b[32;4m";

/// Text made safe to print on a terminal or in a text file: every control character but line feed
/// and tab (ESC, BEL, CR, backspace, NUL, DEL, the C1 controls) and every bidirectional embedding,
/// override, isolate or mark (which reorder what a reader sees), and every invisible character that
/// would make two texts look alike (soft hyphen, zero-width space, word joiner, byte-order mark, tag
/// characters; not the zero-width joiner and non-joiner, which scripts and emoji need) is written as
/// a visible Rust escape
/// such as
/// `\u{1b}`, so no draft can move the cursor, clear the screen, retitle the window or overwrite a
/// line. Text without them is returned as it is. Every text renderer of this module applies it to
/// what comes from a draft; JSON escapes by its own rules and HTML keeps the characters inert.
///
/// ```
/// use peaceplan::render::visible;
/// assert_eq!(visible("fine\x1b[2J\r"), "fine\\u{1b}[2J\\u{d}");
/// assert_eq!(visible("Україна\tok"), "Україна\tok");
/// ```
pub fn visible(s: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(
                c,
                '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}'
                // Invisible characters that would make two texts look the same (`Uk\u{ad}raine`
                // against `Ukraine`): soft hyphen, zero-width space, word joiner and the invisible
                // operators, byte-order mark, Mongolian vowel separator, tag characters. The
                // zero-width joiner and non-joiner stay: scripts and emoji need them.
                | '\u{ad}' | '\u{200b}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{180e}'
                | '\u{e0000}'..='\u{e007f}'
            )
            // And every other character the reader counts as invisible (fillers, blank
            // patterns, invisible operators...), but the variation selectors, which pick an emoji's
            // or a letter's look.
            || (crate::model::is_invisible(c)
                && !matches!(c, '\u{200c}' | '\u{200d}' | '\u{fe00}'..='\u{fe0f}' | '\u{e0100}'..='\u{e01ef}'))
    };
    if !s.contains(unsafe_char) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if unsafe_char(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// [`visible`], for text that must stay on one line (an error message that quotes a draft's key or
/// a file name): a line feed is shown as `\n` too, so that no draft can forge a line of its own.
///
/// ```
/// use peaceplan::render::visible_line;
/// assert_eq!(visible_line("key `ua\npeaceplan: ok`"), "key `ua\\npeaceplan: ok`");
/// ```
pub fn visible_line(s: &str) -> Cow<'_, str> {
    let v = visible(s);
    if v.contains('\n') {
        Cow::Owned(v.replace('\n', "\\n"))
    } else {
        v
    }
}

/// A text of several lines on one line: its lines joined by ` / `, blank lines (paragraph breaks)
/// left out.
pub(crate) fn one_line(s: &str) -> String {
    if !s.contains('\n') {
        return s.to_string();
    }
    let lines: Vec<&str> = s.split('\n').filter(|l| !l.trim().is_empty()).collect();
    lines.join(" / ")
}

/// The ANSI colour of a kind of change.
fn kind_color(kind: ChangeKind) -> &'static str {
    match kind {
        ChangeKind::Unchanged => "\x1b[2m",
        ChangeKind::Reworded => "\x1b[33m",
        ChangeKind::Removed => "\x1b[31m",
        ChangeKind::Added => "\x1b[32m",
        ChangeKind::Merged => "\x1b[35m",
        ChangeKind::Split => "\x1b[36m",
        ChangeKind::Deferred => "\x1b[34m",
        ChangeKind::Reinstated => "\x1b[1;32m",
    }
}

/// The JSON schema name and version written by [`json`].
pub const DIFF_SCHEMA: &str = "peaceplan.diff/2";

#[derive(Serialize)]
struct JsonDiff<'a> {
    schema: &'static str,
    from: &'a DraftInfo,
    to: &'a DraftInfo,
    summary: Summary,
    changes: &'a [Change],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    notes: &'a [crate::diff::Note],
    #[serde(skip_serializing_if = "JsonDocuments::is_empty")]
    documents: JsonDocuments<'a>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    taken_up: &'a [crate::diff::TakenUp],
}

/// Each side's documents, in a diff of several ([`crate::diff::diff_documents`]).
#[derive(Serialize)]
struct JsonDocuments<'a> {
    old: &'a [crate::diff::DocumentSpan],
    new: &'a [crate::diff::DocumentSpan],
}

impl JsonDocuments<'_> {
    fn is_empty(&self) -> bool {
        self.old.is_empty() && self.new.is_empty()
    }
}

/// A side's documents in words: `geneva (19 points), security-guarantees-framework (8 points)`.
pub(crate) fn documents_line(diff: &PlanDiff) -> Option<String> {
    let side = |spans: &[crate::diff::DocumentSpan]| -> String {
        spans
            .iter()
            .map(|s| {
                let name = if s.id.is_empty() {
                    s.title.clone().unwrap_or_else(|| "the draft".to_string())
                } else {
                    s.id.clone()
                };
                format!("{name} ({})", plural(s.points.len(), "point", "points"))
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (o, n) = (diff.old_documents(), diff.new_documents());
    if o.is_empty() && n.is_empty() {
        return None;
    }
    let mut parts = Vec::new();
    if !o.is_empty() {
        parts.push(format!("old documents: {}", side(o)));
    }
    if !n.is_empty() {
        parts.push(format!("new documents: {}", side(n)));
    }
    Some(parts.join("; "))
}

/// The diff as pretty-printed JSON, ending with a newline. Byte-identical for the same inputs.
pub fn json(diff: &PlanDiff) -> String {
    in_memory(|out| write_json(diff, out))
}

/// Writes [`json`]'s output to `out` (wrap a file or stdout in a `BufWriter`). The changes, most of
/// the output, are serialised in chunks (in parallel with the `parallel` feature), a few at a time,
/// and written in order, so the whole document is never held in memory at once.
///
/// ```
/// use peaceplan::{diff, format::parse_text, render};
/// let old = parse_text("1. A ceasefire.\n2. Elections.\n")?;
/// let new = parse_text("1. A ceasefire.\n")?;
/// let mut out = Vec::new();
/// render::write_json(&diff(&old, &new), &mut out)?;
/// let doc: serde_json::Value = serde_json::from_slice(&out)?;
/// assert_eq!(doc["schema"], "peaceplan.diff/2");
/// assert_eq!(doc["changes"][1]["kind"], "removed");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_json(diff: &PlanDiff, mut out: impl std::io::Write) -> std::io::Result<()> {
    let doc = |changes| JsonDiff {
        schema: DIFF_SCHEMA,
        from: diff.from(),
        to: diff.to(),
        summary: diff.summary(),
        changes,
        notes: diff.notes(),
        documents: JsonDocuments {
            old: diff.old_documents(),
            new: diff.new_documents(),
        },
        taken_up: diff.taken_up(),
    };
    // The document with no changes; its `"changes": []` line (which no string can contain, since
    // strings escape their line breaks) is where the changes go.
    let head = serde_json::to_vec_pretty(&doc(&[]))?;
    const EMPTY: &[u8] = b"\n  \"changes\": []";
    let at = match head.windows(EMPTY.len()).position(|w| w == EMPTY) {
        Some(at) if !diff.changes().is_empty() => at,
        _ => {
            serde_json::to_writer_pretty(&mut out, &doc(diff.changes()))?;
            return out.write_all(b"\n");
        }
    };
    out.write_all(&head[..at])?;
    out.write_all(b"\n  \"changes\": [\n")?;
    let chunks: Vec<&[Change]> = diff.changes().chunks(256).collect();
    // A few chunks at a time, each batch written before the next is serialised: the memory of one
    // batch is reused by the next instead of the whole document's being held.
    for (b, batch) in chunks.chunks(8).enumerate() {
        let parts = crate::par::map_chunks(batch, |chunk| -> serde_json::Result<Vec<u8>> {
            // Each change pretty-printed at its depth in the document.
            let mut part = Vec::with_capacity(chunk.len() * 512);
            for (k, c) in chunk.iter().enumerate() {
                part.extend_from_slice(if k > 0 { b",\n    " } else { b"    " });
                let mut ser = serde_json::Serializer::with_formatter(&mut part, Indented::at(2));
                c.serialize(&mut ser)?;
            }
            Ok(part)
        });
        for (k, part) in parts.into_iter().enumerate() {
            if b > 0 || k > 0 {
                out.write_all(b",\n")?;
            }
            out.write_all(&part?)?;
        }
    }
    out.write_all(b"\n  ]")?;
    out.write_all(&head[at + EMPTY.len()..])?;
    out.write_all(b"\n")
}

/// serde_json's pretty printing (two spaces a level) starting at a given depth, so that a value can
/// be written where it sits in a larger document.
struct Indented {
    depth: usize,
    has_value: bool,
}

impl Indented {
    fn at(depth: usize) -> Self {
        Indented {
            depth,
            has_value: false,
        }
    }

    fn line<W: ?Sized + std::io::Write>(&self, w: &mut W, first: bool) -> std::io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(w)
    }

    fn indent<W: ?Sized + std::io::Write>(&self, w: &mut W) -> std::io::Result<()> {
        (0..self.depth).try_for_each(|_| w.write_all(b"  "))
    }

    fn open<W: ?Sized + std::io::Write>(&mut self, w: &mut W, start: &[u8]) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(start)
    }

    fn close<W: ?Sized + std::io::Write>(&mut self, w: &mut W, end: &[u8]) -> std::io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            w.write_all(b"\n")?;
            self.indent(w)?;
        }
        w.write_all(end)
    }
}

impl serde_json::ser::Formatter for Indented {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.line(w, first)
    }

    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.line(w, first)
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// The diff as plain text: a header, the one-paragraph summary, then one line per change, with the
/// word-level edits of reworded points marked `[-deleted-]{+inserted+}`.
pub fn text(diff: &PlanDiff) -> String {
    text_with(diff, &TextOptions::default())
}

/// The diff as text, coloured and wrapped as `opts` says.
pub fn text_with(diff: &PlanDiff, opts: &TextOptions) -> String {
    in_memory(|out| write_text(diff, opts, out))
}

/// Writes [`text_with`]'s output to `w` as it is made (wrap a file or stdout in a `BufWriter`): a
/// large diff's text is never held in memory whole.
///
/// ```
/// use peaceplan::{diff, format::parse_text, render};
/// let old = parse_text("1. A ceasefire within 48 hours.\n")?;
/// let new = parse_text("1. A ceasefire within 24 hours.\n")?;
/// let mut out = Vec::new();
/// render::write_text(&diff(&old, &new), &render::TextOptions::new(), &mut out)?;
/// let text = String::from_utf8(out)?;
/// assert!(text.contains("A ceasefire within [-48-]{+24+} hours."));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_text(
    diff: &PlanDiff,
    opts: &TextOptions,
    w: impl std::io::Write,
) -> std::io::Result<()> {
    let mut out = Sink::new(w);
    let header = format!("{} -> {}", diff.from(), diff.to());
    push_wrapped(&mut out, &visible(&header), opts, "");
    push_wrapped(&mut out, &visible(&diff.summary().to_string()), opts, "");
    if let Some(docs) = documents_line(diff) {
        push_wrapped(&mut out, &visible(&docs), opts, "");
    }
    out.push('\n');
    for c in diff.changes() {
        for (k, line) in change_lines(c, opts.color).iter().enumerate() {
            let first = if k == 0 { "" } else { INDENT };
            push_wrapped(&mut out, &format!("{first}{line}"), opts, INDENT);
        }
        if c.kind == ChangeKind::Unchanged && c.moved {
            // A point moved as it was: its text once, to say what moved.
            for l in &c.new {
                let text = diff.text_of(l).unwrap_or_default();
                push_text_line(&mut out, '=', l.as_str(), text, opts);
            }
        } else if shows_texts(c) {
            for l in &c.old {
                let text = diff.text_of(l).unwrap_or_default();
                push_text_line(&mut out, '-', l.as_str(), text, opts);
            }
            for l in &c.new {
                let text = diff.text_of(l).unwrap_or_default();
                push_text_line(&mut out, '+', l.as_str(), text, opts);
            }
        }
    }
    for n in diff.notes() {
        push_wrapped(&mut out, &visible(&format!("note: {n}")), opts, INDENT);
    }
    for t in diff.taken_up() {
        push_wrapped(&mut out, &visible(&format!("note: {t}")), opts, INDENT);
    }
    out.finish()
}

/// A point's text under its row: `- 14: The amnesty ...` for an old point, `+` for a new one, on one
/// line (its line breaks shown as ` / `). On a terminal (a width is set) only its opening, cut at a
/// word boundary to fit the line; elsewhere in full.
fn push_text_line<W: std::io::Write>(
    out: &mut Sink<W>,
    sign: char,
    label: &str,
    text: &str,
    opts: &TextOptions,
) {
    // The whole text, wrapped to the width when there is one, its lines under its first word.
    let line = visible(&format!("{INDENT}{sign} {label}: {}", one_line(text))).into_owned();
    push_wrapped(out, &line, opts, TEXT_INDENT);
}

/// The longest line (in bytes) wrapped to a terminal's width; longer ones are written whole.
pub const MAX_WRAPPED: usize = 64 * 1024;

/// The indent of a point's text continued on the next lines: under the text after `- `.
const TEXT_INDENT: &str = "             ";

const INDENT: &str = "           ";

fn push_wrapped<W: std::io::Write>(
    out: &mut Sink<W>,
    line: &str,
    opts: &TextOptions,
    indent: &str,
) {
    match opts.width {
        // A line longer than [`MAX_WRAPPED`] is written whole: wrapping it would hold a copy of it
        // many times over, and nobody reads a mebibyte on a terminal line by line.
        Some(width) if width > indent.len() + 10 && line.len() <= MAX_WRAPPED => {
            // Lines break at spaces only, never inside a word (`2026-03-09`, `US-led`).
            let o = textwrap::Options::new(width)
                .subsequent_indent(indent)
                .word_splitter(textwrap::WordSplitter::NoHyphenation);
            for l in textwrap::wrap(line, o) {
                out.push_str(&l);
                out.push('\n');
            }
        }
        _ => {
            out.push_str(line);
            out.push('\n');
        }
    }
}

/// One change as a line (plus an indented line of word edits for reworded points).
pub fn change_line(c: &Change) -> String {
    let mut s = String::new();
    for (k, line) in change_lines(c, false).iter().enumerate() {
        if k > 0 {
            s.push_str(INDENT);
        }
        s.push_str(line);
        s.push('\n');
    }
    s
}

/// A draft's units in order, label and text: body points, then deferred items by name.
pub(crate) fn entries<'a>(
    d: &'a crate::model::Draft,
    names: &'a [String],
) -> impl Iterator<Item = (&'a str, &'a str)> {
    d.points
        .iter()
        .map(|p| (p.label.as_str(), p.text.as_str()))
        .chain(
            names
                .iter()
                .zip(&d.deferred)
                .map(|(n, item)| (n.as_str(), item.text.as_str())),
        )
}

/// Whether a change's rows show the texts of its points: every kind but unchanged (nothing to see)
/// and reworded (its word edits show it).
pub(crate) fn shows_texts(c: &Change) -> bool {
    !matches!(c.kind, ChangeKind::Unchanged | ChangeKind::Reworded)
        || (c.kind == ChangeKind::Reworded && c.edits.is_empty())
        || (c.kind == ChangeKind::Unchanged && c.moved)
}

/// The details of a change shown in parentheses: moved, forum, similarity, figures, status,
/// positions.
pub(crate) fn details(c: &Change) -> Vec<String> {
    let mut details: Vec<String> = Vec::new();
    if c.moved {
        details.push("moved".into());
    }
    if let Some(t) = &c.title {
        details.push(format!("renamed: {} -> {}", t.old, t.new));
    }
    if c.scope == Scope::DeferredList {
        let forum = |f: &Option<std::sync::Arc<str>>| match f {
            Some(f) => format!(" for {f}"),
            None => String::new(),
        };
        details.push(match (c.kind, &c.old_forum) {
            (ChangeKind::Removed, _) => match &c.forum {
                Some(f) => format!("dropped from the deferred list, was for {f}"),
                None => "dropped from the deferred list".to_string(),
            },
            (ChangeKind::Added, _) => format!("newly set aside{}", forum(&c.forum)),
            (_, Some(old)) => format!(
                "still deferred, moved from {old} to {}",
                c.forum.as_deref().unwrap_or("no forum named")
            ),
            (_, None) => format!("still deferred{}", forum(&c.forum)),
        });
    } else if let Some(forum) = &c.forum {
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
        let figs: Vec<String> = c.figures.iter().map(|f| f.to_string()).collect();
        details.push(format!("figures: {}", figs.join(", ")));
    }
    if let Some(st) = &c.status {
        let name =
            |s: Option<crate::model::Status>| s.map_or("none".to_string(), |s| s.to_string());
        details.push(format!("status: {} -> {}", name(st.old), name(st.new)));
    }
    if !c.positions.is_empty() {
        let name =
            |p: Option<crate::model::Position>| p.map_or("none".to_string(), |p| p.to_string());
        let parts: Vec<String> = c
            .positions
            .iter()
            .map(|(party, p)| format!("{party} {} -> {}", name(p.old), name(p.new)))
            .collect();
        details.push(format!("positions: {}", parts.join(", ")));
    }
    if !c.candidates.is_empty() {
        // Too weak for a match; the reader decides.
        let parts: Vec<String> = c
            .candidates
            .iter()
            .enumerate()
            .map(|(k, cand)| {
                let pct = (cand.share * 100.0).round();
                let of = if k == 0 { " of its words" } else { "" };
                format!("{} ({pct}%{of})", cand.point)
            })
            .collect();
        details.push(format!("nearest: {}", parts.join(", ")));
    }
    details
}

/// "2, 16 -> 2", "26", "-> 17".
pub(crate) fn sides(c: &Change) -> String {
    match (c.old.is_empty(), c.new.is_empty()) {
        (false, false) => format!("{} -> {}", c.old.join(", "), c.new.join(", ")),
        (false, true) => c.old.join(", "),
        (true, false) => format!("-> {}", c.new.join(", ")),
        (true, true) => String::new(),
    }
}

fn change_lines(c: &Change, color: bool) -> Vec<String> {
    let mut first = String::new();
    let kind = format!("{:<10}", c.kind.as_str());
    if color {
        let _ = write!(first, "{}{kind}{RESET}", kind_color(c.kind));
    } else {
        first.push_str(&kind);
    }
    let mut rest = format!(" {}", sides(c));
    let details = details(c);
    if !details.is_empty() {
        let _ = write!(rest, "  ({})", details.join("; "));
    }
    first.push_str(&visible(&rest));
    let mut lines = vec![first];
    if c.kind == ChangeKind::Reworded && !c.edits.is_empty() {
        let mut line = String::new();
        for e in &c.edits {
            let text = visible(e.text).replace('\n', " / ");
            match (e.op, color) {
                (EditOp::Equal, _) => line.push_str(&text),
                (EditOp::Delete, false) => {
                    let _ = write!(line, "[-{text}-]");
                }
                (EditOp::Insert, false) => {
                    let _ = write!(line, "{{+{text}+}}");
                }
                (EditOp::Delete, true) => {
                    let _ = write!(line, "{DELETED}{text}{RESET}");
                }
                (EditOp::Insert, true) => {
                    let _ = write!(line, "{INSERTED}{text}{RESET}");
                }
            }
        }
        lines.push(line);
    }
    lines
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
    use super::*;
    use crate::format::parse_text;

    /// The JSON written in chunks, each change at its depth, is what serde_json pretty-prints for the
    /// whole document (here with changes over several batches, word edits, figures and "moved").
    #[test]
    fn chunked_json_is_the_pretty_printed_document() {
        let point = |i: usize, figure: usize| {
            format!(
                "{i}. Point {i} caps the army at {figure} personnel and names the guarantors.\n"
            )
        };
        let old: String = (1..=2500).map(|i| point(i, 600)).collect();
        let new: String = (1..=2500)
            .map(|i| point(i, if i % 3 == 0 { 800 } else { 600 }))
            .collect();
        let d = crate::diff(&parse_text(&old).unwrap(), &parse_text(&new).unwrap());
        assert!(d.changes().len() > 2048);
        let doc = JsonDiff {
            schema: DIFF_SCHEMA,
            from: d.from(),
            to: d.to(),
            summary: d.summary(),
            changes: d.changes(),
            notes: d.notes(),
            documents: JsonDocuments {
                old: d.old_documents(),
                new: d.new_documents(),
            },
            taken_up: d.taken_up(),
        };
        let whole = serde_json::to_string_pretty(&doc).unwrap() + "\n";
        assert_eq!(json(&d), whole);
    }

    #[test]
    fn colour_and_wrapping() {
        let old = parse_text("1. The army of Ukraine is capped at 600,000 personnel in peacetime, not counting the reserves or the national guard.\n").unwrap();
        let new = parse_text("1. The army of Ukraine is capped at 800,000 personnel in peacetime, not counting the reserves or the national guard.\n").unwrap();
        let d = crate::diff(&old, &new);
        let plain = super::text(&d);
        assert!(!plain.contains('\u{1b}'));
        let coloured = super::text_with(
            &d,
            &super::TextOptions {
                color: true,
                width: None,
            },
        );
        assert!(coloured.contains("\u{1b}[33mreworded"), "{coloured}");
        assert!(
            coloured.contains("\u{1b}[31;9m600,000\u{1b}[0m"),
            "{coloured}"
        );
        let wrapped = super::text_with(
            &d,
            &super::TextOptions {
                color: false,
                width: Some(40),
            },
        );
        assert!(
            wrapped.lines().all(|l| l.chars().count() <= 40),
            "{wrapped}"
        );
        assert!(wrapped.lines().count() > plain.lines().count());
    }

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
        assert_eq!(j["schema"], "peaceplan.diff/2");
        assert_eq!(j["changes"][1]["kind"], "removed");
        assert_eq!(j["changes"][0]["figures"][0]["new"], "800,000");
    }

    /// The chunked, spliced JSON is exactly what serialising the whole document at once gives.
    #[test]
    fn chunked_json_is_the_whole_document() {
        use crate::{Deferred, Draft, Point, diff};
        let whole = |d: &PlanDiff| {
            let doc = JsonDiff {
                schema: DIFF_SCHEMA,
                from: d.from(),
                to: d.to(),
                summary: d.summary(),
                changes: d.changes(),
                notes: d.notes(),
                documents: JsonDocuments {
                    old: d.old_documents(),
                    new: d.new_documents(),
                },
                taken_up: d.taken_up(),
            };
            serde_json::to_string_pretty(&doc).unwrap() + "\n"
        };
        let draft = |n: usize, shift: usize| Draft {
            points: (0..n)
                .map(|i| {
                    Point::new(
                        (i + 1).to_string(),
                        format!("Point {} of \"{}\"\nline", i + shift, n),
                    )
                })
                .collect(),
            deferred: vec![Deferred::new("Territory: \"changes\": []")],
            ..Draft::default()
        };
        for (a, b) in [(0, 0), (3, 0), (0, 2), (600, 590), (300, 0)] {
            let d = diff(&draft(a, 0), &draft(b, a / 3));
            assert_eq!(json(&d), whole(&d), "{a} -> {b}");
        }
    }
}
