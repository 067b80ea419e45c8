//! The role table of PRODUCT.md §2, in one place. The service layer asks
//! here before every action; the UI only hides what this refuses.
//!
//! Admin-only and owner-only service functions take a capability
//! ([`Admin`], [`Owner`]) that only this module can make, so code that
//! skipped the check does not compile.

use crate::domain::{Member, MemberId, Role, Transition};
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
    /// Read another member's private fields (their phone). Colleagues see
    /// each other's names and work contact; the private rest is for the
    /// person themself and for those who administer members.
    SeeOthersPrivateFields,
}

/// Whether `role` may perform `action`.
pub fn allows(role: Role, action: Action) -> bool {
    use Action::*;
    match action {
        AdministerMembers
        | EditOrganizationalFields
        | ManageAllBookingPages
        | ManageExternalMembers
        | AdministerOrganization
        | SeeOthersPrivateFields => role >= Role::Admin,
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

/// Whether `viewer` may read `target`'s private fields (the phone): their
/// own, or anyone's for those who administer members.
pub fn sees_private_fields(viewer: &Member, target: &Member) -> bool {
    viewer.id == target.id || allows(viewer.role, Action::SeeOthersPrivateFields)
}

/// Whether a member of role `actor` may make the state move `t` on a
/// member of role `target`: the admin row of the table, except that
/// removing or restoring an owner is for owners only. The service refuses
/// with 403 what this refuses, and the members list offers only what this
/// allows.
pub fn may_move(actor: Role, target: Role, t: Transition) -> bool {
    let owners_only = matches!(t, Transition::Terminate | Transition::Restore);
    allows(actor, Action::AdministerMembers)
        && (!owners_only || target != Role::Owner || actor == Role::Owner)
}

/// What one member may do, read from the table above once for a request:
/// the navigation and every page offer a link, a button or a form exactly
/// when the service would accept what it leads to. Hiding is not the
/// enforcement (the service still asks `allows`); this only keeps pages
/// from offering what would answer 403.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Can {
    role: Role,
    /// Invite directly, import and export, approve, reject, terminate and
    /// restore, bulk edit, the catalogs and the public invitation link.
    pub administer_members: bool,
    /// Open the invitation form: admins, and those whose invitations then
    /// wait for an admin's approval.
    pub invite: bool,
    /// Copy settings to others and the account defaults (owners).
    pub apply_to_others: bool,
    /// Create booking pages and manage one's own.
    pub manage_own_pages: bool,
    /// Every booking page and every booking.
    pub manage_all_pages: bool,
    /// Host bookings (and so have bookings of one's own).
    pub host: bool,
    pub manage_external_members: bool,
    /// Organization settings, webhooks, the mail queue, jobs, the audit log.
    pub administer_organization: bool,
    pub manage_own_api_keys: bool,
    /// Own meeting URL, contact and schedule.
    pub edit_own_professional: bool,
}

impl Can {
    pub fn of(role: Role) -> Can {
        let may = |action| allows(role, action);
        Can {
            role,
            administer_members: may(Action::AdministerMembers),
            invite: may(Action::AdministerMembers) || may(Action::InviteNeedingApproval),
            apply_to_others: may(Action::ApplyToOthers),
            manage_own_pages: may(Action::ManageOwnBookingPages),
            manage_all_pages: may(Action::ManageAllBookingPages),
            host: may(Action::HostBookings),
            manage_external_members: may(Action::ManageExternalMembers),
            administer_organization: may(Action::AdministerOrganization),
            manage_own_api_keys: may(Action::ManageOwnApiKeys),
            edit_own_professional: may(Action::EditOwnProfessionalFields),
        }
    }

    /// The state move `t` on a member of role `target` ([`may_move`]).
    pub fn move_member(&self, target: Role, t: Transition) -> bool {
        may_move(self.role, target, t)
    }

    /// Whether there are bookings to list: one's own as host, or all.
    pub fn see_bookings(&self) -> bool {
        self.host || self.manage_all_pages
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
            (
                Action::SeeOthersPrivateFields,
                [true, true, false, false, false],
            ),
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
    fn private_fields_are_for_the_person_and_admins() {
        for viewer_role in Role::ALL {
            let viewer = member(viewer_role);
            assert!(sees_private_fields(&viewer, &viewer), "{viewer_role:?} own");
            for target_role in Role::ALL {
                let target = member(target_role);
                assert_eq!(
                    sees_private_fields(&viewer, &target),
                    viewer_role >= Role::Admin,
                    "{viewer_role:?} sees {target_role:?}"
                );
            }
        }
    }

    #[test]
    fn the_capability_set_is_the_table() {
        for role in Role::ALL {
            let can = Can::of(role);
            assert_eq!(
                can.administer_members,
                allows(role, Action::AdministerMembers)
            );
            assert_eq!(
                can.invite,
                allows(role, Action::AdministerMembers)
                    || allows(role, Action::InviteNeedingApproval)
            );
            assert_eq!(can.apply_to_others, allows(role, Action::ApplyToOthers));
            assert_eq!(
                can.manage_own_pages,
                allows(role, Action::ManageOwnBookingPages)
            );
            assert_eq!(
                can.manage_all_pages,
                allows(role, Action::ManageAllBookingPages)
            );
            assert_eq!(can.host, allows(role, Action::HostBookings));
            assert_eq!(
                can.manage_external_members,
                allows(role, Action::ManageExternalMembers)
            );
            assert_eq!(
                can.administer_organization,
                allows(role, Action::AdministerOrganization)
            );
            assert_eq!(
                can.manage_own_api_keys,
                allows(role, Action::ManageOwnApiKeys)
            );
            assert_eq!(
                can.edit_own_professional,
                allows(role, Action::EditOwnProfessionalFields)
            );
        }
        // Restricted members may do none of it; managers and members may
        // invite (needing approval) but administer nothing.
        let restricted = Can::of(Role::Restricted);
        assert!(!restricted.invite && !restricted.see_bookings() && !restricted.manage_own_pages);
        let manager = Can::of(Role::Manager);
        assert!(manager.invite && !manager.administer_members && manager.see_bookings());
    }

    #[test]
    fn only_owners_remove_or_restore_owners() {
        use Transition::*;
        for t in [
            Approve,
            Reject,
            Reexamine,
            Terminate,
            Restore,
            Activate,
            Resend,
            CancelInvitation,
        ] {
            for target in Role::ALL {
                assert!(may_move(Role::Owner, target, t), "owner {t:?} {target:?}");
                let admin_may = !(matches!(t, Terminate | Restore) && target == Role::Owner);
                assert_eq!(
                    may_move(Role::Admin, target, t),
                    admin_may,
                    "admin {t:?} {target:?}"
                );
                for lower in [Role::Manager, Role::Member, Role::Restricted] {
                    assert!(!may_move(lower, target, t));
                }
            }
        }
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
