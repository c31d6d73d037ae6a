//! The API's date-time format, `YYYY-MM-DD HH:MM:SS` (read as UTC), to and
//! from milliseconds since the Unix epoch. Pure Rust, no time zone data.

#[cfg(feature = "history")]
use alloc::string::String;

#[cfg(feature = "history")]
use crate::numbers::{floor, push_decimal};

#[cfg(feature = "history")]
const MS_PER_DAY: i64 = 86_400_000;

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(feature = "history")]
/// The date of a day count since 1970-01-01.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Days since 1970-01-01 of a date, `None` unless `month` and `day` are
/// those of a real date (any year of four digits).
pub fn days_of(year: u32, month: u32, day: u32) -> Option<i64> {
    let (year, month, day) = (i64::from(year), i64::from(month), i64::from(day));
    ((1..=12).contains(&month) && (1..=days_in_month(year, month)).contains(&day))
        .then(|| days_from_civil(year, month, day))
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(feature = "history")]
/// Reads `YYYY-MM-DD HH:MM:SS` (a `T` in place of the space is accepted too)
/// as UTC; `None` unless every part is present and in range.
pub fn parse(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    if bytes.len() != 19 {
        return None;
    }
    let shape_ok = bytes.iter().enumerate().all(|(i, &b)| match i {
        4 | 7 => b == b'-',
        10 => b == b' ' || b == b'T',
        13 | 16 => b == b':',
        _ => b.is_ascii_digit(),
    });
    if !shape_ok {
        return None;
    }
    let number = |from: usize, to: usize| -> u32 {
        bytes
            .get(from..to)
            .unwrap_or_default()
            .iter()
            .fold(0, |n, b| n * 10 + u32::from(b - b'0'))
    };
    let days = days_of(number(0, 4), number(5, 7), number(8, 10))?;
    let (hour, minute, second) = (number(11, 13), number(14, 16), number(17, 19));
    (hour < 24 && minute < 60 && second < 60)
        .then(|| (days * MS_PER_DAY + i64::from((hour * 60 + minute) * 60 + second) * 1000) as f64)
}

#[cfg(feature = "history")]
fn push_padded(out: &mut String, value: i64, width: usize) {
    push_decimal(out, value.unsigned_abs(), width);
}

#[cfg(feature = "history")]
/// Writes milliseconds since the epoch as `YYYY-MM-DD HH:MM:SS` in UTC
/// (milliseconds dropped); `None` outside the years 0000-9999 or for NaN.
pub fn format(ms: f64) -> Option<String> {
    if !ms.is_finite() {
        return None;
    }
    let total_seconds = floor(ms / 1000.0) as i64;
    let days = total_seconds.div_euclid(86_400);
    let seconds_of_day = total_seconds.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    if !(0..=9999).contains(&year) {
        return None;
    }
    let mut out = String::with_capacity(19);
    push_padded(&mut out, year, 4);
    out.push('-');
    push_padded(&mut out, month, 2);
    out.push('-');
    push_padded(&mut out, day, 2);
    out.push(' ');
    push_padded(&mut out, seconds_of_day / 3600, 2);
    out.push(':');
    push_padded(&mut out, seconds_of_day / 60 % 60, 2);
    out.push(':');
    push_padded(&mut out, seconds_of_day % 60, 2);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_dates() {
        assert_eq!(parse("1970-01-01 00:00:00"), Some(0.0));
        assert_eq!(parse("2024-01-31 23:59:59"), Some(1_706_745_599_000.0));
        assert_eq!(parse("2024-02-29 12:00:00"), Some(1_709_208_000_000.0));
        assert_eq!(parse("2024-01-31T23:59:59"), Some(1_706_745_599_000.0));
        assert_eq!(
            format(1_706_745_599_999.0).as_deref(),
            Some("2024-01-31 23:59:59")
        );
        assert_eq!(format(-1000.0).as_deref(), Some("1969-12-31 23:59:59"));
    }

    #[test]
    fn malformed_dates_are_refused() {
        for bad in [
            "",
            "2024-01-31",
            "2024-1-31 23:59:59",
            "2024-01-31 24:00:00",
            "2024-13-01 00:00:00",
            "2023-02-29 00:00:00",
            "2024-04-31 00:00:00",
            "2024-01-31 23:60:00",
            "2024-01-31 23:59:60",
            "2024/01/31 23:59:59",
            "2024-01-31 23:59:59Z",
            "２０２４-01-31 23:59:59",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
        assert_eq!(format(f64::NAN), None);
        assert_eq!(format(1e18), None);
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn format_then_parse_is_the_identity_to_the_second(seconds in -62_167_219_200i64..253_402_300_799i64) {
            let ms = (seconds * 1000) as f64;
            let text = format(ms).unwrap_or_default();
            proptest::prop_assert_eq!(parse(&text), Some(ms));
        }
    }
}
