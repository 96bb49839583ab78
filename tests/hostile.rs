//! Hostile and awkward input, as an attacker handing a journalist a draft would write it and as real
//! pastes are: wide spaces in the attribute syntax, memory and time bombs, terminal escapes, devices
//! instead of files, Markdown that would render as HTML, and the smaller faults of issue 13. Each case
//! runs against the library and the `peaceplan` command: no panic (exit
//! 101), a typed error with exit code 2 where the input is refused, and nothing raw on a terminal.

#[path = "support/command.rs"]
mod command;
#[path = "support/hub.rs"]
mod hub;

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::sync::Arc;

use peaceplan::format::{Format, load_with_limit, parse, parse_text};
use peaceplan::history::{Bump, History, SkipReason};
use peaceplan::model::MAX_FORUM_CHARS;
use peaceplan::{ErrorKind, Position, diff, render};

#[path = "../fuzz/checks.rs"]
#[allow(dead_code)]
mod checks;

fn bin() -> Command {
    command::peaceplan()
}

/// A scratch directory of its own for each test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("peaceplan-hostile-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("run peaceplan")
}

fn no_panic(o: &Output, what: &str) {
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_ne!(o.status.code(), Some(101), "{what}: panicked: {stderr}");
    assert!(o.status.code().is_some(), "{what}: killed by a signal");
    assert!(!stderr.contains("panicked"), "{what}: {stderr}");
}

/// The whitespace characters of other widths that pastes bring (French and Ukrainian typography,
/// Word, PDF viewers), each two or three bytes long in UTF-8.
const WIDE_SPACES: &[char] = &[
    '\u{a0}', '\u{202f}', '\u{2002}', '\u{2003}', '\u{2009}', '\u{200a}', '\u{3000}', '\u{1680}',
    '\u{205f}',
];

