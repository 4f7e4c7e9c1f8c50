//! The operator's review of held votes (`verdicts-collector review | accept | drop | restore |
//! confirm`, see docs/collector.md): bursts listed by tool and hour, with how many networks and
//! votes; accepting counts them; dropping takes a tool's votes in a time range out of the
//! tallies in one transaction, logged in `drops`, and can be undone (`restore`) until it is
//! confirmed, which deletes them.

use sqlx::Row;

use crate::store::Store;

/// Held votes of one tool in one hour.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeldBurst {
    pub bundle: String,
    pub tool: String,
    /// The first and last vote's time, unix seconds.
    pub first: i64,
    pub last: i64,
    pub networks: u64,
    pub votes: u64,
}

/// A drop, as logged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Drop {
    pub id: i64,
    pub bundle: String,
    pub tool: String,
    pub since: i64,
    pub until: i64,
    pub votes: u64,
    pub at: i64,
    pub confirmed: bool,
}

fn error(e: sqlx::Error) -> String {
    e.to_string()
}

fn count(row: &sqlx::any::AnyRow, name: &str) -> Result<u64, String> {
    row.try_get::<i64, _>(name).map(|n| n.max(0) as u64).map_err(error)
}

impl Store {
    /// The votes held now, by bundle, tool and hour, oldest first.
    pub async fn held_bursts(&self, now: i64) -> Result<Vec<HeldBurst>, String> {
        let rows = sqlx::query(
            "SELECT bundle, tool, created_at / 3600 AS hour, MIN(created_at) AS first, MAX(created_at) AS last, \
                    COUNT(DISTINCT network) AS networks, COUNT(*) AS votes \
             FROM votes WHERE state = 'held' AND release_at > $1 \
             GROUP BY bundle, tool, created_at / 3600 ORDER BY hour, bundle, tool",
        )
        .bind(now)
        .fetch_all(self.pool())
        .await
        .map_err(error)?;
        rows.iter()
            .map(|row| {
                Ok(HeldBurst {
                    bundle: row.try_get("bundle").map_err(error)?,
                    tool: row.try_get("tool").map_err(error)?,
                    first: row.try_get("first").map_err(error)?,
                    last: row.try_get("last").map_err(error)?,
                    networks: count(row, "networks")?,
                    votes: count(row, "votes")?,
                })
            })
            .collect()
    }

    /// Counts the held votes of `tool` cast in `since..until`; how many.
    pub async fn accept(&self, tool: &str, since: i64, until: i64) -> Result<u64, String> {
        let done = sqlx::query(
            "UPDATE votes SET state = 'counted', release_at = 0 \
             WHERE tool = $1 AND state = 'held' AND created_at >= $2 AND created_at < $3",
        )
        .bind(tool)
        .bind(since)
        .bind(until)
        .execute(self.pool())
        .await
        .map_err(error)?;
        Ok(done.rows_affected())
    }

    /// Takes every vote of `tool` cast in `since..until` (counted or held) out of the tallies,
    /// in one transaction, logged as a drop; its id and how many votes. Undone by
    /// [`Store::restore`] until [`Store::confirm`].
    pub async fn drop_votes(&self, tool: &str, since: i64, until: i64, now: i64) -> Result<(i64, u64), String> {
        let mut tx = self.pool().begin().await.map_err(error)?;
        let row =
            sqlx::query("SELECT COALESCE(MAX(id), 0) + 1 AS id FROM drops").fetch_one(&mut *tx).await.map_err(error)?;
        let id: i64 = row.try_get("id").map_err(error)?;
        let done = sqlx::query(
            "UPDATE votes SET before_drop = state, state = 'dropped', drop_id = $4 \
             WHERE tool = $1 AND state IN ('counted', 'held') AND created_at >= $2 AND created_at < $3",
        )
        .bind(tool)
        .bind(since)
        .bind(until)
        .bind(id)
        .execute(&mut *tx)
        .await
        .map_err(error)?;
        let votes = done.rows_affected();
        let bundle = sqlx::query("SELECT MIN(bundle) AS bundle FROM votes WHERE drop_id = $1")
            .bind(id)
            .fetch_one(&mut *tx)
            .await
            .map_err(error)?
            .try_get::<Option<String>, _>("bundle")
            .map_err(error)?
            .unwrap_or_default();
        sqlx::query(
            "INSERT INTO drops (id, bundle, tool, since, until, votes, at, confirmed) VALUES ($1, $2, $3, $4, $5, $6, $7, 0)",
        )
        .bind(id)
        .bind(bundle)
        .bind(tool)
        .bind(since)
        .bind(until)
        .bind(votes as i64)
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(error)?;
        tx.commit().await.map_err(error)?;
        Ok((id, votes))
    }

