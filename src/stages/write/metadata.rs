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

use super::Publication;
use super::hashed::{Checksum, Hashed, Written};
use super::schema::Table;
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

    /// Widens the span to hold `other`'s.
    pub fn extend(&mut self, other: Coverage) {
        other
            .first
            .into_iter()
            .chain(other.last)
            .for_each(|d| self.add(d));
    }
}

pub const JSONLD_FILE: &str = "dataset.jsonld";
pub const CATALOG_FILE: &str = "catalog.jsonld";
pub const DATAPACKAGE_FILE: &str = "datapackage.json";
pub const LANDING_PAGE_FILE: &str = "index.html";

const PARQUET_MEDIA_TYPE: &str = "application/vnd.apache.parquet";
const JSONLD_MEDIA_TYPE: &str = "application/ld+json";
const CSV_MEDIA_TYPE: &str = "text/csv";

/// `datapackage.json`: one resource per Parquet table and, with `csv`,
/// one per CSV copy (named `<table>-csv`, its foreign keys pointing at
/// the other CSV copies).
pub fn datapackage(c: &Council, csv: bool) -> Value {
    let mut resources = Vec::new();
    let suffixes: &[&str] = if csv { &["", "-csv"] } else { &[""] };
    for suffix in suffixes {
        for table in TABLES {
            resources.push(table_resource(table, suffix));
        }
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

/// One table's resource: the Parquet file (`suffix` "") or its CSV copy
/// (`suffix` "-csv").
fn table_resource(table: &Table, suffix: &str) -> Value {
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
                let resource = format!("{}{suffix}", fk.table);
                json!({ "fields": fields, "reference": { "resource": resource, "fields": fields } })
            })
            .collect();
    }
    // Sizes and checksums are in the catalog: Frictionless reads Parquet
    // through pyarrow and cannot check byte counts of binary files.
    let (path, format, mediatype) = if suffix.is_empty() {
        (
            format!("{}.parquet", table.name),
            "parquet",
            PARQUET_MEDIA_TYPE,
        )
    } else {
        (format!("{}.csv", table.name), "csv", CSV_MEDIA_TYPE)
    };
    let mut resource = json!({
        "name": format!("{}{suffix}", table.name),
        "description": table.doc,
        "path": path,
        "format": format,
        "mediatype": mediatype,
        "schema": table_schema,
    });
    if !suffix.is_empty() {
        resource["encoding"] = json!("utf-8");
        resource["dialect"] = json!({ "header": true, "delimiter": ",", "lineTerminator": "\r\n" });
    }
    resource
}

/// The EU Publications Office's authority tables DCAT-AP points to.
const EU_AUTHORITY: &str = "http://publications.europa.eu/resource/authority/";
const IANA_MEDIA_TYPES: &str = "https://www.iana.org/assignments/media-types/";

/// What the catalog says of one kind of file: media type, EU file type,
/// its short name, the standard it follows.
struct FileKind {
    media_type: &'static str,
    file_type: &'static str,
    label: &'static str,
    standard: (&'static str, &'static str),
}

fn file_kind(file: &str) -> FileKind {
    let (media_type, file_type, label, standard) = match file.rsplit('.').next() {
        Some("parquet") => (
            PARQUET_MEDIA_TYPE,
            "PARQUET",
            "Parquet",
            (
                "https://parquet.apache.org/docs/file-format/",
                "Apache Parquet file format",
            ),
        ),
        Some("csv") => (
            CSV_MEDIA_TYPE,
            "CSV",
            "CSV",
            (
                "https://www.rfc-editor.org/rfc/rfc4180",
                "RFC 4180: Common Format and MIME Type for CSV Files",
            ),
        ),
        Some("jsonld") => (
            JSONLD_MEDIA_TYPE,
            "JSON_LD",
            "JSON-LD",
            ("https://www.w3.org/TR/json-ld11/", "JSON-LD 1.1"),
        ),
        _ => (
            "application/json",
            "JSON",
            "JSON",
            (
                "https://datapackage.org/standard/data-package/",
                "Frictionless Data Package",
            ),
        ),
    };
    FileKind {
        media_type,
        file_type,
        label,
        standard,
    }
}

