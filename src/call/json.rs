//! A request's JSON body: an endpoint lists its wire fields in order,
//! `None` where the caller gave nothing, and [`body`] keeps the given ones
//! (pure, tested natively). [`text`] hands them to js/call.js, which
//! writes the JSON with the platform's `JSON.stringify`.

use alloc::vec::Vec;
use wasm_bindgen::prelude::*;

use super::Built;

#[wasm_bindgen(module = "/js/call.js")]
extern "C" {
    /// The JSON text of a body object: its members in order, each value as
    /// `JSON.stringify` writes it, a `BigInt` digit for digit.
    #[wasm_bindgen(js_name = jsonText)]
    fn json_text(body: &JsValue) -> JsValue;
    /// `BigInt(digits)`.
    #[wasm_bindgen(js_name = bigInt)]
    fn big_int(digits: &str) -> JsValue;
}
/// One value of a wire body.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum WireValue<'a> {
    /// A JSON string.
    Text(&'a str),
    /// A JSON number: a whole number from 0 to 2^53 (validated before).
    Whole(f64),
    /// A JSON number written digit for digit: ASCII digits without a
    /// leading zero (validated before), for numbers past 2^53.
    Digits(&'a str),
}

impl WireValue<'_> {
    /// A flag as the API takes it: 1 or 0.
    pub fn flag(value: bool) -> Self {
        WireValue::Whole(f64::from(u8::from(value)))
    }
}

/// The fields of a body that were given, in order, by their wire names.
pub type WireBody<'a> = Vec<(&'static str, WireValue<'a>)>;

/// The given fields of `fields`, in order: those without a value are left
/// out.
///
/// # Examples
///
/// ```
/// use takecontrol_session::call::json::{body, WireValue};
///
/// let body = body(&[
///     ("department_id", None),
///     ("customer_name", Some(WireValue::Text("Ada"))),
///     ("show_waiting_queue", Some(WireValue::flag(true))),
/// ]);
/// assert_eq!(body, [("customer_name", WireValue::Text("Ada")), ("show_waiting_queue", WireValue::Whole(1.0))]);
/// ```
pub fn body<'a>(fields: &[(&'static str, Option<WireValue<'a>>)]) -> WireBody<'a> {
    let mut body = Vec::new();
    for &(name, value) in fields {
        if let Some(value) = value {
            body.push((name, value));
        }
    }
    body
}

/// `body` as JSON text (a JS string): `{"customer_name":"Ada","show_waiting_queue":1}`.
pub fn text(body: &WireBody<'_>) -> JsValue {
    let mut object = Built::new();
    for &(name, value) in body {
        let value = match value {
            WireValue::Text(text) => JsValue::from_str(text),
            WireValue::Whole(n) => JsValue::from_f64(n),
            WireValue::Digits(digits) => big_int(digits),
        };
        object = object.with(name, &value);
    }
    json_text(&object.done())
}
