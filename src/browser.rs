//! The few browser facts that components read while rendering. In the browser they come from the
//! page; natively (when the default comparison is rendered to HTML at build time) they are the
//! defaults of a first visit: no query, no storage.

/// The page's query string, with its `?` (empty when there is none).
pub fn location_search() -> String {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        String::new()
    }
}

/// The page's URL without its query: where the embed view and the loader live. Empty natively,
/// where links are rendered relative to the page.
pub fn page_base() -> String {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()
            .and_then(|w| {
                let l = w.location();
                Some(format!("{}{}", l.origin().ok()?, l.pathname().ok()?))
            })
            .unwrap_or_default()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        String::new()
    }
}

/// `localStorage`, when the browser lets the page have it (it throws in sandboxed frames and
/// when site data is blocked).
pub fn local_storage() -> Option<web_sys::Storage> {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()?.local_storage().ok().flatten()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        None
    }
}

/// A Performance API mark, for the benchmark (`performance.getEntriesByName`).
pub fn mark(name: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = name;
}
