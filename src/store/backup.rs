//! Online backup: a logical copy of every table inside one read
//! transaction, so it sees one consistent snapshot while writers go on.

use std::path::Path;

use super::{Result, StoreError, tables};

#[derive(Debug, Clone, serde::Serialize)]
pub struct BackupReport {
    pub tables: usize,
    pub rows: u64,
    pub bytes: u64,
}

pub fn copy(snapshot: &redb::ReadTransaction, out: &Path) -> Result<BackupReport> {
    check_every_table_is_known(snapshot)?;
    // Write next to the target and rename, so `out` is never half a file.
    // Readable by the owner only: it holds password hashes and personal data.
    let partial = out.with_extension("partial");
    let _ = std::fs::remove_file(&partial);
    {
        use std::os::unix::fs::OpenOptionsExt;
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&partial)?;
    }
    let copy = redb::Database::create(&partial)?;
    let txn = copy.begin_write()?;
    let mut rows = 0;
    for table in tables::ALL {
        rows += table.copy(snapshot, &txn)?;
    }
    #[allow(clippy::disallowed_methods)] // a new file of its own, not the store
    txn.commit()?;
    drop(copy);
    std::fs::rename(&partial, out)?;
    Ok(BackupReport {
        tables: tables::ALL.len(),
        rows,
        bytes: std::fs::metadata(out).map(|m| m.len()).unwrap_or(0),
    })
}

/// A table this binary does not know would be silently dropped: refuse.
fn check_every_table_is_known(snapshot: &redb::ReadTransaction) -> Result<()> {
    use redb::TableHandle;
    for handle in snapshot.list_tables()? {
        let name = handle.name().to_string();
        if !tables::ALL.iter().any(|t| t.name() == name) {
            return Err(StoreError::Backup(format!(
                "table {name} is unknown to this version; refusing an incomplete backup"
            )));
        }
    }
    Ok(())
}