/// What one file of the dataset holds, for the catalog and the landing page.
/// `file` is a path under the dataset's root: `meetings.parquet`, or in a
/// Delta dataset `meetings/council_id=E1/part-….parquet` (a part of the
/// table) and `councils/council_id=E1/dataset.jsonld`.
pub fn file_description(file: &str) -> String {
    let (stem, ext) = file.rsplit_once('.').unwrap_or((file, ""));
    let (table_name, part) = match stem.split_once('/') {
        Some((table, _)) => (table, " part"),
        None => (stem, ""),
    };
    if let Some(table) = TABLES.iter().find(|t| t.name == table_name) {
        let form = if ext == "csv" { "CSV" } else { "Parquet" };
        return format!("The {table_name} table ({form}{part}): {}", table.doc);
    }
    let name = file.rsplit('/').next().unwrap_or(file);
    match name {
        JSONLD_FILE => "The whole dataset as JSON-LD linked data (schema.org, ELI, Popolo, PROV terms), one node per row.".into(),
        DATAPACKAGE_FILE => "Frictionless Data Package: every table's schema, keys and column descriptions.".into(),
        _ if ext == "jsonld" => "Part of the dataset as JSON-LD linked data (one shard's documents, or what linking all shards found), one node per row.".into(),
        _ => file.to_string(),
    }
}

/// A node for an IRI of a controlled vocabulary, with the class DCAT-AP's
/// range shapes ask for (the catalog cannot rely on a reader fetching the
/// vocabulary).
fn typed(iri: &str, class: &str) -> Value {
    json!({ "@id": iri, "@type": class })
}

fn concept(iri: &str, label: &str, scheme: &str) -> Value {
    json!({
        "@id": iri,
        "@type": "skos:Concept",
        "skos:prefLabel": label,
        "skos:inScheme": { "@id": scheme },
    })
}

fn data_theme_label(code: &str) -> &'static str {
    match code {
        "AGRI" => "Agriculture, fisheries, forestry and food",
        "ECON" => "Economy and finance",
        "EDUC" => "Education, culture and sport",
        "ENER" => "Energy",
        "ENVI" => "Environment",
        "GOVE" => "Government and public sector",
        "HEAL" => "Health",
        "INTR" => "International issues",
        "JUST" => "Justice, legal system and public safety",
        "OP_DATPRO" => "Provisional data",
        "REGI" => "Regions and cities",
        "SOCI" => "Population and society",
        "TECH" => "Science and technology",
        _ => "Transport",
    }
}

