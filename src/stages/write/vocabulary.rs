//! The JSON-LD vocabulary: each key of the graph (the Parquet column
//! names) maps to an IRI of an established vocabulary (schema.org, W3C ORG,
//! LBLOD besluit, ELI, PROV, DCMI terms, DCAT, FOAF, and Popolo's W3C
//! `opengov` terms for votes) or, where none fits,
//! of the project's own vocabulary (`cetl:`, documented in docs/linked-data.md).

use serde_json::{Value, json};

/// The project's vocabulary, for terms no established vocabulary covers.
pub const VOCAB: &str = "urn:council-etl:vocab:";

/// How a key of the JSON maps to RDF.
enum Term {
    /// A prefix or a property with plain literal values.
    Iri(&'static str),
    /// A property whose values are IRIs of other nodes.
    Link(&'static str),
    /// A property with typed literal values (`xsd:date`, `xsd:integer`, ...).
    Typed(&'static str, &'static str),
}

/// Prefixes, then one term per key (the Parquet column names).
const TERMS: &[(&str, Term)] = &[
    ("schema", Term::Iri("http://schema.org/")),
    ("org", Term::Iri("http://www.w3.org/ns/org#")),
    (
        "besluit",
        Term::Iri("http://data.vlaanderen.be/ns/besluit#"),
    ),
    ("eli", Term::Iri("http://data.europa.eu/eli/ontology#")),
    ("prov", Term::Iri("http://www.w3.org/ns/prov#")),
    ("dcterms", Term::Iri("http://purl.org/dc/terms/")),
    ("dcat", Term::Iri("http://www.w3.org/ns/dcat#")),
    ("foaf", Term::Iri("http://xmlns.com/foaf/0.1/")),
    ("opengov", Term::Iri("http://www.w3.org/ns/opengov#")),
    ("xsd", Term::Iri("http://www.w3.org/2001/XMLSchema#")),
    ("cetl", Term::Iri(VOCAB)),
    ("doc_id", Term::Iri("dcterms:identifier")),
    ("meeting_id", Term::Iri("dcterms:identifier")),
    ("item_id", Term::Iri("dcterms:identifier")),
    ("decision_id", Term::Iri("dcterms:identifier")),
    ("clause_id", Term::Iri("dcterms:identifier")),
    ("identifier", Term::Iri("dcterms:identifier")),
    ("was_derived_from", Term::Link("prov:wasDerivedFrom")),
    ("line_start", Term::Typed("cetl:lineStart", "xsd:integer")),
    ("line_end", Term::Typed("cetl:lineEnd", "xsd:integer")),
    ("path", Term::Iri("cetl:sourcePath")),
    (
        "bytes",
        Term::Typed("dcat:byteSize", "xsd:nonNegativeInteger"),
    ),
    ("sha256", Term::Iri("schema:sha256")),
    ("page_type", Term::Iri("cetl:pageType")),
    ("parse_status", Term::Iri("cetl:parseStatus")),
    ("reason", Term::Iri("cetl:rejectionReason")),
    (
        "warning_count",
        Term::Typed("cetl:warningCount", "xsd:integer"),
    ),
    ("name", Term::Iri("schema:name")),
    ("sub_organization_of", Term::Link("org:subOrganizationOf")),
    ("council", Term::Iri("cetl:councilName")),
    ("body_name", Term::Iri("cetl:bodyName")),
    ("organizer", Term::Link("schema:organizer")),
    ("start_date", Term::Typed("schema:startDate", "xsd:date")),
    ("start_date_method", Term::Iri("cetl:startDateMethod")),
    ("body_name_method", Term::Iri("cetl:bodyNameMethod")),
    (
        "start_date_not_before",
        Term::Typed("cetl:startDateNotBefore", "xsd:date"),
    ),
    ("venue", Term::Iri("schema:location")),
    ("contact_name", Term::Iri("cetl:contactName")),
    ("contact_role", Term::Iri("cetl:contactRole")),
    ("meeting", Term::Link("dcterms:isPartOf")),
    ("position", Term::Typed("schema:position", "xsd:integer")),
    ("minute_number", Term::Iri("cetl:minuteNumber")),
    ("agenda_number", Term::Iri("cetl:agendaNumber")),
    ("title", Term::Iri("dcterms:title")),
    ("kind", Term::Iri("cetl:kind")),
    ("topics", Term::Iri("dcterms:subject")),
    ("agenda_text", Term::Iri("dcterms:description")),
    ("decision_text", Term::Iri("cetl:decisionText")),
    ("minutes_text", Term::Iri("cetl:minutesText")),
    (
        "minutes_truncated",
        Term::Typed("cetl:minutesTruncated", "xsd:boolean"),
    ),
    ("item", Term::Link("dcterms:isPartOf")),
    ("preamble", Term::Iri("cetl:preamble")),
    ("text", Term::Iri("schema:text")),
    (
        "clause_count",
        Term::Typed("cetl:clauseCount", "xsd:integer"),
    ),
    (
        "date_document",
        Term::Typed("eli:date_document", "xsd:date"),
    ),
    ("passed_by", Term::Link("eli:passed_by")),
    ("has_part", Term::Link("eli:has_part")),
    ("decision", Term::Link("eli:is_part_of")),
    ("label", Term::Iri("eli:number")),
    ("action", Term::Iri("cetl:clauseAction")),
    ("target_body", Term::Iri("cetl:targetBody")),
    ("delegate", Term::Iri("cetl:delegate")),
    (
        "reasons_recorded",
        Term::Typed("cetl:reasonsRecorded", "xsd:boolean"),
    ),
    (
        "alternatives_recorded",
        Term::Typed("cetl:alternativesRecorded", "xsd:boolean"),
    ),
    (
        "conflicts_declared",
        Term::Typed("cetl:conflictsDeclared", "xsd:boolean"),
    ),
    (
        "dispensations_recorded",
        Term::Typed("cetl:dispensationsRecorded", "xsd:boolean"),
    ),
    // Money, cross-references, mentions.
    ("clause", Term::Link("cetl:clause")),
    ("amount", Term::Typed("schema:value", "xsd:decimal")),
    ("currency", Term::Iri("schema:currency")),
    ("raw_text", Term::Iri("cetl:rawText")),
    (
        "referenced_date",
        Term::Typed("cetl:referencedDate", "xsd:date"),
    ),
    (
        "referenced_item_number",
        Term::Iri("cetl:referencedItemNumber"),
    ),
    (
        "referenced_meeting_id",
        Term::Iri("cetl:referencedMeetingId"),
    ),
    ("references", Term::Link("dcterms:references")),
    ("normalised", Term::Iri("cetl:normalised")),
    ("decision_maker", Term::Iri("cetl:decisionMaker")),
    ("decision_status", Term::Iri("cetl:decisionStatus")),
    (
        "key_decision",
        Term::Typed("cetl:keyDecision", "xsd:boolean"),
    ),
    (
        "subject_to_call_in",
        Term::Typed("cetl:subjectToCallIn", "xsd:boolean"),
    ),
    (
        "decision_date",
        Term::Typed("cetl:decisionDate", "xsd:date"),
    ),
    (
        "publication_date",
        Term::Typed("dcterms:issued", "xsd:date"),
    ),
    (
        "effective_from",
        Term::Typed("cetl:effectiveFrom", "xsd:date"),
    ),
    ("reasons", Term::Iri("cetl:reasons")),
    (
        "alternatives_considered",
        Term::Iri("cetl:alternativesConsidered"),
    ),
    ("votes_for", Term::Typed("cetl:votesFor", "xsd:integer")),
    (
        "votes_against",
        Term::Typed("cetl:votesAgainst", "xsd:integer"),
    ),
    (
        "abstentions",
        Term::Typed("cetl:abstentions", "xsd:integer"),
    ),
    ("format", Term::Iri("dcterms:format")),
    ("size_text", Term::Iri("cetl:sizeText")),
    (
        "size_bytes",
        Term::Typed("dcat:byteSize", "xsd:nonNegativeInteger"),
    ),
    ("person_name", Term::Iri("foaf:name")),
    ("status", Term::Iri("cetl:attendanceStatus")),
    ("role", Term::Iri("cetl:role")),
    ("party", Term::Iri("cetl:party")),
    ("ward", Term::Iri("cetl:ward")),
    ("interest", Term::Iri("cetl:interestKind")),
    ("concerns_item", Term::Iri("cetl:concernsItem")),
    // What the ModernGov web service adds.
    ("meeting_status", Term::Iri("cetl:meetingStatus")),
    ("start_time", Term::Typed("cetl:startTime", "xsd:time")),
    ("source_id", Term::Iri("dcterms:identifier")),
    ("restricted", Term::Typed("cetl:restricted", "xsd:boolean")),
    (
        "declaration_count",
        Term::Typed("cetl:declarationCount", "xsd:integer"),
    ),
    ("is_call_in", Term::Typed("cetl:isCallIn", "xsd:boolean")),
    ("url", Term::Link("schema:url")),
    ("published_date", Term::Typed("dcterms:issued", "xsd:date")),
    // People, votes and matters (the link stage).
    ("person_id", Term::Iri("dcterms:identifier")),
    ("vote_id", Term::Iri("dcterms:identifier")),
    ("matter_id", Term::Iri("dcterms:identifier")),
    ("council_id", Term::Iri("cetl:councilIdentifier")),
    ("person", Term::Link("prov:agent")),
    (
        "others_named",
        Term::Typed("cetl:othersNamed", "xsd:integer"),
    ),
    ("method", Term::Iri("cetl:voteMethod")),
    ("motion", Term::Link("opengov:motion")),
    ("vote_event", Term::Link("opengov:voteEvent")),
    ("voter", Term::Link("opengov:voter")),
    ("option", Term::Iri("opengov:option")),
    ("honorific", Term::Iri("foaf:title")),
    ("first_seen", Term::Typed("cetl:firstSeen", "xsd:date")),
    ("last_seen", Term::Typed("cetl:lastSeen", "xsd:date")),
    (
        "meetings",
        Term::Typed("cetl:meetingsListed", "xsd:integer"),
    ),
    (
        "present",
        Term::Typed("cetl:meetingsPresent", "xsd:integer"),
    ),
    (
        "apologies",
        Term::Typed("cetl:meetingsApologies", "xsd:integer"),
    ),
    ("absent", Term::Typed("cetl:meetingsAbsent", "xsd:integer")),
    (
        "substitute",
        Term::Typed("cetl:meetingsSubstitute", "xsd:integer"),
    ),
    (
        "in_attendance",
        Term::Typed("cetl:meetingsInAttendance", "xsd:integer"),
    ),
    ("votes", Term::Typed("cetl:votesCast", "xsd:integer")),
    (
        "declarations",
        Term::Typed("cetl:declarations", "xsd:integer"),
    ),
    ("mentions", Term::Typed("cetl:mentions", "xsd:integer")),
    ("member", Term::Link("org:member")),
    ("organization", Term::Link("org:organization")),
    ("times", Term::Typed("cetl:timesSeen", "xsd:integer")),
    ("first_date", Term::Typed("cetl:firstDate", "xsd:date")),
    ("last_date", Term::Typed("cetl:lastDate", "xsd:date")),
    ("matter_status", Term::Iri("cetl:matterStatus")),
    ("step_count", Term::Typed("cetl:stepCount", "xsd:integer")),
    ("matter", Term::Link("dcterms:isPartOf")),
    ("generated", Term::Link("prov:generated")),
    ("date", Term::Typed("dcterms:date", "xsd:date")),
    ("step", Term::Iri("cetl:step")),
    ("evidence", Term::Iri("cetl:evidence")),
    ("confidence", Term::Typed("cetl:confidence", "xsd:double")),
];

/// The prefix of the dataset's own IRIs in `dataset.jsonld`: `rec:meeting/<id>`
/// expands to `<base_iri>meeting/<id>`. Writing the base once in the
/// `@context` instead of in every link makes the graph about a tenth
/// smaller (A100: 246.7 -> 221.9 MB), and the graph is most of the bytes a run
/// writes.
pub const RECORDS: &str = "rec";

/// The `@context` shipped with every graph; `base` is `[publish] base_iri`.
pub fn context(base: &str) -> Value {
    let terms = TERMS.iter().map(|(key, term)| {
        let value = match term {
            Term::Iri(iri) => json!(iri),
            Term::Link(iri) => json!({ "@id": iri, "@type": "@id" }),
            Term::Typed(iri, datatype) => json!({ "@id": iri, "@type": datatype }),
        };
        (key.to_string(), value)
    });
    let records = (RECORDS.to_string(), json!(base));
    Value::Object(terms.chain([records]).collect())
}

/// The `@type`s of each kind of node, for the docs and the tests.
pub const TYPES: &[(&str, &[&str])] = &[
    (
        "council",
        &["org:Organization", "schema:GovernmentOrganization"],
    ),
    (
        "body",
        &["org:Organization", "schema:GovernmentOrganization"],
    ),
    ("document", &["prov:Entity", "schema:DigitalDocument"]),
    ("meeting", &["schema:Event", "besluit:Zitting"]),
    ("item", &["besluit:Agendapunt"]),
    ("decision", &["eli:LegalResource", "besluit:Besluit"]),
    ("clause", &["eli:LegalResourceSubdivision"]),
    ("record", &["cetl:DecisionRecord"]),
    ("vote", &["opengov:VoteEvent", "cetl:VoteCount"]),
    ("named_vote", &["opengov:Vote"]),
    ("money", &["schema:MonetaryAmount"]),
    ("reference", &["cetl:CrossReference"]),
    ("mention", &["cetl:Mention"]),
    ("attachment", &["schema:DigitalDocument"]),
    ("attendance", &["cetl:Attendance"]),
    ("declaration", &["cetl:DeclarationOfInterest"]),
    ("person", &["foaf:Person", "schema:Person"]),
    ("membership", &["org:Membership"]),
    ("matter", &["prov:Entity", "cetl:Matter"]),
    ("matter_step", &["prov:Activity", "cetl:MatterStep"]),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stages::write::tables::TABLES;

    /// Every column of every table in the graph has its term in the
    /// `@context`, and its node kind its `@type`s: a
    /// column added to a table declaration without one fails here. The
    /// meeting's `status` is written as `meeting_status` in the graph
    /// (attendance has a `status` of its own).
    #[test]
    fn every_declared_column_has_a_term() {
        let renamed = [
            ("meetings", "status", "meeting_status"),
            ("matters", "status", "matter_status"),
        ];
        let mut missing = Vec::new();
        for t in TABLES.iter().filter(|t| t.node.is_some()) {
            for c in t.columns {
                let key = renamed
                    .iter()
                    .find(|(table, column, _)| *table == t.name && *column == c.name)
                    .map_or(c.name, |(_, _, key)| key);
                if !TERMS.iter().any(|(term, _)| *term == key) {
                    missing.push(format!("{}.{}", t.name, c.name));
                }
            }
        }
        assert!(missing.is_empty(), "no JSON-LD term for {missing:?}");
        for node in TABLES.iter().filter_map(|t| t.node) {
            assert!(TYPES.iter().any(|(kind, _)| *kind == node), "{node}");
        }
    }
}
