//! The live preview for data authors. Publishes a content folder with the built app into a
//! temporary folder, serves it on 127.0.0.1, watches the folder and re-publishes on every saved
//! change; the open page reloads with an "Updated" notice, or shows the folder's problems until
//! they are fixed. `scripts/preview.sh` runs it:
//!
//! ```text
//! verdicts-preview content/ [--port 8080] [--app dist]
//! ```
//! The reload script is added to the HTML as it is served, never written into the published
//! files.

mod page;
mod site;

use std::convert::Infallible;
use std::future::IntoFuture;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{mpsc, Arc, RwLock};
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use clap::Parser;
use notify::{RecursiveMode, Watcher};
use tokio::sync::broadcast;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::{Stream, StreamExt};
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};
use verdicts_publish::Settings;

use site::{publish_folder, Published};

/// Serves a content folder as the published site, re-published and reloaded on every change.
#[derive(Parser)]
#[command(name = "verdicts-preview", version)]
struct Args {
    /// The content folder: site.toml and tools/<tool-id>.toml.
    #[arg(value_name = "DIR")]
    content: PathBuf,
    /// The port on 127.0.0.1 (0: any free port).
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// The built app (scripts/build.sh makes it in dist/).
    #[arg(long, value_name = "DIR", default_value = "dist")]
    app: PathBuf,
}

/// What the server shows: the last site published, or the problems that stopped the last
/// publication.
#[derive(Default)]
struct Shown {
    root: Option<PathBuf>,
    problems: Option<Vec<String>>,
}

struct App {
    shown: RwLock<Shown>,
    updates: broadcast::Sender<String>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    if !args.app.join("index.html").is_file() {
        eprintln!(
            "verdicts-preview: {} holds no built app: run scripts/build.sh first (or pass --app DIR)",
            args.app.display()
        );
        return ExitCode::from(2);
    }
    if !verdicts_content::is_content_folder(&args.content) {
        eprintln!(
            "verdicts-preview: {} is not a content folder: it needs site.toml and tools/<tool-id>.toml \
             (verdicts-content export --bundle FILE --to DIR makes one from a bundle)",
            args.content.display()
        );
        return ExitCode::from(2);
    }
    let work = std::env::temp_dir().join(format!("verdicts-preview-{}", std::process::id()));
    if let Err(err) = std::fs::create_dir_all(&work) {
        eprintln!("verdicts-preview: {}: {err}", work.display());
        return ExitCode::FAILURE;
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build() {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("verdicts-preview: {err}");
            return ExitCode::FAILURE;
        }
    };
    let code = runtime.block_on(run(args, work.clone()));
    let _ = std::fs::remove_dir_all(&work);
    code
}

async fn run(args: Args, work: PathBuf) -> ExitCode {
    let (updates, _) = broadcast::channel(16);
    let app = Arc::new(App { shown: RwLock::new(Shown::default()), updates });
    let address = std::net::SocketAddr::from(([127, 0, 0, 1], args.port));
    let listener = match tokio::net::TcpListener::bind(address).await {
        Ok(listener) => listener,
        Err(err) => {
            eprintln!("verdicts-preview: cannot listen on {address}: {err} (pass --port N for another port)");
            return ExitCode::from(2);
        }
    };
    // Port 0 asks the system for a free port: the address is the one listened on.
    let address = listener.local_addr().unwrap_or(address);
    // What an author checks while editing, published fast: the pages of the default and featured
    // pairs and every tool's (any other pair is shown at its folder by 404.html, the app), without
    // the link-preview images.
    let settings = match Settings::new(&format!("http://{address}/")) {
        Ok(settings) => Settings { max_pages: 0, previews: false, ..settings },
        Err(err) => {
            eprintln!("verdicts-preview: {err}");
            return ExitCode::from(2);
        }
    };

    // The first publication, then one per burst of changes, on a thread of their own.
    let (changed, changes) = mpsc::channel::<()>();
    let watched = args.content.clone();
    let mut watcher = match notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if event.is_ok_and(|e| !e.kind.is_access()) {
            let _ = changed.send(());
        }
    }) {
        Ok(watcher) => watcher,
        Err(err) => {
            eprintln!("verdicts-preview: cannot watch {}: {err}", watched.display());
            return ExitCode::FAILURE;
        }
    };
    if let Err(err) = watcher.watch(&watched, RecursiveMode::Recursive) {
        eprintln!("verdicts-preview: cannot watch {}: {err}", watched.display());
        return ExitCode::FAILURE;
    }
    let publisher = app.clone();
    let (content, app_dir, folder) = (args.content.clone(), args.app.clone(), work.clone());
    std::thread::spawn(move || republish_on_change(&publisher, &content, &app_dir, &folder, &settings, &changes));

    println!(
        "Previewing {} on http://{address}/ (Ctrl-C to stop); every saved change is published into {} and the page reloads",
        args.content.display(),
        work.display()
    );
    let router = Router::new().route("/__preview/events", get(events)).fallback(serve).with_state(app);
    // Stopping drops every connection, the pages' open event streams included.
    let served = tokio::select! {
        served = axum::serve(listener, router).into_future() => served,
        () = stopped() => Ok(()),
    };
    drop(watcher);
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("verdicts-preview: {err}");
            ExitCode::FAILURE
        }
    }
}

