//! `Option<T>` by value (`{uint8_t is_some; T value}`, ADR 12) and returned `Result<T, E>`
//! (`{status; union {T ok; {E value; String message} err}}`).
//!
//! An option is `None` or the value, converted by `T`'s own conversion at the value's offset (a
//! `String` inside an option is a buffer the library only reads: the `str`'s UTF-8 borrowed, `cap`
//! 0). A result's `Ok` value is converted by `T`'s conversion; an `Err` is converted and raised in
//! native code (`raiser.rs`) when `E` has a conversion, else handed, by address, to the package's
//! raiser for the error type (`_types._e_<E>`), which copies the value and the message, frees both
//! and raises the error type's exception class: the happy path costs one byte compare.

use super::sequence::SliceArg;
use super::text::StrArg;
use super::{Arg, ArgError, Class, Ret, Unsupported};
use crate::abi::AbiShape;
use crate::abi::{Buffer, View};
use crate::model::{Inventory, TypeRef};
use crate::python::call::{Frame, builtins, raise};
use crate::python::entry::AbiLayout;
use crate::python::ffi::{self, PyObject, api};

/// `Option<T>` as a parameter.
pub struct OptionArg {
    pub inner: Box<dyn Arg>,
    pub layout: AbiLayout,
    pub offset: usize,
}

impl Arg for OptionArg {
    fn layout(&self) -> AbiLayout {
        self.layout
    }

    unsafe fn lower(
        &self,
        obj: *mut PyObject,
        out: *mut u8,
        frame: &mut Frame,
    ) -> Result<(), ArgError> {
        // SAFETY: `out` holds `layout.size` bytes; the value goes at `offset` (checked at init).
        unsafe {
            if obj == builtins().none {
                core::ptr::write_bytes(out, 0, self.layout.size);
                return Ok(());
            }
            out.write(1);
            self.inner.lower(obj, out.add(self.offset), frame)
        }
    }
}

/// A `String` or a `Vec<T>` of numbers inside data (an option's value: `Option<&str>` /
/// `Option<String>`, `Option<&[T]>` / `Option<Vec<T>>`): the view the parameter's own conversion
/// writes (`A`: [`StrArg`], [`SliceArg`]), as a `Buffer` the library only reads (`cap` 0). What it
/// points to (the `str`'s UTF-8, the exported buffer or the packed copy) stays alive for the call:
/// the object, or the frame.
pub struct ViewInData<A>(pub A);

impl<A: Arg> Arg for ViewInData<A> {
    fn layout(&self) -> AbiLayout {
        AbiLayout::of::<Buffer<u8>>()
    }

    unsafe fn lower(
        &self,
        obj: *mut PyObject,
        out: *mut u8,
        frame: &mut Frame,
    ) -> Result<(), ArgError> {
        let mut view = core::mem::MaybeUninit::<View<u8>>::uninit();
        // SAFETY: the view is written by the inner conversion (its layout is a `View`); the
        // library only reads the buffer, kept alive as said above.
        unsafe {
            self.0.lower(obj, view.as_mut_ptr().cast(), frame)?;
            let view = view.assume_init();
            out.cast::<Buffer<u8>>().write_unaligned(Buffer {
                ptr: view.ptr.cast_mut(),
                len: view.len,
                cap: 0,
            });
        }
        Ok(())
    }
}

/// `Option<T>` as a result.
pub struct OptionRet {
    pub inner: Box<dyn Ret>,
    pub layout: AbiLayout,
    pub offset: usize,
}

impl Ret for OptionRet {
    fn layout(&self) -> AbiLayout {
        self.layout
    }

    unsafe fn lift(&self, value: *mut u8) -> *mut PyObject {
        // SAFETY: `value` holds an option the library returned.
        unsafe {
            match value.read() {
                0 => ffi::new_ref(builtins().none),
                1 => self.inner.lift(value.add(self.offset)),
                tag => {
                    raise(
                        builtins().runtime_error,
                        &format!("the library returned an option tagged {tag} (neither 0 nor 1)"),
                    );
                    core::ptr::null_mut()
                }
            }
        }
    }

    unsafe fn discard(&self, value: *mut u8) {
        // SAFETY: as above.
        unsafe {
            if value.read() == 1 {
                self.inner.discard(value.add(self.offset));
            }
        }
    }
}

