//! Who attended: "Present:" / "In attendance:" / "Substitutes:" lists
//! (above the items or in them), with the roles printed in brackets, and
//! sentences saying who substituted for whom.

use std::sync::LazyLock;

use regex::Regex;

use super::Cues;
use super::lines::presence_subject;
use super::people::{
    full_stop, names_follow, role_before_name, split_names, strip_prefix_ignore_case,
};
use crate::model::{Attendance, AttendanceStatus, LineMap, Span};

/// A labelled list of who attended: "Present:", "Also present:",
/// "Substitutes:", the Scottish "Sederunt:" and the Welsh "Yn bresennol:",
/// and who chaired: "Chair: Councillor J Smith".
static ATTENDED: LazyLock<Regex> = LazyLock::new(|| {
    crate::stages::regex(concat!(
        r"(?i)^(?:(?:(present|members present|councillors present|sederunt|yn bresennol|in the chair)",
        r"|(also present|also in attendance|in attendance|officers present|officers in attendance|hefyd yn bresennol)",
        r"|(substitutes?|substitute members?|named substitutes?))",
        // How they took part: "Also present via Teams virtually:".
        r"(?:\s+(?:via|by)\s+[a-z]+(?:\s+[a-z]+)?|\s+(?:remotely|virtually|online|in person))*",
        r"(?:\s*:[ \t]*|[ \t]*$)",
        // "Chair: Councillor J Smith", "Vice-Chairman: ...": who chaired,
        // present; with its colon only ("Chair" alone signs the minutes).
        r"|((?:vice[- ]|deputy )?chair(?:man|person|woman)?)\s*:[ \t]*)",
    ))
    .unwrap()
});

/// "Councillor A Smith substituted for Councillor B Jones".
static SUBSTITUTED: LazyLock<Regex> = LazyLock::new(|| {
    // A councillor, or a list of them; a dot only after an initial, so a
    // name never runs over a sentence's end ("... Smith. Councillor B").
    let name = r"[A-Z](?:\.|[\w'’-]*)(?:\s+[A-Z](?:\.|[\w'’-]*)){0,3}";
    let councillors =
        format!(r"(?:County\s+)?(?:Councillors?|Cllrs?\.?)\s+{name}(?:(?:,\s*|\s+and\s+){name})*");
    crate::stages::regex(&format!(
        concat!(
            r"({councillors})\s+",
            r"(?:substituted|(?:attended|attending) as (?:a |the )?substitutes?|(?:was|were) (?:substituting|a substitute|substitutes)|substituting|attended in place of)\b",
            // "... who was substituted by Councillor B", "(substitute:
            // Councillor B)".
            r"|(?i:substituted by|\(\s*substitutes?\s*:|replaced by)\s+({councillors})",
        ),
        councillors = councillors
    ))
    .unwrap()
});

/// Words of a role printed in brackets after a name: "(Chairman)",
/// "(Head of Legal Services)"; a party or ward in brackets is not one.
const ROLE_WORDS: &[&str] = &[
    "chair",
    "mayor",
    "leader",
    "member",
    "officer",
    "director",
    "head",
    "manager",
    "clerk",
    "executive",
    "solicitor",
    "adviser",
    "advisor",
    "secretary",
    "treasurer",
    "provost",
    "cadeirydd",
    "convener",
    "convenor",
    "monitoring",
    "lawyer",
    "engineer",
    "planner",
];

/// A list's line that goes on over the next: it ends with ",", ";" or
/// "and" ("Councillor Black (Chairperson);" over "Alderman Kingston; and"
/// over "Councillors Bunting and Long."), or with a title whose name a
/// hard wrap put on the next line ("... and Councillor" over "Tolliver.").
pub(super) fn runs_on(line: &str) -> bool {
    let line = line.trim_end();
    line.ends_with([',', ';'])
        || line.ends_with(" and")
        || line
            .rsplit(' ')
            .next()
            .is_some_and(|last| last != line && is_title(last))
}

