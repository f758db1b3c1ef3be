//! `etl harvest`: download a council's committees, its meetings in a date
//! range and each meeting's GetMeeting XML from the ModernGov web service
//! into an archive directory that `etl run` reads.
//!
//! Polite by construction: one request at a time, at most `rate` requests
//! per second (slower if robots.txt sets a `Crawl-delay`), a User-Agent
//! that names the tool, robots.txt obeyed (RFC 9309; see [`robots`]),
//! retries with exponential backoff only where retrying can help (429,
//! 5xx, timeouts, connections dropped or bodies cut short), waiting as
//! long as a `Retry-After` asks (up to [`MAX_RETRY_AFTER`]), never on
//! other 4xx. Bounded whatever the server does: a time limit per request
//! (body included), [`MAX_BODY`] bytes per body after decompression, at
//! most [`MAX_REDIRECTS`] redirects and never to another host; a body that
//! is not well-formed XML is not archived. Every failure is recorded with
//! its reason. Resumable and incremental: every response
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

mod robots;
use robots::Robots;

/// The largest body read, after decompression: a page is a few MB at most.
pub const MAX_BODY: u64 = 64 << 20;
/// Redirects followed for one request, all on the site's own host.
pub const MAX_REDIRECTS: usize = 5;
/// The longest `Retry-After` waited for; a server asking more is recorded
/// as a failure, to be resumed later.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(300);

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
    h.robots = match h.get(&format!("{site}/robots.txt"), None) {
        Got::Body { body, .. } => Robots::parse(&String::from_utf8_lossy(&body)),
        // 4xx: no robots.txt, everything allowed (RFC 9309 2.3.1.3).
        Got::Failed {
            status: Some(400..=499),
            ..
        }
        | Got::NotModified => Robots::default(),
        Got::Failed { why, .. } => {
            // 5xx or unreachable: everything disallowed (2.3.1.4).
            h.summary.failed.push((
                format!("{site}/robots.txt"),
                format!("{why}; nothing fetched, as RFC 9309 asks"),
            ));
            return Ok(h.summary);
        }
    };
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
    robots: Robots,
    summary: Summary,
}

/// What a GET came to, after redirects and retries.
enum Got {
    /// 200, read whole within the limits.
    Body {
        body: Vec<u8>,
        etag: Option<String>,
        last_modified: Option<String>,
    },
    NotModified,
    /// Nothing to archive: the status, if a response came, and why.
    Failed {
        status: Option<u16>,
        why: String,
    },
}

