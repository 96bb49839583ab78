//! Which points of one draft correspond to which points of the next.
//!
//! The aligner knows nothing of drafts or rendering: it takes two lists of [`Unit`]s (texts with an
//! optional id, each either a body point or a deferred item) and returns [`Group`]s, each a set of old
//! units that became a set of new units, with a score and the [`Evidence`] for it. [`mod@crate::diff`] turns
//! groups into typed changes.
//!
//! # How it decides
//! 1. **References**: a new deferred item whose `from` names old points takes them.
//! 2. **Ids**: units with the same stable id correspond.
//! 3. **Exact text** (after whitespace normalisation) pairs the remaining units one to one, in order.
//! 4. **Similar content**: texts become sets of word stems weighted by rarity (inverse document
//!    frequency). An inverted index proposes a few candidates per unit, so no step compares all pairs;
//!    each unit reads at most [`AlignOptions::probe_budget`] index entries, its rarest terms first, so
//!    that the work per unit stays bounded however long the drafts. Two points alone in the same place
//!    between exactly matched points in both drafts, each with most of its weight in the other
//!    ([`AlignOptions::twin_threshold`]), do not search: their pair is scored directly, and other
//!    units' searches still find them (for merges and splits).
//!    The one-to-one pairing is chosen greedily by score over all candidate pairs at once (best pair
//!    first, ties by position), not point by point.
//! 5. **Merges and splits** are found by containment: an old point whose distinctive words make up a
//!    substantial part of a new point already matched to another old point joins it (a merge); the
//!    mirror image is a split. Points left over are covered greedily by several counterparts at once.
//! 6. **Deferral and reinstatement**: a deferred item is usually a short topic line, so it is matched by
//!    how much of *it* appears in the old point, not by symmetric similarity.
//! 7. **Moves**: among kept body points, those outside a longest increasing subsequence of old positions
//!    (ordered by new position) are marked moved; mere renumbering is not a move.
//!
//! All thresholds live in [`AlignOptions`]; the defaults were tuned on the labelled pairs in
//! `tests/quality.rs`.

use rustc_hash::FxHashMap as HashMap;

use crate::tokens;

/// Tuning knobs of the aligner, with documented defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct AlignOptions {
    /// Minimum weighted similarity (Dice over stems, in \[0, 1\]) for a one-to-one pair. Default 0.3.
    pub match_threshold: f64,
    /// Minimum share of a merged (or split) point that one more source (or piece) must add, counting
    /// only words the group does not already explain. Default 0.08.
    pub part_threshold: f64,
    /// Minimum share of a merge source that must reappear in the merged point. Default 0.1.
    pub gist_threshold: f64,
    /// Minimum share of a split piece that must come from the original point. Default 0.45.
    pub piece_threshold: f64,
    /// Minimum share of a point that a group found without a one-to-one anchor must explain. Default 0.45.
    pub cover_threshold: f64,
    /// Minimum share of a deferred item (often a short topic line) found in a body point for the two to
    /// correspond. Default 0.4.
    pub defer_threshold: f64,
    /// Minimum share of a deferred item found in a further body point for that point to be set aside
    /// under the same item too. Default 0.6.
    pub defer_group_threshold: f64,
    /// Minimum share of an old deferred item found in an otherwise unmatched new body point for the
    /// item to be reinstated as that point. Higher than [`AlignOptions::defer_threshold`]: an item
    /// dropped from the deferred list is common, and its topic words are often found in some new
    /// point. Default 0.45.
    pub reinstate_threshold: f64,
    /// Minimum share of a sentence found in a point for the sentence to count as coming from (or going
    /// to) that point. When the sentences of one new point come from different old points, they were
    /// merged; the mirror image is a split. Default 0.4.
    pub sentence_threshold: f64,
    /// Minimum similarity for a one-to-one pair of otherwise unmatched body points that sit between the
    /// same two kept points in both drafts (position is evidence too). Default 0.18.
    pub gap_threshold: f64,
    /// Minimum similarity for a correspondence that is out of order (a move); weaker ones are undone,
    /// since a coincidental likeness far away is likelier than a reworded point that also moved.
    /// Default 0.3.
    pub move_threshold: f64,
    /// Largest gap (old points times new points) in which every pair is scored. Default 400.
    pub max_gap_pairs: usize,
    /// Candidates kept per unit from the inverted index. Default 12.
    pub candidates: usize,
    /// Words in more than this share of units do not propose candidates (they still count in scores).
    /// Only applies when a draft has more than 64 units. Default 0.05.
    pub common_share: f64,
    /// Most index entries (units sharing a term) one unit reads to find its candidates, its rarest
    /// terms first. It bounds the work per unit, so that time grows linearly with the size of the
    /// drafts when their words repeat; it binds only on very long drafts. Default 512.
    pub probe_budget: usize,
    /// Minimum share of each of two otherwise unmatched body points, in the same place between kept
    /// points in both drafts (a gap with as many points on each side), found in the other, for the
    /// pair to skip the candidate search: their pair is scored directly, and only other units' searches
    /// can propose other counterparts for them. Such pairs are reworded points, and skipping their
    /// searches is most of the search's time on long drafts. Above 1.0 turns the shortcut off.
    /// Default 0.8.
    pub twin_threshold: f64,
}

impl Default for AlignOptions {
    fn default() -> Self {
        AlignOptions {
            match_threshold: 0.3,
            part_threshold: 0.08,
            gist_threshold: 0.1,
            piece_threshold: 0.45,
            cover_threshold: 0.45,
            defer_threshold: 0.4,
            defer_group_threshold: 0.6,
            reinstate_threshold: 0.45,
            sentence_threshold: 0.4,
            gap_threshold: 0.18,
            max_gap_pairs: 400,
            move_threshold: 0.3,
            candidates: 12,
            common_share: 0.05,
            probe_budget: 512,
            twin_threshold: 0.8,
        }
    }
}

/// Whether a unit is a body point or a deferred item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnitKind {
    /// A numbered point of the body.
    Body,
    /// An item set aside for another forum.
    Deferred,
}

/// One thing to align: a body point or a deferred item.
#[derive(Debug, Clone)]
pub struct Unit<'a> {
    /// The text (without its label).
    pub text: &'a str,
    /// A stable id, if the author gave one.
    pub id: Option<&'a str>,
    /// Body point or deferred item.
    pub kind: UnitKind,
    /// For a new unit: indices of old units it names as its origin (a deferred item's `from`).
    pub from: Vec<usize>,
}

impl<'a> Unit<'a> {
    /// A body point.
    pub fn body(text: &'a str) -> Self {
        Unit {
            text,
            id: None,
            kind: UnitKind::Body,
            from: Vec::new(),
        }
    }

    /// A deferred item.
    pub fn deferred(text: &'a str) -> Self {
        Unit {
            kind: UnitKind::Deferred,
            ..Unit::body(text)
        }
    }
}

/// Why units were put together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Evidence {
    /// The same stable id.
    Id,
    /// A deferred item's `from` names the old point.
    Reference,
    /// The same text after whitespace normalisation.
    Exact,
    /// Similar words (symmetric similarity).
    Similar,
    /// One text is largely contained in the other (merges, splits, deferrals, condensed rewording).
    Contained,
}

impl Evidence {
    /// The name used in JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            Evidence::Id => "id",
            Evidence::Reference => "reference",
            Evidence::Exact => "exact",
            Evidence::Similar => "similar",
            Evidence::Contained => "contained",
        }
    }
}

/// A correspondence: these old units became these new units.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// Indices into the old units, ascending.
    pub old: Vec<usize>,
    /// Indices into the new units, ascending.
    pub new: Vec<usize>,
    /// Similarity of the two sides taken as wholes, in \[0, 1\].
    pub score: f64,
    /// What decided the correspondence.
    pub evidence: Evidence,
    /// A kept body point whose order relative to the other kept points changed.
    pub moved: bool,
}

/// The result of [`align`]: correspondences; units in no group have no counterpart.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Alignment {
    /// The groups, ordered by their first old unit (groups without old units last, by new unit).
    pub groups: Vec<Group>,
}

/// A unit's features: sorted, distinct term ids and their total weight.
struct Features {
    terms: Vec<u32>,
    total: f64,
}

/// The features of all units and the weight of every term.
struct Corpus {
    idf: Vec<f64>,
    /// Whether a term is a prefix feature (see [`tokens::features`]) rather than a stem.
    is_prefix: Vec<bool>,
    /// Weight above which a term is distinctive: it occurs in at most a seventh of the units (or in
    /// two, in small drafts).
    distinctive: f64,
    old: Vec<Features>,
    new: Vec<Features>,
    /// Features of each body unit's sentences, when it has more than one.
    old_sentences: Vec<Vec<Features>>,
    new_sentences: Vec<Vec<Features>>,
}

struct Edge {
    old: usize,
    new: usize,
    shared: f64,
}

struct State<'u, 'a> {
    old: &'u [Unit<'a>],
    new: &'u [Unit<'a>],
    old_group: Vec<Option<usize>>,
    new_group: Vec<Option<usize>>,
    groups: Vec<Group>,
}

