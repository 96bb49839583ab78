//! Competing counter-proposals against one base: for each point of the base, what each proposal did
//! with it (kept, reworded, removed, merged, split, deferred), and a verdict between each pair of
//! proposals: `same`, one side only, `converged` or `conflict`. Points new in the proposals are
//! matched across them (both sides added the same demand). Built on [`mod@crate::diff`]: each proposal
//! is diffed against the base, the proposals' new points against each other.
//!
//! ```
//! use peaceplan::{compare, format::parse_text};
//! let base = parse_text("1. A ceasefire.\n2. Armed forces capped at 600,000.\n3. An amnesty for all.\n")?;
//! let eu = parse_text("1. A ceasefire.\n2. Armed forces capped at 800,000.\n")?;
//! let ru = parse_text("1. A ceasefire.\n2. Armed forces capped at 600,000.\n3. An amnesty for all.\n")?;
//! let c = compare::compare(&base, &[("EU", &eu), ("RU", &ru)])?;
//! let army = c.row_of_base("2").unwrap();
//! assert_eq!(army.fates[0].kind, compare::FateKind::Reworded);
//! assert_eq!(army.verdicts[0], compare::Verdict::AOnly);
//! assert_eq!(c.row_of_base("3").unwrap().verdicts[0], compare::Verdict::AOnly);
//! assert_eq!(c.summary()[0].to_string(), "EU and RU: 1 same, 2 EU only, 0 RU only, 0 converged, 0 conflict");
//! # Ok::<(), peaceplan::Error>(())
//! ```

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use serde::Serialize;
use serde::ser::{SerializeMap, SerializeStruct};

use crate::align::Unit;
use crate::diff::{
    Change, ChangeKind, DiffOptions, DraftInfo, Figures, PlanDiff, PointRef, Side, figure_changes,
    figures_in,
};
use crate::error::{Error, ErrorKind, Result};
use crate::hash::HashMap;
use crate::model::Draft;
use crate::tokens;

/// Two texts at least this similar (the share of their words they have in common), with the same
/// figures, are "nearly the same": two proposals that changed a point to them have converged.
pub const CONVERGED_SIMILARITY: f64 = 0.9;

/// Two texts that converge share at least this share of their pairs of neighbouring words (as
/// well as [`CONVERGED_SIMILARITY`] of their words): the same words in another order are another
/// text.
pub const CONVERGED_ORDER: f64 = 0.8;

/// Points new in two proposals are the same point (one row) when the aligner pairs them one to one
/// at least this similar: a weaker pairing is two different demands.
pub const SAME_NEW_POINT: f64 = 0.5;

/// The JSON schema name of a comparison.
pub const COMPARE_SCHEMA: &str = "peaceplan.compare/1";

/// What a proposal did with a point of the base (or with a point new in the proposals).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FateKind {
    /// Kept word for word (perhaps renumbered or moved).
    Kept,
    /// Reworded.
    Reworded,
    /// Struck out.
    Removed,
    /// Merged with other points of the base into one.
    Merged,
    /// Split into several points.
    Split,
    /// Set aside for another forum.
    Deferred,
    /// A deferred item of the base brought back into the body.
    Reinstated,
    /// A point new in the proposal (rows of new points only).
    Added,
    /// The proposal does not have this new point (rows of new points only).
    Absent,
}

impl FateKind {
    /// The name used in every output (`kept`, `reworded`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            FateKind::Kept => "kept",
            FateKind::Reworded => "reworded",
            FateKind::Removed => "removed",
            FateKind::Merged => "merged",
            FateKind::Split => "split",
            FateKind::Deferred => "deferred",
            FateKind::Reinstated => "reinstated",
            FateKind::Added => "added",
            FateKind::Absent => "absent",
        }
    }

    /// Whether the proposal changed the point: anything but kept (and, for a new point, absent).
    pub fn is_change(self) -> bool {
        !matches!(self, FateKind::Kept | FateKind::Absent)
    }
}

impl fmt::Display for FateKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// What one proposal did with one row's point.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Fate {
    /// What happened.
    pub kind: FateKind,
    /// The proposal's points (or deferred items) the point became; empty when removed or absent.
    pub labels: Vec<PointRef>,
    /// The other points of the base merged with it (merges only).
    pub with: Vec<PointRef>,
    /// Similarity of the base text and the proposal's, in \[0, 1\] (as [`Change::similarity`]).
    pub similarity: Option<f64>,
    /// The forum it was set aside for (deferrals).
    pub forum: Option<Arc<str>>,
    /// Kept, but renumbered out of order relative to the other kept points.
    pub moved: bool,
}

