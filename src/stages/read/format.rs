//! The input formats, told by content rather than by file name: a saved
//! page may be called `.aspx`, and an archive may hold XML and HTML side
//! by side.

use super::html;

/// What a document is, and so which reader takes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Format {
    /// A ModernGov web-service response.
    WebService(Response),
    /// XML that is no web-service response; the reason it is not read.
    OtherXml(String),
    /// A saved HTML page.
    Html,
    /// A text page (as copied from a browser).
    Text,
}

/// The format of a decoded document.
pub fn detect(text: &str) -> Format {
    match response(text) {
        Some(Ok(response)) => Format::WebService(response),
        Some(Err(reason)) => Format::OtherXml(reason),
        None if html::looks_like_html(text) => Format::Html,
        None => Format::Text,
    }
}

/// What a web-service response is, from its root element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Response {
    /// GetMeeting: `<meeting>`.
    Meeting,
    /// GetMeetings: `<getmeetings>`.
    Meetings,
    /// GetCommittees: `<committees>`.
    Committees,
}

/// `Some(Ok)` for a web-service response, `Some(Err)` for other XML,
/// `None` for anything that is not XML.
pub fn response(text: &str) -> Option<Result<Response, String>> {
    let declared = text.trim_start().starts_with("<?xml");
    let root = root_element(text)?;
    match root.to_ascii_lowercase().as_str() {
        "meeting" => Some(Ok(Response::Meeting)),
        "getmeetings" => Some(Ok(Response::Meetings)),
        "committees" => Some(Ok(Response::Committees)),
        _ if declared => Some(Err(format!(
            "XML with root element <{root}> is not a ModernGov GetMeeting, GetMeetings or GetCommittees response"
        ))),
        _ => None,
    }
}

/// The name of the first element, after the XML declaration, comments and
/// a doctype.
pub(crate) fn root_element(text: &str) -> Option<&str> {
    let mut rest = text.trim_start();
    loop {
        if let Some(after) = rest.strip_prefix("<?") {
            rest = after.split_once("?>")?.1.trim_start();
        } else if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.split_once("-->")?.1.trim_start();
        } else if rest.starts_with("<!") {
            rest = rest.split_once('>')?.1.trim_start();
        } else {
            let name = rest.strip_prefix('<')?;
            let end = name.find(|c: char| c.is_whitespace() || c == '>' || c == '/')?;
            return Some(&name[..end]).filter(|n| !n.is_empty());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn responses_are_told_by_their_root_element() {
        let r = |t: &str| response(t).map(|r| r.map_err(|_| ()));
        assert_eq!(
            r("<?xml version=\"1.0\"?>\n<meeting>"),
            Some(Ok(Response::Meeting))
        );
        assert_eq!(r("<!-- x --><getmeetings>"), Some(Ok(Response::Meetings)));
        assert_eq!(r("<committees/>"), Some(Ok(Response::Committees)));
        assert_eq!(r("<?xml version=\"1.0\"?><rss>"), Some(Err(())));
        assert_eq!(r("<div>"), None);
        assert_eq!(r("Agenda and minutes"), None);
    }

    #[test]
    fn formats_are_told_by_content() {
        assert_eq!(detect("<meeting/>"), Format::WebService(Response::Meeting));
        assert!(matches!(
            detect("<?xml version=\"1.0\"?><rss/>"),
            Format::OtherXml(_)
        ));
        assert_eq!(detect("<!DOCTYPE html><html>"), Format::Html);
        assert_eq!(detect("Agenda and minutes"), Format::Text);
    }
}
