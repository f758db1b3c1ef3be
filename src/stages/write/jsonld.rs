//! JSON-LD: the same records as the Parquet tables, with the same IDs, as
//! linked data. One file, `dataset.jsonld`: an inline `@context` (no
//! network needed to expand it) and a `@graph` streamed one document at a
//! time, so memory stays flat whatever the corpus size.
//!
//! Keys mirror the Parquet column names; [`super::vocabulary`] maps each
//! to an IRI.

use std::collections::BTreeSet;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

use crate::model::{
    Attachment, Attendance, Clause, Council, Decision, DecisionRecord, Declaration, Document,
    Meeting, Mention, MoneyAmount, Reference, VoteCount, Warning,
};

use super::hashed::{Checksum, Hashed};
use super::vocabulary::{RECORDS, context};
use super::walk::{ItemAt, Visit, item_at, walk};
use crate::model::stable_id;
use crate::stages::link::Linked;
use crate::stages::link::people::Role;

mod node;
use node::Node;

/// One document's nodes as JSON-LD text, rendered on the worker threads
/// (it is most of the write stage's work). The bodies that organise its
/// meetings are graph-wide nodes, written once by [`GraphWriter`]: the
/// fragment only says where each would go.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fragment {
    /// As bytes, not a sequence of numbers, in the incremental cache.
    #[serde(with = "serde_bytes")]
    text: Vec<u8>,
    /// (offset in `text`, body IRI, body name).
    bodies: Vec<(usize, String, String)>,
}

/// The IRI of a record, compact: `rec:<kind>/<id>` (see [`RECORDS`]).
fn iri(kind: &str, id: &str) -> String {
    let mut iri = String::with_capacity(RECORDS.len() + kind.len() + id.len() + 2);
    for part in [RECORDS, ":", kind, "/", id] {
        iri.push_str(part);
    }
    iri
}

/// The IRI of the `n`th record of a kind without IDs of its own, under
/// its parent's ID: `rec:vote/<item_id>-<n>`.
fn nth_iri(kind: &str, parent: &str, n: usize) -> String {
    let mut iri = iri(kind, parent);
    iri.push('-');
    iri.push_str(itoa::Buffer::new().format(n));
    iri
}

/// A person's IRI; `None` for a name without a person ID.
fn person_iri(person_id: &str) -> Option<String> {
    Some(person_id)
        .filter(|id| !id.is_empty())
        .map(|id| iri("person", id))
}

/// A membership's IRI: the person, role and body, so it stays the same
/// whoever else the run sees.
fn membership_iri(r: &Role) -> String {
    let body = r.body_name.as_deref().unwrap_or("");
    iri("membership", &stable_id(&[&r.person_id, &r.role, body]))
}

/// A body's IRI, from its name: `rec:body/audit-panel`.
fn body_iri(name: &str) -> String {
    let slug: String = name
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    iri("body", &slug)
}

/// The council's node, which organises meetings with no named body.
fn council_iri() -> String {
    format!("{RECORDS}:council")
}

/// Renders one document's nodes. Its IRIs are compact, so the text does
/// not depend on `[publish] base_iri`, which only the `@context` holds.
pub fn fragment(doc: &Document) -> Fragment {
    let mut out = Fragment::default();
    let mut nodes = Nodes {
        out: &mut out,
        doc_iri: iri("document", &doc.doc_id),
        meeting_iri: String::new(),
        organizer: String::new(),
        date: None,
        item_iri: String::new(),
        decision_iri: String::new(),
    };
    walk(doc, &mut nodes);
    out
}

/// Streams the `@graph`: a header, then each document's fragment, into
/// the dataset's file (or memory, for property tests and fuzzing).
pub struct GraphWriter<W: Write = File> {
    out: BufWriter<Hashed<W>>,
    bodies: BTreeSet<String>,
}

impl GraphWriter {
    pub fn create(path: &Path, c: &Council) -> Result<GraphWriter> {
        let file =
            File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
        GraphWriter::new(file, c)
    }
}

