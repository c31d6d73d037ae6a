//! CORS on every answer, errors and injected faults included: any origin,
//! the methods and headers the API uses, `Retry-After` exposed to pages;
//! preflights answered in full. Chrome's private-network preflights (a public
//! page calling loopback) are allowed.

use crate::exchange::Response;
use crate::headers;

/// How long a browser may cache a preflight answer, in seconds.
pub const MAX_AGE_SECS: u64 = 600;

/// The methods a preflight allows.
pub const ALLOW_METHODS: &str = "GET,POST,DELETE,OPTIONS";

/// The request headers a preflight allows.
pub const ALLOW_HEADERS: &str = "integration-key,content-type";

/// The request headers a CORS answer depends on.
const VARY: &str = "origin, access-control-request-method, access-control-request-headers";

/// What the CORS headers of one answer depend on in its request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cors {
    /// The request asked for private network access.
    private_network: bool,
}

impl Cors {
    /// The CORS side of a request.
    pub(crate) fn for_request(headers: &[(String, String)]) -> Self {
        Self {
            private_network: headers::get(headers, "access-control-request-private-network")
                == Some("true"),
        }
    }

    /// The headers every answer carries.
    fn common(self, response: &mut Response) {
        response.headers.push(("vary".to_owned(), VARY.to_owned()));
        if self.private_network {
            response.set_header("access-control-allow-private-network", "true");
        }
        response.set_header("access-control-allow-origin", "*");
        response.set_header("access-control-expose-headers", "retry-after");
    }

    /// Adds the CORS headers to an answer.
    pub(crate) fn apply(self, mut response: Response) -> Response {
        self.common(&mut response);
        response
    }

    /// The answer to a preflight (any `OPTIONS` request): 200, no body. A
    /// known path names its methods in `Allow` (`allow`), as every answer to
    /// a method a path does not take does.
    pub(crate) fn preflight(self, allow: Option<&str>) -> Response {
        let mut response = Response {
            status: 200,
            headers: Vec::new(),
            body: Vec::new(),
        };
        if let Some(allow) = allow {
            response.set_header("allow", allow);
        }
        self.common(&mut response);
        response.set_header("access-control-allow-methods", ALLOW_METHODS);
        response.set_header("access-control-allow-headers", ALLOW_HEADERS);
        response.set_header("access-control-max-age", &MAX_AGE_SECS.to_string());
        response
    }
}
