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

/// Values written per commit of the copy.
const BATCH_BYTES: usize = 8 << 20;
/// The copy's own page cache.
const COPY_CACHE_BYTES: usize = 4 << 20;

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
    // The copy is committed a batch at a time, with a small cache: memory
    // stays bounded by the batch, not by the database's size. Until the
    // rename the partial file is nobody's backup, so a batch boundary is
    // no inconsistency.
    let copy = redb::Builder::new()
        .set_cache_size(COPY_CACHE_BYTES)
        .create(&partial)?;
    let mut rows = 0;
    for table in tables::ALL {
        rows += table.copy(snapshot, &copy, BATCH_BYTES)?;
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;
    use crate::store::tables::AnyTable;

    #[test]
    fn a_table_larger_than_a_batch_is_copied_whole() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("a.redb")).unwrap();
        let txn = store.write().unwrap();
        for i in 0..50 {
            tables::META
                .write(&txn)
                .unwrap()
                .insert(format!("k{i}").as_str(), &serde_json::json!(i))
                .unwrap();
        }
        store.commit(txn).unwrap();
        let snapshot = store.read().unwrap();
        let copy = redb::Database::create(dir.path().join("b.redb")).unwrap();
        // A few bytes per batch: dozens of commits.
        let rows = tables::META.copy(&snapshot.inner, &copy, 8).unwrap();
        let source_rows = tables::META.verify(&snapshot.inner).unwrap().rows;
        assert_eq!(rows, source_rows);
        use redb::{ReadableDatabase, ReadableTableMetadata};
        let read = copy.begin_read().unwrap();
        let copied = read.open_table(tables::META.definition()).unwrap();
        assert_eq!(copied.len().unwrap(), source_rows);
    }
}
