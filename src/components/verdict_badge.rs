//! A verdict in words, with colour and a symbol as extras.

use leptos::prelude::*;

use verdicts_catalog::bundle::Verdict;

/// The class and word of a verdict; `None` when there is no review. The style sheet draws the
/// symbol from the class, so a badge follows a new verdict with two updates, not three.
fn parts(verdict: Option<Verdict>) -> (&'static str, &'static str) {
    match verdict {
        Some(Verdict::Ship) => ("verdict verdict--ship", "Ship"),
        Some(Verdict::Skip) => ("verdict verdict--skip", "Skip"),
        None => ("verdict verdict--none", "Not reviewed"),
    }
}

/// "Ship" or "Skip", or "Not reviewed". Built once; a new verdict (another pair) changes its
/// class and word in place.
#[component]
pub fn VerdictBadge(
    /// The verdict; `None` when there is no review.
    #[prop(into)]
    verdict: Signal<Option<Verdict>>,
) -> impl IntoView {
    view! { <span class=move || parts(verdict.get()).0>{move || parts(verdict.get()).1}</span> }
}
