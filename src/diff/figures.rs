//! Figures: the numbers and amounts that changed between two texts, with their units.

use std::borrow::Cow;
use std::fmt;

use serde::Serialize;
use serde::ser::SerializeSeq;

use super::edits::bounds;
use crate::hash::HashMap;
use crate::tokens;

/// A number or amount that changed: `600,000 -> 800,000`, `100 days -> (removed)`. Borrowed from
/// its [`Figures`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FigureChange<'a> {
    /// The figure in the old text, with its unit word when there is one.
    pub old: Option<&'a str>,
    /// The figure in the new text.
    pub new: Option<&'a str>,
}

impl fmt::Display for FigureChange<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.old, self.new) {
            (Some(o), Some(n)) => write!(f, "{o} -> {n}"),
            (Some(o), None) => write!(f, "{o} -> (removed)"),
            (None, Some(n)) => write!(f, "(added) -> {n}"),
            (None, None) => Ok(()),
        }
    }
}

/// The figures that changed in a point, in order: each a [`FigureChange`]. Held as one text and
/// each figure's ends, so that a figure costs 16 bytes beside its text (a draft changed throughout
/// has millions). Serialized as a list of `{"old", "new"}`.
///
/// ```
/// use peaceplan::diff::figure_changes;
/// let f = figure_changes("capped at 600,000 personnel", "capped at 800,000 personnel");
/// assert_eq!(f.get(0).unwrap().to_string(), "600,000 personnel -> 800,000 personnel");
/// assert_eq!(f.len(), 1);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Figures {
    /// The figures' texts, old then new for each change.
    text: String,
    /// Each change's old and new end in `text`, [`ABSENT`] marking a side without a figure.
    ends: Vec<(u64, u64)>,
}

/// The top bit of an end: the side has no figure (its end is the one before).
const ABSENT: u64 = 1 << 63;

impl Figures {
    /// No figures.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a change of figure `old` to `new` (either may be absent).
    pub fn push(&mut self, old: Option<&str>, new: Option<&str>) {
        let mut end = |side: Option<&str>| match side {
            Some(t) => {
                self.text.push_str(t);
                self.text.len() as u64
            }
            None => self.text.len() as u64 | ABSENT,
        };
        let o = end(old);
        let n = end(new);
        self.ends.push((o, n));
    }

    /// The number of changes.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether no figure changed.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The `i`th change.
    pub fn get(&self, i: usize) -> Option<FigureChange<'_>> {
        let &(o, n) = self.ends.get(i)?;
        let start = i
            .checked_sub(1)
            .map_or(0, |p| (self.ends[p].1 & !ABSENT) as usize);
        let side =
            |from: usize, end: u64| (end & ABSENT == 0).then(|| &self.text[from..end as usize]);
        Some(FigureChange {
            old: side(start, o),
            new: side((o & !ABSENT) as usize, n),
        })
    }

    /// The changes, in order.
    pub fn iter(&self) -> FiguresIter<'_> {
        FiguresIter {
            figures: self,
            next: 0,
        }
    }

    /// Gives back the memory the figures did not use.
    fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
    }
}

/// The iterator of [`Figures::iter`].
#[derive(Debug, Clone)]
pub struct FiguresIter<'a> {
    figures: &'a Figures,
    next: usize,
}

impl<'a> Iterator for FiguresIter<'a> {
    type Item = FigureChange<'a>;

    fn next(&mut self) -> Option<FigureChange<'a>> {
        let f = self.figures.get(self.next)?;
        self.next += 1;
        Some(f)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.figures.len() - self.next;
        (n, Some(n))
    }
}

impl ExactSizeIterator for FiguresIter<'_> {}

impl<'a> IntoIterator for &'a Figures {
    type Item = FigureChange<'a>;
    type IntoIter = FiguresIter<'a>;

    fn into_iter(self) -> FiguresIter<'a> {
        self.iter()
    }
}

impl Serialize for Figures {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.len()))?;
        for f in self {
            seq.serialize_element(&f)?;
        }
        seq.end()
    }
}

