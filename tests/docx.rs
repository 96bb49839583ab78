//! Word files: fixtures saved by LibreOffice (tests/data/docx, made by scripts/docx-fixtures.py) read
//! with the numbers LibreOffice itself displays; Word-style files made here (custom Cyrillic
//! numbering, restarts, numbering from a style, a numbered heading); tracked changes and comments;
//! broken and oversized files; and PDFs of the same documents through `pdftotext -layout`.
#![cfg(feature = "docx")]

#[path = "support/command.rs"]
mod command;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use peaceplan::format::{self, Format, WarningKind};
use peaceplan::{Draft, ErrorKind, diff};

fn data(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn read(rel: &str) -> format::Loaded {
    format::load_with_warnings(data(rel), Format::Docx, format::DEFAULT_MAX_BYTES).unwrap()
}

fn labels(d: &Draft) -> Vec<&str> {
    d.points.iter().map(|p| p.label.as_str()).collect()
}

fn words(s: &str) -> Vec<&str> {
    s.split_whitespace().collect()
}

/// The same labels, texts (white space aside) and deferred items.
fn assert_same(a: &Draft, b: &Draft, what: &str) {
    assert_eq!(labels(a), labels(b), "{what}");
    for (x, y) in a.points.iter().zip(&b.points) {
        assert_eq!(words(&x.text), words(&y.text), "{what}: point {}", x.label);
    }
    let items = |d: &Draft| {
        d.deferred
            .iter()
            .map(|i| (i.text.clone(), i.forum.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(items(a), items(b), "{what}");
}

#[test]
fn libreoffice_files_read_with_the_numbers_libreoffice_shows() {
    for name in ["en-plan", "uk-plan"] {
        let docx = read(&format!("tests/data/docx/{name}.docx"));
        // LibreOffice's own text export of the file shows its numbers: the same labels.
        let shown = format::load(data(&format!("tests/data/docx/{name}.lo.txt"))).unwrap();
        assert_eq!(labels(&docx.draft), labels(&shown), "{name}");
        // And the texts, with tracked changes accepted, are the expected ones.
        let expected = format::load(data(&format!("tests/data/docx/{name}.expected.md"))).unwrap();
        assert_same(&docx.draft, &expected, name);
        assert!(diff(&expected, &docx.draft).is_empty(), "{name}");
        // The hand-made file as Word writes it reads the same.
        let word = read(&format!("tests/data/docx/{name}.word.docx"));
        assert_same(&word.draft, &docx.draft, name);
    }
}

#[test]
fn english_file_levels_starts_restarts_and_deferred_list() {
    let d = read("tests/data/docx/en-plan.docx");
    assert_eq!(labels(&d.draft), ["1", "2", "3", "4", "5", "6", "7", "8"]);
    let text = |l: &str| {
        d.draft
            .points
            .iter()
            .find(|p| p.label == l)
            .unwrap()
            .text
            .clone()
    };
    // Lower levels stay in their point, with their own numbers.
    assert_eq!(
        text("2"),
        "The armed forces of Ukraine are capped at 800,000 personnel:\na) in peacetime;\nb) reserves not counted."
    );
    assert!(text("7").contains("7.1. The first stage"));
    // A tracked insertion is kept, a deletion left out, a comment ignored; and said so.
    assert_eq!(
        text("3"),
        "Prisoners are exchanged on an all-for-all basis within 30 days of the signature."
    );
    assert!(!text("4").contains("OSCE"));
    assert!(matches!(
        d.warnings[0].kind(),
        WarningKind::TrackedChanges {
            insertions: 1,
            deletions: 1,
            formatting: 0
        }
    ));
    assert_eq!(d.draft.title.as_deref(), Some("Framework for a ceasefire"));
    assert_eq!(d.draft.deferred.len(), 2);
    assert_eq!(
        d.draft.deferred[0].forum.as_deref(),
        Some("presidents' meeting")
    );
}

#[test]
fn ukrainian_file_counts_in_cyrillic_letters() {
    let d = read("tests/data/docx/uk-plan.docx");
    assert_eq!(labels(&d.draft), ["1", "2", "3", "4"]);
    let lines: Vec<&str> = d.draft.points[1].text.lines().collect();
    let marks: Vec<&str> = lines[1..]
        .iter()
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(marks, ["а)", "б)", "в)", "г)", "д)"]);
    assert_eq!(
        d.draft.deferred[0].forum.as_deref(),
        Some("зустріч президентів")
    );
}

/// A minimal Word file: the body's paragraphs, numbering.xml and styles.xml as given.
fn docx(body: &str, numbering: &str, styles: &str) -> Vec<u8> {
    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#;
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut out);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        let mut put = |name: &str, text: String| {
            z.start_file(name, opts).unwrap();
            z.write_all(text.as_bytes()).unwrap();
        };
        put(
            "word/document.xml",
            format!("<?xml version=\"1.0\"?><w:document {W}><w:body>{body}</w:body></w:document>"),
        );
        put(
            "word/numbering.xml",
            format!("<?xml version=\"1.0\"?><w:numbering {W}>{numbering}</w:numbering>"),
        );
        put(
            "word/styles.xml",
            format!("<?xml version=\"1.0\"?><w:styles {W}>{styles}</w:styles>"),
        );
        z.finish().unwrap();
    }
    out.into_inner()
}

/// A zip of one file, as given (no other part added around it).
fn one_part(name: &str, bytes: &[u8]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut out);
        z.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        z.write_all(bytes).unwrap();
        z.finish().unwrap();
    }
    out.into_inner()
}

