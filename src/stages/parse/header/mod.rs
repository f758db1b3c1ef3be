//! Meeting header fields: venue, contact officer, the body and date (the
//! date lines themselves are read in [`super::dates`]).
//!
//! Only names and public roles leave this module: telephone numbers and
//! e-mail addresses in contact lines are cut off here, never stored.

use std::borrow::Cow;
use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use super::Tok;
use super::dates::{self, dated_field, meeting_date};
use crate::model::Meeting;

/// Venue, contact and "Body - date" from the fields at the top of a page,
/// and where the lines that date the meeting end (the body's line above
/// the date, the time and the venue under it): no item starts above.
pub fn meeting_header(toks: &[Tok]) -> (Meeting, usize) {
    let mut meeting = Meeting::default();
    let mut end = 0;
    // "Committee: Planning Committee", for a date line that names none.
    let mut field_body = None;
    for (i, t) in toks.iter().enumerate() {
        let text = &*as_field(t.text);
        // The date is on the line under its label ("Date decision made:"),
        // or the sentence that dates the meeting runs on to it.
        let mut on_next_line = false;
        // Venue and body fields are "Label: ..."; most lines have no colon.
        let labelled = memchr::memchr(b':', text.as_bytes()).is_some();
        if labelled && meeting.venue.is_none() {
            meeting.venue = venue(text).or_else(|| venue_under_label(text, toks.get(i + 1)?));
        }
        if labelled && field_body.is_none() {
            field_body = labelled_body(text);
        }
        if meeting.start_date.is_none()
            && i < 20
            && let Some((body, date)) = meeting_date(text)
                .or_else(|| date_under_body(&toks[..i], text))
                .or_else(|| {
                    let next = toks.get(i + 1)?.text;
                    let date = dates::date_under_label(text, next)?;
                    on_next_line = true;
                    Some((None, date))
                })
                .or_else(|| {
                    let found = wrapped_meeting_date(text, toks.get(i + 1)?)?;
                    on_next_line = true;
                    Some(found)
                })
            && !super::page::is_listing_heading(text)
        {
            let body = (body.map(|b| body_name(&b).to_string()))
                .filter(|b| !b.is_empty())
                .or_else(|| body_above(&toks[..i]));
            meeting.body_name_method = body.is_some().then_some("stated");
            meeting.body_name = body;
            meeting.start_date = Some(date);
            meeting.start_date_method = Some("stated");
            meeting.status = dates::cancelled(text).map(str::to_string);
            end = i + 1 + usize::from(on_next_line);
            if toks.get(end).is_some_and(|next| is_time(next.text)) {
                end += 1;
            }
            meeting.start_time = toks[i..end].iter().find_map(|t| dates::time_in(t.text));
            if meeting.venue.is_none() {
                meeting.venue = opening_venue(text);
            }
            // "Minutes of Meeting ... held in the Council Chamber," over
            // "... on Thursday, 12 September 2024": a dating sentence
            // under the date, read below, not a venue line.
            let sentence_under = toks.get(end).is_some_and(|next| {
                toks.get(end + 1)
                    .and_then(|after| same_date_sentence(next.text, Some(after), date))
                    .is_some_and(|(_, lines)| lines == 2)
            });
            if meeting.venue.is_none()
                && !sentence_under
                && let Some(venue) = toks
                    .get(end)
                    .and_then(|next| unlabelled_venue(&as_field(next.text)))
            {
                meeting.venue = Some(venue);
                end += 1;
            }
        } else if meeting.body_name.is_none()
            && labelled
            && let Some((Some(body), date)) = dated_field(text)
            && meeting.start_date == Some(date)
        {
            // "Date of decision: 08/02/2022" gave the date; "Decided at
            // meeting: 08/02/2022 - Cabinet", further down, names the body.
            meeting.body_name = Some(body);
            meeting.body_name_method = Some("stated");
        } else if (meeting.start_time.is_none() || meeting.venue.is_none())
            && i < 20
            && let Some(date) = meeting.start_date
            && let Some((sentence, lines)) = same_date_sentence(text, toks.get(i + 1), date)
        {
            // "Cabinet – 7 March 2022" dated the meeting; "Date and Time:
            // Monday, 7 March 2022 at 10.00 am" under it gives its time,
            // and "Minutes of Meeting of the Council held in the Council
            // Chamber on ..." under "Date: ..." its venue.
            if meeting.start_time.is_none() {
                meeting.start_time = dates::time_in(&sentence);
            }
            if meeting.venue.is_none() {
                meeting.venue = opening_venue(&sentence);
            }
            // A sentence wrapped over two lines is header to its end.
            if lines == 2 {
                end = end.max(i + 2);
            }
        }
    }
    if meeting.body_name.is_none() && field_body.is_some() {
        meeting.body_name = field_body;
        meeting.body_name_method = Some("stated");
    }
    (meeting, end)
}

