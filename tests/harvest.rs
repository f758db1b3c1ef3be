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

/// Serves each connection with `answer` on a thread of its own until the
/// test ends; returns the base URL and the server's state.
fn serve<S: Default + Send + 'static>(answer: fn(TcpStream, &Mutex<S>)) -> (String, Arc<Mutex<S>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let state = Arc::new(Mutex::new(S::default()));
    let shared = state.clone();
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let state = shared.clone();
            thread::spawn(move || answer(stream, &state));
        }
    });
    (base, state)
}

/// The request's target and headers (names in lower case).
fn read_request(stream: &TcpStream) -> Option<(String, HashMap<String, String>)> {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    reader.read_line(&mut request_line).ok()?;
    let target = request_line.split_whitespace().nth(1)?.to_string();
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
    Some((target, headers))
}

fn answer(mut stream: TcpStream, state: &Mutex<State>) {
    let Some((target, headers)) = read_request(&stream) else {
        return;
    };
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
    let (base, state) = serve::<State>(answer);
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
        "[council]\nname = \"Manchester City Council\"\nidentifier = \"E08000003\"\nlicence = \"OGL-UK-3.0\"\n[read]\ninputs = [\"archive\"]\n",
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

/// A web service that misbehaves in every way a real one can, meeting by
/// meeting, until `healed`; then it answers every meeting properly.
#[derive(Default)]
struct Hostile {
    healed: bool,
    /// (target, time) of every request, in order.
    hits: Vec<(String, Instant)>,
    served: HashMap<String, usize>,
}

/// 200 MB of zeros, gzipped (about 200 KB).
fn gzip_bomb() -> Vec<u8> {
    use flate2::{Compression, write::GzEncoder};
    let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..200 {
        encoder.write_all(&zeros).unwrap();
    }
    encoder.finish().unwrap()
}

fn misbehave(mut stream: TcpStream, state: &Mutex<Hostile>) {
    let Some((target, _)) = read_request(&stream) else {
        return;
    };
    let (n, healed) = {
        let mut s = state.lock().unwrap();
        s.hits.push((target.clone(), Instant::now()));
        let n = s.served.entry(target.clone()).or_insert(0);
        *n += 1;
        (*n, s.healed)
    };
    let meeting = fs::read_to_string("tests/moderngov/meeting_with_minutes.xml").unwrap();
    let send = |stream: &mut TcpStream, head: &str, body: &[u8]| {
        let _ = write!(
            stream,
            "HTTP/1.1 {head}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        );
        let _ = stream.write_all(body);
    };
    let id = target.split("lMeetingId=").nth(1).map(|rest| {
        rest.split('&')
            .next()
            .unwrap_or("")
            .parse::<u32>()
            .unwrap_or(0)
    });
    if target == "/robots.txt" {
        let robots = "User-agent: *\nDisallow: /mgWebService.asmx/GetMeeting?lMeetingId=9\n";
        return send(&mut stream, "200 OK", robots.as_bytes());
    }
    if target.ends_with("/GetCommittees") {
        let committees: String = (1..=3)
            .map(|c| format!("<committee><committeeid>{c}</committeeid></committee>"))
            .collect();
        return send(
            &mut stream,
            "200 OK",
            format!("<committees>{committees}</committees>").as_bytes(),
        );
    }
    if target.contains("lCommitteeId=") {
        let listing = |ids: &[u32]| {
            let meetings: String = ids
                .iter()
                .map(|m| format!("<meeting><meetingid>{m}</meetingid><meetingdate>20/01/2026</meetingdate></meeting>"))
                .collect();
            format!("<getmeetings>{meetings}</getmeetings>")
        };
        if target.contains("lCommitteeId=1&") {
            return send(
                &mut stream,
                "200 OK",
                listing(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12]).as_bytes(),
            );
        }
        if target.contains("lCommitteeId=2&") {
            return send(
                &mut stream,
                "200 OK",
                b"<getmeetings><meeting><meetingid>99",
            );
        }
        // Committee 3: too many requests, come back in a second.
        if n == 1 {
            return send(
                &mut stream,
                "429 Too Many Requests\r\nRetry-After: 1",
                b"slow down",
            );
        }
        return send(&mut stream, "200 OK", listing(&[11]).as_bytes());
    }
    if target.starts_with("/archive/") {
        return send(&mut stream, "200 OK", meeting.as_bytes());
    }
    let Some(id) = id else {
        return send(&mut stream, "404 Not Found", b"no such route");
    };
    if healed {
        return send(&mut stream, "200 OK", meeting.as_bytes());
    }
    match id {
        // A drip: one byte a second.
        1 => {
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n",
                meeting.len()
            );
            for byte in meeting.bytes().take(5) {
                if stream.write_all(&[byte]).is_err() {
                    return;
                }
                thread::sleep(Duration::from_secs(1));
            }
        }
        // A body without end.
        2 => {
            let _ = write!(stream, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n");
            let chunk = vec![b'<'; 1 << 20];
            while stream.write_all(&chunk).is_ok() {}
        }
        3 => {
            let bomb = gzip_bomb();
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: {}\r\n\r\n",
                bomb.len()
            );
            let _ = stream.write_all(&bomb);
        }
        // Redirects without end, on the same host.
        4 => {
            let next = format!("Location: /mgWebService.asmx/GetMeeting?lMeetingId=4&hop={n}");
            send(&mut stream, &format!("302 Found\r\n{next}"), b"");
        }
        5 => send(
            &mut stream,
            "302 Found\r\nLocation: http://elsewhere.invalid/x.xml",
            b"",
        ),
        6 => send(&mut stream, "301 Moved\r\nLocation: /archive/6.xml", b""),
        7 if n == 1 => send(&mut stream, "503 Busy\r\nRetry-After: 1", b"busy"),
        // Cut off halfway, the first time.
        8 if n == 1 => {
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n",
                meeting.len()
            );
            let _ = stream.write_all(&meeting.as_bytes()[..meeting.len() / 2]);
            let _ = stream.shutdown(std::net::Shutdown::Both);
        }
        10 => send(&mut stream, "200 OK", b"<meeting><meetingid>10</meeting"),
        12 => send(
            &mut stream,
            "503 Busy\r\nRetry-After: 86400",
            b"closed for the day",
        ),
        _ => send(&mut stream, "200 OK", meeting.as_bytes()),
    }
}

