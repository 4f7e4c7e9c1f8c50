//! `_headers`: the HTTP headers to serve the site with, in the format Netlify and Cloudflare
//! Pages read (other hosts copy the values; see docs/hosting.md).
//!
//! The Content-Security-Policy allows the pages' inline scripts (the takeover's and the app's
//! loader) by their SHA-256 hashes, read from the pages as written, with an HTML parser.

use std::collections::BTreeSet;

use base64::Engine;
use lol_html::{element, text, HtmlRewriter, Settings};
use sha2::{Digest, Sha256};

use verdicts_catalog::bundle::is_http_url;
use verdicts_catalog::config::{CATALOG_META, VOTE_META};

/// What the policy must allow beyond the site's own origin.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Policy {
    /// `'sha256-…'` of every inline script of the site's pages.
    script_hashes: BTreeSet<String>,
    /// Origins the pages fetch from besides their own (the bundle's, the vote collector's).
    connect: BTreeSet<String>,
}

impl Policy {
    /// Adds what `other`'s pages need (pages rendered on another thread).
    pub fn merge(&mut self, other: Policy) {
        self.script_hashes.extend(other.script_hashes);
        self.connect.extend(other.connect);
    }

    /// Adds what one page needs: its inline scripts' hashes, and the origins of its bundle and
    /// vote endpoint when they are absolute URLs.
    pub fn add_page(&mut self, html: &str) -> Result<(), String> {
        let mut scripts: Vec<String> = Vec::new();
        let mut current = String::new();
        let mut metas: Vec<(String, String)> = Vec::new();
        let mut rewriter = HtmlRewriter::new(
            Settings {
                element_content_handlers: vec![
                    // A script's text is one text node, given in chunks.
                    // Data blocks (`type="application/json"`) are not run, so need no hash.
                    text!(
                        "script:not([src]):not([type=\"application/json\"]):not([type=\"application/ld+json\"])",
                        |chunk| {
                            current.push_str(chunk.as_str());
                            if chunk.last_in_text_node() {
                                scripts.push(std::mem::take(&mut current));
                            }
                            Ok(())
                        }
                    ),
                    element!("meta[name][content]", |el| {
                        if let (Some(name), Some(content)) = (el.get_attribute("name"), el.get_attribute("content")) {
                            metas.push((name, content));
                        }
                        Ok(())
                    }),
                ],
                ..Settings::new()
            },
            |_: &[u8]| {},
        );
        rewriter.write(html.as_bytes()).map_err(|e| format!("a page could not be read for its scripts: {e}"))?;
        rewriter.end().map_err(|e| format!("a page could not be read for its scripts: {e}"))?;
        for script in scripts {
            let digest = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(script.as_bytes()));
            self.script_hashes.insert(format!("'sha256-{digest}'"));
        }
        for (name, content) in metas {
            if name == CATALOG_META || name == VOTE_META {
                if let Some(origin) = origin_of(content.trim()) {
                    self.connect.insert(origin);
                }
            }
        }
        Ok(())
    }

    /// The Content-Security-Policy value; `frame_ancestors` says who may embed the pages.
    pub fn content_security_policy(&self, frame_ancestors: &str) -> String {
        let scripts: Vec<&str> = self.script_hashes.iter().map(String::as_str).collect();
        let mut connect = vec!["'self'"];
        connect.extend(self.connect.iter().map(String::as_str));
        [
            "default-src 'self'".to_string(),
            format!("script-src 'self' 'wasm-unsafe-eval' {}", scripts.join(" ")),
            "style-src 'self'".to_string(),
            "img-src 'self' data:".to_string(),
            format!("connect-src {}", connect.join(" ")),
            "frame-src 'self'".to_string(),
            "object-src 'none'".to_string(),
            // A pair page's <base href="../"> points at the site root, on the same origin.
            "base-uri 'self'".to_string(),
            "form-action 'none'".to_string(),
            format!("frame-ancestors {frame_ancestors}"),
        ]
        .join("; ")
    }

    /// The whole `_headers` file: the policy and the other security headers for every path;
    /// the pages (however they are requested: `/`, `/a-vs-b/` or `…/index.html`) and the bundle
    /// revalidated; `embed.js` for an hour; the app's content-hashed files (`immutable`, by name)
    /// forever.
    pub fn headers_file(&self, frame_ancestors: &str, immutable: &[String]) -> String {
        let mut file = format!(
            "# Written by verdicts-publish with this site's pages; publish again after every build.
/*
  Content-Security-Policy: {}
  X-Content-Type-Options: nosniff
  Referrer-Policy: strict-origin-when-cross-origin
  Access-Control-Allow-Origin: *
",
            self.content_security_policy(frame_ancestors)
        );
        for path in ["/", "/index.html", "/*/", "/*/index.html", "/data/catalog.json", "/data/bundle.json"] {
            file.push_str(&format!("{path}\n  Cache-Control: no-cache\n"));
        }
        file.push_str("/embed.js\n  Cache-Control: public, max-age=3600\n");
        // The catalogue's files under a publish's version never change.
        file.push_str("/data/v1/*\n  Cache-Control: public, max-age=31536000, immutable\n");
        for name in immutable {
            file.push_str(&format!("/{name}\n  Cache-Control: public, max-age=31536000, immutable\n"));
        }
        file
    }
}

/// Whether a file of the built app has a content hash in its name, as Trunk writes them
/// (`main-0123456789abcdef.css`, `verdicts-0123456789abcdef_bg.wasm`): such a file never changes
/// under its name, so it may be cached forever.
pub fn is_content_hashed(name: &str) -> bool {
    name.match_indices('-').any(|(at, _)| {
        let rest = &name[at + 1..];
        let hash = rest.get(..16).unwrap_or("");
        hash.len() == 16
            && hash.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
            && (rest[16..].starts_with('.') || rest[16..].starts_with("_bg."))
    })
}

/// `scheme://host[:port]` of an absolute http(s) URL.
fn origin_of(url: &str) -> Option<String> {
    if !is_http_url(url) {
        return None;
    }
    let (scheme, rest) = url.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next().filter(|a| !a.is_empty())?;
    Some(format!("{}://{}", scheme.to_ascii_lowercase(), authority.to_ascii_lowercase()))
}

/// Checks a `frame-ancestors` value: `*`, `'none'`, `'self'` or http(s) origins, space-separated.
pub fn frame_ancestors_of(value: &str) -> Result<String, String> {
    let sources: Vec<&str> = value.split_whitespace().collect();
    if sources.is_empty() {
        return Err("--frame-ancestors is empty: give `*`, `'none'`, `'self'` or origins".into());
    }
    for source in &sources {
        let ok = matches!(*source, "*" | "'none'" | "'self'")
            || (origin_of(source).as_deref() == Some(source.trim_end_matches('/')) && !source.contains(';'));
        if !ok {
            return Err(format!(
                "--frame-ancestors: “{source}” is not `*`, `'none'`, `'self'` or an http(s) origin such as https://partner.example"
            ));
        }
    }
    Ok(sources.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_scripts_are_hashed_and_external_ones_are_not() -> Result<(), String> {
        let mut policy = Policy::default();
        policy.add_page(
            "<html><head><script>alert(1)</script><script src=\"a.js\"></script>\
             <script type=\"application/ld+json\">{}</script><script type=\"application/json\">[]</script>\
             <meta name=\"verdicts:vote-endpoint\" content=\"https://votes.example/v/\">\
             <meta name=\"verdicts:catalog\" content=\"data/catalog.json\"></head></html>",
        )?;
        // Known answer: printf 'alert(1)' | openssl dgst -sha256 -binary | base64
        let csp = policy.content_security_policy("*");
        assert!(
            csp.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"),
            "{csp}"
        );
        assert_eq!(policy.script_hashes.len(), 1, "data in script elements is not run, and needs no hash");
        assert!(csp.contains("connect-src 'self' https://votes.example;"), "{csp}");
        assert!(csp.ends_with("frame-ancestors *"), "{csp}");
        Ok(())
    }

    #[test]
    fn the_same_script_on_many_pages_is_allowed_once() -> Result<(), String> {
        let mut policy = Policy::default();
        for _ in 0..3 {
            policy.add_page("<script>x()</script>")?;
        }
        assert_eq!(policy.content_security_policy("*").matches("sha256-").count(), 1);
        Ok(())
    }

    #[test]
    fn pages_are_revalidated_however_asked_for_and_hashed_files_kept_forever() {
        let file = Policy::default().headers_file("*", &["main-0123456789abcdef.css".to_string()]);
        for path in ["/", "/index.html", "/*/", "/*/index.html", "/data/catalog.json", "/data/bundle.json"] {
            assert!(file.contains(&format!("\n{path}\n  Cache-Control: no-cache\n")), "{path}: {file}");
        }
        assert!(file.contains("\n/data/v1/*\n  Cache-Control: public, max-age=31536000, immutable\n"));
        assert!(file.contains("\n/main-0123456789abcdef.css\n  Cache-Control: public, max-age=31536000, immutable\n"));
        assert_eq!(file.matches("Cache-Control").count(), 9, "one rule a path: {file}");
    }

    #[test]
    fn content_hashed_names_are_told_from_others() {
        for name in [
            "main-834deac62253903d.css",
            "verdicts-2e05417848ea6f72.js",
            "verdicts-2e05417848ea6f72_bg.wasm",
            "favicon-8b856b4990404a76.svg",
        ] {
            assert!(is_content_hashed(name), "{name}");
        }
        for name in [
            "embed.js",
            "index.html",
            "bundle.schema.json",
            "preview.png",
            "main-834deac62253903.css",
            "main-834DEAC62253903d.css",
            "x-0123456789abcdefg.js",
        ] {
            assert!(!is_content_hashed(name), "{name}");
        }
    }

    #[test]
    fn frame_ancestors_are_checked() {
        assert_eq!(
            frame_ancestors_of(" https://a.example   https://b.example:8443 "),
            Ok("https://a.example https://b.example:8443".into())
        );
        assert_eq!(frame_ancestors_of("*"), Ok("*".into()));
        assert!(frame_ancestors_of("").is_err());
        assert!(frame_ancestors_of("https://a.example; script-src *").is_err());
        assert!(frame_ancestors_of("javascript:x").is_err());
    }
}
