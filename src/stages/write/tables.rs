//! The dataset's tables: explicit Arrow schemas and how a document's tree
//! becomes rows. Column names and meanings are a contract (README, and
//! ../shared/eval/score.py reads some of them).

use std::sync::Arc;

use arrow_array::builder::{
    ArrayBuilder, BooleanBuilder, Date32Builder, Decimal128Builder, Int32Builder, Int64Builder,
    StringBuilder, Time64MicrosecondBuilder, make_builder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef, TimeUnit};
use chrono::{NaiveDate, NaiveTime, Timelike};

use crate::model::{Document, Span};

/// Every table, in the order they are written and documented.
pub const TABLES: &[&str] = &[
    "source_documents",
    "parse_warnings",
    "meetings",
    "agenda_items",
    "decisions",
    "decision_clauses",
    "decision_records",
    "vote_counts",
    "money_amounts",
    "cross_references",
    "mentions",
    "item_topics",
    "attachments",
    "attendance",
    "declarations",
];

/// Columns that hold long free text: no dictionary encoding for them.
pub const LONG_TEXT: &[&str] = &[
    "agenda_text",
    "minutes_text",
    "decision_text",
    "text",
    "preamble",
    "message",
    "reason",
    "reasons",
    "alternatives_considered",
];

/// Columns that identify rows: bloom filters help point look-ups.
pub const ID_COLUMNS: &[&str] = &[
    "doc_id",
    "meeting_id",
    "item_id",
    "decision_id",
    "clause_id",
];

fn field(name: &str, data_type: DataType, nullable: bool) -> Field {
    Field::new(name, data_type, nullable)
}

fn text(name: &str) -> Field {
    field(name, DataType::Utf8, false)
}

fn opt_text(name: &str) -> Field {
    field(name, DataType::Utf8, true)
}

fn lines() -> [Field; 2] {
    [
        field("line_start", DataType::Int32, false),
        field("line_end", DataType::Int32, false),
    ]
}

pub fn schema(table: &str) -> SchemaRef {
    use DataType::*;
    let mut fields: Vec<Field> = match table {
        "source_documents" => vec![
            text("doc_id"),
            text("path"),
            field("bytes", Int64, false),
            text("sha256"),
            text("page_type"),
            text("parse_status"),
            opt_text("reason"),
            field("warning_count", Int32, false),
        ],
        "parse_warnings" => vec![
            text("doc_id"),
            field("line", Int32, true),
            text("code"),
            text("message"),
        ],
        "meetings" => vec![
            text("meeting_id"),
            text("doc_id"),
            text("council"),
            opt_text("body_name"),
            field("start_date", Date32, true),
            opt_text("start_date_method"),
            field("start_date_not_before", Date32, true),
            opt_text("body_name_method"),
            opt_text("venue"),
            opt_text("contact_name"),
            opt_text("contact_role"),
            opt_text("status"),
            field("start_time", Time64(TimeUnit::Microsecond), true),
            opt_text("source_id"),
        ],
        "agenda_items" => vec![
            text("item_id"),
            text("meeting_id"),
            text("doc_id"),
            field("position", Int32, false),
            opt_text("minute_number"),
            opt_text("agenda_number"),
            opt_text("title"),
            text("kind"),
            opt_text("agenda_text"),
            opt_text("decision_text"),
            opt_text("minutes_text"),
            field("minutes_truncated", Boolean, false),
            field("restricted", Boolean, false),
            opt_text("source_id"),
            field("declaration_count", Int32, true),
            field("is_call_in", Boolean, true),
        ],
        "decisions" => vec![
            text("decision_id"),
            text("item_id"),
            text("meeting_id"),
            text("doc_id"),
            opt_text("preamble"),
            text("text"),
            field("clause_count", Int32, false),
            field("reasons_recorded", Boolean, true),
            field("alternatives_recorded", Boolean, true),
            field("conflicts_declared", Boolean, true),
            field("dispensations_recorded", Boolean, true),
        ],
        "decision_clauses" => vec![
            text("clause_id"),
            text("decision_id"),
            text("item_id"),
            text("doc_id"),
            opt_text("label"),
            field("position", Int32, false),
            text("text"),
            opt_text("action"),
            opt_text("target_body"),
            opt_text("delegate"),
        ],
        "money_amounts" => vec![
            text("item_id"),
            text("meeting_id"),
            text("doc_id"),
            opt_text("clause_id"),
            field("amount", Decimal128(18, 2), false),
            text("currency"),
            text("raw_text"),
        ],
        "cross_references" => vec![
            text("item_id"),
            text("meeting_id"),
            text("doc_id"),
            text("kind"),
            text("raw_text"),
            field("referenced_date", Date32, true),
            opt_text("referenced_item_number"),
            opt_text("referenced_meeting_id"),
        ],
        "mentions" => vec![
            text("item_id"),
            text("meeting_id"),
            text("doc_id"),
            text("kind"),
            text("text"),
            text("normalised"),
        ],
        "item_topics" => vec![
            text("item_id"),
            text("meeting_id"),
            text("doc_id"),
            text("topic"),
            text("keyword"),
        ],
        "decision_records" => vec![
            text("item_id"),
            text("meeting_id"),
            text("doc_id"),
            opt_text("decision_maker"),
            opt_text("decision_status"),
            field("key_decision", Boolean, true),
            field("subject_to_call_in", Boolean, true),
            field("decision_date", Date32, true),
            field("publication_date", Date32, true),
            field("effective_from", Date32, true),
            opt_text("reasons"),
            opt_text("alternatives_considered"),
        ],
        "vote_counts" => vec![
            text("item_id"),
            text("meeting_id"),
            text("doc_id"),
            field("votes_for", Int32, false),
            field("votes_against", Int32, false),
            field("abstentions", Int32, true),
        ],
        "attachments" => vec![
            text("item_id"),
            text("doc_id"),
            opt_text("title"),
            opt_text("format"),
            opt_text("size_text"),
            field("size_bytes", Int64, true),
            opt_text("url"),
            field("published_date", Date32, true),
            field("restricted", Boolean, false),
        ],
        "attendance" => vec![
            text("meeting_id"),
            text("doc_id"),
            opt_text("item_id"),
            text("person_name"),
            text("status"),
            opt_text("role"),
            opt_text("party"),
            opt_text("ward"),
        ],
        "declarations" => vec![
            text("meeting_id"),
            text("doc_id"),
            opt_text("item_id"),
            opt_text("person_name"),
            text("text"),
        ],
        other => unreachable!("unknown table {other}"),
    };
    if !matches!(
        table,
        "source_documents" | "parse_warnings" | "meetings" | "item_topics"
    ) {
        fields.extend(lines());
    }
    Arc::new(Schema::new(fields))
}

