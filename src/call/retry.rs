//! Retry policy (pure): which failures may be retried, how long to wait
//! (`Retry-After`, or exponential backoff with jitter), and reading
//! `Retry-After` itself.
//!
//! Only 429 and 503 are retried: there the server refused before acting, so
//! a retry cannot queue a second session. A 400, 403, other 5xx, a network
//! error or a timeout is never retried.

use alloc::string::String;

use crate::dates;
use crate::numbers::{ceil, parse_decimal};

/// First backoff step in milliseconds; each retry doubles it.
const BACKOFF_BASE_MS: f64 = 300.0;
/// The longest backoff step in milliseconds, before jitter.
const BACKOFF_CAP_MS: f64 = 10_000.0;

/// Whether a failure with this HTTP status may be retried.
///
/// # Examples
///
/// ```
/// use takecontrol_session::call::retry::is_retryable;
///
/// assert!(is_retryable(Some(429)) && is_retryable(Some(503)));
/// assert!(!is_retryable(Some(500)) && !is_retryable(Some(403)) && !is_retryable(None));
/// ```
pub fn is_retryable(status: Option<u16>) -> bool {
    matches!(status, Some(429 | 503))
}

/// How long to wait before retry number `retries_done + 1`, or `None` when
/// the failure must not be retried or the retry budget is spent.
///
/// `retry_after_seconds` is the server's `Retry-After`, already read;
/// `jitter` is a random number in `[0, 1)`. The caller still checks the
/// delay against what is left of the call's time budget.
///
/// # Examples
///
/// ```
/// use takecontrol_session::call::retry::delay_ms;
///
/// // The server's Retry-After wins...
/// assert_eq!(delay_ms(Some(429), 0, 2, Some(2.0), 0.5), Some(2000.0));
/// // ...else backoff: 150-300 ms for the first retry, then doubling.
/// assert_eq!(delay_ms(Some(503), 0, 2, None, 0.0), Some(150.0));
/// assert_eq!(delay_ms(Some(503), 1, 2, None, 1.0), Some(600.0));
/// // No retry once the budget is spent, nor for a status that must not be retried.
/// assert_eq!(delay_ms(Some(503), 2, 2, None, 0.0), None);
/// assert_eq!(delay_ms(Some(500), 0, 2, None, 0.0), None);
/// ```
pub fn delay_ms(
    status: Option<u16>,
    retries_done: u32,
    max_retries: u32,
    retry_after_seconds: Option<f64>,
    jitter: f64,
) -> Option<f64> {
    if !is_retryable(status) || retries_done >= max_retries {
        return None;
    }
    if let Some(seconds) = retry_after_seconds {
        return Some(seconds * 1000.0);
    }
    let doublings = retries_done.min(16);
    let step = (BACKOFF_BASE_MS * f64::from(1u32 << doublings)).min(BACKOFF_CAP_MS);
    // "Equal jitter": half the step for sure, the other half at random, so
    // that many pages refused at once do not all come back together.
    Some(step / 2.0 + step / 2.0 * jitter.clamp(0.0, 1.0))
}

/// Reads a `Retry-After` value: whole or decimal seconds, or an HTTP date
/// (IMF-fixdate, read against `now_ms`, milliseconds since the Unix epoch).
/// A value that cannot be read, or a negative one, is `None`: as if the
/// header were absent.
///
/// # Examples
///
/// ```
/// use takecontrol_session::call::retry::parse_retry_after;
///
/// assert_eq!(parse_retry_after("120", 0.0), Some(120.0));
/// // An HTTP date ten seconds after `now_ms`.
/// assert_eq!(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", 784_111_767_000.0), Some(10.0));
/// assert_eq!(parse_retry_after("soon", 0.0), None);
/// assert_eq!(parse_retry_after("-5", 0.0), None);
/// ```
pub fn parse_retry_after(value: &str, now_ms: f64) -> Option<f64> {
    let value = value.trim();
    if let Some(seconds) = parse_decimal(value) {
        return Some(seconds);
    }
    let date_ms = parse_http_date(value)?;
    Some(ceil((date_ms - now_ms) / 1000.0).max(0.0))
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// An IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`) in milliseconds since the epoch.
fn parse_http_date(value: &str) -> Option<f64> {
    let mut parts = crate::bytes::split_on(value, b' ');
    let day_name = parts.next()?.strip_suffix(',')?;
    let (day, month, year, time, zone) = (
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
    );
    if parts.next().is_some()
        || zone != "GMT"
        || !DAYS.contains(&day_name)
        || day.len() != 2
        || year.len() != 4
    {
        return None;
    }
    let month_number = MONTHS.iter().position(|m| *m == month)? as u64 + 1;
    let mut text = String::with_capacity(19);
    text.push_str(year);
    text.push('-');
    crate::numbers::push_decimal(&mut text, month_number, 2);
    text.push('-');
    text.push_str(day);
    text.push(' ');
    text.push_str(time);
    dates::parse(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_429_and_503_are_retried() {
        for status in [429, 503] {
            assert!(
                delay_ms(Some(status), 0, 2, None, 0.5).is_some(),
                "{status}"
            );
        }
        for status in [
            None,
            Some(400),
            Some(403),
            Some(500),
            Some(502),
            Some(504),
            Some(200),
        ] {
            assert_eq!(delay_ms(status, 0, 2, None, 0.5), None, "{status:?}");
        }
    }

    #[test]
    fn retry_budget_is_respected() {
        assert!(delay_ms(Some(429), 1, 2, None, 0.0).is_some());
        assert_eq!(delay_ms(Some(429), 2, 2, None, 0.0), None);
        assert_eq!(delay_ms(Some(429), 0, 0, None, 0.0), None);
    }

    #[test]
    fn retry_after_wins_over_backoff() {
        assert_eq!(delay_ms(Some(429), 0, 2, Some(3.0), 0.9), Some(3000.0));
        assert_eq!(delay_ms(Some(503), 0, 2, Some(0.0), 0.9), Some(0.0));
    }

    #[test]
    fn backoff_grows_exponentially_with_bounded_jitter() {
        let low: Vec<f64> = (0..4)
            .filter_map(|n| delay_ms(Some(429), n, 10, None, 0.0))
            .collect();
        let high: Vec<f64> = (0..4)
            .filter_map(|n| delay_ms(Some(429), n, 10, None, 1.0))
            .collect();
        assert_eq!(low, [150.0, 300.0, 600.0, 1200.0]);
        assert_eq!(high, [300.0, 600.0, 1200.0, 2400.0]);
        assert_eq!(delay_ms(Some(429), 9, 10, None, 1.0), Some(BACKOFF_CAP_MS));
    }

    #[test]
    fn retry_after_seconds_and_dates() {
        let now = 784_111_777_000.0; // Sun, 06 Nov 1994 08:49:37 GMT
        assert_eq!(parse_retry_after("5", now), Some(5.0));
        assert_eq!(parse_retry_after(" 120 ", now), Some(120.0));
        assert_eq!(parse_retry_after("1.5", now), Some(1.5));
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:47 GMT", now),
            Some(10.0)
        );
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:00:00 GMT", now),
            Some(0.0)
        );
        for garbage in [
            "",
            "-5",
            "soon",
            "1e3",
            "5s",
            "1.2.3",
            "Sun, 99 Nov 1994 08:49:47 GMT",
        ] {
            assert_eq!(parse_retry_after(garbage, now), None, "{garbage}");
        }
        assert!(parse_retry_after("99999999999999999999", now).is_some_and(|s| s > 9.9e19));
    }
}
