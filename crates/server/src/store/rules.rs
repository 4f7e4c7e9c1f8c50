//! The rules that keep one machine from stuffing the vote, applied in the vote's own
//! transaction: the daily limit per network, challenges used once, bursts held (see mod.rs).

use std::collections::HashMap;

use sqlx::Row;

use super::{error, Store, RECENT_FOR};
use crate::network::keyed;
use verdicts_catalog::vote_protocol::Vote;

/// Seconds in a day; days are UTC.
pub const DAY: i64 = 86_400;

/// The rule that holds bursts back.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Burst {
    /// The window the votes are counted over, in seconds.
    pub window: i64,
    /// A window is a burst with more new votes than this many times the tool's average window
    /// over the day before …
    pub factor: f64,
    /// … and at least this many votes (so a quiet tool's first few votes are no burst) …
    pub min_votes: u64,
    /// … from at least this many networks (one network is the daily limit's business).
    pub min_networks: u64,
    /// A held vote counts by itself after this long, unless reviewed before.
    pub hold_seconds: i64,
}

impl Default for Burst {
    fn default() -> Burst {
        Burst { window: 600, factor: 10.0, min_votes: 50, min_networks: 10, hold_seconds: 2 * DAY }
    }
}

/// The rules applied to new votes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rules {
    /// New counted votes per tool per network per day.
    pub daily_limit: u32,
    /// `None` turns burst holding off.
    pub burst: Option<Burst>,
}

impl Default for Rules {
    fn default() -> Rules {
        Rules { daily_limit: 5, burst: Some(Burst::default()) }
    }
}

/// A vote to write: what was posted, the network it came from (in memory only: it is hashed
/// before anything is written) and its challenge's salt and expiry.
#[derive(Clone, Debug)]
pub struct Incoming {
    pub vote: Vote,
    pub network: Vec<u8>,
    pub salt: String,
    pub expires: i64,
}

/// What became of a vote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Taken {
    Counted,
    Held,
    /// Over the daily limit of its network: kept out of the tallies (and not stored).
    OverLimit,
    /// Its challenge had been used: refused.
    ChallengeUsed,
}

/// A tool's recent votes, for the burst rule: votes and networks in the window, and votes in
/// the day before it.
#[derive(Clone, Default)]
pub(super) struct Recent {
    window_votes: u64,
    networks: std::collections::HashSet<String>,
    known_networks: u64,
    day_votes: u64,
}

impl Store {
    /// What the burst rule needs of a tool now.
    async fn recent(
        tx: &mut sqlx::Transaction<'_, sqlx::Any>,
        bundle: &str,
        tool: &str,
        burst: &Burst,
        now: i64,
    ) -> Result<Recent, String> {
        let row = sqlx::query(
            "SELECT COUNT(CASE WHEN created_at >= $3 THEN 1 END) AS w, \
                    COUNT(CASE WHEN created_at < $3 THEN 1 END) AS d, \
                    COUNT(DISTINCT CASE WHEN created_at >= $3 THEN network END) AS n \
             FROM votes WHERE bundle = $1 AND tool = $2 AND created_at >= $4 AND state <> 'dropped'",
        )
        .bind(bundle)
        .bind(tool)
        .bind(now - burst.window)
        .bind(now - burst.window - DAY)
        .fetch_one(&mut **tx)
        .await
        .map_err(error)?;
        let get = |name: &str| row.try_get::<i64, _>(name).map(|n| n.max(0) as u64).map_err(error);
        Ok(Recent {
            window_votes: get("w")?,
            day_votes: get("d")?,
            known_networks: get("n")?,
            networks: Default::default(),
        })
    }

    /// Whether one more vote from `network` makes the tool's window a burst.
    fn is_burst(recent: &mut Recent, network: &str, burst: &Burst) -> bool {
        recent.window_votes += 1;
        recent.networks.insert(network.to_string());
        let windows_a_day = (DAY / burst.window.max(1)).max(1) as f64;
        let usual = recent.day_votes as f64 / windows_a_day;
        let networks = recent.known_networks + recent.networks.len() as u64;
        recent.window_votes > burst.min_votes
            && recent.window_votes as f64 > burst.factor * usual
            && networks >= burst.min_networks
    }

