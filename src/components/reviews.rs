//! "Reviews": one card per review, grouped by reviewer role so both tools' takes from the same
//! lens read together.

use leptos::prelude::*;

use crate::components::section::Section;
use crate::components::verdict_badge::VerdictBadge;
use crate::pair::{Pair, Side};

/// One side's review from one role, while that side's tool has one. Built when the tool gets a
/// review from this role; switching to another reviewed tool updates its text in place.
fn card(pair: Pair, side: Side, r: usize, label: String) -> impl IntoView {
    let quote = move || {
        let t = pair.tool_index(side);
        pair.catalog.with(|c| c.review(t, r).map(|x| x.quote.clone())).unwrap_or_default()
    };
    let verdict = Signal::derive(move || {
        let t = pair.tool_index(side);
        pair.catalog.with(|c| c.review(t, r).map(|x| x.verdict))
    });
    // Only whether there is a review rebuilds the card: its text follows the pair in place.
    let reviewed = Memo::new(move |_| verdict.with(Option::is_some));
    move || {
        reviewed.get().then(|| {
            let shown = label.clone();
            let name = pair.text(side, |t| t.name.clone());
            let aria =
                move || format!("{shown} on {}: {}", name(), verdict.get().map(|v| v.label()).unwrap_or_default());
            view! {
                <article class="review-card" aria-label=aria>
                    <header class="review-head">
                        <span class="review-role">{label.clone()}</span>
                        <span class="review-tool">{name}</span>
                        <VerdictBadge verdict/>
                    </header>
                    <blockquote class="review-quote"><p>{quote}</p></blockquote>
                </article>
            }
        })
    }
}

/// One role's reviews of the pair: both tools' takes side by side. Built once per role shown.
fn group(pair: Pair, r: usize) -> impl IntoView {
    pair.catalog.with(|c| {
        let role = c.roles().get(r)?;
        Some(view! {
            <div class="review-group">
                <h3 class="review-group-title">{role.label.clone()}</h3>
                <p class="review-group-focus">{role.focus.clone()}</p>
                <div class="duo review-duo">
                    {card(pair, Side::First, r, role.label.clone())}
                    {card(pair, Side::Second, r, role.label.clone())}
                </div>
            </div>
        })
    })
}

/// The reviewers' own words, filtered by role. The groups are keyed by role: turning a role on
/// or off adds or removes its group and leaves the others as they are.
#[component]
pub fn Reviews() -> impl IntoView {
    let pair = expect_context::<Pair>();
    // The roles shown that reviewed either tool, in display order.
    let shown = Memo::new(move |_| {
        let (a, b) = pair.tools.get();
        pair.roles_on.with(|on| {
            pair.catalog.with(|c| {
                (0..c.roles().len())
                    .filter(|r| on.get(*r).copied().unwrap_or(false))
                    .filter(|r| c.review(a, *r).is_some() || c.review(b, *r).is_some())
                    .collect::<Vec<_>>()
            })
        })
    });
    let empty = move || {
        shown.with(Vec::is_empty).then(|| {
            let message = if pair.roles_on.with(|on| on.iter().any(|x| *x)) {
                "The selected reviewers have not reviewed these tools yet."
            } else {
                "No reviewer roles are selected. Choose a role above, or All roles."
            };
            view! { <p class="empty" role="status">{message}</p> }
        })
    };
    let groups = view! { <For each=move || shown.get() key=|r| *r children=move |r| group(pair, r)/> };
    view! { <Section title="Reviews" id="reviews">{groups}{empty}</Section> }
}
