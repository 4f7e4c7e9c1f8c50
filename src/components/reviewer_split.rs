//! "Reviewer split": each reviewer's verdict on both tools, and whether they agree.

use leptos::prelude::*;

use crate::bundle::figures::{reviewer_split, Agreement};
use crate::components::section::Section;
use crate::components::verdict_badge::VerdictBadge;
use crate::pair::Pair;

/// One reviewer's row: their verdict on each tool and whether they agree.
fn row(pair: Pair, a: usize, b: usize, r: usize) -> impl IntoView {
    pair.catalog.with_value(|c| {
        let row = reviewer_split(c, a, b, |x| x == r).into_iter().next()?;
        let label = c.roles().get(row.role).map(|r| r.label.clone()).unwrap_or_default();
        let class = match row.agreement {
            Agreement::Split => "agreement agreement--split",
            _ => "agreement",
        };
        Some(view! {
            <tr>
                <th scope="row">{label}</th>
                <td><VerdictBadge verdict=row.first/></td>
                <td><VerdictBadge verdict=row.second/></td>
                <td><span class=class>{row.agreement.label()}</span></td>
            </tr>
        })
    })
}

/// One row per reviewer role that the filter shows, keyed by role: turning a role on or off adds
/// or removes its row and leaves the others as they are.
#[component]
pub fn ReviewerSplit() -> impl IntoView {
    let pair = expect_context::<Pair>();
    let rows = Memo::new(move |_| {
        let (a, b) = pair.tools.get();
        pair.roles_on
            .with(|on| pair.catalog.with_value(|c| reviewer_split(c, a, b, |r| on.get(r).copied().unwrap_or(false))))
    });
    let summary = move || {
        rows.with(|rows| {
            let splits = rows.iter().filter(|r| r.agreement == Agreement::Split).count();
            let agree = rows.iter().filter(|r| matches!(r.agreement, Agreement::Agree(_))).count();
            format!("{agree} of {} reviewers give both the same verdict; {splits} split.", rows.len())
        })
    };
    let has_rows = Memo::new(move |_| !rows.with(Vec::is_empty));
    let table = move || {
        if !has_rows.get() {
            return None;
        }
        let (a, b) = pair.tools.get();
        let names = pair.catalog.with_value(|c| {
            let name = |i| c.tool(i).map(|t| t.name.clone()).unwrap_or_default();
            (name(a), name(b))
        });
        Some(view! {
            <div class="table-wrap">
                <table class="compare-table split-table">
                    <caption class="sr-only">{format!("Each reviewer's verdict on {} and {}", names.0, names.1)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Reviewer"</th>
                            <th scope="col">{names.0.clone()}</th>
                            <th scope="col">{names.1.clone()}</th>
                            <th scope="col">"Agreement"</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For
                            each=move || rows.with(|rows| rows.iter().map(|r| r.role).collect::<Vec<_>>())
                            key=|r| *r
                            children=move |r| row(pair, a, b, r)
                        />
                    </tbody>
                </table>
            </div>
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
