//! Dates as meeting pages print them ("Tuesday, 8th February, 2022 2.00
//! pm", "08/02/2022", Welsh "Dydd Mawrth, 8fed Chwefror, 2022"), and the
//! lines that state a meeting's date: "Body - date", a page title, a
//! labelled field, the opening of printed minutes, a decision record's
//! fields. One WEEKDAY, DATE, TIME and STATUS pattern serve them all.

use std::sync::LazyLock;

use chrono::{NaiveDate, NaiveTime};
use regex::Regex;

use super::header::names_body;
use super::lines::ATTACHMENT;

/// A line that states the meeting's date, and its body when the line
/// names it: "Cabinet - Friday, 14th June, 2019 2.00 pm", "Date: ...",
/// "Minutes of the meeting of the Cabinet held on ...", or a bare
/// weekday-and-date line under the body's name.
pub fn meeting_date(line: &str) -> Option<(Option<String>, NaiveDate)> {
    // Every date printed holds a year: most lines are out before any regex.
    // A line with a document's marker is an item's or a document's title,
    // whose date is another meeting's ("MINUTES - 15 MARCH 2022 PDF 295
    // KB", the minutes of the last meeting).
    if !holds_year(line) || ATTACHMENT.is_match(line) {
        return None;
    }
    let (body, date) = body_and_date(line)
        .or_else(|| titled_date(line))
        .or_else(|| dated_field(line))
        .or_else(|| notice_date(line))
        .or_else(|| labelled_date(line))
        .or_else(|| Some((None, date_line(line)?)))?;
    Some((body, moved_to(line).unwrap_or(date)))
}

/// Four digits in a row, or a two-digit year after a day and month
/// ("03/10/21", "14.03.24").
pub(super) fn holds_year(line: &str) -> bool {
    let bytes = line.as_bytes();
    let digit = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    bytes.windows(4).any(|w| w.iter().all(u8::is_ascii_digit))
        || memchr::memchr2_iter(b'/', b'.', bytes).any(|i| {
            digit(i + 1)
                && digit(i + 2)
                && !digit(i + 3)
                && bytes[i.saturating_sub(3)..i].contains(&bytes[i])
        })
}

/// The date a meeting was moved to: ModernGov prints "Tuesday, 8th
/// February, 2022 2.00 pm, MOVED TO Tuesday, 15th February, 2022 2.00
/// pm", and the meeting is held on the second.
fn moved_to(line: &str) -> Option<NaiveDate> {
    static MOVED: LazyLock<Regex> = LazyLock::new(|| {
        crate::stages::regex(&format!(r"(?i:\bmoved to)\s+{WEEKDAY}{DATE}")).unwrap()
    });
    printed_date(&crate::stages::captures(&MOVED, line)?)
}

/// An agenda's notice of its meeting: "NOTICE IS HEREBY GIVEN that a
/// meeting of the Cabinet will be held on Tuesday 8 February 2022 at 2.00
/// pm in the Council Chamber", "Meeting of the Cabinet to be held on ..."
/// -> (Cabinet, date); the body only when it
/// reads as one. Only a line that opens with the notice: "The next meeting
/// of the Committee will be held on ..." in minutes is another meeting.
fn notice_date(line: &str) -> Option<(Option<String>, NaiveDate)> {
    static LINE: LazyLock<Regex> = LazyLock::new(|| {
        crate::stages::regex(&format!(
            r"^(?i:notice is hereby given that\s+)?(?i:(?:an?|the)\s+)?(?i:(?:extraordinary |special |annual |ordinary )?meeting of (?:the )?)(?P<body>.{{3,120}}?)\s+(?i:will be|is to be|to be) held\s+(?i:at\s+.{{3,120}}?\s+)?(?i:on\s+)?{WEEKDAY}{DATE}"
        ))
        .unwrap()
    });
    let caps = crate::stages::captures(&LINE, line)?;
    let body = caps["body"].trim();
    let body = names_body(body).then(|| body.to_string());
    Some((body, printed_date(&caps)?))
}

