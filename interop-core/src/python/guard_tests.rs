use super::*;

fn guard() -> Guard {
    Guard {
        handle: 0x1000 as *mut c_void,
        state: AtomicUsize::new(0),
    }
}

/// The same sequences in both modes (the GIL-mode operations are called from one thread here, as
/// the GIL makes them).
fn both(check: impl Fn(&dyn Ops)) {
    check(&Atomic);
    check(&Gil);
}

trait Ops {
    fn enter(&self, g: &Guard) -> Entry;
    fn take(&self, g: &Guard) -> Entry;
    fn leave(&self, g: &Guard) -> bool;
    fn close(&self, g: &Guard, consumed: bool) -> bool;
}

struct Atomic;
struct Gil;

impl Ops for Atomic {
    fn enter(&self, g: &Guard) -> Entry {
        g.enter()
    }
    fn take(&self, g: &Guard) -> Entry {
        g.take()
    }
    fn leave(&self, g: &Guard) -> bool {
        g.leave()
    }
    fn close(&self, g: &Guard, consumed: bool) -> bool {
        g.close(consumed)
    }
}

impl Ops for Gil {
    // SAFETY (all four): one thread, as the GIL would serialize them.
    fn enter(&self, g: &Guard) -> Entry {
        unsafe { g.enter_gil() }
    }
    fn take(&self, g: &Guard) -> Entry {
        unsafe { g.take_gil() }
    }
    fn leave(&self, g: &Guard) -> bool {
        unsafe { g.leave_gil() }
    }
    fn close(&self, g: &Guard, consumed: bool) -> bool {
        unsafe { g.close_gil(consumed) }
    }
}

#[test]
fn close_without_calls_frees_once() {
    both(|o| {
        let g = guard();
        assert!(o.close(&g, false));
        assert!(!o.close(&g, false));
        assert!(!o.close(&g, true));
        assert_eq!(o.enter(&g), Err(CLOSED));
        assert_eq!(o.take(&g), Err(CLOSED));
    });
}

#[test]
fn the_last_call_out_frees_after_close() {
    both(|o| {
        let g = guard();
        assert_eq!(o.enter(&g), Ok(0x1000 as *mut c_void));
        assert_eq!(o.enter(&g), Ok(0x1000 as *mut c_void));
        assert!(!o.close(&g, true));
        assert_eq!(o.enter(&g), Err((CLOSED | CONSUMED) + 2 * CALL));
        assert!(!o.leave(&g));
        assert!(o.leave(&g));
        assert_eq!(g.state.load(Ordering::SeqCst), CLOSED | CONSUMED);
    });
}

#[test]
fn a_take_enters_and_consumes_once() {
    both(|o| {
        let g = guard();
        assert!(o.enter(&g).is_ok());
        assert_eq!(o.take(&g), Ok(0x1000 as *mut c_void));
        assert_eq!(o.take(&g), Err((CLOSED | CONSUMED) + 2 * CALL));
        assert!(!o.close(&g, false));
        assert!(!o.leave(&g));
        assert!(o.leave(&g), "the taker, out last, frees");
    });
}

#[test]
fn calls_without_close_never_free() {
    both(|o| {
        let g = guard();
        for _ in 0..3 {
            assert!(o.enter(&g).is_ok());
            assert!(!o.leave(&g));
        }
        assert!(o.close(&g, false));
    });
}

#[test]
fn eight_threads_free_exactly_once() {
    use std::sync::Arc;
    use std::sync::atomic::AtomicU32;
    for _ in 0..50 {
        let g = Arc::new(guard());
        let frees = Arc::new(AtomicU32::new(0));
        let taken = Arc::new(AtomicU32::new(0));
        let threads: Vec<_> = (0..8)
            .map(|i| {
                let (g, frees, taken) = (g.clone(), frees.clone(), taken.clone());
                std::thread::spawn(move || {
                    for _ in 0..200 {
                        if g.enter().is_ok() && g.leave() {
                            frees.fetch_add(1, Ordering::SeqCst);
                        }
                    }
                    if i % 3 == 0 && g.take().is_ok() {
                        taken.fetch_add(1, Ordering::SeqCst);
                        if g.leave() {
                            frees.fetch_add(1, Ordering::SeqCst);
                        }
                    }
                    if i == 5 && g.close(false) {
                        frees.fetch_add(1, Ordering::SeqCst);
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        assert_eq!(frees.load(Ordering::SeqCst), 1);
        assert!(taken.load(Ordering::SeqCst) <= 1);
    }
}

#[test]
fn gil_serialized_threads_free_exactly_once() {
    // A mutex stands for the GIL: every GIL-mode operation runs holding it.
    use std::sync::{Arc, Mutex};
    for _ in 0..20 {
        let g = Arc::new(guard());
        let gil = Arc::new(Mutex::new(0u32));
        let threads: Vec<_> = (0..8)
            .map(|i| {
                let (g, gil) = (g.clone(), gil.clone());
                std::thread::spawn(move || {
                    for _ in 0..200 {
                        let entered = {
                            let _held = gil.lock().unwrap();
                            // SAFETY: serialized by `gil`.
                            unsafe { g.enter_gil() }.is_ok()
                        };
                        // The call runs here with the "GIL" released.
                        if entered {
                            let mut frees = gil.lock().unwrap();
                            // SAFETY: serialized by `gil`.
                            if unsafe { g.leave_gil() } {
                                *frees += 1;
                            }
                        }
                    }
                    let mut frees = gil.lock().unwrap();
                    // SAFETY: serialized by `gil`.
                    if i == 2 && unsafe { g.close_gil(false) } {
                        *frees += 1;
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        assert_eq!(*gil.lock().unwrap(), 1);
    }
}

#[test]
fn a_mode_is_claimed_once() {
    // The process-wide mode: whichever is claimed first stays (this test binary never claims
    // otherwise).
    let first = claim(Mode::Gil);
    assert!(first.is_ok() || mode() == Mode::Atomic);
    let now = mode();
    let other = if now == Mode::Gil {
        Mode::Atomic
    } else {
        Mode::Gil
    };
    assert_eq!(claim(other), Err(now));
    assert_eq!(claim(now), Ok(()));
    assert_eq!(interop_guard_mode(0), now as u8);
    assert_eq!(interop_guard_mode(other as u8), now as u8);
}
