//! Text from data written into the XML files publishing makes (the sitemaps, the feed).

use verdicts_catalog::escape::escape_html;

/// `value` as XML character data or an attribute value: markup characters escaped, and the
/// characters XML 1.0 does not allow at all (most control characters, unpaired surrogates
/// cannot occur in a `str`, U+FFFE and U+FFFF) left out, so the document always parses.
pub fn text(value: &str) -> String {
    let allowed = |c: &char| matches!(*c, '\t' | '\n' | '\r') || (*c >= ' ' && !matches!(*c, '\u{FFFE}' | '\u{FFFF}'));
    escape_html(&value.chars().filter(allowed).collect::<String>())
}

#[cfg(test)]
mod tests {
    #[test]
    fn markup_is_escaped_and_forbidden_characters_left_out() {
        assert_eq!(super::text("a<b>&\"c'\u{1}\u{FFFF}\td"), "a&lt;b&gt;&amp;&quot;c&#39;\td");
    }
}
