//! The aligner's working state: which group each unit is in, the groups, candidate edges, and the
//! greedy application of proposals that every step shares.

use super::{Evidence, Group, Unit};

pub(super) struct Edge {
    pub(super) old: usize,
    pub(super) new: usize,
    pub(super) shared: f64,
}

pub(super) struct State<'u, 'a> {
    pub(super) old: &'u [Unit<'a>],
    pub(super) new: &'u [Unit<'a>],
    pub(super) old_group: Vec<Option<usize>>,
    pub(super) new_group: Vec<Option<usize>>,
    pub(super) groups: Vec<Group>,
}

impl<'u, 'a> State<'u, 'a> {
    /// Every unit free, no group yet.
    pub(super) fn new(old: &'u [Unit<'a>], new: &'u [Unit<'a>]) -> Self {
        State {
            old,
            new,
            old_group: vec![None; old.len()],
            new_group: vec![None; new.len()],
            // Nearly every unit of the larger side ends up in a group of its own.
            groups: Vec::with_capacity(old.len().max(new.len())),
        }
    }

    pub(super) fn create(
        &mut self,
        old: usize,
        new: usize,
        score: f64,
        evidence: Evidence,
    ) -> usize {
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

    pub(super) fn add_old(&mut self, g: usize, old: usize) {
        self.groups[g].old.push(old);
        self.old_group[old] = Some(g);
    }

    pub(super) fn add_new(&mut self, g: usize, new: usize) {
        self.groups[g].new.push(new);
        self.new_group[new] = Some(g);
    }

    /// The group a unit of `side` is in, if any.
    pub(super) fn group_of(&self, side: Side, unit: usize) -> Option<usize> {
        match side {
            Side::Old => self.old_group[unit],
            Side::New => self.new_group[unit],
        }
    }

    /// A new group of `unit` (on `side`) and the units of `others` (on the other side).
    pub(super) fn create_group(
        &mut self,
        side: Side,
        unit: usize,
        others: &[usize],
        score: f64,
        evidence: Evidence,
    ) {
        let Some((&first, rest)) = others.split_first() else {
            return;
        };
        let g = match side {
            Side::Old => self.create(unit, first, score, evidence),
            Side::New => self.create(first, unit, score, evidence),
        };
        for &u in rest {
            self.add(side.other(), g, u);
        }
    }

    /// Adds `unit` of `side` to group `g`.
    pub(super) fn add(&mut self, side: Side, g: usize, unit: usize) {
        match side {
            Side::Old => self.add_old(g, unit),
            Side::New => self.add_new(g, unit),
        }
    }

    /// Joins `unit` (on `side`) with the free ones of `many` on the other side: a new group when
    /// `unit` is free and at least two are, or more members for the group `unit` already leads alone
    /// on its side (found by content, not by id or exact text).
    pub(super) fn join(&mut self, side: Side, unit: usize, many: &[usize], score: f64) {
        let other = side.other();
        let free: Vec<usize> = many
            .iter()
            .copied()
            .filter(|&u| self.group_of(other, u).is_none())
            .collect();
        match self.group_of(side, unit) {
            None if free.len() >= 2 => {
                self.create_group(side, unit, &free, score, Evidence::Contained);
            }
            Some(g) if !free.is_empty() && self.groups[g].evidence.is_from_content() => {
                let leads_alone = match side {
                    Side::Old => self.groups[g].old.len() == 1,
                    Side::New => self.groups[g].new.len() == 1,
                };
                if leads_alone {
                    for u in free {
                        self.add(other, g, u);
                    }
                }
            }
            _ => {}
        }
    }
}

/// Which draft a unit belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Side {
    /// The old draft.
    Old,
    /// The new draft.
    New,
}

impl Side {
    /// The other draft.
    pub(super) fn other(self) -> Side {
        match self {
            Side::Old => Side::New,
            Side::New => Side::Old,
        }
    }
}

/// One step's proposal: a score (higher first), a key that breaks ties (smaller first, so that the
/// order depends on neither threads nor hashing) and identifies what is proposed, and what else the
/// step needs to apply it.
#[derive(Debug, Clone)]
pub(super) struct Proposal<K, P = ()> {
    pub(super) score: f64,
    pub(super) key: K,
    pub(super) payload: P,
}

