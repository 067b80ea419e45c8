//! Password policy and argon2id hashing.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

pub const MIN_LENGTH: usize = 10;
pub const MAX_LENGTH: usize = 1024;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordRejected {
    #[error("the password must have at least {MIN_LENGTH} characters")]
    TooShort,
    #[error("the password must have at most {MAX_LENGTH} characters")]
    TooLong,
    #[error("this password is too common or too easy to guess; try a few unrelated words")]
    TooWeak,
}

impl PasswordRejected {
    /// What the person is told, in their language (the `Display` text is
    /// the English one, for logs and the command line).
    pub fn message(&self) -> crate::i18n::Msg {
        use crate::i18n::Msg;
        match self {
            PasswordRejected::TooShort => Msg::key("err-password-too-short").arg("min", MIN_LENGTH),
            PasswordRejected::TooLong => Msg::key("err-password-too-long").arg("max", MAX_LENGTH),
            PasswordRejected::TooWeak => Msg::key("err-password-too-weak"),
        }
    }
}

/// Checks length and guessability; `context` holds the person's own words
/// (email, names, organization) that a password must not lean on.
pub fn check_policy(password: &str, context: &[&str]) -> Result<(), PasswordRejected> {
    let chars = password.chars().count();
    if chars < MIN_LENGTH {
        return Err(PasswordRejected::TooShort);
    }
    if chars > MAX_LENGTH {
        return Err(PasswordRejected::TooLong);
    }
    // zxcvbn knows the common-password lists; score 2 means "somewhat
    // guessable" (about 10^8 guesses), enough against online guessing.
    // Its cost grows faster than the length: score a bounded prefix.
    let scored: String = password.chars().take(100).collect();
    let estimate = zxcvbn::zxcvbn(&scored, context);
    if u8::from(estimate.score()) < 2 {
        return Err(PasswordRejected::TooWeak);
    }
    Ok(())
}

fn hasher() -> Argon2<'static> {
    // OWASP's argon2id recommendation: 19 MiB, 2 passes, 1 lane.
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

#[derive(Debug, thiserror::Error)]
#[error("password hashing failed: {0}")]
pub struct HashError(String);

pub fn hash(password: &str) -> Result<String, HashError> {
    let salt = SaltString::generate(&mut OsRng);
    hasher()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| HashError(e.to_string()))
}

/// True when `password` matches the stored PHC string.
pub fn verify(password: &str, stored: &str) -> bool {
    match PasswordHash::new(stored) {
        Ok(parsed) => hasher()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// Burn the same time as a real verification, so that an unknown email
/// answers as slowly as a wrong password (no account enumeration).
pub fn verify_dummy(password: &str) {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let stored = DUMMY.get_or_init(|| hash("not a real password at all").unwrap_or_default());
    let _ = verify(password, stored);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_rejects_short_and_common() {
        assert_eq!(check_policy("short", &[]), Err(PasswordRejected::TooShort));
        for common in [
            "password123",
            "1234567890",
            "qwertyuiop",
            "iloveyou12",
            "passw0rd!!",
        ] {
            assert_eq!(
                check_policy(common, &[]),
                Err(PasswordRejected::TooWeak),
                "{common}"
            );
        }
        assert_eq!(
            check_policy(
                "ann.smith@example.org",
                &["ann.smith@example.org", "Ann", "Smith"]
            ),
            Err(PasswordRejected::TooWeak)
        );
        assert!(check_policy("violet tram orbits quietly", &[]).is_ok());
    }

    #[test]
    fn hash_and_verify() {
        let h = hash("violet tram orbits quietly").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify("violet tram orbits quietly", &h));
        assert!(!verify("violet tram orbits loudly", &h));
        assert!(!verify("x", "not a hash"));
    }
}
