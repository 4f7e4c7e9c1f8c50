//! Answering a request: a file of the folder, a page or image rendered on request, a redirect to
//! the canonical order, or the site's 404 page (the crate's documentation says in which order).

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use governor::clock::{Clock, DefaultClock};
use tower::ServiceExt;
use tower_http::services::ServeFile;

use crate::page_cache::Rendered;
use crate::published::Site;
use crate::request_path::site_path;
use crate::suggestions;
use crate::{Server, NOT_FOUND_CACHE_CONTROL, REDIRECT_CACHE_CONTROL, RENDERED_CACHE_CONTROL};
use verdicts_catalog::pages::oembed::OEMBED_FILE;
use verdicts_catalog::pages::{canonical_order, ids_from_path, page_path, Page, SEPARATOR};
use verdicts_catalog::percent::encode_component;
use verdicts_publish::{IMAGE_NAME, NOT_FOUND_PAGE};
use verdicts_server::limits::client_ip;

/// What a pair folder's request asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Asked {
    Page,
    Image,
    /// The page's oEmbed answer.
    OEmbed,
}

/// Every request.
pub(crate) async fn serve(
    State(server): State<Arc<Server>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: Request,
) -> Response {
    let site = server.current().await;
    let raw = request.uri().path().to_string();
    let query = request.uri().query().map(|q| format!("?{q}")).unwrap_or_default();
    let rel = match site_path(&raw, &site.mount) {
        Err(refused) => return (StatusCode::BAD_REQUEST, format!("{refused}\n")).into_response(),
        Ok(None) if raw == site.mount.trim_end_matches('/') && !raw.is_empty() => {
            return redirect(&format!("{}{query}", site.mount), REDIRECT_CACHE_CONTROL);
        }
        Ok(None) => return not_found_file(&site, request).await,
        Ok(Some(rel)) => rel,
    };
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        return (StatusCode::METHOD_NOT_ALLOWED, [(header::ALLOW, "GET, HEAD")]).into_response();
    }
    let file = site.dir.join(&rel);
    let file = if rel.is_empty() || rel.ends_with('/') { file.join("index.html") } else { file };
    match tokio::fs::metadata(&file).await {
        Ok(meta) if meta.is_file() => return static_file(&site, &rel, file, request).await,
        Ok(meta) if meta.is_dir() => return redirect(&format!("{raw}/{query}"), REDIRECT_CACHE_CONTROL),
        _ => {}
    }
    let (folder, asked) = match rel.split_once('/') {
        Some((folder, "" | "index.html")) => (folder, Asked::Page),
        Some((folder, IMAGE_NAME)) => (folder, Asked::Image),
        Some((folder, OEMBED_FILE)) => (folder, Asked::OEmbed),
        None if rel.contains(SEPARATOR) => return redirect(&format!("{raw}/{query}"), REDIRECT_CACHE_CONTROL),
        _ => return not_found_file(&site, request).await,
    };
    if !folder.contains(SEPARATOR) {
        return not_found_file(&site, request).await;
    }
    let catalog = site.catalog();
    let Some((first, second)) = ids_from_path(folder, catalog) else {
        return not_found_file(&site, request).await;
    };
    let client = client_ip(server.options.trust_forwarded_for, peer.ip(), request.headers());
    let pair = catalog.tool_index(&first).zip(catalog.tool_index(&second)).filter(|(a, b)| a != b);
    let Some((a, b)) = pair else {
        return not_found_with_suggestions(&server, site, client, first, second).await;
    };
    let (x, y) = canonical_order(catalog, a, b);
    let canonical = page_path(&catalog.tools()[x].id, &catalog.tools()[y].id);
    if (x, y) != (a, b) || canonical != format!("{folder}/") {
        // The reversed order (or another spelling of the folder): its canonical folder, with the
        // order asked for in the query, and the rest of the query kept.
        let location = match asked {
            Asked::Page => {
                format!("{}{canonical}{}", site.mount, reversed_query(&first, &second, &query, (x, y) != (a, b)))
            }
            Asked::Image => format!("{}{canonical}{IMAGE_NAME}", site.mount),
            Asked::OEmbed => format!("{}{canonical}{OEMBED_FILE}", site.mount),
        };
        return redirect(&location, REDIRECT_CACHE_CONTROL);
    }
    let page = Page { first: a, second: b, path: canonical.clone(), canonical };
    let rel = match asked {
        Asked::Page => page.path.clone(),
        Asked::Image => format!("{}{IMAGE_NAME}", page.path),
        Asked::OEmbed => format!("{}{OEMBED_FILE}", page.path),
    };
    rendered(&server, site, client, page, asked, &rel, request.headers()).await
}

