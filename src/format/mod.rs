//! Reading and writing drafts: the pasteable text format (Markdown-ish), JSON and TOML.
//!
//! The format is chosen from the file extension (`.md`, `.markdown`, `.txt` -> text, `.json`, `.toml`)
//! or named explicitly. Every reader normalises texts (see [`crate::model::normalize_text`]) and
//! validates the draft, so what comes back is ready to diff. Loading then writing in any of the three
//! formats loses nothing: text -> [`Draft`] -> JSON -> [`Draft`] -> text gives the same draft.
//!
//! The text format is described in `docs/FORMAT.md`.

#[cfg(feature = "docx")]
mod docx;
mod paste;
mod structured;
mod text;
mod warning;

use std::fmt;
use std::path::Path;
use std::str::FromStr;

use crate::error::{Error, ErrorKind, Result};
use crate::model::Draft;

pub use text::{parse_text, write_text};
pub use warning::{Loaded, Warning, WarningKind};

/// Default limit on the size of one input file: 64 MiB.
pub const DEFAULT_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// The most points, deferred items, tags, party positions and metadata entries one draft may hold,
/// together: 500,000 (the largest plans are hundreds of points; 100,000-point drafts are
/// benchmarked). Every reader refuses a draft with more, naming the line of the first item over the
/// limit where there is one. With the size limit this bounds what a
/// draft of many tiny points can cost: each point costs the model and the aligner a few hundred
/// bytes whatever its length (see SECURITY.md).
pub const MAX_ITEMS: usize = 500_000;

/// A draft file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// The pasteable text format: optional front matter, numbered points, `Deferred` sections.
    Text,
    /// JSON with the shape of [`Draft`].
    Json,
    /// TOML with the shape of [`Draft`].
    Toml,
    /// A Word file (`.docx`), read only: its paragraphs with the numbers Word displays, read as
    /// the text format is (see `docs/FORMAT.md`, "Word files"). Needs the `docx` feature.
    Docx,
}

impl Format {
    /// Chooses the format from a file name's extension.
    pub fn from_path(path: &Path) -> Result<Format> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        match ext.as_str() {
            "md" | "markdown" | "txt" | "text" => Ok(Format::Text),
            "json" => Ok(Format::Json),
            "toml" => Ok(Format::Toml),
            "docx" => Ok(Format::Docx),
            _ => Err(Error::new(ErrorKind::UnknownFormat(ext)).with_path(path)),
        }
    }

    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Json => "json",
            Format::Toml => "toml",
            Format::Docx => "docx",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = Error;
    fn from_str(s: &str) -> Result<Format> {
        match s.to_ascii_lowercase().as_str() {
            "text" | "txt" | "md" | "markdown" => Ok(Format::Text),
            "json" => Ok(Format::Json),
            "toml" => Ok(Format::Toml),
            "docx" => Ok(Format::Docx),
            other => Err(Error::new(ErrorKind::UnknownFormat(other.to_string()))),
        }
    }
}

/// Parses a draft from a string in the given format. Errors carry line and column, not a file.
pub fn parse(src: &str, format: Format) -> Result<Draft> {
    match format {
        Format::Text => text::parse_text(src),
        Format::Json => structured::parse_json(src),
        Format::Toml => structured::parse_toml(src),
        Format::Docx => Err(binary()),
    }
}

/// The error for a Word file given as a string: it is a zip, read from bytes.
fn binary() -> Error {
    Error::new(ErrorKind::Docx(
        "a Word file is binary: read it with parse_bytes, load or read_with_limit".to_string(),
    ))
}

/// Reads a draft from bytes in any format, with the reader's warnings; a Word file's parts are each
/// refused past `max_bytes` once decompressed.
fn decode(bytes: &[u8], format: Format, max_bytes: u64) -> Result<Loaded> {
    match format {
        #[cfg(feature = "docx")]
        Format::Docx => docx::read(bytes, max_bytes),
        #[cfg(not(feature = "docx"))]
        Format::Docx => {
            let _ = max_bytes;
            Err(Error::new(ErrorKind::Docx(
                "this build reads no Word files (the `docx` feature is off)".to_string(),
            )))
        }
        _ => parse_with_warnings(decode_utf8(bytes)?, format),
    }
}

