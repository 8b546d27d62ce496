//! Text: `&str` (a view borrowed for the call), `String` (copied in, returned as an owned buffer)
//! and `&CStr` (a NUL-terminated `const char *`).
//!
//! | type | as an argument | returned | inside other data |
//! |---|---|---|---|
//! | `&str` | [`View<u8>`], UTF-8 checked, borrowed | — | [`View<u8>`] |
//! | `String` | [`View<u8>`], UTF-8 checked, copied | [`Buffer<u8>`] the receiver frees | [`Buffer<u8>`] (`cap` ignored coming in) |
//! | `&CStr` | `const char *`, not NULL | `&'static CStr` only | `const char *` |

use core::ffi::{CStr, c_char};
use core::mem::ManuallyDrop;

use super::vecs::lower_vec;
use super::views::check;
use super::{Lift, LiftError, Lower, held};
use crate::FfiType;
use crate::abi::{Buffer, View};
use crate::model::TypeRef;
use crate::registry::{DescribeFn, Registry};

/// The UTF-8 text `{ptr, len}`, borrowed after its checks.
///
/// # Safety
/// A non-NULL `ptr` is valid for reads of `len` bytes for `'a`.
#[inline(always)]
pub(crate) unsafe fn text<'a>(ptr: *const u8, len: usize) -> Result<&'a str, LiftError> {
    let ptr = check(ptr, len)?;
    // SAFETY: the view was checked; the caller vouches for the bytes.
    let bytes = unsafe { core::slice::from_raw_parts(ptr, len) };
    core::str::from_utf8(bytes).map_err(|e| utf8(e.valid_up_to()))
}

/// The text `{ptr, len}` known to be UTF-8 (CPython's UTF-8 form of a `str`, ADR 52): the view's
/// checks, not the bytes'.
///
/// # Safety
/// As for [`text`], and the bytes are valid UTF-8.
#[inline(always)]
pub(crate) unsafe fn known_utf8<'a>(ptr: *const u8, len: usize) -> Result<&'a str, LiftError> {
    let ptr = check(ptr, len)?;
    // SAFETY: the view was checked; the caller vouches for the bytes and their encoding.
    Ok(unsafe { core::str::from_utf8_unchecked(core::slice::from_raw_parts(ptr, len)) })
}

/// Kept inline (two words, no call): the shim's failure path needs no stack frame for it.
#[inline(always)]
fn utf8(valid_up_to: usize) -> LiftError {
    LiftError::utf8(valid_up_to)
}

unsafe impl FfiType for &str {
    fn describe(_: &mut Registry) -> TypeRef {
        TypeRef::Str
    }

    /// `""`.
    #[inline(always)]
    fn panic_value() -> Self {
        ""
    }

    type Abi = View<u8>;
    const IDENTITY: bool = false;

    #[inline(always)]
    unsafe fn from_abi(p: *const View<u8>) -> Result<Self, LiftError> {
        // SAFETY: the caller vouches for the view and its bytes.
        unsafe {
            let view = p.read_unaligned();
            text(view.ptr, view.len)
        }
    }

    #[inline(always)]
    fn into_abi(self) -> View<u8> {
        View {
            ptr: self.as_ptr(),
            len: self.len(),
        }
    }
}

/// `&str` as an argument: a view of UTF-8 bytes (NULL allowed for the empty string), checked and
/// borrowed for the call.
unsafe impl<'a> Lift for &'a str {
    type Abi = View<u8>;
    type Held = ManuallyDrop<&'a str>;
    const DESCRIBE: DescribeFn = <Self as FfiType>::describe;

    #[inline(always)]
    unsafe fn lift(abi: View<u8>) -> Result<Self::Held, LiftError> {
        // SAFETY: forwarded from the caller.
        held(unsafe { text(abi.ptr, abi.len) })
    }

    /// The compiled Python path's view: CPython's UTF-8 form, not validated again (ADR 52).
    #[inline(always)]
    unsafe fn lift_known_utf8(abi: View<u8>) -> Result<Self::Held, LiftError> {
        // SAFETY: forwarded from the caller (the bytes are UTF-8).
        held(unsafe { known_utf8(abi.ptr, abi.len) })
    }
}

