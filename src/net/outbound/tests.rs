use std::io::{ErrorKind, Read, Write};
use std::net::TcpListener;
use std::sync::mpsc;

use super::*;

/// A listener that must never see a connection.
fn trap() -> (TcpListener, u16) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let port = listener.local_addr().unwrap().port();
    (listener, port)
}

fn assert_untouched(listener: &TcpListener, what: &str) {
    match listener.accept() {
        Err(e) if e.kind() == ErrorKind::WouldBlock => {}
        Ok((_, peer)) => panic!("{what} got a connection from {peer}"),
        Err(e) => panic!("{what}: {e}"),
    }
}

/// A loopback HTTP server that answers one connection per canned answer,
/// in order, and reports the head of each request it read.
fn serve(answers: Vec<String>) -> (u16, mpsc::Receiver<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for answer in answers {
            let Ok((mut stream, _)) = listener.accept() else {
                return;
            };
            let head = read_request(&mut stream);
            let _ = tx.send(head);
            let _ = stream.write_all(answer.as_bytes());
        }
    });
    (port, rx)
}

/// Reads the head and the body (by Content-Length), so closing the socket
/// does not reset a connection with unread bytes.
fn read_request(stream: &mut std::net::TcpStream) -> String {
    let mut buf = Vec::new();
    let mut byte = [0u8; 1];
    while !buf.ends_with(b"\r\n\r\n") {
        match stream.read(&mut byte) {
            Ok(1) => buf.push(byte[0]),
            _ => break,
        }
    }
    let head = String::from_utf8_lossy(&buf).into_owned();
    let length = head
        .lines()
        .find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case("content-length")
                .then(|| v.trim().parse::<usize>().ok())?
        })
        .unwrap_or(0);
    let mut body = vec![0u8; length];
    let _ = stream.read_exact(&mut body);
    format!("{head}{}", String::from_utf8_lossy(&body))
}

fn answer(status: &str, extra: &str) -> String {
    format!("HTTP/1.1 {status}\r\n{extra}content-length: 2\r\nconnection: close\r\n\r\nok")
}

fn with_proxy(allow: &[&str], proxy_port: u16) -> Outbound {
    Outbound::from_config(&OutboundConfig {
        allow_networks: allow.iter().map(|s| s.to_string()).collect(),
        proxy: format!("http://127.0.0.1:{proxy_port}"),
    })
    .unwrap()
}

/// Every URL here must be refused before anything connects; `{p}` is the
/// port of a loopback listener that checks nothing did.
const REFUSED: &[&str] = &[
    // loopback, in every spelling the URL parser accepts
    "http://127.0.0.1:{p}/",
    "http://127.1:{p}/",
    "http://2130706433:{p}/",
    "http://0x7f000001:{p}/",
    "http://0177.0.0.1:{p}/",
    "http://0x7f.1:{p}/",
    "http://017700000001:{p}/",
    "http://127.0.0.1.:{p}/",
    "http://127.0.0.2:{p}/",
    "http://127.255.255.254:{p}/",
    "https://127.0.0.1:{p}/",
    "http://[::1]:{p}/",
    "http://[0:0:0:0:0:0:0:1]:{p}/",
    "http://[::ffff:127.0.0.1]:{p}/",
    "http://[0:0:0:0:0:ffff:7f00:1]:{p}/",
    "http://[::ffff:7f00:1]:{p}/",
    "http://localhost:{p}/",
    "http://LOCALHOST.:{p}/",
    "http://foo.localhost:{p}/",
    "http://a.b.LocalHost:{p}/",
    "https://localhost:{p}/",
    "http://\u{24db}\u{24de}\u{24d2}\u{24d0}\u{24db}\u{24d7}\u{24de}\u{24e2}\u{24e3}:{p}/",
    "http://0.0.0.0:{p}/",
    "http://0:{p}/",
    "http://[::]:{p}/",
    // private use
    "http://10.0.0.1/",
    "http://10.255.255.255:{p}/",
    "http://172.16.0.1/",
    "http://172.31.255.254/",
    "http://192.168.0.1/",
    "http://192.168.1.1:8080/",
    "http://[fc00::1]/",
    "http://[fd12:3456:789a::1]/",
    // link-local and metadata services
    "http://169.254.169.254/latest/meta-data/",
    "http://169.254.0.1/",
    "http://[::ffff:169.254.169.254]/",
    "http://[fe80::1]/",
    "http://[fe80::1%25eth0]/",
    "http://[fe80::1%eth0]/",
    "http://metadata.google.internal/computeMetadata/v1/",
    "http://METADATA.google.internal./",
    "http://metadata/computeMetadata/v1/",
    "http://instance-data/latest/meta-data/",
    "http://instance-data.ec2.internal/latest/",
    "http://metadata.tencentyun.com/latest/meta-data/",
    // shared address space (CGNAT), Alibaba's metadata service among it
    "http://100.64.0.1/",
    "http://100.127.255.254/",
    "http://100.100.100.200/latest/meta-data/",
    // IPv6 transition forms carrying a non-public IPv4 address
    "http://[2002:c0a8:0101::]/",
    "http://[2002:7f00:0001::]:{p}/",
    "http://[2002:0a00:0001::1]/",
    "http://[64:ff9b::7f00:1]:{p}/",
    "http://[64:ff9b::a00:1]/",
    "http://[64:ff9b::169.254.169.254]/",
    "http://[64:ff9b:1::1]/",
    "http://[64:ff9b:1::808:808]/",
    "http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/",
    "http://[2001::1]/",
    "http://[::ffff:0:a00:1]/",
    "http://[::ffff:0:808:808]/",
    "http://[::7f00:1]:{p}/",
    "http://[::127.0.0.1]:{p}/",
    "http://[100::1]/",
    "http://192.88.99.1/",
    // broadcast and multicast
    "http://255.255.255.255/",
    "http://224.0.0.1/",
    "http://239.255.255.250:1900/",
    "http://[ff02::1]/",
    "http://[ff05::1:3]/",
    // other special-purpose ranges
    "http://240.0.0.1/",
    "http://192.0.0.1/",
    "http://198.18.0.1/",
    "http://192.0.2.1/",
    "http://[2001:db8::1]/",
    "http://[3fff::1]/",
    "http://[5f00::1]/",
    "http://[2001:10::1]/",
    "http://[2001:20::1]/",
    "http://[2001:2::1]/",
    "http://[fec0::1]/",
    // userinfo and parser tricks
    "http://example.com@127.0.0.1:{p}/",
    "http://127.0.0.1:{p}#@example.com/",
    "http://127.0.0.1:{p}\\@example.com/",
    "http://user:pass@[::1]:{p}/",
    "http://user:pass@localhost:{p}/",
    // schemes other than http and https
    "file:///etc/passwd",
    "gopher://127.0.0.1:{p}/_GET%20/",
    "ftp://127.0.0.1:{p}/",
    "data:text/plain,hello",
    "javascript:alert(1)",
    "dict://127.0.0.1:{p}/info",
    "ldap://127.0.0.1:{p}/",
    "ws://127.0.0.1:{p}/",
    "not a url",
];

