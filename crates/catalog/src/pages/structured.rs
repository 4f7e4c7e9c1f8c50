//! The pages' structured data for search engines: JSON-LD (schema.org) for a tool's page, a
//! pair's page and the breadcrumbs of every page, written as text that is safe inside
//! `<script type="application/ld+json">`.
//!
//! What each page says, and the rule each choice follows (schema.org's types, and Google's
//! review-snippet and software-app guidelines):
//!
//! - **A tool's page** is a `SoftwareApplication`: `name`, `applicationCategory` (the bundle's
//!   category, free text, which schema.org allows), `description` (else the tagline), `url` (its
//!   page), `creator` (the vendor, when known).
//! - **`offers` only when the data lists a price**: one `Offer` per listed price, with its
//!   `UnitPriceSpecification` (the unit in words, and the quantity when the data gives it). An
//!   entry level such as "free" is not a price, and no price is made up from it (Google: markup
//!   must describe what the page shows; no invented numbers).
//! - **The panel's reviews** are `Review`s: the reviewer's words as `reviewBody`, the verdict in
//!   `name` ("The builder: Ship"), `author` the reviewer as the page names them (the data names a
//!   reviewer by their lens, the byline on the page), and the site as `publisher` (an
//!   `Organization` named "Verdicts"). They are not self-serving: the site reviews tools it
//!   does not make (Google refuses reviews an entity writes about itself).
//!   **No `reviewRating`**: a verdict is *ship* or *skip*, not a score; turning it into stars
//!   (ship = 5, skip = 1) would show a number no reviewer gave. Google then shows no stars for
//!   these reviews, which is the honest outcome.
//! - **`aggregateRating` only from the community vote**, the only figure that is many users'
//!   ratings (Google: ratings must come from users; an editors' tally is not an aggregate
//!   rating), and only when the page shows it: at or above the bundle's `community.min_votes`,
//!   the rule the app uses ([`CommunityTally::percent`]). `ratingValue` is the ship share in whole
//!   percent, the figure on the page, on an explicit scale (`worstRating` 0, `bestRating` 100:
//!   each vote counts 100 for ship and 0 for skip, so the mean is the share), `ratingCount` the
//!   votes. The panel's ship share is not marked up as a rating.
//! - **A pair's page** is an `ItemList` of its two tools, each a `SoftwareApplication` with its
//!   name, category and the URL of its own page ([`tool_path`]).
//! - **Every page** has a `BreadcrumbList`: the site root, then the tool or the pair (the last
//!   item without `item` on the index, whose URL is the root's; Google allows that for the last).
//!
//! Google's software-app rich result wants `offers.price` and a rating; a tool with no listed
//! price, or with too few votes (and reviews without scores), is still described, only not
//! eligible for stars or a price in results. Nothing is made up to qualify.
//!
//! Text from the data stays text: `serde_json` writes it as JSON strings, and [`script_text`]
//! writes every `<` as `\u003c`, so no value can end the script element or open a comment.

use serde_json::{json, Map, Value};

use super::{tool_path, SITE_NAME};
use crate::bundle::figures::CommunityTally;
use crate::bundle::{Catalog, Tool};

/// The site as publisher of the reviews: an `Organization` named "Verdicts" at `root`.
fn publisher(root: &str) -> Value {
    json!({ "@type": "Organization", "name": SITE_NAME, "url": root })
}

/// The page text of `pair`: "A vs B".
fn pair_name(catalog: &Catalog, a: usize, b: usize) -> Option<String> {
    Some(format!("{} vs {}", catalog.tool(a)?.name, catalog.tool(b)?.name))
}

/// One `Offer` per listed price.
fn offers(tool: &Tool) -> Vec<Value> {
    tool.pricing
        .prices
        .iter()
        .map(|price| {
            let mut unit = json!({
                "@type": "UnitPriceSpecification",
                "price": price.amount,
                "priceCurrency": price.currency,
                "unitText": price.unit.trim(),
            });
            if let Some(per) = &price.per {
                unit["referenceQuantity"] =
                    json!({ "@type": "QuantitativeValue", "value": per.quantity, "unitText": per.item });
            }
            json!({
                "@type": "Offer",
                "price": price.amount,
                "priceCurrency": price.currency,
                "priceSpecification": unit,
            })
        })
        .collect()
}

