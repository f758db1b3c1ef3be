//! `pipeline.toml`: parsed once into an immutable [`Pipeline`].
//!
//! Compiling collects every problem it finds (unknown keys, bad values,
//! inputs that match nothing) and reports them together, each with
//! `file:line:column`, so a user fixes a config in one round trip.
//! `etl validate` is exactly this step.

mod raw;
mod values;

use std::fmt;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use toml::Spanned;

use crate::model::{Council, hex};
use crate::stages::enrich::{EnrichOptions, Vocabulary};
use crate::stages::link::LinkOptions;
use crate::stages::parse::{Grammar, ParseRules};
use crate::stages::read::{Inputs, expand_input};
use crate::stages::write::delta::{self, DeltaTarget, Format};
use crate::stages::write::{Contact, Publication, WriteOptions};
use raw::{Councils, deserialize, key_span, line_col, unknown_key_message};
use values::{base_iri, bounded, data_theme, input_root, language, lexical_absolute, licence};

/// One problem in the configuration, pointing at where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub file: String,
    /// 1-based line and column; `None` when the problem has no place
    /// (a missing required key, a command-line override).
    pub position: Option<(usize, usize)>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some((line, col)) => write!(f, "{}:{line}:{col}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// All the problems found in one configuration.
#[derive(Debug)]
pub struct ConfigErrors(pub Vec<ConfigError>);

impl fmt::Display for ConfigErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ConfigErrors {}

/// The validated, immutable pipeline every stage reads from.
#[derive(Debug, Clone)]
pub struct Pipeline {
    pub council: Council,
    /// 0 means one per core.
    pub threads: usize,
    pub batch_size: usize,
    pub inputs: Inputs,
    pub max_document_bytes: u64,
    /// Keep attendees' political party and ward from the web service.
    pub attendee_party_and_ward: bool,
    /// Rejected documents tolerated before the run exits with status 1.
    pub max_rejected: usize,
    pub bullets: Vec<String>,
    /// `[parse]`'s vocabulary, compiled.
    pub grammar: Grammar,
    pub enrich: EnrichOptions,
    /// `[write]`, with the SHA-256 of the configuration text and inputs,
    /// stored in the output metadata so a dataset says which
    /// configuration produced it.
    pub write: WriteOptions,
    /// SHA-256 of the configuration text alone: part of the incremental
    /// cache key (inputs and output place do not change a document's rows).
    pub settings_digest: String,
}

/// Command-line settings that take precedence over the file.
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    pub inputs: Vec<String>,
    pub out_dir: Option<PathBuf>,
    pub threads: Option<usize>,
    /// `--format`: "files" or "delta".
    pub format: Option<String>,
    /// `--shard K/N`.
    pub shard: Option<Shard>,
}

/// `--shard K/N`: worker K of N takes the inputs whose path (relative to
/// the configuration's directory) hashes to K, so N workers that see the
/// same files split them the same way whatever order they list them in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// 1-based.
    pub index: u32,
    pub count: u32,
}

impl std::str::FromStr for Shard {
    type Err = String;

