//! Cross-references: "minutes of the meeting held on 8 February 2018"
//! (the previous meeting, by date), "view the full minutes text for item
//! 1839", "Appendix to Agenda item 6", "Minute No. 123" (items, by number).

use std::sync::LazyLock;

use regex_automata::meta;

use super::vocabulary::{Hit, ItemHits, Trigger, anchored_matches, word_starts};
use crate::model::{AgendaItem, LineMap, Reference, Span};
use crate::stages::parse::parse_date;

/// The word a reference to a previous meeting opens with.
pub const PREVIOUS_MEETING_WORDS: &[&str] = &["minutes"];

/// The words a reference to an item opens with.
pub const ITEM_WORDS: &[&str] = &["agenda", "item", "minute"];

static PREVIOUS_MEETING: LazyLock<meta::Regex> = LazyLock::new(|| {
    crate::stages::anchored_regex(concat!(
        r"(?i)\bminutes\s+of\s+the\s+(?:last\s+|previous\s+)?(?:[\w&'’-]+\s+){0,6}?meeting\s+",
        r"(?:of\s+the\s+(?:[\w&'’-]+\s+){1,6}?)?held\s+on\s+(?:the\s+)?",
        r"(?:[A-Z][a-z]+day,?\s+)?(\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]+,?\s+\d{4})"
    ))
    .unwrap()
});

static ITEM: LazyLock<meta::Regex> = LazyLock::new(|| {
    crate::stages::anchored_regex(concat!(
        r"(?i)\b(?:(agenda)\s+item\s+(?:no\.?\s*)?|item\s+(\d[\w./]*)\s+of\s+the\s+agenda|",
        r"(minute)\s+(?:no\.?\s*)?)(\d[\w./]*)?"
    ))
    .unwrap()
});

pub fn find(item: &AgendaItem, hits: &ItemHits) -> Vec<Reference> {
    let mut out = Vec::new();
    for (text, lines, hits) in hits.body(item) {
        scan(text, hits, lines, &mut out);
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

fn scan(text: &str, hits: &[Hit], lines: &LineMap, out: &mut Vec<Reference>) {
    let starts = |trigger| word_starts(text, hits, trigger);
    anchored_matches(
        &PREVIOUS_MEETING,
        text,
        starts(Trigger::PreviousMeeting),
        |caps| {
            let (Some(whole), Some(date)) = (caps.get_match(), caps.get_group(1)) else {
                return;
            };
            out.push(Reference {
                kind: "previous_meeting",
                raw: text[whole.range()].to_string(),
                date: parse_date(&text[date.range()]),
                item_number: None,
                meeting_id: None,
                span: lines.span(whole.start(), whole.end()),
            });
        },
    );
    anchored_matches(&ITEM, text, starts(Trigger::ItemReference), |caps| {
        let Some(whole) = caps.get_match() else {
            return;
        };
        let number = caps.get_group(2).or(caps.get_group(4)).map(|m| {
            text[m.range()]
                .trim_end_matches(['.', ',', ')'])
                .to_string()
        });
        let Some(number) = number.filter(|n| !n.is_empty()) else {
            return;
        };
        let kind = if caps.get_group(3).is_some() {
            "minutes_item"
        } else {
            "agenda_item"
        };
        out.push(Reference {
            kind,
            raw: text[whole.range()]
                .trim_end_matches(['.', ',', ')'])
                .to_string(),
            date: None,
            item_number: Some(number),
            meeting_id: None,
            span: lines.span(whole.start(), whole.end()),
        });
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stages::enrich::vocabulary::Vocabulary;
    use chrono::NaiveDate;

    fn refs(text: &str) -> Vec<Reference> {
        let hits = Vocabulary::new(&[], &[]).unwrap().scan(text);
        let mut out = Vec::new();
        scan(text, &hits, &LineMap(vec![(0, 7)]), &mut out);
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
