//! "Embed": the snippet for the current pair, filter and theme, a Copy button and a live preview.

use leptos::prelude::*;

use crate::components::copy_button::CopyButton;
use crate::navigation::Navigation;
use crate::pair::{Pair, Side};
use verdicts_catalog::embed_code::{embed_state, full_page_state, iframe_fallback, snippet};
use verdicts_catalog::view_state::Theme;

/// The Embed button and its panel.
#[component]
pub fn EmbedPanel() -> impl IntoView {
    let pair = expect_context::<Pair>();
    let nav = expect_context::<Navigation>();
    let open = RwSignal::new(false);
    // The embed's own theme, a choice in this panel, starting from the page's.
    let theme = RwSignal::new(pair.view.with_untracked(|v| v.theme));
    let code_box = NodeRef::<leptos::html::Textarea>::new();
    let root = nav.root();
    let state = Memo::new(move |_| {
        let mut s = pair.shared_state();
        s.theme = theme.get();
        s
    });
    let title = move || {
        let name = |side| pair.name(side);
        format!("{} vs {}", name(Side::First), name(Side::Second))
    };
    let code = Memo::new(move |_| state.with(|s| snippet(&root, s, &pair.url(&full_page_state(s)), &title())));
    let preview = move || state.with(|s| pair.url(&embed_state(s)));
    let fallback = move || iframe_fallback(&preview(), &title());
    let set_theme = move |chosen: String| {
        theme.set(match chosen.as_str() {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::Auto,
        })
    };
    view! {
        <div class="embed">
            <button
                type="button"
                class="secondary-button"
                data-replay=crate::takeover::EMBED_KEY
                aria-expanded=move || if open.get() { "true" } else { "false" }
                aria-controls="embed-panel"
                on:click=move |_| open.update(|o| *o = !*o)
            >
                "Embed"
            </button>
            <section id="embed-panel" class="embed-panel block" aria-labelledby="embed-title" hidden=move || !open.get()>
                <h2 class="block-title" id="embed-title">"Embed this comparison"</h2>
                <p>"Paste this where the comparison should appear on your site. It sizes itself to its content and links back here."</p>
                <label class="field-label" for="embed-theme">"Theme"</label>
                <select id="embed-theme" class="select" on:change:target=move |ev| set_theme(ev.target().value()) prop:value=move || theme.get().as_str()>
                    <option value="auto">"Follow the reader's system"</option>
                    <option value="light">"Light"</option>
                    <option value="dark">"Dark"</option>
                </select>
                <label class="field-label" for="embed-code">"Embed code"</label>
                <textarea id="embed-code" node_ref=code_box class="code" readonly rows="5" prop:value=move || code.get()></textarea>
                <div class="copy-row">
                    <CopyButton
                        text=code
                        label="Copy"
                        class="button"
                        done="Copied to the clipboard."
                        blocked=|_| "Copying was blocked: the code is selected, press Ctrl+C (⌘C on a Mac).".to_string()
                        select=code_box
                    />
                </div>
                <details class="fallback">
                    <summary>"Your site allows no scripts?"</summary>
                    <p>"Use a plain iframe instead. It cannot size itself, so give it a generous height:"</p>
                    <pre class="code"><code>{fallback}</code></pre>
                </details>
                <h3 class="preview-title">"Preview"</h3>
                {move || open.get().then(|| view! {
                    <iframe class="preview" title="Preview of the embedded comparison" src=preview()></iframe>
                })}
            </section>
        </div>
    }
}