impl<'u, 'a> State<'u, 'a> {
    /// Every unit free, no group yet.
    fn new(old: &'u [Unit<'a>], new: &'u [Unit<'a>]) -> Self {
        State {
            old,
            new,
            old_group: vec![None; old.len()],
            new_group: vec![None; new.len()],
            // Nearly every unit of the larger side ends up in a group of its own.
            groups: Vec::with_capacity(old.len().max(new.len())),
        }
    }

    fn create(&mut self, old: usize, new: usize, score: f64, evidence: Evidence) -> usize {
        let g = self.groups.len();
        self.groups.push(Group {
            old: vec![old],
            new: vec![new],
            score,
            evidence,
            moved: false,
        });
        self.old_group[old] = Some(g);
        self.new_group[new] = Some(g);
        g
    }

    fn add_old(&mut self, g: usize, old: usize) {
        self.groups[g].old.push(old);
        self.old_group[old] = Some(g);
    }

    fn add_new(&mut self, g: usize, new: usize) {
        self.groups[g].new.push(new);
        self.new_group[new] = Some(g);
    }

    /// Joins `unit` (an old unit when `unit_is_old`, else a new one) with the free ones of `many` on the
    /// other side: a new group when `unit` is free and at least two are, or more members for the group
    /// `unit` already leads alone on its side (found by similarity, not by id or exact text).
    fn join(&mut self, unit: usize, many: &[usize], unit_is_old: bool, score: f64) {
        let free: Vec<usize> = many
            .iter()
            .copied()
            .filter(|&u| {
                if unit_is_old {
                    self.new_group[u].is_none()
                } else {
                    self.old_group[u].is_none()
                }
            })
            .collect();
        let group = if unit_is_old {
            self.old_group[unit]
        } else {
            self.new_group[unit]
        };
        let add = |st: &mut Self, g: usize, u: usize| {
            if unit_is_old {
                st.add_new(g, u)
            } else {
                st.add_old(g, u)
            }
        };
        match group {
            None if free.len() >= 2 => {
                let g = if unit_is_old {
                    self.create(unit, free[0], score, Evidence::Contained)
                } else {
                    self.create(free[0], unit, score, Evidence::Contained)
                };
                for &u in &free[1..] {
                    add(self, g, u);
                }
            }
            Some(g) if !free.is_empty() && self.groups[g].evidence >= Evidence::Similar => {
                let side = if unit_is_old {
                    &self.groups[g].old
                } else {
                    &self.groups[g].new
                };
                if side.len() == 1 {
                    for u in free {
                        add(self, g, u);
                    }
                }
            }
            _ => {}
        }
    }
}

/// Aligns `old` units with `new` units.
///
/// ```
/// use peaceplan::align::{align, AlignOptions, Unit};
/// let old = [
///     Unit::body("The army of Ukraine is capped at 600,000."),
///     Unit::body("Ukraine holds elections within 100 days of signing."),
/// ];
/// let new = [
///     Unit::body("Ukraine holds elections as soon as possible after signing."),
///     Unit::body("The army of Ukraine is capped at 800,000."),
/// ];
/// let a = align(&old, &new, &AlignOptions::default());
/// assert_eq!(a.groups.len(), 2);
/// assert_eq!((a.groups[0].old.clone(), a.groups[0].new.clone()), (vec![0], vec![1]));
/// ```
pub fn align(old: &[Unit<'_>], new: &[Unit<'_>], opts: &AlignOptions) -> Alignment {
    let mut st = State::new(old, new);
    link_references(&mut st);
    link_ids(&mut st);
    link_exact(&mut st);

    let corpus = Corpus::new(old, new, &settled(&st));
    let edges = candidate_edges(&st, &corpus, opts);

    // Strong evidence first: good pairs, then merges and splits whose sources keep much of themselves.
    // Votes depend only on the candidates, so they are computed once and applied twice.
    let votes = sentence_votes(&st, &edges, &corpus, opts);
    link_sentences(&mut st, &votes);
    pair_one_to_one(&mut st, &edges, &corpus, opts);
    let strict = AlignOptions {
        gist_threshold: opts.gist_threshold * 2.0,
        part_threshold: opts.part_threshold * 1.5,
        ..opts.clone()
    };
    link_sentences(&mut st, &votes);
    attach(&mut st, &edges, &corpus, &strict);
    cover(&mut st, &edges, &corpus, opts);
    attach(&mut st, &edges, &corpus, &strict);
    attach_deferred(&mut st, &edges, &corpus, opts);
    // Then weaker evidence for what is left: position between kept points, and condensed merge sources.
    fill_gaps(&mut st, &corpus, opts);
    attach(&mut st, &edges, &corpus, opts);
    let weak = AlignOptions {
        defer_threshold: opts.defer_threshold * 0.6,
        reinstate_threshold: opts.reinstate_threshold * 0.6,
        defer_group_threshold: 1.1,
        ..opts.clone()
    };
    attach_deferred(&mut st, &edges, &corpus, &weak);
    // A weak correspondence that would also be a move is more likely a coincidence: undo it and let
    // position decide again.
    if dissolve_weak_moves(&mut st, &corpus, opts) {
        fill_gaps(&mut st, &corpus, opts);
    }
    for g in &mut st.groups {
        g.old.sort_unstable();
        g.new.sort_unstable();
        if g.evidence >= Evidence::Similar && (g.old.len() > 1 || g.new.len() > 1) {
            g.evidence = Evidence::Contained;
        }
        if g.old.len() > 1 || g.new.len() > 1 || g.evidence == Evidence::Reference {
            g.score = corpus.group_score(g);
        }
    }
    mark_moves(&mut st);
    // Ordered by first old unit, then (groups without old units) by first new unit: found by walking
    // the units, each group taken at its first. Groups emptied by undoing are on no unit, and go.
    let mut slots: Vec<Option<Group>> = st.groups.into_iter().map(Some).collect();
    let mut groups = Vec::with_capacity(slots.len());
    for (k, g) in st.old_group.iter().enumerate() {
        if let Some(g) = g.filter(|&g| slots[g].as_ref().is_some_and(|grp| grp.old[0] == k)) {
            groups.extend(slots[g].take());
        }
    }
    for (k, g) in st.new_group.iter().enumerate() {
        if let Some(g) = g.filter(|&g| slots[g].as_ref().is_some_and(|grp| grp.new[0] == k)) {
            groups.extend(slots[g].take());
        }
    }
    debug_assert!(
        slots
            .iter()
            .flatten()
            .all(|g| g.old.is_empty() && g.new.is_empty())
    );
    Alignment { groups }
}

/// Scores of one candidate pair, as the aligner sees them (see [`candidate_scores`]).
#[derive(Debug, Clone, PartialEq)]
pub struct PairScore {
    /// Index of the old unit.
    pub old: usize,
    /// Index of the new unit.
    pub new: usize,
    /// Weighted Dice similarity of their stems, in \[0, 1\].
    pub similarity: f64,
    /// Share of the old unit's weight found in the new unit.
    pub old_in_new: f64,
    /// Share of the new unit's weight found in the old unit.
    pub new_in_old: f64,
}

/// Every candidate pair the inverted index proposes, with its scores, before any decision: the
/// evidence behind an alignment, for explaining or tuning it. Sorted by old, then new index.
pub fn candidate_scores(old: &[Unit<'_>], new: &[Unit<'_>], opts: &AlignOptions) -> Vec<PairScore> {
    let st = State::new(old, new);
    let corpus = Corpus::new(old, new, &[]);
    // Every unit's own search, for the evidence (no pair skips it).
    let opts = AlignOptions {
        twin_threshold: f64::INFINITY,
        ..opts.clone()
    };
    candidate_edges(&st, &corpus, &opts)
        .into_iter()
        .map(|e| {
            let (wo, wn) = (corpus.old[e.old].total, corpus.new[e.new].total);
            PairScore {
                old: e.old,
                new: e.new,
                similarity: dice(e.shared, wo, wn),
                old_in_new: share(e.shared, wo),
                new_in_old: share(e.shared, wn),
            }
        })
        .collect()
}

/// Old then new units already matched by id or exact text: their similarity is never asked again.
fn settled(st: &State<'_, '_>) -> Vec<bool> {
    let done = |g: Option<usize>| {
        g.is_some_and(|g| matches!(st.groups[g].evidence, Evidence::Id | Evidence::Exact))
    };
    st.old_group
        .iter()
        .chain(&st.new_group)
        .map(|&g| done(g))
        .collect()
}

fn link_references(st: &mut State<'_, '_>) {
    for j in 0..st.new.len() {
        for &i in &st.new[j].from {
            if i >= st.old.len() || st.old_group[i].is_some() {
                continue;
            }
            match st.new_group[j] {
                Some(g) => st.add_old(g, i),
                None => {
                    st.create(i, j, 1.0, Evidence::Reference);
                }
            }
        }
    }
}

fn link_ids(st: &mut State<'_, '_>) {
    let mut by_id: HashMap<&str, usize> = HashMap::default();
    for (i, u) in st.old.iter().enumerate() {
        if let (Some(id), None) = (u.id, st.old_group[i]) {
            by_id.entry(id).or_insert(i);
        }
    }
    for j in 0..st.new.len() {
        let Some(id) = st.new[j].id else { continue };
        if st.new_group[j].is_some() {
            continue;
        }
        if let Some(&i) = by_id.get(id) {
            if st.old_group[i].is_none() {
                let exact = tokens::same_words(st.old[i].text, st.new[j].text);
                st.create(i, j, if exact { 1.0 } else { 0.0 }, Evidence::Id);
            }
        }
    }
}

fn link_exact(st: &mut State<'_, '_>) {
    let hash = |u: &Unit<'_>| tokens::words_hash(u.text);
    let (old_hashes, new_hashes) = (crate::par::map(st.old, hash), crate::par::map(st.new, hash));
    // Paired by hash first, and the pairs confirmed word by word in parallel; should two texts with
    // equal hashes differ, the pairing is redone confirming each candidate as it goes.
    let by_hash = exact_pairs(st, &old_hashes, &new_hashes, |_, _| true);
    let words = |&(i, j): &(usize, usize)| tokens::same_words(st.old[i].text, st.new[j].text);
    let pairs = if crate::par::map(&by_hash, words)
        .into_iter()
        .all(|same| same)
    {
        by_hash
    } else {
        exact_pairs(st, &old_hashes, &new_hashes, |i, j| words(&(i, j)))
    };
    for (i, j) in pairs {
        st.create(i, j, 1.0, Evidence::Exact);
    }
}

