//! What a text copied out of a PDF viewer or a word processor holds beside the points: numbers in
//! other styles (`2.All`, `3 . Each`, `(4)`, `Article 5`), page numbers and running headers, words
//! hyphenated across line breaks. The text reader ([`super::text`]) uses these rules and reports
//! every repair as a [`super::Warning`].

use crate::hash::HashMap;
use crate::model::{split_lines, trim_line};

/// A numbering style the format does not use, but pasted documents do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Style {
    /// The format's own `1.`, `1)`, `Point 1:`.
    Format,
    /// No space after the number's dot: `2.All parties`.
    Glued,
    /// A space before the dot: `3 . Each party`.
    Spaced,
    /// In parentheses: `(4) Each party`.
    Parenthesised,
    /// After a word: `Article 5`, `Art. 5`, `§ 5`, `Section 5`, `Point 5`, `Пункт 5`, `Стаття 5`.
    Word,
}

impl Style {
    /// One bit per style, for sets of styles.
    pub(super) fn bit(self) -> u8 {
        1 << self as u8
    }
}

/// Words that put a point's number after them, lower case; each is followed by white space or
/// (those ending in a dot, and `§`) directly by the number.
const NUMBER_WORDS: &[&str] = &[
    "article",
    "art.",
    "art",
    "section",
    "point",
    "clause",
    "§",
    "пункт",
    "п.",
    "стаття",
    "ст.",
    "статья",
    "розділ",
    "раздел",
];

/// A line that starts with a number in one of the other [`Style`]s: the number (digits, maybe one
/// lower-case letter: `5a`), the byte offset of the text after it, and the style.
pub(super) fn other_marker(s: &str) -> Option<(&str, usize, Style)> {
    let first = s.chars().next()?;
    // `terminated`: a dot, colon, parenthesis or dash follows the number (`Art. 5.`, `3 . x`).
    let (label, after, style, terminated) = if first.is_ascii_digit() {
        let n = number_len(s);
        let rest = &s[n..];
        if let Some(r) = rest.strip_prefix(['.', ')']) {
            // `2.All`: the text starts at once, with a capital.
            if !r.chars().next().is_some_and(char::is_uppercase) {
                return None;
            }
            return Some((&s[..n], s.len() - r.len(), Style::Glued));
        }
        // `3 . Each`, `3 : Each`
        let r = rest.trim_start_matches([' ', '\t', '\u{a0}', '\u{202f}']);
        if r.len() == rest.len() {
            return None;
        }
        let r = r.strip_prefix(['.', ')', ':'])?;
        (&s[..n], r, Style::Spaced, true)
    } else if first == '(' {
        let inner = &s[1..];
        let n = number_len(inner);
        if n == 0 {
            return None;
        }
        let r = inner[n..].strip_prefix(')')?;
        (&inner[..n], r, Style::Parenthesised, false)
    } else {
        // The first letters of the number words: most lines are answered here.
        if !matches!(
            first,
            'a' | 'A' | 's' | 'S' | 'p' | 'P' | 'c' | 'C' | '§' | 'п' | 'П' | 'с' | 'С' | 'р' | 'Р'
        ) {
            return None;
        }
        let word = NUMBER_WORDS.iter().find_map(|w| strip_word(s, w))?;
        let glued = word.starts_with(|c: char| c.is_ascii_digit());
        let rest = word.trim_start();
        if !glued && rest.len() == word.len() {
            // `Articles` or `Pointe`: not the word.
            return None;
        }
        let n = number_len(rest);
        // French writes the first article as an ordinal: `Article 1er`, `Article premier`.
        let (label, r) = if n == 0 {
            match ["premier", "première", "premiere"]
                .iter()
                .find_map(|w| strip_word(rest, w))
            {
                Some(r) if !r.starts_with(char::is_alphabetic) => ("1", r),
                _ => return None,
            }
        } else if &rest[..n] == "1" && rest[n..].starts_with("er") {
            ("1", &rest[n + 2..])
        } else {
            (&rest[..n], &rest[n..])
        };
        // The separator may stand after a space, as French typography writes it (`Article 2 :`,
        // with a no-break space).
        let spaced = r.trim_start_matches(char::is_whitespace);
        match spaced.strip_prefix(['.', ':', ')', '-', '\u{2013}', '\u{2014}']) {
            Some(r) => (label, r, Style::Word, true),
            None => (label, r, Style::Word, false),
        }
    };
    // The number ends the line, or white space follows it; and a bare number (`Article 5`, `(5)`) is
    // not followed by lower case, as in a sentence that mentions an article (`Article 5 of the
    // Treaty applies`, a line of a point wrapped before `Article 5`). A number with a dot or colon
    // after it (`Art. 5.`, `Стаття 5:`, `5 .`) is a marker before any text.
    if !(after.is_empty() || after.starts_with(char::is_whitespace)) {
        return None;
    }
    let text = after.trim_start();
    if !terminated && text.starts_with(char::is_lowercase) {
        return None;
    }
    Some((label, s.len() - text.len(), style))
}

