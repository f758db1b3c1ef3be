//! Topics: a small keyword taxonomy tagging each item. The built-in
//! topics are listed in README.md; `[enrich.topic_keywords]` adds topics
//! or keywords.

use regex::Regex;

use crate::model::AgendaItem;

/// (topic, keywords). Keywords match whole words, case-insensitively,
/// except all-capital acronyms ("SEND"), which match only as written.
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

/// The compiled taxonomy: one regex per topic.
#[derive(Debug, Clone)]
pub struct Taxonomy(Vec<(String, Regex)>);

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
        Taxonomy(
            topics
                .into_iter()
                .map(|(topic, keywords)| {
                    let alternatives: Vec<String> = keywords
                        .iter()
                        .map(|k| {
                            let escaped = regex::escape(k.trim());
                            let acronym = k.len() > 1 && k.chars().all(|c| c.is_ascii_uppercase());
                            if acronym {
                                escaped
                            } else {
                                format!("(?i:{escaped})")
                            }
                        })
                        .collect();
                    let re = crate::stages::regex(&format!(r"\b(?:{})\b", alternatives.join("|")))
                        .expect("escaped keywords form a valid regex");
                    (topic, re)
                })
                .collect(),
        )
    }

    /// (topic, first keyword found) for each topic the item's title,
    /// agenda text or minutes mention.
    pub fn topics(&self, item: &AgendaItem) -> Vec<(String, String)> {
        let texts = [
            item.title.as_deref(),
            item.agenda_text.as_deref(),
            item.minutes_text.as_deref(),
        ];
        self.0
            .iter()
            .filter_map(|(topic, re)| {
                let keyword = texts.iter().flatten().find_map(|t| re.find(t))?;
                Some((topic.clone(), keyword.as_str().to_lowercase()))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(title: &str, extra: &[(String, Vec<String>)]) -> Vec<String> {
        let item = AgendaItem {
            title: Some(title.into()),
            ..Default::default()
        };
        Taxonomy::new(extra)
            .topics(&item)
            .into_iter()
            .map(|(t, _)| t)
            .collect()
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
    fn config_adds_topics_and_keywords() {
        let extra = vec![
            ("libraries".to_string(), vec!["library".to_string()]),
            ("housing".to_string(), vec!["HMO".to_string()]),
        ];
        assert_eq!(tags("Library opening hours", &extra), ["libraries"]);
        assert_eq!(tags("HMO licensing", &extra), ["housing"]);
    }
}
