//! People, roles and organisations named in an item: "Cabinet Member for
//! Children and Families", "Chief Executive", "Mr R W Banks", "Ofsted",
//! "Herefordshire Council". Organisations come from a gazetteer that
//! `[enrich] organisations` extends.

use aho_corasick::AhoCorasick;
use regex::Regex;

use super::people;
use crate::model::{AgendaItem, LineMap, Mention};

/// National bodies councils' minutes name most often.
const ORGANISATIONS: &[&str] = &[
    "Department for Education",
    "DfE",
    "Ofsted",
    "Care Quality Commission",
    "CQC",
    "NHS England",
    "NHS",
    "Integrated Care Board",
    "Environment Agency",
    "Homes England",
    "Highways England",
    "National Highways",
    "Network Rail",
    "Local Government Association",
    "LGA",
    "Department for Levelling Up, Housing and Communities",
    "DLUHC",
    "Ministry of Housing, Communities and Local Government",
    "MHCLG",
    "HM Treasury",
    "Department for Transport",
    "Audit Wales",
    "Audit Scotland",
    "Welsh Government",
    "Scottish Government",
    "Police and Crime Commissioner",
    "Fire and Rescue Service",
    "Local Enterprise Partnership",
    "Arts Council England",
    "Historic England",
    "Natural England",
    "Sport England",
];

const COMPANY_SUFFIXES: &[&str] = &["Ltd", "Limited", "plc", "PLC", "LLP", "CIC"];

/// Roles, people and organisations, compiled once per pipeline.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    role: Regex,
    person: Regex,
    /// Organisations are three patterns, not one alternation: each has
    /// literals (the listed names, "Council", "Ltd"...) to search for
    /// first, which one alternation without a common literal could not
    /// (mentions took 40% of enrich time).
    listed: Regex,
    councils: Anchored,
    companies: Anchored,
}

/// A pattern that starts with a capital letter (so the regex engine has no
/// literal to look for first and runs its automaton over every byte) but
/// always holds one of a few literals ("Council", "Ltd"...), and matches
/// only name characters: Latin word characters, `'’&-` and white space.
/// It is run only on the runs of name characters that hold a literal,
/// found with Aho-Corasick: a match cannot cross any other character, and
/// at a run's edges `\b` sees the same non-word character as in the
/// whole text, so the matches are those of the whole text (A100: regex
/// search 17.9 % -> 13.8 % of the run's samples).
#[derive(Debug, Clone)]
struct Anchored {
    regex: Regex,
    literals: AhoCorasick,
}

impl Anchored {
    fn new(pattern: &str, literals: &[&str]) -> Anchored {
        Anchored {
            regex: crate::stages::regex(pattern).expect("valid organisation regex"),
            literals: AhoCorasick::new(literals).expect("valid literals"),
        }
    }

    /// (start, end) of every match, as `Regex::find_iter` over `text`.
    fn find_iter(&self, text: &str, out: &mut Vec<(usize, usize)>) {
        let mut from = 0;
        while let Some(literal) = self.literals.find(&text[from..]) {
            let at = from + literal.start();
            let start = text[from..at]
                .char_indices()
                .rev()
                .find(|&(_, c)| !is_name_char(c))
                .map_or(from, |(i, c)| from + i + c.len_utf8());
            let end = text[at..]
                .char_indices()
                .find(|&(_, c)| !is_name_char(c))
                .map_or(text.len(), |(i, _)| at + i);
            let run = &text[start..end];
            out.extend(
                self.regex
                    .find_iter(run)
                    .map(|m| (start + m.start(), start + m.end())),
            );
            from = end;
        }
    }
}

/// `[\w'’&-]` or `\s` as `stages::regex` compiles them.
fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(c, '_' | '\'' | '’' | '&' | '-' | '\u{C0}'..='\u{24F}')
        || c.is_whitespace()
}

