//! Host names whose destination is known without asking DNS: loopback
//! names (RFC 6761) and the names of cloud metadata services, which hand
//! out credentials to whoever asks from inside the instance.

/// Lower case without the trailing dot(s) of a fully qualified name, so
/// `LOCALHOST.` and `localhost` are the same name.
fn normal(host: &str) -> String {
    host.trim_end_matches('.').to_ascii_lowercase()
}

/// `localhost` and every name under it (RFC 6761, section 6.3).
pub fn is_localhost(host: &str) -> bool {
    let host = normal(host);
    host == "localhost" || host.ends_with(".localhost")
}

/// The names cloud providers document for their instance metadata
/// services. Refused whatever they resolve to: the addresses behind them
/// are the provider's to change, and no admin means to call them.
pub fn is_metadata_service(host: &str) -> bool {
    let host = normal(host);
    // Google Cloud answers the short name through the instance's search
    // domain; AWS has a per-region name under compute.internal.
    matches!(
        host.as_str(),
        "metadata.google.internal"
            | "metadata"
            | "instance-data"
            | "instance-data.ec2.internal"
            | "metadata.tencentyun.com"
    ) || (host.starts_with("instance-data.") && host.ends_with(".compute.internal"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_and_metadata_names() {
        for name in [
            "localhost",
            "LOCALHOST.",
            "foo.localhost",
            "a.b.LocalHost..",
        ] {
            assert!(is_localhost(name), "{name}");
        }
        for name in ["localhost.example.org", "notlocalhost", "localhostx"] {
            assert!(!is_localhost(name), "{name}");
        }
        for name in [
            "metadata.google.internal",
            "Metadata.Google.Internal.",
            "metadata",
            "instance-data",
            "instance-data.ec2.internal",
            "instance-data.eu-west-1.compute.internal",
            "metadata.tencentyun.com",
        ] {
            assert!(is_metadata_service(name), "{name}");
        }
        for name in ["metadata.example.org", "google.internal", "example.com"] {
            assert!(!is_metadata_service(name), "{name}");
        }
    }
}
