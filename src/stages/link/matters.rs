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

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use crate::model::{Document, stable_id};

/// What a decision does to its matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
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

/// A decision as a possible step of a matter.
#[derive(Debug, Clone)]
struct Candidate {
    decision_id: String,
    doc_id: String,
    meeting_id: String,
    item_id: String,
    body: Option<String>,
    date: Option<NaiveDate>,
    title: String,
    /// Significant words of the title, lower case.
    words: BTreeSet<String>,
    refs: Vec<String>,
    kind: StepKind,
    /// The body a recommendation or referral goes to.
    target: Option<String>,
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

fn words(title: &str) -> BTreeSet<String> {
    title
        .split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() >= 3 && !STOP_WORDS.contains(&w.as_str()))
        .collect()
}

/// How alike two titles are: shared words over all words (Jaccard), or
/// full when one title's words (two or more) are all in the other.
fn similarity(a: &BTreeSet<String>, b: &BTreeSet<String>) -> f64 {
    let shared = a.intersection(b).count();
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

/// Collects candidates from each document as it is written.
#[derive(Debug)]
pub struct Matters {
    window_days: i64,
    candidates: BTreeMap<String, Candidate>,
}

impl Matters {
    pub fn new(window_days: u32) -> Matters {
        Matters {
            window_days: i64::from(window_days),
            candidates: BTreeMap::new(),
        }
    }

    pub fn add(&mut self, doc: &Document) {
        for m in &doc.meetings {
            for item in &m.items {
                let title = item.title.clone().unwrap_or_default();
                let mut refs: Vec<String> = Vec::new();
                let texts = [Some(title.as_str()), item.agenda_text.as_deref()];
                for text in texts.into_iter().flatten() {
                    for caps in REFERENCE.captures_iter(text) {
                        let found = caps.get(1).or(caps.get(2)).map(|m| m.as_str());
                        // A reference needs a digit: "FIN/22/07", not "N/A".
                        if let Some(r) = found.filter(|r| r.chars().any(|c| c.is_ascii_digit())) {
                            refs.push(r.to_uppercase());
                        }
                    }
                }
                refs.sort();
                refs.dedup();
                let call_in = item.call_in == Some(true) || {
                    let t = title.to_lowercase();
                    t.contains("call-in") || t.contains("call in") || t.contains("called in")
                };
                for decision in &item.decisions {
                    let actions = decision.clauses.iter().filter_map(|c| c.action);
                    let target = |action: &str| {
                        (decision.clauses.iter())
                            .find(|c| c.action == Some(action))
                            .map(|c| c.target_body.clone())
                    };
                    let actions: Vec<&str> = actions.collect();
                    let (kind, to) = if call_in {
                        (StepKind::CalledIn, None)
                    } else if actions.contains(&"recommended") {
                        (StepKind::Recommended, target("recommended").flatten())
                    } else if actions.contains(&"referred") {
                        (StepKind::Referred, target("referred").flatten())
                    } else if !actions.is_empty() && actions.iter().all(|a| *a == "deferred") {
                        (StepKind::Deferred, None)
                    } else {
                        (StepKind::Decided, None)
                    };
                    let candidate = Candidate {
                        decision_id: decision.decision_id.clone(),
                        doc_id: doc.doc_id.clone(),
                        meeting_id: m.meeting_id.clone(),
                        item_id: item.item_id.clone(),
                        body: m.body_name.clone(),
                        date: m.start_date,
                        words: words(&title),
                        title: title.clone(),
                        refs: refs.clone(),
                        kind,
                        target: to,
                    };
                    // The same decision read from two pages: the first
                    // document by ID stands for it.
                    match self.candidates.get(&candidate.decision_id) {
                        Some(known) if known.doc_id <= candidate.doc_id => {}
                        _ => {
                            self.candidates
                                .insert(candidate.decision_id.clone(), candidate);
                        }
                    }
                }
            }
        }
    }

    /// The matters and their steps, in order of their first step.
    pub fn finish(self, council_id: &str) -> (Vec<Matter>, Vec<Step>) {
        let mut all: Vec<Candidate> = self.candidates.into_values().collect();
        all.sort_by(|a, b| (a.date, &a.decision_id).cmp(&(b.date, &b.decision_id)));
        let n = all.len();
        // How each step joined: (the step it links to, evidence, confidence).
        let mut link: Vec<Option<(usize, String, f64)>> = vec![None; n];
        let mut sets = UnionFind::new(n);
        // Same reference.
        let mut by_ref: HashMap<&str, usize> = HashMap::new();
        for (i, c) in all.iter().enumerate() {
            for r in &c.refs {
                match by_ref.get(r.as_str()) {
                    Some(&first) if sets.find(first) != sets.find(i) => {
                        sets.union(first, i);
                        link[i].get_or_insert((first, format!("reference {r}"), 0.95));
                    }
                    Some(_) => {}
                    None => {
                        by_ref.insert(r, i);
                    }
                }
            }
        }
        let within = |a: &Candidate, b: &Candidate| match (a.date, b.date) {
            (Some(a), Some(b)) => b > a && (b - a).num_days() <= self.window_days,
            _ => false,
        };
        // Two decimals: a score, not a measurement.
        let confidence = |s: f64| ((0.6 + 0.3 * s.min(1.0)) * 100.0).round() / 100.0;
        for i in 0..n {
            let c = &all[i];
            // The later decision that settles a recommendation, referral
            // or deferral; the earlier decision a call-in reviews.
            let found = match c.kind {
                StepKind::Recommended | StepKind::Referred => {
                    let target = c.target.as_deref().map(body_key);
                    best(
                        &all,
                        (i + 1)..n,
                        |o| {
                            within(c, o)
                                && target.as_deref().is_some_and(|t| {
                                    o.body.as_deref().map(body_key).as_deref() == Some(t)
                                })
                        },
                        &c.words,
                    )
                    .map(|(j, s)| {
                        let to = c.target.as_deref().unwrap_or("");
                        (
                            j,
                            format!("{} to {to}; title similarity {s:.2}", c.kind.as_str()),
                            s,
                        )
                    })
                }
                StepKind::Deferred => best(
                    &all,
                    (i + 1)..n,
                    |o| within(c, o) && o.body.is_some() && o.body == c.body,
                    &c.words,
                )
                .map(|(j, s)| (j, format!("deferred; title similarity {s:.2}"), s)),
                StepKind::CalledIn => best(&all, 0..i, |o| within(o, c), &c.words)
                    .map(|(j, s)| (j, format!("call-in; title similarity {s:.2}"), s)),
                StepKind::Decided => None,
            };
            if let Some((j, evidence, s)) = found
                && sets.find(i) != sets.find(j)
            {
                sets.union(i, j);
                let (later, earlier) = if j > i { (j, i) } else { (i, j) };
                link[later].get_or_insert((earlier, evidence, confidence(s)));
            }
        }
        let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for i in 0..n {
            groups.entry(sets.find(i)).or_default().push(i);
        }
        let mut groups: Vec<Vec<usize>> = groups
            .into_values()
            .filter(|g| {
                g.len() > 1 || matches!(all[g[0]].kind, StepKind::Recommended | StepKind::Referred)
            })
            .collect();
        for g in &mut groups {
            g.sort_unstable();
        }
        groups.sort_by_key(|g| g[0]);
        let mut matters = Vec::with_capacity(groups.len());
        let mut steps = Vec::new();
        for g in groups {
            let first = &all[g[0]];
            let last = &all[*g.last().expect("a matter has a step")];
            let matter_id = stable_id(&["matter", council_id, &first.decision_id]);
            for (position, &i) in g.iter().enumerate() {
                let c = &all[i];
                let (evidence, confidence) = match &link[i] {
                    _ if position == 0 => ("first step".to_string(), 1.0),
                    Some((_, evidence, confidence)) => (evidence.clone(), *confidence),
                    // Joined as the earlier side of a later step's link.
                    None => ("linked by a later step".to_string(), 0.6),
                };
                steps.push(Step {
                    matter_id: matter_id.clone(),
                    position: position as u32,
                    decision_id: c.decision_id.clone(),
                    doc_id: c.doc_id.clone(),
                    meeting_id: c.meeting_id.clone(),
                    item_id: c.item_id.clone(),
                    body_name: c.body.clone(),
                    date: c.date,
                    step: c.kind.as_str(),
                    evidence,
                    confidence,
                });
            }
            matters.push(Matter {
                title: first.title.clone(),
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

/// The candidate in `range` that `fits` with the most similar title (at
/// least [`SIMILAR`]); the earliest among equals.
fn best(
    all: &[Candidate],
    range: std::ops::Range<usize>,
    fits: impl Fn(&Candidate) -> bool,
    words: &BTreeSet<String>,
) -> Option<(usize, f64)> {
    let mut found: Option<(usize, f64)> = None;
    for j in range {
        if !fits(&all[j]) {
            continue;
        }
        let s = similarity(words, &all[j].words);
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
mod tests {
    use super::*;

    #[test]
    fn titles_are_compared_by_their_subject_words() {
        let a = words("Recommendations from Cabinet: Highways Capital Programme 2021/22");
        let b = words("Highways Capital Programme 2021/22");
        assert_eq!(similarity(&a, &b), 1.0);
        let c = words("Library Service Review");
        assert_eq!(similarity(&b, &c), 0.0);
        assert_eq!(body_key("Full Council"), body_key("the Council"));
        assert_eq!(body_key("County Council"), "council");
        assert_ne!(body_key("Cabinet"), body_key("Council"));
    }

    fn candidate(id: &str, body: &str, date: &str, title: &str, kind: StepKind) -> Candidate {
        Candidate {
            decision_id: id.into(),
            doc_id: format!("doc-{id}"),
            meeting_id: format!("m-{id}"),
            item_id: format!("i-{id}"),
            body: Some(body.into()),
            date: date.parse().ok(),
            title: title.into(),
            words: words(title),
            refs: REFERENCE
                .captures_iter(title)
                .filter_map(|c| c.get(1).or(c.get(2)).map(|m| m.as_str().to_uppercase()))
                .collect(),
            kind,
            target: (kind == StepKind::Recommended).then(|| "Council".into()),
        }
    }

    /// (matter of each decision, step, evidence), by decision ID.
    fn linked(
        candidates: Vec<Candidate>,
        window: u32,
    ) -> Vec<(String, String, &'static str, String)> {
        let mut matters = Matters::new(window);
        for c in candidates {
            matters.candidates.insert(c.decision_id.clone(), c);
        }
        let (_, steps) = matters.finish("c");
        let mut out: Vec<_> = steps
            .into_iter()
            .map(|s| (s.decision_id, s.matter_id, s.step, s.evidence))
            .collect();
        out.sort();
        out
    }

    #[test]
    fn a_shared_reference_links_whatever_the_titles() {
        let steps = linked(
            vec![
                candidate(
                    "a",
                    "Scrutiny",
                    "2021-01-10",
                    "Waste Strategy FIN/21/03",
                    StepKind::Decided,
                ),
                candidate(
                    "b",
                    "Cabinet",
                    "2021-02-10",
                    "Report FIN/21/03",
                    StepKind::Decided,
                ),
                candidate(
                    "c",
                    "Cabinet",
                    "2021-02-10",
                    "Library Review",
                    StepKind::Decided,
                ),
            ],
            180,
        );
        assert_eq!(steps.len(), 2, "{steps:?}");
        assert_eq!(steps[0].1, steps[1].1);
        assert_eq!(steps[1].3, "reference FIN/21/03");
    }

    #[test]
    fn a_recommendation_outside_the_window_stays_open() {
        let make = || {
            vec![
                candidate(
                    "a",
                    "Cabinet",
                    "2021-02-04",
                    "Budget 2021/22",
                    StepKind::Recommended,
                ),
                candidate(
                    "b",
                    "Full Council",
                    "2021-12-01",
                    "Budget 2021/22",
                    StepKind::Decided,
                ),
            ]
        };
        let far = linked(make(), 180);
        assert_eq!(far.len(), 1, "only the open recommendation: {far:?}");
        assert_eq!(far[0].2, "recommended");
        let near = linked(make(), 365);
        assert_eq!(near.len(), 2);
        assert_eq!(near[1].3, "recommended to Council; title similarity 1.00");
    }

    #[test]
    fn a_call_in_follows_the_decision_it_reviews() {
        let steps = linked(
            vec![
                candidate(
                    "a",
                    "Cabinet",
                    "2021-03-01",
                    "Closure of Riverside Day Centre",
                    StepKind::Decided,
                ),
                candidate(
                    "b",
                    "Scrutiny",
                    "2021-03-15",
                    "Call-in: Closure of Riverside Day Centre",
                    StepKind::CalledIn,
                ),
                candidate(
                    "c",
                    "Scrutiny",
                    "2021-03-15",
                    "Budget Monitoring",
                    StepKind::Decided,
                ),
            ],
            180,
        );
        assert_eq!(steps.len(), 2, "{steps:?}");
        assert_eq!((steps[0].2, steps[1].2), ("decided", "called_in"));
        assert!(steps[1].3.starts_with("call-in; title similarity"));
    }

    #[test]
    fn references_need_a_digit() {
        let found: Vec<String> = REFERENCE
            .captures_iter("Report FIN/22/07 (ref: 4120) N/A")
            .filter_map(|c| c.get(1).or(c.get(2)).map(|m| m.as_str().to_string()))
            .filter(|r| r.chars().any(|c| c.is_ascii_digit()))
            .collect();
        assert_eq!(found, ["FIN/22/07", "4120"]);
    }
}
