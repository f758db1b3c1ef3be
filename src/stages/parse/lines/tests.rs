use super::*;

#[test]
fn chrome_is_whole_lines_or_known_openers() {
    assert!(is_chrome("Printer friendly version"));
    assert!(is_chrome("INDEX TO AGENDAS."));
    assert!(is_chrome("Email a link"));
    assert!(!is_chrome("Email a link to the report to all Members."));
    assert!(is_chrome(
        "Please note: all Minutes are subject to approval at the next meeting."
    ));
    assert!(!is_chrome(
        "Printer friendly version of the report was circulated."
    ));
    assert!(!is_chrome("The index to agendas was updated."));
    assert!(is_chrome(
        "Printed minutes 19th-Oct-2023 10.00 Cabinet PDF 201 KB"
    ));
}

#[test]
fn a_title_is_exempt_unless_it_decides_on_other_items() {
    for exempt in [
        "Part II - Land at Mill Lane",
        "Exempt item: Staffing Matters",
        "Confidential/ Exempt items for Information",
        "PART 2 MINUTES - 22 SEPTEMBER 2022",
        "Exempt Items: Minutes of the Part II meeting",
    ] {
        assert!(is_exempt_title(exempt), "{exempt}");
    }
    for public in [
        "Exclusion of the Press and Public",
        "To confirm that the items of business marked Part 1 will be considered in public and that the items of business marked Part 2 in private",
        "Matters to be taken as Part II business",
        "Determination of Exempt Business",
        "To determine which items of business contain exempt information",
        "Budget Monitoring",
    ] {
        assert!(!is_exempt_title(public), "{public}");
    }
}

#[test]
fn site_links_under_the_items_are_a_footer() {
    let page = crate::stages::parse::lines_as_toks(&[
        "3. Capital Programme",
        "Petitions",
        "Attendance details",
        "Published decisions",
    ]);
    assert_eq!(footer_start(&page), 1);
    // One link alone at the end may be an item's title.
    assert_eq!(footer_start(&page[..2]), 2);
}

#[test]
fn a_printed_record_closes_with_its_end_time_and_signatures() {
    let toks = |lines: &[&'static str]| crate::stages::parse::lines_as_toks(lines);
    let page = toks(&[
        "RESOLVED that the estimates be approved.",
        "The meeting ended at 8.15 pm.",
        "Chair",
    ]);
    assert_eq!(closing_start(&page), 1);
    for closing in [
        "There being no further business, the meeting closed at 12.30pm.",
        "(The meeting closed at 4.35 p.m.)",
        "The Chair closed the meeting at 9.10 pm.",
        "Meeting concluded at 11:45",
        "The Committee rose at 11.45 a.m.",
        "Daeth y cyfarfod i ben am 4.35 pm",
        "This being all the business the meeting ended at 8.05 pm.",
    ] {
        let page = toks(&["Noted.", closing]);
        assert_eq!(closing_start(&page), 1, "{closing}");
    }
    for signatures in [
        &["Signed ....................", "Date ...................."][..],
        &["Chairman ______________"],
        &["Signed:", "(Chair)"],
        &["CHAIR", "Date: ........"],
    ] {
        let mut lines = vec!["Noted."];
        lines.extend(signatures);
        let page = toks(&lines);
        assert_eq!(closing_start(&page), 1, "{signatures:?}");
    }
    // Not a closing: an item titled after an office, an end time
    // told in prose, a sentence about a meeting that ended.
    for kept in [
        &["1. Apologies", "Noted.", "2. Chair"][..],
        &["Noted.", "Chair"],
        &[
            "Noted.",
            "The meeting ended at 8.15 pm, after which Members toured the site.",
        ],
        &[
            "Noted.",
            "Members noted that the consultation closed at 5 pm on Friday.",
        ],
    ] {
        let page = toks(kept);
        assert_eq!(closing_start(&page), kept.len(), "{kept:?}");
    }
}

#[test]
fn a_site_menu_ends_at_its_last_link() {
    let end = |lines: &[&'static str]| navigation_end(&crate::stages::parse::lines_as_toks(lines));
    let menu = [
        "Home",
        "Councillors",
        "Committees",
        "Surveys",
        "Forward Plans",
    ];
    assert_eq!(end(&[&menu[..], &["Agenda item", "Apologies"]].concat()), 5);
    assert_eq!(
        end(&[&menu[..], &["Petitions", "Apologies for Absence"]].concat()),
        6
    );
    // Too few links, or a heading first: no menu.
    assert_eq!(
        end(&[
            "Home",
            "Petitions",
            "Apologies",
            "Minutes",
            "Budget",
            "Questions"
        ]),
        0
    );
    assert_eq!(end(&[&["Agenda and minutes"], &menu[..]].concat()), 0);
    // A heading set apart under the menu is the page's, though the
    // menu has a link that reads the same.
    let mut toks = crate::stages::parse::lines_as_toks(
        &[
            &menu[..],
            &["What's new", "What's new", "Cabinet - 8 May 2024"],
        ]
        .concat(),
    );
    for t in &mut toks[1..6] {
        t.gap = 0;
    }
    assert_eq!(navigation_end(&toks), 6);
    // Item titles that are also links, with text between: no menu.
    assert_eq!(
        end(&[
            "Petitions",
            "None were received.",
            "Home",
            "Councillors",
            "Committees",
            "Calendar"
        ]),
        0
    );
}

fn words(n: usize) -> String {
    let mut line = "Review".to_string();
    for _ in 1..n {
        line.push_str(" of");
    }
    line
}

proptest::proptest! {
    /// The size-unit check never hides a marker the regex would find.
    #[test]
    fn the_marker_check_keeps_every_match(
        text in "(x |Report )?((pdf|Word) e?icon )?(PDF|pdf|Docx|html|x) (1|2.5|1,024) ?(kb|KB|Mb|mB|gB|\u{212a}B|B|b|b b)(,| |x)?"
    ) {
        proptest::prop_assert_eq!(
            ATTACHMENT.find(&text).map(|m| m.range()),
            ATTACHMENT.regex.find(&text).map(|m| m.range())
        );
    }
}

#[test]
fn a_title_is_thirty_words_at_most_not_counting_its_marker() {
    assert!(title_like(&words(30)));
    assert!(!title_like(&words(31)));
    // 35 words with the marker's five: the length gate must not cut it.
    let marked = format!("{} pdf icon PDF 168 KB", words(30));
    assert!(title_like(&marked));
    assert!(!title_like(&format!("{} pdf icon PDF 168 KB", words(31))));
    assert!(title_like("Budget Monitoring PDF 55 KB"));
}

#[test]
fn a_line_on_who_was_present_is_no_title() {
    for line in [
        "District Cllrs Burley and Cawrey were present",
        "No members of the public were in attendance",
        "Councillor Hale was absent",
    ] {
        assert!(!title_like(line), "{line}");
    }
    assert!(title_like("Members Present"));
    assert!(title_like("Presentation on the Local Plan"));
}

#[test]
fn a_marker_in_brackets_or_after_another_format_icon_is_whole() {
    for text in [
        "Budget (PDF 168 KB)",
        "Budget [PDF 168KB]",
        "Budget docx icon DOCX 45 KB",
        "Budget xlsx icon XLSX 1.2 MB",
    ] {
        let marker = ATTACHMENT.find(text).expect(text);
        assert_eq!(&text[..marker.start()], "Budget", "{text}");
        assert_eq!(marker.end(), text.len(), "{text}");
    }
}
