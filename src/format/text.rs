//! The text format people paste: optional front matter, numbered points, `Deferred` sections.
//! See `docs/FORMAT.md` for the full description.

use std::sync::Arc;

use crate::hash::HashMap;

use crate::error::{Error, ErrorKind, Result};
use crate::model::{Deferred, Draft, Point, is_blank, normalize_text, split_lines, trim_line};

use super::paste::{self, Join, Style};
use super::{Warning, WarningKind};

/// Words that open a deferred section when a heading starts with them (compared case-insensitively).
const DEFERRED_HEADINGS: &[&str] = &[
    "deferred",
    "відкладено",
    "відкладені",
    "отложено",
    "отложенные",
    // French, the longer forms first (a word is matched as a prefix).
    "reportées",
    "reportés",
    "reportée",
    "reporté",
    "différées",
    "différés",
    "différée",
    "différé",
];

/// Words between `Deferred` and a forum's name: `Deferred to the presidents' meeting`.
const FORUM_LEADS: &[&str] = &[
    "to the ",
    "to ",
    "until the ",
    "until ",
    "for the ",
    "for ",
    "до ",
    "на ",
    "jusqu'au ",
    "jusqu\u{2019}au ",
    "jusqu'à ",
    "jusqu\u{2019}à ",
    "au ",
    "aux ",
    "à la ",
    "à l'",
    "à l\u{2019}",
    "à ",
];

/// The forum a deferred heading names after its first word: after a colon or a dash (`Deferred:
/// presidents' meeting`, `Deferred — presidents' meeting`), in parentheses (`Deferred (donors)`),
/// or after `to`, `until` or `for` (`Deferred to the presidents' meeting`, `Відкладено до зустрічі
/// президентів`). Anything else (`Deferred items`) names none.
fn forum_of_heading(rest: &str) -> Option<&str> {
    let rest = rest.trim();
    let named = if let Some(r) = rest.strip_prefix([':', '-', '\u{2013}', '\u{2014}']) {
        Some(r)
    } else if let Some(r) = rest.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        Some(r)
    } else {
        // A heading that names its forum in words ends with its own colon, not the forum's
        // (`Deferred to the presidents' meeting:`). After `Deferred:` the forum is as written (the
        // writer writes every forum that way, a colon at its end included).
        after_word(rest, FORUM_LEADS).map(|f| trim_line(f).trim_end_matches(':'))
    };
    named.map(trim_line).filter(|f| !f.is_empty())
}

/// What follows the first of `words` (lower case) that `text` starts with, in any case (compared
/// character by character, without allocating; see [`paste::strip_word`]).
fn after_word<'t>(text: &'t str, words: &[&str]) -> Option<&'t str> {
    words.iter().find_map(|w| paste::strip_word(text, w))
}

/// Words that may introduce a point label: `Point 12:`.
const POINT_WORDS: &[&str] = &["point", "пункт"];

/// Front-matter keys with a meaning of their own.
const FRONT_MATTER_KEYS: &[&str] = &["title", "version", "date", "label", "source"];

/// Attribute keys with a meaning of their own.
const ATTRIBUTE_KEYS: &[&str] = &["id", "tags", "status", "from"];

/// A key as peaceplan compares it: one of `known` in lower case when it is one, in any case; any other
/// key exactly as written (a party `Ru` stays `Ru`, a meta key `Source2` stays `Source2`).
fn normal_key(key: &str, known: &[&str]) -> String {
    let lower = key.to_lowercase();
    if known.contains(&lower.as_str()) {
        lower
    } else {
        key.to_string()
    }
}

/// Parses the text format. Errors carry line and column, not a file. The reader's warnings (see
/// [`super::parse_with_warnings`]) are dropped.
pub fn parse_text(src: &str) -> Result<Draft> {
    parse_text_warned(src).map(|(draft, _)| draft)
}

/// Parses the text format, returning the draft and what the reader repaired or doubts.
pub(super) fn parse_text_warned(src: &str) -> Result<(Draft, Vec<Warning>)> {
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    // Every kind of line break people's files hold (a lone CR, a form feed, U+2028...) ends a line:
    // none folds two lines into one.
    // Lines are walked, never collected: a file of empty lines costs no memory per line.
    let mut draft = Draft::default();
    let body_start = parse_front_matter(src, &mut draft)?;
    let meta_entries = draft.meta.len();
    let (running, numbered) = paste::running_lines(src, body_start, |l| {
        item_marker(l, true).is_some() || paste::other_marker(l).is_some()
    });
    // Room for a point on every line that starts with a number (most points do), so that the list
    // of points (and the map of labels) is not copied as it grows; no more than a draft may hold.
    let numbered = numbered.min(super::MAX_ITEMS);
    draft.points.reserve(numbered);
    let mut parser = BodyParser {
        src,
        warnings: Warnings::default(),
        running,
        running_seen: 0,
        vocabulary: None,
        next_number: 1,
        previous: None,
        styles: 0,
        last_style: Style::Format,
        sub_styles: 0,
        draft,
        mode: Mode::Body,
        item: None,
        text: ItemText::default(),
        item_indent: None,
        labels: HashMap::with_capacity_and_hasher(numbered, Default::default()),
        items: meta_entries,
        ids: HashMap::default(),
        heading_title: None,
        ignored_warned: false,
        preamble: None,
        first_style: None,
    };
    for (idx, raw) in split_lines(src).enumerate().skip(body_start) {
        parser.line(idx + 1, raw)?;
    }
    parser.finish_item()?;
    let BodyParser {
        mut draft,
        heading_title,
        mut warnings,
        first_style,
        preamble,
        ..
    } = parser;
    // Text and not one point: a preamble is not read by design, but a draft that is all preamble
    // is a draft whose numbering the reader did not recognise, and must not pass for an empty one.
    if let Some((line, text)) =
        preamble.filter(|_| draft.points.is_empty() && draft.deferred.is_empty())
    {
        warnings.push(Warning::new(
            line,
            WarningKind::NoPoints {
                text: text.to_string(),
            },
        ));
    }
    // A one-point draft numbered in another style: its one point was still started by the rule.
    if let Some((_, w)) = first_style {
        warnings.push(w);
    }
    let warnings = warnings.finish();
    if draft.title.is_none() {
        draft.title = heading_title;
    }
    for d in &mut draft.deferred {
        // As `Draft::normalize` does for every reader (point texts are normal already).
        d.forum = d.forum.take().filter(|f| !f.trim().is_empty());
        d.from = d.from.take().filter(|f| !f.trim().is_empty());
    }
    // Each point and item was checked as it was read (with its line), and labels and ids for
    // repeats; what is left of `Draft::validate` is the draft's own metadata.
    draft.check_meta().map_err(Error::new)?;
    debug_assert!(draft.validate().is_ok(), "{:?}", draft.validate());
    Ok((draft, warnings))
}

