//! One global objective instead of ordered passes, for comparison (see
//! [`AlignOptions::objective`]): after the sentence votes, body pairs, merges and splits are decided
//! together, greedily by the gain of one function of the whole alignment.
//!
//! The objective is the weight the groups explain minus what they leave unexplained: for a group of
//! old units `O` and new units `N` (their terms taken as unions), `2 (1 + λ) s − λ (w(O) + w(N)) −
//! μ m`, where `s` is the weight the two sides share, `w` a side's weight, and `m` the weight of the
//! members beyond the first pair (a cost per extra member, in proportion to its size). With
//! `λ / (1 + λ)` at [`AlignOptions::match_threshold`], a pair is worth making exactly when its
//! similarity reaches that threshold; a merge source or a split piece is worth adding when the weight
//! it newly explains outweighs its own cost. Each step takes the move of largest gain (a new pair, or
//! a free unit joining a group), gains of moves on a changed group computed again when they come up.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use crate::hash::HashMap;

use super::features::Corpus;
use super::state::{Edge, State};
use super::{AlignOptions, Evidence, UnitKind};

/// Most units a group takes on its growing side: each time a group grows, its free neighbours'
/// moves are queued again, so a bound on groups bounds how often.
const MAX_MEMBERS: usize = 32;

/// A move and its gain, as last computed.
struct Move {
    gain: f64,
    /// (old unit, new unit): a new pair when both are free, else the free one joins the other's
    /// group.
    key: (usize, usize),
    /// The weight the two units share.
    shared: f64,
}

