//! Resolutions in minutes: "RESOLVED that ..." with lettered clauses, and
//! the outcome sentences councils write instead ("The Committee noted the
//! report", "were agreed as a correct record", "Motion carried").

use std::sync::LazyLock;

use regex::Regex;

use super::{Cues, Grammar, Tok, join};
use crate::model::{Clause, Decision, Span};

/// "(a) text", "b) text", "(ii) text", "1) text", "3. text": the label
/// and the first character of the text. A prefix, not the whole line:
/// the captures engine then reads a few bytes, not all of a long clause.
static CLAUSE: LazyLock<Regex> = LazyLock::new(|| {
    crate::stages::regex(r"^\(?([a-z]|[ivx]{1,5}|\d{1,2})\s*[).]\s+(\S)").unwrap()
});

/// A clause line's label and text.
fn clause(line: &str) -> Option<(&str, &str)> {
    let caps = crate::stages::captures(&CLAUSE, line)?;
    Some((caps.get(1)?.as_str(), &line[caps.get(2)?.start()..]))
}

/// "(1)", "b)", "iv.", "A.": a clause label alone on its line, its text
/// on the next, as a list flattened from a table or an HTML list prints
/// it. Alone, a capital letter is a label too (before a text it may be an
/// initial: "A. Smith").
static LONE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    crate::stages::regex(r"^\(?([A-Za-z]|[ivx]{1,5}|[IVX]{1,5}|\d{1,2})\s*[).]$").unwrap()
});

/// The clause that opens at `toks[i]`: its label, its text, and how many
/// lines it takes (two when its label stands alone).
fn clause_at<'a>(toks: &[Tok<'a>], i: usize) -> Option<(&'a str, &'a str, usize)> {
    let t = toks.get(i)?;
    if let Some((label, text)) = clause(t.text) {
        return Some((label, text, 1));
    }
    if t.text.len() > 7 {
        return None;
    }
    let label = LONE_LABEL.captures(t.text)?.get(1)?.as_str();
    let next = toks.get(i + 1)?;
    (clause(next.text).is_none() && !LONE_LABEL.is_match(next.text))
        .then_some((label, next.text, 2))
}

