//! The log of requests received on `/rest/*`, as `GET /__admin/requests`
//! shows it: every attempt, refused and faulted ones included.
//!
//! It never holds a secret: the values of `INTEGRATION-KEY`, `Cookie`,
//! `Authorization`, `Proxy-Authorization` and `X-Admin-Token` show as
//! `"[redacted]"`, and each entry says instead which kind of key came and
//! whether it was the one the route takes (`"key": {"kind", "matched"}`).
//! It is bounded: at most [`LOG_CAP`] entries and [`LOG_BUDGET`] bytes, the
//! oldest dropped first; a body is kept as received (at most the 64 KiB a
//! route reads) and parsed as JSON only when the log is read.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::bounded::{Bounded, Usage};
use crate::exchange::Request;
use crate::keys::KeyKind;

/// Most entries the request log keeps; the oldest go first beyond that.
pub const LOG_CAP: usize = 10_000;

/// Most bytes the request log keeps (bodies, headers, paths and a fixed
/// share per entry); the oldest entries go first beyond that.
pub const LOG_BUDGET: usize = 8 * 1024 * 1024;

/// The headers whose values the log never keeps.
pub const REDACTED_HEADERS: [&str; 5] = [
    "integration-key",
    "cookie",
    "authorization",
    "proxy-authorization",
    "x-admin-token",
];

/// What a redacted header's value shows as.
pub const REDACTED: &str = "[redacted]";

/// The bytes an entry takes besides its text, about.
const ENTRY_OVERHEAD: usize = 192;
/// The bytes a header takes besides its text, about.
const HEADER_OVERHEAD: usize = 64;

/// Which key a logged request carried, and whether the route takes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct KeyUse {
    /// `public`, `private`, `unknown` (a value that is neither) or `none`.
    pub kind: KeyKind,
    /// Whether it is the key the route takes (the public key for sessions
    /// and tickets, the private key for history); false on other paths.
    pub matched: bool,
}

/// One request received on `/rest/*`, as kept.
#[derive(Debug, Clone)]
pub struct LoggedRequest {
    method: String,
    path: String,
    query: String,
    headers: Map<String, Value>,
    key: KeyUse,
    body: Vec<u8>,
    faulted: bool,
}

/// An entry as `GET /__admin/requests` shows it.
#[derive(Serialize)]
struct Shown<'a> {
    method: &'a str,
    path: &'a str,
    query: &'a str,
    headers: &'a Map<String, Value>,
    key: KeyUse,
    body: std::borrow::Cow<'a, str>,
    json: Value,
    faulted: bool,
}

impl LoggedRequest {
    /// The entry for `request` with the body as read (empty when refused).
    pub fn new(request: &Request, body: &[u8], faulted: bool, key: KeyUse) -> Self {
        let mut headers = Map::new();
        for (name, value) in &request.headers {
            let name = name.to_ascii_lowercase();
            let secret = REDACTED_HEADERS.contains(&name.as_str());
            let value = if secret { REDACTED } else { value.as_str() };
            match headers.get_mut(&name) {
                // A secret header sent twice still shows once, redacted.
                Some(_) if secret => {}
                Some(Value::String(prev)) => {
                    prev.push_str(", ");
                    prev.push_str(value);
                }
                Some(_) => {}
                None => {
                    headers.insert(name, Value::String(value.to_owned()));
                }
            }
        }
        Self {
            method: request.method.clone(),
            path: request.path.clone(),
            query: request.query.clone(),
            headers,
            key,
            body: body.to_vec(),
            faulted,
        }
    }

    /// About how many bytes the entry takes.
    fn weight(&self) -> usize {
        let headers: usize = self
            .headers
            .iter()
            .map(|(name, value)| name.len() + value.as_str().map_or(0, str::len) + HEADER_OVERHEAD)
            .sum();
        ENTRY_OVERHEAD
            + self.method.len()
            + self.path.len()
            + self.query.len()
            + headers
            + self.body.len()
    }

    /// The entry as shown: the body as text (invalid UTF-8 replaced) and
    /// parsed as JSON (`null` when it is not JSON).
    fn shown(&self) -> Shown<'_> {
        Shown {
            method: &self.method,
            path: &self.path,
            query: &self.query,
            headers: &self.headers,
            key: self.key,
            body: String::from_utf8_lossy(&self.body),
            json: serde_json::from_slice(&self.body).unwrap_or(Value::Null),
            faulted: self.faulted,
        }
    }
}

