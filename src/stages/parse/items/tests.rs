use super::*;
use crate::stages::clean::clean;
use crate::stages::parse::lines::title_like;
use crate::stages::parse::{parse, tests::grammar};

fn items(text: &str) -> Vec<AgendaItem> {
    parse(&clean(text, &["·".to_string()]), &grammar())
        .meetings
        .remove(0)
        .items
}

#[test]
fn numbered_items_with_labels() {
    let it = items(
        "Agenda and minutes\n\nItems\nNo. Item\n\n1836.\n\nApologies (Agenda Item 1) pdf icon PDF 168 KB\n\nAdditional documents:\n\nMinutes:\n\nNone\n\n1837.\n\nReport\n\nTo consider it.\n\nMinutes:\n\nRESOLVED that it be noted.",
    );
    assert_eq!(it.len(), 2);
    assert_eq!(it[0].minute_number.as_deref(), Some("1836"));
    assert_eq!(it[0].title.as_deref(), Some("Apologies"));
    assert_eq!(it[0].agenda_number.as_deref(), Some("1"));
    assert_eq!(it[0].attachments[0].size_bytes, Some(168 * 1024));
    assert_eq!(it[0].minutes_text.as_deref(), Some("None"));
    assert_eq!(it[1].agenda_text.as_deref(), Some("To consider it."));
    assert_eq!(it[1].decisions.len(), 1);
    assert!(!it[1].minutes_truncated);
}

#[test]
fn a_parent_items_title_may_read_as_an_empty_minutes_label() {
    let it = items(
        "Agenda and minutes\n\nItems\nNo. Item\n\n2.\n\nMINUTES:-\n\nAdditional documents:\n\n2.1\n\n8TH JANUARY 2018 pdf icon PDF 127 KB\n\nMinutes:\n\nRESOLVED that they be signed.\n\n3.\n\nQuestions\n\nMinutes:\n\nNone.",
    );
    let titles: Vec<_> = it.iter().map(|i| i.title.as_deref()).collect();
    assert_eq!(
        titles,
        [
            Some("MINUTES:-"),
            Some("8TH JANUARY 2018"),
            Some("Questions")
        ]
    );
    assert_eq!(it[0].minutes_text, None);
    // Shouted with a colon alone, as an English agenda prints it.
    let it = items(
        "Agenda and minutes\n\nItems\nNo. Item\n\n2.\n\nMINUTES:\n\nAdditional documents:\n\n2.1\n\nCABINET HELD ON 8TH JANUARY 2018 pdf icon PDF 127 KB\n\nMinutes:\n\nRESOLVED that they be signed.",
    );
    assert_eq!(it[0].title.as_deref(), Some("MINUTES:"));
    assert_eq!(it[0].minutes_text, None);
    // A template's own label, in mixed case, over the next item number
    // titles nothing: the item has no title and empty minutes.
    let it = items(
        "Agenda and minutes\n\nItems\nNo. Item\n\n2.\n\nMinutes:\n\n3.\n\nQuestions\n\nMinutes:\n\nNone.",
    );
    assert_eq!(it[0].title, None);
}

#[test]
fn a_page_without_blank_lines_may_end_on_a_title_with_its_marker_cut_short() {
    let it = items(
        "Agenda and minutes\nBoard - Tuesday 21 January 2020 10.00 am\nNo. Item\nMembership pdf icon PDF 122 KB\nTo bring the Board up to date.\n6.1 The Board agreed to note the changes.\nLong Term Plan Update pdf ico",
    );
    let titles: Vec<_> = it.iter().map(|i| i.title.as_deref()).collect();
    assert_eq!(titles, [Some("Membership"), Some("Long Term Plan Update")]);
    assert!(!it[0].minutes_truncated && it[1].minutes_truncated);
    // Under an unfinished sentence, the line goes on with it.
    let it = items(
        "Agenda and minutes\nBoard - Tuesday 21 January 2020 10.00 am\nNo. Item\nMembership pdf icon PDF 122 KB\nTo bring the Board up to date.\n6.1 The Board agreed to send the report as a\nLong Term Plan Update pdf",
    );
    assert_eq!(it.len(), 1);
}

