//! One HTTP request over the global `fetch` (browsers, workers, Node.js 18+).
//! The request itself is made by `js/transport.js` (headers, the call's abort
//! signal, a 1 MiB cap on the body): there every step is a JS call, which
//! from Rust would cross the wasm boundary each time. This module turns what
//! that request met into a reply or a [`Failure`]. It knows nothing of Take
//! Control's answers; `response` reads those.

use alloc::string::String;
use js_sys::{JsString, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::cancel::CallSignal;
use crate::error::{ErrorCode, Failure};
use crate::settings::ApiKey;

#[wasm_bindgen(module = "/js/transport.js")]
extern "C" {
    /// What `send` resolved with: a status and body, or a fault.
    type Outcome;
    #[wasm_bindgen(js_name = send)]
    fn send_request(
        url: &str,
        method: &str,
        key: &str,
        body: Option<String>,
        signal: &JsValue,
    ) -> Promise;
    #[wasm_bindgen(method, getter)]
    fn status(this: &Outcome) -> Option<u16>;
    #[wasm_bindgen(method, getter, js_name = retryAfter)]
    fn retry_after(this: &Outcome) -> Option<String>;
    #[wasm_bindgen(method, getter)]
    fn text(this: &Outcome) -> Option<JsString>;
    #[wasm_bindgen(method, getter)]
    fn fault(this: &Outcome) -> Option<u8>;
}

// The faults of js/transport.js.
const NETWORK: u8 = 1;
const BROKEN: u8 = 2;
const TOO_LARGE: u8 = 3;

/// The HTTP methods the API uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// `GET` (history).
    Get,
    /// `POST` (create session).
    Post,
}

/// One request to the API.
pub struct ApiRequest<'a> {
    /// `GET` or `POST`.
    pub method: Method,
    /// The full URL, query included.
    pub url: String,
    /// Sent as the `INTEGRATION-KEY` header.
    pub key: &'a ApiKey,
    /// A JSON body, sent with `Content-Type: application/json`.
    pub json_body: Option<String>,
}

/// A complete HTTP answer, of any status.
pub struct HttpReply {
    /// The HTTP status.
    pub status: u16,
    /// The `Retry-After` header, when there is one.
    pub retry_after: Option<String>,
    /// The body, read whole (at most 1 MiB).
    pub body: JsString,
}

/// Sends `request` under the call's signal and reads the whole answer.
pub async fn send(request: &ApiRequest<'_>, cancel: &CallSignal) -> Result<HttpReply, Failure> {
    let method = match request.method {
        Method::Get => "GET",
        Method::Post => "POST",
    };
    let pending = send_request(
        &request.url,
        method,
        request.key.expose(),
        request.json_body.clone(),
        &cancel.signal(),
    );
    // `send` never rejects; a rejection would mean no fetch at all.
    let outcome: Outcome = JsFuture::from(pending)
        .await
        .unwrap_or(JsValue::UNDEFINED)
        .into();
    let status = outcome.status();
    let fault = match (status, outcome.text()) {
        (Some(status), Some(body)) if outcome.fault().is_none() => {
            return Ok(HttpReply {
                status,
                retry_after: outcome.retry_after(),
                body,
            })
        }
        _ => outcome.fault().unwrap_or(NETWORK),
    };
    let failure = match fault {
        TOO_LARGE => Failure::new(
            ErrorCode::UnexpectedResponse,
            "the API answered with a body larger than 1 MiB",
        ),
        BROKEN | NETWORK => cancel.cancelled().unwrap_or_else(|| {
            Failure::new(
                ErrorCode::Network,
                if status.is_some() {
                    "the connection broke while the API's answer was being read"
                } else {
                    "could not reach the API: the network is down, the address is wrong, or the browser refused the answer (CORS)"
                },
            )
        }),
        _ => Failure::new(
            ErrorCode::UnexpectedResponse,
            "the API's answer is not UTF-8 text",
        ),
    };
    Err(match status {
        Some(status) => failure.with_status(status),
        None => failure,
    })
}
