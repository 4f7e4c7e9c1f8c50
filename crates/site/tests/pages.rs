//! The site server's pages: a pair beyond the page budget rendered as the publisher writes it
//! (the same bytes), with its head, preview image, headers and cache headers; the reversed order
//! redirected; unknown ids answered with suggestions; the published files served as they are; a
//! new publish picked up; the vote collector mounted beside the pages.

mod support;

use axum::http::StatusCode;
use support::*;
use verdicts_catalog::config::PUBLISHED_VERSION_META;
use verdicts_publish::headers::Policy;
use verdicts_site::{REDIRECT_CACHE_CONTROL, RENDERED_CACHE_CONTROL};

#[tokio::test]
async fn a_pair_beyond_the_budget_is_the_page_the_publisher_would_write() {
    let dir = temp_dir("same-bytes");
    let text = bundle(30, 1);
    let catalog = catalog(&text);
    let (small, large) = (dir.join("small"), dir.join("large"));
    publish(&small, &text, 10);
    publish(&large, &text, 400);
    let (server, app) = app(options(&small));
    // Pairs the larger budget wrote and the smaller did not.
    let pairs: Vec<(String, String)> = missing_pairs(&small, &catalog, 500)
        .into_iter()
        .filter(|(a, b)| large.join(format!("{a}-vs-{b}")).exists())
        .take(3)
        .collect();
    assert_eq!(pairs.len(), 3);
    for (a, b) in &pairs {
        let answer = get(&app, &format!("{MOUNT}{a}-vs-{b}/"), [10, 0, 0, 1]).await;
        assert_eq!(answer.status, StatusCode::OK, "{a} vs {b}");
        let written = std::fs::read_to_string(large.join(format!("{a}-vs-{b}/index.html"))).expect("published");
        // The server's template is the published index.html, whose head keeps the blank lines
        // around the tags a publish replaced: the same page but for whitespace between tags.
        let (served, written) = (between_tags(&answer.text()), between_tags(&written));
        let at = served.bytes().zip(written.bytes()).position(|(x, y)| x != y).unwrap_or(0);
        assert!(served == written, "{a} vs {b}: differs from byte {at}: {:?}", served.get(at..at + 200));
    }
    assert_eq!(server.renders(), 3);

    let (a, b) = &pairs[0];
    let page = get(&app, &format!("{MOUNT}{a}-vs-{b}/index.html"), [10, 0, 0, 2]).await;
    let text = page.text();
    let (ta, tb) = (
        catalog.tool(catalog.tool_index(a).expect("a")).expect("a"),
        catalog.tool(catalog.tool_index(b).expect("b")).expect("b"),
    );
    assert!(text.contains(&format!("<title>{} vs {} — Verdicts</title>", ta.name, tb.name)), "{text}");
    assert_eq!(meta(&text, "og:url"), Some(format!("{BASE_URL}{a}-vs-{b}/")));
    assert_eq!(meta(&text, "og:image"), Some(format!("{BASE_URL}{a}-vs-{b}/preview.png")));
    assert!(meta(&text, "og:description").is_some_and(|d| d.contains(&ta.name)));
    assert_eq!(page.header("cache-control"), RENDERED_CACHE_CONTROL);
    assert_eq!(page.header("content-type"), "text/html; charset=utf-8");
    // The site's headers: its policy allows the rendered page's inline scripts.
    let csp = page.header("content-security-policy");
    let mut policy = Policy::default();
    policy.add_page(&text).expect("read");
    for hash in policy.content_security_policy("*").split(' ').filter(|s| s.starts_with("'sha256-")) {
        assert!(csp.contains(hash), "{hash} not in {csp}");
    }
    assert_eq!(page.header("x-content-type-options"), "nosniff");
    // Asked again with its validator: 304.
    let etag = page.header("etag");
    let again = get_with(&app, &format!("{MOUNT}{a}-vs-{b}/"), [10, 0, 0, 2], &[("if-none-match", &etag)]).await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);

    let image = get(&app, &format!("{MOUNT}{a}-vs-{b}/preview.png"), [10, 0, 0, 1]).await;
    assert_eq!(image.status, StatusCode::OK);
    assert_eq!(image.header("content-type"), "image/png");
    assert_eq!(png_size(&image.body), Some((1200, 630)));
    assert_eq!(image.header("cache-control"), RENDERED_CACHE_CONTROL);

    // The oEmbed answer the page names, as a larger publish writes it.
    assert!(text.contains(&format!("{BASE_URL}{a}-vs-{b}/oembed.json")), "the page names its oEmbed answer");
    let oembed = get(&app, &format!("{MOUNT}{a}-vs-{b}/oembed.json"), [10, 0, 0, 1]).await;
    assert_eq!(oembed.status, StatusCode::OK);
    let written = std::fs::read_to_string(large.join(format!("{a}-vs-{b}/oembed.json"))).expect("published");
    assert_eq!(oembed.text(), written);
}

