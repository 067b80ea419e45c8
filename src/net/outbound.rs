//! Outbound HTTP guarded against SSRF. Member- and admin-supplied URLs
//! could point at the server's own network, so: http(s) only; addresses
//! that are not public (see `special`) are refused unless `[outbound]
//! allow_networks` lists them; loopback and cloud metadata names are
//! refused by name; the check runs on the addresses DNS returns at connect
//! time (so DNS rebinding gains nothing) and on every redirect (5 at
//! most); requests time out and bodies are capped.
//!
//! Proxy variables from the environment are ignored: a proxy resolves the
//! names it is given, so the guard would never see the addresses behind
//! them. An explicit `[outbound] proxy` is used instead, and then the
//! guard resolves each target itself and checks its addresses before the
//! request is handed to the proxy.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use reqwest::header::LOCATION;
use reqwest::{Client, Method, Url};

use super::{IpNet, names, special};
use crate::config::OutboundConfig;

pub use super::special::is_public;

pub const MAX_REDIRECTS: usize = 5;
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// For the whole call: every redirect hop and the body included.
const CALL_TIMEOUT: Duration = Duration::from_secs(20);
const LOOKUP_TIMEOUT: Duration = Duration::from_secs(5);
const MAX_BODY: usize = 10 * 1024 * 1024;

/// What `localhost` names stand for (RFC 6761 lets applications answer
/// them without DNS, which also keeps a resolver from answering otherwise).
const LOOPBACK: [IpAddr; 2] = [
    IpAddr::V4(Ipv4Addr::LOCALHOST),
    IpAddr::V6(Ipv6Addr::LOCALHOST),
];

#[derive(Debug, Clone, thiserror::Error)]
pub enum OutboundError {
    #[error("only http and https URLs are allowed")]
    Scheme,
    #[error("not a valid URL: {0}")]
    Url(String),
    #[error(
        "the address {ip} is not public ({why}) and not in [outbound] allow_networks",
        ip = .0,
        why = reason(*.0)
    )]
    Forbidden(IpAddr),
    #[error("the host {host} is not public ({reason})")]
    ForbiddenHost { host: String, reason: &'static str },
    #[error("config: outbound.{key} = {value:?}: {reason}")]
    Config {
        key: &'static str,
        value: String,
        reason: String,
    },
    #[error("{0}")]
    Request(String),
    #[error("the response is larger than {0} bytes")]
    TooLarge(usize),
}

impl OutboundError {
    /// Refused by the scheme or address policy: the same URL is refused
    /// again however often it is tried.
    pub fn is_refusal(&self) -> bool {
        matches!(
            self,
            OutboundError::Scheme
                | OutboundError::Url(_)
                | OutboundError::Forbidden(_)
                | OutboundError::ForbiddenHost { .. }
        )
    }
}

fn reason(ip: IpAddr) -> String {
    special::not_public(ip)
        .map(|r| r.to_string())
        .unwrap_or_else(|| "refused".into())
}

const LOOPBACK_NAME: &str =
    "a loopback name; listing 127.0.0.1 or ::1 in [outbound] allow_networks lets it through";
const METADATA_NAME: &str = "the name of a cloud metadata service";

/// Checks a `[outbound] proxy` value: empty (no proxy) or an http:// or
/// https:// URL with a host and nothing after it.
pub fn parse_proxy(raw: &str) -> Result<Option<Url>, String> {
    const EXPECTED: &str = "expected an http:// or https:// URL like http://proxy.example.org:3128";
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let url = Url::parse(raw).map_err(|e| format!("{EXPECTED} ({e})"))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!(
            "{EXPECTED} (the scheme {} is not supported)",
            url.scheme()
        ));
    }
    if url.host().is_none() {
        return Err(format!("{EXPECTED} (no host)"));
    }
    if url.path() != "/" || url.query().is_some() || url.fragment().is_some() {
        return Err(format!("{EXPECTED}, without a path"));
    }
    Ok(Some(url))
}

/// `scheme://user:pass@host` with the password replaced, for messages.
fn mask(raw: &str) -> String {
    let Some((scheme, rest)) = raw.split_once("://") else {
        return raw.to_string();
    };
    match rest
        .rsplit_once('@')
        .and_then(|(userinfo, host)| Some((userinfo.split_once(':')?.0, host)))
    {
        Some((user, host)) => format!("{scheme}://{user}:***@{host}"),
        None => raw.to_string(),
    }
}

#[derive(Clone)]
struct Policy {
    allow: Arc<[IpNet]>,
    /// The configured proxy's host: the admin chose it, so it is reached
    /// whatever its address (an office proxy is usually private).
    proxy_host: Option<Arc<str>>,
}

impl Policy {
    fn check(&self, ip: IpAddr) -> Result<(), OutboundError> {
        if self.allows(ip) {
            Ok(())
        } else {
            Err(OutboundError::Forbidden(ip))
        }
    }