    /// Writes a batch of votes in one transaction, in order (a later vote of the same voter on
    /// the same tool wins); what became of each.
    pub async fn apply(&self, batch: &[Incoming], rules: &Rules, now: i64) -> Result<Vec<Taken>, String> {
        let day = now.div_euclid(DAY);
        let key = self.network_key(day).await?;
        self.forget_used_challenges(now).await?;
        let mut tx = self.pool.begin().await.map_err(error)?;
        // The recent votes as counted so far; written back once the batch is committed.
        let mut recent: HashMap<(String, String), Recent> = match self.recent.lock() {
            Ok(cache) => cache
                .iter()
                .filter(|(_, (read_at, _))| now - *read_at < RECENT_FOR && *read_at <= now)
                .map(|(k, (_, r))| (k.clone(), r.clone()))
                .collect(),
            Err(_) => HashMap::new(),
        };
        let mut read_now: HashMap<(String, String), i64> = HashMap::new();
        let mut fresh = Self::use_challenges(&mut tx, batch).await?;
        let mut existing = Self::existing(&mut tx, batch).await?;
        let mut taken = Vec::with_capacity(batch.len());
        for incoming in batch {
            let vote = &incoming.vote;
            if !fresh.remove(&incoming.salt) {
                taken.push(Taken::ChallengeUsed);
                continue;
            }
            let row = (vote.bundle.clone(), vote.tool.clone(), vote.voter.clone());
            let Some(verdict) = vote.verdict else {
                if existing.get(&row).is_some_and(|state| state != "dropped") {
                    sqlx::query(
                        "DELETE FROM votes WHERE bundle = $1 AND tool = $2 AND voter = $3 AND state <> 'dropped'",
                    )
                    .bind(&vote.bundle)
                    .bind(&vote.tool)
                    .bind(&vote.voter)
                    .execute(&mut *tx)
                    .await
                    .map_err(error)?;
                    existing.remove(&row);
                }
                taken.push(Taken::Counted);
                continue;
            };
            if let Some(state) = existing.get(&row) {
                // A change of a vote already there: it keeps its place (counted, held or dropped).
                sqlx::query(
                    "UPDATE votes SET verdict = $4, updated_at = $5 WHERE bundle = $1 AND tool = $2 AND voter = $3",
                )
                .bind(&vote.bundle)
                .bind(&vote.tool)
                .bind(&vote.voter)
                .bind(verdict.as_str())
                .bind(now)
                .execute(&mut *tx)
                .await
                .map_err(error)?;
                taken.push(if state == "held" { Taken::Held } else { Taken::Counted });
                continue;
            }
            let network = keyed(&key, &incoming.network);
            let within = sqlx::query(
                "INSERT INTO network_day (bundle, tool, network, day, n) VALUES ($1, $2, $3, $4, 1) \
                 ON CONFLICT (bundle, tool, network, day) DO UPDATE SET n = network_day.n + 1 WHERE network_day.n < $5 \
                 RETURNING n",
            )
            .bind(&vote.bundle)
            .bind(&vote.tool)
            .bind(&network)
            .bind(day)
            .bind(i64::from(rules.daily_limit))
            .fetch_optional(&mut *tx)
            .await
            .map_err(error)?;
            if within.is_none() {
                taken.push(Taken::OverLimit);
                continue;
            }
            let held = match &rules.burst {
                Some(burst) => {
                    let k = (vote.bundle.clone(), vote.tool.clone());
                    if !recent.contains_key(&k) {
                        let r = Self::recent(&mut tx, &vote.bundle, &vote.tool, burst, now).await?;
                        recent.insert(k.clone(), r);
                        read_now.insert(k.clone(), now);
                    }
                    recent.get_mut(&k).is_some_and(|r| Self::is_burst(r, &network, burst))
                }
                None => false,
            };
            let release_at = if held { now + rules.burst.map_or(0, |b| b.hold_seconds) } else { 0 };
            sqlx::query(
                "INSERT INTO votes (bundle, tool, voter, verdict, updated_at, state, network, created_at, release_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $5, $8)",
            )
            .bind(&vote.bundle)
            .bind(&vote.tool)
            .bind(&vote.voter)
            .bind(verdict.as_str())
            .bind(now)
            .bind(if held { "held" } else { "counted" })
            .bind(&network)
            .bind(release_at)
            .execute(&mut *tx)
            .await
            .map_err(error)?;
            existing.insert(row, if held { "held" } else { "counted" }.to_string());
            taken.push(if held { Taken::Held } else { Taken::Counted });
        }
        tx.commit().await.map_err(error)?;
        if let Ok(mut cache) = self.recent.lock() {
            for (k, r) in recent {
                let read_at = read_now.get(&k).copied().or_else(|| cache.get(&k).map(|(at, _)| *at)).unwrap_or(now);
                cache.insert(k, (read_at, r));
            }
            cache.retain(|_, (read_at, _)| now - *read_at < RECENT_FOR);
        }
        Ok(taken)
    }

