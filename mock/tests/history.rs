//! `GET /rest/session/history` over HTTP: keys, both input forms, every
//! filter, vars projection, and errors naming the bad var or filter.

mod common;

use common::*;
use serde_json::{json, Value};
use takecontrol_mock::record::{Record, VARS};

fn ids(records: &[Value]) -> Vec<u64> {
    records.iter().map(|r| r["id"].as_u64().unwrap()).collect()
}

fn expected(keep: impl Fn(&Record) -> bool) -> Vec<u64> {
    let mut v: Vec<u64> = shipped_fixture()
        .iter()
        .filter(|r| keep(r))
        .map(|r| r.id)
        .collect();
    v.sort_unstable();
    v
}

#[tokio::test]
async fn needs_the_private_key() {
    let mock = start_with_fixture().await;
    for key in [None, Some(PUBLIC), Some("nope")] {
        let mut req = mock.client.get(mock.url("/rest/session/history?vars=ID"));
        if let Some(k) = key {
            req = req.header("INTEGRATION-KEY", k);
        }
        let (status, body) = status_json(req.send().await.unwrap()).await;
        assert_eq!(status, 403);
        assert_eq!(body, envelope(403, "invalid key"));
    }
}

#[tokio::test]
async fn all_vars_by_default_with_json_types() {
    let mock = start_with_fixture().await;
    let records = mock.records("").await;
    assert_eq!(records.len(), shipped_fixture().len());
    let first = records[0].as_object().unwrap();
    assert_eq!(first.len(), VARS.len());
    for var in VARS {
        assert!(first.contains_key(&var.to_ascii_lowercase()), "{var}");
    }
    assert!(first["id"].is_u64());
    assert!(first["has_videos"].is_boolean());
    let start = first["date_start"].as_str().unwrap();
    assert_eq!(start.len(), "YYYY-MM-DD HH:MM:SS".len());
    // start_method / processed are not vars.
    assert!(!first.contains_key("start_method"));
}

#[tokio::test]
async fn vars_projection() {
    let mock = start_with_fixture().await;
    let records = mock
        .records("vars=COMPUTER_NAME,DATE_START,HAS_VIDEOS")
        .await;
    for r in &records {
        let keys: Vec<&String> = r.as_object().unwrap().keys().collect();
        assert_eq!(keys.len(), 3);
        for k in ["computer_name", "date_start", "has_videos"] {
            assert!(r.get(k).is_some());
        }
    }
    // Spaces around names and repeats are tolerated.
    let records = mock.records("vars=ID,%20ID%20,CHAT_INFO").await;
    assert_eq!(records[0].as_object().unwrap().len(), 2);
}

