//! Numbers: integers of every width (checked against their range: `add_u8(300)` raises
//! `OverflowError`, never wraps), `bool` (only `True` and `False`), floats (anything with
//! `__float__` or `__index__`), C-like enums (their storage integer in, their member out) and `()`.

use super::{Arg, ArgError, Ret, Unsupported};
use crate::model::{Primitive, TypeDef, TypeKind};
use crate::python::call::{Frame, builtins};
use crate::python::entry::AbiLayout;
use crate::python::ffi::{self, PyObject, api, type_of};

/// An integer parameter or result of primitive `p` (also an enum's storage).
pub struct Int {
    min: i128,
    max: i128,
    size: usize,
    /// `u8 (0 to 255)`, for the range error.
    range: String,
}

impl Int {
    pub fn new(p: Primitive) -> Result<Int, Unsupported> {
        let (size, signed) = match p {
            Primitive::U8 => (1, false),
            Primitive::U16 => (2, false),
            Primitive::U32 => (4, false),
            Primitive::U64 => (8, false),
            Primitive::Usize => (core::mem::size_of::<usize>(), false),
            Primitive::I8 => (1, true),
            Primitive::I16 => (2, true),
            Primitive::I32 => (4, true),
            Primitive::I64 => (8, true),
            Primitive::Isize => (core::mem::size_of::<isize>(), true),
            other => {
                return Err(Unsupported(format!(
                    "`{}` is not an integer",
                    other.rust_name()
                )));
            }
        };
        let bits = 8 * size as u32;
        let (min, max) = if signed {
            (-(1i128 << (bits - 1)), (1i128 << (bits - 1)) - 1)
        } else {
            (0, (1i128 << bits) - 1)
        };
        Ok(Int {
            min,
            max,
            size,
            range: format!("{} ({min} to {max})", p.rust_name()),
        })
    }

    /// The value of an `int` (exactly or a subclass such as `bool` or an `IntEnum` member).
    ///
    /// # Safety
    /// The GIL is held; `o` is an int.
    #[inline(always)]
    unsafe fn value_of_int(&self, o: *mut PyObject) -> Result<i128, ArgError> {
        let api = api();
        // SAFETY: an int; errors are checked right after.
        unsafe {
            let v = if self.min < 0 || self.max <= i64::MAX as i128 {
                let v = (api.PyLong_AsLongLong)(o);
                if v == -1 && !(api.PyErr_Occurred)().is_null() {
                    return Err(self.overflow());
                }
                v as i128
            } else {
                let v = (api.PyLong_AsUnsignedLongLong)(o);
                if v == u64::MAX && !(api.PyErr_Occurred)().is_null() {
                    return Err(self.overflow());
                }
                v as i128
            };
            if v < self.min || v > self.max {
                return Err(ArgError::Range(self.range.clone()));
            }
            Ok(v)
        }
    }

    /// The bits of an `int` for a 64-bit parameter: `PyLong_As(Unsigned)LongLong` refuses exactly
    /// what is out of its range.
    ///
    /// # Safety
    /// The GIL is held; `o` is an int; `self.size` is 8.
    #[inline(always)]
    unsafe fn value_of_int64(&self, o: *mut PyObject) -> Result<u64, ArgError> {
        let api = api();
        // SAFETY: an int; errors are checked right after.
        unsafe {
            if self.min < 0 {
                let v = (api.PyLong_AsLongLong)(o);
                if v == -1 && !(api.PyErr_Occurred)().is_null() {
                    return Err(self.overflow());
                }
                Ok(v as u64)
            } else {
                let v = (api.PyLong_AsUnsignedLongLong)(o);
                if v == u64::MAX && !(api.PyErr_Occurred)().is_null() {
                    return Err(self.overflow());
                }
                Ok(v)
            }
        }
    }

    /// An overflow reported by CPython: ours, with the range.
    #[cold]
    unsafe fn overflow(&self) -> ArgError {
        let api = api();
        // SAFETY: an exception is set; the GIL is held.
        unsafe {
            if (api.PyErr_ExceptionMatches)(builtins().overflow_error) != 0 {
                (api.PyErr_Clear)();
                ArgError::Range(self.range.clone())
            } else {
                ArgError::Raised
            }
        }
    }

    /// Not exactly an `int`: a subclass, or anything with `__index__`.
    #[cold]
    unsafe fn value_of_other(&self, o: *mut PyObject) -> Result<i128, ArgError> {
        let api = api();
        // SAFETY: the GIL is held; every result is checked.
        unsafe {
            if (api.PyType_GetFlags)(type_of(o)) & ffi::TPFLAGS_LONG_SUBCLASS != 0 {
                return self.value_of_int(o);
            }
            let index = (api.PyNumber_Index)(o);
            if index.is_null() {
                return Err(type_error_or_raised());
            }
            let v = self.value_of_int(index);
            (api.Py_DecRef)(index);
            v
        }
    }

    fn layout_of(&self) -> AbiLayout {
        match self.size {
            1 => AbiLayout::of::<u8>(),
            2 => AbiLayout::of::<u16>(),
            4 => AbiLayout::of::<u32>(),
            _ => AbiLayout::of::<u64>(),
        }
    }
}