impl<W: Write> GraphWriter<W> {
    pub fn new(sink: W, c: &Council) -> Result<GraphWriter<W>> {
        let mut out = BufWriter::new(Hashed::new(sink));
        let header = serde_json::to_string(&context(&c.base_iri))?;
        writeln!(out, "{{\"@context\":{header},\"@graph\":[")?;
        let node = Node::new(council_iri(), "council")
            .set("name", c.name.as_str())
            .set("identifier", c.identifier.as_str());
        let mut council = Vec::new();
        node.render(&mut council);
        out.write_all(&council)?;
        Ok(GraphWriter {
            out,
            bodies: BTreeSet::new(),
        })
    }

    /// Writes one document's nodes, with the nodes of bodies not met before.
    pub fn append(&mut self, fragment: &Fragment) -> Result<()> {
        let mut written = 0;
        for (offset, iri, name) in &fragment.bodies {
            if !self.bodies.contains(iri) {
                self.out.write_all(&fragment.text[written..*offset])?;
                written = *offset;
                let node = Node::new(iri.clone(), "body")
                    .set("name", name.as_str())
                    .set("sub_organization_of", council_iri());
                let mut text = b",\n".to_vec();
                node.render(&mut text);
                self.out.write_all(&text)?;
                self.bodies.insert(iri.clone());
            }
        }
        self.out.write_all(&fragment.text[written..])?;
        Ok(())
    }

    /// Writes the link stage's nodes: people, their memberships, matters
    /// and their steps. Bodies named only here get their node too.
    pub fn append_linked(&mut self, linked: &Linked) -> Result<()> {
        let mut text = Vec::new();
        let mut emit = |node: Node| {
            text.extend_from_slice(b",\n");
            node.render(&mut text);
        };
        for p in &linked.people {
            emit(
                Node::new(iri("person", &p.person_id), "person")
                    .set("person_id", p.person_id.as_str())
                    .set("name", p.name.as_str())
                    .opt("honorific", p.honorific.as_deref())
                    .opt("first_seen", p.first_seen.map(|d| d.to_string()))
                    .opt("last_seen", p.last_seen.map(|d| d.to_string()))
                    .set("meetings", p.meetings)
                    .set("present", p.present)
                    .set("apologies", p.apologies)
                    .set("absent", p.absent)
                    .set("substitute", p.substitute)
                    .set("in_attendance", p.in_attendance)
                    .set("votes", p.votes)
                    .set("declarations", p.declarations)
                    .set("mentions", p.mentions),
            );
        }
        let mut new_bodies = Vec::new();
        for r in &linked.roles {
            let organization = match &r.body_name {
                Some(body) => {
                    let body_iri = body_iri(body);
                    if !self.bodies.contains(&body_iri) {
                        new_bodies.push((body_iri.clone(), body.clone()));
                    }
                    body_iri
                }
                None => council_iri(),
            };
            emit(
                Node::new(membership_iri(r), "membership")
                    .set("member", iri("person", &r.person_id))
                    .set("organization", organization)
                    .set("role", r.role.as_str())
                    .opt("first_seen", r.first_seen.map(|d| d.to_string()))
                    .opt("last_seen", r.last_seen.map(|d| d.to_string()))
                    .set("times", r.times),
            );
        }
        for m in &linked.matters {
            emit(
                Node::new(iri("matter", &m.matter_id), "matter")
                    .set("matter_id", m.matter_id.as_str())
                    .opt("title", Some(m.title.as_str()).filter(|t| !t.is_empty()))
                    .opt("first_date", m.first_date.map(|d| d.to_string()))
                    .opt("last_date", m.last_date.map(|d| d.to_string()))
                    .set("matter_status", m.status)
                    .set("step_count", m.steps),
            );
        }
        for s in &linked.steps {
            emit(
                Node::new(
                    nth_iri("matter-step", &s.matter_id, s.position as usize),
                    "matter_step",
                )
                .set("matter", iri("matter", &s.matter_id))
                .set("position", s.position)
                .set("generated", iri("decision", &s.decision_id))
                .set("meeting", iri("meeting", &s.meeting_id))
                .set("item", iri("item", &s.item_id))
                .opt("body_name", s.body_name.as_deref())
                .opt("date", s.date.map(|d| d.to_string()))
                .set("step", s.step)
                .set("evidence", s.evidence.as_str())
                .set("confidence", format!("{:.2}", s.confidence))
                .set("was_derived_from", iri("document", &s.doc_id)),
            );
        }
        new_bodies.sort();
        new_bodies.dedup();
        for (body_iri, name) in new_bodies {
            let node = Node::new(body_iri.clone(), "body")
                .set("name", name.as_str())
                .set("sub_organization_of", council_iri());
            text.extend_from_slice(b",\n");
            node.render(&mut text);
            self.bodies.insert(body_iri);
        }
        self.out.write_all(&text)?;
        Ok(())
    }

