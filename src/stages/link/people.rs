//! People over all meetings: one row per member or officer the documents
//! list (attendance, declarations, named votes, councillors named in the
//! minutes), with their name as most often printed, when they were first
//! and last seen, how often they attended, and the roles they held.

use std::collections::{BTreeMap, HashSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::{AttendanceStatus, Document, id_number};
use crate::stages::enrich::people::person_key;

/// A person as the whole run saw them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub person_id: String,
    /// The name as most often printed, titles dropped.
    pub name: String,
    /// The title most often printed before it ("Councillor", "Mr").
    pub honorific: Option<String>,
    pub first_seen: Option<NaiveDate>,
    pub last_seen: Option<NaiveDate>,
    /// Meetings whose attendance lists the person, by status.
    pub meetings: u32,
    pub present: u32,
    pub apologies: u32,
    pub absent: u32,
    pub substitute: u32,
    pub in_attendance: u32,
    pub votes: u32,
    pub declarations: u32,
    pub mentions: u32,
}

/// A role a person was seen in ("Chairman" of a body, "Cabinet Member for
/// Highways", "Head of Legal Services").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Role {
    pub person_id: String,
    pub role: String,
    pub body_name: Option<String>,
    pub first_seen: Option<NaiveDate>,
    pub last_seen: Option<NaiveDate>,
    pub times: u32,
}

#[derive(Default, Serialize, Deserialize)]
struct Seen {
    /// Names as printed, with how often each (titles are told apart at
    /// the end, once per distinct form).
    names: BTreeMap<String, u32>,
    first: Option<NaiveDate>,
    last: Option<NaiveDate>,
    /// Meeting IDs (as numbers) by status, so a meeting read from two
    /// pages counts once.
    statuses: [HashSet<u64>; 5],
    votes: HashSet<u64>,
    declarations: u32,
    mentions: u32,
}

/// `(role, body)` -> (first, last, times).
type Roles = BTreeMap<(String, Option<String>), (Option<NaiveDate>, Option<NaiveDate>, u32)>;

/// Collects people from each document as it is written. Serialised, it
/// is a shard's part of the link (see [`People::merge`]).
#[derive(Default, Serialize, Deserialize)]
pub struct People {
    seen: BTreeMap<String, Seen>,
    roles: BTreeMap<String, Roles>,
}

fn widen(range: (&mut Option<NaiveDate>, &mut Option<NaiveDate>), date: Option<NaiveDate>) {
    if let Some(d) = date {
        *range.0 = Some(range.0.map_or(d, |f| f.min(d)));
        *range.1 = Some(range.1.map_or(d, |l| l.max(d)));
    }
}

/// "County Councillor Mrs J. Smith MBE" -> ("J. Smith",
/// Some("Councillor")): the printed name without the titles and honours
/// [`person_key`] drops, and the first title.
fn printed(name: &str) -> (String, Option<String>) {
    let name = name.split(['(', '[']).next().unwrap_or("").trim();
    let key = person_key(name);
    let mut words: Vec<&str> = name.split_whitespace().collect();
    let mut honorific = None;
    // A word is a title or an honour when dropping it leaves the same key.
    while words.len() > 1 && person_key(&words[1..].join(" ")) == key {
        let title = words.remove(0).trim_end_matches('.');
        let title = match title.to_lowercase().as_str() {
            "cllr" | "cllrs" | "councillors" | "councillor" => "Councillor",
            "cyng" | "cynghorydd" => "Cynghorydd",
            // "County Councillor", "Y Cynghorydd": the next word names it.
            "county" | "district" | "borough" | "town" | "y" => continue,
            _ => title,
        };
        honorific.get_or_insert_with(|| title.to_string());
    }
    while words.len() > 1 && person_key(&words[..words.len() - 1].join(" ")) == key {
        words.pop();
    }
    (words.join(" "), honorific)
}

/// Records one sighting of a person under a printed name.
fn see<'a>(
    seen: &'a mut BTreeMap<String, Seen>,
    id: &str,
    name: &str,
    date: Option<NaiveDate>,
) -> &'a mut Seen {
    let seen = seen.entry(id.to_string()).or_default();
    match seen.names.get_mut(name) {
        Some(n) => *n += 1,
        None => {
            seen.names.insert(name.to_string(), 1);
        }
    }
    widen((&mut seen.first, &mut seen.last), date);
    seen
}

