//! Shared test helpers: start the mock in-process on a free loopback port and
//! talk to it over real HTTP.

#![allow(dead_code)]

use std::path::Path;

use reqwest::{Client, Response};
use serde_json::Value;
use takecontrol_mock::{fixture, serve, Config};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

pub const PUBLIC: &str = "demo-public-key";
pub const PRIVATE: &str = "demo-private-key";
/// The admin token the mocks started here have, unless their config names one.
pub const TOKEN: &str = "test-admin-token-0123456789abcdef";

/// A running mock; it shuts down when dropped.
pub struct Mock {
    pub base: String,
    pub client: Client,
    /// Its admin token.
    pub token: String,
    _stop: oneshot::Sender<()>,
}

/// The shipped fixture records.
pub fn shipped_fixture() -> Vec<takecontrol_mock::record::Record> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/history.json");
    fixture::load(&path).expect("shipped fixture loads")
}

/// Starts a mock with the demo keys and no fixture.
pub async fn start() -> Mock {
    start_with(Config::default()).await
}

/// Starts a mock with the demo keys and the shipped fixture.
pub async fn start_with_fixture() -> Mock {
    start_with(Config {
        fixture: shipped_fixture(),
        ..Config::default()
    })
    .await
}

/// Starts a mock with `config` on 127.0.0.1:0 (with the admin token
/// [`TOKEN`] unless `config` has one).
pub async fn start_with(mut config: Config) -> Mock {
    let token = config
        .admin_token
        .get_or_insert_with(|| TOKEN.to_owned())
        .clone();
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("local addr");
    let (stop, stopped) = oneshot::channel::<()>();
    tokio::spawn(async move {
        let _ = serve(listener, config, async move {
            let _ = stopped.await;
        })
        .await;
    });
    Mock {
        base: format!("http://{addr}"),
        client: Client::new(),
        token,
        _stop: stop,
    }
}

impl Mock {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// `POST /rest/session` with a raw body and an optional key.
    pub async fn create_raw(&self, key: Option<&str>, body: impl Into<reqwest::Body>) -> Response {
        let mut req = self
            .client
            .post(self.url("/rest/session"))
            .header("Content-Type", "application/json")
            .body(body);
        if let Some(key) = key {
            req = req.header("INTEGRATION-KEY", key);
        }
        req.send().await.expect("send")
    }

    /// `POST /rest/session` with the public key and a JSON body.
    pub async fn create(&self, body: &Value) -> Response {
        self.create_raw(Some(PUBLIC), body.to_string()).await
    }

    /// `POST /rest/ticket` with a raw body and an optional key.
    pub async fn ticket_raw(&self, key: Option<&str>, body: impl Into<reqwest::Body>) -> Response {
        let mut req = self
            .client
            .post(self.url("/rest/ticket"))
            .header("Content-Type", "application/json")
            .body(body);
        if let Some(key) = key {
            req = req.header("INTEGRATION-KEY", key);
        }
        req.send().await.expect("send")
    }

    /// `POST /rest/ticket` with the public key: a valid ticket body with the
    /// fields of `over` replacing its own (a `null` in `over` removes one).
    pub async fn ticket(&self, over: &Value) -> Response {
        self.ticket_raw(Some(PUBLIC), ticket_body(over)).await
    }

    /// `GET /__admin/tickets`.
    pub async fn tickets(&self) -> Vec<Value> {
        self.admin_get("/__admin/tickets")
            .await
            .as_array()
            .expect("array")
            .clone()
    }

    /// `GET /rest/session/history?{query}` with the private key.
    pub async fn history(&self, query: &str) -> Response {
        self.client
            .get(self.url(&format!("/rest/session/history?{query}")))
            .header("INTEGRATION-KEY", PRIVATE)
            .send()
            .await
            .expect("send")
    }

    /// History records for `query` (asserting a 200 SUCCESS).
    pub async fn records(&self, query: &str) -> Vec<Value> {
        let resp = self.history(query).await;
        assert_eq!(resp.status(), 200, "history {query}");
        let v: Value = resp.json().await.expect("json");
        assert_eq!(v["result"], "SUCCESS");
        v["details"].as_array().expect("details array").clone()
    }

    pub async fn admin_get(&self, path: &str) -> Value {
        let resp = self.client.get(self.url(path)).send().await.expect("send");
        assert_eq!(resp.status(), 200, "GET {path}");
        resp.json().await.expect("json")
    }

    pub async fn admin_post(&self, path: &str, body: &Value) -> Response {
        self.client
            .post(self.url(path))
            .json(body)
            .send()
            .await
            .expect("send")
    }

    pub async fn admin_delete(&self, path: &str) -> Value {
        let resp = self
            .client
            .delete(self.url(path))
            .send()
            .await
            .expect("send");
        assert_eq!(resp.status(), 200, "DELETE {path}");
        resp.json().await.expect("json")
    }

    /// Queues one fault (asserting it was accepted).
    pub async fn fault(&self, spec: Value) {
        let resp = self.admin_post("/__admin/faults", &spec).await;
        assert_eq!(resp.status(), 200, "fault {spec}");
    }

    pub async fn requests(&self) -> Vec<Value> {
        self.admin_get("/__admin/requests")
            .await
            .as_array()
            .expect("array")
            .clone()
    }
}

/// Status and parsed JSON body of a response.
pub async fn status_json(resp: Response) -> (u16, Value) {
    let status = resp.status().as_u16();
    let text = resp.text().await.expect("body");
    let json = serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON: {text:?}"));
    (status, json)
}

/// The documented error envelope of `status` with `msg`.
pub fn envelope(status: u16, msg: &str) -> Value {
    serde_json::json!({
        "result": "ERROR",
        "details": null,
        "errorDetails": {"errorCode": status, "errorMsg": msg},
    })
}

/// The `errorMsg` of an error answer, asserting the documented envelope
/// around it (`errorCode` the HTTP status, nothing else in the body).
pub fn error_msg(status: u16, body: &Value) -> String {
    let msg = body["errorDetails"]["errorMsg"]
        .as_str()
        .unwrap_or_else(|| panic!("no errorDetails.errorMsg text: {body}"));
    assert_eq!(*body, envelope(status, msg), "the envelope");
    msg.to_owned()
}

/// Asserts a 400 whose errorMsg names `field`.
pub async fn assert_400_naming(resp: Response, field: &str) {
    let (status, body) = status_json(resp).await;
    assert_eq!(status, 400, "{body}");
    let details = error_msg(status, &body);
    assert!(details.contains(field), "{details:?} should name {field}");
}

/// A valid ticket body, as JSON text, with the fields of `over` replacing its
/// own; a field `null` in `over` is left out.
pub fn ticket_body(over: &Value) -> String {
    let mut body = serde_json::json!({
        "ids": 1234567891011u64,
        "customer_name": "John Doe",
        "customer_email": "john@example.com",
        "problem_description": "Unable to access network drive",
    });
    let fields = body.as_object_mut().expect("object");
    for (name, value) in over.as_object().expect("an object of fields") {
        if value.is_null() {
            fields.remove(name);
        } else {
            fields.insert(name.clone(), value.clone());
        }
    }
    body.to_string()
}
