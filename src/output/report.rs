//! `minutes report`: Markdown to paste into a board paper, or one
//! self-contained HTML page (inline CSS and SVG, no scripts, no fetches)
//! that reads well on screen and prints on A4.

use std::fmt::Write as _;
use std::io::{self, Write};

use chrono::NaiveDate;

use super::markdown::escape as md;
use crate::query::attendance::{Group, Register};
use crate::query::report::{Report, ReportAction};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// Markdown, to paste into a board paper
    Markdown,
    /// One self-contained HTML page, printable on A4
    Html,
}

fn long(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

fn due_text(action: &ReportAction) -> String {
    match (action.state.due, action.state.due_written) {
        (Some(due), _) => due.to_string(),
        (None, Some(written)) => written.to_string(),
        (None, None) => String::new(),
    }
}

fn percent(rate: Option<f64>) -> String {
    rate.map(|r| format!("{:.0}%", r * 100.0))
        .unwrap_or_default()
}

pub fn write(
    report: &Report,
    register: &Register,
    format: ReportFormat,
    out: &mut dyn Write,
) -> io::Result<()> {
    let text = match format {
        ReportFormat::Markdown => markdown(report, register),
        ReportFormat::Html => html(report, register),
    };
    out.write_all(text.as_bytes())
}

fn markdown(report: &Report, register: &Register) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# {} – report as of {}\n",
        md(&report.series),
        long(report.date)
    );
    if let Some(latest) = report.latest() {
        let _ = writeln!(s, "Latest meeting: {}.\n", long(latest.date));
    }
    s.push_str("## Headline figures\n\n| Measure | Number |\n| --- | --- |\n");
    for (label, value) in headline(report) {
        let _ = writeln!(s, "| {label} | {value} |");
    }
    s.push_str("\n## Open actions by owner\n\nOverdue actions come first and are marked **(overdue)**.\n\n");
    s.push_str("| Owner | ID | Action | Due | Status | Latest note |\n| --- | --- | --- | --- | --- | --- |\n");
    for group in &report.by_owner {
        for action in &group.actions {
            let mut due = md(&due_text(action));
            if action.overdue {
                due = format!("**{due} (overdue)**");
            }
            let _ = writeln!(
                s,
                "| {} | {} | {} | {due} | {} | {} |",
                md(&group.owner),
                md(&action.entry.action.id.0),
                md(&action.entry.action.text),
                action.state.status,
                md(action.state.note.unwrap_or(""))
            );
        }
    }
    s.push_str("\n## Closed since the last meeting\n\n");
    if report.closed_since.is_empty() {
        s.push_str("None.\n");
    } else {
        s.push_str("| ID | Action | Status | Latest note |\n| --- | --- | --- | --- |\n");
        for action in &report.closed_since {
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} |",
                md(&action.entry.action.id.0),
                md(&action.entry.action.text),
                action.state.status,
                md(action.state.note.unwrap_or(""))
            );
        }
    }
    s.push_str("\n## Decisions at the last meeting\n\n");
    if report.latest_decisions.is_empty() {
        s.push_str("None.\n");
    } else {
        s.push_str("| Item | Decision |\n| --- | --- |\n");
        for (item, decision) in &report.latest_decisions {
            let _ = writeln!(
                s,
                "| {} {} | {} |",
                md(&item.number),
                md(&item.title),
                md(&decision.text)
            );
        }
    }
    s.push_str("\n## Attendance\n\nP present, A apologies, X absent, I in attendance.\n\n| Name |");
    for meeting in &register.meetings {
        let _ = write!(s, " {} |", meeting.date);
    }
    s.push_str(" Rate |\n| --- |");
    for _ in &register.meetings {
        s.push_str(" --- |");
    }
    s.push_str(" --- |\n");
    for row in register.rows.iter().filter(|r| r.group == Group::Member) {
        let _ = write!(s, "| {} |", md(&row.name));
        for mark in &row.marks {
            let _ = write!(s, " {} |", mark.letter());
        }
        let _ = writeln!(s, " {} |", percent(row.rate));
    }
    s
}

fn headline(report: &Report) -> Vec<(&'static str, usize)> {
    vec![
        ("Meetings held", report.meetings.len()),
        ("Decisions made", report.decisions_made),
        ("Actions raised", report.raised),
        ("Actions done", report.done),
        ("Actions dropped", report.dropped),
        ("Actions open", report.open),
        ("Actions overdue", report.overdue),
    ]
}

