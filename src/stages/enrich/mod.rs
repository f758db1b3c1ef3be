//! enrich: what a reader infers from a parsed page, made explicit.
//!
//! Each enricher is switchable in `[enrich]`. Every inferred value says
//! how it was inferred (`start_date_method`, `body_name_method`, the raw
//! text of an amount or reference), and an enricher that cannot be sure
//! leaves the value empty rather than guess.

mod actions;
mod dates;
mod ids;
pub mod links;
mod mentions;
mod money;
pub mod people;
mod references;
mod topics;
pub mod vocabulary;

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{AgendaItem, Council, Document, ItemKind, Meeting, Statutory};

pub use dates::{date_from_participation_deadline, english_bank_holidays};
pub use vocabulary::Vocabulary;

/// Which enrichers run, and their vocabularies, from `[enrich]`.
#[derive(Debug, Clone)]
pub struct EnrichOptions {
    pub item_kind: bool,
    pub meeting_date: bool,
    pub body: bool,
    /// The body to assume when neither the page nor its text names one.
    pub default_body: Option<String>,
    pub clause_action: bool,
    pub money: bool,
    pub references: bool,
    pub mentions: bool,
    pub statutory: bool,
    pub topics: bool,
    /// The organisations, topic keywords and other words the enrichers
    /// look for, in one automaton.
    pub vocabulary: Vocabulary,
}

impl Default for EnrichOptions {
    /// Every enricher on, built-in vocabularies only.
    fn default() -> Self {
        EnrichOptions {
            item_kind: true,
            meeting_date: true,
            body: true,
            default_body: None,
            clause_action: true,
            money: true,
            references: true,
            mentions: true,
            statutory: true,
            topics: true,
            vocabulary: Vocabulary::new(&[], &[]).expect("the built-in vocabulary compiles"),
        }
    }
}

/// The enrich stage's entry: every meeting of a parsed document enriched,
/// then every record given its stable ID (which the inferred body and
/// date are part of).
pub fn document(doc: &mut Document, council: &Council, options: &EnrichOptions) {
    for meeting in &mut doc.meetings {
        enrich(meeting, council, options);
    }
    ids::assign_ids(doc, &council.identifier);
    people::identify(doc, &council.identifier, options.mentions);
}

pub fn enrich(meeting: &mut Meeting, council: &Council, options: &EnrichOptions) {
    meeting.council = council.name.clone();
    if options.item_kind {
        for item in &mut meeting.items {
            item.kind = item_kind(item.title.as_deref().unwrap_or(""));
        }
    }
    if options.meeting_date && meeting.start_date.is_none() {
        let deadline = meeting
            .items
            .iter()
            .filter_map(|i| i.agenda_text.as_deref())
            .find_map(date_from_participation_deadline);
        if let Some(date) = deadline {
            meeting.start_date = Some(date);
            meeting.start_date_method = Some("participation_deadline");
        }
    }
    if options.body && meeting.body_name.is_none() {
        if let Some((body, method)) = body_from_text(meeting) {
            meeting.body_name = Some(body);
            meeting.body_name_method = Some(method);
        } else if let Some(body) = &options.default_body {
            meeting.body_name = Some(body.clone());
            meeting.body_name_method = Some("config");
        }
    }
    let conflicts = meeting.declarations.iter().any(|d| d.person_name.is_some());
    let mut not_before = None;
    for item in &mut meeting.items {
        if options.clause_action {
            for decision in &mut item.decisions {
                decision.clauses.iter_mut().for_each(actions::classify);
                actions::inherit(decision);
            }
        }
        if options.money {
            item.money = money::amounts(item);
        }
        // Each text read once for every vocabulary (when any enricher
        // reading them is on).
        let hits = if options.references || options.mentions || options.topics {
            options.vocabulary.scan_item(item, options.topics)
        } else {
            vocabulary::ItemHits::default()
        };
        if options.references {
            item.references = references::find(item, &hits);
            let previous = item
                .references
                .iter()
                .filter(|r| r.kind == "previous_meeting");
            not_before = not_before.max(previous.filter_map(|r| r.date).max());
        }
        if options.mentions {
            item.mentions = options.vocabulary.gazetteer.mentions(item, &hits);
        }
        if options.topics {
            item.topics = options.vocabulary.taxonomy.topics(item, &hits);
        }
        if options.statutory {
            statutory(item, conflicts);
        }
    }
    if meeting.start_date.is_none() {
        meeting.start_date_not_before = not_before;
    }
}

