//! What the targets share: the project's own pipeline.toml, compiled once
//! per process (not per input), and the check that a document's rows and
//! graph encode into files that load back.
#![allow(dead_code)] // each target uses its own subset

use std::path::Path;
use std::sync::LazyLock;

use council_etl::config::{Overrides, Pipeline};
use council_etl::model::Document;
use council_etl::run::Shared;
use council_etl::stages::write::{Encoded, encode_in_memory};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

pub static PIPELINE: LazyLock<Pipeline> = LazyLock::new(|| {
    let overrides = Overrides {
        // Not the file's globs: what a fuzzed config names is not walked.
        inputs: vec![format!("{ROOT}/seeds")],
        ..Overrides::default()
    };
    Pipeline::load(&Path::new(ROOT).join("pipeline.toml"), &overrides)
        .unwrap_or_else(|e| panic!("pipeline.toml: {e}"))
});

pub static SHARED: LazyLock<Shared<'static>> = LazyLock::new(|| Shared::new(&PIPELINE));

/// `bytes` as the run takes a file named `name`, down to its files.
pub fn through_the_run(name: &str, bytes: &[u8]) {
    let doc = council_etl::run::process_bytes(name.into(), bytes, "00".repeat(32), &SHARED);
    check_written(&doc);
}

/// Every table with rows reads back with its rows, and the graph is JSON.
fn check_written(doc: &Document) {
    let Encoded { tables, graph } =
        encode_in_memory(doc, &PIPELINE.write, &PIPELINE.council).expect("a document encodes");
    for (name, file) in tables {
        let reader = ParquetRecordBatchReaderBuilder::try_new(bytes::Bytes::from(file))
            .unwrap_or_else(|e| panic!("{name}.parquet opens: {e}"))
            .build()
            .unwrap();
        let rows: usize = reader.map(|b| b.expect("row group reads").num_rows()).sum();
        assert!(rows > 0, "{name}.parquet has its rows");
    }
    serde_json::from_slice::<serde_json::Value>(&graph).expect("the graph is JSON");
}
