//! Which page this is: the heading ModernGov prints at its top, else the
//! fields it carries, else the shape of its lines (numbered items, a
//! dated meeting line, minutes under a title).

use std::sync::LazyLock;

use regex::Regex;

use super::lines::ATTACHMENT;
use super::{DATED_ENTRY, Grammar, Section, Tok, dates, header, items, numbers, record};
use crate::model::PageType;
use crate::stages::captures;

/// Record fields ("Decision type:", "Decision due:") of an issue page
/// that no meeting has considered yet.
pub fn has_issue_fields(toks: &[Tok]) -> bool {
    toks.iter().take(20).any(|t| record::is_field(t.text))
}

/// The ModernGov page heading the page opens with, if any ("Agenda and
/// minutes", "Decision details"): looked for once, read by the page type,
/// the layout and the issue check. A line with a document's marker is an
/// item's or a document's, whatever it says: "INFORMATION REPORT -
/// DELEGATED DECISIONS PDF 191 KB" is an item, not a listing's heading.
pub fn page_heading<'a>(toks: &[Tok<'a>]) -> Option<&'a str> {
    toks.iter()
        .take(12)
        .map(|t| t.text)
        .find(|text| HEADING.is_match(text) && !ATTACHMENT.is_match(text))
}

/// A line of minutes prose: a sentence of four words or more, not a
/// listing's "Published: 15/07/2022".
fn is_prose(t: &Tok) -> bool {
    t.text.split_whitespace().nth(3).is_some() && t.text.trim_end().ends_with(['.', '!', '?'])
}

/// Does the page list meetings or decisions (several meeting dates, or
/// several dated entries "19/01/2023 - Title"), not one meeting?
pub fn lists_meetings(toks: &[Tok]) -> bool {
    let mut dates = toks
        .iter()
        .filter_map(|t| Some(dates::meeting_date(t.text)?.1));
    let first = dates.next();
    dates.any(|date| first.is_some_and(|d| d != date)) || listed_decisions(toks) >= 2
}

/// The rows of a list of decisions: dated entries ("19/01/2023 - Award
/// of Cleaning Contract ref: 5466") or table rows of a title, its issue
/// reference and its dates ("Investing in our Community ref: 1018
/// 29/07/2021 07/08/2021 0", the cells often run together as
/// "ref: 101829/07/2021...").
fn listed_decisions(toks: &[Tok]) -> usize {
    static ROW: LazyLock<Regex> = LazyLock::new(|| {
        crate::stages::regex(r"\bref:\s*\d+\D{0,5}\d{1,2}/\d{1,2}/\d{2,4}").unwrap()
    });
    (toks.iter())
        .filter(|t| DATED_ENTRY.is_match(t.text) || ROW.is_match(t.text))
        .count()
}

/// The headings ModernGov prints at the top of each page family.
static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    crate::stages::regex(concat!(
        r"(?i)^(?:.*\s-\s)??(?:(?P<item>agenda item|eitem agenda)",
        r"|(?P<decision>decision details|issue - decisions|record of (?:executive |delegated |officer )?decisions?\b.*|manylion y penderfyniad",
        r"|(?:(?:officer|executive|delegated|key|(?:individual )?(?:cabinet|executive) member|portfolio holder)(?:'s)? )?decision (?:record|notice|report)|(?:officer|executive|delegated|(?:individual )?(?:cabinet|executive) member|portfolio holder|leader)(?:'s)? decision(?: details)?|key decision details|notice of (?:(?:an? )?(?:officer|executive|key|delegated) )?decision)",
        r"|(?P<issue>issue - (?:items at )?meetings|issue details|issue history)",
        r"|(?P<meeting>meeting documents|agenda(?:,? decisions)?(?: and (?:draft )?(?:minutes|decisions))?|minutes|rhaglen(?: a chofnodion)?|rhaglen, penderfyniadau a chofnodion)",
        r"|(?P<other>browse meetings(?: - .*)?|meetings?|committee details|committee membership|purpose of committee|recorded votes?.*|attendance details|meeting attendance|forward plan.*|delegated decisions.*|decisions published",
        r"|(?:councillor|outside body|ward|parish council|political group|(?:e-?)?petition|survey) details|your councillors?|committee structure|election results?.*|register of interests|search results|manylion y (?:cynghorydd|pwyllgor)",
        // Site listings: recent papers, the calendar, petitions, documents.
        r"|what(?:'|’)?s new|(?:meetings? |committee )?calendar(?:\s+-\s+.*|,?\s+[a-z]+\s+\d{4})?|(?:current |open |closed |completed |rejected )?e-?petitions?(?:\s+-\s+.*)?|current petitions|document library|(?:register of )?gifts and hospitality.*))$"
    ))
    .unwrap()
});

/// Whether a line is a page heading ("Agenda item", "Decision details").
pub fn is_page_heading(text: &str) -> bool {
    HEADING.is_match(text)
}

/// A heading of a page that is no one meeting's record: "Election results
/// for Northfield ward - 4 May 2023", "Forward plan: 1 April 2023 - 31
/// July 2023", "Calendar, March 2023". A date in it is the election's or
/// the listing's, not a meeting's.
pub fn is_listing_heading(text: &str) -> bool {
    captures(&HEADING, text).is_some_and(|c| c.name("other").is_some())
}

