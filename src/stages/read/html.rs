//! HTML -> block-structured text, so saved ModernGov pages (and the HTML
//! inside the web service's XML) go through the same text parser as text
//! pages.
//!
//! The page is parsed with a real HTML parser (html5ever, via `scraper`)
//! and rendered the way a browser's "copy text" does: headings, paragraphs
//! and table cells become paragraphs separated by a blank line, list items
//! and `<br>` become lines, runs of white space collapse, hidden elements
//! (`mgHide`), scripts and styles are dropped and images give their `alt`
//! text ("pdf icon"). Links are kept with the rendered line they start on,
//! and every rendered line knows the source line it came from, so rows
//! keep provenance in the file the user has.

use ego_tree::NodeRef;
use scraper::{CaseSensitivity, Html, Node};

/// The rendered text of an HTML page or fragment.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Rendered {
    pub text: String,
    /// For rendered line `i` (0-based), its 1-based line in the HTML.
    pub source_lines: Vec<u32>,
    pub links: Vec<Link>,
}

/// `<a href>`: where it points, what it says, and the rendered line
/// (1-based) it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub line: u32,
    pub href: String,
    pub text: String,
}

/// Does this text look like HTML rather than a text page? It must start
/// with markup (after white space) and open a tag HTML pages use.
pub fn looks_like_html(text: &str) -> bool {
    let head = text.trim_start();
    if !head.starts_with('<') {
        return false;
    }
    let probe: String = head
        .chars()
        .take(2048)
        .collect::<String>()
        .to_ascii_lowercase();
    [
        "<!doctype html",
        "<html",
        "<body",
        "<div",
        "<table",
        "<p>",
        "<p ",
        "<h1",
        "<h2",
        "<ul",
    ]
    .iter()
    .any(|tag| probe.contains(tag))
}

pub fn render(html: &str) -> Rendered {
    let document = Html::parse_document(html);
    let mut r = Renderer {
        source: html,
        ..Renderer::default()
    };
    r.walk(document.tree.root());
    r.out
}

#[derive(Default)]
struct Renderer<'s> {
    out: Rendered,
    source: &'s str,
    /// Where the last text found in the source was: searches go forward
    /// only, so repeated words map to their next occurrence.
    cursor: usize,
    source_line: u32,
    /// Line breaks owed before the next text: 1 = new line, 2 = blank line.
    pending: u8,
    /// A space is owed before the next word on the line.
    space: bool,
}

/// Elements that start a paragraph (blank line) and those that start a line.
const PARAGRAPHS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "tr",
    "td",
    "th",
    "caption",
    "ul",
    "ol",
    "dl",
    "blockquote",
    "pre",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "nav",
    "aside",
    "form",
    "fieldset",
    "figure",
    "address",
    "hr",
];
const LINES: &[&str] = &["li", "dt", "dd", "br", "figcaption", "option"];
/// ModernGov's template classes for hidden text and page furniture (the
/// "Find out more about this issue" action links), on every ModernGov site.
const SKIPPED_CLASSES: &[&str] = &["mgHide", "mgLinks", "mgActionList"];
const SKIPPED: &[&str] = &[
    "head", "script", "style", "noscript", "template", "title", "select",
];