/// Reads the front matter, if any, into `draft`; returns the index of the first body line.
fn parse_front_matter(src: &str, draft: &mut Draft) -> Result<usize> {
    if split_lines(src).next().map(trim_line) != Some("---") {
        return Ok(0);
    }
    let close = split_lines(src)
        .skip(1)
        .position(|l| trim_line(l) == "---")
        .ok_or_else(|| Error::at(ErrorKind::UnclosedFrontMatter, 1, 1))?
        + 1;
    let mut seen: HashMap<String, usize> = HashMap::default();
    for (idx, raw) in split_lines(src).enumerate().take(close).skip(1) {
        let line_no = idx + 1;
        if draft.meta.len() >= super::MAX_ITEMS {
            return Err(Error::at(
                ErrorKind::TooManyItems {
                    limit: super::MAX_ITEMS,
                },
                line_no,
                1,
            ));
        }
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let Some((key, value)) = raw.split_once(':') else {
            return Err(Error::at(
                ErrorKind::BadFrontMatter {
                    line: trimmed.to_string(),
                },
                line_no,
                1,
            ));
        };
        // Known keys match in any case; other keys are kept as written.
        let key = normal_key(key.trim(), FRONT_MATTER_KEYS);
        if key.is_empty() {
            return Err(Error::at(
                ErrorKind::BadFrontMatter {
                    line: trimmed.to_string(),
                },
                line_no,
                1,
            ));
        }
        if seen.insert(key.clone(), line_no).is_some() {
            return Err(Error::at(ErrorKind::DuplicateKey { key }, line_no, 1));
        }
        let value_col = raw[..raw.len() - value.len()].chars().count()
            + (value.len() - value.trim_start().len())
            + 1;
        let value = unquote(value.trim()).map_err(|kind| Error::at(kind, line_no, value_col))?;
        match key.as_str() {
            "title" => draft.title = Some(value),
            "date" => draft.date = Some(value),
            "label" => draft.label = Some(value),
            "source" => draft.source = Some(value),
            "version" => {
                let v = value.strip_prefix('v').unwrap_or(&value);
                let version = semver::Version::parse(v).map_err(|e| {
                    Error::at(
                        ErrorKind::InvalidVersion {
                            value: value.clone(),
                            source: e,
                        },
                        line_no,
                        value_col,
                    )
                })?;
                draft.version = Some(version);
            }
            _ => {
                draft.meta.insert(key, value);
            }
        }
    }
    Ok(close + 1)
}

/// A front-matter value: as written, or a JSON string when it starts with a double quote.
fn unquote(value: &str) -> std::result::Result<String, ErrorKind> {
    if value.starts_with('"') {
        serde_json::from_str::<String>(value).map_err(|e| ErrorKind::BadFrontMatter {
            line: format!("{value} ({e})"),
        })
    } else {
        Ok(value.to_string())
    }
}

#[derive(Clone)]
enum Mode {
    Body,
    Deferred(Option<Arc<str>>),
}

struct Item<'a> {
    deferred: bool,
    forum: Option<Arc<str>>,
    label: Option<&'a str>,
    first_line: usize,
}

/// The warnings of one draft: the first [`MAX_WARNINGS`] kept, the rest counted (a draft of a
/// million page numbers must not cost a million warnings).
#[derive(Default)]
struct Warnings {
    list: Vec<Warning>,
    more: usize,
}

/// Warnings kept per draft (the rest are counted in one last warning).
const MAX_WARNINGS: usize = 1_000;

impl Warnings {
    fn push(&mut self, w: Warning) {
        if self.list.len() < MAX_WARNINGS {
            self.list.push(w);
        } else {
            self.more += 1;
        }
    }

    /// [`Warnings::push`] of a warning made only when it is kept: past [`MAX_WARNINGS`] a warning
    /// costs a count, not its strings (a paste of ten thousand points warns about most of them).
    fn push_with(&mut self, line: usize, kind: impl FnOnce() -> WarningKind) {
        if self.list.len() < MAX_WARNINGS {
            self.list.push(Warning::new(line, kind()));
        } else {
            self.more += 1;
        }
    }

    /// The warnings in the order of the input (a point's repairs are found when it ends, after the
    /// warnings of later lines that started the next point), and the count of those not kept.
    fn finish(self) -> Vec<Warning> {
        let mut list = self.list;
        list.sort_by_key(Warning::line);
        if self.more > 0 {
            let line = list.last().map_or(1, Warning::line);
            list.push(Warning::new(line, WarningKind::More { count: self.more }));
        }
        list
    }
}

/// A line of an item, as read.
struct Line<'a> {
    /// 1-based line number.
    no: usize,
    /// Column of the first character.
    col: usize,
    /// The line without its leading and trailing white space.
    text: &'a str,
    /// Not indented past the item's marker: a hard-wrapped line of pasted text, joined to the line
    /// before with a space (see [`paste::join`]).
    flush: bool,
    /// The line ended with a soft hyphen (removed with the trailing white space).
    soft_hyphen: bool,
}

/// The text of the item being read, joined as its lines come.
#[derive(Default)]
struct ItemText<'a> {
    /// The lines joined so far: all but the last. One buffer, reused for every item.
    text: String,
    /// The last line with text, joined when the next comes or the item ends (its attributes are
    /// taken first).
    last: Option<Line<'a>>,
    /// A blank line came after `last`.
    blank_after_last: bool,
    /// A blank line came before `last`: it starts a paragraph.
    after_blank: bool,
    /// The line joined last ended with a soft hyphen.
    soft_hyphen: bool,
    /// The number of the line joined last (where a broken word's first half is).
    previous_line: usize,
}

impl ItemText<'_> {
    fn clear(&mut self) {
        self.text.clear();
        self.last = None;
        self.blank_after_last = false;
        self.after_blank = false;
        self.soft_hyphen = false;
    }
}

