//! The embed view's one message to its parent frame: its content height, whenever it changes.
//! It never listens to the parent.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The `type` of the height message.
pub const RESIZE_MESSAGE: &str = "verdicts:resize";

/// When the page is framed, posts `{type: "verdicts:resize", height}` to the parent each time the
/// document's height changes (a ResizeObserver, not a timer). Does nothing when not framed.
pub fn report_height_to_parent() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(Some(parent)) = window.parent() else {
        return;
    };
    if js_sys::Object::is(&parent, &window) {
        return;
    }
    let Some(root) = window.document().and_then(|d| d.document_element()) else {
        return;
    };
    let observed = root.clone();
    let last = std::cell::Cell::new(0.0f64);
    let on_resize = Closure::<dyn Fn()>::new(move || {
        let height = observed.get_bounding_client_rect().height().ceil();
        if height == last.get() {
            return;
        }
        last.set(height);
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &"type".into(), &RESIZE_MESSAGE.into());
        let _ = js_sys::Reflect::set(&message, &"height".into(), &height.into());
        // The height is no secret, and the partner's origin is unknown to us: any origin may read it.
        let _ = parent.post_message(&message, "*");
    });
    if let Ok(observer) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
        observer.observe(&root);
        // Observes for the life of the page.
        on_resize.forget();
        std::mem::forget(observer);
    }
}
