//! The one error type of the crate.
//!
//! Every failure to read or validate a draft is an [`Error`]: an [`ErrorKind`] that says what went wrong,
//! plus where: the file (when the draft came from a file), and the line and column (1-based) when the
//! problem sits at a known place. Its `Display` reads like a compiler message:
//!
//! ```text
//! drafts/geneva.md:3:10: version "1.0" is not a semantic version (unexpected end of input while parsing minor version number); hint: write three numbers, e.g. 1.0.0
//! ```

use std::fmt;
use std::path::{Path, PathBuf};

/// A `Result` whose error is [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What went wrong, without the where. See [`Error`] for the location.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The file could not be read (missing, a directory, no permission, ...).
    #[error("cannot read: {0}")]
    Io(#[source] std::io::Error),
    /// The bytes are not UTF-8.
    #[error("the file is not valid UTF-8")]
    InvalidUtf8,
    /// The input is larger than the configured limit.
    #[error("input {}exceeds the limit of {limit} bytes", size.map(|s| format!("of {s} bytes ")).unwrap_or_default())]
    TooLarge {
        /// Size of the input in bytes, when it is known (a file's; a stream is read only up to the
        /// limit).
        size: Option<u64>,
        /// The limit in bytes.
        limit: u64,
    },
    /// The draft holds more points, deferred items, tags, positions and metadata entries than
    /// [`crate::format::MAX_ITEMS`].
    #[error(
        "more than {limit} points, deferred items, tags, positions and metadata entries in one draft"
    )]
    TooManyItems {
        /// The limit.
        limit: usize,
    },
    /// The front matter opened with `---` but never closed.
    #[error("front matter opened with `---` is never closed")]
    UnclosedFrontMatter,
    /// A front-matter line is not `key: value`.
    #[error("front matter line is not `key: value`: {line:?}")]
    BadFrontMatter {
        /// The offending line.
        line: String,
    },
    /// A metadata key cannot be written as front matter (empty, padded, with a colon or line break,
    /// starting with `#`, or the name of a field of its own such as `title`).
    #[error("metadata key {key:?} is not usable")]
    BadMetaKey {
        /// The key.
        key: String,
    },
    /// A forum name contains a line break.
    #[error("forum name {forum:?} contains a line break")]
    BadForum {
        /// The forum.
        forum: String,
    },
    /// A forum name is longer than [`crate::model::MAX_FORUM_CHARS`].
    #[error("forum name of {chars} characters is longer than the limit of {limit}")]
    ForumTooLong {
        /// Its length in characters.
        chars: usize,
        /// The limit.
        limit: usize,
    },
    /// A key appears twice in the front matter or in one attribute block.
    #[error("key `{key}` is given twice")]
    DuplicateKey {
        /// The repeated key.
        key: String,
    },
    /// The version is not a semantic version.
    #[error("version {value:?} is not a semantic version ({source})")]
    InvalidVersion {
        /// The version as written.
        value: String,
        /// Why `semver` refused it.
        #[source]
        source: semver::Error,
    },
    /// Two points of one draft share a label.
    #[error("point label {label:?} is used twice{}", first_line.map(|l| format!(" (first on line {l})")).unwrap_or_default())]
    DuplicateLabel {
        /// The repeated label.
        label: String,
        /// Line of the first use, when known.
        first_line: Option<usize>,
    },
    /// More proposals than a comparison takes.
    #[error("more than {limit} proposals to compare")]
    TooManyProposals {
        /// The most a comparison takes.
        limit: usize,
    },
    /// Fewer than two proposals to compare (one proposal against its base is a diff).
    #[error("{count} proposal(s) to compare: a comparison takes at least two")]
    TooFewProposals {
        /// How many were given.
        count: usize,
    },
    /// A companion document's id is empty, has a `/`, white space or a control character in it, or
    /// is longer than [`crate::diff::MAX_DOCUMENT_ID`] characters.
    #[error("document id {id:?} cannot qualify labels")]
    BadDocumentId {
        /// The id as given.
        id: String,
    },
    /// Two documents of one side share an id.
    #[error("document id {id:?} is given to two documents")]
    DuplicateDocument {
        /// The repeated id.
        id: String,
    },
    /// Two points of one draft share an id.
    #[error("point id {id:?} is used twice")]
    DuplicateId {
        /// The repeated id.
        id: String,
    },
    /// A point has no text.
    #[error("point {label:?} has no text")]
    EmptyPoint {
        /// Label of the empty point.
        label: String,
    },
    /// A point label is empty or contains whitespace.
    #[error("point label {label:?} is not a valid label")]
    InvalidLabel {
        /// The label as given.
        label: String,
    },
    /// A deferred item has no text.
    #[error("deferred item has no text")]
    EmptyDeferred,
    /// An attribute block `{...}` names a status that peaceplan does not know.
    #[error("unknown status {value:?}")]
    UnknownStatus {
        /// The status as written.
        value: String,
    },
    /// An attribute block `{...}` gives a party a position that peaceplan does not know.
    #[error("unknown position {value:?} for party {party:?}")]
    UnknownPosition {
        /// The party key.
        party: String,
        /// The position as written.
        value: String,
    },
    /// An attribute is not allowed where it was written.
    #[error("attribute `{key}` is not allowed here")]
    BadAttribute {
        /// The attribute key.
        key: String,
    },
    /// The JSON is malformed or has the wrong shape. The message leaves the position out: the
    /// [`Error`] carries it.
    #[error("invalid JSON: {}", crate::error::without_position(&.0.to_string()))]
    Json(#[source] serde_json::Error),
    /// The TOML is malformed or has the wrong shape (the position is the [`Error`]'s).
    #[error("invalid TOML: {}", .0.message())]
    Toml(#[source] toml::de::Error),
    /// The format could not be chosen from the file name.
    #[error(
        "unknown draft format {0:?}: draft files end in .md, .markdown, .txt, .json, .toml or .docx"
    )]
    UnknownFormat(String),
    /// A draft of a history has no version.
    #[error("draft has no version; every draft of a history needs one")]
    MissingVersion,
    /// Two drafts of a history have the same version.
    #[error("version {version} is also the version of {other}")]
    DuplicateVersion {
        /// The shared version.
        version: String,
        /// The other draft (its file, or its name).
        other: String,
    },
    /// A history directory holds no draft files.
    #[error("no draft files (.md, .txt, .json, .toml) with a version found")]
    EmptyHistory,
    /// No draft of the history has this version (or matches this requirement).
    #[error("no draft with version {0}")]
    UnknownVersion(String),
    /// A version or version requirement could not be parsed.
    #[error("{value:?} is not a version or version requirement ({source})")]
    BadVersionArgument {
        /// What was given.
        value: String,
        /// Why it was refused.
        #[source]
        source: semver::Error,
    },
    /// The draft has no point or deferred item with this label.
    #[error("no point or deferred item {label:?} in version {version}")]
    UnknownLabel {
        /// The label asked for.
        label: String,
        /// The version searched.
        version: String,
    },
    /// The reader repaired the input (see [`crate::format::Warning`]) where repairs were refused
    /// (the command's `--strict`).
    #[error("{0} (a repair, refused by strict reading)")]
    Strict(crate::format::WarningKind),
    /// A Word file could not be read: not a zip, no document, XML that is not well-formed, or a
    /// build without the `docx` feature.
    #[error("cannot read the Word file: {0}")]
    Docx(String),
    /// Writing a draft in a format failed.
    #[error("cannot write {format}: {source}")]
    Write {
        /// The format being written.
        format: &'static str,
        /// What went wrong.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
}

