//! `etl harvest`: download a council's committees, its meetings in a date
//! range and each meeting's GetMeeting XML from the ModernGov web service
//! into an archive directory that `etl run` reads.
//!
//! Polite by construction: one request at a time, at most `rate` requests
//! per second, a User-Agent that names the tool, retries with exponential
//! backoff only where retrying can help (5xx, timeouts, dropped
//! connections), never on 4xx. Resumable and incremental: every response
//! is journalled (URL, fetch time, status, ETag, Last-Modified) in
//! `.harvest/journal.jsonl`, files are written atomically, and what is
//! archived is revalidated with a conditional request, so unchanged
//! meetings are not downloaded again. The journal is a hidden directory,
//! which `etl run` skips.

use std::collections::HashMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::thread::sleep;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::stages::parse::parse_uk_numeric_date;

#[derive(Debug, Clone)]
pub struct Options {
    /// The site root, e.g. `https://democracy.example.gov.uk`.
    pub site: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub out: PathBuf,
    /// Requests per second, at most.
    pub rate: f64,
    pub timeout: Duration,
    /// Further attempts after a 5xx or a timeout.
    pub retries: u32,
    /// The first retry waits this long; each next one twice as long.
    pub backoff: Duration,
}

/// What a harvest did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub requests: usize,
    pub downloaded: usize,
    pub unchanged: usize,
    /// (URL, why), for responses that could not be archived.
    pub failed: Vec<(String, String)>,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} requests: {} downloaded, {} unchanged, {} failed",
            self.requests,
            self.downloaded,
            self.unchanged,
            self.failed.len()
        )
    }
}

/// One journal line per response: what was fetched, when, with what
/// status, and how to revalidate it (`file` is empty when nothing was
/// archived).
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    url: String,
    file: String,
    fetched_at: String,
    status: u16,
    etag: Option<String>,
    last_modified: Option<String>,
}

impl Entry {
    fn new(
        url: &str,
        file: &str,
        status: u16,
        etag: Option<String>,
        last_modified: Option<String>,
    ) -> Entry {
        Entry {
            url: url.to_string(),
            file: file.to_string(),
            fetched_at: now(),
            status,
            etag,
            last_modified,
        }
    }
}

pub fn harvest(options: &Options) -> Result<Summary> {
    let mut h = Harvester::new(options)?;
    let site = options.site.trim_end_matches('/');
    let service = format!("{site}/mgWebService.asmx");
    let committees = h.fetch(&format!("{service}/GetCommittees"), "committees.xml")?;
    let (from, to) = (dmy(options.from), dmy(options.to));
    let mut meetings = Vec::new();
    for committee in ids(committees.as_deref(), "committee", "committeeid") {
        let url =
            format!("{service}/GetMeetings?lCommitteeId={committee}&sFromDate={from}&sToDate={to}");
        let listing = h.fetch(&url, &format!("meetings/committee-{committee}.xml"))?;
        meetings.extend(dated_meetings(listing.as_deref(), options.from, options.to));
    }
    meetings.sort();
    meetings.dedup();
    for meeting in meetings {
        let url = format!("{service}/GetMeeting?lMeetingId={meeting}");
        h.fetch(&url, &format!("meetings/{meeting}.xml"))?;
    }
    Ok(h.summary)
}

struct Harvester<'a> {
    options: &'a Options,
    agent: ureq::Agent,
    journal: HashMap<String, Entry>,
    journal_file: fs::File,
    last_request: Option<Instant>,
    summary: Summary,
}

impl<'a> Harvester<'a> {
    fn new(options: &'a Options) -> Result<Harvester<'a>> {
        let state = options.out.join(".harvest");
        fs::create_dir_all(&state)
            .with_context(|| format!("cannot create the archive at {}", state.display()))?;
        let path = state.join("journal.jsonl");
        let mut journal = HashMap::new();
        if let Ok(text) = fs::read_to_string(&path) {
            // A line cut short by an interruption is ignored.
            let entries = text
                .lines()
                .filter_map(|l| serde_json::from_str::<Entry>(l).ok());
            for entry in entries.filter(|e| matches!(e.status, 200 | 304)) {
                journal.insert(entry.url.clone(), entry);
            }
        }
        let journal_file = fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .with_context(|| format!("cannot open {}", path.display()))?;
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(options.timeout))
            .http_status_as_error(false)
            .user_agent(concat!(
                "council-etl/",
                env!("CARGO_PKG_VERSION"),
                " (open-data harvester; +https://github.com/council-etl)"
            ))
            .build()
            .into();
        Ok(Harvester {
            options,
            agent,
            journal,
            journal_file,
            last_request: None,
            summary: Summary::default(),
        })
    }

