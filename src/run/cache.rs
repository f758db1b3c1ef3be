//! `etl run --incremental`: a document already processed with the same
//! settings is read back from a cache instead of being parsed again.
//!
//! An entry is one processed [`Document`] and its rendered JSON-LD
//! [`Fragment`] (postcard-encoded), keyed by the
//! SHA-256 of the file's bytes, in a directory named by the digest of
//! everything else a document's rows depend on: the configuration text,
//! the `etl` executable (its path, size and modification time) and the
//! body names read from web-service listings. Any of those changing starts
//! a fresh cache. The write stage always runs in full over all documents,
//! so the output is byte-identical to a full run; entries of documents no
//! longer among the inputs are removed once the run has succeeded.
//!
//! The cache sits beside the output: `.<out>.etl-cache/` in its parent.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::{Context, Result};
use sha2::{Digest, Sha256};

use crate::config::Pipeline;
use crate::model::{Document, hex};
use crate::stages::parse::moderngov::Directory;
use crate::stages::write::jsonld::Fragment;

pub struct Cache {
    root: PathBuf,
    dir: PathBuf,
    used: Mutex<HashSet<String>>,
    hits: AtomicUsize,
    /// The first entry that could not be written, reported once at the end.
    store_error: Mutex<Option<String>>,
}

/// The running `etl` as ccache tells compilers apart by default: its path,
/// size and modification time (and inode, on Unix). A rebuilt or upgraded
/// executable differs in one of them; hashing its ~20 MB instead cost a
/// re-run from the cache 0.1 s (A100: 6 % of it).
fn executable_identity() -> Result<String> {
    let exe = std::env::current_exe().context("cannot locate the etl executable")?;
    let meta = fs::metadata(&exe).with_context(|| format!("cannot read {}", exe.display()))?;
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(&meta);
    #[cfg(not(unix))]
    let inode = 0;
    Ok(format!(
        "{}\0{}\0{modified}\0{inode}",
        exe.display(),
        meta.len()
    ))
}

impl Cache {
    pub fn open(pipeline: &Pipeline, directory: &Directory) -> Result<Cache> {
        let out = &pipeline.write.local_target(&pipeline.council.identifier);
        let name = out
            .file_name()
            .map_or("out".into(), |n| n.to_string_lossy().into_owned());
        let root = out
            .parent()
            .unwrap_or(Path::new("."))
            .join(format!(".{name}.etl-cache"));
        let mut digest = Sha256::new();
        for part in [
            pipeline.settings_digest.as_bytes(),
            executable_identity()?.as_bytes(),
            directory.digest().as_bytes(),
        ] {
            digest.update(part);
            digest.update([0]);
        }
        let dir = root.join(&hex(&digest.finalize())[..16]);
        fs::create_dir_all(&dir)
            .with_context(|| format!("cannot create the cache {}", dir.display()))?;
        Ok(Cache {
            root,
            dir,
            used: Mutex::default(),
            hits: AtomicUsize::new(0),
            store_error: Mutex::default(),
        })
    }

    fn path(&self, sha256: &str) -> PathBuf {
        self.dir.join(format!("{sha256}.bin"))
    }

    /// The document processed from these bytes before, if any. An entry
    /// that cannot be read is treated as missing.
    pub fn load(&self, sha256: &str) -> Option<(Document, Fragment)> {
        self.mark_used(sha256);
        let bytes = fs::read(self.path(sha256)).ok()?;
        let doc = postcard::from_bytes(&bytes).ok()?;
        self.hits.fetch_add(1, Ordering::Relaxed);
        Some(doc)
    }

    /// Documents read back from the cache so far.
    pub fn hits(&self) -> usize {
        self.hits.load(Ordering::Relaxed)
    }

    pub fn store(&self, sha256: &str, doc: &Document, graph: &Fragment) {
        let path = self.path(sha256);
        let temp = path.with_extension(format!("{}.part", std::process::id()));
        let written = postcard::to_allocvec(&(doc, graph))
            .map_err(|e| e.to_string())
            .and_then(|bytes| fs::write(&temp, bytes).map_err(|e| e.to_string()))
            .and_then(|()| fs::rename(&temp, &path).map_err(|e| e.to_string()));
        if let Err(e) = written {
            let _ = fs::remove_file(&temp);
            let mut first = crate::model::lock(&self.store_error);
            first.get_or_insert(format!("{}: {e}", path.display()));
        }
    }

    fn mark_used(&self, sha256: &str) {
        crate::model::lock(&self.used).insert(sha256.to_string());
    }

    /// After a successful run: drops entries of documents that are gone and
    /// caches made with other settings. Returns a warning for the user if
    /// some entries could not be written.
    pub fn finish(self) -> Result<Option<String>> {
        let used = self.used.into_inner().unwrap_or_else(|e| e.into_inner());
        for entry in fs::read_dir(&self.dir)?.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let keep = name
                .strip_suffix(".bin")
                .is_some_and(|sha| used.contains(sha));
            if !keep {
                fs::remove_file(entry.path())?;
            }
        }
        for entry in fs::read_dir(&self.root)?.flatten() {
            if entry.path() != self.dir {
                fs::remove_dir_all(entry.path())?;
            }
        }
        Ok(self
            .store_error
            .into_inner()
            .unwrap_or_else(|e| e.into_inner())
            .map(|e| format!("some cache entries could not be written (first: {e}); the next run re-parses them")))
    }
}
