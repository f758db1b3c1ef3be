//! A drafted item made into the model's agenda item: its title split
//! from the number and attachment marker printed with it, the truncation
//! marker taken off its text, and its decisions and votes read.

use std::sync::LazyLock;

use regex::Regex;

use super::Draft;
use crate::model::{AgendaItem, LineMap, Span, Warning};
use crate::stages::parse::lines::{ATTACHMENT, attachment_row, is_exempt_title};
use crate::stages::parse::{Grammar, Tok, decisions, join_mapped, record, votes};

/// A marker cut short at the end of a page: "pdf ico", "pdf icon PD".
static CUT_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    crate::stages::regex(r"(?i)\s+pdf(?:\s+e?i(?:c(?:on?)?)?)?(?:\s+PD?F?)?$").unwrap()
});

/// Does the page's last line end in a marker cut short ("Long Term Plan
/// Update pdf ico")?
pub(super) fn ends_in_cut_marker(text: &str) -> bool {
    CUT_MARKER.is_match(text)
}

/// "... view the full minutes text for item 1839."
static TRUNCATION: LazyLock<Regex> = LazyLock::new(|| {
    crate::stages::regex(r"(?i)\s*(?:\.\.\.|…)?\s*view the full (minutes|agenda|decision) text(?: for item\s+([\w./()]+?))?\.?\s*$").unwrap()
});

/// "(Agenda Item 4)" after a title.
static AGENDA_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| crate::stages::regex(r"(?i)\s*\(\s*agenda item\s+([\w.]+)\s*\)").unwrap());

/// "(Pages 3 - 10)", "(Page 5)", Welsh "(Tudalennau 3 - 10)": where a
/// printed agenda pack holds the item's papers, after its title.
static PAGES: LazyLock<Regex> = LazyLock::new(|| {
    crate::stages::regex(r"(?i)\s*\((?:pages?|tudalen(?:nau)?)\s+\d+(?:\s*(?:-|–|to)\s*\d+)?\)\s*$")
        .unwrap()
});

/// Does a page end in the middle of a sentence or marker?
pub(super) fn page_cut_off(last: &str) -> bool {
    let last = last.trim_end();
    if TRUNCATION.is_match(last) || record::is_field(last) || ATTACHMENT.is_match(last) {
        return false;
    }
    !last.ends_with(['.', '!', '?', ':', ';', ')', '"', '\'', '’', '”', ']'])
}

pub(super) fn finish(
    d: Draft,
    position: u32,
    page_cut: bool,
    grammar: &Grammar,
    warnings: &mut Vec<Warning>,
) -> AgendaItem {
    let mut item = AgendaItem {
        position,
        minute_number: d.number.map(str::to_string),
        ..Default::default()
    };
    if let Some(t) = d.title {
        let (title, agenda_number, attachment) = split_title(t.text);
        item.title = Some(title).filter(|s| !s.is_empty());
        item.agenda_number = agenda_number;
        if let Some((format, size)) = attachment {
            item.attachments
                .push(attachment_row(None, format, size, t.line));
        }
    }
    for t in &d.documents {
        if let Some(caps) = ATTACHMENT.captures(t.text) {
            let title = t.text[..caps.get(0).map_or(0, |m| m.start())].trim();
            item.attachments.push(attachment_row(
                Some(title).filter(|s| !s.is_empty()),
                &caps[1],
                &caps[2],
                t.line,
            ));
        }
    }
    if item.title.as_deref().is_some_and(is_exempt_title) {
        // Exempt business: the title and number are public, the rest is not.
        item.restricted = true;
        item.span = Span {
            line_start: d.first_line,
            line_end: d.last_line.max(d.first_line),
        };
        return item;
    }
    // Under "Minutes:", a Decision heading's block is what the minutes
    // record; its decisions are still read once, as a block.
    let block_is_minutes = d.minutes.is_empty() && d.decision_in_minutes;
    let recorded = if block_is_minutes {
        &d.decision
    } else {
        &d.minutes
    };
    let (minutes, minutes_marker) = strip_truncation(recorded);
    let (agenda, _) = strip_truncation(&d.agenda);
    item.minutes_truncated =
        minutes_marker.is_some() || (page_cut && (!minutes.is_empty() || !d.labelled_minutes));
    item.full_text_marker = (minutes_marker.as_ref())
        .and_then(|(_, number)| number.clone())
        .zip(recorded.last().map(|t| t.line));
    if item.minute_number.is_none() {
        item.minute_number = minutes_marker
            .filter(|(kind, _)| kind == "minutes")
            .and_then(|(_, n)| n);
    }
    (item.agenda_text, item.agenda_lines) = join_some(&agenda);
    (item.minutes_text, item.minutes_lines) = join_some(&minutes);
    (item.decision_text, item.decision_lines) = join_some(&d.decision);
    let minutes_apart = if block_is_minutes {
        &[][..]
    } else {
        &minutes[..]
    };
    item.decisions = decisions::find(minutes_apart, &d.decision, grammar);
    item.record = record::record(&d.record);
    item.votes = votes::find(
        &minutes,
        (
            item.minutes_text.as_deref().unwrap_or_default(),
            &item.minutes_lines,
        ),
        &item.decisions,
        position,
        warnings,
    );
    if d.labelled_minutes && minutes.is_empty() && !page_cut {
        warnings.push(Warning {
            line: Some(d.last_line),
            code: "empty_minutes",
            message: format!(
                "item {} has a Minutes label but no minutes text",
                position + 1
            ),
        });
    }
    item.span = Span {
        line_start: d.first_line,
        line_end: d.last_line.max(d.first_line),
    };
    item
}

