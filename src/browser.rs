//! The few browser facts that components read while rendering. In the browser they come from the
//! page; natively (when the default comparison is rendered to HTML at build time) they are the
//! defaults of a first visit: no query, no storage.

/// Whether this is the native render of the published pages rather than the live app.
pub const STATIC_RENDER: bool = cfg!(not(feature = "csr"));

/// The page's query string, with its `?` (empty when there is none).
pub fn location_search() -> String {
    #[cfg(feature = "csr")]
    {
        web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default()
    }
    #[cfg(not(feature = "csr"))]
    {
        String::new()
    }
}

/// The site root's URL with its trailing slash: the folder of the index, where the app's files,
/// the bundle and `embed.js` live. A pair page's `<base href="../">` points there. Empty
/// natively, where links are rendered relative to the site root.
pub fn site_root() -> String {
    #[cfg(feature = "csr")]
    {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.base_uri().ok().flatten())
            .and_then(|base| web_sys::Url::new_with_base("./", &base).ok())
            .map(|u| {
                u.set_search("");
                u.set_hash("");
                u.href()
            })
            .unwrap_or_default()
    }
    #[cfg(not(feature = "csr"))]
    {
        String::new()
    }
}

/// The page's folder under `root` (`a-vs-b/`), empty on the index or anywhere else.
pub fn location_path_under(root: &str) -> String {
    #[cfg(feature = "csr")]
    {
        let here = web_sys::window().and_then(|w| w.location().pathname().ok()).unwrap_or_default();
        let root_path = web_sys::Url::new(root).map(|u| u.pathname()).unwrap_or_default();
        let path = here.strip_prefix(root_path.as_str()).unwrap_or("");
        let path = path.strip_suffix("index.html").unwrap_or(path);
        verdicts_catalog::percent::decode_component(path)
    }
    #[cfg(not(feature = "csr"))]
    {
        let _ = root;
        String::new()
    }
}

/// `localStorage`, when the browser lets the page have it (it throws in sandboxed frames and
/// when site data is blocked).
pub fn local_storage() -> Option<web_sys::Storage> {
    #[cfg(feature = "csr")]
    {
        web_sys::window()?.local_storage().ok().flatten()
    }
    #[cfg(not(feature = "csr"))]
    {
        None
    }
}

/// Resolves in a later task of the page (a zero timer): lets the browser paint and handle input
/// between two pieces of work that would otherwise run as one long task.
pub async fn next_task() {
    #[cfg(feature = "csr")]
    {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            let queued = web_sys::window().is_some_and(|w| w.set_timeout_with_callback(&resolve).is_ok());
            if !queued {
                let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
            }
        });
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }
}

/// A Performance API mark, for the benchmark (`performance.getEntriesByName`).
pub fn mark(name: &str) {
    #[cfg(feature = "csr")]
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
    #[cfg(not(feature = "csr"))]
    let _ = name;
}

/// Runs `read` between two Performance API marks and records the time it took as the measure
/// `verdicts:read-json <what>`, for the benchmark (`performance.getEntriesByType("measure")`).
pub fn timed_read<T>(what: &str, read: impl FnOnce() -> T) -> T {
    const START: &str = "verdicts:read-json";
    mark(START);
    let value = read();
    #[cfg(feature = "csr")]
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.measure_with_start_mark(&format!("{START} {what}"), START);
    }
    #[cfg(not(feature = "csr"))]
    let _ = what;
    value
}

/// 16 random bytes from the browser's cryptographic generator (natively, at publish time, none
/// are needed: zeros).
pub fn random_bytes() -> [u8; 16] {
    #[cfg(feature = "csr")]
    {
        let mut bytes = [0u8; 16];
        let filled = web_sys::window()
            .and_then(|w| w.crypto().ok())
            .and_then(|c| c.get_random_values_with_u8_array(&mut bytes).ok())
            .is_some();
        if !filled {
            for b in bytes.iter_mut() {
                *b = (js_sys::Math::random() * 256.0) as u8;
            }
        }
        bytes
    }
    #[cfg(not(feature = "csr"))]
    [0u8; 16]
}

/// Whether the browser offers the Web Share API (`navigator.share`); never when rendering natively.
pub fn can_share() -> bool {
    #[cfg(feature = "csr")]
    {
        web_sys::window().is_some_and(|w| js_sys::Reflect::has(&w.navigator(), &"share".into()).unwrap_or(false))
    }
    #[cfg(not(feature = "csr"))]
    false
}

/// Copies text to the clipboard; whether it worked. Where the Clipboard API is refused (older or
/// locked-down browsers), the text box `fallback` holding the same text is selected and copied.
pub async fn copy_text(text: &str, fallback: Option<web_sys::HtmlTextAreaElement>) -> bool {
    #[cfg(feature = "csr")]
    {
        use wasm_bindgen::JsCast;
        let Some(window) = web_sys::window() else { return false };
        let written = window.navigator().clipboard().write_text(text);
        if wasm_bindgen_futures::JsFuture::from(written).await.is_ok() {
            return true;
        }
        let selected = fallback.zip(window.document()).and_then(|(area, d)| {
            area.select();
            d.dyn_into::<web_sys::HtmlDocument>().ok()
        });
        selected.and_then(|d| d.exec_command("copy").ok()).unwrap_or(false)
    }
    #[cfg(not(feature = "csr"))]
    {
        let _ = (text, fallback);
        false
    }
}

/// The settings the page carries in its `<meta>` tags (see [`verdicts_catalog::config`]), with
/// relative URLs resolved against the page's base.
#[cfg(feature = "csr")]
pub fn page_config() -> verdicts_catalog::config::Config {
    use verdicts_catalog::config::*;
    let document = web_sys::window().and_then(|w| w.document());
    let meta = |name: &str| {
        let selector = format!("meta[name=\"{name}\"]");
        document
            .as_ref()
            .and_then(|d| d.query_selector(&selector).ok().flatten())
            .and_then(|e| e.get_attribute("content"))
    };
    let base = document.as_ref().and_then(|d| d.base_uri().ok().flatten());
    let resolve = |url: &str| match &base {
        Some(base) => web_sys::Url::new_with_base(url, base).ok().map(|u| u.href()),
        None => web_sys::Url::new(url).ok().map(|u| u.href()),
    };
    let mut config = Config::from_values(meta(CATALOG_META), meta(SIGNUP_META), meta(VOTE_META), resolve);
    config.debug_panic = meta(DEBUG_PANIC_META).as_deref() == Some("1");
    config.published = Published::from_values(meta(PUBLISHED_VERSION_META), meta(PAGES_META));
    config
}

/// Sets the document's title (natively there is no document).
pub fn set_title(title: &str) {
    #[cfg(feature = "csr")]
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(title);
    }
    #[cfg(not(feature = "csr"))]
    let _ = title;
}

/// The shown pair's tools as the published page carries them (a `<script type="application/json">`
/// the publisher writes, see [`verdicts_catalog::config::PAGE_DATA_ID`]); `None` when the page
/// has none or it does not read.
pub fn page_data() -> Option<verdicts_catalog::site_data::Shard> {
    #[cfg(feature = "csr")]
    {
        let text =
            web_sys::window()?.document()?.get_element_by_id(verdicts_catalog::config::PAGE_DATA_ID)?.text_content()?;
        timed_read("page data/", || serde_json::from_str(&text).ok())
    }
    #[cfg(not(feature = "csr"))]
    None
}
