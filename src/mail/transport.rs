//! Where mail goes: an SMTP server, files, or the log.

use std::path::PathBuf;

use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

use super::message;
use super::smtp_url::SmtpUrl;
use crate::config::MailConfig;
use crate::domain::Mail;

#[derive(Debug, Clone, thiserror::Error)]
#[error("{message}")]
pub struct SendError {
    pub message: String,
    /// True when retrying cannot help (the server refused for good).
    pub permanent: bool,
}

pub enum Transport {
    Smtp(Box<AsyncSmtpTransport<Tokio1Executor>>),
    /// One .eml file per message, named after the message id.
    File(PathBuf),
    Log,
}

impl Transport {
    pub fn from_config(
        config: &MailConfig,
        data_dir: &std::path::Path,
    ) -> Result<Transport, String> {
        match config.transport.as_str() {
            "smtp" => SmtpUrl::parse(&config.smtp_url)
                .and_then(|url| url.transport(std::time::Duration::from_secs(30)))
                .map(|t| Transport::Smtp(Box::new(t)))
                .map_err(|e| e.to_string()),
            "log" => Ok(Transport::Log),
            _ => {
                let dir = data_dir.join("mail-out");
                std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
                Ok(Transport::File(dir))
            }
        }
    }

    pub async fn send(&self, from: &Mailbox, mail: &Mail, id: &str) -> Result<(), SendError> {
        let built = message::build(from, mail, id).map_err(|e| SendError {
            message: e.to_string(),
            permanent: true,
        })?;
        match self {
            Transport::Smtp(smtp) => smtp.send(built).await.map(|_| ()).map_err(|e| SendError {
                permanent: e.is_permanent(),
                message: smtp_error(&e),
            }),
            Transport::File(dir) => {
                let path = dir.join(format!("{id}.eml"));
                let tmp = dir.join(format!("{id}.eml.tmp"));
                let written = tokio::fs::write(&tmp, built.formatted()).await;
                let renamed = match written {
                    Ok(()) => tokio::fs::rename(&tmp, &path).await,
                    Err(e) => Err(e),
                };
                renamed.map_err(|e| SendError {
                    message: format!("{}: {e}", path.display()),
                    permanent: false,
                })
            }
            Transport::Log => {
                // One log line per mail, whatever the subject holds.
                let subject = crate::domain::text::one_line(&mail.subject);
                tracing::info!(to = %mail.to_email, subject = %subject, kind = %mail.kind, "mail (log transport)");
                Ok(())
            }
        }
    }
}

fn smtp_error(e: &lettre::transport::smtp::Error) -> String {
    let mut msg = e.to_string();
    let mut cur = std::error::Error::source(e);
    while let Some(s) = cur {
        msg = format!("{msg}: {s}");
        cur = s.source();
    }
    msg
}

/// How long a test message may take to reach the SMTP server's answer.
pub const TEST_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// What happened to a test message sent at once, not through the outbox:
/// the admin wants the mail server's own answer while they look.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum TestSend {
    /// The SMTP server (`server`, host:port) took it: its reply code and
    /// text, as it wrote them.
    Accepted {
        server: String,
        code: String,
        text: String,
    },
    /// The file transport wrote it here.
    Written { path: String },
    /// The log transport logged it.
    Logged,
    /// It did not go.
    Failed {
        /// host:port, or "" when the settings did not get that far.
        server: String,
        failure: TestFailure,
    },
}

/// Why a test message did not go. The texts are the server's or the
/// system's own words; the page frames them in the admin's language.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "why", content = "detail", rename_all = "snake_case")]
pub enum TestFailure {
    /// `mail.smtp_url` or `mail.from` cannot work as written.
    Config(String),
    /// Nothing takes connections there.
    Refused(String),
    /// No answer within [`TEST_TIMEOUT`].
    Timeout,
    /// TLS could not be set up (certificate, version, no STARTTLS).
    Tls(String),
    /// The server refused the sign-in (or asked for one).
    Auth { code: String, text: String },
    /// The server refused the message or a recipient.
    Rejected { code: String, text: String },
    /// Anything else on the way: a name that does not resolve, a
    /// dropped connection, a file that cannot be written.
    Other(String),
}

