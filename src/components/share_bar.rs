//! "Copy link", "Share" and "Print memo": sending the comparison on, exactly as it is on
//! screen (the pair's page, the role filter and the workload).

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::components::copy_button::CopyButton;
use crate::pair::Pair;
use verdicts_catalog::embed_code::full_page_state;

/// Opens the system's share sheet; whether the visitor shared.
async fn share(title: String, url: String) -> bool {
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else { return false };
    let Ok(function) = js_sys::Reflect::get(&navigator, &"share".into()).and_then(|f| f.dyn_into::<js_sys::Function>())
    else {
        return false;
    };
    let data = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&data, &"title".into(), &title.into());
    let _ = js_sys::Reflect::set(&data, &"url".into(), &url.into());
    let Ok(promise) = function.call1(&navigator, &data).and_then(|p| p.dyn_into::<js_sys::Promise>()) else {
        return false;
    };
    JsFuture::from(promise).await.is_ok()
}

/// The buttons, under the pickers of the full page.
#[component]
pub fn ShareBar() -> impl IntoView {
    let pair = expect_context::<Pair>();
    let url = Memo::new(move |_| pair.url(&full_page_state(&pair.shared_state())));
    let title = move || document_title();
    // Whether the link on screen was shared: said while the URL is unchanged.
    let shared = RwSignal::new(None::<String>);
    let status = move || shared.with(|s| s.as_ref().filter(|link| **link == url.get()).map(|_| "Shared."));
    let shareable = crate::browser::can_share();
    view! {
        <div class="share-bar">
            <CopyButton
                text=url
                label="Copy link"
                class="secondary-button"
                done="Link copied to the clipboard."
                blocked=|link| format!("Copying was blocked; the link is {link}")
            />
            {shareable.then(|| view! {
                <button
                    type="button"
                    class="secondary-button"
                    on:click=move |_| {
                        let link = url.get_untracked();
                        let title = title();
                        leptos::task::spawn_local(async move {
                            if share(title, link.clone()).await {
                                shared.set(Some(link));
                            }
                        });
                    }
                >"Share"</button>
            })}
            <button
                type="button"
                class="secondary-button"
                on:click=move |_| {
                    if let Some(window) = web_sys::window() {
                        let _ = window.print();
                    }
                }
            >"Print memo"</button>
            <span class="share-status" role="status">{status}</span>
        </div>
    }
}

fn document_title() -> String {
    web_sys::window().and_then(|w| w.document()).map(|d| d.title()).unwrap_or_default()
}