/// Each free new unit, in order, paired with the first free old unit with the same hash for which
/// `same` holds (old units are taken once).
fn exact_pairs(
    st: &State<'_, '_>,
    old_hashes: &[u64],
    new_hashes: &[u64],
    same: impl Fn(usize, usize) -> bool,
) -> Vec<(usize, usize)> {
    // Free old units by hash, in order, as chains: the first of each hash, and after each unit the
    // next with its hash.
    let mut taken: Vec<bool> = st.old_group.iter().map(Option::is_some).collect();
    let mut first: HashMap<u64, usize> = HashMap::default();
    let mut next: Vec<Option<usize>> = vec![None; st.old.len()];
    for i in (0..st.old.len()).rev() {
        if !taken[i] {
            next[i] = first.insert(old_hashes[i], i);
        }
    }
    let mut pairs = Vec::new();
    for (j, hash) in new_hashes.iter().enumerate() {
        if st.new_group[j].is_some() {
            continue;
        }
        let Some(head) = first.get_mut(hash) else {
            continue;
        };
        let mut at = Some(*head);
        while let Some(i) = at {
            if !taken[i] && same(i, j) {
                // Matches are nearly always the head (equal hashes, equal words): unlink it, so
                // that many repeated texts do not make chains walked over and over.
                if *head == i {
                    match next[i] {
                        Some(n) => *head = n,
                        None => {
                            first.remove(hash);
                        }
                    }
                }
                taken[i] = true;
                pairs.push((i, j));
                break;
            }
            at = next[i];
        }
    }
    pairs
}

/// How much a figure (a word with a digit) weighs against an ordinary word of the same rarity: less,
/// so that a correspondence whose numbers were all renegotiated is still found.
pub const FIGURE_WEIGHT: f64 = 0.5;

impl Corpus {
    /// Interns stems, computes inverse document frequencies over all units and each unit's features.
    /// Units marked in `skip` (already matched by id or exact text) get no features: they take no part
    /// in similarity, and tokenising them would only cost time.
    fn new(old: &[Unit<'_>], new: &[Unit<'_>], skip: &[bool]) -> Corpus {
        // Features of each unit, found in parallel, as spans (of its text or of a buffer): its
        // sentences' features when it is a body unit of several sentences (sentences partition a
        // text's words, so a unit's terms are the union of its sentences'), else the whole text's.
        struct Found {
            /// Features that are not slices of the unit's text (folded words, prefixes).
            buf: String,
            /// Each feature's bytes: in the text, or in `buf` when the start has the `IN_BUF` bit.
            /// Offsets are 32 bits: a feature a word, these are most of the memory of a long text's
            /// features.
            spans: Vec<(u32, u32)>,
            /// Number of spans at the end of each sentence, when there are several.
            pieces: Vec<usize>,
        }
        const IN_BUF: u32 = 1 << 31;
        // A text (or its buffer of folded features, at most about twice as long) must fit the
        // offsets: a unit of a gibibyte or more (only with a raised size limit) has no features, so
        // it is matched by id, exact text or position only.
        const MAX_TEXT: usize = 1 << 30;
        let all_units: Vec<(usize, &Unit<'_>)> = old.iter().chain(new).enumerate().collect();
        let found = crate::par::map(&all_units, |&(k, u)| {
            if skip.get(k).copied().unwrap_or(false) || u.text.len() >= MAX_TEXT {
                return Found {
                    buf: String::new(),
                    spans: Vec::new(),
                    pieces: Vec::new(),
                };
            }
            // Room for a feature every five bytes (a word and its prefix feature take more).
            let mut f = Found {
                buf: String::new(),
                spans: Vec::with_capacity(u.text.len() / 5),
                pieces: Vec::new(),
            };
            let text = u.text;
            let range = text.as_bytes().as_ptr_range();
            let add = |piece: &str, f: &mut Found| {
                tokens::for_each_feature(piece, |feature| {
                    // Most features are words as written: those are kept as where they are.
                    if range.contains(&feature.as_ptr()) {
                        let at = tokens::offset_in(text, feature);
                        f.spans.push((at as u32, (at + feature.len()) as u32));
                    } else {
                        let at = f.buf.len();
                        f.buf.push_str(feature);
                        f.spans.push((at as u32 | IN_BUF, f.buf.len() as u32));
                    }
                });
            };
            let pieces = tokens::sentences(text);
            if u.kind != UnitKind::Body || pieces.len() < 2 {
                add(text, &mut f);
            } else {
                for piece in pieces {
                    add(piece, &mut f);
                    f.pieces.push(f.spans.len());
                }
            }
            f
        });
        // Interned in unit order, so term ids do not depend on threads. Features of up to seven bytes
        // (most) are keyed by their bytes and length packed in an integer, which hashes and compares
        // faster than a string.
        let mut ids: HashMap<&str, u32> = HashMap::default();
        let mut short_ids: HashMap<u64, u32> = HashMap::default();
        let packed = |feature: &str| -> Option<u64> {
            let bytes = feature.as_bytes();
            (bytes.len() < 8).then(|| {
                let key = (bytes.len() as u64) << 56;
                bytes
                    .iter()
                    .enumerate()
                    .fold(key, |key, (k, &b)| key | u64::from(b) << (8 * k))
            })
        };
        let mut is_prefix: Vec<bool> = Vec::new();
        let mut is_figure: Vec<bool> = Vec::new();
        // All units' term ids in one list, each unit's from `starts[k]`.
        let mut starts: Vec<usize> = Vec::with_capacity(found.len() + 1);
        let mut flat: Vec<u32> = Vec::with_capacity(found.iter().map(|f| f.spans.len()).sum());
        for (f, (_, u)) in found.iter().zip(&all_units) {
            starts.push(flat.len());
            flat.extend(f.spans.iter().map(|&(a, b)| {
                let feature = if a & IN_BUF == 0 {
                    &u.text[a as usize..b as usize]
                } else {
                    &f.buf[(a & !IN_BUF) as usize..b as usize]
                };
                let fresh = || {
                    is_prefix.push(feature.starts_with('~'));
                    is_figure.push(tokens::is_figure(feature));
                    (is_prefix.len() - 1) as u32
                };
                match packed(feature) {
                    Some(key) => *short_ids.entry(key).or_insert_with(fresh),
                    None => *ids.entry(feature).or_insert_with(fresh),
                }
            }));
        }
        starts.push(flat.len());
        let sorted = |terms: &[u32]| -> Vec<u32> {
            let mut t = terms.to_vec();
            t.sort_unstable();
            t.dedup();
            t
        };
        let units: Vec<usize> = (0..found.len()).collect();
        let (lists, sentence_lists): (Vec<Vec<u32>>, Vec<Vec<Vec<u32>>>) =
            crate::par::map(&units, |&k| {
                let (terms, ends) = (&flat[starts[k]..starts[k + 1]], &found[k].pieces);
                if ends.is_empty() {
                    return (sorted(terms), Vec::new());
                }
                let mut from = 0;
                let per_piece: Vec<Vec<u32>> = ends
                    .iter()
                    .map(|&end| {
                        let piece = sorted(&terms[from..end]);
                        from = end;
                        piece
                    })
                    .collect();
                (
                    sorted(terms),
                    per_piece.into_iter().filter(|t| t.len() >= 2).collect(),
                )
            })
            .into_iter()
            .unzip();
        let mut df = vec![0u32; is_prefix.len()];
        for &t in lists.iter().flatten() {
            df[t as usize] += 1;
        }
        // Weights come from the units that take part: those with features.
        let n = lists.iter().filter(|l| !l.is_empty()).count().max(1) as f64;
        // Figures weigh less: a renegotiated number (600,000 -> 800,000) is the news of a
        // correspondence, not evidence against it.
        let idf: Vec<f64> = df
            .iter()
            .zip(&is_figure)
            .map(|(&d, &fig)| {
                let w = (1.0 + n / f64::from(d)).ln();
                if fig { w * FIGURE_WEIGHT } else { w }
            })
            .collect();
        let features = |terms: Vec<u32>| Features {
            total: terms.iter().map(|&t| idf[t as usize]).sum(),
            terms,
        };
        let mut all: Vec<Features> = lists.into_iter().map(features).collect();
        let new_f = all.split_off(old.len());
        let mut all_sentences: Vec<Vec<Features>> = sentence_lists
            .into_iter()
            .map(|l| l.into_iter().map(features).collect())
            .collect();
        let new_sentences = all_sentences.split_off(old.len());
        Corpus {
            distinctive: (1.0 + n / (n / 7.0).max(2.0)).ln(),
            idf,
            is_prefix,
            old: all,
            new: new_f,
            old_sentences: all_sentences,
            new_sentences,
        }
    }

    /// Total weight of the terms two sorted lists share.
    fn shared(&self, a: &[u32], b: &[u32]) -> f64 {
        let (mut i, mut j, mut sum) = (0, 0, 0.0);
        // Branch-free merge: adding 0.0 to a non-negative sum leaves it bit for bit the same.
        while i < a.len() && j < b.len() {
            let (x, y) = (a[i], b[j]);
            let w = self.idf[x as usize];
            sum += if x == y { w } else { 0.0 };
            i += usize::from(x <= y);
            j += usize::from(y <= x);
        }
        sum
    }

    /// Weight of the terms of `a` ∩ `b` that are not in `covered` (a sorted list).
    fn marginal(&self, a: &[u32], b: &[u32], covered: &[u32]) -> f64 {
        self.marginal_words(a, b, covered).0
    }

    /// Weight of the terms of `a` ∩ `b` not in `covered`, and how many of them are distinctive word
    /// stems (not prefix features, and rare enough), i.e. roughly how many telling words they stand for.
    fn marginal_words(&self, a: &[u32], b: &[u32], covered: &[u32]) -> (f64, usize) {
        let (mut i, mut j, mut sum, mut words) = (0, 0, 0.0, 0);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    if covered.binary_search(&a[i]).is_err() {
                        let w = self.idf[a[i] as usize];
                        sum += w;
                        words +=
                            usize::from(!self.is_prefix[a[i] as usize] && w >= self.distinctive);
                    }
                    i += 1;
                    j += 1;
                }
            }
        }
        (sum, words)
    }

    /// The share of `whole` that `part` explains beyond what `members` (a group's units on `part`'s
    /// side) already do, when it is enough: at least the part threshold, from at least
    /// [`MIN_PART_WORDS`] distinctive words.
    fn gain_beyond<'f>(
        &self,
        part: &Features,
        whole: &Features,
        members: impl Iterator<Item = &'f Features>,
        opts: &AlignOptions,
    ) -> Option<f64> {
        let covered = Corpus::union(members.map(|f| &f.terms));
        let (marginal, words) = self.marginal_words(&part.terms, &whole.terms, &covered);
        let gain = share(marginal, whole.total);
        (gain >= opts.part_threshold && words >= MIN_PART_WORDS).then_some(gain)
    }

    fn union(lists: impl Iterator<Item = impl AsRef<[u32]>>) -> Vec<u32> {
        let mut all: Vec<u32> = Vec::new();
        for l in lists {
            all.extend_from_slice(l.as_ref());
        }
        all.sort_unstable();
        all.dedup();
        all
    }

    fn weight(&self, terms: &[u32]) -> f64 {
        terms.iter().map(|&t| self.idf[t as usize]).sum()
    }

    /// Dice similarity of the union of a group's old units and the union of its new units.
    fn group_score(&self, g: &Group) -> f64 {
        let a = Corpus::union(g.old.iter().map(|&i| &self.old[i].terms));
        let b = Corpus::union(g.new.iter().map(|&j| &self.new[j].terms));
        dice(self.shared(&a, &b), self.weight(&a), self.weight(&b))
    }
}