#[test]
fn truncation_marker_is_removed_and_flagged() {
    let it = items(
        "Agenda and minutes\nNo. Item\n\n5.\n\nTitle\n\nMinutes:\n\nText goes on  ...  view the full minutes text for item 5.",
    );
    assert!(it[0].minutes_truncated);
    assert_eq!(it[0].minutes_text.as_deref(), Some("Text goes on"));
    assert_eq!(
        it[0].full_text_marker.as_ref().map(|(n, _)| n.as_str()),
        Some("5")
    );
    // At the end of a page the marker may name no item.
    let it = items(
        "Agenda and minutes\nNo. Item\n\n5.\n\nTitle\n\nMinutes:\n\nText goes on.\n\n ...  view the full minutes text",
    );
    assert!(it[0].minutes_truncated);
    assert_eq!(it[0].minutes_text.as_deref(), Some("Text goes on."));
    assert_eq!(it[0].full_text_marker, None);
}

#[test]
fn page_cut_mid_sentence_truncates_the_last_item() {
    let it = items(
        "Agenda and minutes\nNo. Item\n\n1.\n\nA\n\nMinutes:\n\nDone.\n\n2.\n\nB\n\nMinutes:\n\nThe Council noted the rep",
    );
    assert!(!it[0].minutes_truncated);
    assert!(it[1].minutes_truncated);
}

#[test]
fn unnumbered_unlabelled_items_split_on_gaps() {
    let it = items(
        "Agenda and minutes\nNo. Item\n\n\nApologies and Welcome\n\n\nApologies were received from Mr A.\n\n\n\nPublic Participation\n\nMembers of the public may speak.\n\n\n\nPerformance pdf icon PDF 92 KB\n\nAdditional documents:\n\n\nThe Panel discussed it.",
    );
    assert_eq!(
        titles(&it),
        [
            "Apologies and Welcome",
            "Public Participation",
            "Performance"
        ]
    );
    assert!(it[0].minutes_text.is_some());
    assert!(it[1].minutes_text.is_none());
    assert_eq!(
        it[1].agenda_text.as_deref(),
        Some("Members of the public may speak.")
    );
    assert_eq!(
        it[2].minutes_text.as_deref(),
        Some("The Panel discussed it.")
    );
}

#[test]
fn a_numbered_paragraph_on_an_unnumbered_page_is_no_title() {
    // The exempt-information paragraph quoted under an unnumbered item,
    // set apart as its titles are, stays in that item.
    let it = items(
        "Agenda and minutes\nNo. Item\n\n\nApologies\n\n\nThere were no apologies.\n\n\nExclusion of Press and Public\n\nTo move that the press and public be excluded on the grounds that the item involves exempt information of the following description:\n\n\n1.  Information relating to an individual.\n\n\nThe motion was declared CARRIED.\n\n\nHackney Carriage Licence\n\n\nRESOLVED that the licence be revoked.",
    );
    assert_eq!(
        titles(&it),
        [
            "Apologies",
            "Exclusion of Press and Public",
            "Hackney Carriage Licence"
        ]
    );
    assert!(
        it[1]
            .minutes_text
            .as_deref()
            .is_some_and(|m| m.starts_with("1.  Information"))
    );
}

#[test]
fn markdown_rows_are_items_even_without_titles() {
    let it = items(
        "Venue: Hall\n| No. | Item |\n|---|---|\n|\nApologies Additional documents: Minutes: None were received. |\n|\n|\nAdditional documents: Minutes: RESOLVED that the minutes be approved. |",
    );
    assert_eq!(it.len(), 2);
    assert_eq!(it[0].title.as_deref(), Some("Apologies"));
    assert_eq!(it[1].title, None);
    assert_eq!(it[1].decisions.len(), 1);
}

#[test]
fn single_item_page_without_minutes_label() {
    let it = items(
        "Agenda item\n\nBusiness Plan\n\nTo consider the plan.\n\nThe Committee noted the plan.",
    );
    assert_eq!(it.len(), 1);
    assert_eq!(it[0].title.as_deref(), Some("Business Plan"));
    assert_eq!(it[0].agenda_text.as_deref(), Some("To consider the plan."));
    assert_eq!(
        it[0].minutes_text.as_deref(),
        Some("The Committee noted the plan.")
    );
    assert_eq!(it[0].decisions.len(), 1);
}

