//! The JSON error envelope every failure answers with:
//! `{"result":"ERROR","errorDetails":"..."}`.

use axum::extract::rejection::BytesRejection;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

/// A failed request: the HTTP status and the text that goes in `errorDetails`.
///
/// The text never holds an integration key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The HTTP status to answer with.
    pub status: StatusCode,
    /// The `errorDetails` text.
    pub details: String,
}

impl ApiError {
    /// An error with any status.
    pub fn new(status: StatusCode, details: impl Into<String>) -> Self {
        Self {
            status,
            details: details.into(),
        }
    }

    /// 400: the request's parameters or body are invalid.
    pub fn bad_request(details: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, details)
    }

    /// 403: the key is missing, unknown or of the wrong kind.
    pub fn invalid_key() -> Self {
        Self::new(StatusCode::FORBIDDEN, "invalid key")
    }

    /// 413: the body is over the size limit.
    pub fn too_large(limit: usize) -> Self {
        Self::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("body: larger than {limit} bytes"),
        )
    }
}

/// The error envelope as JSON.
pub fn envelope(details: &str) -> Value {
    json!({ "result": "ERROR", "errorDetails": details })
}

impl From<BytesRejection> for ApiError {
    /// A body that could not be read: its own status (e.g. 413), JSON envelope.
    fn from(rejection: BytesRejection) -> Self {
        Self::new(
            rejection.status(),
            format!("body: {}", rejection.body_text()),
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(envelope(&self.details))).into_response()
    }
}