    fn allows(&self, ip: IpAddr) -> bool {
        is_public(ip) || self.allow.iter().any(|n| super::network_contains(n, ip))
    }

    /// What can be told from the URL alone: the scheme, IP-literal hosts
    /// (which skip DNS) and metadata names.
    fn check_url(&self, url: &Url) -> Result<(), OutboundError> {
        if !matches!(url.scheme(), "http" | "https") {
            return Err(OutboundError::Scheme);
        }
        match url.host() {
            Some(url::Host::Ipv4(ip)) => self.check(IpAddr::V4(ip)),
            Some(url::Host::Ipv6(ip)) => self.check(IpAddr::V6(ip)),
            Some(url::Host::Domain(host)) if names::is_metadata_service(host) => {
                Err(OutboundError::ForbiddenHost {
                    host: host.to_string(),
                    reason: METADATA_NAME,
                })
            }
            Some(url::Host::Domain(_)) => Ok(()),
            None => Err(OutboundError::Url("no host".into())),
        }
    }

    fn check_name(&self, host: &str) -> Result<(), OutboundError> {
        let reason = if names::is_metadata_service(host) {
            METADATA_NAME
        } else if names::is_localhost(host) && !LOOPBACK.iter().any(|ip| self.allows(*ip)) {
            LOOPBACK_NAME
        } else {
            return Ok(());
        };
        Err(OutboundError::ForbiddenHost {
            host: host.to_string(),
            reason,
        })
    }

    fn is_proxy_host(&self, host: &str) -> bool {
        self.proxy_host
            .as_deref()
            .is_some_and(|p| p.eq_ignore_ascii_case(host.trim_end_matches('.')))
    }

    /// The addresses `host` may be reached at. When the guard connects
    /// itself, a localhost name keeps only its allowed loopback addresses;
    /// when a proxy resolves the name again, it may pick any of them, so
    /// all must be allowed, as all DNS answers must be in either case.
    async fn lookup(
        &self,
        host: &str,
        port: u16,
        proxied: bool,
    ) -> Result<Vec<SocketAddr>, OutboundError> {
        self.check_name(host)?;
        if names::is_localhost(host) {
            let mut addrs = Vec::new();
            for ip in LOOPBACK {
                match self.check(ip) {
                    Ok(()) => addrs.push(SocketAddr::new(ip, port)),
                    Err(e) if proxied => return Err(e),
                    Err(_) => {}
                }
            }
            return Ok(addrs);
        }
        let addrs: Vec<SocketAddr> =
            tokio::time::timeout(LOOKUP_TIMEOUT, tokio::net::lookup_host((host, port)))
                .await
                .map_err(|_| OutboundError::Request(format!("cannot resolve {host}: timed out")))?
                .map_err(|e| OutboundError::Request(format!("cannot resolve {host}: {e}")))?
                .collect();
        if addrs.is_empty() {
            return Err(OutboundError::Request(format!("{host} has no address")));
        }
        for a in &addrs {
            self.check(a.ip())?;
        }
        Ok(addrs)
    }
}

