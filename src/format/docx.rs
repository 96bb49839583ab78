//! Word files (`.docx`, Office Open XML): each paragraph becomes a line of the text format, with the
//! number Word displays for automatic numbering written in front of it (computed from
//! `numbering.xml`: decimal, letters, Cyrillic letters, Roman numerals, multi-level `1.2`, start
//! values and restarts, level texts such as `Article %1`), and the text reader (with its paste rules
//! and warnings) reads the lines. Headings become `#` lines (so `Deferred: ...` headings open deferred
//! lists); tracked changes are read as accepted (insertions kept, deletions left out, with a warning);
//! comments, footnotes, text boxes and field codes are left out. Lines in warnings and errors are
//! paragraphs, counted from 1 in the document's order.
//!
//! Needs the `docx` feature (on in the `peaceplan` command).

use std::io::Read;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use crate::error::{Error, ErrorKind, Result};
use crate::hash::{HashMap, HashSet};

use super::{Loaded, Warning, WarningKind};

/// Reads a Word file. Each XML part read is refused past `max_bytes` once decompressed (a zip bomb
/// stops there).
pub(super) fn read(bytes: &[u8], max_bytes: u64) -> Result<Loaded> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| bad(format!("not a Word file (zip: {e})")))?;
    let document = part(&mut zip, "word/document.xml", max_bytes)?
        .ok_or_else(|| bad("not a Word file: it has no word/document.xml".to_string()))?;
    let numbering = match part(&mut zip, "word/numbering.xml", max_bytes)? {
        Some(xml) => Numbering::parse(&xml)?,
        None => Numbering::default(),
    };
    let styles = match part(&mut zip, "word/styles.xml", max_bytes)? {
        Some(xml) => Styles::parse(&xml)?,
        None => Styles::default(),
    };
    let body = Body::parse(&document, &numbering, &styles)?;
    let mut text = String::new();
    for line in &body.lines {
        text.push_str(line);
        text.push('\n');
    }
    // The text's lines are the paragraphs, one each: line numbers are paragraph numbers.
    let (draft, mut warnings) = super::text::parse_text_warned(&text)?;
    if body.insertions + body.deletions + body.formatting > 0 {
        // In the order of the input, as the reader's own warnings are.
        let at = warnings.partition_point(|w| w.line() <= body.first_change);
        warnings.insert(
            at,
            Warning::new(
                body.first_change,
                WarningKind::TrackedChanges {
                    insertions: body.insertions,
                    deletions: body.deletions,
                    formatting: body.formatting,
                },
            ),
        );
    }
    Ok(Loaded { draft, warnings })
}

fn bad(message: String) -> Error {
    Error::new(ErrorKind::Docx(message))
}

/// One part of the package as text, or `None` when it is missing.
fn part(
    zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    name: &str,
    max_bytes: u64,
) -> Result<Option<String>> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(bad(format!("cannot read {name}: {e}"))),
    };
    let mut out = Vec::new();
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|e| bad(format!("cannot read {name}: {e}")))?;
    if out.len() as u64 > max_bytes {
        return Err(Error::new(ErrorKind::TooLarge {
            size: None,
            limit: max_bytes,
        }));
    }
    String::from_utf8(out)
        .map(Some)
        .map_err(|_| bad(format!("{name} is not UTF-8")))
}

/// The `w:val` (or another) attribute of an element, unescaped, whatever its prefix.
fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    // Compared by local name: a document may bind WordprocessingML to another prefix than `w`.
    let local = local_name(name.as_bytes());
    let a = e
        .attributes()
        .flatten()
        .find(|a| local_name(a.key.into_inner()) == local)?;
    // Word's attribute values are ids, numbers and short formats; a longer one is an attack on the
    // work done per paragraph (copied, hashed or lower-cased each time), read as absent.
    if a.value.len() > MAX_ATTRIBUTE {
        return None;
    }
    Some(unescape(&String::from_utf8_lossy(&a.value)))
}

/// The longest attribute value read, in bytes (see [`attr`]).
const MAX_ATTRIBUTE: usize = 1024;

/// The deepest element nesting read in document.xml: Word nests tables in tables a few levels deep.
const MAX_DEPTH: usize = 256;

/// Resolves XML's predefined entities and character references in an attribute value.
fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        match after.find(';') {
            Some(j) if j <= 10 => {
                match entity(&after[..j]) {
                    Some(c) => out.push(c),
                    None => out.push_str(&rest[i..i + j + 2]),
                }
                rest = &after[j + 1..];
            }
            _ => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character of an entity's name (`amp`, `#233`, `#xE9`).
fn entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        _ => {
            let n = name.strip_prefix('#')?;
            let code = match n.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => n.parse().ok()?,
            };
            char::from_u32(code)?
        }
    })
}