/// "Present:", "In attendance:" and "Substitutes:" lists in `text`, and
/// sentences saying who substituted.
/// `cues` are the text's.
pub(super) fn attended(
    text: &str,
    lines: &LineMap,
    item: Option<u32>,
    cues: Cues,
    out: &mut Vec<Attendance>,
) {
    let mut push = |name: String, role: Option<String>, status, offset: usize| {
        out.push(row(name, role, status, item, lines.line_at(offset)));
    };
    // Labels open a line and end with a colon within a few words, or are
    // the whole of a short line ("Members Present" over the names): only
    // such lines are matched, not the whole text.
    let mut start = 0;
    let labelled = text.split_inclusive('\n').filter_map(|line| {
        let at = start;
        start += line.len();
        let line = line.strip_suffix('\n').unwrap_or(line);
        let head = &line.as_bytes()[..line.len().min(40)];
        if line.len() > 40 {
            memchr::memchr(b':', head)?;
        }
        let caps = ATTENDED.captures(line)?;
        Some((at, caps))
    });
    let mut labelled: Vec<_> = labelled.collect();
    // "Chair:" names who chaired only beside a list of who came; alone it
    // is a committee's membership, as an agenda or a committee page prints
    // it.
    if !labelled
        .iter()
        .any(|(_, caps)| caps.get(1).is_some() || caps.get(2).is_some())
    {
        labelled.retain(|(_, caps)| caps.get(4).is_none());
    }
    let mut listed = Vec::with_capacity(labelled.len());
    for (at, caps) in labelled {
        let whole = caps.get(0).expect("whole match");
        let opener = at + whole.start()..at + whole.end();
        let status = if caps.get(1).is_some() || caps.get(4).is_some() {
            AttendanceStatus::Present
        } else if caps.get(2).is_some() {
            AttendanceStatus::InAttendance
        } else {
            AttendanceStatus::Substitute
        };
        let rest = &text[opener.end..];
        let mut lines = rest.split_inclusive('\n');
        let mut prev = lines.next().unwrap_or_default();
        let lone = prev.trim().is_empty();
        let (mut end, mut skipped, mut spaced) = (prev.len(), 0, true);
        for line in lines {
            let blank = skipped > 0;
            if line.trim().is_empty() {
                if blank {
                    break;
                }
                skipped = line.len();
                continue;
            }
            if !list_goes_on(prev, line, blank, lone, spaced) {
                break;
            }
            (end, skipped, spaced, prev) = (end + skipped + line.len(), 0, blank, line);
        }
        // "In the Chair: Alderman J Smith", "Vice-Chair: Councillor K Lee".
        let chair = match (caps.get(1), caps.get(4)) {
            (Some(label), _) if in_the_chair(label.as_str()) => Some(CHAIR),
            (_, Some(office)) => Some(office.as_str()),
            _ => None,
        };
        let end = sentence_end(&rest[..end]);
        for (name, role) in split_members(&rest[..end]) {
            let role = role.or_else(|| chair.map(str::to_string));
            push(name, role, status, opener.start);
        }
        listed.push(opener.start..opener.end + end);
    }
    // "Councillor J Smith in the Chair" alone on its line, outside the
    // lists above; most texts hold no "chair" in any case, and are not
    // read line by line for it.
    let bytes = text.as_bytes();
    let chaired = memchr::memmem::find(bytes, b"hair").is_some()
        || memchr::memmem::find(bytes, b"HAIR").is_some();
    if chaired {
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            let trimmed = line.trim().trim_end_matches('.');
            if trimmed.len() <= 80
                && !listed.iter().any(|list| list.contains(&at))
                && opens_with_title(trimmed)
                && let Some(name) = strip_in_the_chair(trimmed)
                && let Some((name, _)) = split_members(name).into_iter().next()
            {
                push(name, Some(CHAIR.to_string()), AttendanceStatus::Present, at);
            }
            at += line.len();
        }
    }
    // Above the items, "District Cllrs Burley and Cawrey were present"
    // under the members' list: who else came.
    if item.is_none() {
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            if let Some((subject, true)) = presence_subject(line.trim())
                && !listed.iter().any(|list| list.contains(&at))
            {
                for name in titled_names(subject) {
                    push(name, None, AttendanceStatus::InAttendance, at);
                }
            }
            at += line.len();
        }
    }
    // Every sentence of substitution holds "substitut", "in place of" or
    // "replaced by", in any case (a test checks).
    if !cues.has(Cues::SUBSTITUTION) {
        return;
    }
    for caps in SUBSTITUTED.captures_iter(text) {
        let m = caps.get(1).or_else(|| caps.get(2)).expect("a name");
        // "Apologies from Councillor A, Councillor B attended as
        // substitute": after a comma, a councillor named with a title of
        // their own starts the sentence that names the substitute.
        let list = m.as_str();
        let start = (caps.get(1).is_some())
            .then(|| {
                [", Councillor ", ", Cllr "]
                    .iter()
                    .filter_map(|title| list.rfind(title))
                    .max()
            })
            .flatten()
            .map_or(0, |comma| comma + 2);
        for name in split_names(&list[start..]) {
            push(name, None, AttendanceStatus::Substitute, m.start() + start);
        }
    }
}

