//! Putting the body's elements into agenda items, and giving actions their
//! IDs, owners and due dates.

use std::path::Path;

use chrono::NaiveDate;

use super::action_line::{DueText, RawAction, RawUpdate};
use super::body::Element;
use super::declaration::RawDeclaration;
use super::people::Owners;
use crate::model::{
    Action, ActionId, ActionUpdate, Decision, Declaration, Exempt, Item, MotionKind, Outcome,
    Person,
};
use crate::problem::{Problem, ProblemKind};

static_regex!(
    EXEMPT,
    r"(?i)\s*\(\s*exempt\s*(?:[:\-–—]\s*([^()]*?))?\s*\)\s*$"
);
static_regex!(
    ITEM_NUMBER,
    r"^(?i:item\s+)?(\d+[a-zA-Z]?(?:\.\d+)*[a-zA-Z]?)(?:[.):]\s*|\s+|$)(.*)$"
);

/// What the items need from the front matter.
pub struct Context<'a> {
    pub path: &'a Path,
    pub date: NaiveDate,
    pub next_meeting: Option<NaiveDate>,
    pub body_line: usize,
}

/// Groups `elements` into items. The item level is the shallowest heading
/// level used, not counting a single leading `#` title; deeper headings are
/// sections of their item; what comes before the first item is item `0`,
/// kept only when it holds decisions or actions.
pub fn assemble(
    elements: Vec<Element>,
    context: &Context,
    problems: &mut Vec<Problem>,
) -> Vec<Item> {
    let title_at = title_position(&elements);
    let item_level = elements
        .iter()
        .enumerate()
        .filter(|(at, _)| Some(*at) != title_at)
        .filter_map(|(_, e)| match e {
            Element::Heading { level, .. } => Some(*level),
            _ => None,
        })
        .min();

    let mut items = Vec::new();
    let mut current = Item {
        number: "0".to_string(),
        title: "Preamble".to_string(),
        line: context.body_line,
        numbered: false,
        decisions: Vec::new(),
        actions: Vec::new(),
        updates: Vec::new(),
        declarations: Vec::new(),
        exempt: None,
    };
    let mut raw_actions: Vec<RawAction> = Vec::new();
    let mut position = 0;
    // Actions already numbered under each item number: a number written
    // twice (`## 2` … `## 2`) continues the count, so IDs never repeat.
    let mut counted: Vec<(String, usize)> = Vec::new();
    for (at, element) in elements.into_iter().enumerate() {
        match element {
            Element::Heading { level, text, line } => {
                if Some(at) == title_at || Some(level) != item_level {
                    continue;
                }
                position += 1;
                let (text, exempt) = exempt_mark(text);
                let (number, title, numbered) = match written_number(&text) {
                    Some((number, title)) => (number, title, true),
                    None => (position.to_string(), text, false),
                };
                let next = Item {
                    number,
                    title,
                    line,
                    numbered,
                    decisions: Vec::new(),
                    actions: Vec::new(),
                    updates: Vec::new(),
                    declarations: Vec::new(),
                    exempt,
                };
                let done = std::mem::replace(&mut current, next);
                finish(
                    done,
                    std::mem::take(&mut raw_actions),
                    context,
                    problems,
                    &mut items,
                    &mut counted,
                );
            }
            Element::Decision {
                text,
                line,
                outcome,
                motion,
            } => current
                .decisions
                .push(decision(&text, line, outcome, motion, context)),
            Element::Declaration(raw) => {
                let declarations = declarations(raw, &current.number);
                current.declarations.extend(declarations);
            }
            Element::Action(action) => raw_actions.push(action),
            Element::Update(update) => {
                let update = resolve_update(update, context, problems);
                current.updates.push(update);
            }
        }
    }
    finish(
        current,
        raw_actions,
        context,
        problems,
        &mut items,
        &mut counted,
    );
    items
}

/// A heading without its `(exempt)` or `(exempt: REASON)` mark, and the mark.
fn exempt_mark(heading: String) -> (String, Option<Exempt>) {
    let Some(caps) = EXEMPT.captures(&heading) else {
        return (heading, None);
    };
    let reason = caps
        .get(1)
        .map(|m| m.as_str().trim().to_string())
        .filter(|r| !r.is_empty());
    let start = caps.get(0).map_or(heading.len(), |m| m.start());
    let title = heading
        .get(..start)
        .unwrap_or(&heading)
        .trim_end()
        .to_string();
    (title, Some(Exempt { reason }))
}

/// A decision with its vote record taken off its text, the outcome the
/// record states (over the label's), and the minutes it approves.
fn decision(
    text: &str,
    line: usize,
    outcome: Outcome,
    motion: MotionKind,
    context: &Context,
) -> Decision {
    let split = super::motion::split_record(text, line);
    let approves = super::approval::approves(&split.text, context.date);
    Decision {
        text: split.text,
        line,
        outcome: split.outcome.unwrap_or(outcome),
        motion,
        vote: split.vote.map(Box::new),
        approves,
    }
}

/// One declaration for each person it names, about the item it names or
/// else the one it is written under.
fn declarations(raw: RawDeclaration, under: &str) -> Vec<Declaration> {
    let item = raw.for_item.unwrap_or_else(|| under.to_string());
    raw.people
        .into_iter()
        .map(|person| Declaration {
            person,
            kind: raw.kind,
            detail: raw.detail.clone(),
            item: item.clone(),
            left_room: raw.left_room,
            line: raw.line,
        })
        .collect()
}