    /// Records the batch's challenges as used, in one statement; the salts that were not used
    /// before (a salt twice in the batch is returned once: its second use is refused).
    async fn use_challenges(
        tx: &mut sqlx::Transaction<'_, sqlx::Any>,
        batch: &[Incoming],
    ) -> Result<std::collections::HashSet<String>, String> {
        if batch.is_empty() {
            return Ok(Default::default());
        }
        let values: Vec<String> = (0..batch.len()).map(|i| format!("(${}, ${})", 2 * i + 1, 2 * i + 2)).collect();
        let sql = format!(
            "INSERT INTO used_challenges (salt, expires) VALUES {} ON CONFLICT (salt) DO NOTHING RETURNING salt",
            values.join(", ")
        );
        let mut query = sqlx::query(&sql);
        for incoming in batch {
            query = query.bind(&incoming.salt).bind(incoming.expires);
        }
        let rows = query.fetch_all(&mut **tx).await.map_err(error)?;
        rows.iter().map(|r| r.try_get::<String, _>("salt").map_err(error)).collect()
    }

    /// The rows already there for the batch's voters: (bundle, tool, voter) → state.
    async fn existing(
        tx: &mut sqlx::Transaction<'_, sqlx::Any>,
        batch: &[Incoming],
    ) -> Result<HashMap<(String, String, String), String>, String> {
        let mut found = HashMap::new();
        let bundles: std::collections::BTreeSet<&str> = batch.iter().map(|i| i.vote.bundle.as_str()).collect();
        for bundle in bundles {
            let voters: std::collections::BTreeSet<&str> =
                batch.iter().filter(|i| i.vote.bundle == bundle).map(|i| i.vote.voter.as_str()).collect();
            let marks: Vec<String> = (0..voters.len()).map(|i| format!("${}", i + 2)).collect();
            let sql =
                format!("SELECT tool, voter, state FROM votes WHERE bundle = $1 AND voter IN ({})", marks.join(", "));
            let mut query = sqlx::query(&sql).bind(bundle);
            for voter in voters {
                query = query.bind(voter);
            }
            for row in query.fetch_all(&mut **tx).await.map_err(error)? {
                let key = (
                    bundle.to_string(),
                    row.try_get::<String, _>("tool").map_err(error)?,
                    row.try_get::<String, _>("voter").map_err(error)?,
                );
                found.insert(key, row.try_get::<String, _>("state").map_err(error)?);
            }
        }
        Ok(found)
    }

    /// Once a minute, forgets the challenges that have expired (they are refused as expired).
    async fn forget_used_challenges(&self, now: i64) -> Result<(), String> {
        let due = match self.pruned_at.lock() {
            Ok(mut at) if now - *at >= 60 => {
                *at = now;
                true
            }
            _ => false,
        };
        if due {
            sqlx::query("DELETE FROM used_challenges WHERE expires < $1")
                .bind(now)
                .execute(&self.pool)
                .await
                .map_err(error)?;
        }
        Ok(())
    }
}
