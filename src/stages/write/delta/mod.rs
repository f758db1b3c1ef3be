//! Delta Lake output (`[write] format = "delta"`): every table a Delta
//! table partitioned by `council_id`, under one root that many runs share
//! (one per council, or one per shard of a council).
//!
//! The run writes its files into a local staging directory laid out as the
//! root is (`<table>/council_id=<id>/part-….parquet`, and the council's
//! JSON-LD and metadata in `councils/<id>/`), then publishes them: each
//! part file is uploaded, then each table gets one commit that adds the
//! run's part and removes the parts it replaces (the council's previous
//! ones; for a shard, those of its own earlier runs and of other jobs).
//! Other councils' files are never touched, a reader sees each table
//! before or after its commit, and a run that dies before committing adds
//! nothing. A commit that loses a race (another council, another shard)
//! is redone on the table's new state.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result, anyhow, bail};
use arrow_array::RecordBatch;
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use deltalake_core::kernel::transaction::{CommitBuilder, CommitProperties, TransactionError};
use deltalake_core::kernel::{
    Action, Add, DataType as DeltaType, PrimitiveType, StructField, StructType,
};
use deltalake_core::logstore::object_store::ObjectStoreExt;
use deltalake_core::logstore::object_store::path::Path as StorePath;
use deltalake_core::operations::create::CreateBuilder;
use deltalake_core::protocol::{DeltaOperation, SaveMode};
use deltalake_core::{DeltaTable, DeltaTableBuilder, DeltaTableError};
use sha2::{Digest, Sha256};
use url::Url;

mod council;
mod store;

pub use council::{catalogs, commit_linked};
pub use store::{fetch, local_url, remote_url, work_dir};
use store::{runtime, store_at, upload};

use super::metadata::{CATALOG_FILE, Coverage, json_text};
use super::schema::{Table, Type};
use super::tables::TABLES;
use crate::config::Shard;
use crate::model::hex;

/// How the dataset is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One directory of single files, swapped in whole.
    Files,
    /// Delta Lake tables partitioned by council.
    Delta,
}

impl Format {
    pub fn parse(text: &str) -> Result<Format, String> {
        match text.trim() {
            "files" => Ok(Format::Files),
            "delta" => Ok(Format::Delta),
            other => Err(format!(
                "unknown format {other:?}: \"files\" (single Parquet files) or \"delta\" (Delta Lake tables partitioned by council)"
            )),
        }
    }
}

/// Where and how a Delta dataset is written.
#[derive(Debug, Clone)]
pub struct DeltaTarget {
    /// The dataset's root: `file://` for a local directory, or `s3://`,
    /// `gs://`, `az://` (credentials, endpoint and region from the usual
    /// environment variables).
    pub url: Url,
    pub shard: Option<Shard>,
    /// Part files a commit replaced are deleted once they are this many
    /// hours old (readers of an older version may still need them); 0:
    /// never.
    pub vacuum_hours: u32,
}

/// The partition column of every table.
pub const PARTITION: &str = "council_id";

/// Table property naming the table and the schema council-etl wrote it
/// with: a table without it, or with another, is refused, never
/// overwritten.
const SCHEMA_PROPERTY: &str = "council_etl.schema";

/// Tables uploaded and committed at once.
const TABLES_AT_ONCE: usize = 4;

/// Commits tried before a run gives up on a table another writer keeps
/// changing.
const ATTEMPTS: u32 = 12;

/// The name of this run's part files: unique to the run, and for a shard
/// naming its job (the configuration and shard count) and index, which
/// decide what its commit replaces ([`replaces`]).
pub fn part_name(shard: Option<Shard>, config_digest: &str) -> String {
    let run = run_id();
    match shard {
        None => format!("part-{run}.parquet"),
        Some(shard) => format!(
            "part-{}-{}of{}-{run}.parquet",
            job(config_digest, shard.count),
            shard.index,
            shard.count
        ),
    }
}

fn now_millis() -> i64 {
    let now = SystemTime::now().duration_since(UNIX_EPOCH);
    now.unwrap_or_default().as_millis() as i64
}

/// What sets this run's part files apart from every other run's.
fn run_id() -> String {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    format!("{:x}{:05x}", now.as_nanos(), std::process::id())
}

