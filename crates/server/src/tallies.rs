//! `GET /v1/tallies/{bundle}`: each tool's counts, read from the database after a write (or a
//! second, for other collectors' writes) and served from memory in between, with an ETag.

use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

use super::{problem, unix_seconds, Shared};
use verdicts_catalog::vote_protocol::Tallies;

/// A bundle's tallies, as last read.
pub(super) struct CachedTallies {
    body: Arc<String>,
    etag: String,
    generation: u64,
    read_at: Instant,
}

/// Tallies read longer ago than this are read again, so that votes taken by other collectors
/// on the same PostgreSQL database show within a second.
const TALLY_FRESHNESS: Duration = Duration::from_secs(1);

/// RFC 3339 UTC, to the second.
pub fn rfc3339(unix: i64) -> String {
    let (days, secs) = (unix.div_euclid(86_400), unix.rem_euclid(86_400));
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", secs / 3600, secs % 3600 / 60, secs % 60)
}

async fn read_tallies(shared: &Shared, bundle: &str) -> Result<(Arc<String>, String), String> {
    let generation = shared.generation.load(Ordering::Acquire);
    if let Ok(cache) = shared.tallies.lock() {
        if let Some(c) = cache.get(bundle) {
            if c.generation == generation && c.read_at.elapsed() < TALLY_FRESHNESS {
                return Ok((c.body.clone(), c.etag.clone()));
            }
        }
    }
    let tools = shared.store.tallies(bundle).await?;
    let votes = tools.values().map(|c| c.ship + c.skip).sum();
    let counts = serde_json::to_string(&tools).map_err(|e| e.to_string())?;
    // The tag follows the counts, not the time they were read at.
    let etag = format!("\"{}\"", verdicts_catalog::bundle::content_hash(&counts));
    let body = Arc::new(
        serde_json::to_string(&Tallies { tools, votes, as_of: rfc3339(unix_seconds()) }).map_err(|e| e.to_string())?,
    );
    if let Ok(mut cache) = shared.tallies.lock() {
        cache.insert(
            bundle.to_string(),
            CachedTallies { body: body.clone(), etag: etag.clone(), generation, read_at: Instant::now() },
        );
    }
    Ok((body, etag))
}

pub(super) async fn get_tallies(
    State(shared): State<Arc<Shared>>,
    Path(bundle): Path<String>,
    headers: HeaderMap,
) -> Response {
    let known = shared.bundle.current();
    if bundle != known.id {
        return problem(
            StatusCode::NOT_FOUND,
            "unknown_bundle",
            format!("This collector has tallies for the bundle “{}” only.", known.id),
        );
    }
    let (body, etag) = match read_tallies(&shared, &bundle).await {
        Ok(read) => read,
        Err(e) => {
            eprintln!("verdicts-collector: tallies could not be read: {e}");
            return problem(
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable",
                "The tallies could not be read; try again.",
            );
        }
    };
    let cache = [(header::CACHE_CONTROL, "public, max-age=30".to_string()), (header::ETAG, etag.clone())];
    let matches = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    if matches {
        return (StatusCode::NOT_MODIFIED, cache).into_response();
    }
    (StatusCode::OK, cache, [(header::CONTENT_TYPE, "application/json".to_string())], body.to_string()).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_rfc3339() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_795_000_000), "2026-11-18T11:06:40Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
    }
}
