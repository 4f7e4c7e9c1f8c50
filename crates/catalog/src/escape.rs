//! Escaping text for HTML written as text: the partner snippet, and the pages and sitemap the
//! publish step writes. (Components never need it: Leptos renders data as text.) And quoting a
//! value in a message.

/// Escapes text for an HTML attribute value or text node.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A value named in a message, in double quotes: `"Bad Id"`. Quotes, backslashes and control
/// characters are escaped, so the value's end and any invisible character can be seen.
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn quoted_values_read_like_rust_string_literals() {
        for value in ["Bad Id", "say \"hi\"", "back\\slash", "tab\there\nnew", "bell\u{7}", "東京 É"] {
            assert_eq!(super::quoted(value), format!("{value:?}"));
        }
    }

    #[test]
    fn markup_and_quotes_are_escaped() {
        assert_eq!(
            super::escape_html(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }
}
