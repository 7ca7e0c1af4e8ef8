//! The Markdown body: one pass over pulldown-cmark's events with their byte
//! offsets, giving the headings, decisions and actions in document order.
//! Items are put together from these afterwards (see `items.rs`), because
//! which heading level makes an item is only known once every heading is seen.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::action_line::{
    RawAction, RawUpdate, action_line, task_action, task_marker, task_update,
};
use super::declaration::{RawDeclaration, declaration};
use crate::model::{MotionKind, Outcome, Status};
use crate::source::LineIndex;

/// What the body says, in document order.
#[derive(Debug, Clone, PartialEq)]
pub enum Element {
    Heading {
        level: u8,
        text: String,
        line: usize,
    },
    Decision {
        text: String,
        line: usize,
        /// What its label says: `Lost:`, `Amendment carried:`.
        outcome: Outcome,
        motion: MotionKind,
    },
    Action(RawAction),
    Declaration(RawDeclaration),
    Update(RawUpdate),
}

static_regex!(ACTION_LINE, r"^(?i:action)\s*(?::|\s[-–—]|[-–—])\s*(.*)$");
static_regex!(
    DECISION_LABEL,
    r"^(?i:agreed|resolved|decision|decided)\s*(?::\s*(.*)|[.]?)$"
);
static_regex!(SENTENCE_LABEL, r"(?i)\b(?:agreed|resolved)\s*:$");
// Labels that say how a motion went; unlike `Agreed`, only with a colon.
static_regex!(
    OUTCOME_LABEL,
    r"^(?i:(?P<kind>motion|amendment)\s+)?(?i:(?P<carried>carried|agreed)|(?P<lost>lost|fell|defeated|not\s+agreed|not\s+carried))\s*:\s*(?P<text>.*)$"
);
/// Words an outcome label may start with, tested before the regex.
const OUTCOME_STARTS: [&str; 6] = ["motion", "amendment", "carried", "lost", "not ", "defeated"];

pub fn parse(text: &str, body_start: usize, index: &LineIndex) -> Vec<Element> {
    let body = text.get(body_start..).unwrap_or("");
    let mut walker = Walker {
        index,
        base: body_start,
        stack: Vec::new(),
        leaf: None,
        opaque_depth: 0,
        label: None,
        elements: Vec::new(),
    };
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        walker.event(event, range.start);
    }
    walker.close_leaf();
    walker.cancel_label();
    walker.elements
}

enum Frame {
    /// `of_decisions`: the list follows a label, and says what its
    /// decisions' outcome is.
    List {
        of_decisions: Option<(Outcome, MotionKind)>,
    },
    Item {
        leaves: usize,
    },
    Quote,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum LeafKind {
    Heading(u8),
    Paragraph,
}

/// A run of inline text: a heading, a paragraph, or a tight list item's text.
struct Leaf {
    kind: LeafKind,
    text: String,
    start: usize,
}

/// A paragraph that announces a list of decisions (`Agreed:`, `The Board agreed:`).
struct Label {
    /// Only the label: if no list follows, it is an empty decision.
    bare: bool,
    line: usize,
    outcome: Outcome,
    motion: MotionKind,
}

struct Walker<'a> {
    index: &'a LineIndex,
    base: usize,
    stack: Vec<Frame>,
    leaf: Option<Leaf>,
    /// Inside code blocks, HTML blocks and tables, text is not minutes.
    opaque_depth: usize,
    label: Option<Label>,
    elements: Vec<Element>,
}