fn xml_error(part: &str, e: impl std::fmt::Display) -> Error {
    bad(format!("{part} is not well-formed XML: {e}"))
}

/// The local name of an element (`w:p` -> `p`), and whether it is in the `w:` namespace prefix
/// Word uses for its main markup.
fn name_of<'e>(e: &'e BytesStart<'_>) -> (&'e [u8], &'e [u8]) {
    split_name(e.name().into_inner())
}

/// A qualified name's prefix and local name (`w:p` -> (`w`, `p`); `p` -> (``, `p`)).
fn split_name(full: &[u8]) -> (&[u8], &[u8]) {
    match full.iter().position(|&b| b == b':') {
        Some(i) => (&full[..i], &full[i + 1..]),
        None => (&[][..], full),
    }
}

/// WordprocessingML's namespace, transitional and strict.
const MAIN_NAMESPACES: [&[u8]; 2] = [
    b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    b"http://purl.oclc.org/ooxml/wordprocessingml/main",
];

/// The prefixes the root element binds to WordprocessingML's namespace (`xmlns:w="..."`; an empty
/// prefix for a default namespace). A document may bind it to several.
fn main_prefixes(e: &BytesStart<'_>) -> Vec<Vec<u8>> {
    e.attributes()
        .flatten()
        .filter_map(|a| {
            let key = a.key.into_inner();
            let prefix = if key == b"xmlns" {
                Some(&[][..])
            } else {
                key.strip_prefix(b"xmlns:")
            }?;
            MAIN_NAMESPACES
                .contains(&a.value.as_ref())
                .then(|| prefix.to_vec())
        })
        .collect()
}

/// An element's name without its prefix (`w:p` -> `p`).
fn local_name(full: &[u8]) -> &[u8] {
    split_name(full).1
}

/// Elements whose text is not the document's: deleted and moved-away runs, field codes, Word's
/// fallbacks for newer markup, text boxes.
fn is_skipped(local: &[u8]) -> bool {
    matches!(
        local,
        b"del"
            | b"moveFrom"
            | b"instrText"
            | b"delInstrText"
            | b"Fallback"
            | b"txbxContent"
            | b"delText"
    ) || is_property_change(local)
}

/// A tracked change of formatting: the properties before it (`w:rPrChange` holds the old run
/// properties, `w:pPrChange` the old numbering). Read as accepted: the old properties are left out.
fn is_property_change(local: &[u8]) -> bool {
    matches!(
        local,
        b"rPrChange"
            | b"pPrChange"
            | b"sectPrChange"
            | b"tblPrChange"
            | b"trPrChange"
            | b"tcPrChange"
            | b"tblGridChange"
            | b"numberingChange"
    )
}

/// A level of a list: its start value, number format and level text (`%1.`).
#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    format: String,
    /// For `custom` formats, Word's sample (`а, б, в, ...`).
    custom: Option<String>,
    text: Option<String>,
}

#[derive(Debug, Default)]
struct Numbering {
    /// Abstract numbering id -> its levels (index = `ilvl`).
    abstracts: HashMap<String, Vec<Level>>,
    /// Numbering id -> the list it numbers.
    nums: HashMap<String, Num>,
}

/// A numbering id (`w:num`): the abstract numbering it uses, and its overrides.
#[derive(Debug, Default)]
struct Num {
    abstract_id: String,
    /// Start values overridden, by level.
    starts: HashMap<usize, u32>,
    /// Levels overridden whole.
    levels: HashMap<usize, Level>,
}

/// Levels a list may have (Word allows nine).
const LEVELS: usize = 9;

/// A list's levels as one numbering id sees them (its overrides in place), borrowed.
type Levels<'n> = [Option<&'n Level>; LEVELS];

/// The longest number shown for a paragraph (letters past the alphabet repeat: `aaaa`).
const MAX_NUMBER: usize = 128;

/// The longest level text read (`Article %1.`): longer ones fall back to `%N.`.
const MAX_LEVEL_TEXT: usize = 64;

/// The most lists (abstract numberings and numbering ids, each) a Word file may define: Word files
/// hold dozens; more is refused rather than held.
const MAX_LISTS: usize = 10_000;

