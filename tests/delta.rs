//! Delta Lake output end to end: councils sharing one dataset, a run
//! replacing only its council's partition, shards whose union is the whole
//! run, tables another tool wrote refused, a killed run leaving the tables
//! readable. The tables are read back with delta-rs, as a reader would.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use common::{etl, render};

/// The tables every run writes rows to, from its documents alone.
const DOCUMENT_TABLES: &[&str] = &[
    "source_documents",
    "parse_warnings",
    "meetings",
    "agenda_items",
    "decisions",
    "decision_clauses",
    "decision_records",
    "vote_counts",
    "votes",
    "money_amounts",
    "cross_references",
    "mentions",
    "item_topics",
    "attachments",
    "attendance",
    "declarations",
];

/// The tables only the link stage writes (a whole run, or `etl link`).
const LINKED_TABLES: &[&str] = &["people", "person_roles", "matters", "matter_steps"];

/// A copy of pipeline.toml for another council, reading `inputs` (paths
/// in the project, separated by commas).
fn council_config(dir: &Path, identifier: &str, inputs: &str) -> PathBuf {
    let root = env!("CARGO_MANIFEST_DIR");
    let inputs: Vec<String> = inputs.split(',').map(|i| format!("{root}/{i}")).collect();
    let text = fs::read_to_string(Path::new(root).join("pipeline.toml"))
        .unwrap()
        .replace(
            "identifier = \"E10000034\"",
            &format!("identifier = \"{identifier}\""),
        )
        .replace(
            "inputs = [\"seeds/*.txt\"]",
            &format!("inputs = {inputs:?}"),
        );
    assert!(text.contains(identifier));
    let path = dir.join(format!("{identifier}.toml"));
    fs::write(&path, text).unwrap();
    path
}

fn run_delta(config: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "run",
        config.to_str().unwrap(),
        "--format",
        "delta",
        "--out",
        out.to_str().unwrap(),
        "--quiet",
    ];
    args.extend(extra);
    etl(&args)
}

fn ok(output: Output) -> Output {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// A Delta table's active files, as delta-rs lists them.
fn active_files(out: &Path, table: &str) -> Vec<PathBuf> {
    let url = url::Url::from_directory_path(out.join(table)).unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let delta = runtime
        .block_on(deltalake_core::open_table(url))
        .unwrap_or_else(|e| panic!("{table} does not load: {e}"));
    let mut files: Vec<PathBuf> = (delta.get_file_uris().unwrap())
        .map(|uri| match url::Url::parse(&uri) {
            Ok(url) => url.to_file_path().unwrap(),
            Err(_) => PathBuf::from(uri),
        })
        .collect();
    files.sort();
    files
}

/// A table's rows as text lines, each after its partition, sorted.
fn rows(out: &Path, table: &str) -> Vec<String> {
    let mut rows = Vec::new();
    for file in active_files(out, table) {
        let partition = file
            .parent()
            .unwrap()
            .file_name()
            .unwrap()
            .to_string_lossy();
        let text = render(&file);
        rows.extend(
            text.lines()
                .skip(1)
                .map(|row| format!("{partition}\t{row}")),
        );
    }
    rows.sort();
    rows
}

/// The active files of a council in every document table.
fn council_files(out: &Path, council_id: &str) -> Vec<PathBuf> {
    let files = DOCUMENT_TABLES.iter().flat_map(|t| active_files(out, t));
    files
        .filter(|f| f.to_string_lossy().contains(council_id))
        .collect()
}

/// No run left a staging directory behind in `dir`.
fn assert_no_staging(dir: &Path) {
    let names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("tmp-"))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}

fn councils(out: &Path, table: &str) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for row in rows(out, table) {
        let partition = row.split('\t').next().unwrap().to_string();
        *counts.entry(partition).or_default() += 1;
    }
    counts
}

