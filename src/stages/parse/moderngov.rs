//! The ModernGov web service (`mgWebService.asmx`) XML. GetMeeting gives
//! one meeting with its items, agenda and minutes HTML, linked documents
//! and attendees; GetMeetings and GetCommittees name the body each meeting
//! belongs to, which GetMeeting itself does not.
//!
//! Fields are taken as the service states them; the HTML inside goes
//! through [`html::render`] and the text parser, so decisions and clauses
//! come out as they do from text pages. Restricted items keep their title
//! and number only.

use std::collections::HashMap;

use roxmltree::Node;

use crate::model::{AgendaItem, Attachment, Attendance, AttendanceStatus, Meeting, Span, Warning};
use crate::stages::clean;
use crate::stages::parse::{Grammar, clock_time, parse_uk_numeric_date, structured_item};
use crate::stages::read::Inputs;
use crate::stages::read::format::{Response, response, root_element};
use crate::stages::read::html;

/// Body names by meeting, from the GetMeetings and GetCommittees responses
/// among the inputs.
#[derive(Debug, Default)]
pub struct Directory {
    committee_titles: HashMap<String, String>,
    committee_of_meeting: HashMap<String, String>,
}

impl Directory {
    /// Reads the `.xml` inputs that are GetMeetings or GetCommittees
    /// responses (others are skipped here; each input is still reported on
    /// when it is processed). The first title seen for a committee wins.
    pub fn load(inputs: &Inputs) -> Directory {
        let mut directory = Directory::default();
        for input in inputs.iter() {
            let is_xml = input
                .path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("xml"));
            // GetMeeting files (most of an archive) are read in full only
            // once, when processed: here their first bytes say what they are.
            if !is_xml || !is_listing(&input.path) {
                continue;
            }
            let text = std::fs::read(&input.path)
                .ok()
                .and_then(|bytes| crate::stages::read::decode(&bytes).ok());
            if let Some(decoded) = text {
                directory.add(&decoded.text);
            }
        }
        directory
    }

    pub fn add(&mut self, text: &str) {
        if !matches!(
            response(text),
            Some(Ok(Response::Meetings | Response::Committees))
        ) {
            return;
        }
        let Ok(xml) = roxmltree::Document::parse(text) else {
            return;
        };
        for committee in xml.descendants().filter(|n| n.has_tag_name("committee")) {
            let (Some(id), Some(title)) = (
                field(committee, "committeeid"),
                field(committee, "committeetitle"),
            ) else {
                continue;
            };
            self.committee_titles
                .entry(id.to_string())
                .or_insert_with(|| title.to_string());
            for meeting in committee
                .descendants()
                .filter(|n| n.has_tag_name("meeting"))
            {
                if let Some(mid) = field(meeting, "meetingid") {
                    self.committee_of_meeting
                        .entry(mid.to_string())
                        .or_insert_with(|| id.to_string());
                }
            }
        }
    }

    /// What the directory holds, in a stable order: documents read with it
    /// depend on it, so the incremental cache does too.
    pub fn digest(&self) -> String {
        use sha2::{Digest, Sha256};
        let mut hasher = Sha256::new();
        for map in [&self.committee_titles, &self.committee_of_meeting] {
            let mut entries: Vec<(&String, &String)> = map.iter().collect();
            entries.sort();
            for (key, value) in entries {
                hasher.update(key.as_bytes());
                hasher.update([0]);
                hasher.update(value.as_bytes());
                hasher.update([1]);
            }
            hasher.update([2]);
        }
        crate::model::hex(&hasher.finalize())
    }

    pub fn body(&self, meeting_id: &str) -> Option<&str> {
        let committee = self.committee_of_meeting.get(meeting_id)?;
        self.committee_titles.get(committee).map(String::as_str)
    }
}

/// Whether a file starts like a GetMeetings or GetCommittees response.
fn is_listing(path: &std::path::Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 1024];
    let read = std::fs::File::open(path).and_then(|mut f| f.read(&mut head));
    let Ok(n) = read else { return false };
    let text = String::from_utf8_lossy(&head[..n]);
    let text = text.trim_start_matches('\u{feff}');
    root_element(text).is_some_and(|r| {
        r.eq_ignore_ascii_case("getmeetings") || r.eq_ignore_ascii_case("committees")
    })
}

