//! Options and results through real shims (called as C would, through their symbols).

use core::mem::MaybeUninit;

use crate::abi::free::interop_buffer_free;
use crate::abi::{Buffer, ErrorAbi, OptionAbi, ResultAbi, Status, View};
use crate::ffi;
use crate::model::TypeRef;
use crate::panic::take as take_message;

/// An error with a `Display`.
#[ffi]
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum TErr {
    Bad = 1,
    Worse = 2,
}

impl core::fmt::Display for TErr {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(
            f,
            "it went {}",
            if *self == TErr::Bad { "bad" } else { "worse" }
        )
    }
}

/// An error with neither `Display` nor `Debug`.
#[ffi]
pub struct TPlainErr {
    pub code: u32,
    pub text: String,
}

/// An enum with `Debug` only.
#[ffi]
#[derive(Debug)]
pub enum TDebugOnly {
    One,
}

/// An enum with nothing.
#[ffi]
pub enum TNothing {
    Only,
}

#[ffi]
pub fn t_opt_add(a: Option<u32>, b: Option<u32>) -> Option<u32> {
    Some(a? + b?)
}

#[ffi]
pub fn t_opt_text(s: Option<String>) -> Option<String> {
    s.map(|s| s.to_uppercase())
}

#[ffi]
pub fn t_checked(v: u32) -> Result<u32, TErr> {
    match v {
        0 => Err(TErr::Bad),
        1 => Err(TErr::Worse),
        2 => panic!("two"),
        v => Ok(v * 10),
    }
}

#[ffi]
pub fn t_unit(fail: bool) -> Result<(), String> {
    if fail { Err("no".into()) } else { Ok(()) }
}

unsafe extern "C" {
    #[link_name = "t_opt_add"]
    fn c_opt_add(a: OptionAbi<u32>, b: OptionAbi<u32>) -> OptionAbi<u32>;
    #[link_name = "t_opt_text"]
    fn c_opt_text(s: OptionAbi<Buffer<u8>>) -> OptionAbi<Buffer<u8>>;
    #[link_name = "t_checked"]
    fn c_checked(v: u32) -> ResultAbi<u32, ErrorAbi<i32>>;
    #[link_name = "t_unit"]
    fn c_unit(fail: u8) -> ResultAbi<(), ErrorAbi<Buffer<u8>>>;
}

fn some<T>(v: T) -> OptionAbi<T> {
    OptionAbi {
        is_some: 1,
        value: MaybeUninit::new(v),
    }
}

fn none<T>() -> OptionAbi<T> {
    OptionAbi {
        is_some: 0,
        value: MaybeUninit::uninit(),
    }
}

/// Takes a returned buffer of text.
fn take_text(b: Buffer<u8>) -> String {
    // SAFETY: a buffer the library returned.
    let s = unsafe { core::slice::from_raw_parts(b.ptr, b.len) }.to_vec();
    // SAFETY: freed once, with its layout.
    unsafe { interop_buffer_free(b.ptr.cast(), b.cap, 1, 1) };
    String::from_utf8(s).unwrap()
}

#[test]
fn options_cross_as_tagged_structs() {
    // SAFETY: the shims' own ABI.
    unsafe {
        let r = c_opt_add(some(2), some(3));
        assert_eq!((r.is_some, r.value.assume_init()), (1, 5));
        assert_eq!(c_opt_add(some(2), none()).is_some, 0);
        let hi = "hi";
        let arg = some(Buffer {
            ptr: hi.as_ptr().cast_mut(),
            len: 2,
            cap: 0,
        });
        let r = c_opt_text(arg);
        assert_eq!(r.is_some, 1);
        assert_eq!(take_text(r.value.assume_init()), "HI");
        assert_eq!(c_opt_text(none()).is_some, 0);
    }
}

#[test]
fn an_invalid_option_tag_is_an_error() {
    let bad = OptionAbi {
        is_some: 7,
        value: MaybeUninit::new(1u32),
    };
    // SAFETY: the shim's own ABI.
    let r = unsafe { c_opt_add(bad, some(1)) };
    assert_eq!(r.is_some, 0);
    assert_eq!(
        crate::panic::take_error().unwrap(),
        (
            crate::panic::ErrorKind::InvalidArgument,
            "argument `a` of `t_opt_add`: 7 is not an option tag (is_some must be 0 or 1)"
                .to_string()
        )
    );
}

#[test]
fn results_tell_ok_error_and_panic_apart() {
    // SAFETY: the shims' own ABI; the union is read as the status says.
    unsafe {
        let ok = c_checked(5);
        assert_eq!(ok.status, Status::OK);
        assert_eq!(*ok.value.ok, 50);
        let err = c_checked(0);
        assert_eq!(err.status, Status::ERROR);
        let e = core::mem::ManuallyDrop::into_inner(err.value.err);
        assert_eq!(e.value, 1);
        assert_eq!(take_text(e.message), "it went bad");
        let p = c_checked(2);
        assert_eq!(p.status, Status::PANIC);
        assert_eq!(take_message().unwrap(), "panic in `t_checked`: two");
        assert_eq!(c_unit(0).status, Status::OK);
        let e = c_unit(1);
        assert_eq!(e.status, Status::ERROR);
        let e = core::mem::ManuallyDrop::into_inner(e.value.err);
        assert_eq!(take_text(e.message), "no");
        assert_eq!(take_text(e.value), "no");
        // An argument that does not lift is status 2 too, with kind 5 in the channel (ADR 47).
        assert_eq!(c_unit(3).status, Status::PANIC);
        let (kind, message) = crate::panic::take_error().unwrap();
        assert_eq!(kind, crate::panic::ErrorKind::InvalidArgument);
        assert!(message.contains("3 is not a bool"), "{message}");
    }
}

#[test]
fn messages_are_display_else_debug_else_a_rendering() {
    use crate::abi::convert::FfiError;
    assert_eq!(TErr::Worse.message(), "it went worse");
    assert_eq!(TDebugOnly::One.message(), "One");
    assert_eq!(TNothing::Only.message(), "TNothing::Only");
    let e = TPlainErr {
        code: 3,
        text: "x\"y".into(),
    };
    assert_eq!(e.message(), "TPlainErr { code: 3, text: \"x\\\"y\" }");
}

#[test]
fn options_and_results_are_described() {
    let inv = crate::inventory::inventory();
    let f = |name: &str| inv.functions.iter().find(|f| f.name == name).unwrap();
    assert_eq!(f("t_opt_text").returns, TypeRef::option(TypeRef::String));
    let TypeRef::Result(r) = &f("t_unit").returns else {
        panic!("not a result")
    };
    assert!(r.ok.is_unit());
    assert_eq!(*r.err, TypeRef::String);
    let _ = View::<u8> {
        ptr: core::ptr::null(),
        len: 0,
    };
}
