//! What the server's own command line may do besides the outbox:
//! list members, set a member's password, send a test mail to any
//! address. Whoever can open the data directory can already read and
//! change all of it, so no role applies; each change is audited with the
//! operating-system account that asked (`Operator`).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::outbox::Operator;
use crate::crypto;
use crate::domain::{Email, Mail, MemberState};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::i18n::names::member_name;
use crate::mail::templates;
use crate::mail::transport::TestSend;
use crate::store::{self, Store};

/// One line of `convene members list`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberRow {
    pub id: String,
    pub email: String,
    /// In the member's own language's order (`山田 花子`, `Ann Lee`).
    pub name: String,
    pub role: String,
    pub state: String,
    pub created_at: DateTime<Utc>,
}

impl MemberRow {
    pub fn of(m: &crate::domain::Member) -> MemberRow {
        MemberRow {
            id: m.id.to_string(),
            email: m.email.to_string(),
            name: member_name(Lang::parse(&m.language), m),
            role: m.role.as_str().to_string(),
            state: m.state.as_str().to_string(),
            created_at: m.created_at,
        }
    }
}

/// Every member (or those in `state`), oldest first.
pub fn members(store: &Store, state: Option<MemberState>) -> Result<Vec<MemberRow>, AppError> {
    let mut members = store.members()?;
    members.retain(|m| state.is_none_or(|s| m.state == s));
    members.sort_by(|a, b| (a.created_at, &a.id).cmp(&(b.created_at, &b.id)));
    Ok(members.iter().map(MemberRow::of).collect())
}

/// Why a password could not be set from the command line.
#[derive(Debug, thiserror::Error)]
pub enum ResetRefused {
    #[error("no member has the address {0}")]
    NoMember(String),
    #[error("{0} has left the organization; restore the member first")]
    Departed(String),
    #[error(
        "{0} is not an active member (invited, pending or rejected): there is no password to reset"
    )]
    NotActive(String),
    #[error("not an argon2 password hash")]
    NotAHash,
    #[error(transparent)]
    App(#[from] AppError),
}

impl From<store::StoreError> for ResetRefused {
    fn from(e: store::StoreError) -> Self {
        ResetRefused::App(e.into())
    }
}

/// Replaces the password of the member with `email` by `password_hash`
/// (hashed by the command, so the password itself never crosses the
/// control socket) and signs them out everywhere, in one transaction.
pub fn set_password(
    store: &Store,
    operator: &Operator,
    email: &str,
    password_hash: String,
    now: DateTime<Utc>,
) -> Result<MemberRow, ResetRefused> {
    if argon2::password_hash::PasswordHash::new(&password_hash).is_err() {
        return Err(ResetRefused::NotAHash);
    }
    let address = Email::parse(email).ok_or_else(|| ResetRefused::NoMember(email.into()))?;
    let txn = store.write()?;
    let member = store::member_by_email_in(&txn, &address)?
        .ok_or_else(|| ResetRefused::NoMember(address.to_string()))?;
    if member.state == MemberState::Terminated {
        return Err(ResetRefused::Departed(address.to_string()));
    }
    let sessions = store::replace_password_in(&txn, &member.id, password_hash, now)?;
    store::audit_in(
        &txn,
        None,
        "member.password_reset",
        Some(member.id.to_string()),
        json!({ "operator": operator, "sessions_ended": sessions }),
        now,
    )?;
    store.commit(txn)?;
    let row = MemberRow::of(&member);
    Ok(row)
}

/// The settings' test message addressed to `address`, in the
/// organization's language, and the id its Message-ID is made from.
pub fn compose_test_mail(store: &Store, address: &Email) -> Result<(Mail, String), AppError> {
    let org = store.organization()?;
    let lang = org
        .as_ref()
        .map(|o| Lang::parse(&o.default_language))
        .unwrap_or_default();
    let name = org.map(|o| o.name).unwrap_or_default();
    let r = templates::test_mail(lang, &name, address.as_str(), "");
    let mail = Mail {
        kind: "test".into(),
        to_email: address.to_string(),
        to_name: String::new(),
        subject: r.subject,
        text: r.text,
        html: r.html,
        ics: None,
        reply_to: None,
        unsubscribe_url: None,
        from_booking: None,
    };
    Ok((mail, crypto::random_id()))
}