/// A message of `serde_json` without its trailing ` at line L column C` (the [`Error`] gives the
/// place).
pub(crate) fn without_position(message: &str) -> &str {
    message
        .rfind(" at line ")
        .map_or(message, |i| &message[..i])
}

impl ErrorKind {
    /// A short hint on how to fix the input, where one helps.
    pub fn hint(&self) -> Option<&'static str> {
        Some(match self {
            ErrorKind::InvalidUtf8 => "save the file as UTF-8",
            ErrorKind::UnclosedFrontMatter => "end the front matter with a line `---`",
            ErrorKind::BadFrontMatter { .. } => "write one `key: value` per line",
            ErrorKind::InvalidVersion { .. } => "write three numbers, e.g. 1.0.0",
            ErrorKind::DuplicateLabel { .. } => {
                "give every point its own label (a deferred item numbered `1.` is labelled 1 too: \
                 list deferred items with bullets `-`, or number them on from the points)"
            }
            ErrorKind::TooManyProposals { .. } => "compare fewer proposals at a time",
            ErrorKind::TooFewProposals { .. } => {
                "name two proposals or more, or diff the one against its base"
            }
            ErrorKind::BadDocumentId { .. } => {
                "give the document an `id:` in its front matter: at most 64 characters, without `/` or spaces"
            }
            ErrorKind::DuplicateDocument { .. } => {
                "give each document its own `id:` in its front matter (or its own file name)"
            }
            ErrorKind::DuplicateId { .. } => "give every point its own id",
            ErrorKind::EmptyPoint { .. } => "write the point's text after its label",
            ErrorKind::UnknownStatus { .. } => "use agreed, open, disputed, proposed or withdrawn",
            ErrorKind::UnknownPosition { .. } => {
                "use accepts, rejects, reserves, proposes or undecided"
            }
            ErrorKind::DuplicateKey { .. } => "give each key once",
            ErrorKind::BadAttribute { key } if key == "from" => {
                "`from` belongs on deferred items, to name the point they came from"
            }
            ErrorKind::UnknownFormat(_) => {
                "name the input format (text, json, toml or docx) or rename the file"
            }
            ErrorKind::MissingVersion => "add `version: 1.0.0` to the front matter",
            ErrorKind::DuplicateVersion { .. } => "give every draft its own version",
            ErrorKind::UnknownLabel { .. } => "deferred items are named D1, D2, ... in order",
            ErrorKind::TooManyItems { .. } => "split the document into drafts of its parts",
            ErrorKind::ForumTooLong { .. } => {
                "name the forum in a few words; say more in the items"
            }
            ErrorKind::Strict(_) => {
                "fix the input, or accept the reader's repairs (without --strict)"
            }
            ErrorKind::InvalidLabel { .. } => {
                "a label has no spaces, invisible or control characters, nor any of { } ; , :"
            }
            _ => return None,
        })
    }
}