/// `s` after `word` (lower case) when `s` starts with it in any case, compared without allocating.
pub(super) fn strip_word<'s>(s: &'s str, word: &str) -> Option<&'s str> {
    let mut rest = s.chars();
    for w in word.chars() {
        let c = rest.next()?;
        if c != w && !c.to_lowercase().eq(std::iter::once(w)) {
            return None;
        }
    }
    Some(rest.as_str())
}

/// Length of a number at the start of `s`: digits, then maybe one lower-case letter (`5a`, `5а`)
/// when nothing alphabetic follows it.
fn number_len(s: &str) -> usize {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 9 {
        return 0;
    }
    let mut chars = s[digits..].chars();
    match (chars.next(), chars.next()) {
        (Some(c), next) if c.is_alphabetic() && c.is_lowercase() => {
            if next.is_some_and(char::is_alphabetic) {
                digits
            } else {
                digits + c.len_utf8()
            }
        }
        _ => digits,
    }
}

/// The whole number a label starts with: `12` for `12`, `12a` and `12.3`.
pub(super) fn leading_number(label: &str) -> Option<u64> {
    let digits = label.bytes().take_while(u8::is_ascii_digit).count();
    label[..digits].parse().ok()
}

/// Words of a page number line, lower case: `Page 2`, `Page 2 of 7`, `Стор. 2`, `Сторінка 2 з 7`.
const PAGE_WORDS: &[&str] = &[
    "page",
    "p.",
    "pg.",
    "стор.",
    "сторінка",
    "стр.",
    "страница",
    "с.",
    "seite",
    "s.",
];

/// Words between a page's number and the count of pages: `of`, `з`, `із`, `из`, `von`.
const PAGE_OF: &[&str] = &["of", "з", "із", "из", "von", "/"];

/// Whether a (trimmed) line is a page number: `Page 1 of 3`, `Page 2`, `- 2 -`, `— 2 —`, `2/7`,
/// `2 of 7`, `Стор. 2`, `Сторінка 2 з 7`, `[2]`.
pub(super) fn is_page_number(line: &str) -> bool {
    if line.len() > 40 {
        return false;
    }
    let Some(first) = line.chars().next() else {
        return false;
    };
    // Most lines start with a letter that begins no page word, or are text: answered at once.
    let rest = line;
    if first.is_alphabetic() {
        if !matches!(first, 'p' | 'P' | 's' | 'S' | 'с' | 'С') {
            return false;
        }
        return PAGE_WORDS
            .iter()
            .find_map(|w| strip_word(line, w))
            .is_some_and(|r| page_count(r.trim_start()));
    }
    // `- 2 -`, `— 2 —`, `[2]`
    for (open, close) in [
        ("-", "-"),
        ("\u{2013}", "\u{2013}"),
        ("\u{2014}", "\u{2014}"),
        ("[", "]"),
    ] {
        if let Some(inner) = rest.strip_prefix(open).and_then(|r| r.strip_suffix(close)) {
            let inner = inner.trim();
            return !inner.is_empty() && inner.bytes().all(|b| b.is_ascii_digit());
        }
    }
    // `2/7`, `2 / 7`, `2 of 7`: a number, a word of [`PAGE_OF`], a number.
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && of_count(rest[digits..].trim_start())
}

/// After a page word: a number, optionally `of N` (`2`, `2 of 7`, `2 з 7`, `2/7`).
fn page_count(rest: &str) -> bool {
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return false;
    }
    let after = rest[digits..].trim_start();
    after.is_empty() || of_count(after)
}

