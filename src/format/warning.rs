//! What a reader repaired or doubted: returned beside the draft, never silent.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::model::Draft;

/// A repair the reader made, or a doubt it has, at a line of the input: a point started by its
/// number in another style, page furniture dropped, a hyphenated word rejoined, numbers that jump.
/// Its `Display` reads like an error's: `draft.md:12: ...`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    path: Option<PathBuf>,
    line: usize,
    kind: WarningKind,
}

/// What a [`Warning`] is about.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum WarningKind {
    /// A line starting with the next point's number in a style the format does not use (`2.All`,
    /// `3 . Each`, `(4)`, `Article 5`) was read as the start of that point.
    OtherNumbering {
        /// The point's label.
        label: String,
        /// The line's start as written, up to the point's text (`Article 5`).
        marker: String,
    },
    /// A line of page furniture (a page number, a running header or footer) was dropped.
    PageFurniture {
        /// The line dropped.
        line: String,
    },
    /// A word hyphenated across a line break was rejoined.
    HyphenRejoined {
        /// The word as the two lines had it, `nego-tiations`.
        broken: String,
        /// The word as read, `negotiations`.
        word: String,
    },
    /// A word hyphenated at a line's end was joined with the hyphen kept, as a compound: its halves
    /// are words of the draft, or the first follows a hyphen (`all-for-all`), is a prefix written
    /// with one (`self-defence`) or ends in a digit (`30-day`), or the second starts with a capital
    /// or digit (`Russia-Ukraine`).
    HyphenKept {
        /// The word as read, `all-for-all`'s last part `for-all`.
        word: String,
    },
    /// A line that reads like a deferred heading (`Deferred: presidents' meeting`) without `#` was
    /// read as one.
    DeferredHeading {
        /// The heading's text.
        text: String,
    },
    /// Text after a heading that opens no deferred list, outside any point, was not read (warned
    /// once per section, at its first line).
    IgnoredText {
        /// The section's first line not read.
        text: String,
    },
    /// A line in a deferred list started the body's next point, in the body's numbering style
    /// (`Article 3 :` after `Article 2 :` and a list set aside): the list was read as ended there.
    DeferredListEnded {
        /// The point's label.
        label: String,
    },
    /// A heading that starts with the next point's number (`## 3. Frozen assets`) was read as that
    /// point.
    NumberedHeading {
        /// The point's label.
        label: String,
    },
    /// The draft has text but no point or deferred item: no line starts with a point's number.
    NoPoints {
        /// The first line of text not read.
        text: String,
    },
    /// A point's number skips numbers: point 5 after point 2.
    NumberJump {
        /// The point's label.
        label: String,
        /// The label of the point before it.
        previous: String,
    },
    /// A point's number is lower than the one before it: point 4 after point 5.
    NumberBackwards {
        /// The point's label.
        label: String,
        /// The label of the point before it.
        previous: String,
    },
    /// More warnings than a draft keeps (a thousand): how many more there were.
    More {
        /// Warnings not kept.
        count: usize,
    },
    /// A Word file's tracked changes were read as accepted: insertions kept, deletions left out.
    TrackedChanges {
        /// Insertions kept.
        insertions: usize,
        /// Deletions left out.
        deletions: usize,
        /// Changes of formatting (numbering, hidden text, ...) kept.
        formatting: usize,
    },
}

impl Warning {
    /// A warning at a 1-based line.
    pub fn new(line: usize, kind: WarningKind) -> Warning {
        Warning {
            path: None,
            line,
            kind,
        }
    }

    /// Sets the file the warning belongs to (kept if one is set already).
    pub fn with_path(mut self, path: impl AsRef<Path>) -> Warning {
        if self.path.is_none() {
            self.path = Some(path.as_ref().to_path_buf());
        }
        self
    }

    /// The warning as an error ([`crate::ErrorKind::Strict`]), for callers that refuse repaired
    /// input.
    pub fn into_error(self) -> crate::Error {
        let e = crate::Error::at(crate::ErrorKind::Strict(self.kind), self.line, 1);
        match self.path {
            Some(p) => e.with_path(p),
            None => e,
        }
    }

