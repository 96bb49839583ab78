//! The draft model: a [`Draft`] is an ordered list of [`Point`]s plus the [`Deferred`] items set aside
//! for another forum, with the draft's version metadata.
//!
//! A point's **label** is how it is shown ("1", "5a", "12.3"); its optional **id** is what it is. Labels
//! change when points are renumbered; ids do not, which is why the aligner trusts ids first.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::hash::HashMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind, Result};

/// One draft of a plan: metadata, numbered body points and deferred items.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Draft {
    /// Title of the plan, e.g. "28-point peace plan".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The draft's semantic version. Optional: two unversioned files can still be diffed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<semver::Version>,
    /// Date of the draft as written (ISO 8601 `YYYY-MM-DD` recommended).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// A human label, e.g. "Geneva revision".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Where the text comes from, or the venue: "leak", "press reconstruction", "Geneva talks".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Further metadata, kept as written (sorted by key).
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "unique_keys"
    )]
    pub meta: BTreeMap<String, String>,
    /// The body points, in order.
    #[serde(default)]
    pub points: Vec<Point>,
    /// Items set aside for another forum, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deferred: Vec<Deferred>,
}

/// A numbered point of a draft's body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Point {
    /// The label as written: "1", "5a", "12.3", "IV". JSON and TOML may give it as a number
    /// (`"label": 1`).
    #[serde(deserialize_with = "label_or_number")]
    pub label: String,
    /// A stable identity that survives renumbering, when the author gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The text, without its label. Lines are trimmed; sub-items stay on their own lines.
    pub text: String,
    /// Topic tags, e.g. `territory`, `nato`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Negotiation status of the point.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// Each party's position on the point, keyed by a short party name (`ua`, `ru`, `us`).
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "unique_keys"
    )]
    pub positions: BTreeMap<String, Position>,
}

impl Point {
    /// A point with a label and text and nothing else. The text is normalised like every loaded text
    /// (see [`normalize_text`]).
    pub fn new(label: impl Into<String>, text: impl AsRef<str>) -> Self {
        Point {
            label: label.into(),
            id: None,
            text: normalize_text(text.as_ref()),
            tags: Vec::new(),
            status: None,
            positions: BTreeMap::new(),
        }
    }

    /// Sets the stable id.
    pub fn with_id(mut self, id: impl Into<String>) -> Self {
        self.id = Some(id.into());
        self
    }

    /// The invariants of one point that do not depend on the others (see [`Draft::validate`]): a
    /// well-formed label and id, a text, usable tags and party names.
    pub(crate) fn check(&self) -> std::result::Result<(), ErrorKind> {
        if !is_name(&self.label) {
            return Err(ErrorKind::InvalidLabel {
                label: self.label.clone(),
            });
        }
        if self.id.as_deref().is_some_and(|id| !is_name(id)) {
            return Err(ErrorKind::BadAttribute { key: "id".into() });
        }
        if self.text.trim().is_empty() {
            return Err(ErrorKind::EmptyPoint {
                label: self.label.clone(),
            });
        }
        if !self.tags.iter().all(|t| is_name(t)) {
            return Err(ErrorKind::BadAttribute { key: "tags".into() });
        }
        if let Some(party) = self
            .positions
            .keys()
            .find(|k| !is_party_name(k) || is_reserved_key(k))
        {
            return Err(ErrorKind::BadAttribute { key: party.clone() });
        }
        Ok(())
    }
}

/// An item set aside from the body, e.g. for a meeting of the presidents or a separate agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deferred {
    /// A label when the deferred list is numbered (a number in JSON and TOML too).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "optional_label_or_number"
    )]
    pub label: Option<String>,
    /// What was set aside; often a short topic line.
    pub text: String,
    /// Where it went: "presidents' meeting", "security-guarantees framework". Shared: every item under
    /// one heading of the text format holds the same name, not a copy of it. At most
    /// [`MAX_FORUM_CHARS`] characters, on one line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forum: Option<Arc<str>>,
    /// Label of the point (of an earlier draft) it came from, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
}

impl Deferred {
    /// A deferred item with text only.
    pub fn new(text: impl AsRef<str>) -> Self {
        Deferred {
            label: None,
            text: normalize_text(text.as_ref()),
            forum: None,
            from: None,
        }
    }

