//! "Reviewer split": each reviewer's verdict on both tools, and whether they agree.

use leptos::prelude::*;

use crate::bundle::figures::{reviewer_split, Agreement};
use crate::components::section::Section;
use crate::components::verdict_badge::VerdictBadge;
use crate::pair::Pair;

/// One row per reviewer role that the filter shows.
#[component]
pub fn ReviewerSplit() -> impl IntoView {
    let pair = expect_context::<Pair>();
    let content = move || {
        let (a, b, on) = pair.view.with(|v| (v.first, v.second, v.role_on.clone()));
        pair.catalog.with_value(|c| {
            let (ta, tb) = (c.tool(a)?, c.tool(b)?);
            let rows = reviewer_split(c, a, b, |r| on.get(r).copied().unwrap_or(false));
            if rows.is_empty() {
                return Some(view! { <p class="empty">"No reviewer roles are selected."</p> }.into_any());
            }
            let splits = rows.iter().filter(|r| r.agreement == Agreement::Split).count();
            let agree = rows.iter().filter(|r| matches!(r.agreement, Agreement::Agree(_))).count();
            let summary = format!(
                "{agree} of {} reviewers give both the same verdict; {splits} split.",
                rows.len()
            );
            Some(view! {
                <div class="table-wrap">
                    <table class="compare-table split-table">
                        <caption class="sr-only">{format!("Each reviewer's verdict on {} and {}", ta.name, tb.name)}</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Reviewer"</th>
                                <th scope="col">{ta.name.clone()}</th>
                                <th scope="col">{tb.name.clone()}</th>
                                <th scope="col">"Agreement"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {rows.into_iter().map(|row| {
                                let label = c.roles().get(row.role).map(|r| r.label.clone()).unwrap_or_default();
                                let class = match row.agreement {
                                    Agreement::Split => "agreement agreement--split",
                                    _ => "agreement",
                                };
                                view! {
                                    <tr>
                                        <th scope="row">{label}</th>
                                        <td><VerdictBadge verdict=row.first/></td>
                                        <td><VerdictBadge verdict=row.second/></td>
                                        <td><span class=class>{row.agreement.label()}</span></td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <p class="summary">{summary}</p>
            }.into_any())
        })
    };
    view! { <Section title="Reviewer split" id="reviewer-split">{content}</Section> }
}