/// Column builders for one table, filled row by row.
pub struct TableBuilder {
    pub schema: SchemaRef,
    builders: Vec<Box<dyn ArrayBuilder>>,
    rows: usize,
    /// Bytes of text buffered: long minutes make a few thousand rows
    /// megabytes, so row groups are cut by size as well as by rows.
    text_bytes: usize,
}

impl TableBuilder {
    pub fn new(table: &str) -> TableBuilder {
        let schema = schema(table);
        let builders = schema
            .fields()
            .iter()
            .map(|f| make_builder(f.data_type(), 1024))
            .collect();
        TableBuilder {
            schema,
            builders,
            rows: 0,
            text_bytes: 0,
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

    /// Starts a row; every column must then be given, in schema order.
    fn row(&mut self) -> Row<'_> {
        self.rows += 1;
        Row {
            builders: &mut self.builders,
            text_bytes: &mut self.text_bytes,
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

/// Appends one value per column, in order. A type that does not match the
/// schema is a programming error caught by the end-to-end tests.
struct Row<'a> {
    builders: &'a mut [Box<dyn ArrayBuilder>],
    text_bytes: &'a mut usize,
    column: usize,
}

impl Row<'_> {
    fn next<T: 'static>(&mut self) -> &mut T {
        let column = self.column;
        self.column += 1;
        self.builders[column]
            .as_any_mut()
            .downcast_mut::<T>()
            .expect("column type matches schema")
    }

    fn text(mut self, value: &str) -> Self {
        *self.text_bytes += value.len();
        self.next::<StringBuilder>().append_value(value);
        self
    }

    fn opt_text(mut self, value: Option<&str>) -> Self {
        *self.text_bytes += value.map_or(0, str::len);
        self.next::<StringBuilder>().append_option(value);
        self
    }

    fn int(mut self, value: impl TryInto<i32>) -> Self {
        self.next::<Int32Builder>()
            .append_value(value.try_into().unwrap_or(i32::MAX));
        self
    }

    fn opt_int(mut self, value: Option<u32>) -> Self {
        self.next::<Int32Builder>()
            .append_option(value.map(|v| v as i32));
        self
    }

    fn big(mut self, value: Option<u64>) -> Self {
        self.next::<Int64Builder>()
            .append_option(value.map(|v| v as i64));
        self
    }

    fn boolean(mut self, value: bool) -> Self {
        self.next::<BooleanBuilder>().append_value(value);
        self
    }

    fn opt_boolean(mut self, value: Option<bool>) -> Self {
        self.next::<BooleanBuilder>().append_option(value);
        self
    }

    /// An amount in hundredths (pence), for a DECIMAL(18, 2) column.
    fn decimal(mut self, hundredths: i128) -> Self {
        self.next::<Decimal128Builder>().append_value(hundredths);
        self
    }

    fn date(mut self, value: Option<NaiveDate>) -> Self {
        let days = value
            .map(|d| (d - NaiveDate::from_ymd_opt(1970, 1, 1).expect("epoch")).num_days() as i32);
        self.next::<Date32Builder>().append_option(days);
        self
    }

    fn time(mut self, value: Option<NaiveTime>) -> Self {
        let micros = value.map(|t| i64::from(t.num_seconds_from_midnight()) * 1_000_000);
        self.next::<Time64MicrosecondBuilder>()
            .append_option(micros);
        self
    }

    fn span(self, span: Span) -> Self {
        self.int(span.line_start).int(span.line_end)
    }

    fn end(self) {
        debug_assert_eq!(self.column, self.builders.len(), "row filled every column");
    }
}

/// Builders for every table; one document at a time is appended.
pub struct Tables {
    pub builders: Vec<(&'static str, TableBuilder)>,
}

impl Default for Tables {
    fn default() -> Self {
        Tables {
            builders: TABLES.iter().map(|t| (*t, TableBuilder::new(t))).collect(),
        }
    }
}

impl Tables {
    fn get(&mut self, table: &str) -> &mut TableBuilder {
        &mut self
            .builders
            .iter_mut()
            .find(|(name, _)| *name == table)
            .expect("known table")
            .1
    }