    /// The invariants of one deferred item that do not depend on the others (see
    /// [`Draft::validate`]): a text, a well-formed label, a one-line forum, a usable `from`.
    pub(crate) fn check(&self) -> std::result::Result<(), ErrorKind> {
        if self.text.trim().is_empty() {
            return Err(ErrorKind::EmptyDeferred);
        }
        if let Some(label) = self.label.as_deref().filter(|l| !is_name(l)) {
            return Err(ErrorKind::InvalidLabel {
                label: label.to_string(),
            });
        }
        if let Some(forum) = self.forum.as_deref() {
            check_forum(forum)?;
        }
        if self
            .from
            .as_deref()
            .is_some_and(|f| f.contains(['{', '}', ';', ':']) || has_line_break(f))
        {
            return Err(ErrorKind::BadAttribute { key: "from".into() });
        }
        Ok(())
    }

    /// The labels named by `from` (a comma-separated list such as `21, 22`).
    pub fn from_labels(&self) -> impl Iterator<Item = &str> {
        self.from
            .as_deref()
            .unwrap_or("")
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
    }
}

/// Negotiation status of a point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Status {
    /// Put forward by one side, not yet discussed.
    Proposed,
    /// Under negotiation.
    Open,
    /// The parties disagree.
    Disputed,
    /// Agreed by the parties.
    Agreed,
    /// Taken off the table.
    Withdrawn,
}

/// A party's position on a point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Position {
    /// The party accepts the point.
    Accepts,
    /// The party rejects it.
    Rejects,
    /// The party accepts with reservations.
    Reserves,
    /// The party proposed it.
    Proposes,
    /// The party has not decided.
    Undecided,
}

macro_rules! keyword_enum {
    ($ty:ident, $err:expr, $($variant:ident => $name:literal),+ $(,)?) => {
        impl $ty {
            /// The keyword as written in drafts.
            pub fn as_str(self) -> &'static str {
                match self { $($ty::$variant => $name),+ }
            }
        }
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.pad(self.as_str())
            }
        }
        impl FromStr for $ty {
            type Err = ErrorKind;
            fn from_str(s: &str) -> Result<Self, ErrorKind> {
                match s.trim().to_lowercase().as_str() {
                    $($name => Ok($ty::$variant),)+
                    other => Err($err(other.to_string())),
                }
            }
        }
    };
}

keyword_enum!(Status, |value| ErrorKind::UnknownStatus { value },
    Proposed => "proposed", Open => "open", Disputed => "disputed", Agreed => "agreed", Withdrawn => "withdrawn");
keyword_enum!(Position, |value| ErrorKind::UnknownPosition { party: String::new(), value },
    Accepts => "accepts", Rejects => "rejects", Reserves => "reserves", Proposes => "proposes",
    Undecided => "undecided");

/// Normalises a point's text: every line trimmed (of whitespace and of invisible format characters,
/// see [`trim_line`]), blank lines at either end dropped, runs of blank lines folded into one, and
/// every line break (see [`split_lines`]) written as `\n`. Loading in any format applies this, so a
/// text survives every round trip.
///
/// ```
/// use peaceplan::model::normalize_text;
/// assert_eq!(normalize_text("  First line\r\n\n\n\u{feff}second\rthird  "), "First line\n\nsecond\nthird");
/// ```
pub fn normalize_text(text: &str) -> String {
    if !has_line_break(text) {
        // One line: only its ends change.
        return trim_line(text).to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut pending_blank = false;
    for line in split_lines(text) {
        let line = trim_line(line);
        if line.is_empty() {
            pending_blank = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
            if pending_blank {
                out.push('\n');
            }
        }
        pending_blank = false;
        out.push_str(line);
    }
    out
}

/// Whether `text` holds any of the line breaks [`split_lines`] splits at.
pub(crate) fn has_line_break(text: &str) -> bool {
    memchr::memchr(b'\n', text.as_bytes()).is_some() || has_other_break(text.as_bytes())
}

/// Whether `b` holds a line break other than `\n`: CR, vertical tab, form feed, NEL, U+2028 or
/// U+2029. Found with memchr's vectorised search (most texts have none, and are split at `\n` alone).
fn has_other_break(b: &[u8]) -> bool {
    memchr::memchr3(b'\r', 0x0b, 0x0c, b).is_some()
        || memchr::memchr2_iter(0xc2, 0xe2, b).any(|i| break_width(b, i) > 0)
}

/// The length of the line break at byte `i` of `b`, or 0 when there is none there.
fn break_width(b: &[u8], i: usize) -> usize {
    match b[i] {
        b'\n' | 0x0b | 0x0c => 1,
        b'\r' if b.get(i + 1) == Some(&b'\n') => 2,
        b'\r' => 1,
        0xc2 if b.get(i + 1) == Some(&0x85) => 2,
        0xe2 if b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0xa8 | 0xa9)) => 3,
        _ => 0,
    }
}

