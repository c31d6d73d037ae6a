//! Injected misbehaviour for tests: a FIFO queue of faults, each applied to
//! the next requests on `/rest/*` that it matches, and the responses they make
//! (an error status, a delay, a non-JSON body, a body that stalls part way).
//! A fault never serves markup: a content type a browser would render as a
//! document (HTML, XML, SVG) is refused when the fault is queued. The queue
//! is bounded: at most [`MAX_PENDING`] faults and [`MAX_PENDING_BYTES`] of
//! their text.

use std::collections::VecDeque;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::envelope;
use crate::exchange::{Action, Response};
use crate::headers;

/// The longest delay a fault may ask for (one hour).
pub const MAX_DELAY_MS: u64 = 3_600_000;

/// Most faults pending at once.
pub const MAX_PENDING: usize = 10_000;

/// Most bytes of fault text (bodies, paths, values) pending at once.
pub const MAX_PENDING_BYTES: usize = 16 * 1024 * 1024;

/// Whether a content type is one a browser renders as a document that can
/// run script: HTML, XHTML, SVG or any XML (`text/html`,
/// `application/xhtml+xml`, `image/svg+xml`, `text/xml`, `application/xml`,
/// `*+xml`, ...). Parameters are ignored; case does not count.
pub fn is_markup(content_type: &str) -> bool {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    essence.contains("html")
        || essence.ends_with("/xml")
        || essence.ends_with("+xml")
        || essence.contains("svg")
        || essence.contains("xsl")
}

/// A fault as `POST /__admin/faults` takes it. Every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaultSpec {
    /// Exact request path to match (no query); any `/rest` path when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// Request method to match (`GET`, `POST`, ...); any when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// How many matching requests it applies to (default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub times: Option<u32>,
    /// Wait this long before answering.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delay_ms: Option<u64>,
    /// Answer this status instead of handling the request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// `Retry-After` header value (any text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<String>,
    /// Raw body of the injected answer, sent exactly as given (default: the
    /// JSON error envelope, `errorCode` the injected status).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// `Content-Type` of the injected answer (default `application/json`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    /// Send the head and this many body bytes, then never finish.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stall_after_bytes: Option<usize>,
}

/// A checked fault waiting in the queue.
#[derive(Debug, Clone)]
pub struct Fault {
    spec: FaultSpec,
    /// The method to match, upper case.
    method: Option<String>,
    remaining: u32,
    /// Wait this long before answering, in milliseconds.
    pub delay_ms: u64,
    /// Injected status, if any.
    pub status: Option<u16>,
    retry_after: Option<String>,
    content_type: String,
    /// Stall after this many body bytes, if set.
    pub stall_after_bytes: Option<usize>,
}

impl FaultSpec {
    /// Checks the spec; the error names the bad field.
    pub fn check(self) -> Result<Fault, String> {
        if let Some(path) = &self.path {
            if !path.starts_with('/') {
                return Err("path: must start with /".to_owned());
            }
        }
        let method = match &self.method {
            None => None,
            Some(m) if headers::is_method(m) => Some(m.to_ascii_uppercase()),
            Some(_) => return Err("method: not an HTTP method".to_owned()),
        };
        let remaining = self.times.unwrap_or(1);
        if remaining == 0 {
            return Err("times: must be at least 1".to_owned());
        }
        let delay_ms = self.delay_ms.unwrap_or(0);
        if delay_ms > MAX_DELAY_MS {
            return Err(format!("delay_ms: at most {MAX_DELAY_MS}"));
        }
        if self.status.is_some_and(|code| !(200..=599).contains(&code)) {
            return Err("status: must be between 200 and 599".to_owned());
        }
        if self
            .retry_after
            .as_deref()
            .is_some_and(|v| !headers::is_value(v))
        {
            return Err("retry_after: not a valid header value".to_owned());
        }
        let content_type = self
            .content_type
            .clone()
            .unwrap_or_else(|| "application/json".to_owned());
        if !headers::is_value(&content_type) {
            return Err("content_type: not a valid header value".to_owned());
        }
        if is_markup(&content_type) {
            return Err(format!(
                "content_type: {content_type} is refused: the stand-in serves no markup (HTML, XML, SVG); use text/plain for a body that is not JSON"
            ));
        }
        Ok(Fault {
            method,
            remaining,
            delay_ms,
            status: self.status,
            retry_after: self.retry_after.clone(),
            content_type,
            stall_after_bytes: self.stall_after_bytes,
            spec: self,
        })
    }
}

