//! Strings: read (scanned eight bytes at a time, unescaped only when they have escapes) and
//! written.

use std::borrow::Cow;

use super::{Error, Kind, Reader};

impl<'a> Reader<'a> {
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
    pub(super) fn raw_string(&mut self) -> Result<Cow<'a, str>, Error> {
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
