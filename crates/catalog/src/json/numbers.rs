//! Numbers: JSON's grammar, and integers and floats read as the caller asks.

use super::{Error, Kind, Reader};

impl<'a> Reader<'a> {
    /// A number's text and whether it is written as an integer; checked against JSON's grammar.
    pub(super) fn number(&mut self) -> Result<(&'a str, bool), Error> {
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
        // "-0" is a float to serde (negative zero), so no integer field takes it.
        let mut integer = !(whole == 1 && first == Some(b'0') && bytes[start] == b'-');
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
}
