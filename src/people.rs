//! Who is who: one entry per real person, from the `people:` register and
//! the notes, and the resolution of every spelling to one of them.
//!
//! A spelling resolves, in this order (docs/format.md, "Resolving names"):
//! by its name key (`crate::names::name_key`: case, accents, apostrophe
//! style, full stops and title ignored); by a one-word name listed in the
//! note (`Cllr Hadfield`); by a register alias or initials; and then, as a
//! clerk would, by a short form that fits exactly one person of the note
//! (listed in it, or a member of its series): title and surname (`Dr
//! Pryce`), initials and surname (`J. Davies`), first name and perhaps an
//! initial (`Tony`, `Tony R`). A spelling that fits several people is
//! ambiguous and stays unresolved: it is never guessed.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::cache::codec::{Decoded, Reader, Writer};
use crate::config::Config;
use crate::model::{Meeting, Person};
use crate::names::{canonical_title, name_key, titles_contradict};
use crate::parse::people::parse_person;
use crate::text::series_key;

/// One real person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Known {
    /// The register's name, else the spelling the notes use most.
    pub name: String,
    pub title: Option<String>,
    pub orgs: Vec<String>,
    pub initials: Option<String>,
    pub aliases: Vec<String>,
    /// In the `people:` register, not only seen in notes.
    pub registered: bool,
    /// The name's key, whose words short forms are matched against.
    key: String,
}

impl Known {
    pub fn display_name(&self) -> String {
        match &self.title {
            Some(title) => format!("{title} {}", self.name),
            None => self.name.clone(),
        }
    }
}

/// How a spelling was resolved, for `minutes people --explain`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum How {
    /// Its name key is the person's.
    Name,
    Alias(String),
    Initials(String),
    /// A short form that fits one person: of the note (`in_note`), or, for
    /// a name typed on the command line, of everyone known.
    Short {
        form: ShortKind,
        in_note: bool,
    },
}

/// The short forms a clerk writes a name in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShortKind {
    /// `Dr Pryce`, `Cllr Hale`.
    TitleSurname,
    /// `J. Davies`, `J R Davies`, `Cllr J Davies`.
    InitialsSurname,
    /// `Tony`, `Tony R`.
    FirstName,
    /// `HS`, `JGR`: two or three capitals that are the initials of the
    /// person's names (first and last, or every one).
    Initials,
}

impl ShortKind {
    pub fn describe(self) -> &'static str {
        match self {
            ShortKind::TitleSurname => "title and surname",
            ShortKind::InitialsSurname => "initials and surname",
            ShortKind::FirstName => "first name (and initial)",
            ShortKind::Initials => "initials",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    Found { person: usize, how: How },
    Ambiguous { candidates: Vec<usize> },
    Unknown,
}

impl Resolution {
    pub fn person(&self) -> Option<usize> {
        match self {
            Resolution::Found { person, .. } => Some(*person),
            _ => None,
        }
    }
}

/// One step of a resolution and who it found, for `--explain`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub step: StepKind,
    /// Empty when nobody fits.
    pub found: Vec<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepKind {
    Name,
    ListedSingle,
    Alias,
    Short(ShortKind),
    /// Short forms narrowed by the title written (`Mrs` is not `Mr`).
    Title,
}

impl StepKind {
    pub fn describe(self) -> &'static str {
        match self {
            StepKind::Name => "name (case, accents, apostrophes, full stops and title ignored)",
            StepKind::ListedSingle => "a one-word name listed in the note",
            StepKind::Alias => "an alias or initials",
            StepKind::Short(kind) => kind.describe(),
            StepKind::Title => "narrowed by the title written",
        }
    }
}

#[derive(Debug, Default)]
pub struct Directory {
    pub people: Vec<Known>,
    by_name: FxHashMap<String, usize>,
    by_alias: FxHashMap<String, (usize, bool)>,
    /// One-word names listed in notes (`Hadfield`, `Tim`): one person per
    /// series, since a surname alone says nothing across bodies.
    by_single: FxHashMap<(String, String), usize>,
    single_keys: FxHashSet<String>,
    /// The members `series:` declares, by series key.
    members: FxHashMap<String, Vec<usize>>,
    /// People by the first two letters of each word of their key, for
    /// suggestions: comparing an unknown name with everyone known made lint
    /// quadratic (8,000 unknown owners against 8,000 listed: 21 s).
    by_word_start: FxHashMap<String, Vec<usize>>,
}

/// The directory in the cache's binary form, for indexes that answer
/// without the notes it was built from. Destructured without `..`, so that
/// a field added to it does not compile until it is kept too.
impl Directory {
    pub fn encode(&self, w: &mut Writer) {
        let Directory {
            people,
            by_name,
            by_alias,
            by_single,
            single_keys,
            members,
            by_word_start,
        } = self;
        w.seq(people, |w, known| {
            let Known {
                name,
                title,
                orgs,
                initials,
                aliases,
                registered,
                key,
            } = known;
            w.str(name);
            w.opt_str(title);
            w.seq(orgs, |w, s| w.str(s));
            w.opt_str(initials);
            w.seq(aliases, |w, s| w.str(s));
            w.bool(*registered);
            w.str(key);
        });
        let by_name: Vec<_> = by_name.iter().collect();
        w.seq(&by_name, |w, (key, at)| {
            w.str(key);
            w.usize(**at);
        });
        let by_alias: Vec<_> = by_alias.iter().collect();
        w.seq(&by_alias, |w, (key, (at, initials))| {
            w.str(key);
            w.usize(*at);
            w.bool(*initials);
        });
        let by_single: Vec<_> = by_single.iter().collect();
        w.seq(&by_single, |w, ((series, key), at)| {
            w.str(series);
            w.str(key);
            w.usize(**at);
        });
        let single_keys: Vec<_> = single_keys.iter().collect();
        w.seq(&single_keys, |w, key| w.str(key));
        for lists in [members, by_word_start] {
            let lists: Vec<_> = lists.iter().collect();
            w.seq(&lists, |w, (key, people)| {
                w.str(key);
                w.seq(people, |w, at| w.usize(*at));
            });
        }
    }

