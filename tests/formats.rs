//! Loading drafts in every format, English and Ukrainian, round trips, and every error with its place.

use std::path::{Path, PathBuf};

use peaceplan::format::{self, Format, parse, parse_bytes, write};
use peaceplan::{Draft, ErrorKind, Position, Status, load};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(name)
}

#[test]
fn ukrainian_draft_loads_the_same_in_every_format() {
    let md = load(data("tests/data/uk-draft.md")).unwrap();
    let json = load(data("tests/data/uk-draft.json")).unwrap();
    let toml = load(data("tests/data/uk-draft.toml")).unwrap();
    assert_eq!(md, json);
    assert_eq!(md, toml);

    assert_eq!(md.title.as_deref(), Some("План припинення війни"));
    assert_eq!(md.version, Some(semver::Version::new(1, 0, 0)));
    assert_eq!(
        md.meta.get("джерело").map(String::as_str),
        Some("власний переказ за повідомленнями преси")
    );
    let labels: Vec<&str> = md.points.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(labels, ["1", "2", "3", "4", "5а"]);
    // Cyrillic sub-items belong to their point; CRLF and the byte-order mark are gone.
    assert_eq!(
        md.points[3].text,
        "Чисельність Збройних сил України обмежується 600 000 військовослужбовців.\nа) у мирний час;\nб) без урахування резерву."
    );
    assert_eq!(md.points[0].status, Some(Status::Agreed));
    assert_eq!(md.points[4].positions.get("ru"), Some(&Position::Rejects));
    assert_eq!(md.points[2].id.as_deref(), Some("guarantees"));
    assert_eq!(md.deferred.len(), 2);
    assert_eq!(md.deferred[0].forum.as_deref(), Some("зустріч президентів"));
    assert_eq!(md.deferred[0].from.as_deref(), Some("21"));
}

#[test]
fn english_plan_loads_the_same_in_every_format() {
    let md = load(data("examples/data/plan/28-point-plan.md")).unwrap();
    assert_eq!(md.points.len(), 28);
    assert!(md.points[9].text.contains("\nd) the guarantee is void"));
    assert_eq!(md, load(data("tests/data/en-28.json")).unwrap());
    assert_eq!(md, load(data("tests/data/en-28.toml")).unwrap());
}

fn round_trip_all(d: &Draft) {
    for f in [Format::Text, Format::Json, Format::Toml] {
        let written = write(d, f).unwrap();
        assert_eq!(&parse(&written, f).unwrap(), d, "{f} round trip");
    }
    // text -> model -> JSON -> model -> text gives back the same text.
    let text = write(d, Format::Text).unwrap();
    let via_json = parse(
        &write(&parse(&text, Format::Text).unwrap(), Format::Json).unwrap(),
        Format::Json,
    )
    .unwrap();
    assert_eq!(write(&via_json, Format::Text).unwrap(), text);
}

#[test]
fn bundled_drafts_round_trip_in_every_format() {
    for name in [
        "examples/data/plan/28-point-plan.md",
        "examples/data/plan/geneva-revision.md",
        "examples/data/security-guarantees-framework.md",
        "examples/data/plan/december-framework.md",
        "tests/data/uk-draft.md",
    ] {
        round_trip_all(&load(data(name)).unwrap());
    }
}

#[test]
fn numbering_styles_and_headings() {
    let src = "Preamble prose is ignored.\n\n## Chapter I\n\nI. Roman\nII) Roman again\n5a. Lettered\n12.3. Nested\nPoint 12: Word\n- a bullet inside point 12\n21.d) a sub-item inside point 12\n";
    let d = format::parse_text(src).unwrap();
    let labels: Vec<&str> = d.points.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(labels, ["I", "II", "5a", "12.3", "12"]);
    assert_eq!(
        d.points[4].text,
        "Word\n- a bullet inside point 12\n21.d) a sub-item inside point 12"
    );
    assert_eq!(d.title, None);
}

