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

mod keys;
mod rules;

use rules::Recent;
pub use rules::{Burst, Incoming, Rules, Taken, DAY};

use verdicts_catalog::bundle::Verdict;
use verdicts_catalog::vote_protocol::Counts;

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

fn error(e: sqlx::Error) -> String {
    e.to_string()
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
        // SQLite: the write-ahead log folded into the file and emptied, so that what was
        // deleted (a past day's key and counters) is not left in the log, and the file alone
        // holds what is kept. Best effort: another collector's open connection may hold it.
        if self.kind == Kind::Sqlite {
            let _ = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(&self.pool).await;
        }
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
