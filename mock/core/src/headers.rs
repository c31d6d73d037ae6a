//! Headers as (name, value) pairs, and the HTTP rules the core checks text
//! against: what a header value and a method may hold.

/// The first value of the header `name` (names compared ignoring case).
pub fn get<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// Whether `value` may be sent as a header value: no control character but
/// tab, no DEL (bytes from 128 up are let through, as HTTP allows).
pub fn is_value(value: &str) -> bool {
    value.bytes().all(|b| b == b'\t' || (b >= 32 && b != 127))
}

/// Whether `value` is visible ASCII (tab allowed), the only header text the
/// core reads a meaning from (a key, a length).
pub fn is_visible_ascii(value: &str) -> bool {
    value.bytes().all(|b| b == b'\t' || (32..127).contains(&b))
}

/// Whether `method` is an HTTP method: a non-empty token.
pub fn is_method(method: &str) -> bool {
    !method.is_empty()
        && method
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// Header pairs from `(name, value)` literals, for the unit tests.
#[cfg(test)]
pub(crate) fn pairs(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_checks_header_text() {
        let h = vec![
            ("x-a".to_owned(), "1".to_owned()),
            ("x-a".to_owned(), "2".to_owned()),
        ];
        assert_eq!(get(&h, "X-A"), Some("1"));
        assert_eq!(get(&h, "x-b"), None);
        assert!(is_value("text/html; charset=é\t"));
        assert!(!is_value("\u{7f}"));
        assert!(!is_value("a\nb"));
        assert!(is_visible_ascii("demo-key"));
        assert!(!is_visible_ascii("clé"));
        assert!(is_method("POST") && is_method("M-SEARCH"));
        assert!(!is_method("") && !is_method("GE T"));
    }
}
