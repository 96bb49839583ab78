//! Words, case folding, light stemming and figures: the text features the aligner compares.
//!
//! Words come from Unicode word segmentation (UAX #29), so "600,000" and "обʼєкт" are single words in any
//! script. Case is folded with full Unicode lowercasing. Stems strip common inflectional endings of
//! English and of Ukrainian/Russian (Cyrillic) words, so "гарантії", "гарантій" and "гарантіями", or
//! "guarantee" and "guarantees", count as one feature. Numbers are never stemmed: a changed figure is a
//! changed word.

use unicode_segmentation::UnicodeSegmentation;

/// Common function words of English, Ukrainian and Russian. They carry little evidence about which
/// point is which, so the aligner ignores them.
const STOPWORDS: &[&str] = &[
    // English
    "a",
    "an",
    "and",
    "are",
    "as",
    "at",
    "be",
    "by",
    "for",
    "from",
    "has",
    "have",
    "in",
    "into",
    "is",
    "it",
    "its",
    "of",
    "on",
    "or",
    "that",
    "the",
    "their",
    "this",
    "to",
    "was",
    "which",
    "will",
    "with",
    "within",
    "all",
    "any",
    "no",
    "not",
    "shall",
    "should",
    "would",
    "other",
    "been",
    "both",
    "such",
    "these",
    "those",
    "they",
    "them",
    "also",
    "than",
    "then",
    "there",
    "between",
    "after",
    "before",
    "under",
    "over",
    "each",
    "can",
    "may",
    "must",
    "per",
    "who",
    "whose",
    "so",
    "if",
    "but",
    "while",
    // Ukrainian
    "і",
    "й",
    "та",
    "в",
    "у",
    "на",
    "з",
    "із",
    "зі",
    "до",
    "що",
    "як",
    "не",
    "за",
    "від",
    "для",
    "по",
    "про",
    "це",
    "його",
    "її",
    "їх",
    "а",
    "але",
    "чи",
    "або",
    "при",
    "між",
    "після",
    "щодо",
    "усі",
    "всі",
    "буде",
    "будуть",
    "є",
    "також",
    "так",
    "який",
    "яка",
    "які",
    "яке",
    "цей",
    "ця",
    "ці",
    "свої",
    "своїх",
    "під",
    "над",
    "через",
    "без",
    "ще",
    "вже",
    "ні",
    "має",
    "мають",
    "бути",
    // Russian
    "и",
    "в",
    "во",
    "с",
    "со",
    "к",
    "о",
    "об",
    "от",
    "для",
    "по",
    "что",
    "как",
    "не",
    "на",
    "из",
    "за",
    "это",
    "его",
    "ее",
    "их",
    "но",
    "или",
    "при",
    "между",
    "после",
    "все",
    "будет",
    "будут",
    "также",
    "который",
    "которая",
    "которые",
    "этот",
    "эта",
    "эти",
    "под",
    "над",
    "через",
    "без",
    "уже",
    "ни",
];

/// English endings, longest first.
const EN_SUFFIXES: &[&str] = &[
    "ations", "ation", "ments", "ment", "ings", "ing", "ians", "ian", "ean", "ial", "ies", "ied",
    "ia", "al", "ed", "es", "ly", "s", "e", "y",
];

/// Ukrainian and Russian inflectional endings, longest first.
const CYR_SUFFIXES: &[&str] = &[
    "ються",
    "ється",
    "уться",
    "ится",
    "ются",
    "ется",
    "ують",
    "юють",
    "ають",
    "яють",
    "ить",
    "ать",
    "ять",
    "ють",
    "уть",
    "ути",
    "ити",
    "ати",
    "яти",
    "ться",
    "ся",
    "сь",
    "ує",
    "ює",
    "ає",
    "яє",
    "іями",
    "ями",
    "ами",
    "ого",
    "ому",
    "ими",
    "іми",
    "ого",
    "его",
    "ему",
    "ої",
    "ою",
    "ею",
    "ів",
    "їв",
    "ах",
    "ях",
    "ам",
    "ям",
    "ом",
    "ем",
    "им",
    "их",
    "ий",
    "ій",
    "ая",
    "яя",
    "ое",
    "ые",
    "ия",
    "ія",
    "ії",
    "ію",
    "ією",
    "ою",
    "ей",
    "ой",
    "ов",
    "ь",
    "а",
    "я",
    "о",
    "е",
    "у",
    "ю",
    "і",
    "и",
    "ї",
    "й",
    "ы",
];

/// Minimum length, in characters, that stemming leaves of a word.
const MIN_STEM: usize = 3;

/// Iterates over the words of a text as segmented by UAX #29 (punctuation and spaces dropped): the
/// segments of [`word_bounds`] that contain a letter or digit, exactly as `unicode_words` gives them.
pub fn words(text: &str) -> Words<'_> {
    Segments::new(text, true, |t| t.unicode_words())
}

/// Splits a text at every UAX #29 word boundary, keeping all segments (words, spaces, punctuation),
/// as `split_word_bounds` does, and much faster on ASCII text.
pub fn word_bounds(text: &str) -> WordBounds<'_> {
    Segments::new(text, false, |t| t.split_word_bounds())
}

