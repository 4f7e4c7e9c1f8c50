//! "Community vote": each tool's community ship share, always with its number of votes.

use leptos::prelude::*;

use crate::bundle::figures::{panel_share, panel_vs_community, CommunityTally};
use crate::components::section::Section;
use crate::pair::{Pair, Side};

/// The community's side of the comparison.
#[component]
pub fn CommunityVote() -> impl IntoView {
    let pair = expect_context::<Pair>();
    let side = move |side: Side| {
        let index = pair.tool_index(side);
        pair.catalog.with_value(|c| {
            let t = c.tool(index)?;
            let tally = CommunityTally::new(t.community, None, c.bundle.community.min_votes);
            let (figure, words) = tally.display();
            let contrast = panel_vs_community(panel_share(c, index, |_| true), tally);
            Some(view! {
                <div class="side">
                    <p class="side-name">{t.name.clone()}</p>
                    <p class="big-figure">{figure}</p>
                    <p class="figure-detail">{words}</p>
                    {contrast.map(|text| view! { <p class="contrast">{text}</p> })}
                </div>
            })
        })
    };
    view! {
        <Section title="Community vote" id="community-vote">
            <div class="duo">{move || side(Side::First)}{move || side(Side::Second)}</div>
        </Section>
    }
}