#[test]
fn harvest_keeps_its_limits_against_a_hostile_server_and_resumes() {
    let (base, state) = serve(misbehave);
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("archive");
    let run = || {
        let started = Instant::now();
        let o = etl(&[
            "harvest",
            "--site",
            &base,
            "--from",
            "2026-01-01",
            "--to",
            "2026-01-31",
            "--out",
            archive.to_str().unwrap(),
            "--rate",
            "50",
            "--timeout",
            "1",
            "--retries",
            "1",
            "--backoff",
            "0.05",
        ]);
        let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
        (o.status.code(), stderr, started.elapsed())
    };
    let (code, stderr, took) = run();
    assert_eq!(code, Some(1), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(took < Duration::from_secs(30), "took {took:?}: {stderr}");
    let failure = |id: &str| {
        stderr
            .lines()
            .find(|l| l.starts_with("etl: failed:") && l.contains(id))
            .unwrap_or_else(|| panic!("no failure for {id}: {stderr}"))
            .to_string()
    };
    assert!(
        failure("lMeetingId=1\u{3a}").contains("timeout"),
        "{stderr}"
    );
    assert!(failure("lMeetingId=2:").contains("over 64 MB"));
    assert!(
        failure("lMeetingId=3:").contains("over 64 MB"),
        "the bomb is measured unpacked"
    );
    assert!(failure("lMeetingId=4:").contains("more than 5 redirects"));
    assert!(failure("lMeetingId=5:").contains("another host: not followed"));
    assert!(failure("lMeetingId=9:").contains("disallowed by robots.txt"));
    assert!(failure("lMeetingId=10:").contains("malformed XML"));
    assert!(failure("lMeetingId=12:").contains("asks to wait 86400 s"));
    assert!(failure("lCommitteeId=2&").contains("malformed XML"));
    assert_eq!(stderr.matches("etl: failed:").count(), 9, "{stderr}");

    let meeting = fs::read("tests/moderngov/meeting_with_minutes.xml").unwrap();
    let archived = |id: u32| fs::read(archive.join(format!("meetings/{id}.xml"))).ok();
    for id in [6, 7, 8, 11] {
        assert_eq!(
            archived(id).as_deref(),
            Some(meeting.as_slice()),
            "meeting {id} whole"
        );
    }
    for id in [1, 2, 3, 4, 5, 9, 10, 12] {
        assert_eq!(archived(id), None, "meeting {id} is not archived");
    }
    assert!(!archive.join("meetings/committee-2.xml").exists());
    assert!(walk(&archive).iter().all(|p| !p.contains(".part")));
    {
        let s = state.lock().unwrap();
        assert!(
            s.hits.iter().all(|(t, _)| !t.contains("lMeetingId=9")),
            "robots.txt obeyed"
        );
        assert!(s.hits.iter().all(|(t, _)| !t.contains("elsewhere")));
        let at = |target: &str| -> Vec<Instant> {
            s.hits
                .iter()
                .filter(|(t, _)| t.contains(target))
                .map(|(_, at)| *at)
                .collect()
        };
        for target in ["lMeetingId=7", "lCommitteeId=3&"] {
            let times = at(target);
            assert_eq!(times.len(), 2, "{target}");
            assert!(
                times[1] - times[0] >= Duration::from_millis(990),
                "Retry-After obeyed for {target}"
            );
        }
        assert_eq!(
            at("lMeetingId=4").len(),
            6,
            "the first request and 5 redirects"
        );
        assert_eq!(at("lMeetingId=12").len(), 1, "a day's wait is not waited");
    }

    // The server recovers: a second harvest fetches what failed (robots.txt
    // still forbids 9) and revalidates nothing it does not need to.
    state.lock().unwrap().healed = true;
    let (code, stderr, _) = run();
    assert_eq!(code, Some(1), "{stderr}");
    assert_eq!(
        stderr.matches("etl: failed:").count(),
        2,
        "9 and committee 2: {stderr}"
    );
    for id in [1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12] {
        assert_eq!(
            archived(id).as_deref(),
            Some(meeting.as_slice()),
            "meeting {id} after resuming"
        );
    }
}
