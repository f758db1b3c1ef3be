use super::*;
pub(crate) use crate::stages::clean::clean;

pub(crate) fn grammar() -> Grammar {
    Grammar::new(&ParseRules {
        minutes_labels: vec!["Minutes".into(), "Cofnod".into()],
        resolution_words: vec!["RESOLVED".into(), "AGREED".into(), "Penderfynwyd".into()],
    })
    .unwrap()
}

/// A cue gate may only rule out text its patterns do not match: every
/// match of `patterns` on each line of the corpus and of `cases` (a
/// source file, with its test cases) holds a word of `family`, and there
/// are more than `at_least` matches (so the check checks something).
pub(crate) fn assert_every_match_holds(
    patterns: &[&Regex],
    family: Cues,
    cases: &str,
    at_least: usize,
) {
    let corpus = std::fs::read_dir("tests/corpus/pages")
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n");
    let mut matched = 0;
    for line in corpus.lines().chain(cases.lines()) {
        for m in patterns.iter().flat_map(|p| p.find_iter(line)) {
            matched += 1;
            assert!(Cues::of(m.as_str()).has(family), "{m:?} in {line:?}");
        }
    }
    assert!(matched > at_least, "{matched} matches");
}

fn page(text: &str) -> PageType {
    let c = clean(text, &[]);
    let grammar = grammar();
    let mut toks = tokens(&c, &grammar);
    split_titled_heading(&mut toks);
    page_type(&toks, page_heading(&toks), &grammar)
}

