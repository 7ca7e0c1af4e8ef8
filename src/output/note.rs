//! `minutes show`: one note's model, as JSON or as a canonical Markdown note
//! that parses back to the same model.

use std::io::{self, Write};

use serde::Serialize;
use serde_yaml::{Mapping, Value};

use super::json;
use crate::model::{
    Action, ActionUpdate, Decision, Declaration, Exempt, Item, Meeting, MotionKind, Outcome,
    Person, SCHEMA_VERSION, Unanimity, Vote,
};
use crate::parse::people::parse_person;

#[derive(Serialize)]
struct Document<'a> {
    schema_version: u32,
    #[serde(flatten)]
    meeting: &'a Meeting,
}

pub fn write_json(meeting: &Meeting, out: &mut dyn Write) -> io::Result<()> {
    json::render(
        &Document {
            schema_version: SCHEMA_VERSION,
            meeting,
        },
        out,
    )
}

/// The YAML of a front-matter mapping. A `time` is always quoted: YAML 1.1
/// readers (PyYAML, many editors' plugins) read `time: 10:00` as 600
/// minutes, though the YAML 1.2 serializer sees no need for quotes.
pub fn front_matter_yaml(front: &Mapping) -> Result<String, serde_yaml::Error> {
    let yaml = serde_yaml::to_string(front)?;
    let Some(time) = front.get("time").and_then(Value::as_str) else {
        return Ok(yaml);
    };
    let quoted = serde_json::to_string(time).unwrap_or_else(|_| format!("{time:?}"));
    let mut text = String::with_capacity(yaml.len() + 2);
    let mut in_time = false;
    for line in yaml.split_inclusive('\n') {
        if line.starts_with("time:") {
            // A JSON string is a YAML double-quoted scalar, on one line.
            text.push_str(&format!("time: {quoted}\n"));
            in_time = true;
        } else if in_time && line.starts_with(' ') {
            // The rest of a block scalar the serializer spread over lines.
        } else {
            in_time = false;
            text.push_str(line);
        }
    }
    Ok(text)
}

/// The note as Markdown that reads back to the same model.
pub fn write_markdown(meeting: &Meeting, out: &mut dyn Write) -> io::Result<()> {
    write_note(meeting, false, out)
}

/// As `write_markdown`, with every action's ID written as a pin (`{#ID}`):
/// `minutes show`, where the IDs are what a reader is looking for. The
/// note reads back to the same actions with the same IDs, each pinned.
pub fn write_markdown_with_ids(meeting: &Meeting, out: &mut dyn Write) -> io::Result<()> {
    write_note(meeting, true, out)
}

fn write_note(meeting: &Meeting, ids: bool, out: &mut dyn Write) -> io::Result<()> {
    let yaml = front_matter_yaml(&front_matter(meeting)).map_err(io::Error::other)?;
    write!(out, "---\n{yaml}---\n")?;
    for item in &meeting.items {
        if item.number != "0" {
            writeln!(
                out,
                "\n## {}. {}{}",
                item.number,
                item.title,
                exempt_mark(item)
            )?;
        }
        for declaration in &item.declarations {
            // Paragraphs: each is read on its own, whatever list follows.
            writeln!(out, "\n{}", declaration_line(declaration, &item.number))?;
        }
        if !item.decisions.is_empty() {
            writeln!(out)?;
        }
        for decision in &item.decisions {
            writeln!(out, "- {}", decision_line(decision))?;
        }
        if !item.actions.is_empty() {
            writeln!(out)?;
        }
        for action in &item.actions {
            // `*` bullets, so that actions never merge into the decision list above.
            let mut line = action_line(action);
            if ids && !action.pinned {
                line.push_str(&format!(" {{#{}}}", action.id));
            }
            writeln!(out, "* {line}")?;
        }
        if !item.updates.is_empty() {
            writeln!(out)?;
        }
        for update in &item.updates {
            // `+` bullets: a list of their own.
            writeln!(out, "+ {}", update_line(update))?;
        }
    }
    Ok(())
}

fn front_matter(meeting: &Meeting) -> Mapping {
    let mut map = Mapping::new();
    let mut put = |key: &str, value: Value| {
        map.insert(Value::from(key), value);
    };
    put("meeting", Value::from(meeting.meeting.as_str()));
    put("date", Value::from(meeting.date.to_string()));
    let optional_text = [("time", &meeting.time), ("location", &meeting.location)];
    for (key, value) in optional_text {
        if let Some(value) = value {
            put(key, Value::from(value.as_str()));
        }
    }
    for (key, person) in [
        ("chair", &meeting.chair),
        ("minutes_by", &meeting.minutes_by),
    ] {
        if let Some(person) = person {
            put(key, person_value(person));
        }
    }
    for (key, people) in meeting.people_lists() {
        if !people.is_empty() {
            put(
                key,
                Value::Sequence(people.iter().map(person_value).collect()),
            );
        }
    }
    if let Some(next) = meeting.next_meeting {
        put("next_meeting", Value::from(next.to_string()));
    }
    if let Some(status) = meeting.status {
        put(
            "status",
            serde_yaml::to_value(status).unwrap_or(Value::Null),
        );
    }
    if !meeting.tags.is_empty() {
        put(
            "tags",
            Value::Sequence(
                meeting
                    .tags
                    .iter()
                    .map(|t| Value::from(t.as_str()))
                    .collect(),
            ),
        );
    }
    for (key, value) in &meeting.extra {
        put(key, value.clone());
    }
    map
}

