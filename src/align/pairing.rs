//! Pairs: references, ids and exact texts first, then the one-to-one pairing by score.

use crate::hash::HashMap;

use super::features::{Corpus, dice, share};
use super::state::{Edge, Proposal, State, best_first};
use super::{AlignOptions, Evidence, Unit, UnitKind};
use crate::tokens;

pub(super) fn link_references(st: &mut State<'_, '_>) {
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

pub(super) fn link_ids(st: &mut State<'_, '_>) {
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

pub(super) fn link_exact(st: &mut State<'_, '_>) {
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
pub(super) fn exact_pairs(
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

/// How a deferred item's share found in a body point ranks against the similarity of other pairs:
/// a little lower, so that a contained topic line at the deferral threshold ranks like a borderline
/// match.
const CONTAINED_RANK: f64 = 0.9;

/// Score of a pair for one-to-one matching: the score to rank by, the similarity to report, and the
/// evidence. A deferred item is usually a short topic line, so against a body point it is scored by how
/// much of it the body point contains.
pub(super) fn pair_score(
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
    let scaled = if contained >= opts.defer_threshold {
        contained * CONTAINED_RANK
    } else {
        0.0
    };
    if scaled > d {
        (scaled, contained, Evidence::Contained)
    } else {
        (d, d, Evidence::Similar)
    }
}

pub(super) fn pair_one_to_one(
    st: &mut State<'_, '_>,
    edges: &[Edge],
    c: &Corpus,
    opts: &AlignOptions,
) {
    // Ranked by one score, reported with another (see `pair_score`).
    let scored: Vec<Proposal<(usize, usize), (f64, Evidence)>> = edges
        .iter()
        .filter_map(|e| {
            let (rank, reported, ev) = pair_score(st, c, e, opts);
            // A title both points alone carry in their drafts is strong evidence that one
            // continues the other: it ranks the pair higher, and the rest may have been rewritten
            // entirely (the pair is a candidate: it shares at least its title's words).
            let (rank, keep) = if opts.title_bonus > 0.0 && c.same_title(e.old, e.new) {
                (rank + opts.title_bonus, true)
            } else {
                (rank, rank >= opts.match_threshold)
            };
            keep.then_some(Proposal {
                score: rank,
                key: (e.old, e.new),
                payload: (reported, ev),
            })
        })
        .collect();
    for Proposal {
        key: (i, j),
        payload: (reported, ev),
        ..
    } in best_first(scored)
    {
        if st.old_group[i].is_none() && st.new_group[j].is_none() {
            st.create(i, j, reported, ev);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::Unit;

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
}