/// A GetMeetings or GetCommittees response: checked, nothing extracted
/// (the [`Directory`] has read it).
pub fn listing(text: &str) -> Result<(), String> {
    roxmltree::Document::parse(text)
        .map(|_| ())
        .map_err(|e| format!("malformed XML: {e}"))
}

/// What the reader needs besides the XML.
pub struct Context<'a> {
    pub grammar: &'a Grammar,
    pub directory: &'a Directory,
    pub bullets: &'a [String],
    pub party_and_ward: bool,
}

/// A GetMeeting response -> one meeting, with warnings (removed contact
/// data, attendance values not understood).
pub fn meeting(text: &str, cx: &Context) -> Result<(Meeting, Vec<Warning>), String> {
    let xml = roxmltree::Document::parse(text).map_err(|e| format!("malformed XML: {e}"))?;
    let root = xml.root_element();
    let line = |node: Node| xml.text_pos_at(node.range().start).row;
    let span = |node: Node| Span {
        line_start: line(node),
        line_end: xml.text_pos_at(node.range().end).row,
    };
    let mut warnings = Vec::new();
    let source_id = field(root, "meetingid").map(str::to_string);
    let mut meeting = Meeting {
        start_date: field(root, "meetingdate").and_then(parse_uk_numeric_date),
        status: field(root, "meetingstatus").map(str::to_string),
        start_time: field(root, "meetingtime").and_then(clock_time),
        venue: field(root, "meetinglocation").map(str::to_string),
        ..Meeting::default()
    };
    meeting.start_date_method = meeting.start_date.map(|_| "stated");
    let items_node = children(root, "agendaitems").next();
    for (position, node) in items_node
        .into_iter()
        .flat_map(|n| children(n, "agendaitem"))
        .enumerate()
    {
        let mut item = agenda_item(node, position as u32, cx, &line, &mut warnings);
        // The item spans its XML element; its text spans are its own.
        item.span = span(node);
        meeting.items.push(item);
    }
    // The body: from the listings, else from what the items refer to.
    let listed = source_id.as_deref().and_then(|id| cx.directory.body(id));
    let referred = root
        .descendants()
        .find(|n| n.has_tag_name("refertocommittee") || n.has_tag_name("committeetitle"))
        .and_then(text_of);
    if let Some(body) = listed.or(referred) {
        meeting.body_name = Some(body.to_string());
        meeting.body_name_method = Some("stated");
    }
    meeting.source_id = source_id;
    for node in children(root, "attendees").flat_map(|n| children(n, "attendee")) {
        let name = node.attribute("name").map(str::trim).unwrap_or_default();
        let value = node.attribute("attendance").unwrap_or_default().trim();
        let Some(status) = attendance_status(value) else {
            warnings.push(Warning {
                line: Some(line(node)),
                code: "unknown_attendance",
                message: format!(
                    "attendance \"{value}\" of {name} is not understood; row left out"
                ),
            });
            continue;
        };
        if name.is_empty() {
            continue;
        }
        let attribute = |key: &str| {
            node.attribute(key)
                .map(str::trim)
                .filter(|v| !v.is_empty() && cx.party_and_ward)
                .map(str::to_string)
        };
        meeting.attendance.push(Attendance {
            person_name: name.to_string(),
            person_id: String::new(),
            status,
            role: node
                .attribute("roledescription")
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_string),
            party: attribute("politicalparty"),
            ward: attribute("ward"),
            item_position: None,
            span: span(node),
        });
    }
    Ok((meeting, warnings))
}

