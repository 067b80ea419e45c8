//! Sign-in, sessions and API keys.

use chrono::{DateTime, Duration, Utc};

use crate::crypto;
use crate::domain::{ApiKeyId, Email, Member};
use crate::error::AppError;
use crate::i18n::Msg;
use crate::passwords;
use crate::policy::{self, Action};
use crate::store::{self, SessionRecord, Store, StoreError};

/// What is kept of an API key (never the key itself).
pub use crate::store::ApiKeyRecord;

/// Session lifetimes from the config.
#[derive(Debug, Clone, Copy)]
pub struct SessionPolicy {
    pub idle: Duration,
    pub absolute: Duration,
}

impl SessionPolicy {
    pub fn from_config(auth: &crate::config::AuthConfig) -> Self {
        SessionPolicy {
            idle: Duration::minutes(auth.session_idle_minutes as i64),
            absolute: Duration::hours(auth.session_absolute_hours as i64),
        }
    }
}

/// What a successful sign-in hands to the edge: the cookie value is shown
/// once and never stored.
pub struct SignedIn {
    pub member: Member,
    pub session_token: String,
    pub csrf_token: String,
}

/// Same answer, and about the same time, for an unknown email and a wrong
/// password: both verify one argon2 hash.
pub fn login(
    store: &Store,
    email: &str,
    password: &str,
    now: DateTime<Utc>,
) -> Result<SignedIn, AppError> {
    let member = match Email::parse(email) {
        Some(email) => store.member_by_email(&email)?,
        None => None,
    };
    let waiting = member
        .as_ref()
        .is_some_and(|m| m.state == crate::domain::MemberState::Pending);
    let credential = match &member {
        Some(m) if m.can_sign_in() || waiting => store.credential(&m.id)?,
        _ => None,
    };
    let (Some(member), Some(credential)) = (member, credential) else {
        passwords::verify_dummy(password);
        return Err(AppError::BadCredentials);
    };
    if !passwords::verify(password, &credential.password_hash) {
        return Err(AppError::BadCredentials);
    }
    // Only the right password learns that the request is still open.
    if waiting {
        return Err(AppError::AwaitingApproval);
    }
    let session_token = crypto::random_token();
    let csrf_token = crypto::random_token();
    store.create_session(
        &crypto::token_hash(&session_token),
        &SessionRecord {
            member_id: member.id.clone(),
            csrf_token: csrf_token.clone(),
            created_at: now,
            last_seen: now,
        },
    )?;
    Ok(SignedIn {
        member,
        session_token,
        csrf_token,
    })
}

/// A live session and its member, or None. Expired sessions are removed.
pub fn session(
    store: &Store,
    token: &str,
    policy: SessionPolicy,
    now: DateTime<Utc>,
) -> Result<Option<(Member, SessionRecord)>, StoreError> {
    let hash = crypto::token_hash(token);
    let Some(session) = store.session(&hash)? else {
        return Ok(None);
    };
    if now - session.last_seen > policy.idle || now - session.created_at > policy.absolute {
        store.delete_session(&hash)?;
        return Ok(None);
    }
    let Some(member) = store
        .member(&session.member_id)?
        .filter(Member::can_sign_in)
    else {
        return Ok(None);
    };
    // One lazy write a minute at most per session, not one per request.
    if now - session.last_seen > Duration::seconds(60) {
        store.touch_session(&hash, now)?;
    }
    Ok(Some((member, session)))
}

pub fn logout(store: &Store, token: &str) -> Result<(), StoreError> {
    store.delete_session(&crypto::token_hash(token))?;
    Ok(())
}

const KEY_PREFIX: &str = "cvn_";

/// A new secret API key and the prefix that names it in lists.
fn new_api_key() -> (String, String) {
    let key = format!("{KEY_PREFIX}{}", crypto::random_token());
    let prefix = key.chars().take(KEY_PREFIX.len() + 6).collect();
    (key, prefix)
}