/// "Present: Cllrs Mill, Reid and Stephenson. County Councillor Anne Dale
/// was in attendance ...": a list in running text ends at the full stop
/// that closes it, unless names follow it (a full stop typed for a comma).
fn sentence_end(list: &str) -> usize {
    let mut at = 0;
    for line in list.split_inclusive('\n') {
        for (i, _) in line.match_indices(". ") {
            let after = line[i + 1..].trim();
            if !after.is_empty() && full_stop(line, i) && !names_follow(after) {
                return at + i;
            }
        }
        at += line.len();
    }
    list.len()
}

/// A line that opens with a list label ("Present:", "In attendance:
/// Mr J Walsh"): whether the label is alone on it, its names on the lines
/// under it.
pub(super) fn list_label(line: &str) -> Option<bool> {
    let line = line.trim_end();
    let m = ATTENDED.find(line)?;
    Some(m.end() == line.len())
}

/// Does a list go on over `line`, under `prev` (after a blank line when
/// `blank`)? Over any line after one ending in "," or ";", or over a line
/// of names that opens with a title ("Present: Councillor J Hughes
/// (Chair)" over "Councillors P Lane, R Moss and T Webb"). Under a label
/// alone on its line (`lone`) over any line of names; after a blank line
/// over a line that opens with a title, when the list is `spaced` so far
/// (no name read yet, or the last one also after a blank line: printed
/// minutes that list one councillor a line with blank lines between). Never over the
/// heading of another list or of the business ("Apologies", "Officers
/// Present", "Declarations of Interest"), though its words are
/// capitalised as names are.
pub(super) fn list_goes_on(prev: &str, line: &str, blank: bool, lone: bool, spaced: bool) -> bool {
    if opens_business(line) || list_label(line).is_some() {
        return false;
    }
    if blank {
        return lone && spaced && opens_with_title(line) && names_line(line);
    }
    runs_on(prev) || names_line(line) && (lone || opens_with_title(line))
}

/// "Apologies", "Absent:", "Declarations of Interest", "Minutes": a
/// heading of the business that follows who attended.
fn opens_business(line: &str) -> bool {
    const HEADINGS: [&str; 6] = [
        "apolog",
        "absent",
        "ymddiheur",
        "declaration",
        "minutes",
        "public question",
    ];
    let line = line.trim_start();
    HEADINGS
        .iter()
        .any(|h| strip_prefix_ignore_case(line, h).is_some())
}

/// A line that names people: each of its parts (split at commas,
/// semicolons and "and", brackets aside) a few capitalised words
/// ("Councillors P Lane, R Moss and T Webb", "Councillor J Hughes
/// (Chair)", "Director of Finance"), not a sentence.
pub(super) fn names_line(line: &str) -> bool {
    let mut plain = String::with_capacity(line.len());
    let mut depth = 0usize;
    for c in line.trim().chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    let plain = plain.trim_end_matches(['.', ',', ';', ' ']);
    !plain.is_empty()
        && plain
            .split([',', ';'])
            .flat_map(|part| part.split(" and "))
            .map(str::trim)
            .filter(|part| !part.is_empty())
            .all(|part| {
                let part = strip_in_the_chair(part).unwrap_or(part);
                let words: Vec<&str> = part.split_whitespace().collect();
                words.len() <= 6
                    && words.iter().all(|w| {
                        w.starts_with(char::is_uppercase)
                            || matches!(*w, "of" | "ab" | "ap" | "de" | "van" | "von" | "le")
                    })
            })
}

/// "Councillor A Smith", "Cllr B Jones", "Councillors A, B": a line that
/// opens with a councillor's or a person's title.
pub(super) fn opens_with_title(line: &str) -> bool {
    (line.split_whitespace().next()).is_some_and(is_title)
}

