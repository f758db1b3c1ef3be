use super::*;

#[test]
fn cancelled_or_postponed_after_the_time() {
    assert_eq!(
        cancelled("Planning - Wednesday, 15th January, 2025 6.00 pm CANCELLED"),
        Some("Cancelled")
    );
    assert_eq!(
        cancelled("Cabinet - Tuesday, 8th February, 2022 2.00 pm (Postponed)"),
        Some("Postponed")
    );
    assert_eq!(
        cancelled("Cabinet - Tuesday, 8th February, 2022 2.00 pm"),
        None
    );
}

#[test]
fn committee_date_lines() {
    let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    assert_eq!(
        body_and_date("Council - Wednesday, 2nd October, 2019 10.10 am"),
        Some((Some("Council".into()), d(2019, 10, 2)))
    );
    assert_eq!(
        body_and_date("Cabinet - Tuesday, 26 January 2016 2.00 pm"),
        Some((Some("Cabinet".into()), d(2016, 1, 26)))
    );
    assert_eq!(
        body_and_date(
            "Gloucestershire Health & Wellbeing Board - Tuesday 21 January 2020 10.00 am"
        ),
        Some((
            Some("Gloucestershire Health & Wellbeing Board".into()),
            d(2020, 1, 21)
        ))
    );
    assert_eq!(body_and_date("Item 5 - the report"), None);
    // A colon or a bar for the dash, after a body's name only.
    for line in [
        "Cabinet: Thursday 14 March 2024",
        "Cabinet | 14 March 2024",
        "Cabinet Agenda 14 March 2024",
        "Cabinet held on Thursday 14 March 2024",
    ] {
        assert_eq!(
            meeting_date(line),
            Some((Some("Cabinet".into()), d(2024, 3, 14))),
            "{line}"
        );
    }
    assert_eq!(
        meeting_date("Pwyllgor Gwasanaethau Ŵyl Agenda 14 March 2024"),
        Some((Some("Pwyllgor Gwasanaethau Ŵyl".into()), d(2024, 3, 14)))
    );
    assert_eq!(body_and_date("Published: 14 March 2024"), None);
    assert_eq!(
        body_and_date("Report of the Director | 14 March 2024"),
        None
    );
    assert_eq!(
        body_and_date("19/01/2023 - PART 2 MINUTES - 22 SEPTEMBER 2022 ref: 5472"),
        None
    );
    // A period: neither end is a meeting's date, on any line shape.
    for period in [
        "Decisions published: 1 April 2023 - 30 April 2023",
        "Forward plan of key decisions 01/04/2023 - 31/07/2023",
        "Meetings from Monday 6 March 2023 – Friday 10 March 2023",
    ] {
        assert_eq!(meeting_date(period), None, "{period}");
    }
    assert_eq!(
        body_and_date("Meeting: Cabinet - Tuesday, 8th February, 2022 2.00 pm"),
        Some((
            Some("Cabinet".into()),
            NaiveDate::from_ymd_opt(2022, 2, 8).unwrap()
        ))
    );
    assert_eq!(
        date_line("Friday, 14th June, 2019 2.00 pm"),
        Some(d(2019, 6, 14))
    );
    assert_eq!(date_line("Tuesday 3 March 2020"), Some(d(2020, 3, 3)));
    assert_eq!(
        date_line("Dydd Mawrth, 5ed Mawrth, 2019 10.30 am"),
        Some(d(2019, 3, 5))
    );
    // Not a meeting-date line: no weekday, or more than the date.
    assert_eq!(date_line("14 June 2019"), None);
    assert_eq!(date_line("Friday, 14th June, 2019: budget report"), None);
    assert_eq!(
        dated_field("Meeting: 26/01/2016 - Cabinet (Item 5)"),
        Some((Some("Cabinet".into()), d(2016, 1, 26)))
    );
    assert_eq!(
        dated_field("Date of decision: 03/02/2021"),
        Some((None, d(2021, 2, 3)))
    );
    assert_eq!(
        dated_field("Date of Decision: 3rd February 2021"),
        Some((None, d(2021, 2, 3)))
    );
    assert_eq!(
        dated_field("Made at meeting: 03/02/2021 - Council"),
        Some((Some("Council".into()), d(2021, 2, 3)))
    );
    assert_eq!(
        entry_item_number("Meeting: 29/09/2021 - Board (Item 2.)").as_deref(),
        Some("2")
    );
    let welsh = "Cyfarfod: 08/02/2022 - Cabinet (Eitem 7)";
    assert_eq!(
        dated_field(welsh),
        Some((Some("Cabinet".into()), d(2022, 2, 8)))
    );
    assert_eq!(entry_item_number(welsh).as_deref(), Some("7"));
    // A two-digit year, with slashes only.
    assert_eq!(
        dated_field("Meeting: 03/10/21 - Council (Item 7)"),
        Some((Some("Council".into()), d(2021, 10, 3)))
    );
    assert_eq!(
        meeting_date("Meeting: 03/10/21 - Council (Item 7)"),
        Some((Some("Council".into()), d(2021, 10, 3)))
    );
    assert_eq!(parse_uk_numeric_date("26/01/99"), Some(d(1999, 1, 26)));
    assert_eq!(parse_uk_numeric_date("26/01/216"), None);
    assert_eq!(dated_field("Meeting: 5.1.23 - Council"), None);
    // Dots and a two-digit year after a date's label, day and month in
    // two digits each.
    assert_eq!(
        dated_field("Date of Decision: 14.03.24"),
        Some((None, d(2024, 3, 14)))
    );
    assert_eq!(meeting_date("Date: 14.03.24"), Some((None, d(2024, 3, 14))));
    assert_eq!(
        meeting_date("14.03.24 The Committee noted the report"),
        None
    );
    // The time after "commencing at".
    assert_eq!(
        meeting_date(
            "Minutes of a meeting held at the Guildhall on Tuesday 9 January 2024 commencing at 6.30 pm"
        ),
        Some((None, d(2024, 1, 9)))
    );
}

