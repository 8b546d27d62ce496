//! Writable slices of numbers, `bool` and C-like enums: `&mut [T]` and `Option<&mut [T]>`
//! parameters (ADR 53, ADR 55). A writable buffer of the element's format (`bytearray`,
//! `array.array`, a writable `memoryview`, numpy and ctypes arrays) is borrowed in place and
//! written through (`PyObject_GetBuffer` with `PyBUF_RECORDS`, exported until the call returns);
//! `None` is a NULL pointer for the option. Everything else goes to the package's own
//! `_slice_mut_in` / `_opt_slice_mut_in`, the ctypes path's conversion of the same parameter: a
//! list is copied in (its elements checked there) and written back by `_write_back` once the shim
//! returned, also when it failed (the ctypes path's `finally`); what it refuses (a read-only or
//! non-contiguous buffer, a buffer of another format, a tuple, an element of the wrong type) it
//! refuses with its own exception and message.

use super::helper::Helper;
use super::sequence::Element;
use super::view_in::read_view_in;
use super::{Arg, ArgError, Class, Unsupported};
use crate::abi::ViewMut;
use crate::python::call::{Frame, builtins};
use crate::python::entry::AbiLayout;
use crate::python::ffi::{self, PyObject, api};

/// `&mut [T]` (or `Option<&mut [T]>`: `nullable`): buffers borrowed for elements of numbers,
/// `bool` or a C-like enum (`element`); records (`None`) always go to the helper, as the ctypes
/// path takes no buffer for them.
pub struct MutSliceArg {
    element: Option<Element>,
    helper: Helper,
    write_back: *mut PyObject,
    nullable: bool,
}

impl MutSliceArg {
    /// # Safety
    /// The GIL is held and the API installed.
    pub unsafe fn new(
        element: Option<Element>,
        class: Class,
        nullable: bool,
    ) -> Result<MutSliceArg, Unsupported> {
        // SAFETY: forwarded.
        let (helper, write_back) = unsafe { Helper::with_last(class, "a writable slice")? };
        let expected = if nullable {
            "_opt_slice_mut_in"
        } else {
            "_slice_mut_in"
        };
        // SAFETY: forwarded.
        if !unsafe { helper.is(expected) } {
            return Err(Unsupported(format!(
                "the helper given for a writable slice is not `{expected}`"
            )));
        }
        Ok(MutSliceArg {
            element,
            helper,
            write_back,
            nullable,
        })
    }
}

/// Write the view `{ptr, len}`.
///
/// # Safety
/// `out` is valid for a `ViewMut<u8>`.
#[inline(always)]
unsafe fn write_view(out: *mut u8, ptr: *mut u8, len: usize) {
    // SAFETY: see the function docs.
    unsafe {
        out.cast::<ViewMut<u8>>()
            .write_unaligned(ViewMut { ptr, len })
    };
}

impl Arg for MutSliceArg {
    fn layout(&self) -> AbiLayout {
        AbiLayout::of::<ViewMut<u8>>()
    }

    unsafe fn lower(
        &self,
        obj: *mut PyObject,
        out: *mut u8,
        frame: &mut Frame,
    ) -> Result<(), ArgError> {
        // SAFETY: the GIL is held; `obj` outlives the call; an exported buffer stays exported
        // (in place, alive, not resizable) until the frame is released after the call.
        unsafe {
            if self.nullable && obj == builtins().none {
                write_view(out, core::ptr::null_mut(), 0);
                return Ok(());
            }
            let Some(element) = &self.element else {
                return self.by_helper(obj, out, frame);
            };
            match frame.export(obj, ffi::PYBUF_RECORDS) {
                Some(view) => {
                    if element.accepts(view) {
                        let count = view.len as usize / element.size;
                        let ptr = if count != 0 {
                            view.buf.cast::<u8>()
                        } else if self.nullable {
                            // `Some` of an empty slice: not NULL, aligned, never read.
                            element.align as *mut u8
                        } else {
                            core::ptr::null_mut()
                        };
                        write_view(out, ptr, count);
                        return Ok(());
                    }
                    frame.release_last();
                }
                None => (api().PyErr_Clear)(),
            }
            self.by_helper(obj, out, frame)
        }
    }
}

impl MutSliceArg {
    /// Not a writable buffer of the element's format: the ctypes path's conversion, and its
    /// write-back after the call.
    #[cold]
    unsafe fn by_helper(
        &self,
        obj: *mut PyObject,
        out: *mut u8,
        frame: &mut Frame,
    ) -> Result<(), ArgError> {
        // SAFETY: forwarded; the view is kept by the frame until the call is over, and
        // `write_back` for the process.
        unsafe {
            let view = self.helper.call(obj)?;
            read_view_in(view, out, frame)?;
            frame.after_call(self.write_back, view);
            Ok(())
        }
    }
}
