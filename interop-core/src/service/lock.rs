//! The lock of a service cell: a reader-writer lock in one atomic word, with a `Mutex`/`Condvar`
//! slow path for the waits, and a per-thread record of the locks a thread holds (which tells "this
//! thread already holds it" from "another thread holds it"). See docs/adr/0016-services.md
//! (addendum "the atomic fast path").
//!
//! The word: bit 0 `WRITER` (held exclusively), bit 1 `WAITERS` (a thread may sleep on
//! `released`), bits 2.. the number of shared holders. An uncontended exclusive call costs one
//! compare-exchange to lock and a load and a plain store to unlock (ADR 37); a shared one a load
//! and a compare-exchange each way; plus one thread-local lookup. The mutex and the condition
//! variable are only touched when a thread must wait, or a release finds `WAITERS` set.
//!
//! Orderings: a successful lock is an `Acquire` read-modify-write and every unlock a `Release`
//! store or read-modify-write on the same word, so what a holder did to the value happens-before
//! what the next holder (or the `_free` that drops it) does with it. `WAITERS` is set and cleared
//! under `slow` (and erased by an exclusive unlock's store), and a waiter sleeps without letting go
//! of `slow` after setting it; all the accesses to the word are stores, loads or read-modify-writes
//! of the same atomic, so coherence alone (no `SeqCst`) gives: a release either sees `WAITERS` (the
//! slow release wakes the waiter under `slow`), or came first in the word's modification order (the
//! waiter's `fetch_or` returns the released state and it does not sleep), or is an exclusive
//! unlock whose store came after the flag but whose load came before it: the store erases the flag
//! and notifies nobody, and the waiter, which sleeps with a timeout, finds the lock free when it
//! wakes (a bounded delay in that race, never a lost wake-up).

use core::cell::{Cell, RefCell};
use core::sync::atomic::AtomicUsize;
use core::sync::atomic::Ordering::{Acquire, Relaxed, Release};
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::Duration;

/// Held exclusively.
const WRITER: usize = 1;
/// A thread may be asleep on `released` (set by a waiter under `slow`, cleared by the release that
/// wakes it).
const WAITERS: usize = 2;
/// One shared holder (the count is the word shifted right by 2).
const READER: usize = 4;
/// The bits that say somebody holds the lock.
const HELD: usize = !WAITERS;

/// A waiter's first sleep: the longest a waiter can miss a release whose plain store erased its
/// `WAITERS` flag (a race of a few instructions), doubled on each wake-up that finds the lock
/// still held, up to [`MAX_SLEEP`].
const FIRST_SLEEP: Duration = Duration::from_micros(50);
/// The longest sleep between two looks at the word while a holder keeps the lock.
const MAX_SLEEP: Duration = Duration::from_millis(2);

/// How a call locks a cell.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Mode {
    Shared,
    Exclusive,
}

impl Mode {
    /// What this mode adds to the word while it is held.
    #[inline(always)]
    fn unit(self) -> usize {
        match self {
            Mode::Shared => READER,
            Mode::Exclusive => WRITER,
        }
    }

    /// Whether a lock in this mode can be taken on state `s`.
    #[inline(always)]
    fn free(self, s: usize) -> bool {
        match self {
            Mode::Shared => s & WRITER == 0,
            Mode::Exclusive => s & HELD == 0,
        }
    }
}

/// Why [`CellLock::acquire`] failed.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Busy {
    /// This thread holds the lock already (in a mode that does not allow a second one).
    ThisThread,
    /// Another thread holds it, and this thread holds another lock, so it does not wait.
    OtherThread,
}

/// The lock. Its address is its identity in the per-thread record, so it must not move while held
/// (it lives in a boxed cell).
pub(crate) struct CellLock {
    state: AtomicUsize,
    slow: Mutex<()>,
    released: Condvar,
}

impl CellLock {
    pub(crate) const fn new() -> Self {
        CellLock {
            state: AtomicUsize::new(0),
            slow: Mutex::new(()),
            released: Condvar::new(),
        }
    }