#[test]
fn meeting_dates_with_a_label_a_time_span_or_in_the_minutes_opening() {
    let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    assert_eq!(
        date_line("Tuesday 10th September 2020 at 10.00 am"),
        Some(d(2020, 9, 10))
    );
    assert_eq!(
        date_line("Tuesday, 10 September 2020 10.00 am - 12.30 pm"),
        Some(d(2020, 9, 10))
    );
    assert_eq!(date_line("Monday 7 March 2022, 14:00"), Some(d(2022, 3, 7)));
    assert_eq!(
        date_line("Dydd Llun, 7fed Mawrth, 2022 2.00 y.h."),
        Some(d(2022, 3, 7))
    );
    // Every Welsh ordinal ModernGov prints: 1af, 2il, 3ydd, 5ed, 7fed, 11eg, 21ain.
    for (day, ordinal) in [
        (1, "1af"),
        (2, "2il"),
        (3, "3ydd"),
        (5, "5ed"),
        (7, "7fed"),
        (11, "11eg"),
        (19, "19eg"),
        (21, "21ain"),
    ] {
        assert_eq!(
            date_line(&format!("Dydd Mawrth, {ordinal} Mawrth, 2024 5.00 pm")),
            Some(d(2024, 3, day)),
            "{ordinal}"
        );
    }
    assert_eq!(date_line("Tues 8 Feb. 2022 2pm"), Some(d(2022, 2, 8)));
    assert_eq!(
        body_and_date("Cabinet - Tues 8 Feb 2022"),
        Some((Some("Cabinet".into()), d(2022, 2, 8)))
    );
    assert_eq!(
        body_and_date("Planning Committee - 10/09/2020 10.00 am"),
        Some((Some("Planning Committee".into()), d(2020, 9, 10)))
    );
    let labelled = |line| labelled_date(line);
    assert_eq!(
        labelled("Meeting: Tuesday, 8th February, 2022 2.00 pm"),
        Some((None, d(2022, 2, 8)))
    );
    assert_eq!(
        labelled("Date: Tuesday, 10th September, 2020 2.00 pm"),
        Some((None, d(2020, 9, 10)))
    );
    assert_eq!(
        labelled("Date of meeting: 10 September 2020"),
        Some((None, d(2020, 9, 10)))
    );
    assert_eq!(
        labelled("Meeting date: 10.09.2020"),
        Some((None, d(2020, 9, 10)))
    );
    assert_eq!(labelled("Dyddiad: 07/03/2022"), Some((None, d(2022, 3, 7))));
    assert_eq!(
        labelled(
            "Minutes of the meeting of the Licensing Committee held on Tuesday 10 September 2020 at 2.00 pm."
        ),
        Some((Some("Licensing Committee".into()), d(2020, 9, 10)))
    );
    assert_eq!(
        labelled("A meeting of the Cabinet held at County Hall, Truro on 4 May 2021"),
        Some((Some("Cabinet".into()), d(2021, 5, 4)))
    );
    assert_eq!(
        labelled(
            "Minutes of a meeting of the Planning Committee held in the Council Chamber, Civic Offices on Wednesday, 13 March 2024 at 7.00 pm."
        ),
        Some((Some("Planning Committee".into()), d(2024, 3, 13)))
    );
    // Held remotely: "via Zoom", "by video conference", "remotely".
    for line in [
        "Minutes of the Statutory Annual Meeting of Melton Parish Council held via Zoom on Wednesday 5 May 2021 commencing at 19:00.",
        "Minutes of the meeting of the Melton Parish Council held by video conference on 5 May 2021",
        "Minutes of the Melton Parish Council held virtually via Microsoft Teams on 5 May 2021 at 2.00 pm",
        "Minutes of the meeting of the Melton Parish Council held remotely on Wednesday, 5 May 2021",
    ] {
        assert_eq!(
            labelled(line),
            Some((Some("Melton Parish Council".into()), d(2021, 5, 5))),
            "{line}"
        );
    }
    assert_eq!(
        labelled(
            "MINUTES OF THE MEETING OF THE PLANNING COMMITTEE HELD ON TUESDAY, 8TH FEBRUARY 2022 AT 2.00 PM"
        ),
        Some((Some("PLANNING COMMITTEE".into()), d(2022, 2, 8)))
    );
    assert_eq!(
        labelled("Minutes of the Cabinet meeting held on Tuesday 8 February 2022"),
        Some((Some("Cabinet".into()), d(2022, 2, 8)))
    );
    assert_eq!(
        labelled("Minutes of Cabinet held on 8 February 2022 at 10am"),
        Some((Some("Cabinet".into()), d(2022, 2, 8)))
    );
    assert_eq!(
        labelled(
            "A meeting of the Health and Wellbeing Board was held on Thursday 21 March 2024 at 2pm."
        ),
        Some((Some("Health and Wellbeing Board".into()), d(2024, 3, 21)))
    );
    // The kind of meeting before "meeting" is no body's name.
    assert_eq!(
        labelled(
            "Minutes of the Annual parish meeting, held at 7.30pm in the Millennium Hall, Church Lane on 20th May 2010."
        ),
        Some((None, d(2010, 5, 20)))
    );
    assert_eq!(
        labelled(
            "Minutes of the Extraordinary Meeting of the Town Council held on 8 February 2022"
        ),
        Some((Some("Town Council".into()), d(2022, 2, 8)))
    );
    for line in [
        "Date: Tuesday 8th of February 2022 - 7.00 pm",
        "Date/Time: Tuesday 8 February 2022 2.00 pm",
        "Date & Time: Tuesday 8 February 2022, 2.00pm",
        "When: Tuesday 8 February 2022 12 noon",
        "Held on Tuesday 8 February 2022",
    ] {
        assert_eq!(labelled(line), Some((None, d(2022, 2, 8))), "{line}");
    }
    // Other dates near the top are not the meeting's.
    assert_eq!(
        labelled(
            "Minutes of Previous Meeting To approve the minutes of the council meeting held on 13 May 2014."
        ),
        None
    );
    assert_eq!(labelled("Date of publication: 10 September 2020"), None);
    assert_eq!(
        labelled("Date: 10 September 2020: deadline for questions"),
        None
    );
    assert_eq!(
        labelled("The next meeting will be held on 10 October 2020."),
        None
    );
}