/// Splits text into lines at every line break people's files contain: `\n`, `\r\n`, a lone `\r`
/// (old Mac files, some PDF copies), vertical tab (a manual line break pasted from Word), form feed (a
/// page break), NEL (U+0085) and the Unicode line and paragraph separators (U+2028, U+2029). Like
/// `str::split('\n')`, text ending in a break gives a last empty line.
///
/// ```
/// use peaceplan::model::split_lines;
/// let lines: Vec<&str> = split_lines("1. a\r2. b\r\n3. c\u{2028}4. d").collect();
/// assert_eq!(lines, ["1. a", "2. b", "3. c", "4. d"]);
/// ```
pub fn split_lines(text: &str) -> impl Iterator<Item = &str> {
    // Text with no break but `\n` (nearly all) is split at `\n` by memchr's search; other text by
    // two vectorised searches (for `\n`, `\r`, form feed; and for vertical tab and the first bytes
    // of NEL and U+2028/9), each remembered until passed, so that text full of dashes and quotes
    // (which start with the same bytes as U+2028) is still read in one pass.
    let only_newlines = !has_other_break(text.as_bytes());
    let b = text.as_bytes();
    let mut at = 0usize;
    let mut done = false;
    // The next position of each search (absolute; `b.len()` when none is left).
    let (mut next_common, mut next_rare) = (None::<usize>, None::<usize>);
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let found = if only_newlines {
            memchr::memchr(b'\n', &b[at..]).map(|i| (at + i, 1))
        } else {
            let mut from = at;
            loop {
                let common = *next_common.get_or_insert_with(|| {
                    memchr::memchr3(b'\n', b'\r', 0x0c, &b[from..]).map_or(b.len(), |i| from + i)
                });
                let rare = *next_rare.get_or_insert_with(|| {
                    memchr::memchr3(0x0b, 0xc2, 0xe2, &b[from..]).map_or(b.len(), |i| from + i)
                });
                let i = common.min(rare);
                if i == b.len() {
                    break None;
                }
                // The position is used (or passed): its search goes on from the next byte.
                if i == common {
                    next_common = None;
                }
                if i == rare {
                    next_rare = None;
                }
                match break_width(b, i) {
                    0 => from = i + 1,
                    w => break Some((i, w)),
                }
            }
        };
        // Searches remembered past the break stay valid; those before it are spent.
        let line = match found {
            // `i` is at an ASCII byte or at the first byte of a whole character: both boundaries.
            Some((i, width)) => {
                let line = &text[at..i];
                at = i + width;
                for next in [&mut next_common, &mut next_rare] {
                    if next.is_some_and(|n| n < at) {
                        *next = None;
                    }
                }
                line
            }
            None => {
                done = true;
                &text[at..]
            }
        };
        Some(line)
    })
}

/// Whether `c` is an invisible format character: zero-width spaces and joiners, the byte-order mark,
/// soft hyphen, word joiner, bidirectional marks, embeddings, overrides and isolates, variation
/// selectors and tag characters. They show nothing, so a label holding one looks like another label.
pub fn is_invisible(c: char) -> bool {
    // The first of them is the soft hyphen: text below it (ASCII, Latin-1's letters) is answered at
    // once.
    if c < '\u{ad}' {
        return false;
    }
    matches!(c,
        '\u{ad}' | '\u{34f}' | '\u{61c}' | '\u{115f}' | '\u{1160}' | '\u{17b4}' | '\u{17b5}'
        | '\u{180b}'..='\u{180f}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{206f}' | '\u{3164}' | '\u{fe00}'..='\u{fe0f}' | '\u{feff}'
        | '\u{ffa0}' | '\u{fff9}'..='\u{fffb}' | '\u{1d173}'..='\u{1d17a}'
        | '\u{e0000}'..='\u{e0fff}' | '\u{2800}' | '\u{110bd}' | '\u{110cd}' | '\u{1bca0}'..='\u{1bca3}'
        | '\u{13430}'..='\u{1343f}')
}

