//! `pipeline.toml` as written: the raw tables and keys with their
//! defaults, read so that every problem in the file is found in one pass,
//! each with its line and column.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::{ConfigError, ConfigErrors};

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub(super) struct RawConfig {
    pub(super) council: Councils,
    pub(super) run: RawRun,
    pub(super) read: RawRead,
    pub(super) clean: RawClean,
    pub(super) parse: RawParse,
    pub(super) enrich: RawEnrich,
    pub(super) link: RawLink,
    pub(super) write: RawWrite,
    pub(super) publish: RawPublish,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(default)]
pub(super) struct RawCouncil {
    pub(super) name: String,
    pub(super) identifier: String,
    pub(super) base_url: String,
    pub(super) licence: Spanned<String>,
    pub(super) attribution: String,
    /// A `[[council]]`'s own inputs.
    pub(super) inputs: Vec<Spanned<String>>,
}

/// `[council]` (one council; inputs in `[read]`) or `[[council]]` (several,
/// each with its inputs, written into one Delta dataset).
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub(super) enum Councils {
    One(RawCouncil),
    Many(Vec<RawCouncil>),
}

impl Default for Councils {
    fn default() -> Self {
        Councils::One(RawCouncil::default())
    }
}

/// By hand rather than `untagged`: the entries are read straight from the
/// TOML deserializer, which keeps their keys' line and column (`Spanned`),
/// where an untagged enum would buffer them first and lose both.
impl<'de> Deserialize<'de> for Councils {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Councils, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Councils;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a [council] table or [[council]] tables")
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Councils, A::Error> {
                let de = serde::de::value::MapAccessDeserializer::new(map);
                RawCouncil::deserialize(de).map(Councils::One)
            }

            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<Councils, A::Error> {
                let de = serde::de::value::SeqAccessDeserializer::new(seq);
                Vec::<RawCouncil>::deserialize(de).map(Councils::Many)
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

impl Default for RawCouncil {
    fn default() -> Self {
        RawCouncil {
            name: String::new(),
            identifier: String::new(),
            base_url: String::new(),
            licence: Spanned::new(0..0, String::new()),
            attribution: String::new(),
            inputs: Vec::new(),
        }
    }
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(default)]
pub(super) struct RawRun {
    pub(super) threads: Spanned<i64>,
    pub(super) batch_size: Spanned<i64>,
    pub(super) max_rejected: Spanned<i64>,
}

impl Default for RawRun {
    fn default() -> Self {
        RawRun {
            threads: Spanned::new(0..0, 0),
            batch_size: Spanned::new(0..0, 256),
            max_rejected: Spanned::new(0..0, 0),
        }
    }
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(default)]
pub(super) struct RawRead {
    pub(super) inputs: Vec<Spanned<String>>,
    pub(super) max_document_bytes: Spanned<i64>,
    pub(super) attendee_party_and_ward: bool,
}

impl Default for RawRead {
    fn default() -> Self {
        RawRead {
            inputs: Vec::new(),
            max_document_bytes: Spanned::new(0..0, 64 << 20),
            attendee_party_and_ward: false,
        }
    }
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(default)]
pub(super) struct RawClean {
    pub(super) bullets: Vec<String>,
}

impl Default for RawClean {
    fn default() -> Self {
        RawClean {
            bullets: ["·", "•", "▪", "◦", "o"].map(String::from).to_vec(),
        }
    }
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(default)]
pub(super) struct RawParse {
    pub(super) minutes_labels: Vec<String>,
    pub(super) resolution_words: Vec<String>,
}

impl Default for RawParse {
    fn default() -> Self {
        RawParse {
            minutes_labels: ["Minutes", "Cofnod", "Cofnodion"]
                .map(String::from)
                .to_vec(),
            resolution_words: [
                "RESOLVED",
                "AGREED",
                "DECIDED",
                "RECOMMENDED",
                "ORDERED",
                "Penderfynwyd",
            ]
            .map(String::from)
            .to_vec(),
        }
    }
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(default)]
pub(super) struct RawEnrich {
    pub(super) item_kind: bool,
    pub(super) meeting_date: bool,
    pub(super) body: bool,
    pub(super) default_body: String,
    pub(super) clause_action: bool,
    pub(super) money: bool,
    pub(super) references: bool,
    pub(super) mentions: bool,
    pub(super) organisations: Vec<String>,
    pub(super) statutory: bool,
    pub(super) topics: bool,
    pub(super) topic_keywords: BTreeMap<String, Vec<String>>,
}

impl Default for RawEnrich {
    fn default() -> Self {
        RawEnrich {
            item_kind: true,
            meeting_date: true,
            body: true,
            default_body: String::new(),
            clause_action: true,
            money: true,
            references: true,
            mentions: true,
            organisations: Vec::new(),
            statutory: true,
            topics: true,
            topic_keywords: BTreeMap::new(),
        }
    }
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(default)]
pub(super) struct RawLink {
    pub(super) matters: bool,
    pub(super) matter_window_days: Spanned<i64>,
}

impl Default for RawLink {
    fn default() -> Self {
        RawLink {
            matters: true,
            matter_window_days: Spanned::new(0..0, 180),
        }
    }
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(default)]
pub(super) struct RawWrite {
    pub(super) out_dir: Spanned<String>,
    pub(super) row_group_size: Spanned<i64>,
    pub(super) zstd_level: Spanned<i64>,
    pub(super) csv: bool,
    pub(super) format: Spanned<String>,
    pub(super) vacuum_hours: Spanned<i64>,
}

impl Default for RawWrite {
    fn default() -> Self {
        RawWrite {
            out_dir: Spanned::new(0..0, "out".into()),
            row_group_size: Spanned::new(0..0, 65_536),
            zstd_level: Spanned::new(0..0, 3),
            csv: false,
            format: Spanned::new(0..0, "files".into()),
            vacuum_hours: Spanned::new(0..0, 168),
        }
    }
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(default)]
pub(super) struct RawPublish {
    pub(super) base_iri: Spanned<String>,
    pub(super) publisher: String,
    pub(super) themes: Vec<Spanned<String>>,
    pub(super) languages: Vec<Spanned<String>>,
    pub(super) contact_name: Spanned<String>,
    pub(super) contact_url: Spanned<String>,
}

impl Default for RawPublish {
    fn default() -> Self {
        RawPublish {
            base_iri: Spanned::new(0..0, String::new()),
            publisher: String::new(),
            themes: vec![Spanned::new(0..0, "GOVE".into())],
            languages: vec![Spanned::new(0..0, "ENG".into())],
            contact_name: Spanned::new(0..0, String::new()),
            contact_url: Spanned::new(0..0, String::new()),
        }
    }
}

/// The raw configuration and the unknown keys in it. A value of the wrong
/// type is an error; its key is then blanked out of a copy of the text
/// (spaces, so every later position stays where it was) and the rest read
/// again, so that every type error in the file is reported at once, not
/// only the first. A syntax error stops reading (nothing after it can be
/// trusted).
pub(super) fn deserialize(
    text: &str,
    file: &str,
    errors: &mut Vec<ConfigError>,
) -> Result<(RawConfig, Vec<String>), ConfigErrors> {
    let mut text_left = text.to_string();
    loop {
        let mut unknown = Vec::new();
        let fatal = |e: toml::de::Error, errors: &mut Vec<ConfigError>| {
            errors.push(toml_error(e, text, file));
            ConfigErrors(std::mem::take(errors))
        };
        let de = toml::Deserializer::parse(&text_left).map_err(|e| fatal(e, errors))?;
        match serde_ignored::deserialize(de, |path| unknown.push(path.to_string())) {
            Ok(raw) => return Ok((raw, unknown)),
            Err(e) => {
                let entry = e
                    .span()
                    .and_then(|span| entry_around(&text_left, span.start));
                let Some(entry) = entry.filter(|_| errors.len() < 100) else {
                    return Err(fatal(e, errors));
                };
                errors.push(toml_error(e, text, file));
                // One space per byte (newlines kept), so that every later
                // error's byte offset, and so its line and column, is the
                // same in the blanked copy as in the file.
                let blank: String = text_left[entry.clone()]
                    .chars()
                    .map(|c| match c {
                        '\n' => "\n".to_string(),
                        c => " ".repeat(c.len_utf8()),
                    })
                    .collect();
                text_left.replace_range(entry, &blank);
            }
        }
    }
}

/// The span of the `key = value` entry whose value holds `offset`, the
/// innermost when tables nest.
fn entry_around(text: &str, offset: usize) -> Option<std::ops::Range<usize>> {
    fn search(table: &toml::de::DeTable, offset: usize) -> Option<std::ops::Range<usize>> {
        for (key, value) in table {
            // A table's own span may cover only its header: look inside
            // every table, and test the span of plain values only.
            if let Some(inner) = value.get_ref().as_table() {
                if let Some(found) = search(inner, offset) {
                    return Some(found);
                }
                continue;
            }
            let span = value.span();
            if span.start <= offset && offset < span.end.max(span.start + 1) {
                return Some(key.span().start..span.end);
            }
        }
        None
    }
    let doc = toml::de::DeTable::parse(text).ok()?;
    search(doc.get_ref(), offset)
}

fn toml_error(e: toml::de::Error, text: &str, file: &str) -> ConfigError {
    ConfigError {
        file: file.to_string(),
        position: e.span().map(|s| line_col(text, s.start)),
        message: e.message().trim().to_string(),
    }
}

/// "read.inptus" -> "unknown key `inptus` in [read]; known keys: ...".
pub(super) fn unknown_key_message(path: &str) -> String {
    if path == "council.base_uri" {
        return "`base_uri` moved to [publish] base_iri (an absolute http(s) IRI)".into();
    }
    let known = toml::Table::try_from(RawConfig::default()).unwrap_or_default();
    let (section, key) = path.split_once('.').unwrap_or(("", path));
    match known.get(section).and_then(|v| v.as_table()) {
        Some(table) => format!(
            "unknown key `{key}` in [{section}]; known keys: {}",
            table.keys().cloned().collect::<Vec<_>>().join(", ")
        ),
        None => format!(
            "unknown table or key `{path}`; known tables: {}",
            known.keys().cloned().collect::<Vec<_>>().join(", ")
        ),
    }
}

/// Finds where a dotted key path is written, for error positions.
pub(super) fn key_span(text: &str, path: &str) -> Option<std::ops::Range<usize>> {
    let doc = toml::de::DeTable::parse(text).ok()?;
    let mut table = doc.get_ref();
    let mut parts = path.split('.').peekable();
    while let Some(part) = parts.next() {
        let (key, value) = table.get_key_value(part)?;
        if parts.peek().is_none() {
            return Some(key.span());
        }
        table = value.get_ref().as_table()?;
    }
    None
}

pub(super) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before
        .rfind('\n')
        .map_or(before.len(), |nl| before.len() - nl - 1)
        + 1;
    (line, col)
}
