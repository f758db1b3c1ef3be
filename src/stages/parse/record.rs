//! Decision-record fields ("Decision Maker:", "Is Key decision?:",
//! "Reasons for the decision:").

use std::sync::LazyLock;

use regex::Regex;

use super::Tok;
use super::dates::{parse_date, parse_uk_numeric_date};
use crate::model::{DecisionRecord, Span};

/// "Decision status: Recommendations Approved" -> ("decision status", value).
static FIELD: LazyLock<Regex> = LazyLock::new(|| {
    crate::stages::regex(concat!(
        r"(?i)^(decision maker|decision taker|decision taken by|decision status|reasons?(?: for (?:the )?decisions?)?|(?:alternative|other) options considered(?: and rejected)?",
        r"|alternatives? considered|is key decision\??|is subject to call in\??|key decision|date of decision",
        r"|decision made|effective from|publication date|date of publication|decision published|wards? affected|lead officer",
        r"|report author|call-?in (?:deadline|expiry date)|interests and nature of interests declared|decision due|(?:decided|made) at meeting|decision date|decision type|restricted|originally due",
        r"|date decision made|purpose(?: of (?:the )?(?:report|decision))?|reasons? for urgency|consultees|conflicts? of interest|dispensations?(?: granted)?)",
        // "Reasons for decision: ...", also after a dash: "REASONS FOR
        // DECISION - ...".
        r"(?:(?:\s*:|\s+[-–]\s+)\s*(.*)|\s*$)"
    ))
    .unwrap()
});

/// The labels of a record's field that names what it decides: "Title:
/// Award of grant ...", "Subject: ...".
pub const SUBJECT_LABELS: [&str; 2] = ["Title:", "Subject:"];

/// Does the line name what the record decides ("Subject: Speed limit")?
pub fn names_subject(text: &str) -> bool {
    SUBJECT_LABELS
        .iter()
        .any(|label| text.starts_with(label) && text.len() > label.len())
}

/// Is this line a record field (its name, with or without a value)?
pub fn is_field(text: &str) -> bool {
    FIELD.is_match(text)
}

/// A field line whose value follows on the next lines ("Reason for decision:").
pub fn opens_value(text: &str) -> bool {
    FIELD
        .captures(text)
        .is_some_and(|c| c.get(2).is_none_or(|v| v.as_str().trim().is_empty()))
}

/// One name for the fields councils name two ways.
fn canonical(name: &str) -> String {
    match name {
        "made at meeting" => "decided at meeting",
        "decision published" => "publication date",
        "decision date" | "date decision made" => "date of decision",
        "decision taker" | "decision taken by" => "decision maker",
        other if other.starts_with("other options") => "alternative options considered",
        other => other,
    }
    .to_string()
}