fn agenda_item(
    node: Node,
    position: u32,
    cx: &Context,
    line: &dyn Fn(Node) -> u32,
    warnings: &mut Vec<Warning>,
) -> AgendaItem {
    let restricted =
        flag(node, "isrestricted") == Some(true) || flag(node, "isdisplayallowed") == Some(false);
    let mut render = |name: &str| {
        let element = children(node, name).next()?;
        let html_text = element.text().filter(|t| !t.trim().is_empty())?;
        let rendered = match html::render(html_text) {
            Ok(rendered) => rendered,
            Err(why) => {
                warnings.push(Warning {
                    line: Some(line(element)),
                    code: "html_unreadable",
                    message: format!("<{name}> not read: {why}"),
                });
                return None;
            }
        };
        let mut cleaned = clean::clean(&rendered.text, cx.bullets);
        // Lines inside the element's text are lines of the file.
        let first = line(element) - 1;
        let map: Vec<u32> = rendered.source_lines.iter().map(|l| first + l).collect();
        cleaned.relocate(&map);
        warnings.extend(cleaned.redaction_warnings());
        (!cleaned.lines.is_empty()).then_some(cleaned)
    };
    let (agenda, minutes) = if restricted {
        (None, None)
    } else {
        (render("agendatext"), render("minutesnonemptyhtmlbody"))
    };
    let mut item = structured_item(
        position,
        agenda.as_ref(),
        minutes.as_ref(),
        cx.grammar,
        warnings,
    );
    let display = field(node, "fulldisplaynumberformat")
        .map(|n| n.trim_end_matches('.').trim().to_string())
        .filter(|n| !n.is_empty());
    let minute = field(node, "minutesitemnumber")
        .map(|n| format!("{n}{}", field(node, "minutesitemsubnumber").unwrap_or("")));
    item.minute_number = minute.or(display.clone());
    item.agenda_number = display.filter(|d| Some(d) != item.minute_number.as_ref());
    item.title = field(node, "agendaitemtitle").map(str::to_string);
    item.source_id = field(node, "agendaitemid").map(str::to_string);
    item.restricted = restricted;
    item.declaration_count = field(node, "declarationcount").and_then(|n| n.parse().ok());
    item.call_in = flag(node, "iscallin");
    for doc in children(node, "linkeddocuments").flat_map(|n| children(n, "linkeddoc")) {
        let restricted = restricted || flag(doc, "isrestricted") == Some(true);
        let url = field(doc, "url").filter(|_| !restricted);
        item.attachments.push(Attachment {
            title: field(doc, "title").map(str::to_string),
            format: url.map(format_of_url).unwrap_or_default().to_string(),
            size_text: String::new(),
            size_bytes: None,
            url: url.map(str::to_string),
            published: field(doc, "publicationdate").and_then(parse_uk_numeric_date),
            restricted,
            span: Span::line(line(doc)),
        });
    }
    item
}

/// "mgConvert2PDF.aspx?ID=1" and "report.pdf" are PDFs; other links do not
/// say.
fn format_of_url(url: &str) -> &'static str {
    let path = url
        .split(['?', '#'])
        .next()
        .unwrap_or(url)
        .to_ascii_lowercase();
    if path.ends_with(".pdf") || path.contains("convert2pdf") {
        "PDF"
    } else if path.ends_with(".docx") || path.ends_with(".doc") {
        "DOC"
    } else {
        ""
    }
}

fn attendance_status(value: &str) -> Option<AttendanceStatus> {
    let v = value.to_ascii_lowercase();
    Some(if v == "expected" {
        AttendanceStatus::Expected
    } else if v.contains("substitute") {
        AttendanceStatus::Substitute
    } else if v.starts_with("present") || v.starts_with("in attendance") || v == "attended" {
        AttendanceStatus::Present
    } else if v.starts_with("apolog") {
        AttendanceStatus::Apologies
    } else if v.starts_with("absent") {
        AttendanceStatus::Absent
    } else {
        return None;
    })
}

fn children<'a, 'i>(node: Node<'a, 'i>, name: &'a str) -> impl Iterator<Item = Node<'a, 'i>> {
    node.children().filter(move |n| n.has_tag_name(name))
}

fn text_of<'a>(node: Node<'a, '_>) -> Option<&'a str> {
    node.text().map(str::trim).filter(|t| !t.is_empty())
}

/// The trimmed text of a child element; `None` when absent or blank.
fn field<'a>(node: Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.children()
        .find(|n| n.has_tag_name(name))
        .and_then(text_of)
}

/// "True" / "False".
fn flag(node: Node, name: &str) -> Option<bool> {
    match field(node, name)?.to_ascii_lowercase().as_str() {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attendance_values() {
        use AttendanceStatus::*;
        for (value, status) in [
            ("Expected", Some(Expected)),
            ("Present", Some(Present)),
            ("Present as substitute", Some(Substitute)),
            ("In attendance", Some(Present)),
            ("Apologies", Some(Apologies)),
            ("Absent", Some(Absent)),
            ("Maybe", None),
        ] {
            assert_eq!(attendance_status(value), status, "{value}");
        }
    }
}