    fn from_str(text: &str) -> Result<Shard, String> {
        let bad = || format!("--shard takes K/N with 1 <= K <= N (e.g. 2/8), got {text:?}");
        let (k, n) = text.split_once('/').ok_or_else(bad)?;
        let (index, count) = (
            k.trim().parse().map_err(|_| bad())?,
            n.trim().parse().map_err(|_| bad())?,
        );
        if index == 0 || index > count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

impl Shard {
    /// Whether this shard takes the input at `path`.
    pub fn takes(self, path: &Path, base: &Path) -> bool {
        let key = path.strip_prefix(base).unwrap_or(path);
        let digest = Sha256::digest(key.as_os_str().as_encoded_bytes());
        let hash = u64::from_be_bytes(digest[..8].try_into().expect("8 bytes"));
        hash % u64::from(self.count) == u64::from(self.index - 1)
    }
}

impl Pipeline {
    /// Reads and compiles a configuration file: the pipeline of its
    /// (first) council.
    pub fn load(path: &Path, overrides: &Overrides) -> Result<Pipeline, ConfigErrors> {
        let (text, file, base) = read(path)?;
        Pipeline::compile(&text, &file, base, overrides)
    }

    /// Reads and compiles a configuration file: one pipeline per council
    /// (one, or each `[[council]]` in order).
    pub fn load_all(path: &Path, overrides: &Overrides) -> Result<Vec<Pipeline>, ConfigErrors> {
        let (text, file, base) = read(path)?;
        Pipeline::compile_all(&text, &file, base, overrides)
    }

    /// Compiles configuration text into one pipeline per council. Every
    /// problem is reported once, whichever councils it concerns.
    pub fn compile_all(
        text: &str,
        file: &str,
        base: &Path,
        overrides: &Overrides,
    ) -> Result<Vec<Pipeline>, ConfigErrors> {
        let (mut pipelines, mut errors) = (Vec::new(), Vec::<ConfigError>::new());
        let mut count = 1;
        let mut which = 0;
        while which < count {
            match Pipeline::compile_council(text, file, base, overrides, which) {
                Ok((pipeline, councils)) => {
                    pipelines.push(pipeline);
                    count = councils;
                }
                Err(found) => {
                    for e in found.0 {
                        if !errors.contains(&e) {
                            errors.push(e);
                        }
                    }
                    if which == 0 {
                        // Counted from the text alone: a broken council
                        // does not hide the others' problems.
                        count = council_count(text);
                    }
                }
            }
            which += 1;
        }
        if errors.is_empty() {
            Ok(pipelines)
        } else {
            Err(ConfigErrors(errors))
        }
    }

    /// Compiles configuration text: the pipeline of its (first) council.
    pub fn compile(
        text: &str,
        file: &str,
        base: &Path,
        overrides: &Overrides,
    ) -> Result<Pipeline, ConfigErrors> {
        Pipeline::compile_council(text, file, base, overrides, 0).map(|(pipeline, _)| pipeline)
    }

    /// Compiles configuration text. Relative paths in the file are resolved
    /// against `base` (the file's directory); overrides against the
    /// working directory, as a shell user expects.
    /// The pipeline of council `which`, and how many councils there are.
    fn compile_council(
        text: &str,
        file: &str,
        base: &Path,
        overrides: &Overrides,
        which: usize,
    ) -> Result<(Pipeline, usize), ConfigErrors> {
        let mut errors = Vec::new();
        let at = |span: std::ops::Range<usize>, message: String| ConfigError {
            file: file.to_string(),
            position: (span.end > 0).then(|| line_col(text, span.start)),
            message,
        };

        let (raw, unknown) = deserialize(text, file, &mut errors)?;
        for key in unknown {
            let span = key_span(text, &key).unwrap_or(0..0);
            errors.push(at(span, unknown_key_message(&key)));
        }

        // `[[council]]`: this run's council, with its own inputs.
        let (c, council_count) = match raw.council {
            Councils::One(c) => {
                if let Some(first) = c.inputs.first() {
                    errors.push(at(
                        first.span(),
                        "[council] inputs: one council's inputs are [read] inputs; several councils are [[council]] tables, each with its inputs".into(),
                    ));
                }
                (c, 1)
            }
            Councils::Many(mut list) => {
                let count = list.len();
                if count == 0 || which >= count {
                    errors.push(at(0..0, "[[council]] lists no council".into()));
                    return Err(ConfigErrors(errors));
                }
                let identifiers: Vec<String> = list
                    .iter()
                    .map(|c| c.identifier.trim().to_string())
                    .collect();
                let c = list.swap_remove(which);
                let who = c.identifier.trim().to_string();
                if identifiers.iter().filter(|i| **i == who).count() > 1 {
                    errors.push(at(
                        0..0,
                        format!("[[council]] identifier {who:?} is listed twice: identifiers name partitions and are part of every ID"),
                    ));
                }
                if c.inputs.is_empty() {
                    errors.push(at(
                        0..0,
                        format!("[[council]] {who:?}: inputs is required: its list of files, directories or globs"),
                    ));
                }
                if let Some(first) = raw.read.inputs.first() {
                    errors.push(at(
                        first.span(),
                        "[read] inputs: with [[council]] tables, each council lists its own inputs"
                            .into(),
                    ));
                }
                if !overrides.inputs.is_empty() {
                    errors.push(ConfigError {
                        file: "--input".into(),
                        position: None,
                        message:
                            "--input: with [[council]] tables, each council lists its own inputs"
                                .into(),
                    });
                }
                (c, count)
            }
        };
        let read_inputs = if council_count > 1 || !c.inputs.is_empty() {
            &c.inputs
        } else {
            &raw.read.inputs
        };
        for (key, value) in [("name", &c.name), ("identifier", &c.identifier)] {
            if value.trim().is_empty() {
                errors.push(at(0..0, format!("[council] {key} is required")));
            }
        }

        let licence = licence(c.licence.get_ref().trim()).map_err(|m| at(c.licence.span(), m));
        let p = raw.publish;
        let iri_base =
            base_iri(p.base_iri.get_ref(), &c.identifier).map_err(|m| at(p.base_iri.span(), m));
        let mut codes = |list: &[Spanned<String>], check: fn(&str) -> Result<String, String>| {
            let mut out = Vec::new();
            for entry in list {
                match check(entry.get_ref()) {
                    Ok(code) if !out.contains(&code) => out.push(code),
                    Ok(_) => {}
                    Err(m) => errors.push(at(entry.span(), m)),
                }
            }
            out
        };
        let themes = codes(&p.themes, data_theme);
        let languages = codes(&p.languages, language);
        let contact = match (
            p.contact_name.get_ref().trim(),
            p.contact_url.get_ref().trim(),
        ) {
            ("", "") => None,
            (name, url) => {
                let web = url.starts_with("https://") || url.starts_with("http://");
                if name.is_empty() || !web || url.contains(char::is_whitespace) {
                    errors.push(at(
                        p.contact_url.span(),
                        "[publish] contact_name and contact_url go together: a team or service \
                         and the http(s) URL of its contact page (no e-mail addresses: outputs \
                         carry no personal contact data)"
                            .into(),
                    ));
                }
                if name.contains('@') {
                    errors.push(at(
                        p.contact_name.span(),
                        "[publish] contact_name must name a team or service, not an e-mail address"
                            .into(),
                    ));
                }
                Some(Contact {
                    name: name.to_string(),
                    url: url.to_string(),
                })
            }
        };
        let publication = Publication {
            publisher: Some(p.publisher.trim().to_string()).filter(|s| !s.is_empty()),
            themes,
            languages,
            contact,
        };

        let max_threads = MAX_THREADS_PER_CORE * cores();
        let threads = match overrides.threads {
            Some(n) => {
                bounded(n as i64, "--threads", 0, max_threads).map_err(|message| ConfigError {
                    file: "--threads".into(),
                    position: None,
                    message,
                })
            }
            None => bounded(*raw.run.threads.get_ref(), "[run] threads", 0, max_threads)
                .map_err(|m| at(raw.run.threads.span(), m)),
        };
        let within = |value: &Spanned<i64>, name: &str, min: usize, max: usize| {
            bounded(*value.get_ref(), name, min, max).map_err(|m| at(value.span(), m))
        };
        let batch_size = within(&raw.run.batch_size, "[run] batch_size", 1, MAX_BATCH);
        let max_rejected = within(&raw.run.max_rejected, "[run] max_rejected", 0, usize::MAX);
        let max_bytes = within(
            &raw.read.max_document_bytes,
            "[read] max_document_bytes",
            1,
            MAX_DOCUMENT_BYTES,
        );
        let row_group = within(
            &raw.write.row_group_size,
            "[write] row_group_size",
            1,
            MAX_ROW_GROUP,
        );
        // Ten years: a matter can run for years, never unboundedly.
        if let Err(e) = within(
            &raw.link.matter_window_days,
            "[link] matter_window_days",
            1,
            3650,
        ) {
            errors.push(e);
        }
        let zstd = match *raw.write.zstd_level.get_ref() {
            level @ 1..=22 => Ok(level as i32),
            other => Err(at(
                raw.write.zstd_level.span(),
                format!("[write] zstd_level must be between 1 and 22, got {other}"),
            )),
        };

        let mut inputs = Inputs::default();
        if overrides.inputs.is_empty() {
            if read_inputs.is_empty() && council_count == 1 {
                errors.push(at(
                    0..0,
                    "[read] inputs is required: a list of files, directories or globs".into(),
                ));
            }
            for pattern in read_inputs {
                match expand_input(base, pattern.get_ref()) {
                    Ok(found) => inputs.append(found),
                    Err(message) => errors.push(at(pattern.span(), message)),
                }
            }
        } else {
            for pattern in &overrides.inputs {
                match expand_input(Path::new("."), pattern) {
                    Ok(found) => inputs.append(found),
                    Err(message) => errors.push(ConfigError {
                        file: "--input".into(),
                        position: None,
                        message,
                    }),
                }
            }
        }
        let inputs = Inputs::from_unsorted(inputs);

        let keywords: Vec<String> = raw
            .enrich
            .topic_keywords
            .values()
            .flatten()
            .cloned()
            .collect();
        for (label, list, most) in [
            ("[clean] bullets", &raw.clean.bullets, MAX_WORDS),
            (
                "[parse] minutes_labels",
                &raw.parse.minutes_labels,
                MAX_WORDS,
            ),
            (
                "[parse] resolution_words",
                &raw.parse.resolution_words,
                MAX_WORDS,
            ),
            (
                "[enrich] organisations",
                &raw.enrich.organisations,
                MAX_NAMES,
            ),
            ("[enrich.topic_keywords]", &keywords, MAX_NAMES),
        ] {
            if list
                .iter()
                .any(|s| s.trim().is_empty() || s.chars().count() > MAX_ENTRY_CHARS)
            {
                errors.push(at(
                    0..0,
                    format!("{label}: entries must be non-empty and at most {MAX_ENTRY_CHARS} characters"),
                ));
            }
            if list.len() > most {
                errors.push(at(
                    0..0,
                    format!("{label}: at most {most} entries, got {}", list.len()),
                ));
            }
        }
        // The vocabularies compiled here, once: a list that validates runs.
        let mut compiled = |message: String| errors.push(at(0..0, message));
        let topic_keywords: Vec<(String, Vec<String>)> =
            raw.enrich.topic_keywords.clone().into_iter().collect();
        let vocabulary = Vocabulary::new(&raw.enrich.organisations, &topic_keywords)
            .map_err(&mut compiled)
            .ok();

        let grammar = Grammar::new(&ParseRules {
            minutes_labels: raw.parse.minutes_labels.clone(),
            resolution_words: raw.parse.resolution_words.clone(),
        })
        .map_err(&mut compiled)
        .ok();

        let format = match overrides.format.as_deref() {
            Some(format) => Format::parse(format).map_err(|message| ConfigError {
                file: "--format".into(),
                position: None,
                message,
            }),
            None => Format::parse(raw.write.format.get_ref())
                .map_err(|m| at(raw.write.format.span(), format!("[write] format: {m}"))),
        };
        let format = format.unwrap_or_else(|e| {
            errors.push(e);
            Format::Files
        });
        // Object storage (s3://, gs://, az://) holds Delta tables only; the
        // run works in a local directory named after the URL.
        let out_place = match &overrides.out_dir {
            Some(dir) => dir.to_string_lossy().into_owned(),
            None => raw.write.out_dir.get_ref().clone(),
        };
        let remote = match delta::remote_url(&out_place) {
            Ok(url) => url,
            Err(message) => {
                errors.push(match overrides.out_dir {
                    Some(_) => ConfigError {
                        file: "--out".into(),
                        position: None,
                        message,
                    },
                    None => at(
                        raw.write.out_dir.span(),
                        format!("[write] out_dir: {message}"),
                    ),
                });
                None
            }
        };
        let out_dir = match (&remote, &overrides.out_dir) {
            (Some(url), _) => delta::work_dir(url),
            (None, Some(dir)) => dir.clone(),
            (None, None) if raw.write.out_dir.get_ref().trim().is_empty() => {
                errors.push(at(
                    raw.write.out_dir.span(),
                    "[write] out_dir must not be empty".into(),
                ));
                PathBuf::new()
            }
            (None, None) if base == Path::new(".") => PathBuf::from(raw.write.out_dir.get_ref()),
            (None, None) => base.join(raw.write.out_dir.get_ref()),
        };
        let vacuum_hours = within(
            &raw.write.vacuum_hours,
            "[write] vacuum_hours",
            0,
            24 * 3650,
        );
        let delta = match format {
            Format::Delta => {
                if raw.write.csv {
                    errors.push(at(
                        raw.write.format.span(),
                        "[write] csv = true makes a CSV copy of each single-file table; with format = \"delta\" set csv = false".into(),
                    ));
                }
                let url = match &remote {
                    Some(url) => Some(url.clone()),
                    None => delta::local_url(&out_dir),
                };
                url.map(|url| DeltaTarget {
                    url,
                    shard: overrides.shard,
                    vacuum_hours: *vacuum_hours.as_ref().unwrap_or(&0) as u32,
                })
            }
            Format::Files => {
                if council_count > 1 {
                    errors.push(at(
                        raw.write.format.span(),
                        "several [[council]] tables make one dataset of Delta tables partitioned by council: set [write] format = \"delta\" (or --format delta)".into(),
                    ));
                }
                if remote.is_some() {
                    errors.push(ConfigError {
                        file: file.to_string(),
                        position: None,
                        message: format!("the output {out_place} is object storage, which holds Delta tables only: set [write] format = \"delta\" (or --format delta)"),
                    });
                }
                if overrides.shard.is_some() {
                    errors.push(ConfigError {
                        file: "--shard".into(),
                        position: None,
                        message: "shards commit their parts to one Delta table: add --format delta (or [write] format = \"delta\")".into(),
                    });
                }
                None
            }
        };
        if let Err(e) = vacuum_hours {
            errors.push(e);
        }

        // A dataset written inside an input directory would be read back
        // as input by the next run.
        let out_abs = lexical_absolute(&out_dir);
        let roots: Vec<(PathBuf, Option<std::ops::Range<usize>>)> = if overrides.inputs.is_empty() {
            read_inputs
                .iter()
                .filter_map(|p| Some((input_root(base, p.get_ref())?, Some(p.span()))))
                .collect()
        } else {
            overrides
                .inputs
                .iter()
                .filter_map(|p| Some((input_root(Path::new("."), p)?, None)))
                .collect()
        };
        for (root, span) in roots {
            if !out_dir.as_os_str().is_empty() && out_abs.starts_with(lexical_absolute(&root)) {
                let message = format!(
                    "the output directory {} is inside the input {}: a later run would read the dataset as input; choose an out_dir outside the inputs",
                    out_dir.display(),
                    root.display()
                );
                errors.push(match span {
                    Some(span) => at(span, message),
                    None => ConfigError {
                        file: "--input".into(),
                        position: None,
                        message,
                    },
                });
            }
        }

        let (threads, batch_size, max_rejected, max_bytes, row_group, zstd) = match (
            threads,
            batch_size,
            max_rejected,
            max_bytes,
            row_group,
            zstd,
        ) {
            (Ok(t), Ok(b), Ok(x), Ok(m), Ok(r), Ok(z)) => (t, b, x, m, r, z),
            (t, b, x, m, r, z) => {
                errors.extend(
                    [t.err(), b.err(), x.err(), m.err(), r.err(), z.err()]
                        .into_iter()
                        .flatten(),
                );
                (0, 0, 0, 0, 0, 0)
            }
        };
        let ((licence, licence_terms), iri_base) = match (licence, iri_base) {
            (Ok(l), Ok(b)) => (l, b),
            (l, b) => {
                errors.extend([l.err(), b.err()].into_iter().flatten());
                ((String::new(), None), String::new())
            }
        };
        let (Some(grammar), Some(vocabulary), true) = (grammar, vocabulary, errors.is_empty())
        else {
            errors.sort_by_key(|e| e.position);
            return Err(ConfigErrors(errors));
        };

        let mut digest = Sha256::new();
        digest.update(text.as_bytes());
        // Thread count and output place do not change the data, so they are
        // not part of the digest (the output must be byte-identical).
        // The inputs as resolved and sorted, so the order they were given
        // in does not change the digest.
        for input in inputs.iter() {
            digest.update(input.path.to_string_lossy().as_bytes());
            digest.update([0]);
        }
        // After the digest: every shard's files say the same configuration.
        let inputs = match overrides.shard {
            Some(shard) => inputs.retain(|path| shard.takes(path, base)),
            None => inputs,
        };
        let e = raw.enrich;
        let pipeline = Pipeline {
            council: Council {
                name: c.name.trim().to_string(),
                identifier: c.identifier.trim().to_string(),
                base_url: Some(c.base_url).filter(|s| !s.is_empty()),
                base_iri: iri_base,
                licence: c.licence.into_inner().trim().to_string(),
                licence_url: licence,
                licence_terms,
                attribution: Some(c.attribution).filter(|s| !s.is_empty()),
            },
            threads,
            batch_size,
            inputs,
            max_document_bytes: max_bytes as u64,
            attendee_party_and_ward: raw.read.attendee_party_and_ward,
            max_rejected,
            bullets: raw.clean.bullets,
            grammar,
            enrich: EnrichOptions {
                item_kind: e.item_kind,
                meeting_date: e.meeting_date,
                body: e.body,
                default_body: Some(e.default_body.trim().to_string()).filter(|b| !b.is_empty()),
                clause_action: e.clause_action,
                money: e.money,
                references: e.references,
                mentions: e.mentions,
                statutory: e.statutory,
                topics: e.topics,
                vocabulary,
            },
            write: WriteOptions {
                out_dir,
                row_group_size: row_group,
                zstd_level: zstd,
                csv: raw.write.csv,
                publication,
                link: LinkOptions {
                    matters: raw.link.matters,
                    matter_window_days: *raw.link.matter_window_days.get_ref() as u32,
                },
                config_digest: hex(&digest.finalize()),
                delta,
            },
            settings_digest: hex(&Sha256::digest(text.as_bytes())),
        };
        Ok((pipeline, council_count))
    }
}

/// A configuration file's text, its name for messages, and the directory
/// its relative paths start from.
fn read(path: &Path) -> Result<(String, String, &Path), ConfigErrors> {
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| {
        ConfigErrors(vec![ConfigError {
            file: file.clone(),
            position: None,
            message: format!("cannot read the configuration: {e}"),
        }])
    })?;
    let base = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    Ok((text, file, base))
}

/// How many `[[council]]` tables the text holds (1 for `[council]`, or
/// text that does not parse).
fn council_count(text: &str) -> usize {
    match text
        .parse::<toml::Table>()
        .ok()
        .and_then(|t| t.get("council").cloned())
    {
        Some(toml::Value::Array(list)) => list.len().max(1),
        _ => 1,
    }
}

/// Bounds on what a configuration may ask for: each is far past any real
/// use, and each keeps a typo from starting 100 000 threads or buffering
/// gigabytes.
const MAX_THREADS_PER_CORE: usize = 16;
const MAX_BATCH: usize = 1 << 20;
const MAX_DOCUMENT_BYTES: usize = 1 << 30;
const MAX_ROW_GROUP: usize = 1 << 24;
/// Entries of the short word lists (`bullets`, labels, resolution words).
const MAX_WORDS: usize = 100;
/// Entries of the gazetteer and the topic keywords.
const MAX_NAMES: usize = 10_000;
const MAX_ENTRY_CHARS: usize = 100;

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// A pipeline for council "C" over one one-byte input in `dir`, for the
/// writers' unit tests; `write` is the body of its `[write]` table.
#[cfg(test)]
pub fn for_tests(dir: &Path, write: &str) -> Pipeline {
    std::fs::create_dir(dir.join("in")).unwrap();
    std::fs::write(dir.join("in/a.txt"), "x").unwrap();
    let text = format!(
        "[council]\nname = \"C\"\nidentifier = \"c\"\nlicence = \"OGL-UK-3.0\"\n[read]\ninputs = [\"in\"]\n[write]\n{write}"
    );
    Pipeline::compile(&text, "pipeline.toml", dir, &Overrides::default()).unwrap()
}

#[cfg(test)]
mod tests;
