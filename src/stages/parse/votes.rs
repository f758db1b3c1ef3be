//! Recorded votes in an item's minutes: counts ("For: 26, Against: 32,
//! Abstentions: 0"), named lists ("For: Councillors A, B and C (3)",
//! "Those voting against: ..."), and tables of names after "a recorded vote
//! was taken" ("Councillor A Smith  For"). Where the minutes give both,
//! the counts are checked against the names, and a disagreement is a
//! warning, never silently resolved.

use std::sync::LazyLock;

use regex::Regex;

use super::people::split_names;
use super::{Cues, Tok};
use crate::model::{Decision, LineMap, NamedVote, Span, VoteCount, Warning};

/// Counts on one line or several, in the three ways minutes print them:
/// labels first, "For: 26 Against: 32 Abstention: 0", "(For 30, Against 12,
/// Abstain 3)", Welsh "O blaid: 10, Yn erbyn: 2, Ymatal: 1"; numbers first, "8 votes for, 2 against and 1 abstention",
/// "(14 for, 25 against)"; or "carried by 30 votes to 12 with 3
/// abstentions" ("to nil"). Groups 1-3, 4-6 and 7-9: for, against,
/// abstentions.
static COUNTS: LazyLock<Regex> = LazyLock::new(|| {
    crate::stages::regex(concat!(
        r"(?i)\b(?:for|o blaid)\s*[:\-–]?\s*(\d{1,3})\b[\s,;.]*",
        r"(?:against|yn erbyn)\s*[:\-–]?\s*(\d{1,3})\b",
        r"(?:[\s,;.]*(?:abstentions?|abstained|abstain|ymatal(?:iadau)?)\s*[:\-–]?\s*(\d{1,3})\b)?",
        r"|\b(\d{1,3})\s+(?:votes?\s+)?(?:for|in favour)\b[\s,;]*(?:and\s+|with\s+)?",
        r"(\d{1,3}|nil|none)\s+(?:votes?\s+)?against\b",
        r"(?:[\s,;]*(?:and\s+|with\s+)?(\d{1,3}|no)\s+(?:abstentions?|abstaining|abstained)\b)?",
        r"|\bby\s+(\d{1,3})\s+votes? to\s+(\d{1,3}|nil|none)\b",
        r"(?:[\s,]*(?:with|and)\s+(\d{1,3}|no)\s+abstentions?\b)?",
    ))
    .unwrap()
});

/// A count as printed: digits, or "nil" / "none" / "no" for 0.
fn count_of(printed: &str) -> Option<u32> {
    match printed.to_ascii_lowercase().as_str() {
        "nil" | "none" | "no" => Some(0),
        digits => digits.parse().ok(),
    }
}

/// A line that opens one side of a named vote: "For (3): ...", "Those
/// voting against the motion: ...", "Abstained: ...".
static SIDE: LazyLock<Regex> = LazyLock::new(|| {
    crate::stages::regex(concat!(
        r"(?i)^(?:those\s+)?(?:(?:members|councillors)\s+)?(?:voting\s+)?",
        r"(for|in favour|against|abstain(?:ed|ing)?|abstentions?)",
        r"(?:\s+(?:of\s+)?the\s+(?:motion|amendment|recommendations?|proposal))?",
        r"\s*(?:\((\d{1,3})\))?\s*[:\-–]\s*(.+)$"
    ))
    .unwrap()
});

/// A row of a table of names: "Councillor A Smith  For".
static ROW: LazyLock<Regex> = LazyLock::new(|| {
    crate::stages::regex(
        r"^(\p{Lu}[\w'’.-]*(?:\s+\p{Lu}[\w'’.-]*){0,5})\s*(?:[-–:|]\s*)?\b(?i:(for|against|abstain(?:ed)?|abstention))\.?$",
    )
    .unwrap()
});

/// A count printed after a list: "A, B and C (3)".
static TRAILING_COUNT: LazyLock<Regex> =
    LazyLock::new(|| crate::stages::regex(r"\s*[(\[](\d{1,3})[)\]]\.?\s*$").unwrap());

/// "A recorded vote was taken", "a named vote": a table of names may
/// follow. Lower-cased only for the lines whose cues hold the words.
fn says_recorded_vote(t: &Tok) -> bool {
    if !t.cues.has(Cues::RECORDED_VOTE) {
        return false;
    }
    let lower = t.text.to_ascii_lowercase();
    lower.contains("recorded vote") || lower.contains("named vote")
}

fn option(word: &str) -> &'static str {
    let word = word.to_ascii_lowercase();
    if word.starts_with("for") || word.starts_with("in favour") {
        "for"
    } else if word.starts_with("against") {
        "against"
    } else {
        "abstain"
    }
}