impl PartialEq for Move {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Move {}
impl PartialOrd for Move {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Move {
    /// Largest gain first, ties to the smaller key (the heap pops the greatest).
    fn cmp(&self, other: &Self) -> Ordering {
        self.gain
            .total_cmp(&other.gain)
            .then_with(|| other.key.cmp(&self.key))
    }
}

/// The terms of a group's two sides (sorted, distinct), kept as units join.
struct Sides {
    old: Vec<u32>,
    new: Vec<u32>,
}

/// The change a unit of terms `unit` (sorted, distinct; weight `total`) brings to a group side that
/// has the terms `have`, facing the other side's terms `other`: the weight it adds to its side and
/// the weight it adds to what the two sides share. The smaller of each pair of lists is walked and
/// looked up in the other, in term order (so the sums are the same on every run), so a short unit
/// joining a huge group, or a huge unit a short one, costs the short one's terms.
fn join_change(c: &Corpus, unit: &[u32], total: f64, have: &[u32], other: &[u32]) -> (f64, f64) {
    let w = |t: &u32| c.idf[*t as usize];
    let has = |list: &[u32], t: &u32| list.binary_search(t).is_ok();
    // The weight of the unit's terms the side has already.
    let known: f64 = if unit.len() <= have.len() {
        unit.iter().filter(|t| has(have, t)).map(w).sum()
    } else {
        have.iter().filter(|t| has(unit, t)).map(w).sum()
    };
    // The weight of the unit's terms the other side has and this side has not.
    let shared: f64 = if unit.len() <= other.len() {
        unit.iter()
            .filter(|t| has(other, t) && !has(have, t))
            .map(w)
            .sum()
    } else {
        other
            .iter()
            .filter(|t| has(unit, t) && !has(have, t))
            .map(w)
            .sum()
    };
    ((total - known).max(0.0), shared)
}

/// Body pairs, merges and splits by the objective (see the module docs), over the candidate edges
/// between free body units.
pub(super) fn decide(st: &mut State<'_, '_>, edges: &[Edge], c: &Corpus, opts: &AlignOptions) {
    let t = opts.match_threshold.clamp(0.01, 0.99);
    let lambda = t / (1.0 - t);
    let mu = opts.objective_member_cost;
    let edges: Vec<(usize, usize, f64)> = edges
        .iter()
        .filter(|e| {
            st.old[e.old].kind == UnitKind::Body
                && st.new[e.new].kind == UnitKind::Body
                && st.old_group[e.old].is_none()
                && st.new_group[e.new].is_none()
        })
        .map(|e| (e.old, e.new, e.shared))
        .collect();
    let mut by_old: Vec<Vec<(usize, f64)>> = vec![Vec::new(); st.old.len()];
    let mut by_new: Vec<Vec<(usize, f64)>> = vec![Vec::new(); st.new.len()];
    for &(i, j, shared) in &edges {
        by_old[i].push((j, shared));
        by_new[j].push((i, shared));
    }
    // The terms of the groups made here, by group.
    let mut sides: HashMap<usize, Sides> = HashMap::default();
    // The gain of a move now, if it is still possible: a pair of two free units (`shared` is the
    // weight they share), or a free unit joining a group made here that has one unit on the other
    // side and fewer than MAX_MEMBERS on its own.
    let gain = |st: &State<'_, '_>,
                sides: &HashMap<usize, Sides>,
                (i, j): (usize, usize),
                shared: f64|
     -> Option<f64> {
        let (fo, fn_) = (&c.old[i], &c.new[j]);
        match (st.old_group[i], st.new_group[j]) {
            (None, None) => Some(2.0 * (1.0 + lambda) * shared - lambda * (fo.total + fn_.total)),
            (None, Some(g)) => {
                let (grp, s) = (&st.groups[g], sides.get(&g)?);
                if grp.new.len() != 1 || grp.old.len() >= MAX_MEMBERS {
                    return None;
                }
                let (added, shared) = join_change(c, &fo.terms, fo.total, &s.old, &s.new);
                Some(2.0 * (1.0 + lambda) * shared - lambda * added - mu * fo.total)
            }
            (Some(g), None) => {
                let (grp, s) = (&st.groups[g], sides.get(&g)?);
                if grp.old.len() != 1 || grp.new.len() >= MAX_MEMBERS {
                    return None;
                }
                let (added, shared) = join_change(c, &fn_.terms, fn_.total, &s.new, &s.old);
                Some(2.0 * (1.0 + lambda) * shared - lambda * added - mu * fn_.total)
            }
            (Some(_), Some(_)) => None,
        }
    };
    let mut heap: BinaryHeap<Move> = edges
        .iter()
        .filter_map(|&(i, j, shared)| {
            let g = gain(st, &sides, (i, j), shared)?;
            (g > 0.0).then_some(Move {
                gain: g,
                key: (i, j),
                shared,
            })
        })
        .collect();
    while let Some(m) = heap.pop() {
        // Gains change as groups grow: a move whose gain changed goes back with its new gain.
        let Some(g) = gain(st, &sides, m.key, m.shared) else {
            continue;
        };
        if g <= 0.0 {
            continue;
        }
        if g.to_bits() != m.gain.to_bits() {
            heap.push(Move { gain: g, ..m });
            continue;
        }
        let (i, j) = m.key;
        let union = |a: &[u32], b: &[u32]| Corpus::union([a, b].into_iter());
        let touched = match (st.old_group[i], st.new_group[j]) {
            (None, None) => {
                let sim = super::dice(m.shared, c.old[i].total, c.new[j].total);
                let g = st.create(i, j, sim, Evidence::Similar);
                sides.insert(
                    g,
                    Sides {
                        old: c.old[i].terms.clone(),
                        new: c.new[j].terms.clone(),
                    },
                );
                g
            }
            (None, Some(g)) => {
                st.add_old(g, i);
                if let Some(s) = sides.get_mut(&g) {
                    s.old = union(&s.old, &c.old[i].terms);
                }
                g
            }
            (Some(g), _) => {
                st.add_new(g, j);
                if let Some(s) = sides.get_mut(&g) {
                    s.new = union(&s.new, &c.new[j].terms);
                }
                g
            }
        };
        // Free neighbours may now join the changed group.
        let grp = &st.groups[touched];
        let mut fresh: Vec<(usize, usize, f64)> = Vec::new();
        for &o in &grp.old {
            fresh.extend(
                by_old[o]
                    .iter()
                    .filter(|&&(n, _)| st.new_group[n].is_none())
                    .map(|&(n, shared)| (o, n, shared)),
            );
        }
        for &n in &grp.new {
            fresh.extend(
                by_new[n]
                    .iter()
                    .filter(|&&(o, _)| st.old_group[o].is_none())
                    .map(|&(o, shared)| (o, n, shared)),
            );
        }
        for (o, n, shared) in fresh {
            if let Some(g) = gain(st, &sides, (o, n), shared).filter(|&g| g > 0.0) {
                heap.push(Move {
                    gain: g,
                    key: (o, n),
                    shared,
                });
            }
        }
    }
    let mut made: Vec<usize> = sides.into_keys().collect();
    made.sort_unstable();
    for g in made {
        let grp = &mut st.groups[g];
        if grp.old.len() > 1 || grp.new.len() > 1 {
            grp.evidence = Evidence::Contained;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::align::{AlignOptions, Unit, align};

    /// The objective pairs reworded points and merges two points whose words the merged one holds,
    /// and leaves a point that shares nothing.
    #[test]
    fn objective_pairs_and_merges() {
        let old = [
            Unit::body(
                "Russia writes a policy of non-aggression toward Europe and Ukraine into law.",
            ),
            Unit::body("The United States and Russia extend the nuclear arms-control treaties."),
            Unit::body("Ukraine holds elections within 100 days."),
            Unit::body("A grain corridor crosses the Black Sea."),
        ];
        let new = [
            Unit::body("Ukraine holds elections within 100 days of signing."),
            Unit::body(
                "Russia enshrines non-aggression toward Europe in law and extends nuclear arms-control treaties with the United States.",
            ),
        ];
        let opts = AlignOptions {
            objective: true,
            ..AlignOptions::default()
        };
        let a = align(&old, &new, &opts);
        let merged = a.groups.iter().find(|g| g.new == vec![1]).unwrap();
        assert_eq!(merged.old, vec![0, 1]);
        let pair = a.groups.iter().find(|g| g.new == vec![0]).unwrap();
        assert_eq!(pair.old, vec![2]);
        assert!(a.groups.iter().all(|g| !g.old.contains(&3)));
    }
}
