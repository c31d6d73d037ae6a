//! The caller's JS option objects as typed Rust values. js/options.js reads
//! an object against the options a function takes (unknown names, wrong JS
//! types, getters that throw, unpaired surrogates become field errors there,
//! never a crash) and hands back each option's value by position, its slot;
//! this module puts every slot where it belongs. The rules on the values
//! themselves live in `validate`.

use alloc::string::String;
use alloc::vec::Vec;

use js_sys::Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::AbortSignal;

use crate::error::FieldError;
use crate::history::query::{DateInput, HistoryFilters};
use crate::session::SessionRequest;
use crate::settings::CallSettings;

/// The options every call has: its key, how it is made, and its signal.
#[derive(Default)]
pub struct CallOptions {
    /// `publicKey` or `privateKey`.
    pub key: Option<String>,
    /// `apiBase`, `timeoutMs`, `maxRetries`, `rateLimit`.
    pub settings: CallSettings,
    /// `signal`.
    pub signal: Option<AbortSignal>,
}

/// The options of `createSession`, read but not yet validated.
#[derive(Default)]
pub struct SessionOptions {
    /// The key and call settings.
    pub call: CallOptions,
    /// What the visitor asks for.
    pub request: SessionRequest,
}

/// The options of `getSessionHistory`, read but not yet validated.
#[derive(Default)]
pub struct HistoryOptions {
    /// The key and call settings.
    pub call: CallOptions,
    /// `vars`, when given.
    pub vars: Option<Vec<String>>,
    /// `filters`.
    pub filters: HistoryFilters,
    /// `dangerouslyAllowBrowser`.
    pub dangerously_allow_browser: bool,
}

#[wasm_bindgen(module = "/js/options.js")]
extern "C" {
    /// `[errors, ...slots]` of an option object read against `schema`
    /// (`SESSION` or `HISTORY`): `errors` is `[field, message, ...]`.
    #[wasm_bindgen(js_name = readOptions)]
    fn read_options(value: &JsValue, schema: u8) -> Array;
}

// The schemas of js/options.js.
const SESSION: u8 = 0;
const HISTORY: u8 = 1;

// The slots both schemas start with: the key, then the call options.
const KEY: u32 = 0;
const API_BASE: u32 = 1;
const TIMEOUT_MS: u32 = 2;
const MAX_RETRIES: u32 = 3;
const SIGNAL: u32 = 4;
const RATE_LIMIT: u32 = 5;
const RATE_LIMIT_REQUESTS: u32 = 6;
const RATE_LIMIT_PER_SECONDS: u32 = 7;
/// The first slot after the call options.
const OWN: u32 = 8;

/// What js/options.js read from one option object.
struct Slots(Array);

impl Slots {
    fn read(value: &JsValue, schema: u8) -> Self {
        Slots(read_options(value, schema))
    }

    /// A slot's value (`undefined` when the option was not given).
    fn get(&self, slot: u32) -> JsValue {
        self.0.get(slot + 1)
    }

    fn string(&self, slot: u32) -> Option<String> {
        self.get(slot).as_string()
    }

    fn number(&self, slot: u32) -> Option<f64> {
        self.get(slot).as_f64()
    }

    fn flag(&self, slot: u32) -> Option<bool> {
        self.get(slot).as_bool()
    }

    /// A date filter: a JS `Date` (its milliseconds) or a string.
    fn date(&self, slot: u32) -> Option<DateInput> {
        let value = self.get(slot);
        match value.as_f64() {
            Some(ms) => Some(DateInput::Millis(ms)),
            None => value.as_string().map(DateInput::Text),
        }
    }

    /// The field errors met reading the object, in the caller's key order.
    fn errors(&self) -> Vec<FieldError> {
        let list: Array = self.0.get(0).unchecked_into();
        let text = |i| list.get(i).as_string().unwrap_or_default();
        let mut errors = Vec::new();
        let mut i = 0;
        while i + 1 < list.length() {
            errors.push(FieldError::new(text(i), text(i + 1)));
            i += 2;
        }
        errors
    }

    /// The key, call settings and signal, the same slots in every schema.
    fn call(&self) -> CallOptions {
        CallOptions {
            key: self.string(KEY),
            settings: CallSettings {
                api_base: self.string(API_BASE),
                timeout_ms: self.number(TIMEOUT_MS),
                max_retries: self.number(MAX_RETRIES),
                rate_limit_requests: self.number(RATE_LIMIT_REQUESTS),
                rate_limit_per_seconds: self.number(RATE_LIMIT_PER_SECONDS),
                rate_limit_given: self.flag(RATE_LIMIT).is_some(),
            },
            signal: Some(self.get(SIGNAL))
                .filter(|signal| !signal.is_undefined())
                .map(JsCast::unchecked_into),
        }
    }
}

/// Reads a `createSession` option object: what could be read, and every
/// field error met on the way.
pub fn read_session_options(value: &JsValue) -> (SessionOptions, Vec<FieldError>) {
    let slots = Slots::read(value, SESSION);
    let options = SessionOptions {
        call: slots.call(),
        request: SessionRequest {
            customer_name: slots.string(OWN),
            customer_email: slots.string(OWN + 1),
            customer_number: slots.string(OWN + 2),
            problem_description: slots.string(OWN + 3),
            department_id: slots.number(OWN + 4),
            technician_username: slots.string(OWN + 5),
            language: slots.string(OWN + 6),
            ask_customer_info: slots.flag(OWN + 7),
            show_waiting_queue: slots.flag(OWN + 8),
        },
    };
    (options, slots.errors())
}

/// Reads a `getSessionHistory` option object: what could be read, and every
/// field error met on the way.
pub fn read_history_options(value: &JsValue) -> (HistoryOptions, Vec<FieldError>) {
    let slots = Slots::read(value, HISTORY);
    // `vars` is slot OWN, then `filters` (given or not) and its ten members
    // from `filters.id` on.
    const FIRST_FILTER: u32 = OWN + 2;
    let vars = slots.get(OWN).dyn_into::<Array>().ok().map(|list| {
        let mut names = Vec::new();
        for name in list.iter() {
            names.push(name.as_string().unwrap_or_default());
        }
        names
    });
    let options = HistoryOptions {
        call: slots.call(),
        vars,
        filters: HistoryFilters {
            id: slots.number(FIRST_FILTER),
            date_start_from: slots.date(FIRST_FILTER + 1),
            date_start_to: slots.date(FIRST_FILTER + 2),
            customer_name: slots.string(FIRST_FILTER + 3),
            customer_email: slots.string(FIRST_FILTER + 4),
            computer_name: slots.string(FIRST_FILTER + 5),
            tech_username: slots.string(FIRST_FILTER + 6),
            start_method: slots.string(FIRST_FILTER + 7),
            processed: slots.string(FIRST_FILTER + 8),
            has_videos: slots.flag(FIRST_FILTER + 9),
        },
        dangerously_allow_browser: slots.flag(FIRST_FILTER + 10).unwrap_or(false),
    };
    (options, slots.errors())
}
