//! The root: reads the settings and the URL, loads the catalogue's entry point, and shows the
//! comparison, its skeleton or what went wrong.

use leptos::prelude::*;

use crate::api::load_manifest;
use crate::components::comparison::Comparison;
use crate::components::error_view::ErrorView;
use crate::components::site_chrome::{About, SiteFooter, SiteHeader};
use crate::components::skeleton::Skeleton;
use crate::components::tool_page::ToolPage;
use crate::data::{Shared, Store, Wanted};
use crate::first_render::FirstRender;
use crate::navigation::Navigation;
use crate::pair::{pages_of, Pair};
use crate::tool_view::ToolView;
use crate::vote_store::VoteStore;
use verdicts_catalog::config::Config;
use verdicts_catalog::load_error::{auto_retry_delay, LoadError};
use verdicts_catalog::site_data::Manifest;
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
    // The embed flag and the theme are read before the catalogue is in (the static page already
    // shows them): from the URL's typed state, not from the resolved view, which needs the catalogue.
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
    let url = config.catalog_url.clone();
    // The fetch reruns whenever the visitor retries, an automatic retry is due, or a file the
    // entry point named is gone (a newer publish replaced it).
    let tries = RwSignal::new(Tries::default());
    let manifest = LocalResource::new(move || {
        tries.track();
        load_manifest(url.clone())
    });
    let retry = Callback::new(move |_| tries.update(Tries::by_visitor));
    // Read again once for each version found stale, so a file missing for good does not loop.
    let stale_seen = StoredValue::new(None::<String>);
    let stale = Callback::new(move |version: String| {
        if stale_seen.with_value(|seen| seen.as_ref() != Some(&version)) {
            stale_seen.set_value(Some(version));
            tries.update(|t| t.stale += 1);
        }
    });
    let auto_retry = Memo::new(move |_| match manifest.get() {
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
    let first_render = FirstRender::new();
    provide_context(first_render);
    // The page's markup is built in the task after the mount (and the entry point's download
    // starts in another, see `load_manifest`): done in the mount's task, both took it past 50 ms
    // on a phone.
    let built = RwSignal::new(false);
    set_timeout(move || built.set(true), std::time::Duration::ZERO);
    // Nothing to show: the live page replaces the static one with the error.
    Effect::new(move |_| {
        if built.get() && manifest.with(|m| matches!(m, Some(Err(_)))) {
            // The title named the rendered pair, which is no longer on screen.
            crate::browser::set_title("The comparison could not be loaded — Verdicts");
            crate::takeover::take_over_page(false);
        }
    });
    let signup = config.signup_url.clone();
    let about = move || manifest.with(|m| m.as_ref().and_then(|r| r.as_ref().ok()).map(|m| About::of_site(&m.site)));
    let entry_url = config.catalog_url.clone();
    // The latest entry point read. Once one is in, a newer publish's (read again because a file
    // was gone) takes its place inside the page: what the visitor is doing stays on screen.
    let latest = Memo::new(move |previous: Option<&Option<Shared<Manifest>>>| {
        let previous = previous.cloned().flatten();
        match manifest.get() {
            Some(Ok(m)) if previous.as_ref().is_some_and(|p| p.version == m.version) => previous,
            Some(Ok(m)) => Some(Shared(m)),
            _ => previous,
        }
    });
    let loaded = Memo::new(move |_| latest.with(Option::is_some));
    let owner = Owner::current();
    // Made once, from the first usable entry point read (`latest` never goes back to none): the
    // store follows `latest` from then on.
    let store = Memo::new_with_compare(
        move |previous: Option<&Option<Result<Store, LoadError>>>| {
            if !loaded.get() {
                return None;
            }
            if let Some(Some(Ok(store))) = previous {
                return Some(Ok(*store));
            }
            // Tracked until one makes a catalogue: a newer entry point may.
            let first = latest.get()?;
            // The store belongs to the app, not to this memo, which runs again (and would dispose
            // of what it made) whenever a newer entry point is read.
            let entry_url = &entry_url;
            let make = move || {
                let current = Memo::new(move |_| latest.get().unwrap_or_else(|| first.clone()));
                Store::new(current, entry_url, crate::browser::page_data(), stale)
            };
            Some(match &owner {
                Some(owner) => owner.with(make),
                None => make(),
            })
        },
        |old, new| !matches!((old, new), (Some(Some(Ok(_))), Some(Some(Ok(_)))) | (Some(None), Some(None))),
    );
    move || {
        let signup = signup.clone();
        built.get().then(|| {
            view! {
                {move || (!embed.get()).then(|| view! { <SiteHeader/> })}
                <main id="main" class="page">
                    {move || match store.get() {
                        Some(Ok(store)) => view! { <Loaded store/> }.into_any(),
                        Some(Err(error)) => view! { <ErrorView error on_retry=retry auto_retry/> }.into_any(),
                        None => match manifest.get() {
                            // The first load happens behind the static page, which has its own
                            // comparison or skeleton: the live one is built only for a retry, after
                            // the takeover.
                            None if tries.with(|t| *t == Tries::default()) => ().into_any(),
                            Some(Err(error)) => view! { <ErrorView error on_retry=retry auto_retry/> }.into_any(),
                            _ => view! { <Skeleton/> }.into_any(),
                        },
                    }}
                </main>
                {move || (!embed.get()).then(|| view! { <SiteFooter signup_url=signup.clone() about=about()/> })}
            }
        })
    }
}

/// How often the entry point has been asked for again.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Tries {
    /// Retries the visitor asked for.
    by_visitor: u32,
    /// Automatic retries since the visitor's last one.
    automatic: usize,
    /// Reads after a file the entry point named was missing (a newer publish replaced it).
    stale: u32,
}

