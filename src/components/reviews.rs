//! "Reviews": one card per review, grouped by reviewer role so both tools' takes from the same
//! lens read together.

use leptos::prelude::*;

use crate::components::section::Section;
use crate::components::verdict_badge::VerdictBadge;
use crate::pair::Pair;

/// One role's reviews of the pair: both tools' takes side by side.
fn group(pair: Pair, a: usize, b: usize, r: usize) -> impl IntoView {
    pair.catalog.with_value(|c| {
        let role = c.roles().get(r)?;
        let cards: Vec<_> = [a, b]
            .into_iter()
            .filter_map(|t| Some((c.tool(t)?, c.review(t, r)?)))
            .map(|(tool, review)| {
                let name = format!("{} on {}: {}", role.label, tool.name, review.verdict.label());
                view! {
                    <article class="review-card" aria-label=name>
                        <header class="review-head">
                            <span class="review-role">{role.label.clone()}</span>
                            <span class="review-tool">{tool.name.clone()}</span>
                            <VerdictBadge verdict=Some(review.verdict)/>
                        </header>
                        <blockquote class="review-quote"><p>{review.quote.clone()}</p></blockquote>
                    </article>
                }
            })
            .collect();
        Some(view! {
            <div class="review-group">
                <h3 class="review-group-title">{role.label.clone()}</h3>
                <p class="review-group-focus">{role.focus.clone()}</p>
                <div class="duo review-duo">{cards}</div>
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
            pair.catalog.with_value(|c| {
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
    let groups = move || {
        let (a, b) = pair.tools.get();
        view! { <For each=move || shown.get() key=|r| *r children=move |r| group(pair, a, b, r)/> }
    };
    view! { <Section title="Reviews" id="reviews">{groups}{empty}</Section> }
}
