//! `index.html`: the dataset's landing page, for a person deciding whether
//! the data is worth loading. One self-contained file (inline CSS and SVG,
//! no script, nothing fetched): what the dataset holds, meetings and
//! decisions per month, decisions by outcome and by topic, how well the
//! pages were read, every table's schema from its declaration, the files
//! with sizes and checksums, and how to load them.
//!
//! [`Summary`] gathers the figures while the rows are written, one
//! document at a time, so the page costs no second pass over the data. The
//! page carries no run time: the same input gives the same bytes.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

use super::hashed::Written;
use super::metadata::{Coverage, file_description};
use super::schema::Table;
use super::tables::TABLES;
use super::{Contact, Publication};
use crate::model::{Council, Document};

/// Figures of the whole dataset, gathered document by document.
#[derive(Debug, Default, Clone)]
pub struct Summary {
    pub coverage: Coverage,
    documents: BTreeMap<&'static str, u64>,
    warnings: BTreeMap<&'static str, u64>,
    /// Meetings per body.
    bodies: BTreeMap<String, u64>,
    /// (year, month) -> meetings, decisions.
    months: BTreeMap<(i32, u32), (u64, u64)>,
    /// Decision clauses by what they do (noted, approved, ...).
    outcomes: BTreeMap<&'static str, u64>,
    /// Decisions per topic of their item.
    topics: BTreeMap<String, u64>,
}

impl Summary {
    pub fn add(&mut self, doc: &Document) {
        *self.documents.entry(doc.status.as_str()).or_default() += 1;
        for warning in &doc.warnings {
            *self.warnings.entry(warning.code).or_default() += 1;
        }
        for meeting in &doc.meetings {
            let body = meeting.body_name.as_deref().unwrap_or("(body not named)");
            count(&mut self.bodies, body, 1);
            let decisions: u64 = (meeting.items.iter())
                .map(|item| item.decisions.len() as u64)
                .sum();
            if let Some(date) = meeting.start_date {
                self.coverage.add(date);
                let month = self.months.entry((date.year(), date.month())).or_default();
                month.0 += 1;
                month.1 += decisions;
            }
            for item in meeting.items.iter().filter(|i| !i.decisions.is_empty()) {
                let clauses = item.decisions.iter().flat_map(|d| &d.clauses);
                for clause in clauses {
                    let outcome = clause.action.unwrap_or("other");
                    *self.outcomes.entry(outcome).or_default() += 1;
                }
                let mut topics: Vec<&str> = item.topics.iter().map(|(t, _)| t.as_str()).collect();
                topics.sort_unstable();
                topics.dedup();
                for topic in topics {
                    *self.topics.entry(topic.to_string()).or_default() +=
                        item.decisions.len() as u64;
                }
            }
        }
    }
}

/// Adds `n` to a name's count, allocating the name only the first time.
fn count(counts: &mut BTreeMap<String, u64>, name: &str, n: u64) {
    match counts.get_mut(name) {
        Some(total) => *total += n,
        None => {
            counts.insert(name.to_string(), n);
        }
    }
}

/// Renders the page.
pub fn render(c: &Council, p: &Publication, summary: &Summary, files: &[Written]) -> String {
    let mut h = String::with_capacity(64 << 10);
    let title = format!("{}: meetings, agenda items and decisions", c.name);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <link rel=\"icon\" href=\"data:,\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n<h1>{}</h1>\n",
        esc(&title),
        esc(&title)
    );
    intro(&mut h, c, p, summary);
    holdings(&mut h, summary, files);
    charts(&mut h, summary);
    quality(&mut h, summary);
    downloads(&mut h, files);
    loading(&mut h);
    schemas(&mut h);
    h.push_str("</main>\n</body>\n</html>\n");
    h
}

