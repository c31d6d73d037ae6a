//! Reading an answer of the Session API: the status, the JSON envelope
//! `{"result", "details", "errorDetails"}`, and the failure each kind of bad
//! answer becomes. Endpoint-specific `details` are read by their own module.

use alloc::borrow::ToOwned;
use alloc::string::String;

use js_sys::Date;
use wasm_bindgen::prelude::*;

use crate::error::{ErrorCode, Failure};
use crate::fields::{Field, Fields};
use crate::retry::parse_retry_after;
use crate::transport::HttpReply;

/// A successful envelope: the whole parsed body and its `details`.
pub struct Envelope {
    /// The HTTP status (2xx).
    pub status: u16,
    /// The parsed body, as the server sent it.
    pub raw: JsValue,
    /// Its `details` member.
    pub details: JsValue,
}

/// The most characters of a server's `errorDetails` quoted in a message.
const MAX_QUOTED_CHARS: usize = 200;

/// A member of the envelope, or `None` when the body is not an object or
/// the member is absent.
fn member(body: Option<Fields>, field: Field) -> Option<JsValue> {
    body.map(|body| body.get(field))
        .filter(|v| !v.is_undefined())
}

/// Appends the server's `errorDetails` to a message when it is a short text.
fn with_server_words(message: &str, error_details: Option<&JsValue>) -> String {
    let mut text = message.to_owned();
    if let Some(words) = error_details.and_then(JsValue::as_string) {
        let words = words.trim();
        if !words.is_empty() {
            text.push_str(" (server said: ");
            text.extend(words.chars().take(MAX_QUOTED_CHARS));
            text.push(')');
        }
    }
    text
}

/// Turns a non-success status into its failure, with `errorDetails` and
/// `Retry-After` when the server sent them.
fn status_failure(reply: &HttpReply) -> Failure {
    let (code, message) = ErrorCode::for_status(reply.status);
    let error_details = reply
        .json
        .as_ref()
        .and_then(|body| member(Fields::of(body), Field::ErrorDetails));
    let mut failure = Failure::new(code, with_server_words(message, error_details.as_ref()))
        .with_status(reply.status);
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
pub fn read_envelope(reply: HttpReply) -> Result<Envelope, Failure> {
    if !(200..300).contains(&reply.status) {
        return Err(status_failure(&reply));
    }
    let raw = reply
        .json
        .ok_or_else(|| unexpected(reply.status, "the API's answer is not JSON"))?;
    let body = Fields::of(&raw);
    let result = member(body, Field::Result)
        .ok_or_else(|| unexpected(reply.status, "the API's answer has no \"result\""))?;
    if result.as_string().as_deref() != Some("SUCCESS") {
        let error_details = member(body, Field::ErrorDetails);
        let mut failure = Failure::new(
            ErrorCode::ApiError,
            with_server_words(
                "Take Control did not accept the request",
                error_details.as_ref(),
            ),
        )
        .with_status(reply.status);
        failure.error_details = error_details;
        return Err(failure);
    }
    let details = member(body, Field::Details)
        .ok_or_else(|| unexpected(reply.status, "the API's answer has no \"details\""))?;
    Ok(Envelope {
        status: reply.status,
        raw,
        details,
    })
}
