//! The rendered pages and images kept in memory, bounded in bytes, least recently used out
//! first ([`lru`]).
//!
//! A render is kept only once a second client has asked for it within [`PageCache::window`]:
//! the first request is remembered (its key and the client, in a doorkeeper bounded in entries)
//! and answered from a fresh render. So one client asking for any number of distinct pairs never
//! puts a page in the cache, and cannot push out the pages many people read; a page read once
//! costs a render and a few dozen bytes of memory, never a cached copy.

use std::net::IpAddr;
use std::num::NonZeroUsize;
use std::sync::Arc;
use std::time::{Duration, Instant};

use lru::LruCache;

/// A rendered answer: its bytes and its content type.
#[derive(Clone, Debug)]
pub struct Rendered {
    pub body: Arc<[u8]>,
    pub content_type: &'static str,
    /// A strong validator of the body (its content hash, quoted).
    pub etag: String,
}

impl Rendered {
    pub fn new(body: Vec<u8>, content_type: &'static str) -> Rendered {
        let etag = format!("\"{}\"", content_hash_of(&body));
        Rendered { body: body.into(), content_type, etag }
    }

    /// What it costs to keep: its bytes and its key's, with a fixed allowance for the rest.
    fn weight(&self, key: &str) -> usize {
        self.body.len() + key.len() + self.etag.len() + 64
    }
}

/// A 64-bit hash of bytes, as 16 hex digits (for `ETag`s; not a security property).
fn content_hash_of(bytes: &[u8]) -> String {
    use std::hash::Hasher;
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    hasher.write(bytes);
    format!("{:016x}", hasher.finish())
}

/// What the cache holds and how it decides.
pub struct PageCache {
    pages: LruCache<String, Rendered>,
    bytes: usize,
    max_bytes: usize,
    /// Keys asked for once, by whom and when.
    seen: LruCache<String, (IpAddr, Instant)>,
    window: Duration,
}

impl PageCache {
    /// A cache of at most `max_bytes` of pages, remembering up to `doorkeeper` first requests
    /// for `window`.
    pub fn new(max_bytes: usize, doorkeeper: usize, window: Duration) -> PageCache {
        PageCache {
            pages: LruCache::unbounded(),
            bytes: 0,
            max_bytes,
            seen: LruCache::new(NonZeroUsize::new(doorkeeper).unwrap_or(NonZeroUsize::MIN)),
            window,
        }
    }

    /// The page under `key`, marked as just used.
    pub fn get(&mut self, key: &str) -> Option<Rendered> {
        self.pages.get(key).cloned()
    }

    /// Offers a fresh render of `key`, asked for by `client`: kept when another client asked for
    /// it within the window, else remembered as asked for once. Returns whether it was kept.
    pub fn offer(&mut self, key: &str, client: IpAddr, rendered: &Rendered, now: Instant) -> bool {
        let asked_before = match self.seen.get(key) {
            Some((first, when)) => *first != client && now.saturating_duration_since(*when) <= self.window,
            None => false,
        };
        if !asked_before {
            // The same client again, or too late: the window starts again from this request.
            self.seen.put(key.to_string(), (client, now));
            return false;
        }
        self.seen.pop(key);
        let weight = rendered.weight(key);
        if weight > self.max_bytes {
            return false;
        }
        if let Some(old) = self.pages.put(key.to_string(), rendered.clone()) {
            self.bytes -= old.weight(key);
        }
        self.bytes += weight;
        while self.bytes > self.max_bytes {
            match self.pages.pop_lru() {
                Some((k, v)) => self.bytes -= v.weight(&k),
                None => break,
            }
        }
        true
    }

    /// Bytes held.
    pub fn bytes(&self) -> usize {
        self.bytes
    }

    /// Pages held.
    pub fn len(&self) -> usize {
        self.pages.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pages.is_empty()
    }

    /// Whether `key` is held (without marking it used).
    pub fn contains(&self, key: &str) -> bool {
        self.pages.contains(key)
    }

    /// Forgets everything (a new publish).
    pub fn clear(&mut self) {
        self.pages.clear();
        self.seen.clear();
        self.bytes = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::Ipv4Addr;

    fn ip(n: u8) -> IpAddr {
        IpAddr::V4(Ipv4Addr::new(10, 0, 0, n))
    }

    fn page(bytes: usize) -> Rendered {
        Rendered::new(vec![b'x'; bytes], "text/html; charset=utf-8")
    }

    #[test]
    fn a_page_is_kept_once_a_second_client_asks_within_the_window() {
        let now = Instant::now();
        let mut cache = PageCache::new(10_000, 100, Duration::from_secs(60));
        assert!(!cache.offer("a", ip(1), &page(100), now), "asked once");
        assert!(!cache.offer("a", ip(1), &page(100), now), "the same client again");
        assert!(cache.offer("a", ip(2), &page(100), now), "a second client");
        assert!(cache.get("a").is_some());
        assert!(!cache.offer("b", ip(1), &page(100), now));
        assert!(!cache.offer("b", ip(2), &page(100), now + Duration::from_secs(61)), "too late");
    }

    #[test]
    fn one_client_flooding_distinct_pages_evicts_nothing_and_bytes_stay_bounded() {
        let now = Instant::now();
        let mut cache = PageCache::new(2_000, 50, Duration::from_secs(60));
        for key in ["popular-1", "popular-2"] {
            cache.offer(key, ip(1), &page(500), now);
            cache.offer(key, ip(2), &page(500), now);
        }
        for n in 0..10_000 {
            let key = format!("flood-{n}");
            cache.offer(&key, ip(9), &page(500), now);
            cache.offer(&key, ip(9), &page(500), now);
        }
        assert!(cache.contains("popular-1") && cache.contains("popular-2"));
        assert_eq!(cache.len(), 2);
        assert!(cache.seen.len() <= 50, "the doorkeeper is bounded too");
        // Many clients do fill it, but never past its bytes.
        for n in 0..100u8 {
            let key = format!("shared-{n}");
            cache.offer(&key, ip(n), &page(500), now);
            cache.offer(&key, ip(n.wrapping_add(1)), &page(500), now);
            assert!(cache.bytes() <= 2_000);
        }
    }
}