/// The meeting's body and date from a sentence hard-wrapped over two
/// lines ("... held at the Guildhall," over "Market Square on Tuesday 10
/// September 2020", "... on Tuesday 8" over "February 2022 at 2.00 pm"),
/// when neither line dates it alone, or when the first stops at the
/// word before the date ("... held in the Council Chamber on" over
/// "Monday 4 March 2024 at 7.00 pm").
fn wrapped_meeting_date(text: &str, next: &Tok) -> Option<(Option<String>, NaiveDate)> {
    let (_, found) = joined_date(text, next)?;
    let before_date = [" on", " held"]
        .iter()
        .any(|word| super::people::strip_suffix_ignore_case(text, word).is_some());
    (before_date || meeting_date(next.text).is_none()).then_some(found)
}

/// The date a sentence hard-wrapped over `text` and `next` gives, with
/// the sentence.
fn joined_date(text: &str, next: &Tok) -> Option<(String, (Option<String>, NaiveDate))> {
    if next.gap > 0
        || text.ends_with(['.', ':', ';'])
        || !(dates::holds_year(text) || dates::holds_year(next.text))
    {
        return None;
    }
    let sentence = format!("{text} {}", next.text);
    let found = meeting_date(&sentence)?;
    Some((sentence, found))
}

/// A line, or a sentence hard-wrapped over it and the next, that dates
/// the meeting on `date` again, with how many lines it takes.
fn same_date_sentence<'t>(
    text: &'t str,
    next: Option<&Tok>,
    date: NaiveDate,
) -> Option<(Cow<'t, str>, usize)> {
    match meeting_date(text) {
        Some((_, on)) => (on == date).then_some((Cow::Borrowed(text), 1)),
        None => {
            let (sentence, (_, on)) = joined_date(text, next?)?;
            (on == date).then_some((Cow::Owned(sentence), 2))
        }
    }
}

/// A time of day alone on a line, under the meeting's date: "10.00 am",
/// "2pm", "14:00", or as a field, "Time: 7.00 pm", "Amser: 2.00 y.p.".
fn is_time(line: &str) -> bool {
    static TIME: LazyLock<Regex> = LazyLock::new(|| {
        crate::stages::regex(
            r"(?i)^(?:at\s+|(?:start\s+)?time\s*:\s*|amser\s*:\s*)?\d{1,2}(?:[.:]\d{2})?\s*(?:[ap]\.?m\.?|noon|y\.?[bh]\.?)?$",
        )
        .unwrap()
    });
    line.len() <= 30 && TIME.is_match(line.trim())
}

/// A header field printed as a two-cell table row, "Date | Tuesday 8
/// February 2022" (the row's outer bars already gone), read as the
/// "Date: Tuesday 8 February 2022" it stands for.
pub fn as_field(text: &str) -> Cow<'_, str> {
    if memchr::memchr(b'|', text.as_bytes()).is_none() {
        return Cow::Borrowed(text);
    }
    match text.split_once(" | ") {
        Some((key, value))
            if !value.contains('|')
                && !key.contains(':')
                && key.split(' ').count() <= 4
                && key.starts_with(char::is_alphabetic) =>
        {
            Cow::Owned(format!("{key}: {value}"))
        }
        _ => Cow::Borrowed(text),
    }
}

