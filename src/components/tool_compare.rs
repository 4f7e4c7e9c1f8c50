//! "Compare with …" on a tool's page: a picker that opens the pair with this tool, the featured
//! comparisons it is in, and its alternatives (same category first, then the tools more people
//! weighed in on: [`verdicts_catalog::pages::Alternatives`]), each a link to the pair's page and
//! the other tool's page.

use leptos::prelude::*;

use crate::components::pair_link::PairLink;
use crate::components::picker::ToolPicker;
use crate::components::section::Section;
use crate::components::tool_link::ToolLink;
use crate::pair::{Pair, Side};
use crate::tool_view::ToolView;
use verdicts_catalog::pages::featured_with;

/// A pair with this tool, as a link's parts: this tool's id, the other's id, the other's name
/// and what it is (vendor and category).
type Other = (String, String, String, String);

/// The section; built once per tool shown.
#[component]
pub fn ToolCompare() -> impl IntoView {
    let view = expect_context::<ToolView>();
    let pair = expect_context::<Pair>();
    let own = Memo::new(move |_| view.with_tool(|t| (t.id.clone(), t.name.clone())).unwrap_or_default());
    let others = move |list: Vec<usize>| -> Vec<Other> {
        let own_id = own.with(|(id, _)| id.clone());
        view.catalog.with(|c| {
            list.into_iter()
                .filter_map(|t| c.tool(t))
                .map(|t| {
                    let what = match &t.vendor {
                        Some(v) => format!("{v} · {}", t.category),
                        None => t.category.clone(),
                    };
                    (own_id.clone(), t.id.clone(), t.name.clone(), what)
                })
                .collect()
        })
    };
    let featured = Memo::new(move |_| {
        let list =
            view.tool.get().map(|t| view.catalog.with(|c| featured_with(c, t).into_iter().map(|(_, o)| o).collect()));
        others(list.unwrap_or_default())
    });
    let alternatives = Memo::new(move |_| others(view.alternatives.get()));
    let pick = Callback::new(move |other: String| {
        let own_id = own.with_untracked(|(id, _)| id.clone());
        if other != own_id {
            pair.show_pair(&own_id, &other);
        }
    });
    let label = move |other: String| format!("{} vs {other}", own.with(|(_, name)| name.clone()));
    view! {
        <Section title="Compare with …" id="compare-with">
            <div class="pickers compare-picker">
                <ToolPicker side=Side::Second label="Compare with" id="compare-tool" on_pick=pick/>
            </div>
            {move || (!featured.with(Vec::is_empty)).then(|| view! {
                <nav class="featured" aria-label="Featured comparisons">
                    <span class="featured-label">"Featured:"</span>
                    <ul>
                        {featured.get().into_iter().map(|(a, b, name, _)| view! {
                            <li><PairLink a b>{label(name)}</PairLink></li>
                        }).collect_view()}
                    </ul>
                </nav>
            })}
            {move || (!alternatives.with(Vec::is_empty)).then(|| view! {
                <h3 class="alternatives-title" id="alternatives-title">"Alternatives"</h3>
                <ul class="alternatives" aria-labelledby="alternatives-title">
                    {alternatives.get().into_iter().map(|(a, b, name, what)| {
                        let shown = name.clone();
                        view! {
                        <li class="alternative">
                            <ToolLink id=b.clone() class="alternative-name">{shown.clone()}</ToolLink>
                            <span class="alternative-meta">{what}</span>
                            <PairLink a b>{label(name)}</PairLink>
                        </li>
                        }
                    }).collect_view()}
                </ul>
            })}
        </Section>
    }
}