/// Scale words that belong to the figure before them: `$420 million`, `800 тисяч`.
const SCALES: &[&str] = &[
    "thousand",
    "thousands",
    "million",
    "millions",
    "billion",
    "billions",
    "trillion",
    "bn",
    "mn",
    "тисяча",
    "тисячі",
    "тисяч",
    "тис",
    "мільйон",
    "мільйони",
    "мільйонів",
    "млн",
    "мільярд",
    "мільярди",
    "мільярдів",
    "млрд",
    "тысяча",
    "тысячи",
    "тысяч",
    "тыс",
    "миллион",
    "миллиона",
    "миллионов",
    "миллиард",
    "миллиарда",
    "миллиардов",
];

/// Units that belong to the figure before them (`100 days`, `600,000 personnel`, `15 km`). Any other
/// word after a number is not its unit: in `200 international observers` the figure is `200`.
const UNITS: &[&str] = &[
    // Time.
    "second",
    "seconds",
    "minute",
    "minutes",
    "hour",
    "hours",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "секунд",
    "хвилин",
    "хвилини",
    "година",
    "години",
    "годин",
    "день",
    "дні",
    "днів",
    "доба",
    "доби",
    "діб",
    "тиждень",
    "тижні",
    "тижнів",
    "місяць",
    "місяці",
    "місяців",
    "рік",
    "роки",
    "років",
    "час",
    "часа",
    "часов",
    "дня",
    "дней",
    "недели",
    "недель",
    "месяц",
    "месяца",
    "месяцев",
    "год",
    "года",
    "лет",
    "jour",
    "jours",
    "semaine",
    "semaines",
    "mois",
    "an",
    "ans",
    "année",
    "années",
    "heure",
    "heures",
    // Distance and area.
    "km",
    "kilometre",
    "kilometres",
    "kilometer",
    "kilometers",
    "mile",
    "miles",
    "metre",
    "metres",
    "meter",
    "meters",
    "m",
    "km2",
    "hectares",
    "км",
    "кілометр",
    "кілометри",
    "кілометрів",
    "метрів",
    "километр",
    "километра",
    "километров",
    "метров",
    "гектарів",
    "kilomètre",
    "kilomètres",
    "mètres",
    // Quantities.
    "tonnes",
    "tons",
    "units",
    "homes",
    "houses",
    "тонн",
    "тонни",
    // People and forces.
    "personnel",
    "troops",
    "soldiers",
    "servicemen",
    "people",
    "persons",
    "prisoners",
    "observers",
    "monitors",
    "officers",
    "military",
    "tanks",
    "aircraft",
    "jets",
    "ships",
    "missiles",
    "warheads",
    "vehicles",
    "танків",
    "літаків",
    "військових",
    "військовослужбовців",
    "осіб",
    "особи",
    "людей",
    "полонених",
    "спостерігачів",
    "военнослужащих",
    "человек",
    "военных",
    "personnes",
    "soldats",
    "militaires",
    "prisonniers",
    "observateurs",
    // Money.
    "dollars",
    "euros",
    "pounds",
    "hryvnias",
    "hryvnia",
    "roubles",
    "rubles",
    "usd",
    "eur",
    "uah",
    "доларів",
    "долари",
    "євро",
    "гривень",
    "гривні",
    "рублів",
    "долларов",
    "рублей",
    // Dates: the day of a month (`15 March`, `15 mars`, `15 березня`).
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "січня",
    "лютого",
    "березня",
    "квітня",
    "травня",
    "червня",
    "липня",
    "серпня",
    "вересня",
    "жовтня",
    "листопада",
    "грудня",
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
    // Shares.
    "percent",
    "відсотків",
    "відсотки",
    "процентов",
    "процента",
];