fn intro(h: &mut String, c: &Council, p: &Publication, s: &Summary) {
    let span = match (s.coverage.first, s.coverage.last) {
        (Some(first), Some(last)) => {
            format!("meetings from {} to {}", long_date(first), long_date(last))
        }
        _ => "no dated meetings".into(),
    };
    let source = match &c.base_url {
        Some(url) => format!("<a href=\"{}\">democracy website</a>", esc(url)),
        None => "democracy website".into(),
    };
    let _ = writeln!(
        h,
        "<p class=\"lead\">Meetings, agenda items, decisions with their clauses, votes, attendance \
         and declarations of interest of <strong>{}</strong>, read from the public pages of its \
         {source} by council-etl {}: {span}. Every row names the source document and the lines it \
         was read from.</p>",
        esc(&c.name),
        env!("CARGO_PKG_VERSION"),
    );
    let licence = c.licence_terms.map_or(c.licence.as_str(), |t| t.title);
    let _ = write!(
        h,
        "<p>Licence: <a href=\"{}\" rel=\"license\">{}</a>.",
        esc(&c.licence_url),
        esc(licence)
    );
    if let Some(attribution) = &c.attribution {
        let _ = write!(h, " Attribution: {}", esc(attribution));
    }
    let publisher = p.publisher.as_deref().unwrap_or(&c.name);
    let _ = write!(h, " Published by {}.", esc(publisher));
    if let Some(Contact { name, url }) = &p.contact {
        let _ = write!(h, " Questions: <a href=\"{}\">{}</a>.", esc(url), esc(name));
    }
    h.push_str(
        " Metadata for portals: <a href=\"catalog.jsonld\">catalog.jsonld</a> (DCAT-AP 3) and \
         <a href=\"datapackage.json\">datapackage.json</a> (Frictionless).</p>\n",
    );
}

fn holdings(h: &mut String, s: &Summary, files: &[Written]) {
    h.push_str("<h2 id=\"holds\">What it holds</h2>\n<dl class=\"facts\">\n");
    let documents: u64 = s.documents.values().sum();
    let dated: u64 = s.months.values().map(|m| m.0).sum();
    let facts = [
        ("Councils", "1".to_string()),
        ("Bodies", s.bodies.len().to_string()),
        ("Source documents", documents.to_string()),
        ("Dated meetings", dated.to_string()),
        (
            "First meeting",
            s.coverage.first.map_or("-".into(), long_date),
        ),
        (
            "Last meeting",
            s.coverage.last.map_or("-".into(), long_date),
        ),
    ];
    for (name, value) in facts {
        let _ = writeln!(h, "<div><dt>{name}</dt><dd>{}</dd></div>", esc(&value));
    }
    h.push_str("</dl>\n<table class=\"counts\">\n<thead><tr><th>Table</th><th class=\"n\">Rows</th><th>What a row is</th></tr></thead>\n<tbody>\n");
    for table in TABLES {
        let file = format!("{}.parquet", table.name);
        let rows = files.iter().find(|f| f.file == file).and_then(|f| f.rows);
        let _ = writeln!(
            h,
            "<tr><td><a href=\"#table-{0}\">{0}</a></td><td class=\"n\">{1}</td><td>{2}</td></tr>",
            table.name,
            rows.map_or("-".into(), |r| r.to_string()),
            esc(table.doc)
        );
    }
    h.push_str("</tbody>\n</table>\n");
    if !s.bodies.is_empty() {
        let mut bodies: Vec<(&String, &u64)> = s.bodies.iter().collect();
        bodies.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let shown: Vec<(String, u64)> = (bodies.iter().take(TOP))
            .map(|(name, n)| (name.to_string(), **n))
            .collect();
        h.push_str("<h3>Meetings by body</h3>\n");
        h.push_str(&bars("Meetings by body", &shown, "meetings"));
        if bodies.len() > TOP {
            let _ = writeln!(
                h,
                "<p class=\"note\">The {TOP} bodies with most meetings of {}.</p>",
                bodies.len()
            );
        }
    }
}

/// Bars shown at most in a ranking chart.
const TOP: usize = 15;

fn charts(h: &mut String, s: &Summary) {
    h.push_str("<h2 id=\"charts\">Meetings and decisions over time</h2>\n");
    match (s.coverage.first, s.coverage.last) {
        (Some(first), Some(last)) => h.push_str(&months_chart(s, first, last)),
        _ => h.push_str("<p>No meeting in the dataset has a date.</p>\n"),
    }
    h.push_str("<h2 id=\"outcomes\">Decisions by outcome</h2>\n");
    let mut outcomes: Vec<(String, u64)> = (s.outcomes.iter())
        .map(|(k, v)| (k.replace('_', " "), *v))
        .collect();
    outcomes.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    if outcomes.is_empty() {
        h.push_str("<p>No decision clause was found.</p>\n");
    } else {
        h.push_str("<p class=\"note\">Decision clauses by what they do (<code>decision_clauses.action</code>).</p>\n");
        h.push_str(&bars("Decision clauses by outcome", &outcomes, "clauses"));
    }
    h.push_str("<h2 id=\"topics\">Decisions by topic</h2>\n");
    let mut topics: Vec<(String, u64)> = s.topics.iter().map(|(k, v)| (k.clone(), *v)).collect();
    topics.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    topics.truncate(TOP);
    if topics.is_empty() {
        h.push_str("<p>No decided item matched a topic.</p>\n");
    } else {
        h.push_str("<p class=\"note\">Decisions per topic of their agenda item (<code>item_topics</code>); an item may have several.</p>\n");
        h.push_str(&bars("Decisions by topic", &topics, "decisions"));
    }
}

