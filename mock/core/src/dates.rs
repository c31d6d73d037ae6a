//! Timestamps in the API's `YYYY-MM-DD HH:MM:SS` form (UTC): formatting a
//! time given in seconds since the Unix epoch and checking a given text.
//! Such strings sort in time order. The core never reads a clock: the shell
//! passes the time in.

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

/// Seconds since the Unix epoch of a valid `YYYY-MM-DD HH:MM:SS` (UTC).
pub fn parse_unix(s: &str) -> Option<u64> {
    if !is_valid(s) {
        return None;
    }
    let num = |from: usize, to: usize| s.get(from..to).and_then(|p| p.parse::<u64>().ok());
    let (y, m, d) = (num(0, 4)?, num(5, 7)?, num(8, 10)?);
    let (h, mi, se) = (num(11, 13)?, num(14, 16)?, num(17, 19)?);
    let days = days_from_civil(y, m, d)?;
    Some(days * 86_400 + h * 3600 + mi * 60 + se)
}

/// Day count since 1970-01-01 of a date on or after it (Howard Hinnant's algorithm).
fn days_from_civil(y: u64, m: u64, d: u64) -> Option<u64> {
    let y = if m <= 2 { y.checked_sub(1)? } else { y };
    let era = y / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    (era * 146_097 + doe).checked_sub(719_468)
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
    #[test]
    fn parse_unix_inverts_format_unix() {
        for secs in [0, 86_399, 1_709_208_000, 1_796_000_000] {
            assert_eq!(super::parse_unix(&super::format_unix(secs)), Some(secs));
        }
        assert_eq!(super::parse_unix("2026-02-30 00:00:00"), None);
    }

    use super::*;

    #[test]
    fn formats_epoch_seconds() {
        assert_eq!(format_unix(0), "1970-01-01 00:00:00");
        assert_eq!(format_unix(951_782_400), "2000-02-29 00:00:00");
        assert_eq!(format_unix(1_795_960_799), "2026-11-29 13:59:59");
        assert!(is_valid(&format_unix(4_102_444_799)));
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
