//! `minutes schema`: a JSON Schema of the front matter, for editors (VS
//! Code's YAML extension) to complete keys and check values as people type.

use serde_json::{Value, json};

/// The schema, in draft-07 (which editors' YAML tooling supports best).
pub fn front_matter_schema() -> Value {
    let date = json!({
        "type": "string",
        "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
        "description": "A real date, YYYY-MM-DD."
    });
    let person = json!({
        "oneOf": [
            {
                "type": "string",
                "description": "[Title] Name [(Org or role)], e.g. Cllr David Renard (SBC)."
            },
            {
                "type": "object",
                "required": ["name"],
                "properties": {
                    "name": { "type": "string" },
                    "title": { "type": "string" },
                    "org": { "type": "string" },
                    "role": { "type": "string" },
                    "initials": { "type": "string" }
                },
                "additionalProperties": false
            }
        ]
    });
    let people = json!({ "type": "array", "items": { "$ref": "#/definitions/person" } });
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "https://crates.io/crates/minutes/front-matter.schema.json",
        "title": "minutes note front matter",
        "description": "The YAML front matter of a meeting note (docs/format.md).",
        "type": "object",
        "required": ["meeting", "date"],
        "definitions": { "date": date, "person": person, "people": people },
        "properties": {
            "meeting": { "type": "string", "minLength": 1, "description": "The name of the body; notes with the same meeting form a series." },
            "date": { "$ref": "#/definitions/date" },
            "time": { "type": "string", "description": "Quote it: \"14:00\"." },
            "location": { "type": "string" },
            "chair": { "$ref": "#/definitions/person" },
            "minutes_by": { "$ref": "#/definitions/person" },
            "present": { "$ref": "#/definitions/people" },
            "in_attendance": { "$ref": "#/definitions/people" },
            "apologies": { "$ref": "#/definitions/people" },
            "absent": { "$ref": "#/definitions/people" },
            "next_meeting": { "$ref": "#/definitions/date" },
            "status": { "enum": ["draft", "approved"] },
            "tags": {
                "oneOf": [
                    { "type": "array", "items": { "type": "string" } },
                    { "type": "string" }
                ]
            }
        },
        "additionalProperties": true
    })
}

#[cfg(test)]
mod tests {
    use super::front_matter_schema;
    use crate::parse::front_matter::KNOWN_KEYS;

    #[test]
    fn every_documented_key_has_a_property() {
        let schema = front_matter_schema();
        let properties = schema["properties"].as_object().unwrap();
        for key in KNOWN_KEYS {
            assert!(properties.contains_key(*key), "{key}");
        }
        assert_eq!(properties.len(), KNOWN_KEYS.len());
        assert_eq!(schema["required"], serde_json::json!(["meeting", "date"]));
    }
}