/// Sends `mail` through the configured transport now and reports the
/// answer. Never panics and never waits longer than about
/// [`TEST_TIMEOUT`].
pub async fn test_send(
    config: &MailConfig,
    data_dir: &std::path::Path,
    mail: &Mail,
    id: &str,
) -> TestSend {
    let failed = |server: &str, failure| TestSend::Failed {
        server: server.to_string(),
        failure,
    };
    if config.transport != "smtp" {
        let transport = match Transport::from_config(config, data_dir) {
            Ok(t) => t,
            Err(e) => return failed("", TestFailure::Config(e)),
        };
        let from = match config.from.parse::<Mailbox>() {
            Ok(f) => f,
            Err(e) => return failed("", TestFailure::Config(format!("mail.from: {e}"))),
        };
        return match (transport.send(&from, mail, id).await, &transport) {
            (Ok(()), Transport::File(dir)) => TestSend::Written {
                path: dir.join(format!("{id}.eml")).display().to_string(),
            },
            (Ok(()), _) => TestSend::Logged,
            (Err(e), _) => failed("", TestFailure::Other(e.message)),
        };
    }
    let url = match SmtpUrl::parse(&config.smtp_url) {
        Ok(u) => u,
        Err(e) => return failed("", TestFailure::Config(e.to_string())),
    };
    let server = format!("{}:{}", url.host, url.port);
    let from = match config.from.parse::<Mailbox>() {
        Ok(f) => f,
        Err(e) => return failed(&server, TestFailure::Config(format!("mail.from: {e}"))),
    };
    let built = match message::build(&from, mail, id) {
        Ok(m) => m,
        Err(e) => return failed(&server, TestFailure::Config(e.to_string())),
    };
    let smtp = match url.transport(TEST_TIMEOUT) {
        Ok(t) => t,
        Err(e) => return failed(&server, TestFailure::Config(e.to_string())),
    };
    // lettre's timeout is per step; this bounds the whole conversation.
    let sent = tokio::time::timeout(TEST_TIMEOUT, smtp.send(built)).await;
    // QUIT politely, but never wait long for it.
    let _ = tokio::time::timeout(std::time::Duration::from_secs(2), smtp.shutdown()).await;
    match sent {
        Err(_) => failed(&server, TestFailure::Timeout),
        Ok(Ok(response)) => TestSend::Accepted {
            server,
            code: response.code().to_string(),
            text: response.message().collect::<Vec<_>>().join(" "),
        },
        Ok(Err(e)) => failed(&server, test_failure(&e)),
    }
}

/// Sign-in trouble by reply code: authentication required (530),
/// mechanism too weak (534), credentials refused (535), encryption
/// needed for it (538), or temporarily failing (454).
fn is_auth_code(code: &str) -> bool {
    matches!(code, "530" | "534" | "535" | "538" | "454")
}

fn test_failure(e: &lettre::transport::smtp::Error) -> TestFailure {
    use std::error::Error as _;
    // The server's words, without lettre's own framing.
    let reply = || e.source().map(|s| s.to_string()).unwrap_or_default();
    if let Some(code) = e.status() {
        let code = code.to_string();
        return if is_auth_code(&code) {
            TestFailure::Auth {
                code,
                text: reply(),
            }
        } else {
            TestFailure::Rejected {
                code,
                text: reply(),
            }
        };
    }
    if e.is_timeout() {
        return TestFailure::Timeout;
    }
    // A server that does not offer STARTTLS when the URL requires it is
    // a TLS problem to the admin, though lettre calls it a client error.
    let said = smtp_error(e);
    if e.is_tls() || said.contains("STARTTLS") {
        return TestFailure::Tls(said);
    }
    let mut cur = e.source();
    while let Some(s) = cur {
        if let Some(io) = s.downcast_ref::<std::io::Error>() {
            match io.kind() {
                std::io::ErrorKind::ConnectionRefused => {
                    return TestFailure::Refused(io.to_string());
                }
                std::io::ErrorKind::TimedOut => return TestFailure::Timeout,
                _ => {}
            }
        }
        cur = s.source();
    }
    TestFailure::Other(said)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mail() -> Mail {
        Mail {
            kind: "test".into(),
            to_email: "ann@example.org".into(),
            to_name: "Ann".into(),
            subject: "Test".into(),
            text: "Hello".into(),
            html: "<p>Hello</p>".into(),
            ics: None,
            reply_to: None,
            unsubscribe_url: None,
            from_booking: None,
        }
    }

    fn config(transport: &str, url: &str) -> MailConfig {
        MailConfig {
            transport: transport.into(),
            smtp_url: url.into(),
            from: "Convene <convene@example.org>".into(),
            ..MailConfig::default()
        }
    }

    #[tokio::test]
    async fn a_closed_port_is_a_refusal() {
        // Bound and released: nothing listens there any more.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .unwrap_or(9);
        let c = config("smtp", &format!("smtp://127.0.0.1:{port}"));
        let dir = std::env::temp_dir();
        match test_send(&c, &dir, &mail(), "t1").await {
            TestSend::Failed {
                server,
                failure: TestFailure::Refused(_),
            } => assert_eq!(server, format!("127.0.0.1:{port}")),
            other => panic!("{other:?}"),
        }
    }

    #[tokio::test]
    async fn settings_that_cannot_work_say_so() {
        let dir = std::env::temp_dir();
        let bad_url = config("smtp", "http://mail.example.org");
        assert!(matches!(
            test_send(&bad_url, &dir, &mail(), "t2").await,
            TestSend::Failed {
                failure: TestFailure::Config(_),
                ..
            }
        ));
        let mut bad_from = config("smtp", "smtp://127.0.0.1:25");
        bad_from.from = "not an address".into();
        assert!(matches!(
            test_send(&bad_from, &dir, &mail(), "t3").await,
            TestSend::Failed {
                failure: TestFailure::Config(_),
                ..
            }
        ));
    }

    #[tokio::test]
    async fn the_file_transport_says_where_it_wrote() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let c = config("file", "");
        match test_send(&c, dir.path(), &mail(), "t4").await {
            TestSend::Written { path } => {
                assert!(path.ends_with("t4.eml"), "{path}");
                assert!(std::path::Path::new(&path).exists());
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn auth_codes_are_told_apart() {
        assert!(is_auth_code("535"));
        assert!(is_auth_code("530"));
        assert!(!is_auth_code("550"));
        assert!(!is_auth_code("250"));
    }
}
