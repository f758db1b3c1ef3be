//! Hostile input, crashes and bad configuration: no panic, every document
//! accounted for, the previous dataset never lost. Inputs are generated
//! here; nothing large is committed.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use common::{etl, row_count, run_input, snapshot, strings};

/// Real pages of many councils, as a base for generated inputs.
fn corpus_pages() -> Vec<String> {
    let mut paths: Vec<_> = fs::read_dir("tests/corpus/pages")
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| fs::read_to_string(p).unwrap())
        .collect()
}

/// `n` distinct documents made from the corpus pages (a serial line keeps
/// copies from being duplicates).
fn write_corpus(dir: &Path, n: usize) {
    fs::create_dir_all(dir).unwrap();
    let pages = corpus_pages();
    for i in 0..n {
        let page = &pages[i % pages.len()];
        fs::write(
            dir.join(format!("{i:06}.txt")),
            format!("{page}\n\nDocument {i}.\n"),
        )
        .unwrap();
    }
}

/// Runs `etl run` to completion, failing the test if it hangs.
fn run_bounded(input: &Path, out: &Path) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_etl"))
        .args(["run", "pipeline.toml", "--quiet", "--input"])
        .arg(input)
        .arg("--out")
        .arg(out)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        assert!(
            started.elapsed() < Duration::from_secs(300),
            "etl did not finish: a pathological input is not linear"
        );
        sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