/// The record fields of a decision or issue page; values may run over
/// several tokens (a reasons paragraph).
pub fn record(toks: &[Tok]) -> Option<DecisionRecord> {
    let mut fields: Vec<(String, String)> = Vec::new();
    for t in toks {
        match crate::stages::captures(&FIELD, t.text) {
            Some(caps) => fields.push((
                canonical(&caps[1].to_lowercase()),
                caps.get(2).map_or("", |v| v.as_str()).trim().to_string(),
            )),
            None => {
                if let Some((_, value)) = fields.last_mut() {
                    if !value.is_empty() {
                        value.push('\n');
                    }
                    value.push_str(t.text);
                }
            }
        }
    }
    if fields.is_empty() {
        return None;
    }
    let get = |prefix: &str| {
        fields
            .iter()
            .find(|(name, value)| name.starts_with(prefix) && !value.is_empty())
            .map(|(_, value)| value.clone())
    };
    let yes_no = |prefix: &str| {
        get(prefix).and_then(|v| match v.to_lowercase().split_whitespace().next() {
            Some("yes") => Some(true),
            Some("no") => Some(false),
            _ => None,
        })
    };
    // "12/03/2024", or "14 June 2022" (on the field's line or the next).
    let date = |prefix: &str| {
        get(prefix).and_then(|v| {
            let first = v.lines().next().unwrap_or("");
            v.get(..10)
                .and_then(parse_uk_numeric_date)
                .or_else(|| parse_date(first))
        })
    };
    Some(DecisionRecord {
        decision_maker: get("decision maker").or_else(|| {
            get("decided at meeting").and_then(|v| Some(v.split_once(" - ")?.1.trim().to_string()))
        }),
        status: get("decision status"),
        key_decision: yes_no("is key decision").or_else(|| yes_no("key decision")),
        subject_to_call_in: yes_no("is subject to call in"),
        decision_date: date("date of decision")
            .or_else(|| date("decided at meeting"))
            .or_else(|| date("decision made")),
        publication_date: date("publication date").or_else(|| date("date of publication")),
        effective_from: date("effective from"),
        reasons: get("reason"),
        alternatives: get("alternative"),
        span: Span {
            line_start: toks.first().map_or(0, |t| t.line),
            line_end: toks.last().map_or(0, |t| t.line),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stages::parse::lines_as_toks as toks;
    use chrono::NaiveDate;

    #[test]
    fn decision_record_fields() {
        let r = record(&toks(&[
            "Decision Maker: Cabinet",
            "Decision status: Recommendations Approved (subject to call-in)",
            "Is Key decision?: No",
            "Is subject to call in?: Yes",
            "Reason for Decisions",
            "To keep Cabinet informed.",
            "Publication date: 12/09/2024",
            "Date of decision: 10/09/2024",
        ]))
        .unwrap();
        assert_eq!(r.decision_maker.as_deref(), Some("Cabinet"));
        assert_eq!(r.key_decision, Some(false));
        assert_eq!(r.subject_to_call_in, Some(true));
        assert_eq!(r.reasons.as_deref(), Some("To keep Cabinet informed."));
        assert_eq!(r.decision_date, NaiveDate::from_ymd_opt(2024, 9, 10));
        assert_eq!(r.publication_date, NaiveDate::from_ymd_opt(2024, 9, 12));
        assert_eq!(r.span.line_end, 8);
        assert!(opens_value("Reason for decision:"));
        assert!(!opens_value("Decision Maker: Cabinet"));
    }

    #[test]
    fn fields_after_a_dash_and_other_options() {
        let r = record(&toks(&[
            "REASONS FOR DECISION - To keep Cabinet informed.",
            "OTHER OPTIONS CONSIDERED AND REJECTED – None.",
        ]))
        .unwrap();
        assert_eq!(r.reasons.as_deref(), Some("To keep Cabinet informed."));
        assert_eq!(r.alternatives.as_deref(), Some("None."));
        // A hyphenated word is no dash.
        assert!(!is_field("Reasons-based budgeting was discussed."));
    }

    #[test]
    fn decided_at_meeting_gives_maker_and_date() {
        let r = record(&toks(&[
            "Decided at meeting: 17/09/2020 - Strategy Committee",
        ]))
        .unwrap();
        assert_eq!(r.decision_maker.as_deref(), Some("Strategy Committee"));
        assert_eq!(r.decision_date, NaiveDate::from_ymd_opt(2020, 9, 17));
        // The same fields under the other names councils give them.
        let r = record(&toks(&["Made at meeting: 17/09/2020 - Strategy Committee"])).unwrap();
        assert_eq!(r.decision_maker.as_deref(), Some("Strategy Committee"));
        let r = record(&toks(&[
            "Decision taker: Director",
            "Decision date: 17/09/2020",
        ]))
        .unwrap();
        assert_eq!(r.decision_maker.as_deref(), Some("Director"));
        assert_eq!(r.decision_date, NaiveDate::from_ymd_opt(2020, 9, 17));
        // The date on the line under its label; a purpose is a field too,
        // not the decision.
        let r = record(&toks(&["Date decision made:", "17 September 2020"])).unwrap();
        assert_eq!(r.decision_date, NaiveDate::from_ymd_opt(2020, 9, 17));
        assert!(is_field("Purpose:") && opens_value("Purpose:"));
        // "Decision published:" is the publication date; the interests
        // declared are a field of their own, not the alternatives' text.
        let r = record(&toks(&[
            "Alternative options considered:",
            "None.",
            "Interests and Nature of Interests Declared:",
            "None.",
            "Decision published: 18/04/2024",
        ]))
        .unwrap();
        assert_eq!(r.alternatives.as_deref(), Some("None."));
        assert_eq!(r.publication_date, NaiveDate::from_ymd_opt(2024, 4, 18));
    }
}