fn dice(shared: f64, a: f64, b: f64) -> f64 {
    if a + b <= 0.0 {
        0.0
    } else {
        (2.0 * shared / (a + b)).min(1.0)
    }
}

fn share(part: f64, whole: f64) -> f64 {
    if whole <= 0.0 {
        0.0
    } else {
        (part / whole).min(1.0)
    }
}

/// Proposes candidate pairs among units not yet grouped: for each new unit its best old units by the
/// weight of shared uncommon terms, and for each old unit its best new units.
fn candidate_edges(st: &State<'_, '_>, c: &Corpus, opts: &AlignOptions) -> Vec<Edge> {
    let free_old: Vec<usize> = (0..st.old.len())
        .filter(|&i| st.old_group[i].is_none())
        .collect();
    let free_new: Vec<usize> = (0..st.new.len())
        .filter(|&j| st.new_group[j].is_none())
        .collect();
    if free_old.is_empty() || free_new.is_empty() {
        return Vec::new();
    }
    // The two indexes and the twins, at once on long drafts.
    let free = free_old.len() + free_new.len();
    let ((old_index, new_index), twins) = crate::par::join_when(
        free,
        || {
            crate::par::join_when(
                free,
                || Postings::new(&free_old, &c.old, c.idf.len()),
                || Postings::new(&free_new, &c.new, c.idf.len()),
            )
        },
        || twins(st, c, opts),
    );
    // Twins do not search; they stay in the indexes, where other units find them.
    let mut twin_of_old: Vec<Option<(usize, f64)>> = vec![None; st.old.len()];
    let mut is_twin_new = vec![false; st.new.len()];
    for (i, j, shared) in twins {
        twin_of_old[i] = Some((j, shared));
        is_twin_new[j] = true;
    }
    let search_new: Vec<usize> = free_new
        .iter()
        .copied()
        .filter(|&j| !is_twin_new[j])
        .collect();
    let search_old: Vec<usize> = free_old
        .iter()
        .copied()
        .filter(|&i| twin_of_old[i].is_none())
        .collect();
    // Terms in too many old units propose nothing (on both sides, so the two passes agree).
    let units = st.old.len() + st.new.len();
    let cap = if units > 64 {
        ((opts.common_share * units as f64) as usize).max(32)
    } else {
        usize::MAX
    };
    let common: Vec<bool> = (0..c.idf.len())
        .map(|t| old_index.of(t as u32).len() > cap)
        .collect();
    let probe = Probe {
        idf: &c.idf,
        common: &common,
        k: opts.candidates.max(1),
        budget: opts.probe_budget.max(1),
    };
    let [by_new, by_old] = probe.best([
        (&search_new[..], &c.new[..], &old_index),
        (&search_old[..], &c.old[..], &new_index),
    ]);
    // Each free old unit's candidates (new unit, the shared weight when the search summed all of it):
    // its own, then those that chose it; sorted and without repeats, in old order.
    let mut pos = vec![usize::MAX; st.old.len()];
    for (k, &i) in free_old.iter().enumerate() {
        pos[i] = k;
    }
    // Those that chose each free old unit, grouped by it (by counting).
    let pos = &pos;
    let chosen_by = Grouped::new(
        free_old.len(),
        by_new
            .iter()
            .zip(&search_new)
            .flat_map(|(olds, &j)| olds.iter().map(move |&(i, w)| (pos[i], (j, w)))),
    );
    // Each free old unit's own search results (a twin has its twin instead).
    let mut searched = by_old.into_iter();
    let own: Vec<Counterparts> = free_old
        .iter()
        .map(|&i| match twin_of_old[i] {
            Some((j, shared)) => vec![(j, Some(shared))],
            None => searched.next().unwrap_or_default(),
        })
        .collect();
    let positions: Vec<usize> = (0..free_old.len()).collect();
    // Shared weights the search did not sum are summed here: the old unit's terms are marked with
    // their weights in a scratch array over all terms, and each counterpart's terms looked up there,
    // in term order (what is not shared adds 0.0), so each sum is exactly `Corpus::shared`'s.
    let scratch = || vec![0.0f64; c.idf.len()];
    crate::par::map_init(&positions, scratch, |marks, &k| {
        let i = free_old[k];
        let mut news: Counterparts = own[k].iter().chain(chosen_by.of(k)).copied().collect();
        news.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.is_some().cmp(&a.1.is_some())));
        news.dedup_by_key(|p| p.0);
        let terms = &c.old[i].terms;
        let marked = news.iter().any(|&(_, w)| w.is_none());
        if marked {
            for &t in terms {
                marks[t as usize] = c.idf[t as usize];
            }
        }
        let edges = news
            .into_iter()
            .map(|(j, w)| Edge {
                old: i,
                new: j,
                shared: w.unwrap_or_else(|| {
                    (c.new[j].terms.iter()).fold(0.0, |sum, &t| sum + marks[t as usize])
                }),
            })
            .collect::<Vec<_>>();
        if marked {
            for &t in terms {
                marks[t as usize] = 0.0;
            }
        }
        edges
    })
    .into_iter()
    .flatten()
    .collect()
}

/// Pairs of free body units that sit alone together: in a gap between two anchors (see [`anchors`])
/// with as many units on each side, all free body units, the units at the same place in the gap, when
/// each has at least [`AlignOptions::twin_threshold`] of its weight in the other. Returns (old, new,
/// shared weight) in order.
fn twins(st: &State<'_, '_>, c: &Corpus, opts: &AlignOptions) -> Vec<(usize, usize, f64)> {
    if opts.twin_threshold > 1.0 {
        return Vec::new();
    }
    let anchors = anchors(st);
    let body_old = st.old.iter().filter(|u| u.kind == UnitKind::Body).count();
    let body_new = st.new.iter().filter(|u| u.kind == UnitKind::Body).count();
    // Gap k runs from after anchor k-1 (or the start) to anchor k (or the end of the body).
    let starts = std::iter::once((0, 0)).chain(anchors.iter().map(|&(o, n)| (o + 1, n + 1)));
    let ends = anchors
        .iter()
        .copied()
        .chain(std::iter::once((body_old, body_new)));
    let pairs: Vec<(usize, usize)> = starts
        .zip(ends)
        .filter(|&((o0, n0), (o1, n1))| {
            o1 > o0
                && o1 - o0 == n1.saturating_sub(n0)
                && (o0..o1).all(|i| st.old_group[i].is_none() && st.old[i].kind == UnitKind::Body)
                && (n0..n1).all(|j| st.new_group[j].is_none() && st.new[j].kind == UnitKind::Body)
        })
        .flat_map(|((o0, n0), (o1, _))| (0..o1 - o0).map(move |t| (o0 + t, n0 + t)))
        .collect();
    crate::par::map(&pairs, |&(i, j)| {
        let (fo, fn_) = (&c.old[i], &c.new[j]);
        let shared = c.shared(&fo.terms, &fn_.terms);
        let close = share(shared, fo.total) >= opts.twin_threshold
            && share(shared, fn_.total) >= opts.twin_threshold;
        close.then_some((i, j, shared))
    })
    .into_iter()
    .flatten()
    .collect()
}

/// Items grouped by a key in `0..n`, in one flat list (a counting sort), in input order per key.
struct Grouped<T> {
    start: Vec<usize>,
    items: Vec<T>,
}

