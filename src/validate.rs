//! The rules a request must meet before anything is sent: the contract's
//! field limits, formats and call settings. Pure Rust, shared by
//! `createSession` and `validateSessionRequest`.

use alloc::borrow::ToOwned;
use alloc::string::String;
use alloc::vec::Vec;

use crate::error::FieldError;
use crate::limiter::RateLimit;
use crate::session::SessionRequest;
use crate::settings::{
    ApiKey, CallPlan, CallSettings, DEFAULT_API_BASE, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS,
    MAX_RETRIES_LIMIT, MAX_TIMEOUT_MS,
};
use crate::text::{char_count, find_byte, is_whole, parse_decimal, rsplit_at, split_on};

/// The largest integer a JS number holds exactly (`Number.MAX_SAFE_INTEGER`).
pub const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// A text option's limit in Unicode code points, with the message that states it.
struct TextLimit {
    field: &'static str,
    max_chars: usize,
    message: &'static str,
}

const CUSTOMER_NAME: TextLimit = TextLimit {
    field: "customerName",
    max_chars: 128,
    message: "customerName must be at most 128 characters",
};
const CUSTOMER_EMAIL: TextLimit = TextLimit {
    field: "customerEmail",
    max_chars: 64,
    message: "customerEmail must be at most 64 characters",
};
const CUSTOMER_NUMBER: TextLimit = TextLimit {
    field: "customerNumber",
    max_chars: 32,
    message: "customerNumber must be at most 32 characters",
};
const PROBLEM_DESCRIPTION: TextLimit = TextLimit {
    field: "problemDescription",
    max_chars: 1024,
    message: "problemDescription must be at most 1024 characters",
};
const TECHNICIAN_USERNAME: TextLimit = TextLimit {
    field: "technicianUsername",
    max_chars: 254,
    message: "technicianUsername must be at most 254 characters",
};

/// Checks `value` against `limit`, recording a field error when it is too long.
fn check_length(value: Option<&str>, limit: &TextLimit, errors: &mut Vec<FieldError>) -> bool {
    match value {
        Some(text) if char_count(text) > limit.max_chars => {
            errors.push(FieldError::new(limit.field, limit.message));
            false
        }
        _ => true,
    }
}

/// Every rule a create-session request breaks, in option order (empty when valid).
///
/// # Examples
///
/// ```
/// use takecontrol_session::session::SessionRequest;
/// use takecontrol_session::validate::session_request_errors;
///
/// let request = SessionRequest {
///     customer_name: Some("a".repeat(129)),
///     language: Some("french".into()),
///     ..SessionRequest::default()
/// };
/// let fields: Vec<_> = session_request_errors(&request).into_iter().map(|e| e.field).collect();
/// assert_eq!(fields, ["customerName", "language"]);
/// assert!(session_request_errors(&SessionRequest::default()).is_empty());
/// ```
pub fn session_request_errors(request: &SessionRequest) -> Vec<FieldError> {
    let mut errors = Vec::new();
    check_length(
        request.customer_name.as_deref(),
        &CUSTOMER_NAME,
        &mut errors,
    );
    if check_length(
        request.customer_email.as_deref(),
        &CUSTOMER_EMAIL,
        &mut errors,
    ) {
        if let Some(email) = request.customer_email.as_deref() {
            if !is_plausible_email(email) {
                errors.push(FieldError::new(
                    "customerEmail",
                    "customerEmail must be an email address such as name@example.com",
                ));
            }
        }
    }
    check_length(
        request.customer_number.as_deref(),
        &CUSTOMER_NUMBER,
        &mut errors,
    );
    check_length(
        request.problem_description.as_deref(),
        &PROBLEM_DESCRIPTION,
        &mut errors,
    );
    if let Some(id) = request.department_id {
        if !is_positive_safe_integer(id) {
            errors.push(FieldError::new(
                "departmentId",
                "departmentId must be a positive whole number (Admin Area > Management > Departments)",
            ));
        }
    }
    if check_length(
        request.technician_username.as_deref(),
        &TECHNICIAN_USERNAME,
        &mut errors,
    ) {
        if let Some(username) = request.technician_username.as_deref() {
            if !is_plausible_email(username) {
                errors.push(FieldError::new(
                    "technicianUsername",
                    "technicianUsername must be the technician's email address",
                ));
            }
        }
    }
    if let Some(language) = request.language.as_deref() {
        if !is_language_code(language) {
            errors.push(FieldError::new(
                "language",
                "language must be a language code such as \"fr\" or \"pt-BR\"",
            ));
        }
    }
    errors
}