/// Outcome sentences that record a decision without a RESOLVED keyword.
static OUTCOME: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = concat!(
        r"(?i:\bit was\s+(?:unanimously\s+|therefore\s+|further\s+)?(?:resolved|agreed|decided)\b)",
        // "The Committee noted the report", "6.2 The Board agreed to note".
        // A flattened "Decision" label may stand before the subject;
        // BODIES is the list of bodies below.
        r"|(?:^(?:\d+(?:\.\d+)*\s+)?|[.;,]\s+|\b(?:and|then|so)\s+)(?:Decisions?:?\s+)?(?:[Tt]he |This |All )?(?:Members present|BODIES)",
        r"\s+(?:unanimously\s+|UNANIMOUSLY\s+|therefore\s+|then\s+|also\s+|further\s+)?(?:agreed|agrees|agree|approved|approves|approve|noted|notes|note|resolved|resolves|endorsed|endorses|accepted|accepts|confirmed|decided|decides|supported|recommended|recommends|adopted|adopts|granted|refused|deferred|rejected|ratified|ratifies|revoked|suspended|upheld|dismissed",
        // The verb in capitals, as many councils print it: "The Committee
        // AGREED to recommend ...", "Members NOTED the report".
        r"|AGREED|APPROVED|NOTED|ENDORSED|ACCEPTED|CONFIRMED|DECIDED|SUPPORTED|RECOMMENDED|ADOPTED|GRANTED|REFUSED|DEFERRED|REJECTED|RATIFIED|REVOKED|SUSPENDED|UPHELD|DISMISSED)\b(?:\s+(?i:that)\b)?",
        r"|(?i:\bfel (?:rhai|cofnod) cywir\b)",
        // Welsh impersonal past: "Cadarnhawyd bod y cofnodion yn gywir"
        // (were confirmed), "Cymeradwywyd" (approved), "Cytunwyd" (agreed).
        r"|(?i:\b(?:cadarnhawyd|cymeradwywyd|cytunwyd)\b)",
        // Passive outcomes: "were noted", "This was agreed", "was not agreed",
        // "was duly elected", "was appointed Chair".
        r"|(?i:\b(?:were|was)\s+(?:duly\s+|unanimously\s+|not\s+)?(?:noted|agreed|elected|appointed|carried)\b(?:\s+that\b)?)",
        // "The motion was carried", "the motion was declared lost",
        // "The motion therefore fell".
        r"|(?i:\bmotion\s+(?:was\s+)?(?:declared\s+|therefore\s+|duly\s+)?(?:carried|lost|fell|defeated)\b)",
        // The vote's result told after it: "put to the vote and was LOST",
        // "The amendment was declared carried".
        r"|(?i:\b(?:and|amendment|recommendations?|proposals?)\s+(?:was|were)\s+(?:declared\s+)?(?:carried|lost|defeated)\b)",
        // "The recommendations were approved", "Permission was REFUSED",
        // and what a licensing or appeals panel decides: "The licence was
        // revoked", "The appeal was dismissed", "The complaint was upheld".
        r"|(?i:\b(?:recommendations?|application|permission|consent|proposals?|amendment|minutes|licen[cs]e|appeal|complaint)\s+(?:was|were)\s+(?:duly\s+|unanimously\s+)?(?:approved|granted|refused|deferred|adopted|endorsed|accepted|rejected|revoked|suspended|varied|renewed|upheld|dismissed)\b)",
        // Anything "was approved" where the sentence ends or goes on with
        // its terms ("The budget was approved.", "... was approved subject
        // to ..."), not "was approved by Cabinet in 2019".
        r"|(?i:\b(?:was|were)\s+(?:duly\s+|unanimously\s+)?(?:approved|adopted|endorsed|accepted)(?:\s*[.;]|\s*$|\s+(?:subject to|unanimously|accordingly|as amended|with(?:out)? amendments?)\b))",
        // The outcome as a line of its own: "Recommendation approved.",
        // "CARRIED", "Noted.", "Motion lost by 12 votes to 20.", "Permission
        // GRANTED subject to conditions."
        r"|(?i:^(?:(?:the\s+)?(?:recommendations?|motion|substantive motion|amendment|report|proposals?|application|(?:planning\s+)?permission|consent|minutes|licen[cs]e|appeal|complaint)\s+(?:was\s+|were\s+)?)?(?:unanimously\s+|duly\s+)?(?:approved|agreed|noted|received|carried|adopted|endorsed|accepted|granted|refused|deferred|lost|defeated|rejected|revoked|suspended|upheld|dismissed)(?:\s+(?:unanimously|as amended|accordingly|nem\.?\s*con\.?|with amendments?|subject to\b.*|by\s+\d+\s+votes?\b.*))?\s*[.!]?$)",
        // "The Committee voted to approve ...".
        r"|(?i:\bvoted\s+(?:unanimously\s+)?to\s+(?:approve|agree|accept|adopt|endorse|note|refuse|reject|defer|grant)\b)",
    );
    crate::stages::regex(&pattern.replace("BODIES", BODIES)).unwrap()
});

/// A "Decision:" block counts when it states an outcome, not just facts:
/// told as done ("Approved") or in the present, as a body's decision
/// reads ("That the Executive: 1. Notes the forecast; 2. Approves ...").
static OUTCOME_WORD: LazyLock<Regex> = LazyLock::new(|| {
    crate::stages::regex(r"(?i)\b(approved|agreed|noted|received|resolved|adopted|endorsed|accepted|deferred|refused|rejected|carried|confirmed|recommended|granted|authori[sz]ed|delegated|awarded|appointed|elected|ratified|revoked|suspended|varied|renewed|upheld|dismissed|approves|agrees|notes|endorses|adopts|accepts|confirms|authori[sz]es|delegates|penderfynwyd)\b").unwrap()
});

