//! What the site server's tests share: a generated catalogue published into a temporary folder
//! (with a template standing in for the built app), requests through the router, and a raw
//! HTTP/1.1 client for a real server on 127.0.0.1.

#![allow(dead_code)]

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tower::ServiceExt;

use verdicts_catalog::bundle::Catalog;
use verdicts_site::{router, Options, Server};

/// The public URL the test sites are published for: served under a sub-path.
pub const BASE_URL: &str = "https://example.com/tools/compare/";
pub const MOUNT: &str = "/tools/compare/";

/// The built app's `index.html`, as small as the publisher accepts.
const TEMPLATE: &str = r#"<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Verdicts</title>
<meta name="description" content="d">
<link rel="modulepreload" href="./v-0123456789abcdef.js" crossorigin="anonymous" integrity="sha384-def">
<link rel="preload" href="./v-0123456789abcdef_bg.wasm" as="fetch" type="application/wasm" crossorigin="anonymous" integrity="sha384-abc">
<script type="module">import init, * as bindings from './v-0123456789abcdef.js'; const wasm = await init({ module_or_path: './v-0123456789abcdef_bg.wasm' }); window.b = bindings;</script>
</head><body><div id="app"></div></body></html>"#;

/// A fresh folder under the system's temporary folder, removed when dropped (a failed test's
/// too).
pub struct TempDir(PathBuf);

impl std::ops::Deref for TempDir {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub fn temp_dir(name: &str) -> TempDir {
    let dir = std::env::temp_dir().join(format!("verdicts-site-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    TempDir(dir)
}

/// The generated bundle of `tools` tools (seed `seed`), as text.
pub fn bundle(tools: usize, seed: u64) -> String {
    let bundle = verdicts_catalog::bundle::generate::generate(tools, 4, seed);
    verdicts_content::bundle_json(&bundle).expect("a bundle")
}

/// Publishes `bundle_text` into `site` (made with the template if new) with a page budget.
pub fn publish(site: &Path, bundle_text: &str, max_pages: usize) {
    if !site.join("index.html").exists() {
        std::fs::create_dir_all(site).expect("the site folder");
        std::fs::write(site.join("index.html"), TEMPLATE).expect("the template");
        std::fs::write(site.join("main-0123456789abcdef.css"), "body{}").expect("a style sheet");
    }
    let mut settings = verdicts_publish::Settings::new(BASE_URL).expect("settings");
    settings.max_pages = max_pages;
    verdicts_publish::publish_site(site, bundle_text, &settings).expect("published");
}

/// The catalogue of a bundle.
pub fn catalog(bundle_text: &str) -> Catalog {
    Catalog::from_text(bundle_text).expect("a catalogue")
}

/// A canonical pair folder the site at `site` has no page for.
pub fn missing_pairs(site: &Path, catalog: &Catalog, n: usize) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let count = catalog.tools().len();
    for a in 0..count {
        for b in 0..count {
            let (x, y) = verdicts_catalog::pages::canonical_order(catalog, a, b);
            if a == b || (x, y) != (a, b) {
                continue;
            }
            let (ta, tb) = (&catalog.tools()[a].id, &catalog.tools()[b].id);
            if !site.join(format!("{ta}-vs-{tb}")).exists() {
                found.push((ta.clone(), tb.clone()));
                if found.len() == n {
                    return found;
                }
            }
        }
    }
    found
}

/// Options for the site in `site` with generous limits (tests narrow them).
pub fn options(site: &Path) -> Options {
    let mut options = Options::new(site.to_path_buf());
    options.listen = "127.0.0.1:0".parse().expect("an address");
    options.rate = 1000.0;
    options.burst = 1000;
    options
}

/// A server and its router.
pub fn app(options: Options) -> (Arc<Server>, Router) {
    let server = Server::new(options).expect("the site loads");
    let app = router(server.clone(), None);
    (server, app)
}

/// An answer: status, headers and body.
pub struct Answer {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn header(&self, name: &str) -> String {
        self.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string()
    }
}

/// GET `path` from `client` through the router.
pub async fn get(app: &Router, path: &str, client: [u8; 4]) -> Answer {
    get_with(app, path, client, &[]).await
}

pub async fn get_with(app: &Router, path: &str, client: [u8; 4], headers: &[(&str, &str)]) -> Answer {
    let mut request = Request::get(path);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let mut request = request.body(Body::empty()).expect("a request");
    request.extensions_mut().insert(ConnectInfo(SocketAddr::from((client, 40000))));
    let response = app.clone().oneshot(request).await.expect("an answer");
    let (parts, body) = response.into_parts();
    let body = body.collect().await.expect("a body").to_bytes().to_vec();
    Answer { status: parts.status, headers: parts.headers, body }
}

/// One raw HTTP/1.1 GET of `target` (sent as written) to a real server; the status and the
/// whole answer, within 20 s.
pub async fn raw_get(addr: SocketAddr, target: &str) -> (u16, String) {
    raw_get_as(addr, target, None).await
}

/// As [`raw_get`], for the client `forwarded` (an `X-Forwarded-For` a trusting server reads).
pub async fn raw_get_as(addr: SocketAddr, target: &str, forwarded: Option<&str>) -> (u16, String) {
    let exchange = async {
        let mut stream = tokio::net::TcpStream::connect(addr).await.expect("connects");
        let from = forwarded.map(|ip| format!("X-Forwarded-For: {ip}\r\n")).unwrap_or_default();
        let request = format!("GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n{from}Connection: close\r\n\r\n");
        stream.write_all(request.as_bytes()).await.expect("sent");
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer).await.expect("read");
        let text = String::from_utf8_lossy(&answer).into_owned();
        let status = text.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
        (status, text)
    };
    tokio::time::timeout(Duration::from_secs(20), exchange).await.expect("answered within 20 s")
}

/// The `content` of a page's `<meta name|property=key>`.
pub fn meta(page: &str, key: &str) -> Option<String> {
    let at = page.find(&format!("=\"{key}\" content=\""))?;
    let rest = &page[at + key.len() + 13..];
    Some(rest[..rest.find('"')?].to_string())
}

/// A PNG's width and height.
pub fn png_size(png: &[u8]) -> Option<(u32, u32)> {
    if png.get(..8)? != b"\x89PNG\r\n\x1a\n" || png.get(12..16)? != b"IHDR" {
        return None;
    }
    let be = |at: usize| png.get(at..at + 4).map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]));
    Some((be(16)?, be(20)?))
}
