//! Golden read-back tests: every table of a run, read back through the
//! Arrow Parquet reader (not compared as bytes), against rows checked in
//! under `tests/golden/<set>/<table>.tsv`. A swapped column, a switch
//! that is wrongly on, a lost row or a changed type fails here with the
//! first differing row.
//!
//! After a deliberate change of output, bless the new rows with
//! `UPDATE_GOLDEN=1 cargo test --release --test golden` and review the
//! diff of `tests/golden` before committing it.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{render, run_with};

/// The tables a run writes, in the order of `datapackage.json`, each with
/// the primary key the package declares for it (empty: none).
fn tables(out: &Path) -> Vec<(String, Vec<String>)> {
    let package: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("datapackage.json")).unwrap()).unwrap();
    package["resources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let key = r["schema"]["primaryKey"]
                .as_array()
                .map_or(Vec::new(), |k| {
                    k.iter().map(|c| c.as_str().unwrap().to_string()).collect()
                });
            (r["name"].as_str().unwrap().to_string(), key)
        })
        .collect()
}

/// The first two rows of a rendered table (see [`render`]) that share the
/// declared primary `key`, if any: a reader joining on it would get both.
fn repeated_key(rendered: &str, key: &[String]) -> Option<String> {
    if key.is_empty() {
        return None;
    }
    let mut lines = rendered.lines();
    let header: Vec<&str> = lines.next()?.split('\t').collect();
    let columns: Vec<usize> = key
        .iter()
        .map(|k| {
            header
                .iter()
                .position(|h| h.split(':').next() == Some(k.as_str()))
                .unwrap_or_else(|| panic!("primary key column {k} is not in {header:?}"))
        })
        .collect();
    let mut seen = std::collections::HashMap::new();
    for (n, line) in lines.enumerate() {
        let cells: Vec<&str> = line.split('\t').collect();
        let value: Vec<&str> = columns.iter().map(|&c| cells[c]).collect();
        if let Some(first) = seen.insert(value.clone(), n + 2) {
            return Some(format!(
                "rows {first} and {} share {key:?} = {value:?}",
                n + 2
            ));
        }
    }
    None
}

fn golden_dir(set: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(set)
}

/// Runs `etl` on `inputs` and compares (or, with UPDATE_GOLDEN=1, writes)
/// every table. Returns the number of rows compared.
fn check(set: &str, inputs: &[&str]) -> usize {
    check_with_status(set, inputs, 0)
}

