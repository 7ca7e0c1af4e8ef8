//! Commands about one series read only its notes while the index of
//! actions holds.

use super::*;

/// What a command about one series (`carry-forward`, `new`, `report`, and
/// `attendance` or `decisions` with `--meeting`) reads: from the
/// index of actions, while no file has changed, the notes of that series
/// only (all its actions depend on) with every file's problems; otherwise
/// every note, and then the index is kept for the next run.
pub(super) struct SeriesNotes<'c> {
    pub folder: &'static Folder,
    /// The directory of people: the index's, or built once when asked for.
    directory: std::cell::OnceCell<&'static Directory>,
    /// The whole folder was read: where to keep its index, and its files.
    keep: Option<(indexed::Place<'c>, Vec<std::path::PathBuf>)>,
}

impl<'c> SeriesNotes<'c> {
    pub fn load(
        scan: &ScanArgs,
        series: &str,
        config: &'c Config,
        env: &Environment,
        err: &mut dyn Write,
    ) -> Result<SeriesNotes<'c>, CliError> {
        let opened = indexed::open(scan, config, env, err, |place, discovery, _| {
            Ok(indexed::series_notes(place, discovery, series))
        })?;
        Ok(match opened {
            indexed::Opened::FromIndex((index, folder)) => SeriesNotes {
                folder,
                directory: std::cell::OnceCell::from(&index.directory),
                keep: None,
            },
            indexed::Opened::Whole { folder, keep } => SeriesNotes {
                folder,
                directory: std::cell::OnceCell::new(),
                keep,
            },
        })
    }

    /// The directory of people: the index's, or built from every note.
    pub fn directory(&self, config: &Config) -> &'static Directory {
        self.directory
            .get_or_init(|| Box::leak(Box::new(Directory::build(config, &self.folder.meetings))))
    }

    /// Keeps the index of a folder read whole, once the answer is out.
    pub fn keep_index(
        &self,
        config: &Config,
        ledger: &Ledger,
        err: &mut dyn Write,
    ) -> Result<(), CliError> {
        let Some((place, files)) = &self.keep else {
            return Ok(());
        };
        let directory = self.directory(config);
        indexed::keep(place, files, self.folder, directory, ledger, err)
    }
}
