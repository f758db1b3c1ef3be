//! read: input discovery and bytes -> text.
//!
//! Inputs are files, directories (walked recursively, hidden entries
//! skipped) or globs, always in sorted order. Decoding never guesses
//! silently: UTF-8 (BOM stripped) and UTF-16 with a BOM are read as such;
//! other non-UTF-8 text is decoded as Windows-1252 with a warning; binary
//! files, empty files and oversized files are rejected with a reason.

use std::ffi::OsStr;
use std::path::{Component, Path, PathBuf};

use crate::model::Warning;

pub mod format;
pub mod html;

/// One file to process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub path: PathBuf,
}

impl Input {
    /// The path as the user gave it, recorded in `source_documents.path`.
    pub fn display(&self) -> String {
        self.path.to_string_lossy().into_owned()
    }
}

/// The files to process, in sorted order (components compared, as
/// `Path` does), each once. Held for the whole run, so compactly: each
/// file is its file name in one shared buffer and an index to its
/// directory, about 8 bytes and its name's. A `PathBuf` a file took about
/// 90 bytes with the allocator's share: 11 MB of the heap on 122 669
/// pages (heaptrack), so about 180 MB on 2 million.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Inputs {
    dirs: Vec<PathBuf>,
    /// The file names, back to back, as `OsStr::as_encoded_bytes`.
    names: Vec<u8>,
    /// Per file: its directory in `dirs` and where its name ends in `names`.
    files: Vec<(u32, u32)>,
}

impl Inputs {
    /// Sorts and de-duplicates paths gathered in any order; paths already in
    /// order (one directory or file, the usual case) are not copied again.
    pub fn from_unsorted(found: Inputs) -> Inputs {
        let in_order = (1..found.len()).all(|i| found.cmp_at(i - 1, i).is_lt());
        if in_order {
            return found;
        }
        let mut paths: Vec<PathBuf> = found.iter().map(|input| input.path).collect();
        drop(found);
        paths.sort();
        paths.dedup();
        let mut sorted = Inputs::default();
        for path in paths {
            sorted.push(path);
        }
        sorted
    }

    /// Adds a file's path (a file name, possibly with its directory).
    pub fn push(&mut self, path: PathBuf) {
        let (dir, name) = match (path.parent(), path.file_name()) {
            (Some(dir), Some(name)) => (dir, name),
            // No file name ("..", "/"): kept whole, as its own directory.
            _ => (path.as_path(), OsStr::new("")),
        };
        if self.dirs.last().map(PathBuf::as_path) != Some(dir) {
            self.dirs.push(dir.to_path_buf());
        }
        self.names.extend_from_slice(name.as_encoded_bytes());
        let dir = u32::try_from(self.dirs.len() - 1).expect("fewer than 2^32 directories");
        let end = u32::try_from(self.names.len()).expect("under 4 GiB of file names");
        self.files.push((dir, end));
    }

    pub fn append(&mut self, other: Inputs) {
        if self.is_empty() {
            *self = other;
            return;
        }
        for input in other.iter() {
            self.push(input.path);
        }
    }

