//! The checks a bundle must pass after it parses, each problem reported with its JSON path.

use std::fmt;

use super::model::Bundle;
use rustc_hash::FxHashMap;

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

/// Whether `url` may become a link: an absolute http or https URL with nothing hidden in it.
///
/// ```
/// use verdicts::bundle::is_http_url;
/// assert!(is_http_url("https://example.com/docs"));
/// assert!(!is_http_url("javascript:alert(1)"));
/// assert!(!is_http_url(" https://example.com"));
/// ```
pub fn is_http_url(url: &str) -> bool {
    if url.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return false;
    }
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &url[8..]
    } else if lower.starts_with("http://") {
        &url[7..]
    } else {
        return false;
    };
    // A host must follow.
    !rest.is_empty() && !rest.starts_with('/')
}

/// Whether `id` is a slug: 1 to 80 of lowercase ASCII letters, digits, `-`, `_` and `.`,
/// starting with a letter or digit.
pub fn is_slug(id: &str) -> bool {
    let ok_char = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.');
    !id.is_empty()
        && id.len() <= 80
        && id.chars().all(ok_char)
        && id.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| s.get(r).and_then(|p| p.parse::<u32>().ok());
    matches!((num(0..4), num(5..7), num(8..10)), (Some(_), Some(m), Some(d)) if (1..=12).contains(&m) && (1..=31).contains(&d))
}

struct Report(Vec<Problem>);

impl Report {
    fn error(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.0.push(Problem { severity: Severity::Error, path: path.into(), message: message.into() });
    }
    fn warning(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.0.push(Problem { severity: Severity::Warning, path: path.into(), message: message.into() });
    }
    /// `path` is only built when there is a problem: validation runs over every review of
    /// large bundles, and formatting paths eagerly would cost more than the checks.
    fn required_text(&mut self, path: impl FnOnce() -> String, value: &str, what: &str) {
        if value.trim().is_empty() {
            self.error(path(), format!("{what} must not be empty"));
        }
    }
    fn link(&mut self, path: String, url: &str) {
        if !is_http_url(url) {
            self.error(path, format!("{} is not an http or https link", quoted(url)));
        }
    }
    /// Checks a list of ids for format and duplicates; returns the index of each id.
    fn ids<'a>(&mut self, list: &str, ids: impl ExactSizeIterator<Item = &'a str>) -> FxHashMap<&'a str, usize> {
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

/// Every problem of a parsed bundle, errors and warnings, in document order.
pub fn validate(bundle: &Bundle) -> Vec<Problem> {
    check(bundle).problems
}

/// What validation found, and the review grid it built on the way.
pub(crate) struct Checked {
    pub problems: Vec<Problem>,
    /// `review_grid[tool * roles + role]`: the index of that review (the first, if repeated).
    pub review_grid: Vec<Option<u32>>,
}