impl Numbering {
    fn parse(xml: &str) -> Result<Numbering> {
        let mut n = Numbering::default();
        let mut reader = Reader::from_str(xml);
        let mut abstract_id: Option<String> = None;
        let mut num_id: Option<String> = None;
        let mut level: Option<(usize, Level)> = None;
        let mut override_level: Option<usize> = None;
        // Inside `mc:Fallback`: Word's fallback for a `custom` format, skipped.
        let mut fallback = 0usize;
        loop {
            let ev = reader
                .read_event()
                .map_err(|e| xml_error("numbering.xml", e))?;
            let (e, empty) = match &ev {
                Event::Start(e) => (e, false),
                Event::Empty(e) => (e, true),
                Event::End(e) => {
                    match local_name(e.name().into_inner()) {
                        b"Fallback" => fallback = fallback.saturating_sub(1),
                        b"lvl" => {
                            if let Some((i, l)) = level.take() {
                                if let Some(id) = &abstract_id {
                                    let levels = n.abstracts.entry(id.clone()).or_default();
                                    if levels.len() <= i {
                                        levels.resize(i + 1, Level::default());
                                    }
                                    levels[i] = l;
                                } else if let (Some(id), Some(o)) = (&num_id, override_level) {
                                    if let Some(entry) = n.nums.get_mut(id) {
                                        entry.levels.insert(o, l);
                                    }
                                }
                            }
                        }
                        b"abstractNum" => abstract_id = None,
                        b"num" => num_id = None,
                        b"lvlOverride" => override_level = None,
                        _ => {}
                    }
                    continue;
                }
                Event::Eof => break,
                _ => continue,
            };
            let (_, local) = name_of(e);
            if local == b"Fallback" {
                if !empty {
                    fallback += 1;
                }
                continue;
            }
            if fallback > 0 {
                continue;
            }
            match local {
                b"abstractNum" => {
                    if n.abstracts.len() >= MAX_LISTS {
                        return Err(bad(format!(
                            "numbering.xml defines more than {MAX_LISTS} lists"
                        )));
                    }
                    abstract_id = attr(e, "w:abstractNumId");
                }
                b"num" => {
                    if n.nums.len() >= MAX_LISTS {
                        return Err(bad(format!(
                            "numbering.xml defines more than {MAX_LISTS} lists"
                        )));
                    }
                    num_id = attr(e, "w:numId");
                    if let Some(id) = &num_id {
                        n.nums.entry(id.clone()).or_default();
                    }
                }
                b"abstractNumId" => {
                    if let (Some(id), Some(v)) = (&num_id, attr(e, "w:val")) {
                        if let Some(entry) = n.nums.get_mut(id) {
                            entry.abstract_id = v;
                        }
                    }
                }
                b"lvlOverride" => {
                    override_level = attr(e, "w:ilvl")
                        .and_then(|v| v.parse().ok())
                        .filter(|&i| i < LEVELS);
                }
                b"startOverride" => {
                    if let (Some(id), Some(i), Some(v)) = (
                        &num_id,
                        override_level,
                        attr(e, "w:val").and_then(|v| v.parse().ok()),
                    ) {
                        if let Some(entry) = n.nums.get_mut(id) {
                            entry.starts.insert(i, v);
                        }
                    }
                }
                b"lvl" => {
                    let i = attr(e, "w:ilvl")
                        .and_then(|v| v.parse::<usize>().ok())
                        .filter(|&i| i < LEVELS);
                    level = i.map(|i| {
                        (
                            i,
                            Level {
                                start: 1,
                                ..Level::default()
                            },
                        )
                    });
                }
                b"start" => {
                    if let (Some((_, l)), Some(v)) =
                        (&mut level, attr(e, "w:val").and_then(|v| v.parse().ok()))
                    {
                        l.start = v;
                    }
                }
                b"numFmt" => {
                    if let (Some((_, l)), Some(v)) = (&mut level, attr(e, "w:val")) {
                        l.format = v;
                        // Word's sample is a few letters (`а, б, в, ...`): only its opening is
                        // looked at, for every paragraph numbered with it.
                        l.custom =
                            attr(e, "w:format").map(|f| f.chars().take(MAX_LEVEL_TEXT).collect());
                    }
                }
                b"lvlText" => {
                    if let Some((_, l)) = &mut level {
                        // Word's level texts are a few characters (`Article %1.`); a long one would
                        // be copied into every paragraph's number.
                        l.text = attr(e, "w:val").filter(|t| t.chars().count() <= MAX_LEVEL_TEXT);
                    }
                }
                _ => {}
            }
        }
        Ok(n)
    }

    /// The levels of a numbering id, with its overrides.
    fn levels(&self, num: &str) -> Option<(&str, Levels<'_>, &HashMap<usize, u32>)> {
        let Num {
            abstract_id,
            starts,
            levels: whole,
        } = self.nums.get(num)?;
        let mut levels: [Option<&Level>; LEVELS] = [None; LEVELS];
        for (i, l) in self
            .abstracts
            .get(abstract_id)?
            .iter()
            .enumerate()
            .take(LEVELS)
        {
            levels[i] = Some(l);
        }
        for (&i, l) in whole {
            if i < LEVELS {
                levels[i] = Some(l);
            }
        }
        Some((abstract_id, levels, starts))
    }
}

