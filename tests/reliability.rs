//! Nothing lost, nothing doubled, in real browsers: double submits share one
//! request, the opt-in rate limit refuses without sending, 10,000 random
//! option objects all settle (network stubbed), memory stops growing over
//! 10,000 calls, and 1,000 concurrent calls each store exactly one session.
//!
//! Runs with `wasm-pack test --headless --chrome/--firefox -- --test
//! reliability` against the stand-in (`TAKECONTROL_MOCK_URL`), one test at a
//! time; each resets the stand-in first. Figures are printed with
//! `console_log!` so `npm test` shows them.

#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Object, Reflect};
use takecontrol_session::{error_class, validate_session_request};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::*;

#[wasm_bindgen(inline_js = r#"
export function stubFetch(answer) {
  const original = globalThis.fetch;
  const stub = { calls: 0, restore() { globalThis.fetch = original; } };
  globalThis.fetch = async () => {
    stub.calls += 1;
    return new Response(answer, { status: 200, headers: { "Content-Type": "application/json" } });
  };
  return stub;
}
export function stubCalls(stub) { return stub.calls; }
export function restoreFetch(stub) { stub.restore(); }
export function memoryBytes(memory) { return memory.buffer.byteLength; }
export function objectPrototypeKeys() { return Object.getOwnPropertyNames(Object.prototype).length; }
export function pollutedMarker() { return ({}).polluted; }
"#)]
extern "C" {
    type FetchStub;
    #[wasm_bindgen(js_name = stubFetch)]
    fn stub_fetch(answer: &str) -> FetchStub;
    #[wasm_bindgen(js_name = stubCalls)]
    fn stub_calls(stub: &FetchStub) -> u32;
    #[wasm_bindgen(js_name = restoreFetch)]
    fn restore_fetch(stub: &FetchStub);
    #[wasm_bindgen(js_name = memoryBytes)]
    fn memory_bytes(memory: &JsValue) -> f64;
    #[wasm_bindgen(js_name = objectPrototypeKeys)]
    fn object_prototype_keys() -> u32;
    #[wasm_bindgen(js_name = pollutedMarker)]
    fn polluted_marker() -> JsValue;
}

// ---- helpers ----

async fn received_count() -> u32 {
    Array::from(&admin("GET", "requests", None).await).length()
}

async fn stored_sessions() -> u32 {
    Array::from(&admin("GET", "sessions", None).await).length()
}

fn code_of(error: &JsValue) -> String {
    assert!(
        is_instance(error, &error_class()),
        "not a TakeControlError: {error:?}"
    );
    get(error, "code").as_string().unwrap_or_default()
}

// ---- double submits ----

