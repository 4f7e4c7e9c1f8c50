//! Where votes are kept: SQLite (one file, the default) or PostgreSQL (for several collectors
//! behind a load balancer), through the same SQL.
//!
//! Each voter's *current* vote per tool is one row, keyed by bundle, tool and voter: a repeat
//! changes nothing, a change replaces the row, taking a vote back deletes it. Votes are written
//! by one task in batches, one transaction each (group commit): every request waiting in the
//! batch is answered after its commit, so an acknowledged vote is on disk, and many concurrent
//! votes share one disk flush.

use std::collections::BTreeMap;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor, Row};

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
}

const SCHEMA: &str = "CREATE TABLE IF NOT EXISTS votes (
    bundle TEXT NOT NULL,
    tool TEXT NOT NULL,
    voter TEXT NOT NULL,
    verdict TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (bundle, tool, voter)
)";

/// The database a `--db` value names: a `postgres://` or `postgresql://` URL, else a SQLite file.
pub fn kind_of(db: &str) -> Kind {
    if db.starts_with("postgres://") || db.starts_with("postgresql://") {
        Kind::Postgres
    } else {
        Kind::Sqlite
    }
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
                        // power cut, not only a killed process.
                        conn.execute("PRAGMA journal_mode = WAL").await?;
                        conn.execute("PRAGMA synchronous = FULL").await?;
                        conn.execute("PRAGMA busy_timeout = 5000").await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await
            .map_err(|e| format!("cannot open the vote database {}: {e}", redact(db)))?;
        // Collectors starting at once on one PostgreSQL database can race on creating the
        // table ("duplicate key … pg_type"): the loser tries again and finds it there.
        let mut attempt = 0;
        while let Err(e) = pool.execute(SCHEMA).await {
            attempt += 1;
            if attempt == 3 {
                return Err(format!("cannot create the votes table: {e}"));
            }
            tokio::time::sleep(Duration::from_millis(100 * attempt)).await;
        }
        Ok(Store { pool, kind })
    }

    /// Writes a batch of votes in one transaction, in order (a later vote of the same voter on
    /// the same tool wins).
    pub async fn apply(&self, votes: &[Vote], now: i64) -> Result<(), String> {
        let mut tx = self.pool.begin().await.map_err(|e| e.to_string())?;
        for vote in votes {
            match vote.verdict {
                Some(verdict) => {
                    sqlx::query(
                        "INSERT INTO votes (bundle, tool, voter, verdict, updated_at) VALUES ($1, $2, $3, $4, $5) \
                         ON CONFLICT (bundle, tool, voter) DO UPDATE SET verdict = excluded.verdict, updated_at = excluded.updated_at",
                    )
                    .bind(&vote.bundle)
                    .bind(&vote.tool)
                    .bind(&vote.voter)
                    .bind(verdict.as_str())
                    .bind(now)
                    .execute(&mut *tx)
                    .await
                }
                None => {
                    sqlx::query("DELETE FROM votes WHERE bundle = $1 AND tool = $2 AND voter = $3")
                        .bind(&vote.bundle)
                        .bind(&vote.tool)
                        .bind(&vote.voter)
                        .execute(&mut *tx)
                        .await
                }
            }
            .map_err(|e| e.to_string())?;
        }
        tx.commit().await.map_err(|e| e.to_string())
    }

    /// Each tool's counts in a bundle.
    pub async fn tallies(&self, bundle: &str) -> Result<BTreeMap<String, Counts>, String> {
        let rows =
            sqlx::query("SELECT tool, verdict, COUNT(*) AS n FROM votes WHERE bundle = $1 GROUP BY tool, verdict")
                .bind(bundle)
                .fetch_all(&self.pool)
                .await
                .map_err(|e| e.to_string())?;
        let mut tallies: BTreeMap<String, Counts> = BTreeMap::new();
        for row in rows {
            let tool: String = row.try_get("tool").map_err(|e| e.to_string())?;
            let verdict: String = row.try_get("verdict").map_err(|e| e.to_string())?;
            let n: i64 = row.try_get("n").map_err(|e| e.to_string())?;
            let counts = tallies.entry(tool).or_default();
            match verdict.as_str() {
                "ship" => counts.ship += n.max(0) as u64,
                "skip" => counts.skip += n.max(0) as u64,
                _ => {}
            }
        }
        Ok(tallies)
    }

    /// The vote a voter has on a tool, if any (for the durability check).
    pub async fn vote_of(&self, bundle: &str, tool: &str, voter: &str) -> Result<Option<Verdict>, String> {
        let row = sqlx::query("SELECT verdict FROM votes WHERE bundle = $1 AND tool = $2 AND voter = $3")
            .bind(bundle)
            .bind(tool)
            .bind(voter)
            .fetch_optional(&self.pool)
            .await
            .map_err(|e| e.to_string())?;
        Ok(row.and_then(|r| r.try_get::<String, _>("verdict").ok()).and_then(|v| match v.as_str() {
            "ship" => Some(Verdict::Ship),
            "skip" => Some(Verdict::Skip),
            _ => None,
        }))
    }

    /// Empties the table (tests and the benchmark only).
    pub async fn clear(&self) -> Result<(), String> {
        self.pool.execute("DELETE FROM votes").await.map(|_| ()).map_err(|e| e.to_string())
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
