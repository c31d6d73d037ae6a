//! What one attempt over the network met, as js/call.js reports it (the
//! request itself, its headers, abort signal and 1 MiB body cap, is made
//! there: every step of it is a JS call), turned into an HTTP reply or a
//! [`Failure`]. It knows nothing of Take Control's answers; `response` reads
//! those.

use alloc::string::String;
use wasm_bindgen::prelude::*;

use crate::error::{ErrorCode, Failure};
use crate::fields::{Field, Fields};
use crate::settings::ApiKey;

// The faults and cancellations of js/call.js.
const BROKEN: u8 = 2;
const TOO_LARGE: u8 = 3;
const NOT_UTF8: u8 = 4;
const TIMED_OUT: u8 = 1;
const ABORTED: u8 = 2;

/// The HTTP methods the API uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// `GET` (history).
    Get,
    /// `POST` (create session).
    Post,
}

impl Method {
    /// The method as fetch takes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

/// One request to the API.
pub struct ApiRequest<'a> {
    /// `GET` or `POST`.
    pub method: Method,
    /// The full URL, query included.
    pub url: String,
    /// Sent as the `INTEGRATION-KEY` header.
    pub key: &'a ApiKey,
    /// A JSON body, sent with `Content-Type: application/json`.
    pub json_body: Option<String>,
}

/// A complete HTTP answer, of any status.
pub struct HttpReply {
    /// The HTTP status.
    pub status: u16,
    /// The `Retry-After` header, when there is one.
    pub retry_after: Option<String>,
    /// The body parsed as JSON, or `None` when it is not JSON.
    pub json: Option<JsValue>,
}

/// The failure of a call whose signal fired: `aborted` when the caller's
/// signal did, `timeout` when the call's own deadline did.
pub fn cancelled_failure(timed_out: bool) -> Failure {
    if timed_out {
        Failure::new(
            ErrorCode::Timeout,
            "no complete answer from the API within timeoutMs",
        )
    } else {
        Failure::new(
            ErrorCode::Aborted,
            "the call was aborted by its AbortSignal",
        )
    }
}

/// The reply an attempt got, or why it has none. `outcome` is what one
/// attempt of js/call.js met: `{ status, retryAfter, json }`, or a `fault`
/// (with `cancelled`, and `status` when a response had begun).
pub fn reply(outcome: &JsValue) -> Result<HttpReply, Failure> {
    let outcome = Fields::of(outcome);
    let read = |field| outcome.map(|outcome| outcome.get(field));
    let code = |field| read(field).and_then(|value| value.as_f64());
    let status = code(Field::Status).map(|status| status as u16);
    let fault = code(Field::Fault).map(|fault| fault as u8);
    if let (Some(status), None) = (status, fault) {
        return Ok(HttpReply {
            status,
            retry_after: read(Field::RetryAfter).and_then(|value| value.as_string()),
            json: read(Field::Json).filter(|json| !json.is_undefined()),
        });
    }
    let failure = match (fault, code(Field::Cancelled).map(|why| why as u8)) {
        (Some(TOO_LARGE), _) => Failure::new(
            ErrorCode::UnexpectedResponse,
            "the API answered with a body larger than 1 MiB",
        ),
        (Some(NOT_UTF8), _) => Failure::new(
            ErrorCode::UnexpectedResponse,
            "the API's answer is not UTF-8 text",
        ),
        (_, Some(why @ (TIMED_OUT | ABORTED))) => cancelled_failure(why == TIMED_OUT),
        (Some(BROKEN), _) => Failure::new(
            ErrorCode::Network,
            "the connection broke while the API's answer was being read",
        ),
        _ => Failure::new(
            ErrorCode::Network,
            "could not reach the API: the network is down, the address is wrong, or the browser refused the answer (CORS)",
        ),
    };
    Err(match status {
        Some(status) => failure.with_status(status),
        None => failure,
    })
}