/// A decision record's directive, its outcome in the infinitive: "To note
/// the forecast budget position", "To approve the scheme", also as the
/// first of numbered clauses ("1. To approve the programme").
static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    crate::stages::regex(r"^(?:\(?(?:[a-z]|[ivx]{1,5}|\d{1,2})\s*[).]\s+)?(?:To|That)\s+(?:note|approve|agree|endorse|adopt|accept|authori[sz]e|delegate|defer|refuse|reject|confirm|grant|receive|support|allocate|award|appoint|establish)\b").unwrap()
});

/// "Apologies were received from ...": a fact, not a decision to receive.
static RECEIVED_FROM: LazyLock<Regex> =
    LazyLock::new(|| crate::stages::regex(r"(?i)\breceived\s+(?:from|on behalf of)\b").unwrap());

/// Previous minutes: "approved as a correct record", "taken as read and
/// signed as correct", "confirmed as an accurate record": one of
/// [`RECORD_VERB`], then at most [`RECORD_GAP`] characters with no full
/// stop or semicolon, then this. Two searches, not one regex with
/// `[^.;]{0,60}` in it: unanchored, that repetition made the lazy DFA's
/// cache the largest allocation of a run (17 MiB on 1 GB of minutes).
static AS_CORRECT: LazyLock<Regex> = LazyLock::new(|| {
    crate::stages::regex(r"(?i)\bas\s+(?:a\s+|an\s+)?(?:correct|true|accurate)\b").unwrap()
});
static RECORD_VERB: LazyLock<Regex> = LazyLock::new(|| {
    crate::stages::regex(r"(?i)\b(?:agreed|approved|confirmed|signed|accepted|adopted)\b").unwrap()
});
const RECORD_GAP: usize = 60;

/// A word (or stem) that every match of [`OUTCOME`] and [`RECORD_VERB`]
/// holds, in any case. Most lines of minutes hold none: the document's
/// cue pass ([`Cues::OUTCOME`]) rules them out before the patterns run.
pub const OUTCOME_STEMS: &[&str] = &[
    "agree",
    "approv",
    "note",
    "resolv",
    "endors",
    "accept",
    "confirm",
    "decid",
    "support",
    "recommend",
    "ordered",
    "cywir",
    "cadarnhawyd",
    "cymeradwywyd",
    "cytunwyd",
    "elected",
    "appointed",
    "carried",
    "lost",
    "fell",
    "defeated",
    "granted",
    "refused",
    "deferred",
    "adopt",
    "ratif",
    "reject",
    "received",
    "voted",
    "signed",
    "revok",
    "suspend",
    "varied",
    "renew",
    "upheld",
    "dismiss",
];

/// Does the text state an outcome, not merely note a fact ("noted that ...")?
pub fn is_outcome(text: &str) -> bool {
    Cues::of(text).has(Cues::OUTCOME) && states_outcome(text)
}

/// Does a line of minutes record an outcome: a resolution word of the
/// council's in capitals ([`Grammar::names_resolution`]), or an outcome
/// sentence ([`is_outcome`]; the token's cues are known)?
pub fn is_outcome_line(t: &Tok, grammar: &Grammar) -> bool {
    grammar.names_resolution(t.text) || t.cues.has(Cues::OUTCOME) && states_outcome(t.text)
}

fn states_outcome(text: &str) -> bool {
    OUTCOME
        .find_iter(text)
        .any(|m| !notes_a_fact(m.as_str()) && !dated_in_the_past(&text[m.end()..]))
        || second_verb_outcome(text)
        || seconded_and_agreed(text)
        || minutes_passed(text)
        || AS_CORRECT.find_iter(text).any(|m| {
            let before = &text[..m.start()];
            let clause = before.rfind(['.', ';']).map_or(0, |stop| stop + 1);
            // The clause starts after a stop (or at the text's start), so
            // `\b` sees the same edge in the slice as in the text; the last
            // verb leaves the shortest gap.
            RECORD_VERB
                .find_iter(&before[clause..])
                .last()
                .is_some_and(|verb| before[clause + verb.end()..].chars().count() <= RECORD_GAP)
        })
}

