//! What in the link was not used, said plainly, with a way to dismiss it.

use leptos::prelude::*;

use crate::pair::Pair;

/// Notices about unknown tools, roles and ignored link parts.
#[component]
pub fn Notices() -> impl IntoView {
    let pair = expect_context::<Pair>();
    let messages = Memo::new(move |_| pair.view.with(|v| v.notices.clone()));
    // Dismissing hides the notices of this link; a new link brings its own.
    let dismissed = RwSignal::new(None::<Vec<String>>);
    let visible = move || !messages.with(Vec::is_empty) && dismissed.with(|d| d.as_ref() != Some(&messages.get()));
    view! {
        <div class="notices" role="status">
            <Show when=visible>
                <div class="notice">
                    <ul>{move || messages.get().into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                    <button type="button" class="link-button" on:click=move |_| dismissed.set(Some(messages.get_untracked()))>
                        "Dismiss"
                    </button>
                </div>
            </Show>
        </div>
    }
}
