//! No web page can drive or read the stand-in, over real HTTP: the admin
//! API refuses what a page can send without the token (a form POST, a
//! cross-origin fetch) and grants CORS only with it; a `Host` that is not
//! loopback (DNS rebinding) is refused everywhere; no answer runs as a page;
//! the log keeps no secret. And a flood leaves it within its budget.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;
use serde_json::{json, Value};

const PAGE: &str = "https://evil.example";

#[tokio::test]
async fn a_form_post_or_a_fetch_from_a_page_without_the_token_is_refused() {
    let mock = start().await;
    // The form of the drive-by: text/plain, posted into a popup.
    let form = mock
        .client
        .post(mock.url("/__admin/faults"))
        .header("Origin", PAGE)
        .header("Content-Type", "text/plain")
        .body(r#"{"status":200,"body":"<script>alert(1)</script>","content_type":"text/plain"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(form.status(), 403);
    assert!(form.headers().get("access-control-allow-origin").is_none());
    let (_, body) = status_json(form).await;
    assert!(error_msg(403, &body).contains("X-Admin-Token"));
    // The same without Origin (an old browser): a form cannot send JSON.
    for content_type in [
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
    ] {
        let resp = mock
            .client
            .post(mock.url("/__admin/faults"))
            .header("Content-Type", content_type)
            .body(r#"{"status":503}"#)
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 415, "{content_type}");
    }
    // A cross-origin fetch, as a browser sends it.
    let read = mock
        .client
        .get(mock.url("/__admin/requests"))
        .header("Origin", PAGE)
        .header("Sec-Fetch-Site", "cross-site")
        .header("Access-Control-Request-Private-Network", "true")
        .send()
        .await
        .unwrap();
    assert_eq!(read.status(), 403);
    assert!(read.headers().get("access-control-allow-origin").is_none());
    assert!(read
        .headers()
        .get("access-control-allow-private-network")
        .is_none());
    assert_eq!(mock.admin_get("/__admin/faults").await, json!([]));
}

#[tokio::test]
async fn the_token_or_no_origin_gets_in_and_only_the_token_gets_cors() {
    let mock = start().await;
    let with = mock
        .client
        .post(mock.url("/__admin/faults"))
        .header("Origin", "http://127.0.0.1:9999")
        .header("X-Admin-Token", &mock.token)
        .json(&json!({"status": 503}))
        .send()
        .await
        .unwrap();
    assert_eq!(with.status(), 200);
    assert_eq!(with.headers()["access-control-allow-origin"], "*");
    assert!(with
        .headers()
        .get("access-control-allow-private-network")
        .is_none());
    let tokenless = mock
        .client
        .get(mock.url("/__admin/faults"))
        .header("Access-Control-Request-Private-Network", "true")
        .send()
        .await
        .unwrap();
    assert_eq!(tokenless.status(), 200);
    assert!(tokenless
        .headers()
        .get("access-control-allow-origin")
        .is_none());
    assert!(tokenless
        .headers()
        .get("access-control-allow-private-network")
        .is_none());
    assert_eq!(tokenless.json::<Value>().await.unwrap()[0]["status"], 503);
    let wrong = mock
        .client
        .get(mock.url("/__admin/faults"))
        .header("X-Admin-Token", "not-the-token")
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 403);
}

