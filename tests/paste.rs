//! Drafts as people paste them out of PDF viewers: every bundled draft copied as a viewer gives it
//! (numbers in mixed styles, hard wraps, hyphenated breaks, page numbers and running headers, CR line
//! endings), in English and Ukrainian, must read as the clean draft does; hand-written copies through
//! the command, with its warnings, `--strict` and the count `show` prints.

#[path = "support/command.rs"]
mod command;
#[path = "support/paste.rs"]
mod paste;
#[path = "support/rng.rs"]
mod rng;
#[path = "../benches/synthetic.rs"]
mod synthetic;

use std::path::{Path, PathBuf};

use peaceplan::format::{self, Format, WarningKind, parse_with_warnings};
use peaceplan::{Deferred, Draft, Point, diff};

fn data(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// The draft a copy can hold: labels, texts and forums; no metadata, attributes or references.
fn printable(d: &Draft) -> Draft {
    let mut out = Draft::default();
    for p in &d.points {
        out.points.push(Point::new(p.label.clone(), p.text.clone()));
    }
    for item in &d.deferred {
        let mut x = Deferred::new(item.text.clone());
        x.forum = item.forum.clone();
        out.deferred.push(x);
    }
    out
}

fn words(s: &str) -> Vec<&str> {
    s.split_whitespace().collect()
}

/// Whether `read` holds the same labels, texts (white space aside) and forums as `clean`.
fn same(clean: &Draft, read: &Draft) -> Result<(), String> {
    let labels = |d: &Draft| d.points.iter().map(|p| p.label.clone()).collect::<Vec<_>>();
    if labels(clean) != labels(read) {
        return Err(format!(
            "labels {:?} read as {:?}",
            labels(clean),
            labels(read)
        ));
    }
    for (a, b) in clean.points.iter().zip(&read.points) {
        if words(&a.text) != words(&b.text) {
            return Err(format!(
                "point {}: {:?} read as {:?}",
                a.label, a.text, b.text
            ));
        }
    }
    if clean.deferred.len() != read.deferred.len() {
        return Err(format!(
            "{} deferred items read as {}",
            clean.deferred.len(),
            read.deferred.len()
        ));
    }
    for (a, b) in clean.deferred.iter().zip(&read.deferred) {
        if words(&a.text) != words(&b.text) || a.forum != b.forum {
            return Err(format!(
                "deferred {:?} ({:?}) read as {:?} ({:?})",
                a.text, a.forum, b.text, b.forum
            ));
        }
    }
    Ok(())
}

const DRAFTS: &[(&str, bool)] = &[
    ("examples/data/plan/28-point-plan.md", false),
    ("examples/data/plan/geneva-revision.md", false),
    ("examples/data/plan/december-framework.md", false),
    ("examples/data/security-guarantees-framework.md", false),
    ("tests/data/uk-draft.md", true),
];

/// Copies of each bundled draft per seed.
const SEEDS: u64 = 40;

#[test]
fn every_bundled_draft_reads_the_same_from_a_pdf_copy() {
    let (mut right, mut total, mut failures) = (0, 0, Vec::new());
    for &(name, ukrainian) in DRAFTS {
        let clean = printable(&format::load(data(name)).unwrap());
        for seed in 0..SEEDS {
            // Most copies mix numbering styles; every fourth is in one style throughout.
            let copy = paste::Copy {
                ukrainian,
                header: format!("{} (draft)", if ukrainian { "План" } else { "Plan" }),
                mixed: seed % 4 != 3,
            };
            let text = paste::pdf_copy(&clean, &copy, seed);
            let read = parse_with_warnings(&text, Format::Text).unwrap();
            total += 1;
            let outcome = same(&clean, &read.draft).and_then(|()| {
                let d = diff(&clean, &read.draft);
                if d.is_empty() {
                    Ok(())
                } else {
                    Err(format!("diff not empty: {:?}", d.summary()))
                }
            });
            match outcome {
                Ok(()) => right += 1,
                Err(e) => failures.push(format!("{name} seed {seed}: {e}\n{text}")),
            }
            // Every copy had repairs to make, and said so.
            assert!(!read.warnings.is_empty(), "{name} seed {seed}");
        }
    }
    println!("paste corpus: {right}/{total} copies read as the clean draft");
    assert!(
        failures.is_empty(),
        "{} failures; first:\n{}",
        failures.len(),
        failures[0]
    );
}

/// The bench's pasted drafts (`cargo bench --bench diff -- parse_pasted`), smaller: a long draft
/// in one style and in mixed styles reads as the clean one, so the bench times a right reading.
#[test]
fn a_long_synthetic_paste_reads_the_same() {
    let (old, _) = synthetic::synthetic_pair(1_000, 42);
    let clean = synthetic::capitalised(&old);
    for mixed in [true, false] {
        for seed in 1..3 {
            let copy = paste::Copy {
                ukrainian: false,
                header: "Synthetic plan (draft)".to_string(),
                mixed,
            };
            let text = paste::pdf_copy(&clean, &copy, seed);
            let read = parse_with_warnings(&text, Format::Text).unwrap();
            if let Err(e) = same(&clean, &read.draft) {
                panic!("mixed {mixed} seed {seed}: {}", &e[..e.len().min(2000)]);
            }
        }
    }
}

#[test]
fn the_issue_s_paste_reads_ten_points_and_says_how() {
    let read = format::load_with_warnings(
        data("tests/data/paste/pdf-copy-en.txt"),
        Format::Text,
        format::DEFAULT_MAX_BYTES,
    )
    .unwrap();
    let labels: Vec<&str> = read.draft.points.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(labels, ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]);
    let p = |l: &str| {
        &read
            .draft
            .points
            .iter()
            .find(|p| p.label == l)
            .unwrap()
            .text
    };
    assert_eq!(
        p("3"),
        "Each party exchanges prisoners on an all-for-all basis; detained civilians are returned within 30 days of the signature."
    );
    assert_eq!(
        p("7"),
        "Sanctions are lifted in stages, as the agreement is implemented."
    );
    assert_eq!(
        p("4"),
        "A monitoring mission of 200 international observers is deployed."
    );
    assert_eq!(read.draft.deferred.len(), 2);
    assert_eq!(
        read.draft.deferred[0].forum.as_deref(),
        Some("presidents' meeting")
    );
    let kinds = |f: fn(&WarningKind) -> bool| read.warnings.iter().filter(|w| f(w.kind())).count();
    assert_eq!(
        kinds(|k| matches!(k, WarningKind::OtherNumbering { .. })),
        5
    );
    assert_eq!(kinds(|k| matches!(k, WarningKind::PageFurniture { .. })), 5);
    assert_eq!(
        kinds(|k| matches!(k, WarningKind::HyphenRejoined { .. })),
        2
    );
    assert_eq!(
        kinds(|k| matches!(k, WarningKind::DeferredHeading { .. })),
        1
    );
    // Each warning names the file and its line.
    let first = read.warnings[0].to_string();
    assert!(
        first.ends_with("pdf-copy-en.txt:5: point 2 started by its number written `2.All`"),
        "{first}"
    );
}

