//! Native construction and destruction of service objects on the compiled path (ADR 51).
//!
//! A service object (an instance of the package's `_Service`, a `ctypes.Structure` whose one field
//! is the address of its [`Guard`]) made on the compiled path owns a *keeper*: a small native object
//! of the library's type `interop.guard` that holds the guard, the service's `_free` shim and two
//! links. The keeper lives in a hidden slot of the object (the `_guard` slot of `_Service`, whose
//! descriptor the init removes from the class: Python code cannot read, replace or delete it), so
//! it dies with the object: its `tp_dealloc` closes the guard and frees the handle when nobody did
//! (GIL mode, ADR 41: the GIL is held, a load and a store). No `weakref.finalize`, no Python frame,
//! no ctypes call.
//!
//! The constructor (`Tally(5)`) is the class's `__init__`, a method descriptor of the library whose
//! entry converts the arguments, calls the `new` shim and adopts the handle
//! ([`ctor`](super::ctor)); a service a function returns is made by its class's `tp_new` and
//! adopted the same way ([`new_object`]). Handles the package adopts itself (functions left on the
//! ctypes path) go through the `adopt` built-in the init hands back.
//!
//! Objects still alive at interpreter exit: the keepers are linked in a list (linked and unlinked
//! with the GIL held); the package registers the `close_all` built-in with `atexit`, which frees
//! what is left, newest first, as the finalizers did.

use core::ffi::{c_int, c_void};
use core::sync::atomic::{AtomicPtr, Ordering};
use std::sync::OnceLock;

use super::call::{builtins, raise};
use super::convert::service::Free;
use super::ffi::{self, PyObject, TypeSlot, TypeSpec, api};
use super::guard::Guard;

/// The memory of a keeper.
#[repr(C)]
pub struct Keeper {
    header: PyObject,
    guard: Guard,
    free: Free,
    /// Release the GIL around `free` (a package with `release-gil`, or a type keeping closures:
    /// its `Drop` may wait for a Rust thread that calls Python).
    release_gil: bool,
    /// The keeper made before this one that is still alive (the exit list).
    pub(super) older: *mut Keeper,
    newer: *mut Keeper,
}

/// What the init found out once: the keeper type, where the hidden slot is, and the classes.
pub struct Setup {
    keeper_type: *mut PyObject,
    /// The byte offset of the hidden slot in every service object.
    slot: isize,
    /// Each service class with its `_free` shim and whether the GIL is released around it.
    classes: Vec<(*mut PyObject, Free, bool)>,
    /// `RustPanic`, for a panic of a `Drop` nobody can be told about.
    panic: *mut PyObject,
}

// SAFETY: the objects live for the process and are only used with the GIL held.
unsafe impl Send for Setup {}
// SAFETY: as above.
unsafe impl Sync for Setup {}

static SETUP: OnceLock<Setup> = OnceLock::new();

/// The newest live keeper (the exit list; changed with the GIL held only).
static NEWEST: AtomicPtr<Keeper> = AtomicPtr::new(core::ptr::null_mut());

/// The setup, once the init made it.
pub fn setup() -> Option<&'static Setup> {
    SETUP.get()
}

impl Setup {
    /// Whether the GIL is released around the `_free` of the service class `class`.
    pub fn release_of(&self, class: *mut PyObject) -> bool {
        self.classes
            .iter()
            .any(|(c, _, release)| *c == class && *release)
    }
}

/// The newest live keeper (the head of the exit list).
pub(super) fn newest() -> *mut Keeper {
    NEWEST.load(Ordering::Relaxed)
}

/// `PyMemberDef` as CPython lays it out (only read here).
#[repr(C)]
struct RawMember {
    name: *const core::ffi::c_char,
    type_code: c_int,
    offset: isize,
}

/// `T_OBJECT_EX`: the type code of a `__slots__` member.
const T_OBJECT_EX: c_int = 16;
/// The word of a member descriptor holding its `PyMemberDef *` (after the header, `d_type`,
/// `d_name` and `d_qualname`, in every CPython from 3.3 on; checked below).
const MEMBER_WORD: usize = 5;

