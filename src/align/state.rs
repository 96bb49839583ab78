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
