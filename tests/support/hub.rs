//! One huge point with many short points folded into it: an attack on the aligner's last passes
//! (found by an attacker in issue 18), shared by `tests/hostile.rs` and the `hub_20000` bench.
#![allow(dead_code)]

/// Distinct five-letter words, from `k`'s digits in base 20.
fn word(k: usize) -> String {
    let letters = b"bcdfghjklmnpqrstvwxz";
    (0..5)
        .map(|d| letters[(k / 20usize.pow(d)) % 20] as char)
        .collect()
}

/// Two drafts in the text format: the old one has a point of `hub_words` words, then `shorts`
/// points of two words each; the new one has one point, all of them.
pub fn hub_pair(shorts: usize, hub_words: usize) -> (String, String) {
    let hub: Vec<String> = (0..hub_words).map(word).collect();
    let short: Vec<String> = (0..shorts)
        .map(|k| {
            format!(
                "{} {}",
                word(hub_words + 2 * k),
                word(hub_words + 2 * k + 1)
            )
        })
        .collect();
    let mut old = format!("1. {}\n", hub.join(" "));
    for (k, s) in short.iter().enumerate() {
        old.push_str(&format!("{}. {s}\n", k + 2));
    }
    let new = format!("1. {} {}\n", hub.join(" "), short.join(" "));
    (old, new)
}