    pub fn decode(r: &mut Reader) -> Decoded<Directory> {
        let people = r.seq(|r| {
            Ok(Known {
                name: r.str()?,
                title: r.opt_str()?,
                orgs: r.seq(Reader::str)?,
                initials: r.opt_str()?,
                aliases: r.seq(Reader::str)?,
                registered: r.bool()?,
                key: r.str()?,
            })
        })?;
        let by_name = r.seq(|r| Ok((r.str()?, r.usize()?)))?;
        let by_alias = r.seq(|r| Ok((r.str()?, (r.usize()?, r.bool()?))))?;
        let by_single = r.seq(|r| Ok(((r.str()?, r.str()?), r.usize()?)))?;
        let single_keys = r.seq(Reader::str)?;
        let lists = |r: &mut Reader| r.seq(|r| Ok((r.str()?, r.seq(Reader::usize)?)));
        let members = lists(r)?;
        let by_word_start = lists(r)?;
        Ok(Directory {
            people,
            by_name: by_name.into_iter().collect(),
            by_alias: by_alias.into_iter().collect(),
            by_single: by_single.into_iter().collect(),
            single_keys: single_keys.into_iter().collect(),
            members: members.into_iter().collect(),
            by_word_start: by_word_start.into_iter().collect(),
        })
    }
}

/// A name as the steps of a resolution see it.
struct Spelling<'s> {
    key: String,
    title: Option<&'s str>,
    /// Two or three capitals written alone (`HS`), lower-cased: perhaps initials.
    capitals: Option<Vec<char>>,
}

impl<'s> Spelling<'s> {
    fn new(name: &str, title: Option<&'s str>) -> Self {
        let trimmed = name.trim();
        let capitals = (title.is_none()
            && (2..=3).contains(&trimmed.len())
            && trimmed.chars().all(|c| c.is_ascii_uppercase()))
        .then(|| trimmed.chars().map(|c| c.to_ascii_lowercase()).collect());
        Spelling {
            key: name_key(name),
            title,
            capitals,
        }
    }
}

impl Directory {
    /// Everyone in the register and the series' members, then everyone
    /// listed or owning an action under a full name in `meetings`.
    pub fn build(config: &Config, meetings: &[Meeting]) -> Directory {
        Directory::build_from(config, meetings.iter())
    }

    /// As [`Directory::build`], from what each note says of its people, in
    /// the folder's order (date, then file).
    pub fn build_from<'m, N: NotePeople<'m>>(
        config: &Config,
        notes: impl Iterator<Item = N> + Clone,
    ) -> Directory {
        let mut builder = Builder::new(config, notes.clone());
        // The same owners recur in note after note: each spelling is looked
        // at once, and counted for the name shown.
        // Spellings in the order first written (for ties), with their counts.
        let mut written: Vec<(&str, usize)> = Vec::new();
        let mut written_at: FxHashMap<&str, usize> = FxHashMap::default();
        for note in notes {
            // Built when an owner needs it, once a note: the note's people
            // do not change as owners are learnt.
            let mut index: Option<NoteIndex> = None;
            for person in note.owners() {
                if let Some(at) = written_at.get(person.name.as_str()) {
                    if let Some((_, count)) = written.get_mut(*at) {
                        *count += 1;
                    }
                    continue;
                }
                written_at.insert(&person.name, written.len());
                written.push((&person.name, 1));
                let key = person.key();
                let directory = &builder.directory;
                // `J. Davies` or `Dr Pryce` is somebody of the note, not a
                // new person, when a short form finds them (or several).
                if is_full_name(&key)
                    && !directory.by_name.contains_key(&key)
                    && !directory.by_alias.contains_key(&key)
                    && directory.resolve_in(
                        person,
                        index.get_or_insert_with(|| directory.note_index_of(note)),
                    ) == Resolution::Unknown
                {
                    builder.learn(person, &series_key(note.series()));
                }
            }
        }
        for (spelling, times) in written {
            if let Some(at) = builder.directory.by_name.get(&name_key(spelling)).copied() {
                builder.count_times(at, spelling, times);
            }
        }
        builder.finish()
    }

    /// The register, the series' members and the people the notes list,
    /// but not action owners who appear nowhere else: what
    /// `action-owner-unknown` checks against.
    pub fn listed_only(config: &Config, meetings: &[Meeting]) -> Directory {
        Builder::new(config, meetings.iter()).finish()
    }

    /// The person a listed mention (by its key) is, in its note's series.
    fn listed_person(&self, key: &str, series: &str) -> Option<usize> {
        self.by_name
            .get(key)
            .or_else(|| self.by_single.get(&(series.to_string(), key.to_string())))
            .or_else(|| self.by_alias.get(key).map(|(at, _)| at))
            .copied()
    }

    /// Resolves a spelling (`Dr Pryce (ICB)`) written in `meeting`, or typed
    /// on the command line when `meeting` is `None`.
    pub fn resolve(&self, spelling: &str, meeting: Option<&Meeting>) -> Resolution {
        self.resolve_mention(&as_mention(spelling), meeting)
    }

    /// Resolves a mention of a note (its name and title). Many mentions of
    /// one note resolve faster through `note_index` and `resolve_in`.
    pub fn resolve_mention(&self, person: &Person, meeting: Option<&Meeting>) -> Resolution {
        let index = meeting.map(|m| self.note_index(m));
        self.resolve_name(person, index.as_ref(), &mut None)
    }

    /// Resolves a mention of the note that `index` was built for.
    pub fn resolve_in(&self, person: &Person, index: &NoteIndex) -> Resolution {
        self.resolve_name(person, Some(index), &mut None)
    }

    /// As `resolve`, with every step tried and who it found.
    pub fn explain(&self, spelling: &str, meeting: Option<&Meeting>) -> (Resolution, Vec<Step>) {
        self.explain_mention(&as_mention(spelling), meeting)
    }

    /// As `resolve_mention`, with every step tried and who it found.
    pub fn explain_mention(
        &self,
        person: &Person,
        meeting: Option<&Meeting>,
    ) -> (Resolution, Vec<Step>) {
        let index = meeting.map(|m| self.note_index(m));
        let mut steps = Some(Vec::new());
        let resolution = self.resolve_name(person, index.as_ref(), &mut steps);
        (resolution, steps.unwrap_or_default())
    }

    /// The people of `meeting`, indexed for resolving its short forms.
    pub fn note_index(&self, meeting: &Meeting) -> NoteIndex {
        self.note_index_of(meeting)
    }

