//! `etl synth`: a scale corpus made from real pages, for benchmarks that
//! anyone can reproduce without the 2 million pages they stand for.
//!
//! Each document keeps the skeleton of a real page (headings, item
//! numbers, titles, labels, RESOLVED lines, attachment lines) and replaces
//! its prose lines with text of the same length from a word-level Markov
//! chain trained on all the real pages' prose, so it parses like a real
//! page and compresses like real minutes (copies of a few files would
//! compress ~200× and make every write-stage figure meaningless). Minute
//! numbers are renumbered and years shifted per document. Deterministic:
//! the same sources, size and seed give the same corpus.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

pub struct Options {
    /// Pages whose skeletons are reused, in turn.
    pub skeletons: PathBuf,
    /// More real pages to learn prose from (optional).
    pub prose: Option<PathBuf>,
    pub out: PathBuf,
    /// Stop after this many bytes.
    pub bytes: u64,
    pub seed: u64,
}

/// What was written.
#[derive(Debug)]
pub struct Written {
    pub documents: usize,
    pub bytes: u64,
}

pub fn synth(options: &Options) -> Result<Written> {
    let skeletons = read_pages(&options.skeletons)?;
    let mut training = skeletons.clone();
    if let Some(dir) = &options.prose {
        training.extend(read_pages(dir)?);
    }
    let chain = Chain::train(&training);
    if chain.starts.is_empty() {
        bail!("no prose lines (sentences, or 80 characters or more) to learn from");
    }
    let mut rng = SplitMix(options.seed);
    let mut written = Written {
        documents: 0,
        bytes: 0,
    };
    while written.bytes < options.bytes {
        let n = written.documents;
        let page = generate(&skeletons[n % skeletons.len()], n, &chain, &mut rng);
        let dir = options.out.join(format!("{:04}", n / 1000));
        if n.is_multiple_of(1000) {
            fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        }
        let path = dir.join(format!("{n:07}.txt"));
        fs::write(&path, &page).with_context(|| format!("cannot write {}", path.display()))?;
        written.bytes += page.len() as u64;
        written.documents += 1;
    }
    Ok(written)
}

