//! Cancellation of one call. The caller's `AbortSignal` and the call's
//! deadline (`timeoutMs`, retries and waits included) are merged into one
//! internal `AbortController`, whose signal every fetch, body read and
//! backoff wait of the call watches: a timeout or an abort really cancels
//! the request in flight, it does not just stop waiting for it.

use js_sys::{Date, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortSignal;

use crate::error::{ErrorCode, Failure};

#[wasm_bindgen(module = "/js/cancel.js")]
extern "C" {
    /// A started call: its merged signal, and `finish()`.
    type CallHandle;
    #[wasm_bindgen(catch, js_name = startCall)]
    fn start_call(timeout_ms: u32, caller: Option<&AbortSignal>) -> Result<CallHandle, JsValue>;
    #[wasm_bindgen(method, getter)]
    fn signal(this: &CallHandle) -> AbortSignal;
    #[wasm_bindgen(method)]
    fn finish(this: &CallHandle);
    #[wasm_bindgen(js_name = sleep)]
    fn sleep_until(ms: f64, signal: &AbortSignal) -> Promise;
}

/// One call's cancellation state; dropping it clears its timer and listener.
pub struct CallSignal {
    handle: CallHandle,
    caller: Option<AbortSignal>,
    deadline_ms: f64,
}

fn aborted_failure() -> Failure {
    Failure::new(
        ErrorCode::Aborted,
        "the call was aborted by its AbortSignal",
    )
}

impl CallSignal {
    /// Starts the clock for a call of at most `timeout_ms`, linked to the
    /// caller's signal. Fails with `aborted` if that signal already fired.
    pub fn start(timeout_ms: u32, caller: Option<AbortSignal>) -> Result<CallSignal, Failure> {
        if caller.as_ref().is_some_and(AbortSignal::aborted) {
            return Err(aborted_failure());
        }
        let handle = start_call(timeout_ms, caller.as_ref()).map_err(|_| {
            Failure::new(
                ErrorCode::Network,
                "this JavaScript environment has no AbortController or setTimeout",
            )
        })?;
        Ok(CallSignal {
            handle,
            caller,
            deadline_ms: Date::now() + f64::from(timeout_ms),
        })
    }

    /// The signal that fetches and waits of this call watch.
    pub fn signal(&self) -> AbortSignal {
        self.handle.signal()
    }

    /// Milliseconds left before the deadline.
    pub fn remaining_ms(&self) -> f64 {
        self.deadline_ms - Date::now()
    }

    /// If the call has been cancelled, why: `aborted` when the caller's
    /// signal fired, otherwise `timeout`.
    pub fn cancelled(&self) -> Option<Failure> {
        if self.caller.as_ref().is_some_and(AbortSignal::aborted) {
            Some(aborted_failure())
        } else if self.signal().aborted() {
            Some(Failure::new(
                ErrorCode::Timeout,
                "no complete answer from the API within timeoutMs",
            ))
        } else {
            None
        }
    }

    /// Waits `ms` milliseconds, or less if the call is cancelled meanwhile.
    pub async fn sleep(&self, ms: f64) -> Result<(), Failure> {
        if let Some(failure) = self.cancelled() {
            return Err(failure);
        }
        // The wait only rejects on abort, which `cancelled` then explains.
        let _ = JsFuture::from(sleep_until(ms, &self.signal())).await;
        match self.cancelled() {
            Some(failure) => Err(failure),
            None => Ok(()),
        }
    }
}

impl Drop for CallSignal {
    fn drop(&mut self) {
        self.handle.finish();
    }
}
