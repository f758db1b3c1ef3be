//! Where an item's minutes start when no label says: pages that print
//! the title, its agenda text and then the minutes, set apart only by
//! blank lines or by a resolution.

use super::Draft;
use crate::stages::clean::BULLET;
use crate::stages::parse::Grammar;
use crate::stages::parse::lines::{ends_phrase, is_agenda_phrase};

/// An item printed as title, agenda text right under it, then minutes,
/// with no labels: the minutes start at the widest paragraph break (the
/// first one, if several are as wide). Breaks after an unfinished sentence
/// ("... it was" / "That the minutes ..."; see [`ends_phrase`]) or
/// between a colon and the bullets it opens do not count, nor breaks
/// narrower than `min_gap` (one blank line on a page
/// that never leaves two, else two).
pub(super) fn split_unlabelled(d: &mut Draft, min_gap: u32) {
    if !d.minutes.is_empty() || d.agenda.len() < 2 {
        return;
    }
    let breaks = || {
        (1..d.agenda.len()).filter(|&i| {
            let (before, after) = (d.agenda[i - 1].text, d.agenda[i].text);
            let opens_list = before.trim_end().ends_with(':') && after.starts_with(BULLET);
            d.agenda[i].gap >= min_gap && ends_phrase(before, after) && !opens_list
        })
    };
    let Some(widest) = breaks().map(|i| d.agenda[i].gap).max() else {
        return;
    };
    let start = breaks()
        .find(|&i| d.agenda[i].gap == widest)
        .expect("the widest break exists");
    d.minutes = d.agenda.split_off(start);
}

/// A single-item page without labels prints, as ModernGov's template
/// does, the title, its description right under it ("Members to declare
/// any interests ...", "In special circumstances, an item may be added
/// ..."), then the minutes after a wider gap. Where the text right under
/// the title was taken for minutes, or the minutes were started at a
/// narrower gap than the widest, the split moves to the widest break;
/// where there is none, the text stays as it was read.
pub(super) fn description_over_minutes(d: &mut Draft) {
    let under_title = d.agenda.first().or(d.minutes.first());
    if d.title.is_none() || d.minutes.is_empty() || under_title.is_none_or(|t| t.gap >= 2) {
        return;
    }
    let agenda = d.agenda.len();
    let mut text = std::mem::take(&mut d.agenda);
    text.append(&mut d.minutes);
    d.agenda = text;
    split_unlabelled(d, 2);
    if d.minutes.is_empty() {
        d.minutes = d.agenda.split_off(agenda);
    }
}

/// An "Agenda and minutes" page that prints the minutes right under the
/// titles, with no label and no gap ("56. Minutes of the Previous Meeting"
/// over "RESOLVED: That the minutes ... be approved"): an item's text that
/// holds a resolution is minutes, from its first line that is not agenda
/// phrasing ("To consider the report ..."), also where a wider gap below
/// was taken for the minutes' start ("It was proposed by ... and" over
/// "RESOLVED: That ..." over a note, on a page that never leaves two blank
/// lines). Where no item's text was split from its agenda text, or only
/// such wrongly, the resolutions show the whole page records the meeting,
/// and every item's text is read the same way ("Apologies were received
/// from ...").
pub(super) fn minutes_under_titles(drafts: &mut [Draft], grammar: &Grammar) {
    // "RECOMMENDED that ..." in agenda text proposes; it records nothing.
    let resolves = |d: &Draft| {
        d.agenda.iter().any(|t| {
            grammar.resolution_opener(t.text).is_some()
                && !t
                    .text
                    .get(..9)
                    .is_some_and(|w| w.eq_ignore_ascii_case("recommend"))
        })
    };
    // A resolution above a split made at a gap shows the gaps do not part
    // agenda from minutes on this page either.
    let page_wide =
        drafts.iter().all(|d| d.minutes.is_empty() || resolves(d)) && drafts.iter().any(resolves);
    for d in drafts.iter_mut() {
        if (page_wide || resolves(d))
            && let Some(start) = d.agenda.iter().position(|t| !is_agenda_phrase(t.text))
        {
            let mut minutes = d.agenda.split_off(start);
            minutes.append(&mut d.minutes);
            d.minutes = minutes;
        }
    }
}
