//! The comparison page body: heading, the short answer, pickers, header cards and the sections.

use leptos::prelude::*;

use crate::components::community_vote::CommunityVote;
use crate::components::embed_panel::EmbedPanel;
use crate::components::notices::Notices;
use crate::components::pair_link::PairLink;
use crate::components::panel_verdict::PanelVerdict;
use crate::components::picker::ToolPicker;
use crate::components::pricing::Pricing;
use crate::components::related::Related;
use crate::components::reviewer_split::ReviewerSplit;
use crate::components::reviews::Reviews;
use crate::components::role_filter::RoleFilter;
use crate::components::share_bar::ShareBar;
use crate::components::short_answer::ShortAnswer;
use crate::components::shortcuts::Shortcuts;
use crate::components::tool_card::ToolCard;
use crate::data::Wanted;
use crate::first_render::Step;
use crate::pair::{Pair, Side};
use verdicts_catalog::embed_code::full_page_state;

/// The side-by-side comparison of the pair in the URL.
#[component]
pub fn Comparison() -> impl IntoView {
    let pair = expect_context::<Pair>();
    let embed = pair.view.with_untracked(|v| v.embed);
    let first_picker = NodeRef::<leptos::html::Input>::new();
    let names = Memo::new(move |_| {
        let name = |side| pair.name(side);
        (name(Side::First), name(Side::Second))
    });
    // The document title names the pair: the outside world follows the state.
    Effect::new(move |_| names.with(|(a, b)| crate::browser::set_title(&format!("{a} vs {b} — Verdicts"))));
    // The featured pairs are named by the entry point: the same whatever else is read.
    let featured = pair.catalog.with_untracked(|c| {
        c.featured_pairs()
            .into_iter()
            .filter_map(|(a, b)| {
                let (a, b) = (c.tool(a)?, c.tool(b)?);
                Some((a.id.clone(), b.id.clone(), format!("{} vs {}", a.name, b.name)))
            })
            .collect::<Vec<_>>()
    });
    view! {
        <div class="comparison">
            <p class="eyebrow">"AI tool comparison"</p>
            <h1 class="page-title">
                <span>{move || names.get().0}</span>
                <span class="vs">" vs "</span>
                <span>{move || names.get().1}</span>
            </h1>
            // The answer first: in the first screen, with the pickers right below it.
            <Show when=move || pair.shown.get()>
                <ShortAnswer/>
            </Show>
            // After the heading: built one step at a time the first time (see first_render).
            <Step step=1>
                {(!embed).then(|| view! {
                    <div class="page-actions">
                        <ShareBar/>
                        <Step step=2><EmbedPanel/></Step>
                        <Step step=3><Shortcuts first_picker/></Step>
                    </div>
                })}
                <p class="print-only print-source">
                    "From " {move || pair.url(&full_page_state(&pair.shared_state()))}
                    {move || pair.catalog.with(|c| format!(" · bundle updated {}", c.bundle.updated))}
                </p>
                <Notices/>
            </Step>
            <Step step=4>
                <div class="pickers">
                    <ToolPicker side=Side::First label="First tool" id="first-tool" input_ref=first_picker/>
                    <button type="button" class="swap" data-replay=crate::takeover::SWAP_KEY on:click=move |_| pair.swap()>
                        <span aria-hidden="true">"⇄"</span>
                        <span class="swap-text">"Swap tools"</span>
                    </button>
                    <ToolPicker side=Side::Second label="Second tool" id="second-tool"/>
                </div>
                {(!featured.is_empty()).then(|| view! {
                    <nav class="featured" aria-label="Featured comparisons">
                        <span class="featured-label">"Featured:"</span>
                        <ul>
                            {featured.clone().into_iter().map(|(a, b, label)| view! {
                                <li><PairLink a b>{label}</PairLink></li>
                            }).collect_view()}
                        </ul>
                    </nav>
                })}
                <PairStatus/>
            </Step>
            <Show when=move || pair.shown.get()>
            <Step step=5>
                <div class="duo cards">
                    <ToolCard side=Side::First/>
                    <ToolCard side=Side::Second/>
                </div>
            </Step>
            <Step step=6>
                <PanelVerdict/>
                <Pricing/>
            </Step>
            <Step step=7>
                <RoleFilter page=pair/>
                <ReviewerSplit/>
            </Step>
            <Step step=8>
                <CommunityVote/>
            </Step>
            <Step step=9>
                <Reviews/>
            </Step>
            <Step step=10>
                {(!embed).then(|| view! { <Related/> })}
                // Rendered at publish time too, where the page may turn out to be an embed: the
                // style sheet shows it only in the embed view.
                {(embed || crate::browser::STATIC_RENDER).then(|| view! {
                    <p class="attribution">
                        <a href=move || pair.url(&full_page_state(&pair.shared_state())) target="_blank" rel="noopener">
                            "Full comparison on Verdicts"
                        </a>
                    </p>
                })}
            </Step>
            </Show>
        </div>
    }
}

/// Where the comparison's data stands when it is not simply in: on its way (the pair on screen
/// stays meanwhile), or failed, in words with a way to try again.
#[component]
fn PairStatus() -> impl IntoView {
    let pair = expect_context::<Pair>();
    move || {
        match pair.status.get() {
        Wanted::Ready => None,
        Wanted::Loading => Some(
            view! { <p class="pair-status" role="status">"Loading the comparison…"</p> }.into_any(),
        ),
        Wanted::Failed(error) => Some(
            view! {
                <div class="pair-status pair-error" role="alert">
                    <p><strong>{error.headline()}</strong> " " {error.advice()}</p>
                    <button type="button" class="button" on:click=move |_| if let Some(store) = pair.store() { store.retry() }>
                        "Retry"
                    </button>
                </div>
            }
            .into_any(),
        ),
    }
    }
}
