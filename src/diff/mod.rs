//! The structured diff of two drafts: which points were kept, reworded, moved, removed, added, merged,
//! split, deferred or reinstated, with word-level edits and changed figures.
//!
//! ```
//! use peaceplan::{diff, format, ChangeKind};
//! let old = format::parse_text("1. The army is capped at 600,000.\n2. Full amnesty for all parties.\n")?;
//! let new = format::parse_text("1. The army is capped at 800,000.\n")?;
//! let d = diff(&old, &new);
//! assert_eq!(d.change_of_old("2").unwrap().kind, ChangeKind::Removed);
//! let army = d.change_of_old("1").unwrap();
//! assert_eq!(army.kind, ChangeKind::Reworded);
//! assert_eq!(army.figures.get(0).unwrap().to_string(), "600,000 -> 800,000");
//! # Ok::<(), peaceplan::Error>(())
//! ```
//!
//! Every old body point appears in exactly one [`Change`], and so does every new body point.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::Arc;

use crate::hash::{HashMap, HashSet};
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::align::{self, AlignOptions, Evidence, Unit, UnitKind};
use crate::model::{Draft, Status};
use crate::tokens;

mod documents;
mod edits;
pub use documents::{
    Document, DocumentSpan, MAX_DOCUMENT_ID, TakenUp, check_document_id, combine, document_id,
};
mod figures;
pub use edits::{EditOp, WordEdit, WordEdits, WordEditsIter, word_edits};
use edits::{bounds, edit_similarity, edits_of_segments, whole_replacement};
pub(crate) use figures::figures_in;
pub use figures::{FigureChange, Figures, FiguresIter, figure_changes};
use figures::{figure_changes_of_parts, figure_changes_of_segments};

/// What happened to a point (or group of points).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum ChangeKind {
    /// Same text (after whitespace normalisation); it may have been renumbered or moved.
    Unchanged,
    /// The same point in other words.
    Reworded,
    /// The point is gone.
    Removed,
    /// A new point.
    Added,
    /// Several old points became one.
    Merged,
    /// One old point became several.
    Split,
    /// Old body points set aside for another forum (they appear among the new draft's deferred items).
    Deferred,
    /// An old deferred item that returned to the body.
    Reinstated,
}

impl ChangeKind {
    /// Every kind, in the order summaries list them.
    pub const ALL: [ChangeKind; 8] = [
        ChangeKind::Unchanged,
        ChangeKind::Reworded,
        ChangeKind::Removed,
        ChangeKind::Added,
        ChangeKind::Merged,
        ChangeKind::Split,
        ChangeKind::Deferred,
        ChangeKind::Reinstated,
    ];

    /// The lowercase name used in JSON and text output.
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Unchanged => "unchanged",
            ChangeKind::Reworded => "reworded",
            ChangeKind::Removed => "removed",
            ChangeKind::Added => "added",
            ChangeKind::Merged => "merged",
            ChangeKind::Split => "split",
            ChangeKind::Deferred => "deferred",
            ChangeKind::Reinstated => "reinstated",
        }
    }
}

impl fmt::Display for ChangeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// A change of a point's negotiation status between the drafts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusChange {
    /// Status in the old draft (of the first old point).
    pub old: Option<Status>,
    /// Status in the new draft (of the first new point).
    pub new: Option<Status>,
}

/// A point's title renamed between the drafts (see [`Change::title`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TitleChange {
    /// The old title.
    pub old: String,
    /// The new title.
    pub new: String,
}

/// A point or deferred item of one of the two drafts of a diff: where it is in its draft, with its
/// label at hand (deferred items are named `D1`, `D2`, ... in list order). It compares with and
/// borrows as its label (`c.old[0] == "12"`, `c.old.join(", ")`), displays and serializes as it.
///
/// ```
/// use peaceplan::{diff, format::parse_text};
/// let old = parse_text("1. A ceasefire.\n2. Elections within 100 days.\n")?;
/// let new = parse_text("1. A ceasefire.\n\n## Deferred: presidents' meeting\n- Elections\n")?;
/// let d = diff(&old, &new);
/// let c = d.change_of_old("2").unwrap();
/// assert_eq!(c.new[0], "D1");
/// assert!(c.new[0].is_deferred());
/// assert_eq!(c.new[0].text(d.new_draft()), Some("Elections"));
/// assert_eq!(c.old[0].text(d.old_draft()), Some("Elections within 100 days."));
/// # Ok::<(), peaceplan::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PointRef {
    label: String,
    side: Side,
    deferred: bool,
    index: usize,
}

/// Which draft of a diff a [`PointRef`] belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Side {
    /// The old draft.
    Old,
    /// The new draft.
    New,
}

impl PointRef {
    /// The `index`-th body point (`deferred` false) or deferred item (true) of the `side` draft,
    /// named `label`.
    pub fn new(label: impl Into<String>, side: Side, deferred: bool, index: usize) -> Self {
        PointRef {
            label: label.into(),
            side,
            deferred,
            index,
        }
    }

    /// The draft it belongs to.
    pub fn side(&self) -> Side {
        self.side
    }

    /// The label (a deferred item's name, `D1`, `D2`, ...).
    pub fn label(&self) -> &str {
        &self.label
    }

    /// The label, as [`PointRef::label`] (for code written for labels as strings).
    pub fn as_str(&self) -> &str {
        &self.label
    }

    /// True for an item of the deferred list, false for a body point.
    pub fn is_deferred(&self) -> bool {
        self.deferred
    }

    /// The position in the draft's points, or in its deferred list.
    pub fn index(&self) -> usize {
        self.index
    }

    /// The point in `draft` (the draft of its side of the diff), if this is a body point.
    pub fn point<'d>(&self, draft: &'d Draft) -> Option<&'d crate::model::Point> {
        (!self.deferred)
            .then(|| draft.points.get(self.index))
            .flatten()
    }

    /// The deferred item in `draft`, if this is one.
    pub fn deferred_item<'d>(&self, draft: &'d Draft) -> Option<&'d crate::model::Deferred> {
        self.deferred
            .then(|| draft.deferred.get(self.index))
            .flatten()
    }

    /// The text of the point or item in `draft`, which must be the draft of its [`PointRef::side`]
    /// (any other gives another point's text, or none); [`PlanDiff::text_of`] picks the draft itself.
    pub fn text<'d>(&self, draft: &'d Draft) -> Option<&'d str> {
        match self.deferred {
            false => self.point(draft).map(|p| p.text.as_str()),
            true => self.deferred_item(draft).map(|d| d.text.as_str()),
        }
    }
}

impl std::borrow::Borrow<str> for PointRef {
    fn borrow(&self) -> &str {
        &self.label
    }
}

impl AsRef<str> for PointRef {
    fn as_ref(&self) -> &str {
        &self.label
    }
}

impl PartialEq<str> for PointRef {
    fn eq(&self, other: &str) -> bool {
        self.label == other
    }
}

impl PartialEq<&str> for PointRef {
    fn eq(&self, other: &&str) -> bool {
        self.label == *other
    }
}

impl PartialEq<String> for PointRef {
    fn eq(&self, other: &String) -> bool {
        &self.label == other
    }
}

impl fmt::Display for PointRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.label)
    }
}

impl Serialize for PointRef {
    /// As its label.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.label)
    }
}