    /// The inputs `keep` says yes to, in the same order.
    pub fn retain(self, mut keep: impl FnMut(&Path) -> bool) -> Inputs {
        let mut kept = Inputs::default();
        for input in self.iter().filter(|input| keep(&input.path)) {
            kept.push(input.path);
        }
        kept
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The `index`th file.
    pub fn get(&self, index: usize) -> Input {
        let (dir, name) = self.parts(index);
        Input {
            path: if name.is_empty() {
                dir.to_path_buf()
            } else {
                dir.join(name)
            },
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = Input> + '_ {
        (0..self.len()).map(|index| self.get(index))
    }

    fn parts(&self, index: usize) -> (&Path, &OsStr) {
        let (dir, end) = self.files[index];
        let start = index
            .checked_sub(1)
            .map_or(0, |before| self.files[before].1);
        let bytes = &self.names[start as usize..end as usize];
        // SAFETY: `bytes` is exactly what `as_encoded_bytes` gave for one
        // whole `OsStr` in `push`: the buffer is only ever appended to.
        let name = unsafe { OsStr::from_encoded_bytes_unchecked(bytes) };
        (&self.dirs[dir as usize], name)
    }

    /// `Path`'s order of the `a`th and `b`th files, without building them.
    fn cmp_at(&self, a: usize, b: usize) -> std::cmp::Ordering {
        let ((dir_a, name_a), (dir_b, name_b)) = (self.parts(a), self.parts(b));
        if dir_a == dir_b {
            return name_a.cmp(name_b);
        }
        components(dir_a, name_a).cmp(components(dir_b, name_b))
    }
}

/// A path's components, given as its directory and file name.
fn components<'a>(dir: &'a Path, name: &'a OsStr) -> impl Iterator<Item = Component<'a>> {
    let name = (!name.is_empty()).then_some(Component::Normal(name));
    dir.components().chain(name)
}

/// Expands one entry of `[read] inputs` (or `--input`); the caller puts
/// all entries' files in order ([`Inputs::from_unsorted`]). An entry that
/// matches nothing is an error: a typo must not produce an empty dataset.
pub fn expand_input(base: &Path, pattern: &str) -> Result<Inputs, String> {
    let joined = if base == Path::new(".") {
        PathBuf::from(pattern)
    } else {
        base.join(pattern)
    };
    let mut found = Inputs::default();
    if joined.is_file() {
        found.push(joined);
        return Ok(found);
    }
    if joined.is_dir() {
        // Each directory's entries sorted by name, depth first: that is
        // `Path` order.
        let walker = walkdir::WalkDir::new(&joined)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        for entry in walker {
            let entry =
                entry.map_err(|e| format!("cannot walk input directory `{pattern}`: {e}"))?;
            if entry.file_type().is_file() {
                found.push(entry.into_path());
            }
        }
        return if found.is_empty() {
            Err(format!("input directory `{pattern}` holds no files"))
        } else {
            Ok(found)
        };
    }
    let is_glob = pattern.contains(['*', '?', '[']);
    if !is_glob {
        return Err(format!(
            "input `{pattern}` does not exist (resolved to `{}`)",
            joined.display()
        ));
    }
    let paths = glob::glob(&joined.to_string_lossy())
        .map_err(|e| format!("input pattern `{pattern}` is not a valid glob: {e}"))?;
    for path in paths {
        let path = path.map_err(|e| format!("cannot read a match of `{pattern}`: {e}"))?;
        if path.is_file() {
            found.push(path);
        }
    }
    if found.is_empty() {
        return Err(format!(
            "input pattern `{pattern}` matches no files (resolved to `{}`)",
            joined.display()
        ));
    }
    Ok(found)
}

/// Text decoded from one file, with any warnings decoding produced.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub warnings: Vec<Warning>,
}

/// Turns raw bytes into text, or says why that is not possible.
pub fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    if bytes.is_empty() {
        return Err("empty file".into());
    }
    let (encoding, bom_len) = match encoding_rs::Encoding::for_bom(bytes) {
        Some((enc, len)) => (Some(enc), len),
        None => (None, 0),
    };
    if let Some(enc) = encoding.filter(|e| *e != encoding_rs::UTF_8) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            return Err(format!("invalid {} text", enc.name()));
        }
        return finish(text.into_owned(), Vec::new());
    }
    let body = &bytes[bom_len..];
    if let Some(kind) = binary_kind(body) {
        return Err(format!("binary file ({kind}), not a text page"));
    }
    match std::str::from_utf8(body) {
        Ok(text) => finish(text.to_string(), Vec::new()),
        Err(e) => {
            let at = e.valid_up_to();
            let line = memchr::memchr_iter(b'\n', &body[..at]).count() as u32 + 1;
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(body);
            let warning = Warning {
                line: Some(line),
                code: "decoded_windows_1252",
                message: format!(
                    "not valid UTF-8 (first bad byte at offset {at}); decoded as Windows-1252"
                ),
            };
            finish(text.into_owned(), vec![warning])
        }
    }
}

