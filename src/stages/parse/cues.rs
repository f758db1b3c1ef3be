//! Literal cues: the words that the parser's patterns need, found in one
//! pass per document.
//!
//! Most lines of minutes hold no outcome, vote, apology or substitution,
//! yet each reader used to scan every line for its own words, or run its
//! pattern over every line. One automaton now reads the cleaned document once and
//! marks each line with the families of words it holds; a token carries
//! its line's marks, and a reader runs its pattern only where they say it
//! may match. A token's text is part of its line, so the marks may say
//! "maybe" where the token holds none (the pattern then decides) but
//! never "no" where it holds one: the answers are the same, only cheaper.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, Input, MatchKind};

use super::Tok;
use crate::model::LineMap;
use crate::stages::clean::Cleaned;

/// Families of cue words that a line holds, as bits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cues(u8);

impl Cues {
    /// A stem of a decision's wording (see `decisions::OUTCOME_STEMS`).
    pub const OUTCOME: Cues = Cues(1);
    /// A word that every printed vote count holds: "against", "votes to".
    pub const COUNT: Cues = Cues(1 << 1);
    /// "A recorded vote was taken", "a named vote".
    pub const RECORDED_VOTE: Cues = Cues(1 << 2);
    /// "Apologies", Welsh "ymddiheuriadau".
    pub const APOLOGY: Cues = Cues(1 << 3);
    /// "Councillor A substituted for ...", "attended in place of",
    /// "replaced by".
    pub const SUBSTITUTION: Cues = Cues(1 << 4);

    pub fn has(self, family: Cues) -> bool {
        self.0 & family.0 != 0
    }

    /// The cues of one text on its own (a title, a test's line).
    pub fn of(text: &str) -> Cues {
        matches(&text.to_ascii_lowercase())
            .fold(Cues::default(), |cues, m| cues | FAMILY[m.pattern()])
    }
}

impl std::ops::BitOr for Cues {
    type Output = Cues;
    fn bitor(self, other: Cues) -> Cues {
        Cues(self.0 | other.0)
    }
}

impl std::ops::BitOrAssign for Cues {
    fn bitor_assign(&mut self, other: Cues) {
        self.0 |= other.0;
    }
}

impl std::iter::FromIterator<Cues> for Cues {
    fn from_iter<I: IntoIterator<Item = Cues>>(iter: I) -> Cues {
        iter.into_iter().fold(Cues::default(), |a, b| a | b)
    }
}

/// Every family's words, with the family of each. No word holds a line
/// break, so a match lies within one line.
const WORDS: &[(&[&str], Cues)] = &[
    (super::decisions::OUTCOME_STEMS, Cues::OUTCOME),
    (&["against", "votes to", "vote to", "yn erbyn"], Cues::COUNT),
    (&["recorded vote", "named vote"], Cues::RECORDED_VOTE),
    (&["apolog", "ymddiheur"], Cues::APOLOGY),
    (
        &["substitut", "in place of", "replaced by"],
        Cues::SUBSTITUTION,
    ),
];

static FAMILY: LazyLock<Vec<Cues>> = LazyLock::new(|| {
    WORDS
        .iter()
        .flat_map(|(words, family)| words.iter().map(move |_| *family))
        .collect()
});

/// All families in one automaton over a lower-cased copy (so case is
/// ignored, ASCII only). The copy, not an automaton that ignores case:
/// that one has no SIMD prefilter and reads byte by byte, at about half
/// the speed of the copy and this search together.
static CUES: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(WORDS.iter().flat_map(|(words, _)| words.iter()))
        .expect("literal cue words")
});

/// The longest word starting at each position of `lower` that starts
/// one. As no word of one family starts a word of another (a test
/// checks), every family a text holds is among them, where reporting
/// only matches that do not overlap could hide one ("named voted" holds
/// "named vote" and "voted"). An overlapping search would find them
/// too, but reads byte by byte: this one skips to the next candidate.
fn matches(lower: &str) -> impl Iterator<Item = aho_corasick::Match> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        let m = CUES.find(Input::new(lower).range(at..))?;
        at = m.start() + 1;
        Some(m)
    })
}

