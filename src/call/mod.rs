//! The machinery every endpoint shares, knowing no endpoint: an endpoint
//! module reads its options ([`options`]), checks them ([`rules`]) and hands
//! [`start`] a [`Request`] and the function that reads a successful answer.
//! From there a call is the same for all: identical calls in flight joined,
//! the opt-in rate limit (`limiter`), then the attempts, which js/call.js
//! performs (timers, fetch and the abort signal are JS calls) and
//! [`Call::decide`] judges, synchronously, each time one ends: the caller's
//! answer, a `TakeControlError` ([`error`]), or the milliseconds to wait
//! before the next attempt ([`retry`] policy, never past the deadline).

pub mod error;
mod limiter;
pub mod options;
pub mod reply;
pub mod retry;
pub mod rules;

use crate::js::{self, AbortSignal, Date, JsString, Object, Promise};
use alloc::boxed::Box;
use alloc::string::String;
use wasm_bindgen::prelude::*;

use alloc::vec::Vec;
use error::{Failure, FieldError, Problems};
use options::{Options, Ready};
use reply::Envelope;
use wasm_bindgen::JsThreadLocal;

#[wasm_bindgen(module = "/js/call.js")]
extern "C" {
    /// Attempts `method` on `apiBase + path` until `call.decide` says stop;
    /// resolves or rejects with what it said. When `joinable`, the call is
    /// in flight for `findInflight` until it settles.
    #[allow(clippy::too_many_arguments)]
    fn run(
        call: Call,
        api_base: &str,
        path: &str,
        method: &str,
        key: &str,
        body: &JsValue,
        timeout_ms: u32,
        max_retries: u32,
        caller_signal: Option<&AbortSignal>,
        joinable: bool,
    ) -> Promise;

    /// `object[name]`; `undefined` when the read throws.
    fn member(object: &JsValue, name: &str) -> JsValue;
    /// Defines `object[name]` on an object being built (no setter runs).
    fn put(object: &Object, name: &str, value: &JsValue);

    /// The promise of a joinable call in flight that is identical (the
    /// same API base, path, key, body, budgets and signal), if any.
    #[wasm_bindgen(js_name = findInflight)]
    fn find_inflight(
        api_base: &str,
        path: &str,
        key: &str,
        body: &JsValue,
        timeout_ms: u32,
        max_retries: u32,
        signal: Option<&AbortSignal>,
    ) -> Option<Promise>;
}

/// A JS object whose members Rust reads by name, checked once to be an
/// object so that no property of `null` or of a string is ever read.
#[derive(Clone, Copy)]
pub struct Members<'a>(&'a JsValue);

impl<'a> Members<'a> {
    /// `value`'s members; `None` when `value` is not an object.
    pub fn of(value: &'a JsValue) -> Option<Self> {
        value.is_object().then_some(Members(value))
    }

    /// One member (`undefined` when the object has none, or reading it throws).
    pub fn get(self, name: &str) -> JsValue {
        member(self.0, name)
    }
}

/// A plain JS object being built for the caller, one member at a time.
pub struct Built(Object);

impl Default for Built {
    fn default() -> Self {
        Self::new()
    }
}

impl Built {
    /// An empty object.
    pub fn new() -> Self {
        Built(Object::new())
    }

    /// Adds `name: value`.
    pub fn with(self, name: &str, value: &JsValue) -> Self {
        put(&self.0, name, value);
        self
    }

    /// The finished object.
    pub fn done(self) -> JsValue {
        self.0.into()
    }
}

/// The HTTP methods the API uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// `GET` (history).
    Get,
    /// `POST` (create session).
    Post,
}

