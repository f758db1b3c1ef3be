//! Parquet: each table's file, its writer properties (ZSTD, statistics,
//! bloom filters on IDs, provenance metadata) and the encoder that turns
//! buffered rows into row groups, on a thread of its own.

use std::fs::File;
use std::sync::{Arc, mpsc};

use anyhow::{Context, Result};
use arrow_array::RecordBatch;
use arrow_schema::SchemaRef;
use parquet::arrow::ArrowWriter;
use parquet::arrow::arrow_writer::{ArrowRowGroupWriterFactory, compute_leaves};
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::metadata::KeyValue;
use parquet::file::properties::{EnabledStatistics, WriterProperties};
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::types::ColumnPath;
use rayon::prelude::*;

use super::WriteOptions;
use super::hashed::Hashed;
use super::schema::{Storage, Table};
use super::tables::TABLES;
use crate::model::Council;

/// One table's Parquet file. A row group's columns are encoded in
/// parallel on the run's rayon pool (what `ArrowWriter` does one column
/// after another): on a re-run from the incremental cache, encoding on one
/// thread was the run's critical path (A100: 1.1 s of a 1.7 s re-run).
pub(super) struct TableWriter {
    file: SerializedFileWriter<Hashed<File>>,
    columns: ArrowRowGroupWriterFactory,
    schema: SchemaRef,
    max_rows: usize,
    pool: Arc<rayon::ThreadPool>,
}

impl TableWriter {
    pub(super) fn create(
        file: File,
        schema: SchemaRef,
        props: WriterProperties,
        pool: Arc<rayon::ThreadPool>,
    ) -> Result<TableWriter> {
        let max_rows = props.max_row_group_row_count().unwrap_or(usize::MAX).max(1);
        // Through `ArrowWriter`, which puts the Arrow schema in the file's
        // metadata, so that readers get the same types back.
        let (file, columns) = ArrowWriter::try_new(Hashed::new(file), schema.clone(), Some(props))?
            .into_serialized_writer()?;
        Ok(TableWriter {
            file,
            columns,
            schema,
            max_rows,
            pool,
        })
    }

    /// Writes `batch` as row groups of at most `[write] row_group_size`
    /// rows (one document can add more rows than that at once).
    pub(super) fn write(&mut self, batch: &RecordBatch) -> parquet::errors::Result<()> {
        let most = self.max_rows;
        for start in (0..batch.num_rows()).step_by(most) {
            let rows = most.min(batch.num_rows() - start);
            self.write_row_group(&batch.slice(start, rows))?;
        }
        Ok(())
    }

    fn write_row_group(&mut self, batch: &RecordBatch) -> parquet::errors::Result<()> {
        let index = self.file.flushed_row_groups().len();
        let writers = self.columns.create_column_writers(index)?;
        let mut leaves = Vec::with_capacity(writers.len());
        for (field, column) in self.schema.fields().iter().zip(batch.columns()) {
            leaves.extend(compute_leaves(field, column)?);
        }
        let chunks = self.pool.install(|| {
            (writers.into_par_iter().zip(leaves))
                .map(|(mut writer, leaf)| {
                    writer.write(&leaf)?;
                    writer.close()
                })
                .collect::<parquet::errors::Result<Vec<_>>>()
        })?;
        let mut row_group = self.file.next_row_group()?;
        for chunk in chunks {
            chunk.append_to_row_group(&mut row_group)?;
        }
        row_group.close()?;
        Ok(())
    }

    /// Writes the footer; gives the file and the rows it holds.
    pub(super) fn finish(self) -> parquet::errors::Result<(Hashed<File>, u64)> {
        let rows = (self.file.flushed_row_groups().iter())
            .map(|group| group.num_rows() as u64)
            .sum();
        Ok((self.file.into_inner()?, rows))
    }
}

