//! The checks a bundle must pass after it parses, each problem reported with its JSON path:
//! the pass over the bundle here, what a problem is and the report it goes into in
//! `problem.rs`, what an id, a link and a date must look like in `formats.rs`.

mod formats;
mod problem;

use super::model::Bundle;

use crate::escape::quoted;
use formats::is_date;
pub use formats::{is_http_url, is_slug};
use problem::Report;
pub use problem::{has_errors, Problem, Severity};

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
        if let Some(updated) = tool.updated.as_deref().filter(|d| !is_date(d)) {
            r.error(at("updated"), format!("{} is not a date in the form YYYY-MM-DD", quoted(updated)));
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
