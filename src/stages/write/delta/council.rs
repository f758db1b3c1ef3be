//! What a council's Delta run does once its tables are staged or
//! committed: the council's and the root's catalogs, and `etl link`'s
//! commit of what the link stage found over all shards of a job.

use std::fs::{self, File};
use std::path::Path;

use anyhow::{Context, Result, bail};

use deltalake_core::DeltaTableBuilder;
use deltalake_core::kernel::Version;
use deltalake_core::logstore::object_store::ObjectStoreExt;
use deltalake_core::logstore::object_store::path::Path as StorePath;

use super::store::{list, put, runtime, store_at};
use super::{
    ATTEMPTS, CATALOG_FILE, DeltaTarget, StagedPart, TABLES, TABLES_AT_ONCE, data_batch,
    data_schema, json_text, open_or_create, part_name, partition_dir, publish, rewrite_parts,
    stats_dates,
};
use crate::model::Council;
use crate::stages::link::{self, Linked};
use crate::stages::write::hashed::Written;
use crate::stages::write::jsonld::GraphWriter;
use crate::stages::write::metadata::{self, Coverage};
use crate::stages::write::parquet::{matter_ids, properties};
use crate::stages::write::rows::Tables;
use crate::stages::write::swap::sibling;
use crate::stages::write::{WriteOptions, tables};

/// A Delta dataset's catalogs, once a council's tables are committed: the
/// council's, of every file it holds now (`known`: the checksums of those
/// this run wrote), and with `[publish] publisher` the root's, of every
/// council's.
pub fn catalogs(
    options: &WriteOptions,
    target: &DeltaTarget,
    council: &Council,
    known: &[Written],
) -> Result<()> {
    let id = &council.identifier;
    let dir = format!("councils/{}/", partition_dir(id));
    let publication = &options.publication;
    let root = |councils: &[serde_json::Value]| {
        metadata::root_catalog(publication, &council.base_iri, councils)
    };
    if publication.publisher.is_none() {
        eprintln!(
            "etl: note: no {CATALOG_FILE} at the dataset's root, only in {dir}: [publish] publisher names who publishes a dataset of many councils"
        );
    }
    let root: Option<RootCatalog> = publication.publisher.is_some().then_some(&root);
    // Another run of this council (another machine) may commit while this
    // one lists its files: the catalog is written again until the files it
    // lists are still the council's once it is written.
    // A version check lists each table's log; only when a table moved
    // are the files listed again and compared.
    let names = |files: &[Written]| files.iter().map(|f| f.file.clone()).collect::<Vec<_>>();
    let (mut files, mut versions, mut dates) = council_files(target, id, known)?;
    for _ in 0..3 {
        let catalog = metadata::catalog(council, publication, &files, dates, Some(&dir))?;
        publish_catalogs(target, id, &catalog, root)?;
        if !changed_since(target, &versions)? {
            return Ok(());
        }
        let (now, now_versions, now_dates) = council_files(target, id, known)?;
        if names(&now) == names(&files) {
            return Ok(());
        }
        (files, versions, dates) = (now, now_versions, now_dates);
    }
    bail!("cannot write {dir}{CATALOG_FILE}: other runs of the council kept committing; run again")
}

/// Every file of a council in the dataset, as the tables' current
/// versions and the council's directory hold them: each table's parts
/// (with their rows), then the council's JSON-LD files. `known` gives the
/// checksums of the files this run wrote. Also returns the versions read,
/// for [`changed_since`], and the span of the council's meeting dates, from
/// its meetings parts' statistics (every shard's, after a sharded job).
pub fn council_files(
    target: &DeltaTarget,
    council_id: &str,
    known: &[Written],
) -> Result<(Vec<Written>, Vec<Version>, Coverage)> {
    let partition = partition_dir(council_id);
    let checksum = |file: &str| {
        (known.iter())
            .find(|w| w.file == file)
            .and_then(|w| w.sha256.clone())
    };
    runtime()?.block_on(async {
        use futures::stream::{StreamExt, TryStreamExt};
        let tables: Vec<(Vec<Written>, Version, Coverage)> = futures::stream::iter(TABLES)
            .map(|table| async {
                let url = target.url.join(&format!("{}/", table.name))?;
                let delta = open_or_create(&url, table).await?;
                let version = delta.version().unwrap_or(0);
                let mut dates = Coverage::default();
                let mut files: Vec<Written> = (delta.snapshot()?.log_data().into_iter())
                    .filter(|file| file.path().starts_with(&format!("{partition}/")))
                    .map(|file| {
                        if table.name == "meetings" {
                            let span = stats_dates(&file.stats().unwrap_or_default());
                            dates.extend(span);
                        }
                        let path = format!("{}/{}", table.name, file.path());
                        Written {
                            sha256: checksum(&path),
                            file: path,
                            bytes: file.size() as u64,
                            rows: file.num_records().map(|n| n as u64),
                        }
                    })
                    .collect();
                files.sort_by(|a, b| a.file.cmp(&b.file));
                anyhow::Ok((files, version, dates))
            })
            .buffered(TABLES_AT_ONCE)
            .try_collect()
            .await?;
        let mut files = Vec::new();
        let mut versions = Vec::new();
        let mut dates = Coverage::default();
        for (table_files, version, span) in tables {
            files.extend(table_files);
            versions.push(version);
            dates.extend(span);
        }
        let dir = format!("councils/{partition}");
        for found in list(&target.url, &dir).await? {
            if found.name.ends_with(".jsonld") && found.name != CATALOG_FILE {
                let file = format!("{dir}/{}", found.name);
                files.push(Written {
                    sha256: checksum(&file),
                    file,
                    bytes: found.bytes,
                    rows: None,
                });
            }
        }
        Ok((files, versions, dates))
    })
}

