//! 1,000 concurrent creates over loopback: none lost, each queue size seen once.

mod common;

use std::collections::HashSet;

use common::*;
use futures_util::stream::{self, StreamExt};
use serde_json::{json, Value};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_concurrent_creates_are_all_stored() {
    const N: usize = 1000;
    let mock = start().await;
    let results: Vec<(u16, u64)> = stream::iter(0..N)
        .map(|i| {
            let mock = &mock;
            async move {
                let resp = mock
                    .create(&json!({"customer_name": format!("Customer {i}"), "customer_number": i.to_string()}))
                    .await;
                let status = resp.status().as_u16();
                let body: Value = resp.json().await.unwrap_or(Value::Null);
                (status, body["details"]["nrequests"].as_u64().unwrap_or(0))
            }
        })
        .buffer_unordered(64)
        .collect()
        .await;
    assert!(results.iter().all(|(s, _)| *s == 200));
    let sizes: HashSet<u64> = results.iter().map(|(_, n)| *n).collect();
    assert_eq!(sizes.len(), N, "each create saw a distinct queue size");
    assert_eq!(sizes.iter().max().copied(), Some(N as u64));

    let sessions = mock.admin_get("/__admin/sessions").await;
    let sessions = sessions.as_array().unwrap();
    assert_eq!(sessions.len(), N);
    let ids: HashSet<u64> = sessions.iter().map(|s| s["id"].as_u64().unwrap()).collect();
    assert_eq!(ids.len(), N);
    let numbers: HashSet<&str> = sessions
        .iter()
        .map(|s| s["customer_number"].as_str().unwrap())
        .collect();
    assert_eq!(numbers.len(), N);
    assert_eq!(mock.records("vars=ID").await.len(), N);
    assert_eq!(mock.requests().await.len(), N + 1);
}
