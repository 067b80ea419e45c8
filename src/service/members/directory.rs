//! Reading members. (Invitations, states and edits build on this.)

use crate::domain::{Member, MemberId, MemberState};
use crate::error::AppError;
use crate::i18n::Msg;
use crate::policy::{self, Action};
use crate::store::{self, Store};

#[derive(Debug, Clone, Default)]
pub struct MemberFilter {
    pub state: Option<MemberState>,
    pub query: Option<String>,
    pub department: Option<String>,
    pub role: Option<crate::domain::Role>,
    pub location: Option<String>,
    /// Admins only: members by the state of their calendars and meeting URL.
    pub integration: Option<crate::service::calendars::IntegrationFilter>,
}

/// Every member, from the shared snapshot: for naming the ids a page,
/// a booking or a list shows.
pub fn everyone(store: &Store) -> Result<std::sync::Arc<Vec<Member>>, AppError> {
    Ok(store.members_shared()?)
}

/// `member` as `viewer` may read it: colleagues' names and work contact,
/// but another's private phone only for those who administer members.
/// Every read of other members for a person (pages and the JSON API)
/// passes here, so no path shows what another would not.
pub fn as_seen_by(viewer: &Member, mut member: Member) -> Member {
    if !policy::sees_private_fields(viewer, &member) {
        member.phone.clear();
    }
    member
}

/// One page of a filtered list, and how many matched in all.
pub struct MemberPage {
    pub members: Vec<Member>,
    pub total: usize,
}

/// Admins see members in every state; everyone else sees active colleagues.
/// In directory order, as the shared list keeps it; only the page is
/// cloned.
pub fn list(
    store: &Store,
    actor: &Member,
    filter: &MemberFilter,
    offset: usize,
    limit: usize,
) -> Result<MemberPage, AppError> {
    let admin = policy::allows(actor.role, Action::AdministerMembers);
    let query = filter
        .query
        .as_deref()
        .map(str::to_lowercase)
        .filter(|q| !q.is_empty());
    let all = store.members_shared()?;
    let connections = match filter.integration {
        Some(_) if !admin => {
            return Err(AppError::forbidden(Msg::key(
                "err-integration-filter-admins",
            )));
        }
        Some(_) => {
            let txn = store.read()?;
            crate::service::calendars::integration::by_member(store::all_connections_in(&txn)?)
        }
        None => Default::default(),
    };
    let matching: Vec<&Member> = all
        .iter()
        .filter(|m| {
            filter
                .integration
                .is_none_or(|f| f.keeps(m, connections.get(&m.id).map_or(&[][..], Vec::as_slice)))
        })
        .filter(|m| admin || m.state == MemberState::Active)
        .filter(|m| filter.state.is_none_or(|s| m.state == s))
        .filter(|m| filter.role.is_none_or(|r| m.role == r))
        .filter(|m| {
            filter
                .department
                .as_deref()
                .filter(|d| !d.is_empty())
                .is_none_or(|d| m.department.as_deref() == Some(d))
        })
        .filter(|m| {
            filter
                .location
                .as_deref()
                .filter(|l| !l.is_empty())
                .is_none_or(|l| m.location == l)
        })
        .filter(|m| match &query {
            Some(q) => {
                m.display_name().to_lowercase().contains(q)
                    || m.email.as_str().contains(q)
                    || m.work_number.to_lowercase().contains(q)
            }
            None => true,
        })
        .collect();
    Ok(MemberPage {
        total: matching.len(),
        members: matching
            .into_iter()
            .skip(offset)
            .take(limit)
            .map(|m| as_seen_by(actor, m.clone()))
            .collect(),
    })
}

/// Counts per state, for the tabs of the members page.
pub fn counts(store: &Store) -> Result<Vec<(MemberState, usize)>, AppError> {
    let members = store.members_shared()?;
    Ok(MemberState::ALL
        .into_iter()
        .map(|s| (s, members.iter().filter(|m| m.state == s).count()))
        .collect())
}

/// Active members: the people who can supervise someone.
pub fn active(store: &Store) -> Result<Vec<Member>, AppError> {
    Ok(store
        .members_shared()?
        .iter()
        .filter(|m| m.state == MemberState::Active)
        .cloned()
        .collect())
}

/// Everyone but `except` who is still in the organization: the members
/// an owner can copy `except`'s settings to.
pub fn others_than(store: &Store, except: &MemberId) -> Result<Vec<Member>, AppError> {
    Ok(store
        .members_shared()?
        .iter()
        .filter(|m| &m.id != except && m.state != MemberState::Terminated)
        .cloned()
        .collect())
}

pub fn get(store: &Store, actor: &Member, id: &MemberId) -> Result<Member, AppError> {
    let member = store.member(id)?.ok_or(AppError::NotFound)?;
    let admin = policy::allows(actor.role, Action::AdministerMembers);
    if admin || member.id == actor.id || member.state == MemberState::Active {
        Ok(as_seen_by(actor, member))
    } else {
        Err(AppError::NotFound)
    }
}