/// The cues of each line of a cleaned document (`lines[i]` ->
/// `cues[i]`), from one pass over its text.
pub fn per_line(cleaned: &Cleaned) -> Vec<Cues> {
    let mut cues = vec![Cues::default(); cleaned.lines.len()];
    let mut line = 0;
    for m in matches(&cleaned.text.to_ascii_lowercase()) {
        // Matches come in the order of their starts, and none crosses a
        // line break: the line holding the end holds the match.
        while line < cleaned.lines.len() && cleaned.lines[line].end < m.end() {
            line += 1;
        }
        if cleaned
            .lines
            .get(line)
            .is_some_and(|l| l.start <= m.start())
        {
            cues[line] |= FAMILY[m.pattern()];
        }
    }
    cues
}

/// The cues of each source line that `toks` come from (`None` where no
/// token does). A text joined from tokens holds no word its lines do not:
/// the cues of its lines say "maybe" for it without reading it again.
pub fn by_line(toks: &[Tok]) -> Vec<Option<Cues>> {
    let lines = toks.iter().map(|t| t.line as usize + 1).max().unwrap_or(0);
    let mut out = vec![None; lines];
    for t in toks {
        *out[t.line as usize].get_or_insert_default() |= t.cues;
    }
    out
}

/// The cues of a text joined from tokens, by its line map: those of its
/// lines, or of the text itself when a line is not in `by_line`.
pub fn of_joined(text: &str, lines: &LineMap, by_line: &[Option<Cues>]) -> Cues {
    let known: Option<Cues> = (lines.0.iter())
        .map(|&(_, line)| by_line.get(line as usize).copied().flatten())
        .collect();
    known.unwrap_or_else(|| Cues::of(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_holds_the_families_of_its_words_in_any_case() {
        assert_eq!(Cues::of("The report was NOTED."), Cues::OUTCOME);
        assert_eq!(Cues::of("Against: 3"), Cues::COUNT);
        assert_eq!(
            Cues::of("A recorded vote was taken and the motion was agreed"),
            Cues::RECORDED_VOTE | Cues::OUTCOME
        );
        assert_eq!(Cues::of("Apologies for absence"), Cues::APOLOGY);
        assert_eq!(Cues::of("Declarations of Interest"), Cues::default());
    }

    #[test]
    fn no_word_of_one_family_starts_a_word_of_another() {
        for (words, family) in WORDS {
            assert!(
                words.iter().all(|w| *w == w.to_ascii_lowercase()),
                "{words:?}"
            );
            for (others, _) in WORDS.iter().filter(|(_, f)| f != family) {
                for (w, o) in words
                    .iter()
                    .flat_map(|w| others.iter().map(move |o| (w, o)))
                {
                    assert!(!o.starts_with(w), "{w:?} starts {o:?}");
                }
            }
        }
        // Words that overlap are all found.
        assert_eq!(
            Cues::of("Those named voted AGAINST"),
            Cues::RECORDED_VOTE | Cues::OUTCOME | Cues::COUNT
        );
    }

    #[test]
    fn each_line_of_a_document_gets_its_own_cues() {
        let cleaned = crate::stages::clean::clean(
            "Minutes\n\nThe Committee agreed the plan.\nFor: 3\nAgainst: 2\n\nA named vote\n",
            &[],
        );
        let cues: Vec<Cues> = (0..cleaned.lines.len())
            .map(|i| Cues::of(cleaned.line(i)))
            .collect();
        assert_eq!(per_line(&cleaned), cues);
        assert!(cues.contains(&Cues::COUNT) && cues.contains(&Cues::RECORDED_VOTE));
    }

    #[test]
    fn a_joined_text_gets_the_cues_of_its_lines() {
        let cleaned = crate::stages::clean::clean(
            "Apologies: Cllr A\n\nThe Committee agreed. Against: 2\n",
            &[],
        );
        let toks = super::super::tokens(&cleaned, &super::super::tests::grammar());
        let by_line = by_line(&toks);
        let lines = |ls: &[u32]| LineMap(ls.iter().map(|&l| (0, l)).collect());
        assert_eq!(of_joined("x", &lines(&[1]), &by_line), Cues::APOLOGY);
        assert_eq!(
            of_joined("x", &lines(&[1, 3]), &by_line),
            Cues::APOLOGY | Cues::OUTCOME | Cues::COUNT
        );
        // A line no token came from: the text's own cues.
        assert_eq!(
            of_joined("agreed", &lines(&[1, 9]), &by_line),
            Cues::OUTCOME
        );
    }
}
