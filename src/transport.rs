//! One HTTP request over the global `fetch` (browsers, workers, Node.js 18+):
//! the headers, the call's abort signal, and a cap on what is read back.
//! It knows nothing of Take Control's answers; `response` reads those.

use gloo_net::http::{Method, RequestBuilder};
use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::cancel::CallSignal;
use crate::error::{ErrorCode, Failure};
use crate::settings::ApiKey;

/// The most bytes of a response body the client reads; more is refused as
/// `unexpected_response` (the documented answers are a few hundred bytes).
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

#[wasm_bindgen]
extern "C" {
    // The global fetch, not `window.fetch`, so that Node.js and workers work.
    #[wasm_bindgen(catch, js_name = fetch)]
    fn global_fetch(request: &web_sys::Request) -> Result<JsValue, JsValue>;
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

/// What came back: the status, `Retry-After` if the browser let us read it,
/// and the body as text.
pub struct HttpReply {
    /// The HTTP status.
    pub status: u16,
    /// The `Retry-After` header, when present and exposed by CORS.
    pub retry_after: Option<String>,
    /// The body, at most [`MAX_BODY_BYTES`].
    pub body: String,
}

fn network_failure() -> Failure {
    Failure::new(
        ErrorCode::Network,
        "could not reach the API: the network is down, the address is wrong, or the browser refused the answer (CORS)",
    )
}

fn too_large(status: u16) -> Failure {
    Failure::new(
        ErrorCode::UnexpectedResponse,
        "the API answered with a body larger than 1 MiB",
    )
    .with_status(status)
}

/// Sends one request and reads the whole answer, or fails with `network`,
/// `timeout`, `aborted` or `unexpected_response` (a body too large).
pub async fn send(request: &ApiRequest<'_>, cancel: &CallSignal) -> Result<HttpReply, Failure> {
    let signal = cancel.signal();
    let builder = RequestBuilder::new(&request.url)
        .method(request.method.clone())
        .header("INTEGRATION-KEY", request.key.expose())
        .header("Accept", "application/json")
        .abort_signal(Some(&signal));
    let built = match &request.json_body {
        Some(body) => builder
            .header("Content-Type", "application/json")
            .body(body.as_str()),
        None => builder.build(),
    }
    .map_err(|_| network_failure())?;
    let raw_request: web_sys::Request = built.into();

    let returned = global_fetch(&raw_request).map_err(|_| network_failure())?;
    let response = JsFuture::from(Promise::resolve(&returned))
        .await
        .map_err(|_| cancel.cancelled().unwrap_or_else(network_failure))?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| network_failure())?;
    let response = gloo_net::http::Response::from(response);

    let status = response.status();
    let headers = response.headers();
    let declared_length = headers
        .get("content-length")
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared_length.is_some_and(|n| n > MAX_BODY_BYTES as u64) {
        return Err(too_large(status));
    }
    let retry_after = headers.get("retry-after");
    let body = response.text().await.map_err(|_| {
        cancel.cancelled().unwrap_or_else(|| {
            Failure::new(
                ErrorCode::Network,
                "the connection broke while the API's answer was being read",
            )
            .with_status(status)
        })
    })?;
    if body.len() > MAX_BODY_BYTES {
        return Err(too_large(status));
    }
    Ok(HttpReply {
        status,
        retry_after,
        body,
    })
}
