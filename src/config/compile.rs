//! One council's pipeline compiled from the raw tables, one function per
//! `[section]`. Each section checks its own values and adds what is wrong
//! to one list of problems, so a user sees every problem of the file at
//! once; the pipeline is made only when the list stays empty.

use std::ops::Range;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use toml::Spanned;

use super::raw::{
    Councils, RawClean, RawCouncil, RawEnrich, RawLink, RawParse, RawPublish, RawRead, RawRun,
    RawWrite, deserialize, key_span, line_col, unknown_key_message,
};
use super::values::{
    base_iri, bounded, data_theme, input_root, language, lexical_absolute, licence,
};
use super::{
    ConfigError, ConfigErrors, MAX_BATCH, MAX_DOCUMENT_BYTES, MAX_ENTRY_CHARS, MAX_NAMES,
    MAX_ROW_GROUP, MAX_THREADS_PER_CORE, MAX_WORDS, Overrides, Pipeline, cores,
};
use crate::model::{Council, hex};
use crate::stages::enrich::{EnrichOptions, Vocabulary};
use crate::stages::link::LinkOptions;
use crate::stages::parse::{Grammar, ParseRules};
use crate::stages::read::{Inputs, expand_input};
use crate::stages::write::delta::{self, DeltaTarget, Format};
use crate::stages::write::{Contact, Publication, WriteOptions};

/// The problems found so far, each placed in the configuration's text.
struct Problems<'a> {
    text: &'a str,
    file: &'a str,
    found: Vec<ConfigError>,
}

impl Problems<'_> {
    /// A problem at `span` of the file; an empty span (a key left out)
    /// has no place.
    fn at(&self, span: Range<usize>, message: String) -> ConfigError {
        ConfigError {
            file: self.file.to_string(),
            position: (span.end > 0).then(|| line_col(self.text, span.start)),
            message,
        }
    }

    fn push(&mut self, span: Range<usize>, message: String) {
        let problem = self.at(span, message);
        self.found.push(problem);
    }

    /// A problem with a command-line flag, which has no place in the file.
    fn flag(&mut self, flag: &str, message: String) {
        self.found.push(ConfigError {
            file: flag.into(),
            position: None,
            message,
        });
    }

    /// A whole number within `min..=max`, or the problem at its key.
    fn within(
        &self,
        value: &Spanned<i64>,
        name: &str,
        min: usize,
        max: usize,
    ) -> Result<usize, ConfigError> {
        bounded(*value.get_ref(), name, min, max).map_err(|m| self.at(value.span(), m))
    }
}

