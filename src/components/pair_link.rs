//! A link to another comparison: every link to a pair goes through here, so each keeps the
//! visitor's role filter and workload and shows the pair inside the app.

use leptos::ev::MouseEvent;
use leptos::prelude::*;

use crate::pair::Pair;

/// Whether a click is a plain one, which the app handles; a click with a modifier (new tab,
/// new window, download) or another button is left to the browser.
pub fn plain_click(ev: &MouseEvent) -> bool {
    ev.button() == 0 && !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key())
}

/// A link to the comparison of tools `a` and `b` (ids). Its address is the
/// pair's page with the role filter and workload on screen, so it also works when opened in a
/// new tab, copied, or read with scripts off; a plain click shows the pair in the app, with a
/// history entry. Marked `aria-current="page"` while that pair is on screen.
#[component]
pub fn PairLink(
    /// The first tool's id.
    a: String,
    /// The second tool's id.
    b: String,
    /// The link's text.
    children: Children,
) -> impl IntoView {
    let pair = expect_context::<Pair>();
    let ids = StoredValue::new((a, b));
    view! {
        <a
            // Relative to the page the visitor is on, which the app changes.
            href=move || ids.with_value(|(a, b)| pair.pair_url(a, b))
            aria-current=move || {
                let here = !pair.on_tool_page() && pair.ids.with(|shown| ids.with_value(|ids| shown == ids));
                here.then_some("page")
            }
            on:click=move |ev| {
                if plain_click(&ev) {
                    ev.prevent_default();
                    ids.with_value(|(a, b)| pair.show_pair(a, b));
                }
            }
        >
            {children()}
        </a>
    }
}
