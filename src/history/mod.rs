//! `getSessionHistory` step by step: read and check the options, refuse a
//! private key on a web page unless told otherwise, send
//! `GET /rest/session/history` (with retries), and map the records.

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;

pub mod query;
mod records;

use crate::transport::Method;
use js_sys::Promise;
use wasm_bindgen::prelude::*;
use web_sys::AbortSignal;

use crate::client;
use crate::error::{ErrorCode, Failure, FieldError};
use crate::limiter;
use crate::options::HistoryOptions;
use crate::response::Envelope;
use crate::settings::{ApiKey, CallPlan};
use crate::transport::ApiRequest;
use crate::validate;
use query::{HistoryQuery, Var};

/// The path of the session history endpoint under the API base.
pub const HISTORY_PATH: &str = "/rest/session/history";

#[wasm_bindgen(module = "/js/shared.js")]
extern "C" {
    /// True on a web page: a global `window` and `document` exist.
    #[wasm_bindgen(js_name = onAWebPage)]
    fn on_a_web_page() -> bool;
}

#[wasm_bindgen(module = "/js/results.js")]
extern "C" {
    /// What getSessionHistory resolves with: `{ sessions, raw }`.
    #[wasm_bindgen(js_name = history)]
    fn history_object(sessions: &js_sys::Array, raw: &JsValue) -> JsValue;
}

/// Every problem with a history call's options, or the plan and query.
///
/// # Examples
///
/// ```
/// use takecontrol_session::history::check;
///
/// // The options of `getSessionHistory({})`: the private key is missing.
/// let errors = check(&Default::default(), Vec::new()).unwrap_err();
/// assert_eq!(errors[0].field, "privateKey");
/// assert_eq!(errors[0].message, "privateKey is required");
/// ```
pub fn check(
    options: &HistoryOptions,
    read_errors: Vec<FieldError>,
) -> Result<(CallPlan, HistoryQuery), Vec<FieldError>> {
    let mut errors = read_errors;
    if let Some(error) = validate::key_errors("privateKey", options.call.key.as_deref()) {
        errors.push(error);
    }
    let query = query::build_query(options.vars.as_deref(), &options.filters)
        .map_err(|mut more| errors.append(&mut more))
        .ok();
    let plan = validate::call_plan(&options.call.settings, errors)?;
    // `call_plan` succeeds only when no error was met, so the query is there.
    query.map(|query| (plan, query)).ok_or_else(Vec::new)
}

/// Reads the session history and returns the promise of it; the checks,
/// the web-page guard and the `rateLimit` happen now, before any request.
///
/// # Examples
///
/// ```no_run
/// use takecontrol_session::history::get_session_history;
///
/// // In wasm only: the options of `getSessionHistory({})`, so the promise
/// // rejects with `invalid_options` ("privateKey is required") and sends nothing.
/// let promise = get_session_history(Default::default(), Vec::new());
/// # drop(promise);
/// ```
pub fn get_session_history(options: HistoryOptions, read_errors: Vec<FieldError>) -> Promise {
    let secret = options.call.key.clone().unwrap_or_default();
    match prepare(options, read_errors) {
        Ok((plan, key, query, signal)) => send(plan, key, query, signal, secret),
        Err(failure) => Promise::reject(&failure.into_js(&secret)),
    }
}

/// The checked options of a call: its plan, key, query and signal.
type Prepared = (CallPlan, ApiKey, HistoryQuery, Option<AbortSignal>);

fn prepare(options: HistoryOptions, read_errors: Vec<FieldError>) -> Result<Prepared, Failure> {
    if !options.dangerously_allow_browser && on_a_web_page() {
        return Err(Failure::new(
            ErrorCode::PrivateKeyInBrowser,
            "getSessionHistory needs the account's private key, which must never be on a web page: call it from a server, or pass dangerouslyAllowBrowser: true on an internal page behind your own login",
        ));
    }
    let (plan, query) = check(&options, read_errors).map_err(Failure::from_field_errors)?;
    let key = validate::checked_key(options.call.key);
    if let Some(limit) = plan.rate_limit {
        limiter::take(&plan.bucket(&key), limit)?;
    }
    Ok((plan, key, query, options.call.signal))
}

/// Starts one history call (with its retries); its answer maps the records.
fn send(
    plan: CallPlan,
    key: ApiKey,
    query: HistoryQuery,
    signal: Option<AbortSignal>,
    secret: String,
) -> Promise {
    let mut url = plan.url(HISTORY_PATH);
    url.push_str(&query.query);
    let request = ApiRequest {
        method: Method::Get,
        url,
        key: &key,
        json_body: None,
    };
    let vars = query.vars;
    client::start(
        request,
        &plan,
        signal,
        secret,
        Box::new(move |envelope| read_answer(envelope, &vars)),
    )
}

/// The history a successful answer holds: `{ sessions, raw }`.
fn read_answer(envelope: Envelope, vars: &[&Var]) -> Result<JsValue, Failure> {
    let sessions = records::sessions(&envelope.details, vars).ok_or_else(|| {
        Failure::new(
            ErrorCode::UnexpectedResponse,
            "the API's answer is not the documented shape (details must be an array of records)",
        )
        .with_status(envelope.status)
    })?;
    Ok(history_object(&sessions, &envelope.raw))
}
