//! Checks and conversions of single configuration values: licences,
//! the IRI base, themes and languages, numbers, and where inputs read from.

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

use crate::model::LicenceTerms;

/// Licences open data is commonly published under: SPDX identifier, the
/// URL portals know it by (CKAN's licence register matches on it), title
/// and ADMS licence types.
const LICENCES: &[(&str, &str, LicenceTerms)] = &[
    (
        "OGL-UK-3.0",
        "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
        LicenceTerms {
            title: "Open Government Licence v3.0",
            kinds: &["Attribution"],
        },
    ),
    (
        "CC-BY-4.0",
        "https://creativecommons.org/licenses/by/4.0/",
        LicenceTerms {
            title: "Creative Commons Attribution 4.0 International",
            kinds: &["Attribution"],
        },
    ),
    (
        "CC0-1.0",
        "https://creativecommons.org/publicdomain/zero/1.0/",
        LicenceTerms {
            title: "Creative Commons Zero v1.0 Universal",
            kinds: &["PublicDomain"],
        },
    ),
    (
        "ODbL-1.0",
        "https://opendatacommons.org/licenses/odbl/1-0/",
        LicenceTerms {
            title: "Open Data Commons Open Database License v1.0",
            kinds: &["Attribution", "ShareAlike"],
        },
    ),
    (
        "PDDL-1.0",
        "https://opendatacommons.org/licenses/pddl/1-0/",
        LicenceTerms {
            title: "Open Data Commons Public Domain Dedication and License v1.0",
            kinds: &["PublicDomain"],
        },
    ),
];

/// A licence identifier or URL -> its URL and, for a known licence, its
/// title. A known licence given by its http:// URL gets its https:// one.
pub fn licence(licence: &str) -> Result<(String, Option<LicenceTerms>), String> {
    let known: Vec<_> = LICENCES.iter().map(|(id, _, _)| *id).collect();
    if licence.is_empty() {
        return Err(format!(
            "[council] licence is required: the licence the council publishes its pages under, \
             as an SPDX identifier ({}) or a URL",
            known.join(", ")
        ));
    }
    let found = LICENCES.iter().find(|(id, url, _)| {
        id.eq_ignore_ascii_case(licence)
            || url.strip_prefix("https://") == licence.strip_prefix("http://")
            || *url == licence
    });
    if let Some((_, url, terms)) = found {
        return Ok((url.to_string(), Some(*terms)));
    }
    if licence.starts_with("http://") || licence.starts_with("https://") {
        return Ok((licence.to_string(), None));
    }
    Err(format!(
        "[council] licence {licence:?} is not a known SPDX identifier ({}) or a URL",
        known.join(", ")
    ))
}

/// The IRI namespace of every node and file: `[publish] base_iri`, where
/// the dataset will be served, or else a URN under the council identifier
/// (which nobody can dereference; the run's summary says so).
pub fn base_iri(configured: &str, identifier: &str) -> Result<String, String> {
    let base = configured.trim();
    if base.is_empty() {
        return Ok(format!("urn:council-etl:{}:", identifier.trim()));
    }
    let rest = base
        .strip_prefix("https://")
        .or_else(|| base.strip_prefix("http://"));
    let host = rest.map_or("", |r| r.split(['/', '?', '#']).next().unwrap_or(""));
    let bad = |why: &str| {
        Err(format!(
            "[publish] base_iri must be an absolute http(s) IRI such as \"https://data.example.gov.uk/decisions/\" ({why}), got {base:?}"
        ))
    };
    if rest.is_none() {
        return bad("no http:// or https:// scheme");
    }
    if host.is_empty() || host.starts_with(['.', '-', ':']) {
        return bad("no host");
    }
    if base
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || "<>\"{}|\\^`".contains(c))
    {
        return bad("spaces or characters not allowed in an IRI");
    }
    if base.contains(['?', '#']) {
        return bad("a query or fragment; file names are appended to it");
    }
    Ok(if base.ends_with('/') {
        base.to_string()
    } else {
        format!("{base}/")
    })
}

/// The EU data themes (the Publications Office's data-theme authority
/// table), which DCAT-AP asks a dataset to be filed under.
pub const DATA_THEMES: &[&str] = &[
    "AGRI",
    "ECON",
    "EDUC",
    "ENER",
    "ENVI",
    "GOVE",
    "HEAL",
    "INTR",
    "JUST",
    "OP_DATPRO",
    "REGI",
    "SOCI",
    "TECH",
    "TRAN",
];

/// An EU data theme code, checked against [`DATA_THEMES`].
pub fn data_theme(theme: &str) -> Result<String, String> {
    let code = theme.trim().to_ascii_uppercase();
    if DATA_THEMES.contains(&code.as_str()) {
        Ok(code)
    } else {
        Err(format!(
            "[publish] themes: {theme:?} is not an EU data theme; use one of {}",
            DATA_THEMES.join(", ")
        ))
    }
}

/// A language code of the EU language authority table (three capital
/// letters: ENG, CYM for Welsh, GLA for Scottish Gaelic, GLE for Irish).
pub fn language(code: &str) -> Result<String, String> {
    let code = code.trim().to_ascii_uppercase();
    if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(code)
    } else {
        Err(format!(
            "[publish] languages: {code:?} is not a three-letter EU language code such as ENG or CYM"
        ))
    }
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
        let (url, title) = licence("OGL-UK-3.0").unwrap();
        assert!(url.starts_with("https://www.nationalarchives.gov.uk/"));
        assert_eq!(title.unwrap().title, "Open Government Licence v3.0");
        let http = url.replacen("https://", "http://", 1);
        assert_eq!(licence(&http).unwrap(), (url, title));
        assert_eq!(
            licence("https://x.org/l").unwrap(),
            ("https://x.org/l".into(), None)
        );
        assert!(licence("MIT-ish").unwrap_err().contains("CC-BY-4.0"));
        assert!(licence("").unwrap_err().contains("required"));
    }

    #[test]
    fn iri_base_is_checked_and_closed() {
        assert_eq!(base_iri("", "E1").unwrap(), "urn:council-etl:E1:");
        assert_eq!(
            base_iri("https://d.gov.uk/x", "E1").unwrap(),
            "https://d.gov.uk/x/"
        );
        assert_eq!(
            base_iri("http://d.gov.uk/", "E1").unwrap(),
            "http://d.gov.uk/"
        );
        for bad in [
            "data/x",
            "urn:x:",
            "https:///x",
            "https://d.gov.uk/a b",
            "https://d/x?y=1",
            "ftp://d/",
        ] {
            assert!(base_iri(bad, "E1").is_err(), "{bad}");
        }
    }

    #[test]
    fn themes_and_languages_are_codes() {
        assert_eq!(data_theme("gove").unwrap(), "GOVE");
        assert!(data_theme("POLITICS").unwrap_err().contains("GOVE"));
        assert_eq!(language("cym").unwrap(), "CYM");
        assert!(language("en-GB").is_err());
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
