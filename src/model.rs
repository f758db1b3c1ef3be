//! The central data model: what one input document becomes.
//!
//! Every stage reads and writes these plain types; the writers at the edge
//! turn them into Arrow columns. A [`Document`] owns its meetings, a meeting
//! owns its items, an item owns its decisions and attachments, so one
//! document is one self-contained tree that rayon can build independently.

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Inclusive range of 1-based line numbers in the source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Span {
    pub line_start: u32,
    pub line_end: u32,
}

impl Span {
    pub fn line(line: u32) -> Span {
        Span {
            line_start: line,
            line_end: line,
        }
    }
}

/// What kind of ModernGov page a document is (see the corpus conventions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PageType {
    /// ieListDocuments "Agenda and minutes" and its variants.
    Meeting,
    /// mgAi: one agenda item.
    AgendaItem,
    /// ieDecisionDetails / mgDecisionDetails / printed record of decision.
    Decision,
    /// ieIssueDetails / mgIssueHistoryHome.
    Issue,
    /// A list that names and links things rather than recording them:
    /// GetCommittees / GetMeetings XML (read for body names).
    Listing,
    /// Anything else, and rejected documents.
    Other,
}

impl PageType {
    pub fn as_str(self) -> &'static str {
        match self {
            PageType::Meeting => "meeting",
            PageType::AgendaItem => "agenda_item",
            PageType::Decision => "decision",
            PageType::Issue => "issue",
            PageType::Listing => "listing",
            PageType::Other => "other",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ParseStatus {
    /// Everything the page holds was understood.
    Parsed,
    /// Data came out, but some constructs were not understood (see warnings).
    Partial,
    /// Nothing could be read from the file (see reason).
    Rejected,
}

impl ParseStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ParseStatus::Parsed => "parsed",
            ParseStatus::Partial => "partial",
            ParseStatus::Rejected => "rejected",
        }
    }
}

/// A construct a stage saw but could not fully understand, or data it
/// changed (e.g. a legacy encoding); never fatal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    /// 1-based source line, when the warning is about one place.
    pub line: Option<u32>,
    /// Stable machine-readable code, e.g. `decoded_windows_1252`.
    #[serde(deserialize_with = "vocabulary::word")]
    pub code: Word,
    pub message: String,
}

/// One input file and everything parsed from it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Document {
    pub doc_id: String,
    /// The path as the user gave it (glob match or directory walk result).
    pub path: String,
    pub bytes: u64,
    /// Lowercase hex SHA-256 of the raw file bytes.
    pub sha256: String,
    pub page_type: PageType,
    pub status: ParseStatus,
    /// Why the document was rejected; `None` otherwise.
    pub reason: Option<String>,
    pub warnings: Vec<Warning>,
    pub meetings: Vec<Meeting>,
}

impl Document {
    /// A document nothing could be read from; it still gets its row (its
    /// ID as if of no council: the run that reads it gives it its own).
    pub fn rejected(path: String, bytes: u64, sha256: String, reason: String) -> Document {
        Document {
            doc_id: doc_id("", &sha256),
            path,
            bytes,
            sha256,
            page_type: PageType::Other,
            status: ParseStatus::Rejected,
            reason: Some(reason),
            warnings: Vec::new(),
            meetings: Vec::new(),
        }
    }

    pub fn items(&self) -> impl Iterator<Item = &AgendaItem> {
        self.meetings.iter().flat_map(|m| m.items.iter())
    }
}

/// A meeting as far as the page shows it. Agenda-item and decision pages
/// show one meeting partially; issue pages can show several.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Meeting {
    pub meeting_id: String,
    pub council: String,
    pub body_name: Option<String>,
    pub start_date: Option<NaiveDate>,
    /// How `start_date` was found: `stated`, `participation_deadline`, ...
    #[serde(deserialize_with = "vocabulary::optional_word")]
    pub start_date_method: Option<Word>,
    /// A lower bound when the date is unknown: the latest earlier meeting
    /// the minutes refer to ("minutes of the meeting held on ...").
    pub start_date_not_before: Option<NaiveDate>,
    /// How `body_name` was found: `stated`, `text`, `contact_role`, `config`.
    #[serde(deserialize_with = "vocabulary::optional_word")]
    pub body_name_method: Option<Word>,
    /// As the source states it: "Confirmed", "Cancelled", ...
    pub status: Option<String>,
    pub start_time: Option<NaiveTime>,
    /// The identifier the source system gives the meeting (ModernGov MID).
    pub source_id: Option<String>,
    pub venue: Option<String>,
    pub contact_name: Option<String>,
    pub contact_role: Option<String>,
    pub items: Vec<AgendaItem>,
    pub attendance: Vec<Attendance>,
    pub declarations: Vec<Declaration>,
}

