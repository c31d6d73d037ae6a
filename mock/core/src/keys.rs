//! The two integration keys: which kind a request carries, and how startup
//! names them without ever showing a key that is not the demo default.

use serde::Serialize;

use crate::error::ApiError;
use crate::headers;

/// The public key used when none is configured.
pub const DEFAULT_PUBLIC_KEY: &str = "demo-public-key";
/// The private key used when none is configured.
pub const DEFAULT_PRIVATE_KEY: &str = "demo-private-key";
/// The request header that carries the key (header names are case-insensitive).
pub const KEY_HEADER: &str = "integration-key";

/// The configured keys. `Debug` hides both values.
#[derive(Clone)]
pub struct Keys {
    public: String,
    private: String,
}

impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Keys { .. }")
    }
}

/// What the key of a request turned out to be (in the request log:
/// `"public"`, `"private"`, `"unknown"`, `"none"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum KeyKind {
    /// The public key (create session, tickets).
    Public,
    /// The private key (history).
    Private,
    /// A value that is neither key (or not visible ASCII).
    Unknown,
    /// No `INTEGRATION-KEY` header.
    None,
}

impl Keys {
    /// Keys from their values.
    pub fn new(public: impl Into<String>, private: impl Into<String>) -> Self {
        Self {
            public: public.into(),
            private: private.into(),
        }
    }

    /// Which key the request's `INTEGRATION-KEY` header holds (a value
    /// that is not visible ASCII is no key).
    pub fn classify(&self, headers: &[(String, String)]) -> KeyKind {
        let Some(value) = headers::get(headers, KEY_HEADER) else {
            return KeyKind::None;
        };
        if !headers::is_visible_ascii(value) {
            KeyKind::Unknown
        } else if value == self.public {
            KeyKind::Public
        } else if value == self.private {
            KeyKind::Private
        } else {
            KeyKind::Unknown
        }
    }

    /// `Ok` when the request carries the public key, else a 403.
    pub fn require_public(&self, headers: &[(String, String)]) -> Result<(), ApiError> {
        match self.classify(headers) {
            KeyKind::Public => Ok(()),
            _ => Err(ApiError::invalid_key()),
        }
    }

    /// `Ok` when the request carries the private key, else a 403.
    pub fn require_private(&self, headers: &[(String, String)]) -> Result<(), ApiError> {
        match self.classify(headers) {
            KeyKind::Private => Ok(()),
            _ => Err(ApiError::invalid_key()),
        }
    }
}

/// The startup line naming one key: its value only when it is the demo default.
///
/// `describe("public key", "demo-public-key", DEFAULT_PUBLIC_KEY)` gives
/// `public key: demo-public-key (demo default)`; any other value gives
/// `public key: (set, hidden)`.
pub fn describe(label: &str, value: &str, default: &str) -> String {
    if value == default {
        format!("{label}: {value} (demo default)")
    } else {
        format!("{label}: (set, hidden)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(key: &str) -> Vec<(String, String)> {
        vec![(KEY_HEADER.to_owned(), key.to_owned())]
    }

    #[test]
    fn classifies_keys() {
        let keys = Keys::new("pub", "priv");
        assert_eq!(keys.classify(&headers("pub")), KeyKind::Public);
        assert_eq!(keys.classify(&headers("priv")), KeyKind::Private);
        assert_eq!(keys.classify(&headers("other")), KeyKind::Unknown);
        assert_eq!(keys.classify(&[]), KeyKind::None);
        assert_eq!(
            Keys::new("clé", "x").classify(&headers("clé")),
            KeyKind::Unknown
        );
        assert!(keys.require_public(&headers("priv")).is_err());
        assert!(keys.require_private(&headers("pub")).is_err());
    }

    #[test]
    fn hides_non_default_keys() {
        assert_eq!(
            describe("public key", DEFAULT_PUBLIC_KEY, DEFAULT_PUBLIC_KEY),
            "public key: demo-public-key (demo default)"
        );
        let line = describe("private key", "s3cret", DEFAULT_PRIVATE_KEY);
        assert_eq!(line, "private key: (set, hidden)");
        assert!(!format!("{:?}", Keys::new("s3cret", "x")).contains("s3cret"));
    }
}
