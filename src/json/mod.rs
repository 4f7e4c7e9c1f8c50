//! A small JSON reader, written for the bundle and the app's other JSON (stored votes, the vote
//! collector's answers), so that the browser build carries no general-purpose JSON library.
//!
//! It reads a text in one pass, value by value, as the caller asks for them: the caller knows
//! the shape it wants and says so (`object`, `key`, `string`, `u64` …); anything else is
//! [`Reader::skip`]ped. It accepts exactly the JSON of RFC 8259, what it reads nesting at most
//! [`MAX_DEPTH`] deep (what it skips may nest deeper: skipping does not recurse). An error says
//! where it happened: its byte offset, and, filled in while it travels up through the caller's
//! fields and elements ([`Error::in_key`], [`Error::in_index`]), the JSON path of the value it
//! is about. The success path tracks nothing.
//!
//! The reader's parts: what an error says (`error.rs`), strings (`strings.rs`, and [`quote`] to
//! write one), numbers (`numbers.rs`), objects and arrays (`containers.rs`); the values' kinds,
//! the literals and the wording of what was found instead are here.

mod containers;
mod error;
mod numbers;
mod strings;

pub use error::{Error, ErrorKind};
pub use strings::quote;

/// The deepest nesting of objects and arrays read (as serde_json's default limit).
pub const MAX_DEPTH: u32 = 128;

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
        Error::at(kind, self.pos)
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
        assert_eq!(found("-0"), "expected a string, found floating point `-0`");
        assert_eq!(found("true"), "expected a string, found boolean `true`");
        assert_eq!(found("null"), "expected a string, found null");
        assert_eq!(found("[1]"), "expected a string, found sequence");
        assert_eq!(found("{}"), "expected a string, found map");
        let unsigned = |text: &str| Reader::new(text).unsigned("u32", u32::MAX.into()).map_err(Error::into_kind);
        assert_eq!(unsigned("4294967295"), Ok(4_294_967_295));
        assert_eq!(unsigned("4294967296"), Err(ErrorKind::Data("expected u32, found integer `4294967296`".into())));
        assert_eq!(unsigned("-1"), Err(ErrorKind::Data("expected u32, found integer `-1`".into())));
        assert_eq!(unsigned("1.0"), Err(ErrorKind::Data("expected u32, found floating point `1.0`".into())));
        assert_eq!(unsigned("-0"), Err(ErrorKind::Data("expected u32, found floating point `-0`".into())));
        // Negative zero is a float, as serde_json reads it: no integer field takes it.
        assert!(Reader::new("-0").i64().is_err());
        assert!(serde_json::from_str::<i64>("-0").is_err());
        assert_eq!(Reader::new("0").i64().map_err(Error::into_kind), Ok(0));
        assert_eq!(Reader::new("-0").f64().map_err(Error::into_kind), Ok(-0.0));
    }
}
