//! Topics: a small keyword taxonomy tagging each item. The built-in
//! topics are listed in docs/pipeline.md; `[enrich.topic_keywords]` adds topics
//! or keywords.

use super::vocabulary::{Hit, ItemHits, Trigger, whole_word};
use crate::model::AgendaItem;

/// (topic, keywords). Keywords match whole words, ignoring the case of
/// ASCII letters, except all-capital acronyms ("SEND"), which match only as written.
const TOPICS: &[(&str, &[&str])] = &[
    (
        "childrens_services",
        &[
            "children's services",
            "children’s services",
            "safeguarding",
            "looked after children",
            "children in care",
            "care leavers",
            "fostering",
            "adoption",
            "child protection",
        ],
    ),
    (
        "send",
        &[
            "SEND",
            "special educational needs",
            "EHCP",
            "education, health and care plan",
        ],
    ),
    (
        "education",
        &["school", "schools", "academy", "pupils", "education"],
    ),
    (
        "adult_social_care",
        &[
            "adult social care",
            "adult services",
            "care homes",
            "domiciliary care",
            "learning disabilities",
        ],
    ),
    (
        "public_health",
        &[
            "public health",
            "health and wellbeing",
            "NHS",
            "GP",
            "vaccination",
        ],
    ),
    (
        "finance_budget",
        &[
            "budget",
            "revenue",
            "capital programme",
            "council tax",
            "medium term financial",
            "treasury management",
            "savings",
            "reserves",
            "overspend",
        ],
    ),
    (
        "planning",
        &[
            "planning application",
            "local plan",
            "planning permission",
            "development management",
            "neighbourhood plan",
        ],
    ),
    (
        "highways_transport",
        &[
            "highways",
            "highway",
            "roads",
            "transport",
            "bus",
            "buses",
            "railway",
            "parking",
            "traffic",
        ],
    ),
    (
        "environment_climate",
        &[
            "climate",
            "carbon",
            "flood",
            "flooding",
            "waste",
            "recycling",
            "biodiversity",
        ],
    ),
    (
        "housing",
        &[
            "housing",
            "homelessness",
            "affordable homes",
            "tenants",
            "council homes",
        ],
    ),
    (
        "community_safety",
        &[
            "community safety",
            "crime",
            "police",
            "anti-social behaviour",
        ],
    ),
    (
        "economy",
        &[
            "economic development",
            "regeneration",
            "employment",
            "skills",
            "business rates",
        ],
    ),
    (
        "governance",
        &[
            "constitution",
            "code of conduct",
            "standing orders",
            "members' allowances",
            "scrutiny",
            "audit",
        ],
    ),
];

/// The taxonomy: its topics, and each keyword with its topic. The
/// keywords are patterns of the enrichers' one automaton
/// ([`Vocabulary`](super::vocabulary::Vocabulary)), which folds ASCII case
/// (keywords are English); acronyms are checked as written after the
/// match.
#[derive(Debug, Clone)]
pub struct Taxonomy {
    topics: Vec<String>,
    keywords: Vec<Keyword>,
}

#[derive(Debug, Clone)]
struct Keyword {
    topic: usize,
    text: String,
    acronym: bool,
}

impl Taxonomy {
    /// The built-in topics, with `extra` keywords added (to an existing
    /// topic, or as new topics).
    pub fn new(extra: &[(String, Vec<String>)]) -> Taxonomy {
        let mut topics: Vec<(String, Vec<String>)> = TOPICS
            .iter()
            .map(|(t, k)| (t.to_string(), k.iter().map(|s| s.to_string()).collect()))
            .collect();
        for (topic, keywords) in extra {
            match topics.iter_mut().find(|(t, _)| t == topic) {
                Some((_, existing)) => existing.extend(keywords.iter().cloned()),
                None => topics.push((topic.clone(), keywords.clone())),
            }
        }
        let keywords: Vec<Keyword> = topics
            .iter()
            .enumerate()
            .flat_map(|(topic, (_, keywords))| {
                keywords
                    .iter()
                    .map(|k| k.trim())
                    .filter(|k| !k.is_empty())
                    .map(move |k| Keyword {
                        topic,
                        text: k.to_string(),
                        acronym: k.len() > 1 && k.chars().all(|c| c.is_ascii_uppercase()),
                    })
            })
            .collect();
        Taxonomy {
            topics: topics.into_iter().map(|(t, _)| t).collect(),
            keywords,
        }
    }

