//! Agenda items: where each starts, and which of its parts (number,
//! title, agenda text, documents, decision block, minutes) each line is;
//! `finish` then makes each draft an item.

use std::sync::LazyLock;

use regex::Regex;

use super::lines::{
    ATTACHMENT, ends_sentence, is_agenda_phrase, is_section_heading, reports_presence,
    single_page_title, split_row_head,
};
use super::numbers::{self, NUMBER, inline_numbered, split_inline_numbers};
use super::{Grammar, Section, Tok, decisions, record};
use crate::model::{AgendaItem, PageType, Warning};
use crate::stages::clean::BULLET;

mod finish;
mod roles;
mod unlabelled;

use finish::{ends_in_cut_marker, finish, page_cut_off};
pub use finish::{from_sections, strip_number};
use roles::Lines;
use unlabelled::{description_over_minutes, minutes_under_titles, split_unlabelled};

/// Headings at the start of the item list: "No. Item", "Items", and the
/// older "Meeting documents" page's "Item | Description | Resolution"
/// (flattened to "ItemDescriptionResolution").
static ITEMS_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    crate::stages::regex(
        r"(?i)^(?:note\s*\|?\s*)?(?:no\.?\s*\|?\s*item|items|rhif\.?\s*\|?\s*eitem|eitemau|item\s*\|?\s*description(?:\s*\|?\s*resolution)?)\b[\s|]*$",
    )
    .unwrap()
});

/// How many lines hold only an item number ("1836.", "(2)").
pub fn number_lines(toks: &[Tok]) -> usize {
    numbers::number_lines(toks).len()
}

/// Where the item list starts: after the "Items" / "No. Item" headings,
/// or after the page heading on single-item pages; on a meeting page
/// without them, after the header: its fields, and the lines that date
/// the meeting (`dated_to`, from the header), above the first item number.
pub fn item_region(toks: &[Tok], page_type: PageType, dated_to: usize) -> usize {
    if let Some(i) = items_heading(toks) {
        return i + 1;
    }
    if page_type != PageType::Meeting {
        // "Minutes" alone under the title heads the item's minutes, not
        // the page.
        let heading = toks
            .iter()
            .take(12)
            .enumerate()
            .filter(|(_, t)| super::is_page_heading(t.text))
            .map(|(i, t)| (i, section_heading(t.text).is_some()))
            .fold(None, |found, (i, section)| match found {
                Some(_) if section => found,
                _ => Some(i),
            });
        return heading.map_or(0, |i| i + 1);
    }
    // No heading: skip the header (Venue:, Contact:, the meeting's date
    // line, Present: ...) above the first item number.
    let first_number = toks
        .iter()
        .position(|t| NUMBER.is_match(t.text))
        .into_iter()
        .chain(inline_numbered(toks).first().copied())
        .min()
        .unwrap_or(toks.len());
    let mut fields = toks[..first_number.min(30)]
        .iter()
        .rposition(|t| is_header_field(t.text) || super::dates::meeting_date(t.text).is_some())
        .map_or(0, |i| i + 1);
    // The last field goes on over lines: any field over a line after one
    // ending in "," or ";" ("In attendance: Mr J Walsh, Chief Executive;
    // and" over "Mrs S Grimes, Director ..."), a list of who attended as
    // `attendance::list_goes_on` reads it.
    if fields > 0 {
        let last = toks[fields - 1].text;
        // A label alone on its line ("Place:") has its value on the next;
        // lists of names are read below.
        if super::attendance::list_label(last).is_none()
            && !super::people::is_apologies_label(last)
            && last.trim_end().ends_with(':')
            && fields < first_number
        {
            fields += 1;
        }
        // An apologies label alone on its line lists its names under it
        // as "Present:" does.
        let mut list = super::attendance::list_label(last)
            .or_else(|| super::people::is_apologies_label(last).then_some(true));
        let mut start = fields;
        while let Some(t) = toks[..first_number.min(toks.len())].get(fields) {
            let prev = toks[fields - 1].text;
            // "Officers Present" under the members' names: another list.
            if list.is_some()
                && let Some(lone) = super::attendance::list_label(t.text)
            {
                (list, fields) = (Some(lone), fields + 1);
                start = fields;
                continue;
            }
            // "District Cllrs Burley and Cawrey were present" under the
            // list: who else came, still the header.
            if reports_presence(t.text) {
                fields += 1;
                continue;
            }
            let goes_on = match list {
                Some(lone) => {
                    let spaced = fields == start || toks[fields - 1].gap > 0;
                    super::attendance::list_goes_on(prev, t.text, t.gap > 0, lone, spaced)
                }
                None => t.gap == 0 && super::attendance::runs_on(prev),
            };
            if !goes_on {
                break;
            }
            fields += 1;
        }
    }
    fields.max(dated_to.min(first_number))
}

