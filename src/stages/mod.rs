//! The pipeline stages, in the order they run.

pub mod clean;
pub mod enrich;
pub mod link;
pub mod parse;
pub mod read;
pub mod write;

/// Compiles a pattern with ASCII word boundaries: `\b` becomes
/// `(?-u:\b)`. With a Unicode `\b` the regex engine leaves its fast lazy
/// DFA for the NFA on any non-ASCII byte (every "£" or "–" in minutes),
/// which made matching 5× slower; the prose and names matched here are
/// ASCII at their word edges. For the same reason `\d` is an ASCII digit
/// and `\w` a Latin word character (ASCII letters, digits, `_` and the
/// accented letters of U+00C0–U+024F, which hold every letter of English,
/// Welsh, Scottish Gaelic and Irish): all of Unicode's `\w` makes each
/// automaton state far bigger to build, for scripts minutes do not use.
pub fn regex(pattern: &str) -> Result<regex::Regex, regex::Error> {
    regex::RegexBuilder::new(&ascii_classes(pattern))
        .dfa_size_limit(8 << 20)
        .build()
}

/// [`regex`] for several patterns matched in one pass: which of them
/// match a text, where trying each in turn would read it once per pattern.
pub fn regex_set(patterns: &[String]) -> Result<regex::RegexSet, regex::Error> {
    regex::RegexSetBuilder::new(patterns.iter().map(|p| ascii_classes(p)))
        .dfa_size_limit(8 << 20)
        .build()
}

/// [`regex`] for a pattern run only where a literal it starts with was
/// found (see `enrich::vocabulary`): the regex-automata engine under
/// `regex`, which can search anchored at one position while its `\b`
/// still sees the text before it.
pub fn anchored_regex(
    pattern: &str,
) -> Result<regex_automata::meta::Regex, Box<regex_automata::meta::BuildError>> {
    regex_automata::meta::Regex::builder()
        .configure(regex_automata::meta::Config::new().dfa_size_limit(Some(8 << 20)))
        .build(&ascii_classes(pattern))
        .map_err(Box::new)
}

/// `\b`, `\d` and `\w` in `pattern` rewritten to their ASCII (and Latin)
/// forms, as [`regex`] documents.
fn ascii_classes(pattern: &str) -> String {
    let mut ascii = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            ascii.push(c);
            continue;
        }
        match chars.next() {
            Some('b') => ascii.push_str(r"(?-u:\b)"),
            Some('d') => ascii.push_str("[0-9]"),
            Some('w') => ascii.push_str(r"[0-9A-Za-z_\x{C0}-\x{24F}]"),
            Some(escaped) => {
                ascii.push('\\');
                ascii.push(escaped);
            }
            None => ascii.push('\\'),
        }
    }
    ascii
}

/// `re.captures(text)` for the patterns tried on every line, which most
/// lines fail: `Regex::captures` allocates its slots before it searches,
/// `is_match` does not (slice A: ~144 000 allocations per 1 000 pages).
pub fn captures<'t>(re: &regex::Regex, text: &'t str) -> Option<regex::Captures<'t>> {
    re.is_match(text).then(|| re.captures(text)).flatten()
}

#[cfg(test)]
mod tests {
    #[test]
    fn captures_is_regex_captures() {
        let re = super::regex(r"^(\d+)\.\s+(.*)$").unwrap();
        for text in ["12. Minutes", "Minutes", "", "3.", "4.  Budget 2024"] {
            let ours = super::captures(&re, text).map(|c| (c[1].to_string(), c[2].to_string()));
            let theirs = re
                .captures(text)
                .map(|c| (c[1].to_string(), c[2].to_string()));
            assert_eq!(ours, theirs, "{text}");
        }
        assert!(super::captures(&re, "12. Minutes").is_some());
    }

    #[test]
    fn word_boundaries_become_ascii_and_escapes_survive() {
        let re = super::regex(r"\bcost\b \\b \(£\d+\)").unwrap();
        assert_eq!(re.as_str(), r"(?-u:\b)cost(?-u:\b) \\b \(£[0-9]+\)");
        assert!(re.is_match(r"cost \b (£5)"));
        assert!(
            !re.is_match("cost \\b (£٥)"),
            "an Arabic-Indic digit is not \\d"
        );
    }

    #[test]
    fn word_characters_are_latin_inside_and_outside_classes() {
        let re = super::regex(r"^\w+ [\w'-]+$").unwrap();
        assert!(re.is_match("Ynys Môn's"));
        assert!(re.is_match("Gŵyl Dewi-Sant"));
        assert!(!re.is_match("Council Совет"));
    }
}
