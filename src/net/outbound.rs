//! Outbound HTTP guarded against SSRF. Member- and admin-supplied URLs
//! could point at the server's own network, so: http(s) only; loopback,
//! private, link-local, CGNAT, multicast, reserved and unspecified
//! addresses are refused unless `[outbound] allow_networks` lists them;
//! the check runs on the addresses DNS returns at connect time (so DNS
//! rebinding gains nothing) and on every redirect (5 at most); requests
//! time out and bodies are capped.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use reqwest::{Client, Method, Url};

use super::Cidr;

pub const MAX_REDIRECTS: usize = 5;

#[derive(Debug, Clone, thiserror::Error)]
pub enum OutboundError {
    #[error("only http and https URLs are allowed")]
    Scheme,
    #[error("not a valid URL: {0}")]
    Url(String),
    #[error("the address {0} is not public and not in [outbound] allow_networks")]
    Forbidden(IpAddr),
    #[error("{0}")]
    Request(String),
    #[error("the response is larger than {0} bytes")]
    TooLarge(usize),
}

/// Whether `ip` is on the public internet.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public_v4(v4);
            }
            let seg = v6.segments();
            // NAT64 (64:ff9b::/96) embeds an IPv4 address.
            if seg[0] == 0x64 && seg[1] == 0xff9b && seg[2..6] == [0, 0, 0, 0] {
                let v4 = Ipv4Addr::new(
                    (seg[6] >> 8) as u8,
                    seg[6] as u8,
                    (seg[7] >> 8) as u8,
                    seg[7] as u8,
                );
                return is_public_v4(v4);
            }
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (seg[0] & 0xfe00) == 0xfc00 // unique local
                || (seg[0] & 0xffc0) == 0xfe80 // link-local
                || (seg[0] & 0xffc0) == 0xfec0 // site-local (deprecated)
                || (seg[0] == 0x2001 && seg[1] == 0x0db8) // documentation
                || seg[..6] == [0, 0, 0, 0, 0, 0]) // IPv4-compatible
        }
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    !(ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_multicast()
        || ip.is_broadcast()
        || ip.is_unspecified()
        || a == 0
        || a >= 240
        || (a == 100 && (64..128).contains(&b)) // CGNAT
        || (a == 192 && b == 0 && c == 0)
        || (a == 192 && b == 0 && c == 2)
        || (a == 198 && (b == 18 || b == 19))
        || (a == 198 && b == 51 && c == 100)
        || (a == 203 && b == 0 && c == 113))
}

#[derive(Clone)]
struct Policy {
    allow: Arc<Vec<Cidr>>,
}

impl Policy {
    fn check(&self, ip: IpAddr) -> Result<(), OutboundError> {
        if is_public(ip) || self.allow.iter().any(|n| n.contains(ip)) {
            Ok(())
        } else {
            Err(OutboundError::Forbidden(ip))
        }
    }

    /// Scheme and, for IP-literal hosts (which skip DNS), the address.
    fn check_url(&self, url: &Url) -> Result<(), OutboundError> {
        if !matches!(url.scheme(), "http" | "https") {
            return Err(OutboundError::Scheme);
        }
        match url.host() {
            Some(url::Host::Ipv4(ip)) => self.check(IpAddr::V4(ip)),
            Some(url::Host::Ipv6(ip)) => self.check(IpAddr::V6(ip)),
            Some(url::Host::Domain(_)) => Ok(()),
            None => Err(OutboundError::Url("no host".into())),
        }
    }
}

/// Resolves names and refuses the whole lookup if any address is not allowed.
struct GuardedResolver(Policy);

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let policy = self.0.clone();
        Box::pin(async move {
            let addrs: Vec<SocketAddr> =
                tokio::net::lookup_host((name.as_str(), 0)).await?.collect();
            for a in &addrs {
                policy
                    .check(a.ip())
                    .map_err(|e| Box::new(e) as Box<dyn std::error::Error + Send + Sync>)?;
            }
            let addrs: Addrs = Box::new(addrs.into_iter());
            Ok(addrs)
        })
    }
}

/// The one outbound HTTP client.
#[derive(Clone)]
pub struct Outbound {
    client: Client,
    policy: Policy,
    max_body: usize,
}

/// A response read in full (up to the cap).
#[derive(Debug)]
pub struct Fetched {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: Vec<u8>,
}

