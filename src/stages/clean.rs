//! clean: text -> normalised lines that still know where they came from.
//!
//! Each non-blank source line becomes one [`Line`]: NO-BREAK and other
//! exotic spaces become plain spaces, invisible characters go, the ends are
//! trimmed (the indent is kept as a number) and bullet markers (`·`, `o`,
//! ...) become one canonical `•`. Blank lines are not kept as lines but
//! counted in `blank_before`, because the size of a gap is a structural cue
//! on pages without item numbers or labels. The cleaned text keeps one empty
//! line per gap, so any run of lines is one substring of it.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::Warning;

/// One non-blank line of the cleaned text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    /// Byte range of the line in [`Cleaned::text`].
    pub start: usize,
    pub end: usize,
    /// 1-based line number in the source file.
    pub source_line: u32,
    /// Blank source lines directly above this one.
    pub blank_before: u32,
    /// Leading spaces in the source line.
    pub indent: u32,
}

#[derive(Debug, Clone)]
pub struct Cleaned {
    pub text: String,
    pub lines: Vec<Line>,
    /// Personal contact data removed: (source line, what was removed).
    pub redactions: Vec<(u32, &'static str)>,
}

impl Cleaned {
    pub fn line(&self, index: usize) -> &str {
        let l = &self.lines[index];
        &self.text[l.start..l.end]
    }

    /// Gives every line the source line it was rendered from, when the
    /// text is a rendering (HTML -> text): `map[i]` is the source line of
    /// text line `i + 1`.
    pub fn relocate(&mut self, map: &[u32]) {
        let source = |line: u32| map.get(line as usize - 1).copied().unwrap_or(line);
        for l in &mut self.lines {
            l.source_line = source(l.source_line);
        }
        for (line, _) in &mut self.redactions {
            *line = source(*line);
        }
    }

    /// One `personal_data_removed` notice per removal.
    pub fn redaction_warnings(&self) -> impl Iterator<Item = Warning> + '_ {
        self.redactions.iter().map(|&(line, kind)| Warning {
            line: Some(line),
            code: "personal_data_removed",
            message: format!("{kind} removed: the dataset carries names and public roles only"),
        })
    }

    /// The cleaned text from the start of line `first` to the end of line
    /// `last` (inclusive), paragraph breaks included.
    pub fn slice(&self, first: usize, last: usize) -> &str {
        &self.text[self.lines[first].start..self.lines[last].end]
    }
}

/// E-mail addresses and UK telephone numbers: the dataset carries names
/// and public roles only, so these are replaced before anything is parsed.
static EMAIL: LazyLock<Regex> =
    LazyLock::new(|| crate::stages::regex(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+").unwrap());
static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    crate::stages::regex(
        r"(?:\+44\s?(?:\(0\)\s?)?|\(?\b0)\d{2,4}\)?[\s-]?\d{3,4}(?:[\s-]?\d{3,4})?\b",
    )
    .unwrap()
});

pub const EMAIL_REMOVED: &str = "[e-mail address removed]";
pub const PHONE_REMOVED: &str = "[telephone number removed]";

/// The line with e-mail addresses and telephone numbers replaced, and what
/// was replaced; `None` when there is nothing to remove.
fn redact(line: &str) -> Option<(String, Vec<&'static str>)> {
    // Cheap necessary conditions first: most lines hold neither an '@'
    // nor ten digits, and need no regex.
    let has_at = memchr::memchr(b'@', line.as_bytes()).is_some();
    if !has_at && line.bytes().filter(u8::is_ascii_digit).count() < 10 {
        return None;
    }
    let mut removed = Vec::new();
    let mut text = std::borrow::Cow::Borrowed(line);
    if has_at && EMAIL.is_match(&text) {
        removed.extend(EMAIL.find_iter(&text).map(|_| "e-mail address"));
        text = std::borrow::Cow::Owned(EMAIL.replace_all(&text, EMAIL_REMOVED).into_owned());
    }
    let is_phone = |m: &regex::Match| {
        let digits = m.as_str().bytes().filter(u8::is_ascii_digit).count();
        (10..=12).contains(&digits)
    };
    if PHONE.find_iter(&text).any(|m| is_phone(&m)) {
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        for m in PHONE.find_iter(&text).filter(is_phone) {
            out.push_str(&text[last..m.start()]);
            out.push_str(PHONE_REMOVED);
            last = m.end();
            removed.push("telephone number");
        }
        out.push_str(&text[last..]);
        text = std::borrow::Cow::Owned(out);
    }
    (!removed.is_empty()).then(|| (text.into_owned(), removed))
}

