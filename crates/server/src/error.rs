//! [`ApiError`]: every answer the collector gives that is not a success, as
//! `{"error": code, "message": words}` with `Cache-Control: no-store`.
//!
//! Bad input is a 4xx naming the problem, never a 5xx. The one 5xx, `503 unavailable`, is for
//! the database (or a collector shutting down): its cause is logged, never sent.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::Value;

use verdicts_catalog::vote_protocol::MAX_BODY_BYTES;

/// Why a request was not answered with what it asked for.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("Nothing here: the collector answers GET /v1/challenge, POST /v1/votes and GET /v1/tallies/{{bundle}}.")]
    NotFound,
    #[error("This origin may not send votes here.")]
    OriginNotAllowed,
    #[error("Too many votes from this address; try again in {seconds} s.")]
    RateLimited {
        /// Whole seconds until the address may vote again (`Retry-After`), at least 1.
        seconds: u64,
    },
    #[error("Send the vote as application/json.")]
    WrongContentType,
    #[error("A vote is at most {} bytes.", MAX_BODY_BYTES)]
    BodyTooLarge,
    #[error("The body is not JSON: {0}.")]
    NotJson(serde_json::Error),
    #[error("The body must be a JSON object.")]
    NotAnObject,
    #[error("“{field}” is missing.")]
    MissingField { field: &'static str },
    #[error("“verdict” is missing (null takes a vote back).")]
    MissingVerdict,
    #[error("“{field}” must be a string.")]
    NotAString { field: &'static str },
    #[error("“verdict” must be \"ship\", \"skip\" or null, not {0}.")]
    UnknownVerdict(Value),
    #[error("“voter” must be 16 to 64 characters of A-Z, a-z, 0-9, “_” and “-”.")]
    BadVoter,
    #[error("This collector takes votes for the bundle “{known}” only.")]
    VoteForAnotherBundle { known: String },
    #[error("This collector has tallies for the bundle “{known}” only.")]
    TalliesOfAnotherBundle { known: String },
    #[error("The bundle has no tool “{tool}”.")]
    UnknownTool { tool: String },
    #[error("A vote needs a solved challenge (“proof”): get one from GET /v1/challenge.")]
    ProofMissing,
    #[error("“proof” must be a solved challenge: salt, expires, max, challenge, signature and number.")]
    BadProof,
    #[error("This challenge was not issued by this collector; get a new one from GET /v1/challenge.")]
    ProofForged,
    #[error("This challenge has expired; get a new one from GET /v1/challenge.")]
    ChallengeExpired,
    #[error("This challenge is not of the difficulty asked now ({asked}); get a new one from GET /v1/challenge.")]
    WrongDifficulty { asked: u64 },
    #[error("“number” does not solve the challenge.")]
    ProofWrong,
    #[error("This challenge has been used already; get a new one from GET /v1/challenge.")]
    ChallengeUsed,
    /// No randomness, or no key; `cause` is logged, not sent.
    #[error("No challenge could be made; try again.")]
    ChallengeNotMade { cause: String },
    #[error("The collector is shutting down.")]
    ShuttingDown,
    /// The database refused or failed the write; `cause` is logged, not sent.
    #[error("The vote could not be saved; try again.")]
    VoteNotSaved { cause: String },
    /// The database could not be read; `cause` is logged, not sent.
    #[error("The tallies could not be read; try again.")]
    TalliesNotRead { cause: String },
}

impl ApiError {
    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::NotFound | ApiError::TalliesOfAnotherBundle { .. } => StatusCode::NOT_FOUND,
            ApiError::OriginNotAllowed => StatusCode::FORBIDDEN,
            ApiError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::WrongContentType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::BodyTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::NotJson(_) | ApiError::NotAnObject => StatusCode::BAD_REQUEST,
            ApiError::MissingField { .. }
            | ApiError::MissingVerdict
            | ApiError::NotAString { .. }
            | ApiError::UnknownVerdict(_)
            | ApiError::BadVoter
            | ApiError::VoteForAnotherBundle { .. }
            | ApiError::UnknownTool { .. }
            | ApiError::ProofMissing
            | ApiError::BadProof
            | ApiError::ProofForged
            | ApiError::ChallengeExpired
            | ApiError::WrongDifficulty { .. }
            | ApiError::ProofWrong => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::ChallengeUsed => StatusCode::CONFLICT,
            ApiError::ChallengeNotMade { .. } => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::ShuttingDown | ApiError::VoteNotSaved { .. } | ApiError::TalliesNotRead { .. } => {
                StatusCode::SERVICE_UNAVAILABLE
            }
        }
    }

    /// The `error` code of the protocol (see the README's list).
    pub fn code(&self) -> &'static str {
        match self {
            ApiError::NotFound => "not_found",
            ApiError::OriginNotAllowed => "origin_not_allowed",
            ApiError::RateLimited { .. } => "rate_limited",
            ApiError::WrongContentType => "wrong_content_type",
            ApiError::BodyTooLarge => "body_too_large",
            ApiError::NotJson(_) | ApiError::NotAnObject => "malformed_json",
            ApiError::MissingField { .. } | ApiError::MissingVerdict => "missing_field",
            ApiError::NotAString { .. } => "bad_field",
            ApiError::UnknownVerdict(_) => "unknown_verdict",
            ApiError::BadVoter => "bad_voter",
            ApiError::VoteForAnotherBundle { .. } | ApiError::TalliesOfAnotherBundle { .. } => "unknown_bundle",
            ApiError::UnknownTool { .. } => "unknown_tool",
            ApiError::ProofMissing => "proof_missing",
            ApiError::BadProof => "bad_proof",
            ApiError::ProofForged => "proof_forged",
            ApiError::ChallengeExpired => "challenge_expired",
            ApiError::WrongDifficulty { .. } => "wrong_difficulty",
            ApiError::ProofWrong => "proof_wrong",
            ApiError::ChallengeUsed => "challenge_used",
            ApiError::ChallengeNotMade { .. } => "unavailable",
            ApiError::ShuttingDown | ApiError::VoteNotSaved { .. } | ApiError::TalliesNotRead { .. } => "unavailable",
        }
    }
}