    fn note_index_of<'m>(&self, note: impl NotePeople<'m>) -> NoteIndex {
        let series = series_key(note.series());
        let mut index = NoteIndex {
            listed_keys: FxHashSet::default(),
            titles: FxHashMap::default(),
            buckets: FxHashMap::default(),
            series,
        };
        for person in note.listed() {
            let key = person.key();
            let found = self.listed_person(&key, &index.series);
            index.listed_keys.insert(key);
            if let Some(at) = found {
                let title = person.title.clone().or_else(|| self.title_of(at));
                index.add(at, title, self);
            }
        }
        for at in self.members.get(&index.series).into_iter().flatten() {
            index.add(*at, self.title_of(*at), self);
        }
        index
    }

    fn title_of(&self, at: usize) -> Option<String> {
        self.people.get(at).and_then(|k| k.title.clone())
    }

    fn resolve_name(
        &self,
        person: &Person,
        note: Option<&NoteIndex>,
        trace: &mut Option<Vec<Step>>,
    ) -> Resolution {
        let name = person.name.as_str();
        let spelling = Spelling::new(name, person.title.as_deref());
        if spelling.key.is_empty() {
            return Resolution::Unknown;
        }
        let mut note_step = |step: StepKind, found: &[usize]| {
            if let Some(steps) = trace.as_mut() {
                steps.push(Step {
                    step,
                    found: found.to_vec(),
                });
            }
        };
        let by_name: Vec<usize> = self
            .by_name
            .get(&spelling.key)
            .copied()
            .into_iter()
            .collect();
        note_step(StepKind::Name, &by_name);
        if let [person] = by_name.as_slice() {
            return Resolution::Found {
                person: *person,
                how: How::Name,
            };
        }
        if self.single_keys.contains(&spelling.key) {
            let singles = self.singles(&spelling.key, note);
            note_step(StepKind::ListedSingle, &singles);
            match singles.as_slice() {
                [] => {}
                [person] => {
                    return Resolution::Found {
                        person: *person,
                        how: How::Name,
                    };
                }
                _ => {
                    return Resolution::Ambiguous {
                        candidates: singles,
                    };
                }
            }
        }
        let alias = self.by_alias.get(&spelling.key);
        note_step(
            StepKind::Alias,
            &alias.map(|(at, _)| *at).into_iter().collect::<Vec<_>>(),
        );
        if let Some((person, initials)) = alias {
            let how = if *initials {
                How::Initials(name.to_string())
            } else {
                How::Alias(name.to_string())
            };
            return Resolution::Found {
                person: *person,
                how,
            };
        }
        let forms = Short::parse(&spelling);
        if forms.is_empty() {
            return Resolution::Unknown;
        }
        let fits =
            |at: usize, short: &Short| self.people.get(at).is_some_and(|k| short.fits(&k.key));
        let mut candidates: Vec<usize> = Vec::new();
        for short in &forms {
            let found: Vec<usize> = match note {
                Some(index) => index
                    .candidates(short)
                    .filter(|at| fits(*at, short))
                    .collect(),
                None => (0..self.people.len())
                    .filter(|at| fits(*at, short))
                    .collect(),
            };
            note_step(StepKind::Short(short.kind()), &found);
            candidates.extend(found);
        }
        candidates.sort_unstable();
        candidates.dedup();
        if let Some(title) = spelling.title {
            if !candidates.is_empty() {
                let title_of = |at: usize| match note {
                    Some(index) => index.titles.get(&at).cloned().flatten(),
                    None => self.title_of(at),
                };
                let narrowed = narrow_by_title(&candidates, title, title_of);
                if narrowed != candidates {
                    note_step(StepKind::Title, &narrowed);
                    candidates = narrowed;
                }
            }
        }
        match candidates.as_slice() {
            [] => Resolution::Unknown,
            [person] => {
                let form = forms
                    .iter()
                    .find(|short| fits(*person, short))
                    .map_or(ShortKind::FirstName, Short::kind);
                Resolution::Found {
                    person: *person,
                    how: How::Short {
                        form,
                        in_note: note.is_some(),
                    },
                }
            }
            _ => Resolution::Ambiguous { candidates },
        }
    }

    /// The one-word names with this key: listed in the note, or, with no
    /// note, in any series.
    fn singles(&self, key: &str, note: Option<&NoteIndex>) -> Vec<usize> {
        match note {
            Some(index) => self
                .by_single
                .get(&(index.series.clone(), key.to_string()))
                .filter(|_| index.listed_keys.contains(key))
                .copied()
                .into_iter()
                .collect(),
            None => {
                let mut found: Vec<usize> = self
                    .by_single
                    .iter()
                    .filter(|((_, single), _)| single == key)
                    .map(|(_, at)| *at)
                    .collect();
                found.sort_unstable();
                found.dedup();
                found
            }
        }
    }

    pub fn get(&self, at: usize) -> Option<&Known> {
        self.people.get(at)
    }

    /// The known name most like `spelling` (compared by name key, so blind
    /// to accents, apostrophes and case), when it is like enough to suggest.
    /// Only names that share the first two letters of a word with it are
    /// compared, at most `SUGGESTION_CANDIDATES` of them: a typo in the
    /// start of every word goes without a suggestion.
    pub fn suggest(&self, spelling: &str) -> Option<&str> {
        let key = as_mention(spelling).key();
        let mut candidates: Vec<usize> = key
            .split(' ')
            .filter_map(word_start)
            .filter_map(|start| self.by_word_start.get(start))
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        candidates.truncate(SUGGESTION_CANDIDATES);
        candidates
            .into_iter()
            .filter_map(|at| self.people.get(at))
            .map(|k| (strsim::jaro_winkler(&key, &k.key), k.name.as_str()))
            .filter(|(score, _)| *score >= 0.8)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, name)| name)
    }

    /// The canonical names of `candidates`, joined for a message.
    pub fn describe(&self, candidates: &[usize]) -> String {
        candidates
            .iter()
            .filter_map(|at| self.get(*at))
            .map(|k| format!("`{}`", k.name))
            .collect::<Vec<_>>()
            .join(" or ")
    }

    /// Whether the answer for `key` (and this title) is the same in every
    /// note: `Some(person or none)`, or `None` when it depends on the note.
    fn note_independent(&self, key: &str, title: Option<&str>) -> Option<Option<usize>> {
        if let Some(at) = self.by_name.get(key) {
            return Some(Some(*at));
        }
        if self.single_keys.contains(key) {
            return None;
        }
        if let Some((at, _)) = self.by_alias.get(key) {
            return Some(Some(*at));
        }
        let spelling = Spelling {
            key: key.to_string(),
            title,
            capitals: None,
        };
        // Capitals alone are one word, which `Short::parse` takes for a first name.
        if Short::parse(&spelling).is_empty() {
            Some(None)
        } else {
            None
        }
    }
}

/// How many known names a suggestion is chosen from, at most.
const SUGGESTION_CANDIDATES: usize = 256;

/// The first two letters of a word of a key (one, for a one-letter word).
fn word_start(word: &str) -> Option<&str> {
    let end = word.char_indices().nth(2).map_or(word.len(), |(at, _)| at);
    word.get(..end).filter(|start| !start.is_empty())
}

