//! The structure-aware fuzz target's input: a draft built from parts (points with sub-items,
//! attributes, statuses and positions, deferred sections with forums and `from` references, every
//! numbering style, English and Ukrainian words, figures, wide spaces, invisible characters and
//! control characters) and a revision of it made the way real revisions are made (points removed,
//! merged, split, reworded, moved, deferred, reinstated, added, statuses and positions changed),
//! both chosen by the fuzzer's bytes through `arbitrary::Unstructured`. Shared with
//! `tests/fuzz_regressions.rs`, which replays the committed inputs on the stable toolchain.

use arbitrary::{Result, Unstructured};

const WORDS: &[&str] = &[
    "ceasefire",
    "monitoring",
    "line",
    "of",
    "contact",
    "the",
    "army",
    "is",
    "capped",
    "at",
    "guarantees",
    "security",
    "elections",
    "amnesty",
    "sanctions",
    "territory",
    "Crimea",
    "referendum",
    "prisoners",
    "exchange",
    "all-for-all",
    "перемир'я",
    "гарантії",
    "безпеки",
    "території",
    "вибори",
    "армія",
    "обмежена",
    "тисяч",
    "Україна",
    "санкції",
    "обмін",
    "полоненими",
    "Zaporizhzhia",
    "plant",
    "IAEA",
    "NATO",
    "EU",
    "membership",
    "fund",
];

const FIGURES: &[&str] = &[
    "600,000",
    "800,000",
    "3%",
    "100%",
    "$420 million",
    "30-day",
    "800 тисяч",
    "1.5",
    "100",
    "2025-11-23",
    "-4",
    "€5 billion",
    "48 hours",
];

/// Characters pasted text brings in: wide and zero-width spaces, marks, controls.
const ODD: &[&str] = &[
    "\u{a0}",
    "\u{202f}",
    "\u{2003}",
    "\u{200b}",
    "\u{feff}",
    "\u{200d}",
    "\u{202e}",
    "\u{1b}[2J",
    "\u{7}",
    "\r",
    "\u{c}",
    "\u{2028}",
    "\t",
    "{",
    "}",
    ";",
    ":",
    "#",
    "<b>",
    "*",
    "|",
    "İ",
];

const STATUSES: &[&str] = &["proposed", "open", "disputed", "agreed", "withdrawn"];
const POSITIONS: &[&str] = &["accepts", "rejects", "reserves", "proposes", "undecided"];
const PARTIES: &[&str] = &["ua", "ru", "us", "eu", "Ua", "east"];
const FORUMS: &[&str] = &[
    "presidents' meeting",
    "US-Russia track",
    "security-guarantees framework",
    "зустріч президентів",
];

/// One point as the builder keeps it: its words, attributes and sub-items.
#[derive(Clone, Debug)]
pub struct PointSpec {
    pub words: Vec<String>,
    pub sub_items: Vec<Vec<String>>,
    pub status: Option<&'static str>,
    pub positions: Vec<(&'static str, &'static str)>,
}

/// A deferred item: words, forum and `from` labels (as people write them).
#[derive(Clone, Debug)]
pub struct DeferredSpec {
    pub words: Vec<String>,
    pub forum: Option<&'static str>,
    pub from: Vec<usize>,
}

/// A draft before it is written as text.
#[derive(Clone, Debug, Default)]
pub struct DraftSpec {
    pub version: (u64, u64, u64),
    pub style: u8,
    pub points: Vec<PointSpec>,
    pub deferred: Vec<DeferredSpec>,
    /// Odd characters written between parts: (after which byte of the output, what).
    pub odd: Vec<(usize, &'static str)>,
}

fn words(u: &mut Unstructured, max: usize) -> Result<Vec<String>> {
    let n = u.int_in_range(1..=max)?;
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let w = if u.ratio(1, 6)? {
            *u.choose(FIGURES)?
        } else {
            *u.choose(WORDS)?
        };
        out.push(w.to_string());
    }
    Ok(out)
}

fn point(u: &mut Unstructured) -> Result<PointSpec> {
    let mut sub_items = Vec::new();
    for _ in 0..u.int_in_range(0..=2)? {
        sub_items.push(words(u, 6)?);
    }
    let status = if u.ratio(1, 3)? {
        Some(*u.choose(STATUSES)?)
    } else {
        None
    };
    let mut positions = Vec::new();
    for _ in 0..u.int_in_range(0..=2)? {
        let party = *u.choose(PARTIES)?;
        if positions
            .iter()
            .all(|(p, _): &(&str, &str)| !p.eq_ignore_ascii_case(party))
        {
            positions.push((party, *u.choose(POSITIONS)?));
        }
    }
    Ok(PointSpec {
        words: words(u, 14)?,
        sub_items,
        status,
        positions,
    })
}

impl DraftSpec {
    /// A draft from the fuzzer's bytes.
    pub fn arbitrary(u: &mut Unstructured) -> Result<DraftSpec> {
        let mut d = DraftSpec {
            version: (u.int_in_range(0..=3)?, u.int_in_range(0..=3)?, 0),
            style: u.int_in_range(0..=5)?,
            ..DraftSpec::default()
        };
        for _ in 0..u.int_in_range(0..=12)? {
            d.points.push(point(u)?);
        }
        for _ in 0..u.int_in_range(0..=4)? {
            let from = if !d.points.is_empty() && u.ratio(1, 2)? {
                vec![u.int_in_range(1..=d.points.len() + 2)?]
            } else {
                Vec::new()
            };
            d.deferred.push(DeferredSpec {
                words: words(u, 5)?,
                forum: if u.ratio(3, 4)? {
                    Some(*u.choose(FORUMS)?)
                } else {
                    None
                },
                from,
            });
        }
        if u.ratio(1, 3)? {
            for _ in 0..u.int_in_range(1..=3)? {
                d.odd.push((u.arbitrary()?, *u.choose(ODD)?));
            }
        }
        Ok(d)
    }