#[test]
fn hostile_inputs_each_get_a_status_and_do_not_disturb_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir(&input).unwrap();
    let pages = corpus_pages();
    let good = "Agenda item\n\nBudget\n\nMinutes:\n\nRESOLVED that the budget be approved.\n";
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("good.txt", good.into()),
        ("crlf.txt", good.replace('\n', "\r\n").into()),
        (
            "bom.txt",
            [b"\xEF\xBB\xBF".as_slice(), good.as_bytes()].concat(),
        ),
        ("utf16.txt", {
            let mut bytes = vec![0xFF, 0xFE];
            bytes.extend(good.encode_utf16().flat_map(u16::to_le_bytes));
            bytes
        }),
        (
            "cp1252.txt",
            b"Agenda item\n\nFees\n\nMinutes:\n\nA fee of \xA3100 \x96 \x93agreed\x94.\n".to_vec(),
        ),
        ("empty.txt", Vec::new()),
        ("pdf.txt", b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj".to_vec()),
        ("zz-duplicate.txt", good.into()),
        ("truncated.txt", pages[0][..pages[0].len() / 2].into()),
        (
            "blank-lines.txt",
            format!(
                "Agenda item\n{}Title\n\nMinutes:\n\nNone.\n",
                "\n".repeat(1_000_000)
            )
            .into(),
        ),
        ("one-line.txt", "word ".repeat(2_000_000).into()),
        (
            "markers.txt",
            "RESOLVED\n1.\nMinutes:\n(a)\n".repeat(100_000).into(),
        ),
        ("concatenation.txt", pages.join("\n\n\n").repeat(360).into()),
        (
            "nested.html",
            format!(
                "<html><body>{}Agenda item{}</body></html>",
                "<div><span>".repeat(100_000),
                "</span></div>".repeat(100_000)
            )
            .into(),
        ),
    ];
    for (name, bytes) in &files {
        fs::write(input.join(name), bytes).unwrap();
    }
    let out = dir.path().join("out");
    let o = run_bounded(&input, &out);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(
        o.status.code(),
        Some(1),
        "empty, pdf, duplicate and nested are rejected: {stderr}"
    );

    let docs = common::read(&out, "source_documents");
    let names: Vec<String> = strings(&docs, "path")
        .into_iter()
        .map(|p| {
            Path::new(&p.unwrap())
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    let status: Vec<String> = strings(&docs, "parse_status")
        .into_iter()
        .flatten()
        .collect();
    let reason = strings(&docs, "reason");
    let of = |name: &str| names.iter().position(|n| n == name).unwrap();
    assert_eq!(names.len(), files.len(), "one row per input file");
    for name in ["good.txt", "crlf.txt", "bom.txt", "utf16.txt"] {
        assert_eq!(status[of(name)], "parsed", "{name}");
    }
    assert_eq!(
        status[of("cp1252.txt")],
        "parsed",
        "a decoding fallback is a notice"
    );
    for name in ["empty.txt", "pdf.txt", "zz-duplicate.txt", "nested.html"] {
        assert_eq!(status[of(name)], "rejected", "{name}");
        assert!(reason[of(name)].is_some(), "{name} has a reason");
    }
    assert!(
        reason[of("zz-duplicate.txt")]
            .as_deref()
            .unwrap()
            .contains("duplicate of")
    );
    assert!(
        reason[of("nested.html")]
            .as_deref()
            .unwrap()
            .contains("more than 512 deep (line 1)")
    );
    // The ordinary documents parse the same whatever sits beside them.
    let titles = strings(&common::read(&out, "agenda_items"), "title");
    let budgets = titles
        .iter()
        .filter(|t| t.as_deref() == Some("Budget"))
        .count();
    assert_eq!(budgets, 4, "good, crlf, bom and utf16 each give their item");
    assert!(titles.iter().any(|t| t.as_deref() == Some("Fees")));
    let minutes = strings(&common::read(&out, "agenda_items"), "minutes_text");
    assert!(
        minutes
            .iter()
            .flatten()
            .any(|m| m.contains("£100 – “agreed”"))
    );
    // The 50 MB concatenation is read whole, within the time bound.
    assert_ne!(status[of("concatenation.txt")], "rejected");
    assert!(row_count(&out, "agenda_items") >= 8);
}

/// A dataset of 6000 documents in `out` (its snapshot returned), then a
/// change to the input, so that a completed run would change it; what a
/// completed run with the change writes is in `complete`.
fn dataset_then_a_change() -> (tempfile::TempDir, PathBuf, PathBuf, Vec<(String, String)>) {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    write_corpus(&input, 6000);
    let out = dir.path().join("out");
    let o = run_input(&input, &out, None);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let before = snapshot(&out);
    fs::write(
        input.join("new.txt"),
        "Agenda item\n\nNew\n\nMinutes:\n\nNoted.\n",
    )
    .unwrap();
    let complete = dir.path().join("complete");
    let o = run_input(&input, &complete, None);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_ne!(snapshot(&complete), before);
    (dir, input, out, before)
}

#[test]
fn kill_9_at_any_point_keeps_the_previous_dataset() {
    let (dir, input, out, before) = dataset_then_a_change();
    let after = snapshot(&dir.path().join("complete"));

    let mut killed_mid_run = 0;
    for delay_ms in [5, 40, 120, 250, 400, 600, 900] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_etl"))
            .args(["run", "pipeline.toml", "--quiet", "--input"])
            .arg(&input)
            .arg("--out")
            .arg(&out)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("SOURCE_DATE_EPOCH", "1700000000")
            .spawn()
            .unwrap();
        sleep(Duration::from_millis(delay_ms));
        let finished = child.try_wait().unwrap().is_some();
        child.kill().ok(); // SIGKILL
        child.wait().unwrap();
        if finished {
            break; // the run completed before the kill: nothing more to test
        }
        // A kill after the swap but before the process ended finds the new
        // dataset complete; any other state is a half-written dataset.
        let found = snapshot(&out);
        if found == after {
            break;
        }
        killed_mid_run += 1;
        assert_eq!(
            found, before,
            "dataset changed after kill -9 at {delay_ms} ms"
        );
    }
    assert!(
        killed_mid_run >= 3,
        "only {killed_mid_run} kills landed before the run ended"
    );
    // The next run succeeds, includes the change and leaves no temporaries.
    let o = run_input(&input, &out, None);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_ne!(snapshot(&out), before);
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".out."))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn rejected_documents_up_to_max_rejected_exit_zero() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir(&input).unwrap();
    fs::write(
        input.join("a.txt"),
        "Agenda item\n\nA\n\nMinutes:\n\nNoted.\n",
    )
    .unwrap();
    fs::write(input.join("empty.txt"), "").unwrap();
    let config = dir.path().join("pipeline.toml");
    let write_config = |max: i64| {
        fs::write(
            &config,
            format!(
                "[council]\nname = \"C\"\nidentifier = \"E1\"\nlicence = \"OGL-UK-3.0\"\n[run]\nmax_rejected = {max}\n[read]\ninputs = [\"in\"]\n[write]\nout_dir = \"out\"\n"
            ),
        )
        .unwrap();
    };
    write_config(0);
    let run = || etl(&["run", config.to_str().unwrap(), "--quiet"]);
    assert_eq!(run().status.code(), Some(1));
    write_config(1);
    let o = run();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    write_config(-1);
    let o = run();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("pipeline.toml:6:") && err.contains("max_rejected"),
        "{err}"
    );
}

