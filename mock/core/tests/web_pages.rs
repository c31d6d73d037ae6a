//! No web page can drive or read the stand-in: the decisions of the core
//! that keep it so (loopback `Host` only, who may use the admin API, its
//! CORS, answers that never run as a page, a log without secrets), and
//! the bounds that hold under a flood. Over real HTTP in `mock/tests/`.

use serde_json::{json, Value};
use takecontrol_mock_core::request_log::LOG_BUDGET;
use takecontrol_mock_core::{Config, Exchange, Request, Response, StandIn, Step, Transport};

const TOKEN: &str = "0123456789abcdef0123456789abcdef";
const NOW_MS: u64 = 1_795_946_400_000;

fn stand_in() -> StandIn {
    StandIn::new(Config {
        admin_token: Some(TOKEN.to_owned()),
        ..Config::default()
    })
}

fn request(method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> Request {
    Request {
        method: method.to_owned(),
        path: path.to_owned(),
        query: String::new(),
        headers: headers
            .iter()
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
            .collect(),
        body: Some(body.as_bytes().to_vec()),
        transport: Transport::Http,
    }
}

fn answer(stand_in: &mut StandIn, request: Request) -> Response {
    match stand_in.handle(request, NOW_MS) {
        Step::Answer(Exchange { response, .. }) => response,
        Step::Delay { pending, .. } => stand_in.resume(pending, NOW_MS).response,
    }
}

fn json_of(response: &Response) -> Value {
    serde_json::from_slice(&response.body).expect("a JSON body")
}

const HOST: (&str, &str) = ("host", "127.0.0.1:8787");
const JSON: (&str, &str) = ("content-type", "application/json");
const PAGE: (&str, &str) = ("origin", "https://evil.example");

#[test]
fn a_host_that_is_not_loopback_is_refused_on_every_path() {
    let mut s = stand_in();
    for (method, path) in [
        ("POST", "/rest/session"),
        ("GET", "/__admin/requests"),
        ("OPTIONS", "/rest/session"),
        ("GET", "/"),
    ] {
        let evil = request(
            method,
            path,
            &[
                ("host", "evil.example:8787"),
                ("integration-key", "demo-public-key"),
            ],
            "{}",
        );
        let refused = answer(&mut s, evil);
        assert_eq!(refused.status, 421, "{method} {path}");
        assert_eq!(refused.header("access-control-allow-origin"), None);
        assert_eq!(json_of(&refused)["errorDetails"]["errorCode"], 421);
    }
    let missing = answer(&mut s, request("GET", "/__admin/requests", &[], ""));
    assert_eq!(missing.status, 421);
    // Nothing refused reached the log.
    let log = answer(&mut s, request("GET", "/__admin/requests", &[HOST], ""));
    assert_eq!(json_of(&log), json!([]));
    for host in ["localhost:8787", "[::1]:8787", "127.0.0.1"] {
        let ok = answer(
            &mut s,
            request("GET", "/__admin/faults", &[("host", host)], ""),
        );
        assert_eq!(ok.status, 200, "{host}");
    }
}

#[test]
fn in_process_requests_skip_the_host_and_admin_checks() {
    let mut s = stand_in();
    let mut add = request(
        "POST",
        "/__admin/faults",
        &[PAGE, ("content-type", "text/plain")],
        r#"{"status":503}"#,
    );
    add.transport = Transport::InProcess;
    assert_eq!(answer(&mut s, add).status, 200);
    let mut create = request(
        "POST",
        "/rest/session",
        &[("integration-key", "demo-public-key")],
        "{}",
    );
    create.transport = Transport::InProcess;
    assert_eq!(answer(&mut s, create).status, 503);
}

#[test]
fn a_page_without_the_token_can_neither_drive_nor_read_the_admin_api() {
    let mut s = stand_in();
    // A form posted into a popup: Origin, text/plain.
    let form = request(
        "POST",
        "/__admin/faults",
        &[HOST, PAGE, ("content-type", "text/plain")],
        r#"{"status":200,"body":"<script>1</script>","content_type":"text/plain"}"#,
    );
    let refused = answer(&mut s, form);
    assert_eq!(refused.status, 403);
    assert_eq!(refused.header("access-control-allow-origin"), None);
    assert!(json_of(&refused)["errorDetails"]["errorMsg"]
        .as_str()
        .unwrap()
        .contains("X-Admin-Token"));
    // A cross-origin fetch without the token.
    let read = answer(
        &mut s,
        request(
            "GET",
            "/__admin/requests",
            &[HOST, PAGE, ("sec-fetch-site", "cross-site")],
            "",
        ),
    );
    assert_eq!(read.status, 403);
    assert_eq!(read.header("access-control-allow-origin"), None);
    assert_eq!(read.header("access-control-allow-private-network"), None);
    // A form post with no Origin at all: not JSON, 415.
    let urlencoded = request(
        "POST",
        "/__admin/reset",
        &[
            HOST,
            ("content-type", "application/x-www-form-urlencoded"),
            ("content-length", "3"),
        ],
        "a=b",
    );
    assert_eq!(answer(&mut s, urlencoded).status, 415);
    // Nothing was queued.
    let faults = answer(&mut s, request("GET", "/__admin/faults", &[HOST], ""));
    assert_eq!(json_of(&faults), json!([]));
}

#[test]
fn the_token_lets_a_page_in_and_a_tokenless_caller_gets_no_cors() {
    let mut s = stand_in();
    let with = answer(
        &mut s,
        request(
            "GET",
            "/__admin/requests",
            &[HOST, PAGE, ("x-admin-token", TOKEN)],
            "",
        ),
    );
    assert_eq!(with.status, 200);
    assert_eq!(with.header("access-control-allow-origin"), Some("*"));
    let wrong = answer(
        &mut s,
        request(
            "GET",
            "/__admin/requests",
            &[HOST, PAGE, ("x-admin-token", "nope")],
            "",
        ),
    );
    assert_eq!(wrong.status, 403);
    let node = answer(
        &mut s,
        request(
            "POST",
            "/__admin/faults",
            &[HOST, JSON, ("sec-fetch-mode", "cors")],
            r#"{"status":503}"#,
        ),
    );
    assert_eq!(node.status, 200);
    assert_eq!(node.header("access-control-allow-origin"), None);
    assert_eq!(node.header("access-control-allow-private-network"), None);
    // Without any token configured, only tokenless callers get in.
    let mut bare = StandIn::new(Config::default());
    let tried = answer(
        &mut bare,
        request(
            "GET",
            "/__admin/requests",
            &[HOST, ("x-admin-token", "")],
            "",
        ),
    );
    assert_eq!(tried.status, 403);
    assert_eq!(
        answer(&mut bare, request("GET", "/__admin/requests", &[HOST], "")).status,
        200
    );
}

#[test]
fn an_admin_preflight_is_granted_only_for_the_token_header_and_rest_stays_open() {
    let mut s = stand_in();
    let pna = ("access-control-request-private-network", "true");
    let asks = request(
        "OPTIONS",
        "/__admin/faults",
        &[
            HOST,
            PAGE,
            pna,
            ("access-control-request-method", "POST"),
            (
                "access-control-request-headers",
                "content-type,x-admin-token",
            ),
        ],
        "",
    );
    let granted = answer(&mut s, asks);
    assert_eq!(granted.status, 200);
    assert_eq!(granted.header("access-control-allow-origin"), Some("*"));
    assert_eq!(
        granted.header("access-control-allow-headers"),
        Some("x-admin-token,content-type")
    );
    assert_eq!(granted.header("access-control-allow-private-network"), None);
    let plain = request(
        "OPTIONS",
        "/__admin/faults",
        &[
            HOST,
            PAGE,
            pna,
            ("access-control-request-method", "POST"),
            ("access-control-request-headers", "content-type"),
        ],
        "",
    );
    let refused = answer(&mut s, plain);
    assert_eq!(refused.header("access-control-allow-origin"), None);
    assert_eq!(refused.header("access-control-allow-methods"), None);
    assert_eq!(refused.header("access-control-allow-private-network"), None);
    let rest = request(
        "OPTIONS",
        "/rest/session",
        &[HOST, PAGE, pna, ("access-control-request-method", "POST")],
        "",
    );
    let open = answer(&mut s, rest);
    assert_eq!(open.header("access-control-allow-origin"), Some("*"));
    assert_eq!(
        open.header("access-control-allow-private-network"),
        Some("true")
    );
}

#[test]
fn every_answer_is_sandboxed_and_markup_faults_are_refused() {
    let mut s = stand_in();
    for content_type in [
        "text/html",
        "application/xhtml+xml",
        "image/svg+xml",
        "text/xml",
        "application/xml",
        "TEXT/HTML; charset=utf-8",
    ] {
        let spec = json!({"status": 200, "body": "<script>alert(1)</script>", "content_type": content_type});
        let refused = answer(
            &mut s,
            request("POST", "/__admin/faults", &[HOST, JSON], &spec.to_string()),
        );
        assert_eq!(refused.status, 400, "{content_type}");
        assert!(json_of(&refused)["errorDetails"]["errorMsg"]
            .as_str()
            .unwrap()
            .starts_with("content_type:"));
    }
    let spec = json!([{"status": 502, "body": "<h1>x</h1>", "content_type": "text/plain"}, {"delay_ms": 1}, {"status": 200, "stall_after_bytes": 1}]);
    assert_eq!(
        answer(
            &mut s,
            request("POST", "/__admin/faults", &[HOST, JSON], &spec.to_string())
        )
        .status,
        200
    );
    let create = || {
        request(
            "POST",
            "/rest/session",
            &[HOST, ("integration-key", "demo-public-key")],
            "{}",
        )
    };
    let answers = [
        answer(&mut s, create()),
        answer(&mut s, create()),
        answer(&mut s, create()),
        answer(&mut s, create()),
        answer(&mut s, request("OPTIONS", "/rest/session", &[HOST], "")),
        answer(&mut s, request("GET", "/nowhere", &[HOST], "")),
        answer(
            &mut s,
            request("GET", "/__admin/requests", &[HOST, PAGE], ""),
        ),
        answer(&mut s, request("GET", "/", &[("host", "evil.example")], "")),
        StandIn::failed(&create()).response,
    ];
    for response in &answers {
        assert_eq!(
            response.header("content-security-policy"),
            Some("sandbox"),
            "{}",
            response.status
        );
        assert_eq!(
            response.header("x-content-type-options"),
            Some("nosniff"),
            "{}",
            response.status
        );
    }
    assert_eq!(answers[0].status, 502);
    assert_eq!(answers[8].status, 500);
}

#[test]
fn the_log_names_the_key_kind_and_never_holds_a_secret() {
    let mut s = stand_in();
    let secrets = [
        ("integration-key", "demo-public-key"),
        ("cookie", "sid=cookie-SECRET"),
        ("authorization", "Bearer auth-SECRET"),
    ];
    let create = request(
        "POST",
        "/rest/session",
        &[&[HOST][..], &secrets[..]].concat(),
        r#"{"customer_name":"Ana"}"#,
    );
    assert_eq!(answer(&mut s, create).status, 200);
    let history = request(
        "GET",
        "/rest/session/history",
        &[HOST, ("integration-key", "demo-public-key")],
        "",
    );
    assert_eq!(answer(&mut s, history).status, 403);
    let unknown = request(
        "POST",
        "/rest/ticket",
        &[HOST, ("integration-key", "key-SECRET")],
        "{}",
    );
    assert_eq!(answer(&mut s, unknown).status, 403);
    let none = request("POST", "/rest/ticket", &[HOST], "{}");
    assert_eq!(answer(&mut s, none).status, 403);
    let log = answer(
        &mut s,
        request(
            "GET",
            "/__admin/requests",
            &[HOST, ("x-admin-token", TOKEN)],
            "",
        ),
    );
    let text = String::from_utf8(log.body.clone()).unwrap();
    for needle in ["demo-public-key", "SECRET", TOKEN] {
        assert!(!text.contains(needle), "{needle} in {text}");
    }
    let log = json_of(&log);
    let keys: Vec<Value> = log
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["key"].clone())
        .collect();
    assert_eq!(
        keys,
        [
            json!({"kind": "public", "matched": true}),
            json!({"kind": "public", "matched": false}),
            json!({"kind": "unknown", "matched": false}),
            json!({"kind": "none", "matched": false}),
        ]
    );
    assert_eq!(log[0]["headers"]["integration-key"], "[redacted]");
    assert_eq!(log[0]["headers"]["cookie"], "[redacted]");
    assert_eq!(log[0]["json"], json!({"customer_name": "Ana"}));
}

#[test]
fn a_flood_keeps_the_log_within_its_budget() {
    let mut s = stand_in();
    let body = format!(r#"{{"problem_description":"{}"}}"#, "x".repeat(42 * 1024));
    for _ in 0..3_000 {
        let flood = request(
            "POST",
            "/rest/session",
            &[HOST, ("content-type", "application/json")],
            &body,
        );
        assert_eq!(answer(&mut s, flood).status, 403);
    }
    let stats = json_of(&answer(
        &mut s,
        request("GET", "/__admin/stats", &[HOST], ""),
    ));
    let requests = &stats["requests"];
    assert!(
        requests["bytes"].as_u64().unwrap() <= LOG_BUDGET as u64,
        "{stats}"
    );
    assert_eq!(requests["max_bytes"], LOG_BUDGET);
    assert!(requests["entries"].as_u64().unwrap() > 100, "{stats}");
    assert_eq!(
        requests["dropped"].as_u64().unwrap() + requests["entries"].as_u64().unwrap(),
        3_000
    );
    assert_eq!(stats["sessions"]["entries"], 0);
}
