//! Errors: the codes a caller can act on, the failure value every module
//! returns, and its conversion into the JS `TakeControlError` (js/errors.js).

use alloc::string::String;
use alloc::vec::Vec;

use wasm_bindgen::prelude::*;

use super::{Built, Members};
use crate::js::Array;

/// What went wrong, as the `code` string of a `TakeControlError`.
///
/// # Examples
///
/// ```
/// use takecontrol_session::call::error::ErrorCode;
///
/// // A 429 after the retries becomes `error.code === "rate_limited"` in JS.
/// let (code, _) = ErrorCode::for_status(429);
/// assert_eq!(code, ErrorCode::RateLimited);
/// assert_eq!(code.as_str(), "rate_limited");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorCode {
    /// The caller's options broke a rule; nothing was sent.
    InvalidOptions,
    /// HTTP 400 (or 413, 422): the API refused the request's parameters.
    InvalidRequest,
    /// HTTP 401/403: wrong, expired or IP-restricted key, or the wrong kind of key.
    InvalidKey,
    /// HTTP 429: too many requests.
    RateLimited,
    /// HTTP 5xx.
    ServerError,
    /// HTTP 200 whose `result` is not `SUCCESS`.
    ApiError,
    /// A body that is not JSON, not the documented shape, too large, or an unexpected status.
    UnexpectedResponse,
    /// fetch failed: offline, DNS, TLS, or the browser refused the response (CORS).
    Network,
    /// The call ran past `timeoutMs`.
    Timeout,
    /// The caller's `AbortSignal` fired.
    Aborted,
    /// A private-key call on a web page without `dangerouslyAllowBrowser`.
    PrivateKeyInBrowser,
}

impl ErrorCode {
    /// The string JS callers compare `error.code` with.
    ///
    /// # Examples
    ///
    /// ```
    /// use takecontrol_session::call::error::ErrorCode;
    ///
    /// assert_eq!(ErrorCode::InvalidOptions.as_str(), "invalid_options");
    /// assert_eq!(ErrorCode::PrivateKeyInBrowser.as_str(), "private_key_in_browser");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidOptions => "invalid_options",
            ErrorCode::InvalidRequest => "invalid_request",
            ErrorCode::InvalidKey => "invalid_key",
            ErrorCode::RateLimited => "rate_limited",
            ErrorCode::ServerError => "server_error",
            ErrorCode::ApiError => "api_error",
            ErrorCode::UnexpectedResponse => "unexpected_response",
            ErrorCode::Network => "network",
            ErrorCode::Timeout => "timeout",
            ErrorCode::Aborted => "aborted",
            ErrorCode::PrivateKeyInBrowser => "private_key_in_browser",
        }
    }

    /// The code for an HTTP status that is not a success, with the sentence
    /// that explains it.
    ///
    /// # Examples
    ///
    /// ```
    /// use takecontrol_session::call::error::ErrorCode;
    ///
    /// let (code, message) = ErrorCode::for_status(503);
    /// assert_eq!(code, ErrorCode::ServerError);
    /// assert!(message.contains("try again later"));
    /// assert_eq!(ErrorCode::for_status(401).0, ErrorCode::InvalidKey);
    /// assert_eq!(ErrorCode::for_status(404).0, ErrorCode::UnexpectedResponse);
    /// ```
    pub fn for_status(status: u16) -> (ErrorCode, &'static str) {
        match status {
            400 | 413 | 422 => (
                ErrorCode::InvalidRequest,
                "Take Control refused the request as invalid: check the options",
            ),
            401 | 403 => (
                ErrorCode::InvalidKey,
                "Take Control refused the key: check that it is the right kind (public for createSession, private for history), not expired, and allowed from this IP",
            ),
            429 => (
                ErrorCode::RateLimited,
                "Take Control is receiving too many requests from this account: try again later",
            ),
            500..=599 => (
                ErrorCode::ServerError,
                "Take Control answered with a server error: try again later",
            ),
            _ => (
                ErrorCode::UnexpectedResponse,
                "the API answered with an unexpected HTTP status: check apiBase",
            ),
        }
    }
}

