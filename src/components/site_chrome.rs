//! The full page's header and footer (not shown in the embed).

use leptos::prelude::*;

use crate::navigation::Navigation;
use verdicts_catalog::bundle::is_http_url;
use verdicts_catalog::bundle::Bundle;
use verdicts_catalog::pages::Location;

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

/// What the footer says about the bundle.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct About {
    pub title: String,
    pub updated: String,
    pub source: String,
    /// Shown only when it is an http(s) link.
    pub source_url: Option<String>,
}

impl About {
    /// The footer's text of a bundle.
    pub fn of(bundle: &Bundle) -> About {
        About {
            title: bundle.title.clone(),
            updated: bundle.updated.clone(),
            source: bundle.source.clone(),
            source_url: bundle.source_url.clone().filter(|u| is_http_url(u)),
        }
    }

    /// The footer's text of a catalogue's entry point.
    pub fn of_site(site: &verdicts_catalog::site_data::Site) -> About {
        About {
            title: site.title.clone(),
            updated: site.updated.clone(),
            source: site.source.clone(),
            source_url: site.source_url.clone().filter(|u| is_http_url(u)),
        }
    }
}

/// The footer: the bundle's title, date and source, and the newsletter call to action.
#[component]
pub fn SiteFooter(
    /// Where the signup link leads; the call to action is hidden when `None`.
    signup_url: Option<String>,
    /// The bundle's title, date and source, once it is loaded.
    about: Option<About>,
) -> impl IntoView {
    let about = about.map(|b| {
        view! {
            <div class="footer-about">
                <p class="footer-title">{b.title}</p>
                <p class="footer-updated">"Updated " <time datetime=b.updated.clone()>{b.updated.clone()}</time></p>
                <p class="footer-source">{b.source}</p>
                {b.source_url.map(|url| view! {
                    <p><a href=url rel="noopener noreferrer" target="_blank">"Source"</a></p>
                })}
            </div>
        }
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