#[tokio::test]
async fn an_admin_preflight_is_granted_only_for_the_token_header() {
    let mock = start().await;
    let preflight = |headers: &'static str| {
        mock.client
            .request(reqwest::Method::OPTIONS, mock.url("/__admin/faults"))
            .header("Origin", PAGE)
            .header("Access-Control-Request-Method", "POST")
            .header("Access-Control-Request-Headers", headers)
            .header("Access-Control-Request-Private-Network", "true")
            .send()
    };
    let granted = preflight("content-type,x-admin-token").await.unwrap();
    assert_eq!(granted.status(), 200);
    assert_eq!(granted.headers()["access-control-allow-origin"], "*");
    assert_eq!(
        granted.headers()["access-control-allow-headers"],
        "x-admin-token,content-type"
    );
    assert!(granted
        .headers()
        .get("access-control-allow-private-network")
        .is_none());
    let refused = preflight("content-type").await.unwrap();
    assert!(refused
        .headers()
        .get("access-control-allow-origin")
        .is_none());
    assert!(refused
        .headers()
        .get("access-control-allow-methods")
        .is_none());
    assert!(refused
        .headers()
        .get("access-control-allow-private-network")
        .is_none());
    // The emulated API keeps its CORS.
    let rest = mock
        .client
        .request(reqwest::Method::OPTIONS, mock.url("/rest/session"))
        .header("Origin", PAGE)
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Private-Network", "true")
        .send()
        .await
        .unwrap();
    assert_eq!(rest.headers()["access-control-allow-origin"], "*");
    assert_eq!(
        rest.headers()["access-control-allow-private-network"],
        "true"
    );
}