/// The "No. Item" / "Items" heading over the item list, if the page has
/// one: the meeting's header is above it.
pub fn items_heading(toks: &[Tok]) -> Option<usize> {
    toks.iter()
        .take(80)
        .rposition(|t| ITEMS_HEADER.is_match(t.text))
}

/// A line of the meeting's header above the items: a field ("Venue:",
/// "Apology:", "Also in attendance:"), a contact however labelled
/// ([`super::header::contact`]) or who chaired ("Councillor A Murray in
/// the Chair").
fn is_header_field(text: &str) -> bool {
    static FIELD: LazyLock<Regex> = LazyLock::new(|| {
        crate::stages::regex(r"(?i)^(?:(?:meeting )?(?:venue|place|location)|where|contact(?: officer| name)?|clerk(?: to the \w+)?|enquiries(?: to)?|lleoliad|cyswllt|media|link|webcast|note|time|amser|(?:also |members |officers )?present|officers|(?:also )?in attendance|yn bresennol|apolog(?:y|ies)(?: for absence)?|ymddiheuriadau)\s*:|^(?:media|agenda and minutes|agenda|(?:members |councillors |also )?present|(?:also )?in attendance)$|^.{3,60}\bin the chair\.?$").unwrap()
    });
    let field = super::header::as_field(text);
    FIELD.is_match(&field) || super::header::contact(&field).is_some()
}

/// An item being assembled: token ranges per section.
#[derive(Default)]
struct Draft<'a> {
    number: Option<&'a str>,
    title: Option<Tok<'a>>,
    agenda: Vec<Tok<'a>>,
    documents: Vec<Tok<'a>>,
    /// Decision-record fields, and whether the last one's value continues
    /// on the next lines.
    record: Vec<Tok<'a>>,
    record_open: bool,
    decision: Vec<Tok<'a>>,
    minutes: Vec<Tok<'a>>,
    section: Option<Section>,
    first_line: u32,
    last_line: u32,
    labelled_minutes: bool,
    /// A Decision heading under the Minutes label ("Minutes:" over
    /// "Decision" over "To note the report."): the decision is what the
    /// minutes record.
    decision_in_minutes: bool,
}

impl<'a> Draft<'a> {
    fn has_content(&self) -> bool {
        !(self.agenda.is_empty() && self.decision.is_empty() && self.minutes.is_empty())
    }

    fn push(&mut self, t: Tok<'a>) {
        self.last_line = t.line;
        match self.section.unwrap_or(Section::Agenda) {
            Section::Agenda => self.agenda.push(t),
            Section::Documents => self.documents.push(t),
            Section::Decision => self.decision.push(t),
            Section::Minutes => self.minutes.push(t),
        }
    }
}

/// What the parser knows about a page before it splits it into items.
#[derive(Debug, Clone, Copy)]
pub struct Layout {
    pub page_type: PageType,
    /// The page kept its ModernGov heading: without it, the first line of
    /// a single-item page is a title only if it reads as one.
    pub headed: bool,
    /// What the text under an item's title is, where no label says.
    pub prints: Prints,
}

/// Which record a page prints under its item titles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prints {
    /// An "Agenda" page, published before the meeting: all text is agenda
    /// text.
    Agenda,
    /// Printed minutes ("Minutes" heading, "Minutes of the meeting of ...
    /// held on ...", a "Present:" list): unlabelled text is minutes.
    Minutes,
    /// Agenda and minutes: labels, or the gaps between paragraphs, tell.
    Both,
}

