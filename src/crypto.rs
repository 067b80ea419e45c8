//! Random identifiers and tokens, and the hashes tokens are stored as.
//!
//! Tokens (sessions, API keys, invitations, feeds) are 128+ random bits shown
//! once; only their SHA-256 is stored, so a leaked database does not leak
//! working credentials.

use std::convert::Infallible;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::rngs::SysRng;
use rand::{Rng, TryCryptoRng, TryRng};
use sha2::{Digest, Sha256};

/// The generator for tokens, ids and codes: the operating system's.
/// Use it with `rand::RngExt` (`SecretRng.random_range(..)`).
///
/// The OS call reports an error only where the kernel refuses it (a
/// sandbox that forbids the call). The bytes then come from the thread's
/// generator instead, a CSPRNG (ChaCha12) seeded from that same source,
/// so a passing refusal does not fail the request. Where the source was
/// never available that generator cannot start either and rand panics:
/// without it there is no secret to hand out.
pub struct SecretRng;

impl SecretRng {
    fn fill(dst: &mut [u8]) {
        if SysRng.try_fill_bytes(dst).is_err() {
            rand::rng().fill_bytes(dst);
        }
    }
}

impl TryRng for SecretRng {
    type Error = Infallible;

    fn try_next_u32(&mut self) -> Result<u32, Infallible> {
        let mut bytes = [0u8; 4];
        Self::fill(&mut bytes);
        Ok(u32::from_le_bytes(bytes))
    }

    fn try_next_u64(&mut self) -> Result<u64, Infallible> {
        let mut bytes = [0u8; 8];
        Self::fill(&mut bytes);
        Ok(u64::from_le_bytes(bytes))
    }

    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Infallible> {
        Self::fill(dst);
        Ok(())
    }
}

impl TryCryptoRng for SecretRng {}

/// 128 random bits, URL-safe: for row ids.
pub fn random_id() -> String {
    random_b64::<16>()
}

/// base64url's characters in ASCII order: text in it sorts as its bytes.
const SORTED_B64: base64::engine::GeneralPurpose = match base64::alphabet::Alphabet::new(
    "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz",
) {
    Ok(alphabet) => {
        base64::engine::GeneralPurpose::new(&alphabet, base64::engine::general_purpose::NO_PAD)
    }
    Err(_) => panic!("64 distinct URL-safe characters"),
};

/// A row id that sorts by when it was made: the milliseconds since 1970
/// in 48 bits, then 80 random bits, in the same 22 URL-safe characters as
/// [`random_id`]. Rows of a hot table keyed by these go in at its end: a
/// commit of many rows rewrites a few pages instead of one page per row
/// anywhere in the table (and frees as few).
pub fn sortable_id(now: chrono::DateTime<chrono::Utc>) -> String {
    let mut bytes = [0u8; 16];
    let millis = u64::try_from(now.timestamp_millis()).unwrap_or(0);
    bytes[..6].copy_from_slice(&millis.to_be_bytes()[2..]);
    SecretRng.fill_bytes(&mut bytes[6..]);
    SORTED_B64.encode(bytes)
}

/// 256 random bits, URL-safe: for secrets.
pub fn random_token() -> String {
    random_b64::<32>()
}

fn random_b64<const N: usize>() -> String {
    let mut bytes = [0u8; N];
    SecretRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// The stored form of a token.
pub fn token_hash(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

/// Constant-time comparison for secrets that are compared as strings.
pub fn secrets_equal(a: &str, b: &str) -> bool {
    use subtle::ConstantTimeEq;
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_url_safe() {
        let a = random_token();
        let b = random_token();
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert!(
            a.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        );
        assert_eq!(random_id().len(), 22);
        assert_eq!(token_hash(&a), token_hash(&a));
        assert_ne!(token_hash(&a), token_hash(&b));
        assert!(secrets_equal("abc", "abc") && !secrets_equal("abc", "abd"));
    }

    #[test]
    fn sortable_ids_sort_by_time_and_stay_random_within_a_millisecond() {
        use chrono::TimeZone;
        let at = |ms| chrono::Utc.timestamp_millis_opt(ms).unwrap();
        let times = [0, 1, 255, 256, 65_536, 1_700_000_000_000, 4_102_444_800_000];
        let ids: Vec<String> = times.iter().map(|&t| sortable_id(at(t))).collect();
        for id in &ids {
            assert_eq!(id.len(), 22);
            assert!(crate::service::org::outbox::valid_id(id), "{id}");
        }
        assert!(ids.windows(2).all(|w| w[0] < w[1]), "{ids:?}");
        // The same millisecond: different ids with the same prefix.
        let (a, b) = (sortable_id(at(42)), sortable_id(at(42)));
        assert_ne!(a, b);
        assert_eq!(a[..8], b[..8]);
        // Before 1970 counts as 1970, not a wrap to the far future.
        assert!(sortable_id(at(-5)) < sortable_id(at(1)));
    }

    proptest::proptest! {
        #[test]
        fn sortable_ids_sort_as_their_times(a in 0i64..8_000_000_000_000, b in 0i64..8_000_000_000_000) {
            use chrono::TimeZone;
            let at = |ms| chrono::Utc.timestamp_millis_opt(ms).unwrap();
            let (x, y) = (sortable_id(at(a)), sortable_id(at(b)));
            if a < b {
                proptest::prop_assert!(x < y);
            } else if a > b {
                proptest::prop_assert!(x > y);
            }
        }
    }

    #[test]
    fn secret_rng_draws_in_range_and_varies() {
        use rand::RngExt;
        let draws: Vec<u32> = (0..64)
            .map(|_| SecretRng.random_range(10_000_000..100_000_000))
            .collect();
        assert!(draws.iter().all(|d| (10_000_000..100_000_000).contains(d)));
        assert!(draws.iter().any(|d| *d != draws[0]));
        assert_ne!(SecretRng.next_u64(), SecretRng.next_u64());
    }
}
