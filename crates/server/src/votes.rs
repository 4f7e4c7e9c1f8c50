//! `POST /v1/votes`: reading and checking a vote, the rate limit, and the answer once the vote
//! is committed.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

use axum::body::to_bytes;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};
use tokio::sync::oneshot;

use super::{client_ip, problem, Shared};
use verdicts_catalog::bundle::Verdict;
use verdicts_catalog::vote_protocol::{is_voter_id, Vote, MAX_BODY_BYTES};

/// Why a posted vote was refused.
struct Refusal {
    status: StatusCode,
    code: &'static str,
    message: String,
}

impl Refusal {
    fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Refusal {
        Refusal { status, code, message: message.into() }
    }

    fn unprocessable(code: &'static str, message: impl Into<String>) -> Refusal {
        Refusal::new(StatusCode::UNPROCESSABLE_ENTITY, code, message)
    }
}

/// Reads and checks a posted vote.
fn read_vote(shared: &Shared, body: &[u8]) -> Result<Vote, Refusal> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| Refusal::new(StatusCode::BAD_REQUEST, "malformed_json", format!("The body is not JSON: {e}.")))?;
    let Value::Object(fields) = value else {
        return Err(Refusal::new(StatusCode::BAD_REQUEST, "malformed_json", "The body must be a JSON object."));
    };
    let text = |name: &str| -> Result<String, Refusal> {
        match fields.get(name) {
            Some(Value::String(s)) => Ok(s.clone()),
            Some(_) => Err(Refusal::unprocessable("bad_field", format!("“{name}” must be a string."))),
            None => Err(Refusal::unprocessable("missing_field", format!("“{name}” is missing."))),
        }
    };
    let (bundle, tool, voter) = (text("bundle")?, text("tool")?, text("voter")?);
    let verdict = match fields.get("verdict") {
        Some(Value::Null) => None,
        Some(Value::String(v)) if v == "ship" => Some(Verdict::Ship),
        Some(Value::String(v)) if v == "skip" => Some(Verdict::Skip),
        Some(other) => {
            return Err(Refusal::unprocessable(
                "unknown_verdict",
                format!("“verdict” must be \"ship\", \"skip\" or null, not {other}."),
            ))
        }
        None => return Err(Refusal::unprocessable("missing_field", "“verdict” is missing (null takes a vote back).")),
    };
    if !is_voter_id(&voter) {
        return Err(Refusal::unprocessable(
            "bad_voter",
            "“voter” must be 16 to 64 characters of A-Z, a-z, 0-9, “_” and “-”.",
        ));
    }
    let known = shared.bundle.current();
    if bundle != known.id {
        return Err(Refusal::unprocessable(
            "unknown_bundle",
            format!("This collector takes votes for the bundle “{}” only.", known.id),
        ));
    }
    if !known.tools.contains(&tool) {
        return Err(Refusal::unprocessable("unknown_tool", format!("The bundle has no tool “{tool}”.")));
    }
    Ok(Vote { bundle, tool, voter, verdict })
}

pub(super) async fn post_vote(
    State(shared): State<Arc<Shared>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: Request,
) -> Response {
    let ip = client_ip(&shared, peer, request.headers());
    if let Err(wait) = shared.limiter.take(ip, Instant::now()) {
        let seconds = wait.as_secs_f64().ceil().max(1.0) as u64;
        let mut response = problem(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limited",
            format!("Too many votes from this address; try again in {seconds} s."),
        );
        if let Ok(value) = HeaderValue::from_str(&seconds.to_string()) {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
        return response;
    }
    let json = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"));
    if !json {
        return problem(StatusCode::UNSUPPORTED_MEDIA_TYPE, "wrong_content_type", "Send the vote as application/json.");
    }
    let Ok(body) = to_bytes(request.into_body(), MAX_BODY_BYTES).await else {
        return problem(
            StatusCode::PAYLOAD_TOO_LARGE,
            "body_too_large",
            format!("A vote is at most {MAX_BODY_BYTES} bytes."),
        );
    };
    let vote = match read_vote(&shared, &body) {
        Ok(vote) => vote,
        Err(refusal) => return problem(refusal.status, refusal.code, refusal.message),
    };
    let (done, committed) = oneshot::channel();
    if shared.writer.send((vote.clone(), done)).await.is_err() {
        return problem(StatusCode::SERVICE_UNAVAILABLE, "unavailable", "The collector is shutting down.");
    }
    match committed.await {
        Ok(Ok(())) => (
            StatusCode::OK,
            [(header::CACHE_CONTROL, "no-store")],
            axum::Json(json!({ "ok": true, "tool": vote.tool, "verdict": vote.verdict })),
        )
            .into_response(),
        Ok(Err(e)) => {
            eprintln!("verdicts-collector: a vote could not be written: {e}");
            problem(StatusCode::SERVICE_UNAVAILABLE, "unavailable", "The vote could not be saved; try again.")
        }
        Err(_) => problem(StatusCode::SERVICE_UNAVAILABLE, "unavailable", "The vote could not be saved; try again."),
    }
}
