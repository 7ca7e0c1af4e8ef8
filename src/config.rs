//! `minutes.yaml`: lint rule severities, which files to check, the people
//! register, series members and quorums, and the file-size limit. Every
//! command reads it. A config that does not parse or names an unknown rule
//! is an error, never ignored.

use std::collections::BTreeMap;
use std::fmt;
use std::hash::Hasher;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;

use crate::problem::Severity;

pub const FILE_NAME: &str = "minutes.yaml";

/// The largest `minutes.yaml` read.
const MAX_CONFIG_SIZE: u64 = 4 * 1024 * 1024;

/// A rule's configured level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    Info,
    Off,
}

impl Level {
    /// The severity findings get at this level; `None` when the rule is off.
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Error => Some(Severity::Error),
            Level::Warning => Some(Severity::Warning),
            Level::Info => Some(Severity::Info),
            Level::Off => None,
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    #[serde(default)]
    rules: BTreeMap<String, Level>,
    #[serde(default)]
    include: Vec<String>,
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default)]
    people: Vec<RegisteredPerson>,
    #[serde(default)]
    series: BTreeMap<String, SeriesConfig>,
    #[serde(default)]
    max_file_size: Option<ByteSize>,
    #[serde(default)]
    reminders: RemindersConfig,
}

/// A size in bytes: a number, or text such as `64 MiB`, `500KB`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ByteSize(pub u64);

impl<'de> Deserialize<'de> for ByteSize {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Number(u64),
            Text(String),
        }
        match Raw::deserialize(deserializer)? {
            Raw::Number(bytes) => Ok(ByteSize(bytes)),
            Raw::Text(text) => parse_size(&text).map(ByteSize).ok_or_else(|| {
                serde::de::Error::custom(format!(
                    "`{text}` is not a size; write bytes, or a number with KB, MB, KiB or MiB"
                ))
            }),
        }
    }
}

fn parse_size(text: &str) -> Option<u64> {
    let text = text.trim();
    let digits_end = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(digits_end);
    let number: u64 = number.parse().ok()?;
    let multiplier: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" | "bytes" => 1,
        "kb" => 1000,
        "kib" => 1024,
        "mb" => 1000 * 1000,
        "mib" => 1024 * 1024,
        "gb" => 1000 * 1000 * 1000,
        "gib" => 1024 * 1024 * 1024,
        _ => return None,
    };
    number.checked_mul(multiplier)
}

/// What `series:` says of one series: its members and its quorum.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeriesConfig {
    #[serde(default)]
    pub members: Vec<String>,
    #[serde(default)]
    pub quorum: Option<usize>,
}

/// A person of the register: the canonical name and the other ways it is written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegisteredPerson {
    pub name: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub org: Option<String>,
    #[serde(default)]
    pub initials: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Where `minutes remind` sends this person's digest.
    #[serde(default)]
    pub email: Option<String>,
}

/// `reminders:`: who digests come from and the SMTP server that sends them.
/// The password is never here (a config is kept in a repository): it comes
/// from `MINUTES_SMTP_PASSWORD` alone.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RemindersConfig {
    /// The sender: `Clerk to the Board <clerk@example.org>`.
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub reply_to: Option<String>,
    #[serde(default)]
    pub smtp: SmtpConfig,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmtpConfig {
    #[serde(default)]
    pub host: Option<String>,
    #[serde(default)]
    pub port: Option<u16>,
    /// `starttls` (the default), `tls` (implicit, port 465) or `none`.
    #[serde(default)]
    pub security: Option<String>,
    #[serde(default)]
    pub username: Option<String>,
    /// Read only to refuse it with a message that says where a password goes.
    #[serde(default)]
    pub password: Option<serde_yaml::Value>,
}

#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The file it came from; `None` for the built-in defaults.
    pub path: Option<PathBuf>,
    rules: BTreeMap<String, Level>,
    /// The line of each rule in the file, for messages about it.
    rule_lines: BTreeMap<String, usize>,
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
    /// Globs are relative to the config's folder.
    root: PathBuf,
    pub people: Vec<RegisteredPerson>,
    /// By series name as written in the config.
    pub series: BTreeMap<String, SeriesConfig>,
    pub reminders: RemindersConfig,
    max_file_size: Option<u64>,
    /// A hash of the file's path and bytes: what a cache of lint's findings
    /// depends on (0 for the built-in defaults).
    fingerprint: u64,
}

