//! A small key-value store, exported to C, C# and Python by cargo-interop.
//!
//! The Rust here is ordinary Rust with `#[ffi]` attributes: [`KvStore`] is a service (an object the
//! foreign side owns through a handle, used from any thread), [`Snapshot`] a read-only copy of it,
//! [`KvError`] the error its fallible methods return, and [`live_objects`] counts the stores and
//! snapshots alive (the tests check that every binding frees what it creates).
//!
//! `cargo interop build --manifest-path examples/kvstore/Cargo.toml` generates the bindings and
//! packages configured in `Interop.toml`.

mod error;
mod file;
mod snapshot;
mod store;

use std::sync::atomic::{AtomicI64, Ordering};

use interop_core::ffi;

pub use error::KvError;
pub use snapshot::Snapshot;
pub use store::KvStore;

static LIVE: AtomicI64 = AtomicI64::new(0);

/// How many stores and snapshots are alive (created and not freed yet).
#[ffi]
pub fn live_objects() -> i64 {
    LIVE.load(Ordering::SeqCst)
}

/// Counts one live object while it exists.
struct Alive;

impl Alive {
    fn new() -> Alive {
        LIVE.fetch_add(1, Ordering::SeqCst);
        Alive
    }
}

impl Drop for Alive {
    fn drop(&mut self) {
        LIVE.fetch_sub(1, Ordering::SeqCst);
    }
}
