//! Slices and vectors of numbers (and `bool`): `&[T]`, `Vec<T>` and `Box<[T]>` parameters borrow
//! any buffer of the element's format as it is (`bytes`, `bytearray`, `memoryview`,
//! `array.array`, numpy and ctypes arrays: `PyObject_GetBuffer`, exported until the call returns),
//! anything else goes through the package's `_packed` (lists and tuples packed into new memory in
//! one pass, the ctypes path's errors for the rest). The format check is the ctypes path's: one
//! format character of the element's kind, after a native byte-order prefix, and the element's
//! size; contiguous in C order. A returned vector of numbers other than `u8` (those are `bytes`:
//! [`OwnedBytesRet`](super::text::OwnedBytesRet)) is an `array.array` of the same typecode as on
//! the ctypes path; one copy, and the buffer freed.

use core::ffi::CStr;

use super::helper::Helper;
use super::text::free;
use super::{Arg, ArgError, Ret, Unsupported};
use crate::abi::{Buffer, View};
use crate::model::Primitive;
use crate::python::call::{Frame, builtins};
use crate::python::entry::AbiLayout;
use crate::python::ffi::{self, PyObject, api};

/// What a buffer's elements must be.
#[derive(Debug, Clone, Copy)]
pub struct Element {
    /// `u`nsigned, `i` signed, `f`loat or `?` (bool).
    kind: u8,
    pub(super) size: usize,
    pub(super) align: usize,
}

impl Element {
    /// The element of a slice or vector when it is a number or `bool`, of the size and alignment
    /// the library measured.
    pub fn of(p: Primitive, size: u64, align: u64) -> Option<Element> {
        let kind = match p {
            Primitive::Bool => b'?',
            Primitive::U8 | Primitive::U16 | Primitive::U32 | Primitive::U64 | Primitive::Usize => {
                b'u'
            }
            Primitive::I8 | Primitive::I16 | Primitive::I32 | Primitive::I64 | Primitive::Isize => {
                b'i'
            }
            Primitive::F32 | Primitive::F64 => b'f',
            _ => return None,
        };
        Some(Element {
            kind,
            size: size as usize,
            align: align.max(1) as usize,
        })
    }

    /// A number (not `bool`): a vector of it is an `array.array`.
    pub fn is_number(&self) -> bool {
        self.kind != b'?'
    }

    /// `u8`: a vector of it is `bytes`.
    pub fn is_byte(&self) -> bool {
        self.kind == b'u' && self.size == 1
    }

    /// The format characters a buffer of this element may have (the ctypes path's `formats`).
    fn formats(&self) -> &'static [u8] {
        match self.kind {
            b'u' if self.size == 1 => b"BHILQNc",
            b'u' => b"BHILQN",
            b'i' => b"bhilqn",
            b'f' => b"efd",
            _ => b"?",
        }
    }

    /// Whether `view` holds contiguous elements of this kind and size.
    ///
    /// # Safety
    /// The GIL is held; `view` was filled by an exporter.
    pub(super) unsafe fn accepts(&self, view: &ffi::PyBuffer) -> bool {
        if view.itemsize as usize != self.size || !view.suboffsets.is_null() {
            return false;
        }
        let format: &[u8] = if view.format.is_null() {
            b"B"
        } else {
            // SAFETY: a NUL-terminated format string owned by the exporter.
            unsafe { CStr::from_ptr(view.format) }.to_bytes()
        };
        let native = if cfg!(target_endian = "little") {
            b'<'
        } else {
            b'>'
        };
        let format = match format {
            [b'@' | b'=', rest @ ..] => rest,
            [first, rest @ ..] if *first == native => rest,
            other => other,
        };
        let [one] = format else { return false };
        // SAFETY: a filled view.
        self.formats().contains(one)
            && unsafe { (api().PyBuffer_IsContiguous)(view, b'C' as _) } != 0
    }

    /// The `array` typecode of the ctypes path (`_typecode`: the first of `BHIQ`, `bhiq`, `fd` of
    /// the element's size).
    fn typecode(&self) -> Option<&'static CStr> {
        Some(match (self.kind, self.size) {
            (b'u', 1) => c"B",
            (b'u', 2) => c"H",
            (b'u', 4) => c"I",
            (b'u', 8) => c"Q",
            (b'i', 1) => c"b",
            (b'i', 2) => c"h",
            (b'i', 4) => c"i",
            (b'i', 8) => c"q",
            (b'f', 4) => c"f",
            (b'f', 8) => c"d",
            _ => return None,
        })
    }
}

/// `&[T]`, `Vec<T>`, `Box<[T]>` as a parameter: a `View<T>`.
pub struct SliceArg {
    pub element: Element,
    pub helper: Helper,
}

/// Write the view of the `count` elements at `ptr` (NULL when empty).
///
/// # Safety
/// `out` is valid for a `View<u8>`.
#[inline(always)]
unsafe fn write_view(out: *mut u8, ptr: *mut core::ffi::c_void, count: usize) {
    let ptr = if count == 0 {
        core::ptr::null()
    } else {
        ptr.cast_const().cast()
    };
    // SAFETY: see the function docs.
    unsafe {
        out.cast::<View<u8>>()
            .write_unaligned(View { ptr, len: count })
    };
}

impl Arg for SliceArg {
    fn layout(&self) -> AbiLayout {
        AbiLayout::of::<View<u8>>()
    }

