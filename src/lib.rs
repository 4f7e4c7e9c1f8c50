//! Verdicts: pick any two AI tools and compare the expert panel's verdict, the pricing,
//! the reviewer split, the community vote and the reviewers' own words.

pub mod bundle;
pub mod config;
pub mod embed_code;
pub mod escape;
pub mod first_render;
pub mod fold;
pub mod json;
pub mod load_error;
pub mod money;
pub mod percent;
pub mod search;
pub mod view_state;
pub mod vote_protocol;
pub mod votes;
pub mod workload;

#[cfg(all(feature = "collector", not(target_arch = "wasm32")))]
pub mod collector;

#[cfg(target_arch = "wasm32")]
mod api;
#[cfg(target_arch = "wasm32")]
mod app;
pub mod browser;
pub mod components;
#[cfg(target_arch = "wasm32")]
mod fatal;
pub mod navigation;
pub mod pages;
pub mod pair;
#[cfg(not(target_arch = "wasm32"))]
pub mod publish;
pub mod takeover;
pub mod vote_store;

#[cfg(target_arch = "wasm32")]
pub use app::App;

/// Installs the panic hook and, in the next task, mounts [`App`] off-screen; it takes the page
/// over once the bundle has loaded (see [`takeover`]).
#[cfg(target_arch = "wasm32")]
pub fn mount() {
    fatal::install_panic_hook();
    // In a task of its own: the browser has just compiled and started the wasm in this one.
    leptos::prelude::set_timeout(|| takeover::mount(App), std::time::Duration::ZERO);
}

/// Natively there is no page to mount into.
#[cfg(not(target_arch = "wasm32"))]
pub fn mount() {}