struct BodyParser<'a> {
    src: &'a str,
    warnings: Warnings,
    /// Running headers and footers to drop (indices of lines).
    running: Vec<usize>,
    /// How many of `running` lie before the line being read (lines are read in order).
    running_seen: usize,
    /// The words of the draft (lower case) and their uses, counted when a hyphenated line break
    /// needs them.
    vocabulary: Option<paste::Vocabulary>,
    /// The number the next point should have: one past the last point's.
    next_number: u64,
    /// The last point's label and number, to warn about numbers that jump or go backwards.
    previous: Option<(&'a str, u64)>,
    /// The other numbering styles that have started points ([`Style::bit`]): once a style has,
    /// every number in it starts a point.
    styles: u8,
    /// The style of the last point's marker.
    last_style: Style,
    /// The other styles seen at the start of the current point's own lines (its sub-items, `(1)`,
    /// `(2)`): those do not start points by the sequence rule.
    sub_styles: u8,
    draft: Draft,
    mode: Mode,
    item: Option<Item<'a>>,
    /// The current item's text, joined as its lines come.
    text: ItemText<'a>,
    item_indent: Option<usize>,
    labels: HashMap<&'a str, usize>,
    /// Points, deferred items, tags, positions and metadata entries read so far (see
    /// [`super::MAX_ITEMS`]).
    items: usize,
    ids: HashMap<String, usize>,
    heading_title: Option<String>,
    /// Whether text outside any item has been warned about since the last heading or item.
    ignored_warned: bool,
    /// The first line of text before any item (a preamble), said when the draft ends with none.
    preamble: Option<(usize, &'a str)>,
    /// The first point's warning that it was started by a number in another style, held until the
    /// second point: a draft numbered in that style throughout (`Article 1 :`, `Стаття 1.`) is read
    /// as written, and warns only when the style changes.
    first_style: Option<(Style, Warning)>,
}

impl<'a> BodyParser<'a> {
    fn line(&mut self, line_no: usize, raw: &'a str) -> Result<()> {
        // Invisible characters before the text (a byte-order mark or zero-width space pasted at the
        // start of a line) take no room: they neither indent the line nor hide its number.
        let content = trim_line(raw);
        let lead = &raw[..raw.len() - raw.trim_start_matches(is_blank).len()];
        let indent = lead.chars().filter(|c| c.is_whitespace()).count();
        // Columns count every character, visible or not, as editors do.
        let lead_chars = lead.chars().count();
        if content.is_empty() {
            // A run of blank lines is one paragraph break (as the text is normalised): kept once,
            // so that millions of them cost nothing.
            if self.item.is_some() && self.text.last.is_some() {
                self.text.blank_after_last = true;
            }
            return Ok(());
        }
        if indent == 0 && content.starts_with('#') {
            let level = content.bytes().take_while(|&c| c == b'#').count();
            let rest = &content[level..];
            if rest.is_empty() || rest.starts_with(char::is_whitespace) {
                // A heading between points that starts with the next point's number (`## 3. Frozen
                // assets` after point 2) is that point, as a Word heading so numbered is: said in a
                // warning.
                let text = rest.trim_start();
                if let Some((Some(label), offset)) = item_marker(text, false) {
                    // Only between points: a heading `# 1. Introduction` above point 1 is a heading.
                    let next = self.previous.is_some()
                        && label.parse::<u64>().is_ok_and(|n| n == self.next_number);
                    if next && !self.labels.contains_key(label) {
                        self.mode = Mode::Body;
                        self.item_indent = None;
                        self.warnings
                            .push_with(line_no, || WarningKind::NumberedHeading {
                                label: label.to_string(),
                            });
                        let lead = lead_chars + content.len() - text.len();
                        return self.start_item(
                            Some(label),
                            text,
                            offset,
                            line_no,
                            indent,
                            lead,
                            Style::Format,
                            raw,
                        );
                    }
                }
                self.finish_item()?;
                self.heading(level, rest.trim(), line_no)?;
                return Ok(());
            }
        }
        let may_start = self.item_indent.is_none_or(|base| indent <= base);
        let deferred = matches!(self.mode, Mode::Deferred(_));
        // Page furniture inside an item: a page number or a running header or footer, at the
        // item's indentation or far from it (centred or flush right), never a line indented as
        // the point's own lines are. Before markers: a footer `- 2 -` is no bullet (the writer
        // writes a deferred item `2 -` with another bullet).
        if self.item.is_some() || deferred {
            let placed = self
                .item_indent
                .is_none_or(|base| indent <= base || indent >= base + 8);
            let index = line_no - 1;
            while self
                .running
                .get(self.running_seen)
                .is_some_and(|&r| r < index)
            {
                self.running_seen += 1;
            }
            let running = self.running.get(self.running_seen) == Some(&index);
            if placed && (running || paste::is_page_number(content)) {
                self.warnings
                    .push_with(line_no, || WarningKind::PageFurniture {
                        line: content.to_string(),
                    });
                return Ok(());
            }
        }
        if may_start {
            if let Some((label, rest_offset)) = item_marker(content, deferred) {
                if self.is_sub_item(label, deferred) {
                    // In a draft numbered in another style (`Стаття 3.`), `1)`, `2)` under a
                    // point are its own list, unless the number is the next point's and the
                    // point has no such list.
                    self.sub_styles |= Style::Format.bit();
                    self.push_line(line_no, lead_chars, content, raw, false);
                    return Ok(());
                }
                return self.start_item(
                    label,
                    content,
                    rest_offset,
                    line_no,
                    indent,
                    lead_chars,
                    Style::Format,
                    raw,
                );
            }
            // A number with an invisible character in it (`2\u{200b}.`) looks like a point's
            // marker but is none: refused, rather than read as a line of the point before.
            if !content.is_ascii() && content.contains(crate::model::is_invisible) {
                let visible: String = content
                    .chars()
                    .filter(|&c| !crate::model::is_invisible(c))
                    .collect();
                if item_marker(&visible, deferred).is_some_and(|(label, _)| label.is_some()) {
                    let word = content.split_whitespace().next().unwrap_or(content);
                    return Err(Error::at(
                        ErrorKind::InvalidLabel {
                            label: word.to_string(),
                        },
                        line_no,
                        lead_chars + 1,
                    ));
                }
            }
            // Not in the middle of a sentence: a point's line that ends without a stop goes on in
            // this one (`... is` / `Deferred until the`).
            let unfinished = self.item.is_some()
                && !self.text.blank_after_last
                && self
                    .text
                    .last
                    .as_ref()
                    .is_some_and(|l| !l.text.ends_with(['.', ':', ';', '!', '?']));
            if !unfinished && is_deferred_heading(content) {
                self.finish_item()?;
                self.warnings
                    .push_with(line_no, || WarningKind::DeferredHeading {
                        text: content.to_string(),
                    });
                return self.heading(2, content, line_no);
            }
        }
        if let Some((label, rest_offset, style)) = paste::other_marker(content) {
            // The sequence rule: the next point's number in another style starts it, unless the
            // point has used that style for its own sub-items; a style that has started a point
            // starts points with any number.
            let expected = label.parse::<u64>().is_ok_and(|n| n == self.next_number)
                && self.sub_styles & style.bit() == 0;
            // In a deferred list, the next point's number in the style the body's points use
            // (`Article 3 :` after `Article 2 :` and a list set aside) ends the list: the body goes
            // on, without a heading to say so, as pasted text often does. Said in a warning.
            if may_start && deferred && expected && self.styles & style.bit() != 0 {
                // (`start_item` finishes the list's last item, which keeps its own mode.)
                self.mode = Mode::Body;
                self.item_indent = None;
                self.warnings
                    .push_with(line_no, || WarningKind::DeferredListEnded {
                        label: label.to_string(),
                    });
                return self.start_item(
                    Some(label),
                    content,
                    rest_offset,
                    line_no,
                    indent,
                    lead_chars,
                    style,
                    raw,
                );
            }
            if may_start && !deferred && (expected || self.styles & style.bit() != 0) {
                self.styles |= style.bit();
                return self.start_item(
                    Some(label),
                    content,
                    rest_offset,
                    line_no,
                    indent,
                    lead_chars,
                    style,
                    raw,
                );
            }
            self.sub_styles |= style.bit();
        }
        self.push_line(line_no, lead_chars, content, raw, may_start);
        // Prose outside any item (before the first point, or after a heading) is ignored by design.
        Ok(())
    }

    /// Adds a line to the current item, if there is one.
    fn push_line(
        &mut self,
        no: usize,
        lead_chars: usize,
        content: &'a str,
        raw: &str,
        flush: bool,
    ) {
        if self.item.is_some() {
            let soft_hyphen = raw
                .trim_end_matches(char::is_whitespace)
                .ends_with('\u{ad}');
            self.add_line(Line {
                no,
                col: lead_chars + 1,
                text: content,
                flush,
                soft_hyphen,
            });
        } else if self.draft.points.is_empty() && self.draft.deferred.is_empty() {
            self.preamble.get_or_insert((no, content));
        } else if !self.ignored_warned {
            // Prose after a heading that opens no deferred list (an annex, `## Notes`, a deferred
            // heading in a language the format does not know) belongs to no point: said, once per
            // section, rather than dropped unseen.
            self.ignored_warned = true;
            self.warnings.push_with(no, || WarningKind::IgnoredText {
                text: content.to_string(),
            });
        }
    }

    /// Whether a line in the format's own style (`1)`) is a sub-item of the current point: the
    /// draft's points are numbered in another style, and the line's number is not the next point's
    /// (or the point already has such a list).
    fn is_sub_item(&self, label: Option<&str>, deferred: bool) -> bool {
        if deferred || self.item.is_none() || self.last_style == Style::Format {
            return false;
        }
        // The next number (`5`, `5a`), or a lettered point after the last one (`4a` after `4`).
        let next = label.is_some_and(|l| {
            let n = paste::leading_number(l);
            let lettered = l.bytes().any(|b| !b.is_ascii_digit());
            n == Some(self.next_number) || (lettered && n == Some(self.next_number - 1))
        });
        !next || self.sub_styles & Style::Format.bit() != 0
    }

    /// Starts an item at a line whose marker (`label`) ends at `rest_offset` in `content`.
    #[allow(clippy::too_many_arguments)]
    fn start_item(
        &mut self,
        label: Option<&'a str>,
        content: &'a str,
        rest_offset: usize,
        line_no: usize,
        indent: usize,
        lead_chars: usize,
        style: Style,
        raw: &str,
    ) -> Result<()> {
        self.finish_item()?;
        self.ignored_warned = false;
        self.item_indent.get_or_insert(indent);
        let deferred = matches!(self.mode, Mode::Deferred(_));
        if !deferred {
            let first = self.draft.points.is_empty() && self.previous.is_none();
            if let Some((held, w)) = self.first_style.take() {
                // The second point: the first's style was the draft's own if this one keeps it.
                if held != style {
                    self.warnings.push(w);
                }
            }
            if style != Style::Format && style != self.last_style {
                let kind = || WarningKind::OtherNumbering {
                    label: label.unwrap_or_default().to_string(),
                    // `2.All` as written, not `2.`: the glued word shows the style.
                    marker: if style == Style::Glued {
                        content
                            .split_whitespace()
                            .next()
                            .unwrap_or(content)
                            .to_string()
                    } else {
                        content[..rest_offset].trim_end().to_string()
                    },
                };
                if first {
                    self.first_style = Some((style, Warning::new(line_no, kind())));
                } else {
                    self.warnings.push_with(line_no, kind);
                }
            }
            self.last_style = style;
            if let Some(label) = label {
                self.check_sequence(label, line_no);
            }
        }
        self.sub_styles = 0;
        let rest = &content[rest_offset..];
        let col = lead_chars + content[..rest_offset].chars().count() + 1;
        let forum = match &self.mode {
            Mode::Deferred(f) => f.clone(),
            Mode::Body => None,
        };
        self.item = Some(Item {
            deferred,
            forum,
            label,
            first_line: line_no,
        });
        self.text.clear();
        self.add_line(Line {
            no: line_no,
            col,
            text: rest,
            flush: false,
            soft_hyphen: ends_in_soft_hyphen(raw),
        });
        Ok(())
    }

    /// Adds a line to the current item's text: the line before it is joined now (only the last
    /// is kept apart, for the attributes it may end with), so that a point of millions of lines
    /// costs no more than its text.
    fn add_line(&mut self, line: Line<'a>) {
        if line.text.is_empty() {
            // The marker alone on its line (`5.`): nothing to join.
            self.text.blank_after_last |= self.text.last.is_some();
            return;
        }
        if let Some(previous) = self.text.last.take() {
            self.join_line(previous);
        }
        self.text.after_blank = std::mem::take(&mut self.text.blank_after_last);
        self.text.last = Some(line);
    }

    /// Joins `line` to the text so far as [`paste::join`] says (a line indented past the marker
    /// keeps its line break), each repair warned about.
    fn join_line(&mut self, line: Line<'a>) {
        let after_blank = self.text.after_blank;
        let soft_hyphen = self.text.soft_hyphen;
        let mut text = std::mem::take(&mut self.text.text);
        if !text.is_empty() {
            if soft_hyphen {
                text.push('\u{ad}');
            }
            let how = if line.flush && !after_blank {
                let src = self.src;
                let vocabulary = &mut self.vocabulary;
                let mut uses = |w: &str| {
                    vocabulary
                        .get_or_insert_with(|| paste::Vocabulary::new(src))
                        .uses(w)
                };
                paste::join(&text, line.text, &mut uses)
            } else {
                Join::Newline
            };
            if soft_hyphen && !matches!(how, Join::Rejoin(_)) {
                text.pop();
            }
            // The word broken across the lines: the first half's letters before the hyphen and the
            // second's at the start of this line.
            let broken = |text: &str, hyphen: usize| {
                let cut = text.len() - hyphen;
                let start = text[..cut]
                    .char_indices()
                    .rev()
                    .take_while(|(_, c)| c.is_alphanumeric())
                    .last()
                    .map_or(cut, |(i, _)| i);
                let second: String = line
                    .text
                    .chars()
                    .take_while(|c| c.is_alphanumeric())
                    .collect();
                (cut, text[start..cut].to_string(), second)
            };
            let previous_line = self.text.previous_line;
            match how {
                Join::Newline if after_blank => text.push_str("\n\n"),
                Join::Newline => text.push('\n'),
                Join::Space => text.push(' '),
                Join::KeepHyphen => {
                    // The hyphen as written (`-` or the Unicode hyphen, three bytes).
                    let hyphen = text.chars().next_back().unwrap_or('-');
                    let (_, first, second) = broken(&text, hyphen.len_utf8());
                    self.warnings
                        .push_with(previous_line, || WarningKind::HyphenKept {
                            word: format!("{first}{hyphen}{second}"),
                        });
                }
                Join::Rejoin(hyphen) => {
                    let (cut, first, second) = broken(&text, hyphen);
                    self.warnings
                        .push_with(previous_line, || WarningKind::HyphenRejoined {
                            broken: format!("{first}-{second}"),
                            word: format!("{first}{second}"),
                        });
                    text.truncate(cut);
                }
            }
        }
        text.push_str(line.text);
        self.text.text = text;
        self.text.soft_hyphen = line.soft_hyphen;
        self.text.previous_line = line.no;
    }

    /// The text of the current item, its last line joined (after its attributes were taken).
    fn item_text(&mut self) -> String {
        // A last line that held only attributes (`{id: x}`) adds nothing.
        if let Some(last) = self.text.last.take().filter(|l| !l.text.is_empty()) {
            if self.text.text.is_empty() {
                // One line (nearly every item of a written draft): its text, normalised.
                return normalize_text(last.text);
            }
            self.join_line(last);
        }
        // Normal already, nearly always (every line was trimmed): normalised only when not. Copied
        // out at its length: the buffer is kept for the next item.
        let text = &self.text.text;
        if is_normal(text) {
            text.clone()
        } else {
            normalize_text(text)
        }
    }

    fn heading(&mut self, level: usize, text: &str, line_no: usize) -> Result<()> {
        // A section's list has its own indentation (bullets indented under a heading, as Markdown
        // writes them, start items however the points above were indented).
        self.item_indent = None;
        self.ignored_warned = false;
        if let Some(rest) = after_word(text, DEFERRED_HEADINGS) {
            let forum = forum_of_heading(rest);
            if let Some(f) = forum {
                crate::model::check_forum(f).map_err(|kind| Error::at(kind, line_no, 1))?;
            }
            // One name shared by every item under the heading.
            self.mode = Mode::Deferred(forum.map(Arc::from));
        } else {
            self.mode = Mode::Body;
            if level == 1 && self.heading_title.is_none() && self.draft.points.is_empty() {
                self.heading_title = Some(text.to_string()).filter(|t| !t.is_empty());
            }
        }
        Ok(())
    }

    /// Refuses the item on `line` when the draft holds [`super::MAX_ITEMS`] already.
    fn check_count(&mut self, line: usize, more: usize) -> Result<()> {
        self.items = self.items.saturating_add(more);
        if self.items > super::MAX_ITEMS {
            return Err(Error::at(
                ErrorKind::TooManyItems {
                    limit: super::MAX_ITEMS,
                },
                line,
                1,
            ));
        }
        Ok(())
    }

    /// Warns when a point's number skips numbers or goes backwards from the point before it, and
    /// sets the number the sequence rule expects next.
    fn check_sequence(&mut self, label: &'a str, line: usize) {
        let Some(n) = paste::leading_number(label) else {
            return;
        };
        if let Some((previous, p)) = &self.previous {
            let kind = if n > p.saturating_add(1) {
                Some(WarningKind::NumberJump {
                    label: label.to_string(),
                    previous: previous.to_string(),
                })
            } else if n < *p {
                Some(WarningKind::NumberBackwards {
                    label: label.to_string(),
                    previous: previous.to_string(),
                })
            } else {
                None
            };
            if let Some(kind) = kind {
                self.warnings.push(Warning::new(line, kind));
            }
        }
        self.previous = Some((label, n));
        self.next_number = n.saturating_add(1);
    }

    fn finish_item(&mut self) -> Result<()> {
        let Some(item) = self.item.take() else {
            return Ok(());
        };
        let deferred = item.deferred;
        let attrs = take_attributes(self.text.last.as_mut(), deferred)?;
        let text = self.item_text();
        if item.deferred {
            if text.is_empty() {
                return Err(Error::at(ErrorKind::EmptyDeferred, item.first_line, 1));
            }
            if let Some(label) = item.label {
                if let Some(&first_line) = self.labels.get(label) {
                    return Err(Error::at(
                        ErrorKind::DuplicateLabel {
                            label: label.to_string(),
                            first_line: Some(first_line),
                        },
                        item.first_line,
                        1,
                    ));
                }
                self.labels.insert(label, item.first_line);
            }
            let mut d = Deferred::new("");
            d.text = text;
            d.label = item.label.map(str::to_string);
            d.forum = item.forum;
            for (key, value, _, _) in attrs {
                if key == "from" {
                    d.from = Some(value);
                }
            }
            d.check()
                .map_err(|kind| Error::at(kind, item.first_line, 1))?;
            self.check_count(item.first_line, 1)?;
            self.draft.deferred.push(d);
            return Ok(());
        }
        let label = item.label.unwrap_or_default();
        if let Some(&first_line) = self.labels.get(label) {
            return Err(Error::at(
                ErrorKind::DuplicateLabel {
                    label: label.to_string(),
                    first_line: Some(first_line),
                },
                item.first_line,
                1,
            ));
        }
        if text.is_empty() {
            return Err(Error::at(
                ErrorKind::EmptyPoint {
                    label: label.to_string(),
                },
                item.first_line,
                1,
            ));
        }
        self.labels.insert(label, item.first_line);
        // The text is normal already: moved in, not normalised again.
        let mut point = Point::new(label, "");
        point.text = text;
        for (key, value, line, col) in attrs {
            match key.as_str() {
                "id" => {
                    if self.ids.insert(value.clone(), line).is_some() {
                        return Err(Error::at(ErrorKind::DuplicateId { id: value }, line, col));
                    }
                    point.id = Some(value);
                }
                "tags" => {
                    // Counted before they are stored: a block of millions of tags is refused.
                    let n = value.split(',').filter(|t| !t.trim().is_empty()).count();
                    self.check_count(line, n)?;
                    point.tags = value
                        .split(',')
                        .map(str::trim)
                        .filter(|t| !t.is_empty())
                        .map(str::to_string)
                        .collect();
                }
                "status" => {
                    point.status = Some(value.parse().map_err(|k| Error::at(k, line, col))?);
                }
                "from" => {
                    return Err(Error::at(ErrorKind::BadAttribute { key }, line, col));
                }
                _ => {
                    let position = value.parse().map_err(|_| {
                        Error::at(
                            ErrorKind::UnknownPosition {
                                party: key.clone(),
                                value: value.clone(),
                            },
                            line,
                            col,
                        )
                    })?;
                    point.positions.insert(key, position);
                }
            }
        }
        point
            .check()
            .map_err(|kind| Error::at(kind, item.first_line, 1))?;
        self.check_count(item.first_line, 1 + point.positions.len())?;
        self.draft.points.push(point);
        Ok(())
    }
}

/// Whether a text is as [`normalize_text`] leaves it: no blank (white or invisible) character at the
/// start or end of any line, no blank line at either end and no two in a row. Looked at only around
/// line breaks.
fn is_normal(text: &str) -> bool {
    let blank_start = |s: &str| s.chars().next().is_none_or(is_blank);
    let blank_end = |s: &str| s.chars().next_back().is_none_or(is_blank);
    if text.is_empty() {
        return true;
    }
    let mut previous_empty = false;
    // Lines end at `\n` alone: any other break would be rewritten as one.
    for (i, line) in text.split('\n').enumerate() {
        if crate::model::has_line_break(line) {
            return false;
        }
        if line.is_empty() {
            // A blank line between two lines of text, never first or twice.
            if i == 0 || previous_empty {
                return false;
            }
            previous_empty = true;
            continue;
        }
        previous_empty = false;
        if blank_start(line) || blank_end(line) {
            return false;
        }
    }
    !previous_empty
}

/// Whether a line ends with a soft hyphen (which [`trim_line`] removes as invisible): a word broken
/// across the line break.
fn ends_in_soft_hyphen(raw: &str) -> bool {
    raw.trim_end_matches(char::is_whitespace)
        .ends_with('\u{ad}')
}

/// Whether a line starts a point in the format's own style or another (`1.`, `Article 1`): a Word
/// heading that does is a point, not a heading.
#[cfg_attr(not(feature = "docx"), allow(dead_code))]
pub(super) fn starts_point(line: &str) -> bool {
    item_marker(line, false).is_some() || paste::other_marker(line).is_some()
}

/// Whether a line read alone must stay at the margin to mean what it says: it starts a point, an
/// item (a bullet) or a deferred list.
#[cfg_attr(not(feature = "docx"), allow(dead_code))]
pub(super) fn starts_own_line(line: &str) -> bool {
    starts_point(line) || item_marker(line, true).is_some() || is_deferred_heading(line)
}

/// Whether a line without `#` reads as a deferred heading: a short line starting with a capital and
/// a deferred word, with a forum or nothing after it (`Deferred: presidents' meeting`, `Deferred`),
/// not a sentence.
fn is_deferred_heading(line: &str) -> bool {
    // The capitals of the deferred words (`Deferred`, `Відкладено`, `Отложено`, `Reporté`).
    line.len() <= 120
        && line.starts_with(['D', 'В', 'О', 'R'])
        && !line.ends_with(['.', ',', ';'])
        && after_word(line, DEFERRED_HEADINGS).is_some_and(|rest| {
            let rest = rest.trim();
            // A forum's name does not end in a function word (`Deferred until the` is a wrapped
            // sentence).
            let ends_open = rest
                .split_whitespace()
                .last()
                .is_some_and(|w| crate::tokens::is_stopword(&w.to_lowercase()));
            rest.is_empty() || (forum_of_heading(rest).is_some() && !ends_open)
        })
}

/// The bullets that start a deferred item: `-`, `*`, `•`, and what word processors and PDF
/// extractors give for theirs (white bullet, small square, triangular bullet, middle dot, en dash, the
/// Symbol and Wingdings fonts' private-use bullets U+F0B7 and U+F0A7).
pub(super) const BULLETS: [char; 10] = [
    '-', '*', '•', '◦', '▪', '‣', '·', '\u{2013}', '\u{f0b7}', '\u{f0a7}',
];

/// Recognises the start of an item and returns its label (None for a `-` bullet) and the byte offset
/// where its text starts.
fn item_marker(s: &str, deferred: bool) -> Option<(Option<&str>, usize)> {
    if deferred {
        // A bullet and any white space (a tab, a no-break space from a word processor), or a bullet
        // alone on its line.
        let mut chars = s.chars();
        if chars.next().is_some_and(|c| BULLETS.contains(&c)) {
            let rest = chars.as_str();
            if rest.is_empty() || rest.starts_with(char::is_whitespace) {
                return Some((None, s.len() - rest.trim_start().len()));
            }
        }
    }
    if let Some(found) = point_word_marker(s) {
        return Some(found);
    }
    let label_len = numeric_label_len(s).or_else(|| roman_label_len(s))?;
    let after = &s[label_len..];
    let mut chars = after.chars();
    let term = chars.next()?;
    if term != '.' && term != ')' {
        return None;
    }
    let rest = chars.as_str();
    if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        return None;
    }
    let offset = s.len() - rest.trim_start().len();
    Some((Some(&s[..label_len]), offset))
}