/// "The Committee noted that the figures had improved": a body's verb
/// before "that" tells a fact, unless the body agreed, resolved or decided
/// ("The Sub-Committee decided that no further action be taken").
fn notes_a_fact(outcome: &str) -> bool {
    let Some(verb) = outcome
        .get(..outcome.len().saturating_sub(5))
        .filter(|_| outcome.to_lowercase().ends_with(" that"))
    else {
        return false;
    };
    let verb = verb.trim_end().rsplit(' ').next().unwrap_or_default();
    let stem = verb.get(..verb.len().min(5)).unwrap_or(verb);
    !["agree", "resol", "decid"]
        .iter()
        .any(|s| s.eq_ignore_ascii_case(stem))
}

/// "The minutes of the meeting held on 10 November were confirmed and
/// signed by the Chair": a sentence about the minutes whose verb, however
/// far from its subject, passes them. A search in each such sentence, not
/// one pattern with a long bounded gap (see [`AS_CORRECT`]).
fn minutes_passed(text: &str) -> bool {
    static PASSED: LazyLock<Regex> = LazyLock::new(|| {
        crate::stages::regex(r"(?i)\b(?:were|was)\s+(?:duly\s+|unanimously\s+)?(?:confirmed|approved|agreed|signed|adopted|accepted)\b").unwrap()
    });
    text.split(['.', ';']).any(|sentence| {
        let sentence = sentence.trim_start();
        let sentence = sentence
            .get(..4)
            .filter(|the| the.eq_ignore_ascii_case("the "))
            .map_or(sentence, |_| &sentence[4..]);
        sentence
            .get(..8)
            .is_some_and(|word| word.eq_ignore_ascii_case("minutes "))
            && PASSED.is_match(sentence)
    })
}

/// The bodies whose decisions minutes record as "The Committee ...".
const BODIES: &str = "Committee|Sub-Committee|Board|Panel|Cabinet|Council|Forum|Executive|Members|Councillors|Group|Commission|Authority|Partnership|Assembly";

/// A body's second verb in a sentence: "... and noted", "... and also
/// agreed that" (group 1: "that").
static SECOND: LazyLock<Regex> = LazyLock::new(|| {
    crate::stages::regex(r"\band\s+(?:unanimously\s+|also\s+|further\s+|then\s+)?(?:agreed|approved|noted|endorsed|resolved|accepted|supported|AGREED|APPROVED|NOTED|ENDORSED|RESOLVED|ACCEPTED|SUPPORTED)\b(\s+that\b)?").unwrap()
});

/// "The Board received an update and noted the progress made": a body's
/// second verb in the sentence is its outcome. Not when the first is an
/// auxiliary ("The Committee had considered ... and agreed": a history),
/// nor "... and noted that ..." (a fact).
fn second_verb_outcome(text: &str) -> bool {
    static SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
        crate::stages::regex(&format!(
            r"(?:^|[.;]\s+)(?:[Tt]he |This |All )?(?:{BODIES})\s+([a-z]+)\b"
        ))
        .unwrap()
    });
    const AUXILIARIES: [&str; 13] = [
        "had", "has", "have", "would", "will", "was", "were", "is", "are", "may", "might",
        "should", "could",
    ];
    // The second verb is rare: where the text has none, no sentence of it
    // has one (a slice ends at a stop, so `\b` sees the same edges), and
    // the subject pattern need not run.
    if !SECOND.is_match(text) {
        return false;
    }
    SUBJECT.captures_iter(text).any(|caps| {
        let (verb, end) = (
            caps.get(1).expect("group"),
            caps.get(0).expect("match").end(),
        );
        let sentence = &text[end..];
        let sentence = &sentence[..sentence.find(['.', ';']).unwrap_or(sentence.len())];
        !AUXILIARIES.contains(&verb.as_str())
            && SECOND.captures(sentence).is_some_and(|second| {
                let after = &sentence[second.get(0).expect("match").end()..];
                second.get(1).is_none() && !dated_in_the_past(after)
            })
    })
}

