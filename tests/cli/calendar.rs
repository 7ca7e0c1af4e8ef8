//! The calendars, read back by two independent parsers (Python's
//! `icalendar` and `vobject`): every dated action as an all-day event and a
//! to-do, every meeting as an event, a series' next meeting as a tentative
//! one with the UID its note will have.

use serde_json::Value;

use crate::common::{json, minutes, minutes_in, ok, python_reads, python_with};

/// A Python with `icalendar` and `vobject`, or `None` (the test skipped).
fn python_with_parsers() -> Option<&'static str> {
    python_with(&["icalendar", "vobject"])
}

/// What both parsers read in `ics`: per component kind, a list of
/// {uid, status, start, end, summary}; the two must agree.
fn parse(python: &str, ics: &str) -> Value {
    let script = r#"
import json, sys, icalendar, vobject
data = sys.stdin.read()
def norm(v):
    return None if v is None else str(v)
a = icalendar.Calendar.from_ical(data)
first = {"prodid": str(a["PRODID"])}
for kind in ("VEVENT", "VTODO"):
    first[kind] = [{"uid": str(c["UID"]), "status": norm(c.get("STATUS")),
                    "start": norm(c.decoded("DTSTART") if "DTSTART" in c else None),
                    "end": norm(c.decoded("DTEND") if "DTEND" in c else None),
                    "summary": str(c["SUMMARY"])} for c in a.walk(kind)]
b = vobject.readOne(data)
second = {"prodid": b.prodid.value}
for kind, name in (("VEVENT", "vevent"), ("VTODO", "vtodo")):
    second[kind] = [{"uid": c.uid.value, "status": c.status.value if hasattr(c, "status") else None,
                     "start": norm(c.dtstart.value) if hasattr(c, "dtstart") else None,
                     "end": norm(c.dtend.value) if hasattr(c, "dtend") else None,
                     "summary": c.summary.value} for c in b.contents.get(name, [])]
assert first == second, (first, second)
print(json.dumps(first))
"#;
    serde_json::from_str(&python_reads(python, script, ics.as_bytes())).unwrap()
}

#[test]
fn every_dated_action_is_an_event_and_a_to_do() {
    let Some(python) = python_with_parsers() else {
        return;
    };
    let args = ["actions", "--status", "all", "--today", "2026-11-24"];
    let actions = json(&[&args[..], &["--format", "json", "examples"]].concat());
    let actions = actions["actions"].as_array().unwrap();
    let dated: Vec<&Value> = actions.iter().filter(|a| !a["due"].is_null()).collect();
    let undated = actions.len() - dated.len();

    let output = minutes(&[&args[..], &["--format", "ics", "examples"]].concat());
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(
        stderr.contains(&format!(
            "{undated} actions have no due date and are not in the calendar"
        )),
        "{stderr}"
    );
    let read = parse(python, &ok(&output));
    assert!(
        read["prodid"]
            .as_str()
            .unwrap()
            .starts_with("-//minutes//minutes ")
    );
    let events = read["VEVENT"].as_array().unwrap();
    assert_eq!(events.len(), dated.len());
    assert_eq!(read["VTODO"].as_array().unwrap().len(), dated.len());
    // An all-day event on the due date, ending the next day.
    let first = dated[0];
    let event = events
        .iter()
        .find(|e| {
            e["uid"]
                .as_str()
                .unwrap()
                .starts_with(&format!("due.{}@", first["id"].as_str().unwrap()))
        })
        .unwrap();
    let due = first["due"].as_str().unwrap();
    assert_eq!(event["start"], due);
    let next = chrono::NaiveDate::parse_from_str(due, "%Y-%m-%d")
        .unwrap()
        .succ_opt()
        .unwrap();
    assert_eq!(event["end"], next.to_string());

    for (kind, events, todos) in [("events", dated.len(), 0), ("todos", 0, dated.len())] {
        let only = ok(&minutes(
            &[
                &args[..],
                &["--format", "ics", "--calendar", kind, "examples"],
            ]
            .concat(),
        ));
        let read = parse(python, &only);
        assert_eq!(read["VEVENT"].as_array().unwrap().len(), events, "{kind}");
        assert_eq!(read["VTODO"].as_array().unwrap().len(), todos, "{kind}");
    }
}

#[test]
fn every_meeting_is_an_event_and_the_next_one_tentative() {
    let Some(python) = python_with_parsers() else {
        return;
    };
    let args = ["meetings", "--format", "ics", "--today", "2026-11-24"];
    let read = parse(python, &ok(&minutes(&[&args[..], &["examples"]].concat())));
    let events = read["VEVENT"].as_array().unwrap();
    let confirmed: Vec<&Value> = events
        .iter()
        .filter(|e| e["status"] == "CONFIRMED")
        .collect();
    let tentative: Vec<&Value> = events
        .iter()
        .filter(|e| e["status"] == "TENTATIVE")
        .collect();
    assert_eq!(confirmed.len(), 14);
    // Each series' next meeting, which no note has yet.
    let mut next: Vec<&str> = tentative
        .iter()
        .map(|e| e["start"].as_str().unwrap())
        .collect();
    next.sort_unstable();
    assert_eq!(next, ["2026-10-14", "2026-12-03", "2027-01-19"]);
    // At its time when the note gives one, at its place.
    let march = confirmed
        .iter()
        .find(|e| e["uid"].as_str().unwrap().starts_with("2026-03-17@"))
        .unwrap();
    assert_eq!(march["start"], "2026-03-17 14:00:00");

    // Once the next meeting's note is written, the same UID is that
    // meeting, confirmed: a subscribed calendar updates in place.
    let wrenfield_next = tentative
        .iter()
        .find(|e| e["start"] == "2026-10-14")
        .unwrap()["uid"]
        .clone();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path()
            .join("2026-10-14-wrenfield-town-council-planning-committee.md"),
        "---\nmeeting: Wrenfield Town Council Planning Committee\ndate: 2026-10-14\n---\n",
    )
    .unwrap();
    let alone = parse(
        python,
        &ok(&minutes_in(dir.path(), &[&args[..], &["."]].concat())),
    );
    assert_eq!(alone["VEVENT"][0]["uid"], wrenfield_next);
    assert_eq!(alone["VEVENT"][0]["status"], "CONFIRMED");
}