/// The iterator of [`words`].
pub type Words<'a> = Segments<'a, unicode_segmentation::UnicodeWords<'a>>;

/// The iterator of [`word_bounds`].
pub type WordBounds<'a> = Segments<'a, unicode_segmentation::UWordBounds<'a>>;

/// Segments of a text: found by the ASCII fast path when the text is ASCII, else by
/// `unicode-segmentation`'s iterator `U`.
pub struct Segments<'a, U> {
    inner: Inner<'a, U>,
}

enum Inner<'a, U> {
    Ascii {
        bounds: AsciiBounds<'a>,
        /// Only the segments with a letter or digit.
        words: bool,
    },
    Unicode(U),
}

impl<'a, U> Segments<'a, U> {
    fn new(text: &'a str, words: bool, unicode: impl FnOnce(&'a str) -> U) -> Self {
        let inner = if text.is_ascii() {
            Inner::Ascii {
                bounds: AsciiBounds { rest: text },
                words,
            }
        } else {
            Inner::Unicode(unicode(text))
        };
        Segments { inner }
    }
}

impl<'a, U: Iterator<Item = &'a str>> Iterator for Segments<'a, U> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        match &mut self.inner {
            Inner::Ascii {
                bounds,
                words: true,
            } => bounds.next_word(),
            Inner::Ascii { bounds, .. } => bounds.next(),
            Inner::Unicode(u) => u.next(),
        }
    }
}

/// UAX #29 word segmentation of ASCII text: the rules restricted to the ASCII word-break classes
/// (letters, digits, `_`, the mid-word `:` `.` `'`, the mid-number `,` `;` `.` `'`, spaces and line
/// breaks; everything else stands alone). The property test `ascii_bounds_agree_with_unicode_segmentation`
/// checks it against `unicode-segmentation` on random ASCII.
struct AsciiBounds<'a> {
    rest: &'a str,
}

/// ASCII bytes that belong to words: letters, digits and `_`, by table (the hottest test in
/// tokenising).
const WORD_BYTES: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = b.is_ascii_alphanumeric() || b == b'_';
        c += 1;
    }
    t
};

fn is_word_byte(c: u8) -> bool {
    WORD_BYTES[usize::from(c)]
}

/// Length of the word segment at the start of `b`, whose first byte is a word byte.
fn ascii_word_len(b: &[u8]) -> usize {
    let mut k = 1;
    loop {
        while k < b.len() && is_word_byte(b[k]) {
            k += 1;
        }
        // WB6/7 (letter, mid-letter, letter) and WB11/12 (digit, mid-number, digit).
        let (Some(&mid), Some(&after)) = (b.get(k), b.get(k + 1)) else {
            return k;
        };
        let prev = b[k - 1];
        let letters = prev.is_ascii_alphabetic()
            && matches!(mid, b':' | b'.' | b'\'')
            && after.is_ascii_alphabetic();
        let digits = prev.is_ascii_digit()
            && matches!(mid, b',' | b';' | b'.' | b'\'')
            && after.is_ascii_digit();
        if !(letters || digits) {
            return k;
        }
        k += 2;
    }
}

impl<'a> AsciiBounds<'a> {
    /// The next segment with a letter or digit, skipping the others: only word segments have one,
    /// and every other segment is a run of bytes that cannot start a word.
    fn next_word(&mut self) -> Option<&'a str> {
        loop {
            let b = self.rest.as_bytes();
            let start = b.iter().position(|&c| is_word_byte(c))?;
            let len = ascii_word_len(&b[start..]);
            let word = &self.rest[start..start + len];
            self.rest = &self.rest[start + len..];
            if word.as_bytes()[0] != b'_' || word.bytes().any(|c| c.is_ascii_alphanumeric()) {
                return Some(word);
            }
        }
    }
}

impl<'a> Iterator for AsciiBounds<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let b = self.rest.as_bytes();
        let first = *b.first()?;
        let len = match first {
            b'\r' if b.get(1) == Some(&b'\n') => 2,
            b' ' => b.iter().take_while(|&&c| c == b' ').count(),
            c if is_word_byte(c) => ascii_word_len(b),
            _ => 1,
        };
        let (head, rest) = self.rest.split_at(len);
        self.rest = rest;
        Some(head)
    }
}

/// Folds a word's case and unifies apostrophes (`'`, `’`, `ʼ`), so spelling variants compare equal.
#[cfg(test)]
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    fold_into(word, &mut out);
    out
}

/// Folds a word (see [`features`]: case folded, apostrophes unified) into a buffer (appended).
pub(crate) fn fold_into(word: &str, out: &mut String) {
    if word.is_ascii() {
        if !word.bytes().any(|b| matches!(b, b'\'' | b'`')) {
            let at = out.len();
            out.push_str(word);
            out[at..].make_ascii_lowercase();
        } else {
            out.extend(
                word.bytes()
                    .filter(|b| !matches!(b, b'\'' | b'`'))
                    .map(|b| char::from(b.to_ascii_lowercase())),
            );
        }
        return;
    }
    out.extend(
        word.chars()
            .filter(|c| !matches!(c, '\'' | '’' | 'ʼ' | '`'))
            .flat_map(char::to_lowercase),
    );
}

