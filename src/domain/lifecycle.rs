//! The member state machine of PRODUCT.md §3: which action moves which
//! state where. Anything else is refused with the current state.

use serde::{Deserialize, Serialize};

use super::MemberState;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Transition {
    /// draft → invited: the invitation mail goes out.
    Activate,
    /// invited → invited with a new link (the old one dies).
    Resend,
    /// invited → (withdrawn): the invitation is cancelled.
    CancelInvitation,
    /// invited → active or pending, by following the link.
    Join,
    /// pending → active.
    Approve,
    /// pending → rejected.
    Reject,
    /// rejected → active ("re-examine").
    Reexamine,
    /// active → terminated: no access. (A pending joiner is rejected instead.)
    Terminate,
    /// terminated → active.
    Restore,
}

impl Transition {
    pub fn as_str(self) -> &'static str {
        match self {
            Transition::Activate => "activate",
            Transition::Resend => "resend",
            Transition::CancelInvitation => "cancel_invitation",
            Transition::Join => "join",
            Transition::Approve => "approve",
            Transition::Reject => "reject",
            Transition::Reexamine => "reexamine",
            Transition::Terminate => "terminate",
            Transition::Restore => "restore",
        }
    }

    /// The action names of the API and the UI (`/members/{id}/{action}`).
    pub fn from_action(action: &str) -> Option<Transition> {
        Some(match action {
            "approve" => Transition::Approve,
            "reject" => Transition::Reject,
            "reexamine" => Transition::Reexamine,
            "terminate" => Transition::Terminate,
            "restore" => Transition::Restore,
            "activate" => Transition::Activate,
            "resend-invitation" => Transition::Resend,
            "cancel-invitation" => Transition::CancelInvitation,
            _ => return None,
        })
    }

    /// The state after the transition, or None when it is not allowed from
    /// `from`. `Join` lands on Active; the service turns it into Pending
    /// when the join needs approval. `CancelInvitation` removes the member,
    /// reported here as Draft.
    pub fn apply(self, from: MemberState) -> Option<MemberState> {
        use MemberState::*;
        use Transition::*;
        Some(match (self, from) {
            (Activate, Draft) => Invited,
            (Resend, Invited) => Invited,
            (CancelInvitation, Invited | Draft) => Draft,
            (Join, Invited) => Active,
            (Approve, Pending) => Active,
            (Reject, Pending) => Rejected,
            (Reexamine | Approve, Rejected) => Active,
            (Terminate, Active) => Terminated,
            (Restore, Terminated) => Active,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use MemberState::*;

    #[test]
    fn exactly_the_transitions_of_the_spec() {
        let all = [Draft, Invited, Pending, Active, Rejected, Terminated];
        let allowed = [
            (Transition::Activate, Draft, Invited),
            (Transition::Resend, Invited, Invited),
            (Transition::CancelInvitation, Invited, Draft),
            (Transition::CancelInvitation, Draft, Draft),
            (Transition::Join, Invited, Active),
            (Transition::Approve, Pending, Active),
            (Transition::Approve, Rejected, Active),
            (Transition::Reject, Pending, Rejected),
            (Transition::Reexamine, Rejected, Active),
            (Transition::Terminate, Active, Terminated),
            (Transition::Restore, Terminated, Active),
        ];
        for t in [
            Transition::Activate,
            Transition::Resend,
            Transition::CancelInvitation,
            Transition::Join,
            Transition::Approve,
            Transition::Reject,
            Transition::Reexamine,
            Transition::Terminate,
            Transition::Restore,
        ] {
            for from in all {
                let expected = allowed
                    .iter()
                    .find(|(a, f, _)| *a == t && *f == from)
                    .map(|(_, _, to)| *to);
                assert_eq!(t.apply(from), expected, "{t:?} from {from:?}");
            }
        }
    }
}