impl Fate {
    fn absent() -> Self {
        Fate {
            kind: FateKind::Absent,
            labels: Vec::new(),
            with: Vec::new(),
            similarity: None,
            forum: None,
            moved: false,
        }
    }
}

impl Serialize for Fate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Fate", 6)?;
        st.serialize_field("kind", &self.kind)?;
        st.serialize_field("labels", &self.labels)?;
        if !self.with.is_empty() {
            st.serialize_field("with", &self.with)?;
        }
        st.serialize_field("similarity", &self.similarity)?;
        if let Some(f) = &self.forum {
            st.serialize_field("forum", &**f)?;
        }
        if self.moved {
            st.serialize_field("moved", &true)?;
        }
        st.end()
    }
}

/// How two proposals stand on one point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Neither changed it (or, for a new point, neither has it).
    Same,
    /// Only the first of the pair changed it (or added it).
    AOnly,
    /// Only the second changed it (or added it).
    BOnly,
    /// Both changed it to the same or nearly the same text ([`CONVERGED_SIMILARITY`] of their words in
    /// common, the same figures), both removed it, or both set it aside for the same forum.
    Converged,
    /// Both changed it differently, or one removed it and the other rewrote it.
    Conflict,
}

impl Verdict {
    /// The name used in JSON (`same`, `a_only`, `b_only`, `converged`, `conflict`).
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Same => "same",
            Verdict::AOnly => "a_only",
            Verdict::BOnly => "b_only",
            Verdict::Converged => "converged",
            Verdict::Conflict => "conflict",
        }
    }
}

/// One figure (number or amount) across the base and the proposals: `600,000` in the base, `800,000`
/// in one proposal, the same in another.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct FigureRow {
    /// The figure in the base; `None` for a figure a proposal added (and in rows of new points).
    pub base: Option<String>,
    /// The figure in each proposal, in order; `None` where the proposal has none (removed, absent).
    pub values: Vec<Option<String>>,
}

/// One row of a comparison: a point of the base (or one new in the proposals), each proposal's fate
/// for it, and the verdict of each pair of proposals.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Row {
    /// The base's point or deferred item; `None` for a point new in the proposals.
    pub base: Option<PointRef>,
    /// Each proposal's fate, in the order of [`Comparison::proposals`].
    pub fates: Vec<Fate>,
    /// The verdict of each pair of proposals, in the order of [`Comparison::pairs`].
    pub verdicts: Vec<Verdict>,
    /// Figures that differ between the base and the proposals (or between the proposals).
    pub figures: Vec<FigureRow>,
}

impl Row {
    /// Whether every pair agrees that nothing changed.
    pub fn is_same(&self) -> bool {
        self.verdicts.iter().all(|v| *v == Verdict::Same)
    }
}

/// A proposal of a comparison: its name and its draft's title, version, label and date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ProposalInfo {
    /// The name the proposal goes by in every output (unique within the comparison).
    pub name: String,
    /// Its draft.
    #[serde(flatten)]
    pub info: DraftInfo,
}

/// Counts of verdicts for one pair of proposals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct PairSummary {
    /// The first proposal's name.
    pub a: String,
    /// The second proposal's name.
    pub b: String,
    /// Rows neither changed.
    pub same: usize,
    /// Rows only the first changed.
    pub a_only: usize,
    /// Rows only the second changed.
    pub b_only: usize,
    /// Rows both changed alike.
    pub converged: usize,
    /// Rows both changed differently.
    pub conflict: usize,
}

impl fmt::Display for PairSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{a} and {b}: {} same, {} {a} only, {} {b} only, {} converged, {} conflict",
            self.same,
            self.a_only,
            self.b_only,
            self.converged,
            self.conflict,
            a = self.a,
            b = self.b
        )
    }
}

/// A comparison of proposals against one base. Build it with [`compare`]; read it row by row.
#[derive(Debug, Clone)]
pub struct Comparison {
    base: Arc<Draft>,
    proposals: Vec<(ProposalInfo, Arc<Draft>)>,
    rows: Vec<Row>,
}

impl Comparison {
    /// The base draft.
    pub fn base(&self) -> &Draft {
        &self.base
    }

