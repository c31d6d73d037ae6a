//! `GET /rest/session/history`: past and queued sessions (private key only),
//! vars and filters from the query string or a JSON body.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{RawQuery, State};
use axum::http::HeaderMap;
use axum::Json;
use serde_json::{json, Value};

use crate::error::ApiError;
use crate::filters;
use crate::state::AppState;

/// Checks the key (403) and the query (400), then answers the matching
/// records, each holding only the asked vars under lower-case keys.
pub async fn history(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Value>, ApiError> {
    state.keys.require_private(&headers)?;
    let body = body?;
    let q = filters::parse(query.as_deref(), &body).map_err(ApiError::bad_request)?;
    let records: Vec<Value> = state
        .store
        .records_where(|r| q.filters.matches(r))
        .iter()
        .map(|r| r.project(&q.vars))
        .collect();
    Ok(Json(json!({ "result": "SUCCESS", "details": records })))
}
