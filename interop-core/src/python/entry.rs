//! One vectorcall entry per ABI signature.
//!
//! [`Signature`] is implemented for every shim type `unsafe extern "C" fn(A0, …, An) -> R` (up to
//! the 16 parameters of [`MAX_PARAMS`](crate::shim::MAX_PARAMS)), without any bound on the types:
//! the entry only moves bytes. It binds and converts the arguments into a frame of
//! `MaybeUninit<Ai>` (non-generic code, [`call::arguments`]), calls the shim with the frame's
//! values and hands the result's bytes to [`call::finish`]. Each parameter's conversion writes
//! exactly the bytes of its ABI value, whose size and alignment the init compared with
//! [`PyCall::params`] (the shim's real types), so every value the shim receives is initialized.

use core::mem::MaybeUninit;

use super::call::{self, Frame};
use super::ffi::{PyObject, VectorCall};
use super::function::FunctionObject;

/// Size and alignment of an ABI value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AbiLayout {
    pub size: usize,
    pub align: usize,
}

impl AbiLayout {
    pub const fn of<T>() -> AbiLayout {
        AbiLayout {
            size: core::mem::size_of::<T>(),
            align: core::mem::align_of::<T>(),
        }
    }
}

/// What the compiled path needs to call a shim of one ABI signature.
pub struct PyCall {
    /// The vectorcall entry (the callable's `vectorcall` slot).
    pub entry: VectorCall,
    /// The layouts of the shim's parameters.
    pub params: &'static [AbiLayout],
    /// The layout of its result.
    pub ret: AbiLayout,
}

/// A shim type: `unsafe extern "C" fn(A0, …) -> R`.
pub trait Signature {
    const CALL: &'static PyCall;
}

/// The [`PyCall`] of a shim's type (`f` is the shim coerced to its function pointer type; used in
/// the static descriptor `#[ffi]` writes).
pub const fn python_call<F: Signature>(_f: &F) -> &'static PyCall {
    F::CALL
}

macro_rules! entries {
    ($($entry:ident($($a:ident $i:tt),*);)*) => {$(
        impl<$($a,)* R> Signature for unsafe extern "C" fn($($a),*) -> R {
            const CALL: &'static PyCall = &PyCall {
                entry: $entry::<$($a,)* R>,
                params: &[$(AbiLayout::of::<$a>()),*],
                ret: AbiLayout::of::<R>(),
            };
        }

        /// The vectorcall entry of the signature (see the module docs).
        ///
        /// # Safety
        /// Installed only as the `vectorcall` slot of a [`FunctionObject`] whose shim has this
        /// signature (checked at init); called by CPython with the GIL held.
        #[allow(unused_variables, unused_mut, clippy::unused_unit)]
        unsafe extern "C" fn $entry<$($a,)* R>(
            callable: *mut PyObject,
            args: *const *mut PyObject,
            nargsf: usize,
            kwnames: *mut PyObject,
        ) -> *mut PyObject {
            // SAFETY: CPython calls the slot with the object it belongs to.
            let f = unsafe { FunctionObject::data(callable) };
            let mut values: ($(MaybeUninit<$a>,)*) = ($(MaybeUninit::<$a>::uninit(),)*);
            let slots: &[*mut u8] = &[$((&raw mut values.$i).cast::<u8>()),*];
            let mut frame = Frame::new();
            // SAFETY: `slots` point to storage of the layouts the init checked for each parameter.
            if !unsafe { call::arguments(f, args, nargsf, kwnames, slots, &mut frame) } {
                return core::ptr::null_mut();
            }
            // SAFETY: the shim of this function has exactly this signature (the descriptor took
            // this `PyCall` from the shim's own type).
            let shim = unsafe {
                core::mem::transmute::<*const (), unsafe extern "C" fn($($a),*) -> R>(f.shim)
            };
            let mut out = MaybeUninit::<R>::uninit();
            // SAFETY: every slot was written with a value of its ABI type.
            unsafe {
                if f.release_gil {
                    let state = call::release_gil();
                    out.write(shim($(values.$i.assume_init()),*));
                    call::restore_gil(state);
                } else {
                    out.write(shim($(values.$i.assume_init()),*));
                }
            }
            // SAFETY: `out` holds the shim's result; `finish` takes it over.
            unsafe { call::finish(f, out.as_mut_ptr().cast(), &mut frame) }
        }
    )*};
}

entries! {
    entry0();
    entry1(A0 0);
    entry2(A0 0, A1 1);
    entry3(A0 0, A1 1, A2 2);
    entry4(A0 0, A1 1, A2 2, A3 3);
    entry5(A0 0, A1 1, A2 2, A3 3, A4 4);
    entry6(A0 0, A1 1, A2 2, A3 3, A4 4, A5 5);
    entry7(A0 0, A1 1, A2 2, A3 3, A4 4, A5 5, A6 6);
    entry8(A0 0, A1 1, A2 2, A3 3, A4 4, A5 5, A6 6, A7 7);
    entry9(A0 0, A1 1, A2 2, A3 3, A4 4, A5 5, A6 6, A7 7, A8 8);
    entry10(A0 0, A1 1, A2 2, A3 3, A4 4, A5 5, A6 6, A7 7, A8 8, A9 9);
    entry11(A0 0, A1 1, A2 2, A3 3, A4 4, A5 5, A6 6, A7 7, A8 8, A9 9, A10 10);
    entry12(A0 0, A1 1, A2 2, A3 3, A4 4, A5 5, A6 6, A7 7, A8 8, A9 9, A10 10, A11 11);
    entry13(A0 0, A1 1, A2 2, A3 3, A4 4, A5 5, A6 6, A7 7, A8 8, A9 9, A10 10, A11 11, A12 12);
    entry14(A0 0, A1 1, A2 2, A3 3, A4 4, A5 5, A6 6, A7 7, A8 8, A9 9, A10 10, A11 11, A12 12, A13 13);
    entry15(A0 0, A1 1, A2 2, A3 3, A4 4, A5 5, A6 6, A7 7, A8 8, A9 9, A10 10, A11 11, A12 12, A13 13, A14 14);
    entry16(A0 0, A1 1, A2 2, A3 3, A4 4, A5 5, A6 6, A7 7, A8 8, A9 9, A10 10, A11 11, A12 12, A13 13, A14 14, A15 15);
}