#[test]
fn ukrainian_paste_reads_its_articles_and_pages() {
    let read = format::load_with_warnings(
        data("tests/data/paste/pdf-copy-uk.txt"),
        Format::Text,
        format::DEFAULT_MAX_BYTES,
    )
    .unwrap();
    assert_eq!(read.draft.points.len(), 7);
    assert_eq!(
        read.draft.points[1].text,
        "Сторони утримуються від ударів по енергетичній інфраструктурі, портах і цивільних суднах."
    );
    assert!(
        read.draft
            .points
            .iter()
            .all(|p| !p.text.contains("Рамкова"))
    );
    assert_eq!(
        read.draft.deferred[0].forum.as_deref(),
        Some("зустріч президентів")
    );
}

#[test]
fn numbers_that_jump_or_go_back_are_warned_about() {
    let read = parse_with_warnings("1. A.\n2. B.\n5. C.\n4. D.\n", Format::Text).unwrap();
    let kinds: Vec<String> = read.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        kinds,
        [
            "line 3: point 5 follows point 2: numbers skipped",
            "line 4: point 4 follows point 5: numbers go backwards"
        ]
    );
    // Sub-labels and clean drafts are no news.
    let clean = parse_with_warnings("1. A.\n2. B.\n2a. C.\n3. D.\n", Format::Text).unwrap();
    assert!(clean.warnings.is_empty());
}

