//! The `takecontrol-mock` binary: reads flags (or their environment
//! variables), binds, prints the listening line and serves until SIGINT or
//! SIGTERM, then stops gracefully with exit code 0.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use takecontrol_mock::keys::{self, DEFAULT_PRIVATE_KEY, DEFAULT_PUBLIC_KEY};
use takecontrol_mock::token::{self, AdminToken};
use takecontrol_mock::{fixture, serve, Config};
use tokio::net::TcpListener;

/// A line on standard output, dropped when no one reads it any more (a
/// reader that went away, `| head -1`, must not stop the server).
macro_rules! say {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

/// Local stand-in for N-able Take Control's REST Session API.
#[derive(Debug, Parser)]
#[command(name = "takecontrol-mock", version, about)]
struct Cli {
    /// Address to listen on (port 0 picks a free port).
    #[arg(long, env = "TAKECONTROL_MOCK_ADDR", default_value = "127.0.0.1:8787")]
    addr: String,

    /// Key accepted by POST /rest/session.
    #[arg(long, env = "TAKECONTROL_MOCK_PUBLIC_KEY", default_value = DEFAULT_PUBLIC_KEY, hide_env_values = true)]
    public_key: String,

    /// Key accepted by GET /rest/session/history.
    #[arg(long, env = "TAKECONTROL_MOCK_PRIVATE_KEY", default_value = DEFAULT_PRIVATE_KEY, hide_env_values = true)]
    private_key: String,

    /// JSON file of history records to preload (array of objects with
    /// upper-case var names as keys, e.g. mock/fixtures/history.json).
    #[arg(long, env = "TAKECONTROL_MOCK_FIXTURE")]
    fixture: Option<PathBuf>,

    /// Move the fixture's dates by whole days so that its newest session
    /// started yesterday (keeps demos of "last week" meaningful).
    #[arg(long, env = "TAKECONTROL_MOCK_FIXTURE_RECENT")]
    fixture_recent: bool,

    /// Token a caller sends in X-Admin-Token to use /__admin/* from a web
    /// page (default: random at each start, printed).
    #[arg(long, env = "TAKECONTROL_MOCK_ADMIN_TOKEN", hide_env_values = true)]
    admin_token: Option<String>,
}

#[tokio::main]
async fn main() -> ExitCode {
    match run(Cli::parse()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("takecontrol-mock: {message}");
            ExitCode::from(2)
        }
    }
}

async fn run(cli: Cli) -> Result<(), String> {
    if cli.public_key.is_empty() || cli.private_key.is_empty() {
        return Err("the keys must not be empty".to_owned());
    }
    if cli.public_key == cli.private_key {
        return Err("the public and private keys must differ".to_owned());
    }
    // A token given is the caller's to know: it is never printed.
    let (admin_token, token_line) = match cli.admin_token {
        Some(token) if AdminToken::new(&token).is_none() => {
            return Err("the admin token must be visible ASCII, without spaces".to_owned())
        }
        Some(token) => (token, "admin token: (set, hidden)".to_owned()),
        None => {
            let token = random_token()?;
            let line = format!("admin token: {token}");
            (token, line)
        }
    };
    let mut records = match &cli.fixture {
        Some(path) => fixture::load(path)?,
        None => Vec::new(),
    };
    if cli.fixture_recent {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        fixture::shift_to_recent(&mut records, now);
    }
    let listener = TcpListener::bind(&cli.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", cli.addr))?;
    let local = listener
        .local_addr()
        .map_err(|e| format!("cannot read the bound address: {e}"))?;
    let shutdown = shutdown_signal()?;
    say!("takecontrol-mock listening on http://{local}");
    say!(
        "{}",
        keys::describe("public key", &cli.public_key, DEFAULT_PUBLIC_KEY)
    );
    say!(
        "{}",
        keys::describe("private key", &cli.private_key, DEFAULT_PRIVATE_KEY)
    );
    say!("{token_line}");
    if let Some(path) = &cli.fixture {
        say!("fixture: {} records from {}", records.len(), path.display());
    }
    let config = Config {
        public_key: cli.public_key,
        private_key: cli.private_key,
        fixture: records,
        admin_token: Some(admin_token),
    };
    serve(listener, config, shutdown)
        .await
        .map_err(|e| format!("server error: {e}"))?;
    say!("takecontrol-mock stopped");
    Ok(())
}

/// A fresh admin token: 16 bytes from the system's random source, in hex.
fn random_token() -> Result<String, String> {
    let mut bytes = [0u8; 16];
    random_bytes(&mut bytes).map_err(|e| format!("cannot make an admin token: {e}"))?;
    Ok(token::hex(&bytes))
}

/// Fills `bytes` from the kernel's random source.
#[cfg(unix)]
fn random_bytes(bytes: &mut [u8]) -> std::io::Result<()> {
    use std::io::Read;
    std::fs::File::open("/dev/urandom")?.read_exact(bytes)
}

/// Fills `bytes` from std's randomly keyed hasher (seeded by the system's
/// random source).
#[cfg(not(unix))]
fn random_bytes(bytes: &mut [u8]) -> std::io::Result<()> {
    use std::hash::{BuildHasher, Hasher};
    for chunk in bytes.chunks_mut(8) {
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        hasher.write_u64(0);
        chunk.copy_from_slice(&hasher.finish().to_le_bytes()[..chunk.len()]);
    }
    Ok(())
}

/// Listens for SIGINT (Ctrl-C) and SIGTERM from now on, and resolves on the
/// first. Set up before the listening line is printed: a signal sent as soon
/// as a script sees that line must stop the server gracefully, not meet the
/// default disposition (which kills the process with no exit code).
fn shutdown_signal(
) -> Result<std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send>>, String> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let listen = |kind| signal(kind).map_err(|e| format!("cannot listen for signals: {e}"));
        let mut interrupt = listen(SignalKind::interrupt())?;
        let mut terminate = listen(SignalKind::terminate())?;
        Ok(Box::pin(async move {
            tokio::select! {
                _ = interrupt.recv() => {}
                _ = terminate.recv() => {}
            }
        }))
    }
    #[cfg(not(unix))]
    {
        Ok(Box::pin(async {
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
        }))
    }
}
