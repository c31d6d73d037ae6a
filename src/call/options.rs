//! The caller's option object, and the options every call shares. An
//! endpoint declares its own options and their JS types with
//! `declare_options!`, as TypeScript writes an object type;
//! [`Options::read`] has js/options.js read the object against them and
//! `CALL_OPTIONS` (unknown names and wrong JS types become field errors
//! there). The values come back in the order the declarations name them,
//! `CALL_OPTIONS`'s first: the endpoint takes each by its name with
//! `slot!`, which finds the name's place in the declaration when the crate
//! compiles (an undeclared name does not compile). The key and the call
//! settings are read and checked here, into the [`Ready`] call that
//! `call::start` takes.

use crate::js::{AbortSignal, Array, JsString};
use alloc::borrow::ToOwned;
use alloc::string::String;
use alloc::vec::Vec;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::error::{FieldError, Problems, Reason};
use super::limiter::RateLimit;
use crate::numbers::is_whole;

/// Declares a function's own options (its key first among them) and their
/// JS types, or an endpoint's wire members: `NAME` is the text, for `slot!`
/// and the tests; `NAME_JS` the same text as a JS string made once, for
/// js/options.js, which caches what it parses by it.
macro_rules! declare_options {
    ($(#[$doc:meta])* $name:ident, $js:ident = $text:tt) => {
        $(#[$doc])*
        const $name: &str = $text;
        #[wasm_bindgen::prelude::wasm_bindgen(js_sys = $crate::js)]
        extern "C" {
            #[wasm_bindgen(thread_local_v2, static_string)]
            static $js: $crate::js::JsString = $text;
        }
    };
}
pub(crate) use declare_options;

/// Declares an endpoint's wire members (`"wire_name: optionName, ..."`, in
/// the API's order) as `declare_options!` does, and checks when the crate
/// compiles that each names an option of the `OPTIONS` declared in scope.
macro_rules! declare_wire {
    ($(#[$doc:meta])* $name:ident, $js:ident = $text:tt) => {
        $crate::call::options::declare_options! { $(#[$doc])* $name, $js = $text }
        const _: () = assert!(
            $crate::call::options::wire_is_declared($name, OPTIONS),
            "the wire declaration names an undeclared option"
        );
    };
}
pub(crate) use declare_wire;

/// The slot of the option `name` (`"customerName"`, `"filters.id"`) of the
/// `OPTIONS` declared in scope, found when the crate compiles.
macro_rules! slot {
    ($name:literal) => {
        const { $crate::call::options::slot_of(OPTIONS, $name) }
    };
}
pub(crate) use slot;

declare_options! {
    /// The options every call takes besides its key, and the JS type of each.
    CALL_OPTIONS, CALL_OPTIONS_JS = "apiBase: string, timeoutMs: number, maxRetries: number, signal: signal, rateLimit: { requests: number, perSeconds: number }"
}

/// What a refused `apiBase` is told.
const API_BASE_MESSAGE: &str = "must be an https:// URL such as https://api.us0.swi-rc.com (http:// only for localhost, 127.0.0.1 and [::1]), without user info, query or fragment";

/// The API domain of the documented example account; each account has its
/// own (Profile > APIs in the Take Control admin area).
pub const DEFAULT_API_BASE: &str = "https://api.us0.swi-rc.com";
/// Total time a call may take, retries and waits included, unless `timeoutMs` says otherwise.
pub const DEFAULT_TIMEOUT_MS: u32 = 15_000;
/// Retries after a 429 or 503, unless `maxRetries` says otherwise.
pub const DEFAULT_MAX_RETRIES: u32 = 2;
/// The most retries a caller may ask for.
const MAX_RETRIES_LIMIT: u32 = 10;
/// The longest `timeoutMs` a JS timer can hold (2^31 - 1 ms, about 24.8 days).
const MAX_TIMEOUT_MS: u32 = 2_147_483_647;
/// The most calls a `rateLimit` window may allow, and its longest window.
const MAX_RATE_REQUESTS: f64 = 10_000.0;
const MAX_RATE_SECONDS: f64 = 86_400.0;

/// Where the option `name` is among the names of `declaration`, counted in
/// the order they appear (a nested object's own name, then its members'),
/// or `None` when it does not declare it. A nested name is written with
/// dots: `filters.id`. js/options.js counts the same way.
// Evaluated when the crate compiles (`slot!`): a panic there is a compile error.
#[allow(clippy::indexing_slicing, clippy::panic)]
pub(crate) const fn position(declaration: &str, name: &str) -> Option<u32> {
    let text = declaration.as_bytes();
    let target = name.as_bytes();
    // The start and length of the enclosing names, by depth.
    let mut path = [(0usize, 0usize); 4];
    let mut depth = 0;
    let mut count = 0;
    let mut found = None;
    let mut i = 0;
    while i < text.len() {
        let byte = text[i];
        if byte == b'{' {
            depth += 1;
        } else if byte == b'}' {
            depth -= 1;
        }
        if !is_word(byte) {
            i += 1;
            continue;
        }
        let start = i;
        while i < text.len() && is_word(text[i]) {
            i += 1;
        }
        let mut after = i;
        while after < text.len() && text[after] == b' ' {
            after += 1;
        }
        if after < text.len() && text[after] == b':' {
            path[depth] = (start, i - start);
            if path_is(text, &path, depth, target) {
                if found.is_some() {
                    panic!("an option is declared twice");
                }
                found = Some(count);
            }
            count += 1;
        }
    }
    found
}

const fn is_word(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_'
}

/// Whether the names `path[0..=depth]` of `text`, joined with dots, are `target`.
// Evaluated when the crate compiles (`slot!`): a panic there is a compile error.
#[allow(clippy::indexing_slicing, clippy::panic)]
const fn path_is(text: &[u8], path: &[(usize, usize); 4], depth: usize, target: &[u8]) -> bool {
    let mut at = 0;
    let mut level = 0;
    while level <= depth {
        let (start, len) = path[level];
        if level > 0 {
            if at >= target.len() || target[at] != b'.' {
                return false;
            }
            at += 1;
        }
        let mut k = 0;
        while k < len {
            if at >= target.len() || target[at] != text[start + k] {
                return false;
            }
            at += 1;
            k += 1;
        }
        level += 1;
    }
    at == target.len()
}

/// Whether every option a wire declaration names (`"wire_name: optionName,
/// ..."`) is one of `own`'s top-level options; the endpoints assert it when
/// the crate compiles (`declare_wire!`), so that js/options.js's
/// `jsonBody` finds each.
// Evaluated when the crate compiles; slices are cut at ASCII bytes.
#[allow(clippy::indexing_slicing)]
pub(crate) const fn wire_is_declared(wire: &str, own: &str) -> bool {
    let text = wire.as_bytes();
    let mut i = 0;
    while i < text.len() {
        // Past the wire name and its ": ", to the option name.
        while i < text.len() && text[i] != b':' {
            i += 1;
        }
        if i == text.len() {
            return false;
        }
        i += 1;
        while i < text.len() && text[i] == b' ' {
            i += 1;
        }
        let start = i;
        while i < text.len() && is_word(text[i]) {
            i += 1;
        }
        let (_, rest) = text.split_at(start);
        let (option, _) = rest.split_at(i - start);
        match core::str::from_utf8(option) {
            Ok(option) if !option.is_empty() && position(own, option).is_some() => {}
            _ => return false,
        }
        while i < text.len() && !is_word(text[i]) {
            i += 1;
        }
    }
    true
}

/// How many names `declaration` declares, nested ones included.
// Evaluated when the crate compiles (`slot!`): a panic there is a compile error.
#[allow(clippy::indexing_slicing, clippy::panic)]
const fn name_count(declaration: &str) -> u32 {
    let text = declaration.as_bytes();
    let mut count = 0;
    let mut i = 0;
    while i < text.len() {
        if text[i] == b':' {
            count += 1;
        }
        i += 1;
    }
    count
}

/// The slot of the option `name` in an object read against `own` and
/// `CALL_OPTIONS` (whose slots come first); use `slot!`, which makes
/// this a compile-time constant.
// Evaluated when the crate compiles (`slot!`): a panic there is a compile error.
#[allow(clippy::indexing_slicing, clippy::panic)]
pub(crate) const fn slot_of(own: &str, name: &str) -> u32 {
    match position(CALL_OPTIONS, name) {
        Some(slot) => slot,
        None => match position(own, name) {
            Some(slot) => name_count(CALL_OPTIONS) + slot,
            None => panic!("the option read is not declared"),
        },
    }
}

#[wasm_bindgen(module = "/js/options.js")]
extern "C" {
    /// The values of `value` read against the options `call` and `own`
    /// declare, in slot order; every problem goes into `errors` as
    /// `field, reason, message`.
    #[wasm_bindgen(js_name = readOptions)]
    fn read_options(value: &JsValue, call: &JsString, own: &JsString, errors: &Array) -> Array;

    /// The JSON body of a request from `values` (what `readOptions` read
    /// against `call` and `own`): the members `wire` declares, in its order,
    /// whose option was given, each value as `JSON.stringify` writes it.
    #[wasm_bindgen(js_name = jsonBody)]
    fn json_body(values: &Array, call: &JsString, own: &JsString, wire: &JsString) -> JsString;

    /// `text` as an API base (origin and path, no trailing slash), read by
    /// the platform's URL parser and held to the package's rules;
    /// `undefined` when it is not one (a JS value, not `Option<String>`:
    /// one string conversion fewer in the .wasm).
    #[wasm_bindgen(js_name = apiBaseOf)]
    fn api_base_of(text: &str) -> JsValue;
}

/// A caller's option object, read against the options a function declares.
pub struct Options {
    values: Array,
    own: &'static wasm_bindgen::JsThreadLocal<JsString>,
}

/// A date option: a JS `Date` (its milliseconds) or a string.
#[derive(Clone, Debug, PartialEq)]
pub enum DateInput {
    /// `Date.prototype.getTime()`, NaN for an invalid date.
    Millis(f64),
    /// `YYYY-MM-DD HH:MM:SS`.
    Text(String),
}

impl Options {
    /// Reads `value` against the endpoint's own options (its `OPTIONS_JS`,
    /// from `declare_options!`) and `CALL_OPTIONS`: the values, and the
    /// problems met reading them (in the caller's key order), which start
    /// every list of problems with the object.
    pub fn read(
        value: &JsValue,
        own: &'static wasm_bindgen::JsThreadLocal<JsString>,
    ) -> (Self, Problems) {
        let errors = Array::new();
        let values =
            own.with(|own| CALL_OPTIONS_JS.with(|call| read_options(value, call, own, &errors)));
        (Options { values, own }, Problems::read(errors))
    }

    /// The JSON body of a request whose wire members `wire` declares
    /// (`"wire_name: optionName, ..."` in the API's order, each option one
    /// the endpoint declares): the given ones, their values as the caller
    /// gave them, written by the platform's `JSON.stringify` (a boolean as
    /// 1 or 0, an `id` digit for digit). For options the rules have passed.
    pub fn json_body(&self, wire: &'static wasm_bindgen::JsThreadLocal<JsString>) -> JsString {
        self.own.with(|own| {
            CALL_OPTIONS_JS.with(|call| wire.with(|wire| json_body(&self.values, call, own, wire)))
        })
    }

    /// An option's checked value (`undefined` when not given), by its slot.
    pub fn get(&self, slot: u32) -> JsValue {
        self.values.get(slot)
    }

    /// A `string` option.
    pub fn string(&self, slot: u32) -> Option<String> {
        self.get(slot).as_string()
    }

    /// A `number` option.
    pub fn number(&self, slot: u32) -> Option<f64> {
        self.get(slot).as_f64()
    }

    /// A `boolean` option; for a nested object, whether it was given.
    pub fn flag(&self, slot: u32) -> Option<bool> {
        self.get(slot).as_bool()
    }

    /// A `date` option.
    pub fn date(&self, slot: u32) -> Option<DateInput> {
        let value = self.get(slot);
        match value.as_f64() {
            Some(ms) => Some(DateInput::Millis(ms)),
            None => value.as_string().map(DateInput::Text),
        }
    }

    /// A `names` option.
    pub fn names(&self, slot: u32) -> Option<Vec<String>> {
        let list = self.get(slot).dyn_into::<Array>().ok()?;
        let mut names = Vec::new();
        list.each(|name| names.push(name.as_string().unwrap_or_default()));
        Some(names)
    }

    /// The key option `key_name` (`publicKey`, `privateKey`) from `key_slot`,
    /// the call settings and the signal.
    pub fn call(&self, key_name: &'static str, key_slot: u32) -> CallOptions {
        // The call options' own slots: `OPTIONS` here is CALL_OPTIONS.
        const OPTIONS: &str = "";
        CallOptions {
            key_name,
            key: self.string(key_slot),
            settings: CallSettings {
                api_base: self.string(slot!("apiBase")),
                timeout_ms: self.number(slot!("timeoutMs")),
                max_retries: self.number(slot!("maxRetries")),
                rate_limit: self.flag(slot!("rateLimit")).map(|_| {
                    (
                        self.number(slot!("rateLimit.requests")),
                        self.number(slot!("rateLimit.perSeconds")),
                    )
                }),
            },
            signal: Some(self.get(slot!("signal")))
                .filter(|signal| !signal.is_undefined())
                .map(JsCast::unchecked_into),
        }
    }
}

/// The options every call has: its key, how it is made, and its signal.
#[derive(Default)]
pub struct CallOptions {
    /// The key option's name, for its field errors.
    pub key_name: &'static str,
    /// The key as given.
    pub key: Option<String>,
    /// `apiBase`, `timeoutMs`, `maxRetries`, `rateLimit`.
    pub settings: CallSettings,
    /// `signal`.
    pub signal: Option<AbortSignal>,
}

/// A call whose options passed every check: ready to start.
pub struct Ready {
    /// How it is made.
    pub plan: CallPlan,
    /// Its key.
    pub key: ApiKey,
    /// The caller's signal.
    pub signal: Option<AbortSignal>,
}

impl CallOptions {
    /// The key as the caller gave it: what every error is redacted of,
    /// checked or not.
    pub fn secret(&self) -> String {
        self.key.clone().unwrap_or_default()
    }

    /// Records what is wrong with the key, if anything, in `errors`.
    pub fn check_key(&self, errors: &mut Vec<FieldError>) {
        if let Some(error) = key_error(self.key_name, self.key.as_deref()) {
            errors.push(error);
        }
    }

    /// Checks the call settings after `problems`, those found so far (what
    /// reading met, the key's, the endpoint's): the ready call when there
    /// are none.
    pub fn ready_with(self, mut problems: Problems) -> Result<Ready, Problems> {
        match call_plan(&self.settings) {
            Ok(plan) if problems.is_empty() => Ok(Ready {
                plan,
                key: ApiKey(self.key.unwrap_or_default()),
                signal: self.signal,
            }),
            Ok(_) => Err(problems),
            Err(errors) => {
                problems.add(errors);
                Err(problems)
            }
        }
    }
}

/// A key, kept out of `Debug` output so that it never lands in a log.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct ApiKey(String);

impl ApiKey {
    /// The key itself, for the `INTEGRATION-KEY` header and for redaction only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl core::fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("ApiKey(..)")
    }
}

/// What is wrong with a key option (`publicKey`, `privateKey`), never
/// quoting it.
///
/// # Examples
///
/// ```
/// use takecontrol_session::call::options::key_error;
///
/// assert_eq!(key_error("publicKey", None).map(|e| e.predicate).as_deref(), Some("is required"));
/// assert!(key_error("privateKey", Some("  ")).is_some());
/// assert!(key_error("publicKey", Some("demo-public-key")).is_none());
/// ```
pub fn key_error(field: &'static str, key: Option<&str>) -> Option<FieldError> {
    let (reason, message) = match key {
        None => (Reason::Required, "is required"),
        Some(k) if k.trim().is_empty() => (Reason::Required, "must not be empty"),
        Some(k) if !k.chars().all(|c| c.is_ascii_graphic()) => (
            Reason::InvalidFormat,
            "may hold only printable ASCII characters without spaces",
        ),
        Some(_) => return None,
    };
    Some(FieldError::new(field, reason, message))
}

/// The call settings exactly as the caller gave them (`None` = not given).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CallSettings {
    /// `apiBase`.
    pub api_base: Option<String>,
    /// `timeoutMs`.
    pub timeout_ms: Option<f64>,
    /// `maxRetries`.
    pub max_retries: Option<f64>,
    /// `rateLimit`'s `requests` and `perSeconds`, when `rateLimit` was given.
    pub rate_limit: Option<(Option<f64>, Option<f64>)>,
}

/// Call settings after validation, with the defaults filled in.
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

/// Validates the call settings and fills in the defaults: the plan, or
/// every problem with them.
///
/// # Examples
///
/// ```
/// use takecontrol_session::call::options::{call_plan, CallSettings};
///
/// let settings = CallSettings { max_retries: Some(11.0), ..CallSettings::default() };
/// let errors = call_plan(&settings).unwrap_err();
/// assert_eq!(errors[0].field, "maxRetries");
///
/// let settings = CallSettings { timeout_ms: Some(5000.0), ..CallSettings::default() };
/// let plan = call_plan(&settings).unwrap();
/// assert_eq!((plan.timeout_ms, plan.max_retries), (5000, 2));
/// ```
pub fn call_plan(settings: &CallSettings) -> Result<CallPlan, Vec<FieldError>> {
    let mut errors = Vec::new();
    let api_base = match settings.api_base.as_deref() {
        None => DEFAULT_API_BASE.to_owned(),
        Some(base) => api_base_of(base).as_string().unwrap_or_else(|| {
            errors.push(FieldError::new(
                "apiBase",
                Reason::InvalidFormat,
                API_BASE_MESSAGE,
            ));
            String::new()
        }),
    };
    let timeout_ms = match settings.timeout_ms {
        None => DEFAULT_TIMEOUT_MS,
        Some(ms) if is_whole(ms) && (1.0..=f64::from(MAX_TIMEOUT_MS)).contains(&ms) => ms as u32,
        Some(ms) => {
            errors.push(FieldError::out_of_range(
                "timeoutMs",
                "must be a whole number of milliseconds from 1 to 2147483647",
                ms,
                1.0,
                f64::from(MAX_TIMEOUT_MS),
            ));
            0
        }
    };
    let max_retries = match settings.max_retries {
        None => DEFAULT_MAX_RETRIES,
        Some(n) if is_whole(n) && (0.0..=f64::from(MAX_RETRIES_LIMIT)).contains(&n) => n as u32,
        Some(n) => {
            errors.push(FieldError::out_of_range(
                "maxRetries",
                "must be a whole number from 0 to 10",
                n,
                0.0,
                f64::from(MAX_RETRIES_LIMIT),
            ));
            0
        }
    };
    let rate_limit = settings
        .rate_limit
        .and_then(|(requests, per_seconds)| rate_limit(requests, per_seconds, &mut errors));
    if errors.is_empty() {
        Ok(CallPlan {
            api_base,
            timeout_ms,
            max_retries,
            rate_limit,
        })
    } else {
        Err(errors)
    }
}

/// Checks `rateLimit`: `requests` a whole number from 1 to 10000,
/// `perSeconds` a number of seconds above 0 and at most a day.
fn rate_limit(
    requests: Option<f64>,
    per_seconds: Option<f64>,
    errors: &mut Vec<FieldError>,
) -> Option<RateLimit> {
    const REQUESTS: &str = "must be a whole number from 1 to 10000";
    const PER_SECONDS: &str = "must be a number of seconds above 0 and at most 86400";
    let requests = match requests {
        Some(n) if is_whole(n) && (1.0..=MAX_RATE_REQUESTS).contains(&n) => Some(n as u32),
        Some(n) => {
            errors.push(FieldError::out_of_range(
                "rateLimit.requests",
                REQUESTS,
                n,
                1.0,
                MAX_RATE_REQUESTS,
            ));
            None
        }
        None => {
            errors.push(FieldError::new(
                "rateLimit.requests",
                Reason::Required,
                REQUESTS,
            ));
            None
        }
    };
    let window_ms = match per_seconds {
        Some(s) if s.is_finite() && s > 0.0 && s <= MAX_RATE_SECONDS => Some(s * 1000.0),
        Some(s) => {
            // Above 0, so 0 itself is out of range.
            let error = FieldError::out_of_range(
                "rateLimit.perSeconds",
                PER_SECONDS,
                s,
                0.0,
                MAX_RATE_SECONDS,
            );
            errors.push(if s == 0.0 {
                error.with_limit(0.0)
            } else {
                error
            });
            None
        }
        None => {
            errors.push(FieldError::new(
                "rateLimit.perSeconds",
                Reason::Required,
                PER_SECONDS,
            ));
            None
        }
    };
    Some(RateLimit {
        requests: requests?,
        window_ms: window_ms?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wire_declaration_may_name_only_declared_options() {
        const OWN: &str = "publicKey: string, customerName: string, agentId: id";
        assert!(wire_is_declared(
            "customer_name: customerName, ids: agentId",
            OWN
        ));
        assert!(wire_is_declared("", OWN));
        assert!(!wire_is_declared("customer_name: customerNames", OWN));
        assert!(!wire_is_declared("customer_name: customerName, ids", OWN));
        assert!(!wire_is_declared("customer_name: ", OWN));
        assert!(!wire_is_declared("timeout: timeoutMs", OWN));
    }

    #[test]
    fn slots_count_names_in_the_order_they_appear_call_options_first() {
        const OWN: &str =
            "privateKey: string, filters: { id: number, dateStartFrom: date }, done: boolean";
        assert_eq!(position(CALL_OPTIONS, "apiBase"), Some(0));
        assert_eq!(position(CALL_OPTIONS, "rateLimit"), Some(4));
        assert_eq!(position(CALL_OPTIONS, "rateLimit.perSeconds"), Some(6));
        assert_eq!(position(CALL_OPTIONS, "perSeconds"), None);
        assert_eq!(position(OWN, "filters.dateStartFrom"), Some(3));
        assert_eq!(position(OWN, "done"), Some(4));
        assert_eq!(position(OWN, "filters.done"), None);
        assert_eq!(position(OWN, "string"), None, "a type is not a name");
        assert_eq!(slot_of(OWN, "timeoutMs"), 1);
        assert_eq!(slot_of(OWN, "privateKey"), 7);
        assert_eq!(slot_of(OWN, "filters.id"), 9);
    }

    #[test]
    fn a_key_never_shows_in_debug_output() {
        assert_eq!(format!("{:?}", ApiKey("k-123".into())), "ApiKey(..)");
    }

    #[test]
    fn keys_are_checked_and_never_quoted() {
        assert!(key_error("publicKey", Some("abc-123")).is_none());
        assert_eq!(
            key_error("publicKey", None).map(|e| e.predicate),
            Some("is required".into())
        );
        assert!(key_error("publicKey", Some("  ")).is_some());
        let error = key_error("publicKey", Some("se cret"))
            .map(|e| e.predicate)
            .unwrap_or_default();
        assert!(!error.contains("se cret") && !error.is_empty());
    }

    #[test]
    fn call_plan_defaults_and_limits() {
        let plan = call_plan(&CallSettings::default());
        assert_eq!(
            plan,
            Ok(CallPlan {
                api_base: DEFAULT_API_BASE.into(),
                timeout_ms: 15_000,
                max_retries: 2,
                rate_limit: None,
            })
        );
        let bad = CallSettings {
            timeout_ms: Some(0.0),
            max_retries: Some(11.0),
            ..CallSettings::default()
        };
        let fields: Vec<String> = call_plan(&bad)
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["timeoutMs", "maxRetries"]);
        let limited = CallSettings {
            rate_limit: Some((Some(5.0), Some(60.0))),
            ..CallSettings::default()
        };
        assert_eq!(
            call_plan(&limited).map(|p| p.rate_limit),
            Ok(Some(RateLimit {
                requests: 5,
                window_ms: 60_000.0
            }))
        );
        let empty_limit = CallSettings {
            rate_limit: Some((Some(0.0), None)),
            ..CallSettings::default()
        };
        let fields: Vec<String> = call_plan(&empty_limit)
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["rateLimit.requests", "rateLimit.perSeconds"]);
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(2_000))]

            #[test]
            fn keys_are_never_quoted(key in ".{0,40}") {
                // The message is the name and one of three fixed
                // predicates, so it cannot carry the key.
                if let Some(error) = key_error("publicKey", Some(&key)) {
                    prop_assert!([
                        "must not be empty",
                        "may hold only printable ASCII characters without spaces",
                    ]
                    .contains(&error.predicate.as_str()));
                }
            }
        }
    }
}
