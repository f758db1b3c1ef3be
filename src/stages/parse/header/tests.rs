use super::*;

fn c(line: &str) -> Option<(String, Option<String>)> {
    contact(line).map(|c| (c.name, c.role))
}

#[test]
fn printed_minutes_name_their_venue_before_or_after_the_date() {
    for (line, venue) in [
        (
            "Minutes of a meeting of the Cabinet held at the Guildhall, Market Square on Tuesday 10 September 2020 at 2.00 pm.",
            Some("Guildhall, Market Square"),
        ),
        (
            "MINUTES of a meeting of the PLANNING COMMITTEE held on Wednesday, 13 March 2024 at 6.30 pm in the Council Chamber, Civic Offices",
            Some("Council Chamber, Civic Offices"),
        ),
        (
            "Minutes of the meeting of the Cabinet held on Tuesday 10 September 2020 at 2.00 pm.",
            None,
        ),
        (
            "MINUTES OF THE MEETING OF THE COUNCIL HELD IN THE COUNCIL CHAMBER, CIVIC OFFICES, ON WEDNESDAY 24 JANUARY 2024 AT 7.30 PM",
            Some("COUNCIL CHAMBER, CIVIC OFFICES"),
        ),
        (
            "Minutes of the meeting of the Parish Council held at 7.30pm in the Village Hall, Church Lane on 20th May 2010.",
            Some("Village Hall, Church Lane"),
        ),
        (
            "Minutes of the Annual Meeting held at 19:00 at Ashby Pavilion on Monday 6 May 2024",
            Some("Ashby Pavilion"),
        ),
    ] {
        assert_eq!(opening_venue(line).as_deref(), venue, "{line}");
        assert!(meeting_date(line).is_some(), "{line}");
    }
}

#[test]
fn venue_drops_view_directions() {
    assert_eq!(
        venue("Venue: County Hall, Worcester. View directions").as_deref(),
        Some("County Hall, Worcester")
    );
    assert_eq!(
        venue("Lleoliad: Siambr, Caernarfon. Gweld cyfarwyddiadau").as_deref(),
        Some("Siambr, Caernarfon")
    );
    assert_eq!(venue("Venues and more"), None);
    for line in [
        "Place: County Hall, Worcester",
        "Location: County Hall, Worcester",
        "Meeting venue: County Hall, Worcester",
        "Where: County Hall, Worcester",
    ] {
        assert_eq!(
            venue(line).as_deref(),
            Some("County Hall, Worcester"),
            "{line}"
        );
    }
}

