//! Verdicts: pick any two AI tools and compare the expert panel's verdict, the pricing,
//! the reviewer split, the community vote and the reviewers' own words.

pub mod bundle;
pub mod config;
pub mod embed_code;
pub mod load_error;
pub mod percent;
pub mod search;
pub mod view_state;
pub mod votes;

#[cfg(target_arch = "wasm32")]
mod api;
#[cfg(target_arch = "wasm32")]
mod app;
pub mod browser;
pub mod components;
#[cfg(target_arch = "wasm32")]
mod fatal;
#[cfg(target_arch = "wasm32")]
mod frame;
pub mod navigation;
pub mod pair;
#[cfg(not(target_arch = "wasm32"))]
pub mod prerender;
#[cfg(target_arch = "wasm32")]
mod takeover;
pub mod vote_store;

#[cfg(target_arch = "wasm32")]
pub use app::App;

#[cfg(target_arch = "wasm32")]
thread_local! {
    /// The live page, rendered off-screen until the bundle has loaded (see [`take_over_page`]).
    static LIVE: std::cell::RefCell<Option<web_sys::Element>> = const { std::cell::RefCell::new(None) };
}

/// Installs the panic hook and mounts [`App`] off-screen. Until the bundle has loaded, the page
/// keeps what `index.html` shows: the default comparison rendered at build time, or the loading
/// skeleton for a link to another view. Then [`take_over_page`] swaps the live page in, in one
/// step, so nothing flashes or jumps.
#[cfg(target_arch = "wasm32")]
pub fn mount() {
    fatal::install_panic_hook();
    let live = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("div").ok())
        .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok());
    match live {
        Some(live) => {
            live.set_class_name("live");
            LIVE.with(|slot| *slot.borrow_mut() = Some(live.clone().into()));
            leptos::mount::mount_to(live, App).forget();
        }
        None => leptos::mount::mount_to_body(App),
    }
}

/// Replaces the page's static content with the live page, once (later calls do nothing).
#[cfg(target_arch = "wasm32")]
pub(crate) fn take_over_page() {
    let Some(live) = LIVE.with(|slot| slot.borrow_mut().take()) else { return };
    takeover::replace_static_page(&live);
}

/// Natively there is no page to mount into.
#[cfg(not(target_arch = "wasm32"))]
pub fn mount() {}
