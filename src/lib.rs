//! council-etl: ModernGov council meeting records -> open data.
//!
//! The pipeline is closed and linear, one module per stage:
//!
//! ```text
//! read (bytes -> text) -> clean (lines) -> parse (model) -> enrich -> write (Parquet)
//! ```
//!
//! [`config::Pipeline`] is compiled once from `pipeline.toml`; [`run`]
//! processes the sorted inputs in batches, each batch in parallel with
//! rayon and collected in input order, so the output bytes do not depend
//! on the thread count. A document that cannot be read becomes a
//! `rejected` row with a reason; it never stops the run.

pub mod config;
pub mod model;
pub mod output;
pub mod stages;

use std::collections::HashMap;
use std::io::IsTerminal;
use std::time::Instant;

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use sha2::{Digest, Sha256};

use config::Pipeline;
use model::{Document, PageType, ParseStatus, Warning};
use stages::parse::Grammar;
use stages::read::Input;

/// What a run did, for the summary line and the exit code.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Report {
    pub documents: usize,
    pub items: usize,
    pub decisions: usize,
    pub warnings: usize,
    pub partial: usize,
    pub rejected: usize,
    pub bytes: u64,
    pub seconds: f64,
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mb = self.bytes as f64 / 1e6;
        write!(
            f,
            "{} documents, {} items, {} decisions, {} warnings, {} partial, {} rejected in {:.2}s ({:.1} MB/s)",
            self.documents,
            self.items,
            self.decisions,
            self.warnings,
            self.partial,
            self.rejected,
            self.seconds,
            if self.seconds > 0.0 {
                mb / self.seconds
            } else {
                0.0
            }
        )
    }
}

/// Runs the whole pipeline and writes the dataset.
pub fn run(pipeline: &Pipeline, show_progress: bool) -> Result<Report> {
    let started = Instant::now();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(pipeline.threads)
        .build()
        .context("cannot start the worker threads")?;
    let grammar = Grammar::new(&pipeline.parse);
    let progress = progress_bar(pipeline.inputs.len() as u64, show_progress);
    let mut dataset = output::Dataset::create(pipeline)?;
    let mut report = Report::default();
    let mut seen: HashMap<String, String> = HashMap::new();

    for batch in pipeline.inputs.chunks(pipeline.batch_size) {
        let docs: Vec<Document> = pool.install(|| {
            batch
                .par_iter()
                .map(|input| process(input, pipeline, &grammar))
                .collect()
        });
        for mut doc in docs {
            mark_duplicate(&mut doc, &mut seen);
            report.documents += 1;
            report.bytes += doc.bytes;
            report.items += doc.items().count();
            report.decisions += doc.items().map(|i| i.decisions.len()).sum::<usize>();
            report.warnings += doc.warnings.len();
            match doc.status {
                ParseStatus::Rejected => report.rejected += 1,
                ParseStatus::Partial => report.partial += 1,
                ParseStatus::Parsed => {}
            }
            dataset.append(&doc)?;
            progress.inc(1);
        }
    }
    dataset.commit()?;
    progress.finish_and_clear();
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

/// One input through read -> clean -> parse -> enrich.
pub fn process(input: &Input, pipeline: &Pipeline, grammar: &Grammar) -> Document {
    let path = input.display();
    let bytes = match std::fs::metadata(&input.path) {
        Ok(meta) if meta.len() > pipeline.max_document_bytes => {
            let reason = format!(
                "file is {} bytes, over [read] max_document_bytes = {}",
                meta.len(),
                pipeline.max_document_bytes
            );
            return Document::rejected(path, meta.len(), String::new(), reason);
        }
        _ => match std::fs::read(&input.path) {
            Ok(bytes) => bytes,
            Err(e) => {
                return Document::rejected(
                    path,
                    0,
                    String::new(),
                    format!("cannot read file: {e}"),
                );
            }
        },
    };
    let sha256 = model::hex(&Sha256::digest(&bytes));
    process_bytes(path, &bytes, sha256, pipeline, grammar)
}

/// The stages after reading, on bytes already in memory.
pub fn process_bytes(
    path: String,
    bytes: &[u8],
    sha256: String,
    pipeline: &Pipeline,
    grammar: &Grammar,
) -> Document {
    let size = bytes.len() as u64;
    let decoded = match stages::read::decode(bytes) {
        Ok(decoded) => decoded,
        Err(reason) => return Document::rejected(path, size, sha256, reason),
    };
    let cleaned = stages::clean::clean(&decoded.text, &pipeline.bullets);
    let parsed = stages::parse::parse(&cleaned, grammar);
    let mut warnings = decoded.warnings;
    warnings.extend(cleaned.redactions.iter().map(|&(line, kind)| Warning {
        line: Some(line),
        code: "personal_data_removed",
        message: format!("a {kind} was removed: the dataset carries names and public roles only"),
    }));
    warnings.extend(parsed.warnings);
    let page_type = parsed.page_type.unwrap_or(PageType::Other);
    if page_type == PageType::Other {
        warnings.push(Warning {
            line: None,
            code: "unrecognised_page",
            message:
                "no meeting, agenda item, decision or issue structure recognised; nothing extracted"
                    .into(),
        });
    }
    // Notices (a decoding fallback, removed contact data) say what was done
    // to the text; they do not mean the structure was not understood.
    const NOTICES: [&str; 2] = ["decoded_windows_1252", "personal_data_removed"];
    let status = if warnings.iter().any(|w| !NOTICES.contains(&w.code)) {
        ParseStatus::Partial
    } else {
        ParseStatus::Parsed
    };
    let mut doc = Document {
        doc_id: model::doc_id(&sha256),
        path,
        bytes: size,
        sha256,
        page_type,
        status,
        reason: None,
        warnings,
        meetings: parsed.meetings,
    };
    for meeting in &mut doc.meetings {
        stages::enrich::enrich(meeting, &pipeline.council, &pipeline.enrich);
    }
    model::assign_ids(&mut doc, &pipeline.council.identifier);
    doc
}

/// A second copy of the same bytes is reported, not counted twice.
fn mark_duplicate(doc: &mut Document, seen: &mut HashMap<String, String>) {
    if doc.sha256.is_empty() || doc.status == ParseStatus::Rejected {
        return;
    }
    match seen.get(&doc.sha256) {
        Some(first) => {
            doc.doc_id = model::stable_id(&["doc", &doc.sha256, &doc.path]);
            doc.status = ParseStatus::Rejected;
            doc.reason = Some(format!("duplicate of {first} (same SHA-256)"));
            doc.meetings.clear();
            doc.warnings.clear();
        }
        None => {
            seen.insert(doc.sha256.clone(), doc.path.clone());
        }
    }
}

fn progress_bar(len: u64, show: bool) -> ProgressBar {
    let target = if show && std::io::stderr().is_terminal() {
        ProgressDrawTarget::stderr()
    } else {
        ProgressDrawTarget::hidden()
    };
    let bar = ProgressBar::with_draw_target(Some(len), target);
    if let Ok(style) =
        ProgressStyle::with_template("{bar:40} {pos}/{len} documents {elapsed_precise} eta {eta}")
    {
        bar.set_style(style);
    }
    bar
}
