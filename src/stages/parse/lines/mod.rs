//! What a line looks like: a title, agenda phrasing, a sentence, a
//! section heading. The segmenter in `items` decides from these shapes.

use std::borrow::Cow;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, Anchored, Input, MatchKind, StartKind};
use regex::Regex;

use super::Tok;
use crate::model::{Attachment, Span};

/// Site navigation that a copied page carries into the item list. The
/// first phrases are chrome only as a whole line; the last ones open a
/// line of boilerplate ("Please note: all Minutes are subject to approval
/// at the next meeting.").
const CHROME_LINES: &[&str] = &[
    "printer friendly version",
    "print this page",
    "email a link",
    "email this page",
    "share this page",
    "index to agendas",
    "browse forward plans",
    "back to top",
    "return to top",
    "skip to main content",
    "skip to content",
    "subscribe to updates",
];
const CHROME_OPENERS: &[&str] = &[
    "please note: all minutes are subject to approval",
    "please note that all minutes are subject to approval",
    // The meeting page's own documents under its items, "Printed minutes
    // 19th-Oct-2023 10.00 Cabinet PDF 201 KB", "Agenda reports pack": the
    // whole record, no item.
    "printed minutes",
    "printed agenda",
    "printed decisions",
    "agenda frontsheet",
    "agenda front sheet",
    "agenda reports pack",
    "public reports pack",
];

/// The site's own phrases, chrome and menu links, in one automaton
/// anchored at the start of a line.
static SITE: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .start_kind(StartKind::Anchored)
        .build(CHROME_LINES.iter().chain(CHROME_OPENERS).chain(MENU_LINKS))
        .expect("literal phrases")
});

/// Which of the site's phrases opens `line`: its index in
/// CHROME_LINES ++ CHROME_OPENERS ++ MENU_LINKS, and whether it is the
/// whole line.
fn site_phrase(line: &str) -> Option<(usize, bool)> {
    let m = SITE.find(Input::new(line).anchored(Anchored::Yes))?;
    Some((m.pattern().as_usize(), m.end() == line.len()))
}

/// Is the line site chrome, not part of the record?
pub fn is_chrome(line: &str) -> bool {
    let openers = CHROME_LINES.len()..CHROME_LINES.len() + CHROME_OPENERS.len();
    site_phrase(line.trim_end_matches(['.', ' ']))
        .is_some_and(|(i, whole)| openers.contains(&i) || whole && i < CHROME_LINES.len())
}

/// The links of a council site's menu, one per line at the top of a saved
/// page. Each may also be an item's title ("Petitions"), so only a run of
/// them is navigation (see [`navigation_end`]).
const MENU_LINKS: &[&str] = &[
    "home",
    "councillors",
    "your councillors",
    "find your councillor",
    "committees",
    "committee structure",
    "calendar",
    "meetings calendar",
    "decisions",
    "forward plans",
    "forward plan",
    "constitution",
    "elections",
    "election results",
    "petitions",
    "e-petitions",
    "search documents",
    "outside bodies",
    "library",
    "document library",
    "what's new",
    "webcasts",
    "mps",
    "meps",
    "parish councils",
    "register of interests",
    "council meetings",
    "meetings",
    "contact us",
    "a-z of services",
    "attendance details",
    "published decisions",
    "cynghorwyr",
    "pwyllgorau",
    "calendr",
    "penderfyniadau",
];

/// Where a site menu at the top of the page ends: a run of at least five
/// short lines with no number, colon or full stop and no page heading
/// (unless a menu link: "Meetings", "Forward Plans"), at least three of
/// them known menu links ("Home", "Councillors"), up to the last link.
/// 0 when the page opens with no such run.
pub fn navigation_end(toks: &[Tok]) -> usize {
    let menu_like = |t: &Tok| {
        t.text.split_whitespace().count() <= 4
            && !t
                .text
                .contains(|c: char| c.is_ascii_digit() || matches!(c, ':' | '.' | '|'))
    };
    let first_link = CHROME_LINES.len() + CHROME_OPENERS.len();
    let is_link =
        |t: &Tok| site_phrase(t.text.trim()).is_some_and(|(i, whole)| whole && i >= first_link);
    let run = toks
        .iter()
        .take_while(|t| menu_like(t) && (is_link(t) || !super::is_page_heading(t.text)))
        .count();
    // The menu ends at its last link: a title below it is the page's. A
    // page heading set apart under the menu is the page's title though a
    // link of the menu reads the same ("What's new").
    let mut links: Vec<usize> = (0..run).filter(|&i| is_link(&toks[i])).collect();
    if let [.., before, last] = links[..]
        && toks[last].gap > 0
        && toks[before].gap == 0
        && super::is_page_heading(toks[last].text)
    {
        links.pop();
    }
    match links.last() {
        Some(&last) if last + 1 >= 5 && links.len() >= 3 => last + 1,
        _ => 0,
    }
}

