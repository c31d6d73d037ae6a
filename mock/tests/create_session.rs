//! `POST /rest/session` over HTTP: success shape, keys, field rules, body limits.

mod common;

use common::*;
use serde_json::{json, Value};

#[tokio::test]
async fn creates_sessions_and_the_queue_grows() {
    let mock = start().await;
    let body = json!({
        "department_id": 123, "technician_username": "tech@example.com", "language": "fr",
        "customer_name": "John Doe", "customer_email": "john@example.com",
        "customer_number": "d4f%d$3", "problem_description": "Unable to access network drive",
        "ask_customer_info": 1, "show_waiting_queue": 1
    });
    let (status, first) = status_json(mock.create(&body).await).await;
    assert_eq!(status, 200);
    assert_eq!(first["result"], "SUCCESS");
    assert_eq!(first["details"]["nrequests"], 1);
    let req = &first["details"]["requests"][0];
    assert_eq!(
        first["details"]["requests"].as_array().map(Vec::len),
        Some(1)
    );
    assert_eq!(req["tech_username"], "tech@example.com");
    assert_eq!(req["computer_domain"], "WORKGROUP");
    assert!(req["computer_name"].as_str().is_some_and(|s| !s.is_empty()));
    assert!(req["waiting_time"].as_u64().is_some_and(|w| w >= 1));

    let (_, second) = status_json(mock.create(&json!({})).await).await;
    assert_eq!(second["details"]["nrequests"], 2);
    let w1 = req["waiting_time"].as_u64().unwrap();
    let w2 = second["details"]["requests"][0]["waiting_time"]
        .as_u64()
        .unwrap();
    assert!(w2 > w1);
    // No technician named: one from the default rotation.
    assert!(second["details"]["requests"][0]["tech_username"]
        .as_str()
        .is_some_and(|t| t.ends_with("@example.com")));
}

