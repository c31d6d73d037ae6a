//! Reading the caller's JS option object into typed Rust values. Every key
//! must be known and every value of the right type; anything else becomes a
//! field error naming the option, never a crash. The rules on the values
//! themselves live in `validate`.

use alloc::borrow::ToOwned;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

use js_sys::{Array, JsString, Reflect};
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

/// The name of a JS value's type, for messages.
fn type_name(value: &JsValue) -> &'static str {
    if value.is_null() {
        "null"
    } else if value.is_string() {
        "a string"
    } else if value.as_f64().is_some() {
        "a number"
    } else if value.as_bool().is_some() {
        "a boolean"
    } else if value.is_bigint() {
        "a bigint"
    } else if value.is_symbol() {
        "a symbol"
    } else if value.is_function() {
        "a function"
    } else if value.is_instance_of::<Array>() {
        "an array"
    } else {
        "an object"
    }
}

fn wrong_type(field: &str, expected: &str, value: &JsValue) -> FieldError {
    let mut message = String::with_capacity(field.len() + expected.len() + 24);
    message.push_str(field);
    message.push_str(" must be ");
    message.push_str(expected);
    message.push_str(", not ");
    message.push_str(type_name(value));
    FieldError::new(field, message)
}

/// A JS string as a Rust `String`, refusing unpaired surrogates (which
/// would otherwise be replaced, and the caller's text silently changed).
fn read_string(field: &str, value: &JsValue) -> Result<String, FieldError> {
    let text = value
        .dyn_ref::<JsString>()
        .map(|text| (text, String::from(text)));
    match text {
        // The conversion turns an unpaired surrogate into U+FFFD (UTF-8 EF BF
        // BD); only a string with an 0xEF byte (U+F000 to U+FFFF, rare) is
        // then walked, unit by unit, to tell a real U+FFFD from a replaced one.
        Some((text, read)) if !read.bytes().any(|b| b == 0xEF) || text.is_valid_utf16() => Ok(read),
        Some(_) => {
            let mut message = field.to_owned();
            message.push_str(" holds an unpaired UTF-16 surrogate, which is not text");
            Err(FieldError::new(field, message))
        }
        None => Err(wrong_type(field, "a string", value)),
    }
}

fn read_number(field: &str, value: &JsValue) -> Result<f64, FieldError> {
    value
        .as_f64()
        .ok_or_else(|| wrong_type(field, "a number", value))
}

fn read_bool(field: &str, value: &JsValue) -> Result<bool, FieldError> {
    value
        .as_bool()
        .ok_or_else(|| wrong_type(field, "a boolean", value))
}

fn read_signal(field: &str, value: &JsValue) -> Result<AbortSignal, FieldError> {
    value
        .dyn_ref::<AbortSignal>()
        .cloned()
        .ok_or_else(|| wrong_type(field, "an AbortSignal", value))
}

/// One own property of an options object: its name, and its value or the
/// error met reading it.
pub type Entry = (String, Result<JsValue, FieldError>);

/// The own string keys of an options object with their values, or the
/// error that says why `value` is not an options object.
pub fn entries(value: &JsValue, object_field: &str) -> Result<Vec<Entry>, FieldError> {
    if !value.is_object() || value.is_instance_of::<Array>() {
        let mut message = String::from(object_field);
        message.push_str(" must be an object, not ");
        message.push_str(if value.is_undefined() {
            "undefined"
        } else {
            type_name(value)
        });
        return Err(FieldError::new(object_field, message));
    }
    let keys = Reflect::own_keys(value).map_err(|_| {
        let mut message = String::from(object_field);
        message.push_str(" could not be read");
        FieldError::new(object_field, message)
    })?;
    Ok(keys
        .iter()
        .filter_map(|key| Some((key.as_string()?, key)))
        .map(|(name, key)| {
            // The key as JS gave it: no string built again for the lookup.
            let read = Reflect::get(value, &key).map_err(|_| {
                let mut message = name.clone();
                message.push_str(" could not be read (its getter threw)");
                FieldError::new(name.clone(), message)
            });
            (name, read)
        })
        .collect())
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
    mut read: impl FnMut(&str, &str, &JsValue) -> Read,
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
            Ok(value) if value.is_undefined() => continue,
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
fn read_call_option(call: &mut CallOptions, key_name: &str, name: &str, value: &JsValue) -> Read {
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
                read_object(value, "rateLimit", |name, field, value| {
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
    let errors = read_object(value, "options", |name, _, value| {
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
fn read_vars(name: &str, value: &JsValue) -> Result<Vec<String>, FieldError> {
    let list = value
        .dyn_ref::<Array>()
        .ok_or_else(|| wrong_type(name, "an array of var names", value))?;
    list.iter().map(|item| read_string(name, &item)).collect()
}

/// Reads a date filter: a JS `Date` or a string.
fn read_date(name: &str, value: &JsValue) -> Result<DateInput, FieldError> {
    if let Some(date) = value.dyn_ref::<js_sys::Date>() {
        return Ok(DateInput::Millis(date.get_time()));
    }
    if value.is_string() {
        return read_string(name, value).map(DateInput::Text);
    }
    Err(wrong_type(
        name,
        "a Date or a \"YYYY-MM-DD HH:MM:SS\" string",
        value,
    ))
}

/// Reads the `filters` object of `getSessionHistory`.
fn read_filters(filters: &mut HistoryFilters, value: &JsValue) -> Vec<FieldError> {
    read_object(value, "filters", |name, field, value| {
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
    let mut errors = read_object(value, "options", |name, _, value| {
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