unsafe impl FfiType for String {
    fn describe(_: &mut Registry) -> TypeRef {
        TypeRef::String
    }

    /// The empty string (no allocation).
    #[inline(always)]
    fn panic_value() -> Self {
        String::new()
    }

    type Abi = Buffer<u8>;
    const IDENTITY: bool = false;
    const OWNS: bool = true;

    /// Copies the text; `cap` is ignored (the memory stays the caller's).
    #[inline]
    unsafe fn from_abi(p: *const Buffer<u8>) -> Result<Self, LiftError> {
        // SAFETY: the caller vouches for the buffer and its bytes.
        unsafe {
            let buffer = p.read_unaligned();
            text(buffer.ptr, buffer.len).map(str::to_owned)
        }
    }

    /// The string's own allocation, handed over.
    #[inline]
    fn into_abi(self) -> Buffer<u8> {
        lower_vec(self.into_bytes())
    }

    const CALLBACK_RETURN: bool = true;

    /// A `cap > 0` buffer becomes the string (checked, not copied; freed when a check fails);
    /// `cap == 0` is copied. The checks of [`super::vecs::take_buffer`] in its order (`len > cap`,
    /// then the view, then UTF-8, once), written out for bytes: this runs after every call of a
    /// closure returning a `String` (ADR 54, second addendum).
    #[inline]
    unsafe fn take_abi(p: *mut Buffer<u8>) -> Result<Self, LiftError> {
        // SAFETY: forwarded.
        unsafe { take_string(p, false) }
    }

    /// As [`take_abi`](FfiType::take_abi) without the UTF-8 check: the slot was written by the
    /// library's own compiled Python trampoline (ADR 54, third addendum).
    #[inline]
    unsafe fn take_abi_known_utf8(p: *mut Buffer<u8>) -> Result<Self, LiftError> {
        // SAFETY: forwarded (the bytes are UTF-8).
        unsafe { take_string(p, true) }
    }

    #[inline]
    unsafe fn free_abi(p: *mut Buffer<u8>) {
        // SAFETY: forwarded.
        unsafe { <Vec<u8> as FfiType>::free_abi(p) }
    }
}

/// [`FfiType::take_abi`] of a `String`; `known_utf8`: the bytes are not checked again.
///
/// # Safety
/// As for [`FfiType::take_abi`]; with `known_utf8` the bytes are valid UTF-8.
#[inline(always)]
unsafe fn take_string(p: *mut Buffer<u8>, known_utf8: bool) -> Result<String, LiftError> {
    // SAFETY: the caller vouches for the buffer (an allocation of `cap` bytes when `cap > 0`).
    let b = unsafe { p.read_unaligned() };
    let view = |ptr: *const u8, len: usize| {
        if known_utf8 {
            // SAFETY: as above, and the bytes are UTF-8 (the caller's promise).
            unsafe { self::known_utf8(ptr, len) }
        } else {
            // SAFETY: as above.
            unsafe { text(ptr, len) }
        }
    };
    if b.cap == 0 {
        // Borrowed bytes the callee keeps alive until this returns.
        return view(b.ptr, b.len).map(str::to_owned);
    }
    let checked = if b.len > b.cap {
        Err(LiftError::new(super::Invalid::LenOverCap {
            len: b.len,
            cap: b.cap,
        }))
    } else {
        // `len <= cap` bytes of the allocation (or NULL, refused unless `len == 0`).
        view(b.ptr, b.len).map(|_| ())
    };
    match checked {
        // SAFETY: an allocation of the global allocator for `cap` bytes (`interop_buffer_alloc`
        // with size and alignment 1) holding `len <= cap` bytes of UTF-8, taken once.
        Ok(()) if !b.ptr.is_null() => Ok(unsafe { String::from_raw_parts(b.ptr, b.len, b.cap) }),
        Ok(()) => Ok(String::new()),
        Err(e) => {
            // SAFETY: the buffer is Rust's (`cap > 0`), freed once; NULL is ignored.
            unsafe { crate::abi::free::interop_buffer_free(b.ptr.cast(), b.cap, 1, 1) };
            Err(e)
        }
    }
}

