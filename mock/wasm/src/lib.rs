//! takecontrol-mock-wasm: the stand-in's core ([`takecontrol_mock_core`])
//! for JavaScript, as the npm package `takecontrol-mock` loads it.
//!
//! It only converts: JS values in, the core's [`Step`] out as plain JS
//! objects. Reading requests, timers, sockets and files are the Node
//! layer's (`mock/npm/`). A step comes back as
//!
//! - `{ kind: "answer", status, headers: [[name, value], ...], body: Uint8Array,
//!   action: "send" | "stall", afterBytes }` (`afterBytes` with `"stall"` only), or
//! - `{ kind: "delay", ms, pending }`, where `pending` is a [`PendingAnswer`]
//!   to pass to [`Core::resume`] once `ms` have passed, or to
//!   [`PendingAnswer::cut_short`] if the shell stops first (or to `free()`
//!   if the client left: the request is then never handled).
//!
//! Keys never appear in an error message.

#![warn(missing_docs)]
// Nothing JS can call may panic.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::unreachable,
        clippy::todo
    )
)]

use js_sys::{Array, Object, Reflect, Uint8Array};
use takecontrol_mock_core::{
    fixture, Action, Config, Exchange, Pending, Request, StandIn, Step, Transport,
};
use wasm_bindgen::prelude::*;

/// The stand-in: its keys, sessions, request log and faults.
#[wasm_bindgen]
pub struct Core {
    inner: StandIn,
    fixture_records: usize,
}

#[wasm_bindgen]
impl Core {
    /// A stand-in with these keys, this admin token (`X-Admin-Token` over
    /// HTTP; none: no token matches) and, when given, the fixture's records
    /// (JSON text, an array of records as the native binary reads it).
    /// With `recent_now_ms`, the fixture's dates move by whole days so that
    /// its newest session started the day before that time.
    ///
    /// Fails, naming no key, when a key is empty, the two are equal, or
    /// the fixture is not valid.
    #[wasm_bindgen(constructor)]
    pub fn new(
        public_key: String,
        private_key: String,
        fixture_json: Option<String>,
        recent_now_ms: Option<f64>,
        admin_token: Option<String>,
    ) -> Result<Core, JsError> {
        if public_key.is_empty() || private_key.is_empty() {
            return Err(JsError::new("the keys must not be empty"));
        }
        if public_key == private_key {
            return Err(JsError::new("the public and private keys must differ"));
        }
        let mut records = match fixture_json {
            Some(text) => fixture::parse(&text).map_err(|e| JsError::new(&e))?,
            None => Vec::new(),
        };
        if let Some(now_ms) = recent_now_ms {
            fixture::shift_to_recent(&mut records, to_u64(now_ms) / 1000);
        }
        let fixture_records = records.len();
        let config = Config {
            public_key,
            private_key,
            fixture: records,
            admin_token,
        };
        Ok(Core {
            inner: StandIn::new(config),
            fixture_records,
        })
    }

    /// How many records the fixture preloaded.
    #[wasm_bindgen(getter, js_name = fixtureRecords)]
    pub fn fixture_records(&self) -> usize {
        self.fixture_records
    }

    /// How many body bytes to read before [`Core::handle`]: at most this
    /// many (a longer or unreadable body is passed as `undefined`), or
    /// `undefined` to read none. `headers` as for [`Core::handle`].
    #[wasm_bindgen(js_name = bodyToRead)]
    pub fn body_to_read(
        &self,
        method: String,
        path: String,
        headers: Vec<String>,
    ) -> Option<usize> {
        request(method, path, String::new(), headers, None).body_to_read()
    }

    /// Replaces the admin token (`undefined`: no token matches).
    #[wasm_bindgen(js_name = setAdminToken)]
    pub fn set_admin_token(&mut self, token: Option<String>) {
        self.inner.set_admin_token(token.as_deref());
    }

