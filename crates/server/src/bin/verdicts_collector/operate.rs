//! The operator's commands for held votes: review, accept, drop, restore, confirm (see
//! `review.rs` in the library and docs/collector.md).

use verdicts_server::rfc3339;
use verdicts_server::store::Store;

/// The operator's commands for held votes.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum Command {
    /// Lists the votes held now (by tool and hour: networks and votes) and the drops.
    Review {
        #[arg(long, value_name = "FILE.sqlite | postgres://…")]
        db: String,
    },
    /// Counts the held votes of a tool cast in a time range.
    Accept(Range),
    /// Takes every vote of a tool cast in a time range out of the tallies (one transaction,
    /// logged, undone by `restore` until `confirm`).
    Drop(Range),
    /// Undoes a drop that is not confirmed.
    Restore(DropId),
    /// Confirms a drop: its votes are deleted for good.
    Confirm(DropId),
}

#[derive(Debug, clap::Args)]
pub(crate) struct Range {
    #[arg(long, value_name = "FILE.sqlite | postgres://…")]
    pub(crate) db: String,
    /// The tool's id.
    #[arg(long, value_name = "ID")]
    pub(crate) tool: String,
    /// From this time (RFC 3339, e.g. 2026-12-06T13:00:00Z) …
    #[arg(long, value_name = "TIME", value_parser = rfc3339_time)]
    pub(crate) since: i64,
    /// … until before this one.
    #[arg(long, value_name = "TIME", value_parser = rfc3339_time)]
    pub(crate) until: i64,
}

#[derive(Debug, clap::Args)]
pub(crate) struct DropId {
    #[arg(long, value_name = "FILE.sqlite | postgres://…")]
    pub(crate) db: String,
    /// The drop's number, as `drop` and `review` print it.
    #[arg(long = "drop", value_name = "N")]
    pub(crate) id: i64,
}

/// A time in RFC 3339, as unix seconds.
fn rfc3339_time(value: &str) -> Result<i64, String> {
    time::OffsetDateTime::parse(value, &time::format_description::well_known::Rfc3339)
        .map(|t| t.unix_timestamp())
        .map_err(|_| "expected a time like 2026-12-06T13:00:00Z".into())
}

fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// Runs an operator's command; what to print.
pub(crate) async fn operate(command: Command) -> Result<String, String> {
    let db = match &command {
        Command::Review { db } => db,
        Command::Accept(r) | Command::Drop(r) => &r.db,
        Command::Restore(d) | Command::Confirm(d) => &d.db,
    };
    let store = Store::open(db).await?;
    let said = match command {
        Command::Review { .. } => {
            let mut lines = vec!["Held votes (counted once accepted, or when their time comes):".to_string()];
            let bursts = store.held_bursts(now()).await?;
            if bursts.is_empty() {
                lines.push("  none".into());
            }
            for b in bursts {
                lines.push(format!(
                    "  {}  {} … {}  {} networks, {} votes  (bundle {})",
                    b.tool,
                    rfc3339(b.first),
                    rfc3339(b.last),
                    b.networks,
                    b.votes,
                    b.bundle
                ));
            }
            lines.push("Drops:".into());
            let drops = store.drops().await?;
            if drops.is_empty() {
                lines.push("  none".into());
            }
            for d in drops {
                lines.push(format!(
                    "  #{}  {}  {} … {}  {} votes, at {}  {}",
                    d.id,
                    d.tool,
                    rfc3339(d.since),
                    rfc3339(d.until),
                    d.votes,
                    rfc3339(d.at),
                    if d.confirmed { "confirmed (deleted)" } else { "not confirmed: `restore` undoes it" }
                ));
            }
            lines.join("\n")
        }
        Command::Accept(r) => {
            let n = store.accept(&r.tool, r.since, r.until).await?;
            format!(
                "Accepted {n} held votes for {} cast {} … {}: they count now.",
                r.tool,
                rfc3339(r.since),
                rfc3339(r.until)
            )
        }
        Command::Drop(r) => {
            let (id, n) = store.drop_votes(&r.tool, r.since, r.until, now()).await?;
            tracing::warn!(drop = id, tool = %r.tool, since = %rfc3339(r.since), until = %rfc3339(r.until), votes = n, "votes dropped");
            format!(
                "Dropped {n} votes for {} cast {} … {} as drop #{id}: out of the tallies now. \
                 `verdicts-collector restore --drop {id}` undoes it; `verdicts-collector confirm --drop {id}` deletes them.",
                r.tool,
                rfc3339(r.since),
                rfc3339(r.until)
            )
        }
        Command::Restore(d) => {
            let n = store.restore(d.id).await?;
            tracing::warn!(drop = d.id, votes = n, "drop undone");
            format!("Drop #{} undone: {n} votes are as they were.", d.id)
        }
        Command::Confirm(d) => {
            let n = store.confirm(d.id).await?;
            tracing::warn!(drop = d.id, votes = n, "drop confirmed");
            format!("Drop #{} confirmed: {n} votes deleted.", d.id)
        }
    };
    store.close().await;
    Ok(said)
}
