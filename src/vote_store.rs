//! The browser side of the visitor's votes: kept in `localStorage` when it works, reported to
//! the deployer's vote endpoint when one is set. The rules live in [`crate::votes`].

use std::collections::BTreeMap;

use gloo_net::http::Request;
use leptos::prelude::*;
use web_sys::RequestCredentials;

use crate::bundle::{Catalog, Verdict};
use crate::votes::{next_vote, read_stored, report, write_stored, OwnVotes, STORAGE_KEY};

/// Milliseconds a vote settles before it is reported, so that a quick vote-and-undo or a double
/// click sends one report or none, never one per click.
const REPORT_DELAY_MS: u64 = 600;

/// Whether the device keeps the visitor's votes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keeping {
    /// Stored in this browser.
    Remembered,
    /// Storage is blocked or full: the votes count for this visit only.
    ThisVisitOnly,
}

/// The visitor's votes for the loaded bundle.
#[derive(Clone, Copy)]
pub struct VoteStore {
    votes: RwSignal<OwnVotes>,
    keeping: RwSignal<Keeping>,
    /// Set when the endpoint could not be reached: votes are on this device only.
    report_failed: RwSignal<bool>,
    bundle: StoredValue<String>,
    endpoint: StoredValue<Option<String>>,
    /// What the endpoint last heard, per tool, and a counter that cancels superseded reports.
    reported: StoredValue<BTreeMap<String, (Option<Verdict>, u32)>>,
}

use crate::browser::local_storage as storage;

impl VoteStore {
    /// Reads the stored votes of this bundle, dropping anything malformed or unknown.
    pub fn load(catalog: &Catalog, endpoint: Option<String>) -> VoteStore {
        let bundle = catalog.bundle.key().to_string();
        let store = storage();
        let text = store.as_ref().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
        let read = read_stored(text.as_deref(), &bundle, |id| catalog.tool_index(id).is_some());
        // Rendered at build time there is no storage yet, and no reason to expect none.
        let keeping = if store.is_some() || cfg!(not(target_arch = "wasm32")) {
            Keeping::Remembered
        } else {
            Keeping::ThisVisitOnly
        };
        let reported = read.votes.iter().map(|(t, v)| (t.clone(), (Some(*v), 0))).collect();
        VoteStore {
            votes: RwSignal::new(read.votes),
            keeping: RwSignal::new(keeping),
            report_failed: RwSignal::new(false),
            bundle: StoredValue::new(bundle),
            endpoint: StoredValue::new(endpoint),
            reported: StoredValue::new(reported),
        }
    }

    /// The visitor's vote on a tool.
    pub fn vote(self, tool: &str) -> Option<Verdict> {
        self.votes.with(|v| v.get(tool).copied())
    }

    /// Whether votes are remembered on this device.
    pub fn keeping(self) -> Keeping {
        self.keeping.get()
    }

    /// Whether reporting to the endpoint failed.
    pub fn report_failed(self) -> bool {
        self.report_failed.get()
    }

    /// A click on Ship or Skip for `tool`.
    pub fn click(self, tool: &str, clicked: Verdict) {
        let now = next_vote(self.votes.with_untracked(|v| v.get(tool).copied()), clicked);
        self.votes.update(|votes| match now {
            Some(v) => {
                votes.insert(tool.to_string(), v);
            }
            None => {
                votes.remove(tool);
            }
        });
        self.save();
        self.schedule_report(tool.to_string());
    }

    fn save(self) {
        let saved = storage().and_then(|s| {
            let old = s.get_item(STORAGE_KEY).ok().flatten();
            let text = self.votes.with_untracked(|v| self.bundle.with_value(|b| write_stored(old.as_deref(), b, v)));
            s.set_item(STORAGE_KEY, &text).ok()
        });
        self.keeping.set(if saved.is_some() { Keeping::Remembered } else { Keeping::ThisVisitOnly });
    }

    fn schedule_report(self, tool: String) {
        if self.endpoint.with_value(Option::is_none) {
            return;
        }
        let ticket = self.reported.try_update_value(|r| {
            let entry = r.entry(tool.clone()).or_insert((None, 0));
            entry.1 += 1;
            entry.1
        });
        set_timeout(
            move || {
                let current = self.reported.with_value(|r| r.get(&tool).copied());
                if current.map(|c| c.1) != ticket {
                    return; // A later click will report.
                }
                leptos::task::spawn_local(self.send(tool));
            },
            std::time::Duration::from_millis(REPORT_DELAY_MS),
        );
    }

    async fn send(self, tool: String) {
        let Some(endpoint) = self.endpoint.get_value() else {
            return;
        };
        let before = self.reported.with_value(|r| r.get(&tool).and_then(|e| e.0));
        let now = self.votes.with_untracked(|v| v.get(&tool).copied());
        let Some(change) = self.bundle.with_value(|b| report(b, &tool, before, now)) else {
            return;
        };
        let Ok(body) = serde_json::to_string(&change) else {
            return;
        };
        let sent = match Request::post(&endpoint)
            .credentials(RequestCredentials::Omit)
            .header("content-type", "application/json")
            .body(body)
        {
            Ok(request) => request.send().await.map(|r| r.ok()).unwrap_or(false),
            Err(_) => false,
        };
        if sent {
            self.reported.update_value(|r| {
                if let Some(entry) = r.get_mut(&tool) {
                    entry.0 = now;
                }
            });
            self.report_failed.set(false);
        } else {
            self.report_failed.set(true);
        }
    }
}
