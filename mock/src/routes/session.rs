//! `POST /rest/session`: create a support session (public key only).

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::Json;
use serde_json::{json, Value};

use crate::dates;
use crate::error::ApiError;
use crate::state::AppState;
use crate::validate;

/// Checks the key (403) and the body (400), queues the session and answers
/// with the queue size and the request just made.
pub async fn create(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Value>, ApiError> {
    state.keys.require_public(&headers)?;
    let body = body?;
    let request = validate::parse_create(&body).map_err(ApiError::bad_request)?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let created = state.store.create(request, dates::format_unix(now));
    let r = &created.session.record;
    Ok(Json(json!({
        "result": "SUCCESS",
        "details": {
            "nrequests": created.nrequests,
            "requests": [{
                "computer_name": r.computer_name,
                "computer_domain": r.computer_domain,
                "tech_username": r.tech_username,
                "waiting_time": created.session.waiting_time,
            }],
        },
    })))
}