/// The bullet every configured marker is rewritten to.
pub const BULLET: char = '•';

pub fn clean(text: &str, bullets: &[String]) -> Cleaned {
    let mut out = String::with_capacity(text.len());
    let mut lines: Vec<Line> = Vec::new();
    let mut blank = 0u32;
    let mut scratch = String::new();
    let mut redactions = Vec::new();
    let width = wrap_width(text, bullets);
    // Characters of the source line above, when it was not blank.
    let mut above = 0;
    for (index, raw) in text.split('\n').enumerate() {
        let normalised = normalise(raw, &mut scratch);
        let line = normalised.trim_start_matches(' ');
        let indent = (normalised.len() - line.len()) as u32;
        let redacted = redact(line);
        if let Some((_, removed)) = &redacted {
            redactions.extend(removed.iter().map(|kind| (index as u32 + 1, *kind)));
        }
        let content = without_emphasis(redacted.as_ref().map_or(line, |(text, _)| text).trim_end());
        if content.is_empty() || is_template_tag(content) {
            blank += 1;
            continue;
        }
        // Wrapping counts the indent in the line's width.
        let chars = indent as usize + content.chars().count();
        let wrapped = match width {
            Some(width) => {
                above + 1 + first_word(content) > width
                    && !out.ends_with('|')
                    && !opens_block(
                        content,
                        bullets,
                        out.ends_with(|c: char| c.is_lowercase() || c == ','),
                    )
            }
            None => goes_on(&out, above, content, bullets),
        };
        if let Some(last) = lines.last_mut()
            && blank == 0
            && wrapped
        {
            // A hard-wrapped line: the first word of this one did not fit
            // on the line above, so the two are one line of the page (a
            // table row's end is no wrap).
            out.push(' ');
            out.push_str(content);
            last.end = out.len();
            above = chars;
            continue;
        }
        above = chars;
        if !lines.is_empty() {
            out.push('\n');
            if blank > 0 {
                out.push('\n');
            }
        }
        let start = out.len();
        match strip_bullet(content, bullets) {
            Some(rest) => {
                out.push(BULLET);
                out.push(' ');
                out.push_str(rest);
            }
            None => out.push_str(content),
        }
        lines.push(Line {
            start,
            end: out.len(),
            source_line: index as u32 + 1,
            blank_before: if lines.is_empty() {
                blank.max(index as u32)
            } else {
                blank
            },
            indent,
        });
        blank = 0;
    }
    Cleaned {
        text: out,
        lines,
        redactions,
    }
}

/// The width a hard-wrapped text was wrapped at, if it was: text saved
/// from a page by a terminal browser or from a PDF breaks every paragraph
/// into lines of at most that many characters. Then the longest line is
/// short (40 to 160 characters), and most long lines that run on into
/// another one stop where the next word would not have fit. A line over
/// a label, a number or a bullet is no evidence: the unwrapping keeps
/// those apart anyway, and a short page's few long lines may stand over
/// them by chance.
fn wrap_width(text: &str, bullets: &[String]) -> Option<usize> {
    const WIDEST: usize = 160;
    let mut width = 0;
    for line in text.split('\n') {
        // Bytes first: most pages have a longer line early on.
        let line = line.trim_end();
        if line.len() > 4 * WIDEST {
            return None;
        }
        width = width.max(line.chars().count());
        if width > WIDEST {
            return None;
        }
    }
    if width < 40 {
        return None;
    }
    let (mut long, mut full) = (0, 0);
    let mut lines = text.split('\n').map(str::trim_end).peekable();
    while let (Some(line), Some(next)) = (lines.next(), lines.peek()) {
        let (chars, next) = (line.chars().count(), next.trim_start());
        if chars * 2 >= width && !next.is_empty() {
            long += 1;
            let mid_sentence = line.ends_with(|c: char| c.is_lowercase() || c == ',');
            full += usize::from(
                chars + 1 + first_word(next) > width && !opens_block(next, bullets, mid_sentence),
            );
        }
    }
    (full >= 3 && full * 2 >= long).then_some(width)
}