/// The figures of a text, each with what gives it its meaning: a sign (`-4`), a currency before it
/// (`$420`), a percent or per-mille sign (`3%`), a hyphenated unit (`30-day`), digits grouped with
/// spaces (`600 000`), a scale word (`$420 million`, `800 тисяч`) and a unit ([`UNITS`]: `100 days`,
/// `600,000 personnel`).
fn figures<'t>(text: &'t str, segs: &[&'t str]) -> Vec<Cow<'t, str>> {
    let is_space = |s: &str| matches!(s, " " | "\u{a0}" | "\u{202f}" | "\u{2009}");
    let is_word = |s: &str| !s.is_empty() && s.chars().all(char::is_alphabetic);
    // Compared case-insensitively without folding into a new string (most words after a number are
    // no unit, and are rejected by their length or first letter).
    let folded_in = |s: &str, list: &[&str]| {
        is_word(s)
            && list.iter().any(|w| {
                w.len() == s.len()
                    && if s.is_ascii() {
                        w.eq_ignore_ascii_case(s)
                    } else {
                        s.chars().flat_map(char::to_lowercase).eq(w.chars())
                    }
            })
    };
    // Segments are consecutive slices of `text`, so a run of them is one slice.
    let offset = |s: &str| tokens::offset_in(text, s);
    // Room for a figure in every other segment (words alternate with what separates them).
    let mut out = Vec::with_capacity(segs.len() / 2 + 1);
    // Inside a cross-reference (`point 8`, `see 9 and 10`, `п. 5`): its numbers name other points,
    // they are no figures of this one.
    let mut in_reference = false;
    let mut k = 0;
    while k < segs.len() {
        if !tokens::is_figure(segs[k]) {
            // A word other than a reference's own ends the reference.
            if is_word(segs[k]) {
                let w = segs[k];
                in_reference = folded_in(w, tokens::REFERENCE_WORDS)
                    || folded_in(w, tokens::REFERENCE_NOUNS)
                    || (in_reference && folded_in(w, tokens::REFERENCE_LINKS));
            }
            k += 1;
            continue;
        }
        if in_reference {
            k += 1;
            continue;
        }
        let mut first = k;
        if first > 0 && matches!(segs[first - 1], "$" | "€" | "£" | "₴" | "₽") {
            first -= 1;
        }
        // A sign stands right before the number, after a space or at the start (not `30-40`).
        if first > 0
            && matches!(segs[first - 1], "-" | "−" | "+")
            && (first == 1 || is_space(segs[first - 2]) || segs[first - 2] == "(")
        {
            first -= 1;
        }
        let start = offset(segs[first]);
        // A time of day: `10:00`, `16:30`.
        if k + 2 < segs.len()
            && segs[k + 1] == ":"
            && segs[k + 2].len() == 2
            && segs[k + 2].bytes().all(|b| b.is_ascii_digit())
        {
            k += 2;
        }
        // Thousands written with spaces, as in Ukrainian and Russian: "600 000".
        while k + 2 < segs.len()
            && is_space(segs[k + 1])
            && segs[k + 2].len() == 3
            && segs[k + 2].bytes().all(|b| b.is_ascii_digit())
        {
            k += 2;
        }
        let mut last = k;
        let mut has_unit = false;
        if last + 1 < segs.len() && matches!(segs[last + 1], "%" | "‰") {
            last += 1;
            has_unit = true;
        } else if last + 2 < segs.len() && segs[last + 1] == "-" && is_word(segs[last + 2]) {
            // "30-day", "48-hour".
            last += 2;
            has_unit = true;
        }
        let core_end = offset(segs[last]) + segs[last].len();
        let mut words: Vec<&str> = Vec::new();
        // Digits grouped with a no-break or thin space are the same figure as with a plain one.
        const WIDE: [char; 3] = ['\u{a0}', '\u{202f}', '\u{2009}'];
        let mut plain = !text[start..core_end].contains(WIDE);
        if last + 2 < segs.len() && is_space(segs[last + 1]) && folded_in(segs[last + 2], SCALES) {
            words.push(segs[last + 2]);
            plain &= segs[last + 1] == " ";
            last += 2;
        }
        if !has_unit
            && last + 2 < segs.len()
            && is_space(segs[last + 1])
            && folded_in(segs[last + 2], UNITS)
        {
            words.push(segs[last + 2]);
            plain &= segs[last + 1] == " ";
            last += 2;
        }
        // With plain spaces before its words the figure is a slice of the text; otherwise it is
        // spelled with plain spaces, so that `800 тисяч` and `800\u{a0}тисяч` are the same figure.
        if plain {
            out.push(Cow::Borrowed(
                &text[start..offset(segs[last]) + segs[last].len()],
            ));
        } else {
            let mut s = text[start..core_end].replace(WIDE, " ");
            for w in words {
                s.push(' ');
                s.push_str(w);
            }
            out.push(Cow::Owned(s));
        }
        k = last + 1;
    }
    out
}

/// The figures of `text`, in order (as [`figure_changes`] reads them).
pub(crate) fn figures_in(text: &str) -> Vec<Cow<'_, str>> {
    if !tokens::is_figure(text) {
        return Vec::new();
    }
    figures(text, &bounds(text))
}

