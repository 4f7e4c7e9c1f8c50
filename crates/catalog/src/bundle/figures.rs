//! Figures derived from a bundle: panel ship share, who the panel favours, the reviewer split,
//! the community share and the aligned price rows. Nothing here is stored in the bundle.

use super::catalog::Catalog;
use super::model::{Price, Verdict, Votes};
use crate::money::format_money;
use crate::vote_protocol::Counts;

/// A tool's panel verdicts: `ship` of `total` reviews say ship.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PanelShare {
    pub ship: u32,
    pub total: u32,
}

impl PanelShare {
    /// The ship share in whole percent, `None` with no reviews.
    pub fn percent(self) -> Option<u32> {
        percent(self.ship as u64, self.total as u64)
    }

    /// "3 of 4".
    pub fn of_text(self) -> String {
        format!("{} of {}", self.ship, self.total)
    }
}

/// `part / whole` in whole percent, rounded half up; `None` when `whole` is zero.
pub fn percent(part: u64, whole: u64) -> Option<u32> {
    (whole > 0).then(|| ((part.min(whole) * 200 + whole) / (whole * 2)) as u32)
}

/// The panel share of a tool over the roles that pass `role_on`.
pub fn panel_share(catalog: &Catalog, tool: usize, role_on: impl Fn(usize) -> bool) -> PanelShare {
    let mut share = PanelShare { ship: 0, total: 0 };
    for role in (0..catalog.roles().len()).filter(|&r| role_on(r)) {
        if let Some(review) = catalog.review(tool, role) {
            share.total += 1;
            share.ship += (review.verdict == Verdict::Ship) as u32;
        }
    }
    share
}

/// Which tool the panel favours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Favour {
    First,
    Second,
    Tie,
    /// One tool or both have no reviews.
    Unknown,
}

/// Compares two panel shares by ship percentage.
pub fn favour(a: PanelShare, b: PanelShare) -> Favour {
    match (a.percent(), b.percent()) {
        (Some(x), Some(y)) if x > y => Favour::First,
        (Some(x), Some(y)) if x < y => Favour::Second,
        (Some(_), Some(_)) => Favour::Tie,
        _ => Favour::Unknown,
    }
}

/// How one reviewer judged the pair.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Agreement {
    /// Same verdict on both.
    Agree(Verdict),
    /// Different verdicts.
    Split,
    /// The reviewer has not reviewed one of them.
    Incomplete,
}

impl Agreement {
    /// The words shown for this agreement.
    pub fn label(self) -> &'static str {
        match self {
            Agreement::Agree(Verdict::Ship) => "Agree: ship both",
            Agreement::Agree(Verdict::Skip) => "Agree: skip both",
            Agreement::Split => "Split",
            Agreement::Incomplete => "Not reviewed on both",
        }
    }
}

/// One reviewer's verdicts on the pair.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SplitRow {
    pub role: usize,
    pub first: Option<Verdict>,
    pub second: Option<Verdict>,
    pub agreement: Agreement,
}

/// The reviewer split of a pair, one row per role that passes `role_on`, in role order.
pub fn reviewer_split(catalog: &Catalog, a: usize, b: usize, role_on: impl Fn(usize) -> bool) -> Vec<SplitRow> {
    (0..catalog.roles().len())
        .filter(|&r| role_on(r))
        .map(|role| {
            let first = catalog.review(a, role).map(|x| x.verdict);
            let second = catalog.review(b, role).map(|x| x.verdict);
            let agreement = match (first, second) {
                (Some(x), Some(y)) if x == y => Agreement::Agree(x),
                (Some(_), Some(_)) => Agreement::Split,
                _ => Agreement::Incomplete,
            };
            SplitRow { role, first, second, agreement }
        })
        .collect()
}

/// A community tally: the bundle's counts, plus the visitor's own vote if any.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CommunityTally {
    pub ship: u64,
    pub skip: u64,
    /// Fewer votes than this show no percentage.
    pub min_votes: u32,
}