/// Encodes row groups into the tables' Parquet files: in line, with one
/// thread, or from a thread of its own (its columns on the pool), so that
/// the writer goes on with the next documents' rows meanwhile. The
/// hand-over waits for the encoder to be free: one row group is encoded
/// while the next is buffered, no more.
pub(super) enum Encoder {
    Inline(Vec<TableWriter>),
    Thread {
        row_groups: mpsc::SyncSender<(usize, RecordBatch)>,
        thread: std::thread::JoinHandle<Result<Vec<TableWriter>>>,
    },
}

impl Encoder {
    pub(super) fn spawn(mut writers: Vec<TableWriter>) -> Result<Encoder> {
        let (row_groups, received) = mpsc::sync_channel::<(usize, RecordBatch)>(0);
        let thread = std::thread::Builder::new()
            .name("etl-encoder".into())
            .spawn(move || {
                for (table, batch) in received {
                    encode(&mut writers[table], table, &batch)?;
                }
                Ok(writers)
            })
            .context("cannot start the Parquet encoder thread")?;
        Ok(Encoder::Thread { row_groups, thread })
    }

    /// After an error the encoder is spent: the dataset is dropped.
    pub(super) fn write(&mut self, table: usize, batch: RecordBatch) -> Result<()> {
        match self {
            Encoder::Inline(writers) => encode(&mut writers[table], table, &batch),
            Encoder::Thread { row_groups, .. } => {
                if row_groups.send((table, batch)).is_ok() {
                    return Ok(());
                }
                // The encoder stopped at an error: report that one.
                let stopped = std::mem::replace(self, Encoder::Inline(Vec::new()));
                Err(stopped
                    .finish()
                    .err()
                    .unwrap_or_else(|| anyhow::anyhow!("the Parquet encoder stopped")))
            }
        }
    }

    /// The writers, every row group handed over so far written.
    pub(super) fn finish(self) -> Result<Vec<TableWriter>> {
        match self {
            Encoder::Inline(writers) => Ok(writers),
            Encoder::Thread { row_groups, thread } => {
                drop(row_groups);
                thread.join().expect("the encoder thread does not panic")
            }
        }
    }
}

fn encode(writer: &mut TableWriter, table: usize, batch: &RecordBatch) -> Result<()> {
    writer
        .write(batch)
        .with_context(|| format!("cannot write {}.parquet", TABLES[table].name))
}

pub(super) fn properties(
    options: &WriteOptions,
    council: &Council,
    table: &Table,
) -> WriterProperties {
    let level = ZstdLevel::try_new(options.zstd_level).unwrap_or_default();
    let metadata = [
        ("council_etl.version", env!("CARGO_PKG_VERSION").to_string()),
        ("council_etl.config_sha256", options.config_digest.clone()),
        ("council_etl.council", council.name.clone()),
        ("council_etl.council_identifier", council.identifier.clone()),
        ("council_etl.licence", council.licence.clone()),
        (
            "council_etl.attribution",
            council.attribution.clone().unwrap_or_default(),
        ),
    ];
    let mut builder = WriterProperties::builder()
        .set_compression(Compression::ZSTD(level))
        .set_created_by(format!("council-etl {}", env!("CARGO_PKG_VERSION")))
        .set_max_row_group_row_count(Some(options.row_group_size))
        .set_statistics_enabled(EnabledStatistics::Page)
        .set_key_value_metadata(Some(
            metadata
                .into_iter()
                .map(|(k, v)| KeyValue::new(k.into(), v))
                .collect(),
        ));
    for c in table.columns {
        let column = ColumnPath::from(c.name);
        if c.storage != Storage::Plain {
            builder = builder.set_column_dictionary_enabled(column.clone(), false);
        }
        if c.storage == Storage::Id {
            // Sized for a full row group (the default, 2^20 values, is a
            // 1 MiB filter per column and row group, filled then folded).
            let most_values = options.row_group_size as u64;
            builder = builder
                .set_column_bloom_filter_enabled(column.clone(), true)
                .set_column_bloom_filter_max_ndv(column, most_values);
        }
    }
    builder.build()
}

