//! One document through the stages: read -> (its format's reader) ->
//! clean -> parse -> enrich, and its JSON-LD rendered on the same worker.

use sha2::{Digest, Sha256};

use super::cache;
use crate::config::Pipeline;
use crate::model::{self, Document, PageType, ParseStatus, Warning};
use crate::stages::parse::moderngov::{self, Directory};
use crate::stages::read::format::{self, Format, Response};
use crate::stages::read::{Input, html};
use crate::stages::write::jsonld::{self, Fragment};
use crate::stages::{clean, enrich, parse, read};

/// What the processing of every document shares, built once per run.
pub struct Shared<'a> {
    pub pipeline: &'a Pipeline,
    /// Body names from the GetMeetings / GetCommittees inputs.
    pub directory: Directory,
    pub cache: Option<cache::Cache>,
}

impl<'a> Shared<'a> {
    pub fn new(pipeline: &'a Pipeline) -> Shared<'a> {
        Shared {
            pipeline,
            directory: Directory::load(&pipeline.inputs),
            cache: None,
        }
    }
}

/// One input through read -> clean -> parse -> enrich, with its JSON-LD
/// rendered here on the worker thread rather than by the writer.
pub fn process(input: &Input, shared: &Shared) -> (Document, Fragment) {
    let path = input.display();
    let rendered = |doc: Document| {
        let graph = jsonld::fragment(&doc);
        (doc, graph)
    };
    let bytes = match read::read_bounded(&input.path, shared.pipeline.max_document_bytes) {
        Ok(bytes) => bytes,
        Err((size, reason)) => {
            return rendered(reject(path, size, String::new(), reason, shared));
        }
    };
    let sha256 = model::hex(&Sha256::digest(&bytes));
    let Some(cache) = &shared.cache else {
        return rendered(process_bytes(path, &bytes, sha256, shared));
    };
    if let Some((mut doc, graph)) = cache.load(&sha256) {
        if doc.path == path {
            return (doc, graph);
        }
        // Content is the key; the same bytes may now have another name,
        // which the document's node carries.
        doc.path = path;
        return rendered(doc);
    }
    let (doc, graph) = rendered(process_bytes(path, &bytes, sha256.clone(), shared));
    cache.store(&sha256, &doc, &graph);
    (doc, graph)
}

/// The stages after reading, on bytes already in memory. A bug that
/// panics on one document rejects that document with the panic's message
/// (the hook has printed where it happened); the run goes on.
pub fn process_bytes(path: String, bytes: &[u8], sha256: String, shared: &Shared) -> Document {
    let run = || understand(path.clone(), bytes, sha256.clone(), shared);
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)) {
        Ok(doc) => doc,
        Err(panic) => reject(
            path,
            bytes.len() as u64,
            sha256,
            panic_reason(&*panic),
            shared,
        ),
    }
}

