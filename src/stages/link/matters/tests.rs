use super::*;

#[test]
fn titles_are_compared_by_their_subject_words() {
    let a = words("Recommendations from Cabinet: Highways Capital Programme 2021/22");
    let b = words("Highways Capital Programme 2021/22");
    assert_eq!(similarity(a.as_slice(), b.as_slice()), 1.0);
    let c = words("Library Service Review");
    assert_eq!(similarity(b.as_slice(), c.as_slice()), 0.0);
    assert_eq!(body_key("Full Council"), body_key("the Council"));
    assert_eq!(body_key("County Council"), "council");
    assert_ne!(body_key("Cabinet"), body_key("Council"));
}

type Row = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    StepKind,
);

/// (decision, body, date, title, kind) -> (decision ID, matter ID,
/// step, evidence) of each step, by decision.
fn linked(rows: &[Row], window: u32) -> Vec<(String, String, &'static str, String)> {
    let mut matters = Matters::new(window);
    for &(decision, body, date, title, kind) in rows {
        let (b, key) = (matters.intern(body), matters.intern(&body_key(body)));
        let target = (kind == StepKind::Recommended)
            .then(|| (matters.intern("Council"), matters.intern("council")));
        let refs = REFERENCE
            .captures_iter(title)
            .filter_map(|c| c.get(1).or(c.get(2)).map(|m| m.as_str().into()))
            .collect::<Vec<Box<str>>>();
        matters.candidates.push(vec![Candidate {
            decision_id: id_number(decision),
            doc_id: 1,
            meeting_id: 2,
            item_id: 3,
            body: Some(b),
            body_key: Some(key),
            date: date.parse().ok(),
            extra: Some(Box::new(Extra {
                title: title.into(),
                refs: refs.into_boxed_slice(),
            })),
            words: words(title),
            kind,
            target,
        }]);
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
        &[
            (
                "a",
                "Scrutiny",
                "2021-01-10",
                "Waste Strategy FIN/21/03",
                StepKind::Decided,
            ),
            (
                "b",
                "Cabinet",
                "2021-02-10",
                "Report FIN/21/03",
                StepKind::Decided,
            ),
            (
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
    let rows: &[Row] = &[
        (
            "a",
            "Cabinet",
            "2021-02-04",
            "Budget 2021/22",
            StepKind::Recommended,
        ),
        (
            "b",
            "Full Council",
            "2021-12-01",
            "Budget 2021/22",
            StepKind::Decided,
        ),
    ];
    let far = linked(rows, 180);
    assert_eq!(far.len(), 1, "only the open recommendation: {far:?}");
    assert_eq!(far[0].2, "recommended");
    let near = linked(rows, 365);
    assert_eq!(near.len(), 2);
    assert_eq!(near[1].3, "recommended to Council; title similarity 1.00");
}

#[test]
fn a_call_in_follows_the_decision_it_reviews() {
    let steps = linked(
        &[
            (
                "a",
                "Cabinet",
                "2021-03-01",
                "Closure of Riverside Day Centre",
                StepKind::Decided,
            ),
            (
                "b",
                "Scrutiny",
                "2021-03-15",
                "Call-in: Closure of Riverside Day Centre",
                StepKind::CalledIn,
            ),
            (
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

/// The run holds one candidate per decision: 200 000 at 1 GB of
/// pages. Kept flat, it is ~20 MB there.
#[test]
fn a_candidate_stays_small() {
    assert!(size_of::<Candidate>() <= 112, "{}", size_of::<Candidate>());
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
