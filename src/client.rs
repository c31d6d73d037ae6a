//! One API call from start to finish, for every endpoint: the attempts, the
//! waits between them and the time budget. The waiting is done by js/call.js
//! (timers, fetch and the abort signal are JS calls); every decision is taken
//! here, synchronously, each time an attempt ends: `Call::read` turns what it
//! met into the caller's answer, a `TakeControlError`, or the milliseconds to
//! wait before the next attempt (`retry` policy, never past the deadline).

use alloc::boxed::Box;
use alloc::string::String;
use js_sys::{Date, Math, Promise};
use wasm_bindgen::prelude::*;
use web_sys::AbortSignal;

use crate::error::Failure;
use crate::response::{read_envelope, Envelope};
use crate::retry;
use crate::settings::CallPlan;
use crate::transport::{self, ApiRequest};

#[wasm_bindgen(module = "/js/call.js")]
extern "C" {
    /// Attempts until `call.read` says stop; resolves or rejects with what it said.
    fn run(
        call: Call,
        url: &str,
        method: &str,
        key: &str,
        body: Option<&str>,
        timeout_ms: u32,
        signal: Option<AbortSignal>,
    ) -> Promise;
}

/// What an endpoint makes of a successful envelope: the caller's answer.
pub type ReadAnswer = Box<dyn Fn(Envelope) -> Result<JsValue, Failure>>;

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
    /// Reads what one attempt met: returns the answer, a `TakeControlError`,
    /// or (a number) the milliseconds to wait before attempting again.
    #[wasm_bindgen(skip_typescript)]
    pub fn read(&mut self, outcome: &JsValue) -> JsValue {
        let answer = transport::reply(outcome)
            .and_then(read_envelope)
            .and_then(|envelope| (self.read_answer)(envelope));
        let failure = match answer {
            Ok(answer) => return answer,
            Err(failure) => failure,
        };
        let delay = retry::delay_ms(
            failure.status,
            self.retries_done,
            self.max_retries,
            failure.retry_after_seconds,
            Math::random(),
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

/// Starts `request` under `plan`: retries a 429 or 503 while the retry and
/// time budgets allow, and never waits past the deadline. The promise
/// resolves with what `read_answer` makes of the envelope, or rejects with a
/// `TakeControlError` from which `secret` is redacted.
pub fn start(
    request: ApiRequest<'_>,
    plan: &CallPlan,
    signal: Option<AbortSignal>,
    secret: String,
    read_answer: ReadAnswer,
) -> Promise {
    let call = Call {
        read_answer,
        secret,
        retries_done: 0,
        max_retries: plan.max_retries,
        deadline_ms: Date::now() + f64::from(plan.timeout_ms),
    };
    run(
        call,
        &request.url,
        request.method.as_str(),
        request.key.expose(),
        request.json_body.as_deref(),
        plan.timeout_ms,
        signal,
    )
}
