//! What the stand-in starts with: the two keys, the admin token and the
//! history fixture.

use crate::keys;
use crate::record::Record;

/// What the stand-in starts with. `Debug` hides the keys and the token.
#[derive(Clone)]
pub struct Config {
    /// Key accepted by create session.
    pub public_key: String,
    /// Key accepted by history.
    pub private_key: String,
    /// History records to preload.
    pub fixture: Vec<Record>,
    /// The token that lets an HTTP caller use the admin API from anywhere
    /// (header `X-Admin-Token`). `None` (or a token a header cannot carry:
    /// empty, spaces, non-ASCII): no token matches, and over HTTP only
    /// callers that are no web page get in ([`crate::access`]).
    pub admin_token: Option<String>,
}

impl Default for Config {
    /// The demo keys, no admin token and no fixture.
    fn default() -> Self {
        Self {
            public_key: keys::DEFAULT_PUBLIC_KEY.to_owned(),
            private_key: keys::DEFAULT_PRIVATE_KEY.to_owned(),
            fixture: Vec::new(),
            admin_token: None,
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
