//! The two exported functions the generated package calls at import, through `ctypes.PyDLL` (so
//! with the GIL held).
//!
//! ```python
//! names = lib.interop_python_api_names().decode().split()
//! api = (c_void_p * len(names))(*(cast(getattr(pythonapi, n), c_void_p).value for n in names))
//! functions, services = lib.interop_python_init(api, len(names), spec)   # restype py_object
//! ```
//!
//! `spec` is a tuple `(protocol, objects, package, functions)`:
//! - `protocol`: [`PROTOCOL`](super::PROTOCOL);
//! - `objects`: `(None, True, False, int, float, str, bytes, TypeError, OverflowError, ValueError,
//!   RuntimeError, (), probe, addressof(probe), object.__basicsize__)` where `probe` is a
//!   `ctypes.c_uint64`: the layout facts the compiled path relies on are checked against them;
//! - `package`: `(RustPanic, release_gil, _address_of, ServiceInUseError or None, _Service,
//!   ((class, _free symbol, release the GIL around _free), …))`, the last two only in a package
//!   with services (ADR 51);
//! - `functions`: one `(symbol, is_method, name, qualname, module, doc, params, result,
//!   release_gil)` per function (`is_method` 2: a service's `new` as its class's `__init__`),
//!   `params` a tuple of `(name, expected, class, sizeof(class))` (the receiver first, named
//!   `self`), `result` a `(class, sizeof(class))`; `class` is the package's class of the type
//!   where the conversion needs one (records, enums, handles, the targets of references, raw
//!   pointer types), else `None` and 0; for a closure it is `(_callback_failed,
//!   _take_callback_error, (sized argument classes), sized result class)` (ADR 33).
//!   `release_gil` is true when the GIL must be released around the call even without
//!   `release-gil` (a method of a type that keeps closures).
//!
//! A successful init puts the process's service guards in GIL mode (ADR 41).
//!
//! The answer is a tuple `(functions, (adopt, close_all))`: one item per function, the function
//! object or a `str` saying why the function stays on the ctypes path, and the two built-ins of
//! [`ctor`](super::ctor) the package's services use. A spec the library cannot use at all raises
//! `RuntimeError` (the package then uses its ctypes path for everything).

use core::ffi::{c_char, c_void};
use std::collections::HashMap;

use super::PROTOCOL;
use super::call::{BUILTINS, Builtins, Param, builtins, py_text};
use super::convert::{self, Class, Unsupported};
use super::ffi::{self, COUNT, PyObject, api};
use super::function::{FunctionData, Names, new_function};
use crate::registry::{FUNCTIONS, FunctionDesc};

/// The CPython functions the library needs, separated by spaces (see [`ffi::NAMES`]).
#[unsafe(no_mangle)]
pub extern "C" fn interop_python_api_names() -> *const c_char {
    static NAMES: std::sync::OnceLock<std::ffi::CString> = std::sync::OnceLock::new();
    NAMES
        .get_or_init(|| std::ffi::CString::new(ffi::NAMES.trim_end()).unwrap_or_default())
        .as_ptr()
}

/// Build the function objects of the package (see the module docs). Returns a new reference, or
/// NULL with an exception set.
///
/// # Safety
/// Called with the GIL held; `addresses` holds `count` addresses of the functions named by
/// [`interop_python_api_names`], in that order, of the running interpreter; `spec` is a tuple as
/// described in the module docs.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn interop_python_init(
    addresses: *const *const c_void,
    count: usize,
    spec: *mut PyObject,
) -> *mut PyObject {
    let result = std::panic::catch_unwind(|| {
        // SAFETY: forwarded.
        unsafe { init(addresses, count, spec) }
    });
    match result {
        Ok(Ok(functions)) => functions,
        Ok(Err(message)) => {
            if let Some(b) = BUILTINS.get() {
                // SAFETY: the GIL is held (the caller's word) and the API installed.
                unsafe { super::call::raise(b.runtime_error, &message) };
            }
            core::ptr::null_mut()
        }
        Err(_) => core::ptr::null_mut(),
    }
}

