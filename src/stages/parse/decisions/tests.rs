use super::*;
use crate::stages::parse::ParseRules;

fn grammar() -> Grammar {
    Grammar::new(&ParseRules {
        minutes_labels: vec!["Minutes".into()],
        resolution_words: vec!["RESOLVED".into(), "AGREED".into()],
    })
    .unwrap()
}

fn toks(text: &str) -> Vec<Tok<'_>> {
    let mut gap = 0;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            gap += 1;
            continue;
        }
        out.push(Tok {
            text: line.trim(),
            line: i as u32 + 1,
            gap,
            indent: 0,
            row: false,
            cues: Cues::of(line),
        });
        gap = 0;
    }
    out
}

#[test]
fn lettered_clauses_with_preamble() {
    let t = toks(
        "Discussion.\n\nRESOLVED: that\n\n(a)  the report be endorsed;\n\n(b)  the programme be noted; and\n\nAfter.",
    );
    let d = find(&t, &[], &grammar());
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].preamble.as_deref(), Some("RESOLVED: that"));
    let labels: Vec<_> = d[0]
        .clauses
        .iter()
        .map(|c| c.label.clone().unwrap())
        .collect();
    assert_eq!(labels, ["a", "b"]);
    assert_eq!(d[0].clauses[1].text, "the programme be noted; and");
    assert_eq!(
        d[0].span,
        Span {
            line_start: 3,
            line_end: 7
        }
    );
}

#[test]
fn single_resolution_is_one_unlabelled_clause() {
    let t = toks("RESOLVED that the minutes be confirmed.");
    let d = find(&t, &[], &grammar());
    assert_eq!(d[0].clauses.len(), 1);
    assert_eq!(d[0].clauses[0].label, None);
    assert_eq!(d[0].clauses[0].text, "that the minutes be confirmed.");
    // An opener with nothing after it is the whole clause, never an empty one.
    for text in ["Agreed.", "RESOLVED"] {
        let d = find(&toks(text), &[], &grammar());
        assert_eq!(d[0].clauses[0].text, text);
    }
}

#[test]
fn standalone_opener_takes_the_next_paragraph() {
    let t = toks("RESOLVED –\n\nTHAT the report be noted.");
    let d = find(&t, &[], &grammar());
    assert_eq!(d[0].clauses[0].text, "THAT the report be noted.");
    // The vote's note after the opener is no resolution of its own.
    let t = toks("RESOLVED: (Unanimously)\n\nThat the minutes be approved.");
    let d = find(&t, &[], &grammar());
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].clauses[0].text, "That the minutes be approved.");
}

