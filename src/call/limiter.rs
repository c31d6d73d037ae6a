//! Client-side rate limiting (opt-in `rateLimit: { requests, perSeconds }`),
//! as the API's documentation asks of callers. The decision is pure Rust; the
//! start times it counts live in a page-wide JS store (js/call.js), one
//! window per key and API base, shared by every call on the page, which
//! hands them over oldest first with those older than the window forgotten.

use crate::js::{Array, Date};
use wasm_bindgen::prelude::*;

use super::error::{ErrorCode, Failure};

/// At most `requests` calls in any `window_ms` milliseconds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RateLimit {
    /// Calls allowed per window.
    pub requests: u32,
    /// The window, in milliseconds.
    pub window_ms: f64,
}

/// The seconds until one more call may start at `now`, or `None` when it
/// may start at once: `count` calls started inside the window, and
/// `nth_oldest(i)` is the start time of the `i`-th of them, oldest first.
pub fn wait_seconds(
    count: u32,
    nth_oldest: impl FnOnce(u32) -> Option<f64>,
    now: f64,
    limit: RateLimit,
) -> Option<f64> {
    // The call that frees a slot is the oldest of the last `requests` ones.
    let frees = nth_oldest(count.checked_sub(limit.requests)?).unwrap_or(now);
    Some(((frees + limit.window_ms - now) / 1000.0).max(0.0))
}

#[wasm_bindgen(module = "/js/call.js")]
extern "C" {
    /// The page-wide start times of the calls with `key` to `api_base`
    /// after `since`, oldest first (older ones are forgotten).
    #[wasm_bindgen(js_name = rateWindow)]
    fn rate_window(api_base: &str, key: &str, since: f64) -> Array;
}

/// Admits one call with `key` to `api_base` under `limit` (one window per
/// key and API base, shared by the page), or fails with `rate_limited`
/// without touching the network.
pub fn take(api_base: &str, key: &str, limit: RateLimit) -> Result<(), Failure> {
    let now = Date::now();
    let window = rate_window(api_base, key, now - limit.window_ms);
    match wait_seconds(window.length(), |i| window.get(i).as_f64(), now, limit) {
        None => {
            window.push(&JsValue::from_f64(now));
            Ok(())
        }
        Some(wait_seconds) => {
            let mut failure = Failure::new(
                ErrorCode::RateLimited,
                "rateLimit reached: this page has made as many calls as it allows itself; wait retryAfterSeconds",
            );
            failure.retry_after_seconds = Some(wait_seconds);
            Err(failure)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIVE_PER_MINUTE: RateLimit = RateLimit {
        requests: 5,
        window_ms: 60_000.0,
    };

    fn wait(times: &[f64], now: f64) -> Option<f64> {
        let nth = |i: u32| times.get(i as usize).copied();
        wait_seconds(times.len() as u32, nth, now, FIVE_PER_MINUTE)
    }

    #[test]
    fn admits_up_to_the_limit_then_says_how_long_to_wait() {
        assert_eq!(wait(&[], 10_000.0), None);
        assert_eq!(wait(&[1_000.0, 2_000.0, 3_000.0, 4_000.0], 10_000.0), None);
        let full = [1_000.0, 2_000.0, 3_000.0, 4_000.0, 5_000.0];
        assert_eq!(wait(&full, 10_000.0), Some(51.0));
    }

    #[test]
    fn the_oldest_of_the_last_requests_calls_frees_the_slot() {
        // Seven calls in the window (the store had more than the limit, e.g.
        // from calls with a larger limit on the same key): the third frees it.
        let seven = [
            1_000.0, 2_000.0, 3_000.0, 4_000.0, 5_000.0, 6_000.0, 7_000.0,
        ];
        assert_eq!(wait(&seven, 10_000.0), Some(53.0));
    }

    #[test]
    fn a_wait_is_never_negative() {
        // Start times the store should have forgotten already.
        let full = [1_000.0, 2_000.0, 3_000.0, 4_000.0, 5_000.0];
        assert_eq!(wait(&full, 70_000.0), Some(0.0));
    }
}
