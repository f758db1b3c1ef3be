//! Helpers shared by the end-to-end test files: run the real binary, read
//! tables back from Parquet.
#![allow(dead_code)] // each test file uses its own subset

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use std::fmt::Write as _;

use arrow_array::{Array, RecordBatch, StringArray};
use arrow_cast::display::{ArrayFormatter, FormatOptions};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

pub fn etl(args: &[&str]) -> Output {
    etl_at(Path::new(env!("CARGO_BIN_EXE_etl")), args)
}

/// `etl` run from the executable at `exe` (a copy, say).
pub fn etl_at(exe: &Path, args: &[&str]) -> Output {
    Command::new(exe)
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        // The catalog's issued/modified times, fixed for reproducible output.
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .output()
        .expect("etl runs")
}

/// `etl run pipeline.toml --input INPUT --out OUT [--threads N]`.
pub fn run_input(input: &Path, out: &Path, threads: Option<&str>) -> Output {
    let threads: Vec<&str> = threads
        .map(|t| ["--threads", t])
        .into_iter()
        .flatten()
        .collect();
    run_with(input, out, &threads)
}

/// `etl run pipeline.toml --input INPUT --out OUT EXTRA...`.
pub fn run_with(input: &Path, out: &Path, extra: &[&str]) -> Output {
    run_at(Path::new(env!("CARGO_BIN_EXE_etl")), input, out, extra)
}

/// [`run_with`] from the executable at `exe`.
pub fn run_at(exe: &Path, input: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "run",
        "pipeline.toml",
        "--input",
        input.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend(extra);
    etl_at(exe, &args)
}

pub fn read(out: &Path, table: &str) -> RecordBatch {
    let file = fs::File::open(out.join(format!("{table}.parquet"))).unwrap();
    let reader = ParquetRecordBatchReaderBuilder::try_new(file)
        .unwrap()
        .build()
        .unwrap();
    let batches: Vec<RecordBatch> = reader.map(|b| b.unwrap()).collect();
    let schema = batches.first().map(|b| b.schema()).unwrap_or_else(|| {
        let file = fs::File::open(out.join(format!("{table}.parquet"))).unwrap();
        ParquetRecordBatchReaderBuilder::try_new(file)
            .unwrap()
            .schema()
            .clone()
    });
    arrow_select_concat(&schema, &batches)
}

fn arrow_select_concat(schema: &arrow_schema::SchemaRef, batches: &[RecordBatch]) -> RecordBatch {
    if batches.len() == 1 {
        return batches[0].clone();
    }
    assert!(batches.is_empty(), "seed tables fit one batch");
    RecordBatch::new_empty(schema.clone())
}

pub fn strings(batch: &RecordBatch, column: &str) -> Vec<Option<String>> {
    let a = batch
        .column_by_name(column)
        .unwrap()
        .as_any()
        .downcast_ref::<StringArray>()
        .unwrap();
    (0..a.len())
        .map(|i| (!a.is_null(i)).then(|| a.value(i).to_string()))
        .collect()
}

/// Rows in a table, however many batches it was written in.
pub fn row_count(out: &Path, table: &str) -> usize {
    let file = fs::File::open(out.join(format!("{table}.parquet"))).unwrap();
    ParquetRecordBatchReaderBuilder::try_new(file)
        .unwrap()
        .metadata()
        .file_metadata()
        .num_rows() as usize
}

/// A dataset's fingerprint: every file's name and SHA-256.
pub fn snapshot(out: &Path) -> Vec<(String, String)> {
    use sha2::{Digest, Sha256};
    let mut files: Vec<_> = fs::read_dir(out)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let hash = Sha256::digest(fs::read(e.path()).unwrap());
            let hex = hash.iter().map(|b| format!("{b:02x}")).collect();
            (e.file_name().to_string_lossy().into_owned(), hex)
        })
        .collect();
    files.sort();
    files
}

/// Every value of a column as display text ("" for null), whatever its type.
pub fn cells(batch: &RecordBatch, column: &str) -> Vec<String> {
    use arrow_cast::display::{ArrayFormatter, FormatOptions};
    let array = batch.column_by_name(column).unwrap();
    let formatter = ArrayFormatter::try_new(array.as_ref(), &FormatOptions::default()).unwrap();
    (0..array.len())
        .map(|i| formatter.value(i).to_string())
        .collect()
}

/// A pipeline.toml in `dir` reading `inputs` (relative to the project),
/// with extra `[council]` and `[read]` lines.
pub fn config(dir: &Path, inputs: &[&str], council: &str, read: &str) -> std::path::PathBuf {
    let root = env!("CARGO_MANIFEST_DIR");
    let inputs: Vec<String> = inputs.iter().map(|i| format!("\"{root}/{i}\"")).collect();
    let path = dir.join("pipeline.toml");
    fs::write(
        &path,
        format!(
            "[council]\nname = \"Test Council\"\nidentifier = \"test\"\nlicence = \"OGL-UK-3.0\"\n{council}\n[read]\ninputs = [{}]\n{read}\n",
            inputs.join(", ")
        ),
    )
    .unwrap();
    path
}

/// A table as text: a header of `name:type` (`?` when nullable), then one
/// line per row, cells separated by tabs; null is `∅`, and tabs, newlines
/// and backslashes inside values are escaped so a row stays one line.
pub fn render(path: &Path) -> String {
    let builder = ParquetRecordBatchReaderBuilder::try_new(fs::File::open(path).unwrap()).unwrap();
    let schema = builder.schema().clone();
    let mut text = String::new();
    let header: Vec<String> = schema
        .fields()
        .iter()
        .map(|f| {
            let null = if f.is_nullable() { "?" } else { "" };
            format!("{}:{}{null}", f.name(), f.data_type())
        })
        .collect();
    text.push_str(&header.join("\t"));
    text.push('\n');
    let options = FormatOptions::default().with_null("∅");
    for batch in builder.build().unwrap() {
        let batch: RecordBatch = batch.unwrap();
        let formatters: Vec<ArrayFormatter> = batch
            .columns()
            .iter()
            .map(|c| ArrayFormatter::try_new(c.as_ref(), &options).unwrap())
            .collect();
        for row in 0..batch.num_rows() {
            for (i, f) in formatters.iter().enumerate() {
                if i > 0 {
                    text.push('\t');
                }
                let cell = f.value(row).to_string();
                let escaped = cell
                    .replace('\\', "\\\\")
                    .replace('\t', "\\t")
                    .replace('\n', "\\n")
                    .replace('\r', "\\r");
                write!(text, "{escaped}").unwrap();
            }
            text.push('\n');
        }
    }
    text
}