/// Parses the admin body: one fault object or an array of them.
pub fn parse_specs(body: &[u8]) -> Result<Vec<Fault>, String> {
    let value: Value =
        serde_json::from_slice(body).map_err(|e| format!("body: malformed JSON ({e})"))?;
    let items = match value {
        Value::Array(items) => items,
        obj @ Value::Object(_) => vec![obj],
        _ => return Err("body: expected a fault object or an array of them".to_owned()),
    };
    items
        .into_iter()
        .map(|item| read_spec(item).and_then(FaultSpec::check))
        .collect()
}

/// Reads one fault object; a type error names the field it is in.
fn read_spec(item: Value) -> Result<FaultSpec, String> {
    let Value::Object(fields) = &item else {
        return Err("fault: expected an object".to_owned());
    };
    for (name, value) in fields {
        let mut alone = serde_json::Map::new();
        alone.insert(name.clone(), value.clone());
        if let Err(e) = serde_json::from_value::<FaultSpec>(Value::Object(alone)) {
            return Err(format!("{name}: {e}"));
        }
    }
    serde_json::from_value(item).map_err(|e| format!("fault: {e}"))
}

impl Fault {
    fn matches(&self, method: &str, path: &str) -> bool {
        self.method.as_deref().is_none_or(|m| m == method)
            && self.spec.path.as_deref().is_none_or(|p| p == path)
    }

    /// The answer for a fault with a status: that status, its body (default
    /// the JSON error envelope `injected <status>`), its content type and
    /// `Retry-After`. `None` when the fault has no status (the request is
    /// handled normally).
    pub fn response(&self) -> Option<Response> {
        let status = self.status?;
        let body = match &self.spec.body {
            Some(b) => b.clone(),
            None => envelope(status, &format!("injected {status}")),
        };
        let response = Response::new(status, &self.content_type, body.into_bytes());
        Some(match &self.retry_after {
            Some(v) => response.with_header("retry-after", v),
            None => response,
        })
    }

    /// How the answer goes out: whole, or stalled after some bytes.
    pub fn action(&self) -> Action {
        match self.stall_after_bytes {
            Some(after_bytes) => Action::Stall { after_bytes },
            None => Action::Send,
        }
    }

    /// About how many bytes the fault holds.
    fn weight(&self) -> usize {
        let text = |v: &Option<String>| v.as_ref().map_or(0, String::len);
        256 + text(&self.spec.path)
            + text(&self.spec.method)
            + text(&self.spec.body)
            + text(&self.spec.retry_after)
            + 2 * text(&self.spec.content_type)
    }
}

/// The queue of pending faults.
#[derive(Debug, Default)]
pub struct FaultQueue {
    queue: VecDeque<Fault>,
    bytes: usize,
}

impl FaultQueue {
    /// Appends faults; returns how many are pending now. Refuses them all,
    /// naming the limit, when they would take the queue past
    /// [`MAX_PENDING`] faults or [`MAX_PENDING_BYTES`].
    pub fn push(&mut self, faults: Vec<Fault>) -> Result<usize, String> {
        let bytes: usize = faults.iter().map(Fault::weight).sum();
        if self.queue.len() + faults.len() > MAX_PENDING {
            return Err(format!(
                "faults: at most {MAX_PENDING} pending (DELETE /__admin/faults empties the queue)"
            ));
        }
        if self.bytes + bytes > MAX_PENDING_BYTES {
            return Err(format!("faults: at most {MAX_PENDING_BYTES} bytes pending (DELETE /__admin/faults empties the queue)"));
        }
        self.bytes += bytes;
        self.queue.extend(faults);
        Ok(self.queue.len())
    }

    /// How many faults are pending, and about how many bytes they hold.
    pub fn usage(&self) -> (usize, usize) {
        (self.queue.len(), self.bytes)
    }

    /// Takes one use of the first fault matching the request, dropping the
    /// fault when it is used up.
    pub fn take(&mut self, method: &str, path: &str) -> Option<Fault> {
        let q = &mut self.queue;
        let i = q.iter().position(|f| f.matches(method, path))?;
        let fault = q.get_mut(i)?;
        fault.remaining = fault.remaining.saturating_sub(1);
        let used = fault.clone();
        if fault.remaining == 0 {
            q.remove(i);
            self.bytes = self.bytes.saturating_sub(used.weight());
        }
        Some(used)
    }

