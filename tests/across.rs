//! The link stage end to end: people, votes and matters over several
//! pages, read back from the Parquet files and the graph.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use common::{cells, config, etl, read, strings};

const ACROSS: &str = "tests/fixtures/across";

/// Runs the across fixtures as council `identifier` into `dir/out`.
fn run(dir: &Path, identifier: &str, link: &str) -> std::path::PathBuf {
    let council = format!("identifier = \"{identifier}\"\n");
    let path = config(dir, &[ACROSS], "", link);
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("identifier = \"test\"\n", &council);
    std::fs::write(&path, text).unwrap();
    let out = dir.join("out");
    let o = etl(&[
        "run",
        path.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    out
}

/// name -> person_id in the people table.
fn people(out: &Path) -> BTreeMap<String, String> {
    let batch = read(out, "people");
    let names = strings(&batch, "name");
    let ids = strings(&batch, "person_id");
    names
        .into_iter()
        .flatten()
        .zip(ids.into_iter().flatten())
        .collect()
}

#[test]
fn person_ids_are_stable_across_runs_and_apart_across_councils() {
    let (a, b, c) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    let first = people(&run(a.path(), "E10000034", ""));
    let again = people(&run(b.path(), "E10000034", ""));
    let other = people(&run(c.path(), "W06000015", ""));
    assert!(first.len() >= 8, "{first:?}");
    assert_eq!(first, again, "the same run gives the same person IDs");
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        other.keys().collect::<Vec<_>>(),
        "the same names at the other council"
    );
    for (name, id) in &first {
        assert_ne!(Some(id), other.get(name), "{name}: one ID at two councils");
    }
}

/// Every person ID used anywhere is a people row, and every people row
/// is used; attendance of the same person on three pages is one person.
#[test]
fn people_join_attendance_votes_mentions_and_declarations() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), "E10000034", "");
    let known: BTreeSet<String> = people(&out).into_values().collect();
    let mut used = BTreeSet::new();
    for table in ["attendance", "votes", "mentions", "declarations"] {
        used.extend(
            strings(&read(&out, table), "person_id")
                .into_iter()
                .flatten(),
        );
    }
    assert_eq!(used, known);
    let bright = read(&out, "people");
    let names = strings(&bright, "name");
    let row = names
        .iter()
        .position(|n| n.as_deref() == Some("Tom Bright"))
        .unwrap();
    let cell = |c: &str| cells(&bright, c)[row].clone();
    // Present at two meetings, apologies for the third.
    assert_eq!(
        (cell("meetings"), cell("present"), cell("apologies")),
        ("3".into(), "2".into(), "1".into())
    );
    assert_eq!(
        (cell("first_seen"), cell("last_seen")),
        ("2021-02-04".into(), "2021-03-11".into())
    );
    assert_eq!(cell("honorific"), "Councillor");
    // The resident who spoke is counted, not listed.
    assert!(!names.iter().flatten().any(|n| n.contains("Pike")));
    let others: Vec<String> = cells(&read(&out, "agenda_items"), "others_named");
    assert!(others.contains(&"1".to_string()), "{others:?}");
}

/// Named votes sum to their counts, except where the minutes disagree,
/// which is a warning.
#[test]
fn named_votes_sum_to_their_counts_or_are_warned() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), "E10000034", "");
    let counts = read(&out, "vote_counts");
    let votes = read(&out, "votes");
    let vote_of = strings(&votes, "vote_id");
    let option_of = strings(&votes, "option");
    let mut disagreements = 0;
    for (i, id) in strings(&counts, "vote_id").iter().enumerate() {
        let named = |option: &str| {
            (vote_of.iter().zip(&option_of))
                .filter(|(v, o)| *v == id && o.as_deref() == Some(option))
                .count()
                .to_string()
        };
        let printed = (
            cells(&counts, "votes_for")[i].clone(),
            cells(&counts, "votes_against")[i].clone(),
        );
        if printed != (named("for"), named("against")) {
            disagreements += 1;
        }
    }
    assert_eq!(disagreements, 1);
    let codes = strings(&read(&out, "parse_warnings"), "code");
    assert_eq!(
        codes
            .iter()
            .flatten()
            .filter(|c| *c == "vote_names_disagree")
            .count(),
        1
    );
    // Each vote names the resolution it decided.
    assert!(strings(&counts, "decision_id").iter().all(Option::is_some));
}

/// A Cabinet recommendation and the Council resolution on it are one
/// matter of two steps, and the decisions name it; with matching off,
/// there are no matters.
#[test]
fn a_recommendation_and_its_resolution_are_one_matter() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), "E10000034", "");
    let matters = read(&out, "matters");
    let titles = strings(&matters, "title");
    let budget = titles
        .iter()
        .position(|t| {
            t.as_deref()
                .is_some_and(|t| t.starts_with("Budget 2021/22"))
        })
        .expect("a budget matter");
    let matter_id = strings(&matters, "matter_id")[budget].clone().unwrap();
    assert_eq!(cells(&matters, "status")[budget], "decided");
    let steps = read(&out, "matter_steps");
    let of_budget: Vec<usize> = (0..steps.num_rows())
        .filter(|&i| strings(&steps, "matter_id")[i].as_deref() == Some(matter_id.as_str()))
        .collect();
    let step = |c: &str| {
        of_budget
            .iter()
            .map(|&i| cells(&steps, c)[i].clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(step("step"), ["recommended", "decided"]);
    assert_eq!(step("body_name"), ["Cabinet", "Council"]);
    assert!(step("evidence")[1].starts_with("recommended to Council"));
    // decisions.matter_id names the matter for both decisions.
    let decisions = read(&out, "decisions");
    let in_matter = strings(&decisions, "matter_id")
        .into_iter()
        .filter(|m| m.as_deref() == Some(matter_id.as_str()))
        .count();
    assert_eq!(in_matter, 2);
    // The graph links the steps to their decisions.
    let graph = std::fs::read_to_string(out.join("dataset.jsonld")).unwrap();
    assert!(graph.contains(&format!("\"rec:matter/{matter_id}\"")));

    let off = tempfile::tempdir().unwrap();
    let out = run(off.path(), "E10000034", "[link]\nmatters = false\n");
    assert_eq!(read(&out, "matters").num_rows(), 0);
    assert!(
        strings(&read(&out, "decisions"), "matter_id")
            .iter()
            .all(Option::is_none)
    );
}
