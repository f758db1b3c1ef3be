//! Any bytes through the whole text pipeline, as `etl run` takes them:
//! read (decode, format) -> clean -> parse -> enrich -> Parquet + JSON-LD
//! in memory, read back. No panic; every document encodes.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    common::through_the_run("fuzz.txt", bytes);
});
