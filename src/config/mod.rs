//! Configuration: embedded defaults, then an optional TOML file, then
//! `CONVENE_SECTION_KEY` environment variables (and `CONVENE_SECTION_KEY_FILE`
//! for secrets kept in files). Unknown keys are errors that name the key.

use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

mod calendar;
mod env;
pub use calendar::{CalendarConfig, WhenStale};
use env::apply_env;

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("config file {path}: {message}")]
    Parse { path: PathBuf, message: String },
    #[error("config: {key} = {value:?}: {reason}")]
    Invalid {
        key: String,
        value: String,
        reason: String,
    },
    #[error("config: unknown environment variable {0} (no such key)")]
    UnknownEnv(String),
}

#[derive(Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub server: ServerConfig,
    pub storage: StorageConfig,
    pub mail: MailConfig,
    pub auth: AuthConfig,
    pub limits: LimitsConfig,
    pub outbound: OutboundConfig,
    pub jobs: JobsConfig,
    pub booking: BookingConfig,
    pub calendar: CalendarConfig,
    pub connect: ConnectConfig,
    pub log: LogConfig,
    pub backup: BackupConfig,
}

/// How the server logs (to standard error, for journald or Docker).
#[derive(Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct LogConfig {
    /// "text" (one readable line per event) or "json" (one JSON object per
    /// line, for log shippers).
    pub format: String,
    /// The access log: "all" (a line per request), "errors" (only answers
    /// of 400 and above) or "off". Failed sign-ins are logged either way.
    pub access: String,
    /// At most this many access lines a second; past it the lines of that
    /// second are counted and one summary line says how many (0: no cap).
    pub access_lines_per_second: u32,
}

impl Default for LogConfig {
    fn default() -> Self {
        LogConfig {
            format: "text".into(),
            access: "all".into(),
            access_lines_per_second: 200,
        }
    }
}

/// Online backups on a schedule, while the server runs.
#[derive(Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct BackupConfig {
    /// Cron expression (read in `[jobs] timezone`); empty: no scheduled
    /// backups.
    pub schedule: String,
    /// How many scheduled backups to keep (the oldest go first); 0 keeps all.
    pub keep: u32,
    /// Where they are written; empty: `backups/` in the data directory.
    pub dir: String,
}

impl Default for BackupConfig {
    fn default() -> Self {
        BackupConfig {
            schedule: String::new(),
            keep: 7,
            dir: String::new(),
        }
    }
}

impl BackupConfig {
    pub fn directory(&self, data_dir: &Path) -> PathBuf {
        if self.dir.trim().is_empty() {
            data_dir.join("backups")
        } else {
            PathBuf::from(&self.dir)
        }
    }
}

/// External members ("Connect").
#[derive(Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct ConnectConfig {
    /// Days a candidate-date link stays valid.
    pub token_days: u32,
}

impl Default for ConnectConfig {
    fn default() -> Self {
        ConnectConfig { token_days: 30 }
    }
}

/// Booking pages and bookings.
#[derive(Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct BookingConfig {
    /// Video link made for a host without a meeting URL; `{room}` becomes a
    /// random room name. Empty: such hosts cannot serve video pages.
    pub video_link_pattern: String,
    /// Reminders, in minutes before the start.
    pub reminder_offsets_minutes: Vec<u32>,
    /// Most bookings written in one durable commit when many arrive at once.
    pub group_commit_max: u32,
    /// Public bookings a guest's address may make per minute (booking page
    /// and API); 0: no limit.
    pub bookings_per_ip_per_minute: u32,
}

impl Default for BookingConfig {
    fn default() -> Self {
        BookingConfig {
            video_link_pattern: String::new(),
            reminder_offsets_minutes: vec![1440, 60],
            group_commit_max: 64,
            bookings_per_ip_per_minute: 30,
        }
    }
}

#[derive(Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct ServerConfig {
    /// Address to listen on; port 0 picks a free port (logged at start).
    pub bind: String,
    /// Public URL used in links and mails; empty means `http://{bind}`.
    pub base_url: String,
    /// Seconds in-flight requests get to finish after SIGTERM.
    pub shutdown_timeout_secs: u64,
    /// Largest request body accepted, in bytes.
    pub max_body_bytes: usize,
    /// Reverse proxies (CIDR) whose X-Forwarded-For names the real client,
    /// for rate limits. Empty: the peer address is the client.
    pub trusted_proxies: Vec<String>,
}

#[derive(Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct StorageConfig {
    pub data_dir: PathBuf,
    /// MiB of database pages kept decoded in memory.
    pub cache_mb: u32,
}