/// A part's name with this run's ID in place of the run that wrote it:
/// the same job and shard, so it replaces what that part replaced.
fn renamed(part: &str) -> String {
    let stem = part.strip_suffix(".parquet").unwrap_or(part);
    let head = stem.rsplit_once('-').map_or(stem, |(head, _)| head);
    format!("{head}-{}.parquet", run_id())
}

/// Where a shard keeps its part of the link (the people and decisions its
/// documents hold, for `etl link` to link over all shards), relative to
/// the dataset's root.
pub fn link_part(council_id: &str, shard: Shard, config_digest: &str) -> String {
    format!(
        "_link/{}/{}-{}of{}.postcard",
        partition_dir(council_id),
        job(config_digest, shard.count),
        shard.index,
        shard.count
    )
}

/// The job a shard belongs to: shards of one configuration split N ways.
fn job(config_digest: &str, count: u32) -> String {
    let digest = Sha256::digest(format!("{config_digest}/{count}"));
    hex(&digest[..6])
}

/// Whether a commit writing part `ours` removes the council's existing
/// part `theirs`: a whole run replaces every part; shard K of a job
/// replaces all but the other shards' parts of the same job.
fn replaces(ours: &str, theirs: &str) -> bool {
    fn shard_of(name: &str) -> Option<(&str, &str)> {
        let mut fields = name.strip_prefix("part-")?.splitn(3, '-');
        let (job, shard, _run) = (fields.next()?, fields.next()?, fields.next()?);
        shard.contains("of").then_some((job, shard))
    }
    match (shard_of(ours), shard_of(theirs)) {
        (Some((job, shard)), Some((their_job, their_shard))) => {
            job != their_job || shard == their_shard
        }
        _ => true,
    }
}

/// The partition directory of a council: `council_id=<id>`, the value
/// escaped as Hive-style partition paths are.
pub fn partition_dir(council_id: &str) -> String {
    let mut dir = format!("{PARTITION}=");
    for byte in council_id.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.".contains(&byte) {
            dir.push(byte as char);
        } else {
            dir.push_str(&format!("%{byte:02X}"));
        }
    }
    dir
}

/// The columns of a table's data files: all but the partition column
/// (its value is the partition's), times as ISO 8601 text (Delta has no
/// time-of-day type).
pub fn data_schema(table: &Table) -> SchemaRef {
    let fields: Vec<Field> = (table.columns.iter())
        .filter(|c| c.name != PARTITION)
        .map(|c| {
            let ty = match c.ty {
                Type::Time => DataType::Utf8,
                other => other.data_type(),
            };
            Field::new(c.name, ty, c.nullable)
        })
        .collect();
    Arc::new(Schema::new(fields))
}

/// A batch of a table's rows as its data files hold them.
pub fn data_batch(batch: &RecordBatch, schema: &SchemaRef) -> Result<RecordBatch> {
    let mut columns = Vec::with_capacity(schema.fields().len());
    for field in schema.fields() {
        let column = batch
            .column_by_name(field.name())
            .ok_or_else(|| anyhow!("no column {} in the rows", field.name()))?;
        columns.push(if column.data_type() == field.data_type() {
            Arc::clone(column)
        } else {
            arrow_cast::cast(column, field.data_type())?
        });
    }
    Ok(RecordBatch::try_new(Arc::clone(schema), columns)?)
}

/// The Delta schema of a table: its data columns, then the partition.
fn delta_fields(table: &Table) -> Vec<StructField> {
    let data = data_schema(table);
    let mut fields: Vec<StructField> = (data.fields().iter())
        .map(|f| {
            let ty = match f.data_type() {
                DataType::Utf8 => PrimitiveType::String,
                DataType::Int32 => PrimitiveType::Integer,
                DataType::Int64 => PrimitiveType::Long,
                DataType::Boolean => PrimitiveType::Boolean,
                DataType::Date32 => PrimitiveType::Date,
                DataType::Float64 => PrimitiveType::Double,
                DataType::Decimal128(precision, scale) => {
                    PrimitiveType::decimal(*precision, *scale as u8).expect("a valid decimal")
                }
                other => unreachable!("no column is {other}"),
            };
            StructField::new(f.name(), DeltaType::Primitive(ty), f.is_nullable())
        })
        .collect();
    fields.push(StructField::new(PARTITION, DeltaType::STRING, false));
    fields
}