/// A returned `Result<T, E>`.
pub struct ResultRet {
    pub ok: Box<dyn Ret>,
    /// The package's raiser of the error type: `raiser(address of {E value; String message})`.
    pub raiser: *mut PyObject,
    /// The error raised in native code, when `E` has a native conversion (else `raiser`).
    pub native: Option<super::raiser::NativeRaise>,
    pub layout: AbiLayout,
    pub offset: usize,
}

impl Ret for ResultRet {
    fn layout(&self) -> AbiLayout {
        self.layout
    }

    #[inline]
    unsafe fn lift(&self, value: *mut u8) -> *mut PyObject {
        // SAFETY: `value` holds a result the library returned.
        unsafe {
            if value.read() == 0 {
                return self.ok.lift(value.add(self.offset));
            }
            self.error(value)
        }
    }

    unsafe fn discard(&self, value: *mut u8) {
        // SAFETY: a panic leaves the `Ok` branch's panic value (status 2), an error the error.
        unsafe {
            match value.read() {
                0 | 2 => self.ok.discard(value.add(self.offset)),
                1 => {
                    let raised = self.error(value);
                    if !raised.is_null() {
                        (api().Py_DecRef)(raised);
                    }
                    (api().PyErr_Clear)();
                }
                _ => {}
            }
        }
    }
}

impl ResultRet {
    /// The error branch: converted, freed and raised natively, else by the package's raiser
    /// (NULL with the exception set).
    #[cold]
    #[inline(never)]
    unsafe fn error(&self, value: *mut u8) -> *mut PyObject {
        // SAFETY: the GIL is held; `value` holds a result the library returned.
        unsafe {
            let status = value.read();
            if status != 1 {
                raise(
                    builtins().runtime_error,
                    &format!("the library returned a result with status {status}"),
                );
                return core::ptr::null_mut();
            }
            if let Some(native) = &self.native {
                return native.raise(value.add(self.offset));
            }
            let address = (api().PyLong_FromVoidPtr)(value.add(self.offset).cast());
            if address.is_null() {
                return core::ptr::null_mut();
            }
            let args = (api().PyTuple_New)(1);
            if args.is_null() {
                (api().Py_DecRef)(address);
                return core::ptr::null_mut();
            }
            (api().PyTuple_SetItem)(args, 0, address);
            let out = (api().PyObject_Call)(self.raiser, args, core::ptr::null_mut());
            (api().Py_DecRef)(args);
            if !out.is_null() {
                (api().Py_DecRef)(out);
                raise(
                    builtins().runtime_error,
                    "the error raiser of the package returned instead of raising",
                );
            }
            core::ptr::null_mut()
        }
    }
}

/// The conversion of the value of an option parameter `ty` (`inner`, in its ABI form inside data):
/// numbers, `bool`, enums, data enums, C-compatible records, strings and vectors of numbers.
pub(super) unsafe fn in_data_arg(
    inv: &Inventory,
    ty: &TypeRef,
    inner: &TypeRef,
    class: Class,
) -> Result<Box<dyn Arg>, Unsupported> {
    Ok(
        match inv
            .shape_of(inner)
            .map_err(|e| Unsupported(e.to_string()))?
        {
            // Named as the package's `_option_in` names the value (`f() argument 's'`).
            AbiShape::Str { owned: true } => Box::new(ViewInData(StrArg {
                // SAFETY: forwarded.
                helper: unsafe { super::helper::Helper::new(class, "a string")? },
            })),
            // `Option<&[T]>` / `Option<Vec<T>>` of numbers: the slice's conversion, as a buffer.
            AbiShape::Vec { element } => Box::new(ViewInData(SliceArg {
                element: super::element_of(inv, ty, element)?,
                // SAFETY: forwarded.
                helper: unsafe { super::helper::Helper::packed(class)? },
            })),
            // A tuple's helper names it as `_option_in` does (`f() argument 't': expected a
            // sequence of 2, got bytes`).
            AbiShape::Record { def } if def.is_tuple() => {
                // SAFETY: forwarded.
                unsafe { super::arg(inv, inner, class)? }
            }
            AbiShape::Primitive(_)
            | AbiShape::Enum { .. }
            | AbiShape::DataEnum { .. }
            | AbiShape::Record { .. }
            | AbiShape::Transparent { .. } => {
                super::plain_record_or_other(inv, inner)?;
                // SAFETY: forwarded.
                unsafe { super::arg(inv, inner, class)? }
            }
            _ => {
                return Err(Unsupported(format!(
                    "`{}` as a parameter",
                    inv.rust_spelling(ty)
                )));
            }
        },
    )
}
