//! A generator of labelled triples for `peaceplan compare`: a base draft from a hand-written corpus,
//! two counter-proposals made from it by known edits chosen per point (kept, reworded lightly or
//! heavily, struck, set aside, merged with the next point, split), points new in one proposal or in
//! both, and the verdict each row must get.
#![allow(dead_code)]

use peaceplan::model::{Deferred, Draft, Point};

use super::pairs::{Lang, corpus, light_reword, sentences};
use super::rng::Rng;

/// What a proposal does with a base point.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Act {
    Keep,
    /// The point's one light rewording (both sides using it write the same text).
    Light,
    /// The corpus's heavy paraphrase.
    Heavy,
    Remove,
    /// Set aside for forum `k`.
    Defer(usize),
    /// Merged with the next base point.
    MergeNext,
    /// The next point, merged into the one before (its text goes there).
    MergedIntoPrevious,
    /// Each sentence a point.
    Split,
}

/// A triple with its truth.
pub struct LabelledTriple {
    pub base: Draft,
    pub a: Draft,
    pub b: Draft,
    /// Each base point's label and the verdict its row must get (`same`, `a_only`, ...).
    pub base_verdicts: Vec<(String, &'static str)>,
    /// Points new in the proposals: the text in A, the text in B, and the row's verdict.
    pub new_points: Vec<(Option<String>, Option<String>, &'static str)>,
}

const FORUMS_EN: &[&str] = &["presidents' meeting", "US-Russia track"];
const FORUMS_UK: &[&str] = &["зустріч президентів", "трек США-Росія"];

/// Whether an act changes the point.
fn changes(a: Act) -> bool {
    a != Act::Keep
}

/// The verdict two acts on one point must give.
fn verdict(a: Act, b: Act) -> &'static str {
    match (changes(a), changes(b)) {
        (false, false) => "same",
        (true, false) => "a_only",
        (false, true) => "b_only",
        (true, true) if a == b => "converged",
        _ => "conflict",
    }
}

/// Builds a triple of a base of `n` points (at most the corpus less three, kept for new points).
pub fn triple(seed: u64, lang: Lang, n: usize) -> LabelledTriple {
    let mut rng = Rng::new(seed ^ 0x7219);
    let corpus = corpus(lang);
    let forums = match lang {
        Lang::En => FORUMS_EN,
        Lang::Uk => FORUMS_UK,
    };
    let mut order: Vec<usize> = (0..corpus.len()).collect();
    rng.shuffle(&mut order);
    let n = n.min(corpus.len() - 3);
    let (used, spare) = order.split_at(n);
    let texts: Vec<&str> = used.iter().map(|&k| corpus[k].0).collect();
    let light: Vec<String> = texts
        .iter()
        .map(|t| light_reword(&mut rng, t, lang))
        .collect();
    let heavy: Vec<&str> = used.iter().map(|&k| corpus[k].1).collect();
    // The acts of each side on each point, drawn by the verdict they are to give.
    let mut acts: Vec<(Act, Act)> = vec![(Act::Keep, Act::Keep); n];
    let mut i = 0;
    while i < n {
        let change = |rng: &mut Rng| -> Act {
            match rng.range(0, 4) {
                0 => Act::Light,
                1 => Act::Heavy,
                2 => Act::Remove,
                3 if sentences(texts[i]).len() >= 2 => Act::Split,
                _ => Act::Defer(rng.below(forums.len())),
            }
        };
        // Now and then a side merges this point with the next (the other keeps both).
        if i + 1 < n && rng.chance(0.08) {
            let merge = (Act::MergeNext, Act::MergedIntoPrevious);
            if rng.chance(0.5) {
                acts[i] = (merge.0, Act::Keep);
                acts[i + 1] = (merge.1, Act::Keep);
            } else {
                acts[i] = (Act::Keep, merge.0);
                acts[i + 1] = (Act::Keep, merge.1);
            }
            i += 2;
            continue;
        }
        acts[i] = match rng.range(0, 9) {
            0..=3 => (Act::Keep, Act::Keep),
            4 => (change(&mut rng), Act::Keep),
            5 => (Act::Keep, change(&mut rng)),
            6 | 7 => match rng.range(0, 3) {
                0 => (Act::Remove, Act::Remove),
                1 => (Act::Heavy, Act::Heavy),
                2 => (Act::Light, Act::Light),
                _ => {
                    let f = rng.below(forums.len());
                    (Act::Defer(f), Act::Defer(f))
                }
            },
            _ => match rng.range(0, 4) {
                0 => (Act::Light, Act::Heavy),
                1 => (Act::Heavy, Act::Light),
                2 => (Act::Remove, Act::Light),
                3 => (Act::Heavy, Act::Remove),
                _ => (Act::Defer(0), Act::Defer(1)),
            },
        };
        i += 1;
    }
    // New points: one both add word for word, one only A adds, one only B adds (some left out).
    let new_text = |k: usize| corpus[spare[k]].0.to_string();
    let mut new_points: Vec<(Option<String>, Option<String>, &'static str)> = Vec::new();
    if rng.chance(0.7) {
        new_points.push((Some(new_text(0)), Some(new_text(0)), "converged"));
    }
    if rng.chance(0.7) {
        new_points.push((Some(new_text(1)), None, "a_only"));
    }
    if rng.chance(0.7) {
        new_points.push((None, Some(new_text(2)), "b_only"));
    }
    let base = Draft {
        points: texts
            .iter()
            .enumerate()
            .map(|(k, t)| Point::new((k + 1).to_string(), *t))
            .collect(),
        ..Draft::default()
    };
    let proposal = |side: usize| -> Draft {
        let mut points: Vec<String> = Vec::new();
        let mut deferred: Vec<Deferred> = Vec::new();
        for k in 0..n {
            let act = if side == 0 { acts[k].0 } else { acts[k].1 };
            match act {
                Act::Keep => points.push(texts[k].to_string()),
                Act::Light => points.push(light[k].clone()),
                Act::Heavy => points.push(heavy[k].to_string()),
                Act::Remove | Act::MergedIntoPrevious => {}
                Act::Defer(f) => {
                    let mut d = Deferred::new(texts[k]);
                    d.forum = Some(forums[f].into());
                    deferred.push(d);
                }
                Act::MergeNext => points.push(format!("{} {}", texts[k], texts[k + 1])),
                Act::Split => points.extend(sentences(texts[k])),
            }
        }
        // A proposal reorders, too: a point or two taken out and put back elsewhere (a moved point
        // is still kept).
        let mut rng = Rng::new(seed.wrapping_mul(31).wrapping_add(side as u64));
        for _ in 0..rng.range(0, 2) {
            if points.len() > 2 {
                let from = rng.below(points.len());
                let p = points.remove(from);
                let to = rng.below(points.len() + 1);
                points.insert(to, p);
            }
        }
        for (in_a, in_b, _) in &new_points {
            if let Some(t) = if side == 0 { in_a } else { in_b } {
                points.push(t.clone());
            }
        }
        let mut d = Draft {
            points: points
                .iter()
                .enumerate()
                .map(|(k, t)| Point::new((k + 1).to_string(), t.as_str()))
                .collect(),
            ..Draft::default()
        };
        d.deferred = deferred;
        d
    };
    let base_verdicts = acts
        .iter()
        .enumerate()
        .map(|(k, &(a, b))| {
            // A merge is a change of both points it joins.
            let norm = |x: Act| {
                if x == Act::MergedIntoPrevious {
                    Act::MergeNext
                } else {
                    x
                }
            };
            ((k + 1).to_string(), verdict(norm(a), norm(b)))
        })
        .collect();
    LabelledTriple {
        a: proposal(0),
        b: proposal(1),
        base,
        base_verdicts,
        new_points,
    }
}
