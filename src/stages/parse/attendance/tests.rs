use super::*;

/// Who `text` says attended, with their status, role and all.
fn attendance(text: &str) -> Vec<Attendance> {
    let mut out = Vec::new();
    attended(text, &LineMap(vec![(0, 1)]), None, Cues::of(text), &mut out);
    out
}

/// Who attended, with the role the text gives each.
fn roles(text: &str) -> Vec<(String, Option<String>)> {
    attendance(text)
        .into_iter()
        .map(|a| (a.person_name, a.role))
        .collect()
}

fn names(text: &str) -> Vec<String> {
    attendance(text)
        .into_iter()
        .map(|a| a.person_name)
        .collect()
}

#[test]
fn every_substitution_holds_its_cue() {
    crate::stages::parse::tests::assert_every_match_holds(
        &[&SUBSTITUTED],
        Cues::SUBSTITUTION,
        concat!(include_str!("mod.rs"), include_str!("tests.rs")),
        3,
    );
    // A comma splice: the substitute is the one titled after the comma.
    let names = names(
        "Apologies were received from Councillor A Smith, Councillor B Jones attended as substitute.",
    );
    assert_eq!(names, ["B Jones"]);
    // In any case: "(Substitute: Councillor B Brown)".
    let out = attendance("Apologies from Councillor A Smith (Substitute: Councillor B Brown).");
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].person_name, "B Brown");
}

#[test]
fn a_list_runs_on_over_lines_ending_in_a_semicolon() {
    let names = names(
        "Members present: Councillor Black (Chairperson);\nAlderman Kingston; and Councillors Bunting and Long.\nThe Chair welcomed everyone.",
    );
    assert_eq!(names, ["Black", "Alderman Kingston", "Bunting", "Long"]);
}

#[test]
fn a_label_alone_on_its_line_lists_the_names_under_it() {
    assert_eq!(
        names(
            "Present:\nCouncillor J Hughes (Chair)\nCouncillors P Lane, R Moss and T Webb\nThe Chair welcomed everyone."
        ),
        ["J Hughes", "P Lane", "R Moss", "T Webb"]
    );
    // The first name may stand after a blank line, when it opens with
    // a title; a blank line then ends the list unless each name so far
    // stood after one (see the test below).
    assert_eq!(
        names("In attendance:\n\nCouncillor K Wood\nCouncillor M Quist\n\nCouncillor L Ash"),
        ["K Wood", "M Quist"]
    );
    assert!(names("Present:\n\nThe Chair welcomed everyone.").is_empty());
    // A heading without its colon, the whole of its line.
    assert_eq!(
        names("Members Present\nCouncillor S Vale (Chair)\nCouncillor T Wren"),
        ["S Vale", "T Wren"]
    );
    assert!(names("Present at the meeting were many residents.").is_empty());
}

#[test]
fn a_list_goes_on_over_a_line_that_opens_with_a_title() {
    assert_eq!(
        names("Present: Councillor J Hughes (Chair)\nCouncillors P Lane and R Moss\nMinutes"),
        ["J Hughes", "P Lane", "R Moss"]
    );
    // A hard wrap between a title and its name.
    assert_eq!(
        names("Present: Councillor J Hughes (Chair) and Councillor\nWebb.\nPART ONE"),
        ["J Hughes", "Webb"]
    );
    // Not over a sentence, nor over names with no title.
    assert!(!list_goes_on(
        "Present: A",
        "Councillor B attended as a substitute",
        false,
        false,
        false
    ));
    assert!(!list_goes_on(
        "Present: A",
        "Declarations of Interest",
        false,
        false,
        false
    ));
    assert!(list_goes_on(
        "Present:",
        "Director of Finance",
        false,
        true,
        true
    ));
    // Nor over the heading of what follows, capitalised as names are.
    for heading in ["Apologies", "Declarations of Interest", "Officers Present"] {
        assert!(
            !list_goes_on("Present:", heading, false, true, true),
            "{heading}"
        );
        assert!(
            !list_goes_on("Councillor A,", heading, false, true, false),
            "{heading}"
        );
    }
}

#[test]
fn a_list_of_one_name_a_line_between_blank_lines_goes_on() {
    assert_eq!(
        names(
            "Present:\n\nCllr Mr A Porter (Chair)\n\nCllr Mrs B Abbott\n\nCllr B Banks\n\nThe Chair welcomed everyone."
        ),
        ["Mr A Porter", "Mrs B Abbott", "B Banks"]
    );
    // Not past a blank line once names came a line apiece without one.
    assert_eq!(
        names("Present:\nCllr A Porter\nCllr B Abbott\n\nCllr C Banks"),
        ["A Porter", "B Abbott"]
    );
}

#[test]
fn a_label_may_say_how_they_took_part() {
    assert_eq!(
        names("Also present via Teams virtually: Dr A Pryce (Independent Adviser)\nPART ONE"),
        ["Dr A Pryce"]
    );
    assert_eq!(names("Present remotely:\nCouncillor B Lowe"), ["B Lowe"]);
}

