//! `GET /rest/session/history`: past and queued sessions (private key only),
//! vars and filters from the query string or a JSON body.

use serde_json::{json, Value};

use crate::error::ApiError;
use crate::exchange::{Request, Response};
use crate::filters;
use crate::keys::Keys;
use crate::store::Store;

/// Checks the key (403) and the query (400), then answers the matching
/// records, each holding only the asked vars under lower-case keys.
pub fn history(
    keys: &Keys,
    store: &Store,
    request: &Request,
    body: &[u8],
) -> Result<Response, ApiError> {
    keys.require_private(&request.headers)?;
    let q = filters::parse(Some(&request.query), body).map_err(ApiError::bad_request)?;
    let records: Vec<Value> = store
        .records_where(|r| q.filters.matches(r))
        .iter()
        .map(|r| r.project(&q.vars))
        .collect();
    Ok(Response::json(
        200,
        &json!({ "result": "SUCCESS", "details": records }),
    ))
}
