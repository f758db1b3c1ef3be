//! Any text as an HTML page: the renderer (html5ever, the depth check,
//! the tree walk), the attachment links, then the run's path for saved
//! pages. No panic, no stack overflow, rendered lines map to source lines.
#![no_main]

#[path = "common.rs"]
mod common;

use council_etl::stages::read::html;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(rendered) = html::render(text) {
        let lines = rendered.text.split('\n').count();
        assert!(rendered.text.is_empty() || rendered.source_lines.len() == lines);
        let source_lines = text.split('\n').count() as u32;
        assert!(rendered.source_lines.iter().all(|&l| l <= source_lines));
        assert!(rendered.links.iter().all(|l| l.line as usize <= lines));
        let _ = html::lists_decisions(&rendered);
    }
    common::through_the_run("fuzz.html", text.as_bytes());
});
