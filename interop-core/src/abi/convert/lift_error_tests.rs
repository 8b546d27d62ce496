//! The inline errors of views, text and option tags (no allocation, the shim's failure path a jump
//! with its operands in registers): the same messages, kinds and parameter names as before, through
//! real shims whose failing parameter is not the first, with and without arguments to drop.

use crate::abi::{Invalid, LiftError, View, ViewMut};
use crate::ffi;
use crate::panic::{ErrorKind, take_error};

#[ffi]
pub fn t_le_pair(a: &[u8], b: &[u32]) -> u64 {
    (a.len() + b.len()) as u64
}

#[ffi]
pub fn t_le_text(tag: u32, s: &str) -> u64 {
    u64::from(tag) + s.len() as u64
}

#[ffi]
pub fn t_le_scale(k: u32, v: &mut [u16]) -> u64 {
    for x in v.iter_mut() {
        *x = x.wrapping_mul(k as u16);
    }
    v.len() as u64
}

/// An argument with a `drop` (the `String`) before the failing view: dropped out of line, then
/// the same report.
#[ffi]
pub fn t_le_owned(name: String, v: &[u32]) -> u64 {
    (name.len() + v.len()) as u64
}

unsafe extern "C" {
    #[link_name = "t_le_pair"]
    fn c_pair(a: View<u8>, b: View<u32>) -> u64;
    #[link_name = "t_le_text"]
    fn c_text(tag: u32, s: View<u8>) -> u64;
    #[link_name = "t_le_scale"]
    fn c_scale(k: u32, v: ViewMut<u16>) -> u64;
    #[link_name = "t_le_owned"]
    fn c_owned(name: View<u8>, v: View<u32>) -> u64;
}

fn refused() -> String {
    let (kind, message) = take_error().expect("an error was recorded");
    assert_eq!(kind, ErrorKind::InvalidArgument, "{message}");
    message
}

fn view<T>(values: &[T]) -> View<T> {
    View {
        ptr: values.as_ptr(),
        len: values.len(),
    }
}

#[test]
fn a_view_refused_names_its_parameter_with_the_same_message() {
    let bytes = [1u8, 2, 3];
    let words = [0u32; 4];
    unsafe {
        assert_eq!(c_pair(view(&bytes), view(&words)), 7);
        assert!(take_error().is_none());
        let null3 = View::<u32> {
            ptr: core::ptr::null(),
            len: 3,
        };
        assert_eq!(c_pair(view(&bytes), null3), 0);
        assert_eq!(
            refused(),
            "argument `b` of `t_le_pair`: NULL pointer with length 3"
        );
        let huge = View::<u32> {
            ptr: core::ptr::dangling(),
            len: usize::MAX / 4 + 1,
        };
        assert_eq!(c_pair(view(&bytes), huge), 0);
        assert_eq!(
            refused(),
            format!(
                "argument `b` of `t_le_pair`: length {} is too large",
                usize::MAX / 4 + 1
            )
        );
        let misaligned = View::<u32> {
            ptr: words.as_ptr().cast::<u8>().add(2).cast(),
            len: 1,
        };
        assert_eq!(c_pair(view(&bytes), misaligned), 0);
        assert_eq!(
            refused(),
            "argument `b` of `t_le_pair`: pointer is not aligned to 4 bytes"
        );
        // Both refused: the first parameter is the one named.
        let null1 = View::<u8> {
            ptr: core::ptr::null(),
            len: 1,
        };
        assert_eq!(c_pair(null1, misaligned), 0);
        assert_eq!(
            refused(),
            "argument `a` of `t_le_pair`: NULL pointer with length 1"
        );
    }
}

#[test]
fn text_and_writable_views_refused_name_their_parameter() {
    unsafe {
        assert_eq!(c_text(1, view(b"ok")), 3);
        assert_eq!(c_text(1, view(b"o\xffk")), 0);
        assert_eq!(
            refused(),
            "argument `s` of `t_le_text`: invalid UTF-8 (the first 1 bytes are valid)"
        );
        let mut v = [3u16, 4];
        let ok = ViewMut {
            ptr: v.as_mut_ptr(),
            len: 2,
        };
        assert_eq!(c_scale(2, ok), 2);
        assert_eq!(v, [6, 8]);
        let null = ViewMut::<u16> {
            ptr: core::ptr::null_mut(),
            len: 5,
        };
        assert_eq!(c_scale(2, null), 0);
        assert_eq!(
            refused(),
            "argument `v` of `t_le_scale`: NULL pointer with length 5"
        );
        let odd = ViewMut::<u16> {
            ptr: v.as_mut_ptr().cast::<u8>().add(1).cast(),
            len: 1,
        };
        assert_eq!(c_scale(2, odd), 0);
        assert_eq!(
            refused(),
            "argument `v` of `t_le_scale`: pointer is not aligned to 2 bytes"
        );
        assert_eq!(v, [6, 8], "nothing ran");
    }
}

#[test]
fn an_argument_with_a_drop_before_the_refused_view_changes_nothing_in_the_report() {
    let words = [1u32, 2];
    unsafe {
        assert_eq!(c_owned(view(b"name"), view(&words)), 6);
        let null = View::<u32> {
            ptr: core::ptr::null(),
            len: 2,
        };
        assert_eq!(c_owned(view(b"name"), null), 0);
        assert_eq!(
            refused(),
            "argument `v` of `t_le_owned`: NULL pointer with length 2"
        );
    }
}

#[test]
fn inline_errors_are_the_same_values_as_the_general_constructor_and_two_words() {
    assert_eq!(
        core::mem::size_of::<LiftError>(),
        2 * core::mem::size_of::<usize>()
    );
    let pairs = [
        (LiftError::null_with_length(3), Invalid::NullWithLength(3)),
        (
            LiftError::too_long(usize::MAX),
            Invalid::TooLong(usize::MAX),
        ),
        (LiftError::misaligned(8), Invalid::Misaligned { align: 8 }),
        (LiftError::utf8(0), Invalid::Utf8 { valid_up_to: 0 }),
        (LiftError::option_tag(7), Invalid::OptionTag(7)),
        (LiftError::null(), Invalid::Null),
    ];
    for (inline, invalid) in pairs {
        assert_eq!(inline, LiftError::new(invalid));
        assert_eq!(inline.invalid(), invalid);
        assert_eq!(inline.field_path(), "");
        assert_eq!(inline.to_string(), invalid.to_string());
    }
    // Inside an element or a field: the path is kept, the error the same.
    let nested = LiftError::utf8(2).at_index(1).in_field("words");
    assert_eq!(nested.invalid(), Invalid::Utf8 { valid_up_to: 2 });
    assert_eq!(
        nested.to_string(),
        "field `words[1]`: invalid UTF-8 (the first 2 bytes are valid)"
    );
    let tag = LiftError::option_tag(9).in_field("maybe");
    assert_eq!(
        tag.to_string(),
        "field `maybe`: 9 is not an option tag (is_some must be 0 or 1)"
    );
}
