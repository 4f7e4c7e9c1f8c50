//! The root: reads the settings and the URL, loads the bundle once, and shows the comparison,
//! its skeleton or what went wrong.

use std::sync::Arc;

use leptos::prelude::*;

use crate::api::load_bundle_with_retries;
use crate::bundle::Catalog;
use crate::components::comparison::Comparison;
use crate::components::error_view::ErrorView;
use crate::components::site_chrome::{SiteFooter, SiteHeader};
use crate::components::skeleton::Skeleton;
use crate::config::Config;
use crate::navigation::Navigation;
use crate::pair::Pair;
use crate::view_state::Theme;
use crate::vote_store::VoteStore;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let config = Config::from_document();
    let nav = Navigation::install();
    provide_context(nav);
    provide_context(StoredValue::new(config.clone()));
    let embed = Memo::new(move |_| nav.parsed().with(|p| p.state.embed));
    let theme = Memo::new(move |_| nav.parsed().with(|p| p.state.theme));
    // The theme and the embed flag live on <html>, where the style sheet reads them.
    Effect::new(move |_| {
        let root = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element());
        if let Some(root) = root {
            let _ = match theme.get() {
                Theme::Auto => root.remove_attribute("data-theme"),
                other => root.set_attribute("data-theme", other.as_str()),
            };
            let _ = if embed.get() { root.set_attribute("data-embed", "") } else { root.remove_attribute("data-embed") };
        }
    });
    if embed.get_untracked() {
        crate::frame::report_height_to_parent();
    }
    let url = config.bundle_url.clone();
    let bundle = LocalResource::new(move || load_bundle_with_retries(url.clone()));
    let retry = Callback::new(move |_| bundle.refetch());
    let signup = config.signup_url.clone();
    let footer = move || (!embed.get()).then(|| view! { <SiteFooter signup_url=signup.clone()/> });
    view! {
        {move || (!embed.get()).then(|| view! { <SiteHeader/> })}
        {move || match bundle.get() {
            None => view! { <main id="main" class="page"><Skeleton/></main>{footer.clone()} }.into_any(),
            Some(Err(error)) => view! {
                <main id="main" class="page"><ErrorView error on_retry=retry/></main>{footer.clone()}
            }.into_any(),
            Some(Ok(catalog)) => view! { <Loaded catalog footer=footer.clone()/> }.into_any(),
        }}
    }
}

/// The page once the bundle is in: the comparison, or why there is none.
#[component]
fn Loaded<F, V>(
    /// The loaded bundle.
    catalog: Arc<Catalog>,
    /// The footer, which reads the bundle from context.
    footer: F,
) -> impl IntoView
where
    F: Fn() -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let nav = expect_context::<Navigation>();
    let config = expect_context::<StoredValue<Config>>();
    let tools = catalog.tools().len();
    let votes = VoteStore::load(&catalog, config.with_value(|c| c.vote_endpoint.clone()));
    match Pair::new(catalog, nav) {
        Some(pair) => {
            provide_context(pair);
            provide_context(votes);
            view! { <main id="main" class="page"><Comparison/></main>{footer} }.into_any()
        }
        None => view! {
            <main id="main" class="page">
                <div class="error-view" role="alert">
                    <h1 class="error-title">"Nothing to compare yet"</h1>
                    <p>{format!(
                        "This bundle has {tools} tool{}; a comparison needs at least two. The site's operator needs to add tools to the bundle.",
                        if tools == 1 { "" } else { "s" }
                    )}</p>
                </div>
            </main>
            {footer}
        }.into_any(),
    }
}