    /// A revision of this draft, as negotiators make one.
    pub fn revise(&self, u: &mut Unstructured) -> Result<DraftSpec> {
        let mut r = self.clone();
        r.version = (self.version.0 + 1, 0, 0);
        r.odd.clear();
        for _ in 0..u.int_in_range(0..=6)? {
            let n = r.points.len();
            match u.int_in_range(0..=9)? {
                0 if n > 0 => {
                    let i = u.choose_index(n)?;
                    r.points.remove(i);
                }
                1 if n > 1 => {
                    // Merge: the second folded into the first as a clause.
                    let i = u.choose_index(n - 1)?;
                    let second = r.points.remove(i + 1);
                    r.points[i].words.push("and".into());
                    r.points[i].words.extend(second.words);
                }
                2 if n > 0 => {
                    // Split at a word.
                    let i = u.choose_index(n)?;
                    let len = r.points[i].words.len();
                    if len > 1 {
                        let at = u.int_in_range(1..=len - 1)?;
                        let tail = r.points[i].words.split_off(at);
                        let mut p = r.points[i].clone();
                        p.words = tail;
                        r.points.insert(i + 1, p);
                    }
                }
                3 if n > 0 => {
                    // Reword: a word or a figure replaced.
                    let i = u.choose_index(n)?;
                    let len = r.points[i].words.len();
                    let k = u.choose_index(len)?;
                    r.points[i].words[k] = u.choose(FIGURES)?.to_string();
                }
                4 if n > 1 => {
                    let i = u.choose_index(n)?;
                    let p = r.points.remove(i);
                    let j = u.choose_index(n - 1)?;
                    r.points.insert(j, p);
                }
                5 if n > 0 => {
                    // Deferred, with or without a reference to where it came from.
                    let i = u.choose_index(n)?;
                    let p = r.points.remove(i);
                    r.deferred.push(DeferredSpec {
                        words: p.words,
                        forum: Some(*u.choose(FORUMS)?),
                        from: if u.ratio(1, 2)? {
                            vec![i + 1]
                        } else {
                            Vec::new()
                        },
                    });
                }
                6 if !r.deferred.is_empty() => {
                    // Reinstated.
                    let k = u.choose_index(r.deferred.len())?;
                    let d = r.deferred.remove(k);
                    let mut p = point(u)?;
                    p.words = d.words;
                    let at = u.int_in_range(0..=r.points.len())?;
                    r.points.insert(at, p);
                }
                7 => {
                    let p = point(u)?;
                    let at = u.int_in_range(0..=r.points.len())?;
                    r.points.insert(at, p);
                }
                8 if n > 0 => {
                    let i = u.choose_index(n)?;
                    r.points[i].status = Some(*u.choose(STATUSES)?);
                    if let Some(pos) = r.points[i].positions.first_mut() {
                        pos.1 = *u.choose(POSITIONS)?;
                    }
                }
                _ => r.style = u.int_in_range(0..=5)?,
            }
        }
        Ok(r)
    }

    /// The draft in the text format, in its numbering style.
    pub fn text(&self) -> String {
        let mut out = format!(
            "---\ntitle: Plan\nversion: {}.{}.{}\n---\n\n",
            self.version.0, self.version.1, self.version.2
        );
        for (i, p) in self.points.iter().enumerate() {
            let n = i + 1;
            let marker = match self.style {
                0 => format!("{n}."),
                1 => format!("{n})"),
                2 => format!("Point {n}:"),
                3 => format!("Пункт {n}:"),
                4 => format!("{n}.{}.", i % 3 + 1),
                _ => format!("{}.", roman(n)),
            };
            out.push_str(&marker);
            out.push(' ');
            out.push_str(&p.words.join(" "));
            for (k, sub) in p.sub_items.iter().enumerate() {
                let letter = ['a', 'б', 'c'][k % 3];
                out.push_str(&format!("\n   {letter}) {}", sub.join(" ")));
            }
            let mut attrs: Vec<String> = Vec::new();
            if let Some(s) = p.status {
                attrs.push(format!("status: {s}"));
            }
            for (party, pos) in &p.positions {
                attrs.push(format!("{party}: {pos}"));
            }
            if !attrs.is_empty() {
                out.push_str(&format!(" {{{}}}", attrs.join("; ")));
            }
            out.push('\n');
        }
        let mut forum: Option<Option<&str>> = None;
        for d in &self.deferred {
            if forum != Some(d.forum) {
                forum = Some(d.forum);
                match d.forum {
                    Some(f) => out.push_str(&format!("\n## Deferred: {f}\n\n")),
                    None => out.push_str("\n## Deferred\n\n"),
                }
            }
            out.push_str("- ");
            out.push_str(&d.words.join(" "));
            if !d.from.is_empty() {
                let from: Vec<String> = d.from.iter().map(ToString::to_string).collect();
                out.push_str(&format!(" {{from: {}}}", from.join(", ")));
            }
            out.push('\n');
        }
        for &(at, odd) in &self.odd {
            let mut at = at % (out.len() + 1);
            while !out.is_char_boundary(at) {
                at -= 1;
            }
            out.insert_str(at, odd);
        }
        out
    }
}

fn roman(mut n: usize) -> String {
    let mut s = String::new();
    for (v, r) in [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")] {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}