/// What an agenda item is about, as far as the pipeline can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ItemKind {
    Apologies,
    Declarations,
    PublicParticipation,
    PreviousMinutes,
    #[default]
    Substantive,
}

impl ItemKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Apologies => "apologies",
            ItemKind::Declarations => "declarations",
            ItemKind::PublicParticipation => "public_participation",
            ItemKind::PreviousMinutes => "previous_minutes",
            ItemKind::Substantive => "substantive",
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct AgendaItem {
    pub item_id: String,
    /// 0-based order within the document.
    pub position: u32,
    /// The number shown beside the item ("1839", "4a", "1/16").
    pub minute_number: Option<String>,
    /// The agenda number from "(Agenda Item 4)".
    pub agenda_number: Option<String>,
    pub title: Option<String>,
    pub kind: ItemKind,
    pub agenda_text: Option<String>,
    /// `None` when the page shows no minutes for the item.
    pub minutes_text: Option<String>,
    /// The minutes are cut short on the page ("... view the full minutes text").
    pub minutes_truncated: bool,
    /// The decision outcome block some councils print ("Decision: Approved.").
    pub decision_text: Option<String>,
    pub decisions: Vec<Decision>,
    pub attachments: Vec<Attachment>,
    /// The fields of a decision record page ("Decision Maker:", ...).
    pub record: Option<DecisionRecord>,
    pub votes: Vec<VoteCount>,
    /// "... view the full minutes text for item 1839": (1839, its line).
    pub full_text_marker: Option<(String, u32)>,
    /// Where each line of `agenda_text` / `minutes_text` /
    /// `decision_text` came from.
    pub agenda_lines: LineMap,
    pub minutes_lines: LineMap,
    pub decision_lines: LineMap,
    pub money: Vec<MoneyAmount>,
    pub references: Vec<Reference>,
    pub mentions: Vec<Mention>,
    /// (topic, the keyword that matched), from the configured taxonomy.
    pub topics: Vec<(String, String)>,
    /// Exempt ("Part II") or restricted business: its text is withheld.
    pub restricted: bool,
    /// The identifier the source system gives the item (ModernGov agendaitemid).
    pub source_id: Option<String>,
    /// People named in the item without a councillor's title who are not
    /// listed at the meeting (members of the public, speakers): counted,
    /// never listed; `None`
    /// when mentions are not looked for (`[enrich] mentions = false`).
    pub others_named: Option<u32>,
    /// How many declarations of interest the source counts for the item.
    pub declaration_count: Option<u32>,
    /// The item is a call-in of an executive decision.
    pub call_in: Option<bool>,
    pub span: Span,
}

/// What a decision record says about a decision besides its text: who
/// made it, when, whether it was key or open to call-in, and why.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DecisionRecord {
    pub decision_maker: Option<String>,
    pub status: Option<String>,
    pub key_decision: Option<bool>,
    pub subject_to_call_in: Option<bool>,
    pub decision_date: Option<NaiveDate>,
    pub publication_date: Option<NaiveDate>,
    pub effective_from: Option<NaiveDate>,
    pub reasons: Option<String>,
    pub alternatives: Option<String>,
    pub span: Span,
}

/// A vote the minutes record: by counts ("For: 26, Against: 32,
/// Abstentions: 0"), by names ("For: Councillors A, B (2)"), or both.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoteCount {
    pub vote_id: String,
    pub for_count: u32,
    pub against: u32,
    pub abstentions: Option<u32>,
    /// `counted` when the minutes print the numbers, `names` when they
    /// are counted from the names listed.
    #[serde(deserialize_with = "vocabulary::word")]
    pub method: Word,
    /// Each member's vote, when the minutes name them.
    pub names: Vec<NamedVote>,
    /// The decision voted on, by its index in the item: the first
    /// resolution recorded after the vote (or the last before it).
    pub decision: Option<usize>,
    pub span: Span,
}

/// One member's vote in a recorded (named) vote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedVote {
    pub person_name: String,
    pub person_id: String,
    /// `for`, `against` or `abstain`.
    #[serde(deserialize_with = "vocabulary::word")]
    pub option: Word,
    pub span: Span,
}

/// One resolution recorded for an item ("RESOLVED that ...").
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Decision {
    pub decision_id: String,
    /// Text that introduces the clauses ("RESOLVED that Cabinet:").
    pub preamble: Option<String>,
    /// The whole resolution as printed.
    pub text: String,
    pub clauses: Vec<Clause>,
    /// What the record shows besides the decision (England, Executive
    /// Arrangements Regulations 2012 reg. 12(2)); `None` before enrichment.
    pub statutory: Option<Statutory>,
    pub span: Span,
}

