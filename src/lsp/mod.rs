//! `minutes lsp`: a language server for notes, reading the protocol from
//! the input it is handed and writing to the output (stdin and stdout, for
//! an editor). Diagnostics are lint's rules on the
//! unsaved text, with the other notes of the workspace as context; quick
//! fixes are the rules' certain fixes (`lint::fix`); the outline is the
//! agenda; an action's ID hovers with its history, goes to the line that
//! raised it and finds its updates; a person hovers with how the name
//! resolved and finds their mentions; completion offers meetings, people
//! and the series' open actions (`complete.rs`).
//!
//! The server is synchronous, as the rest of `minutes` is: one message at a
//! time, each answered before the next is read.

mod complete;
mod convert;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use std::io::{BufRead, Write};

use lsp_server::{ErrorCode, Message, Notification, Request, Response};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams,
    CodeActionProviderCapability, CompletionOptions, CompletionParams, CompletionResponse,
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    DidSaveTextDocumentParams, DocumentSymbol, DocumentSymbolParams, DocumentSymbolResponse,
    GotoDefinitionParams, GotoDefinitionResponse, Hover, HoverContents, HoverParams,
    HoverProviderCapability, InitializeResult, Location, MarkupContent, MarkupKind, MessageType,
    OneOf, PublishDiagnosticsParams, ReferenceParams, ServerCapabilities, ServerInfo,
    ShowMessageParams, SymbolKind, TextDocumentSyncCapability, TextDocumentSyncKind, TextEdit, Uri,
    WorkspaceEdit,
};

use crate::config::Config;
use crate::folder::Folder;
use crate::ledger::Ledger;
use crate::lint::engine::{LintOptions, lint_in_folder};
use crate::model::Meeting;
use crate::people::Directory;
use convert::{lsp_range, path_of, position_in, uri_of, word_at};

/// Why the server stopped other than by `shutdown` and `exit`.
#[derive(Debug)]
pub struct Failed(pub String);

impl<E: std::fmt::Display> From<E> for Failed {
    fn from(error: E) -> Self {
        Failed(error.to_string())
    }
}

/// What the server holds: the workspace's notes as saved, the open
/// documents as typed, and the config that governs them.
struct Server {
    root: PathBuf,
    options: LintOptions,
    /// Every note of the workspace as last saved.
    saved: Vec<Meeting>,
    open: HashMap<PathBuf, String>,
}

/// Serves the protocol, reading messages from `input` and writing to
/// `output`, until the client says `exit` (or closes `input`).
pub fn serve(input: &mut dyn BufRead, output: &mut dyn Write) -> Result<(), Failed> {
    let mut input = input;
    let mut send = |message: Message| -> Result<(), Failed> {
        // `&mut &mut dyn Write` is a sized writer, which `write` needs.
        message.write(&mut &mut *output)?;
        output.flush()?;
        Ok(())
    };
    // Before `initialize`, every request is refused, as the protocol says.
    let params = loop {
        match Message::read(&mut input)? {
            None => return Ok(()),
            Some(Message::Request(request)) if request.method == "initialize" => {
                let result = InitializeResult {
                    capabilities: capabilities(),
                    server_info: Some(ServerInfo {
                        name: "minutes".into(),
                        version: Some(env!("CARGO_PKG_VERSION").into()),
                    }),
                };
                send(Message::Response(Response::new_ok(request.id, result)))?;
                break request.params;
            }
            Some(Message::Request(request)) => send(Message::Response(Response::new_err(
                request.id,
                ErrorCode::ServerNotInitialized as i32,
                "the server is not initialized".into(),
            )))?,
            Some(_) => {}
        }
    };
    let root = workspace_root(&params)
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_default();
    let (mut server, config_error) = Server::new(root);
    if let Some(error) = config_error {
        // Said, not swallowed: the notes are checked with the defaults
        // until the config is mended.
        send(Message::Notification(Notification::new(
            "window/showMessage".into(),
            ShowMessageParams {
                typ: MessageType::ERROR,
                message: format!("minutes: {error}; checking with the default settings"),
            },
        )))?;
    }
    let mut shut_down = false;
    while let Some(message) = Message::read(&mut input)? {
        match message {
            Message::Request(request) if request.method == "shutdown" => {
                shut_down = true;
                send(Message::Response(Response::new_ok(request.id, ())))?;
            }
            Message::Request(request) if shut_down => send(Message::Response(Response::new_err(
                request.id,
                ErrorCode::InvalidRequest as i32,
                "the server is shutting down".into(),
            )))?,
            Message::Request(request) => send(Message::Response(server.answer(request)))?,
            Message::Notification(notification) if notification.method == "exit" => break,
            Message::Notification(notification) => {
                for published in server.notice(notification) {
                    send(Message::Notification(published))?;
                }
            }
            Message::Response(_) => {}
        }
    }
    Ok(())
}

fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        definition_provider: Some(OneOf::Left(true)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        references_provider: Some(OneOf::Left(true)),
        completion_provider: Some(CompletionOptions::default()),
        ..ServerCapabilities::default()
    }
}

/// The first workspace folder, or the root the client names.
fn workspace_root(params: &serde_json::Value) -> Option<PathBuf> {
    let folder = params
        .get("workspaceFolders")
        .and_then(|folders| folders.get(0))
        .and_then(|folder| folder.get("uri"));
    let uri = folder.or_else(|| params.get("rootUri"))?.as_str()?;
    path_of(&uri.parse().ok()?)
}

impl Server {
    /// The server for the workspace at `root`, and what is wrong with its
    /// `minutes.yaml` when it cannot be read (the defaults are used then).
    fn new(root: PathBuf) -> (Server, Option<String>) {
        let checked = Config::discover(&root)
            .and_then(|config| crate::lint::check_config(&config).map(|()| config));
        let (config, config_error) = match checked {
            Ok(config) => (config, None),
            Err(error) => (Config::default(), Some(error.to_string())),
        };
        let mut server = Server {
            options: LintOptions {
                config,
                inline_config: true,
                cache: None,
            },
            root,
            saved: Vec::new(),
            open: HashMap::new(),
        };
        server.reload();
        (server, config_error)
    }

    /// Reads the workspace's notes again, as saved.
    fn reload(&mut self) {
        let paths = [self.root.clone()];
        let folder = Folder::load(&paths, self.options.config.max_file_size());
        self.saved = folder.meetings;
    }

    /// The workspace's notes with the open documents as typed.
    fn current(&self) -> Vec<Meeting> {
        let mut meetings: Vec<Meeting> = self
            .saved
            .iter()
            .filter(|m| !self.open.contains_key(&m.path))
            .cloned()
            .collect();
        for (path, text) in &self.open {
            if let crate::parse::Parsed::Note {
                meeting: Some(meeting),
                ..
            } = crate::parse::parse_text(path, text)
            {
                meetings.push(*meeting);
            }
        }
        meetings
    }

    fn notice(&mut self, notification: Notification) -> Vec<Notification> {
        let touched = match notification.method.as_str() {
            "textDocument/didOpen" => notification
                .extract::<DidOpenTextDocumentParams>("textDocument/didOpen")
                .ok()
                .and_then(|p| {
                    let path = path_of(&p.text_document.uri)?;
                    self.open.insert(path, p.text_document.text);
                    Some(p.text_document.uri)
                }),
            "textDocument/didChange" => notification
                .extract::<DidChangeTextDocumentParams>("textDocument/didChange")
                .ok()
                .and_then(|p| {
                    let path = path_of(&p.text_document.uri)?;
                    // Full sync: the last change is the whole text.
                    let text = p.content_changes.into_iter().last()?.text;
                    self.open.insert(path, text);
                    Some(p.text_document.uri)
                }),
            "textDocument/didSave" => notification
                .extract::<DidSaveTextDocumentParams>("textDocument/didSave")
                .ok()
                .map(|p| {
                    self.reload();
                    p.text_document.uri
                }),
            "textDocument/didClose" => {
                if let Ok(p) =
                    notification.extract::<DidCloseTextDocumentParams>("textDocument/didClose")
                {
                    if let Some(path) = path_of(&p.text_document.uri) {
                        self.open.remove(&path);
                    }
                }
                None
            }
            _ => None,
        };
        // A change to one note can change what the rules across notes say
        // of the others that are open: each is published again.
        match touched {
            Some(_) => {
                // Read once for all: every open note is judged against the
                // same workspace.
                let notes = self.current();
                self.open_uris()
                    .map(|uri| self.publish(uri, &notes))
                    .collect()
            }
            None => Vec::new(),
        }
    }

