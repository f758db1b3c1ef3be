//! What a data portal reads to publish the dataset: `catalog.jsonld`
//! (DCAT-AP 3, as CKAN's ckanext-dcat and data.gov.uk harvest it) and
//! `datapackage.json` (Frictionless Data Package with Table Schemas).
//!
//! Both describe the finished files: sizes and SHA-256 checksums are
//! those of the bytes written ([`Hashed`] hashes them on the way to disk,
//! instead of reading every file again at the end). Only the catalog
//! carries the run time (`dct:issued`, `dct:modified`), and it honours
//! `SOURCE_DATE_EPOCH` for reproducible builds; everything else is a
//! function of the input and the config.

use std::fs::File;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use chrono::{DateTime, NaiveDate};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::tables::TABLES;
use crate::model::Council;

/// The dataset's time span, from the meeting dates seen while writing.
#[derive(Debug, Default, Clone, Copy)]
pub struct Coverage {
    pub first: Option<NaiveDate>,
    pub last: Option<NaiveDate>,
}

impl Coverage {
    pub fn add(&mut self, date: NaiveDate) {
        self.first = Some(self.first.map_or(date, |d| d.min(date)));
        self.last = Some(self.last.map_or(date, |d| d.max(date)));
    }
}

pub const JSONLD_FILE: &str = "dataset.jsonld";
pub const CATALOG_FILE: &str = "catalog.jsonld";
pub const DATAPACKAGE_FILE: &str = "datapackage.json";

const PARQUET_MEDIA_TYPE: &str = "application/vnd.apache.parquet";
const JSONLD_MEDIA_TYPE: &str = "application/ld+json";

/// `datapackage.json`: one resource per Parquet table.
pub fn datapackage(c: &Council) -> Value {
    let mut resources = Vec::new();
    for table in TABLES {
        let path = format!("{}.parquet", table.name);
        let fields: Vec<Value> = table
            .columns
            .iter()
            .map(|c| {
                let mut field = json!({
                    "name": c.name,
                    "type": c.ty.frictionless(),
                    "description": c.doc,
                });
                if !c.nullable {
                    field["constraints"] = json!({ "required": true });
                }
                field
            })
            .collect();
        // Frictionless reads Parquet through pandas, where a null in an
        // integer column becomes NaN: both mean "no value".
        let mut table_schema = json!({ "fields": fields, "missingValues": ["", "nan"] });
        if !table.primary_key.is_empty() {
            table_schema["primaryKey"] = json!(table.primary_key);
        }
        if !table.foreign_keys.is_empty() {
            table_schema["foreignKeys"] = (table.foreign_keys.iter())
                .map(|fk| {
                    let fields = fk.columns;
                    json!({ "fields": fields, "reference": { "resource": fk.table, "fields": fields } })
                })
                .collect();
        }
        // Sizes and checksums are in the catalog: Frictionless reads Parquet
        // through pyarrow and cannot check byte counts of binary files.
        resources.push(json!({
            "name": table.name,
            "description": table.doc,
            "path": path,
            "format": "parquet",
            "mediatype": PARQUET_MEDIA_TYPE,
            "schema": table_schema,
        }));
    }
    json!({
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": package_name(c),
        "title": title(c),
        "description": description(c),
        "licenses": [{ "name": c.licence, "path": c.licence_url }],
        "sources": [{
            "title": format!("{} democracy website (ModernGov)", c.name),
            "path": c.base_url.clone().unwrap_or_default(),
        }],
        "contributors": [{ "title": c.name, "role": "publisher" }],
        "version": env!("CARGO_PKG_VERSION"),
        "resources": resources,
    })
}

/// The size and SHA-256 of a file's bytes, as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Checksum {
    pub bytes: u64,
    pub sha256: String,
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

