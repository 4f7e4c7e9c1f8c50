//! The header card of one tool: name, category, tagline, entry level and the two headline figures.

use leptos::prelude::*;

use crate::bundle::figures::panel_share;
use crate::bundle::is_http_url;
use crate::pair::{Pair, Side};
use crate::vote_store::VoteStore;

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
    let tool = Memo::new(move |_| pair.tool_index(side));
    move || {
        let index = tool.get();
        pair.catalog.with_value(|c| {
            let t = c.tool(index)?;
            let panel = panel_share(c, index, |_| true);
            let heading_id = match side {
                Side::First => "tool-first-name",
                Side::Second => "tool-second-name",
            };
            let links: Vec<_> = t.links.iter().filter(|l| is_http_url(&l.url)).cloned().collect();
            Some(view! {
                <section class="tool-card" aria-labelledby=heading_id>
                    <p class="tool-category">{t.category.clone()}</p>
                    <h2 class="tool-name" id=heading_id>{t.name.clone()}</h2>
                    <p class="tool-tagline">{t.tagline.clone()}</p>
                    <dl class="tool-figures">
                        <div class="figure">
                            <dt>"Panel ship"</dt>
                            <dd>
                                <span class="figure-value">{panel.percent().map(|p| format!("{p}%")).unwrap_or_else(|| "—".into())}</span>
                                <span class="figure-detail">{if panel.total == 0 { "no reviews yet".to_string() } else { panel.of_text() }}</span>
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
                        <div class="figure">
                            <dt>"Entry"</dt>
                            <dd><span class="figure-value">{t.entry.label()}</span></dd>
                        </div>
                    </dl>
                    <p class="tool-description">{t.description.clone()}</p>
                    <p class="tool-meta">
                        {t.vendor.clone().map(|v| view! { <span>"By " {v}</span> })}
                        {t.license.clone().map(|l| view! { <span>"Licence: " {l}</span> })}
                    </p>
                    {(!links.is_empty()).then(|| view! {
                        <ul class="tool-links">
                            {links.into_iter().map(|l| view! {
                                <li><a href=l.url rel="noopener noreferrer" target="_blank">{l.label}</a></li>
                            }).collect_view()}
                        </ul>
                    })}
                </section>
            })
        })
    }
}