/// One vote being read: the counts printed (by option) and the names.
#[derive(Default)]
struct Draft {
    printed: [Option<u32>; 3],
    names: Vec<NamedVote>,
    span: Span,
}

const OPTIONS: [&str; 3] = ["for", "against", "abstain"];

fn index(option: &str) -> usize {
    OPTIONS.iter().position(|o| *o == option).unwrap_or(2)
}

/// The votes of an item; `decisions` are its resolutions, so each vote
/// can name the one it decided. `item` numbers the warnings' messages.
/// `toks` are the minutes, `text` and `lines` the same joined as the
/// item's minutes text.
pub fn find(
    toks: &[Tok],
    (text, lines): (&str, &LineMap),
    decisions: &[Decision],
    item: u32,
    warnings: &mut Vec<Warning>,
) -> Vec<VoteCount> {
    let cues = toks.iter().map(|t| t.cues).collect();
    let mut drafts = counted(text, lines, cues);
    for named in named(toks) {
        // Names printed beside counts of their own are the same vote.
        let near = drafts.iter_mut().find(|d| {
            d.names.is_empty()
                && named.span.line_start <= d.span.line_end + 2
                && d.span.line_start <= named.span.line_end + 2
        });
        match near {
            Some(d) => {
                for (printed, named) in d.printed.iter_mut().zip(named.printed) {
                    *printed = printed.or(named);
                }
                d.names = named.names;
                d.span.line_start = d.span.line_start.min(named.span.line_start);
                d.span.line_end = d.span.line_end.max(named.span.line_end);
            }
            None => drafts.push(named),
        }
    }
    drafts.sort_by_key(|d| d.span.line_start);
    let next_starts: Vec<Option<u32>> = (0..drafts.len())
        .map(|i| drafts.get(i + 1).map(|next| next.span.line_start))
        .collect();
    drafts
        .into_iter()
        .zip(next_starts)
        .map(|(d, next_vote)| {
            let named = |o: usize| d.names.iter().filter(|n| index(n.option) == o).count() as u32;
            let mut counted = false;
            let mut counts = [0; 3];
            for o in 0..3 {
                counts[o] = match d.printed[o] {
                    Some(printed) => {
                        counted = true;
                        if !d.names.is_empty() && printed != named(o) {
                            warnings.push(Warning {
                                line: Some(d.span.line_start),
                                code: "vote_names_disagree",
                                message: format!(
                                    "item {}: the vote counts {printed} {} but names {}",
                                    item + 1,
                                    OPTIONS[o],
                                    named(o)
                                ),
                            });
                        }
                        printed
                    }
                    None => named(o),
                };
            }
            let abstained = d.printed[2].is_some() || named(2) > 0;
            VoteCount {
                vote_id: String::new(),
                for_count: counts[0],
                against: counts[1],
                abstentions: abstained.then_some(counts[2]),
                method: if counted { "counted" } else { "names" },
                decision: decided(decisions, d.span, next_vote),
                names: d.names,
                span: d.span,
            }
        })
        .collect()
}

/// The resolution a vote decided: the first recorded after it, unless
/// another vote (starting on `next_vote`) comes between them, as when an
/// amendment falls before the substantive motion is carried; else the last
/// before it.
fn decided(decisions: &[Decision], vote: Span, next_vote: Option<u32>) -> Option<usize> {
    match decisions
        .iter()
        .position(|d| d.span.line_start >= vote.line_end)
    {
        Some(after) if next_vote.is_some_and(|next| next <= decisions[after].span.line_start) => {
            None
        }
        Some(after) => Some(after),
        None => decisions.len().checked_sub(1),
    }
}

/// Votes by counts alone.
/// `cues` are those of the lines of `text`: a count holds "against",
/// "votes to" or Welsh "yn erbyn" (a test checks), and most minutes hold
/// none, while the pattern's first literal, "for", is in nearly every
/// paragraph.
fn counted(text: &str, lines: &LineMap, cues: Cues) -> Vec<Draft> {
    if !cues.has(Cues::COUNT) {
        return Vec::new();
    }
    COUNTS
        .captures_iter(text)
        .filter_map(|caps| {
            let whole = caps.get(0)?;
            // The first group of the way the count was printed.
            let first = [1, 4, 7].into_iter().find(|&g| caps.get(g).is_some())?;
            let count = |i| caps.get(first + i).and_then(|m| count_of(m.as_str()));
            Some(Draft {
                printed: [Some(count(0)?), Some(count(1)?), count(2)],
                names: Vec::new(),
                span: Span {
                    line_start: lines.line_at(whole.start()),
                    line_end: lines.line_at(whole.end()),
                },
            })
        })
        .collect()
}