async fn assert_all_refused(client: &Outbound, port: u16) {
    assert!(REFUSED.len() >= 60);
    for raw in REFUSED {
        let url = raw.replace("{p}", &port.to_string());
        match client.send(Method::GET, &url, &[], None).await {
            Err(e) if e.is_refusal() => {}
            other => panic!("{url} was not refused: {other:?}"),
        }
    }
}

#[actix_web::test]
async fn non_public_targets_are_refused_before_connecting() {
    let (target, port) = trap();
    assert_all_refused(&Outbound::new(&[]).unwrap(), port).await;
    assert_untouched(&target, "the target");
}

#[actix_web::test]
async fn non_public_targets_are_refused_before_reaching_the_proxy() {
    let (target, port) = trap();
    let (proxy, proxy_port) = trap();
    assert_all_refused(&with_proxy(&[], proxy_port), port).await;
    assert_untouched(&target, "the target");
    assert_untouched(&proxy, "the proxy");
}

#[test]
fn public_addresses_pass_the_policy() {
    let guard = Outbound::new(&[]).unwrap();
    for url in [
        "http://8.8.8.8/",
        "https://1.1.1.1/hook",
        "https://[2606:4700::1111]/",
        "http://[2002:0808:0808::]/",
        "http://[::ffff:8.8.8.8]/",
        "http://[64:ff9b::808:808]/",
        "https://example.org/hook",
        "https://localhost.example.org/",
    ] {
        assert!(guard.check_url(url).is_ok(), "{url}");
    }
    for ip in ["8.8.8.8", "2606:4700::1111", "2002:808:808::"] {
        assert!(guard.policy.check(ip.parse().unwrap()).is_ok(), "{ip}");
    }
}

#[test]
fn allow_networks_open_exactly_what_they_list() {
    let allowed = Outbound::new(&["127.0.0.0/8".into(), "10.0.0.0/8".into()]).unwrap();
    assert!(allowed.check_url("http://127.0.0.1:9/").is_ok());
    assert!(allowed.check_url("http://[::ffff:10.1.2.3]/").is_ok());
    assert!(matches!(
        allowed.check_url("http://[::1]/"),
        Err(OutboundError::Forbidden(_))
    ));
    assert!(matches!(
        allowed.check_url("http://192.168.1.1/"),
        Err(OutboundError::Forbidden(_))
    ));
    // Metadata names stay refused whatever is allowed.
    assert!(matches!(
        allowed.check_url("http://metadata.google.internal/"),
        Err(OutboundError::ForbiddenHost { .. })
    ));
    assert!(allowed.policy.check_name("localhost").is_ok());
    assert!(
        Outbound::new(&[])
            .unwrap()
            .policy
            .check_name("localhost")
            .is_err()
    );
}

