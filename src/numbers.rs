//! Numbers as decimal and hex text, and rounding, written by hand: core's
//! formatting (`core::fmt`) and libm's rounding would add kilobytes to the
//! shipped `.wasm` for what these few lines do.

use alloc::string::String;

use crate::bytes::split_at_first;

/// Appends `n` in decimal, left-padded with zeros to `width` digits.
pub fn push_decimal(out: &mut String, n: u64, width: usize) {
    let mut digits = [0u8; 20];
    let mut len = 0;
    let mut rest = n;
    loop {
        if let Some(slot) = digits.get_mut(len) {
            *slot = b'0' + (rest % 10) as u8;
        }
        len += 1;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    for _ in len..width {
        out.push('0');
    }
    for &digit in digits.iter().take(len).rev() {
        out.push(char::from(digit));
    }
}

/// `n` as decimal text.
#[cfg_attr(not(feature = "history"), allow(dead_code))]
pub fn decimal(n: u64) -> String {
    let mut out = String::new();
    push_decimal(&mut out, n, 0);
    out
}

/// Reads a non-negative decimal number (`12`, `1.5`) written with ASCII
/// digits and at most one dot; `None` for anything else (signs, exponents,
/// spaces inside, empty).
pub fn parse_decimal(text: &str) -> Option<f64> {
    let (whole, fraction) = match split_at_first(text, b'.') {
        Some((w, f)) => (w, Some(f)),
        None => (text, None),
    };
    let digits_only = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty()
        || !digits_only(whole)
        || !fraction.is_none_or(|f| !f.is_empty() && digits_only(f))
    {
        return None;
    }
    let mut value = 0.0;
    for b in whole.bytes() {
        value = value * 10.0 + f64::from(b - b'0');
    }
    let mut scale = 0.1;
    for b in fraction.unwrap_or("").bytes() {
        value += f64::from(b - b'0') * scale;
        scale /= 10.0;
    }
    Some(value)
}

/// Appends `byte` as two hex digits, `letters` (`b'a'` or `b'A'`) giving
/// the case of the digits from 10 to 15.
#[cfg_attr(not(feature = "history"), allow(dead_code))]
pub fn push_hex_byte(out: &mut String, byte: u8, letters: u8) {
    for nibble in [byte >> 4, byte & 15] {
        out.push(char::from(if nibble < 10 {
            b'0' + nibble
        } else {
            letters + nibble - 10
        }));
    }
}

/// True for a finite number without a fractional part.
pub fn is_whole(n: f64) -> bool {
    n.is_finite() && (n.abs() >= 4_503_599_627_370_496.0 || n == (n as i64) as f64)
}

/// The largest whole number not above `x` (for |x| < 2^63).
pub fn floor(x: f64) -> f64 {
    let t = (x as i64) as f64;
    if t > x {
        t - 1.0
    } else {
        t
    }
}

/// The smallest whole number not below `x` (for |x| < 2^63).
pub fn ceil(x: f64) -> f64 {
    -floor(-x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals() {
        assert_eq!(decimal(0), "0");
        assert_eq!(decimal(1_234_567), "1234567");
        assert_eq!(decimal(u64::MAX), "18446744073709551615");
        let mut padded = String::new();
        push_decimal(&mut padded, 7, 2);
        push_decimal(&mut padded, 2024, 4);
        assert_eq!(padded, "072024");
    }

    #[test]
    fn rounding() {
        assert_eq!(floor(1.5), 1.0);
        assert_eq!(floor(-1.5), -2.0);
        assert_eq!(floor(-2.0), -2.0);
        assert_eq!(ceil(1.2), 2.0);
        assert_eq!(ceil(-1.2), -1.0);
        assert!(is_whole(3.0) && is_whole(-3.0) && is_whole(9_007_199_254_740_993.0));
        assert!(!is_whole(1.5) && !is_whole(f64::NAN) && !is_whole(f64::INFINITY));
    }

    #[test]
    fn hex_bytes() {
        let mut hex = String::new();
        push_hex_byte(&mut hex, 0xaf, b'a');
        push_hex_byte(&mut hex, 0x1f, b'A');
        assert_eq!(hex, "af1F");
    }

    #[test]
    fn parsing_decimals() {
        assert_eq!(parse_decimal("5"), Some(5.0));
        assert_eq!(parse_decimal("120"), Some(120.0));
        assert_eq!(parse_decimal("1.5"), Some(1.5));
        for bad in ["", "-5", "1e3", "5s", "1.2.3", ".5", "5.", " 5", "+5"] {
            assert_eq!(parse_decimal(bad), None, "{bad}");
        }
    }
}
