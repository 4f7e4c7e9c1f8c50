//! The render queue: at most `workers` renders at once, each on a blocking thread, and at most
//! `max_waiting` requests waiting for one; past that, or after waiting `max_wait`, a request is
//! turned away ([`Busy`], answered `503` with `Retry-After`). Static files and cached pages never
//! pass through it, so they stay fast while renders queue.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Semaphore;

/// The queue is full, or the wait was too long.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Busy;

/// Renders run here.
pub struct RenderQueue {
    workers: Arc<Semaphore>,
    waiting: AtomicUsize,
    max_waiting: usize,
    max_wait: Duration,
}

/// Counts a waiting request for as long as it lives.
struct Waiting<'a>(&'a AtomicUsize);

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

impl RenderQueue {
    pub fn new(workers: usize, max_waiting: usize, max_wait: Duration) -> RenderQueue {
        RenderQueue {
            workers: Arc::new(Semaphore::new(workers.max(1))),
            waiting: AtomicUsize::new(0),
            max_waiting,
            max_wait,
        }
    }

    /// Runs `work` on a blocking thread once a worker is free.
    pub async fn run<T: Send + 'static>(&self, work: impl FnOnce() -> T + Send + 'static) -> Result<T, Busy> {
        let permit = {
            if self.waiting.fetch_add(1, Ordering::AcqRel) >= self.max_waiting {
                self.waiting.fetch_sub(1, Ordering::AcqRel);
                return Err(Busy);
            }
            let _waiting = Waiting(&self.waiting);
            match tokio::time::timeout(self.max_wait, self.workers.clone().acquire_owned()).await {
                Ok(Ok(permit)) => permit,
                _ => return Err(Busy),
            }
        };
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            work()
        })
        .await
        .map_err(|_| Busy)
    }

    /// Requests waiting for a worker now.
    pub fn waiting(&self) -> usize {
        self.waiting.load(Ordering::Acquire)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    #[tokio::test]
    async fn past_its_waiting_room_the_queue_turns_requests_away() {
        let queue = Arc::new(RenderQueue::new(1, 2, Duration::from_secs(10)));
        let (release, hold) = mpsc::channel::<()>();
        let hold = Arc::new(std::sync::Mutex::new(hold));
        // One render holds the only worker until released.
        let busy = {
            let (queue, hold) = (queue.clone(), hold.clone());
            tokio::spawn(async move { queue.run(move || hold.lock().map(|h| h.recv().is_ok()).unwrap_or(false)).await })
        };
        while queue.workers.available_permits() > 0 {
            tokio::task::yield_now().await;
        }
        let waiters: Vec<_> = (0..2)
            .map(|_| {
                let queue = queue.clone();
                tokio::spawn(async move { queue.run(|| 1).await })
            })
            .collect();
        while queue.waiting() < 2 {
            tokio::task::yield_now().await;
        }
        assert_eq!(queue.run(|| 1).await, Err(Busy), "a third waiter is turned away");
        release.send(()).ok();
        assert_eq!(busy.await.ok(), Some(Ok(true)));
        for w in waiters {
            assert_eq!(w.await.ok(), Some(Ok(1)));
        }
        assert_eq!(queue.waiting(), 0);
    }
}
