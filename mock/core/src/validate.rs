//! The create-session and create-ticket bodies and their field rules (types
//! and limits from the contract). Every error names the wire field:
//! `customer_name: at most 128 characters`, or in the contract's words for a
//! missing ticket field, `Missing required field: customer_email`.

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

/// Most characters in a ticket's `customer_name`.
pub const TICKET_CUSTOMER_NAME_MAX: usize = 100;
/// Most characters in a ticket's `customer_email`.
pub const TICKET_CUSTOMER_EMAIL_MAX: usize = 100;
/// Most characters in a ticket's `problem_description`.
pub const TICKET_PROBLEM_DESCRIPTION_MAX: usize = 4000;

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

/// A create-ticket request that passed the rules: all four fields, as received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreateTicket {
    /// The agent's id (wire `ids`), a positive integer, exact.
    pub ids: u64,
    /// Customer's name.
    pub customer_name: String,
    /// Customer's email address.
    pub customer_email: String,
    /// Description of the problem.
    pub problem_description: String,
}

/// The body as a JSON object. An empty body counts as `{}`.
fn object(body: &[u8]) -> Result<Map<String, Value>, String> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    let value: Value =
        serde_json::from_slice(body).map_err(|e| format!("body: malformed JSON ({e})"))?;
    match value {
        Value::Object(obj) => Ok(obj),
        _ => Err("body: expected a JSON object".to_owned()),
    }
}