    /// The base's title, version, label and date.
    pub fn base_info(&self) -> DraftInfo {
        DraftInfo::of(&self.base)
    }

    /// The proposals, in the order given.
    pub fn proposals(&self) -> impl ExactSizeIterator<Item = &ProposalInfo> {
        self.proposals.iter().map(|(p, _)| p)
    }

    /// The `i`th proposal's draft.
    pub fn proposal_draft(&self, i: usize) -> Option<&Draft> {
        self.proposals.get(i).map(|(_, d)| &**d)
    }

    /// The pairs of proposals (indices, first < second), in the order of [`Row::verdicts`].
    pub fn pairs(&self) -> Vec<(usize, usize)> {
        pairs(self.proposals.len())
    }

    /// The rows: the base's points in order, its deferred items, then the points new in the
    /// proposals (in the first proposal's order that has them).
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// The row of the base's point labelled `label` (a deferred item's name: `D1`, `D2`, ...).
    pub fn row_of_base(&self, label: &str) -> Option<&Row> {
        self.rows
            .iter()
            .find(|r| r.base.as_ref().is_some_and(|b| b.label() == label))
    }

    /// The text of a point of the base (`Side::Old`) or of proposal `proposal` (`Side::New`).
    pub fn text_of(&self, proposal: Option<usize>, point: &PointRef) -> Option<&str> {
        let draft = match proposal {
            None => &*self.base,
            Some(i) => &*self.proposals.get(i)?.1,
        };
        point.text(draft)
    }

    /// The counts of verdicts for each pair of proposals.
    pub fn summary(&self) -> Vec<PairSummary> {
        let names: Vec<&str> = self.proposals().map(|p| p.name.as_str()).collect();
        self.pairs()
            .into_iter()
            .enumerate()
            .map(|(k, (a, b))| {
                let mut s = PairSummary {
                    a: names[a].to_string(),
                    b: names[b].to_string(),
                    same: 0,
                    a_only: 0,
                    b_only: 0,
                    converged: 0,
                    conflict: 0,
                };
                for r in &self.rows {
                    match r.verdicts[k] {
                        Verdict::Same => s.same += 1,
                        Verdict::AOnly => s.a_only += 1,
                        Verdict::BOnly => s.b_only += 1,
                        Verdict::Converged => s.converged += 1,
                        Verdict::Conflict => s.conflict += 1,
                    }
                }
                s
            })
            .collect()
    }
}

/// The pairs of `n` items, first < second, in order.
fn pairs(n: usize) -> Vec<(usize, usize)> {
    (0..n)
        .flat_map(|a| (a + 1..n).map(move |b| (a, b)))
        .collect()
}

/// The longest proposal name, in characters: a name is printed in every row, once per pair.
pub const MAX_NAME: usize = 64;

/// A proposal's name as every output shows it: one line (control characters and line breaks as
/// spaces, white space runs as one), no `|` (it joins the names of a pair in JSON keys: `/` instead),
/// at most [`MAX_NAME`] characters (cut with `…`).
fn clean_name(name: &str) -> String {
    let one: String = name
        .chars()
        .map(|c| match c {
            '|' => '/',
            c if c.is_control() || crate::model::is_invisible(c) => ' ',
            c => c,
        })
        .collect();
    let one = one.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() <= MAX_NAME {
        one
    } else {
        let mut cut: String = one.chars().take(MAX_NAME - 1).collect();
        cut.push('…');
        cut
    }
}

/// Names made unique (after [`clean_name`]): a name met before gets ` (2)`, ` (3)`, ...; an empty
/// name is `proposal N`.
fn unique_names<'a>(names: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::default();
    let mut out = Vec::new();
    for (i, name) in names.enumerate() {
        let name = clean_name(name);
        let base = if name.is_empty() {
            format!("proposal {}", i + 1)
        } else {
            name
        };
        let mut candidate = base.clone();
        let mut k = 1;
        while seen.contains_key(&candidate) {
            k += 1;
            candidate = format!("{base} ({k})");
        }
        seen.insert(candidate.clone(), i);
        out.push(candidate);
    }
    out
}

/// The most proposals a comparison takes: every pair of them gets a verdict in every row.
pub const MAX_PROPOSALS: usize = 32;

/// Compares `proposals` (each a name and a draft) against `base`, with the default options. Fewer
/// than two proposals, or more than [`MAX_PROPOSALS`], is an error.
pub fn compare(base: &Draft, proposals: &[(&str, &Draft)]) -> Result<Comparison> {
    compare_with(base, proposals, &DiffOptions::default())
}

