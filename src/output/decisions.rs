//! `minutes decisions` in its formats. The JSON's motion and vote follow
//! the Popolo Motion, VoteEvent, Count and Vote shapes (docs/json.md).

use std::io::{self, Write};
use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use super::{Cell, Column, Format, Grid, Kind, Style, json, write_grid};
use crate::model::{
    Approves, Decision, MotionKind, Outcome, Person, SCHEMA_VERSION, Unanimity, Vote,
};
use crate::query::decisions::{DecisionRow, VoteNames};

/// The table's columns; a narrow terminal leaves out the file and line
/// first, then the item's title, the vote, the meeting and the item.
pub const COLUMNS: [Column; 11] = [
    Column::words("ID", 0),
    Column::words("Date", 0).holding(Kind::Date),
    Column::words("Meeting", 3),
    Column::words("Item", 2),
    Column::prose("Item title", 5),
    Column::words("Exempt", 1),
    Column::prose("Decision", 0),
    Column::words("Outcome", 0),
    Column::prose("Vote", 4),
    Column::prose("File", 6),
    Column::words("Line", 6).holding(Kind::Count),
];

pub fn write(
    rows: &[DecisionRow],
    format: Format,
    style: &Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    if format == Format::Json {
        let decisions: Vec<DecisionJson> = rows.iter().map(DecisionJson::from).collect();
        return json::render(
            &serde_json::json!({ "schema_version": SCHEMA_VERSION, "decisions": decisions }),
            out,
        );
    }
    let grid = Grid {
        columns: COLUMNS.to_vec(),
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    Cell::plain(&r.id),
                    Cell::plain(r.meeting.date.to_string()),
                    Cell::plain(&r.meeting.meeting),
                    Cell::plain(&r.item.number),
                    Cell::plain(&r.item.title),
                    Cell::plain(exempt_label(r)),
                    Cell::plain(&r.decision.text),
                    Cell {
                        text: outcome_label(r.decision),
                        alert: r.decision.outcome == Outcome::Lost,
                    },
                    Cell::plain(
                        r.decision
                            .vote
                            .as_deref()
                            .map(|vote| vote_label(vote, r.names.as_ref()))
                            .unwrap_or_default(),
                    ),
                    Cell::plain(r.meeting.path.display().to_string()),
                    Cell::plain(r.decision.line.to_string()),
                ]
            })
            .collect(),
    };
    write_grid(&grid, "Decisions", format, style, out)
}

/// `exempt`, or `exempt: REASON`; empty for an item in public.
pub fn exempt_label(row: &DecisionRow) -> String {
    match &row.item.exempt {
        None => String::new(),
        Some(exempt) => match &exempt.reason {
            Some(reason) => format!("exempt: {reason}"),
            None => "exempt".to_string(),
        },
    }
}

/// `carried`, `lost`, `amendment carried`, `amendment lost`.
pub fn outcome_label(decision: &Decision) -> String {
    match decision.motion {
        MotionKind::Motion => decision.outcome.as_str().to_string(),
        MotionKind::Amendment => format!("amendment {}", decision.outcome.as_str()),
    }
}

/// The vote as a line: `for 7, against 2, abstained 1; for: Cllr Mary
/// Hale, Cllr Tom Lamb; proposed by Cllr Mary Hale, seconded by Cllr Tom
/// Lamb`, with the names as `names` gives them, else as written.
pub fn vote_label(vote: &Vote, names: Option<&VoteNames>) -> String {
    let written = VoteNames {
        proposer: vote.proposer.as_ref().map(Person::display_name),
        seconder: vote.seconder.as_ref().map(Person::display_name),
        voted_for: vote.voted_for.iter().map(Person::display_name).collect(),
        voted_against: vote
            .voted_against
            .iter()
            .map(Person::display_name)
            .collect(),
        abstained: vote.abstained.iter().map(Person::display_name).collect(),
    };
    let names = names.unwrap_or(&written);
    let mut parts = Vec::new();
    match vote.unanimity {
        Some(Unanimity::Unanimous) => parts.push("unanimous".to_string()),
        Some(Unanimity::NemCon) => parts.push("nem con".to_string()),
        None => {}
    }
    let counts = [
        ("for", vote.counts.yes),
        ("against", vote.counts.no),
        ("abstained", vote.counts.abstain),
    ];
    let counted: Vec<String> = counts
        .iter()
        .filter_map(|(side, n)| n.map(|n| format!("{side} {n}")))
        .collect();
    if !counted.is_empty() {
        parts.push(counted.join(", "));
    }
    let sides = [
        ("for", &names.voted_for),
        ("against", &names.voted_against),
        ("abstained", &names.abstained),
    ];
    let named: Vec<String> = sides
        .iter()
        .filter(|(_, people)| !people.is_empty())
        .map(|(side, people)| format!("{side}: {}", people.join(", ")))
        .collect();
    if !named.is_empty() {
        parts.push(named.join("; "));
    }
    let movers: Vec<String> = [
        ("proposed by", &names.proposer),
        ("seconded by", &names.seconder),
    ]
    .iter()
    .filter_map(|(what, who)| who.as_ref().map(|name| format!("{what} {name}")))
    .collect();
    if !movers.is_empty() {
        parts.push(movers.join(", "));
    }
    parts.join("; ")
}