impl Gazetteer {
    /// The built-in organisations plus `extra` (from the config).
    /// Err when the extra names do not compile (too many for the regex
    /// size limit).
    pub fn new(extra: &[String]) -> Result<Gazetteer, String> {
        let mut names: Vec<String> = ORGANISATIONS.iter().map(|s| s.to_string()).collect();
        names.extend(
            extra
                .iter()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty()),
        );
        // Longest first, so "NHS England" wins over "NHS".
        names.sort_by_key(|n| std::cmp::Reverse(n.len()));
        let listed = names
            .iter()
            .map(|n| regex::escape(n))
            .collect::<Vec<_>>()
            .join("|");
        let capitalised = r"[A-Z][\w'’&-]*(?:\s+(?:and|of|&|for|the)?\s*[A-Z][\w'’&-]*){0,5}";
        let listed = crate::stages::regex(&format!(r"\b(?:{listed})\b"))
            .map_err(|e| format!("[enrich] organisations do not compile: {e}"))?;
        Ok(Gazetteer {
            role: crate::stages::regex(&format!(
                r"(?-u:\b)(?:(?:Cabinet|Executive|Lead) Member|Portfolio Holder) for {capitalised}|(?-u:\b)(?:Assistant |Deputy |Strategic |Executive )?(?:Director|Head) of {capitalised}|(?-u:\b)(?:Chief Executive|Chief Finance Officer|Monitoring Officer|Section 151 Officer|Deputy Leader|Leader of the Council|Vice-Chairman|Vice-Chair|Chairman|Chairperson|Lord Mayor|Provost)(?-u:\b)"
            ))
            .expect("valid role regex"),
            person: crate::stages::regex(
                &r"(?-u:\b)(?:Mr|Mrs|Ms|Miss|Mx|Dr|Professor|Sir|Dame|Alderman|(?:County |District |Borough |Town )?Councillor|Cllr\.?)_(?:(?:Mr|Mrs|Ms|Miss|Dr)\.?_)?(?:[A-Z]\.?_){0,3}[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?(?:_[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?)?"
                    // Spaces, or one line break: a name wraps, but does not
                    // run over a blank line into the next paragraph.
                    .replace('_', r"(?:[ \t]+\n?[ \t]*|\n[ \t]*)"),
            )
            .expect("valid person regex"),
            listed,
            councils: Anchored::new(
                &format!(r"\b{capitalised}\s+(?:County|City|District|Borough|Town|Parish)?\s*Council\b"),
                &["Council"],
            ),
            companies: Anchored::new(
                &format!(
                    r"\b[A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*){{0,4}}\s+(?:{})\b",
                    COMPANY_SUFFIXES.join("|")
                ),
                COMPANY_SUFFIXES,
            ),
        })
    }

    /// Mentions in an item's agenda text and minutes, in text order per kind.
    pub fn mentions(&self, item: &AgendaItem) -> Vec<Mention> {
        let mut out = Vec::new();
        for (text, lines) in [
            (item.agenda_text.as_deref(), &item.agenda_lines),
            (item.minutes_text.as_deref(), &item.minutes_lines),
        ] {
            let Some(text) = text else { continue };
            self.scan(text, lines, &mut out);
        }
        out
    }

    fn scan(&self, text: &str, lines: &LineMap, out: &mut Vec<Mention>) {
        let found = |re: &Regex| re.find_iter(text).map(|m| (m.start(), m.end())).collect();
        let mut organisations: Vec<(usize, usize)> = found(&self.listed);
        self.councils.find_iter(text, &mut organisations);
        self.companies.find_iter(text, &mut organisations);
        // Text order; at one start the listed name wins; no overlaps.
        organisations.sort_by_key(|&(start, _)| start);
        let mut end_of_last = 0;
        organisations.retain(|&(start, end)| {
            let keep = start >= end_of_last;
            if keep {
                end_of_last = end;
            }
            keep
        });
        let roles: Vec<(usize, usize)> = found(&self.role);
        // "Councillor A Smith, Cabinet Member for Highways", "Mr B Jones
        // (Chief Executive)": the role printed right after a name is theirs.
        let role_after = |end: usize| {
            let rest = &text[end..];
            let gap = rest.len() - rest.trim_start_matches([',', ' ', '(', '-', '–']).len();
            (gap <= 3)
                .then(|| roles.iter().find(|&&(start, _)| start == end + gap))
                .flatten()
                .map(|&(start, end)| text[start..end].to_string())
        };
        for (kind, matches) in [
            ("role", roles.clone()),
            ("person", found(&self.person)),
            ("organisation", organisations),
        ] {
            for (start, end) in matches {
                let mut found = text[start..end].trim();
                if kind == "organisation" {
                    found = found.strip_prefix("The ").unwrap_or(found);
                    // "the Council", "the County Council": the council itself.
                    let generic = found.split_whitespace().all(|w| {
                        matches!(
                            w,
                            "Council"
                                | "County"
                                | "City"
                                | "District"
                                | "Borough"
                                | "Town"
                                | "Parish"
                                | "Full"
                        )
                    });
                    if generic {
                        continue;
                    }
                }
                if kind == "person" {
                    // "Councillor A Smith For" in a table of a recorded vote.
                    for vote in [" For", " Against", " Abstained", " Abstain"] {
                        found = found.strip_suffix(vote).unwrap_or(found);
                    }
                }
                let normalised = normalise(kind, found);
                if normalised.is_empty() {
                    continue;
                }
                out.push(Mention {
                    kind,
                    text: found.to_string(),
                    normalised,
                    person_id: None,
                    role: (kind == "person").then(|| role_after(end)).flatten(),
                    span: lines.span(start, end),
                });
            }
        }
    }
}

