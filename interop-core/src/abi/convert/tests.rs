//! Strings, slices and vectors through real shims (called as C would, through their symbols).

use core::ffi::{CStr, c_char};

use crate::abi::free::interop_buffer_free;
use crate::abi::{Buffer, View, ViewMut};
use crate::ffi;
use crate::model::{TypeKind, TypeRef};
use crate::panic::take as take_message;

#[ffi]
pub fn t_str_len(s: &str) -> usize {
    s.chars().count()
}

#[ffi]
pub fn t_string_upper(s: String) -> String {
    s.to_uppercase()
}

#[ffi]
pub fn t_sum(values: &[u32]) -> u64 {
    values.iter().map(|v| u64::from(*v)).sum()
}

#[ffi]
pub fn t_first_addr(values: &[u32]) -> usize {
    values.as_ptr() as usize
}

#[ffi]
pub fn t_count_true(flags: &[bool]) -> usize {
    flags.iter().filter(|f| **f).count()
}

#[ffi]
pub fn t_increment(values: &mut [u8]) {
    for v in values {
        *v = v.wrapping_add(1);
    }
}

#[ffi]
pub fn t_join(parts: &[String]) -> String {
    parts.join("+")
}

#[ffi]
pub fn t_range(n: u32) -> Vec<u32> {
    (0..n).collect()
}

#[ffi]
pub fn t_words(s: &str) -> Vec<String> {
    s.split(' ').map(str::to_string).collect()
}

#[ffi]
pub fn t_c_len(s: &CStr) -> usize {
    s.to_bytes().len()
}

#[ffi]
pub fn t_version() -> &'static CStr {
    c"1.2.3"
}

/// A record that owns data.
#[ffi]
#[derive(Debug, Clone, PartialEq)]
pub struct TPerson {
    pub name: String,
    pub tags: Vec<String>,
    pub age: u32,
    pub active: bool,
}

#[ffi]
pub fn t_person_older(p: TPerson) -> TPerson {
    TPerson {
        age: p.age + 1,
        ..p
    }
}

#[ffi]
pub fn t_people(n: u32) -> Vec<TPerson> {
    (0..n)
        .map(|i| TPerson {
            name: format!("p{i}"),
            tags: vec!["x".repeat(i as usize)],
            age: i,
            active: i % 2 == 0,
        })
        .collect()
}

/// A record holding views (valid for the call).
#[ffi]
pub struct TLabel<'a> {
    pub text: &'a str,
    pub weights: &'a [f32],
}

#[ffi]
pub fn t_label_summary(l: TLabel<'_>) -> String {
    format!("{}:{}", l.text, l.weights.iter().sum::<f32>())
}

#[ffi]
#[allow(clippy::boxed_local)]
pub fn t_boxed(values: Box<[u16]>) -> Box<[u16]> {
    values.iter().rev().copied().collect()
}

/// The mirror of `TPerson` as C sees it.
#[repr(C)]
struct CPerson {
    name: Buffer<u8>,
    tags: Buffer<Buffer<u8>>,
    age: u32,
    active: u8,
}

unsafe extern "C" {
    #[link_name = "t_str_len"]
    fn c_str_len(s: View<u8>) -> usize;
    #[link_name = "t_string_upper"]
    fn c_string_upper(s: View<u8>) -> Buffer<u8>;
    #[link_name = "t_sum"]
    fn c_sum(v: View<u32>) -> u64;
    #[link_name = "t_first_addr"]
    fn c_first_addr(v: View<u32>) -> usize;
    #[link_name = "t_count_true"]
    fn c_count_true(v: View<u8>) -> usize;
    #[link_name = "t_increment"]
    fn c_increment(v: ViewMut<u8>);
    #[link_name = "t_join"]
    fn c_join(v: View<View3>) -> Buffer<u8>;
    #[link_name = "t_range"]
    fn c_range(n: u32) -> Buffer<u32>;
    #[link_name = "t_words"]
    fn c_words(s: View<u8>) -> Buffer<Buffer<u8>>;
    #[link_name = "t_c_len"]
    fn c_c_len(s: *const c_char) -> usize;
    #[link_name = "t_version"]
    fn c_version() -> *const c_char;
    #[link_name = "t_person_older"]
    fn c_person_older(p: CPerson) -> CPerson;
    #[link_name = "t_people"]
    fn c_people(n: u32) -> Buffer<CPerson>;
    #[link_name = "t_label_summary"]
    fn c_label_summary(l: CLabel) -> Buffer<u8>;
    #[link_name = "t_boxed"]
    fn c_boxed(v: View<u16>) -> Buffer<u16>;
}

/// A string element as a caller passes it: a buffer whose `cap` the library ignores.
#[repr(C)]
#[derive(Clone, Copy)]
struct View3 {
    ptr: *const u8,
    len: usize,
    cap: usize,
}

#[repr(C)]
struct CLabel {
    text: View<u8>,
    weights: View<f32>,
}

