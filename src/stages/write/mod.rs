//! write: the dataset directory, assembled aside and swapped in whole.
//!
//! All tables are written into a temporary sibling of the output directory
//! (`.<name>.tmp-<pid>`); only when every file is closed and synced is it
//! swapped into place (atomically, on Linux). A failed or killed run
//! therefore leaves the previous dataset as it was; leftovers of such runs
//! are removed by the next run.

mod csv;
pub mod delta;
pub mod hashed;
pub mod jsonld;
mod landing;
pub mod metadata;
mod parquet;
pub mod rows;
pub mod schema;
mod swap;
pub mod tables;
pub mod vocabulary;
mod walk;

use std::fs::{self, File};
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{Context, Result};
use arrow_array::RecordBatch;
use rayon::prelude::*;

use self::parquet::{Encoder, TableWriter, matter_ids, properties};
use crate::model::{Council, Document};
use crate::stages::link::{LinkOptions, Linker};
use hashed::{Checksum, Written};
use jsonld::GraphWriter;
use landing::Summary;
use metadata::{CATALOG_FILE, Coverage, DATAPACKAGE_FILE, JSONLD_FILE, LANDING_PAGE_FILE};
use rows::Tables;
use swap::{parent_dir, remove_stale_staging, sibling, swap_in};
use tables::TABLES;

/// What `[write]` sets, and the digest of the configuration that made the
/// data, stamped into every Parquet file's metadata.
#[derive(Debug, Clone)]
pub struct WriteOptions {
    pub out_dir: PathBuf,
    pub row_group_size: usize,
    pub zstd_level: i32,
    /// A CSV file beside each Parquet table, for spreadsheet users.
    pub csv: bool,
    pub publication: Publication,
    /// `[link]`: what the link stage follows across documents.
    pub link: LinkOptions,
    pub config_digest: String,
    /// `[write] format = "delta"`: where the Delta tables are, and this
    /// run's shard; `None`: single files in `out_dir`.
    pub delta: Option<delta::DeltaTarget>,
}

impl WriteOptions {
    /// The local path a run's lock, incremental cache and staging
    /// directory are named after: the output directory, or in a Delta
    /// dataset (which runs of other councils and shards write at the same
    /// time) a name of the council's and shard's own beside it.
    pub fn local_target(&self, council_id: &str) -> PathBuf {
        let Some(target) = &self.delta else {
            return self.out_dir.clone();
        };
        let name = (self.out_dir.file_name())
            .map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned());
        let mut name = format!("{name}.{}", delta::partition_dir(council_id));
        if let Some(shard) = target.shard {
            name += &format!(".shard-{}of{}", shard.index, shard.count);
        }
        self.out_dir.with_file_name(name)
    }

    /// Where the dataset goes, as the user named it.
    pub fn place(&self) -> String {
        match &self.delta {
            Some(target) if target.url.scheme() != "file" => target.url.to_string(),
            _ => self.out_dir.display().to_string(),
        }
    }
}

/// `[publish]`: what the catalog and the landing page say beyond the
/// data itself.
#[derive(Debug, Clone)]
pub struct Publication {
    /// Who publishes the dataset; `None`: the council.
    pub publisher: Option<String>,
    /// EU data-theme codes ("GOVE").
    pub themes: Vec<String>,
    /// EU language codes of the pages ("ENG", "CYM").
    pub languages: Vec<String>,
    /// A team or service to ask about the dataset: never a person's
    /// address (outputs carry no personal contact data).
    pub contact: Option<Contact>,
}

#[derive(Debug, Clone)]
pub struct Contact {
    pub name: String,
    /// A contact page.
    pub url: String,
}

