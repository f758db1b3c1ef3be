//! Item numbers: a line holding only one ("1836.", "Minute 3"), or one
//! before its title on the same line ("7. Title", "(7) Title"), and the
//! order numbers rise in through a page.

use std::sync::LazyLock;

use regex::Regex;

use super::Tok;
use super::lines::{ends_sentence, is_section_heading, long_title, title_like};

/// "1836." "4a" "4.a" "5.1" "1/16" "39/20", "CAB/101/22", "PC 61", "O&S 12",
/// "Minute 3": a
/// line holding only an item number, bare, after the body's minute prefix
/// (part of the number) or after "Item", "Minute No.", "Min.", "No." or
/// Welsh "Cofnod" (not part of it). An asterisk before it ("*85": the item
/// was decided under delegated powers, not open to call-in) is part of the
/// number as displayed.
pub static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    crate::stages::regex(r"^(?:(?i:item|eitem|min(?:ute|\.)?(?:\s+no\.?)?|no\.|cofnod)\s*)?(\*?(?:[A-Z](?:&?[A-Z]){0,4}\s?[/.]?\s?)?(?:\d{1,4}(?:\.?[a-z]|\.\d{1,2}[a-z]?|\([a-z]\))?|\d{1,4}/\d{2,4}(?:\([a-z]\))?))\.?$")
        .unwrap()
});

/// "(3)", "3)", "III.", "(iii)": an item number alone on its line in a
/// style [`NUMBER`] leaves out, as it is also how clauses and lists are
/// numbered. The groups: digits, or a roman numeral.
static OTHER_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    crate::stages::regex(r"^\(?(?:(\d{1,4}[a-z]?)\)|([IVXL]{1,7}|[ivxl]{1,7})[.)])$").unwrap()
});

/// The lines that hold only an item number, with the number as printed.
/// A page numbers its items in one style: [`NUMBER`]'s, or else one of
/// [`OTHER_NUMBER`]'s ("(1)", "II."), which count only where two or more
/// in turn each stand over a title, as a clause list ("(1)" over "the
/// plan be approved;") does not.
pub fn number_lines<'a>(toks: &[Tok<'a>]) -> Vec<(usize, &'a str)> {
    // Every such line is short: most lines are out before the regex.
    let found: Vec<(usize, &str)> = (toks.iter().enumerate())
        .filter(|(_, t)| t.text.len() <= 32)
        .filter_map(|(i, t)| Some((i, NUMBER.captures(t.text)?.get(1)?.as_str())))
        .collect();
    if !found.is_empty() {
        return found;
    }
    // The short-line regex first: the title check is the dearer one.
    let other: Vec<(usize, &str)> = (toks.iter().enumerate())
        .filter(|(_, t)| t.text.len() <= 8)
        .filter_map(|(i, t)| {
            let caps = OTHER_NUMBER.captures(t.text)?;
            Some((i, caps.get(1).or(caps.get(2))?.as_str()))
        })
        .filter(|&(i, _)| toks.get(i + 1).is_some_and(|t| title_like(t.text)))
        .collect();
    let ranked = ranks(&other.iter().map(|&(_, n)| n).collect::<Vec<_>>());
    (0..other.len())
        .filter(|&k| {
            (k > 0 && next_in_turn(ranked[k - 1], ranked[k]))
                || ranked
                    .get(k + 1)
                    .is_some_and(|&r| next_in_turn(ranked[k], r))
        })
        .map(|k| other[k])
        .collect()
}

