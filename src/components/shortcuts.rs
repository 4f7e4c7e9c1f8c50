//! Keyboard shortcuts, and the dialog that lists them: `/` goes to the first picker, `s` swaps,
//! `1`–`9` toggle a role, `0` shows all roles, `?` opens the list. They never fire while the
//! visitor types in a field.

use leptos::html::{Dialog, Input};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::pair::Pair;

/// What a key does, when it does anything.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shortcut {
    FocusFirstPicker,
    Swap,
    ToggleRole(usize),
    AllRoles,
    ShowHelp,
}

/// The shortcut of a key, with the number of roles there are.
pub fn shortcut(key: &str, roles: usize) -> Option<Shortcut> {
    match key {
        "/" => Some(Shortcut::FocusFirstPicker),
        "s" | "S" => Some(Shortcut::Swap),
        "0" => Some(Shortcut::AllRoles),
        "?" => Some(Shortcut::ShowHelp),
        k => {
            let n: usize = k.parse().ok().filter(|n| (1..=9).contains(n))?;
            (n <= roles).then_some(Shortcut::ToggleRole(n - 1))
        }
    }
}

/// Whether the key event comes from where the visitor types.
#[cfg(feature = "csr")]
fn typing(ev: &web_sys::KeyboardEvent) -> bool {
    let Some(target) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return false };
    let editable = target.dyn_ref::<web_sys::HtmlElement>().is_some_and(|e| e.is_content_editable());
    editable || matches!(target.tag_name().to_ascii_lowercase().as_str(), "input" | "textarea" | "select")
}

/// Acts on the shortcuts while the component lives; only in the browser (rendered at publish
/// time there is no window to listen to).
fn listen(pair: Pair, dialog: NodeRef<Dialog>, first_picker: NodeRef<Input>, open: impl Fn() + Clone + 'static) {
    #[cfg(feature = "csr")]
    {
        let roles = pair.catalog.with(|c| c.roles().len());
        let handle = leptos::prelude::window_event_listener(leptos::ev::keydown, move |ev| {
            if ev.default_prevented() || ev.ctrl_key() || ev.meta_key() || ev.alt_key() || typing(&ev) {
                return;
            }
            if dialog.get_untracked().is_some_and(|d| d.open()) {
                return;
            }
            let Some(action) = shortcut(&ev.key(), roles) else { return };
            ev.prevent_default();
            match action {
                Shortcut::FocusFirstPicker => {
                    if let Some(input) = first_picker.get_untracked() {
                        let _ = input.focus();
                    }
                }
                Shortcut::Swap => pair.swap(),
                Shortcut::ToggleRole(i) => pair.toggle_role(i),
                Shortcut::AllRoles => pair.show_all_roles(),
                Shortcut::ShowHelp => open(),
            }
        });
        on_cleanup(move || handle.remove());
    }
    #[cfg(not(feature = "csr"))]
    let _ = (pair, dialog, first_picker, open);
}

/// The key handler and the "Keyboard shortcuts" dialog with its button.
#[component]
pub fn Shortcuts(
    /// The first picker's text field, where `/` goes.
    first_picker: NodeRef<Input>,
) -> impl IntoView {
    let pair = expect_context::<Pair>();
    let dialog = NodeRef::<Dialog>::new();
    // Where the focus was before the dialog opened, to go back to when it closes.
    let opener = StoredValue::new_local(None::<web_sys::HtmlElement>);
    let open = move || {
        if let Some(d) = dialog.get_untracked() {
            let active = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.active_element())
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            opener.set_value(active);
            let _ = d.show_modal();
        }
    };
    listen(pair, dialog, first_picker, open);
    let keys = [
        ("/", "Go to “First tool”"),
        ("s", "Swap the tools"),
        ("1 – 9", "Turn a reviewer role on or off, in the filter's order"),
        ("0", "Show all roles"),
        ("?", "Show these shortcuts"),
    ];
    view! {
        <button type="button" class="link-button shortcuts-button" on:click=move |_| open()>
            "Keyboard shortcuts"
        </button>
        <dialog
            class="shortcuts-dialog"
            node_ref=dialog
            aria-labelledby="shortcuts-title"
            on:close=move |_| {
                if let Some(e) = opener.get_value() {
                    let _ = e.focus();
                }
            }
        >
            <h2 id="shortcuts-title" class="block-title">"Keyboard shortcuts"</h2>
            <dl class="shortcut-list">
                {keys.into_iter().map(|(key, what)| view! {
                    <div><dt><kbd>{key}</kbd></dt><dd>{what}</dd></div>
                }).collect_view()}
            </dl>
            <p>"They work whenever you are not typing in a field."</p>
            <button
                type="button"
                class="button"
                on:click=move |_| {
                    if let Some(d) = dialog.get_untracked() {
                        d.close();
                    }
                }
            >"Close"</button>
        </dialog>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_map_to_shortcuts_and_numbers_stop_at_the_roles() {
        assert_eq!(shortcut("/", 4), Some(Shortcut::FocusFirstPicker));
        assert_eq!(shortcut("s", 4), Some(Shortcut::Swap));
        assert_eq!(shortcut("4", 4), Some(Shortcut::ToggleRole(3)));
        assert_eq!(shortcut("5", 4), None);
        assert_eq!(shortcut("0", 4), Some(Shortcut::AllRoles));
        assert_eq!(shortcut("?", 4), Some(Shortcut::ShowHelp));
        assert_eq!(shortcut("x", 4), None);
        assert_eq!(shortcut("10", 12), None);
    }
}
