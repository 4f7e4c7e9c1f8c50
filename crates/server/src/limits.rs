//! The per-client rate limit: [`governor`]'s keyed limiter (GCRA, the same answers as a token
//! bucket), one state per IP address, in memory only (addresses are never written anywhere).
//! A client may send `burst` votes at once, then `rate` a second; an address whose allowance is
//! full again is forgotten by [`RateLimiter::forget_idle`], which the collector calls every few
//! seconds, so memory follows the addresses voting now. [`WithinRateLimit`] applies it to a
//! request, by the client's address, before its body is read.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::HeaderMap;

use governor::clock::{Clock, DefaultClock};
use governor::middleware::NoOpMiddleware;
use governor::state::keyed::DefaultKeyedStateStore;
use governor::Quota;

use crate::error::ApiError;
use crate::Shared;

/// The slowest rate: one vote in 1,000 s.
const MIN_RATE: f64 = 0.001;

/// Votes a client may send: `rate` a second on average, `burst` at once.
pub struct RateLimiter<C: Clock = DefaultClock> {
    limiter: governor::RateLimiter<IpAddr, DefaultKeyedStateStore<IpAddr>, C, NoOpMiddleware<C::Instant>>,
}

/// One vote every `1 / rate` seconds (a fractional rate is fine), `burst` at once.
fn quota(rate: f64, burst: u32) -> Quota {
    let period = Duration::try_from_secs_f64(1.0 / rate.max(MIN_RATE))
        .unwrap_or(Duration::from_nanos(1))
        .max(Duration::from_nanos(1));
    let burst = NonZeroU32::new(burst).unwrap_or(NonZeroU32::MIN);
    Quota::with_period(period).unwrap_or(Quota::per_second(NonZeroU32::MAX)).allow_burst(burst)
}

impl RateLimiter {
    pub fn new(rate: f64, burst: u32) -> RateLimiter {
        RateLimiter::with_clock(rate, burst, DefaultClock::default())
    }
}

impl<C: Clock> RateLimiter<C> {
    /// A limiter reading the time from `clock`.
    pub fn with_clock(rate: f64, burst: u32, clock: C) -> RateLimiter<C> {
        RateLimiter { limiter: governor::RateLimiter::dashmap_with_clock(quota(rate, burst), clock) }
    }

    /// Counts a vote from `ip`; else how long until it may vote again.
    pub fn take(&self, ip: IpAddr) -> Result<(), Duration> {
        self.limiter.check_key(&ip).map_err(|not_until| not_until.wait_time_from(self.limiter.clock().now()))
    }

    /// Forgets the addresses whose allowance is full again: they are as good as new.
    pub fn forget_idle(&self) {
        self.limiter.retain_recent();
        self.limiter.shrink_to_fit();
    }

    /// How many addresses are remembered.
    pub fn len(&self) -> usize {
        self.limiter.len()
    }

    pub fn is_empty(&self) -> bool {
        self.limiter.is_empty()
    }
}

/// The client's address: the connection's peer, or behind a trusted proxy the last
/// `X-Forwarded-For` entry. The site server (`verdicts-site`) keys its render limit by it too.
pub fn client_ip(trust_forwarded_for: bool, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
    if trust_forwarded_for {
        let forwarded = headers.get_all("x-forwarded-for").iter().filter_map(|v| v.to_str().ok()).next_back();
        if let Some(ip) = forwarded.and_then(|v| v.rsplit(',').next()).and_then(|ip| ip.trim().parse().ok()) {
            return ip;
        }
    }
    peer
}

/// The client is within its rate; else `429 rate_limited` with `Retry-After`. An extractor of
/// the request's head, so the check comes before the body is read. It holds the client's
/// address, for the daily limit (hashed before anything is written).
pub(crate) struct WithinRateLimit(pub IpAddr);

impl FromRequestParts<Arc<Shared>> for WithinRateLimit {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, shared: &Arc<Shared>) -> Result<Self, ApiError> {
        // `start` always serves the peers' addresses; without them all would share one allowance.
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |ConnectInfo(peer)| peer.ip());
        let ip = client_ip(shared.options.trust_forwarded_for, peer, &parts.headers);
        match shared.limiter.take(ip) {
            Ok(()) => Ok(WithinRateLimit(ip)),
            Err(wait) => Err(ApiError::RateLimited { seconds: wait.as_secs_f64().ceil().max(1.0) as u64 }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;
    use governor::clock::FakeRelativeClock;

    #[test]
    fn a_burst_then_the_rate() {
        let clock = FakeRelativeClock::default();
        let limiter = RateLimiter::with_clock(2.0, 3, clock.clone());
        let (ip, other): (IpAddr, IpAddr) = ([10, 0, 0, 1].into(), [10, 0, 0, 2].into());
        for _ in 0..3 {
            assert!(limiter.take(ip).is_ok());
        }
        let wait = limiter.take(ip);
        assert!(wait.is_err_and(|w| (w.as_secs_f64() - 0.5).abs() < 0.01), "{wait:?}");
        assert!(limiter.take(other).is_ok(), "another client has its own allowance");
        clock.advance(Duration::from_millis(500));
        assert!(limiter.take(ip).is_ok(), "refilled at the rate");
        assert!(limiter.take(ip).is_err());
    }

    #[test]
    fn a_fractional_rate() {
        let clock = FakeRelativeClock::default();
        let limiter = RateLimiter::with_clock(0.25, 1, clock.clone());
        let ip: IpAddr = [10, 0, 0, 1].into();
        assert!(limiter.take(ip).is_ok());
        let wait = limiter.take(ip);
        assert!(wait.is_err_and(|w| (w.as_secs_f64() - 4.0).abs() < 0.01), "{wait:?}");
        clock.advance(Duration::from_millis(3900));
        assert!(limiter.take(ip).is_err(), "not before 4 s");
        clock.advance(Duration::from_millis(100));
        assert!(limiter.take(ip).is_ok());
    }

    #[test]
    fn full_allowances_are_forgotten() {
        let clock = FakeRelativeClock::default();
        let limiter = RateLimiter::with_clock(10.0, 5, clock.clone());
        for i in 0..100u8 {
            assert!(limiter.take([10, 0, 0, i].into()).is_ok());
        }
        assert_eq!(limiter.len(), 100);
        limiter.forget_idle();
        assert_eq!(limiter.len(), 100, "each has used part of its allowance");
        clock.advance(Duration::from_secs(1));
        limiter.forget_idle();
        assert!(limiter.is_empty(), "all are full again");
    }

    #[test]
    fn the_forwarded_address_only_when_trusted() {
        let peer: IpAddr = [127, 0, 0, 1].into();
        let mut headers = HeaderMap::new();
        headers.append("x-forwarded-for", HeaderValue::from_static("10.0.0.1, 10.0.0.2"));
        headers.append("x-forwarded-for", HeaderValue::from_static("10.0.0.3"));
        assert_eq!(client_ip(false, peer, &headers), peer);
        assert_eq!(client_ip(true, peer, &headers), IpAddr::from([10, 0, 0, 3]));
        assert_eq!(client_ip(true, peer, &HeaderMap::new()), peer);
    }
}
