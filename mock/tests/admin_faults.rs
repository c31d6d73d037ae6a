//! The admin API: request log, sessions, reset, and every fault kind.

mod common;

use std::time::{Duration, Instant};

use common::*;
use serde_json::{json, Value};

#[tokio::test]
async fn the_request_log_records_rest_calls_in_order() {
    let mock = start().await;
    let body = json!({"customer_name": "Zoë", "customer_number": "d4f%d$3"});
    mock.create(&body).await;
    mock.history("vars=ID&FILTER_HAS_VIDEOS=true").await;
    mock.client
        .get(mock.url("/rest/unknown"))
        .send()
        .await
        .unwrap();
    mock.admin_get("/__admin/sessions").await; // admin calls are not logged

    let log = mock.requests().await;
    assert_eq!(log.len(), 3);
    let first = &log[0];
    assert_eq!(first["method"], "POST");
    assert_eq!(first["path"], "/rest/session");
    assert_eq!(first["query"], "");
    assert_eq!(first["headers"]["integration-key"], "[redacted]");
    assert_eq!(first["key"], json!({"kind": "public", "matched": true}));
    assert_eq!(first["headers"]["content-type"], "application/json");
    assert_eq!(first["json"], body);
    assert_eq!(
        serde_json::from_str::<Value>(first["body"].as_str().unwrap()).unwrap(),
        body
    );
    assert_eq!(first["faulted"], false);
    assert_eq!(log[1]["method"], "GET");
    assert_eq!(log[1]["path"], "/rest/session/history");
    assert_eq!(log[1]["query"], "vars=ID&FILTER_HAS_VIDEOS=true");
    assert_eq!(log[1]["key"], json!({"kind": "private", "matched": true}));
    assert_eq!(log[1]["json"], Value::Null);
    assert_eq!(log[2]["path"], "/rest/unknown");

    assert_eq!(mock.admin_delete("/__admin/requests").await["cleared"], 3);
    assert!(mock.requests().await.is_empty());
}

#[tokio::test]
async fn reset_clears_sessions_log_and_faults() {
    let mock = start_with_fixture().await;
    let fixture_len = shipped_fixture().len();
    mock.create(&json!({})).await;
    mock.create(&json!({})).await;
    mock.fault(json!({"status": 500, "times": 5})).await;
    let resp = mock.admin_post("/__admin/reset", &json!({})).await;
    assert_eq!(resp.status(), 200);
    assert!(mock.requests().await.is_empty());
    assert!(mock
        .admin_get("/__admin/sessions")
        .await
        .as_array()
        .unwrap()
        .is_empty());
    assert!(mock
        .admin_get("/__admin/faults")
        .await
        .as_array()
        .unwrap()
        .is_empty());
    assert_eq!(mock.records("vars=ID").await.len(), fixture_len);
    let (_, created) = status_json(mock.create(&json!({})).await).await;
    assert_eq!(created["details"]["nrequests"], 1);
}

#[tokio::test]
async fn fault_429_with_retry_after_is_logged_and_creates_nothing() {
    let mock = start().await;
    let resp = mock
        .admin_post(
            "/__admin/faults",
            &json!({"path": "/rest/session", "status": 429, "retry_after": "2"}),
        )
        .await;
    assert_eq!(status_json(resp).await.1["queued"], 1);
    let resp = mock.create(&json!({"customer_name": "x"})).await;
    assert_eq!(resp.status(), 429);
    assert_eq!(resp.headers().get("retry-after").unwrap(), "2");
    assert_eq!(
        resp.headers().get("content-type").unwrap(),
        "application/json"
    );
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body, envelope(429, "injected 429"));
    assert!(mock
        .admin_get("/__admin/sessions")
        .await
        .as_array()
        .unwrap()
        .is_empty());
    // The next request is handled normally.
    assert_eq!(mock.create(&json!({})).await.status(), 200);
    let log = mock.requests().await;
    assert_eq!(log.len(), 2);
    assert_eq!(log[0]["faulted"], true);
    assert_eq!(log[1]["faulted"], false);
}