#[test]
fn contact_keeps_name_and_role_and_drops_phone_and_email() {
    let name_role = |n: &str, r: &str| Some((n.to_string(), Some(r.to_string())));
    assert_eq!(
        c("Contact: Nichola Garner  Committee and Appellate Officer"),
        name_role("Nichola Garner", "Committee and Appellate Officer")
    );
    assert_eq!(
        c("Contact: Joel Cook - Democratic Services Manager 03000 416892"),
        name_role("Joel Cook", "Democratic Services Manager")
    );
    assert_eq!(
        c("Contact: Sue Whitehead  Tel: (01865) 810262; E-Mail:  sue@x.gov.uk"),
        Some(("Sue Whitehead".into(), None))
    );
    assert_eq!(
        c("Contact: Sharon Turner: Democratic Services Officer  Email: st@x.gov.uk"),
        name_role("Sharon Turner", "Democratic Services Officer")
    );
    assert_eq!(
        c("Contact Officer: Andrea Clarke, Democratic Services Officer"),
        name_role("Andrea Clarke", "Democratic Services Officer")
    );
    assert_eq!(
        c("Enquiries to: Andrea Clarke 01452 324203"),
        Some(("Andrea Clarke".into(), None))
    );
    // A sentence leading into the contact's details names no one.
    for (line, name) in [
        (
            "Contact: For all enquiries please contact Email: dem@x.gov.uk  01424 787813",
            None,
        ),
        (
            "Contact: Please contact Andrea Clarke on 01452 324203",
            Some("Andrea Clarke"),
        ),
        (
            "Contact: For further information, contact Democratic Services",
            Some("Democratic Services"),
        ),
    ] {
        assert_eq!(c(line), name.map(|n| (n.to_string(), None)), "{line}");
    }
    assert_eq!(
        c("Contact: Andrea Clarke 01452 324203 "),
        Some(("Andrea Clarke".into(), None))
    );
    assert_eq!(
        c("Contact: Democratic Services Email: ds@dover.gov.uk"),
        Some(("Democratic Services".into(), None))
    );
    // The sentence's stop goes; an initial's stays.
    assert_eq!(
        c("Contact: Jane Doe. Tel: 01234 567890"),
        Some(("Jane Doe".into(), None))
    );
    assert_eq!(
        c("Contact: Jane D. Tel: 01234 567890"),
        Some(("Jane D.".into(), None))
    );
    assert_eq!(
        c("Contact: Committee Services (01462) 474655"),
        Some(("Committee Services".into(), None))
    );
    assert_eq!(
        c("Contact: Mr Jim Hanna, Senior Democratic Services Officer  028 9027 0549"),
        name_role("Mr Jim Hanna", "Senior Democratic Services Officer")
    );
    assert_eq!(
        c("Contact: Council Secretary: Ian Willett"),
        name_role("Ian Willett", "Council Secretary")
    );
    assert_eq!(c("Clerk: Jane Lowe"), name_role("Jane Lowe", "Clerk"));
    // The words that lead into a number or a web address are dropped,
    // with the word opening their sentence.
    assert_eq!(
        c("Contact: Jane Lowe on 01234 567890"),
        Some(("Jane Lowe".into(), None))
    );
    for line in [
        "Contact: Governance Unit  The webcast can be viewed at http://www.x.public-i.tv",
        "Contact: Governance Unit The webcast can be viewed at http://www.x.public-i.tv",
        "Contact: Governance Unit  This meeting will be webcast live at www.x.public-i.tv",
    ] {
        assert_eq!(c(line), Some(("Governance Unit".into(), None)), "{line}");
    }
    assert_eq!(
        c("Contact: Jane Lowe, Democratic Services Officer, please see www.x.gov.uk"),
        name_role("Jane Lowe", "Democratic Services Officer")
    );
    assert_eq!(
        c("Contact: Democratic services 01234 567890"),
        Some(("Democratic services".into(), None))
    );
    assert_eq!(
        c("Clerk to the Committee: Jane Lowe"),
        name_role("Jane Lowe", "Clerk to the Committee")
    );
    assert_eq!(
        c("Contact name: Jane Lowe"),
        Some(("Jane Lowe".into(), None))
    );
    assert_eq!(
        c("Democratic Services Officer: Jane Lowe  01234 567890"),
        name_role("Jane Lowe", "Democratic Services Officer")
    );
    assert_eq!(
        c("Committee Administrator: Jane Lowe"),
        name_role("Jane Lowe", "Committee Administrator")
    );
    assert_eq!(
        c("For further information please contact: Jane Lowe, Scrutiny Officer"),
        name_role("Jane Lowe", "Scrutiny Officer")
    );
    assert_eq!(
        c("Contact: Sam Wilcock Democratic Services Officer"),
        name_role("Sam Wilcock", "Democratic Services Officer")
    );
    assert_eq!(
        c("Cyswllt: Eirian Roberts  01286 679018"),
        Some(("Eirian Roberts".into(), None))
    );
    assert_eq!(
        c(
            "Contact: Carys Walker, Partnership Committee Officer  Room 357, Council Offices, Knowle Green"
        ),
        name_role("Carys Walker", "Partnership Committee Officer")
    );
    assert_eq!(
        c("Contact: Jo Bell - Clerk, Legal and Democratic  County Hall"),
        name_role("Jo Bell", "Clerk, Legal and Democratic")
    );
    assert_eq!(
        c("Contact: Yamina Rhouati Email:"),
        Some(("Yamina Rhouati".into(), None))
    );
}

#[test]
fn the_dating_sentence_under_a_date_field_gives_the_venue() {
    let header = |lines: &[&'static str]| {
        let meeting = meeting_header(&crate::stages::parse::lines_as_toks(lines)).0;
        (meeting.venue, meeting.start_time.map(|t| t.to_string()))
    };
    let sentence = "Minutes of Meeting of the Glenmorven Council held in the Council Chamber, Council Offices, Strathan on Thursday, 12 September 2024 at 10.30am.";
    let chamber = Some("Council Chamber, Council Offices, Strathan".to_string());
    assert_eq!(
        header(&[
            "Glenmorven Council",
            "Date: Thursday, 12 September 2024",
            sentence
        ]),
        (chamber.clone(), Some("10:30:00".to_string()))
    );
    // A time under the date already: the sentence still gives the venue.
    assert_eq!(
        header(&["Date: Thursday, 12 September 2024 10.30 am", sentence]).0,
        chamber
    );
    // Hard-wrapped: the sentence's first line is no venue, and both of
    // its lines are header.
    let wrapped = [
        "Date: Thursday, 12 September 2024",
        "Minutes of Meeting of the Glenmorven Council held in the Council Chamber,",
        "Council Offices, Strathan on Thursday, 12 September 2024 at 10.30am.",
        "1. Calling of the Roll",
    ];
    let mut toks = crate::stages::parse::lines_as_toks(&wrapped);
    toks[2].gap = 0;
    let (meeting, end) = meeting_header(&toks);
    assert_eq!(
        (
            meeting.venue,
            meeting.start_time.map(|t| t.to_string()),
            end
        ),
        (chamber, Some("10:30:00".to_string()), 3)
    );
}

