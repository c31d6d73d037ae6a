//! Injected misbehaviour for tests: a FIFO queue of faults, each applied to
//! the next requests on `/rest/*` that it matches, and the responses they make
//! (an error status, a delay, a non-JSON body, a body that stalls part way).

use std::collections::VecDeque;
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE, RETRY_AFTER};
use axum::http::{HeaderValue, Method, StatusCode};
use axum::response::Response;
use futures_util::stream::{self, StreamExt};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tokio::sync::watch;

use crate::error::envelope;

/// The longest delay a fault may ask for (one hour).
pub const MAX_DELAY_MS: u64 = 3_600_000;

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
    /// Raw body of the injected answer (default: the JSON error envelope).
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
    method: Option<Method>,
    remaining: u32,
    /// Wait before answering.
    pub delay: Duration,
    /// Injected status, if any.
    pub status: Option<StatusCode>,
    retry_after: Option<HeaderValue>,
    content_type: HeaderValue,
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
            Some(m) => Some(
                Method::from_bytes(m.to_ascii_uppercase().as_bytes())
                    .map_err(|_| "method: not an HTTP method".to_owned())?,
            ),
        };
        let remaining = self.times.unwrap_or(1);
        if remaining == 0 {
            return Err("times: must be at least 1".to_owned());
        }
        let delay_ms = self.delay_ms.unwrap_or(0);
        if delay_ms > MAX_DELAY_MS {
            return Err(format!("delay_ms: at most {MAX_DELAY_MS}"));
        }
        let status = match self.status {
            None => None,
            Some(code) => Some(
                StatusCode::from_u16(code)
                    .ok()
                    .filter(|_| (200..=599).contains(&code))
                    .ok_or_else(|| "status: must be between 200 and 599".to_owned())?,
            ),
        };
        let retry_after = match &self.retry_after {
            None => None,
            Some(v) => Some(
                HeaderValue::from_str(v)
                    .map_err(|_| "retry_after: not a valid header value".to_owned())?,
            ),
        };
        let content_type =
            HeaderValue::from_str(self.content_type.as_deref().unwrap_or("application/json"))
                .map_err(|_| "content_type: not a valid header value".to_owned())?;
        Ok(Fault {
            method,
            remaining,
            delay: Duration::from_millis(delay_ms),
            status,
            retry_after,
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
    fn matches(&self, method: &Method, path: &str) -> bool {
        self.method.as_ref().is_none_or(|m| m == method)
            && self.spec.path.as_deref().is_none_or(|p| p == path)
    }

    /// The answer for a fault with a status: that status, its body (default
    /// the JSON error envelope), its content type and `Retry-After`.
    pub fn response(&self, status: StatusCode) -> Response {
        let body = match &self.spec.body {
            Some(b) => b.clone(),
            None => envelope(&format!("injected {}", status.as_u16())).to_string(),
        };
        let mut response = Response::new(Body::from(body));
        *response.status_mut() = status;
        response
            .headers_mut()
            .insert(CONTENT_TYPE, self.content_type.clone());
        if let Some(v) = &self.retry_after {
            response.headers_mut().insert(RETRY_AFTER, v.clone());
        }
        response
    }
}

/// The queue of pending faults.
#[derive(Debug, Default)]
pub struct FaultQueue {
    queue: Mutex<VecDeque<Fault>>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl FaultQueue {
    /// Appends faults; returns how many are pending now.
    pub fn push(&self, faults: Vec<Fault>) -> usize {
        let mut q = lock(&self.queue);
        q.extend(faults);
        q.len()
    }

    /// Takes one use of the first fault matching the request, dropping the
    /// fault when it is used up.
    pub fn take(&self, method: &Method, path: &str) -> Option<Fault> {
        let mut q = lock(&self.queue);
        let i = q.iter().position(|f| f.matches(method, path))?;
        let fault = q.get_mut(i)?;
        fault.remaining = fault.remaining.saturating_sub(1);
        let used = fault.clone();
        if fault.remaining == 0 {
            q.remove(i);
        }
        Some(used)
    }

    /// The pending faults as given, each with `"remaining"` uses.
    pub fn pending(&self) -> Vec<Value> {
        lock(&self.queue)
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
    pub fn clear(&self) -> usize {
        let mut q = lock(&self.queue);
        let n = q.len();
        q.clear();
        n
    }
}

/// Resolves once `shutdown` turns true (or its sender is gone).
pub async fn shutdown_signalled(mut shutdown: watch::Receiver<bool>) {
    let _ = shutdown.wait_for(|down| *down).await;
}

/// Turns a response into one that sends its head and first `n` body bytes,
/// then hangs until the client goes away or the server shuts down (the
/// connection is then cut, never completed).
pub async fn stall(response: Response, n: usize, shutdown: watch::Receiver<bool>) -> Response {
    let (mut parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    let head: Bytes = bytes.slice(..n.min(bytes.len()));
    parts.headers.remove(CONTENT_LENGTH);
    let first = stream::iter((!head.is_empty()).then_some(Ok::<Bytes, std::io::Error>(head)));
    let never_done = stream::once(async move {
        shutdown_signalled(shutdown).await;
        Err(std::io::Error::other(
            "server shutting down during a stalled answer",
        ))
    });
    Response::from_parts(parts, Body::from_stream(first.chain(never_done)))
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
        ] {
            let e = parse_specs(bad.as_bytes()).unwrap_err();
            assert!(e.contains(field), "{bad}: {e}");
        }
    }

    #[test]
    fn queue_is_fifo_per_match_and_counts_uses() {
        let q = FaultQueue::default();
        let faults = parse_specs(
            br#"[{"path":"/rest/session/history","status":500},{"status":429,"times":2}]"#,
        )
        .unwrap();
        assert_eq!(q.push(faults), 2);
        let post = Method::POST;
        let s = |f: Option<Fault>| f.and_then(|f| f.status).map(|s| s.as_u16());
        assert_eq!(s(q.take(&post, "/rest/session")), Some(429));
        assert_eq!(s(q.take(&Method::GET, "/rest/session/history")), Some(500));
        assert_eq!(s(q.take(&post, "/rest/session")), Some(429));
        assert!(q.take(&post, "/rest/session").is_none());
        assert_eq!(q.clear(), 0);
    }
}