/// The figures that differ between two texts, paired in order of appearance.
pub fn figure_changes(old: &str, new: &str) -> Figures {
    if !tokens::is_figure(old) && !tokens::is_figure(new) {
        return Figures::new();
    }
    figure_changes_of_segments(old, new, &bounds(old), &bounds(new))
}

/// [`figure_changes`] given the texts' word-boundary segments.
pub(super) fn figure_changes_of_segments(
    old: &str,
    new: &str,
    old_segs: &[&str],
    new_segs: &[&str],
) -> Figures {
    if !tokens::is_figure(old) && !tokens::is_figure(new) {
        return Figures::new();
    }
    changes_between(&figures(old, old_segs), &figures(new, new_segs))
}

/// The figures that differ between points merged or split: [`figure_changes`] between the figures
/// of the old parts and those of the new parts, where a figure that several parts of one side state
/// may count once or once per part: two merged points that both say `since 2022` say it once between
/// them, or twice when the merged point keeps both sentences. A figure differs only by as many
/// times as the two sides' counts cannot agree.
pub(super) fn figure_changes_of_parts<'t>(old: &[&'t str], new: &[&'t str]) -> Figures {
    if !old.iter().chain(new).any(|t| tokens::is_figure(t)) {
        return Figures::new();
    }
    let (a, b) = (figures_of_parts(old), figures_of_parts(new));
    // For each figure, the fewest and most times each side may state it: the most one part states
    // it, and all parts together.
    let range = |parts: &[Vec<Cow<'t, str>>]| -> HashMap<String, (u32, u32)> {
        let mut r: HashMap<String, (u32, u32)> = HashMap::default();
        for part in parts {
            let mut here: HashMap<&str, u32> = HashMap::default();
            for f in part {
                *here.entry(f.as_ref()).or_default() += 1;
            }
            for (f, n) in here {
                let e = r.entry(f.to_string()).or_default();
                e.0 = e.0.max(n);
                e.1 += n;
            }
        }
        r
    };
    let (ra, rb) = (range(&a), range(&b));
    // The counts the two sides are read with: equal when their ranges meet, else the nearest ends.
    let mut counts: HashMap<&str, (u32, u32)> = HashMap::default();
    for (f, &(lo_a, hi_a)) in &ra {
        let (lo_b, hi_b) = rb.get(f).copied().unwrap_or((0, 0));
        counts.insert(f, agree((lo_a, hi_a), (lo_b, hi_b)));
    }
    for (f, &(lo_b, hi_b)) in &rb {
        counts
            .entry(f)
            .or_insert_with(|| agree((0, 0), (lo_b, hi_b)));
    }
    // Each side's figures in order, each value as many times as it is read.
    let take = |parts: &[Vec<Cow<'t, str>>], side: fn((u32, u32)) -> u32| -> Vec<Cow<'t, str>> {
        let mut left: HashMap<&str, u32> = counts.iter().map(|(f, c)| (*f, side(*c))).collect();
        let mut out = Vec::new();
        for f in parts.iter().flatten() {
            if let Some(n) = left.get_mut(f.as_ref()).filter(|n| **n > 0) {
                *n -= 1;
                out.push(f.clone());
            }
        }
        out
    };
    changes_between(&take(&a, |c| c.0), &take(&b, |c| c.1))
}

/// The counts two sides are read with, given the fewest and most times each may state a figure:
/// one count for both when the ranges meet (the larger of their lows), else each side's end
/// nearest the other.
fn agree((lo_a, hi_a): (u32, u32), (lo_b, hi_b): (u32, u32)) -> (u32, u32) {
    if hi_a < lo_b {
        (hi_a, lo_b)
    } else if hi_b < lo_a {
        (lo_a, hi_b)
    } else {
        let n = lo_a.max(lo_b);
        (n, n)
    }
}

/// The figures of each of several texts, in order.
fn figures_of_parts<'t>(parts: &[&'t str]) -> Vec<Vec<Cow<'t, str>>> {
    parts.iter().map(|p| figures_in(p)).collect()
}

