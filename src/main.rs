//! Mounts the app into `#app`, replacing the static loading skeleton of `index.html`.

fn main() {
    verdicts::mount();
}
