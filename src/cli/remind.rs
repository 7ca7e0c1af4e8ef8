//! `minutes remind`: each owner's digest, printed, written a file a person,
//! or sent. Whatever goes wrong for one person (no address, a refused
//! recipient, a file that exists) is said and the others still go.

use super::commands::{Asked, cannot_write, folder_with_people, report_conflicts, report_problems};
use super::*;
use crate::output::remind::{DigestView, RemindFormat};
use crate::query::remind::{RemindFilter, Reminders};

pub(super) fn remind(
    args: RemindArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
    env: Environment,
) -> Result<i32, CliError> {
    let config = args.scan.config()?;
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let sender = crate::mail::sender(&config.reminders, var);
    let addressed = args.send || args.format == RemindFormat::Eml;
    // What would stop the command is said before anything is read or written.
    if addressed {
        output::remind::check_sender(&sender).map_err(CliError::Tool)?;
    }
    if args.format == RemindFormat::Eml && args.out.is_none() && !args.send {
        return Err(CliError::Tool(
            "--format eml writes a file a person: give --out DIR".into(),
        ));
    }
    let smtp = match args.send {
        true => {
            Some(crate::mail::Smtp::resolve(&config.reminders.smtp, var).map_err(CliError::Tool)?)
        }
        false => None,
    };
    if let (Some(why), false) = (
        smtp.as_ref().and_then(|s| s.missing_password()),
        args.dry_run,
    ) {
        return Err(CliError::Tool(why.into()));
    }
    let asked = Asked {
        series: args.meeting.as_deref(),
        person: args.owner.as_deref(),
    };
    let (folder, directory, person) = folder_with_people(&args.scan, asked, &config, &env, err)?;
    let ledger = crate::ledger::Ledger::build(&folder.meetings);
    let today = args.today.unwrap_or(env.today);
    let filter = RemindFilter {
        today,
        until: today + chrono::Days::new(u64::from(args.within)),
        owner: person,
        series: args.meeting.clone(),
    };
    let reminders = crate::query::remind::reminders(&ledger, &folder.meetings, directory, &filter);
    let emails = addresses(&config, directory);
    let views = output::remind::views(
        &reminders,
        directory,
        |person| emails.get(&person).cloned(),
        today,
        filter.until,
    );
    let mut code = report_problems(folder, args.scan.strict, err)?;
    code = code.max(report_conflicts(&ledger, |_| true, err)?);
    say_unaddressed(&reminders, err)?;
    if views.is_empty() {
        writeln!(
            err,
            "minutes: no one has an action to be reminded of as of {today}"
        )?;
        return Ok(code);
    }
    say_without_email(&views, err)?;
    let done = match (&smtp, &args.out) {
        (Some(smtp), _) => send(&views, smtp, &sender, args.dry_run, out, err)?,
        (None, Some(dir)) => write_files(&views, args.format, dir, args.force, &sender, out, err)?,
        (None, None) => {
            output::remind::write_all(&views, args.format, out)?;
            EXIT_OK
        }
    };
    Ok(code.max(done))
}

/// Each person of the directory the register gives an `email`.
fn addresses(config: &Config, directory: &Directory) -> std::collections::HashMap<usize, String> {
    config
        .people
        .iter()
        .filter_map(|registered| {
            let email = registered.email.clone()?;
            let person = directory.resolve(&registered.name, None).person()?;
            Some((person, email))
        })
        .collect()
}

/// Owners no reminder can reach, as written, where: never guessed at.
fn say_unaddressed(reminders: &Reminders, err: &mut dyn Write) -> Result<(), CliError> {
    let mut err = crate::text::EscapingWriter::new(err);
    for unaddressed in &reminders.unaddressed {
        let entry = unaddressed.row.entry;
        writeln!(
            err,
            "{}:{}: warning: `{}` is not one person of the notes, so no one is reminded of {} ({})",
            entry.meeting.path.display(),
            entry.action.line,
            unaddressed.written,
            entry.action.id,
            entry.action.text
        )?;
    }
    err.flush()?;
    Ok(())
}

