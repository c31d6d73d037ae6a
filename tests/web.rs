//! The exported JS surface in real browsers (`wasm-pack test --headless
//! --chrome` / `--firefox`), against the stand-in API on loopback. The test
//! page runs on its own port, so every call crosses origins as in production.
//!
//! `npm test` starts the stand-in and passes its address at compile time as
//! `TAKECONTROL_MOCK_URL`. Tests run one after another; each resets the
//! stand-in first.

#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Date, Object, Reflect, JSON};
use takecontrol_session::{error_class, validate_session_request};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::*;

async fn fault(spec: &str) {
    admin("POST", "faults", Some(spec)).await;
}

/// The requests the stand-in received on /rest/*, oldest first.
async fn received() -> Vec<JsValue> {
    Array::from(&admin("GET", "requests", None).await).to_vec()
}

// ---- reading JS values ----

fn text(value: &JsValue, path: &str) -> Option<String> {
    get(value, path).as_string()
}

fn number(value: &JsValue, path: &str) -> Option<f64> {
    get(value, path).as_f64()
}

fn stringify(value: &JsValue) -> String {
    JSON::stringify(value).map(String::from).unwrap_or_default()
}

fn with(options: JsValue, name: &str, value: &JsValue) -> JsValue {
    Reflect::set(&options, &name.into(), value).expect("set");
    options
}

async fn create(json: &str) -> Result<JsValue, JsValue> {
    create_session(options(json)).await
}

/// Asserts a rejection is a `TakeControlError` with `code`, and returns it.
fn expect_error(result: Result<JsValue, JsValue>, code: &str) -> JsValue {
    let error = match result {
        Ok(value) => panic!("expected {code}, got a session: {}", stringify(&value)),
        Err(error) => error,
    };
    assert!(
        error.is_instance_of::<js_sys::Error>(),
        "not an Error: {error:?}"
    );
    assert!(
        is_instance(&error, &error_class()),
        "not a TakeControlError"
    );
    assert_eq!(text(&error, "name").as_deref(), Some("TakeControlError"));
    assert_eq!(
        text(&error, "code").as_deref(),
        Some(code),
        "message: {:?}",
        text(&error, "message")
    );
    let message = text(&error, "message").unwrap_or_default();
    assert!(!message.is_empty());
    assert!(
        !message.contains(PUBLIC_KEY) && !message.contains(PRIVATE_KEY),
        "{message}"
    );
    error
}

async fn expect_invalid(json: &str, field: &str) {
    reset().await;
    let error = expect_error(create(json).await, "invalid_options");
    assert_eq!(text(&error, "field").as_deref(), Some(field), "{json}");
    assert!(get(&error, "status").is_undefined());
    assert!(received().await.is_empty(), "{json} sent a request");
}

/// A normal call still works: the module was not left broken.
async fn still_works() {
    fault_free().await;
    let session = create(r#"{"customerName":"After"}"#)
        .await
        .expect("a normal call after a failure");
    assert!(number(&session, "queueLength").is_some_and(|n| n >= 1.0));
}

async fn fault_free() {
    admin("DELETE", "faults", None).await;
}

// ---- the wire request ----

#[wasm_bindgen_test]
async fn full_options_go_over_the_wire_in_snake_case_with_flags() {
    reset().await;
    let session = create(
        r#"{"customerName":"John Doe","customerEmail":"john@example.com","customerNumber":"d4f%d$3",
            "problemDescription":"Unable to access network drive","departmentId":123,
            "technicianUsername":"tech@example.com","language":"fr",
            "askCustomerInfo":true,"showWaitingQueue":false}"#,
    )
    .await
    .expect("session");

    let requests = received().await;
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert_eq!(text(request, "method").as_deref(), Some("POST"));
    assert_eq!(text(request, "path").as_deref(), Some("/rest/session"));
    assert_eq!(
        text(request, "key.kind").as_deref(),
        Some("public"),
        "the public key (the log keeps no key value)"
    );
    assert_eq!(
        text(request, "headers.content-type").as_deref(),
        Some("application/json")
    );
    let body = JSON::parse(&text(request, "body").expect("body")).expect("JSON body");
    let expected = JSON::parse(
        r#"{"department_id":123,"technician_username":"tech@example.com","language":"fr",
            "customer_name":"John Doe","customer_email":"john@example.com","customer_number":"d4f%d$3",
            "problem_description":"Unable to access network drive","ask_customer_info":1,"show_waiting_queue":0}"#,
    )
    .expect("expected");
    assert_eq!(stringify(&body), stringify(&expected));

    assert_eq!(number(&session, "queueLength"), Some(1.0));
    let first = get(&session, "requests.0");
    assert!(text(&first, "computerName").is_some());
    assert_eq!(
        text(&first, "techUsername").as_deref(),
        Some("tech@example.com")
    );
    assert!(number(&first, "waitingMinutes").is_some());
    assert_eq!(text(&session, "raw.result").as_deref(), Some("SUCCESS"));
    assert_eq!(number(&session, "raw.details.nrequests"), Some(1.0));
}

