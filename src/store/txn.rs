//! The store's own transactions. redb's types never leave `store/`: a
//! write transaction finishes only through `Store::commit` (or is dropped,
//! which aborts it), so no change can skip what the commit does after it
//! is durable (waking the outbox worker, moving the revisions caches key
//! on). Read helpers take `&impl Read`, so one function serves a read
//! transaction and a write transaction alike.

use std::borrow::Borrow;
use std::cell::RefCell;
use std::collections::HashSet;
use std::sync::Arc;

use redb::{AccessGuard, Key, Range, ReadableTable, ReadableTableMetadata, TableStats};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::Result;
use super::revisions::{Dep, Revisions};
use super::table::{Bytes, Typed, TypedTable};

/// A write transaction. Its only way to be saved is `Store::commit`.
pub struct Txn {
    pub(super) inner: redb::WriteTransaction,
    /// What its writes change that caches depend on; the commit moves
    /// exactly these revisions.
    pub(super) touched: RefCell<HashSet<Dep>>,
    pub(super) revisions: Arc<Revisions>,
}

impl Txn {
    pub(super) fn touch(&self, dep: Dep) {
        self.touched.borrow_mut().insert(dep);
    }

    /// A revision as it is now (the booking writer's book compares it
    /// with what it read).
    pub fn revision(&self, dep: &Dep) -> u64 {
        self.revisions.current(dep)
    }

    /// Drops every change made in it.
    pub fn abort(self) -> Result<()> {
        self.inner.abort()?;
        Ok(())
    }
}

/// A consistent read of the whole store.
pub struct ReadTxn {
    pub(super) inner: redb::ReadTransaction,
}

/// A table opened for reading, from either kind of transaction.
pub enum Opened<'t, K: Key + 'static> {
    Read(redb::ReadOnlyTable<K, Bytes>),
    Write(redb::Table<'t, K, Bytes>),
}

/// What both kinds of transaction can do: read a table.
pub trait Read {
    fn open<K: Key + 'static, V: Serialize + DeserializeOwned>(
        &self,
        table: &TypedTable<K, V>,
    ) -> Result<Typed<Opened<'_, K>, K, V>>;
}

impl Read for ReadTxn {
    fn open<K: Key + 'static, V: Serialize + DeserializeOwned>(
        &self,
        table: &TypedTable<K, V>,
    ) -> Result<Typed<Opened<'_, K>, K, V>> {
        Ok(table.wrap(Opened::Read(self.inner.open_table(table.definition())?)))
    }
}

impl Read for Txn {
    fn open<K: Key + 'static, V: Serialize + DeserializeOwned>(
        &self,
        table: &TypedTable<K, V>,
    ) -> Result<Typed<Opened<'_, K>, K, V>> {
        Ok(table.wrap(Opened::Write(self.inner.open_table(table.definition())?)))
    }
}

impl<K: Key + 'static> ReadableTableMetadata for Opened<'_, K> {
    fn stats(&self) -> redb::Result<TableStats> {
        match self {
            Opened::Read(t) => t.stats(),
            Opened::Write(t) => t.stats(),
        }
    }

    fn len(&self) -> redb::Result<u64> {
        match self {
            Opened::Read(t) => t.len(),
            Opened::Write(t) => t.len(),
        }
    }
}

impl<K: Key + 'static> ReadableTable<K, Bytes> for Opened<'_, K> {
    fn get<'a>(
        &self,
        key: impl Borrow<K::SelfType<'a>>,
    ) -> redb::Result<Option<AccessGuard<'_, Bytes>>> {
        match self {
            Opened::Read(t) => t.get(key),
            Opened::Write(t) => t.get(key),
        }
    }

    fn range<'a, KR>(
        &self,
        range: impl std::ops::RangeBounds<KR> + 'a,
    ) -> redb::Result<Range<'_, K, Bytes>>
    where
        KR: Borrow<K::SelfType<'a>> + 'a,
    {
        match self {
            Opened::Read(t) => t.range(range),
            Opened::Write(t) => t.range(range),
        }
    }

    fn first(&self) -> redb::Result<Option<(AccessGuard<'_, K>, AccessGuard<'_, Bytes>)>> {
        match self {
            Opened::Read(t) => t.first(),
            Opened::Write(t) => t.first(),
        }
    }

    fn last(&self) -> redb::Result<Option<(AccessGuard<'_, K>, AccessGuard<'_, Bytes>)>> {
        match self {
            Opened::Read(t) => t.last(),
            Opened::Write(t) => t.last(),
        }
    }
}
