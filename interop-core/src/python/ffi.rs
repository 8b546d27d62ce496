//! The part of CPython's C API the compiled call path uses, resolved from the running interpreter.
//!
//! Nothing here links against libpython: the generated package looks each name of [`NAMES`] up in
//! `ctypes.pythonapi` and hands the addresses over at import (`interop_python_init`), so one
//! library serves every CPython version (and C and C# callers never touch any of it). Only
//! functions of the stable ABI that exist in CPython 3.9 and every later version are used, plus
//! three layout facts that the init checks against the running interpreter before using them: the
//! object header is two words (`ob_refcnt`, `ob_type`), a type's `tp_name` is its fourth word, and
//! a ctypes instance keeps the address of its buffer right after the header (`b_ptr`).

use core::ffi::{c_char, c_int, c_uint, c_ulong, c_void};
use std::sync::OnceLock;

/// `PyObject`: only the header is ever read (see the module docs).
#[repr(C)]
pub struct PyObject {
    pub ob_refcnt: isize,
    pub ob_type: *mut PyObject,
}

/// `vectorcallfunc`: `(callable, args, nargsf, kwnames) -> result`.
pub type VectorCall = unsafe extern "C" fn(
    *mut PyObject,
    *const *mut PyObject,
    usize,
    *mut PyObject,
) -> *mut PyObject;

/// `PY_VECTORCALL_ARGUMENTS_OFFSET`: set in `nargsf` when `args[-1]` may be overwritten.
pub const ARGUMENTS_OFFSET: usize = 1 << (usize::BITS - 1);

/// `PyType_Slot`.
#[repr(C)]
pub struct TypeSlot {
    pub slot: c_int,
    pub pfunc: *mut c_void,
}

/// `PyType_Spec`.
#[repr(C)]
pub struct TypeSpec {
    pub name: *const c_char,
    pub basicsize: c_int,
    pub itemsize: c_int,
    pub flags: c_uint,
    pub slots: *mut TypeSlot,
}

/// `PyMemberDef`.
#[repr(C)]
pub struct MemberDef {
    pub name: *const c_char,
    pub type_code: c_int,
    pub offset: isize,
    pub flags: c_int,
    pub doc: *const c_char,
}

/// `Py_buffer`.
#[repr(C)]
pub struct PyBuffer {
    pub buf: *mut c_void,
    pub obj: *mut PyObject,
    pub len: isize,
    pub itemsize: isize,
    pub readonly: c_int,
    pub ndim: c_int,
    pub format: *mut c_char,
    pub shape: *mut isize,
    pub strides: *mut isize,
    pub suboffsets: *mut isize,
    pub internal: *mut c_void,
}

// Type slots (typeslots.h, stable since 3.2).
pub const TP_CALL: c_int = 50;
pub const TP_DEALLOC: c_int = 52;
pub const TP_DESCR_GET: c_int = 54;
pub const TP_DOC: c_int = 56;
pub const TP_MEMBERS: c_int = 72;
pub const TP_NEW: c_int = 65;
pub const TP_REPR: c_int = 66;

// Type flags.
/// 3.10+: the type's attributes cannot be set (ignored by 3.9, where the bit is unused). CPython
/// 3.11+ specializes `obj.m` (`LOAD_METHOD`/`LOAD_ATTR`) only for descriptors of immutable types.
pub const TPFLAGS_IMMUTABLETYPE: c_ulong = 1 << 8;
pub const TPFLAGS_HEAPTYPE: c_ulong = 1 << 9;
pub const TPFLAGS_HAVE_VECTORCALL: c_ulong = 1 << 11;
pub const TPFLAGS_METHOD_DESCRIPTOR: c_ulong = 1 << 17;
/// Part of `Py_TPFLAGS_DEFAULT` up to 3.11, kept (and ignored) since.
pub const TPFLAGS_HAVE_VERSION_TAG: c_ulong = 1 << 18;
pub const TPFLAGS_LONG_SUBCLASS: c_ulong = 1 << 24;
pub const TPFLAGS_UNICODE_SUBCLASS: c_ulong = 1 << 28;

