//! A Unix socket in the data directory through which local commands reach
//! the running server (which holds the database lock). File permissions
//! are the authentication: only who can open the data directory can ask.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader as AsyncBufReader};

use crate::store::Store;

pub fn socket_path(data_dir: &Path) -> PathBuf {
    data_dir.join("control.sock")
}

/// Serves control requests until the process ends.
pub fn spawn(store: Store, data_dir: PathBuf) -> std::io::Result<()> {
    let path = socket_path(&data_dir);
    let _ = std::fs::remove_file(&path);
    let listener = tokio::net::UnixListener::bind(&path)?;
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))?;
    }
    actix_web::rt::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                continue;
            };
            let store = store.clone();
            let dir = data_dir.clone();
            actix_web::rt::spawn(async move {
                if let Err(e) = handle(stream, store, dir).await {
                    tracing::warn!(error = %e, "control request failed");
                }
            });
        }
    });
    Ok(())
}

async fn handle(stream: tokio::net::UnixStream, store: Store, dir: PathBuf) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut line = String::new();
    AsyncBufReader::new(read).read_line(&mut line).await?;
    if line.trim() != "backup" {
        write.write_all(b"ERR unknown command\n").await?;
        return Ok(());
    }
    let tmp = dir.join(format!("backup-{}.redb", crate::crypto::random_id()));
    let target = tmp.clone();
    let made = tokio::task::spawn_blocking(move || store.backup_to(&target)).await;
    match made {
        Ok(Ok(report)) => {
            let bytes = tokio::fs::read(&tmp).await;
            // (the temporary copy was created 0600 inside the private data dir)
            let _ = tokio::fs::remove_file(&tmp).await;
            let bytes = bytes?;
            tracing::info!(
                rows = report.rows,
                bytes = bytes.len(),
                "online backup served"
            );
            write
                .write_all(format!("OK {}\n", bytes.len()).as_bytes())
                .await?;
            write.write_all(&bytes).await?;
        }
        Ok(Err(e)) => {
            let _ = tokio::fs::remove_file(&tmp).await;
            write.write_all(format!("ERR {e}\n").as_bytes()).await?;
        }
        Err(e) => write.write_all(format!("ERR {e}\n").as_bytes()).await?,
    }
    write.shutdown().await
}

/// Client side: asks the server for a backup and writes it to `out`
/// atomically. Returns the size written.
pub fn request_backup(data_dir: &Path, out: &Path) -> anyhow::Result<u64> {
    let path = socket_path(data_dir);
    let mut stream = std::os::unix::net::UnixStream::connect(&path).map_err(|e| {
        anyhow::anyhow!(
            "the database is in use but the server's control socket {} does not answer: {e}",
            path.display()
        )
    })?;
    stream.write_all(b"backup\n")?;
    let mut reader = BufReader::new(stream);
    let mut header = String::new();
    reader.read_line(&mut header)?;
    let header = header.trim_end();
    let size: u64 = match header.strip_prefix("OK ") {
        Some(n) => n.parse()?,
        None => anyhow::bail!(
            "server refused the backup: {}",
            header.trim_start_matches("ERR ")
        ),
    };
    let partial = out.with_extension("partial");
    let _ = std::fs::remove_file(&partial);
    let mut file = {
        use std::os::unix::fs::OpenOptionsExt;
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&partial)?
    };
    let copied = std::io::copy(&mut reader, &mut file)?;
    if copied != size {
        let _ = std::fs::remove_file(&partial);
        anyhow::bail!("backup cut short: got {copied} of {size} bytes");
    }
    file.sync_all()?;
    std::fs::rename(&partial, out)?;
    Ok(size)
}
