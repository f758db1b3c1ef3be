//! Declarations of interest in a "Declarations of Interest" item's
//! minutes: one row per paragraph that declares one, with who declared,
//! the kind of interest and the item it concerns, where the text says.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{AgendaItem, Declaration, Span, Word};

/// Is this the item under which members declare their interests?
pub fn is_declarations_item(item: &AgendaItem) -> bool {
    let title = item.title.as_deref().unwrap_or("").to_lowercase();
    title.contains("declaration") || title.contains("disclosure") || title.contains("datgan")
}

/// The declarations in a declarations item's minutes.
pub fn find(item: &AgendaItem, out: &mut Vec<Declaration>) {
    let Some(minutes) = &item.minutes_text else {
        return;
    };
    for paragraph in minutes.split("\n\n") {
        let paragraph = paragraph.trim();
        let listed = LISTED.captures(paragraph);
        let mentions_interest = paragraph.to_lowercase().contains("interest")
            || DECLARER.is_match(paragraph)
            || listed.is_some();
        if paragraph.is_empty() || NONE_DECLARED.is_match(paragraph) || !mentions_interest {
            continue;
        }
        let offset = paragraph.as_ptr() as usize - minutes.as_ptr() as usize;
        let people = match &listed {
            Some(caps) => vec![Some(caps["name"].to_string())],
            None => match declared_together(paragraph) {
                names if !names.is_empty() => names.into_iter().map(Some).collect(),
                _ => vec![declarer(paragraph)],
            },
        };
        let concerns = listed
            .as_ref()
            .map(|caps| caps["item"].to_string())
            .or_else(|| concerned_item(paragraph));
        let interest = interest_kind(paragraph);
        for person_name in people {
            out.push(Declaration {
                item_position: Some(item.position),
                person_name,
                person_id: None,
                interest,
                concerns_item: concerns.clone(),
                text: paragraph.to_string(),
                span: Span::line(item.minutes_lines.line_at(offset)),
            });
        }
    }
}

/// "Councillors Martin Lawton and Pat Midgley declared prejudicial
/// interests ...": each member declared, so each gets a row, the title
/// put in the singular ("Councillor Martin Lawton"). Empty when the
/// paragraph names no such list, or when what stands between the title
/// and the verb is prose, not names.
fn declared_together(paragraph: &str) -> Vec<String> {
    static TOGETHER: LazyLock<Regex> = LazyLock::new(|| {
        crate::stages::regex(
            r"\b(?P<title>(?:County )?Councillors|Cllrs\.?)\s+(?P<list>[A-Z][^;:]{0,200}?)\s+(?:each\s+|both\s+|all\s+)?(?:declared|disclosed)\b",
        )
        .unwrap()
    });
    let Some(caps) = crate::stages::captures(&TOGETHER, paragraph) else {
        return Vec::new();
    };
    let list = &caps["list"];
    let names_only = list
        .split_whitespace()
        .all(|word| word == "and" || word == "&" || word.starts_with(|c: char| c.is_uppercase()));
    if !names_only {
        return Vec::new();
    }
    let title = caps["title"].trim_end_matches('.');
    let title = title.strip_suffix('s').unwrap_or(title);
    super::people::split_names(list)
        .into_iter()
        .map(|name| format!("{title} {name}"))
        .collect()
}

/// A member's name and title, as minutes print them.
const NAME: &str = r"(?:Councillors?|Cllr\.?|County Councillors?|Mr|Mrs|Ms|Miss|Dr|Alderman|Deputy)\s+(?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’-]+";

/// "... declared a personal interest ..." / "... informed the Panel that
/// he had ...": the name that opens the paragraph.
static DECLARER: LazyLock<Regex> =
    LazyLock::new(|| crate::stages::regex(&format!(r"^(?:•\s*)?({NAME})")).unwrap());

/// "The Chair, Councillor Grewal, declared ...": a name before the verb
/// further into the paragraph.
static NAMED_BEFORE_VERB: LazyLock<Regex> = LazyLock::new(|| {
    crate::stages::regex(&format!(
        r"({NAME})(?:,[^,.]{{0,60}},|,)?\s+(?:declared|disclosed|indicated|advised)\b"
    ))
    .unwrap()
});

/// "Item 6: Mr A Jarvie (non-financial)": a transparency statement's list,
/// as Scottish minutes print it.
static LISTED: LazyLock<Regex> = LazyLock::new(|| {
    crate::stages::regex(&format!(
        r"^(?i:item)\s+(?P<item>[\w./]+):\s*(?P<name>{NAME})\s*\([^)]*\)"
    ))
    .unwrap()
});

static NONE_DECLARED: LazyLock<Regex> = LazyLock::new(|| {
    crate::stages::regex(r"(?i)^(?:none\.?|nil\.?|no (?:declarations|interests)\b|there were no\b)")
        .unwrap()
});

fn declarer(paragraph: &str) -> Option<String> {
    let caps = crate::stages::captures(&DECLARER, paragraph)
        .or_else(|| crate::stages::captures(&NAMED_BEFORE_VERB, paragraph))?;
    Some(caps[1].to_string())
}

