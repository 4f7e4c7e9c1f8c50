//! Where votes are kept: SQLite (one file, the default) or PostgreSQL (for several collectors
//! behind a load balancer), through the same SQL.
//!
//! Each voter's *current* vote per tool is one row, keyed by bundle, tool and voter: a repeat
//! changes nothing, a change replaces the row, taking a vote back deletes it. Votes are written
//! by one task in batches, one transaction each (group commit): every request waiting in the
//! batch is answered after its commit, so an acknowledged vote is on disk, and many concurrent
//! votes share one disk flush.
//!
//! The rules that keep one machine from stuffing the vote are kept here too, in the database,
//! so that they hold across collectors sharing it:
//! - **the daily limit**: a new vote counts only while its network has had fewer than
//!   `daily_limit` new votes for the tool today (`network_day`, one counter row per bundle,
//!   tool, network and day, raised with one atomic upsert). The network is a keyed hash under
//!   the day's key (`collector_keys`), which is deleted, with the day's counters, once the day
//!   is over (and SQLite overwrites what it deletes: `secure_delete`).
//! - **used once**: a challenge's salt is recorded in the vote's transaction
//!   (`used_challenges`, until it expires); a second vote with it is refused.
//! - **bursts held**: a new vote for a tool whose votes in the last [`Burst::window`] are far
//!   above its rate over the day before, from many networks, is kept `held`: in the tallies'
//!   `held` count, not in their figures, until an operator accepts it or `hold_seconds` pass
//!   (see `review.rs`).

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor, Row};

use crate::network::keyed;
use verdicts_catalog::bundle::Verdict;
use verdicts_catalog::vote_protocol::{Counts, Vote};

/// Which database.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Sqlite,
    Postgres,
}

/// The vote database.
#[derive(Clone)]
pub struct Store {
    pool: AnyPool,
    pub kind: Kind,
    /// The key challenges are signed with, the same for every collector on this database.
    challenge_key: Arc<Vec<u8>>,
    /// The day whose network key is in use, and the key.
    day_key: Arc<Mutex<Option<DayKey>>>,
    /// When expired challenges were last forgotten.
    pruned_at: Arc<Mutex<i64>>,
    /// Each tool's recent votes for the burst rule, as last read (at most [`RECENT_FOR`] ago)
    /// and counted on since.
    recent: Arc<Mutex<HashMap<ToolOf, (i64, Recent)>>>,
}

/// A day (since 1970, UTC) and its network key.
type DayKey = (i64, Vec<u8>);
/// A bundle and one of its tools.
type ToolOf = (String, String);

/// How long a tool's recent votes, once read, are counted on in memory before they are read
/// again (so that other collectors' votes are in them too): reading them for every batch
/// would cost more than the votes' own writes.
const RECENT_FOR: i64 = 5;

const SCHEMA: [&str; 5] = [
    "CREATE TABLE IF NOT EXISTS votes (
    bundle TEXT NOT NULL,
    tool TEXT NOT NULL,
    voter TEXT NOT NULL,
    verdict TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (bundle, tool, voter)
)",
    "CREATE TABLE IF NOT EXISTS network_day (
    bundle TEXT NOT NULL,
    tool TEXT NOT NULL,
    network TEXT NOT NULL,
    day BIGINT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (bundle, tool, network, day)
)",
    "CREATE TABLE IF NOT EXISTS used_challenges (salt TEXT PRIMARY KEY, expires BIGINT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS collector_keys (name TEXT PRIMARY KEY, day BIGINT NOT NULL, secret TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS drops (
    id BIGINT PRIMARY KEY,
    bundle TEXT NOT NULL,
    tool TEXT NOT NULL,
    since BIGINT NOT NULL,
    until BIGINT NOT NULL,
    votes BIGINT NOT NULL,
    at BIGINT NOT NULL,
    confirmed BIGINT NOT NULL DEFAULT 0
)",
];

/// Columns added to `votes` since version 1 (a database from before gets them, its votes
/// counted as they were): the state (`counted`, `held`, `dropped`), the network's keyed hash,
/// when the vote was first cast, when a held vote counts by itself, and a drop's bookkeeping.
const ADDED_COLUMNS: [&str; 6] = [
    "ALTER TABLE votes ADD COLUMN state TEXT NOT NULL DEFAULT 'counted'",
    "ALTER TABLE votes ADD COLUMN network TEXT",
    "ALTER TABLE votes ADD COLUMN created_at BIGINT NOT NULL DEFAULT 0",
    "ALTER TABLE votes ADD COLUMN release_at BIGINT NOT NULL DEFAULT 0",
    "ALTER TABLE votes ADD COLUMN drop_id BIGINT",
    "ALTER TABLE votes ADD COLUMN before_drop TEXT",
];

