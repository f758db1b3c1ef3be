//! Property tests: clean + parse on arbitrary text never panic, keep line
//! spans inside the document, and never invent text; any text, HTML page,
//! web-service response or pipeline.toml is read without a panic, and what
//! a document becomes encodes into Parquet and JSON-LD that load back.
//! (tests/fuzz.sh explores the same readers for longer, coverage-guided.)

use std::path::Path;
use std::sync::LazyLock;

use council_etl::config::{Overrides, Pipeline};
use council_etl::model::{Document, PageType};
use council_etl::run::{Shared, process_bytes};
use council_etl::stages::clean::clean;
use council_etl::stages::parse::ParseRules;
use council_etl::stages::parse::{Grammar, parse};
use council_etl::stages::read::html;
use council_etl::stages::write::{Encoded, encode_in_memory};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use proptest::prelude::*;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The project's pipeline.toml, over the seeds.
static PIPELINE: LazyLock<Pipeline> = LazyLock::new(|| {
    let overrides = Overrides {
        inputs: vec![format!("{ROOT}/seeds")],
        ..Overrides::default()
    };
    Pipeline::load(&Path::new(ROOT).join("pipeline.toml"), &overrides).unwrap()
});
static SHARED: LazyLock<Shared<'static>> = LazyLock::new(|| Shared::new(&PIPELINE));

/// `bytes` through the run's stages and into files, read back: every
/// table written has its rows, the graph its nodes.
fn through_the_pipeline(bytes: &[u8]) -> Result<Document, TestCaseError> {
    let doc = process_bytes("p.txt".into(), bytes, "00".repeat(32), &SHARED);
    let Encoded { tables, graph } = encode_in_memory(&doc, &PIPELINE.write, &PIPELINE.council)
        .map_err(|e| TestCaseError::fail(format!("{e:#}")))?;
    prop_assert!(tables.iter().any(|(name, _)| *name == "source_documents"));
    for (name, file) in tables {
        let reader = ParquetRecordBatchReaderBuilder::try_new(bytes::Bytes::from(file))
            .map_err(|e| TestCaseError::fail(format!("{name}: {e}")))?
            .build()
            .unwrap();
        let rows: usize = reader.map(|b| b.unwrap().num_rows()).sum();
        prop_assert!(rows > 0, "{}", name);
    }
    let graph: serde_json::Value =
        serde_json::from_slice(&graph).map_err(|e| TestCaseError::fail(format!("JSON-LD: {e}")))?;
    prop_assert!(
        graph["@graph"]
            .as_array()
            .is_some_and(|nodes| !nodes.is_empty())
    );
    Ok(doc)
}

/// Lines a council page is made of, and noise around them, so generated
/// documents reach deep into the parser rather than staying prose.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Agenda and minutes".to_string()),
        Just("Issue - meetings".to_string()),
        Just("Decision details".to_string()),
        Just("No. Item".to_string()),
        Just("| No. | Item |".to_string()),
        Just("|---|---|".to_string()),
        Just("|".to_string()),
        Just("Minutes:".to_string()),
        Just("Additional documents:".to_string()),
        Just("Decision:".to_string()),
        Just("RESOLVED that:".to_string()),
        Just("(a) the report be noted; and".to_string()),
        Just("Meeting: 21/10/2021 - Board (Item 63)".to_string()),
        Just("Decision Maker: Cabinet".to_string()),
        Just("Reason for decision:".to_string()),
        Just("For: 6, Against: 2, Abstentions: 1".to_string()),
        Just("Apologies were received from Councillors A, B and C.".to_string()),
        Just("Venue: County Hall. View directions".to_string()),
        Just("Contact: Jo Bloggs 01905 123456 jo@example.com".to_string()),
        Just("• 4 - APPOINTMENT OF VICE-CHAIRMAN".to_string()),
        Just("Budget Report pdf icon PDF 168 KB".to_string()),
        Just("£4.1million be recommended to Council".to_string()),
        Just(" ...  view the full minutes text for item 1839.".to_string()),
        Just(String::new()),
        "[0-9]{1,4}[.a-z]?".prop_map(|s| s),
        "[A-Za-z ,.:;|()£'’-]{0,80}",
        any::<String>().prop_map(|s| s.chars().take(60).collect()),
    ]
}