/// The kind of interest, in the words of the codes of conduct (England's
/// disclosable pecuniary / other registrable / non-registrable, Kent's
/// and Medway's other significant, the older personal and prejudicial,
/// Scotland's financial / non-financial), the strongest where a paragraph
/// names several.
fn interest_kind(paragraph: &str) -> Option<Word> {
    const KINDS: [(&str, Word); 11] = [
        ("disclosable pecuniary", "disclosable_pecuniary"),
        ("other registrable", "other_registrable"),
        ("other registerable", "other_registrable"),
        ("other significant", "other_significant"),
        ("non-registrable", "non_registrable"),
        ("non-registerable", "non_registrable"),
        ("non-pecuniary", "non_pecuniary"),
        ("pecuniary", "pecuniary"),
        ("prejudicial", "prejudicial"),
        ("non-financial", "non_financial"),
        ("financial", "financial"),
    ];
    let lower = paragraph.to_lowercase().replace("non ", "non-");
    KINDS
        .iter()
        .find(|(words, _)| lower.contains(words))
        .map(|&(_, kind)| kind)
        .or_else(|| lower.contains("personal").then_some("personal"))
}

/// "... an interest in item 47", "Agenda Item 6", "minute 12": the item
/// the declaration is about, as printed.
fn concerned_item(paragraph: &str) -> Option<String> {
    static ITEM: LazyLock<Regex> = LazyLock::new(|| {
        crate::stages::regex(
            r"(?i)\b(?:agenda\s+)?(?:item|minute)\s+(?:no\.?\s*)?(\d{1,4}(?:\.\d{1,2}|[a-z])?)\b",
        )
        .unwrap()
    });
    Some(crate::stages::captures(&ITEM, paragraph)?[1].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn who_declared_what_kind_about_which_item() {
        let cases = [
            (
                "Mr S M Mackay informed the Panel that he had a relative.",
                (Some("Mr S M Mackay"), None, None),
            ),
            (
                "The Chair, Councillor Grewal, declared a personal and prejudicial interest in agenda item 3 (Castleview Scrutiny).",
                (Some("Councillor Grewal"), Some("prejudicial"), Some("3")),
            ),
            (
                "Councillor Evans declared a non registrable interest in application 23/00412/FUL.",
                (Some("Councillor Evans"), Some("non_registrable"), None),
            ),
            (
                "Councillor A Brown declared a Disclosable Pecuniary Interest in Item 12 and left the room.",
                (
                    Some("Councillor A Brown"),
                    Some("disclosable_pecuniary"),
                    Some("12"),
                ),
            ),
            (
                "Item 6: Mr A Jarvie (non-financial)",
                (Some("Mr A Jarvie"), Some("non_financial"), Some("6")),
            ),
            (
                "Mr M Payne declared an Other Significant Interest in the Minerals Plan (item 10).",
                (Some("Mr M Payne"), Some("other_significant"), Some("10")),
            ),
        ];
        for (text, (name, kind, item)) in cases {
            let minutes = format!("{text}\n\nThere were no other declarations.");
            let declarations_item = AgendaItem {
                title: Some("Declarations of Interest".into()),
                minutes_text: Some(minutes),
                ..Default::default()
            };
            let mut out = Vec::new();
            find(&declarations_item, &mut out);
            let [d] = out.as_slice() else {
                panic!("{text}: {out:?}");
            };
            assert_eq!(d.person_name.as_deref(), name, "{text}");
            assert_eq!(d.interest, kind, "{text}");
            assert_eq!(d.concerns_item.as_deref(), item, "{text}");
        }
    }

    #[test]
    fn members_declaring_together_get_a_row_each() {
        let declared = |text: &str| {
            let item = AgendaItem {
                title: Some("Declarations of Interest".into()),
                minutes_text: Some(text.into()),
                ..Default::default()
            };
            let mut out = Vec::new();
            find(&item, &mut out);
            out.into_iter()
                .map(|d| (d.person_name, d.interest, d.concerns_item))
                .collect::<Vec<_>>()
        };
        let row = |name: &str| {
            (
                Some(name.to_string()),
                Some("prejudicial"),
                Some("11".to_string()),
            )
        };
        assert_eq!(
            declared(
                "Councillors Martin Lawton and Pat Midgley declared prejudicial interests in item 11 on the agenda (Budget Report)."
            ),
            [
                row("Councillor Martin Lawton"),
                row("Councillor Pat Midgley")
            ]
        );
        assert_eq!(
            declared(
                "Cllrs. A Brown, C Dee and E Fox each declared a prejudicial interest in item 11."
            ),
            [row("Cllr A Brown"), row("Cllr C Dee"), row("Cllr E Fox")]
        );
        // Prose between the title and the verb is no list of names.
        assert_eq!(
            declared(
                "Councillors were reminded that Councillor Ann Bell declared a prejudicial interest in item 11."
            ),
            [row("Councillor Ann Bell")]
        );
    }

    #[test]
    fn none_declared_is_no_row() {
        assert!(NONE_DECLARED.is_match("There were no declarations of interest."));
        let item = AgendaItem {
            title: Some("Declarations of Interest".into()),
            minutes_text: Some("None.".into()),
            ..Default::default()
        };
        let mut out = Vec::new();
        find(&item, &mut out);
        assert!(out.is_empty());
    }
}
