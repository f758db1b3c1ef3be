//! The pipeline stages, in the order they run.

pub mod clean;
pub mod enrich;
pub mod html;
pub mod moderngov;
pub mod parse;
pub mod read;

/// Compiles a pattern with ASCII word boundaries: `\b` becomes
/// `(?-u:\b)`. With a Unicode `\b` the regex engine leaves its fast lazy
/// DFA for the NFA on any non-ASCII byte (every "£" or "–" in minutes),
/// which made matching 5× slower; the prose and names matched here are
/// ASCII at their word edges.
pub fn regex(pattern: &str) -> Result<regex::Regex, regex::Error> {
    let mut ascii = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            ascii.push(c);
            continue;
        }
        match chars.next() {
            Some('b') => ascii.push_str(r"(?-u:\b)"),
            Some(escaped) => {
                ascii.push('\\');
                ascii.push(escaped);
            }
            None => ascii.push('\\'),
        }
    }
    regex::RegexBuilder::new(&ascii)
        .dfa_size_limit(8 << 20)
        .build()
}

#[cfg(test)]
mod tests {
    #[test]
    fn word_boundaries_become_ascii_and_escapes_survive() {
        let re = super::regex(r"\bcost\b \\b \(£\d+\)").unwrap();
        assert_eq!(re.as_str(), r"(?-u:\b)cost(?-u:\b) \\b \(£\d+\)");
        assert!(re.is_match(r"cost \b (£5)"));
    }
}
