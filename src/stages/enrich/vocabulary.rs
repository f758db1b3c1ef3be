//! Every literal the enrichers look for, in one Aho-Corasick automaton:
//! organisation names, topic keywords, and the words that every match of
//! a mention or reference pattern opens with or holds ("Councillor",
//! "Chief", "Council", "Ltd", "minutes", "agenda"). An item's text is read
//! once; each enricher then takes the hits meant for it, and runs its
//! pattern, where it has one, only there: anchored at the hit, or on the
//! run of name characters around it. Before, each enricher ran its own
//! regexes over the whole text, about ten passes per text.

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use regex_automata::util::captures::Captures;
use regex_automata::{Anchored, Input, meta};

use super::mentions::{self, Gazetteer};
use super::references;
use super::topics::Taxonomy;
use crate::model::{AgendaItem, LineMap};

/// Which enricher a literal is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    /// A topic keyword, by its index in the taxonomy.
    Topic(u32),
    /// A listed organisation.
    Organisation,
    /// A word every council's name holds ("Council").
    Council,
    /// A company suffix ("Ltd").
    Company,
    /// A word a role opens with ("Cabinet", "Chief").
    Role,
    /// A title a person's name opens with ("Councillor", "Mr").
    Person,
    /// The word a reference to a previous meeting opens with.
    PreviousMeeting,
    /// A word a reference to an item opens with ("agenda", "minute").
    ItemReference,
}

/// One literal found: `text[start..end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub trigger: Trigger,
    pub start: usize,
    pub end: usize,
}

/// The hits in an item's title, agenda text and minutes, each by start
/// (at one start, the longest first).
#[derive(Debug, Default)]
pub struct ItemHits {
    pub title: Vec<Hit>,
    pub agenda: Vec<Hit>,
    pub minutes: Vec<Hit>,
}

impl ItemHits {
    /// The item's agenda text and minutes that are present, each with its
    /// line map and hits: the texts mentions and references are read in.
    pub fn body<'a>(
        &'a self,
        item: &'a AgendaItem,
    ) -> impl Iterator<Item = (&'a str, &'a LineMap, &'a [Hit])> {
        [
            (
                item.agenda_text.as_deref(),
                &item.agenda_lines,
                &self.agenda,
            ),
            (
                item.minutes_text.as_deref(),
                &item.minutes_lines,
                &self.minutes,
            ),
        ]
        .into_iter()
        .filter_map(|(text, lines, hits)| Some((text?, lines, hits.as_slice())))
    }
}

/// The enrichers' vocabularies and the one automaton over all of them,
/// compiled once per pipeline.
#[derive(Debug, Clone)]
pub struct Vocabulary {
    pub gazetteer: Gazetteer,
    pub taxonomy: Taxonomy,
    automaton: AhoCorasick,
    /// Per automaton pattern, what it is for, and whether it counts only
    /// as written (the mention patterns are case-sensitive; topic keywords
    /// and references are not).
    triggers: Vec<(Trigger, bool)>,
    patterns: Vec<String>,
}

/// Past this many bytes of patterns, a full DFA (256 transitions a state)
/// would take tens of MB: the automaton is then a contiguous NFA.
const DFA_PATTERN_BYTES: usize = 32 << 10;

impl Vocabulary {
    /// The built-in vocabularies with the config's organisations and
    /// topic keywords added. Err when they do not form an automaton.
    pub fn new(
        organisations: &[String],
        topic_keywords: &[(String, Vec<String>)],
    ) -> Result<Vocabulary, String> {
        let gazetteer = Gazetteer::new(organisations);
        let taxonomy = Taxonomy::new(topic_keywords);
        let mut patterns: Vec<&str> = Vec::new();
        let mut triggers = Vec::new();
        for (i, keyword) in taxonomy.keywords().enumerate() {
            patterns.push(keyword);
            triggers.push((Trigger::Topic(i as u32), false));
        }
        for name in gazetteer.names() {
            patterns.push(name);
            triggers.push((Trigger::Organisation, true));
        }
        for (words, trigger, exact) in [
            (mentions::COUNCIL_WORDS, Trigger::Council, true),
            (mentions::COMPANY_SUFFIXES, Trigger::Company, true),
            (mentions::ROLE_WORDS, Trigger::Role, true),
            (mentions::PERSON_TITLES, Trigger::Person, true),
            (
                references::PREVIOUS_MEETING_WORDS,
                Trigger::PreviousMeeting,
                false,
            ),
            (references::ITEM_WORDS, Trigger::ItemReference, false),
        ] {
            patterns.extend(words);
            triggers.extend(words.iter().map(|_| (trigger, exact)));
        }
        let bytes: usize = patterns.iter().map(|p| p.len()).sum();
        let kind = if bytes <= DFA_PATTERN_BYTES {
            // One table lookup per byte: the fastest kind for overlapping
            // search, and small for a few hundred words.
            AhoCorasickKind::DFA
        } else {
            AhoCorasickKind::ContiguousNFA
        };
        let automaton = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .kind(Some(kind))
            .build(&patterns)
            .map_err(|e| {
                format!("[enrich] organisations and topic_keywords do not compile: {e}")
            })?;
        let patterns = patterns.into_iter().map(String::from).collect();
        Ok(Vocabulary {
            gazetteer,
            taxonomy,
            automaton,
            triggers,
            patterns,
        })
    }