#[test]
fn outcome_sentences_count_but_reported_agreements_do_not() {
    let g = grammar();
    assert_eq!(
        find(&toks("The Committee noted the report."), &[], &g).len(),
        1
    );
    assert_eq!(
        find(
            &toks("The minutes were agreed as a correct record."),
            &[],
            &g
        )
        .len(),
        1
    );
    assert_eq!(
        find(&toks("• It was agreed that data would follow."), &[], &g).len(),
        1
    );
    assert_eq!(find(&toks("The motion was carried."), &[], &g).len(), 1);
    for outcome in [
        "Cllr A was duly elected as Chairman for the year.",
        "Councillor Green was appointed Chair for the municipal year.",
        "The motion was put to the vote and was LOST.",
        "The minutes of the meeting held on 10 November 2022 were confirmed and signed by the Chair.",
        "Members considered the minutes. The Minutes of the last meeting were approved.",
        "On being put to the vote the amendment was declared carried.",
        "On being put to the vote the motion was declared lost.",
        "The motion was therefore lost.",
        "This was agreed by the Council.",
        "The change was not agreed and business continued.",
        "The Minutes of the meeting held on 10 May were noted.",
        "The minutes were taken as read and signed as correct.",
        "The minutes were confirmed as an accurate record.",
        "6.2 The Board agreed to note the changes.",
        "Llofnododd y Cadeirydd y cofnodion fel rhai cywir.",
        "Cadarnhawyd bod cofnodion y cyfarfod a gynhaliwyd ar 8 Chwefror yn gywir.",
        "The Provost ruled and the Council agreed to consider the Motion.",
        "The report was considered. Decision The Committee agreed the hours.",
        "The Board received an update on the strategy and noted the progress made.",
        "Members discussed the options and agreed the second.",
        "Members received a verbal update from the Participation Officer and NOTED it.",
        "The Council adopted the timetable.",
        "The Board ratified the decision taken under urgency.",
        "The Committee REFUSED the application.",
        "The Sub-Committee granted the licence subject to conditions.",
        "Proposed by Councillor Brown, seconded by Councillor Davis and AGREED that the estimates be approved.",
        "It was proposed by Alderman Mrs. J. Smith, seconded by Councillor Lee, and unanimously agreed to adopt the policy.",
        "Moved by Councillor Howard, seconded by Councillor Campbell and carried.",
    ] {
        assert_eq!(find(&toks(outcome), &[], &g).len(), 1, "{outcome}");
    }
    assert!(find(&toks("Members noted that the item was late."), &[], &g).is_empty());
    for history in [
        "The Committee had considered the plan and agreed a timetable.",
        "The Board received the report and noted that costs had risen.",
        "The Panel met in March and agreed earlier to a review.",
        "The Committee received a presentation. Officers and partners agreed to it.",
        // A motion moved and seconded, its outcome not told here.
        "Moved by Councillor Howard, seconded by Councillor Campbell. The Director agreed to report back.",
    ] {
        assert!(find(&toks(history), &[], &g).is_empty(), "{history}");
    }
    assert!(
        find(
            &toks("• Cabinet had previously agreed to take 2 options."),
            &[],
            &g
        )
        .is_empty()
    );
    assert!(find(&toks("The CMR agreed and reminded Members."), &[], &g).is_empty());
    assert!(find(&toks("The Cabinet Member agreed."), &[], &g).is_empty());
    assert!(
        find(
            &toks("A tribute to Cllr B, who was elected in 1970 for Ardwick."),
            &[],
            &g
        )
        .is_empty(),
        "a life's history"
    );
    assert!(
        find(
            &toks("However, it was noted that money was not the solution."),
            &[],
            &g
        )
        .is_empty()
    );
}

#[test]
fn a_correct_record_needs_its_verb_within_sixty_characters_in_the_clause() {
    let within = format!("Minutes approved {} as a correct record", "x".repeat(58));
    assert!(is_outcome(&within));
    let beyond = format!("Minutes approved {} as a correct record", "x".repeat(59));
    assert!(!is_outcome(&beyond), "61 characters between");
    assert!(!is_outcome("Approved. Copies kept as a true record"));
    assert!(!is_outcome("Approved; copies kept as a true record"));
    assert!(!is_outcome("Minutes disapproved as a correct record"));
    for outcome in [
        "Planning permission was GRANTED subject to conditions.",
        "The application was REFUSED for the reasons set out.",
        "The recommendations were approved.",
        "The Committee voted to approve the recommendations.",
        "The Committee AGREED to recommend the budget to Cabinet.",
        "Members NOTED the report.",
        "The budget was approved.",
        "The scheme was approved subject to conditions.",
        "Recommendation approved.",
        "CARRIED",
        "Motion lost by 12 votes to 20.",
        "Noted.",
        "Permission GRANTED subject to conditions.",
        "Councillors considered the report and agreed the recommendations.",
        "The Committee agreed that the report be approved.",
        "The Sub-Committee decided that no further action be taken.",
        "The Panel resolved that the scheme be deferred.",
        "The licence was revoked.",
        "The premises licence was suspended for six weeks.",
        "The appeal was dismissed.",
        "The complaint was upheld.",
        "Licence REVOKED.",
        "The Sub-Committee SUSPENDED the licence for four weeks.",
    ] {
        assert!(is_outcome(outcome), "{outcome}");
    }
    for reported in [
        "The scheme was approved by Cabinet in 2019.",
        "The plan was adopted in 2019 and reviewed since.",
        "Approved by the Planning Inspectorate on appeal.",
        "Members NOTED that the item was late.",
        "The Committee noted that the figures had improved.",
        "The Board confirmed that the audit had been completed.",
        "The licence was renewed in 2019 for ten years.",
        "The Committee agreed earlier in the year to a review.",
        "The Board approved at its last meeting a revised budget.",
        "The Panel noted previously that costs had risen.",
    ] {
        assert!(!is_outcome(reported), "{reported}");
    }
    for not_yet in [
        "Cabinet had previously agreed the scope of the review.",
        "The Committee is recommended to resolve that permission be granted.",
        "The Chair will move the motion.",
        "The grant was lost when the scheme closed.",
        "Mr Hale was appointed in 2019 as Director.",
        "The minutes of the working group will be approved next month.",
    ] {
        assert!(!is_outcome(not_yet), "{not_yet}");
    }
    assert!(is_outcome(
        "Minutes agreed, with the changes, as a true record"
    ));
    // Non-ASCII text in the gap counts characters, not bytes.
    let welsh = format!("Minutes approved {} as a correct record", "ŵ".repeat(58));
    assert!(is_outcome(&welsh));
}