/// The figures that differ between two lists of figures, paired in order of appearance (see
/// [`figure_changes`]).
fn changes_between(a: &[Cow<'_, str>], b: &[Cow<'_, str>]) -> Figures {
    // Each old figure cancels the first unused equal new figure; the rest differ. A common start
    // cancels itself (its figures are the first of their kind on both sides), so it is skipped.
    let same = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[same..], &b[same..]);
    // Per figure: how many times the new text has it, and how many of those old ones cancelled.
    let mut counts: HashMap<&str, (u32, u32)> = HashMap::default();
    counts.reserve(b.len());
    for f in b {
        counts.entry(f.as_ref()).or_default().0 += 1;
    }
    let mut only_old: Vec<&str> = Vec::new();
    for f in a {
        match counts.get_mut(f.as_ref()) {
            Some((unused, cancelled)) if *unused > 0 => {
                *unused -= 1;
                *cancelled += 1;
            }
            _ => only_old.push(f),
        }
    }
    let mut only_new: Vec<&str> = Vec::new();
    for f in b {
        match counts.get_mut(f.as_ref()) {
            Some((_, cancelled)) if *cancelled > 0 => *cancelled -= 1,
            _ => only_new.push(f),
        }
    }
    // Paired in order of appearance, first each with the next of its own kind (`€8 million` with an
    // amount in euros, `120` with a bare number), then what is left in order; the rest of either
    // side stands alone. Pairs are listed in the old text's order.
    let mut partner: Vec<Option<usize>> = vec![None; only_old.len()];
    let mut taken = vec![false; only_new.len()];
    // The new figures of each kind, in order, each taken from the front.
    let mut of_kind: HashMap<String, std::collections::VecDeque<usize>> = HashMap::default();
    for (j, n) in only_new.iter().enumerate() {
        of_kind.entry(figure_kind(n)).or_default().push_back(j);
    }
    for (o, p) in only_old.iter().zip(partner.iter_mut()) {
        if let Some(j) = of_kind.get_mut(&figure_kind(o)).and_then(|q| q.pop_front()) {
            taken[j] = true;
            *p = Some(j);
        }
    }
    let free: Vec<usize> = (0..only_new.len()).filter(|&j| !taken[j]).collect();
    let mut free = free.into_iter();
    for p in partner.iter_mut().filter(|p| p.is_none()) {
        let Some(j) = free.next() else { break };
        taken[j] = true;
        *p = Some(j);
    }
    let mut out = Figures::new();
    for (o, p) in only_old.iter().zip(&partner) {
        if let Some(j) = p {
            out.push(Some(o), Some(only_new[*j]));
        }
    }
    for (o, p) in only_old.iter().zip(&partner) {
        if p.is_none() {
            out.push(Some(o), None);
        }
    }
    for (n, t) in only_new.iter().zip(&taken) {
        if !t {
            out.push(None, Some(n));
        }
    }
    out.shrink_to_fit();
    out
}

/// What a figure counts: its currency sign, `%` or `‰`, or the word after its number (`days`,
/// `million`, the unit of `30-day`), lower case; empty for a bare number. Two figures of one kind
/// are paired before figures of different kinds.
fn figure_kind(f: &str) -> String {
    if let Some(c) = f.chars().find(|c| matches!(c, '$' | '€' | '£' | '₴' | '₽')) {
        return c.to_string();
    }
    if f.ends_with(['%', '‰']) {
        return "%".to_string();
    }
    // The last run of letters (a unit or scale word, or a hyphenated unit).
    let word: String = f
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    word.to_lowercase()
}
