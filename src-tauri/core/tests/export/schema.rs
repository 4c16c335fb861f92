//! docs/review.schema.json and the reader agree: what Filmdesk writes is valid under the
//! schema, and what the schema refuses the reader refuses too. The validator here covers the
//! keywords that schema uses (type, const, enum, properties, required, additionalProperties,
//! items, $ref, minimum, maximum, minLength, allOf with if/then).

use std::path::PathBuf;

use filmdesk_core::export::samples::full_review;
use filmdesk_core::export::{from_json, to_json};
use filmdesk_core::rating::RatingScale;
use serde_json::{json, Value};

pub fn schema() -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/review.schema.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn resolve<'a>(root: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let name = r.strip_prefix("#/$defs/").expect("local $ref");
            resolve(root, &root["$defs"][name])
        }
        None => schema,
    }
}

fn type_matches(t: &str, v: &Value) -> bool {
    match t {
        "object" => v.is_object(),
        "array" => v.is_array(),
        "string" => v.is_string(),
        "integer" => v.is_u64() || v.is_i64(),
        "number" => v.is_number(),
        "boolean" => v.is_boolean(),
        "null" => v.is_null(),
        other => panic!("unknown type {other}"),
    }
}

/// The path of the first place `value` breaks `schema`, if any.
pub fn validate(root: &Value, schema: &Value, value: &Value, path: &str) -> Option<String> {
    let schema = resolve(root, schema);
    let fail = |why: &str| Some(format!("{path}: {why}"));
    if let Some(t) = schema.get("type") {
        let ok = match t {
            Value::String(t) => type_matches(t, value),
            Value::Array(ts) => ts.iter().any(|t| type_matches(t.as_str().unwrap(), value)),
            _ => panic!("bad type"),
        };
        if !ok {
            return fail(&format!("expected {t}"));
        }
    }
    if let Some(c) = schema.get("const") {
        if c != value {
            return fail("const");
        }
    }
    if let Some(e) = schema.get("enum").and_then(Value::as_array) {
        if !e.contains(value) {
            return fail("enum");
        }
    }
    if let Some(n) = value.as_f64() {
        if schema
            .get("minimum")
            .and_then(Value::as_f64)
            .is_some_and(|m| n < m)
        {
            return fail("minimum");
        }
        if schema
            .get("maximum")
            .and_then(Value::as_f64)
            .is_some_and(|m| n > m)
        {
            return fail("maximum");
        }
    }
    if let (Some(s), Some(min)) = (
        value.as_str(),
        schema.get("minLength").and_then(Value::as_u64),
    ) {
        if (s.chars().count() as u64) < min {
            return fail("minLength");
        }
    }
    if let Some(s) = value.as_str() {
        if schema.get("pattern").is_some() && s.trim().is_empty() {
            return fail("pattern");
        }
    }
    if let Some(obj) = value.as_object() {
        let props = schema.get("properties").and_then(Value::as_object);
        for key in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if !obj.contains_key(key.as_str().unwrap()) {
                return fail(&format!("missing {key}"));
            }
        }
        for (k, v) in obj {
            match props.and_then(|p| p.get(k)) {
                Some(s) => {
                    if let Some(e) = validate(root, s, v, &format!("{path}.{k}")) {
                        return Some(e);
                    }
                }
                None if schema.get("additionalProperties") == Some(&Value::Bool(false)) => {
                    return fail(&format!("unknown field {k}"));
                }
                None => {}
            }
        }
    }
    if let (Some(items), Some(arr)) = (schema.get("items"), value.as_array()) {
        for (i, v) in arr.iter().enumerate() {
            if let Some(e) = validate(root, items, v, &format!("{path}[{i}]")) {
                return Some(e);
            }
        }
    }
    for sub in schema
        .get("allOf")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let applies = sub
            .get("if")
            .is_none_or(|cond| validate(root, cond, value, path).is_none());
        if applies {
            let then = sub.get("then").unwrap_or(sub);
            if let Some(e) = validate(root, then, value, path) {
                return Some(e);
            }
        }
    }
    None
}

