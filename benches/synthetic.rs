//! A generator of synthetic draft pairs for benchmarks, shared by `benches/diff.rs` and
//! `examples/synthetic_pair.rs`. Its includer declares `tests/support/rng.rs` as the module `rng`.

use peaceplan::{Draft, Point};

use super::rng::Rng;

/// A synthetic pair of `n`-point drafts: 1-3 sentences a point over a 5,000-word vocabulary; about 20%
/// of points reworded, and a few percent removed, merged, split, moved and added.
#[allow(dead_code)]
pub fn synthetic_pair(n: usize, seed: u64) -> (Draft, Draft) {
    let (old, new, _) = labelled_pair(n, seed);
    (old, new)
}

/// [`synthetic_pair`] with the truth: every (old index, new index) pair of points that correspond
/// (kept, reworded, merged or split), sorted.
pub fn labelled_pair(n: usize, seed: u64) -> (Draft, Draft, Vec<(usize, usize)>) {
    let mut rng = Rng::from_state(seed);
    let vocab = vocabulary();
    let texts = base_texts(&mut rng, &vocab, n);
    let old = numbered(&texts);
    let (new, truth) = revised(&mut rng, &vocab, &texts);
    (old, new, truth)
}

/// A base of `n` synthetic points and `k` proposals, each revised from it as [`synthetic_pair`]'s
/// new draft is (each with its own random edits).
#[allow(dead_code)]
pub fn synthetic_proposals(n: usize, k: usize, seed: u64) -> (Draft, Vec<Draft>) {
    let mut rng = Rng::from_state(seed);
    let vocab = vocabulary();
    let texts = base_texts(&mut rng, &vocab, n);
    let proposals = (0..k as u64)
        .map(|j| revised(&mut Rng::new(seed ^ (j + 1)), &vocab, &texts).0)
        .collect();
    (numbered(&texts), proposals)
}

/// The synthetic words: 5,000 of them.
fn vocabulary() -> Vec<String> {
    (0..5000).map(|i| format!("w{i:x}q{}", i % 7)).collect()
}

/// A sentence of 8 to 19 words of `vocab`.
fn sentence(rng: &mut Rng, vocab: &[String]) -> String {
    let len = 8 + rng.below(12);
    let words: Vec<&str> = (0..len)
        .map(|_| vocab[rng.below(vocab.len())].as_str())
        .collect();
    format!("{}.", words.join(" "))
}

/// `n` texts of one to three sentences.
fn base_texts(rng: &mut Rng, vocab: &[String], n: usize) -> Vec<String> {
    (0..n)
        .map(|_| {
            let k = 1 + rng.below(3);
            (0..k)
                .map(|_| sentence(rng, vocab))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// A draft of `texts` numbered 1, 2, ...
fn numbered(texts: &[String]) -> Draft {
    Draft {
        points: texts
            .iter()
            .enumerate()
            .map(|(i, t)| Point::new((i + 1).to_string(), t))
            .collect(),
        ..Draft::default()
    }
}

/// A revision of `texts`: about 20% of points reworded, a few percent removed, merged, split, moved
/// and added; with the truth (old index, new index) of every correspondence.
fn revised(rng: &mut Rng, vocab: &[String], texts: &[String]) -> (Draft, Vec<(usize, usize)>) {
    let n = texts.len();
    let mut new_texts: Vec<String> = Vec::with_capacity(n);
    // The old points each new point comes from (none for an added one).
    let mut sources: Vec<Vec<usize>> = Vec::with_capacity(n);
    let mut i = 0;
    while i < n {
        let roll = rng.below(100);
        let t = &texts[i];
        match roll {
            0..=2 => {}
            3..=4 if i + 1 < n => {
                new_texts.push(format!("{t} {}", texts[i + 1]));
                sources.push(vec![i, i + 1]);
                i += 1;
            }
            5..=6 => {
                for s in t.split_inclusive(". ") {
                    new_texts.push(s.trim().to_string());
                    sources.push(vec![i]);
                }
            }
            7..=26 => {
                let mut words: Vec<String> = t.split(' ').map(str::to_string).collect();
                for _ in 0..3 {
                    let k = rng.below(words.len());
                    words[k] = vocab[rng.below(vocab.len())].clone();
                }
                new_texts.push(words.join(" "));
                sources.push(vec![i]);
            }
            _ => {
                new_texts.push(t.clone());
                sources.push(vec![i]);
            }
        }
        if rng.below(100) < 3 {
            new_texts.push(sentence(rng, vocab));
            sources.push(Vec::new());
        }
        i += 1;
    }
    for _ in 0..n / 100 {
        let a = rng.below(new_texts.len());
        let b = rng.below(new_texts.len());
        let moved = new_texts.remove(a);
        new_texts.insert(b, moved);
        let moved = sources.remove(a);
        sources.insert(b, moved);
    }
    let new = numbered(&new_texts);
    let mut truth: Vec<(usize, usize)> = sources
        .iter()
        .enumerate()
        .flat_map(|(j, from)| from.iter().map(move |&i| (i, j)))
        .collect();
    truth.sort_unstable();
    (new, truth)
}

/// `draft` with each sentence of each point starting with a capital, as real drafts write them. A
/// copy pasted out of a PDF viewer is read by that: a bare number followed by lower case
/// (`Article 5 of the Treaty`) is a mention, not a point (docs/FORMAT.md).
#[allow(dead_code)]
pub fn capitalised(draft: &Draft) -> Draft {
    let mut out = draft.clone();
    for p in &mut out.points {
        let mut text = String::with_capacity(p.text.len());
        let mut start = true;
        for c in p.text.chars() {
            if start && c.is_alphabetic() {
                text.extend(c.to_uppercase());
                start = false;
            } else {
                text.push(c);
                start = start || c == '.';
            }
        }
        p.text = text;
    }
    out
}
