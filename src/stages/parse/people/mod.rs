//! Who attended, sent apologies, substituted or declared an interest,
//! from the minutes, collected per meeting; apologies in words or by
//! label are read here, the attendance lists in `attendance`, the
//! declarations in `declarations`.

use std::sync::LazyLock;

use regex::Regex;

use super::attendance::{attended, is_roll_title, roll, row};
use super::lines::is_agenda_phrase;
use super::{Cues, Tok, declarations, join_mapped};
use crate::model::{Attendance, AttendanceStatus, LineMap, Meeting};

/// What opens a list of apologies: "Apologies were received from" and its
/// common variants ("An apology for inability to attend was reported
/// from", "were also presented on behalf of", Scottish "were intimated on
/// behalf of"),
/// or an "Apologies:" label, at the start of a line or ending one over a
/// list of names. The list itself is cut by [`list_end`], which knows
/// initials.
static APOLOGIES: LazyLock<Regex> = LazyLock::new(|| {
    crate::stages::regex(concat!(
        r"(?i)\bapolog(?:y|ies)(?:\s+for\s+(?:\w+\s+){0,3}?\w+)?\s+(?:(?:(?:was|were|had been|have been)\s+)?(?:also\s+)?(?:(?:received|submitted|reported|tendered|given|presented|noted|intimated)\s+(?:on behalf of|from)|(?:submitted|given|sent|tendered|offered|intimated)\s+by)|from)(?::[ \t]*|\s+)",
        r"|(?m)^(?:apolog(?:y|ies)(?:\s+for\s+absence)?(?:\s+received)?|ymddiheuriadau)\s*:[ \t]*",
        r"|(?im)\bapolog(?:y|ies)(?:\s+for\s+absence)?\s*:[ \t]*$",
        // "The following apologies were received: A, B".
        r"|(?i)\bapolog(?:y|ies)(?:\s+for\s+absence)?\s+(?:was|were|had been|have been)\s+(?:received|submitted|reported|tendered|noted)\s*:[ \t]*",
        // "The following Members had given apologies: A, B".
        r"|(?i)\b(?:given|sent|tendered|submitted|offered)\s+(?:their\s+)?apolog(?:y|ies)(?:\s+for\s+(?:absence|lateness))?\s*:[ \t]*",
        // "Apologies for Absence - Councillors A and B": a dashed label,
        // only over councillors' names.
        r"|(?m)^(?i:apolog(?:y|ies)(?:\s+for\s+absence)?)\s+[-–]\s+(?:County\s+)?(?:Councillors?|Cllrs?\.?)\s+",
        // Welsh: "Derbyniwyd ymddiheuriadau (am absenoldeb) gan y
        // Cynghorwyr A a B".
        r"|(?i)\bymddiheuriadau\s+(?:am\s+absenoldeb\s+)?(?:gan|oddi wrth)\s+",
    ))
    .unwrap()
});

/// Names before the apology: "Councillor Smith and Councillor Jones sent
/// their apologies", "Cllr A Brown gave apologies": matched on the start
/// of the sentence up to an "apolog" the text holds, never over the text.
static SENT_APOLOGIES: LazyLock<Regex> = LazyLock::new(|| {
    crate::stages::regex(
        r"^\s*((?:(?:County\s+)?Councillors?|Cllrs?\.?|Mr|Mrs|Ms|Miss|Dr)\s.+?)\s+(?:(?:had|has|have)\s+)?(?:sent|gave|given|tendered|submitted|offered)\s+(?:(?:their|his|her)\s+)?$",
    )
    .unwrap()
});

/// Names before "apologised for (their) absence": "Councillor Jane Smith
/// apologised for her absence", "Cllr P Brown had apologised for
/// lateness". Apologising for anything else ("for the late papers") is
/// no apology for absence.
static APOLOGISED: LazyLock<Regex> = LazyLock::new(|| {
    crate::stages::regex(
        r"^\s*((?:(?:County\s+)?Councillors?|Cllrs?\.?|Mr|Mrs|Ms|Miss|Dr)\s.+?)\s+(?:(?:had|has|have)\s+)?$",
    )
    .unwrap()
});
static FOR_ABSENCE: LazyLock<Regex> = LazyLock::new(|| {
    crate::stages::regex(r"^apologi[sz]ed\s+for\s+(?:(?:his|her|their)\s+)?(?:absence|inability|lateness|late arrival|being unable|not being able)\b").unwrap()
});