/// A line without the whitespace (of any width: non-breaking, narrow, ideographic) and invisible
/// format characters ([`is_invisible`]) at its ends: a byte-order mark or zero-width space at the start
/// of a pasted line must not hide the number that starts a point.
pub fn trim_line(line: &str) -> &str {
    line.trim_matches(is_blank)
}

/// Whitespace of any width, or an invisible format character: what [`trim_line`] removes.
pub(crate) fn is_blank(c: char) -> bool {
    if c.is_ascii() {
        // No ASCII character is invisible: the common case answered at once.
        return c.is_ascii_whitespace() || c == '\u{b}';
    }
    c.is_whitespace() || is_invisible(c)
}

/// The longest forum name accepted, in characters. Forum names are short ("presidents' meeting",
/// "security-guarantees framework"); a longer one is not a name but a mistake or an attack (the name
/// is shown beside every item set aside for it).
pub const MAX_FORUM_CHARS: usize = 200;

/// A forum name is one line of at most [`MAX_FORUM_CHARS`] characters.
pub(crate) fn check_forum(forum: &str) -> std::result::Result<(), ErrorKind> {
    if has_line_break(forum) {
        return Err(ErrorKind::BadForum {
            forum: forum.to_string(),
        });
    }
    // Counting stops past the limit: a name of a million characters is not walked to its end.
    if forum.chars().nth(MAX_FORUM_CHARS).is_some() {
        return Err(ErrorKind::ForumTooLong {
            chars: forum.chars().count(),
            limit: MAX_FORUM_CHARS,
        });
    }
    Ok(())
}

/// Characters that may not appear in labels, ids, tags and party names, because the text format uses
/// them as delimiters.
const RESERVED: &[char] = &['{', '}', ';', ',', ':'];

fn is_name(s: &str) -> bool {
    !s.is_empty()
        && !s.chars().any(|c| {
            c.is_whitespace() || c.is_control() || is_invisible(c) || RESERVED.contains(&c)
        })
}

/// Where in a draft a validation problem sits: the index of a point or deferred item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Place {
    /// The draft as a whole.
    Draft,
    /// The body point at this index.
    Point(usize),
    /// The deferred item at this index.
    Deferred(usize),
}

impl Draft {
    /// Checks the invariants every loaded draft satisfies: labels (of points and of numbered deferred
    /// items) and ids unique and well-formed, no empty point or deferred text, tags and party names
    /// usable in the text format.
    pub fn validate(&self) -> Result<()> {
        self.validate_at().map_err(|(_, e)| e)
    }

    /// Like [`Draft::validate`], also telling which point or item is at fault (format readers use it to
    /// find the line).
    pub fn validate_at(&self) -> std::result::Result<(), (Place, Error)> {
        self.check_meta()
            .map_err(|kind| (Place::Draft, Error::new(kind)))?;
        let mut labels: HashMap<&str, usize> = HashMap::default();
        labels.reserve(self.points.len() + self.deferred.len());
        let mut ids: HashMap<&str, usize> = HashMap::default();
        for (i, p) in self.points.iter().enumerate() {
            let fail = |kind| Err((Place::Point(i), Error::new(kind)));
            if let Err(kind) = p.check() {
                return fail(kind);
            }
            if labels.insert(&p.label, i).is_some() {
                return fail(ErrorKind::DuplicateLabel {
                    label: p.label.clone(),
                    first_line: None,
                });
            }
            if let Some(id) = &p.id {
                if ids.insert(id, i).is_some() {
                    return fail(ErrorKind::DuplicateId { id: id.clone() });
                }
            }
        }
        for (i, d) in self.deferred.iter().enumerate() {
            let fail = |kind| Err((Place::Deferred(i), Error::new(kind)));
            if let Err(kind) = d.check() {
                return fail(kind);
            }
            // A deferred item's label names it in diffs, so it must not repeat a point's.
            if let Some(label) = &d.label {
                if labels.insert(label, usize::MAX).is_some() {
                    return fail(ErrorKind::DuplicateLabel {
                        label: label.clone(),
                        first_line: None,
                    });
                }
            }
        }
        Ok(())
    }

