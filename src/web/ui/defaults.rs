//! Account defaults for new members (owner): reading the posted form and
//! saving it; the page is in `views::members`.

use actix_web::HttpResponse;
use actix_web::http::StatusCode;

use super::html;
use crate::error::AppError;
use crate::i18n::Msg;
use crate::service::{self, members::organize::Defaults};
use crate::web::auth::{CsrfForm, PageUser};
use crate::web::ctx::Ctx;
use crate::web::views::members::{DefaultsForm, defaults_page};
use crate::web::views::week::WeekForm;

pub async fn show(ctx: Ctx<PageUser>) -> Result<HttpResponse, AppError> {
    crate::policy::require(ctx.actor().role, crate::policy::Action::ApplyToOthers)?;
    let d = ctx
        .run(|s| service::members::organize::defaults(s.store()))
        .await?;
    Ok(html(
        StatusCode::OK,
        defaults_page(&ctx.user, ctx.lang, &DefaultsForm::saved(&d), false, None),
    ))
}

fn value(form: &[(String, String)], key: &str) -> String {
    form.iter()
        .find(|(n, _)| n == key)
        .map(|(_, v)| v.trim().to_string())
        .unwrap_or_default()
}

/// The typed form as the defaults to save; the service checks the zone,
/// the language and the schedule as it checks a member's own.
fn defaults_of(typed: &DefaultsForm) -> Result<Defaults, AppError> {
    let open = match typed.open_booking_cap.as_str() {
        "" => None,
        n => Some(n.parse().map_err(|_| {
            AppError::invalid("open_booking_cap", Msg::key("org-schedule-whole-number"))
        })?),
    };
    Ok(Defaults {
        timezone: typed.timezone.clone(),
        language: typed.language.clone(),
        schedule: typed.week.to_input()?.into_schedule(open),
    })
}

pub async fn save(post: Ctx<CsrfForm<Vec<(String, String)>>>) -> Result<HttpResponse, AppError> {
    let (ctx, form) = post.into_form();
    let user = &ctx.user;
    let typed = DefaultsForm {
        timezone: value(&form, "timezone"),
        language: value(&form, "language"),
        week: WeekForm::from_form(&form),
        open_booking_cap: value(&form, "open_booking_cap"),
    };
    let saved = match defaults_of(&typed) {
        Ok(attempt) => {
            ctx.run(move |s| {
                service::members::organize::set_defaults(s.store(), s.owner()?, attempt, s.now)
            })
            .await
        }
        Err(e) => Err(e),
    };
    match saved {
        Ok(()) => {
            let d = ctx
                .run(|s| service::members::organize::defaults(s.store()))
                .await?;
            Ok(html(
                StatusCode::OK,
                defaults_page(user, ctx.lang, &DefaultsForm::saved(&d), true, None),
            ))
        }
        Err(e @ AppError::Invalid { .. }) => Ok(html(
            StatusCode::UNPROCESSABLE_ENTITY,
            defaults_page(user, ctx.lang, &typed, false, Some(&e)),
        )),
        Err(e) => Err(e),
    }
}