/// Make the keeper type, find the `_guard` slot of `base` (the package's `_Service`) and hide it.
/// `classes` is a tuple of `(class, _free symbol, release the GIL around _free)`.
///
/// # Safety
/// The GIL is held and the API installed; `base` and `classes` are live.
pub unsafe fn install(
    inv: &crate::model::Inventory,
    base: *mut PyObject,
    classes: *mut PyObject,
    panic: *mut PyObject,
) -> Result<(), String> {
    if SETUP.get().is_some() {
        return Ok(());
    }
    // SAFETY: see the function docs; every object is checked before use.
    unsafe {
        let slot = hidden_slot(base)?;
        let n = (api().PyTuple_Size)(classes);
        if n < 0 {
            (api().PyErr_Clear)();
            return Err("the spec's service classes are not a tuple".into());
        }
        let mut found = Vec::new();
        for i in 0..n {
            let item = (api().PyTuple_GetItem)(classes, i);
            let class = (api().PyTuple_GetItem)(item, 0);
            let symbol = (api().PyTuple_GetItem)(item, 1);
            let release = (api().PyTuple_GetItem)(item, 2);
            if class.is_null() || symbol.is_null() || release.is_null() {
                (api().PyErr_Clear)();
                return Err("a service class of the spec is incomplete".into());
            }
            let symbol = super::call::py_text(symbol);
            let def = inv
                .functions
                .iter()
                .find(|f| f.symbol == symbol)
                .and_then(|f| f.owner.as_deref())
                .and_then(|o| inv.type_def(o))
                .ok_or_else(|| format!("the library has no service freed by `{symbol}`"))?;
            let free = super::convert::service::free_of(inv, def).map_err(|e| e.0)?;
            found.push((ffi::new_ref(class), free, release == builtins().true_));
        }
        let keeper_type = keeper_type()?;
        let _ = SETUP.set(Setup {
            keeper_type,
            slot,
            classes: found,
            panic: ffi::new_ref(panic),
        });
        Ok(())
    }
}

/// The offset of the `_guard` slot of `base`, whose descriptor is then removed from the class.
unsafe fn hidden_slot(base: *mut PyObject) -> Result<isize, String> {
    // SAFETY: the GIL is held; the descriptor's words are read only once its type is checked, and
    // its `PyMemberDef` only once it points at a member named `_guard`.
    unsafe {
        let descr = (api().PyObject_GetAttrString)(base, c"_guard".as_ptr());
        if descr.is_null() {
            (api().PyErr_Clear)();
            return Err("the service base class has no `_guard` slot".into());
        }
        let is_member = ffi::type_name(descr) == "member_descriptor";
        let member = *(descr as *const *const RawMember).add(MEMBER_WORD);
        (api().Py_DecRef)(descr);
        if !is_member || member.is_null() {
            return Err("the service base class's `_guard` is not a slot".into());
        }
        let m = &*member;
        let size = *(base as *const isize).add(4);
        let named = !m.name.is_null() && core::ffi::CStr::from_ptr(m.name) == c"_guard";
        let word = core::mem::size_of::<usize>() as isize;
        if !named
            || m.type_code != T_OBJECT_EX
            || m.offset < core::mem::size_of::<PyObject>() as isize
            || m.offset > size - word
            || m.offset % word != 0
        {
            return Err("member descriptors of this interpreter have an unexpected layout".into());
        }
        let name = (api().PyUnicode_InternFromString)(c"_guard".as_ptr());
        if name.is_null() || (api().PyObject_SetAttr)(base, name, core::ptr::null_mut()) != 0 {
            (api().PyErr_Clear)();
            return Err("could not hide the `_guard` slot".into());
        }
        Ok(m.offset)
    }
}