    fn addr(&self) -> usize {
        self as *const Self as usize
    }

    /// Whether this thread holds the lock (in any mode).
    pub(crate) fn held_here(&self) -> bool {
        held::Record::current().contains(self.addr())
    }

    /// Takes the lock in `mode` (already `Exclusive` for a type that is not `Sync`), following the
    /// rules of the module `service`: the first lock a thread takes is waited for, a lock taken while
    /// it holds another is not, and a lock it holds already is refused unless both are shared.
    #[cfg(test)]
    pub(crate) fn acquire(&self, mode: Mode) -> Result<(), Busy> {
        self.acquire_in(held::Record::current(), mode)
    }

    /// [`CellLock::acquire`] with this thread's record, found once per call by the caller (a
    /// thread-local lookup is a function call in a shared library).
    #[inline(always)]
    pub(crate) fn acquire_in(&self, record: held::Record, mode: Mode) -> Result<(), Busy> {
        let holds_any = record.any();
        // Fast path: a thread that holds nothing cannot hold this one.
        if !holds_any && self.try_lock(mode) {
            record.push(self.addr());
            return Ok(());
        }
        self.acquire_slow(record, mode, holds_any)
    }

    #[cold]
    fn acquire_slow(&self, record: held::Record, mode: Mode, holds_any: bool) -> Result<(), Busy> {
        let addr = self.addr();
        if holds_any && record.contains(addr) {
            // This thread holds it, so only this thread can have set `WRITER` (and a `Relaxed` load
            // sees this thread's own writes): a second shared lock is allowed when this thread's
            // lock is shared too.
            if mode == Mode::Exclusive || self.state.load(Relaxed) & WRITER != 0 {
                return Err(Busy::ThisThread);
            }
        }
        if !self.try_lock(mode) {
            if holds_any {
                return Err(Busy::OtherThread);
            }
            self.wait_lock(mode);
        }
        record.push(addr);
        Ok(())
    }

    /// One attempt (retried only while the word changes under it and the lock stays free).
    #[inline(always)]
    fn try_lock(&self, mode: Mode) -> bool {
        let mut s = match mode {
            // The common case: nobody holds it and nobody waits.
            // `Acquire`: see what the previous holder did to the value.
            Mode::Exclusive => match self.state.compare_exchange(0, WRITER, Acquire, Relaxed) {
                Ok(_) => return true,
                Err(s) => s,
            },
            // `Relaxed`: only a guess for the compare-exchange, which reads the word again.
            Mode::Shared => self.state.load(Relaxed),
        };
        loop {
            if !mode.free(s) {
                return false;
            }
            // Unreachable (one reader per stack frame of some thread), but never wrap silently.
            let Some(next) = s.checked_add(mode.unit()) else {
                std::process::abort()
            };
            // `Acquire` on success, as above.
            match self.state.compare_exchange_weak(s, next, Acquire, Relaxed) {
                Ok(_) => return true,
                Err(now) => s = now,
            }
        }
    }

    fn slow(&self) -> MutexGuard<'_, ()> {
        // The mutex guards no data and is never held across user code.
        self.slow.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Sleeps until the lock is taken in `mode`.
    #[cold]
    fn wait_lock(&self, mode: Mode) {
        let mut guard = self.slow();
        let mut timeout = FIRST_SLEEP;
        loop {
            if self.try_lock(mode) {
                return;
            }
            // Announce this waiter, then sleep without letting go of `slow` in between (the
            // `Condvar` releases it atomically). `Relaxed`: if a release came first in the word's
            // order, `fetch_or` returns it and this thread retries; if it comes later, its
            // compare-exchange fails on `WAITERS` and it wakes this thread under `slow`.
            let s = self.state.fetch_or(WAITERS, Relaxed);
            if mode.free(s) {
                continue;
            }
            guard = self.sleep(guard, &mut timeout);
        }
    }