/// `catalog.jsonld`: a DCAT-AP 3 catalog with one dataset and one
/// distribution per file of the finished dataset (metadata aside), given
/// by name with its size and checksum. Every value from a controlled
/// vocabulary states its class, so that the official shapes (shapes and
/// range, tests/dcat.py) find no violation without fetching anything.
///
/// `delta_dir`: in a Delta dataset, the council's directory (its catalog,
/// dataset and publisher nodes are named under it, as councils share the
/// root; there is no landing page); `None` for single files.
pub fn catalog(
    c: &Council,
    p: &Publication,
    files: &[Written],
    coverage: Coverage,
    delta_dir: Option<&str>,
) -> Result<Value> {
    let base = &c.base_iri;
    let scope = format!("{base}{}", delta_dir.unwrap_or_default());
    let now = run_time()?;
    let mut licence = json!({ "@id": c.licence_url, "@type": "dct:LicenseDocument" });
    if let Some(terms) = c.licence_terms {
        licence["dct:title"] = json!(terms.title);
        licence["dct:type"] = (terms.kinds.iter())
            .map(|kind| {
                let scheme = "http://purl.org/adms/licencetype/1.0";
                concept(
                    &format!("http://purl.org/adms/licencetype/{kind}"),
                    kind,
                    scheme,
                )
            })
            .collect();
    }
    let publisher_iri = match &p.publisher {
        Some(_) => format!("{base}publisher"),
        None => format!("{scope}council"),
    };
    let mut publisher = json!({
        "@id": publisher_iri,
        "@type": "foaf:Agent",
        "foaf:name": p.publisher.as_deref().unwrap_or(&c.name),
    });
    if p.publisher.is_none() {
        publisher["dct:type"] = concept(
            "http://purl.org/adms/publishertype/LocalAuthority",
            "Local Authority",
            "http://purl.org/adms/publishertype/1.0",
        );
    }
    let languages: Vec<Value> = (p.languages.iter())
        .map(|code| {
            typed(
                &format!("{EU_AUTHORITY}language/{code}"),
                "dct:LinguisticSystem",
            )
        })
        .collect();
    let spatial = is_gss_code(&c.identifier).then(|| {
        typed(
            &format!(
                "http://statistics.data.gov.uk/id/statistical-geography/{}",
                c.identifier
            ),
            "dct:Location",
        )
    });
    let themes_scheme = format!("{EU_AUTHORITY}data-theme");
    let landing_page = (delta_dir.is_none())
        .then(|| typed(&format!("{base}{LANDING_PAGE_FILE}"), "foaf:Document"));
    let issued = json!({ "@value": now, "@type": "xsd:dateTime" });

    // A node shared by several distributions (licence, format, standard,
    // availability) is described in full once; the others refer to it.
    let mut described = std::collections::HashSet::new();
    let mut once = |node: Value| -> Value {
        let id = node["@id"].as_str().unwrap_or_default().to_string();
        if described.insert(id.clone()) {
            node
        } else {
            json!({ "@id": id })
        }
    };
    let mut distributions = Vec::new();
    for Written {
        file,
        bytes,
        sha256,
        ..
    } in files
    {
        let kind = file_kind(file);
        let (standard, standard_title) = kind.standard;
        let mut distribution = json!({
            "@id": format!("{base}distribution/{file}"),
            "@type": "dcat:Distribution",
            "dct:title": file,
            "dct:description": file_description(file),
            "dcat:downloadURL": { "@id": format!("{base}{file}") },
            "dcat:accessURL": { "@id": format!("{base}{file}") },
            "dcat:mediaType": once(typed(&format!("{IANA_MEDIA_TYPES}{}", kind.media_type), "dct:MediaType")),
            // dct:IMT first: CKAN's harvester takes the format's short name
            // from an IMT's label; DCAT-AP's range asks for the superclass.
            "dct:format": once(json!({
                "@id": format!("{EU_AUTHORITY}file-type/{}", kind.file_type),
                "@type": ["dct:IMT", "dct:MediaTypeOrExtent"],
                "rdfs:label": kind.label,
                "rdf:value": kind.media_type,
            })),
            "dct:conformsTo": once(json!({ "@id": standard, "@type": "dct:Standard", "dct:title": standard_title })),
            "dcat:byteSize": { "@value": bytes.to_string(), "@type": "xsd:decimal" },
            "dct:license": once(licence.clone()),
            "dcatap:availability": once(concept(
                &format!("{EU_AUTHORITY}planned-availability/AVAILABLE"),
                "available",
                &format!("{EU_AUTHORITY}planned-availability"),
            )),
        });
        if let Some(sha256) = sha256 {
            distribution["spdx:checksum"] = json!({
                "@type": "spdx:Checksum",
                "spdx:algorithm": { "@id": "spdx:checksumAlgorithm_sha256" },
                "spdx:checksumValue": { "@value": sha256, "@type": "xsd:hexBinary" },
            });
        }
        distributions.push(distribution);
    }
    let mut dataset = json!({
        "@id": format!("{scope}dataset"),
        "@type": "dcat:Dataset",
        "dct:title": title(c),
        "dct:description": description(c),
        "dct:identifier": format!("{scope}dataset"),
        "dct:publisher": publisher,
        "dct:issued": issued,
        "dct:modified": issued,
        "dct:language": languages,
        "dcat:keyword": ["council", "decisions", "minutes", "meetings", "local government"],
        "dcat:theme": (p.themes.iter())
            .map(|code| concept(&format!("{themes_scheme}/{code}"), data_theme_label(code), &themes_scheme))
            .collect::<Vec<_>>(),
        "dcat:distribution": distributions,
    });
    if let Some(page) = &landing_page {
        dataset["dcat:landingPage"] = page.clone();
    }
    if let Some(attribution) = &c.attribution {
        dataset["dct:rights"] =
            json!({ "@type": "dct:RightsStatement", "rdfs:label": attribution });
    }
    if let Some(spatial) = &spatial {
        dataset["dct:spatial"] = spatial.clone();
    }
    if let Some(contact) = &p.contact {
        dataset["dcat:contactPoint"] = json!({
            "@id": format!("{base}contact"),
            "@type": ["vcard:Kind", "vcard:Organization"],
            "vcard:fn": contact.name,
            "vcard:hasURL": { "@id": contact.url },
        });
    }
    if let (Some(first), Some(last)) = (coverage.first, coverage.last) {
        dataset["dct:temporal"] = json!({
            "@type": "dct:PeriodOfTime",
            "dcat:startDate": { "@value": first.to_string(), "@type": "xsd:date" },
            "dcat:endDate": { "@value": last.to_string(), "@type": "xsd:date" },
        });
    }
    let mut catalog = json!({
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dcatap": "http://data.europa.eu/r5r/",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
            "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
            "skos": "http://www.w3.org/2004/02/skos/core#",
            "spdx": "http://spdx.org/rdf/terms#",
            "vcard": "http://www.w3.org/2006/vcard/ns#",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
        },
        "@id": format!("{scope}catalog"),
        "@type": "dcat:Catalog",
        "dct:title": format!("{}: open data from the democracy website", c.name),
        "dct:description": description(c),
        "dct:publisher": { "@id": publisher_iri },
        "dct:license": { "@id": c.licence_url },
        "dct:issued": issued,
        "dct:modified": issued,
        "dct:language": languages,
        "dcat:themeTaxonomy": theme_taxonomy(),
        "dcat:dataset": dataset,
    });
    if let Some(spatial) = spatial {
        catalog["dct:spatial"] = spatial;
    }
    if let Some(page) = landing_page {
        catalog["foaf:homepage"] = page;
    }
    Ok(catalog)
}

