//! Meeting dates the page does not state, and the working-day calendar
//! (England and Wales bank holidays) they are inferred with.

use std::sync::LazyLock;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use regex::Regex;

use crate::stages::parse::parse_date;

/// "no later than 9.00am on the working day before the meeting (in this
/// case Wednesday 28 March 2018)" -> the next working day, 29 March 2018.
pub fn date_from_participation_deadline(text: &str) -> Option<NaiveDate> {
    static DEADLINE: LazyLock<Regex> = LazyLock::new(|| {
        crate::stages::regex(r"(?i)working day before the meeting\s*\(in this case\s+(?:[a-z]+day,?\s+)?(\d{1,2}(?:st|nd|rd|th)?\s+[a-z]+,?\s+\d{4})\s*\)").unwrap()
    });
    let deadline = parse_date(&DEADLINE.captures(text)?[1])?;
    let mut day = deadline;
    loop {
        day = day.checked_add_days(Days::new(1))?;
        if is_working_day(day) {
            return Some(day);
        }
    }
}

fn is_working_day(day: NaiveDate) -> bool {
    !matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
        && !english_bank_holidays(day.year()).contains(&day)
}

/// Bank holidays in England and Wales under the usual rules (substitute
/// days for weekends included). One-off holidays (jubilees, state
/// funerals, VE-day moves) are listed explicitly.
pub fn english_bank_holidays(year: i32) -> Vec<NaiveDate> {
    let date = |m, d| NaiveDate::from_ymd_opt(year, m, d).expect("valid fixed date");
    let easter = easter_sunday(year);
    let first_monday = |m| {
        (1..=7)
            .map(|d| date(m, d))
            .find(|d| d.weekday() == Weekday::Mon)
            .unwrap()
    };
    let last_monday = |m, last| {
        (last - 6..=last)
            .rev()
            .map(|d| date(m, d))
            .find(|d| d.weekday() == Weekday::Mon)
            .unwrap()
    };
    let substitute = |d: NaiveDate| match d.weekday() {
        Weekday::Sat => d + Days::new(2),
        Weekday::Sun => d + Days::new(1),
        _ => d,
    };
    let mut days = vec![
        substitute(date(1, 1)),
        easter - Days::new(2),
        easter + Days::new(1),
        last_monday(5, 31),
        last_monday(8, 31),
    ];
    match year {
        1995 | 2020 => days.push(date(5, 8)),
        _ => days.push(first_monday(5)),
    }
    let christmas = date(12, 25);
    let (xmas, boxing) = match christmas.weekday() {
        Weekday::Sat => (date(12, 27), date(12, 28)),
        Weekday::Sun => (date(12, 27), date(12, 26)),
        Weekday::Fri => (christmas, date(12, 28)),
        _ => (christmas, date(12, 26)),
    };
    days.extend([xmas, boxing]);
    let one_off: &[(i32, u32, u32)] = &[
        (2002, 6, 3),
        (2002, 6, 4),
        (2011, 4, 29),
        (2012, 6, 5),
        (2022, 6, 3),
        (2022, 9, 19),
        (2023, 5, 8),
    ];
    days.extend(
        one_off
            .iter()
            .filter(|(y, _, _)| *y == year)
            .map(|&(_, m, d)| date(m, d)),
    );
    if year == 2002 || year == 2012 || year == 2022 {
        // The spring bank holiday moved to the jubilee weekend.
        let moved = match year {
            2002 => date(6, 4),
            2012 => date(6, 4),
            _ => date(6, 2),
        };
        days.retain(|d| *d != last_monday(5, 31));
        days.push(moved);
    }
    days
}

/// Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
fn easter_sunday(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).expect("Easter is a valid date")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn deadline_gives_the_next_working_day() {
        let text = "no later than 9.00am on the working day before the meeting (in this case Wednesday 28 March 2018).";
        assert_eq!(date_from_participation_deadline(text), Some(d(2018, 3, 29)));
        // Friday deadline: the meeting is on Monday.
        let text = "the working day before the meeting (in this case 2 March 2018)";
        assert_eq!(date_from_participation_deadline(text), Some(d(2018, 3, 5)));
    }

    #[test]
    fn deadline_before_a_bank_holiday_skips_it() {
        // Thursday 29 March 2018, then Good Friday and Easter Monday.
        let text = "working day before the meeting (in this case 29 March 2018)";
        assert_eq!(date_from_participation_deadline(text), Some(d(2018, 4, 3)));
    }

    #[test]
    fn no_deadline_no_date() {
        assert_eq!(
            date_from_participation_deadline("the working day before the meeting"),
            None
        );
        assert_eq!(
            date_from_participation_deadline("(in this case 31 February 2018)"),
            None
        );
    }

    #[test]
    fn bank_holidays() {
        assert_eq!(easter_sunday(2018), d(2018, 4, 1));
        assert_eq!(easter_sunday(2024), d(2024, 3, 31));
        let h = english_bank_holidays(2022);
        assert!(h.contains(&d(2022, 12, 27)) && h.contains(&d(2022, 12, 26)));
        assert!(h.contains(&d(2022, 6, 2)) && h.contains(&d(2022, 9, 19)));
        assert!(!h.contains(&d(2022, 5, 30)));
    }
}
