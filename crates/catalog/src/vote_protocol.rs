//! The community vote protocol, version 1, between the app and the vote collector
//! (`verdicts-collector`, see docs/collector.md):
//!
//! - `POST v1/votes` with `{"bundle": id, "tool": id, "voter": id, "verdict": "ship" | "skip" | null}`:
//!   the voter's current vote on a tool; a repeat never counts twice, a change replaces, `null`
//!   takes it back. Answered 2xx only once the vote is durable.
//!   The vote carries `"proof"`, a solved challenge from `GET v1/challenge` ([`crate::vote_proof`]).
//!   The answer says whether it was counted (`"counted"`, `"held"`, and why not in `"reason"`).
//! - `GET v1/tallies/{bundle}` → `{"tools": {"<id>": {"ship": n, "skip": n}}, "held": {"<id>": n},
//!   "votes": n, "as_of": "…"}` (`held` only when some are).
//!
//! Paths are relative to the collector's base URL (the `verdicts:vote-endpoint` setting).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::bundle::Verdict;
use crate::percent::encode_component;
use crate::vote_proof::Proof;

/// Where votes are posted, under the collector's base URL.
pub const VOTES_PATH: &str = "v1/votes";
/// The largest request body the collector reads.
pub const MAX_BODY_BYTES: usize = 1024;
/// The shortest and longest voter id.
pub const VOTER_LEN: std::ops::RangeInclusive<usize> = 16..=64;

/// Where a bundle's tallies are read, under the collector's base URL.
pub fn tallies_path(bundle: &str) -> String {
    format!("v1/tallies/{}", encode_component(bundle))
}

/// A voter id: 16 to 64 characters of `A-Z a-z 0-9 _ -`.
pub fn is_voter_id(id: &str) -> bool {
    VOTER_LEN.contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// A voter id from 16 random bytes: 22 characters of the URL-safe base64 alphabet.
pub fn voter_id_from(bytes: [u8; 16]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut bits: u128 = u128::from_be_bytes(bytes);
    (0..22)
        .map(|_| {
            let c = ALPHABET[(bits & 63) as usize] as char;
            bits >>= 6;
            c
        })
        .collect()
}

/// One vote as posted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vote {
    pub bundle: String,
    pub tool: String,
    pub voter: String,
    /// The vote now; `null` takes it back.
    pub verdict: Option<Verdict>,
}

impl Vote {
    /// The vote as posted, in JSON.
    pub fn to_json(&self) -> String {
        // Strings only: serialising cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The vote as posted with its solved challenge (`"proof"`), in JSON.
    pub fn to_json_with(&self, proof: &Proof) -> String {
        #[derive(Serialize)]
        struct Posted<'a> {
            #[serde(flatten)]
            vote: &'a Vote,
            proof: &'a Proof,
        }
        serde_json::to_string(&Posted { vote: self, proof }).unwrap_or_default()
    }
}

/// What the collector did with a vote it took (`200`): counted, held for review, or kept out
/// of the tallies (over the daily limit of its network).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Counted,
    /// Counted once reviewed, or after a while (an unusual burst of votes for the tool).
    Held,
    /// Not counted today: the network has had its share of votes for the tool today.
    NotCounted,
}

impl Outcome {
    /// The answer read from the collector's JSON: `"counted": true`, else `"held": true`, else
    /// not counted. An answer without `counted` (a collector from before), or one that cannot be
    /// read, counts: the collector took the vote.
    pub fn from_json(text: &str) -> Outcome {
        #[derive(Deserialize)]
        struct Answer {
            counted: Option<bool>,
            held: Option<bool>,
        }
        match serde_json::from_str::<Answer>(text) {
            Ok(Answer { counted: Some(false), held: Some(true) }) => Outcome::Held,
            Ok(Answer { counted: Some(false), .. }) => Outcome::NotCounted,
            _ => Outcome::Counted,
        }
    }
}

/// One tool's live counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub ship: u64,
    pub skip: u64,
}

/// A bundle's live tallies.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tallies {
    pub tools: BTreeMap<String, Counts>,
    /// Per tool, votes held back (an unusual burst), not in `tools` until reviewed or released.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub held: BTreeMap<String, u64>,
    /// All votes, every tool.
    pub votes: u64,
    /// When the figures were read, RFC 3339 UTC.
    pub as_of: String,
}