#[test]
fn decision_page_fields_are_not_minutes_and_resolutions_count() {
    let it = items(
        "Decision details\n\nChairman's Notices\n\nDecision Maker: Strategy Committee\n\nDecision status: Recommendations Approved",
    );
    assert_eq!(it.len(), 1);
    assert_eq!(it[0].title.as_deref(), Some("Chairman's Notices"));
    assert!(it[0].minutes_text.is_none());
    assert!(
        it[0].decisions.is_empty(),
        "a status field is not a resolution"
    );
    let it = items(
        "Decision details\n\nBudget\n\nDecision:\n\nRESOLVED:\n\n(1) That the budget be approved.",
    );
    assert_eq!(it[0].decisions.len(), 1);
    assert_eq!(it[0].decisions[0].clauses[0].label.as_deref(), Some("1"));
}

#[test]
fn single_page_title_is_the_line_under_the_heading_unless_a_gap_says_otherwise() {
    let it = items(
        "Agenda item\n\nTo receive petitions and e-petitions.\n\nMinutes:\n\nNone were received.",
    );
    assert_eq!(
        it[0].title.as_deref(),
        Some("To receive petitions and e-petitions.")
    );
    let it = items("Agenda item\n\n\n\nThere were apologies for absence from Councillor A.");
    assert_eq!(it[0].title, None);
    assert!(it[0].minutes_text.is_some());
}

#[test]
fn numbers_under_an_unfinished_line_count_when_in_turn() {
    // Blank lines lost: "1." under "... open to the public", "382." under
    // a list of names; each in turn with its neighbour, over a title.
    let it = items(
        "Agenda\nNo. Item\nItems to be considered in public\n1.\nApologies for Absence\n2.\nMinutes\nTo confirm the minutes.\n3.\nDeclarations of Interest\nApologies were received from Councillors Lake and Mead\n4.\nPetitions",
    );
    let numbers: Vec<_> = it.iter().map(|i| i.minute_number.as_deref()).collect();
    assert_eq!(numbers, [Some("1"), Some("2"), Some("3"), Some("4")]);
    // A year at the end of a wrapped sentence stays in its sentence.
    let it = items(
        "Agenda and minutes\nNo. Item\n\n1.\n\nBudget\n\nMinutes:\n\nThe plan was approved in May\n2013.\nMembers noted it.\n\n2.\n\nClosing Remarks",
    );
    assert_eq!(it.len(), 2);
    assert!(it[0].minutes_text.as_deref().unwrap().contains("2013."));
}

#[test]
fn a_terse_outcome_is_no_title() {
    assert!(!title_like("Agreed unanimously."));
    assert!(!title_like("Noted."));
    assert!(title_like("APOLOGIES FOR ABSENCE."));
}

#[test]
fn headings_over_numbered_items_are_not_items() {
    // One opens the list, one stands between items; numbers marked with
    // an asterisk keep it.
    let it = items(
        "Agenda and minutes\nNo. Item\n\nRestricted Items\n\n*1a\n\nUpdate on Contracts\n\nMinutes:\n\nThe Committee noted the update.\n\nGovernance\n\n2a\n\nStandards Committee\n\nMinutes:\n\nThe Committee approved the minutes.",
    );
    let titles: Vec<_> = it.iter().map(|i| i.title.as_deref()).collect();
    assert_eq!(
        titles,
        [Some("Update on Contracts"), Some("Standards Committee")]
    );
    assert_eq!(it[0].minute_number.as_deref(), Some("*1a"));
}

