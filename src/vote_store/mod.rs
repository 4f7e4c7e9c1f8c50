//! The browser side of the visitor's votes: kept in `localStorage` when it works, sent to the
//! deployer's vote collector when one is set, whose live tallies are read after the bundle and
//! after each acknowledged vote. The rules live in [`verdicts_catalog::votes`]; the protocol in
//! [`verdicts_catalog::vote_protocol`]. Sending votes and reading the tallies are in `collector.rs`.

mod collector;
mod proof;

pub use proof::Sent;

use std::collections::BTreeMap;

use leptos::prelude::*;

use verdicts_catalog::bundle::figures::CommunityTally;
use verdicts_catalog::bundle::{Verdict, Votes};
use verdicts_catalog::vote_proof::Proof;
use verdicts_catalog::vote_protocol::{Counts, Outcome, Tallies};
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
    /// Votes held back per tool (an unusual burst), not in `tools`.
    held: BTreeMap<String, u64>,
    acked: OwnVotes,
}

/// Where the collector put the visitor's acknowledged vote on a tool.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    /// Counted (or not sent yet, or no collector).
    Counted,
    /// Kept on the device, not counted today: the network's daily share for the tool is used.
    NotCounted,
    /// Held with a burst of votes for the tool, counted once reviewed.
    Held,
}

/// The `localStorage` keys of the votes the collector took but did not count (over the daily
/// limit) and of those it holds for review, per bundle and tool, in the votes' format.
const NOT_COUNTED_KEY: &str = "verdicts:not-counted:v1";
const HELD_KEY: &str = "verdicts:held:v1";

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
    /// Acknowledged votes the collector did not count today, and those it holds.
    not_counted: RwSignal<OwnVotes>,
    held: RwSignal<OwnVotes>,
    /// A solved challenge for the next vote, whether one is being solved, and who waits for it.
    proof: StoredValue<Option<Proof>>,
    solving: StoredValue<bool>,
    waiting: StoredValue<Vec<Box<dyn FnOnce()>>, LocalStorage>,
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
        let (not_counted, held) = (read(NOT_COUNTED_KEY), read(HELD_KEY));
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
            not_counted: RwSignal::new(not_counted),
            held: RwSignal::new(held),
            proof: StoredValue::new(None),
            solving: StoredValue::new(false),
            waiting: StoredValue::new_local(Vec::new()),
        };
        if with_collector && cfg!(feature = "csr") {
            store.refresh_tallies();
            // Solved while the visitor reads, so that a vote goes out as soon as it settles.
            store.prepare_proof();
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
    /// A vote the collector took but does not count (over the daily limit, or held) is in
    /// neither: the figure is what is counted.
    pub fn tally(self, tool: &str, votes: Votes, min_votes: u32) -> CommunityTally {
        let own = self.vote(tool);
        let uncounted = match self.standing(tool) {
            Standing::Counted => None,
            Standing::NotCounted => self.not_counted.with(|n| n.get(tool).copied()),
            Standing::Held => self.held.with(|h| h.get(tool).copied()),
        };
        let own = own.filter(|v| uncounted != Some(*v));
        self.live.with(|live| match live {
            Some(live) => CommunityTally::live(
                votes,
                live.tools.get(tool).copied().unwrap_or_default(),
                live.acked.get(tool).copied().filter(|v| uncounted != Some(*v)),
                own,
                min_votes,
            ),
            None => CommunityTally::new(votes, own, min_votes),
        })
    }

    /// Where the collector put the visitor's vote on a tool: only a vote that is still the
    /// visitor's vote has a standing other than counted.
    pub fn standing(self, tool: &str) -> Standing {
        let own = self.vote(tool);
        if own.is_some() && self.not_counted.with(|n| n.get(tool).copied()) == own {
            Standing::NotCounted
        } else if own.is_some() && self.held.with(|h| h.get(tool).copied()) == own {
            Standing::Held
        } else {
            Standing::Counted
        }
    }

    /// Votes for a tool the collector holds for review (not in its figure).
    pub fn held_for_review(self, tool: &str) -> u64 {
        self.live.with(|live| live.as_ref().and_then(|l| l.held.get(tool).copied()).unwrap_or(0))
    }

    /// Records what the collector did with the vote `now` on `tool`.
    fn record(self, tool: &str, now: Option<Verdict>, outcome: Outcome) {
        let set = |map: RwSignal<OwnVotes>, on: bool| {
            map.update(|m| match (now, on) {
                (Some(v), true) => {
                    m.insert(tool.to_string(), v);
                }
                _ => {
                    m.remove(tool);
                }
            })
        };
        set(self.not_counted, outcome == Outcome::NotCounted);
        set(self.held, outcome == Outcome::Held);
        self.not_counted.with_untracked(|n| self.save(NOT_COUNTED_KEY, n));
        self.held.with_untracked(|h| self.save(HELD_KEY, h));
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
