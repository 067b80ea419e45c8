//! Which addresses are on the public internet, after the IANA IPv4 and
//! IPv6 special-purpose address registries (RFC 6890 and its updates).
//!
//! The rule errs on the side of refusing: an IPv6 address is public only
//! inside the global unicast space 2000::/3 (everything else there is
//! reserved, local or multicast), and the transition forms that carry an
//! IPv4 address (IPv4-mapped, NAT64, 6to4) are judged by that address,
//! since that is where the packets end up. Forms whose destination cannot
//! be judged from the address (Teredo, IPv4-translated, local-use NAT64)
//! are refused whole. An admin can still reach any of them through
//! `[outbound] allow_networks`.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// Why an address is not public: the special-purpose range it is in and,
/// for IPv6 forms that embed an IPv4 address, that address and its range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotPublic {
    pub range: &'static str,
    pub embedded: Option<(Ipv4Addr, &'static str)>,
}

impl fmt::Display for NotPublic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.embedded {
            Some((v4, why)) => write!(f, "{} carrying {v4}, {why}", self.range),
            None => f.write_str(self.range),
        }
    }
}

/// First match wins, so narrower names come before the ranges around them.
const V4: &[(Ipv4Addr, u8, &str)] = &[
    (Ipv4Addr::new(0, 0, 0, 0), 8, "\"this network\" 0.0.0.0/8"),
    (Ipv4Addr::new(10, 0, 0, 0), 8, "private-use 10.0.0.0/8"),
    (
        Ipv4Addr::new(100, 64, 0, 0),
        10,
        "shared address space (CGNAT) 100.64.0.0/10",
    ),
    (Ipv4Addr::new(127, 0, 0, 0), 8, "loopback 127.0.0.0/8"),
    (
        Ipv4Addr::new(169, 254, 0, 0),
        16,
        "link-local 169.254.0.0/16",
    ),
    (
        Ipv4Addr::new(172, 16, 0, 0),
        12,
        "private-use 172.16.0.0/12",
    ),
    // Its few anycast entries (PCP, TURN) are no place for an HTTP call.
    (
        Ipv4Addr::new(192, 0, 0, 0),
        24,
        "IETF protocol assignments 192.0.0.0/24",
    ),
    (
        Ipv4Addr::new(192, 0, 2, 0),
        24,
        "documentation 192.0.2.0/24",
    ),
    (
        Ipv4Addr::new(192, 88, 99, 0),
        24,
        "6to4 relay anycast 192.88.99.0/24 (deprecated)",
    ),
    (
        Ipv4Addr::new(192, 168, 0, 0),
        16,
        "private-use 192.168.0.0/16",
    ),
    (
        Ipv4Addr::new(198, 18, 0, 0),
        15,
        "benchmarking 198.18.0.0/15",
    ),
    (
        Ipv4Addr::new(198, 51, 100, 0),
        24,
        "documentation 198.51.100.0/24",
    ),
    (
        Ipv4Addr::new(203, 0, 113, 0),
        24,
        "documentation 203.0.113.0/24",
    ),
    (Ipv4Addr::new(224, 0, 0, 0), 4, "multicast 224.0.0.0/4"),
    (
        Ipv4Addr::new(255, 255, 255, 255),
        32,
        "limited broadcast 255.255.255.255",
    ),
    (Ipv4Addr::new(240, 0, 0, 0), 4, "reserved 240.0.0.0/4"),
];

const fn v6(a: u16, b: u16, c: u16, d: u16, e: u16, f: u16) -> Ipv6Addr {
    Ipv6Addr::new(a, b, c, d, e, f, 0, 0)
}