#[test]
fn councils_share_one_dataset_and_a_run_replaces_only_its_own_partition() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("uk");
    let worcs = council_config(dir.path(), "E10000034", "seeds/*.txt");
    let other = council_config(dir.path(), "W06000001", "tests/corpus/pages/*.txt");
    ok(run_delta(&worcs, &out, &[]));
    ok(run_delta(&other, &out, &[]));
    let meetings = councils(&out, "meetings");
    assert_eq!(meetings.len(), 2, "{meetings:?}");
    assert_eq!(meetings["council_id=E10000034"], 5);
    let other_files = council_files(&out, "W06000001");
    let before: Vec<Vec<String>> = DOCUMENT_TABLES.iter().map(|t| rows(&out, t)).collect();

    // Worcestershire again: its rows are the same, and the other
    // council's files are untouched.
    ok(run_delta(&worcs, &out, &[]));
    let after: Vec<Vec<String>> = DOCUMENT_TABLES.iter().map(|t| rows(&out, t)).collect();
    assert_eq!(before, after);
    let other_after = council_files(&out, "W06000001");
    assert_eq!(other_files, other_after);
    // Linked tables per council too.
    assert_eq!(councils(&out, "people").len(), 2);
    // The council's graph beside the tables.
    assert!(
        out.join("councils/council_id=W06000001/dataset.jsonld")
            .is_file()
    );
    // Each council's catalog beside its graph; no root catalog without
    // a publisher of the whole dataset.
    for council in ["E10000034", "W06000001"] {
        assert_catalog_lists_active_parts(&out, council);
    }
    assert!(!out.join("catalog.jsonld").exists());
    // Nothing of the runs' staging is left.
    assert_no_staging(dir.path());
}

fn read_json(path: &Path) -> serde_json::Value {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

/// A council's catalog lists exactly its active parts of every table,
/// and its JSON-LD; returns the catalog's dataset node.
fn assert_catalog_lists_active_parts(out: &Path, council_id: &str) -> serde_json::Value {
    let dir = format!("councils/council_id={council_id}");
    let catalog = read_json(&out.join(&dir).join("catalog.jsonld"));
    let dataset = catalog["dcat:dataset"].clone();
    let listed: Vec<String> = (dataset["dcat:distribution"].as_array().unwrap().iter())
        .map(|d| d["dct:title"].as_str().unwrap().to_string())
        .collect();
    let mut active: Vec<String> = Vec::new();
    for table in DOCUMENT_TABLES.iter().chain(LINKED_TABLES) {
        for file in active_files(out, table) {
            let file = file
                .strip_prefix(out)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            if file.contains(&format!("council_id={council_id}/")) {
                active.push(file);
            }
        }
    }
    let parts: Vec<String> = (listed.iter())
        .filter(|f| f.ends_with(".parquet"))
        .cloned()
        .collect();
    let (mut parts_sorted, mut active_sorted) = (parts.clone(), active.clone());
    parts_sorted.sort();
    active_sorted.sort();
    assert_eq!(parts_sorted, active_sorted, "{council_id}");
    assert!(
        listed
            .iter()
            .any(|f| f.starts_with(&dir) && f.ends_with(".jsonld")),
        "{listed:?}"
    );
    dataset
}

#[test]
fn the_root_catalog_holds_every_councils_dataset_with_its_current_parts() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("uk");
    let publish = |config: PathBuf| {
        let text = fs::read_to_string(&config).unwrap();
        let text = text.replace("[publish]\n", "[publish]\npublisher = \"Civic Data UK\"\n");
        assert!(text.contains("Civic Data UK"));
        fs::write(&config, text).unwrap();
        config
    };
    let worcs = publish(council_config(dir.path(), "E10000034", "seeds/*.txt"));
    let other = publish(council_config(
        dir.path(),
        "W06000001",
        "tests/corpus/pages/*.txt",
    ));
    ok(run_delta(&worcs, &out, &[]));
    ok(run_delta(&other, &out, &[]));
    let first = assert_catalog_lists_active_parts(&out, "E10000034");
    assert_catalog_lists_active_parts(&out, "W06000001");
    let root = read_json(&out.join("catalog.jsonld"));
    assert_eq!(root["dct:publisher"]["foaf:name"], "Civic Data UK");
    let datasets = root["dcat:dataset"].as_array().unwrap();
    assert_eq!(datasets.len(), 2);
    // The run wrote every file it lists: each has its checksum.
    for dist in first["dcat:distribution"].as_array().unwrap() {
        assert!(dist["spdx:checksum"].is_object(), "{dist}");
    }

    // A run again: its catalog and the root list its new parts only.
    ok(run_delta(&worcs, &out, &[]));
    let again = assert_catalog_lists_active_parts(&out, "E10000034");
    assert_ne!(first["dcat:distribution"], again["dcat:distribution"]);
    let root = read_json(&out.join("catalog.jsonld"));
    let datasets = root["dcat:dataset"].as_array().unwrap();
    assert_eq!(datasets.len(), 2);
    assert!(
        datasets.contains(&again),
        "the root holds the council's new dataset"
    );
}

