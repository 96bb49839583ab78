//! A catalogue of bad and awkward inputs, each with its expected outcome, run against the library and
//! the binary. The outcome is a correct result, or an error naming the file (and the line and column
//! where there is one) with exit code 2 from the CLI.

#[path = "support/command.rs"]
mod command;

use std::path::{Path, PathBuf};
use std::process::Command;

use peaceplan::format::{Format, parse, parse_bytes, write};
use peaceplan::{ChangeKind, Draft, ErrorKind, diff};

/// What a catalogue entry must produce.
enum Expect {
    /// Loads; the check inspects the draft.
    Loads(fn(&Draft)),
    /// Fails with this kind of error at this line (when `Some`).
    Fails(fn(&ErrorKind) -> bool, Option<usize>),
}

struct Case {
    name: &'static str,
    file: &'static str,
    bytes: Vec<u8>,
    expect: Expect,
}

fn deep_json(depth: usize) -> Vec<u8> {
    let mut v = b"{\"points\": ".to_vec();
    v.extend(std::iter::repeat_n(b'[', depth));
    v.extend(std::iter::repeat_n(b']', depth));
    v.push(b'}');
    v
}

fn cases() -> Vec<Case> {
    let big_point = format!(
        "1. {}\n",
        "ceasefire monitoring along the line of contact ".repeat(220_000)
    );
    let mut many = String::with_capacity(200_000 * 30);
    for i in 1..=200_000 {
        many.push_str(&format!("{i}. Point number {i} of a long annex.\n"));
    }
    vec![
        Case {
            name: "invalid UTF-8",
            file: "bad.md",
            bytes: b"1. fine\n2. caf\xe9 au lait\n".to_vec(),
            expect: Expect::Fails(|k| matches!(k, ErrorKind::InvalidUtf8), Some(2)),
        },
        Case {
            name: "binary garbage",
            file: "garbage.md",
            bytes: (0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect(),
            expect: Expect::Fails(|k| matches!(k, ErrorKind::InvalidUtf8), Some(1)),
        },
        Case {
            name: "truncated JSON",
            file: "truncated.json",
            bytes: b"{\n  \"title\": \"x\",\n  \"points\": [\n    {\"label\": \"1\", \"te".to_vec(),
            expect: Expect::Fails(|k| matches!(k, ErrorKind::Json(_)), Some(4)),
        },
        Case {
            name: "JSON nested 100,000 levels deep",
            file: "deep.json",
            bytes: deep_json(100_000),
            // Refused at once: the typed reader rejects the nesting (and serde_json caps depth at 128).
            expect: Expect::Fails(|k| matches!(k, ErrorKind::Json(_)), Some(1)),
        },
        Case {
            name: "TOML nested 100,000 levels deep",
            file: "deep.toml",
            bytes: format!("points = {}{}\n", "[".repeat(100_000), "]".repeat(100_000)).into_bytes(),
            expect: Expect::Fails(|k| matches!(k, ErrorKind::Toml(_)), Some(1)),
        },
        Case {
            name: "a wrong JSON type",
            file: "wrong.json",
            bytes: b"{\"points\": \"28 points\"}".to_vec(),
            expect: Expect::Fails(|k| matches!(k, ErrorKind::Json(m) if m.to_string().contains("invalid type")), Some(1)),
        },
        Case {
            name: "bad TOML",
            file: "bad.toml",
            bytes: b"title = \"x\"\n[[points]\nlabel = \"1\"\n".to_vec(),
            expect: Expect::Fails(|k| matches!(k, ErrorKind::Toml(_)), Some(2)),
        },
        Case {
            name: "unclosed front matter",
            file: "unclosed.md",
            bytes: b"---\ntitle: x\n\n1. a\n".to_vec(),
            expect: Expect::Fails(|k| matches!(k, ErrorKind::UnclosedFrontMatter), Some(1)),
        },
        Case {
            name: "a version that is not semver",
            file: "version.md",
            bytes: b"---\nversion: 2.0\n---\n1. a\n".to_vec(),
            expect: Expect::Fails(|k| matches!(k, ErrorKind::InvalidVersion { .. }), Some(2)),
        },
        Case {
            name: "duplicate labels",
            file: "dup.md",
            bytes: b"1. a\n2. b\n2. c\n".to_vec(),
            expect: Expect::Fails(|k| matches!(k, ErrorKind::DuplicateLabel { .. }), Some(3)),
        },
        Case {
            name: "a deferred item numbered like a point",
            file: "dup-deferred.md",
            bytes: b"1. a\n2. b\n## Deferred\n2. c\n".to_vec(),
            expect: Expect::Fails(|k| matches!(k, ErrorKind::DuplicateLabel { .. }), Some(4)),
        },
        Case {
            name: "NUL bytes (kept as text)",
            file: "nul.md",
            bytes: b"1. a\0b\n2. c\n".to_vec(),
            expect: Expect::Loads(|d| assert_eq!(d.points[0].text, "a\0b")),
        },
        Case {
            name: "a 10 MB single point",
            file: "big.md",
            bytes: big_point.into_bytes(),
            expect: Expect::Loads(|d| {
                assert_eq!(d.points.len(), 1);
                assert!(d.points[0].text.len() > 10_000_000);
            }),
        },
        Case {
            name: "200,000 points",
            file: "many.md",
            bytes: many.into_bytes(),
            expect: Expect::Loads(|d| {
                assert_eq!(d.points.len(), 200_000);
                assert_eq!(d.points[199_999].label, "200000");
            }),
        },
        Case {
            name: "Ukrainian, Arabic, Chinese and emoji",
            file: "scripts.md",
            bytes: "1. Суверенітет України підтверджується.\n2. تؤكد الأطراف سيادة أوكرانيا.\n3. 各方确认乌克兰的主权。\n4. 🕊️ Peace 🇺🇦 now.\n".as_bytes().to_vec(),
            expect: Expect::Loads(|d| {
                assert_eq!(d.points.len(), 4);
                assert_eq!(d.points[1].text, "تؤكد الأطراف سيادة أوكرانيا.");
                assert_eq!(d.points[3].text, "🕊️ Peace 🇺🇦 now.");
            }),
        },
        Case {
            name: "CRLF with a byte-order mark",
            file: "crlf.md",
            bytes: b"\xef\xbb\xbf---\r\ntitle: T\r\n---\r\n1. a\r\n   b\r\n2. c\r\n".to_vec(),
            expect: Expect::Loads(|d| {
                assert_eq!(d.title.as_deref(), Some("T"));
                assert_eq!(d.points[0].text, "a\nb");
            }),
        },
        Case {
            name: "an empty file (an empty draft)",
            file: "empty.md",
            bytes: Vec::new(),
            expect: Expect::Loads(|d| assert_eq!(d, &Draft::default())),
        },
        Case {
            name: "only prose (an empty draft)",
            file: "prose.md",
            bytes: b"The parties met in Geneva.\nNo text was published.\n".to_vec(),
            expect: Expect::Loads(|d| assert!(d.points.is_empty() && d.deferred.is_empty())),
        },
        Case {
            name: "only a deferred list",
            file: "deferred.md",
            bytes: b"## Deferred: presidents' meeting\n- Territory\n- NATO\n".to_vec(),
            expect: Expect::Loads(|d| {
                assert!(d.points.is_empty());
                assert_eq!(d.deferred.len(), 2);
            }),
        },
        Case {
            name: "numbering with gaps",
            file: "gaps.md",
            bytes: b"1. a\n2. b\n7. c\n30. d\n".to_vec(),
            expect: Expect::Loads(|d| {
                let labels: Vec<&str> = d.points.iter().map(|p| p.label.as_str()).collect();
                assert_eq!(labels, ["1", "2", "7", "30"]);
            }),
        },
        Case {
            name: "a label of 30 digits",
            file: "long-label.md",
            bytes: b"123456789012345678901234567890. a\n".to_vec(),
            expect: Expect::Loads(|d| assert_eq!(d.points[0].label, "123456789012345678901234567890")),
        },
    ]
}

fn bin() -> Command {
    command::peaceplan()
}

fn scratch() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("peaceplan-catalogue-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn catalogue_library_and_cli() {
    let dir = scratch();
    for case in cases() {
        let format = Format::from_path(Path::new(case.file)).unwrap();
        let result = parse_bytes(&case.bytes, format);
        let path = dir.join(case.file);
        std::fs::write(&path, &case.bytes).unwrap();
        let out = bin().arg("show").arg(&path).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        let code = out.status.code();
        match case.expect {
            Expect::Loads(check) => {
                let draft = result.unwrap_or_else(|e| panic!("{}: {e}", case.name));
                check(&draft);
                assert_eq!(code, Some(0), "{}: {stderr}", case.name);
                // What loads round-trips and diffs against itself as all unchanged.
                if draft.points.len() < 1000 {
                    let again = parse(&write(&draft, Format::Text).unwrap(), Format::Text).unwrap();
                    assert_eq!(again, draft, "{}", case.name);
                }
                let d = diff(&draft, &draft);
                assert!(d.is_empty(), "{}", case.name);
                assert!(d.changes().iter().all(|c| c.kind == ChangeKind::Unchanged));
            }
            Expect::Fails(kind, line) => {
                let err = match result {
                    Ok(_) => panic!("{}: loaded but should fail", case.name),
                    Err(e) => e,
                };
                assert!(kind(err.kind()), "{}: unexpected error {err}", case.name);
                assert_eq!(err.line(), line, "{}: {err}", case.name);
                assert_eq!(code, Some(2), "{}", case.name);
                let prefix = match line {
                    Some(l) => format!("{}:{l}:", path.display()),
                    None => format!("{}: ", path.display()),
                };
                assert!(stderr.starts_with(&prefix), "{}: {stderr}", case.name);
                assert!(!stderr.contains("panicked"), "{}", case.name);
            }
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn missing_file_and_directory() {
    let dir = scratch().join("sub");
    std::fs::create_dir_all(&dir).unwrap();
    let missing = dir.join("missing.md");
    let e = peaceplan::load(&missing).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Io(_)));
    assert_eq!(e.path(), Some(missing.as_path()));
    let mut b = bin();
    let out = b.arg("show").arg(&missing).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .starts_with(&format!("{}: cannot read", missing.display()))
    );

    let as_file = dir.join("drafts.md");
    std::fs::create_dir_all(&as_file).unwrap();
    let e = peaceplan::load(&as_file).unwrap_err();
    assert!(e.to_string().contains("is a directory"), "{e}");
    let mut b = bin();
    let out = b.arg("show").arg(&as_file).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn size_limit_is_a_clear_error() {
    let dir = scratch();
    let path = dir.join("large.md");
    std::fs::write(&path, "1. a point\n".repeat(1000)).unwrap();
    let e = peaceplan::format::load_with_limit(&path, Format::Text, 1000).unwrap_err();
    assert!(matches!(
        e.kind(),
        ErrorKind::TooLarge {
            size: Some(11000),
            limit: 1000
        }
    ));
    let mut b = bin();
    let out = b
        .args(["--max-bytes", "1000", "show"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("exceeds the limit of 1000 bytes"));
    std::fs::remove_file(&path).ok();
}

#[test]
fn empty_drafts_diff_as_all_added_or_removed() {
    let plan = peaceplan::load(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data/plan/28-point-plan.md"),
    )
    .unwrap();
    let empty = Draft::default();
    let d = diff(&empty, &plan);
    assert_eq!(d.of_kind(ChangeKind::Added).count(), 28);
    let d = diff(&plan, &empty);
    assert_eq!(d.of_kind(ChangeKind::Removed).count(), 28);
    assert!(diff(&empty, &empty).is_empty());
}

/// Errors from the crates that read the input keep them as their source, for callers that walk the
/// chain; the message still reads alone.
#[test]
fn errors_keep_their_source() {
    use std::error::Error as _;
    let e = parse("{\"points\": 3}", Format::Json).unwrap_err();
    let source = e.source().expect("serde_json's error as the source");
    assert!(source.downcast_ref::<serde_json::Error>().is_some());
    assert!(e.to_string().contains("invalid JSON: invalid type"), "{e}");
    assert!(!e.to_string().contains(" at line "), "{e}");
    let e = parse("---\nversion: 1.x\n---\n1. a\n", Format::Text).unwrap_err();
    assert!(
        e.source()
            .unwrap()
            .downcast_ref::<semver::Error>()
            .is_some()
    );
    let e = parse("points = 3\n", Format::Toml).unwrap_err();
    assert!(
        e.source()
            .unwrap()
            .downcast_ref::<toml::de::Error>()
            .is_some()
    );
    let e = peaceplan::load("no/such/draft.md").unwrap_err();
    assert!(
        e.source()
            .unwrap()
            .downcast_ref::<std::io::Error>()
            .is_some()
    );
}
