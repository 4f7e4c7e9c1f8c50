//! A problem in the content folder, placed at its file, line and column.

use std::fmt;
use std::path::PathBuf;

pub use verdicts_catalog::bundle::Severity;

/// One problem, where an editor can jump to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    /// The file, as the folder was named plus its path in it (`content/tools/alpha.toml`).
    pub file: PathBuf,
    /// 1-based line and column (in characters) of the key or value at fault; `None` when the
    /// problem is the file itself (it is missing, or its name is wrong).
    pub position: Option<Position>,
    /// The field, as a path in the file (`review[2].role`); empty for the whole file.
    pub field: String,
    /// What is wrong: what was found and what is expected.
    pub message: String,
    /// What it probably should be, where that can be told (`did you mean "buyer"?`).
    pub suggestion: Option<String>,
}

/// A place in a file, 1-based.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Position {
    /// The line and column of byte `offset` in `text` (the column counts characters).
    pub fn of_offset(text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Position { line: before.matches('\n').count() + 1, column: before[line_start..].chars().count() + 1 }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(Position { line, column }) = self.position {
            write!(f, ":{line}:{column}")?;
        }
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, ": {kind}: ")?;
        if !self.field.is_empty() {
            write!(f, "{}: ", self.field)?;
        }
        write!(f, "{}", self.message)?;
        if let Some(suggestion) = &self.suggestion {
            write!(f, "; {suggestion}")?;
        }
        Ok(())
    }
}

/// Whether any problem is an error.
pub fn has_errors(problems: &[Problem]) -> bool {
    problems.iter().any(|p| p.severity == Severity::Error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        let text = "name = \"日本語\"\nentry = \"x\"\r\nquote = \"é\" x";
        assert_eq!(Position::of_offset(text, 0), Position { line: 1, column: 1 });
        // After three 3-byte characters, the column counts characters, not bytes.
        let closing = text.find("\"\n").unwrap_or_default();
        assert_eq!(Position::of_offset(text, closing), Position { line: 1, column: 12 });
        assert_eq!(Position::of_offset(text, text.find("entry").unwrap_or_default()), Position { line: 2, column: 1 });
        assert_eq!(Position::of_offset(text, text.rfind('x').unwrap_or_default()), Position { line: 3, column: 13 });
        // Past the end, or inside a character: the nearest place before it.
        assert_eq!(Position::of_offset(text, 10_000), Position { line: 3, column: 14 });
        assert_eq!(Position::of_offset(text, 9), Position { line: 1, column: 9 });
    }
}
