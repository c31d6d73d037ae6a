//! Single flight for `createSession`: identical calls (same key, API base,
//! options and signal) that overlap in time share one request and one
//! result, so a visitor's double click never queues two sessions. Calls
//! that differ in anything are never merged; once a call settles, the next
//! identical one sends again. The registry is page-wide (js/shared.js).

use alloc::string::String;
use js_sys::{JsString, Promise};
use wasm_bindgen::prelude::*;
use web_sys::AbortSignal;

#[wasm_bindgen(module = "/js/shared.js")]
extern "C" {
    /// The promise of the identical call in flight with the same signal, if any.
    #[wasm_bindgen(js_name = findInflight)]
    pub fn find_inflight(identity: &JsString, signal: Option<&AbortSignal>) -> Option<Promise>;
    /// Registers `promise` as the call in flight for `identity` until it settles.
    #[wasm_bindgen(js_name = trackInflight)]
    pub fn track_inflight(identity: &JsString, signal: Option<&AbortSignal>, promise: &Promise);
}

/// What makes two calls identical, as the JS string the registry keys on
/// (made once per call): every part, joined with a separator no part can
/// hold unescaped (a NUL).
pub fn identity(parts: &[&str]) -> JsString {
    JsString::from(joined(parts))
}

/// The parts joined, each followed by a NUL.
fn joined(parts: &[&str]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|p| p.len() + 1).sum());
    for part in parts {
        out.push_str(part);
        out.push('\0');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identities_differ_when_any_part_differs() {
        assert_eq!(joined(&["a", "b"]), joined(&["a", "b"]));
        assert_ne!(joined(&["a", "b"]), joined(&["a", "c"]));
        assert_ne!(joined(&["ab", ""]), joined(&["a", "b"]));
    }
}
