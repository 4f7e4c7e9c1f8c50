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
//! the literals and the wording of what was found instead are here; the reader as a whole is
//! tested against the JSON grammar in `tests.rs`.

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
mod tests;