/// The query of a redirect from a pair's reversed order: `a` and `b` in the order asked for,
/// then the rest as it was (a query naming both keeps them).
fn reversed_query(first: &str, second: &str, query: &str, reversed: bool) -> String {
    let rest = query.strip_prefix('?').unwrap_or(query);
    let names = |p: &&str| matches!(p.split('=').next(), Some("a" | "b"));
    if !reversed || rest.split('&').filter(names).count() >= 2 {
        return query.to_string();
    }
    let mut parts = vec![format!("a={}", encode_component(first)), format!("b={}", encode_component(second))];
    parts.extend(rest.split('&').filter(|p| !p.is_empty() && !names(p)).map(str::to_string));
    format!("?{}", parts.join("&"))
}

/// A rendered page or image: from the cache, or rendered now (rate-limited, queued).
async fn rendered(
    server: &Arc<Server>,
    site: Arc<Site>,
    client: IpAddr,
    page: Page,
    asked: Asked,
    rel: &str,
    request_headers: &HeaderMap,
) -> Response {
    let key = format!("{}:{rel}", site.version());
    let hit = server.cache.lock().ok().and_then(|mut c| c.get(&key));
    let answer = match hit {
        Some(hit) => hit,
        None => {
            if let Err(wait) = take_render(server, client) {
                return too_many(wait);
            }
            let (render_site, render_server) = (site.clone(), server.clone());
            let work = move || -> Result<Rendered, String> {
                let done = match asked {
                    Asked::Page => render_site
                        .renderer
                        .render_pair(&page)
                        .map(|html| Rendered::new(html.into_bytes(), "text/html; charset=utf-8")),
                    Asked::Image => render_site
                        .renderer
                        .preview_png(&render_server.fonts, &page)
                        .map(|png| Rendered::new(png, "image/png")),
                    Asked::OEmbed => render_site
                        .renderer
                        .oembed_answer(&page)
                        .map(|json| Rendered::new(json.into_bytes(), "application/json"))
                        .ok_or_else(|| "no oEmbed answer".to_string()),
                };
                render_server.renders.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                done
            };
            match server.queue.run(work).await {
                Err(_busy) => return busy(),
                Ok(Err(e)) => {
                    tracing::error!("{rel} could not be rendered: {e}");
                    return (StatusCode::SERVICE_UNAVAILABLE, [(header::RETRY_AFTER, "5")], "could not render\n")
                        .into_response();
                }
                Ok(Ok(done)) => {
                    if let Ok(mut cache) = server.cache.lock() {
                        cache.offer(&key, client, &done, Instant::now());
                    }
                    done
                }
            }
        }
    };
    let mut headers = site_headers(&site, rel);
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(RENDERED_CACHE_CONTROL));
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(answer.content_type));
    if let Ok(etag) = HeaderValue::try_from(answer.etag.as_str()) {
        headers.insert(header::ETAG, etag);
    }
    let fresh = request_headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == answer.etag || t.trim() == "*"));
    if fresh {
        return (StatusCode::NOT_MODIFIED, headers).into_response();
    }
    (headers, Body::from(bytes_of(&answer))).into_response()
}

fn bytes_of(rendered: &Rendered) -> Vec<u8> {
    rendered.body.to_vec()
}

