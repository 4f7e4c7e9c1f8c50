//! Why the comparison could not be shown, and what to do next.

use leptos::prelude::*;

use verdicts_catalog::load_error::LoadError;

/// A failure to load the bundle, with a Retry button.
#[component]
pub fn ErrorView(
    /// What failed.
    error: LoadError,
    /// Loads the bundle again.
    on_retry: Callback<()>,
    /// Seconds until the app tries again by itself, if it will.
    auto_retry: Memo<Option<u32>>,
) -> impl IntoView {
    let retrying = RwSignal::new(false);
    let problems = error.problems();
    let shown = problems.len().min(50);
    let more = problems.len() - shown;
    view! {
        <div class="error-view" role="alert">
            <h1 class="error-title">{error.title()}</h1>
            <p class="error-headline">{error.headline()}</p>
            <p class="error-url">"Data address: " <code>{error.url.clone()}</code></p>
            {(!problems.is_empty()).then(|| view! {
                <ul class="problems" aria-label="Problems in the bundle">
                    {problems.into_iter().take(shown).map(|p| view! {
                        <li><code class="problem-path">{p.path}</code>": "{p.message}</li>
                    }).collect_view()}
                    {(more > 0).then(|| view! { <li>{format!("… and {more} more")}</li> })}
                </ul>
            })}
            <p class="error-advice">{error.advice()}</p>
            <p class="error-auto" role="status">
                {move || auto_retry.get().map(|s| format!("Trying again automatically in {s} second{}…", if s == 1 { "" } else { "s" }))}
            </p>
            <button
                type="button"
                class="button"
                disabled=move || retrying.get()
                on:click=move |_| {
                    retrying.set(true);
                    on_retry.run(());
                }
            >
                {move || if retrying.get() { "Retrying…" } else { "Retry" }}
            </button>
        </div>
    }
}