/// "Committee: Planning Committee", "Meeting: Cabinet": the body named in
/// a field of its own.
fn labelled_body(text: &str) -> Option<String> {
    let (label, value) = text.split_once(':')?;
    let label = label.trim();
    if !["meeting", "committee", "body", "pwyllgor"]
        .iter()
        .any(|l| l.eq_ignore_ascii_case(label))
    {
        return None;
    }
    let value = body_name(value.trim());
    names_body(value).then(|| value.to_string())
}

/// A body's name without the document's name printed around it:
/// "Agenda - Cabinet", "Minutes of Cabinet", "Cabinet Agenda", Scottish
/// "Minute of Meeting of the Cabinet" -> "Cabinet".
pub fn body_name(text: &str) -> &str {
    let text = super::dates::without_moved_note(text);
    static AROUND: LazyLock<Regex> = LazyLock::new(|| {
        crate::stages::regex(concat!(
            r"(?i)^(?:(?:draft |confirmed |approved )?(?:agenda|minutes?|decisions)(?:,? (?:decisions )?and (?:draft )?minutes)?|notice of meeting)",
            r"(?:\s*[-–:]\s*|\s+(?:of|for)\s+(?:the\s+|an?\s+)?(?:(?:extraordinary |special |annual |ordinary )?meeting\s+of\s+(?:the\s+)?)?)(?P<a>.+)$",
            r"|^(?P<b>.+?)\s*[-–:]?\s+(?:agenda|minutes|decisions)(?: and minutes)?$",
        ))
        .unwrap()
    });
    match AROUND.captures(text) {
        Some(caps) => caps
            .name("a")
            .or(caps.name("b"))
            .map_or(text, |m| m.as_str().trim()),
        None => text,
    }
}

/// A venue printed without its label on the line under the meeting's
/// date ("Council Chamber, County Hall, Truro", printed minutes' "IN THE
/// COUNCIL CHAMBER, TOWN HALL"): a short line, no field, no sentence,
/// naming a kind of place.
fn unlabelled_venue(line: &str) -> Option<String> {
    static PLACE: LazyLock<Regex> = LazyLock::new(|| {
        crate::stages::regex(r"\b(?:Chamber|Hall|Room|Centre|Center|Offices|House|Suite|Building|Guildhall|Library|Pavilion|Siambr|Neuadd|Ystafell|Microsoft Teams|Zoom|[Rr]emote(?:ly)?|[Vv]irtual(?:ly)?|[Oo]nline|CHAMBERS?|HALL|ROOM|CENTRE|OFFICES|HOUSE|SUITE|BUILDING|GUILDHALL)\b").unwrap()
    });
    let line = line.trim();
    // "IN THE COUNCIL CHAMBER": the preposition of "held ... in".
    let line = ["in the ", "at the "]
        .iter()
        .find_map(|lead| {
            line.get(..lead.len())
                .filter(|head| head.eq_ignore_ascii_case(lead))
                .map(|_| &line[lead.len()..])
        })
        .unwrap_or(line);
    // "Venue - Council Chamber": the label printed with a dash.
    let line = line
        .get(..5)
        .filter(|head| head.eq_ignore_ascii_case("venue"))
        .and_then(|_| line[5..].trim_start().strip_prefix(['-', '–']))
        .map_or(line, str::trim_start);
    let venue = line.len() <= 120
        && !line.contains(':')
        && !line.ends_with(['.', '?', '!'])
        && line.starts_with(|c: char| c.is_uppercase())
        && !super::is_page_heading(line)
        && PLACE.is_match(line);
    venue.then(|| line.to_string())
}