/// The kind of an item, from its title (English and Welsh).
pub fn item_kind(title: &str) -> ItemKind {
    static KINDS: LazyLock<[(Regex, ItemKind); 4]> = LazyLock::new(|| {
        let re = |p: &str| crate::stages::regex(&format!("(?i){p}")).unwrap();
        [
            (
                re(r"\b(declarations?|disclosures?)\b.*\binterests?\b|\bdatgan\b|^declarations?\b"),
                ItemKind::Declarations,
            ),
            (re(r"\bapolog|\bymddiheuriadau\b"), ItemKind::Apologies),
            (
                re(
                    r"\bpublic (participation|questions?|speaking|forum)\b|\bquestions (?:from|by) (?:(?:the )?members of )?(?:the )?public\b|\bopen forum\b|\bpetitions?\b",
                ),
                ItemKind::PublicParticipation,
            ),
            (
                re(
                    r"^(confirmation of (the )?)?(minutes\b|minute of\b)|\bminutes? of (the )?(previous|last)\b|^cofnodion\b",
                ),
                ItemKind::PreviousMinutes,
            ),
        ]
    });
    KINDS
        .iter()
        .find(|(re, _)| re.is_match(title))
        .map_or(ItemKind::Substantive, |(_, k)| *k)
}

/// The body that met, when no committee/date line names it: from the
/// minutes ("The Cabinet considered ...", "The Panel received ...") or the
/// contact officer's role ("Overview and Scrutiny Officer").
fn body_from_text(meeting: &Meeting) -> Option<(String, &'static str)> {
    static SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
        crate::stages::regex(concat!(
            r"(?m)^(?:\d+(?:\.\d+)*\s+)?The ((?:[A-Z][\w&'’-]*\s+(?:(?:and|of|&|for)\s+)?){0,6}?",
            r"(?:Cabinet|Council|Committee|Sub-Committee|Panel|Board|Forum|Executive|Commission))",
            r"\s+(?:considered|received|noted|agreed|approved|resolved|discussed|heard|was|were)\b"
        ))
        .unwrap()
    });
    static ROLE: LazyLock<Regex> = LazyLock::new(|| {
        crate::stages::regex(r"\b((?:[A-Z][\w&'’-]*\s+(?:(?:and|of|&|for)\s+)?){0,5}?(?:Committee|Panel|Board|Cabinet))\s+(?:Officer|Clerk|Support)\b").unwrap()
    });
    let mut counts: Vec<(String, usize)> = Vec::new();
    for text in meeting
        .items
        .iter()
        .filter_map(|i| i.minutes_text.as_deref())
    {
        for caps in SUBJECT.captures_iter(text) {
            let body = caps[1].trim().to_string();
            if names_no_body(&body) {
                continue;
            }
            match counts.iter_mut().find(|(b, _)| *b == body) {
                Some((_, n)) => *n += 1,
                None => counts.push((body, 1)),
            }
        }
    }
    // The body named most often; on a tie, the first named.
    let best = counts.iter().map(|(_, n)| *n).max();
    if let Some((body, _)) = counts.into_iter().find(|(_, n)| Some(*n) == best) {
        return Some((body, "text"));
    }
    let role = meeting.contact_role.as_deref()?;
    let body = ROLE.captures(role)?[1].trim().to_string();
    (!names_no_body(&body)).then_some((body, "contact_role"))
}

/// "The Committee considered ...", a "Committee Officer": a council has
/// many committees, panels and boards, so the kind alone names none of
/// them (it has one Cabinet, one Council, one Executive).
fn names_no_body(body: &str) -> bool {
    [
        "Committee",
        "Sub-Committee",
        "Panel",
        "Board",
        "Forum",
        "Commission",
    ]
    .contains(&body)
}