#[test]
fn files_over_max_document_bytes_are_rejected_with_their_size() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir(&input).unwrap();
    let page = "Agenda item\n\nBudget\n\nMinutes:\n\nNoted.\n";
    let limit = page.len();
    fs::write(input.join("at-limit.txt"), page).unwrap();
    fs::write(input.join("over.txt"), format!("{page} ")).unwrap();
    let config = dir.path().join("pipeline.toml");
    fs::write(
        &config,
        format!(
            "[council]\nname = \"C\"\nidentifier = \"E1\"\nlicence = \"OGL-UK-3.0\"\n[read]\ninputs = [\"in\"]\nmax_document_bytes = {limit}\n[write]\nout_dir = \"out\"\n"
        ),
    )
    .unwrap();
    let o = etl(&["run", config.to_str().unwrap(), "--quiet"]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let docs = common::read(&dir.path().join("out"), "source_documents");
    let status = strings(&docs, "parse_status");
    let reason = strings(&docs, "reason");
    assert_eq!(status[0].as_deref(), Some("parsed"), "at-limit.txt");
    assert_eq!(status[1].as_deref(), Some("rejected"), "over.txt");
    let expected = format!(
        "file is {} bytes, over [read] max_document_bytes = {limit}",
        limit + 1
    );
    assert_eq!(reason[1].as_deref(), Some(expected.as_str()));
    assert_eq!(row_count(&dir.path().join("out"), "agenda_items"), 1);
}

#[test]
fn an_output_directory_inside_the_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("in")).unwrap();
    fs::write(dir.path().join("in/a.txt"), "Agenda item\n\nA\n").unwrap();
    let config = dir.path().join("pipeline.toml");
    fs::write(
        &config,
        "[council]\nname = \"C\"\nidentifier = \"E1\"\nlicence = \"OGL-UK-3.0\"\n[read]\ninputs = [\"in\"]\n[write]\nout_dir = \"in/out\"\n",
    )
    .unwrap();
    let o = etl(&["run", config.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("pipeline.toml:6:11") && err.contains("inside the input"),
        "{err}"
    );
    assert!(!dir.path().join("in/out").exists());
}

#[test]
fn output_does_not_depend_on_the_order_inputs_are_given() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    write_corpus(&a, 40);
    write_corpus(&b, 40);
    let (one, two) = (dir.path().join("one"), dir.path().join("two"));
    let run = |inputs: [&Path; 2], out: &Path| {
        let o = etl(&[
            "run",
            "pipeline.toml",
            "--quiet",
            "--input",
            inputs[0].to_str().unwrap(),
            "--input",
            inputs[1].to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ]);
        // b duplicates a: those rows are rejected as duplicates (exit 1).
        assert_eq!(
            o.status.code(),
            Some(1),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
    };
    run([&a, &b], &one);
    run([&b, &a], &two);
    assert_eq!(snapshot(&one), snapshot(&two));
}

/// One writer per output: while a run holds `.out.lock`, a second run
/// into the same output fails at once naming it (exit 2, the first run's
/// dataset untouched), and a run with `--wait` waits and then succeeds.
#[test]
fn a_second_run_into_the_same_output_fails_or_waits() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    write_corpus(&input, 6000);
    let out = dir.path().join("out");
    let lock = dir.path().join(".out.lock");
    let mut first = Command::new(env!("CARGO_BIN_EXE_etl"))
        .args(["run", "pipeline.toml", "--quiet", "--input"])
        .arg(&input)
        .arg("--out")
        .arg(&out)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .spawn()
        .unwrap();
    let started = Instant::now();
    while !lock.exists() {
        assert!(started.elapsed() < Duration::from_secs(20), "no lock taken");
        sleep(Duration::from_millis(5));
    }
    // The first run takes about a second (6000 documents); the second
    // looks at the lock within milliseconds of its creation.
    let second = run_input(&input, &out, None);
    let message = String::from_utf8_lossy(&second.stderr);
    assert_eq!(second.status.code(), Some(2), "{message}");
    assert!(
        message.contains(&format!("another etl run (pid {}", first.id())),
        "{message}"
    );
    let waited = common::run_with(&input, &out, &["--wait"]);
    assert!(
        waited.status.success(),
        "{}",
        String::from_utf8_lossy(&waited.stderr)
    );
    assert!(first.wait().unwrap().success());
    assert!(!lock.exists(), "the lock outlived the runs");
    assert_eq!(row_count(&out, "source_documents"), 6000);
}

