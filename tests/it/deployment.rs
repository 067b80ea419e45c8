//! What an admin does by the book: the SMTP URLs the example config and
//! the README document start the server, SIGTERM with SMTP ends cleanly
//! without losing queued mail, and the README's systemd steps give a
//! config that the unit and the command line share. All of it is about
//! the `convene` process (signals, exit codes, its log), so every server
//! here is spawned.

use std::path::Path;
use std::time::Duration;

use crate::common::*;
use serde_json::json;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn read(file: &str) -> String {
    std::fs::read_to_string(Path::new(ROOT).join(file)).unwrap()
}

/// Every smtp:// or smtps:// URL written in the example config's [mail]
/// section and in the README's mail table.
fn documented_smtp_urls() -> Vec<String> {
    let example = read("config.example.toml");
    let mail = example
        .split("[mail]")
        .nth(1)
        .and_then(|s| s.split("\n[").next())
        .unwrap()
        .to_string();
    let readme = read("README.md");
    let mut urls: Vec<String> = mail
        .split_whitespace()
        .chain(readme.split(['`', ' ']))
        .map(|w| w.trim_matches(|c: char| c == ',' || c == '(' || c == ')'))
        .filter(|w| w.starts_with("smtp://") || w.starts_with("smtps://"))
        .filter(|w| !w.contains("127.0.0.1:2525"))
        .map(str::to_string)
        .collect();
    urls.sort();
    urls.dedup();
    urls
}

/// The documented URL pointed at the sink (host and port replaced).
fn at_sink(documented: &str, port: u16) -> String {
    let mut url = url::Url::parse(documented).unwrap();
    url.set_host(Some("127.0.0.1")).unwrap();
    url.set_port(Some(port)).unwrap();
    url.to_string()
}

#[test]
fn every_documented_smtp_url_starts_the_server_and_check_config_agrees() {
    let urls = documented_smtp_urls();
    for form in [
        "smtp://host:25",
        "smtp://user:pass@host:587?tls=starttls",
        "smtps://user:pass@host:465",
    ] {
        assert!(urls.iter().any(|u| u == form), "{form} in {urls:?}");
    }
    let sink = SmtpSink::start();
    let port: u16 = sink.url().rsplit(':').next().unwrap().parse().unwrap();
    for documented in &urls {
        let url = at_sink(documented, port);
        let env = [
            ("CONVENE_MAIL_TRANSPORT", "smtp"),
            ("CONVENE_MAIL_SMTP_URL", url.as_str()),
        ];
        let check = run_cli(&["check-config"], &env, None);
        assert!(check.status.success(), "{documented}: {check:?}");
        let mut server = Server::spawn_with(&env);
        let res = client().get(server.url("/healthz")).send().unwrap();
        assert_eq!(res.status(), 200, "{documented}");
        let status = server.terminate().unwrap();
        assert!(status.success(), "{documented}: {status:?}");
    }
    // What serve refuses, check-config refuses, naming the key.
    for bad in [
        "smtp://host:587?tls=bogus",
        "smtp://host:25?tsl=starttls",
        "smtps://host:465?tls=starttls",
        "smtp:///no-host",
        "imap://host:143",
    ] {
        let env = [
            ("CONVENE_MAIL_TRANSPORT", "smtp"),
            ("CONVENE_MAIL_SMTP_URL", bad),
        ];
        let check = run_cli(&["check-config"], &env, None);
        let stderr = String::from_utf8_lossy(&check.stderr);
        assert_eq!(check.status.code(), Some(2), "{bad}: {stderr}");
        assert!(stderr.contains("mail.smtp_url"), "{bad}: {stderr}");
        let serve = run_cli(&["serve"], &env, None);
        assert_eq!(serve.status.code(), Some(2), "{bad}");
    }
}

#[test]
fn sigterm_with_smtp_exits_0_and_queued_mail_goes_after_the_restart() {
    let port = free_port();
    let mut sink = SmtpSink::start_on(port);
    let url = sink.url();
    let env = [
        ("CONVENE_MAIL_TRANSPORT", "smtp"),
        ("CONVENE_MAIL_SMTP_URL", url.as_str()),
        ("CONVENE_MAIL_RETRY_BASE_SECONDS", "1"),
    ];
    let server = Server::spawn_prepared(&env, create_owner);
    let owner = server.login(OWNER_EMAIL, OWNER_PASSWORD);
    // A sent mail leaves a pooled SMTP connection open: the case that
    // aborted at exit.
    assert_eq!(owner.post("/api/v1/mail/test", json!({})).status(), 202);
    sink.wait_for(1, Duration::from_secs(20));
    let mut server = server;
    let dir = server.take_tempdir().unwrap();
    let status = server.terminate().unwrap();
    assert!(status.success(), "SIGTERM with SMTP: {status:?}");
    assert!(
        !server
            .log_lines()
            .iter()
            .any(|l| l.contains("panic") || l.contains("no reactor")),
        "{:?}",
        server.log_lines()
    );

    // With the SMTP server down, a queued mail waits; SIGTERM still exits 0.
    sink.stop();
    let server = Server::spawn_in(dir.path(), &env);
    let owner = server.login(OWNER_EMAIL, OWNER_PASSWORD);
    assert_eq!(owner.post("/api/v1/mail/test", json!({})).status(), 202);
    eventually(Duration::from_secs(20), "a failed attempt", || {
        outbox_messages(&owner, "queued")
            .iter()
            .any(|m| m["attempts"].as_u64() >= Some(1))
            .then_some(())
    });
    let mut server = server;
    let status = server.terminate().unwrap();
    assert!(status.success(), "{status:?}");

    let sink = SmtpSink::start_on(port);
    let server = Server::spawn_in(dir.path(), &env);
    let mails = sink.wait_for(1, Duration::from_secs(30));
    assert_eq!(mails.len(), 1);
    let owner = server.login(OWNER_EMAIL, OWNER_PASSWORD);
    eventually(Duration::from_secs(10), "both test mails sent", || {
        (outbox_messages(&owner, "sent").len() == 2).then_some(())
    });
}