/// The outcome after a seconder: "... and agreed", "... and carried".
static AND_AGREED: LazyLock<Regex> = LazyLock::new(|| {
    crate::stages::regex(r"(?i)\band\s+(?:unanimously\s+)?(?:agreed|resolved|approved|carried)\b")
        .unwrap()
});

/// "Proposed by Councillor A, seconded by Councillor B and AGREED that
/// ...", "Moved by ..., seconded by ... and carried": a motion moved,
/// seconded and agreed in one sentence, as many councils record each
/// decision (no body is named, so [`OUTCOME`] has no subject to start
/// from).
fn seconded_and_agreed(text: &str) -> bool {
    static SECONDED: LazyLock<Regex> =
        LazyLock::new(|| crate::stages::regex(r"(?i)\bseconded\s+by\b").unwrap());
    // Names hold stops ("Councillor Mrs. H. Scott"): the seconder's
    // clause runs to the end of its line or a semicolon.
    SECONDED.find_iter(text).any(|m| {
        let rest = &text[m.end()..];
        AND_AGREED.is_match(&rest[..rest.find(['\n', ';']).unwrap_or(rest.len())])
    })
}

/// "... was elected in 1970", "The Committee agreed earlier ...", "...
/// agreed at its last meeting": a history told in the minutes (an
/// obituary, a report's background), not what this meeting decided.
fn dated_in_the_past(after: &str) -> bool {
    const BEFORE_NOW: [&str; 6] = [
        "earlier",
        "previously",
        "last year",
        "last month",
        "at its last meeting",
        "at its previous meeting",
    ];
    let after = after.trim_start();
    let year = after.strip_prefix("in ").map(str::trim_start);
    year.is_some_and(|y| y.len() >= 4 && y.as_bytes()[..4].iter().all(u8::is_ascii_digit))
        || BEFORE_NOW.iter().any(|when| {
            after
                .get(..when.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(when))
                && !after[when.len()..].starts_with(char::is_alphanumeric)
        })
}

/// Finds the resolutions in an item's minutes. Explicit resolutions win;
/// the Decision block and outcome sentences are fallbacks, so one outcome
/// is never counted twice.
pub fn find(minutes: &[Tok], decision_block: &[Tok], grammar: &Grammar) -> Vec<Decision> {
    let explicit = explicit_resolutions(minutes, grammar);
    if !explicit.is_empty() {
        return explicit;
    }
    let explicit = explicit_resolutions(decision_block, grammar);
    if !explicit.is_empty() {
        return explicit;
    }
    let block_text = join(decision_block);
    let block_text = RECEIVED_FROM.replace_all(&block_text, "");
    if (decision_block.first())
        .is_some_and(|first| OUTCOME_WORD.is_match(&block_text) || DIRECTIVE.is_match(first.text))
    {
        return vec![block(decision_block)];
    }
    minutes
        .iter()
        .enumerate()
        .filter(|(_, t)| is_outcome_line(t, grammar))
        .map(|(i, t)| {
            // "The Board noted:" over its list: the clauses are the outcome.
            let mut end = i + 1;
            while opens_list(t.text)
                && let Some((_, _, lines)) = clause_at(minutes, end)
            {
                end += lines;
            }
            // "The Council resolved:-" over one paragraph that goes on
            // its sentence in lower case, no clauses ("to exclude the press
            // and public ..."): that paragraph is what was resolved. A
            // list of votes ("For: 35") is not.
            let goes_on = |next: &Tok| {
                next.text.starts_with(char::is_lowercase) && !is_outcome_line(next, grammar)
            };
            if end == i + 1 && opens_list(t.text) && minutes.get(end).is_some_and(goes_on) {
                end += 1;
            }
            block(&minutes[i..end])
        })
        .collect()
}

/// A line that introduces the list under it: "The Board noted:", and
/// with the dash many councils add, "The Committee agreed:-".
fn opens_list(text: &str) -> bool {
    text.trim_end_matches(['-', '–', '—', ' ']).ends_with(':')
}

