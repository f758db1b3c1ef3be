//! One walk over a document's tree for both writers: the tables' rows
//! ([`super::rows`]) and the graph's nodes ([`super::jsonld`]) visit the
//! same records, in the same order, with the same context, so neither can
//! miss a kind of record the other writes.

use crate::model::{
    AgendaItem, Attachment, Attendance, Clause, Decision, DecisionRecord, Declaration, Document,
    Meeting, Mention, MoneyAmount, Reference, VoteCount, Warning,
};

/// An agenda item and where it sits.
pub struct ItemAt<'a> {
    pub doc: &'a Document,
    pub meeting: &'a Meeting,
    pub item: &'a AgendaItem,
}

impl<'a> ItemAt<'a> {
    /// The ID of the clause a record names by (decision, clause) index.
    pub fn clause_id(&self, (decision, clause): (usize, usize)) -> &'a str {
        &self.item.decisions[decision].clauses[clause].clause_id
    }
}

/// The item of a meeting at a position (attendance and declarations name
/// the item they were recorded under by position).
pub fn item_at(meeting: &Meeting, position: Option<u32>) -> Option<&AgendaItem> {
    position.and_then(|p| meeting.items.iter().find(|i| i.position == p))
}

/// What a writer does with each kind of record; `n` numbers the records of
/// a kind under their parent, from 0.
pub trait Visit<'a> {
    fn document(&mut self, doc: &'a Document);
    fn warning(&mut self, doc: &'a Document, warning: &'a Warning);
    fn meeting(&mut self, doc: &'a Document, meeting: &'a Meeting);
    fn item(&mut self, at: &ItemAt<'a>);
    fn decision(&mut self, at: &ItemAt<'a>, decision: &'a Decision);
    fn clause(&mut self, at: &ItemAt<'a>, decision: &'a Decision, n: usize, clause: &'a Clause);
    fn record(&mut self, at: &ItemAt<'a>, record: &'a DecisionRecord);
    fn vote(&mut self, at: &ItemAt<'a>, n: usize, vote: &'a VoteCount);
    fn money(&mut self, at: &ItemAt<'a>, n: usize, money: &'a MoneyAmount);
    fn reference(&mut self, at: &ItemAt<'a>, n: usize, reference: &'a Reference);
    fn mention(&mut self, at: &ItemAt<'a>, n: usize, mention: &'a Mention);
    fn topic(&mut self, at: &ItemAt<'a>, topic: &'a str, keyword: &'a str);
    fn attachment(&mut self, at: &ItemAt<'a>, n: usize, attachment: &'a Attachment);
    fn attendance(&mut self, doc: &'a Document, m: &'a Meeting, n: usize, a: &'a Attendance);
    fn declaration(&mut self, doc: &'a Document, m: &'a Meeting, n: usize, d: &'a Declaration);
}

/// Visits every record of a document: the document and its warnings,
/// then each meeting, its items (each followed by what hangs under it),
/// and last the meeting's attendance and declarations.
pub fn walk<'a>(doc: &'a Document, v: &mut impl Visit<'a>) {
    v.document(doc);
    for warning in &doc.warnings {
        v.warning(doc, warning);
    }
    for meeting in &doc.meetings {
        v.meeting(doc, meeting);
        for item in &meeting.items {
            let at = ItemAt { doc, meeting, item };
            v.item(&at);
            for decision in &item.decisions {
                v.decision(&at, decision);
                for (n, clause) in decision.clauses.iter().enumerate() {
                    v.clause(&at, decision, n, clause);
                }
            }
            if let Some(record) = &item.record {
                v.record(&at, record);
            }
            for (n, vote) in item.votes.iter().enumerate() {
                v.vote(&at, n, vote);
            }
            for (n, money) in item.money.iter().enumerate() {
                v.money(&at, n, money);
            }
            for (n, reference) in item.references.iter().enumerate() {
                v.reference(&at, n, reference);
            }
            for (n, mention) in item.mentions.iter().enumerate() {
                v.mention(&at, n, mention);
            }
            for (topic, keyword) in &item.topics {
                v.topic(&at, topic, keyword);
            }
            for (n, attachment) in item.attachments.iter().enumerate() {
                v.attachment(&at, n, attachment);
            }
        }
        for (n, a) in meeting.attendance.iter().enumerate() {
            v.attendance(doc, meeting, n, a);
        }
        for (n, d) in meeting.declarations.iter().enumerate() {
            v.declaration(doc, meeting, n, d);
        }
    }
}