/// An output dataset being written.
pub struct Dataset {
    target: PathBuf,
    staging: PathBuf,
    /// Where the graph and metadata files are written: `staging`, or the
    /// council's directory in a Delta dataset.
    meta_dir: PathBuf,
    /// Each table's file: as the catalog names it (relative to
    /// `meta_dir`), and its path.
    table_files: Vec<(String, PathBuf)>,
    /// Delta output: the data files' schemas (no partition column) and
    /// this run's part-file name.
    delta: Option<(Vec<arrow_schema::SchemaRef>, String)>,
    tables: Tables,
    /// `None` once committed.
    encoder: Option<Encoder>,
    graph: Option<GraphWriter>,
    summary: Summary,
    /// People and matters across the run's documents; `None` once
    /// committed.
    linker: Option<Linker>,
    options: WriteOptions,
    council: Council,
    /// [`BUFFERED_BYTES`]; smaller in tests.
    budget: usize,
    /// The run's workers, which encode row groups and close the files.
    pool: Arc<rayon::ThreadPool>,
}

/// Text buffered per table before its rows become a row group: bounds
/// memory whatever the documents hold (with `[write] row_group_size`).
const ROW_GROUP_TEXT_BYTES: usize = 4 << 20;

/// Bytes buffered over all tables together before the largest is written
/// out. Without it every table filled to its own limit on long runs: A at
/// 1 GB peaked at 162-166 MiB against 102 MiB at 100 MB, where most tables
/// never fill (with it: 136 and 82 MiB, `benches/run.sh --big`).
const BUFFERED_BYTES: usize = 16 << 20;

/// The table to write out when the tables together buffer more than
/// `budget` bytes: the (first) one holding most.
fn over_budget(buffered: impl Iterator<Item = usize>, budget: usize) -> Option<usize> {
    let (mut total, mut largest) = (0, None);
    for (table, bytes) in buffered.enumerate() {
        total += bytes;
        if largest.is_none_or(|(_, most)| bytes > most) {
            largest = Some((table, bytes));
        }
    }
    largest.filter(|_| total > budget).map(|(table, _)| table)
}

impl Dataset {
    /// `pool` encodes the tables' row groups (see [`TableWriter`]); with
    /// `inline`, the writing thread encodes them itself (a run of one
    /// thread in all).
    pub fn create(
        options: &WriteOptions,
        council: &Council,
        inline: bool,
        pool: Arc<rayon::ThreadPool>,
    ) -> Result<Dataset> {
        let target = options.local_target(&council.identifier);
        let parent = parent_dir(&target);
        fs::create_dir_all(&parent).with_context(|| {
            format!(
                "cannot create the output's parent directory {}",
                parent.display()
            )
        })?;
        remove_stale_staging(&target);
        let staging = sibling(&target, &format!("tmp-{}", std::process::id()));
        if staging.exists() {
            fs::remove_dir_all(&staging)
                .with_context(|| format!("cannot clear {}", staging.display()))?;
        }
        fs::create_dir(&staging).with_context(|| format!("cannot create {}", staging.display()))?;
        let tables = Tables::default();
        // A Delta dataset's staging is laid out as its root is.
        let delta = (options.delta.as_ref())
            .map(|target| delta::part_name(target.shard, &options.config_digest));
        let partition = delta::partition_dir(&council.identifier);
        let meta_dir = match &delta {
            Some(_) => staging.join("councils").join(&partition),
            None => staging.clone(),
        };
        fs::create_dir_all(&meta_dir)
            .with_context(|| format!("cannot create {}", meta_dir.display()))?;
        let mut writers = Vec::new();
        let (mut table_files, mut data_schemas) = (Vec::new(), Vec::new());
        for builder in &tables.builders {
            let (name, path, schema) = match &delta {
                Some(part) => {
                    let dir = staging.join(builder.table.name).join(&partition);
                    fs::create_dir_all(&dir)
                        .with_context(|| format!("cannot create {}", dir.display()))?;
                    let name = format!("../../{}/{partition}/{part}", builder.table.name);
                    (name, dir.join(part), delta::data_schema(builder.table))
                }
                None => {
                    let name = format!("{}.parquet", builder.table.name);
                    (name.clone(), staging.join(name), builder.schema.clone())
                }
            };
            let file =
                File::create(&path).with_context(|| format!("cannot create {}", path.display()))?;
            let props = properties(options, council, builder.table);
            writers.push(TableWriter::create(
                file,
                schema.clone(),
                props,
                Arc::clone(&pool),
            )?);
            table_files.push((name, path));
            data_schemas.push(schema);
        }
        let graph = GraphWriter::create(&meta_dir.join(graph_file(options)), council)?;
        let encoder = if inline {
            Encoder::Inline(writers)
        } else {
            Encoder::spawn(writers)?
        };
        Ok(Dataset {
            target,
            staging,
            meta_dir,
            table_files,
            delta: delta.map(|part| (data_schemas, part)),
            tables,
            encoder: Some(encoder),
            graph: Some(graph),
            summary: Summary::default(),
            linker: Some(Linker::new(&options.link)),
            options: options.clone(),
            council: council.clone(),
            budget: BUFFERED_BYTES,
            pool,
        })
    }

