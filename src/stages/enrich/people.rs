//! Who a printed name is: one key per person and council, whatever the
//! titles, honours, initials' dots and case ("Cllr R.T. Pemberton",
//! "Councillor R T Pemberton MBE" and "Y Cynghorydd R. T. Pemberton" are one
//! person). The key is the name itself, so it needs no lookup and is the
//! same on every run and every shard; names the text gives differently
//! ("A Smith", "Alan Smith") stay two people, as nothing on a page says
//! they are one.
//!
//! Only members and officers become people: anyone the attendance, a
//! declaration or a named vote lists, and anyone named with a
//! councillor's title. Others named in the minutes (members of the public,
//! speakers) get no person ID and are counted per item, never listed.

use std::collections::{HashMap, HashSet};

use crate::model::{Document, stable_id};

/// Titles and forms of address dropped before a name (lower case, no
/// trailing dot), English and Welsh. Longer forms come first.
const TITLES: &[&str] = &[
    "county councillors",
    "county councillor",
    "district councillor",
    "borough councillor",
    "town councillor",
    "y cynghorydd",
    "councillors",
    "councillor",
    "cynghorydd",
    "cllrs",
    "cllr",
    "cyng",
    "alderman",
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "prof",
    "professor",
    "sir",
    "dame",
    "rev",
    "revd",
    "reverend",
    "canon",
    "lord",
    "lady",
    "baroness",
    "deputy",
    "alderwoman",
    "the",
];

/// Words no name holds: a title followed by one of these is a heading or a
/// label ("Councillor\nAgenda Item"), not a person.
const NOT_NAMES: &[&str] = &[
    "agenda",
    "item",
    "items",
    "report",
    "minutes",
    "meeting",
    "council",
    "committee",
    "cabinet",
    "and",
    "of",
    "for",
    "present",
    "apologies",
    "none",
];

/// Honours and post-nominals dropped after a name.
const HONOURS: &[&str] = &[
    "mbe", "obe", "cbe", "bem", "jp", "dl", "kc", "qc", "mp", "ms", "fca", "cpfa",
];

/// Does the name carry a councillor's title?
pub fn is_councillor(name: &str) -> bool {
    let mut words = name
        .split_whitespace()
        .map(|w| w.trim_end_matches('.').to_lowercase());
    let first = words.next().unwrap_or_default();
    let title = |w: &str| {
        [
            "councillor",
            "councillors",
            "cllr",
            "cllrs",
            "cynghorydd",
            "cyng",
        ]
        .contains(&w)
    };
    title(&first)
        || (["county", "district", "borough", "town", "y"].contains(&first.as_str())
            && words.next().is_some_and(|w| title(&w)))
}

/// The key of a printed name: lower case, titles and honours dropped,
/// initials one letter each ("R.T." and "RT" before a surname are "r t").
/// `None` when no surname is left ("Councillor", "Mr A.").
pub fn person_key(name: &str) -> Option<String> {
    let name = name.split(['(', '[', ',']).next().unwrap_or("");
    let mut words: Vec<&str> = name
        .split(|c: char| c.is_whitespace() || c == '.')
        .filter(|w| !w.is_empty())
        .collect();
    // Titles, possibly several ("Councillor Mrs", "County Councillor Dr").
    let is = |word: Option<&&str>, title: &str| word.is_some_and(|w| w.eq_ignore_ascii_case(title));
    loop {
        let skip = TITLES.iter().find_map(|t| match t.split_once(' ') {
            Some((first, second)) => {
                (is(words.first(), first) && is(words.get(1), second)).then_some(2)
            }
            None => is(words.first(), t).then_some(1),
        });
        match skip {
            Some(n) if words.len() > n => {
                words.drain(..n);
            }
            Some(_) => return None,
            None => break,
        }
    }
    while words.len() > 1
        && words
            .last()
            .is_some_and(|w| HONOURS.iter().any(|h| w.eq_ignore_ascii_case(h)))
    {
        words.pop();
    }
    let last = words.len().checked_sub(1)?;
    let mut key = String::with_capacity(name.len());
    for (i, word) in words.iter().enumerate() {
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        if letters == 0 {
            continue;
        }
        // "RT" before the surname: two initials run together.
        let initials = i < last && letters <= 3 && word.chars().all(char::is_uppercase);
        if !key.is_empty() {
            key.push(' ');
        }
        for (n, c) in word.chars().enumerate() {
            if initials && n > 0 {
                key.push(' ');
            }
            match c {
                '’' => key.push('\''),
                c => key.extend(c.to_lowercase()),
            }
        }
    }
    let surname = key.rsplit(' ').next().unwrap_or("");
    let named = !key.split(' ').any(|w| NOT_NAMES.contains(&w));
    (named && surname.chars().count() >= 2).then_some(key)
}