fn document() -> impl Strategy<Value = String> {
    prop::collection::vec(line(), 0..80).prop_map(|lines| lines.join("\n"))
}

fn grammar() -> Grammar {
    Grammar::new(&ParseRules {
        minutes_labels: vec!["Minutes".into(), "Cofnod".into()],
        resolution_words: vec!["RESOLVED".into(), "AGREED".into()],
    })
    .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn parse_keeps_spans_in_bounds_and_invents_no_text(text in document()) {
        let cleaned = clean(&text, &["·".to_string(), "•".to_string()]);
        let parsed = parse(&cleaned, &grammar());
        let last_line = text.split('\n').count() as u32;
        let in_bounds = |start: u32, end: u32| start <= end && end <= last_line;
        // Every line of extracted text is a piece of the cleaned page.
        let from_page = |field: &Option<String>| {
            field.iter().flat_map(|t| t.lines()).all(|l| cleaned.text.contains(l.trim()))
        };
        for meeting in &parsed.meetings {
            for item in &meeting.items {
                prop_assert!(in_bounds(item.span.line_start, item.span.line_end), "{:?}", item.span);
                prop_assert!(from_page(&item.title));
                prop_assert!(from_page(&item.agenda_text));
                prop_assert!(from_page(&item.minutes_text));
                prop_assert!(from_page(&item.decision_text));
                for decision in &item.decisions {
                    prop_assert!(in_bounds(decision.span.line_start, decision.span.line_end));
                    for clause in &decision.clauses {
                        prop_assert!(in_bounds(clause.span.line_start, clause.span.line_end));
                    }
                }
            }
        }
        for warning in &parsed.warnings {
            prop_assert!(warning.line.is_none_or(|l| l <= last_line));
        }
    }
}

/// Markup pages are made of: real tags, unbalanced ends, entities,
/// comments, script, and the text lines above.
fn html_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("<div>".to_string()),
        Just("</div>".to_string()),
        Just("<p>".to_string()),
        Just("</span>".to_string()),
        Just("<ul><li>".to_string()),
        Just("<li>".to_string()),
        Just("<table><tr><td>".to_string()),
        Just("<td>".to_string()),
        Just("<br>".to_string()),
        Just("<a href=\"mgIssueHistoryHome.aspx?IId=1\">".to_string()),
        Just("<a href=\"../documents/s1/Report.pdf\">".to_string()),
        Just("</a>".to_string()),
        Just("<img alt=\"pdf icon\">".to_string()),
        Just("<span class=\"mgHide\">".to_string()),
        Just("<script>var x = '<div>';</script>".to_string()),
        Just("<!-- <div> -->".to_string()),
        Just("&nbsp;&amp;&#47;&bogus;".to_string()),
        Just("\n".to_string()),
        line(),
    ]
}

fn html_page() -> impl Strategy<Value = String> {
    prop::collection::vec(html_piece(), 0..120)
        .prop_map(|pieces| format!("<html><body>{}", pieces.concat()))
}

/// A GetMeeting response with generated fields and HTML minutes.
fn meeting_xml() -> impl Strategy<Value = String> {
    let field = prop_oneof![
        Just("13/01/2026".to_string()),
        Just("2026-01-13T10:00:00".to_string()),
        Just("10.00 am".to_string()),
        Just("True".to_string()),
        "[A-Za-z0-9 /:.]{0,20}",
    ];
    let item = (field.clone(), html_page(), html_page(), field.clone()).prop_map(
        |(number, agenda, minutes, restricted)| {
            let escape = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;");
            format!(
                "<agendaitem><agendaitemid>1</agendaitemid><fulldisplaynumberformat>{number}</fulldisplaynumberformat>\
                 <agendaitemtitle>Budget</agendaitemtitle><isrestricted>{restricted}</isrestricted>\
                 <agendatext>{}</agendatext><minutesnonemptyhtmlbody>{}</minutesnonemptyhtmlbody></agendaitem>",
                escape(&agenda),
                escape(&minutes)
            )
        },
    );
    (field.clone(), field, prop::collection::vec(item, 0..4)).prop_map(|(date, time, items)| {
        format!(
            "<?xml version=\"1.0\"?>\n<meeting><meetingid>7</meetingid><meetingdate>{date}</meetingdate>\
             <meetingtime>{time}</meetingtime><agendaitems>{}</agendaitems>\
             <attendees><attendee name=\"Councillor A\" attendance=\"Present\"/></attendees></meeting>",
            items.concat()
        )
    })
}