#[test]
fn page_types_from_headings_and_fields() {
    assert_eq!(
        page(" - Agenda and minutes\n\nAgenda and minutes\nVenue: X"),
        PageType::Meeting
    );
    assert_eq!(
        page("Agendas, Meetings and Minutes - Agenda item\n\nAgenda item\nTitle"),
        PageType::AgendaItem
    );
    assert_eq!(
        page("Rhaglen a chofnodion\n\nLleoliad: Y"),
        PageType::Meeting
    );
    assert_eq!(page("Decision details\n\nX"), PageType::Decision);
    for heading in [
        "Decision Notice",
        "Decision record",
        "Notice of Key Decision",
        "Cabinet Member Decision",
        "Officer Decision",
        "Portfolio Holder's Decision",
        "Leader Decision",
    ] {
        assert_eq!(
            page(&format!("{heading}\n\nX")),
            PageType::Decision,
            "{heading}"
        );
    }
    assert_eq!(page("Issue - meetings\n\nX"), PageType::Issue);
    assert!(is_page_heading("Issue - items at meetings"));
    assert_eq!(
        page("Some title\nMeeting: 26/01/2016 - Cabinet (Item 5)"),
        PageType::Issue
    );
    assert_eq!(page("Minutes:\nText."), PageType::AgendaItem);
    assert_eq!(page("Browse meetings\nX"), PageType::Other);
    assert_eq!(
        page("Councillor details\nCouncillor A Smith\nWard: Upton"),
        PageType::Other
    );
    assert_eq!(
        page("Meeting attendance\nCabinet\nDate: 8 February 2022"),
        PageType::Other
    );
    // An e-petition's page dates the meeting that debated it: no issue.
    assert_eq!(
        page(
            "ePetition details\nSave Ashby Library\nThe petition was debated at Council on 18 April 2024."
        ),
        PageType::Other
    );
    assert_eq!(page("Ward details\nAshby North"), PageType::Other);
    // One decision maker: a decision; two: a list of decisions.
    let record = "Award of contract\nDecision Maker: Director of Environment\nDate of decision: 12/03/2024\n";
    assert_eq!(page(record), PageType::Decision);
    assert_eq!(page(&format!("{record}\n{record}")), PageType::Other);
    assert_eq!(page("Just some prose."), PageType::Other);
    // No heading: the body's name over its date is a meeting; dated
    // decisions under "Decisions" are a list.
    assert_eq!(
        page(
            "Cabinet\nTuesday 12 November 2024 10.00 am\n\nApologies\nApologies were received from Councillor Hill."
        ),
        PageType::Meeting
    );
    assert_eq!(
        page(
            "Decisions\n\n11/11/2024 - Award of Cleaning Contract ref: 5123\n12/11/2024 - Highways Programme ref: 5124"
        ),
        PageType::Other
    );
    // A page title prints heading and title on one line.
    assert_eq!(
        page(
            "Agenda item - Budget Report\nMeeting: 08/02/2022 - Cabinet (Item 7)\nMinutes:\nNoted."
        ),
        PageType::AgendaItem
    );
    let listing = "Browse meetings - Cabinet\nTuesday, 8th February, 2022 2.00 pm\nTuesday, 11th January, 2022 2.00 pm";
    let listing = parse(&clean(listing, &[]), &grammar());
    assert!(
        listing.meetings.is_empty(),
        "a listing dates no one meeting"
    );
    assert_eq!(
        page("Urgent Business\nThe Chair said there was none."),
        PageType::Issue
    );
    // A line naming and dating the meeting heads its agenda or minutes.
    assert_eq!(
        page(
            "Licensing Committee - Wednesday, 9th March, 2022 10.00 am\nApologies\nNone were received."
        ),
        PageType::Meeting
    );
    // A header printed as a table of two cells a row.
    assert_eq!(
        page("| Venue | County Hall |\n| Contact | Jo Bell |\nApologies\nNone were received."),
        PageType::Meeting
    );
    // Site listings, headed or not, are no meeting's or issue's page.
    for listing in [
        "What's new\nCabinet - Tuesday, 8th February, 2022 2.00 pm\nAgenda published: 31/01/2022",
        "Calendar - February 2022\nTuesday 8 February 2022\nCabinet, 2.00 pm",
        "Current e-petitions\nSave the Library\nWe ask the council to keep the library open.",
        "Document library\nStatement of Accounts 2021/22 PDF 2 MB\nPublished: 30/07/2022",
        // No heading: titles and dates, no sentence, label or resolution.
        "Save the Library\nPetition started: 15/12/2021\nNumber of signatures: 1,204",
        "Recent papers\nCabinet, 8 February 2022\nThis page lists papers.\nPlanning Committee, 9 February 2022",
        // A table of decisions (title, reference, dates), its cells run
        // together or kept apart, under a sentence or a "Decisions" label.
        "See below for recent decisions.\nYou can also visit the officer decisions page.\nTitle Date Effective from Call-ins\nHarbour Wall ref: 204112/03/202420/03/20240\nStreet Lighting ref: 204212/03/202420/03/20240",
        "Decisions\nSee below for recent decisions.\nHarbour Wall ref: 2041 | 12/03/2024 | 20/03/2024 | 0\nStreet Lighting ref: 2042 | 12/03/2024 | 20/03/2024 | 0",
    ] {
        assert_eq!(page(listing), PageType::Other, "{listing}");
    }
    assert_eq!(
        page("To receive apologies.\n2.\nSubstitutes\nText.\n3.\nInterests"),
        PageType::Meeting
    );
    // Printed minutes without a heading: "1. Title" lines above the
    // minutes; but conditions numbered under a resolution are no items.
    assert_eq!(
        page("Cabinet\n1. Apologies\nNone.\n2. Waste Contract\nRESOLVED that it be awarded."),
        PageType::Meeting
    );
    assert_eq!(
        page(
            "To consider the application.\nMinutes:\nRESOLVED that it be approved:\n1. Standard Time\n2. Approved Plans"
        ),
        PageType::Issue
    );
    assert_eq!(
        page(
            "Venue: Hall\n| Attendee | Role | Attendance |\n|---|---|---|\n| Cllr A | Member | Present |"
        ),
        PageType::Other
    );
}

#[test]
fn a_dated_page_over_its_contact_is_a_meeting() {
    // A meeting's page that lost its heading and the body's name.
    assert_eq!(
        page(
            "Thursday, 28th April, 2016 7.00 pm, CANCELLED\n\nNo documents are available for this meeting\n\nContact: Democratic Services\n\nNote: The meeting would have been held in the Chamber. It is cancelled."
        ),
        PageType::Meeting
    );
    // Without the contact, a dated line over prose is not enough.
    assert_ne!(
        page("Thursday, 28th April, 2016 7.00 pm\n\nThe Committee noted the report."),
        PageType::Meeting
    );
}

