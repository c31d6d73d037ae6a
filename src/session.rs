//! Create session: the typed request, its wire body (`POST /rest/session`)
//! and the reading of the answer into what the JS caller gets back.

use alloc::string::String;
use alloc::vec::Vec;
use js_sys::Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::fields::{Field, Fields};
use crate::text::{is_whole, push_decimal, push_hex_byte};

/// What the visitor asks for, as the caller gave it (`None` = not given).
/// Numbers stay `f64` until validation has checked they are whole and in range.
///
/// # Examples
///
/// ```
/// use takecontrol_session::session::SessionRequest;
/// use takecontrol_session::validate::session_request_errors;
///
/// let request = SessionRequest {
///     customer_name: Some("John Doe".into()),
///     language: Some("pt-BR".into()),
///     ..SessionRequest::default()
/// };
/// assert!(session_request_errors(&request).is_empty());
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SessionRequest {
    /// `customerName`, at most 128 code points.
    pub customer_name: Option<String>,
    /// `customerEmail`, at most 64 code points, an email address.
    pub customer_email: Option<String>,
    /// `customerNumber`, at most 32 code points, any characters.
    pub customer_number: Option<String>,
    /// `problemDescription`, at most 1024 code points.
    pub problem_description: Option<String>,
    /// `departmentId`, a positive safe integer.
    pub department_id: Option<f64>,
    /// `technicianUsername`, the technician's email address.
    pub technician_username: Option<String>,
    /// `language`, a language code such as `fr` or `pt-BR`.
    pub language: Option<String>,
    /// `askCustomerInfo`: let the customer edit the ticket info.
    pub ask_customer_info: Option<bool>,
    /// `showWaitingQueue`: show the customer their place in the queue.
    pub show_waiting_queue: Option<bool>,
}

/// One value of the wire body.
///
/// # Examples
///
/// ```
/// use takecontrol_session::session::{SessionRequest, WireValue};
///
/// let request = SessionRequest { department_id: Some(12.0), ..SessionRequest::default() };
/// assert_eq!(request.wire_fields(), [("department_id", WireValue::Number(12.0))]);
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum WireValue<'a> {
    /// A JSON string.
    Text(&'a str),
    /// A JSON number (`department_id`, the 1/0 flags).
    Number(f64),
}

impl SessionRequest {
    /// The fields of the wire body, in the contract's order: only those the
    /// caller gave, in the wire's names, flags as 1/0.
    ///
    /// # Examples
    ///
    /// ```
    /// use takecontrol_session::session::{SessionRequest, WireValue};
    ///
    /// let request = SessionRequest {
    ///     customer_name: Some("Ada".into()),
    ///     show_waiting_queue: Some(true),
    ///     ..SessionRequest::default()
    /// };
    /// assert_eq!(
    ///     request.wire_fields(),
    ///     [("customer_name", WireValue::Text("Ada")), ("show_waiting_queue", WireValue::Number(1.0))]
    /// );
    /// ```
    pub fn wire_fields(&self) -> Vec<(&'static str, WireValue<'_>)> {
        self.wire_slots()
            .into_iter()
            .filter_map(|(name, value)| Some((name, value?)))
            .collect()
    }

    /// Every field of the wire body in order, `None` where not given.
    fn wire_slots(&self) -> [(&'static str, Option<WireValue<'_>>); 9] {
        fn text(value: &Option<String>) -> Option<WireValue<'_>> {
            value.as_deref().map(WireValue::Text)
        }
        let flag = |value: Option<bool>| value.map(|v| WireValue::Number(f64::from(u8::from(v))));
        [
            ("department_id", self.department_id.map(WireValue::Number)),
            ("technician_username", text(&self.technician_username)),
            ("language", text(&self.language)),
            ("customer_name", text(&self.customer_name)),
            ("customer_email", text(&self.customer_email)),
            ("customer_number", text(&self.customer_number)),
            ("problem_description", text(&self.problem_description)),
            ("ask_customer_info", flag(self.ask_customer_info)),
            ("show_waiting_queue", flag(self.show_waiting_queue)),
        ]
    }

    /// The wire body as JSON text, written as `JSON.stringify` would write
    /// it (pure Rust: no JS object is built for it).
    ///
    /// # Examples
    ///
    /// ```
    /// use takecontrol_session::session::SessionRequest;
    ///
    /// let request = SessionRequest {
    ///     customer_name: Some("Ada \"A\"".into()),
    ///     show_waiting_queue: Some(true),
    ///     ..SessionRequest::default()
    /// };
    /// assert_eq!(request.wire_body(), r#"{"customer_name":"Ada \"A\"","show_waiting_queue":1}"#);
    /// ```
    pub fn wire_body(&self) -> String {
        let mut json = String::from("{");
        for (name, value) in self.wire_slots() {
            let Some(value) = value else { continue };
            if json.len() > 1 {
                json.push(',');
            }
            push_json_string(&mut json, name);
            json.push(':');
            match value {
                WireValue::Text(text) => push_json_string(&mut json, text),
                // Whole numbers only: departmentId (validated) and the 1/0 flags.
                WireValue::Number(n) => push_decimal(&mut json, n as u64, 0),
            }
        }
        json.push('}');
        json
    }
}

