//! Structure beyond pairs: merges and splits from sentence votes, containment (attach) and covers,
//! and deferral to (or reinstatement from) the deferred list.

use crate::hash::HashMap;

use super::features::{Corpus, Features, dice, share};
use super::state::{Edge, Grouped, Proposal, Side, State, best_first};
use super::{AlignOptions, Evidence, UnitKind};

/// How many of a unit's candidates (the most overlapping) its sentences are compared with.
pub(super) const SENTENCE_CANDIDATES: usize = 8;

/// A merge or split that sentence evidence proposes: (score, (is a split, unit, voted counterparts),
/// no payload), merges before splits at equal scores. A split's unit is old, a merge's new.
pub(super) type SentenceVote = Proposal<(bool, usize, Vec<usize>)>;

/// For each multi-sentence body unit, the counterpart each sentence is clearly contained in; units
/// whose sentences point to several counterparts are proposed as merges (or splits), best first.
pub(super) fn sentence_votes(
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
                // Many sentences: the candidate's terms are marked once and each sentence's terms
                // looked up, so a point of 100,000 sentences costs its own terms per candidate, not
                // the candidate's terms per sentence. (Sums in term order, as `Corpus::shared`.)
                for &t in &side[u].terms {
                    marks[t as usize] = 1;
                }
                sums.extend(sentences.iter().map(|s| {
                    s.terms
                        .iter()
                        .filter(|&&t| marks[t as usize] != 0)
                        .map(|&t| c.idf[t as usize])
                        .sum::<f64>()
                }));
                for &t in &side[u].terms {
                    marks[t as usize] = 0;
                }
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
    let proposals: Vec<SentenceVote> =
        crate::par::map_init(&keys, init, |scratch, &(is_split, u)| {
            let voted = if is_split {
                vote(scratch, &c.old_sentences[u], &best(by_old.of(u)), &c.new)
            } else {
                vote(scratch, &c.new_sentences[u], &best(by_new.of(u)), &c.old)
            };
            voted.map(|(score, others)| Proposal::new(score, (is_split, u, others)))
        })
        .into_iter()
        .flatten()
        .collect();
    best_first(proposals).collect()
}

/// Applies sentence votes (see [`sentence_votes`]), best first, to free counterparts only.
pub(super) fn link_sentences(st: &mut State<'_, '_>, votes: &[SentenceVote]) {
    for v in votes {
        let (is_split, unit, voted) = &v.key;
        st.join(split_side(*is_split), *unit, voted, v.score);
    }
}

/// Applies sentence votes after the one-to-one pairing, as [`link_sentences`] does, except that a
/// split vote whose old point is already paired adds only pieces that [`attach`] would accept: each
/// must mostly come from the old point ([`AlignOptions::piece_threshold`]) and explain its part of
/// it. One sentence sharing a few stock words with another point (NIST's `[Assignment:
/// organization-defined ...]`, a plan's boilerplate) no longer splits a point kept one to one.
/// Merge votes are applied as they are: a source contained sentence by sentence keeps little of its
/// own weight in the merged point, and the generated pairs lose merges when those are gated too.
pub(super) fn extend_by_sentences(
    st: &mut State<'_, '_>,
    votes: &[SentenceVote],
    c: &Corpus,
    opts: &AlignOptions,
) {
    for v in votes {
        let (is_split, unit, voted) = &v.key;
        let side = split_side(*is_split);
        let paired = st.group_of(side, *unit);
        match paired {
            Some(g) if *is_split && st.groups[g].evidence.is_from_content() => {
                for &m in voted {
                    if st.new_group[m].is_none() && split_ok(st, g, m) {
                        let shared = c.shared(&c.old[*unit].terms, &c.new[m].terms);
                        if split_gain(st, c, g, m, shared, opts).is_some() {
                            st.add_new(g, m);
                        }
                    }
                }
            }
            _ => st.join(side, *unit, voted, v.score),
        }
    }
}