/// The README's systemd block, its backup command, and the unit.
#[test]
fn readme_systemd_steps_give_one_config_for_the_unit_and_the_commands() {
    let readme = read("README.md");
    let unit = read("systemd/convene.service");
    let block = readme
        .split("### systemd")
        .nth(1)
        .and_then(|s| s.split("```sh").nth(1))
        .and_then(|s| s.split("```").next())
        .unwrap()
        .replace("\\\n", " ");
    let config_step = block
        .lines()
        .find(|l| l.contains("config.example.toml"))
        .unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    // The same steps under a scratch root: /etc and /var/lib move there.
    let under = |s: &str| {
        s.replace("/etc/convene", &root.join("etc").to_string_lossy())
            .replace("/var/lib/convene", &root.join("state").to_string_lossy())
            .replace("/var/backups", &root.to_string_lossy())
    };
    std::fs::create_dir_all(root.join("etc")).unwrap();
    std::fs::create_dir_all(root.join("state")).unwrap();
    let ran = std::process::Command::new("bash")
        .arg("-c")
        .arg(under(config_step))
        .current_dir(ROOT)
        .output()
        .unwrap();
    assert!(ran.status.success(), "{config_step}: {ran:?}");
    let config = root.join("etc/convene.toml");
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&config).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "the config may hold the SMTP password");
    let written = std::fs::read_to_string(&config).unwrap();
    assert!(written.contains(&format!("data_dir = \"{}\"", root.join("state").display())));

    // The unit hands that file over as a credential and runs with it.
    assert!(unit.contains("LoadCredential=convene.toml:/etc/convene/convene.toml"));
    assert!(unit.contains("StateDirectory=convene\n"));
    assert!(unit.contains("Environment=CONVENE_STORAGE_DATA_DIR=/var/lib/convene\n"));
    let exec = unit
        .lines()
        .find_map(|l| l.strip_prefix("ExecStart=/usr/local/bin/convene "))
        .unwrap();
    let credentials = root.join("credentials");
    std::fs::create_dir_all(&credentials).unwrap();
    std::fs::copy(&config, credentials.join("convene.toml")).unwrap();
    let args: Vec<String> = exec
        .replace("${CREDENTIALS_DIRECTORY}", &credentials.to_string_lossy())
        .split_whitespace()
        .map(str::to_string)
        .collect();
    assert_eq!(args.last().map(String::as_str), Some("serve"));
    let global: Vec<&str> = args[..args.len() - 1].iter().map(String::as_str).collect();
    let state = root.join("state");
    let server = Server::spawn_with_args(&state, &[], &global);
    assert_eq!(
        client()
            .get(server.url("/healthz"))
            .send()
            .unwrap()
            .status(),
        200
    );

    // The README's backup command, as root would type it, finds the
    // running server's database through the same config.
    let backup = readme
        .split("## Backups")
        .nth(1)
        .and_then(|s| s.split("```sh").nth(1))
        .and_then(|s| s.split("```").next())
        .unwrap()
        .trim()
        .to_string();
    let ran = std::process::Command::new("bash")
        .arg("-c")
        .arg(under(&backup).replacen("convene", BIN, 1))
        // As root's shell would run it: none of the test run's variables.
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&ran.stdout);
    assert!(ran.status.success(), "{backup}: {ran:?}");
    assert!(out.contains("by the running server"), "{out}");
    drop(server);
}

/// Every file outside `src/` that the binary compiles in is copied into
/// the image's build stage: a new `include_str!` of a file the Dockerfile
/// does not copy would break `docker build` only.
#[test]
fn the_image_build_copies_everything_the_binary_compiles_in() {
    let dockerfile = repo_file("Dockerfile");
    let copied: Vec<&str> = dockerfile
        .lines()
        .filter_map(|l| l.strip_prefix("COPY "))
        .filter(|l| !l.starts_with("--from"))
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    let mut sources = String::new();
    let mut stack = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "rs") {
                sources.push_str(&std::fs::read_to_string(&p).unwrap());
            }
        }
    }
    for needed in ["assets", "locales", "docs/openapi.yaml"] {
        assert!(
            sources.contains(needed),
            "{needed} is no longer compiled in: update this list"
        );
        assert!(
            copied.iter().any(|c| c.trim_end_matches('/') == needed),
            "the Dockerfile does not copy {needed}: {copied:?}"
        );
    }
    let ignore = repo_file(".dockerignore");
    assert!(
        ignore.lines().any(|l| l.trim() == "target/"),
        "target/ stays out of the build context"
    );
}