/// What a paragraph style gives its paragraphs.
#[derive(Debug, Default, Clone)]
struct Style {
    based_on: Option<String>,
    /// The style hides its text (`w:vanish` in its run properties; `None` when it says nothing).
    hidden: Option<bool>,
    /// Heading level (0 = top), from an outline level or a `heading N` / `Title` name.
    outline: Option<u8>,
    num_id: Option<String>,
    ilvl: Option<usize>,
}

#[derive(Debug, Default)]
struct Styles {
    map: HashMap<String, Style>,
    /// The paragraph style of paragraphs that name none (`w:default="1"`).
    default_paragraph: Option<String>,
}

impl Styles {
    fn parse(xml: &str) -> Result<Styles> {
        let mut s = Styles::default();
        let mut reader = Reader::from_str(xml);
        let mut current: Option<(String, Style)> = None;
        // Inside a style's run properties.
        let mut in_rpr = false;
        loop {
            let ev = reader
                .read_event()
                .map_err(|e| xml_error("styles.xml", e))?;
            let e = match &ev {
                Event::Start(e) | Event::Empty(e) => e,
                Event::End(e) => {
                    match local_name(e.name().into_inner()) {
                        b"style" => {
                            if let Some((id, style)) = current.take() {
                                if s.map.len() >= MAX_LISTS {
                                    return Err(bad(format!(
                                        "styles.xml defines more than {MAX_LISTS} styles"
                                    )));
                                }
                                s.map.insert(id, style);
                            }
                        }
                        b"rPr" => in_rpr = false,
                        _ => {}
                    }
                    continue;
                }
                Event::Eof => break,
                _ => continue,
            };
            let (_, local) = name_of(e);
            match (local, &mut current) {
                (b"style", _) => {
                    // Paragraph and character styles (a character style can hide its runs).
                    let kind = attr(e, "w:type");
                    let read = kind
                        .as_deref()
                        .is_none_or(|t| t == "paragraph" || t == "character");
                    current = attr(e, "w:styleId")
                        .filter(|_| read)
                        .map(|id| (id, Style::default()));
                    let default = attr(e, "w:default").is_some_and(|v| v == "1" || v == "true");
                    if default && kind.as_deref().is_none_or(|t| t == "paragraph") {
                        s.default_paragraph = current.as_ref().map(|(id, _)| id.clone());
                    }
                }
                (b"rPr", Some(_)) if matches!(ev, Event::Start(_)) => in_rpr = true,
                (b"vanish", Some((_, style))) if in_rpr => {
                    style.hidden = Some(
                        attr(e, "w:val")
                            .is_none_or(|v| !matches!(v.as_str(), "0" | "false" | "off")),
                    );
                }
                (b"name", Some((_, style))) => {
                    if let Some(name) = attr(e, "w:val") {
                        let lower = name.to_lowercase();
                        if lower == "title" {
                            style.outline.get_or_insert(0);
                        } else if let Some(n) = lower
                            .strip_prefix("heading ")
                            .and_then(|n| n.trim().parse::<u8>().ok())
                        {
                            style.outline.get_or_insert(n.saturating_sub(1));
                        }
                    }
                }
                (b"basedOn", Some((_, style))) => style.based_on = attr(e, "w:val"),
                (b"outlineLvl", Some((_, style))) => {
                    style.outline = attr(e, "w:val")
                        .and_then(|v| v.parse().ok())
                        .filter(|&l| l < 9);
                }
                (b"numId", Some((_, style))) => style.num_id = attr(e, "w:val"),
                (b"ilvl", Some((_, style))) => {
                    style.ilvl = attr(e, "w:val").and_then(|v| v.parse().ok());
                }
                _ => {}
            }
        }
        Ok(s)
    }

    /// A style's heading level and numbering, following `basedOn` (a few steps, never in a circle).
    fn resolve(&self, id: &str) -> Style {
        let mut out = Style::default();
        let mut seen = HashSet::default();
        let mut next = Some(id.to_string());
        while let Some(id) = next.take() {
            if !seen.insert(id.clone()) || seen.len() > 16 {
                break;
            }
            let Some(s) = self.map.get(&id) else { break };
            if out.outline.is_none() {
                out.outline = s.outline;
            }
            if out.num_id.is_none() {
                out.num_id = s.num_id.clone();
            }
            if out.ilvl.is_none() {
                out.ilvl = s.ilvl;
            }
            if out.hidden.is_none() {
                out.hidden = s.hidden;
            }
            next = s.based_on.clone();
        }
        out
    }
}

/// The body as lines of the text format.
struct Body {
    lines: Vec<String>,
    insertions: usize,
    deletions: usize,
    /// Tracked changes of formatting (`w:rPrChange`, `w:pPrChange`, ...).
    formatting: usize,
    /// The paragraph (1-based) of the first tracked change.
    first_change: usize,
}

