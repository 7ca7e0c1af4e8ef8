//! SARIF 2.1.0, as GitHub code scanning accepts it: the tool with every rule
//! (id, descriptions, help, default level), and a result per problem.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::display_path;
use crate::lint::rules;
use crate::lint::{Diagnostic, RuleMeta};
use crate::problem::Severity;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const RULES_DOC: &str = "docs/rules.md";

pub fn write(diagnostics: &[Diagnostic], out: &mut dyn Write) -> io::Result<()> {
    let metas: Vec<&RuleMeta> = rules::all().iter().map(|r| r.meta()).collect();
    let results: Vec<Value> = diagnostics
        .iter()
        .map(|d| result(d, metas.iter().position(|m| m.id == d.rule)))
        .collect();
    let document = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "minutes",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://crates.io/crates/minutes",
                    "rules": metas.iter().map(|m| rule(m)).collect::<Vec<_>>(),
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    super::super::json::render(&document, out)
}

fn level(severity: Option<Severity>) -> &'static str {
    match severity {
        Some(Severity::Error) => "error",
        Some(Severity::Warning) => "warning",
        Some(Severity::Info) => "note",
        None => "none",
    }
}

fn rule(meta: &RuleMeta) -> Value {
    json!({
        "id": meta.id,
        "name": meta.id,
        "shortDescription": { "text": meta.summary },
        "fullDescription": { "text": meta.explanation },
        "help": {
            "text": format!("{} See {RULES_DOC}#{} for a failing example and the fix.", meta.explanation, meta.id),
            "markdown": format!("{}\n\nSee [{RULES_DOC}]({RULES_DOC}#{}) for a failing example and the fix.", meta.explanation, meta.id),
        },
        "defaultConfiguration": {
            "level": level(meta.default_severity),
            "enabled": meta.default_severity.is_some(),
        },
    })
}

fn result(d: &Diagnostic, rule_index: Option<usize>) -> Value {
    let mut text = d.message.clone();
    if let Some(help) = &d.help {
        text.push_str(&format!(" Help: {help}"));
    }
    let mut physical = serde_json::Map::new();
    physical.insert(
        "artifactLocation".into(),
        json!({ "uri": uri(&display_path(d)) }),
    );
    // A whole-file problem (line 0) has no region.
    if d.line > 0 {
        let region = json!({
            "startLine": d.line,
            "startColumn": d.column.max(1),
            "endLine": d.end_line.max(d.line),
            "endColumn": d.end_column.max(d.column.max(1)),
            "snippet": { "text": d.source_line },
        });
        physical.insert("region".into(), region);
    }
    let mut value = serde_json::Map::new();
    value.insert("ruleId".into(), json!(d.rule));
    if let Some(index) = rule_index {
        value.insert("ruleIndex".into(), json!(index));
    }
    value.insert("level".into(), json!(level(Some(d.severity))));
    value.insert("message".into(), json!({ "text": text }));
    value.insert(
        "locations".into(),
        json!([{ "physicalLocation": physical }]),
    );
    Value::Object(value)
}

/// What a path segment of a URI reference keeps as it is: RFC 3986's
/// unreserved characters, and `/` between segments.
const PATH: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/');

/// A relative path as a URI reference, everything else percent-encoded.
fn uri(path: &str) -> String {
    percent_encoding::utf8_percent_encode(path, PATH).to_string()
}

#[cfg(test)]
mod tests {
    use super::uri;

    #[test]
    fn paths_are_uri_references() {
        assert_eq!(uri("notes/2025 board/é.md"), "notes/2025%20board/%C3%A9.md");
    }
}
