//! A tool read from JSON, with its entry level, pricing, links and community votes.

use crate::json::{Error, Reader};

use super::super::model::*;
use super::{list, missing, variant};

#[inline(never)]
pub(super) fn tool(r: &mut Reader) -> Result<Tool, Error> {
    let (mut id, mut name, mut vendor, mut category, mut tagline, mut description) =
        (None, None, None, None, None, None);
    let (mut license, mut entry, mut pricing, mut links, mut community) = (None, None, None, None, None);
    r.object("struct Tool")?;
    while let Some(key) = r.key()? {
        match &*key {
            "id" => field!(id, "id", r, r.string()),
            "name" => field!(name, "name", r, r.string()),
            "vendor" => field!(vendor, "vendor", r, r.optional_string()),
            "category" => field!(category, "category", r, r.string()),
            "tagline" => field!(tagline, "tagline", r, r.string()),
            "description" => field!(description, "description", r, r.string()),
            "license" => field!(license, "license", r, r.optional_string()),
            "entry" => field!(entry, "entry", r, entry_level(r)),
            "pricing" => field!(pricing, "pricing", r, self::pricing(r)),
            "links" => field!(links, "links", r, list(r, link)),
            "community" => field!(community, "community", r, votes(r)),
            other => r.skip().map_err(|e| e.in_key(other))?,
        }
    }
    Ok(Tool {
        id: id.ok_or_else(|| missing(r, "id"))?,
        name: name.ok_or_else(|| missing(r, "name"))?,
        vendor: vendor.flatten(),
        category: category.ok_or_else(|| missing(r, "category"))?,
        tagline: tagline.unwrap_or_default(),
        description: description.unwrap_or_default(),
        license: license.flatten(),
        entry: entry.ok_or_else(|| missing(r, "entry"))?,
        pricing: pricing.unwrap_or_default(),
        links: links.unwrap_or_default(),
        community: community.unwrap_or_default(),
    })
}

fn entry_level(r: &mut Reader) -> Result<EntryLevel, Error> {
    const ALL: [EntryLevel; 4] = [EntryLevel::Free, EntryLevel::Freemium, EntryLevel::Paid, EntryLevel::ContactSales];
    variant(r, &["free", "freemium", "paid", "contact-sales"]).map(|i| ALL[i])
}

#[inline(never)]
fn pricing(r: &mut Reader) -> Result<Pricing, Error> {
    let (mut prices, mut notes) = (None, None);
    r.object("struct Pricing")?;
    while let Some(key) = r.key()? {
        match &*key {
            "prices" => field!(prices, "prices", r, list(r, price)),
            "notes" => field!(notes, "notes", r, r.optional_string()),
            other => r.skip().map_err(|e| e.in_key(other))?,
        }
    }
    Ok(Pricing { prices: prices.unwrap_or_default(), notes: notes.flatten() })
}

#[inline(never)]
fn price(r: &mut Reader) -> Result<Price, Error> {
    let (mut amount, mut currency, mut unit, mut per) = (None, None, None, None);
    r.object("struct Price")?;
    while let Some(key) = r.key()? {
        match &*key {
            "amount" => field!(amount, "amount", r, r.f64()),
            "currency" => field!(currency, "currency", r, r.string()),
            "unit" => field!(unit, "unit", r, r.string()),
            "per" => field!(per, "per", r, optional_price_per(r)),
            other => r.skip().map_err(|e| e.in_key(other))?,
        }
    }
    Ok(Price {
        amount: amount.ok_or_else(|| missing(r, "amount"))?,
        currency: currency.ok_or_else(|| missing(r, "currency"))?,
        unit: unit.ok_or_else(|| missing(r, "unit"))?,
        per: per.flatten(),
    })
}

#[inline(never)]
fn optional_price_per(r: &mut Reader) -> Result<Option<PricePer>, Error> {
    if r.null()? {
        return Ok(None);
    }
    let (mut quantity, mut item) = (None, None);
    r.object("struct PricePer")?;
    while let Some(key) = r.key()? {
        match &*key {
            "quantity" => field!(quantity, "quantity", r, r.unsigned("u64", u64::MAX)),
            "item" => field!(item, "item", r, r.string()),
            other => r.skip().map_err(|e| e.in_key(other))?,
        }
    }
    Ok(Some(PricePer {
        quantity: quantity.ok_or_else(|| missing(r, "quantity"))?,
        item: item.ok_or_else(|| missing(r, "item"))?,
    }))
}

#[inline(never)]
fn link(r: &mut Reader) -> Result<Link, Error> {
    let (mut label, mut url) = (None, None);
    r.object("struct Link")?;
    while let Some(key) = r.key()? {
        match &*key {
            "label" => field!(label, "label", r, r.string()),
            "url" => field!(url, "url", r, r.string()),
            other => r.skip().map_err(|e| e.in_key(other))?,
        }
    }
    Ok(Link { label: label.ok_or_else(|| missing(r, "label"))?, url: url.ok_or_else(|| missing(r, "url"))? })
}

#[inline(never)]
fn votes(r: &mut Reader) -> Result<Votes, Error> {
    let (mut ship, mut skip) = (None, None);
    r.object("struct Votes")?;
    while let Some(key) = r.key()? {
        match &*key {
            "ship" => field!(ship, "ship", r, r.i64()),
            "skip" => field!(skip, "skip", r, r.i64()),
            other => r.skip().map_err(|e| e.in_key(other))?,
        }
    }
    Ok(Votes { ship: ship.unwrap_or_default(), skip: skip.unwrap_or_default() })
}