fn explicit_resolutions(toks: &[Tok], grammar: &Grammar) -> Vec<Decision> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let Some(rest) = grammar
            .resolution_opener(toks[i].text)
            .or_else(|| bare_that(toks[i].text))
            .or_else(|| addressed_body(&toks[i..]))
        else {
            i += 1;
            continue;
        };
        // The opener may stand alone ("RESOLVED –") or introduce clauses
        // ("RESOLVED that Cabinet:"): then the next paragraph belongs to it.
        let wants_body = rest.is_empty()
            || opens_list(rest)
            || rest.eq_ignore_ascii_case("that")
            || is_vote_note(rest);
        let mut end = i + 1;
        let mut saw_clause = false;
        while end < toks.len() {
            if let Some((_, _, lines)) = clause_at(toks, end) {
                saw_clause = true;
                end += lines;
                continue;
            }
            let t = &toks[end];
            let continues = t.gap == 0 && grammar.resolution_opener(t.text).is_none();
            let first_body = wants_body && end == i + 1;
            if first_body || (continues && (saw_clause || end == i + 1)) {
                end += 1;
            } else {
                break;
            }
        }
        out.push(resolution(&toks[i..end], rest));
        i = end;
    }
    out
}

/// "RESOLVED: (Unanimously)" over its text, "RESOLVED (by 10 votes to
/// 2)": the vote's note after the opener, no resolution of its own.
fn is_vote_note(rest: &str) -> bool {
    rest.len() <= 60 && rest.starts_with('(') && rest.ends_with(')')
}

/// "That the report be noted." standing alone is a resolution whose
/// RESOLVED label was dropped.
fn bare_that(text: &str) -> Option<&str> {
    static THAT: LazyLock<Regex> = LazyLock::new(|| {
        crate::stages::regex(
            r"^(?:THAT|That)[\s,:]+\S.*\b(?:be|is|are|being|agrees?|notes?|approves?|endorses?)\b",
        )
        .unwrap()
    });
    THAT.is_match(text).then_some(text)
}

/// "The Council:-" over clauses that each open with the outcome ("i.
/// NOTED the position; and", "(a) Approves the scheme"), as Scottish and
/// many English minutes print a decision without a RESOLVED keyword: an
/// opener whose body is the clauses (the empty rest).
fn addressed_body<'a>(toks: &[Tok<'a>]) -> Option<&'a str> {
    static BODY: LazyLock<Regex> = LazyLock::new(|| {
        crate::stages::regex(&format!(r"^(?:The|This)\s+(?:{BODIES})\s*(?::-?|[-–])\s*$")).unwrap()
    });
    static VERB: LazyLock<Regex> = LazyLock::new(|| {
        crate::stages::regex(r"(?i)^(?:not|agre|approv|endors|accept|confirm|decid|support|recommend|request|authori[sz]|delegat|refus|grant|defer|deferr|instruct|adopt|resolv)(?:ed|es|s)\b").unwrap()
    });
    let first = toks.first()?;
    let opens_with_outcome = clause_at(toks, 1).is_some_and(|(_, text, _)| VERB.is_match(text));
    (BODY.is_match(first.text) && opens_with_outcome).then_some("")
}

/// The lettered or numbered clauses among `toks`.
fn clauses(toks: &[Tok]) -> Vec<Clause> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let Some((label, text, lines)) = clause_at(toks, i) else {
            i += 1;
            continue;
        };
        out.push(Clause {
            label: Some(label.to_string()),
            text: text.trim().to_string(),
            span: span(&toks[i..i + lines]),
            ..Default::default()
        });
        i += lines;
    }
    out
}

/// A "Decision:" block without a resolution keyword: one decision, its
/// clauses when it numbers two or more ("Decision made (Unanimously):
/// 1. That ... 2. That ..."), with what stands above them as preamble.
fn block(toks: &[Tok]) -> Decision {
    let clauses = clauses(toks);
    if clauses.len() < 2 {
        return single(toks, None);
    }
    let first = (0..toks.len())
        .find(|&i| clause_at(toks, i).is_some())
        .unwrap_or(0);
    Decision {
        decision_id: String::new(),
        preamble: Some(join(&toks[..first])).filter(|p| !p.is_empty()),
        text: join(toks),
        clauses,
        statutory: None,
        span: span(toks),
    }
}

