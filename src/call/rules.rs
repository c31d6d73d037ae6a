//! The rules on option values that every endpoint draws on: text limits
//! counted in code points, email addresses, language codes and positive
//! whole numbers. Pure Rust, tested natively; each endpoint's module says
//! which of its options meets which rule. (`apiBase` is read by the
//! platform's URL parser: `apiBaseOf` in js/options.js.)

use alloc::vec::Vec;

use super::error::{FieldError, Reason};
use crate::bytes::{char_count, find_byte, rsplit_at, split_on};
use crate::numbers::is_whole;

/// The largest integer a JS number holds exactly (`Number.MAX_SAFE_INTEGER`).
pub const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// A text option's limit in Unicode code points.
pub struct TextLimit {
    /// The option's name.
    pub field: &'static str,
    /// The most code points it may hold.
    pub max_chars: usize,
}

/// Checks `value` against `limit`, recording a field error when it is too
/// long; true when it is within it (or not given).
pub fn check_length(value: Option<&str>, limit: &TextLimit, errors: &mut Vec<FieldError>) -> bool {
    match value {
        Some(text) if char_count(text) > limit.max_chars => {
            // "customerName must be at most 128 characters"
            errors.push(
                FieldError::new(
                    limit.field,
                    Reason::TooLong,
                    "must be at most {limit} characters",
                )
                .with_limit(limit.max_chars as f64),
            );
            false
        }
        _ => true,
    }
}

/// True for a whole number from 1 to `Number.MAX_SAFE_INTEGER`.
///
/// # Examples
///
/// ```
/// use takecontrol_session::call::rules::is_positive_safe_integer;
///
/// assert!(is_positive_safe_integer(12.0));
/// assert!(!is_positive_safe_integer(0.0) && !is_positive_safe_integer(1.5));
/// assert!(!is_positive_safe_integer(9_007_199_254_740_992.0));
/// ```
pub fn is_positive_safe_integer(n: f64) -> bool {
    is_whole(n) && (1.0..=MAX_SAFE_INTEGER).contains(&n)
}

/// A byte of a domain label: an ASCII letter or digit, `-`, `_`, or any
/// byte of a non-ASCII character (internationalized names; every byte of
/// one is non-ASCII). Unicode's letter and digit tables would add 1 KB to
/// the `.wasm` to refuse a few symbols that no mail server or URL parser
/// would accept anyway.
fn is_label_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || !byte.is_ascii() || byte == b'-' || byte == b'_'
}

/// A plausible email address: `local@domain.tld`, no spaces or control
/// characters, a dotted domain whose labels are not empty and whose TLD is
/// two or more characters, not all digits. Deliberately lenient about what
/// a mailbox may hold; strict about what cannot be one: an internet mailbox
/// has an internet domain, so a dotless one (`user@localhost`) or an IP
/// address (`user@127.0.0.1`, `user@[127.0.0.1]`) is refused.
///
/// # Examples
///
/// ```
/// use takecontrol_session::call::rules::is_plausible_email;
///
/// assert!(is_plausible_email("john@example.com"));
/// assert!(is_plausible_email("zoë+help@exämple.fr"));
/// assert!(!is_plausible_email("john@example") && !is_plausible_email("john doe@example.com"));
/// assert!(!is_plausible_email("john@192.168.0.10") && !is_plausible_email("john@[192.168.0.10]"));
/// ```
pub fn is_plausible_email(text: &str) -> bool {
    let Some((local, domain)) = rsplit_at(text, b'@') else {
        return false;
    };
    let clean = |s: &str| !s.chars().any(|c| c.is_whitespace() || c.is_control());
    if local.is_empty() || local.len() > 64 || !clean(local) || find_byte(local, b'@').is_some() {
        return false;
    }
    let tld = rsplit_at(domain, b'.').map_or("", |(_, tld)| tld);
    clean(domain)
        && domain.len() <= 253
        && domain_labels(domain).is_some_and(|labels| labels >= 2)
        && char_count(tld) >= 2
        && !tld.bytes().all(|b| b.is_ascii_digit())
}

/// The number of labels of a domain name: dot-separated, none empty, of
/// label bytes (`is_label_byte`), none starting or ending with `-`. `None`
/// when it is not one.
fn domain_labels(name: &str) -> Option<usize> {
    let mut labels = 0;
    for label in split_on(name, b'.') {
        let bytes = label.as_bytes();
        let edges_ok = bytes.first() != Some(&b'-') && bytes.last() != Some(&b'-');
        if label.is_empty() || !edges_ok || !bytes.iter().all(|&b| is_label_byte(b)) {
            return None;
        }
        labels += 1;
    }
    Some(labels)
}

/// A language code: a 2-3 letter language, then subtags of 1-8 letters or
/// digits joined by `-` (`fr`, `pt-BR`, `zh-Hant-TW`, `es-419`).
///
/// # Examples
///
/// ```
/// use takecontrol_session::call::rules::is_language_code;
///
/// assert!(is_language_code("fr") && is_language_code("pt-BR") && is_language_code("es-419"));
/// assert!(!is_language_code("french") && !is_language_code("pt_BR"));
/// ```
pub fn is_language_code(text: &str) -> bool {
    if text.len() > 35 {
        return false;
    }
    let mut parts = split_on(text, b'-');
    let language_ok = parts
        .next()
        .is_some_and(|l| (2..=3).contains(&l.len()) && l.chars().all(|c| c.is_ascii_alphabetic()));
    language_ok
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        for good in [
            "john@example.com",
            "a.b+c@sub.example.co.uk",
            "josé@exämple.fr",
        ] {
            assert!(is_plausible_email(good), "{good}");
        }
        for bad in [
            "",
            "john",
            "john@",
            "@example.com",
            "john@example",
            "jo hn@example.com",
            "john@exa mple.com",
            "john@example..com",
            "john@.example.com",
            "john@example.c",
            "a@b@c.com",
            "john@localhost",
            "john@10.0.0.12",
            "john@[10.0.0.1]",
        ] {
            assert!(!is_plausible_email(bad), "{bad}");
        }
    }

    #[test]
    fn language_codes() {
        for good in ["fr", "pt-BR", "zh-Hant-TW", "es-419", "FR", "haw"] {
            assert!(is_language_code(good), "{good}");
        }
        for bad in [
            "",
            "f",
            "french",
            "pt_BR",
            "pt-",
            "-BR",
            "fr-toolongsubtag",
            "fr BR",
            "12",
        ] {
            assert!(!is_language_code(bad), "{bad}");
        }
    }

    #[test]
    fn department_ids() {
        assert!(is_positive_safe_integer(1.0));
        assert!(is_positive_safe_integer(MAX_SAFE_INTEGER));
        for bad in [
            0.0,
            -1.0,
            1.5,
            MAX_SAFE_INTEGER + 1.0,
            f64::NAN,
            f64::INFINITY,
        ] {
            assert!(!is_positive_safe_integer(bad), "{bad}");
        }
    }
}
