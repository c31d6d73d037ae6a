//! The admin token: the secret a caller of the admin API sends in
//! `X-Admin-Token` when it cannot prove otherwise that no web page sent the
//! request (see [`crate::access`]). The shells make it (random at each start,
//! or given); the core only compares it, in constant time.

/// The request header that carries the admin token.
pub const ADMIN_TOKEN_HEADER: &str = "x-admin-token";

/// The configured admin token. `Debug` hides it.
#[derive(Clone, PartialEq, Eq)]
pub struct AdminToken(String);

impl std::fmt::Debug for AdminToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AdminToken(..)")
    }
}

impl AdminToken {
    /// A token from its text; `None` when it is empty or not visible ASCII
    /// (a header could not carry it).
    pub fn new(text: &str) -> Option<Self> {
        let usable = !text.is_empty() && text.bytes().all(|b| (33..127).contains(&b));
        usable.then(|| Self(text.to_owned()))
    }

    /// Whether `candidate` is this token. The time taken depends on the
    /// lengths only, never on where the two first differ.
    pub fn matches(&self, candidate: &str) -> bool {
        constant_time_eq(self.0.as_bytes(), candidate.as_bytes())
    }
}

/// Byte equality whose time does not depend on the contents.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    let mut diff = u8::from(a.len() != b.len());
    for (i, x) in a.iter().enumerate() {
        // A shorter candidate is compared against itself cyclically, so
        // the loop always runs over the whole token.
        let y = if b.is_empty() {
            !x
        } else {
            b.get(i % b.len()).copied().unwrap_or(!x)
        };
        diff |= x ^ y;
    }
    diff == 0
}

/// The hex text of random bytes: how the shells turn 16 random bytes into
/// a token.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compares_whole_tokens_only() {
        let token = AdminToken::new("0123abcd").unwrap();
        assert!(token.matches("0123abcd"));
        for other in [
            "",
            "0123abc",
            "0123abcd0",
            "0123abce",
            "1123abcd",
            "0123ABCD",
        ] {
            assert!(!token.matches(other), "{other}");
        }
        assert!(AdminToken::new("").is_none());
        assert!(AdminToken::new("a b").is_none());
        assert!(AdminToken::new("clé").is_none());
        assert!(!format!("{token:?}").contains("0123"));
        assert_eq!(hex(&[0, 15, 255]), "000fff");
    }
}
