//! Views of member management: the members list, a member's page, the
//! invitation form, the organization's pages (public link and join rules,
//! CSV import, departments, positions and locations) and the account
//! defaults.

mod defaults;
mod departure;
mod list;
mod organization;
mod profile;
mod team;

#[cfg(test)]
mod access_tests;
#[cfg(test)]
mod tests;

pub use defaults::{DefaultsForm, defaults_page};
pub use departure::{DeparturePage, departure_page};
pub use list::{Filters, ListPage, bulk_done_text, done_text, list_page};
pub use organization::{StructurePage, import_page, invite_link_page, structure_page};
pub use profile::{ApplyChoice, OrgLists, ProfilePage, Saved, profile_page};
pub use team::{InviteOutcome, InvitePage, Typed, invite_page};

use maud::{Markup, html};

use crate::domain::{CatalogKind, MemberState, Role};
use crate::i18n::{Lang, t};

/// Marks where a piece of markup goes in a catalog text. Private-use
/// characters, so no translation contains them by chance.
const SLOT_OPEN: char = '\u{E000}';
const SLOT_CLOSE: char = '\u{E001}';

/// The stand-in passed to the catalog for the `n`th piece of markup.
fn slot(n: usize) -> String {
    format!("{SLOT_OPEN}{n}{SLOT_CLOSE}")
}

/// A catalog text with markup (a link, a bold number) where its
/// placeholders were: the words stay in the translator's order, and only
/// the text around the slots is escaped.
fn rich(text: &str, pieces: &[Markup]) -> Markup {
    let mut parts = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(SLOT_OPEN) {
        let (before, after) = rest.split_at(start);
        let after = &after[SLOT_OPEN.len_utf8()..];
        let Some(end) = after.find(SLOT_CLOSE) else {
            break;
        };
        let piece = after[..end]
            .parse::<usize>()
            .ok()
            .and_then(|n| pieces.get(n));
        parts.push((before, piece));
        rest = &after[end + SLOT_CLOSE.len_utf8()..];
    }
    html! {
        @for (before, piece) in parts {
            (before)
            @if let Some(p) = piece { (p) }
        }
        (rest)
    }
}

/// A role as the reader calls it.
pub fn role_label(lang: Lang, role: Role) -> String {
    t(
        lang,
        match role {
            Role::Owner => "mem-role-owner",
            Role::Admin => "mem-role-admin",
            Role::Manager => "mem-role-manager",
            Role::Member => "mem-role-member",
            Role::Restricted => "mem-role-restricted",
        },
    )
}

/// A member's state, as on their page.
fn state_label(lang: Lang, state: MemberState) -> String {
    t(
        lang,
        match state {
            MemberState::Draft => "mem-state-draft",
            MemberState::Invited => "mem-state-invited",
            MemberState::Pending => "mem-state-pending",
            MemberState::Active => "mem-state-active",
            MemberState::Rejected => "mem-state-rejected",
            MemberState::Terminated => "mem-state-terminated",
        },
    )
}

/// The tab of a kind of catalog entry ("departments").
fn kind_plural(lang: Lang, kind: CatalogKind) -> String {
    t(
        lang,
        match kind {
            CatalogKind::Department => "mem-kind-departments",
            CatalogKind::Position => "mem-kind-positions",
            CatalogKind::Location => "mem-kind-locations",
        },
    )
}

/// The placeholder of a new entry of a kind ("New department").
fn kind_new(lang: Lang, kind: CatalogKind) -> String {
    t(
        lang,
        match kind {
            CatalogKind::Department => "mem-kind-new-department",
            CatalogKind::Position => "mem-kind-new-position",
            CatalogKind::Location => "mem-kind-new-location",
        },
    )
}