/// Ranges refused whatever their low bits say. The IPv4-mapped, NAT64 and
/// 6to4 prefixes are absent on purpose: they are judged by the IPv4
/// address they carry.
const V6: &[(Ipv6Addr, u8, &str)] = &[
    (v6(0, 0, 0, 0, 0, 0), 128, "unspecified ::"),
    (Ipv6Addr::LOCALHOST, 128, "loopback ::1"),
    (
        v6(0, 0, 0, 0, 0xffff, 0),
        96,
        "IPv4-translated ::ffff:0:0:0/96",
    ),
    (
        v6(0, 0, 0, 0, 0, 0),
        96,
        "IPv4-compatible ::/96 (deprecated)",
    ),
    (
        v6(0x64, 0xff9b, 1, 0, 0, 0),
        48,
        "local-use NAT64 64:ff9b:1::/48",
    ),
    (v6(0x100, 0, 0, 0, 0, 0), 64, "discard-only 100::/64"),
    (v6(0x100, 0, 0, 1, 0, 0), 64, "dummy prefix 100:0:0:1::/64"),
    // A Teredo address names a relay and a NAT mapping, not a host whose
    // network can be told from the address.
    (v6(0x2001, 0, 0, 0, 0, 0), 32, "Teredo 2001::/32"),
    (v6(0x2001, 2, 0, 0, 0, 0), 48, "benchmarking 2001:2::/48"),
    (
        v6(0x2001, 0x10, 0, 0, 0, 0),
        28,
        "ORCHID 2001:10::/28 (deprecated)",
    ),
    // Marked globally reachable by IANA, but ORCHIDs are identifiers that
    // are not routed as locators (RFC 7343).
    (v6(0x2001, 0x20, 0, 0, 0, 0), 28, "ORCHIDv2 2001:20::/28"),
    (
        v6(0x2001, 0xdb8, 0, 0, 0, 0),
        32,
        "documentation 2001:db8::/32",
    ),
    (v6(0x3fff, 0, 0, 0, 0, 0), 20, "documentation 3fff::/20"),
    (v6(0x5f00, 0, 0, 0, 0, 0), 16, "SRv6 SIDs 5f00::/16"),
    (v6(0xfc00, 0, 0, 0, 0, 0), 7, "unique local fc00::/7"),
    (v6(0xfe80, 0, 0, 0, 0, 0), 10, "link-local fe80::/10"),
    (
        v6(0xfec0, 0, 0, 0, 0, 0),
        10,
        "site-local fec0::/10 (deprecated)",
    ),
    (v6(0xff00, 0, 0, 0, 0, 0), 8, "multicast ff00::/8"),
];

/// The globally reachable exceptions inside 2001::/23 (IANA marks them so):
/// PCP, TURN and DNS-SD SRP anycast, AMT, and AS112-v6.
const V6_IETF_GLOBAL: &[(Ipv6Addr, u8)] = &[
    (Ipv6Addr::new(0x2001, 1, 0, 0, 0, 0, 0, 1), 128),
    (Ipv6Addr::new(0x2001, 1, 0, 0, 0, 0, 0, 2), 128),
    (Ipv6Addr::new(0x2001, 1, 0, 0, 0, 0, 0, 3), 128),
    (v6(0x2001, 3, 0, 0, 0, 0), 32),
    (v6(0x2001, 4, 0x112, 0, 0, 0), 48),
];

fn in_v4(ip: Ipv4Addr, net: Ipv4Addr, prefix: u8) -> bool {
    let mask = u32::MAX.checked_shl(32 - u32::from(prefix)).unwrap_or(0);
    ip.to_bits() & mask == net.to_bits() & mask
}

fn in_v6(ip: Ipv6Addr, net: Ipv6Addr, prefix: u8) -> bool {
    let mask = u128::MAX.checked_shl(128 - u32::from(prefix)).unwrap_or(0);
    ip.to_bits() & mask == net.to_bits() & mask
}

/// Why `ip` is not on the public internet, or None when it is.
pub fn not_public(ip: IpAddr) -> Option<NotPublic> {
    match ip {
        IpAddr::V4(v4) => not_public_v4(v4).map(|range| NotPublic {
            range,
            embedded: None,
        }),
        IpAddr::V6(v6) => not_public_v6(v6),
    }
}

pub fn is_public(ip: IpAddr) -> bool {
    not_public(ip).is_none()
}

fn not_public_v4(ip: Ipv4Addr) -> Option<&'static str> {
    V4.iter()
        .find(|(net, prefix, _)| in_v4(ip, *net, *prefix))
        .map(|(_, _, name)| *name)
}

