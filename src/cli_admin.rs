//! Admin commands beside `serve`: `healthcheck` (so an image needs no
//! curl) and `restore` (a backup back in place, refused while the server
//! runs).

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::path::Path;
use std::time::Duration;

use crate::config::Config;
use crate::store::{Store, StoreError};

/// Where the server listens, as a client reaches it: a wildcard bind is
/// asked on loopback.
fn reachable(bind: &str) -> anyhow::Result<SocketAddr> {
    let addr: SocketAddr = bind
        .to_socket_addrs()?
        .next()
        .ok_or_else(|| anyhow::anyhow!("server.bind {bind} names no address"))?;
    if addr.port() == 0 {
        anyhow::bail!(
            "server.bind {bind} picks a free port at start; set a fixed port to check it"
        );
    }
    Ok(match addr {
        SocketAddr::V4(a) if a.ip().is_unspecified() => {
            SocketAddr::from(([127, 0, 0, 1], a.port()))
        }
        SocketAddr::V6(a) if a.ip().is_unspecified() => {
            SocketAddr::from((std::net::Ipv6Addr::LOCALHOST, a.port()))
        }
        other => other,
    })
}

/// `GET /healthz` on the configured address; Ok when it answers 200.
pub fn healthcheck(config: &Config) -> anyhow::Result<()> {
    let addr = reachable(&config.server.bind)?;
    let timeout = Duration::from_secs(5);
    let mut stream = TcpStream::connect_timeout(&addr, timeout)
        .map_err(|e| anyhow::anyhow!("no answer from {addr}: {e}"))?;
    stream.set_read_timeout(Some(timeout))?;
    stream.set_write_timeout(Some(timeout))?;
    write!(
        stream,
        "GET /healthz HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nUser-Agent: convene-healthcheck\r\n\r\n"
    )?;
    let mut head = Vec::new();
    stream.take(64 * 1024).read_to_end(&mut head)?;
    let text = String::from_utf8_lossy(&head);
    let status = text.lines().next().unwrap_or_default();
    if status.split_whitespace().nth(1) == Some("200") {
        println!("ok: {addr} answers {status}");
        Ok(())
    } else {
        anyhow::bail!("{addr} answers {status:?}")
    }
}

/// Puts `file` (a backup) in place of the database: refused while a
/// server holds the database; the file is checked first (every table
/// known, a schema this binary reads) by copying it into a new database
/// next to the current one, which is kept as `convene.redb.before-restore`
/// until the next restore.
pub fn restore(config: &Config, file: &Path, hold_outbox: bool) -> anyhow::Result<()> {
    if !file.is_file() {
        anyhow::bail!("no backup file at {}", file.display());
    }
    let db = config.database_path();
    let previous = db.exists();
    if previous {
        match Store::backup_file(&db, &db.with_extension("redb.before-restore")) {
            Ok(_) => {}
            Err(StoreError::Locked(_)) => anyhow::bail!(
                "the server is running on {}: stop it first (systemctl stop convene)",
                db.display()
            ),
            Err(e) => return Err(e.into()),
        }
    }
    let incoming = db.with_extension("redb.restoring");
    let _ = std::fs::remove_file(&incoming);
    let report = Store::backup_file(file, &incoming).map_err(|e| {
        anyhow::anyhow!(
            "{} is not a backup this version can restore: {e}",
            file.display()
        )
    })?;
    // Opening runs the migrations a backup from an older version needs,
    // and refuses one from a newer version, before anything is replaced.
    let held = match Store::open(&incoming).and_then(|s| {
        if hold_outbox {
            s.hold_queued()
        } else {
            Ok(s.queued_count()?)
        }
    }) {
        Ok(n) => n,
        Err(e) => {
            let _ = std::fs::remove_file(&incoming);
            return Err(e.into());
        }
    };
    give_to_data_dir_owner(&incoming, &db)?;
    std::fs::rename(&incoming, &db)?;
    println!(
        "restored {} ({} tables, {} rows) into {}",
        file.display(),
        report.tables,
        report.rows,
        db.display(),
    );
    if previous {
        println!(
            "the previous database is kept as {}",
            db.with_extension("redb.before-restore").display()
        );
    }
    match (held, hold_outbox) {
        (0, _) => {}
        (n, true) => println!(
            "{n} queued mail and webhook calls are held: check them with `convene outbox list`, drop what must not go twice, then `convene outbox release`"
        ),
        (n, false) => println!(
            "note: {n} mail and webhook calls queued in the backup are sent when the server starts (`restore --hold-outbox` holds them instead)"
        ),
    }
    Ok(())
}

/// A restore run as root would leave a root-owned database that the
/// service's own account cannot open: the new file takes the owner of the
/// data directory it goes into.
fn give_to_data_dir_owner(file: &Path, db: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    let Some(dir) = db.parent().filter(|d| !d.as_os_str().is_empty()) else {
        return Ok(());
    };
    let (dir_meta, file_meta) = (std::fs::metadata(dir)?, std::fs::metadata(file)?);
    if (dir_meta.uid(), dir_meta.gid()) == (file_meta.uid(), file_meta.gid()) {
        return Ok(());
    }
    std::os::unix::fs::chown(file, Some(dir_meta.uid()), Some(dir_meta.gid()))
}
