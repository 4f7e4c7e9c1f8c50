//! `verdicts-site`: serves a published site folder, and renders the pair pages (and their
//! preview images) the publish left out, beyond its page budget, on their first request, with
//! the publisher's own renderer and the folder's own publish version. Optionally it mounts the
//! vote collector beside the pages, so a host that runs one process gets both.
//!
//! A request's path is checked first ([`request_path`]: nothing outside the folder). Then
//! (`routes.rs`):
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
mod routes;
pub mod suggestions;

use std::net::{IpAddr, Ipv4Addr, SocketAddr, SocketAddrV4};
use std::num::NonZeroU32;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use axum::Router;
use governor::clock::DefaultClock;
use governor::state::keyed::DefaultKeyedStateStore;
use governor::Quota;
use tower_http::trace::{DefaultMakeSpan, TraceLayer};

use page_cache::PageCache;
use published::{Fingerprint, Site};
use render_queue::RenderQueue;
use routes::serve;
use verdicts_publish::preview::Fonts;

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
