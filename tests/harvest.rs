//! `etl harvest` against a ModernGov web service played by a local HTTP
//! server on 127.0.0.1 that serves the real fixtures in tests/moderngov,
//! with ETags, a 404, a 503 and a response slower than the timeout.

mod common;

use std::collections::HashMap;
use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use common::{cells, etl, read};

/// One request the server saw.
#[derive(Debug, Clone)]
struct Hit {
    at: Instant,
    target: String,
    conditional: bool,
    user_agent: String,
    status: u16,
}

#[derive(Default)]
struct State {
    hits: Vec<Hit>,
    served: HashMap<String, usize>,
}

/// Serves until the test ends; returns the base URL and the request log.
fn server() -> (String, Arc<Mutex<State>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let state = Arc::new(Mutex::new(State::default()));
    let shared = state.clone();
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let state = shared.clone();
            thread::spawn(move || answer(stream, &state));
        }
    });
    (base, state)
}

fn answer(mut stream: TcpStream, state: &Mutex<State>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    let target = request_line
        .split_whitespace()
        .nth(1)
        .unwrap_or("")
        .to_string();
    let mut headers = HashMap::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
        }
    }
    let fixture = |name: &str| fs::read_to_string(format!("tests/moderngov/{name}")).unwrap();
    let (status, etag, body, delay) = {
        let mut s = state.lock().unwrap();
        let count = s.served.entry(target.clone()).or_insert(0);
        *count += 1;
        let n = *count;
        let route = |p: &str| target.contains(p);
        let (status, etag, body, delay) = if route("/GetCommittees") {
            (200, "\"c1\"", fixture("committees.xml"), 0)
        } else if route("lCommitteeId=312") {
            (404, "", "not found".to_string(), 0)
        } else if route("lCommitteeId=163") && n <= 2 {
            (503, "", "busy".to_string(), 0)
        } else if route("lCommitteeId=163") {
            (
                200,
                "\"m163\"",
                "<getmeetings><meetingscount>0</meetingscount></getmeetings>".to_string(),
                0,
            )
        } else if route("lCommitteeId=144") {
            (200, "\"m144\"", fixture("meetings.xml"), 0)
        } else if route("lMeetingId=4967") {
            // The first answer is slower than the client's timeout.
            let delay = if n == 1 { 1500 } else { 0 };
            (200, "\"v1\"", fixture("meeting_with_minutes.xml"), delay)
        } else if route("lMeetingId=4966") {
            (200, "\"v0\"", fixture("meeting_no_minutes.xml"), 0)
        } else {
            (404, "", "no such route".to_string(), 0)
        };
        let fresh =
            !etag.is_empty() && headers.get("if-none-match").map(String::as_str) == Some(etag);
        let status = if fresh { 304 } else { status };
        s.hits.push(Hit {
            at: Instant::now(),
            target: target.clone(),
            conditional: headers.contains_key("if-none-match"),
            user_agent: headers.get("user-agent").cloned().unwrap_or_default(),
            status,
        });
        let body = if status == 304 { String::new() } else { body };
        (status, etag, body, delay)
    };
    thread::sleep(Duration::from_millis(delay));
    let etag_header = if etag.is_empty() {
        String::new()
    } else {
        format!("ETag: {etag}\r\n")
    };
    let _ = write!(
        stream,
        "HTTP/1.1 {status} X\r\nContent-Type: text/xml\r\nContent-Length: {}\r\n{etag_header}Connection: close\r\n\r\n{body}",
        body.len()
    );
}

