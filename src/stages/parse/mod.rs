//! parse: cleaned lines -> meetings, items, decisions (one pass per page).
//!
//! The page is first turned into tokens (one per line, with markdown table
//! debris removed and inline labels such as "... Additional documents:
//! Minutes: ..." split out), then classified by its header, then segmented
//! into items by structural cues: item-number lines, section labels, and on
//! pages without either, the size of the gaps between paragraphs.

mod decisions;
mod header;
mod items;
mod people;

use std::sync::LazyLock;

use regex::Regex;

use crate::config::ParseRules;
use crate::model::{Meeting, PageType, Warning};
use crate::stages::clean::Cleaned;

pub use header::{month_number, parse_date};

/// One unit of text the parser reasons about: usually one cleaned line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok<'a> {
    pub text: &'a str,
    /// 1-based source line.
    pub line: u32,
    /// Blank lines (or table-row breaks) before this token.
    pub gap: u32,
    pub indent: u32,
}

/// The configurable vocabulary, compiled once and shared by all threads.
#[derive(Debug, Clone)]
pub struct Grammar {
    opener: Regex,
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
    pub fn new(rules: &ParseRules) -> Grammar {
        let alternatives = |words: &[String]| {
            words
                .iter()
                .map(|w| regex::escape(w.trim()))
                .collect::<Vec<_>>()
                .join("|")
        };
        let minutes = alternatives(&rules.minutes_labels);
        let labels = format!(
            r"(?:{minutes})|Decisions?|Penderfyniad(?:au)?|Additional documents|Supporting documents|Dogfennau ychwanegol|Dogfennau ategol"
        );
        Grammar {
            opener: Regex::new(&format!(
                r"(?i)^(?:it was\s+|and\s+|accordingly\s+)?(?:{})\b[\s:,;.\-–—]*(.*)$",
                alternatives(&rules.resolution_words)
            ))
            .expect("escaped words form a valid regex"),
            label: Regex::new(&format!(r"(?i)^({labels})\s*:\s*(.*)$")).expect("valid label regex"),
            inline_label: Regex::new(&format!(r"(?i)(?:^|\s)({labels}):(?:\s|$)"))
                .expect("valid label regex"),
        }
    }

    /// If `text` opens a resolution ("RESOLVED that ..."), the text after
    /// the keyword. The keyword must be capitalised: "agreed" mid-prose
    /// is not a resolution.
    pub fn resolution_opener<'a>(&self, text: &'a str) -> Option<&'a str> {
        let caps = self.opener.captures(text)?;
        let keyword_start = caps.get(0)?.start() + text.len()
            - text.trim_start_matches(|c: char| !c.is_alphabetic()).len();
        let starts_upper = text[keyword_start..]
            .split_whitespace()
            .find(|w| !["it", "was", "and", "accordingly"].contains(&w.to_lowercase().as_str()))
            .and_then(|w| w.chars().next())
            .is_some_and(char::is_uppercase);
        starts_upper.then(|| caps.get(1).map_or("", |m| m.as_str().trim()))
    }

    /// "Minutes:" / "Additional documents:" -> the section and the text
    /// after the label on the same line.
    pub fn label<'a>(&self, text: &'a str) -> Option<(Section, &'a str)> {
        let caps = self.label.captures(text)?;
        let name = caps.get(1)?.as_str().to_lowercase();
        let section = if name.starts_with("decision") || name.starts_with("penderfyniad") {
            Section::Decision
        } else if name.contains("documents") || name.starts_with("dogfennau") {
            Section::Documents
        } else {
            Section::Minutes
        };
        Some((section, caps.get(2).map_or("", |m| m.as_str().trim())))
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
    let toks = tokens(cleaned, grammar);
    let page_type = page_type(&toks);
    let mut warnings = Vec::new();
    let mut meeting = header::meeting_header(&toks);
    let region = items::item_region(&toks, page_type);
    meeting.items = items::segment(&toks[region..], page_type, grammar, &mut warnings);
    people::collect(&mut meeting);
    let meetings = if meeting_is_empty(&meeting) && page_type == PageType::Other {
        Vec::new()
    } else {
        vec![meeting]
    };
    Parsed {
        page_type: Some(page_type),
        meetings,
        warnings,
    }
}

fn meeting_is_empty(m: &Meeting) -> bool {
    m.items.is_empty() && m.venue.is_none() && m.contact_name.is_none() && m.start_date.is_none()
}

/// Tokens back to text: a gap becomes a paragraph break.
fn join(toks: &[Tok]) -> String {
    let mut out = String::new();
    for t in toks {
        if !out.is_empty() {
            out.push_str(if t.gap > 0 { "\n\n" } else { "\n" });
        }
        out.push_str(t.text);
    }
    out
}

/// Lines -> tokens: markdown table rules become gaps, row pipes go, and
/// labels printed inline ("Title Additional documents: Minutes: text")
/// are split into tokens of their own.
fn tokens<'a>(cleaned: &'a Cleaned, grammar: &Grammar) -> Vec<Tok<'a>> {
    let mut out = Vec::with_capacity(cleaned.lines.len());
    let mut extra_gap = 0;
    for (i, line) in cleaned.lines.iter().enumerate() {
        let text = cleaned.line(i);
        if text
            .chars()
            .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '*'))
            && text.contains(['|', '-'])
        {
            extra_gap += 3;
            continue;
        }
        let text = text.trim_matches(|c: char| c == '|' || c == ' ');
        if text.is_empty() {
            continue;
        }
        let mut gap = line.blank_before + extra_gap;
        extra_gap = 0;
        let mut rest = text;
        while let Some(m) = grammar.inline_label.find(rest) {
            let head = rest[..m.start()].trim();
            if !head.is_empty() {
                out.push(Tok {
                    text: head,
                    line: line.source_line,
                    gap,
                    indent: line.indent,
                });
                gap = 0;
            }
            let label_end = m.end().min(rest.len());
            let label = rest[m.start()..label_end].trim();
            out.push(Tok {
                text: label,
                line: line.source_line,
                gap,
                indent: line.indent,
            });
            gap = 0;
            rest = rest[label_end..].trim_start();
        }
        if !rest.is_empty() {
            out.push(Tok {
                text: rest,
                line: line.source_line,
                gap,
                indent: line.indent,
            });
        }
    }
    out
}