unsafe fn init(
    addresses: *const *const c_void,
    count: usize,
    spec: *mut PyObject,
) -> Result<*mut PyObject, String> {
    if addresses.is_null() || count != COUNT || spec.is_null() {
        return Err(format!(
            "expected the addresses of the {COUNT} CPython functions named by \
             interop_python_api_names, got {count}"
        ));
    }
    // SAFETY: `count` addresses (the caller's word).
    let table = unsafe { &*addresses.cast::<[*const c_void; COUNT]>() };
    // SAFETY: the addresses are the named functions of the running interpreter.
    let table = unsafe { ffi::Api::from_addresses(table) }
        .ok_or("a CPython function the library needs is missing")?;
    ffi::install(table);
    // SAFETY: the GIL is held; `spec` is a live tuple; every item is checked.
    unsafe {
        let item = |t: *mut PyObject, i: isize| {
            let o = (api().PyTuple_GetItem)(t, i);
            if o.is_null() {
                (api().PyErr_Clear)();
            }
            o
        };
        let protocol = item(spec, 0);
        if protocol.is_null() || (api().PyLong_AsLongLong)(protocol) != i64::from(PROTOCOL) {
            (api().PyErr_Clear)();
            return Err(format!(
                "the package speaks another protocol than this library ({PROTOCOL}): \
                 regenerate it with the cargo-interop of the library's interop-core"
            ));
        }
        install_builtins(item(spec, 1))?;
        let package = item(spec, 2);
        let functions = item(spec, 3);
        if package.is_null() || functions.is_null() {
            return Err("the spec has no package or functions".into());
        }
        let rust_panic = ffi::new_ref(item(package, 0));
        let in_use = item(package, 3);
        let errors = super::function::Errors {
            panic: rust_panic,
            in_use: if in_use.is_null() || in_use == builtins().none {
                rust_panic
            } else {
                ffi::new_ref(in_use)
            },
            consumed: builtins().value_error,
            invalid: builtins().value_error,
        };
        let release_gil = item(package, 1) == builtins().true_;
        let address_of = item(package, 2);
        if !address_of.is_null() {
            convert::set_address_of(ffi::new_ref(address_of));
        }
        let inv = crate::inventory::inventory();
        // Items 4 and 5: the service base class and `(class, _free symbol)` of every service class
        // (ADR 51), `None` and `()` in a package without services.
        let service_base = item(package, 4);
        let service_classes = item(package, 5);
        if !service_base.is_null() && service_base != builtins().none {
            if service_classes.is_null() {
                return Err("the spec has no service classes".into());
            }
            super::keeper::install(&inv, service_base, service_classes, rust_panic)?;
        }
        let descs: HashMap<&str, &'static FunctionDesc> =
            FUNCTIONS.iter().map(|d| (d.symbol, d)).collect();
        let n = (api().PyTuple_Size)(functions).max(0);
        let out = (api().PyTuple_New)(n);
        if out.is_null() {
            (api().PyErr_Clear)();
            return Err("out of memory".into());
        }
        for i in 0..n {
            let f = item(functions, i);
            let made = function(&inv, &descs, f, errors, release_gil);
            let o = match made {
                Ok(o) => {
                    // The library's own reference: function objects live for the process.
                    ffi::new_ref(o)
                }
                Err(Unsupported(why)) => super::function::str_object(&why),
            };
            if o.is_null() {
                (api().PyErr_Clear)();
                return Err("out of memory".into());
            }
            (api().PyTuple_SetItem)(out, i, o);
        }
        // Every guard access of this process is now made with the GIL held (ADR 41).
        if super::guard::claim(super::guard::Mode::Gil).is_err() {
            (api().Py_DecRef)(out);
            return Err(
                "the services of this library already run in atomic guard mode \
                 (their ctypes path started first): the compiled path cannot start"
                    .into(),
            );
        }
        let builtins_out = match super::ctor::builtin_functions(errors) {
            Ok(b) => b,
            Err(e) => {
                (api().Py_DecRef)(out);
                return Err(e);
            }
        };
        let answer = (api().PyTuple_New)(2);
        if answer.is_null() {
            (api().PyErr_Clear)();
            return Err("out of memory".into());
        }
        (api().PyTuple_SetItem)(answer, 0, out);
        (api().PyTuple_SetItem)(answer, 1, builtins_out);
        Ok(answer)
    }
}