/// Where the site's links under a meeting page's items start ("Attendance
/// details", "Published decisions", "Browse forward plans"): a run of at
/// least two lines at the page's end, each a link or chrome phrase alone.
/// The number of lines when the page ends with no such run.
pub fn footer_start(toks: &[Tok]) -> usize {
    let run = toks
        .iter()
        .rev()
        .take_while(|t| site_phrase(t.text.trim()).is_some_and(|(_, whole)| whole))
        .count();
    if run >= 2 {
        toks.len() - run
    } else {
        toks.len()
    }
}

/// Where a printed record's closing starts: "The meeting ended at 8.15
/// pm." (or "There being no further business, the meeting closed at ...",
/// Welsh "Daeth y cyfarfod i ben am ...") and the signature lines under it
/// ("Chair", "Signed ........", "Date ........"). They close the meeting,
/// not its last item, whose minutes would otherwise end mid-sentence in
/// "Chair" and read as cut off. Signature lines with no closing sentence
/// above count only when filled in by hand (dots, underscores) or signed.
/// The number of lines when the page ends with neither.
pub fn closing_start(toks: &[Tok]) -> usize {
    static CLOSED: LazyLock<Regex> = LazyLock::new(|| {
        crate::stages::regex(r"(?i)^\(?(?:(?:there being no (?:other|further) business|this (?:being|concluded) (?:all )?the business(?: of the meeting)?),?\s+)?(?:the\s+)?(?:meeting|committee|sub-committee|council|board|cabinet|panel|chair(?:man|person)?|mayor|convener|provost)\s+(?:was\s+|then\s+)?(?:ended|closed|concluded|finished|terminated|rose|adjourned)\b(?:\s+the\s+meeting)?\s+at\s+\d{1,2}(?:[.:]\d{2})?\s*(?:[ap]\.?\s?m\b\.?|hours|hrs)?\s*\.?\)?\.?$|^(?i:daeth y cyfarfod i ben am)\b").unwrap()
    });
    let signatures = toks
        .iter()
        .rev()
        .take_while(|t| signature(t.text).is_some())
        .count();
    let above = toks.len() - signatures;
    if above > 0 && CLOSED.is_match(toks[above - 1].text.trim()) {
        return above - 1;
    }
    let signed = toks[above..]
        .iter()
        .any(|t| signature(t.text) == Some(true));
    if signed { above } else { toks.len() }
}

/// A signature line under printed minutes: `Some(true)` when it is
/// filled in by hand or signed ("Chairman ..........", "Signed", "Date
/// ____"), `Some(false)` for a bare office ("Chair"), `None` for other
/// text.
fn signature(text: &str) -> Option<bool> {
    const OFFICES: [&str; 11] = [
        "chair",
        "chairman",
        "chairperson",
        "chairwoman",
        "mayor",
        "lord mayor",
        "provost",
        "convener",
        "cadeirydd",
        "chair of the meeting",
        "date",
    ];
    let blank = |c: char| matches!(c, '.' | '_' | '…' | ' ' | ':');
    let filled = text.trim_end_matches(blank).len() + 2 < text.len();
    let words = (text.trim_matches(blank))
        .trim_start_matches('(')
        .trim_end_matches(')');
    let (signed, office) = match super::people::strip_prefix_ignore_case(words, "signed") {
        Some(rest) => (true, rest.trim_matches(blank)),
        None => (false, words),
    };
    let known = office.is_empty() || OFFICES.iter().any(|o| office.eq_ignore_ascii_case(o));
    known.then_some(signed || filled || office.eq_ignore_ascii_case("date"))
}

/// "pdf icon PDF 168 KB", "pdf eicon PDF 322 KB", "PDF 55 KB", "docx icon
/// DOCX 45 KB", "(PDF 168 KB)".
pub static ATTACHMENT: LazyLock<Marker> = LazyLock::new(|| {
    Marker {
    regex: crate::stages::regex(r"(?i)\s*[(\[]?(?:\b(?:pdf|word|excel|powerpoint|html|docx?|xlsx?|pptx?|rtf|odt)\s+e?icon\s+)?\b(PDF|DOCX?|XLSX?|PPTX?|RTF|ODT|HTML?)\s+([\d.,]+\s*(?-u:[KMG]B))\b[)\]]?").unwrap(),
}
});