#[tokio::test]
async fn a_host_that_is_not_loopback_is_refused_on_every_path() {
    let mock = start().await;
    for (method, path) in [
        ("POST", "/rest/session"),
        ("GET", "/__admin/requests"),
        ("POST", "/__admin/reset"),
    ] {
        let resp = mock
            .client
            .request(method.parse().unwrap(), mock.url(path))
            .header("Host", "evil.example:8787")
            .header("INTEGRATION-KEY", PUBLIC)
            .header("X-Admin-Token", &mock.token)
            .body("{}")
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 421, "{method} {path}");
        assert!(resp.headers().get("access-control-allow-origin").is_none());
        let (status, body) = status_json(resp).await;
        assert!(error_msg(status, &body).starts_with("host:"));
    }
    for host in ["localhost", "127.0.0.1:1", "[::1]:8787"] {
        let resp = mock
            .client
            .get(mock.url("/__admin/faults"))
            .header("Host", host)
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 200, "{host}");
    }
    assert!(mock.requests().await.is_empty());
    assert!(mock
        .admin_get("/__admin/sessions")
        .await
        .as_array()
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn a_request_without_host_is_refused() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mock = start().await;
    let addr = mock.base.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    stream
        .write_all(b"GET /__admin/requests HTTP/1.1\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await.unwrap();
    let head = String::from_utf8_lossy(&answer);
    assert!(head.starts_with("HTTP/1.1 421"), "{head}");
}

#[tokio::test]
async fn markup_faults_are_refused_and_every_answer_is_sandboxed() {
    let mock = start().await;
    for content_type in [
        "text/html",
        "application/xhtml+xml",
        "image/svg+xml",
        "text/xml",
        "application/xml",
    ] {
        let spec = json!({"status": 200, "body": "<script>alert(1)</script>", "content_type": content_type});
        let resp = mock.admin_post("/__admin/faults", &spec).await;
        let (status, body) = status_json(resp).await;
        assert_eq!(status, 400, "{content_type}");
        assert!(
            error_msg(status, &body).starts_with("content_type:"),
            "{body}"
        );
    }
    mock.fault(json!({"status": 502, "body": "<h1>x</h1>", "content_type": "text/plain"}))
        .await;
    let answers = [
        mock.create(&json!({})).await,
        mock.create(&json!({})).await,
        mock.client.get(mock.url("/nowhere")).send().await.unwrap(),
        mock.client
            .get(mock.url("/__admin/requests"))
            .send()
            .await
            .unwrap(),
        mock.client
            .request(reqwest::Method::OPTIONS, mock.url("/rest/session"))
            .send()
            .await
            .unwrap(),
        mock.client
            .get(mock.url("/__admin/requests"))
            .header("Origin", PAGE)
            .send()
            .await
            .unwrap(),
    ];
    assert_eq!(answers[0].status(), 502);
    for resp in &answers {
        assert_eq!(
            resp.headers()["content-security-policy"],
            "sandbox",
            "{}",
            resp.url()
        );
        assert_eq!(
            resp.headers()["x-content-type-options"],
            "nosniff",
            "{}",
            resp.url()
        );
    }
}

#[tokio::test]
async fn the_log_never_holds_a_key_a_cookie_or_a_credential() {
    let mock = start_with(takecontrol_mock::Config {
        public_key: "pub-SECRET-key-1".to_owned(),
        private_key: "priv-SECRET-key-2".to_owned(),
        ..takecontrol_mock::Config::default()
    })
    .await;
    let send = |path: &str, key: &str| {
        mock.client
            .post(mock.url(path))
            .header("INTEGRATION-KEY", key)
            .header("Cookie", "session=cookie-SECRET-3")
            .header("Authorization", "Bearer auth-SECRET-4")
            .header("X-Admin-Token", "token-SECRET-5")
            .body(r#"{"customer_name":"Ana"}"#)
            .send()
    };
    assert_eq!(
        send("/rest/session", "pub-SECRET-key-1")
            .await
            .unwrap()
            .status(),
        200
    );
    assert_eq!(
        send("/rest/session", "priv-SECRET-key-2")
            .await
            .unwrap()
            .status(),
        403
    );
    assert_eq!(
        send("/rest/ticket", "other-SECRET-6")
            .await
            .unwrap()
            .status(),
        403
    );
    let text = mock
        .client
        .get(mock.url("/__admin/requests"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!text.contains("SECRET"), "{text}");
    let log: Value = serde_json::from_str(&text).unwrap();
    let keys: Vec<&Value> = log.as_array().unwrap().iter().map(|e| &e["key"]).collect();
    assert_eq!(
        keys,
        [
            &json!({"kind": "public", "matched": true}),
            &json!({"kind": "private", "matched": false}),
            &json!({"kind": "unknown", "matched": false}),
        ]
    );
    for name in [
        "integration-key",
        "cookie",
        "authorization",
        "x-admin-token",
    ] {
        assert_eq!(log[0]["headers"][name], "[redacted]", "{name}");
    }
    assert_eq!(log[0]["json"], json!({"customer_name": "Ana"}));
}

/// The resident memory of a process, in KiB (Linux).
fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("/proc status");
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmRSS")
}

#[tokio::test]
async fn a_flood_of_large_keyless_posts_stays_within_the_log_budget() {
    // The binary, so that its memory is measured alone.
    let mut child = Command::new(env!("CARGO_BIN_EXE_takecontrol-mock"))
        .args(["--addr", "127.0.0.1:0"])
        .env_remove("TAKECONTROL_MOCK_ADMIN_TOKEN")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let base = first
        .trim()
        .strip_prefix("takecontrol-mock listening on ")
        .unwrap()
        .to_owned();
    let client = reqwest::Client::new();
    let before = rss_kib(child.id());
    let body = format!(r#"{{"problem_description":"{}"}}"#, "x".repeat(42 * 1024));
    let started = Instant::now();
    let mut sent = 0;
    while sent < 3_000 && started.elapsed() < Duration::from_secs(60) {
        let batch = (0..16).map(|_| {
            client
                .post(format!("{base}/rest/session"))
                .header("Content-Type", "application/json")
                .body(body.clone())
                .send()
        });
        for resp in futures_util::future::join_all(batch).await {
            assert_eq!(resp.unwrap().status(), 403);
        }
        sent += 16;
    }
    let after = rss_kib(child.id());
    let stats: Value = client
        .get(format!("{base}/__admin/stats"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let _ = child.kill();
    let _ = child.wait();
    eprintln!(
        "flood: {sent} POSTs of 42 KiB in {:?}; RSS {before} KiB -> {after} KiB; log {}",
        started.elapsed(),
        stats["requests"]
    );
    assert!(sent >= 3_000, "only {sent} requests in 60 s");
    let log = &stats["requests"];
    assert!(
        log["bytes"].as_u64().unwrap() <= log["max_bytes"].as_u64().unwrap(),
        "{stats}"
    );
    assert_eq!(log["max_bytes"], 8 * 1024 * 1024);
    assert_eq!(
        log["entries"].as_u64().unwrap() + log["dropped"].as_u64().unwrap(),
        sent as u64
    );
    assert!(after < 128 * 1024, "RSS {after} KiB after the flood");
}
