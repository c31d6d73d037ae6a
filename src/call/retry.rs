//! Retry policy (pure): which failures may be retried, how long to wait
//! (`Retry-After`, or exponential backoff with jitter), and reading
//! `Retry-After` itself.
//!
//! Only 429 and 503 are retried: there the server refused before acting, so
//! a retry cannot queue a second session. A 400, 403, other 5xx, a network
//! error or a timeout is never retried.

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
/// (any of the three forms, read against `now_ms`, milliseconds since the
/// Unix epoch; a date in the past is a wait of zero). A value that cannot
/// be read, or a negative one, is `None`: as if the header were absent.
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
    let date_ms = parse_http_date(value, now_ms)?;
    Some(ceil((date_ms - now_ms) / 1000.0).max(0.0))
}

/// The months' names.
const MONTHS: [[u8; 3]; 12] = [
    *b"Jan", *b"Feb", *b"Mar", *b"Apr", *b"May", *b"Jun", *b"Jul", *b"Aug", *b"Sep", *b"Oct",
    *b"Nov", *b"Dec",
];
/// The days' names, Monday first.
const DAYS: [[u8; 3]; 7] = [
    *b"Mon", *b"Tue", *b"Wed", *b"Thu", *b"Fri", *b"Sat", *b"Sun",
];

/// The three forms after the day's name, as templates: `d`, `y`, `h`,
/// `m`, `s` are a digit of the day, year, hour, minute or second; `e` is a
/// digit of the day or the space before a one-digit day; `n` a letter of
/// the month's name; any other byte (none is a lower-case letter) must be
/// there as is.
const FORMS: [&[u8]; 3] = [
    // IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT
    b", dd nnn yyyy hh:mm:ss GMT",
    // RFC 850: Sunday, 06-Nov-94 08:49:37 GMT
    b", dd-nnn-yy hh:mm:ss GMT",
    // asctime: Sun Nov  6 08:49:37 1994
    b" nnn ed hh:mm:ss yyyy",
];

/// The parts of `value` written in the shape of `form`: year, day, hour,
/// minute and second as numbers, and the month's three letters.
fn read_form(value: &[u8], form: &[u8]) -> Option<([u32; 5], [u8; 3])> {
    if value.len() != form.len() {
        return None;
    }
    let (mut parts, mut month, mut letters) = ([0u32; 5], [0u8; 3], 0);
    for (&byte, &wanted) in value.iter().zip(form) {
        let part = match wanted {
            b'y' => 0,
            b'd' | b'e' => 1,
            b'h' => 2,
            b'm' => 3,
            b's' => 4,
            b'n' => {
                *month.get_mut(letters)? = byte;
                letters += 1;
                continue;
            }
            _ if byte == wanted => continue,
            _ => return None,
        };
        if wanted == b'e' && byte == b' ' {
            continue;
        }
        if !byte.is_ascii_digit() {
            return None;
        }
        let slot = parts.get_mut(part)?;
        *slot = *slot * 10 + u32::from(byte - b'0');
    }
    Some((parts, month))
}

