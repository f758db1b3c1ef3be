//! Stable IDs from natural keys, given once a document is parsed and
//! enriched (the body and date an enricher infers are part of a meeting's
//! key).

use crate::model::{Document, PageType, stable_id};

/// Gives every meeting, item, decision and clause its ID from natural keys:
/// a meeting by council + body + date when both are known (so the same
/// meeting from two pages or formats gets one ID), otherwise by document;
/// an item by meeting + minute number (or position); below that by order.
pub fn assign_ids(doc: &mut Document, council_id: &str) {
    for (m_index, meeting) in doc.meetings.iter_mut().enumerate() {
        meeting.meeting_id = match (&meeting.body_name, meeting.start_date) {
            (Some(body), Some(date)) if doc.page_type == PageType::Meeting => stable_id(&[
                "meeting",
                council_id,
                &body.to_lowercase(),
                &date.to_string(),
            ]),
            _ => stable_id(&["meeting", council_id, &doc.doc_id, &m_index.to_string()]),
        };
        let numbers: Vec<Option<String>> = meeting
            .items
            .iter()
            .map(|i| i.minute_number.clone())
            .collect();
        // A previous meeting of the same body, by date, has a known ID.
        let body = meeting.body_name.as_deref().map(str::to_lowercase);
        let natural = doc.page_type == PageType::Meeting;
        for reference in meeting
            .items
            .iter_mut()
            .flat_map(|i| i.references.iter_mut())
        {
            if let (true, Some(body), Some(date)) = (natural, &body, reference.date) {
                reference.meeting_id =
                    Some(stable_id(&["meeting", council_id, body, &date.to_string()]));
            }
        }
        for item in &mut meeting.items {
            // A number shown twice in one meeting cannot identify an item.
            let unique = |n: &String| numbers.iter().flatten().filter(|m| *m == n).count() == 1;
            let key = match &item.minute_number {
                Some(n) if unique(n) => format!("n:{n}"),
                _ => format!("p:{}", item.position),
            };
            item.item_id = stable_id(&["item", &meeting.meeting_id, &key]);
            for (v_index, vote) in item.votes.iter_mut().enumerate() {
                vote.vote_id = stable_id(&["vote", &item.item_id, &v_index.to_string()]);
            }
            for (d_index, decision) in item.decisions.iter_mut().enumerate() {
                decision.decision_id =
                    stable_id(&["decision", &item.item_id, &d_index.to_string()]);
                for (c_index, clause) in decision.clauses.iter_mut().enumerate() {
                    clause.clause_id =
                        stable_id(&["clause", &decision.decision_id, &c_index.to_string()]);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AgendaItem, Meeting};

    #[test]
    fn a_minute_number_shown_twice_falls_back_to_position() {
        let item = |pos: u32| AgendaItem {
            position: pos,
            ..Default::default()
        };
        let mut doc = Document::rejected("p".into(), 0, "00".into(), String::new());
        doc.page_type = PageType::Meeting;
        doc.meetings.push(Meeting {
            items: vec![item(0), item(1)],
            ..Default::default()
        });
        assign_ids(&mut doc, "c");
        let items = &doc.meetings[0].items;
        assert_ne!(items[0].item_id, items[1].item_id);
    }
}
