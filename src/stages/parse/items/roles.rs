//! The role of each line of the item list: label, item number, title.

use std::cell::OnceCell;

use crate::stages::parse::lines::title_like;
use crate::stages::parse::numbers::{self, next_in_turn, ranks};
use crate::stages::parse::{Grammar, Section, Tok};

/// What the segmenter asks of each line, decided once per line: it asks
/// of a line as itself, as the next line, and in the page-wide checks.
pub(super) struct Lines<'t, 'a> {
    toks: &'t [Tok<'a>],
    /// "Minutes:" and the other labels, with the text after them.
    pub label: Vec<Option<(Section, &'a str)>>,
    /// A line holding only an item number, set apart from the text before
    /// it (see [`Lines::number_lines`]).
    pub number: Vec<Option<&'a str>>,
    /// [`title_like`], computed when first asked (on single-item pages
    /// and in long minutes most lines never are).
    title: Vec<OnceCell<bool>>,
}

impl<'t, 'a> Lines<'t, 'a> {
    pub fn new(toks: &'t [Tok<'a>], grammar: &Grammar) -> Self {
        let mut lines = Lines {
            toks,
            label: toks.iter().map(|t| grammar.label(t.text)).collect(),
            number: Vec::new(),
            title: vec![OnceCell::new(); toks.len()],
        };
        lines.number = lines.number_lines();
        lines
    }

    /// The lines holding only an item number, set apart from the text
    /// before them by a blank line, a table row or a finished sentence
    /// ("2024." at the end of a hard-wrapped sentence is a year); on a
    /// page that lost its blank lines, also right under an unfinished
    /// line when a title follows and the number is in turn with the number
    /// line before or after it ("... Tincknell and Windows" over "382.",
    /// between "381." and "383.").
    fn number_lines(&self) -> Vec<Option<&'a str>> {
        let toks = self.toks;
        let found = numbers::number_lines(toks);
        let ranked = ranks(&found.iter().map(|&(_, n)| n).collect::<Vec<_>>());
        let numbers: Vec<(usize, u32)> = found.iter().map(|&(i, _)| i).zip(ranked).collect();
        let mut number = vec![None; toks.len()];
        for (k, (&(i, rank), &(_, printed))) in numbers.iter().zip(&found).enumerate() {
            let apart = numbers::set_apart(toks, i);
            let in_turn = || {
                let before = k.checked_sub(1).map(|b| numbers[b].1);
                let after = numbers.get(k + 1).map(|&(_, r)| r);
                (before.is_some_and(|b| next_in_turn(b, rank))
                    || after.is_some_and(|a| next_in_turn(rank, a)))
                    && i + 1 < toks.len()
                    && self.title(i + 1)
            };
            number[i] = (apart || in_turn()).then_some(printed);
        }
        number
    }

    pub fn title(&self, i: usize) -> bool {
        *self.title[i].get_or_init(|| title_like(self.toks[i].text))
    }

    pub fn number_line(&self, i: usize) -> bool {
        self.number[i].is_some()
    }

    /// Is a label close under the title at `i` (within three lines,
    /// before another title): "Summons" over "Minutes: ...", or over a
    /// line of agenda text and then its label?
    pub fn label_under(&self, i: usize) -> bool {
        (i + 1..(i + 4).min(self.label.len()))
            .find(|&j| self.label[j].is_some() || j > i + 1 && self.title(j))
            .is_some_and(|j| self.label[j].is_some())
    }
}