/// A person's stable ID: council and key, so one name at two councils is
/// two people.
pub fn person_id(council_id: &str, key: &str) -> String {
    stable_id(&["person", council_id, key])
}

/// Gives every name of a document that is a member or officer its person
/// ID, and counts per item the people named who are not (when `mentions`
/// were looked for).
pub fn identify(doc: &mut Document, council_id: &str, mentions: bool) {
    // A page names its people again and again: each name is keyed once.
    let mut known: HashMap<Box<str>, Option<(String, String)>> = HashMap::new();
    let mut id = |name: &str| -> Option<(String, String)> {
        if let Some(found) = known.get(name) {
            return found.clone();
        }
        let found = person_key(name).map(|key| (person_id(council_id, &key), key));
        known.insert(name.into(), found.clone());
        found
    };
    for meeting in &mut doc.meetings {
        // The keys of the people this meeting lists: a mention of one of
        // them in the minutes is a member or officer too.
        let mut listed: HashSet<String> = HashSet::new();
        for a in &mut meeting.attendance {
            if let Some((person, key)) = id(&a.person_name) {
                a.person_id = person;
                listed.insert(key);
            }
        }
        for d in &mut meeting.declarations {
            if let Some((person, key)) = d.person_name.as_deref().and_then(&mut id) {
                d.person_id = Some(person);
                listed.insert(key);
            }
        }
        for vote in meeting.items.iter_mut().flat_map(|i| i.votes.iter_mut()) {
            for named in &mut vote.names {
                if let Some((person, key)) = id(&named.person_name) {
                    named.person_id = person;
                    listed.insert(key);
                }
            }
        }
        for item in &mut meeting.items {
            let mut others = HashSet::new();
            // A person's mention is normalised to their key already.
            for mention in item.mentions.iter_mut().filter(|m| m.kind == "person") {
                let key = &mention.normalised;
                if is_councillor(&mention.text) || listed.contains(key) {
                    mention.person_id = Some(person_id(council_id, key));
                } else {
                    others.insert(key.clone());
                }
            }
            item.others_named = mentions.then_some(others.len() as u32);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_honours_and_initials_do_not_change_the_key() {
        let key = |n| person_key(n).unwrap();
        let same = [
            "Cllr R.T. Pemberton",
            "Councillor R T Pemberton MBE",
            "Y Cynghorydd R. T. Pemberton",
            "County Councillor RT Pemberton (Chairman)",
            "r t pemberton",
            "Mr R. T. PEMBERTON",
        ];
        for name in same {
            assert_eq!(key(name), "r t pemberton", "{name}");
        }
        assert_eq!(
            key("Councillor Mrs Jane O’Neill-Smith"),
            "jane o'neill-smith"
        );
        assert_eq!(key("Dr. Lee"), "lee");
        assert_ne!(key("A Smith"), key("Alan Smith"));
        assert_eq!(person_key("Councillor"), None);
        assert_eq!(person_key("Mr A."), None);
        assert_eq!(person_key("Councillor\n\nAgenda Item"), None);
        assert_eq!(person_key("Deputy Henry Jones"), person_key("Henry Jones"));
        assert_eq!(person_key(""), None);
    }

    #[test]
    fn the_same_name_at_two_councils_is_two_people() {
        let key = person_key("Cllr Ann Jones").unwrap();
        assert_ne!(person_id("E10000034", &key), person_id("W06000015", &key));
        assert_eq!(person_id("E10000034", &key), person_id("E10000034", &key));
    }

    #[test]
    fn councillors_are_told_by_their_title() {
        assert!(is_councillor("Cllr A Smith"));
        assert!(is_councillor("County Councillor A Smith"));
        assert!(is_councillor("Cynghorydd Ann Jones"));
        assert!(!is_councillor("Mr A Smith"));
        assert!(!is_councillor("Council officers"));
        assert!(!is_councillor("Cyngor Sir Ddinbych"));
    }
}
