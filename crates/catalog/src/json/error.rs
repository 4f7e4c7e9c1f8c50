//! What a reader's error says: its kind, where it happened, and the path of the value it is
//! about, filled in on the way up.

/// Why a text could not be read as the value asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// The text ends before the value does.
    Eof(&'static str),
    /// The text is not JSON here.
    Syntax(&'static str),
    /// Objects and arrays nest deeper than [`MAX_DEPTH`](super::MAX_DEPTH).
    TooDeep,
    /// The text is JSON, but not the value asked for: "expected a string, found integer `5`".
    Data(String),
}

/// One step of a JSON path.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Segment {
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
    pub(super) fn at(kind: ErrorKind, offset: usize) -> Error {
        Error(Box::new(Inner { kind, offset, steps: Vec::new() }))
    }

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
