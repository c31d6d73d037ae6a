//! `POST /rest/ticket`: create a deferred support request (public key only).

use serde_json::json;

use crate::dates;
use crate::error::{ApiError, Envelope};
use crate::exchange::{Request, Response};
use crate::keys::Keys;
use crate::tickets::Tickets;
use crate::validate;

/// Checks the key (403) and the body (400), records the ticket created at
/// `now_ms` and answers with its number, in the envelope the contract shows:
/// `{"result":"SUCCESS","details":{"ticket_number":N},"errorDetails":{"errorCode":null,"errorMsg":null}}`.
pub fn create(
    keys: &Keys,
    tickets: &mut Tickets,
    request: &Request,
    body: &[u8],
    now_ms: u64,
) -> Result<Response, ApiError> {
    keys.require_public(&request.headers)?;
    let fields = validate::parse_ticket(body).map_err(ApiError::bad_request)?;
    let ticket_number = tickets.create(fields, dates::format_unix(now_ms / 1000));
    Ok(Response::json(
        200,
        &Envelope::success(json!({ "ticket_number": ticket_number })),
    ))
}
