//! "Pricing": entry level and the structured prices aligned unit by unit, free text under.

use leptos::prelude::*;

use crate::components::cost_calculator::CostCalculator;
use crate::components::section::Section;
use crate::pair::{Pair, Side};
use verdicts_catalog::bundle::figures::price_rows;
use verdicts_catalog::money::format_money;

/// One side's pricing notes.
fn notes(pair: Pair, side: Side) -> impl IntoView {
    view! {
        <div class="side">
            <p class="side-name">{pair.text(side, |t| t.name.clone())}</p>
            <p>{pair.text(side, |t| t.pricing.notes.clone().unwrap_or_else(|| "No pricing notes.".into()))}</p>
        </div>
    }
}

/// The pricing read of the pair: built once, its text and price rows follow the pair.
#[component]
pub fn Pricing() -> impl IntoView {
    let pair = expect_context::<Pair>();
    let name = move |side| pair.text(side, |t| t.name.clone());
    let entry = move |side| pair.text(side, |t| t.entry.label().to_string());
    let caption = move || format!("Pricing of {} and {}", pair.name(Side::First), pair.name(Side::Second));
    let rows = move || {
        let (a, b) = pair.tools.get();
        let money = |p: &Option<verdicts_catalog::bundle::Price>| {
            p.as_ref().map(|p| format_money(p.amount, &p.currency)).unwrap_or_else(|| "Not listed".into())
        };
        pair.catalog.with(|c| {
            let (ta, tb) = (c.tool(a)?, c.tool(b)?);
            let rows = price_rows(&ta.pricing.prices, &tb.pricing.prices);
            Some(
                rows.into_iter()
                    .map(|row| {
                        view! {
                            <tr>
                                <th scope="row">"Per " {row.unit.clone()}</th>
                                <td class="money">{money(&row.first)}</td>
                                <td class="money">{money(&row.second)}</td>
                            </tr>
                        }
                    })
                    .collect_view(),
            )
        })
    };
    view! {
        <Section title="Pricing" id="pricing">
            <div class="table-wrap">
                <table class="compare-table">
                    <caption class="sr-only">{caption}</caption>
                    <thead>
                        <tr><td></td><th scope="col">{name(Side::First)}</th><th scope="col">{name(Side::Second)}</th></tr>
                    </thead>
                    <tbody>
                        <tr>
                            <th scope="row">"Entry"</th>
                            <td>{entry(Side::First)}</td>
                            <td>{entry(Side::Second)}</td>
                        </tr>
                        {rows}
                    </tbody>
                </table>
            </div>
            <div class="duo notes">{notes(pair, Side::First)}{notes(pair, Side::Second)}</div>
            <CostCalculator/>
        </Section>
    }
}
