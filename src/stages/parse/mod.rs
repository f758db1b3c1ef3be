//! parse: cleaned lines -> meetings, items, decisions (one pass per page).
//!
//! The page is first turned into tokens (one per line, with markdown table
//! debris removed and inline labels such as "... Additional documents:
//! Minutes: ..." split out), then classified by its header, then segmented
//! into items by structural cues: item-number lines, section labels, and on
//! pages without either, the size of the gaps between paragraphs.

mod attendance;
mod cues;
mod dates;
mod decisions;
mod declarations;
mod header;
mod items;
mod lines;
pub mod moderngov;
mod numbers;
mod page;
mod people;
mod record;
mod tokens;
mod votes;

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{AgendaItem, Meeting, PageType, Warning};
use crate::stages::clean::Cleaned;
use cues::Cues;

pub use dates::{clock_time, month_number, parse_date, parse_uk_numeric_date};
pub use page::is_page_heading;
use page::{has_issue_fields, lists_meetings, page_heading, page_type};
use tokens::{join, join_mapped, tokens};

/// One unit of text the parser reasons about: usually one cleaned line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok<'a> {
    pub text: &'a str,
    /// 1-based source line.
    pub line: u32,
    /// Blank lines (or table-row breaks) before this token.
    pub gap: u32,
    pub indent: u32,
    /// The first token of a markdown table row.
    pub row: bool,
    /// The cue words of the token's line (a token is its line or part of
    /// it): where a family is missing, its patterns need not run.
    pub cues: Cues,
}

/// The words a council prints for its labels and resolutions, from
/// `[parse]`.
#[derive(Debug, Clone)]
pub struct ParseRules {
    pub minutes_labels: Vec<String>,
    pub resolution_words: Vec<String>,
}

/// The configurable vocabulary, compiled once and shared by all threads.
#[derive(Debug, Clone)]
pub struct Grammar {
    opener: Regex,
    /// The resolution words a council prints in capitals, found anywhere
    /// on a line ("The Committee RESOLVED to ..."); None when every word
    /// is in lower or title case, which mid-sentence is plain prose.
    in_capitals: Option<Regex>,
    label: Regex,
    inline_label: Regex,
}

/// The sections of an agenda item, in the order pages print them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Section {
    Agenda,
    Documents,
    Decision,
    Minutes,
}

impl Grammar {
    /// Err names the vocabulary that does not compile (too many or too
    /// long words for the regex size limit).
    pub fn new(rules: &ParseRules) -> Result<Grammar, String> {
        let alternatives = |words: &[String]| {
            words
                .iter()
                .map(|w| regex::escape(w.trim()))
                .collect::<Vec<_>>()
                .join("|")
        };
        let minutes = alternatives(&rules.minutes_labels);
        let labels = format!(
            r"(?:{minutes})|Decisions?(?: made \((?:unanimously|by (?:a )?majority)\))?|Outcome|Resolutions?|Penderfyniad(?:au)?|Additional documents|Supporting documents|Accompanying documents|Dogfennau ychwanegol|Dogfennau ategol"
        );
        let compiled = |what: &str, pattern: String| {
            crate::stages::regex(&pattern).map_err(|e| format!("{what} do not compile: {e}"))
        };
        let capitals: Vec<String> = (rules.resolution_words.iter())
            .filter(|w| w.chars().any(char::is_uppercase) && !w.chars().any(char::is_lowercase))
            .cloned()
            .collect();
        Ok(Grammar {
            in_capitals: (!capitals.is_empty())
                .then(|| {
                    compiled(
                        "[parse] resolution_words",
                        format!(r"\b(?:{})\b", alternatives(&capitals)),
                    )
                })
                .transpose()?,
            opener: compiled(
                "[parse] resolution_words",
                format!(
                    r"(?i)^(?:it was\s+|and\s+|accordingly\s+|unanimously\s+)?(?:{})\b[\s:,;.\-–—]*",
                    alternatives(&rules.resolution_words)
                ),
            )?,
            label: compiled("[parse] minutes_labels", format!(r"(?i)^({labels})\s*:\s*"))?,
            // Printed labels are capitalised: "Reason for decision:" is a
            // field, not a "Decision:" label.
            inline_label: compiled(
                "[parse] minutes_labels",
                format!(r"(?:^|\s)({labels}):(?:\s|$)"),
            )?,
        })
    }

