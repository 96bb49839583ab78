//! The checks behind each fuzz target, shared with `tests/fuzz_regressions.rs`, which replays the seed
//! corpus and every input that once failed on the stable toolchain.

use peaceplan::format::{Format, parse, parse_bytes, write};
use peaceplan::{Draft, diff, render};

/// Whatever parses writes back in every format and parses again to the same draft.
fn round_trips(draft: &Draft) {
    for f in [Format::Text, Format::Json, Format::Toml] {
        let written = write(draft, f).expect("a parsed draft can be written");
        let again = parse(&written, f).expect("a written draft parses");
        assert_eq!(&again, draft, "{f} round trip");
    }
}

/// The text parser on arbitrary bytes: no panic, and round trips.
pub fn parse_text(data: &[u8]) {
    if let Ok(draft) = parse_bytes(data, Format::Text) {
        round_trips(&draft);
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
    let d = diff(&old, &new);
    for p in &old.points {
        assert_eq!(
            d.changes
                .iter()
                .filter(|c| c.old.contains(&p.label))
                .count(),
            1,
            "old {}",
            p.label
        );
    }
    for p in &new.points {
        assert_eq!(
            d.changes
                .iter()
                .filter(|c| c.new.contains(&p.label))
                .count(),
            1,
            "new {}",
            p.label
        );
    }
    let _ = render::text(&d);
    let _ = render::markdown(&d);
    let _ = render::html(&d);
    assert_eq!(render::json(&d), render::json(&diff(&old, &new)));
}
