//! The role table of PRODUCT.md §2, in one place. The service layer asks
//! here before every action; the UI only hides what this refuses.
//!
//! Admin-only and owner-only service functions take a capability
//! ([`Admin`], [`Owner`]) that only this module can make, so code that
//! skipped the check does not compile.

use crate::domain::{Member, MemberId, Role};
use crate::error::AppError;
use crate::i18n::Msg;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Invite by email, bulk import, approve/reject, terminate/restore.
    AdministerMembers,
    /// Invite by email when the invitation then needs an admin's approval.
    InviteNeedingApproval,
    /// Department, position, work number, location, supervisor of another member.
    EditOrganizationalFields,
    /// Change a role: `from` is the member's current role, `to` the new one.
    ChangeRole {
        from: Role,
        to: Role,
    },
    /// Own contact, Slack ID, signature, meeting URL, schedule.
    EditOwnProfessionalFields,
    /// Own name, phone, email.
    EditOwnPersonalFields,
    /// Another member's name, phone or email: nobody may.
    EditOthersPersonalFields,
    /// Copy settings to other members; account defaults for new members.
    ApplyToOthers,
    ManageAllBookingPages,
    ManageOwnBookingPages,
    /// External members and the Connect settings.
    ManageExternalMembers,
    HostBookings,
    /// Organization settings, webhooks, mail queue, jobs, audit log.
    AdministerOrganization,
    /// Create and revoke own API keys.
    ManageOwnApiKeys,
}

/// Whether `role` may perform `action`.
pub fn allows(role: Role, action: Action) -> bool {
    use Action::*;
    match action {
        AdministerMembers
        | EditOrganizationalFields
        | ManageAllBookingPages
        | ManageExternalMembers
        | AdministerOrganization => role >= Role::Admin,
        InviteNeedingApproval => matches!(role, Role::Manager | Role::Member),
        ChangeRole { from, to } => match role {
            Role::Owner => true,
            Role::Admin => from != Role::Owner && to != Role::Owner,
            _ => false,
        },
        EditOwnProfessionalFields | ManageOwnBookingPages | HostBookings | ManageOwnApiKeys => {
            role >= Role::Member
        }
        EditOwnPersonalFields => true,
        EditOthersPersonalFields => false,
        ApplyToOthers => role == Role::Owner,
    }
}

/// `Ok` when allowed, else a 403 that says what was refused.
pub fn require(role: Role, action: Action) -> Result<(), AppError> {
    if allows(role, action) {
        Ok(())
    } else {
        Err(AppError::forbidden(
            Msg::key("err-role-forbids").arg("role", role.as_str()),
        ))
    }
}

/// Proof that a member may do what owners and admins may: administer
/// members and the organization, edit organizational fields, manage every
/// booking page. The field is private, so only [`admin`] makes one.
#[derive(Debug, Clone, Copy)]
pub struct Admin<'a> {
    member: &'a Member,
}

impl<'a> Admin<'a> {
    /// The admin who proved the right (for audit rows and mail).
    pub fn member(&self) -> &'a Member {
        self.member
    }
}

/// The capability of the admin row of the role table, or the same 403 as
/// `require` gives for any action in that row.
pub fn admin(actor: &Member) -> Result<Admin<'_>, AppError> {
    require(actor.role, Action::AdministerMembers)?;
    Ok(Admin { member: actor })
}

/// Proof that a member is an owner: applying settings to others and the
/// account defaults. Only [`owner`] makes one.
#[derive(Debug, Clone, Copy)]
pub struct Owner<'a> {
    member: &'a Member,
}

impl<'a> Owner<'a> {
    pub fn member(&self) -> &'a Member {
        self.member
    }

    /// Every owner may also do what admins may.
    pub fn admin(self) -> Admin<'a> {
        Admin {
            member: self.member,
        }
    }
}

pub fn owner(actor: &Member) -> Result<Owner<'_>, AppError> {
    require(actor.role, Action::ApplyToOthers)?;
    Ok(Owner { member: actor })
}

/// Which groups of `target`'s record `actor` may change. The member page
/// shows exactly these as editable and the edit service refuses anything
/// else, so the rights exist once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EditableFields {
    /// Department, position, work number, location, role, supervisor.
    pub organizational: bool,
    /// Name, phone, email.
    pub personal: bool,
    /// Contact, Slack ID, signature, meeting URL, time zone, language,
    /// colour, and the schedule.
    pub professional: bool,
    actor_role: Role,
    target_role: Role,
}

impl EditableFields {
    /// Whether the role may become `to`: keeping it always may; a change
    /// follows `ChangeRole` (an admin never touches an owner's role).
    pub fn role_change(&self, to: Role) -> bool {
        to == self.target_role
            || allows(
                self.actor_role,
                Action::ChangeRole {
                    from: self.target_role,
                    to,
                },
            )
    }
}

pub fn editable_fields(actor: &Member, target: &Member) -> EditableFields {
    let own = actor.id == target.id;
    EditableFields {
        organizational: allows(actor.role, Action::EditOrganizationalFields),
        personal: own && allows(actor.role, Action::EditOwnPersonalFields),
        professional: professional_editable(actor, &target.id),
        actor_role: actor.role,
        target_role: target.role,
    }
}

