//! People, roles and organisations named in an item: "Cabinet Member for
//! Children and Families", "Chief Executive", "Mr R W Banks", "Ofsted",
//! "Herefordshire Council". Organisations come from a gazetteer that
//! `[enrich] organisations` extends.

use regex::Regex;
use regex_automata::meta;

use super::people;
use super::vocabulary::{Hit, ItemHits, Trigger, anchored_matches, whole_word, word_starts};
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

pub const COMPANY_SUFFIXES: &[&str] = &["Ltd", "Limited", "plc", "PLC", "LLP", "CIC"];

/// The word every council pattern match holds.
pub const COUNCIL_WORDS: &[&str] = &["Council"];

/// The words a role opens with (the role pattern's first words).
pub const ROLE_WORDS: &[&str] = &[
    "Cabinet",
    "Executive",
    "Lead",
    "Portfolio",
    "Assistant",
    "Deputy",
    "Strategic",
    "Director",
    "Head",
    "Chief",
    "Monitoring",
    "Section",
    "Vice",
    "Chair",
    "Lord",
    "Provost",
];

/// The titles a person's name opens with (the person pattern's first
/// words).
pub const PERSON_TITLES: &[&str] = &[
    "Mr",
    "Ms",
    "Miss",
    "Mx",
    "Dr",
    "Professor",
    "Sir",
    "Dame",
    "Alderman",
    "County Councillor",
    "District Councillor",
    "Borough Councillor",
    "Town Councillor",
    "Councillor",
    "Cllr",
];

/// Roles, people and organisations, compiled once per pipeline. Each
/// pattern runs only where [`Vocabulary`](super::vocabulary::Vocabulary)
/// found one of its words.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    role: meta::Regex,
    person: meta::Regex,
    /// The listed organisations, longest first, so "NHS England" wins
    /// over "NHS".
    names: Vec<String>,
    councils: Regex,
    companies: Regex,
}

/// `[\w'’&-]` or `\s` as `stages::regex` compiles them: the characters
/// of the council and company patterns.
fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(c, '_' | '\'' | '’' | '&' | '-' | '\u{C0}'..='\u{24F}')
        || c.is_whitespace()
}

/// The matches of `re` in `text`, a pattern that matches only name
/// characters and holds one of `trigger`'s words, as
/// `Regex::find_iter` over the whole text gives them: it runs on each run
/// of name characters around a literal, once. A match cannot cross any
/// other character, and at a run's edges `\b` sees the same non-word
/// character as in the whole text.
fn in_runs(re: &Regex, text: &str, hits: &[Hit], trigger: Trigger) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let starts = hits
        .iter()
        .filter(|h| h.trigger == trigger)
        .map(|h| h.start);
    let mut from = 0;
    for at in starts {
        if at < from {
            continue;
        }
        let start = text[from..at]
            .char_indices()
            .rev()
            .find(|&(_, c)| !is_name_char(c))
            .map_or(from, |(i, c)| from + i + c.len_utf8());
        let end = text[at..]
            .char_indices()
            .find(|&(_, c)| !is_name_char(c))
            .map_or(text.len(), |(i, _)| at + i);
        out.extend(
            re.find_iter(&text[start..end])
                .map(|m| (start + m.start(), start + m.end())),
        );
        from = end;
    }
    out
}

/// The matches of `re`, a pattern that opens with `\b` and one of
/// `trigger`'s words, as `Regex::find_iter` over the whole text gives
/// them: searched only where those words were found.
fn at_word_starts(
    re: &meta::Regex,
    text: &str,
    hits: &[Hit],
    trigger: Trigger,
) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    anchored_matches(re, text, word_starts(text, hits, trigger), |c| {
        spans.extend(c.get_match().map(|m| (m.start(), m.end())))
    });
    spans
}

/// A capitalised name of up to six words ("Children and Families").
const CAPITALISED: &str = r"[A-Z][\w'’&-]*(?:\s+(?:and|of|&|for|the)?\s*[A-Z][\w'’&-]*){0,5}";

