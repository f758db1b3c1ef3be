//! The dataset's tables, each declared once, in the order they are
//! written and documented. Column names and meanings are a contract
//! (../shared/eval/score.py reads some of them).

use std::fmt::Write as _;

use super::schema::{
    Column, ForeignKey, Table, Type, big, boolean, col, float, id, int, long_text, opt_big,
    opt_bool, opt_date, opt_id, opt_int, opt_long_text, opt_text, text,
};

const DOC_ID: Column = id("doc_id", "the source document (source_documents.doc_id)");
const MEETING_ID: Column = id("meeting_id", "the meeting (meetings.meeting_id)");
const ITEM_ID: Column = id("item_id", "the agenda item (agenda_items.item_id)");
const OPT_ITEM_ID: Column = opt_id(
    "item_id",
    "the agenda item it was recorded under; null for the meeting as a whole",
);
const LINE_START: Column = int(
    "line_start",
    "first source line (1-based) of the row's text in the document",
);
const LINE_END: Column = int(
    "line_end",
    "last source line (1-based, inclusive) of the row's text",
);

/// The same meeting may come from two documents (an agenda page and its
/// minutes), so keys of meeting-derived rows include the document.
const TO_DOCUMENT: ForeignKey = ForeignKey {
    columns: &["doc_id"],
    table: "source_documents",
};
const TO_MEETING: ForeignKey = ForeignKey {
    columns: &["meeting_id", "doc_id"],
    table: "meetings",
};
const TO_ITEM: ForeignKey = ForeignKey {
    columns: &["item_id", "doc_id"],
    table: "agenda_items",
};
const TO_DECISION: ForeignKey = ForeignKey {
    columns: &["decision_id", "doc_id"],
    table: "decisions",
};
const TO_VOTE: ForeignKey = ForeignKey {
    columns: &["vote_id", "doc_id"],
    table: "vote_counts",
};
const TO_PERSON: ForeignKey = ForeignKey {
    columns: &["person_id"],
    table: "people",
};
const TO_MATTER: ForeignKey = ForeignKey {
    columns: &["matter_id"],
    table: "matters",
};
const PERSON_ID: Column = opt_id(
    "person_id",
    "the person (people.person_id); null when the name has no surname to know them by",
);
const OPT_DECISION_ID: Column = opt_id(
    "decision_id",
    "the resolution voted on (decisions.decision_id): the first recorded after the vote, else the last before it",
);
const COUNCIL_ID: Column = text("council_id", "the council ([council] identifier)");