/// What [`SCHEMA_PROPERTY`] holds for a table: its name and a digest of
/// its Delta schema.
fn schema_stamp(table: &Table) -> String {
    let schema = StructType::try_new(delta_fields(table)).expect("unique column names");
    let json = serde_json::to_string(&schema).expect("a schema serialises");
    format!("{}/{}", table.name, hex(&Sha256::digest(json)[..8]))
}

/// A table's part file written by this run, in the staging directory.
pub struct StagedPart {
    pub table: &'static Table,
    /// `None`: the run has no rows for this table (its commit only
    /// removes what it replaces).
    pub file: Option<(PathBuf, u64)>,
    /// The span of the part's meeting dates (meetings only): kept as the
    /// part's Delta statistics, where readers skip files by date and the
    /// council's catalog finds the span of every shard's parts.
    pub dates: Coverage,
}

/// The Delta statistics of a part: its row count and, when it has
/// meeting dates, their span.
fn part_stats(rows: u64, dates: Coverage) -> String {
    let mut stats = serde_json::json!({ "numRecords": rows });
    if let (Some(first), Some(last)) = (dates.first, dates.last) {
        stats["minValues"] = serde_json::json!({ DATE_COLUMN: first.to_string() });
        stats["maxValues"] = serde_json::json!({ DATE_COLUMN: last.to_string() });
    }
    stats.to_string()
}

/// The meetings table's date column, whose span the parts' statistics
/// hold.
pub const DATE_COLUMN: &str = "start_date";

/// The span of meeting dates in a part's Delta statistics, as
/// [`part_stats`] writes them.
pub fn stats_dates(stats: &str) -> Coverage {
    let stats: serde_json::Value = serde_json::from_str(stats).unwrap_or_default();
    let date = |key: &str| {
        stats[key][DATE_COLUMN]
            .as_str()
            .and_then(|d| d.parse::<chrono::NaiveDate>().ok())
    };
    Coverage {
        first: date("minValues"),
        last: date("maxValues"),
    }
}

/// Uploads the staged parts and the council's metadata files, and commits
/// each table. `files` are the other staged files, relative to `staging`.
pub fn publish(
    staging: &Path,
    target: &DeltaTarget,
    council_id: &str,
    part: &str,
    parts: Vec<StagedPart>,
    files: &[String],
) -> Result<()> {
    runtime()?.block_on(async {
        // A few tables at once: uploads wait on the network, and each
        // holds its buffers (all 20 at once: +60 MiB peak RSS at 1 GB).
        use futures::stream::{StreamExt, TryStreamExt};
        futures::stream::iter(&parts)
            .map(|staged| publish_table(target, council_id, part, staged))
            .buffer_unordered(TABLES_AT_ONCE)
            .try_collect::<Vec<()>>()
            .await?;
        // The council's graph and metadata describe the committed tables,
        // so they come last.
        let (store, root) = store_at(&target.url)?;
        for file in files {
            let to = StorePath::from(format!("{root}/{file}").trim_start_matches('/'));
            let local = target.url.to_file_path().ok().map(|root| root.join(file));
            upload(store.as_ref(), &staging.join(file), &to, local)
                .await
                .with_context(|| format!("cannot upload {file} to {}", target.url))?;
        }
        Ok(())
    })
}