/// The body of every error answer.
#[derive(Serialize)]
struct Problem<'a> {
    error: &'a str,
    message: String,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match &self {
            ApiError::VoteNotSaved { cause } => tracing::error!(%cause, "a vote could not be written"),
            ApiError::TalliesNotRead { cause } => tracing::error!(%cause, "the tallies could not be read"),
            ApiError::ChallengeNotMade { cause } => tracing::error!(%cause, "a challenge could not be made"),
            _ => {}
        }
        let problem = Problem { error: self.code(), message: self.to_string() };
        let mut response = (self.status(), [(header::CACHE_CONTROL, "no-store")], axum::Json(problem)).into_response();
        if let ApiError::RateLimited { seconds } = self {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::to_bytes;

    async fn answer(error: ApiError) -> (StatusCode, axum::http::HeaderMap, String) {
        let response = error.into_response();
        let (parts, body) = response.into_parts();
        let body = to_bytes(body, 4096).await.map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default();
        (parts.status, parts.headers, body)
    }

    #[tokio::test]
    async fn the_json_body_and_its_headers() {
        let (status, headers, body) = answer(ApiError::UnknownTool { tool: "x".into() }).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(body, r#"{"error":"unknown_tool","message":"The bundle has no tool “x”."}"#);
        assert_eq!(headers[header::CACHE_CONTROL], "no-store");
        assert_eq!(headers[header::CONTENT_TYPE], "application/json");
        assert!(headers.get(header::RETRY_AFTER).is_none());
    }

    #[tokio::test]
    async fn rate_limited_says_when_to_try_again() {
        let (status, headers, body) = answer(ApiError::RateLimited { seconds: 3 }).await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(headers[header::RETRY_AFTER], "3");
        assert!(body.contains(r#""error":"rate_limited""#) && body.contains("try again in 3 s."), "{body}");
    }

    #[tokio::test]
    async fn a_database_cause_is_never_sent() {
        let (status, _, body) = answer(ApiError::VoteNotSaved { cause: "disk I/O error at /secret/path".into() }).await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(body, r#"{"error":"unavailable","message":"The vote could not be saved; try again."}"#);
    }

    #[test]
    fn the_not_found_message_names_the_routes() {
        assert_eq!(
            ApiError::NotFound.to_string(),
            "Nothing here: the collector answers GET /v1/challenge, POST /v1/votes and GET /v1/tallies/{bundle}."
        );
        assert_eq!(ApiError::BodyTooLarge.to_string(), format!("A vote is at most {MAX_BODY_BYTES} bytes."));
    }
}
