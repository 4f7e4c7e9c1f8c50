//! A posted vote, read and checked before anything else looks at it: its content type, its size
//! and each field, in order, so a refusal names the first field that is wrong.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::header;
use axum::http::HeaderMap;
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::error::ApiError;
use verdicts_catalog::bundle::Verdict;
use verdicts_catalog::vote_proof::{Challenge, Proof};
use verdicts_catalog::vote_protocol::{is_voter_id, Vote};

/// One field of a posted vote as sent: the type asked for, something else, or nothing.
#[derive(Deserialize, Default)]
#[serde(untagged)]
enum Field<T> {
    Given(T),
    Other(Value),
    #[default]
    #[serde(skip_deserializing)]
    Missing,
}

impl Field<String> {
    fn text(self, field: &'static str) -> Result<String, ApiError> {
        match self {
            Field::Given(text) => Ok(text),
            Field::Other(_) => Err(ApiError::NotAString { field }),
            Field::Missing => Err(ApiError::MissingField { field }),
        }
    }
}

/// A vote as posted: `{"bundle": …, "tool": …, "voter": …, "verdict": "ship" | "skip" | null}`,
/// other fields ignored. Each field is read as sent and checked in [`VoteRequest::into_vote`],
/// in this order, so the answer names the first field wrong.
#[derive(Deserialize)]
struct VoteRequest {
    #[serde(default)]
    bundle: Field<String>,
    #[serde(default)]
    tool: Field<String>,
    #[serde(default)]
    voter: Field<String>,
    /// `null` takes a vote back.
    #[serde(default)]
    verdict: Field<Option<String>>,
    /// The solved challenge.
    #[serde(default)]
    proof: Option<Value>,
}

/// A vote's `"proof"` as sent.
#[derive(Deserialize)]
struct ProofFields {
    salt: String,
    expires: u64,
    max: u64,
    challenge: String,
    signature: String,
    number: u64,
}

impl VoteRequest {
    /// Reads a body: a JSON object first, as serde would take a struct from an array too; a
    /// repeated field counts once, its last value, as in any JSON object.
    fn from_json(body: &[u8]) -> Result<VoteRequest, ApiError> {
        let fields: Map<String, Value> = serde_json::from_slice(body).map_err(|e| match e.classify() {
            serde_json::error::Category::Data => ApiError::NotAnObject,
            _ => ApiError::NotJson(e),
        })?;
        // Every field reads as something (`Field`): this cannot fail on an object.
        serde_json::from_value(Value::Object(fields)).map_err(|_| ApiError::NotAnObject)
    }

    fn into_vote(self) -> Result<Vote, ApiError> {
        let (bundle, tool, voter) = (self.bundle.text("bundle")?, self.tool.text("tool")?, self.voter.text("voter")?);
        let verdict = match self.verdict {
            Field::Given(None) => None,
            Field::Given(Some(word)) => match [Verdict::Ship, Verdict::Skip].into_iter().find(|v| v.as_str() == word) {
                Some(verdict) => Some(verdict),
                None => return Err(ApiError::UnknownVerdict(Value::String(word))),
            },
            Field::Other(other) => return Err(ApiError::UnknownVerdict(other)),
            Field::Missing => return Err(ApiError::MissingVerdict),
        };
        if !is_voter_id(&voter) {
            return Err(ApiError::BadVoter);
        }
        Ok(Vote { bundle, tool, voter, verdict })
    }

    /// The vote, then its proof: missing, or not the shape of one, is refused.
    fn into_vote_and_proof(mut self) -> Result<(Vote, Proof), ApiError> {
        let proof = self.proof.take();
        let vote = self.into_vote()?;
        let fields: ProofFields = match proof {
            None | Some(Value::Null) => return Err(ApiError::ProofMissing),
            Some(value) => serde_json::from_value(value).map_err(|_| ApiError::BadProof)?,
        };
        let challenge = Challenge {
            salt: fields.salt,
            expires: fields.expires,
            max: fields.max,
            challenge: fields.challenge,
            signature: fields.signature,
        };
        Ok((vote, Proof { challenge, number: fields.number }))
    }
}

/// Whether a request says its body is JSON: `application/json`, any parameters, any case.
fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"))
}

/// A well-formed vote read from the body, not yet checked against the bundle. Refused with
/// `415 wrong_content_type`, `413 body_too_large` (the body limit is the router's
/// `DefaultBodyLimit`), `400 malformed_json`, or `422` naming the field.
pub(crate) struct PostedVote(pub Vote, pub Proof);

impl<S: Send + Sync> FromRequest<S> for PostedVote {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        if !is_json(request.headers()) {
            return Err(ApiError::WrongContentType);
        }
        // Over the limit, or cut off: either way the vote is not all there.
        let body = Bytes::from_request(request, state).await.map_err(|_| ApiError::BodyTooLarge)?;
        let (vote, proof) = VoteRequest::from_json(&body)?.into_vote_and_proof()?;
        Ok(PostedVote(vote, proof))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(body: &str) -> Result<Vote, ApiError> {
        VoteRequest::from_json(body.as_bytes())?.into_vote()
    }