#[tokio::test]
async fn lenient_about_body_form() {
    let mock = start().await;
    // Empty body, booleans for flags, unknown fields, no content type.
    assert_eq!(mock.create_raw(Some(PUBLIC), "").await.status(), 200);
    let resp = mock
        .client
        .post(mock.url("/rest/session"))
        .header("INTEGRATION-KEY", PUBLIC)
        .body(r#"{"ask_customer_info":true,"show_waiting_queue":false,"future_field":{"x":[1]}}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
}

#[tokio::test]
async fn refuses_missing_unknown_and_private_keys() {
    let mock = start().await;
    for key in [None, Some("nope"), Some(PRIVATE), Some("")] {
        let (status, body) = status_json(mock.create_raw(key, "{}").await).await;
        assert_eq!(status, 403, "{key:?}");
        assert_eq!(body, envelope(403, "invalid key"));
    }
    // Header name is case-insensitive.
    let resp = mock
        .client
        .post(mock.url("/rest/session"))
        .header("integration-key", PUBLIC)
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert!(
        mock.admin_get("/__admin/sessions")
            .await
            .as_array()
            .unwrap()
            .len()
            == 1
    );
}

#[tokio::test]
async fn limits_are_inclusive_and_counted_in_characters() {
    let mock = start().await;
    let cases: [(&str, usize, &str); 4] = [
        ("customer_name", 128, "é"),
        ("customer_number", 32, "%"),
        ("problem_description", 1024, "🙂"),
        ("customer_name", 128, "山"),
    ];
    for (field, max, unit) in cases {
        let ok = mock.create(&json!({ field: unit.repeat(max) })).await;
        assert_eq!(ok.status(), 200, "{field} at {max}");
        let resp = mock.create(&json!({ field: unit.repeat(max + 1) })).await;
        let (status, body) = status_json(resp).await;
        assert_eq!(status, 400);
        assert_eq!(
            body,
            envelope(400, &format!("{field}: at most {max} characters"))
        );
    }
    // customer_email: 64 characters accepted, 65 refused.
    let email = |n: usize| format!("{}@example.com", "a".repeat(n - 12));
    assert_eq!(
        mock.create(&json!({"customer_email": email(64)}))
            .await
            .status(),
        200
    );
    assert_400_naming(
        mock.create(&json!({"customer_email": email(65)})).await,
        "customer_email",
    )
    .await;
}

#[tokio::test]
async fn each_rule_names_its_field() {
    let mock = start().await;
    let cases: Vec<(Value, &str)> = vec![
        (json!({"department_id": 0}), "department_id"),
        (json!({"department_id": -3}), "department_id"),
        (json!({"department_id": "12"}), "department_id"),
        (json!({"department_id": 1.5}), "department_id"),
        (
            json!({"technician_username": "not-an-email"}),
            "technician_username",
        ),
        (json!({"technician_username": 5}), "technician_username"),
        (json!({"language": "French"}), "language"),
        (json!({"language": "fr_FR"}), "language"),
        (json!({"customer_name": 12}), "customer_name"),
        (
            json!({"customer_email": "john at example.com"}),
            "customer_email",
        ),
        (json!({"customer_number": null}), "customer_number"),
        (json!({"problem_description": ["x"]}), "problem_description"),
        (json!({"ask_customer_info": 2}), "ask_customer_info"),
        (json!({"ask_customer_info": "1"}), "ask_customer_info"),
        (json!({"show_waiting_queue": -1}), "show_waiting_queue"),
    ];
    for (body, field) in cases {
        assert_400_naming(mock.create(&body).await, field).await;
    }
    for ok in [
        json!({"language": "pt-BR"}),
        json!({"language": "fr"}),
        json!({"customer_number": "d4f%d$3"}),
        json!({"department_id": 7, "show_waiting_queue": 0}),
    ] {
        assert_eq!(mock.create(&ok).await.status(), 200, "{ok}");
    }
    assert!(
        mock.admin_get("/__admin/sessions")
            .await
            .as_array()
            .unwrap()
            .len()
            == 4
    );
}

#[tokio::test]
async fn malformed_and_non_object_bodies_are_400() {
    let mock = start().await;
    for body in ["{", "not json", "[1,2]", "\"text\"", "42", "{\"a\":1}x"] {
        assert_400_naming(mock.create_raw(Some(PUBLIC), body).await, "body").await;
    }
    // Invalid UTF-8.
    let resp = mock.create_raw(Some(PUBLIC), vec![0xff, 0xfe, b'{']).await;
    assert_400_naming(resp, "body").await;
}

#[tokio::test]
async fn bodies_over_64_kib_are_413() {
    let mock = start().await;
    let filler = "x".repeat(64 * 1024);
    let big = format!(r#"{{"pad":"{filler}"}}"#);
    let (status, body) = status_json(mock.create_raw(Some(PUBLIC), big).await).await;
    assert_eq!(status, 413);
    assert_eq!(error_msg(status, &body), "body: larger than 65536 bytes");
    // Exactly at the limit is read (then judged on its content).
    let at_limit = format!(r#"{{"pad":"{}"}}"#, "x".repeat(64 * 1024 - 10));
    assert_eq!(at_limit.len(), 64 * 1024);
    assert_eq!(mock.create_raw(Some(PUBLIC), at_limit).await.status(), 200);
    // A chunked body (no Content-Length) over the limit too.
    let chunks: Vec<Result<String, std::io::Error>> =
        (0..70).map(|_| Ok("y".repeat(1024))).collect();
    let stream = futures_util::stream::iter(chunks);
    let resp = mock
        .client
        .post(mock.url("/rest/session"))
        .header("INTEGRATION-KEY", PUBLIC)
        .body(reqwest::Body::wrap_stream(stream))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 413);
}

#[tokio::test]
async fn a_created_session_shows_in_history_with_the_same_fields() {
    let mock = start_with_fixture().await;
    let body = json!({
        "customer_name": "Zoë O'Brien 山田 🎧", "customer_email": "zoe.o'brien@example.ie",
        "customer_number": "d4f%d$3", "problem_description": "Line 1\nLine 2 « quotes » & <tags>",
        "technician_username": "dana.okafor@example.com"
    });
    assert_eq!(mock.create(&body).await.status(), 200);
    let max_fixture = shipped_fixture().iter().map(|r| r.id).max().unwrap();
    let records = mock
        .records(&format!("FILTER_ID={}", max_fixture + 1))
        .await;
    assert_eq!(records.len(), 1);
    let r = &records[0];
    for field in [
        "customer_name",
        "customer_email",
        "customer_number",
        "problem_description",
    ] {
        assert_eq!(r[field], body[field], "{field}");
    }
    assert_eq!(r["tech_username"], "dana.okafor@example.com");
    assert_eq!(r["has_videos"], false);
    assert_eq!(r["id"], max_fixture + 1);
    let start = r["date_start"].as_str().unwrap();
    assert_eq!(start.len(), 19);
    assert_eq!(&start[10..11], " ");
    let sessions = mock.admin_get("/__admin/sessions").await;
    assert_eq!(sessions[0]["customer_name"], body["customer_name"]);
    assert_eq!(sessions[0]["request"]["customer_number"], "d4f%d$3");
}

#[tokio::test]
async fn a_declared_length_over_the_limit_is_refused_at_once() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mock = start().await;
    let addr = mock.base.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    stream
        .write_all(
            b"POST /rest/session HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100000\r\n\r\n{}",
        )
        .await
        .unwrap();
    let mut buf = vec![0u8; 1024];
    let n = tokio::time::timeout(std::time::Duration::from_secs(3), stream.read(&mut buf))
        .await
        .expect("answered without waiting for the body")
        .unwrap();
    let head = String::from_utf8_lossy(&buf[..n]);
    assert!(head.starts_with("HTTP/1.1 413"), "{head}");
    assert!(head.contains("access-control-allow-origin: *"), "{head}");
}