/// `of 7`, `з 7`, `/7`: a word of [`PAGE_OF`] (followed by white space, but `/`), then a number
/// ending the line.
fn of_count(after: &str) -> bool {
    PAGE_OF.iter().any(|w| {
        after.strip_prefix(w).is_some_and(|r| {
            let spaced = r.starts_with(char::is_whitespace);
            let r = r.trim_start();
            (spaced || *w == "/") && !r.is_empty() && r.bytes().all(|b| b.is_ascii_digit())
        })
    })
}

/// The longest line (in bytes) taken for a running header or footer.
const MAX_RUNNING: usize = 100;

/// The fewest lines between two copies of a running header or footer: about a page.
const MIN_PAGE_LINES: usize = 8;

/// Running headers and footers: short lines that recur at page-like intervals (at least
/// [`MIN_PAGE_LINES`] apart) three times or more, or that recur (at least three lines apart) only
/// next to page breaks: each copy within two lines of a form feed or a page number line, or at the
/// top of the body. Digits compare as one (`Draft 3 of 7` and `Draft 4 of 7` are one footer).
/// Lines that start a point, an item or a list item, headings, lines ending a sentence or a clause
/// and single lower-case words are never taken. Returns the indices (0-based, into
/// `split_lines(src)`) of the lines to drop, from `first` on, in order, and (from the same pass) how
/// many lines start with a digit.
pub(super) fn running_lines(
    src: &str,
    first: usize,
    is_item: impl Fn(&str) -> bool,
) -> (Vec<usize>, usize) {
    // Lines that start with a digit, counted in the same pass (the reader reserves room for that many points).
    let mut numbered = 0usize;
    // Lines with the same text (digits as `0`), found through a hash of the text; lines whose
    // hashes collide are told apart by their texts (the next slot is tried). A group is 16 bytes
    // (most lines are distinct, and a file of millions of short lines has millions of groups): the
    // first copy's place in `src`, its length and index, and where its other copies are listed.
    #[derive(Clone, Copy)]
    struct Group {
        start: u32,
        len: u8,
        first: u32,
        /// Index in `copies` of the list of its other copies (`u32::MAX`: none yet).
        more: u32,
    }
    // Texts past 4 GiB have no room in the groups' offsets: read without this pass.
    if src.len() > u32::MAX as usize {
        return (Vec::new(), 0);
    }
    let mut groups: Vec<Group> = Vec::new();
    // The other copies of the groups that have any; a list of one `usize::MAX` marks a group whose
    // copies stood too close (text, not furniture).
    let mut copies: Vec<Vec<usize>> = Vec::new();
    // About one line in 60 bytes: room for them, so that the map is not rebuilt as it grows.
    let mut by_hash: HashMap<u64, u32> =
        HashMap::with_capacity_and_hasher((src.len() / 60).min(1 << 20), Default::default());
    let mut breaks: Vec<usize> = Vec::new();
    let base = src.as_ptr() as usize;
    let text_of = |g: &Group| &src[g.start as usize..g.start as usize + g.len as usize];
    for (i, raw) in split_lines(src).enumerate().skip(first) {
        // A form feed before the line (the separator it follows) is a page break.
        let start = raw.as_ptr() as usize - base;
        if start > 0 && src.as_bytes()[start - 1] == b'\x0c' {
            breaks.push(i);
        }
        let line = trim_line(raw);
        if line.as_bytes().first().is_some_and(u8::is_ascii_digit) {
            numbered += 1;
        }
        if line.is_empty() || line.len() > MAX_RUNNING {
            continue;
        }
        if is_page_number(line) {
            breaks.push(i);
            continue;
        }
        // Cheap tests here; whether the line is an item or a list item is asked only of lines that
        // recur. A line of a point's own is never taken: a list item, a sentence's end (`The
        // guarantors confirm it.`), a single word in lower case (the tail of a wrapped line).
        let one_lower_word =
            || !line.contains(char::is_whitespace) && line.chars().any(char::is_lowercase);
        if line.ends_with(['.', '!', '?', ';', ',', ':'])
            || line.starts_with('#')
            || (memchr::memchr(b' ', line.as_bytes()).is_none() && one_lower_word())
        {
            continue;
        }
        let mut key = digits_as_zero_hash(line);
        loop {
            match by_hash.get(&key) {
                Some(&g) if same_but_digits(text_of(&groups[g as usize]), line) => {
                    let group = &mut groups[g as usize];
                    if group.more == u32::MAX {
                        group.more = copies.len() as u32;
                        copies.push(Vec::new());
                    }
                    let more = &mut copies[group.more as usize];
                    // Copies closer than any rule allows end the group (it is text, not furniture):
                    // its list is dropped, and no copy is kept any more (marked by one `MAX`).
                    if more.first() != Some(&usize::MAX) {
                        let last = more.last().copied().unwrap_or(group.first as usize);
                        if i - last < 3 {
                            *more = vec![usize::MAX];
                        } else {
                            more.push(i);
                        }
                    }
                    break;
                }
                Some(_) => key = key.wrapping_add(1),
                None => {
                    by_hash.insert(key, groups.len() as u32);
                    groups.push(Group {
                        start: (line.as_ptr() as usize - base) as u32,
                        len: line.len() as u8,
                        // Line indices stay below the text's length, itself below 4 GiB.
                        first: i as u32,
                        more: u32::MAX,
                    });
                    break;
                }
            }
        }
    }
    let near_break = |i: usize| {
        let at = breaks.partition_point(|&b| b + 2 < i);
        breaks.get(at).is_some_and(|&b| b <= i + 2)
    };
    // The body's first lines are the top of a page.
    let page_top = |i: usize| near_break(i) || i < first + 3;
    let mut out = Vec::new();
    for g in &groups {
        let Some(more) = copies.get(g.more as usize) else {
            continue;
        };
        let text = text_of(g);
        // A list item (`a) Ukraine` under three points) is asked about only here, of lines that
        // recur (copies share their text but for digits, and digits make no list item of a line
        // that is none).
        if more.is_empty()
            || more.first() == Some(&usize::MAX)
            || !text.chars().any(char::is_alphabetic)
            || is_list_item(text)
            || is_item(text)
        {
            continue;
        }
        let copies: Vec<usize> = std::iter::once(g.first as usize)
            .chain(more.iter().copied())
            .collect();
        let apart = |min: usize| copies.windows(2).all(|w| w[1] - w[0] >= min);
        let running = (copies.iter().all(|&i| page_top(i)) && apart(3))
            || (copies.len() >= 3 && apart(MIN_PAGE_LINES));
        if running {
            out.extend(copies.iter().copied());
        }
    }
    out.sort_unstable();
    (out, numbered)
}