/// `String` as an argument: the same view as `&str`, copied into a new `String` (the caller keeps
/// its memory).
unsafe impl Lift for String {
    type Abi = View<u8>;
    type Held = ManuallyDrop<String>;
    const DESCRIBE: DescribeFn = <Self as FfiType>::describe;

    #[inline]
    unsafe fn lift(abi: View<u8>) -> Result<Self::Held, LiftError> {
        // SAFETY: forwarded from the caller.
        held(unsafe { text(abi.ptr, abi.len) }.map(str::to_owned))
    }

    /// As for `&str`: copied without validating it again (ADR 52).
    #[inline]
    unsafe fn lift_known_utf8(abi: View<u8>) -> Result<Self::Held, LiftError> {
        // SAFETY: forwarded from the caller (the bytes are UTF-8).
        held(unsafe { known_utf8(abi.ptr, abi.len) }.map(str::to_owned))
    }
}

/// A returned `String`: its allocation as an owned buffer, freed by the receiver with
/// `interop_buffer_free(ptr, cap, 1, 1)`.
unsafe impl Lower for String {
    type Abi = Buffer<u8>;
    const DESCRIBE: DescribeFn = <Self as FfiType>::describe;

    #[inline]
    fn lower(self) -> Buffer<u8> {
        self.into_abi()
    }

    #[inline]
    fn panic_abi() -> Buffer<u8> {
        String::new().into_abi()
    }
}

unsafe impl FfiType for &CStr {
    fn describe(_: &mut Registry) -> TypeRef {
        TypeRef::CStr
    }

    /// `""`.
    #[inline(always)]
    fn panic_value() -> Self {
        c""
    }

    type Abi = *const c_char;
    const IDENTITY: bool = false;

    /// Not NULL; the bytes up to the NUL are borrowed (not checked for UTF-8: a C string is bytes).
    #[inline]
    unsafe fn from_abi(p: *const *const c_char) -> Result<Self, LiftError> {
        // SAFETY: the caller vouches for the pointer and a NUL-terminated string behind it.
        unsafe {
            let ptr = p.read_unaligned();
            if ptr.is_null() {
                return Err(LiftError::null());
            }
            Ok(CStr::from_ptr(ptr))
        }
    }

    #[inline(always)]
    fn into_abi(self) -> *const c_char {
        self.as_ptr()
    }
}

/// `&CStr` as an argument: a NUL-terminated `const char *`, not NULL, borrowed for the call.
unsafe impl<'a> Lift for &'a CStr {
    type Abi = *const c_char;
    type Held = ManuallyDrop<&'a CStr>;
    const DESCRIBE: DescribeFn = <Self as FfiType>::describe;

    #[inline]
    unsafe fn lift(abi: *const c_char) -> Result<Self::Held, LiftError> {
        // SAFETY: forwarded from the caller.
        held(unsafe { <&CStr as FfiType>::from_abi(&abi) })
    }
}

/// A returned `&str` borrowed from a service or handle (`fn name(&self) -> &str`; the macro allows
/// it only there): a view of UTF-8 bytes (not NUL-terminated), valid until the next `&mut self`
/// call on the object or its free (ADR 31).
unsafe impl Lower for &'static str {
    type Abi = View<u8>;
    const DESCRIBE: DescribeFn = <Self as FfiType>::describe;

    #[inline(always)]
    fn lower(self) -> View<u8> {
        View {
            ptr: self.as_ptr(),
            len: self.len(),
        }
    }

    #[inline(always)]
    fn panic_abi() -> View<u8> {
        View {
            ptr: core::ptr::null(),
            len: 0,
        }
    }
}

/// A returned `&'static CStr`: a pointer into the library's static data (never freed).
unsafe impl Lower for &'static CStr {
    type Abi = *const c_char;
    const DESCRIBE: DescribeFn = <Self as FfiType>::describe;

    #[inline(always)]
    fn lower(self) -> *const c_char {
        self.as_ptr()
    }

    #[inline(always)]
    fn panic_abi() -> *const c_char {
        c"".as_ptr()
    }
}
