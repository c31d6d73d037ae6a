//! `POST /rest/session`: create a support session (public key only).

use serde_json::json;

use crate::dates;
use crate::error::ApiError;
use crate::exchange::{Request, Response};
use crate::keys::Keys;
use crate::store::Store;
use crate::validate;

/// Checks the key (403) and the body (400), queues the session started at
/// `now_ms` and answers with the queue size and the request just made.
pub fn create(
    keys: &Keys,
    store: &mut Store,
    request: &Request,
    body: &[u8],
    now_ms: u64,
) -> Result<Response, ApiError> {
    keys.require_public(&request.headers)?;
    let fields = validate::parse_create(body).map_err(ApiError::bad_request)?;
    let created = store.create(fields, dates::format_unix(now_ms / 1000));
    let r = &created.session.record;
    Ok(Response::json(
        200,
        &json!({
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
        }),
    ))
}