/// Rewrites every part of a council's partition of `table`: each is
/// downloaded into `work`, changed in place by `rewrite`, uploaded under
/// a new name of the same job and shard, and swapped for the old one in
/// one commit. Returns how many parts were rewritten.
pub fn rewrite_parts(
    target: &DeltaTarget,
    council_id: &str,
    table: &'static Table,
    work: &Path,
    rewrite: impl Fn(&Path) -> Result<()>,
) -> Result<usize> {
    runtime()?.block_on(async {
        let url = target.url.join(&format!("{}/", table.name))?;
        let delta = open_or_create(&url, table).await?;
        let store = delta.object_store();
        let partition = partition_dir(council_id);
        let prefix = format!("{partition}/");
        let snapshot = delta.snapshot()?;
        let mut actions = Vec::new();
        for file in snapshot.log_data().into_iter() {
            let path = file.path().to_string();
            let Some(name) = path.strip_prefix(&prefix) else {
                continue;
            };
            let local = work.join(name);
            let bytes = store
                .get(&StorePath::from(path.as_str()))
                .await?
                .bytes()
                .await?;
            tokio::fs::write(&local, &bytes).await?;
            rewrite(&local).with_context(|| format!("cannot rewrite {path} of {url}"))?;
            let new = format!("{prefix}{}", renamed(name));
            let to = StorePath::from(new.as_str());
            let local_to = url.to_file_path().ok().map(|root| root.join(&new));
            let size = upload(store.as_ref(), &local, &to, local_to).await?;
            actions.push(Action::Remove(file.remove_action(true)));
            actions.push(Action::Add(Add {
                path: new,
                partition_values: file.partition_values_map(),
                size: size as i64,
                modification_time: now_millis(),
                data_change: true,
                stats: file.stats(),
                ..Default::default()
            }));
        }
        let rewritten = actions.len() / 2;
        if rewritten > 0 {
            let operation = replace_partition(council_id);
            committing()
                .with_actions(actions)
                .with_max_retries(ATTEMPTS as usize)
                .build(Some(snapshot), delta.log_store(), operation)
                .await
                .with_context(|| {
                    format!(
                        "cannot commit {url}: another run changed it meanwhile; run etl link again"
                    )
                })?;
        }
        Ok(rewritten)
    })
}

/// One table: open it (or create it), upload the part, commit.
async fn publish_table(
    target: &DeltaTarget,
    council_id: &str,
    part: &str,
    staged: &StagedPart,
) -> Result<()> {
    let table = staged.table;
    let url = target
        .url
        .join(&format!("{}/", table.name))
        .context("a table URL")?;
    let mut delta = open_or_create(&url, table).await?;
    let partition = partition_dir(council_id);
    let add = match &staged.file {
        Some((file, rows)) => {
            let path = format!("{partition}/{part}");
            let to = StorePath::from(path.as_str());
            let local = url.to_file_path().ok().map(|root| root.join(&path));
            let size = upload(delta.object_store().as_ref(), file, &to, local)
                .await
                .with_context(|| format!("cannot upload {} to {url}", table.name))?;
            Some(Add {
                path,
                partition_values: HashMap::from([(PARTITION.into(), Some(council_id.into()))]),
                size: size as i64,
                modification_time: now_millis(),
                data_change: true,
                stats: Some(part_stats(*rows, staged.dates)),
                ..Default::default()
            })
        }
        None => None,
    };
    let operation = replace_partition(council_id);
    let prefix = format!("{partition}/");
    for attempt in 1..=ATTEMPTS {
        let snapshot = delta.snapshot()?;
        let mut actions: Vec<Action> = (snapshot.log_data().into_iter())
            .filter(|file| {
                let path = file.path();
                path.strip_prefix(&prefix)
                    .is_some_and(|name| !name.contains('/') && replaces(part, name))
            })
            .map(|file| Action::Remove(file.remove_action(true)))
            .collect();
        actions.extend(add.clone().map(Action::Add));
        if actions.is_empty() {
            return Ok(());
        }
        let committed = committing()
            .with_actions(actions)
            // Not delta-rs's own retries: they let a commit through past
            // another run's part of the same partition (a blind append to
            // it), and both would stay. Here the parts to replace are
            // listed again from the new version.
            .with_max_retries(0)
            .build(Some(snapshot), delta.log_store(), operation.clone())
            .await;
        match committed {
            Ok(commit) => {
                // The data is committed; a failed clean-up is for a later
                // run to finish, not a failed run.
                if vacuum_due(commit.version(), target.vacuum_hours)
                    && let Err(e) = vacuum(&mut delta, target.vacuum_hours).await
                {
                    eprintln!("etl: warning: cannot vacuum {url}: {e:#}");
                }
                return Ok(());
            }
            Err(e) if lost_race(&e) && attempt < ATTEMPTS => {
                // Backs off, longer each time and apart for each writer.
                let jitter = u64::from(std::process::id() % 17) * u64::from(attempt);
                let wait = 10 * u64::from(attempt) * u64::from(attempt) + jitter;
                tokio::time::sleep(Duration::from_millis(wait)).await;
                delta.update_state().await?;
            }
            Err(e) => {
                return Err(anyhow!(e)).with_context(|| {
                    format!("cannot commit {} to {url} (attempt {attempt})", table.name)
                });
            }
        }
    }
    bail!(
        "cannot commit {} to {url}: other writers kept changing it ({ATTEMPTS} attempts)",
        table.name
    )
}