impl Tries {
    /// The visitor pressed Retry: the automatic retries start over.
    fn by_visitor(&mut self) {
        *self = Tries { by_visitor: self.by_visitor + 1, automatic: 0, stale: self.stale };
    }
}

/// The comparison, once the entry point is in (it has at least two tools: the loader checks).
#[component]
fn Loaded(
    /// The catalogue's files read so far.
    store: Store,
) -> impl IntoView {
    let nav = expect_context::<Navigation>();
    let config = expect_context::<StoredValue<Config>>();
    let first_render = expect_context::<FirstRender>();
    let manifest = store.manifest();
    let key = manifest.site.id.clone().unwrap_or_else(|| manifest.site.title.clone());
    let votes = VoteStore::load(&key, config.with_value(|c| c.vote_endpoint.clone()));
    // The published pages can be linked to only if they were published from this version; the
    // page's buttons pressed before the takeover are pressed again only then, too.
    let published = config.with_value(|c| c.published.clone());
    let current = published.as_ref().is_some_and(|p| untrack(|| store.serves_page(&p.version)));
    let catalog = store.catalog;
    // After a newer publish is read, the pages on the site may be others: links use the query.
    let pages = Memo::new(move |_| {
        let current = published.as_ref().is_some_and(|p| store.serves_page(&p.version));
        catalog.with(|c| pages_of(c, current))
    });
    // A tool's page (`tools/<id>/`) shows that tool; any other folder, a pair.
    let tool = ToolView::new(catalog, nav, Some(store), None);
    let on_tool = Memo::new(move |_| tool.asked.with(Option::is_some));
    Pair::new(catalog, nav, pages, Some(store)).map(|pair| {
        // The first render, one step per task, once the page's data is in or failed (a timer is
        // the outside world); then the live page replaces the static one.
        Effect::new(move |_| {
            let status = if on_tool.get() { tool.status.get() } else { pair.status.get() };
            if status == Wanted::Loading {
                return;
            }
            if !first_render.done() {
                set_timeout(move || first_render.advance(), std::time::Duration::ZERO);
            } else {
                crate::takeover::take_over_page(current);
            }
        });
        provide_context(pair);
        provide_context(tool);
        provide_context(votes);
        move || if on_tool.get() { view! { <ToolPage/> }.into_any() } else { view! { <Comparison/> }.into_any() }
    })
}
