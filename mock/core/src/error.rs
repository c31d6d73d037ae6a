//! The JSON error envelope every failure answers with, in the contract's
//! documented form:
//! `{"result":"ERROR","details":null,"errorDetails":{"errorCode":400,"errorMsg":"..."}}`,
//! `errorCode` being the HTTP status.

use serde::Serialize;

use crate::exchange::Response;

/// A failed request: the HTTP status and the text that goes in `errorMsg`.
///
/// The text never holds an integration key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The HTTP status to answer with (also the envelope's `errorCode`).
    pub status: u16,
    /// The `errorMsg` text.
    pub details: String,
}

impl ApiError {
    /// An error with any status.
    pub fn new(status: u16, details: impl Into<String>) -> Self {
        Self {
            status,
            details: details.into(),
        }
    }

    /// 400: the request's parameters or body are invalid.
    pub fn bad_request(details: impl Into<String>) -> Self {
        Self::new(400, details)
    }

    /// 403: the key is missing, unknown or of the wrong kind.
    pub fn invalid_key() -> Self {
        Self::new(403, "invalid key")
    }

    /// 413: the body is over the size limit.
    pub fn too_large(limit: usize) -> Self {
        Self::new(413, format!("body: larger than {limit} bytes"))
    }

    /// The error as a JSON answer.
    pub fn into_response(self) -> Response {
        Response::json(self.status, &Envelope::error(self.status, &self.details))
    }
}

/// The API's answer envelope, its members in the contract's order:
/// `result`, `details`, `errorDetails`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Envelope<'a, D: Serialize> {
    /// `SUCCESS` or `ERROR`.
    pub result: &'static str,
    /// What the call answers (`null` on an error).
    pub details: D,
    /// `errorCode` and `errorMsg`; both `null` on a success.
    #[serde(rename = "errorDetails")]
    pub error_details: ErrorDetails<'a>,
}

/// The envelope's `errorDetails` object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ErrorDetails<'a> {
    /// The HTTP status of an error; `null` on a success.
    #[serde(rename = "errorCode")]
    pub error_code: Option<u16>,
    /// What went wrong; `null` on a success.
    #[serde(rename = "errorMsg")]
    pub error_msg: Option<&'a str>,
}

impl<'a> Envelope<'a, ()> {
    /// An error answer: `details` null, `errorDetails` the status and `msg`.
    pub fn error(status: u16, msg: &'a str) -> Self {
        Envelope {
            result: "ERROR",
            details: (),
            error_details: ErrorDetails {
                error_code: Some(status),
                error_msg: Some(msg),
            },
        }
    }
}

impl<D: Serialize> Envelope<'static, D> {
    /// A success carrying `details`, with both `errorDetails` members `null`
    /// (as the contract shows it for the calls that send it).
    pub fn success(details: D) -> Self {
        Envelope {
            result: "SUCCESS",
            details,
            error_details: ErrorDetails {
                error_code: None,
                error_msg: None,
            },
        }
    }
}

/// The error envelope of `status` with `msg`, as JSON text.
pub fn envelope(status: u16, msg: &str) -> String {
    serde_json::to_string(&Envelope::error(status, msg)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_and_successes_in_the_documented_form() {
        assert_eq!(
            envelope(400, "Missing required field: customer_email"),
            r#"{"result":"ERROR","details":null,"errorDetails":{"errorCode":400,"errorMsg":"Missing required field: customer_email"}}"#
        );
        let response = ApiError::invalid_key().into_response();
        assert_eq!(response.status, 403);
        assert_eq!(response.header("content-type"), Some("application/json"));
        assert_eq!(
            String::from_utf8(response.body).unwrap(),
            r#"{"result":"ERROR","details":null,"errorDetails":{"errorCode":403,"errorMsg":"invalid key"}}"#
        );
        assert_eq!(
            serde_json::to_string(&Envelope::success(serde_json::json!({"ticket_number": 1})))
                .unwrap(),
            r#"{"result":"SUCCESS","details":{"ticket_number":1},"errorDetails":{"errorCode":null,"errorMsg":null}}"#
        );
    }
}