/// Whether the commit that made `version` of a table also vacuums it:
/// with the checkpoints, every [`CHECKPOINT_INTERVAL`] versions (a vacuum
/// lists every file of the table, all councils'; one per run of each
/// council would list them thousands of times a day).
fn vacuum_due(version: u64, hours: u32) -> bool {
    hours > 0 && version.is_multiple_of(CHECKPOINT_INTERVAL)
}

/// Deletes the part files commits removed more than `hours` ago, and
/// parts that no commit names (a run that died after its upload) once
/// they are as old.
async fn vacuum(delta: &mut DeltaTable, hours: u32) -> Result<()> {
    delta.update_state().await?;
    let retention = chrono::Duration::hours(i64::from(hours));
    delta
        .clone()
        .vacuum()
        .with_mode(deltalake_core::operations::vacuum::VacuumMode::Full)
        .with_retention_period(retention)
        .with_enforce_retention_duration(false)
        .await?;
    Ok(())
}

/// What a commit replacing (part of) a council's partition says it did.
fn replace_partition(council_id: &str) -> DeltaOperation {
    DeltaOperation::Write {
        mode: SaveMode::Overwrite,
        partition_by: Some(vec![PARTITION.into()]),
        predicate: Some(format!(
            "{PARTITION} = '{}'",
            council_id.replace('\'', "''")
        )),
    }
}

/// A commit that leaves a checkpoint every [`CHECKPOINT_INTERVAL`]
/// versions: without one, opening a table replays every commit since it
/// was made, one more for each run of each council.
fn committing() -> CommitBuilder {
    CommitBuilder::from(CommitProperties::default().with_create_checkpoint(true))
}

/// Versions between checkpoints: a table takes a commit per run of each
/// council, so a few hundred councils make thousands.
const CHECKPOINT_INTERVAL: u64 = 10;

/// A commit that failed because another writer committed first.
fn lost_race(error: &DeltaTableError) -> bool {
    matches!(
        error,
        DeltaTableError::VersionAlreadyExists(_)
            | DeltaTableError::Transaction {
                source: TransactionError::CommitConflict(_)
                    | TransactionError::MaxCommitAttempts(_)
                    | TransactionError::VersionAlreadyExists(_)
            }
    )
}