fn quality(h: &mut String, s: &Summary) {
    h.push_str(
        "<h2 id=\"quality\">How well the pages were read</h2>\n<p>Every source document is in \
         <code>source_documents</code> with its status: <em>parsed</em>, <em>partial</em> (read, \
         with warnings in <code>parse_warnings</code>) or <em>rejected</em> (with the reason).</p>\n\
         <table><thead><tr><th>Status</th><th class=\"n\">Documents</th></tr></thead>\n<tbody>\n",
    );
    for status in ["parsed", "partial", "rejected"] {
        let n = s.documents.get(status).copied().unwrap_or(0);
        let _ = writeln!(h, "<tr><td>{status}</td><td class=\"n\">{n}</td></tr>");
    }
    h.push_str("</tbody></table>\n");
    if s.warnings.is_empty() {
        h.push_str("<p>No parse warning.</p>\n");
    } else {
        h.push_str("<table><thead><tr><th>Parse warning</th><th class=\"n\">Count</th></tr></thead>\n<tbody>\n");
        for (code, n) in &s.warnings {
            let _ = writeln!(
                h,
                "<tr><td><code>{}</code></td><td class=\"n\">{n}</td></tr>",
                esc(code)
            );
        }
        h.push_str("</tbody></table>\n");
    }
}

fn downloads(h: &mut String, files: &[Written]) {
    h.push_str(
        "<h2 id=\"downloads\">Downloads</h2>\n<table class=\"files\"><thead><tr><th>File</th>\
         <th>What it holds</th><th class=\"n\">Size</th><th>SHA-256</th></tr></thead>\n<tbody>\n",
    );
    for f in files {
        let _ = writeln!(
            h,
            "<tr><td><a href=\"{0}\" download>{0}</a></td><td>{1}</td><td class=\"n\">{2}</td><td><code class=\"hash\">{3}</code></td></tr>",
            esc(&f.file),
            esc(&file_description(&f.file)),
            size(f.bytes),
            f.sha256.as_deref().unwrap_or_default()
        );
    }
    h.push_str("</tbody></table>\n");
}

fn loading(h: &mut String) {
    h.push_str(
        "<h2 id=\"load\">Load it</h2>\n<p>DuckDB reads the files where they are (a local copy or \
         their URLs):</p>\n<pre><code>SELECT m.start_date, m.body_name, i.title, d.text\n\
         FROM 'meetings.parquet' m\n\
         JOIN 'agenda_items.parquet' i USING (meeting_id)\n\
         JOIN 'decisions.parquet' d USING (item_id)\n\
         ORDER BY m.start_date;</code></pre>\n<p>pandas (with pyarrow):</p>\n\
         <pre><code>import pandas as pd\n\
         meetings = pd.read_parquet(\"meetings.parquet\")  # start_date is a date\n\
         items = pd.read_parquet(\"agenda_items.parquet\", columns=[\"item_id\", \"title\"])\n\
         decisions = pd.read_parquet(\"decisions.parquet\")\n\
         decided = decisions.merge(items, on=\"item_id\").merge(meetings, on=\"meeting_id\")\n\
         print(decided[[\"start_date\", \"body_name\", \"title\", \"text\"]].head())</code></pre>\n",
    );
}

fn schemas(h: &mut String) {
    h.push_str(
        "<h2 id=\"schema\">Schema</h2>\n<p>Types as DuckDB shows them; keys join the tables.</p>\n",
    );
    for table in TABLES {
        schema(h, table);
    }
}

