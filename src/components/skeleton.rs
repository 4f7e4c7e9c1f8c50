//! The shape of the comparison while the bundle loads, so nothing jumps when it arrives.

use leptos::prelude::*;

/// Grey placeholders in the comparison's layout.
#[component]
pub fn Skeleton() -> impl IntoView {
    let card = || {
        view! {
            <div class="tool-card skeleton-card">
                <span class="sk sk-line sk-short"></span>
                <span class="sk sk-title"></span>
                <span class="sk sk-line"></span>
                <span class="sk sk-block"></span>
            </div>
        }
    };
    view! {
        <div class="comparison skeleton" aria-busy="true">
            <p class="sr-only" role="status">"Loading the comparison…"</p>
            <span class="sk sk-line sk-short"></span>
            <span class="sk sk-heading"></span>
            <div class="pickers"><span class="sk sk-input"></span><span class="sk sk-input"></span></div>
            <div class="duo cards">{card()}{card()}</div>
            <span class="sk sk-section"></span>
            <span class="sk sk-section"></span>
        </div>
    }
}
