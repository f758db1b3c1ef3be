//! How a document's tree becomes rows of the tables declared in
//! [`super::schema`]. Every value is given with its column's name, and a
//! row whose names or types do not follow the declaration is an error (in
//! release builds too): a value cannot land in another column unseen.

use arrow_array::builder::{
    ArrayBuilder, BooleanBuilder, Date32Builder, Decimal128Builder, Float64Builder, Int32Builder,
    Int64Builder, StringBuilder, Time64MicrosecondBuilder, make_builder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::SchemaRef;
use chrono::{NaiveDate, NaiveTime, Timelike};

use super::schema::Table;
use super::tables::TABLES;
use super::walk::{ItemAt, Visit, item_at, walk};
use crate::model::{
    Attachment, Attendance, Clause, Decision, DecisionRecord, Declaration, Document, Meeting,
    Mention, MoneyAmount, Reference, Span, VoteCount, Warning,
};
use crate::stages::link::Linked;

/// Column builders for one table, filled row by row.
pub struct TableBuilder {
    pub table: &'static Table,
    pub schema: SchemaRef,
    builders: Vec<Box<dyn ArrayBuilder>>,
    rows: usize,
    /// Bytes of text buffered: long minutes make a few thousand rows
    /// megabytes, so row groups are cut by size as well as by rows.
    text_bytes: usize,
    /// The first row that did not follow the declaration.
    error: Option<String>,
}

impl TableBuilder {
    pub fn new(table: &'static Table) -> TableBuilder {
        let schema = table.schema();
        let builders = schema
            .fields()
            .iter()
            .map(|f| make_builder(f.data_type(), 1024))
            .collect();
        TableBuilder {
            table,
            schema,
            builders,
            rows: 0,
            text_bytes: 0,
            error: None,
        }
    }

    pub fn rows(&self) -> usize {
        self.rows
    }

    pub fn text_bytes(&self) -> usize {
        self.text_bytes
    }

    /// Memory held by the rows buffered so far, estimated: their text plus
    /// eight bytes a value for everything else (offsets, numbers, nulls).
    pub fn buffered_bytes(&self) -> usize {
        self.text_bytes + self.rows * self.builders.len() * 8
    }

    /// Starts a row; every column must then be given, by name, in the
    /// declared order.
    fn row(&mut self) -> Row<'_> {
        self.rows += 1;
        Row {
            table: self.table,
            builders: &mut self.builders,
            text_bytes: &mut self.text_bytes,
            error: &mut self.error,
            column: 0,
        }
    }

    /// The rows so far as one batch; the builders start empty again.
    pub fn finish(&mut self) -> RecordBatch {
        let columns: Vec<ArrayRef> = self.builders.iter_mut().map(|b| b.finish()).collect();
        self.rows = 0;
        self.text_bytes = 0;
        RecordBatch::try_new(self.schema.clone(), columns).expect("rows follow the schema")
    }
}

/// Appends one value per column, in order, each named. A name or type
/// that does not match the declaration is recorded, not appended (a
/// table with such a row is never written).
struct Row<'a> {
    table: &'static Table,
    builders: &'a mut [Box<dyn ArrayBuilder>],
    text_bytes: &'a mut usize,
    error: &'a mut Option<String>,
    column: usize,
}