#[test]
fn printed_minutes_with_a_part_heading_and_a_lone_place_label() {
    let text = "Meeting documents\n\nCouncil\nTuesday, 14th May, 2024 7.30 pm\n\nPlace:\nCivic Suite, Kings Hill\nPART 1 - PUBLIC\nC 24/042 Election of Mayor\nIt was proposed by Councillor Aikman, seconded by Councillor Rhodes and\n\nRESOLVED: That Councillor C Smith be elected Mayor.\n\nThe Mayor thanked Members.\nC 24/043 Mayor's Announcements\nThe Mayor announced the Civic Service.";
    let items = &items_of(text)[0];
    // The venue under its label and the part's heading are no items.
    assert_eq!(
        titles_of(items),
        ["Election of Mayor", "Mayor's Announcements"]
    );
    // The resolution under "... seconded by ... and" is in the minutes,
    // with the text around it; so is the next item's text.
    let parsed = parse(&clean(text, &[]), &grammar());
    let [first, second] = parsed.meetings[0].items.as_slice() else {
        panic!("{:?}", parsed.meetings[0].items);
    };
    assert!(first.agenda_text.is_none(), "{:?}", first.agenda_text);
    assert_eq!(first.decisions.len(), 1);
    assert_eq!(
        second.minutes_text.as_deref(),
        Some("The Mayor announced the Civic Service.")
    );
}

#[test]
fn inline_labels_and_table_rules_become_tokens_and_gaps() {
    let c = clean(
        "| No. | Item |\n|---|---|\n|\nApologies Additional documents: Minutes: None. |",
        &[],
    );
    let g = grammar();
    let texts: Vec<_> = tokens(&c, &g)
        .iter()
        .map(|t| (t.text, t.gap, t.row))
        .collect();
    assert_eq!(
        texts,
        [
            ("No. | Item", 0, false),
            ("Apologies", 9, true),
            ("Additional documents:", 0, false),
            ("Minutes:", 0, false),
            ("None.", 0, false)
        ]
    );
}

#[test]
fn a_decision_named_by_its_kind_in_a_title_is_no_label() {
    let g = grammar();
    for (line, first) in [
        (
            "Call-in of Cabinet Decision: Car Parking Charges",
            "Call-in of Cabinet Decision: Car Parking Charges",
        ),
        (
            "Key Decision: Waste Contract",
            "Key Decision: Waste Contract",
        ),
        ("Highways Plan Decision: Agreed.", "Highways Plan"),
    ] {
        let c = clean(line, &[]);
        assert_eq!(tokens(&c, &g)[0].text, first, "{line}");
    }
}

#[test]
fn a_decision_heading_alone_on_its_line_is_a_label() {
    let g = grammar();
    for line in [
        "Decision",
        "Decision made",
        "Decision taken",
        "Penderfyniad",
    ] {
        assert!(
            matches!(g.label(line), Some((Section::Decision, ""))),
            "{line}"
        );
    }
    assert!(g.label("Decision taken by the Leader").is_none());
}

#[test]
fn resolution_opener_needs_a_capital() {
    let g = grammar();
    assert_eq!(g.resolution_opener("RESOLVED: that"), Some("that"));
    assert_eq!(
        g.resolution_opener("Resolved – That the report"),
        Some("That the report")
    );
    assert_eq!(
        g.resolution_opener("It was RESOLVED that x"),
        Some("that x")
    );
    assert_eq!(g.resolution_opener("agreed that x"), None);
    assert_eq!(
        g.resolution_opener("UNANIMOUSLY RESOLVED that x"),
        Some("that x")
    );
    assert_eq!(g.resolution_opener("unanimously resolved that x"), None);
    assert_eq!(g.resolution_opener("Resolvedness"), None);
}

/// (number, title, has minutes) of an item, for compact asserts.
type Shape = (Option<String>, Option<String>, bool);

/// The items of each meeting on a page.
fn items_of(text: &str) -> Vec<Vec<Shape>> {
    let c = clean(text, &["·".to_string()]);
    parse(&c, &grammar())
        .meetings
        .iter()
        .map(|m| {
            m.items
                .iter()
                .map(|i| {
                    (
                        i.minute_number.clone(),
                        i.title.clone(),
                        i.minutes_text.is_some(),
                    )
                })
                .collect()
        })
        .collect()
}

fn titles_of(items: &[Shape]) -> Vec<String> {
    items
        .iter()
        .map(|i| i.1.clone().unwrap_or_default())
        .collect()
}

fn item(
    n: Option<&str>,
    title: Option<&str>,
    minutes: bool,
) -> (Option<String>, Option<String>, bool) {
    (n.map(String::from), title.map(String::from), minutes)
}