    /// Closes the graph; the sink and what was written to it.
    pub fn finish(mut self) -> Result<(W, Checksum)> {
        self.out.write_all(b"\n]}\n")?;
        let hashed = self.out.into_inner().map_err(|e| e.into_error())?;
        Ok(hashed.finish())
    }
}

/// Rendering: each node is appended to the fragment's text.
impl Fragment {
    fn emit(&mut self, node: Node) {
        self.text.extend_from_slice(b",\n");
        node.render(&mut self.text);
    }

    /// A body's IRI; the writer puts its node here if it is new.
    fn body(&mut self, name: &str) -> String {
        let body_iri = body_iri(name);
        let offset = self.text.len();
        self.bodies
            .push((offset, body_iri.clone(), name.to_string()));
        body_iri
    }
}

/// One document's nodes, in the walk's order, with the IRIs of the
/// records above the one being visited.
struct Nodes<'f> {
    out: &'f mut Fragment,
    doc_iri: String,
    meeting_iri: String,
    /// The body that met (or the council): it passed the meeting's decisions.
    organizer: String,
    date: Option<String>,
    item_iri: String,
    decision_iri: String,
}

impl Nodes<'_> {
    /// The IRI of a meeting's item at a position.
    fn item_iri(m: &Meeting, position: Option<u32>) -> Option<String> {
        item_at(m, position).map(|i| iri("item", &i.item_id))
    }
}

