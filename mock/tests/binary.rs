//! The binary itself: the listening line, the key lines (non-default keys
//! hidden), and a clean exit (code 0) on SIGTERM and SIGINT.

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_takecontrol-mock");

struct Running {
    child: Child,
    port: u16,
    lines: Vec<String>,
    stdout: BufReader<std::process::ChildStdout>,
}

fn spawn(envs: &[(&str, &str)], args: &[&str]) -> Running {
    let mut cmd = Command::new(BIN);
    cmd.args(["--addr", "127.0.0.1:0"])
        .args(args)
        .env_remove("TAKECONTROL_MOCK_ADDR")
        .env_remove("TAKECONTROL_MOCK_PUBLIC_KEY")
        .env_remove("TAKECONTROL_MOCK_PRIVATE_KEY")
        .env_remove("TAKECONTROL_MOCK_FIXTURE")
        .env_remove("TAKECONTROL_MOCK_ADMIN_TOKEN")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("spawn the mock");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let mut lines = Vec::new();
    for _ in 0..4 {
        let mut line = String::new();
        stdout.read_line(&mut line).expect("read a line");
        lines.push(line.trim_end().to_owned());
    }
    let port = lines[0]
        .strip_prefix("takecontrol-mock listening on http://127.0.0.1:")
        .unwrap_or_else(|| panic!("unexpected first line {:?}", lines[0]))
        .parse()
        .expect("a port");
    Running {
        child,
        port,
        lines,
        stdout,
    }
}

fn wait_exit(child: &mut Child) -> std::process::ExitStatus {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        if let Some(status) = child.try_wait().expect("try_wait") {
            return status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("the mock did not exit after the signal");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn signal(child: &Child, sig: libc::c_int) {
    let pid = libc::pid_t::try_from(child.id()).expect("pid");
    // SAFETY: sends a signal to our own child process.
    assert_eq!(unsafe { libc::kill(pid, sig) }, 0);
}

async fn get_status(port: u16, path: &str) -> u16 {
    reqwest::get(format!("http://127.0.0.1:{port}{path}"))
        .await
        .expect("request")
        .status()
        .as_u16()
}

#[tokio::test]
async fn prints_the_listening_line_and_exits_0_on_sigterm() {
    let mut run = spawn(&[], &[]);
    assert_eq!(run.lines[1], "public key: demo-public-key (demo default)");
    assert_eq!(run.lines[2], "private key: demo-private-key (demo default)");
    assert_eq!(get_status(run.port, "/nope").await, 404);
    signal(&run.child, libc::SIGTERM);
    let status = wait_exit(&mut run.child);
    assert_eq!(status.code(), Some(0));
}

#[tokio::test]
async fn exits_0_on_sigint_even_with_a_stalled_answer_open() {
    let mut run = spawn(&[], &[]);
    let client = reqwest::Client::new();
    let base = format!("http://127.0.0.1:{}", run.port);
    // The printed token lets in a body of any content type.
    let token = run.lines[3]
        .strip_prefix("admin token: ")
        .unwrap_or_else(|| panic!("no admin token line: {:?}", run.lines));
    assert_eq!(token.len(), 32);
    let resp = client
        .post(format!("{base}/__admin/faults"))
        .header("X-Admin-Token", token)
        .body(r#"{"status":200,"body":"abcdef","stall_after_bytes":2}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let stalled = client
        .post(format!("{base}/rest/session"))
        .header("INTEGRATION-KEY", "demo-public-key")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(stalled.status(), 200);
    signal(&run.child, libc::SIGINT);
    let t = Instant::now();
    let status = tokio::task::spawn_blocking(move || wait_exit(&mut run.child))
        .await
        .unwrap();
    assert_eq!(status.code(), Some(0));
    assert!(
        t.elapsed() < Duration::from_secs(4),
        "stalls are cut at shutdown"
    );
    drop(stalled);
}

#[tokio::test]
async fn never_prints_non_default_keys() {
    let mut run = spawn(
        &[("TAKECONTROL_MOCK_PUBLIC_KEY", "pub-SECRET-1")],
        &["--private-key", "priv-SECRET-2"],
    );
    assert_eq!(run.lines[1], "public key: (set, hidden)");
    assert_eq!(run.lines[2], "private key: (set, hidden)");
    assert!(run.lines[3].starts_with("admin token: "), "{:?}", run.lines);
    let client = reqwest::Client::new();
    let base = format!("http://127.0.0.1:{}", run.port);
    let ok = client
        .post(format!("{base}/rest/session"))
        .header("INTEGRATION-KEY", "pub-SECRET-1")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 200);
    let demo = client
        .post(format!("{base}/rest/session"))
        .header("INTEGRATION-KEY", "demo-public-key")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(demo.status(), 403);
    signal(&run.child, libc::SIGTERM);
    assert_eq!(wait_exit(&mut run.child).code(), Some(0));
    let mut out = String::new();
    run.stdout.read_to_string(&mut out).unwrap();
    let mut err = String::new();
    run.child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    for text in [&out, &err] {
        assert!(!text.contains("SECRET"), "{text}");
    }
    // --help shows no key values from the environment either.
    let help = Command::new(BIN)
        .arg("--help")
        .env("TAKECONTROL_MOCK_PUBLIC_KEY", "pub-SECRET-3")
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&help.stdout).contains("SECRET"));
}