fn view(s: &[u8]) -> View<u8> {
    View {
        ptr: s.as_ptr(),
        len: s.len(),
    }
}

fn el(s: &str) -> View3 {
    View3 {
        ptr: s.as_ptr(),
        len: s.len(),
        cap: 0,
    }
}

/// Copies and frees a returned string buffer, as bindings do.
fn take_string(b: Buffer<u8>) -> String {
    let s =
        unsafe { String::from_utf8(std::slice::from_raw_parts(b.ptr, b.len).to_vec()) }.unwrap();
    unsafe { interop_buffer_free(b.ptr.cast(), b.cap, 1, 1) };
    s
}

/// This thread's error, which must be a refused argument (kind 5, not a panic).
fn last_error() -> String {
    let (kind, message) = crate::panic::take_error().expect("an error was recorded");
    assert_eq!(kind, crate::panic::ErrorKind::InvalidArgument, "{message}");
    message
}

#[test]
fn str_arguments_are_checked_and_borrowed() {
    unsafe {
        assert_eq!(c_str_len(view("héllo 日本 🦀".as_bytes())), 10);
        assert_eq!(
            c_str_len(View {
                ptr: core::ptr::null(),
                len: 0
            }),
            0
        );
        assert!(take_message().is_none());
        assert_eq!(c_str_len(view(b"ab\xffcd")), 0);
        assert_eq!(
            last_error(),
            "argument `s` of `t_str_len`: invalid UTF-8 (the first 2 bytes are valid)"
        );
        assert_eq!(
            c_str_len(View {
                ptr: core::ptr::null(),
                len: 3
            }),
            0
        );
        assert_eq!(
            last_error(),
            "argument `s` of `t_str_len`: NULL pointer with length 3"
        );
        assert_eq!(
            c_str_len(View {
                ptr: std::ptr::dangling::<u8>(),
                len: usize::MAX
            }),
            0
        );
        assert!(last_error().contains("is too large"));
    }
}

#[test]
fn strings_are_copied_in_and_returned_as_buffers() {
    unsafe {
        let out = c_string_upper(view("straße é".as_bytes()));
        assert_eq!(take_string(out), "STRASSE É");
        let empty = c_string_upper(View {
            ptr: core::ptr::null(),
            len: 0,
        });
        assert_eq!((empty.len, empty.cap), (0, 0));
        assert!(!empty.ptr.is_null());
        interop_buffer_free(empty.ptr.cast(), empty.cap, 1, 1);
        // A failed lift returns the panic value: an empty buffer, nothing to free.
        let bad = c_string_upper(view(b"\xc3"));
        assert_eq!((bad.len, bad.cap), (0, 0));
        assert!(last_error().contains("invalid UTF-8"));
    }
}

#[test]
fn slices_of_c_types_are_borrowed_in_place() {
    let values = [1u32, 2, 3, u32::MAX];
    unsafe {
        let v = View {
            ptr: values.as_ptr(),
            len: values.len(),
        };
        assert_eq!(c_sum(v), 6 + u64::from(u32::MAX));
        assert_eq!(c_first_addr(v), values.as_ptr() as usize);
        assert_eq!(
            c_sum(View {
                ptr: core::ptr::null(),
                len: 0
            }),
            0
        );
        let words = [0u32; 3];
        let misaligned = View {
            ptr: words.as_ptr().cast::<u8>().add(1).cast::<u32>(),
            len: 2,
        };
        assert_eq!(c_sum(misaligned), 0);
        assert!(last_error().contains("pointer is not aligned to 4 bytes"));
        assert_eq!(c_count_true(view(&[1, 0, 1, 1])), 3);
        assert_eq!(c_count_true(view(&[1, 0, 7])), 0);
        assert_eq!(
            last_error(),
            "argument `flags` of `t_count_true`: element `[2]`: 7 is not a bool (0 or 1)"
        );
        let mut data = [1u8, 2, 255];
        c_increment(ViewMut {
            ptr: data.as_mut_ptr(),
            len: 3,
        });
        assert_eq!(data, [2, 3, 0]);
    }
}

#[test]
fn slices_of_strings_are_copied_in() {
    let parts = [el("a"), el("日本"), el("")];
    unsafe {
        let out = c_join(View {
            ptr: parts.as_ptr(),
            len: 3,
        });
        assert_eq!(take_string(out), "a+日本+");
        let bad = [
            el("ok"),
            View3 {
                ptr: core::ptr::null(),
                len: 2,
                cap: 0,
            },
        ];
        let out = c_join(View {
            ptr: bad.as_ptr(),
            len: 2,
        });
        assert_eq!(out.len, 0);
        assert_eq!(
            last_error(),
            "argument `parts` of `t_join`: element `[1]`: NULL pointer with length 2"
        );
    }
}