    /// Fetches `url` into `file` (relative to the archive) unless the
    /// archived copy is still current. Returns the archived text, or `None`
    /// when the response could not be archived (recorded in the summary).
    fn fetch(&mut self, url: &str, file: &str) -> Result<Option<String>> {
        let path = self.options.out.join(file);
        let known = self.journal.get(url).filter(|_| path.is_file()).cloned();
        let mut attempt = 0;
        let response = loop {
            self.wait_turn();
            let mut request = self.agent.get(url);
            if let Some(entry) = &known {
                if let Some(etag) = &entry.etag {
                    request = request.header("If-None-Match", etag);
                }
                if let Some(modified) = &entry.last_modified {
                    request = request.header("If-Modified-Since", modified);
                }
            }
            self.summary.requests += 1;
            let (retryable, status) = match request.call() {
                Ok(response) if response.status().is_server_error() => {
                    let status = response.status().as_u16();
                    (format!("HTTP {status}"), Some(status))
                }
                Ok(response) => break response,
                Err(e) => (e.to_string(), None),
            };
            if attempt >= self.options.retries {
                if let Some(status) = status {
                    self.record(Entry::new(url, "", status, None, None))?;
                }
                let why = format!("{retryable} after {} attempts", attempt + 1);
                self.summary.failed.push((url.to_string(), why));
                return Ok(None);
            }
            sleep(self.options.backoff * 2u32.pow(attempt));
            attempt += 1;
        };
        let status = response.status().as_u16();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let (etag, last_modified) = (header("etag"), header("last-modified"));
        if let Some(known) = known.filter(|_| status == 304) {
            self.record(Entry::new(url, file, 304, known.etag, known.last_modified))?;
            self.summary.unchanged += 1;
            return Ok(Some(fs::read_to_string(&path)?));
        }
        if status != 200 {
            self.record(Entry::new(url, "", status, None, None))?;
            self.summary
                .failed
                .push((url.to_string(), format!("HTTP {status}, not retried")));
            return Ok(None);
        }
        let body = response
            .into_body()
            .with_config()
            .limit(64 << 20)
            .read_to_string()
            .with_context(|| format!("cannot read the response from {url}"))?;
        write_atomically(&path, body.as_bytes())?;
        self.record(Entry::new(url, file, status, etag, last_modified))?;
        self.summary.downloaded += 1;
        Ok(Some(body))
    }

    /// Sleeps until `1 / rate` seconds after the previous request began.
    fn wait_turn(&mut self) {
        let gap = Duration::from_secs_f64(1.0 / self.options.rate);
        if let Some(last) = self.last_request {
            let due = last + gap;
            let now = Instant::now();
            if due > now {
                sleep(due - now);
            }
        }
        self.last_request = Some(Instant::now());
    }

    fn record(&mut self, entry: Entry) -> Result<()> {
        let mut line = serde_json::to_string(&entry)?;
        line.push('\n');
        self.journal_file.write_all(line.as_bytes())?;
        self.journal.insert(entry.url.clone(), entry);
        Ok(())
    }
}

/// The `id_tag` of every `element` in a listing.
fn ids(xml: Option<&str>, element: &str, id_tag: &str) -> Vec<String> {
    let Some(doc) = xml.and_then(|x| roxmltree::Document::parse(x).ok()) else {
        return Vec::new();
    };
    doc.descendants()
        .filter(|n| n.has_tag_name(element))
        .filter_map(|n| child_text(n, id_tag))
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

fn child_text<'a>(node: roxmltree::Node<'a, '_>, tag: &str) -> Option<&'a str> {
    node.children()
        .find(|c| c.has_tag_name(tag))
        .and_then(|c| c.text())
        .map(str::trim)
}

/// Meeting IDs in a GetMeetings listing dated within [from, to]: the
/// service's own filter is not trusted to be inclusive the same way.
fn dated_meetings(xml: Option<&str>, from: NaiveDate, to: NaiveDate) -> Vec<String> {
    let Some(doc) = xml.and_then(|x| roxmltree::Document::parse(x).ok()) else {
        return Vec::new();
    };
    doc.descendants()
        .filter(|n| n.has_tag_name("meeting"))
        .filter(|n| {
            child_text(*n, "meetingdate")
                .and_then(parse_uk_numeric_date)
                .is_some_and(|d| from <= d && d <= to)
        })
        .filter_map(|n| child_text(n, "meetingid").map(str::to_string))
        .collect()
}

fn dmy(date: NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}

fn now() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    chrono::DateTime::from_timestamp(secs, 0)
        .map(|t| t.to_rfc3339())
        .unwrap_or_default()
}

/// A file is replaced whole or not at all.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().context("archive file has a directory")?;
    fs::create_dir_all(dir)?;
    let temp = dir.join(format!(
        ".{}.part",
        path.file_name().unwrap_or_default().to_string_lossy()
    ));
    fs::write(&temp, bytes).with_context(|| format!("cannot write {}", temp.display()))?;
    fs::rename(&temp, path).with_context(|| format!("cannot move into {}", path.display()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listings_give_ids_and_meetings_in_the_date_range() {
        let listing = std::fs::read_to_string("tests/moderngov/meetings.xml").unwrap();
        let day = |d| NaiveDate::from_ymd_opt(2026, 1, d).unwrap();
        assert_eq!(ids(Some(&listing), "committee", "committeeid"), ["144"]);
        assert_eq!(dated_meetings(Some(&listing), day(1), day(31)), ["4966"]);
        let all = dated_meetings(
            Some(&listing),
            day(1),
            NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
        );
        assert_eq!(all, ["4966", "4967"]);
        assert!(ids(Some("<not xml"), "committee", "committeeid").is_empty());
    }
}