/// "• 4 - APPOINTMENT OF VICE-CHAIRMAN", "4. Minutes", "61 DECLARATIONS
/// OF INTEREST", "CAB/101/22 Revenue Budget", "Item 1 Declarations",
/// "Minute No. 12 Apologies": number and title on one line, as legacy
/// agendas and printed minutes print them ("7. Title", "7 - Title", "7)
/// Title", "(7) Title", "7: Title", "Agenda Item 7 - Title").
/// The groups: the number, its prefix, its value, a separator, the title.
static INLINE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    crate::stages::regex(r"^(?:•\s*)?(?P<word>(?i:(?:agenda\s+)?item|minute|min\.|eitem|cofnod)(?:\s+(?i:no)\.?)?\s+)?(?P<open>\()?(?P<number>\*?(?P<prefix>[A-Z](?:&?[A-Z]){0,4}\s?[/.]?\s?)?(?P<value>\d{1,4})(?P<letter>[a-z])?(?P<year>/\d{2,4}(?:\([a-z]\))?)?)(?P<sep>\.|\)|:|\s+[-–:]|)\s+(?P<title>\S.*)$").unwrap()
});

/// "7. Budget Report" -> ("7", "Budget Report"): a number set off by a
/// dot or a dash before a title.
pub fn numbered_title(text: &str) -> Option<(&str, &str)> {
    let caps = crate::stages::captures(&INLINE_NUMBER, text)?;
    let (number, title) = (caps.name("number")?, caps.name("title")?);
    (!caps["sep"].is_empty() && caps.name("word").is_none())
        .then(|| (number.as_str(), title.as_str()))
}

/// Does an inline number stand out as an item's? After a bare space it
/// must: "Item", a minute prefix or year, a title in capitals, or a
/// section label on the `next` line ("1 Apologies" over "Minutes:"), as
/// "12 Members voted for the motion" is prose. Unmarked numbers count
/// too in a run of three numbered in turn ([`inline_numbered`]).
/// Does `toks[i]` stand right over a section label line?
fn over_label(toks: &[Tok], i: usize) -> bool {
    toks.get(i + 1).is_some_and(|n| is_label_line(n.text))
}

fn stands_out(caps: &regex::Captures, next: Option<&Tok>) -> bool {
    !caps["sep"].is_empty()
        || caps.name("word").is_some()
        || caps.name("prefix").is_some()
        || caps.name("year").is_some()
        || !caps["title"].chars().any(char::is_lowercase)
        || next.is_some_and(|n| is_label_line(n.text))
}

/// A line that is a section label alone, as "Minutes:", "Decision:" or
/// "Additional documents:" print: a few words and a colon.
fn is_label_line(text: &str) -> bool {
    let text = text.trim_end();
    text.len() <= 30
        && text.ends_with(':')
        && text.starts_with(|c: char| c.is_uppercase())
        && !text.contains(|c: char| c.is_ascii_digit())
        && text.split_whitespace().count() <= 3
}

/// The inline-numbered lines that open items: title-like text after a
/// number that rises through the page, so numbered lists inside minutes
/// (which restart at 1) are not taken for items. A number that does not
/// stand out is kept in a run of three or more numbered in turn ("137
/// Apologies", "138 Appointment of Substitutes", "139 Minutes"): such a
/// run of titles is an agenda, not prose.
pub fn inline_numbered(toks: &[Tok]) -> Vec<usize> {
    // (token, its number, stands out, a long title)
    let mut lines: Vec<(usize, &str, bool, bool)> = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        // "PART 1 - PUBLIC" heads a group of items, and "10 NOVEMBER
        // 2011" dates the page: neither is an item.
        let Some(caps) = crate::stages::captures(&INLINE_NUMBER, t.text)
            .filter(|_| !is_section_heading(t.text) && super::dates::bare_date(t.text).is_none())
        else {
            continue;
        };
        // Not a title by its words, as "To confirm that the items of
        // business marked Part 2 be taken in private" reads: still one
        // over its section label ("Minutes:"), which no numbered
        // paragraph of minutes stands over.
        let long = !title_like(&caps["title"]);
        if long && !long_title(&caps["title"]) && !over_label(toks, i) {
            continue;
        }
        let number = caps.name("number").map_or("", |n| n.as_str());
        lines.push((i, number, stands_out(&caps, toks.get(i + 1)), long));
    }
    let ranked = ranks(&lines.iter().map(|l| l.1).collect::<Vec<_>>());
    let lines: Vec<(usize, u32, bool, bool)> = (lines.iter().zip(ranked))
        .map(|(&(i, _, marked, long), value)| (i, value, marked, long))
        .collect();
    // Runs of lines numbered in turn, or with one number missing between
    // two (an item withdrawn, or its line lost: "2", "3", "5", "6"); a
    // run of three or more is an agenda.
    let mut in_long_run = vec![false; lines.len()];
    let mut start = 0;
    for k in 1..=lines.len() {
        if k == lines.len() || !nearly_in_turn(lines[k - 1].1, lines[k].1) {
            if k - start >= 3 {
                in_long_run[start..k].fill(true);
            }
            start = k;
        }
    }
    let mut last = 0;
    let mut found = Vec::new();
    for (k, &(i, value, marked, long)) in lines.iter().enumerate() {
        // A long title is taken only as the item next in turn after one
        // found, with its number set off or in a run of numbers in turn:
        // "(3) Special Announcements from the Mayor, ... who the Mayor has
        // agreed may make an Announcement" (or "3 Special ..." after "1
        // Minutes" and "2 Declarations").
        let fits =
            !long || (marked || in_long_run[k]) && !found.is_empty() && next_in_turn(last, value);
        if value > last && (marked || in_long_run[k]) && fits {
            last = value;
            found.push(i);
        }
    }
    // One numbered line alone is an item only over its section label
    // ("(113) Disclosures of Interest" over "Decision:"), as a page of one
    // item prints it; a lone "1. ..." elsewhere may be a list in prose.
    match found[..] {
        [_, _, ..] => found,
        [i] if over_label(toks, i) => found,
        _ => Vec::new(),
    }
}

