//! Services (`#[ffi(service)]`): Rust objects owned by the foreign side through a handle.
//!
//! A handle points to a [`ServiceCell`], never to the value itself: the cell holds the value (or
//! nothing, once a method or call took it by value) behind a reader-writer lock that the shim holds
//! for the whole call (module `lock`: one atomic word, one compare-exchange to lock and a plain
//! store to unlock an exclusive lock when nobody waits; a mutex and a condition variable only for
//! the waits). `&mut self` (and `&mut T` parameters) lock exclusively; `&self` locks shared
//! when the type is `Sync`, else exclusively (calls are serialized). The generated
//! `<type>_free` waits for the calls in progress, then drops the cell (and the value, if it is
//! still there) exactly once. The generated `<type>_dispose` (ADR 40) closes the object without
//! freeing the cell: it waits for the calls in progress, drops the value, and leaves the cell
//! empty and *closed* until `_free`. See docs/adr/0016-services.md and
//! docs/adr/0040-csharp-services-without-a-guard-word.md.
//!
//! Lock rules (each an error through the error channel, never a deadlock or undefined behaviour):
//! - the first object a call locks is waited for;
//! - an object locked while this thread already holds another one (two service arguments in one
//!   call, or a call made from inside a callback of a service method) is not waited for: if it is
//!   busy the call fails with "in use by another thread";
//! - an object this thread already holds (the same object twice in one call, or a re-entrant call
//!   on it) fails with "already in use by this thread", except two shared locks of a `Sync` type.

use core::cell::UnsafeCell;
use core::marker::PhantomData;

mod lock;

use lock::held::Record;
use lock::{Busy, CellLock, Mode};

use crate::abi::{Holder, Invalid, LiftError};
use crate::model::{PointerKind, TypeRef};
use crate::registry::Registry;

/// Implemented by `#[ffi(service)]` for its type. Not a public API.
///
/// # Safety
/// `sync()` returns true only when `Self: Sync`.
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an #[ffi(service)] type",
    label = "not a service",
    note = "add #[ffi(service)] to the struct's definition"
)]
pub unsafe trait Service: Send + Sized + 'static {
    /// The name in the bindings.
    const NAME: &'static str;
    /// Whether `&self` methods may run at the same time on several threads (`Self: Sync`).
    fn sync() -> bool;
    /// Registers the type; returns `Named`.
    fn describe(reg: &mut Registry) -> TypeRef;
}

/// What a handle points to. Its layout is the library's own (the bindings only hold the pointer).
pub struct ServiceCell<T> {
    lock: CellLock,
    sync: bool,
    value: UnsafeCell<Option<T>>,
    /// Set (under the lock, exclusively) by `_dispose` when it took the value: an empty cell
    /// reports "closed" rather than "consumed".
    closed: UnsafeCell<bool>,
}

// SAFETY: the value is only reached under the cell's lock: exclusively, or shared only when
// `sync` (which the macro sets only for `T: Sync`); `T: Send` lets any thread use or drop it.
unsafe impl<T: Send> Sync for ServiceCell<T> {}
// SAFETY: as above.
unsafe impl<T: Send> Send for ServiceCell<T> {}

impl<T: Service> ServiceCell<T> {
    /// A new handle owning `value` (what a constructor returns).
    pub fn into_handle(value: T) -> *mut ServiceCell<T> {
        Box::into_raw(Box::new(ServiceCell {
            lock: CellLock::new(),
            sync: T::sync(),
            value: UnsafeCell::new(Some(value)),
            closed: UnsafeCell::new(false),
        }))
    }
}

impl<T> ServiceCell<T> {
    /// Locks the cell in `mode` (exclusively when `T` is not `Sync`); returns the mode taken.
    #[inline]
    fn acquire(&self, record: Record, mode: Mode, ty: &'static str) -> Result<Mode, LiftError> {
        let mode = if self.sync { mode } else { Mode::Exclusive };
        match self.lock.acquire_in(record, mode) {
            Ok(()) => Ok(mode),
            Err(busy) => Err(LiftError::new(Invalid::InUse {
                ty,
                this_thread: busy == Busy::ThisThread,
            })),
        }
    }
}

/// A locked cell whose value is present: released when the shim returns.
pub struct Locked<'a, T, A> {
    cell: &'a ServiceCell<T>,
    mode: Mode,
    /// The record of the thread that locked (not `Send`: released on the same thread).
    record: Record,
    _arg: PhantomData<A>,
}

impl<T, A> Drop for Locked<'_, T, A> {
    #[inline(always)]
    fn drop(&mut self) {
        self.cell.lock.release_in(self.record, self.mode);
    }
}