/// The log, oldest first.
#[derive(Debug)]
pub struct RequestLog {
    entries: Bounded<LoggedRequest>,
}

impl Default for RequestLog {
    fn default() -> Self {
        Self {
            entries: Bounded::new(LOG_CAP, LOG_BUDGET),
        }
    }
}

impl RequestLog {
    /// Appends an entry (dropping the oldest beyond [`LOG_CAP`] entries or
    /// [`LOG_BUDGET`] bytes).
    pub fn push(&mut self, entry: LoggedRequest) {
        let weight = entry.weight();
        self.entries.push(entry, weight);
    }

    /// The entries as `GET /__admin/requests` shows them, in arrival order:
    /// `[{"method","path","query","headers","key","body","json","faulted"}]`.
    pub fn to_json(&self) -> Result<Vec<u8>, serde_json::Error> {
        let shown: Vec<Shown<'_>> = self.entries.iter().map(LoggedRequest::shown).collect();
        serde_json::to_vec(&shown)
    }

    /// How many entries it holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether it holds nothing.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// What it holds and may hold.
    pub fn usage(&self) -> Usage {
        self.entries.usage()
    }

    /// Empties the log; returns how many entries it held.
    pub fn clear(&mut self) -> usize {
        self.entries.clear()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NO_KEY: KeyUse = KeyUse {
        kind: KeyKind::None,
        matched: false,
    };

    fn shown(log: &RequestLog) -> Value {
        serde_json::from_slice(&log.to_json().unwrap()).unwrap()
    }

    #[test]
    fn joins_repeated_headers_and_keeps_the_last_entries() {
        let request = Request {
            method: "POST".into(),
            path: "/rest/session".into(),
            headers: vec![("X-Dup".into(), "a".into()), ("x-dup".into(), "b".into())],
            ..Request::default()
        };
        let entry = LoggedRequest::new(&request, br#"{"a":1}"#, false, NO_KEY);
        let mut log = RequestLog::default();
        log.push(entry.clone());
        let first = &shown(&log)[0];
        assert_eq!(first["headers"]["x-dup"], "a, b");
        assert_eq!(first["json"], serde_json::json!({"a": 1}));
        assert_eq!(first["body"], r#"{"a":1}"#);
        assert_eq!(
            first["key"],
            serde_json::json!({"kind": "none", "matched": false})
        );
        for _ in 0..LOG_CAP {
            log.push(entry.clone());
        }
        assert_eq!(log.len(), LOG_CAP);
        assert_eq!(log.usage().dropped, 1);
        assert_eq!(log.clear(), LOG_CAP);
    }

    #[test]
    fn never_keeps_a_secret() {
        let request = Request {
            method: "POST".into(),
            path: "/rest/session".into(),
            headers: vec![
                ("INTEGRATION-KEY".into(), "k-SECRET-1".into()),
                ("cookie".into(), "sid=c-SECRET-2".into()),
                ("cookie".into(), "more=c-SECRET-3".into()),
                ("authorization".into(), "Bearer a-SECRET-4".into()),
                ("x-admin-token".into(), "t-SECRET-5".into()),
                ("proxy-authorization".into(), "p-SECRET-6".into()),
            ],
            ..Request::default()
        };
        let key = KeyUse {
            kind: KeyKind::Unknown,
            matched: false,
        };
        let mut log = RequestLog::default();
        log.push(LoggedRequest::new(&request, b"", false, key));
        let text = String::from_utf8(log.to_json().unwrap()).unwrap();
        assert!(!text.contains("SECRET"), "{text}");
        let entry = &shown(&log)[0];
        assert_eq!(entry["headers"]["integration-key"], REDACTED);
        assert_eq!(entry["headers"]["cookie"], REDACTED);
        assert_eq!(entry["key"]["kind"], "unknown");
    }

    #[test]
    fn stays_within_its_byte_budget() {
        let request = Request {
            method: "POST".into(),
            path: "/rest/session".into(),
            ..Request::default()
        };
        let body = vec![b'x'; 42 * 1024];
        let mut log = RequestLog::default();
        for _ in 0..1_000 {
            log.push(LoggedRequest::new(&request, &body, false, NO_KEY));
        }
        let usage = log.usage();
        assert!(usage.bytes <= LOG_BUDGET, "{usage:?}");
        assert!(
            usage.entries >= LOG_BUDGET / (body.len() + 1024),
            "{usage:?}"
        );
        assert_eq!(usage.dropped, 1_000 - usage.entries as u64);
    }
}
