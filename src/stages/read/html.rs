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
use ego_tree::iter::Edge;
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

/// Pages nested deeper than this are refused. Blink stops nesting at the
/// same depth; real pages nest a few dozen deep. Without a bound a page
/// of `<div>`s costs the HTML parser time quadratic in its depth (a 2 MB
/// page took 11 minutes).
pub const MAX_DEPTH: usize = 512;

/// Err says how deep the markup nests and where, when past [`MAX_DEPTH`].
pub fn render(html: &str) -> Result<Rendered, String> {
    check_depth(html)?;
    let document = Html::parse_document(html);
    let mut r = Renderer {
        source: html,
        ..Renderer::default()
    };
    r.walk(document.tree.root());
    Ok(r.out)
}

/// Elements with no content, and those a parser closes when the next of
/// their kind opens: neither adds to the depth the way they are written.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "!doctype",
];
const SELF_CLOSING: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "rt",
    "rp",
];

/// Elements that bound what a new `<li>`, `<td>` ... closes.
const SCOPES: &[&str] = &["ul", "ol", "dl", "table", "select", "div"];

/// One pass over the tags, keeping the stack of open elements the way an
/// HTML parser would (an end tag closes up to its element, a stray one is
/// ignored), bounded by [`MAX_DEPTH`] so the check itself stays linear.
fn check_depth(html: &str) -> Result<(), String> {
    let bytes = html.as_bytes();
    let mut open: Vec<&str> = Vec::new();
    let mut at = 0;
    while let Some(found) = memchr::memchr(b'<', &bytes[at..]) {
        let start = at + found + 1;
        at = start;
        if bytes[start..].starts_with(b"!--") {
            at = memchr::memmem::find(&bytes[start..], b"-->").map_or(bytes.len(), |e| start + e);
            continue;
        }
        let closing = bytes.get(start) == Some(&b'/');
        let name_start = start + usize::from(closing);
        let name_len = bytes[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'!')
            .count();
        if name_len == 0 {
            continue;
        }
        let name = &html[name_start..name_start + name_len];
        let name_is = |other: &&str| name.eq_ignore_ascii_case(other);
        if closing {
            if let Some(depth) = open.iter().rposition(|o| o.eq_ignore_ascii_case(name)) {
                open.truncate(depth);
            }
            continue;
        }
        let tag_end =
            memchr::memchr(b'>', &bytes[name_start..]).map_or(bytes.len(), |e| name_start + e);
        if VOID.iter().any(name_is) || bytes[..tag_end].ends_with(b"/") {
            continue;
        }
        let block = PARAGRAPHS.iter().chain(LINES).any(name_is);
        if block && open.last().is_some_and(|o| o.eq_ignore_ascii_case("p")) {
            open.pop(); // a block closes an open paragraph
        }
        if SELF_CLOSING.iter().any(name_is) {
            // "<li>" closes the open <li> of its own list, not an outer one.
            let own = open
                .iter()
                .rev()
                .take_while(|o| !SCOPES.iter().any(|s| o.eq_ignore_ascii_case(s)))
                .position(|o| o.eq_ignore_ascii_case(name));
            if let Some(up) = own {
                open.truncate(open.len() - up - 1);
            }
        }
        if ["script", "style"].iter().any(name_is) {
            // Their text is not markup: on to their end tag, found without
            // copying the rest of the page (which made many scripts quadratic).
            let closes = memchr::memmem::find_iter(&bytes[tag_end..], b"</");
            at = closes
                .map(|e| tag_end + e + 2)
                .find(|&e| {
                    bytes[e..]
                        .get(..name_len)
                        .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
                })
                .unwrap_or(bytes.len());
            continue;
        }
        open.push(name);
        if open.len() > MAX_DEPTH {
            let line = 1 + memchr::memchr_iter(b'\n', &bytes[..start]).count();
            return Err(format!(
                "HTML nests elements more than {MAX_DEPTH} deep (line {line}); real pages nest a few dozen deep"
            ));
        }
    }
    Ok(())
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

/// Line breaks an element owes around it: 2 = paragraph, 1 = line.
fn breaks(name: &str) -> u8 {
    if PARAGRAPHS.contains(&name) {
        2
    } else if LINES.contains(&name) {
        1
    } else {
        0
    }
}

impl Renderer<'_> {
    /// Walks the tree with ego-tree's iterative traversal, not recursion:
    /// a page of a hundred thousand nested tags must not overflow the
    /// stack (html5ever itself builds such a tree without recursing).
    fn walk(&mut self, root: NodeRef<Node>) {
        // An open `<a href>`: the href, where its text starts, and the
        // element's id to know its close.
        let mut links: Vec<(ego_tree::NodeId, String, usize)> = Vec::new();
        // The skipped element (script, mgHide ...) being passed over.
        let mut skipping: Option<ego_tree::NodeId> = None;
        for edge in root.traverse() {
            match edge {
                Edge::Open(node) if skipping.is_none() => {
                    self.open(node, &mut links, &mut skipping)
                }
                Edge::Close(node) => match skipping {
                    Some(id) if id == node.id() => skipping = None,
                    Some(_) => {}
                    None => self.close(node, &mut links),
                },
                Edge::Open(_) => {}
            }
        }
    }

    fn open(
        &mut self,
        node: NodeRef<Node>,
        links: &mut Vec<(ego_tree::NodeId, String, usize)>,
        skipping: &mut Option<ego_tree::NodeId>,
    ) {
        match node.value() {
            Node::Text(text) => self.text(text),
            Node::Element(element) => {
                let name = element.name();
                let furniture = SKIPPED_CLASSES
                    .iter()
                    .any(|c| element.has_class(c, CaseSensitivity::AsciiCaseInsensitive));
                if SKIPPED.contains(&name) || furniture {
                    *skipping = Some(node.id());
                    return;
                }
                self.block(breaks(name));
                // An image stands apart from the words around it, as its
                // alt text does: "Strategy pdf icon PDF 512 KB", not
                // "pdf iconPDF".
                if let Some(alt) = element.attr("alt").filter(|_| name == "img") {
                    self.space = true;
                    self.text(alt);
                    self.space = true;
                }
                if let Some(href) = element.attr("href").filter(|_| name == "a") {
                    links.push((node.id(), href.trim().to_string(), self.out.text.len()));
                }
            }
            _ => {}
        }
    }

    fn close(&mut self, node: NodeRef<Node>, links: &mut Vec<(ego_tree::NodeId, String, usize)>) {
        let Node::Element(element) = node.value() else {
            return;
        };
        if links.last().is_some_and(|(id, ..)| *id == node.id()) {
            let (_, href, start) = links.pop().expect("checked above");
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
        self.block(breaks(element.name()));
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
        let html = "<div id=\"x\">\n<h2>Decision details</h2>\n<p><span class=\"mgLabel\">Decision status: </span>Approved</p>\n<ul><li>one</li><li><a href=\"doc.pdf\">two <span class=\"mgFileSize\"><img alt=\"pdf icon\"/>PDF 1 KB</span></a></li></ul>\n<p>ab&nbsp;cd &#47; ef<span class=\"mgHide\"> ref: 1</span><br>gh</p><script>x()</script></div>";
        let r = render(html).unwrap();
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
    fn deeply_nested_tags_do_not_overflow_the_stack() {
        let depth = 200_000;
        let html = format!(
            "<div>{}<a href=\"x.pdf\">deep</a>{}</div>",
            "<span><div>".repeat(depth),
            "</div></span>".repeat(depth)
        );
        let err = render(&html).unwrap_err();
        assert!(err.contains("more than 512 deep (line 1)"), "{err}");
        // At the bound a page still renders.
        let html = format!(
            "{}<a href=\"x.pdf\">deep</a>{}",
            "<div>".repeat(MAX_DEPTH - 1),
            "</div>".repeat(MAX_DEPTH - 1)
        );
        let r = render(&html).unwrap();
        assert_eq!(r.text, "deep");
        assert_eq!(r.links.len(), 1);
    }

    #[test]
    fn tags_that_close_themselves_or_are_stray_do_not_add_depth() {
        let list = "<ul>".to_string() + &"<li>item<br><img alt=x><p>para".repeat(5_000) + "</ul>";
        assert!(check_depth(&list).is_ok());
        let stray = "<div></span>".repeat(100) + &"</div>".repeat(100);
        assert!(check_depth(&stray).is_ok());
        let script = format!("<SCRIPT>{}</Script><div>x</div>", "<div>".repeat(10_000));
        assert!(check_depth(&script).is_ok());
        let after = format!("<style>p</style>{}", "<div>".repeat(MAX_DEPTH + 1));
        assert!(
            check_depth(&after).is_err(),
            "markup after a style is counted"
        );
        let comment = format!("<!--{}--><div>x</div>", "<div>".repeat(10_000));
        assert!(check_depth(&comment).is_ok());
        let unclosed = "<b>".repeat(MAX_DEPTH + 1);
        assert!(check_depth(&unclosed).is_err());
    }

    #[test]
    fn html_is_told_from_text_by_its_start() {
        assert!(looks_like_html("  <div id=\"modgov\">"));
        assert!(looks_like_html("<!DOCTYPE html><html>"));
        assert!(!looks_like_html("Agenda and minutes\n<p>"));
        assert!(!looks_like_html("<meeting><agendaitems/></meeting>"));
    }
}
