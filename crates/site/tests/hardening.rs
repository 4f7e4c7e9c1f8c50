//! The site server as a public endpoint that renders on request: paths outside the folder
//! refused (through the router and as raw request lines on a real socket); one client's flood of
//! distinct pairs rate-limited, evicting no popular page and never past the cache's bound; a full
//! render queue answered 503 while static files and cached pages are served at once; requests
//! under way finished on shutdown. Every loop is bounded in count and time.

mod support;

use std::time::{Duration, Instant};

use axum::http::StatusCode;
use support::*;

#[tokio::test]
async fn paths_outside_the_site_are_refused() {
    let dir = temp_dir("paths");
    publish(&dir.join("site"), &bundle(30, 1), 10);
    std::fs::write(dir.join("secret.txt"), "secret").expect("a file beside the site");
    let (_, app) = app(options(&dir.join("site")));
    for path in [
        "/tools/compare/../secret.txt",
        "/tools/compare/..%2fsecret.txt",
        "/tools/compare/%2e%2e/secret.txt",
        "/tools/compare/%2E%2E/%2E%2E/etc/passwd",
        "/tools/compare/.%2e/secret.txt",
        "/tools/compare/data%2fcatalog.json",
        "/tools/compare/..%5csecret.txt",
        "/tools/compare/..\\secret.txt",
        "/tools/compare//etc/passwd",
        "/tools/compare/a/./b",
        "/tools/compare/C:/secret.txt",
        "/tools/compare/%00",
        "/tools/compare/%ff%fe",
    ] {
        let answer = get(&app, path, [10, 0, 0, 1]).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{path}: {}", answer.text());
        assert!(!answer.text().contains("secret"), "{path}");
    }

    // The same as raw request lines on a real socket, where no client library tidies them.
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let running = verdicts_site::start(options(&dir.join("site")), async {
        let _ = stopped.await;
    })
    .await
    .expect("started");
    for target in [
        "/tools/compare/../secret.txt",
        "/tools/compare/%2e%2e/secret.txt",
        "/tools/compare/..%2f..%2fsecret.txt",
        "/tools/compare/..\\secret.txt",
    ] {
        let (status, answer) = raw_get(running.addr, target).await;
        assert!(status == 400, "{target}: {answer}");
        assert!(!answer.contains("secret\n") && !answer.ends_with("secret"), "{target}: {answer}");
    }
    // An absolute-form target names the server, not a file.
    let (status, answer) = raw_get(running.addr, "http://127.0.0.1/etc/passwd").await;
    assert_eq!(status, 404, "{answer}");
    let (status, _) = raw_get(running.addr, "/tools/compare/").await;
    assert_eq!(status, 200);
    let _ = stop.send(());
    running.task.await.expect("joined").expect("stopped");
}

#[tokio::test]
async fn one_clients_flood_is_rate_limited_and_evicts_no_popular_page() {
    let dir = temp_dir("flood");
    let text = bundle(40, 1);
    let catalog = catalog(&text);
    publish(&dir, &text, 10);
    let mut options = options(&dir);
    options.rate = 0.5;
    options.burst = 20;
    options.cache_bytes = 400_000;
    let (server, app) = app(options);
    let pairs = missing_pairs(&dir, &catalog, 70);
    assert_eq!(pairs.len(), 70);
    // Two popular pages, each read by several people.
    let popular: Vec<String> = pairs[..2].iter().map(|(a, b)| format!("{MOUNT}{a}-vs-{b}/")).collect();
    for path in &popular {
        for client in 1..=3 {
            assert_eq!(get(&app, path, [10, 0, 0, client]).await.status, StatusCode::OK);
        }
    }
    let cached = server.cached();
    assert_eq!(cached.0, 2);
    let renders = server.renders();

    // One address asks for 60 pairs no one else reads, each twice.
    let mut limited = 0;
    let mut retry_after = String::new();
    for (a, b) in &pairs[2..62] {
        for _ in 0..2 {
            let answer = get(&app, &format!("{MOUNT}{a}-vs-{b}/"), [192, 0, 2, 66]).await;
            if answer.status == StatusCode::TOO_MANY_REQUESTS {
                limited += 1;
                retry_after = answer.header("retry-after");
            } else {
                assert_eq!(answer.status, StatusCode::OK);
            }
        }
    }
    assert!(limited >= 90, "beyond its burst of 20 the address is refused: {limited} of 120");
    assert!(retry_after.parse::<u64>().is_ok_and(|s| s >= 1), "Retry-After: {retry_after}");
    assert!(server.renders() - renders <= 21, "{} renders", server.renders() - renders);
    for (n, path) in popular.iter().enumerate() {
        let rel = path.trim_start_matches(MOUNT);
        assert!(server.is_cached(rel), "popular page {n} kept");
    }
    assert_eq!(server.cached(), cached, "the flood put nothing in the cache");

    // Other people are not limited by that address, and memory stays within its bound however
    // many distinct pages many people read.
    let before = server.renders();
    let (a, b) = &pairs[62];
    assert_eq!(get(&app, &format!("{MOUNT}{a}-vs-{b}/"), [10, 0, 0, 9]).await.status, StatusCode::OK);
    assert_eq!(server.renders(), before + 1);
    for (n, (a, b)) in pairs[62..70].iter().enumerate() {
        for client in [20, 21] {
            get(&app, &format!("{MOUNT}{a}-vs-{b}/"), [10, 0, n as u8, client]).await;
        }
        assert!(server.cached().1 <= 400_000, "{:?}", server.cached());
    }
}