#[derive(Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct MailConfig {
    /// "smtp", "file" (one .eml per message in data_dir/mail-out) or "log".
    pub transport: String,
    /// smtp://host:port (plain), smtp://host:port?tls=starttls, smtps://user:pass@host:465
    pub smtp_url: String,
    pub from: String,
    /// Attempts before a message is marked failed.
    pub max_attempts: u32,
    /// Wait before the first retry; doubles with each attempt (with jitter).
    pub retry_base_seconds: u64,
    /// Sent messages are purged from the outbox after this many days.
    pub keep_sent_days: u32,
}

#[derive(Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct AuthConfig {
    /// A session unused for this long is dead.
    pub session_idle_minutes: u64,
    /// A session is dead this long after login, used or not.
    pub session_absolute_hours: u64,
    /// Login attempts per client IP per minute.
    pub login_per_ip_per_minute: u32,
    /// Login attempts per account per minute.
    pub login_per_account_per_minute: u32,
}

#[derive(Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct LimitsConfig {
    pub import_rows_per_day: u32,
    pub external_members_max: u32,
}

/// Cron schedules (5 fields, or 6 with seconds first) of the jobs the
/// server runs, read in `timezone`.
#[derive(Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct JobsConfig {
    pub timezone: String,
    pub outbox_sweep: String,
    pub token_cleanup: String,
    pub admin_digest: String,
    pub booking_reminders: String,
    pub calendar_sync: String,
}

impl Default for JobsConfig {
    fn default() -> Self {
        JobsConfig {
            timezone: "UTC".into(),
            outbox_sweep: "*/5 * * * *".into(),
            token_cleanup: "17 * * * *".into(),
            admin_digest: "0 8 * * *".into(),
            booking_reminders: "* * * * *".into(),
            calendar_sync: "*/10 * * * *".into(),
        }
    }
}

impl JobsConfig {
    /// (key, expression) of every job, for validation and the scheduler.
    pub fn schedules(&self) -> Vec<(&'static str, &str)> {
        vec![
            ("outbox_sweep", self.outbox_sweep.as_str()),
            ("token_cleanup", self.token_cleanup.as_str()),
            ("admin_digest", self.admin_digest.as_str()),
            ("booking_reminders", self.booking_reminders.as_str()),
            ("calendar_sync", self.calendar_sync.as_str()),
        ]
    }
}

/// Parses a cron expression: standard 5 fields, or 6/7 with seconds first.
pub fn parse_cron(expr: &str) -> Result<cron::Schedule, String> {
    use std::str::FromStr;
    let fields = expr.split_whitespace().count();
    let full = if fields == 5 {
        format!("0 {expr}")
    } else {
        expr.to_string()
    };
    cron::Schedule::from_str(&full).map_err(|e| e.to_string())
}

#[derive(Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct OutboundConfig {
    /// CIDR networks outbound HTTP may reach although loopback or private.
    pub allow_networks: Vec<String>,
    /// http:// or https:// proxy for all outbound HTTP; empty: connect
    /// directly. Proxy variables from the environment are never used.
    pub proxy: String,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            bind: "127.0.0.1:8080".into(),
            base_url: String::new(),
            shutdown_timeout_secs: 10,
            max_body_bytes: 2 * 1024 * 1024,
            trusted_proxies: Vec::new(),
        }
    }
}

impl Default for StorageConfig {
    fn default() -> Self {
        StorageConfig {
            data_dir: PathBuf::from("./data"),
            cache_mb: crate::store::DEFAULT_CACHE_MB,
        }
    }
}

impl Default for MailConfig {
    fn default() -> Self {
        MailConfig {
            transport: "file".into(),
            smtp_url: String::new(),
            from: "Convene <convene@localhost>".into(),
            max_attempts: 8,
            retry_base_seconds: 30,
            keep_sent_days: 30,
        }
    }
}

impl Default for AuthConfig {
    fn default() -> Self {
        AuthConfig {
            session_idle_minutes: 12 * 60,
            session_absolute_hours: 14 * 24,
            login_per_ip_per_minute: 20,
            login_per_account_per_minute: 5,
        }
    }
}

impl Default for LimitsConfig {
    fn default() -> Self {
        LimitsConfig {
            import_rows_per_day: 100,
            external_members_max: 50,
        }
    }
}

/// Never print a secret: the SMTP password is masked.
impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_masked_toml())
    }
}

impl Config {
    /// Defaults, then the file (if any), then the environment.
    pub fn load(file: Option<&Path>) -> Result<Config, ConfigError> {
        let env: Vec<(String, String)> = std::env::vars().collect();
        Self::load_from(file, &env)
    }