/// Locks the cell behind `handle` (`mode` as the argument asks) and checks that it still holds a
/// value.
///
/// # Safety
/// `handle` is NULL or a handle from [`ServiceCell::into_handle`] not freed yet.
#[inline]
unsafe fn lock<'a, T: Service, A>(
    handle: *mut ServiceCell<T>,
    mode: Mode,
) -> Result<Locked<'a, T, A>, LiftError> {
    if handle.is_null() {
        return Err(LiftError::null());
    }
    // SAFETY: the caller's promise.
    let cell = unsafe { &*handle };
    let record = Record::current();
    let mode = cell.acquire(record, mode, T::NAME)?;
    let locked = Locked {
        cell,
        mode,
        record,
        _arg: PhantomData,
    };
    // SAFETY: locked.
    if unsafe { (*cell.value.get()).is_none() } {
        return Err(cell.empty());
    }
    Ok(locked)
}

/// Lifts `&T`: a shared lock (exclusive when `T` is not `Sync`) held until the shim returns.
///
/// # Safety
/// As for [`lock`].
#[inline]
pub unsafe fn lift_ref<'a, T: Service>(
    handle: *mut ServiceCell<T>,
) -> Result<Locked<'a, T, &'a T>, LiftError> {
    // SAFETY: forwarded.
    unsafe { lock(handle, Mode::Shared) }
}

/// Lifts `&mut T`: an exclusive lock held until the shim returns.
///
/// # Safety
/// As for [`lock`].
#[inline]
pub unsafe fn lift_mut<'a, T: Service>(
    handle: *mut ServiceCell<T>,
) -> Result<Locked<'a, T, &'a mut T>, LiftError> {
    // SAFETY: forwarded.
    unsafe { lock(handle, Mode::Exclusive) }
}

/// Lifts `T` by value: takes the value out of the cell (which stays, empty, until it is freed).
///
/// # Safety
/// As for [`lock`].
#[inline]
pub unsafe fn lift_value<T: Service>(
    handle: *mut ServiceCell<T>,
) -> Result<core::mem::ManuallyDrop<T>, LiftError> {
    // SAFETY: forwarded.
    let locked: Locked<'_, T, T> = unsafe { lock(handle, Mode::Exclusive) }?;
    // SAFETY: locked exclusively, and the value is there (checked by `lock`).
    let value = unsafe { (*locked.cell.value.get()).take() };
    drop(locked);
    value
        .map(core::mem::ManuallyDrop::new)
        .ok_or_else(|| LiftError::new(Invalid::Spent { ty: T::NAME }))
}

impl<T: Service> ServiceCell<T> {
    /// Why the (locked) cell is empty: closed by `_dispose`, or consumed.
    #[cold]
    fn empty(&self) -> LiftError {
        // SAFETY: the caller holds the lock; `closed` is only written under it, exclusively.
        if unsafe { *self.closed.get() } {
            LiftError::new(Invalid::Closed { ty: T::NAME })
        } else {
            LiftError::new(Invalid::Spent { ty: T::NAME })
        }
    }
}

impl<'a, T> Holder for Locked<'a, T, &'a T> {
    type Arg = &'a T;
    #[inline(always)]
    unsafe fn take(&mut self) -> &'a T {
        // SAFETY: locked (shared only for `Sync` types) with a value present, until `self` drops,
        // which the shim keeps until the call returned.
        unsafe { (*self.cell.value.get()).as_ref().unwrap_unchecked() }
    }
}

impl<'a, T> Holder for Locked<'a, T, &'a mut T> {
    type Arg = &'a mut T;
    #[inline(always)]
    unsafe fn take(&mut self) -> &'a mut T {
        // SAFETY: locked exclusively with a value present, until `self` drops; taken once.
        unsafe { (*self.cell.value.get()).as_mut().unwrap_unchecked() }
    }
}

/// Frees a handle: waits for the calls in progress on other threads, then drops the cell and the
/// value it still holds. Freeing a handle from inside a call that uses it panics (reported through
/// the error channel) and frees nothing.
///
/// A [`Freed`] is only made by the destructor shim from the foreign caller's handle, which the
/// caller promises comes from [`ServiceCell::into_handle`], is freed once, and is not used by a
/// call that starts after this one.
pub fn free<T: Service>(handle: Freed<T>) {
    let handle = handle.0;
    // SAFETY: the promise above.
    let cell = unsafe { &*handle };
    if cell.lock.held_here() {
        panic!(
            "`{}` freed from inside a call that uses it; free it after the call returned",
            T::NAME
        );
    }
    cell.lock.wait_unheld();
    // SAFETY: made by `into_handle`, no lock held, freed once.
    drop(unsafe { Box::from_raw(handle) });
}

