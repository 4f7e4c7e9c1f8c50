//! The collector's secrets, kept in the database so that every instance signs and hashes alike:
//! the challenges' signing key, and each day's key for hashing networks (deleted with the day).

use sqlx::{AnyPool, Row};

use super::{error, Store};

fn random_hex(bytes: usize) -> Result<String, String> {
    let mut key = vec![0u8; bytes];
    getrandom::getrandom(&mut key).map_err(|e| format!("no randomness: {e}"))?;
    Ok(verdicts_catalog::vote_proof::to_hex(&key))
}

impl Store {
    /// The secret named `name`: made by whichever collector asks first, read by the others.
    pub(super) async fn shared_secret(pool: &AnyPool, name: &str, day: i64) -> Result<String, String> {
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
}