#[test]
fn unversioned_drafts_diff() {
    let a = format::parse_text("1. A ceasefire takes effect once all parties agree.\n").unwrap();
    let b = format::parse_text("1. A ceasefire takes effect at once.\n").unwrap();
    assert!(a.version.is_none());
    assert!(!peaceplan::diff(&a, &b).is_empty());
}

fn err(src: &[u8], f: Format) -> peaceplan::Error {
    parse_bytes(src, f).unwrap_err()
}

#[test]
fn invalid_utf8_reports_its_line() {
    let e = err(b"1. fine\n2. \xd0 broken\n", Format::Text);
    assert!(matches!(e.kind(), ErrorKind::InvalidUtf8));
    assert_eq!((e.line(), e.column()), (Some(2), Some(4)));
}

#[test]
fn unclosed_front_matter() {
    let e = err(b"---\ntitle: x\n1. a\n", Format::Text);
    assert!(matches!(e.kind(), ErrorKind::UnclosedFrontMatter));
    assert_eq!(e.line(), Some(1));
}

#[test]
fn version_that_is_not_semver() {
    let e = err(b"---\ntitle: x\nversion: 1.0\n---\n1. a\n", Format::Text);
    assert!(matches!(e.kind(), ErrorKind::InvalidVersion { .. }));
    assert_eq!((e.line(), e.column()), (Some(3), Some(10)));
    let msg = e.to_string();
    assert!(
        msg.starts_with("line 3:10: version \"1.0\" is not a semantic version"),
        "{msg}"
    );
    assert!(msg.contains("hint: write three numbers"), "{msg}");
    let e = err(br#"{"version": "1.0", "points": []}"#, Format::Json);
    assert!(matches!(e.kind(), ErrorKind::Json(_)), "{e}");
    assert_eq!(e.line(), Some(1));
}

#[test]
fn duplicate_labels_report_the_second() {
    let e = err(b"1. a\n2. b\n\n2) c\n", Format::Text);
    assert!(matches!(
        e.kind(),
        ErrorKind::DuplicateLabel {
            first_line: Some(2),
            ..
        }
    ));
    assert_eq!(e.line(), Some(4));
    let json = b"{\n  \"points\": [\n    {\"label\": \"1\", \"text\": \"a\"},\n    {\"label\": \"1\", \"text\": \"b\"}\n  ]\n}\n";
    assert_eq!(err(json, Format::Json).line(), Some(4));
    let toml =
        b"[[points]]\nlabel = \"7\"\ntext = \"a\"\n\n[[points]]\nlabel = \"7\"\ntext = \"b\"\n";
    let e = err(toml, Format::Toml);
    assert!(matches!(e.kind(), ErrorKind::DuplicateLabel { .. }));
    assert_eq!(e.line(), Some(5));
}

#[test]
fn malformed_json_and_toml_report_their_line() {
    let e = err(b"{\n  \"title\": \"x\",\n  \"points\": [\n", Format::Json);
    assert!(matches!(e.kind(), ErrorKind::Json(_)));
    assert_eq!(e.line(), Some(4));
    let e = err(b"title = \"x\"\nversion = \n", Format::Toml);
    assert!(matches!(e.kind(), ErrorKind::Toml(_)));
    assert_eq!(e.line(), Some(2));
    let e = err(
        b"{\"points\": [{\"label\": \"1\", \"text\": \"a\", \"colour\": 1}]}",
        Format::Json,
    );
    assert!(e.to_string().contains("unknown field `colour`"), "{e}");
}

/// Each point is checked as it is read, so the first error in the file is the one reported, with
/// its line: here a bad tag on line 2 before a bad status on line 3.
#[test]
fn the_first_bad_point_in_the_file_is_reported() {
    let e = err(
        b"1. a\n2. b {tags: x y}\n3. c {status: agred}\n",
        Format::Text,
    );
    assert!(matches!(e.kind(), ErrorKind::BadAttribute { .. }), "{e}");
    assert_eq!(e.line(), Some(2));
}

#[test]
fn empty_point_and_bad_status() {
    let e = err(b"1. a\n2.\n3. c\n", Format::Text);
    assert!(matches!(e.kind(), ErrorKind::EmptyPoint { .. }));
    assert_eq!(e.line(), Some(2));
    let e = err(b"1. a\n2. b {status: agred}\n", Format::Text);
    assert!(matches!(e.kind(), ErrorKind::UnknownStatus { .. }));
    assert_eq!((e.line(), e.column()), (Some(2), Some(15)));
}

#[test]
fn errors_from_files_name_the_file() {
    let dir = std::env::temp_dir().join(format!("peaceplan-formats-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bad.md");
    std::fs::write(&path, "---\nversion: one\n---\n1. a\n").unwrap();
    let e = load(&path).unwrap_err();
    assert_eq!(e.path(), Some(path.as_path()));
    assert!(
        e.to_string()
            .starts_with(&format!("{}:2:10: ", path.display())),
        "{e}"
    );
    let missing = load(dir.join("missing.md")).unwrap_err();
    assert!(matches!(missing.kind(), ErrorKind::Io(_)));
    let as_dir = format::load_as(&dir, Format::Text).unwrap_err();
    assert!(as_dir.to_string().contains("is a directory"), "{as_dir}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_pair_loads_as_two_loads_do_and_keeps_each_error_with_its_file() {
    let (old, new) = (
        data("examples/data/plan/28-point-plan.md"),
        data("examples/data/plan/geneva-revision.md"),
    );
    let (a, b) = format::load_pair_with_limit(&old, &new, None, format::DEFAULT_MAX_BYTES);
    assert_eq!(a.unwrap(), load(&old).unwrap());
    assert_eq!(b.unwrap(), load(&new).unwrap());
    let missing = Path::new("no/such/draft.md");
    let (a, b) = format::load_pair_with_limit(missing, &new, None, format::DEFAULT_MAX_BYTES);
    let err = a.unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Io(_)), "{err}");
    assert!(err.to_string().contains("no/such/draft.md"), "{err}");
    assert!(b.is_ok());
}

/// JSON and TOML as people write them: numeric labels, and in JSON a bare array of point texts
/// numbered 1..n; a misspelt field keeps its precise error.
#[test]
fn numeric_labels_and_bare_arrays() {
    use peaceplan::format::{Format, parse};
    let d = parse(
        r#"{"points": [{"label": 1, "text": "A ceasefire."}, {"label": "2a", "text": "Elections."}],
            "deferred": [{"label": 3, "text": "Territory"}]}"#,
        Format::Json,
    )
    .unwrap();
    assert_eq!(d.points[0].label, "1");
    assert_eq!(d.points[1].label, "2a");
    assert_eq!(d.deferred[0].label.as_deref(), Some("3"));
    let d = parse("[[points]]\nlabel = 7\ntext = \"a\"\n", Format::Toml).unwrap();
    assert_eq!(d.points[0].label, "7");
    let d = parse(
        r#"["A ceasefire.", "Elections within 100 days."]"#,
        Format::Json,
    )
    .unwrap();
    let labels: Vec<&str> = d.points.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(labels, ["1", "2"]);
    assert_eq!(d.points[1].text, "Elections within 100 days.");
    let e = parse(r#"{"points": [{"lable": 1, "text": "a"}]}"#, Format::Json).unwrap_err();
    assert!(e.to_string().contains("unknown field `lable`"), "{e}");
    assert_eq!(e.line(), Some(1));
    let e = parse(r#"{"points": [{"label": -1, "text": "a"}]}"#, Format::Json).unwrap_err();
    assert!(e.to_string().contains("label -1 is negative"), "{e}");
    let e = parse(r#"[1, 2]"#, Format::Json).unwrap_err();
    assert!(e.to_string().contains("expected a string"), "{e}");
}