/// Lower case and single spaces; a person's name is its
/// [`people::person_key`] (titles, honours and initials' dots dropped),
/// empty (no mention) when the words after the title name nobody.
/// Built in one string: a vector of lower-cased words joined took four
/// allocations a mention, 70 000 on slice A's 1 000 pages.
fn normalise(kind: &str, text: &str) -> String {
    if kind == "person" {
        return people::person_key(text).unwrap_or_default();
    }
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        if word.is_ascii() {
            out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            out.push_str(&word.to_lowercase());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str, extra: &[&str]) -> Vec<(&'static str, String, String)> {
        let extra: Vec<String> = extra.iter().map(|s| s.to_string()).collect();
        let mut out = Vec::new();
        Gazetteer::new(&extra)
            .unwrap()
            .scan(text, &LineMap(vec![(0, 3)]), &mut out);
        out.into_iter()
            .map(|m| (m.kind, m.text, m.normalised))
            .collect()
    }

    #[test]
    fn roles_people_and_organisations() {
        let m = found(
            "The Cabinet Member for Children and Families and the Chief Executive met Ofsted; Mr R W Banks and Councillor Jane Smith-Jones asked Herefordshire Council and Acme Builders Ltd. The County Council agreed.",
            &["Acme Trust"],
        );
        let kinds: Vec<_> = m.iter().map(|(k, t, _)| (*k, t.as_str())).collect();
        assert!(kinds.contains(&("role", "Cabinet Member for Children and Families")));
        assert!(kinds.contains(&("role", "Chief Executive")));
        assert!(kinds.contains(&("person", "Mr R W Banks")));
        assert!(kinds.contains(&("organisation", "Ofsted")));
        assert!(kinds.contains(&("organisation", "Herefordshire Council")));
        assert!(kinds.contains(&("organisation", "Acme Builders Ltd")));
        assert!(!kinds.iter().any(|(_, t)| t.ends_with("County Council")));
        let jane = m
            .iter()
            .find(|(_, t, _)| t.starts_with("Councillor Jane"))
            .unwrap();
        assert_eq!(jane.2, "jane smith-jones");
        let m = found("moved by Councillor Mrs. H. Scott and seconded", &[]);
        assert_eq!(
            (m[0].1.as_str(), m[0].2.as_str()),
            ("Councillor Mrs. H. Scott", "h scott")
        );
    }

    #[test]
    fn anchored_search_finds_what_the_regex_finds_in_the_whole_text() {
        let g = Gazetteer::new(&[]).unwrap();
        let mut texts: Vec<String> = ["tests/corpus/pages", "seeds"]
            .iter()
            .flat_map(|dir| std::fs::read_dir(dir).unwrap())
            .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap_or_default())
            .collect();
        texts.extend(
            [
                "Worcestershire County Council",
                "Council",
                "(Malvern Hills District Council)",
                "Ynys Môn Council’s and Gŵyl Dewi Council.",
                "The Cabinet and Wychavon\u{a0}District Council, Acme Builders Ltd; Councillors",
                "élan Council; Ébrington Parish Council-led Smith & Sons Ltd-owned 3 Ltd",
                "word Council Council Council Ltd Limited plc",
            ]
            .map(String::from),
        );
        let mut compared = 0;
        for text in &texts {
            for anchored in [&g.councils, &g.companies] {
                let whole: Vec<(usize, usize)> = anchored
                    .regex
                    .find_iter(text)
                    .map(|m| (m.start(), m.end()))
                    .collect();
                let mut found = Vec::new();
                anchored.find_iter(text, &mut found);
                assert_eq!(found, whole, "in {text:.80}");
                compared += whole.len();
            }
        }
        assert!(
            compared > 50,
            "the pages hold matches to compare: {compared}"
        );
    }

    proptest::proptest! {
        /// As the words lower-cased one by one and joined with single spaces.
        #[test]
        fn normalise_is_lower_case_single_spaced_words(
            text in r"((Mr|MR|mrs|Dr\.|Cllr|CLLR\.|County|Sir|KELVIN|\u{212A}r|İ|Σ|ΑΣ|[a-zA-Zé’'.\-]{1,6})[ \t\u{a0}\n]{1,3}){0,6}",
        ) {
            let expected: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
            proptest::prop_assert_eq!(normalise("role", &text), expected.join(" "));
        }
    }

    #[test]
    fn a_person_is_normalised_to_their_key() {
        assert_eq!(
            normalise("person", "Councillor R.T. Pemberton"),
            "r t pemberton"
        );
    }

    #[test]
    fn the_gazetteer_is_extended_by_config() {
        assert!(found("funded by the Acme Trust", &[]).is_empty());
        let m = found("funded by the Acme Trust", &["Acme Trust"]);
        assert_eq!(m[0].1, "Acme Trust");
    }
}