impl Walker<'_> {
    fn event(&mut self, event: Event<'_>, offset: usize) {
        let offset = self.base + offset;
        match event {
            Event::Start(tag) => self.start(tag, offset),
            Event::End(tag) => self.end(tag),
            Event::Text(text) | Event::Code(text) => self.push_text(&text, offset),
            Event::SoftBreak | Event::HardBreak => {
                if let Some(leaf) = &mut self.leaf {
                    leaf.text.push(' ');
                }
            }
            Event::Rule => {
                self.close_leaf();
                self.cancel_label();
            }
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, offset: usize) {
        match tag {
            Tag::Heading { level, .. } => self.open_leaf(LeafKind::Heading(level as u8), offset),
            Tag::Paragraph => self.open_leaf(LeafKind::Paragraph, offset),
            Tag::List(_) => {
                self.close_leaf();
                let of_decisions = self.label.take().map(|label| (label.outcome, label.motion));
                self.stack.push(Frame::List { of_decisions });
            }
            Tag::Item => {
                self.close_leaf();
                self.cancel_label();
                self.stack.push(Frame::Item { leaves: 0 });
            }
            Tag::BlockQuote(_) | Tag::FootnoteDefinition(_) => {
                self.close_leaf();
                self.cancel_label();
                self.stack.push(Frame::Quote);
            }
            Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::Table(_) => {
                self.close_leaf();
                self.cancel_label();
                self.opaque_depth += 1;
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_) | TagEnd::Paragraph => self.close_leaf(),
            TagEnd::List(_) | TagEnd::Item | TagEnd::BlockQuote(_) | TagEnd::FootnoteDefinition => {
                self.close_leaf();
                self.stack.pop();
            }
            TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::Table => {
                self.opaque_depth = self.opaque_depth.saturating_sub(1);
            }
            _ => {}
        }
    }

    fn open_leaf(&mut self, kind: LeafKind, start: usize) {
        self.close_leaf();
        self.cancel_label();
        self.leaf = Some(Leaf {
            kind,
            text: String::new(),
            start,
        });
    }

    fn push_text(&mut self, text: &str, offset: usize) {
        if self.opaque_depth > 0 {
            return;
        }
        if self.leaf.is_none() {
            // A tight list item's text comes with no paragraph around it.
            self.open_leaf(LeafKind::Paragraph, offset);
        }
        if let Some(leaf) = &mut self.leaf {
            leaf.text.push_str(text);
        }
    }

    /// A label not followed by a list: a bare `Agreed:` is an empty decision
    /// (kept, so that lint can point at it); a sentence is just a sentence.
    fn cancel_label(&mut self) {
        if let Some(label) = self.label.take() {
            if label.bare {
                self.elements.push(Element::Decision {
                    text: String::new(),
                    line: label.line,
                    outcome: label.outcome,
                    motion: label.motion,
                });
            }
        }
    }

    fn close_leaf(&mut self) {
        let Some(leaf) = self.leaf.take() else {
            return;
        };
        let line = self.index.line(leaf.start);
        let text = leaf.text.trim();
        match leaf.kind {
            LeafKind::Heading(level) => self.elements.push(Element::Heading {
                level,
                text: text.to_string(),
                line,
            }),
            LeafKind::Paragraph => self.classify(text, line),
        }
    }

    /// Decides what a paragraph or list item's text is: an action, a
    /// decision, a label announcing decisions, or prose (ignored).
    fn classify(&mut self, text: &str, line: usize) {
        let first_in_item = match self.stack.last_mut() {
            Some(Frame::Item { leaves }) => {
                *leaves += 1;
                *leaves == 1
            }
            _ => false,
        };
        if first_in_item {
            if let Some((status, rest)) = task_marker(text) {
                if let Some(update) = task_update(status, rest, line) {
                    self.elements.push(Element::Update(update));
                    return;
                }
                // `- [ ] Action: OWNER — text` is written both ways at once.
                let action = match starts_like(rest, "action")
                    .then(|| ACTION_LINE.captures(rest))
                    .flatten()
                {
                    Some(inner) => {
                        action_line(status, inner.get(1).map_or("", |m| m.as_str()), line)
                    }
                    None => task_action(status, rest, line),
                };
                self.elements.push(Element::Action(action));
                return;
            }
        }
        if let Some(caps) = starts_like(text, "action")
            .then(|| ACTION_LINE.captures(text))
            .flatten()
        {
            let rest = caps.get(1).map_or("", |m| m.as_str());
            let action = action_line(Status::Open, rest, line);
            self.elements.push(Element::Action(action));
            return;
        }
        if starts_like(text, "declar") {
            if let Some(declaration) = declaration(text, line) {
                self.elements.push(Element::Declaration(declaration));
                return;
            }
        }
        let carried = (Outcome::Carried, MotionKind::Motion);
        let could_be_label = ["agreed", "resolved", "decision", "decided"]
            .iter()
            .any(|label| starts_like(text, label));
        let labelled = match could_be_label
            .then(|| DECISION_LABEL.captures(text))
            .flatten()
        {
            Some(caps) => Some((caps.get(1).map(|m| m.as_str().trim()), carried)),
            None => outcome_label(text),
        };
        if let Some((decision, (outcome, motion))) = labelled {
            match decision {
                Some(decision) if !decision.is_empty() => self.elements.push(Element::Decision {
                    text: decision.to_string(),
                    line,
                    outcome,
                    motion,
                }),
                _ => {
                    self.label = Some(Label {
                        bare: true,
                        line,
                        outcome,
                        motion,
                    })
                }
            }
            return;
        }
        if text.ends_with(':') && SENTENCE_LABEL.is_match(text) {
            self.label = Some(Label {
                bare: false,
                line,
                outcome: carried.0,
                motion: carried.1,
            });
            return;
        }
        if first_in_item && !text.is_empty() {
            if let Some((outcome, motion)) = self.decision_list() {
                self.elements.push(Element::Decision {
                    text: text.to_string(),
                    line,
                    outcome,
                    motion,
                });
            }
        }
    }

    /// When the innermost item belongs to a list that follows a label,
    /// the outcome the label gives its decisions.
    fn decision_list(&self) -> Option<(Outcome, MotionKind)> {
        let depth = self.stack.len().checked_sub(2)?;
        match self.stack.get(depth) {
            Some(Frame::List { of_decisions }) => *of_decisions,
            _ => None,
        }
    }
}

