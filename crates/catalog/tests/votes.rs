//! The visitor's own votes: clicks, stored values (validated, never trusted), reports, and the
//! honest community figure with the visitor's vote in it.

use verdicts_catalog::bundle::figures::CommunityTally;
use verdicts_catalog::bundle::{Verdict, Votes};
use verdicts_catalog::votes::*;

const SHIP: Verdict = Verdict::Ship;
const SKIP: Verdict = Verdict::Skip;

fn known(tool: &str) -> bool {
    ["alpha", "beta"].contains(&tool)
}

#[test]
fn a_click_votes_changes_or_takes_back() {
    assert_eq!(next_vote(None, SHIP), Some(SHIP));
    assert_eq!(next_vote(Some(SHIP), SKIP), Some(SKIP));
    assert_eq!(next_vote(Some(SKIP), SKIP), None);
}

#[test]
fn stored_votes_round_trip_beside_other_bundles() {
    let mut mine = OwnVotes::new();
    mine.insert("alpha".into(), SHIP);
    mine.insert("beta".into(), SKIP);
    let text = write_stored(Some(r#"{"other":{"x":"ship"}}"#), "mine", &mine);
    assert_eq!(read_stored(Some(&text), "mine", known), StoredVotes { votes: mine.clone(), discarded: false });
    assert_eq!(read_stored(Some(&text), "other", |_| true).votes.len(), 1, "other bundles' votes are kept");
    let cleared = write_stored(Some(&text), "mine", &OwnVotes::new());
    assert_eq!(read_stored(Some(&cleared), "mine", known), StoredVotes::default());
}

#[test]
fn bad_stored_values_are_discarded_never_trusted() {
    for text in ["{", "[1,2]", "null", "\"ship\"", r#"{"mine": ["alpha"]}"#, r#"{"mine": "ship"}"#] {
        let read = read_stored(Some(text), "mine", known);
        assert!(read.votes.is_empty(), "{text}");
        assert!(read.discarded, "{text}");
    }
    let read =
        read_stored(Some(r#"{"mine": {"alpha": "ship", "beta": 5, "ghost": "skip", "zeta": "maybe"}}"#), "mine", known);
    assert_eq!(read.votes.into_iter().collect::<Vec<_>>(), vec![("alpha".to_string(), SHIP)]);
    assert!(read.discarded);
    let huge = format!(r#"{{"mine": {{"alpha": "ship", "pad": "{}"}}}}"#, "x".repeat(MAX_STORED_BYTES));
    assert!(read_stored(Some(&huge), "mine", known).votes.is_empty());
    assert_eq!(read_stored(None, "mine", known), StoredVotes::default());
    // A broken old value is replaced by a good one on the next write.
    let mut mine = OwnVotes::new();
    mine.insert("alpha".into(), SKIP);
    let text = write_stored(Some("{not json"), "mine", &mine);
    assert_eq!(read_stored(Some(&text), "mine", known).votes, mine);
}

#[test]
fn the_collector_gets_the_current_vote_with_the_voter_and_never_a_no_op() {
    let v = vote_to_send("b", "alpha", "voter-0123456789ab", None, Some(SHIP)).expect("a change");
    assert_eq!(
        serde_json::to_string(&v).unwrap_or_default(),
        r#"{"bundle":"b","tool":"alpha","voter":"voter-0123456789ab","verdict":"ship"}"#
    );
    let v = vote_to_send("b", "alpha", "voter-0123456789ab", Some(SHIP), None).expect("an undo");
    assert_eq!(
        serde_json::to_string(&v).unwrap_or_default(),
        r#"{"bundle":"b","tool":"alpha","voter":"voter-0123456789ab","verdict":null}"#
    );
    assert_eq!(vote_to_send("b", "alpha", "voter-0123456789ab", Some(SKIP), Some(SKIP)), None);
}

#[test]
fn live_tallies_count_the_visitors_own_vote_once() {
    use verdicts_catalog::vote_protocol::Counts;
    let bundle = Votes { ship: 4, skip: 1 };
    let live = Counts { ship: 3, skip: 2 };
    // Not voted: the bundle's counts plus the live ones.
    assert_eq!(CommunityTally::live(bundle, live, None, None, 10).total(), 10);
    // A vote the collector acknowledged is in the live counts already.
    let t = CommunityTally::live(bundle, live, Some(SHIP), Some(SHIP), 10);
    assert_eq!((t.ship, t.skip), (7, 3));
    // A vote not yet acknowledged shows as the visitor's own.
    let t = CommunityTally::live(bundle, live, None, Some(SKIP), 10);
    assert_eq!((t.ship, t.skip), (7, 4));
    // Changed since: the acknowledged one is replaced; taken back: it is gone.
    let t = CommunityTally::live(bundle, live, Some(SHIP), Some(SKIP), 10);
    assert_eq!((t.ship, t.skip), (6, 4));
    let t = CommunityTally::live(bundle, live, Some(SHIP), None, 10);
    assert_eq!((t.ship, t.skip), (6, 3));
    // Counts that disagree never go below zero.
    let t = CommunityTally::live(Votes::default(), Counts::default(), Some(SHIP), None, 10);
    assert_eq!((t.ship, t.skip), (0, 0));
}

#[test]
fn the_community_figure_is_honest_about_its_sample() {
    let bundle = Votes { ship: 6, skip: 3 };
    let (figure, words) = CommunityTally::new(bundle, None, 10).display();
    assert_eq!((figure.as_str(), words.as_str()), ("—", "9 votes · too few votes to score"));
    let (figure, words) = CommunityTally::new(bundle, Some(SHIP), 10).display();
    assert_eq!((figure.as_str(), words.as_str()), ("70%", "70% ship · 10 votes"));
    let (figure, words) = CommunityTally::new(Votes::default(), None, 10).display();
    assert_eq!((figure.as_str(), words.as_str()), ("—", "No votes yet"));
    let (_, words) = CommunityTally::new(Votes::default(), Some(SKIP), 10).display();
    assert_eq!(words, "1 vote · too few votes to score");
}

#[test]
fn strong_disagreement_between_panel_and_community_is_said_in_words() {
    use verdicts_catalog::bundle::figures::{panel_vs_community, PanelShare};
    let panel = PanelShare { ship: 3, total: 4 };
    let cool = CommunityTally::new(Votes { ship: 2, skip: 18 }, None, 10);
    assert_eq!(panel_vs_community(panel, cool), Some("The community is much cooler on this than the panel."));
    let close = CommunityTally::new(Votes { ship: 14, skip: 6 }, None, 10);
    assert_eq!(panel_vs_community(panel, close), None);
    let few = CommunityTally::new(Votes { ship: 0, skip: 3 }, None, 10);
    assert_eq!(panel_vs_community(panel, few), None, "no comparison below the minimum");
}

proptest::proptest! {
    /// Whatever the ids, the stored text is JSON that any reader reads as the votes of each
    /// bundle (tool id → "ship" or "skip"), and it reads back to the same votes.
    #[test]
    fn stored_text_is_plain_json_and_reads_back(
        votes in proptest::collection::btree_map("[a-z\"\\\\é\u{1}\u{7f} -]{1,8}", proptest::bool::ANY, 0..6),
        other in proptest::collection::btree_map("[a-z\"é]{1,6}", proptest::bool::ANY, 0..4),
        bundle in "[a-z\"\\\\ é]{1,8}",
    ) {
        let verdict = |ship: bool| if ship { SHIP } else { SKIP };
        let mine: OwnVotes = votes.iter().map(|(t, s)| (t.clone(), verdict(*s))).collect();
        let theirs: OwnVotes = other.iter().map(|(t, s)| (t.clone(), verdict(*s))).collect();
        let before = write_stored(None, "their bundle", &theirs);
        let text = write_stored(Some(&before), &bundle, &mine);
        let value: serde_json::Value = serde_json::from_str(&text).map_err(|e| proptest::test_runner::TestCaseError::fail(e.to_string()))?;
        for (key, expected) in [(bundle.as_str(), &mine), ("their bundle", &theirs)] {
            let entry: OwnVotes = value
                .get(key)
                .and_then(|e| e.as_object())
                .map(|o| o.iter().filter_map(|(t, v)| Some((t.clone(), if v.as_str()? == "ship" { SHIP } else { SKIP }))).collect())
                .unwrap_or_default();
            proptest::prop_assert_eq!(&entry, expected);
            proptest::prop_assert_eq!(&read_stored(Some(&text), key, |_| true).votes, expected);
        }
    }
}
