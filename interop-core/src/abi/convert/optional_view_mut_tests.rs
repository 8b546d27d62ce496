//! Optional writable slices (ADR 53) through real shims, called as C would: the `&mut [T]` view,
//! a NULL `ptr` with length 0 as `None`, anything else checked and written as `&mut [T]`.

use super::Lift;
use crate::abi::ViewMut;
use crate::ffi;
use crate::model::TypeRef;
use crate::panic::take as take_message;
use crate::registry::Registry;

#[ffi]
pub fn t_ovm_fill(out: Option<&mut [u16]>) -> i64 {
    out.map_or(-1, |out| {
        for (i, x) in out.iter_mut().enumerate() {
            *x = i as u16 + 10;
        }
        out.len() as i64
    })
}

#[ffi]
pub fn t_ovm_flip(flags: Option<&mut [bool]>) -> i64 {
    flags.map_or(-1, |flags| {
        for f in flags.iter_mut() {
            *f = !*f;
        }
        flags.len() as i64
    })
}

unsafe extern "C" {
    #[link_name = "t_ovm_fill"]
    fn c_fill(out: ViewMut<u16>) -> i64;
    #[link_name = "t_ovm_flip"]
    fn c_flip(flags: ViewMut<u8>) -> i64;
}

fn view<T>(ptr: *mut T, len: usize) -> ViewMut<T> {
    ViewMut { ptr, len }
}

#[test]
fn described_as_an_option_of_a_mutable_slice() {
    let mut reg = Registry::new();
    assert_eq!(
        <Option<&mut [u16]> as Lift>::DESCRIBE(&mut reg),
        TypeRef::option(TypeRef::slice(
            TypeRef::primitive(crate::model::Primitive::U16),
            true
        ))
    );
}

#[test]
fn null_is_none_and_a_pointer_is_some_even_when_empty() {
    let mut out = [0u16; 3];
    // SAFETY: the shim's own ABI; every pointer is valid for the call.
    unsafe {
        assert_eq!(c_fill(view(core::ptr::null_mut(), 0)), -1);
        assert_eq!(c_fill(view(out.as_mut_ptr(), 0)), 0);
        assert_eq!(out, [0, 0, 0]);
        assert_eq!(c_fill(view(out.as_mut_ptr(), 2)), 2);
        assert_eq!(out, [10, 11, 0]);
        assert!(take_message().is_none());
    }
}

#[test]
fn some_is_checked_as_a_writable_slice_before_the_call() {
    let mut out = [0u16; 2];
    let mut flags = [1u8, 2, 0];
    // SAFETY: as above; the invalid values are refused before anything is written.
    unsafe {
        assert_eq!(c_fill(view(core::ptr::null_mut(), 4)), 0);
        let m = take_message().unwrap();
        assert!(
            m.contains("argument `out` of `t_ovm_fill`: NULL pointer with length 4"),
            "{m}"
        );
        assert_eq!(
            c_fill(view(out.as_mut_ptr().cast::<u8>().add(1).cast(), 1)),
            0
        );
        assert!(take_message().unwrap().contains("not aligned to 2 bytes"));
        assert_eq!(c_flip(view(flags.as_mut_ptr(), 3)), 0);
        assert!(
            take_message()
                .unwrap()
                .contains("element `[1]`: 2 is not a bool")
        );
        assert_eq!(flags, [1, 2, 0]);
        flags[1] = 0;
        assert_eq!(c_flip(view(flags.as_mut_ptr(), 3)), 3);
        assert_eq!(flags, [0, 1, 1]);
    }
}