impl People {
    pub fn add(&mut self, doc: &Document) {
        for m in &doc.meetings {
            let date = m.start_date;
            let body = m.body_name.clone();
            let mut roles: Vec<(String, String)> = Vec::new();
            for a in m.attendance.iter().filter(|a| !a.person_id.is_empty()) {
                // A member expected at a meeting holds their role already.
                if let Some(role) = &a.role {
                    roles.push((a.person_id.clone(), role.clone()));
                }
                let seen = see(&mut self.seen, &a.person_id, &a.person_name, date);
                let status = match a.status {
                    AttendanceStatus::Present => 0,
                    AttendanceStatus::Apologies => 1,
                    AttendanceStatus::Absent => 2,
                    AttendanceStatus::Substitute => 3,
                    AttendanceStatus::InAttendance => 4,
                    // Expected: not attendance yet.
                    AttendanceStatus::Expected => continue,
                };
                seen.statuses[status].insert(id_number(&m.meeting_id));
            }
            for d in &m.declarations {
                if let (Some(id), Some(name)) = (&d.person_id, &d.person_name) {
                    see(&mut self.seen, id, name, date).declarations += 1;
                }
            }
            for item in &m.items {
                for vote in &item.votes {
                    for named in vote.names.iter().filter(|n| !n.person_id.is_empty()) {
                        see(&mut self.seen, &named.person_id, &named.person_name, date)
                            .votes
                            .insert(id_number(&vote.vote_id));
                    }
                }
                for mention in &item.mentions {
                    if let Some(id) = &mention.person_id {
                        see(&mut self.seen, id, &mention.text, date).mentions += 1;
                        if let Some(role) = &mention.role {
                            roles.push((id.clone(), role.clone()));
                        }
                    }
                }
            }
            for (id, role) in roles {
                let entry = self
                    .roles
                    .entry(id)
                    .or_default()
                    .entry((role, body.clone()))
                    .or_default();
                widen((&mut entry.0, &mut entry.1), date);
                entry.2 += 1;
            }
        }
    }

    /// Takes in another shard's sightings: counts add up, date ranges
    /// widen, and meetings and votes seen by both count once.
    pub fn merge(&mut self, other: People) {
        for (id, theirs) in other.seen {
            let ours = self.seen.entry(id).or_default();
            for (name, n) in theirs.names {
                *ours.names.entry(name).or_default() += n;
            }
            widen((&mut ours.first, &mut ours.last), theirs.first);
            widen((&mut ours.first, &mut ours.last), theirs.last);
            for (mine, seen) in ours.statuses.iter_mut().zip(theirs.statuses) {
                mine.extend(seen);
            }
            ours.votes.extend(theirs.votes);
            ours.declarations += theirs.declarations;
            ours.mentions += theirs.mentions;
        }
        for (id, roles) in other.roles {
            let ours = self.roles.entry(id).or_default();
            for (role, (first, last, times)) in roles {
                let entry = ours.entry(role).or_default();
                widen((&mut entry.0, &mut entry.1), first);
                widen((&mut entry.0, &mut entry.1), last);
                entry.2 += times;
            }
        }
    }

    /// The people and their roles, by person ID.
    pub fn finish(self) -> (Vec<Person>, Vec<Role>) {
        // The most frequent; on a tie, the longest, then the first in order.
        fn most(counts: &BTreeMap<String, u32>) -> Option<String> {
            let best = counts.iter().max_by(|a, b| {
                (a.1, a.0.len())
                    .cmp(&(b.1, b.0.len()))
                    .then_with(|| b.0.cmp(a.0))
            });
            best.map(|(name, _)| name.clone())
        }
        let people = self
            .seen
            .into_iter()
            .map(|(person_id, s)| {
                let count = |i: usize| s.statuses[i].len() as u32;
                let meetings: HashSet<&u64> = s.statuses.iter().flatten().collect();
                let (mut names, mut honorifics) = (BTreeMap::new(), BTreeMap::new());
                for (raw, n) in &s.names {
                    let (name, honorific) = printed(raw);
                    *names.entry(name).or_default() += n;
                    if let Some(h) = honorific {
                        *honorifics.entry(h).or_default() += n;
                    }
                }
                Person {
                    name: most(&names).unwrap_or_default(),
                    honorific: most(&honorifics),
                    first_seen: s.first,
                    last_seen: s.last,
                    meetings: meetings.len() as u32,
                    present: count(0),
                    apologies: count(1),
                    absent: count(2),
                    substitute: count(3),
                    in_attendance: count(4),
                    votes: s.votes.len() as u32,
                    declarations: s.declarations,
                    mentions: s.mentions,
                    person_id,
                }
            })
            .collect();
        let roles = self
            .roles
            .into_iter()
            .flat_map(|(person_id, roles)| {
                roles
                    .into_iter()
                    .map(move |((role, body_name), (first, last, times))| Role {
                        person_id: person_id.clone(),
                        role,
                        body_name,
                        first_seen: first,
                        last_seen: last,
                        times,
                    })
            })
            .collect();
        (people, roles)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_printed_name_loses_its_titles() {
        assert_eq!(
            printed("Councillor Mrs J. Smith (Chairman)"),
            ("J. Smith".into(), Some("Councillor".into()))
        );
        assert_eq!(
            printed("Cllr A Jones"),
            ("A Jones".into(), Some("Councillor".into()))
        );
        assert_eq!(printed("Hartley"), ("Hartley".into(), None));
        assert_eq!(
            printed("County Councillor Alan Hosker MBE"),
            ("Alan Hosker".into(), Some("Councillor".into()))
        );
        assert_eq!(
            printed("Mr R W Banks"),
            ("R W Banks".into(), Some("Mr".into()))
        );
    }
}