    /// If `text` opens a resolution ("RESOLVED that ..."), the text after
    /// the keyword. The keyword must be capitalised: "agreed" mid-prose
    /// is not a resolution.
    pub fn resolution_opener<'a>(&self, text: &'a str) -> Option<&'a str> {
        let opener = self.opener.find(text)?;
        let keyword_start = opener.start() + text.len()
            - text.trim_start_matches(|c: char| !c.is_alphabetic()).len();
        let starts_upper = text[keyword_start..]
            .split_whitespace()
            .find(|w| {
                !["it", "was", "and", "accordingly", "unanimously"]
                    .contains(&w.to_lowercase().as_str())
            })
            .and_then(|w| w.chars().next())
            .is_some_and(char::is_uppercase);
        starts_upper.then(|| text[opener.end()..].trim())
    }

    /// Does the line print a resolution word in capitals, at its start or
    /// after other words ("The Committee RESOLVED to ...", "ORDERED that
    /// ...")? The capitals are the record's own mark of a decision.
    pub fn names_resolution(&self, text: &str) -> bool {
        self.in_capitals
            .as_ref()
            .is_some_and(|re| re.is_match(text))
    }

    /// "Minutes:" / "Additional documents:" -> the section and the text
    /// after the label on the same line.
    pub fn label<'a>(&self, text: &'a str) -> Option<(Section, &'a str)> {
        // "Decision" alone on a line heads the outcome, as its label would.
        const DECISION_HEADINGS: [&str; 5] = [
            "decision",
            "decisions",
            "decision made",
            "decision taken",
            "penderfyniad",
        ];
        if text.len() <= 14
            && DECISION_HEADINGS
                .iter()
                .any(|h| text.trim().eq_ignore_ascii_case(h))
        {
            return Some((Section::Decision, ""));
        }
        // Every other label ends in a colon: a line without one is not
        // searched.
        memchr::memchr(b':', text.as_bytes())?;
        let caps = super::captures(&self.label, text)?;
        let name = caps.get(1)?.as_str().to_lowercase();
        let rest = &text[caps.get(0)?.end()..];
        let section = if ["decision", "outcome", "resolution", "penderfyniad"]
            .iter()
            .any(|word| name.starts_with(word))
        {
            Section::Decision
        } else if name.contains("documents") || name.starts_with("dogfennau") {
            Section::Documents
        } else {
            Section::Minutes
        };
        Some((section, rest.trim()))
    }
}

/// What the parser made of one page.
#[derive(Debug, Default)]
pub struct Parsed {
    pub page_type: Option<PageType>,
    pub meetings: Vec<Meeting>,
    pub warnings: Vec<Warning>,
}

