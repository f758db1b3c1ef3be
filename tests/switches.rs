//! Each `[enrich]` switch, turned off, takes away what it adds and only
//! that: a switch that is ignored (always on) or that leaks into another
//! enricher fails here. Tables are compared as decoded rows.

mod common;

use std::fs;
use std::path::Path;

use common::{etl, render};

const INPUTS: &[&str] = &[
    "seeds",
    "tests/fixtures/made-up/decision_details.txt",
    "tests/corpus/pages/018.txt",
    "tests/corpus/pages/058.txt",
    "tests/corpus/pages/093.txt",
];

/// Runs the pipeline with `[enrich] <switch> = false` (or all on, for
/// `None`) and returns every table as text, by table name.
fn run(dir: &Path, switch: Option<&str>) -> Vec<(String, String)> {
    let name = switch.unwrap_or("all-on");
    let off = switch.map(|s| format!("{s} = false")).unwrap_or_default();
    let config_dir = dir.join(format!("{name}-config"));
    fs::create_dir(&config_dir).unwrap();
    let config = common::config(&config_dir, INPUTS, "", &format!("[enrich]\n{off}"));
    let out = dir.join(name);
    let o = etl(&[
        "run",
        config.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--quiet",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut tables: Vec<(String, String)> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "parquet"))
        .map(|p| {
            let table = p.file_stem().unwrap().to_string_lossy().into_owned();
            (table, render(&p))
        })
        .collect();
    tables.sort();
    tables
}

/// The values of `column` in a rendered table.
fn column(table: &str, column: &str) -> Vec<String> {
    let mut lines = table.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    let at = header
        .iter()
        .position(|h| h.split(':').next() == Some(column))
        .unwrap_or_else(|| panic!("no column {column}"));
    lines
        .map(|l| l.split('\t').nth(at).unwrap().to_string())
        .collect()
}

/// What each switch adds: (switch, table, column, whether the switch
/// removes the table's rows). With the switch off, that column must
/// change and every other table must stay as it was.
const SWITCHES: &[(&str, &str, &str, bool)] = &[
    ("item_kind", "agenda_items", "kind", false),
    ("meeting_date", "meetings", "start_date_method", false),
    ("body", "meetings", "body_name_method", false),
    ("clause_action", "decision_clauses", "action", false),
    ("money", "money_amounts", "amount", true),
    ("references", "cross_references", "kind", true),
    ("mentions", "mentions", "kind", true),
    ("statutory", "decisions", "reasons_recorded", false),
    ("topics", "item_topics", "topic", true),
];

#[test]
fn each_enrich_switch_off_removes_what_it_adds_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let on = run(dir.path(), None);
    let get = |tables: &[(String, String)], name: &str| {
        tables.iter().find(|(t, _)| t == name).unwrap().1.clone()
    };
    for (switch, table, col, removes_rows) in SWITCHES {
        let off = run(dir.path(), Some(switch));
        let (before, after) = (get(&on, table), get(&off, table));
        let values_on = column(&before, col);
        assert!(
            values_on.iter().any(|v| v != "∅"),
            "{switch}: the fixtures give no {table}.{col} to take away"
        );
        assert_ne!(
            values_on,
            column(&after, col),
            "{switch} = false changed nothing in {table}.{col}"
        );
        if *removes_rows {
            assert_eq!(
                after.lines().count(),
                1,
                "{switch} = false left rows in {table}"
            );
        }
        // Every other column of every other table is untouched, but for
        // what the switch feeds into (`leaky`).
        for ((name, a), (_, b)) in on.iter().zip(&off) {
            if name == table || name == "source_documents" || name == "parse_warnings" {
                continue;
            }
            // The link stage's tables are made from what these enrichers
            // give: dates, bodies, clause actions and named people.
            let linked = ["people", "person_roles", "matters", "matter_steps"];
            let feeds_links = ["meeting_date", "body", "clause_action", "mentions"];
            if linked.contains(&name.as_str()) && feeds_links.contains(switch) {
                continue;
            }
            let mut header = a.lines().next().unwrap().split('\t');
            // A meeting's ID is made from its body and date, and the IDs
            // below it from the meeting's.
            let natural_key = |c: &str| c.ends_with("_id") && c != "doc_id";
            let leaky = |c: &str| match *switch {
                "item_kind" => c == "declaration_count",
                "meeting_date" => c == "start_date" || natural_key(c),
                "clause_action" => c == "matter_id",
                "mentions" => c == "others_named",
                "body" => c == "body_name" || natural_key(c),
                "references" => c == "start_date_not_before",
                _ => false,
            };
            for field in header.by_ref() {
                let c = field.split(':').next().unwrap();
                if leaky(c) {
                    continue;
                }
                assert_eq!(
                    column(a, c),
                    column(b, c),
                    "{switch} = false changed {name}.{c}"
                );
            }
        }
    }
}