/// Has any table been committed to since [`council_files`] read these
/// versions? A listing of each table's log from its version on: no log
/// is replayed.
pub fn changed_since(target: &DeltaTarget, versions: &[Version]) -> Result<bool> {
    runtime()?.block_on(async {
        use futures::stream::{StreamExt, TryStreamExt};
        let latest: Vec<Version> = futures::stream::iter(TABLES.iter().zip(versions))
            .map(|(table, &version)| async move {
                let url = target.url.join(&format!("{}/", table.name))?;
                let delta = DeltaTableBuilder::from_url(url.clone())?.build()?;
                (delta.log_store().get_latest_version(version).await)
                    .with_context(|| format!("cannot read {url}"))
            })
            .buffered(TABLES_AT_ONCE)
            .try_collect()
            .await?;
        Ok(latest != versions)
    })
}

/// Makes the dataset's root catalog of every council's catalog.
pub type RootCatalog<'a> = &'a dyn Fn(&[serde_json::Value]) -> Result<serde_json::Value>;

/// Writes a council's `catalog.jsonld` into its directory, then, with
/// `root`, the dataset's `catalog.jsonld` that `root` makes of every
/// council's catalog. Runs of other councils write theirs meanwhile: the
/// root is made again until no council's catalog changed while it was
/// being made, so that the last root written lists every council.
pub fn publish_catalogs(
    target: &DeltaTarget,
    council_id: &str,
    catalog: &serde_json::Value,
    root: Option<RootCatalog>,
) -> Result<()> {
    let dir = format!("councils/{}", partition_dir(council_id));
    runtime()?.block_on(async {
        let url = &target.url;
        put(url, &format!("{dir}/{CATALOG_FILE}"), json_text(catalog)?).await?;
        let Some(root) = root else { return Ok(()) };
        let catalogs = || async {
            let found = list(url, "councils").await?;
            let found = found.into_iter().filter(|f| {
                f.name
                    .split_once('/')
                    .is_some_and(|(_, name)| name == CATALOG_FILE)
            });
            anyhow::Ok(found.map(|f| (f.name, f.version)).collect::<Vec<_>>())
        };
        let mut seen = catalogs().await?;
        for _ in 0..ATTEMPTS {
            let (store, prefix) = store_at(url)?;
            let mut councils = Vec::new();
            for (name, _) in &seen {
                let path = StorePath::from(format!("{prefix}/councils/{name}").trim_start_matches('/'));
                let bytes = store.get(&path).await?.bytes().await?;
                councils.push(serde_json::from_slice(&bytes).with_context(|| {
                    format!("councils/{name} in {url} is not JSON")
                })?);
            }
            put(url, CATALOG_FILE, json_text(&root(&councils)?)?).await?;
            let now = catalogs().await?;
            if now == seen {
                return Ok(());
            }
            seen = now;
        }
        bail!("cannot write {CATALOG_FILE} in {url}: councils' catalogs kept changing ({ATTEMPTS} attempts); run again")
    })
}

/// `etl link`: writes what the link stage found over all shards of a job
/// (people and their roles, matters and their steps, and their graph) as
/// the council's parts of those tables, and the matter of each decision
/// into the decisions the shards committed.
pub fn commit_linked(options: &WriteOptions, council: &Council, linked: &Linked) -> Result<()> {
    let target = (options.delta.as_ref())
        .context("etl link writes into a Delta dataset: add --format delta")?;
    let id = &council.identifier;
    let staging = sibling(
        &options.local_target(id),
        &format!("tmp-link-{}", std::process::id()),
    );
    fs::create_dir_all(&staging).with_context(|| format!("cannot create {}", staging.display()))?;
    // Removed on every way out, as a failed run's staging is.
    struct Remove<'a>(&'a Path);
    impl Drop for Remove<'_> {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(self.0);
        }
    }
    let _staging = Remove(&staging);

    let mut tables = Tables::default();
    tables
        .append_linked(linked, id)
        .map_err(anyhow::Error::msg)?;
    let mut parts = Vec::new();
    for builder in (tables.builders.iter_mut()).filter(|b| link::TABLES.contains(&b.table.name)) {
        let table = builder.table;
        let schema = data_schema(table);
        let rows = builder.rows() as u64;
        let batch = data_batch(&builder.finish(), &schema)?;
        let path = staging.join(format!("{}.parquet", table.name));
        let file =
            File::create(&path).with_context(|| format!("cannot create {}", path.display()))?;
        let props = properties(options, council, table);
        let mut writer = ::parquet::arrow::ArrowWriter::try_new(file, schema, Some(props))?;
        writer.write(&batch)?;
        writer.close()?;
        parts.push(StagedPart {
            table,
            file: (rows > 0).then_some((path, rows)),
            dates: Coverage::default(),
        });
    }
    let matter_of = linked.matter_of();
    let decisions = tables::table("decisions").expect("a declared table");
    rewrite_parts(target, id, decisions, &staging, |path| {
        matter_ids(path, &matter_of, options, council).map(drop)
    })?;
    let graph = format!("councils/{}/dataset-linked.jsonld", partition_dir(id));
    let graph_path = staging.join(&graph);
    fs::create_dir_all(graph_path.parent().expect("a directory"))?;
    let mut writer = GraphWriter::create(&graph_path, council)?;
    writer.append_linked(linked)?;
    writer.finish()?;
    let part = part_name(None, &options.config_digest);
    publish(&staging, target, id, &part, parts, &[graph])?;
    catalogs(options, target, council, &[])
}