/// Parses and checks a create-session body. An empty body counts as `{}`;
/// unknown fields are ignored. The error text names the failing wire field.
pub fn parse_create(body: &[u8]) -> Result<CreateSession, String> {
    let obj = object(body)?;
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

/// Parses and checks a create-ticket body: the four fields are required and
/// checked in the contract's order (`ids`, `customer_name`, `customer_email`,
/// `problem_description`); the error names the first that fails. Absent,
/// `null` or a string of nothing but white space counts as missing. An empty
/// body counts as `{}`; unknown fields are ignored.
pub fn parse_ticket(body: &[u8]) -> Result<CreateTicket, String> {
    let obj = object(body)?;
    Ok(CreateTicket {
        ids: required(&obj, "ids", agent_id)?,
        customer_name: required(&obj, "customer_name", |o, f| {
            text(o, f, TICKET_CUSTOMER_NAME_MAX)
        })?,
        customer_email: required(&obj, "customer_email", |o, f| {
            email(o, f, Some(TICKET_CUSTOMER_EMAIL_MAX))
        })?,
        problem_description: required(&obj, "problem_description", |o, f| {
            text(o, f, TICKET_PROBLEM_DESCRIPTION_MAX)
        })?,
    })
}

/// The contract's words for a required field that is not there.
fn missing(field: &str) -> String {
    format!("Missing required field: {field}")
}

/// A required field, read by `read` once it is known to be there.
fn required<T>(
    obj: &Map<String, Value>,
    field: &str,
    read: impl Fn(&Map<String, Value>, &str) -> Result<Option<T>, String>,
) -> Result<T, String> {
    let absent = match obj.get(field) {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => s.trim().is_empty(),
        Some(_) => false,
    };
    if absent {
        return Err(missing(field));
    }
    read(obj, field)?.ok_or_else(|| missing(field))
}

/// The agent id `ids`: a JSON integer from 1 to `u64::MAX`, kept exactly
/// (serde_json reads an integer literal that fits a `u64` as one, never
/// through a float).
fn agent_id(obj: &Map<String, Value>, field: &str) -> Result<Option<u64>, String> {
    positive_integer(obj, field).map_err(|e| match obj.get(field).and_then(Value::as_f64) {
        // A whole number past u64 (read as a float): say where the range ends.
        Some(f) if f >= 18_446_744_073_709_551_616.0 => {
            format!("{field}: at most {}", u64::MAX)
        }
        _ => e,
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
    use serde_json::json;

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

    fn ticket_err(body: &str) -> String {
        parse_ticket(body.as_bytes()).unwrap_err()
    }

    /// A ticket body with the four fields, `over` replacing some of them.
    fn ticket(over: &str) -> String {
        let mut obj: Map<String, Value> = serde_json::from_str(
            r#"{"ids":1234567891011,"customer_name":"John Doe","customer_email":"john@example.com",
                "problem_description":"Printer offline"}"#,
        )
        .unwrap();
        let over: Map<String, Value> = serde_json::from_str(over).unwrap();
        obj.extend(over);
        Value::Object(obj).to_string()
    }

    #[test]
    fn accepts_a_ticket_and_keeps_large_ids_exactly() {
        let t = parse_ticket(ticket("{}").as_bytes()).unwrap();
        assert_eq!(
            t,
            CreateTicket {
                ids: 1_234_567_891_011,
                customer_name: "John Doe".into(),
                customer_email: "john@example.com".into(),
                problem_description: "Printer offline".into(),
            }
        );
        // Past 2^53 (where a float rounds), up to u64::MAX, digit for digit.
        for digits in [
            "9007199254740993",
            "12345678901234567891",
            "18446744073709551615",
        ] {
            let body = ticket("{}").replace("1234567891011", digits);
            let t = parse_ticket(body.as_bytes()).unwrap();
            assert_eq!(t.ids.to_string(), digits);
        }
        let extra = ticket(r#"{"department_id":"ignored"}"#);
        assert!(parse_ticket(extra.as_bytes()).is_ok());
    }

    #[test]
    fn a_ticket_needs_all_four_fields_and_names_the_first_missing() {
        assert_eq!(ticket_err(""), "Missing required field: ids");
        assert_eq!(ticket_err("{}"), "Missing required field: ids");
        assert_eq!(
            ticket_err(r#"{"ids":1}"#),
            "Missing required field: customer_name"
        );
        for field in [
            "ids",
            "customer_name",
            "customer_email",
            "problem_description",
        ] {
            let mut obj: Map<String, Value> = serde_json::from_str(&ticket("{}")).unwrap();
            obj.remove(field);
            let body = Value::Object(obj.clone()).to_string();
            assert_eq!(
                ticket_err(&body),
                format!("Missing required field: {field}")
            );
            for blank in [json!(null), json!(""), json!(" \t ")] {
                obj.insert(field.to_owned(), blank);
                let body = Value::Object(obj.clone()).to_string();
                assert_eq!(
                    ticket_err(&body),
                    format!("Missing required field: {field}")
                );
            }
        }
        assert!(ticket_err("{").starts_with("body: malformed JSON"));
        assert_eq!(ticket_err("[]"), "body: expected a JSON object");
    }

    #[test]
    fn ticket_field_rules_at_their_bounds() {
        let ok = |over: &str| parse_ticket(ticket(over).as_bytes()).is_ok();
        let err = |over: &str| ticket_err(&ticket(over));
        let name = |n: usize| format!(r#"{{"customer_name":"{}"}}"#, "é".repeat(n));
        assert!(ok(&name(100)));
        assert_eq!(err(&name(101)), "customer_name: at most 100 characters");
        let email = |n: usize| {
            format!(
                r#"{{"customer_email":"{}@example.com"}}"#,
                "a".repeat(n - 12)
            )
        };
        assert!(ok(&email(100)));
        assert_eq!(err(&email(101)), "customer_email: at most 100 characters");
        assert_eq!(
            err(r#"{"customer_email":"john at example.com"}"#),
            "customer_email: not an email address"
        );
        let text = |n: usize| format!(r#"{{"problem_description":"{}"}}"#, "🙂".repeat(n));
        assert!(ok(&text(4000)));
        assert_eq!(
            err(&text(4001)),
            "problem_description: at most 4000 characters"
        );
        assert_eq!(
            err(r#"{"customer_name":5}"#),
            "customer_name: must be a string, got a number"
        );
        for bad in ["0", "-1", "1.5", "1.0", "1e3", "-0"] {
            assert_eq!(
                err(&format!(r#"{{"ids":{bad}}}"#)),
                "ids: must be a positive integer",
                "{bad}"
            );
        }
        assert_eq!(
            err(r#"{"ids":"1234"}"#),
            "ids: must be a positive integer, got a string"
        );
        assert_eq!(
            err(r#"{"ids":[1]}"#),
            "ids: must be a positive integer, got an array"
        );
        for past in ["18446744073709551616", "99999999999999999999999"] {
            assert_eq!(
                err(&format!(r#"{{"ids":{past}}}"#)),
                "ids: at most 18446744073709551615",
                "{past}"
            );
        }
        // The first failing field in the contract's order is the one named.
        assert_eq!(
            err(r#"{"ids":0,"customer_email":"x"}"#),
            "ids: must be a positive integer"
        );
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