/// A page with the whitespace between two tags removed.
fn between_tags(page: &str) -> String {
    let mut out = String::with_capacity(page.len());
    let mut pending = String::new();
    for c in page.chars() {
        if c.is_whitespace() && (out.ends_with('>') || !pending.is_empty()) {
            pending.push(c);
            continue;
        }
        if c != '<' {
            out.push_str(&pending);
        }
        pending.clear();
        out.push(c);
    }
    out
}

#[tokio::test]
async fn the_reversed_order_redirects_to_the_canonical_folder_keeping_the_query() {
    let dir = temp_dir("reversed");
    let text = bundle(30, 1);
    let catalog = catalog(&text);
    publish(&dir, &text, 10);
    let (server, app) = app(options(&dir));
    let (a, b) = missing_pairs(&dir, &catalog, 1).remove(0);
    let answer = get(&app, &format!("{MOUNT}{b}-vs-{a}/?roles=lens-0&utm_source=x"), [10, 0, 0, 1]).await;
    assert_eq!(answer.status, StatusCode::MOVED_PERMANENTLY);
    assert_eq!(answer.header("location"), format!("{MOUNT}{a}-vs-{b}/?a={b}&b={a}&roles=lens-0&utm_source=x"));
    assert_eq!(answer.header("cache-control"), REDIRECT_CACHE_CONTROL);
    let image = get(&app, &format!("{MOUNT}{b}-vs-{a}/preview.png"), [10, 0, 0, 1]).await;
    assert_eq!(image.header("location"), format!("{MOUNT}{a}-vs-{b}/preview.png"));
    // A folder without its slash, as static hosts do.
    let bare = get(&app, &format!("{MOUNT}{a}-vs-{b}?roles=lens-0"), [10, 0, 0, 1]).await;
    assert_eq!(bare.status, StatusCode::MOVED_PERMANENTLY);
    assert_eq!(bare.header("location"), format!("{MOUNT}{a}-vs-{b}/?roles=lens-0"));
    assert_eq!(server.renders(), 0, "redirects render nothing");
}

#[tokio::test]
async fn unknown_ids_get_the_404_page_with_the_nearest_pairs() {
    let dir = temp_dir("unknown");
    let text = bundle(30, 1);
    let catalog = catalog(&text);
    publish(&dir, &text, 10);
    let (_, app) = app(options(&dir));
    let (a, b) = (&catalog.tools()[5].id, &catalog.tools()[6].id);
    let typo = format!("{a}x");
    let answer = get(&app, &format!("{MOUNT}{typo}-vs-{b}/"), [10, 0, 0, 1]).await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    let page = answer.text();
    assert!(page.contains("<title>Page not found — Verdicts</title>"), "{page}");
    assert!(page.contains(&format!("No tool has the id “{typo}”.")), "{page}");
    let (x, y) = verdicts_catalog::pages::canonical_order(&catalog, 5, 6);
    let link = format!("href=\"{}-vs-{}/\"", catalog.tools()[x].id, catalog.tools()[y].id);
    assert!(page.contains(&link), "{link} in {page}");
    assert!(!answer.header("content-security-policy").is_empty());
    // Any other missing path: the site's own 404.html.
    let other = get(&app, &format!("{MOUNT}no-such-file.txt"), [10, 0, 0, 1]).await;
    assert_eq!(other.status, StatusCode::NOT_FOUND);
    assert!(other.text().contains("Page not found"));
}

