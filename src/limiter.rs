//! Client-side rate limiting (opt-in `rateLimit: { requests, perSeconds }`),
//! as the API's documentation asks of callers. The decision is pure Rust; the
//! start times it counts live in a page-wide JS store (js/shared.js), one
//! window per key and API base, shared by every call on the page.

use alloc::vec::Vec;
use js_sys::{Array, Date};
use wasm_bindgen::prelude::*;

use crate::error::{ErrorCode, Failure};

/// At most `requests` calls in any `window_ms` milliseconds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RateLimit {
    /// Calls allowed per window.
    pub requests: u32,
    /// The window, in milliseconds.
    pub window_ms: f64,
}

/// Whether one more call may start at `now`, given the start times of the
/// calls admitted before (any order): `Ok` with the times still inside the
/// window, or `Err` with the seconds until a call may start.
pub fn admit(times: &[f64], now: f64, limit: RateLimit) -> Result<Vec<f64>, f64> {
    let mut recent: Vec<f64> = times
        .iter()
        .copied()
        .filter(|t| *t > now - limit.window_ms)
        .collect();
    if recent.len() < limit.requests as usize {
        return Ok(recent);
    }
    sort_in_place(&mut recent);
    // The call that frees a slot is the oldest of the last `requests` ones.
    let frees_at = recent
        .get(recent.len() - limit.requests as usize)
        .copied()
        .unwrap_or(now)
        + limit.window_ms;
    Err(((frees_at - now) / 1000.0).max(0.0))
}

/// Sorts the times, oldest first. An insertion sort: the store keeps them
/// in the order calls started, so this is one pass, and it adds a few bytes
/// to the `.wasm` where `sort_by` would add 5 KB.
fn sort_in_place(times: &mut [f64]) {
    for i in 1..times.len() {
        let mut j = i;
        while j > 0 && times.get(j - 1) > times.get(j) {
            times.swap(j - 1, j);
            j -= 1;
        }
    }
}

#[wasm_bindgen(module = "/js/shared.js")]
extern "C" {
    /// The page-wide array of call start times for one key and API base.
    #[wasm_bindgen(js_name = rateWindow)]
    fn rate_window(bucket: &str) -> Array;
}

/// Admits one call for `bucket` under `limit`, or fails with `rate_limited`
/// without touching the network.
pub fn take(bucket: &str, limit: RateLimit) -> Result<(), Failure> {
    let window = rate_window(bucket);
    let times: Vec<f64> = window.iter().filter_map(|t| t.as_f64()).collect();
    let now = Date::now();
    match admit(&times, now, limit) {
        Ok(recent) => {
            window.set_length(0);
            for t in recent {
                window.push(&JsValue::from_f64(t));
            }
            window.push(&JsValue::from_f64(now));
            Ok(())
        }
        Err(wait_seconds) => {
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

    #[test]
    fn admits_up_to_the_limit_then_says_how_long_to_wait() {
        let times = [1_000.0, 2_000.0, 3_000.0, 4_000.0];
        assert_eq!(
            admit(&times, 10_000.0, FIVE_PER_MINUTE).map(|r| r.len()),
            Ok(4)
        );
        let full = [1_000.0, 2_000.0, 3_000.0, 4_000.0, 5_000.0];
        assert_eq!(admit(&full, 10_000.0, FIVE_PER_MINUTE), Err(51.0));
    }

    #[test]
    fn old_calls_leave_the_window() {
        let full = [1_000.0, 2_000.0, 3_000.0, 4_000.0, 5_000.0];
        assert_eq!(
            admit(&full, 61_500.0, FIVE_PER_MINUTE),
            Ok(vec![2_000.0, 3_000.0, 4_000.0, 5_000.0])
        );
    }

    #[test]
    fn order_does_not_matter() {
        let shuffled = [5_000.0, 1_000.0, 4_000.0, 2_000.0, 3_000.0];
        assert_eq!(admit(&shuffled, 10_000.0, FIVE_PER_MINUTE), Err(51.0));
        let mut times = [3.0, 1.0, 2.0, 2.0, -1.0, 9.0];
        sort_in_place(&mut times);
        assert_eq!(times, [-1.0, 1.0, 2.0, 2.0, 3.0, 9.0]);
    }
}
