//! Timestamps in the API's `YYYY-MM-DD HH:MM:SS` form (UTC): formatting the
//! current time and checking a given one. Such strings sort in time order.

use std::time::{SystemTime, UNIX_EPOCH};

/// The current UTC time as `YYYY-MM-DD HH:MM:SS`.
pub fn now_utc() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    format_unix(secs)
}

/// Seconds since the Unix epoch as `YYYY-MM-DD HH:MM:SS` (UTC).
pub fn format_unix(secs: u64) -> String {
    let days = secs / 86_400;
    let rem = secs % 86_400;
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02}",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Year, month, day of a day count since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z % 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + u64::from(m <= 2);
    (y, m, d)
}

/// Whether `s` is a real date and time written exactly as `YYYY-MM-DD HH:MM:SS`.
pub fn is_valid(s: &str) -> bool {
    let b = s.as_bytes();
    let separators = [(4, b'-'), (7, b'-'), (10, b' '), (13, b':'), (16, b':')];
    if b.len() != 19 || separators.iter().any(|(i, c)| b.get(*i) != Some(c)) {
        return false;
    }
    let num = |from: usize, to: usize| -> Option<u32> {
        let part = s.get(from..to)?;
        if part.bytes().all(|c| c.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    let (Some(y), Some(mo), Some(d), Some(h), Some(mi), Some(se)) = (
        num(0, 4),
        num(5, 7),
        num(8, 10),
        num(11, 13),
        num(14, 16),
        num(17, 19),
    ) else {
        return false;
    };
    (1..=12).contains(&mo) && d >= 1 && d <= days_in_month(y, mo) && h < 24 && mi < 60 && se < 60
}

fn days_in_month(y: u32, m: u32) -> u32 {
    match m {
        2 if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_epoch_seconds() {
        assert_eq!(format_unix(0), "1970-01-01 00:00:00");
        assert_eq!(format_unix(951_782_400), "2000-02-29 00:00:00");
        assert_eq!(format_unix(1_795_960_799), "2026-11-29 13:59:59");
        assert!(is_valid(&now_utc()));
    }

    #[test]
    fn checks_dates() {
        assert!(is_valid("2026-11-29 10:00:00"));
        assert!(is_valid("2024-02-29 23:59:59"));
        assert!(!is_valid("2023-02-29 10:00:00"));
        assert!(!is_valid("2026-13-01 10:00:00"));
        assert!(!is_valid("2026-11-29T10:00:00"));
        assert!(!is_valid("2026-11-29 24:00:00"));
        assert!(!is_valid("2026-11-29"));
        assert!(!is_valid("+026-11-29 10:00:00"));
        assert!(!is_valid("2026-11-29 10:00:0é"));
    }
}
