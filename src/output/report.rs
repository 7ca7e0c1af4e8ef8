//! `minutes report`: Markdown to paste into a board paper, or one
//! self-contained HTML page (inline CSS and SVG, no scripts, no fetches)
//! that reads well on screen and prints on A4.

use std::fmt::Write as _;
use std::io::{self, Write};

use chrono::NaiveDate;

use super::markdown::escape as md;
use super::{Kind, Sheet};
use crate::model::{Exempt, InterestKind, Meeting, NoteStatus};
use crate::query::attendance::{Group, Register};
use crate::query::report::{Report, ReportAction};

/// Who the report is for: the board (every item, exempt ones marked), or
/// the public (exempt items reduced to their heading and reason).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    Board,
    Public,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// Markdown, to paste into a board paper
    Markdown,
    /// One self-contained HTML page, printable on A4
    Html,
    /// An Excel workbook, a sheet a table (with --out, or redirected to a file)
    Xlsx,
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
    rate.map(super::attendance::percent).unwrap_or_default()
}

pub fn write(
    report: &Report,
    register: &Register,
    format: ReportFormat,
    audience: Audience,
    out: &mut dyn Write,
) -> io::Result<()> {
    let text = match format {
        ReportFormat::Markdown => markdown(report, register, audience),
        ReportFormat::Html => html(report, register, audience),
        ReportFormat::Xlsx => return super::xlsx::write(&sheets(report, register, audience), out),
    };
    out.write_all(text.as_bytes())
}

/// The exempt mark of the item an action was raised under.
fn action_exempt<'a>(action: &ReportAction<'a>) -> Option<&'a Exempt> {
    let entry = action.entry;
    entry
        .meeting
        .item(&entry.action.item)
        .and_then(|item| item.exempt.as_ref())
}

/// What the audience may read of an action: `None` for the public when its
/// item is exempt; for the board, whether to mark it.
fn shown(action: &ReportAction, audience: Audience) -> Option<bool> {
    match (action_exempt(action), audience) {
        (Some(_), Audience::Public) => None,
        (exempt, _) => Some(exempt.is_some()),
    }
}

/// `exempt` or `exempt: REASON`.
fn exempt_label(exempt: &Exempt) -> String {
    match &exempt.reason {
        Some(reason) => format!("exempt: {reason}"),
        None => "exempt".to_string(),
    }
}

/// `approved on DATE`, `approved (front matter)` or `awaiting approval`.
fn approval_text(meeting: &Meeting, approved_on: Option<NaiveDate>) -> String {
    match (approved_on, meeting.status) {
        (Some(date), _) => format!("approved on {}", long(date)),
        (None, Some(NoteStatus::Approved)) => "approved (front matter)".to_string(),
        (None, _) => "awaiting approval".to_string(),
    }
}

/// One row of the decisions of the latest meeting: item, decision,
/// outcome and vote; for the public, an exempt item's decisions are one
/// row saying so.
struct DecisionRow {
    item: String,
    text: String,
    outcome: String,
    vote: String,
}

fn decision_rows(report: &Report, audience: Audience) -> Vec<DecisionRow> {
    let mut rows: Vec<DecisionRow> = Vec::new();
    let mut withheld: Vec<&str> = Vec::new();
    for ((item, decision), names) in report.latest_decisions.iter().zip(
        report
            .latest_vote_names
            .iter()
            .map(Option::as_ref)
            .chain(std::iter::repeat(None)),
    ) {
        let heading = format!("{} {}", item.number, item.title);
        match (&item.exempt, audience) {
            (Some(exempt), Audience::Public) => {
                if !withheld.contains(&item.number.as_str()) {
                    withheld.push(&item.number);
                    rows.push(DecisionRow {
                        item: format!("{heading} ({})", exempt_label(exempt)),
                        text: "Not for publication.".to_string(),
                        outcome: String::new(),
                        vote: String::new(),
                    });
                }
            }
            (exempt, _) => rows.push(DecisionRow {
                item: match exempt {
                    Some(exempt) => format!("{heading} ({})", exempt_label(exempt)),
                    None => heading,
                },
                text: decision.text.clone(),
                outcome: super::decisions::outcome_label(decision),
                vote: decision
                    .vote
                    .as_deref()
                    .map(|vote| super::decisions::vote_label(vote, names))
                    .unwrap_or_default(),
            }),
        }
    }
    rows
}

/// One declaration of the latest meeting.
struct DeclarationRow<'a> {
    person: String,
    kind: &'static str,
    detail: &'a str,
    item: &'a str,
    left_room: &'static str,
}