/// The table at `url`, created when there is none; refused if another
/// tool or another schema made it.
async fn open_or_create(url: &Url, table: &Table) -> Result<DeltaTable> {
    let stamp = schema_stamp(table);
    let interval = CHECKPOINT_INTERVAL.to_string();
    if let Ok(dir) = url.to_file_path() {
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("cannot create {}", dir.display()))?;
    }
    for _ in 0..ATTEMPTS {
        let mut delta = DeltaTableBuilder::from_url(url.clone())?.build()?;
        let exists = (delta.verify_deltatable_existence().await)
            .with_context(|| format!("cannot read {url}"))?;
        if exists {
            delta
                .load()
                .await
                .with_context(|| format!("cannot open {url}"))?;
            let config = delta.snapshot()?.metadata().configuration();
            return match config.get(SCHEMA_PROPERTY) {
                Some(found) if *found == stamp => Ok(delta),
                Some(found) => bail!(
                    "the Delta table {url} holds {found}, written with another schema than this etl's {stamp}; refusing to write into it: write to a new output, or move the old table away"
                ),
                None => bail!(
                    "{url} is a Delta table that council-etl did not write (no {SCHEMA_PROPERTY} property); refusing to write into it"
                ),
            };
        }
        let created = CreateBuilder::new()
            .with_location(url.as_str())
            .with_table_name(table.name)
            .with_comment(table.doc)
            .with_columns(delta_fields(table))
            .with_partition_columns([PARTITION])
            .with_configuration([
                (SCHEMA_PROPERTY, Some(stamp.as_str())),
                ("delta.checkpointInterval", Some(interval.as_str())),
            ])
            .with_raise_if_key_not_exists(false)
            .with_save_mode(SaveMode::ErrorIfExists)
            .await;
        match created {
            Ok(delta) => return Ok(delta),
            Err(e) => {
                // Another run created it first: open theirs, next time round.
                let table = DeltaTableBuilder::from_url(url.clone())?.build()?;
                if !table.verify_deltatable_existence().await.unwrap_or(false) {
                    return Err(anyhow!(e)).with_context(|| format!("cannot create {url}"));
                }
            }
        }
    }
    bail!("cannot open or create the Delta table {url}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_parts_meeting_dates_go_through_its_statistics() {
        let day = |d: &str| d.parse::<chrono::NaiveDate>().ok();
        let dates = Coverage {
            first: day("2021-03-04"),
            last: day("2022-11-30"),
        };
        let stats = part_stats(7, dates);
        let parsed: serde_json::Value = serde_json::from_str(&stats).unwrap();
        assert_eq!(parsed["numRecords"], 7);
        let back = stats_dates(&stats);
        assert_eq!((back.first, back.last), (dates.first, dates.last));
        // No dates, no span; statistics of another table or tool, none.
        let none = stats_dates(&part_stats(3, Coverage::default()));
        assert_eq!((none.first, none.last), (None, None));
        assert_eq!(stats_dates("{\"numRecords\":1}").first, None);
        assert_eq!(stats_dates("not json").first, None);
    }

    #[test]
    fn a_whole_run_replaces_every_part_a_shard_only_its_own_and_other_jobs() {
        let whole = "part-18a2b3c400001.parquet";
        let shard_1 = "part-abcdef012345-1of4-18a2b3c400002.parquet";
        let shard_2 = "part-abcdef012345-2of4-18a2b3c400003.parquet";
        let other_job = "part-999999999999-2of2-18a2b3c400004.parquet";
        assert!(replaces(whole, shard_1) && replaces(whole, whole));
        assert!(replaces(shard_1, whole), "a whole run's parts");
        assert!(replaces(shard_1, shard_1), "its own earlier part");
        assert!(!replaces(shard_1, shard_2), "another shard of its job");
        assert!(replaces(shard_1, other_job), "another job's");
    }

    #[test]
    fn part_names_say_the_job_and_shard() {
        let shard = Some(Shard { index: 3, count: 8 });
        let name = part_name(shard, "digest");
        assert!(name.starts_with(&format!("part-{}-3of8-", job("digest", 8))));
        assert_ne!(job("digest", 8), job("digest", 4));
        assert!(part_name(None, "digest").starts_with("part-"));
        assert_ne!(part_name(None, "d"), part_name(None, "d"), "unique per run");
    }

    #[test]
    fn partition_values_are_escaped_in_paths() {
        assert_eq!(partition_dir("E10000034"), "council_id=E10000034");
        assert_eq!(partition_dir("a b/c"), "council_id=a%20b%2Fc");
    }

    #[test]
    fn only_object_storage_urls_are_remote() {
        assert_eq!(remote_url("out").unwrap(), None);
        assert_eq!(remote_url("/data/out").unwrap(), None);
        let url = remote_url("s3://bucket/prefix").unwrap().unwrap();
        assert_eq!(url.host_str(), Some("bucket"));
        assert_eq!(
            url.join("meetings/").unwrap().as_str(),
            "s3://bucket/prefix/meetings/"
        );
        assert!(remote_url("http://example.com/x").is_err());
        assert!(remote_url("s3:///nobucket").is_err());
    }

    #[test]
    fn data_files_hold_no_partition_column_and_times_as_text() {
        for table in super::super::tables::TABLES {
            let schema = data_schema(table);
            assert!(schema.field_with_name(PARTITION).is_err(), "{}", table.name);
            assert!(
                (schema.fields().iter()).all(|f| !matches!(f.data_type(), DataType::Time64(_))),
                "{}",
                table.name
            );
            assert_eq!(delta_fields(table).last().unwrap().name(), PARTITION);
        }
    }
}
