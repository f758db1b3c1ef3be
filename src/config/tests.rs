use super::*;

fn compile(text: &str) -> Result<Pipeline, ConfigErrors> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "x").unwrap();
    Pipeline::compile(text, "p.toml", dir.path(), &Overrides::default())
}

const MINIMAL: &str = "[council]\nname = \"C\"\nidentifier = \"E1\"\nlicence = \"OGL-UK-3.0\"\n[read]\ninputs = [\"*.txt\"]\n";

#[test]
fn minimal_config_compiles_with_defaults() {
    let p = compile(MINIMAL).unwrap();
    assert_eq!(p.inputs.len(), 1);
    assert_eq!(p.batch_size, 256);
    assert_eq!(p.write.zstd_level, 3);
    assert_eq!(p.council.licence, "OGL-UK-3.0");
}

#[test]
fn every_error_is_reported_with_its_position() {
    let text = format!("{MINIMAL}inptus = 1\n[run]\nthreads = -1\n[write]\nzstd_level = 99\n");
    let errs = compile(&text).unwrap_err().0;
    let shown: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
    assert_eq!(errs.len(), 3, "{shown:?}");
    assert!(
        shown[0].starts_with("p.toml:7:1: unknown key `inptus` in [read]"),
        "{shown:?}"
    );
    assert!(
        shown[1].starts_with("p.toml:9:11: [run] threads must be at least 0"),
        "{shown:?}"
    );
    assert!(
        shown[2].starts_with("p.toml:11:14: [write] zstd_level"),
        "{shown:?}"
    );
}

#[test]
fn syntax_and_type_errors_carry_line_and_column() {
    let e = compile("[council]\nname = \n").unwrap_err().0;
    assert_eq!(e[0].position.map(|p| p.0), Some(2), "{e:?}");
    let e = compile(&format!("{MINIMAL}[run]\nthreads = \"two\"\n"))
        .unwrap_err()
        .0;
    assert_eq!(e[0].position, Some((8, 11)), "{e:?}");
}

#[test]
fn inputs_matching_nothing_are_errors() {
    let text = MINIMAL.replace("*.txt", "nothing/*.txt");
    let e = compile(&text).unwrap_err().0;
    assert_eq!(e[0].position, Some((6, 11)));
    assert!(e[0].message.contains("nothing/*.txt"), "{e:?}");
}

#[test]
fn unknown_table_is_reported() {
    let e = compile(&format!("{MINIMAL}[wirte]\nout_dir = \"x\"\n"))
        .unwrap_err()
        .0;
    assert!(
        e[0].message.contains("unknown table or key `wirte`"),
        "{e:?}"
    );
}

#[test]
fn every_type_error_is_reported_not_only_the_first() {
    let text = format!(
        "{MINIMAL}[run]\nthreads = \"twö\"\nbatch_size = 8\n[enrich]\nmoney = \"yës\"\n\
         organisations = [1, 2]\n[write]\nzstd_level = 99\n"
    );
    let errs = compile(&text).unwrap_err().0;
    let shown: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
    let positions: Vec<_> = errs.iter().map(|e| e.position).collect();
    assert_eq!(
        positions,
        [Some((8, 11)), Some((11, 9)), Some((12, 18)), Some((14, 14))],
        "{shown:?}"
    );
    assert!(shown[0].contains("invalid type"), "{shown:?}");
    assert!(shown[3].contains("zstd_level"), "{shown:?}");
}

#[test]
fn a_syntax_error_stops_at_once_with_its_position() {
    let text = format!("{MINIMAL}[run]\nthreads = \"two\"\nbatch_size = = 8\n");
    let errs = compile(&text).unwrap_err().0;
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0].position.map(|p| p.0), Some(9), "{errs:?}");
}

/// Whatever validates runs: vocabularies are compiled here, so a list too
/// large for them is a configuration error, not a panic in `etl run`.
#[test]
fn limits_and_vocabularies_are_checked_when_compiling() {
    let words: Vec<String> = (0..20_000).map(|i| format!("\"WORD{i}\"")).collect();
    let text = format!(
        "{MINIMAL}[parse]\nresolution_words = [{}]\n",
        words.join(", ")
    );
    let errs = compile(&text).unwrap_err().0;
    assert!(
        errs[0].message.contains("at most 100 entries, got 20000"),
        "{errs:?}"
    );

    let text = format!("{MINIMAL}[run]\nthreads = 100000\n");
    let errs = compile(&text).unwrap_err().0;
    assert!(
        errs[0].message.starts_with("[run] threads must be at most"),
        "{errs:?}"
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "x").unwrap();
    let overrides = Overrides {
        threads: Some(100_000),
        ..Overrides::default()
    };
    let errs = Pipeline::compile(MINIMAL, "p.toml", dir.path(), &overrides)
        .unwrap_err()
        .0;
    assert!(
        errs[0]
            .to_string()
            .starts_with("--threads: --threads must be at most"),
        "{errs:?}"
    );

    // 10 000 names of 90 characters: the automaton they join has no size
    // limit that a list within the entry limits can pass.
    let names: Vec<String> = (0..10_000)
        .map(|i| format!("\"{} {i:05}\"", "Organisation of ".repeat(5)))
        .collect();
    let text = format!(
        "{MINIMAL}[enrich]\norganisations = [{}]\n",
        names.join(", ")
    );
    assert!(compile(&text).is_ok());
}