#[wasm_bindgen_test]
async fn partial_options_send_only_what_was_given() {
    reset().await;
    create(r#"{"customerName":"Ada","showWaitingQueue":true}"#)
        .await
        .expect("session");
    create(r#"{}"#)
        .await
        .expect("session without visitor fields");
    let requests = received().await;
    assert_eq!(
        text(&requests[0], "body").as_deref(),
        Some(r#"{"customer_name":"Ada","show_waiting_queue":1}"#)
    );
    assert_eq!(text(&requests[1], "body").as_deref(), Some("{}"));
}

#[wasm_bindgen_test]
async fn text_goes_over_the_wire_escaped_as_json_stringify_escapes_it() {
    reset().await;
    create(
        r#"{"customerName":"Zoë \"Z\" O'Brien\\ 😀","problemDescription":"line 1\nline 2\t\u0001\b\f\r</script>","departmentId":9007199254740991}"#,
    )
    .await
    .expect("session");
    let requests = received().await;
    assert_eq!(
        text(&requests[0], "body").as_deref(),
        Some(
            r#"{"department_id":9007199254740991,"customer_name":"Zoë \"Z\" O'Brien\\ 😀","problem_description":"line 1\nline 2\t\u0001\b\f\r</script>"}"#
        )
    );
}

#[wasm_bindgen_test]
async fn the_queue_grows_and_a_trailing_slash_on_api_base_is_fine() {
    reset().await;
    let base = format!("{MOCK_URL}/");
    let json = format!(r#"{{"apiBase":"{base}"}}"#);
    let first = create(&json).await.expect("first");
    let second = create(&json).await.expect("second");
    assert_eq!(number(&first, "queueLength"), Some(1.0));
    assert_eq!(number(&second, "queueLength"), Some(2.0));
    assert_eq!(
        text(&received().await[0], "path").as_deref(),
        Some("/rest/session")
    );
}

#[wasm_bindgen_test]
async fn unknown_response_fields_are_kept_in_raw() {
    reset().await;
    fault(r#"{"status":200,"body":"{\"result\":\"SUCCESS\",\"extra\":{\"a\":1},\"details\":{\"nrequests\":4,\"requests\":[{\"computer_name\":\"VM2\",\"waiting_time\":3,\"new_field\":true}]}}"}"#).await;
    let session = create("{}").await.expect("session");
    assert_eq!(number(&session, "queueLength"), Some(4.0));
    assert_eq!(number(&session, "raw.extra.a"), Some(1.0));
    assert_eq!(
        get(&session, "raw.details.requests.0.new_field").as_bool(),
        Some(true)
    );
    assert_eq!(number(&session, "requests.0.waitingMinutes"), Some(3.0));
    assert!(get(&session, "requests.0.techUsername").is_null());
}

// ---- validation: limits at their boundary, and nothing sent ----

#[wasm_bindgen_test]
async fn text_limits_accept_the_limit_and_refuse_one_more() {
    for (field, limit) in [
        ("customerName", 128),
        ("customerNumber", 32),
        ("problemDescription", 1024),
    ] {
        // Astral characters: the limit counts code points, not UTF-16 units.
        reset().await;
        let ok = format!(r#"{{"{field}":"{}"}}"#, "😀".repeat(limit));
        create(&ok)
            .await
            .unwrap_or_else(|e| panic!("{field} of {limit}: {:?}", text(&e, "message")));
        assert_eq!(received().await.len(), 1);
        expect_invalid(
            &format!(r#"{{"{field}":"{}"}}"#, "a".repeat(limit + 1)),
            field,
        )
        .await;
    }
    reset().await;
    let email = format!("{}@example.com", "a".repeat(64 - 12));
    create(&format!(r#"{{"customerEmail":"{email}"}}"#))
        .await
        .expect("64-character email");
    expect_invalid(
        &format!(r#"{{"customerEmail":"a{email}"}}"#),
        "customerEmail",
    )
    .await;
}

#[wasm_bindgen_test]
async fn each_rule_refuses_before_sending() {
    for (json, field) in [
        (r#"{"publicKey":""}"#, "publicKey"),
        (r#"{"publicKey":"   "}"#, "publicKey"),
        (r#"{"publicKey":null}"#, "publicKey"),
        (r#"{"publicKey":42}"#, "publicKey"),
        (r#"{"customerEmail":"not-an-email"}"#, "customerEmail"),
        (r#"{"customerEmail":"john@example"}"#, "customerEmail"),
        (r#"{"departmentId":0}"#, "departmentId"),
        (r#"{"departmentId":-3}"#, "departmentId"),
        (r#"{"departmentId":1.5}"#, "departmentId"),
        (r#"{"departmentId":9007199254740992}"#, "departmentId"),
        (r#"{"departmentId":"123"}"#, "departmentId"),
        (r#"{"technicianUsername":"tech"}"#, "technicianUsername"),
        (r#"{"language":"french"}"#, "language"),
        (r#"{"language":"pt_BR"}"#, "language"),
        (r#"{"apiBase":"http://api.us0.swi-rc.com"}"#, "apiBase"),
        (r#"{"apiBase":"http://localhost.example.com"}"#, "apiBase"),
        (r#"{"apiBase":"ftp://127.0.0.1"}"#, "apiBase"),
        (r#"{"apiBase":"not a url"}"#, "apiBase"),
        (r#"{"customer_name":"John"}"#, "customer_name"),
        (r#"{"customerName":42}"#, "customerName"),
        (r#"{"customerName":null}"#, "customerName"),
        (r#"{"customerName":{"first":"John"}}"#, "customerName"),
        (r#"{"customerName":["John"]}"#, "customerName"),
        (r#"{"askCustomerInfo":1}"#, "askCustomerInfo"),
        (r#"{"showWaitingQueue":"yes"}"#, "showWaitingQueue"),
        (r#"{"timeoutMs":0}"#, "timeoutMs"),
        (r#"{"timeoutMs":"1000"}"#, "timeoutMs"),
        (r#"{"maxRetries":-1}"#, "maxRetries"),
        (r#"{"maxRetries":11}"#, "maxRetries"),
        (r#"{"signal":{}}"#, "signal"),
    ] {
        expect_invalid(json, field).await;
    }
    // The boundary values that are allowed.
    reset().await;
    create(r#"{"departmentId":9007199254740991,"language":"pt-BR","technicianUsername":"t@example.com","maxRetries":0}"#)
        .await
        .expect("valid edge values");
    create(r#"{"publicKey":"demo-public-key","apiBase":"http://localhost:1/"}"#)
        .await
        .map(|_| ())
        .or_else(|e| {
            if text(&e, "code").as_deref() == Some("network") {
                Ok(())
            } else {
                Err(e)
            }
        })
        .expect("http://localhost is allowed (the call then fails on the network)");
}

#[wasm_bindgen_test]
async fn options_that_are_not_an_object_are_refused() {
    reset().await;
    for value in [
        JsValue::UNDEFINED,
        JsValue::NULL,
        JsValue::from_str("key"),
        Array::new().into(),
        JsValue::from(7),
    ] {
        let error = expect_error(create_session(value).await, "invalid_options");
        assert_eq!(text(&error, "field").as_deref(), Some("options"));
    }
    assert!(received().await.is_empty());
}

#[wasm_bindgen_test]
async fn unpaired_surrogates_are_refused_not_replaced() {
    reset().await;
    let name = js_sys::JsString::from_char_code1(0xD800);
    let value = with(options("{}"), "customerName", &name);
    let error = expect_error(create_session(value).await, "invalid_options");
    assert_eq!(text(&error, "field").as_deref(), Some("customerName"));
    assert!(received().await.is_empty());
}

#[wasm_bindgen_test]
async fn validate_session_request_lists_every_problem() {
    let none = validate_session_request(options(r#"{"customerName":"Ada"}"#));
    assert_eq!(Array::from(&none).length(), 0);
    let errors = Array::from(&validate_session_request(options(&format!(
        r#"{{"customerName":"{}","customerEmail":"x","language":"?","colour":"red"}}"#,
        "a".repeat(129)
    ))));
    let fields: Vec<String> = errors.iter().filter_map(|e| text(&e, "field")).collect();
    for field in ["customerName", "customerEmail", "language", "colour"] {
        assert!(
            fields.iter().any(|f| f == field),
            "{field} missing from {fields:?}"
        );
    }
    assert!(errors
        .iter()
        .all(|e| text(&e, "message").is_some_and(|m| !m.is_empty())));
}

// ---- every error code from the server side ----

#[wasm_bindgen_test]
async fn status_400_is_invalid_request_with_error_details() {
    reset().await;
    fault(r#"{"status":400,"body":"{\"result\":\"ERROR\",\"errorDetails\":\"customer_name: at most 128 characters\"}"}"#).await;
    let error = expect_error(create("{}").await, "invalid_request");
    assert_eq!(number(&error, "status"), Some(400.0));
    assert_eq!(
        text(&error, "errorDetails").as_deref(),
        Some("customer_name: at most 128 characters")
    );
    assert_eq!(received().await.len(), 1, "a 400 is never retried");
    still_works().await;
}

#[wasm_bindgen_test]
async fn a_wrong_key_is_invalid_key_and_never_quoted() {
    reset().await;
    let secret = "wrong-key-3f9a1c";
    for key in [secret, PRIVATE_KEY] {
        let error = expect_error(
            create(&format!(r#"{{"publicKey":"{key}"}}"#)).await,
            "invalid_key",
        );
        assert_eq!(number(&error, "status"), Some(403.0));
        assert!(!text(&error, "message").unwrap_or_default().contains(key));
        assert!(!stringify(&get(&error, "errorDetails")).contains(key));
    }
    assert_eq!(received().await.len(), 2, "a 403 is never retried");
    still_works().await;
}

#[wasm_bindgen_test]
async fn a_key_echoed_by_the_server_is_redacted_from_the_message() {
    reset().await;
    fault(&format!(r#"{{"status":400,"body":"{{\"result\":\"ERROR\",\"errorDetails\":\"bad key {PUBLIC_KEY}\"}}"}}"#)).await;
    let error = expect_error(create("{}").await, "invalid_request");
    assert!(text(&error, "message")
        .unwrap_or_default()
        .contains("[redacted key]"));
}

#[wasm_bindgen_test]
async fn status_429_is_rate_limited_with_retry_after() {
    reset().await;
    fault(r#"{"status":429,"retry_after":"7"}"#).await;
    let error = expect_error(create(r#"{"maxRetries":0}"#).await, "rate_limited");
    assert_eq!(number(&error, "status"), Some(429.0));
    assert_eq!(number(&error, "retryAfterSeconds"), Some(7.0));

    fault(r#"{"status":429}"#).await;
    let error = expect_error(create(r#"{"maxRetries":0}"#).await, "rate_limited");
    assert!(get(&error, "retryAfterSeconds").is_undefined());
    still_works().await;
}

#[wasm_bindgen_test]
async fn server_errors_are_server_error_and_not_retried_except_503() {
    for (status, body) in [
        (500, "{}"),
        (502, "<html><body>Bad gateway</body></html>"),
        (504, ""),
    ] {
        reset().await;
        let spec = format!(
            r#"{{"status":{status},"body":{},"content_type":"text/plain"}}"#,
            stringify(&body.into())
        );
        fault(&spec).await;
        let error = expect_error(create("{}").await, "server_error");
        assert_eq!(number(&error, "status"), Some(f64::from(status)));
        assert_eq!(received().await.len(), 1, "{status} must not be retried");
    }
    still_works().await;
}

#[wasm_bindgen_test]
async fn a_200_without_success_is_api_error() {
    reset().await;
    fault(r#"{"status":200,"body":"{\"result\":\"ERROR\",\"errorDetails\":{\"reason\":\"department closed\"}}"}"#).await;
    let error = expect_error(create("{}").await, "api_error");
    assert_eq!(number(&error, "status"), Some(200.0));
    assert_eq!(
        text(&error, "errorDetails.reason").as_deref(),
        Some("department closed")
    );

    fault(r#"{"status":200,"body":"{\"result\":\"FAILED\"}"}"#).await;
    let error = expect_error(create("{}").await, "api_error");
    assert!(get(&error, "errorDetails").is_undefined());
    still_works().await;
}

#[wasm_bindgen_test]
async fn bodies_that_are_not_the_documented_shape_are_unexpected_response() {
    for body in [
        "<html>maintenance</html>",
        "",
        "null",
        "[]",
        r#"{"result":"SUCCESS"}"#,
        r#"{"result":"SUCCESS","details":{"nrequests":"22","requests":[]}}"#,
        r#"{"result":"SUCCESS","details":{"nrequests":2,"requests":{"computer_name":"VM2"}}}"#,
        r#"{"result":"SUCCESS","details":{"nrequests":2,"requests":null}}"#,
        r#"{"result":"SUCCESS","details":{"nrequests":-1,"requests":[]}}"#,
        r#"{"result":"SUCCESS","details":{"nrequests":2,"requests":[{"waiting_time":"soon"}]}}"#,
        r#"{"result":"SUCCESS","details":{"nrequests":2,"requests":[{"computer_name":5}]}}"#,
        r#"{"result":"SUCCESS","details":{"nrequests":2,"requests":[{"computer_name":"VM2"},7]}}"#,
    ] {
        reset().await;
        fault(&format!(
            r#"{{"status":200,"body":{},"content_type":"text/plain"}}"#,
            stringify(&body.into())
        ))
        .await;
        let error = expect_error(create("{}").await, "unexpected_response");
        assert_eq!(number(&error, "status"), Some(200.0), "{body}");
    }
    still_works().await;
}

#[wasm_bindgen_test]
async fn an_unreachable_api_is_network() {
    reset().await;
    // Port 9 (discard) on loopback: nothing listens there in our test hosts.
    let error = expect_error(
        create(r#"{"apiBase":"http://127.0.0.1:9"}"#).await,
        "network",
    );
    assert!(get(&error, "status").is_undefined());
    still_works().await;
}

// ---- retries ----

#[wasm_bindgen_test]
async fn a_429_then_success_is_retried_honouring_retry_after() {
    reset().await;
    fault(r#"{"status":429,"retry_after":"1"}"#).await;
    let started = Date::now();
    let session = create("{}").await.expect("the retry succeeds");
    let waited = Date::now() - started;
    assert!(number(&session, "queueLength").is_some());
    assert_eq!(received().await.len(), 2);
    assert!(
        waited >= 950.0,
        "Retry-After: 1 was not honoured ({waited} ms)"
    );
}

#[wasm_bindgen_test]
async fn a_503_then_success_is_retried_with_backoff() {
    reset().await;
    fault(r#"{"status":503,"times":2}"#).await;
    create("{}").await.expect("the second retry succeeds");
    assert_eq!(received().await.len(), 3);
}

#[wasm_bindgen_test]
async fn retries_stop_at_max_retries() {
    reset().await;
    fault(r#"{"status":503,"times":5}"#).await;
    let error = expect_error(create(r#"{"maxRetries":1}"#).await, "server_error");
    assert_eq!(number(&error, "status"), Some(503.0));
    assert_eq!(received().await.len(), 2);
}

#[wasm_bindgen_test]
async fn a_retry_after_beyond_the_timeout_is_not_waited_for() {
    reset().await;
    fault(r#"{"status":429,"retry_after":"3600"}"#).await;
    let started = Date::now();
    let error = expect_error(create(r#"{"timeoutMs":3000}"#).await, "rate_limited");
    assert_eq!(number(&error, "retryAfterSeconds"), Some(3600.0));
    assert!(
        Date::now() - started < 2500.0,
        "it waited for a retry it could not make"
    );
    assert_eq!(received().await.len(), 1);
    still_works().await;
}

#[wasm_bindgen_test]
async fn garbage_retry_after_falls_back_to_backoff() {
    reset().await;
    fault(r#"{"status":429,"retry_after":"soon, maybe"}"#).await;
    create("{}").await.expect("retried with backoff");
    assert_eq!(received().await.len(), 2);
}

// ---- timeout and abort ----

#[wasm_bindgen_test]
async fn a_slow_answer_times_out() {
    reset().await;
    fault(r#"{"delay_ms":5000}"#).await;
    let started = Date::now();
    expect_error(create(r#"{"timeoutMs":400}"#).await, "timeout");
    let elapsed = Date::now() - started;
    assert!((350.0..3000.0).contains(&elapsed), "{elapsed} ms");
    still_works().await;
}

#[wasm_bindgen_test]
async fn an_answer_that_stalls_mid_body_times_out() {
    reset().await;
    fault(r#"{"status":200,"body":"{\"result\":\"SUCCESS\",\"details\":{\"nrequests\":1,\"requests\":[]}}","stall_after_bytes":10}"#).await;
    let error = expect_error(create(r#"{"timeoutMs":600}"#).await, "timeout");
    // The status had arrived before the body stalled.
    assert_eq!(number(&error, "status"), Some(200.0));
    still_works().await;
}

#[wasm_bindgen_test]
async fn the_callers_signal_aborts_a_call_in_flight() {
    reset().await;
    fault(r#"{"delay_ms":5000}"#).await;
    let controller = web_sys::AbortController::new().expect("controller");
    let call = create_session(with(options("{}"), "signal", &controller.signal()));
    let abort_later = async {
        JsFuture::from(sleep(200)).await.expect("sleep");
        controller.abort();
    };
    let started = Date::now();
    let (result, ()) = futures::join!(call, abort_later);
    expect_error(result, "aborted");
    assert!(Date::now() - started < 3000.0);
    still_works().await;
}

#[wasm_bindgen_test]
async fn an_already_aborted_signal_sends_nothing() {
    reset().await;
    let controller = web_sys::AbortController::new().expect("controller");
    controller.abort();
    expect_error(
        create_session(with(options("{}"), "signal", &controller.signal())).await,
        "aborted",
    );
    assert!(received().await.is_empty());
}

#[wasm_bindgen_test]
async fn an_abort_during_a_backoff_wait_ends_it() {
    reset().await;
    fault(r#"{"status":429,"retry_after":"5"}"#).await;
    let controller = web_sys::AbortController::new().expect("controller");
    let call = create_session(with(options("{}"), "signal", &controller.signal()));
    let abort_later = async {
        JsFuture::from(sleep(300)).await.expect("sleep");
        controller.abort();
    };
    let started = Date::now();
    let (result, ()) = futures::join!(call, abort_later);
    expect_error(result, "aborted");
    assert!(Date::now() - started < 3000.0);
    assert_eq!(received().await.len(), 1);
}

#[wasm_bindgen_test]
async fn the_error_class_is_a_real_error_subclass() {
    reset().await;
    let error = expect_error(create(r#"{"customerName":5}"#).await, "invalid_options");
    assert!(text(&error, "stack").is_some());
    let prototype = get(&error_class(), "prototype");
    assert!(Object::is(&Object::get_prototype_of(&error), &prototype));
    let error_prototype = get(&js_sys::global(), "Error.prototype");
    assert!(Object::is(
        &Object::get_prototype_of(&prototype),
        &error_prototype
    ));
}

// ---- session history on a web page ----

#[wasm_bindgen_test]
async fn history_with_a_private_key_is_refused_on_a_web_page() {
    reset().await;
    let options = JSON::parse(&format!(
        r#"{{"privateKey":"{PRIVATE_KEY}","apiBase":"{MOCK_URL}"}}"#
    ))
    .expect("options");
    let error = expect_error(get_session_history(options).await, "private_key_in_browser");
    assert!(get(&error, "status").is_undefined());
    assert!(received().await.is_empty(), "nothing may be sent");
}

#[wasm_bindgen_test]
async fn history_on_an_internal_page_needs_dangerously_allow_browser() {
    reset().await;
    let options = JSON::parse(&format!(
        r#"{{"privateKey":"{PRIVATE_KEY}","apiBase":"{MOCK_URL}","dangerouslyAllowBrowser":true,
            "vars":["ID","DATE_START","HAS_VIDEOS"],"filters":{{"hasVideos":true}}}}"#
    ))
    .expect("options");
    let history = get_session_history(options)
        .await
        .expect("history with the flag");
    let sessions = Array::from(&get(&history, "sessions"));
    assert!(sessions.length() > 0);
    for session in sessions.iter() {
        assert_eq!(get(&session, "hasVideos").as_bool(), Some(true));
        assert!(get(&session, "dateStart").is_instance_of::<js_sys::Date>());
    }
    let requests = received().await;
    assert_eq!(requests.len(), 1);
    assert_eq!(text(&requests[0], "method").as_deref(), Some("GET"));
    assert_eq!(
        text(&requests[0], "query").as_deref(),
        Some("vars=ID,DATE_START,HAS_VIDEOS&FILTER_HAS_VIDEOS=true")
    );
}

// ---- hostile answers ----

#[wasm_bindgen_test]
async fn a_body_over_one_mebibyte_is_refused() {
    reset().await;
    let big = format!(
        r#"{{"result":"SUCCESS","details":{{"nrequests":1,"requests":[]}},"padding":"{}"}}"#,
        "x".repeat(1_200_000)
    );
    fault(&format!(
        r#"{{"status":200,"body":{}}}"#,
        stringify(&big.into())
    ))
    .await;
    let error = expect_error(create("{}").await, "unexpected_response");
    assert_eq!(number(&error, "status"), Some(200.0));
    still_works().await;
}

#[wasm_bindgen_test]
async fn a_negative_or_garbage_retry_after_counts_as_absent() {
    for value in ["-5", "soon", "Sun, 06 Nov 1994 08:49:37 PST", ""] {
        reset().await;
        fault(&format!(r#"{{"status":429,"retry_after":"{value}"}}"#)).await;
        let error = expect_error(create(r#"{"maxRetries":0}"#).await, "rate_limited");
        assert!(
            get(&error, "retryAfterSeconds").is_undefined(),
            "Retry-After: {value}"
        );
    }
    still_works().await;
}

// ---- tickets ----

const TICKET: &str = r#"{"agentId":"9007199254740993","customerName":"Zoë O'Brien","customerEmail":"zoe@example.com","problemDescription":"Printer offline"}"#;

#[wasm_bindgen_test]
async fn a_ticket_is_sent_as_the_contract_says_and_numbered() {
    reset().await;
    let ticket = create_ticket(options(TICKET)).await.expect("ticket");
    assert_eq!(number(&ticket, "ticketNumber"), Some(1.0));
    assert_eq!(text(&ticket, "raw.result").as_deref(), Some("SUCCESS"));
    let log = received().await;
    assert_eq!(log.len(), 1);
    assert_eq!(text(&log[0], "path").as_deref(), Some("/rest/ticket"));
    assert_eq!(
        text(&log[0], "key.kind").as_deref(),
        Some("public"),
        "the public key (the log keeps no key value)"
    );
    assert_eq!(
        text(&log[0], "body").as_deref(),
        Some(
            r#"{"ids":9007199254740993,"customer_name":"Zoë O'Brien","customer_email":"zoe@example.com","problem_description":"Printer offline"}"#
        )
    );
}

#[wasm_bindgen_test]
async fn a_ticket_missing_its_fields_sends_nothing_and_names_each() {
    reset().await;
    let error = expect_error(create_ticket(options("{}")).await, "invalid_options");
    assert_eq!(text(&error, "field").as_deref(), Some("agentId"));
    let problems = Array::from(&get(&error, "fieldErrors"));
    let fields: Vec<String> = problems.iter().filter_map(|e| text(&e, "field")).collect();
    assert_eq!(
        fields,
        [
            "agentId",
            "customerName",
            "customerEmail",
            "problemDescription"
        ]
    );
    assert!(problems
        .iter()
        .all(|e| text(&e, "reason").as_deref() == Some("required")));
    let listed = takecontrol_session::validate_ticket_request(options("{}"));
    assert_eq!(stringify(&listed), stringify(&get(&error, "fieldErrors")));
    assert!(received().await.is_empty());
}

#[wasm_bindgen_test]
async fn the_documented_envelope_is_quoted_and_the_key_redacted_from_it() {
    reset().await;
    fault(r#"{"path":"/rest/ticket","status":403,"body":"{\"result\":\"ERROR\",\"details\":null,\"errorDetails\":{\"errorCode\":403,\"errorMsg\":\"unknown key demo-public-key\"}}"}"#).await;
    let error = expect_error(create_ticket(options(TICKET)).await, "invalid_key");
    assert!(
        text(&error, "message")
            .unwrap_or_default()
            .ends_with("(server said: unknown key [redacted key])"),
        "{:?}",
        text(&error, "message")
    );
    assert_eq!(
        text(&error, "errorDetails.errorMsg").as_deref(),
        Some("unknown key [redacted key]")
    );
    assert_eq!(number(&error, "errorDetails.errorCode"), Some(403.0));
}
