//! placeholder
pub mod error;
pub mod format;
pub mod model;
pub use error::{Error, ErrorKind, Result};