#[test]
fn sub_items_in_another_style_stay_in_their_point() {
    // `(1)`, `(2)` inside point 1 are its own list: `(2)` is the next number, but the point has
    // used the style for its sub-items.
    let src =
        "1. The parties agree:\n(1) to cease fire;\n(2) to exchange prisoners.\n2. Talks follow.\n";
    let read = parse_with_warnings(src, Format::Text).unwrap();
    assert_eq!(read.draft.points.len(), 2);
    assert!(
        read.draft.points[0]
            .text
            .contains("(2) to exchange prisoners.")
    );
    assert!(read.warnings.is_empty(), "{:?}", read.warnings);
    // A document numbered `Article N` throughout: every article a point, and the style is no
    // repair (only the jump from 2 to 4 is news).
    let src = "Article 1 Sovereignty.\nArticle 2 Ceasefire.\nArticle 4 Talks.\n";
    let read = parse_with_warnings(src, Format::Text).unwrap();
    let labels: Vec<&str> = read.draft.points.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(labels, ["1", "2", "4"]);
    assert_eq!(read.warnings.len(), 1, "{:?}", read.warnings);
    assert!(matches!(
        read.warnings[0].kind(),
        WarningKind::NumberJump { .. }
    ));
    // So are French and Ukrainian drafts written cleanly in their own style; a one-point draft, or
    // a style that changes at the second point, is warned about at the first.
    for src in [
        "Article 1\u{a0}: Un cessez-le-feu.\nArticle 2\u{a0}: Des élections.\n",
        "Стаття 1. Припинення вогню.\nСтаття 2. Вибори.\n",
        // French ordinals for the first article.
        "Article 1er\u{a0}: Un cessez-le-feu.\nArticle 2\u{a0}: Des élections.\n",
        "Article premier. Un cessez-le-feu.\nArticle 2. Des élections.\n",
    ] {
        let read = parse_with_warnings(src, Format::Text).unwrap();
        assert_eq!(read.draft.points.len(), 2);
        assert!(read.warnings.is_empty(), "{src}: {:?}", read.warnings);
    }
    for src in [
        "Article 1 : Un cessez-le-feu.\n",
        "Article 1 : Un cessez-le-feu.\n2. Des élections.\n",
    ] {
        let read = parse_with_warnings(src, Format::Text).unwrap();
        assert_eq!(read.warnings.len(), 1, "{src}: {:?}", read.warnings);
        assert_eq!(read.warnings[0].line(), 1);
        assert!(matches!(
            read.warnings[0].kind(),
            WarningKind::OtherNumbering { .. }
        ));
    }
}

#[test]
fn text_a_section_does_not_read_is_warned_about_and_french_deferred_headings_are_read() {
    // A French deferred heading opens the deferred list, with its forum.
    let src = "1. La levée du blocus.\n2. Un cessez-le-feu.\n\n## Reporté\u{a0}: sommet des présidents\n\n- La levée des sanctions.\n";
    let read = parse_with_warnings(src, Format::Text).unwrap();
    assert!(read.warnings.is_empty(), "{:?}", read.warnings);
    assert_eq!(read.draft.deferred.len(), 1);
    assert_eq!(
        read.draft.deferred[0].forum.as_deref(),
        Some("sommet des présidents")
    );
    let read =
        parse_with_warnings("1. A.\n\n## Différés jusqu'au sommet\n- B.\n", Format::Text).unwrap();
    assert_eq!(read.draft.deferred[0].forum.as_deref(), Some("sommet"));
    // Any other heading's text outside a point is not read, and said so once per section.
    let src =
        "Preamble.\n1. A.\n2. B.\n\n## Notes\n\n- Something else.\n- More.\n\n## Annex\nText.\n";
    let read = parse_with_warnings(src, Format::Text).unwrap();
    assert_eq!(read.draft.points.len(), 2);
    let ignored: Vec<usize> = read
        .warnings
        .iter()
        .filter(|w| matches!(w.kind(), WarningKind::IgnoredText { .. }))
        .map(|w| w.line())
        .collect();
    assert_eq!(ignored, [7, 11], "{:?}", read.warnings);
    // Text in which no line starts a point is no empty draft: said, at its first line.
    let read = parse_with_warnings(
        "# Plan\nArticle 2 : Les forces.\nArticle 3 : Un cessez-le-feu.\n",
        Format::Text,
    )
    .unwrap();
    assert!(read.draft.points.is_empty());
    assert_eq!(read.warnings.len(), 1, "{:?}", read.warnings);
    assert_eq!(read.warnings[0].line(), 2);
    assert!(matches!(
        read.warnings[0].kind(),
        WarningKind::NoPoints { .. }
    ));
    // The body's next point in the body's own style ends a deferred list that no heading closes.
    let read = parse_with_warnings(
        "Article 1 : Cessez-le-feu.\nArticle 2 : Élections.\n\n## Reporté au sommet\n\n- Territoire\n\nArticle 3 : Actifs gelés.\nArticle 4 : Aucune troupe.\n",
        Format::Text,
    )
    .unwrap();
    let labels: Vec<&str> = read.draft.points.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(labels, ["1", "2", "3", "4"]);
    assert_eq!(read.draft.deferred.len(), 1);
    assert_eq!(read.draft.deferred[0].text, "Territoire");
    assert_eq!(read.warnings.len(), 1, "{:?}", read.warnings);
    assert!(matches!(
        read.warnings[0].kind(),
        WarningKind::DeferredListEnded { .. }
    ));
    // A heading between points numbered as the next point is that point; above the first point it
    // is a heading.
    let read = parse_with_warnings(
        "# 1. Introduction\n1. Ceasefire.\n2. Elections.\n## 3. Frozen assets\nAssets stay frozen.\n4. Talks.\n",
        Format::Text,
    )
    .unwrap();
    let labels: Vec<&str> = read.draft.points.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(labels, ["1", "2", "3", "4"]);
    assert_eq!(
        read.draft.points[2].text,
        "Frozen assets Assets stay frozen."
    );
    assert_eq!(read.draft.title.as_deref(), Some("1. Introduction"));
    assert_eq!(read.warnings.len(), 1, "{:?}", read.warnings);
    assert!(matches!(
        read.warnings[0].kind(),
        WarningKind::NumberedHeading { .. }
    ));
    // A file of only headings, or nothing, is an empty draft without a word.
    for src in ["", "# Plan\n\n## Notes\n"] {
        assert!(
            parse_with_warnings(src, Format::Text)
                .unwrap()
                .warnings
                .is_empty()
        );
    }
}