/// The database a `--db` value names: a `postgres://` or `postgresql://` URL, else a SQLite file.
pub fn kind_of(db: &str) -> Kind {
    if db.starts_with("postgres://") || db.starts_with("postgresql://") {
        Kind::Postgres
    } else {
        Kind::Sqlite
    }
}

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

fn random_hex(bytes: usize) -> Result<String, String> {
    let mut key = vec![0u8; bytes];
    getrandom::getrandom(&mut key).map_err(|e| format!("no randomness: {e}"))?;
    Ok(verdicts_catalog::vote_proof::to_hex(&key))
}

fn error(e: sqlx::Error) -> String {
    e.to_string()
}

/// A tool's recent votes, for the burst rule: votes and networks in the window, and votes in
/// the day before it.
#[derive(Clone, Default)]
struct Recent {
    window_votes: u64,
    networks: std::collections::HashSet<String>,
    known_networks: u64,
    day_votes: u64,
}

impl Store {
    /// Opens (and creates if needed) the database `db` names.
    pub async fn open(db: &str) -> Result<Store, String> {
        sqlx::any::install_default_drivers();
        let kind = kind_of(db);
        let url = match kind {
            Kind::Postgres => db.to_string(),
            Kind::Sqlite => format!("sqlite://{db}?mode=rwc"),
        };
        let options: AnyConnectOptions = url.parse().map_err(|e| format!("--db {db}: {e}"))?;
        let pool = AnyPoolOptions::new()
            .max_connections(if kind == Kind::Sqlite { 4 } else { 8 })
            .acquire_timeout(Duration::from_secs(5))
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if kind == Kind::Sqlite {
                        // WAL: readers never wait for the writer. FULL: a commit is flushed to
                        // disk before it returns, so an acknowledged vote survives a crash or a
                        // power cut, not only a killed process. secure_delete: a forgotten day
                        // key is overwritten, not left in a free page.
                        conn.execute("PRAGMA journal_mode = WAL").await?;
                        conn.execute("PRAGMA synchronous = FULL").await?;
                        conn.execute("PRAGMA busy_timeout = 5000").await?;
                        conn.execute("PRAGMA secure_delete = ON").await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await
            .map_err(|e| format!("cannot open the vote database {}: {e}", redact(db)))?;
        // Collectors starting at once on one PostgreSQL database can race on creating the
        // tables ("duplicate key … pg_type"): the loser tries again and finds them there.
        for statement in SCHEMA {
            let mut attempt = 0;
            while let Err(e) = pool.execute(statement).await {
                attempt += 1;
                if attempt == 3 {
                    return Err(format!("cannot create the vote tables: {e}"));
                }
                tokio::time::sleep(Duration::from_millis(100 * attempt)).await;
            }
        }
        for statement in ADDED_COLUMNS {
            // Already there (the usual case) is an error both databases word their own way;
            // whether the columns are there is checked next.
            let _ = pool.execute(statement).await;
        }
        pool.execute("SELECT state, network, created_at, release_at, drop_id, before_drop FROM votes LIMIT 1")
            .await
            .map_err(|e| format!("cannot add the new columns to the votes table: {e}"))?;
        for index in [
            // The burst rule's recent votes, and the review's.
            "CREATE INDEX IF NOT EXISTS votes_by_time ON votes (bundle, tool, created_at)",
            // A batch's voters' rows, read in one query.
            "CREATE INDEX IF NOT EXISTS votes_by_voter ON votes (bundle, voter)",
        ] {
            pool.execute(index).await.map_err(|e| format!("cannot index the votes table: {e}"))?;
        }
        let challenge_key = Self::shared_secret(&pool, "challenge", 0).await?;
        let challenge_key =
            verdicts_catalog::vote_proof::from_hex(&challenge_key).ok_or("a malformed challenge key")?;
        Ok(Store {
            pool,
            kind,
            challenge_key: Arc::new(challenge_key),
            day_key: Arc::new(Mutex::new(None)),
            pruned_at: Arc::new(Mutex::new(0)),
            recent: Arc::new(Mutex::new(HashMap::new())),
        })
    }

    /// The secret named `name`: made by whichever collector asks first, read by the others.
    async fn shared_secret(pool: &AnyPool, name: &str, day: i64) -> Result<String, String> {
        sqlx::query("INSERT INTO collector_keys (name, day, secret) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING")
            .bind(name)
            .bind(day)
            .bind(random_hex(32)?)
            .execute(pool)
            .await
            .map_err(|e| format!("cannot keep the collector's keys: {e}"))?;
        let row = sqlx::query("SELECT secret FROM collector_keys WHERE name = $1")
            .bind(name)
            .fetch_one(pool)
            .await
            .map_err(|e| format!("cannot read the collector's keys: {e}"))?;
        row.try_get::<String, _>("secret").map_err(error)
    }

    /// The key challenges are signed with.
    pub fn challenge_key(&self) -> &[u8] {
        &self.challenge_key
    }

    /// The key networks are hashed with on `day` (days since 1970, UTC). A new day's key
    /// replaces the last: the keys and counters of the days before are deleted.
    pub async fn network_key(&self, day: i64) -> Result<Vec<u8>, String> {
        if let Ok(cached) = self.day_key.lock() {
            if let Some((d, key)) = cached.as_ref() {
                if *d == day {
                    return Ok(key.clone());
                }
            }
        }
        sqlx::query("DELETE FROM collector_keys WHERE name LIKE 'network:%' AND day < $1")
            .bind(day)
            .execute(&self.pool)
            .await
            .map_err(error)?;
        sqlx::query("DELETE FROM network_day WHERE day < $1").bind(day).execute(&self.pool).await.map_err(error)?;
        let secret = Self::shared_secret(&self.pool, &format!("network:{day}"), day).await?;
        let key = verdicts_catalog::vote_proof::from_hex(&secret).ok_or("a malformed network key")?;
        if let Ok(mut cached) = self.day_key.lock() {
            *cached = Some((day, key.clone()));
        }
        Ok(key)
    }

    /// The days whose network key is kept (only today's, once a vote came today).
    pub async fn kept_key_days(&self) -> Result<Vec<i64>, String> {
        let rows = sqlx::query("SELECT day FROM collector_keys WHERE name LIKE 'network:%' ORDER BY day")
            .fetch_all(&self.pool)
            .await
            .map_err(error)?;
        rows.iter().map(|r| r.try_get::<i64, _>("day").map_err(error)).collect()
    }

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

    /// Each tool's counted votes in a bundle (held votes whose time has come count), and the
    /// votes still held per tool.
    pub async fn tallies_at(
        &self,
        bundle: &str,
        now: i64,
    ) -> Result<(BTreeMap<String, Counts>, BTreeMap<String, u64>), String> {
        let rows = sqlx::query(
            "SELECT tool, verdict, \
                    COUNT(CASE WHEN state = 'counted' OR (state = 'held' AND release_at <= $2) THEN 1 END) AS n, \
                    COUNT(CASE WHEN state = 'held' AND release_at > $2 THEN 1 END) AS h \
             FROM votes WHERE bundle = $1 AND state <> 'dropped' GROUP BY tool, verdict",
        )
        .bind(bundle)
        .bind(now)
        .fetch_all(&self.pool)
        .await
        .map_err(error)?;
        let mut tallies: BTreeMap<String, Counts> = BTreeMap::new();
        let mut held: BTreeMap<String, u64> = BTreeMap::new();
        for row in rows {
            let tool: String = row.try_get("tool").map_err(error)?;
            let verdict: String = row.try_get("verdict").map_err(error)?;
            let n = row.try_get::<i64, _>("n").map_err(error)?.max(0) as u64;
            let h = row.try_get::<i64, _>("h").map_err(error)?.max(0) as u64;
            if h > 0 {
                *held.entry(tool.clone()).or_default() += h;
            }
            if n == 0 {
                continue;
            }
            let counts = tallies.entry(tool).or_default();
            match verdict.as_str() {
                "ship" => counts.ship += n,
                "skip" => counts.skip += n,
                _ => {}
            }
        }
        Ok((tallies, held))
    }

    /// Each tool's counted votes in a bundle, now.
    pub async fn tallies(&self, bundle: &str) -> Result<BTreeMap<String, Counts>, String> {
        Ok(self.tallies_at(bundle, crate::unix_seconds()).await?.0)
    }

    /// The vote a voter has on a tool, if any (for the durability check).
    pub async fn vote_of(&self, bundle: &str, tool: &str, voter: &str) -> Result<Option<Verdict>, String> {
        let row = sqlx::query("SELECT verdict FROM votes WHERE bundle = $1 AND tool = $2 AND voter = $3")
            .bind(bundle)
            .bind(tool)
            .bind(voter)
            .fetch_optional(&self.pool)
            .await
            .map_err(error)?;
        Ok(row.and_then(|r| r.try_get::<String, _>("verdict").ok()).and_then(|v| match v.as_str() {
            "ship" => Some(Verdict::Ship),
            "skip" => Some(Verdict::Skip),
            _ => None,
        }))
    }

    /// The connection pool (the operator's review commands).
    pub(crate) fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Empties the tables of votes, counters, used challenges and drops (tests and the
    /// benchmark only); the keys stay.
    pub async fn clear(&self) -> Result<(), String> {
        for table in ["votes", "network_day", "used_challenges", "drops"] {
            self.pool.execute(format!("DELETE FROM {table}").as_str()).await.map_err(error)?;
        }
        Ok(())
    }

    /// Closes the connections.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// A database URL without its password, for messages.
pub fn redact(db: &str) -> String {
    match (db.find("://"), db.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let credentials = &db[scheme + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &db[..scheme + 3], &db[at..]),
                None => db.to_string(),
            }
        }
        _ => db.to_string(),
    }
}