/// The attachment-marker regex behind a check for the size unit every
/// marker holds ("KB", "MB", "GB", in any case). The regex begins with
/// `\s*`, so its engine has no literal to look for first: without the
/// check it would run over every line (most hold no marker).
pub struct Marker {
    regex: Regex,
}

impl Marker {
    fn may_match(text: &str) -> bool {
        let b = text.as_bytes();
        memchr::memchr2_iter(b'b', b'B', b)
            .any(|i| i > 0 && matches!(b[i - 1] | 0x20, b'k' | b'm' | b'g'))
    }

    pub fn is_match(&self, text: &str) -> bool {
        Self::may_match(text) && self.regex.is_match(text)
    }

    pub fn find<'t>(&self, text: &'t str) -> Option<regex::Match<'t>> {
        Self::may_match(text)
            .then(|| self.regex.find(text))
            .flatten()
    }

    pub fn captures<'t>(&self, text: &'t str) -> Option<regex::Captures<'t>> {
        Self::may_match(text)
            .then(|| self.regex.captures(text))
            .flatten()
    }
}

/// An attachment as printed: "Report pdf icon PDF 168 KB".
pub fn attachment_row(title: Option<&str>, format: &str, size: &str, line: u32) -> Attachment {
    Attachment {
        title: title.map(str::to_string),
        format: format.to_uppercase(),
        size_text: size.to_string(),
        size_bytes: size_in_bytes(size),
        url: None,
        published: None,
        restricted: false,
        span: Span::line(line),
    }
}

/// "168 KB" -> 172032; "1.2 MB" -> 1258291 (approximate, as printed).
fn size_in_bytes(size: &str) -> Option<u64> {
    let size = size.trim();
    let split = size.find(|c: char| c.is_ascii_alphabetic())?;
    let value: f64 = size[..split].trim().replace(',', "").parse().ok()?;
    let unit = match size[split..].trim().to_uppercase().as_str() {
        "KB" => 1024.0,
        "MB" => 1024.0 * 1024.0,
        "GB" => 1024.0 * 1024.0 * 1024.0,
        _ => return None,
    };
    Some((value * unit).round() as u64)
}

/// "Exempt item: ...", "Part II - Land at ...", "Confidential minutes":
/// a title that says the item is exempt business. The item deciding to
/// exclude the public ("Exclusion of the press and public") is public, as
/// is one deciding which items are taken in private: "To confirm that the
/// items of business marked Part 2 be considered in private" names other
/// items before the exempt words, "Determination of exempt business" (a
/// Scottish council's standing item) says it decides.
pub fn is_exempt_title(title: &str) -> bool {
    static EXEMPT: LazyLock<Regex> = LazyLock::new(|| {
        crate::stages::regex(
            r"(?i)\b(?:exempt|confidential|part (?:ii|2)|not for publication|private (?:item|business|session))\b",
        )
        .unwrap()
    });
    static EXCLUSION: LazyLock<Regex> =
        LazyLock::new(|| crate::stages::regex(r"(?i)\bexclu(?:sion|ded?|ding)\b").unwrap());
    static OTHER_ITEMS: LazyLock<Regex> = LazyLock::new(|| {
        crate::stages::regex(r"(?i)\b(?:items|matters|determin(?:e|es|ing|ation))\b").unwrap()
    });
    EXEMPT
        .find(title)
        .is_some_and(|m| !OTHER_ITEMS.is_match(&title[..m.start()]))
        && !EXCLUSION.is_match(title)
}

/// On a single-item page the line right under the heading is the title,
/// unless a wider gap or a long sentence says the title was left out; a
/// title past 30 words reads as one ([`long_title`]: "Minutes of the
/// meetings held on: 23 November 2021; 7 December 2021; ...").
pub fn single_page_title(t: Tok) -> bool {
    let words = t.text.split_whitespace().count();
    t.gap <= 1 && (words <= 30 && !(t.text.ends_with('.') && words > 15) || long_title(t.text))
}

