//! "Panel verdict": each tool's ship share and which one the panel favours.

use leptos::prelude::*;

use crate::bundle::figures::{favour, panel_share, Favour, PanelShare};
use crate::components::section::Section;
use crate::pair::Pair;

fn summary(names: (&str, &str), shares: (PanelShare, PanelShare)) -> String {
    let pct = |s: PanelShare| s.percent().map(|p| format!("{p}%")).unwrap_or_default();
    match favour(shares.0, shares.1) {
        Favour::First => format!("The panel favours {}: {} ship against {}.", names.0, pct(shares.0), pct(shares.1)),
        Favour::Second => format!("The panel favours {}: {} ship against {}.", names.1, pct(shares.1), pct(shares.0)),
        Favour::Tie => format!("A tie: the panel rates both {} ship.", pct(shares.0)),
        Favour::Unknown => "The panel has not reviewed both tools yet, so there is no verdict between them.".into(),
    }
}

/// The panel's verdict on the pair.
#[component]
pub fn PanelVerdict() -> impl IntoView {
    let pair = expect_context::<Pair>();
    let content = move || {
        let (a, b) = pair.tools.get();
        pair.catalog.with_value(|c| {
            let (ta, tb) = (c.tool(a)?, c.tool(b)?);
            let shares = (panel_share(c, a, |_| true), panel_share(c, b, |_| true));
            let side = |name: String, s: PanelShare| {
                let pct = s.percent();
                view! {
                    <div class="side">
                        <p class="side-name">{name}</p>
                        <p class="big-figure">{pct.map(|p| format!("{p}%")).unwrap_or_else(|| "—".into())}</p>
                        <p class="figure-detail">
                            {if s.total == 0 { "No panel reviews yet".to_string() } else { format!("{} reviewers say ship", s.of_text()) }}
                        </p>
                        // No inline style: the strict CSP (style-src 'self') forbids it.
                        <progress class="bar" max="100" value=pct.unwrap_or(0) aria-hidden="true"></progress>
                    </div>
                }
            };
            Some(view! {
                <div class="duo">{side(ta.name.clone(), shares.0)}{side(tb.name.clone(), shares.1)}</div>
                <p class="summary">{summary((&ta.name, &tb.name), shares)}</p>
            })
        })
    };
    view! { <Section title="Panel verdict" id="panel-verdict">{content}</Section> }
}
