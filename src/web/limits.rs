//! In-memory rate limits (GCRA, from `governor`): per client IP and per
//! account for sign-in.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::error::AppError;

pub struct Limiters {
    login_ip: DefaultKeyedRateLimiter<IpAddr>,
    login_account: DefaultKeyedRateLimiter<[u8; 32]>,
}

fn per_minute(n: u32) -> Quota {
    Quota::per_minute(NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN))
}

impl Limiters {
    pub fn new(auth: &crate::config::AuthConfig) -> Self {
        Limiters {
            login_ip: RateLimiter::keyed(per_minute(auth.login_per_ip_per_minute)),
            login_account: RateLimiter::keyed(per_minute(auth.login_per_account_per_minute)),
        }
    }

    /// Counts one sign-in attempt; 429 with the wait when over either limit.
    pub fn login_attempt(&self, ip: IpAddr, email: &str) -> Result<(), AppError> {
        let clock = DefaultClock::default();
        // The address first: a refused attempt must not grow the account map.
        // Accounts are keyed by a hash, so a huge "email" costs 32 bytes.
        let outcome = self.login_ip.check_key(&ip).and_then(|()| {
            let account = crate::crypto::token_hash(&email.trim().to_lowercase());
            self.login_account.check_key(&account)
        });
        let wait = match outcome {
            Ok(()) => return Ok(()),
            Err(e) => e.wait_time_from(clock.now()),
        };
        let secs = wait.as_secs().max(1);
        Err(AppError::RateLimited {
            message: format!("too many sign-in attempts; try again in {secs} seconds"),
            retry_after: Duration::from_secs(secs),
        })
    }

    /// Forgets keys that are back to full capacity, so memory stays small.
    pub fn shrink(&self) {
        self.login_ip.retain_recent();
        self.login_account.retain_recent();
    }
}
