//! One HTTP request over the global `fetch` (browsers, workers, Node.js 18+):
//! the headers, the call's abort signal, and a cap on how much of the body
//! is read (the stream is cancelled past it). It knows nothing of Take
//! Control's answers; `response` reads those.

use alloc::string::String;
use alloc::vec::Vec;
use js_sys::{JsString, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Headers, RequestInit, Response};

use crate::cancel::CallSignal;
use crate::error::{ErrorCode, Failure};
use crate::settings::ApiKey;
use crate::text::parse_decimal;

/// The most bytes of a response body the client reads; more is refused as
/// `unexpected_response` (the documented answers are a few hundred bytes).
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

#[wasm_bindgen]
extern "C" {
    // The global fetch, not `window.fetch`, so that Node.js and workers work.
    // `fetch(url, init)`, not `fetch(new Request(...))`: building a Request
    // first makes fetch copy it (and its signal) again, on every call.
    #[wasm_bindgen(catch, js_name = fetch)]
    fn global_fetch(url: &str, init: &RequestInit) -> Result<JsValue, JsValue>;

    /// A response body (`ReadableStream`).
    type BodyStream;
    #[wasm_bindgen(method, catch, js_name = getReader)]
    fn get_reader(this: &BodyStream) -> Result<BodyReader, JsValue>;

    /// The reader of a response body (`ReadableStreamDefaultReader`).
    type BodyReader;
    #[wasm_bindgen(method, catch)]
    fn read(this: &BodyReader) -> Result<Promise, JsValue>;
    #[wasm_bindgen(method, catch)]
    fn cancel(this: &BodyReader) -> Result<Promise, JsValue>;
}

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

/// What came back: the status, `Retry-After` if the browser let us read it,
/// and the body as text.
pub struct HttpReply {
    /// The HTTP status.
    pub status: u16,
    /// The `Retry-After` header, when present and exposed by CORS.
    pub retry_after: Option<String>,
    /// The body, at most [`MAX_BODY_BYTES`], as a JS string (never copied
    /// into wasm memory on the usual path).
    pub body: JsString,
}

fn network_failure() -> Failure {
    Failure::new(
        ErrorCode::Network,
        "could not reach the API: the network is down, the address is wrong, or the browser refused the answer (CORS)",
    )
}

fn unexpected(status: u16, message: &'static str) -> Failure {
    Failure::new(ErrorCode::UnexpectedResponse, message).with_status(status)
}

/// The `fetch` options for `request`, linked to the call's signal.
fn build(request: &ApiRequest<'_>, cancel: &CallSignal) -> Result<RequestInit, JsValue> {
    let headers = Headers::new()?;
    headers.set("INTEGRATION-KEY", request.key.expose())?;
    headers.set("Accept", "application/json")?;
    let init = RequestInit::new();
    init.set_method(match request.method {
        Method::Get => "GET",
        Method::Post => "POST",
    });
    if let Some(body) = &request.json_body {
        headers.set("Content-Type", "application/json")?;
        init.set_body(&JsValue::from_str(body));
    }
    init.set_headers(&headers);
    init.set_signal(Some(&cancel.signal()));
    Ok(init)
}

/// Why reading the body failed: the call was cancelled, or the connection broke.
/// A timeout or an abort while the body is read still carries the status
/// that had arrived.
fn broken_body(status: u16, cancel: &CallSignal) -> Failure {
    cancel
        .cancelled()
        .unwrap_or_else(|| {
            Failure::new(
                ErrorCode::Network,
                "the connection broke while the API's answer was being read",
            )
        })
        .with_status(status)
}

fn too_large(status: u16) -> Failure {
    unexpected(status, "the API answered with a body larger than 1 MiB")
}

/// Reads a body whose declared length is within the cap, as text.
async fn read_text(
    response: &Response,
    status: u16,
    cancel: &CallSignal,
) -> Result<JsString, Failure> {
    let text = response.text().map_err(|_| broken_body(status, cancel))?;
    let text = JsFuture::from(text)
        .await
        .map_err(|_| broken_body(status, cancel))?;
    text.dyn_into::<JsString>()
        .map_err(|_| broken_body(status, cancel))
}

/// Reads a body stream to the end, or fails once it passes [`MAX_BODY_BYTES`]
/// (then the stream is cancelled: no more is downloaded).
async fn read_capped(
    response: &Response,
    status: u16,
    cancel: &CallSignal,
) -> Result<Vec<u8>, Failure> {
    let broken = || broken_body(status, cancel);
    let stream = Reflect::get(response, &JsValue::from_str("body")).map_err(|_| broken())?;
    if stream.is_null() || stream.is_undefined() {
        return Ok(Vec::new());
    }
    let reader = stream
        .unchecked_into::<BodyStream>()
        .get_reader()
        .map_err(|_| broken())?;
    let mut bytes = Vec::new();
    loop {
        let next = reader.read().map_err(|_| broken())?;
        let chunk = JsFuture::from(next).await.map_err(|_| broken())?;
        let done = Reflect::get(&chunk, &JsValue::from_str("done")).map_err(|_| broken())?;
        if done.is_truthy() {
            return Ok(bytes);
        }
        let value = Reflect::get(&chunk, &JsValue::from_str("value")).map_err(|_| broken())?;
        let Some(part) = value.dyn_ref::<Uint8Array>() else {
            return Err(unexpected(
                status,
                "the API's answer could not be read as bytes",
            ));
        };
        if bytes.len() + part.length() as usize > MAX_BODY_BYTES {
            if let Ok(cancelled) = reader.cancel() {
                // Nothing to wait for: the rest of the body is simply dropped.
                drop(JsFuture::from(cancelled));
            }
            return Err(too_large(status));
        }
        bytes.extend_from_slice(&part.to_vec());
    }
}

/// Sends one request and reads the whole answer, or fails with `network`,
/// `timeout`, `aborted` or `unexpected_response` (a body too large or not text).
pub async fn send(request: &ApiRequest<'_>, cancel: &CallSignal) -> Result<HttpReply, Failure> {
    let init = build(request, cancel).map_err(|_| network_failure())?;
    let returned = global_fetch(&request.url, &init).map_err(|_| network_failure())?;
    let response = JsFuture::from(Promise::resolve(&returned))
        .await
        .map_err(|_| cancel.cancelled().unwrap_or_else(network_failure))?;
    let response: Response = response.dyn_into().map_err(|_| network_failure())?;
    let status = response.status();
    let headers = response.headers();
    let retry_after = headers.get("retry-after").ok().flatten();
    let declared = headers
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|length| parse_decimal(length.trim()));
    let body = match declared {
        // A declared length within the cap: fetch will not read past it, so
        // the body can be read whole, as a JS string.
        Some(length) if length <= MAX_BODY_BYTES as f64 => {
            read_text(&response, status, cancel).await?
        }
        Some(_) => return Err(too_large(status)),
        // No length (chunked): read the stream, counting, and stop at the cap.
        None => {
            let bytes = read_capped(&response, status, cancel).await?;
            let text = String::from_utf8(bytes)
                .map_err(|_| unexpected(status, "the API's answer is not UTF-8 text"))?;
            JsString::from(text)
        }
    };
    Ok(HttpReply {
        status,
        retry_after,
        body,
    })
}