/// One change: which old points became which new points, and how.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Change {
    /// What happened.
    pub kind: ChangeKind,
    /// The old points (or deferred items), in draft order, body points first.
    pub old: Vec<PointRef>,
    /// The new points (or deferred items) likewise.
    pub new: Vec<PointRef>,
    /// A kept point whose order relative to the other kept points changed.
    pub moved: bool,
    /// Similarity of old and new text in \[0, 1\], rounded to three decimals; `None` for removed and added.
    /// For a reworded point it is the share of words kept by the word-level edits; for merges, splits,
    /// deferrals and reinstatements the aligner's weighted similarity of the two sides.
    pub similarity: Option<f64>,
    /// What decided the correspondence; `None` for removed and added.
    pub evidence: Option<Evidence>,
    /// Whether the change is about body points (possibly to or from the deferred list) or only about
    /// the deferred list (items kept, reworded, merged or split there, dropped from it, or newly set
    /// aside).
    #[serde(skip_serializing_if = "Scope::is_body")]
    pub scope: Scope,
    /// The forum of the new deferred items: where deferred points went, where items of the deferred
    /// list are now (or, for an item dropped from the list, where it was).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub forum: Option<Arc<str>>,
    /// For items that stayed deferred: their old forum, when it is not the new one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_forum: Option<Arc<str>>,
    /// Word-level edits for reworded points (empty otherwise).
    #[serde(skip_serializing_if = "WordEdits::is_empty")]
    pub edits: WordEdits,
    /// Numbers and amounts that changed (reworded, merged and split points).
    #[serde(skip_serializing_if = "Figures::is_empty")]
    pub figures: Figures,
    /// A change of negotiation status, when either draft records one and they differ.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<StatusChange>,
    /// The parties whose position changed (of the first old and the first new point).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub positions: BTreeMap<String, PositionChange>,
    /// For a point kept one to one (unchanged or reworded) whose title was renamed: the old and the
    /// new title. A title is a `**bold**` lead, a short first line, or a short title-cased first
    /// sentence (docs/FORMAT.md, "Titles").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<TitleChange>,
    /// For a removed point: the new points holding the largest shares of its words, best first,
    /// too weakly for the aligner to call them its successors (a point reclassified into a broader
    /// one cannot be told from words). For a reader to check; empty otherwise.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub candidates: Vec<Candidate>,
}

/// A possible destination of a removed point (see [`Change::candidates`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Candidate {
    /// The new point.
    pub point: PointRef,
    /// The share of the removed point's weighted words found in it, in \[0, 1\], rounded to three
    /// decimals.
    pub share: f64,
}

/// What a [`Change`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Scope {
    /// Body points, possibly deferred or reinstated.
    #[default]
    Body,
    /// Only items of the deferred lists.
    DeferredList,
}

impl Scope {
    /// True for [`Scope::Body`].
    pub fn is_body(&self) -> bool {
        *self == Scope::Body
    }
}

/// A party's position in the old and the new draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PositionChange {
    /// The old position, if the party had one.
    pub old: Option<crate::model::Position>,
    /// The new position, if the party has one.
    pub new: Option<crate::model::Position>,
}

impl Change {
    /// A removed or added point: no counterpart, so no similarity or evidence.
    fn unmatched(kind: ChangeKind, old: Vec<PointRef>, new: Vec<PointRef>) -> Self {
        Change {
            kind,
            old,
            new,
            moved: false,
            similarity: None,
            evidence: None,
            scope: Scope::Body,
            forum: None,
            old_forum: None,
            edits: WordEdits::new(),
            figures: Figures::new(),
            status: None,
            positions: BTreeMap::new(),
            title: None,
            candidates: Vec::new(),
        }
    }

    /// True for anything but an unchanged point (or deferred item) in its place, with its status,
    /// positions and forum.
    pub fn is_difference(&self) -> bool {
        self.kind != ChangeKind::Unchanged
            || self.moved
            || self.status.is_some()
            || self.old_forum.is_some()
            || !self.positions.is_empty()
    }
}

/// Title, version, label and date of one side of a diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DraftInfo {
    /// The draft's title.
    pub title: Option<String>,
    /// The draft's version.
    pub version: Option<semver::Version>,
    /// The draft's label.
    pub label: Option<String>,
    /// The draft's date.
    pub date: Option<String>,
    /// Number of body points.
    pub points: usize,
    /// Number of deferred items.
    pub deferred: usize,
}

impl DraftInfo {
    pub(crate) fn of(d: &Draft) -> Self {
        DraftInfo {
            title: d.title.clone(),
            version: d.version.clone(),
            label: d.label.clone(),
            date: d.date.clone(),
            points: d.points.len(),
            deferred: d.deferred.len(),
        }
    }
}

impl fmt::Display for DraftInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::model::name_parts(
            self.title.as_deref(),
            self.version.as_ref(),
            self.label.as_deref(),
            self.date.as_deref(),
        ))
    }
}

/// Counts per kind of change.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Summary {
    /// Body points in the old draft.
    pub old_points: usize,
    /// Body points in the new draft.
    pub new_points: usize,
    /// Points kept word for word.
    pub unchanged: usize,
    /// Points reworded.
    pub reworded: usize,
    /// Kept points that moved (any kind with both sides in the body).
    pub moved: usize,
    /// Old points removed.
    pub removed: usize,
    /// New points added.
    pub added: usize,
    /// Old points that were merged.
    pub merged: usize,
    /// New points that merges produced.
    pub merged_into: usize,
    /// Old points that were split.
    pub split: usize,
    /// New points that splits produced.
    pub split_into: usize,
    /// Old body points deferred.
    pub deferred: usize,
    /// Deferred old points per forum ("" when the draft names none), sorted by forum.
    pub deferred_by_forum: BTreeMap<String, usize>,
    /// Old deferred items returned to the body.
    pub reinstated: usize,
    /// Points whose negotiation status changed.
    pub status_changed: usize,
    /// Points on which a party's position changed.
    pub positions_changed: usize,
    /// The deferred list's own changes: items kept, reworded, dropped, newly set aside, merged,
    /// split, moved to another forum.
    pub deferred_list: DeferredListSummary,
}

/// Counts of the deferred list's own changes (items that stayed deferred, were dropped from the list,
/// or were newly set aside), apart from the body points deferred or reinstated.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DeferredListSummary {
    /// Items still deferred word for word.
    pub kept: usize,
    /// Items still deferred in other words.
    pub reworded: usize,
    /// Old items dropped from the list (and not reinstated in the body).
    pub dropped: usize,
    /// New items with no old counterpart in either draft's body or list.
    pub newly_set_aside: usize,
    /// Old items merged within the list.
    pub merged: usize,
    /// Old items split within the list.
    pub split: usize,
    /// Items still deferred whose forum changed.
    pub forum_changed: usize,
}

impl DeferredListSummary {
    /// True when the list held the same items, in the same words, for the same forums.
    pub fn is_unchanged(&self) -> bool {
        self.reworded
            + self.dropped
            + self.newly_set_aside
            + self.merged
            + self.split
            + self.forum_changed
            == 0
    }
}

impl fmt::Display for DeferredListSummary {
    /// "1 dropped, 1 reworded, 2 kept; 1 moved to another forum": each old item counted once,
    /// then how many of those still deferred changed forum.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts: Vec<String> = Vec::new();
        for (n, what) in [
            (self.dropped, "dropped"),
            (self.newly_set_aside, "newly set aside"),
            (self.merged, "merged"),
            (self.split, "split"),
            (self.reworded, "reworded"),
            (self.kept, "kept"),
        ] {
            if n > 0 {
                parts.push(format!("{n} {what}"));
            }
        }
        f.write_str(&parts.join(", "))?;
        if self.forum_changed > 0 {
            write!(f, "; {} moved to another forum", self.forum_changed)?;
        }
        Ok(())
    }
}

impl fmt::Display for Summary {
    /// "28 -> 19 points: 4 removed, 6 merged into 3, 5 deferred (presidents' meeting: 3), 9 reworded".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} -> {} points", self.old_points, self.new_points)?;
        let mut parts: Vec<String> = Vec::new();
        if self.removed > 0 {
            parts.push(format!("{} removed", self.removed));
        }
        if self.merged > 0 {
            parts.push(format!("{} merged into {}", self.merged, self.merged_into));
        }
        if self.split > 0 {
            parts.push(format!("{} split into {}", self.split, self.split_into));
        }
        if self.deferred > 0 {
            let mut by_count: Vec<(&String, &usize)> = self.deferred_by_forum.iter().collect();
            by_count.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            let forums: Vec<String> = by_count
                .into_iter()
                .map(|(forum, n)| {
                    if forum.is_empty() {
                        format!("no forum named: {n}")
                    } else {
                        format!("{forum}: {n}")
                    }
                })
                .collect();
            parts.push(format!(
                "{} deferred ({})",
                self.deferred,
                forums.join(", ")
            ));
        }
        for (n, what) in [
            (self.reinstated, "reinstated"),
            (self.reworded, "reworded"),
            (self.moved, "moved"),
            (self.added, "added"),
            (self.unchanged, "unchanged"),
            (self.status_changed, "changed status"),
            (self.positions_changed, "changed positions"),
        ] {
            if n > 0 {
                parts.push(format!("{n} {what}"));
            }
        }
        if !parts.is_empty() {
            write!(f, ": {}", parts.join(", "))?;
        }
        // The deferred list's own news, when there is any.
        if !self.deferred_list.is_unchanged() {
            write!(f, "; deferred list: {}", self.deferred_list)?;
        }
        Ok(())
    }
}

