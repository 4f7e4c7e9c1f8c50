//! The sections of a tool's page that the comparison shows for two tools, for one: pricing with
//! the cost calculator, the role filter, the reviews grouped by role and the community vote.

use leptos::prelude::*;

use crate::components::community_vote::{vote_note, vote_side, VoteFigures};
use crate::components::cost_calculator::{calculator, tokens_of, typed_workload};
use crate::components::section::Section;
use crate::components::verdict_badge::VerdictBadge;
use crate::tool_view::ToolView;
use crate::vote_store::VoteStore;
use verdicts_catalog::bundle::figures::{format_price, panel_share, panel_vs_community};
use verdicts_catalog::workload::estimate;

/// "Pricing": the entry level, the listed prices, the notes and the cost calculator.
#[component]
pub fn ToolPricing() -> impl IntoView {
    let view = expect_context::<ToolView>();
    let prices = move || {
        view.with_tool(|t| t.pricing.prices.iter().map(format_price).collect::<Vec<_>>())
            .unwrap_or_default()
            .into_iter()
            .map(|p| view! { <li class="money">{p}</li> })
            .collect_view()
    };
    view! {
        <Section title="Pricing" id="pricing">
            <p>"Entry: " <strong>{view.text(|t| t.entry.label().to_string())}</strong></p>
            <ul class="tool-prices">{prices}</ul>
            <p>{view.text(|t| t.pricing.notes.clone().unwrap_or_else(|| "No pricing notes.".into()))}</p>
            <ToolCost/>
        </Section>
    }
}

/// "Estimate your monthly cost" for one tool: the workload lives in the URL, as on a comparison.
#[component]
fn ToolCost() -> impl IntoView {
    let view = expect_context::<ToolView>();
    let typed = typed_workload(view);
    let tokens = tokens_of(typed.0, typed.1);
    let result = move || {
        let Some((i, o)) = tokens.get() else {
            return view! { <p class="estimate-hint">"Enter your tokens a month, or choose a workload above."</p> }
                .into_any();
        };
        match view.with_tool(|t| estimate(t, i, o)).flatten() {
            Some(e) => view! {
                <p class="big-figure" role="status">{e.headline()}</p>
                <p class="figure-detail">{e.arithmetic()}</p>
            }
            .into_any(),
            None => view! {
                <p class="big-figure" role="status">"Not listed"</p>
                <p class="figure-detail">"No per-token prices for this workload, so no estimate."</p>
            }
            .into_any(),
        }
    };
    calculator(view, typed, view! { <div class="side">{result}</div> })
}

/// "Reviews": the tool's reviews, one group per role shown, keyed by role.
#[component]
pub fn ToolReviews() -> impl IntoView {
    let view = expect_context::<ToolView>();
    let shown = Memo::new(move |_| {
        let tool = view.tool.get();
        view.roles_on.with(|on| {
            view.catalog.with(|c| {
                (0..c.roles().len())
                    .filter(|r| on.get(*r).copied().unwrap_or(false))
                    .filter(|r| tool.is_some_and(|t| c.review(t, *r).is_some()))
                    .collect::<Vec<_>>()
            })
        })
    });
    let group = move |r: usize| {
        let review = move || view.tool.get().and_then(|t| view.catalog.with(|c| c.review(t, r).cloned()));
        let verdict = Signal::derive(move || review().map(|x| x.verdict));
        let (label, focus) = view
            .catalog
            .with_untracked(|c| c.roles().get(r).map(|x| (x.label.clone(), x.focus.clone())))
            .unwrap_or_default();
        let name = view.text(|t| t.name.clone());
        let aria = {
            let label = label.clone();
            move || format!("{label} on {}: {}", name(), verdict.get().map(|v| v.label()).unwrap_or_default())
        };
        view! {
            <div class="review-group">
                <h3 class="review-group-title">{label.clone()}</h3>
                <p class="review-group-focus">{focus}</p>
                <article class="review-card" aria-label=aria>
                    <header class="review-head">
                        <span class="review-role">{label}</span>
                        <span class="review-tool">{name}</span>
                        <VerdictBadge verdict/>
                    </header>
                    <blockquote class="review-quote"><p>{move || review().map(|x| x.quote).unwrap_or_default()}</p></blockquote>
                </article>
            </div>
        }
    };
    let empty = move || {
        shown.with(Vec::is_empty).then(|| {
            let message = if view.roles_on.with(|on| on.iter().any(|x| *x)) {
                "The selected reviewers have not reviewed this tool yet."
            } else {
                "No reviewer roles are selected. Choose a role above, or All roles."
            };
            view! { <p class="empty" role="status">{message}</p> }
        })
    };
    view! {
        <Section title="Reviews" id="reviews">
            <For each=move || shown.get() key=|r| *r children=group/>
            {empty}
        </Section>
    }
}

/// "Community vote": the tool's community share and the visitor's own Ship / Skip vote.
#[component]
pub fn ToolVote() -> impl IntoView {
    let view = expect_context::<ToolView>();
    let votes = expect_context::<VoteStore>();
    let tool = Memo::new(move |_| view.with_tool(|t| (t.id.clone(), t.name.clone())).unwrap_or_default());
    let figures = Signal::derive(move || -> VoteFigures {
        let index = view.tool.get()?;
        view.catalog.with(|c| {
            let t = c.tool(index)?;
            let tally = votes.tally(&t.id, t.community, c.bundle.community.min_votes);
            Some((tally.display(), panel_vs_community(panel_share(c, index, |_| true), tally)))
        })
    });
    view! {
        <Section title="Community vote" id="community-vote">
            {vote_side(tool, figures)}
            <p class="vote-note" role="status">{move || vote_note(votes)}</p>
        </Section>
    }
}