pub fn parse(cleaned: &Cleaned, grammar: &Grammar) -> Parsed {
    let mut toks = tokens(cleaned, grammar);
    drop_site_footer(&mut toks);
    toks.drain(..lines::navigation_end(&toks));
    split_titled_heading(&mut toks);
    let heading = page_heading(&toks);
    let page_type = page_type(&toks, heading, grammar);
    let mut warnings = Vec::new();
    let entries = issue_entries(&toks);
    // Lines above the first item: where printed minutes list who came.
    let mut header_end = 0;
    let mut meetings = if page_type == PageType::Issue && !entries.is_empty() {
        issue_meetings(&toks, &entries, grammar, &mut warnings)
    } else if page_type == PageType::Issue && (heading.is_some() || has_issue_fields(&toks)) {
        // A forward-plan issue page: no meeting has considered it yet.
        Vec::new()
    } else {
        // Under a "No. Item" heading, "Minutes - Full Council - 31 May
        // 2016" is an item's title, not this meeting's date line.
        let above_items = items::items_heading(&toks).unwrap_or(toks.len());
        // The line under an agenda item's heading is its title, as is an
        // issue's title over its dated decision: "Minutes of the meeting
        // held on 23 November 2021" dates the meeting it approves the
        // minutes of, not this one.
        let title = match page_type {
            PageType::AgendaItem => Some(items::item_region(&toks, page_type, 0)),
            PageType::Decision => Some(items::item_region(&toks, page_type, 0))
                .filter(|&title| issue_title_and_entry(&toks[title..]).is_some()),
            _ => None,
        };
        let (mut meeting, dated_to) = if let Some(title) = title {
            let header: Vec<Tok> = (toks[..above_items].iter().enumerate())
                .filter(|&(i, _)| i != title || entries.contains(&i))
                .map(|(_, &t)| t)
                .collect();
            header::meeting_header(&header)
        } else {
            header::meeting_header(&toks[..above_items])
        };
        let region = items::item_region(&toks, page_type, dated_to);
        header_end = region;
        // A meeting's contact is in its header; "Contact Officer:" under
        // an item is that report's author.
        let contact_area = if page_type == PageType::Meeting {
            region.min(above_items)
        } else {
            above_items
        };
        if let Some(c) = header::first_contact(&toks[..contact_area]) {
            (meeting.contact_name, meeting.contact_role) = (Some(c.name), c.role);
        }
        let layout = items::Layout {
            page_type,
            headed: heading.is_some(),
            prints: prints(&toks, heading, page_type, grammar),
        };
        // An agenda-item page names its meeting in a line of its own,
        // "Meeting: 08/02/2022 - Cabinet (Item 5)": the header has read the
        // date and body from it; it gives the item's number and is no part
        // of its text.
        let entry = (page_type == PageType::AgendaItem)
            .then(|| entries.iter().copied().find(|&i| i >= region))
            .flatten();
        let issue_line = (page_type == PageType::Decision)
            .then(|| issue_title_and_entry(&toks[region..]))
            .flatten();
        let left_out = issue_line.map(|line| match line {
            IssueLine::Title => region,
            IssueLine::Entry => region + 1,
        });
        let item_toks: Vec<Tok> = (toks.iter().enumerate().skip(region))
            .filter(|&(i, _)| Some(i) != entry && Some(i) != left_out)
            .map(|(_, &t)| t)
            .collect();
        meeting.items = items::segment(&item_toks, layout, grammar, &mut warnings);
        if issue_line == Some(IssueLine::Entry) {
            date_from_entry(&mut meeting, toks[region + 1].text);
        }
        if let (Some(entry), [item]) = (entry, meeting.items.as_mut_slice())
            && item.minute_number.is_none()
        {
            item.minute_number = dates::entry_item_number(toks[entry].text);
        }
        // "5 Budget Report" under "Meeting: ... (Item 5)": the number
        // printed before the title is the one the meeting line gave.
        if let (PageType::AgendaItem, [item]) = (page_type, meeting.items.as_mut_slice())
            && let (Some(number), Some(title)) = (&item.minute_number, &item.title)
            && let Some(rest) = title.strip_prefix(number.as_str())
            && let Some(rest) = rest.strip_prefix(' ')
        {
            item.title = Some(rest.trim_start().to_string());
        }
        // "7. Budget Report" over an agenda item's text: the number is
        // the item's (when the meeting line numbers it, the same one).
        if let (PageType::AgendaItem, [item]) = (page_type, meeting.items.as_mut_slice())
            && let Some((number, title)) = item.title.as_deref().and_then(numbers::numbered_title)
            && item.minute_number.as_deref().is_none_or(|n| n == number)
        {
            (item.minute_number, item.title) = (Some(number.to_string()), Some(title.to_string()));
        }
        if page_type == PageType::Decision {
            dated_entry(&mut meeting);
            maker_as_body(&mut meeting);
        }
        if page_type == PageType::Meeting {
            notice_instead_of_items(&mut meeting, &mut warnings);
        }
        vec![meeting]
    };
    if page_type == PageType::Other && lists_meetings(&toks) {
        // "Browse meetings", a list of decisions: no one meeting's date.
        for meeting in &mut meetings {
            (meeting.start_date, meeting.start_date_method) = (None, None);
            (meeting.body_name, meeting.body_name_method) = (None, None);
        }
    }
    meetings.retain(|m| !(meeting_is_empty(m) && page_type == PageType::Other));
    let header = &toks[..header_end.min(toks.len())];
    let cues = cues::by_line(&toks);
    for meeting in &mut meetings {
        people::collect(meeting, header, &cues);
    }
    Parsed {
        page_type: Some(page_type),
        meetings,
        warnings,
    }
}

