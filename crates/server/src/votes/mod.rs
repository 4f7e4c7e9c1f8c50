//! `POST /v1/votes`: the rate limit ([`WithinRateLimit`], before the body is read), the vote
//! read and checked ([`PostedVote`], in `request.rs`), then checked against the bundle, its
//! proof of work checked (`proof.rs`), and answered once it is committed, with what became of
//! it (counted, held, or over its network's daily limit: `store.rs`).

mod request;

use std::sync::Arc;

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use serde::Serialize;
use tokio::sync::oneshot;

use crate::error::ApiError;
use crate::limits::WithinRateLimit;
use crate::network::network_of;
use crate::store::{Incoming, Taken};
use crate::watch::Known;
use crate::{unix_seconds, Shared};
use request::PostedVote;
use verdicts_catalog::bundle::Verdict;
use verdicts_catalog::vote_protocol::Vote;

/// Votes are taken for the bundle served and its tools only.
fn check_against(known: &Known, vote: &Vote) -> Result<(), ApiError> {
    if vote.bundle != known.id {
        return Err(ApiError::VoteForAnotherBundle { known: known.id.clone() });
    }
    if !known.tools.contains(&vote.tool) {
        return Err(ApiError::UnknownTool { tool: vote.tool.clone() });
    }
    Ok(())
}

/// The answer to a vote once it is durable: whether it counts (`counted`), is held back with a
/// burst (`held`), or is kept out of the tallies, and why (`reason`, `message`). A vote over
/// the daily limit is answered 200 too: it was received and dealt with, and sending it again
/// would change nothing (a 429 would say "try again later").
#[derive(Serialize)]
struct Acknowledged {
    ok: bool,
    tool: String,
    verdict: Option<Verdict>,
    counted: bool,
    held: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<String>,
}

pub(crate) async fn post_vote(
    State(shared): State<Arc<Shared>>,
    WithinRateLimit(ip): WithinRateLimit,
    PostedVote(vote, proof): PostedVote,
) -> Result<impl IntoResponse, ApiError> {
    check_against(&shared.bundle.current(), &vote)?;
    let now = unix_seconds().max(0) as u64;
    crate::proof::check(shared.store.challenge_key(), &proof, shared.options.difficulty, now)?;
    let incoming = Incoming {
        vote,
        network: network_of(ip),
        salt: proof.challenge.salt,
        expires: i64::try_from(proof.challenge.expires).unwrap_or(i64::MAX),
    };
    let (tool, verdict) = (incoming.vote.tool.clone(), incoming.vote.verdict);
    let (done, committed) = oneshot::channel();
    shared.writer.send((incoming, done)).await.map_err(|_| ApiError::ShuttingDown)?;
    let taken = match committed.await {
        Ok(Ok(taken)) => taken,
        Ok(Err(cause)) => return Err(ApiError::VoteNotSaved { cause }),
        Err(_) => return Err(ApiError::VoteNotSaved { cause: "the writer stopped before answering".into() }),
    };
    let limit = shared.options.rules.daily_limit;
    let (counted, held, reason, message) = match taken {
        Taken::Counted => (true, false, None, None),
        Taken::Held => (
            false,
            true,
            Some("held"),
            Some("Kept, and counted once reviewed: this tool is getting unusually many votes right now.".to_string()),
        ),
        Taken::OverLimit => (
            false,
            false,
            Some("daily_limit"),
            Some(format!(
                "Kept on your device but not counted today: your network has given this tool {limit} votes today."
            )),
        ),
        Taken::ChallengeUsed => return Err(ApiError::ChallengeUsed),
    };
    Ok((
        StatusCode::OK,
        [(header::CACHE_CONTROL, "no-store")],
        Json(Acknowledged { ok: true, tool, verdict, counted, held, reason, message }),
    ))
}
