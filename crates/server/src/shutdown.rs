//! When a server should stop: Ctrl-C, or SIGTERM on Unix (what a process manager sends). Shared by
//! the collector and the site server.

/// Resolves at the first Ctrl-C or SIGTERM. Without a SIGTERM handler (the system refused one),
/// Ctrl-C alone still stops the server.
pub async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! { _ = ctrl_c => {}, _ = term.recv() => {} }
            }
            Err(_) => {
                let _ = ctrl_c.await;
            }
        }
    }
    #[cfg(not(unix))]
    let _ = ctrl_c.await;
}
