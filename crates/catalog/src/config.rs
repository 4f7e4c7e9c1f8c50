//! What a deployer sets without recompiling: `<meta>` tags in `index.html`.
//!
//! ```html
//! <meta name="verdicts:catalog" content="data/catalog.json">
//! <meta name="verdicts:signup" content="https://example.com/newsletter">
//! <meta name="verdicts:vote-endpoint" content="https://example.com/api/votes">
//! ```
//! Relative URLs resolve against the page, so `dist/` works under any sub-path.

use crate::bundle::is_http_url;

/// The meta tag naming the catalogue's entry point (the read API's `data/catalog.json`).
pub const CATALOG_META: &str = "verdicts:catalog";
/// The meta tag naming the newsletter signup URL.
pub const SIGNUP_META: &str = "verdicts:signup";
/// The meta tag naming the community vote endpoint.
pub const VOTE_META: &str = "verdicts:vote-endpoint";
/// The meta tag a published page records the version of the data it was rendered from in
/// ([`crate::site_data::Manifest::version`]).
pub const PUBLISHED_VERSION_META: &str = "verdicts:published-version";
/// The meta tag saying which pairs the publish step gave a page: `all` or `featured`.
pub const PAGES_META: &str = "verdicts:pages";
/// The id of the `<script type="application/json">` in which a published pair page carries its
/// two tools, as a shard of two ([`crate::site_data::Shard`], with the page's version): a visit
/// to a page of the current publish reads no shard at all.
pub const PAGE_DATA_ID: &str = "verdicts-page-data";
/// Set to `1`, a test page asks the app to panic once loaded (the fatal-error view's test).
pub const DEBUG_PANIC_META: &str = "verdicts:debug-panic";
/// The entry point's URL when no meta tag names one.
pub const DEFAULT_CATALOG_URL: &str = "data/catalog.json";

/// The deployer's settings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// Where the catalogue's entry point is fetched from, absolute.
    pub catalog_url: String,
    /// Where "Get the next comparison in your inbox" leads; hidden when `None`.
    pub signup_url: Option<String>,
    /// Where vote changes are POSTed; nothing is sent anywhere when `None`.
    pub vote_endpoint: Option<String>,
    /// Set by `<meta name="verdicts:debug-panic" content="1">`: the app panics on purpose, so
    /// that tests can check the panic view. Never set in a real deployment.
    pub debug_panic: bool,
    /// What the publish step recorded of the site: the data's version and whether every pair has
    /// a page. `None` for a page that was not published (a development build).
    pub published: Option<Published>,
}

/// What a published page says about the site it belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Published {
    /// The version of the data the page was rendered from.
    pub version: String,
    /// Whether every pair of tools has a page (else only the featured pairs).
    pub all_pairs: bool,
}

impl Published {
    /// Reads the two meta values; `None` unless the hash is there.
    pub fn from_values(hash: Option<String>, pages: Option<String>) -> Option<Published> {
        let version = hash.map(|h| h.trim().to_string()).filter(|h| !h.is_empty())?;
        Some(Published { version, all_pairs: pages.as_deref().map(str::trim) == Some("all") })
    }

    /// The meta value for [`PAGES_META`].
    pub fn pages_value(all_pairs: bool) -> &'static str {
        if all_pairs {
            "all"
        } else {
            "featured"
        }
    }
}

impl Config {
    /// Builds the settings from raw meta values and the page's base URL.
    pub fn from_values(
        catalog: Option<String>,
        signup: Option<String>,
        vote: Option<String>,
        resolve: impl Fn(&str) -> Option<String>,
    ) -> Config {
        let catalog = catalog.map(|b| b.trim().to_string()).filter(|b| !b.is_empty());
        let relative = catalog.unwrap_or_else(|| DEFAULT_CATALOG_URL.to_string());
        let catalog_url = resolve(&relative).unwrap_or(relative);
        let http = |value: Option<String>| {
            value
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .and_then(|s| resolve(&s))
                .filter(|s| is_http_url(s))
        };
        Config { catalog_url, signup_url: http(signup), vote_endpoint: http(vote), debug_panic: false, published: None }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(url: &str) -> Option<String> {
        Some(if url.contains(':') { url.to_string() } else { format!("https://host.example/tools/{url}") })
    }

    #[test]
    fn defaults_resolve_against_the_page() {
        let c = Config::from_values(None, None, None, resolve);
        assert_eq!(c.catalog_url, "https://host.example/tools/data/catalog.json");
        assert_eq!(c.signup_url, None);
    }

    #[test]
    fn empty_or_unsafe_signup_urls_hide_the_call_to_action() {
        assert_eq!(Config::from_values(None, Some("  ".into()), None, resolve).signup_url, None);
        assert_eq!(
            Config::from_values(None, Some("javascript:alert(1)".into()), Some("data:x".into()), resolve).signup_url,
            None
        );
        let c = Config::from_values(
            Some("https://cdn.example/b.json".into()),
            Some("https://news.example/join".into()),
            Some("votes".into()),
            resolve,
        );
        assert_eq!(c.catalog_url, "https://cdn.example/b.json");
        assert_eq!(c.signup_url.as_deref(), Some("https://news.example/join"));
        assert_eq!(c.vote_endpoint.as_deref(), Some("https://host.example/tools/votes"));
    }
}
