//! council-etl: ModernGov council meeting records -> open data.
//!
//! The pipeline is closed and linear, one module per stage:
//!
//! ```text
//! read (bytes -> text) -> clean (lines) -> parse (model) -> enrich -> write (Parquet)
//! ```
//!
//! [`config::Pipeline`] is compiled once from `pipeline.toml`; [`run`]
//! parses the sorted inputs in parallel with rayon, a window of chunks at
//! a time, and one writer thread writes them in input order, so the output
//! bytes do not depend on the thread count. A document that cannot be
//! read becomes a `rejected` row with a reason; it never stops the run.

pub mod cache;
pub mod config;
pub mod harvest;
pub mod model;
pub mod output;
pub mod stages;
pub mod synth;

use std::collections::{BTreeMap, HashMap};
use std::io::IsTerminal;
use std::sync::{Arc, Mutex, mpsc};
use std::time::Instant;

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use sha2::{Digest, Sha256};

use config::Pipeline;
use model::{Document, PageType, ParseStatus, Warning};
use output::jsonld::{self, Fragment};
use stages::html;
use stages::moderngov::{self, Directory};
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
    /// With `--incremental`: documents read back from the cache.
    pub cached: Option<usize>,
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
        )?;
        match self.cached {
            Some(cached) => write!(f, "; {cached} from the incremental cache"),
            None => Ok(()),
        }
    }
}

/// Runs the whole pipeline and writes the dataset. With `incremental`,
/// documents processed before with the same settings come from the cache
/// (see [`cache`]); the output is the same.
pub fn run(pipeline: &Pipeline, show_progress: bool, incremental: bool) -> Result<Report> {
    let started = Instant::now();
    let mut shared = Shared::new(pipeline);
    if incremental {
        shared.cache = Some(cache::Cache::open(pipeline, &shared.directory)?);
    }
    let pool = Arc::new(
        rayon::ThreadPoolBuilder::new()
            .num_threads(pipeline.threads)
            .build()
            .context("cannot start the worker threads")?,
    );
    let progress = progress_bar(pipeline.inputs.len() as u64, show_progress);
    let dataset = output::Dataset::create(pipeline, Arc::clone(&pool))?;
    let (dataset, mut report) = if pipeline.threads == 1 {
        // One thread means one: each document is parsed, then written.
        let parsed = pipeline.inputs.iter().map(|input| Chunk {
            parser: None,
            documents: vec![process(&input, &shared)],
        });
        write_documents(parsed, dataset, pipeline, &progress, drop)?
    } else {
        write_in_parallel(&shared, &pool, dataset, &progress)?
    };
    if report.documents != pipeline.inputs.len() {
        anyhow::bail!(
            "internal error: {} of {} documents reached the write stage; the previous dataset is kept",
            report.documents,
            pipeline.inputs.len()
        );
    }
    dataset.commit()?;
    progress.finish_and_clear();
    if let Some(cache) = shared.cache {
        report.cached = Some(cache.hits());
        if let Some(warning) = cache.finish()? {
            eprintln!("etl: warning: {warning}");
        }
    }
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

/// What the processing of every document shares, built once per run.
pub struct Shared<'a> {
    pub pipeline: &'a Pipeline,
    pub grammar: Grammar,
    /// Body names from the GetMeetings / GetCommittees inputs.
    pub directory: Directory,
    pub cache: Option<cache::Cache>,
}