/// Every table's rows in `out`.
fn all_rows(out: &Path) -> Vec<(&'static str, Vec<String>)> {
    let tables = DOCUMENT_TABLES.iter().chain(LINKED_TABLES);
    tables.map(|t| (*t, rows(out, t))).collect()
}

#[test]
fn shards_run_at_once_and_with_their_link_are_the_whole_run() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = "tests/corpus/pages/*.txt,tests/fixtures/across";
    let config = council_config(dir.path(), "W06000001", inputs);
    let whole = dir.path().join("whole");
    ok(run_delta(&config, &whole, &[]));
    let link = |out: &Path| {
        let (config, out) = (config.to_str().unwrap(), out.to_str().unwrap());
        etl(&["link", config, "--shards", "4", "--out", out])
    };

    let sharded = dir.path().join("sharded");
    // A whole run first: the shards' job replaces it.
    ok(run_delta(&config, &sharded, &[]));
    let workers: Vec<_> = (1..=3)
        .map(|k| {
            let shard = format!("{k}/4");
            let (config, sharded) = (config.clone(), sharded.clone());
            std::thread::spawn(move || run_delta(&config, &sharded, &["--shard", &shard]))
        })
        .collect();
    for worker in workers {
        ok(worker.join().unwrap());
    }
    // Not yet: shard 4 has not run.
    let early = link(&sharded);
    assert_eq!(early.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&early.stderr);
    assert!(
        stderr.contains("shards 4/4 of 4 have not committed"),
        "{stderr}"
    );
    ok(run_delta(&config, &sharded, &["--shard", "4/4"]));
    for table in LINKED_TABLES {
        assert!(
            rows(&sharded, table).is_empty(),
            "{table}: linked by etl link"
        );
    }
    ok(link(&sharded));
    let (union, one) = (all_rows(&sharded), all_rows(&whole));
    for ((table, union), (_, one)) in union.iter().zip(&one) {
        assert_eq!(union, one, "{table}");
    }
    assert!(
        !rows(&whole, "matter_steps").is_empty(),
        "the corpus has matters to link"
    );
    let parts = active_files(&sharded, "source_documents");
    assert_eq!(parts.len(), 4, "one part per shard: {parts:?}");

    // A shard run again replaces only its own part; linked again, the
    // dataset is the whole run's once more.
    let before = active_files(&sharded, "source_documents");
    ok(run_delta(&config, &sharded, &["--shard", "2/4"]));
    let after = active_files(&sharded, "source_documents");
    let changed: Vec<_> = after.iter().filter(|f| !before.contains(f)).collect();
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert!(changed[0].to_string_lossy().contains("-2of4-"));
    ok(link(&sharded));
    assert_eq!(all_rows(&sharded), one);
    // The link wrote the council's catalog, of every shard's parts, over
    // the span of every shard's meetings (kept in the meetings parts'
    // statistics): the whole run's span.
    let linked = assert_catalog_lists_active_parts(&sharded, "W06000001");
    let one = assert_catalog_lists_active_parts(&whole, "W06000001");
    assert!(one["dct:temporal"]["dcat:startDate"].is_object(), "{one}");
    assert_eq!(linked["dct:temporal"], one["dct:temporal"]);
}