/// "Council - Wednesday, 2nd October, 2019 10.10 am" -> (Council, 2019-10-02);
/// in Welsh, "Pwyllgor Cynllunio - Dydd Mercher, 9fed Mawrth, 2022";
/// "Cabinet - Tues 8 Feb 2022", "Planning Committee - 10/09/2020"; with a
/// colon or a bar for the dash ("Cabinet: Thursday 14 March 2024",
/// "Cabinet | 14 March 2024") only where the name reads as a body's
/// ("Date: ..." is a field).
/// A line with a document's marker is for the caller to rule out (see
/// [`meeting_date`]).
pub fn body_and_date(line: &str) -> Option<(Option<String>, NaiveDate)> {
    static LINE: LazyLock<Regex> = LazyLock::new(|| {
        crate::stages::regex(&format!(
            r"^(.{{3}}.*?)(?:\s+[-–—]|(?P<other>\s*:|\s+\|))\s+{WEEKDAY}{DATE}\b"
        ))
        .unwrap()
    });
    let caps = crate::stages::captures(&LINE, line)?;
    // At most 200 characters of body name; checked here, not with `.{3,200}`,
    // which multiplies the automaton by 200.
    if caps[1].chars().count() > 200 {
        return None;
    }
    // "Meeting: Cabinet - Tuesday, ...", as attendance pages print it; a
    // name opens with a letter ("19/01/2023 - PART 2 MINUTES - 22
    // SEPTEMBER 2022" is a decision entry, not a meeting).
    let body = caps[1].trim();
    let body = body.strip_prefix("Meeting:").map_or(body, str::trim_start);
    let body = without_moved_note(body);
    // "Minutes - 15 March 2022": the title of the last meeting's minutes,
    // a document, not a body.
    const DOCUMENTS: [&str; 4] = ["minutes", "draft minutes", "agenda", "decisions"];
    if !body.starts_with(char::is_alphabetic)
        || DOCUMENTS.iter().any(|d| body.eq_ignore_ascii_case(d))
        || ends_in_date(body)
        || caps.name("other").is_some() && !names_body(body)
    {
        return None;
    }
    Some((Some(body.to_string()), printed_date(&caps)?))
}

/// A body's name without ModernGov's note of the date its meeting was
/// moved from: "Moved from 9th October 2018, Cabinet" -> "Cabinet".
pub fn without_moved_note(body: &str) -> &str {
    static MOVED_FROM: LazyLock<Regex> = LazyLock::new(|| {
        crate::stages::regex(
            r"^(?i:moved|rescheduled|rearranged|postponed)\s+from\s+[^,]*?\d{4},\s*",
        )
        .unwrap()
    });
    MOVED_FROM.find(body).map_or(body, |m| &body[m.end()..])
}

/// "Decisions published: 1 April 2023" before " - 30 April 2023": the
/// line is a period, whose end is no meeting's date.
fn ends_in_date(text: &str) -> bool {
    static END: LazyLock<Regex> =
        LazyLock::new(|| crate::stages::regex(&format!(r"\b{DATE}$")).unwrap());
    END.is_match(text)
}

/// A meeting named and dated in one line without a dash: a ModernGov
/// page's title, "Agenda for Cabinet on Tuesday, 8th February, 2022, 2.00
/// pm", "Meeting of Full Council, Thursday 10 March 2022 7.00 pm", or
/// "Planning Committee on 9 March 2022", "Planning Committee Thursday, 5
/// September 2024", "CABINET 19 MARCH 2024", "Cabinet (19/03/2024)"
/// (unprefixed, the name must read as a body's: "The report was noted on
/// ..." is prose).
fn titled_date(line: &str) -> Option<(Option<String>, NaiveDate)> {
    static LINE: LazyLock<Regex> = LazyLock::new(|| {
        crate::stages::regex(&format!(
            r"^(?P<titled>(?i:(?:agenda(?:,? decisions)?(?: and (?:draft )?minutes)?|(?:draft |confirmed )?minutes|decisions)\s+(?:for|of)|(?:extraordinary |special |annual |ordinary )?meeting\s+of)\s+(?i:the\s+)?)?(?P<body>[A-Z].{{2}}.*?)(?:,|\s+on)?\s+(?P<open>\()?{WEEKDAY}{DATE}{TIME}(?:\)|{STATUS})\s*$"
        ))
        .unwrap()
    });
    let caps = crate::stages::captures(&LINE, line)?;
    if caps.name("open").is_some() && !line.trim_end().ends_with(')') {
        return None;
    }
    let body = without_moved_note(caps["body"].trim());
    let titled = caps.name("titled").is_some();
    // "Minutes of the Cabinet held on ...", "MINUTES OF THE MEETING OF
    // THE CABINET HELD ON ...": the opening of printed minutes, read by
    // [`labelled_date`] with the body without "held on". Unprefixed, the
    // name may end in what the page is ("Cabinet Agenda 14 March 2024",
    // "Cabinet held on ...").
    let without =
        |word: &str| super::people::strip_suffix_ignore_case(body, word).map(str::trim_end);
    // "... held in the Council Chamber on ...": the venue came between.
    let held_at = body.to_ascii_lowercase().contains(" held ");
    if without(" on").is_some() || titled && without(" held").is_some() || held_at {
        return None;
    }
    let body = match [" agenda", " minutes", " meeting", " held"]
        .iter()
        .find_map(|word| without(word))
    {
        Some(name) if !titled => name,
        _ => body,
    };
    // At most 120 characters, checked here (see [`body_and_date`]).
    (body.chars().count() <= 120 && (titled || names_body(body)))
        .then(|| Some((Some(body.to_string()), printed_date(&caps)?)))
        .flatten()
}