fn not_public_v6(ip: Ipv6Addr) -> Option<NotPublic> {
    let refused = |range| {
        Some(NotPublic {
            range,
            embedded: None,
        })
    };
    let carrying = |range, v4: Ipv4Addr| {
        not_public_v4(v4).map(|why| NotPublic {
            range,
            embedded: Some((v4, why)),
        })
    };
    if let Some(v4) = ip.to_ipv4_mapped() {
        return carrying("IPv4-mapped ::ffff:0:0/96", v4);
    }
    if in_v6(ip, v6(0x64, 0xff9b, 0, 0, 0, 0), 96) {
        return carrying(
            "NAT64 64:ff9b::/96",
            Ipv4Addr::from_bits(ip.to_bits() as u32),
        );
    }
    if let Some((_, _, name)) = V6.iter().find(|(net, prefix, _)| in_v6(ip, *net, *prefix)) {
        return refused(name);
    }
    if in_v6(ip, v6(0x2002, 0, 0, 0, 0, 0), 16) {
        let v4 = Ipv4Addr::from_bits((ip.to_bits() >> 80) as u32);
        return carrying("6to4 2002::/16", v4);
    }
    if in_v6(ip, v6(0x2001, 0, 0, 0, 0, 0), 23)
        && !V6_IETF_GLOBAL
            .iter()
            .any(|(net, prefix)| in_v6(ip, *net, *prefix))
    {
        return refused("IETF protocol assignments 2001::/23");
    }
    if !in_v6(ip, v6(0x2000, 0, 0, 0, 0, 0), 3) {
        return refused("outside the global unicast space 2000::/3");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn special_purpose_ranges_are_not_public() {
        for (addr, range) in [
            ("0.1.2.3", "0.0.0.0/8"),
            ("10.1.2.3", "10.0.0.0/8"),
            ("100.64.0.1", "100.64.0.0/10"),
            ("100.127.255.255", "100.64.0.0/10"),
            ("127.0.0.1", "127.0.0.0/8"),
            ("169.254.169.254", "169.254.0.0/16"),
            ("172.31.0.1", "172.16.0.0/12"),
            ("192.0.0.9", "192.0.0.0/24"),
            ("192.0.2.7", "192.0.2.0/24"),
            ("192.88.99.1", "192.88.99.0/24"),
            ("192.168.1.1", "192.168.0.0/16"),
            ("198.19.255.1", "198.18.0.0/15"),
            ("198.51.100.1", "198.51.100.0/24"),
            ("203.0.113.1", "203.0.113.0/24"),
            ("224.0.0.1", "224.0.0.0/4"),
            ("239.255.255.250", "224.0.0.0/4"),
            ("240.0.0.1", "240.0.0.0/4"),
            ("255.255.255.255", "255.255.255.255"),
            ("::", "unspecified"),
            ("::1", "loopback ::1"),
            ("::7f00:1", "::/96"),
            ("::ffff:0:a00:1", "::ffff:0:0:0/96"),
            ("::ffff:0:808:808", "::ffff:0:0:0/96"),
            ("::ffff:127.0.0.1", "127.0.0.0/8"),
            ("64:ff9b::a00:1", "10.0.0.0/8"),
            ("64:ff9b:1::808:808", "64:ff9b:1::/48"),
            ("100::1", "100::/64"),
            ("100:0:0:1::1", "100:0:0:1::/64"),
            ("100:1::1", "2000::/3"),
            ("2001:0:4136:e378:8000:63bf:3fff:fdd2", "Teredo"),
            ("2001:2::1", "2001:2::/48"),
            ("2001:10::1", "2001:10::/28"),
            ("2001:20::1", "2001:20::/28"),
            ("2001:1::4", "2001::/23"),
            ("2001:1ff::1", "2001::/23"),
            ("2001:db8::1", "2001:db8::/32"),
            ("2002:c0a8:101::", "192.168.0.0/16"),
            ("2002:7f00:1::", "127.0.0.0/8"),
            ("3fff:fff::1", "3fff::/20"),
            ("5f00::1", "5f00::/16"),
            ("fd00::1", "fc00::/7"),
            ("fe80::1", "fe80::/10"),
            ("fec0::1", "fec0::/10"),
            ("ff02::1", "ff00::/8"),
            ("4000::1", "2000::/3"),
        ] {
            let why = not_public(ip(addr)).map(|w| w.to_string());
            assert!(
                why.as_deref().is_some_and(|w| w.contains(range)),
                "{addr}: expected {range}, got {why:?}"
            );
        }
    }

    #[test]
    fn globally_reachable_addresses_are_public() {
        for addr in [
            "8.8.8.8",
            "1.1.1.1",
            "100.63.255.255",
            "100.128.0.0",
            "172.32.0.1",
            "192.0.1.1",
            "192.31.196.1",
            "192.88.98.255",
            "198.20.0.1",
            "223.255.255.255",
            "::ffff:8.8.8.8",
            "64:ff9b::808:808",
            "2002:808:808::",
            "2001:3::1",
            "2001:4:112::1",
            "2001:1::1",
            "2001:200::1",
            "2001:4860:4860::8888",
            "2606:4700::1111",
            "2620:4f:8000::1",
            "2a00:1450:4001::1",
        ] {
            assert!(is_public(ip(addr)), "{addr}: {:?}", not_public(ip(addr)));
        }
    }
}
