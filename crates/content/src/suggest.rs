//! Suggestions for a mistyped id or key: the nearest known ones by edit distance.

/// The known value nearest to `found`, when it is near enough to be a likely typo: at most a
/// third of its length away, rounded up (at least 1, at most 3 edits).
pub fn did_you_mean<'a>(found: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = found.chars().count().div_ceil(3).clamp(1, 3);
    known
        .into_iter()
        .map(|k| (strsim::damerau_levenshtein(found, k), k))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, k)| (*d, *k))
        .map(|(_, k)| k)
}

/// The `n` known values nearest to `found`, nearest first (ties in alphabetical order).
pub fn nearest<'a>(found: &str, known: impl IntoIterator<Item = &'a str>, n: usize) -> Vec<&'a str> {
    let mut scored: Vec<(usize, &str)> = known.into_iter().map(|k| (strsim::levenshtein(found, k), k)).collect();
    if scored.len() > n {
        scored.select_nth_unstable_by(n - 1, |a, b| a.cmp(b));
        scored.truncate(n);
    }
    scored.sort();
    scored.into_iter().map(|(_, k)| k).collect()
}

/// `did you mean "x"?` for the nearest of `known`, if any is near.
pub fn did_you_mean_text<'a>(found: &str, known: impl IntoIterator<Item = &'a str>) -> Option<String> {
    did_you_mean(found, known).map(|k| format!("did you mean \"{k}\"?"))
}

/// A slug made of a file name, for a tool file whose name is not one (`My Tool` → `my-tool`).
pub fn slug_of(name: &str) -> String {
    let mut slug = String::new();
    for c in name.trim().chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() || matches!(c, '_' | '.') {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.trim_end_matches(['-', '.']).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_typos_are_suggested_and_far_ones_are_not() {
        let roles = ["builder", "skeptic", "futurist", "buyer"];
        assert_eq!(did_you_mean("buyr", roles), Some("buyer"));
        assert_eq!(did_you_mean("biulder", roles), Some("builder"));
        assert_eq!(did_you_mean("investor", roles), None);
        assert_eq!(
            nearest("tool-0012", ["tool-0011", "tool-0021", "zeta", "tool-0013"], 2),
            ["tool-0011", "tool-0013"]
        );
        assert_eq!(slug_of("My Tool (v2)"), "my-tool-v2");
    }
}