/// The community vote as an `AggregateRating`, when the page shows its share.
fn aggregate_rating(catalog: &Catalog, tool: &Tool) -> Option<Value> {
    let tally = CommunityTally::new(tool.community, None, catalog.bundle.community.min_votes);
    let share = tally.percent()?;
    Some(json!({
        "@type": "AggregateRating",
        "ratingValue": share,
        "bestRating": 100,
        "worstRating": 0,
        "ratingCount": tally.total(),
    }))
}

/// The panel's reviews of a tool, in role order.
fn reviews(catalog: &Catalog, tool: usize, root: &str) -> Vec<Value> {
    catalog
        .roles()
        .iter()
        .enumerate()
        .filter_map(|(r, role)| {
            let review = catalog.review(tool, r)?;
            Some(json!({
                "@type": "Review",
                "name": format!("{}: {}", role.label, review.verdict.label()),
                "reviewBody": review.quote,
                "author": { "@type": "Person", "name": role.label },
                "publisher": publisher(root),
            }))
        })
        .collect()
}

/// A tool's page as a `SoftwareApplication`; `root` is the site root URL with its trailing slash.
/// `None` for an index out of range.
pub fn software_application(catalog: &Catalog, tool: usize, root: &str) -> Option<Value> {
    let t = catalog.tool(tool)?;
    let mut app = Map::new();
    app.insert("@context".into(), json!("https://schema.org"));
    app.insert("@type".into(), json!("SoftwareApplication"));
    app.insert("name".into(), json!(t.name));
    app.insert("applicationCategory".into(), json!(t.category));
    let about = [&t.description, &t.tagline].into_iter().map(|s| s.trim()).find(|s| !s.is_empty());
    if let Some(about) = about {
        app.insert("description".into(), json!(about));
    }
    app.insert("url".into(), json!(format!("{root}{}", tool_path(&t.id))));
    if let Some(vendor) = t.vendor.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
        app.insert("creator".into(), json!({ "@type": "Organization", "name": vendor }));
    }
    let offers = offers(t);
    if !offers.is_empty() {
        app.insert("offers".into(), Value::Array(offers));
    }
    if let Some(rating) = aggregate_rating(catalog, t) {
        app.insert("aggregateRating".into(), rating);
    }
    let reviews = reviews(catalog, tool, root);
    if !reviews.is_empty() {
        app.insert("review".into(), Value::Array(reviews));
    }
    Some(Value::Object(app))
}

/// A pair's page as an `ItemList` of its two tools, in the order shown; `page_url` is the page's
/// absolute URL.
pub fn pair_item_list(catalog: &Catalog, a: usize, b: usize, root: &str, page_url: &str) -> Option<Value> {
    let item = |i: usize, position: usize| -> Option<Value> {
        let t = catalog.tool(i)?;
        Some(json!({
            "@type": "ListItem",
            "position": position,
            "item": {
                "@type": "SoftwareApplication",
                "name": t.name,
                "applicationCategory": t.category,
                "url": format!("{root}{}", tool_path(&t.id)),
            },
        }))
    };
    Some(json!({
        "@context": "https://schema.org",
        "@type": "ItemList",
        "name": pair_name(catalog, a, b)?,
        "url": page_url,
        "numberOfItems": 2,
        "itemListOrder": "https://schema.org/ItemListUnordered",
        "itemListElement": [item(a, 1)?, item(b, 2)?],
    }))
}

/// A `BreadcrumbList` from the site root (named "Verdicts") to the page `name`, at `page_url`
/// (`None` when the page is the root itself, as the index is).
pub fn breadcrumbs(root: &str, name: &str, page_url: Option<&str>) -> Value {
    let mut last = json!({ "@type": "ListItem", "position": 2, "name": name });
    if let Some(url) = page_url {
        last["item"] = json!(url);
    }
    json!({
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            { "@type": "ListItem", "position": 1, "name": SITE_NAME, "item": root },
            last,
        ],
    })
}

/// JSON-LD text for inside `<script type="application/ld+json">`: every `<` written as
/// `\u003c` (the same JSON), so no text from the data ends the element.
pub fn script_text(value: &Value) -> String {
    value.to_string().replace('<', "\\u003c")
}

