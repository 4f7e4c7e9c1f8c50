//! What validation reports: a problem, how serious it is and where it is, and the report the
//! checks write their problems into.

use std::fmt;

use rustc_hash::FxHashMap;

use super::formats::{is_http_url, is_slug};
use crate::escape::quoted;

/// How serious a problem is: errors refuse the bundle, warnings are shown and let it load.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in a bundle.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    /// Where it is, as a JSON path (`tools[3].links[0].url`).
    pub path: String,
    /// What is wrong, in words.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{kind}: {}: {}", self.path, self.message)
    }
}

/// Whether any problem is an error.
pub fn has_errors(problems: &[Problem]) -> bool {
    problems.iter().any(|p| p.severity == Severity::Error)
}

/// The problems found so far, in the order the checks found them.
pub(super) struct Report(pub(super) Vec<Problem>);

impl Report {
    pub(super) fn error(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.0.push(Problem { severity: Severity::Error, path: path.into(), message: message.into() });
    }
    pub(super) fn warning(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.0.push(Problem { severity: Severity::Warning, path: path.into(), message: message.into() });
    }
    /// `path` is only built when there is a problem: validation runs over every review of
    /// large bundles, and formatting paths eagerly would cost more than the checks.
    pub(super) fn required_text(&mut self, path: impl FnOnce() -> String, value: &str, what: &str) {
        if value.trim().is_empty() {
            self.error(path(), format!("{what} must not be empty"));
        }
    }
    pub(super) fn link(&mut self, path: String, url: &str) {
        if !is_http_url(url) {
            self.error(path, format!("{} is not an http or https link", quoted(url)));
        }
    }
    /// Checks a list of ids for format and duplicates; returns the index of each id.
    pub(super) fn ids<'a>(
        &mut self,
        list: &str,
        ids: impl ExactSizeIterator<Item = &'a str>,
    ) -> FxHashMap<&'a str, usize> {
        let mut seen = FxHashMap::with_capacity_and_hasher(ids.len(), Default::default());
        for (i, id) in ids.enumerate() {
            if !is_slug(id) {
                self.error(
                    format!("{list}[{i}].id"),
                    format!("{} is not a slug (lowercase letters, digits, '-', '_' or '.')", quoted(id)),
                );
            }
            if let Some(first) = seen.get(id) {
                self.error(format!("{list}[{i}].id"), format!("duplicate id {} (also {list}[{first}])", quoted(id)));
            } else {
                seen.insert(id, i);
            }
        }
        seen
    }
}
