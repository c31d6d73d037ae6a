//! Helpers shared by the browser test files: the stand-in's address and
//! admin API, `createSession` / `createTicket` / `getSessionHistory` as JS calls them, and
//! reading JS values. Each test file uses only some of them.

#![allow(dead_code)]

use js_sys::{Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// The stand-in API (`npm test` passes its address at compile time).
pub const MOCK_URL: &str = match option_env!("TAKECONTROL_MOCK_URL") {
    Some(url) => url,
    None => "http://127.0.0.1:8787",
};
/// The stand-in's admin token (`npm test` passes it at compile time): these
/// tests run on another origin, and a page reaches `/__admin/*` only with it.
pub const ADMIN_TOKEN: Option<&str> = option_env!("TAKECONTROL_MOCK_ADMIN_TOKEN");
/// The stand-in's demo public key.
pub const PUBLIC_KEY: &str = "demo-public-key";
/// The stand-in's demo private key.
pub const PRIVATE_KEY: &str = "demo-private-key";

#[wasm_bindgen(inline_js = "
export function isInstance(value, constructor) { return value instanceof constructor; }
export function sleep(ms) { return new Promise((resolve) => setTimeout(resolve, ms)); }
")]
extern "C" {
    /// `value instanceof constructor`.
    #[wasm_bindgen(js_name = isInstance)]
    pub fn is_instance(value: &JsValue, constructor: &JsValue) -> bool;
    /// A promise that resolves after `ms`.
    pub fn sleep(ms: u32) -> js_sys::Promise;
}

/// A promise the package returned, awaited (the package declares its own
/// `Promise` type rather than js-sys's).
async fn awaited(promise: takecontrol_session::js::Promise) -> Result<JsValue, JsValue> {
    JsFuture::from(promise.unchecked_into::<js_sys::Promise>()).await
}

/// `createSession` as JS calls it, awaited.
pub async fn create_session(options: JsValue) -> Result<JsValue, JsValue> {
    awaited(takecontrol_session::create_session(options)).await
}

/// `createTicket` as JS calls it, awaited.
pub async fn create_ticket(options: JsValue) -> Result<JsValue, JsValue> {
    awaited(takecontrol_session::create_ticket(options)).await
}

/// `getSessionHistory` as JS calls it, awaited.
pub async fn get_session_history(options: JsValue) -> Result<JsValue, JsValue> {
    awaited(takecontrol_session::get_session_history(options)).await
}

/// Calls the stand-in's admin API and returns its JSON answer.
pub async fn admin(method: &str, path: &str, body: Option<&str>) -> JsValue {
    let url = format!("{MOCK_URL}/__admin/{path}");
    let mut builder =
        gloo_net::http::RequestBuilder::new(&url).method(method.parse().expect("method"));
    if let Some(token) = ADMIN_TOKEN {
        builder = builder.header("X-Admin-Token", token);
    }
    let response = match body {
        Some(json) => {
            builder
                .header("Content-Type", "application/json")
                .body(json)
                .expect("admin request")
                .send()
                .await
        }
        None => builder.send().await,
    }
    .expect("the stand-in API must be running (npm test starts it)");
    let text = response.text().await.expect("admin body");
    assert!(response.ok(), "admin {path}: {} {text}", response.status());
    JSON::parse(&text).unwrap_or(JsValue::NULL)
}

/// Empties the stand-in's request log, created sessions and faults.
pub async fn reset() {
    admin("POST", "reset", None).await;
}

/// A member of a JS value by a dotted path (`requests.0.computerName`).
pub fn get(value: &JsValue, path: &str) -> JsValue {
    path.split('.').fold(value.clone(), |v, key| {
        if v.is_object() || v.is_function() {
            Reflect::get(&v, &key.into()).unwrap_or(JsValue::UNDEFINED)
        } else {
            JsValue::UNDEFINED
        }
    })
}

/// Options from JSON, with `publicKey` and `apiBase` pointing at the stand-in
/// unless the JSON sets them.
pub fn options(json: &str) -> JsValue {
    let value = JSON::parse(json).expect("test options are JSON");
    for (name, default) in [("publicKey", PUBLIC_KEY), ("apiBase", MOCK_URL)] {
        if !Reflect::has(&value, &name.into()).unwrap_or(false) {
            Reflect::set(&value, &name.into(), &default.into()).expect("set");
        }
    }
    value
}