#[test]
fn an_agenda_phrase_split_by_a_hard_wrap_is_still_agenda_text() {
    let found = items(
        "Agenda and minutes\n1.\nApologies for Absence\nTo\nreceive apologies for absence.\n2.\nMinutes\nTo\nread and approve the minutes of the last meeting.\n3.\nBudget\nThe Committee discussed the budget.\n",
    );
    let texts: Vec<(Option<&str>, Option<&str>)> = found
        .iter()
        .map(|i| (i.agenda_text.as_deref(), i.minutes_text.as_deref()))
        .collect();
    assert_eq!(
        texts,
        [
            (Some("To\nreceive apologies for absence."), None),
            (
                Some("To\nread and approve the minutes of the last meeting."),
                None
            ),
            (None, Some("The Committee discussed the budget.")),
        ]
    );
}

/// Each item's title ("" for none).
fn titles(items: &[AgendaItem]) -> Vec<&str> {
    items
        .iter()
        .map(|i| i.title.as_deref().unwrap_or(""))
        .collect()
}

#[test]
fn a_title_with_its_report_attached_opens_an_item_on_a_page_without_blank_lines() {
    let found = items(
        "Agenda and minutes\nNo. Item\nDeclarations of Interest\nChair's Announcement pdf icon PDF 273 KB\nBudget Report pdf icon PDF 430 KB\nThe Council considered the budget.\nRESOLVED that the budget be approved.\n",
    );
    assert_eq!(
        titles(&found),
        [
            "Declarations of Interest",
            "Chair's Announcement",
            "Budget Report"
        ]
    );
    assert_eq!(found[2].decisions.len(), 1);
}

#[test]
fn an_urgent_item_right_under_the_minutes_before_it_is_its_own() {
    let found = items(
        "Agenda and minutes\nNo. Item\n1.\nAPOLOGIES FOR ABSENCE\nMinutes:\nThere were no apologies.\nNOTICE OF MOTION pdf icon PDF 65 KB\nThe motion was moved.\nRESOLVED that the motion be agreed.\n2.\nBUDGET\nMinutes:\nNoted.\n",
    );
    assert_eq!(
        titles(&found),
        ["APOLOGIES FOR ABSENCE", "NOTICE OF MOTION", "BUDGET"]
    );
    assert_eq!(
        found[0].minutes_text.as_deref(),
        Some("There were no apologies.")
    );
    // The same page with each number on its title's line ("1. APOLOGIES",
    // "1 APOLOGIES"): splitting the numbers off must not hide that the
    // page has no blank lines.
    for number in ["1. ", "1 "] {
        let page = format!(
            "Agenda and minutes\nNo. Item\n{number}APOLOGIES FOR ABSENCE\nMinutes:\nThere were no apologies.\nNOTICE OF MOTION pdf icon PDF 65 KB\nMinutes:\nThe motion was moved.\nRESOLVED that the motion be agreed.\n2. BUDGET\nMinutes:\nNoted.\n"
        );
        let found = items(&page);
        assert_eq!(
            titles(&found),
            ["APOLOGIES FOR ABSENCE", "NOTICE OF MOTION", "BUDGET"],
            "{number:?}"
        );
    }
}

#[test]
fn page_references_of_a_printed_pack_are_cut_from_titles() {
    let it = items(
        "Agenda\n\nCabinet\n\nDate: Tuesday 8 Feb. 2022\n\n1. Declarations of Interest (Pages 1 - 2)\n\n2. Minutes of the Previous Meeting (Page 3)\n\nTo approve them.\n\n3. Waste Contract (Tudalennau 11 - 24)\n\n4. Roads (Pages 25 to 30) pdf icon PDF 120 KB",
    );
    assert_eq!(
        titles(&it),
        [
            "Declarations of Interest",
            "Minutes of the Previous Meeting",
            "Waste Contract",
            "Roads"
        ]
    );
}

