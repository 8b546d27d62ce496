//! A read-only view of a store at one moment.

use std::collections::BTreeMap;
use std::sync::Arc;

use interop_core::ffi;

use crate::Alive;

/// The entries of a [`crate::KvStore`] when [`crate::KvStore::snapshot`] was called. Shares them
/// with the store until the store changes.
#[ffi(service)]
pub struct Snapshot {
    entries: Arc<BTreeMap<String, Vec<u8>>>,
    _alive: Alive,
}

#[ffi]
impl Snapshot {
    /// The value under `key` as text; none when there is no value or it is not UTF-8.
    pub fn get(&self, key: &str) -> Option<String> {
        let value = self.entries.get(key)?;
        String::from_utf8(value.clone()).ok()
    }

    /// The value under `key`; none when there is none.
    pub fn get_bytes(&self, key: &str) -> Option<Vec<u8>> {
        self.entries.get(key).cloned()
    }

    /// Every key, in order.
    pub fn keys(&self) -> Vec<String> {
        self.entries.keys().cloned().collect()
    }

    /// How many keys the snapshot holds.
    #[allow(clippy::len_without_is_empty)]
    pub fn len(&self) -> u64 {
        self.entries.len() as u64
    }
}

impl Snapshot {
    pub(crate) fn of(entries: Arc<BTreeMap<String, Vec<u8>>>) -> Snapshot {
        Snapshot {
            entries,
            _alive: Alive::new(),
        }
    }
}
