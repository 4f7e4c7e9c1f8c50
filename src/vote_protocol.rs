//! The community vote protocol, version 1, between the app and the vote collector
//! (`verdicts-collector`, see the README's "Collecting votes"):
//!
//! - `POST v1/votes` with `{"bundle": id, "tool": id, "voter": id, "verdict": "ship" | "skip" | null}`:
//!   the voter's current vote on a tool; a repeat never counts twice, a change replaces, `null`
//!   takes it back. Answered 2xx only once the vote is durable.
//! - `GET v1/tallies/{bundle}` → `{"tools": {"<id>": {"ship": n, "skip": n}}, "votes": n, "as_of": "…"}`.
//!
//! Paths are relative to the collector's base URL (the `verdicts:vote-endpoint` setting).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::bundle::Verdict;
use crate::percent::encode_component;

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
    /// All votes, every tool.
    pub votes: u64,
    /// When the figures were read, RFC 3339 UTC.
    pub as_of: String,
}

#[cfg(test)]
mod tests {
    use super::*;

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
