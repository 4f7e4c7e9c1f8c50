//! "Estimate your monthly cost": a workload in tokens, typed or from a preset, and what it
//! costs with each tool at its per-token prices, with the arithmetic shown. The workload lives in
//! the URL alone (`in=50M&out=10M`): the fields show what the URL says and write to it, so a
//! shared link, a refresh, Back and Forward all show the same fields and estimate.

use leptos::prelude::*;

use crate::pair::Pair;
use crate::shown::PageView;
use verdicts_catalog::workload::{comparison, estimate, parse_tokens, Estimate, PRESETS};

/// One field: a label, the text as the URL holds it, and what is wrong with it, next to it.
fn field(
    id: &'static str,
    label: &'static str,
    text: Memo<String>,
    on_input: impl Fn(String) + 'static,
) -> impl IntoView {
    let error = move || text.with(|t| (!t.trim().is_empty()).then(|| parse_tokens(t).err()).flatten());
    let error_id = format!("{id}-error");
    view! {
        <div class="estimate-field">
            <label class="field-label" for=id>{label}</label>
            <input
                id=id
                class="text-input"
                type="text"
                inputmode="decimal"
                autocomplete="off"
                spellcheck="false"
                placeholder="e.g. 50M"
                aria-invalid=move || if error().is_some() { "true" } else { "false" }
                aria-describedby=error_id.clone()
                prop:value=move || text.get()
                on:input:target=move |ev| on_input(ev.target().value())
            />
            <p class="field-error" id=error_id>{error}</p>
        </div>
    }
}

/// The workload's two fields as the page's URL holds them (input, output tokens a month).
pub fn typed_workload<V: PageView>(page: V) -> (Memo<String>, Memo<String>) {
    let workload = page.workload();
    (
        Memo::new(move |_| workload.with(|w| w.0.clone().unwrap_or_default())),
        Memo::new(move |_| workload.with(|w| w.1.clone().unwrap_or_default())),
    )
}

/// The tokens a month, once both fields read (an empty field is none of that kind).
pub fn tokens_of(input: Memo<String>, output: Memo<String>) -> Memo<Option<(u64, u64)>> {
    Memo::new(move |_| {
        let read = |t: &str| if t.trim().is_empty() { Ok(0) } else { parse_tokens(t) };
        match (input.with(|t| read(t)), output.with(|t| read(t))) {
            (Ok(i), Ok(o)) if i + o > 0 => Some((i, o)),
            _ => None,
        }
    })
}

/// The calculator's heading, its two fields and the preset workloads, then `result`: what the
/// comparison and a tool's page share. Typing or a preset writes the page's URL.
pub fn calculator<V: PageView>(
    page: V,
    (input, output): (Memo<String>, Memo<String>),
    result: impl IntoView + 'static,
) -> impl IntoView {
    view! {
        <div class="estimate" role="group" aria-labelledby="estimate-title">
            <h3 class="estimate-title" id="estimate-title">"Estimate your monthly cost"</h3>
            <div class="estimate-fields">
                {field("tokens-in", "Input tokens per month", input, move |typed| {
                    page.set_workload(Some(typed), Some(output.get_untracked()))
                })}
                {field("tokens-out", "Output tokens per month", output, move |typed| {
                    page.set_workload(Some(input.get_untracked()), Some(typed))
                })}
            </div>
            <div class="presets" role="group" aria-label="Workloads">
                {PRESETS.iter().map(|preset| {
                    let label = format!("{}: {} in, {} out", preset.name, preset.input, preset.output);
                    view! {
                        <button
                            type="button"
                            class="chip"
                            on:click=move |_| {
                                page.set_workload(Some(preset.input.to_string()), Some(preset.output.to_string()))
                            }
                        >{label}</button>
                    }
                }).collect_view()}
            </div>
            {result}
        </div>
    }
}

/// The calculator, inside the Pricing section.
#[component]
pub fn CostCalculator() -> impl IntoView {
    let pair = expect_context::<Pair>();
    let typed = typed_workload(pair);
    let tokens = tokens_of(typed.0, typed.1);
    let estimates = Memo::new(move |_| {
        let (i, o) = tokens.get()?;
        let (a, b) = pair.tools.get();
        pair.catalog.with(|c| {
            let e = |t| c.tool(t).map(|tool| (tool.name.clone(), estimate(tool, i, o)));
            Some((e(a)?, e(b)?))
        })
    });
    let side = |(name, estimate): (String, Option<Estimate>)| {
        view! {
            <div class="side">
                <p class="side-name">{name}</p>
                {match estimate {
                    Some(e) => view! {
                        <p class="big-figure">{e.headline()}</p>
                        <p class="figure-detail">{e.arithmetic()}</p>
                    }.into_any(),
                    None => view! {
                        <p class="big-figure">"Not listed"</p>
                        <p class="figure-detail">"No per-token prices for this workload, so no estimate."</p>
                    }.into_any(),
                }}
            </div>
        }
    };
    let result = move || match estimates.get() {
        None => view! {
            <p class="estimate-hint">"Enter your tokens a month, or choose a workload above."</p>
        }
        .into_any(),
        Some((a, b)) => {
            let summary = comparison((&a.0, &b.0), (a.1.as_ref(), b.1.as_ref()));
            view! {
                <div class="duo">{side(a)}{side(b)}</div>
                <p class="summary" role="status">{summary}</p>
            }
            .into_any()
        }
    };
    calculator(pair, typed, result)
}
