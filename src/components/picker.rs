//! A tool picker: the WAI-ARIA combobox pattern with a filtered list box.

use leptos::ev;
use leptos::prelude::*;

use crate::pair::{Pair, Side};
use verdicts_catalog::search::rank;

/// The most options listed at once; typing narrows the rest.
const MAX_OPTIONS: usize = 50;

/// A combobox to choose the tool on one side.
#[component]
pub fn ToolPicker(
    /// The side this picker sets.
    side: Side,
    /// The visible label, which is also the accessible name ("First tool").
    label: &'static str,
    /// A prefix for element ids, unique on the page.
    id: &'static str,
    /// The text field, for whoever needs to focus it (the `/` shortcut).
    #[prop(optional)]
    input_ref: Option<NodeRef<leptos::html::Input>>,
) -> impl IntoView {
    let input_ref = input_ref.unwrap_or_default();
    let pair = expect_context::<Pair>();
    let other = match side {
        Side::First => Side::Second,
        Side::Second => Side::First,
    };
    let typed = RwSignal::new(None::<String>);
    let open = RwSignal::new(false);
    let active = RwSignal::new(0usize);
    let results = Memo::new(move |_| match (open.get(), typed.get()) {
        (false, _) => Vec::new(),
        (true, text) => pair.catalog.with_value(|c| rank(c, text.as_deref().unwrap_or(""))),
    });
    let shown = Memo::new(move |_| results.with(|r| r[..r.len().min(MAX_OPTIONS)].to_vec()));
    let selected_name = move || pair.name(side);
    let position = move |tool: usize| shown.with(|s| s.iter().position(|t| *t == tool));
    let option_id = move |tool: usize| format!("{id}-option-{tool}");
    let listbox_id = format!("{id}-listbox");

    let close = move || {
        open.set(false);
        typed.set(None);
    };
    let choose = move |tool: usize| {
        close();
        pair.pick(side, tool);
    };
    let on_keydown = move |ev: ev::KeyboardEvent| {
        let count = shown.with(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" | "ArrowUp" if !open.get_untracked() => {
                ev.prevent_default();
                open.set(true);
                active.set(0);
            }
            "ArrowDown" => {
                ev.prevent_default();
                active.update(|a| *a = (*a + 1).min(count.saturating_sub(1)));
            }
            "ArrowUp" => {
                ev.prevent_default();
                active.update(|a| *a = a.saturating_sub(1));
            }
            "Home" | "End" if open.get_untracked() && count > 0 && ev.ctrl_key() => {
                ev.prevent_default();
                active.set(if ev.key() == "Home" { 0 } else { count - 1 });
            }
            "Enter" if open.get_untracked() => {
                ev.prevent_default();
                if let Some(tool) = shown.with_untracked(|s| s.get(active.get_untracked()).copied()) {
                    choose(tool);
                }
            }
            "Escape" if open.get_untracked() || typed.get_untracked().is_some() => {
                ev.prevent_default();
                close();
            }
            _ => {}
        }
    };
    // Keep the active option in view while moving through a long list (the list's children are
    // the options shown, in order).
    let listbox = NodeRef::<leptos::html::Ul>::new();
    Effect::new(move |_| {
        let index = active.get();
        let in_range = shown.with(|s| index < s.len());
        if let (true, true, Some(list)) = (open.get(), in_range, listbox.get()) {
            if let Some(element) = list.children().item(index as u32) {
                let options = web_sys::ScrollIntoViewOptions::new();
                options.set_block(web_sys::ScrollLogicalPosition::Nearest);
                element.scroll_into_view_with_scroll_into_view_options(&options);
            }
        }
    });
    let status = move || {
        let total = results.with(Vec::len);
        match (open.get(), total) {
            (false, _) => String::new(),
            (true, 0) => "No tool matches. Try another name, vendor or category.".to_string(),
            (true, n) if n > MAX_OPTIONS => {
                format!("Showing {MAX_OPTIONS} of {n} tools; keep typing to narrow.")
            }
            (true, 1) => "1 tool".to_string(),
            (true, n) => format!("{n} tools"),
        }
    };

    view! {
        <div class="picker">
            <label class="picker-label" for=format!("{id}-input")>{label}</label>
            <div class="picker-field">
                <input
                    id=format!("{id}-input")
                    node_ref=input_ref
                    class="picker-input"
                    type="text"
                    role="combobox"
                    autocomplete="off"
                    spellcheck="false"
                    aria-autocomplete="list"
                    aria-controls=listbox_id.clone()
                    aria-expanded=move || if open.get() { "true" } else { "false" }
                    aria-activedescendant=move || {
                        open.get().then(|| shown.with(|s| s.get(active.get()).map(|t| option_id(*t)))).flatten()
                    }
                    value=selected_name
                    prop:value=move || typed.get().unwrap_or_else(selected_name)
                    on:input:target=move |ev| {
                        typed.set(Some(ev.target().value()));
                        open.set(true);
                        active.set(0);
                    }
                    on:click=move |_| {
                        if !open.get_untracked() {
                            open.set(true);
                            active.set(0);
                        }
                    }
                    on:focus:target=move |ev| ev.target().select()
                    on:blur=move |_| close()
                    on:keydown=on_keydown
                />
                <span class="picker-chevron" aria-hidden="true"></span>
            </div>
            <ul id=listbox_id node_ref=listbox role="listbox" class="picker-list" aria-label=label hidden=move || !open.get()>
                <For each=move || shown.get() key=|tool| *tool let(tool)>
                    <li
                        id=option_id(tool)
                        role="option"
                        class="picker-option"
                        aria-selected=move || if position(tool) == Some(active.get()) { "true" } else { "false" }
                        on:mousedown=|ev| ev.prevent_default()
                        on:mousemove=move |_| if let Some(i) = position(tool) { active.set(i) }
                        on:click=move |_| choose(tool)
                    >
                        {pair.catalog.with_value(|c| c.tool(tool).map(|t| view! {
                            <span class="option-name">{t.name.clone()}</span>
                            <span class="option-meta">
                                {t.vendor.clone().map(|v| format!("{v} · ")).unwrap_or_default()}
                                {t.category.clone()}
                            </span>
                        }))}
                        {move || (pair.tool_index(other) == tool).then(|| view! {
                            <span class="option-note">"on the other side: picking swaps"</span>
                        })}
                    </li>
                </For>
            </ul>
            <p class="sr-only" role="status" aria-live="polite">{status}</p>
        </div>
    }
}