/// Why a config could not be used: `file:line: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub message: String,
}

impl std::error::Error for ConfigError {}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl Config {
    /// The config for `start`: `minutes.yaml` in its folder or the nearest
    /// folder above, stopping at the repository root (a folder with `.git`).
    pub fn discover(start: &Path) -> Result<Config, ConfigError> {
        let start = std::path::absolute(start).unwrap_or_else(|_| start.to_path_buf());
        let mut folder = if start.is_dir() {
            Some(start.as_path())
        } else {
            start.parent()
        };
        while let Some(dir) = folder {
            let candidate = dir.join(FILE_NAME);
            if candidate.is_file() {
                return Config::load(&candidate);
            }
            if dir.join(".git").exists() {
                break;
            }
            folder = dir.parent();
        }
        Ok(Config::default())
    }

    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let error = |line: Option<usize>, message: String| ConfigError {
            path: path.to_path_buf(),
            line,
            message,
        };
        // A config is a few kilobytes; a larger one, or a pipe, is refused.
        let bytes = crate::read::read_regular(path, MAX_CONFIG_SIZE)
            .map_err(|e| error(None, format!("cannot read: {e}")))?;
        let text =
            String::from_utf8(bytes).map_err(|e| error(None, format!("not UTF-8 text: {e}")))?;
        let file: ConfigFile = if text.trim().is_empty() {
            ConfigFile::default()
        } else {
            serde_yaml::from_str(&text).map_err(|e| {
                let line = e.location().map(|at| at.line());
                error(
                    line,
                    format!("not a valid config: {}", strip_location(&e.to_string())),
                )
            })?
        };
        if file.reminders.smtp.password.is_some() {
            return Err(error(
                line_of(&text, "password"),
                "a password is never kept in minutes.yaml (it is shared with the notes); \
                 set MINUTES_SMTP_PASSWORD in the environment of `minutes remind --send`"
                    .to_string(),
            ));
        }
        // Which rule names exist is lint's to say (`lint::check_config`).
        let rule_lines = file
            .rules
            .keys()
            .filter_map(|rule| Some((rule.clone(), line_of(&text, rule)?)))
            .collect();
        let root = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let globs = |patterns: &[String], key: &str| -> Result<Option<GlobSet>, ConfigError> {
            if patterns.is_empty() {
                return Ok(None);
            }
            let mut builder = GlobSetBuilder::new();
            for pattern in patterns {
                let glob = Glob::new(pattern).map_err(|e| {
                    error(
                        line_of(&text, pattern),
                        format!("bad `{key}` pattern `{pattern}`: {e}"),
                    )
                })?;
                builder.add(glob);
            }
            builder
                .build()
                .map(Some)
                .map_err(|e| error(None, format!("bad `{key}` patterns: {e}")))
        };
        Ok(Config {
            path: Some(path.to_path_buf()),
            include: globs(&file.include, "include")?,
            exclude: globs(&file.exclude, "exclude")?,
            rules: file.rules,
            rule_lines,
            root,
            people: file.people,
            series: file.series,
            reminders: file.reminders,
            max_file_size: file.max_file_size.map(|size| size.0),
            fingerprint: {
                let mut hash = fnv::FnvHasher::default();
                hash.write(path.as_os_str().as_encoded_bytes());
                hash.write(&[0]);
                hash.write(text.as_bytes());
                hash.finish()
            },
        })
    }

    /// A hash of everything the config says, for caches of what depends on
    /// it: its file, and the fields code may set after loading it.
    pub fn fingerprint(&self) -> u64 {
        let mut hash = fnv::FnvHasher::default();
        hash.write(&self.fingerprint.to_le_bytes());
        hash.write(format!("{:?}{:?}", self.people, self.series).as_bytes());
        hash.finish()
    }

    /// The level the config sets for the rule `id`, if it sets one.
    pub fn rule_level(&self, id: &str) -> Option<Level> {
        self.rules.get(id).copied()
    }

    /// The rules the config names, each with its line in the file.
    pub fn named_rules(&self) -> impl Iterator<Item = (&str, Option<usize>)> {
        self.rules
            .keys()
            .map(|rule| (rule.as_str(), self.rule_lines.get(rule).copied()))
    }

    /// Whether `include` and `exclude` let `path` be checked.
    pub fn selects(&self, path: &Path) -> bool {
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let relative = absolute.strip_prefix(&self.root).unwrap_or(path);
        let included = self
            .include
            .as_ref()
            .is_none_or(|set| set.is_match(relative));
        let excluded = self
            .exclude
            .as_ref()
            .is_some_and(|set| set.is_match(relative));
        included && !excluded
    }

    /// The folder of the config file, `None` for the built-in defaults.
    pub fn root(&self) -> Option<&Path> {
        self.path.as_ref().map(|_| self.root.as_path())
    }

    /// The largest file read as a note.
    pub fn max_file_size(&self) -> u64 {
        self.max_file_size
            .unwrap_or(crate::read::DEFAULT_MAX_FILE_SIZE)
    }

    /// The configuration of the series called `name` (ignoring case and spacing).
    pub fn series_config(&self, name: &str) -> Option<&SeriesConfig> {
        self.series
            .iter()
            .find(|(configured, _)| crate::text::same_series(configured, name))
            .map(|(_, config)| config)
    }
}