/// "Councillor", "Cllrs", "Mrs.": a word a person's name opens with.
fn is_title(word: &str) -> bool {
    const TITLES: [&str; 11] = [
        "Councillor",
        "Councillors",
        "County",
        "Cllr",
        "Cllrs",
        "Mr",
        "Mrs",
        "Ms",
        "Miss",
        "Dr",
        "Alderman",
    ];
    TITLES.contains(&word.trim_end_matches('.'))
}

/// One row of who attended, read from the text's `line`.
pub(super) fn row(
    name: String,
    role: Option<String>,
    status: AttendanceStatus,
    item_position: Option<u32>,
    line: u32,
) -> Attendance {
    Attendance {
        person_name: name,
        person_id: String::new(),
        status,
        role,
        party: None,
        ward: None,
        item_position,
        span: Span::line(line),
    }
}

/// "Calling of the Roll", "Roll Call": an item that records who answered,
/// as Scottish councils print it, by a bare list of names in its minutes.
pub(super) fn is_roll_title(title: &str) -> bool {
    let title = title.to_ascii_lowercase();
    title.contains("calling of the roll") || title.contains("roll call")
}

/// Under a roll-call item: each line that is only a list of titled names
/// ("Mr G Adam, Mr R Balfour, Mrs J Barclay (v/c), ...") lists those
/// present; a line ending in "," or "and" goes on over the next (a hard
/// wrap). Prose, and a list with one untitled part, is not such a list.
pub(super) fn roll(text: &str, lines: &LineMap, item: u32, out: &mut Vec<Attendance>) {
    let mut at = 0;
    let mut list = String::new();
    let mut list_at = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if list.is_empty() {
            list_at = at;
        } else {
            list.push(' ');
        }
        list.push_str(trimmed);
        at += line.len();
        let goes_on = trimmed.ends_with(',') || trimmed.ends_with(" and");
        if goes_on && at < text.len() {
            continue;
        }
        let whole = list.trim_end_matches('.');
        let parts: Vec<&str> = (whole.split(','))
            .flat_map(|part| part.split(" and "))
            .map(str::trim)
            .collect();
        if parts.len() >= 3 && parts.iter().all(|p| opens_with_title(p) && p.len() <= 60) {
            let line = lines.line_at(list_at);
            for (name, role) in split_members(whole) {
                out.push(row(name, role, AttendanceStatus::Present, Some(item), line));
            }
        }
        list.clear();
    }
}

/// "District Cllrs Burley and Cawrey", "Clerk to the Council, Mrs L
/// Hythe and Assistant Clerk": the names a sentence gives from its first
/// title on; a part without a title ("Clerk to the Council", "No members
/// of the public") or a post ("Assistant Clerk") names no one.
fn titled_names(subject: &str) -> Vec<String> {
    (subject.split([',', ';']))
        .filter_map(|part| {
            let mut at = 0;
            for word in part.split(' ') {
                if is_title(word) {
                    return Some(&part[at..]);
                }
                at += word.len() + 1;
            }
            None
        })
        .flat_map(split_names)
        .filter(|name| {
            !is_post(name)
                && name
                    .split_whitespace()
                    .all(|w| w.starts_with(char::is_uppercase))
        })
        .collect()
}

/// The role of whoever chaired, as "(in the Chair)" and "In the Chair:"
/// print it.
const CHAIR: &str = "Chair";

/// "in the Chair", in any case.
fn in_the_chair(text: &str) -> bool {
    text.trim().eq_ignore_ascii_case("in the chair")
}

/// "Councillor J Smith in the Chair" -> "Councillor J Smith".
fn strip_in_the_chair(text: &str) -> Option<&str> {
    super::people::strip_suffix_ignore_case(text.trim_end(), " in the chair").map(str::trim_end)
}

