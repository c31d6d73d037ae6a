//! Reading what one attempt met, whatever the endpoint: js/call.js's
//! outcome (a status and a parsed body, or a fault), the HTTP status, and
//! the Session API's JSON envelope `{"result", "details", "errorDetails"}`;
//! each kind of bad answer becomes its [`Failure`]. The `details` of a
//! success are the endpoint's to read.

use crate::js::Date;
use alloc::string::String;
use wasm_bindgen::prelude::*;

use super::error::{ErrorCode, Failure};
use super::retry::parse_retry_after;
use super::Members;

/// A successful envelope: the whole parsed body and its `details`.
pub struct Envelope {
    /// The HTTP status (2xx).
    pub status: u16,
    /// The parsed body, as the server sent it.
    pub raw: JsValue,
    /// Its `details` member.
    pub details: JsValue,
}

/// A complete HTTP answer, of any status.
struct HttpReply {
    status: u16,
    /// The `Retry-After` header, when there is one.
    retry_after: Option<String>,
    /// The body parsed as JSON, or `None` when it is not JSON.
    json: Option<JsValue>,
}

/// The envelope of a successful answer, or the failure the attempt's
/// `outcome` means: `{ status, retryAfter, json }`, or a `fault` (with
/// `cancelled`, and `status` when a response had begun).
pub fn read(outcome: &JsValue) -> Result<Envelope, Failure> {
    read_envelope(http_reply(outcome)?)
}

/// The reply an attempt got, or why it has none.
fn http_reply(outcome: &JsValue) -> Result<HttpReply, Failure> {
    let outcome = Members::of(outcome);
    let read = |name| outcome.map(|outcome| outcome.get(name));
    let text = |name| read(name).and_then(|value| value.as_string());
    let status = read("status")
        .and_then(|value| value.as_f64())
        .map(|status| status as u16);
    let fault = text("fault");
    let Some(fault) = fault else {
        return match status {
            Some(status) => Ok(HttpReply {
                status,
                retry_after: text("retryAfter"),
                json: read("json").filter(|json| !json.is_undefined()),
            }),
            None => Err(network_failure()),
        };
    };
    let failure = match (fault.as_str(), text("cancelled").as_deref()) {
        ("tooLarge", _) => Failure::new(
            ErrorCode::UnexpectedResponse,
            "the API answered with a body larger than 1 MiB",
        ),
        ("notUtf8", _) => Failure::new(
            ErrorCode::UnexpectedResponse,
            "the API's answer is not UTF-8 text",
        ),
        (_, Some("timeout")) => Failure::new(
            ErrorCode::Timeout,
            "no complete answer from the API within timeoutMs",
        ),
        (_, Some("aborted")) => Failure::new(
            ErrorCode::Aborted,
            "the call was aborted by its AbortSignal",
        ),
        ("broken", _) => Failure::new(
            ErrorCode::Network,
            "the connection broke while the API's answer was being read",
        ),
        _ => network_failure(),
    };
    Err(match status {
        Some(status) => failure.with_status(status),
        None => failure,
    })
}

fn network_failure() -> Failure {
    Failure::new(
        ErrorCode::Network,
        "could not reach the API: the network is down, the address is wrong, or the browser refused the answer (CORS)",
    )
}

/// A member of the envelope, or `None` when the body is not an object or
/// the member is absent.
fn member(body: Option<Members>, name: &str) -> Option<JsValue> {
    body.map(|body| body.get(name))
        .filter(|v| !v.is_undefined())
}

/// Turns a non-success status into its failure, with `errorDetails` and
/// `Retry-After` when the server sent them (js/errors.js quotes the
/// server's words from `errorDetails` in the message).
fn status_failure(reply: &HttpReply) -> Failure {
    let (code, message) = ErrorCode::for_status(reply.status);
    let error_details = reply
        .json
        .as_ref()
        .and_then(|body| member(Members::of(body), "errorDetails"));
    let mut failure = Failure::new(code, message).with_status(reply.status);
    failure.retry_after_seconds = reply
        .retry_after
        .as_deref()
        .and_then(|value| parse_retry_after(value, Date::now()));
    failure.error_details = error_details;
    failure
}

fn unexpected(status: u16, message: &'static str) -> Failure {
    Failure::new(ErrorCode::UnexpectedResponse, message).with_status(status)
}

/// Classifies an answer: a success envelope, or the failure it means.
fn read_envelope(reply: HttpReply) -> Result<Envelope, Failure> {
    if !(200..300).contains(&reply.status) {
        return Err(status_failure(&reply));
    }
    let raw = reply
        .json
        .ok_or_else(|| unexpected(reply.status, "the API's answer is not JSON"))?;
    let body = Members::of(&raw);
    let result = member(body, "result")
        .ok_or_else(|| unexpected(reply.status, "the API's answer has no \"result\""))?;
    if result.as_string().as_deref() != Some("SUCCESS") {
        let error_details = member(body, "errorDetails");
        let mut failure = Failure::new(
            ErrorCode::ApiError,
            "Take Control did not accept the request",
        )
        .with_status(reply.status);
        failure.error_details = error_details;
        return Err(failure);
    }
    let details = member(body, "details")
        .ok_or_else(|| unexpected(reply.status, "the API's answer has no \"details\""))?;
    Ok(Envelope {
        status: reply.status,
        raw,
        details,
    })
}

impl Envelope {
    /// The failure of a success whose `details` are not the shape the
    /// endpoint documents (`shape` says which).
    pub fn not_documented(&self, shape: &'static str) -> Failure {
        unexpected(self.status, shape)
    }
}