/// Welsh, the names after the verb: "Ymddiheurodd y Cynghorydd Ann
/// Morgan am ei hanallu i fynychu" (apologised for being unable to
/// attend).
static YMDDIHEURODD: LazyLock<Regex> = LazyLock::new(|| {
    crate::stages::regex(r"(?i)\bymddiheurodd\s+((?:y\s+)?(?:cynghorydd|cynghorwyr)\s+.+?)\s+am\b")
        .unwrap()
});

/// Each sentence of `text` that names who sent apologies: the names and
/// where they start. `cues` are the text's.
fn sent_apologies(text: &str, cues: Cues) -> impl Iterator<Item = (usize, &str)> + '_ {
    let english = memchr::memmem::find_iter(text.as_bytes(), b"apolog").filter_map(|at| {
        let start = (text[..at].char_indices().rev())
            .find(|&(i, c)| matches!(c, ';' | ':' | '\n') || c == '.' && full_stop(text, i))
            .map_or(0, |(i, _)| i + 1);
        let before = if FOR_ABSENCE.is_match(&text[at..]) {
            &*APOLOGISED
        } else {
            &*SENT_APOLOGIES
        };
        let names = before.captures(&text[start..at])?.get(1)?;
        Some((start + names.start(), names.as_str()))
    });
    let welsh = cues
        .has(Cues::APOLOGY)
        .then(|| YMDDIHEURODD.captures_iter(text));
    let welsh = welsh.into_iter().flatten().filter_map(|caps| {
        let names = caps.get(1)?;
        Some((names.start(), names.as_str()))
    });
    english.chain(welsh)
}

/// A bare list under an apologies item: "Y Cynghorwyr:- A, B a C",
/// "Councillors A, B and C".
static BARE_LIST: LazyLock<Regex> = LazyLock::new(|| {
    crate::stages::regex(
        r"^(?:Y\s+)?(?:County\s+)?(?:Councillors|Cllrs\.?|Cynghorwyr)\s*(?::-?|-)?\s*",
    )
    .unwrap()
});

/// The names an apologies opener introduces: the rest of its line, or,
/// after a label that ends its line, the name lines below it.
fn apology_names(rest: &str, labelled: bool) -> Vec<String> {
    let (first, below) = rest.split_once('\n').unwrap_or((rest, ""));
    if NO_ONE.is_match(rest) {
        return Vec::new();
    }
    if labelled && first.trim().is_empty() {
        // One name a line, or the list on the line under the label
        // ("Apologies for absence:" over "Councillors Mrs Newell and
        // Councillor Seaton").
        let names = name_lines(below);
        let next = below.lines().next().unwrap_or_default();
        return if names.is_empty() && BARE_LIST.is_match(next) {
            apology_names(next, false)
        } else {
            names
        };
    }
    let joined;
    let first = match wrapped_tail(first, below) {
        Some(tail) => {
            joined = format!("{} {tail}", first.trim_end());
            joined.as_str()
        }
        None => first,
    };
    let first = named_for_role(first);
    let first = without_asides(&first);
    let first = the_following(&first);
    let end = list_end(first, labelled);
    let mut names = split_names(&first[..end]);
    // "A and B; and for lateness from C": the list goes on.
    let after = first[end..].trim_start_matches([';', ' ']);
    if let Some(late) = strip_prefix_ignore_case(after, "and for lateness from ") {
        names.extend(apology_names(late, false));
    }
    // "A, who was substituted by B, and from C": the list goes on after
    // the aside, in the same sentence.
    const GOES_ON: &str = ", and from ";
    if let Some(at) = first[end..].find(GOES_ON)
        && !first[end..end + at].contains('.')
    {
        names.extend(apology_names(&first[end + at + GOES_ON.len()..], false));
    }
    if let Some(rest) = first[end..].strip_prefix('.')
        && names_follow(rest)
    {
        names.extend(apology_names(rest, labelled));
    }
    names
}