fn resolution(toks: &[Tok], opener_rest: &str) -> Decision {
    let clauses = clauses(toks);
    if clauses.is_empty() {
        let body = if opener_rest.is_empty()
            || opener_rest.eq_ignore_ascii_case("that")
            || is_vote_note(opener_rest)
        {
            join(&toks[1..])
        } else {
            join(toks)
                .split_once(opener_rest)
                .map_or_else(|| join(toks), |(_, after)| format!("{opener_rest}{after}"))
        };
        let mut d = single(toks, None);
        let body = body.trim();
        match inline_clauses(body) {
            Some((preamble, inline)) => {
                d.preamble = (!preamble.is_empty()).then(|| preamble.to_string());
                d.clauses = (inline.into_iter())
                    .map(|(label, text)| Clause {
                        label: Some(label.to_string()),
                        text: text.to_string(),
                        span: d.span,
                        ..Default::default()
                    })
                    .collect();
            }
            // "Agreed." alone: the opener is the whole decision.
            None if body.is_empty() => {}
            None => d.clauses[0].text = body.to_string(),
        }
        return d;
    }
    Decision {
        decision_id: String::new(),
        preamble: Some(toks[0].text.to_string()),
        text: join(toks),
        clauses,
        statutory: None,
        span: span(toks),
    }
}

/// Clauses numbered within one paragraph: "(1) That the plan be approved;
/// (2) That the Director be authorised ..." -> the text before the first
/// label (empty, or ending in a colon or "that") and each (label, clause).
/// The labels run in turn from "1" or "a", so "sections (1) and (2) of the
/// Act" in a sentence is no list.
fn inline_clauses(text: &str) -> Option<(&str, Vec<(&str, &str)>)> {
    static LABEL: LazyLock<Regex> =
        LazyLock::new(|| crate::stages::regex(r"(?:^|\s)\(?(\d{1,2}|[a-z])\)\s+").unwrap());
    // (label start, label, clause start) of the labels in turn.
    let mut found: Vec<(usize, &str, usize)> = Vec::new();
    for caps in LABEL.captures_iter(text) {
        let (all, label) = (caps.get(0)?, caps.get(1)?);
        let next = match found.last() {
            None => matches!(label.as_str(), "1" | "a"),
            Some(&(_, last, _)) => follows(last, label.as_str()),
        };
        if next {
            found.push((
                label.start() - usize::from(text[..label.start()].ends_with('(')),
                label.as_str(),
                all.end(),
            ));
        }
    }
    let preamble = text[..found.first()?.0].trim();
    let opens = preamble.is_empty()
        || preamble.ends_with([':', '-', '–'])
        || preamble.to_lowercase().ends_with("that");
    if found.len() < 2 || !opens {
        return None;
    }
    let clauses = (0..found.len())
        .map(|k| {
            let end = found.get(k + 1).map_or(text.len(), |n| n.0);
            (found[k].1, text[found[k].2..end].trim())
        })
        .collect();
    Some((preamble, clauses))
}

/// Does label `b` come right after `a`: "1" -> "2", "a" -> "b"?
fn follows(a: &str, b: &str) -> bool {
    match (a.parse::<u32>(), b.parse::<u32>()) {
        (Ok(a), Ok(b)) => b == a + 1,
        _ => a.len() == 1 && b.len() == 1 && b.as_bytes()[0] == a.as_bytes()[0] + 1,
    }
}

/// A decision with one unlabelled clause holding the whole text.
fn single(toks: &[Tok], label: Option<String>) -> Decision {
    let text = join(toks);
    Decision {
        decision_id: String::new(),
        preamble: None,
        clauses: vec![Clause {
            label,
            text: text.clone(),
            span: span(toks),
            ..Default::default()
        }],
        text,
        statutory: None,
        span: span(toks),
    }
}

fn span(toks: &[Tok]) -> Span {
    Span {
        line_start: toks.first().map_or(0, |t| t.line),
        line_end: toks.last().map_or(0, |t| t.line),
    }
}

#[cfg(test)]
mod tests;
