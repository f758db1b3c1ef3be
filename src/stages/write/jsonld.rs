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

use crate::model::{AgendaItem, Council, Document, Meeting};

use super::metadata::{Checksum, Hashed};
use super::vocabulary::{RECORDS, context};

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

/// The council's node, which organises meetings with no named body.
fn council_iri() -> String {
    format!("{RECORDS}:council")
}

/// Renders one document's nodes. Its IRIs are compact, so the text does
/// not depend on `[council] base_uri`, which only the `@context` holds.
pub fn fragment(doc: &Document) -> Fragment {
    let mut out = Fragment::default();
    out.document(doc);
    out
}

/// Streams the `@graph`: a header, then each document's fragment.
pub struct GraphWriter {
    out: BufWriter<Hashed<File>>,
    bodies: BTreeSet<String>,
}

impl GraphWriter {
    pub fn create(path: &Path, c: &Council) -> Result<GraphWriter> {
        let file =
            File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
        let mut out = BufWriter::new(Hashed::new(file));
        let header = serde_json::to_string(&context(&c.base_uri))?;
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

    /// Closes the graph; the file and what was written to it.
    pub fn finish(mut self) -> Result<(File, Checksum)> {
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

    /// One document's nodes, in the order of the Parquet rows.
    fn document(&mut self, doc: &Document) {
        let doc_iri = iri("document", &doc.doc_id);
        let node = Node::new(doc_iri.clone(), "document")
            .set("doc_id", doc.doc_id.as_str())
            .set("path", doc.path.as_str())
            .set("bytes", doc.bytes)
            .set("sha256", doc.sha256.as_str())
            .set("page_type", doc.page_type.as_str())
            .set("parse_status", doc.status.as_str())
            .opt("reason", doc.reason.as_deref())
            .set("warning_count", doc.warnings.len());
        self.emit(node);
        for meeting in &doc.meetings {
            self.meeting(meeting, doc, &doc_iri);
        }
    }

    fn meeting(&mut self, m: &Meeting, doc: &Document, doc_iri: &str) {
        let meeting_iri = iri("meeting", &m.meeting_id);
        let organizer = match &m.body_name {
            Some(body) => self.body(body),
            None => council_iri(),
        };
        let date = m.start_date.map(|d| d.to_string());
        let node = Node::new(meeting_iri.clone(), "meeting")
            .set("meeting_id", m.meeting_id.as_str())
            .set("doc_id", doc.doc_id.as_str())
            .set("council", m.council.as_str())
            .opt("body_name", m.body_name.as_deref())
            .set("organizer", organizer.as_str())
            .opt("start_date", date.clone())
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
            .set("was_derived_from", doc_iri);
        self.emit(node);
        let item_iri = |position: Option<u32>| {
            position
                .and_then(|p| m.items.iter().find(|i| i.position == p))
                .map(|i| iri("item", &i.item_id))
        };
        let mut people = Vec::new();
        for (n, a) in m.attendance.iter().enumerate() {
            people.push(
                Node::new(nth_iri("attendance", &m.meeting_id, n), "attendance")
                    .set("meeting", meeting_iri.as_str())
                    .opt("item", item_iri(a.item_position))
                    .set("person_name", a.person_name.as_str())
                    .set("status", a.status.as_str())
                    .opt("role", a.role.as_deref())
                    .opt("party", a.party.as_deref())
                    .opt("ward", a.ward.as_deref())
                    .set("was_derived_from", doc_iri)
                    .span(a.span),
            );
        }
        for (n, x) in m.declarations.iter().enumerate() {
            people.push(
                Node::new(nth_iri("declaration", &m.meeting_id, n), "declaration")
                    .set("meeting", meeting_iri.as_str())
                    .opt("item", item_iri(x.item_position))
                    .opt("person_name", x.person_name.as_deref())
                    .set("text", x.text.as_str())
                    .set("was_derived_from", doc_iri)
                    .span(x.span),
            );
        }
        for item in &m.items {
            self.item(
                item,
                &meeting_iri,
                &organizer,
                date.as_deref(),
                doc,
                doc_iri,
            );
        }
        for node in people {
            self.emit(node);
        }
    }

    /// A body's IRI; the writer puts its node here if it is new.
    fn body(&mut self, name: &str) -> String {
        let slug: String = name
            .to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        let body_iri = iri("body", &slug);
        let offset = self.text.len();
        self.bodies
            .push((offset, body_iri.clone(), name.to_string()));
        body_iri
    }

    fn item(
        &mut self,
        item: &AgendaItem,
        meeting_iri: &str,
        organizer: &str,
        date: Option<&str>,
        doc: &Document,
        doc_iri: &str,
    ) {
        let item_iri = iri("item", &item.item_id);
        let node = Node::new(item_iri.clone(), "item")
            .set("item_id", item.item_id.as_str())
            .set("meeting", meeting_iri)
            .set("doc_id", doc.doc_id.as_str())
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
            .opt(
                "topics",
                (!item.topics.is_empty()).then(|| {
                    item.topics
                        .iter()
                        .map(|(t, _)| t.as_str())
                        .collect::<Vec<_>>()
                }),
            )
            .set("was_derived_from", doc_iri)
            .span(item.span);
        self.emit(node);
        for decision in &item.decisions {
            let decision_iri = iri("decision", &decision.decision_id);
            let clauses: Vec<String> = decision
                .clauses
                .iter()
                .map(|c| iri("clause", &c.clause_id))
                .collect();
            let node = Node::new(decision_iri.clone(), "decision")
                .set("decision_id", decision.decision_id.as_str())
                .set("item", item_iri.as_str())
                .set("meeting", meeting_iri)
                .set("doc_id", doc.doc_id.as_str())
                .opt("preamble", decision.preamble.as_deref())
                .set("text", decision.text.as_str())
                .set("clause_count", decision.clauses.len())
                .opt(
                    "reasons_recorded",
                    decision.statutory.map(|s| s.reasons_recorded),
                )
                .opt(
                    "alternatives_recorded",
                    decision.statutory.map(|s| s.alternatives_recorded),
                )
                .opt(
                    "conflicts_declared",
                    decision.statutory.map(|s| s.conflicts_declared),
                )
                .opt(
                    "dispensations_recorded",
                    decision.statutory.map(|s| s.dispensations_recorded),
                )
                .opt("date_document", date)
                .set("passed_by", organizer)
                .set("has_part", clauses.clone())
                .set("was_derived_from", doc_iri)
                .span(decision.span);
            self.emit(node);
            for ((position, clause), iri) in decision.clauses.iter().enumerate().zip(clauses) {
                let node = Node::new(iri, "clause")
                    .set("clause_id", clause.clause_id.as_str())
                    .set("decision", decision_iri.as_str())
                    .set("item", item_iri.as_str())
                    .opt("label", clause.label.as_deref())
                    .set("position", position)
                    .set("text", clause.text.as_str())
                    .opt("action", clause.action)
                    .opt("target_body", clause.target_body.as_deref())
                    .opt("delegate", clause.delegate.as_deref())
                    .set("was_derived_from", doc_iri)
                    .span(clause.span);
                self.emit(node);
            }
        }
        if let Some(r) = &item.record {
            let node = Node::new(iri("record", &item.item_id), "record")
                .set("item", item_iri.as_str())
                .opt("decision_maker", r.decision_maker.as_deref())
                .opt("decision_status", r.status.as_deref())
                .opt("key_decision", r.key_decision)
                .opt("subject_to_call_in", r.subject_to_call_in)
                .opt("decision_date", r.decision_date.map(|d| d.to_string()))
                .opt(
                    "publication_date",
                    r.publication_date.map(|d| d.to_string()),
                )
                .opt("effective_from", r.effective_from.map(|d| d.to_string()))
                .opt("reasons", r.reasons.as_deref())
                .opt("alternatives_considered", r.alternatives.as_deref())
                .set("was_derived_from", doc_iri)
                .span(r.span);
            self.emit(node);
        }
        for (n, v) in item.votes.iter().enumerate() {
            let node = Node::new(nth_iri("vote", &item.item_id, n), "vote")
                .set("item", item_iri.as_str())
                .set("votes_for", v.for_count)
                .set("votes_against", v.against)
                .opt("abstentions", v.abstentions)
                .set("was_derived_from", doc_iri)
                .span(v.span);
            self.emit(node);
        }
        for (n, money) in item.money.iter().enumerate() {
            let clause = money
                .clause
                .map(|(d, c)| iri("clause", &item.decisions[d].clauses[c].clause_id));
            let node = Node::new(nth_iri("money", &item.item_id, n), "money")
                .set("item", item_iri.as_str())
                .opt("clause", clause)
                .set("amount", format_pence(money.pence))
                .set("currency", "GBP")
                .set("raw_text", money.raw.as_str())
                .set("was_derived_from", doc_iri)
                .span(money.span);
            self.emit(node);
        }
        for (n, r) in item.references.iter().enumerate() {
            let target = r.meeting_id.as_ref().map(|id| iri("meeting", id));
            let node = Node::new(nth_iri("reference", &item.item_id, n), "reference")
                .set("item", item_iri.as_str())
                .set("kind", r.kind)
                .set("raw_text", r.raw.as_str())
                .opt("referenced_date", r.date.map(|d| d.to_string()))
                .opt("referenced_item_number", r.item_number.as_deref())
                .opt("referenced_meeting_id", r.meeting_id.as_deref())
                .opt("references", target)
                .set("was_derived_from", doc_iri)
                .span(r.span);
            self.emit(node);
        }
        for (n, x) in item.mentions.iter().enumerate() {
            let node = Node::new(nth_iri("mention", &item.item_id, n), "mention")
                .set("item", item_iri.as_str())
                .set("kind", x.kind)
                .set("text", x.text.as_str())
                .set("normalised", x.normalised.as_str())
                .set("was_derived_from", doc_iri)
                .span(x.span);
            self.emit(node);
        }
        for (n, a) in item.attachments.iter().enumerate() {
            let node = Node::new(nth_iri("attachment", &item.item_id, n), "attachment")
                .set("item", item_iri.as_str())
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
                .set("was_derived_from", doc_iri)
                .span(a.span);
            self.emit(node);
        }
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
        assert_eq!(graph["@context"]["rec"], pipeline.council.base_uri.as_str());
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
