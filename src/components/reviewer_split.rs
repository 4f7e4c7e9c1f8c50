//! "Reviewer split": each reviewer's verdict on both tools, and whether they agree.

use leptos::prelude::*;

use crate::components::section::Section;
use crate::components::verdict_badge::VerdictBadge;
use crate::pair::{Pair, Side};
use verdicts_catalog::bundle::figures::{reviewer_split, Agreement, SplitRow};

/// One reviewer's row: their verdict on each tool and whether they agree. Built once per role
/// shown; its verdicts follow the pair in place.
fn row(pair: Pair, rows: Memo<Vec<SplitRow>>, r: usize) -> impl IntoView {
    let this = move || rows.with(|rows| rows.iter().find(|x| x.role == r).copied());
    let label = pair.catalog.with(|c| c.roles().get(r).map(|r| r.label.clone()).unwrap_or_default());
    let badge = move |side: Side| {
        Signal::derive(move || {
            this().and_then(|x| match side {
                Side::First => x.first,
                Side::Second => x.second,
            })
        })
    };
    let agreement = move || this().map(|x| x.agreement).unwrap_or(Agreement::Incomplete);
    view! {
        <tr>
            <th scope="row">{label}</th>
            <td><VerdictBadge verdict=badge(Side::First)/></td>
            <td><VerdictBadge verdict=badge(Side::Second)/></td>
            <td>
                <span class=move || match agreement() {
                    Agreement::Split => "agreement agreement--split",
                    _ => "agreement",
                }>{move || agreement().label()}</span>
            </td>
        </tr>
    }
}

/// One row per reviewer role that the filter shows, keyed by role: turning a role on or off adds
/// or removes its row and leaves the others as they are.
#[component]
pub fn ReviewerSplit() -> impl IntoView {
    let pair = expect_context::<Pair>();
    let rows = Memo::new(move |_| {
        let (a, b) = pair.tools.get();
        pair.roles_on.with(|on| pair.catalog.with(|c| reviewer_split(c, a, b, |r| on.get(r).copied().unwrap_or(false))))
    });
    let summary = move || {
        rows.with(|rows| {
            let splits = rows.iter().filter(|r| r.agreement == Agreement::Split).count();
            let agree = rows.iter().filter(|r| matches!(r.agreement, Agreement::Agree(_))).count();
            format!("{agree} of {} reviewers give both the same verdict; {splits} split.", rows.len())
        })
    };
    let has_rows = Memo::new(move |_| !rows.with(Vec::is_empty));
    // Built when the first row is; the names and rows follow the pair in place.
    let name = move |side| pair.text(side, |t| t.name.clone());
    let table = move || {
        has_rows.get().then(|| {
            view! {
                <div class="table-wrap">
                    <table class="compare-table split-table">
                        <caption class="sr-only">
                            {move || format!("Each reviewer's verdict on {} and {}", pair.name(Side::First), pair.name(Side::Second))}
                        </caption>
                        <thead>
                            <tr>
                                <th scope="col">"Reviewer"</th>
                                <th scope="col">{name(Side::First)}</th>
                                <th scope="col">{name(Side::Second)}</th>
                                <th scope="col">"Agreement"</th>
                            </tr>
                        </thead>
                        <tbody>
                            <For
                                each=move || rows.with(|rows| rows.iter().map(|r| r.role).collect::<Vec<_>>())
                                key=|r| *r
                                children=move |r| row(pair, rows, r)
                            />
                        </tbody>
                    </table>
                </div>
            }
        })
    };
    view! {
        <Section title="Reviewer split" id="reviewer-split">
            {table}
            {move || if !has_rows.get() {
                view! { <p class="empty">"No reviewer roles are selected."</p> }.into_any()
            } else {
                view! { <p class="summary">{summary}</p> }.into_any()
            }}
        </Section>
    }
}
