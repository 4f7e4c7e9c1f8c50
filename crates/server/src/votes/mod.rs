//! `POST /v1/votes`: the rate limit ([`WithinRateLimit`], before the body is read), the vote
//! read and checked ([`PostedVote`], in `request.rs`), then checked against the bundle and
//! answered once it is committed.

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
use crate::watch::Known;
use crate::Shared;
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

/// The answer to a vote once it is durable.
#[derive(Serialize)]
struct Acknowledged {
    ok: bool,
    tool: String,
    verdict: Option<Verdict>,
}

pub(crate) async fn post_vote(
    State(shared): State<Arc<Shared>>,
    _: WithinRateLimit,
    PostedVote(vote): PostedVote,
) -> Result<impl IntoResponse, ApiError> {
    check_against(&shared.bundle.current(), &vote)?;
    let (done, committed) = oneshot::channel();
    shared.writer.send((vote.clone(), done)).await.map_err(|_| ApiError::ShuttingDown)?;
    match committed.await {
        Ok(Ok(())) => Ok((
            StatusCode::OK,
            [(header::CACHE_CONTROL, "no-store")],
            Json(Acknowledged { ok: true, tool: vote.tool, verdict: vote.verdict }),
        )),
        Ok(Err(cause)) => Err(ApiError::VoteNotSaved { cause }),
        Err(_) => Err(ApiError::VoteNotSaved { cause: "the writer stopped before answering".into() }),
    }
}