#[tokio::test]
async fn query_and_json_body_give_the_same_answer() {
    let mock = start_with_fixture().await;
    let by_query = mock
        .records("vars=ID,CUSTOMER_NAME&FILTER_DATE_START_INI=2026-08-01%2000:00:00&FILTER_HAS_VIDEOS=true")
        .await;
    let body = json!({"vars": ["ID", "CUSTOMER_NAME"],
                      "filters": {"FILTER_DATE_START_INI": "2026-08-01 00:00:00", "FILTER_HAS_VIDEOS": true}});
    let resp = mock
        .client
        .get(mock.url("/rest/session/history"))
        .header("INTEGRATION-KEY", PRIVATE)
        .header("Content-Type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    let (status, by_body) = status_json(resp).await;
    assert_eq!(status, 200);
    assert_eq!(by_body["details"].as_array().unwrap(), &by_query);
    assert_eq!(
        ids(&by_query),
        expected(|r| r.has_videos && r.date_start.as_str() >= "2026-08-01 00:00:00")
    );
    assert!(!by_query.is_empty());
}

#[tokio::test]
async fn each_filter() {
    let mock = start_with_fixture().await;
    let fixture = shipped_fixture();
    let some = &fixture[7];

    let got = mock
        .records(&format!("vars=ID&FILTER_ID={}", some.id))
        .await;
    assert_eq!(ids(&got), vec![some.id]);

    let got = mock.records("vars=ID&FILTER_DATE_START_INI=2026-09-01+00:00:00&FILTER_DATE_START_END=2026-09-30+23:59:59").await;
    assert_eq!(
        ids(&got),
        expected(|r| r.date_start.as_str() >= "2026-09-01 00:00:00"
            && r.date_start.as_str() <= "2026-09-30 23:59:59")
    );
    assert!(!got.is_empty());
    // Bounds are inclusive.
    let exact = format!(
        "FILTER_DATE_START_INI={0}&FILTER_DATE_START_END={0}",
        some.date_start.replace(' ', "%20")
    );
    assert_eq!(
        ids(&mock.records(&format!("vars=ID&{exact}")).await),
        expected(|r| r.date_start == some.date_start)
    );

    // Text filters: case-insensitive substring, Unicode included.
    let got = mock.records("vars=ID&FILTER_CUSTOMER_NAME=zo%C3%AB").await;
    assert_eq!(
        ids(&got),
        expected(|r| r.customer_name.to_lowercase().contains("zoë"))
    );
    assert!(!got.is_empty());
    let got = mock
        .records("vars=ID&FILTER_CUSTOMER_NAME=%E5%B1%B1%E7%94%B0")
        .await; // 山田
    assert_eq!(ids(&got), expected(|r| r.customer_name.contains("山田")));
    assert!(!got.is_empty());
    let got = mock
        .records("vars=ID&FILTER_CUSTOMER_EMAIL=EXAMPLE.FR")
        .await;
    assert_eq!(
        ids(&got),
        expected(|r| r.customer_email.contains("example.fr"))
    );
    assert!(!got.is_empty());
    let got = mock
        .records(&format!(
            "vars=ID&FILTER_COMPUTER_NAME={}",
            some.computer_name
        ))
        .await;
    assert_eq!(
        ids(&got),
        expected(|r| r.computer_name.contains(&some.computer_name))
    );
    let got = mock
        .records("vars=ID&FILTER_TECH_USERNAME=alice.martin@example.com")
        .await;
    assert_eq!(
        ids(&got),
        expected(|r| r.tech_username == "alice.martin@example.com")
    );
    assert!(!got.is_empty());

    // Start method and processed: ALL or an exact value.
    assert_eq!(
        mock.records("vars=ID&FILTER_START_METHOD=ALL&FILTER_PROCESSED=ALL")
            .await
            .len(),
        fixture.len()
    );
    let got = mock.records("vars=ID&FILTER_START_METHOD=PIN").await;
    assert_eq!(ids(&got), expected(|r| r.start_method == "PIN"));
    assert!(!got.is_empty());
    let got = mock.records("vars=ID&FILTER_PROCESSED=NOT_ANSWERED").await;
    assert_eq!(ids(&got), expected(|r| r.processed == "NOT_ANSWERED"));
    assert!(!got.is_empty());

    let with = mock.records("vars=ID&FILTER_HAS_VIDEOS=true").await;
    let without = mock.records("vars=ID&FILTER_HAS_VIDEOS=false").await;
    assert_eq!(ids(&with), expected(|r| r.has_videos));
    assert_eq!(with.len() + without.len(), fixture.len());
    assert!(!with.is_empty());

    // Filters combine with AND.
    let got = mock
        .records("vars=ID&FILTER_HAS_VIDEOS=true&FILTER_TECH_USERNAME=bruno")
        .await;
    assert_eq!(
        ids(&got),
        expected(|r| r.has_videos && r.tech_username.contains("bruno"))
    );
}

#[tokio::test]
async fn unknown_vars_filters_and_bad_values_are_400() {
    let mock = start_with_fixture().await;
    for (query, named) in [
        ("vars=ID,NOPE", "NOPE"),
        ("vars=id", "id"),
        ("FILTER_BOGUS=1", "FILTER_BOGUS"),
        ("limit=5", "limit"),
        ("FILTER_DATE_START_INI=2026-01-01", "FILTER_DATE_START_INI"),
        (
            "FILTER_DATE_START_END=2026-02-30%2000:00:00",
            "FILTER_DATE_START_END",
        ),
        ("FILTER_ID=abc", "FILTER_ID"),
        ("FILTER_HAS_VIDEOS=maybe", "FILTER_HAS_VIDEOS"),
        ("FILTER_ID=1&FILTER_ID=2", "FILTER_ID"),
    ] {
        assert_400_naming(mock.history(query).await, named).await;
    }
    for (body, named) in [
        ("{", "body"),
        ("[]", "body"),
        (r#"{"vars":"ID,NOPE"}"#, "NOPE"),
        (r#"{"vars":[1]}"#, "vars"),
        (r#"{"filters":{"FILTER_NOPE":1}}"#, "FILTER_NOPE"),
        (r#"{"filters":[]}"#, "filters"),
        (r#"{"filters":{"FILTER_ID":[1]}}"#, "FILTER_ID"),
    ] {
        let resp = mock
            .client
            .get(mock.url("/rest/session/history"))
            .header("INTEGRATION-KEY", PRIVATE)
            .body(body)
            .send()
            .await
            .unwrap();
        assert_400_naming(resp, named).await;
    }
}

#[tokio::test]
async fn created_sessions_join_the_history() {
    let mock = start_with_fixture().await;
    let n = shipped_fixture().len();
    mock.create(&json!({"customer_name": "Nouveau Client"}))
        .await;
    let all = mock.records("vars=ID,CUSTOMER_NAME,DATE_END").await;
    assert_eq!(all.len(), n + 1);
    let last = all.last().unwrap();
    assert_eq!(last["customer_name"], "Nouveau Client");
    assert_eq!(last["date_end"], Value::Null);
    let waiting = mock
        .records("vars=ID&FILTER_PROCESSED=WAITING&FILTER_START_METHOD=API")
        .await;
    assert_eq!(waiting.len(), 1);
}
