//! `minutes remind`: each person's digest as text, Markdown, HTML, or an
//! email (`.eml`, or sent), all made from one [`DigestView`].

use std::io::{self, Write};

use chrono::NaiveDate;

use super::lifecycle::carry_line;
use super::markdown::escape as md;
use crate::mail::Sender;
use crate::people::Directory;
use crate::query::lifecycle::CarryRow;
use crate::query::remind::{Digest, Reminders};
use crate::text::{EscapingWriter, escape_controls};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RemindFormat {
    /// Plain text, a digest after another
    Text,
    /// Markdown, a heading a person
    Markdown,
    /// HTML: one page, or with --out a page a person
    Html,
    /// Emails (RFC 5322, text and HTML): a file a person, with --out
    Eml,
}

/// What a digest says, whatever it is written as.
#[derive(Debug, Clone)]
pub struct DigestView {
    pub person: usize,
    /// The person's name with their title (`Dr Imran Siddiqui`).
    pub name: String,
    pub email: Option<String>,
    pub heading: String,
    pub subject: String,
    pub intro: String,
    pub sections: Vec<SectionView>,
    pub closing: String,
}

impl DigestView {
    /// `Name <address>`, when the register gives one.
    pub fn address(&self) -> Option<String> {
        self.email
            .as_ref()
            .map(|email| format!("{} <{email}>", self.name))
    }
}

#[derive(Debug, Clone)]
pub struct SectionView {
    pub title: String,
    pub items: Vec<ItemView>,
}

#[derive(Debug, Clone)]
pub struct ItemView {
    pub id: String,
    pub text: String,
    /// `due 10 November 2026 (overdue)`, `due 30th June`, `no due date`.
    pub due: String,
    pub overdue: bool,
    /// `Harbourside Partnership Board, 15 September 2026, item 4 Lead outcome`.
    pub place: String,
    pub note: String,
    /// The update line to paste into the next note.
    pub update: String,
}

const CLOSING: &str = "To report progress, send the update line back to the clerk: \
     tick it ([x]) when done, and write what has happened after the dash.";

