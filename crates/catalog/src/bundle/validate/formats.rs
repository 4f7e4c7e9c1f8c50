//! What an id, a link and a date in a bundle must look like.

/// Whether `url` may become a link: an absolute http or https URL with nothing hidden in it.
///
/// ```
/// use verdicts_catalog::bundle::is_http_url;
/// assert!(is_http_url("https://example.com/docs"));
/// assert!(!is_http_url("javascript:alert(1)"));
/// assert!(!is_http_url(" https://example.com"));
/// ```
pub fn is_http_url(url: &str) -> bool {
    if url.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return false;
    }
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &url[8..]
    } else if lower.starts_with("http://") {
        &url[7..]
    } else {
        return false;
    };
    // A host must follow.
    !rest.is_empty() && !rest.starts_with('/')
}

/// Whether `id` is a slug: 1 to 80 of lowercase ASCII letters, digits, `-`, `_` and `.`,
/// starting with a letter or digit.
pub fn is_slug(id: &str) -> bool {
    let ok_char = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.');
    !id.is_empty()
        && id.len() <= 80
        && id.chars().all(ok_char)
        && id.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
}

pub(super) fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| s.get(r).and_then(|p| p.parse::<u32>().ok());
    matches!((num(0..4), num(5..7), num(8..10)), (Some(_), Some(m), Some(d)) if (1..=12).contains(&m) && (1..=31).contains(&d))
}