impl Renderer<'_> {
    fn walk(&mut self, node: NodeRef<Node>) {
        match node.value() {
            Node::Text(text) => self.text(text),
            Node::Element(element) => {
                let name = element.name();
                let furniture = SKIPPED_CLASSES
                    .iter()
                    .any(|c| element.has_class(c, CaseSensitivity::AsciiCaseInsensitive));
                if SKIPPED.contains(&name) || furniture {
                    return;
                }
                let breaks = if PARAGRAPHS.contains(&name) {
                    2
                } else if LINES.contains(&name) {
                    1
                } else {
                    0
                };
                self.block(breaks);
                if let Some(alt) = element.attr("alt").filter(|_| name == "img") {
                    self.text(alt);
                }
                let link_start = (name == "a")
                    .then(|| element.attr("href"))
                    .flatten()
                    .map(|href| (href.trim().to_string(), self.out.text.len()));
                for child in node.children() {
                    self.walk(child);
                }
                if let Some((href, start)) = link_start {
                    let text = self.out.text[start..].trim();
                    if !href.is_empty() && !href.starts_with('#') && !text.is_empty() {
                        // The link's text ends on the last line begun.
                        let line = self.out.source_lines.len() - text.matches('\n').count();
                        self.out.links.push(Link {
                            line: line as u32,
                            href,
                            text: text.to_string(),
                        });
                    }
                }
                self.block(breaks);
            }
            _ => {
                for child in node.children() {
                    self.walk(child);
                }
            }
        }
    }

    fn block(&mut self, breaks: u8) {
        if !self.out.text.is_empty() {
            self.pending = self.pending.max(breaks);
        }
        if breaks > 0 {
            self.space = false;
        }
    }

    fn text(&mut self, text: &str) {
        let mut words = text.split(|c: char| c.is_whitespace()).peekable();
        if text.starts_with(char::is_whitespace) {
            self.space = true;
        }
        let mut located = false;
        while let Some(word) = words.next() {
            if word.is_empty() {
                continue;
            }
            if !located {
                located = self.locate(word);
            }
            if self.out.text.is_empty() {
                self.out.source_lines.push(self.source_line);
            } else if self.pending > 0 {
                for _ in 0..self.pending {
                    self.out.text.push('\n');
                    self.out.source_lines.push(self.source_line);
                }
                self.pending = 0;
            } else if self.space && !self.out.text.is_empty() {
                self.out.text.push(' ');
            }
            self.out.text.push_str(word);
            self.space = words.peek().is_some();
        }
        if text.ends_with(char::is_whitespace) {
            self.space = true;
        }
    }

    /// Moves the source position to the next occurrence of `word` (up to
    /// its first character that HTML might have escaped).
    fn locate(&mut self, word: &str) -> bool {
        let plain = word
            .find(|c: char| !c.is_alphanumeric())
            .map_or(word, |end| &word[..end]);
        self.source_line = self.source_line.max(1);
        if plain.chars().count() < 2 {
            return false;
        }
        let rest = &self.source[self.cursor..];
        if let Some(at) = memchr::memmem::find(rest.as_bytes(), plain.as_bytes()) {
            let end = at + plain.len();
            self.source_line += memchr::memchr_iter(b'\n', &rest.as_bytes()[..end]).count() as u32;
            self.cursor += end;
            return true;
        }
        false
    }
}

/// A table of decisions (mgDelegatedDecisions, officer decisions) links
/// each row to its decision-details page and records nothing itself.
pub fn lists_decisions(rendered: &Rendered) -> bool {
    rendered.links.iter().any(|l| {
        l.href
            .to_ascii_lowercase()
            .contains("iedecisiondetails.aspx")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_become_paragraphs_and_lines_with_source_lines() {
        let html = "<div id=\"x\">\n<h2>Decision details</h2>\n<p><span class=\"mgLabel\">Decision status: </span>Approved</p>\n<ul><li>one</li><li><a href=\"doc.pdf\">two <span class=\"mgFileSize\"><img alt=\"pdf icon\"/> PDF 1 KB</span></a></li></ul>\n<p>ab&nbsp;cd &#47; ef<span class=\"mgHide\"> ref: 1</span><br>gh</p><script>x()</script></div>";
        let r = render(html);
        assert_eq!(
            r.text,
            "Decision details\n\nDecision status: Approved\n\none\ntwo pdf icon PDF 1 KB\n\nab cd / ef\ngh"
        );
        assert_eq!(r.source_lines, vec![2, 3, 3, 4, 4, 4, 5, 5, 5]);
        assert_eq!(
            r.links,
            vec![Link {
                line: 6,
                href: "doc.pdf".into(),
                text: "two pdf icon PDF 1 KB".into()
            }]
        );
    }

    #[test]
    fn html_is_told_from_text_by_its_start() {
        assert!(looks_like_html("  <div id=\"modgov\">"));
        assert!(looks_like_html("<!DOCTYPE html><html>"));
        assert!(!looks_like_html("Agenda and minutes\n<p>"));
        assert!(!looks_like_html("<meeting><agendaitems/></meeting>"));
    }
}