#[tokio::test]
async fn a_full_render_queue_is_answered_503_and_static_files_never_wait() {
    let dir = temp_dir("queue-full");
    let text = bundle(30, 1);
    let catalog = catalog(&text);
    publish(&dir, &text, 10);
    let mut options = options(&dir);
    options.render_queue = 0;
    let (server, app) = app(options);
    let (a, b) = missing_pairs(&dir, &catalog, 1).remove(0);
    let answer = get(&app, &format!("{MOUNT}{a}-vs-{b}/"), [10, 0, 0, 1]).await;
    assert_eq!(answer.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(answer.header("retry-after"), "1");
    assert_eq!(get(&app, MOUNT, [10, 0, 0, 1]).await.status, StatusCode::OK);
    assert_eq!(server.renders(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cached_and_static_pages_stay_fast_while_renders_queue() {
    let dir = temp_dir("queue");
    let text = bundle(40, 1);
    let catalog = catalog(&text);
    publish(&dir, &text, 10);
    let mut options = options(&dir);
    options.render_workers = 1;
    options.render_queue = 1000;
    options.trust_forwarded_for = true;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let running = verdicts_site::start(options, async {
        let _ = stopped.await;
    })
    .await
    .expect("started");
    let addr = running.addr;
    let pairs = missing_pairs(&dir, &catalog, 61);
    // A page two people read: cached.
    let (a, b) = &pairs[0];
    let popular = format!("{MOUNT}{a}-vs-{b}/");
    for client in ["10.0.0.1", "10.0.0.2"] {
        assert_eq!(raw_get_as(addr, &popular, Some(client)).await.0, 200);
    }
    assert!(running.server.is_cached(popular.trim_start_matches(MOUNT)));
    // 60 uncached pages at once on a single render worker.
    let flood: Vec<_> = pairs[1..]
        .iter()
        .map(|(a, b)| {
            let target = format!("{MOUNT}{a}-vs-{b}/");
            tokio::spawn(async move { raw_get_as(addr, &target, Some("192.0.2.1")).await })
        })
        .collect();
    let queued = Instant::now();
    while running.server.waiting_renders() < 20 && queued.elapsed() < Duration::from_secs(20) {
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    let mut slowest = Duration::ZERO;
    let mut during = 0;
    for n in 0..40 {
        let target = if n % 2 == 0 { MOUNT } else { popular.as_str() };
        let started = Instant::now();
        let (status, _) = raw_get_as(addr, target, Some("10.0.0.3")).await;
        assert_eq!(status, 200);
        slowest = slowest.max(started.elapsed());
        during += usize::from(running.server.waiting_renders() > 0);
    }
    assert!(during >= 20, "the requests were made while renders queued ({during} of 40)");
    assert!(slowest < Duration::from_millis(500), "a static or cached page took {slowest:?} while renders queued");
    for request in flood {
        let (status, _) = request.await.expect("joined");
        assert_eq!(status, 200);
    }
    let _ = stop.send(());
    running.task.await.expect("joined").expect("stopped");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_under_way_finish_on_shutdown() {
    let dir = temp_dir("shutdown");
    let text = bundle(30, 1);
    let catalog = catalog(&text);
    publish(&dir, &text, 10);
    let mut options = options(&dir);
    options.render_workers = 1;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let running = verdicts_site::start(options, async {
        let _ = stopped.await;
    })
    .await
    .expect("started");
    let addr = running.addr;
    let targets: Vec<String> =
        missing_pairs(&dir, &catalog, 8).iter().map(|(a, b)| format!("{MOUNT}{a}-vs-{b}/")).collect();
    let requests: Vec<_> = targets.into_iter().map(|t| tokio::spawn(async move { raw_get(addr, &t).await })).collect();
    let asked = Instant::now();
    // Every request is in: one rendering, the others waiting for the one worker.
    while running.server.waiting_renders() < 7 && asked.elapsed() < Duration::from_secs(20) {
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    let _ = stop.send(());
    for request in requests {
        let (status, answer) = request.await.expect("joined");
        assert_eq!(status, 200, "{answer}");
        assert!(answer.trim_end().ends_with("</html>"), "a whole page");
    }
    running.task.await.expect("joined").expect("stopped cleanly");
    assert!(tokio::net::TcpStream::connect(addr).await.is_err(), "no longer listening");
}