/// The keeper type (`interop.guard`): no constructor, no attributes, a `tp_dealloc`.
unsafe fn keeper_type() -> Result<*mut PyObject, String> {
    let slots: &'static mut [TypeSlot] = Box::leak(Box::new([
        TypeSlot {
            slot: ffi::TP_DEALLOC,
            pfunc: dealloc as *mut c_void,
        },
        TypeSlot {
            slot: ffi::TP_NEW,
            pfunc: refuse_new as *mut c_void,
        },
        TypeSlot {
            slot: 0,
            pfunc: core::ptr::null_mut(),
        },
    ]));
    let spec: &'static mut TypeSpec = Box::leak(Box::new(TypeSpec {
        name: c"interop.guard".as_ptr(),
        basicsize: core::mem::size_of::<Keeper>() as c_int,
        itemsize: 0,
        flags: (ffi::TPFLAGS_HAVE_VERSION_TAG | ffi::TPFLAGS_IMMUTABLETYPE) as _,
        slots: slots.as_mut_ptr(),
    }));
    // SAFETY: a complete spec whose parts live for the process; the GIL is held.
    unsafe {
        let ty = (api().PyType_FromSpec)(spec);
        if ty.is_null() {
            (api().PyErr_Clear)();
            return Err("PyType_FromSpec(interop.guard) failed".into());
        }
        Ok(ty)
    }
}

unsafe extern "C" fn refuse_new(
    _ty: *mut PyObject,
    _args: *mut PyObject,
    _kwargs: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: CPython calls the slot with the GIL held.
    unsafe { raise(builtins().type_error, "cannot create interop guard objects") };
    core::ptr::null_mut()
}

/// Close the keeper's guard and free its handle unless that happened already (GIL mode). A panic
/// of the `Drop` has no caller: it is reported as unraisable (`RustPanic`), as the finalizers did.
pub(super) unsafe fn close(k: *mut Keeper) {
    // SAFETY: a live keeper; the GIL is held (GIL mode).
    unsafe {
        let guard = &(*k).guard;
        if guard.close_gil(false) {
            if (*k).release_gil {
                let state = super::call::release_gil();
                ((*k).free)(guard.handle);
                super::call::restore_gil(state);
            } else {
                ((*k).free)(guard.handle);
            }
            if crate::panic::pending_count() != 0
                && let Some(message) = crate::panic::take()
            {
                unraisable(&message);
            }
        }
    }
}

#[cold]
unsafe fn unraisable(message: &str) {
    // SAFETY: the GIL is held; a pending exception is kept around the report.
    unsafe {
        let Some(setup) = SETUP.get() else { return };
        let (mut t, mut v, mut tb) = (
            core::ptr::null_mut(),
            core::ptr::null_mut(),
            core::ptr::null_mut(),
        );
        (api().PyErr_Fetch)(&mut t, &mut v, &mut tb);
        raise(setup.panic, message);
        (api().PyErr_WriteUnraisable)(core::ptr::null_mut());
        (api().PyErr_Restore)(t, v, tb);
    }
}

/// `tp_dealloc` of keepers: the object that owned it died (or the keeper outlived it).
unsafe extern "C" fn dealloc(o: *mut PyObject) {
    // SAFETY: CPython calls the slot once, with the GIL held, when the count reaches zero.
    unsafe {
        let k = o.cast::<Keeper>();
        unlink(k);
        close(k);
        let ty = ffi::type_of(o);
        // A call in progress holds the object, which holds the keeper: never the case here. Were
        // it, the memory stays (the last call out frees the handle through it).
        if (*k).guard.state.load(Ordering::Relaxed) < 4 {
            (api().PyObject_Free)(o.cast());
        }
        (api().Py_DecRef)(ty);
    }
}

unsafe fn unlink(k: *mut Keeper) {
    // SAFETY: the GIL is held; the list holds live keepers only.
    unsafe {
        let (older, newer) = ((*k).older, (*k).newer);
        if !older.is_null() {
            (*older).newer = newer;
        }
        if newer.is_null() {
            NEWEST.store(older, Ordering::Relaxed);
        } else {
            (*newer).older = older;
        }
        (*k).older = core::ptr::null_mut();
        (*k).newer = core::ptr::null_mut();
    }
}