/// Parses a draft from a string in the given format, with what the reader repaired or doubts: the
/// text reader reads pasted documents (numbers in other styles, page furniture, words hyphenated
/// across lines; see `docs/FORMAT.md`) and says so in [`Warning`]s; JSON and TOML give none.
///
/// ```
/// use peaceplan::format::{Format, WarningKind, parse_with_warnings};
/// let pasted = "1. All parties cease fire.\n2.The parties ex-\nchange prisoners.\nPage 1 of 2\n3 . Talks.\n";
/// let read = parse_with_warnings(pasted, Format::Text)?;
/// assert_eq!(read.draft.points.len(), 3);
/// assert_eq!(read.draft.points[1].text, "The parties exchange prisoners.");
/// assert!(matches!(read.warnings[0].kind(), WarningKind::OtherNumbering { .. }));
/// assert_eq!(read.warnings.len(), 4);
/// # Ok::<(), peaceplan::Error>(())
/// ```
pub fn parse_with_warnings(src: &str, format: Format) -> Result<Loaded> {
    let (draft, warnings) = match format {
        Format::Text => text::parse_text_warned(src)?,
        Format::Docx => return Err(binary()),
        _ => (parse(src, format)?, Vec::new()),
    };
    Ok(Loaded { draft, warnings })
}

/// Parses a draft from bytes: checks UTF-8 (reporting the line of the first bad byte), then [`parse`].
pub fn parse_bytes(bytes: &[u8], format: Format) -> Result<Draft> {
    match format {
        Format::Docx => decode(bytes, format, DEFAULT_MAX_BYTES).map(|l| l.draft),
        _ => parse(decode_utf8(bytes)?, format),
    }
}

/// Writes a draft in the given format.
pub fn write(draft: &Draft, format: Format) -> Result<String> {
    match format {
        Format::Text => Ok(text::write_text(draft)),
        Format::Json => structured::write_json(draft),
        Format::Toml => structured::write_toml(draft),
        Format::Docx => Err(Error::new(ErrorKind::Write {
            format: "docx",
            source: "peaceplan reads Word files but does not write them".into(),
        })),
    }
}

/// Loads a draft from a file, choosing the format from its extension.
///
/// ```no_run
/// let draft = peaceplan::format::load("examples/data/plan/28-point-plan.md")?;
/// println!("{} points", draft.points.len());
/// # Ok::<(), peaceplan::Error>(())
/// ```
pub fn load(path: impl AsRef<Path>) -> Result<Draft> {
    let path = path.as_ref();
    load_as(path, Format::from_path(path)?)
}

/// Loads a draft from a file in the given format.
pub fn load_as(path: impl AsRef<Path>, format: Format) -> Result<Draft> {
    load_with_limit(path, format, DEFAULT_MAX_BYTES)
}

/// Loads the two drafts of a diff at once (in parallel with the `parallel` feature), each in
/// `format`, or in the format its extension names when `format` is `None`, refusing files larger than
/// `max_bytes`. Returns both results, so that the caller can report the first error.
///
/// ```no_run
/// use peaceplan::format::{load_pair_with_limit, DEFAULT_MAX_BYTES};
/// let (old, new) = load_pair_with_limit("old.md", "new.md", None, DEFAULT_MAX_BYTES);
/// let diff = peaceplan::diff(&old?, &new?);
/// # Ok::<(), peaceplan::Error>(())
/// ```
pub fn load_pair_with_limit(
    old: impl AsRef<Path>,
    new: impl AsRef<Path>,
    format: Option<Format>,
    max_bytes: u64,
) -> (Result<Draft>, Result<Draft>) {
    let (old, new) = load_pair_with_warnings(old, new, format, max_bytes);
    (old.map(|l| l.draft), new.map(|l| l.draft))
}

/// [`load_pair_with_limit`], with each reader's warnings (see [`load_with_warnings`]).
pub fn load_pair_with_warnings(
    old: impl AsRef<Path>,
    new: impl AsRef<Path>,
    format: Option<Format>,
    max_bytes: u64,
) -> (Result<Loaded>, Result<Loaded>) {
    let load = |path: &Path| {
        let format = match format {
            Some(f) => f,
            None => Format::from_path(path)?,
        };
        load_with_warnings(path, format, max_bytes)
    };
    let (old, new) = (old.as_ref(), new.as_ref());
    crate::par::join(|| load(old), || load(new))
}

/// Reads a draft from any reader (standard input, a network stream) in the given format, refusing
/// more than `max_bytes`: the reader is read through the limit, never further. Errors carry no
/// file; give them one with [`Error::with_path`].
///
/// ```
/// use peaceplan::format::{Format, read_with_limit};
/// let d = read_with_limit("1. A ceasefire.\n".as_bytes(), Format::Text, 1000)?;
/// assert_eq!(d.points[0].text, "A ceasefire.");
/// assert!(read_with_limit("1. A ceasefire.\n".as_bytes(), Format::Text, 5).is_err());
/// # Ok::<(), peaceplan::Error>(())
/// ```
pub fn read_with_limit(
    reader: impl std::io::Read,
    format: Format,
    max_bytes: u64,
) -> Result<Draft> {
    read_with_warnings(reader, format, max_bytes).map(|l| l.draft)
}

