//! The candidate search: an inverted index of each side's terms, probed by each unit's rarest terms
//! within a budget, and the twins (pairs alone in the same place) that skip it.

use super::features::{Corpus, Features, lopsided, share};
use super::order::anchors;
use super::state::{Edge, Grouped, State};
use super::{AlignOptions, UnitKind};

/// Proposes candidate pairs among units not yet grouped: for each new unit its best old units by the
/// weight of shared uncommon terms, and for each old unit its best new units.
pub(super) fn candidate_edges(st: &State<'_, '_>, c: &Corpus, opts: &AlignOptions) -> Vec<Edge> {
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
                    let theirs = &c.new[j].terms;
                    if lopsided(terms.len(), theirs.len()) {
                        // A huge counterpart: searched term by term, the same sum to the bit.
                        c.shared(terms, theirs)
                    } else {
                        theirs.iter().fold(0.0, |sum, &t| sum + marks[t as usize])
                    }
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
pub(super) fn twins(
    st: &State<'_, '_>,
    c: &Corpus,
    opts: &AlignOptions,
) -> Vec<(usize, usize, f64)> {
    let Some(threshold) = opts.twin_threshold else {
        return Vec::new();
    };
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
        let close = share(shared, fo.total) >= threshold && share(shared, fn_.total) >= threshold;
        close.then_some((i, j, shared))
    })
    .into_iter()
    .flatten()
    .collect()
}

/// An inverted index: for each term, the units (of one side, in order) that have it, as positions in
/// the list of units it was built from (dense, so that per-unit scratch arrays stay small).
pub(super) struct Postings {
    /// The positions of the units that have each term, in order.
    pub(super) by_term: Grouped<u32>,
    /// The unit at each position.
    pub(super) ids: Vec<usize>,
}

impl Postings {
    pub(super) fn new(units: &[usize], features: &[Features], terms: usize) -> Postings {
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

    pub(super) fn of(&self, term: u32) -> &[u32] {
        self.by_term.of(term as usize)
    }

    /// How many units have `term`.
    pub(super) fn len(&self, term: u32) -> usize {
        self.of(term).len()
    }
}

/// A unit's candidate counterparts: each with the exact shared weight, when the search summed it.
pub(super) type Counterparts = Vec<(usize, Option<f64>)>;

/// The search for each unit's best counterparts through an inverted index of the other side.
pub(super) struct Probe<'c> {
    pub(super) idf: &'c [f64],
    pub(super) common: &'c [bool],
    pub(super) k: usize,
    pub(super) budget: usize,
}

impl Probe<'_> {
    /// For each of `units`, its (at most `k`) counterparts with the most weight of shared terms, best
    /// first (ties to the earlier counterpart). The terms read are the unit's rarest, up to `budget`
    /// index entries; they are summed in term order, so scores do not depend on which were read first.
    /// When all of a unit's terms were read, a score is exactly [`Corpus::shared`] (the same weights
    /// added in the same order) and comes with the counterpart.
    pub(super) fn best<const N: usize>(
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
    pub(super) fn terms(&self, terms: &[u32], index: &Postings, out: &mut Vec<u32>) -> bool {
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
pub(super) fn gather(
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
pub(super) fn rank(k: usize, touched: &[u32], acc: &mut [f64], ranked: &mut Vec<(f64, u32)>) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::pairing::link_exact;
    use crate::align::state::settled;
    use crate::align::{Unit, align};

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
            twin_threshold: None,
            ..AlignOptions::default()
        };
        for opts in [opts, searched] {
            let a = align(&old, &new, &opts);
            let g = a.groups.iter().find(|g| g.new == vec![1]).unwrap();
            assert_eq!(
                g.old,
                vec![1, 4],
                "twin threshold {:?}",
                opts.twin_threshold
            );
        }
    }
}