/// True when the word is a figure: it contains a digit.
pub fn is_figure(word: &str) -> bool {
    // ASCII digits answer at once; anything else non-ASCII is looked at as characters.
    for &b in word.as_bytes() {
        if b.is_ascii_digit() {
            return true;
        }
        if !b.is_ascii() {
            return word.chars().any(|c| c.is_numeric());
        }
    }
    false
}

/// True when the (folded) word is a function word.
pub fn is_stopword(folded: &str) -> bool {
    static SET: std::sync::OnceLock<crate::hash::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    SET.get_or_init(|| STOPWORDS.iter().copied().collect())
        .contains(folded)
}

/// The stem of a folded word: the word without its inflectional ending, at least three characters.
/// Figures are returned whole.
pub fn stem(folded: &str) -> &str {
    if is_figure(folded) {
        return folded;
    }
    let ascii = folded.is_ascii();
    let cyrillic = !ascii
        && folded
            .chars()
            .any(|c| ('\u{0400}'..='\u{04FF}').contains(&c));
    let suffixes = if cyrillic { CYR_SUFFIXES } else { EN_SUFFIXES };
    let len = if ascii {
        folded.len()
    } else {
        folded.chars().count()
    };
    for suffix in suffixes {
        if let Some(rest) = folded.strip_suffix(suffix) {
            if len - suffix.chars().count() >= MIN_STEM {
                return rest;
            }
        }
    }
    folded
}

/// Length of the word prefix used as a second, coarser feature (see [`features`]).
pub const PREFIX_LEN: usize = 5;

/// The features of a text for similarity: each content word's stem, and for longer words also its first
/// [`PREFIX_LEN`] characters marked with a `~`, so that derived forms the stemmer misses ("territory",
/// "territorial"; "Запоріжжя", "Запорізька") still share a feature.
pub fn features(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_feature(text, |f| out.push(f.to_string()));
    out
}

/// Calls `f` with each feature of [`features`], in the same order, reusing two buffers instead of
/// allocating per word.
pub fn for_each_feature(text: &str, mut f: impl FnMut(&str)) {
    let mut buf = String::new();
    let mut prefix = String::new();
    // Inside a cross-reference (`see 9`, `see points 9 and 10`): its numbers and nouns name another
    // point, not this one's substance, and give no feature.
    let mut in_reference = false;
    for w in words(text) {
        // Most words are folded already (ASCII, no capitals, no apostrophes): those are used as
        // they are, and whether they are figures is seen in the same pass.
        let (mut plain, mut digit) = (true, false);
        for &b in w.as_bytes() {
            plain &= !(b.is_ascii_uppercase() || b == b'\'' || b == b'`' || !b.is_ascii());
            digit |= b.is_ascii_digit();
        }
        let folded: &str = if plain {
            w
        } else {
            buf.clear();
            fold_into(w, &mut buf);
            &buf
        };
        if folded.is_empty() || (w.len() <= 4 && is_list_marker(text, w)) {
            continue;
        }
        if REFERENCE_WORDS.contains(&folded) {
            in_reference = true;
            continue;
        }
        let figure = (plain && digit) || (!plain && is_figure(folded));
        if in_reference {
            if figure || REFERENCE_NOUNS.contains(&folded) || REFERENCE_LINKS.contains(&folded) {
                continue;
            }
            in_reference = false;
        }
        // A figure is its own stem, has no prefix feature, and is never a function word (a test
        // checks that no stop word has a digit).
        if figure {
            f(folded);
            continue;
        }
        if is_stopword(folded) {
            continue;
        }
        let stem = stem(folded);
        let chars = if folded.is_ascii() {
            folded.len()
        } else {
            folded.chars().count()
        };
        if chars > PREFIX_LEN {
            prefix.clear();
            prefix.push('~');
            prefix.extend(folded.chars().take(PREFIX_LEN));
            if prefix[1..] != *stem {
                f(&prefix);
            }
        }
        f(stem);
    }
}

/// Splits a text into sentences and clauses: at `.`, `;`, `!`, `?` followed by white space, and at line
/// breaks. Pieces keep their punctuation; empty pieces are dropped.
pub fn sentences(text: &str) -> Vec<&str> {
    if text.is_ascii() {
        cut(text, sentence_ends_ascii(text))
    } else {
        cut(text, sentence_ends(text))
    }
}

/// The pieces of `text` between consecutive `ends` (byte offsets), trimmed, empty ones dropped. A
/// list marker that ends a piece (`The organization: a.`, `; and b.`) opens the next one instead:
/// the item it numbers follows it.
fn cut(text: &str, ends: impl Iterator<Item = usize>) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for end in ends.chain(std::iter::once(text.len())) {
        if end < start {
            continue;
        }
        let head = if end < text.len() {
            trailing_marker(&text[start..end]).map_or(end, |k| start + k)
        } else {
            end
        };
        let piece = text[start..head].trim();
        if !piece.is_empty() {
            out.push(piece);
        }
        start = head;
    }
    out
}