/// The stems' scan may only rule out lines that no pattern matches:
/// every match of the outcome patterns, on every line of the corpus
/// and of the cases above, holds a stem.
#[test]
fn every_outcome_match_holds_a_stem() {
    crate::stages::parse::tests::assert_every_match_holds(
        &[&OUTCOME, &RECORD_VERB, &SECOND, &AND_AGREED],
        Cues::OUTCOME,
        concat!(include_str!("mod.rs"), include_str!("tests.rs")),
        200,
    );
}

#[test]
fn decision_block_counts_only_when_it_states_an_outcome() {
    let g = grammar();
    assert_eq!(find(&[], &toks("Noted."), &g).len(), 1);
    assert!(find(&[], &toks("For information"), &g).is_empty());
    assert_eq!(find(&[], &toks("The licence was revoked."), &g).len(), 1);
    assert!(find(&[], &toks("The licence holder attended."), &g).is_empty());
    assert!(find(&[], &toks("None."), &g).is_empty());
    assert!(find(&[], &toks("Apologies were received from Cllr A."), &g).is_empty());
    // A decision record's outcome in the infinitive.
    assert_eq!(
        find(&[], &toks("To note the budget position."), &g).len(),
        1
    );
    assert!(find(&[], &toks("To follow at the next meeting."), &g).is_empty());
    // ... also as numbered clauses: one decision, two clauses.
    let numbered = find(
        &[],
        &toks("1. To approve the programme.\n2. To delegate the contracts."),
        &g,
    );
    assert_eq!(numbered.len(), 1);
    assert_eq!(numbered[0].clauses.len(), 2);
    assert!(find(&[], &toks("1. To follow at the next meeting."), &g).is_empty());
    // "The Council:-" over clauses that open with the outcome.
    let addressed = find(
        &toks(
            "There had been circulated Report No. HC/12/23.\nThe Council:-\ni. NOTED the position; and\nii. APPROVED the adjustments.",
        ),
        &[],
        &g,
    );
    assert_eq!(addressed.len(), 1);
    assert_eq!(addressed[0].clauses.len(), 2);
    assert_eq!(addressed[0].preamble.as_deref(), Some("The Council:-"));
    assert!(
        find(
            &toks("The Council:-\ni. The report was circulated."),
            &[],
            &g
        )
        .is_empty()
    );
    // A body's decision in the present tense, as clauses.
    let present = find(
        &[],
        &toks("That the Executive:\n1. Notes the forecast overspend;\n2. Approves the virements."),
        &g,
    );
    assert_eq!(present.len(), 1);
    assert_eq!(present[0].clauses.len(), 2);
}

#[test]
fn clauses_numbered_within_one_paragraph() {
    let (preamble, clauses) = inline_clauses(
        "(1) That the plan be approved; (2) That the Director be authorised to submit it.",
    )
    .unwrap();
    assert_eq!(preamble, "");
    assert_eq!(
        clauses,
        [
            ("1", "That the plan be approved;"),
            ("2", "That the Director be authorised to submit it.")
        ]
    );
    let (preamble, clauses) =
        inline_clauses("that: a) the report be noted; and b) the plan be approved.").unwrap();
    assert_eq!(preamble, "that:");
    assert_eq!(clauses.len(), 2);
    // Numbers in a sentence, out of turn, or one alone: no list.
    for text in [
        "the scheme under sections (1) and (2) of the Act be approved.",
        "(2) That the plan be approved; (3) That it be published.",
        "(1) That the plan be approved.",
        "the budget at paragraph 3(a) and 3(b) be approved.",
    ] {
        assert!(inline_clauses(text).is_none(), "{text}");
    }
}

