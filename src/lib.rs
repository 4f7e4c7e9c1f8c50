//! Verdicts: pick any two AI tools and compare the expert panel's verdict, the pricing,
//! the reviewer split, the community vote and the reviewers' own words.

pub mod bundle;
pub mod config;
pub mod embed_code;
pub mod load_error;
pub mod search;
pub mod view_state;
pub mod votes;

#[cfg(target_arch = "wasm32")]
mod api;
#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
mod components;
#[cfg(target_arch = "wasm32")]
mod fatal;
#[cfg(target_arch = "wasm32")]
mod frame;
#[cfg(target_arch = "wasm32")]
mod navigation;
#[cfg(target_arch = "wasm32")]
mod pair;
#[cfg(target_arch = "wasm32")]
mod vote_store;

#[cfg(target_arch = "wasm32")]
pub use app::App;

/// Installs the panic hook and mounts [`App`] into `#app` (or the body), replacing the
/// static skeleton that `index.html` shows until the app runs.
#[cfg(target_arch = "wasm32")]
pub fn mount() {
    fatal::install_panic_hook();
    let host = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"))
        .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok());
    match host {
        Some(host) => {
            host.set_text_content(None);
            leptos::mount::mount_to(host, App).forget();
        }
        None => leptos::mount::mount_to_body(App),
    }
}

/// Natively there is no page to mount into.
#[cfg(not(target_arch = "wasm32"))]
pub fn mount() {}
