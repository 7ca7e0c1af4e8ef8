//! `minutes lsp` driven as an editor drives it: JSON-RPC over its stdin
//! and stdout, on a copy of examples/ with a mistake typed into one note.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, ChildStdout, Stdio};

use serde_json::{Value, json};

use crate::common::command;

struct Client {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    next_id: i64,
    /// Notifications the server sent, in order.
    notices: Vec<Value>,
}

impl Client {
    fn start(dir: &Path) -> Client {
        let mut child = command()
            .arg("lsp")
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("minutes lsp starts");
        let stdin = child.stdin.take().unwrap();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        Client {
            child,
            stdin,
            stdout,
            next_id: 1,
            notices: Vec::new(),
        }
    }

    fn send(&mut self, message: &Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn receive(&mut self) -> Value {
        let mut length = 0;
        loop {
            let mut header = String::new();
            self.stdout.read_line(&mut header).unwrap();
            let header = header.trim();
            if header.is_empty() {
                break;
            }
            if let Some(n) = header.strip_prefix("Content-Length: ") {
                length = n.parse().unwrap();
            }
        }
        let mut body = vec![0; length];
        self.stdout.read_exact(&mut body).unwrap();
        serde_json::from_slice(&body).unwrap()
    }

    /// Sends a request and returns its result, keeping the notifications
    /// that came before it.
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let message = self.receive();
            if message["id"] == id {
                assert!(message.get("error").is_none(), "{message}");
                return message["result"].clone();
            }
            self.notices.push(message);
        }
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The diagnostics last published for `uri`, waiting for them.
    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        loop {
            if let Some(notice) = self.notices.iter().rev().find(|n| {
                n["method"] == "textDocument/publishDiagnostics" && n["params"]["uri"] == uri
            }) {
                return notice["params"]["diagnostics"].as_array().unwrap().clone();
            }
            let message = self.receive();
            self.notices.push(message);
        }
    }
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