/// "Cabinet Member for X", "Director of X", "Chief Executive": opens with
/// one of [`ROLE_WORDS`].
fn role_pattern() -> String {
    format!(
        r"(?-u:\b)(?:(?:Cabinet|Executive|Lead) Member|Portfolio Holder) for {CAPITALISED}|(?-u:\b)(?:Assistant |Deputy |Strategic |Executive )?(?:Director|Head) of {CAPITALISED}|(?-u:\b)(?:Chief Executive|Chief Finance Officer|Monitoring Officer|Section 151 Officer|Deputy Leader|Leader of the Council|Vice-Chairman|Vice-Chair|Chairman|Chairperson|Lord Mayor|Provost)(?-u:\b)"
    )
}

/// "Councillor Mrs. H. Scott", "Mr R W Banks": opens with one of
/// [`PERSON_TITLES`].
fn person_pattern() -> String {
    r"(?-u:\b)(?:Mr|Mrs|Ms|Miss|Mx|Dr|Professor|Sir|Dame|Alderman|(?:County |District |Borough |Town )?Councillor|Cllr\.?)_(?:(?:Mr|Mrs|Ms|Miss|Dr)\.?_)?(?:[A-Z]\.?_){0,3}[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?(?:_[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?)?"
        // Spaces, or one line break: a name wraps, but does not run over
        // a blank line into the next paragraph.
        .replace('_', r"(?:[ \t]+\n?[ \t]*|\n[ \t]*)")
}

/// "Herefordshire Council": holds one of [`COUNCIL_WORDS`].
fn council_pattern() -> String {
    format!(r"\b{CAPITALISED}\s+(?:County|City|District|Borough|Town|Parish)?\s*Council\b")
}

/// "Acme Builders Ltd": holds one of [`COMPANY_SUFFIXES`].
fn company_pattern() -> String {
    format!(
        r"\b[A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*){{0,4}}\s+(?:{})\b",
        COMPANY_SUFFIXES.join("|")
    )
}