    /// Adds one document's rows and its JSON-LD ([`jsonld::fragment`]);
    /// flushes tables that reached a row group.
    pub fn append(&mut self, doc: &Document, graph: &jsonld::Fragment) -> Result<()> {
        self.tables.append(doc).map_err(anyhow::Error::msg)?;
        if let Some(writer) = &mut self.graph {
            writer
                .append(graph)
                .context("cannot write the JSON-LD graph")?;
        }
        self.summary.add(doc);
        if let Some(linker) = &mut self.linker {
            linker.add(doc);
        }
        self.flush()
    }

    fn flush(&mut self) -> Result<()> {
        for table in 0..self.tables.builders.len() {
            let builder = &self.tables.builders[table];
            if builder.rows() >= self.options.row_group_size
                || builder.text_bytes() >= ROW_GROUP_TEXT_BYTES
            {
                self.write_row_group(table)?;
            }
        }
        loop {
            let buffered = (self.tables.builders.iter()).map(|builder| builder.buffered_bytes());
            match over_budget(buffered, self.budget) {
                Some(table) => self.write_row_group(table)?,
                None => return Ok(()),
            }
        }
    }

    /// The rows buffered for one table as a row group, written out.
    fn write_row_group(&mut self, table: usize) -> Result<()> {
        let batch = self.data_batch(table)?;
        match &mut self.encoder {
            Some(encoder) => encoder.write(table, batch),
            None => unreachable!("a committed dataset takes no rows"),
        }
    }

    /// The rows buffered for one table, as its files hold them.
    fn data_batch(&mut self, table: usize) -> Result<RecordBatch> {
        let batch = self.tables.builders[table].finish();
        match &self.delta {
            Some((schemas, _)) => delta::data_batch(&batch, &schemas[table]),
            None => Ok(batch),
        }
    }

