//! "Reviews": one card per review, grouped by reviewer role so both tools' takes from the same
//! lens read together.

use leptos::prelude::*;

use crate::components::section::Section;
use crate::components::verdict_badge::VerdictBadge;
use crate::pair::Pair;

/// The reviewers' own words, filtered by role.
#[component]
pub fn Reviews() -> impl IntoView {
    let pair = expect_context::<Pair>();
    let content = move || {
        let (a, b, on) = pair.view.with(|v| (v.first, v.second, v.role_on.clone()));
        pair.catalog.with_value(|c| {
            let groups: Vec<_> = c
                .roles()
                .iter()
                .enumerate()
                .filter(|(r, _)| on.get(*r).copied().unwrap_or(false))
                .filter_map(|(r, role)| {
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
                    (!cards.is_empty()).then(|| {
                        view! {
                            <div class="review-group">
                                <h3 class="review-group-title">{role.label.clone()}</h3>
                                <p class="review-group-focus">{role.focus.clone()}</p>
                                <div class="duo review-duo">{cards}</div>
                            </div>
                        }
                    })
                })
                .collect();
            if groups.is_empty() {
                let message = if on.iter().any(|x| *x) {
                    "The selected reviewers have not reviewed these tools yet."
                } else {
                    "No reviewer roles are selected. Choose a role above, or All roles."
                };
                view! { <p class="empty" role="status">{message}</p> }.into_any()
            } else {
                groups.into_any()
            }
        })
    };
    view! { <Section title="Reviews" id="reviews">{content}</Section> }
}