fn long(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// Each digest as a view, addressed with `email_of` the person.
pub fn views(
    reminders: &Reminders,
    directory: &Directory,
    email_of: impl Fn(usize) -> Option<String>,
    today: NaiveDate,
    until: NaiveDate,
) -> Vec<DigestView> {
    reminders
        .digests
        .iter()
        .map(|digest| view(digest, directory, email_of(digest.person), today, until))
        .collect()
}

fn view(
    digest: &Digest,
    directory: &Directory,
    email: Option<String>,
    today: NaiveDate,
    until: NaiveDate,
) -> DigestView {
    let name = directory
        .get(digest.person)
        .map(|known| escape_controls(&known.display_name()).into_owned())
        .unwrap_or_default();
    let mut counts = Vec::new();
    let mut sections = Vec::new();
    for (rows, title, count) in [
        (
            &digest.overdue,
            "Overdue".to_string(),
            "overdue".to_string(),
        ),
        (
            &digest.due_soon,
            format!("Due by {}", long(until)),
            format!("due by {}", long(until)),
        ),
        (
            &digest.raised,
            "Raised at the last meeting".to_string(),
            "new".to_string(),
        ),
    ] {
        if rows.is_empty() {
            continue;
        }
        counts.push(format!("{} {count}", rows.len()));
        sections.push(SectionView {
            title,
            items: rows.iter().map(item).collect(),
        });
    }
    DigestView {
        person: digest.person,
        heading: format!("Actions for {name}"),
        subject: format!("Your actions from the minutes: {}", counts.join(", ")),
        intro: format!(
            "As of {}, the minutes record these actions for {name}.",
            long(today)
        ),
        name,
        email,
        sections,
        closing: CLOSING.to_string(),
    }
}

fn item(row: &CarryRow) -> ItemView {
    let state = &row.state;
    let due = match (state.due, state.due_written) {
        (Some(due), _) if row.overdue => format!("due {} (overdue)", long(due)),
        (Some(due), _) => format!("due {}", long(due)),
        (None, Some(written)) => format!("due {written}"),
        (None, None) => "no due date".to_string(),
    };
    let meeting = row.entry.meeting;
    let item = row.entry.item;
    let heading = item.heading();
    // Escaped here, once, for every format and the email alike: a
    // backslash the note wrote stays a backslash.
    let shown = |text: &str| escape_controls(text).into_owned();
    ItemView {
        id: shown(&row.entry.action.id.to_string()),
        text: shown(&row.entry.action.text),
        due: shown(&due),
        overdue: row.overdue,
        place: shown(&format!(
            "{}, {}, item {heading}",
            meeting.meeting,
            long(meeting.date)
        )),
        note: shown(state.note.unwrap_or("")),
        update: shown(&carry_line(row)),
    }
}

/// One digest as plain text (the text part of an email).
pub fn text(view: &DigestView) -> String {
    let mut s = String::new();
    s.push_str(&view.heading);
    s.push('\n');
    if let Some(address) = view.address() {
        s.push_str(&format!("To: {address}\n"));
    }
    s.push_str(&view.intro);
    s.push('\n');
    for section in &view.sections {
        s.push('\n');
        s.push_str(&section.title);
        s.push('\n');
        for item in &section.items {
            s.push_str(&format!("\n  {} ({})\n", item.text, item.id));
            s.push_str(&format!("  {} · {}\n", item.due, item.place));
            if !item.note.is_empty() {
                s.push_str(&format!("  Latest: {}\n", item.note));
            }
            s.push_str(&format!("  Update: {}\n", item.update));
        }
    }
    s.push('\n');
    s.push_str(&view.closing);
    s.push('\n');
    s
}

/// One digest as Markdown: the person's heading, a heading a list, and each
/// update line in a code span.
pub fn markdown(view: &DigestView) -> String {
    let mut s = format!("## {}\n\n", md(&view.heading));
    if let Some(address) = view.address() {
        s.push_str(&format!("To: {}  \n", md(&address)));
    }
    s.push_str(&format!("{}\n", md(&view.intro)));
    for section in &view.sections {
        s.push_str(&format!("\n### {}\n\n", md(&section.title)));
        for item in &section.items {
            s.push_str(&format!("- **{}** ({})  \n", md(&item.text), md(&item.id)));
            s.push_str(&format!("  {} · {}  \n", md(&item.due), md(&item.place)));
            if !item.note.is_empty() {
                s.push_str(&format!("  Latest: {}  \n", md(&item.note)));
            }
            s.push_str(&format!("  Update: {}\n", code_span(&item.update)));
        }
    }
    s.push_str(&format!("\n{}\n", md(&view.closing)));
    s
}

/// `text` as a Markdown code span: fenced by one backtick more than its
/// longest run, so that nothing in it ends the span early.
fn code_span(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    format!("{fence} {text} {fence}")
}

/// The digests as one HTML page (a file or an email holds one).
pub fn html(views: &[DigestView]) -> String {
    let page = ReminderPage {
        title: match views {
            [one] => one.heading.clone(),
            _ => "Actions from the minutes".to_string(),
        },
        digests: views,
    };
    // Rendering writes to a String and the values' Display cannot fail.
    askama::Template::render(&page).unwrap_or_default()
}

#[derive(askama::Template)]
#[template(path = "reminder.html")]
struct ReminderPage<'a> {
    title: String,
    digests: &'a [DigestView],
}

/// Every digest, one after another, as text or Markdown, or as one HTML
/// page (emails are files: `--out`).
pub fn write_all(
    views: &[DigestView],
    format: RemindFormat,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        RemindFormat::Html => return out.write_all(html(views).as_bytes()),
        RemindFormat::Eml => {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "emails are written a file a person: give --out DIR",
            ));
        }
        RemindFormat::Text | RemindFormat::Markdown => {}
    }
    let mut out = EscapingWriter::new(out);
    for (at, view) in views.iter().enumerate() {
        if at > 0 {
            writeln!(out)?;
        }
        match format {
            RemindFormat::Markdown => write!(out, "{}", markdown(view))?,
            _ => write!(out, "{}", text(view))?,
        }
    }
    out.flush()
}

/// The file a digest is written to in `--out`: the person's name as a slug.
pub fn file_name(view: &DigestView, format: RemindFormat) -> String {
    let extension = match format {
        RemindFormat::Text => "txt",
        RemindFormat::Markdown => "md",
        RemindFormat::Html => "html",
        RemindFormat::Eml => "eml",
    };
    format!(
        "{}.{extension}",
        crate::text::slug(&deunicode::deunicode(&view.name))
    )
}