    /// Closes every table and swaps the new dataset in place of the old.
    /// The files are finished and synced in parallel, on the pool: this is
    /// the run's tail, when no parser is left to keep the cores busy. Not
    /// to be called on the pool: it waits for the encoder thread, which
    /// may be waiting for the pool.
    pub fn commit(mut self) -> Result<PathBuf> {
        let linker = self.linker.take().expect("committed once");
        // A shard sees part of the documents: what only all of them can
        // tell (people, matters) is linked by `etl link` from every
        // shard's part, kept beside the tables.
        let shard = self.options.delta.as_ref().and_then(|target| target.shard);
        // Delta: the files besides the tables to put under the root.
        let mut uploads = Vec::new();
        let linked = match shard {
            Some(shard) => {
                let id = &self.council.identifier;
                let file = delta::link_part(id, shard, &self.options.config_digest);
                let path = self.staging.join(&file);
                fs::create_dir_all(path.parent().expect("a directory"))?;
                let bytes = postcard::to_stdvec(&linker).context("cannot encode the link")?;
                fs::write(&path, bytes).with_context(|| format!("cannot write {file}"))?;
                uploads.push(file);
                None
            }
            None => Some(linker.finish(&self.council.identifier)),
        };
        if let Some(linked) = &linked {
            (self.tables)
                .append_linked(linked, &self.council.identifier)
                .map_err(anyhow::Error::msg)?;
            if let Some(graph) = &mut self.graph {
                graph
                    .append_linked(linked)
                    .context("cannot write the JSON-LD graph")?;
            }
        }
        let matter_of = linked.as_ref().map(|l| l.matter_of()).unwrap_or_default();
        let last: Vec<Option<RecordBatch>> = (0..self.tables.builders.len())
            .map(|table| {
                (self.tables.builders[table].rows() > 0)
                    .then(|| self.data_batch(table))
                    .transpose()
            })
            .collect::<Result<_>>()?;
        let encoder = self.encoder.take().expect("committed once");
        let writers = encoder.finish()?;
        let graph = self.graph.take();
        let close_graph = || -> Result<Option<Checksum>> {
            let Some(graph) = graph else { return Ok(None) };
            let (file, checksum) = graph.finish()?;
            file.sync_all()?;
            Ok(Some(checksum))
        };
        let csv = self.options.csv;
        let (options, council) = (&self.options, &self.council);
        // Each table's Parquet file, then its CSV copy made from it.
        let close_tables = || {
            (writers
                .into_par_iter()
                .zip(last)
                .zip(&self.table_files)
                .zip(TABLES))
            .map(|(((mut writer, batch), (file, path)), table)| {
                if let Some(batch) = batch {
                    writer
                        .write(&batch)
                        .with_context(|| format!("cannot write {file}"))?;
                }
                let (out, rows) = writer
                    .finish()
                    .with_context(|| format!("cannot close {file}"))?;
                let (out, mut checksum) = out.finish();
                out.sync_all()?;
                if table.name == "decisions" && !matter_of.is_empty() {
                    checksum = matter_ids(path, &matter_of, options, council)
                        .with_context(|| format!("cannot add matter IDs to {file}"))?;
                }
                let mut written = vec![Written::table(file.clone(), checksum, rows)];
                if csv {
                    let name = format!("{}.csv", table.name);
                    let checksum = csv::from_parquet(path, &self.meta_dir.join(&name))?;
                    written.push(Written::table(name, checksum, rows));
                }
                Ok(written)
            })
            .collect::<Result<Vec<Vec<Written>>>>()
        };
        let (graph, tables) = self.pool.install(|| rayon::join(close_graph, close_tables));
        let (graph, tables) = (graph?, tables?);
        if let Some(target) = &self.options.delta {
            let (_, part) = self.delta.as_ref().expect("a Delta layout");
            let parts = (tables.iter().zip(&self.table_files).zip(TABLES))
                .map(|((written, (_, path)), table)| delta::StagedPart {
                    table,
                    file: (written[0].rows)
                        .filter(|rows| *rows > 0)
                        .map(|rows| (path.clone(), rows)),
                    dates: if table.name == "meetings" {
                        self.summary.coverage
                    } else {
                        Coverage::default()
                    },
                })
                .collect();
            let graph_file = self.meta_dir.join(graph_file(&self.options));
            let graph_file = graph_file.strip_prefix(&self.staging).expect("in staging");
            let graph_file = graph_file.to_string_lossy().into_owned();
            uploads.push(graph_file.clone());
            delta::publish(
                &self.staging,
                target,
                &self.council.identifier,
                part,
                parts,
                &uploads,
            )?;
            // A shard's catalog would describe part of the council: `etl
            // link` writes it once every shard is in.
            if shard.is_none() {
                let mut known: Vec<Written> = (tables.into_iter().flatten())
                    .map(|w| Written {
                        file: w.file.trim_start_matches("../../").to_string(),
                        ..w
                    })
                    .collect();
                known.extend(graph.map(|checksum| Written::file(&graph_file, checksum)));
                delta::catalogs(&self.options, target, &self.council, &known)?;
            }
            fs::remove_dir_all(&self.staging)
                .with_context(|| format!("cannot remove {}", self.staging.display()))?;
            return Ok(self.target.clone());
        }
        // The catalog lists the graph, the data package, then the tables
        // (Parquet, then CSV).
        let mut files = Vec::new();
        if let Some(checksum) = graph {
            files.push(Written::file(JSONLD_FILE, checksum));
        }
        let package = metadata::datapackage(&self.council, csv);
        let checksum = metadata::write_json(&self.meta_dir.join(DATAPACKAGE_FILE), &package)?;
        files.push(Written::file(DATAPACKAGE_FILE, checksum));
        let (parquet, csvs): (Vec<_>, Vec<_>) =
            (tables.into_iter().flatten()).partition(|written| written.file.ends_with(".parquet"));
        files.extend(parquet.into_iter().chain(csvs));
        // The page and the catalog describe the finished files, so they
        // come last.
        let page = landing::render(
            &self.council,
            &self.options.publication,
            &self.summary,
            &files,
        );
        fs::write(self.meta_dir.join(LANDING_PAGE_FILE), page)
            .with_context(|| format!("cannot write {LANDING_PAGE_FILE}"))?;
        let catalog = metadata::catalog(
            &self.council,
            &self.options.publication,
            &files,
            self.summary.coverage,
            None,
        )?;
        metadata::write_json(&self.meta_dir.join(CATALOG_FILE), &catalog)?;
        swap_in(&self.staging, &self.target)?;
        Ok(self.target.clone())
    }
}

