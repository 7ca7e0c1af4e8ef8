//! `minutes remind`: each owner's digest as text, Markdown and emails,
//! the emails parsed by Python's `email` package, and sent to a real SMTP
//! server (Python's `aiosmtpd`) started for the test; owners no one can
//! reach are said, never guessed at; nothing is written before an error.

use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Output};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::common::{command, ok, python_reads, python_with};

const REGISTER: &str = "people:
  - name: Renée Lowe
    email: renee.lowe@board.example
  - name: Al Bee
    email: al.bee@board.example
  - name: Cy Dee
reminders:
  from: Clerk to the Board <clerk@board.example>
";

/// A fictional board: an overdue action, one due soon, one due later, one
/// done, and at the latest meeting a new one, one with an owner who is no
/// one, and one whose text HTML and Markdown must escape.
fn board() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("minutes.yaml"), REGISTER).unwrap();
    std::fs::write(
        root.join("2026-10-01-board.md"),
        "---\nmeeting: Board\ndate: 2026-10-01\npresent: [Renée Lowe, Al Bee, Cy Dee]\n---\n\
         ## 1. Budget\n\n\
         - [ ] Renée Lowe: circulate the budget (due 2026-11-01)\n\
         - [ ] Al Bee: book the hall (due 2026-11-30)\n\
         - [ ] Al Bee: plan the away day (due 2027-03-01)\n\
         - [ ] Al Bee: save the plan to C:\\new\\files \u{1b}[2J (due 2026-12-02)\n\
         - [x] Cy Dee: file the accounts (due 2026-10-20)\n",
    )
    .unwrap();
    std::fs::write(
        root.join("2026-11-17-board.md"),
        "---\nmeeting: Board\ndate: 2026-11-17\npresent: [Renée Lowe, Al Bee, Cy Dee]\n---\n\
         ## 1. Premises\n\n\
         - [ ] Cy Dee: ask for a quote (due 2027-01-10)\n\
         - [ ] TS: check the locks (due 2026-11-25)\n\
         - [ ] Renée Lowe: keep costs < £5k & \"fees\" low (due 2026-12-01)\n",
    )
    .unwrap();
    dir
}

fn remind(dir: &Path, args: &[&str]) -> Output {
    command()
        .arg("remind")
        .args(["--today", "2026-11-24", "--within", "2w"])
        .args(args)
        .arg(".")
        .current_dir(dir)
        .env_remove("MINUTES_REMINDERS_FROM")
        .env_remove("MINUTES_SMTP_HOST")
        .env_remove("MINUTES_SMTP_PASSWORD")
        .output()
        .unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The digest of `name` in the text output: from its heading to the next.
fn digest_of<'t>(text: &'t str, name: &str) -> &'t str {
    let heading = format!("Actions for {name}\n");
    let start = text
        .find(&heading)
        .unwrap_or_else(|| panic!("no digest for {name}:\n{text}"));
    let rest = &text[start + heading.len()..];
    &rest[..rest.find("Actions for ").unwrap_or(rest.len())]
}

#[test]
fn each_owner_gets_their_overdue_due_soon_and_new_actions_and_no_one_is_guessed() {
    let dir = board();
    let output = remind(dir.path(), &[]);
    let text = ok(&output);
    let renee = digest_of(&text, "Renée Lowe");
    assert!(
        renee.starts_with("To: Renée Lowe <renee.lowe@board.example>\n"),
        "{renee}"
    );
    assert!(
        !digest_of(&text, "Cy Dee").contains("To: "),
        "Cy has no address"
    );
    assert!(
        stderr(&output).contains("no email for 1 person (add `email:` to their entry under `people:` in minutes.yaml): Cy Dee"),
        "{}",
        stderr(&output)
    );
    let overdue =
        &renee[renee.find("Overdue").unwrap()..renee.find("Due by 8 December 2026").unwrap()];
    assert!(
        overdue.contains("circulate the budget (2026-10-01/1.1)"),
        "{renee}"
    );
    assert!(
        overdue.contains("due 1 November 2026 (overdue) · Board, 1 October 2026, item 1 Budget")
    );
    assert!(overdue.contains(
        "Update: - [ ] 2026-10-01/1.1 Renée Lowe: circulate the budget (due 2026-11-01, overdue)"
    ));
    let al = digest_of(&text, "Al Bee");
    assert!(
        al.contains("Due by 8 December 2026") && al.contains("book the hall"),
        "{al}"
    );
    assert!(!al.contains("away day"), "due after the window: {al}");
    assert!(
        al.contains("save the plan to C:\\new\\files \\u{1b}[2J (2026-10-01/1.4)"),
        "a backslash stays, a control character is escaped: {al}"
    );
    let cy = digest_of(&text, "Cy Dee");
    assert!(
        cy.contains("Raised at the last meeting") && cy.contains("ask for a quote"),
        "{cy}"
    );
    assert!(!text.contains("file the accounts"), "a done action: {text}");
    assert!(
        stderr(&output).contains("2026-11-17-board.md:9: warning: `TS` is not one person of the notes, so no one is reminded of 2026-11-17/1.2"),
        "{}",
        stderr(&output)
    );
    assert!(!text.contains("check the locks"), "{text}");
    let only = ok(&remind(dir.path(), &["--owner", "al bee"]));
    assert!(
        only.starts_with("Actions for Al Bee\n") && !only.contains("Renée"),
        "{only}"
    );
}

