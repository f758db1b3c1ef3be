//! read: input discovery and bytes -> text.
//!
//! Inputs are files, directories (walked recursively, hidden entries
//! skipped) or globs, always in sorted order. Decoding never guesses
//! silently: UTF-8 (BOM stripped) and UTF-16 with a BOM are read as such;
//! other non-UTF-8 text is decoded as Windows-1252 with a warning; binary
//! files, empty files and oversized files are rejected with a reason.

use std::path::{Path, PathBuf};

use crate::model::Warning;

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

/// Expands one entry of `[read] inputs` (or `--input`). An entry that
/// matches nothing is an error: a typo must not produce an empty dataset.
pub fn expand_input(base: &Path, pattern: &str) -> Result<Vec<Input>, String> {
    let joined = if base == Path::new(".") {
        PathBuf::from(pattern)
    } else {
        base.join(pattern)
    };
    if joined.is_file() {
        return Ok(vec![Input { path: joined }]);
    }
    if joined.is_dir() {
        let mut found = Vec::new();
        let walker = walkdir::WalkDir::new(&joined)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        for entry in walker {
            let entry =
                entry.map_err(|e| format!("cannot walk input directory `{pattern}`: {e}"))?;
            if entry.file_type().is_file() {
                found.push(Input {
                    path: entry.into_path(),
                });
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
    let mut found = Vec::new();
    for path in paths {
        let path = path.map_err(|e| format!("cannot read a match of `{pattern}`: {e}"))?;
        if path.is_file() {
            found.push(Input { path });
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

#[cfg(test)]
mod tests {
    use super::*;

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
