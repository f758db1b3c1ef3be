//! `etl`: the command line. Thin by design; the library does the work.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use council_etl::config::{Overrides, Pipeline};

/// Turn ModernGov council meeting pages into open data: typed Parquet
/// tables of meetings, agenda items, decisions and their clauses.
#[derive(Parser)]
#[command(name = "etl", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the pipeline: read the inputs, parse them, write the dataset.
    ///
    /// The dataset is assembled beside the output directory and swapped in
    /// only when complete. Exit status: 0 when at most [run] max_rejected
    /// documents (default 0) were rejected, 1 when more were (the dataset is
    /// still written; see source_documents.reason), 2 for configuration or
    /// I/O errors (nothing is written).
    Run {
        /// The pipeline configuration (see docs/pipeline.md: pipeline.toml reference).
        config: PathBuf,
        #[command(flatten)]
        overrides: OverrideArgs,
        /// Output directory, instead of [write] out_dir. With --format
        /// delta it may be object storage: s3://bucket/prefix, gs://…,
        /// az://… (credentials, endpoint and region from the usual
        /// environment variables: AWS_ENDPOINT_URL, AWS_REGION,
        /// AWS_ALLOW_HTTP, …).
        #[arg(long, value_name = "DIR_OR_URL")]
        out: Option<PathBuf>,
        /// Output format, instead of [write] format: "files" (single
        /// Parquet files, swapped in whole) or "delta" (Delta Lake tables
        /// partitioned by council_id; a run replaces its council's
        /// partition in one commit per table, other councils untouched).
        #[arg(long, value_name = "FORMAT")]
        format: Option<String>,
        /// Take a deterministic share of the inputs (K from 1 to N) and
        /// commit it to the Delta tables: N workers on N machines split one
        /// job, and their parts together are the whole run's rows (people
        /// and matters, which need every document, are linked only by a
        /// whole run). Needs --format delta.
        #[arg(long, value_name = "K/N")]
        shard: Option<council_etl::config::Shard>,
        /// Worker threads, instead of [run] threads (0 = one per core; 1 =
        /// everything on one thread, writing included).
        #[arg(long, value_name = "N")]
        threads: Option<usize>,
        /// No progress bar and no summary line.
        #[arg(long, short)]
        quiet: bool,
        /// Re-parse only new and changed documents; others come from a
        /// cache beside the output (.<out>.etl-cache), keyed by content and
        /// settings. The output is byte-identical to a full run.
        #[arg(long)]
        incremental: bool,
        /// When another run is writing the same output (it holds
        /// .<out>.lock beside it), wait for it to finish instead of
        /// failing with exit status 2.
        #[arg(long)]
        wait: bool,
    },
    /// After a sharded job: link people and matters over all its shards.
    ///
    /// Each `etl run --shard K/N` commits its documents' rows, and leaves
    /// beside the tables what the link stage needs from them (names,
    /// dates, decisions' titles and references). Run `etl link` once all N
    /// shards have committed, with the same configuration and inputs: it
    /// writes people, person_roles, matters and matter_steps, and each
    /// decision's matter_id, so that the dataset holds what one whole run
    /// would. Exit status 2 if a shard has not committed yet.
    Link {
        /// The pipeline configuration the shards ran with.
        config: PathBuf,
        /// N, the job's shard count.
        #[arg(long, value_name = "N")]
        shards: u32,
        /// The Delta dataset, instead of [write] out_dir.
        #[arg(long, value_name = "DIR_OR_URL")]
        out: Option<PathBuf>,
        #[command(flatten)]
        overrides: OverrideArgs,
    },
    /// Check a configuration and list the inputs it matches; writes nothing.
    ///
    /// Every problem is reported at once, as FILE:LINE:COLUMN: message.
    Validate {
        config: PathBuf,
        #[command(flatten)]
        overrides: OverrideArgs,
    },
    /// Download a council's meetings from its ModernGov web service into an
    /// archive directory that `etl run` reads (set [read] inputs to it).
    ///
    /// Fetches GetCommittees, GetMeetings for each committee in the date
    /// range, then GetMeeting for each meeting in the range. Polite: one
    /// request at a time, at most --rate per second, a User-Agent naming
    /// the tool, retries with backoff on 5xx and timeouts only. Run it
    /// again to resume or to update: archived responses are revalidated
    /// (ETag / Last-Modified) and downloaded again only if changed. Every
    /// response is journalled with its URL and fetch time in
    /// DIR/.harvest/journal.jsonl. Exit status 1 if any request failed.
    Harvest {
        /// The site root, e.g. https://democracy.example.gov.uk
        #[arg(long, value_name = "URL")]
        site: String,
        /// First meeting date, YYYY-MM-DD.
        #[arg(long, value_name = "DATE")]
        from: chrono::NaiveDate,
        /// Last meeting date, YYYY-MM-DD.
        #[arg(long, value_name = "DATE")]
        to: chrono::NaiveDate,
        /// The archive directory.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Requests per second, at most.
        #[arg(long, default_value_t = 1.0, value_name = "N")]
        rate: f64,
        /// Seconds before a request is abandoned (and retried).
        #[arg(long, default_value_t = 30.0, value_name = "SECONDS")]
        timeout: f64,
        /// Further attempts after a 5xx response or a timeout.
        #[arg(long, default_value_t = 3, value_name = "N")]
        retries: u32,
        /// Seconds before the first retry; doubled for each next one.
        #[arg(long, default_value_t = 2.0, value_name = "SECONDS")]
        backoff: f64,
    },
    /// Print the dataset's tables, keys and columns with their types and
    /// meanings, as Markdown (this is docs/schema.md).
    Schema,
    /// Make a scale corpus for benchmarks from real text pages.
    ///
    /// Each document reuses the skeleton of a page in --from (headings,
    /// numbers, labels, resolutions) with its prose regenerated from a
    /// Markov chain over the real pages' prose, minute numbers renumbered
    /// and years shifted, so it parses and compresses like real minutes.
    /// Deterministic for the same pages, size and seed. Written as
    /// OUT/0000/0000000.txt, 1000 documents per directory.
    Synth {
        /// Pages whose skeletons are reused (*.txt).
        #[arg(long, value_name = "DIR")]
        from: PathBuf,
        /// More real pages to learn prose from (*.txt).
        #[arg(long, value_name = "DIR")]
        prose: Option<PathBuf>,
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Size of the corpus in MB (10^6 bytes).
        #[arg(long, value_name = "MB")]
        mb: f64,
        #[arg(long, default_value_t = 7)]
        seed: u64,
    },
}