impl<T: Copy + Default> Grouped<T> {
    fn new(n: usize, keyed: impl Iterator<Item = (usize, T)> + Clone) -> Self {
        let mut start = vec![0usize; n + 1];
        for (k, _) in keyed.clone() {
            start[k + 1] += 1;
        }
        for k in 0..n {
            start[k + 1] += start[k];
        }
        let mut next = start.clone();
        let mut items = vec![T::default(); start[n]];
        for (k, item) in keyed {
            items[next[k]] = item;
            next[k] += 1;
        }
        Grouped { start, items }
    }

    fn of(&self, k: usize) -> &[T] {
        &self.items[self.start[k]..self.start[k + 1]]
    }
}

/// An inverted index: for each term, the units (of one side, in order) that have it, as positions in
/// the list of units it was built from (dense, so that per-unit scratch arrays stay small).
struct Postings {
    /// The positions of the units that have each term, in order.
    by_term: Grouped<u32>,
    /// The unit at each position.
    ids: Vec<usize>,
}

impl Postings {
    fn new(units: &[usize], features: &[Features], terms: usize) -> Postings {
        let entries = units.iter().enumerate().flat_map(|(k, &u)| {
            features[u]
                .terms
                .iter()
                .map(move |&t| (t as usize, k as u32))
        });
        Postings {
            by_term: Grouped::new(terms, entries),
            ids: units.to_vec(),
        }
    }

    fn of(&self, term: u32) -> &[u32] {
        self.by_term.of(term as usize)
    }

    /// How many units have `term`.
    fn len(&self, term: u32) -> usize {
        self.of(term).len()
    }
}

/// A unit's candidate counterparts: each with the exact shared weight, when the search summed it.
type Counterparts = Vec<(usize, Option<f64>)>;

/// The search for each unit's best counterparts through an inverted index of the other side.
struct Probe<'c> {
    idf: &'c [f64],
    common: &'c [bool],
    k: usize,
    budget: usize,
}

impl Probe<'_> {
    /// For each of `units`, its (at most `k`) counterparts with the most weight of shared terms, best
    /// first (ties to the earlier counterpart). The terms read are the unit's rarest, up to `budget`
    /// index entries; they are summed in term order, so scores do not depend on which were read first.
    /// When all of a unit's terms were read, a score is exactly [`Corpus::shared`] (the same weights
    /// added in the same order) and comes with the counterpart.
    fn best<const N: usize>(
        &self,
        sides: [(&[usize], &[Features], &Postings); N],
    ) -> [Vec<Counterparts>; N] {
        // Both sides' searches in one parallel pass, in chunks of units.
        let chunks: Vec<(usize, &[usize])> = sides
            .iter()
            .enumerate()
            .flat_map(|(side, (units, ..))| units.chunks(256).map(move |c| (side, c)))
            .collect();
        let per_chunk = crate::par::map_chunks(&chunks, |&(side, chunk)| {
            let (_, features, index) = sides[side];
            let mut acc = vec![0.0f64; index.ids.len()];
            let mut touched: Vec<u32> = Vec::new();
            let mut chosen: Vec<u32> = Vec::new();
            let mut ranked: Vec<(f64, u32)> = Vec::new();
            chunk
                .iter()
                .map(|&u| {
                    let all = self.terms(&features[u].terms, index, &mut chosen);
                    // Room for every entry (see `gather`).
                    let entries: usize = chosen.iter().map(|&t| index.len(t)).sum();
                    if touched.len() < entries {
                        touched.resize(entries, 0);
                    }
                    let n = gather(self.idf, &chosen, index, &mut acc, &mut touched);
                    rank(self.k, &touched[..n], &mut acc, &mut ranked);
                    ranked
                        .iter()
                        .map(|&(w, o)| (index.ids[o as usize], all.then_some(w)))
                        .collect::<Vec<_>>()
                })
                .collect::<Vec<_>>()
        });
        let mut out: [Vec<Counterparts>; N] = std::array::from_fn(|_| Vec::new());
        for (&(side, _), found) in chunks.iter().zip(per_chunk) {
            out[side].extend(found);
        }
        out
    }

    /// The terms of `terms` (sorted) that propose candidates, in term order: all but the common ones,
    /// or, when their index entries exceed the budget, the rarest that fit in it. True when that is
    /// every term the unit shares with any counterpart.
    fn terms(&self, terms: &[u32], index: &Postings, out: &mut Vec<u32>) -> bool {
        out.clear();
        let (mut all, mut entries) = (true, 0);
        for &t in terms {
            let n = index.len(t);
            if n > 0 {
                if self.common[t as usize] {
                    all = false;
                } else {
                    entries += n;
                    out.push(t);
                }
            }
        }
        if entries <= self.budget {
            return all;
        }
        // Rarest first (then in term order): sorted by (entries, term) packed in one integer.
        let mut keyed: Vec<u64> = out
            .iter()
            .map(|&t| ((index.len(t) as u64) << 32) | u64::from(t))
            .collect();
        keyed.sort_unstable();
        let mut spent = 0;
        let keep = keyed
            .iter()
            .take_while(|&&key| {
                spent += (key >> 32) as usize;
                spent <= self.budget
            })
            .count()
            .max(1);
        out.clear();
        out.extend(keyed[..keep].iter().map(|&key| key as u32));
        out.sort_unstable();
        false
    }
}

/// Adds the weight of each of `chosen` (terms) to the score in `acc` of every unit that has it, and
/// writes each unit touched for the first time to `touched` (room for every entry): each entry goes
/// to the next free place and is kept only when it is a first, so there is no branch to mispredict.
/// Returns how many were touched.
fn gather(
    idf: &[f64],
    chosen: &[u32],
    index: &Postings,
    acc: &mut [f64],
    touched: &mut [u32],
) -> usize {
    let mut n = 0;
    for &t in chosen {
        let w = idf[t as usize];
        for &o in index.of(t) {
            let a = &mut acc[o as usize];
            touched[n] = o;
            n += usize::from(*a == 0.0);
            *a += w;
        }
    }
    n
}

/// The `k` best of the `touched` units by their scores in `acc` (which it sets back to zero), best
/// first, in `ranked`. By insertion: most units share one word by chance and fall at the first
/// comparison. Positions are in unit order, so ties go to the earlier unit. (Kept apart from the
/// search loop, which compiles to noticeably fewer instructions so.)
fn rank(k: usize, touched: &[u32], acc: &mut [f64], ranked: &mut Vec<(f64, u32)>) {
    // Scores are positive sums, so their bits order as they do; a key packs the score over the
    // inverted position, and a larger key is a better counterpart (ties to the earlier unit).
    let mut keys: Vec<u128> = Vec::with_capacity(k + 1);
    let mut floor = 0u128;
    for &o in touched {
        let score = std::mem::take(&mut acc[o as usize]);
        let key = (u128::from(score.to_bits()) << 32) | u128::from(u32::MAX - o);
        if keys.len() == k && key <= floor {
            continue;
        }
        let at = keys.partition_point(|&x| x > key);
        keys.insert(at, key);
        keys.truncate(k);
        if keys.len() == k {
            floor = keys[k - 1];
        }
    }
    ranked.clear();
    ranked.extend(
        keys.iter()
            .map(|&key| (f64::from_bits((key >> 32) as u64), u32::MAX - key as u32)),
    );
}

/// Score of a pair for one-to-one matching: the score to rank by, the similarity to report, and the
/// evidence. A deferred item is usually a short topic line, so against a body point it is scored by how
/// much of it the body point contains.
fn pair_score(
    st: &State<'_, '_>,
    c: &Corpus,
    e: &Edge,
    opts: &AlignOptions,
) -> (f64, f64, Evidence) {
    let (wo, wn) = (c.old[e.old].total, c.new[e.new].total);
    let d = dice(e.shared, wo, wn);
    let contained = match (st.old[e.old].kind, st.new[e.new].kind) {
        (UnitKind::Body, UnitKind::Deferred) => share(e.shared, wn),
        (UnitKind::Deferred, UnitKind::Body) => share(e.shared, wo),
        _ => 0.0,
    };
    // Scaled so that a contained topic line at the deferral threshold ranks like a borderline match.
    let scaled = if contained >= opts.defer_threshold {
        contained * 0.9
    } else {
        0.0
    };
    if scaled > d {
        (scaled, contained, Evidence::Contained)
    } else {
        (d, d, Evidence::Similar)
    }
}

fn pair_one_to_one(st: &mut State<'_, '_>, edges: &[Edge], c: &Corpus, opts: &AlignOptions) {
    let mut scored: Vec<(f64, f64, Evidence, usize, usize)> = edges
        .iter()
        .map(|e| {
            let (rank, reported, ev) = pair_score(st, c, e, opts);
            (rank, reported, ev, e.old, e.new)
        })
        .filter(|&(rank, ..)| rank >= opts.match_threshold)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.3.cmp(&b.3)).then(a.4.cmp(&b.4)));
    for (_, reported, ev, i, j) in scored {
        if st.old_group[i].is_none() && st.new_group[j].is_none() {
            st.create(i, j, reported, ev);
        }
    }
}

/// How many of a unit's candidates (the most overlapping) its sentences are compared with.
const SENTENCE_CANDIDATES: usize = 8;

/// A merge or split that sentence evidence proposes: (score, is split, unit, voted counterparts).
type SentenceVote = (f64, bool, usize, Vec<usize>);