/// `Point 12:` / `Пункт 12:` with any label without whitespace.
fn point_word_marker(s: &str) -> Option<(Option<&str>, usize)> {
    // Point words start with a letter (a test checks): most lines start with a number.
    if !s.starts_with(char::is_alphabetic) {
        return None;
    }
    // Compared without allocating: every line of a pasted text that starts with a letter asks.
    if !s.starts_with(['p', 'P', 'п', 'П']) {
        return None;
    }
    let rest = after_word(s, POINT_WORDS).filter(|r| r.starts_with(char::is_whitespace))?;
    let rest = rest.trim_start();
    let colon = rest.find(':')?;
    // French typography puts a (no-break) space before the colon: `Point 1 : ...`.
    let label = rest[..colon].trim_end_matches(char::is_whitespace);
    if label.is_empty() || label.contains(char::is_whitespace) {
        return None;
    }
    let after = &rest[colon + 1..];
    if !(after.is_empty() || after.starts_with(char::is_whitespace)) {
        return None;
    }
    Some((Some(label), s.len() - after.trim_start().len()))
}

/// Length of a numeric label: `12`, `5a`, `12.3`, `12.3b`.
fn numeric_label_len(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut i = 0;
    let mut segments = 0;
    loop {
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            // A dot not followed by digits ends the label before the dot.
            return if segments == 0 { None } else { Some(start - 1) };
        }
        segments += 1;
        if let Some(c) = s[i..].chars().next() {
            if c.is_alphabetic() && c.is_lowercase() {
                let after = &s[i + c.len_utf8()..];
                if after.starts_with(['.', ')']) {
                    i += c.len_utf8();
                }
            }
        }
        if s[i..].starts_with('.') && s[i + 1..].starts_with(|c: char| c.is_ascii_digit()) {
            i += 1;
            continue;
        }
        return Some(i);
    }
}

