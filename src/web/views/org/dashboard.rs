use maud::{Markup, html};

use super::{SLOTS, rich};
use crate::domain::{MemberState, Role};
use crate::i18n::Lang;
use crate::i18n::names::member_name;
use crate::tr;
use crate::web::auth::PageUser;
use crate::web::ui::layout::{Nav, page};

/// What the start page shows.
pub struct Dashboard {
    pub org_name: String,
    /// Members per state; shown to those who administer members.
    pub counts: Option<Vec<(MemberState, usize)>>,
}

fn role_name(lang: Lang, role: Role) -> String {
    match role {
        Role::Owner => tr!(lang, "org-role-owner"),
        Role::Admin => tr!(lang, "org-role-admin"),
        Role::Manager => tr!(lang, "org-role-manager"),
        Role::Member => tr!(lang, "org-role-member"),
        Role::Restricted => tr!(lang, "org-role-restricted"),
    }
}

pub fn dashboard(user: &PageUser, lang: Lang, v: &Dashboard) -> Markup {
    let me = &user.member;
    // Japanese greets by the family name, written first.
    let name = match lang {
        Lang::Ja => member_name(lang, me),
        Lang::En | Lang::Fr => me.first_name.clone(),
    };
    let welcome = tr!(
        lang,
        "org-dashboard-welcome",
        name = &name,
        role = &role_name(lang, me.role),
        org = SLOTS[0]
    );
    let step = |href: &str, label: String, text: String| {
        let link = html! { a href=(href) { (label) } };
        html! { li { (rich(&text, &[link])) } }
    };
    let body = html! {
        p.muted { (rich(&welcome, &[html! { strong { (v.org_name) } }])) }
        @if let Some(counts) = &v.counts {
            @let count = |state: MemberState| counts.iter().find(|(s, _)| *s == state).map_or(0, |(_, n)| *n);
            section.cards aria-label=(tr!(lang, "org-dashboard-members")) {
                a.card href="/members?state=active" {
                    div.number { (count(MemberState::Active)) } div { (tr!(lang, "org-dashboard-active")) }
                }
                a.card href="/members?state=invited" {
                    div.number { (count(MemberState::Invited)) } div { (tr!(lang, "org-dashboard-invited")) }
                }
                a.card href="/members?state=pending" {
                    div.number { (count(MemberState::Pending)) } div { (tr!(lang, "org-dashboard-pending")) }
                }
            }
        }
        h2 { (tr!(lang, "org-dashboard-next-steps")) }
        ul {
            (step("/members", tr!(lang, "org-dashboard-members"), tr!(lang, "org-dashboard-step-members", link = SLOTS[0])))
            (step("/booking-pages", tr!(lang, "org-dashboard-booking-pages"), tr!(lang, "org-dashboard-step-booking-pages", link = SLOTS[0])))
            (step("/settings", tr!(lang, "org-settings-title"), tr!(lang, "org-dashboard-step-settings", link = SLOTS[0])))
        }
    };
    page(
        user,
        Nav::Dashboard,
        &tr!(lang, "org-dashboard-title"),
        body,
    )
}

pub fn external_members(user: &PageUser, lang: Lang) -> Markup {
    let body = html! {
        div.empty {
            p { strong { (tr!(lang, "org-external-empty")) } }
            p { (tr!(lang, "org-external-explained")) }
        }
    };
    page(user, Nav::External, &tr!(lang, "org-external-title"), body)
}