/// Candidates whose title contradicts `title` (`Mrs` for `Mr James`) are
/// set aside; and when several remain, every one of them with a known title,
/// those whose title is `title`'s. A candidate with no known title may have
/// any, so it is never set aside for a match elsewhere: that would be a guess.
fn narrow_by_title(
    candidates: &[usize],
    title: &str,
    title_of: impl Fn(usize) -> Option<String>,
) -> Vec<usize> {
    let kept: Vec<usize> = candidates
        .iter()
        .copied()
        .filter(|at| title_of(*at).is_none_or(|theirs| !titles_contradict(title, &theirs)))
        .collect();
    if kept.len() < 2 || kept.iter().any(|at| title_of(*at).is_none()) {
        return kept;
    }
    let wanted = canonical_title(title);
    let same: Vec<usize> = kept
        .iter()
        .copied()
        .filter(|at| title_of(*at).is_some_and(|t| canonical_title(&t) == wanted))
        .collect();
    if same.is_empty() { kept } else { same }
}

/// The people of one note (listed in it, or declared members of its
/// series), with the title the note gives each, and bucketed by the words a
/// short form is matched on, so that resolving every owner of a note with
/// thousands of people is not thousands × thousands.
#[derive(Debug)]
pub struct NoteIndex {
    series: String,
    /// The keys of every name listed in the note.
    listed_keys: FxHashSet<String>,
    titles: FxHashMap<usize, Option<String>>,
    /// People by `f` + first word, `l` + last word, `i` + initials.
    buckets: FxHashMap<String, Vec<usize>>,
}

impl NoteIndex {
    fn add(&mut self, at: usize, title: Option<String>, directory: &Directory) {
        if let Some(known) = self.titles.get_mut(&at) {
            if known.is_none() {
                *known = title;
            }
            return;
        }
        self.titles.insert(at, title);
        let Some(key) = directory.people.get(at).map(|k| k.key.as_str()) else {
            return;
        };
        let words: Vec<&str> = key.split(' ').collect();
        let initial = |w: &&str| w.chars().next();
        let every: String = words.iter().filter_map(initial).collect();
        let first_last: String = [words.first(), words.last()]
            .into_iter()
            .flatten()
            .filter_map(initial)
            .collect();
        let mut labels = vec![format!("i{every}")];
        if first_last != every {
            labels.push(format!("i{first_last}"));
        }
        if let (Some(first), Some(last)) = (words.first(), words.last()) {
            labels.push(format!("f{first}"));
            labels.push(format!("l{last}"));
        }
        for label in labels {
            self.buckets.entry(label).or_default().push(at);
        }
    }

    /// The people a short form could fit (a superset; `Short::fits` decides).
    fn candidates<'s>(&'s self, short: &Short) -> impl Iterator<Item = usize> + 's {
        let label = match short {
            Short::FirstName { first, .. } => format!("f{first}"),
            Short::TitleSurname { surname } | Short::InitialsSurname { surname, .. } => {
                format!("l{}", surname.last().copied().unwrap_or_default())
            }
            Short::Initials { letters } => format!("i{}", letters.iter().collect::<String>()),
        };
        self.buckets.get(&label).into_iter().flatten().copied()
    }
}

/// Builds a directory: the register, the series' members, the notes' lists.
struct Builder<'c> {
    directory: Directory,
    config: &'c Config,
    /// How often each person's name is written each way, to show the most used.
    spellings: Vec<Vec<(String, usize)>>,
}

impl<'c> Builder<'c> {
    fn new<'m, N: NotePeople<'m>>(config: &'c Config, notes: impl Iterator<Item = N>) -> Self {
        let mut builder = Builder {
            directory: Directory::default(),
            config,
            spellings: Vec::new(),
        };
        for person in &config.people {
            builder.add_registered(person);
        }
        // A mention exactly like an earlier one teaches nothing new (a name,
        // once found, stays found): only its spelling is counted.
        let mut seen: FxHashMap<(Mention, &str), Option<usize>> = FxHashMap::default();
        for note in notes {
            let series = series_key(note.series());
            for person in note.listed() {
                let mention = (Mention::of(person), note.series());
                let at = match seen.get(&mention) {
                    Some(at) => *at,
                    None => {
                        let at = builder.learn(person, &series);
                        seen.insert(mention, at);
                        at
                    }
                };
                if let Some(at) = at {
                    builder.count(at, &person.name);
                }
            }
        }
        builder.add_members();
        builder
    }

    fn add_registered(&mut self, person: &crate::config::RegisteredPerson) {
        let parsed = parse_person(&person.name, 0);
        let name = parsed
            .as_ref()
            .map_or(person.name.clone(), |p| p.name.clone());
        let at = self.push(Known {
            key: name_key(&name),
            name,
            title: person.title.clone().or(parsed.and_then(|p| p.title)),
            orgs: person.org.iter().cloned().collect(),
            initials: person.initials.clone(),
            aliases: person.aliases.clone(),
            registered: true,
        });
        let directory = &mut self.directory;
        if let Some(known) = directory.people.get(at) {
            directory.by_name.insert(known.key.clone(), at);
        }
        for alias in &person.aliases {
            // Keyed like a spelling: without its title or org.
            let alias_name = parse_person(alias, 0).map_or_else(|| alias.clone(), |p| p.name);
            directory
                .by_alias
                .insert(name_key(&alias_name), (at, false));
        }
        if let Some(initials) = &person.initials {
            directory.by_alias.insert(name_key(initials), (at, true));
        }
    }

    /// The members each series declares: people too, even if no note lists them.
    fn add_members(&mut self) {
        let config = self.config;
        for (series, settings) in &config.series {
            let series = series_key(series);
            let mut members = Vec::new();
            for member in &settings.members {
                if let Some(person) = parse_person(member, 0) {
                    if let Some(at) = self.learn(&person, &series) {
                        members.push(at);
                    }
                }
            }
            self.directory.members.insert(series, members);
        }
    }

    fn push(&mut self, known: Known) -> usize {
        self.directory.people.push(known);
        self.spellings.push(Vec::new());
        self.directory.people.len() - 1
    }

    /// A person seen in the notes only, under the name as written.
    fn push_seen(&mut self, name: &str, key: &str) -> usize {
        self.push(Known {
            name: name.to_string(),
            title: None,
            orgs: Vec::new(),
            initials: None,
            aliases: Vec::new(),
            registered: false,
            key: key.to_string(),
        })
    }

    fn count(&mut self, at: usize, spelling: &str) {
        self.count_times(at, spelling, 1);
    }

    fn count_times(&mut self, at: usize, spelling: &str, times: usize) {
        let Some(counts) = self.spellings.get_mut(at) else {
            return;
        };
        match counts.iter_mut().find(|(s, _)| s == spelling) {
            Some((_, n)) => *n += times,
            None => counts.push((spelling.to_string(), times)),
        }
    }