impl Row<'_> {
    fn next<T: 'static>(&mut self, name: &str) -> Option<&mut T> {
        let column = self.column;
        self.column += 1;
        let declared = self.table.columns.get(column).map(|c| c.name);
        let builder = self.builders.get_mut(column);
        match builder.and_then(|b| b.as_any_mut().downcast_mut::<T>()) {
            Some(builder) if declared == Some(name) => Some(builder),
            _ => {
                self.error.get_or_insert_with(|| {
                    format!(
                        "internal error: a row of {} gives `{name}` as column {} of type {}, which the table declares as {:?}",
                        self.table.name,
                        column + 1,
                        std::any::type_name::<T>(),
                        self.table.columns.get(column).map(|c| (c.name, c.ty)),
                    )
                });
                None
            }
        }
    }

    fn text(mut self, name: &str, value: &str) -> Self {
        *self.text_bytes += value.len();
        if let Some(b) = self.next::<StringBuilder>(name) {
            b.append_value(value);
        }
        self
    }

    fn opt_text(mut self, name: &str, value: Option<&str>) -> Self {
        *self.text_bytes += value.map_or(0, str::len);
        if let Some(b) = self.next::<StringBuilder>(name) {
            b.append_option(value);
        }
        self
    }

    fn int(mut self, name: &str, value: impl TryInto<i32>) -> Self {
        if let Some(b) = self.next::<Int32Builder>(name) {
            b.append_value(value.try_into().unwrap_or(i32::MAX));
        }
        self
    }

    fn opt_int(mut self, name: &str, value: Option<u32>) -> Self {
        if let Some(b) = self.next::<Int32Builder>(name) {
            b.append_option(value.map(|v| i32::try_from(v).unwrap_or(i32::MAX)));
        }
        self
    }

    fn big(mut self, name: &str, value: Option<u64>) -> Self {
        if let Some(b) = self.next::<Int64Builder>(name) {
            b.append_option(value.map(|v| i64::try_from(v).unwrap_or(i64::MAX)));
        }
        self
    }

    fn boolean(mut self, name: &str, value: bool) -> Self {
        if let Some(b) = self.next::<BooleanBuilder>(name) {
            b.append_value(value);
        }
        self
    }

    fn opt_boolean(mut self, name: &str, value: Option<bool>) -> Self {
        if let Some(b) = self.next::<BooleanBuilder>(name) {
            b.append_option(value);
        }
        self
    }

    /// An amount in hundredths (pence), for a DECIMAL(18, 2) column.
    fn decimal(mut self, name: &str, hundredths: i128) -> Self {
        if let Some(b) = self.next::<Decimal128Builder>(name) {
            b.append_value(hundredths);
        }
        self
    }

    fn float(mut self, name: &str, value: f64) -> Self {
        if let Some(b) = self.next::<Float64Builder>(name) {
            b.append_value(value);
        }
        self
    }

    fn date(mut self, name: &str, value: Option<NaiveDate>) -> Self {
        let days = value
            .map(|d| (d - NaiveDate::from_ymd_opt(1970, 1, 1).expect("epoch")).num_days() as i32);
        if let Some(b) = self.next::<Date32Builder>(name) {
            b.append_option(days);
        }
        self
    }

    fn time(mut self, name: &str, value: Option<NaiveTime>) -> Self {
        let micros = value.map(|t| i64::from(t.num_seconds_from_midnight()) * 1_000_000);
        if let Some(b) = self.next::<Time64MicrosecondBuilder>(name) {
            b.append_option(micros);
        }
        self
    }

    fn span(self, span: Span) -> Self {
        self.int("line_start", span.line_start)
            .int("line_end", span.line_end)
    }

    fn end(self) {
        if self.column != self.builders.len() {
            self.error.get_or_insert_with(|| {
                format!(
                    "internal error: a row of {} gives {} of its {} columns",
                    self.table.name,
                    self.column,
                    self.builders.len()
                )
            });
        }
    }
}

/// A person ID, or null for a name the enricher could not key.
fn person(id: &str) -> Option<&str> {
    Some(id).filter(|id| !id.is_empty())
}

/// Builders for every table; one document at a time is appended.
pub struct Tables {
    pub builders: Vec<TableBuilder>,
}

impl Default for Tables {
    fn default() -> Self {
        Tables {
            builders: TABLES.iter().map(TableBuilder::new).collect(),
        }
    }
}

impl Tables {
    fn get(&mut self, table: &str) -> &mut TableBuilder {
        self.builders
            .iter_mut()
            .find(|b| b.table.name == table)
            .expect("a declared table")
    }

    /// Appends a document's rows to every table. Err when a row does not
    /// follow its table's declaration (a bug, reported, never written).
    pub fn append(&mut self, doc: &Document) -> Result<(), String> {
        walk(doc, self);
        self.error()
    }

    fn error(&mut self) -> Result<(), String> {
        match self.builders.iter_mut().find_map(|b| b.error.take()) {
            Some(error) => Err(error),
            None => Ok(()),
        }
    }

