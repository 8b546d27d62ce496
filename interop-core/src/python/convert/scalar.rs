//! Numbers and `bool` in a closure's signature, converted inline by the invocation (ADR 43): the
//! common case of a callback (`&dyn Fn(u64) -> u64`) without a call through a `dyn` conversion, a
//! frame or a range in `i128`. Only the success of the exact types is handled here: anything else
//! (an `int` subclass, `__index__`, a value out of range, the wrong type) goes to the parameter's
//! own conversion ([`super::number`]), which accepts or raises what it always did.

use crate::abi::AbiShape;
use crate::model::{Inventory, Primitive, TypeRef};
use crate::python::call::Builtins;
use crate::python::ffi::{Api, PyObject, type_of};

/// A number or `bool` in its ABI form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scalar {
    /// An unsigned integer of `size` bytes.
    Unsigned {
        size: u8,
    },
    /// A signed integer of `size` bytes.
    Signed {
        size: u8,
    },
    F32,
    F64,
    Bool,
}

impl Scalar {
    /// The scalar of `ty`, when it is a number or `bool` (not `()`, an enum or anything else).
    pub fn of(inv: &Inventory, ty: &TypeRef) -> Option<Scalar> {
        let AbiShape::Primitive(p) = inv.shape_of(ty).ok()? else {
            return None;
        };
        let size = |bytes: usize| u8::try_from(bytes).ok();
        Some(match p {
            Primitive::U8 => Scalar::Unsigned { size: 1 },
            Primitive::U16 => Scalar::Unsigned { size: 2 },
            Primitive::U32 => Scalar::Unsigned { size: 4 },
            Primitive::U64 => Scalar::Unsigned { size: 8 },
            Primitive::Usize => Scalar::Unsigned {
                size: size(core::mem::size_of::<usize>())?,
            },
            Primitive::I8 => Scalar::Signed { size: 1 },
            Primitive::I16 => Scalar::Signed { size: 2 },
            Primitive::I32 => Scalar::Signed { size: 4 },
            Primitive::I64 => Scalar::Signed { size: 8 },
            Primitive::Isize => Scalar::Signed {
                size: size(core::mem::size_of::<isize>())?,
            },
            Primitive::F32 => Scalar::F32,
            Primitive::F64 => Scalar::F64,
            Primitive::Bool => Scalar::Bool,
            _ => return None,
        })
    }

    /// A new reference to the Python value of the ABI value at `value`; NULL with an exception
    /// set when CPython is out of memory.
    ///
    /// # Safety
    /// The GIL is held; `api` and `b` are the installed ones; `value` holds an ABI value of this
    /// scalar.
    #[inline(always)]
    pub unsafe fn lift(self, api: &Api, b: &Builtins, value: *const u8) -> *mut PyObject {
        // SAFETY: see the function docs.
        unsafe {
            match self {
                Scalar::Unsigned { size } => {
                    let v = match size {
                        1 => u64::from(value.read()),
                        2 => u64::from(value.cast::<u16>().read_unaligned()),
                        4 => u64::from(value.cast::<u32>().read_unaligned()),
                        _ => value.cast::<u64>().read_unaligned(),
                    };
                    (api.PyLong_FromUnsignedLongLong)(v)
                }
                Scalar::Signed { size } => {
                    let v = match size {
                        1 => i64::from(value.cast::<i8>().read()),
                        2 => i64::from(value.cast::<i16>().read_unaligned()),
                        4 => i64::from(value.cast::<i32>().read_unaligned()),
                        _ => value.cast::<i64>().read_unaligned(),
                    };
                    (api.PyLong_FromLongLong)(v)
                }
                Scalar::F32 => {
                    (api.PyFloat_FromDouble)(f64::from(value.cast::<f32>().read_unaligned()))
                }
                Scalar::F64 => (api.PyFloat_FromDouble)(value.cast::<f64>().read_unaligned()),
                Scalar::Bool => {
                    let o = if value.read() != 0 { b.true_ } else { b.false_ };
                    (api.Py_IncRef)(o);
                    o
                }
            }
        }
    }

    /// Write the ABI value of `obj` to `out` when `obj` is exactly of the scalar's Python type
    /// and in range; false otherwise, with no exception set (the parameter's conversion then
    /// decides).
    ///
    /// # Safety
    /// The GIL is held; `api` and `b` are the installed ones; `obj` is live; `out` is writable
    /// for the scalar's ABI value.
    #[inline(always)]
    pub unsafe fn lower(self, api: &Api, b: &Builtins, obj: *mut PyObject, out: *mut u8) -> bool {
        // SAFETY: see the function docs; every result is checked.
        unsafe {
            match self {
                Scalar::Unsigned { size: 8 } if type_of(obj) == b.int_type => {
                    let v = (api.PyLong_AsUnsignedLongLong)(obj);
                    if v == u64::MAX && !(api.PyErr_Occurred)().is_null() {
                        (api.PyErr_Clear)();
                        return false;
                    }
                    out.cast::<u64>().write_unaligned(v);
                    true
                }
                Scalar::Unsigned { size } | Scalar::Signed { size }
                    if type_of(obj) == b.int_type =>
                {
                    let v = (api.PyLong_AsLongLong)(obj);
                    if v == -1 && !(api.PyErr_Occurred)().is_null() {
                        (api.PyErr_Clear)();
                        return false;
                    }
                    let bits = 8 * u32::from(size);
                    let in_range = match self {
                        Scalar::Signed { .. } => {
                            bits == 64 || (v >> (bits - 1) == 0 || v >> (bits - 1) == -1)
                        }
                        _ => v >= 0 && (bits == 64 || v >> bits == 0),
                    };
                    if !in_range {
                        return false;
                    }
                    // In range: the low bytes are the value in its own type.
                    match size {
                        1 => out.write(v as u8),
                        2 => out.cast::<u16>().write_unaligned(v as u16),
                        4 => out.cast::<u32>().write_unaligned(v as u32),
                        _ => out.cast::<u64>().write_unaligned(v as u64),
                    }
                    true
                }
                Scalar::F64 | Scalar::F32 if type_of(obj) == b.float_type => {
                    // An exact float: never fails.
                    let v = (api.PyFloat_AsDouble)(obj);
                    if self == Scalar::F32 {
                        out.cast::<f32>().write_unaligned(v as f32);
                    } else {
                        out.cast::<f64>().write_unaligned(v);
                    }
                    true
                }
                Scalar::Bool if obj == b.true_ || obj == b.false_ => {
                    out.write(u8::from(obj == b.true_));
                    true
                }
                _ => false,
            }
        }
    }
}