fn harvest(base: &str, out: &Path, retries: &str) -> (i32, String) {
    let o = etl(&[
        "harvest",
        "--site",
        base,
        "--from",
        "2026-01-14",
        "--to",
        "2026-02-28",
        "--out",
        out.to_str().unwrap(),
        "--rate",
        "5",
        "--timeout",
        "0.5",
        "--retries",
        retries,
        "--backoff",
        "0.05",
    ]);
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// The requests of one run: (target, status, conditional).
fn run_hits(state: &Mutex<State>, from: usize) -> Vec<Hit> {
    state.lock().unwrap().hits[from..].to_vec()
}

fn count(hits: &[Hit], part: &str) -> usize {
    hits.iter().filter(|h| h.target.contains(part)).count()
}

#[test]
fn harvest_is_polite_resumable_and_incremental() {
    let (base, state) = server();
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("archive");

    // Run 1, no retries: the 503 and the slow response fail, the 404
    // fails; the rest is archived. An interrupted harvest looks the same.
    let (code, stderr) = harvest(&base, &archive, "0");
    assert_eq!(code, 1, "{stderr}");
    let first = run_hits(&state, 0);
    assert_eq!(count(&first, "lCommitteeId=312"), 1, "4xx is not retried");
    assert!(
        first
            .iter()
            .all(|h| h.user_agent.starts_with("council-etl/"))
    );
    assert!(
        first.iter().all(|h| !h.target.contains("lMeetingId=4966")),
        "13/01 is outside the range"
    );
    assert!(
        first
            .iter()
            .any(|h| h.target.contains("sFromDate=14/01/2026&sToDate=28/02/2026"))
    );
    // The server logs a request once it has read it, so a late log of
    // one request shortens the gap to the next: each gap gets 50 ms of
    // slack for a busy machine, and the mean gap 10 ms (a late first log
    // lowers it by its lateness over the number of gaps). Rate 6 gives
    // 167 ms; an unlimited client sends them a few ms apart.
    for pair in first.windows(2) {
        let gap = pair[1].at - pair[0].at;
        assert!(
            gap >= Duration::from_millis(150),
            "requests {gap:?} apart at 5/s"
        );
    }
    let span = first.last().unwrap().at - first[0].at;
    let mean = span / (first.len() as u32 - 1);
    assert!(
        mean >= Duration::from_millis(190),
        "requests {mean:?} apart on average at 5/s"
    );
    assert!(archive.join("committees.xml").is_file());
    assert!(archive.join("meetings/committee-144.xml").is_file());
    assert!(!archive.join("meetings/4967.xml").exists(), "timed out");
    assert!(stderr.contains("failed"), "{stderr}");

    // Run 2 resumes: what is archived is revalidated (304), the 503 is
    // retried until it succeeds, the slow meeting now arrives.
    let (code, stderr) = harvest(&base, &archive, "2");
    assert_eq!(code, 1, "only the 404 is left: {stderr}");
    let second = run_hits(&state, first.len());
    let status_of = |hits: &[Hit], part: &str| -> Vec<u16> {
        hits.iter()
            .filter(|h| h.target.contains(part))
            .map(|h| h.status)
            .collect()
    };
    assert_eq!(status_of(&second, "GetCommittees"), [304]);
    assert_eq!(status_of(&second, "lCommitteeId=144"), [304]);
    assert_eq!(status_of(&second, "lCommitteeId=163"), [503, 200]);
    assert_eq!(status_of(&second, "lMeetingId=4967"), [200]);
    assert!(archive.join("meetings/4967.xml").is_file());

    // Run 3: nothing changed, nothing is downloaded again.
    let (_, stderr) = harvest(&base, &archive, "2");
    let third = run_hits(&state, first.len() + second.len());
    assert!(
        third
            .iter()
            .filter(|h| h.status != 404)
            .all(|h| h.conditional && h.status == 304)
    );
    assert!(stderr.contains("0 downloaded"), "{stderr}");

    // Every response is journalled with its URL and fetch time; no
    // partial files are left behind.
    let journal = fs::read_to_string(archive.join(".harvest/journal.jsonl")).unwrap();
    // Run 1: 4 responses (the timeout got none), run 2: 5, run 3: 5.
    assert_eq!(journal.lines().count(), 14, "{journal}");
    let entries: Vec<serde_json::Value> = journal
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    for entry in &entries {
        assert!(entry["url"].as_str().unwrap().starts_with(&base));
        assert!(entry["fetched_at"].as_str().unwrap().starts_with("20"));
    }
    let meeting = entries
        .iter()
        .find(|e| e["url"].as_str().unwrap().ends_with("lMeetingId=4967") && e["status"] == 200)
        .unwrap();
    assert_eq!(meeting["file"], "meetings/4967.xml");
    assert_eq!(meeting["etag"], "\"v1\"");
    let leftovers: Vec<_> = walk(&archive)
        .into_iter()
        .filter(|p| p.contains(".part"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    // The archive is an input `etl run` reads: the body name comes from
    // the GetMeetings listing beside the meeting.
    let cfg = dir.path().join("pipeline.toml");
    fs::write(
        &cfg,
        "[council]\nname = \"Manchester City Council\"\nidentifier = \"E08000003\"\n[read]\ninputs = [\"archive\"]\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let o = etl(&["run", cfg.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let meetings = read(&out, "meetings");
    assert_eq!(cells(&meetings, "source_id"), ["4967"]);
    assert_eq!(cells(&meetings, "body_name"), ["Audit Committee"]);
}

fn walk(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path.display().to_string());
        }
    }
    out
}