#[derive(Serialize)]
struct DecisionJson<'a> {
    id: &'a str,
    date: NaiveDate,
    meeting: &'a str,
    item: &'a str,
    item_title: &'a str,
    exempt: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    exempt_reason: Option<&'a str>,
    text: &'a str,
    outcome: Outcome,
    motion: MotionJson<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    vote_event: Option<VoteEventJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    approves: Option<&'a Approves>,
    #[serde(serialize_with = "crate::model::serialize_path")]
    file: &'a Path,
    line: usize,
}

/// A Popolo Motion: `classification`, `result` (`pass` or `fail`) and its
/// `creator` (the proposer); the seconder is ours.
#[derive(Serialize)]
struct MotionJson<'a> {
    classification: MotionKind,
    result: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    creator: Option<&'a Person>,
    /// The proposer's canonical name (as `voter_name`).
    #[serde(skip_serializing_if = "Option::is_none")]
    creator_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    seconder: Option<&'a Person>,
    #[serde(skip_serializing_if = "Option::is_none")]
    seconder_name: Option<&'a str>,
}

/// A Popolo VoteEvent: its `result`, its `counts` (`option` `yes`, `no`,
/// `abstain`, and `value`) and the `votes` cast by name.
#[derive(Serialize)]
struct VoteEventJson<'a> {
    result: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    unanimity: Option<Unanimity>,
    counts: Vec<CountJson>,
    votes: Vec<VoteJson<'a>>,
}

#[derive(Serialize)]
struct CountJson {
    option: &'static str,
    value: u32,
}

#[derive(Serialize)]
struct VoteJson<'a> {
    option: &'static str,
    voter: &'a Person,
    /// The canonical name with title of the one person the voter is, else
    /// the name as written.
    voter_name: &'a str,
}

fn popolo_result(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Carried => "pass",
        Outcome::Lost => "fail",
    }
}

impl<'a> From<&'a DecisionRow<'a>> for DecisionJson<'a> {
    fn from(row: &'a DecisionRow<'a>) -> Self {
        let decision = row.decision;
        let vote = decision.vote.as_deref();
        DecisionJson {
            id: &row.id,
            date: row.meeting.date,
            meeting: &row.meeting.meeting,
            item: &row.item.number,
            item_title: &row.item.title,
            exempt: row.item.exempt.is_some(),
            exempt_reason: row.item.exempt.as_ref().and_then(|e| e.reason.as_deref()),
            text: &decision.text,
            outcome: decision.outcome,
            motion: MotionJson {
                classification: decision.motion,
                result: popolo_result(decision.outcome),
                creator: vote.and_then(|v| v.proposer.as_ref()),
                creator_name: row.names.as_ref().and_then(|n| n.proposer.as_deref()),
                seconder: vote.and_then(|v| v.seconder.as_ref()),
                seconder_name: row.names.as_ref().and_then(|n| n.seconder.as_deref()),
            },
            vote_event: vote
                .filter(|v| v.unanimity.is_some() || !v.tally().is_empty())
                .map(|v| vote_event(v, decision.outcome, row.names.as_ref())),
            approves: decision.approves.as_ref(),
            file: &row.meeting.path,
            line: decision.line,
        }
    }
}

fn vote_event<'a>(
    vote: &'a Vote,
    outcome: Outcome,
    names: Option<&'a VoteNames>,
) -> VoteEventJson<'a> {
    let tally = vote.tally();
    let counts = [
        ("yes", tally.yes),
        ("no", tally.no),
        ("abstain", tally.abstain),
    ]
    .into_iter()
    .filter_map(|(option, value)| value.map(|value| CountJson { option, value }))
    .collect();
    let sides = [
        ("yes", &vote.voted_for, names.map(|n| &n.voted_for)),
        ("no", &vote.voted_against, names.map(|n| &n.voted_against)),
        ("abstain", &vote.abstained, names.map(|n| &n.abstained)),
    ];
    let votes = sides
        .into_iter()
        .flat_map(|(option, people, named)| {
            people.iter().enumerate().map(move |(at, voter)| VoteJson {
                option,
                voter,
                voter_name: named
                    .and_then(|n| n.get(at))
                    .map_or(voter.name.as_str(), String::as_str),
            })
        })
        .collect();
    VoteEventJson {
        result: popolo_result(outcome),
        unanimity: vote.unanimity,
        counts,
        votes,
    }
}
