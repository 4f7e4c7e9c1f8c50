//! "Pricing": entry level and the structured prices aligned unit by unit, free text under.

use leptos::prelude::*;

use crate::bundle::figures::price_rows;
use crate::components::cost_calculator::CostCalculator;
use crate::components::section::Section;
use crate::money::format_money;
use crate::pair::Pair;

/// The pricing read of the pair.
#[component]
pub fn Pricing() -> impl IntoView {
    let pair = expect_context::<Pair>();
    let content = move || {
        let (a, b) = pair.tools.get();
        pair.catalog.with_value(|c| {
            let (ta, tb) = (c.tool(a)?, c.tool(b)?);
            let money = |p: &Option<crate::bundle::Price>| {
                p.as_ref().map(|p| format_money(p.amount, &p.currency)).unwrap_or_else(|| "Not listed".into())
            };
            let rows = price_rows(&ta.pricing.prices, &tb.pricing.prices);
            let notes = [(ta.name.clone(), ta.pricing.notes.clone()), (tb.name.clone(), tb.pricing.notes.clone())];
            Some(view! {
                <div class="table-wrap">
                    <table class="compare-table">
                        <caption class="sr-only">{format!("Pricing of {} and {}", ta.name, tb.name)}</caption>
                        <thead>
                            <tr><td></td><th scope="col">{ta.name.clone()}</th><th scope="col">{tb.name.clone()}</th></tr>
                        </thead>
                        <tbody>
                            <tr>
                                <th scope="row">"Entry"</th>
                                <td>{ta.entry.label()}</td>
                                <td>{tb.entry.label()}</td>
                            </tr>
                            {rows.into_iter().map(|row| view! {
                                <tr>
                                    <th scope="row">"Per " {row.unit.clone()}</th>
                                    <td class="money">{money(&row.first)}</td>
                                    <td class="money">{money(&row.second)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <div class="duo notes">
                    {notes.into_iter().map(|(name, note)| view! {
                        <div class="side">
                            <p class="side-name">{name}</p>
                            <p>{note.unwrap_or_else(|| "No pricing notes.".into())}</p>
                        </div>
                    }).collect_view()}
                </div>
            })
        })
    };
    view! { <Section title="Pricing" id="pricing">{content}<CostCalculator/></Section> }
}
