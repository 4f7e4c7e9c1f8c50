//! The `_headers` file the publisher writes (Netlify's and Cloudflare Pages' format), read and
//! applied the way those hosts do: a line starting with `/` is a path pattern (`*` matches any
//! run of characters, slashes included), the indented `Name: value` lines under it its headers;
//! every rule whose pattern matches a path adds its headers (a later rule's value for the same
//! name replaces an earlier one: the publisher writes one rule a header a path).

use axum::http::{HeaderName, HeaderValue};

/// The rules of one `_headers` file.
#[derive(Clone, Debug, Default)]
pub struct HeaderRules {
    rules: Vec<(String, Vec<(HeaderName, HeaderValue)>)>,
}

impl HeaderRules {
    /// Reads a `_headers` file's text; comments, blank lines and lines that are not a header
    /// are skipped.
    pub fn parse(text: &str) -> HeaderRules {
        let mut rules: Vec<(String, Vec<(HeaderName, HeaderValue)>)> = Vec::new();
        for line in text.lines() {
            if line.starts_with('/') {
                rules.push((line.trim().to_string(), Vec::new()));
            } else if line.starts_with([' ', '\t']) {
                let Some((name, value)) = line.trim().split_once(':') else {
                    continue;
                };
                let (Ok(name), Ok(value)) = (HeaderName::try_from(name.trim()), HeaderValue::try_from(value.trim()))
                else {
                    continue;
                };
                if let Some((_, headers)) = rules.last_mut() {
                    headers.push((name, value));
                }
            }
        }
        HeaderRules { rules }
    }

    /// The headers for `path` (from the site root, with its leading slash: `/`, `/a-vs-b/`,
    /// `/main-….css`), in the order the rules give them, one value a name.
    pub fn for_path(&self, path: &str) -> Vec<(HeaderName, HeaderValue)> {
        let mut out: Vec<(HeaderName, HeaderValue)> = Vec::new();
        for (pattern, headers) in &self.rules {
            if !matches(pattern, path) {
                continue;
            }
            for (name, value) in headers {
                match out.iter_mut().find(|(n, _)| n == name) {
                    Some(slot) => slot.1 = value.clone(),
                    None => out.push((name.clone(), value.clone())),
                }
            }
        }
        out
    }
}

/// Whether `path` matches `pattern`, where `*` matches any run of characters.
fn matches(pattern: &str, path: &str) -> bool {
    let mut parts = pattern.split('*');
    let first = parts.next().unwrap_or("");
    let Some(mut rest) = path.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    let Some((last, middle)) = parts.split_last() else {
        return rest.is_empty();
    };
    for part in middle {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.ends_with(last)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "# Written by verdicts-publish
/*
  Content-Security-Policy: default-src 'self'
  X-Content-Type-Options: nosniff
/
  Cache-Control: no-cache
/*/
  Cache-Control: no-cache
/*/index.html
  Cache-Control: no-cache
/data/v1/*
  Cache-Control: public, max-age=31536000, immutable
/main-0123456789abcdef.css
  Cache-Control: public, max-age=31536000, immutable
";

    fn cache_control(rules: &HeaderRules, path: &str) -> Option<String> {
        rules
            .for_path(path)
            .into_iter()
            .find(|(n, _)| n == "cache-control")
            .and_then(|(_, v)| v.to_str().ok().map(str::to_string))
    }

    #[test]
    fn each_path_gets_the_rules_that_match_it() {
        let rules = HeaderRules::parse(FILE);
        assert_eq!(cache_control(&rules, "/").as_deref(), Some("no-cache"));
        assert_eq!(cache_control(&rules, "/a-vs-b/").as_deref(), Some("no-cache"));
        assert_eq!(cache_control(&rules, "/a-vs-b/index.html").as_deref(), Some("no-cache"));
        assert_eq!(
            cache_control(&rules, "/data/v1/abc/tools/0.json").as_deref(),
            Some("public, max-age=31536000, immutable")
        );
        assert_eq!(
            cache_control(&rules, "/main-0123456789abcdef.css").as_deref(),
            Some("public, max-age=31536000, immutable")
        );
        assert_eq!(cache_control(&rules, "/a-vs-b/preview.png"), None);
        let all = rules.for_path("/a-vs-b/preview.png");
        assert_eq!(all.len(), 2, "the headers of /* only: {all:?}");
        assert!(matches("/*", "/"));
        assert!(!matches("/", "/x"));
        assert!(!matches("/*/", "/x"));
    }
}