impl Gazetteer {
    /// The built-in organisations plus `extra` (from the config).
    pub fn new(extra: &[String]) -> Gazetteer {
        let mut names: Vec<String> = ORGANISATIONS.iter().map(|s| s.to_string()).collect();
        names.extend(
            extra
                .iter()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty()),
        );
        names.sort_by_key(|n| std::cmp::Reverse(n.len()));
        Gazetteer {
            role: crate::stages::anchored_regex(&role_pattern()).expect("valid role regex"),
            person: crate::stages::anchored_regex(&person_pattern()).expect("valid person regex"),
            names,
            councils: crate::stages::regex(&council_pattern()).expect("valid council regex"),
            companies: crate::stages::regex(&company_pattern()).expect("valid company regex"),
        }
    }

    /// The listed organisations.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The listed names that `\b(?:longest|...|shortest)\b` finds: at
    /// one start the longest whole-word name (the hits are as written);
    /// then the search goes on after it.
    fn listed(&self, text: &str, hits: &[Hit]) -> Vec<(usize, usize)> {
        let mut found = Vec::new();
        let mut from = 0;
        for h in hits {
            if h.trigger == Trigger::Organisation
                && h.start >= from
                && whole_word(text, h.start, h.end)
            {
                found.push((h.start, h.end));
                from = h.end;
            }
        }
        found
    }

    /// Mentions in an item's agenda text and minutes, in text order per
    /// kind, from the item's vocabulary hits.
    pub fn mentions(&self, item: &AgendaItem, hits: &ItemHits) -> Vec<Mention> {
        let mut out = Vec::new();
        for (text, lines, hits) in hits.body(item) {
            self.scan(text, hits, lines, &mut out);
        }
        out
    }

    fn scan(&self, text: &str, hits: &[Hit], lines: &LineMap, out: &mut Vec<Mention>) {
        let mut organisations = self.listed(text, hits);
        organisations.extend(in_runs(&self.councils, text, hits, Trigger::Council));
        organisations.extend(in_runs(&self.companies, text, hits, Trigger::Company));
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
        let roles = at_word_starts(&self.role, text, hits, Trigger::Role);
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
            (
                "person",
                at_word_starts(&self.person, text, hits, Trigger::Person),
            ),
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
                    // "Councillor A Smith For" in a table of a recorded
                    // vote; "Councillor White Vice-Chair" where minutes
                    // name an appointment.
                    for after in [
                        " For",
                        " Against",
                        " Abstained",
                        " Abstain",
                        " Chair",
                        " Vice-Chair",
                        " Chairman",
                        " Vice-Chairman",
                    ] {
                        if found.split_whitespace().count() > 2 {
                            found = found.strip_suffix(after).unwrap_or(found);
                        }
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
    use crate::stages::enrich::vocabulary::Vocabulary;

    fn found(text: &str, extra: &[&str]) -> Vec<(&'static str, String, String)> {
        let extra: Vec<String> = extra.iter().map(|s| s.to_string()).collect();
        let vocabulary = Vocabulary::new(&extra, &[]).unwrap();
        let mut out = Vec::new();
        vocabulary.gazetteer.scan(
            text,
            &vocabulary.scan(text),
            &LineMap(vec![(0, 3)]),
            &mut out,
        );
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
        let m = found("Councillor White Vice-Chair for the year", &[]);
        let people: Vec<_> = (m.iter())
            .filter(|(kind, _, _)| *kind == "person")
            .map(|(_, text, _)| text.as_str())
            .collect();
        assert_eq!(people, ["Councillor White"]);
    }

    /// Each pattern, run only at or around its words' hits, finds what
    /// `find_iter` over the whole text finds, on every corpus page.
    #[test]
    fn searching_at_the_hits_finds_what_the_regex_finds_in_the_whole_text() {
        let vocabulary = Vocabulary::new(&["Acme Trust".to_string()], &[]).unwrap();
        let g = &vocabulary.gazetteer;
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
                "NHS Englandx NHS England, NHSX; the Acme Trusts and Acme Trust",
                "Mrs Mr. Smith, Mr Smith Jones Mr Brown; Cllr. A. B. Cole; County Councillor Day",
                "Deputy Leader; Assistant Director of Adult Services; Executive Member for Roads",
            ]
            .map(String::from),
        );
        let listed = g
            .names
            .iter()
            .map(|n| regex::escape(n))
            .collect::<Vec<_>>()
            .join("|");
        let whole = [
            crate::stages::regex(&role_pattern()).unwrap(),
            crate::stages::regex(&person_pattern()).unwrap(),
            crate::stages::regex(&format!(r"\b(?:{listed})\b")).unwrap(),
            crate::stages::regex(&council_pattern()).unwrap(),
            crate::stages::regex(&company_pattern()).unwrap(),
        ];
        let mut compared = [0; 5];
        for text in &texts {
            let hits = vocabulary.scan(text);
            let ours = [
                at_word_starts(&g.role, text, &hits, Trigger::Role),
                at_word_starts(&g.person, text, &hits, Trigger::Person),
                g.listed(text, &hits),
                in_runs(&g.councils, text, &hits, Trigger::Council),
                in_runs(&g.companies, text, &hits, Trigger::Company),
            ];
            for (k, (re, ours)) in whole.iter().zip(ours).enumerate() {
                let theirs: Vec<(usize, usize)> =
                    re.find_iter(text).map(|m| (m.start(), m.end())).collect();
                assert_eq!(ours, theirs, "pattern {k} in {text:.80}");
                compared[k] += theirs.len();
            }
        }
        assert!(
            compared.iter().all(|&n| n >= 3),
            "the pages hold matches of each pattern to compare: {compared:?}"
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