#[tokio::test]
async fn published_files_are_served_as_they_are_with_their_headers() {
    let dir = temp_dir("static");
    let text = bundle(30, 1);
    publish(&dir, &text, 10);
    let (server, app) = app(options(&dir));
    let index = get(&app, MOUNT, [10, 0, 0, 1]).await;
    assert_eq!(index.status, StatusCode::OK);
    assert_eq!(index.text(), std::fs::read_to_string(dir.join("index.html")).expect("index"));
    assert_eq!(index.header("cache-control"), "no-cache");
    assert!(index.header("content-security-policy").contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-"));
    let css = get(&app, &format!("{MOUNT}main-0123456789abcdef.css"), [10, 0, 0, 1]).await;
    assert_eq!(css.header("cache-control"), "public, max-age=31536000, immutable");
    let entry = get(&app, &format!("{MOUNT}data/catalog.json"), [10, 0, 0, 1]).await;
    assert_eq!(entry.header("cache-control"), "no-cache");
    let bare = get(&app, "/tools/compare", [10, 0, 0, 1]).await;
    assert_eq!(bare.header("location"), MOUNT);
    assert_eq!(get(&app, "/elsewhere/", [10, 0, 0, 1]).await.status, StatusCode::NOT_FOUND);
    assert_eq!(server.renders(), 0);
}

#[tokio::test]
async fn a_new_publish_is_picked_up_and_the_cache_emptied() {
    let dir = temp_dir("republish");
    let first = bundle(30, 1);
    publish(&dir, &first, 10);
    let (server, app) = app(options(&dir));
    let catalog = catalog(&first);
    let (a, b) = missing_pairs(&dir, &catalog, 1).remove(0);
    let path = format!("{MOUNT}{a}-vs-{b}/");
    for client in [1, 2] {
        get(&app, &path, [10, 0, 0, client]).await;
    }
    assert_eq!(server.cached().0, 1);
    let old = meta(&get(&app, &path, [10, 0, 0, 3]).await.text(), PUBLISHED_VERSION_META);

    let second = bundle(30, 2);
    publish(&dir, &second, 10);
    let page = get(&app, &path, [10, 0, 0, 1]).await;
    let new = meta(&page.text(), PUBLISHED_VERSION_META);
    assert_ne!(old, new);
    assert_eq!(new, meta(&std::fs::read_to_string(dir.join("index.html")).expect("index"), PUBLISHED_VERSION_META));
    assert_eq!(server.cached().0, 0, "the old publish's pages are gone");
}

#[tokio::test]
async fn one_process_serves_the_pages_and_the_vote_collector() {
    let dir = temp_dir("collector");
    let text = bundle(30, 1);
    publish(&dir.join("site"), &text, 10);
    let mut options = options(&dir.join("site"));
    let votes = verdicts_server::Options::new(
        dir.join("site/data/bundle.json"),
        dir.join("votes.sqlite").display().to_string(),
    );
    options.votes = Some((votes, "/votes".to_string()));
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let running = verdicts_site::start(options, async {
        let _ = stopped.await;
    })
    .await
    .expect("started");
    let (status, answer) = raw_get(running.addr, "/votes/v1/challenge").await;
    assert_eq!(status, 200, "{answer}");
    assert!(answer.contains("\"challenge\""), "{answer}");
    let (status, _) = raw_get(running.addr, MOUNT).await;
    assert_eq!(status, 200);
    let _ = stop.send(());
    running.task.await.expect("joined").expect("stopped cleanly");
}
