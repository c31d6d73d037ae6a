//! History records to what the JS caller gets: camelCase fields with real
//! types (`Date`, boolean, number), each record's `raw` as received. A
//! missing or odd value becomes `null`; the record is never dropped.

use crate::js::{Array, Date};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::query::{Var, VarKind};

use crate::call::{Built, Members};
use crate::dates;
use crate::numbers::{is_whole, parse_decimal};

#[wasm_bindgen(module = "/js/call.js")]
extern "C" {
    /// `String(value)`.
    #[wasm_bindgen(js_name = numberText)]
    fn number_text(value: f64) -> JsValue;
}

/// One value of a record, typed by its var's kind; `null` when it does not fit.
fn typed_value(value: &JsValue, kind: VarKind) -> JsValue {
    let typed = match kind {
        VarKind::Integer => value
            .as_f64()
            .or_else(|| value.as_string().and_then(|s| parse_decimal(s.trim())))
            .filter(|n| is_whole(*n))
            .map(JsValue::from_f64),
        VarKind::Text => match value.as_f64() {
            Some(n) => Some(number_text(n)),
            None => value.is_string().then(|| value.clone()),
        },
        VarKind::Flag => value
            .as_bool()
            .or_else(|| match value.as_f64() {
                Some(1.0) => Some(true),
                Some(0.0) => Some(false),
                _ => None,
            })
            .or_else(
                || match value.as_string()?.trim().to_ascii_lowercase().as_str() {
                    "true" | "1" => Some(true),
                    "false" | "0" => Some(false),
                    _ => None,
                },
            )
            .map(JsValue::from_bool),
        VarKind::DateTime => value
            .as_string()
            .and_then(|text| dates::parse(text.trim()))
            .map(|ms| Date::new(ms).into()),
    };
    typed.unwrap_or(JsValue::NULL)
}

/// One caller's record: a field per var asked for, then `raw`.
fn session_record(record: &JsValue, vars: &[&Var]) -> JsValue {
    let members = Members::of(record);
    let mut session = Built::new();
    for var in vars {
        let value = members.map_or(JsValue::UNDEFINED, |record| record.get(var.wire_key));
        session = session.with(var.js_key, &typed_value(&value, var.kind));
    }
    session.with("raw", record).done()
}

/// Maps `details` (an array of records) to the caller's sessions, or `None`
/// when `details` is not an array.
pub fn sessions(details: &JsValue, vars: &[&Var]) -> Option<Array> {
    let records = details.dyn_ref::<Array>()?;
    let sessions = Array::new();
    records.each(|record| {
        sessions.push(&session_record(&record, vars));
    });
    Some(sessions)
}
