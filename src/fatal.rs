//! The last line of defence: a panic shows a message with a way forward instead of a dead page.

use wasm_bindgen::JsCast;

/// Installs a panic hook that logs the panic and replaces the page with an error message and a
/// reload link. After a panic the app cannot run any more, so the message is plain HTML.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("Verdicts stopped: {info}").into());
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let Some(body) = document.body() else { return };
        let Ok(panel) = document.create_element("div") else {
            return;
        };
        panel.set_class_name("fatal-error");
        let _ = panel.set_attribute("role", "alert");
        let parts = [
            ("h1", "Something went wrong"),
            ("p", "The comparison stopped working because of an error in the app. Reloading the page usually helps."),
        ];
        for (tag, text) in parts {
            if let Ok(element) = document.create_element(tag) {
                element.set_text_content(Some(text));
                let _ = panel.append_child(&element);
            }
        }
        if let Ok(link) = document.create_element("a") {
            let href = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_else(|| "./".into());
            let _ = link.set_attribute("href", &href);
            link.set_class_name("button");
            link.set_text_content(Some("Reload the page"));
            let _ = panel.append_child(&link);
        }
        if let Some(main) = document.get_element_by_id("app") {
            main.set_text_content(None);
            let _ = main.append_child(&panel);
        } else {
            let _ = body.append_child(&panel);
        }
        if let Some(el) = panel.dyn_ref::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }));
}
