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