    pub fn load_from(file: Option<&Path>, env: &[(String, String)]) -> Result<Config, ConfigError> {
        let mut table = match file {
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
                    path: path.to_path_buf(),
                    source,
                })?;
                toml::from_str::<toml::Table>(&text).map_err(|e| ConfigError::Parse {
                    path: path.to_path_buf(),
                    message: e.to_string(),
                })?
            }
            None => toml::Table::new(),
        };
        apply_env(&mut table, env)?;
        let config: Config =
            Config::deserialize(toml::Value::Table(table)).map_err(|e| ConfigError::Parse {
                path: file
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| "(environment)".into()),
                message: e.to_string(),
            })?;
        config.validate()?;
        Ok(config)
    }

    pub fn validate(&self) -> Result<(), ConfigError> {
        let bad = |key: &str, value: &str, reason: &str| ConfigError::Invalid {
            key: key.into(),
            value: value.into(),
            reason: reason.into(),
        };
        if self.server.bind.parse::<SocketAddr>().is_err() {
            return Err(bad(
                "server.bind",
                &self.server.bind,
                "expected an address like 127.0.0.1:8080",
            ));
        }
        let base = &self.server.base_url;
        let has_host = base
            .split_once("://")
            .is_some_and(|(scheme, rest)| matches!(scheme, "http" | "https") && !rest.is_empty());
        if !base.is_empty() && !has_host {
            return Err(bad(
                "server.base_url",
                base,
                "expected an http:// or https:// URL",
            ));
        }
        if self.server.max_body_bytes < 1024 {
            return Err(bad(
                "server.max_body_bytes",
                &self.server.max_body_bytes.to_string(),
                "must be at least 1024",
            ));
        }
        match self.mail.transport.as_str() {
            "file" | "log" => {}
            "smtp" => {
                // The same parse the transport uses, so check-config and
                // serve can never disagree about a URL.
                if let Err(e) = crate::mail::smtp_url::SmtpUrl::parse(&self.mail.smtp_url) {
                    return Err(bad(
                        "mail.smtp_url",
                        &mask_url(&self.mail.smtp_url),
                        &e.to_string(),
                    ));
                }
            }
            other => {
                return Err(bad(
                    "mail.transport",
                    other,
                    "expected \"smtp\", \"file\" or \"log\"",
                ));
            }
        }
        if self.mail.from.parse::<lettre::message::Mailbox>().is_err() {
            return Err(bad(
                "mail.from",
                &self.mail.from,
                "expected an address like \"Convene <convene@example.org>\"",
            ));
        }
        if !(1..=525_600).contains(&self.auth.session_idle_minutes) {
            return Err(bad(
                "auth.session_idle_minutes",
                &self.auth.session_idle_minutes.to_string(),
                "must be between 1 and 525600 (a year)",
            ));
        }
        if !(1..=87_600).contains(&self.auth.session_absolute_hours) {
            return Err(bad(
                "auth.session_absolute_hours",
                &self.auth.session_absolute_hours.to_string(),
                "must be between 1 and 87600 (ten years)",
            ));
        }
        if self.auth.login_per_ip_per_minute == 0 || self.auth.login_per_account_per_minute == 0 {
            return Err(bad(
                "auth.login_per_*_per_minute",
                "0",
                "must be at least 1",
            ));
        }
        if !matches!(self.log.format.as_str(), "text" | "json") {
            return Err(bad(
                "log.format",
                &self.log.format,
                "must be \"text\" or \"json\"",
            ));
        }
        if !matches!(self.log.access.as_str(), "all" | "errors" | "off") {
            return Err(bad(
                "log.access",
                &self.log.access,
                "must be \"all\", \"errors\" or \"off\"",
            ));
        }
        if !self.backup.schedule.trim().is_empty()
            && let Err(e) = parse_cron(&self.backup.schedule)
        {
            return Err(bad("backup.schedule", &self.backup.schedule, &e));
        }
        if self.connect.token_days == 0 || self.connect.token_days > 365 {
            return Err(bad(
                "connect.token_days",
                &self.connect.token_days.to_string(),
                "must be between 1 and 365",
            ));
        }
        if self.limits.import_rows_per_day == 0 {
            return Err(bad("limits.import_rows_per_day", "0", "must be at least 1"));
        }
        if self.mail.max_attempts == 0 || self.mail.max_attempts > 100 {
            return Err(bad(
                "mail.max_attempts",
                &self.mail.max_attempts.to_string(),
                "must be between 1 and 100",
            ));
        }
        if self.mail.retry_base_seconds == 0 || self.mail.retry_base_seconds > 86_400 {
            return Err(bad(
                "mail.retry_base_seconds",
                &self.mail.retry_base_seconds.to_string(),
                "must be between 1 and 86400",
            ));
        }
        if self.jobs.timezone.parse::<chrono_tz::Tz>().is_err() {
            return Err(bad(
                "jobs.timezone",
                &self.jobs.timezone,
                "expected an IANA time zone like Europe/Paris",
            ));
        }
        for (key, expr) in self.jobs.schedules() {
            if let Err(reason) = parse_cron(expr) {
                return Err(bad(
                    &format!("jobs.{key}"),
                    expr,
                    &format!("not a cron expression: {reason}"),
                ));
            }
        }
        let pattern = &self.booking.video_link_pattern;
        let valid = pattern.starts_with("https://") && pattern.contains("{room}");
        if !pattern.is_empty() && !valid {
            return Err(bad(
                "booking.video_link_pattern",
                pattern,
                "expected an https:// address containing {room}, e.g. https://meet.jit.si/acme-{room}",
            ));
        }
        if self
            .booking
            .reminder_offsets_minutes
            .iter()
            .any(|m| *m == 0 || *m > 43_200)
        {
            return Err(bad(
                "booking.reminder_offsets_minutes",
                &format!("{:?}", self.booking.reminder_offsets_minutes),
                "each offset is between 1 and 43200 minutes",
            ));
        }
        if self.booking.group_commit_max == 0 || self.booking.group_commit_max > 1024 {
            return Err(bad(
                "booking.group_commit_max",
                &self.booking.group_commit_max.to_string(),
                "must be between 1 and 1024",
            ));
        }
        for net in &self.server.trusted_proxies {
            if crate::net::parse_network(net).is_none() {
                return Err(bad(
                    "server.trusted_proxies",
                    net,
                    "expected a CIDR network like 127.0.0.1/32",
                ));
            }
        }
        for net in &self.outbound.allow_networks {
            if crate::net::parse_network(net).is_none() {
                return Err(bad(
                    "outbound.allow_networks",
                    net,
                    "expected a CIDR network like 127.0.0.0/8 or ::1/128",
                ));
            }
        }
        if let Err(reason) = crate::net::outbound::parse_proxy(&self.outbound.proxy) {
            return Err(bad(
                "outbound.proxy",
                &mask_url(&self.outbound.proxy),
                &reason,
            ));
        }
        self.calendar.validate()?;
        Ok(())
    }

    /// The URL people reach the server at, without a trailing slash.
    pub fn base_url(&self, bound: SocketAddr) -> String {
        if self.server.base_url.is_empty() {
            format!("http://{bound}")
        } else {
            self.server.base_url.trim_end_matches('/').to_string()
        }
    }

    pub fn database_path(&self) -> PathBuf {
        self.storage.data_dir.join("convene.redb")
    }

    /// The effective configuration as TOML, secrets masked.
    pub fn to_masked_toml(&self) -> String {
        let mut shown = self.clone();
        shown.mail.smtp_url = mask_url(&shown.mail.smtp_url);
        shown.outbound.proxy = mask_url(&shown.outbound.proxy);
        if !shown.calendar.secret_key.is_empty() {
            shown.calendar.secret_key = "(hidden)".into();
        }
        for key in &mut shown.calendar.previous_keys {
            *key = "(hidden)".into();
        }
        toml::to_string(&shown).unwrap_or_else(|e| format!("# cannot render config: {e}\n"))
    }
}