#[test]
fn an_item_word_under_an_agenda_item_title_numbers_it() {
    assert_eq!(
        items_of(
            "Agenda item\n\nRoll Call and Declarations of Interests\n\n\nItem 9\n\n\nA declaration was made by the Chair of the Authority."
        ),
        [[item(
            Some("9"),
            Some("Roll Call and Declarations of Interests"),
            true
        )]]
    );
    // A number in the minutes, after text, stays text.
    let parsed = parse(
        &clean(
            "Agenda item\n\nBudget\n\nThe Committee considered the report.\n\nItem 9\n\nNoted.",
            &[],
        ),
        &grammar(),
    );
    assert_eq!(parsed.meetings[0].items[0].minute_number, None);
}

#[test]
fn issue_page_gives_one_meeting_per_entry() {
    let c = clean(
        "Issue - meetings\n\nPetitions\n\nMeeting: 16/05/2017 - Council (Item 110)\n\n110 Petitions Update\n\nMinutes:\n\nResolved\n\nTo note the petitions.\n\nMeeting: 10/05/2016 - Council (Item 32.)\n\n32. Petitions Update\n\nReport of the Manager.",
        &[],
    );
    let parsed = parse(&c, &grammar());
    assert_eq!(parsed.meetings.len(), 2);
    let m = &parsed.meetings[1];
    assert_eq!(m.body_name.as_deref(), Some("Council"));
    assert_eq!(
        m.start_date.map(|d| d.to_string()).as_deref(),
        Some("2016-05-10")
    );
    assert_eq!(m.items[0].minute_number.as_deref(), Some("32"));
    assert_eq!(m.items[0].title.as_deref(), Some("Petitions Update"));
    assert_eq!(parsed.meetings[0].items[0].decisions.len(), 1);
}

#[test]
fn an_issue_entry_may_name_its_date_and_say_agenda_item() {
    for (entry, date) in [
        (
            "Meeting: Tuesday, 11th March, 2025 - Cabinet (Agenda item 7)",
            "2025-03-11",
        ),
        ("Meeting : 4 Feb 2025 - Cabinet (Item 7.)", "2025-02-04"),
        ("Meeting: 21.10.2021 - Cabinet (Item 7)", "2021-10-21"),
    ] {
        let c = clean(
            &format!(
                "Issue - meetings\n\nPetitions\n\n{entry}\n\nPetitions Update\n\nMinutes:\n\nNoted."
            ),
            &[],
        );
        let parsed = parse(&c, &grammar());
        let m = &parsed.meetings[0];
        assert_eq!(parsed.page_type, Some(PageType::Issue), "{entry}");
        assert_eq!(m.body_name.as_deref(), Some("Cabinet"), "{entry}");
        assert_eq!(m.start_date.map(|d| d.to_string()).as_deref(), Some(date));
        assert_eq!(m.items[0].minute_number.as_deref(), Some("7"), "{entry}");
    }
}

#[test]
fn forward_plan_issue_page_has_no_meeting() {
    let c = clean(
        "Issue details\n\nPlay Streets\n\nDecision type: Key\n\nDecision due: 12 Mar 2024 by Cabinet",
        &[],
    );
    assert!(parse(&c, &grammar()).meetings.is_empty());
}

#[test]
fn bullet_list_agenda_with_inline_numbers() {
    let it = items_of(
        "Meeting documents\n\n  • Webcast\n  • 1 - Apologies for Absence\n  • 2 - Urgent Matters\n\n    To consider any urgent items.\n\n  • 3 - Media Protocol",
    );
    let numbers: Vec<_> = it[0]
        .iter()
        .map(|i| i.0.clone().unwrap_or_default())
        .collect();
    assert_eq!(numbers, ["1", "2", "3"]);
    assert_eq!(it[0][1].1.as_deref(), Some("Urgent Matters"));
}

#[test]
fn numbered_lists_inside_minutes_and_wrapped_years_are_not_items() {
    let it = items_of(
        "Agenda and minutes\nNo. Item\n\n1.\n\nMinutes\n\nMinutes:\n\nRESOLVED that these be approved: 1)\nAnnual Meeting held on 16 May\n2024.\n\n2.\n\nQuestions\n\nMinutes:\n\nNone.",
    );
    assert_eq!(it[0].len(), 2);
}