#[test]
fn a_table_another_tool_or_schema_wrote_is_refused_and_left_as_it_was() {
    use deltalake_core::kernel::{DataType, StructField};
    let stamps = [
        (None, "council-etl did not write"),
        (
            Some("meetings/0000000000000000"),
            "written with another schema",
        ),
    ];
    for (stamp, message) in stamps {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let url = url::Url::from_directory_path(out.join("meetings")).unwrap();
        fs::create_dir_all(out.join("meetings")).unwrap();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let create = deltalake_core::operations::create::CreateBuilder::new()
            .with_location(url.as_str())
            .with_columns([StructField::new("x", DataType::STRING, true)])
            .with_configuration(stamp.map(|s| ("council_etl.schema", Some(s))))
            .with_raise_if_key_not_exists(false);
        runtime.block_on(create.into_future()).unwrap();
        let log = out.join("meetings/_delta_log");
        let log_before = fs::read_dir(&log).unwrap().count();
        let config = council_config(dir.path(), "E10000034", "seeds/*.txt");
        let output = run_delta(&config, &out, &[]);
        assert_eq!(output.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(message), "{stderr}");
        let log_after = fs::read_dir(&log).unwrap().count();
        assert_eq!(log_before, log_after, "the table gained no commit");
    }
}

#[test]
fn a_killed_run_leaves_every_table_at_a_whole_version() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let config = council_config(dir.path(), "W06000001", "tests/corpus/pages/*.txt");
    ok(run_delta(&config, &out, &[]));
    let old: Vec<Vec<String>> = DOCUMENT_TABLES.iter().map(|t| rows(&out, t)).collect();
    // The killed runs replace the council's rows with other documents'.
    let new_dir = dir.path().join("new");
    fs::create_dir(&new_dir).unwrap();
    let replacing = council_config(&new_dir, "W06000001", "seeds/*.txt");
    let complete = dir.path().join("complete");
    ok(run_delta(&replacing, &complete, &[]));
    let new: Vec<Vec<String>> = DOCUMENT_TABLES.iter().map(|t| rows(&complete, t)).collect();
    assert_ne!(old, new);
    // Killed at several points: before, during and after its commits.
    // Every table then holds all of one run's rows, never a mix.
    for delay_ms in [2, 10, 20, 40, 80] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_etl"))
            .args([
                "run",
                replacing.to_str().unwrap(),
                "--format",
                "delta",
                "--quiet",
            ])
            .args(["--out", out.to_str().unwrap(), "--threads", "1"])
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill(); // SIGKILL
        child.wait().unwrap();
        for (t, table) in DOCUMENT_TABLES.iter().enumerate() {
            let now = rows(&out, table);
            assert!(
                now == old[t] || now == new[t],
                "{table}, killed after {delay_ms} ms: {} rows",
                now.len()
            );
        }
    }
    // The next run cleans up what the killed ones left, and commits.
    ok(run_delta(&replacing, &out, &[]));
    for (t, table) in DOCUMENT_TABLES.iter().enumerate() {
        assert_eq!(rows(&out, table), new[t], "{table}");
    }
    assert_no_staging(dir.path());
}

#[test]
fn delta_only_settings_are_refused_without_delta() {
    let dir = tempfile::tempdir().unwrap();
    let config = council_config(dir.path(), "E10000034", "seeds/*.txt");
    let config = config.to_str().unwrap();
    for (args, message) in [
        (
            vec!["run", config, "--shard", "1/2"],
            "shards commit their parts to one Delta table",
        ),
        (
            vec!["run", config, "--out", "s3://bucket/data"],
            "holds Delta tables only",
        ),
        (
            vec!["run", config, "--format", "delta", "--shard", "3/2"],
            "--shard takes K/N",
        ),
        (vec!["run", config, "--format", "parquet"], "unknown format"),
        (
            vec!["run", config, "--format", "delta", "--out", "ftp://x/y"],
            "s3://, gs://, az://",
        ),
    ] {
        let output = etl(&args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(message), "{args:?}: {stderr}");
    }
}