/// Creates an API key for the caller; the key is returned once.
pub fn create_api_key(
    store: &Store,
    actor: &Member,
    name: &str,
    now: DateTime<Utc>,
) -> Result<(ApiKeyRecord, String), AppError> {
    policy::require(actor.role, Action::ManageOwnApiKeys)?;
    let name = crate::domain::text::one_line(name);
    if name.is_empty() || name.chars().count() > 100 {
        return Err(AppError::invalid(
            "name",
            Msg::key("err-api-key-name").arg("max", 100),
        ));
    }
    let (key, prefix) = new_api_key();
    let record = ApiKeyRecord {
        id: ApiKeyId::new(),
        member_id: actor.id.clone(),
        name: name.to_string(),
        prefix,
        created_at: now,
    };
    let txn = store.write()?;
    store::put_api_key_in(&txn, &crypto::token_hash(&key), &record)?;
    store::audit_in(
        &txn,
        Some(actor.id.clone()),
        "api_key.created",
        Some(record.id.to_string()),
        serde_json::json!({ "name": record.name }),
        now,
    )?;
    store.commit(txn)?;
    Ok((record, key))
}

/// The caller's own API keys (their records; the keys themselves are
/// never stored).
pub fn api_keys(store: &Store, actor: &Member) -> Result<Vec<ApiKeyRecord>, AppError> {
    Ok(store.api_keys_of(&actor.id)?)
}

/// Revokes a key. Members revoke their own; admins any. Someone else's key
/// answers 404, as if it did not exist.
pub fn revoke_api_key(
    store: &Store,
    actor: &Member,
    id: &ApiKeyId,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let txn = store.write()?;
    let Some((hash, record)) = store::api_key_by_id_in(&txn, id)? else {
        return Err(AppError::NotFound);
    };
    let own = record.member_id == actor.id;
    if !own && !policy::allows(actor.role, Action::AdministerOrganization) {
        return Err(AppError::NotFound);
    }
    store::delete_api_key_in(&txn, &hash)?;
    store::audit_in(
        &txn,
        Some(actor.id.clone()),
        "api_key.revoked",
        Some(record.id.to_string()),
        serde_json::json!({ "name": record.name, "member_id": record.member_id }),
        now,
    )?;
    store.commit(txn)?;
    Ok(())
}

/// A new secret for one of the caller's own keys: the same id, name and
/// owner (a key acts as its member, so that is all it carries), the old
/// secret refused from this commit on. Only the key's owner may: the new
/// secret is shown to whoever asks. Anyone else's key answers 404.
pub fn regenerate_api_key(
    store: &Store,
    actor: &Member,
    id: &ApiKeyId,
    now: DateTime<Utc>,
) -> Result<(ApiKeyRecord, String), AppError> {
    policy::require(actor.role, Action::ManageOwnApiKeys)?;
    let txn = store.write()?;
    let Some((old_hash, mut record)) = store::api_key_by_id_in(&txn, id)? else {
        return Err(AppError::NotFound);
    };
    if record.member_id != actor.id {
        return Err(AppError::NotFound);
    }
    let (key, prefix) = new_api_key();
    record.prefix = prefix;
    store::delete_api_key_in(&txn, &old_hash)?;
    store::put_api_key_in(&txn, &crypto::token_hash(&key), &record)?;
    store::audit_in(
        &txn,
        Some(actor.id.clone()),
        "api_key.regenerated",
        Some(record.id.to_string()),
        serde_json::json!({ "name": record.name }),
        now,
    )?;
    store.commit(txn)?;
    Ok((record, key))
}

