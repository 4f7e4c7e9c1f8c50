//! The full page's header and footer (not shown in the embed).

use leptos::prelude::*;

use crate::bundle::is_http_url;
use crate::navigation::Navigation;
use crate::pages::Location;
use crate::pair::Pair;

/// The site header with the product name.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let home = use_context::<Navigation>().map(|nav| nav.url(&Location::default())).unwrap_or_else(|| "./".into());
    view! {
        <header class="site-header">
            <a class="brand" href=home>
                <span class="brand-mark" aria-hidden="true">"✓"</span>
                "Verdicts"
            </a>
            <p class="brand-tagline">"Which AI tool should you ship with?"</p>
        </header>
    }
}

/// The footer: the bundle's title, date and source, and the newsletter call to action.
#[component]
pub fn SiteFooter(
    /// Where the signup link leads; the call to action is hidden when `None`.
    signup_url: Option<String>,
) -> impl IntoView {
    let pair = use_context::<Pair>();
    let about = pair.map(|pair| {
        pair.catalog.with_value(|c| {
            let b = &c.bundle;
            let source_link = b.source_url.clone().filter(|u| is_http_url(u));
            view! {
                <div class="footer-about">
                    <p class="footer-title">{b.title.clone()}</p>
                    <p class="footer-updated">"Updated " <time datetime=b.updated.clone()>{b.updated.clone()}</time></p>
                    <p class="footer-source">{b.source.clone()}</p>
                    {source_link.map(|url| view! {
                        <p><a href=url rel="noopener noreferrer" target="_blank">"Source"</a></p>
                    })}
                </div>
            }
        })
    });
    view! {
        <footer class="site-footer">
            {signup_url.map(|url| view! {
                <div class="signup">
                    <p class="signup-title">"Weekly AI Tool Verdicts"</p>
                    <p>"New AI tools ship daily. We compare them before you waste an afternoon."</p>
                    <a class="button" href=url rel="noopener">"Get the next comparison in your inbox"</a>
                </div>
            })}
            {about}
        </footer>
    }
}