#[test]
fn a_scottish_sederunt_lists_who_was_present() {
    let out = attendance("Sederunt: Councillor Ross (Convener); and Councillors Gray and Muir.");
    let names: Vec<(&str, &str)> = (out.iter())
        .map(|a| (a.person_name.as_str(), a.status.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("Ross", "present"),
            ("Gray", "present"),
            ("Muir", "present")
        ]
    );
}

#[test]
fn officers_listed_by_post_name_no_one() {
    let names = names(
        "Officers present: Chief Executive, Director of Finance, Democratic Services Officer, Mr P Evans (Head of Legal Services) and Sarah Head",
    );
    assert_eq!(names, ["Mr P Evans", "Sarah Head"]);
}

#[test]
fn a_line_on_who_else_came_names_them_in_attendance() {
    let text = "Present: Cllrs P Ardley and M Bexton.\nDistrict Cllrs Farrow and Gant were present\nClerk to the Council, Mrs L Hythe and Assistant Clerk were in attendance\nNo members of the public were present\nCouncillor Ingram was absent";
    let out = attendance(text);
    let rows: Vec<_> = (out.iter())
        .map(|a| (a.person_name.as_str(), a.status))
        .collect();
    use AttendanceStatus::{InAttendance, Present};
    assert_eq!(
        rows,
        [
            ("P Ardley", Present),
            ("M Bexton", Present),
            ("Farrow", InAttendance),
            ("Gant", InAttendance),
            ("Mrs L Hythe", InAttendance),
        ]
    );
    // In an item's minutes, such a line is not read.
    let mut out = Vec::new();
    let text = "Councillor Ingram was present";
    attended(
        text,
        &LineMap(vec![(0, 1)]),
        Some(3),
        Cues::of(text),
        &mut out,
    );
    assert!(out.is_empty(), "{out:?}");
}

#[test]
fn a_roll_call_item_lists_who_answered() {
    assert!(is_roll_title(
        "Calling of the Roll and Apologies for Absence"
    ));
    assert!(is_roll_title("Roll Call"));
    assert!(!is_roll_title("Apologies for Absence"));
    let text = "Mr G Adam, Mrs J Barclay, Mr R Bremner (v/c), Ms M Smith and Mr B Thompson\n\nIn Attendance:\nChief Executive\n\nMr A Brown, the Chair, Mr C Dunn and Mrs E Fell were thanked.";
    let mut out = Vec::new();
    roll(text, &LineMap(vec![(0, 4)]), 1, &mut out);
    let names: Vec<_> = out.iter().map(|a| a.person_name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Mr G Adam",
            "Mrs J Barclay",
            "Mr R Bremner",
            "Ms M Smith",
            "Mr B Thompson"
        ]
    );
    assert!(out.iter().all(|a| a.status == AttendanceStatus::Present));
    // Hard-wrapped after "and" or ",": one list over the lines.
    let mut out = Vec::new();
    let wrapped = "Mr G Adam, Mrs J Barclay and\nMr R Bremner\nMs M Smith,\nMr B Thompson\nThe Chair welcomed Mr A Brown,\nMr C Dunn and Mrs E Fell.";
    roll(wrapped, &LineMap(vec![(0, 4)]), 1, &mut out);
    let names: Vec<_> = out.iter().map(|a| a.person_name.as_str()).collect();
    assert_eq!(names, ["Mr G Adam", "Mrs J Barclay", "Mr R Bremner"]);
}

#[test]
fn a_role_printed_before_a_titled_name_is_its_role() {
    let rows = roles(
        "Present: Councillor Q. Harrow (Chairman), Standing Invitee Dr W. Fennick, Deputy Mayor Cllr O. Pardle, Vice-Chair Cllr S. Tarn in the Chair, Vice-Chair Cllr R. Amble (Labour) and Co-opted Member Mr P. Green (Vice-Chairman)",
    );
    let role = |name: &str, role: &str| (name.to_string(), Some(role.to_string()));
    assert_eq!(
        rows,
        [
            role("Q. Harrow", "Chairman"),
            role("Dr W. Fennick", "Standing Invitee"),
            role("O. Pardle", "Deputy Mayor"),
            role("S. Tarn", "Chair"),
            role("R. Amble", "Vice-Chair"),
            role("Mr P. Green", "Vice-Chairman"),
        ]
    );
}

#[test]
fn an_office_with_its_holder_in_brackets_names_the_holder() {
    let rows = roles(
        "PRESENT: The Mayor (Councillor P Wright) (in the Chair), Councillors A Adams and B Baker (Deputy Mayor)",
    );
    assert_eq!(
        rows,
        [
            ("P Wright".to_string(), Some("Mayor".to_string())),
            ("A Adams".to_string(), None),
            ("B Baker".to_string(), Some("Deputy Mayor".to_string())),
        ]
    );
    assert_eq!(
        bracketed("Councillor K Wood (Cabinet Member (Highways)) (Labour)"),
        (
            "Councillor K Wood ",
            vec!["Cabinet Member (Highways)", "Labour"]
        )
    );
}