/// The pipeline of council `which` of the configuration text, and how many
/// councils there are. Relative paths in the file are resolved against
/// `base` (the file's directory); overrides against the working
/// directory, as a shell user expects.
pub(super) fn pipeline(
    text: &str,
    file: &str,
    base: &Path,
    overrides: &Overrides,
    which: usize,
) -> Result<(Pipeline, usize), ConfigErrors> {
    let mut p = Problems {
        text,
        file,
        found: Vec::new(),
    };
    let (raw, unknown) = deserialize(text, file, &mut p.found)?;
    for key in unknown {
        p.push(
            key_span(text, &key).unwrap_or(0..0),
            unknown_key_message(&key),
        );
    }
    let Some((c, council_count)) = council(raw.council, &raw.read, overrides, which, &mut p) else {
        return Err(ConfigErrors(p.found));
    };
    let read_inputs = if council_count > 1 || !c.inputs.is_empty() {
        &c.inputs
    } else {
        &raw.read.inputs
    };
    let publication = publication(&raw.publish, &mut p);
    let inputs = inputs(read_inputs, council_count, base, overrides, &mut p);
    let (grammar, vocabulary) = vocabularies(&raw.clean, &raw.parse, &raw.enrich, &mut p);
    let (out_dir, delta) = output(&raw.write, council_count, base, overrides, &mut p);
    outside_inputs(&out_dir, read_inputs, base, overrides, &mut p);
    let limits = limits(
        &raw.run, &raw.read, &raw.write, &raw.link, overrides, &mut p,
    );
    let licence = licence(c.licence.get_ref().trim()).map_err(|m| p.at(c.licence.span(), m));
    let iri_base = base_iri(raw.publish.base_iri.get_ref(), &c.identifier)
        .map_err(|m| p.at(raw.publish.base_iri.span(), m));
    let ((licence, licence_terms), iri_base) = match (licence, iri_base) {
        (Ok(l), Ok(b)) => (l, b),
        (l, b) => {
            p.found.extend([l.err(), b.err()].into_iter().flatten());
            ((String::new(), None), String::new())
        }
    };
    let (Some(grammar), Some(vocabulary), Some(limits), true) =
        (grammar, vocabulary, limits, p.found.is_empty())
    else {
        p.found.sort_by_key(|e| e.position);
        return Err(ConfigErrors(p.found));
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
        threads: limits.threads,
        batch_size: limits.batch_size,
        inputs,
        max_document_bytes: limits.max_document_bytes as u64,
        attendee_party_and_ward: raw.read.attendee_party_and_ward,
        max_rejected: limits.max_rejected,
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
            row_group_size: limits.row_group_size,
            zstd_level: limits.zstd_level,
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

/// `[council]` or `[[council]]`: this run's council, with its own inputs
/// when there are several, and how many there are. `None` when `which`
/// names no council.
fn council(
    councils: Councils,
    read: &RawRead,
    overrides: &Overrides,
    which: usize,
    p: &mut Problems,
) -> Option<(RawCouncil, usize)> {
    let (c, count) = match councils {
        Councils::One(c) => {
            if let Some(first) = c.inputs.first() {
                p.push(
                    first.span(),
                    "[council] inputs: one council's inputs are [read] inputs; several councils are [[council]] tables, each with its inputs".into(),
                );
            }
            (c, 1)
        }
        Councils::Many(mut list) => {
            let count = list.len();
            if count == 0 || which >= count {
                p.push(0..0, "[[council]] lists no council".into());
                return None;
            }
            let identifiers: Vec<String> = list
                .iter()
                .map(|c| c.identifier.trim().to_string())
                .collect();
            let c = list.swap_remove(which);
            let who = c.identifier.trim().to_string();
            if identifiers.iter().filter(|i| **i == who).count() > 1 {
                p.push(
                    0..0,
                    format!("[[council]] identifier {who:?} is listed twice: identifiers name partitions and are part of every ID"),
                );
            }
            if c.inputs.is_empty() {
                p.push(
                    0..0,
                    format!("[[council]] {who:?}: inputs is required: its list of files, directories or globs"),
                );
            }
            if let Some(first) = read.inputs.first() {
                p.push(
                    first.span(),
                    "[read] inputs: with [[council]] tables, each council lists its own inputs"
                        .into(),
                );
            }
            if !overrides.inputs.is_empty() {
                p.flag(
                    "--input",
                    "--input: with [[council]] tables, each council lists its own inputs".into(),
                );
            }
            (c, count)
        }
    };
    for (key, value) in [("name", &c.name), ("identifier", &c.identifier)] {
        if value.trim().is_empty() {
            p.push(0..0, format!("[council] {key} is required"));
        }
    }
    Some((c, count))
}

/// `[publish]`: who publishes the dataset, its themes and languages, and
/// a team's contact page (never a person's e-mail address).
fn publication(publish: &RawPublish, p: &mut Problems) -> Publication {
    let mut codes = |list: &[Spanned<String>], check: fn(&str) -> Result<String, String>| {
        let mut out = Vec::new();
        for entry in list {
            match check(entry.get_ref()) {
                Ok(code) if !out.contains(&code) => out.push(code),
                Ok(_) => {}
                Err(m) => p.push(entry.span(), m),
            }
        }
        out
    };
    let themes = codes(&publish.themes, data_theme);
    let languages = codes(&publish.languages, language);
    let (name, url) = (
        publish.contact_name.get_ref().trim(),
        publish.contact_url.get_ref().trim(),
    );
    let contact = (!name.is_empty() || !url.is_empty()).then(|| {
        let web = url.starts_with("https://") || url.starts_with("http://");
        if name.is_empty() || !web || url.contains(char::is_whitespace) {
            p.push(
                publish.contact_url.span(),
                "[publish] contact_name and contact_url go together: a team or service \
                 and the http(s) URL of its contact page (no e-mail addresses: outputs \
                 carry no personal contact data)"
                    .into(),
            );
        }
        if name.contains('@') {
            p.push(
                publish.contact_name.span(),
                "[publish] contact_name must name a team or service, not an e-mail address".into(),
            );
        }
        Contact {
            name: name.to_string(),
            url: url.to_string(),
        }
    });
    Publication {
        publisher: Some(publish.publisher.trim().to_string()).filter(|s| !s.is_empty()),
        themes,
        languages,
        contact,
    }
}

/// The inputs, from the file (`[read]` or the council's own) or from
/// `--input`, resolved and sorted.
fn inputs(
    listed: &[Spanned<String>],
    council_count: usize,
    base: &Path,
    overrides: &Overrides,
    p: &mut Problems,
) -> Inputs {
    let mut inputs = Inputs::default();
    if overrides.inputs.is_empty() {
        if listed.is_empty() && council_count == 1 {
            p.push(
                0..0,
                "[read] inputs is required: a list of files, directories or globs".into(),
            );
        }
        for pattern in listed {
            match expand_input(base, pattern.get_ref()) {
                Ok(found) => inputs.append(found),
                Err(message) => p.push(pattern.span(), message),
            }
        }
    } else {
        for pattern in &overrides.inputs {
            match expand_input(Path::new("."), pattern) {
                Ok(found) => inputs.append(found),
                Err(message) => p.flag("--input", message),
            }
        }
    }
    Inputs::from_unsorted(inputs)
}

/// The word lists of `[clean]`, `[parse]` and `[enrich]`, checked and
/// compiled here, once: a list that validates runs.
fn vocabularies(
    clean: &RawClean,
    parse: &RawParse,
    enrich: &RawEnrich,
    p: &mut Problems,
) -> (Option<Grammar>, Option<Vocabulary>) {
    let keywords: Vec<String> = enrich.topic_keywords.values().flatten().cloned().collect();
    for (label, list, most) in [
        ("[clean] bullets", &clean.bullets, MAX_WORDS),
        ("[parse] minutes_labels", &parse.minutes_labels, MAX_WORDS),
        (
            "[parse] resolution_words",
            &parse.resolution_words,
            MAX_WORDS,
        ),
        ("[enrich] organisations", &enrich.organisations, MAX_NAMES),
        ("[enrich.topic_keywords]", &keywords, MAX_NAMES),
    ] {
        if list
            .iter()
            .any(|s| s.trim().is_empty() || s.chars().count() > MAX_ENTRY_CHARS)
        {
            p.push(
                0..0,
                format!(
                    "{label}: entries must be non-empty and at most {MAX_ENTRY_CHARS} characters"
                ),
            );
        }
        if list.len() > most {
            p.push(
                0..0,
                format!("{label}: at most {most} entries, got {}", list.len()),
            );
        }
    }
    let topic_keywords: Vec<(String, Vec<String>)> =
        enrich.topic_keywords.clone().into_iter().collect();
    let vocabulary = Vocabulary::new(&enrich.organisations, &topic_keywords)
        .map_err(|message| p.push(0..0, message))
        .ok();
    let grammar = Grammar::new(&ParseRules {
        minutes_labels: parse.minutes_labels.clone(),
        resolution_words: parse.resolution_words.clone(),
    })
    .map_err(|message| p.push(0..0, message))
    .ok();
    (grammar, vocabulary)
}

/// `[write]`'s format and place: the local directory the dataset is made
/// in, and for Delta output, the table's URL (object storage, s3://,
/// gs://, az://, holds Delta tables only; the run then works in a local
/// directory named after the URL).
fn output(
    write: &RawWrite,
    council_count: usize,
    base: &Path,
    overrides: &Overrides,
    p: &mut Problems,
) -> (PathBuf, Option<DeltaTarget>) {
    let format = match overrides.format.as_deref() {
        Some(format) => Format::parse(format).map_err(|message| p.flag("--format", message)),
        None => Format::parse(write.format.get_ref())
            .map_err(|m| p.push(write.format.span(), format!("[write] format: {m}"))),
    };
    let format = format.unwrap_or(Format::Files);
    let out_place = match &overrides.out_dir {
        Some(dir) => dir.to_string_lossy().into_owned(),
        None => write.out_dir.get_ref().clone(),
    };
    let remote = delta::remote_url(&out_place).unwrap_or_else(|message| {
        match overrides.out_dir {
            Some(_) => p.flag("--out", message),
            None => p.push(write.out_dir.span(), format!("[write] out_dir: {message}")),
        }
        None
    });
    let out_dir = match (&remote, &overrides.out_dir) {
        (Some(url), _) => delta::work_dir(url),
        (None, Some(dir)) => dir.clone(),
        (None, None) if write.out_dir.get_ref().trim().is_empty() => {
            p.push(
                write.out_dir.span(),
                "[write] out_dir must not be empty".into(),
            );
            PathBuf::new()
        }
        (None, None) if base == Path::new(".") => PathBuf::from(write.out_dir.get_ref()),
        (None, None) => base.join(write.out_dir.get_ref()),
    };
    let vacuum_hours = p.within(&write.vacuum_hours, "[write] vacuum_hours", 0, 24 * 3650);
    let delta = match format {
        Format::Delta => {
            if write.csv {
                p.push(
                    write.format.span(),
                    "[write] csv = true makes a CSV copy of each single-file table; with format = \"delta\" set csv = false".into(),
                );
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
                p.push(
                    write.format.span(),
                    "several [[council]] tables make one dataset of Delta tables partitioned by council: set [write] format = \"delta\" (or --format delta)".into(),
                );
            }
            if remote.is_some() {
                p.push(
                    0..0,
                    format!("the output {out_place} is object storage, which holds Delta tables only: set [write] format = \"delta\" (or --format delta)"),
                );
            }
            if overrides.shard.is_some() {
                p.flag(
                    "--shard",
                    "shards commit their parts to one Delta table: add --format delta (or [write] format = \"delta\")".into(),
                );
            }
            None
        }
    };
    if let Err(e) = vacuum_hours {
        p.found.push(e);
    }
    (out_dir, delta)
}

/// A dataset written inside an input directory would be read back as
/// input by the next run.
fn outside_inputs(
    out_dir: &Path,
    listed: &[Spanned<String>],
    base: &Path,
    overrides: &Overrides,
    p: &mut Problems,
) {
    let out_abs = lexical_absolute(out_dir);
    let roots: Vec<(PathBuf, Option<Range<usize>>)> = if overrides.inputs.is_empty() {
        listed
            .iter()
            .filter_map(|i| Some((input_root(base, i.get_ref())?, Some(i.span()))))
            .collect()
    } else {
        overrides
            .inputs
            .iter()
            .filter_map(|i| Some((input_root(Path::new("."), i)?, None)))
            .collect()
    };
    for (root, span) in roots {
        if !out_dir.as_os_str().is_empty() && out_abs.starts_with(lexical_absolute(&root)) {
            let message = format!(
                "the output directory {} is inside the input {}: a later run would read the dataset as input; choose an out_dir outside the inputs",
                out_dir.display(),
                root.display()
            );
            match span {
                Some(span) => p.push(span, message),
                None => p.flag("--input", message),
            }
        }
    }
}

/// The bounds a run keeps to (`[run]`, `[read]`, `[write]`).
struct Limits {
    threads: usize,
    batch_size: usize,
    max_rejected: usize,
    max_document_bytes: usize,
    row_group_size: usize,
    zstd_level: i32,
}

/// Every number of the configuration that bounds a run, each checked
/// against its range; `None` when any is out of it.
fn limits(
    run: &RawRun,
    read: &RawRead,
    write: &RawWrite,
    link: &RawLink,
    overrides: &Overrides,
    p: &mut Problems,
) -> Option<Limits> {
    let max_threads = MAX_THREADS_PER_CORE * cores();
    let threads = match overrides.threads {
        Some(n) => bounded(n as i64, "--threads", 0, max_threads).map_err(|message| ConfigError {
            file: "--threads".into(),
            position: None,
            message,
        }),
        None => p.within(&run.threads, "[run] threads", 0, max_threads),
    };
    let batch_size = p.within(&run.batch_size, "[run] batch_size", 1, MAX_BATCH);
    let max_rejected = p.within(&run.max_rejected, "[run] max_rejected", 0, usize::MAX);
    let max_bytes = p.within(
        &read.max_document_bytes,
        "[read] max_document_bytes",
        1,
        MAX_DOCUMENT_BYTES,
    );
    let row_group = p.within(
        &write.row_group_size,
        "[write] row_group_size",
        1,
        MAX_ROW_GROUP,
    );
    // Ten years: a matter can run for years, never unboundedly.
    if let Err(e) = p.within(
        &link.matter_window_days,
        "[link] matter_window_days",
        1,
        3650,
    ) {
        p.found.push(e);
    }
    let zstd = match *write.zstd_level.get_ref() {
        level @ 1..=22 => Ok(level as i32),
        other => Err(p.at(
            write.zstd_level.span(),
            format!("[write] zstd_level must be between 1 and 22, got {other}"),
        )),
    };
    match (
        threads,
        batch_size,
        max_rejected,
        max_bytes,
        row_group,
        zstd,
    ) {
        (Ok(t), Ok(b), Ok(x), Ok(m), Ok(r), Ok(z)) => Some(Limits {
            threads: t,
            batch_size: b,
            max_rejected: x,
            max_document_bytes: m,
            row_group_size: r,
            zstd_level: z,
        }),
        (t, b, x, m, r, z) => {
            p.found.extend(
                [t.err(), b.err(), x.err(), m.err(), r.err(), z.err()]
                    .into_iter()
                    .flatten(),
            );
            None
        }
    }
}