/// A paragraph being read.
#[derive(Default)]
struct Paragraph {
    text: String,
    style: Option<String>,
    /// Its style hides its runs (unless a run says otherwise).
    style_hidden: Option<bool>,
    num_id: Option<String>,
    ilvl: Option<usize>,
    outline: Option<u8>,
}

/// Counters of the lists, per abstract numbering (Word continues a list across numbering ids that
/// share one, unless an id restarts it with a start override).
#[derive(Default)]
struct Counters {
    values: HashMap<String, [Option<u32>; LEVELS]>,
    /// Numbering ids already used (an override restarts a list once, at its first paragraph).
    used: HashSet<String>,
}

impl Body {
    fn parse(xml: &str, numbering: &Numbering, styles: &Styles) -> Result<Body> {
        let mut body = Body {
            lines: Vec::new(),
            insertions: 0,
            deletions: 0,
            formatting: 0,
            first_change: 0,
        };
        let mut reader = Reader::from_str(xml);
        let mut counters = Counters::default();
        let mut p: Option<Paragraph> = None;
        // Paragraphs a paragraph is nested in (a paragraph inside a run's content): each goes on
        // once the inner one ends.
        let mut outer: Vec<Paragraph> = Vec::new();
        // Lines of nested paragraphs, written after the paragraph they were nested in.
        let mut nested: Vec<String> = Vec::new();
        // Depths of the elements whose text is not the document's: deleted runs, field codes,
        // fallbacks, text boxes, comments and footnote references; and of the paragraph's
        // properties.
        let (mut skip, mut in_ppr, mut in_text) = (0usize, 0usize, false);
        // Inside a run's properties; whether the run itself says it is hidden (`w:vanish`: Word
        // shows none of its text), and whether its character style does.
        let (mut in_rpr, mut vanish, mut style_vanish) = (0usize, None::<bool>, None::<bool>);
        // The prefixes the document binds to WordprocessingML's namespace (`w` nearly always).
        let mut w: Vec<Vec<u8>> = vec![b"w".to_vec()];
        let mut root = true;
        // Elements open (a file cut short leaves some open: refused, not read in part).
        let mut depth = 0usize;
        // Fields open, each `true` while its code is read (before its `separate`).
        let mut fields: Vec<bool> = Vec::new();
        // How many of `fields` are `true`.
        let mut in_code = 0usize;
        loop {
            let ev = reader.read_event().map_err(|e| {
                xml_error(
                    &format!("document.xml (near byte {})", reader.error_position()),
                    e,
                )
            })?;
            match ev {
                Event::DocType(_) => {
                    // Word writes none; a DTD could declare entities meant to look like text.
                    return Err(bad(
                        "document.xml declares a DTD, which Word files never do".into(),
                    ));
                }
                Event::Start(ref e) | Event::Empty(ref e) => {
                    let empty = matches!(ev, Event::Empty(_));
                    if root {
                        root = false;
                        let bound = main_prefixes(e);
                        if !bound.is_empty() {
                            w = bound;
                        }
                    }
                    if !empty {
                        depth += 1;
                        if depth > MAX_DEPTH {
                            return Err(bad(format!(
                                "document.xml nests elements more than {MAX_DEPTH} deep (near byte {})",
                                reader.buffer_position()
                            )));
                        }
                    }
                    let (prefix, local) = name_of(e);
                    let is_w = w.iter().any(|x| x.as_slice() == prefix);
                    match local {
                        b"ins" if is_w => body.insertions += 1,
                        b"del" if is_w => body.deletions += 1,
                        l if is_w && is_property_change(l) => body.formatting += 1,
                        _ => {}
                    }
                    if body.first_change == 0
                        && body.insertions + body.deletions + body.formatting > 0
                    {
                        body.first_change = body.lines.len() + 1;
                    }
                    let skipped = is_skipped(local);
                    if skipped && !empty {
                        // A deleted paragraph mark (`w:del` in a run's properties) is empty.
                        skip += 1;
                        continue;
                    }
                    if skip > 0 {
                        continue;
                    }
                    match local {
                        b"p" if is_w && !empty => {
                            if let Some(o) = p.take() {
                                outer.push(o);
                            }
                            // The default paragraph style applies until the paragraph names one.
                            p = Some(Paragraph {
                                style_hidden: styles
                                    .default_paragraph
                                    .as_deref()
                                    .and_then(|id| styles.resolve(id).hidden),
                                ..Paragraph::default()
                            });
                        }
                        b"fldChar" if is_w => match attr(e, "w:fldCharType").as_deref() {
                            // A field's code (between `begin` and `separate`) is not its text,
                            // however it is written (`w:t` as well as `w:instrText`).
                            Some("begin") => {
                                fields.push(true);
                                in_code += 1;
                            }
                            Some("separate") => {
                                if let Some(top) = fields.last_mut().filter(|t| **t) {
                                    *top = false;
                                    in_code -= 1;
                                }
                            }
                            Some("end") if fields.pop() == Some(true) => in_code -= 1,
                            _ => {}
                        },
                        b"r" if is_w && !empty => (vanish, style_vanish) = (None, None),
                        b"rPr" if !empty && in_ppr == 0 => in_rpr += 1,
                        b"vanish" | b"specVanish" if in_rpr > 0 => {
                            vanish = Some(
                                attr(e, "w:val")
                                    .is_none_or(|v| !matches!(v.as_str(), "0" | "false" | "off")),
                            );
                        }
                        b"rStyle" if in_rpr > 0 => {
                            style_vanish =
                                attr(e, "w:val").and_then(|id| styles.resolve(&id).hidden);
                        }
                        b"pPr" if !empty => in_ppr += 1,
                        b"pStyle" if in_ppr > 0 => {
                            if let Some(p) = &mut p {
                                p.style = attr(e, "w:val");
                                p.style_hidden =
                                    p.style.as_deref().and_then(|id| styles.resolve(id).hidden);
                            }
                        }
                        b"numId" if in_ppr > 0 => {
                            if let Some(p) = &mut p {
                                p.num_id = attr(e, "w:val");
                            }
                        }
                        b"ilvl" if in_ppr > 0 => {
                            if let Some(p) = &mut p {
                                p.ilvl = attr(e, "w:val").and_then(|v| v.parse().ok());
                            }
                        }
                        b"outlineLvl" if in_ppr > 0 => {
                            if let Some(p) = &mut p {
                                p.outline = attr(e, "w:val").and_then(|v| v.parse().ok());
                            }
                        }
                        b"t" if is_w && !empty && in_ppr == 0 => {
                            // Direct formatting first, then the run's style, then the paragraph's.
                            let hidden = vanish
                                .or(style_vanish)
                                .or(p.as_ref().and_then(|p| p.style_hidden))
                                .unwrap_or(false);
                            in_text = !hidden && in_code == 0;
                        }
                        b"tab" | b"br" | b"cr" if in_ppr == 0 => {
                            if let Some(p) = &mut p {
                                p.text.push(' ');
                            }
                        }
                        b"noBreakHyphen" => {
                            if let Some(p) = &mut p {
                                p.text.push('-');
                            }
                        }
                        _ => {}
                    }
                }
                Event::End(ref e) => {
                    depth = depth.saturating_sub(1);
                    let full = e.name().into_inner();
                    let local = local_name(full);
                    let skipped = is_skipped(local);
                    if skipped && skip > 0 {
                        skip -= 1;
                        continue;
                    }
                    if skip > 0 {
                        continue;
                    }
                    let (prefix, _) = split_name(full);
                    let is_w = w.iter().any(|x| x.as_slice() == prefix);
                    match local {
                        b"t" => in_text = false,
                        b"pPr" => in_ppr = in_ppr.saturating_sub(1),
                        b"rPr" if in_ppr == 0 => in_rpr = in_rpr.saturating_sub(1),
                        b"r" if is_w => (vanish, style_vanish) = (None, None),
                        b"p" if is_w => {
                            if let Some(par) = p.take() {
                                let n = body.lines.len() + 1;
                                let l = line(par, numbering, styles, &mut counters)
                                    .map_err(|e| e.with_position(n, 1))?;
                                if outer.is_empty() {
                                    body.lines.push(l);
                                    // Paragraphs that were nested in it follow it, as its lines.
                                    for inner in nested.drain(..) {
                                        body.lines.push(format!("   {}", inner.trim_start()));
                                    }
                                } else if !l.is_empty() {
                                    nested.push(l);
                                }
                            }
                            // The paragraph this one was nested in goes on.
                            p = outer.pop();
                        }
                        _ => {}
                    }
                }
                Event::Text(t) if in_text && skip == 0 => {
                    if let Some(p) = &mut p {
                        let raw = String::from_utf8_lossy(t.as_ref());
                        p.text.push_str(&raw);
                    }
                }
                Event::GeneralRef(r) if in_text && skip == 0 => {
                    if let Some(p) = &mut p {
                        let name = String::from_utf8_lossy(r.as_ref());
                        // An entity XML does not define (Word writes none) is kept as written,
                        // never dropped.
                        match entity(&name) {
                            Some(c) => p.text.push(c),
                            None => {
                                p.text.push('&');
                                p.text.push_str(&name);
                                p.text.push(';');
                            }
                        }
                    }
                }
                Event::CData(t) if in_text && skip == 0 => {
                    if let Some(p) = &mut p {
                        p.text.push_str(&String::from_utf8_lossy(t.as_ref()));
                    }
                }
                Event::Eof => {
                    if depth > 0 || root {
                        return Err(bad(format!(
                            "document.xml ends with {depth} element(s) still open: the file is cut short"
                        )));
                    }
                    break;
                }
                _ => {}
            }
            if body.lines.len() > super::MAX_ITEMS * 4 {
                return Err(Error::new(ErrorKind::TooManyItems {
                    limit: super::MAX_ITEMS,
                }));
            }
        }
        Ok(body)
    }
}