/// Resolves names for the connector and refuses the whole lookup if any
/// address is not allowed.
struct GuardedResolver(Policy);

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let policy = self.0.clone();
        Box::pin(async move {
            let host = name.as_str();
            let addrs = if policy.is_proxy_host(host) {
                tokio::net::lookup_host((host, 0)).await?.collect()
            } else {
                policy
                    .lookup(host, 0, false)
                    .await
                    .map_err(|e| Box::new(e) as Box<dyn std::error::Error + Send + Sync>)?
            };
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
    proxied: bool,
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
    /// A client without a proxy.
    pub fn new(allow_networks: &[String]) -> Result<Outbound, OutboundError> {
        Self::build(allow_networks, "")
    }

    /// The client `[outbound]` describes.
    pub fn from_config(config: &OutboundConfig) -> Result<Outbound, OutboundError> {
        Self::build(&config.allow_networks, &config.proxy)
    }

    fn build(allow_networks: &[String], proxy: &str) -> Result<Outbound, OutboundError> {
        let allow = allow_networks
            .iter()
            .map(|n| {
                super::parse_network(n).ok_or_else(|| OutboundError::Config {
                    key: "allow_networks",
                    value: n.clone(),
                    reason: "expected a CIDR network like 127.0.0.0/8 or ::1/128".into(),
                })
            })
            .collect::<Result<Arc<[IpNet]>, _>>()?;
        let config_error = |reason: String| OutboundError::Config {
            key: "proxy",
            value: mask(proxy),
            reason,
        };
        let proxy = parse_proxy(proxy).map_err(config_error)?;
        let policy = Policy {
            allow,
            proxy_host: proxy.as_ref().and_then(|u| u.domain()).map(Arc::from),
        };
        let mut builder = Client::builder()
            // HTTP_PROXY and friends would resolve names out of the guard's
            // sight; only the configured proxy is used.
            .no_proxy()
            .dns_resolver(Arc::new(GuardedResolver(policy.clone())))
            // Followed in `send`, which checks each hop before it is sent.
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(CALL_TIMEOUT)
            .user_agent(concat!("Convene/", env!("CARGO_PKG_VERSION")));
        if let Some(url) = &proxy {
            let proxy =
                reqwest::Proxy::all(url.clone()).map_err(|e| config_error(e.to_string()))?;
            builder = builder.proxy(proxy);
        }
        let client = builder
            .build()
            .map_err(|e| OutboundError::Request(e.to_string()))?;
        Ok(Outbound {
            client,
            policy,
            proxied: proxy.is_some(),
            max_body: MAX_BODY,
        })
    }

    /// The same client with another cap on response bodies.
    pub fn with_max_body(&self, max_body: usize) -> Outbound {
        Outbound {
            max_body,
            ..self.clone()
        }
    }

    /// Parses and checks a URL before it is stored or used. Loopback names
    /// pass here and are refused when the call is made, where the refusal
    /// and its reason land in the delivery log.
    pub fn check_url(&self, raw: &str) -> Result<Url, OutboundError> {
        let url = Url::parse(raw.trim()).map_err(|e| OutboundError::Url(e.to_string()))?;
        self.policy.check_url(&url)?;
        Ok(url)
    }

    /// Everything short of connecting. Without a proxy the resolver checks
    /// the addresses at connect time; a proxy would resolve the name
    /// itself, so its addresses are checked here first. (The proxy may
    /// still get another answer from DNS than the guard did: configure it
    /// to refuse internal destinations too.)
    async fn check_target(&self, url: &Url) -> Result<(), OutboundError> {
        self.policy.check_url(url)?;
        if let Some(url::Host::Domain(host)) = url.host() {
            self.policy.check_name(host)?;
            if self.proxied {
                let port = url.port_or_known_default().unwrap_or(0);
                self.policy.lookup(host, port, true).await?;
            }
        }
        Ok(())
    }

    /// Sends a request, following redirects, and reads the answer,
    /// refusing bodies over the cap.
    pub async fn send(
        &self,
        method: Method,
        url: &str,
        headers: &[(&str, String)],
        body: Option<Vec<u8>>,
    ) -> Result<Fetched, OutboundError> {
        let url = self.check_url(url)?;
        tokio::time::timeout(CALL_TIMEOUT, self.follow(method, url, headers, body))
            .await
            .unwrap_or_else(|_| {
                Err(OutboundError::Request(format!(
                    "no complete answer within {} seconds",
                    CALL_TIMEOUT.as_secs()
                )))
            })
    }

    async fn follow(
        &self,
        mut method: Method,
        mut url: Url,
        headers: &[(&str, String)],
        mut body: Option<Vec<u8>>,
    ) -> Result<Fetched, OutboundError> {
        let mut headers = headers.to_vec();
        let mut redirects = 0;
        loop {
            self.check_target(&url).await?;
            let mut req = self.client.request(method.clone(), url.clone());
            for (k, v) in &headers {
                req = req.header(*k, v);
            }
            if let Some(b) = &body {
                req = req.body(b.clone());
            }
            let res = req.send().await.map_err(describe)?;
            let status = res.status().as_u16();
            let location = match status {
                301 | 302 | 303 | 307 | 308 => res.headers().get(LOCATION).cloned(),
                _ => None,
            };
            let Some(location) = location else {
                return self.read(res).await;
            };
            if redirects == MAX_REDIRECTS {
                return Err(OutboundError::Request(format!(
                    "more than {MAX_REDIRECTS} redirects"
                )));
            }
            redirects += 1;
            let next = location
                .to_str()
                .ok()
                .and_then(|l| url.join(l).ok())
                .ok_or_else(|| {
                    OutboundError::Url(format!("the redirect to {location:?} is not a valid URL"))
                })?;
            // As browsers (and reqwest) do: 301-303 turn into a GET without
            // a body; 307 and 308 repeat the request as it was.
            if matches!(status, 301..=303) {
                body = None;
                headers.retain(|(k, _)| {
                    ![
                        "content-type",
                        "content-length",
                        "content-encoding",
                        "transfer-encoding",
                    ]
                    .iter()
                    .any(|h| k.eq_ignore_ascii_case(h))
                });
                if method != Method::GET && method != Method::HEAD {
                    method = Method::GET;
                }
            }
            if next.origin() != url.origin() {
                headers.retain(|(k, _)| {
                    !["authorization", "proxy-authorization", "cookie", "cookie2"]
                        .iter()
                        .any(|h| k.eq_ignore_ascii_case(h))
                });
            }
            url = next;
        }
    }

    async fn read(&self, mut res: reqwest::Response) -> Result<Fetched, OutboundError> {
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
mod tests;