/// Whether a word has the shape of a list item's marker: one letter, a small Roman numeral, or one
/// or two digits (`a`, `B`, `iv`, `12`).
fn is_marker_word(w: &str) -> bool {
    const ROMAN: &[&str] = &["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"];
    let b = w.as_bytes();
    match b.len() {
        1 => b[0].is_ascii_alphanumeric(),
        2 if b.iter().all(u8::is_ascii_digit) => true,
        2..=4 => ROMAN.iter().any(|r| r.eq_ignore_ascii_case(w)),
        _ => false,
    }
}

/// Where a list marker that ends a piece starts (`a.` in `The organization: a.`, `c.` in `and c.`):
/// the piece's last token is a marker word and a full stop where an item may start (see
/// [`opens_item`]).
fn trailing_marker(piece: &str) -> Option<usize> {
    let trimmed = piece.trim_end();
    // (White space may be wider than a byte: a no-break space.)
    let token_start = trimmed
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(k, c)| k + c.len_utf8());
    let token = &trimmed[token_start..];
    let word = token.strip_suffix('.')?;
    if !is_marker_word(word) {
        return None;
    }
    opens_item(&trimmed[..token_start]).then_some(token_start)
}

/// Whether a list item may start after `before`: at the start of the text, after a colon or a
/// semicolon, or after `and` or `or` that follow one (`...; and c.`).
fn opens_item(before: &str) -> bool {
    let before = before.trim_end();
    let joined = before
        .strip_suffix("and")
        .or_else(|| before.strip_suffix("or"))
        .filter(|rest| rest.is_empty() || rest.ends_with(char::is_whitespace));
    let before = joined.map_or(before, str::trim_end);
    before.is_empty() || before.ends_with([':', ';'])
}

/// Whether the word `w` (a slice of `text`) is a list item's marker: a marker word (see
/// [`is_marker_word`]) in parentheses (`(a)`, `(1)`), or followed by `.` or `)` and white space where
/// an item may start (`a. ...`, `1) ...`; see [`opens_item`]).
fn is_list_marker(text: &str, w: &str) -> bool {
    if !is_marker_word(w) {
        return false;
    }
    let at = offset_in(text, w);
    let (before, after) = (&text[..at], &text[at + w.len()..]);
    if before.ends_with('(') && after.starts_with(')') {
        return true;
    }
    let closes = after
        .strip_prefix(['.', ')'])
        .is_some_and(|rest| rest.chars().next().is_none_or(char::is_whitespace));
    closes && opens_item(before)
}

/// Words that open a cross-reference to another point (`see 9`, `див. пункт 9`, `см. п. 9`).
pub(crate) const REFERENCE_WORDS: &[&str] =
    &["see", "cf", "див", "дивись", "дивіться", "см", "смотри"];

/// Words that may stand between a reference word and its numbers (`see points 9 and 10`).
pub(crate) const REFERENCE_NOUNS: &[&str] = &[
    "point",
    "points",
    "paragraph",
    "paragraphs",
    "section",
    "sections",
    "article",
    "articles",
    "item",
    "items",
    "пункт",
    "пункти",
    "пунктів",
    "п",
    "стаття",
    "статтю",
    "статті",
    "ст",
    "пункты",
    "статья",
    "статью",
];

/// Words that join the numbers of one cross-reference (`see 9 and 10`, `see 9 to 12`).
pub(crate) const REFERENCE_LINKS: &[&str] =
    &["and", "or", "to", "та", "і", "й", "або", "до", "и", "или"];

/// Words that stay lower-case inside a title ("Audit and Accountability Policy and Procedures").
const TITLE_SMALL: &[&str] = &[
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "per",
    "the", "to", "via", "with", "without", "і", "та", "й", "в", "у", "з", "із", "до", "на", "по",
    "для", "и", "с", "о",
];

/// Most words a title has.
const TITLE_WORDS: usize = 10;

/// The title at the head of a point's text, if it has one: a `**bold**` lead; a short first line
/// followed by more lines; or a short first sentence in title case followed by more text
/// ("Audit Events. The organization determines ..."), a sentence of one or two words included
/// ("Sovereignty. Ukraine's sovereignty is confirmed."). Returned without its closing punctuation.
pub(crate) fn title(text: &str) -> Option<&str> {
    let text = text.trim_start();
    fn clean(t: &str) -> Option<&str> {
        let t = t.trim().trim_end_matches(['.', ':']).trim();
        let n = words(t).count();
        (1..=TITLE_WORDS).contains(&n).then_some(t)
    }
    if let Some(rest) = text.strip_prefix("**") {
        let end = rest.find("**")?;
        return clean(&rest[..end]).filter(|_| !rest[end + 2..].trim().is_empty());
    }
    // A text that opens in lower case has no title sentence, and without a line break no title
    // line: most points, told at once.
    if text.chars().next().is_some_and(char::is_lowercase)
        && memchr::memchr(b'\n', text.as_bytes()).is_none()
    {
        return None;
    }
    // A title has at most TITLE_WORDS words: past the first few dozen tokens the text only matters
    // as what follows the title, so only that head is cut into lines and sentences.
    let head = &text[..title_head_end(text)];
    if let Some((first, _)) = head.split_once('\n') {
        let rest = &text[first.len() + 1..];
        let first = first.trim();
        if !rest.trim().is_empty() && !first.ends_with([':', ';', ',']) {
            if let Some(t) = clean(first) {
                return Some(t);
            }
        }
    }
    let first = *sentences(head).first()?;
    if !first.ends_with('.') || first.len() == text.trim_end().len() {
        return None;
    }
    let t = clean(first)?;
    // Capitals are read off whitespace-separated words, so that "User-initiated" is one.
    let ws: Vec<&str> = t.split_whitespace().collect();
    let capital = |w: &str| {
        w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || !c.is_alphabetic())
    };
    let title_case = capital(ws[0])
        && ws
            .iter()
            .all(|w| capital(w) || TITLE_SMALL.contains(&w.to_lowercase().as_str()));
    (title_case || (ws.len() <= 2 && capital(ws[0]))).then_some(t)
}

