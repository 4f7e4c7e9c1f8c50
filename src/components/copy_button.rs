//! A button that copies a text to the clipboard and says, next to it, whether it did: the one
//! copy-to-clipboard control of the page (the link in the share bar, the embed code).

use leptos::html::Textarea;
use leptos::prelude::*;

/// The button and its status. The status speaks of the text as it was copied, so it goes quiet
/// once the text changes (another pair, another theme).
#[component]
pub fn CopyButton(
    /// What is copied, as it is now.
    #[prop(into)]
    text: Signal<String>,
    /// The button's label.
    label: &'static str,
    /// The button's class.
    class: &'static str,
    /// What the status says once the text is on the clipboard.
    done: &'static str,
    /// What the status says when the browser blocked copying, given the text.
    blocked: fn(&str) -> String,
    /// A text box holding the text: where the clipboard is blocked its text is selected, ready
    /// for a manual copy.
    #[prop(optional)]
    select: Option<NodeRef<Textarea>>,
) -> impl IntoView {
    // What was last copied and whether it worked.
    let copied = RwSignal::new(None::<(String, bool)>);
    let status = move || {
        copied.with(|c| {
            c.as_ref().filter(|(copied, _)| text.with(|now| now == copied)).map(|(copied, ok)| {
                if *ok {
                    done.to_string()
                } else {
                    blocked(copied)
                }
            })
        })
    };
    view! {
        <button
            type="button"
            class=class
            on:click=move |_| {
                let now = text.get_untracked();
                let fallback = select.and_then(|s| s.get_untracked());
                leptos::task::spawn_local(async move {
                    let ok = crate::browser::copy_text(&now, fallback).await;
                    copied.set(Some((now, ok)));
                });
            }
        >
            {label}
        </button>
        <span class="copy-status" role="status">{status}</span>
    }
}
