//! How often each may write: a reader (per client address, IPv6 ones by
//! their /64, see `client.rs`), all readers together (one ceiling for every
//! reader write: comments, reports, deletions), each publisher's API key,
//! and sign-in attempts (per address and per moderator name). Beyond a limit
//! the answer is a 429 with `Retry-After` (at least 1 s).
//!
//! Counted in this process: N instances allow N times the rates (README).
//! The tables of keyed limits forget clients whose allowance is whole again
//! at most once a minute, so they grow with the clients of the last minutes,
//! never with every address ever seen.

use std::hash::Hash;
use std::marker::PhantomData;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use governor::clock::{Clock, DefaultClock};
use governor::state::keyed::DefaultKeyedStateStore;
use governor::{DefaultDirectRateLimiter, Quota, RateLimiter};

use crate::client::ClientIp;
use crate::{AppState, Error};

type Keyed<K> = RateLimiter<K, DefaultKeyedStateStore<K>, DefaultClock>;

/// How often readers may write: one client (see `client.rs`) `burst` comments
/// at once, then one more every `refill` (and as many reports and deletions,
/// counted apart); all readers together at most `ceiling` writes of any kind
/// per second (a flood from many addresses meets it). In this process.
#[derive(Clone, Copy, Debug)]
pub struct PostRate {
    pub burst: u32,
    pub refill: Duration,
    pub ceiling: u32,
}

impl Default for PostRate {
    fn default() -> Self {
        PostRate { burst: 5, refill: Duration::from_secs(10), ceiling: 100 }
    }
}

impl PostRate {
    /// Limits that never bite, for tests and benchmarks.
    pub fn unlimited() -> Self {
        PostRate { burst: 1_000_000, refill: Duration::from_millis(1), ceiling: 1_000_000 }
    }
}

/// How often the keyed tables are pruned.
const PRUNE_EVERY: Duration = Duration::from_secs(60);

/// What a reader writes, each counted on its own per client (and all
/// together against the server's ceiling).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ReaderAction {
    Post,
    Report,
    Delete,
    Recommend,
}

/// The server's rate limits.
pub struct Throttle {
    /// Per client and action.
    readers: Keyed<(ReaderAction, IpAddr)>,
    /// Every reader write together.
    reader_ceiling: DefaultDirectRateLimiter,
    /// Publishing writes (`PUT`, `DELETE`, imports) per API key.
    publishing: Keyed<i64>,
    /// URL imports per API key: each fetches a page and runs Readability.
    imports: Keyed<i64>,
    /// Sign-in attempts per client address.
    sign_in_clients: Keyed<IpAddr>,
    /// Sign-in attempts per moderator name (lower-cased, as typed).
    sign_in_names: Keyed<String>,
    last_prune: Mutex<Instant>,
}

fn quota(burst: u32, refill: Duration) -> Quota {
    // Zero would be refused by governor: at least 1 and 1 ms.
    let burst = NonZeroU32::new(burst.max(1)).expect("at least 1");
    Quota::with_period(refill.max(Duration::from_millis(1))).expect("a period above zero").allow_burst(burst)
}

/// Publishing requests one key may make at once, then one more a second.
pub const PUBLISHING_BURST: u32 = 60;
/// URL imports one key may start at once…
pub const IMPORT_BURST: u32 = 10;
/// …then one more every this often.
pub const IMPORT_REFILL: Duration = Duration::from_secs(6);
/// Sign-in attempts from one address at once, then one every [`SIGN_IN_REFILL`].
pub const SIGN_IN_BURST: u32 = 5;
pub const SIGN_IN_REFILL: Duration = Duration::from_secs(12);
/// Sign-in attempts on one moderator name at once, from anywhere, then one every [`NAME_REFILL`].
pub const NAME_BURST: u32 = 10;
pub const NAME_REFILL: Duration = Duration::from_secs(30);

impl Throttle {
    pub fn new(rate: PostRate) -> Throttle {
        let ceiling = rate.ceiling.max(1);
        Throttle {
            readers: RateLimiter::keyed(quota(rate.burst, rate.refill)),
            reader_ceiling: RateLimiter::direct(quota(ceiling, Duration::from_secs(1) / ceiling)),
            publishing: RateLimiter::keyed(quota(PUBLISHING_BURST, Duration::from_secs(1))),
            imports: RateLimiter::keyed(quota(IMPORT_BURST, IMPORT_REFILL)),
            sign_in_clients: RateLimiter::keyed(quota(SIGN_IN_BURST, SIGN_IN_REFILL)),
            sign_in_names: RateLimiter::keyed(quota(NAME_BURST, NAME_REFILL)),
            last_prune: Mutex::new(Instant::now()),
        }
    }

    /// Counts a reader's write: their own allowance for this action first,
    /// so that one client's flood never spends the shared ceiling.
    pub fn reader(&self, action: ReaderAction, client: IpAddr) -> Result<(), Error> {
        self.prune_now_and_then();
        check(self.readers.check_key(&(action, client)), "from this address")?;
        check(self.reader_ceiling.check(), "on this server right now")
    }

    /// Counts a publishing request of API key `key`.
    pub fn publishing(&self, key: i64) -> Result<(), Error> {
        self.prune_now_and_then();
        check(self.publishing.check_key(&key), "with this API key")
    }

    /// Counts a URL import of API key `key` (on top of [`Throttle::publishing`]).
    pub fn import(&self, key: i64) -> Result<(), Error> {
        check(self.imports.check_key(&key), "with this API key")
    }

