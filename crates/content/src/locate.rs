//! From a problem's place in the bundle (a JSON path such as `reviews[12].role`) to its place in
//! the folder: which file, the path of the field in it (`review[3].role`), and the line and
//! column of that field's value.

use std::ops::Range;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// One step of a path: a key or an index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// The steps of a JSON path as validation writes them (`tools[3].links[0].url`).
pub fn steps(path: &str) -> Vec<Step> {
    let mut steps = Vec::new();
    for part in path.split('.') {
        let (key, mut rest) = part.split_once('[').map_or((part, ""), |(k, r)| (k, r));
        if !key.is_empty() {
            steps.push(Step::Key(key.to_string()));
        }
        while let Some((index, after)) = rest.split_once(']') {
            if let Ok(i) = index.parse() {
                steps.push(Step::Index(i));
            }
            rest = after.strip_prefix('[').unwrap_or(after);
        }
    }
    steps
}

/// The path of `steps` as written in the file (`review[3].role`).
pub fn path_text(steps: &[Step]) -> String {
    let mut text = String::new();
    for step in steps {
        match step {
            Step::Key(k) => {
                if !text.is_empty() {
                    text.push('.');
                }
                text.push_str(k);
            }
            Step::Index(i) => text.push_str(&format!("[{i}]")),
        }
    }
    text
}

/// The bundle's names of lists that the files name by their singular table (`[[link]]`).
pub fn file_steps(steps: &[Step]) -> Vec<Step> {
    steps
        .iter()
        .map(|s| match s {
            Step::Key(k) if k == "links" => Step::Key("link".into()),
            Step::Key(k) if k == "roles" => Step::Key("role".into()),
            Step::Key(k) if k == "reviews" => Step::Key("review".into()),
            other => other.clone(),
        })
        .collect()
}

/// The byte span of the value at `steps` in `table`, or of the nearest enclosing value written
/// in the file (a missing key points at its table); `None` for the whole document.
pub fn span_of(table: &Spanned<DeTable<'_>>, steps: &[Step]) -> Option<Range<usize>> {
    let mut best: Option<Range<usize>> = None;
    let mut current: Option<&Spanned<DeValue<'_>>> = None;
    for (n, step) in steps.iter().enumerate() {
        let next = match (n, current, step) {
            (0, _, Step::Key(k)) => table.get_ref().get(k.as_str()),
            (_, Some(value), Step::Key(k)) => value.get_ref().as_table().and_then(|t| t.get(k.as_str())),
            (_, Some(value), Step::Index(i)) => value.get_ref().as_array().and_then(|a| a.get(*i)),
            _ => None,
        };
        match next {
            Some(value) => {
                best = Some(value.span());
                current = Some(value);
            }
            None => break,
        }
    }
    // A table written as `[[review]]` spans from its header; an empty span (an implicit table)
    // says nothing.
    best.filter(|span| !span.is_empty())
}