/// Word edits of a whole diff compare at most this many byte pairs (old text length times new text
/// length, summed over the reworded points in order), plus [`EDIT_BUDGET_PER_BYTE`] per byte of
/// the drafts' texts; past the budget a reworded point gets one deletion and one insertion. Real
/// revisions stay far below it (a 10,000-point diff uses a few percent); it bounds what thousands of
/// 5,000-word points of random words could cost.
pub const EDIT_BUDGET_BASE: u64 = 2_000_000_000;

/// See [`EDIT_BUDGET_BASE`].
pub const EDIT_BUDGET_PER_BYTE: u64 = 1_000;

/// A reworded point whose word edits fall into more runs than this (changed throughout: hundreds of
/// separate changes) keeps one deletion and one insertion instead, with the similarity its edits
/// gave: such a diff reads as nothing, and thousands of them (random words) would hold memory many
/// times the input.
pub const MAX_EDIT_RUNS: usize = 1_000;

/// A reworded point that keeps less than this share of its words (by its word edits' similarity) is
/// shown as its old and new texts whole, with that similarity: a word diff that alternates between
/// deletions and insertions word after word reads as nothing (a point rewritten under the same
/// title).
pub const MIN_EDIT_SIMILARITY: f64 = 0.3;

/// Texts (a point, or the joined points of a group) longer than this many bytes are not cut into
/// words: no word edits and no figure list (a mebibyte is some 150,000 words).
pub const MAX_SEGMENTED_BYTES: usize = 1 << 20;

/// Options of [`diff_with`]: start from [`DiffOptions::default`] and change fields.
///
/// ```
/// let mut opts = peaceplan::DiffOptions::default();
/// opts.max_edit_words = 1_000;
/// opts.align.match_threshold = 0.4;
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct DiffOptions {
    /// How points are aligned.
    pub align: AlignOptions,
    /// Word-level edits are computed only when both texts have at most this many words (a punctuation
    /// mark counts as a word); longer texts
    /// get one deletion and one insertion. This caps the time of a diff without a deadline, which would
    /// make output depend on timing. Default 5,000.
    pub max_edit_words: usize,
}

impl Default for DiffOptions {
    fn default() -> Self {
        DiffOptions {
            align: AlignOptions::default(),
            max_edit_words: 5_000,
        }
    }
}

/// The diff of two drafts. Build it with [`diff()`]; read it with [`PlanDiff::changes`] and the
/// lookups beside it; render it with [`crate::render`] or `Display`.
///
/// ```
/// use peaceplan::{ChangeKind, diff, format::parse_text};
/// let old = parse_text("1. A ceasefire along the line of contact.\n2. Elections within 100 days.\n")?;
/// let new = parse_text("1. A ceasefire along the line of contact.\n")?;
/// let d = diff(&old, &new);
/// assert_eq!(d.removed().count(), 1);
/// assert_eq!(d.change_of_old("2").map(|c| c.kind), Some(ChangeKind::Removed));
/// assert_eq!(d.change_of_new("1").map(|c| c.kind), Some(ChangeKind::Unchanged));
/// # Ok::<(), peaceplan::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct PlanDiff {
    from: DraftInfo,
    to: DraftInfo,
    changes: Vec<Change>,
    notes: Vec<Note>,
    old: Arc<Draft>,
    new: Arc<Draft>,
    /// Each side's documents, when the side is several ([`diff_documents`]); empty otherwise.
    documents: (Vec<DocumentSpan>, Vec<DocumentSpan>),
    /// Deferred items set aside for a companion of the new side, and where they are taken up.
    taken_up: Vec<TakenUp>,
    /// Which change holds each old and each new label, built on the first lookup.
    index: std::sync::OnceLock<LabelIndex>,
}

/// For each old and each new label (points and deferred items), the position of its change.
#[derive(Debug, Clone, Default)]
struct LabelIndex {
    old: HashMap<String, usize>,
    new: HashMap<String, usize>,
}

impl PartialEq for PlanDiff {
    /// Two diffs are equal when their drafts' metadata, changes and notes are (the drafts themselves
    /// are compared through them).
    fn eq(&self, other: &Self) -> bool {
        self.from == other.from
            && self.to == other.to
            && self.changes == other.changes
            && self.notes == other.notes
    }
}

/// A `from` reference of a deferred item, as written: `21`, or `1.0.0#21` to name the version of the
/// draft the label belongs to, so that a line carried from draft to draft stays true (the reference
/// is followed only when the old draft has that version).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reference<'a> {
    /// The version named before `#`, if any.
    pub version: Option<&'a str>,
    /// The label of the point.
    pub label: &'a str,
}

impl<'a> Reference<'a> {
    /// Reads `21` or `1.0.0#21`.
    ///
    /// ```
    /// use peaceplan::diff::Reference;
    /// assert_eq!(Reference::parse("1.0.0#21").version, Some("1.0.0"));
    /// assert_eq!(Reference::parse("21").label, "21");
    /// ```
    pub fn parse(s: &'a str) -> Self {
        match s.split_once('#') {
            Some((v, l)) => Reference {
                version: Some(v.trim()).filter(|v| !v.is_empty()),
                label: l.trim(),
            },
            None => Reference {
                version: None,
                label: s.trim(),
            },
        }
    }
}

/// A `from` reference that the diff did not follow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    /// The new deferred item (its label, or `D1`, `D2`, ...).
    pub item: String,
    /// The reference as written.
    pub reference: String,
    /// Why it was not followed.
    pub reason: NoteReason,
}

/// Why a `from` reference was not followed. References are evidence, not orders: the item is
/// aligned by its words instead. (A reference is also set aside, silently, when the old draft
/// already defers an item with the same words, which the item then continues, and when it names
/// another version than the old draft's.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum NoteReason {
    /// The old draft has no point with that label.
    NoSuchPoint,
    /// The old point shares (almost) no words with the item: it plainly says something else.
    SaysSomethingElse,
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let why = match self.reason {
            NoteReason::NoSuchPoint => "the old draft has no such point",
            NoteReason::SaysSomethingElse => "that point of the old draft says something else",
        };
        write!(
            f,
            "{{from: {}}} of {} not followed: {why}",
            self.reference, self.item
        )
    }
}

/// A text's content features (stems, figures aside), for [`plausible_source`].
fn content_features(text: &str) -> Vec<String> {
    tokens::features(text)
        .into_iter()
        .filter(|f| !tokens::is_figure(f))
        .collect()
}

/// Whether an old point (its [`content_features`], as a set) may be where a deferred item (its
/// features) came from: at least a fifth of the item's content words are in the point. A topic line
/// shares its key words with the point it names; a reference carried to a renumbered draft usually
/// shares none.
fn plausible_source(item: &[String], point: &HashSet<String>) -> bool {
    if item.is_empty() {
        return true;
    }
    let shared = item.iter().filter(|f| point.contains(*f)).count();
    shared * 5 >= item.len()
}

/// Diffs two drafts with default options.
pub fn diff(old: &Draft, new: &Draft) -> PlanDiff {
    diff_with(old, new, &DiffOptions::default())
}

/// The names of a draft's deferred items: each item's label, or `D1`, `D2`, ... by position. A
/// generated name that a label already uses gets primes (`D1'`) until it is unique.
pub fn deferred_names(d: &Draft) -> Vec<String> {
    let taken: HashSet<&str> = d
        .points
        .iter()
        .map(|p| p.label.as_str())
        .chain(d.deferred.iter().filter_map(|x| x.label.as_deref()))
        .collect();
    let mut used: HashSet<String> = HashSet::default();
    d.deferred
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let name = match &item.label {
                Some(l) => l.clone(),
                None => {
                    let mut name = format!("D{}", i + 1);
                    while taken.contains(name.as_str()) || used.contains(&name) {
                        name.push('\'');
                    }
                    name
                }
            };
            used.insert(name.clone());
            name
        })
        .collect()
}