#[derive(clap::Args)]
struct OverrideArgs {
    /// Input file, directory or glob, instead of [read] inputs (repeatable).
    #[arg(long = "input", value_name = "PATH_OR_GLOB")]
    inputs: Vec<String>,
}

/// glibc's malloc raises its mmap threshold each time a large block is
/// freed, after which the tables' large buffers come from the heap and
/// fragment it: peak RSS then grew with the corpus (A at 1 GB: 224 MiB
/// against 121 MiB at 100 MB). The threshold is fixed instead (measured in
/// docs/performance.md). Arenas stay glibc's default, one per thread here: the run
/// frees each document on the thread that made it (see `council_etl::run`),
/// and threads sharing an arena wait on its lock (A100 with two arenas:
/// 2 000-27 000 waits a run; with one per thread, about 20).
fn bound_malloc_growth() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes allocator tuning; it is called before
    // any other thread exists.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 << 10);
    }
}

fn main() -> ExitCode {
    bound_malloc_growth();
    let cli = Cli::parse();
    match cli.command {
        Command::Schema => {
            print!("{}", council_etl::stages::write::tables::markdown());
            ExitCode::SUCCESS
        }
        Command::Synth {
            from,
            prose,
            out,
            mb,
            seed,
        } => {
            let options = council_etl::synth::Options {
                skeletons: from,
                prose,
                out,
                bytes: (mb.max(0.0) * 1e6) as u64,
                seed,
            };
            match council_etl::synth::synth(&options) {
                Ok(w) => {
                    eprintln!(
                        "{} documents, {:.1} MB in {}",
                        w.documents,
                        w.bytes as f64 / 1e6,
                        options.out.display()
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("etl: error: {e:#}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Harvest {
            site,
            from,
            to,
            out,
            rate,
            timeout,
            retries,
            backoff,
        } => {
            let finite = [rate, timeout, backoff].iter().all(|v| v.is_finite());
            if !(finite && rate > 0.0 && timeout > 0.0 && backoff >= 0.0) || from > to {
                eprintln!(
                    "etl: --rate and --timeout must be finite and above 0, --backoff finite and not negative, --from not after --to"
                );
                return ExitCode::from(2);
            }
            let options = council_etl::harvest::Options {
                site,
                from,
                to,
                out,
                rate,
                timeout: std::time::Duration::from_secs_f64(timeout),
                retries,
                backoff: std::time::Duration::from_secs_f64(backoff),
            };
            match council_etl::harvest::harvest(&options) {
                Ok(summary) => {
                    eprintln!("{summary}; archive in {}", options.out.display());
                    for (url, why) in &summary.failed {
                        eprintln!("etl: failed: {url}: {why}");
                    }
                    if summary.failed.is_empty() {
                        ExitCode::SUCCESS
                    } else {
                        ExitCode::from(1)
                    }
                }
                Err(e) => {
                    eprintln!("etl: error: {e:#}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Link {
            config,
            shards,
            out,
            overrides,
        } => {
            let overrides = Overrides {
                inputs: overrides.inputs,
                out_dir: out,
                format: Some("delta".into()),
                ..Default::default()
            };
            let pipelines = match Pipeline::load_all(&config, &overrides) {
                Ok(p) => p,
                Err(errors) => return config_failure(&errors),
            };
            for pipeline in &pipelines {
                let id = &pipeline.council.identifier;
                match council_etl::run::link(pipeline, shards) {
                    Ok((people, matters)) => eprintln!(
                        "{id}: linked {shards} shards: {people} people, {matters} matters; wrote {}",
                        pipeline.write.place()
                    ),
                    Err(e) => {
                        eprintln!("etl: error: {e:#}");
                        return ExitCode::from(2);
                    }
                }
            }
            ExitCode::SUCCESS
        }
        Command::Validate { config, overrides } => {
            let overrides = Overrides {
                inputs: overrides.inputs,
                ..Default::default()
            };
            match Pipeline::load_all(&config, &overrides) {
                Ok(pipelines) => {
                    for pipeline in &pipelines {
                        for input in pipeline.inputs.iter() {
                            println!("{}", input.display());
                        }
                        eprintln!(
                            "{}: valid; {}: {} input files; output to {}",
                            config.display(),
                            pipeline.council.identifier,
                            pipeline.inputs.len(),
                            pipeline.write.place()
                        );
                    }
                    ExitCode::SUCCESS
                }
                Err(errors) => config_failure(&errors),
            }
        }
        Command::Run {
            config,
            overrides,
            out,
            format,
            shard,
            threads,
            quiet,
            incremental,
            wait,
        } => {
            let overrides = Overrides {
                inputs: overrides.inputs,
                out_dir: out,
                threads,
                format,
                shard,
            };
            let pipelines = match Pipeline::load_all(&config, &overrides) {
                Ok(p) => p,
                Err(errors) => return config_failure(&errors),
            };
            let interrupt = match council_etl::run::Interrupt::install() {
                Ok(interrupt) => interrupt,
                Err(e) => {
                    eprintln!("etl: error: {e:#}");
                    return ExitCode::from(2);
                }
            };
            let options = council_etl::run::Options {
                progress: !quiet,
                incremental,
                wait,
                interrupt,
            };
            // Council after council, each committed before the next starts:
            // the status is the worst of their runs.
            let mut status = 0;
            for pipeline in &pipelines {
                status = status.max(run_council(pipeline, &options, quiet));
                if status == 2 || status > 128 {
                    break;
                }
            }
            ExitCode::from(status)
        }
    }
}

/// One council's run, with its summary; the exit status it asks for.
fn run_council(pipeline: &Pipeline, options: &council_etl::run::Options, quiet: bool) -> u8 {
    match council_etl::run::run(pipeline, options) {
        Ok(report) => {
            if !quiet {
                let iris = if pipeline.council.base_iri.starts_with("urn:") {
                    " (IRIs are urn: names: set [publish] base_iri to where the files will be served)"
                } else {
                    ""
                };
                let out = pipeline.write.place();
                let council = &pipeline.council.identifier;
                eprintln!("{council}: {report}; wrote {out}{iris}");
            }
            if report.rejected > 0 {
                eprintln!(
                    "etl: {} documents rejected ([run] max_rejected = {}); see source_documents.parquet (reason)",
                    report.rejected, pipeline.max_rejected
                );
            }
            u8::from(report.rejected > pipeline.max_rejected)
        }
        Err(e) => {
            let out = pipeline.write.place();
            if let Some(stop) = e.downcast_ref::<council_etl::run::Interrupted>() {
                eprintln!(
                    "etl: {stop}; nothing written, the previous dataset in {out}, if any, is unchanged"
                );
                return 128 + stop.0 as u8;
            }
            eprintln!("etl: error: {e:#}");
            eprintln!("etl: the previous dataset in {out}, if any, was left in place");
            2
        }
    }
}

fn config_failure(errors: &council_etl::config::ConfigErrors) -> ExitCode {
    for e in &errors.0 {
        eprintln!("error: {e}");
    }
    eprintln!(
        "etl: {} configuration error(s); nothing was written",
        errors.0.len()
    );
    ExitCode::from(2)
}
