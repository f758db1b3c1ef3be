use super::*;

/// The lines as tokens after inline numbers are split off.
fn split(lines: &[&'static str]) -> Vec<&'static str> {
    split_inline_numbers(&crate::stages::parse::lines_as_toks(lines))
        .iter()
        .map(|t| t.text)
        .collect()
}

#[test]
fn item_numbers_bare_prefixed_or_before_the_title() {
    for number in [
        "1836.",
        "4a",
        "5.1",
        "39/20",
        "CAB/101/22",
        "47/24(a)",
        "PC 61",
        "C.45",
        "*85",
        "12.a",
        "O&S 12",
        "P&R/12",
    ] {
        assert!(NUMBER.is_match(number), "{number}");
    }
    assert_eq!(
        ranks(&["12.a", "12.b", "13"]),
        [12 * 32 + 1, 12 * 32 + 2, 13 * 32]
    );
    assert!(!NUMBER.is_match("&S 12"));
    assert!(!NUMBER.is_match("Cabinet 2022"));
    for (line, number) in [
        ("Item 3", "3"),
        ("Minute 113", "113"),
        ("Minute No. 42.", "42"),
        ("Cofnod 7", "7"),
        ("Min. 113", "113"),
        ("Min 113", "113"),
        ("No. 12", "12"),
        ("No.12", "12"),
    ] {
        assert_eq!(&NUMBER.captures(line).unwrap()[1], number, "{line}");
    }
    assert!(!NUMBER.is_match("Minutes 2022"));
    assert_eq!(
        split(&[
            "61 DECLARATIONS OF INTEREST",
            "None.",
            "62 MINUTES",
            "Approved."
        ]),
        [
            "61",
            "DECLARATIONS OF INTEREST",
            "None.",
            "62",
            "MINUTES",
            "Approved."
        ]
    );
    for (first, second) in [
        ("1) Apologies", "2) Revenue Budget"),
        ("(1) Apologies", "(2) Revenue Budget"),
        ("1: Apologies", "2: Revenue Budget"),
        ("Item 1: Apologies", "Item 2: Revenue Budget"),
        (
            "Agenda Item 1 - Apologies",
            "Agenda Item 2 - Revenue Budget",
        ),
    ] {
        assert_eq!(
            split(&[first, "None.", second]),
            ["1", "Apologies", "None.", "2", "Revenue Budget"],
            "{first}"
        );
    }
    // Number lines and inline numbers on one page: the inline ones
    // that go on in turn with the number lines are split.
    assert_eq!(
        split(&[
            "1. Apologies",
            "2. Declarations",
            "3. Planning",
            "3.1",
            "Land off Mill Lane",
            "4. Appeals"
        ]),
        [
            "1",
            "Apologies",
            "2",
            "Declarations",
            "3",
            "Planning",
            "3.1",
            "Land off Mill Lane",
            "4",
            "Appeals"
        ]
    );
    assert_eq!(
        split(&[
            "14.",
            "Land at Mill Lane",
            "Granted.",
            "15. Appeals update",
            "Noted.",
            "16. Enforcement report",
            "Noted."
        ]),
        [
            "14.",
            "Land at Mill Lane",
            "Granted.",
            "15",
            "Appeals update",
            "Noted.",
            "16",
            "Enforcement report",
            "Noted."
        ]
    );
    // A list in an item's minutes counts from elsewhere.
    let minutes = [
        "113.",
        "Disclosures of Interest",
        "4) Councillors A and B declared an interest",
        "5) Councillor C declared an interest",
        "6) Councillor D declared an interest",
    ];
    assert_eq!(split(&minutes), minutes);
    assert_eq!(
        split(&["CAB/101/22 Apologies", "None.", "CAB/102/22 Revenue Budget"]),
        [
            "CAB/101/22",
            "Apologies",
            "None.",
            "CAB/102/22",
            "Revenue Budget"
        ]
    );
    // After a bare space, a number before prose is a count, not an item.
    let prose = [
        "Results",
        "12 Members voted for",
        "None.",
        "14 Members voted against",
    ];
    assert_eq!(split(&prose), prose);
    // ... unless a label follows it, or three such lines are numbered in turn.
    assert_eq!(
        split(&["1 Apologies", "Minutes:", "None.", "2 Minutes", "Decision:"]),
        [
            "1",
            "Apologies",
            "Minutes:",
            "None.",
            "2",
            "Minutes",
            "Decision:"
        ]
    );
    let in_turn = [
        "7 Apologies",
        "None.",
        "8 Minutes",
        "9 Waste review",
        "Noted.",
    ];
    assert_eq!(
        split(&in_turn),
        [
            "7",
            "Apologies",
            "None.",
            "8",
            "Minutes",
            "9",
            "Waste review",
            "Noted."
        ]
    );
    // One number missing from the run (an item withdrawn, or its
    // line lost) leaves it a run.
    let one_missing = [
        "2 Appointment of Substitutes",
        "To appoint substitutes.",
        "3 Declarations of Interest",
        "5 Action List",
        "6 Petitions and Deputations",
    ];
    assert_eq!(split(&one_missing).len(), one_missing.len() + 4);
    let two_missing = [
        "2 Appointment of Substitutes",
        "5 Action List",
        "6 Petitions",
    ];
    assert_eq!(split(&two_missing), two_missing);
    let two_in_turn = [
        "1 Declarations of interest",
        "None.",
        "2 Minutes of the last meeting",
    ];
    assert_eq!(split(&two_in_turn), two_in_turn);
    // One item alone on its page: over its section label, it is one.
    assert_eq!(
        split(&["(113) Disclosures of Interest", "Decision:", "None."]),
        ["113", "Disclosures of Interest", "Decision:", "None."]
    );
    let lone = ["(1) The report was noted by Members.", "None."];
    assert_eq!(split(&lone), lone);
}

#[test]
fn slashed_numbers_rank_by_the_group_that_counts_items() {
    // Year first: the last group counts.
    assert_eq!(
        ranks(&["PL/24/31", "PL/24/32", "PL/24/33a"]),
        [31 * 32, 32 * 32, 33 * 32 + 1]
    );
    // Item first, then the year.
    assert_eq!(
        ranks(&["39/20", "40/20", "CAB/101/22"]),
        [39 * 32, 40 * 32, 101 * 32]
    );
    // One slashed number says nothing of the order.
    assert_eq!(ranks(&["4", "PL/24/31"]), [4 * 32, 24 * 32]);
}

#[test]
fn lettered_sections_rank_by_their_letter_first() {
    let ranked = ranks(&["A1", "A2", "B1", "B2"]);
    assert!(
        ranked.windows(2).all(|w| next_in_turn(w[0], w[1])),
        "{ranked:?}"
    );
    // One letter throughout is a body's prefix, not a section.
    assert_eq!(ranks(&["C1", "C2"]), [32, 64]);
    // Not every number lettered: no sections.
    assert_eq!(ranks(&["A1", "2", "B3"]), [32, 64, 96]);
    assert!(!next_in_turn(
        ranks(&["A1", "B2"])[0],
        ranks(&["A1", "B2"])[1]
    ));
}

#[test]
fn a_long_title_is_taken_only_next_in_turn() {
    const LONG: &str = "(3) Special Announcements from the Mayor, the Chief Executive or \
        Other Relevant Officers, and any other Members who the Mayor has agreed may make \
        an Announcement";
    const OUT_OF_TURN: &str = "(5) Special Announcements from the Mayor, the Chief \
        Executive or Other Relevant Officers, and any other Members who the Mayor has agreed \
        may make an Announcement";
    let page = [
        "(1) Minutes",
        "Approved.",
        "(2) Declarations",
        "None.",
        LONG,
        "None.",
    ];
    let items = split(&page);
    assert_eq!(items.len(), page.len() + 3, "{items:?}");
    assert!(items[7].starts_with("Special Announcements"));
    // Out of turn, or a sentence with its stop: prose, not an item.
    let skipped = [
        "(1) Minutes",
        "Approved.",
        "(2) Declarations",
        "None.",
        OUT_OF_TURN,
    ];
    assert_eq!(split(&skipped).len(), skipped.len() + 2);
    assert!(!long_title(
        "The Committee considered the report of the Chief Executive."
    ));
    assert!(!long_title(
        "The Committee considered the report of the Chief Executive on the budget"
    ));
    assert!(long_title(&LONG[4..]));
    // After a bare space, in a run of numbers in turn ("1 Minutes", "2
    // Declarations"): an item too; out of turn it is not.
    let bare: &'static str = LONG.replacen("(3)", "3", 1).leak();
    let page = ["1 Minutes", "Approved.", "2 Declarations", "None.", bare];
    assert_eq!(split(&page).len(), page.len() + 3, "{:?}", split(&page));
    let bare: &'static str = OUT_OF_TURN.replacen("(5)", "5", 1).leak();
    let page = ["1 Minutes", "Approved.", "2 Declarations", "None.", bare];
    assert_eq!(split(&page).len(), page.len(), "{:?}", split(&page));
}

#[test]
fn an_agenda_phrase_numbered_in_turn_over_its_label_is_a_title() {
    const PHRASE: &str = "102. To confirm that the items of business marked Part 1 will be \
        considered in public and that the items of business marked Part 2 in private";
    let page = [
        "101. Apologies",
        "Minutes:",
        "None.",
        PHRASE,
        "Minutes:",
        "This was confirmed.",
    ];
    assert_eq!(split(&page).len(), page.len() + 2, "{:?}", split(&page));
    // Not over a label: a numbered paragraph of the minutes above.
    let page = [
        "101. Apologies",
        "Minutes:",
        "None.",
        PHRASE,
        "This was confirmed.",
    ];
    assert_eq!(split(&page).len(), page.len() + 1, "{:?}", split(&page));
}
#[test]
fn numbers_in_another_style_are_items_in_turn_over_titles() {
    let found = |lines: &[&'static str]| {
        let toks = crate::stages::parse::lines_as_toks(lines);
        number_lines(&toks)
    };
    for (first, second, numbers) in [
        ("(1)", "(2)", ["1", "2"]),
        ("1)", "2)", ["1", "2"]),
        ("I.", "II.", ["I", "II"]),
        ("(iv)", "(v)", ["iv", "v"]),
    ] {
        assert_eq!(
            found(&[first, "Apologies", "None.", second, "Revenue Budget"]),
            [(0, numbers[0]), (3, numbers[1])],
            "{first}"
        );
    }
    // A clause list: no title under its numbers.
    assert_eq!(
        found(&[
            "(1)",
            "the plan be approved;",
            "(2)",
            "progress be reported."
        ]),
        []
    );
    // Clauses under an item, numbered as the items are.
    assert_eq!(
        found(&[
            "(1)",
            "Apologies",
            "(2)",
            "Audit Plan",
            "(1)",
            "the plan be approved;",
            "(2)",
            "progress be reported.",
            "(3)",
            "Risk Register",
        ]),
        [(0, "1"), (2, "2"), (8, "3")]
    );
    // Out of turn, or alone: no item.
    assert_eq!(found(&["(1)", "Apologies", "(3)", "Revenue Budget"]), []);
    assert_eq!(found(&["II.", "Apologies"]), []);
    // A page numbering its items as [`NUMBER`] does keeps only those.
    assert_eq!(
        found(&["1.", "Audit Plan", "(1)", "Scope", "(2)", "Timing", "2."]),
        [(0, "1"), (6, "2")]
    );
    assert_eq!(rank("47/24(b)"), 47 * 32 + 2);
    assert_eq!(rank("4(a)"), 4 * 32 + 1);
    assert_eq!(rank("3.2"), 3 * 32 + 2);
    assert!(next_in_turn(rank("3"), rank("3.1")));
    assert!(next_in_turn(rank("3.1"), rank("3.2")));
    assert!(next_in_turn(rank("3.3"), rank("4")));
    assert_eq!(rank("XIV"), 14 * 32);
    assert_eq!(rank("iv"), 4 * 32);
}

#[test]
fn a_page_footer_and_a_date_are_no_item_numbers() {
    // A printed page's running footer, its number alone on a line run
    // into the text (no blank lines on the page), does not stop the
    // inline numbers from being split.
    let unspaced = |lines: &[&'static str]| {
        let mut toks = crate::stages::parse::lines_as_toks(lines);
        toks.iter_mut().for_each(|t| t.gap = 0);
        split_inline_numbers(&toks)
            .iter()
            .map(|t| t.text)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        unspaced(&[
            "10 OCTOBER 2024",
            "(141) ITEMS OF URGENT BUSINESS",
            "There were none.",
            "Development Committee",
            "1",
            "(142) DECLARATIONS OF INTEREST",
            "There were none.",
            "PART 1 - PUBLIC",
            "(143) MINUTES",
            "Approved.",
        ]),
        [
            "10 OCTOBER 2024",
            "141",
            "ITEMS OF URGENT BUSINESS",
            "There were none.",
            "Development Committee",
            "1",
            "142",
            "DECLARATIONS OF INTEREST",
            "There were none.",
            "PART 1 - PUBLIC",
            "143",
            "MINUTES",
            "Approved.",
        ]
    );
}