/// Checks a key option (`publicKey`, `privateKey`) without ever quoting it.
///
/// # Examples
///
/// ```
/// use takecontrol_session::validate::key_errors;
///
/// assert_eq!(key_errors("publicKey", None).map(|e| e.message).as_deref(), Some("publicKey is required"));
/// assert!(key_errors("privateKey", Some("  ")).is_some());
/// assert!(key_errors("publicKey", Some("demo-public-key")).is_none());
/// ```
pub fn key_errors(field: &'static str, key: Option<&str>) -> Option<FieldError> {
    let message = match key {
        None => "is required",
        Some(k) if k.trim().is_empty() => "must not be empty",
        Some(k) if !k.chars().all(|c| c.is_ascii_graphic()) => {
            "may hold only printable ASCII characters without spaces"
        }
        Some(_) => return None,
    };
    let mut text = String::with_capacity(field.len() + 1 + message.len());
    text.push_str(field);
    text.push(' ');
    text.push_str(message);
    Some(FieldError::new(field, text))
}

/// The key after [`key_errors`] found nothing wrong with it.
///
/// # Examples
///
/// ```
/// use takecontrol_session::validate::{checked_key, key_errors};
///
/// let given = Some(String::from("demo-public-key"));
/// assert!(key_errors("publicKey", given.as_deref()).is_none());
/// assert_eq!(checked_key(given).expose(), "demo-public-key");
/// ```
pub fn checked_key(key: Option<String>) -> ApiKey {
    ApiKey::new(key.unwrap_or_default())
}

/// Validates the call settings and fills in the defaults. `errors` are the
/// problems found so far: the plan comes back only when there are none.
///
/// # Examples
///
/// ```
/// use takecontrol_session::settings::CallSettings;
/// use takecontrol_session::validate::call_plan;
///
/// let settings = CallSettings { max_retries: Some(11.0), ..CallSettings::default() };
/// let errors = call_plan(&settings, Vec::new()).unwrap_err();
/// assert_eq!(errors[0].field, "maxRetries");
///
/// let settings = CallSettings { max_retries: Some(0.0), ..CallSettings::default() };
/// assert_eq!(call_plan(&settings, Vec::new()).map(|plan| plan.max_retries), Ok(0));
/// ```
pub fn call_plan(
    settings: &CallSettings,
    mut errors: Vec<FieldError>,
) -> Result<CallPlan, Vec<FieldError>> {
    let api_base = match settings.api_base.as_deref() {
        None => DEFAULT_API_BASE.to_owned(),
        Some(base) => normalize_api_base(base).unwrap_or_else(|message| {
            errors.push(FieldError::new("apiBase", message));
            String::new()
        }),
    };
    let timeout_ms = match settings.timeout_ms {
        None => DEFAULT_TIMEOUT_MS,
        Some(ms) if is_whole(ms) && (1.0..=f64::from(MAX_TIMEOUT_MS)).contains(&ms) => ms as u32,
        Some(_) => {
            errors.push(FieldError::new(
                "timeoutMs",
                "timeoutMs must be a whole number of milliseconds from 1 to 2147483647",
            ));
            0
        }
    };
    let max_retries = match settings.max_retries {
        None => DEFAULT_MAX_RETRIES,
        Some(n) if is_whole(n) && (0.0..=f64::from(MAX_RETRIES_LIMIT)).contains(&n) => n as u32,
        Some(_) => {
            errors.push(FieldError::new(
                "maxRetries",
                "maxRetries must be a whole number from 0 to 10",
            ));
            0
        }
    };
    let rate_limit = if settings.rate_limit_given {
        rate_limit(settings, &mut errors)
    } else {
        None
    };
    if errors.is_empty() {
        Ok(CallPlan {
            api_base,
            timeout_ms,
            max_retries,
            rate_limit,
        })
    } else {
        Err(errors)
    }
}

/// The most calls a `rateLimit` window may allow, and its longest window.
const MAX_RATE_REQUESTS: f64 = 10_000.0;
const MAX_RATE_SECONDS: f64 = 86_400.0;