/// Replace the password of `scheme://user:pass@host` with `***`.
fn mask_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let Some((userinfo, host)) = rest.rsplit_once('@') else {
        return url.to_string();
    };
    match userinfo.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn defaults_are_valid() {
        let c = Config::load_from(None, &[]).unwrap();
        assert_eq!(c.server.bind, "127.0.0.1:8080");
        assert_eq!(c.storage.data_dir, PathBuf::from("./data"));
        assert_eq!(c.mail.transport, "file");
        assert_eq!(c.limits.import_rows_per_day, 100);
    }

    #[test]
    fn env_overrides_are_typed_after_the_default() {
        let c = Config::load_from(
            None,
            &env(&[
                ("CONVENE_SERVER_BIND", "0.0.0.0:9000"),
                ("CONVENE_LIMITS_IMPORT_ROWS_PER_DAY", "7"),
                ("CONVENE_OUTBOUND_ALLOW_NETWORKS", "127.0.0.0/8, ::1/128"),
                ("CONVENE_STORAGE_DATA_DIR", "/var/lib/convene"),
            ]),
        )
        .unwrap();
        assert_eq!(c.server.bind, "0.0.0.0:9000");
        assert_eq!(c.limits.import_rows_per_day, 7);
        assert_eq!(c.outbound.allow_networks, vec!["127.0.0.0/8", "::1/128"]);
        assert_eq!(c.storage.data_dir, PathBuf::from("/var/lib/convene"));
    }

    #[test]
    fn bad_values_name_the_key_and_value() {
        let e = Config::load_from(None, &env(&[("CONVENE_SERVER_BIND", "nowhere")]))
            .unwrap_err()
            .to_string();
        assert!(e.contains("server.bind") && e.contains("nowhere"), "{e}");
        let e = Config::load_from(
            None,
            &env(&[("CONVENE_LIMITS_IMPORT_ROWS_PER_DAY", "many")]),
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("limits.import_rows_per_day") && e.contains("many"),
            "{e}"
        );
        let e = Config::load_from(None, &env(&[("CONVENE_MAIL_TRANSPORT", "pigeon")]))
            .unwrap_err()
            .to_string();
        assert!(e.contains("mail.transport") && e.contains("pigeon"), "{e}");
    }

    #[test]
    fn networks_are_checked_naming_the_key_and_value() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.toml");
        std::fs::write(
            &path,
            "[server]\ntrusted_proxies = [\"10.0.0.0/8\", \"127.0.0.1\", \"::1\"]\n\
             [outbound]\nallow_networks = [\" 192.168.0.0/16 \", \"fd00::/8\"]\n",
        )
        .unwrap();
        Config::load_from(Some(&path), &[]).unwrap();
        for (section, key, value) in [
            ("server", "trusted_proxies", "10.0.0.0/33"),
            ("server", "trusted_proxies", "proxy.internal"),
            ("outbound", "allow_networks", "::/129"),
            ("outbound", "allow_networks", "10.0.0.0/"),
        ] {
            std::fs::write(&path, format!("[{section}]\n{key} = [\"{value}\"]\n")).unwrap();
            let e = Config::load_from(Some(&path), &[]).unwrap_err().to_string();
            assert!(
                e.contains(&format!("{section}.{key}")) && e.contains(value),
                "{e}"
            );
        }
    }

    #[test]
    fn unknown_keys_are_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.toml");
        std::fs::write(&path, "[server]\nbnd = \"x\"\n").unwrap();
        let e = Config::load_from(Some(&path), &[]).unwrap_err().to_string();
        assert!(e.contains("bnd"), "{e}");
        let e = Config::load_from(None, &env(&[("CONVENE_SERVER_PORT", "1")]))
            .unwrap_err()
            .to_string();
        assert!(e.contains("CONVENE_SERVER_PORT"), "{e}");
    }

    #[test]
    fn secrets_come_from_files_and_are_masked() {
        let dir = tempfile::tempdir().unwrap();
        let secret = dir.path().join("smtp");
        std::fs::write(&secret, "smtps://bob:hunter22@mail.example.org:465\n").unwrap();
        let c = Config::load_from(
            None,
            &env(&[
                ("CONVENE_MAIL_TRANSPORT", "smtp"),
                ("CONVENE_MAIL_SMTP_URL_FILE", secret.to_str().unwrap()),
            ]),
        )
        .unwrap();
        assert_eq!(c.mail.smtp_url, "smtps://bob:hunter22@mail.example.org:465");
        let shown = c.to_masked_toml();
        assert!(!shown.contains("hunter22"), "{shown}");
        assert!(shown.contains("bob:***@mail.example.org"), "{shown}");
        assert!(!format!("{c:?}").contains("hunter22"));
    }

    #[test]
    fn example_file_parses_and_lists_every_key() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("config.example.toml");
        let parsed = Config::load_from(Some(&path), &[]).unwrap();
        assert!(
            parsed == Config::default(),
            "example must show the defaults"
        );
        let text = std::fs::read_to_string(&path).unwrap();
        let example: toml::Table = toml::from_str(&text).unwrap();
        let defaults = match toml::Value::try_from(Config::default()).unwrap() {
            toml::Value::Table(t) => t,
            _ => unreachable!(),
        };
        for (section, fields) in defaults {
            let listed = example
                .get(&section)
                .and_then(|v| v.as_table())
                .unwrap_or_else(|| panic!("[{section}] missing from config.example.toml"));
            for key in fields.as_table().unwrap().keys() {
                assert!(
                    listed.contains_key(key),
                    "{section}.{key} missing from config.example.toml"
                );
            }
        }
    }
}