/// Why an option breaks a rule, in words a form can translate (the
/// `reason` of a field error).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// Missing, or empty where a value is needed.
    Required,
    /// A name the function does not take.
    UnknownOption,
    /// A value of the wrong JS type, or one that cannot be read.
    WrongType,
    /// More characters than allowed (`limit`: the maximum).
    TooLong,
    /// Not an email address, language code, URL, date, or string of digits.
    InvalidFormat,
    /// A number outside its range, or dates in the wrong order (`limit`:
    /// the bound crossed, when there is one).
    OutOfRange,
}

impl Reason {
    /// The `reason` string of a field error.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Required => "required",
            Reason::UnknownOption => "unknown_option",
            Reason::WrongType => "wrong_type",
            Reason::TooLong => "too_long",
            Reason::InvalidFormat => "invalid_format",
            Reason::OutOfRange => "out_of_range",
        }
    }
}

/// One option that breaks a rule: the option's JS name, why, what is
/// wrong, and the limit that applies. Its message (js/errors.js's
/// `addFieldError` writes it) is the name, then the predicate:
/// "customerName" + "must be at most {limit} characters".
#[derive(Clone, Debug, PartialEq)]
pub struct FieldError {
    /// The option's name as the caller wrote it (`customerName`, or an unknown name).
    pub field: String,
    /// Why, for a form to say in the visitor's language.
    pub reason: Reason,
    /// What follows the name in the message for a developer (`{limit}`
    /// stands for the limit); never contains a key.
    pub predicate: String,
    /// The maximum length (`too_long`) or the bound crossed (`out_of_range`).
    pub limit: Option<f64>,
}

impl FieldError {
    /// A field error from the option name, the reason and the predicate.
    #[inline(never)]
    pub fn new(field: impl Into<String>, reason: Reason, predicate: impl Into<String>) -> Self {
        FieldError {
            field: field.into(),
            reason,
            predicate: predicate.into(),
            limit: None,
        }
    }

    /// The same error, with the limit that applies.
    pub fn with_limit(mut self, limit: f64) -> Self {
        self.limit = Some(limit);
        self
    }

    /// An `out_of_range` error for `value`, whose range is `min..=max`:
    /// `limit` is the bound it crossed, none when it is inside the range
    /// but not whole, or not a number at all.
    pub fn out_of_range(
        field: &'static str,
        message: &'static str,
        value: f64,
        min: f64,
        max: f64,
    ) -> Self {
        let error = FieldError::new(field, Reason::OutOfRange, message);
        if value < min {
            error.with_limit(min)
        } else if value > max {
            error.with_limit(max)
        } else {
            error
        }
    }
}

/// A failed call, on its way to becoming a `TakeControlError`.
#[derive(Debug)]
pub struct Failure {
    /// What went wrong.
    pub code: ErrorCode,
    /// A sentence for a developer.
    pub message: String,
    /// The option at fault, for `invalid_options`.
    pub field: Option<String>,
    /// The HTTP status, whenever there was a response.
    pub status: Option<u16>,
    /// Seconds the server asked to wait (`Retry-After`), when it said so readably.
    pub retry_after_seconds: Option<f64>,
    /// The server's `errorDetails`, as it sent them.
    pub error_details: Option<JsValue>,
    /// Every problem with the options, for `invalid_options`.
    pub field_errors: Option<Problems>,
}

impl Failure {
    /// A failure with only a code and a message.
    #[inline(never)]
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Failure {
            code,
            message: message.into(),
            field: None,
            status: None,
            retry_after_seconds: None,
            error_details: None,
            field_errors: None,
        }
    }

    /// A failure that came with an HTTP response.
    pub fn with_status(mut self, status: u16) -> Self {
        self.status = Some(status);
        self
    }
}

impl Failure {
    /// The `invalid_options` failure for the problems with a caller's
    /// options: the first one's field and message, and all of them.
    pub fn from_problems(problems: Problems) -> Self {
        let first = problems.0.get(0);
        let first = Members::of(&first);
        let text = |name| first.and_then(|first| first.get(name).as_string());
        Failure {
            field: text("field"),
            field_errors: Some(problems),
            ..Failure::new(
                ErrorCode::InvalidOptions,
                text("message").unwrap_or_else(|| String::from("invalid options")),
            )
        }
    }
}