impl<K> Proposal<K> {
    /// A proposal with nothing beside its key.
    pub(super) fn new(score: f64, key: K) -> Self {
        Proposal {
            score,
            key,
            payload: (),
        }
    }
}

/// The greedy application every step shares: its proposals best first, for the step to accept or
/// pass over one by one as the state changes.
pub(super) fn best_first<K: Ord, P>(
    mut proposals: Vec<Proposal<K, P>>,
) -> impl Iterator<Item = Proposal<K, P>> {
    proposals.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.key.cmp(&b.key)));
    proposals.into_iter()
}

/// Old then new units already matched by id or exact text: their similarity is never asked again.
pub(super) fn settled(st: &State<'_, '_>) -> Vec<bool> {
    let done = |g: Option<usize>| {
        g.is_some_and(|g| matches!(st.groups[g].evidence, Evidence::Id | Evidence::Exact))
    };
    st.old_group
        .iter()
        .chain(&st.new_group)
        .map(|&g| done(g))
        .collect()
}

/// Items grouped by a key in `0..n`, in one flat list (a counting sort), in input order per key.
pub(super) struct Grouped<T> {
    start: Vec<usize>,
    items: Vec<T>,
}

impl<T: Copy + Default> Grouped<T> {
    pub(super) fn new(n: usize, keyed: impl Iterator<Item = (usize, T)> + Clone) -> Self {
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

    pub(super) fn of(&self, k: usize) -> &[T] {
        &self.items[self.start[k]..self.start[k + 1]]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Best first, ties to the smaller key, whatever order the proposals came in.
    #[test]
    fn best_first_orders_by_score_then_key() {
        let p = vec![
            Proposal::new(0.5, (2, 0)),
            Proposal::new(0.9, (3, 1)),
            Proposal::new(0.5, (1, 7)),
            Proposal::new(0.9, (0, 4)),
        ];
        let keys: Vec<(usize, usize)> = best_first(p).map(|p| p.key).collect();
        assert_eq!(keys, vec![(0, 4), (3, 1), (1, 7), (2, 0)]);
    }

    /// Joining from either side builds the same group; a group grows only from a unit that leads
    /// it alone on its side, and never takes a unit already grouped.
    #[test]
    fn join_from_either_side() {
        let units = [Unit::body("a"), Unit::body("b"), Unit::body("c")];
        let mut st = State::new(&units, &units);
        st.join(Side::New, 0, &[0, 1], 0.7);
        assert_eq!(
            (st.groups[0].old.clone(), st.groups[0].new.clone()),
            (vec![0, 1], vec![0])
        );
        assert_eq!(st.groups[0].evidence, Evidence::Contained);
        // One free counterpart is no merge.
        st.join(Side::Old, 2, &[0, 2], 0.7);
        assert_eq!(st.groups.len(), 1);
        // New unit 1 joins old unit 2's group only once that group exists; unit 0 is taken.
        let g = st.create(2, 2, 0.5, Evidence::Similar);
        st.join(Side::Old, 2, &[0, 1], 0.6);
        assert_eq!(st.groups[g].new, vec![2, 1]);
        assert_eq!(st.group_of(Side::New, 1), Some(g));
        assert_eq!(Side::Old.other(), Side::New);
    }

    /// A declared or exact group does not grow.
    #[test]
    fn exact_groups_do_not_grow() {
        let units = [Unit::body("a"), Unit::body("b")];
        let mut st = State::new(&units, &units);
        st.create(0, 0, 1.0, Evidence::Exact);
        st.join(Side::Old, 0, &[1], 0.9);
        assert_eq!(st.groups[0].new, vec![0]);
        assert_eq!(settled(&st), vec![true, false, true, false]);
    }

    #[test]
    fn grouped_keeps_input_order_per_key() {
        let g = Grouped::new(3, [(2, 'a'), (0, 'b'), (2, 'c')].into_iter());
        assert_eq!(g.of(0), &['b']);
        assert!(g.of(1).is_empty());
        assert_eq!(g.of(2), &['a', 'c']);
    }
}
