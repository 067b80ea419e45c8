//! The settings' test message, sent at once rather than queued: the admin
//! wants to read the mail server's answer now, not find it later in the
//! queue. The message is the same as the queued test mail; sending it is
//! `mail::transport::test_send`, between the two calls here.

use chrono::{DateTime, Utc};
use serde_json::json;

use crate::crypto;
use crate::domain::Mail;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::i18n::names::member_name;
use crate::mail::templates;
use crate::mail::transport::{TestFailure, TestSend};
use crate::policy::Admin;
use crate::store::{self, Store};

/// The test message to the admin themself, in their language, and the id
/// its Message-ID is made from.
pub fn compose(store: &Store, admin: Admin<'_>) -> Result<(Mail, String), AppError> {
    let actor = admin.member();
    let org = store.organization()?.map(|o| o.name).unwrap_or_default();
    let lang = Lang::parse(&actor.language);
    let name = member_name(lang, actor);
    let r = templates::test_mail(lang, &org, &name, &actor.email_signature);
    let mail = r.into_mail("test", actor.email.as_str(), name);
    Ok((mail, crypto::random_id()))
}

/// A short, language-free summary of the outcome for the audit log.
pub(super) fn outcome(sent: &TestSend) -> serde_json::Value {
    match sent {
        TestSend::Accepted { server, code, .. } => {
            json!({ "outcome": "accepted", "server": server, "code": code })
        }
        TestSend::Written { .. } => json!({ "outcome": "written" }),
        TestSend::Logged => json!({ "outcome": "logged" }),
        TestSend::Failed { server, failure } => {
            let (why, code) = match failure {
                TestFailure::Config(_) => ("config", None),
                TestFailure::Refused(_) => ("refused", None),
                TestFailure::Timeout => ("timeout", None),
                TestFailure::Tls(_) => ("tls", None),
                TestFailure::Auth { code, .. } => ("auth", Some(code)),
                TestFailure::Rejected { code, .. } => ("rejected", Some(code)),
                TestFailure::Other(_) => ("other", None),
            };
            json!({ "outcome": "failed", "why": why, "code": code, "server": server })
        }
    }
}

/// Records who tested the mail settings, and how it went.
pub fn record(
    store: &Store,
    admin: Admin<'_>,
    sent: &TestSend,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let txn = store.write()?;
    store::audit_in(
        &txn,
        Some(admin.member().id.clone()),
        "mail.test_sent",
        None,
        outcome(sent),
        now,
    )?;
    store.commit(txn)?;
    Ok(())
}