/// The sentence votes whose members are not another unit's partner: a member of a merge or split
/// stays only when the voting unit is, by similarity, at least `ratio` as close to it as its best
/// one-to-one counterpart (a short sentence that happens to match a point must not take it from the
/// point it plainly continues). Votes left with one member are dropped.
pub(super) fn unstolen(
    votes: &[SentenceVote],
    edges: &[Edge],
    c: &Corpus,
    ratio: f64,
) -> Vec<SentenceVote> {
    let dice_of = |e: &Edge| dice(e.shared, c.old[e.old].total, c.new[e.new].total);
    // Each unit's best similarity to any counterpart, and each candidate pair's.
    let mut best_old = vec![0.0f64; c.old.len()];
    let mut best_new = vec![0.0f64; c.new.len()];
    let mut pair: HashMap<(usize, usize), f64> = HashMap::default();
    for e in edges {
        let d = dice_of(e);
        best_old[e.old] = best_old[e.old].max(d);
        best_new[e.new] = best_new[e.new].max(d);
        pair.insert((e.old, e.new), d);
    }
    votes
        .iter()
        .filter_map(|v| {
            let (is_split, unit, members) = &v.key;
            let kept: Vec<usize> = members
                .iter()
                .copied()
                .filter(|&m| {
                    let (d, best) = if *is_split {
                        (pair.get(&(*unit, m)), best_new[m])
                    } else {
                        (pair.get(&(m, *unit)), best_old[m])
                    };
                    d.copied().unwrap_or(0.0) >= ratio * best
                })
                .collect();
            (kept.len() >= 2).then(|| Proposal::new(v.score, (*is_split, *unit, kept)))
        })
        .collect()
}

/// For each old body point in no group, in order, the new body points with the largest shares of its
/// weight among its candidates, best first (ties to the earlier point): at most `max_candidates`,
/// each at least `candidate_floor`. Points with none are left out.
pub(super) fn leftover_candidates(
    st: &State<'_, '_>,
    edges: &[Edge],
    c: &Corpus,
    opts: &AlignOptions,
) -> Vec<(usize, Vec<(usize, f64)>)> {
    let wanted: Vec<bool> = (0..st.old.len())
        .map(|i| st.old_group[i].is_none() && st.old[i].kind == UnitKind::Body)
        .collect();
    if opts.max_candidates == 0 || !wanted.contains(&true) {
        return Vec::new();
    }
    let by_old = Grouped::new(
        st.old.len(),
        edges
            .iter()
            .filter(|e| wanted[e.old] && st.new[e.new].kind == UnitKind::Body)
            .map(|e| (e.old, (e.new, share(e.shared, c.old[e.old].total)))),
    );
    (0..st.old.len())
        .filter(|&i| wanted[i])
        .filter_map(|i| {
            let mut found: Vec<(usize, f64)> = by_old
                .of(i)
                .iter()
                .copied()
                .filter(|&(_, s)| s >= opts.candidate_floor)
                .collect();
            found.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            found.truncate(opts.max_candidates);
            (!found.is_empty()).then_some((i, found))
        })
        .collect()
}

