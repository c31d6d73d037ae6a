//! takecontrol-mock: a local stand-in for N-able Take Control's REST Session
//! API (`POST /rest/session`, `GET /rest/session/history`) with a test-only
//! admin API (`/__admin/*`) for the request log and injected faults.
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

pub mod cors;
pub mod error;
pub mod faults;
pub mod fixture;
pub mod intercept;
pub mod keys;
pub mod routes;
pub mod state;
pub mod store;

pub use takecontrol_mock_core::{dates, filters, record, validate};

use std::future::Future;
use std::time::Duration;

use axum::Router;
use tokio::net::TcpListener;

use crate::record::Record;
use crate::state::Shared;

/// How long open connections (slow or stalled answers) may go on once
/// shutdown has begun before the server stops anyway.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// What the mock starts with. `Debug` hides the keys.
#[derive(Clone)]
pub struct Config {
    /// Key accepted by create session.
    pub public_key: String,
    /// Key accepted by history.
    pub private_key: String,
    /// History records to preload.
    pub fixture: Vec<Record>,
}

impl Default for Config {
    /// The demo keys and no fixture.
    fn default() -> Self {
        Self {
            public_key: keys::DEFAULT_PUBLIC_KEY.to_owned(),
            private_key: keys::DEFAULT_PRIVATE_KEY.to_owned(),
            fixture: Vec::new(),
        }
    }
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("fixture_records", &self.fixture.len())
            .finish_non_exhaustive()
    }
}

/// The whole mock as a router, for callers that serve it themselves.
/// (Slow and stalled fault answers then end only when their client leaves.)
pub fn app(config: Config) -> Router {
    routes::router(Shared::new(config))
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
    let server = axum::serve(listener, routes::router(state)).with_graceful_shutdown(signal);
    tokio::select! {
        result = server => result,
        () = async move {
            let _ = down.wait_for(|d| *d).await;
            tokio::time::sleep(SHUTDOWN_GRACE).await;
        } => Ok(()),
    }
}
