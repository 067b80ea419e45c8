//! Network helpers: parsing the networks the config lists, the
//! special-purpose address registries, and the one guarded client that
//! every outbound HTTP request (webhooks, iCal URLs, CalDAV) goes through.

mod names;
pub mod outbound;
pub mod special;

use std::net::IpAddr;

pub use ipnet::IpNet;
pub use outbound::{Outbound, OutboundError};

/// A network as `server.trusted_proxies` and `outbound.allow_networks`
/// write it: CIDR notation (`127.0.0.0/8`, `fd00::/8`), or a bare address
/// standing for that one host (`/32` or `/128`), with blanks around it
/// ignored. Host bits may be set: `10.1.2.3/8` is the network `10.0.0.0/8`.
pub fn parse_network(text: &str) -> Option<IpNet> {
    let text = text.trim();
    text.parse::<IpNet>()
        .ok()
        .or_else(|| text.parse::<IpAddr>().ok().map(IpNet::from))
}

/// Whether `ip` lies in `net`. An IPv4-mapped IPv6 address
/// (`::ffff:a.b.c.d`, how a dual-stack socket reports an IPv4 peer)
/// counts as the IPv4 address it carries, so `127.0.0.0/8` covers
/// `::ffff:127.0.0.1`; `IpNet::contains` alone would say no.
pub fn network_contains(net: &IpNet, ip: IpAddr) -> bool {
    match (net, ip) {
        (IpNet::V4(_), IpAddr::V6(v6)) => v6
            .to_ipv4_mapped()
            .is_some_and(|v4| net.contains(&IpAddr::V4(v4))),
        _ => net.contains(&ip),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn net(text: &str) -> IpNet {
        parse_network(text).unwrap()
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn parses_and_matches() {
        let lo = net("127.0.0.0/8");
        assert!(network_contains(&lo, ip("127.1.2.3")));
        assert!(!network_contains(&lo, ip("128.0.0.1")));
        assert!(network_contains(&lo, ip("::ffff:127.0.0.1")));
        assert!(!network_contains(&lo, ip("::ffff:128.0.0.1")));
        assert!(!network_contains(&lo, ip("::1")));
        let v6 = net("fd00::/8");
        assert!(network_contains(&v6, ip("fd12::1")));
        assert!(!network_contains(&v6, ip("fe80::1")));
        assert!(!network_contains(&v6, ip("10.0.0.1")));
        assert!(network_contains(&net("0.0.0.0/0"), ip("8.8.8.8")));
        assert!(network_contains(&net("::/0"), ip("2001:db8::1")));
        assert!(parse_network("10.0.0.0/33").is_none());
        assert!(parse_network("::/129").is_none());
        assert!(parse_network("nonsense").is_none());
        assert!(parse_network("10.0.0.0/").is_none());
        assert!(parse_network("").is_none());
    }

    #[test]
    fn bare_address_is_one_host() {
        assert_eq!(parse_network("::1"), parse_network("::1/128"));
        assert_eq!(parse_network("127.0.0.1"), parse_network("127.0.0.1/32"));
        let host = net(" 192.0.2.7 ");
        assert!(network_contains(&host, ip("192.0.2.7")));
        assert!(!network_contains(&host, ip("192.0.2.8")));
    }

    #[test]
    fn host_bits_are_ignored() {
        let n = net("10.1.2.3/8");
        assert!(network_contains(&n, ip("10.200.0.1")));
        assert!(!network_contains(&n, ip("11.0.0.1")));
    }
}
