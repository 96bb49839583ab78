//! placeholder
pub mod align;
pub mod diff;
pub mod error;
pub mod format;
pub mod model;
pub mod tokens;
pub use diff::{Change, ChangeKind, PlanDiff, diff, diff_with};
pub use error::{Error, ErrorKind, Result};
