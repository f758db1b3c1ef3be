//! Who sent apologies and who declared an interest, from the minutes.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{AgendaItem, Attendance, AttendanceStatus, Declaration, Meeting, Span};

/// What opens a list of apologies: "Apologies were received from" and its
/// common variants, or an "Apologies:" label at the start of a line. The
/// list itself is cut by [`list_end`], which knows initials.
static APOLOGIES: LazyLock<Regex> = LazyLock::new(|| {
    crate::stages::regex(concat!(
        r"(?i)\bapolog(?:y|ies)(?:\s+for\s+(?:absence|lateness))?\s+(?:(?:was|were|had been)\s+)?(?:received|submitted|reported|tendered|given)?\s*(?:on behalf of|from)\s+",
        r"|(?m)^(?:apolog(?:y|ies)(?:\s+for\s+absence)?|ymddiheuriadau)\s*:[ \t]*",
    ))
    .unwrap()
});

/// Where a list of names that starts `list` ends: at the end of its line,
/// at "(" or, in running text, at ";" or at a full stop that does not
/// close an initial or a title ("R. T. Pemberton", "Dr. Lee").
fn list_end(list: &str, labelled: bool) -> usize {
    let line = list.find('\n').unwrap_or(list.len());
    let list = &list[..line];
    let mut end = list.find(" (").unwrap_or(list.len());
    if !labelled {
        end = end.min(list.find(';').unwrap_or(list.len()));
    }
    for (i, _) in list[..end].match_indices('.') {
        let followed = list[i + 1..].chars().next().is_none_or(char::is_whitespace);
        let word = list[..i]
            .rsplit(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("");
        let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
        let title = ["Mr", "Mrs", "Ms", "Dr", "Cllr", "St"].contains(&word);
        if followed && !initial && !title {
            return i;
        }
    }
    end
}

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
        // Minutes record who sent apologies; on pages without a minutes
        // label the record is the item's only text.
        let (text, lines) = match (&item.minutes_text, &item.agenda_text) {
            (Some(minutes), _) => (minutes, &item.minutes_lines),
            (None, Some(agenda)) => (agenda, &item.agenda_lines),
            (None, None) => continue,
        };
        for opener in APOLOGIES.find_iter(text) {
            let labelled = opener.as_str().trim_end().ends_with(':');
            let rest = &text[opener.end()..];
            let list = &rest[..list_end(rest, labelled)];
            let line = lines.line_at(opener.start());
            for name in split_names(list) {
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
        let Some(minutes) = &item.minutes_text else {
            continue;
        };
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
    list.split([',', '&', ';'])
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
        let names = |text: &str| {
            let opener = APOLOGIES.find(text).unwrap();
            let labelled = opener.as_str().trim_end().ends_with(':');
            let rest = &text[opener.end()..];
            split_names(&rest[..list_end(rest, labelled)])
        };
        assert_eq!(
            names("An apology was received from Councillor Nick Carter."),
            ["Nick Carter"]
        );
        assert_eq!(
            names("The Manager reported apologies from Mr Bradshaw, Mr Lehmann and Mr Webb. Then"),
            ["Mr Bradshaw", "Mr Lehmann", "Mr Webb"]
        );
        assert_eq!(
            names(
                "Apologies for absence were received from Councillors Hartley, Osei and R. T. Pemberton.\nNext"
            ),
            ["Hartley", "Osei", "R. T. Pemberton"]
        );
        assert_eq!(
            names("None.\nApologies: Cllr Amira Haddad; Cllr Tom Bright; Cllr J. P. Walsh\nMore"),
            ["Amira Haddad", "Tom Bright", "J. P. Walsh"]
        );
        assert_eq!(
            names("Apologies were received from Dr. Lee (substitute: Mr Khan)."),
            ["Dr. Lee"]
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