/// The active member a bearer key belongs to, or None.
pub fn api_key_member(store: &Store, key: &str) -> Result<Option<Member>, StoreError> {
    if !key.starts_with(KEY_PREFIX) {
        return Ok(None);
    }
    let Some(record) = store.api_key(&crypto::token_hash(key))? else {
        return Ok(None);
    };
    Ok(store.member(&record.member_id)?.filter(Member::can_sign_in))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::org::setup::{NewOwner, create_owner};

    const PASSWORD: &str = "violet tram orbits quietly";

    fn store_with_owner() -> (tempfile::TempDir, Store, Member) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db.redb")).unwrap();
        let owner = create_owner(
            &store,
            NewOwner {
                organization: "Club".into(),
                email: "ann@example.org".into(),
                first_name: "Ann".into(),
                last_name: "Smith".into(),
                password: PASSWORD.into(),
            },
            Utc::now(),
        )
        .unwrap();
        (dir, store, owner)
    }

    const POLICY: SessionPolicy = SessionPolicy {
        idle: Duration::minutes(30),
        absolute: Duration::hours(8),
    };

    #[test]
    fn sessions_expire_when_idle_and_at_their_absolute_limit() {
        let (_dir, store, _) = store_with_owner();
        let t0 = Utc::now();
        let s = login(&store, "ANN@example.org ", PASSWORD, t0).unwrap();
        let token = s.session_token;

        // Used every 20 minutes, it lives on, until the absolute limit.
        let mut t = t0;
        while t - t0 < Duration::hours(7) {
            t += Duration::minutes(20);
            assert!(
                session(&store, &token, POLICY, t).unwrap().is_some(),
                "died at {}",
                t - t0
            );
        }
        assert!(
            session(
                &store,
                &token,
                POLICY,
                t0 + Duration::hours(8) + Duration::minutes(1)
            )
            .unwrap()
            .is_none()
        );
        // Once expired it is deleted, not just refused.
        assert!(
            store
                .session(&crypto::token_hash(&token))
                .unwrap()
                .is_none()
        );

        let s = login(&store, "ann@example.org", PASSWORD, t0).unwrap();
        assert!(
            session(&store, &s.session_token, POLICY, t0 + Duration::minutes(31))
                .unwrap()
                .is_none()
        );
    }

    #[test]
    fn only_the_hash_of_a_token_is_stored() {
        let (dir, store, owner) = store_with_owner();
        let s = login(&store, "ann@example.org", PASSWORD, Utc::now()).unwrap();
        let (_, key) = create_api_key(&store, &owner, "ci", Utc::now()).unwrap();
        drop(store);
        let raw = std::fs::read(dir.path().join("db.redb")).unwrap();
        let contains = |needle: &str| raw.windows(needle.len()).any(|w| w == needle.as_bytes());
        assert!(!contains(&s.session_token));
        assert!(!contains(&key));
        assert!(!contains(PASSWORD));
    }

    #[test]
    fn terminated_members_lose_sessions_and_keys_at_once() {
        let (_dir, store, owner) = store_with_owner();
        let s = login(&store, "ann@example.org", PASSWORD, Utc::now()).unwrap();
        let (_, key) = create_api_key(&store, &owner, "ci", Utc::now()).unwrap();
        let txn = store.write().unwrap();
        assert_eq!(store::revoke_all_in(&txn, &owner.id).unwrap(), 2);
        store.commit(txn).unwrap();
        assert!(
            session(&store, &s.session_token, POLICY, Utc::now())
                .unwrap()
                .is_none()
        );
        assert!(api_key_member(&store, &key).unwrap().is_none());
    }

    #[test]
    fn a_regenerated_key_keeps_its_record_and_kills_the_old_secret() {
        let (_dir, store, owner) = store_with_owner();
        let (record, old) = create_api_key(&store, &owner, "deploy", Utc::now()).unwrap();
        let (again, new) = regenerate_api_key(&store, &owner, &record.id, Utc::now()).unwrap();
        assert_ne!(old, new);
        assert_eq!((&again.id, &again.name), (&record.id, &record.name));
        assert_eq!(again.created_at, record.created_at);
        assert!(new.starts_with(&again.prefix));
        assert!(api_key_member(&store, &old).unwrap().is_none());
        assert_eq!(
            api_key_member(&store, &new).unwrap().map(|m| m.id),
            Some(owner.id.clone())
        );
        assert_eq!(api_keys(&store, &owner).unwrap().len(), 1);
        let unknown = ApiKeyId::from_string("nope".to_string());
        assert!(matches!(
            regenerate_api_key(&store, &owner, &unknown, Utc::now()),
            Err(AppError::NotFound)
        ));
    }
}