/// A new keeper owning `handle` (freed with `free`), linked in the exit list; NULL with an
/// exception set (the handle freed) on failure.
///
/// # Safety
/// The GIL is held and the setup made; `handle` is a live handle of the service `free` frees.
pub unsafe fn new_keeper(
    setup: &Setup,
    handle: *mut c_void,
    free: Free,
    release_gil: bool,
) -> *mut PyObject {
    // SAFETY: see the function docs.
    unsafe {
        let o = (api().PyType_GenericAlloc)(setup.keeper_type, 0);
        if o.is_null() {
            free(handle);
            let _ = crate::panic::take();
            return core::ptr::null_mut();
        }
        let k = o.cast::<Keeper>();
        core::ptr::addr_of_mut!((*k).guard).write(Guard {
            handle,
            state: core::sync::atomic::AtomicUsize::new(0),
        });
        core::ptr::addr_of_mut!((*k).free).write(free);
        (*k).release_gil = release_gil;
        let newest = NEWEST.load(Ordering::Relaxed);
        (*k).older = newest;
        (*k).newer = core::ptr::null_mut();
        if !newest.is_null() {
            (*newest).newer = k;
        }
        NEWEST.store(k, Ordering::Relaxed);
        o
    }
}

/// Give `obj` (a service object no constructor initialized) the keeper `keeper` (this reference is
/// taken over). An object that has a guard already keeps it: the keeper is released (freeing its
/// handle) and `RuntimeError` raised.
///
/// # Safety
/// The GIL is held; `obj` is an instance of a service class; `keeper` a new keeper.
pub unsafe fn adopt(setup: &Setup, obj: *mut PyObject, keeper: *mut PyObject) -> bool {
    // SAFETY: see the function docs; the slot offset was checked at init against the class's own
    // `PyMemberDef`, and the buffer holds the one pointer field.
    unsafe {
        let field = ffi::ctypes_buffer(obj).cast::<*const Guard>();
        let slot = obj.cast::<u8>().offset(setup.slot).cast::<*mut PyObject>();
        if !field.read().is_null() || !slot.read().is_null() {
            (api().Py_DecRef)(keeper);
            let message = format!(
                "{}.__init__ called on an initialized object",
                ffi::type_name(obj)
            );
            raise(builtins().runtime_error, &message);
            return false;
        }
        slot.write(keeper);
        field.write(&raw const (*keeper.cast::<Keeper>()).guard);
        true
    }
}

/// The `_free` of the service class of `obj`, and whether the GIL is released around it.
pub(super) unsafe fn free_for(setup: &Setup, obj: *mut PyObject) -> Option<(Free, bool)> {
    // SAFETY: the GIL is held; `obj` is live.
    unsafe {
        let ty = ffi::type_of(obj);
        setup
            .classes
            .iter()
            .find(|(c, _, _)| ty == *c || (api().PyType_IsSubtype)(ty, *c) != 0)
            .map(|(_, free, release)| (*free, *release))
    }
}

/// A new object of `class` owning `handle` (a service a function returned): the class's `tp_new`,
/// then adopted. NULL with an exception set (the handle freed) on failure.
///
/// # Safety
/// The GIL is held; `class` is a service class whose `_free` is `free`.
pub unsafe fn new_object(class: *mut PyObject, handle: *mut c_void, free: Free) -> *mut PyObject {
    // SAFETY: see the function docs.
    unsafe {
        let Some(setup) = SETUP.get() else {
            free(handle);
            raise(
                builtins().runtime_error,
                "the service runtime is not set up",
            );
            return core::ptr::null_mut();
        };
        let new = (api().PyType_GetSlot)(class, ffi::TP_NEW);
        let obj = if new.is_null() {
            core::ptr::null_mut()
        } else {
            let new: unsafe extern "C" fn(
                *mut PyObject,
                *mut PyObject,
                *mut PyObject,
            ) -> *mut PyObject = core::mem::transmute(new);
            new(class, builtins().empty_tuple, core::ptr::null_mut())
        };
        if obj.is_null() {
            free(handle);
            let _ = crate::panic::take();
            return core::ptr::null_mut();
        }
        let release = free_for(setup, obj).is_some_and(|(_, release)| release);
        let keeper = new_keeper(setup, handle, free, release);
        if keeper.is_null() || !adopt(setup, obj, keeper) {
            (api().Py_DecRef)(obj);
            return core::ptr::null_mut();
        }
        obj
    }
}