/// Votes by names: lists after "For:" / "Against:" / "Abstained:" lines
/// (a "For" side after another starts a new vote), and table rows after
/// a line that says a recorded or named vote was taken.
fn named(toks: &[Tok]) -> Vec<Draft> {
    let mut drafts: Vec<Draft> = Vec::new();
    let mut open: Option<Draft> = None;
    let mut table = false;
    let mut last_line = 0;
    let close = |open: &mut Option<Draft>, drafts: &mut Vec<Draft>| {
        if let Some(d) = open.take().filter(|d| !d.names.is_empty()) {
            drafts.push(d);
        }
    };
    for t in toks {
        if !table && says_recorded_vote(t) {
            table = true;
        }
        let side = SIDE.captures(t.text).and_then(|caps| {
            let list = caps.get(3)?.as_str();
            // "For: 26" is a count, read by `counted`.
            let names = list.chars().any(char::is_alphabetic)
                && !list.trim_start().starts_with(|c: char| c.is_ascii_digit());
            let none = matches!(
                list.trim().to_ascii_lowercase().trim_end_matches('.'),
                "none" | "nil"
            );
            (names && !none).then(|| (option(&caps[1]), caps.get(2), list))
        });
        let row = (table && side.is_none())
            .then(|| ROW.captures(t.text))
            .flatten();
        if side.is_none() && row.is_none() {
            if open.is_some() && t.line > last_line + 3 {
                close(&mut open, &mut drafts);
            }
            continue;
        }
        let (opt, printed, names): (&str, Option<u32>, Vec<String>) = match (&side, &row) {
            (Some((opt, label_count, list)), _) => {
                let trailing = TRAILING_COUNT.captures(list);
                let list_end = trailing
                    .as_ref()
                    .map_or(list.len(), |c| c.get(0).unwrap().start());
                let printed = label_count
                    .map(|m| m.as_str())
                    .or_else(|| trailing.as_ref().map(|c| c.get(1).unwrap().as_str()))
                    .and_then(|n| n.parse().ok());
                (opt, printed, split_names(&list[..list_end]))
            }
            (None, Some(caps)) => (option(&caps[2]), None, vec![caps[1].trim().to_string()]),
            (None, None) => unreachable!("skipped above"),
        };
        // A second "For" side is the next vote; table rows run on.
        let new_vote = side.is_some()
            && open.as_ref().is_some_and(|d| {
                d.names.iter().any(|n| n.option == opt) || d.printed[index(opt)].is_some()
            });
        if new_vote {
            close(&mut open, &mut drafts);
        }
        let draft = open.get_or_insert_with(|| Draft {
            span: Span::line(t.line),
            ..Draft::default()
        });
        if let Some(n) = printed {
            draft.printed[index(opt)] = Some(n);
        }
        draft
            .names
            .extend(names.into_iter().map(|person_name| NamedVote {
                person_name,
                person_id: String::new(),
                option: opt,
                span: Span::line(t.line),
            }));
        draft.span.line_end = t.line;
        last_line = t.line;
    }
    close(&mut open, &mut drafts);
    drafts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stages::parse::lines_as_toks as toks;

    fn votes(lines: &[&'static str]) -> (Vec<VoteCount>, Vec<Warning>) {
        let mut warnings = Vec::new();
        let toks = toks(lines);
        let (text, map) = crate::stages::parse::join_mapped(&toks);
        (find(&toks, (&text, &map), &[], 0, &mut warnings), warnings)
    }

    #[test]
    fn every_count_holds_a_count_cue() {
        crate::stages::parse::tests::assert_every_match_holds(
            &[&COUNTS],
            Cues::COUNT,
            include_str!("votes.rs"),
            10,
        );
    }

    #[test]
    fn counts_are_read_only_where_against_is_written_in_any_case() {
        for against in ["against", "AGAINST", "Against", "agaiſt"] {
            let line = format!("For: 2, {against}: 1");
            let (v, _) = votes(&[Box::leak(line.into_boxed_str())]);
            assert_eq!(
                v.len(),
                usize::from(COUNTS.is_match(&format!("For: 2, {against}: 1"))),
                "{against}"
            );
            assert_eq!(v.len(), usize::from(against.is_ascii()), "{against}");
        }
    }

    #[test]
    fn counts_on_one_line_or_several() {
        let (v, _) = votes(&["The vote:", "For: 26", "Against: 32", "Abstention: 0"]);
        assert_eq!(v.len(), 1);
        assert_eq!(
            (v[0].for_count, v[0].against, v[0].abstentions, v[0].method),
            (26, 32, Some(0), "counted")
        );
        assert_eq!((v[0].span.line_start, v[0].span.line_end), (2, 4));
        let (v, _) = votes(&["Carried (For: 6, Against: 2, Abstentions: 1)."]);
        assert_eq!(
            (v[0].for_count, v[0].against, v[0].abstentions),
            (6, 2, Some(1))
        );
        assert!(votes(&["Voted for: the motion is carried"]).0.is_empty());
        // In prose: numbers first, or "by N votes to M".
        for (line, counts) in [
            (
                "On being put to the vote the motion was CARRIED (For 30, Against 12, Abstain 3).",
                (30, 12, Some(3)),
            ),
            (
                "There were 8 votes for, 2 against and 1 abstention.",
                (8, 2, Some(1)),
            ),
            ("The amendment fell (14 for, 25 against).", (14, 25, None)),
            (
                "The motion was carried by 30 votes to 12 with 3 abstentions.",
                (30, 12, Some(3)),
            ),
            (
                "The recommendation was approved by 9 votes to nil.",
                (9, 0, None),
            ),
            (
                "Voting: For 10; Against 0; Abstentions 2.",
                (10, 0, Some(2)),
            ),
            ("O blaid: 10, Yn erbyn: 2, Ymatal: 1", (10, 2, Some(1))),
        ] {
            let line: &'static str = Box::leak(line.into());
            let (v, _) = votes(&[line]);
            assert_eq!(v.len(), 1, "{line}");
            assert_eq!(
                (v[0].for_count, v[0].against, v[0].abstentions),
                counts,
                "{line}"
            );
        }
        for prose in [
            "The Committee voted for the motion; Members against it left.",
            "It was moved by 2 members to 3 committees.",
            "In 2019 the council voted for 12 schemes.",
        ] {
            assert!(votes(&[prose]).0.is_empty(), "{prose}");
        }
    }

    #[test]
    fn named_lists_give_names_and_counts() {
        let (v, w) = votes(&[
            "A recorded vote was taken on the amendment.",
            "For (3): Councillors Amira Haddad, R. T. Pemberton and Tom Bright",
            "Against: Councillors Osei and Hartley (2)",
            "Abstained: None",
        ]);
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(v.len(), 1);
        let v = &v[0];
        assert_eq!(
            (v.for_count, v.against, v.abstentions, v.method),
            (3, 2, None, "counted")
        );
        let names: Vec<(&str, &str)> = v
            .names
            .iter()
            .map(|n| (n.person_name.as_str(), n.option))
            .collect();
        assert_eq!(
            names,
            [
                ("Amira Haddad", "for"),
                ("R. T. Pemberton", "for"),
                ("Tom Bright", "for"),
                ("Osei", "against"),
                ("Hartley", "against")
            ]
        );
    }

    #[test]
    fn names_without_counts_are_counted_and_disagreements_warned() {
        let (v, w) = votes(&[
            "Those voting for: Councillors A Smith, B Jones",
            "Those voting against: Councillor C Brown",
            "Those abstaining: Councillor D Green",
        ]);
        assert!(w.is_empty());
        assert_eq!(
            (v[0].for_count, v[0].against, v[0].abstentions, v[0].method),
            (2, 1, Some(1), "names")
        );
        let (v, w) = votes(&[
            "For: 3",
            "Against: 1",
            "For: Councillors A Smith, B Jones",
            "Against: Councillor C Brown",
        ]);
        assert_eq!(v.len(), 1, "the names belong to the counts beside them");
        assert_eq!(v[0].for_count, 3, "the printed count is kept");
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].code, "vote_names_disagree");
    }

    #[test]
    fn a_table_of_names_after_a_recorded_vote() {
        let (v, _) = votes(&[
            "A recorded vote was taken:",
            "Councillor A Smith For",
            "Councillor B Jones - Against",
            "Councillor C Brown For",
            "Councillor D Green Abstained",
            "RESOLVED that the budget be approved.",
        ]);
        assert_eq!(v.len(), 1);
        assert_eq!(
            (v[0].for_count, v[0].against, v[0].abstentions),
            (2, 1, Some(1))
        );
        assert_eq!(v[0].names[1].person_name, "Councillor B Jones");
    }

    #[test]
    fn a_vote_decides_the_next_resolution() {
        let decision = |line| Decision {
            span: Span::line(line),
            ..Decision::default()
        };
        let decisions = [decision(2), decision(9)];
        assert_eq!(decided(&decisions, Span::line(5), None), Some(1));
        assert_eq!(decided(&decisions, Span::line(12), None), Some(1));
        assert_eq!(decided(&decisions, Span::line(1), None), Some(0));
        // An amendment's vote, then the motion's, then the resolution: the
        // resolution is the second vote's.
        assert_eq!(decided(&decisions, Span::line(4), Some(6)), None);
        assert_eq!(decided(&decisions, Span::line(6), None), Some(1));
        assert_eq!(decided(&[], Span::line(1), None), None);
    }
}
