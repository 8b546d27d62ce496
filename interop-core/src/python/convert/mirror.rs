//! Records that own data (`String`, `Vec<T>` fields) or hold views, by value: they cross as their
//! ABI mirror (`_Person_abi`, a `ctypes.Structure`), which the package's codecs fill and read field
//! by field. The compiled path calls the ctypes path's own functions for them: a parameter is
//! `_record_in(value, name, codec)` (the mirror, keeping what it points to alive; its bytes copied
//! through the buffer protocol, the object kept until the call is over), a result
//! `_take(mirror, codec)` (the fields copied into the dataclass, then what they own freed, once,
//! also when the copy raises). The same inputs are accepted, the same bytes passed and the same
//! exceptions raised on both paths, by construction; the compiled one saves the ctypes call.

use super::helper::{Helper, is_named};
use super::{Arg, ArgError, Class, Ret, Unsupported};
use crate::python::call::Frame;
use crate::python::entry::AbiLayout;
use crate::python::ffi::{self, PyObject, api};

/// A record owning data as a parameter: `_record_in`'s mirror.
pub struct MirrorArg {
    helper: Helper,
    layout: AbiLayout,
}

impl MirrorArg {
    /// `class` is `(_record_in, codec)`; the value is named by its place (`f() argument 'p'`),
    /// as the ctypes path's call of `_record_in` does.
    ///
    /// # Safety
    /// The GIL is held and the API installed.
    pub unsafe fn new(class: Class, layout: AbiLayout) -> Result<MirrorArg, Unsupported> {
        // SAFETY: forwarded.
        let helper = unsafe { Helper::new(class, "a record owning data")? };
        // SAFETY: forwarded.
        if !unsafe { helper.is("_record_in") } {
            return Err(Unsupported(
                "no `_record_in` was given for a record owning data".into(),
            ));
        }
        Ok(MirrorArg { helper, layout })
    }
}

impl Arg for MirrorArg {
    fn layout(&self) -> AbiLayout {
        self.layout
    }

    unsafe fn lower(
        &self,
        obj: *mut PyObject,
        out: *mut u8,
        frame: &mut Frame,
    ) -> Result<(), ArgError> {
        // SAFETY: the GIL is held; the mirror is kept by the frame until the call is over; its
        // bytes are read only when the buffer has the mirror's size.
        unsafe {
            let mirror = self.helper.call(obj)?;
            frame.keep(mirror);
            let Some(buffer) = frame.export(mirror, ffi::PYBUF_SIMPLE) else {
                return Err(ArgError::Raised);
            };
            let len = buffer.len as usize;
            let fits = len == self.layout.size && !buffer.buf.is_null();
            if fits {
                core::ptr::copy_nonoverlapping(buffer.buf.cast::<u8>(), out, len);
            }
            frame.release_last();
            if fits {
                Ok(())
            } else {
                Err(ArgError::Value(format!(
                    "the package's mirror has {len} bytes, not {}",
                    self.layout.size
                )))
            }
        }
    }
}

/// A record owning data as a result: `_take(mirror.from_buffer_copy(bytes), codec)`.
pub struct MirrorRet {
    take: *mut PyObject,
    from_buffer_copy: *mut PyObject,
    codec: *mut PyObject,
    layout: AbiLayout,
}

impl MirrorRet {
    /// `class` is `(_take, mirror, codec)`; `layout` the mirror's (the model's) layout.
    ///
    /// # Safety
    /// The GIL is held and the API installed.
    pub unsafe fn new(class: *mut PyObject, layout: AbiLayout) -> Result<MirrorRet, Unsupported> {
        let missing = || Unsupported("no `_take` was given for a record owning data".into());
        if class.is_null() {
            return Err(missing());
        }
        // SAFETY: see the function docs; every result is checked; what is kept is kept for the
        // process.
        unsafe {
            if (api().PyTuple_Size)(class) != 3 {
                (api().PyErr_Clear)();
                return Err(missing());
            }
            let item = |i: isize| (api().PyTuple_GetItem)(class, i);
            if !is_named(item(0), "_take") {
                return Err(missing());
            }
            let from_buffer_copy =
                (api().PyObject_GetAttrString)(item(1), c"from_buffer_copy".as_ptr());
            if from_buffer_copy.is_null() {
                (api().PyErr_Clear)();
                return Err(missing());
            }
            Ok(MirrorRet {
                take: ffi::new_ref(item(0)),
                from_buffer_copy,
                codec: ffi::new_ref(item(2)),
                layout,
            })
        }
    }
}

impl Ret for MirrorRet {
    fn layout(&self) -> AbiLayout {
        self.layout
    }

    unsafe fn lift(&self, value: *mut u8) -> *mut PyObject {
        // SAFETY: the GIL is held; `value` holds the mirror's bytes, taken over; every result is
        // checked and released once (`from_buffer_copy` checks the size).
        unsafe {
            let api = api();
            let memory = (api.PyMemoryView_FromMemory)(
                value.cast(),
                self.layout.size as isize,
                ffi::PYBUF_READ,
            );
            if memory.is_null() {
                return core::ptr::null_mut();
            }
            let args = [memory];
            let mirror =
                crate::python::vectorcall::call(api, self.from_buffer_copy, 0, args.as_ptr(), 1);
            (api.Py_DecRef)(memory);
            if mirror.is_null() {
                return core::ptr::null_mut();
            }
            let args = [mirror, self.codec];
            let out = crate::python::vectorcall::call(api, self.take, 0, args.as_ptr(), 2);
            (api.Py_DecRef)(mirror);
            out
        }
    }

    unsafe fn discard(&self, value: *mut u8) {
        // SAFETY: as above; the panic value (empty strings and vectors) is freed the same way,
        // unseen.
        unsafe {
            let out = self.lift(value);
            if out.is_null() {
                (api().PyErr_Clear)();
            } else {
                (api().Py_DecRef)(out);
            }
        }
    }
}
