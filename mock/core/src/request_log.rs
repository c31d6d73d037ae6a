//! The log of requests received on `/rest/*`, as `GET /__admin/requests`
//! shows it: every attempt, refused and faulted ones included.

use std::collections::VecDeque;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::exchange::Request;

/// Most entries the request log keeps; the oldest go first beyond that.
pub const LOG_CAP: usize = 10_000;

/// One request received on `/rest/*`.
#[derive(Debug, Clone, Serialize)]
pub struct LoggedRequest {
    /// HTTP method.
    pub method: String,
    /// Path without the query.
    pub path: String,
    /// Raw query string, `""` when there is none.
    pub query: String,
    /// Headers, lower-case names; repeated headers joined with `", "`.
    pub headers: Map<String, Value>,
    /// Raw body (invalid UTF-8 replaced); `""` when none or over the limit.
    pub body: String,
    /// The body parsed as JSON, or `null`.
    pub json: Value,
    /// Whether an injected fault was applied to this request.
    pub faulted: bool,
}

impl LoggedRequest {
    /// The entry for `request` with the body as read (empty when refused).
    pub fn new(request: &Request, body: &[u8], faulted: bool) -> Self {
        let mut headers = Map::new();
        for (name, value) in &request.headers {
            let name = name.to_ascii_lowercase();
            match headers.get_mut(&name) {
                Some(Value::String(prev)) => {
                    prev.push_str(", ");
                    prev.push_str(value);
                }
                _ => {
                    headers.insert(name, Value::String(value.clone()));
                }
            }
        }
        Self {
            method: request.method.clone(),
            path: request.path.clone(),
            query: request.query.clone(),
            headers,
            body: String::from_utf8_lossy(body).into_owned(),
            json: serde_json::from_slice(body).unwrap_or(Value::Null),
            faulted,
        }
    }
}

/// The log, oldest first.
#[derive(Debug, Default)]
pub struct RequestLog {
    entries: VecDeque<LoggedRequest>,
}

impl RequestLog {
    /// Appends an entry (dropping the oldest beyond [`LOG_CAP`]).
    pub fn push(&mut self, entry: LoggedRequest) {
        if self.entries.len() >= LOG_CAP {
            self.entries.pop_front();
        }
        self.entries.push_back(entry);
    }

    /// The entries, in arrival order.
    pub fn entries(&self) -> &VecDeque<LoggedRequest> {
        &self.entries
    }

    /// Empties the log; returns how many entries it held.
    pub fn clear(&mut self) -> usize {
        let n = self.entries.len();
        self.entries.clear();
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_repeated_headers_and_keeps_the_last_entries() {
        let request = Request {
            method: "POST".into(),
            path: "/rest/session".into(),
            headers: vec![("X-Dup".into(), "a".into()), ("x-dup".into(), "b".into())],
            ..Request::default()
        };
        let entry = LoggedRequest::new(&request, br#"{"a":1}"#, false);
        assert_eq!(entry.headers["x-dup"], "a, b");
        assert_eq!(entry.json, serde_json::json!({"a": 1}));
        let mut log = RequestLog::default();
        for _ in 0..=LOG_CAP {
            log.push(entry.clone());
        }
        assert_eq!(log.entries().len(), LOG_CAP);
        assert_eq!(log.clear(), LOG_CAP);
    }
}
