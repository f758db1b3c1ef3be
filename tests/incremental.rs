//! `etl run --incremental` gives the same bytes as a full run, after
//! documents are added, changed and removed, and parses only what changed.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::run_at;

const ETL: &str = env!("CARGO_BIN_EXE_etl");

/// Runs `etl run` on `input` into `out`; returns the summary line.
fn run(input: &Path, out: &Path, incremental: bool) -> String {
    run_by(Path::new(ETL), input, out, incremental)
}

/// [`run`] with the executable at `exe`.
fn run_by(exe: &Path, input: &Path, out: &Path, incremental: bool) -> String {
    let extra: &[&str] = if incremental { &["--incremental"] } else { &[] };
    let o = run_at(exe, input, out, extra);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn assert_same_files(a: &Path, b: &Path) {
    let names = |d: &Path| {
        let mut v: Vec<String> = fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    assert_eq!(names(a), names(b));
    for name in names(a) {
        assert!(
            fs::read(a.join(&name)).unwrap() == fs::read(b.join(&name)).unwrap(),
            "{name} differs between the full and the incremental run"
        );
    }
}

/// `dir/input`, holding the files of the directories `from`.
fn input_from(dir: &Path, from: &[&str]) -> PathBuf {
    let input = dir.join("input");
    fs::create_dir(&input).unwrap();
    for entry in from.iter().flat_map(|d| fs::read_dir(d).unwrap()) {
        let path = entry.unwrap().path();
        fs::copy(&path, input.join(path.file_name().unwrap())).unwrap();
    }
    input
}

#[test]
fn incremental_output_equals_full_output_after_add_change_remove() {
    let dir = tempfile::tempdir().unwrap();
    let input = input_from(dir.path(), &["seeds", "tests/corpus/pages"]);
    for xml in [
        "meetings.xml",
        "meeting_with_minutes.xml",
        "modgov_decision_detail.html",
    ] {
        fs::copy(format!("tests/moderngov/{xml}"), input.join(xml)).unwrap();
    }
    let total = fs::read_dir(&input).unwrap().count();
    let (full, inc) = (dir.path().join("full"), dir.path().join("inc"));

    // A cold cache: everything is parsed, the output is the full run's.
    run(&input, &full, false);
    let summary = run(&input, &inc, true);
    assert!(
        summary.contains("; 0 from the incremental cache"),
        "{summary}"
    );
    assert_same_files(&full, &inc);

    // Nothing changed: everything comes from the cache.
    let summary = run(&input, &inc, true);
    assert!(
        summary.contains(&format!("; {total} from the incremental cache")),
        "{summary}"
    );
    assert_same_files(&full, &inc);

    // Add one page, change one, remove one.
    fs::copy(
        "tests/moderngov/meeting_with_minutes.txt",
        input.join("zz-new.txt"),
    )
    .unwrap();
    let seed = fs::read_dir(&input)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("001_"))
        .unwrap();
    let changed = fs::read_to_string(&seed)
        .unwrap()
        .replace("RESOLVED", "AGREED");
    fs::write(&seed, changed).unwrap();
    fs::remove_file(input.join("012.txt")).unwrap();

    run(&input, &full, false);
    let summary = run(&input, &inc, true);
    // total + 1 new - 1 removed, of which 2 (new, changed) are parsed.
    assert!(
        summary.contains(&format!("; {} from the incremental cache", total - 2)),
        "{summary}"
    );
    assert_same_files(&full, &inc);

    // The removed page's entry is gone: one entry per document.
    let cache = dir.path().join(".inc.etl-cache");
    let settings: Vec<_> = fs::read_dir(&cache).unwrap().collect();
    assert_eq!(settings.len(), 1);
    let entries = fs::read_dir(settings[0].as_ref().unwrap().path())
        .unwrap()
        .count();
    assert_eq!(entries, total);
}

/// The cache is keyed by the executable: another build of `etl` (here a
/// copy, which has its own path and modification time) starts afresh,
/// and the same one finds its entries again.
#[test]
fn another_executable_does_not_reuse_the_cache() {
    let dir = tempfile::tempdir().unwrap();
    let input = input_from(dir.path(), &["seeds"]);
    let out = dir.path().join("out");
    let copy = dir.path().join("etl-copy");
    fs::copy(ETL, &copy).unwrap();
    let run_copy = || run_by(&copy, &input, &out, true);
    let seeds = fs::read_dir(&input).unwrap().count();
    run(&input, &out, true);
    let cached = format!("; {seeds} from the incremental cache");
    assert!(run(&input, &out, true).contains(&cached));
    let summary = run_copy();
    assert!(
        summary.contains("; 0 from the incremental cache"),
        "{summary}"
    );
    assert!(run_copy().contains(&cached));
    // The copy's run replaced the first executable's entries.
    assert!(run(&input, &out, true).contains("; 0 from the incremental cache"));
}

/// The cache is keyed by the configuration: after a setting that changes
/// rows (here `[enrich] topics`), nothing comes from the old entries, and
/// the output is a full run's under the new setting.
#[test]
fn a_changed_configuration_does_not_reuse_the_cache() {
    let dir = tempfile::tempdir().unwrap();
    let input = input_from(dir.path(), &["seeds"]);
    let seeds = fs::read_dir(&input).unwrap().count();
    let config = |topics: bool| {
        let path = dir.path().join(format!("topics-{topics}.toml"));
        fs::write(
            &path,
            format!(
                "[council]\nname = \"C\"\nidentifier = \"c\"\nlicence = \"OGL-UK-3.0\"\n[read]\ninputs = [\"input\"]\n\
                 [enrich]\ntopics = {topics}\n"
            ),
        )
        .unwrap();
        path
    };
    let run_config = |config: &Path, out: &Path, extra: &[&str]| {
        let mut args = vec![
            "run",
            config.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ];
        args.extend(extra);
        let o = common::etl(&args);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8_lossy(&o.stderr).into_owned()
    };
    let (inc, full) = (dir.path().join("inc"), dir.path().join("full"));
    run_config(&config(true), &inc, &["--incremental"]);
    let again = run_config(&config(true), &inc, &["--incremental"]);
    assert!(
        again.contains(&format!("; {seeds} from the incremental cache")),
        "{again}"
    );

    let changed = run_config(&config(false), &inc, &["--incremental"]);
    assert!(
        changed.contains("; 0 from the incremental cache"),
        "{changed}"
    );
    run_config(&config(false), &full, &[]);
    assert_same_files(&full, &inc);
    assert_eq!(common::row_count(&inc, "item_topics"), 0);
}
