//! The sections of a tool's page that the comparison shows for two tools, for one: pricing with
//! the cost calculator, the role filter, the reviews grouped by role and the community vote.

use leptos::prelude::*;

use crate::components::community_vote::{vote_note, vote_side, VoteFigures};
use crate::components::cost_calculator::field;
use crate::components::section::Section;
use crate::components::verdict_badge::VerdictBadge;
use crate::takeover::{role_key, ALL_ROLES_KEY};
use crate::tool_view::ToolView;
use crate::vote_store::VoteStore;
use verdicts_catalog::bundle::figures::{format_price, panel_share, panel_vs_community};
use verdicts_catalog::workload::{estimate, parse_tokens, PRESETS};

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
    let input = Memo::new(move |_| view.workload.with(|w| w.0.clone().unwrap_or_default()));
    let output = Memo::new(move |_| view.workload.with(|w| w.1.clone().unwrap_or_default()));
    let result = move || {
        let read = |t: &str| if t.trim().is_empty() { Ok(0) } else { parse_tokens(t) };
        let (i, o) = match (input.with(|t| read(t)), output.with(|t| read(t))) {
            (Ok(i), Ok(o)) if i + o > 0 => (i, o),
            _ => {
                return view! { <p class="estimate-hint">"Enter your tokens a month, or choose a workload above."</p> }
                    .into_any()
            }
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
    view! {
        <div class="estimate" role="group" aria-labelledby="estimate-title">
            <h3 class="estimate-title" id="estimate-title">"Estimate your monthly cost"</h3>
            <div class="estimate-fields">
                {field("tokens-in", "Input tokens per month", input, move |typed| {
                    view.set_workload(Some(typed), Some(output.get_untracked()))
                })}
                {field("tokens-out", "Output tokens per month", output, move |typed| {
                    view.set_workload(Some(input.get_untracked()), Some(typed))
                })}
            </div>
            <div class="presets" role="group" aria-label="Workloads">
                {PRESETS.iter().map(|preset| {
                    let label = format!("{}: {} in, {} out", preset.name, preset.input, preset.output);
                    view! {
                        <button type="button" class="chip" on:click=move |_| {
                            view.set_workload(Some(preset.input.to_string()), Some(preset.output.to_string()))
                        }>{label}</button>
                    }
                }).collect_view()}
            </div>
            <div class="side">{result}</div>
        </div>
    }
}

/// "Filter by reviewer role": one toggle per role with whether it reviewed the tool, and "All
/// roles"; the same keys as the comparison's, so a press before the takeover is pressed again.
#[component]
pub fn ToolRoleFilter() -> impl IntoView {
    let view = expect_context::<ToolView>();
    let counts = Memo::new(move |_| {
        let tool = view.tool.get();
        view.catalog.with(|c| {
            (0..c.roles().len()).map(|r| tool.is_some_and(|t| c.review(t, r).is_some()) as usize).collect::<Vec<_>>()
        })
    });
    let roles: Vec<(usize, String, String)> = view
        .catalog
        .with_untracked(|c| c.roles().iter().enumerate().map(|(i, r)| (i, r.label.clone(), role_key(&r.id))).collect());
    let pressed = move |on: bool| if on { "true" } else { "false" };
    view! {
        <div class="role-filter" role="group" aria-labelledby="role-filter-label">
            <p class="role-filter-label" id="role-filter-label">"Filter by reviewer role"</p>
            <div class="chips">
                <button
                    type="button"
                    class="chip"
                    data-replay=ALL_ROLES_KEY
                    aria-pressed=move || pressed(view.view.with(|v| v.all_roles))
                    on:click=move |_| view.show_all_roles()
                >
                    "All roles"
                    <span class="chip-count">{move || counts.with(|c| c.iter().sum::<usize>())}<span class="sr-only">" reviews"</span></span>
                </button>
                {roles.into_iter().map(|(i, label, key)| view! {
                    <button
                        type="button"
                        class="chip"
                        data-replay=key
                        aria-pressed=move || pressed(view.view.with(|v| !v.all_roles && v.role_on.get(i).copied().unwrap_or(false)))
                        on:click=move |_| view.toggle_role(i)
                    >
                        {label}
                        <span class="chip-count">
                            {move || counts.with(|c| c.get(i).copied().unwrap_or(0))}
                            <span class="sr-only">" reviews"</span>
                        </span>
                    </button>
                }).collect_view()}
            </div>
        </div>
    }
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