/// A person as the one-line string people write, unless that string would
/// read back differently (an org that starts like a role), then as a mapping.
pub fn person_value(person: &Person) -> Value {
    let text = person.as_written();
    let same = parse_person(&text, person.line).is_some_and(|back| back == *person);
    if same {
        return Value::from(text);
    }
    let mut map = Mapping::new();
    map.insert("name".into(), person.name.as_str().into());
    let fields = [
        ("title", &person.title),
        ("org", &person.org),
        ("role", &person.role),
        ("initials", &person.initials),
    ];
    for (key, value) in fields {
        if let Some(value) = value {
            map.insert(key.into(), value.as_str().into());
        }
    }
    Value::Mapping(map)
}

/// `[x] ID Owners: text (due …) — note`, the update syntax.
pub fn update_line(update: &ActionUpdate) -> String {
    let mut line = format!("{} {}", update.status.checkbox(), update.action);
    let owners = owners_text(&update.owners, update.assigned_to_all);
    match (owners.is_empty(), update.text.is_empty()) {
        (true, true) => {}
        (true, false) => line.push_str(&format!(" {}", update.text)),
        (false, _) => line.push_str(&format!(" {owners}: {}", update.text)),
    }
    push_due(&mut line, update.due, update.due_written.as_deref());
    if let Some(note) = &update.note {
        line.push_str(&format!(" — {note}"));
    }
    line.trim_end().to_string()
}

fn owners_text(owners: &[Person], assigned_to_all: bool) -> String {
    if assigned_to_all {
        return "All".to_string();
    }
    owners
        .iter()
        .map(Person::as_written)
        .collect::<Vec<_>>()
        .join(", ")
}

fn push_due(line: &mut String, due: Option<chrono::NaiveDate>, written: Option<&str>) {
    match (written, due) {
        (Some(written), _) => line.push_str(&format!(" (due {written})")),
        (None, Some(due)) => line.push_str(&format!(" (due {due})")),
        (None, None) => {}
    }
}

/// ` (exempt)` or ` (exempt: REASON)` after an exempt item's title.
fn exempt_mark(item: &Item) -> String {
    match &item.exempt {
        None => String::new(),
        Some(Exempt { reason: None }) => " (exempt)".to_string(),
        Some(Exempt {
            reason: Some(reason),
        }) => format!(" (exempt: {reason})"),
    }
}

/// `Declaration: PERSON — KIND: DETAIL; for item N; left the room`, the
/// item named only when it is not `under`, the one it is written in.
pub fn declaration_line(declaration: &Declaration, under: &str) -> String {
    let mut line = format!("Declaration: {}", declaration.person.as_written());
    let mut parts = Vec::new();
    let said = match (declaration.kind, declaration.detail.is_empty()) {
        (Some(kind), true) => kind.as_str().to_string(),
        (Some(kind), false) => format!("{}: {}", kind.as_str(), declaration.detail),
        (None, _) => declaration.detail.clone(),
    };
    if !said.is_empty() {
        parts.push(said);
    }
    if declaration.item != under {
        parts.push(format!("for item {}", declaration.item));
    }
    if declaration.left_room {
        parts.push("left the room".to_string());
    }
    if !parts.is_empty() {
        line.push_str(" — ");
        line.push_str(&parts.join("; "));
    }
    line
}

/// `Agreed: TEXT (RECORD)`, with the label its outcome and kind call for.
pub fn decision_line(decision: &Decision) -> String {
    let label = match (decision.motion, decision.outcome) {
        (MotionKind::Motion, Outcome::Carried) => "Agreed",
        (MotionKind::Motion, Outcome::Lost) => "Lost",
        (MotionKind::Amendment, Outcome::Carried) => "Amendment carried",
        (MotionKind::Amendment, Outcome::Lost) => "Amendment lost",
    };
    let mut line = format!("{label}: {}", decision.text);
    if let Some(vote) = &decision.vote {
        let record = vote_record(vote);
        if !record.is_empty() {
            line.push_str(&format!(" ({record})"));
        }
    }
    line
}

/// The record of a vote as docs/format.md writes it: `proposed by A,
/// seconded by B; for 7, against 2, abstained 1; for: C; against: D`.
pub fn vote_record(vote: &Vote) -> String {
    let mut parts = Vec::new();
    let movers: Vec<String> = [
        ("proposed by", &vote.proposer),
        ("seconded by", &vote.seconder),
    ]
    .into_iter()
    .filter_map(|(what, who)| who.as_ref().map(|p| format!("{what} {}", p.as_written())))
    .collect();
    if !movers.is_empty() {
        parts.push(movers.join(", "));
    }
    let counts: Vec<String> = [
        ("for", vote.counts.yes),
        ("against", vote.counts.no),
        ("abstained", vote.counts.abstain),
    ]
    .into_iter()
    .filter_map(|(side, n)| n.map(|n| format!("{side} {n}")))
    .collect();
    if !counts.is_empty() {
        parts.push(counts.join(", "));
    }
    match vote.unanimity {
        Some(Unanimity::Unanimous) => parts.push("carried unanimously".to_string()),
        Some(Unanimity::NemCon) => parts.push("nem con".to_string()),
        None => {}
    }
    for (side, people) in [
        ("for", &vote.voted_for),
        ("against", &vote.voted_against),
        ("abstained", &vote.abstained),
    ] {
        if !people.is_empty() {
            parts.push(format!("{side}: {}", owners_text(people, false)));
        }
    }
    parts.join("; ")
}

/// `[ ] Owners: text (due …) {#ID}`.
pub fn action_line(action: &Action) -> String {
    let mut line = format!("{} ", action.status.checkbox());
    let owners = owners_text(&action.owners, action.assigned_to_all);
    if !owners.is_empty() {
        line.push_str(&format!("{owners}: "));
    }
    line.push_str(&action.text);
    push_due(&mut line, action.due, action.due_written.as_deref());
    if action.pinned {
        line.push_str(&format!(" {{#{}}}", action.id));
    }
    line.trim_end().to_string()
}