/// Install the interpreter's objects and check the layout facts against them.
///
/// # Safety
/// The GIL is held and the API installed.
unsafe fn install_builtins(objects: *mut PyObject) -> Result<(), String> {
    if objects.is_null() {
        return Err("the spec has no objects".into());
    }
    // SAFETY: see the function docs.
    unsafe {
        let get = |i: isize| {
            let o = (api().PyTuple_GetItem)(objects, i);
            if o.is_null() {
                (api().PyErr_Clear)();
            }
            o
        };
        let all: Vec<*mut PyObject> = (0..15).map(get).collect();
        if all.iter().any(|o| o.is_null()) {
            return Err("the spec's objects are incomplete".into());
        }
        let header = (api().PyLong_AsLongLong)(all[14]);
        if header != core::mem::size_of::<PyObject>() as i64 {
            (api().PyErr_Clear)();
            return Err(format!(
                "objects of this interpreter have a {header}-byte header (expected {})",
                core::mem::size_of::<PyObject>()
            ));
        }
        if ffi::type_name(all[0]) != "NoneType" {
            return Err("type objects of this interpreter have an unexpected layout".into());
        }
        let address = (api().PyLong_AsVoidPtr)(all[13]);
        if ffi::ctypes_buffer(all[12]) as *mut c_void != address {
            (api().PyErr_Clear)();
            return Err("ctypes objects of this interpreter have an unexpected layout".into());
        }
        let _ = BUILTINS.set(Builtins {
            none: all[0],
            true_: all[1],
            false_: all[2],
            int_type: all[3],
            float_type: all[4],
            str_type: all[5],
            bytes_type: all[6],
            type_error: all[7],
            overflow_error: all[8],
            value_error: all[9],
            runtime_error: all[10],
            empty_tuple: ffi::new_ref(all[11]),
        });
        Ok(())
    }
}

/// The class (item `at`) and its size (item `at + 1`) of a spec tuple.
pub(super) unsafe fn class_of(item: *mut PyObject, at: isize) -> Class {
    // SAFETY: the GIL is held; `item` is a tuple (checked by the accessors).
    unsafe {
        let class = (api().PyTuple_GetItem)(item, at);
        let size = (api().PyTuple_GetItem)(item, at + 1);
        if class.is_null() || size.is_null() {
            (api().PyErr_Clear)();
            return Class::NONE;
        }
        let size = (api().PyLong_AsLongLong)(size).max(0) as usize;
        (api().PyErr_Clear)();
        Class {
            class: if class == builtins().none {
                core::ptr::null_mut()
            } else {
                ffi::new_ref(class)
            },
            size,
            ..Class::NONE
        }
    }
}

/// The text of item `i` of tuple `t`.
unsafe fn text_item(t: *mut PyObject, i: isize) -> Result<String, Unsupported> {
    // SAFETY: the GIL is held.
    unsafe {
        let o = (api().PyTuple_GetItem)(t, i);
        if o.is_null() {
            (api().PyErr_Clear)();
            return Err(Unsupported(format!("the spec lacks item {i}")));
        }
        Ok(py_text(o))
    }
}

