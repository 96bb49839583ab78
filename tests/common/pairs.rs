//! A generator of labelled draft pairs: an old draft built from a hand-written corpus, a new draft made
//! from it by known edits (reword, remove, merge, split, defer, move, add, reinstate), and the truth.
#![allow(dead_code)]

use std::collections::BTreeSet;

use peaceplan::ChangeKind;
use peaceplan::model::{Deferred, Draft, Point};

use super::corpus_en::EN;
use super::corpus_uk::UK;

pub use super::rng::Rng;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    En,
    Uk,
}

/// One expected change: kind, old labels, new labels.
pub type Truth = (ChangeKind, BTreeSet<String>, BTreeSet<String>);

/// The truth about the deferred list's own changes: `list unchanged` (perhaps for another forum),
/// `list reworded`, `list removed` (dropped from the list), with old and new names.
pub type ListTruth = (&'static str, BTreeSet<String>, BTreeSet<String>);

pub struct LabelledPair {
    pub old: Draft,
    pub new: Draft,
    pub truth: Vec<Truth>,
    /// The deferred list's own changes.
    pub list_truth: Vec<ListTruth>,
    /// Old labels of the points that moved.
    pub moved: BTreeSet<String>,
    /// Removed points whose topic a broader new point now mentions in a few of their words (old
    /// label, new label): reclassified, too weakly to be told from words. The truth calls them
    /// removed; the diff should name the broader point among their nearest.
    pub reclassified: Vec<(String, String)>,
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Fate {
    Keep,
    Reword,
    Remove,
    Merge(usize),
    Split,
    Defer,
}

const FORUMS_EN: &[&str] = &[
    "presidents' meeting",
    "security-guarantees framework",
    "US-Russia track",
];
const FORUMS_UK: &[&str] = &["зустріч президентів", "рамкова угода про гарантії безпеки"];

const SYN_EN: &[(&str, &str)] = &[
    ("receives", "obtains"),
    ("agrees", "consents"),
    ("agreement", "accord"),
    ("reliable", "robust"),
    ("confirmed", "affirmed"),
    ("established", "created"),
    ("expected", "required"),
    ("partners", "allies"),
    ("conclude", "sign"),
    ("immediately", "at once"),
    ("supervision", "oversight"),
    ("protected", "safeguarded"),
    ("future", "years ahead"),
    ("all", "every one of the"),
    ("is", "shall be"),
    ("are", "shall be"),
];

const SYN_UK: &[(&str, &str)] = &[
    ("отримує", "одержує"),
    ("погоджується", "згоджується"),
    ("угоду", "домовленість"),
    ("надійні", "міцні"),
    ("підтверджується", "засвідчується"),
    ("створюється", "утворюється"),
    ("партнерів", "союзників"),
    ("сторони", "учасники"),
    ("захищаються", "охороняються"),
    ("майбутньому", "подальшому"),
];

/// Cyrillic ending swaps that imitate a change of grammatical case.
const ENDINGS_UK: &[(&str, &str)] = &[
    ("ами", "ах"),
    ("ого", "ому"),
    ("ої", "ою"),
    ("ів", "ам"),
    ("ія", "ії"),
    ("ії", "ію"),
    ("а", "и"),
    ("и", "ам"),
    ("ь", "і"),
    ("я", "ю"),
    ("і", "ей"),
];

/// The hand-written corpus of a language: (full text, heavy paraphrase, condensed gist, topic line).
pub fn corpus(lang: Lang) -> &'static [(&'static str, &'static str, &'static str, &'static str)] {
    match lang {
        Lang::En => EN,
        Lang::Uk => UK,
    }
}

/// The sentences of a text (split after `. `).
pub fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (k, &c) in chars.iter().enumerate() {
        cur.push(c);
        if c == '.' && chars.get(k + 1) == Some(&' ') {
            out.push(cur.trim().to_string());
            cur.clear();
        }
    }
    if !cur.trim().is_empty() {
        out.push(cur.trim().to_string());
    }
    out
}

