//! The static HTML of a page: the same components as the live app, rendered natively.

use std::sync::Arc;

use leptos::prelude::*;

use verdicts::components::comparison::Comparison;
use verdicts::components::site_chrome::{About, SiteFooter, SiteHeader};
use verdicts::components::skeleton::Skeleton;
use verdicts::data::Shared;
use verdicts::navigation::Navigation;
use verdicts::pair::Pair;
use verdicts::vote_store::VoteStore;
use verdicts_catalog::bundle::Catalog;
use verdicts_catalog::pages::{Location, Pages};

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
        let votes = VoteStore::load(catalog.bundle.key(), None);
        let about = Some(About::of(&catalog.bundle));
        let catalog = Memo::new(move |_| Shared(catalog.clone()));
        let pages = Memo::new(move |_| Shared(pages.clone()));
        let pair = Pair::new(catalog, nav, pages, None)?;
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