    fn open_uris(&self) -> impl Iterator<Item = Uri> + '_ {
        self.open.keys().filter_map(|path| uri_of(path))
    }

    /// The diagnostics of the open note at `uri`, with `notes` (the
    /// workspace as open) as context.
    fn publish(&self, uri: Uri, notes: &[Meeting]) -> Notification {
        let diagnostics = match path_of(&uri).and_then(|p| Some((self.open.get(&p)?, p))) {
            Some((text, path)) => lint_in_folder(&path, text, notes, &self.options)
                .iter()
                .map(|d| convert::diagnostic(d, text))
                .collect(),
            None => Vec::new(),
        };
        Notification::new(
            "textDocument/publishDiagnostics".into(),
            PublishDiagnosticsParams {
                uri,
                diagnostics,
                version: None,
            },
        )
    }

    fn answer(&self, request: Request) -> Response {
        let id = request.id.clone();
        let result = match request.method.as_str() {
            "textDocument/codeAction" => request
                .extract::<CodeActionParams>("textDocument/codeAction")
                .map(|(_, p)| serde_json::to_value(self.code_actions(&p.text_document.uri))),
            "textDocument/documentSymbol" => request
                .extract::<DocumentSymbolParams>("textDocument/documentSymbol")
                .map(|(_, p)| serde_json::to_value(self.symbols(&p.text_document.uri))),
            "textDocument/definition" => request
                .extract::<GotoDefinitionParams>("textDocument/definition")
                .map(|(_, p)| {
                    let at = p.text_document_position_params;
                    serde_json::to_value(self.definition(&at.text_document.uri, at.position))
                }),
            "textDocument/hover" => {
                request
                    .extract::<HoverParams>("textDocument/hover")
                    .map(|(_, p)| {
                        let at = p.text_document_position_params;
                        serde_json::to_value(self.hover(&at.text_document.uri, at.position))
                    })
            }
            "textDocument/completion" => request
                .extract::<CompletionParams>("textDocument/completion")
                .map(|(_, p)| {
                    let at = p.text_document_position;
                    serde_json::to_value(self.completion(&at.text_document.uri, at.position))
                }),
            "textDocument/references" => request
                .extract::<ReferenceParams>("textDocument/references")
                .map(|(_, p)| {
                    let at = p.text_document_position;
                    serde_json::to_value(self.references(&at.text_document.uri, at.position))
                }),
            _ => {
                return Response::new_err(
                    id,
                    ErrorCode::MethodNotFound as i32,
                    format!("minutes lsp does not answer `{}`", request.method),
                );
            }
        };
        match result {
            Ok(Ok(value)) => Response::new_ok(id, value),
            Ok(Err(error)) => {
                Response::new_err(id, ErrorCode::InternalError as i32, error.to_string())
            }
            Err(error) => Response::new_err(id, ErrorCode::InvalidParams as i32, error.to_string()),
        }
    }

    /// The open document at `uri`: its path and text.
    fn document(&self, uri: &Uri) -> Option<(PathBuf, &str)> {
        let path = path_of(uri)?;
        let text = self.open.get(&path)?;
        Some((path, text))
    }

    /// One quick fix: every certain fix of the note, as `lint --fix` would
    /// make them.
    fn code_actions(&self, uri: &Uri) -> Vec<CodeActionOrCommand> {
        let Some((path, text)) = self.document(uri) else {
            return Vec::new();
        };
        let rules = crate::lint::rules::all();
        let config = &self.options.config;
        // As `lint --fix`: the note's own fixes, then those of the rules
        // across notes, read from the workspace with this note as fixed.
        let own = crate::lint::fix::fix(&path, text, rules, config, true, &[]);
        let current = own.as_ref().map_or(text, |f| f.text.as_str());
        let mut notes: Vec<(PathBuf, String)> = self
            .saved
            .iter()
            .filter(|m| m.path != path)
            .filter_map(|m| Some((m.path.clone(), self.text_of(&m.path)?)))
            .collect();
        notes.push((path.clone(), current.to_string()));
        let across = crate::lint::fix::edits_across(&notes, rules, config);
        let edits = across.get(&path).map_or(&[][..], Vec::as_slice);
        let then = crate::lint::fix::fix(&path, current, rules, config, true, edits);
        let fixed = match (own, then) {
            (Some(own), Some(then)) => crate::lint::fix::Fixed {
                text: then.text,
                rules: own.rules.into_iter().chain(then.rules).collect(),
            },
            (Some(only), None) | (None, Some(only)) => only,
            (None, None) => return Vec::new(),
        };
        let edit = TextEdit {
            range: convert::whole(text),
            new_text: fixed.text,
        };
        let count = fixed.rules.len();
        vec![CodeActionOrCommand::CodeAction(CodeAction {
            title: format!(
                "Fix {count} {} (minutes lint --fix)",
                if count == 1 { "problem" } else { "problems" }
            ),
            kind: Some(CodeActionKind::QUICKFIX),
            edit: Some(WorkspaceEdit {
                changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
                ..WorkspaceEdit::default()
            }),
            ..CodeAction::default()
        })]
    }

    /// The agenda: each item, at its heading.
    fn symbols(&self, uri: &Uri) -> Option<DocumentSymbolResponse> {
        let (path, text) = self.document(uri)?;
        let crate::parse::Parsed::Note {
            meeting: Some(meeting),
            ..
        } = crate::parse::parse_text(&path, text)
        else {
            return None;
        };
        #[allow(deprecated)] // `deprecated` is a field the type still requires.
        let symbols = meeting
            .items
            .iter()
            .filter(|item| item.number != "0")
            .map(|item| {
                let range = lsp_range(text, item.line, 1, item.line, usize::MAX);
                DocumentSymbol {
                    name: format!("{} {}", item.number, item.title),
                    detail: Some(format!(
                        "{} decisions, {} actions",
                        item.decisions.len(),
                        item.actions.len()
                    )),
                    kind: SymbolKind::NAMESPACE,
                    tags: None,
                    deprecated: None,
                    range,
                    selection_range: range,
                    children: None,
                }
            })
            .collect();
        Some(DocumentSymbolResponse::Nested(symbols))
    }

    /// The action the ID under the cursor names, of this note's series.
    ///
    /// `ledger` is built from `meetings`, which hold the document as typed:
    /// its series is read from there rather than by parsing it again.
    fn action_at<'l>(
        &self,
        meetings: &[Meeting],
        ledger: &'l Ledger<'l>,
        uri: &Uri,
        position: lsp_types::Position,
    ) -> Option<&'l crate::ledger::Entry<'l>> {
        let (path, text) = self.document(uri)?;
        let (line, column) = position_in(text, position)?;
        let word = word_at(text, line, column)?;
        let series = &meetings.iter().find(|m| m.path == path)?.meeting;
        ledger
            .entries
            .iter()
            .find(|e| e.action.id.0 == word && crate::text::same_series(&e.meeting.meeting, series))
    }

    fn definition(
        &self,
        uri: &Uri,
        position: lsp_types::Position,
    ) -> Option<GotoDefinitionResponse> {
        let meetings = self.current();
        let ledger = Ledger::build(&meetings);
        let entry = self.action_at(&meetings, &ledger, uri, position)?;
        let target = uri_of(&entry.meeting.path)?;
        let text = self.text_of(&entry.meeting.path)?;
        let line = entry.action.line;
        Some(GotoDefinitionResponse::Scalar(Location {
            uri: target,
            range: lsp_range(&text, line, 1, line, usize::MAX),
        }))
    }

    fn hover(&self, uri: &Uri, position: lsp_types::Position) -> Option<Hover> {
        let meetings = self.current();
        let ledger = Ledger::build(&meetings);
        let value = match self.action_at(&meetings, &ledger, uri, position) {
            Some(entry) => convert::history(entry, &self.root),
            None => {
                let (meeting, person) = self.person_at(&meetings, uri, position)?;
                let directory = Directory::build(&self.options.config, &meetings);
                let resolution = directory.resolve_mention(person, Some(meeting));
                format!(
                    "`{}` resolves to {}",
                    person.display_name(),
                    crate::output::people::explain_resolution(&directory, &resolution)
                )
            }
        };
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value,
            }),
            range: None,
        })
    }

    /// The note at `uri` among `meetings`, and the person it names under
    /// the cursor: a list entry, a chair, or an owner of an action or an
    /// update on that line.
    fn person_at<'m>(
        &self,
        meetings: &'m [Meeting],
        uri: &Uri,
        position: lsp_types::Position,
    ) -> Option<(&'m Meeting, &'m crate::model::Person)> {
        let (path, text) = self.document(uri)?;
        let (line, column) = position_in(text, position)?;
        let meeting = meetings.iter().find(|m| m.path == path)?;
        let line_text: Vec<char> = text.lines().nth(line.checked_sub(1)?)?.chars().collect();
        let person = meeting
            .listed()
            .chain(meeting.owners())
            .filter(|p| p.line == line)
            .find(|p| {
                let name: Vec<char> = p.name.chars().collect();
                line_text
                    .windows(name.len().max(1))
                    .enumerate()
                    .any(|(at, window)| {
                        window == name.as_slice() && at < column && column <= at + name.len()
                    })
            })?;
        Some((meeting, person))
    }

    fn completion(&self, uri: &Uri, position: lsp_types::Position) -> Option<CompletionResponse> {
        let (path, text) = self.document(uri)?;
        let (line, column) = position_in(text, position)?;
        let before: String = text
            .lines()
            .nth(line.checked_sub(1)?)?
            .chars()
            .take(column.saturating_sub(1))
            .collect();
        let wanted = complete::wanted(text, line, &before)?;
        let meetings = self.current();
        let this = meetings.iter().find(|m| m.path == path);
        let people = || complete::people(&Directory::build(&self.options.config, &meetings));
        let items = match wanted {
            complete::Wanted::Series => complete::series(&meetings),
            complete::Wanted::Person => people(),
            complete::Wanted::Due => complete::due(this),
            complete::Wanted::ActionOrPerson => {
                let ledger = Ledger::build(&meetings);
                let mut items = match this {
                    Some(meeting) => {
                        complete::open_actions(&ledger, &meeting.meeting, meeting.date)
                    }
                    None => Vec::new(),
                };
                items.extend(people());
                items
            }
        };
        Some(CompletionResponse::Array(items))
    }

    /// Every line that names the action, or the person, under the cursor:
    /// an action's raising line and its updates; a person's every mention
    /// across the workspace.
    fn references(&self, uri: &Uri, position: lsp_types::Position) -> Option<Vec<Location>> {
        let meetings = self.current();
        let ledger = Ledger::build(&meetings);
        let places: Vec<(PathBuf, usize)> = match self.action_at(&meetings, &ledger, uri, position)
        {
            Some(entry) => std::iter::once((entry.meeting.path.clone(), entry.action.line))
                .chain(
                    entry
                        .updates
                        .iter()
                        .map(|u| (u.meeting.path.clone(), u.update.line)),
                )
                .collect(),
            None => {
                let (meeting, person) = self.person_at(&meetings, uri, position)?;
                let directory = Directory::build(&self.options.config, &meetings);
                let resolver = crate::people::Resolver::new(&directory);
                let who = resolver.person(person, meeting)?;
                let mut places: Vec<(PathBuf, usize)> = Vec::new();
                for m in &meetings {
                    for p in m.listed().chain(m.owners()) {
                        if resolver.person(p, m) == Some(who) {
                            places.push((m.path.clone(), p.line));
                        }
                    }
                }
                places.sort();
                places.dedup();
                places
            }
        };
        let locations = places
            .into_iter()
            .filter_map(|(path, line)| {
                let text = self.text_of(&path)?;
                Some(Location {
                    uri: uri_of(&path)?,
                    range: lsp_range(&text, line, 1, line, usize::MAX),
                })
            })
            .collect();
        Some(locations)
    }

    /// A note's text: as typed when it is open, else as saved.
    fn text_of(&self, path: &Path) -> Option<String> {
        if let Some(text) = self.open.get(path) {
            return Some(text.clone());
        }
        let bytes = crate::read::read_bounded(path, self.options.config.max_file_size()).ok()?;
        String::from_utf8(bytes).ok()
    }
}