/// An optional weekday before a date, in full or short, English or Welsh:
/// "Tuesday, ", "Tues ", "Dydd Mawrth, ".
const WEEKDAY: &str = r"(?:(?i:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?|dydd [a-z]+),?\s+)?";

/// A date as meeting pages print it: named ("2nd October, 2019", "8 Feb.
/// 2022", "8th of February 2022", "08-Feb-2022", month first "April 8,
/// 2024"), numeric, day first ("10/09/2020",
/// "10.09.2020", "03/10/21"), or ISO 8601 ("2020-09-10", as data exports print it).
/// `$numeric` adds numeric shapes.
macro_rules! date_pattern {
    ($($numeric:literal)?) => {
        concat!(
            r"(?:(?P<named>\d{1,2}[A-Za-z]{0,3}(?:(?:\s+of)?\s+[A-Za-z]+\.?,?\s+|-[A-Za-z]{3,9}-)\d{4}|(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?i:st|nd|rd|th)?,?\s+\d{4})",
            r"|(?P<numeric>\d{1,2}\.\d{1,2}\.\d{4}|\d{1,2}-\d{1,2}-\d{4}|\d{1,2}/\d{1,2}/\d{4}|\d{1,2}/\d{1,2}/\d{2}\b",
            $($numeric,)?
            r")|(?P<iso>\d{4}-\d{2}-\d{2}))"
        )
    };
}
const DATE: &str = date_pattern!();

/// [`DATE`], and after a date's label also with dots and a two-digit year,
/// day and month in two digits each ("Date of Decision: 14.03.24"):
/// elsewhere, and with one-digit parts, "5.1.23" numbers a paragraph.
const FIELD_DATE: &str = date_pattern!(r"|\d{2}\.\d{2}\.\d{2}\b");

/// A numeric date, day first, as ModernGov's entries print it
/// ("Meeting: 21/10/2021 - Board (Item 63)", "12/03/21 - Title"); a
/// two-digit year only with slashes, as "5.1.23" numbers a paragraph.
pub const NUMERIC_DATE: &str = r"\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})\b";

/// The date matched by [`DATE`].
fn printed_date(caps: &regex::Captures) -> Option<NaiveDate> {
    match (caps.name("named"), caps.name("numeric"), caps.name("iso")) {
        (Some(named), _, _) => parse_date(named.as_str()),
        (_, Some(numeric), _) => parse_uk_numeric_date(&numeric.as_str().replace(['.', '-'], "/")),
        (_, _, Some(iso)) => NaiveDate::parse_from_str(iso.as_str(), "%Y-%m-%d").ok(),
        _ => None,
    }
}

/// A time of day after a meeting's date, or a span of them: ", 2.00 pm",
/// " - 7.00 pm", " at 10:30", " 10.00 am - 12.30 pm", " 2.00 y.h." (Welsh).
const TIME: &str = r"(?:(?:,|\s+[-–])?\s+(?i:(?:commencing |starting |beginning )?at\s+)?\d{1,2}(?:[.:]\d{2})?\s*(?i:[ap]\.?m\.?|y\.?[bh]\.?|noon)?(?:\s*[-–]\s*\d{1,2}(?:[.:]\d{2})?\s*(?i:[ap]\.?m\.?|y\.?[bh]\.?|noon)?)?)?";

