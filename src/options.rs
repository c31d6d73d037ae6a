//! Reading the caller's JS option object into typed Rust values. Every key
//! must be known and every value of the right type; anything else becomes a
//! field error naming the option, never a crash. The rules on the values
//! themselves live in `validate`.

use alloc::borrow::ToOwned;
use alloc::string::String;
use alloc::vec;
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
    /// `apiBase`, `timeoutMs`, `maxRetries`.
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
    /// The type code of a value (see `TYPE_NAMES`).
    #[wasm_bindgen(js_name = typeOf)]
    fn type_of(value: &JsValue) -> u8;
    /// An object's own properties as `[name, type code, value, ...]`;
    /// `None` when its keys cannot be read.
    fn describe(value: &JsValue) -> Option<Array>;
}

// The type codes of js/options.js that the readers look for.
const UNDEFINED: u8 = 0;
const STRING: u8 = 2;
const BROKEN_STRING: u8 = 3;
const NUMBER: u8 = 4;
const BOOLEAN: u8 = 5;
const ARRAY: u8 = 9;
const DATE: u8 = 10;
const ABORT_SIGNAL: u8 = 11;
const OBJECT: u8 = 12;
const GETTER_THREW: u8 = 13;

/// The type codes of js/options.js as messages name them.
const TYPE_NAMES: [&str; 13] = [
    "undefined",
    "null",
    "a string",
    "a string",
    "a number",
    "a boolean",
    "a bigint",
    "a symbol",
    "a function",
    "an array",
    "a Date",
    "an AbortSignal",
    "an object",
];

/// One JS value with its type code (js/options.js).
pub struct Typed {
    code: u8,
    value: JsValue,
}

/// The name of a type code, for messages.
fn type_name(code: u8) -> &'static str {
    TYPE_NAMES
        .get(usize::from(code))
        .copied()
        .unwrap_or("an object")
}

fn wrong_type(field: &str, expected: &str, value: &Typed) -> FieldError {
    let mut message = String::with_capacity(field.len() + expected.len() + 24);
    message.push_str(field);
    message.push_str(" must be ");
    message.push_str(expected);
    message.push_str(", not ");
    message.push_str(type_name(value.code));
    FieldError::new(field, message)
}

/// A string value as a Rust `String`, refusing unpaired surrogates (which
/// would otherwise be replaced, and the caller's text silently changed).
fn read_string(field: &str, value: &Typed) -> Result<String, FieldError> {
    match (value.code, value.value.as_string()) {
        (STRING, Some(text)) => Ok(text),
        (BROKEN_STRING, _) => {
            let mut message = field.to_owned();
            message.push_str(" holds an unpaired UTF-16 surrogate, which is not text");
            Err(FieldError::new(field, message))
        }
        _ => Err(wrong_type(field, "a string", value)),
    }
}

fn read_number(field: &str, value: &Typed) -> Result<f64, FieldError> {
    match value.value.as_f64() {
        Some(n) if value.code == NUMBER => Ok(n),
        _ => Err(wrong_type(field, "a number", value)),
    }
}

fn read_bool(field: &str, value: &Typed) -> Result<bool, FieldError> {
    match value.value.as_bool() {
        Some(b) if value.code == BOOLEAN => Ok(b),
        _ => Err(wrong_type(field, "a boolean", value)),
    }
}

fn read_signal(field: &str, value: &Typed) -> Result<AbortSignal, FieldError> {
    if value.code == ABORT_SIGNAL {
        Ok(value.value.clone().unchecked_into())
    } else {
        Err(wrong_type(field, "an AbortSignal", value))
    }
}

/// One own property of an options object: its name, and its value or the
/// error met reading it.
pub type Entry = (String, Result<Typed, FieldError>);