/// A `TypeError` raised by CPython becomes ours (naming the parameter); anything else stays.
///
/// # Safety
/// An exception is set; the GIL is held.
pub(super) unsafe fn type_error_or_raised() -> ArgError {
    let api = api();
    // SAFETY: see the function docs.
    unsafe {
        if (api.PyErr_ExceptionMatches)(builtins().type_error) != 0 {
            (api.PyErr_Clear)();
            ArgError::Type
        } else {
            ArgError::Raised
        }
    }
}

impl Arg for Int {
    fn layout(&self) -> AbiLayout {
        self.layout_of()
    }

    unsafe fn lower(
        &self,
        obj: *mut PyObject,
        out: *mut u8,
        _frame: &mut Frame,
    ) -> Result<(), ArgError> {
        // SAFETY: the GIL is held; `out` is valid for `size` bytes.
        unsafe {
            let exact = type_of(obj) == builtins().int_type;
            if exact && self.size == 8 {
                // 64 bits: CPython's own conversion checks the whole range (ADR 50).
                out.cast::<u64>().write_unaligned(self.value_of_int64(obj)?);
                return Ok(());
            }
            let v = if exact {
                self.value_of_int(obj)?
            } else {
                self.value_of_other(obj)?
            };
            // In range, so the low bytes are the value in the parameter's own type.
            match self.size {
                1 => out.write(v as u8),
                2 => out.cast::<u16>().write_unaligned(v as u16),
                4 => out.cast::<u32>().write_unaligned(v as u32),
                _ => out.cast::<u64>().write_unaligned(v as u64),
            }
        }
        Ok(())
    }
}

impl Ret for Int {
    fn layout(&self) -> AbiLayout {
        self.layout_of()
    }

    unsafe fn lift(&self, value: *mut u8) -> *mut PyObject {
        let api = api();
        // SAFETY: `value` holds an integer of this size.
        unsafe {
            if self.min < 0 {
                let v = match self.size {
                    1 => value.cast::<i8>().read() as i64,
                    2 => value.cast::<i16>().read_unaligned() as i64,
                    4 => value.cast::<i32>().read_unaligned() as i64,
                    _ => value.cast::<i64>().read_unaligned(),
                };
                (api.PyLong_FromLongLong)(v)
            } else {
                let v = match self.size {
                    1 => value.read() as u64,
                    2 => value.cast::<u16>().read_unaligned() as u64,
                    4 => value.cast::<u32>().read_unaligned() as u64,
                    _ => value.cast::<u64>().read_unaligned(),
                };
                (api.PyLong_FromUnsignedLongLong)(v)
            }
        }
    }
}

/// `bool`: `True` or `False` only (a `bool` argument is one byte, 0 or 1).
pub struct Bool;

impl Arg for Bool {
    fn layout(&self) -> AbiLayout {
        AbiLayout::of::<u8>()
    }

    unsafe fn lower(
        &self,
        obj: *mut PyObject,
        out: *mut u8,
        _frame: &mut Frame,
    ) -> Result<(), ArgError> {
        let b = builtins();
        let v = if obj == b.true_ {
            1
        } else if obj == b.false_ {
            0
        } else {
            return Err(ArgError::Type);
        };
        // SAFETY: one writable byte.
        unsafe { out.write(v) };
        Ok(())
    }
}

impl Ret for Bool {
    fn layout(&self) -> AbiLayout {
        AbiLayout::of::<bool>()
    }

    unsafe fn lift(&self, value: *mut u8) -> *mut PyObject {
        let b = builtins();
        // SAFETY: a byte written by Rust as a `bool` (or a valid `bool` in memory).
        unsafe { ffi::new_ref(if value.read() != 0 { b.true_ } else { b.false_ }) }
    }
}

/// `f32` or `f64`.
pub struct Float(pub Primitive);

impl Float {
    fn layout_of(&self) -> AbiLayout {
        if self.0 == Primitive::F32 {
            AbiLayout::of::<f32>()
        } else {
            AbiLayout::of::<f64>()
        }
    }
}

impl Arg for Float {
    fn layout(&self) -> AbiLayout {
        self.layout_of()
    }

    unsafe fn lower(
        &self,
        obj: *mut PyObject,
        out: *mut u8,
        _frame: &mut Frame,
    ) -> Result<(), ArgError> {
        let api = api();
        // SAFETY: the GIL is held; `out` is valid for the float.
        unsafe {
            let v = (api.PyFloat_AsDouble)(obj);
            if v == -1.0 && !(api.PyErr_Occurred)().is_null() {
                return Err(type_error_or_raised());
            }
            if self.0 == Primitive::F32 {
                out.cast::<f32>().write_unaligned(v as f32);
            } else {
                out.cast::<f64>().write_unaligned(v);
            }
        }
        Ok(())
    }
}

impl Ret for Float {
    fn layout(&self) -> AbiLayout {
        self.layout_of()
    }

