//! Who may use the admin API over HTTP. A web page must never drive or
//! read it, so a request is accepted when it carries the admin token
//! (`X-Admin-Token`), or else only when nothing about it says a browser
//! sent it for a page: no `Origin` header (browsers send one with every
//! cross-origin fetch and every form POST), no `Sec-Fetch-Site` other than
//! `none`, and a body, if any, sent as `application/json` (which a form
//! cannot send). Node's fetch, curl and reqwest send none of these by
//! themselves.

use crate::error::ApiError;
use crate::headers;
use crate::token::{AdminToken, ADMIN_TOKEN_HEADER};

/// Why an admin request was let in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grant {
    /// It carried the admin token: a page may read the answer (CORS).
    Token,
    /// No token, but no sign of a web page either: no CORS grant.
    Tokenless,
    /// Not over HTTP: the caller holds the stand-in itself.
    InProcess,
}

/// The refusal's text: what to send instead.
const NEEDS_TOKEN: &str = "admin API: a request from a web page (it has an Origin or Sec-Fetch-Site header) needs the header X-Admin-Token with the token the stand-in printed on startup (admin token: ...); other callers send neither header";

/// Whether an admin request over HTTP may go on, and how.
///
/// - a matching `X-Admin-Token`: [`Grant::Token`];
/// - a token that does not match: 403;
/// - no token, with `Origin`, or with `Sec-Fetch-Site` other than `none`: 403;
/// - no token, a body (or a `Content-Type`) other than `application/json`: 415;
/// - otherwise [`Grant::Tokenless`].
pub fn check(
    request_headers: &[(String, String)],
    body: Option<&[u8]>,
    token: Option<&AdminToken>,
) -> Result<Grant, ApiError> {
    if let Some(sent) = headers::get(request_headers, ADMIN_TOKEN_HEADER) {
        return match token {
            Some(token) if token.matches(sent.trim()) => Ok(Grant::Token),
            _ => Err(ApiError::new(
                403,
                "admin API: X-Admin-Token does not match the token the stand-in printed on startup (admin token: ...)",
            )),
        };
    }
    if headers::get(request_headers, "origin").is_some() {
        return Err(ApiError::new(403, NEEDS_TOKEN));
    }
    if headers::get(request_headers, "sec-fetch-site")
        .is_some_and(|v| !v.trim().eq_ignore_ascii_case("none"))
    {
        return Err(ApiError::new(403, NEEDS_TOKEN));
    }
    let json = headers::get(request_headers, "content-type").map(is_json);
    if json == Some(false) || (json.is_none() && has_body(request_headers, body)) {
        return Err(ApiError::new(
            415,
            "admin API: a body must be sent with Content-Type: application/json (or send X-Admin-Token)",
        ));
    }
    Ok(Grant::Tokenless)
}

/// Whether a `Content-Type` value is `application/json` (parameters such
/// as `charset` allowed).
fn is_json(content_type: &str) -> bool {
    let essence = content_type.split(';').next().unwrap_or("").trim();
    essence.eq_ignore_ascii_case("application/json")
}

/// Whether the request has a body: bytes read, a `Content-Length` above
/// 0, or a `Transfer-Encoding`.
fn has_body(request_headers: &[(String, String)], body: Option<&[u8]>) -> bool {
    body.is_some_and(|b| !b.is_empty())
        || headers::get(request_headers, "transfer-encoding").is_some()
        || headers::get(request_headers, "content-length").is_some_and(|v| v.trim() != "0")
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::headers::pairs as h;

    #[test]
    fn a_matching_token_is_let_in_from_anywhere() {
        let token = AdminToken::new("t0k").unwrap();
        let with = h(&[
            ("origin", "https://evil.example"),
            ("x-admin-token", "t0k"),
            ("content-type", "text/plain"),
        ]);
        assert_eq!(check(&with, Some(b"x"), Some(&token)), Ok(Grant::Token));
        let wrong = h(&[("x-admin-token", "nope")]);
        assert_eq!(
            check(&wrong, None, Some(&token)).map_err(|e| e.status),
            Err(403)
        );
        assert_eq!(
            check(&h(&[("x-admin-token", "t0k")]), None, None).map_err(|e| e.status),
            Err(403)
        );
    }

    #[test]
    fn a_web_page_without_the_token_is_refused() {
        let token = AdminToken::new("t0k").unwrap();
        for refused in [
            h(&[("origin", "https://evil.example")]),
            h(&[("origin", "null")]),
            h(&[("sec-fetch-site", "cross-site")]),
            h(&[("sec-fetch-site", "same-origin")]),
        ] {
            assert_eq!(
                check(&refused, None, Some(&token)).map_err(|e| e.status),
                Err(403),
                "{refused:?}"
            );
        }
        // A form post with no Origin (an old browser) still cannot send JSON.
        for form in [
            "text/plain",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
        ] {
            let headers = h(&[("content-type", form), ("content-length", "2")]);
            assert_eq!(
                check(&headers, Some(b"{}"), Some(&token)).map_err(|e| e.status),
                Err(415),
                "{form}"
            );
        }
        assert_eq!(
            check(&h(&[("content-length", "2")]), Some(b"{}"), None).map_err(|e| e.status),
            Err(415)
        );
    }

    #[test]
    fn other_callers_need_no_token() {
        for ok in [
            h(&[]),
            h(&[("sec-fetch-mode", "cors"), ("user-agent", "node")]),
            h(&[("sec-fetch-site", "none")]),
            h(&[
                ("content-type", "application/json; charset=utf-8"),
                ("content-length", "2"),
            ]),
            h(&[("content-length", "0")]),
        ] {
            assert_eq!(check(&ok, None, None), Ok(Grant::Tokenless), "{ok:?}");
        }
    }
}