/// What ModernGov prints after a meeting's time when the meeting changed:
/// ", NEW", ", CANCELLED", ", MOVED TO Wednesday, ...", "(Extraordinary)".
const STATUS: &str =
    r"(?:,?\s*(?:(?i:new|cancelled|canceled|postponed|rescheduled|moved to\b.*)|\(.*\)))?";

/// "Cabinet - Tuesday, 8th February, 2022 2.00 pm CANCELLED": the
/// meeting's status, as ModernGov prints it after the time.
pub fn cancelled(line: &str) -> Option<&'static str> {
    let tail = line.trim_end().trim_end_matches([')', '.']);
    let word = tail.rsplit([' ', ',', '(']).next()?;
    if word.eq_ignore_ascii_case("cancelled") || word.eq_ignore_ascii_case("canceled") {
        Some("Cancelled")
    } else if word.eq_ignore_ascii_case("postponed") {
        Some("Postponed")
    } else {
        None
    }
}

/// A line that is only a meeting's date and time, under the body's name
/// ("Friday, 14th June, 2019 2.00 pm"): the weekday says it is not some
/// other date near the top of the page.
fn date_line(line: &str) -> Option<NaiveDate> {
    static LINE: LazyLock<Regex> = LazyLock::new(|| {
        // The weekday is required here: [`WEEKDAY`] without its `?`.
        let weekday = WEEKDAY.strip_suffix('?').expect("optional group");
        crate::stages::regex(&format!(r"^{weekday}{DATE}{TIME}{STATUS}\s*$")).unwrap()
    });
    printed_date(&crate::stages::captures(&LINE, line)?)
}

/// A labelled meeting date, "Date: Tuesday, 10th September, 2020 2.00 pm",
/// "Date of meeting: 10 September 2020", "Meeting date: 10.09.2020",
/// "Date/Time: ...", "When: ...", "Held on ...", "held in the Council
/// Chambers on ..." (under the body's line), or the opening of printed
/// minutes, "Minutes of the meeting of the Cabinet held on Tuesday 10
/// September 2020 at 2.00 pm", "Minutes of the Cabinet meeting held on
/// ..." (the body is kept when the line names it), also with the venue
/// after the time ("... at 6.30 pm in the Council Chamber").
fn labelled_date(line: &str) -> Option<(Option<String>, NaiveDate)> {
    static LINE: LazyLock<Regex> = LazyLock::new(|| {
        crate::stages::regex(&format!(
            r"^(?i:(?:date(?:\s*(?:/|&|and)\s*time)?(?: of (?:the )?meeting)?|meeting(?: date)?|when|dyddiad(?: y cyfarfod)?)\s*:|meeting date\b|(?:minutes of )?(?:a |the )?{KIND}meeting(?: of (?:the )?(?P<body>.{{3,120}}?))?,?(?: was| were)? held {WHERE}on|minutes of (?:a |the )?(?P<named_body>.{{3,120}}?)(?: meeting)?(?: was| were)? held {WHERE}on|held {WHERE}on\s*:?)\s*{WEEKDAY}{FIELD_DATE}(?:\s+(?i:time|amser)\s*:)?{TIME}{STATUS}(?:,?\s+(?i:in|at)\s+\S.*?)?\s*\.?\s*$"
        ))
        .unwrap()
    });
    let caps = crate::stages::captures(&LINE, line)?;
    // "Minutes of X held on ...": X must read as a body's name, as an
    // item title ("Minutes of Previous Meeting To approve ... the annual
    // council meeting held on 13 May 2014") reads the same way.
    if caps
        .name("named_body")
        .is_some_and(|b| !names_body(b.as_str().trim()))
    {
        return None;
    }
    let body = (caps.name("body").or_else(|| caps.name("named_body")))
        .map(|b| b.as_str().trim().to_string());
    Some((body, printed_date(&caps)?))
}

/// Where a meeting was held, between "held" and "on" its date: "in the
/// Council Chamber", "at the Guildhall", "via Zoom", "by video
/// conference", "remotely", "virtually via Microsoft Teams".
const WHERE: &str = r"(?:(?i:remotely|virtually|online) )?(?:(?i:at|in|via|by) .{3,120}? )?";

/// The kind of meeting printed minutes may name before "meeting": "the
/// Annual Meeting", "the Statutory Annual Meeting", "the Annual parish
/// meeting" (a kind, not a body's name).
const KIND: &str = r"(?i:(?:annual|extraordinary|special|ordinary|statutory|general|parish|town|inaugural|adjourned|reconvened)\s+){0,3}";

