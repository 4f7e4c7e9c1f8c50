//! The static HTML of a page: the same components as the live app, rendered natively.

use std::sync::Arc;

use leptos::prelude::*;

use crate::bundle::Catalog;
use crate::components::comparison::Comparison;
use crate::components::site_chrome::{About, SiteFooter, SiteHeader};
use crate::components::skeleton::Skeleton;
use crate::navigation::Navigation;
use crate::pages::{Location, Pages};
use crate::pair::Pair;
use crate::vote_store::VoteStore;

/// The comparison a page at `path` shows (header, comparison and footer), as HTML; `None` when
/// the bundle has fewer than two tools. Links are relative to the site root.
pub fn comparison_html(
    catalog: Arc<Catalog>,
    pages: Arc<Pages>,
    path: &str,
    signup_url: Option<String>,
) -> Option<String> {
    let owner = Owner::new();
    owner.with(|| {
        let nav = Navigation::at(String::new(), Location { path: path.to_string(), query: String::new() });
        provide_context(nav);
        let votes = VoteStore::load(&catalog, None);
        let about = Some(About::of(&catalog.bundle));
        let pair = Pair::new(catalog, nav, pages)?;
        provide_context(pair);
        provide_context(votes);
        Some(
            view! {
                <SiteHeader/>
                <main id="main" class="page"><Comparison/></main>
                <SiteFooter signup_url about/>
            }
            .to_html(),
        )
    })
}

/// The loading skeleton with the site header, shown instead of the rendered comparison when a
/// link asks for another view.
pub fn skeleton_html() -> String {
    let owner = Owner::new();
    owner.with(|| {
        view! {
            <SiteHeader/>
            <main id="main-loading" class="page"><Skeleton/></main>
        }
        .to_html()
    })
}
