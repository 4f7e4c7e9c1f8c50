//! A request's path as a path inside the site folder, or refused: nothing a request names may
//! leave the folder. Refused outright, before and after decoding: `..` and `.` segments, empty
//! segments (`//`, which would make an absolute path), backslashes, NUL and other control
//! characters, a Windows drive (`C:`), percent-encoded slashes, backslashes and dots (`%2f`,
//! `%5c`, `%2e`: no page or file of a published site has one in its name), and bytes that are not
//! UTF-8. What is left is joined to the folder as plain relative segments.

use percent_encoding::percent_decode_str;

/// Why a path was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    #[error("the path does not start with a slash")]
    NotAbsolute,
    #[error("the path has an encoded slash, backslash or dot")]
    EncodedSeparator,
    #[error("the path is not UTF-8 once decoded")]
    NotUtf8,
    #[error("the path leaves the site (a `.` or `..` segment, an empty segment, a backslash or a drive)")]
    OutsideSite,
    #[error("the path has a control character")]
    Control,
}

/// The path of `raw` (a request's path, still percent-encoded) under `mount` (the path the site
/// is served at, beginning and ending with `/`), decoded and relative to the site folder: `""`
/// for the index, `a-vs-b/`, `main.css`. `Ok(None)` when it is not under `mount`.
pub fn site_path(raw: &str, mount: &str) -> Result<Option<String>, Refused> {
    if !raw.starts_with('/') {
        return Err(Refused::NotAbsolute);
    }
    let lower = raw.to_ascii_lowercase();
    if ["%2f", "%5c", "%2e"].iter().any(|e| lower.contains(e)) {
        return Err(Refused::EncodedSeparator);
    }
    let decoded = percent_decode_str(raw).decode_utf8().map_err(|_| Refused::NotUtf8)?;
    if decoded.chars().any(char::is_control) {
        return Err(Refused::Control);
    }
    let Some(rest) = decoded.strip_prefix(mount) else {
        return Ok(None);
    };
    let segments: Vec<&str> = rest.split('/').collect();
    // The last segment may be empty (a folder's trailing slash); no other may.
    let (last, folders) = segments.split_last().unwrap_or((&"", &[]));
    let bad = |s: &str| s.is_empty() || s == "." || s == ".." || s.contains('\\') || s.contains(':');
    if folders.iter().any(|s| bad(s)) || (!last.is_empty() && bad(last)) {
        return Err(Refused::OutsideSite);
    }
    Ok(Some(rest.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_under_the_mount_are_decoded() {
        assert_eq!(site_path("/", "/"), Ok(Some(String::new())));
        assert_eq!(site_path("/tools/compare/", "/tools/compare/"), Ok(Some(String::new())));
        assert_eq!(site_path("/tools/compare/a-vs-b/", "/tools/compare/"), Ok(Some("a-vs-b/".into())));
        assert_eq!(site_path("/a-vs-b/preview.png", "/"), Ok(Some("a-vs-b/preview.png".into())));
        assert_eq!(site_path("/t%C5%8Dky%C5%8D-vs-b/", "/"), Ok(Some("tōkyō-vs-b/".into())));
        assert_eq!(site_path("/elsewhere/", "/tools/compare/"), Ok(None));
    }

    #[test]
    fn every_way_out_of_the_folder_is_refused() {
        for raw in ["/../etc/passwd", "/a/../../x", "/./x", "/a/..", "//etc/passwd", "/a//b", "/a\\..\\b", "/C:/x"] {
            assert_eq!(site_path(raw, "/"), Err(Refused::OutsideSite), "{raw}");
        }
        for raw in ["/%2e%2e/etc/passwd", "/%2E%2E/x", "/a%2fb", "/a%2F..%2Fb", "/%5c..", "/.%2e/x"] {
            assert_eq!(site_path(raw, "/"), Err(Refused::EncodedSeparator), "{raw}");
        }
        assert_eq!(site_path("/%ff", "/"), Err(Refused::NotUtf8));
        assert_eq!(site_path("/a%00b", "/"), Err(Refused::Control));
        assert_eq!(site_path("etc/passwd", "/"), Err(Refused::NotAbsolute));
        // Percent-encoded forms of `..` that decode after the mount is stripped are refused too.
        assert_eq!(site_path("/tools/compare/..%2f..%2fx", "/tools/compare/"), Err(Refused::EncodedSeparator));
        assert_eq!(site_path("/tools/compare/../x", "/tools/compare/"), Err(Refused::OutsideSite));
    }
}