/// A hash of a line (at most [`MAX_RUNNING`] bytes) with its ASCII digits as `0` (`Draft 3 of 7`
/// and `Draft 4 of 7` hash alike).
fn digits_as_zero_hash(line: &str) -> u64 {
    let mut buf = [0u8; MAX_RUNNING];
    let n = line.len().min(MAX_RUNNING);
    for (d, b) in buf.iter_mut().zip(line.bytes()) {
        *d = if b.is_ascii_digit() { b'0' } else { b };
    }
    crate::hash::hash_bytes(&buf[..n])
}

/// Whether two lines are the same but for their ASCII digits.
fn same_but_digits(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .all(|(x, y)| x == y || (x.is_ascii_digit() && y.is_ascii_digit()))
}

/// How the reader joins a line to the line before it in a point.
pub(super) enum Join {
    /// A line break kept (an indented line, a list item, a paragraph).
    Newline,
    /// A hard-wrapped line: joined with a space.
    Space,
    /// A word hyphenated across the break: the hyphen removed, no space. Holds the byte length of
    /// the hyphen to remove.
    Rejoin(usize),
    /// A hyphenated compound broken at its hyphen (`all-for-` / `all`): joined with no space, the
    /// hyphen kept.
    KeepHyphen,
}

/// Whether a line starts like a list item inside a point: a bullet, `a)`, `а)`, `(a)`, `i.`.
pub(super) fn is_list_item(line: &str) -> bool {
    // Most lines start with an ASCII letter or digit: the marker's bytes are looked at, no further
    // than a marker can be long.
    let b = line.as_bytes();
    if b.first().is_some_and(u8::is_ascii_alphanumeric) {
        let marker = b
            .iter()
            .take(7)
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'.')
            .count();
        match b.get(marker) {
            // The marker is all ASCII: answered here.
            Some(c) if c.is_ascii() => {
                return marker <= 6
                    && (*c == b')'
                        || (marker == 2
                            && b[1] == b'.'
                            && b[0].is_ascii_alphabetic()
                            && c.is_ascii_whitespace()));
            }
            None => return false,
            // A letter beyond ASCII in the marker (`5а)`) or white space (a no-break space).
            Some(_) => {}
        }
    }
    let mut chars = line.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if first == '\u{2014}' || super::text::BULLETS.contains(&first) {
        return chars.next().is_none_or(char::is_whitespace);
    }
    // `a)`, `(a)`, `iv)`, `21.d)`, or one letter and a dot, `a.`
    let rest = line.strip_prefix('(').unwrap_or(line);
    let marker = rest
        .chars()
        .take_while(|&c| c.is_alphanumeric() || c == '.')
        .count();
    if marker == 0 || marker > 6 {
        return false;
    }
    let skip: usize = rest.chars().take(marker).map(char::len_utf8).sum();
    let (marker, after) = rest.split_at(skip);
    after.starts_with(')')
        || (marker.chars().count() == 2
            && marker.ends_with('.')
            && marker.starts_with(char::is_alphabetic)
            && after.starts_with(char::is_whitespace))
}