/// Validates a bundle in one pass over its reviews, looking tools and roles up by index.
#[inline(never)]
pub(crate) fn check(bundle: &Bundle) -> Checked {
    let mut r = Report(Vec::new());
    r.required_text(|| "title".into(), &bundle.title, "the title");
    if let Some(id) = bundle.id.as_deref().filter(|id| !is_slug(id)) {
        r.error("id", format!("{} is not a slug (lowercase letters, digits, '-', '_' or '.')", quoted(id)));
    }
    if !is_date(&bundle.updated) {
        r.error("updated", format!("{} is not a date in the form YYYY-MM-DD", quoted(&bundle.updated)));
    }
    if let Some(url) = &bundle.source_url {
        r.link("source_url".into(), url);
    }

    let roles = r.ids("roles", bundle.roles.iter().map(|x| x.id.as_str()));
    for (i, role) in bundle.roles.iter().enumerate() {
        r.required_text(|| format!("roles[{i}].label"), &role.label, "a role's label");
    }
    if bundle.roles.is_empty() {
        r.warning("roles", "there are no reviewer roles, so no reviews can be shown");
    }

    let tools = r.ids("tools", bundle.tools.iter().map(|x| x.id.as_str()));
    for (i, tool) in bundle.tools.iter().enumerate() {
        let at = |field: &str| format!("tools[{i}].{field}");
        r.required_text(|| at("name"), &tool.name, "a tool's name");
        r.required_text(|| at("category"), &tool.category, "a tool's category");
        for (j, link) in tool.links.iter().enumerate() {
            r.required_text(|| at(&format!("links[{j}].label")), &link.label, "a link's label");
            if !is_http_url(&link.url) {
                r.link(at(&format!("links[{j}].url")), &link.url);
            }
        }
        for (j, price) in tool.pricing.prices.iter().enumerate() {
            if !price.amount.is_finite() || price.amount < 0.0 {
                r.error(at(&format!("pricing.prices[{j}].amount")), "a price must be zero or more");
            }
            let currency = &price.currency;
            if currency.len() != 3 || !currency.chars().all(|c| c.is_ascii_uppercase()) {
                r.error(
                    at(&format!("pricing.prices[{j}].currency")),
                    format!("{} is not a three-letter currency code such as \"USD\"", quoted(currency)),
                );
            }
            r.required_text(|| at(&format!("pricing.prices[{j}].unit")), &price.unit, "a price's unit");
            if let Some(per) = &price.per {
                if per.quantity == 0 {
                    r.error(at(&format!("pricing.prices[{j}].per.quantity")), "a price is per at least 1 item");
                }
                if !is_slug(&per.item) {
                    r.error(
                        at(&format!("pricing.prices[{j}].per.item")),
                        format!("{} is not an item name such as \"input-token\"", quoted(&per.item)),
                    );
                }
            }
        }
        for (field, count) in [("ship", tool.community.ship), ("skip", tool.community.skip)] {
            if count < 0 {
                r.error(at(&format!("community.{field}")), format!("a vote count must be zero or more, found {count}"));
            }
        }
    }
    if bundle.tools.len() < 2 {
        r.warning("tools", format!("a comparison needs two tools; this bundle has {}", bundle.tools.len()));
    }

    let role_count = bundle.roles.len();
    let mut review_grid: Vec<Option<u32>> = vec![None; bundle.tools.len() * role_count];
    let mut tool_reviewed = vec![false; bundle.tools.len()];
    let mut role_reviewed = vec![false; role_count];
    for (i, review) in bundle.reviews.iter().enumerate() {
        let at = |field: &str| format!("reviews[{i}].{field}");
        let tool = tools.get(review.tool.as_str()).copied();
        let role = roles.get(review.role.as_str()).copied();
        if tool.is_none() {
            r.error(at("tool"), format!("no tool has the id {}", quoted(&review.tool)));
        }
        if role.is_none() {
            r.error(at("role"), format!("no role has the id {}", quoted(&review.role)));
        }
        r.required_text(|| at("quote"), &review.quote, "a review's quote");
        let (Some(tool), Some(role)) = (tool, role) else {
            continue;
        };
        tool_reviewed[tool] = true;
        role_reviewed[role] = true;
        match &mut review_grid[tool * role_count + role] {
            Some(first) => r.error(
                format!("reviews[{i}]"),
                format!(
                    "{} is reviewed twice by the role {} (also reviews[{first}])",
                    quoted(&review.tool),
                    quoted(&review.role)
                ),
            ),
            cell => *cell = Some(i as u32),
        }
    }

    if let Some(featured) = &bundle.featured {
        let mut pair = |path: String, [a, b]: &[String; 2]| {
            for (k, id) in [a, b].into_iter().enumerate() {
                if !tools.contains_key(id.as_str()) {
                    r.error(format!("{path}[{k}]"), format!("no tool has the id {}", quoted(id)));
                }
            }
            if a == b {
                r.error(path, format!("a pair needs two different tools, found {} twice", quoted(a)));
            }
        };
        if let Some(default) = &featured.default {
            pair("featured.default".into(), default);
        }
        for (i, p) in featured.pairs.iter().enumerate() {
            pair(format!("featured.pairs[{i}]"), p);
        }
    }

    // A tool or role counts as reviewed by its id, so a repeated id (already an error) shares
    // the first one's reviews.
    for (i, tool) in bundle.tools.iter().enumerate() {
        if !tools.get(tool.id.as_str()).is_some_and(|&t| tool_reviewed[t]) {
            r.warning(format!("tools[{i}]"), format!("{} has no reviews yet", quoted(&tool.id)));
        }
    }
    for (i, role) in bundle.roles.iter().enumerate() {
        if !roles.get(role.id.as_str()).is_some_and(|&k| role_reviewed[k]) {
            r.warning(format!("roles[{i}]"), format!("the role {} has no reviews", quoted(&role.id)));
        }
    }
    Checked { problems: r.0, review_grid }
}

/// Whether any problem is an error.
pub fn has_errors(problems: &[Problem]) -> bool {
    problems.iter().any(|p| p.severity == Severity::Error)
}