    /// Sleeps on `released` until a slow release notifies, or `timeout` passed (then doubled, up
    /// to [`MAX_SLEEP`]): an exclusive unlock's plain store may erase the `WAITERS` flag of a
    /// waiter that announced itself just before it, which then wakes at its timeout instead.
    #[cold]
    fn sleep<'a>(&self, guard: MutexGuard<'a, ()>, timeout: &mut Duration) -> MutexGuard<'a, ()> {
        let (guard, _) = self
            .released
            .wait_timeout(guard, *timeout)
            .unwrap_or_else(|e| e.into_inner());
        *timeout = (*timeout * 2).min(MAX_SLEEP);
        guard
    }

    /// Releases a lock this thread took in `mode`.
    #[cfg(test)]
    pub(crate) fn release(&self, mode: Mode) {
        self.release_in(held::Record::current(), mode);
    }

    /// [`CellLock::release`] with the record the lock was taken with (this thread's).
    #[inline(always)]
    pub(crate) fn release_in(&self, record: held::Record, mode: Mode) {
        record.remove(self.addr());
        match mode {
            Mode::Exclusive => self.release_exclusive(),
            Mode::Shared => self.release_shared(),
        }
    }

    /// An exclusive unlock: one load and one plain `Release` store (ADR 37), no read-modify-write.
    /// While this thread holds the lock exclusively nobody else changes the word but to set
    /// `WAITERS`, so the word is `WRITER` or `WRITER | WAITERS`. A `WAITERS` seen by the load takes
    /// the slow release (which wakes the waiters under `slow`); one set between the load and the
    /// store is erased by the store: its waiter is not notified, but it sleeps with a timeout
    /// ([`CellLock::sleep`]) and finds the lock free when it wakes. The store is this call's last
    /// access to the lock (`_free` may drop it at once).
    #[inline(always)]
    fn release_exclusive(&self) {
        // `Relaxed`: only this thread's own `WRITER`, or a waiter's flag, can be there.
        if self.state.load(Relaxed) == WRITER {
            // `Release`: what this holder did happens-before the next lock (`Acquire`), also
            // through a waiter's `fetch_or` in between (a read-modify-write continues the release
            // sequence).
            self.state.store(0, Release);
        } else {
            self.release_slow(WRITER);
        }
    }

    /// A shared unlock: a compare-exchange removing one reader (the others may come and go).
    #[inline(always)]
    fn release_shared(&self) {
        let mut s = self.state.load(Relaxed);
        loop {
            if s & WAITERS != 0 {
                return self.release_slow(READER);
            }
            // `Release`, as above. After this succeeds the lock is never touched again by this
            // call.
            match self
                .state
                .compare_exchange_weak(s, s - READER, Release, Relaxed)
            {
                Ok(_) => return,
                Err(now) => s = now,
            }
        }
    }

    /// Releases and wakes the waiters, all under `slow`: a waiter is either asleep (the
    /// notification reaches it) or has not announced itself yet (it will see the release). `_free`
    /// checks the word under `slow` too, so it cannot drop the lock before this returns.
    #[cold]
    fn release_slow(&self, unit: usize) {
        let guard = self.slow();
        self.state.fetch_sub(unit, Release);
        // The woken threads announce themselves again if they must keep waiting. `Relaxed`: a
        // read-modify-write continues the release sequence of the `fetch_sub`.
        self.state.fetch_and(!WAITERS, Relaxed);
        self.released.notify_all();
        drop(guard);
    }

    /// Takes the lock exclusively, waiting for its holders whatever this thread holds, without
    /// recording it (a service's `_dispose`: it holds the lock only to take the value out, runs
    /// no user code under it, and releases with [`CellLock::release_untracked`]). The caller
    /// checked that this thread does not hold it.
    pub(crate) fn acquire_untracked(&self) {
        if !self.try_lock(Mode::Exclusive) {
            self.wait_lock(Mode::Exclusive);
        }
    }

    /// Releases a lock taken with [`CellLock::acquire_untracked`].
    pub(crate) fn release_untracked(&self) {
        self.release_exclusive();
    }

    /// Waits until nobody holds the lock (the calls in progress on other threads returned). The
    /// caller then owns it: no call may start after `_free` did.
    pub(crate) fn wait_unheld(&self) {
        let mut guard = self.slow();
        let mut timeout = FIRST_SLEEP;
        loop {
            // `Acquire`: the last holder's `Release` happens-before the drop that follows.
            let s = self.state.fetch_or(WAITERS, Acquire);
            if s & HELD == 0 {
                return;
            }
            guard = self.sleep(guard, &mut timeout);
        }
    }
}