/// The venue the opening of printed minutes names: "Minutes of a meeting
/// of the Cabinet held at the Guildhall, Market Square on Tuesday ...",
/// "... held on Wednesday, 13 March 2024 at 6.30 pm in the Council
/// Chamber, Civic Offices".
fn opening_venue(line: &str) -> Option<String> {
    static VENUE: LazyLock<Regex> = LazyLock::new(|| {
        crate::stages::regex(r"(?i:\bheld\s+(?:at|in)\s+)(?P<before>\S.*?)\s+(?i:on)\s|\d\s*(?i:[ap]\.?m\.?|noon)\s+(?i:in|at)\s+(?P<after>\S.*?)\.?$")
            .unwrap()
    });
    // "held at 7.30pm in the Village Hall on ...": the time goes first.
    static TIME_FIRST: LazyLock<Regex> = LazyLock::new(|| {
        crate::stages::regex(r"^\d{1,2}(?:[.:]\d{2})?\s*(?i:[ap]\.?m\.?|noon)?\s+(?i:in|at)\s+")
            .unwrap()
    });
    let caps = crate::stages::captures(&VENUE, line)?;
    let venue = caps.name("before").or_else(|| caps.name("after"))?.as_str();
    let venue = TIME_FIRST
        .find(venue)
        .map_or(venue, |time| &venue[time.end()..]);
    // "held in the Council Chamber, Civic Offices, on ...": the comma
    // before the date is the sentence's.
    let venue = (super::people::strip_prefix_ignore_case(venue, "the "))
        .unwrap_or(venue)
        .trim()
        .trim_end_matches([',', ' ']);
    (!venue.is_empty()).then(|| venue.to_string())
}

/// The body's name on its own line right above a date that does not name
/// it ("Planning Committee" over "Tuesday, 10th September, 2020").
fn body_above(above: &[Tok]) -> Option<String> {
    let text = above.last()?.text.trim();
    if let Some(body) = labelled_body(&as_field(text)) {
        return Some(body);
    }
    let text = body_name(text);
    names_body(text).then(|| text.to_string())
}

/// A body's name as pages print it: a short title-case line without a
/// colon that ends in a word bodies are named with ("Planning
/// Committee", "Pwyllgor Cynllunio").
pub fn names_body(text: &str) -> bool {
    const BODY_WORDS: &[&str] = &[
        "Cabinet",
        "Council",
        "Committee",
        "Sub-Committee",
        "Board",
        "Panel",
        "Forum",
        "Executive",
        "Commission",
        "Group",
        "Partnership",
        "Assembly",
        "Authority",
    ];
    // A closed body keeps its name with a note after it: "Licensing
    // Committee (expired)", "Planning Board (2005-2015)"; "Cabinet (Item
    // 4)" is a meeting line's reference to an item, no name.
    let named = match text.strip_suffix(')').and_then(|t| t.rsplit_once(" (")) {
        Some((name, note))
            if !note.contains(['(', ')'])
                && !["item ", "eitem "].iter().any(|w| {
                    note.get(..w.len())
                        .is_some_and(|n| n.eq_ignore_ascii_case(w))
                }) =>
        {
            name
        }
        _ => text,
    };
    let last_word = named.rsplit(' ').next().unwrap_or("");
    text.len() <= 100
        && !text.contains([':', '|'])
        && !super::is_page_heading(text)
        && named.split(' ').all(|w| {
            w.starts_with(|c: char| c.is_uppercase() || !c.is_alphabetic())
                || ["and", "of", "the", "for", "on", "a", "y", "a'r"].contains(&w)
        })
        && (BODY_WORDS.iter().any(|w| w.eq_ignore_ascii_case(last_word))
            || text.starts_with("Pwyllgor")
            || text.starts_with("Cyngor"))
}

static VENUE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    crate::stages::regex(r"^(?i:(?:meeting )?(?:venue|place|location)|where|lleoliad)\s*:\s*(.*)$")
        .unwrap()
});

/// The venue under its label alone on the line above ("Place:" over
/// "Council Chamber, Fenland Hall, March"), as older ModernGov pages
/// print it: a line with no field of its own.
fn venue_under_label(label: &str, next: &Tok) -> Option<String> {
    let alone = crate::stages::captures(&VENUE_LABEL, label)?
        .get(1)
        .is_some_and(|rest| rest.as_str().trim().is_empty());
    (alone && next.gap == 0 && !next.text.contains(':'))
        .then(|| venue(&format!("Venue: {}", next.text)))
        .flatten()
}

