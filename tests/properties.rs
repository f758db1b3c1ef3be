//! Property tests: clean + parse on arbitrary text never panic, keep line
//! spans inside the document, and never invent text.

use council_etl::stages::clean::clean;
use council_etl::stages::parse::ParseRules;
use council_etl::stages::parse::{Grammar, parse};
use proptest::prelude::*;

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