    /// The drops, newest first.
    pub async fn drops(&self) -> Result<Vec<Drop>, String> {
        let rows =
            sqlx::query("SELECT id, bundle, tool, since, until, votes, at, confirmed FROM drops ORDER BY id DESC")
                .fetch_all(self.pool())
                .await
                .map_err(error)?;
        rows.iter()
            .map(|row| {
                Ok(Drop {
                    id: row.try_get("id").map_err(error)?,
                    bundle: row.try_get("bundle").map_err(error)?,
                    tool: row.try_get("tool").map_err(error)?,
                    since: row.try_get("since").map_err(error)?,
                    until: row.try_get("until").map_err(error)?,
                    votes: count(row, "votes")?,
                    at: row.try_get("at").map_err(error)?,
                    confirmed: row.try_get::<i64, _>("confirmed").map_err(error)? != 0,
                })
            })
            .collect()
    }

    async fn unconfirmed(&self, tx: &mut sqlx::Transaction<'_, sqlx::Any>, id: i64) -> Result<(), String> {
        let row = sqlx::query("SELECT confirmed FROM drops WHERE id = $1").bind(id).fetch_optional(&mut **tx).await;
        match row.map_err(error)? {
            None => Err(format!("there is no drop {id} (`verdicts-collector review` lists them)")),
            Some(row) if row.try_get::<i64, _>("confirmed").map_err(error)? != 0 => {
                Err(format!("drop {id} is confirmed: its votes are deleted and cannot come back"))
            }
            Some(_) => Ok(()),
        }
    }

    /// Undoes a drop that is not confirmed: its votes are as they were; how many.
    pub async fn restore(&self, id: i64) -> Result<u64, String> {
        let mut tx = self.pool().begin().await.map_err(error)?;
        self.unconfirmed(&mut tx, id).await?;
        let done = sqlx::query(
            "UPDATE votes SET state = before_drop, before_drop = NULL, drop_id = NULL WHERE drop_id = $1 AND state = 'dropped'",
        )
        .bind(id)
        .execute(&mut *tx)
        .await
        .map_err(error)?;
        sqlx::query("DELETE FROM drops WHERE id = $1").bind(id).execute(&mut *tx).await.map_err(error)?;
        tx.commit().await.map_err(error)?;
        Ok(done.rows_affected())
    }

    /// Confirms a drop: its votes are deleted for good; how many.
    pub async fn confirm(&self, id: i64) -> Result<u64, String> {
        let mut tx = self.pool().begin().await.map_err(error)?;
        self.unconfirmed(&mut tx, id).await?;
        let done = sqlx::query("DELETE FROM votes WHERE drop_id = $1 AND state = 'dropped'")
            .bind(id)
            .execute(&mut *tx)
            .await
            .map_err(error)?;
        sqlx::query("UPDATE drops SET confirmed = 1 WHERE id = $1").bind(id).execute(&mut *tx).await.map_err(error)?;
        tx.commit().await.map_err(error)?;
        Ok(done.rows_affected())
    }
}