/// Where the head of a text that [`title`] reads ends: after three times [`TITLE_WORDS`] tokens
/// separated by white space (a title's words, with room for dashes and other punctuation), or at its
/// end.
fn title_head_end(text: &str) -> usize {
    // ASCII white space only: a wider space counts as part of a token, which only lengthens the
    // head.
    let mut tokens = 0;
    let mut in_space = true;
    for (i, &b) in text.as_bytes().iter().enumerate() {
        if b.is_ascii_whitespace() {
            if !in_space {
                tokens += 1;
                if tokens >= 3 * TITLE_WORDS {
                    return i;
                }
            }
            in_space = true;
        } else {
            in_space = false;
        }
    }
    text.len()
}

/// Whether a sentence only leads into what follows (`The system is vulnerable if:`): it ends with a
/// colon.
pub(crate) fn is_lead_in(sentence: &str) -> bool {
    sentence.trim_end().ends_with(':')
}

/// Conjunctions that, after a comma, open a clause of their own: a point folded into another as a
/// clause ("..., and the shares are valued at ...") reads as a sentence of its own.
const CLAUSES: &[&str] = &[" and ", " а також ", " і ", " та ", " а также ", " и "];

/// Where [`sentences`] cuts a text: before a line break, after `.`, `;`, `!` or `?` followed by
/// white space or the end, and after a comma that opens a clause ([`CLAUSES`]).
fn sentence_ends(text: &str) -> impl Iterator<Item = usize> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        while let Some((i, c)) = chars.next() {
            let next_is_space = chars.peek().is_none_or(|&(_, n)| n.is_whitespace());
            match c {
                '\n' => return Some(i),
                '.' | ';' | '!' | '?' if next_is_space => return Some(i + c.len_utf8()),
                ',' if CLAUSES.iter().any(|w| text[i + 1..].starts_with(w)) => return Some(i + 1),
                _ => {}
            }
        }
        None
    })
}

/// [`sentence_ends`] on the bytes of an ASCII text (`char::is_whitespace` within ASCII).
fn sentence_ends_ascii(text: &str) -> impl Iterator<Item = usize> + '_ {
    let b = text.as_bytes();
    let space = |c: u8| c.is_ascii_whitespace() || c == 0x0b;
    // The few candidate bytes, found with memchr's vectorised search, in order.
    let mut marks: Vec<usize> = memchr::memchr3_iter(b'.', b';', b'\n', b).collect();
    if memchr::memchr2(b'!', b'?', b).is_some() {
        marks.extend(memchr::memchr2_iter(b'!', b'?', b));
        marks.sort_unstable();
    }
    // Commas before a clause: in ASCII text only " and " of [`CLAUSES`] can follow. The searcher
    // is built once.
    static CLAUSE: std::sync::OnceLock<memchr::memmem::Finder<'static>> =
        std::sync::OnceLock::new();
    let before = marks.len();
    marks.extend(
        CLAUSE
            .get_or_init(|| memchr::memmem::Finder::new(b", and "))
            .find_iter(b),
    );
    if marks.len() > before {
        marks.sort_unstable();
    }
    marks.into_iter().filter_map(move |i| match b[i] {
        b'\n' => Some(i),
        b',' => Some(i + 1),
        _ if b.get(i + 1).is_none_or(|&n| space(n)) => Some(i + 1),
        _ => None,
    })
}

/// True when two texts have the same words in the same order, whatever the white space between them:
/// what "identical after whitespace normalisation" means, without allocating.
/// Quotation marks count as their plain forms (see [`plain_quotes`]): a draft retyped in a word
/// processor that curls them says the same.
pub fn same_words(a: &str, b: &str) -> bool {
    // Two texts that are each their words joined by single spaces have the same words only when
    // they are equal.
    if a == b {
        return true;
    }
    let (a, b) = (plain_quotes(a), plain_quotes(b));
    a == b
        || (!(single_spaced(&a) && single_spaced(&b))
            && a.split_whitespace().eq(b.split_whitespace()))
}

