//! The router: the emulated API under `/rest`, the admin API under
//! `/__admin`, JSON 404/405 answers, the `/rest` front door and CORS.

pub mod admin;
pub mod fallback;
pub mod history;
pub mod session;

use axum::routing::{get, post};
use axum::Router;

use crate::state::AppState;
use crate::{cors, intercept};

/// Every route of the mock over `state`.
pub fn router(state: AppState) -> Router {
    let routes = Router::new()
        .route("/rest/session", post(session::create))
        .route("/rest/session/history", get(history::history))
        .merge(admin::routes())
        .fallback(fallback::not_found)
        .method_not_allowed_fallback(fallback::method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            intercept::rest_front_door,
        ))
        .with_state(state);
    cors::apply(routes)
}
