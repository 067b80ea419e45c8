//! The role table of PRODUCT.md §2, in one place. The service layer asks
//! here before every action; the UI only hides what this refuses.

use crate::domain::Role;
use crate::error::AppError;

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
        Err(AppError::forbidden(format!(
            "your role ({}) does not allow this action",
            role.as_str()
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Role::*;

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