fn schema(h: &mut String, table: &Table) {
    let _ = writeln!(
        h,
        "<h3 id=\"table-{0}\">{0}</h3>\n<p>{1}</p>",
        table.name,
        esc(table.doc)
    );
    if !table.primary_key.is_empty() {
        let _ = writeln!(
            h,
            "<p class=\"note\">Primary key: <code>{}</code>.</p>",
            table.primary_key.join(", ")
        );
    }
    h.push_str("<table class=\"schema\"><thead><tr><th>Column</th><th>Type</th><th>Null</th><th>Meaning</th></tr></thead>\n<tbody>\n");
    for column in table.columns {
        let _ = writeln!(
            h,
            "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td></tr>",
            column.name,
            column.ty.sql(),
            if column.nullable { "yes" } else { "no" },
            esc(column.doc)
        );
    }
    h.push_str("</tbody></table>\n");
}

/// Meetings and decisions per month, from the first month to the last
/// (months without meetings included), as two bar series; per year when
/// the data spans more than [`MONTHS_SHOWN`] months.
fn months_chart(s: &Summary, first: NaiveDate, last: NaiveDate) -> String {
    let mut months: Vec<(String, (u64, u64))> = Vec::new();
    let (mut year, mut month) = (first.year(), first.month());
    while (year, month) <= (last.year(), last.month()) {
        let counts = s.months.get(&(year, month)).copied().unwrap_or_default();
        months.push((format!("{year}-{month:02}"), counts));
        (year, month) = if month == 12 {
            (year + 1, 1)
        } else {
            (year, month + 1)
        };
    }
    let per = if months.len() > MONTHS_SHOWN {
        "year"
    } else {
        "month"
    };
    if per == "year" {
        let mut years: Vec<(String, (u64, u64))> = Vec::new();
        for (label, (m, d)) in months {
            let year = &label[..4];
            match years.last_mut() {
                Some((y, counts)) if y == year => {
                    counts.0 += m;
                    counts.1 += d;
                }
                _ => years.push((year.to_string(), (m, d))),
            }
        }
        months = years;
    }
    let top = months
        .iter()
        .map(|(_, (m, d))| (*m).max(*d))
        .max()
        .unwrap_or(0)
        .max(1);
    let (width, height, left, bottom) = (760.0, 260.0, 44.0, 40.0);
    let plot = height - bottom - 10.0;
    let step = (width - left - 10.0) / months.len() as f64;
    let bar = (step / 2.0 - 1.0).max(0.5);
    let mut svg = String::new();
    let _ = writeln!(
        svg,
        "<figure><svg class=\"chart\" role=\"img\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\">\
         <title>Meetings and decisions per {per}</title>"
    );
    axis(&mut svg, left, 10.0, plot, top, width);
    let label_every = months.len().div_ceil(12).max(1);
    for (i, (label, (meetings, decisions))) in months.iter().enumerate() {
        let x = left + i as f64 * step;
        for (j, (n, class)) in [(meetings, "a"), (decisions, "b")].into_iter().enumerate() {
            let h = plot * *n as f64 / top as f64;
            let _ = writeln!(
                svg,
                "<rect class=\"bar {class}\" x=\"{:.1}\" y=\"{:.1}\" width=\"{bar:.1}\" height=\"{h:.1}\"><title>{label}: {n} {}</title></rect>",
                x + 0.5 + j as f64 * (bar + 0.5),
                10.0 + plot - h,
                if j == 0 { "meetings" } else { "decisions" }
            );
        }
        if i % label_every == 0 {
            let _ = writeln!(
                svg,
                "<text class=\"tick\" x=\"{:.1}\" y=\"{:.1}\">{label}</text>",
                x + step / 2.0,
                height - bottom + 16.0
            );
        }
    }
    let _ = writeln!(
        svg,
        "</svg>\n<figcaption><span class=\"key a\"></span> meetings <span class=\"key b\"></span> decisions, per {per}</figcaption></figure>"
    );
    svg
}

/// Longest span shown month by month; longer spans are shown by year.
const MONTHS_SHOWN: usize = 72;

/// The y axis with a few round ticks up to `top`.
fn axis(svg: &mut String, left: f64, y0: f64, plot: f64, top: u64, width: f64) {
    let step = nice_step(top);
    let mut tick = 0;
    while tick <= top {
        let y = y0 + plot - plot * tick as f64 / top as f64;
        let _ = writeln!(
            svg,
            "<line class=\"grid\" x1=\"{left}\" x2=\"{:.1}\" y1=\"{y:.1}\" y2=\"{y:.1}\"/><text class=\"tick y\" x=\"{:.1}\" y=\"{:.1}\">{tick}</text>",
            width - 10.0,
            left - 6.0,
            y + 4.0
        );
        tick += step;
    }
}

