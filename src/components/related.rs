//! "Related comparisons": other comparisons with either tool, each a [`PairLink`].

use leptos::prelude::*;

use crate::components::pair_link::PairLink;
use crate::components::section::Section;
use crate::pair::Pair;
use verdicts_catalog::pages::{canonical_order, related};

/// Up to six links; nothing when the catalogue has nothing related.
#[component]
pub fn Related() -> impl IntoView {
    let pair = expect_context::<Pair>();
    let links = Memo::new(move |_| {
        let (a, b) = pair.tools.get();
        pair.catalog.with(|c| {
            related(c, a, b, verdicts_catalog::pages::RELATED_LIMIT)
                .into_iter()
                .filter_map(|(x, y)| {
                    // Named in the pair's canonical order: the link is its folder, with no order in the query.
                    let (x, y) = canonical_order(c, x, y);
                    let (x, y) = (c.tool(x)?, c.tool(y)?);
                    Some((x.id.clone(), y.id.clone(), format!("{} vs {}", x.name, y.name)))
                })
                .collect::<Vec<_>>()
        })
    });
    // The section stays through a pair switch; only its links are written again.
    let any = Memo::new(move |_| !links.with(Vec::is_empty));
    move || {
        any.get().then(|| {
            view! {
                <Section title="Related comparisons" id="related">
                    <ul class="related-list">
                        {move || links.get().into_iter().map(|(a, b, label)| view! { <li><PairLink a b>{label}</PairLink></li> }).collect_view()}
                    </ul>
                </Section>
            }
        })
    }
}