fn say_without_email(views: &[DigestView], err: &mut dyn Write) -> Result<(), CliError> {
    let without: Vec<&str> = views
        .iter()
        .filter(|v| v.email.is_none())
        .map(|v| v.name.as_str())
        .collect();
    if !without.is_empty() {
        writeln!(
            crate::text::EscapingWriter::new(err),
            "minutes: no email for {} (add `email:` to their entry under `people:` in minutes.yaml): {}",
            if without.len() == 1 {
                "1 person".to_string()
            } else {
                format!("{} people", without.len())
            },
            without.join(", ")
        )?;
    }
    Ok(())
}

/// A file a person in `dir` (made if missing), never over one that is
/// there unless `force`; an email only for a person with an address.
fn write_files(
    views: &[DigestView],
    format: RemindFormat,
    dir: &std::path::Path,
    force: bool,
    sender: &crate::mail::Sender,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<i32, CliError> {
    std::fs::create_dir_all(dir).map_err(|e| cannot_write(dir, e))?;
    let mut code = EXIT_OK;
    let mut names: Vec<String> = Vec::new();
    for view in views {
        if format == RemindFormat::Eml && view.email.is_none() {
            continue;
        }
        let name = unique(output::remind::file_name(view, format), &mut names);
        let path = dir.join(name);
        let written = output::remind::file(view, format, sender)
            .map_err(|why| io::Error::new(io::ErrorKind::InvalidData, why))
            .and_then(|bytes| crate::write::write_atomically(&path, &bytes, force));
        match written {
            Ok(()) => writeln!(out, "wrote {}", path.display())?,
            Err(error) => {
                let said = cannot_write(&path, error);
                writeln!(err, "minutes: {said}")?;
                code = EXIT_TOOL_ERROR;
            }
        }
    }
    Ok(code)
}

/// `name`, or `name-2.ext`… when two people's names make the same file.
fn unique(name: String, taken: &mut Vec<String>) -> String {
    let (stem, extension) = name.rsplit_once('.').unwrap_or((name.as_str(), ""));
    let mut candidate = name.clone();
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = format!("{stem}-{n}.{extension}");
        n += 1;
    }
    taken.push(candidate.clone());
    candidate
}

#[cfg(feature = "email")]
fn send(
    views: &[DigestView],
    smtp: &crate::mail::Smtp,
    sender: &crate::mail::Sender,
    dry_run: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<i32, CliError> {
    let mut code = EXIT_OK;
    let mut messages = Vec::new();
    let mut recipients = Vec::new();
    for view in views.iter().filter(|v| v.email.is_some()) {
        match output::remind::email(view, sender) {
            Ok(message) => {
                messages.push(message);
                recipients.push(view);
            }
            Err(why) => {
                writeln!(err, "minutes: {why}")?;
                code = EXIT_TOOL_ERROR;
            }
        }
    }
    let to = |view: &DigestView| format!("{} <{}>", view.name, view.email.as_deref().unwrap_or(""));
    let mut out = crate::text::EscapingWriter::new(out);
    if dry_run {
        if let Some(why) = smtp.missing_password() {
            writeln!(err, "minutes: {why}; --send without --dry-run stops here")?;
            code = EXIT_TOOL_ERROR;
        }
        writeln!(out, "would send through {}:", smtp.describe())?;
        for view in &recipients {
            writeln!(out, "  to {}: {}", to(view), view.subject)?;
        }
        out.flush()?;
        return Ok(code);
    }
    let results = smtp.send(&messages).map_err(CliError::Tool)?;
    for (view, result) in recipients.iter().zip(results) {
        match result {
            Ok(()) => writeln!(out, "sent to {}", to(view))?,
            Err(why) => {
                writeln!(err, "minutes: could not send to {}: {why}", to(view))?;
                code = EXIT_TOOL_ERROR;
            }
        }
    }
    out.flush()?;
    Ok(code)
}

#[cfg(not(feature = "email"))]
fn send(
    _views: &[DigestView],
    _smtp: &crate::mail::Smtp,
    _sender: &crate::mail::Sender,
    _dry_run: bool,
    _out: &mut dyn Write,
    _err: &mut dyn Write,
) -> Result<i32, CliError> {
    Err(CliError::Tool(
        "this minutes was built without the `email` feature, so it cannot send".into(),
    ))
}
