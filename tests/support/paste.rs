//! A draft as a PDF viewer's copy gives it: no front matter or attributes, numbers in mixed styles
//! (`2.All`, `3 . Each`, `(4)`, `Article 5`), lines hard-wrapped at about 70 characters with some
//! words hyphenated across the break, page numbers and a running header at every page break (with
//! form feeds on some), and CRLF or lone-CR line endings on some drafts. Used by the paste corpus test
//! and the reading bench. Needs `rng.rs` as a sibling module `rng`.
#![allow(dead_code)]

use peaceplan::Draft;

use super::rng::Rng;

/// Lines per page.
const PAGE_LINES: usize = 24;

/// The column lines are wrapped at.
const WIDTH: usize = 70;

/// What the copy of a draft should look like.
pub struct Copy {
    /// English or Ukrainian page furniture and number words.
    pub ukrainian: bool,
    /// The running header (the title as a PDF prints it on every page).
    pub header: String,
    /// Numbers in a style chosen at random for each point (as a paste that mixes them); else every
    /// point is numbered `Article N` (`Стаття N.`), as a document in one style is.
    pub mixed: bool,
}

/// The marker a point's number gets in a copy, chosen at random among the styles pasted documents
/// have; labels that are not plain numbers keep the format's own `5а.`.
fn marker(label: &str, text: &str, ukrainian: bool, mixed: bool, rng: &mut Rng) -> String {
    if !label.bytes().all(|b| b.is_ascii_digit()) {
        return format!("{label}. ");
    }
    if !mixed {
        return if ukrainian {
            format!("Стаття {label}. ")
        } else {
            format!("Article {label} ")
        };
    }
    let glued_ok = text.starts_with(char::is_uppercase);
    loop {
        let m = match rng.below(8) {
            0 => format!("{label}. "),
            1 if glued_ok => format!("{label}."),
            2 => format!("{label} . "),
            3 => format!("({label}) "),
            4 if ukrainian => format!("Стаття {label}. "),
            4 => format!("Article {label} "),
            5 if ukrainian => format!("Пункт {label} "),
            5 => format!("Art. {label}. "),
            6 => format!("§ {label} "),
            7 => format!("{label}) "),
            _ => continue,
        };
        return m;
    }
}

/// Wraps `first` + `text` at [`WIDTH`], hyphenating some long words across the break as a
/// typesetter would (at least three letters on each side).
fn wrap(first: &str, text: &str, rng: &mut Rng) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = first.to_string();
    for word in text.split_whitespace() {
        // The marker ends with its own space, or none (`2.All`).
        if line == first {
            line.push_str(word);
            continue;
        }
        if line.chars().count() + 1 + word.chars().count() <= WIDTH {
            line.push(' ');
            line.push_str(word);
            continue;
        }
        // A long word of letters may be hyphenated: its head ends this line.
        let letters: Vec<char> = word.chars().take_while(|c| c.is_alphabetic()).collect();
        if letters.len() >= 8 && letters.len() == word.chars().count() && rng.chance(0.5) {
            let cut = rng.range(3, letters.len() - 3);
            let head: String = letters[..cut].iter().collect();
            if line.chars().count() + 1 + cut < WIDTH {
                line.push(' ');
                line.push_str(&head);
                line.push('-');
                lines.push(std::mem::take(&mut line));
                line = letters[cut..].iter().collect();
                continue;
            }
        }
        lines.push(std::mem::take(&mut line));
        line = word.to_string();
    }
    lines.push(line);
    lines
}

/// The copy of `draft`: its points and deferred items (texts and labels; no metadata, attributes or
/// references) as a PDF viewer would give them.
pub fn pdf_copy(draft: &Draft, copy: &Copy, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let mut body: Vec<String> = vec![copy.header.clone(), String::new()];
    for p in &draft.points {
        let m = marker(&p.label, &p.text, copy.ukrainian, copy.mixed, &mut rng);
        // Lines of the point's own (sub-items) stay lines, each wrapped.
        for (i, part) in p.text.split('\n').filter(|l| !l.is_empty()).enumerate() {
            body.extend(wrap(if i == 0 { &m } else { "" }, part, &mut rng));
        }
    }
    let mut forum: Option<Option<&str>> = None;
    for d in &draft.deferred {
        if forum != Some(d.forum.as_deref()) {
            forum = Some(d.forum.as_deref());
            let word = if copy.ukrainian {
                "Відкладено"
            } else {
                "Deferred"
            };
            body.push(String::new());
            body.push(match d.forum.as_deref() {
                Some(f) => format!("{word}: {f}"),
                None => word.to_string(),
            });
        }
        let bullet = if rng.chance(0.5) { "• " } else { "- " };
        body.extend(wrap(bullet, &d.text, &mut rng));
    }
    // Pages: a footer with the page number at each break, a form feed on some, the running header
    // at the top of the next page.
    let pages = body.len().div_ceil(PAGE_LINES);
    let mut out: Vec<String> = Vec::new();
    for (n, chunk) in body.chunks(PAGE_LINES).enumerate() {
        let page = n + 1;
        if page > 1 {
            out.push(copy.header.clone());
        }
        out.extend(chunk.iter().cloned());
        out.push(match (copy.ukrainian, rng.below(3)) {
            (true, 0) => format!("Стор. {page}"),
            (true, _) => format!("Сторінка {page} з {pages}"),
            (false, 0) => format!("- {page} -"),
            (false, 1) => format!("{page}/{pages}"),
            (false, _) => format!("Page {page} of {pages}"),
        });
        if page < pages && rng.chance(0.5) {
            out.push("\x0c".to_string());
        }
    }
    let eol = match rng.below(3) {
        0 => "\r\n",
        1 => "\r",
        _ => "\n",
    };
    let mut text = out.join(eol);
    // A form feed is a line break of its own: no line ending around it.
    text = text.replace(&format!("{eol}\x0c{eol}"), "\x0c");
    text.push_str(eol);
    text
}
