//! The create-session body and its field rules (types and limits from the
//! contract). Every error names the wire field: `customer_name: at most 128 characters`.

use serde::Serialize;
use serde_json::{Map, Value};

/// Most characters (Unicode code points) in `customer_name`.
pub const CUSTOMER_NAME_MAX: usize = 128;
/// Most characters in `customer_email`.
pub const CUSTOMER_EMAIL_MAX: usize = 64;
/// Most characters in `customer_number`.
pub const CUSTOMER_NUMBER_MAX: usize = 32;
/// Most characters in `problem_description`.
pub const PROBLEM_DESCRIPTION_MAX: usize = 1024;

/// A create-session request that passed the rules. Fields the caller did not
/// send are `None` (and left out when serialized).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreateSession {
    /// Department id, a positive integer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub department_id: Option<u64>,
    /// Technician's username, an email address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub technician_username: Option<String>,
    /// Session language, e.g. `fr` or `pt-BR`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Customer's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer_name: Option<String>,
    /// Customer's email address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer_email: Option<String>,
    /// Customer's reference, any characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer_number: Option<String>,
    /// Description of the problem.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem_description: Option<String>,
    /// Flag 0/1 (JSON `true`/`false` read as 1/0).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ask_customer_info: Option<u8>,
    /// Flag 0/1 (JSON `true`/`false` read as 1/0).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub show_waiting_queue: Option<u8>,
}

/// Parses and checks a create-session body. An empty body counts as `{}`;
/// unknown fields are ignored. The error text names the failing wire field.
pub fn parse_create(body: &[u8]) -> Result<CreateSession, String> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(CreateSession::default());
    }
    let value: Value =
        serde_json::from_slice(body).map_err(|e| format!("body: malformed JSON ({e})"))?;
    let Value::Object(obj) = value else {
        return Err("body: expected a JSON object".to_owned());
    };
    Ok(CreateSession {
        department_id: positive_integer(&obj, "department_id")?,
        technician_username: email(&obj, "technician_username", None)?,
        language: language(&obj, "language")?,
        customer_name: text(&obj, "customer_name", CUSTOMER_NAME_MAX)?,
        customer_email: email(&obj, "customer_email", Some(CUSTOMER_EMAIL_MAX))?,
        customer_number: text(&obj, "customer_number", CUSTOMER_NUMBER_MAX)?,
        problem_description: text(&obj, "problem_description", PROBLEM_DESCRIPTION_MAX)?,
        ask_customer_info: flag(&obj, "ask_customer_info")?,
        show_waiting_queue: flag(&obj, "show_waiting_queue")?,
    })
}

/// A short name for a JSON value's type, for error texts.
fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn positive_integer(obj: &Map<String, Value>, field: &str) -> Result<Option<u64>, String> {
    match obj.get(field) {
        None => Ok(None),
        Some(v) => match v.as_u64() {
            Some(n) if n > 0 => Ok(Some(n)),
            _ if v.is_number() => Err(format!("{field}: must be a positive integer")),
            _ => Err(format!(
                "{field}: must be a positive integer, got {}",
                type_name(v)
            )),
        },
    }
}

fn string<'a>(obj: &'a Map<String, Value>, field: &str) -> Result<Option<&'a str>, String> {
    match obj.get(field) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(v) => Err(format!("{field}: must be a string, got {}", type_name(v))),
    }
}

fn text(obj: &Map<String, Value>, field: &str, max: usize) -> Result<Option<String>, String> {
    let Some(s) = string(obj, field)? else {
        return Ok(None);
    };
    if s.chars().count() > max {
        return Err(format!("{field}: at most {max} characters"));
    }
    Ok(Some(s.to_owned()))
}

fn email(
    obj: &Map<String, Value>,
    field: &str,
    max: Option<usize>,
) -> Result<Option<String>, String> {
    let Some(s) = string(obj, field)? else {
        return Ok(None);
    };
    if let Some(max) = max {
        if s.chars().count() > max {
            return Err(format!("{field}: at most {max} characters"));
        }
    }
    if !is_email(s) {
        return Err(format!("{field}: not an email address"));
    }
    Ok(Some(s.to_owned()))
}