impl<'a> Visit<'a> for Nodes<'_> {
    fn document(&mut self, doc: &'a Document) {
        let node = Node::new(self.doc_iri.clone(), "document")
            .set("doc_id", doc.doc_id.as_str())
            .set("path", doc.path.as_str())
            .set("bytes", doc.bytes)
            .set("sha256", doc.sha256.as_str())
            .set("page_type", doc.page_type.as_str())
            .set("parse_status", doc.status.as_str())
            .opt("reason", doc.reason.as_deref())
            .set("warning_count", doc.warnings.len());
        self.out.emit(node);
    }

    /// Warnings are in the tables only.
    fn warning(&mut self, _: &'a Document, _: &'a Warning) {}

    fn meeting(&mut self, doc: &'a Document, m: &'a Meeting) {
        self.meeting_iri = iri("meeting", &m.meeting_id);
        self.organizer = match &m.body_name {
            Some(body) => self.out.body(body),
            None => council_iri(),
        };
        self.date = m.start_date.map(|d| d.to_string());
        let node = Node::new(self.meeting_iri.clone(), "meeting")
            .set("meeting_id", m.meeting_id.as_str())
            .set("doc_id", doc.doc_id.as_str())
            .set("council", m.council.as_str())
            .opt("body_name", m.body_name.as_deref())
            .set("organizer", self.organizer.as_str())
            .opt("start_date", self.date.clone())
            .opt("start_date_method", m.start_date_method)
            .opt(
                "start_date_not_before",
                m.start_date_not_before.map(|d| d.to_string()),
            )
            .opt("body_name_method", m.body_name_method)
            .opt("venue", m.venue.as_deref())
            .opt("contact_name", m.contact_name.as_deref())
            .opt("contact_role", m.contact_role.as_deref())
            .opt("meeting_status", m.status.as_deref())
            .opt("start_time", m.start_time.map(|t| t.to_string()))
            .opt("source_id", m.source_id.as_deref())
            .set("was_derived_from", self.doc_iri.as_str());
        self.out.emit(node);
    }

    fn item(&mut self, at: &ItemAt<'a>) {
        let item = at.item;
        self.item_iri = iri("item", &item.item_id);
        let topics = (!item.topics.is_empty()).then(|| {
            item.topics
                .iter()
                .map(|(t, _)| t.as_str())
                .collect::<Vec<_>>()
        });
        let node = Node::new(self.item_iri.clone(), "item")
            .set("item_id", item.item_id.as_str())
            .set("meeting", self.meeting_iri.as_str())
            .set("doc_id", at.doc.doc_id.as_str())
            .set("position", item.position)
            .opt("minute_number", item.minute_number.as_deref())
            .opt("agenda_number", item.agenda_number.as_deref())
            .opt("title", item.title.as_deref())
            .set("kind", item.kind.as_str())
            .opt("agenda_text", item.agenda_text.as_deref())
            .opt("decision_text", item.decision_text.as_deref())
            .opt("minutes_text", item.minutes_text.as_deref())
            .set("minutes_truncated", item.minutes_truncated)
            .set("restricted", item.restricted)
            .opt("source_id", item.source_id.as_deref())
            .opt("declaration_count", item.declaration_count)
            .opt("is_call_in", item.call_in)
            .opt("others_named", item.others_named)
            .opt("topics", topics)
            .set("was_derived_from", self.doc_iri.as_str())
            .span(item.span);
        self.out.emit(node);
    }

    fn decision(&mut self, at: &ItemAt<'a>, decision: &'a Decision) {
        self.decision_iri = iri("decision", &decision.decision_id);
        let clauses: Vec<String> = (decision.clauses.iter())
            .map(|c| iri("clause", &c.clause_id))
            .collect();
        let statutory = decision.statutory;
        let node = Node::new(self.decision_iri.clone(), "decision")
            .set("decision_id", decision.decision_id.as_str())
            .set("item", self.item_iri.as_str())
            .set("meeting", self.meeting_iri.as_str())
            .set("doc_id", at.doc.doc_id.as_str())
            .opt("preamble", decision.preamble.as_deref())
            .set("text", decision.text.as_str())
            .set("clause_count", decision.clauses.len())
            .opt("reasons_recorded", statutory.map(|s| s.reasons_recorded))
            .opt(
                "alternatives_recorded",
                statutory.map(|s| s.alternatives_recorded),
            )
            .opt(
                "conflicts_declared",
                statutory.map(|s| s.conflicts_declared),
            )
            .opt(
                "dispensations_recorded",
                statutory.map(|s| s.dispensations_recorded),
            )
            .opt("date_document", self.date.as_deref())
            .set("passed_by", self.organizer.as_str())
            .set("has_part", clauses)
            .set("was_derived_from", self.doc_iri.as_str())
            .span(decision.span);
        self.out.emit(node);
    }

    fn clause(&mut self, _: &ItemAt<'a>, _: &'a Decision, n: usize, clause: &'a Clause) {
        let node = Node::new(iri("clause", &clause.clause_id), "clause")
            .set("clause_id", clause.clause_id.as_str())
            .set("decision", self.decision_iri.as_str())
            .set("item", self.item_iri.as_str())
            .opt("label", clause.label.as_deref())
            .set("position", n)
            .set("text", clause.text.as_str())
            .opt("action", clause.action)
            .opt("target_body", clause.target_body.as_deref())
            .opt("delegate", clause.delegate.as_deref())
            .set("was_derived_from", self.doc_iri.as_str())
            .span(clause.span);
        self.out.emit(node);
    }

    fn record(&mut self, at: &ItemAt<'a>, r: &'a DecisionRecord) {
        let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string());
        let node = Node::new(iri("record", &at.item.item_id), "record")
            .set("item", self.item_iri.as_str())
            .opt("decision_maker", r.decision_maker.as_deref())
            .opt("decision_status", r.status.as_deref())
            .opt("key_decision", r.key_decision)
            .opt("subject_to_call_in", r.subject_to_call_in)
            .opt("decision_date", date(r.decision_date))
            .opt("publication_date", date(r.publication_date))
            .opt("effective_from", date(r.effective_from))
            .opt("reasons", r.reasons.as_deref())
            .opt("alternatives_considered", r.alternatives.as_deref())
            .set("was_derived_from", self.doc_iri.as_str())
            .span(r.span);
        self.out.emit(node);
    }

    fn vote(&mut self, at: &ItemAt<'a>, n: usize, v: &'a VoteCount) {
        let vote_iri = nth_iri("vote", &at.item.item_id, n);
        let motion = v
            .decision
            .map(|d| iri("decision", &at.item.decisions[d].decision_id));
        let node = Node::new(vote_iri.clone(), "vote")
            .set("vote_id", v.vote_id.as_str())
            .set("item", self.item_iri.as_str())
            .opt("motion", motion)
            .set("votes_for", v.for_count)
            .set("votes_against", v.against)
            .opt("abstentions", v.abstentions)
            .set("method", v.method)
            .set("was_derived_from", self.doc_iri.as_str())
            .span(v.span);
        self.out.emit(node);
        for (k, named) in v.names.iter().enumerate() {
            let voter = Some(named.person_id.as_str())
                .filter(|id| !id.is_empty())
                .map(|id| iri("person", id));
            let node = Node::new(nth_iri("ballot", &v.vote_id, k), "named_vote")
                .set("vote_event", vote_iri.as_str())
                .opt("voter", voter)
                .set("person_name", named.person_name.as_str())
                .set("option", named.option)
                .set("was_derived_from", self.doc_iri.as_str())
                .span(named.span);
            self.out.emit(node);
        }
    }

    fn money(&mut self, at: &ItemAt<'a>, n: usize, money: &'a MoneyAmount) {
        let clause = money.clause.map(|c| iri("clause", at.clause_id(c)));
        let node = Node::new(nth_iri("money", &at.item.item_id, n), "money")
            .set("item", self.item_iri.as_str())
            .opt("clause", clause)
            .set("amount", format_pence(money.pence))
            .set("currency", "GBP")
            .set("raw_text", money.raw.as_str())
            .set("was_derived_from", self.doc_iri.as_str())
            .span(money.span);
        self.out.emit(node);
    }

    fn reference(&mut self, at: &ItemAt<'a>, n: usize, r: &'a Reference) {
        let target = r.meeting_id.as_ref().map(|id| iri("meeting", id));
        let node = Node::new(nth_iri("reference", &at.item.item_id, n), "reference")
            .set("item", self.item_iri.as_str())
            .set("kind", r.kind)
            .set("raw_text", r.raw.as_str())
            .opt("referenced_date", r.date.map(|d| d.to_string()))
            .opt("referenced_item_number", r.item_number.as_deref())
            .opt("referenced_meeting_id", r.meeting_id.as_deref())
            .opt("references", target)
            .set("was_derived_from", self.doc_iri.as_str())
            .span(r.span);
        self.out.emit(node);
    }

    fn mention(&mut self, at: &ItemAt<'a>, n: usize, x: &'a Mention) {
        let node = Node::new(nth_iri("mention", &at.item.item_id, n), "mention")
            .set("item", self.item_iri.as_str())
            .set("kind", x.kind)
            .set("text", x.text.as_str())
            .set("normalised", x.normalised.as_str())
            .opt("person", x.person_id.as_deref().map(|id| iri("person", id)))
            .opt("role", x.role.as_deref())
            .set("was_derived_from", self.doc_iri.as_str())
            .span(x.span);
        self.out.emit(node);
    }

    /// Topics are a list on the item's node.
    fn topic(&mut self, _: &ItemAt<'a>, _: &'a str, _: &'a str) {}

    fn attachment(&mut self, at: &ItemAt<'a>, n: usize, a: &'a Attachment) {
        let node = Node::new(nth_iri("attachment", &at.item.item_id, n), "attachment")
            .set("item", self.item_iri.as_str())
            .opt("title", a.title.as_deref())
            .opt("format", Some(a.format.as_str()).filter(|f| !f.is_empty()))
            .opt(
                "size_text",
                Some(a.size_text.as_str()).filter(|s| !s.is_empty()),
            )
            .opt("size_bytes", a.size_bytes)
            .opt("url", a.url.as_deref())
            .opt("published_date", a.published.map(|d| d.to_string()))
            .set("restricted", a.restricted)
            .set("was_derived_from", self.doc_iri.as_str())
            .span(a.span);
        self.out.emit(node);
    }

    fn attendance(&mut self, _: &'a Document, m: &'a Meeting, n: usize, a: &'a Attendance) {
        let node = Node::new(nth_iri("attendance", &m.meeting_id, n), "attendance")
            .set("meeting", self.meeting_iri.as_str())
            .opt("item", Self::item_iri(m, a.item_position))
            .set("person_name", a.person_name.as_str())
            .opt("person", person_iri(&a.person_id))
            .set("status", a.status.as_str())
            .opt("role", a.role.as_deref())
            .opt("party", a.party.as_deref())
            .opt("ward", a.ward.as_deref())
            .set("was_derived_from", self.doc_iri.as_str())
            .span(a.span);
        self.out.emit(node);
    }

    fn declaration(&mut self, _: &'a Document, m: &'a Meeting, n: usize, x: &'a Declaration) {
        let node = Node::new(nth_iri("declaration", &m.meeting_id, n), "declaration")
            .set("meeting", self.meeting_iri.as_str())
            .opt("item", Self::item_iri(m, x.item_position))
            .opt("person_name", x.person_name.as_deref())
            .opt("person", x.person_id.as_deref().and_then(person_iri))
            .opt("interest", x.interest)
            .opt("concerns_item", x.concerns_item.as_deref())
            .set("text", x.text.as_str())
            .set("was_derived_from", self.doc_iri.as_str())
            .span(x.span);
        self.out.emit(node);
    }
}

