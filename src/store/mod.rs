//! Persistence on redb. redb types stay inside this module: callers get
//! typed records and `StoreError`. Each public function is one transaction;
//! `_in` helpers take an open transaction so use cases can compose them.

mod audit;
mod auth;
mod backup;
mod booking_list;
mod bookings;
mod calendars;
mod check;
mod compact;
mod connections;
mod externals;
mod feeds;
mod invitations;
mod jobs;
mod members;
mod migrate;
mod notifications;
mod org;
mod outbox;
mod pages;
mod revisions;
mod schedules;
mod table;
mod tables;
mod txn;
mod webhooks;

use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use audit::{AuditEntry, AuditPage, AuditSearch, append_in as append_audit_in, audit_in};
pub use auth::{
    ApiKeyRecord, Credential, SessionRecord, api_key_by_id_in, delete_api_key_in, put_api_key_in,
    put_session_in, replace_password_in, revoke_all_in, set_password_in,
};
pub use booking_list::{list_in as list_booking_in, listed_in, unlist_in as unlist_booking_in};
pub use bookings::{
    BookingReader, booking_by_token_in, booking_ids_starting_in, booking_in, booking_reader,
    host_slot, index_booking_in, put_booking_in, put_booking_token_in, unindex_booking_in,
};
pub use calendars::{Calendars, HostBookings, Imported, calendars, host_bookings};
pub use check::{DbCheck, TableCount};
pub use compact::{Compacted, compact_file};
pub use connections::{
    all_connections_in, busy_in, connection_in, connections_of_in, put_busy_in, put_connection_in,
    put_sync_status_in, put_written_in, remove_connection_in, remove_written_in,
    remove_written_of_in, write_target_in, written_in,
};
pub use externals::{
    connect_token_in, external_in, externals_in, host_in, put_connect_token_in, put_external_in,
    remove_external_in, revoke_connect_tokens_in,
};
pub use feeds::{
    FeedRecord, all_feeds_in, feed_in, feed_of_in, feed_used_in, put_feed_in, remove_feed_in,
};
pub use invitations::{
    EmailChange, PasswordReset, add_usage_in, catalog_in, invitation_in, invitation_of_in,
    password_reset_in, put_catalog_in, put_email_change_in, put_invitation_in,
    put_password_reset_in, remove_catalog_in, revoke_email_changes_in, revoke_invitations_in,
    revoke_password_resets_in, take_email_change_in,
};
pub use jobs::JobRun;
pub use members::{
    has_owner_in, member_by_email_in, member_in, members_where_in, put_member_in, remove_member_in,
};
pub use migrate::{CURRENT_VERSION, Migration};
pub use notifications::{add_notification_in, preferences_in};
pub use org::{organization_in, put_org_in};
pub use outbox::{Outcome, enqueue_in};
pub use pages::{
    claim_slug_in, page_id_by_slug_in, page_in, pages_in, put_page_in, release_slug_in,
    remove_page_in,
};
pub use revisions::{Dep, Moved, Revisions, Stamp};
pub use schedules::{
    put_schedule_in, put_unavailability_in, remove_unavailability_in, schedule_in,
    unavailability_of_in,
};

pub use txn::{Read, ReadTxn, Txn};
pub use webhooks::{delete_webhook_in, put_webhook_in, webhooks_in};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Db(#[from] redb::Error),
    #[error("corrupt record in table {table}: {message}")]
    Corrupt {
        table: &'static str,
        message: String,
    },
    #[error(
        "the database {path} was written by a newer Convene (schema version {found}; this binary supports up to {supported}). Upgrade convene, or restore a backup made by this version"
    )]
    NewerSchema {
        path: PathBuf,
        found: u64,
        supported: u64,
    },
    #[error("the database {0} is open in another process (is the server running?)")]
    Locked(PathBuf),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("backup: {0}")]
    Backup(String),
    #[error("migration: {0}")]
    Migration(String),
    #[error("the address {0} already belongs to a member")]
    EmailTaken(String),
}

macro_rules! redb_errors {
    ($($t:ty),*) => {$(
        impl From<$t> for StoreError {
            fn from(e: $t) -> Self {
                StoreError::Db(e.into())
            }
        }
    )*};
}
redb_errors!(
    redb::DatabaseError,
    redb::TransactionError,
    redb::TableError,
    redb::StorageError,
    redb::CommitError
);

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// The database handle; cheap to clone.
#[derive(Clone)]
pub struct Store {
    db: Arc<redb::Database>,
    path: PathBuf,
    /// Wakes the outbox worker after a commit that may have queued mail.
    outbox_signal: Arc<tokio::sync::Notify>,
    /// Per host, page, organization and member list: what caches key on.
    revisions: Arc<Revisions>,
    members_cache: Arc<std::sync::Mutex<Option<(Stamp, SharedMembers)>>>,
    hosts_cache: Arc<std::sync::Mutex<Option<(Stamp, SharedMembers)>>>,
    org_cache: Arc<std::sync::Mutex<Option<(Stamp, SharedOrg)>>>,
}

