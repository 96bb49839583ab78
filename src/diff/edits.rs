//! Word-level edits: which runs of a point's text were kept, deleted and inserted.

use serde::ser::SerializeSeq;
use serde::{Deserialize, Serialize};
use similar::DiffTag;
use similar::algorithms::{Capture, Compact, DiffHook, NoFinishHook, Replace, patience};

use crate::tokens;

/// One run of a word-level edit, borrowed from its [`WordEdits`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct WordEdit<'a> {
    /// Kept, deleted or inserted.
    pub op: EditOp,
    /// The text of the run, spaces and punctuation included.
    pub text: &'a str,
}

/// The operation of a [`WordEdit`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EditOp {
    /// In both texts.
    Equal,
    /// Only in the old text.
    Delete,
    /// Only in the new text.
    Insert,
}

/// The word-level edits of a reworded point: runs of kept, deleted and inserted text, in order, no
/// two neighbours with the same operation. Held as one text and each run's end, so that a run costs
/// 8 bytes beside its text (a draft of thousands of points changed throughout has millions of
/// runs). Serialized as a list of `{"op", "text"}`.
///
/// ```
/// use peaceplan::diff::{EditOp, word_edits};
/// let edits = word_edits("Elections within 100 days.", "Elections within 200 days.", 100);
/// let deleted: Vec<&str> = edits.iter().filter(|e| e.op == EditOp::Delete).map(|e| e.text).collect();
/// assert_eq!(deleted, ["100"]);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WordEdits {
    /// The runs' texts, one after the other.
    text: String,
    /// Each run's end in `text`, with its operation in the top two bits (see [`pack`]).
    runs: Vec<u64>,
}

/// A run's operation and end in one word: the operation in the top two bits.
fn pack(op: EditOp, end: usize) -> u64 {
    let op = match op {
        EditOp::Equal => 0u64,
        EditOp::Delete => 1,
        EditOp::Insert => 2,
    };
    // A text longer than 2^62 bytes cannot be in memory: the end fits below the operation.
    (op << 62) | end as u64
}

/// The operation and end of a packed run (see [`pack`]).
fn unpack(run: u64) -> (EditOp, usize) {
    let op = match run >> 62 {
        0 => EditOp::Equal,
        1 => EditOp::Delete,
        _ => EditOp::Insert,
    };
    (op, (run & ((1 << 62) - 1)) as usize)
}

impl WordEdits {
    /// No edits.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `text` as a run of `op`, or to the last run when it has the same operation. Empty text
    /// adds nothing.
    pub fn push(&mut self, op: EditOp, text: &str) {
        if text.is_empty() {
            return;
        }
        self.text.push_str(text);
        let end = self.text.len();
        match self.runs.last_mut() {
            Some(last) if unpack(*last).0 == op => *last = pack(op, end),
            _ => self.runs.push(pack(op, end)),
        }
    }

    /// The number of runs.
    pub fn len(&self) -> usize {
        self.runs.len()
    }

    /// Whether there are no runs.
    pub fn is_empty(&self) -> bool {
        self.runs.is_empty()
    }

    /// The `i`th run.
    pub fn get(&self, i: usize) -> Option<WordEdit<'_>> {
        let (op, end) = unpack(*self.runs.get(i)?);
        let start = i.checked_sub(1).map_or(0, |p| unpack(self.runs[p]).1);
        Some(WordEdit {
            op,
            text: &self.text[start..end],
        })
    }

    /// The runs, in order.
    pub fn iter(&self) -> WordEditsIter<'_> {
        WordEditsIter {
            edits: self,
            next: 0,
        }
    }

    /// The old text (the kept and deleted runs) and the new (kept and inserted), rebuilt.
    pub fn texts(&self) -> (String, String) {
        let (mut old, mut new) = (String::new(), String::new());
        for e in self {
            if e.op != EditOp::Insert {
                old.push_str(e.text);
            }
            if e.op != EditOp::Delete {
                new.push_str(e.text);
            }
        }
        (old, new)
    }

    /// Share of words the edits keep: 2 × kept / (old words + new words), in \[0, 1\] (1 for two
    /// empty texts).
    pub fn similarity(&self) -> f64 {
        edit_similarity(self)
    }

    /// Gives back the memory the runs did not use.
    fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.runs.shrink_to_fit();
    }
}

/// The iterator of [`WordEdits::iter`].
#[derive(Debug, Clone)]
pub struct WordEditsIter<'a> {
    edits: &'a WordEdits,
    next: usize,
}

impl<'a> Iterator for WordEditsIter<'a> {
    type Item = WordEdit<'a>;

    fn next(&mut self) -> Option<WordEdit<'a>> {
        let e = self.edits.get(self.next)?;
        self.next += 1;
        Some(e)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.edits.len() - self.next;
        (n, Some(n))
    }
}

impl ExactSizeIterator for WordEditsIter<'_> {}

impl<'a> IntoIterator for &'a WordEdits {
    type Item = WordEdit<'a>;
    type IntoIter = WordEditsIter<'a>;

    fn into_iter(self) -> WordEditsIter<'a> {
        self.iter()
    }
}