fn roman_label_len(s: &str) -> Option<usize> {
    let n = s
        .bytes()
        .take_while(|b| matches!(b, b'I' | b'V' | b'X'))
        .count();
    (n > 0).then_some(n)
}

/// Removes a trailing attribute block `{key: value; ...}` from an item's last line and returns its
/// entries as (key, value, line, column).
#[allow(clippy::type_complexity)]
fn take_attributes(
    last: Option<&mut Line<'_>>,
    deferred: bool,
) -> Result<Vec<(String, String, usize, usize)>> {
    let Some(Line {
        no: line_no,
        col: col0,
        text: last,
        ..
    }) = last
    else {
        return Ok(Vec::new());
    };
    let trimmed = last.trim_end();
    if !trimmed.ends_with('}') {
        return Ok(Vec::new());
    }
    let Some(open) = trimmed.rfind('{') else {
        return Ok(Vec::new());
    };
    let inner = &trimmed[open + 1..trimmed.len() - 1];
    // A block is read only when every entry is `key: value` with a valid key (else the braces are
    // the point's text). Checked first without keeping anything, and counted: a block of millions
    // of entries is refused before it is held.
    let mut count = 0usize;
    for part in inner.split(';') {
        if part.trim().is_empty() {
            continue;
        }
        let Some((raw_key, _)) = part.split_once(':') else {
            return Ok(Vec::new());
        };
        let key: String = trim_line(raw_key)
            .chars()
            .filter(|&c| !crate::model::is_invisible(c))
            .collect();
        if !crate::model::is_party_name(&key) || (deferred && !key.eq_ignore_ascii_case("from")) {
            return Ok(Vec::new());
        }
        count += 1;
        if count > super::MAX_ITEMS {
            return Err(Error::at(
                ErrorKind::TooManyItems {
                    limit: super::MAX_ITEMS,
                },
                *line_no,
                *col0,
            ));
        }
    }
    let mut entries = Vec::with_capacity(count);
    let mut seen: crate::hash::HashSet<String> = crate::hash::HashSet::default();
    let mut offset = open + 1;
    // Columns are counted as the entries are met, each character once (a block of many entries
    // costs no more than its length).
    let (mut counted_to, mut chars_before) = (0, 0);
    let mut col_at = |at: usize| {
        chars_before += trimmed[counted_to..at].chars().count();
        counted_to = at;
        *col0 + chars_before
    };
    for part in inner.split(';') {
        let part_offset = offset;
        offset += part.len() + 1;
        if part.trim().is_empty() {
            continue;
        }
        let Some((raw_key, value)) = part.split_once(':') else {
            return Ok(Vec::new());
        };
        // A key is syntax: invisible characters in it (a zero-width space pasted before `ua`) are
        // dropped, so that it reads as it looks.
        let key: String = trim_line(raw_key)
            .chars()
            .filter(|&c| !crate::model::is_invisible(c))
            .collect();
        let key = normal_key(&key, ATTRIBUTE_KEYS);
        // The key's first character, then the value's: after the key as written (whatever spaces,
        // of any width, stand around it), the colon, and the spaces before the value. Every piece
        // is a slice of `part`, so each offset is a character boundary.
        let key_col = col_at(part_offset + (raw_key.len() - raw_key.trim_start().len()));
        if !seen.insert(key.clone()) {
            return Err(Error::at(
                ErrorKind::DuplicateKey { key },
                *line_no,
                key_col,
            ));
        }
        let value_col =
            col_at(part_offset + raw_key.len() + 1 + (value.len() - value.trim_start().len()));
        entries.push((key, value.trim().to_string(), *line_no, value_col));
    }
    *last = trimmed[..open].trim_end();
    Ok(entries)
}

