//! `minutes import`: a legacy minutes document (plain text, Markdown or an
//! HTML fragment, as exported from Word or PDF) into a note. What the
//! importer is sure of goes into the note; what it is unsure of is listed
//! as a point to check; nothing is invented.

pub mod actions;
pub mod attendance;
pub mod decisions;
pub mod document;
pub mod items;
pub mod meetings;
pub mod readers;
pub mod register;
pub mod sentences;
pub mod text;
pub mod title;

use chrono::NaiveDate;

use crate::model::Person;
use crate::names::name_key;
use crate::parse::people::split_owner_list;

static_regex!(
    ITEM_LINE,
    r"^(?i:item\s+)?(?:[A-Z]{1,5}\s+)?(\d{1,3}(?:[./]\s?\d{1,4}){0,2}[a-z]?)(?:[.):]\s*|\s+)(\S.{1,90})$"
);
static_regex!(
    LABEL,
    r"(?i)^(agreed|resolved|decisions?|decided)\b\s*[:.\-–]?\s*(.*)$"
);
static_regex!(
    SENTENCE_LABEL,
    r"(?i)\b(agreed|resolved)(?:\s+(?:to|that|as\s+follows))?\s*:$"
);
static_regex!(
    ACTION_MARK,
    r"(?i)^(.*?)\s*\bactions?\s*(?::|[-–—])\s*(.+)$"
);
static_regex!(
    WILL_DO,
    r"^((?:[A-Z][\w'’-]*(?:\s+[A-Z]\.?)?)(?:\s*(?:&|and|,)\s*[A-Z][\w'’-]*(?:\s+[A-Z]\.?)?)*)\s+(?:also\s+)?(?:will|agreed to|undertook to|to|would)\s+(.+)$"
);
static_regex!(
    OWNER_COLUMN,
    r"^(?P<text>.*?)\s{4,}(?P<who>[A-Z][A-Za-z'’]*(?:\s*[/,&]\s*[A-Z][A-Za-z'’]*){0,4}|[A-Z][a-z]+\s+[A-Z][a-z]+)\s*$"
);
static_regex!(
    NEXT_STEPS,
    r"(?i)^(next steps|actions?|actions arising|action points|action items|action items \(ais\)|agreed actions|action list|to ?dos?)\s*:?$"
);
static_regex!(
    LIST_MARK,
    r"^(?:[-*•·]|\(?(?:[a-z0-9]{1,2}|[ivx]{1,5})\)|[0-9]{1,2}\.(?:[0-9]{1,2})?)\s+"
);

/// What the command line may fix instead of the importer.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    pub meeting: Option<String>,
    pub date: Option<NaiveDate>,
}

#[derive(Debug, Clone, Default)]
pub struct ImportedItem {
    pub number: String,
    pub title: String,
    /// Discussion, kept as written.
    pub prose: Vec<String>,
    pub decisions: Vec<String>,
    pub actions: Vec<ImportedAction>,
}

