//! How a call is made, whatever it asks for: the API base, the key, the
//! time budget and the retry budget. Shared by every endpoint.

use alloc::string::String;

use crate::limiter::RateLimit;

/// The API domain of the documented example account; each account has its
/// own (Profile > APIs in the Take Control admin area).
pub const DEFAULT_API_BASE: &str = "https://api.us0.swi-rc.com";
/// Total time a call may take, retries and waits included, unless `timeoutMs` says otherwise.
pub const DEFAULT_TIMEOUT_MS: u32 = 15_000;
/// Retries after a 429 or 503, unless `maxRetries` says otherwise.
pub const DEFAULT_MAX_RETRIES: u32 = 2;
/// The most retries a caller may ask for.
pub const MAX_RETRIES_LIMIT: u32 = 10;
/// The longest `timeoutMs` a JS timer can hold (2^31 - 1 ms, about 24.8 days).
pub const MAX_TIMEOUT_MS: u32 = 2_147_483_647;

/// A key, kept out of `Debug` output so that it never lands in a log.
///
/// # Examples
///
/// ```
/// use takecontrol_session::settings::ApiKey;
///
/// let key = ApiKey::new("demo-public-key".into());
/// assert_eq!(format!("{key:?}"), "ApiKey(..)");
/// ```
#[derive(Clone, Default, PartialEq, Eq)]
pub struct ApiKey(String);

impl ApiKey {
    /// Wraps a key the caller gave.
    ///
    /// # Examples
    ///
    /// ```
    /// use takecontrol_session::settings::ApiKey;
    ///
    /// let key = ApiKey::new("demo-public-key".into());
    /// assert_eq!(key.expose(), "demo-public-key");
    /// ```
    pub fn new(key: String) -> Self {
        ApiKey(key)
    }

    /// The key itself, for the `INTEGRATION-KEY` header and for redaction only.
    ///
    /// # Examples
    ///
    /// ```
    /// use takecontrol_session::settings::ApiKey;
    ///
    /// assert_eq!(ApiKey::new("k-123".into()).expose(), "k-123");
    /// ```
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl core::fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("ApiKey(..)")
    }
}

/// The call settings exactly as the caller gave them (`None` = not given).
///
/// # Examples
///
/// ```
/// use takecontrol_session::settings::CallSettings;
/// use takecontrol_session::validate::call_plan;
///
/// let settings = CallSettings { timeout_ms: Some(5000.0), ..CallSettings::default() };
/// let plan = call_plan(&settings, Vec::new()).unwrap();
/// assert_eq!((plan.timeout_ms, plan.max_retries), (5000, 2));
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CallSettings {
    /// `apiBase`.
    pub api_base: Option<String>,
    /// `timeoutMs`.
    pub timeout_ms: Option<f64>,
    /// `maxRetries`.
    pub max_retries: Option<f64>,
    /// `rateLimit.requests`, when `rateLimit` was given.
    pub rate_limit_requests: Option<f64>,
    /// `rateLimit.perSeconds`, when `rateLimit` was given.
    pub rate_limit_per_seconds: Option<f64>,
    /// Whether `rateLimit` was given at all.
    pub rate_limit_given: bool,
}

/// Call settings after validation, with the defaults filled in.
///
/// # Examples
///
/// ```
/// use takecontrol_session::settings::{CallSettings, DEFAULT_API_BASE, DEFAULT_TIMEOUT_MS};
/// use takecontrol_session::validate::call_plan;
///
/// let plan = call_plan(&CallSettings::default(), Vec::new()).unwrap();
/// assert_eq!(plan.api_base, DEFAULT_API_BASE);
/// assert_eq!(plan.timeout_ms, DEFAULT_TIMEOUT_MS);
/// assert!(plan.rate_limit.is_none());
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct CallPlan {
    /// The API base without a trailing slash, e.g. `https://api.us0.swi-rc.com`.
    pub api_base: String,
    /// Total budget for the call, in milliseconds.
    pub timeout_ms: u32,
    /// How many times a 429 or 503 may be retried.
    pub max_retries: u32,
    /// The page's own limit on calls, when the caller set one.
    pub rate_limit: Option<RateLimit>,
}

impl CallPlan {
    /// The rate-limit bucket of a call with `key`: one per key and API base.
    ///
    /// # Examples
    ///
    /// ```
    /// use takecontrol_session::settings::{ApiKey, CallSettings};
    /// use takecontrol_session::validate::call_plan;
    ///
    /// let plan = call_plan(&CallSettings::default(), Vec::new()).unwrap();
    /// assert_eq!(plan.bucket(&ApiKey::new("k".into())), "https://api.us0.swi-rc.com k");
    /// ```
    pub fn bucket(&self, key: &ApiKey) -> String {
        let mut bucket = String::with_capacity(self.api_base.len() + key.expose().len() + 1);
        bucket.push_str(&self.api_base);
        bucket.push(' ');
        bucket.push_str(key.expose());
        bucket
    }

    /// The full URL of an API path such as `/rest/session`.
    ///
    /// # Examples
    ///
    /// ```
    /// use takecontrol_session::settings::CallSettings;
    /// use takecontrol_session::validate::call_plan;
    ///
    /// let settings = CallSettings { api_base: Some("http://127.0.0.1:8787/".into()), ..CallSettings::default() };
    /// let plan = call_plan(&settings, Vec::new()).unwrap();
    /// assert_eq!(plan.url("/rest/session"), "http://127.0.0.1:8787/rest/session");
    /// ```
    pub fn url(&self, path: &str) -> String {
        let mut url = String::with_capacity(self.api_base.len() + path.len());
        url.push_str(&self.api_base);
        url.push_str(path);
        url
    }
}