/// The JSON-LD of a tool's page, one script text each: its `SoftwareApplication` and its
/// breadcrumbs. Empty for an index out of range.
pub fn tool_page_json_ld(catalog: &Catalog, tool: usize, root: &str) -> Vec<String> {
    let (Some(t), Some(app)) = (catalog.tool(tool), software_application(catalog, tool, root)) else {
        return Vec::new();
    };
    let url = format!("{root}{}", tool_path(&t.id));
    vec![script_text(&app), script_text(&breadcrumbs(root, &t.name, Some(&url)))]
}

/// The JSON-LD of a pair's page at `page_path` (its folder under the site root, empty for the
/// index), one script text each: its `ItemList` and its breadcrumbs. Empty for an index out of
/// range.
pub fn pair_page_json_ld(catalog: &Catalog, a: usize, b: usize, root: &str, page_path: &str) -> Vec<String> {
    let page_url = format!("{root}{page_path}");
    let (Some(list), Some(name)) = (pair_item_list(catalog, a, b, root, &page_url), pair_name(catalog, a, b)) else {
        return Vec::new();
    };
    let crumb_url = (!page_path.is_empty()).then_some(page_url.as_str());
    vec![script_text(&list), script_text(&breadcrumbs(root, &name, crumb_url))]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::{parse_bundle, Price, PricePer, Verdict, Votes};

    const ROOT: &str = "https://example.com/tools/compare/";

    fn catalog(edit: impl FnOnce(&mut crate::bundle::Bundle)) -> Catalog {
        let mut bundle = parse_bundle(include_str!("../../tests/fixtures/publish/bundle.json")).expect("the fixture");
        edit(&mut bundle);
        Catalog::new(bundle).expect("valid")
    }

    fn parsed(text: &str) -> Value {
        serde_json::from_str(text).expect("JSON-LD parses as JSON")
    }

    #[test]
    fn a_tool_page_is_a_software_application_with_its_reviews_credited_to_the_site() {
        let c = catalog(|_| {});
        let i = (0..c.tools().len())
            .find(|&i| (0..c.roles().len()).any(|r| c.review(i, r).is_some()))
            .expect("a reviewed tool");
        let scripts = tool_page_json_ld(&c, i, ROOT);
        assert_eq!(scripts.len(), 2);
        let app = parsed(&scripts[0]);
        let t = &c.tools()[i];
        assert_eq!(app["@context"], "https://schema.org");
        assert_eq!(app["@type"], "SoftwareApplication");
        assert_eq!(app["name"], t.name.as_str());
        assert_eq!(app["applicationCategory"], t.category.as_str());
        assert_eq!(app["url"], format!("{ROOT}tools/{}/", t.id));
        let reviews = app["review"].as_array().expect("reviews");
        assert!(!reviews.is_empty());
        for review in reviews {
            assert_eq!(review["@type"], "Review");
            assert!(review["reviewBody"].as_str().is_some_and(|b| !b.is_empty()));
            assert_eq!(review["author"]["@type"], "Person");
            assert!(review["author"]["name"].as_str().is_some_and(|n| !n.is_empty() && n.len() < 100));
            assert_eq!(review["publisher"], json!({ "@type": "Organization", "name": "Verdicts", "url": ROOT }));
            assert!(review.get("reviewRating").is_none(), "a verdict is not a score");
            let name = review["name"].as_str().expect("a name");
            assert!(name.ends_with(": Ship") || name.ends_with(": Skip"), "{name}");
        }
        let crumbs = parsed(&scripts[1]);
        assert_eq!(crumbs["@type"], "BreadcrumbList");
        assert_eq!(crumbs["itemListElement"][0]["item"], ROOT);
        assert_eq!(crumbs["itemListElement"][1]["name"], t.name.as_str());
        assert_eq!(crumbs["itemListElement"][1]["item"], format!("{ROOT}tools/{}/", t.id));
    }

    #[test]
    fn an_aggregate_rating_only_from_enough_community_votes() {
        let with_votes = |ship: i64, skip: i64, min: u32| {
            let c = catalog(|b| {
                b.community.min_votes = min;
                b.tools[0].community = Votes { ship, skip };
            });
            software_application(&c, 0, ROOT).expect("the tool")
        };
        assert!(with_votes(6, 3, 10).get("aggregateRating").is_none(), "9 votes are below 10");
        assert!(with_votes(0, 0, 0).get("aggregateRating").is_none(), "no votes, no rating, whatever the minimum");
        let rated = with_votes(7, 3, 10);
        assert_eq!(
            rated["aggregateRating"],
            json!({ "@type": "AggregateRating", "ratingValue": 70, "bestRating": 100, "worstRating": 0, "ratingCount": 10 })
        );
        // The share the page shows (whole percent, half up).
        assert_eq!(with_votes(2, 1, 3)["aggregateRating"]["ratingValue"], 67);
    }

    #[test]
    fn offers_only_with_listed_prices() {
        let c = catalog(|b| {
            b.tools[0].pricing.prices.clear();
            b.tools[1].pricing.prices = vec![
                Price {
                    amount: 2.5,
                    currency: "USD".into(),
                    unit: "1M input tokens".into(),
                    per: Some(PricePer { quantity: 1_000_000, item: "input-token".into() }),
                },
                Price { amount: 20.0, currency: "EUR".into(), unit: "seat / month".into(), per: None },
            ];
        });
        assert!(software_application(&c, 0, ROOT).expect("a tool").get("offers").is_none());
        let app = software_application(&c, 1, ROOT).expect("a tool");
        let offers = app["offers"].as_array().expect("offers");
        assert_eq!(offers.len(), 2);
        assert_eq!(offers[0]["@type"], "Offer");
        assert_eq!(offers[0]["price"], 2.5);
        assert_eq!(offers[0]["priceCurrency"], "USD");
        assert_eq!(offers[0]["priceSpecification"]["unitText"], "1M input tokens");
        assert_eq!(offers[0]["priceSpecification"]["referenceQuantity"]["value"], 1_000_000);
        assert_eq!(offers[1]["price"], 20.0);
        assert!(offers[1]["priceSpecification"].get("referenceQuantity").is_none());
    }

    #[test]
    fn a_pair_page_is_an_item_list_of_its_two_tools_with_breadcrumbs() {
        let c = catalog(|_| {});
        let (a, b) = c.default_pair().expect("a pair");
        let (ta, tb) = (&c.tools()[a], &c.tools()[b]);
        let path = format!("{}-vs-{}/", tb.id, ta.id);
        let scripts = pair_page_json_ld(&c, b, a, ROOT, &path);
        let list = parsed(&scripts[0]);
        assert_eq!(list["@context"], "https://schema.org");
        assert_eq!(list["@type"], "ItemList");
        assert_eq!(list["name"], format!("{} vs {}", tb.name, ta.name));
        assert_eq!(list["url"], format!("{ROOT}{path}"));
        let items = list["itemListElement"].as_array().expect("items");
        assert_eq!(items.len(), 2);
        for (k, t) in [tb, ta].into_iter().enumerate() {
            assert_eq!(items[k]["position"], k + 1);
            assert_eq!(items[k]["item"]["@type"], "SoftwareApplication");
            assert_eq!(items[k]["item"]["name"], t.name.as_str());
            assert_eq!(items[k]["item"]["url"], format!("{ROOT}tools/{}/", t.id));
        }
        let crumbs = parsed(&scripts[1]);
        assert_eq!(crumbs["@type"], "BreadcrumbList");
        assert_eq!(crumbs["itemListElement"][1]["item"], format!("{ROOT}{path}"));
        // The index is the root: its last crumb names the pair without a second URL.
        let index = parsed(&pair_page_json_ld(&c, a, b, ROOT, "")[1]);
        assert_eq!(index["itemListElement"][0]["item"], ROOT);
        assert!(index["itemListElement"][1].get("item").is_none());
        assert!(pair_page_json_ld(&c, a, 999, ROOT, "x/").is_empty());
    }

    #[test]
    fn text_from_data_cannot_end_the_script_element() {
        let evil = "</script><script>alert(1)</script><!--";
        let c = catalog(|b| {
            b.tools[0].name = evil.into();
            b.tools[0].description = evil.into();
            b.roles[0].label = evil.into();
            b.reviews.iter_mut().for_each(|r| r.quote = evil.into());
            b.reviews.iter_mut().for_each(|r| r.verdict = Verdict::Skip);
        });
        let (a, b) = (0, 1);
        for text in tool_page_json_ld(&c, a, ROOT).into_iter().chain(pair_page_json_ld(&c, a, b, ROOT, "p/")) {
            assert!(!text.contains('<'), "{text}");
            parsed(&text);
        }
        let app = parsed(&tool_page_json_ld(&c, a, ROOT)[0]);
        assert_eq!(app["name"], evil, "the same text, read back");
        assert_eq!(app["review"][0]["reviewBody"], evil);
    }
}