#[test]
fn one_config_of_several_councils_writes_each_into_one_dataset() {
    let dir = tempfile::tempdir().unwrap();
    let root = env!("CARGO_MANIFEST_DIR");
    let config = dir.path().join("councils.toml");
    let council = |name: &str, id: &str, inputs: &str| {
        format!(
            "[[council]]\nname = \"{name}\"\nidentifier = \"{id}\"\nlicence = \"OGL-UK-3.0\"\ninputs = [\"{root}/{inputs}\"]\n\n"
        )
    };
    let text = council("Worcestershire County Council", "E10000034", "seeds/*.txt")
        + &council("Another Council", "W06000001", "tests/corpus/pages")
        + "[write]\nformat = \"delta\"\nout_dir = \"uk\"\n";
    fs::write(&config, text).unwrap();
    let output = ok(etl(&["run", config.to_str().unwrap()]));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("E10000034: ") && stderr.contains("W06000001: "),
        "{stderr}"
    );
    let meetings = councils(&dir.path().join("uk"), "meetings");
    assert_eq!(
        meetings.keys().collect::<Vec<_>>(),
        ["council_id=E10000034", "council_id=W06000001"]
    );
    assert_eq!(meetings["council_id=E10000034"], 5);
}

#[test]
fn tables_many_runs_wrote_open_from_a_checkpoint_and_vacuum() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let config = council_config(dir.path(), "E10000034", "seeds/*.txt");
    let text = fs::read_to_string(&config).unwrap();
    fs::write(
        &config,
        text.replace("[write]\n", "[write]\nvacuum_hours = 1\n"),
    )
    .unwrap();
    ok(run_delta(&config, &out, &[]));
    // Parts no commit names, as a run that died after its upload leaves:
    // one two hours old, one just uploaded (a run still going).
    let partition = out.join("meetings/council_id=E10000034");
    let (stale, fresh) = (
        partition.join("part-dead.parquet"),
        partition.join("part-live.parquet"),
    );
    for orphan in [&stale, &fresh] {
        fs::copy(&active_files(&out, "meetings")[0], orphan).unwrap();
    }
    let two_hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
    (fs::File::options().write(true).open(&stale).unwrap())
        .set_modified(two_hours_ago)
        .unwrap();
    for _ in 1..10 {
        ok(run_delta(&config, &out, &[]));
    }
    // The tenth commit vacuumed: the old orphan is gone; the fresh one
    // and the parts recent runs replaced (readers may still want them) stay.
    assert!(!stale.exists(), "an orphan past vacuum_hours is deleted");
    assert!(fresh.exists(), "a part younger than vacuum_hours is kept");
    let parts = fs::read_dir(&partition).unwrap().count();
    assert_eq!(parts, 10 + 1, "ten runs' parts and the fresh orphan");
    let log = out.join("meetings/_delta_log");
    let checkpoints = fs::read_dir(&log)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains(".checkpoint.")
        })
        .count();
    assert!(checkpoints > 0, "no checkpoint in {}", log.display());
    assert_eq!(councils(&out, "meetings")["council_id=E10000034"], 5);
}

#[test]
fn a_shard_reruns_from_its_own_incremental_cache() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let config = council_config(dir.path(), "W06000001", "tests/corpus/pages/*.txt");
    let shard = ["--shard", "1/2", "--incremental"];
    let mut args = vec!["run", config.to_str().unwrap(), "--format", "delta"];
    args.extend(["--out", out.to_str().unwrap()]);
    args.extend(shard);
    ok(etl(&args));
    let first = all_rows(&out);
    let again = ok(etl(&args));
    let stderr = String::from_utf8_lossy(&again.stderr);
    let documents: usize = stderr
        .split(": ")
        .nth(1)
        .unwrap()
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(documents > 0);
    assert!(
        stderr.contains(&format!("{documents} from the incremental cache")),
        "{stderr}"
    );
    assert_eq!(all_rows(&out), first);
}
