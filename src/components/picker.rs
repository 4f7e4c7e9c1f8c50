//! A tool picker: the WAI-ARIA combobox pattern with a filtered list box.

use leptos::ev;
use leptos::prelude::*;

use crate::data::Found;
use crate::pair::{Pair, Side};
use verdicts_catalog::fold::fold;
use verdicts_catalog::site_data::Entry;

/// The most options listed at once; typing narrows the rest.
const MAX_OPTIONS: usize = 10;

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
    /// What choosing a tool does instead of putting it on `side` (a tool page's "Compare
    /// with …"): the field then starts empty and no tool is on the other side.
    #[prop(optional)]
    on_pick: Option<Callback<String>>,
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
    // What the typed text finds in the name files at hand (the catalogue is read a part at a
    // time: a query reads the name file of its longest word).
    let found = Memo::new(move |_| match (open.get(), pair.store()) {
        (false, _) | (true, None) => Found::Tools { best: Vec::new(), total: 0 },
        (true, Some(store)) => match typed.get().filter(|t| !t.trim().is_empty()) {
            Some(text) => store.search(&text, MAX_OPTIONS),
            // Nothing typed: the tools the visit knows by name, by name.
            None => pair.catalog.with(|c| {
                let mut known: Vec<(String, usize)> =
                    c.tools().iter().enumerate().map(|(n, t)| (fold(&t.name), n)).collect();
                known.sort();
                let best = known.iter().take(MAX_OPTIONS).filter_map(|&(_, n)| c.tool(n).map(|t| Entry::of(n, t)));
                Found::Tools { best: best.collect(), total: known.len() }
            }),
        },
    });
    // A name file the query needs is fetched (the outside world).
    Effect::new(move |_| {
        if let (Found::Needs(key), Some(store)) = (found.get(), pair.store()) {
            store.fetch_names(key);
        }
    });
    // The list (the best matches and how many there are in all) keeps what the last query found
    // while the next one's file is on its way.
    let results = Memo::new(move |previous: Option<&(Vec<Entry>, usize)>| match found.get() {
        Found::Tools { best, total } => (best, total),
        Found::Needs(_) | Found::Loading if open.get() => previous.cloned().unwrap_or_default(),
        _ => (Vec::new(), 0),
    });
    let searching = move || matches!(found.get(), Found::Needs(_) | Found::Loading);
    let failed = Memo::new(move |_| match found.get() {
        Found::Failed(error) => Some(error.headline()),
        _ => None,
    });
    let total = pair.store().map(|s| s.manifest().tools).unwrap_or(0);
    let shown = Memo::new(move |_| results.with(|(best, _)| best.clone()));
    let selected_name = move || if on_pick.is_some() { String::new() } else { pair.name(side) };
    let position = move |tool: &str| shown.with(|s| s.iter().position(|t| t.id == tool));
    // The active option's number: each option compares its own with it, so a keystroke that
    // keeps the first option first updates no option's state (not one scan of the list each).
    let active_n = Memo::new(move |_| shown.with(|s| s.get(active.get()).map(|t| t.n)));
    let option_id = move |n: u32| format!("{id}-option-{n}");
    let listbox_id = format!("{id}-listbox");

    // Enter pressed while the query's name file is on its way: the pick waits for the results
    // (picking from the last query's list would choose a tool the visitor did not ask for).
    let enter_pending = RwSignal::new(false);
    let close = move || {
        open.set(false);
        typed.set(None);
        enter_pending.set(false);
    };
    let choose = move |tool: String| {
        close();
        match on_pick {
            Some(pick) => pick.run(tool),
            None => pair.pick(side, &tool),
        }
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
            "Enter" if open.get_untracked() && matches!(found.get_untracked(), Found::Needs(_) | Found::Loading) => {
                ev.prevent_default();
                enter_pending.set(true);
            }
            "Enter" if open.get_untracked() => {
                ev.prevent_default();
                if let Some(tool) = shown.with_untracked(|s| s.get(active.get_untracked()).map(|t| t.id.clone())) {
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
    // The waiting Enter is pressed once the results are in (a pick is a navigation: the outside
    // world); a failed search drops it, and its error says why.
    Effect::new(move |_| {
        if !enter_pending.get() {
            return;
        }
        match found.get() {
            Found::Tools { .. } => {
                enter_pending.set(false);
                if let Some(tool) = shown.with_untracked(|s| s.get(active.get_untracked()).map(|t| t.id.clone())) {
                    choose(tool);
                }
            }
            Found::Failed(_) => enter_pending.set(false),
            Found::Needs(_) | Found::Loading => {}
        }
    });
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
        let count = results.with(|(_, total)| *total);
        let nothing_typed = typed.with(|t| t.as_deref().is_none_or(|t| t.trim().is_empty()));
        match (open.get(), count) {
            (false, _) => String::new(),
            (true, _) if failed.with(Option::is_some) => String::new(),
            (true, _) if searching() => "Searching…".to_string(),
            (true, n) if nothing_typed && total > n => {
                format!("Type a name, vendor or category to search all {total} tools.")
            }
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
                        open.get().then(|| active_n.get().map(option_id)).flatten()
                    }
                    value=selected_name
                    prop:value=move || typed.get().unwrap_or_else(selected_name)
                    on:input:target=move |ev| {
                        enter_pending.set(false);
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
                <For each=move || shown.get() key=|tool| tool.n let(tool)>
                    {
                        let tool_id = StoredValue::new(tool.id.clone());
                        let n = tool.n;
                        view! {
                            <li
                                id=option_id(tool.n)
                                role="option"
                                class="picker-option"
                                aria-selected=move || if active_n.get() == Some(n) { "true" } else { "false" }
                                on:mousedown=|ev| ev.prevent_default()
                                on:mousemove=move |_| if let Some(i) = tool_id.with_value(|t| position(t)) { active.set(i) }
                                on:click=move |_| choose(tool_id.get_value())
                            >
                                <span class="option-name">{tool.name.clone()}</span>
                                <span class="option-meta">
                                    {tool.vendor.clone().map(|v| format!("{v} · ")).unwrap_or_default()}
                                    {tool.category.clone()}
                                </span>
                                {move || pair.ids.with(|(a, b)| tool_id.with_value(|t| {
                                    let on_other = on_pick.is_none() && match other { Side::First => a == t, Side::Second => b == t };
                                    on_other.then(|| view! {
                                        <span class="option-note">"on the other side: picking swaps"</span>
                                    })
                                }))}
                            </li>
                        }
                    }
                </For>
            </ul>
            {move || (open.get()).then(|| failed.get()).flatten().map(|headline| view! {
                <div class="picker-error" role="alert">
                    <p>{headline} " The tool list could not be searched."</p>
                    <button
                        type="button"
                        class="button"
                        on:mousedown=|ev| ev.prevent_default()
                        on:click=move |_| if let Some(store) = pair.store() { store.retry_names() }
                    >
                        "Retry"
                    </button>
                </div>
            })}
            <p class="sr-only" role="status" aria-live="polite">{status}</p>
        </div>
    }
}