/// Text for HTML: `&`, `<`, `>` and quotes escaped.
fn h(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const CSS: &str = "
:root { color: #1a1a1a; background: #fff; font: 15px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif; }
main { max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.7rem; margin: 0 0 .2rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .6rem; border-bottom: 2px solid #1f4e79; padding-bottom: .2rem; }
.sub { color: #404040; margin: 0 0 1rem; }
.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(9rem, 1fr)); gap: .6rem; margin: 0; }
.figures div { border: 1px solid #8a8a8a; border-radius: 4px; padding: .5rem .7rem; }
.figures dt { font-size: .85rem; color: #404040; }
.figures dd { margin: 0; font-size: 1.5rem; font-weight: 700; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; font-size: .92rem; }
caption { text-align: left; font-weight: 600; padding: .3rem 0; }
th, td { border: 1px solid #8a8a8a; padding: .3rem .45rem; text-align: left; vertical-align: top; }
thead th { background: #1f4e79; color: #fff; }
tbody th { font-weight: 600; }
tr.overdue td, tr.overdue th { background: #fde8e8; }
.flag { color: #8a1c1c; font-weight: 700; }
td.mark { text-align: center; }
.nowrap { white-space: nowrap; }
figure { margin: .5rem 0 1rem; }
figcaption { font-size: .85rem; color: #404040; }
.key span { display: inline-block; width: .8rem; height: .8rem; margin: 0 .3rem 0 .8rem; vertical-align: -.1rem; }
@page { size: A4; margin: 15mm; }
@media print {
  :root { font-size: 10.5pt; }
  main { max-width: none; margin: 0; padding: 0; }
  h2 { break-after: avoid; }
  tr, figure { break-inside: avoid; }
  thead { display: table-header-group; }
  thead th { background: #fff; color: #000; border-bottom: 2px solid #000; }
  tr.overdue td, tr.overdue th { background: none; }
}
";

fn html(report: &Report, register: &Register) -> String {
    let mut s = String::new();
    let title = format!("{} – report as of {}", report.series, long(report.date));
    let _ = write!(
        s,
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n<h1>{}</h1>\n",
        h(&title),
        h(&report.series)
    );
    let latest = report
        .latest()
        .map(|m| format!(" · latest meeting {}", long(m.date)))
        .unwrap_or_default();
    let _ = writeln!(
        s,
        "<p class=\"sub\">Report as of {}{latest}</p>",
        long(report.date)
    );

    s.push_str("<section aria-labelledby=\"figures\">\n<h2 id=\"figures\">Headline figures</h2>\n<dl class=\"figures\">\n");
    for (label, value) in headline(report) {
        let _ = writeln!(s, "<div><dt>{label}</dt><dd>{value}</dd></div>");
    }
    s.push_str("</dl>\n</section>\n");

    s.push_str("<section aria-labelledby=\"open\">\n<h2 id=\"open\">Open actions by owner</h2>\n");
    s.push_str(&chart(report));
    s.push_str("<table id=\"open-actions\">\n<caption>Open and in-progress actions, by owner; overdue ones first, marked “overdue”</caption>\n<thead><tr><th scope=\"col\">Owner</th><th scope=\"col\">ID</th><th scope=\"col\">Action</th><th scope=\"col\">Due</th><th scope=\"col\">Status</th><th scope=\"col\">Latest note</th></tr></thead>\n<tbody>\n");
    for group in &report.by_owner {
        for action in &group.actions {
            let class = if action.overdue {
                " class=\"overdue\""
            } else {
                ""
            };
            let due = if action.overdue {
                format!(
                    "{} <span class=\"flag\">overdue</span>",
                    h(&due_text(action))
                )
            } else {
                h(&due_text(action))
            };
            let _ = writeln!(
                s,
                "<tr{class}><th scope=\"row\">{}</th><td class=\"nowrap\">{}</td><td>{}</td><td class=\"nowrap\">{due}</td><td class=\"nowrap\">{}</td><td>{}</td></tr>",
                h(&group.owner),
                h(&action.entry.action.id.0),
                h(&action.entry.action.text),
                action.state.status,
                h(action.state.note.unwrap_or(""))
            );
        }
    }
    s.push_str("</tbody>\n</table>\n</section>\n");

    s.push_str("<section aria-labelledby=\"closed\">\n<h2 id=\"closed\">Closed since the last meeting</h2>\n");
    if report.closed_since.is_empty() {
        s.push_str("<p>None.</p>\n");
    } else {
        s.push_str("<table id=\"closed-actions\">\n<thead><tr><th scope=\"col\">ID</th><th scope=\"col\">Action</th><th scope=\"col\">Status</th><th scope=\"col\">Latest note</th></tr></thead>\n<tbody>\n");
        for action in &report.closed_since {
            let _ = writeln!(
                s,
                "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td></tr>",
                h(&action.entry.action.id.0),
                h(&action.entry.action.text),
                action.state.status,
                h(action.state.note.unwrap_or(""))
            );
        }
        s.push_str("</tbody>\n</table>\n");
    }
    s.push_str("</section>\n");

    s.push_str("<section aria-labelledby=\"decisions\">\n<h2 id=\"decisions\">Decisions at the last meeting</h2>\n");
    if report.latest_decisions.is_empty() {
        s.push_str("<p>None.</p>\n");
    } else {
        s.push_str("<table id=\"decisions-table\">\n<thead><tr><th scope=\"col\">Item</th><th scope=\"col\">Decision</th></tr></thead>\n<tbody>\n");
        for (item, decision) in &report.latest_decisions {
            let _ = writeln!(
                s,
                "<tr><th scope=\"row\">{} {}</th><td>{}</td></tr>",
                h(&item.number),
                h(&item.title),
                h(&decision.text)
            );
        }
        s.push_str("</tbody>\n</table>\n");
    }
    s.push_str("</section>\n");

    s.push_str("<section aria-labelledby=\"attendance\">\n<h2 id=\"attendance\">Attendance</h2>\n<table id=\"attendance-table\">\n<caption>P present, A apologies, X absent, I in attendance; the rate is present ÷ meetings as a member</caption>\n<thead><tr><th scope=\"col\">Name</th>");
    for meeting in &register.meetings {
        let _ = write!(s, "<th scope=\"col\">{}</th>", meeting.date);
    }
    s.push_str("<th scope=\"col\">Rate</th></tr></thead>\n<tbody>\n");
    for row in register.rows.iter().filter(|r| r.group == Group::Member) {
        let _ = write!(s, "<tr><th scope=\"row\">{}</th>", h(&row.name));
        for mark in &row.marks {
            let _ = write!(s, "<td class=\"mark\">{}</td>", mark.letter());
        }
        let _ = writeln!(s, "<td>{}</td></tr>", percent(row.rate));
    }
    s.push_str("</tbody>\n</table>\n</section>\n</main>\n</body>\n</html>\n");
    s
}

/// Open and overdue actions per owner as horizontal bars, with the numbers
/// written beside them so that nothing depends on colour.
fn chart(report: &Report) -> String {
    const ROW: usize = 24;
    const LABEL: usize = 190;
    const WIDTH: usize = 640;
    let rows: Vec<(&str, usize, usize)> = report
        .by_owner
        .iter()
        .map(|g| (g.owner.as_str(), g.actions.len(), g.overdue()))
        .collect();
    if rows.is_empty() {
        return "<p>No open actions.</p>\n".to_string();
    }
    let most = rows.iter().map(|r| r.1).max().unwrap_or(1).max(1);
    // Room on the right for the words "12 open, 12 overdue".
    let scale = (WIDTH - LABEL - 150) as f64 / most as f64;
    let height = rows.len() * ROW + 10;
    let mut s = format!(
        "<figure>\n<svg role=\"img\" aria-labelledby=\"chart-title\" width=\"{WIDTH}\" height=\"{height}\" viewBox=\"0 0 {WIDTH} {height}\" xmlns=\"http://www.w3.org/2000/svg\" font-family=\"system-ui, Arial, sans-serif\" font-size=\"12\">\n<title id=\"chart-title\">Open actions per owner; the darker red part of each bar is overdue</title>\n"
    );
    for (at, (owner, open, overdue)) in rows.iter().enumerate() {
        let y = at * ROW + 4;
        let open_width = (*open as f64 * scale).round();
        let overdue_width = (*overdue as f64 * scale).round();
        let _ = writeln!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"#1a1a1a\">{}</text>\
<rect x=\"{LABEL}\" y=\"{y}\" width=\"{open_width}\" height=\"16\" fill=\"#1f4e79\"/>\
<rect x=\"{LABEL}\" y=\"{y}\" width=\"{overdue_width}\" height=\"16\" fill=\"#a61b1b\"/>\
<text x=\"{}\" y=\"{}\" fill=\"#1a1a1a\">{open} open, {overdue} overdue</text>",
            LABEL - 8,
            y + 12,
            h(owner),
            LABEL as f64 + open_width + 6.0,
            y + 12
        );
    }
    s.push_str("</svg>\n<figcaption class=\"key\">Bars: <span style=\"background:#1f4e79\"></span>open <span style=\"background:#a61b1b\"></span>of which overdue</figcaption>\n</figure>\n");
    s
}