    /// The link stage's rows: people and their roles, matters and their
    /// steps, over the whole run.
    pub fn append_linked(&mut self, linked: &Linked, council_id: &str) -> Result<(), String> {
        for p in &linked.people {
            self.get("people")
                .row()
                .text("person_id", &p.person_id)
                .text("council_id", council_id)
                .text("name", &p.name)
                .opt_text("honorific", p.honorific.as_deref())
                .date("first_seen", p.first_seen)
                .date("last_seen", p.last_seen)
                .int("meetings", p.meetings)
                .int("present", p.present)
                .int("apologies", p.apologies)
                .int("absent", p.absent)
                .int("substitute", p.substitute)
                .int("in_attendance", p.in_attendance)
                .int("votes", p.votes)
                .int("declarations", p.declarations)
                .int("mentions", p.mentions)
                .end();
        }
        for r in &linked.roles {
            self.get("person_roles")
                .row()
                .text("person_id", &r.person_id)
                .text("role", &r.role)
                .opt_text("body_name", r.body_name.as_deref())
                .date("first_seen", r.first_seen)
                .date("last_seen", r.last_seen)
                .int("times", r.times)
                .end();
        }
        for m in &linked.matters {
            self.get("matters")
                .row()
                .text("matter_id", &m.matter_id)
                .text("council_id", council_id)
                .opt_text("title", Some(m.title.as_str()).filter(|t| !t.is_empty()))
                .date("first_date", m.first_date)
                .date("last_date", m.last_date)
                .text("status", m.status)
                .int("step_count", m.steps)
                .end();
        }
        for s in &linked.steps {
            self.get("matter_steps")
                .row()
                .text("matter_id", &s.matter_id)
                .int("position", s.position)
                .text("decision_id", &s.decision_id)
                .text("doc_id", &s.doc_id)
                .text("meeting_id", &s.meeting_id)
                .text("item_id", &s.item_id)
                .opt_text("body_name", s.body_name.as_deref())
                .date("date", s.date)
                .text("step", s.step)
                .text("evidence", &s.evidence)
                .float("confidence", s.confidence)
                .end();
        }
        self.error()
    }
}

/// One row per record, in the walk's order.
impl<'a> Visit<'a> for Tables {
    fn document(&mut self, doc: &'a Document) {
        self.get("source_documents")
            .row()
            .text("doc_id", &doc.doc_id)
            .text("path", &doc.path)
            .big("bytes", Some(doc.bytes))
            .text("sha256", &doc.sha256)
            .text("page_type", doc.page_type.as_str())
            .text("parse_status", doc.status.as_str())
            .opt_text("reason", doc.reason.as_deref())
            .int("warning_count", doc.warnings.len())
            .end();
    }

    fn warning(&mut self, doc: &'a Document, w: &'a Warning) {
        self.get("parse_warnings")
            .row()
            .text("doc_id", &doc.doc_id)
            .opt_int("line", w.line)
            .text("code", w.code)
            .text("message", &w.message)
            .end();
    }

    fn meeting(&mut self, doc: &'a Document, m: &'a Meeting) {
        self.get("meetings")
            .row()
            .text("meeting_id", &m.meeting_id)
            .text("doc_id", &doc.doc_id)
            .text("council", &m.council)
            .opt_text("body_name", m.body_name.as_deref())
            .date("start_date", m.start_date)
            .opt_text("start_date_method", m.start_date_method)
            .date("start_date_not_before", m.start_date_not_before)
            .opt_text("body_name_method", m.body_name_method)
            .opt_text("venue", m.venue.as_deref())
            .opt_text("contact_name", m.contact_name.as_deref())
            .opt_text("contact_role", m.contact_role.as_deref())
            .opt_text("status", m.status.as_deref())
            .time("start_time", m.start_time)
            .opt_text("source_id", m.source_id.as_deref())
            .end();
    }

    fn item(&mut self, at: &ItemAt<'a>) {
        let item = at.item;
        self.get("agenda_items")
            .row()
            .text("item_id", &item.item_id)
            .text("meeting_id", &at.meeting.meeting_id)
            .text("doc_id", &at.doc.doc_id)
            .int("position", item.position)
            .opt_text("minute_number", item.minute_number.as_deref())
            .opt_text("agenda_number", item.agenda_number.as_deref())
            .opt_text("title", item.title.as_deref())
            .text("kind", item.kind.as_str())
            .opt_text("agenda_text", item.agenda_text.as_deref())
            .opt_text("decision_text", item.decision_text.as_deref())
            .opt_text("minutes_text", item.minutes_text.as_deref())
            .boolean("minutes_truncated", item.minutes_truncated)
            .boolean("restricted", item.restricted)
            .opt_text("source_id", item.source_id.as_deref())
            .opt_int("declaration_count", item.declaration_count)
            .opt_boolean("is_call_in", item.call_in)
            .opt_int("others_named", item.others_named)
            .span(item.span)
            .end();
    }

