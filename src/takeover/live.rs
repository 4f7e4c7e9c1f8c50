//! The handover in the browser: the live page mounted off-screen, then swapped in with what the
//! visitor typed and pressed on the static page carried over.

use std::cell::RefCell;

use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Event, EventInit, HtmlElement, HtmlInputElement};

use super::{LIVE_CLASS, PENDING, REPLAY_ATTR, WHEN_RELEASED};

thread_local! {
    /// The live page, rendered off-screen until the bundle has loaded.
    static LIVE: RefCell<Option<Element>> = const { RefCell::new(None) };
}

/// Mounts `app` off-screen; [`take_over_page`] swaps it in.
pub fn mount<F, V>(app: F)
where
    F: FnOnce() -> V + 'static,
    V: leptos::IntoView + 'static,
{
    let live = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("div").ok())
        .and_then(|e| e.dyn_into::<HtmlElement>().ok());
    match live {
        Some(live) => {
            live.set_class_name(LIVE_CLASS);
            LIVE.with(|slot| *slot.borrow_mut() = Some(live.clone().into()));
            leptos::mount::mount_to(live, app).forget();
        }
        None => leptos::mount::mount_to_body(app),
    }
}

/// Replaces the page's static content with the live page, once (later calls do nothing), as soon
/// as no press on the static page is under way. `replay` says whether buttons pressed on the
/// static page are pressed again.
pub fn take_over_page(replay: bool) {
    let Some(live) = LIVE.with(|slot| slot.borrow_mut().take()) else {
        return;
    };
    let swap = move || swap_in(&live, replay);
    let when_released = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &WHEN_RELEASED.into()).ok())
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    match when_released {
        Some(when_released) => {
            let callback = wasm_bindgen::closure::Closure::once_into_js(swap);
            // The page's own script failing leaves the swap to be done here.
            if when_released.call1(&wasm_bindgen::JsValue::NULL, &callback).is_err() {
                if let Some(run) = callback.dyn_ref::<js_sys::Function>() {
                    let _ = run.call0(&wasm_bindgen::JsValue::NULL);
                }
            }
        }
        // The app served alone (no published page, no inline script): nothing was pressed.
        None => swap(),
    }
}

fn swap_in(live: &Element, replay: bool) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    match document.get_element_by_id("app") {
        Some(host) => {
            let carried = what_the_visitor_typed(&document, &host);
            let pressed = pressed_before();
            host.replace_children_with_node_1(live);
            carry_over(&document, carried);
            if replay {
                press_again(&host, pressed);
            }
        }
        None => {
            if let Some(body) = document.body() {
                let _ = body.append_child(live);
            }
        }
    }
    // The benchmark's "visible" mark: the live page is in.
    crate::browser::mark("verdicts:comparison-visible");
}

/// A text field of the static page the visitor changed or was in.
struct Carried {
    id: String,
    /// The text, when it differs from what the page was rendered with.
    typed: Option<String>,
    /// Where the caret or selection was, when the field had focus.
    focus: Option<(u32, u32)>,
}

fn what_the_visitor_typed(document: &Document, host: &Element) -> Vec<Carried> {
    let active = document.active_element();
    let Ok(fields) = host.query_selector_all("input[id]") else {
        return Vec::new();
    };
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

/// The keys of the buttons pressed on the static page, noted by the inline script, which
/// are then forgotten there.
fn pressed_before() -> Vec<String> {
    let Some(window) = web_sys::window() else {
        return Vec::new();
    };
    let Some(list) =
        js_sys::Reflect::get(&window, &PENDING.into()).ok().and_then(|v| v.dyn_into::<js_sys::Array>().ok())
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
        let Ok(buttons) = host.query_selector_all(&format!("[{REPLAY_ATTR}]")) else {
            return;
        };
        let button = (0..buttons.length())
            .filter_map(|i| buttons.item(i)?.dyn_into::<HtmlElement>().ok())
            .find(|b| b.get_attribute(REPLAY_ATTR).as_deref() == Some(key.as_str()));
        if let Some(button) = button {
            button.click();
        }
    }
}
