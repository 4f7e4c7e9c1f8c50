//! The browser side of the visitor's votes: kept in `localStorage` when it works, sent to the
//! deployer's vote collector when one is set, whose live tallies are read after the bundle and
//! after each acknowledged vote. The rules live in [`verdicts_catalog::votes`]; the protocol in
//! [`verdicts_catalog::vote_protocol`]. Sending votes and reading the tallies are in `collector.rs`.

mod collector;

use std::collections::BTreeMap;

use leptos::prelude::*;

use verdicts_catalog::bundle::figures::CommunityTally;
use verdicts_catalog::bundle::{Verdict, Votes};
use verdicts_catalog::vote_protocol::{Counts, Tallies};
use verdicts_catalog::votes::{next_vote, read_stored, write_stored, OwnVotes, ACKED_KEY, STORAGE_KEY, VOTER_KEY};

/// Whether the device keeps the visitor's votes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keeping {
    /// Stored in this browser.
    Remembered,
    /// Storage is blocked or full: the votes count for this visit only.
    ThisVisitOnly,
}

/// The collector's live counts, and what they held of this visitor when they were read.
#[derive(Clone, Debug, Default, PartialEq)]
struct Live {
    tools: BTreeMap<String, Counts>,
    acked: OwnVotes,
}

/// The visitor's votes for the loaded bundle.
#[derive(Clone, Copy)]
pub struct VoteStore {
    votes: RwSignal<OwnVotes>,
    keeping: RwSignal<Keeping>,
    /// Set when the collector could not be reached: votes are on this device only.
    send_failed: RwSignal<bool>,
    /// The live tallies, once read.
    live: RwSignal<Option<Live>>,
    bundle: StoredValue<String>,
    /// The collector's base URL, with its trailing slash.
    endpoint: StoredValue<Option<String>>,
    voter: StoredValue<String>,
    /// What the collector acknowledged, per tool.
    acked: StoredValue<OwnVotes>,
    /// A counter per tool that cancels superseded sends.
    tickets: StoredValue<BTreeMap<String, u32>>,
}

use crate::browser::local_storage as storage;

/// This browser's voter id: kept with the votes, or made for this visit when storage is blocked.
fn voter_id() -> String {
    let store = storage();
    if let Some(id) = store.as_ref().and_then(|s| s.get_item(VOTER_KEY).ok().flatten()) {
        if verdicts_catalog::vote_protocol::is_voter_id(&id) {
            return id;
        }
    }
    let id = verdicts_catalog::vote_protocol::voter_id_from(crate::browser::random_bytes());
    if let Some(s) = store {
        let _ = s.set_item(VOTER_KEY, &id);
    }
    id
}

impl VoteStore {
    /// Reads the stored votes of the bundle `bundle` (its key), dropping anything malformed, and,
    /// with a collector, reads its tallies and sends what it has not acknowledged yet. A vote for
    /// a tool this visit has not read is kept: the catalogue is read a tool at a time.
    pub fn load(bundle: &str, endpoint: Option<String>) -> VoteStore {
        let bundle = bundle.to_string();
        let store = storage();
        let read = |key: &str| {
            let text = store.as_ref().and_then(|s| s.get_item(key).ok().flatten());
            read_stored(text.as_deref(), &bundle, verdicts_catalog::bundle::is_slug).votes
        };
        let (votes, acked) = (read(STORAGE_KEY), read(ACKED_KEY));
        // Rendered at publish time there is no storage yet, and no reason to expect none.
        let keeping =
            if store.is_some() || cfg!(not(feature = "csr")) { Keeping::Remembered } else { Keeping::ThisVisitOnly };
        let endpoint = endpoint.map(|e| if e.ends_with('/') { e } else { format!("{e}/") });
        let mut unsent: Vec<String> =
            votes.keys().chain(acked.keys()).filter(|id| votes.get(*id) != acked.get(*id)).cloned().collect();
        unsent.sort();
        unsent.dedup();
        let with_collector = endpoint.is_some();
        let store = VoteStore {
            votes: RwSignal::new(votes),
            keeping: RwSignal::new(keeping),
            send_failed: RwSignal::new(false),
            live: RwSignal::new(None),
            bundle: StoredValue::new(bundle),
            endpoint: StoredValue::new(endpoint),
            voter: StoredValue::new(if with_collector { voter_id() } else { String::new() }),
            acked: StoredValue::new(acked),
            tickets: StoredValue::new(BTreeMap::new()),
        };
        if with_collector && cfg!(feature = "csr") {
            store.refresh_tallies();
            for tool in unsent {
                store.schedule_send(tool);
            }
        }
        store
    }

    /// The visitor's vote on a tool.
    pub fn vote(self, tool: &str) -> Option<Verdict> {
        self.votes.with(|v| v.get(tool).copied())
    }

    /// The community tally of a tool: the bundle's counts (`votes`), the collector's live counts
    /// when they could be read, and the visitor's own vote, counted once.
    pub fn tally(self, tool: &str, votes: Votes, min_votes: u32) -> CommunityTally {
        let own = self.vote(tool);
        self.live.with(|live| match live {
            Some(live) => CommunityTally::live(
                votes,
                live.tools.get(tool).copied().unwrap_or_default(),
                live.acked.get(tool).copied(),
                own,
                min_votes,
            ),
            None => CommunityTally::new(votes, own, min_votes),
        })
    }

    /// The community tally of the tool on `side` of the pair shown.
    pub fn tally_on(self, pair: crate::pair::Pair, side: crate::pair::Side) -> Option<CommunityTally> {
        let index = pair.tool_index(side);
        pair.catalog.with(|c| {
            let t = c.tool(index)?;
            Some(self.tally(&t.id, t.community, c.bundle.community.min_votes))
        })
    }

    /// Whether votes are remembered on this device.
    pub fn keeping(self) -> Keeping {
        self.keeping.get()
    }

    /// Whether sending to the collector failed.
    pub fn report_failed(self) -> bool {
        self.send_failed.get()
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
        let saved = self.votes.with_untracked(|v| self.save(STORAGE_KEY, v));
        self.keeping.set(if saved { Keeping::Remembered } else { Keeping::ThisVisitOnly });
        self.schedule_send(tool.to_string());
    }

    /// Stores `votes` of this bundle under `key`; whether it worked.
    fn save(self, key: &str, votes: &OwnVotes) -> bool {
        storage()
            .and_then(|s| {
                let old = s.get_item(key).ok().flatten();
                let text = self.bundle.with_value(|b| write_stored(old.as_deref(), b, votes));
                s.set_item(key, &text).ok()
            })
            .is_some()
    }
}