    /// The 1-based line (of the input; for a Word file, its paragraph).
    pub fn line(&self) -> usize {
        self.line
    }

    /// What the warning is about.
    pub fn kind(&self) -> &WarningKind {
        &self.kind
    }

    /// The file, when the input came from one.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }
}

impl fmt::Display for WarningKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WarningKind::OtherNumbering { label, marker } => {
                write!(f, "point {label} started by its number written `{marker}`")
            }
            WarningKind::PageFurniture { line } => {
                write!(f, "page furniture dropped: {line:?}")
            }
            WarningKind::HyphenRejoined { broken, word } => {
                write!(
                    f,
                    "hyphenated line break rejoined: `{broken}` read as `{word}`"
                )
            }
            WarningKind::HyphenKept { word } => {
                write!(
                    f,
                    "hyphen at a line's end kept: `{word}` (read as a compound)"
                )
            }
            WarningKind::DeferredHeading { text } => {
                write!(f, "read as a deferred heading (no `#`): {text:?}")
            }
            WarningKind::IgnoredText { text } => {
                write!(
                    f,
                    "text outside any point not read (after a heading that opens no deferred list; \
                     a deferred heading starts with Deferred, Відкладено, Отложено, Reporté or \
                     Différé): {text:?}"
                )
            }
            WarningKind::DeferredListEnded { label } => {
                write!(
                    f,
                    "point {label} read as the body's next point: the deferred list above it ends here"
                )
            }
            WarningKind::NumberedHeading { label } => {
                write!(
                    f,
                    "a heading numbered as the next point read as point {label}"
                )
            }
            WarningKind::NoPoints { text } => {
                write!(
                    f,
                    "no point read: no line starts with a point's number (`1.`, `Point 1:`, \
                     `Article 1`); the text from here was not read: {text:?}"
                )
            }
            WarningKind::NumberJump { label, previous } => {
                write!(f, "point {label} follows point {previous}: numbers skipped")
            }
            WarningKind::NumberBackwards { label, previous } => {
                write!(
                    f,
                    "point {label} follows point {previous}: numbers go backwards"
                )
            }
            WarningKind::More { count } => write!(f, "and {count} more warnings"),
            WarningKind::TrackedChanges {
                insertions,
                deletions,
                formatting,
            } => {
                let n = |k: usize, one: &str| format!("{k} {one}{}", if k == 1 { "" } else { "s" });
                write!(
                    f,
                    "tracked changes read as accepted ({} kept, {} left out",
                    n(*insertions, "insertion"),
                    n(*deletions, "deletion")
                )?;
                match formatting {
                    0 => {}
                    1 => f.write_str(", 1 change of formatting kept")?,
                    k => write!(f, ", {k} changes of formatting kept")?,
                }
                f.write_str(")")
            }
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.path {
            Some(p) => write!(f, "{}:{}: {}", p.display(), self.line, self.kind),
            None => write!(f, "line {}: {}", self.line, self.kind),
        }
    }
}

/// A draft and the warnings its reader gave.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Loaded {
    /// The draft read.
    pub draft: Draft,
    /// What the reader repaired or doubts, in the order of the input.
    pub warnings: Vec<Warning>,
}

impl Loaded {
    /// The draft, or an error for the first warning: for callers that accept only input read without
    /// repairs (the command's `--strict`).
    ///
    /// ```
    /// use peaceplan::format::{Format, parse_with_warnings};
    /// let clean = parse_with_warnings("1. A ceasefire.\n2. Talks.\n", Format::Text)?;
    /// assert!(clean.strict().is_ok());
    /// let pasted = parse_with_warnings("1. A ceasefire.\n2.Talks.\n", Format::Text)?;
    /// assert_eq!(pasted.draft.points.len(), 2);
    /// assert!(pasted.strict().is_err());
    /// # Ok::<(), peaceplan::Error>(())
    /// ```
    pub fn strict(self) -> crate::Result<Draft> {
        match self.warnings.into_iter().next() {
            None => Ok(self.draft),
            Some(w) => Err(w.into_error()),
        }
    }
}