/// A paragraph as a line of the text format: its number (as Word displays it) and text; a heading
/// as a `#` line; lower list levels indented under their point.
fn line(
    p: Paragraph,
    numbering: &Numbering,
    styles: &Styles,
    counters: &mut Counters,
) -> Result<String> {
    // No line breaks inside a paragraph's line: a paragraph is one line.
    let text: String = p
        .text
        .chars()
        .map(|c| {
            if matches!(
                c,
                '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}'
            ) {
                ' '
            } else {
                c
            }
        })
        .collect();
    let text = text.trim();
    let style = p
        .style
        .as_deref()
        .map(|s| styles.resolve(s))
        .unwrap_or_default();
    let num_id = p.num_id.or(style.num_id).filter(|n| n != "0");
    let ilvl = p.ilvl.or(style.ilvl).unwrap_or(0).min(LEVELS - 1);
    if let Some(number) = num_id.and_then(|id| number(&id, ilvl, numbering, counters)) {
        let indent = "   ".repeat(ilvl);
        if let Number::Text { shown, .. } = &number {
            if shown.chars().count() > MAX_NUMBER {
                return Err(bad(format!(
                    "a paragraph's number is longer than {MAX_NUMBER} characters"
                )));
            }
        }
        return Ok(match number {
            // An empty numbered paragraph (Word leaves one at a list's end) is an empty line.
            _ if text.is_empty() => String::new(),
            Number::Bullet => format!("{indent}- {text}"),
            // A point of the top level is written with its label as the format's own marker: the
            // number Word shows (`Article IV`) is the label's dress, not text.
            Number::Text { label, .. } if ilvl == 0 && !label.is_empty() => {
                format!("Point {label}: {text}")
            }
            Number::Text { shown, .. } if shown.is_empty() => format!("{indent}{text}"),
            Number::Text { shown, .. } => format!("{indent}{shown} {text}"),
        });
    }
    let outline = p.outline.or(style.outline);
    let own_line = super::text::starts_own_line(text);
    Ok(match outline {
        Some(level) if !text.is_empty() && !super::text::starts_point(text) => {
            format!("{} {text}", "#".repeat(usize::from(level.min(5)) + 1))
        }
        // A paragraph of its own (between two lists, or a point's second paragraph) is a line of
        // the point before, not a hard wrap of it: indented, it keeps its line break.
        _ if !own_line && !text.is_empty() => format!("   {text}"),
        _ => text.to_string(),
    })
}