/// "2nd October, 2019", "21 January 2020", "28-Mar-2018", and month
/// first, "April 8, 2024" (as a site built on US software prints it) ->
/// date.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    static DATE: LazyLock<Regex> = LazyLock::new(|| {
        crate::stages::regex(
            r"^(?:(?P<day>\d{1,2})(?i:st|nd|rd|th|ed|af|ain|il|ydd|fed|eg)?(?:(?:\s+of)?\s+(?P<month>[A-Za-z]+)\.?,?\s+|-(?P<short>[A-Za-z]{3,9})-)|(?P<month_first>[A-Za-z]+)\.?\s+(?P<us_day>\d{1,2})(?i:st|nd|rd|th)?,?\s+)(?P<year>\d{4})$",
        )
        .unwrap()
    });
    let caps = DATE.captures(text.trim())?;
    let month = ["month", "short", "month_first"]
        .iter()
        .find_map(|g| caps.name(g))?;
    let day = caps.name("day").or_else(|| caps.name("us_day"))?;
    NaiveDate::from_ymd_opt(
        caps["year"].parse().ok()?,
        month_number(month.as_str())?,
        day.as_str().parse().ok()?,
    )
}

/// "10.00 am", "2.30pm", "2 p.m.", "14:00", "noon", Welsh "2.00 y.h." -> the
/// time of day.
pub fn clock_time(text: &str) -> Option<NaiveTime> {
    let t = text.trim().to_ascii_lowercase().replace(' ', "");
    if matches!(t.as_str(), "noon" | "12noon" | "midday" | "12midday") {
        return NaiveTime::from_hms_opt(12, 0, 0);
    }
    // Some(true) after noon, Some(false) before it, None on a 24-hour clock.
    let (clock, after_noon) = match t.find(|c: char| c.is_ascii_alphabetic()) {
        Some(at) => {
            let suffix: String = t[at..].chars().filter(char::is_ascii_alphabetic).collect();
            match suffix.as_str() {
                "am" | "yb" => (&t[..at], Some(false)),
                "pm" | "yh" => (&t[..at], Some(true)),
                _ => return None,
            }
        }
        None => (t.as_str(), None),
    };
    let (h, m) = clock.split_once(['.', ':']).unwrap_or((clock, "0"));
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    let hour = match after_noon {
        Some(_) if !(1..=12).contains(&h) => return None,
        Some(true) if h < 12 => h + 12,
        Some(false) if h == 12 => 0,
        _ => h,
    };
    NaiveTime::from_hms_opt(hour, m, 0)
}

/// The time a meeting starts, printed on its date line ("Cabinet -
/// Tuesday, 8th February, 2022 2.00 pm", "... at 10:30", "... 6pm", a
/// 24-hour "... 2022 18.30" ending the line) or on a line of its own under
/// it; after "MOVED TO", the time it moved to.
pub fn time_in(line: &str) -> Option<NaiveTime> {
    static TIME: LazyLock<Regex> = LazyLock::new(|| {
        crate::stages::regex(r"(?i)\b\d{1,2}(?:[.:]\d{2})?\s*(?:[ap]\.?m\b\.?|y\.[bh]\.?)|\b\d{1,2}:\d{2}\b|\b(?:12\s*)?(?:noon|midday)\b|(?:^|\s)\d{1,2}\.\d{2}\s*$").unwrap()
    });
    let from = line.to_ascii_lowercase().rfind("moved to").unwrap_or(0);
    clock_time(TIME.find(&line[from..])?.as_str())
}

/// English and Welsh month names (and common abbreviations).
pub fn month_number(name: &str) -> Option<u32> {
    const MONTHS: [&[&str]; 12] = [
        &["january", "jan", "ionawr"],
        &["february", "feb", "chwefror"],
        &["march", "mar", "mawrth"],
        &["april", "apr", "ebrill"],
        &["may", "mai"],
        &["june", "jun", "mehefin"],
        &["july", "jul", "gorffennaf"],
        &["august", "aug", "awst"],
        &["september", "sep", "sept", "medi"],
        &["october", "oct", "hydref"],
        &["november", "nov", "tachwedd"],
        &["december", "dec", "rhagfyr"],
    ];
    let lower = name.to_lowercase();
    MONTHS
        .iter()
        .position(|names| names.contains(&lower.as_str()))
        .map(|i| i as u32 + 1)
}

