//! takecontrol-mock: a local stand-in for N-able Take Control's REST Session
//! API (`POST /rest/session`, `GET /rest/session/history`, `POST /rest/ticket`)
//! with a test-only admin API (`/__admin/*`) for the request log, the created
//! sessions and tickets, and injected faults.
//!
//! This crate is the native shell around `takecontrol-mock-core`, which
//! decides every answer: it serves HTTP with axum and tokio, reads each
//! request for the core and performs what the core says (wait, send, stall).
//!
//! Tests can run it in-process: bind a listener and call [`serve`], or mount
//! [`app`] themselves.

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

mod convert;
pub mod fixture;
mod handler;
mod stall;
mod state;

pub use takecontrol_mock_core::{keys, record, token, Config};

use std::future::Future;
use std::time::Duration;

use axum::Router;
use tokio::net::TcpListener;

use crate::state::Shared;

/// How long open connections (slow or stalled answers) may go on once
/// shutdown has begun before the server stops anyway.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// The whole mock as a router, for callers that serve it themselves.
/// (Slow and stalled fault answers then end only when their client leaves.)
pub fn app(config: Config) -> Router {
    handler::router(Shared::new(config))
}

/// Serves the mock on `listener` until `shutdown` resolves, then stops
/// gracefully: new connections are refused, delays and stalled answers are
/// cut, and after [`SHUTDOWN_GRACE`] the server stops regardless.
pub async fn serve<F>(listener: TcpListener, config: Config, shutdown: F) -> std::io::Result<()>
where
    F: Future<Output = ()> + Send + 'static,
{
    let state = Shared::new(config);
    let trigger = state.shutdown.clone();
    let mut down = state.shutdown.subscribe();
    let signal = async move {
        shutdown.await;
        trigger.send_replace(true);
    };
    let server = axum::serve(listener, handler::router(state)).with_graceful_shutdown(signal);
    tokio::select! {
        result = server => result,
        () = async move {
            let _ = down.wait_for(|d| *d).await;
            tokio::time::sleep(SHUTDOWN_GRACE).await;
        } => Ok(()),
    }
}