/// Grows groups: a free old unit joins a group with one new unit (a merge) when it explains enough of
/// that unit that the group does not already explain; a free new unit joins a group with one old unit
/// (a split) likewise.
pub(super) fn attach(st: &mut State<'_, '_>, edges: &[Edge], c: &Corpus, opts: &AlignOptions) {
    // (score, (is a split, free unit, group), weight the unit shares with the group's lone
    // counterpart), proposed in parallel over chunks of the edges; merges before splits at equal
    // scores.
    let propose = |e: &Edge| match (st.old_group[e.old], st.new_group[e.new]) {
        (None, Some(g)) if merge_ok(st, g, e.old) => merge_gain(st, c, g, e.old, e.shared, opts)
            .map(|score| Proposal {
                score,
                key: (false, e.old, g),
                payload: e.shared,
            }),
        (Some(g), None) if split_ok(st, g, e.new) => split_gain(st, c, g, e.new, e.shared, opts)
            .map(|score| Proposal {
                score,
                key: (true, e.new, g),
                payload: e.shared,
            }),
        _ => None,
    };
    let chunks: Vec<&[Edge]> = edges.chunks(4096).collect();
    let proposals: Vec<Proposal<(bool, usize, usize), f64>> =
        crate::par::map_chunks(&chunks, |chunk| {
            chunk.iter().filter_map(propose).collect::<Vec<_>>()
        })
        .into_iter()
        .flatten()
        .collect();
    for Proposal {
        key: (is_split, unit, g),
        payload: shared,
        ..
    } in best_first(proposals)
    {
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

pub(super) fn merge_ok(st: &State<'_, '_>, g: usize, old: usize) -> bool {
    let grp = &st.groups[g];
    grp.new.len() == 1
        && grp.evidence != Evidence::Exact
        && st.old[grp.old[0]].kind == st.old[old].kind
        && !(st.old[old].kind == UnitKind::Deferred
            && st.new[grp.new[0]].kind == UnitKind::Deferred)
}

pub(super) fn split_ok(st: &State<'_, '_>, g: usize, new: usize) -> bool {
    let grp = &st.groups[g];
    grp.old.len() == 1
        && grp.evidence != Evidence::Exact
        && st.new[grp.new[0]].kind == st.new[new].kind
        && st.new[new].kind == UnitKind::Body
        && st.old[grp.old[0]].kind == UnitKind::Body
}

/// How much of the group's new unit `old` explains beyond the group's other sources, if enough.
/// `shared` is the weight `old` shares with that unit (the group has one new unit: see [`merge_ok`]).
pub(super) fn merge_gain(
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
pub(super) fn split_gain(
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

/// Folds points into broader ones: each old body point still free joins the group of the new body
/// point that holds the largest share of its weight (ties to the more similar point, then the
/// earlier), when that share is at least [`AlignOptions::absorb_threshold`] and the new point
/// already continues other old points from their content. Such a point adds few words of its own to
/// the merged point, so [`attach`] does not take it.
pub(super) fn absorb(st: &mut State<'_, '_>, edges: &[Edge], c: &Corpus, opts: &AlignOptions) {
    // For each free old body point: (share of it, similarity, share of the counterpart,
    // counterpart) of its best counterpart.
    let mut best: Vec<Option<(f64, f64, f64, usize)>> = vec![None; st.old.len()];
    for e in edges {
        if st.old_group[e.old].is_some()
            || st.old[e.old].kind != UnitKind::Body
            || st.new[e.new].kind != UnitKind::Body
        {
            continue;
        }
        let (wo, wn) = (c.old[e.old].total, c.new[e.new].total);
        let found = (
            share(e.shared, wo),
            dice(e.shared, wo, wn),
            share(e.shared, wn),
            e.new,
        );
        let better = best[e.old].is_none_or(|b| {
            found
                .0
                .total_cmp(&b.0)
                .then(found.1.total_cmp(&b.1))
                .then(b.3.cmp(&found.3))
                .is_gt()
        });
        if better {
            best[e.old] = Some(found);
        }
    }
    // The terms each group's old points bring, kept as points join: found once per group and
    // looked up per candidate, so that many short points folded into one huge point cost their own
    // terms, not the huge point's each time.
    let mut brought: HashMap<usize, crate::hash::HashSet<u32>> = HashMap::default();
    for (i, found) in best.into_iter().enumerate() {
        let Some((gist, _, part, j)) = found else {
            continue;
        };
        if gist < opts.absorb_threshold || part > opts.absorb_breadth {
            continue;
        }
        let Some(g) = st.new_group[j] else {
            continue;
        };
        if !(st.groups[g].evidence.is_from_content() && merge_ok(st, g, i)) {
            continue;
        }
        let covered = brought.entry(g).or_insert_with(|| {
            st.groups[g]
                .old
                .iter()
                .flat_map(|&k| c.old[k].terms.iter().copied())
                .collect()
        });
        // It must bring a telling word of its own: a point whose words the group's sources
        // already bring is another point on the same topic, not a part of this one.
        let target = &c.new[j].terms;
        let own = c.old[i]
            .terms
            .iter()
            .any(|&t| c.is_telling(t) && !covered.contains(&t) && target.binary_search(&t).is_ok());
        if own {
            st.add_old(g, i);
            covered.extend(c.old[i].terms.iter().copied());
        }
    }
}

/// Finds groups for units that no pair reached: each free body unit is covered greedily by free
/// counterparts (each adding enough), and the cover is kept when it explains enough of the unit.
pub(super) fn cover(st: &mut State<'_, '_>, edges: &[Edge], c: &Corpus, opts: &AlignOptions) {
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
    // (coverage, (is a split, unit, counterparts)): merges before splits at equal coverage.
    let mut proposals: Vec<Proposal<(bool, usize, Vec<usize>)>> = Vec::new();
    for (&j, free) in &new_edges {
        if let Some((coverage, set)) = greedy_cover(c, &c.new[j], free, Side::Old, opts) {
            proposals.push(Proposal::new(coverage, (false, j, set)));
        }
    }
    for (&i, free) in &old_edges {
        if let Some((coverage, set)) = greedy_cover(c, &c.old[i], free, Side::New, opts) {
            if set.len() > 1 {
                proposals.push(Proposal::new(coverage, (true, i, set)));
            }
        }
    }
    for Proposal {
        score: coverage,
        key: (is_split, unit, set),
        ..
    } in best_first(proposals)
    {
        let side = split_side(is_split);
        let all_free = st.group_of(side, unit).is_none()
            && set.iter().all(|&u| st.group_of(side.other(), u).is_none());
        if all_free {
            st.create_group(side, unit, &set, coverage, Evidence::Contained);
        }
    }
}

/// The side of the unit a merge or split proposal is about: a split's is the old point, a merge's the
/// new one.
fn split_side(is_split: bool) -> Side {
    if is_split { Side::Old } else { Side::New }
}

/// Greedily picks counterparts of `target` (units of `side`) that each add at least `part_threshold`
/// of it; returns the coverage and the picks when the cover is good enough.
pub(super) fn greedy_cover(
    c: &Corpus,
    target: &Features,
    free: &[usize],
    side: Side,
    opts: &AlignOptions,
) -> Option<(f64, Vec<usize>)> {
    let feats = |u: usize| match side {
        Side::Old => &c.old[u],
        Side::New => &c.new[u],
    };
    // Merge sources need only keep their gist; split pieces must mostly come from the target.
    let need = match side {
        Side::Old => opts.gist_threshold,
        Side::New => opts.piece_threshold,
    };
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
            if own < need.max(opts.cover_member_threshold) {
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
pub(super) fn attach_deferred(
    st: &mut State<'_, '_>,
    edges: &[Edge],
    c: &Corpus,
    opts: &AlignOptions,
) {
    let mut proposals: Vec<Proposal<(usize, usize)>> = Vec::new();
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
            proposals.push(Proposal::new(topic, (e.old, e.new)));
        }
    }
    for Proposal {
        score: topic,
        key: (i, j),
        ..
    } in best_first(proposals)
    {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::Unit;
    use crate::align::features::Corpus;

    /// A point made of two others is covered by both, each adding its own part; a third that adds
    /// nothing the cover lacks is left out.
    #[test]
    fn greedy_cover_takes_sources_that_each_add_their_part() {
        let old = [
            Unit::body("ukraine holds elections within hundred days after signing"),
            Unit::body("russia withdraws troops from zaporizhzhia region completely"),
            Unit::body("ukraine holds elections"),
        ];
        let new = [Unit::body(
            "ukraine holds elections within hundred days after signing; russia withdraws troops \
             from zaporizhzhia region completely",
        )];
        let c = Corpus::new(&old, &new, &[]);
        let opts = AlignOptions::default();
        let (coverage, picked) =
            greedy_cover(&c, &c.new[0], &[0, 1, 2], Side::Old, &opts).expect("a cover");
        assert_eq!(picked, vec![0, 1]);
        assert!(coverage > 0.9, "{coverage}");
        // One source alone covers half: not enough for a cover of one.
        let half = greedy_cover(&c, &c.new[0], &[1], Side::Old, &opts);
        assert!(half.as_ref().is_none_or(|(cov, _)| *cov < 0.6), "{half:?}");
    }

    /// Body points whose words hold a deferred topic line go with it: the first by the defer
    /// threshold, the next only by the (higher) group threshold.
    #[test]
    fn points_set_aside_under_one_topic_line() {
        let old = [
            Unit::body("the line of contact in donetsk region is frozen"),
            Unit::body("crimea and donetsk region are recognised de facto"),
            Unit::body("amnesty for all parties"),
        ];
        let new = [Unit::deferred("donetsk region")];
        let c = Corpus::new(&old, &new, &[]);
        let mut st = State::new(&old, &new);
        let edges: Vec<Edge> = (0..3)
            .map(|i| Edge {
                old: i,
                new: 0,
                shared: c.shared(&c.old[i].terms, &c.new[0].terms),
            })
            .collect();
        attach_deferred(&mut st, &edges, &c, &AlignOptions::default());
        assert_eq!(st.groups.len(), 1);
        assert_eq!(st.groups[0].old, vec![0, 1]);
        assert_eq!(st.groups[0].new, vec![0]);
        assert_eq!(st.old_group[2], None);
        assert_eq!(split_side(true), Side::Old);
        assert_eq!(split_side(false), Side::New);
    }
}