enum Number {
    Bullet,
    Text {
        /// As Word shows it: `Article IV`, `2.1.`, `а)`.
        shown: String,
        /// The values of its levels joined by dots: `IV`, `2.1`, `а`.
        label: String,
    },
}

/// The number Word shows for the next paragraph of list `num_id` at level `ilvl`, counting it.
fn number(
    num_id: &str,
    ilvl: usize,
    numbering: &Numbering,
    counters: &mut Counters,
) -> Option<Number> {
    let (abstract_id, levels, starts) = numbering.levels(num_id)?;
    let level = levels.get(ilvl).copied().flatten()?;
    let values = counters.values.entry(abstract_id.to_string()).or_default();
    if counters.used.insert(num_id.to_string()) {
        // A list's first paragraph under an id that overrides a start restarts that level.
        for &i in starts.keys() {
            if i < LEVELS {
                values[i] = None;
            }
        }
    }
    let start_of = |i: usize| {
        starts
            .get(&i)
            .copied()
            .unwrap_or_else(|| levels.get(i).copied().flatten().map_or(1, |l| l.start))
    };
    values[ilvl] = Some(match values[ilvl] {
        Some(v) => v.saturating_add(1),
        None => start_of(ilvl),
    });
    for v in values.iter_mut().skip(ilvl + 1) {
        *v = None;
    }
    if level.format == "bullet" {
        return Some(Number::Bullet);
    }
    let template = level
        .text
        .clone()
        .unwrap_or_else(|| format!("%{}.", ilvl + 1));
    let empty = Level::default();
    let mut out = String::new();
    let mut label = String::new();
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '%' {
            if let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                chars.next();
                let i = (d as usize).saturating_sub(1).min(LEVELS - 1);
                let value = values[i].unwrap_or_else(|| start_of(i));
                let l = levels.get(i).copied().flatten().unwrap_or(&empty);
                let n = format_number(value, l);
                if !n.is_empty() {
                    if !label.is_empty() {
                        label.push('.');
                    }
                    label.push_str(&n);
                }
                out.push_str(&n);
                continue;
            }
        }
        out.push(c);
    }
    Some(Number::Text {
        shown: out.trim().to_string(),
        label,
    })
}

