//! `verdicts-site`: serves a published site folder, and renders the pair pages (and their
//! preview images) the publish left out, beyond its page budget, on their first request, with
//! the publisher's own renderer and the folder's own publish version. Optionally it mounts the
//! vote collector beside the pages, so a host that runs one process gets both.
//!
//! A request's path is checked first ([`request_path`]: nothing outside the folder). Then:
//! - a file the folder has is served as it is, with the headers of the folder's `_headers`
//!   ([`header_rules`]), never waiting for a render;
//! - a canonical pair folder without a page, its `preview.png` or its `oembed.json`, is rendered ([`render_queue`]:
//!   a few at once, a bounded wait, else `503`), rate-limited per client address (`429`), and
//!   kept in memory once a second client asks for it ([`page_cache`]), with cache headers a CDN
//!   keeps ([`RENDERED_CACHE_CONTROL`]);
//! - the reversed order of a pair: `301` to the canonical folder with the order in the query;
//! - a pair folder naming an unknown tool: the site's 404 page with the nearest pairs
//!   ([`suggestions`]); any other path: the site's `404.html`.
//!
//! A new publish swapped into the folder is picked up on the next request (the entry point's
//! file changed): the catalogue is read again and the cache emptied.

pub mod header_rules;
pub mod page_cache;
pub mod published;
pub mod render_queue;
pub mod request_path;
pub mod suggestions;

use std::net::{IpAddr, Ipv4Addr, SocketAddr, SocketAddrV4};
use std::num::NonZeroU32;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use governor::clock::{Clock, DefaultClock};
use governor::state::keyed::DefaultKeyedStateStore;
use governor::Quota;
use tower::ServiceExt;
use tower_http::services::ServeFile;
use tower_http::trace::{DefaultMakeSpan, TraceLayer};

use page_cache::{PageCache, Rendered};
use published::{Fingerprint, Site};
use render_queue::RenderQueue;
use request_path::site_path;
use verdicts_catalog::pages::oembed::OEMBED_FILE;
use verdicts_catalog::pages::{canonical_order, ids_from_path, page_path, Page, SEPARATOR};
use verdicts_catalog::percent::encode_component;
use verdicts_publish::preview::Fonts;
use verdicts_publish::{IMAGE_NAME, NOT_FOUND_PAGE};

/// Where the server listens unless told: `127.0.0.1:8080`.
pub const DEFAULT_LISTEN: SocketAddr = SocketAddr::V4(SocketAddrV4::new(Ipv4Addr::LOCALHOST, 8080));

/// The cache headers of a rendered page or image: a browser keeps it five minutes; a shared cache
/// (a CDN) an hour, then serves it for up to a day more while it fetches it again in the
/// background. A page rendered from an older publish is still right to show: it names its
/// version, and the app reads the current data when it takes over (docs/server.md).
pub const RENDERED_CACHE_CONTROL: &str = "public, max-age=300, s-maxage=3600, stale-while-revalidate=86400";
/// The cache headers of a 404 answer with suggestions, and of a redirect to the canonical order.
pub const NOT_FOUND_CACHE_CONTROL: &str = "public, max-age=60";
pub const REDIRECT_CACHE_CONTROL: &str = "public, max-age=3600";

/// How the server runs.
#[derive(Clone, Debug)]
pub struct Options {
    /// The published site folder.
    pub site: PathBuf,
    pub listen: SocketAddr,
    /// The public base URL, when not the one the site's `index.html` names.
    pub base_url: Option<String>,
    /// Renders at once.
    pub render_workers: usize,
    /// Requests that may wait for a render; more get `503`.
    pub render_queue: usize,
    /// The longest a request waits for a render before `503`.
    pub render_wait: Duration,
    /// The rendered pages kept in memory, in bytes.
    pub cache_bytes: usize,
    /// How long a first request is remembered, waiting for a second client (see [`page_cache`]).
    pub cache_window: Duration,
    /// Renders a client may ask for a second, on average …
    pub rate: f64,
    /// … and at once.
    pub burst: u32,
    /// Behind a proxy or CDN: the client's address is the last `X-Forwarded-For` entry.
    pub trust_forwarded_for: bool,
    /// The vote collector to mount, and the path it is mounted at (`/votes`).
    pub votes: Option<(verdicts_server::Options, String)>,
}