/// pipeline.toml lines: real tables and keys, values of every type, and
/// noise.
fn config_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("[council]".to_string()),
        Just("name = \"C\"".to_string()),
        Just("identifier = \"E1\"".to_string()),
        Just("licence = \"OGL-UK-3.0\"".to_string()),
        Just("[publish]".to_string()),
        Just("base_iri = \"https://d.example/x\"".to_string()),
        Just("themes = [\"GOVE\", \"nope\"]".to_string()),
        Just("contact_url = \"mailto:a@b\"".to_string()),
        Just("[run]".to_string()),
        Just("threads = 99999999999".to_string()),
        Just("batch_size = -1".to_string()),
        Just("[read]".to_string()),
        Just("inputs = [\"seeds\"]".to_string()),
        Just("[parse]".to_string()),
        Just("resolution_words = [\"(\", \"RESOLVED\"]".to_string()),
        Just("[enrich]".to_string()),
        Just("organisations = [\"\"]".to_string()),
        Just("[enrich.topic_keywords]".to_string()),
        Just("x = [\"y\"]".to_string()),
        Just("[write]".to_string()),
        Just("zstd_level = 23".to_string()),
        Just("csv = true".to_string()),
        Just("row_group_size = \"big\"".to_string()),
        Just("unknown = 1".to_string()),
        "[a-z_]{1,12} = [0-9\"\\[\\]a-z, ]{0,12}",
        any::<String>().prop_map(|s| s.chars().take(40).collect()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    #[test]
    fn any_text_page_encodes(text in document()) {
        through_the_pipeline(text.as_bytes())?;
    }

    #[test]
    fn any_bytes_are_accounted_for(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        through_the_pipeline(&bytes)?;
    }

    #[test]
    fn any_html_page_renders_in_bounds_and_encodes(page in html_page()) {
        let rendered = html::render(&page).unwrap();
        prop_assert!(rendered.links.iter().all(|l| l.line as usize <= rendered.source_lines.len()));
        let source_lines = page.split('\n').count() as u32;
        prop_assert!(rendered.source_lines.iter().all(|&l| (1..=source_lines).contains(&l)));
        prop_assert!(rendered.text.is_empty() || rendered.source_lines.len() == rendered.text.split('\n').count());
        through_the_pipeline(page.as_bytes())?;
    }

    #[test]
    fn any_meeting_response_encodes(xml in meeting_xml()) {
        let doc = through_the_pipeline(xml.as_bytes())?;
        prop_assert_eq!(doc.page_type, PageType::Meeting, "{:?}", doc.reason);
        prop_assert_eq!(doc.meetings.len(), 1);
    }

    #[test]
    fn any_config_is_compiled_or_refused_with_positions_inside_it(
        lines in prop::collection::vec(config_line(), 0..20)
    ) {
        let text = lines.join("\n");
        let overrides = Overrides { inputs: vec![format!("{ROOT}/seeds")], ..Overrides::default() };
        if let Err(errors) = Pipeline::compile(&text, "pipeline.toml", Path::new(ROOT), &overrides) {
            prop_assert!(!errors.0.is_empty());
            for error in errors.0 {
                prop_assert_eq!(&error.file, "pipeline.toml");
                if let Some((line, _)) = error.position {
                    prop_assert!(line >= 1 && line <= lines.len().max(1), "{}: {}", line, error.message);
                }
            }
        }
    }
}
