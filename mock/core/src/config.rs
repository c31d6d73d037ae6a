//! What the stand-in starts with: the two keys and the history fixture.

use crate::keys;
use crate::record::Record;

/// What the stand-in starts with. `Debug` hides the keys.
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
