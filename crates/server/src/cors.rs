//! CORS for the sites allowed to call the collector: an allowed origin gets
//! `Access-Control-Allow-Origin` (never credentials); a preflight from any other is refused.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};

use super::{problem, Shared};

pub(super) async fn preflight() -> Response {
    // The CORS layer adds the allow headers for an allowed origin.
    StatusCode::NO_CONTENT.into_response()
}

fn origin_allowed(shared: &Shared, origin: &str) -> bool {
    shared.options.allow_origins.iter().any(|o| o == "*" || o.trim_end_matches('/') == origin)
}

/// CORS: an allowed origin gets `Access-Control-Allow-Origin` (never credentials); a preflight
/// from any other origin is refused.
pub(super) async fn cors(
    State(shared): State<Arc<Shared>>,
    request: Request,
    next: axum::middleware::Next,
) -> Response {
    let origin = request.headers().get(header::ORIGIN).and_then(|o| o.to_str().ok()).map(str::to_string);
    let allowed = origin.as_deref().filter(|o| origin_allowed(&shared, o)).map(str::to_string);
    if request.method() == Method::OPTIONS && allowed.is_none() {
        return problem(StatusCode::FORBIDDEN, "origin_not_allowed", "This origin may not send votes here.");
    }
    let preflight = request.method() == Method::OPTIONS;
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(header::VARY, HeaderValue::from_static("origin"));
    if let Some(origin) = allowed.and_then(|o| HeaderValue::from_str(&o).ok()) {
        headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        headers.insert(header::ACCESS_CONTROL_EXPOSE_HEADERS, HeaderValue::from_static("etag, retry-after"));
        if preflight {
            headers.insert(header::ACCESS_CONTROL_ALLOW_METHODS, HeaderValue::from_static("GET, POST"));
            headers
                .insert(header::ACCESS_CONTROL_ALLOW_HEADERS, HeaderValue::from_static("content-type, if-none-match"));
            headers.insert(header::ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("86400"));
        }
    }
    response
}