#[test]
fn agenda_page_has_no_minutes_and_section_headings_are_not_items() {
    let it = items_of(
        "Agenda\n\nNo. Item\n\nPart 1\n\n1.\n\nMinutes\n\nTo confirm the minutes.\n\nSupporting documents:\n\n2.\n\nDeclarations of Interest\n\nTo receive any declarations.",
    );
    assert_eq!(
        it[0],
        [
            item(Some("1"), Some("Minutes"), false),
            item(Some("2"), Some("Declarations of Interest"), false)
        ]
    );
}

#[test]
fn headerless_issue_page_is_one_titled_item() {
    let parsed = parse(
        &clean(
            "Urgent Business\nNo other business shall be considered.\nThe Chair noted the supplementary pack.",
            &[],
        ),
        &grammar(),
    );
    assert_eq!(parsed.page_type, Some(PageType::Issue));
    assert_eq!(parsed.meetings[0].items.len(), 1);
    assert_eq!(
        parsed.meetings[0].items[0].title.as_deref(),
        Some("Urgent Business")
    );
}

#[test]
fn headerless_page_with_minutes_under_several_titles_is_a_meeting() {
    let text = "Welcome Minutes: The Chair welcomed everyone.\nBudget Monitoring Minutes: The Committee noted the report.";
    let parsed = parse(&clean(text, &[]), &grammar());
    assert_eq!(parsed.page_type, Some(PageType::Meeting));
    assert_eq!(
        parsed.meetings[0]
            .items
            .iter()
            .map(|i| i.title.as_deref().unwrap_or_default())
            .collect::<Vec<_>>(),
        ["Welcome", "Budget Monitoring"]
    );
    // Under one title, the page is still an issue's (or an item's) minutes.
    let one = parse(&clean(&text[..45], &[]), &grammar());
    assert_eq!(one.page_type, Some(PageType::Issue), "{}", &text[..45]);
}

#[test]
fn headerless_rows_of_titles_over_decision_labels_are_a_meeting() {
    // A flattened table: title, document, agenda text and "Decision:" on
    // each row. A title naming "Delegated Decisions" is no listing's
    // heading, nor is "MINUTES - 12 FEBRUARY 2024" the meeting's date.
    let text = "APOLOGIES Decision: None. |\nMINUTES - 12 FEBRUARY 2024 PDF 210 KB To approve the Minutes. Decision: Approved. |\nINFORMATION REPORT - DELEGATED DECISIONS PDF 180 KB To note the decisions. Decision: Noted. |";
    let parsed = parse(&clean(text, &[]), &grammar());
    assert_eq!(parsed.page_type, Some(PageType::Meeting));
    let meeting = &parsed.meetings[0];
    assert_eq!(meeting.start_date, None);
    assert_eq!(meeting.items.len(), 3, "{:?}", meeting.items);
}

#[test]
fn apologies_in_a_decision_block_without_minutes() {
    let text = "Agenda, decisions and minutes\n\nItems\nNo. Item\n\n1.\n\nApologies for Absence\n\nDecision:\n\nApologies were received from Councillor A Smith.\n\n2.\n\nBudget\n\nDecision:\n\nApproved.";
    let parsed = parse(&clean(text, &[]), &grammar());
    let attendance = &parsed.meetings[0].attendance;
    assert_eq!(attendance.len(), 1, "{attendance:?}");
    assert_eq!(attendance[0].person_name, "A Smith");
    assert_eq!(
        attendance[0].status,
        crate::model::AttendanceStatus::Apologies
    );
    assert_eq!(attendance[0].span.line_start, 12);
}

#[test]
fn an_issue_title_over_its_decision_entry_is_read_once() {
    let page = |entry: &str| {
        parse(
            &clean(
                &format!(
                    "Issue - decisions\n\nLibrary Hours\n\n{entry}\n\nThe Cabinet Member agreed the hours."
                ),
                &[],
            ),
            &grammar(),
        )
    };
    let parsed = page("18/01/2024 - Library Hours");
    let meeting = &parsed.meetings[0];
    assert_eq!(
        meeting.start_date,
        chrono::NaiveDate::from_ymd_opt(2024, 1, 18)
    );
    assert_eq!(meeting.items[0].title.as_deref(), Some("Library Hours"));
    assert_eq!(
        meeting.items[0].decision_text.as_deref(),
        Some("The Cabinet Member agreed the hours.")
    );
    // An entry for another decision is not this title's, but it dates
    // the meeting and is no part of the decision.
    let other = page("18/01/2024 - Mobile Library Route");
    let meeting = &other.meetings[0];
    assert_eq!(meeting.items[0].title.as_deref(), Some("Library Hours"));
    assert_eq!(
        meeting.start_date,
        chrono::NaiveDate::from_ymd_opt(2024, 1, 18)
    );
    assert_eq!(
        meeting.items[0].decision_text.as_deref(),
        Some("The Cabinet Member agreed the hours.")
    );
}

