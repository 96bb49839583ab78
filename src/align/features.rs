//! Features: each unit's terms (word stems, prefixes, figures from [`crate::tokens`]) interned to ids,
//! their rarity weights (inverse document frequency), and the weighted overlaps the steps score by.

use crate::hash::HashMap;

use super::{AlignOptions, Group, Unit, UnitKind};
use crate::tokens;

/// How much a figure (a word with a digit) weighs against an ordinary word of the same rarity: less,
/// so that a correspondence whose numbers were all renegotiated is still found.
pub const FIGURE_WEIGHT: f64 = 0.5;

/// The bit of a feature span's start that says the span is in the unit's buffer of folded features,
/// not in its text.
const IN_BUF: u32 = 1 << 31;

/// Features a piece (a sentence) keeps before it keeps only features it has not had: most sentences
/// never reach it.
const DEDUPLICATE_AFTER: usize = 64;

/// A feature's bytes: `text[a..b]`, or `buf[a..b]` when `a` has the [`IN_BUF`] bit.
fn span<'t>(text: &'t str, buf: &'t str, a: u32, b: u32) -> &'t str {
    if a & IN_BUF == 0 {
        &text[a as usize..b as usize]
    } else {
        &buf[(a & !IN_BUF) as usize..b as usize]
    }
}

/// A unit's features: sorted, distinct term ids and their total weight.
pub(super) struct Features {
    pub(super) terms: Vec<u32>,
    pub(super) total: f64,
}

/// The features of all units and the weight of every term.
pub(super) struct Corpus {
    pub(super) idf: Vec<f64>,
    /// Whether a term is a prefix feature (see [`tokens::features`]) rather than a stem.
    pub(super) is_prefix: Vec<bool>,
    /// Weight above which a term is distinctive: it occurs in at most a seventh of the units (or in
    /// two, in small drafts).
    pub(super) distinctive: f64,
    pub(super) old: Vec<Features>,
    pub(super) new: Vec<Features>,
    /// Features of each body unit's sentences, when it has more than one.
    pub(super) old_sentences: Vec<Vec<Features>>,
    pub(super) new_sentences: Vec<Vec<Features>>,
    /// A key of each unit's title (its words, case folded), when it has one (see [`tokens::title`])
    /// and it names the unit (see [`Corpus::same_title`]).
    old_titles: Vec<Option<u64>>,
    new_titles: Vec<Option<u64>>,
}