    /// Counts a sign-in attempt from `client` on the name `name`; the error
    /// says how many seconds to wait.
    pub fn sign_in(&self, client: IpAddr, name: &str) -> Result<(), u64> {
        self.prune_now_and_then();
        let wait = |outcome: Result<(), governor::NotUntil<_>>| outcome.map_err(|until| retry_after(&until));
        wait(self.sign_in_clients.check_key(&client))?;
        wait(self.sign_in_names.check_key(&name.to_lowercase()))
    }

    /// Keys held in the keyed tables (for tests of the pruning).
    pub fn keys_held(&self) -> usize {
        self.readers.len()
            + self.publishing.len()
            + self.imports.len()
            + self.sign_in_clients.len()
            + self.sign_in_names.len()
    }

    /// Forgets every key whose allowance is whole again.
    pub fn prune(&self) {
        fn prune<K: Clone + Hash + Eq>(limiter: &Keyed<K>) {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
        prune(&self.readers);
        prune(&self.publishing);
        prune(&self.imports);
        prune(&self.sign_in_clients);
        prune(&self.sign_in_names);
    }

    fn prune_now_and_then(&self) {
        let due = {
            let mut last = self.last_prune.lock().unwrap_or_else(|e| e.into_inner());
            let due = last.elapsed() >= PRUNE_EVERY;
            if due {
                *last = Instant::now();
            }
            due
        };
        if due {
            self.prune();
        }
    }
}

/// Seconds until `until`, rounded up, at least 1 (a `Retry-After: 0` would invite a retry storm).
fn retry_after(until: &governor::NotUntil<<DefaultClock as Clock>::Instant>) -> u64 {
    let wait = until.wait_time_from(DefaultClock::default().now());
    (wait.as_secs() + u64::from(wait.subsec_nanos() > 0)).max(1)
}

fn check(outcome: Result<(), governor::NotUntil<<DefaultClock as Clock>::Instant>>, whose: &str) -> Result<(), Error> {
    outcome.map_err(|until| Error::too_many_requests(whose, retry_after(&until)))
}

/// Extractor: a reader's write of kind `A`, allowed by [`Throttle::reader`]
/// (a 429 past it). Put it before the body's extractor, so that a flood is
/// turned away before its bodies are read.
pub struct Allowed<A>(PhantomData<A>);

/// The kinds of reader writes, as types for [`Allowed`].
pub trait Action {
    const ACTION: ReaderAction;
}

pub struct Posting;
pub struct Reporting;
pub struct Deleting;
pub struct Recommending;

impl Action for Posting {
    const ACTION: ReaderAction = ReaderAction::Post;
}
impl Action for Reporting {
    const ACTION: ReaderAction = ReaderAction::Report;
}
impl Action for Deleting {
    const ACTION: ReaderAction = ReaderAction::Delete;
}
impl Action for Recommending {
    const ACTION: ReaderAction = ReaderAction::Recommend;
}

impl<A: Action> FromRequestParts<AppState> for Allowed<A> {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Error> {
        let ClientIp(client) = ClientIp::from_request_parts(parts, state).await.unwrap_or_else(|e| match e {});
        state.throttle.reader(A::ACTION, client)?;
        Ok(Allowed(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_past_its_burst_waits_and_others_do_not() {
        let throttle = Throttle::new(PostRate { burst: 2, refill: Duration::from_secs(10), ceiling: 100 });
        let a: IpAddr = "203.0.113.1".parse().unwrap();
        let b: IpAddr = "203.0.113.2".parse().unwrap();
        assert!(throttle.reader(ReaderAction::Post, a).is_ok());
        assert!(throttle.reader(ReaderAction::Post, a).is_ok());
        let Err(Error::TooManyRequests { retry_after, .. }) = throttle.reader(ReaderAction::Post, a) else {
            panic!("a third post at once is refused")
        };
        assert!((1..=10).contains(&retry_after), "{retry_after}");
        assert!(throttle.reader(ReaderAction::Report, a).is_ok(), "each action has its own allowance");
        assert!(throttle.reader(ReaderAction::Post, b).is_ok());
    }

    #[test]
    fn the_ceiling_counts_every_kind_of_reader_write() {
        let throttle = Throttle::new(PostRate { burst: 100, refill: Duration::from_secs(1), ceiling: 3 });
        let client = |n: u8| IpAddr::from([203, 0, 113, n]);
        assert!(throttle.reader(ReaderAction::Post, client(1)).is_ok());
        assert!(throttle.reader(ReaderAction::Report, client(2)).is_ok());
        assert!(throttle.reader(ReaderAction::Delete, client(3)).is_ok());
        assert!(matches!(throttle.reader(ReaderAction::Post, client(4)), Err(Error::TooManyRequests { .. })));
    }

    #[test]
    fn clients_whose_allowance_is_whole_again_are_forgotten() {
        let throttle = Throttle::new(PostRate { burst: 1, refill: Duration::from_millis(5), ceiling: 1_000_000 });
        for n in 0..1000u16 {
            let _ = throttle.reader(ReaderAction::Post, IpAddr::from([10, 0, (n >> 8) as u8, n as u8]));
        }
        assert_eq!(throttle.keys_held(), 1000);
        std::thread::sleep(Duration::from_millis(20));
        throttle.prune();
        assert_eq!(throttle.keys_held(), 0);
    }
}
