//! robots.txt, as RFC 9309 reads it: the group for our product token
//! (`council-etl`), else the `*` group; the longest matching rule wins,
//! `Allow` on a tie; `*` and a final `$` in paths. `Crawl-delay`, which
//! the RFC leaves out but many sites set, slows the harvest down.

use std::time::Duration;

/// What a site's robots.txt allows us.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Robots {
    /// (allow, path pattern), of the group that applies to us.
    rules: Vec<(bool, String)>,
    pub crawl_delay: Option<Duration>,
}

/// The token robots.txt groups are matched against.
const PRODUCT: &str = "council-etl";

impl Robots {
    pub fn parse(text: &str) -> Robots {
        // Groups: the user agents that open them, then their rules.
        let mut groups: Vec<(Vec<String>, Robots)> = Vec::new();
        let mut in_agents = false;
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let (key, value) = (key.trim().to_ascii_lowercase(), value.trim());
            match key.as_str() {
                "user-agent" => {
                    if !in_agents {
                        groups.push((Vec::new(), Robots::default()));
                    }
                    in_agents = true;
                    let agent = value.to_ascii_lowercase();
                    groups.last_mut().expect("pushed above").0.push(agent);
                }
                "allow" | "disallow" | "crawl-delay" => {
                    in_agents = false;
                    let Some((_, group)) = groups.last_mut() else {
                        continue; // a rule before any user-agent line
                    };
                    if key == "crawl-delay" {
                        group.crawl_delay = value
                            .parse::<f64>()
                            .ok()
                            .filter(|s| s.is_finite() && *s >= 0.0)
                            .map(|s| Duration::from_secs_f64(s.min(3600.0)));
                    } else if !value.is_empty() {
                        group.rules.push((key == "allow", value.to_string()));
                    }
                }
                _ => {}
            }
        }
        let ours = |agent: &String| agent == PRODUCT;
        let mine: Vec<&Robots> = groups
            .iter()
            .filter(|(a, _)| a.iter().any(ours))
            .map(|(_, r)| r)
            .collect();
        let chosen = if mine.is_empty() {
            groups
                .iter()
                .filter(|(a, _)| a.iter().any(|a| a == "*"))
                .map(|(_, r)| r)
                .collect()
        } else {
            mine
        };
        // Groups for the same agent are merged, as the RFC says.
        let mut robots = Robots::default();
        for group in chosen {
            robots.rules.extend(group.rules.iter().cloned());
            robots.crawl_delay = robots.crawl_delay.max(group.crawl_delay);
        }
        robots
    }

    /// `path` is the URL's path and query.
    pub fn allows(&self, path: &str) -> bool {
        let mut best: Option<(usize, bool)> = None;
        for (allow, pattern) in &self.rules {
            if matches(pattern, path) {
                let length = pattern.len();
                let better = best.is_none_or(|(l, a)| length > l || (length == l && *allow && !a));
                if better {
                    best = Some((length, *allow));
                }
            }
        }
        best.is_none_or(|(_, allow)| allow)
    }
}

/// Does `pattern` (a prefix, with `*` for any run and a final `$` for the
/// end) match `path`?
fn matches(pattern: &str, path: &str) -> bool {
    let (pattern, anchored) = match pattern.strip_suffix('$') {
        Some(p) => (p, true),
        None => (pattern, false),
    };
    let parts: Vec<&str> = pattern.split('*').collect();
    let Some(mut rest) = path.strip_prefix(parts[0]) else {
        return false;
    };
    let Some((last, middle)) = parts[1..].split_last() else {
        return !anchored || rest.is_empty();
    };
    for part in middle {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    if anchored {
        rest.ends_with(last)
    } else {
        rest.contains(last)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn our_group_else_star_longest_rule_wins() {
        let robots = Robots::parse(
            "User-agent: *\nDisallow: /\n\nUser-agent: Council-ETL\nUser-agent: other\nDisallow: /mgWebService.asmx/GetMeeting?\nAllow: /mgWebService.asmx/GetMeeting?lMeetingId=1$\nCrawl-delay: 2\n",
        );
        assert!(robots.allows("/mgWebService.asmx/GetCommittees"));
        assert!(!robots.allows("/mgWebService.asmx/GetMeeting?lMeetingId=2"));
        assert!(robots.allows("/mgWebService.asmx/GetMeeting?lMeetingId=1"));
        assert!(!robots.allows("/mgWebService.asmx/GetMeeting?lMeetingId=12"));
        assert_eq!(robots.crawl_delay, Some(Duration::from_secs(2)));

        let star = Robots::parse("User-agent: *\nDisallow: /*.asmx/GetMeetings\nAllow: /\n");
        assert!(!star.allows("/mgWebService.asmx/GetMeetings?lCommitteeId=1"));
        assert!(star.allows("/mgWebService.asmx/GetMeeting?lMeetingId=1"));
        assert!(Robots::parse("").allows("/anything"));
        assert!(
            Robots::parse("Disallow: /\n").allows("/x"),
            "a rule outside a group"
        );
        let end = Robots::parse("User-agent: *\nDisallow: /*.xml$\n");
        assert!(!end.allows("/a/b.xml") && end.allows("/a/b.xml?x=1") && end.allows("/"));
    }
}