    /// Adds what a mention in a note of `series` tells (a new person,
    /// another org, initials): the person, or `None` for a mention with no
    /// name the directory can hold.
    fn learn(&mut self, person: &Person, series: &str) -> Option<usize> {
        let key = person.key();
        if key.is_empty() {
            return None;
        }
        let directory = &self.directory;
        let found = directory
            .by_name
            .get(&key)
            .or_else(|| directory.by_alias.get(&key).map(|(at, _)| at))
            .copied();
        let at = match found {
            Some(at) => at,
            None if is_full_name(&key) => {
                let at = self.push_seen(&person.name, &key);
                self.directory.by_name.insert(key, at);
                at
            }
            None => {
                let single = (series.to_string(), key.clone());
                match self.directory.by_single.get(&single) {
                    Some(at) => *at,
                    None => {
                        let at = self.push_seen(&person.name, &key);
                        self.directory.by_single.insert(single, at);
                        self.directory.single_keys.insert(key);
                        at
                    }
                }
            }
        };
        let known = self.directory.people.get_mut(at)?;
        if known.title.is_none() {
            known.title.clone_from(&person.title);
        }
        if let Some(org) = &person.org {
            if !known.orgs.iter().any(|o| o.eq_ignore_ascii_case(org)) {
                known.orgs.push(org.clone());
            }
        }
        if let Some(initials) = &person.initials {
            if known.initials.is_none() {
                known.initials = Some(initials.clone());
            }
            self.directory
                .by_alias
                .entry(name_key(initials))
                .or_insert((at, true));
        }
        Some(at)
    }

    /// Each person not in the register is shown under the spelling the
    /// notes use most; on a tie, the one with more accents and apostrophes
    /// as Word writes them, then the first seen.
    fn finish(mut self) -> Directory {
        let mut by_word_start: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        for (at, known) in self.directory.people.iter().enumerate() {
            let mut starts: Vec<&str> = known.key.split(' ').filter_map(word_start).collect();
            starts.dedup();
            for start in starts {
                by_word_start.entry(start.to_string()).or_default().push(at);
            }
        }
        self.directory.by_word_start = by_word_start;
        for (known, counts) in self.directory.people.iter_mut().zip(&self.spellings) {
            if known.registered {
                continue;
            }
            let best = counts
                .iter()
                .enumerate()
                .max_by(|(i, (a, n)), (j, (b, m))| {
                    let richness = |s: &str| s.chars().filter(|c| !c.is_ascii()).count();
                    n.cmp(m).then(richness(a).cmp(&richness(b))).then(j.cmp(i))
                });
            if let Some((_, (spelling, _))) = best {
                known.name.clone_from(spelling);
            }
        }
        self.directory
    }
}

/// Resolves spellings by the thousand against one directory, remembering
/// the answers that do not depend on the note (found by name, alias or
/// initials, or not a name at all): the same owners recur in every note.
pub struct Resolver<'d, 'm> {
    directory: &'d Directory,
    memo: std::cell::RefCell<FxHashMap<(&'m str, Option<&'m str>), Memo>>,
    /// The index of each note a short form was resolved in, by its address.
    indexes: std::cell::RefCell<FxHashMap<*const Meeting, std::rc::Rc<NoteIndex>>>,
}

#[derive(Clone, Copy)]
enum Memo {
    Person(usize),
    /// A short form: it resolves only among the people of its note.
    ByNote,
    Unknown,
}

impl<'d, 'm> Resolver<'d, 'm> {
    pub fn new(directory: &'d Directory) -> Self {
        Resolver {
            directory,
            memo: Default::default(),
            indexes: Default::default(),
        }
    }

    pub fn directory(&self) -> &'d Directory {
        self.directory
    }

    /// The person `mention`, written in `meeting`, resolves to; as
    /// `Directory::resolve_mention(..).person()`.
    pub fn person(&self, mention: &'m Person, meeting: &Meeting) -> Option<usize> {
        let memo_key = (mention.name.as_str(), mention.title.as_deref());
        let known = self.memo.borrow().get(&memo_key).copied();
        let memo = match known {
            Some(memo) => memo,
            None => {
                let key = mention.key();
                let memo = match self
                    .directory
                    .note_independent(&key, mention.title.as_deref())
                {
                    Some(Some(person)) => Memo::Person(person),
                    Some(None) => Memo::Unknown,
                    None => Memo::ByNote,
                };
                self.memo.borrow_mut().insert(memo_key, memo);
                memo
            }
        };
        match memo {
            Memo::Person(person) => Some(person),
            Memo::ByNote => {
                let index = self.index(meeting);
                self.directory.resolve_in(mention, &index).person()
            }
            Memo::Unknown => None,
        }
    }
}

impl Resolver<'_, '_> {
    /// The index of `meeting`, built the first time it is asked for.
    pub fn index(&self, meeting: &Meeting) -> std::rc::Rc<NoteIndex> {
        let address: *const Meeting = meeting;
        if let Some(index) = self.indexes.borrow().get(&address) {
            return std::rc::Rc::clone(index);
        }
        let index = std::rc::Rc::new(self.directory.note_index(meeting));
        self.indexes
            .borrow_mut()
            .insert(address, std::rc::Rc::clone(&index));
        index
    }
}

/// What a mention can teach the directory.
#[derive(PartialEq, Eq, Hash)]
struct Mention<'a> {
    name: &'a str,
    title: Option<&'a str>,
    org: Option<&'a str>,
    initials: Option<&'a str>,
}

impl<'a> Mention<'a> {
    fn of(person: &'a Person) -> Self {
        Mention {
            name: &person.name,
            title: person.title.as_deref(),
            org: person.org.as_deref(),
            initials: person.initials.as_deref(),
        }
    }
}

/// A spelling typed or configured (`Dr Pryce (ICB)`) as a mention: its
/// name and title; all of it as the name when it has no name part.
fn as_mention(spelling: &str) -> Person {
    parse_person(spelling, 0).unwrap_or_else(|| Person {
        name: spelling.trim().to_string(),
        title: None,
        org: None,
        role: None,
        initials: None,
        line: 0,
    })
}

/// What the directory reads of a note: its series, the people it lists
/// (chair, minute-taker and the four lists), and the owners of its actions
/// and then of its updates, as written. A [`Meeting`] is one; a folder too
/// large to hold whole hands in what it kept of each note (`roster::Roster`).
pub trait NotePeople<'m>: Copy {
    fn series(self) -> &'m str;
    fn listed(self) -> impl Iterator<Item = &'m Person>;
    fn owners(self) -> impl Iterator<Item = &'m Person>;
}

impl<'m> NotePeople<'m> for &'m Meeting {
    fn series(self) -> &'m str {
        &self.meeting
    }

    fn listed(self) -> impl Iterator<Item = &'m Person> {
        Meeting::listed(self)
    }

    fn owners(self) -> impl Iterator<Item = &'m Person> {
        Meeting::owners(self)
    }
}

