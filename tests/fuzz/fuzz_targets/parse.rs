//! Any bytes through read (decode) -> clean -> parse -> enrich: no panic.
#![no_main]

use council_etl::model::Council;
use council_etl::stages::enrich::EnrichOptions;
use council_etl::stages::parse::ParseRules;
use council_etl::stages::{clean, enrich, parse, read};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(decoded) = read::decode(bytes) else {
        return;
    };
    let grammar = parse::Grammar::new(&ParseRules {
        minutes_labels: vec!["Minutes".into(), "Cofnod".into()],
        resolution_words: vec!["RESOLVED".into(), "AGREED".into()],
    })
    .unwrap();
    let cleaned = clean::clean(&decoded.text, &["·".to_string(), "•".to_string()]);
    let mut parsed = parse::parse(&cleaned, &grammar);
    let options = EnrichOptions::default();
    for meeting in &mut parsed.meetings {
        enrich::enrich(meeting, &fuzz_council(), &options);
    }
});

fn fuzz_council() -> Council {
    Council {
        name: "Fuzz Council".into(),
        identifier: "E00000000".into(),
        base_url: None,
        base_uri: "urn:council-etl:fuzz:".into(),
        licence: "OGL-UK-3.0".into(),
        licence_url: String::new(),
        attribution: None,
    }
}
