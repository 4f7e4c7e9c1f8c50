//! The JSON path of a byte position in a JSON text: where a field error happened.
//!
//! serde_json reports an error's line and column; reading the text up to that point tells which
//! object key and array index it is in, so the bundle is deserialized once, at full speed, with
//! no path tracking, and the path costs something only when there is an error to report.

/// One level of nesting while scanning.
enum Frame {
    Object {
        /// The key whose value is being read, once its `:` is seen; cleared by `,`.
        key: Option<String>,
        /// The last string read where a key goes.
        pending: Option<String>,
        expect_key: bool,
    },
    /// An error inside an array is about the element at `index`, even before anything of it
    /// is read: serde_json looks at a value's first byte without consuming it.
    Array { index: usize },
}

/// The byte offset serde_json means by a 1-based line and a column counted in bytes consumed on
/// that line.
pub fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        text.bytes().enumerate().filter(|&(_, b)| b == b'\n').nth(line - 2).map_or(text.len(), |(i, _)| i + 1)
    };
    (line_start + column).min(text.len())
}

/// The path, as `tools[3].name`, of the value being read when `end` bytes of `text` have been
/// consumed; `.` for the document itself.
pub fn path_at(text: &str, end: usize) -> String {
    let bytes = &text.as_bytes()[..end.min(text.len())];
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        match b {
            b'{' => stack.push(Frame::Object { key: None, pending: None, expect_key: true }),
            b'[' => stack.push(Frame::Array { index: 0 }),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object { key, pending, expect_key }) => {
                    *key = None;
                    *pending = None;
                    *expect_key = true;
                }
                Some(Frame::Array { index }) => *index += 1,
                None => {}
            },
            b':' => {
                if let Some(Frame::Object { key, pending, .. }) = stack.last_mut() {
                    *key = pending.take();
                }
            }
            b'"' => {
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                let raw = text.get(start..(i + 1).min(bytes.len())).unwrap_or("");
                if let Some(Frame::Object { pending, expect_key, .. }) = stack.last_mut() {
                    if *expect_key {
                        *expect_key = false;
                        *pending = Some(
                            serde_json::from_str::<String>(raw).unwrap_or_else(|_| raw.trim_matches('"').to_string()),
                        );
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    let mut path = String::new();
    for frame in &stack {
        match frame {
            Frame::Object { key: Some(key), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Frame::Array { index } => {
                path.push('[');
                path.push_str(&index.to_string());
                path.push(']');
            }
            _ => {}
        }
    }
    if path.is_empty() {
        path.push('.');
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at_end(text: &str) -> String {
        path_at(text, text.len())
    }

    #[test]
    fn keys_and_indexes() {
        assert_eq!(at_end(""), ".");
        assert_eq!(at_end(r#"{"title": 5"#), "title");
        assert_eq!(at_end(r#"{"tools": [{"id": "a"}, {"name": 5"#), "tools[1].name");
        assert_eq!(at_end(r#"{"tools": [{"id": "a"}, {"name": "x"}"#), "tools[1]");
        assert_eq!(at_end(r#"{"tools": [{"id": "a"}, "#), "tools[1]");
        assert_eq!(at_end(r#"{"tools": ["#), "tools[0]");
        assert_eq!(at_end(r#"{"tools": []"#), "tools");
        assert_eq!(at_end(r#"{"featured": {"default": ["a", "b", "c""#), "featured.default[2]");
        assert_eq!(at_end(r#"{"a": {"b": 1}, "c": "#), "c");
        assert_eq!(at_end(r#"{"a": "x,y:[{", "b": 1"#), "b");
        assert_eq!(at_end(r#"{"k\"ey": 1"#), "k\"ey");
        assert_eq!(at_end(r#"{"a": 1, "#), ".");
    }

    #[test]
    fn offsets_follow_serde_json_positions() {
        let text = "{\n  \"a\": 1,\n  \"b\": true\n}";
        assert_eq!(offset_of(text, 1, 0), 0);
        assert_eq!(offset_of(text, 2, 3), 5);
        assert_eq!(&text[..offset_of(text, 3, 11)], "{\n  \"a\": 1,\n  \"b\": true");
        assert_eq!(offset_of(text, 9, 9), text.len());
    }
}
