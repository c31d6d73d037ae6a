//! The core as a shell sees it: requests in, steps out, no I/O. The
//! behaviour suite over real HTTP is in `mock/tests/`; these pin the
//! decisions the shells rely on.

use serde_json::{json, Value};
use takecontrol_mock_core::body::{ADMIN_BODY_LIMIT, BODY_LIMIT};
use takecontrol_mock_core::dates;
use takecontrol_mock_core::{
    Action, Config, Exchange, Request, Response, StandIn, Step, Transport,
};

const PUBLIC: &str = "demo-public-key";
const PRIVATE: &str = "demo-private-key";

/// 2026-11-29 10:00:00 UTC, in milliseconds.
const NOW_MS: u64 = 1_795_946_400_000;

/// A request over HTTP to a loopback `Host`, with these headers too.
fn request(method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> Request {
    Request {
        method: method.to_owned(),
        path: path.to_owned(),
        query: String::new(),
        headers: [("host", "127.0.0.1:8787")]
            .iter()
            .chain(headers)
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
            .collect(),
        body: Some(body.as_bytes().to_vec()),
        transport: Transport::Http,
    }
}

fn create(body: &str) -> Request {
    request(
        "POST",
        "/rest/session",
        &[("integration-key", PUBLIC)],
        body,
    )
}

fn get(path: &str) -> Request {
    request("GET", path, &[], "")
}

/// The exchange of a step that answers at once.
fn now(step: Step) -> Exchange {
    match step {
        Step::Answer(exchange) => exchange,
        Step::Delay { ms, .. } => panic!("expected an answer now, got a {ms} ms delay"),
    }
}

fn json_of(response: &Response) -> Value {
    serde_json::from_slice(&response.body).expect("a JSON body")
}

fn has_cors(response: &Response) -> bool {
    response.header("access-control-allow-origin") == Some("*")
        && response.header("access-control-expose-headers") == Some("retry-after")
}

fn fault(stand_in: &mut StandIn, spec: Value) {
    let add = request(
        "POST",
        "/__admin/faults",
        &[("content-type", "application/json")],
        &spec.to_string(),
    );
    assert_eq!(now(stand_in.handle(add, NOW_MS)).response.status, 200);
}

fn log_len(stand_in: &mut StandIn) -> usize {
    let log = now(stand_in.handle(get("/__admin/requests"), NOW_MS));
    json_of(&log.response).as_array().map_or(0, Vec::len)
}

#[test]
fn a_created_session_starts_at_the_time_passed_in_and_joins_the_history() {
    let mut stand_in = StandIn::new(Config::default());
    let created = now(stand_in.handle(create(r#"{"customer_name":"Zoë"}"#), NOW_MS));
    assert_eq!(created.action, Action::Send);
    assert_eq!(created.response.status, 200);
    assert_eq!(
        created.response.header("content-type"),
        Some("application/json")
    );
    assert!(has_cors(&created.response));
    assert_eq!(json_of(&created.response)["details"]["nrequests"], 1);

    let mut history = request(
        "GET",
        "/rest/session/history",
        &[("integration-key", PRIVATE)],
        "",
    );
    history.query = "vars=ID,CUSTOMER_NAME,DATE_START".to_owned();
    let found = now(stand_in.handle(history, NOW_MS));
    assert_eq!(
        json_of(&found.response)["details"],
        json!([{"id": 1, "customer_name": "Zoë", "date_start": "2026-11-29 10:00:00"}])
    );
    assert_eq!(dates::format_unix(NOW_MS / 1000), "2026-11-29 10:00:00");
}

#[test]
fn keys_are_checked_per_route() {
    let mut stand_in = StandIn::new(Config::default());
    let wrong = request(
        "POST",
        "/rest/session",
        &[("integration-key", PRIVATE)],
        "{}",
    );
    let refused = now(stand_in.handle(wrong, NOW_MS)).response;
    assert_eq!(refused.status, 403);
    assert_eq!(
        json_of(&refused),
        json!({"result": "ERROR", "details": null,
               "errorDetails": {"errorCode": 403, "errorMsg": "invalid key"}})
    );
    assert_eq!(log_len(&mut stand_in), 1, "a refused attempt is logged");
}

#[test]
fn preflights_are_answered_in_full_never_logged_nor_faulted() {
    let mut stand_in = StandIn::new(Config::default());
    fault(&mut stand_in, json!({"status": 500}));
    let preflight = request(
        "OPTIONS",
        "/rest/session",
        &[("access-control-request-private-network", "true")],
        "",
    );
    let answer = now(stand_in.handle(preflight, NOW_MS)).response;
    assert_eq!(answer.status, 200);
    assert!(answer.body.is_empty());
    assert!(has_cors(&answer));
    assert_eq!(
        answer.header("access-control-allow-methods"),
        Some("GET,POST,DELETE,OPTIONS")
    );
    assert_eq!(
        answer.header("access-control-allow-headers"),
        Some("integration-key,content-type")
    );
    assert_eq!(answer.header("access-control-max-age"), Some("600"));
    assert_eq!(
        answer.header("access-control-allow-private-network"),
        Some("true")
    );
    assert_eq!(answer.header("allow"), Some("POST"));
    assert_eq!(log_len(&mut stand_in), 0);
    // The fault is still there for the real request.
    assert_eq!(
        now(stand_in.handle(create("{}"), NOW_MS)).response.status,
        500
    );
}

#[test]
fn unknown_paths_are_404_and_wrong_methods_405_with_cors() {
    let mut stand_in = StandIn::new(Config::default());
    let missing = now(stand_in.handle(get("/nowhere"), NOW_MS)).response;
    assert_eq!(missing.status, 404);
    assert!(has_cors(&missing));
    assert_eq!(
        json_of(&missing)["errorDetails"],
        json!({"errorCode": 404, "errorMsg": "not found: GET /nowhere"})
    );

    let wrong = now(stand_in.handle(request("PUT", "/__admin/faults", &[], ""), NOW_MS));
    assert_eq!(wrong.response.status, 405);
    // The admin API grants CORS only to a request with the admin token.
    assert!(!has_cors(&wrong.response));
    assert_eq!(wrong.response.header("allow"), Some("GET,HEAD,POST,DELETE"));

    // HEAD gets the GET answer; the shell's server sends only its head.
    let head = now(stand_in.handle(request("HEAD", "/__admin/faults", &[], ""), NOW_MS));
    assert_eq!(
        (head.response.status, head.response.body),
        (200, b"[]".to_vec())
    );
}

#[test]
fn bodies_over_the_limit_are_413_logged_without_their_body() {
    let mut stand_in = StandIn::new(Config::default());
    fault(&mut stand_in, json!({"status": 500}));
    let declared = request(
        "POST",
        "/rest/session",
        &[("integration-key", PUBLIC), ("content-length", "100000")],
        "",
    );
    // The shell is told not to read it, then the core refuses it.
    assert_eq!(declared.body_to_read(), None);
    let answer = now(stand_in.handle(declared, NOW_MS)).response;
    assert_eq!(answer.status, 413);
    assert!(has_cors(&answer));

    // A body the shell could not read whole within the limit.
    let mut unread = create("");
    assert_eq!(unread.body_to_read(), Some(BODY_LIMIT));
    unread.body = None;
    assert_eq!(now(stand_in.handle(unread, NOW_MS)).response.status, 413);

    let at_limit = create(&format!(r#"{{"pad":"{}"}}"#, "x".repeat(BODY_LIMIT - 10)));
    let answer = now(stand_in.handle(at_limit, NOW_MS)).response;
    assert_eq!(answer.status, 500, "read whole, so the fault applies to it");

    let log = now(stand_in.handle(get("/__admin/requests"), NOW_MS)).response;
    let log = json_of(&log);
    assert_eq!(log[0]["body"], "");
    assert_eq!(log[0]["faulted"], false);
    assert_eq!(log[2]["faulted"], true);

    // The admin call that reads a body has a limit of its own.
    let add = request("POST", "/__admin/faults", &[], "{}");
    assert_eq!(add.body_to_read(), Some(ADMIN_BODY_LIMIT));
    assert_eq!(get("/__admin/requests").body_to_read(), None);
    let mut too_big = add;
    too_big.body = None;
    assert_eq!(now(stand_in.handle(too_big, NOW_MS)).response.status, 413);
}

#[test]
fn a_delay_without_status_handles_the_request_when_it_is_over() {
    let mut stand_in = StandIn::new(Config::default());
    fault(&mut stand_in, json!({"delay_ms": 300}));
    let Step::Delay { ms, pending } = stand_in.handle(create("{}"), NOW_MS) else {
        panic!("expected a delay");
    };
    assert_eq!(ms, 300);
    let sessions = now(stand_in.handle(get("/__admin/sessions"), NOW_MS)).response;
    assert_eq!(json_of(&sessions), json!([]), "not handled during the wait");
    assert_eq!(log_len(&mut stand_in), 1, "logged when it arrived");

    // Handled at the time of the resume, not of the arrival.
    let later = NOW_MS + 61_000;
    let answer = stand_in.resume(pending, later);
    assert_eq!(answer.action, Action::Send);
    assert_eq!(answer.response.status, 200);
    assert!(has_cors(&answer.response));
    let sessions = now(stand_in.handle(get("/__admin/sessions"), NOW_MS)).response;
    assert_eq!(json_of(&sessions)[0]["date_start"], "2026-11-29 10:01:01");
}

#[test]
fn a_delay_cut_short_by_shutdown_is_a_503_and_handles_nothing() {
    let mut stand_in = StandIn::new(Config::default());
    fault(&mut stand_in, json!({"delay_ms": 5000, "status": 429}));
    let Step::Delay { pending, .. } = stand_in.handle(create("{}"), NOW_MS) else {
        panic!("expected a delay");
    };
    let cut = pending.cut_short();
    assert_eq!(cut.response.status, 503);
    assert!(has_cors(&cut.response));
    assert_eq!(
        json_of(&cut.response)["errorDetails"],
        json!({"errorCode": 503, "errorMsg": "server shutting down"})
    );
}

#[test]
fn injected_answers_replace_the_route_and_can_stall() {
    let mut stand_in = StandIn::new(Config::default());
    fault(
        &mut stand_in,
        json!({"status": 429, "retry_after": "2", "body": "busy", "content_type": "text/plain",
               "stall_after_bytes": 2}),
    );
    let answer = now(stand_in.handle(create("{}"), NOW_MS));
    assert_eq!(answer.action, Action::Stall { after_bytes: 2 });
    assert_eq!(answer.response.status, 429);
    assert_eq!(answer.response.header("retry-after"), Some("2"));
    assert_eq!(answer.response.header("content-type"), Some("text/plain"));
    assert_eq!(answer.response.body, b"busy");
    assert!(has_cors(&answer.response));
    let sessions = now(stand_in.handle(get("/__admin/sessions"), NOW_MS)).response;
    assert_eq!(
        json_of(&sessions),
        json!([]),
        "an injected status creates nothing"
    );

    // Without a status the real answer stalls, and the session exists.
    fault(&mut stand_in, json!({"stall_after_bytes": 0}));
    let answer = now(stand_in.handle(create("{}"), NOW_MS));
    assert_eq!(answer.action, Action::Stall { after_bytes: 0 });
    assert_eq!(json_of(&answer.response)["details"]["nrequests"], 1);
}

#[test]
fn reset_keeps_the_fixture_and_restarts_ids() {
    let fixture =
        takecontrol_mock_core::fixture::parse(r#"[{"ID":41,"DATE_START":"2026-01-01 00:00:00"}]"#)
            .expect("fixture");
    let mut stand_in = StandIn::new(Config {
        fixture,
        ..Config::default()
    });
    now(stand_in.handle(create("{}"), NOW_MS));
    fault(&mut stand_in, json!({"status": 500}));
    let reset = now(stand_in.handle(request("POST", "/__admin/reset", &[], ""), NOW_MS));
    assert_eq!(
        json_of(&reset.response),
        json!({"reset": true, "cleared": {"requests": 1, "sessions": 1, "tickets": 0, "faults": 1}})
    );
    let created = now(stand_in.handle(create("{}"), NOW_MS)).response;
    assert_eq!(
        json_of(&created)["details"]["requests"][0]["computer_name"],
        "PC-42"
    );
}

/// The envelope of an error answer: `result`, `details` null and
/// `errorDetails` with the status as `errorCode`; returns the `errorMsg`.
fn error_msg(response: &Response) -> String {
    let body = json_of(response);
    assert_eq!(
        body.as_object()
            .map(|o| o.keys().cloned().collect::<Vec<_>>()),
        Some(vec![
            "details".to_owned(),
            "errorDetails".to_owned(),
            "result".to_owned()
        ]),
        "{body}"
    );
    assert_eq!(body["result"], "ERROR");
    assert_eq!(body["details"], Value::Null);
    assert_eq!(body["errorDetails"]["errorCode"], response.status, "{body}");
    body["errorDetails"]["errorMsg"]
        .as_str()
        .expect("errorMsg text")
        .to_owned()
}

#[test]
fn every_error_uses_the_documented_envelope_in_its_order() {
    let mut stand_in = StandIn::new(Config::default());
    let mut answer = |request: Request| now(stand_in.handle(request, NOW_MS)).response;
    let bad_field = answer(create(r#"{"department_id":0}"#));
    assert_eq!(bad_field.status, 400);
    assert!(error_msg(&bad_field).starts_with("department_id: "));
    // The members come in the contract's order, byte for byte.
    assert!(bad_field.body.starts_with(
        br#"{"result":"ERROR","details":null,"errorDetails":{"errorCode":400,"errorMsg":"#
    ));
    let no_key = answer(request("POST", "/rest/session", &[], "{}"));
    assert_eq!(error_msg(&no_key), "invalid key");
    assert_eq!(
        error_msg(&answer(get("/rest/nope"))),
        "not found: GET /rest/nope"
    );
    let wrong = answer(request("DELETE", "/rest/session", &[], ""));
    assert_eq!(wrong.status, 405);
    assert_eq!(
        error_msg(&wrong),
        "method not allowed: DELETE /rest/session"
    );
    let mut unread = create("");
    unread.body = None;
    let too_large = answer(unread);
    assert_eq!(too_large.status, 413);
    assert_eq!(error_msg(&too_large), "body: larger than 65536 bytes");
    let bad_fault = answer(request(
        "POST",
        "/__admin/faults",
        &[("content-type", "application/json")],
        r#"{"times":0}"#,
    ));
    assert_eq!(bad_fault.status, 400);
    assert_eq!(error_msg(&bad_fault), "times: must be at least 1");
}

#[test]
fn an_injected_status_answers_the_envelope_unless_a_body_is_given() {
    let mut stand_in = StandIn::new(Config::default());
    fault(
        &mut stand_in,
        json!([{"status": 429}, {"status": 200}, {"status": 500, "body": "{\"errorDetails\":\"raw\"}"}]),
    );
    let busy = now(stand_in.handle(create("{}"), NOW_MS)).response;
    assert_eq!(busy.status, 429);
    assert_eq!(error_msg(&busy), "injected 429");
    // A 200 that is not a success: errorCode is still the status sent.
    let odd = now(stand_in.handle(create("{}"), NOW_MS)).response;
    assert_eq!(odd.status, 200);
    assert_eq!(error_msg(&odd), "injected 200");
    let custom = now(stand_in.handle(create("{}"), NOW_MS)).response;
    assert_eq!(
        custom.body, br#"{"errorDetails":"raw"}"#,
        "sent exactly as given"
    );
}

#[test]
fn successes_keep_their_documented_shape() {
    let mut stand_in = StandIn::new(Config::default());
    let created = json_of(&now(stand_in.handle(create("{}"), NOW_MS)).response);
    assert_eq!(
        created.as_object().map(|o| o.len()),
        Some(2),
        "no errorDetails on a session: {created}"
    );
    let mut history = request(
        "GET",
        "/rest/session/history",
        &[("integration-key", PRIVATE)],
        "",
    );
    history.query = "vars=ID".to_owned();
    let found = json_of(&now(stand_in.handle(history, NOW_MS)).response);
    assert_eq!(found, json!({"result": "SUCCESS", "details": [{"id": 1}]}));
}

fn ticket(key: &str, body: &str) -> Request {
    request("POST", "/rest/ticket", &[("integration-key", key)], body)
}

const TICKET: &str = r#"{"ids":12345678901234567891,"customer_name":"Zoë","customer_email":"zoe@example.com","problem_description":"Printer offline"}"#;

#[test]
fn a_ticket_is_numbered_answered_as_documented_and_listed() {
    let mut stand_in = StandIn::new(Config::default());
    let first = now(stand_in.handle(ticket(PUBLIC, TICKET), NOW_MS));
    assert_eq!(first.action, Action::Send);
    assert_eq!(first.response.status, 200);
    assert!(has_cors(&first.response));
    assert_eq!(
        String::from_utf8(first.response.body).unwrap(),
        r#"{"result":"SUCCESS","details":{"ticket_number":1},"errorDetails":{"errorCode":null,"errorMsg":null}}"#
    );
    let second = now(stand_in.handle(ticket(PUBLIC, TICKET), NOW_MS + 1000)).response;
    assert_eq!(json_of(&second)["details"]["ticket_number"], 2);

    let listed = now(stand_in.handle(get("/__admin/tickets"), NOW_MS)).response;
    assert_eq!(
        json_of(&listed),
        json!([
            {"ticket_number": 1, "ids": "12345678901234567891", "customer_name": "Zoë",
             "customer_email": "zoe@example.com", "problem_description": "Printer offline",
             "date_created": "2026-11-29 10:00:00"},
            {"ticket_number": 2, "ids": "12345678901234567891", "customer_name": "Zoë",
             "customer_email": "zoe@example.com", "problem_description": "Printer offline",
             "date_created": "2026-11-29 10:00:01"},
        ])
    );
    // Logged like any /rest request, the body as received (digits intact).
    let log = json_of(&now(stand_in.handle(get("/__admin/requests"), NOW_MS)).response);
    assert_eq!(log[0]["path"], "/rest/ticket");
    assert_eq!(log[0]["body"], TICKET);
    // A ticket is no session: the queue and history are untouched.
    let sessions = now(stand_in.handle(get("/__admin/sessions"), NOW_MS)).response;
    assert_eq!(json_of(&sessions), json!([]));
}

#[test]
fn a_ticket_takes_the_public_key_only_checked_before_the_body() {
    let mut stand_in = StandIn::new(Config::default());
    for key in [PRIVATE, "nope", ""] {
        let refused = now(stand_in.handle(ticket(key, "{"), NOW_MS)).response;
        assert_eq!(refused.status, 403, "{key:?}");
        assert_eq!(error_msg(&refused), "invalid key");
    }
    let missing = now(stand_in.handle(ticket(PUBLIC, "{}"), NOW_MS)).response;
    assert_eq!(missing.status, 400);
    assert_eq!(error_msg(&missing), "Missing required field: ids");
    let listed = now(stand_in.handle(get("/__admin/tickets"), NOW_MS)).response;
    assert_eq!(json_of(&listed), json!([]), "nothing refused is kept");
    assert_eq!(log_len(&mut stand_in), 4, "every attempt is logged");
}

#[test]
fn faults_target_the_ticket_path_and_reset_restarts_the_numbers() {
    let mut stand_in = StandIn::new(Config::default());
    fault(
        &mut stand_in,
        json!({"path": "/rest/ticket", "status": 429, "retry_after": "3"}),
    );
    // A session passes the fault by; the ticket takes it and creates nothing.
    assert_eq!(
        now(stand_in.handle(create("{}"), NOW_MS)).response.status,
        200
    );
    let busy = now(stand_in.handle(ticket(PUBLIC, TICKET), NOW_MS)).response;
    assert_eq!(busy.status, 429);
    assert_eq!(busy.header("retry-after"), Some("3"));
    assert_eq!(error_msg(&busy), "injected 429");
    let listed = now(stand_in.handle(get("/__admin/tickets"), NOW_MS)).response;
    assert_eq!(json_of(&listed), json!([]));
    let log = json_of(&now(stand_in.handle(get("/__admin/requests"), NOW_MS)).response);
    assert_eq!(log[1]["path"], "/rest/ticket");
    assert_eq!(log[1]["faulted"], true);

    now(stand_in.handle(ticket(PUBLIC, TICKET), NOW_MS));
    now(stand_in.handle(ticket(PUBLIC, TICKET), NOW_MS));
    let reset = now(stand_in.handle(request("POST", "/__admin/reset", &[], ""), NOW_MS));
    assert_eq!(
        json_of(&reset.response)["cleared"],
        json!({"requests": 4, "sessions": 1, "tickets": 2, "faults": 0})
    );
    let again = now(stand_in.handle(ticket(PUBLIC, TICKET), NOW_MS)).response;
    assert_eq!(json_of(&again)["details"]["ticket_number"], 1);
}

#[test]
fn the_ticket_path_has_its_preflight_and_its_405() {
    let mut stand_in = StandIn::new(Config::default());
    let preflight = request("OPTIONS", "/rest/ticket", &[], "");
    let answer = now(stand_in.handle(preflight, NOW_MS)).response;
    assert_eq!(answer.status, 200);
    assert!(has_cors(&answer));
    assert_eq!(answer.header("allow"), Some("POST"));
    assert_eq!(
        answer.header("access-control-allow-headers"),
        Some("integration-key,content-type")
    );
    let wrong = now(stand_in.handle(get("/rest/ticket"), NOW_MS)).response;
    assert_eq!(wrong.status, 405);
    assert_eq!(wrong.header("allow"), Some("POST"));
    assert_eq!(error_msg(&wrong), "method not allowed: GET /rest/ticket");
}