/// A failure worth another attempt: why, the status, and how long the
/// server asked to wait.
struct Retry {
    why: String,
    status: Option<u16>,
    after: Option<Duration>,
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
            // Only what was archived (not a body refused as malformed).
            for entry in entries.filter(|e| matches!(e.status, 200 | 304) && !e.file.is_empty()) {
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
            // Followed by hand, to keep them on the site's host.
            .max_redirects(0)
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
            robots: Robots::default(),
            summary: Summary::default(),
        })
    }

    /// Fetches `url` into `file` (relative to the archive) unless the
    /// archived copy is still current. Returns the archived text, or `None`
    /// when the response could not be archived (recorded in the summary).
    fn fetch(&mut self, url: &str, file: &str) -> Result<Option<String>> {
        let path = self.options.out.join(file);
        let known = self.journal.get(url).filter(|_| path.is_file()).cloned();
        let failed = match self.get(url, known.as_ref()) {
            Got::NotModified => {
                let known = known.expect("304 only to a conditional request");
                self.record(Entry::new(url, file, 304, known.etag, known.last_modified))?;
                self.summary.unchanged += 1;
                return Ok(Some(fs::read_to_string(&path)?));
            }
            Got::Body {
                body,
                etag,
                last_modified,
            } => match well_formed(&body) {
                Ok(text) => {
                    write_atomically(&path, &body)?;
                    self.record(Entry::new(url, file, 200, etag, last_modified))?;
                    self.summary.downloaded += 1;
                    return Ok(Some(text));
                }
                Err(why) => (Some(200), why),
            },
            Got::Failed { status, why } => (status, why),
        };
        let (status, why) = failed;
        if let Some(status) = status {
            self.record(Entry::new(url, "", status, None, None))?;
        }
        self.summary.failed.push((url.to_string(), why));
        Ok(None)
    }

    /// GET with retries: a [`Retry`] is tried again after the backoff, or
    /// after `Retry-After` if the server asks for longer.
    fn get(&mut self, url: &str, known: Option<&Entry>) -> Got {
        let mut attempt = 0;
        loop {
            let retry = match self.exchange(url, known) {
                Ok(got) => return got,
                Err(retry) => retry,
            };
            let asked = retry.after.unwrap_or_default();
            if asked > MAX_RETRY_AFTER {
                let why = format!(
                    "{}; the server asks to wait {} s (more than {} s): resume later",
                    retry.why,
                    asked.as_secs(),
                    MAX_RETRY_AFTER.as_secs()
                );
                return Got::Failed {
                    status: retry.status,
                    why,
                };
            }
            if attempt >= self.options.retries {
                let why = format!("{} after {} attempts", retry.why, attempt + 1);
                return Got::Failed {
                    status: retry.status,
                    why,
                };
            }
            sleep(asked.max(self.options.backoff * 2u32.pow(attempt.min(16))));
            attempt += 1;
        }
    }

    /// One GET and its redirects (on the site's host, at most
    /// [`MAX_REDIRECTS`]); every request obeys robots.txt and the rate.
    fn exchange(&mut self, url: &str, known: Option<&Entry>) -> Result<Got, Retry> {
        let mut target = url.to_string();
        for _ in 0..=MAX_REDIRECTS {
            if !self.robots.allows(path_and_query(&target)) {
                let why = format!("{target} is disallowed by robots.txt");
                return Ok(Got::Failed { status: None, why });
            }
            self.wait_turn();
            let mut request = self.agent.get(&target);
            if let Some(entry) = known {
                if let Some(etag) = &entry.etag {
                    request = request.header("If-None-Match", etag);
                }
                if let Some(modified) = &entry.last_modified {
                    request = request.header("If-Modified-Since", modified);
                }
            }
            self.summary.requests += 1;
            let response = request.call().map_err(|e| Retry {
                why: e.to_string(),
                status: None,
                after: None,
            })?;
            let status = response.status().as_u16();
            let header = |name: &str| {
                (response.headers().get(name))
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_string)
            };
            match status {
                301 | 302 | 303 | 307 | 308 => {
                    let next = header("location")
                        .map(|l| resolve(&target, &l))
                        .unwrap_or_default();
                    if origin(&next) != origin(url) || next.is_empty() {
                        let why = format!("HTTP {status} to {next:?}, another host: not followed");
                        return Ok(Got::Failed {
                            status: Some(status),
                            why,
                        });
                    }
                    target = next;
                }
                304 if known.is_some() => return Ok(Got::NotModified),
                429 | 500..=599 => {
                    let after = header("retry-after").and_then(|v| retry_after(&v));
                    let why = format!("HTTP {status}");
                    return Err(Retry {
                        why,
                        status: Some(status),
                        after,
                    });
                }
                200 => {
                    let (etag, last_modified) = (header("etag"), header("last-modified"));
                    let body = response
                        .into_body()
                        .with_config()
                        .limit(MAX_BODY)
                        .read_to_vec();
                    return match body {
                        Ok(body) => Ok(Got::Body {
                            body,
                            etag,
                            last_modified,
                        }),
                        Err(ureq::Error::BodyExceedsLimit(_)) => Ok(Got::Failed {
                            status: Some(200),
                            why: format!("response over {} MB: not a page", MAX_BODY >> 20),
                        }),
                        Err(e) => Err(Retry {
                            why: format!("response cut short: {e}"),
                            status: None,
                            after: None,
                        }),
                    };
                }
                _ => {
                    let why = format!("HTTP {status}, not retried");
                    return Ok(Got::Failed {
                        status: Some(status),
                        why,
                    });
                }
            }
        }
        let why = format!("more than {MAX_REDIRECTS} redirects");
        Ok(Got::Failed { status: None, why })
    }

    /// Sleeps until `1 / rate` seconds (or robots.txt's `Crawl-delay`)
    /// after the previous request began.
    fn wait_turn(&mut self) {
        let gap = Duration::from_secs_f64(1.0 / self.options.rate);
        let gap = gap.max(self.robots.crawl_delay.unwrap_or_default());
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

/// The body as text, if it is well-formed XML (the archive holds nothing
/// `etl run` would reject as malformed).
fn well_formed(body: &[u8]) -> Result<String, String> {
    let text = crate::stages::read::decode(body)
        .map_err(|why| format!("not a page: {why}"))?
        .text;
    roxmltree::Document::parse(&text).map_err(|e| format!("malformed XML: {e}"))?;
    Ok(text)
}

/// `Retry-After`: seconds, or an HTTP date.
fn retry_after(value: &str) -> Option<Duration> {
    if let Ok(seconds) = value.trim().parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = chrono::DateTime::parse_from_rfc2822(value.trim()).ok()?;
    let seconds = (at.timestamp() - chrono::Utc::now().timestamp()).max(0);
    Some(Duration::from_secs(seconds as u64))
}

/// `scheme://host:port` of an absolute URL ("" if it is not one).
fn origin(url: &str) -> &str {
    let Some(scheme_end) = url.find("://") else {
        return "";
    };
    let host_start = scheme_end + 3;
    let end = url[host_start..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |e| host_start + e);
    &url[..end]
}

fn path_and_query(url: &str) -> &str {
    let rest = &url[origin(url).len()..];
    let rest = rest.split('#').next().unwrap_or("");
    if rest.is_empty() { "/" } else { rest }
}

/// A `Location` against the URL it came from.
fn resolve(base: &str, location: &str) -> String {
    let location = location.trim();
    if location.contains("://") {
        return location.to_string();
    }
    if let Some(rest) = location.strip_prefix("//") {
        let scheme = base.split("://").next().unwrap_or("https");
        return format!("{scheme}://{rest}");
    }
    let root = origin(base);
    if location.starts_with('/') {
        return format!("{root}{location}");
    }
    let path = path_and_query(base);
    let path = path.split('?').next().unwrap_or("/");
    let dir = &path[..path.rfind('/').map_or(0, |i| i + 1)];
    format!("{root}{dir}{location}")
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

    #[test]
    fn redirects_resolve_against_their_url_and_keep_to_the_origin() {
        let base = "http://127.0.0.1:80/mgWebService.asmx/GetMeeting?lMeetingId=1";
        assert_eq!(origin(base), "http://127.0.0.1:80");
        assert_eq!(
            path_and_query(base),
            "/mgWebService.asmx/GetMeeting?lMeetingId=1"
        );
        assert_eq!(path_and_query("http://h"), "/");
        assert_eq!(resolve(base, "/x?y=1"), "http://127.0.0.1:80/x?y=1");
        assert_eq!(
            resolve(base, "GetMeeting?lMeetingId=2"),
            "http://127.0.0.1:80/mgWebService.asmx/GetMeeting?lMeetingId=2"
        );
        assert_eq!(resolve(base, "//evil.example/x"), "http://evil.example/x");
        assert_eq!(
            origin(&resolve(base, "https://127.0.0.1:80/x")),
            "https://127.0.0.1:80"
        );
        assert_eq!(retry_after(" 7 "), Some(Duration::from_secs(7)));
        assert_eq!(
            retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after("soon"), None);
    }
}