/// Which line of an "Issue - decisions" page's title over the dated entry
/// of its one decision is no part of the item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum IssueLine {
    /// The entry says the same, "04/10/2021 - Informal virtual meetings of
    /// Cabinet", and dates it: it titles the page ([`dated_entry`]).
    Title,
    /// The entry names the decision otherwise, "09/02/2022 - Planning
    /// Committee Pilot" under "Planning Committee Report": the issue's
    /// title stays, the entry gives the meeting's date only.
    Entry,
}

/// "Issue - decisions": the issue's title, the region's first line, over
/// one dated entry.
fn issue_title_and_entry(region: &[Tok]) -> Option<IssueLine> {
    let [title, entry, ..] = region else {
        return None;
    };
    let caps = crate::stages::captures(&DATED_ENTRY, entry.text)?;
    let entries = region.iter().filter(|t| DATED_ENTRY.is_match(t.text));
    if entries.count() != 1 || title.text.ends_with(':') {
        return None;
    }
    let lower = |text: &str| text.to_lowercase();
    let same = lower(title.text)
        .split_whitespace()
        .eq(lower(&caps[2]).split_whitespace());
    Some(if same {
        IssueLine::Title
    } else {
        IssueLine::Entry
    })
}

/// A decision page titled by its dated entry, "12/03/2021 - Highways
/// Capital Programme ref: 4120  Recommendations Approved": the date is the
/// meeting's (when the page gives none), the rest up to the reference is
/// the decided item's title.
fn dated_entry(meeting: &mut Meeting) {
    let [item] = meeting.items.as_slice() else {
        return;
    };
    let Some(entry) = item.title.clone() else {
        return;
    };
    if let Some(title) = date_from_entry(meeting, &entry) {
        meeting.items[0].title = Some(title);
    }
}

/// Dates the meeting by a dated entry, "12/03/2021 - Highways Capital
/// Programme", when the page gives no date; the entry's title.
fn date_from_entry(meeting: &mut Meeting, entry: &str) -> Option<String> {
    let caps = crate::stages::captures(&DATED_ENTRY, entry)?;
    if meeting.start_date.is_none()
        && let Some(date) = dates::parse_uk_numeric_date(&caps[1])
    {
        meeting.start_date = Some(date);
        meeting.start_date_method = Some("stated");
    }
    Some(caps[2].trim().to_string())
}

/// "The agenda for this meeting has not yet been published", "This
/// meeting has been cancelled": a meeting page's notice where its items
/// would be is no item. It is kept as a `meeting_notice` warning, and a
/// cancelled or postponed meeting gets that status.
fn notice_instead_of_items(meeting: &mut Meeting, warnings: &mut Vec<Warning>) {
    static NOTICE: LazyLock<Regex> = LazyLock::new(|| {
        crate::stages::regex(concat!(
            r"(?i)\b(?:agenda|papers|reports|documents|minutes)\b[^.]{0,60}?\b(?:(?:not|yet to)\s+(?:yet\s+)?(?:been\s+)?(?:be\s+)?(?:published|available|issued)|will be (?:published|available))\b",
            r"|\bno (?:items|documents) (?:to display|have been published)\b",
            r"|\bmeeting\b[^.]{0,30}?\b(?:has been|was|is|been)\s+(?P<status>cancell?ed|postponed)\b",
        ))
        .unwrap()
    });
    let [item] = meeting.items.as_slice() else {
        return;
    };
    let bare = item.minute_number.is_none()
        && item.minutes_text.is_none()
        && item.decisions.is_empty()
        && item.attachments.is_empty();
    // The notice is the item's text, or its title where it stands alone
    // (a page converted from tables: "| Date | ... CANCELLED |" over it).
    let text = match (&item.title, &item.agenda_text) {
        (None, Some(text)) | (Some(text), None) => text,
        _ => return,
    };
    if !bare || text.len() > 400 {
        return;
    }
    let Some(caps) = crate::stages::captures(&NOTICE, text) else {
        return;
    };
    if let Some(status) = caps.name("status") {
        meeting.status = dates::cancelled(status.as_str()).map(str::to_string);
    }
    warnings.push(Warning {
        line: Some(item.span.line_start),
        code: "meeting_notice",
        message: format!("the page gives a notice, not agenda items: {text}"),
    });
    meeting.items.clear();
}

