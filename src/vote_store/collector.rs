//! Votes and the deployer's vote collector: a vote is sent once it has settled, and the live
//! tallies are read again after each acknowledged one.

use super::*;

/// Milliseconds a vote settles before it is sent, so that a quick vote-and-undo or a double
/// click sends one vote or none, never one per click.
const SEND_DELAY_MS: u64 = 600;

impl VoteStore {
    pub(super) fn schedule_send(self, tool: String) {
        if self.endpoint.with_value(Option::is_none) {
            return;
        }
        let ticket = self.tickets.try_update_value(|t| {
            let n = t.entry(tool.clone()).or_insert(0);
            *n += 1;
            *n
        });
        set_timeout(
            move || {
                if self.tickets.with_value(|t| t.get(&tool).copied()) != ticket {
                    return; // A later click will send.
                }
                leptos::task::spawn_local(self.send(tool));
            },
            std::time::Duration::from_millis(SEND_DELAY_MS),
        );
    }

    async fn send(self, tool: String) {
        let Some(endpoint) = self.endpoint.get_value() else { return };
        let acked = self.acked.with_value(|a| a.get(&tool).copied());
        let now = self.votes.with_untracked(|v| v.get(&tool).copied());
        let vote = self.voter.with_value(|voter| {
            self.bundle.with_value(|b| verdicts_catalog::votes::vote_to_send(b, &tool, voter, acked, now))
        });
        let Some(vote) = vote else { return };
        let mut sent = self.send_with_proof(&endpoint, &vote).await;
        if sent == Sent::ProofRefused {
            // Expired while the visitor read, say: one more, freshly solved.
            self.drop_proof();
            sent = self.send_with_proof(&endpoint, &vote).await;
        }
        if let Sent::Taken(outcome) = sent {
            self.record(&tool, now, outcome);
            self.acked.update_value(|a| match now {
                Some(v) => {
                    a.insert(tool.clone(), v);
                }
                None => {
                    a.remove(&tool);
                }
            });
            self.acked.with_value(|a| self.save(ACKED_KEY, a));
            self.send_failed.set(false);
            self.refresh_tallies();
        } else {
            self.send_failed.set(true);
        }
    }

    /// Sends a vote with a solved challenge.
    async fn send_with_proof(self, endpoint: &str, vote: &verdicts_catalog::vote_protocol::Vote) -> Sent {
        let Some(proof) = self.take_proof().await else { return Sent::Failed };
        #[cfg(feature = "csr")]
        let sent = crate::api::send_vote(endpoint, vote, &proof).await;
        // Natively (the pages rendered at publish time) nothing is ever sent.
        #[cfg(not(feature = "csr"))]
        let sent = {
            let _ = (endpoint, vote, proof);
            Sent::Failed
        };
        sent
    }

    /// Reads the collector's tallies again; on failure the figures stay as they were (the
    /// bundle's counts and the visitor's own vote, at first).
    pub(super) fn refresh_tallies(self) {
        let Some(endpoint) = self.endpoint.get_value() else { return };
        let bundle = self.bundle.get_value();
        leptos::task::spawn_local(async move {
            // What the collector holds of this visitor as of this reading.
            let acked = self.acked.get_value();
            #[cfg(feature = "csr")]
            let tallies = crate::api::load_tallies(&endpoint, &bundle).await;
            #[cfg(not(feature = "csr"))]
            let tallies: Option<Tallies> = {
                let _ = (&endpoint, &bundle);
                None
            };
            if let Some(Tallies { tools, held, .. }) = tallies {
                self.live.set(Some(Live { tools, held, acked }));
            }
        });
    }
}