/// An HTTP-date (RFC 9110 section 5.6.7) in milliseconds since the epoch,
/// in any of the three forms a recipient must read:
///
/// - IMF-fixdate, `Sun, 06 Nov 1994 08:49:37 GMT`;
/// - RFC 850, `Sunday, 06-Nov-94 08:49:37 GMT`, whose two-digit year is
///   the one within 50 years ahead of `now_ms` or 49 behind it (so a year
///   more than 50 years ahead is the most recent past one with those
///   digits);
/// - asctime, `Sun Nov  6 08:49:37 1994` (a one-digit day after two spaces).
///
/// Exactly as written (case, single spaces, `GMT`), with a real date and a
/// weekday that is that date's (an RFC 850 date's spelt-out day is checked
/// by its first three letters); `None` otherwise.
///
/// # Examples
///
/// ```
/// use takecontrol_session::call::retry::parse_http_date;
///
/// let now = 1_764_547_200_000.0; // 2025-12-01
/// for date in ["Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994"] {
///     assert_eq!(parse_http_date(date, now), Some(784_111_777_000.0));
/// }
/// assert_eq!(parse_http_date("Mon, 06 Nov 1994 08:49:37 GMT", now), None); // a Sunday
/// ```
pub fn parse_http_date(value: &str, now_ms: f64) -> Option<f64> {
    let bytes = value.as_bytes();
    let name_end = bytes.iter().position(|&b| b == b',' || b == b' ')?;
    let (name, rest) = bytes.split_at_checked(name_end)?;
    let (form, ([mut year, day, hour, minute, second], month)) = FORMS
        .iter()
        .enumerate()
        .find_map(|(form, template)| Some((form, read_form(rest, template)?)))?;
    if form == 1 {
        // The century that puts the year from 49 years before now to 50
        // after. The mean Gregorian year: a day or two off around the new
        // year, which moves the window as much.
        let now_year = 1970 + (now_ms / 31_556_952_000.0) as i64;
        year += ((now_year + 50 - i64::from(year)) / 100 * 100) as u32;
    }
    let month = MONTHS.iter().position(|m| *m == month)? as u32 + 1;
    let days = dates::days_of(year, month, day)?;
    if hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    // 1970-01-01 was a Thursday; the days counted from 700,000 days before
    // it (a multiple of 7, in the year 53), so that `%` is never negative.
    // An RFC 850 date's day is spelt out: its first three letters are checked.
    let weekday = (days + 700_003) % 7;
    let short = name
        .first_chunk()
        .filter(|_| (name.len() > 3) == (form == 1));
    (short == DAYS.get(usize::try_from(weekday).ok()?))
        .then_some((days * 86_400 + i64::from((hour * 60 + minute) * 60 + second)) as f64 * 1000.0)
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
        // Past f64's range: infinite, never NaN; longer than any time left,
        // so the call ends with the server's error (Call::decide).
        assert_eq!(
            parse_retry_after(&"9".repeat(400), now),
            Some(f64::INFINITY)
        );
    }

    #[test]
    fn the_three_http_date_forms() {
        let now = 1_764_547_200_000.0; // Mon, 01 Dec 2025 00:00:00 GMT
        let sunday = Some(784_111_777_000.0); // Sun, 06 Nov 1994 08:49:37 GMT
        for date in [
            "Sun, 06 Nov 1994 08:49:37 GMT",
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994",
            "Sun Nov 06 08:49:37 1994",
        ] {
            assert_eq!(parse_http_date(date, now), sunday, "{date}");
        }
        assert_eq!(
            parse_http_date("Wed Dec 31 23:59:59 2025", now),
            Some(1_767_225_599_000.0)
        );
        // Two-digit years: up to 50 years ahead of now, else the century before.
        let year = |date: &str| parse_http_date(date, now).and_then(dates::format);
        assert_eq!(
            year("Saturday, 01-Jan-00 00:00:00 GMT").as_deref(),
            Some("2000-01-01 00:00:00")
        );
        assert_eq!(
            year("Tuesday, 01-Jan-75 00:00:00 GMT").as_deref(),
            Some("2075-01-01 00:00:00")
        );
        assert_eq!(
            year("Thursday, 01-Jan-76 00:00:00 GMT").as_deref(),
            Some("1976-01-01 00:00:00")
        );
        for bad in [
            "Mon, 06 Nov 1994 08:49:37 GMT",    // a Sunday
            "Sunday, 06 Nov 1994 08:49:37 GMT", // the long name in an IMF-fixdate
            "Sun, 06-Nov-94 08:49:37 GMT",      // the short one in an RFC 850 date
            "Sun, 06 Nov 94 08:49:37 GMT",
            "Sun, 6 Nov 1994 08:49:37 GMT",
            "Sun, 06 nov 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 08:49:37 UTC",
            "Sun, 06 Nov 1994 08:49:37 GMT ",
            "Sun,  06 Nov 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 8:49:37 GMT",
            "Sun, 06 Nov 1994 08:49:37",
            "Sun, 06 Nov 1994 08:49:60 GMT",
            "Sunday, 06-Nov-1994 08:49:37 GMT",
            "Sunday, 06-Nov-94-1 08:49:37 GMT",
            "Sunday, 06-Nov-9. 08:49:37 GMT",
            "Sunday, 6-Nov-94 08:49:37 GMT",
            "Sun Nov 6 08:49:37 1994",
            "Sun Nov   6 08:49:37 1994",
            "Sun Nov  06 08:49:37 1994",
            "Sun Nov  6 08:49:37 94",
            "Sun Nov 06 1994 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994 GMT",
            "Sun Nov 16 08:49:37 1994 x",
            "",
            ",",
        ] {
            assert_eq!(parse_http_date(bad, now), None, "{bad}");
        }
        assert_eq!(
            parse_retry_after(" Sunday, 06-Nov-94 08:49:47 GMT ", 784_111_777_000.0),
            Some(10.0)
        );
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn a_retry_after_read_is_a_wait_of_zero_or_more(value in "\\PC{0,40}", now in 0.0..4e12f64) {
            if let Some(seconds) = parse_retry_after(&value, now) {
                proptest::prop_assert!(seconds >= 0.0, "{value:?} -> {seconds}");
            }
        }
    }
}
