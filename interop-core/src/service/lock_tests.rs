//! The service lock with std threads: readers together, writers alone, the rules of a thread that
//! holds a lock already, and `_free` waiting for the holders.

use super::{Busy, CellLock, Mode};
use core::cell::UnsafeCell;
use core::sync::atomic::{AtomicBool, AtomicUsize, Ordering::SeqCst};
use std::sync::mpsc;
use std::sync::{Arc, Barrier};
use std::thread;
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(10);

#[test]
fn readers_hold_the_lock_together() {
    let lock = Arc::new(CellLock::new());
    lock.acquire(Mode::Shared).unwrap();
    let (tx, rx) = mpsc::channel();
    let l = lock.clone();
    let t = thread::spawn(move || {
        let r = l.acquire(Mode::Shared);
        tx.send(r).unwrap();
        if r.is_ok() {
            l.release(Mode::Shared);
        }
    });
    // The second reader gets in while the first holds it (a wait would time out here).
    assert_eq!(rx.recv_timeout(WAIT).unwrap(), Ok(()));
    t.join().unwrap();
    lock.release(Mode::Shared);
    assert!(!lock.held_here());
    assert_eq!(lock.state.load(SeqCst), 0);
}

#[test]
fn a_writer_waits_for_the_holder() {
    for held_mode in [Mode::Shared, Mode::Exclusive] {
        let lock = Arc::new(CellLock::new());
        lock.acquire(held_mode).unwrap();
        let got = Arc::new(AtomicBool::new(false));
        let (l, g) = (lock.clone(), got.clone());
        let t = thread::spawn(move || {
            l.acquire(Mode::Exclusive).unwrap();
            g.store(true, SeqCst);
            l.release(Mode::Exclusive);
        });
        thread::sleep(Duration::from_millis(100));
        assert!(
            !got.load(SeqCst),
            "the writer got in beside a {held_mode:?} holder"
        );
        lock.release(held_mode);
        t.join().unwrap();
        assert!(got.load(SeqCst));
        assert_eq!(lock.state.load(SeqCst) & !super::WAITERS, 0);
    }
}

#[test]
fn a_reader_waits_for_the_writer() {
    let lock = Arc::new(CellLock::new());
    lock.acquire(Mode::Exclusive).unwrap();
    let got = Arc::new(AtomicBool::new(false));
    let (l, g) = (lock.clone(), got.clone());
    let t = thread::spawn(move || {
        l.acquire(Mode::Shared).unwrap();
        g.store(true, SeqCst);
        l.release(Mode::Shared);
    });
    thread::sleep(Duration::from_millis(100));
    assert!(!got.load(SeqCst));
    lock.release(Mode::Exclusive);
    t.join().unwrap();
    assert!(got.load(SeqCst));
}