impl CommunityTally {
    /// The bundle's counts (negative counts never pass validation; they count as zero here)
    /// plus `own`, the visitor's vote.
    pub fn new(votes: Votes, own: Option<Verdict>, min_votes: u32) -> CommunityTally {
        let mut ship = votes.ship.max(0) as u64;
        let mut skip = votes.skip.max(0) as u64;
        match own {
            Some(Verdict::Ship) => ship += 1,
            Some(Verdict::Skip) => skip += 1,
            None => {}
        }
        CommunityTally { ship, skip, min_votes }
    }

    /// The bundle's counts plus the collector's live counts, with the visitor's own vote in
    /// them once: `acked` is the vote the live counts already hold of this visitor (what the
    /// collector acknowledged when they were read), `own` the visitor's vote now.
    pub fn live(
        votes: Votes,
        live: Counts,
        acked: Option<Verdict>,
        own: Option<Verdict>,
        min_votes: u32,
    ) -> CommunityTally {
        let is = |v: Option<Verdict>, w: Verdict| u64::from(v == Some(w));
        let count = |bundle: i64, live: u64, w: Verdict| {
            (bundle.max(0) as u64).saturating_add(live).saturating_sub(is(acked, w)).saturating_add(is(own, w))
        };
        CommunityTally {
            ship: count(votes.ship, live.ship, Verdict::Ship),
            skip: count(votes.skip, live.skip, Verdict::Skip),
            min_votes,
        }
    }

    /// All votes.
    pub fn total(self) -> u64 {
        self.ship + self.skip
    }

    /// The ship share in whole percent, only with at least `min_votes` votes (and at least one).
    pub fn percent(self) -> Option<u32> {
        if self.total() < u64::from(self.min_votes.max(1)) {
            return None;
        }
        percent(self.ship, self.total())
    }

    /// The figure and the words shown: ("62%", "62% ship · 214 votes"), ("—", "No votes yet"),
    /// ("—", "9 votes · too few votes to score").
    pub fn display(self) -> (String, String) {
        match (self.total(), self.percent()) {
            (0, _) => ("—".into(), "No votes yet".into()),
            (_, Some(p)) => (format!("{p}%"), format!("{p}% ship · {}", self.votes_text())),
            (_, None) => ("—".into(), format!("{} · too few votes to score", self.votes_text())),
        }
    }

    /// "1 vote" / "214 votes".
    pub fn votes_text(self) -> String {
        plural(self.total(), "vote", "votes")
    }
}

/// "1 review", "2 reviews".
pub fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// How far the panel and the community disagree, in words, when they disagree strongly
/// (30 percentage points or more, with both figures known).
pub fn panel_vs_community(panel: PanelShare, community: CommunityTally) -> Option<&'static str> {
    let (p, c) = (panel.percent()?, community.percent()?);
    if p >= c + 30 {
        Some("The community is much cooler on this than the panel.")
    } else if c >= p + 30 {
        Some("The community is much warmer on this than the panel.")
    } else {
        None
    }
}

/// One line of the pricing table: the same unit for both tools.
#[derive(Clone, Debug, PartialEq)]
pub struct PriceRow {
    pub unit: String,
    pub first: Option<Price>,
    pub second: Option<Price>,
}

/// Aligns two price lists unit by unit (units compared case-insensitively), first tool's order
/// first, then the second tool's other units.
pub fn price_rows(first: &[Price], second: &[Price]) -> Vec<PriceRow> {
    let key = |p: &Price| p.unit.trim().to_lowercase();
    let mut rows: Vec<PriceRow> = Vec::new();
    for p in first {
        if !rows.iter().any(|r| r.unit.trim().to_lowercase() == key(p)) {
            rows.push(PriceRow { unit: p.unit.trim().to_string(), first: Some(p.clone()), second: None });
        }
    }
    for p in second {
        match rows.iter_mut().find(|r| r.unit.trim().to_lowercase() == key(p)) {
            Some(row) if row.second.is_none() => row.second = Some(p.clone()),
            Some(_) => {}
            None => rows.push(PriceRow { unit: p.unit.trim().to_string(), first: None, second: Some(p.clone()) }),
        }
    }
    rows
}

/// "$20 per 1M input tokens".
pub fn format_price(price: &Price) -> String {
    format!("{} per {}", format_money(price.amount, &price.currency), price.unit.trim())
}
