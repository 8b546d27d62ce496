//! Slices and vectors of elements the compiled path does not pack itself (strings, records,
//! records owning data, tuples, data enums, nested vectors): `&[T]` and `Vec<T>` parameters are
//! converted by the package's `_slice_in`, the very function the ctypes path calls for the same
//! parameter, which returns the view as a `_ViewIn` (a `ctypes.Structure` `{ptr, len}` keeping
//! what it points to alive). The compiled path copies the view's 16 bytes out of it (through the
//! buffer protocol: no layout assumed) and keeps the object until the call is over. So both
//! paths accept the same arguments, pass the same bytes and raise the same exceptions, by
//! construction; the compiled one saves the ctypes call and the `def`.

use super::helper::Helper;
use super::{Arg, ArgError, Class, Ret, Unsupported};
use crate::abi::{Buffer, View};
use crate::python::call::Frame;
use crate::python::entry::AbiLayout;
use crate::python::ffi::{self, PyObject, api};

/// Copy the `{ptr, len}` of `view` (a `_ViewIn` a helper returned, which `frame` keeps until the
/// call is over) to `out`.
///
/// # Safety
/// The GIL is held; `view` is a new reference (handed to `frame`); `out` is valid for a
/// `View<u8>`.
pub(super) unsafe fn read_view_in(
    view: *mut PyObject,
    out: *mut u8,
    frame: &mut Frame,
) -> Result<(), ArgError> {
    // SAFETY: see the function docs; the buffer is only read when it has the view's size.
    unsafe {
        frame.keep(view);
        let Some(buffer) = frame.export(view, ffi::PYBUF_SIMPLE) else {
            return Err(ArgError::Raised);
        };
        let size = core::mem::size_of::<View<u8>>();
        let len = buffer.len;
        let fits = len as usize == size && !buffer.buf.is_null();
        if fits {
            core::ptr::copy_nonoverlapping(buffer.buf.cast::<u8>(), out, size);
        }
        frame.release_last();
        if fits {
            Ok(())
        } else {
            Err(ArgError::Value(format!(
                "the package's view has {len} bytes, not {size}"
            )))
        }
    }
}

/// `&[T]` / `Vec<T>` of elements that are not numbers: `_slice_in`'s view.
pub struct HelperView {
    helper: Helper,
}

impl HelperView {
    /// # Safety
    /// The GIL is held and the API installed.
    pub unsafe fn new(class: Class) -> Result<HelperView, Unsupported> {
        // SAFETY: forwarded.
        let helper = unsafe { Helper::new(class, "a slice")? };
        // SAFETY: forwarded.
        if !unsafe { helper.is("_slice_in") } {
            return Err(Unsupported(
                "the helper given for a slice is not `_slice_in`".into(),
            ));
        }
        Ok(HelperView { helper })
    }
}

impl Arg for HelperView {
    fn layout(&self) -> AbiLayout {
        AbiLayout::of::<View<u8>>()
    }

    unsafe fn lower(
        &self,
        obj: *mut PyObject,
        out: *mut u8,
        frame: &mut Frame,
    ) -> Result<(), ArgError> {
        // SAFETY: forwarded; the view is kept by the frame until the call is over.
        unsafe {
            let view = self.helper.call(obj)?;
            read_view_in(view, out, frame)
        }
    }
}

/// A returned `Vec<T>` / `Box<[T]>` of elements other than numbers (strings, records, C-like
/// enums, `bool`, nested vectors, data enums): the package's `_take_vec(_Buffer(ptr, len, cap),
/// codec)`, the ctypes path's own conversion of the same result (the elements copied into Python
/// values, then what they own and the buffer freed, once, also when the copy raises).
pub struct TakeVec {
    take: *mut PyObject,
    buffer: *mut PyObject,
    codec: *mut PyObject,
}

impl TakeVec {
    /// `class` is `(_take_vec, _Buffer, codec)`.
    ///
    /// # Safety
    /// The GIL is held and the API installed.
    pub unsafe fn new(class: *mut PyObject) -> Result<TakeVec, Unsupported> {
        let missing = || Unsupported("no `_take_vec` was given for a vector".into());
        if class.is_null() {
            return Err(missing());
        }
        // SAFETY: see the function docs; every result is checked; the items are kept for the
        // process.
        unsafe {
            if (api().PyTuple_Size)(class) != 3 {
                (api().PyErr_Clear)();
                return Err(missing());
            }
            let item = |i: isize| (api().PyTuple_GetItem)(class, i);
            if !super::helper::is_named(item(0), "_take_vec") {
                return Err(missing());
            }
            let item = |i: isize| ffi::new_ref(item(i));
            Ok(TakeVec {
                take: item(0),
                buffer: item(1),
                codec: item(2),
            })
        }
    }

    /// `_take_vec(_Buffer(ptr, len, cap), codec)`: a new reference, or NULL with an exception
    /// set (the buffer is freed unless `_Buffer` itself could not be made).
    ///
    /// # Safety
    /// The GIL is held; `buffer` is a buffer the library returned, taken over.
    unsafe fn take(&self, buffer: Buffer<u8>) -> *mut PyObject {
        // SAFETY: see the function docs; every result is checked and released once.
        unsafe {
            let api = api();
            let fields = [
                (api.PyLong_FromVoidPtr)(buffer.ptr.cast()),
                (api.PyLong_FromUnsignedLongLong)(buffer.len as u64),
                (api.PyLong_FromUnsignedLongLong)(buffer.cap as u64),
            ];
            let made = if fields.iter().any(|o| o.is_null()) {
                core::ptr::null_mut()
            } else {
                crate::python::vectorcall::call(api, self.buffer, 0, fields.as_ptr(), 3)
            };
            for o in fields.into_iter().filter(|o| !o.is_null()) {
                (api.Py_DecRef)(o);
            }
            if made.is_null() {
                return core::ptr::null_mut();
            }
            let args = [made, self.codec];
            let out = crate::python::vectorcall::call(api, self.take, 0, args.as_ptr(), 2);
            (api.Py_DecRef)(made);
            out
        }
    }
}

impl Ret for TakeVec {
    fn layout(&self) -> AbiLayout {
        AbiLayout::of::<Buffer<u8>>()
    }

    unsafe fn lift(&self, value: *mut u8) -> *mut PyObject {
        // SAFETY: `value` holds a `Buffer` the library returned, taken over.
        unsafe { self.take(value.cast::<Buffer<u8>>().read_unaligned()) }
    }

    unsafe fn discard(&self, value: *mut u8) {
        // SAFETY: as above; the panic value is an empty vector: freed the same way, unseen.
        unsafe {
            let buffer = value.cast::<Buffer<u8>>().read_unaligned();
            if buffer.cap == 0 && buffer.len == 0 {
                return;
            }
            let out = self.take(buffer);
            if out.is_null() {
                (api().PyErr_Clear)();
            } else {
                (api().Py_DecRef)(out);
            }
        }
    }
}