/// The EU data-theme scheme, which the datasets' themes are from.
fn theme_taxonomy() -> Value {
    json!({
        "@id": format!("{EU_AUTHORITY}data-theme"),
        "@type": "skos:ConceptScheme",
        "dct:title": "Data theme",
    })
}

/// Writes a JSON value, pretty and with a final newline.
pub fn write_json(path: &Path, value: &Value) -> Result<Checksum> {
    let text = json_text(value)?;
    let file = File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
    let mut out = Hashed::new(file);
    out.write_all(&text)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(out.finish().1)
}

/// A JSON value as the metadata files hold it: pretty, a final newline.
pub fn json_text(value: &Value) -> Result<Vec<u8>> {
    let mut text = serde_json::to_vec_pretty(value)?;
    text.push(b'\n');
    Ok(text)
}

/// The root `catalog.jsonld` of a Delta dataset of many councils: one
/// DCAT-AP catalog holding the dataset of every council's own catalog
/// (`councils`, as [`catalog`] made them), published by `[publish]
/// publisher` (named under `base`, the IRI namespace of the run writing
/// it; a blank node when that is a URN of no published place).
pub fn root_catalog(p: &Publication, base: &str, councils: &[Value]) -> Result<Value> {
    let publisher = p
        .publisher
        .as_deref()
        .context("a dataset of many councils needs [publish] publisher")?;
    let now = run_time()?;
    let issued = json!({ "@value": now, "@type": "xsd:dateTime" });
    let datasets: Vec<&Value> = councils.iter().map(|c| &c["dcat:dataset"]).collect();
    let mut languages: Vec<Value> = (datasets.iter())
        .flat_map(|d| d["dct:language"].as_array().into_iter().flatten())
        .cloned()
        .collect();
    languages.sort_by_key(|l| l["@id"].as_str().unwrap_or_default().to_string());
    languages.dedup();
    // The councils' areas; their licence when they share one.
    let mut areas: Vec<&Value> = (datasets.iter())
        .map(|d| &d["dct:spatial"])
        .filter(|a| a.is_object())
        .collect();
    areas.sort_by_key(|a| a["@id"].as_str().unwrap_or_default());
    areas.dedup();
    let licences: Vec<Option<&str>> = datasets.iter().map(|d| dataset_licence(d)).collect();
    let licence = (licences.first().copied().flatten())
        .filter(|first| licences.iter().all(|l| *l == Some(first)));
    let mut catalog = json!({
        "@context": councils.first().map_or(Value::Null, |c| c["@context"].clone()),
        "@type": "dcat:Catalog",
        "dct:title": format!("{publisher}: meetings and decisions of {} councils", councils.len()),
        "dct:description": format!(
            "Meetings, agenda items, decisions with their clauses, decision records, votes, \
             attendance and declarations of interest of {} councils, extracted by council-etl \
             from the public pages of their democracy (ModernGov) websites, as Delta Lake tables \
             partitioned by council. Each council's dataset lists its own parts.",
            councils.len()
        ),
        "dct:publisher": { "@id": format!("{base}publisher"), "@type": "foaf:Agent", "foaf:name": publisher },
        "dct:issued": issued,
        "dct:modified": issued,
        "dct:language": languages,
        "dcat:themeTaxonomy": theme_taxonomy(),
        "dcat:dataset": datasets,
    });
    if !base.starts_with("urn:") {
        catalog["@id"] = json!(format!("{base}catalog"));
    }
    if !areas.is_empty() {
        catalog["dct:spatial"] = json!(areas);
    }
    if let Some(licence) = licence {
        catalog["dct:license"] = json!({ "@id": licence });
    }
    Ok(catalog)
}