    /// Every literal in `text`, overlapping ones too, by start and, at one
    /// start, longest first; a case-sensitive one only as written.
    pub fn scan(&self, text: &str) -> Vec<Hit> {
        let mut hits: Vec<Hit> = self
            .automaton
            .find_overlapping_iter(text)
            .filter_map(|m| {
                let p = m.pattern().as_usize();
                let (trigger, exact) = self.triggers[p];
                (!exact || text[m.range()] == self.patterns[p]).then_some(Hit {
                    trigger,
                    start: m.start(),
                    end: m.end(),
                })
            })
            .collect();
        hits.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
        hits
    }

    /// The hits in each text of an item; the title is read only for
    /// topics.
    pub fn scan_item(&self, item: &AgendaItem, title: bool) -> ItemHits {
        let scan = |text: Option<&str>| text.map(|t| self.scan(t)).unwrap_or_default();
        ItemHits {
            title: if title {
                scan(item.title.as_deref())
            } else {
                Vec::new()
            },
            agenda: scan(item.agenda_text.as_deref()),
            minutes: scan(item.minutes_text.as_deref()),
        }
    }
}

/// The starts of the hits of one trigger, at word starts only: every
/// pattern anchored at a hit opens with `\b` and a letter.
pub fn word_starts<'h>(
    text: &'h str,
    hits: &'h [Hit],
    trigger: Trigger,
) -> impl Iterator<Item = usize> + 'h {
    hits.iter()
        .filter(move |h| h.trigger == trigger && boundary(text, h.start))
        .map(|h| h.start)
}

/// The matches of `re` that `find_iter` over `text` would give, searched
/// only at `starts` (ascending), where every match of `re` must start:
/// each is the leftmost-first match anchored there, and a match hides the
/// starts inside it, as `find_iter` continues after a match.
pub fn anchored_matches(
    re: &meta::Regex,
    text: &str,
    starts: impl IntoIterator<Item = usize>,
    mut each: impl FnMut(&Captures),
) {
    let mut caps = re.create_captures();
    let mut from = 0;
    let mut last = None;
    for start in starts {
        if start < from || last == Some(start) {
            continue;
        }
        last = Some(start);
        re.search_captures(
            &Input::new(text).range(start..).anchored(Anchored::Yes),
            &mut caps,
        );
        if let Some(m) = caps.get_match() {
            from = m.end();
            each(&caps);
        }
    }
}

/// `\b` at `at`, with ASCII word characters, as `stages::regex` compiles it.
pub fn boundary(text: &str, at: usize) -> bool {
    let word = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_');
    let bytes = text.as_bytes();
    word(at.checked_sub(1).and_then(|i| bytes.get(i))) != word(bytes.get(at))
}

/// `\b` at both ends of `text[start..end]`.
pub fn whole_word(text: &str, start: usize, end: usize) -> bool {
    boundary(text, start) && boundary(text, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_scan_finds_every_vocabulary_in_any_case_overlapping() {
        let v = Vocabulary::new(&[], &[]).unwrap();
        let text = "The NHS budget; Councillor Smith; COUNCILLOR Jones; MINUTES";
        let hits = v.scan(text);
        let found = |trigger: Trigger| {
            hits.iter()
                .filter(|h| h.trigger == trigger)
                .map(|h| &text[h.start..h.end])
                .collect::<Vec<_>>()
        };
        // "NHS" is both an organisation and a public-health keyword.
        assert_eq!(found(Trigger::Organisation), ["NHS"]);
        assert!(
            hits.iter()
                .any(|h| matches!(h.trigger, Trigger::Topic(_)) && &text[h.start..h.end] == "NHS")
        );
        // Titles and "Council" count as written; reference words in any case.
        assert_eq!(found(Trigger::Person), ["Councillor"]);
        assert_eq!(found(Trigger::Council), ["Council"]);
        assert_eq!(found(Trigger::PreviousMeeting), ["MINUTES"]);
        assert_eq!(found(Trigger::ItemReference), ["MINUTE"]);
        assert!(
            hits.windows(2)
                .all(|w| (w[0].start, std::cmp::Reverse(w[0].end))
                    <= (w[1].start, std::cmp::Reverse(w[1].end)))
        );
    }

    #[test]
    fn many_long_names_compile_into_one_automaton() {
        let names: Vec<String> = (0..10_000)
            .map(|i| format!("{} {i:05}", "Organisation of ".repeat(5)))
            .collect();
        let v = Vocabulary::new(&names, &[]).unwrap();
        let text = format!("funded by {} today", names[9_999]);
        assert!(
            v.scan(&text)
                .iter()
                .any(|h| h.start == 10 && h.end == 10 + names[9_999].len())
        );
    }

    #[test]
    fn anchored_matches_continue_after_each_match() {
        let re = crate::stages::anchored_regex(r"\ba+b").unwrap();
        let text = "aab ab xaab aab";
        let mut found = Vec::new();
        anchored_matches(&re, text, [0, 1, 4, 8, 9, 12], |c| {
            found.push(c.get_match().unwrap().range())
        });
        // 1 is inside the first match; 8 and 9 are no word starts.
        assert_eq!(found, [0..3, 4..6, 12..15]);
    }
}