#[test]
fn the_start_time_on_the_date_line_or_under_it() {
    let time = |lines: &[&'static str]| {
        meeting_header(&crate::stages::parse::lines_as_toks(lines))
            .0
            .start_time
            .map(|t| t.to_string())
    };
    let seven = Some("19:00:00".to_string());
    assert_eq!(time(&["Cabinet - Monday, 4 December 2023 7.00 pm"]), seven);
    assert_eq!(
        time(&[
            "Cabinet – 4 December 2023",
            "Date and Time: Monday, 4 December 2023 at 7.00 pm"
        ]),
        seven
    );
    assert_eq!(time(&["Date: Monday, 4 December 2023", "7.00 pm"]), seven);
    assert_eq!(
        time(&["Date: Monday, 4 December 2023", "Time: 7.00 pm"]),
        seven
    );
    assert_eq!(
        time(&["Date: Monday, 4 December 2023", "Venue: Room 7"]),
        None
    );
}

#[test]
fn the_body_named_on_the_line_above_the_date() {
    let header = |lines: &[&'static str]| {
        let (m, _) = meeting_header(&crate::stages::parse::lines_as_toks(lines));
        (m.body_name, m.start_date)
    };
    let date = NaiveDate::from_ymd_opt(2020, 9, 10);
    assert_eq!(
        header(&[
            "Planning Committee",
            "Tuesday, 10th September, 2020 10.00 am"
        ]),
        (Some("Planning Committee".into()), date)
    );
    assert_eq!(
        header(&["Cabinet", "Date of meeting: 10.09.2020"]),
        (Some("Cabinet".into()), date)
    );
    // Without its weekday, a date is the meeting's only under the body's name.
    assert_eq!(
        header(&["Cabinet", "10 September 2020 2.00 pm"]),
        (Some("Cabinet".into()), date)
    );
    assert_eq!(header(&["Published on", "10 September 2020"]), (None, None));
    // A closed body keeps the note after its name, and is still a body.
    for body in [
        "Licensing Committee (expired)",
        "Planning Board (2005-2015)",
    ] {
        assert_eq!(
            header(&[body, "Thursday, 10th September, 2020 7.30 pm"]),
            (Some(body.into()), date),
            "{body}"
        );
    }
    assert_eq!(
        header(&["Report (attached)", "10 September 2020"]),
        (None, None)
    );
    // The time first, also glued to the date as a PDF's cells come out.
    for line in [
        "2.00pm 10 September 2020",
        "2.00pm1 0 September 2020",
        "2.00pm10 September 2020",
    ] {
        let expected = if line.contains("1 0") { None } else { date };
        assert_eq!(header(&["Cabinet", line]).1, expected, "{line}");
    }
    // Scottish printed minutes: the body's line over where and when.
    assert_eq!(
        header(&[
            "MINUTE OF MEETING OF THE EDUCATION COMMITTEE",
            "held in the Council Chambers, Municipal Buildings on Thursday 10 September 2020 at 10.00 am"
        ]),
        (Some("EDUCATION COMMITTEE".into()), date)
    );
    let venue = |lines: &[&'static str]| {
        meeting_header(&crate::stages::parse::lines_as_toks(lines))
            .0
            .venue
    };
    assert_eq!(
        venue(&[
            "Cabinet - Monday, 7th March, 2022 2.00 pm",
            "Council Chamber, County Hall, Truro"
        ]),
        Some("Council Chamber, County Hall, Truro".into())
    );
    assert_eq!(
        venue(&[
            "Cabinet - Monday, 7th March, 2022 2.00 pm",
            "Venue - Council Chamber, County Hall, Truro"
        ]),
        Some("Council Chamber, County Hall, Truro".into())
    );
    assert_eq!(
        venue(&[
            "MINUTES OF THE CABINET",
            "HELD ON TUESDAY 5 MARCH 2024 AT 6.00 PM",
            "IN THE COUNCIL CHAMBER, TOWN HALL"
        ]),
        Some("COUNCIL CHAMBER, TOWN HALL".into())
    );
    assert_eq!(
        venue(&[
            "Cabinet - Monday, 7th March, 2022 2.00 pm",
            "The meeting was held in the Council Chamber."
        ]),
        None
    );
    assert_eq!(
        venue(&[
            "Cabinet - Monday, 7th March, 2022 2.00 pm",
            "Apologies for Absence"
        ]),
        None
    );
    assert_eq!(
        header(&[
            "Date of decision: 08/02/2022",
            "Effective from: 18/02/2022",
            "Decided at meeting: 08/02/2022 - Cabinet"
        ]),
        (Some("Cabinet".into()), NaiveDate::from_ymd_opt(2022, 2, 8))
    );
    assert_eq!(
        header(&[
            "Date of decision: 08/02/2022",
            "Meeting: 01/02/2022 - Cabinet (Item 4)"
        ]),
        (None, NaiveDate::from_ymd_opt(2022, 2, 8)),
        "another meeting's date names no body of this one"
    );
    // The document's name printed around the body's is not part of it.
    for lines in [
        &["Agenda - Cabinet - Thursday, 10 September 2020"][..],
        &["Minutes of Cabinet", "Date: Thursday 10 September 2020"],
        &["Cabinet Agenda", "Thursday, 10 September 2020, 2.00 pm"],
        // A header printed as a table of two cells a row.
        &["Meeting | Cabinet", "Date | Thursday 10 September 2020"],
        &["Date | 10 September 2020", "Committee: Cabinet"],
    ] {
        assert_eq!(header(lines), (Some("Cabinet".into()), date), "{lines:?}");
    }
    // The lines that date the meeting end after its time and venue.
    let dated_to =
        |lines: &[&'static str]| meeting_header(&crate::stages::parse::lines_as_toks(lines)).1;
    assert_eq!(
        dated_to(&[
            "CABINET",
            "10TH SEPTEMBER 2020",
            "10.00 am",
            "Council Chamber",
            "1. Apologies"
        ]),
        4
    );
    assert_eq!(dated_to(&["Cabinet - 10 September 2020", "Apologies"]), 1);
    assert_eq!(dated_to(&["Apologies", "None."]), 0);
    // A heading, a field or a sentence above the date names no body.
    assert_eq!(
        header(&["Agenda and minutes", "Date: 10 September 2020"]),
        (None, date)
    );
    assert_eq!(
        header(&[
            "Contact: Democratic Services Committee",
            "Date: 10 September 2020"
        ]),
        (None, date)
    );
    assert_eq!(
        header(&[
            "Welcome to the meeting of the Council",
            "Date: 10 September 2020"
        ]),
        (None, date)
    );
}

#[test]
fn a_dating_sentence_hard_wrapped_over_two_lines() {
    let header = |lines: &[&'static str]| {
        let mut toks = crate::stages::parse::lines_as_toks(lines);
        for t in &mut toks[1..] {
            t.gap = 0;
        }
        let (m, end) = meeting_header(&toks);
        (m.body_name, m.start_date, end)
    };
    let date = NaiveDate::from_ymd_opt(2020, 9, 10);
    assert_eq!(
        header(&[
            "Minutes of the meeting of the Licensing Sub-Committee held at the Guildhall,",
            "Market Square on Tuesday 10 September 2020 at 2.00 pm.",
            "Present: Councillors Tate and Price.",
        ]),
        (Some("Licensing Sub-Committee".into()), date, 2)
    );
    assert_eq!(
        header(&[
            "A meeting of the Cabinet will be held on Thursday 10",
            "September 2020 at 2.00 pm in the Council Chamber.",
        ])
        .1,
        date
    );
    // Cut right before the date, which the second line gives alone.
    assert_eq!(
        header(&[
            "Minutes of Meeting of Licensing Sub-Committee held in the Council Chamber on",
            "Thursday 10 September 2020 at 2.00 pm",
        ]),
        (Some("Licensing Sub-Committee".into()), date, 2)
    );
    // Two sentences, or two paragraphs, are not one.
    assert_eq!(
        header(&["Held on Thursday 10.", "September 2020 budget."]).1,
        None
    );
}
