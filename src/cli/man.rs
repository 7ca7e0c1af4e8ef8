//! `minutes man`: a manual page for `minutes` and one for each subcommand
//! (`minutes-actions(1)`, …), made from the clap definitions, with the exit
//! codes and the environment every page shares, laid out so that
//! `mandoc -Tlint` has nothing to say.

use std::io::Write;
use std::path::Path;

use clap::CommandFactory;

use super::{Cli, CliError};

/// The section every page ends with: what the exit codes and environment
/// variables mean (the same for every subcommand).
const SHARED: &str = r#".SH EXIT STATUS
.TP
\fB0\fR
The command did its job.
.TP
\fB1\fR
\fBminutes lint\fR found errors (or, with \fB\-\-deny\-warnings\fR,
warnings); \fBlint \-\-diff\fR found something to fix; a name given to
\fB\-\-owner\fR or \fB\-\-person\fR matched no one, or more than one.
.TP
\fB2\fR
The command could not do its job: a bad flag or config, a path that does not
exist, a series no note has, or, with \fB\-\-strict\fR, a note that could not
be read.
.SH ENVIRONMENT
.TP
\fBCOLUMNS\fR
The width a table is fitted to on a terminal, instead of the terminal's own.
.TP
\fBMINUTES_CACHE_DIR\fR
Where the cache of parsed notes, the index of actions and lint's findings
are kept, instead of the user's cache folder.
.TP
\fBMINUTES_REMINDERS_FROM\fR
The sender of \fBminutes remind\fR's emails, instead of \fBreminders: from:\fR.
.TP
\fBMINUTES_SMTP_HOST\fR, \fBMINUTES_SMTP_PORT\fR, \fBMINUTES_SMTP_SECURITY\fR, \fBMINUTES_SMTP_USERNAME\fR
The SMTP server \fBminutes remind \-\-send\fR uses, instead of
\fBreminders: smtp:\fR in minutes.yaml; security is \fBstarttls\fR,
\fBtls\fR or \fBnone\fR.
.TP
\fBMINUTES_SMTP_PASSWORD\fR
The SMTP password: read from here only, never from a file or the command
line.
.TP
\fBNO_COLOR\fR
When set and not empty, no colour is written, even to a terminal
(\fB\-\-color always\fR still colours).
.TP
\fBTERM\fR
\fBdumb\fR: no colour, as with \fBNO_COLOR\fR.
"#;

/// Every page, by file name (`minutes.1`, `minutes-actions.1`, …).
pub(super) fn pages(date: &str) -> Result<Vec<(String, Vec<u8>)>, CliError> {
    let mut root = Cli::command().disable_help_subcommand(true);
    root.build();
    let mut pages = vec![page(root.clone(), date, &see_also(&root, None))?];
    for sub in root.get_subcommands().filter(|s| !s.is_hide_set()) {
        pages.push(page(
            sub.clone(),
            date,
            &see_also(&root, Some(sub.get_name())),
        )?);
    }
    Ok(pages)
}

/// The page of one command (`minutes` or a subcommand), in roff.
fn page(command: clap::Command, date: &str, see_also: &str) -> Result<(String, Vec<u8>), CliError> {
    let name = command
        .get_display_name()
        .unwrap_or_else(|| command.get_name())
        .to_string();
    let man = clap_mangen::Man::new(command)
        .title(name.to_uppercase())
        .date(date)
        .manual("minutes manual");
    let mut roff = Vec::new();
    man.render_title(&mut roff)?;
    man.render_name_section(&mut roff)?;
    man.render_synopsis_section(&mut roff)?;
    man.render_description_section(&mut roff)?;
    man.render_options_section(&mut roff)?;
    man.render_subcommands_section(&mut roff)?;
    man.render_extra_section(&mut roff)?;
    roff.extend_from_slice(SHARED.as_bytes());
    roff.extend_from_slice(see_also.as_bytes());
    Ok((
        man.get_filename(),
        tidy(&String::from_utf8_lossy(&roff)).into_bytes(),
    ))
}

