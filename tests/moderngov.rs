//! ModernGov at the source: the web service's XML and saved HTML pages in
//! tests/moderngov (real responses, see SOURCES.tsv), read by the real
//! binary, with exact values checked in the tables.

mod common;

use std::fs;
use std::path::Path;

use common::{cells, config, etl, read};

fn run(config: &Path, out: &Path) -> String {
    let o = etl(&[
        "run",
        config.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Columns of a table, row by row, as display text.
fn rows(out: &Path, table: &str, columns: &[&str]) -> Vec<Vec<String>> {
    let batch = read(out, table);
    let values: Vec<Vec<String>> = columns.iter().map(|c| cells(&batch, c)).collect();
    (0..batch.num_rows())
        .map(|r| values.iter().map(|v| v[r].clone()).collect())
        .collect()
}

fn dataset(inputs: &[&str], council: &str, read_extra: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path(), inputs, council, read_extra);
    run(&cfg, &dir.path().join("out"));
    dir
}

/// Runs one GetMeeting response, written to `dir`; the output directory.
fn run_meeting(dir: &Path, xml: &str) -> std::path::PathBuf {
    fs::write(dir.join("meeting.xml"), xml).unwrap();
    let cfg = dir.join("pipeline.toml");
    fs::write(
        &cfg,
        "[council]\nname = \"T\"\nidentifier = \"t\"\nlicence = \"OGL-UK-3.0\"\n[read]\ninputs = [\"meeting.xml\"]\n",
    )
    .unwrap();
    let out = dir.join("out");
    run(&cfg, &out);
    out
}

const XML: &[&str] = &[
    "tests/moderngov/committees.xml",
    "tests/moderngov/meetings.xml",
    "tests/moderngov/meeting_no_minutes.xml",
    "tests/moderngov/meeting_with_minutes.xml",
];

#[test]
fn web_service_meetings_have_exact_values() {
    let dir = dataset(XML, "", "");
    let out = dir.path().join("out");
    let docs = rows(
        &out,
        "source_documents",
        &["path", "page_type", "parse_status"],
    );
    let kinds: Vec<(&str, &str)> = docs
        .iter()
        .map(|r| (r[0].rsplit('/').next().unwrap(), r[1].as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("committees.xml", "listing"),
            ("meeting_no_minutes.xml", "meeting"),
            ("meeting_with_minutes.xml", "meeting"),
            ("meetings.xml", "listing"),
        ]
    );
    assert!(docs.iter().all(|r| r[2] == "parsed"), "{docs:?}");
    let venue = "Council Antechamber, Level 2, Town Hall Extension";
    assert_eq!(
        rows(
            &out,
            "meetings",
            &[
                "source_id",
                "body_name",
                "body_name_method",
                "start_date",
                "start_time",
                "status",
                "venue"
            ]
        ),
        [
            [
                "4966",
                "Audit Committee",
                "stated",
                "2026-01-13",
                "10:00:00",
                "Cancelled",
                venue
            ],
            [
                "4967",
                "Audit Committee",
                "stated",
                "2026-02-10",
                "10:00:00",
                "Confirmed",
                venue
            ],
        ]
    );
    assert_eq!(
        rows(
            &out,
            "agenda_items",
            &[
                "source_id",
                "position",
                "minute_number",
                "title",
                "kind",
                "restricted",
                "declaration_count",
                "is_call_in",
                "line_start",
                "line_end",
            ]
        ),
        [
            [
                "18831",
                "0",
                "1",
                "Minutes",
                "previous_minutes",
                "false",
                "0",
                "false",
                "22",
                "82"
            ],
            [
                "18833",
                "1",
                "9",
                "Work Programme",
                "substantive",
                "false",
                "0",
                "false",
                "83",
                "144"
            ],
        ]
    );
    assert_eq!(
        rows(&out, "agenda_items", &["agenda_text", "minutes_text"]),
        [
            [
                "To approve as a correct record the minutes of the meeting held on 25 November 2025.",
                "To approve the minutes of the meeting held on 25 November 2025 as a correct record.",
            ],
            [
                "The report of the Governance and Scrutiny Support Unit, attached.",
                "The Committee considered a report of the Governance and Scrutiny Support Unit which set out its future Work Programme for the remainder of 2025/26 municipal year.",
            ],
        ]
    );
    assert_eq!(
        rows(
            &out,
            "attachments",
            &[
                "title",
                "format",
                "url",
                "published_date",
                "restricted",
                "line_start"
            ]
        ),
        [
            [
                "6 - CHAIR APPROVED  Minutes Audit Committee 25 Nov 2025",
                "PDF",
                "https://democracy.manchester.gov.uk/mgConvert2PDF.aspx?ID=60860",
                "2026-02-02",
                "false",
                "65",
            ],
            [
                "DRAFT WP  FEBRUARY 2026",
                "PDF",
                "https://democracy.manchester.gov.uk/mgConvert2PDF.aspx?ID=60909",
                "2026-02-02",
                "false",
                "127",
            ],
        ]
    );
    // Party and ward are left out unless configured; photos never come.
    assert_eq!(
        rows(
            &out,
            "attendance",
            &[
                "person_name",
                "status",
                "role",
                "party",
                "ward",
                "line_start"
            ]
        ),
        [
            [
                "Councillor Basil Curley",
                "expected",
                "Committee Member",
                "",
                "",
                "24"
            ],
            [
                "Councillor Basil Curley",
                "expected",
                "Committee Member",
                "",
                "",
                "147"
            ],
        ]
    );
    let jsonld = fs::read_to_string(out.join("dataset.jsonld")).unwrap();
    assert!(!jsonld.contains("Charlestown") && !jsonld.contains("smallpic"));
}

#[test]
fn party_and_ward_come_only_when_configured() {
    let dir = dataset(XML, "", "attendee_party_and_ward = true");
    let out = dir.path().join("out");
    assert_eq!(
        rows(&out, "attendance", &["party", "ward"])[0],
        ["LAB", "Charlestown"]
    );
}

#[test]
fn restricted_items_keep_title_and_number_only() {
    let dir = tempfile::tempdir().unwrap();
    let xml = fs::read_to_string("tests/moderngov/meeting_with_minutes.xml").unwrap();
    // Item 18833 and one linked document restricted, as a council would.
    let second = xml.find("<agendaitemid>18833").unwrap();
    let (head, tail) = xml.split_at(second);
    let tail = tail.replacen(
        "<isrestricted>False</isrestricted>\n      <isdisplayallowed>",
        "<isrestricted>True</isrestricted>\n      <isdisplayallowed>",
        1,
    );
    let head = head.replacen(
        "<isrestricted>False</isrestricted>\n          <restrictionsRef>",
        "<isrestricted>True</isrestricted>\n          <restrictionsRef>",
        1,
    );
    let meeting = format!("{head}{tail}");
    let out = run_meeting(dir.path(), &meeting);
    assert_eq!(
        rows(
            &out,
            "agenda_items",
            &["title", "restricted", "agenda_text", "minutes_text"]
        ),
        [
            [
                "Minutes",
                "false",
                "To approve as a correct record the minutes of the meeting held on 25 November 2025.",
                "To approve the minutes of the meeting held on 25 November 2025 as a correct record.",
            ],
            ["Work Programme", "true", "", ""],
        ]
    );
    assert_eq!(
        rows(&out, "attachments", &["restricted", "url"]),
        [["true", ""], ["true", ""],]
    );
    for entry in fs::read_dir(&out).unwrap() {
        let bytes = fs::read(entry.unwrap().path()).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("future Work Programme") && !text.contains("ID=60909"));
    }
}

#[test]
fn saved_decision_pages_have_exact_values() {
    let dir = dataset(
        &[
            "tests/moderngov/modgov_decision_detail.html",
            "tests/moderngov/modgov_decision_detail_no_documents.html",
            "tests/moderngov/modgov_decision_multi_paragraph.html",
            "tests/moderngov/modgov_decisions_list.html",
            "tests/moderngov/modgov_officer_decisions_list.html",
        ],
        "base_url = \"https://democracy.kirklees.gov.uk\"",
        "",
    );
    let out = dir.path().join("out");
    let types: Vec<String> = cells(&read(&out, "source_documents"), "page_type");
    assert_eq!(
        types,
        ["decision", "decision", "decision", "listing", "listing"]
    );
    assert_eq!(
        rows(
            &out,
            "decision_records",
            &[
                "decision_maker",
                "decision_status",
                "key_decision",
                "subject_to_call_in",
                "decision_date",
                "publication_date"
            ]
        ),
        [
            [
                "Policy Committee",
                "Recommendations Approved",
                "false",
                "false",
                "2015-10-19",
                "2015-10-22"
            ],
            [
                "Strategic Director for Environment",
                "Recommendations Approved",
                "true",
                "true",
                "2026-08-04",
                "2026-08-05"
            ],
            [
                "Service Director - Homes & Neighbourhoods",
                "Recommendations Approved",
                "false",
                "false",
                "2021-07-27",
                "2025-12-10"
            ],
        ]
    );
    assert_eq!(
        rows(&out, "decisions", &["text", "line_start"]),
        [
            [
                "The Minutes of the Policy Committee meeting on 23 September 2015 were approved as a correct record.",
                "16",
            ],
            [
                "That approval be given to enable the contractor to consult on alternative processing arrangements, subject to employee consultation outcomes.",
                "17",
            ],
            [
                "The demolition of the existing tower blocks has been approved to support the regeneration of Berry Brow.\n\nThis decision was authorised by the Cabinet at its meeting on Tuesday, 27 July 2021.",
                "11",
            ],
        ]
    );
    assert_eq!(
        rows(&out, "agenda_items", &["title"]),
        [
            ["Minutes of Previous Meeting"],
            [
                "To enable the Council's waste treatment contractor to consult on alternative processing arrangements"
            ],
            ["Appointment of contractor to demolish Holme Park Court"],
        ]
    );
    assert_eq!(
        rows(
            &out,
            "attachments",
            &["title", "format", "size_text", "url", "line_start"]
        ),
        [[
            "polc2 - 23.09.2015",
            "PDF",
            "119 KB",
            "https://democracy.kirklees.gov.uk/documents/s7942/polc2%20-%2023.09.2015.pdf",
            "26",
        ]]
    );
}

#[test]
fn one_meeting_from_xml_and_from_text_has_one_set_of_ids() {
    let dir = dataset(
        &[
            "tests/moderngov/meeting_with_minutes.xml",
            "tests/moderngov/meeting_with_minutes.txt",
        ],
        "",
        "",
    );
    let out = dir.path().join("out");
    let docs = read(&out, "source_documents");
    let paths = cells(&docs, "path");
    assert!(paths[0].ends_with(".txt") && paths[1].ends_with(".xml"));
    let meetings = rows(&out, "meetings", &["meeting_id", "doc_id"]);
    assert_eq!(meetings.len(), 2);
    assert_eq!(meetings[0][0], meetings[1][0]);
    let items = rows(&out, "agenda_items", &["item_id", "minute_number", "title"]);
    assert_eq!(items.len(), 4);
    assert_eq!(items[0], items[2]);
    assert_eq!(items[1], items[3]);
    assert_ne!(items[0][0], items[1][0]);
}

#[test]
fn other_xml_is_reported_and_broken_xml_rejected() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("feed.xml"),
        "<?xml version=\"1.0\"?>\n<rss><channel/></rss>",
    )
    .unwrap();
    fs::write(
        dir.path().join("broken.xml"),
        "<?xml version=\"1.0\"?>\n<meeting>\n<meetingid>1</meetingid>\n<agendaitems>\n</meeting>",
    )
    .unwrap();
    let cfg = dir.path().join("pipeline.toml");
    fs::write(
        &cfg,
        "[council]\nname = \"T\"\nidentifier = \"t\"\nlicence = \"OGL-UK-3.0\"\n[run]\nmax_rejected = 1\n[read]\ninputs = [\"*.xml\"]\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    run(&cfg, &out);
    let docs = rows(
        &out,
        "source_documents",
        &["path", "parse_status", "reason"],
    );
    assert!(docs[0][0].ends_with("broken.xml"));
    assert_eq!(docs[0][1], "rejected");
    assert!(docs[0][2].starts_with("malformed XML: "), "{}", docs[0][2]);
    assert!(docs[0][2].contains("5:"), "names the line: {}", docs[0][2]);
    assert_eq!(docs[1][1], "partial");
    let warnings = rows(&out, "parse_warnings", &["code", "message"]);
    assert_eq!(warnings[0][0], "unrecognised_page");
    assert!(warnings[0][1].contains("<rss>"));
}

#[test]
fn an_html_field_nested_too_deep_is_skipped_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let xml = fs::read_to_string("tests/moderngov/meeting_with_minutes.xml").unwrap();
    let deep = format!(
        "<minutesnonemptyhtmlbody>{}RESOLVED that nothing be done.{}",
        "&lt;div&gt;".repeat(20_000),
        "&lt;/div&gt;".repeat(20_000)
    );
    let meeting = xml.replacen("<minutesnonemptyhtmlbody>", &deep, 1);
    let out = run_meeting(dir.path(), &meeting);
    let docs = rows(&out, "source_documents", &["parse_status"]);
    assert_eq!(docs, [["partial"]]);
    let warnings = rows(&out, "parse_warnings", &["code", "line", "message"]);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0][..2], ["html_unreadable", "43"]);
    assert!(
        warnings[0][2].contains("more than 512 deep"),
        "{warnings:?}"
    );
    // The meeting and its other item are read as before.
    let items = rows(&out, "agenda_items", &["title", "minutes_text"]);
    assert_eq!(items.len(), 2);
    assert_eq!(items[0], ["Minutes", ""]);
    assert!(!items[1][1].is_empty());
}