#[test]
fn publication_settings_are_checked_with_their_position() {
    let text = MINIMAL.replace("licence = \"OGL-UK-3.0\"\n", "")
        + "[publish]\nbase_iri = \"data/decisions\"\nthemes = [\"GOVE\", \"POLITICS\"]\n\
           languages = [\"en-GB\"]\ncontact_name = \"clerk@example.gov.uk\"\n\
           contact_url = \"mailto:clerk@example.gov.uk\"\n";
    let errs = compile(&text).unwrap_err().0;
    let shown: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
    let expect = [
        "p.toml: [council] licence is required",
        "p.toml:7:12: [publish] base_iri must be an absolute http(s) IRI",
        "p.toml:8:19: [publish] themes: \"POLITICS\" is not an EU data theme",
        "p.toml:9:14: [publish] languages",
        "p.toml:10:16: [publish] contact_name must name a team",
        "p.toml:11:15: [publish] contact_name and contact_url go together",
    ];
    assert_eq!(shown.len(), expect.len(), "{shown:#?}");
    for (shown, expect) in shown.iter().zip(expect) {
        assert!(shown.starts_with(expect), "{shown} <> {expect}");
    }
    let moved = compile(&MINIMAL.replace("[read]", "base_uri = \"https://x.org/\"\n[read]"));
    assert!(
        moved.unwrap_err().0[0]
            .message
            .contains("[publish] base_iri")
    );
}

#[test]
fn publication_defaults_and_a_served_base() {
    let p = compile(MINIMAL).unwrap();
    assert_eq!(p.council.base_iri, "urn:council-etl:E1:");
    assert_eq!(p.write.publication.themes, ["GOVE"]);
    assert_eq!(p.write.publication.languages, ["ENG"]);
    assert!(p.write.publication.contact.is_none() && !p.write.csv);
    let text = format!(
        "{MINIMAL}[write]\ncsv = true\n[publish]\nbase_iri = \"https://data.example.gov.uk/x\"\n\
         languages = [\"eng\", \"CYM\"]\n"
    );
    let p = compile(&text).unwrap();
    assert_eq!(p.council.base_iri, "https://data.example.gov.uk/x/");
    assert_eq!(p.write.publication.languages, ["ENG", "CYM"]);
    assert!(p.write.csv);
}

fn compile_all(text: &str) -> Result<Vec<Pipeline>, ConfigErrors> {
    let dir = tempfile::tempdir().unwrap();
    for name in ["a.txt", "b.txt", "c.txt"] {
        std::fs::write(dir.path().join(name), "x").unwrap();
    }
    Pipeline::compile_all(text, "p.toml", dir.path(), &Overrides::default())
}

const TWO_COUNCILS: &str = "\
[[council]]
name = \"A\"
identifier = \"E1\"
licence = \"OGL-UK-3.0\"
inputs = [\"a.txt\"]

[[council]]
name = \"B\"
identifier = \"W2\"
base_url = \"https://b.example\"
licence = \"CC-BY-4.0\"
inputs = [\"b.txt\", \"c.txt\"]

[write]
format = \"delta\"
";

#[test]
fn each_council_table_is_a_pipeline_with_its_own_inputs() {
    let pipelines = compile_all(TWO_COUNCILS).unwrap();
    let councils: Vec<(&str, usize)> = (pipelines.iter())
        .map(|p| (p.council.identifier.as_str(), p.inputs.len()))
        .collect();
    assert_eq!(councils, [("E1", 1), ("W2", 2)]);
    assert_eq!(
        pipelines[1].council.base_url.as_deref(),
        Some("https://b.example")
    );
    assert!(pipelines.iter().all(|p| p.write.delta.is_some()));
    // One council in [council] is still one pipeline.
    assert_eq!(compile_all(MINIMAL).unwrap().len(), 1);
}

#[test]
fn council_tables_are_checked_each_and_together() {
    let error_lines = |text: &str| -> Vec<String> {
        let errors = compile_all(text).unwrap_err().0;
        errors.iter().map(|e| e.to_string()).collect()
    };
    // Several councils are one Delta dataset.
    let files = TWO_COUNCILS.replace("format = \"delta\"", "format = \"files\"");
    let shown = error_lines(&files);
    assert!(
        shown
            .iter()
            .any(|e| e.contains("several [[council]] tables")),
        "{shown:?}"
    );
    // A bad value in the second council is reported at its line, once.
    let bad = TWO_COUNCILS.replace("\"CC-BY-4.0\"", "\"all rights reserved\"");
    let shown = error_lines(&bad);
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert!(shown[0].starts_with("p.toml:11:"), "{shown:?}");
    // The same identifier twice, and a council without inputs.
    let twice = TWO_COUNCILS
        .replace("\"W2\"", "\"E1\"")
        .replace("inputs = [\"a.txt\"]\n", "");
    let shown = error_lines(&twice);
    assert!(
        shown.iter().any(|e| e.contains("\"E1\" is listed twice")),
        "{shown:?}"
    );
    assert!(
        shown.iter().any(|e| e.contains("inputs is required")),
        "{shown:?}"
    );
    // [read] inputs beside council tables, and inputs in a single [council].
    let both = format!("{TWO_COUNCILS}[read]\ninputs = [\"a.txt\"]\n");
    let shown = error_lines(&both);
    assert!(
        shown
            .iter()
            .any(|e| e.contains("each council lists its own inputs")),
        "{shown:?}"
    );
    let single = MINIMAL.replace("licence = ", "inputs = [\"a.txt\"]\nlicence = ");
    let shown = error_lines(&single);
    assert!(
        shown.iter().any(|e| e.contains("[council] inputs")),
        "{shown:?}"
    );
}
