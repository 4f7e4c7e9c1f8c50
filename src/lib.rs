//! The Verdicts app: pick any two AI tools and compare the expert panel's verdict, the pricing,
//! the reviewer split, the community vote and the reviewers' own words.
//!
//! Leptos components over the catalogue's model and rules (`verdicts_catalog`). Built for the
//! browser with the `csr` feature (Trunk, `index.html`); rendered to HTML natively with `ssr` by
//! the publisher, which writes every comparison's page with these same components.

pub mod browser;
pub mod components;
pub mod data;
pub mod first_render;
pub mod navigation;
pub mod pair;
pub mod shown;
pub mod takeover;
pub mod tool_view;
pub mod vote_store;

#[cfg(feature = "csr")]
mod api;
#[cfg(feature = "csr")]
mod app;
#[cfg(feature = "csr")]
mod fatal;

#[cfg(feature = "csr")]
pub use app::App;

/// Installs the panic hook and, in the next task, mounts [`App`] off-screen; it takes the page
/// over once the bundle has loaded (see [`takeover`]).
#[cfg(feature = "csr")]
pub fn mount() {
    fatal::install_panic_hook();
    // In a task of its own: the browser has just compiled and started the wasm in this one.
    leptos::prelude::set_timeout(|| takeover::mount(App), std::time::Duration::ZERO);
}