/// On a page too short to tell its wrap width: does `line` go on with
/// the line above (`out` ends with it, `above` characters wide), as only
/// a wrapped line can? The line above is long and unfinished and this
/// one opens in lower case ("... will be considered in public" over "and
/// that the items ... in private"), or it is the size that the document
/// marker above lost ("... pdf icon PDF" over "410 KB").
fn goes_on(out: &str, above: usize, line: &str, bullets: &[String]) -> bool {
    let lower = line.starts_with(|c: char| c.is_ascii_lowercase())
        && above >= 60
        && !out.ends_with(['.', ':', ';', '!', '?', '|'])
        && !opens_block(line, bullets, true);
    let size = out.ends_with(" PDF")
        && line.split_once(' ').is_some_and(|(number, unit)| {
            number
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
                && ["KB", "MB", "GB"].iter().any(|u| unit.starts_with(u))
        });
    lower || size
}

/// "<AI1>", "</AI1>", "<TRAILER_SECTION>": a tag of ModernGov's minutes
/// template alone on its line, left in the text of a printed record. It
/// is no text of the record, and counts as a blank line.
fn is_template_tag(line: &str) -> bool {
    let Some(name) = line.strip_prefix('<').and_then(|l| l.strip_suffix('>')) else {
        return false;
    };
    let name = name.strip_prefix('/').unwrap_or(name);
    name.starts_with(|c: char| c.is_ascii_uppercase())
        && name
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
}

/// Characters of a line's first word.
fn first_word(line: &str) -> usize {
    line.split(' ').next().map_or(0, |w| w.chars().count())
}

/// Does the line open a block of its own (a bullet, a number or clause
/// letter, a label, a table row), so that it is not the wrapped rest of
/// the line above even when it would not have fitted there? A number
/// under a sentence cut `mid_sentence` ("... agreed in May" over "2013.
/// Members ...") goes on with the sentence.
fn opens_block(line: &str, bullets: &[String], mid_sentence: bool) -> bool {
    let label = line.find(':').is_some_and(|colon| {
        colon <= 40
            && line.starts_with(|c: char| c.is_uppercase())
            && line[colon + 1..].chars().next().is_none_or(|c| c == ' ')
            && !line[..colon].contains(['.', ',', ';'])
    });
    let lone_number = line.len() <= 5
        && line
            .trim_end_matches('.')
            .bytes()
            .all(|c| c.is_ascii_digit());
    if mid_sentence && line.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    lone_number
        || numbered(line)
        || label
        || line.starts_with('|')
        || strip_bullet(line, bullets).is_some()
}

/// "1. Text", "12) Text", "(a) Text", "iv. Text", "3.": an item number or
/// a clause's letter.
fn numbered(line: &str) -> bool {
    let marker = line.strip_prefix('(').unwrap_or(line);
    let Some(end) = marker.find(['.', ')']) else {
        return false;
    };
    let (head, after) = (&marker[..end], &marker[end + 1..]);
    let digits = |h: &str| h.bytes().all(|c| c.is_ascii_digit());
    let roman = |h: &str| h.bytes().all(|c| matches!(c, b'i' | b'v' | b'x'));
    (after.is_empty() || after.starts_with(' '))
        && (1..=4).contains(&head.len())
        && (digits(head)
            || roman(head)
            || head.len() == 1 && head.as_bytes()[0].is_ascii_lowercase())
}

/// A line as text saved from a page's markdown rendering prints it, without
/// the marks: "**1. Apologies**" and "__Minutes:__" (the whole line
/// emphasised), "## Apologies" (a heading).
fn without_emphasis(line: &str) -> &str {
    let hashes = line.len() - line.trim_start_matches('#').len();
    if (1..=6).contains(&hashes) && line[hashes..].starts_with(' ') {
        return line[hashes..].trim();
    }
    for mark in ["**", "__"] {
        if let Some(inner) = line.strip_prefix(mark).and_then(|l| l.strip_suffix(mark))
            && !inner.trim().is_empty()
            && !inner.contains(mark)
        {
            return inner.trim();
        }
    }
    line
}

