//! End to end: the real `etl` binary on the seeds and on generated inputs,
//! with the tables read back from Parquet.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use arrow_array::{Array, BooleanArray, Date32Array, Int32Array, RecordBatch};
use common::{etl, read, run_input, strings};

fn run_seeds(out: &Path, threads: &str) {
    run_on("seeds", out, threads);
}

fn run_on(input: &str, out: &Path, threads: &str) {
    let o = run_input(Path::new(input), out, Some(threads));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

fn ints(batch: &RecordBatch, column: &str) -> Vec<i32> {
    let a = batch
        .column_by_name(column)
        .unwrap()
        .as_any()
        .downcast_ref::<Int32Array>()
        .unwrap();
    a.values().to_vec()
}

fn bools(batch: &RecordBatch, column: &str) -> Vec<bool> {
    let a = batch
        .column_by_name(column)
        .unwrap()
        .as_any()
        .downcast_ref::<BooleanArray>()
        .unwrap();
    (0..a.len()).map(|i| a.value(i)).collect()
}

/// An agenda item as the tests compare it: (number, title, truncated).
type ItemRow = (Option<String>, Option<String>, bool);

/// doc file name prefix -> its agenda items, in order.
fn items_by_doc(out: &Path) -> BTreeMap<String, Vec<ItemRow>> {
    let docs = read(out, "source_documents");
    let names: BTreeMap<String, String> = strings(&docs, "doc_id")
        .into_iter()
        .zip(strings(&docs, "path"))
        .map(|(id, path)| {
            let path = PathBuf::from(path.unwrap());
            (
                id.unwrap(),
                path.file_name().unwrap().to_string_lossy()[..3].to_string(),
            )
        })
        .collect();
    let items = read(out, "agenda_items");
    let mut by_doc: BTreeMap<String, Vec<_>> = BTreeMap::new();
    let positions = ints(&items, "position");
    let mut rows: Vec<_> = strings(&items, "doc_id")
        .into_iter()
        .zip(positions)
        .zip(
            strings(&items, "minute_number")
                .into_iter()
                .zip(strings(&items, "title")),
        )
        .zip(bools(&items, "minutes_truncated"))
        .collect();
    rows.sort_by_key(|(((doc, pos), _), _)| (names[doc.as_ref().unwrap()].clone(), *pos));
    for (((doc, _), (number, title)), truncated) in rows {
        by_doc
            .entry(names[&doc.unwrap()].clone())
            .or_default()
            .push((number, title, truncated));
    }
    by_doc
}

#[test]
fn seeds_parse_as_a_careful_reader_would() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    run_seeds(&out, "2");
    let items = items_by_doc(&out);
    let s = |v: &str| Some(v.to_string());
    assert_eq!(
        items["000"],
        vec![
            (
                s("1836"),
                s("Apologies and Declarations of Interest"),
                false
            ),
            (s("1837"), s("Public Participation"), false),
            (
                s("1838"),
                s("Confirmation of the Minutes of the previous meeting"),
                false
            ),
            (
                s("1839"),
                s(
                    "Children's Social Care Services Alternative Delivery Model - Business Case Approval"
                ),
                true
            ),
        ]
    );
    let numbers: Vec<_> = items["001"].iter().map(|i| i.0.clone().unwrap()).collect();
    assert_eq!(numbers, ["1798", "1799", "1800", "1801", "1802", "1803"]);
    assert_eq!(items["001"][4].1, s("Resources Report"));
    assert_eq!(
        items["002"],
        vec![(None, s("Alternative Delivery Model"), false)]
    );
    let seed3: Vec<_> = items["003"].iter().map(|i| (i.0.clone(), i.2)).collect();
    assert_eq!(
        seed3,
        [
            (None, false),
            (None, false),
            (None, false),
            (None, false),
            (s("317"), true),
            (s("318"), true),
            (s("319"), true)
        ]
    );
    assert_eq!(
        items["003"][3].1,
        s("Confirmation of the Minutes of the Previous Meeting")
    );
    assert_eq!(
        items["004"],
        vec![(
            None,
            s("Worcestershire Children First Business Plan 2022/23"),
            false
        )]
    );

    // Clauses: seed 001 Resources Report (a)-(d), seed 004 (a)-(c) with its preamble.
    let decisions = read(&out, "decisions");
    let preambles = strings(&decisions, "preamble");
    assert!(
        preambles.contains(&s("RESOLVED that Cabinet:")),
        "{preambles:?}"
    );
    assert!(preambles.contains(&s("RESOLVED: that")), "{preambles:?}");
    let clauses = read(&out, "decision_clauses");
    let labels: Vec<_> = strings(&clauses, "label").into_iter().flatten().collect();
    assert_eq!(labels, ["a", "b", "c", "d", "a", "b", "c"]);
    let texts = strings(&clauses, "text");
    assert!(texts.contains(&s(
        "the current progress regarding the service reforms programme be noted;"
    )));
    assert!(texts.contains(&s(
        "approved Worcestershire Children First’s Business Plan 2022/23; and"
    )));
    // 1838, 1800, seed 003 minutes confirmed, 318 "It was agreed", 1802, 1803, seed 004.
    assert_eq!(decisions.num_rows(), 8);

    let attendance = read(&out, "attendance");
    assert_eq!(
        strings(&attendance, "person_name"),
        [s("Mr R W Banks"), s("Mr P M McDonald")]
    );
    assert_eq!(
        strings(&attendance, "status"),
        [s("apologies"), s("apologies")]
    );
    let declarations = read(&out, "declarations");
    assert_eq!(strings(&declarations, "person_name"), [s("Mr S M Mackay")]);

    let attachments = read(&out, "attachments");
    assert_eq!(
        strings(&attachments, "size_text")
            .iter()
            .filter(|t| t.as_deref() == Some("168 KB"))
            .count(),
        1
    );

    let meetings = read(&out, "meetings");
    let dates = meetings
        .column_by_name("start_date")
        .unwrap()
        .as_any()
        .downcast_ref::<Date32Array>()
        .unwrap();
    // Seed 000: the deadline "Wednesday 28 March 2018" -> Thursday 29 March 2018.
    let days_2018_03_29 = 17619;
    assert_eq!(dates.value(0), days_2018_03_29);
    assert_eq!(
        strings(&meetings, "start_date_method")[0],
        s("participation_deadline")
    );
    assert_eq!(strings(&meetings, "contact_name")[0], s("Nichola Garner"));
    assert_eq!(
        strings(&meetings, "contact_role")[0],
        s("Committee and Appellate Officer")
    );
}

