//! A JSON-LD node under construction, and its rendering as compact JSON:
//! the bytes serde_json would write for the node as a sorted map, from a
//! small writer of our own (the long texts are most of the output, and
//! serde_json escapes them byte by byte).

use std::borrow::Cow;

use crate::model::Span;
use crate::stages::write::vocabulary::TYPES;

/// A value of a node. Text is borrowed from the document, so rendering
/// does not copy it.
pub(super) enum Field<'a> {
    Text(Cow<'a, str>),
    Number(u64),
    Bool(bool),
    List(Vec<Cow<'a, str>>),
    /// A node's `@type`s, from the vocabulary: not copied per node.
    Words(&'static [&'static str]),
}

impl<'a> From<&'a str> for Field<'a> {
    fn from(text: &'a str) -> Self {
        Field::Text(Cow::Borrowed(text))
    }
}

impl From<String> for Field<'_> {
    fn from(text: String) -> Self {
        Field::Text(Cow::Owned(text))
    }
}

impl From<u32> for Field<'_> {
    fn from(n: u32) -> Self {
        Field::Number(n.into())
    }
}

impl From<u64> for Field<'_> {
    fn from(n: u64) -> Self {
        Field::Number(n)
    }
}

impl From<usize> for Field<'_> {
    fn from(n: usize) -> Self {
        Field::Number(n as u64)
    }
}

impl From<bool> for Field<'_> {
    fn from(b: bool) -> Self {
        Field::Bool(b)
    }
}

impl<'a> From<Vec<&'a str>> for Field<'a> {
    fn from(texts: Vec<&'a str>) -> Self {
        Field::List(texts.into_iter().map(Cow::Borrowed).collect())
    }
}

impl From<Vec<String>> for Field<'_> {
    fn from(texts: Vec<String>) -> Self {
        Field::List(texts.into_iter().map(Cow::Owned).collect())
    }
}

/// A JSON object under construction; `None` values are left out (JSON-LD
/// drops nulls on expansion, so writing them would only look like data).
/// Keys are written in sorted order, so the bytes do not depend on the
/// order of the `set` calls.
pub(super) struct Node<'a>(Vec<(&'static str, Field<'a>)>);

impl<'a> Node<'a> {
    pub(super) fn new(id: String, kind: &str) -> Node<'a> {
        let types = TYPES
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or(&[][..], |(_, t)| t);
        // Room for the widest node (an item: 22 keys), so building one
        // does not reallocate.
        let mut fields = Vec::with_capacity(22);
        fields.extend([("@id", id.into()), ("@type", Field::Words(types))]);
        Node(fields)
    }

    pub(super) fn set(mut self, key: &'static str, value: impl Into<Field<'a>>) -> Node<'a> {
        self.0.push((key, value.into()));
        self
    }

    pub(super) fn opt<T: Into<Field<'a>>>(self, key: &'static str, value: Option<T>) -> Node<'a> {
        match value {
            Some(v) => self.set(key, v),
            None => self,
        }
    }

    pub(super) fn span(self, span: Span) -> Node<'a> {
        self.set("line_start", span.line_start)
            .set("line_end", span.line_end)
    }
}

impl Node<'_> {
    /// Appends the node as compact JSON, keys in sorted order: the bytes
    /// serde_json would write (a test checks), without its per-byte loop
    /// over the long texts, which was most of the rendering.
    pub(super) fn render(mut self, out: &mut Vec<u8>) {
        self.0.sort_by_key(|(key, _)| *key);
        out.push(b'{');
        for (n, (key, value)) in self.0.iter().enumerate() {
            if n > 0 {
                out.push(b',');
            }
            json_string(out, key);
            out.push(b':');
            match value {
                Field::Text(text) => json_string(out, text),
                Field::Number(n) => {
                    out.extend_from_slice(itoa::Buffer::new().format(*n).as_bytes())
                }
                Field::Bool(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
                Field::List(texts) => json_list(out, texts.iter().map(|t| &**t)),
                Field::Words(words) => json_list(out, words.iter().copied()),
            }
        }
        out.push(b'}');
    }
}