/// 1, 2 or 5 times a power of ten, for at most about five ticks.
fn nice_step(top: u64) -> u64 {
    let mut step = 1;
    loop {
        for m in [1, 2, 5] {
            if top / (step * m) <= 5 {
                return step * m;
            }
        }
        step *= 10;
    }
}

/// A horizontal bar chart of labelled counts.
fn bars(title: &str, rows: &[(String, u64)], unit: &str) -> String {
    let top = rows.iter().map(|r| r.1).max().unwrap_or(0).max(1);
    let (width, row, label) = (760.0, 24.0, 300.0);
    let height = row * rows.len() as f64 + 8.0;
    let mut svg = String::new();
    let _ = writeln!(
        svg,
        "<figure><svg class=\"chart\" role=\"img\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\"><title>{}</title>",
        esc(title)
    );
    for (i, (name, n)) in rows.iter().enumerate() {
        let y = 4.0 + i as f64 * row;
        let w = (width - label - 70.0) * *n as f64 / top as f64;
        let shown: String = if name.chars().count() > 44 {
            name.chars().take(43).chain(['…']).collect()
        } else {
            name.clone()
        };
        let _ = writeln!(
            svg,
            "<text class=\"label\" x=\"{:.1}\" y=\"{:.1}\">{}</text><rect class=\"bar a\" x=\"{label}\" y=\"{:.1}\" width=\"{w:.1}\" height=\"{:.1}\"><title>{}: {n} {unit}</title></rect><text class=\"value\" x=\"{:.1}\" y=\"{:.1}\">{n}</text>",
            label - 8.0,
            y + 16.0,
            esc(&shown),
            y + 3.0,
            row - 6.0,
            esc(name),
            label + w + 6.0,
            y + 16.0
        );
    }
    svg.push_str("</svg></figure>\n");
    svg
}

fn long_date(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// A byte count as people read it.
fn size(bytes: u64) -> String {
    match bytes {
        b if b < 1 << 10 => format!("{b} B"),
        b if b < 1 << 20 => format!("{:.1} KiB", b as f64 / 1024.0),
        b if b < 1 << 30 => format!("{:.1} MiB", b as f64 / (1 << 20) as f64),
        b => format!("{:.2} GiB", b as f64 / (1u64 << 30) as f64),
    }
}

/// Text for HTML content and attribute values.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "
body{margin:0;font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1d2630;background:#f6f7f9}
main{max-width:980px;margin:0 auto;padding:24px 28px 64px;background:#fff}
h1{font-size:1.7rem;line-height:1.25;margin:.4em 0}h2{margin-top:2em;border-bottom:2px solid #e3e7ec;padding-bottom:.2em}
.lead{font-size:1.1rem}a{color:#0b5cad}code{font:.9em ui-monospace,Menlo,Consolas,monospace}
table{border-collapse:collapse;margin:.8em 0;width:100%}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #e3e7ec;vertical-align:top}
th{background:#f0f3f6}.n{text-align:right;font-variant-numeric:tabular-nums}
.facts{display:grid;grid-template-columns:repeat(auto-fit,minmax(140px,1fr));gap:10px;margin:1em 0}
.facts div{background:#f0f3f6;border-radius:6px;padding:8px 12px}.facts dt{font-size:.8rem;color:#55606c}.facts dd{margin:0;font-size:1.3rem;font-weight:600}
.note{color:#55606c;font-size:.9rem}.hash{font-size:.7rem;word-break:break-all}
figure{margin:1em 0}.chart{max-width:100%;height:auto}.bar.a{fill:#2a6fb0}.bar.b{fill:#e08a1e}
.grid{stroke:#e3e7ec}.tick{font-size:11px;fill:#55606c;text-anchor:middle}.tick.y{text-anchor:end}
.label{font-size:12px;fill:#1d2630;text-anchor:end}.value{font-size:12px;fill:#55606c}
.key{display:inline-block;width:12px;height:12px;vertical-align:middle}.key.a{background:#2a6fb0}.key.b{background:#e08a1e}
pre{background:#f0f3f6;padding:12px;overflow:auto;border-radius:6px}
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_ticks_are_round() {
        assert_eq!(
            esc("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
        assert_eq!(nice_step(3), 1);
        assert_eq!(nice_step(9), 2);
        assert_eq!(nice_step(24), 5);
        assert_eq!(nice_step(130), 50);
        assert_eq!(size(1536), "1.5 KiB");
    }
}