fn language(obj: &Map<String, Value>, field: &str) -> Result<Option<String>, String> {
    let Some(s) = string(obj, field)? else {
        return Ok(None);
    };
    if !is_language(s) {
        return Err(format!(
            "{field}: not a language code like \"fr\" or \"pt-BR\""
        ));
    }
    Ok(Some(s.to_owned()))
}

fn flag(obj: &Map<String, Value>, field: &str) -> Result<Option<u8>, String> {
    match obj.get(field) {
        None => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(u8::from(*b))),
        Some(v) => match v.as_u64() {
            Some(0) => Ok(Some(0)),
            Some(1) => Ok(Some(1)),
            _ if v.is_number() => Err(format!("{field}: must be 0 or 1")),
            _ => Err(format!("{field}: must be 0 or 1, got {}", type_name(v))),
        },
    }
}

/// A plain email check: one `@`, a non-empty local part, a dotted domain,
/// no spaces or control characters.
pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && !s.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// A language tag: 2-3 ASCII letters, then up to two `-` subtags of 2-8
/// ASCII letters or digits (`fr`, `pt-BR`, `zh-Hans`, `es-419`).
pub fn is_language(s: &str) -> bool {
    let mut parts = s.split('-');
    let primary_ok = parts
        .next()
        .is_some_and(|p| (2..=3).contains(&p.len()) && p.bytes().all(|c| c.is_ascii_alphabetic()));
    let rest: Vec<&str> = parts.collect();
    primary_ok
        && rest.len() <= 2
        && rest
            .iter()
            .all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|c| c.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(body: &str) -> String {
        parse_create(body.as_bytes()).unwrap_err()
    }

    #[test]
    fn accepts_the_seed_example() {
        let body = r#"{"department_id":123,"technician_username":"tech@example.com","language":"fr",
            "customer_name":"John Doe","customer_email":"john@example.com","customer_number":"d4f%d$3",
            "problem_description":"Unable to access network drive","ask_customer_info":1,
            "show_waiting_queue":true,"extra":{"kept":"ignored"}}"#;
        let s = parse_create(body.as_bytes()).unwrap();
        assert_eq!(s.department_id, Some(123));
        assert_eq!(s.customer_number.as_deref(), Some("d4f%d$3"));
        assert_eq!(s.show_waiting_queue, Some(1));
        assert_eq!(parse_create(b"").unwrap(), CreateSession::default());
    }

    #[test]
    fn names_the_field() {
        assert!(err("{").starts_with("body: malformed JSON"));
        assert_eq!(err("[1]"), "body: expected a JSON object");
        assert!(err(r#"{"department_id":0}"#).starts_with("department_id:"));
        assert!(err(r#"{"department_id":"1"}"#).starts_with("department_id:"));
        assert!(err(r#"{"department_id":1.5}"#).starts_with("department_id:"));
        assert!(err(r#"{"technician_username":"bob"}"#).starts_with("technician_username:"));
        assert!(err(r#"{"language":"french!"}"#).starts_with("language:"));
        let name = "é".repeat(129);
        assert_eq!(
            err(&format!(r#"{{"customer_name":"{name}"}}"#)),
            "customer_name: at most 128 characters"
        );
        assert!(
            parse_create(format!(r#"{{"customer_name":"{}"}}"#, "é".repeat(128)).as_bytes())
                .is_ok()
        );
        assert!(err(r#"{"customer_email":"x"}"#).starts_with("customer_email:"));
        assert!(err(r#"{"customer_number":5}"#).starts_with("customer_number:"));
        assert!(err(r#"{"ask_customer_info":2}"#).starts_with("ask_customer_info:"));
        assert!(err(r#"{"show_waiting_queue":"1"}"#).starts_with("show_waiting_queue:"));
    }

    #[test]
    fn emails_and_languages() {
        for ok in ["a@b.co", "first.last+tag@sub.example.com"] {
            assert!(is_email(ok), "{ok}");
        }
        for bad in [
            "", "a", "@b.co", "a@b", "a@.b", "a@b.", "a b@c.de", "a@b@c.de", "a@b..c",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
        for ok in ["fr", "pt-BR", "zh-Hans", "es-419", "ast"] {
            assert!(is_language(ok), "{ok}");
        }
        for bad in ["", "f", "fren", "fr_FR", "fr-", "pt-BR-x-y", "1a"] {
            assert!(!is_language(bad), "{bad}");
        }
    }
}