/// Counts a render for `client`; else how long until it may ask for another.
fn take_render(server: &Server, client: IpAddr) -> Result<(), Duration> {
    server.limiter.check_key(&client).map_err(|not_until| not_until.wait_time_from(DefaultClock::default().now()))
}

fn too_many(wait: Duration) -> Response {
    let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    (
        StatusCode::TOO_MANY_REQUESTS,
        [(header::RETRY_AFTER, seconds.max(1).to_string())],
        "too many new pages from this address; try again shortly\n",
    )
        .into_response()
}

fn busy() -> Response {
    (StatusCode::SERVICE_UNAVAILABLE, [(header::RETRY_AFTER, "1")], "busy rendering; try again shortly\n")
        .into_response()
}

/// The site's 404 page with the pairs nearest to the unknown ids (computed like a render:
/// rate-limited and queued).
async fn not_found_with_suggestions(
    server: &Arc<Server>,
    site: Arc<Site>,
    client: IpAddr,
    first: String,
    second: String,
) -> Response {
    if let Err(wait) = take_render(server, client) {
        return too_many(wait);
    }
    let page_site = site.clone();
    let work = move || {
        let notice = suggestions::notice(page_site.catalog(), &page_site.ids, &first, &second);
        page_site.renderer.not_found_page(Some(&notice))
    };
    match server.queue.run(work).await {
        Err(_) => busy(),
        Ok(Ok(Some(html))) => {
            let mut headers = site_headers(&site, NOT_FOUND_PAGE);
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(NOT_FOUND_CACHE_CONTROL));
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
            (StatusCode::NOT_FOUND, headers, html).into_response()
        }
        Ok(_) => (StatusCode::NOT_FOUND, "not found\n").into_response(),
    }
}

/// The site's own `404.html`, with the 404 status.
async fn not_found_file(site: &Site, request: Request) -> Response {
    let file = site.dir.join(NOT_FOUND_PAGE);
    let mut response = static_file(site, NOT_FOUND_PAGE, file, request).await;
    if response.status() == StatusCode::OK {
        *response.status_mut() = StatusCode::NOT_FOUND;
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    }
    response
}

/// A file of the folder, with its `_headers`.
async fn static_file(site: &Site, rel: &str, file: PathBuf, request: Request) -> Response {
    let mut response = match ServeFile::new(file).oneshot(request).await {
        Ok(response) => response.map(Body::new),
        Err(never) => match never {},
    };
    if response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED {
        let headers = site_headers(site, rel);
        for (name, value) in headers.iter() {
            response.headers_mut().insert(name.clone(), value.clone());
        }
    }
    response
}

/// The headers `_headers` gives the path `rel` of the site.
fn site_headers(site: &Site, rel: &str) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in site.headers.for_path(&format!("/{rel}")) {
        map.insert(name, value);
    }
    map
}

fn redirect(location: &str, cache_control: &'static str) -> Response {
    match HeaderValue::try_from(location) {
        Ok(location) => (
            StatusCode::MOVED_PERMANENTLY,
            [(header::LOCATION, location), (header::CACHE_CONTROL, HeaderValue::from_static(cache_control))],
        )
            .into_response(),
        Err(_) => (StatusCode::BAD_REQUEST, "bad path\n").into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reversed_pair_keeps_the_rest_of_its_query() {
        assert_eq!(reversed_query("b", "a", "", true), "?a=b&b=a");
        assert_eq!(reversed_query("b", "a", "?roles=x&utm=1", true), "?a=b&b=a&roles=x&utm=1");
        assert_eq!(reversed_query("b", "a", "?a=c&b=d", true), "?a=c&b=d", "a query naming both wins");
        assert_eq!(reversed_query("b", "a", "?a=c&roles=x", true), "?a=b&b=a&roles=x");
        assert_eq!(reversed_query("b", "a", "?roles=x", false), "?roles=x");
        assert_eq!(reversed_query("t ō", "a", "", true), "?a=t%20%C5%8D&b=a");
    }
}
