//! A small HTTP/1.1 client with kept-alive connections, for the collector's tests and its
//! benchmark.

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::header::HeaderMap;
use hyper::{Method, Request, StatusCode};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;

/// An answer: status, headers and body.
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Answer {
    /// The body as JSON (`null` when it is not).
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or(serde_json::Value::Null)
    }

    /// A header's value, or "".
    pub fn header(&self, name: &str) -> &str {
        self.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
    }
}

/// The client.
#[derive(Clone)]
pub struct Http {
    client: Client<HttpConnector, Full<Bytes>>,
}

impl Default for Http {
    fn default() -> Self {
        Http::new()
    }
}

impl Http {
    pub fn new() -> Http {
        let mut builder = Client::builder(TokioExecutor::new());
        builder.pool_max_idle_per_host(256);
        Http { client: builder.build_http() }
    }

    /// A client whose connections come from `source` (on loopback, any 127.x.y.z: the
    /// benchmark's stand-ins for networks).
    pub fn from_address(source: std::net::IpAddr) -> Http {
        let mut connector = HttpConnector::new();
        connector.set_local_address(Some(source));
        let mut builder = Client::builder(TokioExecutor::new());
        builder.pool_max_idle_per_host(256);
        Http { client: builder.build(connector) }
    }

    /// A challenge from the collector at `base`, solved: a vote's `"proof"`.
    pub async fn solved(&self, base: &str) -> Result<serde_json::Value, String> {
        let answer = self.get(&format!("{base}v1/challenge")).await?;
        let text = String::from_utf8_lossy(&answer.body).into_owned();
        let challenge = verdicts_catalog::vote_proof::Challenge::from_json(&text)
            .ok_or_else(|| format!("not a challenge ({}): {text}", answer.status))?;
        let number = challenge.solve().ok_or("a challenge without a solution")?;
        let mut proof = answer.json();
        proof["number"] = serde_json::json!(number);
        Ok(proof)
    }

    /// Sends a request.
    pub async fn send(
        &self,
        method: Method,
        url: &str,
        headers: &[(&str, &str)],
        body: Vec<u8>,
    ) -> Result<Answer, String> {
        let mut request = Request::builder().method(method).uri(url);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let request = request.body(Full::new(Bytes::from(body))).map_err(|e| e.to_string())?;
        let response = self.client.request(request).await.map_err(|e| e.to_string())?;
        let (parts, body) = response.into_parts();
        let body = body.collect().await.map_err(|e| e.to_string())?.to_bytes();
        Ok(Answer { status: parts.status, headers: parts.headers, body })
    }

    /// POSTs a JSON body.
    pub async fn post_json(&self, url: &str, body: &serde_json::Value) -> Result<Answer, String> {
        self.send(Method::POST, url, &[("content-type", "application/json")], body.to_string().into_bytes()).await
    }

    /// GETs a URL.
    pub async fn get(&self, url: &str) -> Result<Answer, String> {
        self.send(Method::GET, url, &[], Vec::new()).await
    }
}