#[test]
fn meetings_named_and_dated_in_a_page_title_or_without_a_dash() {
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    for (line, body, date) in [
        (
            "Agenda for Cabinet on Tuesday, 8th February, 2022, 2.00 pm",
            "Cabinet",
            d(2022, 2, 8),
        ),
        (
            "Agenda and minutes for the Audit Committee on 8 Feb 2022",
            "Audit Committee",
            d(2022, 2, 8),
        ),
        (
            "Meeting of Full Council, Thursday 10 March 2022 7.00 pm",
            "Full Council",
            d(2022, 3, 10),
        ),
        (
            "Planning Committee on Wednesday 9 March 2022",
            "Planning Committee",
            d(2022, 3, 9),
        ),
        (
            "Licensing Sub-Committee, 9 March 2022",
            "Licensing Sub-Committee",
            d(2022, 3, 9),
        ),
        (
            "Planning Committee Thursday, 5 September 2024 at 7.00 pm",
            "Planning Committee",
            d(2024, 9, 5),
        ),
        (
            "Minutes of the Planning Committee held on Tuesday 12 March 2024 at 10am",
            "Planning Committee",
            d(2024, 3, 12),
        ),
        (
            "MINUTES OF THE MEETING OF THE LICENSING COMMITTEE HELD ON WEDNESDAY 6 MARCH 2024 AT 6.00 PM",
            "LICENSING COMMITTEE",
            d(2024, 3, 6),
        ),
        // The venue between "held" and the date is not the body's.
        (
            "Minutes of the Meeting of Environment Committee held in the Council Chamber on Monday 4 March 2024 at 7.00 pm",
            "Environment Committee",
            d(2024, 3, 4),
        ),
        (
            "Minutes of the Environment Committee held in the Council Chamber on Monday 4 March 2024",
            "Environment Committee",
            d(2024, 3, 4),
        ),
    ] {
        assert_eq!(
            meeting_date(line),
            Some((Some(body.into()), date)),
            "{line}"
        );
    }
    for (line, body, date) in [
        (
            "NOTICE IS HEREBY GIVEN that a meeting of the Cabinet will be held on Tuesday 8 February 2022 at 2.00 pm in the Council Chamber.",
            Some("Cabinet"),
            d(2022, 2, 8),
        ),
        (
            "A meeting of the Planning Committee will be held at County Hall on 9 March 2022",
            Some("Planning Committee"),
            d(2022, 3, 9),
        ),
        (
            "Meeting of the Cabinet to be held on Tuesday 8 February 2022 at 10.00 am",
            Some("Cabinet"),
            d(2022, 2, 8),
        ),
        (
            "Draft minutes of the Cabinet, 8 February 2022",
            Some("Cabinet"),
            d(2022, 2, 8),
        ),
        ("Date: 2022-02-08", None, d(2022, 2, 8)),
        ("Meeting date: 08-Feb-2022", None, d(2022, 2, 8)),
        ("Meeting date Tuesday 8 February 2022", None, d(2022, 2, 8)),
        ("Held on: Tuesday, 8th February 2022", None, d(2022, 2, 8)),
    ] {
        assert_eq!(
            meeting_date(line),
            Some((body.map(String::from), date)),
            "{line}"
        );
    }
    assert_eq!(
        meeting_date(
            "Cabinet - Tuesday, 8th February, 2022 2.00 pm, MOVED TO Tuesday, 15th February, 2022 2.00 pm"
        ),
        Some((Some("Cabinet".into()), d(2022, 2, 15)))
    );
    // A body's name right before the date, as printed minutes head their
    // page ("CABINET 19 MARCH 2024"); prose before a date is no body.
    assert_eq!(
        meeting_date("Planning Committee 5 September 2024"),
        Some((Some("Planning Committee".into()), d(2024, 9, 5)))
    );
    assert_eq!(meeting_date("The report was noted 5 September 2024"), None);
    assert_eq!(
        meeting_date("Date: 19/03/2024 Time: 5.00 pm"),
        Some((None, d(2024, 3, 19)))
    );
    assert_eq!(meeting_date("Report of 3-Year-2024 plans"), None);
    assert_eq!(
        date_under_label("Date decision made:", "15 March 2022"),
        Some(d(2022, 3, 15))
    );
    assert_eq!(
        date_under_label("Date:", "Tuesday, 8th February, 2022 2.00 pm"),
        Some(d(2022, 2, 8))
    );
    assert_eq!(date_under_label("Purpose:", "15 March 2022"), None);
    assert_eq!(date_under_label("Date:", "To be confirmed"), None);
    // The next meeting, in minutes, is not this one.
    assert_eq!(
        meeting_date("The next meeting of the Cabinet will be held on 8 March 2022."),
        None
    );
    // Prose, or a name that is no body's, dates no meeting.
    assert_eq!(meeting_date("The report was noted on 9 March 2022"), None);
    assert_eq!(meeting_date("Closing Date, 9 March 2022"), None);
}