#[test]
fn an_issue_title_naming_a_dated_meeting_does_not_date_this_one() {
    // Scottish councils title the approval of earlier minutes by the
    // meeting they record: the entry's date is the deciding meeting's.
    for title in [
        "Audit Panel held on 4 March 2024",
        "Minutes of 4 March 2024",
    ] {
        for entry in [title, "Approval of minutes"] {
            let parsed = parse(
                &clean(
                    &format!(
                        "Issue - decisions\n\n{title}\n\n23/04/2024 - {entry}\n\nThe minutes were approved."
                    ),
                    &[],
                ),
                &grammar(),
            );
            let meeting = &parsed.meetings[0];
            assert_eq!(
                meeting.start_date,
                chrono::NaiveDate::from_ymd_opt(2024, 4, 23),
                "{title} / {entry}"
            );
            assert_eq!(meeting.items[0].title.as_deref(), Some(title));
        }
    }
}

#[test]
fn announcement_sub_headings_stay_inside_the_item() {
    let it = items_of(
        "Agenda and minutes\nNo. Item\n\n\nApologies\n\n\nNone were received.\n\n\nMayor's Announcements\n\n(There are no papers for this item.)\n\n\nOpening of Brayshaw House\n\n\nThe Mayor announced the opening.\n\n\nCouncillor Sian Berry\n\n\nThe Mayor congratulated her.\n\n\nBudget Report pdf icon PDF 12 KB\n\nTo approve the budget.\n\n\nThe Council approved the budget.",
    );
    let titles = titles_of(&it[0]);
    assert_eq!(
        titles,
        ["Apologies", "Mayor's Announcements", "Budget Report"]
    );
}

#[test]
fn unlabelled_minutes_start_at_the_widest_break() {
    let c = clean(
        "Agenda and minutes\nNo. Item\n\n\nPublic Questions\nTo answer written questions.\n\n\nThe closing date is 14 January.\n\n\n\nNo public questions were received.",
        &[],
    );
    let parsed = parse(&c, &grammar());
    let it = &parsed.meetings[0].items[0];
    assert_eq!(
        it.agenda_text.as_deref(),
        Some("To answer written questions.\n\nThe closing date is 14 January.")
    );
    assert_eq!(
        it.minutes_text.as_deref(),
        Some("No public questions were received.")
    );
}

#[test]
fn a_single_item_description_stands_over_the_minutes() {
    let split = |text: &str| {
        let parsed = parse(&clean(text, &[]), &grammar());
        let it = &parsed.meetings[0].items[0];
        (it.agenda_text.clone(), it.minutes_text.clone())
    };
    let texts =
        |agenda: Option<&str>, minutes: &str| (agenda.map(String::from), Some(minutes.to_string()));
    // The description has no full stop; the minutes follow a wider gap.
    assert_eq!(
        split(
            "Agenda item\n\nUrgent Business\n\nMembers to raise any urgent business for the meeting\n\n\nThe Chair reported that there was none."
        ),
        texts(
            Some("Members to raise any urgent business for the meeting"),
            "The Chair reported that there was none."
        )
    );
    // The widest break, not the first wide one: the sub-parts of the
    // description are set apart by two blank lines, the minutes by three.
    assert_eq!(
        split(
            "Agenda item\n\nBudget\n\ni) Revenue Budget\n\n\nii) Council Tax\n\n\n\nIt was moved by Councillor Lewis."
        ),
        texts(
            Some("i) Revenue Budget\n\nii) Council Tax"),
            "It was moved by Councillor Lewis."
        )
    );
    // A colon over the bullets it opens is no break.
    assert_eq!(
        split(
            "Agenda item\n\nPetitions\n\nNo petition may relate to:\n\n\n• Matters before a court.\n\n\nCouncillor Ash presented a petition."
        ),
        texts(
            Some("No petition may relate to:\n\n• Matters before a court."),
            "Councillor Ash presented a petition."
        )
    );
    // No wider gap: the text under the title stays minutes; one that
    // ends "... it was" does not end the description.
    for text in [
        "Agenda item\n\nApologies\n\nApologies were received from Councillor Ash.",
        "Agenda item\n\nApologies\n\nAfter discussion it was\n\n\nagreed to note them.",
    ] {
        assert_eq!(split(text).0, None, "{text}");
    }
}

