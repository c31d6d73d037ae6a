//! What keeps a browser from running anything the stand-in sends: it
//! serves no pages, so every answer (errors, preflights, injected faults,
//! stalled and delayed answers) says so. `Content-Security-Policy: sandbox`
//! makes a document opened from it a unique origin with no script, and
//! `X-Content-Type-Options: nosniff` stops a browser from guessing a
//! content type the answer does not declare.

use crate::exchange::Response;

/// The headers every answer carries, in order.
pub const HARDENING: [(&str, &str); 2] = [
    ("content-security-policy", "sandbox"),
    ("x-content-type-options", "nosniff"),
];

/// Adds [`HARDENING`] to an answer (replacing any value they had).
pub(crate) fn harden(mut response: Response) -> Response {
    for (name, value) in HARDENING {
        response.set_header(name, value);
    }
    response
}
