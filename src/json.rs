//! A small JSON reader, written for the bundle and the app's other JSON (stored votes, the vote
//! collector's answers), so that the browser build carries no general-purpose JSON library.
//!
//! It reads a text in one pass, value by value, as the caller asks for them: the caller knows
//! the shape it wants and says so (`object`, `key`, `string`, `u64` …); anything else is
//! [`Reader::skip`]ped. It accepts exactly the JSON of RFC 8259, what it reads nesting at most
//! [`MAX_DEPTH`] deep (what it skips may nest deeper: skipping does not recurse). An error says where it happened: its byte offset, and, filled in while
//! it travels up through the caller's fields and elements ([`Error::in_key`],
//! [`Error::in_index`]), the JSON path of the value it is about. The success path tracks nothing.

use std::borrow::Cow;

/// The deepest nesting of objects and arrays read (as serde_json's default limit).
pub const MAX_DEPTH: u32 = 128;

/// Why a text could not be read as the value asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// The text ends before the value does.
    Eof(&'static str),
    /// The text is not JSON here.
    Syntax(&'static str),
    /// Objects and arrays nest deeper than [`MAX_DEPTH`].
    TooDeep,
    /// The text is JSON, but not the value asked for: "expected a string, found integer `5`".
    Data(String),
}

/// One step of a JSON path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    Key(String),
    Index(usize),
}

/// An error, where it happened in the text, and the path of the value it is about. Boxed: a
/// `Result` of the reader is then hardly larger than its value, which keeps every `?` cheap.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error(Box<Inner>);

#[derive(Clone, Debug, PartialEq, Eq)]
struct Inner {
    kind: ErrorKind,
    /// Bytes of the text read when it happened.
    offset: usize,
    /// Innermost step first, as filled in on the way up.
    steps: Vec<Segment>,
}

impl Error {
    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.0.kind
    }

    /// The error's kind, the rest dropped.
    pub fn into_kind(self) -> ErrorKind {
        self.0.kind
    }

    /// The error, as about the value of `key` in the object it came from.
    #[inline(never)]
    pub fn in_key(mut self, key: &str) -> Error {
        self.0.steps.push(Segment::Key(key.to_string()));
        self
    }

    /// The error, as about element `index` of the array it came from.
    #[inline(never)]
    pub fn in_index(mut self, index: usize) -> Error {
        self.0.steps.push(Segment::Index(index));
        self
    }

    /// The path of the value it is about, as `tools[3].name`; `.` for the document itself.
    pub fn path(&self) -> String {
        let mut path = String::new();
        for step in self.0.steps.iter().rev() {
            match step {
                Segment::Key(key) => {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(key);
                }
                Segment::Index(i) => {
                    path.push('[');
                    path.push_str(&i.to_string());
                    path.push(']');
                }
            }
        }
        if path.is_empty() {
            path.push('.');
        }
        path
    }

    /// The 1-based line and column (in bytes) of where it happened in `text`.
    pub fn line_column(&self, text: &str) -> (usize, usize) {
        let before = &text.as_bytes()[..self.0.offset.min(text.len())];
        let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
        let column = before.iter().rev().take_while(|&&b| b != b'\n').count();
        (line, column)
    }
}

/// What kind of value comes next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Object,
    Array,
    String,
    Number,
    Bool,
    Null,
}

/// Reads one JSON text, value by value.
pub struct Reader<'a> {
    text: &'a str,
    pos: usize,
    depth: u32,
    /// Whether the innermost open object or array has had no member yet.
    first: bool,
}

