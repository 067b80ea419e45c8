//! What the health check and the metrics read of the database.

use crate::store::{Store, StoreError};

/// The schema version, read in a transaction: the database answers.
pub fn schema_version(store: &Store) -> Result<u64, StoreError> {
    store.check()
}

/// Bytes the database file takes on disk (a file-system look, no
/// transaction).
pub fn database_bytes(store: &Store) -> u64 {
    store.file_size()
}
