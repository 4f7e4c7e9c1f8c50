//! The bundle's types read from JSON with [`crate::json`], field by field, with the same
//! meaning as their serde derives (which the native tools use to write bundles and the tests
//! use as the reference): unknown fields are ignored, a field twice is an error, `default`
//! fields may be left out, `Option` fields may be left out or `null`.
//!
//! The readers of the array elements are kept out of line: a browser compiles WebAssembly
//! quickly first and optimises a function only once it has run a while, and a function already
//! running keeps its first code; so the work of a 2,000-tool array is done in a function called
//! 2,000 times, which is optimised after its first few calls, not in one long call.
//!
//! A tool and its parts (entry level, pricing, links, votes) are read in `tool.rs`; the bundle,
//! roles, reviews, featured pairs and the community settings here.

use crate::json::{Error, Reader};

use super::model::*;

/// Reads one field's value, naming the field in its error.
macro_rules! field {
    ($slot:ident, $key:expr, $r:ident, $read:expr) => {{
        if $slot.is_some() {
            return Err($r.data(format!("duplicate field `{}`", $key)));
        }
        $slot = Some($read.map_err(|e: Error| e.in_key($key))?);
    }};
}

mod tool;

use tool::tool;

fn missing(r: &Reader, key: &str) -> Error {
    r.data(format!("missing field `{key}`"))
}

/// Reads a whole document as a bundle.
pub fn bundle(r: &mut Reader) -> Result<Bundle, Error> {
    let (mut schema_version, mut id, mut title, mut updated, mut source, mut source_url) =
        (None, None, None, None, None, None);
    let (mut roles, mut tools, mut reviews, mut featured, mut community) = (None, None, None, None, None);
    r.object("struct Bundle")?;
    while let Some(key) = r.key()? {
        match &*key {
            "schema_version" => field!(schema_version, "schema_version", r, r.unsigned("u32", u32::MAX.into())),
            "id" => field!(id, "id", r, r.optional_string()),
            "title" => field!(title, "title", r, r.string()),
            "updated" => field!(updated, "updated", r, r.string()),
            "source" => field!(source, "source", r, r.string()),
            "source_url" => field!(source_url, "source_url", r, r.optional_string()),
            "roles" => field!(roles, "roles", r, list(r, role)),
            "tools" => field!(tools, "tools", r, list(r, tool)),
            "reviews" => field!(reviews, "reviews", r, list(r, review)),
            "featured" => field!(featured, "featured", r, optional_featured(r)),
            "community" => field!(community, "community", r, community_settings(r)),
            other => r.skip().map_err(|e| e.in_key(other))?,
        }
    }
    Ok(Bundle {
        schema_version: schema_version.ok_or_else(|| missing(r, "schema_version"))? as u32,
        id: id.flatten(),
        title: title.ok_or_else(|| missing(r, "title"))?,
        updated: updated.ok_or_else(|| missing(r, "updated"))?,
        source: source.ok_or_else(|| missing(r, "source"))?,
        source_url: source_url.flatten(),
        roles: roles.ok_or_else(|| missing(r, "roles"))?,
        tools: tools.ok_or_else(|| missing(r, "tools"))?,
        reviews: reviews.unwrap_or_default(),
        featured: featured.flatten(),
        community: community.unwrap_or_default(),
    })
}

/// An array of what `item` reads, each error naming its element.
fn list<T>(r: &mut Reader, item: fn(&mut Reader) -> Result<T, Error>) -> Result<Vec<T>, Error> {
    r.array("a sequence")?;
    let mut items = Vec::new();
    while r.item()? {
        items.push(item(r).map_err(|e| e.in_index(items.len()))?);
    }
    Ok(items)
}

#[inline(never)]
fn role(r: &mut Reader) -> Result<Role, Error> {
    let (mut id, mut label, mut focus) = (None, None, None);
    r.object("struct Role")?;
    while let Some(key) = r.key()? {
        match &*key {
            "id" => field!(id, "id", r, r.string()),
            "label" => field!(label, "label", r, r.string()),
            "focus" => field!(focus, "focus", r, r.string()),
            other => r.skip().map_err(|e| e.in_key(other))?,
        }
    }
    Ok(Role {
        id: id.ok_or_else(|| missing(r, "id"))?,
        label: label.ok_or_else(|| missing(r, "label"))?,
        focus: focus.unwrap_or_default(),
    })
}