/// An item number's place in the page's order: its first digits times 32,
/// plus its letter ("4a" after "4"): "382." -> 382 * 32, "4b" -> 4 * 32 + 2;
/// a roman numeral by its value ("IV" -> 4 * 32).
pub fn rank(number: &str) -> u32 {
    let Some(start) = number.find(|c: char| c.is_ascii_digit()) else {
        return roman(number).map_or(0, |value| value * 32);
    };
    let digits = &number[start..];
    let end = digits
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(digits.len());
    // "4b", "4.b", or a letter in brackets at the end: "47/24(b)".
    let bracketed = (number.strip_suffix(')'))
        .and_then(|n| n.rsplit_once('('))
        .and_then(|(_, inside)| (inside.len() == 1).then(|| inside.as_bytes()[0]));
    let after = &digits[end..];
    let letter = (after.strip_prefix('.').unwrap_or(after).bytes().next())
        .filter(u8::is_ascii_lowercase)
        .or(bracketed.filter(u8::is_ascii_lowercase))
        .map_or(0, |l| u32::from(l - b'a') + 1);
    // "3.1", "3.2": a decimal part ranks its sub-item after "3", as a
    // letter does.
    let decimal = (digits[end..].strip_prefix('.'))
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|part| part.parse::<u32>().ok())
        .map_or(0, |part| part.min(31));
    digits[..end].parse::<u32>().unwrap_or(0) * 32 + letter.max(decimal)
}

/// "XIV" -> 14, "iv" -> 4: a roman numeral's value (a smaller digit
/// before a larger one is taken from it).
fn roman(numeral: &str) -> Option<u32> {
    let digits: Option<Vec<u32>> = (numeral.bytes())
        .map(|b| match b.to_ascii_uppercase() {
            b'I' => Some(1),
            b'V' => Some(5),
            b'X' => Some(10),
            b'L' => Some(50),
            _ => None,
        })
        .collect();
    let digits = digits.filter(|d| !d.is_empty())?;
    Some((digits.iter().enumerate()).fold(0, |value, (i, &d)| {
        if digits.get(i + 1).is_some_and(|&next| next > d) {
            value - d
        } else {
            value + d
        }
    }))
}