#[test]
fn an_editor_session() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let copy = dir.path().join("examples");
    for series in ["harbourside", "westmoor", "wrenfield"] {
        std::fs::create_dir_all(copy.join(series)).unwrap();
        for entry in std::fs::read_dir(root.join(series)).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), copy.join(series).join(entry.file_name())).unwrap();
        }
    }
    std::fs::copy(root.join("minutes.yaml"), copy.join("minutes.yaml")).unwrap();
    let note = copy.join("harbourside/2026-03-17-harbourside-partnership-board.md");
    let saved = std::fs::read_to_string(&note).unwrap();
    let note_uri = uri(&note);

    let mut client = Client::start(dir.path());
    let init = client.request(
        "initialize",
        json!({"processId": null, "rootUri": uri(&copy), "capabilities": {}}),
    );
    let capabilities = &init["capabilities"];
    assert_eq!(capabilities["hoverProvider"], true);
    assert_eq!(capabilities["definitionProvider"], true);
    client.notify("initialized", json!({}));

    // Opened as saved: the example is clean.
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": note_uri, "languageId": "markdown", "version": 1, "text": saved}}),
    );
    assert_eq!(client.diagnostics(&note_uri), Vec::<Value>::new());

    // Typed, not saved: a date in the UK form, and an update of an action
    // no note raised (a rule across notes, judged with the folder).
    let typed = saved
        .replacen("date: 2026-03-17", "date: 17/03/2026", 1)
        .replacen("- [x] 2026-01-20/4.2", "- [x] 2026-01-20/4.9", 1);
    client.notices.clear();
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": note_uri, "version": 2}, "contentChanges": [{"text": typed}]}),
    );
    let found = client.diagnostics(&note_uri);
    let codes: Vec<&str> = found.iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["date-invalid"], "{found:#?}");
    assert_eq!(
        found[0]["range"]["start"],
        json!({"line": 2, "character": 6})
    );
    assert_eq!(found[0]["severity"], 1);

    // The quick fix is `lint --fix`'s.
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": note_uri}, "range": found[0]["range"], "context": {"diagnostics": found}}),
    );
    let edit = &actions[0]["edit"]["changes"][&note_uri][0];
    let fixed = edit["newText"].as_str().unwrap();
    assert!(fixed.contains("date: 2026-03-17\n"));
    assert_eq!(actions[0]["kind"], "quickfix");

    // With the date fixed, the unknown update is found across notes.
    client.notices.clear();
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": note_uri, "version": 3}, "contentChanges": [{"text": fixed}]}),
    );
    let found = client.diagnostics(&note_uri);
    let codes: Vec<&str> = found.iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["update-unknown-id"], "{found:#?}");

    // Back as saved; the outline is the agenda.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": note_uri, "version": 4}, "contentChanges": [{"text": saved}]}),
    );
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": note_uri}}),
    );
    let names: Vec<&str> = symbols
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 7);
    assert_eq!(
        names[2],
        "3 Healthy life expectancy – lead outcome measures"
    );

    // From an update's ID to the line that raised it, and its history.
    let (line, line_text) = saved
        .lines()
        .enumerate()
        .find(|(_, l)| l.starts_with("- [x] 2026-01-20/4.2"))
        .unwrap();
    let position =
        json!({"line": line, "character": line_text.find("2026-01-20/4.2").unwrap() + 3});
    let definition = client.request(
        "textDocument/definition",
        json!({"textDocument": {"uri": note_uri}, "position": position}),
    );
    let january = copy.join("harbourside/2026-01-20-harbourside-partnership-board.md");
    assert_eq!(definition["uri"], uri(&january));
    let raised_line = std::fs::read_to_string(&january)
        .unwrap()
        .lines()
        .position(|l| l.starts_with("- [ ] Daniel Mercer: ask the council's data team"))
        .unwrap();
    assert_eq!(definition["range"]["start"]["line"], raised_line);
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": note_uri}, "position": position}),
    );
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(text.starts_with("**2026-01-20/4.2**"), "{text}");
    assert!(text.contains("owner Daniel Mercer"), "{text}");
    assert!(text.contains("· done now"), "{text}");
    assert!(
        text.contains("2026-03-17: done — included in the item 3 paper"),
        "{text}"
    );
    // Nowhere in particular: no hover.
    let nothing = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": note_uri}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(nothing, Value::Null);

    // Every line that names the action: where it was raised, its update.
    let references = client.request(
        "textDocument/references",
        json!({"textDocument": {"uri": note_uri}, "position": position, "context": {"includeDeclaration": true}}),
    );
    let places: Vec<(String, u64)> = references
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            let file = l["uri"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .to_string();
            (
                file[..10].to_string(),
                l["range"]["start"]["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        places,
        [
            ("2026-01-20".to_string(), raised_line as u64),
            ("2026-03-17".to_string(), line as u64)
        ]
    );

    // How a person's name resolved.
    let (owner_line, owner_text) = saved
        .lines()
        .enumerate()
        .find(|(_, l)| l.starts_with("- [ ] Daniel Mercer:"))
        .unwrap();
    let on_owner = json!({"line": owner_line, "character": owner_text.find("Mercer").unwrap()});
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": note_uri}, "position": on_owner}),
    );
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(
        text.starts_with("`Daniel Mercer` resolves to Daniel Mercer: it is the person's name"),
        "{text}"
    );

    // Completion: people in a front-matter list (with the register's
    // aliases), the open actions of the series on a new update line, and
    // `next meeting` after `(due `.
    let labels = |result: &Value| -> Vec<String> {
        result
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["label"].as_str().unwrap().to_string())
            .collect()
    };
    let present_line = saved.lines().position(|l| l == "present:").unwrap() + 1;
    let people = client.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": note_uri}, "position": {"line": present_line, "character": 4}}),
    );
    let people = labels(&people);
    assert!(people.contains(&"Daniel Mercer".to_string()), "{people:?}");
    assert!(people.contains(&"Dan Mercer".to_string()), "{people:?}");
    let with_new_lines = saved.replacen(
        "## Item 3:",
        "- [ ] \n- [ ] Ann Lee: go (due \n\n## Item 3:",
        1,
    );
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": note_uri, "version": 5}, "contentChanges": [{"text": with_new_lines}]}),
    );
    let update_line = with_new_lines.lines().position(|l| l == "- [ ] ").unwrap();
    let offered = client.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": note_uri}, "position": {"line": update_line, "character": 6}}),
    );
    let ids = labels(&offered);
    assert!(ids.contains(&"2026-01-20/3.1".to_string()), "{ids:?}");
    // Done before this meeting: not offered.
    assert!(!ids.contains(&"2025-11-18/3.2".to_string()), "{ids:?}");
    let summit = offered
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["label"] == "2026-01-20/3.1")
        .unwrap();
    assert_eq!(
        summit["insertText"],
        "2026-01-20/3.1 Sam Whitlock, Ruth Calloway: plan the youth employment summit — "
    );
    let due = client.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": note_uri}, "position": {"line": update_line + 1, "character": 25}}),
    );
    assert_eq!(labels(&due), ["next meeting"]);
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": note_uri, "version": 6}, "contentChanges": [{"text": saved}]}),
    );

    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
    drop(client.stdin);
    assert!(client.child.wait().unwrap().success());
    // Nothing was written to the note.
    assert_eq!(std::fs::read_to_string(&note).unwrap(), saved);
}

/// A `minutes.yaml` that cannot be used is said to the editor, at once,
/// with its file and line; the notes are checked with the defaults.
#[test]
fn a_config_that_cannot_be_used_is_said() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("minutes.yaml"),
        "rules:\n  no-such-rule: warning\n",
    )
    .unwrap();
    let mut client = Client::start(dir.path());
    client.request(
        "initialize",
        json!({"processId": null, "rootUri": uri(dir.path()), "capabilities": {}}),
    );
    client.notify("initialized", json!({}));
    let shown = client.receive();
    assert_eq!(shown["method"], "window/showMessage");
    let message = shown["params"]["message"].as_str().unwrap();
    assert!(
        message.contains("minutes.yaml:2: unknown rule `no-such-rule`"),
        "{message}"
    );
    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
    drop(client.stdin);
    assert!(client.child.wait().unwrap().success());
}