    pub fn append(&mut self, doc: &Document) {
        let d = &doc.doc_id;
        self.get("source_documents")
            .row()
            .text(d)
            .text(&doc.path)
            .big(Some(doc.bytes))
            .text(&doc.sha256)
            .text(doc.page_type.as_str())
            .text(doc.status.as_str())
            .opt_text(doc.reason.as_deref())
            .int(doc.warnings.len())
            .end();
        for w in &doc.warnings {
            self.get("parse_warnings")
                .row()
                .text(d)
                .opt_int(w.line)
                .text(w.code)
                .text(&w.message)
                .end();
        }
        for m in &doc.meetings {
            self.get("meetings")
                .row()
                .text(&m.meeting_id)
                .text(d)
                .text(&m.council)
                .opt_text(m.body_name.as_deref())
                .date(m.start_date)
                .opt_text(m.start_date_method)
                .date(m.start_date_not_before)
                .opt_text(m.body_name_method)
                .opt_text(m.venue.as_deref())
                .opt_text(m.contact_name.as_deref())
                .opt_text(m.contact_role.as_deref())
                .opt_text(m.status.as_deref())
                .time(m.start_time)
                .opt_text(m.source_id.as_deref())
                .end();
            let item_id = |position: Option<u32>| {
                position
                    .and_then(|p| m.items.iter().find(|i| i.position == p))
                    .map(|i| i.item_id.as_str())
            };
            for item in &m.items {
                self.get("agenda_items")
                    .row()
                    .text(&item.item_id)
                    .text(&m.meeting_id)
                    .text(d)
                    .int(item.position)
                    .opt_text(item.minute_number.as_deref())
                    .opt_text(item.agenda_number.as_deref())
                    .opt_text(item.title.as_deref())
                    .text(item.kind.as_str())
                    .opt_text(item.agenda_text.as_deref())
                    .opt_text(item.decision_text.as_deref())
                    .opt_text(item.minutes_text.as_deref())
                    .boolean(item.minutes_truncated)
                    .boolean(item.restricted)
                    .opt_text(item.source_id.as_deref())
                    .opt_int(item.declaration_count)
                    .opt_boolean(item.call_in)
                    .span(item.span)
                    .end();
                for decision in &item.decisions {
                    self.get("decisions")
                        .row()
                        .text(&decision.decision_id)
                        .text(&item.item_id)
                        .text(&m.meeting_id)
                        .text(d)
                        .opt_text(decision.preamble.as_deref())
                        .text(&decision.text)
                        .int(decision.clauses.len())
                        .opt_boolean(decision.statutory.map(|s| s.reasons_recorded))
                        .opt_boolean(decision.statutory.map(|s| s.alternatives_recorded))
                        .opt_boolean(decision.statutory.map(|s| s.conflicts_declared))
                        .opt_boolean(decision.statutory.map(|s| s.dispensations_recorded))
                        .span(decision.span)
                        .end();
                    for (position, clause) in decision.clauses.iter().enumerate() {
                        self.get("decision_clauses")
                            .row()
                            .text(&clause.clause_id)
                            .text(&decision.decision_id)
                            .text(&item.item_id)
                            .text(d)
                            .opt_text(clause.label.as_deref())
                            .int(position)
                            .text(&clause.text)
                            .opt_text(clause.action)
                            .opt_text(clause.target_body.as_deref())
                            .opt_text(clause.delegate.as_deref())
                            .span(clause.span)
                            .end();
                    }
                }
                if let Some(r) = &item.record {
                    self.get("decision_records")
                        .row()
                        .text(&item.item_id)
                        .text(&m.meeting_id)
                        .text(d)
                        .opt_text(r.decision_maker.as_deref())
                        .opt_text(r.status.as_deref())
                        .opt_boolean(r.key_decision)
                        .opt_boolean(r.subject_to_call_in)
                        .date(r.decision_date)
                        .date(r.publication_date)
                        .date(r.effective_from)
                        .opt_text(r.reasons.as_deref())
                        .opt_text(r.alternatives.as_deref())
                        .span(r.span)
                        .end();
                }
                for v in &item.votes {
                    self.get("vote_counts")
                        .row()
                        .text(&item.item_id)
                        .text(&m.meeting_id)
                        .text(d)
                        .int(v.for_count)
                        .int(v.against)
                        .opt_int(v.abstentions)
                        .span(v.span)
                        .end();
                }
                for money in &item.money {
                    let clause = money
                        .clause
                        .map(|(d, c)| item.decisions[d].clauses[c].clause_id.as_str());
                    self.get("money_amounts")
                        .row()
                        .text(&item.item_id)
                        .text(&m.meeting_id)
                        .text(d)
                        .opt_text(clause)
                        .decimal(money.pence)
                        .text("GBP")
                        .text(&money.raw)
                        .span(money.span)
                        .end();
                }
                for r in &item.references {
                    self.get("cross_references")
                        .row()
                        .text(&item.item_id)
                        .text(&m.meeting_id)
                        .text(d)
                        .text(r.kind)
                        .text(&r.raw)
                        .date(r.date)
                        .opt_text(r.item_number.as_deref())
                        .opt_text(r.meeting_id.as_deref())
                        .span(r.span)
                        .end();
                }
                for x in &item.mentions {
                    self.get("mentions")
                        .row()
                        .text(&item.item_id)
                        .text(&m.meeting_id)
                        .text(d)
                        .text(x.kind)
                        .text(&x.text)
                        .text(&x.normalised)
                        .span(x.span)
                        .end();
                }
                for (topic, keyword) in &item.topics {
                    self.get("item_topics")
                        .row()
                        .text(&item.item_id)
                        .text(&m.meeting_id)
                        .text(d)
                        .text(topic)
                        .text(keyword)
                        .end();
                }
                for a in &item.attachments {
                    self.get("attachments")
                        .row()
                        .text(&item.item_id)
                        .text(d)
                        .opt_text(a.title.as_deref())
                        .opt_text(Some(a.format.as_str()).filter(|f| !f.is_empty()))
                        .opt_text(Some(a.size_text.as_str()).filter(|s| !s.is_empty()))
                        .big(a.size_bytes)
                        .opt_text(a.url.as_deref())
                        .date(a.published)
                        .boolean(a.restricted)
                        .span(a.span)
                        .end();
                }
            }
            for a in &m.attendance {
                self.get("attendance")
                    .row()
                    .text(&m.meeting_id)
                    .text(d)
                    .opt_text(item_id(a.item_position))
                    .text(&a.person_name)
                    .text(a.status.as_str())
                    .opt_text(a.role.as_deref())
                    .opt_text(a.party.as_deref())
                    .opt_text(a.ward.as_deref())
                    .span(a.span)
                    .end();
            }
            for x in &m.declarations {
                self.get("declarations")
                    .row()
                    .text(&m.meeting_id)
                    .text(d)
                    .opt_text(item_id(x.item_position))
                    .opt_text(x.person_name.as_deref())
                    .text(&x.text)
                    .span(x.span)
                    .end();
            }
        }
    }
}