#[test]
fn an_agenda_items_title_names_the_minutes_it_approves_not_this_meeting() {
    let parsed = |text: &str| parse(&clean(text, &[]), &grammar()).meetings.remove(0);
    // The title's date is the earlier meeting's; only the "Meeting:"
    // line dates this one.
    for (title, entry, date) in [
        (
            "Minutes of the Planning Committee meeting held on 23 November 2021",
            "",
            None,
        ),
        (
            "MINUTES OF THE MEETING HELD ON 23 NOVEMBER 2021",
            "Meeting: 08/02/2022 - Cabinet (Item 5)\n\n",
            chrono::NaiveDate::from_ymd_opt(2022, 2, 8),
        ),
    ] {
        let m = parsed(&format!(
            "Agenda item\n\n{title}\n\n{entry}To receive the minutes.\n\nMinutes:\n\nAGREED."
        ));
        assert_eq!(m.start_date, date, "{title}");
        assert_eq!(m.body_name.is_some(), date.is_some(), "{title}");
        assert_eq!(m.items[0].title.as_deref(), Some(title));
    }
    // Thirty-two words, a title all the same: capitals, no stop (the
    // years are no lower-case words).
    for title in [
        "MINUTES OF THE PLANNING COMMITTEE MEETINGS HELD ON: 23 November 2021; 7 December 2021; 4 January 2022; 18 January 2022; 3 February 2022; 22 February 2022; 8 March 2022; 29 March 2022",
        "MINUTES OF THE LICENSING COMMITTEE MEETINGS HELD ON: 4 March 2024; 18 March 2024; 8 April 2024; 22 April 2024; 13 May 2024; 3 June 2024; 17 June 2024; 1 July 2024",
    ] {
        let m = parsed(&format!("Agenda item\n\n{title}\n\nMinutes:\n\nAGREED."));
        assert_eq!(m.items[0].title.as_deref(), Some(title));
    }
    // A long sentence under the heading is no title.
    let m = parsed(
        "Agenda item\n\nThe Committee considered the minutes of the meetings held on 23 November 2021, 7 December 2021, 4 January 2022, 18 January 2022 and 3 February 2022 and agreed them.",
    );
    assert_eq!(m.items[0].title, None);
}

#[test]
fn markdown_row_heads_split_title_from_agenda_text() {
    let it = items_of(
        "Venue: Hall\n| No. | Item |\n|---|---|\nApologies To receive any apologies. Minutes: None. |\n|\nReports to Council |\n|\nDeclarations of Interest PDF 55 KB To receive declarations. Minutes: None. |\n|\nQuestion submitted by Joseph Taplin Has the Council undertaken a full impact assessment of the canal? |",
    );
    let titles = titles_of(&it[0]);
    assert_eq!(
        titles,
        [
            "Apologies",
            "Declarations of Interest",
            "Question submitted by Joseph Taplin"
        ]
    );
}

#[test]
fn labels_end_in_a_colon_but_a_decision_heading_stands_alone() {
    let g = grammar();
    assert_eq!(g.label("Minutes: Text."), Some((Section::Minutes, "Text.")));
    assert_eq!(g.label("Decision"), Some((Section::Decision, "")));
    assert_eq!(g.label("DECISION MADE"), Some((Section::Decision, "")));
    assert_eq!(g.label("Minutes"), None);
    assert_eq!(g.label("Decision on the budget"), None);
    // "Outcome:" and "Resolution:" head the outcome as "Decision:" does.
    assert_eq!(
        g.label("Outcome: Approved."),
        Some((Section::Decision, "Approved."))
    );
    assert_eq!(g.label("Resolution:"), Some((Section::Decision, "")));
    assert_eq!(g.label("Resolution 5 of the Act applies."), None);
}

#[test]
fn a_decision_maker_names_the_body_only_when_it_is_one() {
    let body = |maker: &str| {
        let text = format!(
            "Decision details\n\nLibrary review\n\nDecision Maker: {maker}\n\nDecision:\n\nRESOLVED that the review be approved."
        );
        parse(&clean(&text, &[]), &grammar()).meetings[0]
            .body_name
            .clone()
    };
    assert_eq!(body("Cabinet").as_deref(), Some("Cabinet"));
    assert_eq!(
        body("Planning Committee").as_deref(),
        Some("Planning Committee")
    );
    assert_eq!(body("Leader of the Council"), None);
    assert_eq!(body("Cabinet Member for Highways"), None);
}

