//! A link to a tool's page (`tools/<id>/`): its address works opened in a new tab, copied, or
//! read with scripts off; a plain click shows the page inside the app, with a history entry.

use leptos::prelude::*;

use crate::components::pair_link::plain_click;
use crate::navigation::{HistoryMode, Navigation};
use verdicts_catalog::pages::{servable, tool_location};

/// A link to the page of the tool `id`, keeping the URL's role filter, workload, embed and
/// theme. A tool whose id no folder can carry has no page: its name is shown without a link.
#[component]
pub fn ToolLink(
    /// The tool's id (it may follow a pair switch).
    #[prop(into)]
    id: Signal<String>,
    /// The link's class.
    #[prop(optional)]
    class: &'static str,
    /// The link's text.
    children: ChildrenFn,
) -> impl IntoView {
    let nav = expect_context::<Navigation>();
    let location = move || {
        let state = nav.parsed().with(|p| p.state.clone());
        id.with(|id| tool_location(id, &state))
    };
    let children = StoredValue::new(children);
    // Only whether there is a page rebuilds the link: its address follows the id in place.
    let linked = Memo::new(move |_| id.with(|id| servable(id)));
    move || {
        if linked.get() {
            view! {
                <a
                    class=class
                    href=move || nav.url(&location())
                    on:click=move |ev| {
                        if plain_click(&ev) {
                            ev.prevent_default();
                            nav.go(untrack(location), HistoryMode::Push);
                        }
                    }
                >
                    {children.with_value(|c| c())}
                </a>
            }
            .into_any()
        } else {
            view! { <span class=class>{children.with_value(|c| c())}</span> }.into_any()
        }
    }
}
