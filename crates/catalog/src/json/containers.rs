//! Objects and arrays: opening, their keys and elements, closing, and skipping any value
//! without recursing.

use std::borrow::Cow;

use super::{Error, ErrorKind, Kind, Reader, MAX_DEPTH};

impl<'a> Reader<'a> {
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