#[tokio::test]
async fn fault_500_and_503_and_times() {
    let mock = start().await;
    mock.fault(json!({"status": 500})).await;
    mock.fault(json!({"status": 503, "times": 2})).await;
    let mut seen = Vec::new();
    for _ in 0..4 {
        seen.push(mock.create(&json!({})).await.status().as_u16());
    }
    assert_eq!(seen, vec![500, 503, 503, 200]);
    assert_eq!(mock.requests().await.len(), 4);
    assert_eq!(
        mock.admin_get("/__admin/sessions")
            .await
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test]
async fn faults_match_their_path_and_method() {
    let mock = start().await;
    mock.fault(json!({"path": "/rest/session/history", "status": 502}))
        .await;
    mock.fault(json!({"method": "POST", "status": 504})).await;
    assert_eq!(mock.history("vars=ID").await.status(), 502);
    assert_eq!(mock.history("vars=ID").await.status(), 200);
    assert_eq!(mock.create(&json!({})).await.status(), 504);
    let pending = mock.admin_get("/__admin/faults").await;
    assert!(pending.as_array().unwrap().is_empty());
    mock.fault(json!({"status": 500, "times": 3})).await;
    let pending = mock.admin_get("/__admin/faults").await;
    assert_eq!(pending[0]["remaining"], 3);
    assert_eq!(mock.admin_delete("/__admin/faults").await["cleared"], 1);
    assert_eq!(mock.create(&json!({})).await.status(), 200);
}

#[tokio::test]
async fn non_json_fault_body_and_content_type() {
    let mock = start().await;
    mock.fault(json!({"status": 502, "body": "<html><body>Bad Gateway</body></html>", "content_type": "text/plain"})).await;
    mock.fault(json!({"status": 200, "body": "{\"result\":\"SUCC"}))
        .await;
    let resp = mock.create(&json!({})).await;
    assert_eq!(resp.status(), 502);
    assert_eq!(resp.headers().get("content-type").unwrap(), "text/plain");
    assert_eq!(
        resp.text().await.unwrap(),
        "<html><body>Bad Gateway</body></html>"
    );
    let resp = mock.create(&json!({})).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.text().await.unwrap(), "{\"result\":\"SUCC");
    assert!(mock
        .admin_get("/__admin/sessions")
        .await
        .as_array()
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn delay_without_status_is_a_slow_normal_answer() {
    let mock = start().await;
    mock.fault(json!({"delay_ms": 300})).await;
    let t = Instant::now();
    let resp = mock.create(&json!({})).await;
    assert!(t.elapsed() >= Duration::from_millis(300));
    assert_eq!(resp.status(), 200);
    assert_eq!(
        mock.admin_get("/__admin/sessions")
            .await
            .as_array()
            .unwrap()
            .len(),
        1
    );
    mock.fault(json!({"delay_ms": 200, "status": 500})).await;
    let t = Instant::now();
    assert_eq!(mock.create(&json!({})).await.status(), 500);
    assert!(t.elapsed() >= Duration::from_millis(200));
}

#[tokio::test]
async fn stall_sends_part_of_the_body_then_hangs() {
    let mock = start().await;
    mock.fault(json!({"status": 200, "body": "0123456789", "stall_after_bytes": 4}))
        .await;
    let mut resp = tokio::time::timeout(Duration::from_secs(5), mock.create(&json!({})))
        .await
        .expect("headers arrive");
    assert_eq!(resp.status(), 200);
    let mut got = Vec::new();
    while got.len() < 4 {
        let chunk = tokio::time::timeout(Duration::from_secs(5), resp.chunk())
            .await
            .expect("first bytes arrive")
            .unwrap()
            .expect("a chunk");
        got.extend_from_slice(&chunk);
    }
    assert_eq!(got, b"0123");
    let rest = tokio::time::timeout(Duration::from_millis(400), resp.chunk()).await;
    assert!(rest.is_err(), "the body must not finish");
    drop(resp);

    // Without a status: the normal answer, cut short.
    mock.fault(json!({"stall_after_bytes": 0})).await;
    let mut resp = mock.create(&json!({})).await;
    assert_eq!(resp.status(), 200);
    assert!(
        tokio::time::timeout(Duration::from_millis(300), resp.chunk())
            .await
            .is_err()
    );
}

#[tokio::test]
async fn bad_fault_specs_are_400() {
    let mock = start().await;
    for (spec, field) in [
        (json!({"status": 42}), "status"),
        (json!({"times": 0}), "times"),
        (json!({"stauts": 500}), "stauts"),
        (json!({"path": "rest/session"}), "path"),
        (json!([{"status": 500}, {"delay_ms": "slow"}]), "delay_ms"),
        (json!("500"), "body"),
        (
            json!({"status": 200, "content_type": "text/html"}),
            "content_type",
        ),
    ] {
        assert_400_naming(mock.admin_post("/__admin/faults", &spec).await, field).await;
    }
    let resp = mock
        .client
        .post(mock.url("/__admin/faults"))
        .header("Content-Type", "application/json")
        .body("{")
        .send()
        .await
        .unwrap();
    assert_400_naming(resp, "body").await;
    assert!(mock
        .admin_get("/__admin/faults")
        .await
        .as_array()
        .unwrap()
        .is_empty());
    // An array queues all of them, in order.
    let resp = mock
        .admin_post(
            "/__admin/faults",
            &json!([{"status": 500}, {"status": 429}]),
        )
        .await;
    assert_eq!(status_json(resp).await.1["queued"], 2);
    assert_eq!(mock.create(&json!({})).await.status(), 500);
    assert_eq!(mock.create(&json!({})).await.status(), 429);
}
