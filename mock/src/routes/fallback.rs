//! JSON answers for an unknown path (404) and a known path with the wrong
//! method (405), in the API's error envelope.

use axum::http::{Method, StatusCode, Uri};

use crate::error::ApiError;

/// 404 for any path no route knows.
pub async fn not_found(method: Method, uri: Uri) -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        format!("not found: {method} {}", uri.path()),
    )
}

/// 405 for a known path asked with a method it does not take.
pub async fn method_not_allowed(method: Method, uri: Uri) -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        format!("method not allowed: {method} {}", uri.path()),
    )
}