/// The aligner's units of a draft: its body points, then its deferred items (named `names`, as
/// [`deferred_names`] gives them). For the new draft (`old` given), each deferred item's `from`
/// references become the old points it names, as evidence (see [`Reference`]); references that do
/// not hold are left out and noted in `notes`.
fn units<'a>(
    d: &'a Draft,
    names: &[String],
    old: Option<&Draft>,
    notes: &mut Vec<Note>,
) -> Vec<Unit<'a>> {
    // The old draft's labels, mapped once when any item names one (not a scan per label), and its
    // deferred items by their words: an item already deferred there continues that item.
    let any_from = d.deferred.iter().any(|item| item.from.is_some());
    let old_labels: HashMap<&str, usize> = match old {
        Some(o) if any_from => o
            .points
            .iter()
            .enumerate()
            .map(|(i, p)| (p.label.as_str(), i))
            .collect(),
        _ => HashMap::default(),
    };
    let mut old_items: HashMap<u64, Vec<&str>> = HashMap::default();
    if let (Some(o), true) = (old, any_from) {
        for item in &o.deferred {
            old_items
                .entry(tokens::words_hash(&item.text))
                .or_default()
                .push(&item.text);
        }
    }
    let old_version = old
        .and_then(|o| o.version.as_ref())
        .map(ToString::to_string);
    let mut out: Vec<Unit<'a>> = d
        .points
        .iter()
        .map(|p| Unit {
            text: &p.text,
            id: p.id.as_deref(),
            kind: UnitKind::Body,
            from: Vec::new(),
        })
        .collect();
    // The features of each old point a reference names, found once however many items name it.
    let mut point_features: HashMap<usize, HashSet<String>> = HashMap::default();
    for (k, item) in d.deferred.iter().enumerate() {
        let mut from = Vec::new();
        let mut item_features: Option<Vec<String>> = None;
        if let (Some(o), Some(_)) = (old, &item.from) {
            let already = old_items
                .get(&tokens::words_hash(&item.text))
                .is_some_and(|texts| texts.iter().any(|t| tokens::same_words(t, &item.text)));
            for r in item.from_labels() {
                let reference = Reference::parse(r);
                let note = |reason| Note {
                    item: names[k].clone(),
                    reference: r.to_string(),
                    reason,
                };
                // An item the old draft defers already continues that item; a reference to another
                // version is about another revision. Both are as they should be: no note.
                let other_version = reference
                    .version
                    .is_some_and(|v| old_version.as_deref() != Some(v));
                if already || other_version {
                    continue;
                }
                let Some(&i) = old_labels.get(reference.label) else {
                    notes.push(note(NoteReason::NoSuchPoint));
                    continue;
                };
                let item_features =
                    item_features.get_or_insert_with(|| content_features(&item.text));
                let point = point_features
                    .entry(i)
                    .or_insert_with(|| content_features(&o.points[i].text).into_iter().collect());
                if plausible_source(item_features, point) {
                    from.push(i);
                } else {
                    notes.push(note(NoteReason::SaysSomethingElse));
                }
            }
        }
        out.push(Unit {
            text: &item.text,
            id: None,
            kind: UnitKind::Deferred,
            from,
        });
    }
    out
}

/// Judges moves within each pair of documents (an old one, a new one). The documents are aligned as
/// one draft read one after the other, so a point that went to another document sits out of order
/// (that is the change of document its label shows, not a move), and the points of a document
/// around it could be taken as out of order with it. A point kept one to one within a pair of
/// documents is moved when it lies on no longest run of that pair's kept points in order, as
/// [`crate::align`] decides for one draft; a point that changed document is not moved.
fn mark_moves_per_document(
    changes: &mut [Change],
    old_spans: &[DocumentSpan],
    new_spans: &[DocumentSpan],
) {
    // Spans follow one another in the combined draft: a point's document is found by search.
    let doc = |spans: &[DocumentSpan], p: &PointRef| {
        let d = spans.partition_point(|s| s.points.end <= p.index());
        spans
            .get(d)
            .filter(|s| s.points.contains(&p.index()))
            .map(|_| d)
    };
    /// A point kept one to one: its first new index, its old index, and its change's index.
    type Kept = (usize, usize, usize);
    // Per pair of documents (old, new), the points kept one to one.
    let mut kept: BTreeMap<(usize, usize), Vec<Kept>> = BTreeMap::new();
    for (k, c) in changes.iter_mut().enumerate() {
        let body = matches!(c.old.as_slice(), [o] if !o.is_deferred())
            && !c.new.is_empty()
            && c.new.iter().all(|p| !p.is_deferred());
        if !body {
            continue;
        }
        let old_doc = doc(old_spans, &c.old[0]);
        let new_docs: Vec<Option<usize>> = c.new.iter().map(|p| doc(new_spans, p)).collect();
        match (old_doc, new_docs.first().copied().flatten()) {
            (Some(od), Some(nd)) if new_docs.iter().all(|&d| d == Some(nd)) => {
                let first_new = c.new.iter().map(PointRef::index).min().unwrap_or(0);
                kept.entry((od, nd))
                    .or_default()
                    .push((first_new, c.old[0].index(), k));
            }
            _ => c.moved = false,
        }
    }
    for mut group in kept.into_values() {
        group.sort_unstable();
        let seq: Vec<usize> = group.iter().map(|&(_, o, _)| o).collect();
        for (&(_, _, k), on) in group.iter().zip(crate::align::longest_increasing(&seq)) {
            changes[k].moved = !on;
        }
    }
}

/// Diffs two drafts. The diff keeps copies of both (for renderers that show their texts); see
/// [`diff_shared`] to share them instead.
pub fn diff_with(old: &Draft, new: &Draft, opts: &DiffOptions) -> PlanDiff {
    diff_shared(Arc::new(old.clone()), Arc::new(new.clone()), opts)
}

/// [`diff_with`] for drafts already behind [`Arc`]s, which the diff keeps without copying them: the
/// cheaper call for large drafts.
///
/// ```
/// use std::sync::Arc;
/// use peaceplan::{Draft, Point, diff::{DiffOptions, diff_shared}};
/// let old = Arc::new(Draft { points: vec![Point::new("1", "A ceasefire.")], ..Draft::default() });
/// let new = Arc::new(Draft { points: vec![Point::new("1", "A full ceasefire.")], ..Draft::default() });
/// let d = diff_shared(Arc::clone(&old), new, &DiffOptions::default());
/// assert!(std::ptr::eq(d.old_draft(), &*old));
/// ```
pub fn diff_shared(old: Arc<Draft>, new: Arc<Draft>, opts: &DiffOptions) -> PlanDiff {
    // A large diff runs on the thread pool itself, so that its parallel steps split work between
    // the pool's threads directly instead of waking the calling thread after each.
    let units = old.points.len() + new.points.len() + old.deferred.len() + new.deferred.len();
    crate::par::on_pool(units, || diff_on(old, new, opts))
}

