//! The visitor's own community votes: what a click does, how votes are stored on the device and
//! read back (validated, never trusted), and what is sent to the vote collector.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::bundle::Verdict;
use crate::vote_protocol::Vote;

/// The `localStorage` key; the version changes if the stored format ever does.
pub const STORAGE_KEY: &str = "verdicts:votes:v1";
/// A stored value larger than this is discarded unread.
pub const MAX_STORED_BYTES: usize = 256 * 1024;
/// The most votes kept for one bundle.
pub const MAX_VOTES_PER_BUNDLE: usize = 5_000;
/// The longest tool id or bundle key kept.
pub const MAX_ID_LEN: usize = 200;

/// The visitor's votes in one bundle: tool id → verdict.
pub type OwnVotes = BTreeMap<String, Verdict>;

/// What a click on Ship or Skip does: the same verdict again takes the vote back.
pub fn next_vote(current: Option<Verdict>, clicked: Verdict) -> Option<Verdict> {
    (current != Some(clicked)).then_some(clicked)
}

fn verdict_of(word: &str) -> Option<Verdict> {
    match word {
        "ship" => Some(Verdict::Ship),
        "skip" => Some(Verdict::Skip),
        _ => None,
    }
}

/// The stored text's bundles, each key with its value, when the text is one JSON object (a key
/// written twice counts once, its last value).
fn stored_entries(text: &str) -> Option<Map<String, Value>> {
    serde_json::from_str(text).ok()
}

/// One bundle's stored votes (an object of tool id → "ship" or "skip"), each with whether it
/// is well-formed; `None` when the value is not an object.
fn entry_votes(value: &Value) -> Option<Vec<(&String, Option<Verdict>)>> {
    let votes = value.as_object()?;
    Some(votes.iter().map(|(tool, verdict)| (tool, verdict.as_str().and_then(verdict_of))).collect())
}

/// Votes read back from storage.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StoredVotes {
    pub votes: OwnVotes,
    /// Whether anything stored was unreadable and dropped.
    pub discarded: bool,
}

/// Reads the votes of bundle `bundle` from the stored text, keeping only well-formed votes for
/// tools that `is_tool` knows. Bad JSON, wrong types and oversized values are dropped.
pub fn read_stored(text: Option<&str>, bundle: &str, is_tool: impl Fn(&str) -> bool) -> StoredVotes {
    let Some(text) = text else {
        return StoredVotes::default();
    };
    let bad = StoredVotes { votes: OwnVotes::new(), discarded: true };
    if text.len() > MAX_STORED_BYTES {
        return bad;
    }
    let Some(root) = stored_entries(text) else {
        return bad;
    };
    let Some(entry) = root.get(bundle) else {
        return StoredVotes::default();
    };
    let Some(entry) = entry_votes(entry) else {
        return bad;
    };
    let mut read = StoredVotes::default();
    for (tool, verdict) in entry {
        match verdict {
            Some(v) if tool.len() <= MAX_ID_LEN && is_tool(tool) && read.votes.len() < MAX_VOTES_PER_BUNDLE => {
                read.votes.insert(tool.clone(), v);
            }
            _ => read.discarded = true,
        }
    }
    read
}

/// The text to store: `votes` for `bundle`, beside the well-formed votes of other bundles
/// already stored (an unreadable old value is replaced).
pub fn write_stored(existing: Option<&str>, bundle: &str, votes: &OwnVotes) -> String {
    let mut root: Map<String, Value> = existing
        .filter(|t| t.len() <= MAX_STORED_BYTES)
        .and_then(stored_entries)
        .unwrap_or_default()
        .into_iter()
        .filter(|(key, value)| key.len() <= MAX_ID_LEN && value.is_object())
        .collect();
    if votes.is_empty() {
        root.remove(bundle);
    } else {
        let entry = votes.iter().map(|(tool, v)| (tool.clone(), Value::from(v.as_str()))).collect();
        root.insert(bundle.to_string(), Value::Object(entry));
    }
    Value::Object(root).to_string()
}

/// The `localStorage` key of what the vote collector acknowledged, per bundle and tool, in the
/// same format as the votes: what the live tallies already count of this visitor.
pub const ACKED_KEY: &str = "verdicts:acked:v1";
/// The `localStorage` key of this browser's voter id.
pub const VOTER_KEY: &str = "verdicts:voter:v1";

/// The vote to send to the collector for a tool whose vote went from `acked` (what the collector
/// last acknowledged) to `now`; `None` when the collector already has it, e.g. after a vote and
/// its undo in quick succession.
pub fn vote_to_send(
    bundle: &str,
    tool: &str,
    voter: &str,
    acked: Option<Verdict>,
    now: Option<Verdict>,
) -> Option<Vote> {
    (acked != now).then(|| Vote { bundle: bundle.into(), tool: tool.into(), voter: voter.into(), verdict: now })
}
