//! Every fixture build of the end-to-end tests goes to one target directory, `target/fixtures`:
//! the dependencies (interop-core, its macros, syn, …) compile once per run instead of once per
//! feature set, which is most of a cold run's build time. Builds of different feature sets
//! overwrite the same `libconformance.so` there, so one build at a time runs through [`lock`]: a
//! lock of this process (tests run on several threads) and a file lock under the target directory
//! (test binaries started at the same time), held until cargo-interop has copied the library into
//! its output directory. Tests read the library only from that output, never from the target
//! directory.

use std::fs::File;
use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

use crate::workspace_root;

/// The target directory of every fixture build (`--target-dir`).
pub fn target_dir() -> PathBuf {
    workspace_root().join("target/fixtures")
}

/// Held while one fixture build runs (see the module docs).
pub struct BuildLock {
    _file: File,
    _thread: MutexGuard<'static, ()>,
}

/// Wait until no other test (thread or process) builds a fixture, then hold the lock.
pub fn lock() -> BuildLock {
    static THREADS: Mutex<()> = Mutex::new(());
    // A test that panicked while holding the lock left no state behind that matters.
    let thread = THREADS.lock().unwrap_or_else(|e| e.into_inner());
    let dir = target_dir();
    std::fs::create_dir_all(&dir)
        .unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
    let path = dir.join(".interop-tests.lock");
    let file =
        File::create(&path).unwrap_or_else(|e| panic!("cannot open {}: {e}", path.display()));
    file.lock()
        .unwrap_or_else(|e| panic!("cannot lock {}: {e}", path.display()));
    BuildLock {
        _file: file,
        _thread: thread,
    }
}