/// reg. 12(2) completeness: reasons, alternatives, conflicts declared by
/// members consulted, and dispensations, as far as the record shows them.
fn statutory(item: &mut AgendaItem, conflicts_declared: bool) {
    static DISPENSATION: LazyLock<Regex> =
        LazyLock::new(|| crate::stages::regex(r"(?i)\bdispensations?\b").unwrap());
    static REASONS: LazyLock<Regex> = LazyLock::new(|| {
        crate::stages::regex(r"(?i)\breasons? for (?:the )?decisions?\b").unwrap()
    });
    static ALTERNATIVES: LazyLock<Regex> = LazyLock::new(|| {
        crate::stages::regex(r"(?i)\balternative (?:options?|courses? of action)\b").unwrap()
    });
    // The flags are stored on the decisions: no decisions, nothing to read.
    if item.decisions.is_empty() {
        return;
    }
    let texts = [
        item.minutes_text.as_deref(),
        item.decision_text.as_deref(),
        item.agenda_text.as_deref(),
    ];
    let mentions = |re: &Regex| texts.iter().flatten().any(|t| re.is_match(t));
    let record = item.record.as_ref();
    let flags = Statutory {
        reasons_recorded: record.is_some_and(|r| r.reasons.is_some()) || mentions(&REASONS),
        alternatives_recorded: record.is_some_and(|r| r.alternatives.is_some())
            || mentions(&ALTERNATIVES),
        conflicts_declared: conflicts_declared && item.kind != ItemKind::Declarations,
        dispensations_recorded: mentions(&DISPENSATION),
    };
    for decision in &mut item.decisions {
        decision.statutory = Some(flags);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AgendaItem, Decision, DecisionRecord};

    #[test]
    fn item_kinds_from_titles() {
        assert_eq!(
            item_kind("Apologies and Declarations of Interest"),
            ItemKind::Declarations
        );
        assert_eq!(item_kind("Apologies for Absence"), ItemKind::Apologies);
        assert_eq!(
            item_kind("Public Participation"),
            ItemKind::PublicParticipation
        );
        assert_eq!(
            item_kind("Confirmation of the Minutes of the previous meeting"),
            ItemKind::PreviousMinutes
        );
        assert_eq!(
            item_kind("Questions from Members of the Public"),
            ItemKind::PublicParticipation
        );
        assert_eq!(item_kind("YMDDIHEURIADAU"), ItemKind::Apologies);
        // Scottish minutes say "minute" for the record of a meeting.
        assert_eq!(
            item_kind("MINUTE OF PREVIOUS MEETING"),
            ItemKind::PreviousMinutes
        );
        assert_eq!(item_kind("Minute's Silence"), ItemKind::Substantive);
        assert_eq!(item_kind("Resources Report"), ItemKind::Substantive);
    }

    fn minutes(text: &str) -> AgendaItem {
        AgendaItem {
            minutes_text: Some(text.into()),
            ..Default::default()
        }
    }

    #[test]
    fn body_from_the_minutes_or_the_contact_role() {
        let mut m = Meeting {
            items: vec![
                minutes("The Cabinet considered the report.\nThe Panel noted it."),
                minutes("The Cabinet agreed."),
            ],
            ..Default::default()
        };
        assert_eq!(body_from_text(&m), Some(("Cabinet".into(), "text")));
        m.items.clear();
        m.contact_role = Some("Overview and Scrutiny Panel Officer".into());
        assert_eq!(
            body_from_text(&m),
            Some(("Overview and Scrutiny Panel".into(), "contact_role"))
        );
        m.contact_role = Some("Democratic Services Manager".into());
        assert_eq!(body_from_text(&m), None);
        // The kind of body alone names none.
        m.contact_role = Some("Committee Officer".into());
        assert_eq!(body_from_text(&m), None);
        m.items = vec![minutes("The Committee considered the report.")];
        assert_eq!(body_from_text(&m), None);
    }

    #[test]
    fn an_unknown_date_gets_a_lower_bound_not_a_guess() {
        let council = Council {
            name: "C".into(),
            identifier: "E1".into(),
            base_url: None,
            base_iri: "urn:x:".into(),
            licence: "OGL-UK-3.0".into(),
            licence_url: String::new(),
            licence_terms: None,
            attribution: None,
        };
        let mut m = Meeting {
            items: vec![minutes(
                "RESOLVED that the minutes of the meeting held on 8 February 2018 be confirmed.",
            )],
            ..Default::default()
        };
        enrich(&mut m, &council, &EnrichOptions::default());
        assert_eq!(m.start_date, None);
        assert_eq!(
            m.start_date_not_before,
            chrono::NaiveDate::from_ymd_opt(2018, 2, 8)
        );
        assert_eq!(m.items[0].references[0].kind, "previous_meeting");
        assert_eq!(
            m.items[0].decisions.len(),
            0,
            "enrich adds no decisions of its own"
        );
    }

    #[test]
    fn statutory_flags_from_record_and_text() {
        let mut item = AgendaItem {
            minutes_text: Some("No dispensations were granted.".into()),
            record: Some(DecisionRecord {
                reasons: Some("To keep Cabinet informed.".into()),
                ..Default::default()
            }),
            decisions: vec![Decision::default()],
            ..Default::default()
        };
        statutory(&mut item, false);
        let flags = item.decisions[0].statutory.unwrap();
        assert!(flags.reasons_recorded && flags.dispensations_recorded);
        assert!(!flags.alternatives_recorded && !flags.conflicts_declared);
    }
}