/// For each multi-sentence body unit, the counterpart each sentence is clearly contained in; units
/// whose sentences point to several counterparts are proposed as merges (or splits), best first.
fn sentence_votes(
    st: &State<'_, '_>,
    edges: &[Edge],
    c: &Corpus,
    opts: &AlignOptions,
) -> Vec<SentenceVote> {
    // Each multi-sentence unit's counterparts, the most overlapping first, at most
    // SENTENCE_CANDIDATES of them.
    // (Grouped by unit in flat lists, by counting: no list per unit to grow.)
    let body: Vec<&Edge> = edges
        .iter()
        .filter(|e| st.old[e.old].kind == UnitKind::Body && st.new[e.new].kind == UnitKind::Body)
        .collect();
    let by_new = Grouped::new(
        st.new.len(),
        body.iter()
            .filter(|e| !c.new_sentences[e.new].is_empty())
            .map(|e| (e.new, (e.shared, e.old))),
    );
    let by_old = Grouped::new(
        st.old.len(),
        body.iter()
            .filter(|e| !c.old_sentences[e.old].is_empty())
            .map(|e| (e.old, (e.shared, e.new))),
    );
    let best = |list: &[(f64, usize)]| -> Vec<usize> {
        let mut l = list.to_vec();
        l.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        l.into_iter()
            .take(SENTENCE_CANDIDATES)
            .map(|(_, u)| u)
            .collect()
    };
    // Each sentence's best candidate: the one it shares the largest share of its weight with (ties to
    // the earlier). Sentences mark their terms (bit k for sentence k) in a scratch array over all
    // terms, and each candidate's terms are looked up there once, instead of merging every sentence
    // with every candidate. Weights are added in term order, as `Corpus::shared` adds them.
    struct Scratch {
        marks: Vec<u64>,
        sums: Vec<f64>,
        best: Vec<Option<(f64, usize)>>,
    }
    let vote = |scratch: &mut Scratch,
                sentences: &[Features],
                cands: &[usize],
                side: &[Features]|
     -> Option<(f64, Vec<usize>)> {
        let better = |a: (f64, usize), b: (f64, usize)| {
            a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)) == std::cmp::Ordering::Greater
        };
        let Scratch { marks, sums, best } = scratch;
        best.clear();
        best.resize(sentences.len(), None);
        // Up to 64 sentences are marked at once; longer units compare each sentence directly.
        let marked = sentences.len() <= 64;
        if marked {
            for (k, s) in sentences.iter().enumerate() {
                for &t in &s.terms {
                    marks[t as usize] |= 1 << k;
                }
            }
        }
        for &u in cands {
            sums.clear();
            if marked {
                sums.resize(sentences.len(), 0.0);
                for &t in &side[u].terms {
                    let mut m = marks[t as usize];
                    let w = c.idf[t as usize];
                    while m != 0 {
                        sums[m.trailing_zeros() as usize] += w;
                        m &= m - 1;
                    }
                }
            } else {
                sums.extend(sentences.iter().map(|s| c.shared(&s.terms, &side[u].terms)));
            }
            for (k, s) in sentences.iter().enumerate() {
                let cand = (share(sums[k], s.total), u);
                if best[k].is_none_or(|b| better(cand, b)) {
                    best[k] = Some(cand);
                }
            }
        }
        if marked {
            for s in sentences {
                for &t in &s.terms {
                    marks[t as usize] = 0;
                }
            }
        }
        let mut voted: Vec<usize> = Vec::new();
        let mut total = 0.0;
        for &(score, u) in best.iter().flatten() {
            if score >= opts.sentence_threshold {
                total += score;
                if !voted.contains(&u) {
                    voted.push(u);
                }
            }
        }
        voted.sort_unstable();
        (voted.len() >= 2).then(|| (total / sentences.len() as f64, voted))
    };
    // Merges (new units' sentences against old units), then splits, in one parallel pass.
    let keys: Vec<(bool, usize)> = (0..st.new.len())
        .filter(|&u| !by_new.of(u).is_empty())
        .map(|u| (false, u))
        .chain(
            (0..st.old.len())
                .filter(|&u| !by_old.of(u).is_empty())
                .map(|u| (true, u)),
        )
        .collect();
    let init = || Scratch {
        marks: vec![0; c.idf.len()],
        sums: Vec::new(),
        best: Vec::new(),
    };
    let mut proposals: Vec<SentenceVote> =
        crate::par::map_init(&keys, init, |scratch, &(is_split, u)| {
            let voted = if is_split {
                vote(scratch, &c.old_sentences[u], &best(by_old.of(u)), &c.new)
            } else {
                vote(scratch, &c.new_sentences[u], &best(by_new.of(u)), &c.old)
            };
            voted.map(|(score, others)| (score, is_split, u, others))
        })
        .into_iter()
        .flatten()
        .collect();
    proposals.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then(a.1.cmp(&b.1))
            .then(a.2.cmp(&b.2))
            .then(a.3.cmp(&b.3))
    });
    proposals
}

/// Applies sentence votes (see [`sentence_votes`]), best first, to free counterparts only.
fn link_sentences(st: &mut State<'_, '_>, votes: &[SentenceVote]) {
    for (score, is_split, unit, voted) in votes {
        st.join(*unit, voted, *is_split, *score);
    }
}

/// Grows groups: a free old unit joins a group with one new unit (a merge) when it explains enough of
/// that unit that the group does not already explain; a free new unit joins a group with one old unit
/// (a split) likewise.
fn attach(st: &mut State<'_, '_>, edges: &[Edge], c: &Corpus, opts: &AlignOptions) {
    // (score, is_split, free unit, group, weight the unit shares with the group's lone counterpart),
    // proposed in parallel over chunks of the edges.
    let propose = |e: &Edge| match (st.old_group[e.old], st.new_group[e.new]) {
        (None, Some(g)) if merge_ok(st, g, e.old) => {
            merge_gain(st, c, g, e.old, e.shared, opts).map(|s| (s, false, e.old, g, e.shared))
        }
        (Some(g), None) if split_ok(st, g, e.new) => {
            split_gain(st, c, g, e.new, e.shared, opts).map(|s| (s, true, e.new, g, e.shared))
        }
        _ => None,
    };
    let chunks: Vec<&[Edge]> = edges.chunks(4096).collect();
    let mut proposals: Vec<(f64, bool, usize, usize, f64)> =
        crate::par::map_chunks(&chunks, |chunk| {
            chunk.iter().filter_map(propose).collect::<Vec<_>>()
        })
        .into_iter()
        .flatten()
        .collect();
    proposals.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then(a.1.cmp(&b.1))
            .then(a.2.cmp(&b.2))
            .then(a.3.cmp(&b.3))
    });
    for (_, is_split, unit, g, shared) in proposals {
        if is_split {
            if st.new_group[unit].is_none()
                && split_ok(st, g, unit)
                && split_gain(st, c, g, unit, shared, opts).is_some()
            {
                st.add_new(g, unit);
            }
        } else if st.old_group[unit].is_none()
            && merge_ok(st, g, unit)
            && merge_gain(st, c, g, unit, shared, opts).is_some()
        {
            st.add_old(g, unit);
        }
    }
}

fn merge_ok(st: &State<'_, '_>, g: usize, old: usize) -> bool {
    let grp = &st.groups[g];
    grp.new.len() == 1
        && grp.evidence != Evidence::Exact
        && st.old[grp.old[0]].kind == st.old[old].kind
        && !(st.old[old].kind == UnitKind::Deferred
            && st.new[grp.new[0]].kind == UnitKind::Deferred)
}

fn split_ok(st: &State<'_, '_>, g: usize, new: usize) -> bool {
    let grp = &st.groups[g];
    grp.old.len() == 1
        && grp.evidence != Evidence::Exact
        && st.new[grp.new[0]].kind == st.new[new].kind
        && st.new[new].kind == UnitKind::Body
        && st.old[grp.old[0]].kind == UnitKind::Body
}

/// A merge source or split piece must add at least this many distinctive words of its own: one shared
/// word, or a few common ones ("United States"), are a coincidence more often than a merge.
const MIN_PART_WORDS: usize = 2;

/// How much of the group's new unit `old` explains beyond the group's other sources, if enough.
/// `shared` is the weight `old` shares with that unit (the group has one new unit: see [`merge_ok`]).
fn merge_gain(
    st: &State<'_, '_>,
    c: &Corpus,
    g: usize,
    old: usize,
    shared: f64,
    opts: &AlignOptions,
) -> Option<f64> {
    let grp = &st.groups[g];
    let target = &c.new[grp.new[0]];
    let gist = share(shared, c.old[old].total);
    let topic = share(shared, target.total);
    if st.new[grp.new[0]].kind == UnitKind::Deferred {
        return (topic >= opts.defer_group_threshold).then_some(topic);
    }
    // The gain is at most `topic`: decide without the group's union when either falls short.
    if gist < opts.gist_threshold || topic < opts.part_threshold {
        return None;
    }
    let others = grp.old.iter().map(|&i| &c.old[i]);
    c.gain_beyond(&c.old[old], target, others, opts)
}

/// How much of the group's old unit `new` explains beyond the group's other pieces, if enough.
/// `shared` is the weight `new` shares with that unit (the group has one old unit: see [`split_ok`]).
fn split_gain(
    st: &State<'_, '_>,
    c: &Corpus,
    g: usize,
    new: usize,
    shared: f64,
    opts: &AlignOptions,
) -> Option<f64> {
    let grp = &st.groups[g];
    let source = &c.old[grp.old[0]];
    let piece = share(shared, c.new[new].total);
    // The gain is at most the share of the source the piece holds.
    if piece < opts.piece_threshold || share(shared, source.total) < opts.part_threshold {
        return None;
    }
    let others = grp.new.iter().map(|&j| &c.new[j]);
    c.gain_beyond(&c.new[new], source, others, opts)
}

