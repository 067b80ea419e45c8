//! In-memory rate limits (GCRA, from `governor`): per client IP and per
//! account for sign-in.

use crate::telemetry::Limit;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::error::AppError;
use crate::i18n::Msg;

pub struct Limiters {
    login_ip: DefaultKeyedRateLimiter<IpAddr>,
    /// Public joins (link or code) per address: each costs a password hash
    /// and notifies every admin.
    join_ip: DefaultKeyedRateLimiter<IpAddr>,
    login_account: DefaultKeyedRateLimiter<[u8; 32]>,
    /// Public bookings per address: each sends two mails. None: no limit.
    book_ip: Option<DefaultKeyedRateLimiter<IpAddr>>,
}

fn per_minute(n: u32) -> Quota {
    Quota::per_minute(NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN))
}

impl Limiters {
    pub fn new(auth: &crate::config::AuthConfig, booking: &crate::config::BookingConfig) -> Self {
        Limiters {
            book_ip: (booking.bookings_per_ip_per_minute > 0)
                .then(|| RateLimiter::keyed(per_minute(booking.bookings_per_ip_per_minute))),
            login_ip: RateLimiter::keyed(per_minute(auth.login_per_ip_per_minute)),
            join_ip: RateLimiter::keyed(per_minute(5)),
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
        crate::telemetry::refused(Limit::SignIn);
        Err(AppError::RateLimited {
            message: Msg::key("err-rate-sign-in").arg("seconds", secs),
            retry_after: Duration::from_secs(secs),
        })
    }

    /// Counts one public join attempt from `ip`.
    pub fn join_attempt(&self, ip: IpAddr) -> Result<(), AppError> {
        let clock = DefaultClock::default();
        self.join_ip.check_key(&ip).map_err(|e| {
            let secs = e.wait_time_from(clock.now()).as_secs().max(1);
            crate::telemetry::refused(Limit::Join);
            AppError::RateLimited {
                message: Msg::key("err-rate-join").arg("seconds", secs),
                retry_after: Duration::from_secs(secs),
            }
        })
    }

    /// Counts one public booking from `ip`.
    pub fn booking_attempt(&self, ip: IpAddr) -> Result<(), AppError> {
        let Some(limiter) = &self.book_ip else {
            return Ok(());
        };
        let clock = DefaultClock::default();
        limiter.check_key(&ip).map_err(|e| {
            let secs = e.wait_time_from(clock.now()).as_secs().max(1);
            crate::telemetry::refused(Limit::Booking);
            AppError::RateLimited {
                message: Msg::key("err-rate-booking").arg("seconds", secs),
                retry_after: Duration::from_secs(secs),
            }
        })
    }

    /// Forgets keys that are back to full capacity, so memory stays small.
    pub fn shrink(&self) {
        if let Some(l) = &self.book_ip {
            l.retain_recent();
        }
        self.join_ip.retain_recent();
        self.login_ip.retain_recent();
        self.login_account.retain_recent();
    }
}

/// Join codes are short, so guessing is stopped per address: after
/// `MAX_BAD_CODES` wrong codes an address is locked for `LOCK`.
pub struct CodeGuard {
    failures: std::sync::Mutex<std::collections::HashMap<IpAddr, (u32, std::time::Instant)>>,
}

const MAX_BAD_CODES: u32 = 5;
const LOCK: Duration = Duration::from_secs(15 * 60);

impl Default for CodeGuard {
    fn default() -> Self {
        CodeGuard {
            failures: std::sync::Mutex::new(std::collections::HashMap::new()),
        }
    }
}

impl CodeGuard {
    pub fn check(&self, ip: IpAddr) -> Result<(), AppError> {
        let Ok(mut map) = self.failures.lock() else {
            return Ok(());
        };
        if let Some((count, since)) = map.get(&ip).copied() {
            let elapsed = since.elapsed();
            if elapsed > LOCK {
                map.remove(&ip);
            } else if count >= MAX_BAD_CODES {
                let secs = (LOCK - elapsed).as_secs().max(1);
                crate::telemetry::refused(Limit::JoinCode);
                return Err(AppError::RateLimited {
                    message: Msg::key("err-rate-join-codes").arg("minutes", secs.div_ceil(60)),
                    retry_after: Duration::from_secs(secs),
                });
            }
        }
        Ok(())
    }

    pub fn failed(&self, ip: IpAddr) {
        if let Ok(mut map) = self.failures.lock() {
            let entry = map.entry(ip).or_insert((0, std::time::Instant::now()));
            entry.0 += 1;
            if map.len() > 100_000 {
                map.retain(|_, (_, since)| since.elapsed() < LOCK);
            }
        }
    }
}
