//! The header card of one tool: name (a link to the tool's page), category, tagline, entry level
//! and the two headline figures.

use leptos::prelude::*;

use crate::components::tool_link::ToolLink;
use crate::pair::{Pair, Side};
use crate::shown::ShownTool;
use crate::vote_store::VoteStore;
use verdicts_catalog::bundle::figures::panel_share;
use verdicts_catalog::bundle::is_http_url;

/// The card at the top of one side.
#[component]
pub fn ToolCard(
    /// Which side's tool this card shows.
    side: Side,
) -> impl IntoView {
    let pair = expect_context::<Pair>();
    let votes = expect_context::<VoteStore>();
    let community = move || {
        let t = votes.tally_on(pair, side)?;
        let (figure, _) = t.display();
        let detail = if t.total() == 0 { "no votes yet".to_string() } else { t.votes_text() };
        Some((figure, detail))
    };
    let panel = move || pair.catalog.with(|c| panel_share(c, pair.tool_index(side), |_| true));
    let heading_id = match side {
        Side::First => "tool-first-name",
        Side::Second => "tool-second-name",
    };
    // The card is built once; switching the pair updates its text in place.
    let text = move |f| pair.text(side, f);
    view! {
        <section class="tool-card" aria-labelledby=heading_id>
            <p class="tool-category">{text(|t| t.category.clone())}</p>
            <h2 class="tool-name" id=heading_id>
                <ToolLink id=Signal::derive(move || pair.with_tool(side, |t| t.id.clone()).unwrap_or_default())>
                    {text(|t| t.name.clone())}
                </ToolLink>
            </h2>
            <p class="tool-tagline">{text(|t| t.tagline.clone())}</p>
            <dl class="tool-figures">
                <div class="figure">
                    <dt>"Panel ship"</dt>
                    <dd>
                        <span class="figure-value">{move || panel().percent().map(|p| format!("{p}%")).unwrap_or_else(|| "—".into())}</span>
                        <span class="figure-detail">{move || {
                            let panel = panel();
                            if panel.total == 0 { "no reviews yet".to_string() } else { panel.of_text() }
                        }}</span>
                    </dd>
                </div>
                <div class="figure">
                    <dt>"Community"</dt>
                    <dd>
                        {move || community().map(|(figure, detail)| view! {
                            <span class="figure-value">{figure}</span>
                            <span class="figure-detail">{detail}</span>
                        })}
                    </dd>
                </div>
                {entry_figure((pair, side))}
            </dl>
            {card_end((pair, side))}
        </section>
    }
}

/// A card's "Entry" figure: the tool's entry level (free, freemium, paid, contact sales).
pub fn entry_figure<S: ShownTool>(tool: S) -> impl IntoView {
    view! {
        <div class="figure">
            <dt>"Entry"</dt>
            <dd><span class="figure-value">{move || tool.with_tool(|t| t.entry.label().to_string()).unwrap_or_default()}</span></dd>
        </div>
    }
}

/// The end of a tool's card: its description, who makes it and its licence, and its links (only
/// http(s) links from the data, opened apart).
pub fn card_end<S: ShownTool>(tool: S) -> impl IntoView {
    let meta = move || {
        tool.with_tool(|t| {
            view! {
                {t.vendor.clone().map(|v| view! { <span>"By " {v}</span> })}
                {t.license.clone().map(|l| view! { <span>"Licence: " {l}</span> })}
            }
        })
    };
    let links = move || {
        let links: Vec<_> =
            tool.with_tool(|t| t.links.iter().filter(|l| is_http_url(&l.url)).cloned().collect()).unwrap_or_default();
        (!links.is_empty()).then(|| {
            view! {
                <ul class="tool-links">
                    {links.into_iter().map(|l| view! {
                        <li><a href=l.url rel="noopener noreferrer" target="_blank">{l.label}</a></li>
                    }).collect_view()}
                </ul>
            }
        })
    };
    view! {
        <p class="tool-description">{move || tool.with_tool(|t| t.description.clone()).unwrap_or_default()}</p>
        <p class="tool-meta">{meta}</p>
        {links}
    }
}
