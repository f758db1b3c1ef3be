//! The pipeline stages, in the order they run.

pub mod clean;
pub mod enrich;
pub mod parse;
pub mod read;
