//! `CONVENE_SECTION_KEY` environment overrides, typed after each key's
//! default, and `_FILE` variants for secrets kept in files.

use std::collections::BTreeMap;

use super::{Config, ConfigError};

/// Overlay `CONVENE_SECTION_KEY=value` onto the file's table. The value is
/// typed after the default of that key, so `CONVENE_LIMITS_IMPORT_ROWS_PER_DAY=5`
/// is a number and `CONVENE_OUTBOUND_ALLOW_NETWORKS=127.0.0.0/8,::1/128` a list.
pub(super) fn apply_env(
    table: &mut toml::Table,
    env: &[(String, String)],
) -> Result<(), ConfigError> {
    let defaults = match toml::Value::try_from(Config::default()) {
        Ok(toml::Value::Table(t)) => t,
        _ => return Ok(()),
    };
    let mut keys: BTreeMap<String, (String, String, toml::Value)> = BTreeMap::new();
    for (section, fields) in &defaults {
        if let toml::Value::Table(fields) = fields {
            for (key, default) in fields {
                let name = format!("CONVENE_{}_{}", section, key).to_uppercase();
                keys.insert(name, (section.clone(), key.clone(), default.clone()));
            }
        }
    }
    for (name, raw) in env {
        if !name.starts_with("CONVENE_") || name == "CONVENE_CONFIG" || name == "CONVENE_LOG" {
            continue;
        }
        let (lookup, value) = match keys.get(name.as_str()) {
            Some(_) => (name.as_str(), raw.clone()),
            None => match name.strip_suffix("_FILE").filter(|n| keys.contains_key(*n)) {
                Some(base) => {
                    let text = std::fs::read_to_string(raw).map_err(|e| ConfigError::Invalid {
                        key: name.clone(),
                        value: raw.clone(),
                        reason: format!("cannot read file: {e}"),
                    })?;
                    (base, text.trim_end_matches(['\n', '\r']).to_string())
                }
                None => return Err(ConfigError::UnknownEnv(name.clone())),
            },
        };
        let Some((section, key, default)) = keys.get(lookup) else {
            continue;
        };
        let typed = typed_like(default, &value).ok_or_else(|| ConfigError::Invalid {
            key: format!("{section}.{key} (from {name})"),
            value: value.clone(),
            reason: format!("expected a {}", default.type_str()),
        })?;
        let entry = table
            .entry(section.clone())
            .or_insert_with(|| toml::Value::Table(toml::Table::new()));
        if let toml::Value::Table(t) = entry {
            t.insert(key.clone(), typed);
        }
    }
    Ok(())
}

fn typed_like(default: &toml::Value, raw: &str) -> Option<toml::Value> {
    Some(match default {
        toml::Value::String(_) => toml::Value::String(raw.to_string()),
        toml::Value::Integer(_) => toml::Value::Integer(raw.trim().parse().ok()?),
        toml::Value::Boolean(_) => toml::Value::Boolean(raw.trim().parse().ok()?),
        // Items are typed like the default's first item (strings when empty).
        toml::Value::Array(items) => toml::Value::Array(
            raw.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| match items.first() {
                    Some(first) => typed_like(first, s),
                    None => Some(toml::Value::String(s.to_string())),
                })
                .collect::<Option<Vec<_>>>()?,
        ),
        _ => return None,
    })
}