/// serde_yaml puts `at line N column M` in its messages; the line is ours to print.
fn strip_location(message: &str) -> String {
    match message.find(" at line ") {
        Some(at) => message.get(..at).unwrap_or(message).to_string(),
        None => message.to_string(),
    }
}

/// The first line of `text` that mentions `needle` (for errors about a value).
fn line_of(text: &str, needle: &str) -> Option<usize> {
    text.lines()
        .position(|line| line.contains(needle))
        .map(|at| at + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, text: &str) -> PathBuf {
        let path = dir.join(FILE_NAME);
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn severities_globs_and_people_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(
            dir.path(),
            "rules:\n  action-no-due: warning\n  chair-not-present: off\nexclude: [\"drafts/**\"]\npeople:\n  - name: James Griffin\n    initials: JGr\n    aliases: [Jim Griffin]\n",
        );
        let config = Config::load(&path).unwrap();
        assert_eq!(config.rule_level("action-no-due"), Some(Level::Warning));
        assert_eq!(config.rule_level("chair-not-present"), Some(Level::Off));
        assert_eq!(config.rule_level("action-no-owner"), None);
        let named: Vec<(&str, Option<usize>)> = config.named_rules().collect();
        assert_eq!(
            named,
            [("action-no-due", Some(2)), ("chair-not-present", Some(3))]
        );
        assert!(!config.selects(&dir.path().join("drafts/a.md")));
        assert!(config.selects(&dir.path().join("notes/a.md")));
        let james = &config.people[0];
        assert_eq!(
            (james.initials.as_deref(), james.aliases.as_slice()),
            (Some("JGr"), ["Jim Griffin".to_string()].as_slice())
        );
    }

    #[test]
    fn bad_yaml_and_bad_levels_are_errors_with_lines() {
        let dir = tempfile::tempdir().unwrap();
        let err = Config::load(&write(dir.path(), "rules:\n  action-no-due: loud\n")).unwrap_err();
        assert_eq!(err.line, Some(2), "{err}");
        let err = Config::load(&write(dir.path(), "rulez: {}\n")).unwrap_err();
        assert!(err.message.contains("unknown field `rulez`"), "{err}");
    }

    #[test]
    fn discovery_walks_up_and_stops_at_the_repository_root() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "rules:\n  action-no-due: error\n");
        let repo = dir.path().join("repo");
        std::fs::create_dir_all(repo.join(".git")).unwrap();
        std::fs::create_dir_all(repo.join("notes")).unwrap();
        let found = Config::discover(&repo.join("notes")).unwrap();
        assert_eq!(
            found.path, None,
            "the config above the repository is not used"
        );
        write(&repo, "");
        let found = Config::discover(&repo.join("notes")).unwrap();
        assert_eq!(found.path, Some(repo.join(FILE_NAME)));
    }
}