/// [`compare`] with the diff's options.
pub fn compare_with(
    base: &Draft,
    proposals: &[(&str, &Draft)],
    opts: &DiffOptions,
) -> Result<Comparison> {
    check_count(proposals.len())?;
    let base = Arc::new(base.clone());
    let drafts: Vec<Arc<Draft>> = proposals
        .iter()
        .map(|(_, d)| Arc::new((*d).clone()))
        .collect();
    let names = unique_names(proposals.iter().map(|(n, _)| *n));
    compare_shared(base, names.into_iter().zip(drafts).collect(), opts)
}

/// Refuses fewer than two or more than [`MAX_PROPOSALS`] proposals.
fn check_count(n: usize) -> Result<()> {
    if n < 2 {
        return Err(Error::new(ErrorKind::TooFewProposals { count: n }));
    }
    if n > MAX_PROPOSALS {
        return Err(Error::new(ErrorKind::TooManyProposals {
            limit: MAX_PROPOSALS,
        }));
    }
    Ok(())
}

/// [`compare_with`] for drafts already shared (no copies).
pub fn compare_shared(
    base: Arc<Draft>,
    proposals: Vec<(String, Arc<Draft>)>,
    opts: &DiffOptions,
) -> Result<Comparison> {
    check_count(proposals.len())?;
    let names = unique_names(proposals.iter().map(|(n, _)| n.as_str()));
    let proposals: Vec<(ProposalInfo, Arc<Draft>)> = proposals
        .into_iter()
        .zip(names)
        .map(|((_, d), name)| {
            (
                ProposalInfo {
                    name,
                    info: DraftInfo::of(&d),
                },
                d,
            )
        })
        .collect();
    // Each proposal against the base, in parallel (each diff is a sizeable piece of work).
    let diffs: Vec<PlanDiff> = crate::par::map_chunks(&proposals, |(_, d)| {
        crate::diff::diff_shared(Arc::clone(&base), Arc::clone(d), opts)
    });
    let n = proposals.len();
    let pairs = pairs(n);
    let mut rows = Vec::new();
    // The base's units: body points, then deferred items; each proposal's change of each.
    let units = base.points.len() + base.deferred.len();
    let mut fates: Vec<Vec<Fate>> = vec![Vec::with_capacity(n); units];
    // Each diff's change of each unit (its figures are reused per row).
    let mut known: Vec<Vec<Option<&Change>>> = vec![Vec::with_capacity(n); units];
    for d in &diffs {
        let mut of_unit: Vec<Option<&Change>> = vec![None; units];
        for c in d.changes() {
            for p in &c.old {
                of_unit[unit_index(&base, p)] = Some(c);
            }
        }
        for (u, c) in of_unit.into_iter().enumerate() {
            fates[u].push(c.map_or_else(Fate::absent, |c| fate_of(c, u, &base)));
            known[u].push(c);
        }
    }
    // Each base point's row: its texts in the proposals, verdicts and figures, built in parallel.
    let units: Vec<BaseUnit<'_>> = fates
        .into_iter()
        .zip(known)
        .enumerate()
        .map(|(u, (f, k))| (u, f, k))
        .collect();
    let built = crate::par::map(&units, |(u, fates, known)| {
        let base_text = unit_text(&base, *u);
        let texts: Vec<Option<Cow<'_, str>>> = fates
            .iter()
            .zip(&proposals)
            .map(|(f, (_, d))| labels_text(&f.labels, d))
            .collect();
        let verdicts = verdicts(fates, &texts, &pairs);
        let known: Vec<Option<Cow<'_, Figures>>> = known
            .iter()
            .map(|c| c.and_then(|c| figures_of_unit(c, base_text)))
            .collect();
        (verdicts, figure_rows(Some(base_text), &texts, &known))
    });
    let deferred_names = crate::diff::deferred_names(&base);
    rows.extend(
        units
            .into_iter()
            .zip(built)
            .map(|((u, fates, _), (verdicts, figures))| Row {
                base: Some(base_ref(&base, &deferred_names, u)),
                fates,
                verdicts,
                figures,
            }),
    );
    rows.extend(new_rows(&proposals, &diffs, opts, &pairs));
    Ok(Comparison {
        base,
        proposals,
        rows,
    })
}

