//! Swapping the live page in for the static one, keeping what the visitor already did there.
//!
//! The static page (the comparison rendered at build time) shows the pickers before the app
//! runs. A visitor who taps a picker and starts typing before the swap must not lose the text or
//! the caret: the typed text is replayed into the live picker, which then lists its matches, and
//! focus returns to the same control. Buttons pressed before the swap (a small script in
//! `index.html` notes them) are pressed again on the live page, once each, in order.

use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Event, EventInit, HtmlElement, HtmlInputElement};

/// A text field of the static page the visitor changed or was in.
struct Carried {
    id: String,
    /// The text, when it differs from what the page was rendered with.
    typed: Option<String>,
    /// Where the caret or selection was, when the field had focus.
    focus: Option<(u32, u32)>,
}

/// Replaces the children of `#app` (or appends to `<body>`) with `live`.
pub fn replace_static_page(live: &Element) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    match document.get_element_by_id("app") {
        Some(host) => {
            let carried = what_the_visitor_did(&document, &host);
            let pressed = pressed_before();
            host.replace_children_with_node_1(live);
            carry_over(&document, carried);
            press_again(&host, pressed);
        }
        None => {
            if let Some(body) = document.body() {
                let _ = body.append_child(live);
            }
        }
    }
}

fn what_the_visitor_did(document: &Document, host: &Element) -> Vec<Carried> {
    let active = document.active_element();
    let Ok(fields) = host.query_selector_all("input[id]") else { return Vec::new() };
    (0..fields.length())
        .filter_map(|i| fields.item(i)?.dyn_into::<HtmlInputElement>().ok())
        .filter_map(|input| {
            let focused = active.as_ref().is_some_and(|a| a == input.unchecked_ref::<Element>());
            let value = input.value();
            let typed = (value != input.default_value()).then_some(value);
            let focus = focused.then(|| {
                let start = input.selection_start().ok().flatten().unwrap_or(0);
                (start, input.selection_end().ok().flatten().unwrap_or(start))
            });
            (typed.is_some() || focus.is_some()).then(|| Carried { id: input.id(), typed, focus })
        })
        .collect()
}

fn carry_over(document: &Document, carried: Vec<Carried>) {
    for field in carried {
        let Some(input) = document.get_element_by_id(&field.id).and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
        else {
            continue;
        };
        if let Some(text) = field.typed {
            input.set_value(&text);
            let init = EventInit::new();
            init.set_bubbles(true);
            if let Ok(event) = Event::new_with_event_init_dict("input", &init) {
                let _ = input.dispatch_event(&event);
            }
        }
        if let Some((start, end)) = field.focus {
            let _ = input.unchecked_ref::<HtmlElement>().focus();
            let _ = input.set_selection_range(start, end);
        }
    }
}

/// What identifies a button across the static and the live page: its text and label.
fn button_key(button: &Element) -> String {
    format!("{}\n{}", button.text_content().unwrap_or_default(), button.get_attribute("aria-label").unwrap_or_default())
}

/// The buttons pressed on the static page, noted by `index.html`'s script, and forgets them.
fn pressed_before() -> Vec<String> {
    let Some(window) = web_sys::window() else { return Vec::new() };
    let Some(list) = js_sys::Reflect::get(&window, &"verdictsPendingClicks".into())
        .ok()
        .and_then(|v| v.dyn_into::<js_sys::Array>().ok())
    else {
        return Vec::new();
    };
    let mut keys: Vec<String> = list.iter().filter_map(|v| v.as_string()).collect();
    list.set_length(0);
    // A button that did nothing is often pressed twice; the visitor meant it once.
    keys.dedup();
    keys
}

fn press_again(host: &Element, keys: Vec<String>) {
    for key in keys {
        let Ok(buttons) = host.query_selector_all("button") else { return };
        let button = (0..buttons.length())
            .filter_map(|i| buttons.item(i)?.dyn_into::<HtmlElement>().ok())
            .find(|b| button_key(b) == key);
        if let Some(button) = button {
            button.click();
        }
    }
}
