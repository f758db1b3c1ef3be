//! The run: documents scheduled over the stages on rayon and written in
//! input order by one writer thread, with progress and a summary.

pub mod cache;
mod document;
mod interrupt;
mod lock;
mod report;
mod seen;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, mpsc};
use std::time::Instant;

use anyhow::{Context, Result};
use indicatif::ProgressBar;

use crate::config::Pipeline;
use crate::model::{Document, ParseStatus, lock};
use crate::stages::write::Dataset;
use crate::stages::write::jsonld::{self, Fragment};
use report::progress_bar;
use seen::{Seen, mark_duplicate};

pub use document::{Shared, process, process_bytes};
pub use interrupt::{Interrupt, Interrupted};
pub use report::Report;

/// How `etl run` was asked to run: the flags that are not configuration
/// and do not change the data.
#[derive(Debug, Default, Clone)]
pub struct Options {
    /// A progress bar on a terminal.
    pub progress: bool,
    /// Documents processed before with the same settings come from the
    /// cache (see [`cache`]); the output is the same.
    pub incremental: bool,
    /// Wait for another run writing the same output, instead of failing.
    pub wait: bool,
    /// SIGINT/SIGTERM: stop, keep the previous dataset.
    pub interrupt: Interrupt,
}

/// Runs the whole pipeline and writes the dataset, holding the output's
/// lock throughout (see [`lock`]).
pub fn run(pipeline: &Pipeline, options: &Options) -> Result<Report> {
    let _lock = lock::OutputLock::acquire(
        &pipeline.write.local_target(&pipeline.council.identifier),
        options.wait,
    )?;
    let started = Instant::now();
    let mut shared = Shared::new(pipeline);
    if options.incremental {
        shared.cache = Some(cache::Cache::open(pipeline, &shared.directory)?);
    }
    let pool = Arc::new(
        rayon::ThreadPoolBuilder::new()
            .num_threads(pipeline.threads)
            .build()
            .context("cannot start the worker threads")?,
    );
    let progress = progress_bar(pipeline.inputs.len() as u64, options.progress);
    let dataset = Dataset::create(
        &pipeline.write,
        &pipeline.council,
        pipeline.threads == 1,
        Arc::clone(&pool),
    )?;
    let interrupt = &options.interrupt;
    let (dataset, mut report) = if pipeline.threads == 1 {
        // One thread means one: each document is parsed, then written.
        let parsed = pipeline.inputs.iter().map(|input| Chunk {
            parser: None,
            documents: vec![process(&input, &shared)],
        });
        write_documents(parsed, dataset, pipeline, (&progress, interrupt), drop)?
    } else {
        write_in_parallel(&shared, &pool, dataset, (&progress, interrupt))?
    };
    // Stopped by a signal before the writer saw the documents, or after.
    interrupt.check()?;
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

/// `etl link`: people and matters linked over the `count` shards of a
/// job, from the part of the link each shard left beside the tables, and
/// written into the dataset with each decision's matter. Returns how many
/// people and matters were found.
pub fn link(pipeline: &Pipeline, count: u32) -> Result<(usize, usize)> {
    use crate::config::Shard;
    use crate::stages::link::Linker;
    use crate::stages::write::delta;
    let id = &pipeline.council.identifier;
    let target = (pipeline.write.delta.as_ref())
        .context("etl link joins the shards of a Delta dataset: add --format delta")?;
    let _lock = lock::OutputLock::acquire(&pipeline.write.local_target(id), false)?;
    let (mut merged, mut missing): (Option<Linker>, Vec<String>) = (None, Vec::new());
    for index in 1..=count {
        let shard = Shard { index, count };
        let file = delta::link_part(id, shard, &pipeline.write.config_digest);
        let Some(bytes) = delta::fetch(target, &file)? else {
            missing.push(shard.to_string());
            continue;
        };
        let part: Linker = postcard::from_bytes(&bytes).with_context(|| {
            format!(
                "{file} in {} is damaged: run shard {shard} again",
                target.url
            )
        })?;
        match &mut merged {
            Some(linker) => linker.merge(part),
            None => merged = Some(part),
        }
    }
    let Some(linker) = merged.filter(|_| missing.is_empty()) else {
        anyhow::bail!(
            "{id}: shards {} of {count} have not committed with this configuration and these inputs (no part of the link in {}_link/): run them, then etl link again",
            missing.join(", "),
            target.url
        );
    };
    let linked = linker.finish(id);
    crate::stages::write::delta::commit_linked(&pipeline.write, &pipeline.council, &linked)?;
    Ok((linked.people.len(), linked.matters.len()))
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
    dataset: Dataset,
    watch: Watch,
) -> Result<(Dataset, Report)> {
    let interrupt = watch.1;
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
            write_documents(chunks, dataset, pipeline, watch, bury)
        });
        pool.in_place_scope(|jobs| {
            let inputs = &pipeline.inputs;
            for (index, start) in (0..inputs.len()).step_by(chunk).enumerate() {
                if free_rx.recv().is_err() || interrupt.asked() {
                    break; // the writer failed or stops; it says why below
                }
                let parsed_tx = parsed_tx.clone();
                let written = &written;
                jobs.spawn(move |_| {
                    let parser = rayon::current_thread_index();
                    if let Some(parser) = parser {
                        drop(std::mem::take(&mut *lock(&written[parser])));
                    }
                    let end = (start + chunk).min(inputs.len());
                    // Stopped: the writer stops before this chunk's first.
                    let documents = (start..end)
                        .take_while(|_| !interrupt.asked())
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

/// What the writer reports to and listens to: the progress bar, and
/// whether to stop.
type Watch<'a> = (&'a ProgressBar, &'a Interrupt);

/// The write stage: documents in input order into the dataset; each chunk,
/// once written, goes to `bury`.
fn write_documents(
    chunks: impl Iterator<Item = Chunk>,
    mut dataset: Dataset,
    pipeline: &Pipeline,
    (progress, interrupt): Watch,
    mut bury: impl FnMut(Chunk),
) -> Result<(Dataset, Report)> {
    let mut report = Report::default();
    let mut seen = Seen::default();
    for mut chunk in chunks {
        interrupt.check()?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Document;

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