/// An error with its location: file, line and column where known. Boxed, so that `Result`s stay small.
#[derive(Debug)]
pub struct Error {
    inner: Box<Inner>,
}

#[derive(Debug)]
struct Inner {
    kind: ErrorKind,
    path: Option<PathBuf>,
    line: Option<usize>,
    column: Option<usize>,
}

impl Error {
    /// An error of `kind` with no location yet.
    pub fn new(kind: ErrorKind) -> Self {
        Error {
            inner: Box::new(Inner {
                kind,
                path: None,
                line: None,
                column: None,
            }),
        }
    }

    /// An error of `kind` at a 1-based `line` and `column`.
    pub fn at(kind: ErrorKind, line: usize, column: usize) -> Self {
        Error::new(kind).with_position(line, column)
    }

    /// Sets the file the error belongs to (kept if one is set already).
    pub fn with_path(mut self, path: impl AsRef<Path>) -> Self {
        if self.inner.path.is_none() {
            self.inner.path = Some(path.as_ref().to_path_buf());
        }
        self
    }

    /// Sets the 1-based line and column (kept if a line is set already).
    pub fn with_position(mut self, line: usize, column: usize) -> Self {
        if self.inner.line.is_none() {
            self.inner.line = Some(line);
            self.inner.column = Some(column);
        }
        self
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.inner.kind
    }

    /// The file, when the input came from one.
    pub fn path(&self) -> Option<&Path> {
        self.inner.path.as_deref()
    }

    /// The 1-based line, when known.
    pub fn line(&self) -> Option<usize> {
        self.inner.line
    }

    /// The 1-based column, when known.
    pub fn column(&self) -> Option<usize> {
        self.inner.column
    }
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Self {
        Error::new(kind)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut prefix = false;
        let Inner {
            kind,
            path,
            line,
            column,
        } = &*self.inner;
        if let Some(path) = path {
            write!(f, "{}", path.display())?;
            prefix = true;
        }
        if let Some(line) = line {
            write!(f, "{}{line}", if prefix { ":" } else { "line " })?;
            if let Some(col) = column {
                write!(f, ":{col}")?;
            }
            prefix = true;
        }
        if prefix {
            f.write_str(": ")?;
        }
        write!(f, "{kind}")?;
        if let Some(hint) = kind.hint() {
            write!(f, "; hint: {hint}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {
    /// The error of the crate that refused the input (I/O, `semver`, `serde_json`, `toml`), when
    /// there is one.
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        std::error::Error::source(&self.inner.kind)
    }
}
