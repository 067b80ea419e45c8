//! Request body and parameter extractors whose failures speak the API's
//! error shape: 400 naming the field, 413 for oversized bodies.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::error::{PayloadError, QueryPayloadError, UrlencodedError};
use actix_web::{FromRequest, HttpRequest, web};
use futures_util::StreamExt;
use serde::de::DeserializeOwned;

use crate::error::AppError;
use crate::i18n::Msg;

/// Reads the whole body, refusing anything over the configured limit.
pub async fn read_body(req: &HttpRequest, payload: &mut Payload) -> Result<web::Bytes, AppError> {
    let limit = max_body(req);
    if let Some(len) = req
        .headers()
        .get(actix_web::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok())
        && len > limit
    {
        return Err(AppError::PayloadTooLarge);
    }
    let mut body = web::BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|e| match e {
            PayloadError::Overflow => AppError::PayloadTooLarge,
            other => AppError::bad_request(
                Msg::key("err-body-unreadable").arg("detail", other.to_string()),
                None,
            ),
        })?;
        if body.len() + chunk.len() > limit {
            return Err(AppError::PayloadTooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}

fn max_body(req: &HttpRequest) -> usize {
    req.app_data::<super::State>()
        .map(|s| s.config.server.max_body_bytes)
        .unwrap_or(2 * 1024 * 1024)
}

/// Parses JSON, naming the offending field on error.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, AppError> {
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let message = inner.to_string();
        // A syntax error leaves the path unknown ("?", or "a.?"): name only
        // the fields the parser got to, never a question mark.
        let known = path
            .split('.')
            .take_while(|segment| *segment != "?" && !segment.is_empty())
            .collect::<Vec<_>>()
            .join(".");
        let field = if !known.is_empty() {
            Some(known)
        } else if message.starts_with("unknown field `") {
            message.split('`').nth(1).map(str::to_string)
        } else {
            // "missing field `email` at line 1 column 2"
            message
                .split('`')
                .nth(1)
                .filter(|_| message.starts_with("missing field"))
                .map(str::to_string)
        };
        // The parser's own words stay as they are, inside a message.
        let message = match &field {
            Some(f) => Msg::key("err-json-field")
                .arg("field", f.as_str())
                .arg("detail", message),
            None => Msg::key("err-json").arg("detail", message),
        };
        AppError::BadRequest { message, field }
    })
}

/// A JSON body: 400 with the field named for malformed input, 413 when too large.
pub struct Json<T>(pub T);

impl<T: DeserializeOwned + 'static> FromRequest for Json<T> {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let req = req.clone();
        let mut payload = payload.take();
        Box::pin(async move {
            let body = read_body(&req, &mut payload).await?;
            if body.is_empty() {
                return Err(AppError::bad_request(Msg::key("err-json-required"), None));
            }
            parse_json(&body).map(Json)
        })
    }
}

pub fn form_config(limit: usize) -> web::FormConfig {
    web::FormConfig::default()
        .limit(limit)
        .error_handler(|e, _| {
            match e {
                UrlencodedError::Overflow { .. } => AppError::PayloadTooLarge,
                other => AppError::bad_request(
                    Msg::key("err-form").arg("detail", other.to_string()),
                    None,
                ),
            }
            .into()
        })
}

/// A query string, parsed so that an error names the parameter
/// (`from`, `limit`), which actix' own `Query` cannot.
pub struct Query<T>(pub T);

impl<T> Query<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> std::ops::Deref for Query<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

pub fn parse_query<T: DeserializeOwned>(query: &str) -> Result<T, AppError> {
    let de = serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let message = e.into_inner().to_string();
        let field = match path.as_str() {
            "" | "." | "?" => message
                .strip_prefix("missing field `")
                .and_then(|rest| rest.split('`').next())
                .map(str::to_string),
            named => Some(named.to_string()),
        };
        let message = match &field {
            Some(f) => Msg::key("err-query-field")
                .arg("field", f.as_str())
                .arg("detail", message),
            None => Msg::key("err-query").arg("detail", message),
        };
        AppError::BadRequest { message, field }
    })
}

impl<T: DeserializeOwned + 'static> FromRequest for Query<T> {
    type Error = AppError;
    type Future = std::future::Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(parse_query(req.query_string()).map(Query))
    }
}

pub fn query_config() -> web::QueryConfig {
    web::QueryConfig::default().error_handler(|e, _| {
        let QueryPayloadError::Deserialize(inner) = &e else {
            return AppError::bad_request(Msg::key("err-query").arg("detail", e.to_string()), None)
                .into();
        };
        let message = inner.to_string();
        let field = message.split('`').nth(1).map(str::to_string);
        AppError::bad_request(Msg::key("err-query").arg("detail", message), field).into()
    })
}

pub fn path_config() -> web::PathConfig {
    web::PathConfig::default().error_handler(|e, _| {
        AppError::bad_request(Msg::key("err-path").arg("detail", e.to_string()), None).into()
    })
}

/// A JSON body that may be left out: an empty (or blank) body is
/// `T::default()`, anything else must parse as `Json` does.
pub struct OptionalJson<T>(pub T);

impl<T: DeserializeOwned + Default + 'static> FromRequest for OptionalJson<T> {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let req = req.clone();
        let mut payload = payload.take();
        Box::pin(async move {
            let body = read_body(&req, &mut payload).await?;
            if body.iter().all(u8::is_ascii_whitespace) {
                return Ok(OptionalJson(T::default()));
            }
            parse_json(&body).map(OptionalJson)
        })
    }
}

/// The raw body (CSV uploads), with the same size limit as JSON.
pub struct RawBody(pub web::Bytes);

impl FromRequest for RawBody {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let req = req.clone();
        let mut payload = payload.take();
        Box::pin(async move { read_body(&req, &mut payload).await.map(RawBody) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Login {
        email: String,
        password: String,
        nested: Option<Inner>,
    }

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Inner {
        count: u32,
    }

    #[test]
    fn json_errors_name_the_field() {
        let e = parse_json::<Login>(br#"{"email":"a@b.c"}"#).unwrap_err();
        assert_eq!(e.field(), Some("password"));
        let e = parse_json::<Login>(br#"{"email":5,"password":"x"}"#).unwrap_err();
        assert_eq!(e.field(), Some("email"));
        let e = parse_json::<Login>(br#"{"email":"a","password":"x","nested":{"count":-1}}"#)
            .unwrap_err();
        assert_eq!(e.field(), Some("nested.count"));
        let e = parse_json::<Login>(b"{not json").unwrap_err();
        assert_eq!(e.code(), "bad_request");
        // A syntax error names no field rather than a question mark.
        for broken in [
            &b"{not json"[..],
            b"{\"email\":",
            b"[1,",
            b"{\"nested\":{\"count\":}}",
        ] {
            let e = parse_json::<Login>(broken).unwrap_err();
            assert!(
                e.field().is_none_or(|f| !f.contains('?')),
                "{:?}",
                e.field()
            );
        }
    }

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Listing {
        limit: Option<u32>,
        from: Option<chrono::DateTime<chrono::Utc>>,
        state: Option<crate::domain::BookingState>,
    }

    #[test]
    fn query_errors_name_the_parameter() {
        let ok = parse_query::<Listing>("limit=5").unwrap();
        assert_eq!(ok.limit, Some(5));
        for (query, field) in [
            ("limit=lots", "limit"),
            ("from=2027-05-03", "from"),
            ("state=maybe", "state"),
            ("limit=1&from=x", "from"),
        ] {
            let e = parse_query::<Listing>(query).unwrap_err();
            assert_eq!(e.field(), Some(field), "{query}");
        }
    }
}
