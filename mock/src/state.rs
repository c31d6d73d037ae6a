//! What the handler shares: the core behind one lock, the clock it is given,
//! and the shutdown flag that ends delays and stalled answers.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{SystemTime, UNIX_EPOCH};

use takecontrol_mock_core::{Config, Exchange, Pending, Request, StandIn, Step};
use tokio::sync::watch;

/// Shared state, cheap to clone.
pub type AppState = Arc<Shared>;

/// The parts of the shared state.
pub struct Shared {
    /// The core; every call on it is brief and never held across an `.await`.
    stand_in: Mutex<StandIn>,
    /// Turns true when the server starts shutting down.
    pub shutdown: watch::Sender<bool>,
}

impl Shared {
    /// State built from a configuration.
    pub fn new(config: Config) -> AppState {
        let (shutdown, _) = watch::channel(false);
        Arc::new(Self {
            stand_in: Mutex::new(StandIn::new(config)),
            shutdown,
        })
    }

    /// The core's step for a request received now.
    pub fn handle(&self, request: Request) -> Step {
        self.lock().handle(request, now_ms())
    }

    /// The core's answer for a request whose delay is over now.
    pub fn resume(&self, pending: Pending) -> Exchange {
        self.lock().resume(pending, now_ms())
    }

    /// Locks the core, taking it even if another thread panicked with it.
    fn lock(&self) -> MutexGuard<'_, StandIn> {
        self.stand_in
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Resolves once `shutdown` turns true (or its sender is gone).
pub async fn shutdown_signalled(mut shutdown: watch::Receiver<bool>) {
    let _ = shutdown.wait_for(|down| *down).await;
}

/// Milliseconds since the Unix epoch, by the system clock.
fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
        .unwrap_or(0)
}
