//! The store: a service the foreign side owns.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use interop_core::ffi;

use crate::{Alive, KvError, Snapshot, file};

/// A listener kept by a store (`on_put`'s parameter is written out in full: the bindings see the
/// closure's signature there).
type Listener = Box<dyn Fn(&str) + Send + Sync>;

/// A key-value store: byte values under string keys, kept in memory and, for a store opened from a
/// file, written back by [`KvStore::close`].
///
/// Every method may be called from any thread: reads run side by side, writes one at a time.
#[ffi(service)]
pub struct KvStore {
    path: Option<PathBuf>,
    entries: Arc<BTreeMap<String, Vec<u8>>>,
    listeners: Vec<Listener>,
    _alive: Alive,
}

#[ffi]
impl KvStore {
    /// Opens the store kept in the file at `path` (empty if the file does not exist yet; its
    /// directory must). Fails for an empty path, a missing directory or a file that is not a store.
    pub fn open(path: &str) -> Result<Self, KvError> {
        if path.is_empty() {
            return Err(KvError::EmptyPath);
        }
        let path = Path::new(path);
        let directory = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        if !directory.is_dir() {
            return Err(KvError::MissingDirectory {
                directory: directory.to_string_lossy().into_owned(),
            });
        }
        let entries = file::load(path)?;
        Ok(KvStore::make(Some(path.to_path_buf()), entries))
    }

    /// An empty store that is never written to a file.
    pub fn in_memory() -> Self {
        KvStore::make(None, BTreeMap::new())
    }

    /// The value under `key` as text; none when there is no value or it is not UTF-8 (use
    /// `get_bytes` for those).
    pub fn get(&self, key: &str) -> Option<String> {
        let value = self.entries.get(key)?;
        String::from_utf8(value.clone()).ok()
    }

    /// The value under `key`; none when there is none.
    pub fn get_bytes(&self, key: &str) -> Option<Vec<u8>> {
        self.entries.get(key).cloned()
    }

    /// Stores `value` under `key` (replacing what was there), then calls every listener with the
    /// key. Fails for an empty key.
    pub fn put(&mut self, key: &str, value: &[u8]) -> Result<(), KvError> {
        if key.is_empty() {
            return Err(KvError::EmptyKey);
        }
        Arc::make_mut(&mut self.entries).insert(key.to_string(), value.to_vec());
        for listener in &self.listeners {
            listener(key);
        }
        Ok(())
    }

    /// Removes the value under `key`; returns whether there was one.
    pub fn delete(&mut self, key: &str) -> bool {
        Arc::make_mut(&mut self.entries).remove(key).is_some()
    }

    /// Every key, in order.
    pub fn keys(&self) -> Vec<String> {
        self.entries.keys().cloned().collect()
    }

    /// How many keys the store holds.
    #[allow(clippy::len_without_is_empty)]
    pub fn len(&self) -> u64 {
        self.entries.len() as u64
    }

    /// A read-only view of the store as it is now (later changes to the store do not show in it).
    pub fn snapshot(&self) -> Snapshot {
        Snapshot::of(Arc::clone(&self.entries))
    }

    /// Copies every entry of `other` into this store (replacing values under the same keys).
    /// Listeners are not called.
    pub fn merge(&mut self, other: &KvStore) {
        let entries = Arc::make_mut(&mut self.entries);
        for (key, value) in other.entries.iter() {
            entries.insert(key.clone(), value.clone());
        }
    }

    /// Adds a listener that `put` calls with each key it stores, on the thread calling `put`,
    /// while the store is locked (the listener must not call this store). The store keeps it until
    /// it is freed.
    pub fn on_put(&mut self, listener: Box<dyn Fn(&str) + Send + Sync>) {
        self.listeners.push(listener);
    }

    /// Writes the store to its file (nothing for an in-memory store) and closes it. Changes to a
    /// store freed without `close` are not written. It is the C# class's `Close()` (which
    /// `Dispose()` and `using` call) and the Python class's `close()` (which `with` calls), ADR 34;
    /// a store never closed is only freed by its finalizer, without saving.
    pub fn close(self) -> Result<(), KvError> {
        match &self.path {
            Some(path) => file::save(path, &self.entries),
            None => Ok(()),
        }
    }
}

impl KvStore {
    fn make(path: Option<PathBuf>, entries: BTreeMap<String, Vec<u8>>) -> KvStore {
        KvStore {
            path,
            entries: Arc::new(entries),
            listeners: Vec::new(),
            _alive: Alive::new(),
        }
    }
}
