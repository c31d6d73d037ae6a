//! `createSession` step by step: read the options, check every rule, send
//! `POST /rest/session` (with retries), and read the answer into a session.

use alloc::vec::Vec;
use wasm_bindgen::JsValue;

use crate::client;
use crate::error::{ErrorCode, Failure, FieldError};
use crate::options::SessionOptions;
use crate::session::read_session;
use crate::settings::CallPlan;
use crate::transport::{ApiRequest, Method};
use crate::validate;

/// The path of the create-session endpoint under the API base.
pub const CREATE_SESSION_PATH: &str = "/rest/session";

/// Every problem with a create-session call's options: `read_errors` (what
/// `options` met while reading) first, then the key, the request's fields
/// and the call settings. Returns the call plan when there is none.
pub fn check(
    options: &SessionOptions,
    read_errors: Vec<FieldError>,
) -> Result<CallPlan, Vec<FieldError>> {
    let mut errors = read_errors;
    errors.extend(validate::key_errors(
        "publicKey",
        options.call.key.as_deref(),
    ));
    errors.extend(validate::session_request_errors(&options.request));
    validate::call_plan(&options.call.settings, errors)
}

/// Creates a session from read options; any failure is a [`Failure`].
pub async fn create_session(
    options: SessionOptions,
    read_errors: Vec<FieldError>,
) -> Result<JsValue, Failure> {
    let plan = check(&options, read_errors).map_err(Failure::from_field_errors)?;
    let key = validate::checked_key(options.call.key);
    let body = options.request.wire_body().ok_or_else(|| {
        Failure::new(
            ErrorCode::InvalidOptions,
            "the request could not be encoded as JSON",
        )
    })?;
    let request = ApiRequest {
        method: Method::Post,
        url: plan.url(CREATE_SESSION_PATH),
        key: &key,
        json_body: Some(body),
    };
    let envelope = client::call(&request, &plan, options.call.signal).await?;
    read_session(&envelope.details, envelope.raw).ok_or_else(|| {
        Failure::new(
            ErrorCode::UnexpectedResponse,
            "the API's answer is not the documented shape (details.nrequests, details.requests)",
        )
        .with_status(envelope.status)
    })
}