impl<'a> Reader<'a> {
    pub fn new(text: &'a str) -> Reader<'a> {
        Reader { text, pos: 0, depth: 0, first: false }
    }

    fn error(&self, kind: ErrorKind) -> Error {
        Error(Box::new(Inner { kind, offset: self.pos, steps: Vec::new() }))
    }

    fn syntax(&self, message: &'static str) -> Error {
        self.error(ErrorKind::Syntax(message))
    }

    fn eof(&self, what: &'static str) -> Error {
        self.error(ErrorKind::Eof(what))
    }

    /// The next byte that is not white space, not consumed.
    fn peek_byte(&mut self) -> Option<u8> {
        let bytes = self.text.as_bytes();
        while let Some(&b) = bytes.get(self.pos) {
            if !matches!(b, b' ' | b'\n' | b'\r' | b'\t') {
                return Some(b);
            }
            self.pos += 1;
        }
        None
    }

    /// The kind of the next value.
    pub fn peek(&mut self) -> Result<Kind, Error> {
        match self.peek_byte() {
            None => Err(self.eof("EOF while parsing a value")),
            Some(b'{') => Ok(Kind::Object),
            Some(b'[') => Ok(Kind::Array),
            Some(b'"') => Ok(Kind::String),
            Some(b'-' | b'0'..=b'9') => Ok(Kind::Number),
            Some(b't' | b'f') => Ok(Kind::Bool),
            Some(b'n') => Ok(Kind::Null),
            Some(_) => Err(self.syntax("expected value")),
        }
    }

    /// A data error: `expected`, and what the next value is instead (read past, as far as it
    /// is a scalar).
    #[inline(never)]
    pub fn unexpected(&mut self, expected: &str) -> Error {
        let found = match self.describe() {
            Ok(found) => found,
            Err(err) => return err,
        };
        self.data(format!("expected {expected}, found {found}"))
    }

    /// A data error at the current position.
    pub fn data(&self, message: String) -> Error {
        self.error(ErrorKind::Data(message))
    }

    /// The next value in words, as serde words it: "integer `5`", "string \"x\"", "map" …
    fn describe(&mut self) -> Result<String, Error> {
        Ok(match self.peek()? {
            Kind::Object => "map".to_string(),
            Kind::Array => "sequence".to_string(),
            Kind::Null => {
                self.literal(b"null")?;
                "null".to_string()
            }
            Kind::Bool => format!("boolean `{}`", self.bool()?),
            Kind::String => format!("string {}", crate::escape::quoted(&self.raw_string()?)),
            Kind::Number => {
                let (raw, integer) = self.number()?;
                let integer = integer && (raw.parse::<u64>().is_ok() || raw.parse::<i64>().is_ok());
                format!("{} `{raw}`", if integer { "integer" } else { "floating point" })
            }
        })
    }

    fn literal(&mut self, word: &'static [u8]) -> Result<(), Error> {
        for &expected in word {
            match self.text.as_bytes().get(self.pos) {
                None => return Err(self.eof("EOF while parsing a value")),
                Some(&b) if b == expected => self.pos += 1,
                Some(_) => return Err(self.syntax("expected ident")),
            }
        }
        Ok(())
    }

    /// `true` or `false`.
    pub fn bool(&mut self) -> Result<bool, Error> {
        match self.peek()? {
            Kind::Bool if self.text.as_bytes()[self.pos] == b't' => self.literal(b"true").map(|_| true),
            Kind::Bool => self.literal(b"false").map(|_| false),
            _ => Err(self.unexpected("a boolean")),
        }
    }

    /// Whether the next value is `null`; reads it if so.
    pub fn null(&mut self) -> Result<bool, Error> {
        if self.peek()? == Kind::Null {
            self.literal(b"null")?;
            return Ok(true);
        }
        Ok(false)
    }

    /// A number's text and whether it is written as an integer; checked against JSON's grammar.
    fn number(&mut self) -> Result<(&'a str, bool), Error> {
        let bytes = self.text.as_bytes();
        let start = self.pos;
        let digits = |pos: &mut usize| {
            let from = *pos;
            while bytes.get(*pos).is_some_and(u8::is_ascii_digit) {
                *pos += 1;
            }
            *pos - from
        };
        let mut pos = start;
        if bytes.get(pos) == Some(&b'-') {
            pos += 1;
        }
        let first = bytes.get(pos).copied();
        let whole = digits(&mut pos);
        if whole == 0 {
            self.pos = pos;
            return Err(if first.is_none() {
                self.eof("EOF while parsing a value")
            } else {
                self.syntax("invalid number")
            });
        }
        if first == Some(b'0') && whole > 1 {
            self.pos = start + 1 + usize::from(bytes[start] == b'-');
            return Err(self.syntax("invalid number"));
        }
        let mut integer = true;
        if bytes.get(pos) == Some(&b'.') {
            pos += 1;
            integer = false;
            if digits(&mut pos) == 0 {
                return Err(self.no_digits_at(pos));
            }
        }
        if matches!(bytes.get(pos), Some(b'e' | b'E')) {
            pos += 1;
            integer = false;
            if matches!(bytes.get(pos), Some(b'+' | b'-')) {
                pos += 1;
            }
            if digits(&mut pos) == 0 {
                return Err(self.no_digits_at(pos));
            }
        }
        self.pos = pos;
        Ok((&self.text[start..pos], integer))
    }

    /// A number without the digits JSON wants at `pos` (after `.` or an exponent's `e`).
    fn no_digits_at(&mut self, pos: usize) -> Error {
        self.pos = pos;
        if pos >= self.text.len() {
            self.eof("EOF while parsing a value")
        } else {
            self.syntax("invalid number")
        }
    }

    /// An unsigned integer of at most `max`, named `name` in errors (`u32`, `u64`).
    pub fn unsigned(&mut self, name: &'static str, max: u64) -> Result<u64, Error> {
        if self.peek()? != Kind::Number {
            return Err(self.unexpected(name));
        }
        let start = self.pos;
        let (raw, integer) = self.number()?;
        match raw.parse::<u64>() {
            Ok(n) if integer && n <= max => Ok(n),
            _ => {
                self.pos = start;
                Err(self.unexpected(name))
            }
        }
    }

    /// A signed 64-bit integer.
    pub fn i64(&mut self) -> Result<i64, Error> {
        if self.peek()? != Kind::Number {
            return Err(self.unexpected("i64"));
        }
        let start = self.pos;
        let (raw, integer) = self.number()?;
        match raw.parse::<i64>() {
            Ok(n) if integer => Ok(n),
            _ => {
                self.pos = start;
                Err(self.unexpected("i64"))
            }
        }
    }

    /// A finite number.
    pub fn f64(&mut self) -> Result<f64, Error> {
        if self.peek()? != Kind::Number {
            return Err(self.unexpected("f64"));
        }
        let (raw, _) = self.number()?;
        match raw.parse::<f64>() {
            Ok(n) if n.is_finite() => Ok(n),
            _ => Err(self.syntax("number out of range")),
        }
    }

    /// A string ("expected a string, found …" otherwise).
    pub fn string(&mut self) -> Result<String, Error> {
        if self.peek()? != Kind::String {
            return Err(self.unexpected("a string"));
        }
        self.raw_string().map(Cow::into_owned)
    }

    /// A string or `null`.
    pub fn optional_string(&mut self) -> Result<Option<String>, Error> {
        if self.null()? {
            return Ok(None);
        }
        self.string().map(Some)
    }

    /// The string at the opening quote, unescaped; borrowed when it has no escapes.
    fn raw_string(&mut self) -> Result<Cow<'a, str>, Error> {
        let bytes = self.text.as_bytes();
        self.pos += 1;
        let start = self.pos;
        let mut owned: Option<String> = None;
        let mut run = start;
        loop {
            // The plain run up to the next quote, backslash or control character: eight bytes
            // at a time while none of them is one, then byte by byte.
            while let Some(Ok(word)) = bytes.get(self.pos..self.pos + 8).map(<[u8; 8]>::try_from) {
                if has_special_byte(u64::from_le_bytes(word)) {
                    break;
                }
                self.pos += 8;
            }
            let rest = bytes.get(self.pos..).unwrap_or_default();
            self.pos += rest.iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20).unwrap_or(rest.len());
            let Some(&b) = bytes.get(self.pos) else {
                return Err(self.eof("EOF while parsing a string"));
            };
            match b {
                b'"' => {
                    let text = &self.text[run..self.pos];
                    self.pos += 1;
                    return Ok(match owned {
                        Some(mut s) => {
                            s.push_str(text);
                            Cow::Owned(s)
                        }
                        None => Cow::Borrowed(text),
                    });
                }
                b'\\' => {
                    let s = owned.get_or_insert_with(String::new);
                    s.push_str(&self.text[run..self.pos]);
                    self.pos += 1;
                    let c = self.escape()?;
                    s.push(c);
                    run = self.pos;
                }
                0..=0x1f => return Err(self.syntax("control character (\\u0000-\\u001F) found while parsing a string")),
                _ => self.pos += 1,
            }
        }
    }

    /// The character of an escape, after its backslash.
    fn escape(&mut self) -> Result<char, Error> {
        let Some(&b) = self.text.as_bytes().get(self.pos) else {
            return Err(self.eof("EOF while parsing a string"));
        };
        self.pos += 1;
        Ok(match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let high = self.hex4()?;
                match high {
                    0xD800..=0xDBFF => {
                        if self.text.as_bytes().get(self.pos..self.pos + 2) != Some(b"\\u") {
                            return Err(self.syntax("lone leading surrogate in hex escape"));
                        }
                        self.pos += 2;
                        let low = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&low) {
                            return Err(self.syntax("lone leading surrogate in hex escape"));
                        }
                        let c = 0x10000 + ((u32::from(high) - 0xD800) << 10) + (u32::from(low) - 0xDC00);
                        char::from_u32(c).ok_or_else(|| self.syntax("invalid unicode code point"))?
                    }
                    0xDC00..=0xDFFF => return Err(self.syntax("lone trailing surrogate in hex escape")),
                    c => char::from_u32(u32::from(c)).ok_or_else(|| self.syntax("invalid unicode code point"))?,
                }
            }
            _ => return Err(self.syntax("invalid escape")),
        })
    }

    fn hex4(&mut self) -> Result<u16, Error> {
        let mut n: u16 = 0;
        for _ in 0..4 {
            let Some(&b) = self.text.as_bytes().get(self.pos) else {
                return Err(self.eof("EOF while parsing a string"));
            };
            let digit = match b {
                b'0'..=b'9' => b - b'0',
                b'a'..=b'f' => b - b'a' + 10,
                b'A'..=b'F' => b - b'A' + 10,
                _ => return Err(self.syntax("invalid escape")),
            };
            n = (n << 4) | u16::from(digit);
            self.pos += 1;
        }
        Ok(n)
    }

    fn open(&mut self) -> Result<(), Error> {
        if self.depth >= MAX_DEPTH {
            return Err(self.error(ErrorKind::TooDeep));
        }
        self.depth += 1;
        self.pos += 1;
        self.first = true;
        Ok(())
    }

    /// Opens an object (`expected` names it in the error otherwise: "struct Tool"); then
    /// [`Reader::key`] until it says the object has ended.
    pub fn object(&mut self, expected: &str) -> Result<(), Error> {
        if self.peek()? != Kind::Object {
            return Err(self.unexpected(expected));
        }
        self.open()
    }

    /// The next key of the open object, its `:` read; `None` once the object has ended.
    pub fn key(&mut self) -> Result<Option<Cow<'a, str>>, Error> {
        let first = std::mem::replace(&mut self.first, false);
        match self.peek_byte() {
            None => return Err(self.eof("EOF while parsing an object")),
            Some(b'}') if first => return self.close().map(|_| None),
            Some(_) if first => {}
            Some(b'}') => return self.close().map(|_| None),
            Some(b',') => {
                self.pos += 1;
                match self.peek_byte() {
                    None => return Err(self.eof("EOF while parsing a value")),
                    Some(b'}') => return Err(self.syntax("trailing comma")),
                    Some(_) => {}
                }
            }
            Some(_) => return Err(self.syntax("expected `,` or `}`")),
        }
        if self.peek_byte() != Some(b'"') {
            return Err(self.syntax("key must be a string"));
        }
        let key = self.raw_string()?;
        match self.peek_byte() {
            None => Err(self.eof("EOF while parsing an object")),
            Some(b':') => {
                self.pos += 1;
                Ok(Some(key))
            }
            Some(_) => Err(self.syntax("expected `:`")),
        }
    }

    /// Opens an array (`expected` names it in the error otherwise: "a sequence"); then
    /// [`Reader::item`] until it says the array has ended.
    pub fn array(&mut self, expected: &str) -> Result<(), Error> {
        if self.peek()? != Kind::Array {
            return Err(self.unexpected(expected));
        }
        self.open()
    }

    /// Whether the open array has another element (then read it); `false` once it has ended.
    pub fn item(&mut self) -> Result<bool, Error> {
        let first = std::mem::replace(&mut self.first, false);
        match self.peek_byte() {
            None => Err(self.eof("EOF while parsing a list")),
            Some(b']') => self.close().map(|_| false),
            Some(_) if first => Ok(true),
            Some(b',') => {
                self.pos += 1;
                match self.peek_byte() {
                    None => Err(self.eof("EOF while parsing a value")),
                    Some(b']') => Err(self.syntax("trailing comma")),
                    Some(_) => Ok(true),
                }
            }
            Some(_) => Err(self.syntax("expected `,` or `]`")),
        }
    }

    fn close(&mut self) -> Result<(), Error> {
        self.pos += 1;
        self.depth -= 1;
        Ok(())
    }

    /// Reads past the next value, whatever it is, without recursing: a value no one reads may
    /// nest as deep as it likes.
    pub fn skip(&mut self) -> Result<(), Error> {
        let mut open: Vec<bool> = Vec::new();
        loop {
            match self.peek()? {
                kind @ (Kind::Object | Kind::Array) => {
                    self.depth += 1;
                    self.pos += 1;
                    self.first = true;
                    open.push(kind == Kind::Object);
                }
                Kind::String => {
                    self.raw_string()?;
                }
                Kind::Number => {
                    self.number()?;
                }
                Kind::Bool => {
                    self.bool()?;
                }
                Kind::Null => self.literal(b"null")?,
            }
            // Past a value or an opening: on to the next value, closing what has ended.
            loop {
                let Some(&object) = open.last() else {
                    return Ok(());
                };
                let more = if object { self.key()?.is_some() } else { self.item()? };
                if more {
                    break;
                }
                open.pop();
            }
        }
    }

    /// The text of the next value, read past: to keep a value as it was written.
    pub fn raw_value(&mut self) -> Result<&'a str, Error> {
        self.peek()?;
        let start = self.pos;
        self.skip()?;
        Ok(&self.text[start..self.pos])
    }

    /// Checks that nothing but white space follows the value read.
    pub fn end(&mut self) -> Result<(), Error> {
        match self.peek_byte() {
            None => Ok(()),
            Some(_) => Err(self.syntax("trailing characters")),
        }
    }
}

