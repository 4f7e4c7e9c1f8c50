//! A titled section of the comparison.

use leptos::prelude::*;

/// A `section` named by its `h2`.
#[component]
pub fn Section(
    /// The heading, which is also the section's accessible name.
    title: &'static str,
    /// A page-unique id for the heading.
    id: &'static str,
    children: Children,
) -> impl IntoView {
    view! {
        <section class="block" aria-labelledby=id>
            <h2 class="block-title" id=id>{title}</h2>
            {children()}
        </section>
    }
}
