//! Typed tables: a redb table of raw bytes plus a serde codec, so every
//! read and write goes through one encode/decode with a clear error.

use std::borrow::Borrow;
use std::marker::PhantomData;

use redb::{Key, ReadableTable, ReadableTableMetadata, TableDefinition};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::txn::{ReadTxn, Txn};
use super::{Result, StoreError};

pub type Bytes = &'static [u8];

/// A table with keys of type `K` and values of type `V`, stored as JSON so
/// fields can be added with `#[serde(default)]` without a migration.
pub struct TypedTable<K: Key + 'static, V> {
    name: &'static str,
    _types: PhantomData<fn() -> (K, V)>,
}

impl<K: Key + 'static, V: Serialize + DeserializeOwned> TypedTable<K, V> {
    pub const fn new(name: &'static str) -> Self {
        TypedTable {
            name,
            _types: PhantomData,
        }
    }

    pub fn name(&self) -> &'static str {
        self.name
    }

    pub fn definition(&self) -> TableDefinition<'static, K, Bytes> {
        TableDefinition::new(self.name)
    }

    pub fn read(&self, txn: &ReadTxn) -> Result<Typed<redb::ReadOnlyTable<K, Bytes>, K, V>> {
        Ok(self.wrap(txn.inner.open_table(self.definition())?))
    }

    pub fn write<'t>(&self, txn: &'t Txn) -> Result<Typed<redb::Table<'t, K, Bytes>, K, V>> {
        Ok(self.wrap(txn.inner.open_table(self.definition())?))
    }

    /// The same table, opened in a raw redb transaction (migrations and
    /// backup walk tables by definition).
    pub fn wrap<T>(&self, inner: T) -> Typed<T, K, V> {
        Typed {
            inner,
            name: self.name,
            _types: PhantomData,
        }
    }
}

/// SipHash with fixed keys: stable across runs, fast on short values.
pub fn fingerprint(bytes: &[u8]) -> u64 {
    use std::hash::Hasher;
    let mut h = std::hash::DefaultHasher::new();
    h.write(bytes);
    h.finish()
}

/// An open typed table, read-only or writable.
pub struct Typed<T, K, V> {
    inner: T,
    name: &'static str,
    _types: PhantomData<fn() -> (K, V)>,
}

pub fn encode<V: Serialize>(table: &'static str, value: &V) -> Result<Vec<u8>> {
    serde_json::to_vec(value).map_err(|e| StoreError::Corrupt {
        table,
        message: format!("encode: {e}"),
    })
}

pub fn decode<V: DeserializeOwned>(table: &'static str, bytes: &[u8]) -> Result<V> {
    serde_json::from_slice(bytes).map_err(|e| StoreError::Corrupt {
        table,
        message: e.to_string(),
    })
}

