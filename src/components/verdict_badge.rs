//! A verdict in words, with colour and a symbol as extras.

use leptos::prelude::*;

use crate::bundle::Verdict;

/// The class, symbol and word of a verdict; `None` when there is no review.
fn parts(verdict: Option<Verdict>) -> (&'static str, &'static str, &'static str) {
    match verdict {
        Some(Verdict::Ship) => ("verdict verdict--ship", "✓", "Ship"),
        Some(Verdict::Skip) => ("verdict verdict--skip", "✕", "Skip"),
        None => ("verdict verdict--none", "–", "Not reviewed"),
    }
}

/// "Ship" or "Skip", or "Not reviewed". Built once; a new verdict (another pair) changes its
/// class and words in place.
#[component]
pub fn VerdictBadge(
    /// The verdict; `None` when there is no review.
    #[prop(into)]
    verdict: Signal<Option<Verdict>>,
) -> impl IntoView {
    view! {
        <span class=move || parts(verdict.get()).0>
            <span class="verdict-symbol" aria-hidden="true">{move || parts(verdict.get()).1}</span>
            {move || parts(verdict.get()).2}
        </span>
    }
}