/// The professional row alone, for callers that know only the target's id
/// (the schedule belongs to it): the person themself, or an admin.
pub fn professional_editable(actor: &Member, target: &MemberId) -> bool {
    if &actor.id == target {
        allows(actor.role, Action::EditOwnProfessionalFields)
    } else {
        allows(actor.role, Action::EditOrganizationalFields)
    }
}

#[cfg(test)]
mod tests {
    // Only the table's names: the capabilities `Admin` and `Owner` would
    // clash with the roles of the same names.
    use super::{Action, allows, require};
    use crate::domain::Role::{self, *};

    /// PRODUCT.md §2, row by row: owner, admin, manager, member, restricted.
    #[test]
    fn the_whole_role_table() {
        let rows: &[(Action, [bool; 5])] = &[
            (Action::AdministerMembers, [true, true, false, false, false]),
            (
                Action::InviteNeedingApproval,
                [false, false, true, true, false],
            ),
            (
                Action::EditOrganizationalFields,
                [true, true, false, false, false],
            ),
            (
                Action::EditOwnProfessionalFields,
                [true, true, true, true, false],
            ),
            (
                Action::EditOwnPersonalFields,
                [true, true, true, true, true],
            ),
            (
                Action::EditOthersPersonalFields,
                [false, false, false, false, false],
            ),
            (Action::ApplyToOthers, [true, false, false, false, false]),
            (
                Action::ManageAllBookingPages,
                [true, true, false, false, false],
            ),
            (
                Action::ManageOwnBookingPages,
                [true, true, true, true, false],
            ),
            (
                Action::ManageExternalMembers,
                [true, true, false, false, false],
            ),
            (Action::HostBookings, [true, true, true, true, false]),
            (
                Action::AdministerOrganization,
                [true, true, false, false, false],
            ),
            (Action::ManageOwnApiKeys, [true, true, true, true, false]),
        ];
        for (action, expected) in rows {
            for (role, want) in [Owner, Admin, Manager, Member, Restricted]
                .iter()
                .zip(expected)
            {
                assert_eq!(allows(*role, *action), *want, "{role:?} {action:?}");
            }
        }
    }

    #[test]
    fn admins_cannot_touch_owner_roles() {
        for from in Role::ALL {
            for to in Role::ALL {
                let action = Action::ChangeRole { from, to };
                assert!(allows(Owner, action));
                assert_eq!(
                    allows(Admin, action),
                    from != Owner && to != Owner,
                    "{from:?}->{to:?}"
                );
                for lower in [Manager, Member, Restricted] {
                    assert!(!allows(lower, action));
                }
            }
        }
    }

    #[test]
    fn refusal_is_a_403_naming_the_role() {
        let e = require(Manager, Action::AdministerMembers).unwrap_err();
        assert_eq!(e.code(), "forbidden");
        assert!(e.to_string().contains("manager"));
    }
}

#[cfg(test)]
mod capability_tests {
    use super::*;

    fn member(role: Role) -> Member {
        let email = crate::domain::Email::parse(&format!("{}@example.org", role.as_str())).unwrap();
        Member::new(
            email,
            role,
            crate::domain::MemberState::Active,
            "UTC",
            "en",
            chrono::Utc::now(),
        )
    }

    #[test]
    fn capabilities_follow_the_table() {
        for role in Role::ALL {
            let m = member(role);
            assert_eq!(admin(&m).is_ok(), role >= Role::Admin, "{role:?}");
            assert_eq!(owner(&m).is_ok(), role == Role::Owner, "{role:?}");
            // The admin capability stands for the whole admin row.
            for action in [
                Action::AdministerMembers,
                Action::AdministerOrganization,
                Action::EditOrganizationalFields,
                Action::ManageAllBookingPages,
                Action::ManageExternalMembers,
            ] {
                assert_eq!(
                    allows(role, action),
                    admin(&m).is_ok(),
                    "{role:?} {action:?}"
                );
            }
        }
        let manager = member(Role::Manager);
        let refused = admin(&manager).unwrap_err();
        assert_eq!(
            refused.to_string(),
            require(Role::Manager, Action::AdministerOrganization)
                .unwrap_err()
                .to_string()
        );
    }

    #[test]
    fn editable_fields_of_self_and_others() {
        for role in Role::ALL {
            let me = member(role);
            let own = editable_fields(&me, &me);
            assert!(own.personal);
            assert_eq!(own.professional, role >= Role::Member);
            assert_eq!(own.organizational, role >= Role::Admin);
            for target_role in Role::ALL {
                let other = member(target_role);
                let e = editable_fields(&me, &other);
                assert!(!e.personal, "nobody edits another's name");
                assert_eq!(e.professional, role >= Role::Admin);
                assert_eq!(e.organizational, role >= Role::Admin);
                assert!(e.role_change(target_role), "keeping a role is no change");
            }
        }
        let admin_m = member(Role::Admin);
        let owner_m = member(Role::Owner);
        assert!(!editable_fields(&admin_m, &owner_m).role_change(Role::Member));
        assert!(!editable_fields(&admin_m, &member(Role::Member)).role_change(Role::Owner));
        assert!(editable_fields(&admin_m, &member(Role::Member)).role_change(Role::Manager));
        assert!(editable_fields(&owner_m, &admin_m).role_change(Role::Owner));
    }
}
