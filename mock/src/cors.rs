//! CORS for every route, errors and injected faults included: any origin,
//! the methods and headers the API uses, `Retry-After` exposed to pages.

use std::time::Duration;

use axum::http::header::{ACCESS_CONTROL_EXPOSE_HEADERS, CONTENT_TYPE, RETRY_AFTER};
use axum::http::{HeaderName, HeaderValue, Method};
use axum::response::Response;
use axum::Router;
use tower_http::cors::{Any, CorsLayer};

/// How long a browser may cache a preflight answer, in seconds.
pub const MAX_AGE_SECS: u64 = 600;

/// The CORS layer: `Access-Control-Allow-Origin: *`; preflights (`OPTIONS`)
/// are answered here, before routing, so they never reach the request log.
/// Chrome's private-network preflights (a public page calling loopback) are allowed.
pub fn layer() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET, Method::POST, Method::DELETE, Method::OPTIONS])
        .allow_headers([HeaderName::from_static("integration-key"), CONTENT_TYPE])
        .expose_headers([RETRY_AFTER])
        .max_age(Duration::from_secs(MAX_AGE_SECS))
        .allow_private_network(true)
}

/// Adds `Access-Control-Expose-Headers: Retry-After` where the CORS layer did
/// not (it leaves it off preflight answers; having it there is harmless).
async fn expose_everywhere(mut response: Response) -> Response {
    response
        .headers_mut()
        .entry(ACCESS_CONTROL_EXPOSE_HEADERS)
        .or_insert(HeaderValue::from_static("retry-after"));
    response
}

/// Wraps a router (as its outermost layers) in CORS.
pub fn apply(router: Router) -> Router {
    router
        .layer(layer())
        .layer(axum::middleware::map_response(expose_everywhere))
}