/// Splits the item region into items.
pub fn segment(
    toks: &[Tok],
    layout: Layout,
    grammar: &Grammar,
    warnings: &mut Vec<Warning>,
) -> Vec<AgendaItem> {
    let page_type = layout.page_type;
    if matches!(page_type, PageType::Other) {
        return Vec::new();
    }
    let single = page_type != PageType::Meeting;
    // The page as printed had no blank lines at all: a title may stand
    // right under the text before it. (Splitting off inline numbers, below,
    // sets each number apart, so `gapless` no longer says it.)
    let unspaced = toks.iter().skip(1).all(|t| t.gap == 0 && !t.row);
    let split;
    let toks = if single {
        toks
    } else {
        split = split_inline_numbers(toks);
        &split
    };
    let mut lines = Lines::new(toks, grammar);
    if page_type == PageType::AgendaItem {
        // "Minutes" alone under an agenda item's title heads its minutes
        // (the first line may be the title "Minutes" itself).
        for (label, t) in lines.label.iter_mut().zip(toks).skip(1) {
            if label.is_none() && section_heading(t.text) == Some(Section::Minutes) {
                *label = Some((Section::Minutes, ""));
            }
        }
    }
    // "3." over "COFNODION:-" (or "MINUTES:") over "Dogfennau
    // ychwanegol:" (a parent item over its sub-items "3.1", "3.2"): a
    // minutes label with nothing under it, shaped as a title or shouted as
    // a heading, is the item's title.
    for i in 0..toks.len().saturating_sub(2) {
        if lines.number_line(i)
            && matches!(lines.label[i + 1], Some((Section::Minutes, rest)) if rest.trim_matches('-').is_empty())
            && (lines.label[i + 2].is_some() || lines.number_line(i + 2))
            && (lines.title(i + 1) || shouted(toks[i + 1].text))
        {
            lines.label[i + 1] = None;
        }
    }
    let numbered = !single
        && (0..toks.len().saturating_sub(1))
            .any(|i| lines.number_line(i) && lines.label[i + 1].is_none());
    let labelled = lines
        .label
        .iter()
        .any(|l| matches!(l, Some((Section::Minutes, _))));
    // Items printed as table rows: two rows or more. One row is the line
    // under a header row closed by its pipe ("No. | Item | ||" over
    // "Summons Minutes: ..."), not a table of items.
    let rows = !single && !numbered && toks.iter().filter(|t| t.row).nth(1).is_some();
    // The break that sets items apart: two blank lines or more where the
    // page has them; one, after a finished sentence, on a page whose every
    // line is one blank line apart.
    // (The first line's gap is the break from the header above the items.)
    let spaced = toks.iter().skip(1).any(|t| t.gap >= 2);
    // A page that lost its blank lines ("single newlines"): a paragraph
    // break is any line break.
    let gapless = toks.iter().skip(1).all(|t| t.gap == 0 && !t.row);
    let paragraph_gap = if gapless { 0 } else { 1 };

    let mut drafts: Vec<Draft> = Vec::new();
    let mut expect_title = false;
    for (i, &t) in toks.iter().enumerate() {
        let current = drafts.last_mut();
        if numbered && lines.number_line(i) && toks.get(i + 1).is_some() {
            drafts.push(Draft {
                number: lines.number[i],
                first_line: t.line,
                last_line: t.line,
                ..Default::default()
            });
            expect_title = true;
            continue;
        }
        // A heading that groups items ("PART B - ITEMS FOR INFORMATION"):
        // set apart, or (on a page that lost its blank lines) standing
        // right over an item number.
        let over_number = numbered && i + 1 < toks.len() && lines.number_line(i + 1);
        if is_section_heading(t.text)
            && !expect_title
            && (t.row || t.gap >= 1 || current.is_none() || over_number)
        {
            continue;
        }
        // A heading over the next numbered items ("Urgent Business",
        // "Restricted Items"): a title-shaped line set apart from the
        // minutes above (or opening the list) and standing right over an
        // item number; a name ("Miss Alison Griffiths", the end of a list)
        // or an outcome ("CARRIED") is no heading.
        if over_number
            && !expect_title
            && t.gap >= 1
            && toks[i + 1].gap >= 1
            && lines.title(i)
            && !ends_sentence(t.text)
            && !super::people::is_named_person(t.text)
            && !decisions::is_outcome_line(&t, grammar)
            && current.as_ref().is_none_or(|d| !d.minutes.is_empty())
        {
            continue;
        }
        let previous = i.checked_sub(1).map(|p| toks[p].text);
        if let Some((section, rest)) = lines.label[i] {
            let starts_item = match &current {
                None => true,
                Some(d) if rows => t.row && (d.has_content() || d.title.is_some()),
                Some(d) => {
                    !single
                        && !numbered
                        && d.section.is_some_and(|s| s >= section)
                        && d.has_content()
                        && t.gap >= 2
                }
            };
            if starts_item {
                drafts.push(Draft {
                    first_line: t.line,
                    ..Default::default()
                });
            }
            let d = drafts.last_mut().expect("pushed above");
            d.decision_in_minutes |= section == Section::Decision && d.labelled_minutes;
            d.section = Some(section);
            d.record_open = false;
            d.labelled_minutes |= section == Section::Minutes;
            d.last_line = t.line;
            expect_title = false;
            if !rest.is_empty() {
                d.push(Tok { text: rest, ..t });
            }
            continue;
        }
        // An urgent item added without a number: a title with a report
        // attached, after the previous item's minutes (right under them
        // on a page that lost its blank lines).
        let new_urgent = numbered
            && labelled
            && current.as_ref().is_none_or(|d| !d.minutes.is_empty())
            && (t.gap >= 1 || unspaced)
            && ATTACHMENT.is_match(t.text)
            && lines.title(i)
            && previous.is_some_and(ends_sentence);
        let new_unnumbered = new_urgent
            || !numbered
                && !single
                && match &current {
                    None => true,
                    Some(_) if rows => t.row,
                    Some(d) if !labelled && d.section == Some(Section::Documents) => {
                        t.gap >= 3 && lines.title(i)
                    }
                    Some(d) if holds_subheadings(d) => t.gap >= 2 && ATTACHMENT.is_match(t.text),
                    Some(d) => {
                        // On a page without blank lines, a title after a
                        // finished sentence; where labels mark the
                        // minutes, one with its label close under it
                        // ("Summons" over "Minutes: ..."), not a sub-heading
                        // inside minutes ("Variation of Minutes"); never the
                        // value a label holds on its own line ("Decision:
                        // 1) Councillors ...").
                        let label_value =
                            i > 0 && lines.label[i - 1].is_some() && toks[i - 1].line == t.line;
                        let apart = t.gap >= 2
                            || !spaced
                                && !label_value
                                && t.gap == paragraph_gap
                                && previous.is_some_and(ends_sentence)
                                && i + 1 < toks.len()
                                && !lines.title(i + 1)
                                && (!labelled || lines.label_under(i));
                        // A title with its report attached opens an item
                        // however little space is left above it ("Chair's
                        // Announcement pdf icon PDF 273 KB" right under the
                        // title before it, on a page that lost its blank
                        // lines); the documents listed under an item's
                        // label are in its Documents section, above. The
                        // page's last line may hold the marker cut short
                        // ("Long Term Plan Update pdf ico"), under the
                        // finished sentence of the item before.
                        let titled_report = unspaced
                            && (ATTACHMENT.is_match(t.text)
                                && d.section.is_none_or(|s| s == Section::Agenda)
                                || i + 1 == toks.len()
                                    && ends_in_cut_marker(t.text)
                                    && previous.is_some_and(ends_sentence));
                        // "1. Information relating to an individual."
                        // on a page whose items are unnumbered is a
                        // numbered paragraph of the item's text.
                        ((apart || titled_report)
                            && lines.title(i)
                            && numbers::numbered_title(t.text).is_none()
                            && (d.has_content() || d.title.is_some()))
                            || (t.gap >= 3
                                && labelled
                                && !d.minutes.is_empty()
                                && previous.is_some_and(ends_sentence))
                    }
                };
        let new_single = single && current.is_none();
        if new_unnumbered || new_single {
            drafts.push(Draft {
                first_line: t.line,
                last_line: t.line,
                ..Default::default()
            });
            let d = drafts.last_mut().expect("pushed above");
            if page_type == PageType::Decision {
                d.section = Some(Section::Decision);
            } else if new_urgent {
                d.section = Some(Section::Minutes);
            }
            let (title, rest) = if rows {
                split_row_head(t, toks.get(i + 1).is_none_or(|next| next.row))
            } else {
                let titled = match (single, layout.headed) {
                    _ if record::is_field(t.text) => false,
                    // "Report of the Director of Finance." under an issue
                    // page's entry: agenda text, no title (an agenda item
                    // page may be titled "To receive petitions.").
                    _ if page_type == PageType::Issue
                        && is_agenda_phrase(t.text)
                        && t.text.trim_end().ends_with('.') =>
                    {
                        false
                    }
                    (true, true) => single_page_title(t),
                    (true, false) => single_page_title(t) && lines.title(i),
                    (false, _) => lines.title(i),
                };
                if titled {
                    (Some(t), None)
                } else {
                    (None, Some(t))
                }
            };
            d.title = title;
            if let Some(rest) = rest {
                // Untitled text that opens an item is minutes on a
                // single-item page, and on printed minutes.
                if (single || layout.prints == Prints::Minutes)
                    && !labelled
                    && !is_agenda_phrase(rest.text)
                    && d.section.is_none()
                {
                    d.section = Some(Section::Minutes);
                }
                if record::is_field(rest.text) {
                    d.record.push(rest);
                    d.record_open = record::opens_value(rest.text);
                } else {
                    d.push(rest);
                }
            }
            continue;
        }
        let Some(d) = drafts.last_mut() else {
            // Text above the first item number: an item whose number and
            // title fell off the top of the page.
            // Bullets above it are page links ("• Webcast"), not items.
            if numbered
                && !is_header_field(t.text)
                && !super::is_page_heading(t.text)
                && !t.text.starts_with(BULLET)
            {
                let mut d = Draft {
                    first_line: t.line,
                    last_line: t.line,
                    ..Default::default()
                };
                if lines.title(i) {
                    d.title = Some(t);
                } else {
                    let minutes = layout.prints == Prints::Minutes
                        || layout.prints == Prints::Both && !is_agenda_phrase(t.text);
                    d.section = minutes.then_some(Section::Minutes);
                    d.push(t);
                }
                drafts.push(d);
            }
            continue;
        };
        // "Item 9" right under an agenda item page's title: the item's
        // number, as some sites print it there.
        if page_type == PageType::AgendaItem
            && d.number.is_none()
            && d.title.is_some()
            && !d.has_content()
            && lines.number[i].is_some()
            && t.text.starts_with(char::is_alphabetic)
        {
            d.number = lines.number[i];
            d.last_line = t.line;
            continue;
        }
        if single && page_type != PageType::AgendaItem && record::is_field(t.text) {
            // Decision and issue metadata ("Decision status: ...") is
            // neither minutes nor a resolution.
            d.record.push(t);
            d.record_open = record::opens_value(t.text);
            continue;
        }
        if d.record_open {
            d.record.push(t);
            continue;
        }
        // A record's "Subject: ..." under its other fields names what was
        // decided (finish cuts the label).
        if single && d.title.is_none() && record::names_subject(t.text) {
            d.title = Some(t);
            d.last_line = t.line;
            continue;
        }
        if page_type == PageType::Decision && d.section.is_none() {
            d.section = Some(Section::Decision);
        }
        if expect_title {
            expect_title = false;
            d.title = Some(t);
            d.last_line = t.line;
            continue;
        }
        // Without labels, minutes follow the agenda text after a wider gap
        // (or after "Additional documents:"); on single-item pages, the text
        // after the agenda description. Agenda pages have no minutes.
        // Where agenda text sits right under the title, the split is made
        // once the item is complete (see `split_unlabelled`).
        if !labelled && layout.prints != Prints::Agenda {
            let in_agenda = d.section.is_none_or(|s| s == Section::Agenda);
            let starts_minutes = in_agenda
                && if layout.prints == Prints::Minutes {
                    true
                } else if single {
                    (d.title.is_some() || !d.agenda.is_empty())
                        && (t.gap >= 2 || !opens_agenda_phrase(toks, i))
                } else {
                    d.title.is_some()
                        && d.agenda.is_empty()
                        && (t.gap >= 2 || gapless && !opens_agenda_phrase(toks, i))
                };
            // A listed document stays a document; other text after the
            // documents label is minutes.
            let after_documents =
                d.section == Some(Section::Documents) && !ATTACHMENT.is_match(t.text);
            if starts_minutes || after_documents {
                d.section = Some(Section::Minutes);
            }
        }
        if layout.prints == Prints::Agenda && d.section == Some(Section::Documents) {
            d.section = Some(Section::Agenda);
        }
        d.push(t);
    }

    let last_text = toks.last().map(|t| t.text).unwrap_or("");
    let cut_off = page_cut_off(last_text);
    let count = drafts.len();
    if !single && !labelled && layout.prints == Prints::Both {
        let min_gap = if spaced { 2 } else { paragraph_gap };
        drafts.iter_mut().for_each(|d| split_unlabelled(d, min_gap));
        minutes_under_titles(&mut drafts, grammar);
    }
    if single && !labelled && layout.prints == Prints::Both {
        drafts.iter_mut().for_each(description_over_minutes);
    }
    drafts
        .into_iter()
        .enumerate()
        .map(|(position, d)| {
            finish(
                d,
                position as u32,
                cut_off && position + 1 == count,
                grammar,
                warnings,
            )
        })
        .collect()
}

