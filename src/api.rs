//! Fetching the bundle: status checked, size capped, a timeout, typed errors.

use std::cell::Cell;
use std::rc::Rc;
use std::sync::Arc;

use gloo_net::http::Request;
use leptos::prelude::{set_timeout, set_timeout_with_handle, TimeoutHandle};
use web_sys::{AbortController, AbortSignal, RequestCache};

use crate::browser::mark;
use verdicts_catalog::bundle::warm_up::{warm_up, warm_up_delay, WARM_UP_STEPS};
use verdicts_catalog::bundle::Catalog;
use verdicts_catalog::load_error::{LoadError, LoadFailure, MAX_BUNDLE_BYTES, TIMEOUT_SECONDS};

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

/// Warms the bundle reader up while a large bundle arrives (see [`verdicts_catalog::bundle::warm_up`]),
/// one step per task; dropped when the body is in, which stops the steps not yet run.
struct WarmUp(Rc<Cell<bool>>);

impl WarmUp {
    fn schedule(declared_bytes: Option<u64>) -> WarmUp {
        let arrived = Rc::new(Cell::new(false));
        if let Some(delay) = warm_up_delay(declared_bytes) {
            warm_up_step(arrived.clone(), 0, delay);
        }
        WarmUp(arrived)
    }
}

fn warm_up_step(arrived: Rc<Cell<bool>>, step: usize, delay: std::time::Duration) {
    set_timeout(
        move || {
            if arrived.get() || step >= WARM_UP_STEPS {
                return;
            }
            mark("verdicts:warm-up-start");
            warm_up();
            mark("verdicts:warm-up-end");
            warm_up_step(arrived, step + 1, std::time::Duration::ZERO);
        },
        delay,
    );
}

impl Drop for WarmUp {
    fn drop(&mut self) {
        self.0.set(true);
    }
}

/// Fetches, parses, validates and indexes the bundle at `url`.
pub async fn load_bundle(url: String) -> Result<Arc<Catalog>, LoadError> {
    // Not in the task that asked for it: on the first load that is the app's mount, long enough.
    crate::browser::next_task().await;
    let fail = |failure| LoadError { url: url.clone(), failure };
    let deadline = Deadline::start();
    let response = Request::get(&url)
        .cache(RequestCache::NoCache)
        .abort_signal(deadline.signal().as_ref())
        .send()
        .await
        .map_err(|e| fail(classify(e, &deadline)))?;
    if !response.ok() {
        return Err(fail(LoadFailure::Http { status: response.status(), status_text: response.status_text() }));
    }
    let declared = response.headers().get("content-length").and_then(|v| v.trim().parse::<u64>().ok());
    if let Some(bytes) = declared.filter(|b| *b > MAX_BUNDLE_BYTES) {
        return Err(fail(LoadFailure::TooLarge { bytes }));
    }
    let warm_up = WarmUp::schedule(declared);
    let text = response.text().await.map_err(|e| fail(classify(e, &deadline)))?;
    drop(warm_up);
    if text.len() as u64 > MAX_BUNDLE_BYTES {
        return Err(fail(LoadFailure::TooLarge { bytes: text.len() as u64 }));
    }
    mark("verdicts:parse-start");
    let catalog = Catalog::from_text_with(&text, || mark("verdicts:parsed"))
        .map(Arc::new)
        .map_err(|e| fail(LoadFailure::Bundle(e)));
    mark("verdicts:parse-end");
    // The comparison is built in a task of its own, not in the one that parsed.
    crate::browser::next_task().await;
    match catalog {
        Ok(c) if c.default_pair().is_none() => Err(fail(LoadFailure::TooFewTools { tools: c.tools().len() })),
        other => other,
    }
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

/// A challenge from the collector at `endpoint`, to solve for the next vote; `None` when it
/// cannot be reached or answers with anything else.
pub async fn load_challenge(endpoint: &str) -> Option<verdicts_catalog::vote_proof::Challenge> {
    let deadline = Deadline::start();
    let response = Request::get(&format!("{endpoint}{}", verdicts_catalog::vote_proof::CHALLENGE_PATH))
        .cache(RequestCache::NoStore)
        .credentials(web_sys::RequestCredentials::Omit)
        .abort_signal(deadline.signal().as_ref())
        .send()
        .await
        .ok()?;
    if !response.ok() {
        return None;
    }
    let text = response.text().await.ok()?;
    verdicts_catalog::vote_proof::Challenge::from_json(&text)
}

/// Reads a bundle's live tallies from the collector at `endpoint`; `None` when it cannot be
/// reached or answers with anything else.
pub async fn load_tallies(endpoint: &str, bundle: &str) -> Option<verdicts_catalog::vote_protocol::Tallies> {
    let deadline = Deadline::start();
    // Revalidated with its ETag, so that a vote just made shows in the figures.
    let response = Request::get(&format!("{endpoint}{}", verdicts_catalog::vote_protocol::tallies_path(bundle)))
        .cache(RequestCache::NoCache)
        .credentials(web_sys::RequestCredentials::Omit)
        .abort_signal(deadline.signal().as_ref())
        .send()
        .await
        .ok()?;
    if !response.ok() {
        return None;
    }
    let text = response.text().await.ok()?;
    if text.len() > 4 * 1024 * 1024 {
        return None;
    }
    verdicts_catalog::vote_protocol::Tallies::from_json(&text)
}
