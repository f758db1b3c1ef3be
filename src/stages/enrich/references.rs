//! Cross-references: "minutes of the meeting held on 8 February 2018"
//! (the previous meeting, by date), "view the full minutes text for item
//! 1839", "Appendix to Agenda item 6", "Minute No. 123" (items, by number).

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{AgendaItem, LineMap, Reference, Span};
use crate::stages::parse::parse_date;

static PREVIOUS_MEETING: LazyLock<Regex> = LazyLock::new(|| {
    crate::stages::regex(concat!(
        r"(?i)\bminutes\s+of\s+the\s+(?:last\s+|previous\s+)?(?:[\w&'’-]+\s+){0,6}?meeting\s+",
        r"(?:of\s+the\s+(?:[\w&'’-]+\s+){1,6}?)?held\s+on\s+(?:the\s+)?",
        r"(?:[A-Z][a-z]+day,?\s+)?(\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]+,?\s+\d{4})"
    ))
    .unwrap()
});

static ITEM: LazyLock<Regex> = LazyLock::new(|| {
    crate::stages::regex(concat!(
        r"(?i)\b(?:(agenda)\s+item\s+(?:no\.?\s*)?|item\s+(\d[\w./]*)\s+of\s+the\s+agenda|",
        r"(minute)\s+(?:no\.?\s*)?)(\d[\w./]*)?"
    ))
    .unwrap()
});

pub fn find(item: &AgendaItem) -> Vec<Reference> {
    let mut out = Vec::new();
    for (text, lines) in [
        (item.agenda_text.as_deref(), &item.agenda_lines),
        (item.minutes_text.as_deref(), &item.minutes_lines),
    ] {
        let Some(text) = text else { continue };
        scan(text, lines, &mut out);
    }
    if let Some((number, line)) = &item.full_text_marker {
        out.push(Reference {
            kind: "minutes_item",
            raw: format!("view the full minutes text for item {number}"),
            date: None,
            item_number: Some(number.clone()),
            meeting_id: None,
            span: Span::line(*line),
        });
    }
    out
}

fn scan(text: &str, lines: &LineMap, out: &mut Vec<Reference>) {
    for caps in PREVIOUS_MEETING.captures_iter(text) {
        let whole = caps.get(0).expect("whole match");
        out.push(Reference {
            kind: "previous_meeting",
            raw: whole.as_str().to_string(),
            date: parse_date(&caps[1]),
            item_number: None,
            meeting_id: None,
            span: lines.span(whole.start(), whole.end()),
        });
    }
    for caps in ITEM.captures_iter(text) {
        let whole = caps.get(0).expect("whole match");
        let number = caps
            .get(2)
            .or(caps.get(4))
            .map(|m| m.as_str().trim_end_matches(['.', ',', ')']).to_string());
        let Some(number) = number.filter(|n| !n.is_empty()) else {
            continue;
        };
        let kind = if caps.get(3).is_some() {
            "minutes_item"
        } else {
            "agenda_item"
        };
        out.push(Reference {
            kind,
            raw: whole.as_str().trim_end_matches(['.', ',', ')']).to_string(),
            date: None,
            item_number: Some(number),
            meeting_id: None,
            span: lines.span(whole.start(), whole.end()),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn refs(text: &str) -> Vec<Reference> {
        let mut out = Vec::new();
        scan(text, &LineMap(vec![(0, 7)]), &mut out);
        out
    }

    #[test]
    fn previous_meeting_by_date() {
        let r =
            refs("RESOLVED that the Minutes of the meeting held on 8 February 2018 be confirmed.");
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].kind, "previous_meeting");
        assert_eq!(r[0].date, NaiveDate::from_ymd_opt(2018, 2, 8));
        assert_eq!(r[0].span.line_start, 7);
        let r =
            refs("the minutes of the last meeting of the Cabinet held on Thursday 14th July, 2021");
        assert_eq!(r[0].date, NaiveDate::from_ymd_opt(2021, 7, 14));
    }

    #[test]
    fn items_by_number() {
        let r = refs(
            "See the Appendix to Agenda item 6. In relation to item 16 of the agenda, and Minute No. 123.",
        );
        let found: Vec<_> = r
            .iter()
            .map(|r| (r.kind, r.item_number.clone().unwrap()))
            .collect();
        assert_eq!(
            found,
            [
                ("agenda_item", "6".to_string()),
                ("agenda_item", "16".to_string()),
                ("minutes_item", "123".to_string())
            ]
        );
        assert!(refs("the agenda item was long").is_empty());
    }
}
