//! The small proof of work every vote carries (see docs/collector.md), shared by the collector,
//! which issues and checks it, and the app, which solves it while the visitor reads.
//!
//! The scheme is ALTCHA's first one: the collector picks a secret number `n` in `0..=max`
//! and sends `challenge = SHA-256("{salt}:{n}")` in hex, with the salt, an expiry and `max`,
//! all signed with its key (HMAC-SHA-256). The client finds `n` by trying `0, 1, 2 …`: on
//! average `max / 2` hashes, never more than `max + 1`, so the wait has a ceiling. The
//! collector checks a solution with one hash and one HMAC, whatever the difficulty.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Where a challenge is fetched, under the collector's base URL.
pub const CHALLENGE_PATH: &str = "v1/challenge";

/// The collector's error codes for a vote whose proof it refused: another challenge may pass.
pub const REFUSALS: [&str; 7] = [
    "proof_missing",
    "bad_proof",
    "proof_forged",
    "challenge_expired",
    "wrong_difficulty",
    "proof_wrong",
    "challenge_used",
];

/// A challenge as the collector issues it (`GET v1/challenge`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Challenge {
    /// Random, hex; also what makes the challenge used once.
    pub salt: String,
    /// Unix seconds after which a solution is refused.
    pub expires: u64,
    /// The secret number is at most this: the difficulty.
    pub max: u64,
    /// `SHA-256("{salt}:{n}")`, lower-case hex.
    pub challenge: String,
    /// The collector's HMAC of the above, hex.
    pub signature: String,
}

/// A solved challenge, sent with a vote as `"proof"`: the challenge's fields and `"number"`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proof {
    #[serde(flatten)]
    pub challenge: Challenge,
    pub number: u64,
}

/// Lower-case hex of bytes.
pub fn to_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut text = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        text.push(DIGITS[usize::from(b >> 4)] as char);
        text.push(DIGITS[usize::from(b & 15)] as char);
    }
    text
}

/// Bytes of lower- or upper-case hex; `None` when it is not hex.
pub fn from_hex(text: &str) -> Option<Vec<u8>> {
    if text.len() % 2 != 0 {
        return None;
    }
    let digit = |c: u8| (c as char).to_digit(16);
    text.as_bytes().chunks(2).map(|pair| Some((digit(pair[0])? * 16 + digit(pair[1])?) as u8)).collect()
}

/// `SHA-256("{salt}:{number}")`.
pub fn hash(salt: &str, number: u64) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update(salt.as_bytes());
    hasher.update(b":");
    hasher.update(decimal(number, &mut [0u8; 20]));
    hasher.finalize().into()
}

/// `number` in decimal, written into `buffer` (no allocation: the solver calls this a million
/// times).
fn decimal(mut number: u64, buffer: &mut [u8; 20]) -> &[u8] {
    let mut at = buffer.len();
    loop {
        at -= 1;
        buffer[at] = b'0' + (number % 10) as u8;
        number /= 10;
        if number == 0 {
            return &buffer[at..];
        }
    }
}

impl Challenge {
    /// What the signature covers: every field but the signature, in one unambiguous line.
    pub fn signed_text(&self) -> String {
        format!("v1|{}|{}|{}|{}", self.salt, self.expires, self.max, self.challenge)
    }

    /// Tries the numbers in `range` (within `0..=max`); the one that solves it, if there.
    /// The app calls it a slice at a time, so that no task runs long.
    pub fn search(&self, range: std::ops::Range<u64>) -> Option<u64> {
        let target = from_hex(&self.challenge)?;
        range.take_while(|n| *n <= self.max).find(|n| hash(&self.salt, *n)[..] == target[..])
    }

    /// The whole search at once (the tests, the benchmark, a script).
    pub fn solve(&self) -> Option<u64> {
        self.search(0..self.max.saturating_add(1))
    }

    /// The challenge as JSON.
    pub fn to_json(&self) -> String {
        // Strings and numbers only: serialising cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The collector's answer read from JSON; `None` when it is not a well-formed challenge.
    pub fn from_json(text: &str) -> Option<Challenge> {
        let challenge: Challenge = serde_json::from_str(text).ok()?;
        // The strings go back to the collector: short and plain, or not at all.
        let plain = |s: &str| s.len() <= 128 && s.bytes().all(|b| b.is_ascii_alphanumeric());
        [&challenge.salt, &challenge.challenge, &challenge.signature].iter().all(|s| plain(s)).then_some(challenge)
    }
}

impl Proof {
    /// The proof as JSON, as a vote's `"proof"`.
    pub fn to_json(&self) -> String {
        // Strings and numbers only: serialising cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Whether the number solves the challenge (the signature is the collector's to check).
    pub fn solves(&self) -> bool {
        self.number <= self.challenge.max
            && from_hex(&self.challenge.challenge)
                .is_some_and(|target| hash(&self.challenge.salt, self.number)[..] == target[..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn made(salt: &str, n: u64, max: u64) -> Challenge {
        Challenge {
            salt: salt.into(),
            expires: 1_800_000_000,
            max,
            challenge: to_hex(&hash(salt, n)),
            signature: "ab".repeat(32),
        }
    }

    #[test]
    fn hex_both_ways() {
        assert_eq!(to_hex(&[0, 15, 16, 255]), "000f10ff");
        assert_eq!(from_hex("000f10FF"), Some(vec![0, 15, 16, 255]));
        assert_eq!(from_hex("abc"), None);
        assert_eq!(from_hex("zz"), None);
        // SHA-256("abc:0"), by a second implementation (sha256sum).
        assert_eq!(to_hex(&hash("abc", 0)), "5f36efce86f68877cee18fda5637abb2a1bb409f4326cc741fdf13200aa26980");
    }

    #[test]
    fn numbers_in_decimal() {
        for n in [0, 7, 10, 99_999, u64::MAX] {
            assert_eq!(decimal(n, &mut [0; 20]), n.to_string().as_bytes());
        }
    }

    #[test]
    fn solved_by_search_in_slices_and_at_once() {
        let c = made("00aa", 1234, 5000);
        assert_eq!(c.solve(), Some(1234));
        assert_eq!(c.search(0..1000), None);
        assert_eq!(c.search(1000..2000), Some(1234));
        let proof = Proof { challenge: c.clone(), number: 1234 };
        assert!(proof.solves());
        assert!(!Proof { number: 1235, ..proof.clone() }.solves());
        // A number past `max` is refused even when it hashes right.
        let beyond = made("00aa", 6000, 5000);
        assert_eq!(beyond.solve(), None);
        assert!(!Proof { challenge: beyond, number: 6000 }.solves());
    }

    #[test]
    fn json_both_ways() {
        let c = made("0a1b", 7, 100);
        assert_eq!(Challenge::from_json(&c.to_json()), Some(c.clone()));
        let proof = Proof { challenge: c.clone(), number: 7 };
        let value: serde_json::Value = serde_json::from_str(&proof.to_json()).unwrap_or_default();
        assert_eq!(value["number"], 7);
        assert_eq!(value["salt"], "0a1b");
        for bad in
            ["", "[]", r#"{"salt":"a"}"#, r#"{"salt":"a b","expires":1,"max":1,"challenge":"a","signature":"a"}"#]
        {
            assert_eq!(Challenge::from_json(bad), None, "{bad}");
        }
    }
}
