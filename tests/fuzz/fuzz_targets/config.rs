//! Any text as pipeline.toml: load, validate and compile (grammar,
//! gazetteer, taxonomy). No panic; every error names the file, and a
//! position inside the text.
#![no_main]

use std::path::Path;

use council_etl::config::{Overrides, Pipeline};
use libfuzzer_sys::fuzz_target;

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

fuzz_target!(|text: &str| {
    let overrides = Overrides {
        // The fuzzed [read] inputs are checked but not walked.
        inputs: vec![format!("{ROOT}/seeds")],
        ..Overrides::default()
    };
    if let Err(errors) = Pipeline::compile(text, "pipeline.toml", Path::new(ROOT), &overrides) {
        let lines = text.split('\n').count();
        for error in errors.0 {
            assert!(!error.message.is_empty());
            if let Some((line, _)) = error.position {
                assert!(
                    line >= 1 && line <= lines,
                    "{line} of {lines}: {}",
                    error.message
                );
            }
        }
    }
});