/// [`check`] for a set whose run must end with `status` (1: a document
/// was rejected, as `[run] max_rejected = 0` reports it).
fn check_with_status(set: &str, inputs: &[&str], status: i32) -> usize {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let mut extra = Vec::new();
    for input in &inputs[1..] {
        extra.extend(["--input", input]);
    }
    let run = run_with(Path::new(inputs[0]), &out, &extra);
    assert_eq!(
        run.status.code(),
        Some(status),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let golden = golden_dir(set);
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    if update {
        let _ = fs::remove_dir_all(&golden);
        fs::create_dir_all(&golden).unwrap();
    }
    let mut rows = 0;
    let mut failures = Vec::new();
    let names = tables(&out);
    for (table, key) in &names {
        let actual = render(&out.join(format!("{table}.parquet")));
        rows += actual.lines().count() - 1;
        if let Some(repeat) = repeated_key(&actual, key) {
            failures.push(format!("{set}/{table}: {repeat}"));
        }
        let path = golden.join(format!("{table}.tsv"));
        if update {
            fs::write(&path, &actual).unwrap();
            continue;
        }
        let expected = fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e} (bless with UPDATE_GOLDEN=1)", path.display()));
        if actual != expected {
            let (n, (want, got)) = expected
                .lines()
                .chain(std::iter::repeat("<no row>"))
                .zip(actual.lines().chain(std::iter::repeat("<no row>")))
                .enumerate()
                .find(|(_, (a, b))| a != b)
                .unwrap();
            failures.push(format!(
                "{set}/{table}.tsv line {}:\n  expected: {want}\n  actual:   {got}",
                n + 1
            ));
        }
    }
    // A table the run no longer writes, or a stray golden file.
    if !update {
        for entry in fs::read_dir(&golden).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            let table = name.trim_end_matches(".tsv");
            if !names.iter().any(|(t, _)| t == table) {
                failures.push(format!("{set}/{name}: the run wrote no such table"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    rows
}

#[test]
fn seeds_read_back_as_checked_in() {
    let rows = check("seeds", &["seeds"]);
    assert!(rows > 100, "{rows} rows");
}

/// Corpus pages chosen so that, together, they fill every table: votes,
/// money, mentions, topics, cross-references, attachments, attendance,
/// declarations, decision records, warnings and a Welsh page.
#[test]
fn corpus_pages_read_back_as_checked_in() {
    let pages: Vec<String> = GOLDEN_PAGES
        .iter()
        .map(|p| format!("tests/corpus/pages/{p}.txt"))
        .collect();
    let inputs: Vec<&str> = pages.iter().map(String::as_str).collect();
    check("corpus", &inputs);
}

#[test]
fn moderngov_formats_read_back_as_checked_in() {
    check(
        "moderngov",
        &[
            "tests/moderngov/*.xml",
            "tests/moderngov/*.html",
            "tests/moderngov/*.txt",
        ],
    );
}

/// Made-up pages (real shapes) for what no corpus page holds: a decision
/// record with every field, a clause that delegates, statutory flags that
/// differ, and an empty file, rejected with a reason.
#[test]
fn made_up_pages_read_back_as_checked_in() {
    check_with_status("made-up", &["tests/fixtures/made-up"], 1);
}

/// Made-up meetings of one council over six weeks (real shapes): who was
/// present, in attendance and sent apologies; named votes, one whose
/// count disagrees with its names; a Cabinet recommendation settled by
/// Council and a deferral settled later, each one matter of two steps.
#[test]
fn meetings_followed_across_pages_read_back_as_checked_in() {
    check("across", &["tests/fixtures/across"]);
}

const GOLDEN_PAGES: &[&str] = &[
    "012", "018", "020", "042", "058", "063", "066", "093", "097", "101", "109", "154", "166",
];

/// The golden sets are only worth their name if a fault can show in them:
/// every column holds a value in some row (an all-null column hides a
/// wrong source), and every two columns of one type differ in some row
/// (else swapping them changes nothing that is checked).
const SETS: [&str; 5] = ["seeds", "corpus", "moderngov", "made-up", "across"];

#[test]
fn golden_sets_can_show_a_wrong_or_swapped_column() {
    // Columns no fixture fills: party and ward only with
    // `[read] attendee_party_and_ward`, which the fixtures leave off (the
    // pipeline tests turn it on and check both columns).
    const ALWAYS_NULL: &[&str] = &["attendance.party", "attendance.ward"];
    // Spans of one line, in most tables, have line_start = line_end; a
    // swap of the two shows as line_start > line_end, checked below.
    const SAME_WHEN_ONE_LINE: (&str, &str) = ("line_start", "line_end");
    let mut problems = Vec::new();
    for entry in fs::read_dir(golden_dir("seeds")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let table = name.trim_end_matches(".tsv");
        let mut header: Vec<String> = Vec::new();
        let mut rows: Vec<Vec<String>> = Vec::new();
        for set in SETS {
            let text = fs::read_to_string(golden_dir(set).join(&name)).unwrap();
            let mut lines = text.lines();
            header = lines
                .next()
                .unwrap()
                .split('\t')
                .map(String::from)
                .collect();
            rows.extend(lines.map(|l| l.split('\t').map(String::from).collect()));
        }
        let type_of = |c: &str| {
            c.split_once(':')
                .unwrap()
                .1
                .trim_end_matches('?')
                .to_string()
        };
        for (i, column) in header.iter().enumerate() {
            let column_name = column.split(':').next().unwrap();
            let qualified = format!("{table}.{column_name}");
            if !ALWAYS_NULL.contains(&qualified.as_str()) && rows.iter().all(|r| r[i] == "∅") {
                problems.push(format!("{qualified} is null in every golden row"));
            }
            for (j, other) in header.iter().enumerate().skip(i + 1) {
                let other_name = other.split(':').next().unwrap();
                if (column_name, other_name) == SAME_WHEN_ONE_LINE {
                    let backwards = rows
                        .iter()
                        .filter(|r| r[i].parse::<i64>().unwrap() > r[j].parse::<i64>().unwrap());
                    if backwards.count() > 0 {
                        problems.push(format!("{table} has a row with line_start > line_end"));
                    }
                    continue;
                }
                if type_of(column) == type_of(other)
                    && rows.iter().all(|r| r[i] == r[j])
                    && !ALWAYS_NULL.contains(&format!("{table}.{other_name}").as_str())
                {
                    problems.push(format!(
                        "{qualified} and {other_name} are equal in every golden row"
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// docs/schema.md is `etl schema`'s output, made from the table
/// declarations: the docs cannot fall behind the tables.
#[test]
fn the_schema_docs_are_generated_from_the_declarations() {
    let o = common::etl(&["schema"]);
    assert!(o.status.success());
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/schema.md");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        fs::write(&path, &o.stdout).unwrap();
    }
    let checked_in = fs::read_to_string(&path).unwrap();
    assert!(
        checked_in == String::from_utf8(o.stdout).unwrap(),
        "docs/schema.md differs from `etl schema`: run `etl schema > docs/schema.md`"
    );
}

/// The key check itself can fail: two rows of one item from one page.
#[test]
fn a_repeated_primary_key_is_found() {
    let table = "item_id:Utf8\tdoc_id:Utf8\ttitle:Utf8?\na\td1\tX\na\td2\tY\nb\td1\tZ\n";
    let key = ["item_id".to_string(), "doc_id".to_string()];
    assert_eq!(repeated_key(table, &key), None);
    assert_eq!(repeated_key(table, &[]), None);
    let repeated = format!("{table}a\td2\tW\n");
    assert_eq!(
        repeated_key(&repeated, &key).as_deref(),
        Some(r#"rows 3 and 5 share ["item_id", "doc_id"] = ["a", "d2"]"#)
    );
}