impl<'r> NotePeople<'r> for crate::roster::RosterNote<'r> {
    fn series(self) -> &'r str {
        crate::roster::RosterNote::series(self)
    }

    fn listed(self) -> impl Iterator<Item = &'r Person> {
        crate::roster::RosterNote::listed(self)
    }

    fn owners(self) -> impl Iterator<Item = &'r Person> {
        crate::roster::RosterNote::owners(self)
    }
}

/// A first name and surname at least (`Tony Ranzetta`, `D Thompson`), by
/// its key: not `Tony`, `Tony R` or `J`.
fn is_full_name(key: &str) -> bool {
    match key.rsplit_once(' ') {
        Some((first, last)) => !first.is_empty() && last.chars().count() > 1,
        None => false,
    }
}

/// A short form of a name, by its key's words.
enum Short<'k> {
    /// Surname words, after a title.
    TitleSurname {
        surname: Vec<&'k str>,
    },
    InitialsSurname {
        initials: Vec<char>,
        surname: Vec<&'k str>,
    },
    FirstName {
        first: &'k str,
        initial: Option<char>,
    },
    Initials {
        letters: &'k [char],
    },
}

fn single_letter(word: &str) -> Option<char> {
    let mut chars = word.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if c.is_alphabetic() => Some(c),
        _ => None,
    }
}