/// Writes a draft in the text format. Reading the result back gives the same draft.
pub fn write_text(draft: &Draft) -> String {
    let mut out = String::new();
    let mut fm: Vec<(String, String)> = Vec::new();
    let mut push = |k: &str, v: &Option<String>| {
        if let Some(v) = v {
            fm.push((k.to_string(), quote(v)));
        }
    };
    push("title", &draft.title);
    push("version", &draft.version.as_ref().map(|v| v.to_string()));
    push("date", &draft.date);
    push("label", &draft.label);
    push("source", &draft.source);
    for (k, v) in &draft.meta {
        fm.push((k.clone(), quote(v)));
    }
    if !fm.is_empty() {
        out.push_str("---\n");
        for (k, v) in fm {
            out.push_str(&format!("{k}: {v}\n"));
        }
        out.push_str("---\n\n");
    }
    for p in &draft.points {
        let mut attrs: Vec<String> = Vec::new();
        if let Some(id) = &p.id {
            attrs.push(format!("id: {id}"));
        }
        if !p.tags.is_empty() {
            attrs.push(format!("tags: {}", p.tags.join(", ")));
        }
        if let Some(s) = p.status {
            attrs.push(format!("status: {s}"));
        }
        for (party, pos) in &p.positions {
            attrs.push(format!("{party}: {pos}"));
        }
        write_item(&mut out, &marker(&p.label), &p.text, &attrs);
    }
    let mut forum: Option<Option<&str>> = None;
    for d in &draft.deferred {
        if forum != Some(d.forum.as_deref()) {
            forum = Some(d.forum.as_deref());
            match d.forum.as_deref() {
                Some(f) => out.push_str(&format!("\n## Deferred: {f}\n\n")),
                None => out.push_str("\n## Deferred\n\n"),
            }
        }
        let attrs: Vec<String> = d.from.iter().map(|f| format!("from: {f}")).collect();
        // `- 2 -` would read as a page number: such an item gets another bullet.
        let bullet = if paste::is_page_number(&format!("- {}", d.text)) {
            "*"
        } else {
            "-"
        };
        let m = d
            .label
            .as_deref()
            .map_or_else(|| bullet.to_string(), marker);
        write_item(&mut out, &m, &d.text, &attrs);
    }
    out
}

