//! The audit log page (admins): who did what and when, filtered by actor,
//! action and dates, newest first, a page at a time.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use chrono::{NaiveDate, TimeZone};
use chrono_tz::Tz;
use serde::Deserialize;

use super::html;
use super::layout::{Nav, lang_of, page};
use crate::domain::MemberId;
use crate::error::AppError;
use crate::i18n::t;
use crate::service::members::directory;
use crate::service::org::audit::{self, AuditSearch};
use crate::web::auth::PageUser;
use crate::web::ctx::Ctx;
use crate::web::views::audit::{AuditQuery, AuditView, cursor_of, render};

const PER_PAGE: usize = 50;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/audit", web::get().to(show));
}

#[derive(Deserialize, Default)]
pub struct Params {
    actor: Option<String>,
    action: Option<String>,
    from: Option<String>,
    to: Option<String>,
    before: Option<String>,
}

fn given(v: &Option<String>) -> Option<String> {
    v.as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
}

/// A day in the admin's zone: its first instant (or, for `to`, the first
/// instant of the day after).
fn day_start(tz: Tz, day: NaiveDate) -> Option<chrono::DateTime<chrono::Utc>> {
    tz.from_local_datetime(&day.and_hms_opt(0, 0, 0)?)
        .earliest()
        .map(|d| d.with_timezone(&chrono::Utc))
}

/// GET /audit
pub async fn show(
    ctx: Ctx<PageUser>,
    params: web::Query<Params>,
) -> Result<HttpResponse, AppError> {
    let lang = lang_of(&ctx.user);
    let tz: Tz = ctx.actor().timezone.parse().unwrap_or(chrono_tz::UTC);
    let p = params.into_inner();
    let mut bad_date = false;
    let mut date = |v: &Option<String>, next_day: bool| {
        let text = given(v)?;
        match crate::domain::instant::parse_date(&text) {
            Some(d) => day_start(tz, if next_day { d.succ_opt()? } else { d }),
            None => {
                bad_date = true;
                None
            }
        }
    };
    let from = date(&p.from, false);
    let to = date(&p.to, true);
    let query = AuditQuery {
        actor: given(&p.actor).unwrap_or_default(),
        action: given(&p.action).unwrap_or_default(),
        from: given(&p.from).unwrap_or_default(),
        to: given(&p.to).unwrap_or_default(),
        paged: given(&p.before).is_some(),
    };
    let search = AuditSearch {
        actor: given(&p.actor).map(MemberId::from_string),
        action: given(&p.action),
        from,
        to,
        before: given(&p.before).and_then(|c| {
            let (t, id) = c.split_once('.')?;
            Some((t.parse().ok()?, id.to_string()))
        }),
        limit: PER_PAGE,
    };
    let (found, members) = ctx
        .run(move |s| {
            let found = audit::search(s.store(), s.admin()?, search)?;
            Ok((found, directory::everyone(s.store())?))
        })
        .await?;
    let view = AuditView {
        lang,
        tz,
        query: &query,
        entries: &found.entries,
        members: &members,
        next: found.next.as_ref().map(cursor_of),
        bad_date,
    };
    Ok(html(
        StatusCode::OK,
        page(
            &ctx.user,
            Nav::Settings,
            &t(lang, "audit-title"),
            render(&view),
        ),
    ))
}
