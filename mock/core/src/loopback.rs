//! Which `Host` a request over HTTP may name: a loopback name or address,
//! nothing else. A page on another site that rebinds its own name to
//! 127.0.0.1 (DNS rebinding) still sends its own name as `Host`, so it is
//! refused here before anything else happens.

use crate::error::ApiError;
use crate::headers;

/// Whether `host` (a `Host` header value: a name or address, with or
/// without `:port`) is loopback: `localhost`, `127.0.0.1` or `[::1]`, the
/// package's own definition (`isLoopback` in js/options.js, which the help
/// form and the demo page use; tests/node/loopback.test.mjs holds the two
/// to the same hosts). The name is compared ignoring case, as a `Host`
/// header is; anything else, an empty value included, is not loopback.
pub fn is_loopback_host(host: &str) -> bool {
    let (name, port) = split_port(host);
    if port.is_some_and(|p| p.is_empty() || p.len() > 5 || !p.bytes().all(|b| b.is_ascii_digit())) {
        return false;
    }
    name.eq_ignore_ascii_case("localhost") || name == "127.0.0.1" || name == "[::1]"
}

/// `host` split at the port's colon, if any (an IPv6 literal's colons are
/// inside its brackets).
fn split_port(host: &str) -> (&str, Option<&str>) {
    let after_bracket = host.rfind(']').map_or(0, |i| i + 1);
    match host
        .get(after_bracket..)
        .and_then(|rest| rest.find(':'))
        .map(|i| i + after_bracket)
    {
        Some(colon) => (host.get(..colon).unwrap_or(""), host.get(colon + 1..)),
        None => (host, None),
    }
}

/// `Ok` when the request's `Host` is loopback; else the refusal: 421
/// (Misdirected Request), also for a request with no `Host`.
pub fn check_host(request_headers: &[(String, String)]) -> Result<(), ApiError> {
    match headers::get(request_headers, "host") {
        Some(host) if is_loopback_host(host.trim()) => Ok(()),
        Some(_) => Err(ApiError::new(
            421,
            "host: not a loopback name; the stand-in answers only Host localhost, 127.0.0.1 or [::1] (any port)",
        )),
        None => Err(ApiError::new(
            421,
            "host: missing; the stand-in answers only Host localhost, 127.0.0.1 or [::1] (any port)",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_names_and_addresses_with_or_without_a_port() {
        for ok in [
            "localhost",
            "LocalHost:8787",
            "127.0.0.1",
            "127.0.0.1:0",
            "127.0.0.1:65535",
            "[::1]",
            "[::1]:8787",
        ] {
            assert!(is_loopback_host(ok), "{ok}");
        }
        for bad in [
            "",
            "evil.example",
            "evil.example:8787",
            "localhost.evil.example",
            "127.0.0.1.evil.example",
            "127.0.0.256",
            "127.0.0.2",
            "127.1.2.3:8787",
            "127.0.0",
            "128.0.0.1",
            "0.0.0.0:8787",
            "[::2]:1",
            "::1",
            "localhost:",
            "localhost:80:80",
            "localhost:123456",
            "localhost:8a",
            "[::1]x",
        ] {
            assert!(!is_loopback_host(bad), "{bad}");
        }
    }

    #[test]
    fn a_foreign_or_missing_host_is_421() {
        let h = |v: &str| vec![("host".to_owned(), v.to_owned())];
        assert!(check_host(&h("127.0.0.1:8787")).is_ok());
        assert_eq!(
            check_host(&h("evil.example:8787")).map_err(|e| e.status),
            Err(421)
        );
        assert_eq!(check_host(&[]).map_err(|e| e.status), Err(421));
    }
}