/// `SEE ALSO`: the main page from a subcommand's, every subcommand's from
/// the main one.
fn see_also(root: &clap::Command, from: Option<&str>) -> String {
    let pages: Vec<String> = match from {
        Some(_) => vec![r"\fBminutes\fR(1)".to_string()],
        None => root
            .get_subcommands()
            .filter(|s| !s.is_hide_set())
            .map(|s| format!(r"\fBminutes\-{}\fR(1)", s.get_name().replace('-', r"\-")))
            .collect(),
    };
    format!(".SH SEE ALSO\n{}\n", pages.join(",\n"))
}

/// What mandoc's lint asks of the generated roff: ASCII, no trailing
/// blanks, no blank lines or doubled `.br`, and text lines no longer than 80
/// bytes (filled text is broken between words, which reads the same).
fn tidy(roff: &str) -> String {
    let mut out = String::new();
    let mut filled = true;
    let mut previous = String::new();
    for line in roff.lines() {
        // roff is ASCII: other characters as their escapes (`\[u00F7]`).
        let escaped = escape_non_ascii(line.trim_end());
        let line = escaped.as_str();
        // An empty line, or a second `.br`, is a paragraph mandoc skips.
        if line.is_empty() || (line == ".br" && previous == ".br") {
            continue;
        }
        previous = line.to_string();
        match line {
            ".nf" => filled = false,
            ".fi" => filled = true,
            _ => {}
        }
        if !filled || line.starts_with(['.', '\'']) || line.len() <= 80 {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let mut current = String::new();
        for word in line.split(' ') {
            if !current.is_empty() && current.len() + 1 + word.len() > 80 {
                out.push_str(&current);
                out.push('\n');
                current.clear();
            }
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
        }
        out.push_str(&current);
        out.push('\n');
    }
    out
}

fn escape_non_ascii(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for c in line.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            out.push_str(&format!("\\[u{:04X}]", u32::from(c)));
        }
    }
    out
}

/// `minutes man [COMMAND]` writes one page; `--out DIR` writes them all.
pub(super) fn run(
    command: Option<&str>,
    out_dir: Option<&Path>,
    force: bool,
    today: chrono::NaiveDate,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<i32, CliError> {
    let date = today.format("%B %-d, %Y").to_string();
    let pages = pages(&date)?;
    if let Some(dir) = out_dir {
        std::fs::create_dir_all(dir)?;
        for (name, roff) in &pages {
            let path = dir.join(name);
            crate::write::write_atomically(&path, roff, force).map_err(|why| {
                CliError::Tool(format!(
                    "{}: {why}{}",
                    path.display(),
                    if why.kind() == std::io::ErrorKind::AlreadyExists {
                        " (give --force to replace it)"
                    } else {
                        ""
                    }
                ))
            })?;
        }
        writeln!(
            err,
            "wrote {} manual pages to {}",
            pages.len(),
            dir.display()
        )?;
        return Ok(super::EXIT_OK);
    }
    let wanted = match command {
        Some(name) => format!("minutes-{name}.1"),
        None => "minutes.1".to_string(),
    };
    match pages.iter().find(|(name, _)| *name == wanted) {
        Some((_, roff)) => {
            out.write_all(roff)?;
            Ok(super::EXIT_OK)
        }
        None => {
            let names: Vec<&str> = pages
                .iter()
                .filter_map(|(name, _)| name.strip_prefix("minutes-")?.strip_suffix(".1"))
                .collect();
            Err(CliError::Tool(format!(
                "no command `{}`; the commands are: {}",
                command.unwrap_or_default(),
                names.join(", ")
            )))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::tidy;

    #[test]
    fn long_filled_lines_are_broken_between_words() {
        let long = "word ".repeat(30);
        let tidied = tidy(&format!(".TH X 1\n{long}\n.nf\n{long}\n.fi\n\n"));
        assert!(tidied.lines().filter(|l| !l.starts_with("word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word")).all(|l| l.len() <= 80));
        assert!(tidied.contains(".nf\nword"));
        assert!(!tidied.contains("\n\n"));
    }
}