/// A point of the base on its way to a row: its index among the base's units, each proposal's fate
/// for it, and each proposal's change of it (whose figures the row reuses).
type BaseUnit<'d> = (usize, Vec<Fate>, Vec<Option<&'d Change>>);

/// The figures change `c` (of a proposal against the base) changed in the base point whose text is
/// `text`, from the figures the diff found: `None` when the diff computes none for its kind. A
/// merge's figures are those of all its old points against the merged text: of those, the row of
/// one old point keeps the figures that were its own and those the merged text added (a figure of
/// another merged point is that point's row's).
fn figures_of_unit<'c>(c: &'c Change, text: &str) -> Option<Cow<'c, Figures>> {
    match c.kind {
        ChangeKind::Unchanged | ChangeKind::Reworded | ChangeKind::Split if c.old.len() == 1 => {
            Some(Cow::Borrowed(&c.figures))
        }
        ChangeKind::Reworded | ChangeKind::Merged => {
            if c.figures.is_empty() {
                return Some(Cow::Borrowed(&c.figures));
            }
            let mut own: HashMap<Cow<'_, str>, usize> = HashMap::default();
            for f in figures_in(text) {
                *own.entry(f).or_insert(0) += 1;
            }
            let mut kept = Figures::new();
            for f in &c.figures {
                let keep = match f.old {
                    None => true,
                    Some(o) => match own.get_mut(o) {
                        Some(k) if *k > 0 => {
                            *k -= 1;
                            true
                        }
                        _ => false,
                    },
                };
                if keep {
                    kept.push(f.old, f.new);
                }
            }
            Some(Cow::Owned(kept))
        }
        _ => None,
    }
}

/// The index among the base's units (body points, then deferred items) of a point of the base.
fn unit_index(base: &Draft, p: &PointRef) -> usize {
    if p.is_deferred() {
        base.points.len() + p.index()
    } else {
        p.index()
    }
}

/// The text of the base's `u`th unit.
fn unit_text(base: &Draft, u: usize) -> &str {
    let n = base.points.len();
    if u < n {
        &base.points[u].text
    } else {
        &base.deferred[u - n].text
    }
}

/// The reference to the base's `u`th unit.
/// `deferred_names` are the names the diff gives the base's deferred items
/// ([`crate::diff::deferred_names`]: their labels, or `D1`, `D2`, ... clear of the labels in use).
fn base_ref(base: &Draft, deferred_names: &[String], u: usize) -> PointRef {
    let n = base.points.len();
    if u < n {
        PointRef::new(base.points[u].label.clone(), Side::Old, false, u)
    } else {
        let name = deferred_names
            .get(u - n)
            .cloned()
            .unwrap_or_else(|| format!("D{}", u - n + 1));
        PointRef::new(name, Side::Old, true, u - n)
    }
}

/// The fate of the base's `u`th unit in change `c` of the base against a proposal.
fn fate_of(c: &Change, u: usize, base: &Draft) -> Fate {
    // An item of the base's deferred list kept on the proposal's list under another forum is set
    // aside anew: a deferral to that forum, not a point kept.
    let forum_moved =
        c.old_forum.is_some() && matches!(c.kind, ChangeKind::Unchanged | ChangeKind::Reworded);
    let kind = match c.kind {
        _ if forum_moved => FateKind::Deferred,
        ChangeKind::Unchanged => FateKind::Kept,
        ChangeKind::Reworded => FateKind::Reworded,
        ChangeKind::Removed => FateKind::Removed,
        ChangeKind::Merged => FateKind::Merged,
        ChangeKind::Split => FateKind::Split,
        ChangeKind::Deferred => FateKind::Deferred,
        ChangeKind::Reinstated => FateKind::Reinstated,
        // A change with an old side is never `added`; read as a new point for safety.
        ChangeKind::Added => FateKind::Added,
    };
    let with = if kind == FateKind::Merged {
        c.old
            .iter()
            .filter(|p| unit_index(base, p) != u)
            .cloned()
            .collect()
    } else {
        Vec::new()
    };
    Fate {
        kind,
        labels: c.new.clone(),
        with,
        similarity: c.similarity,
        forum: c.forum.clone(),
        moved: c.moved,
    }
}

