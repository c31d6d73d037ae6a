//! Between axum's types and the core's: a request head in, an answer out.

use axum::body::Body;
use axum::http::header::HOST;
use axum::http::request::Parts;
use axum::http::{HeaderName, HeaderValue, StatusCode};
use takecontrol_mock_core as stand_in;

/// The core's view of a request head, received over HTTP; the body is
/// read separately. An HTTP/2 request names its host in `:authority`,
/// which the core sees as `host`.
pub fn request(parts: &Parts) -> stand_in::Request {
    let mut headers: Vec<(String, String)> = parts
        .headers
        .iter()
        .map(|(name, value)| {
            let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
            (name.as_str().to_owned(), value)
        })
        .collect();
    if !parts.headers.contains_key(HOST) {
        if let Some(authority) = parts.uri.authority() {
            headers.push(("host".to_owned(), authority.as_str().to_owned()));
        }
    }
    stand_in::Request {
        method: parts.method.to_string(),
        path: parts.uri.path().to_owned(),
        query: parts.uri.query().unwrap_or("").to_owned(),
        headers,
        body: None,
        transport: stand_in::Transport::Http,
    }
}

/// An axum answer with the core's status and headers and the given body.
/// (The core only sends valid names and values; any other is left out.)
pub fn response(answer: &stand_in::Response, body: Body) -> axum::response::Response {
    let mut response = axum::response::Response::new(body);
    *response.status_mut() =
        StatusCode::from_u16(answer.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    for (name, value) in &answer.headers {
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            response.headers_mut().append(name, value);
        }
    }
    response
}
