//! "Filter by reviewer role": toggle buttons, one per role with its count, plus "All roles".

use leptos::prelude::*;

use crate::pair::Pair;
use crate::takeover::{role_key, ALL_ROLES_KEY};

/// The role filter of the reviewer split and the review cards.
#[component]
pub fn RoleFilter() -> impl IntoView {
    let pair = expect_context::<Pair>();
    let counts = Memo::new(move |_| {
        let (a, b) = pair.view.with(|v| (v.first, v.second));
        pair.catalog.with(|c| {
            (0..c.roles().len())
                .map(|r| c.review(a, r).is_some() as usize + c.review(b, r).is_some() as usize)
                .collect::<Vec<_>>()
        })
    });
    let total = move || counts.with(|c| c.iter().sum::<usize>());
    let roles: Vec<(usize, String, String)> = pair
        .catalog
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
                    aria-pressed=move || pressed(pair.view.with(|v| v.all_roles))
                    on:click=move |_| pair.show_all_roles()
                >
                    "All roles"
                    <span class="chip-count">{total}<span class="sr-only">" reviews"</span></span>
                </button>
                {roles.into_iter().map(|(i, label, key)| view! {
                    <button
                        type="button"
                        class="chip"
                        data-replay=key
                        aria-pressed=move || pressed(pair.view.with(|v| !v.all_roles && v.role_on.get(i).copied().unwrap_or(false)))
                        on:click=move |_| pair.toggle_role(i)
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