/// The text of points `labels` of draft `d` (joined by line breaks; borrowed for one point); `None`
/// without points.
fn labels_text<'d>(labels: &[PointRef], d: &'d Draft) -> Option<Cow<'d, str>> {
    match labels {
        [] => None,
        [one] => Some(Cow::Borrowed(one.text(d).unwrap_or_default())),
        _ => {
            let parts: Vec<&str> = labels.iter().filter_map(|p| p.text(d)).collect();
            Some(Cow::Owned(parts.join("\n")))
        }
    }
}

/// Whether two proposals' texts for a point are nearly the same: at least [`CONVERGED_SIMILARITY`]
/// of their words and [`CONVERGED_ORDER`] of their pairs of neighbouring words in common, and the
/// same figures in the same order (`800,000` against `700,000` is a clash however alike the words).
fn nearly_same(a: &str, b: &str) -> bool {
    if tokens::same_words(a, b) {
        return true;
    }
    // The share of words the texts have in common as bags (2 × common / all), then of their pairs
    // of neighbouring words: linear in the texts. The pairs tell order apart, so that `Russia pays
    // Ukraine` and `Ukraine pays Russia` are no convergence (a word diff would cost the product of
    // long scrambled texts, for every pair of proposals).
    let (wa, wb): (Vec<&str>, Vec<&str>) = (tokens::words(a).collect(), tokens::words(b).collect());
    let (pa, pb) = (wa.windows(2), wb.windows(2));
    let pairs_total = pa.len() + pb.len();
    bag_share(wa.iter(), wb.iter(), wa.len() + wb.len()) >= CONVERGED_SIMILARITY
        && (pairs_total == 0 || bag_share(pa, pb, pairs_total) >= CONVERGED_ORDER)
        // The same figures in the same order (`800,000` against `700,000` is a clash however alike
        // the words, and so are two figures in swapped places).
        && figures_in(a) == figures_in(b)
}

/// The share of their items two bags have in common: 2 × common / `total` (both bags' sizes), 1
/// for two empty bags.
fn bag_share<T: std::hash::Hash + Eq>(
    a: impl Iterator<Item = T>,
    b: impl Iterator<Item = T>,
    total: usize,
) -> f64 {
    if total == 0 {
        return 1.0;
    }
    let mut bag: HashMap<T, usize> = HashMap::default();
    for x in a {
        *bag.entry(x).or_insert(0) += 1;
    }
    let mut common = 0usize;
    for x in b {
        if let Some(n) = bag.get_mut(&x).filter(|n| **n > 0) {
            *n -= 1;
            common += 1;
        }
    }
    (2 * common) as f64 / total as f64
}

