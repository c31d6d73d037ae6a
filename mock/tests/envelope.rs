//! The documented error envelope on every error the stand-in answers, its
//! own and injected ones, and the success shapes it leaves alone.

mod common;

use common::*;
use serde_json::{json, Value};

#[tokio::test]
async fn every_error_answers_the_documented_envelope() {
    let mock = start().await;
    let c = &mock.client;
    let cases = [
        (
            mock.create(&json!({"department_id": 0})).await,
            400,
            "department_id: must be a positive integer",
        ),
        (mock.history("vars=FOO").await, 400, "vars: unknown var FOO"),
        (
            mock.create_raw(Some(PRIVATE), "{}").await,
            403,
            "invalid key",
        ),
        (
            c.get(mock.url("/rest/nope")).send().await.unwrap(),
            404,
            "not found: GET /rest/nope",
        ),
        (
            c.get(mock.url("/elsewhere")).send().await.unwrap(),
            404,
            "not found: GET /elsewhere",
        ),
        (
            c.put(mock.url("/rest/session")).send().await.unwrap(),
            405,
            "method not allowed: PUT /rest/session",
        ),
        (
            mock.create_raw(Some(PUBLIC), "x".repeat(70_000)).await,
            413,
            "body: larger than 65536 bytes",
        ),
        (
            mock.admin_post("/__admin/faults", &json!({"times": 0}))
                .await,
            400,
            "times: must be at least 1",
        ),
    ];
    for (resp, want, msg) in cases {
        assert_eq!(
            resp.headers().get("content-type").unwrap(),
            "application/json"
        );
        let (status, body) = status_json(resp).await;
        assert_eq!(status, want, "{body}");
        assert_eq!(body, envelope(want, msg));
    }
}

#[tokio::test]
async fn the_members_come_in_the_contracts_order() {
    let mock = start().await;
    let text = mock.create_raw(None, "{}").await.text().await.unwrap();
    assert_eq!(
        text,
        r#"{"result":"ERROR","details":null,"errorDetails":{"errorCode":403,"errorMsg":"invalid key"}}"#
    );
}

#[tokio::test]
async fn injected_faults_answer_the_envelope_unless_given_a_body() {
    let mock = start().await;
    mock.fault(json!([
        {"status": 429, "retry_after": "1"},
        {"status": 503},
        {"status": 200},
        {"status": 500, "body": "{\"result\":\"ERROR\",\"errorDetails\":\"kept as given\"}"},
    ]))
    .await;
    for (want, msg) in [
        (429, "injected 429"),
        (503, "injected 503"),
        (200, "injected 200"),
    ] {
        let (status, body) = status_json(mock.create(&json!({})).await).await;
        assert_eq!(status, want);
        assert_eq!(body, envelope(want, msg));
    }
    let custom = mock.create(&json!({})).await;
    assert_eq!(custom.status(), 500);
    assert_eq!(
        custom.text().await.unwrap(),
        "{\"result\":\"ERROR\",\"errorDetails\":\"kept as given\"}"
    );
}

#[tokio::test]
async fn successes_keep_their_documented_shape() {
    let mock = start().await;
    let (_, created) = status_json(mock.create(&json!({})).await).await;
    let keys: Vec<&String> = created.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["details", "result"], "no errorDetails: {created}");
    let (_, history) = status_json(mock.history("vars=ID").await).await;
    assert_eq!(
        history,
        json!({"result": "SUCCESS", "details": [{"id": 1}]})
    );
    // An admin success is no API envelope at all.
    let faults: Value = mock.admin_get("/__admin/faults").await;
    assert_eq!(faults, json!([]));
}