#[test]
fn a_number_with_a_dot_starts_a_point_before_lower_case() {
    // `Art. 2.` and `3 .` are markers whatever follows; a bare `Article 5` before lower case is a
    // mention in a wrapped sentence, and stays in its point.
    let src = "1. The parties agree to respect\nArticle 5 of the Treaty.\nArt. 2. the ceasefire holds.\n3 . talks follow.\n";
    let read = parse_with_warnings(src, Format::Text).unwrap();
    let labels: Vec<&str> = read.draft.points.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(labels, ["1", "2", "3"]);
    assert_eq!(
        read.draft.points[0].text,
        "The parties agree to respect Article 5 of the Treaty."
    );
    assert_eq!(read.draft.points[1].text, "the ceasefire holds.");
}

#[test]
fn written_drafts_read_back_without_warnings() {
    // What the writer makes is read without repairs, whatever the texts hold: lines that look like
    // numbers, page numbers or hyphenated breaks stay as they were.
    let mut d = Draft::default();
    d.points.push(Point::new(
        "1",
        "Terms:\nPage 1 of 3\n(2) first\nArticle 2 stays\nthe inter-\nnational",
    ));
    d.points.push(Point::new("2", "2.All at once"));
    let text = format::write(&d, Format::Text).unwrap();
    let read = parse_with_warnings(&text, Format::Text).unwrap();
    assert_eq!(read.draft, d);
    assert!(read.warnings.is_empty(), "{:?}", read.warnings);
}

