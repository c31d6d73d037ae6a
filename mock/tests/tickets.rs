//! `POST /rest/ticket` over HTTP: success shape and numbering, keys, the
//! four required fields and their rules at their bounds, `ids` kept digit
//! for digit, the admin listing, reset, faults and CORS.

mod common;

use common::*;
use serde_json::{json, Value};

const SUCCESS_1: &str = r#"{"result":"SUCCESS","details":{"ticket_number":1},"errorDetails":{"errorCode":null,"errorMsg":null}}"#;

/// Asserts a 400 with exactly `msg`.
async fn assert_400(resp: reqwest::Response, msg: &str) {
    let (status, body) = status_json(resp).await;
    assert_eq!((status, body), (400, envelope(400, msg)));
}

#[tokio::test]
async fn creates_tickets_numbered_from_one() {
    let mock = start().await;
    let resp = mock.ticket(&json!({})).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(
        resp.headers().get("content-type").unwrap(),
        "application/json"
    );
    assert_eq!(resp.text().await.unwrap(), SUCCESS_1);
    for n in 2..=3 {
        let (status, body) = status_json(mock.ticket(&json!({})).await).await;
        assert_eq!(status, 200);
        assert_eq!(
            body,
            json!({"result": "SUCCESS", "details": {"ticket_number": n},
                   "errorDetails": {"errorCode": null, "errorMsg": null}})
        );
    }
    let tickets = mock.tickets().await;
    assert_eq!(tickets.len(), 3);
    let t = &tickets[0];
    let keys: Vec<&String> = t.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "customer_email",
            "customer_name",
            "date_created",
            "ids",
            "problem_description",
            "ticket_number"
        ]
    );
    assert_eq!(t["ticket_number"], 1);
    assert_eq!(t["ids"], "1234567891011");
    assert_eq!(t["customer_name"], "John Doe");
    assert_eq!(t["customer_email"], "john@example.com");
    assert_eq!(t["problem_description"], "Unable to access network drive");
    let created = t["date_created"].as_str().unwrap();
    assert_eq!(created.len(), 19);
    assert_eq!(&created[10..11], " ");
    assert_eq!(tickets[2]["ticket_number"], 3);
    // A ticket is no session.
    assert!(mock
        .admin_get("/__admin/sessions")
        .await
        .as_array()
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn refuses_missing_unknown_and_private_keys() {
    let mock = start().await;
    for key in [None, Some("nope"), Some(PRIVATE), Some("")] {
        let (status, body) = status_json(mock.ticket_raw(key, ticket_body(&json!({}))).await).await;
        assert_eq!(status, 403, "{key:?}");
        assert_eq!(body, envelope(403, "invalid key"));
    }
    // The key comes first: a bad body with no key is a 403 too.
    let (status, _) = status_json(mock.ticket_raw(None, "{").await).await;
    assert_eq!(status, 403);
    assert!(mock.tickets().await.is_empty());
    // The header name is case-insensitive.
    let resp = mock
        .client
        .post(mock.url("/rest/ticket"))
        .header("integration-key", PUBLIC)
        .body(ticket_body(&json!({})))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.text().await.unwrap(), SUCCESS_1);
}

#[tokio::test]
async fn limits_are_inclusive_and_counted_in_characters() {
    let mock = start().await;
    let cases: [(&str, usize, &str); 4] = [
        ("customer_name", 100, "é"),
        ("customer_name", 100, "山"),
        ("problem_description", 4000, "🙂"),
        ("problem_description", 4000, "x"),
    ];
    for (field, max, unit) in cases {
        let ok = mock.ticket(&json!({ field: unit.repeat(max) })).await;
        assert_eq!(ok.status(), 200, "{field} at {max}");
        let resp = mock.ticket(&json!({ field: unit.repeat(max + 1) })).await;
        assert_400(resp, &format!("{field}: at most {max} characters")).await;
    }
    // customer_email: 100 characters accepted, 101 refused.
    let email = |n: usize| format!("{}@example.com", "a".repeat(n - 12));
    let ok = mock.ticket(&json!({"customer_email": email(100)})).await;
    assert_eq!(ok.status(), 200);
    let resp = mock.ticket(&json!({"customer_email": email(101)})).await;
    assert_400(resp, "customer_email: at most 100 characters").await;
    let tickets = mock.tickets().await;
    assert_eq!(tickets.len(), 5);
    assert_eq!(tickets[0]["customer_name"], "é".repeat(100));
    assert_eq!(tickets[4]["customer_email"], email(100));
}

