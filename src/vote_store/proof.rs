//! The proof of work each vote carries ([`verdicts_catalog::vote_proof`]): a challenge is
//! fetched and solved once the collector is known, while the visitor reads, so that a vote is
//! sent at once when it has settled. The search runs in slices of [`SLICE`] numbers, each its
//! own task (the next one queued through a `MessageChannel`, which no timer clamps), so the page
//! never stops answering: a slice takes a few milliseconds, far under 50 ms even on a slow phone.

use super::*;
use verdicts_catalog::vote_proof::{Challenge, Proof};

/// Numbers tried in one task.
pub(super) const SLICE: u64 = 1_000;

impl VoteStore {
    /// Fetches and solves a challenge for the next vote, unless one is ready or on its way.
    pub(super) fn prepare_proof(self) {
        if self.endpoint.with_value(Option::is_none)
            || self.proof.with_value(Option::is_some)
            || self.solving.get_value()
            || !cfg!(feature = "csr")
        {
            return;
        }
        self.solving.set_value(true);
        leptos::task::spawn_local(async move {
            let solved = self.solve_one().await;
            self.solving.set_value(false);
            self.proof.set_value(solved);
            // Whoever waits for it looks again (and, if it failed, tries itself).
            for wake in self.waiting.try_update_value(std::mem::take).unwrap_or_default() {
                wake();
            }
        });
    }

    /// A proof for the vote about to be sent: the one ready, else the one being solved, else
    /// one solved now. `None` when the collector gave no challenge.
    pub(super) async fn take_proof(self) -> Option<Proof> {
        if self.solving.get_value() {
            self.wait_for_solver().await;
        }
        let ready = self.proof.try_update_value(Option::take).flatten();
        let proof = match ready {
            Some(proof) => Some(proof),
            None => self.solve_one().await,
        };
        self.prepare_proof();
        proof
    }

    /// Forgets the proof ready (the collector refused one like it).
    pub(super) fn drop_proof(self) {
        self.proof.set_value(None);
    }

    async fn solve_one(self) -> Option<Proof> {
        let endpoint = self.endpoint.get_value()?;
        #[cfg(feature = "csr")]
        let challenge = crate::api::load_challenge(&endpoint).await;
        // Natively (the pages rendered at publish time) nothing is fetched.
        #[cfg(not(feature = "csr"))]
        let challenge: Option<Challenge> = {
            let _ = endpoint;
            None
        };
        solve_in_slices(challenge?).await
    }

    #[cfg(feature = "csr")]
    async fn wait_for_solver(self) {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            self.waiting.update_value(|w| {
                w.push(Box::new(move || {
                    let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
                }))
            });
        });
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }

    #[cfg(not(feature = "csr"))]
    async fn wait_for_solver(self) {}
}

/// Searches the challenge's numbers a slice per task; the proof, or `None` if no number solves
/// it (a challenge that was not made right).
/// The benchmark reads how long it took from two marks (`scripts/proof-bench.mjs`).
async fn solve_in_slices(challenge: Challenge) -> Option<Proof> {
    crate::browser::mark("verdicts:proof-start");
    let mut from = 0u64;
    while from <= challenge.max {
        let to = from.saturating_add(SLICE);
        if let Some(number) = challenge.search(from..to) {
            crate::browser::mark("verdicts:proof-solved");
            return Some(Proof { challenge, number });
        }
        from = to;
        next_task().await;
    }
    None
}

/// Lets the browser run whatever waits (input, rendering) before the next slice.
#[cfg(feature = "csr")]
async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let Ok(channel) = web_sys::MessageChannel::new() else {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
            return;
        };
        channel.port1().set_onmessage(Some(&resolve));
        let _ = channel.port2().post_message(&wasm_bindgen::JsValue::NULL);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

#[cfg(not(feature = "csr"))]
async fn next_task() {}

/// What became of a vote sent to the collector.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sent {
    Taken(verdicts_catalog::vote_protocol::Outcome),
    /// Its proof was refused (expired, used, of another difficulty): another may pass.
    ProofRefused,
    /// Not reached, or refused otherwise.
    Failed,
}