#[test]
fn markdown_digests_escape_the_text_and_keep_update_lines_as_code() {
    let dir = board();
    let text = ok(&remind(
        dir.path(),
        &["--format", "markdown", "--owner", "Renée Lowe"],
    ));
    assert!(text.starts_with("## Actions for Renée Lowe\n"), "{text}");
    assert!(text.contains("keep costs \\< £5k & \"fees\" low"), "{text}");
    assert!(
        text.contains("Update: ` - [ ] 2026-10-01/1.1 Renée Lowe: circulate the budget (due 2026-11-01, overdue) `"),
        "{text}"
    );
}

/// Each email file's headers and parts, as Python's `email` reads it.
const READ_EMAIL: &str = r#"
import email, email.policy, json, sys
m = email.message_from_bytes(sys.stdin.buffer.read(), policy=email.policy.default)
print(json.dumps({"from": str(m["From"]), "to": str(m["To"]), "subject": str(m["Subject"]),
                  "to_name": m["To"].addresses[0].display_name, "to_addr": m["To"].addresses[0].addr_spec,
                  "text": m.get_body(("plain",)).get_content(), "html": m.get_body(("html",)).get_content()}))
"#;

fn read_email(python: &str, bytes: &[u8]) -> Value {
    serde_json::from_str(&python_reads(python, READ_EMAIL, bytes)).unwrap()
}

#[test]
fn emails_are_a_file_a_person_with_an_address_and_parse_as_written() {
    let Some(python) = python_with(&["email"]) else {
        return;
    };
    let dir = board();
    let out = dir.path().join("reminders");
    let output = remind(
        dir.path(),
        &["--format", "eml", "--out", out.to_str().unwrap()],
    );
    let said = ok(&output);
    assert!(
        said.contains("wrote ") && said.contains("renee-lowe.eml"),
        "{said}"
    );
    let mut files: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files, ["al-bee.eml", "renee-lowe.eml"]);
    assert!(
        stderr(&output).contains("no email for 1 person"),
        "{}",
        stderr(&output)
    );
    assert!(stderr(&output).contains("Cy Dee"), "{}", stderr(&output));
    let renee = read_email(python, &std::fs::read(out.join("renee-lowe.eml")).unwrap());
    assert_eq!(renee["to_name"], "Renée Lowe");
    assert_eq!(renee["to_addr"], "renee.lowe@board.example");
    assert_eq!(renee["from"], "Clerk to the Board <clerk@board.example>");
    assert_eq!(
        renee["subject"],
        "Your actions from the minutes: 1 overdue, 1 due by 8 December 2026"
    );
    let text = renee["text"].as_str().unwrap();
    let printed = ok(&remind(dir.path(), &["--owner", "Renée Lowe"]));
    assert_eq!(
        text.replace("\r\n", "\n"),
        printed,
        "the text part is the printed digest"
    );
    let html = renee["html"].as_str().unwrap();
    assert!(
        html.contains("keep costs &#60; £5k &#38; &#34;fees&#34; low"),
        "{html}"
    );
    assert!(html.contains("circulate the budget"), "{html}");
    let again = remind(
        dir.path(),
        &["--format", "eml", "--out", out.to_str().unwrap()],
    );
    assert_eq!(
        again.status.code(),
        Some(2),
        "files are never replaced unasked"
    );
    assert!(stderr(&again).contains("exists"), "{}", stderr(&again));
    ok(&remind(
        dir.path(),
        &["--format", "eml", "--out", out.to_str().unwrap(), "--force"],
    ));
}