/// A decision taken by a body ("Decision Maker: Cabinet"), not by a
/// person in a role ("Cabinet Member for Highways", "Leader of the
/// Council"), names the meeting's body when nothing else on the page does.
fn maker_as_body(meeting: &mut Meeting) {
    const PERSON_ROLES: [&str; 8] = [
        "Leader",
        "Deputy",
        "Member",
        "Portfolio",
        "Director",
        "Head",
        "Chief",
        "Officer",
    ];
    let [item] = meeting.items.as_slice() else {
        return;
    };
    let Some(maker) = item
        .record
        .as_ref()
        .and_then(|r| r.decision_maker.as_deref())
    else {
        return;
    };
    let person = maker
        .split_whitespace()
        .any(|w| PERSON_ROLES.contains(&w.trim_end_matches(['\'', '’', 's'])));
    if meeting.body_name.is_none() && !person && header::names_body(maker) {
        meeting.body_name = Some(maker.to_string());
        meeting.body_name_method = Some("stated");
    }
}

/// A dated decision entry: "12/03/2021 - Highways Capital Programme ref:
/// 4120  Recommendations Approved" -> the date, and the title up to the
/// reference.
static DATED_ENTRY: LazyLock<Regex> = LazyLock::new(|| {
    crate::stages::regex(&format!(
        r"^({})\s+[-–]\s+(.+?)(?:\s+ref:\s*\S+.*|\s{{2,}}.*)?$",
        dates::NUMERIC_DATE
    ))
    .unwrap()
});

/// One item from a structured source: its title and numbers are known,
/// its agenda text and minutes (already cleaned) are parsed here.
pub fn structured_item(
    position: u32,
    agenda: Option<&Cleaned>,
    minutes: Option<&Cleaned>,
    grammar: &Grammar,
    warnings: &mut Vec<Warning>,
) -> AgendaItem {
    let agenda = agenda.map(|c| tokens(c, grammar)).unwrap_or_default();
    let minutes = minutes.map(|c| tokens(c, grammar)).unwrap_or_default();
    items::from_sections(position, agenda, minutes, grammar, warnings)
}

/// "Council | Town Hall | Hove | Tel: ... | how to find us", and the
/// site's links above it ("Attendance details", "Published decisions"):
/// the footer a saved page ends with is page furniture, not minutes.
fn drop_site_footer(toks: &mut Vec<Tok>) {
    if toks
        .last()
        .is_some_and(|t| !t.row && t.text.matches(" | ").count() >= 3)
    {
        toks.pop();
    }
    toks.truncate(lines::footer_start(toks));
    toks.truncate(lines::closing_start(toks));
}

/// "Meeting: 21/10/2021 - Slough Health & Wellbeing Board (Item 63)": the
/// lines that open each meeting's entry on an issue page.
fn issue_entries(toks: &[Tok]) -> Vec<usize> {
    static ENTRY: LazyLock<Regex> = LazyLock::new(|| {
        crate::stages::regex(&format!(
            r"(?i)^(?:meeting|cyfarfod)\s*:\s*{}.*{}\s+[^)]+\)\s*$",
            dates::entry_date(),
            dates::ENTRY_ITEM
        ))
        .unwrap()
    });
    toks.iter()
        .enumerate()
        .filter(|(_, t)| ENTRY.is_match(t.text))
        .map(|(i, _)| i)
        .collect()
}

const ISSUE_ENTRY: items::Layout = items::Layout {
    page_type: PageType::Issue,
    headed: true,
    prints: items::Prints::Both,
};

