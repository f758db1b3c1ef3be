//! Checks and conversions of single configuration values: licences,
//! the IRI base, numbers, and where inputs read from.

use std::path::{Path, PathBuf};

/// The directory tree an input reads: a directory input (walked
/// recursively), or the fixed prefix of a recursive glob ("data/**/*.txt"
/// -> "data"). `None` for files and one-level globs, which cannot reach
/// into a dataset directory.
pub fn input_root(base: &Path, pattern: &str) -> Option<PathBuf> {
    let path = base.join(pattern);
    if !pattern.contains("**") {
        return path.is_dir().then_some(path);
    }
    let mut root = PathBuf::new();
    for part in path.components() {
        if part.as_os_str().to_string_lossy().contains(['*', '?', '[']) {
            break;
        }
        root.push(part);
    }
    Some(root)
}

/// An absolute path with `.` and `..` resolved without touching the disk
/// (the output directory may not exist yet).
pub fn lexical_absolute(path: &Path) -> PathBuf {
    let joined = std::env::current_dir().unwrap_or_default().join(path);
    let mut out = PathBuf::new();
    for part in joined.components() {
        match part {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Licences open data is commonly published under: SPDX identifier -> URL.
const LICENCES: &[(&str, &str)] = &[
    (
        "OGL-UK-3.0",
        "http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
    ),
    ("CC-BY-4.0", "https://creativecommons.org/licenses/by/4.0/"),
    (
        "CC0-1.0",
        "https://creativecommons.org/publicdomain/zero/1.0/",
    ),
    ("ODbL-1.0", "https://opendatacommons.org/licenses/odbl/1-0/"),
    ("PDDL-1.0", "https://opendatacommons.org/licenses/pddl/1-0/"),
];

/// A licence identifier or URL -> its URL.
pub fn licence_url(licence: &str) -> Result<String, String> {
    if licence.starts_with("http://") || licence.starts_with("https://") {
        return Ok(licence.to_string());
    }
    LICENCES
        .iter()
        .find(|(id, _)| id.eq_ignore_ascii_case(licence))
        .map(|(_, url)| url.to_string())
        .ok_or_else(|| {
            let known: Vec<_> = LICENCES.iter().map(|(id, _)| *id).collect();
            format!(
                "[council] licence {licence:?} is not a known SPDX identifier ({}) or a URL",
                known.join(", ")
            )
        })
}

/// The IRI namespace: as configured, or a URN under the council identifier
/// (set a resolvable http(s) namespace before publishing).
pub fn base_uri(configured: &str, identifier: &str) -> Result<String, String> {
    let base = configured.trim();
    if base.is_empty() {
        return Ok(format!("urn:council-etl:{}:", identifier.trim()));
    }
    let scheme_ok = ["http://", "https://", "urn:"]
        .iter()
        .any(|scheme| base.starts_with(scheme));
    if !scheme_ok || base.contains(char::is_whitespace) {
        return Err(format!(
            "[council] base_uri must be an http(s):// or urn: IRI without spaces, got {base:?}"
        ));
    }
    Ok(if base.ends_with(['/', '#', ':']) {
        base.to_string()
    } else {
        format!("{base}/")
    })
}

/// A number of things, between `min` and `max`.
pub fn bounded(v: i64, name: &str, min: usize, max: usize) -> Result<usize, String> {
    match usize::try_from(v) {
        Ok(n) if n < min => Err(format!("{name} must be at least {min}, got {v}")),
        Ok(n) if n > max => Err(format!("{name} must be at most {max}, got {v}")),
        Ok(n) => Ok(n),
        Err(_) => Err(format!("{name} must be at least {min}, got {v}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn licences_by_identifier_or_url() {
        assert!(
            licence_url("OGL-UK-3.0")
                .unwrap()
                .contains("open-government-licence")
        );
        assert_eq!(licence_url("https://x.org/l").unwrap(), "https://x.org/l");
        assert!(licence_url("MIT-ish").unwrap_err().contains("CC-BY-4.0"));
    }

    #[test]
    fn iri_base_is_checked_and_closed() {
        assert_eq!(base_uri("", "E1").unwrap(), "urn:council-etl:E1:");
        assert_eq!(
            base_uri("https://d.gov.uk/x", "E1").unwrap(),
            "https://d.gov.uk/x/"
        );
        assert!(base_uri("data/x", "E1").is_err());
    }

    #[test]
    fn only_recursive_inputs_have_a_root() {
        let base = Path::new("/nowhere");
        assert_eq!(input_root(base, "*.txt"), None);
        assert_eq!(
            input_root(base, "in/**/*.txt"),
            Some(PathBuf::from("/nowhere/in"))
        );
        assert_eq!(
            lexical_absolute(Path::new("/a/./b/../c")),
            PathBuf::from("/a/c")
        );
    }
}