/// The own properties (or elements) of `value`, itself the option
/// `object_field`, with their values.
fn described(value: &JsValue, object_field: &str) -> Result<Vec<Entry>, FieldError> {
    let list = describe(value).ok_or_else(|| {
        let mut message = String::from(object_field);
        message.push_str(" could not be read");
        FieldError::new(object_field, message)
    })?;
    let mut entries = Vec::new();
    let mut i = 0;
    while i + 2 < list.length() {
        let name = list.get(i).as_string().unwrap_or_default();
        let code = list.get(i + 1).as_f64().map_or(OBJECT, |c| c as u8);
        let read = if code == GETTER_THREW {
            let mut message = name.clone();
            message.push_str(" could not be read (its getter threw)");
            Err(FieldError::new(name.clone(), message))
        } else {
            Ok(Typed {
                code,
                value: list.get(i + 2),
            })
        };
        entries.push((name, read));
        i += 3;
    }
    Ok(entries)
}

/// The own string keys of an options object with their values, or the
/// error that says why `value` is not an options object.
pub fn entries(value: &JsValue, object_field: &str) -> Result<Vec<Entry>, FieldError> {
    let code = type_of(value);
    if code != OBJECT && code != ABORT_SIGNAL && code != DATE {
        let mut message = String::from(object_field);
        message.push_str(" must be an object, not ");
        message.push_str(type_name(code));
        return Err(FieldError::new(object_field, message));
    }
    described(value, object_field)
}

/// The error for an option name the package does not know.
pub fn unknown_option(name: &str) -> FieldError {
    let mut message = String::from("unknown option \"");
    message.extend(name.chars().take(64));
    message.push_str("\": check its spelling (options are camelCase, e.g. customerName)");
    FieldError::new(name, message)
}

/// What reading one option did: `None` when the name is not an option here.
type Read = Option<Result<(), FieldError>>;

/// Reads every own property of the object `value` (itself the option
/// `object_field`) with `read(name, field, value)`, where `field` is the name
/// to report: the name, prefixed by `object_field.` below the top level. A
/// name `read` does not know is an error naming it; `undefined` values count
/// as not given. Returns every error met.
fn read_object(
    value: &JsValue,
    object_field: &str,
    read: &mut dyn FnMut(&str, &str, &Typed) -> Read,
) -> Vec<FieldError> {
    let entries = match entries(value, object_field) {
        Ok(entries) => entries,
        Err(error) => return vec![error],
    };
    let mut errors = Vec::new();
    for (name, value) in entries {
        let field = if object_field == "options" {
            name.clone()
        } else {
            let mut field = String::from(object_field);
            field.push('.');
            field.push_str(&name);
            field
        };
        let outcome = match value {
            Ok(value) if value.code == UNDEFINED => continue,
            Ok(value) => read(&name, &field, &value),
            Err(error) => Some(Err(error)),
        };
        match outcome {
            Some(Ok(())) => {}
            Some(Err(error)) => errors.push(error),
            None => errors.push(unknown_option(&field)),
        }
    }
    errors
}

/// Reads one of the options every call shares; `key_name` is `publicKey`
/// or `privateKey`.
fn read_call_option(call: &mut CallOptions, key_name: &str, name: &str, value: &Typed) -> Read {
    Some(match name {
        _ if name == key_name => read_string(name, value).map(|v| call.key = Some(v)),
        "apiBase" => read_string(name, value).map(|v| call.settings.api_base = Some(v)),
        "timeoutMs" => read_number(name, value).map(|v| call.settings.timeout_ms = Some(v)),
        "maxRetries" => read_number(name, value).map(|v| call.settings.max_retries = Some(v)),
        "signal" => read_signal(name, value).map(|v| call.signal = Some(v)),
        "rateLimit" => {
            let settings = &mut call.settings;
            settings.rate_limit_given = true;
            let errors =
                read_object(&value.value, "rateLimit", &mut |name, field, value| {
                    Some(match name {
                        "requests" => read_number(field, value)
                            .map(|v| settings.rate_limit_requests = Some(v)),
                        "perSeconds" => read_number(field, value)
                            .map(|v| settings.rate_limit_per_seconds = Some(v)),
                        _ => return None,
                    })
                });
            errors.into_iter().next().map_or(Ok(()), Err)
        }
        _ => return None,
    })
}

