//! Money: every "£7.5 million", "£4.1million", "£620k", "£12,345.67", "GBP
//! 5,000" as an exact amount in pence (written as DECIMAL(18,2) GBP), with
//! its raw text, the clause it belongs to and its line span.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{AgendaItem, LineMap, MoneyAmount};

static AMOUNT: LazyLock<Regex> = LazyLock::new(|| {
    crate::stages::regex(concat!(
        r"(?:£|\bGBP)\s?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,6}))?",
        r"(?:\s?(million|mn|m|bn|billion|k|thousand)\b)?"
    ))
    .unwrap()
});

/// "4", "1", "million" -> 410_000_000 pence. Fractions of a penny round
/// half up. `None` if the amount does not fit.
pub fn pence(whole: &str, fraction: Option<&str>, scale: Option<&str>) -> Option<i128> {
    let whole: i128 = whole.replace(',', "").parse().ok()?;
    let fraction = fraction.unwrap_or("");
    let digits = fraction.len() as u32;
    let fraction_value: i128 = if fraction.is_empty() {
        0
    } else {
        fraction.parse().ok()?
    };
    let multiplier: i128 = match scale.map(str::to_lowercase).as_deref() {
        Some("million" | "mn" | "m") => 1_000_000,
        Some("bn" | "billion") => 1_000_000_000,
        Some("k" | "thousand") => 1_000,
        _ => 1,
    };
    let denominator = 10i128.checked_pow(digits)?;
    let numerator = (whole.checked_mul(denominator)? + fraction_value)
        .checked_mul(multiplier)?
        .checked_mul(100)?;
    Some((numerator + denominator / 2) / denominator)
}

/// Amounts in an item's agenda text, minutes and decision block, in that
/// order; an amount inside a decision clause is linked to it.
pub fn amounts(item: &AgendaItem) -> Vec<MoneyAmount> {
    let mut out = Vec::new();
    let texts = [
        (item.agenda_text.as_deref(), &item.agenda_lines, false),
        (item.minutes_text.as_deref(), &item.minutes_lines, true),
    ];
    for (text, lines, in_minutes) in texts {
        let Some(text) = text else { continue };
        scan(text, lines, in_minutes.then_some(item), &mut out);
    }
    // Resolutions printed in a "Decision:" block rather than the minutes.
    let minutes_lines = item
        .minutes_lines
        .0
        .first()
        .zip(item.minutes_lines.0.last());
    let in_minutes =
        |line: u32| minutes_lines.is_some_and(|((_, a), (_, b))| (*a..=*b).contains(&line));
    for (d, decision) in item.decisions.iter().enumerate() {
        for (c, clause) in decision.clauses.iter().enumerate() {
            if in_minutes(clause.span.line_start) {
                continue;
            }
            for caps in AMOUNT.captures_iter(&clause.text) {
                if let Some(amount) = from_caps(&caps) {
                    out.push(MoneyAmount {
                        clause: Some((d, c)),
                        span: clause.span,
                        ..amount
                    });
                }
            }
        }
    }
    out
}

fn scan(text: &str, lines: &LineMap, item: Option<&AgendaItem>, out: &mut Vec<MoneyAmount>) {
    for caps in AMOUNT.captures_iter(text) {
        let Some(mut amount) = from_caps(&caps) else {
            continue;
        };
        let whole = caps.get(0).expect("whole match");
        amount.span = lines.span(whole.start(), whole.end());
        amount.clause = item.and_then(|item| clause_at(item, amount.span.line_start, &amount.raw));
        out.push(amount);
    }
}

fn from_caps(caps: &regex::Captures) -> Option<MoneyAmount> {
    let pence = pence(
        caps.get(1)?.as_str(),
        caps.get(2).map(|m| m.as_str()),
        caps.get(3).map(|m| m.as_str()),
    )?;
    Some(MoneyAmount {
        pence,
        raw: caps.get(0)?.as_str().trim().to_string(),
        clause: None,
        span: Default::default(),
    })
}

/// The (decision, clause) printed on `line` whose text holds the amount.
/// Clauses are found by their lines, not by searching the minutes, so the
/// cost stays linear however long the minutes are.
fn clause_at(item: &AgendaItem, line: u32, raw: &str) -> Option<(usize, usize)> {
    item.decisions.iter().enumerate().find_map(|(d, decision)| {
        decision.clauses.iter().enumerate().find_map(|(c, clause)| {
            let span = clause.span;
            ((span.line_start..=span.line_end).contains(&line) && clause.text.contains(raw))
                .then_some((d, c))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Clause, Decision};

    fn p(text: &str) -> i128 {
        let caps = AMOUNT.captures(text).unwrap();
        from_caps(&caps).unwrap().pence
    }

    #[test]
    fn amounts_in_every_spelling() {
        assert_eq!(p("£7.5 million"), 750_000_000);
        assert_eq!(p("£4.1million"), 410_000_000);
        assert_eq!(p("£0.9 million"), 90_000_000);
        assert_eq!(p("£1.8million"), 180_000_000);
        assert_eq!(p("£620k"), 62_000_000);
        assert_eq!(p("£12,345.67"), 1_234_567);
        assert_eq!(p("£0.200m"), 20_000_000);
        assert_eq!(p("£2bn"), 200_000_000_000);
        assert_eq!(p("£10 more"), 1_000);
        assert_eq!(p("GBP 5,000"), 500_000);
        assert_eq!(p("GBP2.5m"), 250_000_000);
        assert!(AMOUNT.captures("4.1 million").is_none());
    }

    #[test]
    fn amounts_link_to_their_clause_and_line() {
        let clause_text = "the addition of £4.1million be recommended to Council";
        let minutes =
            format!("The forecast was £7.5 million.\n\nRESOLVED that:\n(c) {clause_text}");
        let item = AgendaItem {
            minutes_lines: LineMap(vec![(0, 10), (32, 12), (47, 14)]),
            minutes_text: Some(minutes),
            decisions: vec![Decision {
                clauses: vec![Clause {
                    text: clause_text.into(),
                    span: crate::model::Span::line(14),
                    ..Default::default()
                }],
                ..Default::default()
            }],
            ..Default::default()
        };
        let found = amounts(&item);
        assert_eq!(found.len(), 2);
        assert_eq!((found[0].clause, found[0].span.line_start), (None, 10));
        assert_eq!(
            (found[1].clause, found[1].span.line_start),
            (Some((0, 0)), 14)
        );
        assert_eq!(found[1].raw, "£4.1million");
    }
}