/// A word alone on a line that heads a section of an item, not a page:
/// "Minutes" without its colon, "Agenda", Welsh "Cofnodion", "Rhaglen".
fn section_heading(text: &str) -> Option<Section> {
    const HEADINGS: [(&str, Section); 5] = [
        ("minutes", Section::Minutes),
        ("cofnod", Section::Minutes),
        ("cofnodion", Section::Minutes),
        ("agenda", Section::Agenda),
        ("rhaglen", Section::Agenda),
    ];
    let text = text.trim();
    (HEADINGS.iter())
        .find(|(word, _)| word.eq_ignore_ascii_case(text))
        .map(|&(_, section)| section)
}

/// Announcement items ("Chairman's Announcements", "Lord Mayor's
/// business") print each announcement under a heading of its own; without
/// item numbers, only a line with a report attached starts the next item.
fn holds_subheadings(d: &Draft) -> bool {
    static ANNOUNCEMENTS: LazyLock<Regex> = LazyLock::new(|| {
        crate::stages::regex(r"(?i)\bannouncements?\b|\bcyhoeddiadau\b|\b(?:mayor|chair(?:man|person)?|leader|presiding member)(?:'|’)?s?\s+business\b").unwrap()
    });
    d.has_content() && d.title.is_some_and(|t| ANNOUNCEMENTS.is_match(t.text))
}

/// A heading in capitals, its colon aside ("MINUTES:", "COFNODION:"):
/// a label in a site's template is printed in mixed case.
fn shouted(text: &str) -> bool {
    let text = text.trim_end_matches([':', '-', ' ']);
    text.chars().any(char::is_alphabetic) && !text.chars().any(char::is_lowercase)
}

/// Does the text at token `i` open with an agenda phrase ("To receive
/// ...")? A hard wrap may leave its first word alone on a line ("To" over
/// "appoint substitute Members ..."): the phrase then runs on into the
/// next line.
fn opens_agenda_phrase(toks: &[Tok], i: usize) -> bool {
    let t = toks[i];
    is_agenda_phrase(t.text)
        || !t.text.contains(' ')
            && toks.get(i + 1).is_some_and(|next| {
                next.gap == 0 && is_agenda_phrase(&format!("{} {}", t.text, next.text))
            })
}

#[cfg(test)]
mod tests;
