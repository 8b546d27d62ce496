//! The callables the compiled path hands to Python: one object type for functions (free functions
//! and static methods: never bound) and one for methods (bound to the instance they are read from,
//! like a `method_descriptor`). Both implement CPython's vectorcall protocol with the entry of the
//! function's ABI signature in their `vectorcall` slot, so a call goes from the interpreter straight
//! into that entry with the callable, the arguments and the keyword names; for a method called as
//! `obj.m(…)` the interpreter passes `obj` as the first argument without creating a bound method
//! (`Py_TPFLAGS_METHOD_DESCRIPTOR`).
//!
//! The objects carry `__name__`, `__qualname__`, `__module__`, `__doc__` (any string, also with
//! NUL characters) and `__text_signature__` (so `inspect.signature` and `help` work), and live as
//! long as the process: the library keeps a reference to each.

use core::ffi::{c_int, c_void};
use std::ffi::CString;
use std::sync::OnceLock;

use super::call::Param;
use super::convert::Ret;
use super::ffi::{self, MemberDef, PyObject, TypeSlot, TypeSpec, VectorCall, api};

/// Everything a call needs besides its arguments.
pub struct FunctionData {
    /// The shim's address.
    pub shim: *const (),
    /// Release the GIL around the shim call (`[python] release-gil = true`).
    pub release_gil: bool,
    /// `add_u8`, `Vec2f32.scale`: the name in messages (followed by `()`).
    pub display: String,
    pub params: Vec<Param>,
    pub ret: Box<dyn Ret>,
    /// The exception classes of the error channel's kinds.
    pub errors: Errors,
    /// A service's constructor (its class's `__init__`, ADR 51): the entry of the shim's
    /// signature and the class.
    pub ctor: Option<super::ctor::Ctor>,
}

/// The package's exception classes a call raises for an error it recorded, by its kind (strong
/// references, kept for the process; ADR 27).
#[derive(Clone, Copy)]
pub struct Errors {
    /// `RustPanic`: a panic.
    pub panic: *mut PyObject,
    /// `ServiceInUseError`: a service busy on another thread, or already in use by this one
    /// (`RustPanic` in a package without services).
    pub in_use: *mut PyObject,
    /// `ValueError`: a consumed service.
    pub consumed: *mut PyObject,
    /// `ValueError`: an argument the shim refused (ADR 47).
    pub invalid: *mut PyObject,
}

/// The layout of both object types.
#[repr(C)]
pub struct FunctionObject {
    pub header: PyObject,
    pub vectorcall: Option<VectorCall>,
    pub data: *const FunctionData,
    pub name: *mut PyObject,
    pub qualname: *mut PyObject,
    pub module: *mut PyObject,
    pub doc: *mut PyObject,
    pub text_signature: *mut PyObject,
}

impl FunctionObject {
    /// The data of a function object.
    ///
    /// # Safety
    /// `callable` is a [`FunctionObject`] made by [`new_function`] (the only objects whose
    /// `vectorcall` slot is an entry).
    #[inline(always)]
    pub unsafe fn data<'a>(callable: *mut PyObject) -> &'a FunctionData {
        // SAFETY: see the function docs; the data lives as long as the object.
        unsafe { &*(*callable.cast::<FunctionObject>()).data }
    }
}

/// The two object types, made once per process.
pub struct Types {
    pub function: *mut PyObject,
    pub method: *mut PyObject,
}

// SAFETY: type objects live for the process and are only used with the GIL held.
unsafe impl Send for Types {}
// SAFETY: as above.
unsafe impl Sync for Types {}

static TYPES: OnceLock<Result<Types, String>> = OnceLock::new();

