//! Fetching: the catalogue's files (status checked, a timeout, typed errors) and the votes.

use std::sync::Arc;

use gloo_net::http::Request;
use leptos::prelude::{set_timeout_with_handle, TimeoutHandle};
use web_sys::{AbortController, AbortSignal, RequestCache};

use verdicts_catalog::bundle::{BundleError, ParseError};
use verdicts_catalog::load_error::{LoadError, LoadFailure, TIMEOUT_SECONDS};
use verdicts_catalog::site_data::{Manifest, API_VERSION};

/// Aborts a request after [`TIMEOUT_SECONDS`], on the page's own timer (so that tests can move
/// the clock instead of waiting), and forgets the timer once dropped.
struct Deadline {
    controller: Option<AbortController>,
    timer: Option<TimeoutHandle>,
}

impl Deadline {
    fn start() -> Deadline {
        let controller = AbortController::new().ok();
        let timer = controller.clone().and_then(|c| {
            set_timeout_with_handle(move || c.abort(), std::time::Duration::from_secs(TIMEOUT_SECONDS.into())).ok()
        });
        Deadline { controller, timer }
    }

    fn signal(&self) -> Option<AbortSignal> {
        self.controller.as_ref().map(AbortController::signal)
    }

    /// Whether the time ran out.
    fn passed(&self) -> bool {
        self.signal().is_some_and(|s| s.aborted())
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        if let Some(timer) = self.timer.take() {
            timer.clear();
        }
    }
}

/// Fetches `url` and reads its body as JSON of type `T`: the status checked, the page's own
/// timer as its deadline, and every failure in words.
pub async fn get_json<T: serde::de::DeserializeOwned>(url: &str, cache: RequestCache) -> Result<T, LoadError> {
    let fail = |failure| LoadError { url: url.to_string(), failure };
    let deadline = Deadline::start();
    let response = Request::get(url)
        .cache(cache)
        .abort_signal(deadline.signal().as_ref())
        .send()
        .await
        .map_err(|e| fail(classify(e, &deadline)))?;
    if !response.ok() {
        return Err(fail(LoadFailure::Http { status: response.status(), status_text: response.status_text() }));
    }
    let text = response.text().await.map_err(|e| fail(classify(e, &deadline)))?;
    if text.trim_start().starts_with('<') {
        return Err(fail(LoadFailure::Bundle(BundleError::Parse(ParseError::Html))));
    }
    // How long reading the JSON takes, per file: the benchmark's figure for serde_json.
    crate::browser::timed_read(url, || serde_json::from_str(&text)).map_err(|e| fail(LoadFailure::Data(e.to_string())))
}

/// Fetches the catalogue's entry point (revalidated: it names the current publish) and checks
/// that this app reads its version and that it has a pair to show.
pub async fn load_manifest(url: String) -> Result<Arc<Manifest>, LoadError> {
    // Not in the task that asked for it: on the first load that is the app's mount, long enough.
    crate::browser::next_task().await;
    let fail = |failure| LoadError { url: url.clone(), failure };
    let manifest: Manifest = get_json(&url, RequestCache::NoCache).await?;
    if manifest.api != API_VERSION {
        return Err(fail(LoadFailure::Bundle(BundleError::Parse(ParseError::UnsupportedVersion {
            found: manifest.api.to_string(),
            supported: API_VERSION,
        }))));
    }
    if manifest.tools < 2 {
        return Err(fail(LoadFailure::TooFewTools { tools: manifest.tools }));
    }
    Ok(Arc::new(manifest))
}

fn classify(error: gloo_net::Error, deadline: &Deadline) -> LoadFailure {
    if deadline.passed() {
        return LoadFailure::Timeout;
    }
    match error {
        gloo_net::Error::JsError(e) if e.name == "TimeoutError" || e.name == "AbortError" => LoadFailure::Timeout,
        gloo_net::Error::JsError(e) => LoadFailure::Network(e.message),
        other => LoadFailure::Network(other.to_string()),
    }
}

/// Sends one vote with its solved challenge to the collector at `endpoint` (its base URL); what
/// became of it.
pub async fn send_vote(
    endpoint: &str,
    vote: &verdicts_catalog::vote_protocol::Vote,
    proof: &verdicts_catalog::vote_proof::Proof,
) -> crate::vote_store::Sent {
    use crate::vote_store::Sent;
    let deadline = Deadline::start();
    let request = Request::post(&format!("{endpoint}{}", verdicts_catalog::vote_protocol::VOTES_PATH))
        .credentials(web_sys::RequestCredentials::Omit)
        .abort_signal(deadline.signal().as_ref())
        .header("content-type", "application/json")
        .body(vote.to_json_with(proof));
    let Ok(response) = (match request {
        Ok(request) => request.send().await,
        Err(e) => Err(e),
    }) else {
        return Sent::Failed;
    };
    let text = response.text().await.unwrap_or_default();
    match response.status() {
        200..=299 => Sent::Taken(verdicts_catalog::vote_protocol::Outcome::from_json(&text)),
        // The challenge was refused (expired, used, another difficulty): another one may pass.
        409 | 422
            if verdicts_catalog::vote_proof::REFUSALS.iter().any(|code| text.contains(&format!("\"{code}\""))) =>
        {
            Sent::ProofRefused
        }
        _ => Sent::Failed,
    }
}

/// The body of a GET from the vote collector, without cookies; `None` when it cannot be reached
/// or answers with anything but success.
async fn collector_text(url: &str, cache: RequestCache) -> Option<String> {
    let deadline = Deadline::start();
    let response = Request::get(url)
        .cache(cache)
        .credentials(web_sys::RequestCredentials::Omit)
        .abort_signal(deadline.signal().as_ref())
        .send()
        .await
        .ok()?;
    if !response.ok() {
        return None;
    }
    response.text().await.ok()
}

/// A challenge from the collector at `endpoint`, to solve for the next vote; `None` when it
/// cannot be reached or answers with anything else.
pub async fn load_challenge(endpoint: &str) -> Option<verdicts_catalog::vote_proof::Challenge> {
    let url = format!("{endpoint}{}", verdicts_catalog::vote_proof::CHALLENGE_PATH);
    let text = collector_text(&url, RequestCache::NoStore).await?;
    verdicts_catalog::vote_proof::Challenge::from_json(&text)
}

/// Reads a bundle's live tallies from the collector at `endpoint`; `None` when it cannot be
/// reached or answers with anything else.
pub async fn load_tallies(endpoint: &str, bundle: &str) -> Option<verdicts_catalog::vote_protocol::Tallies> {
    let url = format!("{endpoint}{}", verdicts_catalog::vote_protocol::tallies_path(bundle));
    // Revalidated with its ETag, so that a vote just made shows in the figures.
    let text = collector_text(&url, RequestCache::NoCache).await?;
    if text.len() > 4 * 1024 * 1024 {
        return None;
    }
    verdicts_catalog::vote_protocol::Tallies::from_json(&text)
}