/// Every table, in the order they are written and documented.
pub const TABLES: &[Table] = &[
    Table {
        name: "source_documents",
        node: Some("document"),
        doc: "One row per input file: what it was, and whether it was parsed, partly parsed (with warnings) or rejected (with the reason). Every input is here.",
        columns: &[
            id(
                "doc_id",
                "16 hex digits of SHA-256 over the council and the file's content hash: the same bytes keep their ID under another name, and are two documents under two councils",
            ),
            text("path", "the file as given to the run"),
            big("bytes", "file size in bytes"),
            text("sha256", "SHA-256 of the file's bytes"),
            text(
                "page_type",
                "`meeting`, `agenda_item`, `decision`, `issue`, `listing` or `other`",
            ),
            text(
                "parse_status",
                "`parsed`, `partial` (see parse_warnings) or `rejected` (see reason)",
            ),
            opt_long_text(
                "reason",
                "why the document was rejected (binary, empty, too large, a duplicate of another file, ...)",
            ),
            int("warning_count", "rows of this document in parse_warnings"),
        ],
        primary_key: &["doc_id"],
        foreign_keys: &[],
    },
    Table {
        name: "parse_warnings",
        node: None,
        doc: "What the parser could not make sense of, and notices of what was done to the text (personal data removed, a decoding fallback).",
        columns: &[
            DOC_ID,
            opt_int(
                "line",
                "source line the warning is about; null for the whole document",
            ),
            text(
                "code",
                "a stable code, e.g. `unrecognised_page`, `personal_data_removed`",
            ),
            long_text("message", "the warning in words"),
        ],
        primary_key: &[],
        foreign_keys: &[TO_DOCUMENT],
    },
    Table {
        name: "meetings",
        node: Some("meeting"),
        doc: "One row per meeting a document records.",
        columns: &[
            id(
                "meeting_id",
                "16 hex digits of SHA-256 over council identifier + body + date when the page states both (the same meeting from two pages gets one ID), else over the document",
            ),
            DOC_ID,
            text("council", "the publishing council ([council] name)"),
            opt_text("body_name", "the committee, cabinet or council that met"),
            opt_date("start_date", "the meeting date"),
            opt_text(
                "start_date_method",
                "`stated`, or `participation_deadline` when inferred from the public-participation deadline",
            ),
            opt_date(
                "start_date_not_before",
                "when the date is unknown: the latest earlier meeting whose minutes are referred to",
            ),
            opt_text(
                "body_name_method",
                "`stated`, `text`, `contact_role` or `config`: where body_name came from",
            ),
            opt_text("venue", "where the meeting was held"),
            opt_text(
                "contact_name",
                "the contact officer's name (never their e-mail or telephone)",
            ),
            opt_text("contact_role", "the contact officer's job title"),
            opt_text(
                "status",
                "as the source states it: `Confirmed`, `Cancelled`, ...",
            ),
            col(
                "start_time",
                Type::Time,
                true,
                "the meeting's start time, from its date line or the web service",
            ),
            opt_text(
                "source_id",
                "the ModernGov meeting ID, from web-service XML",
            ),
        ],
        primary_key: &["meeting_id", "doc_id"],
        foreign_keys: &[TO_DOCUMENT],
    },
    Table {
        name: "agenda_items",
        node: Some("item"),
        doc: "One row per agenda item of a meeting, with its agenda text and minutes.",
        columns: &[
            id(
                "item_id",
                "16 hex digits of SHA-256 over the meeting and the minute number (or the position when the number is missing or repeated)",
            ),
            MEETING_ID,
            DOC_ID,
            int("position", "0-based order of the item in the meeting"),
            opt_text(
                "minute_number",
                "the minute number as printed (\"1836\", \"4a\")",
            ),
            opt_text(
                "agenda_number",
                "the agenda number, where the page prints one besides the minute number",
            ),
            opt_text("title", "the item's title"),
            text(
                "kind",
                "`apologies`, `declarations`, `public_participation`, `previous_minutes` or `substantive`",
            ),
            opt_long_text("agenda_text", "the agenda's description of the item"),
            opt_long_text("decision_text", "a printed \"Decision:\" block"),
            opt_long_text(
                "minutes_text",
                "the minutes of the item; null when the page has none for it",
            ),
            boolean(
                "minutes_truncated",
                "the page cuts the minutes short (\"view the full minutes text\")",
            ),
            boolean("restricted", "exempt business: the text is withheld"),
            opt_text(
                "source_id",
                "the ModernGov agenda item ID, from web-service XML",
            ),
            opt_int(
                "declaration_count",
                "declarations of interest recorded for the item (web-service XML)",
            ),
            opt_bool(
                "is_call_in",
                "the item is a call-in of an executive decision (web-service XML)",
            ),
            opt_int(
                "others_named",
                "people named in the item without a councillor's title who are not listed at the meeting (members of the public, speakers, officers the page does not list): counted, never listed; null with [enrich] mentions = false",
            ),
            LINE_START,
            LINE_END,
        ],
        primary_key: &["item_id", "doc_id"],
        foreign_keys: &[TO_MEETING],
    },
    Table {
        name: "decisions",
        node: Some("decision"),
        doc: "One row per resolution (\"RESOLVED that ...\") of an agenda item.",
        columns: &[
            id(
                "decision_id",
                "16 hex digits of SHA-256 over the item and the decision's order in it",
            ),
            ITEM_ID,
            MEETING_ID,
            DOC_ID,
            opt_long_text(
                "preamble",
                "the words before the clauses (\"RESOLVED that Cabinet:\")",
            ),
            long_text("text", "the whole resolution"),
            int("clause_count", "rows in decision_clauses"),
            opt_bool(
                "reasons_recorded",
                "the record gives reasons (reg. 12(2)); null when not assessed",
            ),
            opt_bool(
                "alternatives_recorded",
                "the record gives alternatives considered (reg. 12(2))",
            ),
            opt_bool(
                "conflicts_declared",
                "conflicts of interest of members consulted are recorded (reg. 12(2))",
            ),
            opt_bool(
                "dispensations_recorded",
                "dispensations are recorded (reg. 12(2))",
            ),
            opt_id(
                "matter_id",
                "the matter the decision is a step of (matters.matter_id); null when none",
            ),
            LINE_START,
            LINE_END,
        ],
        primary_key: &["decision_id", "doc_id"],
        foreign_keys: &[TO_ITEM, TO_MATTER],
    },
    Table {
        name: "decision_clauses",
        node: Some("clause"),
        doc: "One row per lettered or numbered clause of a resolution (one row for a resolution without clauses).",
        columns: &[
            id(
                "clause_id",
                "16 hex digits of SHA-256 over the decision and the clause's order in it",
            ),
            id("decision_id", "the decision (decisions.decision_id)"),
            ITEM_ID,
            DOC_ID,
            opt_text(
                "label",
                "\"a\", \"ii\", \"3\"; null for a single resolution",
            ),
            int("position", "0-based order of the clause in the decision"),
            long_text("text", "the clause"),
            opt_text(
                "action",
                "the strongest of `recommended`, `delegated`, `referred`, `deferred`, `excluded` (press and public), `revoked`, `suspended` (a licence, a rule), `upheld` (an appeal or complaint), `refused`, `rejected` (also an appeal dismissed), `adopted` (also a motion carried), `appointed` (elected or appointed to an office), `approved`, `agreed`, `endorsed`, `confirmed`, `noted`; else `other`. Read in English and Welsh",
            ),
            opt_text(
                "target_body",
                "for a recommendation or referral: the body it goes to",
            ),
            opt_text(
                "delegate",
                "for a delegation: the officer or member given the authority",
            ),
            LINE_START,
            LINE_END,
        ],
        primary_key: &["clause_id", "doc_id"],
        foreign_keys: &[TO_DECISION],
    },
    Table {
        name: "decision_records",
        node: Some("record"),
        doc: "The fields of a decision-record page (\"Decision details\"): one row per item such a page records.",
        columns: &[
            ITEM_ID,
            MEETING_ID,
            DOC_ID,
            opt_text("decision_maker", "who took the decision"),
            opt_text(
                "decision_status",
                "as printed (\"Recommendations Approved\")",
            ),
            opt_bool("key_decision", "a key decision"),
            opt_bool("subject_to_call_in", "the decision may be called in"),
            opt_date("decision_date", "when the decision was taken"),
            opt_date("publication_date", "when the decision was published"),
            opt_date("effective_from", "when the decision takes effect"),
            opt_long_text("reasons", "the reasons for the decision"),
            opt_long_text("alternatives_considered", "alternative options considered"),
            LINE_START,
            LINE_END,
        ],
        primary_key: &["item_id", "doc_id"],
        foreign_keys: &[TO_ITEM],
    },
    Table {
        name: "vote_counts",
        node: Some("vote"),
        doc: "Votes recorded in the minutes, by counts (\"For: 26, Against: 32, Abstentions: 0\") or counted from the names listed (see votes).",
        columns: &[
            id(
                "vote_id",
                "16 hex digits of SHA-256 over the item and the vote's order in it",
            ),
            ITEM_ID,
            MEETING_ID,
            DOC_ID,
            OPT_DECISION_ID,
            int("votes_for", "votes for"),
            int("votes_against", "votes against"),
            opt_int("abstentions", "abstentions; null when not stated"),
            text(
                "method",
                "`counted` (the minutes print the numbers) or `names` (counted from the names listed)",
            ),
            LINE_START,
            LINE_END,
        ],
        primary_key: &["vote_id", "doc_id"],
        foreign_keys: &[TO_ITEM],
    },
    Table {
        name: "votes",
        node: Some("named_vote"),
        doc: "How each member voted, where the minutes name them (\"For: Councillors A, B (2)\", a table after \"a recorded vote was taken\"). Counts that disagree with the names are a parse warning (`vote_names_disagree`).",
        columns: &[
            id("vote_id", "the vote (vote_counts.vote_id)"),
            DOC_ID,
            ITEM_ID,
            MEETING_ID,
            OPT_DECISION_ID,
            PERSON_ID,
            text("person_name", "the name as printed"),
            text("option", "`for`, `against` or `abstain`"),
            LINE_START,
            LINE_END,
        ],
        primary_key: &[],
        foreign_keys: &[TO_VOTE, TO_PERSON],
    },
    Table {
        name: "money_amounts",
        node: Some("money"),
        doc: "Sums of money named in an item's agenda text, minutes or decisions.",
        columns: &[
            ITEM_ID,
            MEETING_ID,
            DOC_ID,
            opt_id(
                "clause_id",
                "the decision clause it is named in; null outside a clause",
            ),
            col(
                "amount",
                Type::Decimal,
                false,
                "the amount (\"£4.1million\" -> 4100000.00)",
            ),
            text("currency", "ISO 4217 code: `GBP`"),
            text("raw_text", "the amount as printed"),
            LINE_START,
            LINE_END,
        ],
        primary_key: &[],
        foreign_keys: &[],
    },
    Table {
        name: "cross_references",
        node: Some("reference"),
        doc: "References to earlier meetings and to items by number.",
        columns: &[
            ITEM_ID,
            MEETING_ID,
            DOC_ID,
            text(
                "kind",
                "`previous_meeting`, `minutes_item` or `agenda_item`",
            ),
            text("raw_text", "the reference as printed"),
            opt_date("referenced_date", "the date of the meeting referred to"),
            opt_text("referenced_item_number", "the item number referred to"),
            opt_text(
                "referenced_meeting_id",
                "the meeting referred to, when its body and date identify it",
            ),
            LINE_START,
            LINE_END,
        ],
        primary_key: &[],
        foreign_keys: &[],
    },
    Table {
        name: "mentions",
        node: Some("mention"),
        doc: "Roles, people and organisations named in an item's text.",
        columns: &[
            ITEM_ID,
            MEETING_ID,
            DOC_ID,
            text("kind", "`role`, `person` or `organisation`"),
            long_text("text", "the mention as printed"),
            text(
                "normalised",
                "the mention with spacing and case normalised, for grouping; a person's name without titles, honours or initials' dots",
            ),
            opt_id(
                "person_id",
                "for a member or officer (named with a councillor's title, or listed at the meeting): the person (people.person_id); null for anyone else",
            ),
            opt_text(
                "role",
                "for a person: the role printed with the name (\"Councillor A Smith, Cabinet Member for Highways\")",
            ),
            LINE_START,
            LINE_END,
        ],
        primary_key: &[],
        foreign_keys: &[TO_PERSON],
    },
    Table {
        name: "item_topics",
        node: None,
        doc: "Topics of an item, from a keyword taxonomy ([enrich.topic_keywords] extends it).",
        columns: &[
            ITEM_ID,
            MEETING_ID,
            DOC_ID,
            text("topic", "the topic"),
            text("keyword", "the word that matched"),
        ],
        primary_key: &[],
        foreign_keys: &[],
    },
    Table {
        name: "attachments",
        node: Some("attachment"),
        doc: "Documents attached to an item (\"pdf icon PDF 168 KB\").",
        columns: &[
            ITEM_ID,
            DOC_ID,
            opt_text("title", "the attachment's title"),
            opt_text("format", "\"PDF\"; null when not stated"),
            opt_text("size_text", "\"168 KB\"; null when not printed"),
            opt_big(
                "size_bytes",
                "the size in bytes, approximate (from size_text)",
            ),
            opt_text("url", "where to download it, when the page links it"),
            opt_date("published_date", "when it was published (web-service XML)"),
            boolean("restricted", "exempt: not published (no url then)"),
            LINE_START,
            LINE_END,
        ],
        primary_key: &[],
        foreign_keys: &[TO_ITEM],
    },
    Table {
        name: "attendance",
        node: Some("attendance"),
        doc: "Who was present, sent apologies, was absent or substituted, by meeting (or by item).",
        columns: &[
            MEETING_ID,
            DOC_ID,
            OPT_ITEM_ID,
            text(
                "person_name",
                "the name as printed, titles kept (\"Councillor A Smith\")",
            ),
            PERSON_ID,
            text(
                "status",
                "`present`, `apologies`, `absent`, `substitute`, `in_attendance` (officers, non-members) or `expected`",
            ),
            opt_text("role", "the role at the meeting (\"Chairman\")"),
            opt_text(
                "party",
                "political party, only with [read] attendee_party_and_ward",
            ),
            opt_text("ward", "ward, only with [read] attendee_party_and_ward"),
            LINE_START,
            LINE_END,
        ],
        primary_key: &[],
        foreign_keys: &[TO_MEETING, TO_PERSON],
    },
    Table {
        name: "declarations",
        node: Some("declaration"),
        doc: "Declarations of interest recorded in the minutes.",
        columns: &[
            MEETING_ID,
            DOC_ID,
            OPT_ITEM_ID,
            opt_text("person_name", "who declared, when the text names them"),
            PERSON_ID,
            opt_text(
                "interest",
                "the kind of interest, when the text names it: `disclosable_pecuniary`, `other_registrable`, `other_significant`, `non_registrable`, `pecuniary`, `non_pecuniary`, `prejudicial` (also personal and prejudicial), `personal`, `financial`, `non_financial`",
            ),
            opt_text(
                "concerns_item",
                "the number of the item the interest is in, as printed (\"item 47\" -> `47`)",
            ),
            long_text("text", "the declaration as recorded"),
            LINE_START,
            LINE_END,
        ],
        primary_key: &[],
        foreign_keys: &[TO_MEETING, TO_PERSON],
    },
    Table {
        name: "people",
        node: Some("person"),
        doc: "One row per member or officer over all meetings of the run: anyone listed in attendance, a declaration or a named vote, or named with a councillor's title. Members of the public named in minutes are not people rows (agenda_items.others_named counts them). One person per council and name: titles, honours and initials' dots do not split a person, but \"A Smith\" and \"Alan Smith\" stay two, as no page says they are one.",
        columns: &[
            id(
                "person_id",
                "16 hex digits of SHA-256 over the council identifier and the name without titles (stable across runs)",
            ),
            COUNCIL_ID,
            text("name", "the name as most often printed, titles dropped"),
            opt_text(
                "honorific",
                "the title most often printed before the name (\"Councillor\", \"Mr\", \"Dr\")",
            ),
            opt_date(
                "first_seen",
                "the date of the first meeting the person is seen at",
            ),
            opt_date(
                "last_seen",
                "the date of the last meeting the person is seen at",
            ),
            int(
                "meetings",
                "meetings whose attendance lists the person (any status)",
            ),
            int("present", "meetings present at"),
            int("apologies", "meetings the person sent apologies for"),
            int("absent", "meetings recorded absent from"),
            int("substitute", "meetings attended as a substitute"),
            int(
                "in_attendance",
                "meetings attended as an officer or non-member",
            ),
            int("votes", "named votes the person cast"),
            int("declarations", "declarations of interest the person made"),
            int("mentions", "times the minutes name the person"),
        ],
        primary_key: &["person_id"],
        foreign_keys: &[],
    },
    Table {
        name: "person_roles",
        node: Some("membership"),
        doc: "Roles a person was seen in: chair or vice-chair of a body (from attendance), \"Cabinet Member for ...\" or an officer's title printed with their name.",
        columns: &[
            id("person_id", "the person (people.person_id)"),
            text(
                "role",
                "the role as printed (\"Chairman\", \"Head of Legal Services\")",
            ),
            opt_text("body_name", "the body of the meetings the role was seen at"),
            opt_date("first_seen", "the first meeting date the role was seen"),
            opt_date("last_seen", "the last meeting date the role was seen"),
            int("times", "how often the role was seen"),
        ],
        primary_key: &[],
        foreign_keys: &[TO_PERSON],
    },
    Table {
        name: "matters",
        node: Some("matter"),
        doc: "One subject followed across meetings and bodies: a recommendation or referral and the decision that settles it, a deferral and its later decision, a decision and its call-in. Linked by report or issue references, and by the target body with a similar item title within [link] matter_window_days; see matter_steps for each link's evidence. [link] matters = false switches this off.",
        columns: &[
            id(
                "matter_id",
                "16 hex digits of SHA-256 over the council identifier and the matter's first decision",
            ),
            COUNCIL_ID,
            opt_text("title", "the title of the item of its first step"),
            opt_date("first_date", "the date of its first step"),
            opt_date("last_date", "the date of its last step"),
            text(
                "status",
                "the last step: `decided`, or `recommended` / `referred` / `deferred` / `called_in` while no later decision is found",
            ),
            int("step_count", "rows in matter_steps"),
        ],
        primary_key: &["matter_id"],
        foreign_keys: &[],
    },
    Table {
        name: "matter_steps",
        node: Some("matter_step"),
        doc: "The decisions of a matter in order, with what each did and why it is taken for a step of the matter.",
        columns: &[
            id("matter_id", "the matter (matters.matter_id)"),
            int(
                "position",
                "0-based order of the step in the matter (by date)",
            ),
            id("decision_id", "the decision (decisions.decision_id)"),
            DOC_ID,
            MEETING_ID,
            ITEM_ID,
            opt_text("body_name", "the body that took the decision"),
            opt_date("date", "the meeting date"),
            text(
                "step",
                "`recommended`, `referred`, `deferred`, `called_in` or `decided`",
            ),
            text(
                "evidence",
                "why the decision is a step of the matter: `first step`, `reference FIN/22/07`, `recommended to Council; title similarity 0.83`, ...",
            ),
            float(
                "confidence",
                "how sure the link is, 0 to 1: 0.95 for a shared reference, 0.6-0.9 by title similarity, 1 for the first step",
            ),
        ],
        primary_key: &[],
        foreign_keys: &[TO_MATTER, TO_DECISION],
    },
];

