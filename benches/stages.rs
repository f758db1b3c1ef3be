//! Per-stage micro-benchmarks on the seed pages (divan): where the time of
//! one document goes, and a floor under them. `cargo bench --bench stages`.

use std::path::Path;

use council_etl::config::{Overrides, Pipeline};
use council_etl::model::Document;
use council_etl::run::{Shared, process_bytes};
use council_etl::stages::read::html;
use council_etl::stages::write::jsonld;
use council_etl::stages::write::rows::Tables;
use council_etl::stages::{clean, parse, read};
use divan::{Bencher, black_box, counter::BytesCount};

fn main() {
    divan::main();
}

fn pipeline() -> Pipeline {
    Pipeline::load(Path::new("pipeline.toml"), &Overrides::default()).expect("pipeline.toml")
}

/// The five seed pages, concatenated as one ~40 KB page set.
fn seeds() -> Vec<Vec<u8>> {
    let mut paths: Vec<_> = std::fs::read_dir("seeds")
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    paths.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

fn total(pages: &[Vec<u8>]) -> usize {
    pages.iter().map(Vec::len).sum()
}

#[divan::bench]
fn decode(b: Bencher) {
    let pages = seeds();
    b.counter(BytesCount::new(total(&pages))).bench(|| {
        pages
            .iter()
            .map(|p| read::decode(black_box(p)).unwrap().text.len())
            .sum::<usize>()
    });
}

#[divan::bench]
fn clean(b: Bencher) {
    let p = pipeline();
    let texts: Vec<String> = seeds()
        .iter()
        .map(|s| read::decode(s).unwrap().text)
        .collect();
    b.counter(BytesCount::new(
        texts.iter().map(String::len).sum::<usize>(),
    ))
    .bench(|| {
        texts
            .iter()
            .map(|t| clean::clean(black_box(t), &p.bullets).lines.len())
            .sum::<usize>()
    });
}

/// Times `each` over the seed pages decoded and cleaned (what parse
/// reads), counting their cleaned bytes.
fn over_cleaned(b: Bencher, p: &Pipeline, each: impl Fn(&clean::Cleaned) -> usize + Sync) {
    let cleaned: Vec<_> = seeds()
        .iter()
        .map(|s| clean::clean(&read::decode(s).unwrap().text, &p.bullets))
        .collect();
    b.counter(BytesCount::new(
        cleaned.iter().map(|c| c.text.len()).sum::<usize>(),
    ))
    .bench(|| cleaned.iter().map(|c| each(black_box(c))).sum::<usize>());
}

#[divan::bench]
fn parse(b: Bencher) {
    let p = pipeline();
    over_cleaned(b, &p, |c| parse::parse(c, &p.grammar).meetings.len());
}

/// A floor under parse + enrich: the enrichers' literal vocabulary (one
/// Aho-Corasick automaton, organisations, topic keywords, roles, titles)
/// read once over the cleaned text, with nothing else done. No extraction
/// that finds those words can take less than this pass.
#[divan::bench]
fn vocabulary_pass(b: Bencher) {
    let p = pipeline();
    over_cleaned(b, &p, |c| p.enrich.vocabulary.scan(&c.text).len());
}

/// read -> clean -> parse -> enrich -> IDs, on bytes in memory.
#[divan::bench]
fn process(b: Bencher) {
    let p = pipeline();
    let shared = Shared::new(&p);
    let pages = seeds();
    b.counter(BytesCount::new(total(&pages))).bench(|| {
        pages
            .iter()
            .map(|s| {
                process_bytes("seed".into(), black_box(s), "00".into(), &shared)
                    .meetings
                    .len()
            })
            .sum::<usize>()
    });
}

/// The seed pages and the documents processed from them.
fn processed() -> (Vec<Vec<u8>>, Vec<Document>) {
    let p = pipeline();
    let shared = Shared::new(&p);
    let pages = seeds();
    let docs = pages
        .iter()
        .map(|s| process_bytes("seed".into(), s, "00".into(), &shared))
        .collect();
    (pages, docs)
}

/// Rows of every table into the Arrow builders, for processed documents.
#[divan::bench]
fn write_rows(b: Bencher) {
    let (pages, docs) = processed();
    b.counter(BytesCount::new(total(&pages))).bench(|| {
        let mut tables = Tables::default();
        for d in &docs {
            tables
                .append(black_box(d))
                .expect("rows follow the declarations");
        }
        tables.builders.len()
    });
}

/// Each processed document's JSON-LD nodes, as the workers render them.
#[divan::bench]
fn render_jsonld(b: Bencher) {
    let (pages, docs) = processed();
    b.counter(BytesCount::new(total(&pages))).bench(|| {
        docs.iter()
            .map(|d| jsonld::fragment(black_box(d)))
            .collect::<Vec<_>>()
    });
}

#[divan::bench]
fn render_html(b: Bencher) {
    let page = std::fs::read_to_string("tests/moderngov/modgov_decision_detail.html").unwrap();
    b.counter(BytesCount::new(page.len()))
        .bench(|| html::render(black_box(&page)).map_or(0, |r| r.text.len()));
}