    unsafe fn lift(&self, value: *mut u8) -> *mut PyObject {
        // SAFETY: `value` holds the float.
        unsafe {
            let v = if self.0 == Primitive::F32 {
                value.cast::<f32>().read_unaligned() as f64
            } else {
                value.cast::<f64>().read_unaligned()
            };
            (api().PyFloat_FromDouble)(v)
        }
    }
}

/// `()`: `None`.
pub struct Unit;

impl Ret for Unit {
    fn layout(&self) -> AbiLayout {
        AbiLayout::of::<()>()
    }

    unsafe fn lift(&self, _value: *mut u8) -> *mut PyObject {
        // SAFETY: the GIL is held.
        unsafe { ffi::new_ref(builtins().none) }
    }
}

/// A C-like enum result: its member, found by value (`Color(value)` once per variant at init).
pub struct EnumRet {
    storage: Int,
    /// `(value, member)`, sorted by value; strong references kept for the process.
    members: Vec<(i128, *mut PyObject)>,
    name: String,
}

impl EnumRet {
    /// # Safety
    /// The GIL is held; `class` is the package's class of `def` (checked: each variant's value
    /// gives a member).
    pub unsafe fn new(
        def: &TypeDef,
        storage: Primitive,
        class: *mut PyObject,
    ) -> Result<EnumRet, Unsupported> {
        let TypeKind::Enum(e) = &def.kind else {
            return Err(Unsupported(format!("`{}` is not an enum", def.name)));
        };
        if class.is_null() {
            return Err(Unsupported(format!(
                "no class was given for `{}`",
                def.name
            )));
        }
        let api = api();
        let mut members = Vec::new();
        for v in &e.variants {
            // SAFETY: the GIL is held; every result is checked.
            let member = unsafe {
                let value = if v.value < 0 {
                    (api.PyLong_FromLongLong)(v.value as i64)
                } else {
                    (api.PyLong_FromUnsignedLongLong)(v.value as u64)
                };
                if value.is_null() {
                    (api.PyErr_Clear)();
                    return Err(Unsupported("out of memory".into()));
                }
                let args = (api.PyTuple_New)(1);
                (api.PyTuple_SetItem)(args, 0, value);
                let member = (api.PyObject_Call)(class, args, core::ptr::null_mut());
                (api.Py_DecRef)(args);
                if member.is_null() {
                    (api.PyErr_Clear)();
                    return Err(Unsupported(format!(
                        "the class given for `{}` has no member of value {}",
                        def.name, v.value
                    )));
                }
                member
            };
            members.push((v.value, member));
        }
        members.sort_by_key(|(v, _)| *v);
        Ok(EnumRet {
            storage: Int::new(storage)?,
            members,
            name: def.name.clone(),
        })
    }
}

impl Ret for EnumRet {
    fn layout(&self) -> AbiLayout {
        self.storage.layout_of()
    }

    unsafe fn lift(&self, value: *mut u8) -> *mut PyObject {
        // SAFETY: `value` holds the storage integer.
        let v: i128 = unsafe {
            let signed = self.storage.min < 0;
            match (self.storage.size, signed) {
                (1, true) => value.cast::<i8>().read() as i128,
                (1, false) => value.read() as i128,
                (2, true) => value.cast::<i16>().read_unaligned() as i128,
                (2, false) => value.cast::<u16>().read_unaligned() as i128,
                (4, true) => value.cast::<i32>().read_unaligned() as i128,
                (4, false) => value.cast::<u32>().read_unaligned() as i128,
                (_, true) => value.cast::<i64>().read_unaligned() as i128,
                (_, false) => value.cast::<u64>().read_unaligned() as i128,
            }
        };
        match self.members.binary_search_by_key(&v, |(v, _)| *v) {
            // SAFETY: a member kept alive; the GIL is held.
            Ok(i) => unsafe { ffi::new_ref(self.members[i].1) },
            Err(_) => {
                // Rust never returns a value that is not a variant (it is checked at lift when it
                // comes from elsewhere); say so rather than make one up.
                // SAFETY: the GIL is held.
                unsafe {
                    crate::python::call::raise(
                        builtins().value_error,
                        &format!("{v} is not a value of enum `{}`", self.name),
                    )
                };
                core::ptr::null_mut()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_of_every_integer() {
        for (p, lo, hi) in [
            (Primitive::U8, 0, 255),
            (Primitive::I8, -128, 127),
            (Primitive::U16, 0, 65535),
            (Primitive::I32, -(1i128 << 31), (1i128 << 31) - 1),
            (Primitive::U64, 0, u64::MAX as i128),
            (Primitive::I64, i64::MIN as i128, i64::MAX as i128),
            (Primitive::Usize, 0, usize::MAX as i128),
            (Primitive::Isize, isize::MIN as i128, isize::MAX as i128),
        ] {
            let int = Int::new(p).unwrap();
            assert_eq!((int.min, int.max), (lo, hi), "{p:?}");
            assert_eq!(int.range, format!("{} ({lo} to {hi})", p.rust_name()));
            assert_eq!(int.layout_of().size, int.size);
        }
        assert!(Int::new(Primitive::F32).is_err());
    }
}