fn diff_on(old: Arc<Draft>, new: Arc<Draft>, opts: &DiffOptions) -> PlanDiff {
    let (old_arc, new_arc) = (Arc::clone(&old), Arc::clone(&new));
    let (old, new): (&Draft, &Draft) = (&old, &new);
    let (old_deferred, new_deferred) = (deferred_names(old), deferred_names(new));
    let mut notes = Vec::new();
    let old_units = units(old, &old_deferred, None, &mut notes);
    let new_units = units(new, &new_deferred, Some(old), &mut notes);
    let alignment = align::align(&old_units, &new_units, &opts.align);
    let (no, nn) = (old.points.len(), new.points.len());
    let old_name = |i: usize| {
        if i < no {
            PointRef::new(old.points[i].label.clone(), Side::Old, false, i)
        } else {
            PointRef::new(old_deferred[i - no].clone(), Side::Old, true, i - no)
        }
    };
    let new_name = |j: usize| {
        if j < nn {
            PointRef::new(new.points[j].label.clone(), Side::New, false, j)
        } else {
            PointRef::new(new_deferred[j - nn].clone(), Side::New, true, j - nn)
        }
    };
    let old_text = |i: usize| {
        if i < no {
            old.points[i].text.as_str()
        } else {
            old.deferred[i - no].text.as_str()
        }
    };
    let new_text = |j: usize| {
        if j < nn {
            new.points[j].text.as_str()
        } else {
            new.deferred[j - nn].text.as_str()
        }
    };

    // Word edits cost up to the product of the two texts' lengths. They are computed for the groups
    // in order while a budget for the whole diff lasts (a fixed part and a part per byte of input),
    // decided here, before the parallel work, so that output never depends on timing or threads.
    let input_bytes: u64 = [old, new]
        .iter()
        .flat_map(|d| {
            d.points
                .iter()
                .map(|p| p.text.len())
                .chain(d.deferred.iter().map(|x| x.text.len()))
        })
        .map(|n| n as u64)
        .sum();
    let mut budget =
        EDIT_BUDGET_BASE.saturating_add(EDIT_BUDGET_PER_BYTE.saturating_mul(input_bytes));
    let groups: Vec<(&align::Group, bool)> = alignment
        .groups
        .iter()
        .map(|g| {
            if g.old.len() != 1 || g.new.len() != 1 {
                return (g, false);
            }
            // A point kept word for word needs no edits and spends nothing.
            if tokens::same_words(old_text(g.old[0]), new_text(g.new[0])) {
                return (g, true);
            }
            let cost =
                (old_text(g.old[0]).len() as u64).saturating_mul(new_text(g.new[0]).len() as u64);
            let fits = cost <= budget;
            if fits {
                budget -= cost;
            }
            (g, fits)
        })
        .collect();
    // Each group's change with its sort key, word edits and figures, built in parallel (`None` once
    // moved out, to its place in the diff).
    let mut built = crate::par::map(&groups, |&(g, may_edit)| {
        // Units are sorted within a group, body points (numbered first) before deferred items.
        let old_body = &g.old[..g.old.partition_point(|&i| i < no)];
        let new_body = &g.new[..g.new.partition_point(|&j| j < nn)];
        // Deferred items that stayed deferred are compared as points are: kept, reworded, merged
        // or split within the deferred list.
        let list = old_body.is_empty() && new_body.is_empty();
        let kind = match (old_body.is_empty(), new_body.is_empty()) {
            (true, true) => {
                if g.old.len() > 1 {
                    ChangeKind::Merged
                } else if g.new.len() > 1 {
                    ChangeKind::Split
                } else if tokens::same_words(old_text(g.old[0]), new_text(g.new[0])) {
                    ChangeKind::Unchanged
                } else {
                    ChangeKind::Reworded
                }
            }
            (false, true) => ChangeKind::Deferred,
            (true, false) => ChangeKind::Reinstated,
            (false, false) => {
                if old_body.len() > 1 {
                    ChangeKind::Merged
                } else if new_body.len() > 1 {
                    ChangeKind::Split
                } else if g.evidence == Evidence::Exact
                    || tokens::same_words(old_text(old_body[0]), new_text(new_body[0]))
                {
                    ChangeKind::Unchanged
                } else {
                    ChangeKind::Reworded
                }
            }
        };
        let mut similarity = if kind == ChangeKind::Unchanged {
            1.0
        } else {
            g.score
        };
        let (mut edits, mut figures) = (WordEdits::new(), Figures::new());
        if matches!(
            kind,
            ChangeKind::Reworded | ChangeKind::Merged | ChangeKind::Split
        ) {
            let (joined_old, joined_new) = (joined(&g.old, old_text), joined(&g.new, new_text));
            // Texts past a mebibyte are not cut into words at all (no word edits, no figures): the
            // segments alone would take many times the text's memory.
            if joined_old.len().max(joined_new.len()) <= MAX_SEGMENTED_BYTES {
                // Both need the texts' word-boundary segments: found once.
                let (a, b) = (bounds(&joined_old), bounds(&joined_new));
                if kind == ChangeKind::Reworded {
                    let max_words = if may_edit { opts.max_edit_words } else { 0 };
                    match edits_of_segments(&joined_old, &joined_new, &a, &b, max_words) {
                        Some(e) => {
                            // A reworded point's similarity comes from its word edits.
                            similarity = edit_similarity(&e);
                            // Changed throughout: a word diff of thousands of runs, or of most
                            // words, reads as nothing (and thousands of runs kept for every such
                            // point are an attack on memory: random words); its texts are shown
                            // whole, with the similarity its edits gave.
                            edits = if e.len() > MAX_EDIT_RUNS || similarity < MIN_EDIT_SIMILARITY {
                                whole_replacement(&joined_old, &joined_new)
                            } else {
                                e
                            };
                        }
                        // Past the word cap or the budget: the texts whole, with the aligner's
                        // similarity (a whole replacement would say 0).
                        None => edits = whole_replacement(&joined_old, &joined_new),
                    }
                }
                figures = if kind == ChangeKind::Reworded {
                    figure_changes_of_segments(&joined_old, &joined_new, &a, &b)
                } else {
                    let olds: Vec<&str> = g.old.iter().map(|&u| old_text(u)).collect();
                    let news: Vec<&str> = g.new.iter().map(|&u| new_text(u)).collect();
                    figure_changes_of_parts(&olds, &news)
                };
            } else if kind == ChangeKind::Reworded {
                // As for any text past the word cap: whole, with the aligner's similarity.
                edits = whole_replacement(&joined_old, &joined_new);
            }
        }
        let (forum, old_forum) = if kind == ChangeKind::Deferred {
            (forums_of(&g.new, new, nn), None)
        } else if list {
            let (f, of) = (forums_of(&g.new, new, nn), forums_of(&g.old, old, no));
            // The same forum written with other quotation marks, capitals, spaces or word endings
            // (another grammatical case) is the same.
            let moved_forum = match (&f, &of) {
                (Some(a), Some(b)) => !tokens::same_forum(a, b),
                (a, b) => a.is_some() != b.is_some(),
            };
            (f, of.filter(|_| moved_forum))
        } else {
            (None, None)
        };
        // A deferred item has no status: a deferral is no change of status.
        let status = if kind == ChangeKind::Deferred {
            None
        } else {
            status_change(
                old_body.first().and_then(|&i| old.points[i].status),
                new_body.first().and_then(|&j| new.points[j].status),
            )
        };
        // A title renamed over a point kept one to one.
        let title = match (kind, old_body, new_body) {
            (ChangeKind::Reworded | ChangeKind::Unchanged, &[i], &[j]) => {
                match (
                    tokens::title(&old.points[i].text),
                    tokens::title(&new.points[j].text),
                ) {
                    (Some(a), Some(b)) if !tokens::same_words(a, b) => Some(TitleChange {
                        old: a.to_string(),
                        new: b.to_string(),
                    }),
                    _ => None,
                }
            }
            _ => None,
        };
        let change = Change {
            kind,
            old: g.old.iter().map(|&i| old_name(i)).collect(),
            new: g.new.iter().map(|&j| new_name(j)).collect(),
            moved: g.moved,
            similarity: Some(round3(similarity)),
            evidence: Some(g.evidence),
            forum,
            old_forum,
            scope: if list {
                Scope::DeferredList
            } else {
                Scope::Body
            },
            edits,
            figures,
            status,
            positions: positions_change(
                old_body.first().map(|&i| &old.points[i]),
                new_body.first().map(|&j| &new.points[j]),
            ),
            title,
            candidates: Vec::new(),
        };
        // Body changes in old order, added points after their predecessor's change; the deferred
        // list's changes after the body, in the old list's order.
        let key = match (old_body.first(), new_body.first()) {
            (Some(&i), _) => (i + 1, 0, 0),
            (None, Some(&j)) => (usize::MAX, 1, j),
            (None, None) => (g.old[0] + 1, 0, 0),
        };
        Some((key, change))
    });
    // Each change's sort key and where the change is: at `n` in `built`, or, past its end, among
    // the unmatched points' changes. Changes are large: each is moved once, to its place.
    let mut keys: Vec<((usize, usize, usize), usize)> = Vec::with_capacity(built.len());
    // Every unit, body point or deferred item, of either draft: in a group's change or on its own.
    let mut old_seen = vec![false; no + old.deferred.len()];
    let mut new_seen = vec![false; nn + new.deferred.len()];
    // The sort key of the change holding each new point, when that change has an old point.
    let mut anchor_of_new: Vec<Option<usize>> = vec![None; nn];
    for (n, (g, b)) in alignment.groups.iter().zip(&mut built).enumerate() {
        if let Some((key, _)) = b {
            for &i in &g.old {
                old_seen[i] = true;
            }
            for &j in &g.new {
                new_seen[j] = true;
                if j < nn && key.1 == 0 {
                    anchor_of_new[j] = Some(key.0);
                }
            }
            keys.push((*key, n));
        }
    }
    let mut unmatched: Vec<Option<Change>> = Vec::new();
    for (i, seen) in old_seen.iter().enumerate() {
        if !seen {
            // A point removed, or a deferred item dropped from the list.
            let mut change = Change::unmatched(ChangeKind::Removed, vec![old_name(i)], Vec::new());
            if i >= no {
                change.scope = Scope::DeferredList;
                change.forum = old.deferred[i - no].forum.clone();
            } else if let Ok(k) = alignment.candidates.binary_search_by_key(&i, |c| c.0) {
                change.candidates = alignment.candidates[k]
                    .1
                    .iter()
                    .map(|&(j, share)| Candidate {
                        point: new_name(j),
                        share: round3(share),
                    })
                    .collect();
            }
            keys.push(((i + 1, 0, 0), built.len() + unmatched.len()));
            unmatched.push(Some(change));
        }
    }
    for (j, seen) in new_seen.iter().enumerate() {
        if !seen {
            // A point added, or an item newly set aside with no old counterpart.
            let mut change = Change::unmatched(ChangeKind::Added, Vec::new(), vec![new_name(j)]);
            let key = if j >= nn {
                change.scope = Scope::DeferredList;
                change.forum = new.deferred[j - nn].forum.clone();
                (usize::MAX, 2, j)
            } else {
                (usize::MAX, 1, j)
            };
            keys.push((key, built.len() + unmatched.len()));
            unmatched.push(Some(change));
        }
    }
    // Changes with no old body point follow the change holding the preceding new point.
    // The anchor of the nearest preceding new point that has one.
    let mut preceding: Vec<usize> = Vec::with_capacity(nn + 1);
    let mut last = 0;
    for a in &anchor_of_new {
        preceding.push(last);
        if let Some(a) = a {
            last = *a;
        }
    }
    for (key, _) in &mut keys {
        if key.1 == 1 {
            key.0 = preceding.get(key.2).copied().unwrap_or(0);
        }
    }
    // In key order, ties in the order built (places grow in that order).
    keys.sort_unstable();
    let changes: Vec<Change> = keys
        .iter()
        .filter_map(|&(_, n)| match built.get_mut(n) {
            Some(b) => b.take().map(|(_, change)| change),
            None => unmatched.get_mut(n - built.len()).and_then(Option::take),
        })
        .collect();
    PlanDiff {
        from: DraftInfo::of(old),
        to: DraftInfo::of(new),
        changes,
        notes,
        old: old_arc,
        new: new_arc,
        documents: (Vec::new(), Vec::new()),
        taken_up: Vec::new(),
        index: std::sync::OnceLock::new(),
    }
}