/// The end of a list that printed minutes hard-wrapped in mid-sentence:
/// "... from Councillors M J M Baker and B Cabbell" over "Manners. There
/// was one substitute". The line goes on below when it ends with no stop
/// and the next line, up to its first full stop, is a few capitalised
/// words (the stop kept).
fn wrapped_tail<'t>(first: &str, below: &'t str) -> Option<&'t str> {
    if !first
        .trim_end()
        .ends_with(|c: char| c.is_alphabetic() || c == ',')
    {
        return None;
    }
    let next = below.lines().next()?;
    let stop = (next.char_indices())
        .find(|&(i, c)| c == '.' && full_stop(next, i))?
        .0;
    let words: Vec<&str> = next[..stop].split_whitespace().collect();
    ((1..=6).contains(&words.len())
        && (words.iter()).all(|w| w.starts_with(char::is_uppercase) || *w == "and"))
    .then_some(&next[..=stop])
}

/// One name a line, bulleted or not, an aside in brackets dropped
/// ("• Councillor A" over "Mr B Jones (Independent Person)"), for as long
/// as the lines are names.
fn name_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| without_asides(without_full_stop(l.trim().trim_start_matches('•'))))
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .map_while(|l| match split_names(&l).as_slice() {
            [name] if is_name_line(&l) => Some(name.clone()),
            _ => None,
        })
        .collect()
}

/// "Councillor R Todd." -> "Councillor R Todd": the stop after a name's
/// last word, not after an initial ("Councillor Todd R.").
fn without_full_stop(line: &str) -> &str {
    match line.strip_suffix('.') {
        Some(name) if name.ends_with(char::is_lowercase) => name,
        _ => line,
    }
}

/// "the following Members: Councillors A, B" -> "Councillors A, B": the
/// words that announce a list are no name.
fn the_following(list: &str) -> &str {
    static FOLLOWING: LazyLock<Regex> = LazyLock::new(|| {
        crate::stages::regex(r"^\s*(?i:the\s+following(?:\s+[A-Za-z-]+){0,2})\s*:\s*").unwrap()
    });
    FOLLOWING.find(list).map_or(list, |m| &list[m.end()..])
}

pub(super) fn strip_prefix_ignore_case<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

/// [`strip_prefix_ignore_case`] at the other end: "Cabinet held" without
/// " held".
pub(super) fn strip_suffix_ignore_case<'t>(text: &'t str, suffix: &str) -> Option<&'t str> {
    let cut = text.len().checked_sub(suffix.len())?;
    let tail = text.get(cut..)?;
    tail.eq_ignore_ascii_case(suffix).then(|| &text[..cut])
}

/// A person named with an honorific: "Miss Alison Griffiths", "Cllr A
/// Smith".
pub fn is_named_person(line: &str) -> bool {
    const HONORIFICS: [&str; 9] = [
        "Mr",
        "Mrs",
        "Ms",
        "Miss",
        "Dr",
        "Cllr",
        "Councillor",
        "Alderman",
        "Sir",
    ];
    let mut words = line.split_whitespace();
    words
        .next()
        .is_some_and(|w| HONORIFICS.contains(&w.trim_end_matches('.')))
        && is_name_line(line)
}

/// The lower-case words a surname may hold ("Rhys ap Gwilym", "van Dijk").
const PARTICLES: [&str; 6] = ["ab", "ap", "de", "van", "von", "le"];

/// "Morgan at the Sub-Committee" -> "Morgan": a name ends before its
/// first lower-case word that is no particle of it.
fn name_words(name: &str) -> &str {
    let end = name
        .split_whitespace()
        .find(|w| w.starts_with(char::is_lowercase) && !PARTICLES.contains(w))
        .map_or(name.len(), |w| w.as_ptr() as usize - name.as_ptr() as usize);
    name[..end].trim_end()
}

/// A line holding one name: a few capitalised words ("Cllr Joanne
/// Sexton", "Miss Alison Griffiths"), not a sentence.
fn is_name_line(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    (1..=5).contains(&words.len())
        && words
            .iter()
            .all(|w| w.starts_with(|c: char| c.is_uppercase()) || PARTICLES.contains(w))
}