/// Records the command-line test send and its outcome.
pub fn record_test_mail(
    store: &Store,
    operator: &Operator,
    address: &Email,
    sent: &TestSend,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let txn = store.write()?;
    let mut detail = super::mail_test::outcome(sent);
    detail["to"] = json!(address.as_str());
    detail["operator"] = json!(operator);
    store::audit_in(&txn, None, "mail.test_sent", None, detail, now)?;
    store.commit(txn)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Member, Role};

    fn operator() -> Operator {
        Operator {
            via: "command line".into(),
            uid: Some(1000),
            user: Some("admin".into()),
        }
    }

    fn store_with(email: &str, state: MemberState) -> (tempfile::TempDir, Store, Member) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db.redb")).unwrap();
        let now = Utc::now();
        let mut m = Member::new(
            Email::parse(email).unwrap(),
            Role::Member,
            state,
            "Asia/Tokyo",
            "ja",
            now,
        );
        m.first_name = "花子".into();
        m.last_name = "山田".into();
        let txn = store.write().unwrap();
        store::put_member_in(&txn, &m).unwrap();
        store::put_session_in(
            &txn,
            &[7; 32],
            &store::SessionRecord {
                member_id: m.id.clone(),
                csrf_token: "t".into(),
                created_at: now,
                last_seen: now,
            },
        )
        .unwrap();
        store.commit(txn).unwrap();
        (dir, store, m)
    }

    #[test]
    fn a_new_password_ends_every_session_and_is_audited() {
        let (_dir, store, m) = store_with("hanako@example.jp", MemberState::Active);
        let hash = crate::passwords::hash("correct horse battery staple").unwrap();
        let row =
            set_password(&store, &operator(), " Hanako@Example.JP ", hash, Utc::now()).unwrap();
        assert_eq!(row.name, "山田 花子");
        let credential = store.credential(&m.id).unwrap().unwrap();
        assert!(crate::passwords::verify(
            "correct horse battery staple",
            &credential.password_hash
        ));
        assert!(store.session(&[7; 32]).unwrap().is_none());
        let audit = store.audit_log(10).unwrap();
        let entry = audit
            .iter()
            .find(|e| e.action == "member.password_reset")
            .unwrap();
        assert_eq!(entry.detail["operator"]["user"], "admin");
        assert_eq!(entry.detail["sessions_ended"], 1);
    }

    #[test]
    fn refusals_change_nothing() {
        let (_dir, store, m) = store_with("gone@example.com", MemberState::Terminated);
        let hash = crate::passwords::hash("correct horse battery staple").unwrap();
        assert!(matches!(
            set_password(
                &store,
                &operator(),
                "gone@example.com",
                hash.clone(),
                Utc::now()
            ),
            Err(ResetRefused::Departed(_))
        ));
        assert!(matches!(
            set_password(&store, &operator(), "nobody@example.com", hash, Utc::now()),
            Err(ResetRefused::NoMember(_))
        ));
        assert!(matches!(
            set_password(
                &store,
                &operator(),
                "gone@example.com",
                "x".into(),
                Utc::now()
            ),
            Err(ResetRefused::NotAHash)
        ));
        assert!(store.credential(&m.id).unwrap().is_none());
        assert!(store.session(&[7; 32]).unwrap().is_some());
    }

    #[test]
    fn members_are_listed_oldest_first_and_filtered() {
        let (_dir, store, m) = store_with("a@example.com", MemberState::Pending);
        let all = members(&store, None).unwrap();
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].id, m.id.to_string());
        assert_eq!(all[0].state, "pending");
        assert!(
            members(&store, Some(MemberState::Active))
                .unwrap()
                .is_empty()
        );
    }
}
