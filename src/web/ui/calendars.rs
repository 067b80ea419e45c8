//! The Integrations pages: `/members/{id}/calendars` (the member and
//! admins) and `/admin/integrations` (admins).

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};

use super::html;
use crate::domain::{CalendarConnection, Member, MemberId, MemberState};
use crate::error::AppError;
use crate::i18n::t;
use crate::service::calendars::{self, ChangeInput, ConnectInput};
use crate::service::feeds::{self, FeedInfo};
use crate::store;
use crate::tr;
use crate::web::api::calendars::sync_now;
use crate::web::auth::{CsrfForm, PageUser};
use crate::web::ctx::Ctx;
use crate::web::views::calendars::{
    CalendarsPage, IntegrationFilter, IntegrationRow, Typed, calendars_page,
    overview as overview_view,
};

type Form = Vec<(String, String)>;

fn value<'a>(form: &'a Form, key: &str) -> &'a str {
    form.iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
        .unwrap_or_default()
}

type Loaded = (Member, Vec<CalendarConnection>, Option<FeedInfo>);

async fn load(ctx: &Ctx<PageUser>, member: &MemberId) -> Result<Loaded, AppError> {
    let member = member.clone();
    ctx.run(move |s| {
        let list = calendars::list(s.store(), s.actor(), &member)?;
        let m = s.store().member(&member)?.ok_or(AppError::NotFound)?;
        // Made on the first view: one write per member, ever.
        let feed = feeds::member_feed(s.calendars(), s.actor(), &member, s.now)?;
        Ok((m, list, Some(feed)))
    })
    .await
}

/// Renders the page; `outcome` is what the request just did.
async fn render(
    ctx: &Ctx<PageUser>,
    member: &MemberId,
    notice: Option<String>,
    error: Option<(&AppError, Option<&str>)>,
    typed: Typed<'_>,
) -> Result<HttpResponse, AppError> {
    let (m, list, feed) = load(ctx, member).await?;
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let v = CalendarsPage {
        member: &m,
        connections: &list,
        notice,
        error: error.map(|(e, _)| e),
        failed_id: error.and_then(|(_, id)| id),
        typed,
        feed_last_used: feed.as_ref().and_then(|f| f.last_used_at),
        feed: feed.map(|f| f.url),
    };
    Ok(html(status, calendars_page(&ctx.user, ctx.lang, &v)))
}

pub async fn show(ctx: Ctx<PageUser>, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    let member = MemberId::from_string(path.into_inner());
    render(&ctx, &member, None, None, Typed::default()).await
}

/// What a sync the request waited for says.
async fn synced_text(ctx: &Ctx<PageUser>, id: &str) -> Result<String, AppError> {
    match sync_now(ctx.calendars(), id, ctx.now).await {
        Ok(r) => Ok(tr!(ctx.lang, "cal-synced", count = r.events)),
        Err(AppError::Invalid { message, .. }) => Ok(message.render(ctx.lang)),
        Err(e) => Err(e),
    }
}

pub async fn connect(
    path: web::Path<String>,
    post: Ctx<CsrfForm<Form>>,
) -> Result<HttpResponse, AppError> {
    let (ctx, form) = post.into_form();
    let member = MemberId::from_string(path.into_inner());
    let input = ConnectInput {
        kind: value(&form, "kind").to_string(),
        url: value(&form, "url").to_string(),
        username: Some(value(&form, "username").to_string()),
        password: Some(value(&form, "password").to_string()),
        write_back: None,
        write_calendar: None,
        on_cancel: None,
    };
    let m = member.clone();
    let made = ctx
        .run(move |s| calendars::connect(s.calendars(), s.actor(), &m, input, s.now))
        .await;
    match made {
        Ok(c) => {
            let said = synced_text(&ctx, &c.id).await?;
            let notice = format!("{} {said}", t(ctx.lang, "cal-connected"));
            render(&ctx, &member, Some(notice), None, Typed::default()).await
        }
        Err(e @ AppError::Invalid { .. }) => {
            let typed = Typed {
                kind: value(&form, "kind"),
                url: value(&form, "url"),
                username: value(&form, "username"),
            };
            render(&ctx, &member, None, Some((&e, None)), typed).await
        }
        Err(e) => Err(e),
    }
}

pub async fn sync(
    path: web::Path<(String, String)>,
    post: Ctx<CsrfForm<Form>>,
) -> Result<HttpResponse, AppError> {
    let (ctx, _) = post.into_form();
    let (member, id) = path.into_inner();
    let member = MemberId::from_string(member);
    // The member themself or an admin, as for reading.
    let (m, i) = (member.clone(), id.clone());
    ctx.run(move |s| calendars::get(s.store(), s.actor(), &m, &i))
        .await?;
    let said = synced_text(&ctx, &id).await?;
    render(&ctx, &member, Some(said), None, Typed::default()).await
}

async fn change(
    ctx: &Ctx<PageUser>,
    member: &MemberId,
    id: &str,
    input: ChangeInput,
) -> Result<HttpResponse, AppError> {
    let (m, i) = (member.clone(), id.to_string());
    let changed = ctx
        .run(move |s| calendars::change(s.calendars(), s.actor(), &m, &i, input, s.now))
        .await;
    match changed {
        Ok(c) => {
            let said = synced_text(ctx, &c.id).await?;
            render(ctx, member, Some(said), None, Typed::default()).await
        }
        Err(e @ AppError::Invalid { .. }) => {
            render(ctx, member, None, Some((&e, Some(id))), Typed::default()).await
        }
        Err(e) => Err(e),
    }
}