/// The JSON-LD graph's file name: a shard's is its own part of the
/// council's graph.
fn graph_file(options: &WriteOptions) -> String {
    match options.delta.as_ref().and_then(|target| target.shard) {
        Some(shard) => format!("dataset-{}of{}.jsonld", shard.index, shard.count),
        None => JSONLD_FILE.to_string(),
    }
}

/// One document's files, in memory.
pub struct Encoded {
    /// (table name, Parquet file) for each table with rows.
    pub tables: Vec<(&'static str, Vec<u8>)>,
    pub graph: Vec<u8>,
}

/// One document's Parquet tables and JSON-LD graph, encoded in memory with
/// the run's schemas and writer properties: for the property tests and
/// fuzz targets, which check that whatever the input, the files load back.
pub fn encode_in_memory(
    doc: &Document,
    options: &WriteOptions,
    council: &Council,
) -> Result<Encoded> {
    let mut tables = Tables::default();
    tables.append(doc).map_err(anyhow::Error::msg)?;
    let mut files = Vec::new();
    for builder in &mut tables.builders {
        if builder.rows() == 0 {
            continue;
        }
        let props = properties(options, council, builder.table);
        let batch = builder.finish();
        let mut writer =
            ::parquet::arrow::ArrowWriter::try_new(Vec::new(), batch.schema(), Some(props))?;
        writer.write(&batch)?;
        files.push((builder.table.name, writer.into_inner()?));
    }
    let mut graph = GraphWriter::new(Vec::new(), council)?;
    graph.append(&jsonld::fragment(doc))?;
    Ok(Encoded {
        tables: files,
        graph: graph.finish()?.0,
    })
}

impl Drop for Dataset {
    /// A dataset dropped before `commit` succeeded (an error) leaves no
    /// staging behind; after it, there is none left to remove.
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.staging);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AgendaItem, Meeting, PageType, ParseStatus};
    use std::path::Path;

    #[test]
    fn the_largest_table_goes_out_once_all_together_are_over_budget() {
        assert_eq!(over_budget([3, 4, 2].into_iter(), 9), None);
        assert_eq!(over_budget([3, 5, 2].into_iter(), 9), Some(1));
        assert_eq!(over_budget([0, 0, 12].into_iter(), 9), Some(2));
        assert_eq!(
            over_budget([6, 6].into_iter(), 9),
            Some(0),
            "ties: the first"
        );
        assert_eq!(over_budget(std::iter::empty(), 0), None);
    }

    /// Many short rows in one table, under its row-count limit and far
    /// under its text limit: only the budget cuts its row groups.
    #[test]
    fn buffered_rows_stay_within_the_budget() {
        let dir = tempfile::tempdir().unwrap();
        let mut dataset = dataset(dir.path(), 1_000_000);
        dataset.budget = 1 << 20;
        let mut most = 0;
        for n in 0..500 {
            let doc = meeting_page(n, 60);
            let graph = jsonld::fragment(&doc);
            dataset.append(&doc, &graph).unwrap();
            let buffered = (dataset.tables.builders.iter())
                .map(|builder| builder.buffered_bytes())
                .sum::<usize>();
            assert!(buffered <= dataset.budget, "{buffered} bytes buffered");
            most = most.max(buffered);
        }
        assert!(most > dataset.budget * 9 / 10, "{most}");
        let out = dataset.commit().unwrap();
        let row_groups = item_row_groups(&out);
        assert!(row_groups.len() > 1, "30 000 rows in one row group");
        assert_eq!(row_groups.iter().sum::<i64>(), 30_000);
    }

    /// One document can add more rows than `[write] row_group_size` at
    /// once; its rows are still cut into row groups of at most that many.
    #[test]
    fn no_row_group_holds_more_than_row_group_size_rows() {
        let dir = tempfile::tempdir().unwrap();
        let mut dataset = dataset(dir.path(), 10);
        for (n, items) in [(0, 25), (1, 3)] {
            let doc = meeting_page(n, items);
            dataset.append(&doc, &jsonld::fragment(&doc)).unwrap();
        }
        let out = dataset.commit().unwrap();
        assert_eq!(item_row_groups(&out), [10, 10, 5, 3]);
    }

    /// A dataset written under `dir` with `[write] row_group_size`.
    fn dataset(dir: &Path, row_group_size: usize) -> Dataset {
        let write = format!("out_dir = \"out\"\nrow_group_size = {row_group_size}\n");
        let pipeline = crate::config::for_tests(dir, &write);
        let pool = Arc::new(rayon::ThreadPoolBuilder::new().build().unwrap());
        Dataset::create(
            &pipeline.write,
            &pipeline.council,
            pipeline.threads == 1,
            pool,
        )
        .unwrap()
    }

    /// Document `n`: a meeting page with `items` short agenda items.
    fn meeting_page(n: u32, items: u32) -> Document {
        let id = format!("{n:016x}");
        let mut doc = Document::rejected(format!("{n}.txt"), 1, id.repeat(4), String::new());
        (doc.doc_id, doc.page_type, doc.status) =
            (id.clone(), PageType::Meeting, ParseStatus::Parsed);
        let items = (0..items).map(|position| AgendaItem {
            item_id: format!("{id}{position}"),
            position,
            minutes_text: Some("Noted.".into()),
            ..Default::default()
        });
        let items = items.collect();
        doc.meetings.push(Meeting {
            meeting_id: id,
            items,
            ..Default::default()
        });
        doc
    }

    /// The row count of each row group of `agenda_items.parquet`.
    fn item_row_groups(out: &Path) -> Vec<i64> {
        use ::parquet::file::reader::{FileReader, SerializedFileReader};
        let file = File::open(out.join("agenda_items.parquet")).unwrap();
        let reader = SerializedFileReader::new(file).unwrap();
        reader
            .metadata()
            .row_groups()
            .iter()
            .map(|g| g.num_rows())
            .collect()
    }
}