#[tokio::test]
async fn missing_fields_are_named_in_the_contracts_words() {
    let mock = start().await;
    for field in [
        "ids",
        "customer_name",
        "customer_email",
        "problem_description",
    ] {
        let msg = format!("Missing required field: {field}");
        assert_400(mock.ticket(&json!({ field: null })).await, &msg).await;
        // null, an empty or blank string count as missing too.
        for blank in ["null", "\"\"", "\"  \""] {
            let body = ticket_body(&json!({})).replacen(
                &format!("\"{field}\":"),
                &format!("\"{field}\":{blank},\"was\":"),
                1,
            );
            assert_400(mock.ticket_raw(Some(PUBLIC), body).await, &msg).await;
        }
    }
    // An empty body or {} lacks the first field; the first missing is named.
    for body in ["", "{}", "  "] {
        assert_400(
            mock.ticket_raw(Some(PUBLIC), body).await,
            "Missing required field: ids",
        )
        .await;
    }
    assert_400(
        mock.ticket_raw(Some(PUBLIC), r#"{"ids":7,"problem_description":"x"}"#)
            .await,
        "Missing required field: customer_name",
    )
    .await;
    assert!(mock.tickets().await.is_empty());
}

#[tokio::test]
async fn each_rule_names_its_field() {
    let mock = start().await;
    let cases: Vec<(Value, &str)> = vec![
        (
            json!({"customer_email": "john at example.com"}),
            "customer_email: not an email address",
        ),
        (
            json!({"customer_email": "john@example"}),
            "customer_email: not an email address",
        ),
        (
            json!({"customer_email": 5}),
            "customer_email: must be a string, got a number",
        ),
        (
            json!({"customer_name": 12}),
            "customer_name: must be a string, got a number",
        ),
        (
            json!({"customer_name": ["x"]}),
            "customer_name: must be a string, got an array",
        ),
        (
            json!({"problem_description": {"x": 1}}),
            "problem_description: must be a string, got an object",
        ),
        (
            json!({"problem_description": true}),
            "problem_description: must be a string, got a boolean",
        ),
    ];
    for (over, msg) in cases {
        assert_400(mock.ticket(&over).await, msg).await;
    }
    // Unknown fields are ignored.
    let extra = mock
        .ticket(&json!({"department_id": "x", "future": [1]}))
        .await;
    assert_eq!(extra.status(), 200);
}

#[tokio::test]
async fn ids_must_be_a_positive_integer_kept_exactly() {
    let mock = start().await;
    let body = |ids: &str| ticket_body(&json!({})).replace("1234567891011", ids);
    for (ids, msg) in [
        ("0", "ids: must be a positive integer"),
        ("-1", "ids: must be a positive integer"),
        ("-0", "ids: must be a positive integer"),
        ("1.5", "ids: must be a positive integer"),
        ("1.0", "ids: must be a positive integer"),
        ("1e3", "ids: must be a positive integer"),
        ("\"1234\"", "ids: must be a positive integer, got a string"),
        ("true", "ids: must be a positive integer, got a boolean"),
        ("[1]", "ids: must be a positive integer, got an array"),
        ("18446744073709551616", "ids: at most 18446744073709551615"),
        (
            "123456789012345678901234567890",
            "ids: at most 18446744073709551615",
        ),
    ] {
        assert_400(mock.ticket_raw(Some(PUBLIC), body(ids)).await, msg).await;
    }
    let kept = [
        "1",
        "1234567891011",
        "9007199254740993",
        "12345678901234567891",
        "18446744073709551615",
    ];
    for ids in kept {
        let resp = mock.ticket_raw(Some(PUBLIC), body(ids)).await;
        assert_eq!(resp.status(), 200, "{ids}");
    }
    let listed: Vec<Value> = mock
        .tickets()
        .await
        .iter()
        .map(|t| t["ids"].clone())
        .collect();
    assert_eq!(listed, kept.map(Value::from));
    // The request log has the body as received, digits intact.
    let log = mock.requests().await;
    let last = log.last().unwrap();
    assert_eq!(last["path"], "/rest/ticket");
    assert_eq!(last["body"], body("18446744073709551615"));
    assert_eq!(last["json"]["ids"], 18446744073709551615u64);
}

#[tokio::test]
async fn malformed_non_object_and_oversized_bodies_are_refused() {
    let mock = start().await;
    for body in ["{", "not json", "[1,2]", "\"text\"", "42", "{\"ids\":1}x"] {
        assert_400_naming(mock.ticket_raw(Some(PUBLIC), body).await, "body").await;
    }
    let resp = mock.ticket_raw(Some(PUBLIC), vec![0xff, 0xfe, b'{']).await;
    assert_400_naming(resp, "body").await;
    let big = ticket_body(&json!({"pad": "x".repeat(64 * 1024)}));
    let (status, body) = status_json(mock.ticket_raw(Some(PUBLIC), big).await).await;
    assert_eq!(
        (status, body),
        (413, envelope(413, "body: larger than 65536 bytes"))
    );
    assert!(mock.tickets().await.is_empty());
    assert_eq!(mock.requests().await.len(), 8, "every attempt is logged");
}

#[tokio::test]
async fn reset_empties_tickets_and_restarts_numbering() {
    let mock = start().await;
    mock.ticket(&json!({})).await;
    mock.ticket(&json!({})).await;
    mock.create(&json!({})).await;
    let (status, reset) = status_json(mock.admin_post("/__admin/reset", &json!({})).await).await;
    assert_eq!(status, 200);
    assert_eq!(
        reset,
        json!({"reset": true, "cleared": {"requests": 3, "sessions": 1, "tickets": 2, "faults": 0}})
    );
    assert!(mock.tickets().await.is_empty());
    assert_eq!(
        mock.ticket(&json!({})).await.text().await.unwrap(),
        SUCCESS_1
    );
}

#[tokio::test]
async fn faults_target_the_ticket_path() {
    let mock = start().await;
    mock.fault(json!({"path": "/rest/ticket", "status": 429, "retry_after": "2", "times": 2}))
        .await;
    mock.fault(json!({"path": "/rest/ticket", "method": "POST", "status": 502, "body": "<h1>bad gateway</h1>", "content_type": "text/plain"}))
        .await;
    // A session is not on the faulted path.
    assert_eq!(mock.create(&json!({})).await.status(), 200);
    for _ in 0..2 {
        let resp = mock.ticket(&json!({})).await;
        assert_eq!(resp.status(), 429);
        assert_eq!(resp.headers().get("retry-after").unwrap(), "2");
        let (_, body) = status_json(resp).await;
        assert_eq!(body, envelope(429, "injected 429"));
    }
    let resp = mock.ticket(&json!({})).await;
    assert_eq!(resp.status(), 502);
    assert_eq!(resp.headers().get("content-type").unwrap(), "text/plain");
    assert_eq!(resp.text().await.unwrap(), "<h1>bad gateway</h1>");
    assert!(
        mock.tickets().await.is_empty(),
        "an injected status creates nothing"
    );
    // A fault without a path applies to tickets too; a delay alone is a slow
    // normal answer.
    mock.fault(json!({"delay_ms": 150})).await;
    let started = std::time::Instant::now();
    let resp = mock.ticket(&json!({})).await;
    assert!(started.elapsed() >= std::time::Duration::from_millis(150));
    assert_eq!(resp.text().await.unwrap(), SUCCESS_1);
    let faulted: Vec<(Value, Value)> = mock
        .requests()
        .await
        .iter()
        .map(|r| (r["path"].clone(), r["faulted"].clone()))
        .collect();
    assert_eq!(
        faulted,
        [
            ("/rest/session", false),
            ("/rest/ticket", true),
            ("/rest/ticket", true),
            ("/rest/ticket", true),
            ("/rest/ticket", true),
        ]
        .map(|(p, f)| (Value::from(p), Value::from(f)))
    );
}

#[tokio::test]
async fn preflight_and_cors_on_the_ticket_path() {
    let mock = start().await;
    let resp = mock
        .client
        .request(reqwest::Method::OPTIONS, mock.url("/rest/ticket"))
        .header("Origin", "http://localhost:5173")
        .header("Access-Control-Request-Method", "POST")
        .header(
            "Access-Control-Request-Headers",
            "integration-key, content-type",
        )
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let h = resp.headers();
    for (name, value) in [
        ("access-control-allow-origin", "*"),
        ("access-control-allow-methods", "GET,POST,DELETE,OPTIONS"),
        (
            "access-control-allow-headers",
            "integration-key,content-type",
        ),
        ("access-control-expose-headers", "retry-after"),
        ("access-control-max-age", "600"),
        ("allow", "POST"),
    ] {
        assert_eq!(h.get(name).unwrap(), value, "{name}");
    }
    assert!(
        mock.requests().await.is_empty(),
        "preflights are not logged"
    );
    let ok = mock.ticket(&json!({})).await;
    let bad = mock.ticket(&json!({"ids": 0})).await;
    let forbidden = mock.ticket_raw(None, "{}").await;
    for (resp, want) in [(ok, 200), (bad, 400), (forbidden, 403)] {
        assert_eq!(resp.status(), want);
        let h = resp.headers();
        assert_eq!(h.get("access-control-allow-origin").unwrap(), "*");
        assert_eq!(
            h.get("access-control-expose-headers").unwrap(),
            "retry-after"
        );
    }
}

#[tokio::test]
async fn wrong_methods_and_paths_around_tickets() {
    let mock = start().await;
    let c = &mock.client;
    for (req, status, allow) in [
        (c.get(mock.url("/rest/ticket")), 405, Some("POST")),
        (c.put(mock.url("/rest/ticket")), 405, Some("POST")),
        (c.post(mock.url("/rest/tickets")), 404, None),
        (c.post(mock.url("/rest/ticket/1")), 404, None),
        (c.post(mock.url("/__admin/tickets")), 405, Some("GET,HEAD")),
    ] {
        let resp = req.send().await.unwrap();
        assert_eq!(resp.status(), status);
        assert_eq!(
            resp.headers().get("allow").map(|v| v.to_str().unwrap()),
            allow
        );
        let (status, body) = status_json(resp).await;
        error_msg(status, &body);
    }
    let head = c.head(mock.url("/__admin/tickets")).send().await.unwrap();
    assert_eq!(head.status(), 200);
}
