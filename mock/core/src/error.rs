//! The JSON error envelope every failure answers with:
//! `{"result":"ERROR","errorDetails":"..."}`.

use serde_json::{json, Value};

use crate::exchange::Response;

/// A failed request: the HTTP status and the text that goes in `errorDetails`.
///
/// The text never holds an integration key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The HTTP status to answer with.
    pub status: u16,
    /// The `errorDetails` text.
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
        Response::json(self.status, &envelope(&self.details))
    }
}

/// The error envelope as JSON.
pub fn envelope(details: &str) -> Value {
    json!({ "result": "ERROR", "errorDetails": details })
}
