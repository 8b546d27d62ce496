//! The second shim of functions taking `&str` / `String` (ADR 52): reachable only through the
//! descriptor, it skips the UTF-8 validation and nothing else.

use crate::abi::free::interop_buffer_free;
use crate::abi::{Buffer, View};
use crate::registry::{FUNCTIONS, FunctionDesc};

fn desc(symbol: &str) -> &'static FunctionDesc {
    FUNCTIONS
        .iter()
        .find(|f| f.symbol == symbol)
        .expect("the test fixture's function is registered")
}

fn view(s: &[u8]) -> View<u8> {
    View {
        ptr: s.as_ptr(),
        len: s.len(),
    }
}

#[test]
fn only_functions_taking_text_have_a_second_shim() {
    for symbol in ["t_str_len", "t_string_upper", "t_words"] {
        let d = desc(symbol);
        assert_ne!(d.python_shim.address(), d.shim.address(), "{symbol}");
    }
    for symbol in ["t_sum", "t_first_addr"] {
        let d = desc(symbol);
        assert_eq!(d.python_shim.address(), d.shim.address(), "{symbol}");
    }
}

#[test]
fn the_second_shim_checks_the_view_but_not_the_text_again() {
    // SAFETY: the shims of `t_str_len(&str) -> usize` and `t_string_upper(String) -> String`;
    // every view is valid UTF-8 or refused before its bytes are read.
    unsafe {
        let str_len = core::mem::transmute::<*const (), unsafe extern "C" fn(View<u8>) -> usize>(
            desc("t_str_len").python_shim.0,
        );
        assert_eq!(str_len(view("héllo 日本 🦀".as_bytes())), 10);
        assert_eq!(
            str_len(View {
                ptr: core::ptr::null(),
                len: 0
            }),
            0
        );
        assert!(crate::panic::take_error().is_none());
        // The view's own checks stay: NULL with a length is refused, not read.
        assert_eq!(
            str_len(View {
                ptr: core::ptr::null(),
                len: 3
            }),
            0
        );
        let (kind, message) = crate::panic::take_error().expect("refused");
        assert_eq!(kind, crate::panic::ErrorKind::InvalidArgument);
        assert_eq!(
            message,
            "argument `s` of `t_str_len`: NULL pointer with length 3"
        );

        let upper = core::mem::transmute::<*const (), unsafe extern "C" fn(View<u8>) -> Buffer<u8>>(
            desc("t_string_upper").python_shim.0,
        );
        let out = upper(view("straße é".as_bytes()));
        let text = core::str::from_utf8(core::slice::from_raw_parts(out.ptr, out.len))
            .unwrap()
            .to_string();
        interop_buffer_free(out.ptr.cast(), out.cap, 1, 1);
        assert_eq!(text, "STRASSE É");
    }
}
