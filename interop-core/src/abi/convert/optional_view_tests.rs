//! Optional borrowed views (ADR 46) through real shims, called as C would: the ABI of the owned
//! option argument, the tag and the view checked, `Option<&CStr>` NULL as `None`.

use core::ffi::{CStr, c_char};
use core::mem::MaybeUninit;

use super::Lift;
use crate::abi::{Buffer, OptionAbi};
use crate::ffi;
use crate::model::TypeRef;
use crate::panic::take as take_message;
use crate::registry::Registry;

#[ffi]
pub fn t_ov_len(s: Option<&str>) -> i64 {
    s.map_or(-1, |s| s.len() as i64)
}

#[ffi]
pub fn t_ov_sum(v: Option<&[u32]>) -> i64 {
    v.map_or(-1, |v| v.iter().map(|&x| i64::from(x)).sum())
}

#[ffi]
pub fn t_ov_words(v: Option<&[String]>) -> i64 {
    v.map_or(-1, |v| v.iter().map(|s| s.len() as i64).sum())
}

#[ffi]
pub fn t_ov_c(s: Option<&CStr>) -> i64 {
    s.map_or(-1, |s| s.to_bytes().len() as i64)
}

unsafe extern "C" {
    #[link_name = "t_ov_len"]
    fn c_len(s: OptionAbi<Buffer<u8>>) -> i64;
    #[link_name = "t_ov_sum"]
    fn c_sum(v: OptionAbi<Buffer<u32>>) -> i64;
    #[link_name = "t_ov_words"]
    fn c_words(v: OptionAbi<Buffer<Buffer<u8>>>) -> i64;
    #[link_name = "t_ov_c"]
    fn c_c(s: *const c_char) -> i64;
}

fn opt<T>(is_some: u8, ptr: *const T, len: usize) -> OptionAbi<Buffer<T>> {
    OptionAbi {
        is_some,
        value: MaybeUninit::new(Buffer {
            ptr: ptr.cast_mut(),
            len,
            cap: 0,
        }),
    }
}

#[test]
fn described_as_the_owned_options_and_a_nullable_c_string() {
    let mut reg = Registry::new();
    assert_eq!(
        <Option<&str> as Lift>::DESCRIBE(&mut reg),
        TypeRef::option(TypeRef::String)
    );
    assert_eq!(
        <Option<&[u32]> as Lift>::DESCRIBE(&mut reg),
        <Option<Vec<u32>> as Lift>::DESCRIBE(&mut reg)
    );
    assert_eq!(
        <Option<&CStr> as Lift>::DESCRIBE(&mut reg),
        TypeRef::option(TypeRef::CStr)
    );
}

#[test]
fn none_some_empty_and_some_text_are_told_apart() {
    let text = "日本";
    let nums = [1u32, 2, 4_000_000_000];
    let words = [Buffer {
        ptr: "ab".as_ptr().cast_mut(),
        len: 2,
        cap: 0,
    }];
    // SAFETY: the shims' own ABI; every pointer is valid for the call.
    unsafe {
        assert_eq!(c_len(opt(0, core::ptr::null(), 7)), -1);
        assert_eq!(c_len(opt(1, core::ptr::null(), 0)), 0);
        assert_eq!(c_len(opt(1, text.as_ptr(), text.len())), 6);
        assert_eq!(c_sum(opt(0, core::ptr::null(), 0)), -1);
        assert_eq!(c_sum(opt(1, nums.as_ptr(), 0)), 0);
        assert_eq!(c_sum(opt(1, nums.as_ptr(), 3)), 4_000_000_003);
        assert_eq!(c_words(opt(1, words.as_ptr(), 1)), 2);
        assert_eq!(c_words(opt(0, words.as_ptr(), 1)), -1);
        assert_eq!(c_c(core::ptr::null()), -1);
        assert_eq!(c_c(c"".as_ptr()), 0);
        assert_eq!(c_c(c"abc".as_ptr()), 3);
        assert!(take_message().is_none());
    }
}

#[test]
fn some_is_checked_as_the_view_and_the_tag_as_an_option() {
    let bad = [b'o', b'k', 0xff];
    // SAFETY: as above; the invalid values are refused before anything is read past them.
    unsafe {
        assert_eq!(c_len(opt(2, core::ptr::null(), 0)), 0);
        assert!(
            take_message()
                .unwrap()
                .contains("argument `s` of `t_ov_len`: 2 is not an option tag")
        );
        assert_eq!(c_len(opt(1, core::ptr::null(), 3)), 0);
        assert!(
            take_message()
                .unwrap()
                .contains("NULL pointer with length 3")
        );
        assert_eq!(c_len(opt(1, bad.as_ptr(), 3)), 0);
        assert!(take_message().unwrap().contains("invalid UTF-8"));
        assert_eq!(c_sum(opt(1, core::ptr::null(), 1)), 0);
        assert!(
            take_message()
                .unwrap()
                .contains("argument `v` of `t_ov_sum`")
        );
    }
}
