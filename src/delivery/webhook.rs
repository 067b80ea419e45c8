//! Webhook calls: a JSON POST signed with HMAC-SHA256 the way Stripe,
//! Calendly and Jicoo do it: `Convene-Signature: t=<unix>,v1=<hex>` over
//! "<t>.<raw body>", so receivers can check it and refuse replays.

use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use reqwest::Method;
use sha2::Sha256;

use crate::domain::WebhookCall;
use crate::net::Outbound;

pub const SIGNATURE_HEADER: &str = "Convene-Signature";

pub fn sign(secret: &str, timestamp: i64, body: &str) -> String {
    // HMAC accepts keys of any length; this cannot fail.
    let mut mac = match Hmac::<Sha256>::new_from_slice(secret.as_bytes()) {
        Ok(m) => m,
        Err(_) => return String::new(),
    };
    mac.update(format!("{timestamp}.{body}").as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// Posts the call. `Err((message, permanent))` when it did not land; the
/// HTTP status when there was one.
pub async fn deliver(
    outbound: &Outbound,
    call: &WebhookCall,
    message_id: &str,
    now: DateTime<Utc>,
) -> (Result<(), (String, bool)>, Option<u16>) {
    let mut headers = vec![
        ("Content-Type", "application/json".to_string()),
        ("Convene-Event", call.event.clone()),
        ("Convene-Delivery", message_id.to_string()),
    ];
    if let Some(secret) = &call.secret {
        let t = now.timestamp();
        headers.push((
            SIGNATURE_HEADER,
            format!("t={t},v1={}", sign(secret, t, &call.body)),
        ));
    }
    match outbound
        .send(
            Method::POST,
            &call.url,
            &headers,
            Some(call.body.clone().into_bytes()),
        )
        .await
    {
        Ok(res) if (200..300).contains(&res.status) => (Ok(()), Some(res.status)),
        Ok(res) => {
            // Client errors other than timeouts and rate limits will not
            // change by retrying.
            let permanent =
                (400..500).contains(&res.status) && !matches!(res.status, 408 | 409 | 425 | 429);
            (
                Err((
                    format!("the receiver answered HTTP {}", res.status),
                    permanent,
                )),
                Some(res.status),
            )
        }
        // The same URL would be refused again, so a refusal is final.
        Err(e) if e.is_refusal() => (Err((format!("refused, not retried: {e}"), true)), None),
        Err(e) => (Err((e.to_string(), false)), None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(url: &str) -> WebhookCall {
        WebhookCall {
            webhook_id: None,
            url: url.into(),
            event: "webhook.ping".into(),
            body: "{}".into(),
            secret: Some("whsec".into()),
        }
    }

    #[actix_web::test]
    async fn policy_refusals_fail_for_good_with_their_reason() {
        let outbound = Outbound::new(&[]).unwrap();
        for (url, reason) in [
            ("http://127.0.0.1:9/hook", "loopback 127.0.0.0/8"),
            ("http://[::ffff:10.0.0.1]/", "private-use 10.0.0.0/8"),
            ("http://[2002:c0a8:101::]/", "6to4"),
            ("http://localhost:9/hook", "loopback name"),
            ("http://metadata.google.internal/", "cloud metadata"),
            ("ftp://example.org/", "only http and https"),
            ("http://[fe80::1%25eth0]/", "not a valid URL"),
        ] {
            let (result, status) = deliver(&outbound, &call(url), "m1", Utc::now()).await;
            let (message, permanent) = result.unwrap_err();
            assert!(permanent, "{url}: {message}");
            assert!(message.contains(reason), "{url}: {message}");
            assert_eq!(status, None);
        }
    }

    #[actix_web::test]
    async fn connection_failures_are_retried() {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let outbound = Outbound::new(&["127.0.0.0/8".into()]).unwrap();
        let url = format!("http://127.0.0.1:{port}/hook");
        let (result, _) = deliver(&outbound, &call(&url), "m1", Utc::now()).await;
        let (message, permanent) = result.unwrap_err();
        assert!(!permanent, "{message}");
    }

    #[test]
    fn signature_matches_openssl() {
        // printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac whsec
        assert_eq!(
            sign("whsec", 1_700_000_000, r#"{"a":1}"#),
            "8ad37ba156048ae0e0a5533c75cdf26fee88b07f93cb57ee4c80adb053012032"
        );
    }
}
