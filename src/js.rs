//! The few JS built-ins the crate uses (`Array`, `Object`, `Promise`, a
//! string, `AbortSignal`, `Date`, `Math.random`), declared here instead
//! of taken from js-sys and web-sys: js-sys links its futures module
//! (JSPI) into every `.wasm` that depends on it, and that module's exported
//! poll function keeps its task and waker code alive after wasm-bindgen has
//! removed the export (the visitor .wasm is 570 B smaller gzipped without js-sys).

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// A JS array (`Array.isArray`, so an array from another realm is one too).
    #[wasm_bindgen(is_type_of = JsValue::is_array)]
    pub type Array;
    /// `new Array()`.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Array;
    /// `array.push(value)`.
    #[wasm_bindgen(method)]
    pub fn push(this: &Array, value: &JsValue) -> u32;
    /// `array.length`.
    #[wasm_bindgen(method, getter)]
    pub fn length(this: &Array) -> u32;
    /// `array[index]`.
    #[wasm_bindgen(method, indexing_getter)]
    pub fn get(this: &Array, index: u32) -> JsValue;

    /// A plain JS object.
    pub type Object;
    /// `new Object()`.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Object;

    /// A JS promise.
    pub type Promise;
    /// `Promise.reject(reason)`.
    #[wasm_bindgen(static_method_of = Promise)]
    pub fn reject(reason: &JsValue) -> Promise;

    /// A JS string.
    pub type JsString;

    /// The caller's `AbortSignal` (read and checked by js/options.js).
    pub type AbortSignal;

    /// A JS `Date`.
    pub type Date;
    /// `new Date(ms)`.
    #[wasm_bindgen(constructor)]
    pub fn new(ms: f64) -> Date;
    /// `Date.now()`.
    #[wasm_bindgen(static_method_of = Date)]
    pub fn now() -> f64;

    /// `Math.random()`.
    #[wasm_bindgen(js_namespace = Math)]
    pub fn random() -> f64;
}

impl Array {
    /// Each element, first to last.
    pub fn each(&self, mut f: impl FnMut(JsValue)) {
        for index in 0..self.length() {
            f(self.get(index));
        }
    }
}