/// "Decided at meeting: 26/01/2016 - Cabinet", "Meeting: 26/01/2016 -
/// Cabinet (Item 5)", "Date of decision: 26/01/2016" -> (body, date).
pub fn dated_field(line: &str) -> Option<(Option<String>, NaiveDate)> {
    static FIELD: LazyLock<Regex> = LazyLock::new(|| {
        crate::stages::regex(&format!(r"(?i)^(?:(?:decided|made) at meeting|meeting|cyfarfod|date of decision|decision date|(?:date )?decision made)\s*:\s*{WEEKDAY}{FIELD_DATE}(?:\s*[-–]\s*(?P<body>.+?))?(?:\s*{ENTRY_ITEM}\s+[^)]*\))?\s*$")).unwrap()
    });
    let caps = crate::stages::captures(&FIELD, line)?;
    let body = caps.name("body").map(|m| m.as_str().trim().to_string());
    Some((body, printed_date(&caps)?))
}

/// A date printed on the line under its label: "Date decision made:" over
/// "15 March 2022", "Date:" over "Tuesday, 8th February, 2022".
pub fn date_under_label(label: &str, next: &str) -> Option<NaiveDate> {
    static LABEL: LazyLock<Regex> = LazyLock::new(|| {
        crate::stages::regex(r"(?i)^(?:date(?: of (?:the )?(?:meeting|decision))?|decision date|(?:date )?decision made|meeting date|dyddiad)\s*:?$").unwrap()
    });
    // A label alone: a short line (most lines are out before any regex).
    let label = label.trim();
    if label.len() > 40 || !LABEL.is_match(label) {
        return None;
    }
    bare_date(next).or_else(|| date_line(next))
}

/// "Meeting: 29/09/2021 - Board (Item 2.)" -> "2"; in Welsh, "Cyfarfod:
/// ... (Eitem 2)"; "(Agenda item 2)".
pub fn entry_item_number(line: &str) -> Option<String> {
    static ITEM: LazyLock<Regex> = LazyLock::new(|| {
        crate::stages::regex(&format!(r"(?i){ENTRY_ITEM}\s+([^)]+?)\.?\s*\)\s*$")).unwrap()
    });
    Some(ITEM.captures(line)?[1].to_string())
}

/// The date of an issue page's meeting entry: numeric as ModernGov prints
/// it ("Meeting: 21/10/2021 - Board (Item 63)"), or named as a site's own
/// template may ("Meeting: Tuesday, 12th March, 2024 - Cabinet (Item 7)").
pub fn entry_date() -> String {
    format!("{WEEKDAY}{DATE}")
}

/// What closes an issue page's meeting entry: "(Item 63", "(Agenda item
/// 7", Welsh "(Eitem 2".
pub const ENTRY_ITEM: &str = r"\((?:agenda\s+)?(?:item|eitem)\b";

/// "26/01/2016" -> date (UK day/month order); "26/01/16" is 2016 (a
/// two-digit year from 70 is the 1900s).
pub fn parse_uk_numeric_date(text: &str) -> Option<NaiveDate> {
    let mut parts = text.trim().split('/');
    let day = parts.next()?.parse().ok()?;
    let month = parts.next()?.parse().ok()?;
    let printed = parts.next()?;
    let year: i32 = printed.parse().ok()?;
    let year = match printed.len() {
        4 => year,
        2 if year < 70 => 2000 + year,
        2 => 1900 + year,
        _ => return None,
    };
    NaiveDate::from_ymd_opt(year, month, day)
}

/// A line that is only a date and time, without a weekday ("8 February
/// 2022 2.00 pm", also time first, "4.00pm 1 July 2021", and glued as a
/// PDF's cells come out, "4.00pm1 July 2021"): the meeting's only where
/// something else says so (the body's name above it, [`super::header`]).
pub fn bare_date(line: &str) -> Option<NaiveDate> {
    static LINE: LazyLock<Regex> = LazyLock::new(|| {
        crate::stages::regex(&format!(
            r"^(?:\d{{1,2}}(?:[.:]\d{{2}})?\s*(?i:[ap]\.?m\.?),?\s*)?{DATE}{TIME}{STATUS}\s*$"
        ))
        .unwrap()
    });
    if !line.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    printed_date(&crate::stages::captures(&LINE, line)?)
}

#[cfg(test)]
mod tests;
