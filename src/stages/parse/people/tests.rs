use super::*;

#[test]
fn every_apologies_opener_holds_its_cue() {
    crate::stages::parse::tests::assert_every_match_holds(
        &[&APOLOGIES],
        Cues::APOLOGY,
        include_str!("tests.rs"),
        30,
    );
}

#[test]
fn apology_lists_are_split_and_prefixes_dropped() {
    // One name a line, its full stop dropped, an initial's kept.
    assert_eq!(
        name_lines("Councillor R Todd.\nMr S Udall R."),
        ["R Todd", "Mr S Udall R."]
    );
    assert_eq!(
        split_names("Mr R W Banks and Mr P M McDonald"),
        ["Mr R W Banks", "Mr P M McDonald"]
    );
    assert_eq!(
        split_names("Mr Pugh, Mr Ridgers Mr Simmonds"),
        ["Mr Pugh", "Mr Ridgers", "Mr Simmonds"]
    );
    assert_eq!(
        split_names("Councillors Maurice Corry, Audrey Forrest and Kieron Green"),
        ["Maurice Corry", "Audrey Forrest", "Kieron Green"]
    );
    assert_eq!(
        split_names("Councillors: M Ali, N Bell and O Cox"),
        ["M Ali", "N Bell", "O Cox"]
    );
    assert_eq!(
        split_names("Councillor Mrs P. Taylor and Councillor D. Evans-Hughes"),
        ["Mrs P. Taylor", "D. Evans-Hughes"]
    );
    assert_eq!(
        split_names("Co-opted Member Mr P. Green and Councillor T. Brown"),
        ["Mr P. Green", "T. Brown"]
    );
    assert_eq!(
        split_names(
            "Councillor Q. Harrow, Standing Invitee Dr W. Fennick, Deputy Mayor Cllr O. Pardle and Youth Adviser Miss T. Grue"
        ),
        ["Q. Harrow", "Dr W. Fennick", "O. Pardle", "Miss T. Grue"]
    );
    let names = |text: &str| {
        let opener = APOLOGIES.find(text).unwrap();
        let labelled = opener.as_str().trim_end().ends_with(':');
        apology_names(&text[opener.end()..], labelled)
    };
    let sent = |text: &'static str| {
        sent_apologies(text, Cues::of(text))
            .map(|(_, names)| names)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        sent("Cllr. M. Hughes and Cllr. N. Lloyd gave their apologies."),
        ["Cllr. M. Hughes and Cllr. N. Lloyd"]
    );
    assert_eq!(
        sent("The Chair welcomed all. Councillor Jane Smith apologised for her absence."),
        ["Councillor Jane Smith"]
    );
    assert_eq!(
        sent("Cllr P Brown had apologised for lateness."),
        ["Cllr P Brown"]
    );
    assert_eq!(
        sent("Ymddiheurodd y Cynghorydd Ann Morgan am ei hanallu i fynychu."),
        ["y Cynghorydd Ann Morgan"]
    );
    // Apologising for something else is no apology for absence.
    assert!(sent("Councillor Jane Smith apologised for the late papers.").is_empty());
    assert_eq!(
        names("An apology was received from Councillor Nick Carter."),
        ["Nick Carter"]
    );
    // A list hard-wrapped in mid-sentence goes on below, to its stop.
    assert_eq!(
        names(
            "Apologies for absence were received from Councillors M J M Baker and B Cabbell\nManners. There was one substitute Member."
        ),
        ["M J M Baker", "B Cabbell Manners"]
    );
    assert_eq!(
        names("Apologies were received from Councillors Anne Brown, Robert\nSmith and Jane White."),
        ["Anne Brown", "Robert Smith", "Jane White"]
    );
    // A new sentence below, a gap, or a line ended by a stop: no more.
    for text in [
        "Apologies were received from Councillor Anne Brown\nThe Chair welcomed everyone to the meeting.",
        "Apologies were received from Councillor Anne Brown\n\nMinutes.",
        "Apologies were received from Councillor Anne Brown.\nNoted.",
    ] {
        assert_eq!(names(text), ["Anne Brown"], "{text}");
    }
    assert_eq!(
        names("An apology was reported from the Chairperson (Councillor Murphy)."),
        ["Murphy"]
    );
    for text in [
        "Apologies were submitted by Cllrs Smith and Jones.",
        "Apologies were given by Councillors Smith and Jones.",
        "Apologies received: Cllr Smith, Cllr Jones",
        "The following apologies were received: Councillor Smith, Councillor Jones.",
        "Apologies for absence were intimated on behalf of Councillors Smith and Jones.",
        "The following Members had given apologies: Councillors Smith and Jones.",
        "Apologies were received from the following Members: Councillors Smith and Jones.",
        "RESOLVED: That the apologies for absence from Councillors Smith and Jones be noted.",
        "Apologies for Absence - Councillors Smith and Jones",
        "Derbyniwyd ymddiheuriadau gan y Cynghorwyr Smith a Jones.",
        "Derbyniwyd ymddiheuriadau gan y Cynghorwyr Smith ac Jones.",
        "Ymddiheuriadau: Y Cynghorydd Smith a'r Cynghorydd Jones.",
        "Apologies were received from Councillor Smith, who was substituted by Councillor Grey, and from Councillor Jones.",
        "Apologies were received from Councillors Smith and Jones, Councillor Grey attended as substitute.",
        // The label alone, its list on the line under it.
        "Apologies for absence:\nCouncillors Smith and Councillor Jones",
    ] {
        assert_eq!(names(text), ["Smith", "Jones"], "{text}");
    }
    // The substitute named in the next sentence ends no list before it.
    assert_eq!(
        names(
            "Apologies were received from Councillors Smith, Brown and Jones. Councillor Grey attended as substitute for Councillor Jones."
        ),
        ["Smith", "Brown", "Jones"]
    );
    // A dashed label opens a list only over councillors' names.
    assert!(!APOLOGIES.is_match("Apologies for absence - To receive any apologies"));
    // A list that names no one.
    for text in [
        "Apologies: None.",
        "Apologies: Nil",
        "Apologies for absence: None received.",
        "Apologies: N/A",
        "Apologies: There were none.",
        "Apologies:\n\nNone.",
        "Ymddiheuriadau: Dim.",
    ] {
        assert!(names(text).is_empty(), "{text}");
    }
    assert_eq!(names("Apologies: Nila Patel"), ["Nila Patel"]);
    // A full stop typed for a comma.
    assert_eq!(
        names("Apologies were received from Councillors A Smith, B Jones. C Brown and D Green"),
        ["A Smith", "B Jones", "C Brown", "D Green"]
    );
    assert_eq!(
        names("Apologies were received from Councillor A Smith. The Chair welcomed everyone."),
        ["A Smith"]
    );
    assert_eq!(
        names(
            "Apologies for absence were received from:\n\nCouncillor A Smith\n\nCouncillor B Jones\n\nThe Chair opened the meeting."
        ),
        ["A Smith", "B Jones"]
    );
    assert_eq!(
        names(
            "Apologies were received from Councillor Smith, with Councillor Green attending as substitute."
        ),
        ["Smith"]
    );
    assert_eq!(
        names("The Manager reported apologies from Mr Bradshaw, Mr Lehmann and Mr Webb. Then"),
        ["Mr Bradshaw", "Mr Lehmann", "Mr Webb"]
    );
    assert_eq!(
        names(
            "Apologies for absence were received from Councillors Hartley, Osei and R. T. Pemberton.\nNext"
        ),
        ["Hartley", "Osei", "R. T. Pemberton"]
    );
    assert_eq!(
        names("None.\nApologies: Cllr Amira Haddad; Cllr Tom Bright; Cllr J. P. Walsh\nMore"),
        ["Amira Haddad", "Tom Bright", "J. P. Walsh"]
    );
    assert_eq!(
        names("Apologies were received from Dr. Lee (substitute: Mr Khan)."),
        ["Dr. Lee"]
    );
    // Asides, a relative clause, lateness, a list below its label.
    assert_eq!(
        names(
            "There were apologies for absence from Councillors A Lauder (due to mayoral business), and D Merrill; and for lateness from Councillor N Coyle."
        ),
        ["A Lauder", "D Merrill", "N Coyle"]
    );
    assert_eq!(
        names(
            "An apology for absence was received from Councillor J Aitman who was representing the Council."
        ),
        ["J Aitman"]
    );
    assert_eq!(
        names("An apology for inability to attend was reported from Councillor Murphy."),
        ["Murphy"]
    );
    assert_eq!(
        names(
            "There were 2 apologies for absence:\n\nCllr Maureen Attewell\n\nMiss Alison Griffiths\n\nThe Chair opened the meeting."
        ),
        ["Maureen Attewell", "Miss Alison Griffiths"]
    );
    assert!(
        APOLOGIES
            .find("a statement of apology on behalf of Councillor Hosker")
            .is_none()
    );
    // The minutes of an apologies item that are the list alone.
    let bare = |text: &str, apologies_item| {
        let mut out = Vec::new();
        apologies(
            text,
            &LineMap(vec![(0, 1)]),
            Some(0),
            apologies_item,
            Cues::of(text),
            &mut out,
        );
        out.into_iter().map(|a| a.person_name).collect::<Vec<_>>()
    };
    let welsh = "Y Cynghorwyr:- Endaf Cooke, Linda A.W.Jones a John Wyn Williams.";
    assert_eq!(
        bare(welsh, true),
        ["Endaf Cooke", "Linda A.W.Jones", "John Wyn Williams"]
    );
    assert!(bare(welsh, false).is_empty());
    assert_eq!(
        bare("Councillor Baker\n\nMr T Clark (Independent Person)", true),
        ["Baker", "Mr T Clark"]
    );
    assert!(bare("None.", true).is_empty());
    assert_eq!(
        bare(
            "Apologies were received from:\n\n• Councillor Baker\n\n• Councillor Clark",
            false
        ),
        ["Baker", "Clark"]
    );
    // The agenda's invitation names no one; minutes after it do.
    assert!(
        bare(
            "To receive apologies for absence from\nMembers of the Committee.",
            false
        )
        .is_empty()
    );
    assert_eq!(
        bare(
            "To receive apologies. Apologies were received from Councillor Smith.",
            false
        ),
        ["Smith"]
    );
    // A line break ends the agenda's line, with or without its stop.
    assert_eq!(
        bare(
            "To receive any apologies\nApologies were received from Councillor Smith.",
            false
        ),
        ["Smith"]
    );
}

#[test]
fn names_before_the_apology_they_sent() {
    let mut out = Vec::new();
    let text = "Councillor Smith and Councillor Jones sent their apologies. Cllr A Brown gave apologies.\nThe Mayor sent a message. Councillor Green had given apologies for absence.";
    apologies(
        text,
        &LineMap(vec![(0, 1)]),
        None,
        false,
        Cues::of(text),
        &mut out,
    );
    let names: Vec<&str> = out.iter().map(|a| a.person_name.as_str()).collect();
    assert_eq!(names, ["Smith", "Jones", "A Brown", "Green"]);
}

#[test]
fn an_apologies_label_alone_is_the_whole_line() {
    for label in [
        "Apologies for absence:",
        "Apologies:",
        "APOLOGIES RECEIVED:",
        "Ymddiheuriadau:",
    ] {
        assert!(is_apologies_label(label), "{label}");
    }
    for line in [
        "Apologies: Councillor A Smith",
        "Apologies for absence",
        "The following apologies were received:",
    ] {
        assert!(!is_apologies_label(line), "{line}");
    }
}