/// "Venue: County Hall, Worcester. View directions" -> "County Hall,
/// Worcester"; also after "Place:", "Location:", "Meeting venue:", "Where:".
pub fn venue(line: &str) -> Option<String> {
    static DIRECTIONS: LazyLock<Regex> = LazyLock::new(|| {
        crate::stages::regex(r"(?i)[.,]?\s*(view directions|gweld cyfarwyddiadau)\s*\.?$").unwrap()
    });
    let rest = crate::stages::captures(&VENUE_LABEL, line)?
        .get(1)?
        .as_str();
    let venue = DIRECTIONS.replace(rest, "");
    let venue = venue.trim().trim_end_matches(['|', ' ']);
    (!venue.is_empty()).then(|| venue.to_string())
}

/// The first contact officer named in `toks`, as a field ("Contact:
/// Jane Lowe, Democratic Services Officer").
pub fn first_contact(toks: &[Tok]) -> Option<Contact> {
    toks.iter().find_map(|t| contact(&as_field(t.text)))
}

/// A contact officer: name (or team) and job title, never phone or e-mail.
#[derive(Debug, PartialEq, Eq)]
pub struct Contact {
    pub name: String,
    pub role: Option<String>,
}

/// Words that start a job title or a team name in contact lines.
const ROLE_WORDS: &[&str] = &[
    "Officer",
    "Officers",
    "Manager",
    "Democratic",
    "Committee",
    "Governance",
    "Scrutiny",
    "Senior",
    "Principal",
    "Clerk",
    "Secretary",
    "Assistant",
    "Head",
    "Lead",
    "Team",
    "Services",
    "Service",
    "Support",
    "Adviser",
    "Advisor",
    "Coordinator",
    "Co-ordinator",
    "Member",
    "Overview",
    "Legal",
    "Corporate",
    "Unit",
    "Business",
    "Council",
];

pub fn contact(line: &str) -> Option<Contact> {
    static LABEL: LazyLock<Regex> = LazyLock::new(|| {
        crate::stages::regex(
            r"^(?i:contact(?: officer| details| person| name)?|cyswllt|enquiries(?: to)?|for (?:further|more) information,?(?: please)? contact|(?P<role>(?:committee )?clerk(?: to the (?:committee|council|panel|board|meeting))?|(?:democratic services|committee|governance|scrutiny) (?:officer|adviser|advisor|administrator|co-?ordinator|manager|secretary)))\s*:\s*(?P<rest>.*)$",
        )
        .unwrap()
    });
    // Where telephone numbers, e-mail addresses and web addresses begin.
    static PRIVATE: LazyLock<Regex> = LazyLock::new(|| {
        crate::stages::regex(r"(?i)\b(tel\b|tel\.|telephone|phone|e-?mail|ebost|ffôn|mobile)|\(?\b0\d{2,4}\)?[\s-]?\d{3}|\+44|\S+@\S+|\[|\bhttps?://|\bwww\.").unwrap()
    });
    // "Contact: For all enquiries please contact Email: ...": a sentence
    // leading into the contact is not one; what follows it may be.
    static LEAD_IN: LazyLock<Regex> = LazyLock::new(|| {
        crate::stages::regex(r"^(?i:(?:for (?:(?:all|any|further|more) )*(?:information|enquiries|queries|details),?\s+(?:please\s+)?|please\s+)contact\b:?\s*)").unwrap()
    });
    let caps = crate::stages::captures(&LABEL, line)?;
    // "Clerk: Jane Lowe": the label is the contact's role.
    let label_role = caps.name("role").map(|r| r.as_str());
    let rest = caps.name("rest")?.as_str();
    let rest = LEAD_IN.find(rest).map_or(rest, |m| &rest[m.end()..]);
    let rest = match PRIVATE.find(rest) {
        Some(m) => without_lead_in(&rest[..m.start()]),
        None => rest,
    };
    let rest = rest
        .trim()
        .trim_end_matches([',', ';', '-', '–', '|', ':', '(', ' ']);
    // "Jane Doe. Tel: ...": the sentence's stop is not the name's; an
    // initial's is ("Jane D.").
    let rest = match rest.strip_suffix('.') {
        Some(name)
            if name
                .rsplit(' ')
                .next()
                .is_some_and(|w| w.chars().count() > 1) =>
        {
            name
        }
        _ => rest,
    };
    if rest.is_empty() {
        return None;
    }
    // "Council Secretary: Ian Willett": the role before a colon; "Sharon
    // Turner: Democratic Services Officer": the name before it, the role
    // (a title's words) after.
    let has_role_word = |text: &str| text.split(' ').any(|w| ROLE_WORDS.contains(&w));
    let rest = match rest.split_once(": ") {
        Some((name, role)) if !has_role_word(name) && has_role_word(role) => {
            return split_name_role(name.trim(), role.split("  ").next());
        }
        Some((role, name)) if !name.trim().is_empty() => {
            return split_name_role(name.trim(), Some(role));
        }
        _ => rest,
    };
    split_name_role(rest, label_role)
}

