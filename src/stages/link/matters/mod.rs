//! Matters: one subject followed across meetings and bodies, from a
//! committee's recommendation or referral to the decision that settles it.
//!
//! Each decision is a candidate step. Two steps are one matter when
//! - their items cite the same report or issue reference ("FIN/22/07",
//!   "ref: 4120"): confidence 0.95;
//! - one recommends or refers to a body, and a later decision of that body
//!   within the window has a similar item title: confidence from the
//!   titles' similarity (0.6 to 0.9);
//! - one defers, and a later decision of the same body within the window
//!   has a similar title (0.6 to 0.9);
//! - one is a call-in, and an earlier decision within the window has a
//!   similar title (0.6 to 0.9).
//!
//! Every step says which rule joined it (its evidence) and with what
//! confidence. A recommendation or referral that no later decision
//! settles is a matter of one step, still open.

use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::model::{Document, id_number, stable_id};

/// What a decision does to its matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum StepKind {
    Referred,
    Recommended,
    Deferred,
    CalledIn,
    Decided,
}

impl StepKind {
    pub fn as_str(self) -> &'static str {
        match self {
            StepKind::Referred => "referred",
            StepKind::Recommended => "recommended",
            StepKind::Deferred => "deferred",
            StepKind::CalledIn => "called_in",
            StepKind::Decided => "decided",
        }
    }
}

/// A decision as a possible step of a matter, kept small and flat: the
/// run holds one per decision until it ends (IDs as numbers, bodies as
/// indices into [`Matters::bodies`], title words as hashes kept inline,
/// the title and references only for the few decisions that have them or
/// may open a matter). About 100 bytes, nothing on the heap for most.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Candidate {
    decision_id: u64,
    doc_id: u64,
    meeting_id: u64,
    item_id: u64,
    /// The body that decided, and its [`body_key`].
    body: Option<u32>,
    body_key: Option<u32>,
    date: Option<NaiveDate>,
    words: Words,
    /// The item's title and references, for a step that may open a
    /// matter (a recommendation, referral, deferral or call-in) or that
    /// cites a reference.
    extra: Option<Box<Extra>>,
    kind: StepKind,
    /// The body a recommendation or referral goes to: as printed, and
    /// its [`body_key`].
    target: Option<(u32, u32)>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Extra {
    title: Box<str>,
    refs: Box<[Box<str>]>,
}

/// Hashes of a title's first [`WORDS`] subject words, sorted.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
struct Words {
    hashes: [u32; WORDS],
    len: u8,
}

/// Subject words of a title that are compared; item titles rarely have
/// more.
const WORDS: usize = 6;

impl Words {
    fn as_slice(&self) -> &[u32] {
        &self.hashes[..usize::from(self.len)]
    }
}

/// One step of a matter, as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub matter_id: String,
    pub position: u32,
    pub decision_id: String,
    pub doc_id: String,
    pub meeting_id: String,
    pub item_id: String,
    pub body_name: Option<String>,
    pub date: Option<NaiveDate>,
    pub step: &'static str,
    pub evidence: String,
    pub confidence: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Matter {
    pub matter_id: String,
    pub title: String,
    pub first_date: Option<NaiveDate>,
    pub last_date: Option<NaiveDate>,
    /// The last step's kind: `decided`, or where the matter stands.
    pub status: &'static str,
    pub steps: u32,
}

/// Report, issue and forward-plan references: "FIN/22/07", "CAB/2021/05",
/// "ref: 4120", "Forward Plan reference FP 1234".
static REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    crate::stages::regex(concat!(
        r"\b([A-Z]{2,6}(?:/[A-Z0-9]{1,6}){1,3})\b",
        r"|(?i:\bref(?:erence)?(?:\s+no)?\.?\s*:?\s*)(\d{3,6})\b",
    ))
    .unwrap()
});

/// Words that say nothing of an item's subject.
const STOP_WORDS: &[&str] = &[
    "the",
    "and",
    "for",
    "from",
    "with",
    "report",
    "reports",
    "recommendation",
    "recommendations",
    "cabinet",
    "council",
    "committee",
    "executive",
    "panel",
    "board",
    "item",
    "update",
    "minutes",
    "meeting",
    "referral",
    "referred",
    "called",
    "call",
    "in",
    "of",
    "to",
    "on",
    "a",
    "an",
    "by",
    "scrutiny",
    "overview",
    "matters",
    "arising",
    "decision",
    "proposed",
    "proposals",
    "draft",
    "final",
    "annual",
    "review",
    "county",
    "city",
    "borough",
    "district",
];