#[wasm_bindgen_test]
async fn identical_overlapping_calls_share_one_request_and_result() {
    reset().await;
    let same = r#"{"customerName":"Double Click","customerEmail":"dc@example.com"}"#;
    let results = futures::future::join_all(vec![
        create_session(options(same)),
        create_session(options(same)),
        create_session(options(same)),
    ])
    .await;
    let sessions: Vec<JsValue> = results
        .into_iter()
        .map(|r| r.expect("shared session"))
        .collect();
    assert_eq!(
        received_count().await,
        1,
        "a double click must send one request"
    );
    assert_eq!(stored_sessions().await, 1);
    assert!(sessions
        .iter()
        .all(|s| get(s, "queueLength").as_f64() == Some(1.0)));

    // Different options are never merged.
    let results = futures::future::join_all(vec![
        create_session(options(r#"{"customerName":"A"}"#)),
        create_session(options(r#"{"customerName":"B"}"#)),
    ])
    .await;
    assert!(results.iter().all(Result::is_ok));
    assert_eq!(received_count().await, 3);

    // Once the first settled, the same call sends again.
    create_session(options(same)).await.expect("sends again");
    assert_eq!(received_count().await, 4);
    assert_eq!(stored_sessions().await, 4);
}

#[wasm_bindgen_test]
async fn overlapping_calls_with_different_signals_are_not_merged() {
    reset().await;
    let first = web_sys::AbortController::new().expect("controller");
    let second = web_sys::AbortController::new().expect("controller");
    let with_signal = |controller: &web_sys::AbortController| {
        let value = options(r#"{"customerName":"Signals"}"#);
        Reflect::set(&value, &"signal".into(), &controller.signal()).expect("set");
        create_session(value)
    };
    let results = futures::future::join_all(vec![with_signal(&first), with_signal(&second)]).await;
    assert!(results.iter().all(Result::is_ok));
    assert_eq!(received_count().await, 2);
}

// ---- client-side rate limit ----

#[wasm_bindgen_test]
async fn the_rate_limit_refuses_without_touching_the_network() {
    reset().await;
    let limited = |name: &str| {
        options(&format!(
            r#"{{"publicKey":"demo-public-key","customerName":"{name}","rateLimit":{{"requests":2,"perSeconds":60}}}}"#
        ))
    };
    // Another key and base would have its own window: this key is fresh for this test.
    create_session(limited("one")).await.expect("first call");
    create_session(limited("two")).await.expect("second call");
    let error = create_session(limited("three"))
        .await
        .expect_err("third call refused");
    assert_eq!(code_of(&error), "rate_limited");
    let wait = get(&error, "retryAfterSeconds").as_f64().unwrap_or(-1.0);
    assert!(wait > 50.0 && wait <= 60.0, "retryAfterSeconds {wait}");
    assert!(get(&error, "status").is_undefined());
    assert_eq!(
        received_count().await,
        2,
        "the refused call must not be sent"
    );

    // Without rateLimit (the default) nothing is throttled.
    for _ in 0..5 {
        create_session(options(r#"{"customerName":"free"}"#))
            .await
            .expect("no limit by default");
    }
    assert_eq!(received_count().await, 7);

    // A bad rateLimit is an invalid option.
    let error = create_session(options(r#"{"rateLimit":{"requests":0,"perSeconds":60}}"#))
        .await
        .expect_err("invalid");
    assert_eq!(code_of(&error), "invalid_options");
    assert_eq!(
        get(&error, "field").as_string().as_deref(),
        Some("rateLimit.requests")
    );
}

// ---- fuzzing with the network stubbed ----

/// xorshift64*: a small, seeded generator, so a failure can be replayed.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

const OPTION_NAMES: [&str; 14] = [
    "publicKey",
    "apiBase",
    "customerName",
    "customerEmail",
    "customerNumber",
    "problemDescription",
    "departmentId",
    "technicianUsername",
    "language",
    "askCustomerInfo",
    "showWaitingQueue",
    "timeoutMs",
    "maxRetries",
    "signal",
];
const ODD_NAMES: [&str; 7] = [
    "__proto__",
    "constructor",
    "toString",
    "hasOwnProperty",
    "customer_name",
    "",
    "😀",
];

fn random_text(random: &mut Random) -> JsValue {
    let len = match random.below(10) {
        0 => 0,
        1 => 120 + random.below(20),
        2 => 1020 + random.below(10),
        3 => 2000,
        _ => random.below(40),
    };
    let mut units: Vec<u16> = Vec::new();
    for _ in 0..len {
        match random.below(12) {
            0 => units.extend("😀".encode_utf16()),
            1 => units.push(0xD800 + random.below(0x400) as u16), // a lone surrogate, often
            2 => units.push(random.below(0x20) as u16),           // control characters
            3 => units.extend("é".encode_utf16()),
            4 => units.push(u16::from(b"@.-_%$\"\\<>"[random.below(10) as usize])),
            _ => units.push(u16::from(b'a') + random.below(26) as u16),
        }
    }
    let text = js_sys::JsString::from_char_code(&units);
    text.into()
}

fn plausible_value(name: &str, random: &mut Random) -> JsValue {
    match name {
        "publicKey" => PUBLIC_KEY.into(),
        "apiBase" => "https://api.fuzz.test".into(),
        "customerEmail" | "technicianUsername" => "someone@example.com".into(),
        "language" => ["fr", "pt-BR", "en"][random.below(3) as usize].into(),
        "departmentId" => JsValue::from_f64((1 + random.below(1000)) as f64),
        "askCustomerInfo" | "showWaitingQueue" => random.chance(50).into(),
        "timeoutMs" => JsValue::from_f64(15_000.0),
        "maxRetries" => JsValue::from_f64(random.below(3) as f64),
        "signal" => web_sys::AbortController::new()
            .expect("controller")
            .signal()
            .into(),
        _ => "Ada Lovelace".into(),
    }
}

fn random_value(random: &mut Random, depth: u32) -> JsValue {
    match random.below(if depth > 2 { 9 } else { 12 }) {
        0 => random_text(random),
        1 => JsValue::from_f64(
            [
                0.0,
                -0.0,
                1.5,
                -7.0,
                1e308,
                f64::NAN,
                f64::INFINITY,
                9_007_199_254_740_993.0,
            ][random.below(8) as usize],
        ),
        2 => JsValue::from_f64(random.below(3000) as f64),
        3 => random.chance(50).into(),
        4 => JsValue::NULL,
        5 => JsValue::UNDEFINED,
        6 => js_sys::BigInt::from(random.below(100)).into(),
        7 => js_sys::Symbol::for_("fuzz").into(),
        8 => js_sys::Date::new_0().into(),
        9 => (0..random.below(4))
            .map(|_| random_value(random, depth + 1))
            .collect::<Array>()
            .into(),
        10 => random_object(random, depth + 1),
        _ => js_sys::Function::new_no_args("return 1").into(),
    }
}

/// A random object; at the top level, half of them start from a valid key
/// and base and mostly hold plausible values, so both outcomes are common.
fn random_object(random: &mut Random, depth: u32) -> JsValue {
    let object = Object::new();
    let mostly_valid = depth == 0 && random.chance(50);
    let mut names: Vec<&str> = if mostly_valid {
        vec!["publicKey", "apiBase"]
    } else {
        Vec::new()
    };
    for _ in 0..random.below(6) {
        names.push(if random.chance(85) {
            OPTION_NAMES[random.below(OPTION_NAMES.len() as u64) as usize]
        } else {
            ODD_NAMES[random.below(ODD_NAMES.len() as u64) as usize]
        });
    }
    for name in names {
        let plausible = depth == 0 && random.chance(if mostly_valid { 90 } else { 40 });
        let value = if plausible {
            plausible_value(name, random)
        } else {
            random_value(random, depth + 1)
        };
        // An own property even for "__proto__", as JSON.parse would make it.
        let descriptor = Object::new();
        Reflect::set(&descriptor, &"value".into(), &value).expect("set");
        Reflect::set(&descriptor, &"enumerable".into(), &true.into()).expect("set");
        Reflect::set(&descriptor, &"configurable".into(), &true.into()).expect("set");
        Reflect::set(&descriptor, &"writable".into(), &true.into()).expect("set");
        let _ = Reflect::define_property(&object, &name.into(), &descriptor.unchecked_into());
    }
    object.into()
}

#[wasm_bindgen_test]
async fn ten_thousand_random_option_objects_all_settle_and_invalid_ones_send_nothing() {
    const CALLS: u32 = 10_000;
    let stub = stub_fetch(r#"{"result":"SUCCESS","details":{"nrequests":1,"requests":[]}}"#);
    let prototype_keys = object_prototype_keys();
    let mut random = Random(0x5EED_1234_ABCD_0001);
    let (mut ok, mut invalid, mut other) = (0u32, 0u32, Vec::new());
    for i in 0..CALLS {
        let value = match random.below(40) {
            0 => random_value(&mut random, 3),
            _ => random_object(&mut random, 0),
        };
        let valid = Array::from(&validate_session_request(value.clone())).length() == 0;
        let sent_before = stub_calls(&stub);
        let outcome = create_session(value).await;
        let sent = stub_calls(&stub) - sent_before;
        match outcome {
            Ok(session) => {
                assert!(valid, "call {i}: invalid options succeeded");
                assert_eq!(sent, 1, "call {i}");
                assert_eq!(get(&session, "queueLength").as_f64(), Some(1.0));
                ok += 1;
            }
            Err(error) => {
                let code = code_of(&error);
                if code == "invalid_options" {
                    assert!(
                        !valid,
                        "call {i}: validateSessionRequest and createSession disagree"
                    );
                    assert_eq!(sent, 0, "call {i}: invalid options were sent");
                    invalid += 1;
                } else {
                    assert!(valid, "call {i}: {code} for invalid options");
                    other.push(code);
                }
            }
        }
    }
    restore_fetch(&stub);
    console_log!(
        "fuzz: {CALLS} calls, {ok} sessions, {invalid} invalid_options, other codes {other:?}"
    );
    assert_eq!(ok + invalid + other.len() as u32, CALLS);
    assert!(
        ok > 1000 && invalid > 1000,
        "the generator must exercise both paths ({ok} ok, {invalid} invalid)"
    );
    assert_eq!(
        object_prototype_keys(),
        prototype_keys,
        "Object.prototype was changed"
    );
    assert!(polluted_marker().is_undefined());

    // The module still works: a normal call against the stand-in.
    reset().await;
    let session = create_session(options(r#"{"customerName":"After fuzzing"}"#))
        .await
        .expect("normal call");
    assert_eq!(get(&session, "queueLength").as_f64(), Some(1.0));
}

// ---- memory ----

#[wasm_bindgen_test]
async fn memory_stops_growing_over_ten_thousand_calls() {
    const WARM_UP: u32 = 2_000;
    const CALLS: u32 = 10_000;
    reset().await;
    let memory = wasm_bindgen::memory();
    let mut failures = 0;
    let mut after_warm_up = 0.0;
    let before = memory_bytes(&memory);
    for i in 0..CALLS {
        let name = format!(
            r#"{{"customerName":"Memory {i}","customerNumber":"{i}","showWaitingQueue":true}}"#
        );
        if create_session(options(&name)).await.is_err() {
            failures += 1;
        }
        // Every 1,000 calls the stand-in forgets its sessions, so that its
        // queue (and each answer) stays the same size.
        if i % 1000 == 999 {
            reset().await;
        }
        if i + 1 == WARM_UP {
            after_warm_up = memory_bytes(&memory);
        }
    }
    let after = memory_bytes(&memory);
    console_log!("memory: {before} B at start, {after_warm_up} B after {WARM_UP} calls, {after} B after {CALLS} calls; {failures} failed calls");
    assert_eq!(failures, 0);
    assert_eq!(
        after, after_warm_up,
        "wasm memory grew after the warm-up: a leak per call"
    );
}

// ---- load from one page ----

#[wasm_bindgen_test]
async fn a_thousand_concurrent_calls_each_store_exactly_one_session() {
    const CALLS: usize = 1_000;
    reset().await;
    let calls: Vec<_> = (0..CALLS)
        .map(|i| {
            create_session(options(&format!(
                r#"{{"customerName":"Load {i}","customerNumber":"L{i}"}}"#
            )))
        })
        .collect();
    let results = futures::future::join_all(calls).await;
    let mut codes: Vec<String> = Vec::new();
    let successes = results
        .iter()
        .filter(|result| match result {
            Ok(_) => true,
            Err(error) => {
                codes.push(code_of(error));
                false
            }
        })
        .count();
    JsFuture::from(sleep(50)).await.expect("sleep");
    let stored = stored_sessions().await as usize;
    console_log!("load: {CALLS} concurrent calls, {successes} sessions, errors {codes:?}, {stored} stored by the stand-in");
    assert_eq!(results.len(), CALLS, "every call settled");
    assert_eq!(
        stored, successes,
        "one stored session per successful call: nothing lost, nothing doubled"
    );
    assert!(
        successes > CALLS * 9 / 10,
        "most calls should succeed on loopback ({successes})"
    );
}
