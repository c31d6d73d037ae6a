//! takecontrol-mock-core: every decision of the stand-in for N-able Take
//! Control's REST Session API (`POST /rest/session`,
//! `GET /rest/session/history`, `POST /rest/ticket`) and its test-only admin
//! API (`/__admin/*`), with no I/O.
//!
//! A shell reads a request into a [`Request`], passes it with the time to
//! [`StandIn::handle`] and performs the [`Step`] it gets back: send the
//! answer, stall it part way ([`Action::Stall`]), or wait and call
//! [`StandIn::resume`]. The native server (`takecontrol-mock`) is such a
//! shell; the core knows no socket, runtime, clock, file or random source
//! (the shells make the admin token).
//!
//! No web page may drive or read the stand-in: over HTTP
//! ([`Transport::Http`]) only loopback `Host` names are answered
//! ([`loopback`]), the admin API lets in a caller with the admin token or
//! one that shows no sign of being a page ([`access`]), grants CORS only
//! with the token ([`cors`]), and no answer can run as a page
//! ([`hardening`], and [`faults`] refuses markup). What it keeps is bounded
//! ([`bounded`]).

#![warn(missing_docs)]
// Nothing a request reaches may panic.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::unreachable,
        clippy::todo
    )
)]

pub mod access;
pub mod body;
pub mod bounded;
pub mod config;
pub mod cors;
pub mod dates;
pub mod error;
pub mod exchange;
pub mod faults;
pub mod filters;
pub mod fixture;
pub mod hardening;
pub mod headers;
pub mod keys;
pub mod loopback;
pub mod record;
pub mod request_log;
pub mod routes;
pub mod stand_in;
pub mod store;
pub mod tickets;
pub mod token;
pub mod validate;

pub use config::Config;
pub use exchange::{Action, Exchange, Pending, Request, Response, Step, Transport};
pub use stand_in::StandIn;