impl Tallies {
    /// The collector's answer read from JSON; `None` when it is not a well-formed answer.
    pub fn from_json(text: &str) -> Option<Tallies> {
        serde_json::from_str(text).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn votes_round_trip_and_malformed_tallies_are_refused() {
        for verdict in [Some(Verdict::Ship), Some(Verdict::Skip), None] {
            let vote =
                Vote { bundle: "weekly \"ai\"".into(), tool: "kestrel-7".into(), voter: "v\\x\n".into(), verdict };
            let read: Vote = serde_json::from_str(&vote.to_json()).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(read, vote);
        }
        let tallies = Tallies {
            tools: [("a".to_string(), Counts { ship: 3, skip: u64::MAX }), ("é\"".to_string(), Counts::default())]
                .into(),
            held: [("a".to_string(), 4)].into(),
            votes: 7,
            as_of: "2026-11-23T12:00:00Z".into(),
        };
        let text = serde_json::to_string(&tallies).unwrap_or_default();
        assert_eq!(Tallies::from_json(&text), Some(tallies));
        for bad in [
            "",
            "[]",
            r#"{"tools": {}, "votes": 1}"#,
            r#"{"tools": {"a": {"ship": 1}}, "votes": 1, "as_of": ""}"#,
            r#"{"tools": {"a": {"ship": -1, "skip": 0}}, "votes": 1, "as_of": ""}"#,
            r#"{"tools": {}, "votes": 1, "votes": 2, "as_of": ""}"#,
            r#"{"tools": {}, "votes": 1, "as_of": ""} x"#,
        ] {
            assert_eq!(Tallies::from_json(bad), None, "{bad}");
            assert!(serde_json::from_str::<Tallies>(bad).is_err(), "{bad}");
        }
        let extra = r#"{"tools": {"a": {"ship": 1, "skip": 2, "x": [1]}}, "votes": 3, "as_of": "t", "new": {}}"#;
        assert_eq!(Tallies::from_json(extra), serde_json::from_str::<Tallies>(extra).ok());
    }

    #[test]
    fn what_the_collector_did_with_a_vote() {
        assert_eq!(Outcome::from_json(r#"{"ok":true,"counted":true,"held":false}"#), Outcome::Counted);
        assert_eq!(Outcome::from_json(r#"{"ok":true,"counted":false,"held":true}"#), Outcome::Held);
        let over = r#"{"ok":true,"counted":false,"held":false,"reason":"daily_limit","message":"…"}"#;
        assert_eq!(Outcome::from_json(over), Outcome::NotCounted);
        assert_eq!(Outcome::from_json(r#"{"ok":true}"#), Outcome::Counted, "a collector from before counts");
        assert_eq!(Outcome::from_json("not json"), Outcome::Counted);
        let without = r#"{"tools": {}, "votes": 0, "as_of": "t"}"#;
        assert_eq!(Tallies::from_json(without).map(|t| t.held.is_empty()), Some(true));
    }

    #[test]
    fn a_vote_with_its_proof() {
        use crate::vote_proof::{Challenge, Proof};
        let vote = Vote { bundle: "b".into(), tool: "t".into(), voter: "v".into(), verdict: Some(Verdict::Ship) };
        let challenge =
            Challenge { salt: "aa".into(), expires: 9, max: 10, challenge: "bb".into(), signature: "cc".into() };
        let text = vote.to_json_with(&Proof { challenge, number: 3 });
        let value: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
        assert_eq!(value["verdict"], "ship");
        assert_eq!(value["proof"]["number"], 3);
        assert_eq!(value["proof"]["signature"], "cc");
    }

    #[test]
    fn voter_ids_are_checked_and_made_well() {
        assert!(is_voter_id("abcdefghij_-0123"));
        assert!(!is_voter_id("short"));
        assert!(!is_voter_id(&"a".repeat(65)));
        assert!(!is_voter_id("abcdefghij_-012é"));
        assert!(!is_voter_id("abcdefghij 0123456"));
        let id = voter_id_from([0xff; 16]);
        assert_eq!(id.len(), 22);
        assert!(is_voter_id(&id));
        assert_ne!(voter_id_from([1; 16]), voter_id_from([2; 16]));
        assert_eq!(tallies_path("weekly ai/x"), "v1/tallies/weekly%20ai%2Fx");
    }
}