/// An item whose agenda text and minutes a structured source (the web
/// service's XML) has already separated: the same decision, vote and
/// truncation rules as on a text page, without the segmentation.
pub fn from_sections(
    position: u32,
    agenda: Vec<Tok>,
    minutes: Vec<Tok>,
    grammar: &Grammar,
    warnings: &mut Vec<Warning>,
) -> AgendaItem {
    let lines = agenda.iter().chain(&minutes).map(|t| t.line);
    let draft = Draft {
        first_line: lines.clone().min().unwrap_or(0),
        last_line: lines.max().unwrap_or(0),
        agenda,
        minutes,
        ..Draft::default()
    };
    finish(draft, position, false, grammar, warnings)
}

/// "63 Minutes of the last meeting" -> "Minutes of the last meeting" when
/// 63 is the item's number, printed again in front of its title.
pub fn strip_number<'a>(title: &'a str, number: &str) -> &'a str {
    title
        .strip_prefix(number)
        .and_then(|rest| rest.strip_prefix('.').or(Some(rest)))
        .filter(|rest| rest.starts_with(char::is_whitespace))
        .map_or(title, str::trim_start)
}

/// Title text -> (title, "(Agenda Item N)" number, attachment marker).
fn split_title(text: &str) -> (String, Option<String>, Option<(&str, &str)>) {
    let mut title = text;
    let mut attachment = None;
    if let Some(caps) = ATTACHMENT.captures(text) {
        let m = caps.get(0).expect("whole match");
        title = &text[..m.start()];
        attachment = Some((
            caps.get(1).map_or("", |g| g.as_str()),
            caps.get(2).map_or("", |g| g.as_str()),
        ));
    } else if let Some(m) = CUT_MARKER.find(text) {
        title = &text[..m.start()];
    }
    let agenda_number = AGENDA_NUMBER.captures(title).map(|c| c[1].to_string());
    let title = AGENDA_NUMBER.replace(title, "");
    let title = PAGES.replace(&title, "");
    let title = title.trim().trim_start_matches("word icon").trim();
    // A record page's "Title: ..." or "Subject: ..." field.
    let title = (record::SUBJECT_LABELS.iter())
        .find_map(|label| title.strip_prefix(label))
        .map_or(title, str::trim);
    (title.to_string(), agenda_number, attachment)
}

/// Removes a trailing "... view the full minutes text for item N." (or
/// without its item, at the end of a page) from the last token and says
/// which marker it was, and its item.
fn strip_truncation<'a>(toks: &[Tok<'a>]) -> (Vec<Tok<'a>>, Option<(String, Option<String>)>) {
    let mut toks = toks.to_vec();
    let mut marker = None;
    if let Some(last) = toks.last_mut()
        && let Some(caps) = TRUNCATION.captures(last.text)
    {
        marker = Some((
            caps[1].to_lowercase(),
            caps.get(2).map(|n| n.as_str().to_string()),
        ));
        last.text = last.text[..caps.get(0).map_or(0, |m| m.start())].trim_end();
        if last.text.is_empty() {
            toks.pop();
        }
    }
    (toks, marker)
}

fn join_some(toks: &[Tok]) -> (Option<String>, LineMap) {
    let (text, lines) = join_mapped(toks);
    (Some(text).filter(|s| !s.is_empty()), lines)
}
