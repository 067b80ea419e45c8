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