    /// The draft's own invariants (its metadata keys), apart from its points' and items'.
    pub(crate) fn check_meta(&self) -> std::result::Result<(), ErrorKind> {
        for key in self.meta.keys() {
            let usable = !key.is_empty()
                && key.trim() == key
                && !key.contains(':')
                && !has_line_break(key)
                && !key.starts_with('#')
                && !matches!(
                    key.to_lowercase().as_str(),
                    "title" | "version" | "date" | "label" | "source"
                );
            if !usable {
                return Err(ErrorKind::BadMetaKey { key: key.clone() });
            }
        }
        Ok(())
    }

    /// Brings every text to its normal form (see [`normalize_text`]); trims forums and `from`
    /// references, dropping them when empty. Every reader applies this, so drafts round-trip.
    pub fn normalize(&mut self) {
        for p in &mut self.points {
            p.text = normalize_text(&p.text);
        }
        let trimmed = |s: &mut Option<String>| {
            *s = s
                .as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_string);
        };
        for d in &mut self.deferred {
            d.text = normalize_text(&d.text);
            if let Some(f) = &d.forum {
                // Trimmed as the text format trims a heading: whitespace and invisible characters.
                let t = trim_line(f);
                if t.len() != f.len() || t.is_empty() {
                    d.forum = Some(t).filter(|t| !t.is_empty()).map(Arc::from);
                }
            }
            trimmed(&mut d.from);
        }
    }

    /// The body point with this label.
    pub fn point(&self, label: &str) -> Option<&Point> {
        self.points.iter().find(|p| p.label == label)
    }

    /// A one-line name for the draft: title, version and label where present.
    pub fn name(&self) -> String {
        name_parts(
            self.title.as_deref(),
            self.version.as_ref(),
            self.label.as_deref(),
            None,
        )
    }
}

/// A party name: letters, digits, `-` and `_` (`ua`, `ru`, `us`, `eu-council`).
pub(crate) fn is_party_name(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
}

/// "Title v1.0.0 (label) date" from whichever parts are present, or "untitled draft".
pub(crate) fn name_parts(
    title: Option<&str>,
    version: Option<&semver::Version>,
    label: Option<&str>,
    date: Option<&str>,
) -> String {
    let mut parts: Vec<String> = Vec::new();
    parts.extend(title.map(one_line));
    parts.extend(version.map(|v| format!("v{v}")));
    parts.extend(label.map(|l| format!("({})", one_line(l))));
    parts.extend(date.map(one_line));
    if parts.is_empty() {
        "untitled draft".to_string()
    } else {
        parts.join(" ")
    }
}

/// A one-line field (title, label, date) as one line whatever it holds (a JSON string may hold line
/// breaks): each break shown as `\n`, so that no field can forge a line of output of its own.
pub(crate) fn one_line(s: &str) -> String {
    if has_line_break(s) {
        split_lines(s).collect::<Vec<_>>().join("\\n")
    } else {
        s.to_string()
    }
}

/// A map read from JSON or TOML that refuses a key given twice (`{"ua": "accepts", "ua":
/// "rejects"}`), as the text format does, instead of keeping the last silently.
/// A label given as a string or as a non-negative integer (`"label": 1`), as people write JSON and
/// TOML by hand.
fn label_or_number<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> std::result::Result<String, D::Error> {
    struct Label;
    impl serde::de::Visitor<'_> for Label {
        type Value = String;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a label: a string or a whole number")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_string<E: serde::de::Error>(self, v: String) -> std::result::Result<String, E> {
            Ok(v)
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> std::result::Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> std::result::Result<String, E> {
            u64::try_from(v)
                .map(|v| v.to_string())
                .map_err(|_| E::custom(format!("label {v} is negative")))
        }
    }
    deserializer.deserialize_any(Label)
}

/// [`label_or_number`] for an optional label.
fn optional_label_or_number<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> std::result::Result<Option<String>, D::Error> {
    label_or_number(deserializer).map(Some)
}