/// The index of a lone `#` heading that opens the body, which titles the
/// note rather than being an item.
fn title_position(elements: &[Element]) -> Option<usize> {
    let mut headings = elements.iter().enumerate().filter_map(|(at, e)| match e {
        Element::Heading { level, .. } => Some((at, *level)),
        _ => None,
    });
    let (first_at, first_level) = headings.next()?;
    let more_h1 = headings.any(|(_, level)| level == 1);
    (first_level == 1 && !more_h1).then_some(first_at)
}

/// `3. Title`, `3 Title`, `3) Title`, `Item 3: Title` give `3`; `2a`, `4.1`
/// are kept as written. `None` for an unnumbered heading.
pub fn written_number(heading: &str) -> Option<(String, String)> {
    let caps = ITEM_NUMBER.captures(heading)?;
    Some((
        caps.get(1)?.as_str().to_string(),
        caps.get(2)?.as_str().trim().to_string(),
    ))
}

fn finish(
    mut item: Item,
    raw_actions: Vec<RawAction>,
    context: &Context,
    problems: &mut Vec<Problem>,
    items: &mut Vec<Item>,
    numbered: &mut Vec<(String, usize)>,
) {
    let before = match numbered.iter_mut().find(|(n, _)| *n == item.number) {
        Some((_, count)) => {
            let before = *count;
            *count += raw_actions.len();
            before
        }
        None => {
            numbered.push((item.number.clone(), raw_actions.len()));
            0
        }
    };
    item.actions = raw_actions
        .into_iter()
        .enumerate()
        .map(|(at, raw)| action(raw, &item.number, before + at + 1, context, problems))
        .collect();
    let is_empty_preamble = item.number == "0"
        && item.decisions.is_empty()
        && item.actions.is_empty()
        && item.declarations.is_empty()
        && items.is_empty();
    if !is_empty_preamble {
        items.push(item);
    }
}

fn resolve_owners(owners: Option<Owners>) -> (Vec<Person>, bool) {
    match owners {
        // Not copied: `State` reads everyone present from the meeting itself.
        Some(Owners::All) => (Vec::new(), true),
        Some(Owners::People(people)) => (people, false),
        None => (Vec::new(), false),
    }
}

/// A due date as written: `next meeting` resolves to the note's
/// `next_meeting`; a date that is not real is reported and left out.
fn resolve_due(
    due: Option<DueText>,
    line: usize,
    context: &Context,
    problems: &mut Vec<Problem>,
) -> (Option<NaiveDate>, Option<String>) {
    match due {
        None => (None, None),
        Some(DueText::Date(date)) => (Some(date), None),
        Some(DueText::NextMeeting) => (context.next_meeting, Some("next meeting".to_string())),
        Some(DueText::Invalid(text)) => {
            let mut problem = Problem::error(
                ProblemKind::DateInvalid,
                context.path,
                line,
                format!(
                    "due date `{text}` is not a real date (expected YYYY-MM-DD); it is left out"
                ),
            );
            problem.help =
                super::dates::suggest_iso(&text).map(|iso| format!("write `(due {iso})`"));
            problems.push(problem.with_needle(text.clone()));
            (None, Some(text))
        }
    }
}

fn resolve_update(raw: RawUpdate, context: &Context, problems: &mut Vec<Problem>) -> ActionUpdate {
    let (owners, assigned_to_all) = resolve_owners(raw.owners);
    let (due, due_written) = resolve_due(raw.due, raw.line, context, problems);
    ActionUpdate {
        action: ActionId(raw.target),
        status: raw.status,
        owners,
        assigned_to_all,
        text: raw.text,
        due,
        due_written,
        note: raw.note,
        line: raw.line,
    }
}

fn action(
    raw: RawAction,
    item: &str,
    ordinal: usize,
    context: &Context,
    problems: &mut Vec<Problem>,
) -> Action {
    let (owners, assigned_to_all) = resolve_owners(raw.owners);
    let (due, due_written) = resolve_due(raw.due, raw.line, context, problems);
    let (id, pinned) = match raw.pinned_id {
        Some(pinned) => (ActionId(pinned), true),
        None => (ActionId::derived(context.date, item, ordinal), false),
    };
    Action {
        id,
        pinned,
        owners,
        assigned_to_all,
        text: raw.text,
        due,
        due_written,
        status: raw.status,
        item: item.to_string(),
        line: raw.line,
    }
}

#[cfg(test)]
mod tests {
    use super::written_number;

    #[test]
    fn item_numbers_as_written() {
        let cases = [
            ("3. Common customer cohorts", "3", "Common customer cohorts"),
            ("3 Common customer cohorts", "3", "Common customer cohorts"),
            ("3) Common", "3", "Common"),
            ("Item 3: Common", "3", "Common"),
            ("2a. CSR10", "2a", "CSR10"),
            ("4.1 Budget", "4.1", "Budget"),
        ];
        for (heading, number, title) in cases {
            let expected = Some((number.to_string(), title.to_string()));
            assert_eq!(written_number(heading), expected, "{heading}");
        }
        assert_eq!(written_number("Any other business"), None);
    }
}
