//! The root: reads the settings and the URL, loads the bundle once, and shows the comparison,
//! its skeleton or what went wrong.

use std::sync::Arc;

use leptos::prelude::*;

use crate::api::load_bundle;
use crate::components::comparison::Comparison;
use crate::components::error_view::ErrorView;
use crate::components::site_chrome::{About, SiteFooter, SiteHeader};
use crate::components::skeleton::Skeleton;
use crate::first_render::FirstRender;
use crate::navigation::Navigation;
use crate::pair::Pair;
use crate::vote_store::VoteStore;
use verdicts_catalog::bundle::Catalog;
use verdicts_catalog::config::Config;
use verdicts_catalog::load_error::auto_retry_delay;
use verdicts_catalog::pages::Pages;
use verdicts_catalog::view_state::Theme;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let config = crate::browser::page_config();
    if config.debug_panic {
        panic!("a deliberate panic, asked for by the verdicts:debug-panic meta tag");
    }
    let nav = Navigation::install();
    provide_context(nav);
    provide_context(StoredValue::new(config.clone()));
    // The embed flag and the theme are read before the bundle is in (the static page already
    // shows them): from the URL's typed state, not from the resolved view, which needs the bundle.
    let embed = Memo::new(move |_| nav.parsed().with(|p| p.state.embed));
    let theme = Memo::new(move |_| nav.parsed().with(|p| p.state.theme));
    // The theme and the embed flag live on <html>, where the style sheet reads them: the
    // outside world follows the state. (leptos_meta's `<Html>` and `<Title>` would say this in
    // the view, for 3.7 KB more wasm after brotli, measured: see docs/architecture.md.)
    Effect::new(move |_| {
        let root = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element());
        if let Some(root) = root {
            let _ = match theme.get() {
                Theme::Auto => root.remove_attribute("data-theme"),
                other => root.set_attribute("data-theme", other.as_str()),
            };
            let _ =
                if embed.get() { root.set_attribute("data-embed", "") } else { root.remove_attribute("data-embed") };
        }
    });
    let url = config.bundle_url.clone();
    // The fetch reruns whenever the visitor retries or an automatic retry is due.
    let tries = RwSignal::new(Tries::default());
    let bundle = LocalResource::new(move || {
        tries.track();
        load_bundle(url.clone())
    });
    let retry = Callback::new(move |_| tries.update(Tries::by_visitor));
    let auto_retry = Memo::new(move |_| match bundle.get() {
        Some(Err(error)) => auto_retry_delay(&error, tries.with(|t| t.automatic)),
        _ => None,
    });
    // Transient failures are retried after a pause: a timer is the outside world.
    Effect::new(move |_| {
        if let Some(seconds) = auto_retry.get() {
            let attempt = tries.get_untracked();
            set_timeout(
                move || {
                    if tries.get_untracked() == attempt {
                        tries.update(|t| t.automatic += 1);
                    }
                },
                std::time::Duration::from_secs(seconds.into()),
            );
        }
    });
    // The comparison's first render, one step per task (a timer is the outside world).
    let first_render = FirstRender::new();
    provide_context(first_render);
    Effect::new(move |_| {
        let loaded = bundle.with(|b| matches!(b, Some(Ok(_))));
        if loaded && !first_render.done() {
            set_timeout(move || first_render.advance(), std::time::Duration::ZERO);
        }
    });
    // The page's markup is built in the task after the mount (and the bundle's download starts
    // in another, see `load_bundle`): done in the mount's task, both took it past 50 ms on a
    // phone.
    let built = RwSignal::new(false);
    set_timeout(move || built.set(true), std::time::Duration::ZERO);
    // The live page replaces the static one as soon as there is something to show. Buttons
    // pressed on the static page are pressed again only if it was rendered from this bundle.
    let published = config.published.clone();
    Effect::new(move |_| {
        if !built.get() {
            return;
        }
        let loaded = bundle.with(|b| match b {
            None => None,
            Some(Ok(catalog)) => Some(Ok(published.as_ref().is_none_or(|p| p.bundle_hash == catalog.content_hash))),
            Some(Err(_)) => Some(Err(())),
        });
        match loaded {
            None => {}
            Some(Ok(_)) if !first_render.done() => {}
            Some(Ok(rendered_from_this)) => {
                crate::takeover::take_over_page(rendered_from_this);
                // The benchmark's "visible" mark: the live comparison is in the page.
                crate::browser::mark("verdicts:comparison-visible");
            }
            Some(Err(())) => {
                // The title named the rendered pair, which is no longer on screen.
                crate::browser::set_title("The comparison could not be loaded — Verdicts");
                crate::takeover::take_over_page(false);
            }
        }
    });
    let signup = config.signup_url.clone();
    let about = move || bundle.with(|b| b.as_ref().and_then(|r| r.as_ref().ok()).map(|c| About::of(&c.bundle)));
    move || {
        let signup = signup.clone();
        built.get().then(|| {
            view! {
                {move || (!embed.get()).then(|| view! { <SiteHeader/> })}
                <main id="main" class="page">
                    {move || match bundle.get() {
                        // The first load happens behind the static page, which has its own comparison
                        // or skeleton: the live one is built only for a retry, after the takeover.
                        None if tries.with(|t| *t == Tries::default()) => ().into_any(),
                        None => view! { <Skeleton/> }.into_any(),
                        Some(Err(error)) => view! {
                            <ErrorView error on_retry=retry auto_retry/>
                        }
                        .into_any(),
                        Some(Ok(catalog)) => view! { <Loaded catalog/> }.into_any(),
                    }}
                </main>
                {move || (!embed.get()).then(|| view! { <SiteFooter signup_url=signup.clone() about=about()/> })}
            }
        })
    }
}

/// How often the bundle has been asked for again.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Tries {
    /// Retries the visitor asked for.
    by_visitor: u32,
    /// Automatic retries since the visitor's last one.
    automatic: usize,
}

impl Tries {
    /// The visitor pressed Retry: the automatic retries start over.
    fn by_visitor(&mut self) {
        *self = Tries { by_visitor: self.by_visitor + 1, automatic: 0 };
    }
}

/// The comparison, once the bundle is in (it has at least two tools: the loader checks).
#[component]
fn Loaded(
    /// The loaded bundle.
    catalog: Arc<Catalog>,
) -> impl IntoView {
    let nav = expect_context::<Navigation>();
    let config = expect_context::<StoredValue<Config>>();
    let votes = VoteStore::load(&catalog, config.with_value(|c| c.vote_endpoint.clone()));
    // The published pages can be linked to only if they were published from this bundle.
    let pages = match config.with_value(|c| c.published.clone()) {
        Some(p) if p.bundle_hash == catalog.content_hash => Arc::new(Pages::new(&catalog, p.all_pairs)),
        _ => Arc::new(Pages::index_only(&catalog)),
    };
    Pair::new(catalog, nav, pages).map(|pair| {
        provide_context(pair);
        provide_context(votes);
        view! { <Comparison/> }
    })
}