fn p(num: Option<(u32, u32)>, style: Option<&str>, text: &str) -> String {
    let mut ppr = String::new();
    if let Some(s) = style {
        ppr.push_str(&format!("<w:pStyle w:val=\"{s}\"/>"));
    }
    if let Some((id, lvl)) = num {
        ppr.push_str(&format!(
            "<w:numPr><w:ilvl w:val=\"{lvl}\"/><w:numId w:val=\"{id}\"/></w:numPr>"
        ));
    }
    format!("<w:p><w:pPr>{ppr}</w:pPr><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

fn lvl(ilvl: u32, fmt: &str, text: &str, start: u32) -> String {
    format!(
        "<w:lvl w:ilvl=\"{ilvl}\"><w:start w:val=\"{start}\"/><w:numFmt w:val=\"{fmt}\"/><w:lvlText w:val=\"{text}\"/></w:lvl>"
    )
}

fn parse(bytes: &[u8]) -> format::Loaded {
    format::read_with_warnings(bytes, Format::Docx, format::DEFAULT_MAX_BYTES).unwrap()
}

#[test]
fn word_numbering_rules() {
    // Ukrainian letters from a custom format whose sample has `ґ`; a restart by start override; a
    // list numbered through its paragraph style; a numbered heading is a point, not a heading.
    let custom = r#"<mc:AlternateContent><mc:Choice Requires="w14"><w:numFmt w:val="custom" w:format="а, б, в, г, ґ, ..."/></mc:Choice><mc:Fallback><w:numFmt w:val="decimal"/></mc:Fallback></mc:AlternateContent>"#;
    let numbering = format!(
        "<w:abstractNum w:abstractNumId=\"0\">{}<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/>{custom}<w:lvlText w:val=\"%2)\"/></w:lvl></w:abstractNum>\
         <w:abstractNum w:abstractNumId=\"1\">{}</w:abstractNum>\
         <w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>\
         <w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/></w:num>\
         <w:num w:numId=\"3\"><w:abstractNumId w:val=\"1\"/><w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"10\"/></w:lvlOverride></w:num>",
        lvl(0, "decimal", "%1.", 1),
        lvl(0, "upperRoman", "Article %1", 1),
    );
    let styles = r#"<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
        <w:style w:type="paragraph" w:styleId="Point"><w:name w:val="Point"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>"#;
    let body = [
        p(None, Some("Heading1"), "A plan"),
        p(None, Some("Point"), "First point."),
        p(Some((1, 1)), None, "один"),
        p(Some((1, 1)), None, "два"),
        p(Some((1, 1)), None, "три"),
        p(Some((1, 1)), None, "чотири"),
        p(Some((1, 1)), None, "пʼять"),
        p(Some((1, 0)), None, "Second point."),
        p(
            Some((2, 0)),
            Some("Heading1"),
            "A numbered heading is a point.",
        ),
        p(Some((3, 0)), None, "Restarted at ten."),
        p(Some((3, 0)), None, "And eleven."),
    ]
    .concat();
    let read = parse(&docx(&body, &numbering, styles));
    let d = &read.draft;
    assert_eq!(d.title.as_deref(), Some("A plan"));
    assert_eq!(labels(d), ["1", "2", "I", "X", "XI"], "{d:?}");
    assert_eq!(
        d.points[0].text,
        "First point.\nа) один\nб) два\nв) три\nг) чотири\nґ) пʼять"
    );
    assert_eq!(d.points[2].text, "A numbered heading is a point.");
}

#[test]
fn broken_and_oversized_files_are_refused_with_their_name() {
    let dir = tempdir();
    let not_zip = dir.join("not-a-zip.docx");
    std::fs::write(&not_zip, b"1. plain text named .docx\n").unwrap();
    let e = format::load(&not_zip).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Docx(_)), "{e}");
    assert!(
        e.to_string().starts_with(&not_zip.display().to_string()),
        "{e}"
    );

    // A zip without word/document.xml.
    let out = one_part("hello.txt", b"hi");
    let e = format::read_with_limit(&out[..], Format::Docx, 1 << 20).unwrap_err();
    assert!(e.to_string().contains("no word/document.xml"), "{e}");

    // Not well-formed XML.
    let e = format::read_with_limit(&docx("<w:p><w:r>", "", "")[..], Format::Docx, 1 << 20)
        .unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Docx(_)), "{e}");

    // A part that inflates past the limit (a zip bomb) stops at the limit.
    let big = p(None, None, &"x".repeat(200_000));
    let bytes = docx(&big, "", "");
    assert!(bytes.len() < 10_000);
    let e = format::read_with_limit(&bytes[..], Format::Docx, 100_000).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::TooLarge { .. }), "{e}");

    // Text given as a string cannot be a Word file.
    assert!(format::parse("1. x", Format::Docx).is_err());
    assert!(format::write(&Draft::default(), Format::Docx).is_err());
}