impl Options {
    /// The defaults for the site in `site`.
    pub fn new(site: PathBuf) -> Options {
        Options {
            site,
            listen: DEFAULT_LISTEN,
            base_url: None,
            render_workers: std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
            render_queue: 64,
            render_wait: Duration::from_secs(10),
            cache_bytes: 64 * 1024 * 1024,
            cache_window: Duration::from_secs(600),
            rate: 2.0,
            burst: 30,
            trust_forwarded_for: false,
            votes: None,
        }
    }
}

type Limiter = governor::RateLimiter<IpAddr, DefaultKeyedStateStore<IpAddr>, DefaultClock>;

/// What the handlers share.
pub struct Server {
    options: Options,
    site: RwLock<Arc<Site>>,
    /// Held while a new publish is read; the fingerprint of one that could not be read.
    reloading: tokio::sync::Mutex<Option<Fingerprint>>,
    cache: Mutex<PageCache>,
    queue: RenderQueue,
    limiter: Limiter,
    fonts: Fonts,
    /// Renders done, for the tests and the benchmark.
    renders: std::sync::atomic::AtomicU64,
}

impl Server {
    /// Loads the site and readies the queue, the cache and the limiter.
    pub fn new(options: Options) -> Result<Arc<Server>, String> {
        let site = Site::load(&options.site, options.base_url.as_deref())?;
        let fonts = Fonts::load();
        if fonts.count() == 0 {
            return Err(
                "no fonts are installed to draw the preview images with (scripts/setup.sh installs them)".into()
            );
        }
        let period = Duration::try_from_secs_f64(1.0 / options.rate.max(0.001)).unwrap_or(Duration::from_secs(1));
        let quota = Quota::with_period(period.max(Duration::from_nanos(1)))
            .unwrap_or(Quota::per_second(NonZeroU32::MIN))
            .allow_burst(NonZeroU32::new(options.burst).unwrap_or(NonZeroU32::MIN));
        Ok(Arc::new(Server {
            cache: Mutex::new(PageCache::new(options.cache_bytes, 65_536, options.cache_window)),
            queue: RenderQueue::new(options.render_workers, options.render_queue, options.render_wait),
            limiter: governor::RateLimiter::dashmap(quota),
            site: RwLock::new(Arc::new(site)),
            reloading: tokio::sync::Mutex::new(None),
            options,
            fonts,
            renders: Default::default(),
        }))
    }

    /// The path the site is served at.
    pub fn mount(&self) -> String {
        self.loaded().mount.clone()
    }

