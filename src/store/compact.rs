//! Offline compaction: the pages a database freed since its file last
//! grew stay in the file (redb reuses them, but never gives them back).
//! After a purge of mail or a burst of bookings an operator can hand them
//! back to the disk with the server stopped.

use std::path::Path;

use super::{Result, StoreError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Compacted {
    pub bytes_before: u64,
    pub bytes_after: u64,
}

/// Compacts the database at `path` in place. Refused (Locked) while a
/// server has it open: compaction needs the file to itself.
pub fn compact_file(path: &Path) -> Result<Compacted> {
    let size = |p: &Path| std::fs::metadata(p).map(|m| m.len());
    let bytes_before = size(path)?;
    let mut db = redb::Builder::new().open(path).map_err(|e| match e {
        redb::DatabaseError::DatabaseAlreadyOpen => StoreError::Locked(path.to_path_buf()),
        other => StoreError::Db(other.into()),
    })?;
    // It moves pages towards the start of the file until none can move,
    // then truncates the end.
    db.compact()
        .map_err(|e| StoreError::Db(redb::Error::from(e)))?;
    drop(db);
    Ok(Compacted {
        bytes_before,
        bytes_after: size(path)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Store, tables};

    #[test]
    fn a_file_whose_rows_were_deleted_shrinks_and_keeps_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.redb");
        let store = Store::open(&path).unwrap();
        let big = serde_json::Value::String("x".repeat(4_000));
        let txn = store.write().unwrap();
        for i in 0..2_000 {
            tables::META
                .write(&txn)
                .unwrap()
                .insert(format!("k{i}").as_str(), &big)
                .unwrap();
        }
        store.commit(txn).unwrap();
        let txn = store.write().unwrap();
        for i in 0..1_990 {
            tables::META
                .write(&txn)
                .unwrap()
                .remove(format!("k{i}").as_str())
                .unwrap();
        }
        store.commit(txn).unwrap();
        assert!(
            matches!(compact_file(&path), Err(StoreError::Locked(_))),
            "refused while the store is open"
        );
        drop(store);
        let c = compact_file(&path).unwrap();
        assert!(
            c.bytes_after * 4 < c.bytes_before,
            "{} → {}",
            c.bytes_before,
            c.bytes_after
        );
        let store = Store::open(&path).unwrap();
        let txn = store.read().unwrap();
        let kept = tables::META.read(&txn).unwrap();
        assert_eq!(kept.get("k1995").unwrap(), Some(big));
        assert!(kept.get("k5").unwrap().is_none());
        assert!(store.check_integrity().unwrap().problems.is_empty());
    }
}