/// One digest as a file of `format` (for `--out`): its bytes.
pub fn file(view: &DigestView, format: RemindFormat, sender: &Sender) -> Result<Vec<u8>, String> {
    match format {
        RemindFormat::Text => Ok(text(view).into_bytes()),
        RemindFormat::Markdown => Ok(markdown(view).into_bytes()),
        RemindFormat::Html => Ok(html(std::slice::from_ref(view)).into_bytes()),
        RemindFormat::Eml => eml(view, sender),
    }
}

#[cfg(feature = "email")]
pub use email::{check_sender, email};

#[cfg(feature = "email")]
fn eml(view: &DigestView, sender: &Sender) -> Result<Vec<u8>, String> {
    email(view, sender).map(|message| message.formatted())
}

#[cfg_attr(feature = "email", allow(dead_code))]
const NO_EMAIL: &str =
    "this minutes was built without the `email` feature: use --format text, markdown or html";

/// Without the `email` feature, emails are refused before any is made.
#[cfg(not(feature = "email"))]
pub fn check_sender(_sender: &Sender) -> Result<(), String> {
    Err(NO_EMAIL.into())
}

#[cfg(not(feature = "email"))]
fn eml(_view: &DigestView, _sender: &Sender) -> Result<Vec<u8>, String> {
    Err(NO_EMAIL.into())
}

/// Said when emails are asked for and `reminders.from` is not set.
#[cfg_attr(not(feature = "email"), allow(dead_code))]
const NO_SENDER: &str =
    "reminders need a sender: set `reminders: from:` in minutes.yaml, or MINUTES_REMINDERS_FROM";

#[cfg(feature = "email")]
mod email {
    use lettre::Message;
    use lettre::message::{Mailbox, MultiPart};

    use super::{DigestView, NO_SENDER, html, text};
    use crate::mail::Sender;
    use crate::text::escape_controls;

    /// Whether the sender and reply-to are addresses, to say before any
    /// email is made.
    pub fn check_sender(sender: &Sender) -> Result<(), String> {
        sender_mailbox(sender)?;
        reply_to(sender)?;
        Ok(())
    }

    fn sender_mailbox(sender: &Sender) -> Result<Mailbox, String> {
        let from = sender.from.as_deref().ok_or(NO_SENDER)?;
        from.parse().map_err(|e| {
            format!(
                "the sender `{}` is not an address: {e}",
                escape_controls(from)
            )
        })
    }

    fn reply_to(sender: &Sender) -> Result<Option<Mailbox>, String> {
        sender
            .reply_to
            .as_deref()
            .map(|reply_to| {
                reply_to.parse().map_err(|e| {
                    format!(
                        "reply_to `{}` is not an address: {e}",
                        escape_controls(reply_to)
                    )
                })
            })
            .transpose()
    }

    /// The digest as an email to its person: a text part and an HTML part,
    /// from `reminders.from`. A person without an address, or an address
    /// that is no address, is an error naming them.
    pub fn email(view: &DigestView, sender: &Sender) -> Result<Message, String> {
        let from = sender_mailbox(sender)?;
        let address = view
            .email
            .as_deref()
            .ok_or_else(|| format!("{} has no email in the people register", view.name))?;
        let to = Mailbox::new(
            Some(view.name.clone()),
            address.parse().map_err(|e| {
                format!(
                    "{}'s email `{}` is not an address: {e}",
                    view.name,
                    escape_controls(address)
                )
            })?,
        );
        let mut builder = Message::builder()
            .from(from.clone())
            .to(to)
            .subject(&view.subject)
            .message_id(Some(format!(
                "<{}.{}@{}>",
                chrono::Utc::now().format("%Y%m%d%H%M%S%f"),
                view.person,
                from.email.domain()
            )));
        if let Some(reply_to) = reply_to(sender)? {
            builder = builder.reply_to(reply_to);
        }
        builder
            .multipart(MultiPart::alternative_plain_html(
                text(view),
                html(std::slice::from_ref(view)),
            ))
            .map_err(|e| format!("cannot make the email to {}: {e}", view.name))
    }
}