/// The declaration of a table by name.
pub fn table(name: &str) -> Option<&'static Table> {
    TABLES.iter().find(|t| t.name == name)
}

/// The schema section of the docs (`etl schema`, docs/schema.md): one
/// section per table, generated from the declarations.
pub fn markdown() -> String {
    let mut out = String::from(
        "# Tables\n\n\
         Generated by `etl schema` from the table declarations in \
         `src/stages/write/tables.rs`; do not edit by hand.\n\n\
         IDs are 16 hex digits of SHA-256 over natural keys, so the same input \
         always gives the same IDs. Text is UTF-8. `line_start`/`line_end` \
         are 1-based source lines (inclusive) of the row's text.\n",
    );
    for t in TABLES {
        let _ = write!(out, "\n## `{}`\n\n{}\n\n", t.name, t.doc);
        if !t.primary_key.is_empty() {
            let _ = write!(out, "Primary key: `{}`. ", t.primary_key.join("`, `"));
        }
        for fk in t.foreign_keys {
            let columns = fk.columns.join("`, `");
            let _ = write!(out, "`{columns}` references `{}`. ", fk.table);
        }
        if !t.primary_key.is_empty() || !t.foreign_keys.is_empty() {
            out.truncate(out.trim_end().len());
            out.push_str("\n\n");
        }
        out.push_str("| column | type | null | meaning |\n| --- | --- | --- | --- |\n");
        for c in t.columns {
            let null = if c.nullable { "yes" } else { "" };
            let doc = c.doc.replace('|', "\\|");
            let _ = writeln!(out, "| `{}` | {} | {null} | {doc} |", c.name, c.ty.sql());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_name_columns_of_their_tables() {
        for t in TABLES {
            let has = |table: &Table, c: &str| table.columns.iter().any(|x| x.name == c);
            for c in t.primary_key {
                assert!(has(t, c), "{}: primary key {c}", t.name);
            }
            for fk in t.foreign_keys {
                let target = table(fk.table).expect("a declared table");
                for c in fk.columns {
                    assert!(
                        has(t, c) && has(target, c),
                        "{} -> {}: {c}",
                        t.name,
                        fk.table
                    );
                }
                assert_eq!(target.primary_key, fk.columns, "{} -> {}", t.name, fk.table);
            }
        }
    }

    #[test]
    fn names_are_unique_and_every_column_is_documented() {
        for (i, t) in TABLES.iter().enumerate() {
            assert!(TABLES[..i].iter().all(|o| o.name != t.name), "{}", t.name);
            for (j, c) in t.columns.iter().enumerate() {
                assert!(!c.doc.trim().is_empty(), "{}.{}", t.name, c.name);
                assert!(
                    t.columns[..j].iter().all(|o| o.name != c.name),
                    "{}.{} twice",
                    t.name,
                    c.name
                );
            }
        }
    }
}
