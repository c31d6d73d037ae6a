//! Errors: the codes a caller can act on, the failure value every module
//! returns, and its conversion into the JS `TakeControlError` (js/errors.js).

use alloc::string::String;
use alloc::vec::Vec;

use wasm_bindgen::prelude::*;

use super::Built;

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

/// One option that breaks a rule: the option's JS name and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// The option's name as the caller wrote it (`customerName`, or an unknown name).
    pub field: String,
    /// A sentence for a developer or a form; never contains a key.
    pub message: String,
}

impl FieldError {
    /// A field error from the option name and a message.
    #[inline(never)]
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        FieldError {
            field: field.into(),
            message: message.into(),
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
        }
    }

    /// A failure that came with an HTTP response.
    pub fn with_status(mut self, status: u16) -> Self {
        self.status = Some(status);
        self
    }
}

impl Failure {
    /// The failure for a list of field errors: the first one, with its field.
    ///
    /// # Examples
    ///
    /// ```
    /// use takecontrol_session::call::error::{ErrorCode, Failure, FieldError};
    ///
    /// let failure = Failure::from_field_errors(vec![
    ///     FieldError::new("customerEmail", "customerEmail must be an email address"),
    ///     FieldError::new("language", "language must be a language code"),
    /// ]);
    /// assert_eq!(failure.code, ErrorCode::InvalidOptions);
    /// assert_eq!(failure.field.as_deref(), Some("customerEmail"));
    /// ```
    pub fn from_field_errors(mut errors: Vec<FieldError>) -> Self {
        errors.truncate(1);
        errors
            .pop()
            .map(Failure::from)
            .unwrap_or_else(|| Failure::new(ErrorCode::InvalidOptions, "invalid options"))
    }
}

impl From<FieldError> for Failure {
    fn from(error: FieldError) -> Self {
        Failure {
            field: Some(error.field),
            ..Failure::new(ErrorCode::InvalidOptions, error.message)
        }
    }
}

impl FieldError {
    /// `{ field, message }`, as `validateSessionRequest` lists it.
    pub fn to_js(&self) -> JsValue {
        Built::new()
            .with("field", &JsValue::from_str(&self.field))
            .with("message", &JsValue::from_str(&self.message))
            .done()
    }
}

#[wasm_bindgen(module = "/js/errors.js")]
extern "C" {
    #[wasm_bindgen(js_name = makeError)]
    /// A `TakeControlError` with `extra`'s fields, `secret` cut out of its message.
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
        make_error(self.code.as_str(), &self.message, &extra.done(), secret)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
