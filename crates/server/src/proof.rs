//! The proof of work a vote carries: challenges issued by `GET /v1/challenge`, signed with the
//! collector's key (kept in the database, so every instance signs and checks alike), and a
//! vote's solution checked before it is queued. That a challenge is used once is checked in the
//! database, in the vote's transaction (`store/rules.rs`). The scheme is in
//! [`verdicts_catalog::vote_proof`].

use std::sync::Arc;

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::error::ApiError;
use crate::{unix_seconds, Shared};
use verdicts_catalog::vote_proof::{from_hex, hash, to_hex, Challenge, Proof};

/// The secret numbers are at most this unless told: at most 150,000 hashes for half of the
/// solutions (see docs/collector.md for the times measured).
pub const DEFAULT_DIFFICULTY: u64 = 300_000;
/// How long a challenge may be solved and used, unless told: the visitor reads first.
pub const DEFAULT_CHALLENGE_SECONDS: u64 = 3600;

fn mac(key: &[u8]) -> Option<Hmac<Sha256>> {
    Hmac::<Sha256>::new_from_slice(key).ok()
}

/// A new challenge: a random salt and secret number, signed.
pub fn issue(key: &[u8], max: u64, expires: u64) -> Result<Challenge, String> {
    let mut random = [0u8; 24];
    getrandom::getrandom(&mut random).map_err(|e| format!("no randomness: {e}"))?;
    let salt = to_hex(&random[..16]);
    let number = u64::from_le_bytes(random[16..24].try_into().unwrap_or([0; 8])) % max.saturating_add(1).max(1);
    let target = to_hex(&hash(&salt, number));
    let mut challenge = Challenge { salt, expires, max, challenge: target, signature: String::new() };
    let mut signer = mac(key).ok_or("a key HMAC refuses")?;
    signer.update(challenge.signed_text().as_bytes());
    challenge.signature = to_hex(&signer.finalize().into_bytes());
    Ok(challenge)
}

/// Checks a solution: signed by this collector, not expired, of the difficulty asked now, and
/// solved. (Used once is the database's to check.)
pub fn check(key: &[u8], proof: &Proof, max: u64, now: u64) -> Result<(), ApiError> {
    let c = &proof.challenge;
    let signature = from_hex(&c.signature).ok_or(ApiError::ProofForged)?;
    let mut verifier = mac(key).ok_or(ApiError::ProofForged)?;
    verifier.update(c.signed_text().as_bytes());
    // Compared in constant time.
    verifier.verify_slice(&signature).map_err(|_| ApiError::ProofForged)?;
    if c.expires < now {
        return Err(ApiError::ChallengeExpired);
    }
    if c.max != max {
        return Err(ApiError::WrongDifficulty { asked: max });
    }
    if !proof.solves() {
        return Err(ApiError::ProofWrong);
    }
    Ok(())
}

/// `GET /v1/challenge`: a fresh challenge for the next vote (never cached). Not rate limited:
/// making one costs a random number and an HMAC, and nothing is written.
pub(crate) async fn get_challenge(State(shared): State<Arc<Shared>>) -> Result<impl IntoResponse, ApiError> {
    let expires = unix_seconds().max(0) as u64 + shared.options.challenge_seconds;
    let challenge = issue(shared.store.challenge_key(), shared.options.difficulty, expires)
        .map_err(|cause| ApiError::ChallengeNotMade { cause })?;
    Ok(([(header::CACHE_CONTROL, "no-store"), (header::CONTENT_TYPE, "application/json")], challenge.to_json()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &[u8] = b"a key of the collector, for tests";

    fn solved(max: u64, expires: u64) -> Proof {
        let challenge = issue(KEY, max, expires).unwrap_or_else(|e| panic!("{e}"));
        let number = challenge.solve().unwrap_or(u64::MAX);
        Proof { challenge, number }
    }

    #[test]
    fn a_solved_challenge_passes() {
        let proof = solved(500, 100);
        assert!(check(KEY, &proof, 500, 99).is_ok());
        assert!(check(KEY, &proof, 500, 100).is_ok(), "valid through its expiry second");
    }

    #[test]
    fn expired_forged_wrong_difficulty_and_wrong_answers_are_refused() {
        let proof = solved(500, 100);
        let code = |r: Result<(), ApiError>| r.err().map(|e| e.code());
        assert_eq!(code(check(KEY, &proof, 500, 101)), Some("challenge_expired"));
        assert_eq!(code(check(b"another collector", &proof, 500, 50)), Some("proof_forged"));
        assert_eq!(code(check(KEY, &proof, 1000, 50)), Some("wrong_difficulty"));
        let mut easier = proof.clone();
        easier.challenge.max = 10;
        assert_eq!(code(check(KEY, &easier, 500, 50)), Some("proof_forged"), "the difficulty is signed");
        let mut later = proof.clone();
        later.challenge.expires = 10_000;
        assert_eq!(code(check(KEY, &later, 500, 50)), Some("proof_forged"), "the expiry is signed");
        let wrong = Proof { number: (proof.number + 1) % 501, ..proof.clone() };
        assert_eq!(code(check(KEY, &wrong, 500, 50)), Some("proof_wrong"));
        let mut garbled = proof;
        garbled.challenge.signature = "not hex".into();
        assert_eq!(code(check(KEY, &garbled, 500, 50)), Some("proof_forged"));
    }

    #[test]
    fn each_challenge_is_new() {
        let (a, b) = (solved(100, 1), solved(100, 1));
        assert_ne!(a.challenge.salt, b.challenge.salt);
        assert_eq!(a.challenge.salt.len(), 32);
    }
}