impl ImportedItem {
    /// Whether the item holds nothing but its title.
    pub fn is_empty(&self) -> bool {
        self.prose.is_empty() && self.decisions.is_empty() && self.actions.is_empty()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportedAction {
    /// Full names where a first name fitted one attendee; as written otherwise.
    pub owners: Vec<String>,
    pub text: String,
    /// What to check about this action, written beside it in the note.
    pub check: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Imported {
    pub meeting: Option<String>,
    pub date: Option<NaiveDate>,
    pub present: Vec<Person>,
    pub in_attendance: Vec<Person>,
    pub apologies: Vec<Person>,
    pub absent: Vec<Person>,
    pub items: Vec<ImportedItem>,
    /// Points for a person to check, in words.
    pub checks: Vec<String>,
}

impl Imported {
    pub fn decisions(&self) -> usize {
        self.items.iter().map(|i| i.decisions.len()).sum()
    }

    pub fn actions(&self) -> usize {
        self.items.iter().map(|i| i.actions.len()).sum()
    }

    pub fn people(&self) -> usize {
        self.present.len() + self.in_attendance.len() + self.apologies.len() + self.absent.len()
    }

    /// Everyone the attendance names, in every list.
    pub fn everyone(&self) -> Vec<Person> {
        let lists = [
            &self.present,
            &self.in_attendance,
            &self.apologies,
            &self.absent,
        ];
        lists.into_iter().flatten().cloned().collect()
    }

    /// Minutes say who attended; a document that names nobody present or
    /// sending apologies (a committee report, say) is not minutes.
    pub fn is_minutes(&self) -> bool {
        !self.present.is_empty() || !self.apologies.is_empty() || !self.absent.is_empty()
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Prose,
    /// After `Agreed`: list items (or the next paragraph) are decisions.
    Decisions,
    /// After `Next steps`: list items are actions.
    Actions,
}

/// Reads a document, in the format given, into what a note needs; the
/// error says why the document could not be read.
pub fn import(
    raw: &str,
    format: readers::Format,
    options: &ImportOptions,
) -> Result<Imported, String> {
    readers::read(raw, format).map(|document| import_document(document, options))
}

/// What a note needs, from a document a reader made.
pub fn import_document(mut document: document::Document, options: &ImportOptions) -> Imported {
    let other_meetings = meetings::keep_first(&mut document);
    let mut name_before_register = None;
    let register = read_register(&mut document, options, &mut name_before_register);
    let mut attendance = attendance::recognise(&mut document);
    if let Some(register) = &register {
        // The register's members come first: they are the body.
        for (list, members) in [
            (&mut attendance.present, &register.present),
            (&mut attendance.apologies, &register.apologies),
            (&mut attendance.absent, &register.absent),
        ] {
            list.splice(0..0, members.iter().cloned());
        }
    }
    items::number_headings(&mut document);
    let rest = document.lines_except(&attendance.blocks).join("\n");
    let (lines, dropped) = text::clean_lines(&rest);
    let mut imported = Imported {
        present: attendance.present,
        in_attendance: attendance.in_attendance,
        apologies: attendance.apologies,
        absent: attendance.absent,
        ..Imported::default()
    };
    imported.checks.append(&mut document.notes);
    imported.checks.extend(other_meetings);
    for entry in attendance.unsure {
        imported.checks.push(format!(
            "`{entry}` is listed with the attendance but does not read as a name; left out"
        ));
    }
    if dropped > 0 {
        imported.checks.push(format!(
            "{dropped} repeated line(s) were dropped as page headers or footers"
        ));
    }
    if let Some(check) = register.as_ref().and_then(|r| r.check.clone()) {
        imported.checks.push(check);
    }
    // A register with a column for the date the whole document's title
    // reads confirms that date, which the title may no longer show once
    // the register's blocks are out; the name is read as it stood too (a
    // template's `COMMITTEE` field may share the register's block).
    let confirmed = ImportOptions {
        date: options.date.or(register.and_then(|r| r.date)),
        ..options.clone()
    };
    let mut read = title::recognise(&lines, &document.hints);
    read.meeting = name_before_register.or(read.meeting);
    title_and_date(read, &confirmed, &mut imported);
    let people = imported.everyone();
    let mut reader = Reader {
        imported,
        people,
        current: ImportedItem {
            number: "0".to_string(),
            title: "Preamble".to_string(),
            ..ImportedItem::default()
        },
        mode: Mode::Prose,
        table_header: None,
        paragraph: Vec::new(),
        owner_column: Vec::new(),
        decision_open: false,
        open_entry: None,
        entry_base: None,
    };
    for line in &lines {
        reader.line(line);
    }
    reader.close_entry();
    reader.end_paragraph();
    let mut imported = reader.imported;
    imported.items.push(reader.current);
    dedupe_people(&mut imported);
    resolve_owners(&mut imported);
    // An empty preamble, or an empty `Action Items` section of a page's
    // template, is no item of business.
    imported.items.retain(|item| {
        !item.is_empty() || (item.number != "0" && !NEXT_STEPS.is_match(&item.title))
    });
    drop_agenda_entries(&mut imported.items);
    imported
}

/// An attendance register (a grid of marks under meeting dates), read in
/// the column of this meeting's date: the date given, else the one the
/// title reads before anything is taken out. Its blocks leave the document.
fn read_register(
    document: &mut document::Document,
    options: &ImportOptions,
    name_before: &mut Option<String>,
) -> Option<register::Register> {
    let register = register::recognise(document, |document| {
        let read = title::recognise(&document.lines(), &document.hints);
        *name_before = read.meeting;
        options.date.or(read.date)
    })?;
    let mut at = 0;
    document.blocks.retain(|_| {
        at += 1;
        !register.blocks.contains(&(at - 1))
    });
    Some(register)
}

/// An item with nothing in it whose number comes again later is a line of
/// the agenda printed above the minutes, not an item of its own.
fn drop_agenda_entries(items: &mut Vec<ImportedItem>) {
    let numbers: Vec<String> = items.iter().map(|i| i.number.replace(' ', "")).collect();
    let mut last: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (at, number) in numbers.iter().enumerate() {
        last.insert(number.as_str(), at);
    }
    let keep: Vec<bool> = items
        .iter()
        .zip(&numbers)
        .enumerate()
        .map(|(at, (item, number))| {
            !(item.is_empty() && last.get(number.as_str()).is_some_and(|l| *l > at))
        })
        .collect();
    let mut flags = keep.into_iter();
    items.retain(|_| flags.next().unwrap_or(true));
}

/// The meeting's name and date: as the command line gives them, else as
/// the title recogniser reads them, with a point to check either way.
fn title_and_date(read: title::Title, options: &ImportOptions, imported: &mut Imported) {
    imported.meeting = options.meeting.clone().or(read.meeting);
    imported.date = options.date.or(read.date);
    match (&options.meeting, &imported.meeting) {
        (None, Some(name)) => imported.checks.push(format!(
            "the meeting name `{name}` was read from the title; correct it with --meeting"
        )),
        (None, None) => imported
            .checks
            .push("no meeting name was found; give one with --meeting".to_string()),
        _ => {}
    }
    if imported.date.is_none() {
        imported
            .checks
            .push("no meeting date was found; give one with --date".to_string());
    }
}

/// Headings, bold markers and pipes off a line.
fn strip_markup(line: &str) -> String {
    line.trim()
        .trim_start_matches('#')
        .trim()
        .replace("**", "")
        .replace("__", "")
        .trim()
        .to_string()
}

struct Reader {
    imported: Imported,
    /// Everyone the attendance names: who an action's owner may be.
    people: Vec<Person>,
    /// The item being read; finished items are in `imported.items`.
    current: ImportedItem,
    mode: Mode,
    /// The header cells of the Markdown table being read, if any.
    table_header: Option<Vec<String>>,
    paragraph: Vec<String>,
    /// Owners written in a right-hand column beside the paragraph's lines,
    /// with the part of the sentence each stood beside that is on its line.
    owner_column: Vec<(Vec<String>, String)>,
    /// A `RESOLVED that …` decision whose sentence goes on onto the next
    /// lines of its paragraph.
    decision_open: bool,
    /// A list entry whose text may go on onto lines set under it.
    open_entry: Option<OpenEntry>,
    /// The indentation of the first entry of the list being read: an entry
    /// set further in is nested in the one before, and a numbered line set
    /// further out is an item, not an entry.
    entry_base: Option<usize>,
}

/// `i)      Approve the proposals and authorise the` with
/// `        Clerk to progress them` under its text: one entry, read once
/// its last line is known.
struct OpenEntry {
    text: String,
    nested: bool,
    /// The column its text starts at, where the lines that go on with it
    /// start too.
    column: usize,
}

impl Reader {
    fn item(&mut self) -> &mut ImportedItem {
        &mut self.current
    }

    fn line(&mut self, line: &str) {
        // An entry is closed before the next line's owner column is taken,
        // which belongs to what that line starts.
        let goes_on = self.goes_on_with_entry(line);
        if !goes_on {
            self.close_entry();
        }
        let owned = self.right_hand_owner(line);
        let line = owned.as_deref().unwrap_or(line);
        let plain = strip_markup(line);
        if goes_on {
            if let Some(entry) = &mut self.open_entry {
                entry.text.push(' ');
                entry.text.push_str(&plain);
            }
            return;
        }
        if plain.is_empty() {
            self.decision_open = false;
            self.end_paragraph();
            return;
        }
        if self.decision_open && self.continues_decision(&plain) {
            if let Some(last) = self.item().decisions.last_mut() {
                last.push(' ');
                last.push_str(&plain);
            }
            return;
        }
        self.decision_open = false;
        if plain.starts_with('|') {
            self.end_paragraph();
            self.table_row(&plain);
            return;
        }
        self.table_header = None;
        let is_heading = line.trim_start().starts_with('#');
        let was_bold = line.trim_start().starts_with("**");
        // One or two spaces are how a PDF's text keeps a margin; more, or a
        // tab, is a list inside the item.
        let indented = line.starts_with("   ") || line.starts_with('\t');
        let list_item = LIST_MARK
            .find(&plain)
            .map(|m| plain.get(m.end()..).unwrap_or("").trim().to_string());
        let bulleted = plain.starts_with(['-', '*', '•', '·']);
        if !bulleted || is_heading {
            if let Some(caps) = ITEM_LINE.captures(&plain) {
                let title = caps
                    .get(2)
                    .map_or("", |m| m.as_str())
                    .trim()
                    .trim_end_matches(':')
                    .to_string();
                let short = !title.ends_with(['.', ';']) && title.split_whitespace().count() <= 12;
                // `1. Title` is an item; in a list of decisions, or as a
                // sentence, it is a numbered list entry.
                let indent = line.len() - line.trim_start().len();
                let out_of_list = self.entry_base.is_some_and(|base| indent < base);
                let is_item = is_heading
                    || was_bold
                    || (short && !indented && (self.mode != Mode::Decisions || out_of_list));
                if is_item {
                    self.end_paragraph();
                    let number = caps.get(1).map_or("", |m| m.as_str()).to_string();
                    self.new_item(number, title);
                    return;
                }
            }
        }
        if NEXT_STEPS.is_match(&plain) {
            self.end_paragraph();
            // Numbered by position among the items (the preamble is not one).
            let numbered = self
                .imported
                .items
                .iter()
                .chain([&self.current])
                .filter(|i| i.number != "0")
                .count();
            let number = (numbered + 1).to_string();
            self.new_item(number, plain.trim_end_matches(':').to_string());
            self.mode = Mode::Actions;
            return;
        }
        if let Some(caps) = LABEL.captures(&plain) {
            let rest = caps.get(2).map_or("", |m| m.as_str()).trim();
            self.end_paragraph();
            if rest.is_empty() || SENTENCE_LABEL.is_match(rest) {
                self.mode = Mode::Decisions;
            } else {
                // `Agreed: to write` is a label and its decision; `Agreed to
                // write to the council` is a sentence, kept whole.
                let labelled = caps.get(1).map_or(0, |m| m.end());
                let sentence = !plain
                    .get(labelled..)
                    .unwrap_or("")
                    .trim_start()
                    .starts_with([':', '.', '-', '–']);
                let decision = if sentence { plain.as_str() } else { rest };
                self.decision_open = !decision.ends_with('.');
                self.item().decisions.push(decision.to_string());
            }
            return;
        }
        if is_heading {
            // A heading with no number: a section of the current item.
            self.end_paragraph();
            self.mode = Mode::Prose;
            self.item().prose.push(format!("**{plain}**"));
            return;
        }
        match list_item {
            Some(text) => {
                self.end_paragraph();
                let indent = line.len() - line.trim_start().len();
                let base = *self.entry_base.get_or_insert(indent);
                let nested = indent > base || line.starts_with('\t');
                let column = indent + plain.len() - text.len();
                self.open_entry = Some(OpenEntry {
                    text,
                    nested,
                    column,
                });
            }
            None => {
                self.entry_base = None;
                self.paragraph.push(plain);
            }
        }
    }

    /// Whether a line is set under an open list entry's text, going on
    /// with it.
    fn goes_on_with_entry(&self, line: &str) -> bool {
        let Some(entry) = &self.open_entry else {
            return false;
        };
        let plain = strip_markup(line);
        let indent = line.len() - line.trim_start().len();
        let under = entry.column > 2 && indent + 1 >= entry.column && indent <= entry.column + 1;
        under
            && !plain.is_empty()
            && !line.contains('\t')
            && !LIST_MARK.is_match(&plain)
            && !ITEM_LINE.is_match(&plain)
    }

    fn close_entry(&mut self) {
        if let Some(entry) = self.open_entry.take() {
            self.list_item(&entry.text, entry.nested);
        }
    }

    fn new_item(&mut self, number: String, title: String) {
        self.mode = Mode::Prose;
        self.entry_base = None;
        let next = ImportedItem {
            number,
            title,
            ..ImportedItem::default()
        };
        let done = std::mem::replace(&mut self.current, next);
        self.imported.items.push(done);
    }

    fn list_item(&mut self, text: &str, nested: bool) {
        if let Some(action) = action_mark(text) {
            self.item().actions.push(action);
            return;
        }
        match self.mode {
            Mode::Decisions => {
                let decisions = &mut self.item().decisions;
                match decisions.last_mut() {
                    Some(last) if nested => {
                        last.push_str(if last.ends_with(':') { " " } else { "; " });
                        last.push_str(text);
                    }
                    _ => decisions.push(text.to_string()),
                }
            }
            Mode::Actions => match will_do(text)
                .or_else(|| actions::owner_colon(text, &actions::People::new(&self.people)))
            {
                Some(action) => self.item().actions.push(action),
                None => {
                    if let Some(rest) = self.take_findings(text) {
                        self.item().prose.push(format!("- {rest}"));
                    }
                }
            },
            Mode::Prose => {
                if let Some(rest) = self.take_findings(text) {
                    self.item().prose.push(format!("- {rest}"));
                }
            }
        }
    }

    /// Whether a line goes on with the decision before it: not a list
    /// item, heading, label or numbered item of its own.
    fn continues_decision(&self, plain: &str) -> bool {
        let starts_lower = plain
            .chars()
            .next()
            .is_some_and(|c| c.is_lowercase() || c == '(');
        starts_lower && !LIST_MARK.is_match(plain) && !ITEM_LINE.is_match(plain)
    }

    /// A line with an owner in a right-hand column (`…the next agenda
    /// <many spaces> Clerk`, as minutes laid out in two columns come out of
    /// a PDF): the owner is kept for the sentence the line is in, and the
    /// line is given back without it. An owner column on a line of its own
    /// goes with the line before.
    fn right_hand_owner(&mut self, line: &str) -> Option<String> {
        let caps = OWNER_COLUMN.captures(line)?;
        let column = caps.name("who")?;
        // Right-hand: well into the line, as a column is.
        if column.start() < 30 {
            return None;
        }
        // A row of a table set with spaces (`Subject     Staff Member
        // Governor`) has short cells before its last one; a sentence beside
        // its owner (after an item's number and title, perhaps) runs on.
        let text = caps.name("text").map_or("", |m| m.as_str()).trim();
        let last_cell = text
            .rsplit_once("   ")
            .map_or(text, |(_, cell)| cell.trim());
        let short = last_cell.split_whitespace().count() <= 3;
        let sentence_end = last_cell.ends_with(['.', '!', '?', ';', ')', '-', '–']);
        if !text.is_empty() && short && (text.contains("   ") || !sentence_end) {
            return None;
        }
        let people = actions::People::new(&self.people);
        let owners = people.owners_of_column(column.as_str())?;
        let text = caps.name("text").map_or("", |m| m.as_str());
        let line_text = if text.trim().is_empty() {
            self.paragraph.last().cloned().unwrap_or_default()
        } else {
            strip_markup(text)
        };
        // The owner stands at the end of the line, so it goes with the
        // sentence the line ends in (`…subsumed. Further advice was
        // awaited.   HL` is the second sentence's).
        let line_text = match LIST_MARK.find(&line_text) {
            Some(mark) => line_text.get(mark.end()..).unwrap_or("").to_string(),
            None => line_text,
        };
        let ending = sentences::split(&line_text)
            .last()
            .map(|piece| piece.chars().take(40).collect())
            .unwrap_or_default();
        self.owner_column.push((owners, ending));
        Some(text.trim_end().to_string())
    }

    /// Takes the actions and decisions out of a piece of prose, sentence
    /// by sentence; gives back what is left of it, if anything.
    fn take_findings(&mut self, text: &str) -> Option<String> {
        let mut kept: Vec<String> = Vec::new();
        let mut found_actions = Vec::new();
        let mut found_decisions: Vec<String> = Vec::new();
        let mut columns = std::mem::take(&mut self.owner_column);
        let people = actions::People::new(&self.people);
        // Owner columns stand beside lines in order, so only the first one
        // not yet placed is looked for in each sentence (linear, however
        // long the paragraph).
        columns.reverse();
        for sentence in sentences::split(text) {
            let beside = columns
                .last()
                .is_some_and(|(_, start)| !start.is_empty() && sentence.contains(start.trim()));
            let placed = if beside { columns.pop() } else { None };
            if let Some((owners, _)) = placed {
                if let Some(shared) = actions::shared_out(sentence, &owners, &people) {
                    found_actions.extend(shared);
                } else if found_actions.last().is_some_and(|a| a.owners == owners)
                    && actions::recognise(sentence, &people).is_none()
                {
                    // `HL undertook to find the cost. The cost would be
                    // met by the CC.   HL`: the column restates the owner
                    // of the action just before.
                    kept.push(sentence.to_string());
                } else {
                    found_actions.push(ImportedAction {
                        owners,
                        text: sentence.trim_end_matches('.').to_string(),
                        check: None,
                    });
                }
            } else if let Some(action) = actions::recognise(sentence, &people) {
                // `It was agreed that TS would contact …` is both.
                if decisions::is_decision(sentence) {
                    found_decisions.push(sentence.to_string());
                }
                found_actions.push(action);
            } else if decisions::is_decision(sentence) {
                // `This was agreed.`: what was decided is the sentence before.
                let decision = match kept.pop().filter(|_| decisions::refers_back(sentence)) {
                    Some(before) => format!("{before} {sentence}"),
                    None => sentence.to_string(),
                };
                found_decisions.push(decision);
            } else {
                kept.push(sentence.to_string());
            }
        }
        // `Approved unanimously` alone: what was approved is the text just
        // before it in the item.
        if kept.is_empty() && found_actions.is_empty() {
            if let [only] = found_decisions.as_mut_slice() {
                if decisions::refers_back(only) {
                    if let Some(before) = self.current.prose.pop() {
                        *only = format!("{} {only}", before.trim_start_matches("- "));
                    }
                }
            }
        }
        let item = self.item();
        item.actions.extend(found_actions);
        item.decisions.extend(found_decisions);
        (!kept.is_empty()).then(|| kept.join(" "))
    }

    fn end_paragraph(&mut self) {
        if self.paragraph.is_empty() {
            return;
        }
        let text = std::mem::take(&mut self.paragraph).join(" ");
        if let Some(action) = action_mark(&text) {
            let item = self.item();
            item.actions.push(action);
            return;
        }
        if self.mode == Mode::Decisions {
            if text.ends_with(':') {
                // "… confirmed the consensus of the Board, namely:" leads into a list.
                self.item().prose.push(text);
                return;
            }
            self.item().decisions.push(text);
            self.mode = Mode::Prose;
            return;
        }
        if SENTENCE_LABEL.is_match(&text) {
            self.mode = Mode::Decisions;
            self.item().prose.push(text);
            return;
        }
        if let Some(rest) = self.take_findings(&text) {
            self.item().prose.push(rest);
        }
    }

    /// A row of a table the recognisers left: action tables (a column
    /// headed Action, Owner or Who); any other is kept as prose.
    fn table_row(&mut self, row: &str) {
        let cells: Vec<String> = row
            .trim_matches('|')
            .split('|')
            .map(|c| c.trim().to_string())
            .collect();
        if cells
            .iter()
            .all(|c| c.chars().all(|ch| ch == '-' || ch == ':' || ch == ' '))
        {
            return;
        }
        let Some(header) = self.table_header.clone() else {
            self.table_header = Some(cells.iter().map(|c| c.to_lowercase()).collect());
            self.item().prose.push(format!("| {} |", cells.join(" | ")));
            return;
        };
        // An agenda set as a table (`Item | Description | Lead`): a row
        // numbered in the first column is an item.
        let numbers_items = header.first().is_some_and(|h| {
            ["item", "no", "no.", "number", "#", "ref", "minute"].contains(&h.as_str())
        });
        if let (true, Some(number), Some(title)) = (numbers_items, cells.first(), cells.get(1)) {
            let numbered = !number.is_empty()
                && number.len() <= 6
                && number.starts_with(|c: char| c.is_ascii_digit())
                && number.chars().all(|c| c.is_ascii_digit() || c == '.');
            if numbered && !title.is_empty() {
                let number = number.trim_end_matches('.').to_string();
                self.new_item(number, title.clone());
                return;
            }
        }
        let column = |word: &str| header.iter().position(|h| h.contains(word));
        let cell = |at: Option<usize>| {
            at.and_then(|at| cells.get(at))
                .map(|c| c.trim())
                .filter(|c| !c.is_empty())
        };
        // A table with an Action (or Owner) column: that cell owns the row's text.
        if let Some(owner_at) = column("action").or(column("owner")).or(column("who")) {
            if let Some(owners) = cell(Some(owner_at)) {
                let text = cells
                    .iter()
                    .enumerate()
                    .filter(|(at, _)| *at != owner_at)
                    .map(|(_, c)| c.as_str())
                    .max_by_key(|c| c.len())
                    .unwrap_or("")
                    .trim_end_matches('.')
                    .to_string();
                self.item().actions.push(ImportedAction {
                    owners: split_owner_list(owners)
                        .into_iter()
                        .map(str::to_string)
                        .collect(),
                    text,
                    check: None,
                });
                return;
            }
        }
        self.item().prose.push(format!("| {} |", cells.join(" | ")));
    }
}

/// `Action – Matt Gott`, `ACTION: All`, or a sentence ending `… Action: MG`.
fn action_mark(text: &str) -> Option<ImportedAction> {
    let caps = ACTION_MARK.captures(text)?;
    let before = caps
        .get(1)
        .map_or("", |m| m.as_str())
        .trim()
        .trim_end_matches(['.', ';']);
    let owners_text = caps
        .get(2)
        .map_or("", |m| m.as_str())
        .trim()
        .trim_end_matches('.');
    // `Actions arising from …` is prose: an owner is short and capitalised.
    if owners_text.split_whitespace().count() > 8
        || !owners_text.starts_with(|c: char| c.is_uppercase())
    {
        return None;
    }
    // `Action: Ann to write …` has nothing before the label: the owner is
    // inside the text, which the action recogniser reads.
    if before.is_empty() {
        return None;
    }
    if !text.to_lowercase().starts_with("action") && before.split_whitespace().count() < 3 {
        return None;
    }
    Some(ImportedAction {
        owners: split_owner_list(owners_text)
            .into_iter()
            .map(str::to_string)
            .collect(),
        text: before.to_string(),
        check: None,
    })
}

/// `Matt will draft a report …`, `Tony & John undertook to bring …`.
/// `Bo & Cy undertook to bring an update`: an action of Bo and Cy, its
/// sentence kept as written (who does it is part of what was minuted).
fn will_do(text: &str) -> Option<ImportedAction> {
    let caps = WILL_DO.captures(text)?;
    let who = caps.get(1)?.as_str();
    Some(ImportedAction {
        owners: split_owner_list(who)
            .into_iter()
            .map(str::to_string)
            .collect(),
        text: text.trim().trim_end_matches('.').to_string(),
        check: None,
    })
}

/// One entry a person. Apologies are read first: a member in a list of
/// members (often the roster, written before the meeting) who also sent
/// apologies is kept with the apologies, with a point to check.
fn dedupe_people(imported: &mut Imported) {
    let mut seen = std::collections::HashSet::new();
    let mut repeated = Vec::new();
    for list in [
        &mut imported.apologies,
        &mut imported.present,
        &mut imported.in_attendance,
        &mut imported.absent,
    ] {
        list.retain(|p| {
            let fresh = seen.insert(p.key());
            if !fresh {
                repeated.push(p.name.clone());
            }
            fresh
        });
    }
    for name in repeated {
        imported
            .checks
            .push(format!("`{name}` was listed twice; kept once"));
    }
}

/// Owners written as first names become the one attendee with that first
/// name; an owner that fits nobody, or several, is kept as written and
/// reported.
fn resolve_owners(imported: &mut Imported) {
    let attendees = imported.everyone();
    let people = actions::People::new(&attendees);
    let mut checks = Vec::new();
    for item in &mut imported.items {
        for action in &mut item.actions {
            let before = checks.len();
            let mut unknown = Vec::new();
            for owner in &mut action.owners {
                if owner.eq_ignore_ascii_case("all")
                    || attendees.iter().any(|p| p.key() == name_key(owner))
                {
                    continue;
                }
                if attendance::OFFICES.contains(&owner.to_lowercase().as_str()) {
                    match people.office(owner) {
                        Some(holder) => *owner = holder,
                        None => {
                            checks.push(format!(
                                "owner `{owner}` of “{}”: no one in the attendance holds that office; left out",
                                action.text
                            ));
                            unknown.push(owner.clone());
                        }
                    }
                    continue;
                }
                let words: Vec<String> = owner.split_whitespace().map(str::to_lowercase).collect();
                let fits: Vec<&Person> = attendees
                    .iter()
                    .filter(|p| {
                        let mut name = p.name.split_whitespace().map(str::to_lowercase);
                        let first = name.next();
                        let last = name.next_back().unwrap_or_default();
                        let by_name = match words.as_slice() {
                            [only] => first.as_deref() == Some(only.as_str()),
                            [given, initial] => {
                                first.as_deref() == Some(given.as_str())
                                    && last.starts_with(initial.trim_end_matches('.'))
                            }
                            _ => false,
                        };
                        by_name
                            || p.initials
                                .as_deref()
                                .is_some_and(|i| i.eq_ignore_ascii_case(owner))
                    })
                    .collect();
                match fits.as_slice() {
                    [one] => *owner = one.name.clone(),
                    [] => {
                        checks.push(format!(
                            "owner `{owner}` of “{}” is not among the attendees; left out",
                            action.text
                        ));
                        unknown.push(owner.clone());
                    }
                    many => checks.push(format!(
                        "owner `{owner}` of “{}” could be {}; left as written",
                        action.text,
                        many.iter()
                            .map(|p| p.name.as_str())
                            .collect::<Vec<_>>()
                            .join(" or ")
                    )),
                }
            }
            action.owners.retain(|owner| !unknown.contains(owner));
            if action.owners.is_empty() && unknown.is_empty() {
                checks.push(format!("action “{}” has no owner", action.text));
            }
            if let Some(mine) = checks.get(before..).filter(|mine| !mine.is_empty()) {
                action.check = Some(mine.join("; "));
            }
        }
    }
    imported.checks.extend(checks);
}

/// Whether a paragraph of prose would read as minutes syntax (a decision
/// label, or an `Action` line) if it were written into a note as it is.
pub fn reads_as_minutes_syntax(paragraph: &str) -> bool {
    LABEL.is_match(paragraph) || paragraph.to_lowercase().starts_with("action")
}

/// The file name: `YYYY-MM-DD-series-slug.md`.
pub fn file_name(imported: &Imported) -> Option<String> {
    Some(format!(
        "{}-{}.md",
        imported.date?,
        crate::text::slug(imported.meeting.as_deref()?)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_and_dates_from_the_first_lines() {
        let lines: Vec<String> = [
            "",
            "### NOTES OF COUNTY PARTNERSHIP BOARD MEETING – 28th October 2010 Held at the Hall",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let mut imported = Imported::default();
        let read = title::recognise(&lines, &Default::default());
        title_and_date(read, &ImportOptions::default(), &mut imported);
        assert_eq!(
            imported.meeting.as_deref(),
            Some("County Partnership Board")
        );
        assert_eq!(imported.date, NaiveDate::from_ymd_opt(2010, 10, 28));
    }

    #[test]
    fn entries_set_under_their_text_go_on_and_a_lead_in_makes_them_decisions() {
        let text = "Present: Ann Lee, Bo Wu\n\n58. Bloom\n\n           Committee resolved to:\n\
            \x20               i)      Approve the proposals and authorise the\n\
            \x20                       Clerk to progress them within budget\n\
            \x20               ii)     Note the planting in section 7 of\n\
            \x20                       the report\n\n59. Close\n";
        let imported = import(text, readers::Format::Text, &ImportOptions::default()).unwrap();
        let titles: Vec<&str> = imported.items.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(titles, ["Bloom", "Close"]);
        assert_eq!(
            imported.items[0].decisions,
            [
                "Approve the proposals and authorise the Clerk to progress them within budget",
                "Note the planting in section 7 of the report"
            ]
        );
        assert!(imported.items[0].actions.is_empty());
    }

    #[test]
    fn an_office_owns_an_action_only_when_the_document_can_tell_who_holds_it() {
        let text = "Present: Ann Lee (Chair), Bo Wu\n\n1. Hall\n\n\
            The Chairman to visit the owner of the van.\n\n\
            Clerk to write to the highways team.\n\n\
            The Secretary and Treasurer would draft the budget for the spring.\n";
        let imported = import(text, readers::Format::Text, &ImportOptions::default()).unwrap();
        let actions: Vec<(Vec<&str>, &str)> = imported
            .items
            .iter()
            .flat_map(|item| &item.actions)
            .map(|a| {
                (
                    a.owners.iter().map(String::as_str).collect(),
                    a.text.as_str(),
                )
            })
            .collect();
        assert_eq!(
            actions,
            [
                (
                    vec!["Ann Lee"],
                    "The Chairman to visit the owner of the van"
                ),
                (vec!["Clerk"], "Clerk to write to the highways team"),
            ]
        );
    }

    #[test]
    fn decisions_keep_their_whole_sentence() {
        let text = "Present: Ann Lee, Bo Wu\n\n1. Accounts\n\nRESOLVED that the accounts be approved\nand signed by the Chair.\n\n\
            2. Hall\n\nThe group looked at the new lease. This was agreed.\n\n- Renew the cleaning contract\n- Approved unanimously\n";
        let imported = import(text, readers::Format::Text, &ImportOptions::default()).unwrap();
        let decisions: Vec<&str> = imported
            .items
            .iter()
            .flat_map(|i| i.decisions.iter().map(String::as_str))
            .collect();
        assert_eq!(
            decisions,
            [
                "RESOLVED that the accounts be approved and signed by the Chair.",
                "The group looked at the new lease. This was agreed.",
                "Renew the cleaning contract Approved unanimously"
            ]
        );
    }

    #[test]
    fn an_owner_column_stands_beside_sentences_not_table_cells() {
        let pad = |text: &str, owner: &str| format!("{text:<60}{owner}");
        let text = [
            "Present: Ann Lee, Bo Wu, Cllr Cy Ward".to_string(),
            String::new(),
            "1. Paths".to_string(),
            String::new(),
            pad("   The council would be asked to mend the signs.", "AL"),
            pad("   Funding came from the Vesey ward fund.", "Ward"),
            String::new(),
            "2. Leads".to_string(),
            String::new(),
            pad(" Subject                   Staff Member", "Governor"),
            pad(" Assessment", "Bo Wu"),
            pad(" Safety                    Ann Lee", "Bo Wu"),
            String::new(),
            pad(
                "   Hall     Terms of reference to be amended by May.",
                "Bo Wu",
            ),
        ]
        .join("\n");
        let imported = import(&text, readers::Format::Text, &ImportOptions::default()).unwrap();
        let actions: Vec<(Vec<String>, String)> = imported
            .items
            .iter()
            .flat_map(|i| i.actions.iter().map(|a| (a.owners.clone(), a.text.clone())))
            .collect();
        let owners: Vec<&[String]> = actions.iter().map(|(o, _)| o.as_slice()).collect();
        assert_eq!(owners, [["Ann Lee".to_string()], ["Bo Wu".to_string()]]);
        assert_eq!(
            actions.first().map(|(_, text)| text.as_str()),
            Some("The council would be asked to mend the signs")
        );
        assert!(
            actions
                .get(1)
                .is_some_and(|(_, text)| text.ends_with("Terms of reference to be amended by May")),
            "{actions:?}"
        );
    }

    #[test]
    fn an_agenda_above_the_minutes_is_not_items_twice() {
        let text = "Present: Ann Lee\n\nBM 18/2021 Apologies\nBM 19/2021 Minutes\n\nBM 18/2021 Apologies\n\nNone received.\n\nBM 19/2021 Minutes\n\nThe minutes were agreed and signed.\n";
        let imported = import(text, readers::Format::Text, &ImportOptions::default()).unwrap();
        let numbers: Vec<&str> = imported.items.iter().map(|i| i.number.as_str()).collect();
        assert_eq!(numbers, ["18/2021", "19/2021"]);
    }

    #[test]
    fn people_share_orgs_and_titles() {
        let groups = attendance::split_people(
            "Councillors Ann Lee, Bo Wu and Cy Day (NBC), Di Eve and Ed Fox (Fire & Rescue)",
        );
        let people: Vec<String> = groups.iter().flatten().map(Person::as_written).collect();
        assert_eq!(
            people,
            [
                "Cllr Ann Lee (NBC)",
                "Cllr Bo Wu (NBC)",
                "Cllr Cy Day (NBC)",
                "Di Eve (Fire & Rescue)",
                "Ed Fox (Fire & Rescue)"
            ]
        );
    }

    #[test]
    fn sentences_of_next_steps_become_actions() {
        assert_eq!(
            will_do("Bo & Cy undertook to bring an update to the Board in March."),
            Some(ImportedAction {
                owners: vec!["Bo".into(), "Cy".into()],
                text: "Bo & Cy undertook to bring an update to the Board in March".into(),
                check: None,
            })
        );
        assert_eq!(will_do("Members discussed the figures."), None);
        assert_eq!(
            action_mark("Circulate the draft plan. Action – Ann Lee"),
            Some(ImportedAction {
                owners: vec!["Ann Lee".into()],
                text: "Circulate the draft plan".into(),
                check: None,
            })
        );
        assert_eq!(
            action_mark("Actions arising from the review were noted."),
            None
        );
    }
}
