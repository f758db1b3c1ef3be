use super::*;

fn compile(text: &str) -> Result<Pipeline, ConfigErrors> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "x").unwrap();
    Pipeline::compile(text, "p.toml", dir.path(), &Overrides::default())
}

const MINIMAL: &str =
    "[council]\nname = \"C\"\nidentifier = \"E1\"\n[read]\ninputs = [\"*.txt\"]\n";

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
        shown[0].starts_with("p.toml:6:1: unknown key `inptus` in [read]"),
        "{shown:?}"
    );
    assert!(
        shown[1].starts_with("p.toml:8:11: [run] threads must be at least 0"),
        "{shown:?}"
    );
    assert!(
        shown[2].starts_with("p.toml:10:14: [write] zstd_level"),
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
    assert_eq!(e[0].position, Some((7, 11)), "{e:?}");
}

#[test]
fn inputs_matching_nothing_are_errors() {
    let text = MINIMAL.replace("*.txt", "nothing/*.txt");
    let e = compile(&text).unwrap_err().0;
    assert_eq!(e[0].position, Some((5, 11)));
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
