//! How much of a request body the stand-in takes: 64 KiB on `/rest/*` (more
//! is a 413 whatever the route), 2 MiB for the one admin call that reads a
//! body, nothing elsewhere.

use crate::headers;
use crate::routes::{self, Route};

/// Largest accepted request body on `/rest/*`, in bytes.
pub const BODY_LIMIT: usize = 64 * 1024;

/// Largest body `POST /__admin/faults` reads, in bytes.
pub const ADMIN_BODY_LIMIT: usize = 2 * 1024 * 1024;

/// The most body bytes the request to `method` and `path` is read with;
/// `None` when nothing reads its body (preflights, most admin calls, 404s
/// and 405s outside `/rest`).
pub(crate) fn limit(method: &str, path: &str) -> Option<usize> {
    if method == "OPTIONS" {
        None
    } else if routes::is_rest(path) {
        Some(BODY_LIMIT)
    } else if routes::find(method, path) == Ok(Route::AddFaults) {
        Some(ADMIN_BODY_LIMIT)
    } else {
        None
    }
}

/// Whether the declared `Content-Length` is over `limit`.
pub(crate) fn declared_over(headers: &[(String, String)], limit: usize) -> bool {
    headers::get(headers, "content-length")
        .filter(|v| headers::is_visible_ascii(v))
        .and_then(|v| v.trim().parse::<u64>().ok())
        .is_some_and(|n| n > limit as u64)
}