fn declaration_rows<'a>(report: &Report<'a>) -> Vec<DeclarationRow<'a>> {
    report
        .latest_declarations
        .iter()
        .map(|declaration| DeclarationRow {
            person: declaration.person.display_name(),
            kind: declaration.kind.map_or("unspecified", InterestKind::as_str),
            detail: &declaration.detail,
            item: &declaration.item,
            left_room: if declaration.left_room { "yes" } else { "no" },
        })
        .collect()
}

fn markdown(report: &Report, register: &Register, audience: Audience) -> String {
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
    if audience == Audience::Public {
        s.push_str("Published version: items taken in private (exempt) are shown by their heading and reason only, and their actions are not in the figures or tables.\n\n");
    }
    s.push_str("## Headline figures\n\n| Measure | Number |\n| --- | --- |\n");
    for (label, value) in headline(report, audience) {
        let _ = writeln!(s, "| {label} | {value} |");
    }
    s.push_str("\n## Open actions by owner\n\nOverdue actions come first and are marked **(overdue)**.\n\n");
    s.push_str("| Owner | ID | Action | Due | Status | Latest note |\n| --- | --- | --- | --- | --- | --- |\n");
    for group in &report.by_owner {
        for action in &group.actions {
            let Some(exempt) = shown(action, audience) else {
                continue;
            };
            let mut due = md(&due_text(action));
            if action.overdue {
                due = format!("**{due} (overdue)**");
            }
            let mark = if exempt { " (exempt)" } else { "" };
            let _ = writeln!(
                s,
                "| {} | {} | {}{mark} | {due} | {} | {} |",
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
            let Some(exempt) = shown(action, audience) else {
                continue;
            };
            let mark = if exempt { " (exempt)" } else { "" };
            let _ = writeln!(
                s,
                "| {} | {}{mark} | {} | {} |",
                md(&action.entry.action.id.0),
                md(&action.entry.action.text),
                action.state.status,
                md(action.state.note.unwrap_or(""))
            );
        }
    }
    s.push_str("\n## Decisions at the last meeting\n\n");
    let decisions = decision_rows(report, audience);
    if decisions.is_empty() {
        s.push_str("None.\n");
    } else {
        s.push_str("| Item | Decision | Outcome | Vote |\n| --- | --- | --- | --- |\n");
        for row in &decisions {
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} |",
                md(&row.item),
                md(&row.text),
                md(&row.outcome),
                md(&row.vote)
            );
        }
    }
    s.push_str("\n## Declarations of interest at the last meeting\n\n");
    let declarations = declaration_rows(report);
    if declarations.is_empty() {
        s.push_str("None.\n");
    } else {
        s.push_str("| Member | Kind | Interest | Item | Left the room |\n| --- | --- | --- | --- | --- |\n");
        for row in &declarations {
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} | {} |",
                md(&row.person),
                row.kind,
                md(row.detail),
                md(row.item),
                row.left_room
            );
        }
    }
    s.push_str("\n## Approval of minutes\n\n| Meeting | Minutes |\n| --- | --- |\n");
    for (meeting, approved_on) in report.meetings.iter().zip(&report.approved_on) {
        let _ = writeln!(
            s,
            "| {} | {} |",
            long(meeting.date),
            approval_text(meeting, *approved_on)
        );
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

/// The figures at the top; for the public, without the actions of exempt
/// items, which its tables leave out too.
fn headline(report: &Report, audience: Audience) -> Vec<(&'static str, usize)> {
    let actions = match audience {
        Audience::Public => report.actions.without(report.exempt_actions),
        Audience::Board => report.actions,
    };
    vec![
        ("Meetings held", report.meetings.len()),
        ("Decisions made", report.decisions_made),
        ("Actions raised", actions.raised),
        ("Actions done", actions.done),
        ("Actions dropped", actions.dropped),
        ("Actions open", actions.open),
        ("Actions overdue", actions.overdue),
    ]
}

/// The HTML page: templates/report.html, filled with the values below
/// (askama escapes each one for HTML).
#[derive(askama::Template)]
#[template(path = "report.html")]
struct HtmlReport<'a> {
    title: String,
    series: &'a str,
    date: String,
    latest: Option<String>,
    figures: Vec<(&'static str, usize)>,
    chart: Option<Chart<'a>>,
    open: Vec<OpenRow<'a>>,
    closed: Vec<ClosedRow<'a>>,
    /// Each decision of the latest meeting (for the public, an exempt
    /// item's as one row saying so).
    decisions: Vec<DecisionRow>,
    declarations: Vec<DeclarationRow<'a>>,
    /// Each meeting's date and the approval of its minutes.
    approvals: Vec<(String, String)>,
    public: bool,
    meeting_dates: Vec<NaiveDate>,
    members: Vec<MemberRow<'a>>,
}

struct OpenRow<'a> {
    owner: &'a str,
    id: &'a str,
    text: &'a str,
    exempt: bool,
    due: String,
    overdue: bool,
    status: String,
    note: &'a str,
}

