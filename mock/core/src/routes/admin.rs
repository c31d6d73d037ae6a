//! The test-only admin API under `/__admin/`: the request log, the created
//! sessions and tickets, fault injection, reset and what each holds. No
//! integration key; who may call it over HTTP is [`crate::access`]'s.

use serde_json::json;

use crate::error::ApiError;
use crate::exchange::Response;
use crate::faults::{self, FaultQueue};
use crate::request_log::RequestLog;
use crate::store::Store;
use crate::tickets::Tickets;

/// `GET /__admin/requests`: the `/rest/*` requests received, oldest first.
pub fn list_requests(log: &RequestLog) -> Response {
    match log.to_json() {
        Ok(body) => Response::new(200, "application/json", body),
        Err(e) => ApiError::new(500, e.to_string()).into_response(),
    }
}

/// `GET /__admin/stats`: how much the log, the created sessions, the
/// tickets and the pending faults hold, and their limits.
pub fn stats(log: &RequestLog, store: &Store, tickets: &Tickets, faults: &FaultQueue) -> Response {
    let (pending, bytes) = faults.usage();
    Response::json(
        200,
        &json!({
            "requests": log.usage(),
            "sessions": store.usage(),
            "tickets": tickets.usage(),
            "faults": {
                "entries": pending, "bytes": bytes,
                "max_entries": faults::MAX_PENDING, "max_bytes": faults::MAX_PENDING_BYTES,
            },
        }),
    )
}

/// `DELETE /__admin/requests`: empties the log; `{"cleared": n}`.
pub fn clear_requests(log: &mut RequestLog) -> Response {
    Response::json(200, &json!({ "cleared": log.clear() }))
}

/// `GET /__admin/sessions`: the sessions created through the API.
pub fn list_sessions(store: &Store) -> Response {
    Response::json(200, &store.sessions())
}

/// `GET /__admin/tickets`: the tickets created through the API.
pub fn list_tickets(tickets: &Tickets) -> Response {
    Response::json(200, &tickets.all())
}

/// `POST /__admin/reset`: clears the log, the created sessions (the queue
/// goes back to 0, ids restart after the fixture), the tickets (numbers
/// restart at 1) and the faults.
pub fn reset(
    log: &mut RequestLog,
    store: &mut Store,
    tickets: &mut Tickets,
    faults: &mut FaultQueue,
) -> Response {
    let requests = log.clear();
    let sessions = store.clear_sessions();
    let tickets = tickets.clear();
    let faults = faults.clear();
    Response::json(
        200,
        &json!({
            "reset": true,
            "cleared": {
                "requests": requests, "sessions": sessions, "tickets": tickets, "faults": faults,
            },
        }),
    )
}

/// `GET /__admin/faults`: pending faults, each with `remaining` uses.
pub fn list_faults(faults: &FaultQueue) -> Response {
    Response::json(200, &faults.pending())
}

/// `POST /__admin/faults`: one fault object or an array;
/// `{"queued": pending, "added": n}`. `body` is `None` when it was over
/// [`ADMIN_BODY_LIMIT`](crate::body::ADMIN_BODY_LIMIT) or could not be read.
pub fn add_faults(faults: &mut FaultQueue, body: Option<&[u8]>) -> Result<Response, ApiError> {
    let body = body.ok_or_else(|| {
        ApiError::new(
            413,
            "body: Failed to buffer the request body: length limit exceeded",
        )
    })?;
    let new = faults::parse_specs(body).map_err(ApiError::bad_request)?;
    let added = new.len();
    let queued = faults.push(new).map_err(ApiError::bad_request)?;
    Ok(Response::json(
        200,
        &json!({ "queued": queued, "added": added }),
    ))
}

/// `DELETE /__admin/faults`: drops every pending fault; `{"cleared": n}`.
pub fn clear_faults(faults: &mut FaultQueue) -> Response {
    Response::json(200, &json!({ "cleared": faults.clear() }))
}