impl<'a> FromIterator<WordEdit<'a>> for WordEdits {
    fn from_iter<I: IntoIterator<Item = WordEdit<'a>>>(iter: I) -> Self {
        let mut out = WordEdits::new();
        for e in iter {
            out.push(e.op, e.text);
        }
        out
    }
}

impl Serialize for WordEdits {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.len()))?;
        for e in self {
            seq.serialize_element(&e)?;
        }
        seq.end()
    }
}

/// Share of words kept by word-level edits: 2 × kept / (old words + new words), in \[0, 1\].
pub(super) fn edit_similarity(edits: &WordEdits) -> f64 {
    let (mut kept, mut old, mut new) = (0usize, 0usize, 0usize);
    for e in edits {
        let n = tokens::words(e.text).count();
        match e.op {
            EditOp::Equal => {
                kept += n;
                old += n;
                new += n;
            }
            EditOp::Delete => old += n,
            EditOp::Insert => new += n,
        }
    }
    if old + new == 0 {
        1.0
    } else {
        2.0 * kept as f64 / (old + new) as f64
    }
}

/// Word-level edits between two texts (Patience diff over Unicode word boundaries), with runs of the
/// same operation joined. Texts over `max_words` words become one deletion and one insertion.
pub fn word_edits(old: &str, new: &str, max_words: usize) -> WordEdits {
    edits_of_segments(old, new, &bounds(old), &bounds(new), max_words)
        .unwrap_or_else(|| whole_replacement(old, new))
}

/// [`word_edits`] given the texts' word-boundary segments `a` and `b`; `None` when either text is
/// over `max_words` words (not compared word by word).
/// The edits of texts not compared word by word: one deletion of the old text, one insertion of
/// the new (an empty side left out).
pub(super) fn whole_replacement(old: &str, new: &str) -> WordEdits {
    let mut out = WordEdits::new();
    out.push(EditOp::Delete, old);
    out.push(EditOp::Insert, new);
    out
}

pub(super) fn edits_of_segments(
    old: &str,
    new: &str,
    a: &[&str],
    b: &[&str],
    max_words: usize,
) -> Option<WordEdits> {
    let mut out = WordEdits::new();
    let mut push = |op: EditOp, text: &str| out.push(op, text);
    // Words (a punctuation mark counts as one), not segments: the spaces between words are segments
    // too. Whitespace segments alternate with the others, so at most 2 * max_words + 1 segments are
    // diffed.
    let words_over = |segs: &[&str]| {
        segs.len() > max_words
            && segs
                .iter()
                .filter(|s| !s.trim().is_empty())
                .nth(max_words)
                .is_some()
    };
    if words_over(a) || words_over(b) {
        return None;
    }
    // The common ends are equal as they stand: only the middle is diffed (as git does), which spares
    // hashing words that cannot change. The ends still reach the compaction, which may slide an edit
    // into them, so the result reads as a diff of the whole.
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    // One equal token is left on each side of the middle, so that where the diff puts the space
    // between a changed word and an equal one does not depend on where the ends were cut.
    let (prefix, suffix) = (prefix.saturating_sub(1), suffix.saturating_sub(1));
    let (a_end, b_end) = (a.len() - suffix, b.len() - suffix);
    let mut compact = Compact::new(Replace::new(Capture::new()), a, b);
    // Capturing cannot fail (its error type has no values).
    let Ok(()) = (|| {
        let mut ends = NoFinishHook::new(&mut compact);
        if prefix > 0 {
            ends.equal(0, 0, prefix)?;
        }
        patience::diff(&mut ends, a, prefix..a_end, b, prefix..b_end)?;
        if suffix > 0 {
            ends.equal(a_end, b_end, suffix)?;
        }
        compact.finish()
    })();
    let ops = compact.into_inner().into_inner().into_ops();
    // Tokens are consecutive slices of their text, so each operation's run of them is one slice.
    let span = |text: &'_ str, toks: &[&str], r: std::ops::Range<usize>| -> (usize, usize) {
        match (toks[r.clone()].first(), toks[r].last()) {
            (Some(f), Some(l)) => (
                tokens::offset_in(text, f),
                tokens::offset_in(text, l) + l.len(),
            ),
            _ => (0, 0),
        }
    };
    for op in &ops {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        // A replacement reads as its deletion, then its insertion.
        if matches!(tag, DiffTag::Delete | DiffTag::Replace) {
            let (from, to) = span(old, a, old_range);
            push(EditOp::Delete, &old[from..to]);
        }
        let edit = match tag {
            DiffTag::Equal => EditOp::Equal,
            DiffTag::Insert | DiffTag::Replace => EditOp::Insert,
            DiffTag::Delete => continue,
        };
        let (from, to) = span(new, b, new_range);
        push(edit, &new[from..to]);
    }
    out.shrink_to_fit();
    Some(out)
}

/// The word-boundary segments of a text (see [`tokens::word_bounds`]), collected with room for a
/// typical text's count.
pub(super) fn bounds(text: &str) -> Vec<&str> {
    let mut v = Vec::with_capacity(text.len() / 3);
    v.extend(tokens::word_bounds(text));
    v
}
