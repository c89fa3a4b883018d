//! Per-address limits: how often an address may open a connection, and how many wrong codes
//! it may try, as token buckets (a burst, then one more every `every`).

use std::collections::HashMap;
use std::net::IpAddr;
use std::time::{Duration, Instant};

/// A burst of `burst`, then one more every `every`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    pub burst: u32,
    pub every: Duration,
}

impl Rate {
    pub const fn new(burst: u32, every: Duration) -> Self {
        Self { burst, every }
    }
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

/// Token buckets per address. Buckets that have filled up again are forgotten, so the
/// table holds only the addresses seen lately.
#[derive(Debug)]
pub struct AddressLimit {
    rate: Rate,
    buckets: HashMap<IpAddr, Bucket>,
}

impl AddressLimit {
    pub fn new(rate: Rate) -> Self {
        Self {
            rate,
            buckets: HashMap::new(),
        }
    }

    /// Whether `address` has a token left now (without taking it).
    pub fn allows(&mut self, address: IpAddr, now: Instant) -> bool {
        self.refill(address, now).is_none_or(|b| b.tokens >= 1.0)
    }

    /// Takes a token; false if there was none.
    pub fn take(&mut self, address: IpAddr, now: Instant) -> bool {
        let burst = f64::from(self.rate.burst);
        let bucket = self.buckets.entry(address).or_insert(Bucket {
            tokens: burst,
            at: now,
        });
        refill(bucket, self.rate, now);
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            true
        } else {
            false
        }
    }

    fn refill(&mut self, address: IpAddr, now: Instant) -> Option<&Bucket> {
        let rate = self.rate;
        let bucket = self.buckets.get_mut(&address)?;
        refill(bucket, rate, now);
        if bucket.tokens >= f64::from(rate.burst) {
            self.buckets.remove(&address);
            return None;
        }
        self.buckets.get(&address)
    }
}

fn refill(bucket: &mut Bucket, rate: Rate, now: Instant) {
    let elapsed = now.saturating_duration_since(bucket.at);
    let gained = if rate.every.is_zero() {
        f64::INFINITY
    } else {
        elapsed.as_secs_f64() / rate.every.as_secs_f64()
    };
    bucket.tokens = (bucket.tokens + gained).min(f64::from(rate.burst));
    bucket.at = now;
}