/// Diffs a plan spread over several documents: the old draft with its companions `also_old`, and
/// the new draft with its companions `also_new` (a framework agreement negotiated beside it, a
/// separate track). Each side's documents are read as one draft, the companions' points labelled
/// `<id>/<label>` ([`combine`]), so a point that continues in a companion is a correspondence like
/// any other. A deferred item of the new draft whose forum names a new companion (its id with
/// spaces for dashes, or its title) is linked to the companion's point that takes it up
/// ([`PlanDiff::taken_up`]): an old point set aside for the companion shows as deferred, and the
/// link says where the companion took it up.
///
/// ```
/// use peaceplan::diff::{Document, diff_documents};
/// use peaceplan::{DiffOptions, format::parse_text};
/// let old = parse_text("1. A ceasefire.\n2. Ukraine receives security guarantees from the United States.\n")?;
/// let new = parse_text("1. A ceasefire.\n\n## Deferred: security-guarantees framework\n- Security guarantees\n")?;
/// let framework = parse_text("1. The United States gives Ukraine security guarantees.\n")?;
/// let also = [Document { id: "security-guarantees-framework", draft: &framework }];
/// let d = diff_documents(&old, &[], &new, &also, &DiffOptions::default())?;
/// // The old point went to the deferred list, for the framework, which took it up.
/// assert_eq!(d.change_of_old("2").unwrap().new[0], "D1");
/// assert_eq!(d.taken_up()[0].point.as_deref(), Some("security-guarantees-framework/1"));
/// assert_eq!(d.taken_up()[0].to_string(), "D1 \"Security guarantees\" (set aside for security-guarantees framework) is taken up in security-guarantees-framework/1");
/// // A point that continues in the framework in its own words is a correspondence.
/// let old = parse_text("1. A ceasefire.\n2. The guarantee runs for 10 years.\n")?;
/// let new = parse_text("1. A ceasefire.\n")?;
/// let framework = parse_text("1. The guarantee runs for 15 years.\n")?;
/// let also = [Document { id: "framework", draft: &framework }];
/// let d = diff_documents(&old, &[], &new, &also, &DiffOptions::default())?;
/// assert_eq!(d.change_of_old("2").unwrap().new[0], "framework/1");
/// # Ok::<(), peaceplan::Error>(())
/// ```
pub fn diff_documents(
    old: &Draft,
    also_old: &[Document<'_>],
    new: &Draft,
    also_new: &[Document<'_>],
    opts: &DiffOptions,
) -> crate::Result<PlanDiff> {
    let (old_all, old_spans) = combine(old, also_old)?;
    let (new_all, new_spans) = combine(new, also_new)?;
    let names = deferred_names(&new_all);
    let taken_up = documents::taken_up(&new_all, &new_spans, &names);
    let mut d = diff_on(Arc::new(old_all), Arc::new(new_all), opts);
    mark_moves_per_document(&mut d.changes, &old_spans, &new_spans);
    // A side of one document needs no spans.
    let spans = |s: Vec<DocumentSpan>| if s.len() > 1 { s } else { Vec::new() };
    d.documents = (spans(old_spans), spans(new_spans));
    d.taken_up = taken_up;
    Ok(d)
}

/// The texts of `units`, one per line (a lone unit's text as it is).
fn joined<'t>(units: &[usize], text: impl Fn(usize) -> &'t str) -> Cow<'t, str> {
    match units {
        [one] => Cow::Borrowed(text(*one)),
        _ => Cow::Owned(
            units
                .iter()
                .map(|&u| text(u))
                .collect::<Vec<_>>()
                .join("\n"),
        ),
    }
}

/// The forums of the deferred items among `units` (a draft's units: `n` body points, then its deferred
/// items), as [`dedup_join`] gives them.
fn forums_of(units: &[usize], d: &Draft, n: usize) -> Option<Arc<str>> {
    let forums: Vec<&Arc<str>> = units
        .iter()
        .filter(|&&k| k >= n)
        .filter_map(|&k| d.deferred[k - n].forum.as_ref())
        .collect();
    dedup_join(&forums)
}

/// The parties whose position differs between the old and the new point (a party present on one
/// side only counts, with `None` on the other).
fn positions_change(
    old: Option<&crate::model::Point>,
    new: Option<&crate::model::Point>,
) -> BTreeMap<String, PositionChange> {
    let (Some(old), Some(new)) = (old, new) else {
        return BTreeMap::new();
    };
    let mut out = BTreeMap::new();
    for (party, &o) in &old.positions {
        let n = new.positions.get(party).copied();
        if n != Some(o) {
            out.insert(
                party.clone(),
                PositionChange {
                    old: Some(o),
                    new: n,
                },
            );
        }
    }
    for (party, &n) in &new.positions {
        if !old.positions.contains_key(party) {
            out.insert(
                party.clone(),
                PositionChange {
                    old: None,
                    new: Some(n),
                },
            );
        }
    }
    out
}