/// Checks `rateLimit`: `requests` a whole number from 1 to 10000,
/// `perSeconds` a number of seconds above 0 and at most a day.
fn rate_limit(settings: &CallSettings, errors: &mut Vec<FieldError>) -> Option<RateLimit> {
    let requests = match settings.rate_limit_requests {
        Some(n) if is_whole(n) && (1.0..=MAX_RATE_REQUESTS).contains(&n) => Some(n as u32),
        _ => {
            errors.push(FieldError::new(
                "rateLimit.requests",
                "rateLimit.requests must be a whole number from 1 to 10000",
            ));
            None
        }
    };
    let window_ms = match settings.rate_limit_per_seconds {
        Some(s) if s.is_finite() && s > 0.0 && s <= MAX_RATE_SECONDS => Some(s * 1000.0),
        _ => {
            errors.push(FieldError::new(
                "rateLimit.perSeconds",
                "rateLimit.perSeconds must be a number of seconds above 0 and at most 86400",
            ));
            None
        }
    };
    Some(RateLimit {
        requests: requests?,
        window_ms: window_ms?,
    })
}

/// True for a whole number from 1 to `Number.MAX_SAFE_INTEGER`.
///
/// # Examples
///
/// ```
/// use takecontrol_session::validate::is_positive_safe_integer;
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
/// characters, a dotted domain whose labels are not empty. Deliberately
/// lenient about what a mailbox may hold; strict about what cannot be one.
///
/// # Examples
///
/// ```
/// use takecontrol_session::validate::is_plausible_email;
///
/// assert!(is_plausible_email("john@example.com"));
/// assert!(is_plausible_email("zoë+help@exämple.fr"));
/// assert!(!is_plausible_email("john@example") && !is_plausible_email("john doe@example.com"));
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
        && domain_labels(domain, false).is_some_and(|labels| labels >= 2)
        && char_count(tld) >= 2
}

/// The number of labels of a domain name: dot-separated, none empty, of
/// label bytes (`is_label_byte`); with `hyphen_edges` false, none may start
/// or end with `-`. `None` when it is not one.
fn domain_labels(name: &str, hyphen_edges: bool) -> Option<usize> {
    let mut labels = 0;
    for label in split_on(name, b'.') {
        let bytes = label.as_bytes();
        let edges_ok =
            hyphen_edges || (bytes.first() != Some(&b'-') && bytes.last() != Some(&b'-'));
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
/// use takecontrol_session::validate::is_language_code;
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

/// Hosts where plain `http://` is allowed: the key never leaves the machine.
const LOOPBACK_HOSTS: [&str; 3] = ["localhost", "127.0.0.1", "[::1]"];

/// Checks an API base URL and returns it without trailing slashes.
///
/// `https://` with a host name (an optional port and path are kept), or
/// `http://` for loopback hosts only, so a key never crosses a network in
/// clear. No user info, query or fragment.
///
/// # Examples
///
/// ```
/// use takecontrol_session::validate::normalize_api_base;
///
/// assert_eq!(normalize_api_base("https://api.us0.swi-rc.com/").as_deref(), Ok("https://api.us0.swi-rc.com"));
/// assert_eq!(normalize_api_base("http://127.0.0.1:8787").as_deref(), Ok("http://127.0.0.1:8787"));
/// assert!(normalize_api_base("http://api.us0.swi-rc.com").is_err());
/// ```
pub fn normalize_api_base(text: &str) -> Result<String, &'static str> {
    const MESSAGE: &str = "apiBase must be an https:// URL such as https://api.us0.swi-rc.com (http:// only for localhost, 127.0.0.1 and [::1])";
    let text = text.trim();
    let has_scheme = |scheme: &str| {
        text.get(..scheme.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(scheme))
    };
    let scheme = if has_scheme("https://") {
        "https://"
    } else if has_scheme("http://") {
        "http://"
    } else {
        return Err(MESSAGE);
    };
    let rest = text.get(scheme.len()..).unwrap_or_default();
    if rest
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '?' | '#' | '\\' | '@'))
    {
        return Err(MESSAGE);
    }
    let (authority, path) = rest
        .split_at_checked(find_byte(rest, b'/').unwrap_or(rest.len()))
        .ok_or(MESSAGE)?;
    let host = host_of(authority).ok_or(MESSAGE)?;
    let host_lower = host.to_ascii_lowercase();
    if scheme == "http://" && !LOOPBACK_HOSTS.contains(&host_lower.as_str()) {
        return Err(MESSAGE);
    }
    let mut normalized = String::with_capacity(text.len());
    normalized.push_str(scheme);
    normalized.push_str(authority);
    let mut path = path;
    while let Some(shorter) = path.strip_suffix('/') {
        path = shorter;
    }
    normalized.push_str(path);
    Ok(normalized)
}

