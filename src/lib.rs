//! # takecontrol-session
//!
//! Ask N-able Take Control for a remote support session from a help-desk web
//! page. This file holds only the JS-facing surface; each export reads its
//! options, calls into the modules below and converts failures into
//! `TakeControlError`.
//!
//! Data flows one way: `options` (JS object to typed values) -> `validate`
//! (rules) -> `session` (wire body) -> `client` (`retry` decisions around the
//! attempts of js/call.js, read by `transport`) -> `response` (envelope) -> `session` (result), or
//! `error` -> `TakeControlError`.

#![cfg_attr(not(feature = "std"), no_std)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

extern crate alloc;

/// The shipped build has no `std`: lol_alloc's free-list allocator (0.5 KB
/// of code where dlmalloc took 6.1 KB; memory stays flat over 10,000 calls,
/// see tests/node/memory.test.mjs), and a panic (none is reachable by design)
/// traps at once instead of formatting a message nobody would see.
#[cfg(all(not(feature = "std"), target_arch = "wasm32"))]
mod no_std_runtime {
    use lol_alloc::{AssumeSingleThreaded, FreeListAllocator};

    // SAFETY: the module runs on one thread: the package is built without
    // the `atomics` target feature, so wasm threads cannot share this memory.
    #[global_allocator]
    static ALLOCATOR: AssumeSingleThreaded<FreeListAllocator> =
        unsafe { AssumeSingleThreaded::new(FreeListAllocator::new()) };

    #[panic_handler]
    fn panic(_: &core::panic::PanicInfo) -> ! {
        core::arch::wasm32::unreachable()
    }
}

mod client;
mod create;
mod dates;
mod dedupe;
pub mod error;
mod fields;
pub mod history;
mod limiter;
mod options;
mod response;
pub mod retry;
pub mod session;
pub mod settings;
mod text;
mod transport;
mod typescript;
pub mod validate;

use wasm_bindgen::prelude::*;

/// Asks Take Control for a remote support session and resolves with the
/// visitor's place in the queue.
///
/// `options` is a JS object: `publicKey` (required), `apiBase`, the visitor's
/// `customerName`, `customerEmail`, `customerNumber`, `problemDescription`,
/// `departmentId`, `technicianUsername`, `language`, `askCustomerInfo`,
/// `showWaitingQueue`, and `timeoutMs`, `signal`, `maxRetries`. Every failure
/// rejects with a `TakeControlError`.
///
/// ```js
/// const session = await createSession({ publicKey, customerName: "Ada" });
/// console.log(session.queueLength, session.requests[0].waitingMinutes);
/// ```
#[wasm_bindgen(js_name = createSession, unchecked_return_type = "Promise<Session>")]
pub fn create_session(
    #[wasm_bindgen(unchecked_param_type = "CreateSessionOptions")] options: JsValue,
) -> js_sys::Promise {
    let (options, read_errors) = options::read_session_options(&options);
    create::create_session(options, read_errors)
}

/// Checks `createSession` options without sending anything, and returns every
/// problem as `{ field, message }` (an empty array when the options are valid).
/// The same rules `createSession` applies, so a form and the call agree.
///
/// ```js
/// validateSessionRequest({ publicKey, customerEmail: "nope" });
/// // [{ field: "customerEmail", message: "customerEmail must be an email address such as name@example.com" }]
/// ```
#[wasm_bindgen(js_name = validateSessionRequest, unchecked_return_type = "FieldError[]")]
pub fn validate_session_request(
    #[wasm_bindgen(unchecked_param_type = "CreateSessionOptions")] options: JsValue,
) -> JsValue {
    let (options, read_errors) = options::read_session_options(&options);
    let errors = create::check(&options, read_errors)
        .err()
        .unwrap_or_default();
    let list = js_sys::Array::new();
    for error in &errors {
        list.push(&error.to_js());
    }
    list.into()
}

/// Reads the history of support sessions, with the account's **private** key:
/// for servers, scripts and internal dashboards, never a public page.
///
/// `options`: `privateKey` (required), `vars` (documented var names; default
/// a useful set), `filters` (`id`, `dateStartFrom`, `dateStartTo`,
/// `customerName`, `customerEmail`, `computerName`, `techUsername`,
/// `startMethod`, `processed`, `hasVideos`), `dangerouslyAllowBrowser`, and
/// `apiBase`, `timeoutMs`, `signal`, `maxRetries` as for `createSession`.
///
/// ```js
/// const { sessions } = await getSessionHistory({ privateKey, filters: { hasVideos: true } });
/// for (const s of sessions) console.log(s.id, s.customerName, s.dateStart.toISOString());
/// ```
#[wasm_bindgen(js_name = getSessionHistory, unchecked_return_type = "Promise<SessionHistory>")]
pub fn get_session_history(
    #[wasm_bindgen(unchecked_param_type = "SessionHistoryOptions")] options: JsValue,
) -> js_sys::Promise {
    let (options, read_errors) = options::read_history_options(&options);
    history::get_session_history(options, read_errors)
}
