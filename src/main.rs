//! Mounts the app into `#app`, replacing the static loading skeleton of `index.html`. Built by
//! Trunk with the `csr` feature; without it there is no page to mount into.

fn main() {
    #[cfg(feature = "csr")]
    verdicts::mount();
}