fn tempdir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("peaceplan-docx-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn the_command_reads_word_files_and_strict_refuses_tracked_changes() {
    let file = data("tests/data/docx/en-plan.docx");
    let expected = data("tests/data/docx/en-plan.expected.md");
    let out = command::peaceplan()
        .arg("diff")
        .arg(&expected)
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("en-plan.docx:7: tracked changes read as accepted"),
        "{err}"
    );
    let out = command::peaceplan()
        .args(["--strict", "show"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    // Standard input, named as Word.
    let mut child = command::peaceplan()
        .args(["show", "-", "--input-format", "docx", "--format", "json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(&std::fs::read(&file).unwrap())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Sanctions are lifted in stages."));
}

#[test]
fn pdfs_read_through_pdftotext_layout() {
    // The documented pipeline: `pdftotext -layout draft.pdf - | peaceplan show -`. The PDFs are the
    // fixtures' final texts exported by LibreOffice.
    if Command::new("pdftotext").arg("-v").output().is_err() {
        println!(
            "note: pdftotext (poppler-utils) is not installed; the PDF pipeline is not tested"
        );
        return;
    }
    for name in ["en-plan", "uk-plan"] {
        let out = Command::new("pdftotext")
            .arg("-layout")
            .arg(data(&format!("tests/data/pdf/{name}.pdf")))
            .arg("-")
            .output()
            .unwrap();
        assert!(out.status.success());
        let read = format::read_with_warnings(&out.stdout[..], Format::Text, 1 << 20).unwrap();
        let expected = format::load(data(&format!("tests/data/docx/{name}.expected.md"))).unwrap();
        assert_same(&read.draft, &expected, name);
        assert!(diff(&expected, &read.draft).is_empty(), "{name}");
    }
}

#[test]
fn front_matter_typed_into_the_document() {
    let body = [
        p(None, None, "---"),
        p(None, None, "version: 2.0.0"),
        p(None, None, "label: Geneva revision"),
        p(None, None, "---"),
        p(None, None, "1. A ceasefire."),
    ]
    .concat();
    let read = parse(&docx(&body, "", ""));
    assert_eq!(read.draft.version, Some(semver::Version::new(2, 0, 0)));
    assert_eq!(read.draft.label.as_deref(), Some("Geneva revision"));
    assert_eq!(labels(&read.draft), ["1"]);
}

#[test]
fn entities_resolve_or_stay_as_written() {
    let body = p(None, None, "1. Tom &amp; Jerry &#233;t&#xE9; &nbsp;here");
    let read = parse(&docx(&body, "", ""));
    assert_eq!(read.draft.points[0].text, "Tom & Jerry été &nbsp;here");
}

#[test]
fn a_paragraph_between_lists_keeps_its_own_line() {
    let numbering = format!(
        "<w:abstractNum w:abstractNumId=\"0\">{}</w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>",
        lvl(0, "decimal", "%1.", 1)
    );
    let body = [
        p(Some((1, 0)), None, "A ceasefire."),
        p(Some((1, 0)), None, "Talks."),
        p(None, None, "The following points were added in Geneva."),
        p(Some((1, 0)), None, "Elections."),
    ]
    .concat();
    let read = parse(&docx(&body, &numbering, ""));
    assert_eq!(labels(&read.draft), ["1", "2", "3"]);
    assert_eq!(
        read.draft.points[1].text,
        "Talks.\nThe following points were added in Geneva."
    );
}

/// What an attacker's Word files found (each was a memory bomb, a hang or silent loss).
#[test]
fn hostile_word_files() {
    let decimal = |text: &str| {
        format!(
            "<w:abstractNum w:abstractNumId=\"0\">{}</w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>",
            lvl(0, "decimal", text, 1)
        )
    };
    // A level text of 20,000 placeholders falls back to `%1.` (it was copied into every number).
    let bomb = decimal(&"%1".repeat(20_000));
    let read = parse(&docx(&p(Some((1, 0)), None, "x"), &bomb, ""));
    assert_eq!(labels(&read.draft), ["1"]);
    // A paragraph nested in a paragraph loses neither.
    let nested = "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr><w:r><w:t>All forces withdraw</w:t></w:r><w:p><w:r><w:t>inner</w:t></w:r></w:p><w:r><w:t> within 60 days.</w:t></w:r></w:p>";
    let read = parse(&docx(nested, &decimal("%1."), ""));
    assert_eq!(
        read.draft.points[0].text,
        "All forces withdraw within 60 days.\ninner"
    );
    // Hidden text (`w:vanish`) is not read: Word shows none of it.
    let hidden = "<w:p><w:r><w:t>1. Talks continue.</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t xml:space=\"preserve\"> Sanctions are lifted. {status: agreed}</w:t></w:r></w:p>";
    let read = parse(&docx(hidden, "", ""));
    assert_eq!(read.draft.points[0].text, "Talks continue.");
    assert_eq!(read.draft.points[0].status, None);
    // An empty numbered paragraph (Word leaves one at a list's end) is no empty point.
    let body = [
        p(Some((1, 0)), None, "Ceasefire."),
        p(Some((1, 0)), None, ""),
    ]
    .concat();
    assert_eq!(
        labels(&parse(&docx(&body, &decimal("%1."), "")).draft),
        ["1"]
    );
    // A DTD (entities that look like text) is refused.
    let dtd = one_part("word/document.xml", b"<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY t \"troops\">]><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>1. &t;</w:t></w:r></w:p></w:body></w:document>");
    let e = format::read_with_limit(&dtd[..], Format::Docx, 1 << 20).unwrap_err();
    assert!(e.to_string().contains("DTD"), "{e}");
    // WordprocessingML under another prefix than `w`.
    let prefixed = one_part("word/document.xml", b"<x:document xmlns:x=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><x:body><x:p><x:r><x:t>1. Ceasefire now.</x:t></x:r></x:p></x:body></x:document>");
    let read = format::read_with_warnings(&prefixed[..], Format::Docx, 1 << 20).unwrap();
    assert_eq!(read.draft.points[0].text, "Ceasefire now.");
}

/// What a second attacker's Word files found: Word shows one thing, the reader read another, or
/// the reader spent memory and time out of proportion.
#[test]
fn word_files_read_as_word_shows_them() {
    const M: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    // Text hidden by a character style or a paragraph style is not read; a run may show it again.
    let styles = "<w:style w:type=\"character\" w:styleId=\"Secret\"><w:rPr><w:vanish/></w:rPr></w:style><w:style w:type=\"paragraph\" w:styleId=\"Hidden\"><w:rPr><w:vanish/></w:rPr></w:style>";
    let body = [
        "<w:p><w:r><w:t xml:space=\"preserve\">1. Crimea is </w:t></w:r><w:r><w:rPr><w:rStyle w:val=\"Secret\"/></w:rPr><w:t xml:space=\"preserve\">not </w:t></w:r><w:r><w:t>recognised.</w:t></w:r></w:p>",
        "<w:p><w:pPr><w:pStyle w:val=\"Hidden\"/></w:pPr><w:r><w:t>2. A hidden point.</w:t></w:r></w:p>",
        "<w:p><w:pPr><w:pStyle w:val=\"Hidden\"/></w:pPr><w:r><w:rPr><w:vanish w:val=\"0\"/></w:rPr><w:t>2. Shown again.</w:t></w:r></w:p>",
    ]
    .concat();
    let read = parse(&docx(&body, "", styles));
    let texts: Vec<&str> = read.draft.points.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(texts, ["Crimea is recognised.", "Shown again."]);
    // The default paragraph style hides too; a field's code is not its text, even written as `w:t`.
    let styles = "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:rPr><w:vanish/></w:rPr></w:style><w:style w:type=\"paragraph\" w:styleId=\"Body\"></w:style>";
    let body = [
        "<w:p><w:pPr><w:pStyle w:val=\"Body\"/></w:pPr><w:r><w:t>1. Visible, </w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:t>SECRET CODE</w:t></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>shown result.</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>",
        "<w:p><w:r><w:t>2. Hidden by the default style.</w:t></w:r></w:p>",
    ]
    .concat();
    let read = parse(&docx(&body, "", styles));
    let texts: Vec<&str> = read.draft.points.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(texts, ["Visible, shown result."]);
    // A tracked change of formatting is read as accepted: the old properties inside it neither
    // hide text that is shown now nor number the paragraph as it was; and it is said.
    let body = "<w:p><w:r><w:rPr><w:rPrChange w:id=\"1\" w:author=\"x\"><w:rPr><w:vanish/></w:rPr></w:rPrChange></w:rPr><w:t>1. Only after full withdrawal.</w:t></w:r></w:p>";
    let read = parse(&docx(body, "", ""));
    assert_eq!(read.draft.points[0].text, "Only after full withdrawal.");
    assert!(matches!(
        read.warnings[0].kind(),
        WarningKind::TrackedChanges { formatting: 1, .. }
    ));
    // The main namespace bound to two prefixes: both are read.
    let two = format!(
        "<w:document xmlns=\"{M}\" xmlns:w=\"{M}\"><body><p><r><t>1. One.</t></r></p><w:p><w:r><w:t>2. Two.</w:t></w:r></w:p></body></w:document>"
    );
    let read = format::read_with_warnings(
        &one_part("word/document.xml", two.as_bytes())[..],
        Format::Docx,
        1 << 20,
    )
    .unwrap();
    assert_eq!(labels(&read.draft), ["1", "2"]);
    // A document.xml cut short is refused, not read in part.
    let cut = format!(
        "<w:document xmlns:w=\"{M}\"><w:body><w:p><w:r><w:t>1. One.</w:t></w:r></w:p><w:p><w:r><w:t>2. Second point.</w:t></w:r>"
    );
    let e = format::read_with_limit(
        &one_part("word/document.xml", cut.as_bytes())[..],
        Format::Docx,
        1 << 20,
    )
    .unwrap_err();
    assert!(e.to_string().contains("cut short"), "{e}");
    // Paragraphs nested millions deep: refused at once, not held.
    let deep = format!(
        "<w:document xmlns:w=\"{M}\"><w:body>{}",
        "<w:p>".repeat(1_000_000)
    );
    let e = format::read_with_limit(
        &one_part("word/document.xml", deep.as_bytes())[..],
        Format::Docx,
        1 << 30,
    )
    .unwrap_err();
    assert!(e.to_string().contains("deep"), "{e}");
    // A custom format's sample of a million letters is not lower-cased for every paragraph: read as
    // absent (the list numbers in decimal).
    let sample = "а".repeat(1_000_000);
    let numbering = format!(
        "<w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"custom\" w:format=\"{sample}\"/><w:lvlText w:val=\"%1)\"/></w:lvl></w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"
    );
    let body: String = (0..2_000)
        .map(|k| p(Some((1, 0)), None, &format!("Item {k}.")))
        .collect();
    let read = parse(&docx(&body, &numbering, ""));
    assert_eq!(read.draft.points.len(), 2_000);
    assert_eq!(read.draft.points[0].label, "1");
}