#[tokio::test]
async fn an_admin_token_given_is_required_from_pages_and_never_printed() {
    for (envs, args) in [
        (
            &[("TAKECONTROL_MOCK_ADMIN_TOKEN", "tok-SECRET-1")][..],
            &[][..],
        ),
        (&[][..], &["--admin-token", "tok-SECRET-1"][..]),
    ] {
        let mut run = spawn(envs, args);
        assert_eq!(run.lines[3], "admin token: (set, hidden)");
        let client = reqwest::Client::new();
        let url = format!("http://127.0.0.1:{}/__admin/requests", run.port);
        let page = |token: Option<&str>| {
            let mut req = client.get(&url).header("Origin", "https://evil.example");
            if let Some(token) = token {
                req = req.header("X-Admin-Token", token);
            }
            req.send()
        };
        assert_eq!(page(None).await.unwrap().status(), 403);
        assert_eq!(page(Some("tok-SECRET-2")).await.unwrap().status(), 403);
        let ok = page(Some("tok-SECRET-1")).await.unwrap();
        assert_eq!(ok.status(), 200);
        assert_eq!(ok.headers()["access-control-allow-origin"], "*");
        signal(&run.child, libc::SIGTERM);
        assert_eq!(wait_exit(&mut run.child).code(), Some(0));
        let mut out = String::new();
        run.stdout.read_to_string(&mut out).unwrap();
        assert!(!out.contains("SECRET"), "{out}");
    }
    let bad = Command::new(BIN)
        .args(["--addr", "127.0.0.1:0", "--admin-token", "has space"])
        .env_remove("TAKECONTROL_MOCK_ADMIN_TOKEN")
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

#[tokio::test]
async fn loads_a_fixture_and_refuses_a_bad_one() {
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/history.json");
    let mut run = spawn(&[("TAKECONTROL_MOCK_FIXTURE", fixture)], &[]);
    let resp = reqwest::Client::new()
        .get(format!(
            "http://127.0.0.1:{}/rest/session/history?vars=ID",
            run.port
        ))
        .header("INTEGRATION-KEY", "demo-private-key")
        .send()
        .await
        .unwrap();
    let body: serde_json::Value = resp.json().await.unwrap();
    assert!(body["details"].as_array().unwrap().len() >= 30);
    signal(&run.child, libc::SIGTERM);
    assert_eq!(wait_exit(&mut run.child).code(), Some(0));

    let bad = Command::new(BIN)
        .args([
            "--addr",
            "127.0.0.1:0",
            "--fixture",
            "/nonexistent/history.json",
        ])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("fixture"));
}

#[tokio::test]
async fn a_reader_that_goes_away_does_not_stop_it_and_it_still_exits_0() {
    let mut run = spawn(&[], &[]);
    // Close the pipe, as `| head -3` does once it has its lines: the
    // "stopped" line then has no reader.
    drop(run.stdout);
    assert_eq!(get_status(run.port, "/nope").await, 404);
    signal(&run.child, libc::SIGTERM);
    let status = wait_exit(&mut run.child);
    let mut stderr = String::new();
    if let Some(mut err) = run.child.stderr.take() {
        let _ = err.read_to_string(&mut stderr);
    }
    assert_eq!(status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}