/// How a commit moved the revisions it touched.
#[derive(Debug, Clone, Default)]
pub struct Committed {
    pub moved: Vec<Moved>,
}

impl Committed {
    pub fn moved(&self, dep: &Dep) -> Option<&Moved> {
        self.moved.iter().find(|m| &m.dep == dep)
    }
}

/// The database's own page cache unless configured (`storage.cache_mb`).
pub const DEFAULT_CACHE_MB: u32 = 8;

/// Every member, decoded once and shared between readers.
pub type SharedMembers = Arc<Vec<crate::domain::Member>>;
pub type SharedOrg = Arc<Option<crate::domain::Organization>>;

impl Store {
    /// Opens (or creates) the database and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        Self::open_sized(path, DEFAULT_CACHE_MB)
    }

    /// As `open`, with the database's page cache limited to `cache_mb`
    /// MiB (the file stays in the system's page cache beyond it).
    pub fn open_sized(path: &Path, cache_mb: u32) -> Result<Store> {
        Self::open_with(path, migrate::MIGRATIONS, CURRENT_VERSION, cache_mb)
    }

    pub(crate) fn open_with(
        path: &Path,
        migrations: &[Migration],
        target: u64,
        cache_mb: u32,
    ) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
            && !dir.exists()
        {
            // Private: the database, backups and the control socket live here.
            use std::os::unix::fs::DirBuilderExt;
            std::fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(dir)?;
        }
        let db = redb::Builder::new()
            .set_cache_size((cache_mb.max(1) as usize) << 20)
            .create(path)
            .map_err(|e| match e {
                redb::DatabaseError::DatabaseAlreadyOpen => StoreError::Locked(path.to_path_buf()),
                other => other.into(),
            })?;
        let store = Store {
            db: Arc::new(db),
            path: path.to_path_buf(),
            outbox_signal: Arc::new(tokio::sync::Notify::new()),
            revisions: Arc::new(Revisions::default()),
            members_cache: Arc::new(std::sync::Mutex::new(None)),
            hosts_cache: Arc::new(std::sync::Mutex::new(None)),
            org_cache: Arc::new(std::sync::Mutex::new(None)),
        };
        migrate::run(&store, migrations, target)?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Closes the database once this is its last handle, waiting up to
    /// `patience` for the threads that hold the others to end. Closed so,
    /// the file opens without repair, read-only too. False: another
    /// handle outlived the wait, and the next open repairs the file.
    pub fn close(self, patience: std::time::Duration) -> bool {
        let deadline = std::time::Instant::now() + patience;
        while Arc::strong_count(&self.db) > 1 {
            if std::time::Instant::now() >= deadline {
                return false;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        true
    }

    /// A durable write transaction: committed data survives a crash.
    pub fn write(&self) -> Result<Txn> {
        let mut inner = self.db.begin_write()?;
        // Quick repair keeps reopening after a crash fast on a large file.
        inner.set_quick_repair(true);
        Ok(self.txn(inner))
    }

    /// A write whose loss in a crash is harmless (e.g. a session's last-seen
    /// time); it becomes durable with the next durable commit.
    pub fn write_lazy(&self) -> Result<Txn> {
        let mut inner = self.db.begin_write()?;
        // Refused only in multi-process modes, which this store never uses.
        let _ = inner.set_durability(redb::Durability::None);
        Ok(self.txn(inner))
    }

    fn txn(&self, inner: redb::WriteTransaction) -> Txn {
        Txn {
            inner,
            touched: Default::default(),
            revisions: Arc::clone(&self.revisions),
        }
    }

    /// Commits a use case's transaction and wakes the outbox worker, so
    /// mail queued in it leaves at once. The revisions its writes touched
    /// move; nothing else does.
    pub fn commit(&self, txn: Txn) -> Result<()> {
        self.commit_counted(txn).map(|_| ())
    }

    /// As `commit`, telling how each touched revision moved around it.
    pub fn commit_counted(&self, txn: Txn) -> Result<Committed> {
        let touched = txn.touched.take();
        let begun = self.revisions.begin(&touched);
        // The one place a write becomes durable (clippy.toml bans the
        // call everywhere else).
        #[allow(clippy::disallowed_methods)]
        let done = txn.inner.commit();
        let moved = self.revisions.end(begun);
        done?;
        self.outbox_signal.notify_one();
        Ok(Committed { moved })
    }

    /// What caches compare their entries with.
    pub fn revisions(&self) -> &Revisions {
        &self.revisions
    }

    /// Every member in directory order (`Member::directory_key`), shared,
    /// decoded and sorted once per change of the member list: list pages
    /// of a large organization then cost a filter, not 10,000 decodes and
    /// a sort.
    pub fn members_shared(&self) -> Result<Arc<Vec<crate::domain::Member>>> {
        let stamp = self.revisions.stamp([Dep::Members]);
        if let Ok(cache) = self.members_cache.lock()
            && let Some((at, members)) = cache.as_ref()
            && at.current(&self.revisions)
        {
            return Ok(Arc::clone(members));
        }
        let mut members = self.members()?;
        members.sort_by_cached_key(crate::domain::Member::directory_key);
        let members = Arc::new(members);
        if stamp.settled()
            && stamp.unchanged(&self.revisions)
            && let Ok(mut cache) = self.members_cache.lock()
        {
            *cache = Some((stamp, Arc::clone(&members)));
        }
        Ok(members)
    }

    /// The organization, decoded once per change of its settings: every
    /// guest request reads its default language.
    pub fn organization_shared(&self) -> Result<SharedOrg> {
        let stamp = self.revisions.stamp([Dep::Org]);
        if let Ok(cache) = self.org_cache.lock()
            && let Some((at, org)) = cache.as_ref()
            && at.current(&self.revisions)
        {
            return Ok(Arc::clone(org));
        }
        let org = Arc::new(self.organization()?);
        if stamp.settled()
            && stamp.unchanged(&self.revisions)
            && let Ok(mut cache) = self.org_cache.lock()
        {
            *cache = Some((stamp, Arc::clone(&org)));
        }
        Ok(org)
    }

    /// What the outbox worker waits on between polls.
    pub fn outbox_signal(&self) -> Arc<tokio::sync::Notify> {
        Arc::clone(&self.outbox_signal)
    }

    pub fn read(&self) -> Result<ReadTxn> {
        use redb::ReadableDatabase;
        Ok(ReadTxn {
            inner: self.db.begin_read()?,
        })
    }

    /// Bytes the database file takes on disk.
    pub fn file_size(&self) -> u64 {
        std::fs::metadata(&self.path).map(|m| m.len()).unwrap_or(0)
    }

    /// Cheap liveness check for /healthz: a read transaction and one lookup.
    pub fn check(&self) -> Result<u64> {
        let txn = self.read()?;
        migrate::version_in(&txn)
    }

    /// Writes a consistent copy of the whole database to `out`, while the
    /// server keeps serving.
    pub fn backup_to(&self, out: &Path) -> Result<backup::BackupReport> {
        backup::copy(&self.read()?.inner, out)
    }

    /// Backs up a database no server holds, opened read-only so that not
    /// even a migration touches it.
    pub fn backup_file(db: &Path, out: &Path) -> Result<backup::BackupReport> {
        backup::copy(&Stopped::open(db)?.begin_read()?, out)
    }
}

/// The file of a stopped server, for reading.
pub(crate) enum Stopped {
    ReadOnly(redb::ReadOnlyDatabase),
    /// A crash left it unclosed, and redb's repair needs a writable
    /// handle: repaired first (no migration runs), as the next start
    /// would.
    Repaired(redb::Database),
}

impl Stopped {
    pub(crate) fn open(path: &Path) -> Result<Stopped> {
        let locked = |e| match e {
            redb::DatabaseError::DatabaseAlreadyOpen => StoreError::Locked(path.to_path_buf()),
            other => other.into(),
        };
        match redb::ReadOnlyDatabase::open(path) {
            Ok(db) => Ok(Stopped::ReadOnly(db)),
            Err(redb::DatabaseError::RepairAborted) => Ok(Stopped::Repaired(
                redb::Database::open(path).map_err(locked)?,
            )),
            Err(other) => Err(locked(other)),
        }
    }

    pub(crate) fn begin_read(&self) -> Result<redb::ReadTransaction> {
        use redb::ReadableDatabase;
        Ok(match self {
            Stopped::ReadOnly(db) => db.begin_read()?,
            Stopped::Repaired(db) => db.begin_read()?,
        })
    }
}

pub use backup::BackupReport;
