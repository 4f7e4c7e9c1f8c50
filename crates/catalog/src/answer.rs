//! The answer a comparison leads with, in words: which tool the panel favours, how many
//! reviewers ship each, and what the community says. Short enough for a phone's first screen,
//! and never colour alone. Built from the figures of [`crate::bundle::figures`].

use crate::bundle::figures::{favour, plural, CommunityTally, Favour, PanelShare};

/// The short answer on a pair: the panel's verdict (shown strong), its figures, and the
/// community's.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Answer {
    /// "The panel favours X", "A tie on the panel", "No panel verdict yet".
    pub verdict: String,
    /// What follows the verdict: ": 4 of 4 reviewers ship it, 3 of 4 ship Y."
    pub panel: String,
    /// "Community: 62% ship X (120 votes), no votes on Y yet."
    pub community: String,
}

/// The short answer on `names.0` beside `names.1`, from their panel shares and community
/// tallies (`None` when a tool's tally is not known).
pub fn short_answer(
    names: (&str, &str),
    panel: (PanelShare, PanelShare),
    community: (Option<CommunityTally>, Option<CommunityTally>),
) -> Answer {
    let (verdict, figures) = match favour(panel.0, panel.1) {
        Favour::First => (format!("The panel favours {}", names.0), favoured(panel.0, panel.1, names.1)),
        Favour::Second => (format!("The panel favours {}", names.1), favoured(panel.1, panel.0, names.0)),
        Favour::Tie if panel.0 == panel.1 => {
            ("A tie on the panel".to_string(), format!("{} ship each", reviewers(panel.0)))
        }
        Favour::Tie => ("A tie on the panel".to_string(), both(panel, names)),
        Favour::Unknown => ("No panel verdict yet".to_string(), unreviewed(panel, names)),
    };
    Answer { verdict, panel: format!(": {figures}."), community: community_words(names, community) }
}

/// "4 of 4 reviewers", "1 of 1 reviewer".
fn reviewers(share: PanelShare) -> String {
    format!("{} of {}", share.ship, plural(share.total as u64, "reviewer", "reviewers"))
}

/// "ships" after "1 of 1", "ship" after "3 of 4".
fn ship_verb(share: PanelShare) -> &'static str {
    if share.total == 1 {
        "ships"
    } else {
        "ship"
    }
}

/// "4 of 4 reviewers ship it, 3 of 4 ship Y": the favoured tool first.
fn favoured(winner: PanelShare, other: PanelShare, other_name: &str) -> String {
    format!("{} {} it, {} {} {other_name}", reviewers(winner), ship_verb(winner), other.of_text(), ship_verb(other))
}

/// "2 of 4 reviewers ship X, 1 of 2 ship Y".
fn both(panel: (PanelShare, PanelShare), names: (&str, &str)) -> String {
    format!(
        "{} {} {}, {} {} {}",
        reviewers(panel.0),
        ship_verb(panel.0),
        names.0,
        panel.1.of_text(),
        ship_verb(panel.1),
        names.1
    )
}

/// When one tool or both have no panel reviews.
fn unreviewed(panel: (PanelShare, PanelShare), names: (&str, &str)) -> String {
    match (panel.0.total, panel.1.total) {
        (0, 0) => "the panel has reviewed neither tool".to_string(),
        (_, 0) => {
            format!("{} {} {}; {} has no panel reviews", reviewers(panel.0), ship_verb(panel.0), names.0, names.1)
        }
        _ => format!("{} {} {}; {} has no panel reviews", reviewers(panel.1), ship_verb(panel.1), names.1, names.0),
    }
}

/// "Community: 62% ship X (120 votes), 9 votes on Y, too few to score."
fn community_words(names: (&str, &str), community: (Option<CommunityTally>, Option<CommunityTally>)) -> String {
    let total = |t: Option<CommunityTally>| t.map_or(0, CommunityTally::total);
    if total(community.0) == 0 && total(community.1) == 0 {
        return "Community: no votes yet.".to_string();
    }
    let side = |tally: Option<CommunityTally>, name: &str| match tally {
        Some(t) if t.total() == 0 => format!("no votes on {name} yet"),
        Some(t) => match t.percent() {
            Some(p) => format!("{p}% ship {name} ({})", t.votes_text()),
            None => format!("{} on {name}, too few to score", t.votes_text()),
        },
        None => format!("no votes on {name} yet"),
    };
    format!("Community: {}, {}.", side(community.0, names.0), side(community.1, names.1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn share(ship: u32, total: u32) -> PanelShare {
        PanelShare { ship, total }
    }

    fn tally(ship: u64, skip: u64) -> Option<CommunityTally> {
        Some(CommunityTally { ship, skip, min_votes: 10 })
    }

    fn words(answer: &Answer) -> String {
        format!("{}{} {}", answer.verdict, answer.panel, answer.community)
    }

    #[test]
    fn the_favoured_tool_comes_first_with_both_shares_in_words() {
        let names = ("Mistral", "OpenAI o4");
        let none = (tally(0, 0), tally(0, 0));
        assert_eq!(
            words(&short_answer(names, (share(4, 4), share(3, 4)), none)),
            "The panel favours Mistral: 4 of 4 reviewers ship it, 3 of 4 ship OpenAI o4. Community: no votes yet."
        );
        assert_eq!(
            words(&short_answer(names, (share(1, 4), share(1, 1)), none)),
            "The panel favours OpenAI o4: 1 of 1 reviewer ships it, 1 of 4 ship Mistral. Community: no votes yet."
        );
    }

    #[test]
    fn ties_and_missing_reviews_say_so() {
        let names = ("A", "B");
        let none = (None, None);
        assert_eq!(
            words(&short_answer(names, (share(3, 4), share(3, 4)), none)),
            "A tie on the panel: 3 of 4 reviewers ship each. Community: no votes yet."
        );
        assert_eq!(
            words(&short_answer(names, (share(2, 4), share(1, 2)), none)),
            "A tie on the panel: 2 of 4 reviewers ship A, 1 of 2 ship B. Community: no votes yet."
        );
        assert_eq!(
            words(&short_answer(names, (share(0, 0), share(1, 1)), none)),
            "No panel verdict yet: 1 of 1 reviewer ships B; A has no panel reviews. Community: no votes yet."
        );
        assert_eq!(
            words(&short_answer(names, (share(0, 0), share(0, 0)), none)),
            "No panel verdict yet: the panel has reviewed neither tool. Community: no votes yet."
        );
    }

    #[test]
    fn the_community_is_scored_only_with_enough_votes() {
        let answer = short_answer(("A", "B"), (share(4, 4), share(3, 4)), (tally(75, 45), tally(5, 4)));
        assert_eq!(answer.community, "Community: 63% ship A (120 votes), 9 votes on B, too few to score.");
        let answer = short_answer(("A", "B"), (share(4, 4), share(3, 4)), (tally(0, 0), tally(1, 0)));
        assert_eq!(answer.community, "Community: no votes on A yet, 1 vote on B, too few to score.");
    }
}
