//! The organization section of the settings: name, time zone, default
//! language and brand colour. The settings page and `PATCH /api/v1/org`
//! both save through [`update`].
//!
//! The time zone and the language are the defaults new members get, the
//! same values as the owner's account defaults, so changing them takes
//! the owner's right like the account defaults do; an admin may rename
//! the organization and choose its colour.

use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::{Map, Value, json};

use super::brand::{Accent, Rgb};
use crate::domain::{Organization, text};
use crate::error::AppError;
use crate::i18n::Msg;
use crate::policy::{self, Action, Admin};
use crate::store::{self, Store};

/// Longest organization name, as at setup.
pub const NAME_LIMIT: usize = 200;

/// The organization section as pages and the API show it.
#[derive(Debug, Clone, PartialEq)]
pub struct OrgSettings {
    pub name: String,
    pub timezone: String,
    pub language: String,
    /// `#rrggbb`, or None for Convene's own accent.
    pub brand_color: Option<String>,
}

impl OrgSettings {
    fn of(org: &Organization) -> OrgSettings {
        OrgSettings {
            name: org.name.clone(),
            timezone: org.default_timezone.clone(),
            language: org.default_language.clone(),
            brand_color: org.brand_color.clone(),
        }
    }

    /// The shades the public pages use, when a colour is chosen.
    pub fn accent(&self) -> Option<Accent> {
        self.brand_color
            .as_deref()
            .and_then(Rgb::parse)
            .map(Accent::of)
    }
}

/// What a change asks for; an absent field stays as it is. A `null`
/// colour (API) or an empty one (form) goes back to Convene's accent.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrgPatch {
    pub name: Option<String>,
    pub timezone: Option<String>,
    pub language: Option<String>,
    #[serde(default, deserialize_with = "crate::service::patch::present")]
    pub brand_color: Option<Option<String>>,
}

/// The organization's settings ("" and the defaults before setup).
pub fn get(store: &Store) -> Result<OrgSettings, AppError> {
    let org = store
        .organization()?
        .unwrap_or_else(|| Organization::new(String::new(), DateTime::UNIX_EPOCH));
    Ok(OrgSettings::of(&org))
}

/// The patch checked field by field, in the form's order; the first
/// refusal names its field.
struct Checked {
    name: Option<String>,
    timezone: Option<String>,
    language: Option<String>,
    brand_color: Option<Option<String>>,
}

fn check(patch: OrgPatch) -> Result<Checked, AppError> {
    let name = match patch.name {
        None => None,
        Some(n) => {
            let n = text::one_line(&n);
            if n.is_empty() {
                return Err(AppError::invalid(
                    "name",
                    Msg::key("settings-err-name-empty"),
                ));
            }
            if n.chars().count() > NAME_LIMIT {
                return Err(AppError::invalid(
                    "name",
                    Msg::key("err-setup-organization-too-long").arg("limit", NAME_LIMIT),
                ));
            }
            Some(n)
        }
    };
    let timezone = match patch.timezone.map(|z| z.trim().to_string()) {
        Some(z) if z.parse::<chrono_tz::Tz>().is_err() => {
            return Err(AppError::invalid(
                "timezone",
                Msg::key("err-unknown-time-zone").arg("zone", z.as_str()),
            ));
        }
        other => other,
    };
    let language = match patch.language.map(|l| l.trim().to_string()) {
        Some(l) if !matches!(l.as_str(), "en" | "ja" | "fr") => {
            return Err(AppError::invalid("language", Msg::key("err-language")));
        }
        other => other,
    };
    let brand_color = match patch.brand_color {
        None => None,
        Some(None) => Some(None),
        Some(Some(c)) if c.trim().is_empty() => Some(None),
        Some(Some(c)) => match Rgb::parse(&c) {
            Some(rgb) => Some(Some(rgb.hex())),
            None => {
                return Err(AppError::invalid(
                    "brand_color",
                    Msg::key("settings-err-color").arg("color", c.trim()),
                ));
            }
        },
    };
    Ok(Checked {
        name,
        timezone,
        language,
        brand_color,
    })
}

/// Saves what changed in one write transaction with its audit row, and
/// answers the settings as saved. Nothing changed: nothing is written.
pub fn update(
    store: &Store,
    admin: Admin<'_>,
    patch: OrgPatch,
    now: DateTime<Utc>,
) -> Result<OrgSettings, AppError> {
    let actor = admin.member();
    let c = check(patch)?;
    let txn = store.write()?;
    let mut org = store::organization_in(&txn)?.ok_or(AppError::NotFound)?;
    let mut changes = Map::new();
    let owner = policy::allows(actor.role, Action::ApplyToOthers);
    if let Some(z) = c.timezone.filter(|z| *z != org.default_timezone) {
        if !owner {
            return Err(AppError::ForbiddenField("timezone".into()));
        }
        changes.insert("timezone".into(), json!(z));
        org.default_timezone = z;
    }
    if let Some(l) = c.language.filter(|l| *l != org.default_language) {
        if !owner {
            return Err(AppError::ForbiddenField("language".into()));
        }
        changes.insert("language".into(), json!(l));
        org.default_language = l;
    }
    if let Some(n) = c.name.filter(|n| *n != org.name) {
        changes.insert("name".into(), json!(n));
        org.name = n;
    }
    if let Some(b) = c.brand_color.filter(|b| *b != org.brand_color) {
        changes.insert("brand_color".into(), json!(b));
        org.brand_color = b;
    }
    if changes.is_empty() {
        return Ok(OrgSettings::of(&org));
    }
    store::put_org_in(&txn, &org)?;
    store::audit_in(
        &txn,
        Some(actor.id.clone()),
        "org.settings_changed",
        None,
        Value::Object(changes),
        now,
    )?;
    store.commit(txn)?;
    Ok(OrgSettings::of(&org))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn patch(f: impl FnOnce(&mut OrgPatch)) -> OrgPatch {
        let mut p = OrgPatch::default();
        f(&mut p);
        p
    }

    fn field_of(r: Result<Checked, AppError>) -> Option<String> {
        r.err().and_then(|e| e.field().map(str::to_string))
    }

    #[test]
    fn each_refusal_names_its_field() {
        let blank = patch(|p| p.name = Some("  \n ".into()));
        assert_eq!(field_of(check(blank)).as_deref(), Some("name"));
        let long = patch(|p| p.name = Some("x".repeat(NAME_LIMIT + 1)));
        assert_eq!(field_of(check(long)).as_deref(), Some("name"));
        let zone = patch(|p| p.timezone = Some("Mars/Olympus".into()));
        assert_eq!(field_of(check(zone)).as_deref(), Some("timezone"));
        let lang = patch(|p| p.language = Some("de".into()));
        assert_eq!(field_of(check(lang)).as_deref(), Some("language"));
        let color = patch(|p| p.brand_color = Some(Some("blue".into())));
        assert_eq!(field_of(check(color)).as_deref(), Some("brand_color"));
    }

    #[test]
    fn values_are_normalized() {
        let c = check(patch(|p| {
            p.name = Some("  Club\tdu  Lac ".into());
            p.timezone = Some(" Europe/Paris ".into());
            p.brand_color = Some(Some("#A1B2C3".into()));
        }))
        .unwrap();
        assert_eq!(c.name.as_deref(), Some("Club du Lac"));
        assert_eq!(c.timezone.as_deref(), Some("Europe/Paris"));
        assert_eq!(c.brand_color, Some(Some("#a1b2c3".into())));
        let cleared = check(patch(|p| p.brand_color = Some(Some(" ".into())))).unwrap();
        assert_eq!(cleared.brand_color, Some(None));
    }
}