#[test]
fn clock_times() {
    let t = |h, m| NaiveTime::from_hms_opt(h, m, 0);
    assert_eq!(clock_time("10.00 am"), t(10, 0));
    assert_eq!(clock_time("2.30pm"), t(14, 30));
    assert_eq!(clock_time("12.15 pm"), t(12, 15));
    assert_eq!(clock_time("12.00 am"), t(0, 0));
    assert_eq!(clock_time("14:00"), t(14, 0));
    assert_eq!(clock_time("noon"), t(12, 0));
    assert_eq!(clock_time("2 p.m."), t(14, 0));
    assert_eq!(clock_time("10.30 y.b."), t(10, 30));
    assert_eq!(clock_time("13.00 pm"), None);
    assert_eq!(
        time_in("Cabinet - Tuesday, 8th February, 2022 2.00 pm"),
        t(14, 0)
    );
    assert_eq!(time_in("Planning Committee - 10/09/2020 10:00"), t(10, 0));
    assert_eq!(time_in("Date: 12.03.2024"), None);
    assert_eq!(
        time_in(
            "Cabinet - Tuesday, 8th February, 2022 2.00 pm, MOVED TO Tuesday, 15th February, 2022 6.30 pm"
        ),
        t(18, 30)
    );
}

#[test]
fn a_start_time_without_am_or_pm_ends_the_date_line() {
    let t = |h, m| NaiveTime::from_hms_opt(h, m, 0);
    assert_eq!(
        time_in("Cabinet - Tuesday, 19th March, 2024 10.00"),
        t(10, 0)
    );
    assert_eq!(
        time_in("Cabinet - Tuesday, 19th March, 2024 18.30"),
        t(18, 30)
    );
    assert_eq!(time_in("10.00"), t(10, 0));
    // A date's day and month, or a paragraph number, are no time.
    assert_eq!(time_in("Date: 19.03.24"), None);
    assert_eq!(time_in("Cabinet - 19.03.2024"), None);
    assert_eq!(time_in("Cabinet - Tuesday, 19th March, 2024 25.00"), None);
}

