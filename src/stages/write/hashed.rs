//! The files of a dataset as written: each passes through [`Hashed`],
//! which counts and hashes its bytes on the way to disk, so the catalog
//! and the landing page list sizes and SHA-256 checksums without reading
//! any file again.

use std::io::Write;

use sha2::{Digest, Sha256};

/// The size and SHA-256 of a file's bytes, as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Checksum {
    pub bytes: u64,
    pub sha256: String,
}

/// A file of the finished dataset, as the catalog and the landing page
/// list it: its path under the dataset's root.
#[derive(Debug, Clone)]
pub struct Written {
    pub file: String,
    pub bytes: u64,
    /// SHA-256 of its bytes: known for the files a run wrote itself, not
    /// for the parts of a Delta table other runs (shards) wrote.
    pub sha256: Option<String>,
    /// The rows it holds, for a table.
    pub rows: Option<u64>,
}

impl Written {
    pub fn file(file: &str, checksum: Checksum) -> Written {
        Written {
            file: file.to_string(),
            bytes: checksum.bytes,
            sha256: Some(checksum.sha256),
            rows: None,
        }
    }

    pub fn table(file: String, checksum: Checksum, rows: u64) -> Written {
        Written {
            rows: Some(rows),
            ..Written::file(&file, checksum)
        }
    }
}

/// A writer that hashes and counts what passes through it.
pub struct Hashed<W> {
    inner: W,
    hasher: Sha256,
    bytes: u64,
}

impl<W: Write> Hashed<W> {
    pub fn new(inner: W) -> Hashed<W> {
        Hashed {
            inner,
            hasher: Sha256::new(),
            bytes: 0,
        }
    }

    pub fn finish(self) -> (W, Checksum) {
        let sha256 = crate::model::hex(&self.hasher.finalize());
        let checksum = Checksum {
            bytes: self.bytes,
            sha256,
        };
        (self.inner, checksum)
    }
}

impl<W: Write> Write for Hashed<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}