/// Finds groups for units that no pair reached: each free body unit is covered greedily by free
/// counterparts (each adding enough), and the cover is kept when it explains enough of the unit.
fn cover(st: &mut State<'_, '_>, edges: &[Edge], c: &Corpus, opts: &AlignOptions) {
    // Each free body unit's free body counterparts (a unit with none has nothing to cover it).
    let mut old_edges: HashMap<usize, Vec<usize>> = HashMap::default();
    let mut new_edges: HashMap<usize, Vec<usize>> = HashMap::default();
    for e in edges {
        if st.old_group[e.old].is_none()
            && st.new_group[e.new].is_none()
            && st.old[e.old].kind == UnitKind::Body
            && st.new[e.new].kind == UnitKind::Body
        {
            new_edges.entry(e.new).or_default().push(e.old);
            old_edges.entry(e.old).or_default().push(e.new);
        }
    }
    // (coverage, is_split, unit, counterparts)
    let mut proposals: Vec<(f64, bool, usize, Vec<usize>)> = Vec::new();
    for (&j, free) in &new_edges {
        let picked = greedy_cover(c, &c.new[j], free, true, opts);
        if let Some((coverage, set)) = picked {
            proposals.push((coverage, false, j, set));
        }
    }
    for (&i, free) in &old_edges {
        let picked = greedy_cover(c, &c.old[i], free, false, opts);
        if let Some((coverage, set)) = picked {
            if set.len() > 1 {
                proposals.push((coverage, true, i, set));
            }
        }
    }
    proposals.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then(a.1.cmp(&b.1))
            .then(a.2.cmp(&b.2))
            .then(a.3.cmp(&b.3))
    });
    for (coverage, is_split, unit, set) in proposals {
        if is_split {
            if st.old_group[unit].is_some() || set.iter().any(|&j| st.new_group[j].is_some()) {
                continue;
            }
            let g = st.create(unit, set[0], coverage, Evidence::Contained);
            for &j in &set[1..] {
                st.add_new(g, j);
            }
        } else {
            if st.new_group[unit].is_some() || set.iter().any(|&i| st.old_group[i].is_some()) {
                continue;
            }
            let g = st.create(set[0], unit, coverage, Evidence::Contained);
            for &i in &set[1..] {
                st.add_old(g, i);
            }
        }
    }
}

/// Greedily picks counterparts of `target` (old units when `from_old`, else new units) that each add at
/// least `part_threshold` of it; returns the coverage and the picks when the cover is good enough.
fn greedy_cover(
    c: &Corpus,
    target: &Features,
    free: &[usize],
    from_old: bool,
    opts: &AlignOptions,
) -> Option<(f64, Vec<usize>)> {
    let feats = |u: usize| if from_old { &c.old[u] } else { &c.new[u] };
    let mut covered: Vec<u32> = Vec::new();
    let mut picked: Vec<usize> = Vec::new();
    let mut coverage = 0.0;
    loop {
        let mut best: Option<(f64, usize)> = None;
        for &u in free {
            if picked.contains(&u) {
                continue;
            }
            let f = feats(u);
            let own = share(c.shared(&f.terms, &target.terms), f.total);
            let need = if from_old {
                opts.gist_threshold
            } else {
                opts.piece_threshold
            };
            if own < need.max(opts.cover_threshold * 0.5) {
                continue;
            }
            let gain = share(c.marginal(&f.terms, &target.terms, &covered), target.total);
            if gain >= opts.part_threshold
                && best.is_none_or(|(b, bu)| gain > b || (gain == b && u < bu))
            {
                best = Some((gain, u));
            }
        }
        let Some((gain, u)) = best else { break };
        picked.push(u);
        coverage += gain;
        covered = Corpus::union([covered.as_slice(), feats(u).terms.as_slice()].into_iter());
    }
    (coverage >= opts.cover_threshold && !picked.is_empty()).then(|| {
        picked.sort_unstable();
        (coverage.min(1.0), picked)
    })
}

/// Free old body points whose words contain most of a deferred item go with it (several points may be
/// set aside under one topic line); free old deferred items that reappear in the body are reinstated.
fn attach_deferred(st: &mut State<'_, '_>, edges: &[Edge], c: &Corpus, opts: &AlignOptions) {
    let mut proposals: Vec<(f64, usize, usize)> = Vec::new();
    for e in edges {
        if st.old_group[e.old].is_some() {
            continue;
        }
        let (topic, needed) = match (st.old[e.old].kind, st.new[e.new].kind) {
            (UnitKind::Body, UnitKind::Deferred) => {
                (share(e.shared, c.new[e.new].total), opts.defer_threshold)
            }
            (UnitKind::Deferred, UnitKind::Body) if st.new_group[e.new].is_none() => (
                share(e.shared, c.old[e.old].total),
                opts.reinstate_threshold,
            ),
            _ => continue,
        };
        if topic >= needed {
            proposals.push((topic, e.old, e.new));
        }
    }
    proposals.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (topic, i, j) in proposals {
        if st.old_group[i].is_some() {
            continue;
        }
        match st.new_group[j] {
            None => {
                st.create(i, j, topic, Evidence::Contained);
            }
            Some(g)
                if st.new[j].kind == UnitKind::Deferred
                    && topic >= opts.defer_group_threshold
                    && merge_ok(st, g, i) =>
            {
                st.add_old(g, i)
            }
            Some(_) => {}
        }
    }
}

/// Kept body groups in new order whose old positions increase: the anchors that gaps lie between.
fn anchors(st: &State<'_, '_>) -> Vec<(usize, usize)> {
    // Merged and split points are no anchors: their sources may lie anywhere.
    let kept: Vec<(usize, usize)> = by_first_new(st)
        .filter_map(|(n, gi)| {
            let g = &st.groups[gi];
            let one_to_one = g.old.len() == 1
                && g.new.len() == 1
                && st.old[g.old[0]].kind == UnitKind::Body
                && st.new[n].kind == UnitKind::Body;
            one_to_one.then_some((n, g.old[0]))
        })
        .collect();
    let seq: Vec<usize> = kept.iter().map(|&(_, o)| o).collect();
    let on = longest_increasing(&seq);
    kept.into_iter()
        .zip(on)
        .filter(|(_, on)| *on)
        .map(|((n, o), _)| (o, n))
        .collect()
}

/// Each group with new units, once, as (its first new unit, the group), in new order: found by
/// walking the new units, so nothing needs sorting.
fn by_first_new<'s>(st: &'s State<'_, '_>) -> impl Iterator<Item = (usize, usize)> + 's {
    st.new_group.iter().enumerate().filter_map(|(j, g)| {
        let gi = (*g)?;
        (st.groups[gi].new.iter().min() == Some(&j)).then_some((j, gi))
    })
}

/// Pairs unmatched body points that lie in the same gap between two anchors in both drafts, best pair
/// first, when their similarity reaches `gap_threshold`.
fn fill_gaps(st: &mut State<'_, '_>, c: &Corpus, opts: &AlignOptions) {
    let anchors = anchors(st);
    let body_old = st.old.iter().filter(|u| u.kind == UnitKind::Body).count();
    let body_new = st.new.iter().filter(|u| u.kind == UnitKind::Body).count();
    // Gap k lies after anchor k-1 and before anchor k (with sentinels at both ends).
    let mut bounds: Vec<(isize, isize)> = vec![(-1, -1)];
    bounds.extend(anchors.iter().map(|&(o, n)| (o as isize, n as isize)));
    bounds.push((body_old as isize, body_new as isize));
    let mut proposals: Vec<(f64, usize, usize)> = Vec::new();
    for w in bounds.windows(2) {
        let (lo, hi) = (w[0], w[1]);
        let olds: Vec<usize> = ((lo.0 + 1)..hi.0)
            .map(|i| i as usize)
            .filter(|&i| st.old_group[i].is_none() && st.old[i].kind == UnitKind::Body)
            .collect();
        let news: Vec<usize> = ((lo.1 + 1)..hi.1)
            .map(|j| j as usize)
            .filter(|&j| st.new_group[j].is_none() && st.new[j].kind == UnitKind::Body)
            .collect();
        if olds.is_empty() || news.is_empty() || olds.len() * news.len() > opts.max_gap_pairs {
            continue;
        }
        for &i in &olds {
            for &j in &news {
                let (fo, fn_) = (&c.old[i], &c.new[j]);
                let sim = dice(c.shared(&fo.terms, &fn_.terms), fo.total, fn_.total);
                if sim >= opts.gap_threshold {
                    proposals.push((sim, i, j));
                }
            }
        }
    }
    proposals.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (sim, i, j) in proposals {
        if st.old_group[i].is_none() && st.new_group[j].is_none() {
            st.create(i, j, sim, Evidence::Similar);
        }
    }
}

/// Undoes weak groups that are out of order; returns whether any was undone.
fn dissolve_weak_moves(st: &mut State<'_, '_>, c: &Corpus, opts: &AlignOptions) -> bool {
    let mut any = false;
    for (gi, in_order) in in_order(st) {
        let g = &st.groups[gi];
        if in_order || g.evidence < Evidence::Similar {
            continue;
        }
        if c.group_score(g) >= opts.move_threshold {
            continue;
        }
        let g = std::mem::replace(
            &mut st.groups[gi],
            Group {
                old: Vec::new(),
                new: Vec::new(),
                score: 0.0,
                evidence: Evidence::Similar,
                moved: false,
            },
        );
        for i in g.old {
            st.old_group[i] = None;
        }
        for j in g.new {
            st.new_group[j] = None;
        }
        any = true;
    }
    any
}

/// Marks kept body groups that are out of order: those not on a longest increasing subsequence of old
/// positions taken in new order.
fn mark_moves(st: &mut State<'_, '_>) {
    for (gi, in_order) in in_order(st) {
        st.groups[gi].moved = !in_order;
    }
}