/// Whether a decision's record states what reg. 12(2) asks for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statutory {
    pub reasons_recorded: bool,
    pub alternatives_recorded: bool,
    pub conflicts_declared: bool,
    pub dispensations_recorded: bool,
}

/// "£4.1million" -> 4,100,000.00 GBP, in pence so it is exact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MoneyAmount {
    pub pence: i128,
    pub raw: String,
    /// The clause the amount is in, by (decision, clause) position.
    pub clause: Option<(usize, usize)>,
    pub span: Span,
}

/// A pointer to another meeting or item: "minutes of the meeting held on
/// 8 February 2018", "view the full minutes text for item 1839".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reference {
    /// `previous_meeting`, `minutes_item`, `agenda_item`.
    #[serde(deserialize_with = "vocabulary::word")]
    pub kind: Word,
    pub raw: String,
    pub date: Option<NaiveDate>,
    /// The minute or agenda number referred to.
    pub item_number: Option<String>,
    /// The ID the referenced meeting has in this dataset when it is a
    /// meeting of the same body on that date; set with the other IDs.
    pub meeting_id: Option<String>,
    pub span: Span,
}

/// A role, person or organisation named in an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// `role`, `person`, `organisation`.
    #[serde(deserialize_with = "vocabulary::word")]
    pub kind: Word,
    pub text: String,
    /// Lower-case, honorifics and "Cllr"/"Councillor" dropped for people.
    pub normalised: String,
    /// For a member or officer named in the item: the person
    /// ([`crate::stages::enrich::people`]); `None` for anyone else.
    pub person_id: Option<String>,
    /// A role printed with the name ("Councillor A Smith, Cabinet Member
    /// for Highways").
    pub role: Option<String>,
    pub span: Span,
}

/// Byte offset in an item's text -> source line, so enrichers can give
/// line spans for what they find in it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineMap(pub Vec<(usize, u32)>);

impl LineMap {
    pub fn line_at(&self, offset: usize) -> u32 {
        let i = self.0.partition_point(|&(start, _)| start <= offset);
        self.0.get(i.saturating_sub(1)).map_or(0, |&(_, line)| line)
    }

    pub fn span(&self, start: usize, end: usize) -> Span {
        Span {
            line_start: self.line_at(start),
            line_end: self.line_at(end.saturating_sub(1).max(start)),
        }
    }
}

/// One clause of a resolution: "(a) the report be noted".
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Clause {
    pub clause_id: String,
    /// "a", "ii", "3"; `None` for a single unlabelled resolution.
    pub label: Option<String>,
    pub text: String,
    /// What the clause does: noted, approved, recommended, delegated, ...
    #[serde(deserialize_with = "vocabulary::optional_word")]
    pub action: Option<Word>,
    /// The body a recommendation or referral goes to ("Council").
    pub target_body: Option<String>,
    /// Who a power is delegated to ("the Chief Executive").
    pub delegate: Option<String>,
    pub span: Span,
}

/// A document linked to an item: "pdf icon PDF 168 KB".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    pub title: Option<String>,
    /// "PDF"; empty (null in the tables) when the source does not say.
    pub format: String,
    /// "168 KB" as printed; empty when not printed (web-service XML).
    pub size_text: String,
    pub size_bytes: Option<u64>,
    /// Absolute when the source or `[council] base_url` allows it.
    pub url: Option<String>,
    pub published: Option<NaiveDate>,
    /// Not public: the title is kept, the link is not.
    pub restricted: bool,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AttendanceStatus {
    Present,
    Apologies,
    Absent,
    Substitute,
    /// Present but not a member of the body: officers, other councillors
    /// ("In attendance:", "Also present:").
    InAttendance,
    /// Listed for a meeting whose attendance is not recorded yet.
    Expected,
}