/// The verdict of each pair of proposals on a row, given each proposal's fate and text for it.
fn verdicts(
    fates: &[Fate],
    texts: &[Option<Cow<'_, str>>],
    pairs: &[(usize, usize)],
) -> Vec<Verdict> {
    pairs
        .iter()
        .map(|&(a, b)| {
            verdict(
                &fates[a],
                &fates[b],
                texts[a].as_deref(),
                texts[b].as_deref(),
            )
        })
        .collect()
}

/// The verdict of two fates of one row, given the texts the proposals have for it.
fn verdict(a: &Fate, b: &Fate, ta: Option<&str>, tb: Option<&str>) -> Verdict {
    match (a.kind.is_change(), b.kind.is_change()) {
        (false, false) => Verdict::Same,
        (true, false) => Verdict::AOnly,
        (false, true) => Verdict::BOnly,
        (true, true) => {
            use FateKind::{Deferred, Removed};
            match (a.kind, b.kind) {
                (Removed, Removed) => Verdict::Converged,
                (Removed, _) | (_, Removed) => Verdict::Conflict,
                // One sets it aside, the other keeps it in the text: a clash however alike the words.
                (Deferred, k) | (k, Deferred) if k != Deferred => Verdict::Conflict,
                (Deferred, Deferred) => {
                    let same_forum = match (&a.forum, &b.forum) {
                        (Some(x), Some(y)) => tokens::same_forum(x, y),
                        (x, y) => x.is_none() && y.is_none(),
                    };
                    if same_forum {
                        Verdict::Converged
                    } else {
                        Verdict::Conflict
                    }
                }
                _ => match (ta, tb) {
                    (Some(x), Some(y)) if nearly_same(x, y) => Verdict::Converged,
                    _ => Verdict::Conflict,
                },
            }
        }
    }
}

/// The figures that differ between a row's reference text (the base's, or for a new point none) and
/// the proposals' texts. Without a base text, the first proposal's text is the reference.
fn figure_rows(
    base: Option<&str>,
    texts: &[Option<Cow<'_, str>>],
    known: &[Option<Cow<'_, Figures>>],
) -> Vec<FigureRow> {
    let (reference, from) = match base {
        Some(b) => (b, None),
        None => match texts.iter().position(Option::is_some) {
            Some(i) => (texts[i].as_deref().unwrap_or_default(), Some(i)),
            None => return Vec::new(),
        },
    };
    // Per figure of the reference that some proposal changed: its row; per figure a proposal added:
    // its row (the same added figure in two proposals is one row).
    let mut rows: Vec<FigureRow> = Vec::new();
    let mut changed: Vec<Vec<(usize, Option<String>)>> = Vec::new();
    // Keyed by the figure and its occurrence among the proposal's changes: a figure the reference
    // has twice (`100 days`, then `100 days`) is two rows when a proposal changes both.
    let mut row_of_old: HashMap<(String, usize), usize> = HashMap::default();
    let mut row_of_added: HashMap<(String, usize), usize> = HashMap::default();
    for (i, t) in texts.iter().enumerate() {
        let Some(t) = t else { continue };
        let mut seen: HashMap<&str, usize> = HashMap::default();
        // The reference itself, or a text kept as it is, changes no figure.
        if Some(i) == from || t == reference {
            continue;
        }
        let computed;
        let changes = match known.get(i).and_then(Option::as_deref) {
            Some(f) => f,
            None => {
                computed = figure_changes(reference, t);
                &computed
            }
        };
        for f in changes {
            fn nth<'f>(figure: &'f str, seen: &mut HashMap<&'f str, usize>) -> usize {
                let n = seen.entry(figure).or_insert(0);
                *n += 1;
                *n - 1
            }
            match f.old {
                Some(o) => {
                    let key = (o.to_string(), nth(o, &mut seen));
                    let k = *row_of_old.entry(key).or_insert_with(|| {
                        rows.push(FigureRow {
                            base: Some(o.to_string()),
                            values: vec![None; texts.len()],
                        });
                        changed.push(Vec::new());
                        rows.len() - 1
                    });
                    changed[k].push((i, f.new.map(str::to_string)));
                }
                None => {
                    let Some(n) = f.new else { continue };
                    let key = (n.to_string(), nth(n, &mut seen));
                    let k = *row_of_added.entry(key).or_insert_with(|| {
                        rows.push(FigureRow {
                            base: None,
                            values: vec![None; texts.len()],
                        });
                        changed.push(Vec::new());
                        rows.len() - 1
                    });
                    changed[k].push((i, Some(n.to_string())));
                }
            }
        }
    }
    for (row, changes) in rows.iter_mut().zip(changed) {
        // A proposal that has the point and did not change this figure keeps the reference's.
        for (i, t) in texts.iter().enumerate() {
            if t.is_some() && row.base.is_some() {
                row.values[i] = row.base.clone();
            }
        }
        for (i, v) in changes {
            row.values[i] = v;
        }
        if from.is_some() {
            // Rows of new points: the reference is a proposal, not the base.
            if let (Some(f), Some(b)) = (from, row.base.take()) {
                row.values[f] = Some(b);
            }
        }
    }
    rows
}

/// The rows of points new in the proposals: each proposal's added points, matched with those of the
/// proposals before it (one to one, by the aligner: both sides added the same demand), in the first
/// proposal's order that has them.
fn new_rows(
    proposals: &[(ProposalInfo, Arc<Draft>)],
    diffs: &[PlanDiff],
    opts: &DiffOptions,
    pairs: &[(usize, usize)],
) -> Vec<Row> {
    let n = proposals.len();
    // Per row: each proposal's points (empty when absent), and the row's text (its first proposal's).
    let mut rows: Vec<(Vec<Vec<PointRef>>, String)> = Vec::new();
    for (i, d) in diffs.iter().enumerate() {
        let draft = &*proposals[i].1;
        let added: Vec<(Vec<PointRef>, String)> = d
            .added()
            .map(|c| {
                let text: Vec<&str> = c.new.iter().filter_map(|p| p.text(draft)).collect();
                (c.new.clone(), text.join("\n"))
            })
            .collect();
        if added.is_empty() {
            continue;
        }
        // The rows so far as one draft, this proposal's new points as another: their one-to-one
        // correspondences are the same point.
        let mut matched: Vec<Option<usize>> = vec![None; added.len()];
        if !rows.is_empty() {
            let known: Vec<Unit<'_>> = rows.iter().map(|(_, t)| Unit::body(t)).collect();
            let fresh: Vec<Unit<'_>> = added.iter().map(|(_, t)| Unit::body(t)).collect();
            // The aligner alone: the word edits and figures a diff would add are not needed here.
            let m = crate::align::align(&known, &fresh, &opts.align);
            for g in &m.groups {
                if let ([r], [a]) = (g.old.as_slice(), g.new.as_slice())
                    && g.score >= SAME_NEW_POINT
                {
                    let (r, a) = (*r, *a);
                    if rows[r].0[i].is_empty() {
                        matched[a] = Some(r);
                    }
                }
            }
        }
        for ((labels, text), m) in added.into_iter().zip(matched) {
            match m {
                Some(r) => rows[r].0[i] = labels,
                None => {
                    let mut per = vec![Vec::new(); n];
                    per[i] = labels;
                    rows.push((per, text));
                }
            }
        }
    }
    rows.into_iter()
        .map(|(per, _)| {
            let texts: Vec<Option<Cow<'_, str>>> = per
                .iter()
                .zip(proposals)
                .map(|(labels, (_, d))| labels_text(labels, d))
                .collect();
            let fates: Vec<Fate> = per
                .into_iter()
                .map(|labels| {
                    if labels.is_empty() {
                        Fate::absent()
                    } else {
                        Fate {
                            kind: FateKind::Added,
                            labels,
                            ..Fate::absent()
                        }
                    }
                })
                .collect();
            let verdicts = verdicts(&fates, &texts, pairs);
            let figures = figure_rows(None, &texts, &[]);
            Row {
                base: None,
                fates,
                verdicts,
                figures,
            }
        })
        .collect()
}

impl Serialize for Comparison {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let names: Vec<&str> = self.proposals().map(|p| p.name.as_str()).collect();
        let pair_keys: Vec<String> = self
            .pairs()
            .iter()
            .map(|&(a, b)| format!("{}|{}", names[a], names[b]))
            .collect();
        let mut st = s.serialize_struct("Comparison", 5)?;
        st.serialize_field("schema", COMPARE_SCHEMA)?;
        st.serialize_field("base", &self.base_info())?;
        let infos: Vec<&ProposalInfo> = self.proposals().collect();
        st.serialize_field("proposals", &infos)?;
        st.serialize_field("summary", &self.summary())?;
        let rows: Vec<RowJson<'_>> = self
            .rows
            .iter()
            .map(|row| RowJson {
                row,
                names: &names,
                pair_keys: &pair_keys,
            })
            .collect();
        st.serialize_field("points", &rows)?;
        st.end()
    }
}

/// A row as JSON: fates and verdicts keyed by proposal and pair names, in order.
struct RowJson<'a> {
    row: &'a Row,
    names: &'a [&'a str],
    pair_keys: &'a [String],
}