/// "the Chairperson (Councillor Murphy)" -> "Councillor Murphy": a role
/// named with its holder in brackets is the holder.
fn named_for_role(text: &str) -> std::borrow::Cow<'_, str> {
    static ROLE_THEN_NAME: LazyLock<Regex> = LazyLock::new(|| {
        crate::stages::regex(r"\bthe\s+(?:[A-Z][\w-]*\s+){0,2}[A-Z][\w-]*\s*\(((?:Councillor|Cllr\.?|Mr|Mrs|Ms|Miss|Dr|Alderman)\s[^()]+)\)").unwrap()
    });
    if !text.contains('(') {
        return text.into();
    }
    ROLE_THEN_NAME.replace_all(text, "$1")
}

/// The text without its bracketed asides: "A (due to illness), and B"
/// -> "A , and B".
fn without_asides(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('(') {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.into()
}

/// Where a list of names that starts `list` ends: at the end of its line,
/// at a relative clause (" who was representing ..."), or, in running
/// text, at ";" or at a full stop that does not close an initial or a
/// title ("R. T. Pemberton", "Dr. Lee").
fn list_end(list: &str, labelled: bool) -> usize {
    let line = list.find('\n').unwrap_or(list.len());
    let list = &list[..line];
    // " who was representing ...", " with Councillor B substituting",
    // "... from Councillors A and B be noted".
    let mut end = [" who ", " with ", " be "]
        .iter()
        .filter_map(|clause| list.find(clause))
        .min()
        .unwrap_or(list.len());
    if !labelled {
        end = end.min(list.find(';').unwrap_or(list.len()));
    }
    end = list[..end]
        .match_indices('.')
        .map(|(i, _)| i)
        .find(|&i| full_stop(list, i))
        .unwrap_or(end);
    // "A, Councillor B attended as substitute": the part that names who
    // came in someone's place ends the list before it (in the same
    // sentence: "A, B and C. Councillor D attended as substitute for
    // Councillor C" lists all three).
    if let Some(came) = [
        " attended as ",
        " attending as ",
        " substituted ",
        " substituting",
    ]
    .iter()
    .filter_map(|clause| list[..end].find(clause))
    .min()
    {
        end = list[..came].rfind([',', ';']).unwrap_or(end);
    }
    end
}

/// Does the dot at `i` end a sentence: followed by a space or the end,
/// and not after an initial or a title ("R. T. Pemberton", "Cllr. Hughes")?
pub(super) fn full_stop(text: &str, i: usize) -> bool {
    let followed = text[i + 1..].chars().next().is_none_or(char::is_whitespace);
    let word = text[..i]
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    let title = ["Mr", "Mrs", "Ms", "Dr", "Cllr", "St"].contains(&word);
    followed && !initial && !title
}

/// A full stop typed for a comma: the sentence after it is a list of
/// names too ("... Ian Tomes. Mark Packard, Linda Packard and Mary
/// Douglas"), at least two, each a few capitalised words.
pub(super) fn names_follow(rest: &str) -> bool {
    let sentence = rest.split('.').next().unwrap_or("");
    let sentence = sentence.trim().trim_end_matches('|').trim_end();
    let parts: Vec<&str> = sentence
        .split(',')
        .flat_map(|p| p.split(" and "))
        .map(str::trim)
        .collect();
    parts.len() >= 2
        && parts.iter().all(|p| {
            let words: Vec<&str> = p.split_whitespace().collect();
            (1..=4).contains(&words.len())
                && words.iter().all(|w| w.starts_with(char::is_uppercase))
        })
}

/// A list that names no one: "Apologies: None.", "Nil", "N/A", "None
/// received", "There were none", Welsh "Dim".
static NO_ONE: LazyLock<Regex> = LazyLock::new(|| {
    crate::stages::regex(r"(?i)^\s*(?:none|nil|n/a|there were none|no(?:ne)? apologies|dim)\b")
        .unwrap()
});

/// Who attended the meeting and who declared what. `header` is the page
/// above the items, where printed minutes list who was present;
/// `cues_by_line` the cues of the lines the items were read from.
pub fn collect(meeting: &mut Meeting, header: &[Tok], cues_by_line: &[Option<Cues>]) {
    let mut attendance = Vec::new();
    let mut declarations = Vec::new();
    // Printed minutes may list who came and who sent apologies above the
    // first item.
    let (text, lines) = join_mapped(header);
    let cues = header.iter().map(|t| t.cues).collect();
    apologies(&text, &lines, None, false, cues, &mut attendance);
    attended(&text, &lines, None, cues, &mut attendance);
    for item in &meeting.items {
        // Minutes record who sent apologies; without them, the decision
        // block ("Decision: Apologies were received from ..."), as a
        // decisions page prints the record; on pages without labels the
        // record is the item's only text.
        let (text, lines) = match (&item.minutes_text, &item.decision_text, &item.agenda_text) {
            (Some(minutes), _, _) => (minutes, &item.minutes_lines),
            (None, Some(decision), _) => (decision, &item.decision_lines),
            (None, None, Some(agenda)) => (agenda, &item.agenda_lines),
            (None, None, None) => continue,
        };
        let apologies_item = item.title.as_deref().is_some_and(is_apologies_title);
        let cues = super::cues::of_joined(text, lines, cues_by_line);
        apologies(
            text,
            lines,
            Some(item.position),
            apologies_item,
            cues,
            &mut attendance,
        );
        attended(text, lines, Some(item.position), cues, &mut attendance);
        if item.title.as_deref().is_some_and(is_roll_title) {
            roll(text, lines, item.position, &mut attendance);
        }
        if declarations::is_declarations_item(item) {
            declarations::find(item, &mut declarations);
        }
    }
    // A name listed twice with one status (above the items and in them)
    // is one row.
    let mut seen = std::collections::HashSet::new();
    attendance.retain(|a| seen.insert((a.person_name.clone(), a.status)));
    meeting.attendance = attendance;
    meeting.declarations = declarations;
}

/// "Apologies for absence were received from Councillors A, B and C",
/// "Apologies: Cllr A; Cllr B": one row per name. `cues` are the text's.
fn apologies(
    text: &str,
    lines: &LineMap,
    item_position: Option<u32>,
    apologies_item: bool,
    cues: Cues,
    out: &mut Vec<Attendance>,
) {
    let mut push = |name: String, offset: usize| {
        let line = lines.line_at(offset);
        out.push(row(
            name,
            None,
            AttendanceStatus::Apologies,
            item_position,
            line,
        ));
    };
    let mut found = false;
    // Every opener holds "apolog" or "ymddiheur" (a test checks).
    let openers = cues.has(Cues::APOLOGY).then(|| APOLOGIES.find_iter(text));
    for opener in openers.into_iter().flatten() {
        // "To receive apologies for absence from Members": the agenda's
        // invitation, before the meeting, names no one who sent them.
        let sentence = text[..opener.start()]
            .rsplit(['.', ';', ':', '\n'])
            .next()
            .unwrap_or("");
        if is_agenda_phrase(sentence.trim_start()) {
            continue;
        }
        found = true;
        let labelled = opener.as_str().trim_end().ends_with(':');
        for name in apology_names(&text[opener.end()..], labelled) {
            push(name, opener.start());
        }
    }
    for (at, names) in sent_apologies(text, cues) {
        found = true;
        for name in split_names(names) {
            push(name, at);
        }
    }
    // An apologies item whose minutes are the list alone: after
    // "Councillors", or one titled name a line ("Councillor A" over
    // "Councillor B").
    if !found && apologies_item {
        let names = match BARE_LIST.find(text) {
            Some(prefix) => apology_names(&text[prefix.end()..], false),
            None if text.lines().next().is_some_and(is_named_person) => name_lines(text),
            None => Vec::new(),
        };
        for name in names {
            push(name, 0);
        }
    }
}

/// An apologies label alone on its line ("Apologies for absence:",
/// "Apologies:", "Ymddiheuriadau:"), its names under it: one of the
/// openers [`APOLOGIES`] knows, the whole line.
pub fn is_apologies_label(line: &str) -> bool {
    let line = line.trim_end();
    line.ends_with(':')
        && APOLOGIES
            .find(line)
            .is_some_and(|m| m.start() == 0 && m.as_str().trim_end().len() == line.len())
}

fn is_apologies_title(title: &str) -> bool {
    let title = title.to_lowercase();
    title.starts_with("apolog") || title.starts_with("ymddiheuriadau")
}

/// "Councillors A, B and C" -> ["A", "B", "C"]; honorifics are kept.
pub fn split_names(list: &str) -> Vec<String> {
    static PREFIX: LazyLock<Regex> = LazyLock::new(|| {
        crate::stages::regex(
            r"^(?:(?:County\s+)?Councillors?|Cllrs?\.?|(?:[Yy]\s+)?(?:Cynghorwyr|Cynghorydd))(?::\s*|\s+)",
        )
        .unwrap()
    });
    list.split([',', '&', ';'])
        // "and", and the Welsh "a", "ac" (before a vowel) and "a'r" (and
        // the).
        .flat_map(|part| part.split(" and ").flat_map(|p| p.split(" a ")))
        .flat_map(|part| part.split(" ac ").flat_map(|p| p.split(" a'r ")))
        .flat_map(|part| {
            // "Co-opted Member Mr P. Green": a role before the titled name
            // names no one of its own.
            let part = role_before_name(part).map_or(part, |(_, name)| name);
            let mut starts: Vec<usize> =
                INNER_TITLE.find_iter(part).map(|m| m.start() + 1).collect();
            starts.insert(0, 0);
            starts.push(part.len() + 1);
            starts
                .windows(2)
                .map(|w| &part[w[0]..w[1] - 1])
                .collect::<Vec<_>>()
        })
        .map(|name| PREFIX.replace(name.trim(), "").trim().to_string())
        // "Councillor Mrs P. Taylor": the title before the honorific was
        // split off as a part of its own, and names no one.
        .filter(|name| !is_title(name))
        .filter(|name| {
            let words = name.split_whitespace().count();
            (1..=6).contains(&words) && name.chars().next().is_some_and(char::is_uppercase)
        })
        // A short tail after the name is cut off; a long one was prose.
        .map(|name| name_words(&name).to_string())
        .collect()
}

/// "Mr Ridgers Mr Simmonds": a title inside a part starts a name.
static INNER_TITLE: LazyLock<Regex> =
    LazyLock::new(|| crate::stages::regex(r" (?:Mr|Mrs|Ms|Miss|Dr|Cllr|Councillor) ").unwrap());

/// "Deputy Mayor Cllr O. Pardle" -> ("Deputy Mayor", "Cllr O. Pardle"): a
/// role printed before a titled name, and the name.
pub fn role_before_name(part: &str) -> Option<(&str, &str)> {
    let title = INNER_TITLE.find(part)?;
    let role = part[..title.start()].trim();
    is_role(role).then(|| (role, &part[title.start() + 1..]))
}

/// A role printed before a titled name: "Co-opted Member", "Parent
/// Governor Representative", "Independent Person", "Vice-Chair",
/// "Standing Invitee", "Deputy Mayor", "Youth Adviser".
fn is_role(text: &str) -> bool {
    const ROLES: [&str; 17] = [
        "member",
        "representative",
        "person",
        "chair",
        "chairman",
        "chairperson",
        "vice-chair",
        "vice-chairman",
        "co-optee",
        "invitee",
        "observer",
        "adviser",
        "advisor",
        "mayor",
        "leader",
        "governor",
        "holder",
    ];
    one_of(text.split_whitespace().last().unwrap_or(""), &ROLES)
}

/// Is `word` one of `words`, ignoring ASCII case?
fn one_of(word: &str, words: &[&str]) -> bool {
    words.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// A title alone, with no name: "Councillor", "Cllr.", "Mrs".
fn is_title(word: &str) -> bool {
    const TITLES: [&str; 11] = [
        "councillor",
        "councillors",
        "county councillor",
        "cllr",
        "cllrs",
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "cynghorydd",
    ];
    one_of(word.trim_end_matches('.'), &TITLES)
}

#[cfg(test)]
mod tests;