/// The host of an authority (`host[:port]` or `[v6][:port]`), when host
/// and port are both well formed.
fn host_of(authority: &str) -> Option<&str> {
    let host_end = match authority.strip_prefix('[') {
        Some(v6) => find_byte(v6, b']')? + 2,
        None => find_byte(authority, b':').unwrap_or(authority.len()),
    };
    let host = authority.get(..host_end)?;
    let port = authority.get(host_end..)?;
    if let Some(digits) = port.strip_prefix(':') {
        let valid = (1..=5).contains(&digits.len())
            && digits.bytes().all(|b| b.is_ascii_digit())
            && parse_decimal(digits).is_some_and(|port| port <= 65_535.0);
        if !valid {
            return None;
        }
    } else if !port.is_empty() {
        return None;
    }
    let valid_host = match host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        Some(v6) => {
            !v6.is_empty()
                && v6
                    .bytes()
                    .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.')
        }
        None => domain_labels(host, true).is_some(),
    };
    valid_host.then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(n: usize) -> String {
        "é".repeat(n)
    }

    #[test]
    fn limits_count_code_points_at_the_boundary() {
        for (limit, set) in [
            (
                128,
                (|r: &mut SessionRequest, s| r.customer_name = Some(s))
                    as fn(&mut SessionRequest, String),
            ),
            (32, |r, s| r.customer_number = Some(s)),
            (1024, |r, s| r.problem_description = Some(s)),
        ] {
            let mut ok = SessionRequest::default();
            set(&mut ok, text(limit));
            assert!(session_request_errors(&ok).is_empty(), "{limit} accepted");
            let mut too_long = SessionRequest::default();
            set(&mut too_long, text(limit + 1));
            assert_eq!(
                session_request_errors(&too_long).len(),
                1,
                "{} refused",
                limit + 1
            );
        }
        // Astral characters count once each, as code points.
        let mut astral = SessionRequest {
            customer_name: Some("😀".repeat(128)),
            ..SessionRequest::default()
        };
        assert!(session_request_errors(&astral).is_empty());
        astral.customer_name = Some("😀".repeat(129));
        assert_eq!(session_request_errors(&astral)[0].field, "customerName");
    }

    #[test]
    fn email_limit_is_64_characters() {
        let local = "a".repeat(64 - "@example.com".len());
        let ok = SessionRequest {
            customer_email: Some(format!("{local}@example.com")),
            ..SessionRequest::default()
        };
        assert!(session_request_errors(&ok).is_empty());
        let long = SessionRequest {
            customer_email: Some(format!("a{local}@example.com")),
            ..SessionRequest::default()
        };
        let errors = session_request_errors(&long);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "customerEmail");
    }

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

    #[test]
    fn api_bases() {
        for (given, expected) in [
            ("https://api.us0.swi-rc.com", "https://api.us0.swi-rc.com"),
            ("https://api.us0.swi-rc.com/", "https://api.us0.swi-rc.com"),
            (
                "HTTPS://api.us3.swi-rc.com:8443/proxy/",
                "https://api.us3.swi-rc.com:8443/proxy",
            ),
            ("http://localhost:8787", "http://localhost:8787"),
            ("http://127.0.0.1:8787/", "http://127.0.0.1:8787"),
            ("http://[::1]:8787", "http://[::1]:8787"),
            ("https://[2001:db8::1]", "https://[2001:db8::1]"),
        ] {
            assert_eq!(
                normalize_api_base(given).as_deref(),
                Ok(expected),
                "{given}"
            );
        }
        for bad in [
            "",
            "api.us0.swi-rc.com",
            "http://api.us0.swi-rc.com",
            "http://localhost.evil.com",
            "http://127.0.0.1.nip.io",
            "http://user@localhost",
            "https://",
            "https://host:99999",
            "https://host:",
            "https://host:80.5",
            "https://host:8080:1",
            "https://ho st",
            "https://host?x=1",
            "https://host#f",
            "ftp://host",
            "javascript:alert(1)",
            "https://[::1",
            "https://[::1]x",
            "https://a..b",
        ] {
            assert!(normalize_api_base(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn keys_are_checked_and_never_quoted() {
        assert!(key_errors("publicKey", Some("abc-123")).is_none());
        assert_eq!(
            key_errors("publicKey", None).map(|e| e.message),
            Some("publicKey is required".into())
        );
        assert!(key_errors("publicKey", Some("  ")).is_some());
        let error = key_errors("publicKey", Some("se cret"))
            .map(|e| e.message)
            .unwrap_or_default();
        assert!(!error.contains("se cret") && !error.is_empty());
    }

    #[test]
    fn call_plan_defaults_and_limits() {
        let plan = call_plan(&CallSettings::default(), Vec::new());
        assert_eq!(
            plan,
            Ok(CallPlan {
                api_base: DEFAULT_API_BASE.into(),
                timeout_ms: 15_000,
                max_retries: 2,
                rate_limit: None,
            })
        );
        let bad = CallSettings {
            api_base: Some("http://example.com".into()),
            timeout_ms: Some(0.0),
            max_retries: Some(11.0),
            ..CallSettings::default()
        };
        let fields: Vec<String> = call_plan(&bad, Vec::new())
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["apiBase", "timeoutMs", "maxRetries"]);
        let limited = CallSettings {
            rate_limit_given: true,
            rate_limit_requests: Some(5.0),
            rate_limit_per_seconds: Some(60.0),
            ..CallSettings::default()
        };
        assert_eq!(
            call_plan(&limited, Vec::new()).map(|p| p.rate_limit),
            Ok(Some(RateLimit {
                requests: 5,
                window_ms: 60_000.0
            }))
        );
        let empty_limit = CallSettings {
            rate_limit_given: true,
            rate_limit_requests: Some(0.0),
            ..CallSettings::default()
        };
        let fields: Vec<String> = call_plan(&empty_limit, Vec::new())
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["rateLimit.requests", "rateLimit.perSeconds"]);
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(2_000))]

            #[test]
            fn a_text_limit_refuses_exactly_what_is_too_long(name in "\\PC{0,200}", number in ".{0,50}") {
                let request = SessionRequest {
                    customer_name: Some(name.clone()),
                    customer_number: Some(number.clone()),
                    ..SessionRequest::default()
                };
                let fields: Vec<String> = session_request_errors(&request).into_iter().map(|e| e.field).collect();
                prop_assert_eq!(fields.iter().any(|f| f == "customerName"), name.chars().count() > 128);
                prop_assert_eq!(fields.iter().any(|f| f == "customerNumber"), number.chars().count() > 32);
            }

            #[test]
            fn any_request_is_checked_without_panicking(
                email in ".{0,80}",
                language in ".{0,12}",
                technician in ".{0,40}",
                department in proptest::num::f64::ANY,
            ) {
                let request = SessionRequest {
                    customer_email: Some(email),
                    language: Some(language),
                    technician_username: Some(technician),
                    department_id: Some(department),
                    ..SessionRequest::default()
                };
                for error in session_request_errors(&request) {
                    prop_assert!(!error.message.is_empty());
                }
            }

            #[test]
            fn an_accepted_api_base_is_https_or_loopback_http(base in ".{0,60}") {
                if let Ok(normalized) = normalize_api_base(&base) {
                    let loopback = ["http://localhost", "http://127.0.0.1", "http://[::1]"]
                        .iter()
                        .any(|prefix| normalized.to_ascii_lowercase().starts_with(prefix));
                    prop_assert!(normalized.starts_with("https://") || loopback);
                    prop_assert!(!normalized.ends_with('/'));
                    prop_assert!(!normalized.contains(['?', '#', '@', ' ']));
                }
            }

            #[test]
            fn http_is_refused_for_every_host_but_loopback(host in "[a-z0-9.-]{1,30}") {
                let allowed = ["localhost", "127.0.0.1"].contains(&host.as_str());
                prop_assert_eq!(normalize_api_base(&format!("http://{host}:8787")).is_ok(), allowed);
            }

            #[test]
            fn keys_are_never_quoted(key in ".{0,40}") {
                // The message is always one of three fixed sentences, so it
                // cannot carry the key.
                if let Some(error) = key_errors("publicKey", Some(&key)) {
                    prop_assert!([
                        "publicKey must not be empty",
                        "publicKey may hold only printable ASCII characters without spaces",
                    ]
                    .contains(&error.message.as_str()));
                }
            }
        }
    }
}