fn finish(text: String, warnings: Vec<Warning>) -> Result<Decoded, String> {
    if text.trim().is_empty() {
        return Err("file holds only white space".into());
    }
    Ok(Decoded { text, warnings })
}

/// Recognises files that are certainly not text pages. Like ripgrep, a NUL
/// byte near the start means binary.
fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"%PDF-", "PDF document"),
        (b"PK\x03\x04", "ZIP archive or Office document"),
        (b"\xD0\xCF\x11\xE0", "legacy Office document"),
        (b"\x89PNG", "PNG image"),
        (b"\xFF\xD8\xFF", "JPEG image"),
        (b"GIF8", "GIF image"),
        (b"\x1F\x8B", "gzip archive"),
    ];
    if let Some((_, kind)) = MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return Some(kind);
    }
    let head = &bytes[..bytes.len().min(8192)];
    memchr::memchr(0, head).map(|_| "contains NUL bytes")
}

/// A whole input file, its path looked up once, not for a stat and again
/// to read (B100's 77 000 small pages spend ~5 % of a run in the kernel's
/// path lookups, stat, open and read). Never more than `limit` bytes are
/// read, so a file that grows while it is read is cut off and rejected,
/// not read without end. Err is (size, reason).
pub fn read_bounded(path: &std::path::Path, limit: u64) -> Result<Vec<u8>, (u64, String)> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn inputs_come_out_in_path_order_once_each() {
        let given = [
            "in/b.txt",
            "in/b/c.txt",
            "in/a.txt",
            "in/b-x.txt",
            "top.txt",
            "in/b/c.txt",
            "in/b/a/z.txt",
            "in/a.txt",
        ];
        let mut found = Inputs::default();
        for path in given {
            found.push(PathBuf::from(path));
        }
        let inputs = Inputs::from_unsorted(found);
        let mut expected: Vec<PathBuf> = given.iter().map(PathBuf::from).collect();
        expected.sort();
        expected.dedup();
        let got: Vec<PathBuf> = inputs.iter().map(|i| i.path).collect();
        assert_eq!(got, expected);
        assert_eq!(inputs.len(), 6);
        assert_eq!(inputs.get(0).path, Path::new("in/a.txt"));
    }

    #[cfg(unix)]
    #[test]
    fn inputs_keep_names_that_are_not_utf8() {
        use std::os::unix::ffi::OsStrExt;
        let odd = Path::new("in").join(OsStr::from_bytes(b"caf\xe9.txt"));
        let mut inputs = Inputs::default();
        inputs.push(odd.clone());
        inputs.push(PathBuf::from("in/d.txt"));
        assert_eq!(inputs.get(0).path, odd);
        assert_eq!(inputs.get(1).path, Path::new("in/d.txt"));
    }

    #[test]
    fn utf8_bom_is_stripped() {
        let d = decode("\u{feff}Agenda".as_bytes()).unwrap();
        assert_eq!(d.text, "Agenda");
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Venue: £5".encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        assert_eq!(decode(&bytes).unwrap().text, "Venue: £5");
    }

    #[test]
    fn windows_1252_is_decoded_with_a_warning() {
        let d = decode(b"Cost \xA3100 \x96 \x93ok\x94\nnext").unwrap();
        assert_eq!(d.text, "Cost £100 – “ok”\nnext");
        assert_eq!(d.warnings[0].code, "decoded_windows_1252");
        assert_eq!(d.warnings[0].line, Some(1));
    }

    #[test]
    fn empty_blank_and_binary_files_are_rejected_with_reasons() {
        assert_eq!(decode(b"").unwrap_err(), "empty file");
        assert_eq!(
            decode(b" \n\t\n").unwrap_err(),
            "file holds only white space"
        );
        assert!(
            decode(b"%PDF-1.7 ...")
                .unwrap_err()
                .contains("PDF document")
        );
        assert!(decode(b"abc\0def").unwrap_err().contains("NUL"));
    }
}
