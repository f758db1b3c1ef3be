//! link: what only the whole run can tell, across documents and meetings:
//! who the people are over all meetings ([`people`]) and which decisions
//! are steps of one matter ([`matters`]).
//!
//! Every other stage sees one document at a time. This one is fed each
//! document as it is written, keeps a small record of what it needs
//! (names and dates; a decision's title words, references and action),
//! and gives its tables when the run ends. Its IDs come from natural keys
//! (a person's name, a matter's first decision), so they are stable
//! across runs.

pub mod matters;
pub mod people;

use std::collections::HashMap;

use crate::model::Document;
use matters::{Matter, Matters, Step};
use people::{People, Person, Role};

/// `[link]`: what is linked across documents.
#[derive(Debug, Clone)]
pub struct LinkOptions {
    /// Follow matters from recommendation to decision.
    pub matters: bool,
    /// How far apart (days) two steps of one matter may be.
    pub matter_window_days: u32,
}

impl Default for LinkOptions {
    fn default() -> Self {
        LinkOptions {
            matters: true,
            matter_window_days: 180,
        }
    }
}

/// Serialised, a linker is a shard's part of the link: the parts of all
/// shards, merged, link as one run over all their documents would.
#[derive(serde::Serialize, serde::Deserialize)]
pub struct Linker {
    people: People,
    matters: Option<Matters>,
}

/// The tables only the link stage writes rows to.
pub const TABLES: [&str; 4] = ["people", "person_roles", "matters", "matter_steps"];

/// What the link stage found, ready to be written.
pub struct Linked {
    pub people: Vec<Person>,
    pub roles: Vec<Role>,
    pub matters: Vec<Matter>,
    pub steps: Vec<Step>,
}

impl Linked {
    /// decision ID -> matter ID, for `decisions.matter_id`.
    pub fn matter_of(&self) -> HashMap<&str, &str> {
        (self.steps.iter())
            .map(|s| (s.decision_id.as_str(), s.matter_id.as_str()))
            .collect()
    }
}

impl Linker {
    pub fn new(options: &LinkOptions) -> Linker {
        Linker {
            people: People::default(),
            matters: options
                .matters
                .then(|| Matters::new(options.matter_window_days)),
        }
    }

    pub fn add(&mut self, doc: &Document) {
        self.people.add(doc);
        if let Some(matters) = &mut self.matters {
            matters.add(doc);
        }
    }

    /// Takes in another shard's part.
    pub fn merge(&mut self, other: Linker) {
        self.people.merge(other.people);
        if let (Some(ours), Some(theirs)) = (&mut self.matters, other.matters) {
            ours.merge(theirs);
        }
    }

    pub fn finish(self, council_id: &str) -> Linked {
        let (people, roles) = self.people.finish();
        let (matters, steps) = match self.matters {
            Some(m) => m.finish(council_id),
            None => (Vec::new(), Vec::new()),
        };
        Linked {
            people,
            roles,
            matters,
            steps,
        }
    }
}