fn marker(label: &str) -> String {
    let plain = item_marker(&format!("{label}. x"), false).is_some_and(|(l, _)| l == Some(label));
    if plain {
        format!("{label}.")
    } else {
        format!("Point {label}:")
    }
}

fn write_item(out: &mut String, marker: &str, text: &str, attrs: &[String]) {
    out.push_str(marker);
    let mut lines = text.split('\n');
    let first = lines.next().unwrap_or("");
    if !first.is_empty() {
        out.push(' ');
        out.push_str(first);
    }
    for line in lines {
        out.push('\n');
        if !line.is_empty() {
            out.push_str("   ");
            out.push_str(line);
        }
    }
    if !attrs.is_empty() {
        out.push_str(&format!(" {{{}}}", attrs.join("; ")));
    } else if text.ends_with('}') {
        out.push_str(" {}");
    }
    out.push('\n');
}

fn quote(v: &str) -> String {
    let plain = !v.is_empty()
        && v.trim() == v
        && !v.starts_with('"')
        && !crate::model::has_line_break(v)
        && !v.chars().any(char::is_control);
    if plain {
        v.to_string()
    } else {
        // JSON leaves these line breaks raw, and the reader ends a line at them: escaped too.
        serde_json::to_string(v)
            .unwrap_or_default()
            .replace('\u{85}', "\\u0085")
            .replace('\u{2028}', "\\u2028")
            .replace('\u{2029}', "\\u2029")
    }
}