/// Reads a `createSession` option object: what could be read, and every
/// field error met on the way.
pub fn read_session_options(value: &JsValue) -> (SessionOptions, Vec<FieldError>) {
    let mut options = SessionOptions::default();
    let errors = read_object(value, "options", &mut |name, _, value| {
        if let Some(read) = read_call_option(&mut options.call, "publicKey", name, value) {
            return Some(read);
        }
        let request = &mut options.request;
        Some(match name {
            "customerName" => read_string(name, value).map(|v| request.customer_name = Some(v)),
            "customerEmail" => read_string(name, value).map(|v| request.customer_email = Some(v)),
            "customerNumber" => read_string(name, value).map(|v| request.customer_number = Some(v)),
            "problemDescription" => {
                read_string(name, value).map(|v| request.problem_description = Some(v))
            }
            "departmentId" => read_number(name, value).map(|v| request.department_id = Some(v)),
            "technicianUsername" => {
                read_string(name, value).map(|v| request.technician_username = Some(v))
            }
            "language" => read_string(name, value).map(|v| request.language = Some(v)),
            "askCustomerInfo" => {
                read_bool(name, value).map(|v| request.ask_customer_info = Some(v))
            }
            "showWaitingQueue" => {
                read_bool(name, value).map(|v| request.show_waiting_queue = Some(v))
            }
            _ => return None,
        })
    });
    (options, errors)
}

/// Reads `vars`: an array of strings.
fn read_vars(name: &str, value: &Typed) -> Result<Vec<String>, FieldError> {
    if value.code != ARRAY {
        return Err(wrong_type(name, "an array of var names", value));
    }
    described(&value.value, name)?
        .into_iter()
        .map(|(_, item)| read_string(name, &item?))
        .collect()
}

/// Reads a date filter: a JS `Date` or a string.
fn read_date(name: &str, value: &Typed) -> Result<DateInput, FieldError> {
    match value.value.as_f64() {
        Some(ms) if value.code == DATE => Ok(DateInput::Millis(ms)),
        _ if value.code == STRING || value.code == BROKEN_STRING => {
            read_string(name, value).map(DateInput::Text)
        }
        _ => Err(wrong_type(
            name,
            "a Date or a \"YYYY-MM-DD HH:MM:SS\" string",
            value,
        )),
    }
}

/// Reads the `filters` object of `getSessionHistory`.
fn read_filters(filters: &mut HistoryFilters, value: &Typed) -> Vec<FieldError> {
    read_object(&value.value, "filters", &mut |name, field, value| {
        Some(match name {
            "id" => read_number(field, value).map(|v| filters.id = Some(v)),
            "dateStartFrom" => read_date(field, value).map(|v| filters.date_start_from = Some(v)),
            "dateStartTo" => read_date(field, value).map(|v| filters.date_start_to = Some(v)),
            "customerName" => read_string(field, value).map(|v| filters.customer_name = Some(v)),
            "customerEmail" => read_string(field, value).map(|v| filters.customer_email = Some(v)),
            "computerName" => read_string(field, value).map(|v| filters.computer_name = Some(v)),
            "techUsername" => read_string(field, value).map(|v| filters.tech_username = Some(v)),
            "startMethod" => read_string(field, value).map(|v| filters.start_method = Some(v)),
            "processed" => read_string(field, value).map(|v| filters.processed = Some(v)),
            "hasVideos" => read_bool(field, value).map(|v| filters.has_videos = Some(v)),
            _ => return None,
        })
    })
}

/// Reads a `getSessionHistory` option object: what could be read, and every
/// field error met on the way.
pub fn read_history_options(value: &JsValue) -> (HistoryOptions, Vec<FieldError>) {
    let mut options = HistoryOptions::default();
    let mut filter_errors = Vec::new();
    let mut errors = read_object(value, "options", &mut |name, _, value| {
        if let Some(read) = read_call_option(&mut options.call, "privateKey", name, value) {
            return Some(read);
        }
        Some(match name {
            "vars" => read_vars(name, value).map(|v| options.vars = Some(v)),
            "filters" => {
                filter_errors = read_filters(&mut options.filters, value);
                Ok(())
            }
            "dangerouslyAllowBrowser" => {
                read_bool(name, value).map(|v| options.dangerously_allow_browser = v)
            }
            _ => return None,
        })
    });
    errors.append(&mut filter_errors);
    (options, errors)
}