#[test]
fn month_first_dates_and_dates_in_brackets() {
    let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    assert_eq!(parse_date("April 8, 2024"), Some(d(2024, 4, 8)));
    assert_eq!(parse_date("Sept. 3rd 2024"), Some(d(2024, 9, 3)));
    assert_eq!(parse_date("Item 8, 2024"), None);
    assert_eq!(
        meeting_date("Cabinet - Monday, April 8, 2024 6.00 pm"),
        Some((Some("Cabinet".into()), d(2024, 4, 8)))
    );
    assert_eq!(
        meeting_date("Cabinet (09/04/2024)"),
        Some((Some("Cabinet".into()), d(2024, 4, 9)))
    );
    // An unclosed bracket, or a name that is no body's: no meeting date.
    assert_eq!(titled_date("Cabinet (09/04/2024"), None);
    assert_eq!(titled_date("The report (09/04/2024)"), None);
    // Day first still wins where both could be read.
    assert_eq!(parse_date("8 April 2024"), Some(d(2024, 4, 8)));
}

#[test]
fn numeric_dates_with_dashes_and_one_separator_throughout() {
    let march_16 = NaiveDate::from_ymd_opt(2024, 3, 16);
    let cabinet = Some("Cabinet".to_string());
    for (line, found) in [
        (
            "Meeting: 16-03-2024 - Cabinet (Item 7)",
            dated_field as fn(&str) -> _,
        ),
        ("Cabinet - 16-03-2024 10:00", meeting_date),
    ] {
        assert_eq!(
            found(line),
            march_16.map(|d| (cabinet.clone(), d)),
            "{line}"
        );
    }
    for line in [
        "Meeting: 16/03.2024 - Cabinet",
        "Meeting: 2023-24 - Cabinet",
    ] {
        assert_eq!(dated_field(line), None, "{line}");
    }
}

#[test]
fn the_title_of_a_document_dates_no_meeting() {
    // The minutes of the last meeting, as an item's title with its file,
    // or alone: a document, not the body meeting on that date.
    for line in [
        "MINUTES - 15 MARCH 2022 PDF 295 KB To approve as a correct record the Minutes.",
        "Minutes - 15 March 2022",
        "Minutes of the meeting held on 7 January 2019 pdf icon PDF 230 KB",
    ] {
        assert_eq!(meeting_date(line), None, "{line}");
    }
    assert_eq!(body_and_date("Minutes - 15 March 2022"), None);
    assert_eq!(
        meeting_date("Cabinet - 15 March 2022"),
        Some((
            Some("Cabinet".into()),
            NaiveDate::from_ymd_opt(2022, 3, 15).unwrap()
        ))
    );
}

#[test]
fn a_moved_meeting_is_named_without_the_note() {
    assert_eq!(
        body_and_date("Moved from 9th October 2018, Cabinet - Tuesday, 2nd October, 2018 2.00 pm"),
        Some((
            Some("Cabinet".into()),
            NaiveDate::from_ymd_opt(2018, 10, 2).unwrap()
        ))
    );
}
