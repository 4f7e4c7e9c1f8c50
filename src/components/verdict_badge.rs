//! A verdict in words, with colour and a symbol as extras.

use leptos::prelude::*;

use crate::bundle::Verdict;

/// "Ship" or "Skip", or "Not reviewed".
#[component]
pub fn VerdictBadge(
    /// The verdict; `None` when there is no review.
    verdict: Option<Verdict>,
) -> impl IntoView {
    let (class, symbol, word) = match verdict {
        Some(Verdict::Ship) => ("verdict verdict--ship", "✓", "Ship"),
        Some(Verdict::Skip) => ("verdict verdict--skip", "✕", "Skip"),
        None => ("verdict verdict--none", "–", "Not reviewed"),
    };
    view! {
        <span class=class>
            <span class="verdict-symbol" aria-hidden="true">{symbol}</span>
            {word}
        </span>
    }
}