#[cfg(test)]
mod tests {

    proptest::proptest! {
        #[test]
        fn is_normal_is_what_normalising_keeps(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec!["a", "b c", "\n", " ", "\u{a0}", "\u{feff}", "\t", "\r"]),
                0..14,
            )
        ) {
            let text = pieces.concat();
            proptest::prop_assert_eq!(is_normal(&text), normalize_text(&text) == text, "{:?}", text);
        }
    }
    use super::*;

    #[test]
    fn point_words_start_with_a_letter() {
        for w in POINT_WORDS {
            assert!(w.starts_with(char::is_alphabetic), "{w}");
        }
    }

    #[test]
    fn markers() {
        assert_eq!(item_marker("1. a", false), Some((Some("1"), 3)));
        assert_eq!(item_marker("5a) a", false), Some((Some("5a"), 4)));
        assert_eq!(item_marker("12.3. a", false), Some((Some("12.3"), 6)));
        assert_eq!(item_marker("IV. a", false), Some((Some("IV"), 4)));
        assert_eq!(item_marker("Point 12: a", false).unwrap().0, Some("12"));
        assert_eq!(item_marker("Пункт 3: а", false).unwrap().0, Some("3"));
        assert_eq!(item_marker("21.d text", false), None);
        assert_eq!(item_marker("1.5 million", false), None);
        assert_eq!(item_marker("a) sub", false), None);
        assert_eq!(item_marker("а) sub", false), None);
        assert_eq!(item_marker("- x", false), None);
        assert_eq!(item_marker("- x", true), Some((None, 2)));
    }

    #[test]
    fn parses_points_continuations_and_deferred() {
        let src = "---\ntitle: T\nversion: 1.2.0\nextra: kept\n---\n# Heading\nIntro prose.\n\n1. First\n   a) sub\n- bullet\n2) Second {id: s; tags: a, b; status: agreed; ua: accepts}\n\n## Deferred: presidents' meeting\n- Territory {from: 21}\n";
        let d = parse_text(src).unwrap();
        assert_eq!(d.title.as_deref(), Some("T"));
        assert_eq!(d.version, Some(semver::Version::new(1, 2, 0)));
        assert_eq!(d.meta.get("extra").map(String::as_str), Some("kept"));
        assert_eq!(d.points.len(), 2);
        assert_eq!(d.points[0].text, "First\na) sub\n- bullet");
        assert_eq!(d.points[1].id.as_deref(), Some("s"));
        assert_eq!(d.points[1].tags, vec!["a", "b"]);
        assert_eq!(d.deferred[0].forum.as_deref(), Some("presidents' meeting"));
        assert_eq!(d.deferred[0].from.as_deref(), Some("21"));
        assert_eq!(parse_text(&write_text(&d)).unwrap(), d);
    }

    #[test]
    fn errors_have_lines() {
        let e = parse_text("---\nversion: 1.0\n---\n1. a\n").unwrap_err();
        assert_eq!((e.line(), e.column()), (Some(2), Some(10)));
        let e = parse_text("---\ntitle: x\n").unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::UnclosedFrontMatter));
        let e = parse_text("1. a\n2. b\n1. c\n").unwrap_err();
        assert_eq!(e.line(), Some(3));
        assert!(matches!(
            e.kind(),
            ErrorKind::DuplicateLabel {
                first_line: Some(1),
                ..
            }
        ));
        let e = parse_text("1. a {status: agred}\n").unwrap_err();
        assert_eq!((e.line(), e.column()), (Some(1), Some(15)));
    }

    #[test]
    fn braces_in_text_survive() {
        let mut d = Draft::default();
        d.points.push(Point::new("1", "see {annex: b}"));
        d.points.push(Point::new("A-7", "odd label"));
        let again = parse_text(&write_text(&d)).unwrap();
        assert_eq!(again, d);
    }
}