/// The object types (made on first use).
pub fn types() -> Result<&'static Types, String> {
    TYPES
        .get_or_init(|| {
            // SAFETY: called from the init, with the GIL held and the API installed.
            unsafe {
                Ok(Types {
                    function: make_type(c"interop.function", false)?,
                    method: make_type(c"interop.method", true)?,
                })
            }
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// A member of [`FunctionObject`] exposed read-only.
fn member(name: &'static core::ffi::CStr, type_code: c_int, offset: usize) -> MemberDef {
    MemberDef {
        name: name.as_ptr(),
        type_code,
        offset: offset as isize,
        flags: ffi::READONLY,
        doc: core::ptr::null(),
    }
}

/// # Safety
/// The GIL is held and the API is installed.
unsafe fn make_type(name: &'static core::ffi::CStr, method: bool) -> Result<*mut PyObject, String> {
    use core::mem::offset_of;
    let members: &'static mut [MemberDef] = Box::leak(Box::new([
        member(
            c"__vectorcalloffset__",
            ffi::T_PYSSIZET,
            offset_of!(FunctionObject, vectorcall),
        ),
        member(c"__name__", ffi::T_OBJECT, offset_of!(FunctionObject, name)),
        member(
            c"__qualname__",
            ffi::T_OBJECT,
            offset_of!(FunctionObject, qualname),
        ),
        member(
            c"__module__",
            ffi::T_OBJECT,
            offset_of!(FunctionObject, module),
        ),
        // Writable: the package gives each function the docstring of the `def` it replaces.
        MemberDef {
            flags: 0,
            ..member(c"__doc__", ffi::T_OBJECT, offset_of!(FunctionObject, doc))
        },
        member(
            c"__text_signature__",
            ffi::T_OBJECT,
            offset_of!(FunctionObject, text_signature),
        ),
        MemberDef {
            name: core::ptr::null(),
            type_code: 0,
            offset: 0,
            flags: 0,
            doc: core::ptr::null(),
        },
    ]));
    let descr_get: unsafe extern "C" fn(_, _, _) -> _ = if method { bind } else { unbound };
    let slots: &'static mut [TypeSlot] = Box::leak(Box::new([
        slot(ffi::TP_MEMBERS, members.as_mut_ptr().cast()),
        slot(ffi::TP_CALL, api().PyVectorcall_Call as *mut c_void),
        slot(ffi::TP_DESCR_GET, descr_get as *mut c_void),
        slot(ffi::TP_REPR, repr as *mut c_void),
        slot(ffi::TP_NEW, refuse_new as *mut c_void),
        slot(ffi::TP_DEALLOC, dealloc as *mut c_void),
        slot(0, core::ptr::null_mut()),
    ]));
    // Immutable: CPython 3.11+ specializes the lookup of `obj.m` only when the descriptor's type is
    // immutable (else every call looks the method up in the type's MRO and probes the instance
    // dict; ADR 50). Nothing sets attributes on these types.
    let mut flags =
        ffi::TPFLAGS_HAVE_VERSION_TAG | ffi::TPFLAGS_HAVE_VECTORCALL | ffi::TPFLAGS_IMMUTABLETYPE;
    if method {
        flags |= ffi::TPFLAGS_METHOD_DESCRIPTOR;
    }
    let spec: &'static mut TypeSpec = Box::leak(Box::new(TypeSpec {
        name: name.as_ptr(),
        basicsize: core::mem::size_of::<FunctionObject>() as c_int,
        itemsize: 0,
        flags: flags as _,
        slots: slots.as_mut_ptr(),
    }));
    // SAFETY: a complete spec whose parts live for the process.
    let ty = unsafe { (api().PyType_FromSpec)(spec) };
    if ty.is_null() {
        // SAFETY: the GIL is held.
        unsafe { (api().PyErr_Clear)() };
        return Err(format!("PyType_FromSpec({name:?}) failed"));
    }
    Ok(ty)
}

fn slot(slot: c_int, pfunc: *mut c_void) -> TypeSlot {
    TypeSlot { slot, pfunc }
}

/// `tp_descr_get` of methods: bound to the instance, the descriptor itself on the class.
unsafe extern "C" fn bind(
    descr: *mut PyObject,
    obj: *mut PyObject,
    _ty: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: CPython calls the slot with the GIL held and live objects.
    unsafe {
        if obj.is_null() || obj == super::call::builtins().none {
            return ffi::new_ref(descr);
        }
        (api().PyMethod_New)(descr, obj)
    }
}

/// `tp_descr_get` of functions: never bound (a static method when put on a class); having the
/// slot at all makes `inspect` read `__text_signature__`.
unsafe extern "C" fn unbound(
    descr: *mut PyObject,
    _obj: *mut PyObject,
    _ty: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: CPython calls the slot with the GIL held.
    unsafe { ffi::new_ref(descr) }
}