/// Closes a handle without freeing it (`_dispose`, ADR 40): waits for the calls in progress on
/// other threads (whatever this thread holds, as `_free`), takes the value out and marks the cell
/// closed under the exclusive lock, then drops the value once the lock is released (its `Drop`
/// runs no user code under the lock; a panic in it is reported by the shim). A later call fails
/// with "closed" (the consumed kind); a second dispose, or one after a method consumed the value,
/// does nothing. The cell stays until `_free`.
///
/// A [`Disposed`] is only made by the dispose shim from the foreign caller's handle, which the
/// caller promises comes from [`ServiceCell::into_handle`] and is not freed yet; the lift refused a
/// handle this thread holds (a dispose from inside a call on the object).
pub fn dispose<T: Service>(handle: Disposed<T>) {
    // SAFETY: the promise above.
    let cell = unsafe { &*handle.0 };
    cell.lock.acquire_untracked();
    // SAFETY: locked exclusively.
    let value = unsafe {
        let value = (*cell.value.get()).take();
        if value.is_some() {
            *cell.closed.get() = true;
        }
        value
    };
    // The release is the last access to the cell: `_free` may run as soon as it is done.
    cell.lock.release_untracked();
    drop(value);
}

/// The argument of a service's `_dispose` (a handle the shim checked is not NULL, and that this
/// thread does not hold).
#[doc(hidden)]
pub struct Disposed<T>(*mut ServiceCell<T>);

// SAFETY: the pointer crosses as itself; `dispose` is only called by the dispose shim.
unsafe impl<T: Service> crate::Lift for Disposed<T> {
    type Abi = *mut ServiceCell<T>;
    type Held = core::mem::ManuallyDrop<Self>;
    const DESCRIBE: crate::registry::DescribeFn = describe_handle::<T, true>;
    #[inline]
    unsafe fn lift(abi: Self::Abi) -> Result<Self::Held, LiftError> {
        // SAFETY: the caller's handle (not NULL: the shim returned before), not freed yet.
        let cell = unsafe { &*abi };
        if cell.lock.held_here() {
            // Dropping the value under a call that uses it would pull it from under that call.
            return Err(LiftError::new(Invalid::InUse {
                ty: T::NAME,
                this_thread: true,
            }));
        }
        Ok(core::mem::ManuallyDrop::new(Disposed(abi)))
    }
}

/// The argument of a service's `_free` (a handle the destructor shim checked is not NULL).
#[doc(hidden)]
pub struct Freed<T>(*mut ServiceCell<T>);

// SAFETY: the pointer crosses as itself; `free` is only called by the destructor shim.
unsafe impl<T: Service> crate::Lift for Freed<T> {
    type Abi = *mut ServiceCell<T>;
    type Held = core::mem::ManuallyDrop<Self>;
    const DESCRIBE: crate::registry::DescribeFn = describe_handle::<T, true>;
    #[inline(always)]
    unsafe fn lift(abi: Self::Abi) -> Result<Self::Held, LiftError> {
        Ok(core::mem::ManuallyDrop::new(Freed(abi)))
    }
}

/// `&T` (`MUTABLE = false`) or `&mut T` to a service: a reference to the named type.
pub fn describe_handle<T: Service, const MUTABLE: bool>(reg: &mut Registry) -> TypeRef {
    TypeRef::pointer(T::describe(reg), MUTABLE, PointerKind::Reference)
}

/// Autoref specialisation (`(&Probe::<T>::new()).sync()`): true when `T: Sync`, decided at compile
/// time on the concrete type.
#[doc(hidden)]
pub struct Probe<T>(PhantomData<T>);

impl<T> Probe<T> {
    #[allow(clippy::new_without_default)]
    pub const fn new() -> Self {
        Probe(PhantomData)
    }
}

#[doc(hidden)]
pub trait ProbeSync {
    #[inline(always)]
    fn sync(&self) -> bool {
        true
    }
}
impl<T: Sync> ProbeSync for Probe<T> {}

#[doc(hidden)]
pub trait ProbeNotSync {
    #[inline(always)]
    fn sync(&self) -> bool {
        false
    }
}
impl<T> ProbeNotSync for &Probe<T> {}

/// Autoref specialisation (`(&Probe::<T>::new()).check_send()` in the expansion of a service): a
/// type that is not `Send` resolves to [`NotSendCheck`], whose bound fails with the reason and the
/// fix (beside the compiler's own "cannot be sent between threads safely").
#[doc(hidden)]
pub trait SendCheck {
    #[inline(always)]
    fn check_send(&self) {}
}
impl<T: Send> SendCheck for Probe<T> {}

#[doc(hidden)]
pub trait NotSendCheck {
    type Of;
    #[inline(always)]
    fn check_send(&self)
    where
        Self::Of: ServiceMustBeSend,
    {
    }
}
impl<T> NotSendCheck for &Probe<T> {
    type Of = T;
}

/// Implemented by no type: the error a service that is not `Send` gets.
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "`{Self}` is an #[ffi(service)] type, so it must be `Send`",
    label = "not `Send`",
    note = "the bindings may call a service's methods and free it from any thread of the foreign program",
    note = "make every field `Send` (`Arc` instead of `Rc`, `Arc<Mutex<T>>` instead of `Rc<RefCell<T>>`); \
            a type that is `Send` but not `Sync` is fine: its calls are serialized"
)]
pub trait ServiceMustBeSend {}
