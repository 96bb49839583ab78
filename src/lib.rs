//! placeholder
pub mod align;
pub mod error;
pub mod format;
pub mod model;
pub mod tokens;
pub use error::{Error, ErrorKind, Result};