/// Re-link: another address or other credentials; an empty password
/// field keeps the stored one.
pub async fn relink(
    path: web::Path<(String, String)>,
    post: Ctx<CsrfForm<Form>>,
) -> Result<HttpResponse, AppError> {
    let (ctx, form) = post.into_form();
    let (member, id) = path.into_inner();
    let member = MemberId::from_string(member);
    let field = |name: &str| value(&form, &format!("{name}-{id}")).to_string();
    let password = field("password");
    let input = ChangeInput {
        url: Some(field("url")),
        username: Some(field("username")),
        password: (!password.is_empty()).then_some(password),
        ..ChangeInput::default()
    };
    change(&ctx, &member, &id, input).await
}

/// Which of a CalDAV account's calendars count as busy.
pub async fn collections(
    path: web::Path<(String, String)>,
    post: Ctx<CsrfForm<Form>>,
) -> Result<HttpResponse, AppError> {
    let (ctx, form) = post.into_form();
    let (member, id) = path.into_inner();
    let member = MemberId::from_string(member);
    let busy = form
        .iter()
        .filter(|(k, _)| k == "busy")
        .map(|(_, v)| v.clone())
        .collect();
    let input = ChangeInput {
        busy_collections: Some(busy),
        ..ChangeInput::default()
    };
    change(&ctx, &member, &id, input).await
}

pub async fn disconnect(
    path: web::Path<(String, String)>,
    post: Ctx<CsrfForm<HashMap<String, String>>>,
) -> Result<HttpResponse, AppError> {
    let (ctx, _) = post.into_form();
    let (member, id) = path.into_inner();
    let member = MemberId::from_string(member);
    let m = member.clone();
    ctx.run(move |s| calendars::disconnect(s.store(), s.actor(), &m, &id, s.now))
        .await?;
    let notice = t(ctx.lang, "cal-disconnected");
    render(&ctx, &member, Some(notice), None, Typed::default()).await
}

/// A new feed address; the old one stops working at once.
pub async fn rotate_feed(
    path: web::Path<String>,
    post: Ctx<CsrfForm<HashMap<String, String>>>,
) -> Result<HttpResponse, AppError> {
    let (ctx, _) = post.into_form();
    let member = MemberId::from_string(path.into_inner());
    let m = member.clone();
    ctx.run(move |s| feeds::rotate_member_feed(s.calendars(), s.actor(), &m, s.now))
        .await?;
    let notice = t(ctx.lang, "feed-rotated");
    render(&ctx, &member, Some(notice), None, Typed::default()).await
}

#[derive(serde::Deserialize)]
pub struct OverviewQuery {
    #[serde(default)]
    integration: String,
}

/// Every active member with their calendars and meeting URL (admins).
pub async fn overview(
    ctx: Ctx<PageUser>,
    query: web::Query<OverviewQuery>,
) -> Result<HttpResponse, AppError> {
    let filter = IntegrationFilter::parse(&query.integration).unwrap_or(IntegrationFilter::All);
    let rows = ctx.run(|s| integration_rows(s.store(), s.admin()?)).await?;
    Ok(html(
        StatusCode::OK,
        overview_view(&ctx.user, ctx.lang, &rows, filter),
    ))
}

/// Active members and their connections, in the members list's order.
pub fn integration_rows(
    store: &store::Store,
    admin: crate::policy::Admin<'_>,
) -> Result<Vec<IntegrationRow>, AppError> {
    let mut feeds_used = feeds::usage_by_member(store, admin)?;
    let mut by_member = calendars::integration::by_member(calendars::all(store, admin)?);
    let mut members: Vec<Member> = store
        .members()?
        .into_iter()
        .filter(|m| m.state == MemberState::Active)
        .collect();
    members.sort_by(|a, b| a.email.as_str().cmp(b.email.as_str()));
    Ok(members
        .into_iter()
        .map(|m| {
            let connections = by_member.remove(&m.id).unwrap_or_default();
            let feed_used = feeds_used.remove(&m.id).flatten();
            IntegrationRow {
                member: m,
                connections,
                feed_used,
            }
        })
        .collect())
}

/// Whether bookings are written to this CalDAV calendar, into which of its
/// calendars, and what a cancellation does to the event.
pub async fn write_back(
    path: web::Path<(String, String)>,
    post: Ctx<CsrfForm<Form>>,
) -> Result<HttpResponse, AppError> {
    let (ctx, form) = post.into_form();
    let (member, id) = path.into_inner();
    let member = MemberId::from_string(member);
    let input = ChangeInput {
        write_back: Some(value(&form, "write_back") == "on"),
        write_calendar: Some(value(&form, "write_calendar").to_string()),
        on_cancel: Some(value(&form, "on_cancel").to_string()).filter(|v| !v.is_empty()),
        ..ChangeInput::default()
    };
    change(&ctx, &member, &id, input).await
}