/// The licence every distribution of a council's dataset names (each by
/// its `@id`, whether described in full there or only referred to).
fn dataset_licence(dataset: &Value) -> Option<&str> {
    let mut ids = (dataset["dcat:distribution"]
        .as_array()
        .into_iter()
        .flatten())
    .map(|d| d["dct:license"]["@id"].as_str());
    let first = ids.next().flatten()?;
    ids.all(|id| id == Some(first)).then_some(first)
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

    #[test]
    fn the_root_names_a_licence_only_when_every_distribution_of_every_council_shares_it() {
        let ogl = "http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/";
        let full = json!({ "@id": ogl, "@type": "dct:LicenseDocument" });
        let dataset = |licences: &[Value]| {
            let distributions: Vec<Value> = (licences.iter())
                .map(|l| json!({ "dct:license": l }))
                .collect();
            json!({ "dcat:dataset": { "dcat:distribution": distributions } })
        };
        let root = |councils: &[Value]| {
            let publication = Publication {
                publisher: Some("Open Councils".into()),
                themes: Vec::new(),
                languages: Vec::new(),
                contact: None,
            };
            root_catalog(&publication, "https://example.org/", councils).unwrap()["dct:license"]
                .clone()
        };
        // The full node may sit on any distribution, not only the first.
        let a = dataset(&[json!({ "@id": ogl }), full.clone()]);
        let b = dataset(&[full.clone(), json!({ "@id": ogl })]);
        assert_eq!(root(&[a.clone(), b]), json!({ "@id": ogl }));
        let other = dataset(&[json!({ "@id": "https://creativecommons.org/licenses/by/4.0/" })]);
        assert_eq!(root(&[a.clone(), other]), Value::Null);
        let mixed = dataset(&[full, json!({ "@id": "https://example.org/other" })]);
        assert_eq!(root(&[mixed]), Value::Null);
        assert_eq!(root(&[a, dataset(&[])]), Value::Null);
    }
}
