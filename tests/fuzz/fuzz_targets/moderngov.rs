//! Any text as a ModernGov web-service response (GetMeeting, GetMeetings,
//! GetCommittees): the XML reader, the HTML inside its fields, and the
//! text parser on them. No panic, and a meeting read encodes.
#![no_main]

#[path = "common.rs"]
mod common;

use council_etl::stages::parse::moderngov;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let pipeline = &*common::PIPELINE;
    let cx = moderngov::Context {
        grammar: &pipeline.grammar,
        directory: &common::SHARED.directory,
        bullets: &pipeline.bullets,
        party_and_ward: true,
    };
    let _ = moderngov::listing(text);
    let mut directory = moderngov::Directory::default();
    directory.add(text);
    let _ = directory.digest();
    if let Ok((_, warnings)) = moderngov::meeting(text, &cx) {
        let lines = text.split('\n').count() as u32;
        assert!(warnings.iter().all(|w| w.line.is_none_or(|l| l <= lines)));
    }
    // The same text through the run's dispatch, down to the files.
    common::through_the_run("fuzz.xml", text.as_bytes());
});