#[test]
fn refusals_say_why() {
    let guard = Outbound::new(&[]).unwrap();
    let message = |url: &str| guard.check_url(url).unwrap_err().to_string();
    let m = message("http://127.1/");
    assert!(
        m.contains("127.0.0.1") && m.contains("not public") && m.contains("loopback"),
        "{m}"
    );
    let m = message("http://[64:ff9b::a00:1]/");
    assert!(
        m.contains("NAT64") && m.contains("10.0.0.1") && m.contains("private-use"),
        "{m}"
    );
    let m = message("http://[2001::1]/");
    assert!(m.contains("Teredo"), "{m}");
}

#[test]
fn bad_config_is_refused_naming_the_key() {
    for proxy in [
        "socks5://127.0.0.1:1080",
        "proxy.example.org:3128",
        "http://",
        "http://proxy.example.org:3128/path",
        "ftp://proxy.example.org",
    ] {
        let config = OutboundConfig {
            allow_networks: vec![],
            proxy: proxy.into(),
        };
        let e = Outbound::from_config(&config).err().map(|e| e.to_string());
        assert!(
            e.as_deref().is_some_and(|e| e.contains("outbound.proxy")),
            "{proxy}: {e:?}"
        );
        let env = [("CONVENE_OUTBOUND_PROXY".to_string(), proxy.to_string())];
        let e = crate::config::Config::load_from(None, &env)
            .unwrap_err()
            .to_string();
        assert!(e.contains("outbound.proxy"), "{proxy}: {e}");
    }
    let e = Outbound::new(&["10.0.0.0/33".into()])
        .err()
        .map(|e| e.to_string());
    assert!(
        e.as_deref()
            .is_some_and(|e| e.contains("outbound.allow_networks")),
        "{e:?}"
    );
    // A proxy password never shows in errors or in the printed config.
    let env = [(
        "CONVENE_OUTBOUND_PROXY".to_string(),
        "http://me:hunter22@proxy.example.org:3128/x".to_string(),
    )];
    let e = crate::config::Config::load_from(None, &env)
        .unwrap_err()
        .to_string();
    assert!(!e.contains("hunter22"), "{e}");
    let env = [(
        "CONVENE_OUTBOUND_PROXY".to_string(),
        "http://me:hunter22@proxy.example.org:3128".to_string(),
    )];
    let config = crate::config::Config::load_from(None, &env).unwrap();
    assert!(!format!("{config:?}").contains("hunter22"));
    assert!(Outbound::from_config(&config.outbound).is_ok());
}

#[actix_web::test]
async fn allowed_targets_go_through_the_configured_proxy() {
    let (target, port) = trap();
    let (proxy_port, seen) = serve(vec![answer("200 OK", "")]);
    let client = with_proxy(&["127.0.0.0/8", "::1/128"], proxy_port);
    let url = format!("http://localhost:{port}/via");
    let res = client.send(Method::GET, &url, &[], None).await.unwrap();
    assert_eq!((res.status, res.body.as_slice()), (200, b"ok".as_slice()));
    let head = seen.recv().unwrap();
    assert!(head.starts_with(&format!("GET {url} HTTP/1.1")), "{head}");
    assert_untouched(&target, "the target");
}

#[actix_web::test]
async fn with_a_proxy_every_address_of_a_name_must_be_allowed() {
    // The proxy may connect to either loopback address of localhost, so
    // allowing only one of them is not enough.
    let (target, port) = trap();
    let (proxy, proxy_port) = trap();
    let client = with_proxy(&["127.0.0.0/8"], proxy_port);
    let err = client
        .send(Method::GET, &format!("http://localhost:{port}/"), &[], None)
        .await
        .unwrap_err();
    assert!(
        matches!(err, OutboundError::Forbidden(ip) if ip == Ipv6Addr::LOCALHOST),
        "{err}"
    );
    assert_untouched(&proxy, "the proxy");
    assert_untouched(&target, "the target");
}

#[actix_web::test]
async fn without_a_proxy_localhost_uses_its_allowed_address() {
    let (port, seen) = serve(vec![answer("204 No Content", "")]);
    let client = Outbound::new(&["127.0.0.0/8".into()]).unwrap();
    let res = client
        .send(
            Method::GET,
            &format!("http://localhost:{port}/direct"),
            &[],
            None,
        )
        .await
        .unwrap();
    assert_eq!(res.status, 204);
    assert!(seen.recv().unwrap().starts_with("GET /direct HTTP/1.1"));
}