/// SIGTERM or SIGINT while the dataset is being written: the run stops with
/// 128 + the signal and one line saying so, the previous dataset is
/// untouched, no staging directory, lock or partial cache entry is left,
/// and the next incremental run writes what a full run writes.
#[test]
fn sigterm_and_sigint_stop_the_run_and_keep_the_previous_dataset() {
    let (dir, input, out, before) = dataset_then_a_change();
    let complete = dir.path().join("complete");

    for (signal, code) in [("TERM", 143), ("INT", 130)] {
        let child = Command::new(env!("CARGO_BIN_EXE_etl"))
            .args([
                "run",
                "pipeline.toml",
                "--quiet",
                "--incremental",
                "--input",
            ])
            .arg(&input)
            .arg("--out")
            .arg(&out)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("SOURCE_DATE_EPOCH", "1700000000")
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Signalled once the run is writing its staging directory.
        let staging = dir.path().join(format!(".out.tmp-{}", child.id()));
        let waited = Instant::now();
        while !staging.exists() && waited.elapsed() < Duration::from_secs(60) {
            sleep(Duration::from_millis(2));
        }
        assert!(staging.exists(), "the run never started writing");
        let sent = Command::new("kill")
            .args([&format!("-{signal}"), &child.id().to_string()])
            .status()
            .unwrap();
        assert!(sent.success());
        let o = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(code), "SIG{signal}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(
            stderr.contains(&format!("stopped by SIG{signal}; nothing written")),
            "{stderr}"
        );
        assert_eq!(snapshot(&out), before, "SIG{signal} changed the dataset");
        let left = leftovers(dir.path());
        assert!(left.is_empty(), "SIG{signal} left {left:?}");
    }
    let o = run_input(&input, &out, Some("2"));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = common::run_with(&input, &out, &["--incremental"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(snapshot(&out), snapshot(&complete));
}

/// What an unfinished run leaves under `dir`: staging, lock, cache parts.
fn leftovers(dir: &Path) -> Vec<String> {
    walk_names(dir)
        .into_iter()
        .filter(|n| n.contains(".tmp-") || n.ends_with(".lock") || n.contains(".part"))
        .collect()
}

/// Every file and directory name under `dir`, hidden ones too.
fn walk_names(dir: &Path) -> Vec<String> {
    let mut names = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        names.push(entry.file_name().to_string_lossy().into_owned());
        if entry.file_type().unwrap().is_dir() && entry.file_name() != "in" {
            names.extend(walk_names(&entry.path()));
        }
    }
    names
}

/// A write that fails mid-run (here every file is limited to 1 MB with
/// `ulimit -f`, SIGXFSZ ignored, so writes fail with EFBIG as they would
/// with ENOSPC on a full disk): exit 2 with a message naming the file, the
/// previous dataset and the incremental cache intact, no staging left.
#[cfg(target_os = "linux")]
#[test]
fn a_write_error_mid_run_keeps_the_previous_dataset_and_cache() {
    let (dir, input, out, before) = dataset_then_a_change();
    let exe = env!("CARGO_BIN_EXE_etl");
    let script = format!(
        "ulimit -f 1024; trap '' XFSZ; exec '{exe}' run pipeline.toml --quiet --incremental --input '{}' --out '{}'",
        input.display(),
        out.display()
    );
    let o = Command::new("sh")
        .args(["-c", &script])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        stderr.contains("cannot write") && stderr.contains("File too large"),
        "{stderr}"
    );
    assert_eq!(snapshot(&out), before, "the previous dataset is intact");
    let left: Vec<String> = leftovers(dir.path());
    assert!(left.is_empty(), "{left:?}");
    // With room again, the incremental run reads what the failed run
    // cached and writes what a full run writes.
    let o = common::run_with(&input, &out, &["--incremental"]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    let cached: usize = stderr
        .split("; ")
        .find_map(|part| part.strip_suffix(" from the incremental cache"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("{stderr}"));
    assert!(cached > 0, "what the failed run parsed is reused: {stderr}");
    assert_eq!(snapshot(&out), snapshot(&dir.path().join("complete")));
}