#[test]
fn a_label_alone_on_its_line_opens_the_clause_under_it() {
    let t = toks("RESOLVED that:\n\n(1)\n\nthe plan be approved;\n\n(2)\n\nprogress be reported.");
    let d = find(&t, &[], &grammar());
    assert_eq!(d.len(), 1, "{d:?}");
    let clauses: Vec<_> = (d[0].clauses.iter())
        .map(|c| {
            (
                c.label.as_deref().unwrap(),
                c.text.as_str(),
                c.span.line_start,
                c.span.line_end,
            )
        })
        .collect();
    assert_eq!(
        clauses,
        [
            ("1", "the plan be approved;", 3, 5),
            ("2", "progress be reported.", 7, 9)
        ]
    );
    // Capital letters alone are labels; two labels in a row are no clause.
    let t = toks("RESOLVED:\n\nA.\n\nThat the strategy be endorsed.\n\nB.\n\nThat it be adopted.");
    let d = find(&t, &[], &grammar());
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].clauses.len(), 2);
    assert_eq!(d[0].clauses[1].text, "That it be adopted.");
    assert!(clause_at(&toks("(a)\n(b)\nText."), 0).is_none());
}

#[test]
fn an_outcome_over_a_list_takes_the_list_as_its_clauses() {
    let t = toks(
        "The Board noted:\n\na)\n\ntwo appeals allowed;\n\nb) one appeal dismissed.\n\nAfter.",
    );
    let d = find(&t, &[], &grammar());
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].preamble.as_deref(), Some("The Board noted:"));
    let labels: Vec<_> = (d[0].clauses.iter())
        .map(|c| c.label.as_deref().unwrap())
        .collect();
    assert_eq!(labels, ["a", "b"]);
    assert!(!d[0].text.contains("After"));
    // With the dash many councils print after the colon.
    for opener in ["The Committee agreed:-", "RESOLVED that:-"] {
        let text = format!("{opener}\n(i) to approve the plan; and\n(ii) to report back.");
        let t = toks(&text);
        let d = find(&t, &[], &grammar());
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].clauses.len(), 2, "{opener}: {d:?}");
    }
}

#[test]
fn an_outcome_over_one_paragraph_that_goes_on_takes_it() {
    for body in [
        "to exclude the press and public from the meeting.",
        "that the plan be adopted.",
    ] {
        let text = format!("The Council resolved:-\n\n{body}\n\nThe meeting closed.");
        let d = find(&toks(&text), &[], &grammar());
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].text, format!("The Council resolved:-\n\n{body}"));
    }
    // A vote's tally under the colon is not what was resolved.
    let t = toks("The motion was agreed after a vote, with the following result:\n\nFor: 35");
    let d = find(&t, &[], &grammar());
    assert_eq!(d.len(), 1, "{d:?}");
    assert!(!d[0].text.contains("35"), "{d:?}");
}

#[test]
fn a_resolution_word_in_capitals_counts_anywhere_on_a_line_as_configured() {
    let panel = Grammar::new(&ParseRules {
        minutes_labels: vec!["Minutes".into()],
        resolution_words: vec!["DETERMINED".into(), "Penderfynwyd".into()],
    })
    .unwrap();
    let t = toks("The Panel heard the applicant.\nThe Panel DETERMINED to grant the licence.");
    let d = find(&t, &[], &panel);
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].text, "The Panel DETERMINED to grant the licence.");
    // Not a word of this council's: the line is prose.
    assert!(find(&t, &[], &grammar()).is_empty());
    // A word configured in title case is prose in mid-sentence.
    let t = toks("The Chair explained that Penderfynwyd is a word of the Welsh minutes.");
    assert!(find(&t, &[], &panel).is_empty());
    // RESOLVED after other words, with no body named before it.
    let t = toks("Following the debate RESOLVED to defer the item.");
    assert_eq!(find(&t, &[], &grammar()).len(), 1);
    assert!(find(&t, &[], &panel).is_empty());
}
