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
        let discovery = crate::discover::discover(&scan.paths);
        // Leaked, as the folder is (`ScanArgs::load`): the place, kept for
        // after the answer, borrows it.
        let cache: Option<&'c crate::cache::Cache> =
            scan.cache(env).map(|cache| &*Box::leak(Box::new(cache)));
        let place = indexed::place(cache, &discovery, config);
        if let Some(found) = place
            .as_ref()
            .and_then(|place| indexed::series_notes(place, &discovery, series))
        {
            let (index, folder) = found;
            return Ok(SeriesNotes {
                folder,
                directory: std::cell::OnceCell::from(&index.directory),
                keep: None,
            });
        }
        let files = discovery.files.clone();
        let folder = scan.load_discovered(discovery, config, cache, err)?;
        Ok(SeriesNotes {
            folder,
            directory: std::cell::OnceCell::new(),
            keep: place.map(|place| (place, files)),
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
