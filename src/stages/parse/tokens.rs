//! Cleaned lines -> tokens, the units the parser reasons about, and
//! tokens back to text.

use super::{Grammar, Tok, cues, lines};
use crate::model::LineMap;
use crate::stages::clean::Cleaned;

/// Tokens back to text: a gap becomes a paragraph break.
pub fn join(toks: &[Tok]) -> String {
    join_mapped(toks).0
}

/// Tokens back to text, with the source line of each token's offset.
pub fn join_mapped(toks: &[Tok]) -> (String, LineMap) {
    let mut out = String::new();
    let mut lines = Vec::with_capacity(toks.len());
    for t in toks {
        if !out.is_empty() {
            out.push_str(if t.gap > 0 { "\n\n" } else { "\n" });
        }
        lines.push((out.len(), t.line));
        out.push_str(t.text);
    }
    (out, LineMap(lines))
}

/// Lines -> tokens: markdown table rules become gaps, row pipes go, and
/// labels printed inline ("Title Additional documents: Minutes: text")
/// are split into tokens of their own.
pub fn tokens<'a>(cleaned: &'a Cleaned, grammar: &Grammar) -> Vec<Tok<'a>> {
    let mut out = Vec::with_capacity(cleaned.lines.len());
    let mut extra_gap = 0;
    let mut row = false;
    let cues = cues::per_line(cleaned);
    for (i, line) in cleaned.lines.iter().enumerate() {
        let text = cleaned.line(i);
        if text
            .chars()
            .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '*'))
            && text.contains(['|', '-'])
        {
            extra_gap += 3;
            row |= text.contains('|');
            continue;
        }
        let trimmed = text.trim_matches(|c: char| c == '|' || c == ' ');
        if lines::is_chrome(trimmed) {
            // Navigation in the item list: as if the line were blank.
            extra_gap += line.blank_before + 1;
            continue;
        }
        if trimmed.trim_matches('*').is_empty() {
            // An empty table row ("|", "* |") separates rows.
            if text.contains('|') {
                extra_gap += 3;
                row = true;
            }
            continue;
        }
        let mut tok = Tok {
            text: "",
            line: line.source_line,
            gap: line.blank_before + extra_gap,
            indent: line.indent,
            row,
            cues: cues[i],
        };
        // A line that ends a markdown row ("... |") closes the cell: the
        // next line starts a new row.
        row = text.trim_end().ends_with('|');
        extra_gap = if row { 3 } else { 0 };
        // "Date: ... | Time: ... | Venue: ...": a header's fields printed
        // on one line are read as the lines they stand for.
        if fields_side_by_side(trimmed) {
            for cell in trimmed.split(" | ") {
                tok = split_labels(cell.trim(), tok, grammar, &mut out);
            }
        } else {
            split_labels(trimmed, tok, grammar, &mut out);
        }
    }
    out
}

/// One line's (or one field cell's) tokens: the text, and each label
/// printed inline split off as a token of its own. Returns `tok` as the
/// next token on the line continues from (no gap, no row start).
fn split_labels<'a>(
    text: &'a str,
    mut tok: Tok<'a>,
    grammar: &Grammar,
    out: &mut Vec<Tok<'a>>,
) -> Tok<'a> {
    let mut rest = text;
    // Every label ends in a colon: a line without one is not searched.
    // A label word ending a field's name ("Date of Decision:") is none,
    // nor a decision named by its kind in a title ("Call-in of Cabinet
    // Decision: Car Parking Charges", "Key Decision: ...").
    let mut from = 0;
    while let Some(m) =
        memchr::memchr(b':', rest.as_bytes()).and_then(|_| grammar.inline_label.find_at(rest, from))
    {
        const JOINING: [&str; 7] = ["of", "for", "the", "to", "on", "by", "and"];
        const DECISION_KINDS: [&str; 8] = [
            "cabinet",
            "key",
            "executive",
            "officer",
            "delegated",
            "urgent",
            "individual",
            "member",
        ];
        let head = rest[..m.start()].trim();
        let before = head.rsplit(' ').next().unwrap_or("").to_lowercase();
        let names_decision = rest[m.start()..].trim_start().starts_with(['D', 'd']);
        let joined = JOINING.contains(&before.as_str())
            || names_decision && DECISION_KINDS.contains(&before.as_str());
        if joined {
            from = m.end();
            continue;
        }
        from = 0;
        if !head.is_empty() {
            out.push(Tok { text: head, ..tok });
            (tok.gap, tok.row) = (0, false);
        }
        let label_end = m.end().min(rest.len());
        out.push(Tok {
            text: rest[m.start()..label_end].trim(),
            ..tok
        });
        (tok.gap, tok.row) = (0, false);
        rest = rest[label_end..].trim_start();
    }
    if !rest.is_empty() {
        out.push(Tok { text: rest, ..tok });
        (tok.gap, tok.row) = (0, false);
    }
    tok
}

/// A line that prints fields side by side, "Date: Tuesday 10 September
/// 2024 | Time: 7.00 pm | Venue: Town Hall": every cell a short label
/// and its value.
fn fields_side_by_side(text: &str) -> bool {
    text.contains(" | ")
        && text.split(" | ").all(|cell| {
            cell.trim().split_once(':').is_some_and(|(label, value)| {
                !value.trim().is_empty()
                    && label.starts_with(char::is_uppercase)
                    && label.split(' ').count() <= 4
                    && label
                        .chars()
                        .all(|c| c.is_alphabetic() || " &-/'’".contains(c))
            })
        })
}

#[cfg(test)]
mod tests {
    use super::fields_side_by_side;

    #[test]
    fn fields_side_by_side_are_short_labels_each_with_a_value() {
        for line in [
            "Date: Tuesday, 10 September 2024 | Time: 7.00 pm | Venue: Town Hall",
            "Date & Time: Monday 3 March 2025, 6.00 pm | Venue: Town Hall",
        ] {
            assert!(fields_side_by_side(line), "{line}");
        }
        // Not a field row: a breadcrumb, a row of an item table, a cell
        // without a value.
        for line in [
            "Home | Meetings | Planning Committee",
            "1 | Apologies: none | Minutes",
            "Date: | Time: 7.00 pm",
        ] {
            assert!(!fields_side_by_side(line), "{line}");
        }
    }
}
