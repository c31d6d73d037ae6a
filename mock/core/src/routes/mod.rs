//! Which route answers a method and path: the emulated API under `/rest`,
//! the admin API under `/__admin`; for anything else a JSON 404, and for a
//! known path asked with a method it does not take a JSON 405 with `Allow`.

pub mod admin;
pub mod history;
pub mod session;
pub mod ticket;

use crate::keys::KeyKind;

/// One thing the stand-in does for a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// `POST /rest/session`.
    CreateSession,
    /// `GET /rest/session/history`.
    History,
    /// `POST /rest/ticket`.
    CreateTicket,
    /// `GET /__admin/requests`.
    ListRequests,
    /// `DELETE /__admin/requests`.
    ClearRequests,
    /// `GET /__admin/sessions`.
    ListSessions,
    /// `GET /__admin/tickets`.
    ListTickets,
    /// `POST /__admin/reset`.
    Reset,
    /// `GET /__admin/faults`.
    ListFaults,
    /// `POST /__admin/faults`.
    AddFaults,
    /// `DELETE /__admin/faults`.
    ClearFaults,
    /// `GET /__admin/stats`.
    Stats,
}

impl Route {
    /// The key the route takes, if any.
    pub fn key(self) -> Option<KeyKind> {
        match self {
            Route::CreateSession | Route::CreateTicket => Some(KeyKind::Public),
            Route::History => Some(KeyKind::Private),
            _ => None,
        }
    }
}

/// A path the stand-in knows: its methods as `Allow` lists them, and the
/// route for each. A `GET` route answers `HEAD` too.
struct KnownPath {
    path: &'static str,
    allow: &'static str,
    methods: &'static [(&'static str, Route)],
}

const PATHS: [KnownPath; 9] = [
    KnownPath {
        path: "/rest/session",
        allow: "POST",
        methods: &[("POST", Route::CreateSession)],
    },
    KnownPath {
        path: "/rest/session/history",
        allow: "GET,HEAD",
        methods: &[("GET", Route::History)],
    },
    KnownPath {
        path: "/rest/ticket",
        allow: "POST",
        methods: &[("POST", Route::CreateTicket)],
    },
    KnownPath {
        path: "/__admin/requests",
        allow: "GET,HEAD,DELETE",
        methods: &[
            ("GET", Route::ListRequests),
            ("DELETE", Route::ClearRequests),
        ],
    },
    KnownPath {
        path: "/__admin/sessions",
        allow: "GET,HEAD",
        methods: &[("GET", Route::ListSessions)],
    },
    KnownPath {
        path: "/__admin/tickets",
        allow: "GET,HEAD",
        methods: &[("GET", Route::ListTickets)],
    },
    KnownPath {
        path: "/__admin/reset",
        allow: "POST",
        methods: &[("POST", Route::Reset)],
    },
    KnownPath {
        path: "/__admin/faults",
        allow: "GET,HEAD,POST,DELETE",
        methods: &[
            ("GET", Route::ListFaults),
            ("POST", Route::AddFaults),
            ("DELETE", Route::ClearFaults),
        ],
    },
    KnownPath {
        path: "/__admin/stats",
        allow: "GET,HEAD",
        methods: &[("GET", Route::Stats)],
    },
];

/// Why no route answers a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Miss {
    /// No such path: 404.
    NotFound,
    /// A known path, another method: 405, with the path's methods.
    MethodNotAllowed {
        /// The `Allow` header's value.
        allow: &'static str,
    },
}

/// The route for `method` (exact, as sent) on `path` (exact, no query).
pub fn find(method: &str, path: &str) -> Result<Route, Miss> {
    let known = PATHS
        .iter()
        .find(|p| p.path == path)
        .ok_or(Miss::NotFound)?;
    let method = if method == "HEAD" { "GET" } else { method };
    known
        .methods
        .iter()
        .find(|(m, _)| *m == method)
        .map(|(_, route)| *route)
        .ok_or(Miss::MethodNotAllowed { allow: known.allow })
}

/// The `Allow` list of a known path.
pub fn allow(path: &str) -> Option<&'static str> {
    PATHS.iter().find(|p| p.path == path).map(|p| p.allow)
}

/// Whether `path` is part of the emulated API.
pub fn is_rest(path: &str) -> bool {
    path == "/rest" || path.starts_with("/rest/")
}

/// Whether `path` is part of the admin API (known or not).
pub fn is_admin(path: &str) -> bool {
    path == "/__admin" || path.starts_with("/__admin/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_routes_and_tells_404_from_405() {
        assert_eq!(find("POST", "/rest/session"), Ok(Route::CreateSession));
        assert_eq!(find("HEAD", "/rest/session/history"), Ok(Route::History));
        assert_eq!(
            find("GET", "/rest/session"),
            Err(Miss::MethodNotAllowed { allow: "POST" })
        );
        assert_eq!(
            find("post", "/__admin/faults"),
            Err(Miss::MethodNotAllowed {
                allow: "GET,HEAD,POST,DELETE"
            })
        );
        assert_eq!(find("GET", "/rest/session/"), Err(Miss::NotFound));
        assert_eq!(find("POST", "/rest/ticket"), Ok(Route::CreateTicket));
        assert_eq!(
            find("GET", "/rest/ticket"),
            Err(Miss::MethodNotAllowed { allow: "POST" })
        );
        assert_eq!(find("POST", "/rest/tickets"), Err(Miss::NotFound));
        assert_eq!(find("HEAD", "/__admin/tickets"), Ok(Route::ListTickets));
        assert_eq!(allow("/rest/ticket"), Some("POST"));
        assert_eq!(allow("/nowhere"), None);
        assert!(is_rest("/rest") && is_rest("/rest/x") && !is_rest("/restx"));
        assert!(is_admin("/__admin") && is_admin("/__admin/x") && !is_admin("/__adminx"));
        assert_eq!(Route::History.key(), Some(KeyKind::Private));
        assert_eq!(Route::Reset.key(), None);
    }
}