#[test]
fn wide_spaces_anywhere_in_an_attribute_block_never_panic() {
    // Every wide space at every place of an attribute block with keys, parties and a status.
    let template = "1. Text {status: disputed; ua: accepts; ru: rejects}\n2. Next.\n";
    let places: Vec<usize> = template
        .char_indices()
        .filter(|&(i, _)| i > 7 && i < 50)
        .map(|(i, _)| i)
        .collect();
    for &space in WIDE_SPACES {
        for &at in &places {
            let mut src = template.to_string();
            src.insert(at, space);
            // Loads or fails with a typed error; never panics.
            if let Ok(d) = parse_text(&src) {
                assert_eq!(d.points.len(), 2, "{src:?}");
            }
        }
        // Before and after the colon the block still reads as attributes (French typography).
        let src = format!(
            "1. a {{ua{space}: accepts{space}; ru{space}:{space}rejects; status{space}: agreed}}\n"
        );
        let d = parse_text(&src).unwrap_or_else(|e| panic!("{src:?}: {e}"));
        assert_eq!(d.points[0].positions["ua"], Position::Accepts, "{src:?}");
        assert_eq!(d.points[0].positions["ru"], Position::Rejects, "{src:?}");
        assert_eq!(d.points[0].text, "a");
        // And a deferred item's `from`.
        let src = format!("1. a\n## Deferred: x\n- Territory {{from{space}: 1}}\n");
        let d = parse_text(&src).unwrap();
        assert_eq!(d.deferred[0].from.as_deref(), Some("1"), "{src:?}");
    }
    // The reported column of a bad value counts characters, whatever the spaces.
    let e = parse_text("1. b {ua : acceptz}\n").unwrap_err();
    assert_eq!((e.line(), e.column()), (Some(1), Some(12)), "{e}");
    let e = parse_text("1. b {ua\u{a0}:\u{202f}acceptz}\n").unwrap_err();
    assert_eq!((e.line(), e.column()), (Some(1), Some(12)), "{e}");

    let dir = scratch("nbsp");
    let path = dir.join("nbsp.md");
    std::fs::write(
        &path,
        "1. a {ua\u{a0}: accepts; ru\u{202f}: rejects}\n2. Next.\n",
    )
    .unwrap();
    let p = path.to_str().unwrap();
    for args in [vec!["show", p], vec!["diff", p, p], vec!["status", p]] {
        let o = run(&args);
        no_panic(&o, &args.join(" "));
        assert_eq!(o.status.code(), Some(0), "{args:?}");
    }
    // One such file in a history directory takes down nothing.
    std::fs::write(
        dir.join("a.md"),
        "---\nversion: 1.0.0\n---\n1. a {ua\u{a0}: accepts}\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("b.md"),
        "---\nversion: 2.0.0\n---\n1. a {ua\u{a0}: rejects}\n",
    )
    .unwrap();
    std::fs::remove_file(&path).unwrap();
    let d = dir.to_str().unwrap();
    for args in [vec!["log", d], vec!["check", d], vec!["trace", d, "1"]] {
        let o = run(&args);
        no_panic(&o, &args.join(" "));
        assert!(matches!(o.status.code(), Some(0 | 1)), "{args:?}");
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_forum_name_is_shared_and_capped() {
    // Every item under one heading holds the same name, not a copy.
    let mut src = String::from("1. A point.\n## Deferred: presidents' meeting\n");
    for i in 0..1000 {
        src.push_str(&format!("- item {i}\n"));
    }
    let d = parse_text(&src).unwrap();
    let first = d.deferred[0].forum.as_ref().unwrap();
    assert!(
        d.deferred
            .iter()
            .all(|x| Arc::ptr_eq(x.forum.as_ref().unwrap(), first))
    );
    // And so does each deferral of the diff.
    let old =
        parse_text("1. A point.\n2. Territory of the east.\n3. Guarantees of security.\n").unwrap();
    let new = parse_text(
        "1. A point.\n## Deferred: presidents' meeting\n- Territory of the east.\n- Guarantees of security.\n",
    )
    .unwrap();
    let dd = diff(&old, &new);
    let forums: Vec<&Arc<str>> = dd
        .changes()
        .iter()
        .filter_map(|c| c.forum.as_ref())
        .collect();
    assert_eq!(forums.len(), 2);
    assert!(
        forums
            .iter()
            .all(|f| Arc::ptr_eq(f, new.deferred[0].forum.as_ref().unwrap()))
    );

    // A name past the limit is refused at its heading, in every format, before any item is read.
    let long = "F".repeat(1_000_000);
    let mut bomb = format!("1. A point.\n\n## Deferred: {long}\n");
    for i in 0..50_000 {
        bomb.push_str(&format!("- {i}\n"));
    }
    let e = parse_text(&bomb).unwrap_err();
    assert!(
        matches!(e.kind(), ErrorKind::ForumTooLong { chars: 1_000_000, limit } if *limit == MAX_FORUM_CHARS),
        "{e}"
    );
    assert_eq!(e.line(), Some(3));
    let at_limit = "F".repeat(MAX_FORUM_CHARS);
    assert!(parse_text(&format!("## Deferred: {at_limit}\n- x\n")).is_ok());
    assert!(parse_text(&format!("## Deferred: {at_limit}Ж\n- x\n")).is_err());
    let json = format!("{{\"deferred\": [{{\"text\": \"x\", \"forum\": \"{at_limit}F\"}}]}}");
    let e = parse(&json, Format::Json).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::ForumTooLong { .. }), "{e}");
    assert_eq!(e.line(), Some(1));

    let dir = scratch("forum");
    let path = dir.join("bomb.md");
    std::fs::write(&path, &bomb).unwrap();
    for cmd in ["show", "status"] {
        let o = run(&[cmd, path.to_str().unwrap()]);
        no_panic(&o, cmd);
        assert_eq!(o.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert!(
            stderr.contains("bomb.md:3:1: forum name of 1000000 characters"),
            "{stderr}"
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn from_labels_and_forums_are_looked_up_not_scanned() {
    // Correctness of the map lookups (their speed is in BENCHMARKS.md): a `from` naming a label
    // far down a long old draft is found, and forums keep their first-appearance order in HTML.
    let mut old = String::new();
    for i in 1..=5000 {
        old.push_str(&format!("{i}. Point {i} of the annex on item {}.\n", i * 7));
    }
    old.push_str("5001. Territory: Crimea, Luhansk and Donetsk.\n");
    let old = parse_text(&old).unwrap();
    let mut new = String::new();
    for i in 1..=5000 {
        new.push_str(&format!("{i}. Point {i} of the annex on item {}.\n", i * 7));
    }
    new.push_str("## Deferred: presidents' meeting\n- Territory {from: 5001, 9999999}\n");
    let new = parse_text(&new).unwrap();
    let d = diff(&old, &new);
    let c = d.change_of_old("5001").unwrap();
    assert_eq!(c.kind, peaceplan::ChangeKind::Deferred);

    let mut many = String::from("1. A point.\n");
    for i in 0..300 {
        many.push_str(&format!("## Deferred: forum {}\n- item {i}\n", i % 100));
    }
    let many = parse_text(&many).unwrap();
    let html = render::html(&diff(&many, &many));
    assert_eq!(html.matches("class=\"forum-box\"").count(), 2 * 100);
    let at = |s: &str| html.find(s).unwrap();
    assert!(at("Deferred: forum 0<") < at("Deferred: forum 1<"));
    assert!(at("Deferred: forum 1<") < at("Deferred: forum 99<"));
}

/// Control characters a draft may carry into a terminal (a CR ends a line in a draft, so it is only
/// in the JSON draft below).
const ESCAPES: &str = "\x1b[2J\x1b[H\x1b]0;owned\x07\x08\x7f\u{9b}31m\u{202e}\0";

/// The output holds no control character but line feed and tab, once our own colour codes are taken
/// out (the fuzz targets' check).
fn assert_inert(out: &[u8], what: &str) {
    let text = String::from_utf8_lossy(out);
    let raw = checks::raw_control(&text);
    assert!(raw.is_none(), "{what}: raw {raw:?} in {text:?}");
}

#[test]
fn no_control_character_reaches_a_terminal() {
    let dir = scratch("escapes");
    let old = dir.join("1-old.md");
    let new = dir.join("2-new.md");
    std::fs::write(
        &old,
        format!(
            "---\ntitle: Plan{ESCAPES}\nversion: 1.0.0\ndate: 2025{ESCAPES}\nlabel: l{ESCAPES}\n---\n\
             1. The army is capped at 600,000.{ESCAPES}\n\
             2. Elections are held. {{status: disputed; ua: accepts}}\n\
             3. Amnesty for all.\n\
             ## Deferred: forum{ESCAPES}\n- Territory{ESCAPES}\n"
        ),
    )
    .unwrap();
    std::fs::write(
        &new,
        format!(
            "---\ntitle: Plan{ESCAPES}\nversion: 2.0.0\n---\n\
             1. The army is capped at 800,000.{ESCAPES}\n\
             2. Elections are held soon.{ESCAPES} {{status: agreed; ua: accepts}}\n\
             ## Deferred: forum{ESCAPES}\n- Amnesty for all.{ESCAPES}\n- Territory{ESCAPES}\n"
        ),
    )
    .unwrap();
    // JSON carries a CR anywhere, even in a title or a date.
    std::fs::write(
        dir.join("3-json.json"),
        r#"{"title": "Plan\r\u001b[2J", "version": "3.0.0", "date": "\r2026", "label": "x\u0007",
            "points": [{"label": "1", "text": "The army is capped at 800,000.\rFake line\u001b[H"}],
            "deferred": [{"text": "Territory\u001b[2J", "forum": "forum\u009b"}]}"#,
    )
    .unwrap();
    // The library's text renderers.
    let a = peaceplan::load(&old).unwrap();
    let b = peaceplan::load(&new).unwrap();
    let d = diff(&a, &b);
    assert_inert(render::text(&d).as_bytes(), "render::text");
    let coloured = render::text_with(&d, &render::TextOptions::new().color(true).width(Some(60)));
    assert_inert(coloured.as_bytes(), "render::text_with colour");
    assert_inert(render::markdown(&d).as_bytes(), "render::markdown");
    // A reworded point cannot look unchanged: the escape that would clear the screen is shown.
    assert!(render::text(&d).contains("\\u{1b}[2J"));

    let (o, n, dd) = (
        old.to_str().unwrap(),
        new.to_str().unwrap(),
        dir.to_str().unwrap(),
    );
    let j = dir.join("3-json.json").to_str().unwrap().to_string();
    let cmds: Vec<Vec<&str>> = vec![
        vec!["show", o],
        vec!["diff", o, n],
        vec!["diff", "--color", "always", o, n],
        vec!["diff", "--format", "markdown", o, n],
        vec!["diff", n, &j],
        vec!["show", &j],
        vec!["log", dd],
        vec!["log", "--format", "markdown", dd],
        vec!["trace", dd, "1"],
        vec!["trace", "--format", "markdown", dd, "1"],
        vec!["check", dd],
        vec!["status", o],
    ];
    for args in cmds {
        let out = run(&args);
        no_panic(&out, &args.join(" "));
        assert_inert(&out.stdout, &args.join(" "));
        assert_inert(&out.stderr, &args.join(" "));
    }
    // Error messages quote file names and draft text: shown, not obeyed.
    let evil = dir.join(format!("evil{}.md", "\x1b[2J"));
    std::fs::write(&evil, "1. a {status: agred\x1b[2J\x07}\n").unwrap();
    let out = run(&["show", evil.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert_inert(&out.stderr, "an error message");
    assert!(String::from_utf8_lossy(&out.stderr).contains("evil\\u{1b}[2J.md"));
    std::fs::remove_dir_all(&dir).ok();
}

#[cfg(unix)]
#[test]
fn the_size_limit_holds_for_devices_pipes_and_links() {
    let dir = scratch("limit");
    // A draft that is a link to an endless device is read up to the limit, not until memory runs out.
    let zero = dir.join("zero.md");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    let e = load_with_limit(&zero, Format::Text, 1 << 20).unwrap_err();
    assert!(
        matches!(e.kind(), ErrorKind::TooLarge { size: None, limit } if *limit == 1 << 20),
        "{e}"
    );
    // Just below and at the limit a file loads; one byte above it is refused, with its size.
    let f = dir.join("f.md");
    std::fs::write(&f, "1. a point\n").unwrap();
    assert!(load_with_limit(&f, Format::Text, 11).is_ok());
    let e = load_with_limit(&f, Format::Text, 10).unwrap_err();
    assert!(
        matches!(
            e.kind(),
            ErrorKind::TooLarge {
                size: Some(11),
                limit: 10
            }
        ),
        "{e}"
    );
    let mut b = bin();
    let out = b
        .args(["--max-bytes", "1000", "show", zero.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("exceeds the limit of 1000 bytes"));
    // Standard input is a stream: the limit holds there too.
    let mut child = bin()
        .args([
            "--max-bytes",
            "100",
            "show",
            "/dev/stdin",
            "--input-format",
            "text",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        use std::io::Write;
        // Far more than the limit; the reader stops early, so writing may fail: that is fine.
        for _ in 0..1000 {
            if stdin.write_all(&[b'x'; 1024]).is_err() {
                break;
            }
        }
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("exceeds the limit of 100 bytes"));
    std::fs::remove_dir_all(&dir).ok();
}

/// Every node pulldown-cmark finds in `md`, as (is HTML, text) for HTML nodes and a count of links,
/// images and table rows.
fn markdown_nodes(md: &str) -> (Vec<String>, usize, usize) {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    let mut html = Vec::new();
    let (mut links, mut rows) = (0, 0);
    for ev in Parser::new_ext(md, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
        match ev {
            Event::Html(h) | Event::InlineHtml(h) => html.push(h.to_string()),
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => links += 1,
            Event::Start(Tag::TableRow) => rows += 1,
            _ => {}
        }
    }
    (html, links, rows)
}

#[test]
fn markdown_is_safe_to_render() {
    let nasty = "<script>alert(1)</script> <img src=x onerror=alert(1)> [click](javascript:alert(1)) \
                 <javascript:alert(1)> ![x](http://example.com/t.png) &lt;b&gt; `code` *em* _u_ | pipe \
                 ~~s~~ # \\ <!-- c -->";
    let old = parse_text(&format!(
        "---\ntitle: T {nasty}\nversion: 1.0.0\n---\n1. First {nasty}\n2. Second point about the army.\n3. Third\n"
    ))
    .unwrap();
    let mut old = old;
    // A lone CR inside a point text (as JSON may carry it) must not end a table row.
    old.points[2].text = "Third\rpoint | with a cell".into();
    let new = parse_text(&format!(
        "---\ntitle: T {nasty}\nversion: 2.0.0\n---\n1. First {nasty} changed\n2. Second point about the navy.\n## Deferred: {nasty}\n- Third point\n"
    ))
    .unwrap();
    let d = diff(&old, &new);
    let md = render::markdown(&d);
    let (html, links, rows) = markdown_nodes(&md);
    // The only HTML is the line breaks the renderer itself writes.
    assert!(html.iter().all(|h| h == "<br>"), "{html:?}\n{md}");
    assert_eq!(links, 0, "{md}");
    // One body row per change: no cell broke its row.
    assert_eq!(rows, d.changes().len(), "{md}");
    // The texts are still there, readable once rendered.
    let plain: String =
        pulldown_cmark::Parser::new_ext(&md, pulldown_cmark::Options::ENABLE_TABLES)
            .filter_map(|e| match e {
                pulldown_cmark::Event::Text(t) => Some(t.to_string()),
                _ => None,
            })
            .collect();
    assert!(plain.contains("<script>alert(1)</script>"), "{plain}");
    assert!(plain.contains("[click](javascript:alert(1))"), "{plain}");

    // History and trace Markdown too.
    let h = History::from_drafts([old.clone(), new.clone()]).unwrap();
    let (html, links, _) = markdown_nodes(&render::log_markdown(&h));
    assert!(html.iter().all(|h| h == "<br>") && links == 0, "{html:?}");
}

#[test]
fn line_breaks_and_invisible_characters_never_fold_points() {
    // CR-only line endings (old Mac files, some PDF copies), form feeds and Unicode separators.
    for src in [
        "1. First.\r2. Second.\r3. Third.\r",
        "1. First.\x0c2. Second.\x0b3. Third.",
        "1. First.\u{2028}2. Second.\u{2029}3. Third.\u{85}",
        "1. First.\r\n2. Second.\n3. Third.",
    ] {
        let d = parse_text(src).unwrap();
        let labels: Vec<&str> = d.points.iter().map(|p| p.label.as_str()).collect();
        assert_eq!(labels, ["1", "2", "3"], "{src:?}");
        assert_eq!(d.points[1].text, "Second.", "{src:?}");
    }
    // A byte-order mark or a zero-width character before a number mid-file starts the point.
    for c in ['\u{feff}', '\u{200b}', '\u{200d}', '\u{2060}', '\u{200e}'] {
        let d = parse_text(&format!("1. One.\n{c}2. Two.\n")).unwrap();
        assert_eq!(d.points.len(), 2, "{c:?}");
        assert_eq!(d.points[1].text, "Two.");
    }
    // A label with an invisible character looks like another label: refused, with its place.
    for c in [
        '\u{200b}', '\u{202e}', '\u{2066}', '\u{feff}', '\u{ad}', '\u{1b}',
    ] {
        let src = format!("1. One.\nPoint 1{c}: Look-alike.\n");
        let e = parse_text(&src).unwrap_err();
        assert!(
            matches!(e.kind(), ErrorKind::InvalidLabel { .. }),
            "{c:?}: {e}"
        );
        assert_eq!(e.line(), Some(2));
        let json = format!(
            "{{\"points\": [{{\"label\": \"1\", \"text\": \"a\"}}, {{\"label\": \"1\\u{:04x}\", \"text\": \"b\"}}]}}",
            u32::from(c)
        );
        let e = parse(&json, Format::Json).unwrap_err();
        assert!(
            matches!(e.kind(), ErrorKind::InvalidLabel { .. }),
            "{c:?}: {e}"
        );
    }
}

#[test]
fn smaller_faults() {
    // No version above u64::MAX: said so, not overflowed.
    let max = u64::MAX;
    let a = parse_text(&format!("---\nversion: {max}.0.0\n---\n1. a\n2. b\n")).unwrap();
    let b = parse_text(&format!("---\nversion: {max}.1.0\n---\n1. a\n")).unwrap();
    let h = History::from_drafts([a, b]).unwrap();
    let findings = h.check();
    assert_eq!(findings[0].required, Bump::Major);
    let msg = findings[0].to_string();
    assert!(
        msg.contains(&format!("no version above {max}.0.0 exists")),
        "{msg}"
    );
    assert_eq!(Bump::Patch.apply(&semver::Version::new(1, 1, max)), None);

    // Duplicate labels in JSON and TOML name the line of the first use.
    let json = "{\"points\": [\n {\"label\": \"1\", \"text\": \"a\"},\n {\"label\": \"2\", \"text\": \"b\"},\n {\"label\": \"1\", \"text\": \"c\"}\n]}";
    let e = parse(json, Format::Json).unwrap_err();
    assert!(
        matches!(
            e.kind(),
            ErrorKind::DuplicateLabel {
                first_line: Some(2),
                ..
            }
        ),
        "{e}"
    );
    assert_eq!(e.line(), Some(4));
    assert!(!e.to_string().contains("line 0"), "{e}");
    let toml =
        "[[points]]\nlabel = \"1\"\ntext = \"a\"\n\n[[points]]\nlabel = \"1\"\ntext = \"b\"\n";
    let e = parse(toml, Format::Toml).unwrap_err();
    assert!(
        matches!(
            e.kind(),
            ErrorKind::DuplicateLabel {
                first_line: Some(1),
                ..
            }
        ),
        "{e}"
    );
    assert_eq!(e.line(), Some(5));
    // An empty JSON file's error has a real column.
    let e = parse("", Format::Json).unwrap_err();
    assert_eq!((e.line(), e.column()), (Some(1), Some(1)));

    // The library's hint names no flag; the command's names its own.
    let e = peaceplan::load("draft.pdf").unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::UnknownFormat(_)));
    assert!(!e.to_string().contains("--"), "{e}");
    let o = run(&["show", "draft.pdf"]);
    assert_eq!(o.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("--input-format"), "{stderr}");

    // The word-edit cap counts words: 5,000 words get word edits, 5,001 do not.
    let words = |n: usize, last: &str| {
        let mut s: String = (0..n - 1).map(|i| format!("w{i} ")).collect();
        s.push_str(last);
        s
    };
    for (n, edited) in [(5000, true), (5001, false)] {
        let a = peaceplan::Draft {
            points: vec![peaceplan::Point::new("1", words(n, "old"))],
            ..Default::default()
        };
        let b = peaceplan::Draft {
            points: vec![peaceplan::Point::new("1", words(n, "new"))],
            ..Default::default()
        };
        let d = diff(&a, &b);
        let c = &d.changes()[0];
        assert_eq!(c.kind, peaceplan::ChangeKind::Reworded);
        // Word edits keep the shared words as one `equal` run; past the cap the whole text is
        // one deletion and one insertion.
        assert_eq!(
            c.edits.len() > 2,
            edited,
            "{n} words: {} edits",
            c.edits.len()
        );
    }
}

#[cfg(unix)]
#[test]
fn a_closed_stderr_is_no_panic() {
    let b = bin();
    let exe = b.get_program().to_str().unwrap().to_string();
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "'{exe}' show /nonexistent/missing.md 2>&-; echo $?"
        ))
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "2");
}

/// The file names a history left out, with the reasons.
fn skipped_names(h: &History) -> Vec<(String, SkipReason)> {
    h.skipped()
        .iter()
        .map(|s| {
            let name = s.path.file_name().unwrap_or_default();
            (name.to_string_lossy().into_owned(), s.reason)
        })
        .collect()
}

#[cfg(unix)]
#[test]
fn a_history_reads_only_its_own_drafts() {
    let dir = scratch("history");
    let outside = scratch("history-outside");
    std::fs::write(dir.join("a.md"), "---\nversion: 1.0.0\n---\n1. a\n").unwrap();
    std::fs::write(dir.join("b.md"), "---\nversion: 2.0.0\n---\n1. a\n2. b\n").unwrap();
    std::fs::write(
        dir.join("README.md"),
        "# Drafts of the plan\n\n1. Put drafts here.\n",
    )
    .unwrap();
    std::fs::write(dir.join("._a.md"), b"\x00\x05\x16\x07\xff\xfe binary").unwrap();
    std::fs::write(
        outside.join("secret.md"),
        "---\nversion: 9.0.0\n---\n1. s\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(outside.join("secret.md"), dir.join("c.md")).unwrap();
    // A link to a draft in the directory itself is a draft.
    std::os::unix::fs::symlink(dir.join("b.md"), dir.join("d.md")).unwrap();
    let h = History::load_dir(&dir);
    // d.md repeats b.md's version: an error naming both, as for any two drafts.
    assert!(matches!(
        h.unwrap_err().kind(),
        ErrorKind::DuplicateVersion { .. }
    ));
    std::fs::remove_file(dir.join("d.md")).unwrap();
    let h = History::load_dir(&dir).unwrap();
    assert_eq!(h.entries().len(), 2);
    let skipped = skipped_names(&h);
    assert_eq!(
        skipped,
        [
            ("._a.md".to_string(), SkipReason::Hidden),
            ("README.md".to_string(), SkipReason::NoVersion),
            ("c.md".to_string(), SkipReason::LinkOutside),
        ]
    );
    let o = run(&["log", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("README.md: not a draft"), "{stderr}");
    assert!(
        stderr.contains("c.md: a link to a file outside"),
        "{stderr}"
    );
    assert!(!String::from_utf8_lossy(&o.stdout).contains("9.0.0"));
    std::fs::remove_dir_all(&dir).ok();
    std::fs::remove_dir_all(&outside).ok();
}

#[test]
fn headings_with_case_changing_letters_never_panic() {
    // Lower-casing changes these letters' lengths; a heading made of them is not a deferred heading.
    for h in [
        "## İİİİİİİİ",
        "## ẞEFERRED",
        "## DEFERRE\u{212a}: x",
        "## Deferred\u{a0}: x",
        "## Ὀ",
    ] {
        let src = format!("1. a\n{h}\n- item\n2. b\n");
        let d = parse_text(&src).unwrap_or_else(|e| panic!("{h}: {e}"));
        assert!(!d.points.is_empty(), "{h}");
    }
    let d = parse_text("1. a\n## DEFERRED: Forum\n- item\n").unwrap();
    assert_eq!(d.deferred[0].forum.as_deref(), Some("Forum"));
}

#[test]
fn more_items_than_a_draft_may_hold_are_refused_with_their_line() {
    use peaceplan::format::MAX_ITEMS;
    // Exactly the limit loads; one more point (or deferred item) is refused at its line.
    let mut src = String::with_capacity(MAX_ITEMS * 10);
    for i in 1..=MAX_ITEMS - 1 {
        src.push_str(&format!("{i}. w\n"));
    }
    src.push_str("## Deferred\n- last\n");
    let d = parse_text(&src).unwrap();
    assert_eq!(d.points.len() + d.deferred.len(), MAX_ITEMS);
    src.push_str("- one too many\n");
    let e = parse_text(&src).unwrap_err();
    assert!(
        matches!(e.kind(), ErrorKind::TooManyItems { limit } if *limit == MAX_ITEMS),
        "{e}"
    );
    assert_eq!(e.line(), Some(MAX_ITEMS + 2));
    // JSON: the entry over the limit is named.
    let mut json = String::from("{\"points\": [\n");
    for i in 1..=MAX_ITEMS {
        json.push_str(&format!("{{\"label\": \"{i}\", \"text\": \"w\"}},\n"));
    }
    json.push_str("{\"label\": \"x\", \"text\": \"w\"}\n]}");
    let e = parse(&json, Format::Json).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::TooManyItems { .. }), "{e}");
    assert_eq!(e.line(), Some(MAX_ITEMS + 2));
}

/// What the second attack found, each now refused or read as it looks.
#[test]
fn second_attack() {
    // A number with an invisible character inside its marker is refused, not folded into the point
    // before; an invisible character before a key is dropped, so the block is still attributes.
    let e = parse_text("1. Keeps army.\n2\u{200b}. Renounces NATO.\n").unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::InvalidLabel { .. }), "{e}");
    assert_eq!(e.line(), Some(2));
    let d = parse_text("1. Ceasefire. {status: agreed; \u{200b}ua: rejects}\n").unwrap();
    assert_eq!(d.points[0].positions["ua"], Position::Rejects);
    assert_eq!(d.points[0].text, "Ceasefire.");
    // A braille blank is invisible too.
    assert!(parse_text("2. a\nPoint 2\u{2800}: b\n").is_err());
    // An attribute block of many entries reads in one pass (its columns counted once).
    let block: Vec<String> = (0..20_000).map(|i| format!("p{i}: accepts")).collect();
    let d = parse_text(&format!("1. x {{{}}}\n", block.join("; "))).unwrap();
    assert_eq!(d.points[0].positions.len(), 20_000);
    let e = parse_text(&format!("1. x {{{}; p7: rejects}}\n", block.join("; "))).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::DuplicateKey { .. }), "{e}");
    assert!(e.to_string().contains("key `p7` is given twice"), "{e}");
    // Tags count toward the item limit before they are stored.
    let many_tags = format!("1. x {{tags: {}}}\n", vec!["a"; 600_000].join(","));
    let e = parse_text(&many_tags).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::TooManyItems { .. }), "{e}");
    // A run of blank lines inside a point is one paragraph break.
    let d = parse_text(&format!("1. a\n{}b\n", "\n".repeat(100_000))).unwrap();
    assert_eq!(d.points[0].text, "a\n\nb");
    // A key given twice in a JSON map is refused, as in an attribute block.
    let e = parse(
        r#"{"points": [{"label": "1", "text": "a", "positions": {"ua": "accepts", "ua": "rejects"}}]}"#,
        Format::Json,
    )
    .unwrap_err();
    assert!(e.to_string().contains("key `ua` is given twice"), "{e}");
    // A line break in a one-line field forges no line of output.
    let a =
        parse_text("---\nlabel: \"L\\nok    9.9.9 -> 9.9.9 FORGED\"\nversion: 1.0.0\n---\n1. a\n")
            .unwrap();
    let b = parse_text("1. a\n").unwrap();
    let text = render::text(&diff(&a, &b));
    assert!(
        text.lines().next().unwrap().contains("(L\\nok    9.9.9"),
        "{text}"
    );
    // The HTML report shows control characters as escapes, as the text does.
    let b = parse_text("1. a\u{1b}]0;pwned\u{7}\u{9b}2J\n").unwrap();
    let html = render::html(&diff(&parse_text("1. a\n").unwrap(), &b));
    assert!(checks::raw_control(&html).is_none());
    assert!(html.contains("\\u{1b}]0;pwned"));
}