/// `<built-in function add_u8>`, `<method 'scale' of 'Vec2f32' objects>`.
unsafe extern "C" fn repr(o: *mut PyObject) -> *mut PyObject {
    // SAFETY: CPython calls the slot with the GIL held and one of our objects.
    unsafe {
        let f = FunctionObject::data(o);
        let method = ffi::type_of(o) == types().map(|t| t.method).unwrap_or_default();
        let text = match f.display.rsplit_once('.') {
            // A service's constructor (ADR 51): `display` is its class.
            _ if f.ctor.is_some() => format!("<method '__init__' of '{}' objects>", f.display),
            Some((owner, name)) if method => format!("<method '{name}' of '{owner}' objects>"),
            Some((_, name)) => format!("<built-in function {name}>"),
            None => format!("<built-in function {}>", f.display),
        };
        str_object(&text)
    }
}

/// `tp_new`: only the library makes these objects.
unsafe extern "C" fn refuse_new(
    _ty: *mut PyObject,
    _args: *mut PyObject,
    _kwargs: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: CPython calls the slot with the GIL held.
    unsafe {
        (api().PyErr_SetString)(
            super::call::builtins().type_error,
            c"cannot create interop function objects".as_ptr(),
        )
    };
    core::ptr::null_mut()
}

/// `tp_dealloc`. Never reached while the library keeps its reference; frees the object, keeps
/// the data (which other objects never share, but which is cheap to keep).
unsafe extern "C" fn dealloc(o: *mut PyObject) {
    // SAFETY: CPython calls the slot once, with the GIL held, when the count reaches zero.
    unsafe {
        let ty = ffi::type_of(o);
        (api().PyObject_Free)(o.cast());
        (api().Py_DecRef)(ty);
    }
}

/// A new `str` from UTF-8 text (NULL with an exception set on failure).
///
/// # Safety
/// The GIL is held.
pub unsafe fn str_object(text: &str) -> *mut PyObject {
    // SAFETY: valid UTF-8 of the given length.
    unsafe { (api().PyUnicode_FromStringAndSize)(text.as_ptr().cast(), text.len() as isize) }
}

/// What [`new_function`] needs besides the data.
pub struct Names<'a> {
    pub name: &'a str,
    pub qualname: &'a str,
    pub module: &'a str,
    pub doc: Option<*mut PyObject>,
    pub text_signature: &'a str,
}

/// A new function object (a method when `method`) calling `entry` with `data`.
///
/// # Safety
/// The GIL is held; `entry` is the entry of the signature of `data.shim`, whose parameters' and
/// result's layouts match `data`'s conversions.
pub unsafe fn new_function(
    method: bool,
    entry: VectorCall,
    data: Box<FunctionData>,
    names: Names<'_>,
) -> Result<*mut PyObject, String> {
    let types = types()?;
    let ty = if method { types.method } else { types.function };
    // SAFETY: the GIL is held; every object is checked before use.
    unsafe {
        let o = (api().PyType_GenericAlloc)(ty, 0);
        if o.is_null() {
            (api().PyErr_Clear)();
            return Err("out of memory".to_string());
        }
        let f = o.cast::<FunctionObject>();
        (*f).vectorcall = Some(entry);
        (*f).data = Box::into_raw(data);
        (*f).name = str_object(names.name);
        (*f).qualname = str_object(names.qualname);
        (*f).module = str_object(names.module);
        (*f).text_signature = str_object(names.text_signature);
        (*f).doc = match names.doc {
            Some(doc) => ffi::new_ref(doc),
            None => core::ptr::null_mut(),
        };
        if (*f).name.is_null()
            || (*f).qualname.is_null()
            || (*f).module.is_null()
            || (*f).text_signature.is_null()
        {
            (api().PyErr_Clear)();
            return Err("could not create the names of a function".to_string());
        }
        Ok(o)
    }
}

/// A C string for the API, without interior NULs.
pub fn c_text(text: &str) -> CString {
    CString::new(text.replace('\0', "")).unwrap_or_default()
}