/// Fills `decisions.matter_id` in a finished decisions file from the link
/// stage's map, row group by row group (so memory stays one row group),
/// into a new file that replaces it; the new file's checksum. The matters
/// are known only once every document is read, after the decisions were
/// written.
pub(super) fn matter_ids(
    path: &std::path::Path,
    matter_of: &std::collections::HashMap<&str, &str>,
    options: &WriteOptions,
    council: &Council,
) -> Result<super::hashed::Checksum> {
    use arrow_array::cast::AsArray;
    use arrow_array::{ArrayRef, StringArray};
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

    let table = super::tables::table("decisions").expect("a declared table");
    let column = |name: &str| table.columns.iter().position(|c| c.name == name);
    let (id_column, matter_column) = column("decision_id")
        .zip(column("matter_id"))
        .expect("declared columns");
    let source = File::open(path)?;
    let groups = ParquetRecordBatchReaderBuilder::try_new(source.try_clone()?)?
        .metadata()
        .row_groups()
        .iter()
        .map(|g| g.num_rows() as usize)
        .collect::<Vec<_>>();
    let schema = ParquetRecordBatchReaderBuilder::try_new(source.try_clone()?)?
        .schema()
        .clone();
    let new_path = path.with_extension("parquet.matters");
    let out = Hashed::new(File::create(&new_path)?);
    let mut writer = ArrowWriter::try_new(out, schema, Some(properties(options, council, table)))?;
    for (group, rows) in groups.into_iter().enumerate() {
        let reader = ParquetRecordBatchReaderBuilder::try_new(source.try_clone()?)?
            .with_row_groups(vec![group])
            .with_batch_size(rows.max(1))
            .build()?;
        for batch in reader {
            let batch = batch?;
            let ids = batch.column(id_column).as_string::<i32>();
            let matters: StringArray = ids
                .iter()
                .map(|id| id.and_then(|id| matter_of.get(id).copied()))
                .collect();
            let mut columns: Vec<ArrayRef> = batch.columns().to_vec();
            columns[matter_column] = Arc::new(matters);
            writer.write(&RecordBatch::try_new(batch.schema(), columns)?)?;
        }
        writer.flush()?;
    }
    let (file, checksum) = writer.into_inner()?.finish();
    file.sync_all()?;
    std::fs::rename(&new_path, path)?;
    Ok(checksum)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Document;
    use crate::stages::write::rows::Tables;

    /// A write error on the encoder thread (here: a full disk) reaches the
    /// caller, at the next hand-over or at the end, naming the file.
    #[cfg(target_os = "linux")]
    #[test]
    fn an_encoder_error_is_reported_not_lost() {
        let tables = Tables::default();
        let pool = Arc::new(rayon::ThreadPoolBuilder::new().build().unwrap());
        let writers = (tables.builders.iter())
            .map(|b| {
                let full = File::options().write(true).open("/dev/full").unwrap();
                let props = WriterProperties::default();
                TableWriter::create(full, b.schema.clone(), props, pool.clone()).unwrap()
            })
            .collect();
        let mut encoder = Encoder::spawn(writers).unwrap();
        // Over the file's write buffer, so that the row group reaches the disk.
        let reason = "why ".repeat(100_000);
        let mut doc = Document::rejected("a.txt".into(), 1, "ab".repeat(32), reason);
        doc.doc_id = "ab".into();
        let mut tables = Tables::default();
        let mut handed_over = Ok(());
        for _ in 0..3 {
            tables.append(&doc).unwrap();
            handed_over = handed_over.and_then(|()| encoder.write(0, tables.builders[0].finish()));
        }
        let error = handed_over
            .and_then(|()| encoder.finish().map(drop))
            .unwrap_err();
        assert!(
            format!("{error:#}").contains("cannot write source_documents.parquet"),
            "{error:#}"
        );
    }
}
