//! The one handler every request goes through: read it for the core, then
//! perform the core's step with tokio (wait, send, stall).

use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::response::Response;
use axum::Router;
use takecontrol_mock_core::{Action, Exchange, Step};

use crate::state::{shutdown_signalled, AppState};
use crate::{convert, stall};

/// Every path and method, answered by [`answer`].
pub fn router(state: AppState) -> Router {
    Router::new().fallback(answer).with_state(state)
}

/// Reads the request (its body only as far as the core allows), asks the
/// core, and performs its step.
async fn answer(State(state): State<AppState>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let mut request = convert::request(&parts);
    if let Some(limit) = request.body_to_read() {
        request.body = axum::body::to_bytes(body, limit).await.ok().map(Vec::from);
    }
    match state.handle(request) {
        Step::Answer(exchange) => send(&state, exchange),
        Step::Delay { ms, pending } => {
            // A client that leaves during the wait drops this future, and
            // with it the request: the core never handles it.
            tokio::select! {
                () = tokio::time::sleep(Duration::from_millis(ms)) => {
                    send(&state, state.resume(pending))
                }
                () = shutdown_signalled(state.shutdown.subscribe()) => {
                    send(&state, pending.cut_short())
                }
            }
        }
    }
}

/// Sends an answer whole, or stalled as the core says.
fn send(state: &AppState, exchange: Exchange) -> Response {
    let Exchange {
        mut response,
        action,
    } = exchange;
    let bytes = std::mem::take(&mut response.body);
    let body = match action {
        Action::Send => Body::from(bytes),
        Action::Stall { after_bytes } => {
            stall::body(bytes, after_bytes, state.shutdown.subscribe())
        }
    };
    convert::response(&response, body)
}
