//! CORS. The emulated API (`/rest/*`, and every path outside `/__admin`)
//! answers any origin, errors and injected faults included: the methods
//! and headers the API uses, `Retry-After` exposed to pages, preflights
//! answered in full, and Chrome's private-network preflights (a public page
//! calling loopback) allowed.
//!
//! The admin API (`/__admin/*`) grants a page nothing unless it holds the
//! admin token: an answer carries `Access-Control-Allow-Origin` only when
//! the request's token matched, and a preflight is granted only when it
//! asks to send `X-Admin-Token`. It never allows private-network access.

use crate::error::ApiError;
use crate::exchange::Response;
use crate::headers;
use crate::token::ADMIN_TOKEN_HEADER;

/// How long a browser may cache a preflight answer, in seconds.
pub const MAX_AGE_SECS: u64 = 600;

/// The methods a preflight allows.
pub const ALLOW_METHODS: &str = "GET,POST,DELETE,OPTIONS";

/// The request headers a preflight to the emulated API allows.
pub const ALLOW_HEADERS: &str = "integration-key,content-type";

/// The request headers a preflight to the admin API allows.
pub const ADMIN_ALLOW_HEADERS: &str = "x-admin-token,content-type";

/// The request headers a CORS answer depends on.
const VARY: &str = "origin, access-control-request-method, access-control-request-headers";

/// What the CORS headers of one answer depend on in its request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cors {
    /// The emulated API: any origin.
    Open {
        /// The request asked for private network access.
        private_network: bool,
    },
    /// The admin API: `granted` when the request may be read by a page
    /// (it carried the token, or came in process).
    Admin {
        /// Whether the answer names an allowed origin.
        granted: bool,
    },
}

impl Cors {
    /// The CORS side of a request to the emulated API.
    pub(crate) fn open(request_headers: &[(String, String)]) -> Self {
        Self::Open {
            private_network: headers::get(
                request_headers,
                "access-control-request-private-network",
            ) == Some("true"),
        }
    }

    /// The headers every answer carries.
    fn common(self, response: &mut Response) {
        response.headers.push(("vary".to_owned(), VARY.to_owned()));
        match self {
            Self::Open { private_network } => {
                if private_network {
                    response.set_header("access-control-allow-private-network", "true");
                }
            }
            Self::Admin { granted: false } => return,
            Self::Admin { granted: true } => {}
        }
        response.set_header("access-control-allow-origin", "*");
        response.set_header("access-control-expose-headers", "retry-after");
    }

    /// Adds the CORS headers to an answer.
    pub(crate) fn apply(self, mut response: Response) -> Response {
        self.common(&mut response);
        response
    }

    /// The answer to a preflight (an `OPTIONS` request) to the emulated
    /// API: 200, no body. A known path names its methods in `Allow`
    /// (`allow`), as every answer to a method a path does not take does.
    pub(crate) fn preflight(self, allow: Option<&str>) -> Response {
        preflight_answer(allow, self, ALLOW_HEADERS)
    }
}

/// The answer to a preflight to the admin API: granted (200, the admin
/// headers allowed) only when `Access-Control-Request-Headers` names
/// `x-admin-token`; otherwise a 403 that says so, with no CORS grant.
pub(crate) fn admin_preflight(
    request_headers: &[(String, String)],
    allow: Option<&str>,
) -> Response {
    let asks_token =
        headers::get(request_headers, "access-control-request-headers").is_some_and(|list| {
            list.split(',')
                .any(|name| name.trim().eq_ignore_ascii_case(ADMIN_TOKEN_HEADER))
        });
    if asks_token {
        return preflight_answer(allow, Cors::Admin { granted: true }, ADMIN_ALLOW_HEADERS);
    }
    let refused = ApiError::new(
        403,
        "admin API: a page may call it only with the header X-Admin-Token (the token the stand-in printed on startup)",
    );
    Cors::Admin { granted: false }.apply(refused.into_response())
}

/// A granted preflight answer allowing `allow_headers`.
fn preflight_answer(allow: Option<&str>, cors: Cors, allow_headers: &str) -> Response {
    let mut response = Response {
        status: 200,
        headers: Vec::new(),
        body: Vec::new(),
    };
    if let Some(allow) = allow {
        response.set_header("allow", allow);
    }
    cors.common(&mut response);
    response.set_header("access-control-allow-methods", ALLOW_METHODS);
    response.set_header("access-control-allow-headers", allow_headers);
    response.set_header("access-control-max-age", &MAX_AGE_SECS.to_string());
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::headers::pairs as h;

    #[test]
    fn the_rest_api_is_open_and_the_admin_api_only_with_the_token() {
        let pna = h(&[("access-control-request-private-network", "true")]);
        let open = Cors::open(&pna).apply(Response::json(200, &1));
        assert_eq!(open.header("access-control-allow-origin"), Some("*"));
        assert_eq!(
            open.header("access-control-allow-private-network"),
            Some("true")
        );
        let closed = Cors::Admin { granted: false }.apply(Response::json(200, &1));
        assert_eq!(closed.header("access-control-allow-origin"), None);
        let granted = Cors::Admin { granted: true }.apply(Response::json(200, &1));
        assert_eq!(granted.header("access-control-allow-origin"), Some("*"));
        assert_eq!(granted.header("access-control-allow-private-network"), None);
    }

    #[test]
    fn an_admin_preflight_is_granted_only_for_the_token_header() {
        let asks = h(&[
            ("origin", "http://127.0.0.1:9000"),
            (
                "access-control-request-headers",
                "content-type, X-Admin-Token",
            ),
            ("access-control-request-private-network", "true"),
        ]);
        let ok = admin_preflight(&asks, Some("POST"));
        assert_eq!(ok.status, 200);
        assert_eq!(ok.header("access-control-allow-origin"), Some("*"));
        assert_eq!(
            ok.header("access-control-allow-headers"),
            Some(ADMIN_ALLOW_HEADERS)
        );
        assert_eq!(ok.header("access-control-allow-private-network"), None);
        let plain = h(&[
            ("origin", "https://evil.example"),
            ("access-control-request-headers", "content-type"),
        ]);
        let refused = admin_preflight(&plain, Some("POST"));
        assert_eq!(refused.status, 403);
        assert_eq!(refused.header("access-control-allow-origin"), None);
        assert_eq!(refused.header("access-control-allow-headers"), None);
    }
}
