//! `GET /v1/tallies/{bundle}`: each tool's counted votes (and, under `held`, the votes held
//! back from a burst, until reviewed or released), read from the database after a write (or a
//! second, for other collectors' writes) and served from memory in between, with an ETag.

use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::error::ApiError;
use crate::{unix_seconds, Shared};
use verdicts_catalog::vote_protocol::Tallies;

/// A bundle's tallies, as last read.
pub(crate) struct CachedTallies {
    body: Arc<String>,
    etag: String,
    generation: u64,
    read_at: Instant,
}

/// Tallies read longer ago than this are read again, so that votes taken by other collectors
/// on the same PostgreSQL database show within a second.
const TALLY_FRESHNESS: Duration = Duration::from_secs(1);

/// The earliest and latest times RFC 3339 can write (years 0000 to 9999).
const RFC3339_SECONDS: std::ops::RangeInclusive<i64> = -62_167_219_200..=253_402_300_799;

/// RFC 3339 UTC, to the second (`2026-11-18T11:06:40Z`); a time outside the years 0000 to 9999
/// is written as the nearest one inside.
pub fn rfc3339(unix: i64) -> String {
    let unix = unix.clamp(*RFC3339_SECONDS.start(), *RFC3339_SECONDS.end());
    OffsetDateTime::from_unix_timestamp(unix).ok().and_then(|t| t.format(&Rfc3339).ok()).unwrap_or_default()
}

/// The cached tallies of `bundle`, if still fresh.
fn cached(shared: &Shared, bundle: &str, generation: u64) -> Option<(Arc<String>, String)> {
    let cache = shared.tallies.lock().ok()?;
    let c = cache.get(bundle)?;
    (c.generation == generation && c.read_at.elapsed() < TALLY_FRESHNESS).then(|| (c.body.clone(), c.etag.clone()))
}

async fn read_tallies(shared: &Shared, bundle: &str) -> Result<(Arc<String>, String), String> {
    let generation = shared.generation.load(Ordering::Acquire);
    if let Some(fresh) = cached(shared, bundle, generation) {
        return Ok(fresh);
    }
    // One reading at a time: the requests that missed together wait for it rather than all
    // asking the database the same question.
    let _reading = shared.reading_tallies.lock().await;
    let generation = shared.generation.load(Ordering::Acquire);
    if let Some(fresh) = cached(shared, bundle, generation) {
        return Ok(fresh);
    }
    let now = unix_seconds();
    let (tools, held) = shared.store.tallies_at(bundle, now).await?;
    let votes = tools.values().map(|c| c.ship + c.skip).sum();
    let counts = serde_json::to_string(&(&tools, &held)).map_err(|e| e.to_string())?;
    // The tag follows the counts, not the time they were read at.
    let etag = format!("\"{}\"", verdicts_catalog::bundle::content_hash(&counts));
    let body = Arc::new(
        serde_json::to_string(&Tallies { tools, held, votes, as_of: rfc3339(now) }).map_err(|e| e.to_string())?,
    );
    if let Ok(mut cache) = shared.tallies.lock() {
        cache.insert(
            bundle.to_string(),
            CachedTallies { body: body.clone(), etag: etag.clone(), generation, read_at: Instant::now() },
        );
    }
    Ok((body, etag))
}

pub(crate) async fn get_tallies(
    State(shared): State<Arc<Shared>>,
    Path(bundle): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let known = shared.bundle.current();
    if bundle != known.id {
        return Err(ApiError::TalliesOfAnotherBundle { known: known.id.clone() });
    }
    let (body, etag) = read_tallies(&shared, &bundle).await.map_err(|cause| ApiError::TalliesNotRead { cause })?;
    let cache = [(header::CACHE_CONTROL, "public, max-age=30".to_string()), (header::ETAG, etag.clone())];
    let matches = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    if matches {
        return Ok((StatusCode::NOT_MODIFIED, cache).into_response());
    }
    Ok((StatusCode::OK, cache, [(header::CONTENT_TYPE, "application/json".to_string())], body.to_string())
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_rfc3339() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_795_000_000), "2026-11-18T11:06:40Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(-1), "1969-12-31T23:59:59Z");
        assert_eq!(rfc3339(i64::MAX), "9999-12-31T23:59:59Z");
        assert_eq!(rfc3339(i64::MIN), "0000-01-01T00:00:00Z");
    }
}