#[test]
fn vectors_are_returned_as_buffers_freed_with_the_element_layout() {
    unsafe {
        let b = c_range(5);
        assert_eq!(std::slice::from_raw_parts(b.ptr, b.len), [0, 1, 2, 3, 4]);
        interop_buffer_free(b.ptr.cast(), b.cap, 4, 4);
        let words = c_words(view("un deux trois".as_bytes()));
        let got: Vec<String> = std::slice::from_raw_parts(words.ptr, words.len)
            .iter()
            .map(|w| {
                take_string(Buffer {
                    ptr: w.ptr,
                    len: w.len,
                    cap: w.cap,
                })
            })
            .collect();
        assert_eq!(got, ["un", "deux", "trois"]);
        interop_buffer_free(words.ptr.cast(), words.cap, 24, 8);
        let boxed = [1u16, 2, 3];
        let r = c_boxed(View {
            ptr: boxed.as_ptr(),
            len: 3,
        });
        assert_eq!(std::slice::from_raw_parts(r.ptr, r.len), [3, 2, 1]);
        interop_buffer_free(r.ptr.cast(), r.cap, 2, 2);
    }
}

#[test]
fn c_strings() {
    unsafe {
        assert_eq!(c_c_len(c"héllo".as_ptr()), 6);
        assert_eq!(c_c_len(core::ptr::null()), 0);
        assert_eq!(last_error(), "argument `s` of `t_c_len` must not be null");
        assert_eq!(CStr::from_ptr(c_version()), c"1.2.3");
    }
}

fn take_person(p: CPerson) -> TPerson {
    unsafe {
        let tags = std::slice::from_raw_parts(p.tags.ptr, p.tags.len)
            .iter()
            .map(|t| {
                take_string(Buffer {
                    ptr: t.ptr,
                    len: t.len,
                    cap: t.cap,
                })
            })
            .collect();
        interop_buffer_free(p.tags.ptr.cast(), p.tags.cap, 24, 8);
        TPerson {
            name: take_string(p.name),
            tags,
            age: p.age,
            active: p.active == 1,
        }
    }
}

#[test]
fn records_that_own_data_cross_as_their_mirror() {
    let inv = crate::inventory::inventory();
    let def = inv
        .types
        .iter()
        .find(|t| t.name == "TPerson")
        .expect("TPerson described");
    assert_eq!((def.size, def.align), (56, 8));
    let TypeKind::Struct(s) = &def.kind else {
        panic!()
    };
    let offsets: Vec<u64> = s.fields.iter().map(|f| f.offset).collect();
    assert_eq!(offsets, [0, 24, 48, 52]);
    assert_eq!(s.fields[1].ty, TypeRef::vec(TypeRef::String));
    assert!(inv.owns_data(&TypeRef::named(def.id.clone())).unwrap());

    let name = "Zoë";
    let tags = [el("a"), el("b")];
    let arg = CPerson {
        name: Buffer {
            ptr: name.as_ptr().cast_mut(),
            len: name.len(),
            cap: 0,
        },
        tags: Buffer {
            ptr: tags.as_ptr().cast::<Buffer<u8>>().cast_mut(),
            len: 2,
            cap: 0,
        },
        age: 41,
        active: 1,
    };
    let out = take_person(unsafe { c_person_older(arg) });
    assert_eq!(
        out,
        TPerson {
            name: "Zoë".into(),
            tags: vec!["a".into(), "b".into()],
            age: 42,
            active: true
        }
    );
    let bad = CPerson {
        name: Buffer {
            ptr: core::ptr::null_mut(),
            len: 0,
            cap: 0,
        },
        tags: Buffer {
            ptr: core::ptr::null_mut(),
            len: 0,
            cap: 0,
        },
        age: 1,
        active: 2,
    };
    let out = take_person(unsafe { c_person_older(bad) });
    assert_eq!(out.name, "");
    assert_eq!(
        last_error(),
        "argument `p` of `t_person_older`: field `active`: 2 is not a bool (0 or 1)"
    );
}

#[test]
fn vectors_of_records_that_own_data() {
    unsafe {
        let b = c_people(3);
        assert_eq!(b.len, 3);
        let people: Vec<TPerson> = (0..b.len)
            .map(|i| take_person(b.ptr.add(i).read()))
            .collect();
        interop_buffer_free(b.ptr.cast(), b.cap, 56, 8);
        assert_eq!(people[2].name, "p2");
        assert_eq!(people[2].tags, ["xx"]);
        assert!(people[2].active && !people[1].active);
    }
}

#[test]
fn records_holding_views_borrow_for_the_call() {
    let weights = [0.5f32, 1.5];
    let label = CLabel {
        text: view("w".as_bytes()),
        weights: View {
            ptr: weights.as_ptr(),
            len: 2,
        },
    };
    assert_eq!(take_string(unsafe { c_label_summary(label) }), "w:2");
    let inv = crate::inventory::inventory();
    let def = inv.types.iter().find(|t| t.name == "TLabel").unwrap();
    assert_eq!((def.size, def.align), (32, 8));
    assert!(inv.holds_views(&TypeRef::named(def.id.clone())).unwrap());
    assert!(!inv.owns_data(&TypeRef::named(def.id.clone())).unwrap());
}
