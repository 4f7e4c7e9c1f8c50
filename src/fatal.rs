//! The last line of defence: a panic shows a message with a way forward instead of a dead page.
//!
//! The message itself is the published page's inline script's (see
//! [`crate::takeover::inline_script`]): a panic aborts, the WebAssembly traps, and the script
//! sees the trap. Here the panic is only logged, where the build keeps its message.

/// Logs a panic's message to the console before the app stops.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("Verdicts stopped: {info}").into());
    }));
}