/// Could this line be an item title? Titles are short, do not read as a
/// sentence, and are not bullets or bracketed notes.
pub fn title_like(text: &str) -> bool {
    // Removing a marker takes at most five words ("pdf icon PDF 168 KB"),
    // so a line of more than 35 is no title: most body lines stop here,
    // before any regex.
    if text.split_whitespace().nth(35).is_some() {
        return false;
    }
    let marker = ATTACHMENT.find(text);
    let has_marker = marker.is_some();
    let text = match marker {
        Some(m) => Cow::Owned(format!("{}{}", &text[..m.start()], &text[m.end()..])),
        None => Cow::Borrowed(text),
    };
    let text = text.trim();
    let words = text.split_whitespace().count();
    let first = text.chars().next().unwrap_or(' ');
    // ModernGov attaches the report marker to the title line, so a line
    // carrying one is a title whatever its phrasing.
    let reads_as_title = has_marker
        || (!text.ends_with([',', ';', ':'])
            // "Agreed unanimously.", "Noted.": a terse outcome, no title.
            && (!text.ends_with('.')
                || words <= 8 && !is_sentence(text) && !super::decisions::is_outcome(text))
            && (words <= 12 || !is_sentence(text))
            && !is_agenda_phrase(text));
    (1..=30).contains(&words)
        && (first.is_uppercase() || first.is_ascii_digit())
        && !text.starts_with(crate::stages::clean::BULLET)
        && reads_as_title
        && !reports_presence(text)
}

/// "District Cllrs Burley and Cawrey were present", "No members of the
/// public were in attendance": a sentence on who came, printed without
/// its full stop under a list of those present, is no title.
pub fn reports_presence(text: &str) -> bool {
    presence_subject(text).is_some()
}

/// "District Cllrs Burley and Cawrey were present" -> ("District Cllrs
/// Burley and Cawrey", true); "... were absent" -> (..., false): who a
/// sentence on attendance names, and whether they came.
pub fn presence_subject(text: &str) -> Option<(&str, bool)> {
    const ENDINGS: [(&str, bool); 6] = [
        (" were present", true),
        (" was present", true),
        (" were in attendance", true),
        (" was in attendance", true),
        (" were absent", false),
        (" was absent", false),
    ];
    let text = text.trim_end_matches(['.', ' ']);
    ENDINGS.iter().find_map(|&(end, came)| {
        let cut = text.len().checked_sub(end.len()).filter(|&cut| cut > 0)?;
        (text.is_char_boundary(cut) && text[cut..].eq_ignore_ascii_case(end))
            .then(|| (&text[..cut], came))
    })
}

/// A title too long for [`title_like`], as some agendas print the
/// item's full wording: at most 35 words, open and unfinished (no stop,
/// comma or colon at the end), most longer words capitalised (numbers,
/// such as the years of a list of dates, count neither way).
pub fn long_title(text: &str) -> bool {
    let text = text.trim_end();
    let long_words = || {
        text.split_whitespace()
            .filter(|w| w.len() >= 4 && w.starts_with(char::is_alphabetic))
    };
    let capitalised = long_words()
        .filter(|w| w.starts_with(|c: char| c.is_uppercase()))
        .count();
    text.split_whitespace().nth(35).is_none()
        && text.starts_with(|c: char| c.is_uppercase())
        && !text.ends_with(['.', ',', ';', ':'])
        && !is_agenda_phrase(text)
        && capitalised * 5 > long_words().count() * 3
}

/// Agenda text phrasing: "To receive ...", "To approve ...".
pub fn is_agenda_phrase(text: &str) -> bool {
    static AGENDA: LazyLock<Regex> = LazyLock::new(|| {
        crate::stages::regex(r"^(?:To|I|Derbyn)\s+(?:receive|consider|approve|note|confirm|agree|answer|elect|appoint|determine|discuss|review|read|ddatgan|gadarnhau)\b|^(?:Report|Adroddiad)\s+(?:of|by|gan)\b").unwrap()
    });
    AGENDA.is_match(text)
}

/// A short line ending in a full stop is a sentence if it has a verb-ish
/// word: "None." and "Apologies for absence." are titles or bodies by
/// context, "No apologies were received." is a sentence.
pub fn is_sentence(text: &str) -> bool {
    static VERB: LazyLock<Regex> = LazyLock::new(|| {
        crate::stages::regex(
            r"(?i:\b(?:was|were|is|are|had|has|have|be|been|did|made)\b)|\b[a-z][a-z]+ed\b",
        )
        .unwrap()
    });
    VERB.is_match(text) || text.eq_ignore_ascii_case("none.")
}