/// The stems of a text's content words (case folded, function words left out), in order.
pub(crate) fn content_stems(text: &str) -> Vec<String> {
    let text = plain_quotes(text);
    words(&text)
        .filter_map(|w| {
            let mut folded = String::new();
            fold_into(w, &mut folded);
            (!is_stopword(&folded)).then(|| stem(&folded).to_string())
        })
        .collect()
}

/// True when two forum names name the same forum: the same words in the same order, case folded,
/// quotation marks plain, each word compared by its stem, so that a name in another grammatical case
/// is the same forum (`зустрічі президентів`, as `Відкладено до зустрічі президентів` gives it, and
/// `зустріч президентів`).
pub fn same_forum(a: &str, b: &str) -> bool {
    if same_words(&a.to_lowercase(), &b.to_lowercase()) {
        return true;
    }
    forum_key(a) == forum_key(b)
}

/// A forum name's words as [`same_forum`] compares them: plain quotation marks, case folded, each
/// word's stem. Names with the same key are the same forum (a key to look forums up by).
pub(crate) fn forum_key(t: &str) -> Vec<String> {
    let t = plain_quotes(t);
    words(&t)
        .map(|w| {
            let mut folded = String::new();
            fold_into(w, &mut folded);
            stem(&folded).to_string()
        })
        .collect()
}

/// The text with its typographic quotation marks as plain ones: `’ ‘ ʼ ′` as `'`, `“ ” „ « » ″` as
/// `"`. A text without them (every ASCII text) is returned as it is.
pub fn plain_quotes(text: &str) -> std::borrow::Cow<'_, str> {
    let curly = |c: char| matches!(c, '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{2032}');
    let double = |c: char| {
        matches!(
            c,
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' | '\u{2033}'
        )
    };
    if text.is_ascii() || !text.chars().any(|c| curly(c) || double(c)) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(
        text.chars()
            .map(|c| {
                if curly(c) {
                    '\''
                } else if double(c) {
                    '"'
                } else {
                    c
                }
            })
            .collect(),
    )
}

/// A hash of a text's whitespace-separated words: equal for texts that [`same_words`] calls equal, so
/// it can index texts for exact matching (a match is still confirmed with [`same_words`]). It is the
/// hash of the words joined by single spaces, which most texts already are: those are hashed whole.
/// The hash is keyed (see [`crate::hash`]): no draft can make many texts share one.
pub fn words_hash(text: &str) -> u64 {
    let text = plain_quotes(text);
    let text = text.as_ref();
    if single_spaced(text) {
        crate::hash::hash_bytes(text.as_bytes())
    } else {
        crate::hash::hash_bytes(
            text.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .as_bytes(),
        )
    }
}

/// The byte offset in `text` of `part`, a slice of it (a segment, a word or a sentence).
pub(crate) fn offset_in(text: &str, part: &str) -> usize {
    part.as_ptr() as usize - text.as_ptr() as usize
}