#[test]
fn whoever_was_in_the_chair_was_present_as_chair() {
    let rows = |text: &str| -> Vec<(String, Option<String>)> {
        (attendance(text).into_iter())
            .map(|a| (a.person_name, a.role))
            .collect()
    };
    let chair = |name: &str| (name.to_string(), Some("Chair".to_string()));
    let member = |name: &str| (name.to_string(), None);
    assert_eq!(
        rows("In the Chair: Alderman J Smith\nPresent: Councillors A Brown and C Davis"),
        [
            chair("Alderman J Smith"),
            member("A Brown"),
            member("C Davis")
        ]
    );
    assert_eq!(
        rows("PRESENT: Councillor J Smith (in the Chair), Councillors A Brown and C Davis"),
        [chair("J Smith"), member("A Brown"), member("C Davis")]
    );
    // The chair's line on its own, above the list or in it: one row.
    assert_eq!(
        rows("Councillor J Smith in the Chair\nPresent: Councillors A Brown and C Davis"),
        [member("A Brown"), member("C Davis"), chair("J Smith")]
    );
    assert_eq!(
        rows("Present:\nCouncillor J Smith in the Chair\nCouncillors A Brown and C Davis"),
        [chair("J Smith"), member("A Brown"), member("C Davis")]
    );
    // Not who chaired this meeting: a sentence, a label of a
    // committee's membership.
    assert!(rows("The Mayor thanked Councillor J Smith, who had been in the Chair").is_empty());
    assert!(rows("Chair: Councillor J Smith").is_empty());
    // Beside a list of who came, the chair's and vice-chair's labels.
    assert_eq!(
        rows(
            "Chair: Councillor J Smith\nVice-Chair: Councillor K Lee\nPresent: Councillor A Brown"
        ),
        [
            chair("J Smith"),
            ("K Lee".to_string(), Some("Vice-Chair".to_string())),
            member("A Brown")
        ]
    );
}

#[test]
fn present_lists_give_names_roles_and_statuses() {
    let out = attendance(
        "Present: Councillor A Smith (Chairman), Councillors B Jones, C Brown (Conservative),\nR. T. Pemberton and D Green (Vice-Chairman)\nIn attendance: Mr P Evans (Head of Legal Services)\nSubstitutes: Councillor E Hall (for Councillor F Lee)\nCouncillor G King substituted for Councillor H Moss.",
    );
    let rows: Vec<(&str, &str, Option<&str>)> = out
        .iter()
        .map(|a| (a.person_name.as_str(), a.status.as_str(), a.role.as_deref()))
        .collect();
    assert_eq!(
        rows,
        [
            ("A Smith", "present", Some("Chairman")),
            ("B Jones", "present", None),
            ("C Brown", "present", None),
            ("R. T. Pemberton", "present", None),
            ("D Green", "present", Some("Vice-Chairman")),
            (
                "Mr P Evans",
                "in_attendance",
                Some("Head of Legal Services")
            ),
            ("E Hall", "substitute", None),
            ("G King", "substitute", None),
        ]
    );
    let substitutes = |text: &str| {
        let mut out = Vec::new();
        attended(text, &LineMap(vec![(0, 1)]), None, Cues::of(text), &mut out);
        out.into_iter()
            .map(|a| (a.person_name, a.status.as_str()))
            .collect::<Vec<_>>()
    };
    for text in [
        "Apologies were received from Councillor J Smith (substitute: Councillor K Brown).",
        "Apologies were received from Councillor Smith, who was substituted by Councillor K Brown.",
        "Apologies were received from Councillor Smith, with Councillor K Brown substituting.",
        "Councillor K Brown attending as a substitute.",
    ] {
        assert_eq!(
            substitutes(text),
            [("K Brown".to_string(), "substitute")],
            "{text}"
        );
    }
    assert!(substitutes("The item on substitute members was deferred.").is_empty());
    // A name never runs over a sentence's end; a list gives each name.
    assert_eq!(
        substitutes("Apologies from Councillor Smith. Councillor B. Brown substituted for him."),
        [("B. Brown".to_string(), "substitute")]
    );
    assert_eq!(
        substitutes("Councillors Brown and Green attended as substitutes."),
        [
            ("Brown".to_string(), "substitute"),
            ("Green".to_string(), "substitute")
        ]
    );
}

#[test]
fn a_list_in_running_text_ends_at_its_full_stop() {
    let present = names(
        "Present: Cllrs Hale, Moss and Penrose. District Councillor Ann Dale was in attendance with four members of the public.",
    );
    assert_eq!(present, ["Hale", "Moss", "Penrose"]);
    // A full stop after an initial or typed for a comma does not end it.
    let present = names("Present: Councillors J. Hale (Chair). Councillors R Moss and T Penrose.");
    assert_eq!(present, ["J. Hale", "R Moss", "T Penrose"]);
}