impl<'k> Short<'k> {
    /// The short forms `spelling` may be: none, one, or, for capitals alone
    /// (`JOE`), both a first name and initials, so that neither is taken
    /// when both fit someone.
    fn parse(spelling: &'k Spelling) -> Vec<Short<'k>> {
        let words: Vec<&str> = spelling.key.split(' ').collect();
        let initials: Vec<char> = words.iter().map_while(|w| single_letter(w)).collect();
        let surname: Vec<&str> = words.get(initials.len()..).unwrap_or_default().to_vec();
        let surname_ok = surname
            .first()
            .is_some_and(|first| first.chars().count() > 1);
        if !initials.is_empty() && surname_ok {
            return vec![Short::InitialsSurname { initials, surname }];
        }
        if spelling.title.is_some() {
            return match surname_ok {
                true => vec![Short::TitleSurname { surname: words }],
                false => Vec::new(),
            };
        }
        let mut forms = match words.as_slice() {
            [first] => vec![Short::FirstName {
                first,
                initial: None,
            }],
            [first, initial] => single_letter(initial)
                .map(|initial| Short::FirstName {
                    first,
                    initial: Some(initial),
                })
                .into_iter()
                .collect(),
            _ => Vec::new(),
        };
        if let Some(letters) = &spelling.capitals {
            forms.push(Short::Initials { letters });
        }
        forms
    }

    fn kind(&self) -> ShortKind {
        match self {
            Short::TitleSurname { .. } => ShortKind::TitleSurname,
            Short::InitialsSurname { .. } => ShortKind::InitialsSurname,
            Short::FirstName { .. } => ShortKind::FirstName,
            Short::Initials { .. } => ShortKind::Initials,
        }
    }

    /// Whether a known person, by the key of their name, fits.
    fn fits(&self, key: &str) -> bool {
        let words: Vec<&str> = key.split(' ').collect();
        if words.len() < 2 {
            return false;
        }
        match self {
            Short::TitleSurname { surname } => ends_with_surname(&words, surname).is_some(),
            Short::InitialsSurname { initials, surname } => {
                let Some(given) = ends_with_surname(&words, surname) else {
                    return false;
                };
                // Each initial the person's given names can show must match;
                // `J.O. Ritson` fits `Jane Ritson`, whose middle name is unknown.
                initials.iter().enumerate().all(|(at, initial)| {
                    given.get(at).is_none_or(|name| name.starts_with(*initial))
                }) && !given.is_empty()
            }
            Short::FirstName { first, initial } => {
                words.first() == Some(first)
                    && initial.is_none_or(|initial| {
                        words.last().is_some_and(|last| last.starts_with(initial))
                    })
            }
            Short::Initials { letters } => {
                let initial = |word: &&str| word.chars().next();
                let every: Vec<char> = words.iter().filter_map(initial).collect();
                let first_last: Vec<char> = [words.first(), words.last()]
                    .into_iter()
                    .flatten()
                    .filter_map(initial)
                    .collect();
                every == *letters || first_last == *letters
            }
        }
    }
}

/// The given names before `surname` when `words` ends with it and has at
/// least one word more.
fn ends_with_surname<'w>(words: &'w [&'w str], surname: &[&str]) -> Option<&'w [&'w str]> {
    let split = words.len().checked_sub(surname.len())?;
    let (given, last) = words.split_at(split);
    (!given.is_empty() && last == surname).then_some(given)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::config::{RegisteredPerson, SeriesConfig};
    use crate::parse::{Parsed, parse_text};

    fn meeting(text: &str) -> Meeting {
        match parse_text(Path::new("n.md"), text) {
            Parsed::Note {
                meeting: Some(m), ..
            } => *m,
            other => panic!("{other:?}"),
        }
    }

    fn directory() -> (Directory, Vec<Meeting>) {
        let meetings = vec![
            meeting(
                "---\nmeeting: B\ndate: 2025-01-01\npresent:\n  - Tony Ranzetta (CCG)\n  - James Griffin (JGr)(SBC)\n  - Cllr Jim Grant (SBC)\n  - Gavin Jones\n---\n- [ ] Tony: a\n- [ ] Tony R: b\n- [ ] JGr: c\n- [ ] Gavin: d\n- [ ] Ann Other: e\n",
            ),
            meeting(
                "---\nmeeting: B\ndate: 2025-02-01\npresent:\n  - Tony Ranzetta\n  - Tony Smith\n---\n- [ ] Tony: f\n",
            ),
        ];
        let mut config = Config::default();
        config.people.push(RegisteredPerson {
            name: "Cllr Jim Grant".into(),
            aliases: vec!["James Grant".into()],
            ..RegisteredPerson::default()
        });
        (Directory::build(&config, &meetings), meetings)
    }

    fn names(directory: &Directory) -> Vec<&str> {
        directory.people.iter().map(|k| k.name.as_str()).collect()
    }

    fn name_of(directory: &Directory, resolution: &Resolution) -> Option<String> {
        resolution
            .person()
            .and_then(|at| directory.get(at))
            .map(|k| k.name.clone())
    }

    /// A board whose note lists people as Word and tired clerks write them.
    const BOARD: &str = "---\nmeeting: Fernbridge Board\ndate: 2026-03-17\nchair: Cllr Mary Hale\npresent:\n  - Cllr Mary Hale\n  - Siobhan O’Connell\n  - Renée Dubois\n  - Dr Alun Pryce\n  - Mrs Jane Pryce\n  - James Davies\n  - Supt Carl Brennan\n  - Revd Ann Lamb\n  - Rhys Pryce\nin_attendance:\n  - Mr Tom Griffin\n---\n";

    fn board() -> (Directory, Meeting) {
        let note = meeting(BOARD);
        let directory = Directory::build(&Config::default(), std::slice::from_ref(&note));
        (directory, note)
    }

    #[test]
    fn the_resolver_remembers_only_what_holds_in_every_note() {
        let (directory, meetings) = directory();
        let resolver = Resolver::new(&directory);
        let spellings: Vec<Person> = [
            "Tony",
            "Tony R",
            "JGr",
            "James Grant",
            "Gavin",
            "Nobody",
            "X",
            "Dr Ranzetta",
            "T Ranzetta",
        ]
        .iter()
        .filter_map(|s| parse_person(s, 1))
        .collect();
        // Twice over, so that the second round answers from memory; `Tony`
        // is Tony Ranzetta in the first note and ambiguous in the second.
        for _ in 0..2 {
            for meeting in &meetings {
                for spelling in &spellings {
                    assert_eq!(
                        resolver.person(spelling, meeting),
                        directory.resolve_mention(spelling, Some(meeting)).person(),
                        "{spelling:?} in {}",
                        meeting.date
                    );
                }
            }
        }
        let tony = &spellings[0];
        assert!(resolver.person(tony, &meetings[0]).is_some());
        assert_eq!(resolver.person(tony, &meetings[1]), None);
    }

    #[test]
    fn names_aliases_initials_and_first_names_resolve() {
        let (directory, meetings) = directory();
        let first = meetings.first();
        let found = |spelling: &str| name_of(&directory, &directory.resolve(spelling, first));
        assert_eq!(
            found("cllr TONY ranzetta (NHS)").as_deref(),
            Some("Tony Ranzetta")
        );
        assert_eq!(found("James Grant").as_deref(), Some("Jim Grant"));
        assert_eq!(found("JGr").as_deref(), Some("James Griffin"));
        assert_eq!(found("Tony").as_deref(), Some("Tony Ranzetta"));
        assert_eq!(found("Tony R").as_deref(), Some("Tony Ranzetta"));
        assert_eq!(found("Gavin").as_deref(), Some("Gavin Jones"));
        assert_eq!(
            found("Ann Other").as_deref(),
            Some("Ann Other"),
            "a full-named owner is a person too"
        );
        assert_eq!(
            directory.get(0).unwrap().orgs,
            ["SBC"],
            "the register's person learns orgs from notes"
        );
    }

    #[test]
    fn an_ambiguous_first_name_is_never_guessed() {
        let (directory, meetings) = directory();
        let second = meetings.get(1);
        let Resolution::Ambiguous { candidates } = directory.resolve("Tony", second) else {
            panic!("ambiguous expected");
        };
        assert_eq!(
            directory.describe(&candidates),
            "`Tony Ranzetta` or `Tony Smith`"
        );
        assert!(matches!(
            directory.resolve("Tony", None),
            Resolution::Ambiguous { .. }
        ));
        assert_eq!(
            directory.resolve("Tony S", None).person(),
            directory.resolve("Tony Smith", None).person()
        );
        assert_eq!(directory.resolve("Nobody", None), Resolution::Unknown);
    }

    #[test]
    fn apostrophe_and_accent_variants_are_one_person() {
        let (directory, note) = board();
        let siobhan = directory.resolve("Siobhan O’Connell", Some(&note)).person();
        assert!(siobhan.is_some());
        for spelling in [
            "Siobhan O'Connell",
            "Siobhan O‘Connell",
            "Siobhan Oʼ Connell",
            "SIOBHAN O'CONNELL",
            "Ms Siobhan O'Connell (FHA)",
        ] {
            assert_eq!(
                directory.resolve(spelling, Some(&note)).person(),
                siobhan,
                "{spelling}"
            );
            assert_eq!(
                directory.resolve(spelling, None).person(),
                siobhan,
                "{spelling}"
            );
        }
        let renee = directory.resolve("Renée Dubois", None).person();
        assert!(renee.is_some());
        assert_eq!(directory.resolve("Renee Dubois", None).person(), renee);
        assert_eq!(
            directory.resolve("Rene\u{301}e Dubois", None).person(),
            renee
        );
    }

    #[test]
    fn title_and_surname_resolve_to_the_one_person_of_the_note_who_fits() {
        let (directory, note) = board();
        let found = |spelling: &str| name_of(&directory, &directory.resolve(spelling, Some(&note)));
        assert_eq!(found("Cllr Hale").as_deref(), Some("Mary Hale"));
        assert_eq!(found("Councillor Hale").as_deref(), Some("Mary Hale"));
        assert_eq!(found("Mr Griffin").as_deref(), Some("Tom Griffin"));
        assert_eq!(found("Supt Brennan").as_deref(), Some("Carl Brennan"));
        assert_eq!(
            found("Superintendent Brennan").as_deref(),
            Some("Carl Brennan")
        );
        assert_eq!(found("Rev Lamb").as_deref(), Some("Ann Lamb"));
        assert_eq!(found("Mr Davies").as_deref(), Some("James Davies"));
        assert_eq!(found("Ms O’Connell").as_deref(), Some("Siobhan O’Connell"));
        // Three Pryces: Dr Alun, Mrs Jane and Rhys (title unknown). `Dr
        // Pryce` could be Rhys too, and `Mrs Pryce` could be any of them
        // (`Dr` says nothing of sex), so neither is guessed.
        let Resolution::Ambiguous { candidates } = directory.resolve("Dr Pryce", Some(&note))
        else {
            panic!("Dr Pryce should be ambiguous");
        };
        assert_eq!(candidates.len(), 3);
        let Resolution::Ambiguous { candidates } = directory.resolve("Mrs Pryce", Some(&note))
        else {
            panic!("Mrs Pryce should be ambiguous");
        };
        assert_eq!(candidates.len(), 3);
        // A title that contradicts the only fit finds nobody.
        assert_eq!(
            directory.resolve("Mrs Griffin", Some(&note)),
            Resolution::Unknown
        );
        // Nobody of that surname: unknown.
        assert_eq!(
            directory.resolve("Dr Jones", Some(&note)),
            Resolution::Unknown
        );
    }

    #[test]
    fn two_pryces_with_known_titles_are_told_apart_by_title() {
        let note = meeting(
            "---\nmeeting: B\ndate: 2026-01-01\npresent:\n  - Dr Alun Pryce\n  - Mrs Jane Pryce\n---\n",
        );
        let directory = Directory::build(&Config::default(), std::slice::from_ref(&note));
        let found = |spelling: &str| name_of(&directory, &directory.resolve(spelling, Some(&note)));
        assert_eq!(found("Dr Pryce").as_deref(), Some("Alun Pryce"));
        assert_eq!(found("Mrs Pryce").as_deref(), Some("Jane Pryce"));
        assert_eq!(
            found("Mr Pryce").as_deref(),
            Some("Alun Pryce"),
            "Mrs is not Mr"
        );
        assert_eq!(
            found("Cllr Pryce"),
            None,
            "either could be a councillor: not guessed"
        );
    }

    #[test]
    fn initials_and_surname_resolve_when_one_person_fits() {
        let (directory, note) = board();
        let found = |spelling: &str| name_of(&directory, &directory.resolve(spelling, Some(&note)));
        for spelling in [
            "J. Davies",
            "J Davies",
            "J.Davies",
            "Mr J Davies",
            "J.R. Davies",
        ] {
            assert_eq!(
                found(spelling).as_deref(),
                Some("James Davies"),
                "{spelling}"
            );
        }
        assert_eq!(found("K Davies"), None);
        assert_eq!(found("A Pryce").as_deref(), Some("Alun Pryce"));
        assert_eq!(found("R. Pryce").as_deref(), Some("Rhys Pryce"));
    }

    #[test]
    fn capitals_alone_are_initials_when_one_person_has_them() {
        let (directory, note) = board();
        let found = |spelling: &str| name_of(&directory, &directory.resolve(spelling, Some(&note)));
        assert_eq!(found("SO").as_deref(), Some("Siobhan O’Connell"));
        assert_eq!(found("CB").as_deref(), Some("Carl Brennan"));
        assert_eq!(found("RD").as_deref(), Some("Renée Dubois"));
        assert_eq!(found("So"), None, "not written as initials");
        // Alun and Ann both have initials A…: `AP` is Alun Pryce alone,
        // `AL` Ann Lamb alone; `JP` could be Jane Pryce only.
        assert_eq!(found("AP").as_deref(), Some("Alun Pryce"));
        assert_eq!(found("JP").as_deref(), Some("Jane Pryce"));
        // Mary Hale and the Chair: `MH`; nobody is `ZZ`.
        assert_eq!(found("MH").as_deref(), Some("Mary Hale"));
        assert_eq!(found("ZZ"), None);
        let two = meeting(
            "---\nmeeting: B\ndate: 2026-01-01\npresent:\n  - Jacqui Tolland\n  - Jeni Tennant\n---\n",
        );
        let directory = Directory::build(&Config::default(), std::slice::from_ref(&two));
        assert!(matches!(
            directory.resolve("JT", Some(&two)),
            Resolution::Ambiguous { .. }
        ));
    }

    #[test]
    fn register_members_of_the_series_are_in_the_pool() {
        let note = meeting(
            "---\nmeeting: Fernbridge Board\ndate: 2026-03-17\n---\n- [ ] Cllr Okafor: a\n",
        );
        let mut config = Config::default();
        config.series.insert(
            "Fernbridge Board".into(),
            SeriesConfig {
                members: vec!["Cllr Ngozi Okafor".into()],
                quorum: None,
            },
        );
        let directory = Directory::build(&config, std::slice::from_ref(&note));
        let found = directory.resolve("Cllr Okafor", Some(&note));
        assert_eq!(name_of(&directory, &found).as_deref(), Some("Ngozi Okafor"));
    }

    #[test]
    fn a_one_word_name_listed_in_a_note_is_a_person_of_its_series() {
        let first = meeting(
            "---\nmeeting: Fenby Town Council\ndate: 2026-01-01\npresent:\n  - Cllr Hadfield\n  - Cllr Wood\n---\n- [ ] Cllr Hadfield: a\n",
        );
        let second = meeting(
            "---\nmeeting: Fenby Town Council\ndate: 2026-02-01\npresent:\n  - Councillor Hadfield\n---\n",
        );
        let other = meeting(
            "---\nmeeting: Another Council\ndate: 2026-02-01\npresent:\n  - Cllr Wood\n---\n",
        );
        let meetings = vec![first, second, other];
        let directory = Directory::build(&Config::default(), &meetings);
        let at = |m: usize, s: &str| directory.resolve(s, meetings.get(m)).person();
        assert!(at(0, "Cllr Hadfield").is_some());
        assert_eq!(
            at(0, "Hadfield"),
            at(1, "Cllr Hadfield"),
            "one person across the series"
        );
        assert_ne!(at(0, "Cllr Wood"), at(2, "Cllr Wood"), "not across bodies");
        assert!(matches!(
            directory.resolve("Cllr Wood", None),
            Resolution::Ambiguous { .. }
        ));
        assert_eq!(
            directory.resolve("Hadfield", None).person(),
            at(0, "Hadfield")
        );
    }

    #[test]
    fn the_name_shown_is_the_spelling_used_most() {
        let notes: Vec<Meeting> = ["O'Connell", "O’Connell", "O’Connell"]
            .iter()
            .enumerate()
            .map(|(day, surname)| {
                meeting(&format!(
                    "---\nmeeting: B\ndate: 2026-01-0{}\npresent:\n  - Siobhan {surname}\n---\n",
                    day + 1
                ))
            })
            .collect();
        let directory = Directory::build(&Config::default(), &notes);
        assert_eq!(names(&directory), ["Siobhan O’Connell"]);
        // On a tie, the spelling with the accents.
        let notes = vec![
            meeting("---\nmeeting: B\ndate: 2026-01-01\npresent:\n  - Renee Dubois\n---\n"),
            meeting("---\nmeeting: B\ndate: 2026-01-02\npresent:\n  - Renée Dubois\n---\n"),
        ];
        let directory = Directory::build(&Config::default(), &notes);
        assert_eq!(names(&directory), ["Renée Dubois"]);
    }

    #[test]
    fn suggestions_are_blind_to_accents_and_apostrophes() {
        let (directory, _) = board();
        assert_eq!(directory.suggest("Renee Dubios"), Some("Renée Dubois"));
        assert_eq!(
            directory.suggest("Siobhan O'Conell"),
            Some("Siobhan O’Connell")
        );
        assert_eq!(directory.suggest("Zed Zebedee"), None);
    }

    #[test]
    fn explain_lists_every_step_tried() {
        let (directory, note) = board();
        let (resolution, steps) = directory.explain("Dr Pryce", Some(&note));
        assert!(matches!(resolution, Resolution::Ambiguous { .. }));
        let kinds: Vec<StepKind> = steps.iter().map(|s| s.step).collect();
        assert_eq!(
            kinds,
            [
                StepKind::Name,
                StepKind::Alias,
                StepKind::Short(ShortKind::TitleSurname)
            ]
        );
    }
}
