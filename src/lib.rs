//! # peaceplan
//!
//! Track the drafts of a negotiated plan and see, point by point, what changed between them.
//!
//! A plan is a history of [`Draft`]s, each an ordered list of numbered [`Point`]s plus [`Deferred`]
//! items set aside for another forum. [`diff()`] tells which points of one draft became which points of
//! the next: unchanged, reworded (with word-level edits and changed figures), moved, removed, added,
//! merged, split, deferred or reinstated.
//!
//! ```
//! use peaceplan::{ChangeKind, diff, format};
//!
//! let old = format::parse_text(
//!     "---\nversion: 1.0.0\n---\n\
//!      1. Ukraine's armed forces are capped at 600,000 personnel.\n\
//!      2. Russia writes a policy of non-aggression toward Europe and Ukraine into law.\n\
//!      3. The United States and Russia extend the treaties on nuclear arms control.\n\
//!      4. All parties receive a full amnesty for their actions during the war.\n\
//!      5. Crimea, Luhansk and Donetsk are recognised as de facto Russian territory.\n",
//! )?;
//! let new = format::parse_text(
//!     "---\nversion: 2.0.0\n---\n\
//!      1. Ukraine's armed forces are capped at 800,000 personnel in peacetime.\n\
//!      2. Russia writes non-aggression toward Europe and Ukraine into law. The United States and \
//!         Russia extend the treaties on nuclear arms control.\n\
//!      \n## Deferred: presidents' meeting\n- Crimea, Luhansk and Donetsk\n",
//! )?;
//! let d = diff(&old, &new);
//! assert_eq!(d.change_of_old("1").unwrap().kind, ChangeKind::Reworded);
//! assert_eq!(d.change_of_old("1").unwrap().figures.get(0).unwrap().to_string(),
//!            "600,000 personnel -> 800,000 personnel");
//! assert_eq!(d.change_of_new("2").unwrap().kind, ChangeKind::Merged);
//! assert_eq!(d.change_of_old("4").unwrap().kind, ChangeKind::Removed);
//! assert_eq!(d.change_of_old("5").unwrap().kind, ChangeKind::Deferred);
//! assert_eq!(
//!     d.summary().to_string(),
//!     "5 -> 2 points: 1 removed, 2 merged into 1, 1 deferred (presidents' meeting: 1), 1 reworded"
//! );
//! println!("{d}");
//! # Ok::<(), peaceplan::Error>(())
//! ```
//!
//! Modules, in the order data flows through them: [`model`] (the types), [`mod@format`] (text, JSON and
//! TOML readers and writers), [`align`] (which points correspond, from words, stems and figures),
//! [`mod@diff`] (typed changes), [`history`] (lineage, versions, status), [`render`] (text, Markdown,
//! JSON and HTML output).
//!
//! Features: `parallel` (default) spreads the work over the cores with rayon, with byte-identical
//! output; without it (`default-features = false`) everything runs on the calling thread. The
//! `peaceplan` command is a separate crate (`peaceplan-cli`), so none of its dependencies come with
//! the library.
#![warn(missing_docs)]

pub mod align;
pub mod compare;
pub mod diff;
pub mod error;
pub mod format;
mod hash;
pub mod history;
pub mod model;
mod par;
pub mod render;
mod tokens;

pub use align::{AlignOptions, Evidence};
pub use diff::{
    Candidate, Change, ChangeKind, DiffOptions, PlanDiff, PointRef, Side, Summary, TitleChange,
    diff, diff_shared, diff_with,
};
pub use error::{Error, ErrorKind, Result};
pub use format::{Format, load};
pub use model::{Deferred, Draft, Point, Position, Status};

/// The README's Rust examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