/// How often each word of a draft is used, for [`join`]'s question whether a broken word's halves
/// are words of the draft. Words are kept as hashes of their lower case (keyed, see [`crate::hash`]),
/// not as text: a draft of millions of distinct words costs 16 bytes each. Two words would share a
/// count only if their 64-bit hashes collide.
pub(super) struct Vocabulary {
    uses: HashMap<u64, u32>,
}

impl Vocabulary {
    /// Counts the words of `src` (UAX #29 words, as the aligner sees them).
    pub(super) fn new(src: &str) -> Self {
        let mut uses: HashMap<u64, u32> = HashMap::default();
        for w in crate::tokens::words(src) {
            // Lower-cased as the questions are (`str::to_lowercase`: a final sigma is `ς`).
            let key = if w.chars().any(char::is_uppercase) {
                crate::hash::hash_bytes(w.to_lowercase().as_bytes())
            } else {
                crate::hash::hash_bytes(w.as_bytes())
            };
            let n = uses.entry(key).or_insert(0);
            *n = n.saturating_add(1);
        }
        Vocabulary { uses }
    }

    /// The uses of `word` (in lower case) in the draft.
    pub(super) fn uses(&self, word: &str) -> usize {
        self.uses
            .get(&crate::hash::hash_bytes(word.as_bytes()))
            .map_or(0, |&n| n as usize)
    }
}

/// The longest word (in characters) a hyphenated line break is rejoined into.
pub(super) const MAX_WORD: usize = 64;

/// Prefixes written with a hyphen (`self-defence`, `post-war`, `віце-прем'єр`): a word broken after
/// one keeps its hyphen when the rest is a word used elsewhere in the draft (and the joined word is
/// not). Not `ex-`, `pre-` or `pro-`: `ex-` / `change`, `pre-` / `vent` and `pro-` / `vide` are how
/// words are hyphenated.
const HYPHEN_PREFIXES: &[&str] = &[
    "self", "non", "post", "anti", "vice", "cross", "quasi", "semi", "mid", "all", "well", "long",
    "short", "full", "large", "high", "low", "віце", "екс", "вице", "экс",
];

/// The hyphens a word may be broken with at a line's end: hyphen-minus, the Unicode hyphen, the soft
/// hyphen.
const HYPHENS: &[char] = &['-', '\u{2010}', '\u{ad}'];

