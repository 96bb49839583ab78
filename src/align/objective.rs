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

use super::features::Corpus;
use super::state::{Edge, State};
use super::{AlignOptions, Evidence, UnitKind};

/// Most units a group takes on its growing side: each move's gain is computed over the group's
/// terms, so a bound on groups bounds the work per move.
const MAX_MEMBERS: usize = 32;

/// A move and its gain, as last computed.
struct Move {
    gain: f64,
    /// (old unit, new unit): a new pair when both are free, else the free one joins the other's
    /// group.
    key: (usize, usize),
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

/// The objective's value for one group, from its two sides' term unions and its extra members'
/// weight.
fn value(c: &Corpus, old: &[usize], new: &[usize], lambda: f64, mu: f64) -> f64 {
    let a = Corpus::union(old.iter().map(|&i| &c.old[i].terms));
    let b = Corpus::union(new.iter().map(|&j| &c.new[j].terms));
    let s = c.shared(&a, &b);
    let extra: f64 = old.iter().skip(1).map(|&i| c.old[i].total).sum::<f64>()
        + new.iter().skip(1).map(|&j| c.new[j].total).sum::<f64>();
    2.0 * (1.0 + lambda) * s - lambda * (c.weight(&a) + c.weight(&b)) - mu * extra
}

/// Body pairs, merges and splits by the objective (see the module docs), over the candidate edges
/// between free body units.
pub(super) fn decide(st: &mut State<'_, '_>, edges: &[Edge], c: &Corpus, opts: &AlignOptions) {
    let t = opts.match_threshold.clamp(0.01, 0.99);
    let lambda = t / (1.0 - t);
    let mu = opts.objective_member_cost;
    let edges: Vec<(usize, usize)> = edges
        .iter()
        .filter(|e| {
            st.old[e.old].kind == UnitKind::Body
                && st.new[e.new].kind == UnitKind::Body
                && st.old_group[e.old].is_none()
                && st.new_group[e.new].is_none()
        })
        .map(|e| (e.old, e.new))
        .collect();
    let mut by_old: Vec<Vec<usize>> = vec![Vec::new(); st.old.len()];
    let mut by_new: Vec<Vec<usize>> = vec![Vec::new(); st.new.len()];
    for &(i, j) in &edges {
        by_old[i].push(j);
        by_new[j].push(i);
    }
    // The gain of a move now, if it is still possible: a pair of two free units, or a free unit
    // joining a group found here that has one unit on the other side.
    let gain = |st: &State<'_, '_>, (i, j): (usize, usize)| -> Option<f64> {
        match (st.old_group[i], st.new_group[j]) {
            (None, None) => Some(value(c, &[i], &[j], lambda, mu)),
            (None, Some(g)) => {
                let grp = &st.groups[g];
                if grp.new.len() != 1
                    || grp.old.len() >= MAX_MEMBERS
                    || grp.evidence != Evidence::Similar
                {
                    return None;
                }
                let mut old = grp.old.clone();
                old.push(i);
                Some(
                    value(c, &old, &grp.new, lambda, mu) - value(c, &grp.old, &grp.new, lambda, mu),
                )
            }
            (Some(g), None) => {
                let grp = &st.groups[g];
                if grp.old.len() != 1
                    || grp.new.len() >= MAX_MEMBERS
                    || grp.evidence != Evidence::Similar
                {
                    return None;
                }
                let mut new = grp.new.clone();
                new.push(j);
                Some(
                    value(c, &grp.old, &new, lambda, mu) - value(c, &grp.old, &grp.new, lambda, mu),
                )
            }
            (Some(_), Some(_)) => None,
        }
    };
    let mut heap: BinaryHeap<Move> = edges
        .iter()
        .filter_map(|&key| {
            let g = gain(st, key)?;
            (g > 0.0).then_some(Move { gain: g, key })
        })
        .collect();
    let mut made: Vec<usize> = Vec::new();
    while let Some(m) = heap.pop() {
        // Gains change as groups grow: a move whose gain changed goes back with its new gain.
        let Some(g) = gain(st, m.key) else {
            continue;
        };
        if g <= 0.0 {
            continue;
        }
        if g.to_bits() != m.gain.to_bits() {
            heap.push(Move {
                gain: g,
                key: m.key,
            });
            continue;
        }
        let (i, j) = m.key;
        let touched = match (st.old_group[i], st.new_group[j]) {
            (None, None) => {
                let sim = super::dice(
                    c.shared(&c.old[i].terms, &c.new[j].terms),
                    c.old[i].total,
                    c.new[j].total,
                );
                let g = st.create(i, j, sim, Evidence::Similar);
                made.push(g);
                g
            }
            (None, Some(g)) => {
                st.add_old(g, i);
                g
            }
            (Some(g), _) => {
                st.add_new(g, j);
                g
            }
        };
        // Free neighbours may now join the changed group.
        let (olds, news) = (
            st.groups[touched].old.clone(),
            st.groups[touched].new.clone(),
        );
        let mut fresh: Vec<(usize, usize)> = Vec::new();
        for &o in &olds {
            fresh.extend(
                by_old[o]
                    .iter()
                    .filter(|&&n| st.new_group[n].is_none())
                    .map(|&n| (o, n)),
            );
        }
        for &n in &news {
            fresh.extend(
                by_new[n]
                    .iter()
                    .filter(|&&o| st.old_group[o].is_none())
                    .map(|&o| (o, n)),
            );
        }
        for key in fresh {
            if let Some(g) = gain(st, key).filter(|&g| g > 0.0) {
                heap.push(Move { gain: g, key });
            }
        }
    }
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