#[test]
fn a_contact_officer_under_an_item_is_not_the_meetings() {
    let contact = |header: &str| {
        let text = format!(
            "Cabinet - Tuesday, 8th February, 2022 2.00 pm\n\n{header}1. Apologies\n\nNone.\n\n2. Budget\n\nContact Officer: Tom Reed, Finance Manager\n\nRESOLVED that the budget be approved."
        );
        parse(&clean(&text, &[]), &grammar()).meetings[0]
            .contact_name
            .clone()
    };
    assert_eq!(contact(""), None);
    assert_eq!(
        contact("Contact: Jane Lowe, Democratic Services Officer\n\n").as_deref(),
        Some("Jane Lowe")
    );
}

#[test]
fn a_cancelled_meetings_notice_is_no_item_as_text_or_as_title() {
    for text in [
        "Planning Committee - Wednesday, 15th January, 2025 6.00 pm\n\nThis meeting has been cancelled.",
        "| Meeting | Planning Committee |\n| Date | Wednesday, 15th January, 2025 |\n\nThis meeting has been cancelled.",
    ] {
        let parsed = parse(&clean(text, &[]), &grammar());
        let m = &parsed.meetings[0];
        assert!(m.items.is_empty(), "{text}");
        assert_eq!(m.status.as_deref(), Some("Cancelled"), "{text}");
    }
}

#[test]
fn header_fields_printed_side_by_side_are_read_as_lines() {
    let text = "Planning Committee\n\nDate: Tuesday, 10 September 2024 | Time: 7.00 pm | Venue: Council Chamber, Town Hall\n\n1. Apologies for Absence\n\nNone.";
    let m = &parse(&clean(text, &[]), &grammar()).meetings[0];
    assert_eq!(m.start_date, chrono::NaiveDate::from_ymd_opt(2024, 9, 10));
    assert_eq!(m.start_time, chrono::NaiveTime::from_hms_opt(19, 0, 0));
    assert_eq!(m.venue.as_deref(), Some("Council Chamber, Town Hall"));
    assert_eq!(m.items.len(), 1);
}

#[test]
fn unspaced_items_under_a_header_row_closed_by_its_pipe() {
    // The header row's break above the first title is no blank line
    // between items: the page has none, and each title with its label
    // opens an item; a sub-heading inside minutes does not.
    let page = "Venue: Guildhall\nNo. | Item | ||\nOpening Prayers Minutes:\nThe Mayor read a passage.\nSummons Minutes: The Clerk read the summons.\nMinutes Minutes: Moved by the Mayor,\nThat the minutes be signed.\nVariation of Minutes\nAt the request of Councillor Pell, the minutes were varied.\nCongratulations Minutes: The Mayor congratulated the Clerk.";
    assert_eq!(
        titles_of(&items_of(page)[0]),
        ["Opening Prayers", "Summons", "Minutes", "Congratulations"]
    );
    // A label's value on its own line is no title, and one title over
    // unlabelled prose stays one item.
    let single = "Agenda and minutes\nVenue: Guildhall\nNo. | Item |\n---|---|\nDisclosures of Interests. Decision: 1) Councillors A Bell and\nC Dunn declared an interest. 2) Councillor E Fox declared an interest.\nOfficers 1) G Hale declared an interest.";
    assert_eq!(
        titles_of(&items_of(single)[0]),
        ["Disclosures of Interests."]
    );
}

#[test]
fn the_welsh_items_heading_with_a_full_stop() {
    // "Rhif. Eitem" (and as a table header, "Rhif. | Eitem |") heads
    // the items, as "Rhif eitem" does: no item of its own.
    for heading in ["Rhif. Eitem", "Rhif. | Eitem |\n---|---|"] {
        let page = format!(
            "Rhaglen a chofnodion\nLleoliad: Siambr\n{heading}\n1.\nDatganiad o Ddiddordeb\nCofnodion:\nDim.\n2.\nCofnodion\nCofnodion:\nCadarnhawyd y cofnodion."
        );
        assert_eq!(
            titles_of(&items_of(&page)[0]),
            ["Datganiad o Ddiddordeb", "Cofnodion"],
            "{heading}"
        );
    }
}