/// One function object from its spec.
unsafe fn function(
    inv: &crate::model::Inventory,
    descs: &HashMap<&str, &'static FunctionDesc>,
    spec: *mut PyObject,
    errors: super::function::Errors,
    release_gil: bool,
) -> Result<*mut PyObject, Unsupported> {
    // SAFETY: the GIL is held; every item is checked.
    unsafe {
        let symbol = text_item(spec, 0)?;
        let desc = descs
            .get(symbol.as_str())
            .ok_or_else(|| Unsupported(format!("the library has no function `{symbol}`")))?;
        let model = inv
            .functions
            .iter()
            .find(|f| f.symbol == symbol)
            .ok_or_else(|| Unsupported(format!("the inventory has no function `{symbol}`")))?;
        // Item 1: `True` a method, `False` a function, `2` a service's constructor (ADR 51).
        let kind = (api().PyTuple_GetItem)(spec, 1);
        let ctor = !kind.is_null() && (api().PyLong_AsLongLong)(kind) == 2;
        let method = ctor || kind == builtins().true_;
        (api().PyErr_Clear)();
        let name = text_item(spec, 2)?;
        let qualname = text_item(spec, 3)?;
        let module = text_item(spec, 4)?;
        let doc = (api().PyTuple_GetItem)(spec, 5);
        let params = (api().PyTuple_GetItem)(spec, 6);
        let result = (api().PyTuple_GetItem)(spec, 7);
        if doc.is_null() || params.is_null() || result.is_null() {
            (api().PyErr_Clear)();
            return Err(Unsupported("incomplete spec".into()));
        }
        let call = desc.python;
        // Item 8: the package asks for the GIL to be released (a method of a type keeping
        // closures, which it may call from a Rust thread while the caller waits).
        let mut release_gil = release_gil || (api().PyTuple_GetItem)(spec, 8) == builtins().true_;
        (api().PyErr_Clear)();
        let count = (api().PyTuple_Size)(params).max(0) as usize;
        if count != model.params.len() || count != call.params.len() {
            return Err(Unsupported(format!(
                "the spec of `{symbol}` has {count} parameters, the library {}",
                model.params.len()
            )));
        }
        // The closure parameters' entries first: whether the call releases the GIL depends on
        // all of them, and whether each closure's invocations take it depends on that.
        let mut closures = Vec::with_capacity(count);
        for (i, p) in model.params.iter().enumerate() {
            closures.push(match inv.shape_of(&p.ty) {
                Ok(crate::abi::AbiShape::Callback(c)) => {
                    // The receiver, when there is one, is not among the descriptor's parameters.
                    let found = (i + desc.params.len())
                        .checked_sub(model.params.len())
                        .and_then(|at| desc.params.get(at))
                        .and_then(|d| super::callback::entry_of(d.ty));
                    // A closure that may go to another thread: release the GIL around the
                    // call, or a Rust thread calling it while the caller waits would deadlock.
                    if let Some((_, sendable)) = found {
                        release_gil |= sendable;
                    }
                    Some((c, found))
                }
                _ => None,
            });
        }
        let mut converted = Vec::with_capacity(count);
        for (i, p) in model.params.iter().enumerate() {
            let item = (api().PyTuple_GetItem)(params, i as isize);
            let pname = text_item(item, 0)?;
            if !pname.is_ascii() {
                // `inspect` reads a built-in's `__text_signature__` as ASCII (CPython 3.9 to
                // 3.13): the `def` of the ctypes path keeps `inspect.signature` working.
                return Err(Unsupported(format!(
                    "parameter `{pname}`: a non-ASCII name, which `inspect` cannot read from a \
                     built-in function's signature"
                )));
            }
            let expected = text_item(item, 1)?;
            let c_name = super::function::c_text(&pname);
            let key = (api().PyUnicode_InternFromString)(c_name.as_ptr());
            if key.is_null() {
                (api().PyErr_Clear)();
                return Err(Unsupported("out of memory".into()));
            }
            // `f() argument 'a'`: where the package's helpers say an argument is wrong.
            let place = super::function::str_object(&format!("{qualname}() argument '{pname}'"));
            if place.is_null() {
                (api().PyErr_Clear)();
                return Err(Unsupported("out of memory".into()));
            }
            let class = Class {
                name: key,
                place,
                ..class_of(item, 2)
            };
            let conv = match &closures[i] {
                Some((c, found)) => {
                    let (entry, sendable) = found.ok_or_else(|| {
                        Unsupported(format!(
                            "parameter `{pname}`: a closure whose signature `#[ffi]` expands \
                             itself (borrowed arguments, a `Result` return)"
                        ))
                    })?;
                    let take_gil = super::callback::takes_gil(c.ownership, sendable, release_gil);
                    let what = format!("{qualname}() argument '{pname}'");
                    convert::callback::arg(inv, c, class, entry, what, take_gil)
                }
                _ => convert::arg(inv, &p.ty, class),
            };
            // A conversion that names the place keeps its own reference.
            (api().Py_DecRef)(place);
            let conv = conv?;
            if conv.layout() != call.params[i] {
                return Err(Unsupported(format!(
                    "parameter `{pname}` of `{symbol}`: the conversion writes {:?}, the shim takes {:?}",
                    conv.layout(),
                    call.params[i]
                )));
            }
            converted.push(Param {
                name: pname,
                key,
                expected,
                conv,
            });
        }
        let (ret, ctor) = if ctor {
            super::ctor::constructor(inv, model, class_of(result, 0), call.entry)?
        } else {
            (
                convert::ret(inv, &model.returns, class_of(result, 0))?,
                None,
            )
        };
        if ret.layout() != call.ret {
            return Err(Unsupported(format!(
                "the result of `{symbol}`: the conversion reads {:?}, the shim returns {:?}",
                ret.layout(),
                call.ret
            )));
        }
        let text_signature = format!(
            "({})",
            converted
                .iter()
                .map(|p| p.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
        let data = Box::new(FunctionData {
            shim: desc.python_shim.0,
            release_gil,
            display: qualname.clone(),
            params: converted,
            ret,
            errors,
            ctor,
        });
        let entry = match &data.ctor {
            Some(_) => super::ctor::init_entry,
            None => call.entry,
        };
        new_function(
            method,
            entry,
            data,
            Names {
                name: &name,
                qualname: &qualname,
                module: &module,
                doc: (doc != builtins().none).then_some(doc),
                text_signature: &text_signature,
            },
        )
        .map_err(Unsupported)
    }
}