    unsafe fn lower(
        &self,
        obj: *mut PyObject,
        out: *mut u8,
        frame: &mut Frame,
    ) -> Result<(), ArgError> {
        // SAFETY: the GIL is held; `obj` outlives the call; exported buffers stay exported (and
        // so in place and alive) until the frame is released after the call.
        unsafe {
            if self.element.is_byte() && ffi::type_of(obj) == builtins().bytes_type {
                // `bytes` (the common case): immutable, alive as long as the call's argument.
                let ptr = (api().PyBytes_AsString)(obj);
                let len = (api().PyBytes_Size)(obj);
                if !ptr.is_null() && len >= 0 {
                    write_view(out, ptr.cast(), len as usize);
                    return Ok(());
                }
                (api().PyErr_Clear)();
            }
            match frame.export(obj, ffi::PYBUF_RECORDS_RO) {
                Some(view) => {
                    if self.element.accepts(view) {
                        let count = view.len as usize / self.element.size;
                        write_view(out, view.buf, count);
                        return Ok(());
                    }
                    frame.release_last();
                }
                None => (api().PyErr_Clear)(),
            }
            self.packed(obj, out, frame)
        }
    }
}

impl SliceArg {
    /// Not a buffer of the element's format: what the package's `_packed` makes of `obj`.
    #[cold]
    unsafe fn packed(
        &self,
        obj: *mut PyObject,
        out: *mut u8,
        frame: &mut Frame,
    ) -> Result<(), ArgError> {
        // SAFETY: as in `lower`; the packed object is kept until the call is over.
        unsafe {
            let packed = self.helper.call(obj)?;
            frame.keep(packed);
            let Some(view) = frame.export(packed, ffi::PYBUF_SIMPLE) else {
                return Err(ArgError::Raised);
            };
            let bytes = view.len as usize;
            if !bytes.is_multiple_of(self.element.size) {
                frame.release_last();
                return Err(ArgError::Value(format!(
                    "packed into {bytes} bytes, not a whole number of {}-byte elements",
                    self.element.size
                )));
            }
            write_view(out, view.buf, bytes / self.element.size);
            Ok(())
        }
    }
}

/// A returned vector of other numbers: an `array.array` (`frombytes` of a memoryview of the
/// buffer: one copy).
pub struct ArrayRet {
    array: *mut PyObject,
    typecode: *mut PyObject,
    element: Element,
}

impl ArrayRet {
    /// # Safety
    /// The GIL is held; `array` is the class handed over for the result (`array.array`).
    pub unsafe fn new(array: *mut PyObject, element: Element) -> Result<ArrayRet, Unsupported> {
        let code = element
            .typecode()
            .ok_or_else(|| Unsupported("a vector of booleans is a list".into()))?;
        if array.is_null() {
            return Err(Unsupported("no array class was given for a vector".into()));
        }
        // SAFETY: the GIL is held.
        let typecode = unsafe { (api().PyUnicode_InternFromString)(code.as_ptr()) };
        if typecode.is_null() {
            // SAFETY: the GIL is held.
            unsafe { (api().PyErr_Clear)() };
            return Err(Unsupported("out of memory".into()));
        }
        Ok(ArrayRet {
            array,
            typecode,
            element,
        })
    }

    /// A new `array.array` of the `count` elements at `ptr`; NULL with an exception set.
    ///
    /// # Safety
    /// The GIL is held; `ptr` is valid for `count` elements.
    unsafe fn array_of(&self, ptr: *mut u8, count: usize) -> *mut PyObject {
        // SAFETY: see the function docs; every result is checked and released once.
        unsafe {
            let args = (api().PyTuple_New)(1);
            if args.is_null() {
                return core::ptr::null_mut();
            }
            (api().PyTuple_SetItem)(args, 0, ffi::new_ref(self.typecode));
            let array = (api().PyObject_Call)(self.array, args, core::ptr::null_mut());
            (api().Py_DecRef)(args);
            if array.is_null() || count == 0 {
                return array;
            }
            let memory = (api().PyMemoryView_FromMemory)(
                ptr.cast(),
                (count * self.element.size) as isize,
                ffi::PYBUF_READ,
            );
            let frombytes = (api().PyObject_GetAttrString)(array, c"frombytes".as_ptr());
            let args = if memory.is_null() || frombytes.is_null() {
                core::ptr::null_mut()
            } else {
                (api().PyTuple_New)(1)
            };
            let done = if args.is_null() {
                core::ptr::null_mut()
            } else {
                (api().PyTuple_SetItem)(args, 0, ffi::new_ref(memory));
                (api().PyObject_Call)(frombytes, args, core::ptr::null_mut())
            };
            for o in [args, frombytes, memory, done] {
                if !o.is_null() {
                    (api().Py_DecRef)(o);
                }
            }
            if done.is_null() {
                (api().Py_DecRef)(array);
                return core::ptr::null_mut();
            }
            array
        }
    }
}

impl Ret for ArrayRet {
    fn layout(&self) -> AbiLayout {
        AbiLayout::of::<Buffer<u8>>()
    }

    unsafe fn lift(&self, value: *mut u8) -> *mut PyObject {
        // SAFETY: `value` holds a `Buffer<T>` the library returned, freed once below.
        unsafe {
            let buffer = value.cast::<Buffer<u8>>().read_unaligned();
            let array = self.array_of(buffer.ptr, buffer.len);
            free(&buffer, self.element.size, self.element.align);
            array
        }
    }

    unsafe fn discard(&self, value: *mut u8) {
        // SAFETY: as above.
        unsafe {
            free(
                &value.cast::<Buffer<u8>>().read_unaligned(),
                self.element.size,
                self.element.align,
            )
        };
    }
}