/// Every problem with a caller's options, in the order a form shows them,
/// as the JS field errors the caller gets: those js/options.js met reading
/// the object (made there), then Rust's rules' ([`Problems::add`]). No
/// field is listed twice: one already refused is not refused again.
pub struct Problems(Array);

impl core::fmt::Debug for Problems {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("Problems(..)")
    }
}

impl Problems {
    /// The problems js/options.js met, in the caller's key order.
    pub fn read(list: Array) -> Self {
        Problems(list)
    }

    /// Adds `errors`, in order, but none for a field already listed.
    pub fn add(&mut self, errors: Vec<FieldError>) {
        for error in errors {
            add_field_error(
                &self.0,
                &error.field,
                error.reason.as_str(),
                &error.predicate,
                error.limit,
            );
        }
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.0.length() == 0
    }

    /// The JS array of field errors.
    pub fn into_list(self) -> JsValue {
        self.0.into()
    }
}

#[wasm_bindgen(module = "/js/errors.js")]
extern "C" {
    /// Pushes `{ field, reason, message, limit }` (without `limit` when it
    /// is `None`; the message is `field`, then `predicate`) onto `errors`,
    /// unless they list one for `field` already.
    #[wasm_bindgen(js_name = addFieldError)]
    fn add_field_error(
        errors: &Array,
        field: &str,
        reason: &str,
        predicate: &str,
        limit: Option<f64>,
    );

    /// A `TakeControlError` with `extra`'s fields, `secret` cut out of its message.
    #[wasm_bindgen(js_name = makeError)]
    fn make_error(code: &str, message: &str, extra: &JsValue, secret: &str) -> JsValue;

    /// The `TakeControlError` class itself, for callers that need `instanceof`.
    #[wasm_bindgen(thread_local_v2, js_name = TakeControlError)]
    static TAKE_CONTROL_ERROR: JsValue;
}

/// The `TakeControlError` constructor, as exported by js/errors.js.
pub fn error_class() -> JsValue {
    TAKE_CONTROL_ERROR.with(JsValue::clone)
}

impl Failure {
    /// The JS `TakeControlError` for this failure; `secret` (the key used)
    /// is removed from the message (js/errors.js does it, so that a key
    /// echoed by a server never reaches a message).
    pub fn into_js(self, secret: &str) -> JsValue {
        let mut extra = Built::new();
        if let Some(field) = &self.field {
            extra = extra.with("field", &JsValue::from_str(field));
        }
        if let Some(status) = self.status {
            extra = extra.with("status", &JsValue::from(status));
        }
        if let Some(seconds) = self.retry_after_seconds {
            extra = extra.with("retryAfterSeconds", &JsValue::from_f64(seconds));
        }
        if let Some(details) = &self.error_details {
            extra = extra.with("errorDetails", details);
        }
        if let Some(problems) = self.field_errors {
            extra = extra.with("fieldErrors", &problems.into_list());
        }
        make_error(self.code.as_str(), &self.message, &extra.done(), secret)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_out_of_range_error_names_the_bound_crossed() {
        let limit =
            |value| FieldError::out_of_range("n", "n must be 1 to 10", value, 1.0, 10.0).limit;
        assert_eq!(limit(0.0), Some(1.0));
        assert_eq!(limit(f64::NEG_INFINITY), Some(1.0));
        assert_eq!(limit(11.0), Some(10.0));
        assert_eq!(limit(f64::INFINITY), Some(10.0));
        assert_eq!(limit(1.5), None);
        assert_eq!(limit(f64::NAN), None);
    }

    #[test]
    fn statuses_map_to_codes() {
        assert_eq!(ErrorCode::for_status(400).0, ErrorCode::InvalidRequest);
        assert_eq!(ErrorCode::for_status(403).0, ErrorCode::InvalidKey);
        assert_eq!(ErrorCode::for_status(429).0, ErrorCode::RateLimited);
        assert_eq!(ErrorCode::for_status(500).0, ErrorCode::ServerError);
        assert_eq!(ErrorCode::for_status(503).0, ErrorCode::ServerError);
        assert_eq!(ErrorCode::for_status(404).0, ErrorCode::UnexpectedResponse);
    }
}