#[actix_web::test]
async fn redirects_are_checked_hop_by_hop() {
    let client = Outbound::new(&["127.0.0.0/8".into()]).unwrap();
    for location in [
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://metadata.google.internal/",
        "file:///etc/passwd",
    ] {
        let (port, seen) = serve(vec![answer(
            "302 Found",
            &format!("location: {location}\r\n"),
        )]);
        let err = client
            .send(Method::GET, &format!("http://127.0.0.1:{port}/"), &[], None)
            .await
            .unwrap_err();
        assert!(err.is_refusal(), "{location}: {err}");
        assert_eq!(seen.try_iter().count(), 1, "{location}");
    }
}

#[actix_web::test]
async fn redirects_through_the_proxy_are_checked_before_the_next_hop() {
    let (proxy_port, seen) = serve(vec![answer(
        "307 Temporary Redirect",
        "location: http://10.0.0.1/\r\n",
    )]);
    let client = with_proxy(&["127.0.0.0/8"], proxy_port);
    let err = client
        .send(Method::GET, "http://127.0.0.1:9/", &[], None)
        .await
        .unwrap_err();
    assert!(matches!(err, OutboundError::Forbidden(_)), "{err}");
    assert_eq!(seen.try_iter().count(), 1);
}

#[actix_web::test]
async fn redirects_follow_http_semantics_and_are_limited() {
    let to = |path: &str| format!("location: {path}\r\n");
    let (port, seen) = serve(vec![
        answer("307 Temporary Redirect", &to("/kept")),
        answer("303 See Other", &to("/got")),
        answer("200 OK", ""),
    ]);
    let client = Outbound::new(&["127.0.0.0/8".into()]).unwrap();
    let res = client
        .send(
            Method::POST,
            &format!("http://127.0.0.1:{port}/start"),
            &[("Content-Type", "application/json".into())],
            Some(b"{}".to_vec()),
        )
        .await
        .unwrap();
    assert_eq!(res.status, 200);
    let heads: Vec<String> = seen.try_iter().collect();
    assert!(
        heads[0].starts_with("POST /start ") && heads[0].ends_with("{}"),
        "{heads:?}"
    );
    assert!(
        heads[1].starts_with("POST /kept ") && heads[1].ends_with("{}"),
        "{heads:?}"
    );
    assert!(
        heads[2].starts_with("GET /got ") && heads[2].ends_with("\r\n\r\n"),
        "{heads:?}"
    );
    assert!(
        !heads[2].to_ascii_lowercase().contains("content-type"),
        "{heads:?}"
    );

    let (port, seen) = serve(vec![answer("302 Found", &to("/again")); MAX_REDIRECTS + 1]);
    let err = client
        .send(Method::GET, &format!("http://127.0.0.1:{port}/"), &[], None)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("redirects"), "{err}");
    assert_eq!(seen.try_iter().count(), MAX_REDIRECTS + 1);
}

const CHILD: &str = "OUTBOUND_TEST_PROXY_CHILD";

/// Proxy variables in the environment must not reach the client. This
/// process cannot set them for itself (other tests run on other threads,
/// and setting variables needs `unsafe`, which the crate forbids), so the
/// check runs in a child copy of this test binary started with them set.
#[test]
fn proxy_variables_from_the_environment_are_ignored() {
    let (proxy, proxy_port) = trap();
    let proxy_url = format!("http://127.0.0.1:{proxy_port}");
    let mut child = std::process::Command::new(std::env::current_exe().unwrap());
    child
        .args([
            "--exact",
            "net::outbound::tests::child_with_proxy_variables",
            "--include-ignored",
            "--test-threads=1",
        ])
        .env(CHILD, "1")
        .env_remove("NO_PROXY")
        .env_remove("no_proxy")
        .env_remove("REQUEST_METHOD");
    for name in [
        "HTTP_PROXY",
        "http_proxy",
        "HTTPS_PROXY",
        "https_proxy",
        "ALL_PROXY",
        "all_proxy",
    ] {
        child.env(name, &proxy_url);
    }
    let out = child.output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains("1 passed"),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_untouched(&proxy, "the proxy from the environment");
}

#[actix_web::test]
#[ignore = "run by proxy_variables_from_the_environment_are_ignored"]
async fn child_with_proxy_variables() {
    if std::env::var_os(CHILD).is_none() {
        return;
    }
    let (port, seen) = serve(vec![answer("204 No Content", "")]);
    let url = format!("http://127.0.0.1:{port}/direct");
    let direct = Outbound::new(&["127.0.0.0/8".into()]).unwrap();
    assert_eq!(
        direct
            .send(Method::GET, &url, &[], None)
            .await
            .unwrap()
            .status,
        204
    );
    assert!(seen.recv().unwrap().starts_with("GET /direct HTTP/1.1"));
    assert_all_refused(&Outbound::new(&[]).unwrap(), port).await;
}