/// "Jane Lowe on 01234 ...", "Governance Unit  The webcast can be viewed
/// at http://...": the words in lower case that lead into a number or an
/// address are not the contact's, nor is the word that opens their
/// sentence. A name or team in lower case ("Democratic services") does
/// not end in such a word, and stays.
fn without_lead_in(text: &str) -> &str {
    const LEAD_INS: [&str; 10] = [
        "on", "at", "via", "by", "to", "see", "visit", "from", "or", "is",
    ];
    const OPENERS: [&str; 8] = ["The", "This", "These", "Please", "You", "It", "All", "Our"];
    /// The last word of several, and where it starts.
    fn last_word(text: &str) -> Option<(usize, &str)> {
        let text = text.trim_end();
        let start = text.rfind(' ')? + 1;
        Some((start, &text[start..]))
    }
    if !last_word(text).is_some_and(|(_, word)| LEAD_INS.contains(&word)) {
        return text;
    }
    let mut end = text.len();
    while let Some((start, word)) = last_word(&text[..end])
        && word.starts_with(|c: char| c.is_lowercase())
    {
        end = start;
    }
    if let Some((start, word)) = last_word(&text[..end])
        && OPENERS.contains(&word)
    {
        end = start;
    }
    &text[..end]
}

fn split_name_role(text: &str, prefix_role: Option<&str>) -> Option<Contact> {
    let finish = |name: &str, role: Option<&str>| {
        let name = name
            .trim()
            .trim_end_matches([',', '-', '–', ' '])
            .to_string();
        let role = role
            .map(|r| r.trim().trim_matches([',', '-', '–', ' ']).to_string())
            .filter(|r| !r.is_empty())
            .or(prefix_role.map(str::to_string));
        (!name.is_empty()).then_some(Contact { name, role })
    };
    // The name ends at the first separator, whichever it is ("Carys
    // Walker, Committee Officer  Room 357, ..."); a role ends at a wide
    // gap, after which pages print an office address.
    let first = ["  ", " - ", " – ", ", "]
        .iter()
        .filter_map(|separator| Some((text.find(separator)?, separator.len())))
        .min();
    if let Some((at, len)) = first {
        let role = text[at + len..].split("  ").next();
        return finish(&text[..at], role);
    }
    // Single spaces only: a team name if it starts with a role word,
    // otherwise the person's name ends where the job title starts.
    let words: Vec<&str> = text.split(' ').collect();
    if words.first().is_some_and(|w| ROLE_WORDS.contains(w)) {
        return finish(text, None);
    }
    match words.iter().skip(2).position(|w| ROLE_WORDS.contains(w)) {
        Some(i) => {
            let cut = words[..i + 2].join(" ");
            finish(&cut, Some(&words[i + 2..].join(" ")))
        }
        None => finish(text, None),
    }
}

/// A date without its weekday on the line under the body's name
/// ("Cabinet" over "8 February 2022 2.00 pm"): the name says it is the
/// meeting's.
fn date_under_body(above: &[Tok], line: &str) -> Option<(Option<String>, NaiveDate)> {
    let date = dates::bare_date(line)?;
    Some((Some(body_above(above)?), date))
}

#[cfg(test)]
mod tests;
