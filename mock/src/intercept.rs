//! The front door of `/rest/*`: reads the body (64 KiB at most, else 413),
//! records the request in the log, then applies the next matching fault, if
//! any, before or instead of the route's handler.

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::header::CONTENT_LENGTH;
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value};

use crate::error::ApiError;
use crate::faults::{self, Fault};
use crate::state::AppState;
use crate::store::LoggedRequest;

/// Largest accepted request body on `/rest/*`, in bytes.
pub const BODY_LIMIT: usize = 64 * 1024;

/// Whether `path` is part of the emulated API.
pub fn is_rest(path: &str) -> bool {
    path == "/rest" || path.starts_with("/rest/")
}

fn log_entry(parts: &Parts, body: &Bytes, faulted: bool) -> LoggedRequest {
    let mut headers = Map::new();
    for (name, value) in &parts.headers {
        let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
        match headers.get_mut(name.as_str()) {
            Some(Value::String(prev)) => {
                prev.push_str(", ");
                prev.push_str(&value);
            }
            _ => {
                headers.insert(name.as_str().to_owned(), Value::String(value));
            }
        }
    }
    LoggedRequest {
        method: parts.method.to_string(),
        path: parts.uri.path().to_owned(),
        query: parts.uri.query().unwrap_or("").to_owned(),
        headers,
        body: String::from_utf8_lossy(body).into_owned(),
        json: serde_json::from_slice(body).unwrap_or(Value::Null),
        faulted,
    }
}

/// Middleware for every route: passes non-`/rest` requests through untouched.
pub async fn rest_front_door(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if !is_rest(req.uri().path()) {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    // A declared length over the limit is refused before waiting for the body.
    let declared_too_large = parts
        .headers
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .is_some_and(|n| n > BODY_LIMIT as u64);
    let read = if declared_too_large {
        None
    } else {
        axum::body::to_bytes(body, BODY_LIMIT).await.ok()
    };
    let Some(bytes) = read else {
        state
            .store
            .log_request(log_entry(&parts, &Bytes::new(), false));
        return ApiError::too_large(BODY_LIMIT).into_response();
    };
    let fault = state.faults.take(&parts.method, parts.uri.path());
    state
        .store
        .log_request(log_entry(&parts, &bytes, fault.is_some()));
    let req = Request::from_parts(parts, Body::from(bytes));
    match fault {
        None => next.run(req).await,
        Some(fault) => with_fault(&state, fault, req, next).await,
    }
}

async fn with_fault(state: &AppState, fault: Fault, req: Request, next: Next) -> Response {
    if !fault.delay.is_zero() {
        tokio::select! {
            () = tokio::time::sleep(fault.delay) => {}
            () = faults::shutdown_signalled(state.shutdown.subscribe()) => {
                return ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "server shutting down")
                    .into_response();
            }
        }
    }
    let response = match fault.status {
        Some(status) => fault.response(status),
        None => next.run(req).await,
    };
    match fault.stall_after_bytes {
        Some(n) => faults::stall(response, n, state.shutdown.subscribe()).await,
        None => response,
    }
}
