//! Stalled answers: the first bytes of a body, then nothing until the client
//! goes away or the server shuts down (the connection is then cut, never
//! completed).

use axum::body::{Body, Bytes};
use futures_util::stream::{self, StreamExt};
use tokio::sync::watch;

use crate::state::shutdown_signalled;

/// A streamed (chunked) body that sends the first `n` bytes of `bytes`,
/// then hangs until shutdown, when it fails.
pub fn body(mut bytes: Vec<u8>, n: usize, shutdown: watch::Receiver<bool>) -> Body {
    bytes.truncate(n);
    let head = Bytes::from(bytes);
    let first = stream::iter((!head.is_empty()).then_some(Ok::<Bytes, std::io::Error>(head)));
    let never_done = stream::once(async move {
        shutdown_signalled(shutdown).await;
        Err(std::io::Error::other(
            "server shutting down during a stalled answer",
        ))
    });
    Body::from_stream(first.chain(never_done))
}
