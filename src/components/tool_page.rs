//! A tool's page (`tools/<id>/`): the answer first (the panel's verdict in words, the community
//! and the entry level in one line under the name), the tool's card, the panel verdict,
//! "Compare with …", pricing with the cost calculator, the reviews by role and the community vote.

use leptos::prelude::*;

use crate::components::role_filter::RoleFilter;
use crate::components::section::Section;
use crate::components::tool_card::{card_end, entry_figure};
use crate::components::tool_compare::ToolCompare;
use crate::components::tool_sections::{ToolPricing, ToolReviews, ToolVote};
use crate::data::Wanted;
use crate::navigation::Navigation;
use crate::tool_view::ToolView;
use crate::vote_store::VoteStore;
use verdicts_catalog::bundle::figures::{panel_share, PanelShare};
use verdicts_catalog::pages::{panel_words, tool_location, tool_title, Location};
use verdicts_catalog::view_state::ViewState;

/// The page of the tool the URL names, or why there is none.
#[component]
pub fn ToolPage() -> impl IntoView {
    let view = expect_context::<ToolView>();
    // The document title names the tool: the outside world follows the state.
    Effect::new(move |_| {
        let title = match view.tool.get() {
            Some(t) => view.catalog.with(|c| tool_title(c, t)),
            None if view.status.with(|s| *s == Wanted::Ready) => "No such tool — Verdicts".to_string(),
            None => return,
        };
        crate::browser::set_title(&title);
    });
    let shown = Memo::new(move |_| view.tool.get().is_some());
    view! {
        <div class="tool-page">
            {move || if shown.get() { view! { <ToolBody/> }.into_any() } else { view! { <Missing/> }.into_any() }}
        </div>
    }
}

/// The tool's page once its data is in; built once, its text follows the tool shown.
#[component]
fn ToolBody() -> impl IntoView {
    let view = expect_context::<ToolView>();
    let votes = expect_context::<VoteStore>();
    let embed = view.view.with_untracked(|v| v.embed);
    let share = Memo::new(move |_| view.tool.get().map(|t| view.catalog.with(|c| panel_share(c, t, |_| true))));
    let share = move || share.get().unwrap_or(PanelShare { ship: 0, total: 0 });
    let community = move || {
        let tally = view.catalog.with(|c| {
            let t = c.tool(view.tool.get()?)?;
            Some(votes.tally(&t.id, t.community, c.bundle.community.min_votes))
        })?;
        Some(match tally.percent() {
            Some(p) => format!("Community: {p}% ship ({})", tally.votes_text()),
            None if tally.total() == 0 => "Community: no votes yet".to_string(),
            None => format!("Community: {} · too few to score", tally.votes_text()),
        })
    };
    let text = move |f| view.text(f);
    let nav = expect_context::<Navigation>();
    view! {
        <p class="eyebrow">{text(|t| t.category.clone())} " · AI tool"</p>
        <h1 class="page-title">{text(|t| t.name.clone())}</h1>
        // The answer first: the panel's verdict in words, in the first screen on any device.
        <p class="tool-answer" id="tool-answer">
            <strong class="tool-answer-verdict">{move || panel_words(share())}</strong>
            <span class="tool-answer-part">{community}</span>
            <span class="tool-answer-part">"Entry: " {text(|t| t.entry.label().to_string())}</span>
        </p>
        <ToolStatus/>
        <ToolSummary/>
        <Section title="Panel verdict" id="panel-verdict">
            <div class="side">
                <p class="big-figure">{move || share().percent().map(|p| format!("{p}%")).unwrap_or_else(|| "—".into())}</p>
                <p class="figure-detail">{move || panel_words(share())}</p>
                <progress class="bar" max="100" value=move || share().percent().unwrap_or(0) aria-hidden="true"></progress>
            </div>
        </Section>
        {(!embed).then(|| view! { <ToolCompare/> })}
        <ToolPricing/>
        <RoleFilter page=view/>
        <ToolReviews/>
        <ToolVote/>
        {(embed || crate::browser::STATIC_RENDER).then(|| view! {
            <p class="attribution">
                <a
                    href=move || {
                        let state = ViewState { embed: false, ..view.shared_state() };
                        nav.url(&view.asked.get().map(|id| tool_location(&id, &state)).unwrap_or_default())
                    }
                    target="_blank"
                    rel="noopener"
                >"Full page on Verdicts"</a>
            </p>
        })}
    }
}

/// The tool's card: category, name, vendor, tagline, description, entry, licence and links (only
/// http(s) links from the data).
#[component]
fn ToolSummary() -> impl IntoView {
    let view = expect_context::<ToolView>();
    let text = move |f| view.text(f);
    view! {
        <section class="tool-card tool-summary" aria-labelledby="tool-summary-name">
            <p class="tool-category">{text(|t| t.category.clone())}</p>
            <h2 class="tool-name" id="tool-summary-name">{text(|t| t.name.clone())}</h2>
            <p class="tool-tagline">{text(|t| t.tagline.clone())}</p>
            <dl class="tool-figures">
                {entry_figure(view)}
            </dl>
            {card_end(view)}
        </section>
    }
}

/// Where the tool's data stands when it is not simply in.
#[component]
fn ToolStatus() -> impl IntoView {
    let view = expect_context::<ToolView>();
    move || {
        match view.status.get() {
        Wanted::Ready => None,
        Wanted::Loading => Some(view! { <p class="pair-status" role="status">"Loading the tool…"</p> }.into_any()),
        Wanted::Failed(error) => Some(
            view! {
                <div class="pair-status pair-error" role="alert">
                    <p><strong>{error.headline()}</strong> " " {error.advice()}</p>
                    <button type="button" class="button" on:click=move |_| if let Some(store) = view.store() { store.retry() }>
                        "Retry"
                    </button>
                </div>
            }
            .into_any(),
        ),
    }
    }
}

/// No tool to show: its data is on its way, failed, or the catalogue has no tool by that id.
#[component]
fn Missing() -> impl IntoView {
    let view = expect_context::<ToolView>();
    let nav = expect_context::<Navigation>();
    let home = move || nav.url(&Location::default());
    move || match view.status.get() {
        Wanted::Ready => {
            let id = view.asked.get().unwrap_or_default();
            view! {
                <h1 class="page-title">"No such tool"</h1>
                <p class="lede">"There is no tool “" {id} "” in this catalogue."</p>
                <p><a class="button" href=home>"See the comparisons"</a></p>
            }
            .into_any()
        }
        _ => view! { <ToolStatus/> }.into_any(),
    }
}