/// "Councillor A Smith (Chairman), B Jones, C Brown and D Green (Vice-
/// Chairman)" -> names with their roles. Commas and full stops inside
/// brackets do not split; a bracket that is not a role (a party, "for Cllr X") is dropped.
fn split_members(list: &str) -> Vec<(String, Option<String>)> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0usize, 0);
    let bytes = list.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'(' | b'[' => depth += 1,
            b')' | b']' => depth = depth.saturating_sub(1),
            b',' | b';' | b'\n' if depth == 0 => {
                parts.push(&list[start..i]);
                start = i + 1;
            }
            // "J Hale (Chair). Councillors R Moss and T Penrose": a full
            // stop typed for a comma (see [`sentence_end`]).
            b'.' if depth == 0 && full_stop(list, i) => {
                parts.push(&list[start..i]);
                start = i + 1;
            }
            b' ' if depth == 0 && list[i..].starts_with(" and ") => {
                parts.push(&list[start..i]);
                start = i + 5;
                i += 4;
            }
            _ => {}
        }
        i += 1;
    }
    parts.push(&list[start..]);
    let mut out = Vec::new();
    for part in parts {
        let part = part.trim().trim_end_matches('.');
        let (name, brackets) = bracketed(part);
        // "Councillor J Smith in the Chair", "(in the Chair)".
        let (name, chaired) = match strip_in_the_chair(name) {
            Some(name) => (name, true),
            None => (name, brackets.iter().any(|b| in_the_chair(b))),
        };
        // "The Mayor (Councillor P Wright)": an office, its holder named
        // in brackets.
        let holder = strip_prefix_ignore_case(name, "the ")
            .filter(|office| is_role_text(office))
            .zip(brackets.iter().find(|b| opens_with_title(b)));
        let (name, role) = match holder {
            Some((office, holder)) => (*holder, Some(office.trim().to_string())),
            None => {
                // "Deputy Mayor Cllr O. Pardle": a role printed before the
                // name, when no bracket gives one and no one says who
                // chaired (this meeting's role comes first).
                let before = role_before_name(name);
                let role = (brackets.iter())
                    .map(|b| b.trim())
                    .find(|b| {
                        !in_the_chair(b)
                            && is_role_text(b)
                            && strip_prefix_ignore_case(b, "for ").is_none()
                    })
                    .or(chaired.then_some(CHAIR))
                    .or(before.map(|(role, _)| role))
                    .map(str::to_string);
                (before.map_or(name, |(_, name)| name), role)
            }
        };
        if is_post(name) {
            continue;
        }
        if let Some(name) = split_names(name).into_iter().next() {
            out.push((name, role));
        }
    }
    out
}

/// "The Mayor (Councillor P Wright) (in the Chair)" -> ("The Mayor",
/// ["Councillor P Wright", "in the Chair"]): the text before the first
/// bracket, and what each bracket holds (a bracket inside one is kept:
/// "(Cabinet Member (Highways))").
fn bracketed(part: &str) -> (&str, Vec<&str>) {
    let Some(first) = part.find(['(', '[']) else {
        return (part, Vec::new());
    };
    let (mut brackets, mut depth, mut open) = (Vec::new(), 0usize, first);
    for (i, c) in part.char_indices().skip_while(|&(i, _)| i < first) {
        match c {
            '(' | '[' => {
                if depth == 0 {
                    open = i + 1;
                }
                depth += 1;
            }
            ')' | ']' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    brackets.push(&part[open..i]);
                }
            }
            _ => {}
        }
    }
    // A bracket left open at the end of the text.
    if depth > 0 {
        brackets.push(&part[open..]);
    }
    (&part[..first], brackets)
}

/// Does `text` name a role ("Chairman", "Head of Legal Services"), not a
/// party or ward?
fn is_role_text(text: &str) -> bool {
    let lower = text.to_lowercase();
    ROLE_WORDS.iter().any(|w| lower.contains(w))
}

/// "Chief Executive", "Director of Finance", "Democratic Services
/// Officer": an officer listed by post, naming no one (the table lists
/// people; before, the post was read as a name and cut at "of").
fn is_post(part: &str) -> bool {
    const FIRST: [&str; 5] = ["chief", "director", "head", "deputy", "assistant"];
    const LAST: [&str; 8] = [
        "officer",
        "executive",
        "manager",
        "director",
        "solicitor",
        "adviser",
        "advisor",
        "secretary",
    ];
    const TITLES: [&str; 7] = ["mr", "mrs", "ms", "miss", "dr", "councillor", "cllr"];
    let one_of = |word: &str, list: &[&str]| list.iter().any(|l| l.eq_ignore_ascii_case(word));
    let words: Vec<&str> = part.split_whitespace().collect();
    let (Some(&first), Some(&last)) = (words.first(), words.last()) else {
        return false;
    };
    words.len() <= 6
        && (one_of(first, &FIRST) || one_of(last, &LAST))
        // A title or an initial names a person: "Mr P Evans".
        && !words
            .iter()
            .any(|w| one_of(w, &TITLES) || w.len() <= 2 && w.starts_with(char::is_uppercase))
}

#[cfg(test)]
mod tests;