struct ClosedRow<'a> {
    id: &'a str,
    text: &'a str,
    exempt: bool,
    status: String,
    note: &'a str,
}

struct MemberRow<'a> {
    name: &'a str,
    marks: Vec<&'static str>,
    rate: String,
}

/// The open actions by owner, as the audience may read them.
fn open_rows<'a>(report: &'a Report, audience: Audience) -> Vec<OpenRow<'a>> {
    report
        .by_owner
        .iter()
        .flat_map(|group| {
            group
                .actions
                .iter()
                .filter_map(move |action| Some((group, action, shown(action, audience)?)))
        })
        .map(|(group, action, exempt)| OpenRow {
            owner: &group.owner,
            id: &action.entry.action.id.0,
            text: &action.entry.action.text,
            exempt,
            due: due_text(action),
            overdue: action.overdue,
            status: action.state.status.to_string(),
            note: action.state.note.unwrap_or(""),
        })
        .collect()
}

/// The actions closed since the last meeting, as the audience may read them.
fn closed_rows<'a>(report: &'a Report, audience: Audience) -> Vec<ClosedRow<'a>> {
    report
        .closed_since
        .iter()
        .filter_map(|action| Some((action, shown(action, audience)?)))
        .map(|(action, exempt)| ClosedRow {
            id: &action.entry.action.id.0,
            text: &action.entry.action.text,
            exempt,
            status: action.state.status.to_string(),
            note: action.state.note.unwrap_or(""),
        })
        .collect()
}

/// The workbook: a sheet for each of the report's tables, holding what the
/// HTML page shows to the same audience.
fn sheets(report: &Report, register: &Register, audience: Audience) -> Vec<Sheet> {
    use Kind::{Count, Date, Percent, Prose, Text};
    let yes = |flag: bool| if flag { "yes" } else { "" }.to_string();
    let figures = headline(report, audience)
        .into_iter()
        .map(|(label, n)| vec![label.to_string(), n.to_string()])
        .collect();
    let open = open_rows(report, audience)
        .into_iter()
        .map(|row| {
            vec![
                row.owner.to_string(),
                row.id.to_string(),
                row.text.to_string(),
                row.due,
                yes(row.overdue),
                row.status,
                row.note.to_string(),
                yes(row.exempt),
            ]
        })
        .collect();
    let closed = closed_rows(report, audience)
        .into_iter()
        .map(|row| {
            vec![
                row.id.to_string(),
                row.text.to_string(),
                row.status,
                row.note.to_string(),
                yes(row.exempt),
            ]
        })
        .collect();
    let decisions = decision_rows(report, audience)
        .into_iter()
        .map(|row| vec![row.item, row.text, row.outcome, row.vote])
        .collect();
    let declarations = declaration_rows(report)
        .into_iter()
        .map(|row| {
            vec![
                row.person,
                row.kind.to_string(),
                row.detail.to_string(),
                row.item.to_string(),
                row.left_room.to_string(),
            ]
        })
        .collect();
    let approvals = report
        .meetings
        .iter()
        .zip(&report.approved_on)
        .map(|(meeting, approved_on)| {
            let approved = approved_on.map(|d| d.to_string()).unwrap_or_default();
            vec![
                meeting.date.to_string(),
                approval_text(meeting, *approved_on),
                approved,
            ]
        })
        .collect();
    let mut attendance_columns: Vec<(String, Kind)> = vec![("Name".to_string(), Text)];
    attendance_columns.extend(register.meetings.iter().map(|m| (m.date.to_string(), Text)));
    attendance_columns.push(("Rate".to_string(), Percent));
    let attendance = register
        .rows
        .iter()
        .filter(|r| r.group == Group::Member)
        .map(|row| {
            std::iter::once(row.name.clone())
                .chain(row.marks.iter().map(|mark| mark.letter().to_string()))
                .chain(std::iter::once(percent(row.rate)))
                .collect()
        })
        .collect();
    vec![
        Sheet::new(
            "Headline figures",
            &[("Measure", Text), ("Number", Count)],
            figures,
        ),
        Sheet::new(
            "Open actions",
            &[
                ("Owner", Text),
                ("ID", Text),
                ("Action", Prose),
                ("Due", Date),
                ("Overdue", Text),
                ("Status", Text),
                ("Latest note", Prose),
                ("Exempt", Text),
            ],
            open,
        ),
        Sheet::new(
            "Closed since last meeting",
            &[
                ("ID", Text),
                ("Action", Prose),
                ("Status", Text),
                ("Latest note", Prose),
                ("Exempt", Text),
            ],
            closed,
        ),
        Sheet::new(
            "Decisions",
            &[
                ("Item", Prose),
                ("Decision", Prose),
                ("Outcome", Text),
                ("Vote", Prose),
            ],
            decisions,
        ),
        Sheet::new(
            "Declarations",
            &[
                ("Member", Text),
                ("Kind", Text),
                ("Interest", Prose),
                ("Item", Text),
                ("Left the room", Text),
            ],
            declarations,
        ),
        Sheet::new(
            "Approval of minutes",
            &[("Meeting", Date), ("Minutes", Text), ("Approved on", Date)],
            approvals,
        ),
        Sheet::new("Attendance", &attendance_columns, attendance),
    ]
}