/// The distinct forums of a deferral, in order, joined by `; `; the shared name itself when there is
/// one (the usual case: no copy).
fn dedup_join(items: &[&Arc<str>]) -> Option<Arc<str>> {
    let first = *items.first()?;
    if items.iter().all(|f| f == &first) {
        return Some(Arc::clone(first));
    }
    let mut seen: HashSet<&str> = HashSet::default();
    let distinct: Vec<&str> = items
        .iter()
        .map(|f| &***f)
        .filter(|f| seen.insert(f))
        .collect();
    Some(distinct.join("; ").into())
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

fn status_change(old: Option<Status>, new: Option<Status>) -> Option<StatusChange> {
    (old != new && (old.is_some() || new.is_some())).then_some(StatusChange { old, new })
}

impl PlanDiff {
    /// The old side's documents (the main draft first, then its companions), when it is several;
    /// empty for a diff of two single drafts.
    pub fn old_documents(&self) -> &[DocumentSpan] {
        &self.documents.0
    }

    /// The new side's documents, as [`PlanDiff::old_documents`].
    pub fn new_documents(&self) -> &[DocumentSpan] {
        &self.documents.1
    }

    /// Deferred items of the new draft set aside for one of its companion documents, and the
    /// companion's point that takes each up ([`diff_documents`]).
    pub fn taken_up(&self) -> &[TakenUp] {
        &self.taken_up
    }

    /// The changes, in reading order: by old position, with added points after their predecessor,
    /// then the deferred list's own changes. Every old and every new point and deferred item is in
    /// exactly one change.
    pub fn changes(&self) -> &[Change] {
        &self.changes
    }

    /// The text of a point or deferred item of this diff, from the draft of its side.
    ///
    /// ```
    /// use peaceplan::{diff, format::parse_text};
    /// let old = parse_text("1. A ceasefire.\n2. Elections within 100 days.\n")?;
    /// let new = parse_text("1. Elections as soon as possible.\n2. A ceasefire.\n")?;
    /// let d = diff(&old, &new);
    /// let c = d.change_of_old("2").unwrap();
    /// assert_eq!(d.text_of(&c.old[0]), Some("Elections within 100 days."));
    /// assert_eq!(d.text_of(&c.new[0]), Some("Elections as soon as possible."));
    /// # Ok::<(), peaceplan::Error>(())
    /// ```
    pub fn text_of(&self, point: &PointRef) -> Option<&str> {
        match point.side {
            Side::Old => point.text(&self.old),
            Side::New => point.text(&self.new),
        }
    }

    /// The old draft's metadata.
    pub fn from(&self) -> &DraftInfo {
        &self.from
    }

    /// The new draft's metadata.
    pub fn to(&self) -> &DraftInfo {
        &self.to
    }

    /// `from` references of the new draft's deferred items that were not followed, and why.
    pub fn notes(&self) -> &[Note] {
        &self.notes
    }

    fn index(&self) -> &LabelIndex {
        self.index.get_or_init(|| {
            let mut index = LabelIndex::default();
            for (k, c) in self.changes.iter().enumerate() {
                for l in &c.old {
                    index.old.entry(l.label().to_string()).or_insert(k);
                }
                for l in &c.new {
                    index.new.entry(l.label().to_string()).or_insert(k);
                }
            }
            index
        })
    }

    /// The old draft.
    pub fn old_draft(&self) -> &Draft {
        &self.old
    }

    /// The new draft.
    pub fn new_draft(&self) -> &Draft {
        &self.new
    }

    /// The position in [`PlanDiff::changes`] of the change holding this old label.
    pub(crate) fn position_of_old(&self, label: &str) -> Option<usize> {
        self.index().old.get(label).copied()
    }

    /// The position in [`PlanDiff::changes`] of the change holding this new label.
    pub(crate) fn position_of_new(&self, label: &str) -> Option<usize> {
        self.index().new.get(label).copied()
    }

    /// The change that holds the old point (or deferred item) with this label. Constant time: an
    /// index of the labels is built on the first lookup.
    pub fn change_of_old(&self, label: &str) -> Option<&Change> {
        self.position_of_old(label).map(|k| &self.changes[k])
    }

    /// The change that holds the new point (or deferred item) with this label (constant time, as
    /// [`PlanDiff::change_of_old`]).
    pub fn change_of_new(&self, label: &str) -> Option<&Change> {
        self.position_of_new(label).map(|k| &self.changes[k])
    }

    /// The changes of one kind.
    pub fn of_kind(&self, kind: ChangeKind) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(move |c| c.kind == kind)
    }

    /// The points kept as they were (or only moved).
    pub fn unchanged(&self) -> impl Iterator<Item = &Change> {
        self.of_kind(ChangeKind::Unchanged)
    }

    /// The reworded points.
    pub fn reworded(&self) -> impl Iterator<Item = &Change> {
        self.of_kind(ChangeKind::Reworded)
    }

    /// The removed points (and items dropped from the deferred list).
    pub fn removed(&self) -> impl Iterator<Item = &Change> {
        self.of_kind(ChangeKind::Removed)
    }

    /// The added points (and items newly set aside).
    pub fn added(&self) -> impl Iterator<Item = &Change> {
        self.of_kind(ChangeKind::Added)
    }

    /// The deferred items brought back into the body.
    pub fn reinstated(&self) -> impl Iterator<Item = &Change> {
        self.of_kind(ChangeKind::Reinstated)
    }

    /// The merges.
    pub fn merged(&self) -> impl Iterator<Item = &Change> {
        self.of_kind(ChangeKind::Merged)
    }

    /// The splits.
    pub fn split(&self) -> impl Iterator<Item = &Change> {
        self.of_kind(ChangeKind::Split)
    }

    /// The deferrals.
    pub fn deferred(&self) -> impl Iterator<Item = &Change> {
        self.of_kind(ChangeKind::Deferred)
    }

    /// The moved points.
    pub fn moved(&self) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(|c| c.moved)
    }

    /// True when the drafts' points are the same, in the same order, with the same status and
    /// positions, and the deferred lists hold the same items for the same forums. Metadata (title,
    /// version, date) is not compared.
    pub fn is_empty(&self) -> bool {
        !self.changes.iter().any(Change::is_difference)
    }

    /// Counts per kind.
    pub fn summary(&self) -> Summary {
        let mut s = Summary {
            old_points: self.from.points,
            new_points: self.to.points,
            ..Summary::default()
        };
        let old_labels: HashSet<&str> = self.old.points.iter().map(|p| p.label.as_str()).collect();
        let new_labels: HashSet<&str> = self.new.points.iter().map(|p| p.label.as_str()).collect();
        let old_body = |c: &Change| {
            c.old
                .iter()
                .filter(|l| old_labels.contains(l.label()))
                .count()
        };
        let new_body = |c: &Change| {
            c.new
                .iter()
                .filter(|l| new_labels.contains(l.label()))
                .count()
        };
        for c in &self.changes {
            if c.scope == Scope::DeferredList {
                let l = &mut s.deferred_list;
                if c.old_forum.is_some() {
                    l.forum_changed += 1;
                }
                match c.kind {
                    ChangeKind::Unchanged => l.kept += 1,
                    ChangeKind::Reworded => l.reworded += 1,
                    ChangeKind::Removed => l.dropped += 1,
                    ChangeKind::Added => l.newly_set_aside += 1,
                    ChangeKind::Merged => l.merged += c.old.len(),
                    ChangeKind::Split => l.split += 1,
                    ChangeKind::Deferred | ChangeKind::Reinstated => {}
                }
                continue;
            }
            if c.moved {
                s.moved += 1;
            }
            if c.status.is_some() {
                s.status_changed += 1;
            }
            if !c.positions.is_empty() {
                s.positions_changed += 1;
            }
            match c.kind {
                ChangeKind::Unchanged => s.unchanged += 1,
                ChangeKind::Reworded => s.reworded += 1,
                ChangeKind::Removed => s.removed += 1,
                ChangeKind::Added => s.added += 1,
                ChangeKind::Merged => {
                    s.merged += old_body(c);
                    s.merged_into += 1;
                }
                ChangeKind::Split => {
                    s.split += 1;
                    s.split_into += new_body(c);
                }
                ChangeKind::Deferred => {
                    let n = old_body(c);
                    s.deferred += n;
                    *s.deferred_by_forum
                        .entry(c.forum.as_deref().unwrap_or_default().to_string())
                        .or_insert(0) += n;
                }
                ChangeKind::Reinstated => s.reinstated += new_body(c),
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Figures keep their sign, percent, currency, scale and unit; a word after a number is its
    /// unit only when it is one.
    #[test]
    fn figures_keep_their_meaning() {
        let changes = |a: &str, b: &str| -> Vec<String> {
            figure_changes(a, b).iter().map(|f| f.to_string()).collect()
        };
        assert_eq!(
            changes("Tariffs rise by 3% a year.", "Tariffs rise by 4% a year."),
            ["3% -> 4%"]
        );
        assert_eq!(
            changes("Debt relief of 100%.", "Debt relief."),
            ["100% -> (removed)"]
        );
        // A figure is paired with one of its own kind first (an amount in euros is no count).
        assert_eq!(
            changes(
                "The city sells the station for at least €8 million.\nThe proceeds fund 120 homes.",
                "The city keeps the station and converts it into 40 homes."
            ),
            ["120 homes -> 40 homes", "€8 million -> (removed)"]
        );
        assert_eq!(
            changes("A truce of 30 days and 5%.", "A truce of 10% and 60 days."),
            ["30 days -> 60 days", "5% -> 10%"]
        );
        // A time of day is one figure; French units are units; `per` alone is none.
        assert_eq!(
            changes("Open from 10:00 to 16:00.", "Open from 09:00 to 16:00."),
            ["10:00 -> 09:00"]
        );
        assert_eq!(
            changes("Un délai de 100 jours.", "Un délai de 60 jours."),
            ["100 jours -> 60 jours"]
        );
        assert_eq!(
            changes("€2.00 per hour.", "€2.50 per hour."),
            ["€2.00 -> €2.50"]
        );
        assert_eq!(
            changes("The price is $420 million.", "The price is $465 million."),
            ["$420 million -> $465 million"]
        );
        assert_eq!(
            changes("A 30-day average price.", "A 20-day average price."),
            ["30-day -> 20-day"]
        );
        assert_eq!(
            changes("200 international observers", "300 international observers"),
            ["200 -> 300"]
        );
        assert_eq!(
            changes("Growth of -4 points.", "Growth of -2 points."),
            ["-4 -> -2"]
        );
        assert_eq!(
            changes("Pages 30-40 apply.", "Pages 30-45 apply."),
            ["40 -> 45"]
        );
        assert_eq!(
            changes(
                "Армія до 800 тисяч військових.",
                "Армія до 600 тисяч військових."
            ),
            ["800 тисяч військових -> 600 тисяч військових"]
        );
        assert_eq!(
            changes("Армія до 800\u{a0}тисяч.", "Армія до 800 тисяч."),
            Vec::<String>::new(),
            "a no-break space before the scale word is the same figure"
        );
        assert_eq!(
            changes("Withdrawal within 48 hours.", "Withdrawal within 24 hours."),
            ["48 hours -> 24 hours"]
        );
    }

    #[test]
    fn figures_pair_in_order() {
        let f = figure_changes(
            "Armed forces capped at 600,000 personnel; elections within 100 days.",
            "Armed forces capped at 800,000 personnel; elections as soon as possible.",
        );
        let s: Vec<String> = f.iter().map(|f| f.to_string()).collect();
        assert_eq!(
            s,
            vec![
                "600,000 personnel -> 800,000 personnel",
                "100 days -> (removed)"
            ]
        );
    }

    #[test]
    fn figures_with_spaced_thousands() {
        let f = figure_changes(
            "обмежується 600 000 військовослужбовців",
            "обмежується 800 000 військовослужбовців",
        );
        assert_eq!(
            f.get(0).unwrap().to_string(),
            "600 000 військовослужбовців -> 800 000 військовослужбовців"
        );
    }

    /// Merged points that both state a figure state it once between them: the merged point that
    /// says it once removed nothing (found by a newcomer), and one that drops it removed it; a
    /// split's pieces likewise.
    #[test]
    fn figures_of_merged_and_split_points_count_once_per_part() {
        let two = [
            "Collections removed since 2022 return.",
            "Property seized since 2022 returns.",
        ];
        let once = ["Collections and property seized since 2022 return within 30 days."];
        let f = figure_changes_of_parts(&two, &once);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f.get(0).unwrap().to_string(), "(added) -> 30 days");
        let none = ["Collections and property seized return."];
        let f = figure_changes_of_parts(&two, &none);
        assert_eq!(f.get(0).unwrap().to_string(), "2022 -> (removed)");
        // A figure one part states twice still counts twice.
        let twice = ["From 2022 to 2022."];
        let f = figure_changes_of_parts(&twice, &once);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f.get(0).unwrap().to_string(), "2022 -> 30 days");
        // A merged point that keeps both sentences says it twice: nothing added either.
        let both = ["Collections removed since 2022 return. Property seized since 2022 returns."];
        assert!(figure_changes_of_parts(&two, &both).is_empty());
        // Split: each piece repeats the old point's year.
        assert!(
            figure_changes_of_parts(
                &once[..],
                &[
                    "Collections since 2022 within 30 days.",
                    "Property since 2022."
                ]
            )
            .is_empty()
        );
    }

    /// A day keeps its month, and the numbers of a cross-reference are no figures (found by a
    /// newcomer: `15 March -> 20 March` read `15 -> 20`, and `point 8 -> point 7` a figure change).
    #[test]
    fn dates_keep_their_month_and_references_are_no_figures() {
        let f = figure_changes(
            "Verified under point 8 (see 9 and 10), on 15 March 2026, for 30 days.",
            "Verified under point 7 (see 11 to 12), on 20 March 2026, for 45 days.",
        );
        let shown: Vec<String> = f.iter().map(|c| c.to_string()).collect();
        assert_eq!(shown, ["15 March -> 20 March", "30 days -> 45 days"]);
        let f = figure_changes("до 15 березня, див. п. 4", "до 20 березня, див. п. 5");
        let shown: Vec<String> = f.iter().map(|c| c.to_string()).collect();
        assert_eq!(shown, ["15 березня -> 20 березня"]);
        // Digits grouped with a narrow no-break space are the same figure as with a plain space.
        assert!(figure_changes("600 000 осіб", "600\u{202f}000 осіб").is_empty());
        assert!(figure_changes("600\u{a0}000 units", "600 000 units").is_empty());
        // A number after a word of the reference's own that ends it is a figure again.
        let f = figure_changes("point 8 requires 30 troops", "point 8 requires 40 troops");
        assert_eq!(f.get(0).unwrap().to_string(), "30 troops -> 40 troops");
    }

    /// A point rewritten under its own title is shown whole, not as a word diff alternating word
    /// by word (found by a newcomer).
    #[test]
    fn a_point_rewritten_in_full_is_shown_whole() {
        let draft = |texts: &[&str]| {
            let mut d = Draft::default();
            for (k, t) in texts.iter().enumerate() {
                d.points.push(crate::Point::new((k + 1).to_string(), t));
            }
            d
        };
        let old = draft(&[
            "Ceasefire. All hostilities cease at midnight.",
            "Monitoring Mission. An OSCE mission of 400 unarmed observers patrols the line.",
            "Prisoners. All prisoners are exchanged.",
        ]);
        let new = draft(&[
            "Ceasefire. All hostilities cease at midnight.",
            "Monitoring Mission. Verification falls to satellite imagery shared weekly by both sides.",
            "Prisoners. All prisoners are exchanged.",
        ]);
        let d = crate::diff(&old, &new);
        let c = d.change_of_old("2").unwrap();
        assert_eq!(c.kind, ChangeKind::Reworded);
        assert!(
            c.similarity.unwrap() < MIN_EDIT_SIMILARITY,
            "{:?}",
            c.similarity
        );
        let ops: Vec<EditOp> = c.edits.iter().map(|e| e.op).collect();
        assert_eq!(ops, [EditOp::Delete, EditOp::Insert]);
    }

    #[test]
    fn word_edits_reconstruct_both_texts() {
        let (a, b) = (
            "Ukraine holds elections within 100 days.",
            "Ukraine holds elections soon.",
        );
        let e = word_edits(a, b, 100);
        let old: String = e
            .iter()
            .filter(|x| x.op != EditOp::Insert)
            .map(|x| x.text)
            .collect();
        let new: String = e
            .iter()
            .filter(|x| x.op != EditOp::Delete)
            .map(|x| x.text)
            .collect();
        assert_eq!((old.as_str(), new.as_str()), (a, b));
        let capped = word_edits(a, b, 2);
        assert_eq!(capped.len(), 2);
    }
}