/// 410000000 pence -> "4100000.00" (an exact xsd:decimal).
fn format_pence(pence: i128) -> String {
    let sign = if pence < 0 { "-" } else { "" };
    let pence = pence.unsigned_abs();
    format!("{sign}{}.{:02}", pence / 100, pence % 100)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{PageType, ParseStatus};

    fn doc(id: &str, body: &str) -> Document {
        let mut doc = Document::rejected(format!("{id}.txt"), 1, id.repeat(64), String::new());
        (doc.doc_id, doc.page_type, doc.status, doc.reason) =
            (id.into(), PageType::Meeting, ParseStatus::Parsed, None);
        doc.meetings.push(Meeting {
            meeting_id: format!("m{id}"),
            body_name: Some(body.into()),
            ..Default::default()
        });
        doc
    }

    #[test]
    fn a_body_node_is_written_once_before_its_first_meeting() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.jsonld");
        let pipeline = crate::config::for_tests(dir.path(), "");
        let mut writer = GraphWriter::create(&path, &pipeline.council).unwrap();
        for (id, body) in [("a", "Cabinet"), ("b", "Cabinet"), ("c", "Audit Panel")] {
            writer.append(&fragment(&doc(id, body))).unwrap();
        }
        writer.finish().unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        let graph: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(graph["@context"]["rec"], pipeline.council.base_iri.as_str());
        let ids: Vec<&str> = graph["@graph"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["@id"].as_str().unwrap())
            .map(|iri| iri.strip_prefix("rec:").unwrap())
            .collect();
        assert_eq!(
            ids,
            [
                "council",
                "document/a",
                "body/cabinet",
                "meeting/ma",
                "document/b",
                "meeting/mb",
                "document/c",
                "body/audit-panel",
                "meeting/mc"
            ]
        );
    }
}
