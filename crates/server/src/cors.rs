//! CORS for the sites allowed to call the collector, with [`tower_http::cors::CorsLayer`]: an
//! allowed origin gets `Access-Control-Allow-Origin` (its own origin back, never credentials,
//! `Vary: origin`), the methods GET and POST, the request headers `content-type` and
//! `if-none-match`, `etag` and `retry-after` exposed, and preflights cached for a day.
//!
//! [`refuse_foreign_preflight`] stands in front of it: a preflight from any origin not allowed
//! (or from none) is refused with `403 origin_not_allowed`, and an allowed one is answered
//! `204 No Content`.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tower_http::cors::{AllowOrigin, CorsLayer};

use crate::error::ApiError;

/// How long a browser may keep a preflight's answer.
const PREFLIGHT_MAX_AGE: Duration = Duration::from_secs(86_400);

/// The origins whose pages may call the collector (`--allow-origin`).
pub(crate) struct AllowedOrigins {
    /// `*` was given: any origin.
    any: bool,
    /// The origins given, without a trailing `/`.
    origins: Vec<String>,
}

impl AllowedOrigins {
    pub(crate) fn new(allow: &[String]) -> AllowedOrigins {
        AllowedOrigins {
            any: allow.iter().any(|o| o == "*"),
            origins: allow.iter().map(|o| o.trim_end_matches('/').to_string()).collect(),
        }
    }

    /// Whether a request's `Origin` may call the collector.
    fn allow(&self, origin: &HeaderValue) -> bool {
        origin.to_str().is_ok_and(|origin| self.any || self.origins.iter().any(|o| o == origin))
    }

    /// The CORS layer for these origins.
    pub(crate) fn layer(self: &Arc<Self>) -> CorsLayer {
        let origins = Arc::clone(self);
        CorsLayer::new()
            .allow_origin(AllowOrigin::predicate(move |origin, _| origins.allow(origin)))
            .allow_methods([Method::GET, Method::POST])
            .allow_headers([header::CONTENT_TYPE, header::IF_NONE_MATCH])
            .expose_headers([header::ETAG, header::RETRY_AFTER])
            .max_age(PREFLIGHT_MAX_AGE)
            .allow_credentials(false)
            .vary([header::ORIGIN])
    }
}

/// In front of the CORS layer: a preflight (`OPTIONS`) from an origin not allowed gets
/// `403 origin_not_allowed`; an allowed one gets the CORS layer's headers with `204`.
pub(crate) async fn refuse_foreign_preflight(
    State(origins): State<Arc<AllowedOrigins>>,
    request: Request,
    next: Next,
) -> Response {
    if request.method() != Method::OPTIONS {
        return next.run(request).await;
    }
    if !request.headers().get(header::ORIGIN).is_some_and(|origin| origins.allow(origin)) {
        return ApiError::OriginNotAllowed.into_response();
    }
    let mut response = next.run(request).await;
    *response.status_mut() = StatusCode::NO_CONTENT;
    response
}

/// The routes' `OPTIONS`: the CORS layer answers every preflight before routing, so this is
/// never reached; it is routed so that a `405`'s `Allow` names OPTIONS.
pub(crate) async fn preflight() -> StatusCode {
    StatusCode::NO_CONTENT
}
