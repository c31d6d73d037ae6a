//! Reading the caller's JS option object into typed Rust values. Every key
//! must be known and every value of the right type; anything else becomes a
//! field error naming the option, never a crash. The rules on the values
//! themselves live in `validate`.

use js_sys::{JsString, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::AbortSignal;

use crate::error::FieldError;
use crate::session::SessionRequest;
use crate::settings::CallSettings;

/// The options of `createSession`, read but not yet validated.
#[derive(Default)]
pub struct SessionOptions {
    /// `publicKey`.
    pub public_key: Option<String>,
    /// What the visitor asks for.
    pub request: SessionRequest,
    /// `apiBase`, `timeoutMs`, `maxRetries`.
    pub settings: CallSettings,
    /// `signal`.
    pub signal: Option<AbortSignal>,
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
    } else if value.is_instance_of::<js_sys::Array>() {
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
    let Some(text) = value.dyn_ref::<JsString>() else {
        return Err(wrong_type(field, "a string", value));
    };
    let units: Vec<u16> = text.iter().collect();
    String::from_utf16(&units).map_err(|_| {
        let mut message = field.to_owned();
        message.push_str(" holds an unpaired UTF-16 surrogate, which is not text");
        FieldError::new(field, message)
    })
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
pub fn entries(value: &JsValue) -> Result<Vec<Entry>, FieldError> {
    if !value.is_object() || value.is_instance_of::<js_sys::Array>() {
        let mut message = String::from("options must be an object, not ");
        message.push_str(if value.is_undefined() {
            "undefined"
        } else {
            type_name(value)
        });
        return Err(FieldError::new("options", message));
    }
    let keys = Reflect::own_keys(value)
        .map_err(|_| FieldError::new("options", "the options object could not be read"))?;
    Ok(keys
        .iter()
        .filter_map(|key| key.as_string())
        .map(|name| {
            let read = Reflect::get(value, &JsValue::from_str(&name)).map_err(|_| {
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

/// Reads a `createSession` option object. Returns what could be read and
/// every field error met on the way; `undefined` values count as not given.
pub fn read_session_options(value: &JsValue) -> (SessionOptions, Vec<FieldError>) {
    let mut options = SessionOptions::default();
    let mut errors = Vec::new();
    let entries = match entries(value) {
        Ok(entries) => entries,
        Err(error) => return (options, vec![error]),
    };
    for (name, read) in entries {
        let value = match read {
            Ok(value) if value.is_undefined() => continue,
            Ok(value) => value,
            Err(error) => {
                errors.push(error);
                continue;
            }
        };
        let request = &mut options.request;
        let outcome = match name.as_str() {
            "publicKey" => read_string(&name, &value).map(|v| options.public_key = Some(v)),
            "apiBase" => read_string(&name, &value).map(|v| options.settings.api_base = Some(v)),
            "timeoutMs" => {
                read_number(&name, &value).map(|v| options.settings.timeout_ms = Some(v))
            }
            "maxRetries" => {
                read_number(&name, &value).map(|v| options.settings.max_retries = Some(v))
            }
            "signal" => read_signal(&name, &value).map(|v| options.signal = Some(v)),
            "customerName" => read_string(&name, &value).map(|v| request.customer_name = Some(v)),
            "customerEmail" => read_string(&name, &value).map(|v| request.customer_email = Some(v)),
            "customerNumber" => {
                read_string(&name, &value).map(|v| request.customer_number = Some(v))
            }
            "problemDescription" => {
                read_string(&name, &value).map(|v| request.problem_description = Some(v))
            }
            "departmentId" => read_number(&name, &value).map(|v| request.department_id = Some(v)),
            "technicianUsername" => {
                read_string(&name, &value).map(|v| request.technician_username = Some(v))
            }
            "language" => read_string(&name, &value).map(|v| request.language = Some(v)),
            "askCustomerInfo" => {
                read_bool(&name, &value).map(|v| request.ask_customer_info = Some(v))
            }
            "showWaitingQueue" => {
                read_bool(&name, &value).map(|v| request.show_waiting_queue = Some(v))
            }
            _ => Err(unknown_option(&name)),
        };
        if let Err(error) = outcome {
            errors.push(error);
        }
    }
    (options, errors)
}
