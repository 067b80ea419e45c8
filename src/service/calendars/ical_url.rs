//! Reading a calendar published at an iCal address, conditionally: the
//! validators of the last body go back with each request, so a calendar
//! that did not change answers 304 and nothing is parsed or written.

use reqwest::Method;
use reqwest::header::{ETAG, LAST_MODIFIED};

use super::Problem;
use crate::net::Outbound;

/// What the server answered.
#[derive(Debug)]
pub enum Fetched {
    Unchanged,
    Body {
        text: String,
        etag: String,
        last_modified: String,
    },
}

pub async fn fetch(
    outbound: &Outbound,
    url: &str,
    auth: Option<&str>,
    etag: &str,
    last_modified: &str,
) -> Result<Fetched, Problem> {
    let mut headers = vec![("accept", "text/calendar, */*;q=0.5".to_string())];
    if !etag.is_empty() {
        headers.push(("if-none-match", etag.to_string()));
    }
    if !last_modified.is_empty() {
        headers.push(("if-modified-since", last_modified.to_string()));
    }
    if let Some(auth) = auth {
        headers.push(("authorization", auth.to_string()));
    }
    let answer = outbound
        .send(Method::GET, url, &headers, None)
        .await
        .map_err(|e| Problem::from_outbound(&e))?;
    match answer.status {
        304 => Ok(Fetched::Unchanged),
        200..=299 => {
            let header = |name| {
                answer
                    .headers
                    .get(name)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default()
                    .to_string()
            };
            Ok(Fetched::Body {
                etag: header(ETAG),
                last_modified: header(LAST_MODIFIED),
                text: String::from_utf8_lossy(&answer.body).into_owned(),
            })
        }
        status => Err(Problem::from_status(status)),
    }
}

/// `Authorization: Basic …` for a username and password.
pub fn basic_auth(username: &str, password: &str) -> String {
    use base64::Engine;
    let token = base64::engine::general_purpose::STANDARD.encode(format!("{username}:{password}"));
    format!("Basic {token}")
}
