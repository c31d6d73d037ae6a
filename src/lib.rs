//! # takecontrol-session
//!
//! Ask N-able Take Control for a remote support session from a help-desk web
//! page. This file is the export list: each export hands the caller's
//! options to its endpoint's module (`session`, `history`), which holds
//! everything that is that endpoint's (options, rules, wire form, answer)
//! and makes the call with the machinery every endpoint shares (`call`:
//! option reading, call settings and key, rules, retry policy, reading a
//! reply, errors). ARCHITECTURE.md follows one call through them.

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]
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

/// The shipped build has no `std`: lol_alloc's free-list allocator (about
/// 0.5 KB of code, a tenth of dlmalloc's; memory stays flat over 10,000
/// calls, see tests/node/memory.test.mjs), and a panic (none is reachable by
/// design) traps at once rather than format a message nobody would see.
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

mod bytes;
#[doc(hidden)]
pub mod call;
mod dates;
#[cfg(feature = "history")]
#[doc(hidden)]
pub mod history;
#[doc(hidden)]
pub mod js;
mod numbers;
mod session;
mod ticket;

#[doc(hidden)]
pub use call::error::error_class;

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
#[wasm_bindgen(js_name = createSession, skip_typescript)]
pub fn create_session(options: JsValue) -> js::Promise {
    call::submit(&options, &session::ENDPOINT)
}

/// Checks `createSession` options without sending anything, and returns every
/// problem as `{ field, message }` (an empty array when the options are valid).
/// The same rules `createSession` applies, so a form and the call agree.
///
/// ```js
/// validateSessionRequest({ publicKey, customerEmail: "nope" });
/// // [{ field: "customerEmail", message: "customerEmail must be an email address such as name@example.com" }]
/// ```
#[wasm_bindgen(js_name = validateSessionRequest, skip_typescript)]
pub fn validate_session_request(options: JsValue) -> JsValue {
    call::check_only(&options, &session::ENDPOINT)
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
#[cfg(feature = "history")]
#[wasm_bindgen(js_name = getSessionHistory, skip_typescript)]
pub fn get_session_history(options: JsValue) -> js::Promise {
    history::get(&options)
}

/// Files a deferred support request (a ticket) with the account's **public**
/// key: for help that can wait, a technician picks it up later and the
/// customer hears by email. Resolves with `{ ticketNumber, raw }`.
///
/// `options`: `publicKey`, `agentId` (the agent's id: a positive whole
/// number, or a string of its digits), `customerName`, `customerEmail` and
/// `problemDescription` (all required), and `apiBase`, `timeoutMs`,
/// `signal`, `maxRetries`, `rateLimit` as for `createSession`.
///
/// ```js
/// const { ticketNumber } = await createTicket({ publicKey, agentId: 1234567891011, customerName, customerEmail, problemDescription });
/// ```
#[wasm_bindgen(js_name = createTicket, skip_typescript)]
pub fn create_ticket(options: JsValue) -> js::Promise {
    call::submit(&options, &ticket::ENDPOINT)
}

/// Checks `createTicket` options without sending anything, and returns every
/// problem as a field error (an empty array when the options are valid).
///
/// ```js
/// validateTicketRequest({ publicKey, agentId: 0 });
/// // [{ field: "agentId", reason: "out_of_range", limit: 1, ... }, { field: "customerName", reason: "required", ... }, ...]
/// ```
#[wasm_bindgen(js_name = validateTicketRequest, skip_typescript)]
pub fn validate_ticket_request(options: JsValue) -> JsValue {
    call::check_only(&options, &ticket::ENDPOINT)
}
