//! `[mail] smtp_url`: where and how to reach the SMTP server, in one URL.
//!
//! The forms an admin may write (all documented in config.example.toml):
//! - `smtp://host:25`: plain SMTP, no TLS (a relay on the same machine);
//! - `smtp://user:pass@host:587?tls=starttls` (or `tls=required`): STARTTLS
//!   required, the usual submission port;
//! - `smtp://host:587?tls=opportunistic`: STARTTLS when offered;
//! - `smtp://host:25?tls=none`: the plain form spelled out;
//! - `smtps://user:pass@host:465`: TLS from the first byte.
//!
//! User and password are percent-decoded (`%40` for `@`). Anything else in
//! the query, another scheme or a path is an error, so a typo is caught by
//! `check-config` rather than at the first mail.

use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, Tokio1Executor};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SmtpUrlError {
    #[error("mail.smtp_url is empty; it is required when mail.transport = \"smtp\"")]
    Empty,
    #[error("mail.smtp_url is not a URL: {0}")]
    NotAUrl(String),
    #[error("mail.smtp_url: unknown scheme {0:?}; use smtp:// or smtps://")]
    Scheme(String),
    #[error("mail.smtp_url has no host")]
    NoHost,
    #[error(
        "mail.smtp_url: unknown tls={0:?}; use tls=starttls (or required), tls=opportunistic or tls=none, or the smtps:// scheme"
    )]
    TlsMode(String),
    #[error("mail.smtp_url: smtps:// is TLS already; drop tls={0:?}")]
    TlsWithSmtps(String),
    #[error("mail.smtp_url: unknown parameter {0:?}; only tls is understood")]
    Parameter(String),
    #[error("mail.smtp_url: a path ({0:?}) has no meaning here")]
    Path(String),
    #[error("mail.smtp_url: the user name or password is not valid UTF-8 once decoded")]
    Encoding,
    #[error("mail.smtp_url: cannot set up TLS for {host}: {reason}")]
    TlsSetup { host: String, reason: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Security {
    Plain,
    /// STARTTLS if the server offers it.
    Opportunistic,
    /// STARTTLS or nothing is sent.
    StartTls,
    /// TLS from the first byte (smtps).
    Implicit,
}

/// A parsed `smtp_url`. `Debug` leaves the password out.
#[derive(Clone, PartialEq, Eq)]
pub struct SmtpUrl {
    pub host: String,
    pub port: u16,
    pub security: Security,
    user: Option<(String, String)>,
}

impl std::fmt::Debug for SmtpUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpUrl")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field("user", &self.user.as_ref().map(|(u, _)| u))
            .finish()
    }
}