/// `catalog.jsonld`: a DCAT-AP 3 catalog with one dataset and one
/// distribution per file of the finished dataset (metadata aside), given
/// by name with its checksum.
pub fn catalog(c: &Council, files: &[(String, Checksum)], coverage: Coverage) -> Result<Value> {
    let base = &c.base_uri;
    let now = run_time()?;
    let mut distributions = Vec::new();
    for (file, checksum) in files {
        let media = match file.rsplit('.').next() {
            Some("parquet") => PARQUET_MEDIA_TYPE,
            Some("jsonld") => JSONLD_MEDIA_TYPE,
            _ => "application/json",
        };
        distributions.push(json!({
            "@id": format!("{base}distribution/{file}"),
            "@type": "dcat:Distribution",
            "dct:title": file,
            "dcat:downloadURL": { "@id": format!("{base}{file}") },
            "dcat:accessURL": { "@id": format!("{base}{file}") },
            "dcat:mediaType": { "@id": format!("https://www.iana.org/assignments/media-types/{media}") },
            "dcat:byteSize": { "@value": checksum.bytes.to_string(), "@type": "xsd:nonNegativeInteger" },
            "spdx:checksum": {
                "@type": "spdx:Checksum",
                "spdx:algorithm": { "@id": "spdx:checksumAlgorithm_sha256" },
                "spdx:checksumValue": { "@value": checksum.sha256, "@type": "xsd:hexBinary" },
            },
            "dct:license": { "@id": c.licence_url },
        }));
    }
    let mut dataset = json!({
        "@id": format!("{base}dataset"),
        "@type": "dcat:Dataset",
        "dct:title": title(c),
        "dct:description": description(c),
        "dct:identifier": format!("{base}dataset"),
        "dct:publisher": {
            "@id": format!("{base}council"),
            "@type": "foaf:Agent",
            "foaf:name": c.name,
        },
        "dct:license": { "@id": c.licence_url },
        "dct:issued": { "@value": now, "@type": "xsd:dateTime" },
        "dct:modified": { "@value": now, "@type": "xsd:dateTime" },
        "dcat:keyword": ["council", "decisions", "minutes", "meetings", "local government"],
        "dct:conformsTo": { "@id": "https://semiceu.github.io/DCAT-AP/releases/3.0.0/" },
        "dcat:distribution": distributions,
    });
    if let Some(attribution) = &c.attribution {
        dataset["dct:rights"] =
            json!({ "@type": "dct:RightsStatement", "rdfs:label": attribution });
    }
    if is_gss_code(&c.identifier) {
        dataset["dct:spatial"] = json!({
            "@id": format!("http://statistics.data.gov.uk/id/statistical-geography/{}", c.identifier)
        });
    }
    if let (Some(first), Some(last)) = (coverage.first, coverage.last) {
        dataset["dct:temporal"] = json!({
            "@type": "dct:PeriodOfTime",
            "dcat:startDate": { "@value": first.to_string(), "@type": "xsd:date" },
            "dcat:endDate": { "@value": last.to_string(), "@type": "xsd:date" },
        });
    }
    Ok(json!({
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
            "spdx": "http://spdx.org/rdf/terms#",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
        },
        "@id": format!("{base}catalog"),
        "@type": "dcat:Catalog",
        "dct:title": format!("{}: open data from the democracy website", c.name),
        "dct:description": description(c),
        "dct:publisher": { "@id": format!("{base}council") },
        "dct:license": { "@id": c.licence_url },
        "dcat:dataset": dataset,
    }))
}

/// Writes a JSON value, pretty and with a final newline.
pub fn write_json(path: &Path, value: &Value) -> Result<Checksum> {
    let mut text = serde_json::to_string_pretty(value)?;
    text.push('\n');
    let file = File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
    let mut out = Hashed::new(file);
    out.write_all(text.as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(out.finish().1)
}

fn title(c: &Council) -> String {
    format!("{}: meetings, agenda items and decisions", c.name)
}

fn description(c: &Council) -> String {
    format!(
        "Meetings, agenda items, decisions with their clauses, decision records, votes, \
         attendance and declarations of interest of {}, extracted by council-etl from the \
         public pages of its democracy (ModernGov) website. Every row names the source \
         document and the lines it was read from.",
        c.name
    )
}

fn package_name(c: &Council) -> String {
    let slug: Vec<String> = c
        .name
        .to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    format!("{}-decisions", slug.join("-"))
}

/// "E10000034": an ONS GSS code, which has a statistics.data.gov.uk URI.
fn is_gss_code(identifier: &str) -> bool {
    identifier.len() == 9
        && identifier.starts_with(['E', 'W', 'S', 'N'])
        && identifier[1..].bytes().all(|b| b.is_ascii_digit())
}

/// The run time as xsd:dateTime: `SOURCE_DATE_EPOCH` when set.
fn run_time() -> Result<String> {
    let seconds = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(value) => value
            .trim()
            .parse::<i64>()
            .with_context(|| format!("SOURCE_DATE_EPOCH must be whole seconds, got {value:?}"))?,
        Err(_) => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64),
    };
    let time = DateTime::from_timestamp(seconds, 0).context("SOURCE_DATE_EPOCH is out of range")?;
    Ok(time.format("%Y-%m-%dT%H:%M:%SZ").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_counts_and_hashes_what_reaches_the_inner_writer() {
        // A writer that takes at most 3 bytes a call, as a short write would.
        struct Short(Vec<u8>);
        impl Write for Short {
            fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
                let n = buf.len().min(3);
                self.0.extend_from_slice(&buf[..n]);
                Ok(n)
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let mut out = Hashed::new(Short(Vec::new()));
        out.write_all(b"abc").unwrap();
        out.write_all(b"defgh").unwrap();
        let (inner, checksum) = out.finish();
        assert_eq!(inner.0, b"abcdefgh");
        assert_eq!(checksum.bytes, 8);
        assert_eq!(
            checksum.sha256,
            "9c56cc51b374c3ba189210d5b6d4bf57790d351c96c47c02190ecf1e430635ab"
        );
    }
}