// structmember.h.
pub const T_OBJECT: c_int = 6;
pub const T_PYSSIZET: c_int = 19;
pub const READONLY: c_int = 1;

// PyObject_GetBuffer flags.
pub const PYBUF_SIMPLE: c_int = 0;
pub const PYBUF_WRITABLE: c_int = 0x0001;
/// `PyBUF_RECORDS_RO`: strides and format, read-only allowed (every exporter answers it).
pub const PYBUF_RECORDS_RO: c_int = 0x0010 | 0x0008 | 0x0004;
/// `PyBUF_RECORDS`: strides and format, writable.
pub const PYBUF_RECORDS: c_int = PYBUF_RECORDS_RO | PYBUF_WRITABLE;
/// `PyBUF_READ` for `PyMemoryView_FromMemory`.
pub const PYBUF_READ: c_int = 0x100;

/// Declares the API table: one field per function, in the order of [`NAMES`].
macro_rules! api {
    ($($name:ident: fn($($arg:ty),*) $(-> $ret:ty)?;)*) => {
        /// The CPython functions the compiled path calls, by their C names.
        #[allow(non_snake_case)]
        pub struct Api {
            $(pub $name: unsafe extern "C" fn($($arg),*) $(-> $ret)?,)*
        }

        /// The names the generated package resolves, separated by spaces, in the order of the
        /// [`Api`] fields.
        pub const NAMES: &str = concat!($(stringify!($name), " "),*);

        /// How many functions [`Api`] holds.
        pub const COUNT: usize = [$(stringify!($name)),*].len();

        impl Api {
            /// The table from the addresses the package resolved, in the order of [`NAMES`].
            ///
            /// # Safety
            /// Each address is the function of that name in the running interpreter.
            pub unsafe fn from_addresses(addresses: &[*const c_void; COUNT]) -> Option<Api> {
                let mut next = addresses.iter();
                Some(Api {$(
                    // SAFETY: a non-NULL address of the function of that name (the caller's word).
                    $name: unsafe {
                        core::mem::transmute::<*const c_void, unsafe extern "C" fn($($arg),*) $(-> $ret)?>(
                            next.next().copied().filter(|p| !p.is_null())?,
                        )
                    },
                )*})
            }
        }
    };
}

type O = *mut PyObject;

api! {
    Py_IncRef: fn(O);
    Py_DecRef: fn(O);
    PyErr_SetString: fn(O, *const c_char);
    PyErr_SetObject: fn(O, O);
    PyErr_Occurred: fn() -> O;
    PyErr_Clear: fn();
    PyErr_ExceptionMatches: fn(O) -> c_int;
    PyLong_AsLongLong: fn(O) -> i64;
    PyLong_AsUnsignedLongLong: fn(O) -> u64;
    PyLong_FromLongLong: fn(i64) -> O;
    PyLong_FromUnsignedLongLong: fn(u64) -> O;
    PyLong_AsVoidPtr: fn(O) -> *mut c_void;
    PyLong_FromVoidPtr: fn(*mut c_void) -> O;
    PyNumber_Index: fn(O) -> O;
    PyFloat_AsDouble: fn(O) -> f64;
    PyFloat_FromDouble: fn(f64) -> O;
    PyUnicode_FromStringAndSize: fn(*const c_char, isize) -> O;
    PyUnicode_InternFromString: fn(*const c_char) -> O;
    PyUnicode_AsUTF8AndSize: fn(O, *mut isize) -> *const c_char;
    PyBytes_FromStringAndSize: fn(*const c_char, isize) -> O;
    PyBytes_AsString: fn(O) -> *mut c_char;
    PyBytes_Size: fn(O) -> isize;
    PyObject_GetBuffer: fn(O, *mut PyBuffer, c_int) -> c_int;
    PyBuffer_Release: fn(*mut PyBuffer);
    PyBuffer_IsContiguous: fn(*const PyBuffer, c_char) -> c_int;
    PyMemoryView_FromMemory: fn(*mut c_char, isize, c_int) -> O;
    PyObject_RichCompareBool: fn(O, O, c_int) -> c_int;
    PyObject_GetAttrString: fn(O, *const c_char) -> O;
    PyObject_SetAttr: fn(O, O, O) -> c_int;
    PyObject_Call: fn(O, O, O) -> O;
    PyObject_Str: fn(O) -> O;
    PyObject_Free: fn(*mut c_void);
    PyType_IsSubtype: fn(O, O) -> c_int;
    PyType_GetFlags: fn(O) -> c_ulong;
    PyType_GetSlot: fn(O, c_int) -> *mut c_void;
    PyType_FromSpec: fn(*mut TypeSpec) -> O;
    PyType_GenericAlloc: fn(O, isize) -> O;
    PyTuple_New: fn(isize) -> O;
    PyTuple_Size: fn(O) -> isize;
    PyTuple_GetItem: fn(O, isize) -> O;
    PyTuple_SetItem: fn(O, isize, O) -> c_int;
    PyDict_GetItemString: fn(O, *const c_char) -> O;
    PyDict_Next: fn(O, *mut isize, *mut O, *mut O) -> c_int;
    PyMethod_New: fn(O, O) -> O;
    PyVectorcall_Call: fn(O, O, O) -> O;
    PyEval_SaveThread: fn() -> *mut c_void;
    PyEval_RestoreThread: fn(*mut c_void);
    PyGILState_Ensure: fn() -> c_int;
    PyGILState_Release: fn(c_int);
    PyObject_VectorcallDict: fn(O, *const O, usize, O) -> O;
    PyCallable_Check: fn(O) -> c_int;
    PyErr_Fetch: fn(*mut O, *mut O, *mut O);
    PyErr_NormalizeException: fn(*mut O, *mut O, *mut O);
    PyException_SetTraceback: fn(O, O) -> c_int;
    PyErr_WriteUnraisable: fn(O);
    PyErr_Restore: fn(O, O, O);
}