/// Hashes (FNV-1a) of a title's first subject words, sorted and unique.
fn words(title: &str) -> Words {
    let mut hashes: Vec<u32> = title
        .split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() >= 3 && !STOP_WORDS.contains(&w.as_str()))
        .map(|w| {
            w.bytes().fold(0x811c_9dc5_u32, |h, b| {
                (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
            })
        })
        .collect();
    // The first WORDS distinct words, then sorted for the comparison.
    let mut first: Vec<u32> = Vec::with_capacity(WORDS);
    for h in hashes.drain(..) {
        if first.len() < WORDS && !first.contains(&h) {
            first.push(h);
        }
    }
    let mut hashes = first;
    hashes.sort_unstable();
    let mut words = Words {
        len: hashes.len() as u8,
        ..Words::default()
    };
    words.hashes[..hashes.len()].copy_from_slice(&hashes);
    words
}

/// How alike two titles are: shared words over all words (Jaccard), or
/// full when one title's words (two or more) are all in the other.
fn similarity(a: &[u32], b: &[u32]) -> f64 {
    let shared = a.iter().filter(|w| b.binary_search(w).is_ok()).count();
    if shared == 0 {
        return 0.0;
    }
    if shared >= 2 && (shared == a.len() || shared == b.len()) {
        return 1.0;
    }
    shared as f64 / (a.len() + b.len() - shared) as f64
}

/// "the Council", "Full Council", "County Council" are all the council.
fn body_key(body: &str) -> String {
    let words: Vec<String> = body
        .split_whitespace()
        .map(|w| w.to_lowercase())
        .filter(|w| {
            ![
                "the", "full", "county", "city", "borough", "district", "meeting", "of",
            ]
            .contains(&w.as_str())
        })
        .collect();
    words.join(" ")
}

/// Title similarity at or above which two decisions are taken for one
/// subject (with a recommendation, deferral or call-in between them).
const SIMILAR: f64 = 0.5;

/// Collects candidates from each document as it is written. Serialised,
/// it is a shard's part of the link (see [`Matters::merge`]).
#[derive(Debug, Serialize, Deserialize)]
pub struct Matters {
    window_days: i64,
    /// In chunks of [`CHUNK`], so that a growing run never holds a
    /// half-empty doubled buffer and its copy at once.
    candidates: Vec<Vec<Candidate>>,
    /// Body names and body keys, each once.
    bodies: Vec<String>,
    body_index: HashMap<String, u32>,
}

const CHUNK: usize = 8192;

impl Matters {
    pub fn new(window_days: u32) -> Matters {
        Matters {
            window_days: i64::from(window_days),
            candidates: Vec::new(),
            bodies: Vec::new(),
            body_index: HashMap::new(),
        }
    }

    fn intern(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.body_index.get(name) {
            return i;
        }
        let i = self.bodies.len() as u32;
        self.bodies.push(name.to_string());
        self.body_index.insert(name.to_string(), i);
        i
    }

    /// Takes in another shard's candidates: the matters found are those of
    /// one run over both shards' documents (`finish` orders candidates by
    /// date and ID, whatever order they came in).
    pub fn merge(&mut self, other: Matters) {
        let names = other.bodies;
        let mut remap = |body: Option<u32>| body.map(|b| self.intern(&names[b as usize]));
        let mut moved = Vec::new();
        for mut candidate in other.candidates.into_iter().flatten() {
            candidate.body = remap(candidate.body);
            candidate.body_key = remap(candidate.body_key);
            candidate.target = (candidate.target).map(|(to, key)| {
                (
                    remap(Some(to)).expect("a body"),
                    remap(Some(key)).expect("a body"),
                )
            });
            moved.push(candidate);
        }
        for candidate in moved {
            if self.candidates.last().is_none_or(|c| c.len() == CHUNK) {
                self.candidates.push(Vec::with_capacity(CHUNK));
            }
            self.candidates.last_mut().expect("a chunk").push(candidate);
        }
    }