#[test]
fn what_filmdesk_writes_is_valid() {
    let root = schema();
    for scale in RatingScale::ALL {
        let doc: Value = serde_json::from_str(&to_json(&full_review(scale)).unwrap()).unwrap();
        assert_eq!(validate(&root, &root, &doc, ""), None);
    }
    let mut unrated = full_review(RatingScale::Letter);
    unrated.rating.step = None;
    unrated.embargo = None;
    unrated.published_at = None;
    unrated.film.year = None;
    let doc: Value = serde_json::from_str(&to_json(&unrated).unwrap()).unwrap();
    assert_eq!(validate(&root, &root, &doc, ""), None);
    let mut with_lang = full_review(RatingScale::FiveStars);
    with_lang.lang = Some("en_GB".into());
    let doc: Value = serde_json::from_str(&to_json(&with_lang).unwrap()).unwrap();
    assert_eq!(validate(&root, &root, &doc, ""), None);
}

/// A change to a valid document, the path the schema reports, and the path the reader must
/// report.
type Breakage = (&'static str, Box<dyn Fn(&mut Value)>, &'static str);

fn broken() -> Vec<Breakage> {
    vec![
        (
            "no marker",
            Box::new(|d| {
                d.as_object_mut().unwrap().remove("filmdesk_review");
            }),
            "filmdesk_review",
        ),
        (
            "version 2",
            Box::new(|d| d["filmdesk_review"] = json!(2)),
            "filmdesk_review",
        ),
        (
            "status",
            Box::new(|d| d["status"] = json!("archived")),
            "status",
        ),
        (
            "year type",
            Box::new(|d| d["film"]["year"] = json!("2024")),
            "film.year",
        ),
        (
            "year range",
            Box::new(|d| d["film"]["year"] = json!(1066)),
            "film.year",
        ),
        (
            "cast actor",
            Box::new(|d| d["film"]["cast"][1]["actor"] = json!(7)),
            "film.cast[1].actor",
        ),
        (
            "unknown nested",
            Box::new(|d| d["film"]["cast"][0]["agent"] = json!("x")),
            "film.cast[0].agent",
        ),
        ("unknown top", Box::new(|d| d["mood"] = json!("x")), "mood"),
        (
            "scale",
            Box::new(|d| d["rating"]["scale"] = json!("six_stars")),
            "rating.scale",
        ),
        (
            "step range",
            Box::new(|d| d["rating"]["step"] = json!(11)),
            "rating.step",
        ),
        (
            "negative step",
            Box::new(|d| d["rating"]["step"] = json!(-1)),
            "rating.step",
        ),
        (
            "section role",
            Box::new(|d| d["sections"][2]["role"] = json!("aside")),
            "sections[2].role",
        ),
        (
            "section id",
            Box::new(|d| d["sections"][3]["id"] = json!(" ")),
            "sections[3].id",
        ),
        (
            "spoiler",
            Box::new(|d| d["sections"][0]["spoiler"] = json!("yes")),
            "sections[0].spoiler",
        ),
        ("tags", Box::new(|d| d["tags"] = json!("drama")), "tags"),
        (
            "link url",
            Box::new(|d| d["links"][1]["url"] = json!(null)),
            "links[1].url",
        ),
        (
            "created_at",
            Box::new(|d| d["created_at"] = json!(17)),
            "created_at",
        ),
        ("lang type", Box::new(|d| d["lang"] = json!(7)), "lang"),
        ("lang empty", Box::new(|d| d["lang"] = json!("")), "lang"),
    ]
}

#[test]
fn the_schema_and_the_reader_refuse_the_same_things_at_the_same_place() {
    let root = schema();
    let good: Value =
        serde_json::from_str(&to_json(&full_review(RatingScale::FiveStars)).unwrap()).unwrap();
    for (what, change, path) in broken() {
        let mut doc = good.clone();
        change(&mut doc);
        let schema_error = validate(&root, &root, &doc, "");
        assert!(schema_error.is_some(), "{what}: the schema accepts it");
        let err = from_json(&doc.to_string()).unwrap_err();
        assert_eq!(err.code(), filmdesk_core::ErrorCode::InvalidInput);
        let message = err.to_string();
        assert!(
            message.contains(&format!("at {path}:")),
            "{what}: expected the path {path} in {message:?}"
        );
    }
}