/// A light edit: a synonym, a changed figure, a dropped clause, a changed word form or an inserted
/// qualifier. Always changes the text.
pub fn light_reword(rng: &mut Rng, text: &str, lang: Lang) -> String {
    let ops = rng.range(1, 2);
    let mut t = text.to_string();
    for _ in 0..ops {
        let before = t.clone();
        for _attempt in 0..6 {
            match rng.range(0, 4) {
                0 => t = synonym(rng, &t, lang),
                1 => t = change_figure(rng, &t),
                2 => t = drop_clause(&t),
                3 if lang == Lang::Uk => t = inflect(rng, &t, 2),
                _ => t = qualifier(rng, &t, lang),
            }
            if t != before {
                break;
            }
        }
    }
    if t == text {
        t = qualifier(rng, &t, lang);
    }
    t
}

fn synonym(rng: &mut Rng, t: &str, lang: Lang) -> String {
    let table = if lang == Lang::En { SYN_EN } else { SYN_UK };
    let present: Vec<&(&str, &str)> = table
        .iter()
        .filter(|(a, _)| {
            t.split(' ')
                .any(|w| w.trim_matches(|c: char| !c.is_alphanumeric()) == *a)
        })
        .collect();
    if present.is_empty() {
        return t.to_string();
    }
    let (a, b) = **rng.pick(&present);
    t.split(' ')
        .map(|w| {
            if w.trim_matches(|c: char| !c.is_alphanumeric()) == a {
                w.replacen(a, b, 1)
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn change_figure(rng: &mut Rng, t: &str) -> String {
    let words: Vec<&str> = t.split(' ').collect();
    let figs: Vec<usize> = (0..words.len())
        .filter(|&k| words[k].chars().next().is_some_and(|c| c.is_ascii_digit()))
        .collect();
    if figs.is_empty() {
        return t.to_string();
    }
    let k = *rng.pick(&figs);
    let w = words[k];
    let digits: String = w
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ',' || *c == ' ')
        .collect();
    let rest = &w[digits.len()..];
    let replacement = match digits.as_str() {
        "600,000" => "800,000",
        "100" => "60",
        _ => "150",
    };
    let mut out: Vec<String> = words.iter().map(|s| s.to_string()).collect();
    out[k] = format!("{replacement}{rest}");
    out.join(" ")
}

fn drop_clause(t: &str) -> String {
    match t.rfind(", ") {
        Some(p) if p * 10 >= t.len() * 6 => format!("{}.", &t[..p]),
        _ => t.to_string(),
    }
}

fn qualifier(rng: &mut Rng, t: &str, lang: Lang) -> String {
    let q = match lang {
        Lang::En => *rng.pick(&["in full", "without delay", "as a matter of priority"]),
        Lang::Uk => *rng.pick(&["у повному обсязі", "без зволікань", "першочергово"]),
    };
    match t.strip_suffix('.') {
        Some(body) => format!("{body} {q}."),
        None => format!("{t} {q}"),
    }
}

/// Changes the endings of up to `n` words longer than five letters.
pub fn inflect(rng: &mut Rng, t: &str, n: usize) -> String {
    let mut words: Vec<String> = t.split(' ').map(str::to_string).collect();
    let mut idx: Vec<usize> = (0..words.len())
        .filter(|&k| words[k].chars().filter(|c| c.is_alphabetic()).count() > 5)
        .collect();
    rng.shuffle(&mut idx);
    let mut done = 0;
    for k in idx {
        if done == n {
            break;
        }
        let w = &words[k];
        let core: String = w
            .chars()
            .take_while(|c| c.is_alphabetic() || *c == '\'')
            .collect();
        let tail = &w[core.len()..];
        if let Some((from, to)) = ENDINGS_UK.iter().find(|(from, _)| core.ends_with(from)) {
            let stem = &core[..core.len() - from.len()];
            words[k] = format!("{stem}{to}{tail}");
            done += 1;
        }
    }
    words.join(" ")
}

fn heavy_reword(rng: &mut Rng, idx: usize, lang: Lang) -> String {
    let para = corpus(lang)[idx].1;
    match (lang, rng.chance(0.5)) {
        (Lang::Uk, true) => inflect(rng, para, 2),
        (Lang::En, true) => synonym(rng, para, lang),
        _ => para.to_string(),
    }
}

/// Builds a labelled pair. `heavy` selects heavy edits: paraphrases, merged gists, topic-line deferrals.
/// Draws again (deterministically) until the moves are the unique smallest explanation of the order.
pub fn generate(seed: u64, lang: Lang, heavy: bool) -> LabelledPair {
    let mut attempt = 0u64;
    loop {
        if let Some(pair) = try_generate(seed.wrapping_mul(1000).wrapping_add(attempt), lang, heavy)
        {
            return pair;
        }
        attempt += 1;
    }
}

/// Length of a longest strictly increasing subsequence.
fn lis_len(seq: &[usize]) -> usize {
    let mut tails: Vec<usize> = Vec::new();
    for &v in seq {
        let p = tails.partition_point(|&t| t < v);
        if p == tails.len() {
            tails.push(v);
        } else {
            tails[p] = v;
        }
    }
    tails.len()
}

fn try_generate(seed: u64, lang: Lang, heavy: bool) -> Option<LabelledPair> {
    let mut rng = Rng::new(
        seed ^ if heavy { 0xABCD } else { 0 } ^ if lang == Lang::Uk { 0x1234_5678 } else { 0 },
    );
    let corpus = corpus(lang);
    let mut pool: Vec<usize> = (0..corpus.len()).collect();
    rng.shuffle(&mut pool);
    let n_old = rng.range(10, corpus.len() - 4);
    let mut old_idx: Vec<usize> = pool[..n_old].to_vec();
    old_idx.sort_unstable();
    let mut extras: Vec<usize> = pool[n_old..].to_vec();
    let forums = if lang == Lang::En {
        FORUMS_EN
    } else {
        FORUMS_UK
    };

    let mut old = Draft {
        title: Some("Labelled pair".into()),
        ..Draft::default()
    };
    for (k, &ci) in old_idx.iter().enumerate() {
        old.points
            .push(Point::new((k + 1).to_string(), corpus[ci].0));
    }
    // An old deferred item (a topic line) that may be reinstated.
    let old_deferred = if rng.chance(0.5) { extras.pop() } else { None };
    if let Some(ci) = old_deferred {
        let mut d = Deferred::new(corpus[ci].3);
        d.forum = Some((*rng.pick(forums)).into());
        old.deferred.push(d);
    }
    // Items deferred in an earlier draft and carried along, as users carry them: each may keep the
    // `{from: N}` written at its first deferral, where N now names an unrelated point. Drawn from a
    // stream of their own, so that the rest of the pair is what it was without them.
    let mut list_rng = Rng::new(seed ^ 0x00D5_EFE4 ^ if heavy { 0xABCD } else { 0 });
    let mut merge_rng = Rng::new(seed ^ 0x3E29_E000 ^ if heavy { 0xABCD } else { 0 });
    let mut carried: Vec<usize> = Vec::new();
    for _ in 0..list_rng.range(0, 2) {
        if extras.len() > 8 {
            let ci = extras.remove(0);
            let mut d = Deferred::new(corpus[ci].3);
            d.forum = Some((*list_rng.pick(forums)).into());
            if list_rng.chance(0.5) {
                d.from = Some(list_rng.range(1, n_old).to_string());
            }
            old.deferred.push(d);
            carried.push(ci);
        }
    }

    // Fates.
    let mut fate = vec![Fate::Keep; n_old];
    let mut free: Vec<usize> = (0..n_old).collect();
    rng.shuffle(&mut free);
    let mut take = |pred: &dyn Fn(usize) -> bool| -> Option<usize> {
        let p = free.iter().position(|&k| pred(k))?;
        Some(free.remove(p))
    };
    let merges = if heavy { rng.range(1, 2) } else { 1 };
    for m in 0..merges {
        let size = rng.range(2, 3);
        let first = take(&|_| true).unwrap();
        fate[first] = Fate::Merge(m);
        for _ in 1..size {
            // Adjacent or not, as it falls.
            let k = if rng.chance(0.5) {
                take(&|k| k.abs_diff(first) <= 2)
            } else {
                take(&|_| true)
            };
            if let Some(k) = k {
                fate[k] = Fate::Merge(m);
            }
        }
    }
    if let Some(k) = take(&|k| sentences(corpus[old_idx[k]].0).len() >= 2) {
        fate[k] = Fate::Split;
    }
    for _ in 0..rng.range(1, 2) {
        if let Some(k) = take(&|_| true) {
            fate[k] = Fate::Defer;
        }
    }
    for _ in 0..rng.range(1, 2) {
        if let Some(k) = take(&|_| true) {
            fate[k] = Fate::Remove;
        }
    }
    let reword_share = if heavy { 0.4 } else { 0.3 };
    for k in free {
        if rng.chance(reword_share) {
            fate[k] = Fate::Reword;
        }
    }

    // New body, in old order: (text, truth kind, old indices).
    struct Item {
        text: String,
        kind: ChangeKind,
        old: Vec<usize>,
        piece: bool,
    }
    let mut items: Vec<Item> = Vec::new();
    let mut deferred_new: Vec<(Deferred, usize)> = Vec::new();
    let mut emitted_merge: BTreeSet<usize> = BTreeSet::new();
    let mut truth: Vec<Truth> = Vec::new();
    for k in 0..n_old {
        let ci = old_idx[k];
        match fate[k] {
            Fate::Keep => items.push(Item {
                text: corpus[ci].0.to_string(),
                kind: ChangeKind::Unchanged,
                old: vec![k],
                piece: false,
            }),
            Fate::Reword => {
                let text = if heavy {
                    heavy_reword(&mut rng, ci, lang)
                } else {
                    light_reword(&mut rng, corpus[ci].0, lang)
                };
                items.push(Item {
                    text,
                    kind: ChangeKind::Reworded,
                    old: vec![k],
                    piece: false,
                });
            }
            Fate::Merge(m) => {
                if emitted_merge.insert(m) {
                    let members: Vec<usize> =
                        (0..n_old).filter(|&x| fate[x] == Fate::Merge(m)).collect();
                    let mut parts: Vec<String> = members
                        .iter()
                        .map(|&x| {
                            let c = corpus[old_idx[x]];
                            if heavy {
                                c.2.to_string()
                            } else {
                                c.0.to_string()
                            }
                        })
                        .collect();
                    if heavy && rng.chance(0.5) {
                        parts.reverse();
                    }
                    // As real revisions merge: every figure of the parts renegotiated, the second
                    // part folded into the first as a clause. A stream of its own, so the other
                    // draws stay as they were.
                    if members.len() > 1 && merge_rng.chance(0.5) {
                        for p in &mut parts {
                            *p = p
                                .chars()
                                .map(|c| match c.to_digit(10) {
                                    Some(d) => char::from_digit((d + 3) % 10, 10).unwrap_or(c),
                                    None => c,
                                })
                                .collect();
                        }
                        let second = parts.remove(1);
                        let mut chars = second.chars();
                        let lowered: String = chars
                            .next()
                            .map(|c| c.to_lowercase().chain(chars).collect())
                            .unwrap_or_default();
                        let joiner = if lang == Lang::En {
                            ", and "
                        } else {
                            ", а також "
                        };
                        parts[0] = format!("{}{joiner}{lowered}", parts[0].trim_end_matches('.'));
                    }
                    let kind = if members.len() > 1 {
                        ChangeKind::Merged
                    } else {
                        ChangeKind::Reworded
                    };
                    let text = if members.len() > 1 {
                        parts.join(" ")
                    } else if heavy {
                        heavy_reword(&mut rng, ci, lang)
                    } else {
                        light_reword(&mut rng, corpus[ci].0, lang)
                    };
                    items.push(Item {
                        text,
                        kind,
                        old: members,
                        piece: false,
                    });
                }
            }
            Fate::Split => {
                for s in sentences(corpus[ci].0) {
                    let text = if heavy && rng.chance(0.5) {
                        light_reword(&mut rng, &s, lang)
                    } else {
                        s
                    };
                    items.push(Item {
                        text,
                        kind: ChangeKind::Split,
                        old: vec![k],
                        piece: true,
                    });
                }
            }
            Fate::Defer => {
                let text = if heavy || rng.chance(0.5) {
                    corpus[ci].3.to_string()
                } else {
                    corpus[ci].0.to_string()
                };
                let mut d = Deferred::new(text);
                d.forum = Some((*rng.pick(forums)).into());
                deferred_new.push((d, k));
            }
            Fate::Remove => truth.push((
                ChangeKind::Removed,
                set([old.points[k].label.clone()]),
                BTreeSet::new(),
            )),
        }
    }
    // Moves: one or two kept single points moved at least three places, only when the move is the
    // unique smallest explanation of the new order.
    let mut moved_old: BTreeSet<usize> = BTreeSet::new();
    for _ in 0..rng.range(1, 2) {
        let movable: Vec<usize> = (0..items.len())
            .filter(|&p| {
                matches!(items[p].kind, ChangeKind::Unchanged | ChangeKind::Reworded)
                    && items[p].old.len() == 1
                    && !moved_old.contains(&items[p].old[0])
            })
            .collect();
        if movable.is_empty() {
            break;
        }
        let from = *rng.pick(&movable);
        let to = rng.range(0, items.len() - 1);
        if from.abs_diff(to) < 3 {
            continue;
        }
        let item = items.remove(from);
        moved_old.insert(item.old[0]);
        items.insert(to, item);
    }
    // The moved points must be exactly what a longest increasing subsequence leaves out.
    let mut seq: Vec<usize> = Vec::new();
    for (p, item) in items.iter().enumerate() {
        let first_piece =
            !(item.piece && p > 0 && items[p - 1].piece && items[p - 1].old == item.old);
        if first_piece {
            seq.push(item.old[0]);
        }
    }
    if seq.len() - lis_len(&seq) != moved_old.len() {
        return None;
    }
    if moved_old.iter().any(|&k| {
        // Unique: without the moved point, the rest must be in order, and no other single point's
        // removal may also fix the order.
        let rest: Vec<usize> = seq
            .iter()
            .copied()
            .filter(|&o| !moved_old.contains(&o))
            .collect();
        lis_len(&rest) != rest.len() || seq.iter().filter(|&&o| o != k).count() == 0
    }) {
        return None;
    }
    // Added points and a reinstated one, at random places.
    let adds = rng.range(1, 2);
    for _ in 0..adds {
        let Some(ci) = extras.pop() else { break };
        let text = if heavy {
            corpus[ci].1.to_string()
        } else {
            corpus[ci].0.to_string()
        };
        let at = rng.range(0, items.len());
        items.insert(
            at,
            Item {
                text,
                kind: ChangeKind::Added,
                old: vec![],
                piece: false,
            },
        );
    }
    let mut still_deferred: Option<Deferred> = None;
    if let Some(ci) = old_deferred {
        if rng.chance(0.7) {
            let text = if heavy {
                corpus[ci].1.to_string()
            } else {
                corpus[ci].0.to_string()
            };
            let at = rng.range(0, items.len());
            items.insert(
                at,
                Item {
                    text,
                    kind: ChangeKind::Reinstated,
                    old: vec![],
                    piece: false,
                },
            );
        } else {
            still_deferred = Some(old.deferred[0].clone());
        }
    }

    // Labels and the truth.
    let mut new = Draft {
        title: Some("Labelled pair, revised".into()),
        ..Draft::default()
    };
    let mut split_new: Vec<(usize, String)> = Vec::new();
    for (p, item) in items.iter().enumerate() {
        let label = (p + 1).to_string();
        new.points.push(Point::new(label.clone(), &item.text));
        let olds: BTreeSet<String> = item
            .old
            .iter()
            .map(|&k| old.points[k].label.clone())
            .collect();
        match item.kind {
            ChangeKind::Split if item.piece => split_new.push((item.old[0], label)),
            ChangeKind::Added => truth.push((ChangeKind::Added, BTreeSet::new(), set([label]))),
            ChangeKind::Reinstated => truth.push((
                ChangeKind::Reinstated,
                set(["D1".to_string()]),
                set([label]),
            )),
            kind => truth.push((kind, olds, set([label]))),
        }
    }
    let split_olds: BTreeSet<usize> = split_new.iter().map(|(k, _)| *k).collect();
    for k in split_olds {
        let news: BTreeSet<String> = split_new
            .iter()
            .filter(|(o, _)| *o == k)
            .map(|(_, l)| l.clone())
            .collect();
        truth.push((ChangeKind::Split, set([old.points[k].label.clone()]), news));
    }
    let mut list_truth: Vec<ListTruth> = Vec::new();
    if let Some(d) = still_deferred {
        new.deferred.push(d);
        list_truth.push((
            "list unchanged",
            set(["D1".to_string()]),
            set(["D1".to_string()]),
        ));
    }
    // The carried items: kept, reworded, handed to another forum, or dropped from the list.
    let first_carried = usize::from(old_deferred.is_some());
    for x in 0..carried.len() {
        let old_name = format!("D{}", first_carried + x + 1);
        let mut d = old.deferred[first_carried + x].clone();
        let kind = match list_rng.range(0, 4) {
            0 | 1 => "list unchanged",
            2 => {
                let lead = if lang == Lang::En {
                    "The question of"
                } else {
                    "Питання щодо"
                };
                d.text = format!("{lead} {}", d.text);
                "list reworded"
            }
            3 => {
                let other = forums
                    .iter()
                    .find(|f| Some(**f) != d.forum.as_deref())
                    .copied()
                    .unwrap_or("another forum");
                d.forum = Some(other.into());
                "list unchanged"
            }
            _ => {
                list_truth.push(("list removed", set([old_name]), BTreeSet::new()));
                continue;
            }
        };
        new.deferred.push(d);
        let new_name = format!("D{}", new.deferred.len());
        list_truth.push((kind, set([old_name]), set([new_name])));
    }
    for (mut d, k) in deferred_new {
        // A first deferral names where the item came from, about half the time.
        if list_rng.chance(0.5) {
            d.from = Some(old.points[k].label.clone());
        }
        new.deferred.push(d);
        let name = format!("D{}", new.deferred.len());
        truth.push((
            ChangeKind::Deferred,
            set([old.points[k].label.clone()]),
            set([name]),
        ));
    }
    let moved = moved_old
        .iter()
        .map(|&k| old.points[k].label.clone())
        .collect();
    Some(LabelledPair {
        old,
        new,
        list_truth,
        truth,
        moved,
        reclassified: Vec::new(),
    })
}

fn set<const N: usize>(items: [String; N]) -> BTreeSet<String> {
    items.into_iter().collect()
}

/// Category titles, shared by several points as real documents' headings are (NIST's "Audit
/// Events", a plan's "Security"): a title matches many points, so it is no evidence of which.
const TITLES_EN: &[&str] = &[
    "Security",
    "Humanitarian Issues",
    "Territory",
    "Economy and Reconstruction",
    "Governance",
];
const TITLES_UK: &[&str] = &[
    "Безпека",
    "Гуманітарні питання",
    "Територія",
    "Економіка",
    "Управління",
];
const LEAD_IN_EN: &str = "The parties agree as follows:";
const LEAD_IN_UK: &str = "Сторони домовляються про таке:";

/// The pair dressed in the shapes of real documents, its truth unchanged: points open with a
/// category title (kept, or now and then renamed, across the revision), some bodies start with a
/// generic lead-in ending in a colon and continue as a list, and some end in a cross-reference to
/// another point (`(see 7)`), renumbered in the new draft; after a lead-in, a point's sentences
/// are the items of a list (one a line after `- `, or inline as `a. ...; b. ...`). A point the truth
/// calls unchanged gets the same dress on both sides. Before the dress, some removed points are
/// reclassified into broader ones (see [`reclassify`]).
pub fn shaped(mut pair: LabelledPair, seed: u64, lang: Lang) -> LabelledPair {
    let mut rng = Rng::new(seed ^ 0x5EED_7177);
    let (titles, lead_in) = match lang {
        Lang::En => (TITLES_EN, LEAD_IN_EN),
        Lang::Uk => (TITLES_UK, LEAD_IN_UK),
    };
    /// How a point after a lead-in lists its sentences.
    #[derive(Clone, Copy, PartialEq)]
    enum List {
        /// Running text.
        Prose,
        /// One item a line: `- ...`.
        Dashes,
        /// Inline, as NIST prints statements: `a. ...; b. ...`.
        Letters,
    }
    #[derive(Clone, Copy)]
    struct Dress {
        title: Option<usize>,
        lead_in: bool,
        list: List,
        see: bool,
    }
    let draw = |rng: &mut Rng| Dress {
        title: rng.chance(0.6).then(|| rng.range(0, titles.len() - 1)),
        lead_in: rng.chance(0.25),
        list: *rng.pick(&[List::Prose, List::Dashes, List::Letters]),
        see: rng.chance(0.2),
    };
    reclassify(&mut pair, seed, lang);
    let old_dress: Vec<Dress> = pair.old.points.iter().map(|_| draw(&mut rng)).collect();
    let old_index: std::collections::BTreeMap<String, usize> = pair
        .old
        .points
        .iter()
        .enumerate()
        .map(|(i, p)| (p.label.clone(), i))
        .collect();
    // Each new point's dress: its first source's (a title renamed now and then), or a fresh one.
    let mut new_dress: Vec<Dress> = Vec::with_capacity(pair.new.points.len());
    let mut unchanged: BTreeSet<String> = BTreeSet::new();
    for p in &pair.new.points {
        let entry = pair.truth.iter().find(|t| t.2.contains(&p.label));
        let source = entry.and_then(|t| t.1.iter().find_map(|l| old_index.get(l).copied()));
        let dress = match (entry, source) {
            (Some(t), Some(i)) if t.0 == ChangeKind::Unchanged => {
                unchanged.insert(p.label.clone());
                old_dress[i]
            }
            (_, Some(i)) => {
                let mut d = old_dress[i];
                if d.title.is_some() && rng.chance(0.2) {
                    d.title = Some(rng.range(0, titles.len() - 1));
                }
                d
            }
            _ => draw(&mut rng),
        };
        new_dress.push(dress);
    }
    let old_labels: Vec<String> = pair.old.points.iter().map(|p| p.label.clone()).collect();
    let new_labels: Vec<String> = pair.new.points.iter().map(|p| p.label.clone()).collect();
    // The cross-reference of each old point, and its renumbered form in the new draft.
    let see_old: Vec<String> = old_labels
        .iter()
        .map(|_| rng.pick(&old_labels).clone())
        .collect();
    let dress_text = |text: &str, d: Dress, see: &str| -> String {
        let mut out = String::new();
        if let Some(t) = d.title {
            out.push_str(titles[t]);
            out.push_str(". ");
        }
        if d.lead_in {
            out.push_str(lead_in);
            // Its sentences as the items of a list, when it has several.
            let items: Vec<&str> = text.split_inclusive(". ").map(str::trim).collect();
            match d.list {
                List::Dashes if items.len() > 1 => {
                    for item in &items {
                        out.push_str("\n- ");
                        out.push_str(item);
                    }
                }
                List::Letters if items.len() > 1 => {
                    for (k, item) in items.iter().enumerate() {
                        let letter = char::from(b'a' + (k % 26) as u8);
                        let item = item.strip_suffix('.').unwrap_or(item);
                        let end = if k + 1 == items.len() { "." } else { ";" };
                        out.push_str(&format!(" {letter}. {item}{end}"));
                    }
                }
                _ => {
                    out.push(' ');
                    out.push_str(text);
                }
            }
        } else {
            out.push_str(text);
        }
        if d.see {
            out.push_str(&format!(" (see {see})"));
        }
        out
    };
    for (i, p) in pair.old.points.iter_mut().enumerate() {
        p.text = dress_text(&p.text, old_dress[i], &see_old[i]);
    }
    for (j, p) in pair.new.points.iter_mut().enumerate() {
        let see = if unchanged.contains(&p.label) {
            // The same reference as the old point's, so the text stays the same.
            let entry = pair.truth.iter().find(|t| t.2.contains(&p.label));
            let i = entry
                .and_then(|t| t.1.iter().find_map(|l| old_index.get(l).copied()))
                .unwrap_or(0);
            see_old[i].clone()
        } else {
            rng.pick(&new_labels).clone()
        };
        p.text = dress_text(&p.text, new_dress[j], &see);
    }
    pair
}

/// Reclassifies some removed points: a reworded new point (the broader one) mentions the removed
/// point's topic in one of its longer words, inside its last sentence (`..., including
/// reconstruction.`). So little of the removed point is there that the truth still calls it
/// removed, as a reader of the words would; [`LabelledPair::reclassified`] records where it went.
pub fn reclassify(pair: &mut LabelledPair, seed: u64, lang: Lang) {
    let mut rng = Rng::new(seed ^ 0x02EC_1A55);
    let removed: Vec<String> = pair
        .truth
        .iter()
        .filter(|t| t.0 == ChangeKind::Removed)
        .filter_map(|t| t.1.iter().next().cloned())
        .collect();
    let mut broader: Vec<String> = pair
        .truth
        .iter()
        .filter(|t| t.0 == ChangeKind::Reworded && t.1.len() == 1 && t.2.len() == 1)
        .filter_map(|t| t.2.iter().next().cloned())
        .collect();
    for old_label in removed {
        if broader.is_empty() || !rng.chance(0.5) {
            continue;
        }
        let target = broader.swap_remove(rng.below(broader.len()));
        let Some(source) = pair.old.points.iter().find(|p| p.label == old_label) else {
            continue;
        };
        let Some(point) = pair.new.points.iter_mut().find(|p| p.label == target) else {
            continue;
        };
        let present = point.text.to_lowercase();
        let words: Vec<String> = source
            .text
            .split(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'')
            .filter(|w| w.chars().count() >= 7 && w.chars().all(char::is_alphabetic))
            .map(str::to_lowercase)
            .filter(|w| !present.contains(w.as_str()))
            .collect();
        if words.is_empty() {
            continue;
        }
        let word = &words[rng.below(words.len())];
        // Inside its last sentence, so that no sentence of the broader point comes from the
        // removed one.
        let mention = match lang {
            Lang::En => format!(", including {word}"),
            Lang::Uk => format!(", зокрема {word}"),
        };
        let end = point.text.trim_end().len();
        let at = if point.text[..end].ends_with(['.', '!', '?']) {
            end - 1
        } else {
            end
        };
        point.text.insert_str(at, &mention);
        pair.reclassified.push((old_label, target));
    }
}