/// The rejection reason for a document that made etl panic.
fn panic_reason(panic: &(dyn std::any::Any + Send)) -> String {
    let message = (panic.downcast_ref::<&str>().copied())
        .or(panic.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("no message");
    format!("etl failed on this document ({message}): a bug in etl, please report it with the file")
}

/// Decode, extract and enrich one document.
fn understand(path: String, bytes: &[u8], sha256: String, shared: &Shared) -> Document {
    let size = bytes.len() as u64;
    let decoded = match read::decode(bytes) {
        Ok(decoded) => decoded,
        Err(reason) => return reject(path, size, sha256, reason, shared),
    };
    let mut warnings = decoded.warnings;
    let (page_type, meetings) = match extract(&decoded.text, shared, &mut warnings) {
        Ok(extracted) => extracted,
        Err(reason) => return reject(path, size, sha256, reason, shared),
    };
    if page_type == PageType::Other && !warnings.iter().any(|w| w.code == "unrecognised_page") {
        let what = if meetings.is_empty() {
            "nothing extracted"
        } else {
            "only the meeting's header fields extracted"
        };
        warnings.push(Warning {
            line: None,
            code: "unrecognised_page",
            message: format!(
                "no meeting, agenda item, decision or issue structure recognised; {what}"
            ),
        });
    }
    // Notices (a decoding fallback, removed contact data, a meeting page's
    // notice in place of items) say what was done to the text or what the
    // page holds; they do not mean the structure was not understood.
    const NOTICES: [&str; 3] = [
        "decoded_windows_1252",
        "personal_data_removed",
        "meeting_notice",
    ];
    let status = if warnings.iter().any(|w| !NOTICES.contains(&w.code)) {
        ParseStatus::Partial
    } else {
        ParseStatus::Parsed
    };
    let mut doc = Document {
        doc_id: model::doc_id(&shared.pipeline.council.identifier, &sha256),
        path,
        bytes: size,
        sha256,
        page_type,
        status,
        reason: None,
        warnings,
        meetings,
    };
    enrich::document(&mut doc, &shared.pipeline.council, &shared.pipeline.enrich);
    doc
}

/// A document nothing could be read from, with its council's ID.
fn reject(path: String, size: u64, sha256: String, reason: String, shared: &Shared) -> Document {
    let mut doc = Document::rejected(path, size, sha256, reason);
    doc.doc_id = model::doc_id(&shared.pipeline.council.identifier, &doc.sha256);
    doc
}

/// The document's format decides its reader: web-service XML becomes
/// the model directly; a saved HTML page is rendered to text first; a
/// text page goes straight to clean and parse. Err is a reason to reject
/// the document.
fn extract(
    text: &str,
    shared: &Shared,
    warnings: &mut Vec<Warning>,
) -> Result<(PageType, Vec<model::Meeting>), String> {
    let pipeline = shared.pipeline;
    let bullets = &pipeline.bullets;
    match format::detect(text) {
        Format::OtherXml(message) => {
            warnings.push(Warning {
                line: None,
                code: "unrecognised_page",
                message,
            });
            Ok((PageType::Other, Vec::new()))
        }
        Format::WebService(Response::Meeting) => {
            let cx = moderngov::Context {
                grammar: &pipeline.grammar,
                directory: &shared.directory,
                bullets,
                party_and_ward: pipeline.attendee_party_and_ward,
            };
            let (meeting, found) = moderngov::meeting(text, &cx)?;
            warnings.extend(found);
            Ok((PageType::Meeting, vec![meeting]))
        }
        Format::WebService(Response::Meetings | Response::Committees) => {
            moderngov::listing(text).map(|()| (PageType::Listing, Vec::new()))
        }
        Format::Html => {
            let rendered = html::render(text)?;
            let mut cleaned = clean::clean(&rendered.text, bullets);
            cleaned.relocate(&rendered.source_lines);
            let (page_type, mut meetings) = parse_text(&cleaned, pipeline, warnings);
            if matches!(page_type, PageType::Other | PageType::Issue)
                && html::lists_decisions(&rendered)
            {
                warnings.retain(|w| w.code == "personal_data_removed");
                return Ok((PageType::Listing, Vec::new()));
            }
            let base_url = pipeline.council.base_url.as_deref();
            enrich::links::link_attachments(&mut meetings, &rendered, base_url);
            Ok((page_type, meetings))
        }
        Format::Text => {
            let cleaned = clean::clean(text, bullets);
            Ok(parse_text(&cleaned, pipeline, warnings))
        }
    }
}

fn parse_text(
    cleaned: &clean::Cleaned,
    pipeline: &Pipeline,
    warnings: &mut Vec<Warning>,
) -> (PageType, Vec<model::Meeting>) {
    warnings.extend(cleaned.redaction_warnings());
    let parsed = parse::parse(cleaned, &pipeline.grammar);
    warnings.extend(parsed.warnings);
    (parsed.page_type.unwrap_or(PageType::Other), parsed.meetings)
}

#[cfg(test)]
mod tests {
    use super::panic_reason;

    #[test]
    fn a_panic_becomes_a_rejection_reason_with_its_message() {
        let literal = std::panic::catch_unwind(|| panic!("group")).unwrap_err();
        let formatted = std::panic::catch_unwind(|| panic!("line {}", 7)).unwrap_err();
        assert!(panic_reason(&*literal).starts_with("etl failed on this document (group)"));
        assert!(panic_reason(&*formatted).contains("(line 7)"));
    }
}