    pub fn add(&mut self, doc: &Document) {
        for m in &doc.meetings {
            let body = m.body_name.as_deref().map(|b| self.intern(b));
            let key = m.body_name.as_deref().map(|b| self.intern(&body_key(b)));
            for item in &m.items {
                if item.decisions.is_empty() {
                    continue;
                }
                let title = item.title.as_deref().unwrap_or("");
                let mut refs: Vec<Box<str>> = Vec::new();
                for text in [Some(title), item.agenda_text.as_deref()]
                    .into_iter()
                    .flatten()
                {
                    for caps in REFERENCE.captures_iter(text) {
                        let found = caps.get(1).or(caps.get(2)).map(|m| m.as_str());
                        // A reference needs a digit: "FIN/22/07", not "N/A".
                        if let Some(r) = found.filter(|r| r.chars().any(|c| c.is_ascii_digit())) {
                            refs.push(r.to_uppercase().into());
                        }
                    }
                }
                refs.sort();
                refs.dedup();
                let call_in = item.call_in == Some(true) || {
                    let t = title.to_lowercase();
                    t.contains("call-in") || t.contains("call in") || t.contains("called in")
                };
                let words = words(title);
                for decision in &item.decisions {
                    let actions: Vec<&str> =
                        decision.clauses.iter().filter_map(|c| c.action).collect();
                    let target = |action: &str| {
                        (decision.clauses.iter())
                            .find(|c| c.action == Some(action))
                            .and_then(|c| c.target_body.as_deref())
                    };
                    let (kind, to) = if call_in {
                        (StepKind::CalledIn, None)
                    } else if actions.contains(&"recommended") {
                        (StepKind::Recommended, target("recommended"))
                    } else if actions.contains(&"referred") {
                        (StepKind::Referred, target("referred"))
                    } else if !actions.is_empty() && actions.iter().all(|a| *a == "deferred") {
                        (StepKind::Deferred, None)
                    } else {
                        (StepKind::Decided, None)
                    };
                    let opens = kind != StepKind::Decided || !refs.is_empty();
                    let target = to.map(|t| (self.intern(t), self.intern(&body_key(t))));
                    if self.candidates.last().is_none_or(|c| c.len() == CHUNK) {
                        self.candidates.push(Vec::with_capacity(CHUNK));
                    }
                    let chunk = self.candidates.last_mut().expect("a chunk");
                    chunk.push(Candidate {
                        decision_id: id_number(&decision.decision_id),
                        doc_id: id_number(&doc.doc_id),
                        meeting_id: id_number(&m.meeting_id),
                        item_id: id_number(&item.item_id),
                        body,
                        body_key: key,
                        date: m.start_date,
                        extra: opens.then(|| {
                            Box::new(Extra {
                                title: title.into(),
                                refs: refs.clone().into_boxed_slice(),
                            })
                        }),
                        words,
                        kind,
                        target,
                    });
                }
            }
        }
    }