/// Classifies a page by the headings ModernGov prints at its top, then by
/// the fields it carries.
pub fn page_type(toks: &[Tok], heading: Option<&str>, grammar: &Grammar) -> PageType {
    static FIELD: LazyLock<Regex> = LazyLock::new(|| {
        crate::stages::regex(&[
            format!(r"(?i)^(?:(?P<issue>(?:meeting|cyfarfod)\s*:\s*{}.*{}|decision type:|decision due:|originally due:)", super::dates::entry_date(), super::dates::ENTRY_ITEM).as_str(),
            r"|(?P<decision>(?P<maker>decision (?:maker|taker|taken by):)|decided at meeting:|decision status:|date of decision:|decision made:|reasons? for (?:the )?decisions?(?::|\s+[-–]\s))",
            r"|(?P<meeting>venue\s*:|lleoliad:|no\.?\s*\|?\s*item\b|note\s+no\.?\s+item|rhif\.?\s*\|?\s*eitem)",
            r"|(?P<other>attendee\s*\|\s*role\b|motion status:))",
        ]
        .concat())
        .unwrap()
    });
    let kind = |caps: &regex::Captures| {
        [
            ("item", PageType::AgendaItem),
            ("decision", PageType::Decision),
            ("issue", PageType::Issue),
            ("meeting", PageType::Meeting),
            ("other", PageType::Other),
        ]
        .into_iter()
        .find(|(name, _)| caps.name(name).is_some())
        .map(|(_, t)| t)
    };
    if let Some(found) = heading
        .and_then(|h| captures(&HEADING, h))
        .and_then(|c| kind(&c))
    {
        return found;
    }
    let mut decision_makers = 0;
    let fields: Vec<PageType> = toks
        .iter()
        .take(60)
        .filter_map(|t| {
            let field = header::as_field(t.text);
            let caps = captures(&FIELD, &field)?;
            decision_makers += usize::from(caps.name("maker").is_some());
            kind(&caps)
        })
        .collect();
    // An attendance or vote table outranks the venue line above it; a
    // decision record names one decision maker, so a page naming two or
    // more lists decisions (an officer-decisions page), as `other`.
    if fields.contains(&PageType::Other) || decision_makers >= 2 {
        return PageType::Other;
    }
    if let Some(&found) = fields.first() {
        return found;
    }
    headerless_page_type(toks, grammar)
}

/// A page that lost its heading and header fields: numbered item lines
/// make it a meeting (alone, or "1. Title" rising through the page above
/// any minutes: numbered conditions under a resolution are not items), as
/// does a line naming and dating the meeting at its top, or dating it
/// over a contact; a page opening with "Minutes:" is an agenda item page;
/// a title over minutes (a label, a resolution or sentences) makes it an
/// issue page (ieIssueDetails prints no heading of its own). A list of
/// meetings or of documents, with no minutes, is none of these.
fn headerless_page_type(toks: &[Tok], grammar: &Grammar) -> PageType {
    let first_minutes = toks
        .iter()
        .position(|t| {
            grammar.label(t.text).is_some() || grammar.resolution_opener(t.text).is_some()
        })
        .unwrap_or(toks.len());
    let items_above_minutes = numbers::inline_numbered(toks)
        .first()
        .is_some_and(|&i| i < first_minutes);
    // "Planning Committee - Tuesday, 10th September, 2020 10.00 am" at
    // the top names and dates a meeting, as does the body's name over its
    // date ("Cabinet" over "Tuesday 12 November 2024 10.00 am") on a page
    // that dates no other meeting: the page is its agenda or minutes.
    let meeting_line = toks
        .iter()
        .take(3)
        .any(|t| !ATTACHMENT.is_match(t.text) && dates::body_and_date(t.text).is_some())
        || {
            let (top, _) = header::meeting_header(&toks[..toks.len().min(4)]);
            top.body_name.is_some() && top.start_date.is_some() && !lists_meetings(toks)
        }
        // A meeting's page that lost its heading and the body's name: its
        // date at the top ("Thursday, 28th April, 2016 7.00 pm, CANCELLED")
        // over its contact.
        || toks.first().is_some_and(|t| dates::meeting_date(t.text).is_some())
            && (toks.iter().take(6)).any(|t| header::contact(&header::as_field(t.text)).is_some());
    // Minutes or decisions under two titles or more ("Welcome Minutes:
    // The Chair welcomed ...", "APOLOGIES Decision: None."): an agenda
    // item page prints one item's, an issue page one per meeting under
    // its "Meeting:" field (read above).
    let record_labels = toks
        .iter()
        .filter(|t| {
            matches!(
                grammar.label(t.text),
                Some((Section::Minutes | Section::Decision, _))
            )
        })
        .count();
    if items::number_lines(toks) >= 2 || items_above_minutes || meeting_line || record_labels >= 2 {
        return PageType::Meeting;
    }
    // Several dated decisions, "11/11/2024 - Award of Cleaning Contract",
    // under a "Decisions" heading (read as a label): a list of decisions.
    if listed_decisions(toks) >= 2 {
        return PageType::Other;
    }
    match toks.first() {
        // Markup (XML/HTML, often escaped) is not a text page.
        Some(t) if t.text.starts_with('<') => PageType::Other,
        Some(t) if t.text.to_lowercase().starts_with("minutes:") => PageType::AgendaItem,
        Some(_) if toks.len() >= 2 && first_minutes < toks.len() => PageType::Issue,
        Some(_) if toks.len() >= 2 && !lists_meetings(toks) && toks[1..].iter().any(is_prose) => {
            PageType::Issue
        }
        _ => PageType::Other,
    }
}