impl Outbound {
    pub fn new(allow_networks: &[String]) -> Result<Outbound, OutboundError> {
        let policy = Policy {
            allow: Arc::new(
                allow_networks
                    .iter()
                    .filter_map(|n| Cidr::parse(n))
                    .collect(),
            ),
        };
        let redirect_policy = policy.clone();
        let client = Client::builder()
            .dns_resolver(Arc::new(GuardedResolver(policy.clone())))
            .redirect(reqwest::redirect::Policy::custom(move |attempt| {
                if attempt.previous().len() >= MAX_REDIRECTS {
                    attempt.error(OutboundError::Request("too many redirects".into()))
                } else if let Err(e) = redirect_policy.check_url(attempt.url()) {
                    attempt.error(e)
                } else {
                    attempt.follow()
                }
            }))
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(20))
            .user_agent(concat!("Convene/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| OutboundError::Request(e.to_string()))?;
        Ok(Outbound {
            client,
            policy,
            max_body: 10 * 1024 * 1024,
        })
    }

    /// Parses and checks a URL before it is stored or used.
    pub fn check_url(&self, raw: &str) -> Result<Url, OutboundError> {
        let url = Url::parse(raw.trim()).map_err(|e| OutboundError::Url(e.to_string()))?;
        self.policy.check_url(&url)?;
        Ok(url)
    }

    /// Sends a request and reads the answer, refusing bodies over the cap.
    pub async fn send(
        &self,
        method: Method,
        url: &str,
        headers: &[(&str, String)],
        body: Option<Vec<u8>>,
    ) -> Result<Fetched, OutboundError> {
        let url = self.check_url(url)?;
        let mut req = self.client.request(method, url);
        for (k, v) in headers {
            req = req.header(*k, v);
        }
        if let Some(b) = body {
            req = req.body(b);
        }
        let mut res = req.send().await.map_err(describe)?;
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        let mut body = Vec::new();
        while let Some(chunk) = res.chunk().await.map_err(describe)? {
            if body.len() + chunk.len() > self.max_body {
                return Err(OutboundError::TooLarge(self.max_body));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Fetched {
            status,
            headers,
            body,
        })
    }
}

/// The innermost cause, so "address not allowed" is not hidden behind
/// "error sending request".
fn describe(e: reqwest::Error) -> OutboundError {
    let mut source: Option<&dyn std::error::Error> = Some(&e);
    while let Some(s) = source {
        if let Some(o) = s.downcast_ref::<OutboundError>() {
            return o.clone();
        }
        source = s.source();
    }
    let mut msg = e.to_string();
    let mut cur = std::error::Error::source(&e);
    while let Some(s) = cur {
        msg = format!("{msg}: {s}");
        cur = s.source();
    }
    OutboundError::Request(msg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_and_special_addresses_are_not_public() {
        for ip in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "224.0.0.1",
            "255.255.255.255",
            "::1",
            "::",
            "fc00::1",
            "fe80::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "64:ff9b::a00:1",
            "ff02::1",
            "2001:db8::1",
        ] {
            assert!(!is_public(ip.parse().unwrap()), "{ip} must not be public");
        }
        for ip in [
            "8.8.8.8",
            "1.1.1.1",
            "2606:4700:4700::1111",
            "::ffff:8.8.8.8",
        ] {
            assert!(is_public(ip.parse().unwrap()), "{ip} is public");
        }
    }

    #[test]
    fn urls_are_checked_in_every_spelling() {
        let guard = Outbound::new(&[]).unwrap();
        for bad in [
            "http://127.0.0.1/",
            "http://2130706433/",
            "http://0x7f000001/",
            "http://017700000001/",
            "http://127.1/",
            "http://[::1]:8080/",
            "http://[::ffff:7f00:1]/",
            "http://169.254.169.254/latest",
        ] {
            assert!(
                matches!(guard.check_url(bad), Err(OutboundError::Forbidden(_))),
                "{bad}"
            );
        }
        assert!(matches!(
            guard.check_url("ftp://example.org/"),
            Err(OutboundError::Scheme)
        ));
        assert!(matches!(
            guard.check_url("file:///etc/passwd"),
            Err(OutboundError::Scheme)
        ));
        assert!(guard.check_url("https://example.org/hook").is_ok());
        let allowed = Outbound::new(&["127.0.0.0/8".into()]).unwrap();
        assert!(allowed.check_url("http://127.0.0.1:9/").is_ok());
        assert!(matches!(
            allowed.check_url("http://[::1]/"),
            Err(OutboundError::Forbidden(_))
        ));
    }

    #[actix_web::test]
    async fn names_resolving_to_private_addresses_are_refused_at_connect_time() {
        let guard = Outbound::new(&[]).unwrap();
        let err = guard
            .send(Method::GET, "http://localhost:9/", &[], None)
            .await
            .unwrap_err();
        assert!(matches!(err, OutboundError::Forbidden(_)), "{err}");
    }
}
