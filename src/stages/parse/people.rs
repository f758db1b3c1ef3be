//! Who sent apologies and who declared an interest, from the minutes.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{AgendaItem, Attendance, AttendanceStatus, Declaration, Meeting, Span};

/// "Apologies were received from X and Y." and its common variants.
static APOLOGIES: LazyLock<Regex> = LazyLock::new(|| {
    crate::stages::regex(concat!(
        r"(?i)\bapolog(?:y|ies)(?:\s+for\s+(?:absence|lateness))?\s+(?:(?:was|were|had been)\s+)?(?:received|submitted|reported|tendered|given)?\s*(?:on behalf of|from)\s+",
        r"(?-i)(.+?)(?:\.(?:\s|$)|;|\s+\(|$)"
    ))
    .unwrap()
});

/// "... declared a personal interest ..." / "... informed the Panel that he had ...".
static DECLARER: LazyLock<Regex> = LazyLock::new(|| {
    crate::stages::regex(r"^(?:•\s*)?((?:Councillors?|Cllr\.?|County Councillors?|Mr|Mrs|Ms|Miss|Dr|Alderman|Deputy)\s+(?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’-]+)").unwrap()
});

static NONE_DECLARED: LazyLock<Regex> = LazyLock::new(|| {
    crate::stages::regex(r"(?i)^(?:none\.?|nil\.?|no (?:declarations|interests)\b|there were no\b)")
        .unwrap()
});

pub fn collect(meeting: &mut Meeting) {
    let mut attendance = Vec::new();
    let mut declarations = Vec::new();
    for item in &meeting.items {
        let Some(minutes) = &item.minutes_text else {
            continue;
        };
        for caps in APOLOGIES.captures_iter(minutes) {
            let line = item
                .minutes_lines
                .line_at(caps.get(0).map_or(0, |m| m.start()));
            for name in split_names(&caps[1]) {
                attendance.push(Attendance {
                    person_name: name,
                    status: AttendanceStatus::Apologies,
                    role: None,
                    party: None,
                    ward: None,
                    item_position: Some(item.position),
                    span: Span::line(line),
                });
            }
        }
        if is_declarations_item(item) {
            for paragraph in minutes.split("\n\n") {
                let paragraph = paragraph.trim();
                let mentions_interest =
                    paragraph.to_lowercase().contains("interest") || DECLARER.is_match(paragraph);
                if paragraph.is_empty() || NONE_DECLARED.is_match(paragraph) || !mentions_interest {
                    continue;
                }
                let offset = paragraph.as_ptr() as usize - minutes.as_ptr() as usize;
                declarations.push(Declaration {
                    item_position: Some(item.position),
                    person_name: DECLARER.captures(paragraph).map(|c| c[1].to_string()),
                    text: paragraph.to_string(),
                    span: Span::line(item.minutes_lines.line_at(offset)),
                });
            }
        }
    }
    meeting.attendance = attendance;
    meeting.declarations = declarations;
}

fn is_declarations_item(item: &AgendaItem) -> bool {
    let title = item.title.as_deref().unwrap_or("").to_lowercase();
    title.contains("declaration") || title.contains("disclosure") || title.contains("datgan")
}

/// Approximate source line of a byte offset in an item's minutes: the
/// minutes start after the title, so count lines from the item's end back.
/// "Councillors A, B and C" -> ["A", "B", "C"]; honorifics are kept.
fn split_names(list: &str) -> Vec<String> {
    static PREFIX: LazyLock<Regex> = LazyLock::new(|| {
        crate::stages::regex(r"^(?:(?:County\s+)?Councillors?|Cllrs?\.?)\s+").unwrap()
    });
    list.split([',', '&'])
        .flat_map(|part| part.split(" and "))
        .map(|name| PREFIX.replace(name.trim(), "").trim().to_string())
        .filter(|name| {
            let words = name.split_whitespace().count();
            (1..=6).contains(&words) && name.chars().next().is_some_and(char::is_uppercase)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apology_lists_are_split_and_prefixes_dropped() {
        assert_eq!(
            split_names("Mr R W Banks and Mr P M McDonald"),
            ["Mr R W Banks", "Mr P M McDonald"]
        );
        assert_eq!(
            split_names("Councillors Maurice Corry, Audrey Forrest and Kieron Green"),
            ["Maurice Corry", "Audrey Forrest", "Kieron Green"]
        );
        let caps = APOLOGIES
            .captures("An apology was received from Councillor Nick Carter.")
            .unwrap();
        assert_eq!(split_names(&caps[1]), ["Nick Carter"]);
        let caps = APOLOGIES
            .captures("The Manager reported apologies from Mr Bradshaw, Mr Lehmann and Mr Webb.")
            .unwrap();
        assert_eq!(
            split_names(&caps[1]),
            ["Mr Bradshaw", "Mr Lehmann", "Mr Webb"]
        );
    }

    #[test]
    fn declarer_names_come_from_the_start_of_the_paragraph() {
        let c = DECLARER
            .captures("Mr S M Mackay informed the Panel that he had a relative.")
            .unwrap();
        assert_eq!(&c[1], "Mr S M Mackay");
        assert!(NONE_DECLARED.is_match("There were no declarations of interest."));
    }
}