    /// The keywords, as the automaton numbers them.
    pub fn keywords(&self) -> impl Iterator<Item = &str> {
        self.keywords.iter().map(|k| k.text.as_str())
    }

    /// (topic, first keyword found) for each topic the item's title,
    /// agenda text or minutes mention: the first of those texts that
    /// mentions the topic, its leftmost whole-word keyword, and at one
    /// position the keyword listed first.
    pub fn topics(&self, item: &AgendaItem, hits: &ItemHits) -> Vec<(String, String)> {
        let texts = [
            (item.title.as_deref(), &hits.title),
            (item.agenda_text.as_deref(), &hits.agenda),
            (item.minutes_text.as_deref(), &hits.minutes),
        ];
        let mut found: Vec<Option<String>> = vec![None; self.topics.len()];
        let mut leftmost: Vec<Option<(usize, usize, usize)>> = vec![None; self.topics.len()];
        for (text, hits) in texts {
            let Some(text) = text else { continue };
            for &Hit {
                trigger,
                start,
                end,
            } in hits
            {
                let Trigger::Topic(k) = trigger else {
                    continue;
                };
                let keyword = &self.keywords[k as usize];
                let slot = &mut leftmost[keyword.topic];
                let candidate = (start, k as usize, end);
                if found[keyword.topic].is_some() || slot.is_some_and(|best| best <= candidate) {
                    continue;
                }
                let written = &text[start..end];
                if (keyword.acronym && written != keyword.text) || !whole_word(text, start, end) {
                    continue;
                }
                *slot = Some(candidate);
            }
            for (topic, slot) in leftmost.iter_mut().enumerate() {
                if let Some((start, _, end)) = slot.take() {
                    found[topic] = Some(text[start..end].to_lowercase());
                }
            }
        }
        self.topics
            .iter()
            .zip(found)
            .filter_map(|(topic, keyword)| Some((topic.clone(), keyword?)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stages::enrich::vocabulary::Vocabulary;

    fn topics(item: &AgendaItem, extra: &[(String, Vec<String>)]) -> Vec<(String, String)> {
        let vocabulary = Vocabulary::new(&[], extra).unwrap();
        let hits = vocabulary.scan_item(item, true);
        vocabulary.taxonomy.topics(item, &hits)
    }

    fn tags(title: &str, extra: &[(String, Vec<String>)]) -> Vec<String> {
        let item = AgendaItem {
            title: Some(title.into()),
            ..Default::default()
        };
        topics(&item, extra).into_iter().map(|(t, _)| t).collect()
    }

    #[test]
    fn items_are_tagged_by_keyword() {
        assert_eq!(tags("Revenue Budget 2024/25", &[]), ["finance_budget"]);
        assert_eq!(
            tags("SEND Transport Review", &[]),
            ["send", "highways_transport"]
        );
        assert!(
            tags("Send the report", &[]).is_empty(),
            "SEND is an acronym"
        );
        assert!(tags("Apologies", &[]).is_empty());
    }

    #[test]
    fn the_first_text_then_the_leftmost_whole_keyword() {
        let item = AgendaItem {
            title: Some("Schoolchildren's Report".into()),
            agenda_text: Some("Buses and the bus station; schools, then a school.".into()),
            minutes_text: Some("The school budget.".into()),
            ..Default::default()
        };
        let found = topics(&item, &[]);
        assert_eq!(
            found,
            [
                ("education".to_string(), "schools".to_string()),
                ("finance_budget".to_string(), "budget".to_string()),
                ("highways_transport".to_string(), "buses".to_string()),
            ]
        );
    }

    #[test]
    fn config_adds_topics_and_keywords() {
        let extra = vec![
            ("libraries".to_string(), vec!["library".to_string()]),
            ("housing".to_string(), vec!["HMO".to_string()]),
        ];
        assert_eq!(tags("Library opening hours", &extra), ["libraries"]);
        assert_eq!(tags("HMO licensing", &extra), ["housing"]);
    }
}
