//! "Community vote": each tool's community ship share with its number of votes, and the
//! visitor's own Ship / Skip vote on each.

use leptos::prelude::*;

use crate::components::section::Section;
use crate::pair::{Pair, Side};
use crate::vote_store::{Keeping, Standing, VoteStore};
use verdicts_catalog::bundle::figures::{panel_share, panel_vs_community};
use verdicts_catalog::bundle::Verdict;

/// One tool's figure and vote buttons.
#[component]
fn VoteSide(
    /// Which side's tool.
    side: Side,
) -> impl IntoView {
    let pair = expect_context::<Pair>();
    let votes = expect_context::<VoteStore>();
    let tool = Memo::new(move |_| pair.with_tool(side, |t| (t.id.clone(), t.name.clone())).unwrap_or_default());
    let figures = Signal::derive(move || {
        let t = votes.tally_on(pair, side)?;
        let panel = pair.catalog.with(|c| panel_share(c, pair.tool_index(side), |_| true));
        Some((t.display(), panel_vs_community(panel, t)))
    });
    vote_side(tool, figures)
}

/// What a tool's community figures read: the figure and its words, and how far the panel and
/// the community disagree, when they do.
pub type VoteFigures = Option<((String, String), Option<&'static str>)>;

/// One tool's community figure, its vote buttons and the visitor's own vote in words: `tool` is
/// its id and name.
pub fn vote_side(tool: Memo<(String, String)>, figures: Signal<VoteFigures>) -> impl IntoView {
    let votes = expect_context::<VoteStore>();
    let own = move || tool.with(|(id, _)| votes.vote(id));
    let standing = move || tool.with(|(id, _)| votes.standing(id));
    let held = move || tool.with(|(id, _)| votes.held_for_review(id));
    let button = move |verdict: Verdict| {
        view! {
            <button
                type="button"
                class=format!("vote vote--{}", verdict.as_str())
                data-replay=move || tool.with(|(id, _)| crate::takeover::vote_key(id, verdict.as_str()))
                aria-pressed=move || if own() == Some(verdict) { "true" } else { "false" }
                on:click=move |_| tool.with_untracked(|(id, _)| votes.click(id, verdict))
            >
                <span aria-hidden="true">{if verdict == Verdict::Ship { "✓ " } else { "✕ " }}</span>
                {verdict.label()}
                <span class="sr-only">{move || format!(" {}", tool.with(|(_, name)| name.clone()))}</span>
            </button>
        }
    };
    view! {
        <div class="side">
            <p class="side-name">{move || tool.with(|(_, name)| name.clone())}</p>
            {move || figures.get().map(|((figure, words), contrast)| view! {
                <p class="big-figure">{figure}</p>
                <p class="figure-detail">{words}</p>
                {contrast.map(|text| view! { <p class="contrast">{text}</p> })}
            })}
            {move || (held() > 0).then(|| view! {
                <p class="figure-detail held">{held_words(held())}</p>
            })}
            <div class="vote-buttons" role="group" aria-label=move || format!("Would you ship {}?", tool.with(|(_, n)| n.clone()))>
                {button(Verdict::Ship)}
                {button(Verdict::Skip)}
            </div>
            <p class="own-vote" aria-live="polite">
                {move || match (own(), standing()) {
                    (Some(v), Standing::NotCounted) => format!(
                        "Your vote: {}. It is kept on this device but not counted today: this tool has had its share of votes from your network today.",
                        v.label()
                    ),
                    (Some(v), Standing::Held) => format!(
                        "Your vote: {}. It is kept, and counted once reviewed: this tool is getting unusually many votes right now.",
                        v.label()
                    ),
                    (Some(v), Standing::Counted) => format!("Your vote: {}. Press it again to take it back.", v.label()),
                    (None, _) => "Would you ship it? Your vote counts here.".to_string(),
                }}
            </p>
        </div>
    }
}

/// Votes held back for review, in words.
fn held_words(n: u64) -> String {
    let votes = if n == 1 { "1 more vote is".to_string() } else { format!("{n} more votes are") };
    format!("{votes} held for review: an unusual burst, not counted yet.")
}

/// The community's side of the comparison.
#[component]
pub fn CommunityVote() -> impl IntoView {
    let votes = expect_context::<VoteStore>();
    let note = move || vote_note(votes);
    view! {
        <Section title="Community vote" id="community-vote">
            <div class="duo"><VoteSide side=Side::First/><VoteSide side=Side::Second/></div>
            <p class="vote-note" role="status">{note}</p>
        </Section>
    }
}

/// What the visitor should know about their votes on this device, if anything.
pub fn vote_note(votes: VoteStore) -> Option<&'static str> {
    if votes.keeping() == Keeping::ThisVisitOnly {
        Some("This browser is not letting us store anything, so your votes count for this visit but will not be remembered.")
    } else if votes.report_failed() {
        Some("Saved on this device only: your vote could not be sent just now.")
    } else {
        None
    }
}