#[test]
fn the_command_warns_counts_and_refuses_with_strict() {
    let file = data("tests/data/paste/pdf-copy-en.txt");
    let out = command::peaceplan()
        .arg("show")
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("peaceplan: warning: "), "{err}");
    assert!(
        err.contains("pdf-copy-en.txt:11: page furniture dropped: \"Page 1 of 3\""),
        "{err}"
    );
    assert!(
        err.contains("peaceplan: read 10 points and 2 deferred items from "),
        "{err}"
    );
    // stdout is the draft alone.
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.starts_with("1. All parties confirm"), "{stdout}");
    assert!(!stdout.contains("warning"));

    let out = command::peaceplan()
        .args(["--strict", "show"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains(
            "pdf-copy-en.txt:5:1: point 2 started by its number written `2.All` (a repair, refused by strict reading)"
        ),
        "{err}"
    );
    assert!(out.stdout.is_empty());

    // A clean draft passes --strict; the diff of a copy against it is empty (exit 0).
    let clean = data("tests/data/paste/pdf-copy-en.md");
    let out = command::peaceplan()
        .args(["--strict", "show"])
        .arg(&clean)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = command::peaceplan()
        .arg("diff")
        .arg(&clean)
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn prose_before_point_one_starts_no_point() {
    let src = "Article 1 of the Charter applies to this plan.\n\n1. A ceasefire.\n2. Talks.\n";
    let read = parse_with_warnings(src, Format::Text).unwrap();
    assert_eq!(read.draft.points.len(), 2);
    assert_eq!(read.draft.points[0].text, "A ceasefire.");
    assert!(read.warnings.is_empty(), "{:?}", read.warnings);
}

/// Drafts a newcomer wrote by hand (tests/data/paste/newcomer-*): articles with numbered sub-items,
/// a wrapped line that starts with a reference to an article, PDF copies in both languages.
#[test]
fn hand_written_drafts_of_a_newcomer() {
    let read = |name: &str| {
        format::load_with_warnings(
            data(&format!("tests/data/paste/{name}")),
            Format::Text,
            format::DEFAULT_MAX_BYTES,
        )
        .unwrap()
    };
    // `Стаття N.` articles whose sub-items are `1)`, `2)`: six articles, the sub-items inside the
    // third (it read four points, losing three articles, before).
    let uk = read("newcomer-uk-articles.txt");
    let labels: Vec<&str> = uk.draft.points.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(labels, ["1", "2", "3", "4", "5", "6"]);
    assert!(uk.draft.points[2].text.ends_with("4) тіла загиблих."));
    // `Article 5 of the North Atlantic Treaty` at the start of a wrapped line is text (it made the
    // draft fail with a repeated label before); `(1)`..`(4)` stay in point 3.
    let en = read("newcomer-en-subitems.txt");
    assert_eq!(en.draft.points.len(), 7);
    assert!(
        en.draft.points[3]
            .text
            .contains("mirroring Article 5 of the North")
    );
    assert!(
        en.draft.points[2]
            .text
            .ends_with("(4) the bodies of the fallen.")
    );
    assert!(en.warnings.is_empty(), "{:?}", en.warnings);
    // PDF copies read as the clean drafts: the diff is empty.
    for lang in ["en", "uk"] {
        let clean =
            format::load(data(&format!("tests/data/paste/newcomer-{lang}-clean.md"))).unwrap();
        let copy = read(&format!("newcomer-{lang}-pdf-copy.txt"));
        assert!(diff(&clean, &copy.draft).is_empty(), "{lang}");
        // In the order of the input.
        assert!(copy.warnings.windows(2).all(|w| w[0].line() <= w[1].line()));
    }
}

/// What a second newcomer's hand-written pastes found: French typography's space before a marker's
/// separator, compounds broken at their hyphen, `-` twice, forums in another grammatical case.
#[test]
fn french_separators_compounds_and_stdin_as_a_second_newcomer_found_them() {
    let src = "Article 1\nA ceasefire takes effect.\nArticle 2 : Both sides withdraw.\nArticle 3\u{a0}: Elections are held.\nArticle 4 \u{2014} Sanctions are lifted.\nPoint 5\u{202f}: Talks go on.\n";
    let read = parse_with_warnings(src, Format::Text).unwrap();
    let texts: Vec<&str> = read.draft.points.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "A ceasefire takes effect.",
            "Both sides withdraw.",
            "Elections are held.",
            "Sanctions are lifted.",
            "Talks go on."
        ]
    );
    let read = parse_with_warnings(
        "1. A fund for the Russia-\nUkraine border and a 30-\nday freeze on an all-for-\nall basis.\n",
        Format::Text,
    )
    .unwrap();
    assert_eq!(
        read.draft.points[0].text,
        "A fund for the Russia-Ukraine border and a 30-day freeze on an all-for-all basis."
    );
    let kept = read
        .warnings
        .iter()
        .filter(|w| matches!(w.kind(), WarningKind::HyphenKept { .. }))
        .count();
    assert_eq!(kept, 3, "{:?}", read.warnings);
    // Standard input is read once: `-` twice is refused, not read as an empty draft.
    let mut child = command::peaceplan()
        .args(["diff", "-", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdin.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("one draft only"));
    // The same forum in another grammatical case is no move.
    let old =
        peaceplan::format::parse_text("1. A.\n\n## Deferred: зустріч президентів\n- x\n").unwrap();
    let new = peaceplan::format::parse_text("1. A.\n\nВідкладено до зустрічі президентів\n- x\n")
        .unwrap();
    let d = diff(&old, &new);
    assert!(d.is_empty(), "{d}");
}

