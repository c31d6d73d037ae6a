//! `createSession` step by step: read the options, check every rule, send
//! `POST /rest/session` (with retries), and map the answer to a `Session`.

use gloo_net::http::Method;
use js_sys::JSON;
use serde::Serialize;
use wasm_bindgen::JsValue;

use crate::client;
use crate::error::{ErrorCode, Failure, FieldError};
use crate::options::SessionOptions;
use crate::session::{Session, WireSessionDetails};
use crate::settings::CallPlan;
use crate::transport::ApiRequest;
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

/// Serializes a value to a JSON string the way `JSON.stringify` does.
fn to_json<T: Serialize>(value: &T) -> Option<String> {
    let js = value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .ok()?;
    JSON::stringify(&js).ok()?.as_string()
}

/// Creates a session from read options; any failure is a [`Failure`].
pub async fn create_session(
    options: SessionOptions,
    read_errors: Vec<FieldError>,
) -> Result<JsValue, Failure> {
    let plan = check(&options, read_errors).map_err(Failure::from_field_errors)?;
    let key = validate::checked_key(options.call.key);
    let body = to_json(&options.request.wire_body()).ok_or_else(|| {
        Failure::new(
            ErrorCode::InvalidOptions,
            "the request could not be encoded as JSON",
        )
    })?;
    let request = ApiRequest {
        method: Method::POST,
        url: plan.url(CREATE_SESSION_PATH),
        key: &key,
        json_body: Some(body),
    };
    let envelope = client::call(&request, &plan, options.call.signal).await?;
    let details: WireSessionDetails =
        serde_wasm_bindgen::from_value(envelope.details).map_err(|_| {
            Failure::new(
            ErrorCode::UnexpectedResponse,
            "the API's answer is not the documented shape (details.nrequests, details.requests)",
        )
        .with_status(envelope.status)
        })?;
    Session::new(details, envelope.raw)
        .serialize(&serde_wasm_bindgen::Serializer::new().serialize_missing_as_null(true))
        .map_err(|_| {
            Failure::new(
                ErrorCode::UnexpectedResponse,
                "the API's answer could not be converted",
            )
            .with_status(envelope.status)
        })
}
