//! Exponential backoff with jitter.

use std::time::Duration;

use rand::RngExt;

const CAP: Duration = Duration::from_secs(6 * 3600);

/// Wait before attempt `attempt + 1`: base × 2^(attempt−1), capped at six
/// hours, then spread by ±20% so a burst of failures does not retry in step.
pub fn delay(base: Duration, attempt: u32) -> chrono::Duration {
    let factor = 2u32.saturating_pow(attempt.saturating_sub(1).min(20));
    let plain = base.saturating_mul(factor).min(CAP);
    let jitter = rand::rng().random_range(0.8..1.2);
    let secs = plain.as_secs_f64() * jitter;
    chrono::Duration::milliseconds((secs * 1000.0) as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubles_with_jitter_and_caps() {
        let base = Duration::from_secs(30);
        for (attempt, plain) in [(1, 30.0), (2, 60.0), (3, 120.0), (5, 480.0)] {
            let d = delay(base, attempt).num_milliseconds() as f64 / 1000.0;
            assert!(
                d >= plain * 0.8 && d <= plain * 1.2,
                "attempt {attempt}: {d}"
            );
        }
        let d = delay(base, 60).num_seconds();
        assert!(d <= (6 * 3600) * 12 / 10, "{d}");
    }
}
