//! The checks behind each fuzz target, shared with `tests/fuzz_regressions.rs`, which replays the seed
//! corpus and every input that once failed on the stable toolchain.

use peaceplan::diff::deferred_names;
use peaceplan::format::{
    Format, WarningKind, parse, parse_bytes, parse_text as read_text, parse_with_warnings, write,
};
use peaceplan::{Draft, diff, render};

#[path = "structured.rs"]
mod structured;

/// Whatever parses writes back in every format and parses again to the same draft.
fn round_trips(draft: &Draft) {
    for f in [Format::Text, Format::Json, Format::Toml] {
        let written = write(draft, f).expect("a parsed draft can be written");
        let again = parse(&written, f).expect("a written draft parses");
        assert_eq!(&again, draft, "{f} round trip");
    }
    // What the writer wrote needs no repair to read back (numbers that jump stay news).
    let written = write(draft, Format::Text).expect("a parsed draft can be written");
    let read = parse_with_warnings(&written, Format::Text).expect("a written draft parses");
    let repairs: Vec<_> = read
        .warnings
        .iter()
        .filter(|w| {
            !matches!(
                w.kind(),
                WarningKind::NumberJump { .. } | WarningKind::NumberBackwards { .. }
            )
        })
        .collect();
    assert!(
        repairs.is_empty(),
        "repairs on reading written text: {repairs:?}"
    );
}

/// A Word file made of the input (document.xml, numbering.xml and styles.xml, separated by NUL
/// bytes; zipped here, so that the fuzzer works on the XML, not on checksums): no panic, and what it
/// reads round trips and diffs against itself as unchanged.
pub fn parse_docx(data: &[u8]) {
    use std::io::Write;
    let mut parts = data.splitn(3, |&b| b == 0);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for name in ["word/document.xml", "word/numbering.xml", "word/styles.xml"] {
        if let Some(part) = parts.next().filter(|p| !p.is_empty()) {
            zip.start_file(name, stored).expect("a zip entry");
            zip.write_all(part).expect("zip in memory");
        }
    }
    let bytes = zip.finish().expect("zip in memory").into_inner();
    if let Ok(draft) = parse_bytes(&bytes, Format::Docx) {
        round_trips(&draft);
        assert!(diff(&draft, &draft).is_empty(), "self-diff");
    }
}

/// The text parser on arbitrary bytes: no panic, round trips, and a draft diffed against itself is
/// unchanged.
pub fn parse_text(data: &[u8]) {
    if let Ok(draft) = parse_bytes(data, Format::Text) {
        round_trips(&draft);
        assert!(diff(&draft, &draft).is_empty(), "self-diff");
    }
}

/// The first control character but line feed and tab (or bidirectional override) in what a text
/// renderer wrote, once the renderer's own colour codes are taken out: `None` when the text is inert.
pub fn raw_control(text: &str) -> Option<char> {
    let mut text = text.to_string();
    for sgr in [
        "\x1b[0m",
        "\x1b[2m",
        "\x1b[33m",
        "\x1b[31m",
        "\x1b[32m",
        "\x1b[35m",
        "\x1b[36m",
        "\x1b[34m",
        "\x1b[1;32m",
        "\x1b[31;9m",
        "\x1b[32;4m",
    ] {
        text = text.replace(sgr, "");
    }
    text.chars().find(|&c| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    })
}

/// What a text renderer writes is inert ([`raw_control`]).
fn assert_inert(text: &str) {
    let raw = raw_control(text);
    assert!(raw.is_none(), "raw {raw:?} in the output");
}

/// A draft built from parts and a revision of it made as negotiators make them (see
/// `structured.rs`): both written as text and read back; every point in exactly one change; text,
/// Markdown and HTML render, the text inert; the JSON deterministic; each draft against itself
/// unchanged.
pub fn diff_structured(data: &[u8]) {
    let mut u = arbitrary::Unstructured::new(data);
    let Ok(a) = structured::DraftSpec::arbitrary(&mut u) else {
        return;
    };
    let Ok(b) = a.revise(&mut u) else {
        return;
    };
    let old = match read_text(&a.text()) {
        Ok(d) => d,
        // Odd characters (a brace, a colon...) may make a draft unreadable; without them, every
        // draft the builder writes must read.
        Err(e) => {
            assert!(!a.odd.is_empty(), "{e}\n{}", a.text());
            return;
        }
    };
    let new = read_text(&b.text()).unwrap_or_else(|e| panic!("{e}\n{}", b.text()));
    assert_eq!(new.points.len(), b.points.len(), "{}", b.text());
    assert_eq!(new.deferred.len(), b.deferred.len(), "{}", b.text());
    round_trips(&new);
    check_diff(&old, &new);
    for d in [&old, &new] {
        assert!(diff(d, d).is_empty(), "self-diff of\n{}", a.text());
    }
}

/// The JSON (first byte even) or TOML (odd) loader on the rest of the bytes: no panic, and round trips.
pub fn parse_structured(data: &[u8]) {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let format = if first % 2 == 0 {
        Format::Json
    } else {
        Format::Toml
    };
    if let Ok(draft) = parse_bytes(rest, format) {
        round_trips(&draft);
    }
}

/// Two drafts (the input split at its first 0xFF byte, each half parsed as text): the diff keeps every
/// point in exactly one change, every renderer runs, and the diff is deterministic.
pub fn diff_drafts(data: &[u8]) {
    let split = data
        .iter()
        .position(|&b| b == 0xFF)
        .unwrap_or(data.len() / 2);
    let (a, b) = (&data[..split], &data[(split + 1).min(data.len())..]);
    let (Ok(old), Ok(new)) = (parse_bytes(a, Format::Text), parse_bytes(b, Format::Text)) else {
        return;
    };
    check_diff(&old, &new);
}

/// Every point and deferred item of either draft in exactly one change, every renderer runs (text
/// inert), and the diff is deterministic.
fn check_diff(old: &Draft, new: &Draft) {
    let d = diff(old, new);
    let names = |x: &Draft| -> Vec<String> {
        x.points
            .iter()
            .map(|p| p.label.clone())
            .chain(deferred_names(x))
            .collect()
    };
    let (old_names, new_names) = (names(old), names(new));
    // Every old and every new label in exactly one change.
    for (side, all) in [("old", &old_names), ("new", &new_names)] {
        for l in all {
            let n = d
                .changes()
                .iter()
                .filter(|c| {
                    let refs = if side == "old" { &c.old } else { &c.new };
                    refs.iter().any(|r| r == l)
                })
                .count();
            assert_eq!(n, 1, "{side} {l}");
        }
    }
    // Every reference points at the point or item it names, in its own draft.
    for c in d.changes() {
        for (refs, draft, all) in [(&c.old, old, &old_names), (&c.new, new, &new_names)] {
            for r in refs {
                let k = if r.is_deferred() {
                    draft.points.len() + r.index()
                } else {
                    r.index()
                };
                assert_eq!(
                    all.get(k).map(String::as_str),
                    Some(r.label()),
                    "{r} at {k}"
                );
                assert!(r.text(draft).is_some(), "{r} has a text");
            }
        }
    }
    assert_inert(&render::text(&d));
    assert_inert(&render::markdown(&d));
    let _ = render::html(&d);
    assert_eq!(render::json(&d), render::json(&diff(old, new)));
}