/// True when `text` is its words (as `split_whitespace` finds them) joined by single spaces.
fn single_spaced(text: &str) -> bool {
    if text.is_ascii() {
        // White space as `split_whitespace` sees it, within ASCII: a space, tab, line feed, vertical
        // tab, form feed or carriage return. Searched for with memchr's vectorised search.
        // The searcher for two spaces is built once (building it costs more than a short search).
        static TWO_SPACES: std::sync::OnceLock<memchr::memmem::Finder<'static>> =
            std::sync::OnceLock::new();
        let two_spaces = TWO_SPACES.get_or_init(|| memchr::memmem::Finder::new(b"  "));
        let b = text.as_bytes();
        memchr::memchr3(b'\t', b'\n', b'\r', b).is_none()
            && memchr::memchr2(b'\x0b', b'\x0c', b).is_none()
            && two_spaces.find(b).is_none()
            && b.first() != Some(&b' ')
            && b.last() != Some(&b' ')
    } else {
        let mut expected = 0;
        for word in text.split_whitespace() {
            let at = offset_in(text, word);
            if at != expected || (at > 0 && &text[at - 1..at] != " ") {
                return false;
            }
            expected = at + word.len() + 1;
        }
        expected == text.len() + 1 || text.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_sentences_agree_with_the_general_rule() {
        every_string(b"a. ;!?\n\x0b\t", 5, |text| {
            assert!(
                sentence_ends_ascii(text).eq(sentence_ends(text)),
                "{text:?}"
            );
        });
    }

    /// Calls `check` with every string of up to `max_len` of the ASCII `chars`.
    fn every_string(chars: &[u8], max_len: u32, mut check: impl FnMut(&str)) {
        let mut s = Vec::new();
        for len in 0..=max_len {
            for mut code in 0..chars.len().pow(len) {
                s.clear();
                for _ in 0..len {
                    s.push(chars[code % chars.len()]);
                    code /= chars.len();
                }
                check(std::str::from_utf8(&s).unwrap());
            }
        }
    }

    #[test]
    fn sentences_split_at_stops_and_semicolons() {
        assert_eq!(
            sentences("A is 1.5 m. B; C\nD"),
            vec!["A is 1.5 m.", "B;", "C", "D"]
        );
    }

    /// A list item's marker opens the item's piece (not the end of the one before), and gives no
    /// feature: `b` in `a. ...; b. ...` is no word of the point, and `(1)` no figure.
    #[test]
    fn list_markers_open_items_and_give_no_feature() {
        let text = "The organization: a. Reviews audit records; b. Reports findings; and c. Acts \
                    on them: (1) at once; (2) in writing. Signed in 2. Tested in 1. Plan B.";
        assert_eq!(
            sentences(text),
            vec![
                "The organization:",
                "a. Reviews audit records;",
                "b. Reports findings;",
                "and",
                "c. Acts on them: (1) at once;",
                "(2) in writing.",
                "Signed in 2.",
                "Tested in 1.",
                "Plan B."
            ]
        );
        let f = features(text);
        for marker in ["a", "c", "(1)"] {
            assert!(!f.iter().any(|x| x == marker), "{marker}: {f:?}");
        }
        assert_eq!(
            f.iter().filter(|x| *x == "1" || *x == "2").count(),
            2,
            "{f:?}"
        );
        assert!(f.iter().any(|x| x == "b"), "Plan B keeps its letter: {f:?}");
        assert!(
            features("1) Elections; 2) Amnesty")
                .iter()
                .all(|x| x != "1" && x != "2")
        );
        // After a no-break space, as French and Ukrainian typography or a paste from a PDF put one.
        assert_eq!(
            sentences("Сторони:\u{a0}a. Обмін полоненими;\u{a0}b.\u{2003}Вибори."),
            vec!["Сторони:", "a. Обмін полоненими;", "b.\u{2003}Вибори."]
        );
        assert_eq!(sentences("x:\u{a0}b. y"), vec!["x:", "b. y"]);
        // Every word stays in some piece.
        let joined: String = sentences(text).join(" ");
        assert_eq!(words(&joined).count(), words(text).count());
    }

    #[test]
    fn words_hash_splits_at_white_space_as_split_whitespace_does() {
        // The words joined by one space, in ASCII or not, hash as the original.
        for text in [
            "",
            "  ",
            "a",
            "a\u{a0}b",
            "a\u{2003}b c\u{3000}",
            "\u{85}x\u{b}y\u{c}z\t",
            "обʼєкт  600 000\r\n",
            "x\u{200b}y",
            " a\tb\u{b}c\u{c}d\r\ne ",
            "a b",
            "a  b",
            "a b ",
            "ä b",
            "ä  b",
            " ä b",
            "ä\u{a0}b",
            "ä b\u{2003}",
        ] {
            let words: Vec<&str> = text.split_whitespace().collect();
            let normal = words.join(" ");
            assert_eq!(single_spaced(text), text == normal, "{text:?}");
            assert_eq!(words_hash(text), words_hash(&normal), "{text:?}");
            let shifted = words.join("");
            if words.len() > 1 {
                assert_ne!(words_hash(text), words_hash(&shifted), "{text:?}");
            }
        }
    }

    #[test]
    fn no_stop_word_is_a_figure() {
        // `for_each_feature` relies on it: figures skip the stop-word lookup.
        for w in STOPWORDS {
            assert!(!is_figure(w), "{w}");
        }
    }

    #[test]
    fn same_words_ignores_white_space_only() {
        assert!(same_words("a  b\nc ", " a b c"));
        assert!(!same_words("ab c", "a bc"));
        assert_eq!(words_hash("a  b\nc "), words_hash(" a b c"));
        assert_ne!(words_hash("ab c"), words_hash("a bc"));
    }

    /// Every ASCII string of up to four characters over the characters the word-break rules treat
    /// specially (and two they do not) segments as `unicode-segmentation` segments it.
    #[test]
    fn ascii_bounds_agree_with_unicode_segmentation_exhaustively() {
        every_string(b"aZ09_:.',;\" \t\r\n\x0b-", 4, |text| {
            let ours: Vec<&str> = word_bounds(text).collect();
            let theirs: Vec<&str> = text.split_word_bounds().collect();
            assert_eq!(ours, theirs, "{text:?}");
            let ours: Vec<&str> = words(text).collect();
            let theirs: Vec<&str> = text.unicode_words().collect();
            assert_eq!(ours, theirs, "{text:?}");
        });
    }

    #[test]
    fn numbers_are_single_words() {
        let w: Vec<_> = words("capped at 600,000 troops; $100bn").collect();
        assert_eq!(w, vec!["capped", "at", "600,000", "troops", "100bn"]);
    }

    #[test]
    fn ukrainian_inflections_share_stems() {
        let forms = ["гарантії", "гарантій", "гарантіями"];
        let s: Vec<_> = forms.iter().map(|w| stem(w).to_string()).collect();
        assert!(s.iter().all(|x| x == "гарант"), "{s:?}");
        assert_eq!(stem(&fold("України")), stem(&fold("Україною")));
        assert_eq!(stem("мирного"), stem("мирний"));
        assert_eq!(stem("армії"), stem("армія"));
        assert_eq!(stem("закріплюють"), stem("закріплює"));
        assert_eq!(stem("використовуються"), stem("використовується"));
    }

    #[test]
    fn english_inflections_share_stems() {
        assert_eq!(stem("guarantees"), stem("guaranteed"));
        assert_eq!(stem("forces"), stem("force"));
        assert_eq!(stem("600,000"), "600,000");
    }

    #[test]
    fn folding_handles_cyrillic_case_and_apostrophes() {
        assert_eq!(fold("ОБʼЄКТ"), fold("об'єкт"));
        let stems = |t: &str| -> Vec<String> {
            words(t)
                .map(fold)
                .filter(|w| !is_stopword(w))
                .map(|w| stem(&w).to_string())
                .collect()
        };
        assert_eq!(stems("The Armies of Ukraine"), stems("army ukraine"));
    }
}

/// Properties of the tokenizer, on generated text.
#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    proptest! {
        /// The ASCII fast path of word segmentation gives exactly what `unicode-segmentation` gives.
        #[test]
        fn ascii_bounds_agree_with_unicode_segmentation(
            s in "[a-cA-C0-2_:.',;\" \t\r\n\u{b}\u{c}!?$%()-]{0,48}"
        ) {
            use unicode_segmentation::UnicodeSegmentation;
            let ours: Vec<&str> = super::word_bounds(&s).collect();
            let theirs: Vec<&str> = s.split_word_bounds().collect();
            prop_assert_eq!(ours, theirs);
            let ours: Vec<&str> = super::words(&s).collect();
            let theirs: Vec<&str> = s.unicode_words().collect();
            prop_assert_eq!(ours, theirs);
        }
    }

    proptest! {
        /// Words already folded skip folding: an ASCII text has the features of its upper-case form,
        /// whose words all go through folding.
        #[test]
        fn folded_words_take_the_short_way_to_the_same_features(s in "[a-z0-9 .,;'`_-]{0,60}") {
            let upper = s.to_ascii_uppercase();
            prop_assert_eq!(
                super::features(&s),
                super::features(&upper)
            );
        }
    }

    proptest! {
        /// Sentences (list markers moved to the item they open) keep every word of the text, in
        /// order, whatever the white space and punctuation.
        #[test]
        fn sentences_keep_every_word(
            s in "[abiv12 .;:()\n\u{a0}\u{2003}ї]{0,40}|(and|or|a|b|ii|1|\\.|;|:| |\u{a0}){0,20}"
        ) {
            let joined = super::sentences(&s).join(" ");
            let ours: Vec<&str> = super::words(&joined).collect();
            let theirs: Vec<&str> = super::words(&s).collect();
            prop_assert_eq!(ours, theirs);
        }
    }

    proptest! {
        /// Texts have the same words exactly when their whitespace-separated words are equal (the short
        /// way for single-spaced texts included).
        #[test]
        fn same_words_is_equality_of_words(
            a in "[ab \t\n\u{a0}\u{2003}]{0,8}",
            b in "[ab \t\n\u{a0}\u{2003}]{0,8}",
        ) {
            let expected = a.split_whitespace().eq(b.split_whitespace());
            prop_assert_eq!(super::same_words(&a, &b), expected);
            prop_assert!(super::same_words(&a, &a.replace(' ', " \t")));
        }
    }
}