impl Corpus {
    /// Interns stems, computes inverse document frequencies over all units and each unit's features.
    /// Units marked in `skip` (already matched by id or exact text) get no features: they take no part
    /// in similarity, and tokenising them would only cost time.
    pub(super) fn new(old: &[Unit<'_>], new: &[Unit<'_>], skip: &[bool]) -> Corpus {
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
            /// For each sentence, whether it casts no vote (a title, a lead-in).
            silent: Vec<bool>,
            /// The key of the unit's title.
            title: Option<u64>,
        }
        // A text (or its buffer of folded features, at most about twice as long) must fit the
        // offsets: a unit of a gibibyte or more (only with a raised size limit) has no features, so
        // it is matched by id, exact text or position only.
        const MAX_TEXT: usize = 1 << 30;
        let all_units: Vec<(usize, &Unit<'_>)> = old.iter().chain(new).enumerate().collect();
        let found = crate::par::map(&all_units, |&(k, u)| {
            // Every body unit's title counts for whether titles name points (see `names`), those
            // matched already included.
            let body = u.kind == UnitKind::Body;
            if skip.get(k).copied().unwrap_or(false) || u.text.len() >= MAX_TEXT {
                return Found {
                    buf: String::new(),
                    spans: Vec::new(),
                    pieces: Vec::new(),
                    silent: Vec::new(),
                    title: if body { title_of(u.text) } else { None },
                };
            }
            // Room for a feature every five bytes (a word and its prefix feature take more), up to
            // a bound: a long text of few distinct words keeps few (below).
            let mut f = Found {
                buf: String::new(),
                spans: Vec::with_capacity((u.text.len() / 5).min(1 << 16)),
                pieces: Vec::new(),
                silent: Vec::new(),
                title: None,
            };
            let text = u.text;
            let range = text.as_bytes().as_ptr_range();
            let add = |piece: &str, f: &mut Found| {
                let start = f.spans.len();
                // A piece's terms are a set (they are sorted and deduplicated below): once a piece
                // has many features, those it has already are not kept again, so a text of a few
                // words repeated (`a b a c b ...`, an attack on memory) costs its distinct words.
                let mut seen: Option<crate::hash::HashSet<String>> = None;
                tokens::for_each_feature(piece, |feature| {
                    if seen.is_none() && f.spans.len() - start >= DEDUPLICATE_AFTER {
                        seen = Some(
                            f.spans[start..]
                                .iter()
                                .map(|&(a, b)| span(text, &f.buf, a, b).to_string())
                                .collect(),
                        );
                    }
                    if let Some(seen) = &mut seen {
                        if seen.contains(feature) {
                            return;
                        }
                        seen.insert(feature.to_string());
                    }
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
            if !body || pieces.len() < 2 {
                add(text, &mut f);
                if body {
                    f.title = title_of(text);
                }
            } else {
                // A title or a lead-in says what the point is about, not where its substance went:
                // its words count for the point but it casts no sentence vote.
                let title = title_at_head(text);
                f.title = title.map(title_key);
                for (k, piece) in pieces.into_iter().enumerate() {
                    add(piece, &mut f);
                    f.pieces.push(f.spans.len());
                    let heading = k == 0 && title.is_some_and(|t| piece.contains(t));
                    f.silent.push(heading || tokens::is_lead_in(piece));
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
                let feature = span(u.text, &f.buf, a, b);
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
                let silent = &found[k].silent;
                (
                    sorted(terms),
                    per_piece
                        .into_iter()
                        .zip(silent)
                        .filter(|(t, quiet)| t.len() >= 2 && !**quiet)
                        .map(|(t, _)| t)
                        .collect(),
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
        let mut titles: Vec<Option<u64>> = found.iter().map(|f| f.title).collect();
        let new_titles = names(titles.split_off(old.len()));
        let old_titles = names(titles);
        Corpus {
            distinctive: (1.0 + n / (n / 7.0).max(2.0)).ln(),
            idf,
            is_prefix,
            old: all,
            new: new_f,
            old_sentences: all_sentences,
            new_sentences,
            old_titles,
            new_titles,
        }
    }

    /// Whether an old and a new body unit carry the same title, one that names them: no other body
    /// unit of either draft carries it, and in each draft at least three quarters of the titled
    /// body units have a title of their own. (A category title shared by several points says
    /// nothing of which continues which, and in a draft of category titles, one that happens to
    /// occur once is no name either.)
    pub(super) fn same_title(&self, old: usize, new: usize) -> bool {
        matches!((self.old_titles[old], self.new_titles[new]), (Some(a), Some(b)) if a == b)
    }

    /// Total weight of the terms two sorted lists share.
    pub(super) fn shared(&self, a: &[u32], b: &[u32]) -> f64 {
        // One list much longer than the other (a short point against a huge one): the short one's
        // terms are searched in the long one, in the same (ascending) order, so the sum is the
        // same to the bit and the cost is the short list's.
        let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
        if lopsided(short.len(), long.len()) {
            let mut sum = 0.0;
            let mut from = 0;
            for &t in short {
                match long[from..].binary_search(&t) {
                    Ok(k) => {
                        sum += self.idf[t as usize];
                        from += k + 1;
                    }
                    Err(k) => from += k,
                }
            }
            return sum;
        }
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
    pub(super) fn marginal(&self, a: &[u32], b: &[u32], covered: &[u32]) -> f64 {
        self.marginal_words(a, b, covered).0
    }

    /// Weight of the terms of `a` ∩ `b` not in `covered`, and how many of them are distinctive word
    /// stems (not prefix features, and rare enough), i.e. roughly how many telling words they stand for.
    pub(super) fn marginal_words(&self, a: &[u32], b: &[u32], covered: &[u32]) -> (f64, usize) {
        let (mut i, mut j, mut sum, mut words) = (0, 0, 0.0, 0);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    if covered.binary_search(&a[i]).is_err() {
                        let w = self.idf[a[i] as usize];
                        sum += w;
                        words += usize::from(self.is_telling(a[i]));
                    }
                    i += 1;
                    j += 1;
                }
            }
        }
        (sum, words)
    }

    /// Whether a term is a telling word: a stem (not a prefix feature) rare enough to be
    /// distinctive (see [`Corpus::marginal_words`]).
    pub(super) fn is_telling(&self, t: u32) -> bool {
        !self.is_prefix[t as usize] && self.idf[t as usize] >= self.distinctive
    }

    /// The share of `whole` that `part` explains beyond what `members` (a group's units on `part`'s
    /// side) already do, when it is enough: at least the part threshold, from at least
    /// [`MIN_PART_WORDS`] distinctive words.
    pub(super) fn gain_beyond<'f>(
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

    pub(super) fn union(lists: impl Iterator<Item = impl AsRef<[u32]>>) -> Vec<u32> {
        let mut all: Vec<u32> = Vec::new();
        for l in lists {
            all.extend_from_slice(l.as_ref());
        }
        all.sort_unstable();
        all.dedup();
        all
    }

    pub(super) fn weight(&self, terms: &[u32]) -> f64 {
        terms.iter().map(|&t| self.idf[t as usize]).sum()
    }

    /// Dice similarity of the union of a group's old units and the union of its new units.
    pub(super) fn group_score(&self, g: &Group) -> f64 {
        let a = Corpus::union(g.old.iter().map(|&i| &self.old[i].terms));
        let b = Corpus::union(g.new.iter().map(|&j| &self.new[j].terms));
        dice(self.shared(&a, &b), self.weight(&a), self.weight(&b))
    }
}

/// Keeps the titles that name their units (see [`Corpus::same_title`]): those carried once, when at
/// least three quarters of the titled units carry a title of their own; none otherwise. (Only body
/// units have titles.)
fn names(mut titles: Vec<Option<u64>>) -> Vec<Option<u64>> {
    let mut count: HashMap<u64, u32> = HashMap::default();
    for t in titles.iter().flatten() {
        *count.entry(*t).or_default() += 1;
    }
    let titled: u32 = count.values().sum();
    let own = count.values().filter(|&&k| k == 1).count() as u32;
    let name = titled > 0 && 4 * own >= 3 * titled;
    for t in &mut titles {
        *t = t.filter(|t| name && count.get(t) == Some(&1));
    }
    titles
}

/// The key of the title at the head of a text, if it has one (see [`tokens::title`]). A title is a
/// few words at the head: its first kilobyte is read, however long the text.
fn title_of(text: &str) -> Option<u64> {
    title_at_head(text).map(title_key)
}

/// The title at the head of a text (see [`tokens::title`]), read from its first kilobyte: the same
/// for every unit, whatever its length or number of sentences.
fn title_at_head(text: &str) -> Option<&str> {
    const HEAD: usize = 1024;
    let mut end = text.len().min(HEAD);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    tokens::title(&text[..end])
}

/// A title's key: its words, case folded, so that `Audit Events` and `AUDIT EVENTS.` are one title.
fn title_key(title: &str) -> u64 {
    let mut folded = String::new();
    for w in tokens::words(title) {
        if !folded.is_empty() {
            folded.push(' ');
        }
        tokens::fold_into(w, &mut folded);
    }
    crate::hash::hash_bytes(folded.as_bytes())
}

/// Whether a list of `long` terms is so much longer than one of `short` that searching the short
/// one's terms in it costs less than walking both (see [`Corpus::shared`]).
pub(super) fn lopsided(short: usize, long: usize) -> bool {
    long > 32 * short.max(1)
}

pub(super) fn dice(shared: f64, a: f64, b: f64) -> f64 {
    if a + b <= 0.0 {
        0.0
    } else {
        (2.0 * shared / (a + b)).min(1.0)
    }
}

pub(super) fn share(part: f64, whole: f64) -> f64 {
    if whole <= 0.0 {
        0.0
    } else {
        (part / whole).min(1.0)
    }
}

/// A merge source or split piece must add at least this many distinctive words of its own: one shared
/// word, or a few common ones ("United States"), are a coincidence more often than a merge.
pub(super) const MIN_PART_WORDS: usize = 2;

#[cfg(test)]
mod tests {
    use super::*;

    /// Weights are inverse document frequencies, ln(1 + n / df), over the units that take part;
    /// figures weigh [`FIGURE_WEIGHT`] of that; a unit's total is the sum of its terms' weights.
    /// (Short words: no prefix features; term ids follow the units' order.)
    #[test]
    fn weights_follow_rarity_and_figures_weigh_less() {
        let old = [Unit::body("alpha beta"), Unit::body("alpha gamma")];
        let new = [Unit::body("alpha 600")];
        let c = Corpus::new(&old, &new, &[]);
        // alpha = 0, beta = 1, gamma = 2, 600 = 3.
        assert_eq!(c.old[0].terms, vec![0, 1]);
        assert_eq!(c.new[0].terms, vec![0, 3]);
        let ln = |x: f64| x.ln();
        assert!((c.idf[0] - ln(2.0)).abs() < 1e-12, "in every unit");
        assert!((c.idf[1] - ln(4.0)).abs() < 1e-12, "in one unit of three");
        assert!(
            (c.idf[3] - ln(4.0) * FIGURE_WEIGHT).abs() < 1e-12,
            "a figure"
        );
        let f = &c.new[0];
        assert!((f.total - (ln(2.0) + ln(4.0) * FIGURE_WEIGHT)).abs() < 1e-12);
        assert!((c.weight(&f.terms) - f.total).abs() < 1e-12);
        assert!((c.shared(&c.old[0].terms, &f.terms) - ln(2.0)).abs() < 1e-12);
        // What `covered` already holds adds nothing.
        assert_eq!(c.marginal(&c.old[0].terms, &f.terms, &[0]), 0.0);
    }

    /// Skipped units have no features and take no part in the weights.
    #[test]
    fn skipped_units_have_no_features() {
        let old = [
            Unit::body("a long settled text"),
            Unit::body("elections soon"),
        ];
        let new = [Unit::body("a long settled text")];
        let c = Corpus::new(&old, &new, &[true, false, true]);
        assert!(c.old[0].terms.is_empty() && c.new[0].terms.is_empty());
        assert!(!c.old[1].terms.is_empty());
    }

    /// A body unit of several sentences gets each sentence's features, whose union is the unit's.
    #[test]
    fn sentences_partition_a_unit_s_terms() {
        let old = [Unit::body(
            "Ukraine holds elections within 100 days. Russia withdraws from Zaporizhzhia.",
        )];
        let c = Corpus::new(&old, &[], &[]);
        assert_eq!(c.old_sentences[0].len(), 2);
        let union = Corpus::union(c.old_sentences[0].iter().map(|s| &s.terms));
        assert_eq!(union, c.old[0].terms);
        // A deferred item is one topic line: no sentences.
        let c = Corpus::new(&[Unit::deferred("Elections. Territory.")], &[], &[]);
        assert!(c.old_sentences[0].is_empty());
    }

    /// Titles name units when most titled units have their own: then the ones carried once do;
    /// in a draft of category titles, a title that happens to occur once names nothing.
    #[test]
    fn titles_that_name_their_units() {
        // Seven of nine titled units have their own: those seven name their units.
        let mut titles: Vec<Option<u64>> = (2..9).map(Some).collect();
        titles.extend([Some(1), Some(1), None]);
        let mut expected = titles.clone();
        expected[7] = None;
        expected[8] = None;
        assert_eq!(names(titles), expected);
        // Two of four: not enough.
        assert_eq!(
            names(vec![Some(1), Some(1), Some(2), Some(3)]),
            vec![None; 4]
        );
        let categories = names(vec![Some(1), Some(1), Some(1), Some(2), None]);
        assert_eq!(categories, vec![None; 5]);
        assert_eq!(title_key("Audit Events"), title_key("AUDIT   events"));
        assert_ne!(title_key("Audit Events"), title_key("Audit Event Storage"));
    }

    #[test]
    fn dice_and_share_stay_in_range() {
        assert_eq!(dice(0.0, 0.0, 0.0), 0.0);
        assert_eq!(dice(2.0, 2.0, 2.0), 1.0);
        assert_eq!(dice(3.0, 2.0, 2.0), 1.0);
        assert_eq!(share(1.0, 0.0), 0.0);
        assert_eq!(share(1.0, 4.0), 0.25);
        assert_eq!(share(5.0, 4.0), 1.0);
    }
}
