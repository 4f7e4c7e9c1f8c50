//! "Filter by reviewer role": toggle buttons, one per role with its count of reviews of the
//! tools shown, plus "All roles". The comparison's and a tool page's, with the same keys, so a
//! press before the takeover is pressed again.

use leptos::prelude::*;

use crate::shown::PageView;
use crate::takeover::{role_key, ALL_ROLES_KEY};

/// The role filter of the reviewer split and the review cards.
#[component]
pub fn RoleFilter<V: PageView>(
    /// The page whose roles it filters.
    page: V,
) -> impl IntoView {
    let catalog = page.catalog();
    let view = page.view();
    let counts = Memo::new(move |_| {
        let tools = page.tools_shown();
        catalog.with(|c| {
            (0..c.roles().len())
                .map(|r| tools.iter().filter(|&&t| c.review(t, r).is_some()).count())
                .collect::<Vec<_>>()
        })
    });
    let total = move || counts.with(|c| c.iter().sum::<usize>());
    let roles: Vec<(usize, String, String)> = catalog
        .with_untracked(|c| c.roles().iter().enumerate().map(|(i, r)| (i, r.label.clone(), role_key(&r.id))).collect());
    let pressed = move |on: bool| if on { "true" } else { "false" };
    view! {
        <div class="role-filter" role="group" aria-labelledby="role-filter-label">
            <p class="role-filter-label" id="role-filter-label">"Filter by reviewer role"</p>
            <div class="chips">
                <button
                    type="button"
                    class="chip"
                    data-replay=ALL_ROLES_KEY
                    aria-pressed=move || pressed(view.with(|v| v.all_roles))
                    on:click=move |_| page.show_all_roles()
                >
                    "All roles"
                    <span class="chip-count">{total}<span class="sr-only">" reviews"</span></span>
                </button>
                {roles.into_iter().map(|(i, label, key)| view! {
                    <button
                        type="button"
                        class="chip"
                        data-replay=key
                        aria-pressed=move || pressed(view.with(|v| !v.all_roles && v.role_on.get(i).copied().unwrap_or(false)))
                        on:click=move |_| page.toggle_role(i)
                    >
                        {label}
                        <span class="chip-count">
                            {move || counts.with(|c| c.get(i).copied().unwrap_or(0))}
                            <span class="sr-only">" reviews"</span>
                        </span>
                    </button>
                }).collect_view()}
            </div>
        </div>
    }
}
