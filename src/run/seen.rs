//! Duplicates: a second copy of the same bytes is reported, not counted
//! twice.

use std::collections::HashMap;

use crate::model::{self, Document, ParseStatus};

/// The documents met so far, by content: the first 64 bits of each
/// SHA-256 (as many as a `doc_id` holds) and its input index. Most sit in
/// two sorted vectors, 12 bytes a document; the latest in a small map,
/// merged in once it holds an eighth as many. A map of them all took 21
/// bytes a bucket at a power-of-two bucket count: 22 MB at 491 000
/// documents, about 88 MB at 2 million.
#[derive(Default)]
pub struct Seen {
    keys: Vec<u64>,
    firsts: Vec<u32>,
    recent: HashMap<u64, u32>,
}

impl Seen {
    /// The input index of an earlier document with the same bytes.
    pub fn first_copy(&mut self, doc: &Document, input: usize) -> Option<usize> {
        if doc.status == ParseStatus::Rejected {
            return None;
        }
        let key = u64::from_str_radix(doc.sha256.get(..16)?, 16).ok()?;
        if let Ok(at) = self.keys.binary_search(&key) {
            return Some(self.firsts[at] as usize);
        }
        if let Some(first) = self.recent.get(&key) {
            return Some(*first as usize);
        }
        let input = u32::try_from(input).expect("fewer than 2^32 inputs");
        self.recent.insert(key, input);
        if self.recent.len() >= (self.keys.len() / 8).max(4096) {
            self.merge();
        }
        None
    }

    /// Moves the map's entries into the sorted vectors, merging from the
    /// back so that nothing is copied twice. Keys are never in both.
    fn merge(&mut self) {
        let mut recent: Vec<(u64, u32)> = self.recent.drain().collect();
        recent.sort_unstable();
        let mut old = self.keys.len();
        self.keys.reserve_exact(recent.len());
        self.firsts.reserve_exact(recent.len());
        self.keys.resize(old + recent.len(), 0);
        self.firsts.resize(old + recent.len(), 0);
        // Entries left to place: `old` of the vectors' and all of `recent`;
        // once `recent` is empty the old ones are where they belong.
        while let Some(&(key, first)) = recent.last() {
            let slot = old + recent.len() - 1;
            if old > 0 && self.keys[old - 1] > key {
                old -= 1;
                self.keys[slot] = self.keys[old];
                self.firsts[slot] = self.firsts[old];
            } else {
                self.keys[slot] = key;
                self.firsts[slot] = first;
                recent.pop();
            }
        }
    }
}

/// A second copy of the same bytes is reported, not counted twice: it
/// becomes a rejected document that names the first.
pub fn mark_duplicate(doc: &mut Document, first: &str) {
    doc.doc_id = model::stable_id(&["doc", &doc.sha256, &doc.path]);
    doc.status = ParseStatus::Rejected;
    doc.reason = Some(format!("duplicate of {first} (same SHA-256)"));
    doc.meetings.clear();
    doc.warnings.clear();
}

#[cfg(test)]
mod tests {
    use sha2::{Digest, Sha256};

    use super::*;

    /// Against a plain map, over enough documents for several merges, with
    /// copies of documents from before and after each merge.
    #[test]
    fn seen_finds_every_earlier_copy_and_only_those() {
        let mut seen = Seen::default();
        let mut plain: HashMap<u64, usize> = HashMap::new();
        let mut merges = 0;
        for input in 0..40_000usize {
            // Content 0..30 000, then copies of every third of it.
            let content = if input < 30_000 {
                input
            } else {
                (input - 30_000) * 3
            };
            let sha256 = model::hex(&Sha256::digest(content.to_le_bytes()));
            let key = u64::from_str_radix(&sha256[..16], 16).unwrap();
            let mut doc = Document::rejected(String::new(), 1, sha256, String::new());
            doc.status = ParseStatus::Parsed;
            let before = seen.keys.len();
            let expected = match plain.entry(key) {
                std::collections::hash_map::Entry::Occupied(first) => Some(*first.get()),
                std::collections::hash_map::Entry::Vacant(slot) => {
                    slot.insert(input);
                    None
                }
            };
            assert_eq!(seen.first_copy(&doc, input), expected, "input {input}");
            merges += usize::from(seen.keys.len() > before);
        }
        assert!(merges >= 4, "{merges} merges");
        assert!(seen.keys.is_sorted());
        assert_eq!(seen.keys.len() + seen.recent.len(), 30_000);
    }

    #[test]
    fn a_rejected_document_is_never_a_copy() {
        let mut seen = Seen::default();
        let doc = Document::rejected(String::new(), 1, "ab".repeat(32), String::new());
        assert_eq!(seen.first_copy(&doc, 0), None);
        assert_eq!(seen.first_copy(&doc, 1), None);
    }
}