fn read_pages(dir: &Path) -> Result<Vec<String>> {
    let mut paths: Vec<PathBuf> = fs::read_dir(dir)
        .with_context(|| format!("cannot read {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    let pages: Vec<String> = paths
        .iter()
        .filter_map(|p| fs::read_to_string(p).ok())
        .collect();
    if pages.is_empty() {
        bail!("no readable .txt pages in {}", dir.display());
    }
    Ok(pages)
}

/// Where a prose line's replaceable text starts, or None for a structure
/// line. Prose lines are long, or are sentences; structure (headings,
/// numbers, labels) is kept as it is, and so are the lead of a resolution
/// ("RESOLVED: That ") and a clause's label ("(b) "), whose text is prose:
/// kept whole, the long resolutions and clauses of the few short pages
/// repeat verbatim and the corpus compresses far better than minutes do.
fn prose_start(line: &str) -> Option<usize> {
    let t = line.trim_start_matches([' ', '\u{a0}', '•', '·', '-']);
    let chars = line.chars().count();
    let sentence = chars >= 30 && t.ends_with('.') && t.split_whitespace().count() >= 5;
    if !(chars >= 80 || sentence) {
        return None;
    }
    let indent = line.len() - t.len();
    let label = if t.starts_with("RESOLVED") {
        // The opener and the word after it: "RESOLVED: That ", "RESOLVED – ".
        let mut words = t.match_indices(' ').map(|(i, _)| i + 1);
        words.nth(1)?
    } else {
        clause_label(t)
    };
    let start = indent + label;
    (line.len() - start >= 30).then_some(start)
}

/// The length of a clause label ("(b) ", "(iii) "), 0 if there is none.
fn clause_label(t: &str) -> usize {
    match t.strip_prefix('(').and_then(|rest| rest.find(')')) {
        Some(close) if close <= 4 => {
            let after = close + 2;
            after + usize::from(t[after..].starts_with(' '))
        }
        _ => 0,
    }
}

/// An order-2 word Markov chain.
struct Chain<'a> {
    next: HashMap<(&'a str, &'a str), Vec<&'a str>>,
    starts: Vec<(&'a str, &'a str)>,
}

impl<'a> Chain<'a> {
    fn train(pages: &'a [String]) -> Chain<'a> {
        let mut next: HashMap<(&str, &str), Vec<&str>> = HashMap::new();
        let prose = pages
            .iter()
            .flat_map(|p| p.lines())
            .filter_map(|line| Some(&line[prose_start(line)?..]));
        for line in prose {
            let words: Vec<&str> = line.split_whitespace().collect();
            for w in words.windows(3) {
                next.entry((w[0], w[1])).or_default().push(w[2]);
            }
        }
        let mut starts: Vec<(&str, &str)> = next
            .keys()
            .filter(|(a, _)| a.starts_with(char::is_uppercase))
            .copied()
            .collect();
        starts.sort_unstable();
        Chain { next, starts }
    }

    /// About `chars` characters of prose.
    fn prose(&self, chars: usize, rng: &mut SplitMix) -> String {
        let mut out = String::with_capacity(chars + 16);
        let (mut a, mut b) = self.starts[rng.below(self.starts.len())];
        out.push_str(a);
        out.push(' ');
        out.push_str(b);
        while out.len() < chars {
            match self.next.get(&(a, b)) {
                Some(words) => {
                    let c = words[rng.below(words.len())];
                    out.push(' ');
                    out.push_str(c);
                    (a, b) = (b, c);
                }
                None => {
                    (a, b) = self.starts[rng.below(self.starts.len())];
                    out.push(' ');
                    out.push_str(a);
                    out.push(' ');
                    out.push_str(b);
                }
            }
        }
        out
    }
}

fn generate(skeleton: &str, n: usize, chain: &Chain, rng: &mut SplitMix) -> String {
    let offset = 1000 + n as u64 * 37;
    let year_shift = rng.below(10) as u32;
    let mut out = String::with_capacity(skeleton.len() + 64);
    for line in skeleton.split('\n') {
        if let Some(start) = prose_start(line) {
            out.push_str(&line[..start]);
            out.push_str(&chain.prose(line.len() - start, rng));
        } else if let Some(number) = line
            .strip_suffix('.')
            .filter(|d| (3..=4).contains(&d.len()) && d.bytes().all(|b| b.is_ascii_digit()))
        {
            // "1836." -> a minute number of its own.
            let renumbered = number.parse::<u64>().unwrap_or(0) + offset;
            out.push_str(&format!("{renumbered}."));
        } else {
            out.push_str(&shift_years(line, year_shift));
        }
        out.push('\n');
    }
    out.pop();
    out
}

/// "2018" -> "2015" for a shift of 3; only years 2000-2029.
fn shift_years(line: &str, shift: u32) -> String {
    let bytes = line.as_bytes();
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while i < line.len() {
        let is_year = i + 4 <= bytes.len()
            && bytes[i] == b'2'
            && bytes[i + 1] == b'0'
            && (b'0'..=b'2').contains(&bytes[i + 2])
            && bytes[i + 3].is_ascii_digit()
            && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric())
            && bytes.get(i + 4).is_none_or(|b| !b.is_ascii_alphanumeric());
        if is_year {
            let year: u32 = line[i..i + 4].parse().unwrap_or(2000);
            out.push_str(&(year - shift.min(year - 2000)).to_string());
            i += 4;
        } else {
            let ch = line[i..].chars().next().unwrap_or(' ');
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    out
}

/// SplitMix64: a tiny, stable generator, so a seed means the same corpus
/// on every machine and every version.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_shift_and_numbers_renumber_but_structure_stays() {
        assert_eq!(
            shift_years("29 March 2018, 2018/19, 12018", 3),
            "29 March 2015, 2015/19, 12018"
        );
        let pages = vec![format!(
            "1836.\n\nApologies\n\nRESOLVED that {}\n\n{}",
            "the report be noted ".repeat(5),
            "The Committee considered the report of the Director on the budget for the coming year and asked questions."
        )];
        let chain = Chain::train(&pages);
        let mut rng = SplitMix(7);
        let page = generate(&pages[0], 2, &chain, &mut rng);
        let lines: Vec<&str> = page.lines().collect();
        assert_eq!(lines[0], "2910.");
        assert_eq!(lines[2], "Apologies");
        assert!(lines[4].starts_with("RESOLVED that "), "the opener stays");
        assert_ne!(
            lines[4],
            pages[0].lines().nth(4).unwrap(),
            "its text is new"
        );
        assert!(lines[6].len() >= 100);
        assert!(
            lines[6].split(' ').all(|w| pages[0].contains(w)),
            "prose from the real text"
        );
        let again = generate(&pages[0], 2, &chain, &mut SplitMix(7));
        assert_eq!(page, again, "deterministic");
    }
}