impl<T, K, V> Typed<T, K, V>
where
    T: ReadableTable<K, Bytes>,
    K: Key + 'static,
    V: DeserializeOwned,
{
    pub fn get<'a>(&self, key: impl Borrow<K::SelfType<'a>>) -> Result<Option<V>> {
        match self.inner.get(key)? {
            Some(guard) => decode(self.name, guard.value()).map(Some),
            None => Ok(None),
        }
    }

    /// The value with a 64-bit fingerprint of its stored bytes: the same
    /// bytes give the same fingerprint in every process, so a copy made
    /// from the value can be checked against the store without decoding.
    pub fn get_fingerprinted<'a>(
        &self,
        key: impl Borrow<K::SelfType<'a>>,
    ) -> Result<Option<(u64, V)>> {
        self.get_fingerprinted_as(key)
    }

    /// The same, decoding only what `W` names of the value (a view with
    /// fewer fields decodes faster and allocates less).
    pub fn get_fingerprinted_as<'a, W: DeserializeOwned>(
        &self,
        key: impl Borrow<K::SelfType<'a>>,
    ) -> Result<Option<(u64, W)>> {
        match self.inner.get(key)? {
            Some(guard) => {
                let bytes = guard.value();
                let value = decode(self.name, bytes)?;
                Ok(Some((fingerprint(bytes), value)))
            }
            None => Ok(None),
        }
    }

    /// Only the fingerprint of the stored value.
    pub fn fingerprint<'a>(&self, key: impl Borrow<K::SelfType<'a>>) -> Result<Option<u64>> {
        Ok(self.inner.get(key)?.map(|guard| fingerprint(guard.value())))
    }

    pub fn contains<'a>(&self, key: impl Borrow<K::SelfType<'a>>) -> Result<bool> {
        Ok(self.inner.get(key)?.is_some())
    }

    /// Every value, in key order.
    pub fn values(&self) -> Result<Vec<V>> {
        let mut out = Vec::new();
        for entry in self.inner.iter()? {
            let (_, v) = entry?;
            out.push(decode(self.name, v.value())?);
        }
        Ok(out)
    }

    /// Calls `f` for each entry of `range`, in key order or reversed, until
    /// it returns false.
    pub fn scan_range<'a, KR>(
        &self,
        range: impl std::ops::RangeBounds<KR> + 'a,
        reverse: bool,
        mut f: impl FnMut(K::SelfType<'_>, V) -> bool,
    ) -> Result<()>
    where
        KR: Borrow<K::SelfType<'a>> + 'a,
    {
        let iter = self.inner.range(range)?;
        let mut visit = |entry: std::result::Result<
            (redb::AccessGuard<'_, K>, redb::AccessGuard<'_, Bytes>),
            redb::StorageError,
        >|
         -> Result<bool> {
            let (k, v) = entry?;
            Ok(f(k.value(), decode(self.name, v.value())?))
        };
        if reverse {
            for entry in iter.rev() {
                if !visit(entry)? {
                    break;
                }
            }
        } else {
            for entry in iter {
                if !visit(entry)? {
                    break;
                }
            }
        }
        Ok(())
    }

    /// Calls `f` for each key of `range` in order, without decoding the
    /// values (counting and finding the latest are cheap that way).
    pub fn scan_keys<'a, KR>(
        &self,
        range: impl std::ops::RangeBounds<KR> + 'a,
        mut f: impl FnMut(K::SelfType<'_>) -> bool,
    ) -> Result<()>
    where
        KR: Borrow<K::SelfType<'a>> + 'a,
    {
        for entry in self.inner.range(range)? {
            let (k, _) = entry?;
            if !f(k.value()) {
                break;
            }
        }
        Ok(())
    }

    /// Calls `f` for each entry in key order until it returns false.
    pub fn scan(&self, mut f: impl FnMut(K::SelfType<'_>, V) -> bool) -> Result<()> {
        for entry in self.inner.iter()? {
            let (k, v) = entry?;
            if !f(k.value(), decode(self.name, v.value())?) {
                break;
            }
        }
        Ok(())
    }
}

impl<K, V> Typed<redb::Table<'_, K, Bytes>, K, V>
where
    K: Key + 'static,
    V: Serialize + DeserializeOwned,
{
    pub fn insert<'a>(&mut self, key: impl Borrow<K::SelfType<'a>>, value: &V) -> Result<()> {
        let bytes = encode(self.name, value)?;
        self.inner.insert(key, bytes.as_slice())?;
        Ok(())
    }

    pub fn remove<'a>(&mut self, key: impl Borrow<K::SelfType<'a>>) -> Result<Option<V>> {
        let old = self.inner.remove(key)?;
        match old {
            Some(guard) => decode(self.name, guard.value()).map(Some),
            None => Ok(None),
        }
    }

    /// Removes every entry for which `drop` returns true; returns how many.
    pub fn remove_where(&mut self, mut drop: impl FnMut(&V) -> bool) -> Result<u64> {
        let name = self.name;
        let before = self.inner.len()?;
        let mut failed = None;
        // A record that cannot be decoded is kept, and the error reported.
        self.inner.retain(|_, v| match decode::<V>(name, v) {
            Ok(value) => !drop(&value),
            Err(e) => {
                failed.get_or_insert(e);
                true
            }
        })?;
        if let Some(e) = failed {
            return Err(e);
        }
        Ok(before - self.inner.len()?)
    }
}