/// Whether any of the eight bytes of `word` may be a quote, a backslash or a control character
/// (never false when one is; rarely true when none is, which only costs a byte-wise look).
fn has_special_byte(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let zero_byte = |v: u64| v.wrapping_sub(ONES) & !v;
    let quote = word ^ (ONES * u64::from(b'"'));
    let backslash = word ^ (ONES * u64::from(b'\\'));
    let control = word.wrapping_sub(ONES * 0x20) & !word;
    (zero_byte(quote) | zero_byte(backslash) | control) & HIGHS != 0
}

/// `text` as a JSON string, quotes included.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(HEX[(c as usize) >> 4] as char);
                out.push(HEX[(c as usize) & 15] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn skip_all(text: &str) -> Result<(), Error> {
        let mut r = Reader::new(text);
        r.skip()?;
        r.end()
    }

    #[test]
    fn accepts_what_json_accepts() {
        for text in [
            "{}",
            "[]",
            " [1, -0, 0.5, 1e5, 1E-5, -1.25e+3, true, false, null, \"a\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\"] ",
            "{\"a\": {\"b\": [[], {}]}}",
        ] {
            assert_eq!(skip_all(text), Ok(()), "{text}");
        }
    }

    #[test]
    fn refuses_what_json_refuses() {
        for (text, kind) in [
            ("", ErrorKind::Eof("EOF while parsing a value")),
            ("[1,]", ErrorKind::Syntax("trailing comma")),
            ("{\"a\":1,}", ErrorKind::Syntax("trailing comma")),
            ("[01]", ErrorKind::Syntax("invalid number")),
            ("[1.]", ErrorKind::Syntax("invalid number")),
            ("[-]", ErrorKind::Syntax("invalid number")),
            ("[.5]", ErrorKind::Syntax("expected value")),
            ("{a:1}", ErrorKind::Syntax("key must be a string")),
            ("{\"a\" 1}", ErrorKind::Syntax("expected `:`")),
            ("[1 2]", ErrorKind::Syntax("expected `,` or `]`")),
            ("{\"a\":1 \"b\":2}", ErrorKind::Syntax("expected `,` or `}`")),
            ("\"\\x\"", ErrorKind::Syntax("invalid escape")),
            ("\"\\ud800\"", ErrorKind::Syntax("lone leading surrogate in hex escape")),
            ("\"\\udc00\"", ErrorKind::Syntax("lone trailing surrogate in hex escape")),
            ("\"a\u{1}\"", ErrorKind::Syntax("control character (\\u0000-\\u001F) found while parsing a string")),
            ("[tru]", ErrorKind::Syntax("expected ident")),
            ("[1] x", ErrorKind::Syntax("trailing characters")),
            ("[1", ErrorKind::Eof("EOF while parsing a list")),
            ("{\"a\"", ErrorKind::Eof("EOF while parsing an object")),
            ("\"abc", ErrorKind::Eof("EOF while parsing a string")),
        ] {
            assert_eq!(skip_all(text).map_err(Error::into_kind), Err(kind), "{text}");
        }
    }

    #[test]
    fn nesting_stops_at_the_limit_where_it_is_read_but_not_where_it_is_skipped() {
        let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        let read = |text: &str| {
            let mut r = Reader::new(text);
            let mut depth = 0;
            loop {
                r.array("a sequence")?;
                if !r.item()? {
                    return Ok::<usize, Error>(depth);
                }
                depth += 1;
            }
        };
        assert_eq!(read(&deep(MAX_DEPTH as usize)), Ok(MAX_DEPTH as usize - 1));
        assert_eq!(read(&deep(MAX_DEPTH as usize + 1)).map_err(Error::into_kind), Err(ErrorKind::TooDeep));
        assert_eq!(skip_all(&deep(100_000)), Ok(()));
        assert!(skip_all(&deep(100_000)[1..]).is_err());
    }

    #[test]
    fn errors_name_the_value_they_are_about() {
        let text = "{\"tools\": [{\"id\": 1}, {\"name\": 5}]}";
        let mut r = Reader::new(text);
        let err = (|| -> Result<(), Error> {
            r.object("a map")?;
            while let Some(key) = r.key()? {
                r.array("a sequence").map_err(|e| e.in_key(&key))?;
                let mut i = 0;
                while r.item().map_err(|e| e.in_key(&key))? {
                    if i == 1 {
                        r.object("struct Tool").map_err(|e| e.in_index(i).in_key(&key))?;
                        let field = r.key()?.unwrap_or_default().into_owned();
                        let err = r.string().map_err(|e| e.in_key(&field).in_index(i).in_key(&key));
                        err?;
                    }
                    r.skip()?;
                    i += 1;
                }
            }
            Ok(())
        })()
        .unwrap_err();
        assert_eq!(err.path(), "tools[1].name");
        assert_eq!(err.kind(), &ErrorKind::Data("expected a string, found integer `5`".into()));
        assert_eq!(err.line_column(text), (1, 32));
    }

    #[test]
    fn describes_what_it_found() {
        let found = |text: &str| match Reader::new(text).string().map_err(Error::into_kind) {
            Err(ErrorKind::Data(m)) => m,
            other => panic!("{other:?}"),
        };
        assert_eq!(found("5"), "expected a string, found integer `5`");
        assert_eq!(found("-5"), "expected a string, found integer `-5`");
        assert_eq!(found("2.5"), "expected a string, found floating point `2.5`");
        assert_eq!(found("1e3"), "expected a string, found floating point `1e3`");
        assert_eq!(found("true"), "expected a string, found boolean `true`");
        assert_eq!(found("null"), "expected a string, found null");
        assert_eq!(found("[1]"), "expected a string, found sequence");
        assert_eq!(found("{}"), "expected a string, found map");
        let unsigned = |text: &str| Reader::new(text).unsigned("u32", u32::MAX.into()).map_err(Error::into_kind);
        assert_eq!(unsigned("4294967295"), Ok(4_294_967_295));
        assert_eq!(unsigned("4294967296"), Err(ErrorKind::Data("expected u32, found integer `4294967296`".into())));
        assert_eq!(unsigned("-1"), Err(ErrorKind::Data("expected u32, found integer `-1`".into())));
        assert_eq!(unsigned("1.0"), Err(ErrorKind::Data("expected u32, found floating point `1.0`".into())));
    }

    #[test]
    fn the_word_test_never_misses_a_special_byte() {
        for special in [b'"', b'\\', 0, 0x1f] {
            for at in 0..8 {
                for filler in [b'a', b' ', 0x7f, 0x80, 0xff, b'!', b'#', b'[', b']'] {
                    let mut word = [filler; 8];
                    word[at] = special;
                    assert!(has_special_byte(u64::from_le_bytes(word)), "{word:?}");
                }
            }
        }
        assert!(!has_special_byte(u64::from_le_bytes(*b"plain ok")));
        assert!(!has_special_byte(u64::from_le_bytes([0xe6, 0xbc, 0xa2, 0xe5, 0xad, 0x97, b'!', 0x7f])));
    }

    #[test]
    fn strings_read_back_what_quote_writes() {
        for text in ["", "plain", "quote \" and \\ backslash", "line\nbreak\ttab\u{1}\u{1f}", "é漢字😀"] {
            let quoted = quote(text);
            assert_eq!(Reader::new(&quoted).string().as_deref(), Ok(text), "{quoted}");
        }
    }
}
