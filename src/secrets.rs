//! Secrets the server must read back (members' calendar passwords), sealed
//! at rest with ChaCha20-Poly1305. A leaked database alone then does not
//! leak them: the key lives in the config or in a key file beside the
//! database with mode 0600.
//!
//! A sealed value is `key id (4 bytes) ‖ nonce (12) ‖ ciphertext+tag`. The
//! key id (the start of the key's SHA-256) picks the key to open it with,
//! so a rotated key can stay readable while values are sealed again.

use std::io::Write;
use std::path::Path;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{ChaCha20Poly1305, Nonce};
use rand::Rng;
use sha2::{Digest, Sha256};

use crate::config::CalendarConfig;
use crate::crypto::SecretRng;

const KEY_FILE: &str = "calendar.key";
const ID_LEN: usize = 4;
const NONCE_LEN: usize = 12;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SealError {
    /// Sealed with a key that is no longer configured.
    #[error("sealed with a key that is not configured any more")]
    UnknownKey,
    /// Changed or truncated: the tag does not match.
    #[error("the sealed value is damaged")]
    Damaged,
}

/// A 256-bit key.
#[derive(Clone)]
pub struct Key {
    bytes: [u8; 32],
}

impl Key {
    pub fn from_base64(text: &str) -> Option<Key> {
        let raw = STANDARD.decode(text.trim()).ok()?;
        let bytes: [u8; 32] = raw.try_into().ok()?;
        Some(Key { bytes })
    }

    fn generate() -> Key {
        let mut bytes = [0u8; 32];
        SecretRng.fill_bytes(&mut bytes);
        Key { bytes }
    }

    fn id(&self) -> [u8; ID_LEN] {
        let digest = Sha256::digest(self.bytes);
        let mut id = [0u8; ID_LEN];
        id.copy_from_slice(&digest[..ID_LEN]);
        id
    }

    fn cipher(&self) -> ChaCha20Poly1305 {
        ChaCha20Poly1305::new((&self.bytes).into())
    }
}

/// Never print a key.
impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Key(hidden)")
    }
}

/// The current key and the earlier ones still read.
#[derive(Clone, Debug)]
pub struct Keyring {
    current: Key,
    previous: Vec<Key>,
}

impl Keyring {
    pub fn new(current: Key, previous: Vec<Key>) -> Keyring {
        Keyring { current, previous }
    }

    /// The keys `[calendar]` names; without `secret_key`, the key file in
    /// `data_dir` (created on first use, readable by the owner only).
    pub fn load(config: &CalendarConfig, data_dir: &Path) -> std::io::Result<Keyring> {
        let previous = config
            .previous_keys
            .iter()
            .filter_map(|k| Key::from_base64(k))
            .collect();
        let current = match Key::from_base64(&config.secret_key) {
            Some(key) => key,
            None => key_file(&data_dir.join(KEY_FILE))?,
        };
        Ok(Keyring { current, previous })
    }

    pub fn seal(&self, plain: &[u8]) -> Vec<u8> {
        let mut nonce = [0u8; NONCE_LEN];
        SecretRng.fill_bytes(&mut nonce);
        let mut out = Vec::with_capacity(ID_LEN + NONCE_LEN + plain.len() + 16);
        out.extend_from_slice(&self.current.id());
        out.extend_from_slice(&nonce);
        // Encryption with a fresh nonce and an in-memory buffer cannot
        // fail; an empty result would only fail to open later.
        if let Ok(sealed) = self
            .current
            .cipher()
            .encrypt(Nonce::from_slice(&nonce), plain)
        {
            out.extend_from_slice(&sealed);
        }
        out
    }

    pub fn open(&self, sealed: &[u8]) -> Result<Vec<u8>, SealError> {
        if sealed.len() < ID_LEN + NONCE_LEN + 16 {
            return Err(SealError::Damaged);
        }
        let (id, rest) = sealed.split_at(ID_LEN);
        let (nonce, body) = rest.split_at(NONCE_LEN);
        let key = std::iter::once(&self.current)
            .chain(&self.previous)
            .find(|k| k.id() == id)
            .ok_or(SealError::UnknownKey)?;
        key.cipher()
            .decrypt(Nonce::from_slice(nonce), body)
            .map_err(|_| SealError::Damaged)
    }

    /// Whether the value was sealed with an earlier key.
    pub fn needs_resealing(&self, sealed: &[u8]) -> bool {
        sealed.get(..ID_LEN) != Some(&self.current.id()[..])
    }
}

/// Reads the key file, or creates it with mode 0600 when it is missing.
fn key_file(path: &Path) -> std::io::Result<Key> {
    match std::fs::read_to_string(path) {
        Ok(text) => Key::from_base64(&text).ok_or_else(|| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("{} does not hold a base64 key of 32 bytes", path.display()),
            )
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let key = Key::generate();
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                options.mode(0o600);
            }
            let mut file = options.open(path)?;
            writeln!(file, "{}", STANDARD.encode(key.bytes))?;
            file.sync_all()?;
            Ok(key)
        }
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ring() -> Keyring {
        Keyring::new(Key::generate(), Vec::new())
    }

    #[test]
    fn a_sealed_value_opens_and_does_not_show_the_plain_text() {
        let ring = ring();
        let sealed = ring.seal(b"correct horse");
        assert!(!sealed.windows(7).any(|w| w == b"correct"));
        assert_eq!(ring.open(&sealed).unwrap(), b"correct horse");
        // Random nonces: the same value seals differently each time.
        assert_ne!(ring.seal(b"correct horse"), sealed);
    }

    #[test]
    fn a_changed_byte_or_a_foreign_key_is_refused() {
        let ring = ring();
        let mut sealed = ring.seal(b"secret");
        let last = sealed.len() - 1;
        sealed[last] ^= 1;
        assert_eq!(ring.open(&sealed), Err(SealError::Damaged));
        assert_eq!(ring.open(&sealed[..10]), Err(SealError::Damaged));
        let other = Keyring::new(Key::generate(), Vec::new());
        assert_eq!(other.open(&ring.seal(b"x")), Err(SealError::UnknownKey));
    }

    #[test]
    fn after_a_rotation_old_values_open_and_ask_to_be_sealed_again() {
        let old = Key::generate();
        let before = Keyring::new(old.clone(), Vec::new());
        let sealed = before.seal(b"pw");
        let after = Keyring::new(Key::generate(), vec![old]);
        assert_eq!(after.open(&sealed).unwrap(), b"pw");
        assert!(after.needs_resealing(&sealed));
        assert!(!after.needs_resealing(&after.seal(b"pw")));
    }

    #[test]
    fn the_key_file_is_created_once_for_the_owner_only() {
        let dir = tempfile::tempdir().unwrap();
        let config = CalendarConfig::default();
        let first = Keyring::load(&config, dir.path()).unwrap();
        let second = Keyring::load(&config, dir.path()).unwrap();
        assert_eq!(second.open(&first.seal(b"pw")).unwrap(), b"pw");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join(KEY_FILE))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }
}