#[test]
fn hyphens_forums_and_lines_as_a_newcomer_found_them() {
    // `to-` is a word, `matoes` is not: rejoined, and said so on the first half's line.
    let read = parse_with_warnings(
        "1. We go to the market and buy to-\nmatoes today.\n2. Nothing else.\n",
        Format::Text,
    )
    .unwrap();
    assert_eq!(
        read.draft.points[0].text,
        "We go to the market and buy tomatoes today."
    );
    assert_eq!(read.warnings[0].line(), 1);
    // A compound broken at its hyphen keeps it, and says so.
    let read = parse_with_warnings(
        "1. Prisoners are exchanged all-for-\nall, and all return for good.\n",
        Format::Text,
    )
    .unwrap();
    assert_eq!(
        read.draft.points[0].text,
        "Prisoners are exchanged all-for-all, and all return for good."
    );
    assert!(matches!(
        read.warnings[0].kind(),
        WarningKind::HyphenKept { .. }
    ));
    // A heading's own colon is not its forum's.
    let d = format::parse_text("1. A.\n## Deferred to the presidents' meeting:\n- Territory\n")
        .unwrap();
    assert_eq!(d.deferred[0].forum.as_deref(), Some("presidents' meeting"));
    // After `Deferred:` a forum is as written, its own colons included (so a written draft reads
    // back the same; the fuzzer found `::::`).
    for forum in ["x:", "::::"] {
        let mut d = Draft::default();
        let mut item = Deferred::new("Territory");
        item.forum = Some(forum.into());
        d.deferred.push(item);
        let again = format::parse_text(&format::write(&d, Format::Text).unwrap()).unwrap();
        assert_eq!(again.deferred[0].forum.as_deref(), Some(forum));
    }
}

/// What an attacker's pasted texts found: bounded warnings, no quadratic hyphen chains, list items
/// and sentences never taken for running headers, no deferred heading inside a sentence.
#[test]
fn hostile_pastes() {
    // A compound's hyphen kept at a line's end may be the Unicode hyphen, three bytes (it panicked).
    for src in [
        "1. cease fire, cease fire. A cease\u{2010}\nfire now.\n",
        "1. The Russia\u{2010}\nUkraine border.\n",
    ] {
        let read = parse_with_warnings(src, Format::Text).unwrap();
        assert!(read.draft.points[0].text.contains('\u{2010}'), "{src:?}");
    }
    // A chain of `ab-` lines: bounded, no word of thousands of letters, and a thousand warnings kept.
    let chain = format!("1. zq-\n{}ab\n", "ab-\n".repeat(20_000));
    let read = parse_with_warnings(&chain, Format::Text).unwrap();
    assert!(read.warnings.len() <= 1_001);
    assert!(read.warnings.iter().all(|w| w.to_string().len() < 400));
    // Ten thousand page numbers: a thousand warnings and a count of the rest.
    let mut pages = String::from("1. A point.\n");
    for i in 0..10_000 {
        pages.push_str(&format!("text {i}\n- {i} -\n"));
    }
    let read = parse_with_warnings(&pages, Format::Text).unwrap();
    assert_eq!(read.warnings.len(), 1_001);
    assert_eq!(
        read.warnings[1_000].to_string(),
        "line 2001: and 9000 more warnings"
    );
    // The same sub-items under three points, far apart, stay in their points.
    let mut src = String::new();
    for n in 1..=3 {
        src.push_str(&format!(
            "{n}. Guarantors of protocol {n}:\na) Ukraine\nb) Russia\nc) United States\n"
        ));
        for k in 0..10 {
            src.push_str(&format!("The text of protocol {n} continues on line {k}\n"));
        }
        src.push_str("The guarantors confirm it.\n");
    }
    let read = parse_with_warnings(&src, Format::Text).unwrap();
    for p in &read.draft.points {
        assert!(
            p.text.contains("a) Ukraine") && p.text.ends_with("The guarantors confirm it."),
            "{}",
            p.text
        );
    }
    // `Deferred until the` wrapping a sentence is no heading.
    let src = "1. Sanctions relief will be\nDeferred until the\nverification mission reports.\n2. Talks.\n";
    let read = parse_with_warnings(src, Format::Text).unwrap();
    assert_eq!(read.draft.points.len(), 2);
    assert!(read.draft.deferred.is_empty());
}