    /// The matters and their steps, in order of their first step.
    pub fn finish(mut self, council_id: &str) -> (Vec<Matter>, Vec<Step>) {
        // The same decision read from two pages: the first document by ID
        // stands for it.
        let chunks = std::mem::take(&mut self.candidates);
        let mut candidates = Vec::with_capacity(chunks.iter().map(Vec::len).sum());
        for chunk in chunks {
            candidates.extend(chunk);
        }
        candidates.sort_unstable_by_key(|c| (c.decision_id, c.doc_id));
        candidates.dedup_by_key(|c| c.decision_id);
        candidates.sort_unstable_by_key(|c| (c.date, c.decision_id));
        let all = &candidates;
        let n = all.len();
        // How each step joined: (evidence, confidence).
        // Only the few linked steps have an entry.
        let mut link: HashMap<usize, (String, f64)> = HashMap::new();
        let mut sets = UnionFind::new(n);
        // Same reference.
        let mut by_ref: HashMap<&str, usize> = HashMap::new();
        for (i, c) in all.iter().enumerate() {
            for r in c.extra.iter().flat_map(|e| e.refs.iter()) {
                match by_ref.get(&**r) {
                    Some(&first) if sets.find(first) != sets.find(i) => {
                        sets.union(first, i);
                        link.entry(i)
                            .or_insert_with(|| (format!("reference {r}"), 0.95));
                    }
                    Some(_) => {}
                    None => {
                        by_ref.insert(r, i);
                    }
                }
            }
        }
        let window = self.window_days;
        // Two decimals: a score, not a measurement.
        let confidence = |s: f64| ((0.6 + 0.3 * s.min(1.0)) * 100.0).round() / 100.0;
        let body_name = |b: Option<u32>| b.map(|b| self.bodies[b as usize].as_str());
        for i in 0..n {
            let c = &all[i];
            let Some(date) = c.date else { continue };
            // Candidates are in date order: the later ones within the
            // window follow i, the earlier ones precede it.
            let later = || {
                ((i + 1)..n)
                    .take_while(|&j| all[j].date.is_some_and(|d| (d - date).num_days() <= window))
            };
            let after = |j: usize| all[j].date.is_some_and(|d| d > date);
            // The later decision that settles a recommendation, referral
            // or deferral; the earlier decision a call-in reviews.
            let found = match c.kind {
                StepKind::Recommended | StepKind::Referred => c.target.and_then(|(to, key)| {
                    best(
                        all,
                        later(),
                        |j| after(j) && all[j].body_key == Some(key),
                        c.words.as_slice(),
                    )
                    .map(|(j, s)| {
                        let to = body_name(Some(to)).unwrap_or("");
                        (
                            j,
                            format!("{} to {to}; title similarity {s:.2}", c.kind.as_str()),
                            s,
                        )
                    })
                }),
                StepKind::Deferred => best(
                    all,
                    later(),
                    |j| after(j) && all[j].body.is_some() && all[j].body == c.body,
                    c.words.as_slice(),
                )
                .map(|(j, s)| (j, format!("deferred; title similarity {s:.2}"), s)),
                StepKind::CalledIn => {
                    let earlier = (0..i).rev().take_while(|&j| {
                        all[j].date.is_some_and(|d| (date - d).num_days() <= window)
                    });
                    best(
                        all,
                        earlier,
                        |j| all[j].date.is_some_and(|d| d < date),
                        c.words.as_slice(),
                    )
                    .map(|(j, s)| (j, format!("call-in; title similarity {s:.2}"), s))
                }
                StepKind::Decided => None,
            };
            if let Some((j, evidence, s)) = found
                && sets.find(i) != sets.find(j)
            {
                sets.union(i, j);
                link.entry(i.max(j)).or_insert((evidence, confidence(s)));
            }
        }
        // Steps by set, each set's in order: a set's root is its first
        // step, so sets come out in order of their first step.
        let mut by_set: Vec<(usize, usize)> = (0..n).map(|i| (sets.find(i), i)).collect();
        by_set.sort_unstable();
        let groups = by_set
            .chunk_by(|a, b| a.0 == b.0)
            .map(|g| g.iter().map(|&(_, i)| i).collect::<Vec<usize>>())
            .filter(|g| {
                g.len() > 1 || matches!(all[g[0]].kind, StepKind::Recommended | StepKind::Referred)
            });
        let hex = |id: u64| format!("{id:016x}");
        let mut matters = Vec::new();
        let mut steps = Vec::new();
        for g in groups {
            let first = &all[g[0]];
            let last = &all[*g.last().expect("a matter has a step")];
            let matter_id = stable_id(&["matter", council_id, &hex(first.decision_id)]);
            for (position, &i) in g.iter().enumerate() {
                let c = &all[i];
                let (evidence, confidence) = match link.get(&i) {
                    _ if position == 0 => ("first step".to_string(), 1.0),
                    Some((evidence, confidence)) => (evidence.clone(), *confidence),
                    // Joined as the earlier side of a later step's link.
                    None => ("linked by a later step".to_string(), 0.6),
                };
                steps.push(Step {
                    matter_id: matter_id.clone(),
                    position: position as u32,
                    decision_id: hex(c.decision_id),
                    doc_id: hex(c.doc_id),
                    meeting_id: hex(c.meeting_id),
                    item_id: hex(c.item_id),
                    body_name: body_name(c.body).map(str::to_string),
                    date: c.date,
                    step: c.kind.as_str(),
                    evidence,
                    confidence,
                });
            }
            matters.push(Matter {
                // Named after its first step, or the first that has a title.
                title: g
                    .iter()
                    .find_map(|&i| {
                        all[i]
                            .extra
                            .as_ref()
                            .map(|e| &*e.title)
                            .filter(|t| !t.is_empty())
                    })
                    .unwrap_or("")
                    .to_string(),
                first_date: first.date,
                last_date: g.iter().filter_map(|&i| all[i].date).max(),
                status: last.kind.as_str(),
                steps: g.len() as u32,
                matter_id,
            });
        }
        (matters, steps)
    }
}

/// The candidate among `range` that `fits` with the most similar title
/// (at least [`SIMILAR`]); the first among equals.
fn best(
    all: &[Candidate],
    range: impl Iterator<Item = usize>,
    fits: impl Fn(usize) -> bool,
    words: &[u32],
) -> Option<(usize, f64)> {
    let mut found: Option<(usize, f64)> = None;
    for j in range {
        if !fits(j) {
            continue;
        }
        let s = similarity(words, all[j].words.as_slice());
        if s >= SIMILAR && found.is_none_or(|(_, best)| s > best) {
            found = Some((j, s));
        }
    }
    found
}

/// Disjoint sets over step indices; the smallest index is a set's root,
/// so groups come out the same whatever the order of unions.
struct UnionFind(Vec<usize>);

impl UnionFind {
    fn new(n: usize) -> UnionFind {
        UnionFind((0..n).collect())
    }

    fn find(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }

    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        let (low, high) = if a < b { (a, b) } else { (b, a) };
        self.0[high] = low;
    }
}

#[cfg(test)]
mod tests;