#[cfg(unix)]
#[test]
fn a_history_says_which_files_it_could_not_read() {
    let dir = scratch("not-files");
    std::fs::write(dir.join("a.md"), "---\nversion: 1.0.0\n---\n1. a\n").unwrap();
    std::os::unix::fs::symlink("/dev/zero", dir.join("zero.md")).unwrap();
    std::os::unix::fs::symlink(dir.join("nowhere.md"), dir.join("dangling.md")).unwrap();
    std::fs::create_dir(dir.join("folder.md")).unwrap();
    let h = History::load_dir(&dir).unwrap();
    let mut skipped = skipped_names(&h);
    skipped.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        skipped,
        [
            ("dangling.md".to_string(), SkipReason::NotAFile),
            ("folder.md".to_string(), SkipReason::NotAFile),
            ("zero.md".to_string(), SkipReason::NotAFile),
        ]
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// A deferred item's bullet followed by a tab or a no-break space (as word processors paste it) is
/// an item of its own, and bullets indented under their heading are items however the points above
/// were indented: no item is glued to another or dropped.
#[test]
fn pasted_bullets_are_items() {
    let d = parse_text(
        "1. Body point.\n\n## Deferred: presidents\n- Territory\n-\u{a0}Security guarantees\n-\tNATO\n",
    )
    .unwrap();
    let items: Vec<&str> = d.deferred.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(items, ["Territory", "Security guarantees", "NATO"]);
    let d = parse_text("## Deferred: x\n\n-\u{a0}Only item\n").unwrap();
    assert_eq!(d.deferred.len(), 1);
    let d = parse_text(
        "1. Body point.\n\n## Deferred: presidents\n\n  - Territory\n  - Security guarantees\n",
    )
    .unwrap();
    assert_eq!(d.deferred.len(), 2);
    assert_eq!(d.points.len(), 1);
}

/// A line feed in a key or a file name quoted by an error stays on the error's line (`\n`), so a
/// draft cannot forge a line such as "peaceplan: all drafts verified" on stderr.
#[test]
fn errors_cannot_forge_lines() {
    let dir = scratch("forge");
    let path = dir.join("r2.json");
    std::fs::write(
        &path,
        "{\"points\":[{\"label\":\"1\",\"text\":\"a\",\"positions\":{\"ua\\npeaceplan: all drafts verified\":\"accepts\"}}]}",
    )
    .unwrap();
    let o = run(&["show", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("ua\\npeaceplan: all drafts verified"),
        "{stderr}"
    );
}

/// Many short points folded into one huge point (an attack on the aligner's last passes, found by
/// an attacker; its speed is the `hub_20000` bench): every one of them is merged into it, by the
/// ordered passes and by the global objective alike.
#[test]
fn short_points_folded_into_one_huge_point() {
    let shorts = 500;
    let (old, new) = hub::hub_pair(shorts, 5_000);
    let (old, new) = (parse_text(&old).unwrap(), parse_text(&new).unwrap());
    let mut objective = peaceplan::DiffOptions::default();
    objective.align.objective = true;
    for opts in [peaceplan::DiffOptions::default(), objective] {
        let d = peaceplan::diff_with(&old, &new, &opts);
        assert_eq!(d.changes().len(), 1, "objective {}", opts.align.objective);
        let c = &d.changes()[0];
        assert_eq!(c.kind, peaceplan::ChangeKind::Merged);
        assert_eq!(c.old.len(), shorts + 1);
    }
}