fn unique_keys<'de, D, V>(deserializer: D) -> std::result::Result<BTreeMap<String, V>, D::Error>
where
    D: serde::Deserializer<'de>,
    V: Deserialize<'de>,
{
    struct Unique<V>(std::marker::PhantomData<V>);
    impl<'de, V: Deserialize<'de>> serde::de::Visitor<'de> for Unique<V> {
        type Value = BTreeMap<String, V>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a map with each key once")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut access: A,
        ) -> std::result::Result<Self::Value, A::Error> {
            let mut map = BTreeMap::new();
            while let Some((key, value)) = access.next_entry::<String, V>()? {
                if map.contains_key(&key) {
                    return Err(serde::de::Error::custom(format_args!(
                        "key `{key}` is given twice"
                    )));
                }
                map.insert(key, value);
            }
            Ok(map)
        }
    }
    deserializer.deserialize_map(Unique(std::marker::PhantomData))
}

/// Attribute keys with a meaning of their own, which cannot name a party.
pub(crate) fn is_reserved_key(key: &str) -> bool {
    matches!(
        key.to_lowercase().as_str(),
        "id" | "tags" | "status" | "from"
    )
}

#[cfg(test)]
mod tests {

    /// The line splitter as first written: a break looked for at every byte.
    fn split_lines_slowly(text: &str) -> Vec<&str> {
        let b = text.as_bytes();
        let (mut out, mut start, mut i) = (Vec::new(), 0, 0);
        while i < b.len() {
            match break_width(b, i) {
                0 => i += 1,
                w => {
                    out.push(&text[start..i]);
                    i += w;
                    start = i;
                }
            }
        }
        out.push(&text[start..]);
        out
    }

    proptest::proptest! {
        #[test]
        fn split_lines_finds_every_break(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "a", "bc", "\n", "\r", "\r\n", "\u{b}", "\u{c}", "\u{85}", "\u{2028}", "\u{2029}",
                    "\u{2014}", "\u{ab}", "\u{a0}", "\u{2019}", "д",
                ]),
                0..40,
            )
        ) {
            let text = pieces.concat();
            proptest::prop_assert_eq!(split_lines(&text).collect::<Vec<_>>(), split_lines_slowly(&text));
        }
    }
    use super::*;

    #[test]
    fn one_line_texts_normalise_as_the_line_rule_does() {
        for t in [
            "",
            " ",
            "\r",
            "a",
            "  a b  ",
            "a\rb",
            " \u{a0}a\u{2003}",
            "a\r",
            "\tа б\t",
        ] {
            let by_lines: Vec<&str> = split_lines(t)
                .map(trim_line)
                .filter(|l| !l.is_empty())
                .collect();
            assert_eq!(normalize_text(t), by_lines.join("\n"), "{t:?}");
        }
        // A lone CR is a line break (old Mac files, PDF copies), not a character of the text.
        assert_eq!(normalize_text("a\rb"), "a\nb");
        assert_eq!(normalize_text("\u{feff}a\u{200b}"), "a");
    }

    #[test]
    fn normalize_trims_and_folds_blank_lines() {
        assert_eq!(normalize_text("  a  \n\n\n  b\n\n"), "a\n\nb");
        assert_eq!(normalize_text("\n\n x"), "x");
    }

    #[test]
    fn validate_rejects_duplicates_and_empty_text() {
        let mut d = Draft::default();
        d.points.push(Point::new("1", "a"));
        d.points.push(Point::new("1", "b"));
        let (place, err) = d.validate_at().unwrap_err();
        assert_eq!(place, Place::Point(1));
        assert!(matches!(err.kind(), ErrorKind::DuplicateLabel { .. }));
        d.points[1].label = "2".into();
        d.points[1].text = " ".into();
        assert!(matches!(
            d.validate().unwrap_err().kind(),
            ErrorKind::EmptyPoint { .. }
        ));
    }

    #[test]
    fn status_parses_case_insensitively() {
        assert_eq!("Agreed".parse::<Status>().unwrap(), Status::Agreed);
        assert!("agred".parse::<Status>().is_err());
        assert_eq!(Position::Rejects.to_string(), "rejects");
    }
}