/// A local SMTP server (aiosmtpd) keeping what it is sent in a Maildir;
/// stopped when dropped.
struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn smtp_server(python: &str, maildir: &Path) -> Option<Server> {
    let port = TcpListener::bind("127.0.0.1:0")
        .ok()?
        .local_addr()
        .ok()?
        .port();
    let child = Command::new(python)
        .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}")])
        .args(["-c", "aiosmtpd.handlers.Mailbox"])
        .arg(maildir)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .ok()?;
    let server = Server { child, port };
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(20) {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Some(server);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    eprintln!("skipped: aiosmtpd did not start listening on port {port}");
    None
}

/// The messages in a Maildir, each as Python's `email` reads it.
const READ_MAILDIR: &str = r#"
import email.policy, json, mailbox, sys
box = mailbox.Maildir(sys.stdin.read().strip(), factory=None, create=False)
out = []
for key in box.keys():
    m = email.message_from_bytes(box.get_bytes(key), policy=email.policy.default)
    out.append({"to": str(m["To"]), "subject": str(m["Subject"]),
                "text": m.get_body(("plain",)).get_content()})
print(json.dumps(sorted(out, key=lambda m: m["to"])))
"#;

#[test]
fn reminders_are_sent_to_a_real_smtp_server_and_arrive_as_sent() {
    let Some(python) = python_with(&["aiosmtpd"]) else {
        return;
    };
    let dir = board();
    let maildir = dir.path().join("received");
    let Some(server) = smtp_server(python, &maildir) else {
        return;
    };
    let send = |extra: &[&str]| {
        command()
            .arg("remind")
            .args(["--today", "2026-11-24", "--send"])
            .args(extra)
            .arg(".")
            .current_dir(dir.path())
            .env("MINUTES_SMTP_HOST", "127.0.0.1")
            .env("MINUTES_SMTP_PORT", server.port.to_string())
            .env("MINUTES_SMTP_SECURITY", "none")
            .env_remove("MINUTES_SMTP_USERNAME")
            .env_remove("MINUTES_SMTP_PASSWORD")
            .output()
            .unwrap()
    };
    let dry = ok(&send(&["--dry-run"]));
    assert!(
        dry.starts_with(&format!(
            "would send through 127.0.0.1:{} (no encryption):\n",
            server.port
        )),
        "{dry}"
    );
    assert!(
        !maildir.join("new").exists()
            || std::fs::read_dir(maildir.join("new"))
                .unwrap()
                .next()
                .is_none()
    );
    let sent = ok(&send(&[]));
    assert_eq!(
        sent,
        "sent to Al Bee <al.bee@board.example>\nsent to Renée Lowe <renee.lowe@board.example>\n"
    );
    let received: Vec<Value> = serde_json::from_str(&python_reads(
        python,
        READ_MAILDIR,
        maildir.to_str().unwrap().as_bytes(),
    ))
    .unwrap();
    assert_eq!(received.len(), 2, "{received:?}");
    assert_eq!(received[0]["to"], "Al Bee <al.bee@board.example>");
    assert_eq!(received[1]["to"], "Renée Lowe <renee.lowe@board.example>");
    for message in &received {
        let subject = message["subject"].as_str().unwrap();
        assert!(
            dry.contains(&format!(": {subject}\n")),
            "{subject} was not what --dry-run said: {dry}"
        );
    }
    assert!(
        received[1]["text"]
            .as_str()
            .unwrap()
            .contains("circulate the budget")
    );
}