impl Method {
    fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

/// What an endpoint asks the API for.
pub struct Request {
    /// `GET` or `POST`.
    pub method: Method,
    /// The path under the API base, query included (`/rest/session`).
    pub path: String,
    /// A JSON body, sent with `Content-Type: application/json`.
    pub json_body: Option<JsString>,
    /// Whether an identical call in flight (same key, API base, body,
    /// budgets and signal) is joined instead of sent again: true where a
    /// second request would do something twice (queue a second session
    /// on a double click).
    pub join_identical: bool,
}

/// What an endpoint makes of a successful envelope: the caller's answer.
pub type ReadAnswer = Box<dyn Fn(Envelope) -> Result<JsValue, Failure>>;

/// The promise of `failure`, as a rejected `TakeControlError` from which
/// `secret` (the key the caller gave, checked or not) is redacted.
pub fn reject(failure: Failure, secret: &str) -> Promise {
    Promise::reject(&failure.into_js(secret))
}

/// Starts a checked call: joins an identical one in flight when the request
/// allows it, takes its place under the `rateLimit`, and runs the attempts.
/// The promise resolves with what `read_answer` makes of the envelope, or
/// rejects with a `TakeControlError` (the key redacted).
pub fn start(ready: Ready, request: Request, read_answer: ReadAnswer) -> Promise {
    let Ready { plan, key, signal } = ready;
    let body = request.json_body.map_or(JsValue::UNDEFINED, JsValue::from);
    if request.join_identical {
        if let Some(shared) = find_inflight(
            &plan.api_base,
            &request.path,
            key.expose(),
            &body,
            plan.timeout_ms,
            plan.max_retries,
            signal.as_ref(),
        ) {
            return shared;
        }
    }
    if let Some(limit) = plan.rate_limit {
        if let Err(failure) = limiter::take(&plan.api_base, key.expose(), limit) {
            return reject(failure, key.expose());
        }
    }
    let call = Call {
        read_answer,
        secret: String::from(key.expose()),
        retries_done: 0,
        max_retries: plan.max_retries,
        deadline_ms: Date::now() + f64::from(plan.timeout_ms),
    };
    run(
        call,
        &plan.api_base,
        &request.path,
        request.method.as_str(),
        key.expose(),
        &body,
        plan.timeout_ms,
        plan.max_retries,
        signal.as_ref(),
        request.join_identical,
    )
}

/// A visitor's request (a session, a ticket) as read from its options:
/// the rules it breaks.
pub trait VisitorRequest {
    /// Every rule the request breaks, in option order.
    fn errors(&self) -> Vec<FieldError>;
}

/// What a visitor asks for with the public key, as data: an endpoint's
/// path, its option and wire declarations, the reading of its request and
/// of its answer. [`submit`] and [`check_only`] do the rest, one copy for every
/// endpoint.
pub struct VisitorEndpoint {
    /// The endpoint's path under the API base (`/rest/session`).
    pub path: &'static str,
    /// The endpoint's option declaration, as js/options.js takes it.
    pub declaration: fn() -> &'static JsThreadLocal<JsString>,
    /// The slot of `publicKey` in that declaration.
    pub key_slot: u32,
    /// Its JSON body's members (`"wire_name: optionName, ..."`, in the
    /// API's order), as `Options::json_body` takes them.
    pub wire: fn() -> &'static JsThreadLocal<JsString>,
    /// The request, from its read options.
    pub read: fn(&Options) -> Box<dyn VisitorRequest>,
    /// What the caller gets from a successful answer.
    pub read_answer: fn(Envelope) -> Result<JsValue, Failure>,
}

/// A visitor's request read from `value`, and every problem with it in the
/// order a form shows them: what reading met, the key, the request's own
/// fields (no field twice: one reading already refused is not also
/// "required"), the call settings. The options read and the key as given
/// (for redaction) come along.
fn checked(
    value: &JsValue,
    endpoint: &VisitorEndpoint,
) -> (Result<Ready, Problems>, Options, String) {
    let (options, mut problems) = Options::read(value, (endpoint.declaration)());
    let call = options.call("publicKey", endpoint.key_slot);
    let secret = call.secret();
    let request = (endpoint.read)(&options);
    let mut errors = Vec::new();
    call.check_key(&mut errors);
    errors.append(&mut request.errors());
    problems.add(errors);
    (call.ready_with(problems), options, secret)
}

/// `validateSessionRequest`, `validateTicketRequest`: every problem with
/// `value` as a field error, nothing sent.
pub fn check_only(value: &JsValue, endpoint: &VisitorEndpoint) -> JsValue {
    match checked(value, endpoint).0 {
        Ok(_) => crate::js::Array::new().into(),
        Err(problems) => problems.into_list(),
    }
}

/// `createSession`, `createTicket`: the checks happen now and nothing is
/// sent unless they pass; identical calls in flight share one request (a
/// double click never queues two sessions or files two tickets).
pub fn submit(value: &JsValue, endpoint: &VisitorEndpoint) -> Promise {
    match checked(value, endpoint) {
        (Ok(ready), options, _) => start(
            ready,
            Request {
                method: Method::Post,
                path: String::from(endpoint.path),
                json_body: Some(options.json_body((endpoint.wire)())),
                join_identical: true,
            },
            Box::new(endpoint.read_answer),
        ),
        (Err(problems), _, secret) => reject(Failure::from_problems(problems), &secret),
    }
}

/// One call in progress, as js/call.js holds it (it frees it at the end).
#[wasm_bindgen(skip_typescript)]
pub struct Call {
    read_answer: ReadAnswer,
    /// The key, cut out of every error message.
    secret: String,
    retries_done: u32,
    max_retries: u32,
    deadline_ms: f64,
}

#[wasm_bindgen]
impl Call {
    /// Decides what follows one attempt's `outcome` (see js/call.js's
    /// `send`): returns the answer, a `TakeControlError`, or (a number) the
    /// milliseconds to wait before attempting again.
    #[wasm_bindgen(skip_typescript)]
    pub fn decide(&mut self, outcome: &JsValue) -> JsValue {
        let answer = reply::read(outcome).and_then(|envelope| (self.read_answer)(envelope));
        let failure = match answer {
            Ok(answer) => return answer,
            Err(failure) => failure,
        };
        let delay = retry::delay_ms(
            failure.status,
            self.retries_done,
            self.max_retries,
            failure.retry_after_seconds,
            js::random(),
        );
        match delay {
            Some(ms) if ms < self.deadline_ms - Date::now() => {
                self.retries_done += 1;
                JsValue::from_f64(ms)
            }
            _ => failure.into_js(&self.secret),
        }
    }
}
