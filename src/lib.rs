//! council-etl: ModernGov council meeting records -> open data.
//!
//! The pipeline is closed and linear, one module per stage:
//!
//! ```text
//! read (bytes -> text, format) -> clean (lines) -> parse (model)
//!     -> enrich (inferred values, IDs) -> write (Parquet, JSON-LD, metadata)
//! ```
//!
//! - [`config`] compiles `pipeline.toml` once into an immutable
//!   [`config::Pipeline`]: `etl validate` and `etl run` share that step.
//! - [`run`] schedules the documents over the stages on rayon, a window of
//!   chunks at a time, and hands them to one writer thread in input order,
//!   so the output bytes do not depend on the thread count.
//! - [`stages`] holds one module per stage; [`model`] is the data they pass
//!   on. A document that cannot be read becomes a `rejected` row with a
//!   reason; it never stops the run.
//! - [`harvest`] and [`synth`] are tools beside the pipeline: download a
//!   council's archive, make a scale corpus for benchmarks.
//!
//! ARCHITECTURE.md has the module map and the data flow.

pub mod config;
pub mod harvest;
pub mod model;
pub mod run;
pub mod stages;
pub mod synth;