    fn refusal(body: &str) -> (&'static str, String) {
        match read(body) {
            Ok(vote) => panic!("{body} was taken: {vote:?}"),
            Err(e) => (e.code(), e.to_string()),
        }
    }

    const V: &str = "voter-aaaaaaaaaaaa";

    #[test]
    fn a_vote_and_taking_it_back() {
        let ship = read(&format!(r#"{{"bundle":"b","tool":"t","voter":"{V}","verdict":"ship","more":[1]}}"#));
        assert_eq!(ship.ok().and_then(|v| v.verdict), Some(Verdict::Ship));
        let back = read(&format!(r#"{{"bundle":"b","tool":"t","voter":"{V}","verdict":null}}"#));
        assert!(back.is_ok_and(|v| v.verdict.is_none()));
        let last = read(&format!(r#"{{"bundle":"x","bundle":"b","tool":"t","voter":"{V}","verdict":"skip"}}"#));
        assert!(last.is_ok_and(|v| v.bundle == "b" && v.verdict == Some(Verdict::Skip)), "the last repeat counts");
    }

    #[test]
    fn the_proof_comes_after_the_fields() {
        let vote = format!(r#""bundle":"b","tool":"t","voter":"{V}","verdict":"ship""#);
        let read = |body: String| VoteRequest::from_json(body.as_bytes()).and_then(|r| r.into_vote_and_proof());
        let code = |body: String| read(body).err().map(|e| e.code());
        assert_eq!(code(format!("{{{vote}}}")), Some("proof_missing"));
        assert_eq!(code(format!(r#"{{{vote},"proof":null}}"#)), Some("proof_missing"));
        assert_eq!(code(format!(r#"{{{vote},"proof":{{"salt":"a"}}}}"#)), Some("bad_proof"));
        assert_eq!(code(r#"{"bundle":"b","proof":1}"#.into()), Some("missing_field"), "the fields first");
        let proof = r#"{"salt":"a","expires":1,"max":2,"challenge":"c","signature":"d","number":1}"#;
        let (v, p) = read(format!(r#"{{{vote},"proof":{proof}}}"#)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((v.verdict, p.number, p.challenge.max), (Some(Verdict::Ship), 1, 2));
    }

    #[test]
    fn a_body_that_is_not_a_json_object() {
        let not_json = refusal("{not json");
        assert_eq!(
            not_json,
            ("malformed_json", "The body is not JSON: key must be a string at line 1 column 2.".into())
        );
        assert_eq!(refusal("").0, "malformed_json");
        assert_eq!(refusal("{} x").0, "malformed_json");
        for body in ["[1, 2]", r#"["b", "t", "voter-aaaaaaaaaaaa", "ship"]"#, r#""x""#, "null", "1"] {
            assert_eq!(refusal(body), ("malformed_json", "The body must be a JSON object.".into()), "{body}");
        }
    }

    #[test]
    fn each_wrong_field_is_named_in_order() {
        assert_eq!(refusal("{}"), ("missing_field", "“bundle” is missing.".into()));
        assert_eq!(refusal(r#"{"voter":1}"#), ("missing_field", "“bundle” is missing.".into()));
        assert_eq!(refusal(r#"{"bundle":null}"#), ("bad_field", "“bundle” must be a string.".into()));
        assert_eq!(refusal(r#"{"bundle":"b","tool":2}"#), ("bad_field", "“tool” must be a string.".into()));
        assert_eq!(refusal(r#"{"bundle":"b","tool":"t"}"#), ("missing_field", "“voter” is missing.".into()));
        let missing = refusal(&format!(r#"{{"bundle":"b","tool":"t","voter":"{V}"}}"#));
        assert_eq!(missing, ("missing_field", "“verdict” is missing (null takes a vote back).".into()));
        for (verdict, shown) in [
            (r#""maybe""#, r#""maybe""#),
            (r#""SHIP""#, r#""SHIP""#),
            ("1", "1"),
            (r#"{"ship":null}"#, r#"{"ship":null}"#),
            ("[]", "[]"),
        ] {
            let (code, message) = refusal(&format!(r#"{{"bundle":"b","tool":"t","voter":"{V}","verdict":{verdict}}}"#));
            assert_eq!(code, "unknown_verdict");
            assert_eq!(message, format!("“verdict” must be \"ship\", \"skip\" or null, not {shown}."));
        }
        assert_eq!(refusal(r#"{"bundle":"b","tool":"t","voter":"x","verdict":"maybe"}"#).0, "unknown_verdict");
        assert_eq!(refusal(r#"{"bundle":"b","tool":"t","voter":"short","verdict":"ship"}"#).0, "bad_voter");
    }
}
