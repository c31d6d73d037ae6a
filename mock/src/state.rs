//! What every handler shares: the keys, the store, the fault queue and the
//! shutdown flag that ends delays and stalled answers.

use std::sync::Arc;

use tokio::sync::watch;

use crate::faults::FaultQueue;
use crate::keys::Keys;
use crate::store::Store;
use crate::Config;

/// Shared state, cheap to clone.
pub type AppState = Arc<Shared>;

/// The parts of the shared state.
pub struct Shared {
    /// The configured keys.
    pub keys: Keys,
    /// Sessions, history and the request log.
    pub store: Store,
    /// Pending injected faults.
    pub faults: FaultQueue,
    /// Turns true when the server starts shutting down.
    pub shutdown: watch::Sender<bool>,
}

impl Shared {
    /// State built from a configuration.
    pub fn new(config: Config) -> AppState {
        let (shutdown, _) = watch::channel(false);
        Arc::new(Self {
            keys: Keys::new(config.public_key, config.private_key),
            store: Store::new(config.fixture),
            faults: FaultQueue::default(),
            shutdown,
        })
    }
}