/// Counts with a plain (non-atomic) counter under the exclusive lock, and checks under the shared
/// one that no writer is inside: 8 threads, mixed.
#[test]
fn writers_exclude_everyone_under_contention() {
    struct Shared {
        lock: CellLock,
        count: UnsafeCell<u64>,
        writers_inside: AtomicUsize,
        readers_inside: AtomicUsize,
    }
    // SAFETY: `count` is only touched under the exclusive lock.
    unsafe impl Sync for Shared {}
    const THREADS: u64 = 8;
    const ROUNDS: u64 = 2000;
    let s = Arc::new(Shared {
        lock: CellLock::new(),
        count: UnsafeCell::new(0),
        writers_inside: AtomicUsize::new(0),
        readers_inside: AtomicUsize::new(0),
    });
    let start = Arc::new(Barrier::new(THREADS as usize));
    let threads: Vec<_> = (0..THREADS)
        .map(|n| {
            let (s, start) = (s.clone(), start.clone());
            thread::spawn(move || {
                start.wait();
                for i in 0..ROUNDS {
                    if (i + n) % 3 == 0 {
                        s.lock.acquire(Mode::Shared).unwrap();
                        s.readers_inside.fetch_add(1, SeqCst);
                        assert_eq!(s.writers_inside.load(SeqCst), 0);
                        s.readers_inside.fetch_sub(1, SeqCst);
                        s.lock.release(Mode::Shared);
                    } else {
                        s.lock.acquire(Mode::Exclusive).unwrap();
                        assert_eq!(s.writers_inside.fetch_add(1, SeqCst), 0);
                        assert_eq!(s.readers_inside.load(SeqCst), 0);
                        // SAFETY: held exclusively.
                        unsafe { *s.count.get() += 1 };
                        s.writers_inside.fetch_sub(1, SeqCst);
                        s.lock.release(Mode::Exclusive);
                    }
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let writes = (0..THREADS)
        .map(|n| (0..ROUNDS).filter(|i| (i + n) % 3 != 0).count() as u64)
        .sum::<u64>();
    s.lock.wait_unheld();
    // SAFETY: every thread joined.
    assert_eq!(unsafe { *s.count.get() }, writes);
}

#[test]
fn a_lock_this_thread_holds_is_refused_unless_both_are_shared() {
    let lock = CellLock::new();
    for (first, second, want) in [
        (Mode::Exclusive, Mode::Exclusive, Err(Busy::ThisThread)),
        (Mode::Exclusive, Mode::Shared, Err(Busy::ThisThread)),
        (Mode::Shared, Mode::Exclusive, Err(Busy::ThisThread)),
        (Mode::Shared, Mode::Shared, Ok(())),
    ] {
        lock.acquire(first).unwrap();
        assert_eq!(lock.acquire(second), want, "{first:?} then {second:?}");
        if want.is_ok() {
            assert!(lock.held_here());
            lock.release(second);
        }
        assert!(lock.held_here());
        lock.release(first);
        assert!(!lock.held_here());
        assert_eq!(lock.state.load(SeqCst), 0);
    }
}

#[test]
fn a_second_lock_busy_on_another_thread_is_not_waited_for() {
    let (mine, theirs) = (CellLock::new(), Arc::new(CellLock::new()));
    let (held, done) = (Arc::new(Barrier::new(2)), Arc::new(Barrier::new(2)));
    let (l, h, d) = (theirs.clone(), held.clone(), done.clone());
    let t = thread::spawn(move || {
        l.acquire(Mode::Exclusive).unwrap();
        h.wait();
        d.wait();
        l.release(Mode::Exclusive);
    });
    held.wait();
    mine.acquire(Mode::Exclusive).unwrap();
    assert_eq!(theirs.acquire(Mode::Shared), Err(Busy::OtherThread));
    assert_eq!(theirs.acquire(Mode::Exclusive), Err(Busy::OtherThread));
    mine.release(Mode::Exclusive);
    done.wait();
    t.join().unwrap();
    // Holding nothing, the first lock is waited for and taken.
    theirs.acquire(Mode::Exclusive).unwrap();
    theirs.release(Mode::Exclusive);
}

#[test]
fn many_locks_held_at_once_are_all_recorded() {
    let locks: Vec<CellLock> = (0..20).map(|_| CellLock::new()).collect();
    for l in &locks {
        l.acquire(Mode::Exclusive).unwrap();
    }
    for l in &locks {
        assert!(l.held_here());
        assert_eq!(l.acquire(Mode::Shared), Err(Busy::ThisThread));
    }
    // Out of order: every other one, then the rest from the end.
    for l in locks.iter().step_by(2) {
        l.release(Mode::Exclusive);
        assert!(!l.held_here());
    }
    for (i, l) in locks.iter().enumerate() {
        assert_eq!(l.held_here(), i % 2 == 1);
    }
    for l in locks.iter().skip(1).step_by(2).rev() {
        l.release(Mode::Exclusive);
    }
    for l in &locks {
        assert!(!l.held_here());
        assert_eq!(l.state.load(SeqCst), 0);
    }
}

#[test]
fn free_waits_for_the_holders() {
    for mode in [Mode::Shared, Mode::Exclusive] {
        let lock = Arc::new(CellLock::new());
        let left = Arc::new(AtomicBool::new(false));
        let held = Arc::new(Barrier::new(2));
        let (l, lf, h) = (lock.clone(), left.clone(), held.clone());
        let t = thread::spawn(move || {
            l.acquire(mode).unwrap();
            h.wait();
            thread::sleep(Duration::from_millis(100));
            lf.store(true, SeqCst);
            l.release(mode);
        });
        held.wait();
        lock.wait_unheld();
        assert!(
            left.load(SeqCst),
            "free returned while a {mode:?} call was inside"
        );
        t.join().unwrap();
    }
}

/// An exclusive unlock's plain store may erase the `WAITERS` flag a waiter set after the unlock's
/// load (ADR 37): the waiter, never notified, must still get the lock (its sleep has a timeout).
/// The race is made here by hand: the flag is erased before the unlock, as the store would.
#[test]
fn a_waiter_whose_flag_was_erased_still_gets_the_lock() {
    for waiter_frees in [false, true] {
        let lock = Arc::new(CellLock::new());
        lock.acquire(Mode::Exclusive).unwrap();
        let (tx, rx) = mpsc::channel();
        let l = lock.clone();
        let t = thread::spawn(move || {
            if waiter_frees {
                l.wait_unheld();
            } else {
                l.acquire(Mode::Exclusive).unwrap();
                l.release(Mode::Exclusive);
            }
            tx.send(()).unwrap();
        });
        // Until the waiter announced itself.
        while lock.state.load(SeqCst) & super::WAITERS == 0 {
            thread::yield_now();
        }
        // The unlock's load saw no waiter; its store erases the flag and notifies nobody.
        lock.state.store(super::WRITER, SeqCst);
        lock.release(Mode::Exclusive);
        rx.recv_timeout(Duration::from_secs(2))
            .expect("the waiter never got the lock after its flag was erased");
        t.join().unwrap();
    }
}

/// Eight threads of exclusive calls with short holds: every wait ends (notified, or at its
/// timeout when the store erased its flag), and each holder is alone.
#[test]
fn eight_writers_with_plain_unlocks_all_finish() {
    const THREADS: usize = 8;
    const ROUNDS: u64 = 20_000;
    struct Shared {
        lock: CellLock,
        count: UnsafeCell<u64>,
    }
    // SAFETY: `count` is only touched under the lock.
    unsafe impl Sync for Shared {}
    let s = Arc::new(Shared {
        lock: CellLock::new(),
        count: UnsafeCell::new(0),
    });
    let threads: Vec<_> = (0..THREADS)
        .map(|_| {
            let s = s.clone();
            thread::spawn(move || {
                for _ in 0..ROUNDS {
                    s.lock.acquire(Mode::Exclusive).unwrap();
                    // SAFETY: held exclusively; a non-atomic read-modify-write loses counts if not.
                    unsafe {
                        let c = s.count.get();
                        let v = core::ptr::read_volatile(c);
                        core::ptr::write_volatile(c, v + 1);
                    }
                    s.lock.release(Mode::Exclusive);
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    s.lock.wait_unheld();
    // SAFETY: every thread joined.
    assert_eq!(unsafe { *s.count.get() }, THREADS as u64 * ROUNDS);
}

/// A service's `_dispose` (ADR 40) takes the lock untracked: it waits for the holders in either
/// mode even while this thread holds another cell (as `_free` does), a call arriving meanwhile
/// waits for it, and it leaves the lock free and this thread's record unchanged.
#[test]
fn dispose_waits_for_the_holders_whatever_this_thread_holds() {
    for mode in [Mode::Shared, Mode::Exclusive] {
        let lock = Arc::new(CellLock::new());
        let other = CellLock::new();
        let left = Arc::new(AtomicBool::new(false));
        let held = Arc::new(Barrier::new(2));
        let (l, lf, h) = (lock.clone(), left.clone(), held.clone());
        let t = thread::spawn(move || {
            l.acquire(mode).unwrap();
            h.wait();
            thread::sleep(Duration::from_millis(100));
            lf.store(true, SeqCst);
            l.release(mode);
        });
        other.acquire(Mode::Exclusive).unwrap();
        held.wait();
        lock.acquire_untracked();
        assert!(
            left.load(SeqCst),
            "dispose took the lock while a {mode:?} call was inside"
        );
        assert!(!lock.held_here(), "dispose's lock is not recorded");
        let (l, got) = (lock.clone(), Arc::new(AtomicBool::new(false)));
        let g = got.clone();
        let caller = thread::spawn(move || {
            l.acquire(Mode::Exclusive).unwrap();
            g.store(true, SeqCst);
            l.release(Mode::Exclusive);
        });
        thread::sleep(Duration::from_millis(20));
        assert!(
            !got.load(SeqCst),
            "a call got in while dispose held the lock"
        );
        lock.release_untracked();
        caller.join().unwrap();
        assert!(got.load(SeqCst));
        other.release(Mode::Exclusive);
        t.join().unwrap();
        lock.wait_unheld();
    }
}
