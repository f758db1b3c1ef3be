//! What each decision clause does: noted, approved, recommended to a body,
//! delegated to an officer, ...
//!
//! A clause may do several things ("the report be noted and the plan be
//! approved"); `action` is the one with the most consequence, in the order
//! of [`ACTIONS`]: a recommendation or delegation outranks an approval,
//! which outranks a noting.

use std::sync::LazyLock;

use regex::{Regex, RegexSet};

use crate::model::{Clause, Decision};

/// Actions, strongest first, with the verb forms that signal them, in
/// English and Welsh (with its mutated forms: "gymeradwyo" for
/// "cymeradwyo", approve).
const ACTIONS: &[(&str, &str)] = &[
    (
        "recommended",
        r"recommend(?:s|ed)?\s+to\b|be\s+recommended\b|recommends?\s+(?:that\s+)?(?:the\s+)?(?:full\s+)?council\b",
    ),
    ("delegated", r"delegat(?:e|es|ed|ion)\b|d?dirprwy\w*"),
    (
        "referred",
        r"refer(?:s|red)?\s+(?:back\s+)?to\b|be\s+referred\b",
    ),
    ("deferred", r"defer(?:s|red)?\b|g?ohiri\w*"),
    // "That the press and public be excluded from the meeting".
    ("excluded", r"exclude[sd]?\b|g?waharddwyd\b"),
    // Licensing and appeals: "the premises licence be revoked", "the
    // licence was suspended for four weeks", "the complaint was upheld".
    ("revoked", r"revoke[sd]?\b"),
    ("suspended", r"suspend(?:s|ed)?\b"),
    ("upheld", r"upheld\b|upholds?\b"),
    (
        "refused",
        r"refuse[sd]?\b|not\s+be\s+(?:approved|granted)\b|g?wrthod\w*",
    ),
    // A motion voted down: "was put to the vote and was LOST", "LOST.".
    (
        "rejected",
        r"reject(?:s|ed)?\b|dismiss(?:es|ed)?\b|(?:was|were)\s+(?:declared\s+)?(?:lost|defeated)\b|(?:lost|defeated)\s*[.!]?$",
    ),
    // A motion carried is adopted ("CARRIED", "That the motion be
    // carried."); "be carried forward" is not.
    (
        "adopted",
        r"adopt(?:s|ed)?\b|carried\s*[.!]?$|[mf]abwysiad\w*",
    ),
    // "Councillor X was elected Chair", "be appointed to the Board",
    // "appoints Councillor Y"; not "the elected Members", "the appointed
    // auditor".
    (
        "appointed",
        r"(?:was|were|be|been|is|are)\s+(?:duly\s+|unanimously\s+)?(?:re-?)?(?:elected|appointed)\b|(?:re-?)?(?:elect|appoint)s?\s+(?:Councillor|Cllr|Mr|Mrs|Ms|Dr)\b|[bp]enod(?:i|wyd)\b|etholwyd\b",
    ),
    (
        "approved",
        r"approve[sd]?\b|ratif(?:y|ies|ied)\b|grant(?:s|ed)?\b|awards?\s+(?:the\s+)?contract\b|(?:be|is|was|were)\s+awarded\b|(?:be|is|are|was|were)\s+authori[sz]ed\b|authori[sz]es?\b|[cg]ymeradwy\w*|[cg]aniat\w*",
    ),
    ("agreed", r"agree[sd]?\b|[cg]ytun\w*"),
    ("endorsed", r"endorse[sd]?\b"),
    // Previous minutes: "confirmed as a correct record", "were a correct
    // record", "fel rhai cywir".
    (
        "confirmed",
        r"confirm(?:s|ed)?\b|correct\s+record\b|signed\s+as\s+(?:a\s+)?correct\b|cywir\b",
    ),
    (
        "noted",
        r"note[sd]?\b|receive[sd]?\b|nod(?:i|wyd)\b|d?derbyn\w*",
    ),
];

/// A body's name: capitalised words, joined by "and", "of" or "&".
const BODY: &str = r"(?:the\s+)?([A-Z][\w'’&-]*(?:\s+(?:(?:and|of|&|for)\s+)?[A-Z][\w'’&-]*)*)";

pub fn classify(clause: &mut Clause) {
    // One pass over the clause finds every action it states; the
    // strongest is the first in [`ACTIONS`].
    static VERBS: LazyLock<RegexSet> = LazyLock::new(|| {
        let patterns: Vec<String> = ACTIONS
            .iter()
            .map(|(_, verbs)| format!(r"(?i)\b(?:{verbs})"))
            .collect();
        crate::stages::regex_set(&patterns).unwrap()
    });
    static TARGET: LazyLock<Regex> = LazyLock::new(|| {
        crate::stages::regex(&format!(
            r"(?i:recommend\w*|refer\w*)\s+(?:back\s+)?to\s+{BODY}"
        ))
        .unwrap()
    });
    static DELEGATE: LazyLock<Regex> = LazyLock::new(|| {
        crate::stages::regex(r"(?i:delegat\w*)\s+(?:(?:authority|powers?)\s+)?(?:is\s+|be\s+)?(?:given\s+)?to\s+(?:the\s+)?([A-Z][^,;.(]*?)(?:\s+in\s+consultation\b|\s+to\s|\s+for\s|[,;.(]|$)").unwrap()
    });
    let text = &clause.text;
    clause.action = Some(
        VERBS
            .matches(text)
            .iter()
            .next()
            .map_or("other", |i| ACTIONS[i].0),
    );
    clause.target_body = match clause.action {
        Some("recommended" | "referred") => TARGET
            .captures(text)
            .map(|c| c[1].trim().to_string())
            .filter(|b| !b.eq_ignore_ascii_case("the")),
        _ => None,
    };
    clause.delegate = match clause.action {
        Some("delegated") => DELEGATE.captures(text).map(|c| c[1].trim().to_string()),
        _ => None,
    };
}