/// Ukrainian letters as Word and LibreOffice number with them.
const UK_LOWER: &[char] = &[
    'а', 'б', 'в', 'г', 'ґ', 'д', 'е', 'є', 'ж', 'з', 'и', 'і', 'ї', 'й', 'к', 'л', 'м', 'н', 'о',
    'п', 'р', 'с', 'т', 'у', 'ф', 'х', 'ц', 'ч', 'ш', 'щ', 'ь', 'ю', 'я',
];

/// Russian letters as Word numbers with them (`russianLower`).
const RU_LOWER: &[char] = &[
    'а', 'б', 'в', 'г', 'д', 'е', 'ж', 'з', 'и', 'к', 'л', 'м', 'н', 'о', 'п', 'р', 'с', 'т', 'у',
    'ф', 'х', 'ц', 'ч', 'ш', 'щ', 'э', 'ю', 'я',
];

/// A value in a level's number format.
fn format_number(value: u32, level: &Level) -> String {
    const LATIN: [char; 26] = [
        'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r',
        's', 't', 'u', 'v', 'w', 'x', 'y', 'z',
    ];
    let latin = &LATIN[..];
    match level.format.as_str() {
        "none" => String::new(),
        "decimalZero" => format!("{value:02}"),
        "lowerLetter" => letters(value, latin),
        "upperLetter" => letters(value, latin).to_uppercase(),
        "lowerRoman" => roman(value).to_lowercase(),
        "upperRoman" => roman(value),
        "russianLower" => letters(value, RU_LOWER),
        "russianUpper" => letters(value, RU_LOWER).to_uppercase(),
        "custom" => {
            // Word's sample of the sequence: `а, б, в, ...`, `А, Б, В, ...`, `01, 02, 03, ...`.
            let sample = level.custom.as_deref().unwrap_or("");
            match sample.chars().next() {
                Some(c) if c.is_lowercase() && is_cyrillic(c) => {
                    letters(value, alphabet_of(sample))
                }
                Some(c) if c.is_uppercase() && is_cyrillic(c) => {
                    letters(value, alphabet_of(sample)).to_uppercase()
                }
                Some('0') => format!("{value:02}"),
                _ => value.to_string(),
            }
        }
        _ => value.to_string(),
    }
}

fn is_cyrillic(c: char) -> bool {
    ('\u{0400}'..='\u{04FF}').contains(&c)
}

/// The alphabet a custom sample counts in: Ukrainian when it holds a letter only Ukrainian has
/// (`ґ`, `є`, `і`, `ї`), else Russian.
fn alphabet_of(sample: &str) -> &'static [char] {
    let lower = sample.to_lowercase();
    if ['ґ', 'є', 'і', 'ї'].iter().any(|&c| lower.contains(c)) {
        UK_LOWER
    } else {
        RU_LOWER
    }
}

/// `a`..`z`, then `aa`, `bb`, ... as Word counts letters past the alphabet.
fn letters(value: u32, alphabet: &[char]) -> String {
    if value == 0 {
        return "0".to_string();
    }
    let n = alphabet.len() as u32;
    let (repeat, index) = ((value - 1) / n + 1, (value - 1) % n);
    std::iter::repeat_n(alphabet[index as usize], repeat.min(50) as usize).collect()
}

fn roman(mut value: u32) -> String {
    if value == 0 || value >= 4000 {
        return value.to_string();
    }
    let table = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in table {
        while value >= v {
            out.push_str(s);
            value -= v;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_word_s_formats() {
        let l = |f: &str| Level {
            start: 1,
            format: f.to_string(),
            custom: None,
            text: None,
        };
        assert_eq!(format_number(3, &l("decimal")), "3");
        assert_eq!(format_number(28, &l("lowerLetter")), "bb");
        assert_eq!(format_number(4, &l("upperRoman")), "IV");
        assert_eq!(format_number(14, &l("lowerRoman")), "xiv");
        assert_eq!(format_number(9, &l("russianLower")), "и");
        assert_eq!(format_number(10, &l("russianLower")), "к");
        let mut ru = l("custom");
        ru.custom = Some("а, б, в, ...".to_string());
        assert_eq!(format_number(5, &ru), "д");
        let mut uk = l("custom");
        uk.custom = Some("а, б, в, г, ґ, ...".to_string());
        assert_eq!(format_number(5, &uk), "ґ");
        assert_eq!(unescape("a &amp; b &#233; &#x44;"), "a & b é D");
    }
}