/// A string that must be one of `names`: its index.
fn variant(r: &mut Reader, names: &[&str]) -> Result<usize, Error> {
    if r.peek()? == crate::json::Kind::String {
        let value = r.string()?;
        if let Some(i) = names.iter().position(|n| *n == value) {
            return Ok(i);
        }
        return Err(r.data(format!("unknown variant `{value}`, expected {}", one_of(names))));
    }
    Err(r.unexpected(&one_of(names)))
}

/// The names as serde words them: "`a` or `b`", "one of `a`, `b`, `c`".
#[inline(never)]
fn one_of(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.len() {
        2 => quoted.join(" or "),
        _ => format!("one of {}", quoted.join(", ")),
    }
}

fn verdict(r: &mut Reader) -> Result<Verdict, Error> {
    variant(r, &["ship", "skip"]).map(|i| if i == 0 { Verdict::Ship } else { Verdict::Skip })
}

#[inline(never)]
fn review(r: &mut Reader) -> Result<Review, Error> {
    let (mut tool, mut role, mut verdict, mut quote) = (None, None, None, None);
    r.object("struct Review")?;
    while let Some(key) = r.key()? {
        match &*key {
            "tool" => field!(tool, "tool", r, r.string()),
            "role" => field!(role, "role", r, r.string()),
            "verdict" => field!(verdict, "verdict", r, self::verdict(r)),
            "quote" => field!(quote, "quote", r, r.string()),
            other => r.skip().map_err(|e| e.in_key(other))?,
        }
    }
    Ok(Review {
        tool: tool.ok_or_else(|| missing(r, "tool"))?,
        role: role.ok_or_else(|| missing(r, "role"))?,
        verdict: verdict.ok_or_else(|| missing(r, "verdict"))?,
        quote: quote.ok_or_else(|| missing(r, "quote"))?,
    })
}

fn optional_featured(r: &mut Reader) -> Result<Option<Featured>, Error> {
    if r.null()? {
        return Ok(None);
    }
    let (mut default, mut pairs) = (None, None);
    r.object("struct Featured")?;
    while let Some(key) = r.key()? {
        match &*key {
            "default" => field!(default, "default", r, optional_pair(r)),
            "pairs" => field!(pairs, "pairs", r, list(r, pair)),
            other => r.skip().map_err(|e| e.in_key(other))?,
        }
    }
    Ok(Some(Featured { default: default.flatten(), pairs: pairs.unwrap_or_default() }))
}

fn optional_pair(r: &mut Reader) -> Result<Option<[String; 2]>, Error> {
    if r.null()? {
        return Ok(None);
    }
    pair(r).map(Some)
}

/// Two tool ids.
#[inline(never)]
fn pair(r: &mut Reader) -> Result<[String; 2], Error> {
    const EXPECTED: &str = "an array of length 2";
    r.array(EXPECTED)?;
    let mut ids: Vec<String> = Vec::with_capacity(2);
    while r.item()? {
        if ids.len() == 2 {
            return Err(r.data(format!("invalid length 3, expected {EXPECTED}")));
        }
        ids.push(r.string().map_err(|e| e.in_index(ids.len()))?);
    }
    match <[String; 2]>::try_from(ids) {
        Ok(pair) => Ok(pair),
        Err(ids) => Err(r.data(format!("invalid length {}, expected {EXPECTED}", ids.len()))),
    }
}

fn community_settings(r: &mut Reader) -> Result<CommunitySettings, Error> {
    let mut min_votes = None;
    r.object("struct CommunitySettings")?;
    while let Some(key) = r.key()? {
        match &*key {
            "min_votes" => field!(min_votes, "min_votes", r, r.unsigned("u32", u32::MAX.into())),
            other => r.skip().map_err(|e| e.in_key(other))?,
        }
    }
    Ok(CommunitySettings { min_votes: min_votes.map_or(DEFAULT_MIN_VOTES, |n| n as u32) })
}