/// The locks this thread holds (a call's service arguments, outer calls on the stack), by address:
/// a few in a fixed array (no allocation, no destructor to register), the rest in a vector. A call
/// looks the thread's record up once ([`held::Record::current`]) and uses it to lock and to unlock:
/// in a shared library each thread-local lookup is a call of `__tls_get_addr`.
pub(crate) mod held {
    use super::{Cell, RefCell};

    const SLOTS: usize = 8;

    pub(crate) struct Held {
        len: Cell<usize>,
        slots: [Cell<usize>; SLOTS],
    }

    thread_local! {
        static HELD: Held = const {
            Held {
                len: Cell::new(0),
                slots: [const { Cell::new(0) }; SLOTS],
            }
        };
        static MORE: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
    }

    /// The record of the thread that made it. A raw pointer, so neither `Send` nor `Sync`: it
    /// never leaves its thread, and is only used during a call that thread makes (the record lives
    /// until the thread exits; it has no destructor).
    #[derive(Clone, Copy)]
    pub(crate) struct Record(*const Held);

    impl Record {
        /// This thread's record.
        #[inline(always)]
        pub(crate) fn current() -> Record {
            HELD.with(|h| Record(h as *const Held))
        }

        #[inline(always)]
        fn held(&self) -> &Held {
            // SAFETY: made on this thread (the type is not `Send`) from its thread-local, which
            // lives as long as the thread.
            unsafe { &*self.0 }
        }

        fn get(&self, i: usize) -> usize {
            if i < SLOTS {
                self.held().slots[i].get()
            } else {
                MORE.with(|m| m.borrow().get(i - SLOTS).copied().unwrap_or(0))
            }
        }

        fn set(&self, i: usize, addr: usize) {
            if i < SLOTS {
                self.held().slots[i].set(addr);
            } else {
                MORE.with(|m| {
                    if let Some(a) = m.borrow_mut().get_mut(i - SLOTS) {
                        *a = addr;
                    }
                });
            }
        }

        #[inline(always)]
        pub(super) fn any(&self) -> bool {
            self.held().len.get() != 0
        }

        pub(super) fn contains(&self, addr: usize) -> bool {
            (0..self.held().len.get()).any(|i| self.get(i) == addr)
        }

        #[inline(always)]
        pub(super) fn push(&self, addr: usize) {
            let h = self.held();
            let n = h.len.get();
            if n < SLOTS {
                h.slots[n].set(addr);
                h.len.set(n + 1);
            } else {
                self.push_more(addr);
            }
        }

        #[cold]
        fn push_more(&self, addr: usize) {
            let h = self.held();
            MORE.with(|m| m.borrow_mut().push(addr));
            h.len.set(h.len.get() + 1);
        }

        /// Removes one record of `addr` (the order of the others does not matter).
        #[inline(always)]
        pub(super) fn remove(&self, addr: usize) {
            let h = self.held();
            let n = h.len.get();
            // The common case: the lock taken last (a call's only service argument).
            if n != 0 && n <= SLOTS && h.slots[n - 1].get() == addr {
                h.len.set(n - 1);
                return;
            }
            self.remove_slow(addr);
        }

        #[cold]
        fn remove_slow(&self, addr: usize) {
            let h = self.held();
            let n = h.len.get();
            let Some(i) = (0..n).rev().find(|&i| self.get(i) == addr) else {
                return;
            };
            let last = n - 1;
            if i != last {
                self.set(i, self.get(last));
            }
            if last >= SLOTS {
                MORE.with(|m| m.borrow_mut().pop());
            }
            h.len.set(last);
        }
    }
}

#[cfg(test)]
#[path = "lock_tests.rs"]
mod tests;