    /// The step for a request received at `now_ms` (milliseconds since the
    /// Unix epoch). `headers` is flat: name, value, name, value, ... (names
    /// in any case; a repeated header appears twice); `body` is the body as
    /// [`Core::body_to_read`] allowed, or `undefined`. `in_process`: the
    /// request came through the package's `fetch`, not over HTTP (no
    /// `Host` or admin checks).
    #[allow(clippy::too_many_arguments)]
    pub fn handle(
        &mut self,
        method: String,
        path: String,
        query: String,
        headers: Vec<String>,
        body: Option<Vec<u8>>,
        now_ms: f64,
        in_process: bool,
    ) -> Object {
        let mut request = request(method, path, query, headers, body);
        if in_process {
            request.transport = Transport::InProcess;
        }
        match self.inner.handle(request, to_u64(now_ms)) {
            Step::Answer(exchange) => answer(exchange),
            Step::Delay { ms, pending } => {
                let step = Object::new();
                set(&step, "kind", &"delay".into());
                set(&step, "ms", &JsValue::from_f64(ms as f64));
                set(&step, "pending", &PendingAnswer { inner: pending }.into());
                step
            }
        }
    }

    /// The answer for a request the shell could not get one for (a core
    /// that trapped, made afresh): a 500 `"answer"` step.
    pub fn failed(&self, method: String, path: String, headers: Vec<String>) -> Object {
        answer(StandIn::failed(&request(
            method,
            path,
            String::new(),
            headers,
            None,
        )))
    }

    /// The answer to a delayed request, its delay over at `now_ms`.
    pub fn resume(&mut self, pending: PendingAnswer, now_ms: f64) -> Object {
        answer(self.inner.resume(pending.inner, to_u64(now_ms)))
    }
}

/// A request waiting for an injected delay; see [`Core::resume`].
#[wasm_bindgen]
pub struct PendingAnswer {
    inner: Pending,
}

#[wasm_bindgen]
impl PendingAnswer {
    /// The answer when the shell stops during the delay (503 `server
    /// shutting down`), as an `"answer"` step.
    #[wasm_bindgen(js_name = cutShort)]
    pub fn cut_short(self) -> Object {
        answer(self.inner.cut_short())
    }
}

/// The core's request from what JS passes (names lower-cased as the core
/// expects; an odd last header name without a value is left out).
fn request(
    method: String,
    path: String,
    query: String,
    headers: Vec<String>,
    body: Option<Vec<u8>>,
) -> Request {
    let mut pairs = Vec::with_capacity(headers.len() / 2);
    let mut flat = headers.into_iter();
    while let (Some(name), Some(value)) = (flat.next(), flat.next()) {
        pairs.push((name.to_ascii_lowercase(), value));
    }
    Request {
        method,
        path,
        query,
        headers: pairs,
        body,
        transport: Transport::Http,
    }
}

/// An `"answer"` step.
fn answer(exchange: Exchange) -> Object {
    let Exchange { response, action } = exchange;
    let step = Object::new();
    set(&step, "kind", &"answer".into());
    set(&step, "status", &JsValue::from(response.status));
    let headers = Array::new();
    for (name, value) in &response.headers {
        headers.push(&Array::of2(&name.into(), &value.into()));
    }
    set(&step, "headers", &headers);
    set(&step, "body", &Uint8Array::from(response.body.as_slice()));
    match action {
        Action::Send => set(&step, "action", &"send".into()),
        Action::Stall { after_bytes } => {
            set(&step, "action", &"stall".into());
            set(&step, "afterBytes", &JsValue::from_f64(after_bytes as f64));
        }
    }
    step
}

/// Sets a property of a plain object we just made (which cannot fail).
fn set(object: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(object, &key.into(), value);
}

/// A JS time in ms as the core's: negative or NaN is 0, beyond the range saturates.
fn to_u64(ms: f64) -> u64 {
    // `as` from a float saturates and maps NaN to 0.
    ms as u64
}