    fn decision(&mut self, at: &ItemAt<'a>, decision: &'a Decision) {
        let statutory = decision.statutory;
        self.get("decisions")
            .row()
            .text("decision_id", &decision.decision_id)
            .text("item_id", &at.item.item_id)
            .text("meeting_id", &at.meeting.meeting_id)
            .text("doc_id", &at.doc.doc_id)
            .opt_text("preamble", decision.preamble.as_deref())
            .text("text", &decision.text)
            .int("clause_count", decision.clauses.len())
            .opt_boolean("reasons_recorded", statutory.map(|s| s.reasons_recorded))
            .opt_boolean(
                "alternatives_recorded",
                statutory.map(|s| s.alternatives_recorded),
            )
            .opt_boolean(
                "conflicts_declared",
                statutory.map(|s| s.conflicts_declared),
            )
            .opt_boolean(
                "dispensations_recorded",
                statutory.map(|s| s.dispensations_recorded),
            )
            // Known only when the run ends: filled in then (see
            // `super::matter_ids`).
            .opt_text("matter_id", None)
            .span(decision.span)
            .end();
    }

    fn clause(&mut self, at: &ItemAt<'a>, decision: &'a Decision, n: usize, clause: &'a Clause) {
        self.get("decision_clauses")
            .row()
            .text("clause_id", &clause.clause_id)
            .text("decision_id", &decision.decision_id)
            .text("item_id", &at.item.item_id)
            .text("doc_id", &at.doc.doc_id)
            .opt_text("label", clause.label.as_deref())
            .int("position", n)
            .text("text", &clause.text)
            .opt_text("action", clause.action)
            .opt_text("target_body", clause.target_body.as_deref())
            .opt_text("delegate", clause.delegate.as_deref())
            .span(clause.span)
            .end();
    }

    fn record(&mut self, at: &ItemAt<'a>, r: &'a DecisionRecord) {
        self.get("decision_records")
            .row()
            .text("item_id", &at.item.item_id)
            .text("meeting_id", &at.meeting.meeting_id)
            .text("doc_id", &at.doc.doc_id)
            .opt_text("decision_maker", r.decision_maker.as_deref())
            .opt_text("decision_status", r.status.as_deref())
            .opt_boolean("key_decision", r.key_decision)
            .opt_boolean("subject_to_call_in", r.subject_to_call_in)
            .date("decision_date", r.decision_date)
            .date("publication_date", r.publication_date)
            .date("effective_from", r.effective_from)
            .opt_text("reasons", r.reasons.as_deref())
            .opt_text("alternatives_considered", r.alternatives.as_deref())
            .span(r.span)
            .end();
    }

    fn vote(&mut self, at: &ItemAt<'a>, _: usize, v: &'a VoteCount) {
        let decision = v
            .decision
            .map(|d| at.item.decisions[d].decision_id.as_str());
        self.get("vote_counts")
            .row()
            .text("vote_id", &v.vote_id)
            .text("item_id", &at.item.item_id)
            .text("meeting_id", &at.meeting.meeting_id)
            .text("doc_id", &at.doc.doc_id)
            .opt_text("decision_id", decision)
            .int("votes_for", v.for_count)
            .int("votes_against", v.against)
            .opt_int("abstentions", v.abstentions)
            .text("method", v.method)
            .span(v.span)
            .end();
        for named in &v.names {
            self.get("votes")
                .row()
                .text("vote_id", &v.vote_id)
                .text("doc_id", &at.doc.doc_id)
                .text("item_id", &at.item.item_id)
                .text("meeting_id", &at.meeting.meeting_id)
                .opt_text("decision_id", decision)
                .opt_text("person_id", person(&named.person_id))
                .text("person_name", &named.person_name)
                .text("option", named.option)
                .span(named.span)
                .end();
        }
    }