#[cfg(test)]
mod titles {
    use super::*;

    #[test]
    fn titles_are_found_and_sentences_are_not() {
        assert_eq!(
            title("Audit Events. The organization determines the events."),
            Some("Audit Events")
        );
        assert_eq!(
            title("User-initiated Logouts / Message Displays. The system: (a) provides a logout."),
            Some("User-initiated Logouts / Message Displays")
        );
        assert_eq!(
            title("Sovereignty. Ukraine's sovereignty is confirmed."),
            Some("Sovereignty")
        );
        assert_eq!(
            title("**Frozen assets:** half go to rebuilding."),
            Some("Frozen assets")
        );
        assert_eq!(
            title("Ceasefire\nBoth sides stop firing at noon."),
            Some("Ceasefire")
        );
        assert_eq!(
            title("Суверенітет. Суверенітет України підтверджено."),
            Some("Суверенітет")
        );
        // A sentence, not a title; a lone title-cased sentence is the whole point.
        assert_eq!(
            title("Ukraine holds elections within 100 days. Then more."),
            None
        );
        assert_eq!(
            title("The organization reviews the events. It also logs them."),
            None
        );
        assert_eq!(title("Audit Events."), None);
        assert_eq!(
            title("The system is vulnerable if:\na) the key leaks"),
            None
        );
        assert!(is_lead_in("The system is vulnerable if:"));
        // A cross-reference gives no feature; the words around it do.
        assert_eq!(
            features("Elections are held (see points 9 and 10) within 100 days"),
            features("Elections are held within 100 days")
        );
        assert_eq!(features("див. пункт 12"), Vec::<String>::new());
        // Curled quotes are the plain ones.
        assert!(same_words(
            "leaders’ summit «now»",
            "leaders' summit \"now\""
        ));
        assert_eq!(
            words_hash("leaders’ summit"),
            words_hash("leaders'  summit")
        );
        assert!(!same_words("leaders’ summit", "leaders summit"));
        assert!(!is_lead_in("The system is vulnerable."));
    }
}