#[test]
fn output_is_byte_identical_whatever_the_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let (one, two) = (dir.path().join("one"), dir.path().join("two"));
    // The 112 corpus pages of 37 councils, every page family and variant.
    for (out, threads) in [(&one, "1"), (&two, "2")] {
        run_on("tests/corpus/pages", out, threads);
    }
    // Three documents in flight, one a chunk, and three parsers: documents
    // reach the writer out of order all the time. (The settings are part
    // of the Parquet metadata, so this is compared with one thread under
    // the same settings.)
    let config = dir.path().join("small.toml");
    let text = fs::read_to_string("pipeline.toml").unwrap();
    let small =
        (text.replace("batch_size = 256", "batch_size = 3")).replace("csv = false", "csv = true");
    assert!(small.contains("batch_size = 3") && small.contains("csv = true"));
    fs::write(&config, small).unwrap();
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/pages");
    let (small_one, small_three) = (dir.path().join("small1"), dir.path().join("small3"));
    for (out, threads) in [(&small_one, "1"), (&small_three, "3")] {
        let o = etl(&[
            "run",
            config.to_str().unwrap(),
            "--input",
            corpus.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--threads",
            threads,
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let names = |dir: &Path| -> Vec<_> {
        let mut names: Vec<_> = (fs::read_dir(dir).unwrap())
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        names
    };
    // Every table, the JSON-LD graph, the catalog, the datapackage and the
    // landing page; with `csv`, a CSV copy of every table too.
    let tables = council_etl::stages::write::tables::TABLES.len();
    for (a, b, threads, files) in [
        (&one, &two, 2, tables + 4),
        (&small_one, &small_three, 3, 2 * tables + 4),
    ] {
        assert_eq!(names(a).len(), files);
        assert_eq!(names(a), names(b));
        for name in names(a) {
            let same = fs::read(a.join(&name)).unwrap() == fs::read(b.join(&name)).unwrap();
            assert!(same, "{name:?} differs between 1 and {threads} threads");
        }
    }
}

#[test]
fn bad_documents_are_rejected_with_reasons_and_others_still_parse() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir(&input).unwrap();
    fs::copy("seeds/000_a6a52758baa8a4b0.txt", input.join("a.txt")).unwrap();
    fs::copy("seeds/000_a6a52758baa8a4b0.txt", input.join("a-copy.txt")).unwrap();
    fs::write(input.join("empty.txt"), "").unwrap();
    fs::write(input.join("scan.txt"), b"%PDF-1.4\n\x00\x01binary").unwrap();
    fs::write(
        input.join("legacy.txt"),
        b"Agenda item\n\nBudget\n\nMinutes:\n\nCost \xA3100.\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let o = run_input(&input, &out, None);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let docs = read(&out, "source_documents");
    let rows: Vec<_> = strings(&docs, "path")
        .into_iter()
        .zip(strings(&docs, "parse_status"))
        .zip(strings(&docs, "reason"))
        .map(|((p, s), r)| {
            (
                PathBuf::from(p.unwrap())
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                s.unwrap(),
                r,
            )
        })
        .collect();
    assert_eq!(rows.len(), 5);
    let row = |name: &str| rows.iter().find(|r| r.0 == name).unwrap().clone();
    // Sorted order: "a-copy.txt" < "a.txt", so a.txt is the duplicate.
    assert_eq!(row("a-copy.txt").1, "parsed");
    assert_eq!(row("a.txt").1, "rejected");
    assert_eq!(
        row("a.txt").2,
        Some(format!(
            "duplicate of {} (same SHA-256)",
            input.join("a-copy.txt").display()
        ))
    );
    assert_eq!(row("empty.txt").1, "rejected");
    assert_eq!(row("empty.txt").2.as_deref(), Some("empty file"));
    assert!(row("scan.txt").2.unwrap().contains("PDF"));
    assert_eq!(row("legacy.txt").1, "parsed");
    let ids = strings(&docs, "doc_id");
    let unique: std::collections::BTreeSet<_> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "doc_id is unique");
    let items = read(&out, "agenda_items");
    assert_eq!(
        items.num_rows(),
        4 + 1,
        "the seed once, not twice, plus the legacy page"
    );
    assert!(strings(&items, "minutes_text").contains(&Some("Cost £100.".into())));
    let warnings = read(&out, "parse_warnings");
    assert_eq!(
        strings(&warnings, "code"),
        [Some("decoded_windows_1252".into())]
    );
}

#[test]
fn config_errors_name_file_line_and_column_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("bad.toml");
    fs::write(
        &config,
        "[council]\nname = \"X\"\nidentifier = \"E1\"\n[read]\ninputs = [\"nowhere/*.txt\"]\ncolour = 1\n[run]\nthreads = -2\n",
    )
    .unwrap();
    let o = etl(&["validate", config.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    let file = config.display().to_string();
    assert!(
        err.contains(&format!(
            "{file}:5:11: input pattern `nowhere/*.txt` matches no files"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!("{file}:6:1: unknown key `colour` in [read]")),
        "{err}"
    );
    assert!(
        err.contains(&format!("{file}:8:11: [run] threads must be at least 0")),
        "{err}"
    );
    assert!(
        err.contains(&format!("{file}: [council] licence is required")),
        "{err}"
    );
    let o = etl(&[
        "run",
        config.to_str().unwrap(),
        "--out",
        dir.path().join("out").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!dir.path().join("out").exists());
}

#[test]
fn validate_lists_the_inputs() {
    let o = etl(&["validate", "pipeline.toml"]);
    assert!(o.status.success());
    let listed = String::from_utf8_lossy(&o.stdout);
    assert_eq!(listed.lines().count(), 5);
    assert!(
        listed
            .lines()
            .next()
            .unwrap()
            .ends_with("000_a6a52758baa8a4b0.txt")
    );
}

#[test]
fn a_new_run_replaces_the_dataset_whole_and_leaves_no_staging() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    fs::create_dir(&out).unwrap();
    fs::write(out.join("stale.parquet"), "old").unwrap();
    fs::create_dir(dir.path().join(".out.tmp-999999")).unwrap();
    run_seeds(&out, "2");
    assert!(!out.join("stale.parquet").exists());
    assert!(out.join("agenda_items.parquet").exists());
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers, ["out"]);
}

#[test]
fn a_failed_run_keeps_the_previous_dataset() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    run_seeds(&out, "1");
    let before = fs::read(out.join("agenda_items.parquet")).unwrap();
    // A run that cannot write (its output's parent is a file) fails with
    // exit 2 and must not touch the existing dataset.
    let blocked = dir.path().join("file");
    fs::write(&blocked, "x").unwrap();
    let o = etl(&[
        "run",
        "pipeline.toml",
        "--out",
        blocked.join("out").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("cannot create"));
    assert_eq!(fs::read(out.join("agenda_items.parquet")).unwrap(), before);
}

#[test]
fn contact_details_never_reach_the_dataset() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("page.txt");
    fs::write(
        &input,
        "Agenda and minutes\n\nCabinet - Tuesday, 26 January 2016 2.00 pm\n\nVenue: County Hall\n\n\
         Contact: Sam Wilcock Democratic Services Officer 01905 846621 swilcock@worcestershire.gov.uk\n\n\
         No. Item\n\n1.\n\nQuestions\n\nMinutes:\n\nMr A (a.resident@example.com, 07700 900123) asked about roads.\n\n\
         RESOLVED that the question be noted.\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let o = run_input(&input, &out, None);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_nowhere(
        &out,
        &["846621", "worcestershire.gov.uk", "example.com", "900123"],
    );
    // The scan can see what it looks for: the contact's name is there.
    assert!(common::render(&out.join("meetings.parquet")).contains("Sam Wilcock"));
    let warnings = read(&out, "parse_warnings");
    let codes = strings(&warnings, "code");
    let removed = codes
        .iter()
        .filter(|c| c.as_deref() == Some("personal_data_removed"))
        .count();
    assert_eq!(removed, 4, "{codes:?}");
    let docs = read(&out, "source_documents");
    let s = |v: &str| Some(v.to_string());
    assert_eq!(strings(&docs, "parse_status"), [s("parsed")]);
    let meetings = read(&out, "meetings");
    assert_eq!(strings(&meetings, "contact_name"), [s("Sam Wilcock")]);
}

/// No value of any table (decoded: Parquet pages are compressed, so their
/// bytes would hide a leak), nor the JSON-LD or metadata, holds any of
/// `private`.
fn assert_nowhere(out: &Path, private: &[&str]) {
    let mut tables = 0;
    for entry in fs::read_dir(out).unwrap() {
        let path = entry.unwrap().path();
        let text = if path.extension().is_some_and(|e| e == "parquet") {
            tables += 1;
            common::render(&path)
        } else {
            fs::read_to_string(&path).unwrap()
        };
        for private in private {
            assert!(!text.contains(private), "{private} in {}", path.display());
        }
    }
    assert_eq!(tables, 20);
}

#[test]
fn contact_links_of_an_html_page_never_reach_the_dataset() {
    let dir = tempfile::tempdir().unwrap();
    let input = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/made-up/meeting_page_icon_links.html");
    let out = dir.path().join("out");
    let o = run_input(&input, &out, None);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_nowhere(&out, &["jo.bloggs", "mailto", "567890"]);
    // The scan can see what it looks for: the contact's name and the
    // page's attachment link are there.
    let meetings = common::render(&out.join("meetings.parquet"));
    assert!(meetings.contains("Jo Bloggs"));
    assert!(common::render(&out.join("attachments.parquet")).contains("MTFS.pdf"));
}