/// An issue page lists every meeting that considered the issue: one
/// meeting, holding one item, per entry.
fn issue_meetings(
    toks: &[Tok],
    entries: &[usize],
    grammar: &Grammar,
    warnings: &mut Vec<Warning>,
) -> Vec<Meeting> {
    let ends = entries.iter().skip(1).copied().chain([toks.len()]);
    entries
        .iter()
        .zip(ends)
        .map(|(&start, end)| {
            let entry = &toks[start];
            let (mut meeting, _) = header::meeting_header(std::slice::from_ref(entry));
            let mut items = items::segment(&toks[start + 1..end], ISSUE_ENTRY, grammar, warnings);
            let number = dates::entry_item_number(entry.text);
            for item in &mut items {
                if let (Some(n), Some(title)) = (&number, &item.title) {
                    item.title = Some(items::strip_number(title, n).to_string());
                }
                if item.minute_number.is_none() {
                    item.minute_number.clone_from(&number);
                }
                item.span.line_start = entry.line;
            }
            meeting.items = items;
            meeting
        })
        .collect()
}

/// Which record the page prints: an "Agenda" page is published before
/// the meeting (no minutes); a "Minutes" page, or a page without heading
/// that opens with "Minutes of the meeting of ...", lists who was present
/// or (a meeting page) records resolutions or outcomes ("was approved as a
/// correct record"), records a meeting that took place.
fn prints(
    toks: &[Tok],
    heading: Option<&str>,
    page_type: PageType,
    grammar: &Grammar,
) -> items::Prints {
    static HELD: LazyLock<Regex> = LazyLock::new(|| {
        crate::stages::regex(r"(?i)^(?:(?:draft |confirmed |signed )?minutes of (?:the|a) meeting (?:of|held)\b|(?:present|members present|sederunt|yn bresennol)\s*:)").unwrap()
    });
    let heading = heading.map(|h| h.rsplit(" - ").next().unwrap_or(h).trim().to_lowercase());
    match heading.as_deref() {
        Some("agenda" | "rhaglen") => items::Prints::Agenda,
        Some("minutes" | "cofnodion") => items::Prints::Minutes,
        None if toks.iter().take(20).any(|t| HELD.is_match(t.text)) => items::Prints::Minutes,
        None if page_type == PageType::Meeting
            && (toks
                .iter()
                .any(|t| grammar.resolution_opener(t.text).is_some())
                || toks.iter().any(|t| decisions::is_outcome_line(t, grammar))) =>
        {
            items::Prints::Minutes
        }
        _ => items::Prints::Both,
    }
}

/// "Agenda item - Budget Report", as a page's title prints heading and
/// title on one line: made two tokens, the heading and the title under it.
fn split_titled_heading(toks: &mut Vec<Tok>) {
    static TITLED: LazyLock<Regex> = LazyLock::new(|| {
        crate::stages::regex(r"(?i)^(agenda item|eitem agenda|decision details|issue - (?:items at )?meetings|issue details)\s+[-–]\s+\S")
            .unwrap()
    });
    let found = toks.iter().take(12).enumerate().find_map(|(i, t)| {
        // The heading comes first: most lines are out on their first byte.
        if !t.text.starts_with(['A', 'a', 'E', 'e', 'D', 'd', 'I', 'i']) {
            return None;
        }
        let heading = crate::stages::captures(&TITLED, t.text)?.get(1)?;
        Some((i, heading.end()))
    });
    if let Some((i, end)) = found {
        let t = toks[i];
        let title = t.text[end..].trim_start_matches([' ', '-', '–']);
        toks[i].text = &t.text[..end];
        toks.insert(
            i + 1,
            Tok {
                text: title,
                gap: 1,
                ..t
            },
        );
    }
}

fn meeting_is_empty(m: &Meeting) -> bool {
    m.items.is_empty() && m.venue.is_none() && m.contact_name.is_none() && m.start_date.is_none()
}

/// Lines as tokens, one paragraph each, numbered from 1: for unit tests.
#[cfg(test)]
pub(crate) fn lines_as_toks(lines: &[&'static str]) -> Vec<Tok<'static>> {
    lines
        .iter()
        .enumerate()
        .map(|(i, text)| Tok {
            text,
            line: i as u32 + 1,
            gap: 1,
            indent: 0,
            row: false,
            cues: Cues::of(text),
        })
        .collect()
}

#[cfg(test)]
pub(crate) mod tests;
