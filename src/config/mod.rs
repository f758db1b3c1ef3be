//! `pipeline.toml`: parsed once into an immutable [`Pipeline`].
//!
//! Compiling collects every problem it finds (unknown keys, bad values,
//! inputs that match nothing) and reports them together, each with
//! `file:line:column`, so a user fixes a config in one round trip.
//! `etl validate` is exactly this step.

mod compile;
mod raw;
mod values;

use std::fmt;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::model::Council;
use crate::stages::enrich::EnrichOptions;
use crate::stages::parse::Grammar;
use crate::stages::read::Inputs;
use crate::stages::write::WriteOptions;

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
            match compile::pipeline(text, file, base, overrides, which) {
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
        compile::pipeline(text, file, base, overrides, 0).map(|(pipeline, _)| pipeline)
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