static API: OnceLock<Api> = OnceLock::new();

/// Install the table (the first one wins: every import in the process resolves the same
/// interpreter's functions).
pub fn install(api: Api) -> &'static Api {
    API.get_or_init(|| api)
}

/// The installed table.
///
/// Only called from code reachable through a function object, which exists only once the table
/// is installed.
#[inline(always)]
pub fn api() -> &'static Api {
    match API.get() {
        Some(api) => api,
        // Unreachable (see above); never unwind across the C boundary either way.
        None => std::process::abort(),
    }
}

/// `Py_TYPE(o)`.
///
/// # Safety
/// `o` is a live object.
#[inline(always)]
pub unsafe fn type_of(o: *mut PyObject) -> *mut PyObject {
    // SAFETY: the header of a live object (layout checked at init).
    unsafe { (*o).ob_type }
}

/// `Py_TYPE(o)->tp_name`, for messages: the type object's fourth word (after the variable-size
/// header) in every CPython version (checked at init).
///
/// # Safety
/// `o` is a live object.
pub unsafe fn type_name(o: *mut PyObject) -> String {
    // SAFETY: see the function docs.
    unsafe {
        let ty = type_of(o);
        let name = *(ty as *const *const c_char).add(3);
        if name.is_null() {
            return "?".to_string();
        }
        let full = core::ffi::CStr::from_ptr(name).to_string_lossy();
        // Static types spell their module (`datetime.date`); Python's messages show the last part.
        full.rsplit('.').next().unwrap_or_default().to_string()
    }
}

/// The address of the buffer of a ctypes instance (`b_ptr`, the word after the header; checked at
/// init against `ctypes.addressof`).
///
/// # Safety
/// `o` is a live instance of a ctypes type.
#[inline(always)]
pub unsafe fn ctypes_buffer(o: *mut PyObject) -> *mut u8 {
    // SAFETY: see the function docs.
    unsafe { *(o as *const *mut u8).add(2) }
}

/// A new strong reference to `o`.
///
/// # Safety
/// The GIL is held and `o` is live.
#[inline(always)]
pub unsafe fn new_ref(o: *mut PyObject) -> *mut PyObject {
    // SAFETY: see the function docs.
    unsafe { (api().Py_IncRef)(o) };
    o
}