/// Resolves on Ctrl-C or SIGTERM: the preview then stops and removes its temporary folder.
async fn stopped() {
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = terminate => {}
    }
}

/// Publishes now, then again after each burst of changes (changes within 40 ms are one); a
/// change that leaves the compiled bundle as it was (a comment, a reformatted line, an error
/// undone) publishes nothing.
fn republish_on_change(
    app: &App,
    content: &Path,
    app_dir: &Path,
    work: &Path,
    settings: &Settings,
    changes: &mpsc::Receiver<()>,
) {
    let site = work.join("site");
    // The bundle text of the site shown.
    let mut last: Option<String> = None;
    loop {
        let message = match publish_folder(content, app_dir, &site, settings, last.as_deref()) {
            Published::Same { took, warnings } => {
                for w in &warnings {
                    println!("{w}");
                }
                // Back from errors to the site shown before them: nothing to publish again.
                let had_problems = app.shown.write().unwrap_or_else(|e| e.into_inner()).problems.take().is_some();
                println!("No change to the catalogue ({} ms)", took.as_millis());
                had_problems.then(|| "Updated".to_string())
            }
            Published::Site { root, text, took, warnings, changed } => {
                last = Some(text);
                for w in &warnings {
                    println!("{w}");
                }
                match changed {
                    Some(changed) => {
                        println!("Published in {} ms: what {changed} changed tool(s) touch", took.as_millis())
                    }
                    None => println!("Published in {} ms: the whole site", took.as_millis()),
                }
                let mut shown = app.shown.write().unwrap_or_else(|e| e.into_inner());
                shown.problems = None;
                shown.root = Some(root);
                Some("Updated".to_string())
            }
            Published::Refused { problems, took } => {
                for p in &problems {
                    eprintln!("{p}");
                }
                eprintln!("Not published ({} ms): the page shows the problems until they are fixed", took.as_millis());
                app.shown.write().unwrap_or_else(|e| e.into_inner()).problems = Some(problems);
                Some("The catalogue has errors".to_string())
            }
        };
        if let Some(message) = message {
            let _ = app.updates.send(message);
        }
        // Wait for a change, then for the burst to end (an editor's save is several events).
        if changes.recv().is_err() {
            return;
        }
        while changes.recv_timeout(Duration::from_millis(40)).is_ok() {}
    }
}

/// The reload events: `updated` after each publication.
async fn events(State(app): State<Arc<App>>) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let stream = BroadcastStream::new(app.updates.subscribe())
        .filter_map(|message| message.ok())
        .map(|message| Ok(Event::default().event("updated").data(message)));
    Sse::new(stream).keep_alive(KeepAlive::default())
}

/// A file of the site shown, HTML with the reload script; the problems page for pages while the
/// folder has errors.
async fn serve(State(app): State<Arc<App>>, request: Request) -> Response {
    let (root, problems) = {
        let shown = app.shown.read().unwrap_or_else(|e| e.into_inner());
        (shown.root.clone(), shown.problems.clone())
    };
    let path = request.uri().path();
    let is_page =
        path.ends_with('/') || path.ends_with(".html") || !path.rsplit('/').next().unwrap_or("").contains('.');
    if let Some(problems) = problems.filter(|_| is_page) {
        return html(StatusCode::OK, page::problems_page(&problems));
    }
    let Some(root) = root else {
        return html(StatusCode::SERVICE_UNAVAILABLE, page::problems_page(&["The site is being published.".into()]));
    };
    // A folder the publish left out (a pair beyond the page budget) gets the site's 404.html, the
    // app, as on a static host.
    let not_found = ServeFile::new(root.join(verdicts_publish::NOT_FOUND_PAGE));
    let Ok(response) = ServeDir::new(root).not_found_service(not_found).oneshot(request).await;
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let mut response = if is_html {
        let status = response.status();
        match axum::body::to_bytes(Body::new(response.into_body()), 16 << 20).await {
            Ok(bytes) => html(status, page::with_reload_script(&String::from_utf8_lossy(&bytes))),
            Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        }
    } else {
        response.map(Body::new)
    };
    // Every file may change with the next save.
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn html(status: StatusCode, body: String) -> Response {
    let mut response = (status, body).into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    response
}