    fn money(&mut self, at: &ItemAt<'a>, _: usize, money: &'a MoneyAmount) {
        self.get("money_amounts")
            .row()
            .text("item_id", &at.item.item_id)
            .text("meeting_id", &at.meeting.meeting_id)
            .text("doc_id", &at.doc.doc_id)
            .opt_text("clause_id", money.clause.map(|c| at.clause_id(c)))
            .decimal("amount", money.pence)
            .text("currency", "GBP")
            .text("raw_text", &money.raw)
            .span(money.span)
            .end();
    }

    fn reference(&mut self, at: &ItemAt<'a>, _: usize, r: &'a Reference) {
        self.get("cross_references")
            .row()
            .text("item_id", &at.item.item_id)
            .text("meeting_id", &at.meeting.meeting_id)
            .text("doc_id", &at.doc.doc_id)
            .text("kind", r.kind)
            .text("raw_text", &r.raw)
            .date("referenced_date", r.date)
            .opt_text("referenced_item_number", r.item_number.as_deref())
            .opt_text("referenced_meeting_id", r.meeting_id.as_deref())
            .span(r.span)
            .end();
    }

    fn mention(&mut self, at: &ItemAt<'a>, _: usize, x: &'a Mention) {
        self.get("mentions")
            .row()
            .text("item_id", &at.item.item_id)
            .text("meeting_id", &at.meeting.meeting_id)
            .text("doc_id", &at.doc.doc_id)
            .text("kind", x.kind)
            .text("text", &x.text)
            .text("normalised", &x.normalised)
            .opt_text("person_id", x.person_id.as_deref())
            .opt_text("role", x.role.as_deref())
            .span(x.span)
            .end();
    }

    fn topic(&mut self, at: &ItemAt<'a>, topic: &'a str, keyword: &'a str) {
        self.get("item_topics")
            .row()
            .text("item_id", &at.item.item_id)
            .text("meeting_id", &at.meeting.meeting_id)
            .text("doc_id", &at.doc.doc_id)
            .text("topic", topic)
            .text("keyword", keyword)
            .end();
    }

    fn attachment(&mut self, at: &ItemAt<'a>, _: usize, a: &'a Attachment) {
        self.get("attachments")
            .row()
            .text("item_id", &at.item.item_id)
            .text("doc_id", &at.doc.doc_id)
            .opt_text("title", a.title.as_deref())
            .opt_text("format", Some(a.format.as_str()).filter(|f| !f.is_empty()))
            .opt_text(
                "size_text",
                Some(a.size_text.as_str()).filter(|s| !s.is_empty()),
            )
            .big("size_bytes", a.size_bytes)
            .opt_text("url", a.url.as_deref())
            .date("published_date", a.published)
            .boolean("restricted", a.restricted)
            .span(a.span)
            .end();
    }

    fn attendance(&mut self, doc: &'a Document, m: &'a Meeting, _: usize, a: &'a Attendance) {
        self.get("attendance")
            .row()
            .text("meeting_id", &m.meeting_id)
            .text("doc_id", &doc.doc_id)
            .opt_text(
                "item_id",
                item_at(m, a.item_position).map(|i| i.item_id.as_str()),
            )
            .text("person_name", &a.person_name)
            .opt_text("person_id", person(&a.person_id))
            .text("status", a.status.as_str())
            .opt_text("role", a.role.as_deref())
            .opt_text("party", a.party.as_deref())
            .opt_text("ward", a.ward.as_deref())
            .span(a.span)
            .end();
    }

    fn declaration(&mut self, doc: &'a Document, m: &'a Meeting, _: usize, x: &'a Declaration) {
        self.get("declarations")
            .row()
            .text("meeting_id", &m.meeting_id)
            .text("doc_id", &doc.doc_id)
            .opt_text(
                "item_id",
                item_at(m, x.item_position).map(|i| i.item_id.as_str()),
            )
            .opt_text("person_name", x.person_name.as_deref())
            .opt_text("person_id", x.person_id.as_deref())
            .opt_text("interest", x.interest)
            .opt_text("concerns_item", x.concerns_item.as_deref())
            .text("text", &x.text)
            .span(x.span)
            .end();
    }
}