/// Appends `texts` as a JSON array of strings.
fn json_list<'t>(out: &mut Vec<u8>, texts: impl Iterator<Item = &'t str>) {
    out.push(b'[');
    for (n, text) in texts.enumerate() {
        if n > 0 {
            out.push(b',');
        }
        json_string(out, text);
    }
    out.push(b']');
}

/// Appends `text` as a JSON string, escaped as serde_json escapes it: `"`,
/// `\` and control characters, nothing else. Text is checked 16 bytes at
/// a time (a check the compiler vectorises) and copied in runs.
fn json_string(out: &mut Vec<u8>, text: &str) {
    fn escaped(b: u8) -> bool {
        b < 0x20 || b == b'"' || b == b'\\'
    }
    let bytes = text.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut copied = 0;
    let mut escape_in = |out: &mut Vec<u8>, from: usize, to: usize| {
        for (i, &b) in (from..).zip(&bytes[from..to]) {
            if !escaped(b) {
                continue;
            }
            out.extend_from_slice(&bytes[copied..i]);
            copied = i + 1;
            let short = match b {
                b'"' => b'"',
                b'\\' => b'\\',
                b'\n' => b'n',
                b'\r' => b'r',
                b'\t' => b't',
                0x08 => b'b',
                0x0c => b'f',
                _ => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    let (high, low) = (HEX[usize::from(b >> 4)], HEX[usize::from(b & 0xf)]);
                    out.extend_from_slice(&[b'\\', b'u', b'0', b'0', high, low]);
                    continue;
                }
            };
            out.extend_from_slice(&[b'\\', short]);
        }
    };
    let any_escaped = |chunk: &[u8; 16]| chunk.iter().fold(false, |any, &b| any | escaped(b));
    let chunks = bytes.chunks_exact(16);
    let tail = bytes.len() - chunks.remainder().len();
    let mut padded = [b' '; 16];
    padded[..bytes.len() - tail].copy_from_slice(chunks.remainder());
    for (n, chunk) in chunks.enumerate() {
        if any_escaped(chunk.try_into().expect("16 bytes")) {
            escape_in(out, n * 16, n * 16 + 16);
        }
    }
    if any_escaped(&padded) {
        escape_in(out, tail, bytes.len());
    }
    out.extend_from_slice(&bytes[copied..]);
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Any text, quotes, backslashes and control characters included,
        /// at any length around the 16-byte chunks.
        #[test]
        fn strings_are_written_as_serde_json_writes_them(
            text in "[\\x00-\\x1f\"\\\\/ a-z\\x7f\u{e9}\u{20ac}\u{1f600}]{0,80}"
        ) {
            let mut out = Vec::new();
            json_string(&mut out, &text);
            proptest::prop_assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string(&text).unwrap()
            );
        }
    }

    #[test]
    fn nodes_are_written_as_serde_json_writes_their_sorted_map() {
        // A meeting has two types: the list is written with its comma.
        let node = Node::new("rec:meeting/1".into(), "meeting")
            .set("title", "A \"quoted\"\ttitle\\ with \u{1f} and é")
            .set("position", 3u32)
            .set("restricted", false)
            .set("topics", vec!["housing", "send"])
            .set("empty", Vec::<String>::new());
        let expected = serde_json::json!({
            "@id": "rec:meeting/1",
            "@type": ["schema:Event", "besluit:Zitting"],
            "title": "A \"quoted\"\ttitle\\ with \u{1f} and é",
            "position": 3,
            "restricted": false,
            "topics": ["housing", "send"],
            "empty": [],
        });
        let mut out = Vec::new();
        node.render(&mut out);
        assert_eq!(String::from_utf8(out).unwrap(), expected.to_string());
    }
}