/// How `line` joins `before` (the text so far), for a line at the point's own indentation: a list item
/// keeps its line break; a word broken by a hyphen is rejoined when the joined word is used
/// elsewhere in the draft, or its first half is not (`nego-`), and kept as a compound when its first
/// half is a word used elsewhere (`all-for-` / `all`); anything else is a hard wrap. `uses` counts
/// a (lower-case) word's uses in the draft, the broken halves included.
pub(super) fn join(before: &str, line: &str, uses: &mut impl FnMut(&str) -> usize) -> Join {
    if is_list_item(line) {
        return Join::Newline;
    }
    let Some(hyphen) = before.chars().next_back().filter(|c| HYPHENS.contains(c)) else {
        return Join::Space;
    };
    let head = &before[..before.len() - hyphen.len_utf8()];
    // After a letter or digit and before a capital or a digit, a hyphen is a compound's
    // (`Russia-` / `Ukraine`, `30-` / `day` below): kept, the lines joined without a space.
    let glued_before = head.chars().next_back().is_some_and(char::is_alphanumeric);
    if hyphen != '\u{ad}'
        && glued_before
        && line
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    {
        return Join::KeepHyphen;
    }
    // Looked at no further than a long word: a chain of lines `ab-` is no word (and must not cost
    // the square of its length).
    let first_half: &str = {
        let start = head
            .char_indices()
            .rev()
            .take(MAX_WORD + 1)
            .take_while(|(_, c)| c.is_alphabetic())
            .last()
            .map_or(head.len(), |(i, _)| i);
        &head[start..]
    };
    let second_half: &str = {
        let end = line
            .char_indices()
            .take(MAX_WORD + 1)
            .find(|(_, c)| !c.is_alphabetic())
            .map_or(line.len().min(4 * (MAX_WORD + 1)), |(i, _)| i);
        line.get(..end).unwrap_or("")
    };
    if hyphen != '\u{ad}'
        && glued_before
        && first_half.is_empty()
        && second_half.chars().next().is_some_and(char::is_lowercase)
    {
        // A number's compound: `30-` / `day`.
        return Join::KeepHyphen;
    }
    if first_half.is_empty()
        || second_half.is_empty()
        || first_half.chars().count() > MAX_WORD
        || second_half.chars().count() > MAX_WORD
        || !second_half.chars().next().is_some_and(char::is_lowercase)
    {
        return Join::Space;
    }
    if hyphen == '\u{ad}' {
        return Join::Rejoin(hyphen.len_utf8());
    }
    let first_lower = first_half.to_lowercase();
    let joined = format!("{first_lower}{}", second_half.to_lowercase());
    if uses(&joined) > 0 {
        return Join::Rejoin(hyphen.len_utf8());
    }
    // A half that is itself after a hyphen (`all-for-` / `all`) is part of a compound, and so is a
    // prefix written with a hyphen (`self-` / `defence`, `post-` / `war`).
    let in_compound = head[..head.len() - first_half.len()]
        .chars()
        .next_back()
        .is_some_and(|c| HYPHENS.contains(&c));
    let second_used = uses(&second_half.to_lowercase()) >= 2;
    let compound = in_compound
        || (second_used
            && (HYPHEN_PREFIXES.contains(&first_lower.as_str()) || uses(&first_lower) >= 2));
    if !compound {
        Join::Rejoin(hyphen.len_utf8())
    } else {
        Join::KeepHyphen
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_styles_of_numbers() {
        assert_eq!(other_marker("2.All parties"), Some(("2", 2, Style::Glued)));
        assert_eq!(
            other_marker("3 . Each party"),
            Some(("3", 4, Style::Spaced))
        );
        assert_eq!(
            other_marker("(4) Each"),
            Some(("4", 4, Style::Parenthesised))
        );
        assert_eq!(other_marker("Article 5 Each"), Some(("5", 10, Style::Word)));
        assert_eq!(other_marker("Art. 5. Each"), Some(("5", 8, Style::Word)));
        assert_eq!(other_marker("§ 6 Each"), Some(("6", 5, Style::Word)));
        assert_eq!(other_marker("§6: Each"), Some(("6", 5, Style::Word)));
        assert_eq!(other_marker("Пункт 7 Кожна"), Some(("7", 13, Style::Word)));
        assert_eq!(other_marker("Стаття 8. Кожна").map(|m| m.0), Some("8"));
        assert_eq!(other_marker("Article 9"), Some(("9", 9, Style::Word)));
        assert_eq!(other_marker("Point 5a: X").map(|m| m.0), Some("5a"));
        // Not numbers of points.
        for s in [
            "2.5 million",
            "2.the",
            "2 000 troops",
            "(a) first",
            "Articles 5 and 6",
            "Article five",
            "Article 5 of the North Atlantic Treaty",
            "(2) to exchange prisoners",
            "Стаття 5 цього договору",
            "Pointe 5",
            "1999 was",
            "2 .5",
        ] {
            assert_eq!(other_marker(s), None, "{s}");
        }
    }

    #[test]
    fn page_numbers() {
        for s in [
            "Page 1 of 3",
            "page 2",
            "- 2 -",
            "\u{2014} 12 \u{2014}",
            "2/7",
            "2 / 7",
            "3 of 9",
            "Стор. 2",
            "Сторінка 2 з 7",
            "[4]",
        ] {
            assert!(is_page_number(s), "{s}");
        }
        for s in [
            "Page one",
            "2 of the parties",
            "- a -",
            "1/2 of the troops",
            "Pages 2",
            "2",
            "Paged 2",
        ] {
            assert!(!is_page_number(s), "{s}");
        }
    }

    #[test]
    fn running_headers_need_pages() {
        let page = |n: usize| {
            let mut s = String::from("Plan draft\n");
            for i in 0..10 {
                s.push_str(&format!("line {i} of page {n} text\n"));
            }
            s.push_str(&format!("Page {n} of 3\n"));
            s
        };
        let src = format!("{}{}{}", page(1), page(2), page(3));
        let (dropped, _) = running_lines(&src, 0, |_| false);
        assert!(dropped.is_sorted());
        let lines: Vec<&str> = split_lines(&src).collect();
        let mut texts: Vec<&str> = dropped.iter().map(|&i| lines[i]).collect();
        texts.sort();
        assert_eq!(texts, ["Plan draft"; 3]);
        // The same line twice, close together, is text.
        assert!(
            running_lines("a\nPlan draft\nb\nPlan draft\n", 0, |_| false)
                .0
                .is_empty()
        );
    }

    #[test]
    fn hyphens_at_line_ends() {
        let words = [
            "international",
            "all",
            "all",
            "for",
            "for",
            "to",
            "to",
            "matoes",
            "defence",
            "defence",
            "war",
            "war",
            "change",
        ];
        let mut is_word = |w: &str| words.iter().filter(|&&x| x == w).count();
        assert!(matches!(
            join("the inter-", "national", &mut is_word),
            Join::Rejoin(1)
        ));
        assert!(matches!(
            join("all-for-", "all swap", &mut is_word),
            Join::KeepHyphen
        ));
        assert!(matches!(
            join("nego-", "tiations", &mut is_word),
            Join::Rejoin(1)
        ));
        assert!(matches!(
            join("the cease\u{ad}", "fire", &mut is_word),
            Join::Rejoin(2)
        ));
        assert!(matches!(join("a", "b", &mut is_word), Join::Space));
        assert!(matches!(
            join("terms:", "a) first", &mut is_word),
            Join::Newline
        ));
        for item in [
            "- x",
            "• x",
            "(a) x",
            "а) x",
            "21.d) x",
            "iv) x",
            "b. x",
            "5а) x",
            "b.\u{a0}x",
            "abcdef) x",
        ] {
            assert!(is_list_item(item), "{item}");
        }
        for text in [
            "a-b",
            "Art. 5",
            "and so",
            "U.S. troops",
            "e.g. this",
            "abcdefg) x",
            "5",
            "ab.",
        ] {
            assert!(!is_list_item(text), "{text}");
        }
        assert!(matches!(
            join("in 2025 -", "the", &mut is_word),
            Join::Space
        ));
        // Compounds keep their hyphen: before a capital or after a digit, a half after a hyphen, a
        // prefix written with one before a word of the draft; `ex-` / `change` is a word broken.
        assert!(matches!(
            join("an ex-", "change of", &mut is_word),
            Join::Rejoin(1)
        ));
        for (before, line) in [
            ("the NATO-", "Russia council"),
            ("a 30-", "day freeze"),
            ("on an all-for-", "all basis"),
            ("the right of self-", "defence"),
            ("the post-", "war order"),
        ] {
            assert!(
                matches!(join(before, line, &mut is_word), Join::KeepHyphen),
                "{before} / {line}"
            );
        }
    }
}