/// The line with tabs and exotic spaces made plain spaces and controls,
/// zero-width characters, soft hyphens and BOMs dropped. Borrowed when
/// there is nothing to change (most lines); otherwise the runs between
/// those characters are copied whole into `scratch`.
fn normalise<'a>(raw: &'a str, scratch: &'a mut String) -> &'a str {
    // Printable ASCII, the common case, in a check the compiler vectorises.
    let plain = |bytes: &[u8]| {
        bytes
            .iter()
            .fold(true, |all, c| all & (0x20..0x7f).contains(c))
    };
    let b = raw.as_bytes();
    if plain(b) {
        return raw;
    }
    scratch.clear();
    let (mut copied, mut i) = (0, 0);
    while i < b.len() {
        // 16 bytes at a time, byte by byte only where one is not plain.
        let end = (i + 16).min(b.len());
        if plain(&b[i..end]) {
            i = end;
            continue;
        }
        while i < end {
            match mapped_at(b, i) {
                Some((len, replacement)) => {
                    scratch.push_str(&raw[copied..i]);
                    scratch.extend(replacement);
                    i += len;
                    copied = i;
                }
                None => i += 1,
            }
        }
    }
    if copied == 0 {
        return raw;
    }
    scratch.push_str(&raw[copied..]);
    scratch
}

/// The character `normalise` changes that starts at byte `i`, if any: its
/// length in bytes and what replaces it. Each case is the UTF-8 encoding of
/// such characters; only lead bytes match, so `i` is a char boundary.
fn mapped_at(b: &[u8], i: usize) -> Option<(usize, Option<char>)> {
    let next = |k: usize| b.get(i + k).copied();
    match b[i] {
        b'\t' => Some((1, Some(' '))),
        0..=0x1f | 0x7f => Some((1, None)),
        // U+00A0 no-break space; U+0080..U+009F (C1 controls), U+00AD
        0xc2 => match next(1)? {
            0xa0 => Some((2, Some(' '))),
            0x80..=0x9f | 0xad => Some((2, None)),
            _ => None,
        },
        // U+2007, U+2009, U+202F spaces; U+200B..U+200D zero-width
        0xe2 if next(1)? == 0x80 => match next(2)? {
            0x87 | 0x89 | 0xaf => Some((3, Some(' '))),
            0x8b..=0x8d => Some((3, None)),
            _ => None,
        },
        // U+3000 ideographic space
        0xe3 if (next(1)?, next(2)?) == (0x80, 0x80) => Some((3, Some(' '))),
        // U+FEFF byte order mark
        0xef if (next(1)?, next(2)?) == (0xbb, 0xbf) => Some((3, None)),
        _ => None,
    }
}