/// The headings ModernGov prints at the top of each page family.
static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)^(?:.*\s-\s)??(?:(?P<item>agenda item|eitem agenda)",
        r"|(?P<decision>decision details|issue - decisions|record of (?:executive |delegated |officer )?decisions?\b.*|manylion y penderfyniad)",
        r"|(?P<issue>issue - meetings|issue details|issue history)",
        r"|(?P<meeting>agenda(?:,? decisions)?(?: and (?:draft )?(?:minutes|decisions))?|minutes|rhaglen(?: a chofnodion)?|rhaglen, penderfyniadau a chofnodion)",
        r"|(?P<other>browse meetings|meetings?|committee details|committee membership|purpose of committee|recorded votes?.*|attendance details|forward plan.*|delegated decisions.*|decisions published))$"
    ))
    .unwrap()
});

/// Whether a line is a page heading ("Agenda item", "Decision details").
pub fn is_page_heading(text: &str) -> bool {
    HEADING.is_match(text)
}

/// Classifies a page by the headings ModernGov prints at its top, then by
/// the fields it carries.
fn page_type(toks: &[Tok]) -> PageType {
    static FIELD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"(?i)^(?:(?P<issue>meeting:\s*\d{1,2}/\d{1,2}/\d{4}\b.*\(item\b)",
            r"|(?P<decision>decision maker:|decided at meeting:|decision status:|date of decision:|decision made:)",
            r"|(?P<meeting>venue\s*:|lleoliad:|no\.?\s*\|?\s*item\b|note\s+no\.?\s+item|rhif eitem))"
        ))
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
    for t in toks.iter().take(12) {
        if let Some(found) = HEADING.captures(t.text).and_then(|c| kind(&c)) {
            return found;
        }
    }
    let mut fields = toks
        .iter()
        .take(60)
        .filter_map(|t| FIELD.captures(t.text).and_then(|c| kind(&c)));
    if let Some(found) = fields.next() {
        return found;
    }
    match toks.first() {
        Some(t) if t.text.to_lowercase().starts_with("minutes:") => PageType::AgendaItem,
        _ => PageType::Other,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    pub(crate) use crate::stages::clean::clean;

    pub(crate) fn grammar() -> Grammar {
        Grammar::new(&ParseRules {
            minutes_labels: vec!["Minutes".into(), "Cofnod".into()],
            resolution_words: vec!["RESOLVED".into(), "AGREED".into(), "Penderfynwyd".into()],
        })
    }

    fn page(text: &str) -> PageType {
        let c = clean(text, &[]);
        page_type(&tokens(&c, &grammar()))
    }

    #[test]
    fn page_types_from_headings_and_fields() {
        assert_eq!(
            page(" - Agenda and minutes\n\nAgenda and minutes\nVenue: X"),
            PageType::Meeting
        );
        assert_eq!(
            page("Agendas, Meetings and Minutes - Agenda item\n\nAgenda item\nTitle"),
            PageType::AgendaItem
        );
        assert_eq!(
            page("Rhaglen a chofnodion\n\nLleoliad: Y"),
            PageType::Meeting
        );
        assert_eq!(page("Decision details\n\nX"), PageType::Decision);
        assert_eq!(page("Issue - meetings\n\nX"), PageType::Issue);
        assert_eq!(
            page("Some title\nMeeting: 26/01/2016 - Cabinet (Item 5)"),
            PageType::Issue
        );
        assert_eq!(page("Minutes:\nText."), PageType::AgendaItem);
        assert_eq!(page("Browse meetings\nX"), PageType::Other);
        assert_eq!(page("Just some prose."), PageType::Other);
    }

    #[test]
    fn inline_labels_and_table_rules_become_tokens_and_gaps() {
        let c = clean(
            "| No. | Item |\n|---|---|\n|\nApologies Additional documents: Minutes: None. |",
            &[],
        );
        let g = grammar();
        let texts: Vec<_> = tokens(&c, &g).iter().map(|t| (t.text, t.gap)).collect();
        assert_eq!(
            texts,
            [
                ("No. | Item", 0),
                ("Apologies", 6),
                ("Additional documents:", 0),
                ("Minutes:", 0),
                ("None.", 0)
            ]
        );
    }

    #[test]
    fn resolution_opener_needs_a_capital() {
        let g = grammar();
        assert_eq!(g.resolution_opener("RESOLVED: that"), Some("that"));
        assert_eq!(
            g.resolution_opener("Resolved – That the report"),
            Some("That the report")
        );
        assert_eq!(
            g.resolution_opener("It was RESOLVED that x"),
            Some("that x")
        );
        assert_eq!(g.resolution_opener("agreed that x"), None);
        assert_eq!(g.resolution_opener("Resolvedness"), None);
    }
}