fn html(report: &Report, register: &Register, audience: Audience) -> String {
    let page = HtmlReport {
        title: format!("{} – report as of {}", report.series, long(report.date)),
        series: &report.series,
        date: long(report.date),
        latest: report.latest().map(|m| long(m.date)),
        figures: headline(report, audience),
        chart: chart(report, audience),
        open: open_rows(report, audience),
        closed: closed_rows(report, audience),
        decisions: decision_rows(report, audience),
        declarations: declaration_rows(report),
        approvals: report
            .meetings
            .iter()
            .zip(&report.approved_on)
            .map(|(meeting, approved_on)| {
                (long(meeting.date), approval_text(meeting, *approved_on))
            })
            .collect(),
        public: audience == Audience::Public,
        meeting_dates: register.meetings.iter().map(|m| m.date).collect(),
        members: register
            .rows
            .iter()
            .filter(|r| r.group == Group::Member)
            .map(|row| MemberRow {
                name: &row.name,
                marks: row.marks.iter().map(|mark| mark.letter()).collect(),
                rate: percent(row.rate),
            })
            .collect(),
    };
    // Rendering writes to a String and the values' Display cannot fail.
    askama::Template::render(&page).unwrap_or_default()
}

/// Open and overdue actions per owner as horizontal bars, with the numbers
/// written beside them so that nothing depends on colour.
struct Chart<'a> {
    width: usize,
    height: usize,
    /// Where the owners' names end and the bars start.
    label_end: usize,
    bar_start: usize,
    bars: Vec<Bar<'a>>,
}

struct Bar<'a> {
    owner: &'a str,
    open: usize,
    overdue: usize,
    y: usize,
    text_y: usize,
    open_width: f64,
    overdue_width: f64,
    /// Where the words "3 open, 1 overdue" start.
    count_x: f64,
}

fn chart<'a>(report: &'a Report, audience: Audience) -> Option<Chart<'a>> {
    const ROW: usize = 24;
    const LABEL: usize = 190;
    const WIDTH: usize = 640;
    // Counted as the table shows them: for the public, without the actions
    // of exempt items.
    let counts: Vec<(&str, usize, usize)> = report
        .by_owner
        .iter()
        .map(|group| {
            let shown = group
                .actions
                .iter()
                .filter(|action| shown(action, audience).is_some());
            let (open, overdue) = shown.fold((0, 0), |(open, overdue), action| {
                (open + 1, overdue + usize::from(action.overdue))
            });
            (group.owner.as_str(), open, overdue)
        })
        .filter(|(_, open, _)| *open > 0)
        .collect();
    let most = counts.iter().map(|(_, open, _)| *open).max()?.max(1);
    // Room on the right for the words "12 open, 12 overdue".
    let scale = (WIDTH - LABEL - 150) as f64 / most as f64;
    let bars: Vec<Bar> = counts
        .into_iter()
        .enumerate()
        .map(|(at, (owner, open, overdue))| {
            let y = at * ROW + 4;
            let open_width = (open as f64 * scale).round();
            Bar {
                owner,
                open,
                overdue,
                y,
                text_y: y + 12,
                open_width,
                overdue_width: (overdue as f64 * scale).round(),
                count_x: LABEL as f64 + open_width + 6.0,
            }
        })
        .collect();
    Some(Chart {
        width: WIDTH,
        height: bars.len() * ROW + 10,
        label_end: LABEL - 8,
        bar_start: LABEL,
        bars,
    })
}