#[test]
fn minutes_printed_under_titles_without_labels_or_gaps() {
    let page = "Agenda and minutes\nItems\n55. Apologies\nApologies were received from Councillor Ward.\n\n56. Minutes\nRESOLVED: That the minutes be approved.\n\n57. Audit Plan\nTo consider the plan.\nThe Committee discussed the plan.\nRESOLVED: That the plan be noted.\n\n58. Work Programme\nReport of the Scrutiny Officer.";
    let it = items(page);
    let minutes: Vec<_> = it.iter().map(|i| i.minutes_text.as_deref()).collect();
    assert_eq!(
        minutes,
        [
            Some("Apologies were received from Councillor Ward."),
            Some("RESOLVED: That the minutes be approved."),
            Some("The Committee discussed the plan.\nRESOLVED: That the plan be noted."),
            None,
        ]
    );
    assert_eq!(it[2].agenda_text.as_deref(), Some("To consider the plan."));
    assert_eq!(it[1].decisions.len(), 1);
    // A recommendation in agenda text records nothing: the page stays an
    // agenda with its text under the titles.
    let agenda = items(
        "Agenda and minutes\nItems\n1. Budget\nThe budget for next year.\nRECOMMENDED: That Council approves the budget.\n\n2. Fees\nThe fees for next year.",
    );
    assert!(agenda.iter().all(|i| i.minutes_text.is_none()));
}

#[test]
fn a_part_heading_over_an_item_number_is_no_part_of_the_item_above() {
    let it = items(
        "Agenda and decisions\nItems\nPART A - ITEMS FOR DECISION\n5. Transport Plan\nDecision:\nAgreed.\n6. Funding Formula\nDecision:\nCabinet approved the formula.\nPART B - ITEMS FOR INFORMATION\n7. Performance Report\nDecision:\nNoted.",
    );
    assert_eq!(it.len(), 3);
    assert_eq!(
        it[1].decision_text.as_deref(),
        Some("Cabinet approved the formula.")
    );
}

#[test]
fn a_header_list_run_on_over_lines_is_no_item() {
    let page = "Cabinet\nFriday, 19th January, 2024\n\nIn attendance: Mr J Walsh, Chief Executive; and\nMrs S Grimes, Director of Physical Programmes.\n\nApologies\n\nApologies were reported on behalf of Councillor Duffy.\n\nMinutes\n\nThe minutes were taken as read and signed as correct.";
    let titles: Vec<_> = items(page).into_iter().map(|i| i.title).collect();
    assert_eq!(titles, [Some("Apologies".into()), Some("Minutes".into())]);
}

#[test]
fn names_under_a_present_label_are_no_item() {
    for header in [
        "Present:\nCouncillor J Hughes (Chair)\nCouncillors P Lane, R Moss and T Webb",
        "Present: Councillor J Hughes (Chair)\nCouncillors P Lane, R Moss and T Webb",
        "Present:\n\nCouncillor J Hughes (Chair)\nCouncillor P Lane",
        "Members Present\nCouncillor J Hughes (Chair)\nCouncillor P Lane",
    ] {
        let page = format!(
            "Audit Committee\nMinutes of the meeting held on 22 May 2024\n\n{header}\n\n1. Apologies for absence\nNone.\n\n2. Internal Audit Plan\nRESOLVED that the plan be approved."
        );
        let titles: Vec<_> = items(&page).into_iter().map(|i| i.title).collect();
        assert_eq!(
            titles,
            [
                Some("Apologies for absence".into()),
                Some("Internal Audit Plan".into())
            ],
            "{header}"
        );
    }
}

#[test]
fn agenda_phrasing_under_an_issue_entry_is_no_title() {
    let it = items(
        "Issue - meetings\n\nBudget Monitoring\n\nMeeting: 14/11/2024 - Cabinet (Item 7)\n\nReport of the Director of Finance.\n\nDecision:\n\nRESOLVED that the forecast be noted.",
    );
    assert_eq!(it[0].title, None);
    assert_eq!(
        it[0].agenda_text.as_deref(),
        Some("Report of the Director of Finance.")
    );
}

#[test]
fn untitled_text_opening_printed_minutes_is_minutes() {
    let it = items(
        "Audit Committee\nThursday 21 November 2024\n\nPresent: Councillors Ward (Chair), York and Zane.\n\nThe minutes of the last meeting were agreed.\n\nThe Committee received the progress report and noted it.",
    );
    assert_eq!(it.len(), 1);
    assert_eq!(it[0].agenda_text, None);
    assert!(
        (it[0].minutes_text.as_deref())
            .is_some_and(|m| m.starts_with("The minutes of the last meeting were agreed."))
    );
}