    /// The pending faults as given, each with `"remaining"` uses.
    pub fn pending(&self) -> Vec<Value> {
        self.queue
            .iter()
            .map(|f| {
                let mut v = serde_json::to_value(&f.spec).unwrap_or(Value::Null);
                if let Value::Object(map) = &mut v {
                    map.insert("remaining".to_owned(), Value::from(f.remaining));
                }
                v
            })
            .collect()
    }

    /// Drops every pending fault; returns how many there were.
    pub fn clear(&mut self) -> usize {
        let n = self.queue.len();
        self.queue.clear();
        self.bytes = 0;
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_specs() {
        assert!(parse_specs(br#"{"status":429,"retry_after":"2"}"#).is_ok());
        assert_eq!(parse_specs(br#"[{},{"times":3}]"#).map(|v| v.len()), Ok(2));
        for (bad, field) in [
            (r#"{"status":99}"#, "status"),
            (r#"{"status":600}"#, "status"),
            (r#"{"times":0}"#, "times"),
            (r#"{"path":"rest"}"#, "path"),
            (r#"{"delay_ms":99999999}"#, "delay_ms"),
            (r#"{"retry_after":"a\nb"}"#, "retry_after"),
            (r#"{"bogus":1}"#, "bogus"),
            ("3", "body"),
            (
                r#"{"status":200,"content_type":"text/html"}"#,
                "content_type",
            ),
            (
                r#"{"status":200,"content_type":"Text/HTML; charset=utf-8"}"#,
                "content_type",
            ),
            (
                r#"{"status":200,"content_type":"application/xhtml+xml"}"#,
                "content_type",
            ),
            (
                r#"{"status":200,"content_type":"image/svg+xml"}"#,
                "content_type",
            ),
            (
                r#"{"status":200,"content_type":"text/xml"}"#,
                "content_type",
            ),
            (
                r#"{"status":200,"content_type":"application/xml"}"#,
                "content_type",
            ),
        ] {
            let e = parse_specs(bad.as_bytes()).unwrap_err();
            assert!(e.contains(field), "{bad}: {e}");
        }
    }

    #[test]
    fn queue_is_fifo_per_match_and_counts_uses() {
        let mut q = FaultQueue::default();
        let faults = parse_specs(
            br#"[{"path":"/rest/session/history","status":500},{"status":429,"times":2}]"#,
        )
        .unwrap();
        assert_eq!(q.push(faults), Ok(2));
        let s = |f: Option<Fault>| f.and_then(|f| f.status);
        assert_eq!(s(q.take("POST", "/rest/session")), Some(429));
        assert_eq!(s(q.take("GET", "/rest/session/history")), Some(500));
        assert_eq!(s(q.take("POST", "/rest/session")), Some(429));
        assert!(q.take("POST", "/rest/session").is_none());
        assert_eq!(q.clear(), 0);
        // A method is matched in upper case, as requests send it.
        q.push(parse_specs(br#"{"method":"post","status":502}"#).unwrap())
            .unwrap();
        assert!(q.take("GET", "/rest/session").is_none());
        assert_eq!(s(q.take("POST", "/rest/session")), Some(502));
        assert_eq!(q.usage(), (0, 0));
    }

    #[test]
    fn plain_text_is_served_and_the_queue_is_bounded() {
        assert!(
            parse_specs(br#"{"status":502,"body":"<h1>x</h1>","content_type":"text/plain"}"#)
                .is_ok()
        );
        assert!(!is_markup("application/json") && !is_markup("text/plain; charset=utf-8"));
        let mut q = FaultQueue::default();
        let one = || parse_specs(br#"{"status":500}"#).unwrap();
        for _ in 0..MAX_PENDING {
            q.push(one()).unwrap();
        }
        assert!(q.push(one()).unwrap_err().contains("at most"));
        q.clear();
        let body = "x".repeat(1024 * 1024);
        let big = format!(r#"{{"status":500,"body":"{body}"}}"#);
        for _ in 0..15 {
            q.push(parse_specs(big.as_bytes()).unwrap()).unwrap();
        }
        assert!(q
            .push(parse_specs(big.as_bytes()).unwrap())
            .unwrap_err()
            .contains("bytes"));
    }
}