fn decoded(s: &str) -> Result<String, SmtpUrlError> {
    url::form_urlencoded::parse(format!("x={}", s.replace('+', "%2B")).as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .ok_or(SmtpUrlError::Encoding)
}

impl SmtpUrl {
    pub fn parse(raw: &str) -> Result<SmtpUrl, SmtpUrlError> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err(SmtpUrlError::Empty);
        }
        let url = url::Url::parse(raw).map_err(|e| SmtpUrlError::NotAUrl(e.to_string()))?;
        let implicit = match url.scheme() {
            "smtp" => false,
            "smtps" => true,
            other => return Err(SmtpUrlError::Scheme(other.to_string())),
        };
        let host = match url.host() {
            Some(url::Host::Domain(d)) if !d.is_empty() => d.to_string(),
            Some(url::Host::Ipv4(ip)) => ip.to_string(),
            Some(url::Host::Ipv6(ip)) => ip.to_string(),
            _ => return Err(SmtpUrlError::NoHost),
        };
        if !matches!(url.path(), "" | "/") {
            return Err(SmtpUrlError::Path(url.path().to_string()));
        }
        let mut tls: Option<String> = None;
        for (key, value) in url.query_pairs() {
            match key.as_ref() {
                "tls" => tls = Some(value.to_ascii_lowercase()),
                other => return Err(SmtpUrlError::Parameter(other.to_string())),
            }
        }
        let security = match (implicit, tls.as_deref()) {
            (true, None) => Security::Implicit,
            (true, Some(mode)) => return Err(SmtpUrlError::TlsWithSmtps(mode.to_string())),
            (false, None | Some("none")) => Security::Plain,
            (false, Some("starttls" | "required")) => Security::StartTls,
            (false, Some("opportunistic")) => Security::Opportunistic,
            (false, Some(other)) => return Err(SmtpUrlError::TlsMode(other.to_string())),
        };
        let port = url.port().unwrap_or(match security {
            Security::Plain => 25,
            Security::Opportunistic | Security::StartTls => 587,
            Security::Implicit => 465,
        });
        let user = if url.username().is_empty() {
            None
        } else {
            Some((
                decoded(url.username())?,
                decoded(url.password().unwrap_or_default())?,
            ))
        };
        let parsed = SmtpUrl {
            host,
            port,
            security,
            user,
        };
        // Certificate names are checked here too, so that check-config
        // refuses what the transport would refuse.
        parsed.tls()?;
        Ok(parsed)
    }

    fn tls(&self) -> Result<Tls, SmtpUrlError> {
        let parameters = || {
            TlsParameters::new(self.host.clone()).map_err(|e| SmtpUrlError::TlsSetup {
                host: self.host.clone(),
                reason: e.to_string(),
            })
        };
        Ok(match self.security {
            Security::Plain => Tls::None,
            Security::Opportunistic => Tls::Opportunistic(parameters()?),
            Security::StartTls => Tls::Required(parameters()?),
            Security::Implicit => Tls::Wrapper(parameters()?),
        })
    }

    /// The transport. Call it inside the async runtime: the connection
    /// pool starts a task of its own.
    pub fn transport(
        &self,
        timeout: std::time::Duration,
    ) -> Result<AsyncSmtpTransport<Tokio1Executor>, SmtpUrlError> {
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&self.host)
            .port(self.port)
            .tls(self.tls()?)
            .timeout(Some(timeout));
        if let Some((user, password)) = &self.user {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        Ok(builder.build())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_forms_parse() {
        let plain = SmtpUrl::parse("smtp://127.0.0.1:2525").unwrap();
        assert_eq!((plain.port, plain.security), (2525, Security::Plain));
        let submission = SmtpUrl::parse("smtp://user:pass@host.example:587?tls=starttls").unwrap();
        assert_eq!(submission.security, Security::StartTls);
        assert_eq!(
            submission.user,
            Some(("user".to_string(), "pass".to_string()))
        );
        let required = SmtpUrl::parse("smtp://mail.example?tls=required").unwrap();
        assert_eq!(
            (required.port, required.security),
            (587, Security::StartTls)
        );
        let tls = SmtpUrl::parse("smtps://user:pass@host.example:465").unwrap();
        assert_eq!(tls.security, Security::Implicit);
        assert_eq!(SmtpUrl::parse("smtps://h.example").unwrap().port, 465);
        assert_eq!(SmtpUrl::parse("smtp://h.example").unwrap().port, 25);
        assert_eq!(
            SmtpUrl::parse("smtp://h.example?tls=opportunistic")
                .unwrap()
                .security,
            Security::Opportunistic
        );
    }

    #[test]
    fn credentials_are_percent_decoded() {
        let u = SmtpUrl::parse("smtps://ann%40example.org:p%2Fa+ss%25@h.example").unwrap();
        assert_eq!(
            u.user,
            Some(("ann@example.org".to_string(), "p/a+ss%".to_string()))
        );
        assert!(
            !format!("{u:?}").contains("p/a"),
            "Debug hides the password"
        );
    }

    #[test]
    fn mistakes_are_named() {
        assert_eq!(SmtpUrl::parse(""), Err(SmtpUrlError::Empty));
        assert!(matches!(
            SmtpUrl::parse("smtp://h.example?tls=bogus"),
            Err(SmtpUrlError::TlsMode(m)) if m == "bogus"
        ));
        assert!(matches!(
            SmtpUrl::parse("http://h.example"),
            Err(SmtpUrlError::Scheme(_))
        ));
        assert!(matches!(
            SmtpUrl::parse("smtps://h.example?tls=starttls"),
            Err(SmtpUrlError::TlsWithSmtps(_))
        ));
        assert!(matches!(
            SmtpUrl::parse("smtp://h.example?tsl=starttls"),
            Err(SmtpUrlError::Parameter(_))
        ));
        assert!(matches!(
            SmtpUrl::parse("smtp://h.example/inbox"),
            Err(SmtpUrlError::Path(_))
        ));
        assert!(matches!(
            SmtpUrl::parse("smtp:///nohost"),
            Err(SmtpUrlError::NoHost | SmtpUrlError::Path(_))
        ));
        assert!(matches!(
            SmtpUrl::parse("not a url"),
            Err(SmtpUrlError::NotAUrl(_))
        ));
    }
}
