//! "Panel verdict": each tool's ship share and which one the panel favours.

use leptos::prelude::*;

use crate::components::section::Section;
use crate::pair::{Pair, Side};
use verdicts_catalog::bundle::figures::{favour, panel_share, Favour, PanelShare};

fn summary(names: (&str, &str), shares: (PanelShare, PanelShare)) -> String {
    let pct = |s: PanelShare| s.percent().map(|p| format!("{p}%")).unwrap_or_default();
    match favour(shares.0, shares.1) {
        Favour::First => format!("The panel favours {}: {} ship against {}.", names.0, pct(shares.0), pct(shares.1)),
        Favour::Second => format!("The panel favours {}: {} ship against {}.", names.1, pct(shares.1), pct(shares.0)),
        Favour::Tie => format!("A tie: the panel rates both {} ship.", pct(shares.0)),
        Favour::Unknown => "The panel has not reviewed both tools yet, so there is no verdict between them.".into(),
    }
}

/// One side's share; built once, its text follows the pair.
fn side(pair: Pair, side: Side, shares: Signal<(PanelShare, PanelShare)>) -> impl IntoView {
    let share = move || {
        let (a, b) = shares.get();
        match side {
            Side::First => a,
            Side::Second => b,
        }
    };
    let pct = move || share().percent();
    view! {
        <div class="side">
            <p class="side-name">{pair.text(side, |t| t.name.clone())}</p>
            <p class="big-figure">{move || pct().map(|p| format!("{p}%")).unwrap_or_else(|| "—".into())}</p>
            <p class="figure-detail">
                {move || {
                    let s = share();
                    if s.total == 0 { "No panel reviews yet".to_string() } else { format!("{} reviewers say ship", s.of_text()) }
                }}
            </p>
            // No inline style: the strict CSP (style-src 'self') forbids it.
            <progress class="bar" max="100" value=move || pct().unwrap_or(0) aria-hidden="true"></progress>
        </div>
    }
}

/// The panel's verdict on the pair.
#[component]
pub fn PanelVerdict() -> impl IntoView {
    let pair = expect_context::<Pair>();
    let shares = Signal::derive(move || {
        let (a, b) = pair.tools.get();
        pair.catalog.with(|c| (panel_share(c, a, |_| true), panel_share(c, b, |_| true)))
    });
    let verdict = move || {
        let names = (pair.name(Side::First), pair.name(Side::Second));
        summary((&names.0, &names.1), shares.get())
    };
    view! {
        <Section title="Panel verdict" id="panel-verdict">
            <div class="duo">
                {side(pair, Side::First, shares)}
                {side(pair, Side::Second, shares)}
            </div>
            <p class="summary">{verdict}</p>
        </Section>
    }
}