/// Appends `text` as a JSON string literal, escaped as `JSON.stringify` does.
///
/// # Examples
///
/// ```
/// use takecontrol_session::session::push_json_string;
///
/// let mut json = String::new();
/// push_json_string(&mut json, "say \"hi\"\n\u{1}");
/// assert_eq!(json, r#""say \"hi\"\n\u0001""#);
/// ```
pub fn push_json_string(out: &mut String, text: &str) {
    out.reserve(text.len() + 2);
    out.push('"');
    // Only ASCII bytes are escaped, and no byte of a multi-byte UTF-8
    // sequence is ASCII: the text between escapes is copied a run at a time.
    let mut start = 0;
    for (i, byte) in text.bytes().enumerate() {
        let escape = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0x00..=0x1f => "",
            _ => continue,
        };
        out.push_str(text.get(start..i).unwrap_or_default());
        if escape.is_empty() {
            out.push_str("\\u00");
            push_hex_byte(out, byte, b'a');
        } else {
            out.push_str(escape);
        }
        start = i + 1;
    }
    out.push_str(text.get(start..).unwrap_or_default());
    out.push('"');
}

#[wasm_bindgen(module = "/js/results.js")]
extern "C" {
    #[wasm_bindgen(js_name = queuedRequest)]
    fn queued_request_object(
        computer_name: &JsValue,
        computer_domain: &JsValue,
        tech_username: &JsValue,
        waiting_minutes: &JsValue,
    ) -> JsValue;
    #[wasm_bindgen(js_name = session)]
    fn session_object(queue_length: f64, requests: &Array, raw: &JsValue) -> JsValue;
}

/// A string-or-missing field: `Some(null)` when absent or null, `None` when
/// it has another type.
fn optional(value: JsValue, fits: fn(&JsValue) -> bool) -> Option<JsValue> {
    if value.is_undefined() || value.is_null() {
        Some(JsValue::NULL)
    } else {
        fits(&value).then_some(value)
    }
}

/// One entry of `details.requests`, in the caller's words; `None` if a field
/// has the wrong type.
fn queued_request(wire: &JsValue) -> Option<JsValue> {
    let wire = Fields::of(wire)?;
    let text = |field| optional(wire.get(field), JsValue::is_string);
    let number = |field| {
        optional(wire.get(field), |v: &JsValue| {
            v.as_f64().is_some_and(f64::is_finite)
        })
    };
    Some(queued_request_object(
        &text(Field::ComputerName)?,
        &text(Field::ComputerDomain)?,
        &text(Field::TechUsername)?,
        &number(Field::WaitingTime)?,
    ))
}

/// What `createSession` resolves with, from the answer's `details` and the
/// whole parsed body; `None` when `details` is not the documented shape
/// (`nrequests` a whole number, `requests` an array of requests when present;
/// `null` is not an array).
///
/// # Examples
///
/// ```no_run
/// use js_sys::{Reflect, JSON};
/// use takecontrol_session::session::read_session;
///
/// // In wasm only: `{ queueLength: 1, requests: [], raw }` from the API's answer.
/// let raw = JSON::parse(r#"{"result":"SUCCESS","details":{"nrequests":1,"requests":[]}}"#).unwrap();
/// let details = Reflect::get(&raw, &"details".into()).unwrap();
/// assert!(read_session(&details, raw).is_some());
/// ```
pub fn read_session(details: &JsValue, raw: JsValue) -> Option<JsValue> {
    let details = Fields::of(details)?;
    let queue_length = details
        .get(Field::Nrequests)
        .as_f64()
        .filter(|n| is_whole(*n) && *n >= 0.0)?;
    let requests = Array::new();
    let list = details.get(Field::Requests);
    if !list.is_undefined() {
        for wire in list.dyn_ref::<Array>()?.iter() {
            requests.push(&queued_request(&wire)?);
        }
    }
    Some(session_object(queue_length, &requests, &raw))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_fields_hold_only_what_was_given_with_flags_as_numbers() {
        let request = SessionRequest {
            customer_name: Some("Ada".into()),
            department_id: Some(123.0),
            ask_customer_info: Some(true),
            show_waiting_queue: Some(false),
            ..SessionRequest::default()
        };
        assert_eq!(
            request.wire_fields(),
            [
                ("department_id", WireValue::Number(123.0)),
                ("customer_name", WireValue::Text("Ada")),
                ("ask_customer_info", WireValue::Number(1.0)),
                ("show_waiting_queue", WireValue::Number(0.0)),
            ]
        );
        assert!(SessionRequest::default().wire_fields().is_empty());
    }

    #[test]
    fn the_wire_body_is_json_as_json_stringify_writes_it() {
        let request = SessionRequest {
            customer_name: Some("Zoë \"Z\" O'Brien\\ 😀".into()),
            problem_description: Some("line 1\nline 2\t\u{1}\u{8}\u{c}\r</script>".into()),
            department_id: Some(9_007_199_254_740_991.0),
            show_waiting_queue: Some(true),
            ..SessionRequest::default()
        };
        assert_eq!(
            request.wire_body(),
            r#"{"department_id":9007199254740991,"customer_name":"Zoë \"Z\" O'Brien\\ 😀","problem_description":"line 1\nline 2\t\u0001\b\f\r</script>","show_waiting_queue":1}"#
        );
        assert_eq!(SessionRequest::default().wire_body(), "{}");
    }
}