/// Does a line end a sentence (so what follows may start something new)?
pub fn ends_sentence(text: &str) -> bool {
    text.trim_end()
        .ends_with(['.', '!', '?', ':', ';', ')', '"', '’', '”'])
}

/// An agenda description printed without its full stop ("Members to
/// declare any interests they have in the business to be considered at
/// the meeting") over a line that opens in capitals: the line ends a
/// sentence unless its last word needs more ("... it was", "... held
/// on").
pub fn ends_phrase(text: &str, next: &str) -> bool {
    const NEEDS_MORE: [&str; 36] = [
        "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "with",
        "from", "as", "into", "than", "that", "which", "who", "whom", "was", "were", "is", "are",
        "be", "been", "being", "it", "its", "their", "his", "her", "this", "not",
    ];
    if ends_sentence(text) {
        return true;
    }
    let last = text.trim_end().rsplit(' ').next().unwrap_or_default();
    last.ends_with(|c: char| c.is_alphanumeric())
        && !NEEDS_MORE.iter().any(|w| w.eq_ignore_ascii_case(last))
        && next.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
}

/// Headings that group items ("PART I", "Reports to Council") and are not
/// items themselves.
pub fn is_section_heading(text: &str) -> bool {
    static SECTION: LazyLock<Regex> = LazyLock::new(|| {
        crate::stages::regex(concat!(
            r"(?i)^(?:part\s+(?:[ivx]+|\d+|one|two|a|b)\b[^.]{0,80}",
            r"|(?:specific |other |urgent )?agenda items",
            r"|reports? (?:to|for) (?:council|cabinet|the committee|decision|information|noting)",
            r"|(?:councillor |members'? |notices of )?motions",
            r"|items? (?:for|to be considered|considered) [^.]{0,80}",
            r"|(?:open|closed|public|private|exempt|confidential) (?:session|business|items))\s*:?$"
        ))
        .unwrap()
    });
    SECTION.is_match(text)
}

/// The first line of a markdown table row holds the title, then (on the
/// same line) any attachment marker and the start of the agenda text:
/// "Declarations of Interest PDF 55 KB To receive any declarations ...".
/// A row that holds nothing else (`alone`) is all title.
pub fn split_row_head(t: Tok, alone: bool) -> (Option<Tok>, Option<Tok>) {
    static AGENDA_START: LazyLock<Regex> = LazyLock::new(|| {
        crate::stages::regex(r"\s(?:To\s+(?:receive|consider|approve|note|confirm|agree|answer|elect|appoint|determine|discuss|review|read)\b|Report\s+(?:of|by)\b|That\s|['‘“])").unwrap()
    });
    static SENTENCE_START: LazyLock<Regex> = LazyLock::new(|| {
        crate::stages::regex(r"\s(?:\d+(?:\.\d+)?%|(?:Has|Have|Is|Are|Does|Do|Will|Would|Can|Could|What|When|Why|How|Given|Following|Further)\s)").unwrap()
    });
    let text = t.text;
    let words = text.split_whitespace().count();
    // A question or motion run on after a long title starts a sentence.
    let sentence_start = SENTENCE_START
        .find(text)
        .filter(|_| words > 12)
        .map(|m| m.start());
    if alone && words <= 30 && sentence_start.is_none() {
        return (Some(t), None);
    }
    // "Report by Leader of the Council" heads a row as a title; only a
    // "To ..." phrase says the title is missing.
    let to_phrase = is_agenda_phrase(text) && !text.starts_with("Report");
    if to_phrase || !text.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) {
        return (None, Some(t));
    }
    let marker_end = ATTACHMENT.find(text).map(|m| m.end());
    let agenda_start = AGENDA_START
        .find(text)
        .map(|m| m.start())
        .or(sentence_start);
    let cut = match (marker_end, agenda_start) {
        (Some(m), _) => Some(m),
        (None, Some(a)) => Some(a),
        (None, None) => None,
    };
    let Some(cut) = cut.filter(|&c| c < text.len()) else {
        return (Some(t), None);
    };
    let rest = text[cut..].trim();
    let title = Tok {
        text: text[..cut].trim(),
        ..t
    };
    let rest = (!rest.is_empty()).then_some(Tok {
        text: rest,
        gap: 0,
        row: false,
        ..t
    });
    (Some(title), rest)
}

#[cfg(test)]
mod tests;