/// [`read_with_limit`], with the reader's warnings (see [`parse_with_warnings`]).
pub fn read_with_warnings(
    reader: impl std::io::Read,
    format: Format,
    max_bytes: u64,
) -> Result<Loaded> {
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(
        &mut std::io::Read::take(reader, max_bytes.saturating_add(1)),
        &mut bytes,
    )
    .map_err(|e| Error::from(ErrorKind::Io(e)))?;
    if bytes.len() as u64 > max_bytes {
        return Err(ErrorKind::TooLarge {
            size: None,
            limit: max_bytes,
        }
        .into());
    }
    decode(&bytes, format, max_bytes)
}

/// Loads a draft from a file in the given format, refusing files larger than `max_bytes`.
pub fn load_with_limit(path: impl AsRef<Path>, format: Format, max_bytes: u64) -> Result<Draft> {
    load_with_warnings(path, format, max_bytes).map(|l| l.draft)
}

/// [`load_with_limit`], with the reader's warnings (see [`parse_with_warnings`]), each naming the
/// file.
///
/// ```no_run
/// use peaceplan::format::{DEFAULT_MAX_BYTES, Format, load_with_warnings};
/// let read = load_with_warnings("pasted.txt", Format::Text, DEFAULT_MAX_BYTES)?;
/// for w in &read.warnings {
///     eprintln!("warning: {w}"); // "pasted.txt:14: page furniture dropped: \"Page 1 of 3\""
/// }
/// println!("{} points", read.draft.points.len());
/// # Ok::<(), peaceplan::Error>(())
/// ```
pub fn load_with_warnings(
    path: impl AsRef<Path>,
    format: Format,
    max_bytes: u64,
) -> Result<Loaded> {
    let path = path.as_ref();
    let with_path = |e: Error| e.with_path(path);
    let io = |e: std::io::Error| with_path(ErrorKind::Io(e).into());
    let file = std::fs::File::open(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    if meta.is_dir() {
        return Err(io(std::io::Error::other(
            "is a directory, not a draft file",
        )));
    }
    let too_large = |size| {
        with_path(
            ErrorKind::TooLarge {
                size,
                limit: max_bytes,
            }
            .into(),
        )
    };
    // A regular file's size is known before reading; anything else (a pipe, standard input, a
    // device such as /dev/zero) is read through the limit and refused once it passes it.
    if meta.is_file() && meta.len() > max_bytes {
        return Err(too_large(Some(meta.len())));
    }
    let mut bytes = Vec::new();
    if meta.is_file() {
        bytes.reserve_exact(usize::try_from(meta.len()).unwrap_or(0));
    }
    std::io::Read::read_to_end(
        &mut std::io::Read::take(file, max_bytes.saturating_add(1)),
        &mut bytes,
    )
    .map_err(io)?;
    if bytes.len() as u64 > max_bytes {
        // A regular file that grew while it was read has a size; a stream has none.
        return Err(too_large(meta.is_file().then_some(bytes.len() as u64)));
    }
    let mut read = decode(&bytes, format, max_bytes).map_err(with_path)?;
    read.warnings = read
        .warnings
        .into_iter()
        .map(|w| w.with_path(path))
        .collect();
    Ok(read)
}

fn decode_utf8(bytes: &[u8]) -> Result<&str> {
    std::str::from_utf8(bytes).map_err(|e| {
        // Lines as the reader counts them (a lone CR ends one too).
        let good = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
        let (mut line, mut last) = (0, "");
        for l in crate::model::split_lines(good) {
            line += 1;
            last = l;
        }
        Error::at(ErrorKind::InvalidUtf8, line, last.chars().count() + 1)
    })
}

/// Converts a byte offset in `src` into a 1-based line and column (in characters).
pub(crate) fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(src.len());
    while !src.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &src[..offset];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_error_names_line_and_column() {
        let err = parse_bytes(b"1. ok\n2. bad \xff here\n", Format::Text).unwrap_err();
        assert_eq!((err.line(), err.column()), (Some(2), Some(8)));
        assert!(matches!(err.kind(), ErrorKind::InvalidUtf8));
    }

    #[test]
    fn utf8_error_counts_every_line_break() {
        let err = parse_bytes(b"1. A.\r2. B.\r3. C \xff.\r", Format::Text).unwrap_err();
        assert_eq!((err.line(), err.column()), (Some(3), Some(6)));
    }

    #[test]
    fn format_from_extension() {
        assert_eq!(Format::from_path(Path::new("a.MD")).unwrap(), Format::Text);
        assert_eq!(
            Format::from_path(Path::new("a.json")).unwrap(),
            Format::Json
        );
        assert!(Format::from_path(Path::new("a.pdf")).is_err());
    }

    #[test]
    fn line_col_counts_characters() {
        assert_eq!(line_col("ab\nвгд", 7), (2, 3));
    }
}