/// `· text` / `o   text` / `•text` -> `text`. A letter used as a bullet
/// ("o") must be followed by a space, or "occasionally" would lose its "o".
fn strip_bullet<'a>(line: &'a str, bullets: &[String]) -> Option<&'a str> {
    for bullet in bullets {
        if let Some(rest) = line.strip_prefix(bullet.as_str()) {
            let needs_space = bullet.chars().all(char::is_alphanumeric);
            let spaced = rest.starts_with(' ');
            if (spaced || !needs_space) && !rest.trim().is_empty() {
                return Some(rest.trim_start());
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rule `normalise` implements, a char at a time.
    fn normalise_by_char(line: &str) -> String {
        line.chars()
            .filter_map(|c| match c {
                '\u{a0}' | '\t' | '\u{2007}' | '\u{202f}' | '\u{2009}' | '\u{3000}' => Some(' '),
                '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}' | '\u{ad}' => None,
                c if c.is_control() => None,
                c => Some(c),
            })
            .collect()
    }

    #[test]
    fn the_byte_pass_maps_every_character_as_the_char_rule_does() {
        // Every char of the first planes, alone, between letters, next to
        // another mapped character, and where it straddles 16-byte chunks.
        let mut scratch = String::new();
        for c in (0u32..0x3100)
            .chain(0xfe00..0x10000)
            .filter_map(char::from_u32)
        {
            for line in [
                format!("{c}"),
                format!("a{c}b"),
                format!("\u{a0}{c}\r"),
                format!("x{c}{c}\u{200b}y"),
                // Across the 16-byte chunks.
                format!("{}{c}{}{c}\u{a0}", "a".repeat(15), "b".repeat(16)),
            ] {
                let expected = normalise_by_char(&line);
                assert_eq!(
                    normalise(&line, &mut scratch),
                    expected,
                    "U+{:04X}",
                    c as u32
                );
            }
        }
    }

    fn bullets() -> Vec<String> {
        ["·", "•", "o"].map(String::from).to_vec()
    }

    #[test]
    fn lines_keep_source_numbers_gaps_and_indent() {
        let c = clean("Title\r\n\u{a0}\n\n   Body\u{a0}text \nEnd", &bullets());
        assert_eq!(c.text, "Title\n\nBody text\nEnd");
        let l = c.lines[1];
        assert_eq!((l.source_line, l.blank_before, l.indent), (4, 2, 3));
        assert_eq!(c.line(1), "Body text");
        assert_eq!(c.slice(0, 2), "Title\n\nBody text\nEnd");
    }

    #[test]
    fn markdown_emphasis_and_headings_are_dropped_from_whole_lines() {
        let c = clean(
            "## Apologies\n**1. Budget**\n__Minutes:__\n**Bold** in a line\n#hashtag\n****",
            &bullets(),
        );
        assert_eq!(
            c.text,
            "Apologies\n1. Budget\nMinutes:\n**Bold** in a line\n#hashtag\n****"
        );
    }

    #[test]
    fn bullets_are_normalised_but_words_are_not() {
        let c = clean("·         one\no   two\noccasionally\n•three", &bullets());
        assert_eq!(c.text, "• one\n• two\noccasionally\n• three");
    }

    #[test]
    fn emails_and_phone_numbers_are_removed_and_counted() {
        let c = clean(
            "Contact: Hazel MacInnes Tel: 01546 604269\nEmail: ds@dover.gov.uk or (01273) 290000\nHeld on 21 January 2016 at 10:30, item 1839, £4,100,000.",
            &bullets(),
        );
        assert_eq!(
            c.line(0),
            "Contact: Hazel MacInnes Tel: [telephone number removed]"
        );
        assert_eq!(
            c.line(1),
            "Email: [e-mail address removed] or [telephone number removed]"
        );
        assert_eq!(
            c.line(2),
            "Held on 21 January 2016 at 10:30, item 1839, £4,100,000."
        );
        assert_eq!(
            c.redactions,
            [
                (1, "telephone number"),
                (2, "e-mail address"),
                (2, "telephone number")
            ]
        );
    }

    #[test]
    fn leading_blank_lines_count_as_a_gap() {
        let c = clean("\n\nA", &bullets());
        assert_eq!(c.lines[0].blank_before, 2);
        assert_eq!(c.lines[0].source_line, 3);
    }

    /// A paragraph wrapped at 40 columns, as a terminal browser saves it.
    const WRAPPED: &str = "Venue: Council Chamber, County Hall, Main\n\
        Road\n\
        \n\
        1.\n\
        \n\
        Minutes:\n\
        \n\
        The Committee considered the report of\n\
        the Director, which was approved in May\n\
        2013. Members asked about the scheme and\n\
        its costs.\n\
        (a) that the scheme be approved, as set\n\
        out in the report.";

    #[test]
    fn hard_wrapped_lines_are_joined_where_the_next_word_did_not_fit() {
        let c = clean(WRAPPED, &bullets());
        let lines: Vec<&str> = (0..c.lines.len()).map(|i| c.line(i)).collect();
        assert_eq!(
            lines,
            [
                "Venue: Council Chamber, County Hall, Main Road",
                "1.",
                "Minutes:",
                "The Committee considered the report of the Director, which was approved in May \
                 2013. Members asked about the scheme and its costs.",
                "(a) that the scheme be approved, as set out in the report.",
            ]
        );
        // A joined line keeps the source line it starts on.
        assert_eq!(c.lines[3].source_line, 8);
    }

    #[test]
    fn text_that_is_not_wrapped_keeps_its_lines() {
        // Short lines that would not be full at the longest line's width.
        let short = "Agenda\nApologies for absence\nDeclarations of interest\n\
            Minutes of the meeting held on 1 May\nA much longer line that sets the width of the page";
        assert_eq!(clean(short, &bullets()).lines.len(), 5);
        // A page whose paragraphs are long lines is not wrapped.
        let long = format!(
            "{}\nNext line\n{}\nNext",
            "word ".repeat(60),
            "word ".repeat(60)
        );
        assert_eq!(clean(&long, &bullets()).lines.len(), 4);
        // A short page without blank lines whose long lines stand, by
        // chance, over a label, a number or the next sentence's opener.
        let unwrapped = "Meetings and decisions published 01/05/2023 - 31/05/2023\n\
            Licensing Sub-Committee - Tuesday, 16th May, 2023 10.00 am\n\
            Venue: Committee Room 2, Town Hall\n\
            1. Election of Chair\n\
            RESOLVED that Councillor Patel be elected Chair for the meeting.\n\
            2. Premises Licence Review\n\
            The Sub-Committee heard from the applicant and the police.\n\
            RESOLVED that the licence be suspended.";
        assert_eq!(clean(unwrapped, &bullets()).lines.len(), 8);
    }

    #[test]
    fn on_a_short_page_a_line_that_only_a_wrap_explains_goes_on() {
        let texts = |text: &str| {
            let c = clean(text, &bullets());
            (0..c.lines.len())
                .map(|i| c.line(i).to_string())
                .collect::<Vec<_>>()
        };
        // Too few long lines to tell a width: a long unfinished line over
        // one in lower case, and a document marker over its lost size.
        let page = "2.\nTo confirm that the items of business marked Part 1 will be considered in public\n\
            and that the items of business marked Part 2 in private\nMinutes:\n\
            Treasury Management Review pdf icon PDF\n410 KB\nNoted.";
        assert_eq!(
            texts(page),
            [
                "2.",
                "To confirm that the items of business marked Part 1 will be considered in public \
                 and that the items of business marked Part 2 in private",
                "Minutes:",
                "Treasury Management Review pdf icon PDF 410 KB",
                "Noted."
            ]
        );
        // A finished line, a short one, or a clause's letter: lines apart.
        for kept in [
            "The Committee considered the report of the Director of Finance today.\nthe end",
            "Budget Monitoring\nand capital",
            "RESOLVED that the Committee approves the following recommendations in full\na) the budget",
        ] {
            assert_eq!(texts(kept).len(), 2, "{kept}");
        }
    }

    #[test]
    fn template_tags_alone_on_their_lines_are_blank() {
        let c = clean(
            "70. Minutes\nThe minutes were confirmed.\n</AI1>\n<AI2>\n71. Declarations\n<b>None</b>\n<x>",
            &bullets(),
        );
        let texts: Vec<&str> = (0..c.lines.len()).map(|i| c.line(i)).collect();
        assert_eq!(
            texts,
            [
                "70. Minutes",
                "The minutes were confirmed.",
                "71. Declarations",
                "<b>None</b>",
                "<x>"
            ]
        );
        // The tags' lines count as the gap before the next item.
        assert_eq!(c.lines[2].blank_before, 2);
    }

    #[test]
    fn a_table_row_or_a_label_under_a_full_line_is_not_a_wrap() {
        let rows = "| Apologies | To receive apologies for absence. |\n\
            | Minutes | To approve the minutes of the last meeting |\n\
            | Declarations | To receive any declarations of interest |\n\
            Questions from the public to the Cabinet Member for Highways\n\
            Contact: Democratic Services team for the Cabinet";
        let c = clean(rows, &bullets());
        assert_eq!(c.lines.len(), 5, "{:?}", c.text);
    }
}
