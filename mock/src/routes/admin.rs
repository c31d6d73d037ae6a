//! The test-only admin API under `/__admin/`: the request log, the created
//! sessions, fault injection and reset. No key needed; meant for loopback.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::error::ApiError;
use crate::faults;
use crate::state::AppState;
use crate::store::{LoggedRequest, Session};

/// The admin routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/__admin/requests",
            get(list_requests).delete(clear_requests),
        )
        .route("/__admin/sessions", get(list_sessions))
        .route("/__admin/reset", post(reset))
        .route(
            "/__admin/faults",
            get(list_faults).post(add_faults).delete(clear_faults),
        )
}

/// `GET /__admin/requests`: the `/rest/*` requests received, oldest first.
async fn list_requests(State(state): State<AppState>) -> Json<Vec<LoggedRequest>> {
    Json(state.store.requests())
}

/// `DELETE /__admin/requests`: empties the log; `{"cleared": n}`.
async fn clear_requests(State(state): State<AppState>) -> Json<Value> {
    Json(json!({ "cleared": state.store.clear_requests() }))
}

/// `GET /__admin/sessions`: the sessions created through the API.
async fn list_sessions(State(state): State<AppState>) -> Json<Vec<Session>> {
    Json(state.store.sessions())
}

/// `POST /__admin/reset`: clears the log, the created sessions (the queue
/// goes back to 0, ids restart after the fixture) and the faults.
async fn reset(State(state): State<AppState>) -> Json<Value> {
    let requests = state.store.clear_requests();
    let sessions = state.store.clear_sessions();
    let faults = state.faults.clear();
    Json(json!({
        "reset": true,
        "cleared": { "requests": requests, "sessions": sessions, "faults": faults },
    }))
}

/// `GET /__admin/faults`: pending faults, each with `remaining` uses.
async fn list_faults(State(state): State<AppState>) -> Json<Vec<Value>> {
    Json(state.faults.pending())
}

/// `POST /__admin/faults`: one fault object or an array; `{"queued": pending}`.
async fn add_faults(
    State(state): State<AppState>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Value>, ApiError> {
    let body = body?;
    let new = faults::parse_specs(&body).map_err(ApiError::bad_request)?;
    let added = new.len();
    let queued = state.faults.push(new);
    Ok(Json(json!({ "queued": queued, "added": added })))
}

/// `DELETE /__admin/faults`: drops every pending fault; `{"cleared": n}`.
async fn clear_faults(State(state): State<AppState>) -> Json<Value> {
    Json(json!({ "cleared": state.faults.clear() }))
}