/// The [`rank`] of each of a page's item numbers, in order. Where the
/// numbers with two digit groups between slashes all open with the same
/// one ("PL/24/31", "PL/24/32": the year, then the item), the last group
/// is the item's; otherwise the first is ("39/20", "40/20": the item, then
/// the year). Where a page's numbers open with one capital letter each,
/// and not all the same one ("A1", "A2", "B1": part A's items, then part
/// B's), the letter is the section and ranks first.
pub fn ranks(numbers: &[&str]) -> Vec<u32> {
    let slashed: Vec<(&str, &str)> = numbers.iter().filter_map(|n| slash_groups(n)).collect();
    let year_first = slashed.len() >= 2
        && slashed.iter().all(|(first, _)| *first == slashed[0].0)
        && slashed.iter().any(|(_, last)| *last != slashed[0].1);
    let sections: Option<Vec<u8>> = numbers.iter().map(|n| section_letter(n)).collect();
    let sectioned = sections.is_some_and(|s| s.iter().any(|&l| l != s[0]));
    numbers
        .iter()
        .map(|n| match slash_groups(n) {
            Some((_, last)) if year_first => rank(last),
            _ if sectioned => u32::from(n.as_bytes()[0] - b'A') * SECTION + rank(n),
            _ => rank(n),
        })
        .collect()
}

/// The rank step between a page's lettered sections: above any item's
/// [`rank`] (at most 9 999 * 32 + 26).
const SECTION: u32 = 1 << 19;

/// "B12" -> b'B': a number that is one capital letter, then its digits.
fn section_letter(n: &str) -> Option<u8> {
    let (&letter, digits) = n.as_bytes().split_first()?;
    (letter.is_ascii_uppercase() && digits.first().is_some_and(u8::is_ascii_digit))
        .then_some(letter)
}

/// "PL/24/31" -> ("24", "31"): the first digit group of a number and its
/// tail from the last group on, when a slash parts them.
fn slash_groups(n: &str) -> Option<(&str, &str)> {
    let first = n.find(|c: char| c.is_ascii_digit())?;
    let first_end = n[first..]
        .find(|c: char| !c.is_ascii_digit())
        .map_or(n.len(), |e| first + e);
    let last = first_end + n[first_end..].rfind('/')? + 1;
    n[last..]
        .starts_with(|c: char| c.is_ascii_digit())
        .then(|| (&n[first..first_end], &n[last..]))
}

/// Does the number ranked `b` come next after `a`: "4" -> "5", "4" ->
/// "4a", "4a" -> "4b", "4b" -> "5", and a section's last to the next
/// section's first ("A2" -> "B1")?
pub fn next_in_turn(a: u32, b: u32) -> bool {
    b == a + 1
        || (b % 32 <= 1 && b / 32 == a / 32 + 1)
        || (b / SECTION == a / SECTION + 1 && b % SECTION == 32)
}

/// Is the number ranked `b` next after `a`, or next but one ("3" ->
/// "5")?
fn nearly_in_turn(a: u32, b: u32) -> bool {
    next_in_turn(a, b) || (b % 32 <= 1 && b / 32 == a / 32 + 2)
}

/// Inline-numbered item lines are split into a number token and a title
/// token, so one segmenter serves both. On a page with standalone number
/// lines too, only those that go on in turn with them are ("1. Apologies"
/// over "3.1" alone on its line over "23/01111/FUL ...").
pub fn split_inline_numbers<'a>(toks: &[Tok<'a>]) -> Vec<Tok<'a>> {
    let mut inline = inline_numbered(toks);
    if inline.is_empty() {
        return toks.to_vec();
    }
    let lone = lone_numbers(toks, &inline);
    if !lone.is_empty() {
        inline = in_turn_with(toks, &inline, &lone);
        if inline.is_empty() {
            return toks.to_vec();
        }
    }
    let mut out = Vec::with_capacity(toks.len() + inline.len());
    for (i, &t) in toks.iter().enumerate() {
        match INLINE_NUMBER
            .captures(t.text)
            .filter(|_| inline.contains(&i))
        {
            Some(caps) => {
                let number = caps.name("number").expect("group");
                let title = caps.name("title").expect("group");
                out.push(Tok {
                    text: number.as_str(),
                    gap: t.gap.max(1),
                    ..t
                });
                out.push(Tok {
                    text: title.as_str(),
                    gap: 0,
                    ..t
                });
            }
            None => out.push(t),
        }
    }
    out
}

