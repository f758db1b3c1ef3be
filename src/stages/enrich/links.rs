//! Links of a saved HTML page given to the attachments parsed from it.

use crate::model::Meeting;
use crate::stages::read::html::{Link, Rendered};

/// Gives the attachments a page lists the URL of the link they are
/// printed in: the first unused link on the same source line whose text
/// holds the attachment's title or size. Relative links are resolved
/// against `base_url` when there is one.
pub fn link_attachments(meetings: &mut [Meeting], rendered: &Rendered, base_url: Option<&str>) {
    let source_line = |link: &Link| rendered.source_lines.get(link.line as usize - 1).copied();
    let mut used = vec![false; rendered.links.len()];
    let attachments = meetings
        .iter_mut()
        .flat_map(|m| m.items.iter_mut())
        .flat_map(|i| i.attachments.iter_mut());
    for attachment in attachments {
        let found = rendered.links.iter().enumerate().position(|(i, link)| {
            !used[i]
                && source_line(link) == Some(attachment.span.line_start)
                && [
                    attachment.title.as_deref(),
                    Some(attachment.size_text.as_str()),
                ]
                .into_iter()
                .flatten()
                .any(|t| !t.is_empty() && link.text.contains(t))
        });
        if let Some(i) = found {
            used[i] = true;
            attachment.url = Some(absolute(&rendered.links[i].href, base_url));
        }
    }
}

/// "documents/s7942/a b.pdf" + "https://x.gov.uk" -> "https://x.gov.uk/documents/s7942/a%20b.pdf".
fn absolute(href: &str, base_url: Option<&str>) -> String {
    let href = href.replace(' ', "%20");
    let is_absolute = href.starts_with("http://") || href.starts_with("https://");
    match base_url {
        Some(base) if !is_absolute => {
            format!(
                "{}/{}",
                base.trim_end_matches('/'),
                href.trim_start_matches('/')
            )
        }
        _ => href,
    }
}