/// Clauses under a preamble that recommends or refers ("RESOLVED that it
/// be recommended to Council that: (a) the budget be approved") are
/// recommendations to that body, whatever their own verb.
pub fn inherit(decision: &mut Decision) {
    let Some(preamble) = &decision.preamble else {
        return;
    };
    let mut head = Clause {
        text: preamble.clone(),
        ..Clause::default()
    };
    classify(&mut head);
    if !matches!(head.action, Some("recommended" | "referred")) {
        return;
    }
    for clause in &mut decision.clauses {
        if !matches!(
            clause.action,
            Some("recommended" | "referred" | "delegated")
        ) {
            clause.action = head.action;
            clause.target_body = head.target_body.clone();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_in_english_and_welsh() {
        let action = |text: &str| {
            let mut clause = Clause {
                text: text.into(),
                ..Clause::default()
            };
            classify(&mut clause);
            clause.action.unwrap()
        };
        for (text, expected) in [
            (
                "That the press and public be excluded from the meeting.",
                "excluded",
            ),
            ("That the motion be carried.", "adopted"),
            ("RESOLVED that the premises licence be revoked.", "revoked"),
            ("The licence was suspended for four weeks.", "suspended"),
            ("The complaint was upheld.", "upheld"),
            ("The appeal was dismissed.", "rejected"),
            ("CARRIED", "adopted"),
            ("The motion was put to the vote and was LOST.", "rejected"),
            ("LOST", "rejected"),
            (
                "The Board ratified the decision taken under urgency.",
                "approved",
            ),
            ("The lost income be met from reserves.", "other"),
            ("That £2m be carried forward to 2024/25.", "other"),
            (
                "Councillor Patel was elected Chair for the meeting.",
                "appointed",
            ),
            ("That the elected Members be consulted.", "other"),
            (
                "that the Director be authorised to award the contract.",
                "approved",
            ),
            ("The contract was awarded to GreenCo Ltd.", "approved"),
            ("the minutes were a correct record.", "confirmed"),
            (
                "The minutes were taken as read and signed as correct.",
                "confirmed",
            ),
            ("cymeradwyo'r gyllideb.", "approved"),
            (
                "caniatáu'r cais yn unol ag argymhelliad y swyddog.",
                "approved",
            ),
            ("nodi'r adroddiad.", "noted"),
            ("gwrthod y cais.", "refused"),
            (
                "Llofnododd y Cadeirydd y cofnodion fel rhai cywir.",
                "confirmed",
            ),
        ] {
            assert_eq!(action(text), expected, "{text}");
        }
    }

    #[test]
    fn clauses_under_a_recommending_preamble_are_recommendations() {
        let clause = |text: &str| Clause {
            text: text.into(),
            ..Clause::default()
        };
        let mut d = Decision {
            preamble: Some("RESOLVED that it be recommended to Council that:".into()),
            clauses: vec![
                clause("the budget be approved"),
                clause("delegated authority be given to the Treasurer"),
            ],
            ..Decision::default()
        };
        d.clauses.iter_mut().for_each(classify);
        inherit(&mut d);
        assert_eq!(d.clauses[0].action, Some("recommended"));
        assert_eq!(d.clauses[0].target_body.as_deref(), Some("Council"));
        assert_eq!(d.clauses[1].action, Some("delegated"));
        let mut plain = Decision {
            preamble: Some("RESOLVED that Cabinet:".into()),
            clauses: vec![clause("approves the plan")],
            ..Decision::default()
        };
        plain.clauses.iter_mut().for_each(classify);
        inherit(&mut plain);
        assert_eq!(plain.clauses[0].action, Some("approved"));
    }

    fn classified(text: &str) -> Clause {
        let mut c = Clause {
            text: text.into(),
            ..Default::default()
        };
        classify(&mut c);
        c
    }

    #[test]
    fn actions_and_targets() {
        let c = classified(
            "the addition of £4.1million to the Capital Programme for Phase 3, to be funded by revenue savings, be recommended to Council for approval; and",
        );
        assert_eq!(c.action, Some("recommended"));
        assert_eq!(c.target_body.as_deref(), Some("Council"));
        assert_eq!(classified("the report be noted").action, Some("noted"));
        assert_eq!(
            classified("Cabinet endorses the plan.").action,
            Some("endorsed")
        );
        assert_eq!(
            classified("the matter be referred to the Overview and Scrutiny Panel for review")
                .target_body
                .as_deref(),
            Some("Overview and Scrutiny Panel")
        );
        assert_eq!(
            classified("the application be REFUSED").action,
            Some("refused")
        );
        assert_eq!(
            classified("consideration be deferred to June").action,
            Some("deferred")
        );
        assert_eq!(
            classified("the Chairman thanked officers").action,
            Some("other")
        );
    }

    #[test]
    fn a_clause_with_two_actions_takes_the_stronger() {
        let c = classified("the report be noted and the revised budget be approved");
        assert_eq!(c.action, Some("approved"));
        let c = classified(
            "the plan be approved and authority be delegated to the Chief Executive, in consultation with the Leader, to finalise it",
        );
        assert_eq!(c.action, Some("delegated"));
        assert_eq!(c.delegate.as_deref(), Some("Chief Executive"));
    }
}