/// `Lost: …`, `Motion carried: …`, `Amendment lost:`: the text after the
/// label (`None` for a bare label) and what the label says.
type Labelled<'t> = (Option<&'t str>, (Outcome, MotionKind));

fn outcome_label(text: &str) -> Option<Labelled<'_>> {
    if !OUTCOME_STARTS.iter().any(|word| starts_like(text, word)) {
        return None;
    }
    let caps = OUTCOME_LABEL.captures(text)?;
    let outcome = if caps.name("lost").is_some() {
        Outcome::Lost
    } else {
        Outcome::Carried
    };
    let motion = match caps.name("kind") {
        Some(kind) if kind.as_str().eq_ignore_ascii_case("amendment") => MotionKind::Amendment,
        _ => MotionKind::Motion,
    };
    // `Agreed:` alone is read by the decision label, so a bare `Carried:`
    // is the only carried label without a kind that reaches here.
    let rest = caps.name("text").map(|m| m.as_str().trim());
    Some((rest.filter(|r| !r.is_empty()), (outcome, motion)))
}

/// Whether `text` starts with `word`, ignoring ASCII case: a cheap test
/// before a regex is run on every paragraph.
fn starts_like(text: &str, word: &str) -> bool {
    text.get(..word.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(word))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Person;
    use crate::parse::action_line::DueText;
    use crate::parse::people::Owners;

    fn elements(body: &str) -> Vec<Element> {
        parse(body, 0, &LineIndex::new(body))
    }

    fn actions(body: &str) -> Vec<RawAction> {
        elements(body)
            .into_iter()
            .filter_map(|e| match e {
                Element::Action(a) => Some(a),
                _ => None,
            })
            .collect()
    }

    fn decisions(body: &str) -> Vec<(String, usize)> {
        elements(body)
            .into_iter()
            .filter_map(|e| match e {
                Element::Decision { text, line, .. } => Some((text, line)),
                _ => None,
            })
            .collect()
    }

    fn owner_names(action: &RawAction) -> Vec<String> {
        match &action.owners {
            Some(Owners::People(people)) => {
                people.iter().map(|p: &Person| p.name.clone()).collect()
            }
            Some(Owners::All) => vec!["All".into()],
            None => vec![],
        }
    }

    #[test]
    fn four_checkbox_states() {
        let got = actions(
            "- [ ] A B: one\n- [x] A B: two\n- [X] A B: three\n- [-] A B: four\n- [/] A B: five\n",
        );
        let statuses: Vec<Status> = got.iter().map(|a| a.status).collect();
        assert_eq!(
            statuses,
            [
                Status::Open,
                Status::Done,
                Status::Done,
                Status::Dropped,
                Status::InProgress
            ]
        );
        assert_eq!(
            got.iter().map(|a| a.line).collect::<Vec<_>>(),
            [1, 2, 3, 4, 5]
        );
    }

    #[test]
    fn owners_text_due_and_pinned_id() {
        let got = actions(
            "- [ ] **Cllr Ann Lee (NBC)** / Bo Wu: send the report (due 2025-03-01) {#X-1}\n",
        );
        let action = &got[0];
        assert_eq!(owner_names(action), ["Ann Lee", "Bo Wu"]);
        assert_eq!(action.text, "send the report");
        assert_eq!(
            action.due,
            Some(DueText::Date(
                chrono::NaiveDate::from_ymd_opt(2025, 3, 1).unwrap()
            ))
        );
        assert_eq!(action.pinned_id.as_deref(), Some("X-1"));
    }

    #[test]
    fn due_forms() {
        let got = actions(
            "- [ ] Al Bee: a (due next meeting)\n- [ ] Al Bee: b due: 2025-01-31\n- [ ] Al Bee: c (due 31st Jan)\n",
        );
        assert_eq!(got[0].due, Some(DueText::NextMeeting));
        assert_eq!(got[1].text, "b");
        assert!(matches!(got[1].due, Some(DueText::Date(_))));
        assert_eq!(got[2].due, Some(DueText::Invalid("31st Jan".into())));
    }

    fn updates(body: &str) -> Vec<RawUpdate> {
        elements(body)
            .into_iter()
            .filter_map(|e| match e {
                Element::Update(u) => Some(u),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_task_starting_with_an_id_is_an_update() {
        let got = updates(
            "- [x] 2014-01-28/4.1 Gavin Jones: circulate the refreshed strategy — included with this agenda\n- [ ] 2014-01-28/3.1 Nicky Alberry: set up the workshop (due 2014-04-07) - booked for 7 April\n- [/] HPB-7 — under way\n- [ ] 2014-01-28/2a.2\n",
        );
        assert_eq!(got.len(), 4);
        assert_eq!(
            (got[0].target.as_str(), got[0].status),
            ("2014-01-28/4.1", Status::Done)
        );
        assert_eq!(owner_names_of(&got[0].owners), ["Gavin Jones"]);
        assert_eq!(got[0].text, "circulate the refreshed strategy");
        assert_eq!(got[0].note.as_deref(), Some("included with this agenda"));
        assert_eq!(got[1].note.as_deref(), Some("booked for 7 April"));
        assert!(matches!(got[1].due, Some(DueText::Date(_))));
        assert_eq!(
            (
                got[2].target.as_str(),
                got[2].owners.clone(),
                got[2].note.as_deref()
            ),
            ("HPB-7", None, Some("under way"))
        );
        assert_eq!(got[3].target, "2014-01-28/2a.2");
        // Names and ordinary words are not IDs.
        assert!(updates("- [ ] Ann-Marie Lee: go\n- [ ] Q-and-A session: plan\n").is_empty());
    }

    #[test]
    fn the_overdue_mark_keeps_the_due_date() {
        let got = updates("- [ ] 2014-01-28/4.1 Al Bee: go (due 2014-03-01, overdue)\n");
        assert!(matches!(got[0].due, Some(DueText::Date(_))));
    }

    fn owner_names_of(owners: &Option<Owners>) -> Vec<String> {
        match owners {
            Some(Owners::People(people)) => people.iter().map(|p| p.name.clone()).collect(),
            Some(Owners::All) => vec!["All".into()],
            None => vec![],
        }
    }

    #[test]
    fn a_task_without_a_recognisable_owner_is_still_an_action() {
        let got = actions("- [ ] Circulate the papers: by Friday\n- [ ] all: tidy up\n");
        assert_eq!(got[0].owners, None);
        assert_eq!(got[0].text, "Circulate the papers: by Friday");
        assert_eq!(got[1].owners, Some(Owners::All));
    }

    #[test]
    fn action_lines_with_colon_or_dash() {
        let got = actions(
            "Action: Gavin Jones — circulate the strategy\n\n- ACTION – Ann Lee\n\nAction - Bo Wu / Cy Day: review\n",
        );
        assert_eq!(got.len(), 3);
        assert_eq!(owner_names(&got[0]), ["Gavin Jones"]);
        assert_eq!(got[0].text, "circulate the strategy");
        assert_eq!(owner_names(&got[1]), ["Ann Lee"]);
        assert_eq!(got[1].text, "");
        assert_eq!(owner_names(&got[2]), ["Bo Wu", "Cy Day"]);
        assert_eq!(got[2].status, Status::Open);
        // A task item may carry the label too; its checkbox still counts.
        let got = actions("- [x] Action: Ann Lee — book the room\n");
        assert_eq!(
            (owner_names(&got[0]), got[0].text.as_str()),
            (vec!["Ann Lee".to_string()], "book the room")
        );
        assert_eq!(got[0].status, Status::Done);
        // Words that only start like the label are not actions.
        assert!(actions("Actions arising were noted.\n").is_empty());
    }

    #[test]
    fn labelled_decisions_in_paragraphs_and_items() {
        let got = decisions(
            "Agreed: the budget.\n\n**Resolved:** to meet monthly.\n\n- **Decision**: adopt it\n- DECIDED: close it\n",
        );
        let texts: Vec<&str> = got.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(
            texts,
            ["the budget.", "to meet monthly.", "adopt it", "close it"]
        );
        assert_eq!(
            got.iter().map(|(_, l)| *l).collect::<Vec<_>>(),
            [1, 3, 5, 6]
        );
    }

    #[test]
    fn lists_after_a_label_are_decisions_but_tasks_stay_actions() {
        let body = "The Board agreed:\n\n- to adopt the plan\n- [ ] Al Bee: publish it\n  - a nested note\n\n**Agreed**\n1. second list\n\nSome prose.\n\n- not a decision\n";
        let got = decisions(body);
        let texts: Vec<&str> = got.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts, ["to adopt the plan", "second list"]);
        assert_eq!(actions(body).len(), 1);
    }

    #[test]
    fn a_bare_label_with_nothing_after_is_an_empty_decision() {
        let got = decisions("Agreed:\n\nSome prose.\n");
        assert_eq!(got, [(String::new(), 1)]);
    }

    #[test]
    fn code_blocks_and_tables_are_not_minutes() {
        assert!(actions("```\n- [ ] Al Bee: no\n```\n\n| a |\n|---|\n| Agreed: no |\n").is_empty());
        assert!(decisions("| a |\n|---|\n| Agreed: no |\n").is_empty());
    }

    #[test]
    fn nested_task_items_are_actions() {
        let got = actions("- Finance\n  - [ ] Al Bee: check\n    - [x] Cy Day: done\n");
        assert_eq!(got.len(), 2);
        assert_eq!((got[0].line, got[1].line), (2, 3));
    }

    #[test]
    fn headings_keep_their_level_and_text() {
        let got = elements("# Title\n\n## 3. **Common** items\n");
        assert_eq!(
            got[1],
            Element::Heading {
                level: 2,
                text: "3. Common items".into(),
                line: 3
            }
        );
    }
}