impl AttendanceStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            AttendanceStatus::Present => "present",
            AttendanceStatus::Apologies => "apologies",
            AttendanceStatus::Absent => "absent",
            AttendanceStatus::Substitute => "substitute",
            AttendanceStatus::InAttendance => "in_attendance",
            AttendanceStatus::Expected => "expected",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendance {
    pub person_name: String,
    /// [`crate::stages::enrich::people::person_id`] of the name.
    pub person_id: String,
    pub status: AttendanceStatus,
    /// "Committee Member", "Chair".
    pub role: Option<String>,
    /// Only with `[read] attendee_party_and_ward = true`.
    pub party: Option<String>,
    pub ward: Option<String>,
    /// Position of the item the attendance was recorded under.
    pub item_position: Option<u32>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Declaration {
    /// Position of the item the declaration was made under.
    pub item_position: Option<u32>,
    pub person_name: Option<String>,
    pub person_id: Option<String>,
    /// The kind of interest the text names: `disclosable_pecuniary`,
    /// `prejudicial`, `non_financial`, ...
    #[serde(deserialize_with = "vocabulary::optional_word")]
    pub interest: Option<Word>,
    /// The number of the item the declaration is about, as printed.
    pub concerns_item: Option<String>,
    pub text: String,
    pub span: Span,
}

/// A word of a small closed vocabulary: a warning code, a method, a kind,
/// an action. (An alias, so serde does not take it for borrowed input.)
pub type Word = &'static str;

/// The small closed vocabularies the model keeps as `&'static str`
/// (warning codes, methods, kinds, actions), read back from the
/// incremental cache: each distinct word is allocated once and shared.
mod vocabulary {
    use std::collections::HashSet;
    use std::sync::{LazyLock, Mutex};

    use serde::{Deserialize, Deserializer};

    fn intern(word: String) -> &'static str {
        static WORDS: LazyLock<Mutex<HashSet<&'static str>>> = LazyLock::new(Default::default);
        let mut words = super::lock(&WORDS);
        match words.get(word.as_str()) {
            Some(known) => known,
            None => {
                let leaked: &'static str = Box::leak(word.into_boxed_str());
                words.insert(leaked);
                leaked
            }
        }
    }

    pub fn word<'de, D: Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
        String::deserialize(d).map(intern)
    }

    pub fn optional_word<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<&'static str>, D::Error> {
        Option::<String>::deserialize(d).map(|w| w.map(intern))
    }
}

/// Who published the source documents; stamped on every meeting row.
#[derive(Debug, Clone)]
pub struct Council {
    pub name: String,
    /// A stable code for the council (e.g. the ONS GSS code); part of IDs.
    pub identifier: String,
    pub base_url: Option<String>,
    /// The namespace of the dataset's IRIs and file URLs: `[publish]
    /// base_iri` ("https://data.example.gov.uk/decisions/") or a URN.
    pub base_iri: String,
    /// The licence as given (SPDX identifier or URL), as a URL, and what
    /// the tool knows of it.
    pub licence: String,
    pub licence_url: String,
    pub licence_terms: Option<LicenceTerms>,
    pub attribution: Option<String>,
}

/// A licence the tool knows: its title and its kind in the ADMS licence
/// type vocabulary (`Attribution`, `PublicDomain`, `ShareAlike`...), which
/// DCAT-AP recommends a catalog to give.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LicenceTerms {
    pub title: &'static str,
    pub kinds: &'static [&'static str],
}

/// A mutex's guard, also after a holder panicked: the data behind the
/// crate's mutexes (lists, sets, a first error) is whole after every step.
pub(crate) fn lock<T>(mutex: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Deterministic identifier: 16 hex digits of SHA-256 over the parts,
/// each part length-prefixed so that ("ab","c") and ("a","bc") differ.
pub fn stable_id(parts: &[&str]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part.as_bytes());
    }
    hex(&hasher.finalize()[..8])
}

/// A [`stable_id`] as the number its 16 hex digits spell (0 for anything
/// else): a quarter of the memory, for records held over a whole run.
pub fn id_number(id: &str) -> u64 {
    u64::from_str_radix(id, 16).unwrap_or(0)
}

/// A document is identified by its council and its content, so IDs
/// survive renames, and the same bytes published by two councils (a joint
/// committee's page) are two documents of a dataset holding both.
pub fn doc_id(council_id: &str, sha256_hex: &str) -> String {
    stable_id(&["doc", council_id, sha256_hex])
}

pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[(b >> 4) as usize] as char);
        out.push(DIGITS[(b & 15) as usize] as char);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_file_of_two_councils_is_two_documents() {
        let sha = "ab".repeat(32);
        assert_ne!(doc_id("E10000034", &sha), doc_id("W06000001", &sha));
        assert_eq!(doc_id("E10000034", &sha), doc_id("E10000034", &sha));
    }

    #[test]
    fn stable_id_is_prefix_free() {
        assert_ne!(stable_id(&["ab", "c"]), stable_id(&["a", "bc"]));
        assert_eq!(stable_id(&["x"]), stable_id(&["x"]));
        assert_eq!(stable_id(&["x"]).len(), 16);
        let id = stable_id(&["x"]);
        assert_eq!(format!("{:016x}", id_number(&id)), id);
    }
}
