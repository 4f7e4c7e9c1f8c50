//! "The short answer": the verdict right under the heading, so the first screen holds it on a
//! phone too: which tool the panel favours, how many reviewers ship each, and the community's
//! figures, in words. The same for every role filter (the whole panel's verdict).

use leptos::prelude::*;

use crate::pair::{Pair, Side};
use crate::vote_store::VoteStore;
use verdicts_catalog::answer::short_answer;
use verdicts_catalog::bundle::figures::panel_share;

/// The answer on the pair shown.
#[component]
pub fn ShortAnswer() -> impl IntoView {
    let pair = expect_context::<Pair>();
    let votes = expect_context::<VoteStore>();
    let answer = Memo::new(move |_| {
        let (a, b) = pair.tools.get();
        let panel = pair.catalog.with(|c| (panel_share(c, a, |_| true), panel_share(c, b, |_| true)));
        let community = (votes.tally_on(pair, Side::First), votes.tally_on(pair, Side::Second));
        let names = (pair.name(Side::First), pair.name(Side::Second));
        short_answer((&names.0, &names.1), panel, community)
    });
    view! {
        <section class="answer" aria-label="The short answer">
            <p class="answer-panel">
                <strong>{move || answer.with(|a| a.verdict.clone())}</strong>
                {move || answer.with(|a| a.panel.clone())}
            </p>
            <p class="answer-community">{move || answer.with(|a| a.community.clone())}</p>
        </section>
    }
}
