//! Cancellation of one call. The caller's `AbortSignal` and the call's
//! deadline (`timeoutMs`, retries and waits included) are merged into one
//! internal `AbortController`, whose signal every fetch, body read and
//! backoff wait of the call watches: a timeout or an abort really cancels
//! the request in flight, it does not just stop waiting for it.

use js_sys::{Date, Function, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal};

use crate::error::{ErrorCode, Failure};

#[wasm_bindgen]
extern "C" {
    // The global timer functions, present in browsers, workers and Node.js.
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &Function, ms: f64) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);
}

/// One call's cancellation state; dropping it clears its timer and listener.
pub struct CallSignal {
    controller: AbortController,
    caller: Option<AbortSignal>,
    deadline_ms: f64,
    timer: JsValue,
    _on_deadline: Closure<dyn FnMut()>,
    on_caller_abort: Option<Closure<dyn FnMut()>>,
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
        let controller = AbortController::new().map_err(|_| {
            Failure::new(
                ErrorCode::Network,
                "this JavaScript environment has no AbortController",
            )
        })?;
        let abort = {
            let controller = controller.clone();
            move || controller.abort()
        };
        let on_deadline = Closure::<dyn FnMut()>::new(abort.clone());
        let timer = set_timeout(on_deadline.as_ref().unchecked_ref(), f64::from(timeout_ms));
        let on_caller_abort = caller.as_ref().map(|signal| {
            let listener = Closure::<dyn FnMut()>::new(abort);
            // An EventTarget that refuses a listener leaves only the deadline.
            let _ =
                signal.add_event_listener_with_callback("abort", listener.as_ref().unchecked_ref());
            listener
        });
        Ok(CallSignal {
            controller,
            caller,
            deadline_ms: Date::now() + f64::from(timeout_ms),
            timer,
            _on_deadline: on_deadline,
            on_caller_abort,
        })
    }

    /// The signal that fetches and waits of this call watch.
    pub fn signal(&self) -> AbortSignal {
        self.controller.signal()
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
        let signal = self.signal();
        let mut wait = |resolve: Function, reject: Function| {
            set_timeout(&resolve, ms);
            let _ = signal.add_event_listener_with_callback("abort", &reject);
        };
        // The promise only rejects on abort, which `cancelled` then explains.
        let _ = JsFuture::from(Promise::new(&mut wait)).await;
        match self.cancelled() {
            Some(failure) => Err(failure),
            None => Ok(()),
        }
    }
}

impl Drop for CallSignal {
    fn drop(&mut self) {
        clear_timeout(&self.timer);
        if let (Some(signal), Some(listener)) = (&self.caller, &self.on_caller_abort) {
            let _ = signal
                .remove_event_listener_with_callback("abort", listener.as_ref().unchecked_ref());
        }
    }
}
