//! 404/405 answers and CORS headers on every kind of response.

mod common;

use common::*;
use serde_json::json;

#[tokio::test]
async fn unknown_paths_are_json_404() {
    let mock = start().await;
    for path in [
        "/",
        "/rest",
        "/rest/sessions",
        "/rest/session/history/x",
        "/__admin/nope",
    ] {
        let (status, body) =
            status_json(mock.client.get(mock.url(path)).send().await.unwrap()).await;
        assert_eq!(status, 404, "{path}");
        assert_eq!(error_msg(status, &body), format!("not found: GET {path}"));
    }
}

#[tokio::test]
async fn wrong_methods_are_json_405() {
    let mock = start().await;
    let c = &mock.client;
    let cases = [
        c.get(mock.url("/rest/session")),
        c.delete(mock.url("/rest/session")),
        c.put(mock.url("/rest/session")),
        c.post(mock.url("/rest/session/history")),
        c.post(mock.url("/__admin/requests")),
        c.get(mock.url("/__admin/reset")),
    ];
    for req in cases {
        let (status, body) = status_json(req.send().await.unwrap()).await;
        assert_eq!(status, 405);
        assert!(error_msg(status, &body).starts_with("method not allowed"));
    }
}

#[tokio::test]
async fn preflight_allows_the_api_headers_and_methods() {
    let mock = start().await;
    // The admin API's preflight is granted to a page that sends the token
    // (tests/web_pages.rs has the rest).
    for (path, asked) in [
        ("/rest/session", "integration-key, content-type"),
        ("/rest/session/history", "integration-key, content-type"),
        ("/__admin/faults", "x-admin-token, content-type"),
        ("/nowhere", "integration-key, content-type"),
    ] {
        let resp = mock
            .client
            .request(reqwest::Method::OPTIONS, mock.url(path))
            .header("Origin", "http://localhost:5173")
            .header("Access-Control-Request-Method", "POST")
            .header("Access-Control-Request-Headers", asked)
            .send()
            .await
            .unwrap();
        assert!(resp.status() == 200 || resp.status() == 204, "{path}");
        let h = resp.headers();
        let get = |n: &str| {
            h.get(n)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_ascii_lowercase()
        };
        assert_eq!(get("access-control-allow-origin"), "*");
        let allow_headers = get("access-control-allow-headers");
        let wanted = if path.starts_with("/__admin") {
            "x-admin-token"
        } else {
            "integration-key"
        };
        assert!(allow_headers.contains(wanted), "{allow_headers}");
        assert!(allow_headers.contains("content-type"), "{allow_headers}");
        let methods = get("access-control-allow-methods");
        for m in ["get", "post", "delete", "options"] {
            assert!(methods.contains(m), "{methods}");
        }
        assert!(get("access-control-expose-headers").contains("retry-after"));
        assert_eq!(get("access-control-max-age"), "600");
    }
    // Preflights are not API requests: the log stays empty.
    assert!(mock.requests().await.is_empty());
}

#[tokio::test]
async fn cors_headers_on_success_errors_and_faults() {
    let mock = start().await;
    let origin = "http://example.test";
    mock.fault(json!({"status": 503, "retry_after": "7"})).await;
    let faulted = mock
        .client
        .post(mock.url("/rest/session"))
        .header("Origin", origin)
        .header("INTEGRATION-KEY", PUBLIC)
        .body("{}")
        .send()
        .await
        .unwrap();
    let ok = mock
        .client
        .post(mock.url("/rest/session"))
        .header("Origin", origin)
        .header("INTEGRATION-KEY", PUBLIC)
        .body("{}")
        .send()
        .await
        .unwrap();
    let forbidden = mock
        .client
        .get(mock.url("/rest/session/history"))
        .header("Origin", origin)
        .send()
        .await
        .unwrap();
    let not_found = mock
        .client
        .get(mock.url("/x"))
        .header("Origin", origin)
        .send()
        .await
        .unwrap();
    let too_large = mock
        .client
        .post(mock.url("/rest/session"))
        .header("Origin", origin)
        .body("x".repeat(70_000))
        .send()
        .await
        .unwrap();
    let admin = mock
        .client
        .get(mock.url("/__admin/requests"))
        .header("Origin", origin)
        .header("X-Admin-Token", &mock.token)
        .send()
        .await
        .unwrap();
    for (resp, want) in [
        (faulted, 503),
        (ok, 200),
        (forbidden, 403),
        (not_found, 404),
        (too_large, 413),
        (admin, 200),
    ] {
        assert_eq!(resp.status(), want);
        let h = resp.headers();
        assert_eq!(h.get("access-control-allow-origin").unwrap(), "*", "{want}");
        let expose = h
            .get("access-control-expose-headers")
            .unwrap()
            .to_str()
            .unwrap();
        assert!(
            expose.to_ascii_lowercase().contains("retry-after"),
            "{want}"
        );
    }
}
