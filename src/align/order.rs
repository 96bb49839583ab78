//! Order: anchors (kept points in order), pairs in the gaps between them, weak moves undone, moves
//! marked by a longest increasing subsequence.

use super::features::{Corpus, dice};
use super::state::{Proposal, State, best_first};
use super::{AlignOptions, Evidence, Group, UnitKind};

/// Kept body groups in new order whose old positions increase: the anchors that gaps lie between.
pub(super) fn anchors(st: &State<'_, '_>) -> Vec<(usize, usize)> {
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
pub(super) fn by_first_new<'s>(st: &'s State<'_, '_>) -> impl Iterator<Item = (usize, usize)> + 's {
    st.new_group.iter().enumerate().filter_map(|(j, g)| {
        let gi = (*g)?;
        (st.groups[gi].new.iter().min() == Some(&j)).then_some((j, gi))
    })
}

/// Pairs unmatched body points that lie in the same gap between two anchors in both drafts, best pair
/// first, when their similarity reaches `gap_threshold`.
pub(super) fn fill_gaps(st: &mut State<'_, '_>, c: &Corpus, opts: &AlignOptions) {
    let anchors = anchors(st);
    let body_old = st.old.iter().filter(|u| u.kind == UnitKind::Body).count();
    let body_new = st.new.iter().filter(|u| u.kind == UnitKind::Body).count();
    // Gap k lies after anchor k-1 and before anchor k (with sentinels at both ends).
    let mut bounds: Vec<(isize, isize)> = vec![(-1, -1)];
    bounds.extend(anchors.iter().map(|&(o, n)| (o as isize, n as isize)));
    bounds.push((body_old as isize, body_new as isize));
    let mut proposals: Vec<Proposal<(usize, usize)>> = Vec::new();
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
                    proposals.push(Proposal::new(sim, (i, j)));
                }
            }
        }
    }
    for Proposal {
        score: sim,
        key: (i, j),
        ..
    } in best_first(proposals)
    {
        if st.old_group[i].is_none() && st.new_group[j].is_none() {
            st.create(i, j, sim, Evidence::Similar);
        }
    }
}

/// Undoes weak groups that are out of order; returns whether any was undone.
pub(super) fn dissolve_weak_moves(st: &mut State<'_, '_>, c: &Corpus, opts: &AlignOptions) -> bool {
    let mut any = false;
    for (gi, in_order) in in_order(st) {
        let g = &st.groups[gi];
        if in_order || !g.evidence.is_from_content() {
            continue;
        }
        // A title that names both points is evidence enough, however far the point moved.
        let named = opts.title_bonus > 0.0
            && g.old.len() == 1
            && g.new.len() == 1
            && c.same_title(g.old[0], g.new[0]);
        if named || c.group_score(g) >= opts.move_threshold {
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
pub(super) fn mark_moves(st: &mut State<'_, '_>) {
    for (gi, in_order) in in_order(st) {
        st.groups[gi].moved = !in_order;
    }
}

/// The groups with one old unit and only body units, in order of their first new unit, each with
/// whether it lies on a longest increasing subsequence of their old units (in order with the others).
/// A merged point has no single old position to be out of order with.
pub(super) fn in_order(st: &State<'_, '_>) -> Vec<(usize, bool)> {
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
}