/// The groups with one old unit and only body units, in order of their first new unit, each with
/// whether it lies on a longest increasing subsequence of their old units (in order with the others).
/// A merged point has no single old position to be out of order with.
fn in_order(st: &State<'_, '_>) -> Vec<(usize, bool)> {
    let kept: Vec<(usize, usize)> = by_first_new(st)
        .filter_map(|(_, gi)| {
            let g = &st.groups[gi];
            let body = g.old.len() == 1
                && st.old[g.old[0]].kind == UnitKind::Body
                && g.new.iter().all(|&j| st.new[j].kind == UnitKind::Body);
            body.then_some((g.old[0], gi))
        })
        .collect();
    let seq: Vec<usize> = kept.iter().map(|&(o, _)| o).collect();
    let on_lis = longest_increasing(&seq);
    kept.iter()
        .zip(on_lis)
        .map(|(&(_, gi), on)| (gi, on))
        .collect()
}

/// Which elements lie on one longest strictly increasing subsequence (patience sorting, O(n log n)).
/// Among equally long subsequences it keeps the one ending in the smallest values, deterministically.
pub(crate) fn longest_increasing(seq: &[usize]) -> Vec<bool> {
    let mut tails: Vec<usize> = Vec::new(); // index into seq of the tail of each length
    let mut tail_values: Vec<usize> = Vec::new(); // and its value, searched without indirection
    let mut prev: Vec<Option<usize>> = vec![None; seq.len()];
    for (k, &v) in seq.iter().enumerate() {
        // Sequences here are mostly in order: a value past the last tail extends the longest.
        let pos = match tail_values.last() {
            Some(&last) if last < v => tail_values.len(),
            _ => tail_values.partition_point(|&t| t < v),
        };
        prev[k] = pos.checked_sub(1).map(|p| tails[p]);
        if pos == tails.len() {
            tails.push(k);
            tail_values.push(v);
        } else {
            tails[pos] = k;
            tail_values[pos] = v;
        }
    }
    let mut on = vec![false; seq.len()];
    let mut cur = tails.last().copied();
    while let Some(k) = cur {
        on[k] = true;
        cur = prev[k];
    }
    on
}

#[cfg(test)]
mod tests {
    use super::*;

    /// On many sequences, mostly in order as in drafts or not, the marked elements increase and are
    /// as many as the longest increasing subsequence has (found by the quadratic recurrence).
    #[test]
    fn lis_is_increasing_and_longest() {
        let mut x: u64 = 1;
        let mut next = |n: u64| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((x >> 33) % n) as usize
        };
        for case in 0..500 {
            let len = next(40);
            let seq: Vec<usize> = (0..len)
                .map(|k| if case % 2 == 0 { k + next(4) } else { next(20) })
                .collect();
            let on = longest_increasing(&seq);
            let marked: Vec<usize> = seq
                .iter()
                .zip(&on)
                .filter(|(_, o)| **o)
                .map(|(v, _)| *v)
                .collect();
            assert!(marked.windows(2).all(|w| w[0] < w[1]), "{seq:?} {marked:?}");
            let mut best = vec![1usize; len];
            for k in 0..len {
                for p in 0..k {
                    if seq[p] < seq[k] {
                        best[k] = best[k].max(best[p] + 1);
                    }
                }
            }
            assert_eq!(
                marked.len(),
                best.iter().copied().max().unwrap_or(0),
                "{seq:?}"
            );
        }
    }

    #[test]
    fn lis_marks_the_moved_element() {
        assert_eq!(
            longest_increasing(&[0, 1, 5, 2, 3, 4]),
            vec![true, true, false, true, true, true]
        );
        assert_eq!(longest_increasing(&[]), Vec::<bool>::new());
    }

    /// Exact pairing by hash, with every hash equal (as if all collided): confirming words pairs each
    /// new text with the first free old text with its words, passing over the others.
    #[test]
    fn exact_pairs_confirm_words_when_hashes_collide() {
        let old = [
            Unit::body("a b"),
            Unit::body("c d"),
            Unit::body("a  b"),
            Unit::body("e"),
        ];
        let new = [
            Unit::body("c d"),
            Unit::body("a b"),
            Unit::body("a b"),
            Unit::body("f"),
        ];
        let st = State::new(&old, &new);
        let (old_hashes, new_hashes) = (vec![7; old.len()], vec![7; new.len()]);
        let same = |i: usize, j: usize| tokens::same_words(old[i].text, new[j].text);
        let pairs = exact_pairs(&st, &old_hashes, &new_hashes, same);
        assert_eq!(pairs, vec![(1, 0), (0, 1), (2, 2)]);
        // By hash alone, every new text takes the next free old one.
        let blind = exact_pairs(&st, &old_hashes, &new_hashes, |_, _| true);
        assert_eq!(blind, vec![(0, 0), (1, 1), (2, 2), (3, 3)]);
    }

    #[test]
    fn merge_is_found_by_containment() {
        let old = [
            Unit::body(
                "Russia writes a policy of non-aggression toward Europe and Ukraine into law.",
            ),
            Unit::body("The United States and Russia extend the nuclear arms-control treaties."),
            Unit::body("Ukraine holds elections within 100 days."),
        ];
        let new = [
            Unit::body("Ukraine holds elections within 100 days."),
            Unit::body(
                "Russia enshrines non-aggression toward Europe in law and extends nuclear arms-control treaties with the United States.",
            ),
        ];
        let a = align(&old, &new, &AlignOptions::default());
        let merged = a.groups.iter().find(|g| g.new == vec![1]).unwrap();
        assert_eq!(merged.old, vec![0, 1]);
        assert_eq!(merged.evidence, Evidence::Contained);
    }

    /// A reworded point alone between kept points skips the candidate search (a twin), yet a short
    /// point from elsewhere merged into it is still found: other units' searches see twins.
    #[test]
    fn twins_skip_the_search_and_are_still_found_by_others() {
        let b = "Ukraine will hold presidential and parliamentary elections within one hundred days \
                 after the signing of this agreement, watched by international monitors from the OSCE. \
                 The central electoral commission certifies the results within a fortnight.";
        let old = [
            Unit::body(
                "The parties agree to an immediate ceasefire along the current line of contact.",
            ),
            Unit::body(b),
            Unit::body("All prisoners of war are exchanged on the principle of all for all."),
            Unit::body(
                "Frozen Russian assets fund the reconstruction under a joint investment vehicle.",
            ),
            Unit::body("Observers report weekly."),
        ];
        let merged = format!("{b} Observers report weekly.");
        let new = [
            Unit::body(old[0].text),
            Unit::body(&merged),
            Unit::body(old[2].text),
            Unit::body(old[3].text),
        ];
        let opts = AlignOptions::default();
        let mut st = State::new(&old, &new);
        link_exact(&mut st);
        let corpus = Corpus::new(&old, &new, &settled(&st));
        let found: Vec<(usize, usize)> = twins(&st, &corpus, &opts)
            .into_iter()
            .map(|(i, j, _)| (i, j))
            .collect();
        assert_eq!(found, vec![(1, 1)]);
        let searched = AlignOptions {
            twin_threshold: f64::INFINITY,
            ..AlignOptions::default()
        };
        for opts in [opts, searched] {
            let a = align(&old, &new, &opts);
            let g = a.groups.iter().find(|g| g.new == vec![1]).unwrap();
            assert_eq!(g.old, vec![1, 4], "twin threshold {}", opts.twin_threshold);
        }
    }

    /// Sentence evidence marks up to 64 sentences of a unit at once and compares longer units
    /// sentence by sentence: a merge of two long points is found either way.
    #[test]
    fn merges_of_long_points_are_found_with_many_sentences_or_few() {
        for per_point in [20, 35] {
            let sentences = |tag: &str| -> Vec<String> {
                (0..per_point)
                    .map(|i| format!("{tag}{i}a {tag}{i}b {tag}{i}c {tag}{i}d."))
                    .collect()
            };
            let (a, b) = (sentences("north"), sentences("south"));
            let joined = [a.clone(), b.clone()].concat().join(" ");
            let (a, b) = (a.join(" "), b.join(" "));
            let old = [
                Unit::body(&a),
                Unit::body(&b),
                Unit::body("An unrelated point."),
            ];
            let new = [Unit::body(&joined), Unit::body("An unrelated point.")];
            assert_eq!(tokens::sentences(&joined).len(), 2 * per_point);
            // The sentences themselves vote for the merge (not only containment)...
            let opts = AlignOptions::default();
            let mut st = State::new(&old, &new);
            link_exact(&mut st);
            let corpus = Corpus::new(&old, &new, &settled(&st));
            let edges = candidate_edges(&st, &corpus, &opts);
            let votes = sentence_votes(&st, &edges, &corpus, &opts);
            assert!(
                votes
                    .iter()
                    .any(|(_, is_split, u, others)| !is_split && *u == 0 && *others == vec![0, 1]),
                "{per_point} sentences a point: {votes:?}"
            );
            // ...and the alignment has it.
            let found = align(&old, &new, &opts);
            let merged = found.groups.iter().find(|g| g.new == vec![0]).unwrap();
            assert_eq!(merged.old, vec![0, 1], "{per_point} sentences a point");
        }
    }

    #[test]
    fn topic_line_deferral() {
        let old = [
            Unit::body(
                "Crimea, Luhansk and Donetsk are recognised as de facto Russian; Kherson and Zaporizhzhia are frozen along the line of contact.",
            ),
            Unit::body("Ukraine holds elections within 100 days."),
        ];
        let new = [
            Unit::body("Ukraine holds elections as soon as possible."),
            Unit::deferred("Status of Crimea, Donetsk and Luhansk"),
        ];
        let a = align(&old, &new, &AlignOptions::default());
        assert!(
            a.groups
                .iter()
                .any(|g| g.old == vec![0] && g.new == vec![1])
        );
    }
}
