//! `createSession` step by step: read the options, check every rule, send
//! `POST /rest/session` (with retries), and read the answer into a session.

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use js_sys::Promise;
use wasm_bindgen::JsValue;
use web_sys::AbortSignal;

use crate::client;
use crate::dedupe;
use crate::error::{ErrorCode, Failure, FieldError};
use crate::limiter;
use crate::options::SessionOptions;
use crate::response::Envelope;
use crate::session::read_session;
use crate::settings::{ApiKey, CallPlan};
use crate::text::decimal;
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
    if let Some(error) = validate::key_errors("publicKey", options.call.key.as_deref()) {
        errors.push(error);
    }
    errors.append(&mut validate::session_request_errors(&options.request));
    validate::call_plan(&options.call.settings, errors)
}

/// Creates a session from read options and returns the promise of it.
/// Everything before the network happens now: the checks, joining an
/// identical call in flight (see `dedupe`), and the `rateLimit`. Failures are
/// `TakeControlError`s with the key redacted from messages.
pub fn create_session(options: SessionOptions, read_errors: Vec<FieldError>) -> Promise {
    let secret = options.call.key.clone().unwrap_or_default();
    let prepared = prepare(options, read_errors);
    let (plan, key, body, signal) = match prepared {
        Ok(prepared) => prepared,
        Err(failure) => return Promise::reject(&failure.into_js(&secret)),
    };
    let identity = dedupe::identity(&[
        &plan.api_base,
        key.expose(),
        &body,
        &decimal(u64::from(plan.timeout_ms)),
        &decimal(u64::from(plan.max_retries)),
    ]);
    if let Some(shared) = dedupe::find_inflight(&identity, signal.as_ref()) {
        return shared;
    }
    if let Some(limit) = plan.rate_limit {
        if let Err(failure) = limiter::take(&plan.bucket(&key), limit) {
            return Promise::reject(&failure.into_js(&secret));
        }
    }
    let request = ApiRequest {
        method: Method::Post,
        url: plan.url(CREATE_SESSION_PATH),
        key: &key,
        json_body: Some(body),
    };
    let promise = client::start(
        request,
        &plan,
        signal.clone(),
        secret,
        Box::new(read_answer),
    );
    dedupe::track_inflight(&identity, signal.as_ref(), &promise);
    promise
}

/// The checked options of a call: its plan, key, JSON body and signal.
type Prepared = (CallPlan, ApiKey, String, Option<AbortSignal>);

fn prepare(options: SessionOptions, read_errors: Vec<FieldError>) -> Result<Prepared, Failure> {
    let plan = check(&options, read_errors).map_err(Failure::from_field_errors)?;
    let body = options.request.wire_body();
    Ok((
        plan,
        validate::checked_key(options.call.key),
        body,
        options.call.signal,
    ))
}

/// The session a successful answer describes.
fn read_answer(envelope: Envelope) -> Result<JsValue, Failure> {
    read_session(&envelope.details, envelope.raw).ok_or_else(|| {
        Failure::new(
            ErrorCode::UnexpectedResponse,
            "the API's answer is not the documented shape (details.nrequests, details.requests)",
        )
        .with_status(envelope.status)
    })
}
