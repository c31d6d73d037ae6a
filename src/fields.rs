//! Reading named fields of JS objects: the API's parsed answer (envelope,
//! session details, queued requests) and js/call.js's outcome of an attempt.
//! One import serves every field, by its index in js/call.js's list: a
//! getter import per field cost about 100 B of `.wasm` each, and no name
//! crosses the boundary as text on a read.

use wasm_bindgen::prelude::*;

/// A field Rust reads; the discriminant is its index in js/call.js.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Field {
    /// The envelope's `result` (`"SUCCESS"` or not).
    Result,
    /// The envelope's `details`.
    Details,
    /// The envelope's `errorDetails`.
    ErrorDetails,
    /// `details.nrequests`, the queue's length.
    Nrequests,
    /// `details.requests`, the queued requests.
    Requests,
    /// A queued request's `computer_name`.
    ComputerName,
    /// A queued request's `computer_domain`.
    ComputerDomain,
    /// A queued request's `tech_username`.
    TechUsername,
    /// A queued request's `waiting_time`.
    WaitingTime,
    /// An outcome's HTTP `status`.
    Status,
    /// An outcome's `Retry-After` header (`retryAfter`).
    RetryAfter,
    /// An outcome's parsed body (`json`).
    Json,
    /// An outcome's `fault` code.
    Fault,
    /// An outcome's `cancelled` code.
    Cancelled,
}

#[wasm_bindgen(module = "/js/call.js")]
extern "C" {
    #[wasm_bindgen(js_name = field)]
    fn read_field(object: &JsValue, index: u8) -> JsValue;
}

/// A JS object whose fields Rust reads, checked once to be an object so
/// that no property of `null` or of a string is ever read.
#[derive(Clone, Copy)]
pub struct Fields<'a>(&'a JsValue);

impl<'a> Fields<'a> {
    /// `value`'s fields; `None` when `value` is not an object.
    pub fn of(value: &'a JsValue) -> Option<Self> {
        value.is_object().then_some(Fields(value))
    }

    /// One field (`undefined` when the object has none).
    pub fn get(self, field: Field) -> JsValue {
        read_field(self.0, field as u8)
    }
}