#[test]
fn what_would_stop_reminders_is_said_before_anything_is_written() {
    let dir = board();
    let cases: [(&str, &[&str], &str); 4] = [
        (
            "people:\n  - name: Al Bee\n",
            &["--format", "eml", "--out", "x"],
            "reminders need a sender",
        ),
        (
            "reminders:\n  from: \"Clerk\\r\\nBcc: all@evil.example <clerk@board.example>\"\n",
            &["--format", "eml", "--out", "x"],
            "the sender `Clerk\\r\\nBcc: all@evil.example <clerk@board.example>` is not an address",
        ),
        (REGISTER, &["--format", "eml"], "give --out DIR"),
        (REGISTER, &["--send"], "no SMTP server"),
    ];
    for (config, args, said) in cases {
        std::fs::write(dir.path().join("minutes.yaml"), config).unwrap();
        let output = remind(dir.path(), args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(output.stdout.is_empty(), "{args:?}");
        assert!(
            stderr(&output).contains(said),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(!dir.path().join("x").exists());
    }
    std::fs::write(
        dir.path().join("minutes.yaml"),
        format!("{REGISTER}  smtp:\n    host: mail.board.example\n    password: hunter2\n"),
    )
    .unwrap();
    let output = remind(dir.path(), &[]);
    assert_eq!(output.status.code(), Some(2));
    let said = stderr(&output);
    assert!(
        said.contains("minutes.yaml:11: a password is never kept in minutes.yaml"),
        "{said}"
    );
    assert!(!said.contains("hunter2"), "{said}");
    // A login with no password: a real run stops before anything; a dry
    // run says who would be sent what, and that the real run would stop.
    std::fs::write(
        dir.path().join("minutes.yaml"),
        format!("{REGISTER}  smtp:\n    host: mail.board.example\n    username: clerk\n"),
    )
    .unwrap();
    let real = remind(dir.path(), &["--send"]);
    assert_eq!(real.status.code(), Some(2));
    assert!(real.stdout.is_empty());
    assert!(
        stderr(&real).contains("set MINUTES_SMTP_PASSWORD"),
        "{}",
        stderr(&real)
    );
    let dry = remind(dir.path(), &["--send", "--dry-run"]);
    assert_eq!(dry.status.code(), Some(2));
    let listed = String::from_utf8_lossy(&dry.stdout);
    assert!(
        listed.starts_with("would send through mail.board.example:587 (STARTTLS) as clerk:\n"),
        "{listed}"
    );
    assert!(
        listed.contains("to Renée Lowe <renee.lowe@board.example>"),
        "{listed}"
    );
    assert!(
        stderr(&dry).contains("--send without --dry-run stops here"),
        "{}",
        stderr(&dry)
    );
}

/// An SMTP server that offers STARTTLS with `cert` and takes one login,
/// keeping what it is sent in `maildir`; prints its port, and stops when its
/// input closes.
const TLS_SERVER: &str = r#"
import socket, ssl, sys
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Mailbox
from aiosmtpd.smtp import AuthResult, LoginPassword
cert, key, maildir, user, password = sys.argv[1:6]
context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
context.load_cert_chain(cert, key)
def authenticator(server, session, envelope, mechanism, data):
    ok = isinstance(data, LoginPassword) and (data.login.decode(), data.password.decode()) == (user, password)
    return AuthResult(success=ok, handled=False)
probe = socket.socket(); probe.bind(("127.0.0.1", 0)); port = probe.getsockname()[1]; probe.close()
controller = Controller(Mailbox(maildir), hostname="127.0.0.1", port=port, tls_context=context,
                        require_starttls=True, authenticator=authenticator, auth_require_tls=True)
controller.start()
print(port, flush=True)
sys.stdin.read()
controller.stop()
"#;

/// A certificate for `localhost` that is not a CA's, made by `openssl`.
fn localhost_certificate(dir: &Path) -> Option<(std::path::PathBuf, std::path::PathBuf)> {
    let (cert, key) = (dir.join("cert.pem"), dir.join("key.pem"));
    let made = Command::new("openssl")
        .args([
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
        ])
        .args([
            "-subj",
            "/CN=localhost",
            "-addext",
            "basicConstraints=critical,CA:FALSE",
        ])
        .args(["-addext", "subjectAltName=DNS:localhost"])
        .arg("-keyout")
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .output();
    if made.is_ok_and(|o| o.status.success()) {
        Some((cert, key))
    } else {
        eprintln!("skipped: no `openssl` to make a certificate for the TLS server");
        None
    }
}

#[test]
fn reminders_go_over_starttls_with_a_login_and_never_to_a_server_not_trusted() {
    let Some(python) = python_with(&["aiosmtpd"]) else {
        return;
    };
    let dir = board();
    let Some((cert, key)) = localhost_certificate(dir.path()) else {
        return;
    };
    let maildir = dir.path().join("received");
    let mut child = Command::new(python)
        .args(["-c", TLS_SERVER])
        .arg(&cert)
        .arg(&key)
        .arg(&maildir)
        .args(["clerk", "s3cret"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut port = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(child.stdout.take().unwrap()),
        &mut port,
    )
    .unwrap();
    let server = Server {
        child,
        port: port.trim().parse().expect("the server's port"),
    };
    let send = |password: &str, trusted: bool| {
        let mut run = command();
        run.arg("remind")
            .args(["--today", "2026-11-24", "--send", "."])
            .current_dir(dir.path())
            .env("MINUTES_SMTP_HOST", "localhost")
            .env("MINUTES_SMTP_PORT", server.port.to_string())
            .env("MINUTES_SMTP_USERNAME", "clerk")
            .env("MINUTES_SMTP_PASSWORD", password)
            .env_remove("MINUTES_SMTP_SECURITY");
        if trusted {
            // rustls-native-certs reads the certificates to trust from here.
            run.env("SSL_CERT_FILE", &cert);
        } else {
            run.env_remove("SSL_CERT_FILE");
        }
        run.output().unwrap()
    };
    let arrived = || std::fs::read_dir(maildir.join("new")).map_or(0, |d| d.count());
    let untrusted = send("s3cret", false);
    assert_eq!(untrusted.status.code(), Some(2));
    assert!(
        stderr(&untrusted).contains("invalid peer certificate"),
        "{}",
        stderr(&untrusted)
    );
    assert!(!stderr(&untrusted).contains("s3cret"));
    let refused = send("wrong", true);
    assert_eq!(refused.status.code(), Some(2));
    assert!(stderr(&refused).contains("(535)"), "{}", stderr(&refused));
    assert_eq!(
        arrived(),
        0,
        "nothing is sent but over a trusted server, logged in"
    );
    let sent = ok(&send("s3cret", true));
    assert!(
        sent.contains("sent to Renée Lowe <renee.lowe@board.example>"),
        "{sent}"
    );
    assert_eq!(arrived(), 2);
}

/// The text of an HTML page as a browser would show it, by Python's parser.
const HTML_TEXT: &str = r#"
import html.parser, sys
class Text(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(); self.parts = []; self.tags = []
    def handle_starttag(self, tag, attrs): self.tags.append(tag)
    def handle_data(self, data): self.parts.append(data)
t = Text(); t.feed(sys.stdin.read())
print(" ".join(" ".join(t.parts).split()))
print("SCRIPT" if "script" in t.tags else "no script")
"#;

#[test]
fn html_and_markdown_digests_are_a_file_a_person_with_out() {
    let Some(python) = python_with(&["html"]) else {
        return;
    };
    let dir = board();
    for (format, extension) in [("html", "html"), ("markdown", "md"), ("text", "txt")] {
        let out = dir.path().join(format);
        ok(&remind(
            dir.path(),
            &["--format", format, "--out", out.to_str().unwrap()],
        ));
        let mut files: Vec<String> = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        files.sort();
        let expected: Vec<String> = ["al-bee", "cy-dee", "renee-lowe"]
            .iter()
            .map(|name| format!("{name}.{extension}"))
            .collect();
        assert_eq!(
            files, expected,
            "{format}: every person, with an address or not"
        );
    }
    let page = std::fs::read(dir.path().join("html/renee-lowe.html")).unwrap();
    let shown = python_reads(python, HTML_TEXT, &page);
    assert!(
        shown.contains("Actions for Renée Lowe To: Renée Lowe <renee.lowe@board.example>"),
        "{shown}"
    );
    assert!(shown.contains("keep costs < £5k & \"fees\" low"), "{shown}");
    assert!(
        shown.contains(
            "- [ ] 2026-10-01/1.1 Renée Lowe: circulate the budget (due 2026-11-01, overdue)"
        ),
        "{shown}"
    );
    assert!(shown.ends_with("no script\n"), "{shown}");
    let markdown = std::fs::read_to_string(dir.path().join("markdown/cy-dee.md")).unwrap();
    assert!(
        markdown.starts_with("## Actions for Cy Dee\n\nAs of 24 November 2026"),
        "{markdown}"
    );
}