    /// Renders done so far.
    pub fn renders(&self) -> u64 {
        self.renders.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Requests waiting for a render now.
    pub fn waiting_renders(&self) -> usize {
        self.queue.waiting()
    }

    /// Pages in the cache, and their bytes.
    pub fn cached(&self) -> (usize, usize) {
        self.cache.lock().map(|c| (c.len(), c.bytes())).unwrap_or((0, 0))
    }

    /// Whether the page at `rel` (a path in the site) is in the cache.
    pub fn is_cached(&self, rel: &str) -> bool {
        let key = format!("{}:{rel}", self.loaded().version());
        self.cache.lock().map(|c| c.contains(&key)).unwrap_or(false)
    }

    fn loaded(&self) -> Arc<Site> {
        match self.site.read() {
            Ok(site) => site.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// The site as published now: read again when the folder holds another publish.
    async fn current(self: &Arc<Self>) -> Arc<Site> {
        let site = self.loaded();
        let Ok(now) = Fingerprint::of(&self.options.site) else {
            return site; // Between two renames of a swap: the folder is back in microseconds.
        };
        if now == site.fingerprint {
            return site;
        }
        let mut failed = self.reloading.lock().await;
        let site = self.loaded();
        if now == site.fingerprint || failed.as_ref() == Some(&now) {
            return site;
        }
        let (dir, base) = (self.options.site.clone(), self.options.base_url.clone());
        match tokio::task::spawn_blocking(move || Site::load(&dir, base.as_deref())).await {
            Ok(Ok(new)) => {
                tracing::info!(version = new.version(), "a new publish was loaded");
                let new = Arc::new(new);
                if let Ok(mut slot) = self.site.write() {
                    *slot = new.clone();
                }
                if let Ok(mut cache) = self.cache.lock() {
                    cache.clear();
                }
                *failed = None;
                new
            }
            Ok(Err(e)) => {
                tracing::warn!("the site's new publish could not be read (still serving the last one): {e}");
                *failed = Some(now);
                site
            }
            Err(_) => site,
        }
    }

    /// Forgets the clients whose render allowance is full again.
    pub fn forget_idle_clients(&self) {
        self.limiter.retain_recent();
        self.limiter.shrink_to_fit();
    }
}

/// The server's routes: the site, and the collector's under its path when given.
pub fn router(server: Arc<Server>, collector: Option<(Router, &str)>) -> Router {
    let mut app: Router = Router::new().fallback(serve).with_state(server);
    if let Some((routes, path)) = collector {
        app = app.nest(path.trim_end_matches('/'), routes);
    }
    app.layer(TraceLayer::new_for_http().make_span_with(DefaultMakeSpan::new()).on_failure(()))
}

/// A running server.
pub struct Running {
    pub addr: SocketAddr,
    pub server: Arc<Server>,
    pub task: tokio::task::JoinHandle<Result<(), String>>,
}

/// Loads the site, binds the address and serves until `shutdown` resolves; requests under way
/// then finish.
pub async fn start(
    options: Options,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<Running, String> {
    let listen = options.listen;
    let votes = options.votes.clone();
    let server = {
        let options = options.clone();
        tokio::task::spawn_blocking(move || Server::new(options)).await.map_err(|e| e.to_string())??
    };
    let collector = match votes {
        Some((votes, path)) => Some((verdicts_server::collector(votes).await?, path)),
        None => None,
    };
    let listener =
        tokio::net::TcpListener::bind(listen).await.map_err(|e| format!("cannot listen on {listen}: {e}"))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let app = router(server.clone(), collector.as_ref().map(|(c, path)| (c.router.clone(), path.as_str())));
    let forgetting = {
        let server = server.clone();
        tokio::spawn(async move {
            let mut every = tokio::time::interval(Duration::from_secs(5));
            loop {
                every.tick().await;
                server.forget_idle_clients();
            }
        })
    };
    let served =
        axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>()).with_graceful_shutdown(shutdown);
    let task = tokio::spawn(async move {
        let result = served.await;
        forgetting.abort();
        drop(collector);
        result.map_err(|e| e.to_string())
    });
    Ok(Running { addr, server, task })
}

/// What a pair folder's request asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Asked {
    Page,
    Image,
    /// The page's oEmbed answer.
    OEmbed,
}

/// Every request.
async fn serve(
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

/// The client's address: the connection's peer, or behind a trusted proxy the last
/// `X-Forwarded-For` entry.
fn client_ip(trust_forwarded_for: bool, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
    if trust_forwarded_for {
        let forwarded = headers.get_all("x-forwarded-for").iter().filter_map(|v| v.to_str().ok()).next_back();
        if let Some(ip) = forwarded.and_then(|v| v.rsplit(',').next()).and_then(|ip| ip.trim().parse().ok()) {
            return ip;
        }
    }
    peer
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