/// The number lines among inline-numbered ones: set apart from the text
/// above, or in turn with the number before or after ("3. Planning
/// Applications" over "3.1" on a page without blank lines). A page number
/// run into the text, out of turn ("Development Committee" over "1" over
/// "10 November 2011" between items 141 and 142, a printed page's running
/// footer), is none.
fn lone_numbers(toks: &[Tok], inline: &[usize]) -> Vec<usize> {
    let candidates: Vec<usize> = (toks.iter().enumerate())
        .filter(|(_, t)| NUMBER.is_match(t.text))
        .map(|(i, _)| i)
        .collect();
    let (lines, ranked) = in_page_order(toks, inline, &candidates);
    (0..lines.len())
        .filter(|&k| {
            let (i, _, alone) = lines[k];
            alone
                && (set_apart(toks, i)
                    || k.checked_sub(1)
                        .is_some_and(|b| next_in_turn(ranked[b], ranked[k]))
                    || ranked
                        .get(k + 1)
                        .is_some_and(|&a| next_in_turn(ranked[k], a)))
        })
        .map(|k| lines[k].0)
        .collect()
}

/// The `inline`-numbered lines and the `lone` number lines in page order,
/// each as (token, its number as printed, whether it stands alone), and
/// their numbers' ranks.
fn in_page_order<'a>(
    toks: &[Tok<'a>],
    inline: &[usize],
    lone: &[usize],
) -> (Vec<(usize, &'a str, bool)>, Vec<u32>) {
    let mut lines: Vec<(usize, &str, bool)> = (inline.iter())
        .filter_map(|&i| {
            let caps = crate::stages::captures(&INLINE_NUMBER, toks[i].text)?;
            Some((i, caps.name("number")?.as_str(), false))
        })
        .chain(lone.iter().filter_map(|&i| {
            let caps = crate::stages::captures(&NUMBER, toks[i].text)?;
            Some((i, caps.get(1)?.as_str(), true))
        }))
        .collect();
    lines.sort_unstable_by_key(|l| l.0);
    let ranked = ranks(&lines.iter().map(|l| l.1).collect::<Vec<_>>());
    (lines, ranked)
}

/// Is the line at `i` set apart from the text before it, by a blank line,
/// a table row or a finished sentence, as a number line stands?
pub fn set_apart(toks: &[Tok], i: usize) -> bool {
    let t = toks[i];
    i == 0 || t.gap > 0 || t.row || ends_sentence(toks[i - 1].text)
}

/// The inline-numbered lines that go on in turn with the number lines, in
/// page order: after one, the next number ("14" alone, "15" alone, "16.
/// Appeals update"); above the first, those counting up to it ("1.
/// Apologies", "2. ...", "3. ..." over "3.1" alone). A list in an item's
/// minutes ("4) Councillors ..." under "113") counts from elsewhere.
fn in_turn_with(toks: &[Tok], inline: &[usize], lone: &[usize]) -> Vec<usize> {
    let (lines, ranked) = in_page_order(toks, inline, lone);
    let first_lone = lines.iter().position(|l| l.2).unwrap_or(lines.len());
    let mut keep = vec![false; lines.len()];
    let mut next = ranked.get(first_lone).copied();
    for k in (0..first_lone).rev() {
        if next.is_some_and(|n| next_in_turn(ranked[k], n)) {
            keep[k] = true;
            next = Some(ranked[k]);
        }
    }
    let mut last = None;
    for k in first_lone..lines.len() {
        if lines[k].2 {
            last = Some(ranked[k]);
        } else if last.is_some_and(|l| next_in_turn(l, ranked[k])) {
            keep[k] = true;
            last = Some(ranked[k]);
        }
    }
    (0..lines.len())
        .filter(|&k| keep[k])
        .map(|k| lines[k].0)
        .collect()
}

#[cfg(test)]
mod tests;