impl Serialize for RowJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct Keyed<'a, T>(&'a [&'a str], &'a [T]);
        impl<T: Serialize> Serialize for Keyed<'_, T> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut m = s.serialize_map(Some(self.1.len()))?;
                for (k, v) in self.0.iter().zip(self.1) {
                    m.serialize_entry(k, v)?;
                }
                m.end()
            }
        }
        struct Figure<'a>(&'a FigureRow, &'a [&'a str]);
        impl Serialize for Figure<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut st = s.serialize_struct("Figure", 2)?;
                st.serialize_field("base", &self.0.base)?;
                st.serialize_field("values", &Keyed(self.1, &self.0.values))?;
                st.end()
            }
        }
        let keys: Vec<&str> = self.pair_keys.iter().map(String::as_str).collect();
        let mut st = s.serialize_struct("Row", 5)?;
        st.serialize_field("base", &self.row.base)?;
        if let Some(b) = &self.row.base {
            if b.is_deferred() {
                st.serialize_field("deferred", &true)?;
            }
        }
        st.serialize_field("fates", &Keyed(self.names, &self.row.fates))?;
        st.serialize_field("verdicts", &Keyed(&keys, &self.row.verdicts))?;
        let figures: Vec<Figure<'_>> = self
            .row
            .figures
            .iter()
            .map(|f| Figure(f, self.names))
            .collect();
        st.serialize_field("figures", &figures)?;
        st.end()
    }
}