impl<'a> Shared<'a> {
    pub fn new(pipeline: &'a Pipeline) -> Shared<'a> {
        Shared {
            pipeline,
            grammar: Grammar::new(&pipeline.parse),
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
    let bytes = match read_bounded(&input.path, shared.pipeline.max_document_bytes) {
        Ok(bytes) => bytes,
        Err((size, reason)) => {
            return rendered(Document::rejected(path, size, String::new(), reason));
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

/// A whole input file, its path looked up once, not for a stat and again
/// to read (B100's 77 000 small pages spend ~5 % of a run in the kernel's
/// path lookups, stat, open and read). Never more than `limit` bytes are
/// read, so a file that grows while it is read is cut off and rejected,
/// not read without end. Err is (size, reason).
fn read_bounded(path: &std::path::Path, limit: u64) -> Result<Vec<u8>, (u64, String)> {
    use std::io::Read;
    let unreadable = |e: std::io::Error| (0, format!("cannot read file: {e}"));
    let over = |size: u64, at_least: &str| {
        let reason =
            format!("file is {at_least}{size} bytes, over [read] max_document_bytes = {limit}");
        (size, reason)
    };
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let size = file.metadata().map_err(unreadable)?.len();
    if size > limit {
        return Err(over(size, ""));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    match bytes.len() as u64 {
        read if read > limit => Err(over(read, "at least ")),
        _ => Ok(bytes),
    }
}

/// The stages after reading, on bytes already in memory.
pub fn process_bytes(path: String, bytes: &[u8], sha256: String, shared: &Shared) -> Document {
    let size = bytes.len() as u64;
    let decoded = match stages::read::decode(bytes) {
        Ok(decoded) => decoded,
        Err(reason) => return Document::rejected(path, size, sha256, reason),
    };
    let mut warnings = decoded.warnings;
    let (page_type, meetings) = match extract(&decoded.text, shared, &mut warnings) {
        Ok(extracted) => extracted,
        Err(reason) => return Document::rejected(path, size, sha256, reason),
    };
    if page_type == PageType::Other && !warnings.iter().any(|w| w.code == "unrecognised_page") {
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
        meetings,
    };
    let pipeline = shared.pipeline;
    for meeting in &mut doc.meetings {
        stages::enrich::enrich(meeting, &pipeline.council, &pipeline.enrich);
    }
    model::assign_ids(&mut doc, &pipeline.council.identifier);
    doc
}

/// The input format, told by content: web-service XML, a saved HTML page
/// or a text page. Err is a reason to reject the document.
fn extract(
    text: &str,
    shared: &Shared,
    warnings: &mut Vec<Warning>,
) -> Result<(PageType, Vec<model::Meeting>), String> {
    let bullets = &shared.pipeline.bullets;
    if let Some(response) = moderngov::response(text) {
        let cx = moderngov::Context {
            grammar: &shared.grammar,
            directory: &shared.directory,
            bullets,
            party_and_ward: shared.pipeline.attendee_party_and_ward,
        };
        return match response {
            Err(message) => {
                warnings.push(Warning {
                    line: None,
                    code: "unrecognised_page",
                    message,
                });
                Ok((PageType::Other, Vec::new()))
            }
            Ok(moderngov::Response::Meeting) => {
                let (meeting, found) = moderngov::meeting(text, &cx)?;
                warnings.extend(found);
                Ok((PageType::Meeting, vec![meeting]))
            }
            Ok(_) => moderngov::listing(text).map(|()| (PageType::Listing, Vec::new())),
        };
    }
    if html::looks_like_html(text) {
        let rendered = html::render(text);
        let mut cleaned = stages::clean::clean(&rendered.text, bullets);
        cleaned.relocate(&rendered.source_lines);
        let (page_type, mut meetings) = parse_text(&cleaned, shared, warnings);
        if matches!(page_type, PageType::Other | PageType::Issue)
            && html::lists_decisions(&rendered)
        {
            warnings.retain(|w| w.code == "personal_data_removed");
            return Ok((PageType::Listing, Vec::new()));
        }
        let base_url = shared.pipeline.council.base_url.as_deref();
        html::link_attachments(&mut meetings, &rendered, base_url);
        return Ok((page_type, meetings));
    }
    let cleaned = stages::clean::clean(text, bullets);
    Ok(parse_text(&cleaned, shared, warnings))
}

fn parse_text(
    cleaned: &stages::clean::Cleaned,
    shared: &Shared,
    warnings: &mut Vec<Warning>,
) -> (PageType, Vec<model::Meeting>) {
    warnings.extend(cleaned.redaction_warnings());
    let parsed = stages::parse::parse(cleaned, &shared.grammar);
    warnings.extend(parsed.warnings);
    (parsed.page_type.unwrap_or(PageType::Other), parsed.meetings)
}

/// Documents are parsed on the pool and written, in input order, by one
/// writer thread. At most `[run] batch_size` documents are in flight
/// (being parsed, or parsed and waiting for an earlier one to be written):
/// memory stays bounded, and there is no barrier at which a parser waits
/// for the slowest document of a batch or for the writer to catch up.
/// Documents go to the parsers in chunks of up to a sixteenth of that, so
/// that threads are not woken for every document.
///
/// A written chunk is freed by the parser that made it, at the start of
/// that parser's next chunk: glibc gives each thread an arena, and a free
/// from another thread takes that arena's lock. With the writer freeing
/// the parsers' documents (and two arenas) the parsers waited on a lock
/// 2 000-27 000 times a run on A100; now about 20.
fn write_in_parallel(
    shared: &Shared,
    pool: &rayon::ThreadPool,
    dataset: output::Dataset,
    progress: &ProgressBar,
) -> Result<(output::Dataset, Report)> {
    let pipeline = shared.pipeline;
    let chunk = pipeline.batch_size.div_ceil(16);
    let chunks_in_flight = pipeline.batch_size.div_ceil(chunk);
    let (parsed_tx, parsed_rx) = mpsc::channel();
    // One token per free place in the window; the writer hands one back
    // for each chunk it has written.
    let (free_tx, free_rx) = mpsc::sync_channel(chunks_in_flight);
    for _ in 0..chunks_in_flight {
        free_tx.send(()).expect("the receiver is alive");
    }
    let written: Vec<Mutex<Vec<Vec<Parsed>>>> = (0..pool.current_num_threads())
        .map(|_| Mutex::default())
        .collect();
    // Owns `free_tx`: when the writer stops, on an error too, so do the
    // tokens, and the main thread stops handing out chunks.
    let bury = {
        let written = &written;
        move |chunk: Chunk| {
            if let Some(parser) = chunk.parser {
                lock(&written[parser]).push(chunk.documents);
            }
            // Fails only when the main thread has handed out every chunk.
            let _ = free_tx.try_send(());
        }
    };
    std::thread::scope(|scope| {
        let writer = scope.spawn(|| {
            let chunks = InOrder {
                parsed: parsed_rx,
                waiting: BTreeMap::new(),
                next: 0,
            };
            write_documents(chunks, dataset, pipeline, progress, bury)
        });
        pool.in_place_scope(|jobs| {
            let inputs = &pipeline.inputs;
            for (index, start) in (0..inputs.len()).step_by(chunk).enumerate() {
                if free_rx.recv().is_err() {
                    break; // the writer failed; its error is reported below
                }
                let parsed_tx = parsed_tx.clone();
                let written = &written;
                jobs.spawn(move |_| {
                    let parser = rayon::current_thread_index();
                    if let Some(parser) = parser {
                        drop(std::mem::take(&mut *lock(&written[parser])));
                    }
                    let end = (start + chunk).min(inputs.len());
                    let documents = (start..end)
                        .map(|i| process(&inputs.get(i), shared))
                        .collect();
                    // A send fails only once the writer has failed.
                    let _ = parsed_tx.send((index, Chunk { parser, documents }));
                });
            }
        });
        drop(parsed_tx);
        writer.join().expect("the writer thread does not panic")
    })
}

/// A mutex's guard, also after a holder panicked: the data behind the
/// crate's mutexes (lists, sets, a first error) is whole after every step.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

type Parsed = (Document, Fragment);

/// Parsed documents of consecutive inputs, and the pool thread that parsed
/// them (which frees them).
struct Chunk {
    parser: Option<usize>,
    documents: Vec<Parsed>,
}

/// Chunks, which arrive in any order, put back in input order.
struct InOrder {
    parsed: mpsc::Receiver<(usize, Chunk)>,
    waiting: BTreeMap<usize, Chunk>,
    next: usize,
}

impl Iterator for InOrder {
    type Item = Chunk;

    fn next(&mut self) -> Option<Chunk> {
        loop {
            if let Some(chunk) = self.waiting.remove(&self.next) {
                self.next += 1;
                return Some(chunk);
            }
            let (index, chunk) = self.parsed.recv().ok()?;
            self.waiting.insert(index, chunk);
        }
    }
}

/// The write stage: documents in input order into the dataset; each chunk,
/// once written, goes to `bury`.
fn write_documents(
    chunks: impl Iterator<Item = Chunk>,
    mut dataset: output::Dataset,
    pipeline: &Pipeline,
    progress: &ProgressBar,
    mut bury: impl FnMut(Chunk),
) -> Result<(output::Dataset, Report)> {
    let mut report = Report::default();
    let mut seen = Seen::default();
    for mut chunk in chunks {
        for (doc, graph) in &mut chunk.documents {
            let input = report.documents;
            if let Some(first) = seen.first_copy(doc, input) {
                let first = pipeline.inputs.get(first).display();
                mark_duplicate(doc, &first);
                *graph = jsonld::fragment(doc);
            }
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
            dataset.append(doc, graph)?;
            progress.inc(1);
        }
        bury(chunk);
    }
    Ok((dataset, report))
}

/// The documents met so far, by content: the first 64 bits of each
/// SHA-256 (as many as a `doc_id` holds) and its input index. Most sit in
/// two sorted vectors, 12 bytes a document; the latest in a small map,
/// merged in once it holds an eighth as many. A map of them all took 21
/// bytes a bucket at a power-of-two bucket count: 22 MB at 491 000
/// documents, about 88 MB at 2 million.
#[derive(Default)]
struct Seen {
    keys: Vec<u64>,
    firsts: Vec<u32>,
    recent: HashMap<u64, u32>,
}

impl Seen {
    /// The input index of an earlier document with the same bytes.
    fn first_copy(&mut self, doc: &Document, input: usize) -> Option<usize> {
        if doc.status == ParseStatus::Rejected {
            return None;
        }
        let key = u64::from_str_radix(doc.sha256.get(..16)?, 16).ok()?;
        if let Ok(at) = self.keys.binary_search(&key) {
            return Some(self.firsts[at] as usize);
        }
        if let Some(first) = self.recent.get(&key) {
            return Some(*first as usize);
        }
        let input = u32::try_from(input).expect("fewer than 2^32 inputs");
        self.recent.insert(key, input);
        if self.recent.len() >= (self.keys.len() / 8).max(4096) {
            self.merge();
        }
        None
    }

    /// Moves the map's entries into the sorted vectors, merging from the
    /// back so that nothing is copied twice. Keys are never in both.
    fn merge(&mut self) {
        let mut recent: Vec<(u64, u32)> = self.recent.drain().collect();
        recent.sort_unstable();
        let mut old = self.keys.len();
        self.keys.reserve_exact(recent.len());
        self.firsts.reserve_exact(recent.len());
        self.keys.resize(old + recent.len(), 0);
        self.firsts.resize(old + recent.len(), 0);
        // Entries left to place: `old` of the vectors' and all of `recent`;
        // once `recent` is empty the old ones are where they belong.
        while let Some(&(key, first)) = recent.last() {
            let slot = old + recent.len() - 1;
            if old > 0 && self.keys[old - 1] > key {
                old -= 1;
                self.keys[slot] = self.keys[old];
                self.firsts[slot] = self.firsts[old];
            } else {
                self.keys[slot] = key;
                self.firsts[slot] = first;
                recent.pop();
            }
        }
    }
}

/// A second copy of the same bytes is reported, not counted twice: it
/// becomes a rejected document that names the first.
fn mark_duplicate(doc: &mut Document, first: &str) {
    doc.doc_id = model::stable_id(&["doc", &doc.sha256, &doc.path]);
    doc.status = ParseStatus::Rejected;
    doc.reason = Some(format!("duplicate of {first} (same SHA-256)"));
    doc.meetings.clear();
    doc.warnings.clear();
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

#[cfg(test)]
mod tests {
    use super::*;

    fn chunk(paths: &[&str]) -> Chunk {
        let documents = paths
            .iter()
            .map(|p| {
                let doc = Document::rejected(p.to_string(), 0, String::new(), String::new());
                (doc, Fragment::default())
            })
            .collect();
        Chunk {
            parser: None,
            documents,
        }
    }

    /// Against a plain map, over enough documents for several merges, with
    /// copies of documents from before and after each merge.
    #[test]
    fn seen_finds_every_earlier_copy_and_only_those() {
        let mut seen = Seen::default();
        let mut plain: HashMap<u64, usize> = HashMap::new();
        let mut merges = 0;
        for input in 0..40_000usize {
            // Content 0..30 000, then copies of every third of it.
            let content = if input < 30_000 {
                input
            } else {
                (input - 30_000) * 3
            };
            let sha256 = model::hex(&Sha256::digest(content.to_le_bytes()));
            let key = u64::from_str_radix(&sha256[..16], 16).unwrap();
            let mut doc = Document::rejected(String::new(), 1, sha256, String::new());
            doc.status = ParseStatus::Parsed;
            let before = seen.keys.len();
            let expected = match plain.entry(key) {
                std::collections::hash_map::Entry::Occupied(first) => Some(*first.get()),
                std::collections::hash_map::Entry::Vacant(slot) => {
                    slot.insert(input);
                    None
                }
            };
            assert_eq!(seen.first_copy(&doc, input), expected, "input {input}");
            merges += usize::from(seen.keys.len() > before);
        }
        assert!(merges >= 4, "{merges} merges");
        assert!(seen.keys.is_sorted());
        assert_eq!(seen.keys.len() + seen.recent.len(), 30_000);
    }

    #[test]
    fn a_rejected_document_is_never_a_copy() {
        let mut seen = Seen::default();
        let doc = Document::rejected(String::new(), 1, "ab".repeat(32), String::new());
        assert_eq!(seen.first_copy(&doc, 0), None);
        assert_eq!(seen.first_copy(&doc, 1), None);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_file_that_reads_on_past_its_size_is_cut_off_at_the_limit() {
        // /dev/zero says it holds 0 bytes and never ends.
        let (size, reason) = read_bounded(std::path::Path::new("/dev/zero"), 10).unwrap_err();
        assert_eq!(size, 11);
        assert_eq!(
            reason,
            "file is at least 11 bytes, over [read] max_document_bytes = 10"
        );
    }

    #[test]
    fn chunks_come_out_in_input_order_whatever_order_they_arrive_in() {
        let (sender, parsed) = mpsc::channel();
        for (index, paths) in [
            (2, &["e"][..]),
            (0, &["a", "b"]),
            (3, &[]),
            (1, &["c", "d"]),
        ] {
            sender.send((index, chunk(paths))).unwrap();
        }
        drop(sender);
        let in_order = InOrder {
            parsed,
            waiting: BTreeMap::new(),
            next: 0,
        };
        let paths: Vec<String> = in_order
            .flat_map(|c| c.documents)
            .map(|(doc, _)| doc.path)
            .collect();
        assert_eq!(paths, ["a", "b", "c", "d", "e"]);
    }

    #[test]
    fn a_missing_chunk_ends_the_documents_where_it_was() {
        let (sender, parsed) = mpsc::channel();
        sender.send((1, chunk(&["b"]))).unwrap();
        drop(sender);
        let mut in_order = InOrder {
            parsed,
            waiting: BTreeMap::new(),
            next: 0,
        };
        assert!(in_order.next().is_none(), "chunk 1 is not written before 0");
    }
}
