//! Values in owned ABI form written by foreign code (a closure's return slot, ADR 54): taken
//! (`cap > 0` buffers become Rust's), copied (`cap == 0`), refused with every buffer freed.

use core::mem::MaybeUninit;

use super::Invalid;
use super::tests::TPerson;
use crate::FfiType;
use crate::abi::free::interop_buffer_alloc;
use crate::abi::{Buffer, OptionAbi};

/// `text` in memory of `interop_buffer_alloc`, `cap` bytes.
fn allocated(text: &[u8], cap: usize) -> Buffer<u8> {
    let ptr = interop_buffer_alloc(cap, 1, 1).cast::<u8>();
    assert!(!ptr.is_null());
    // SAFETY: `cap >= text.len()` bytes were allocated.
    unsafe { core::ptr::copy_nonoverlapping(text.as_ptr(), ptr, text.len()) };
    Buffer {
        ptr,
        len: text.len(),
        cap,
    }
}

fn take<T: FfiType>(mut abi: T::Abi) -> Result<T, Invalid> {
    // SAFETY: one value in owned ABI form, taken once.
    unsafe { T::take_abi(&mut abi) }.map_err(|e| e.invalid())
}

#[test]
fn an_allocated_string_is_taken_without_a_copy() {
    let b = allocated(b"h\xc3\xa9llo", 16);
    let ptr = b.ptr;
    let s = take::<String>(b).expect("valid text");
    assert_eq!(s, "héllo");
    assert_eq!(s.as_ptr(), ptr.cast_const());
    assert_eq!(s.capacity(), 16);
}

#[test]
fn a_borrowed_string_is_copied() {
    static TEXT: &[u8] = b"static";
    let b = Buffer {
        ptr: TEXT.as_ptr().cast_mut(),
        len: TEXT.len(),
        cap: 0,
    };
    let s = take::<String>(b).expect("valid text");
    assert_eq!(s, "static");
    assert_ne!(s.as_ptr(), TEXT.as_ptr());
    let empty = Buffer {
        ptr: core::ptr::null_mut(),
        len: 0,
        cap: 0,
    };
    assert_eq!(take::<String>(empty).expect("empty"), "");
}

#[test]
fn invalid_strings_are_refused() {
    assert_eq!(
        take::<String>(allocated(b"ab\xff", 3)),
        Err(Invalid::Utf8 { valid_up_to: 2 })
    );
    let mut long = allocated(b"abc", 3);
    long.len = 10;
    assert_eq!(
        take::<String>(long),
        Err(Invalid::LenOverCap { len: 10, cap: 3 })
    );
    let null = Buffer {
        ptr: core::ptr::null_mut(),
        len: 4,
        cap: 0,
    };
    assert_eq!(take::<String>(null), Err(Invalid::NullWithLength(4)));
    // `cap > 0` with NULL: `len > cap` is reported first, then the view; empty text is "".
    for (len, cap, expected) in [
        (4, 8, Err(Invalid::NullWithLength(4))),
        (9, 8, Err(Invalid::LenOverCap { len: 9, cap: 8 })),
        (0, 8, Ok(String::new())),
    ] {
        let b = Buffer {
            ptr: core::ptr::null_mut(),
            len,
            cap,
        };
        assert_eq!(take::<String>(b), expected);
    }
}

/// The compiled Python trampoline's slot (ADR 54, third addendum): the text is not checked again,
/// every other check stays.
#[test]
fn known_utf8_text_keeps_the_other_checks() {
    fn take_known<T: FfiType>(mut abi: T::Abi) -> Result<T, Invalid> {
        // SAFETY: one value in owned ABI form, taken once; its text is UTF-8 (or refused before
        // the text is looked at).
        unsafe { T::take_abi_known_utf8(&mut abi) }.map_err(|e| e.invalid())
    }
    let b = allocated(b"h\xc3\xa9llo", 16);
    let ptr = b.ptr;
    let s = take_known::<String>(b).expect("valid text");
    assert_eq!(
        (s.as_str(), s.as_ptr(), s.capacity()),
        ("héllo", ptr.cast_const(), 16)
    );
    static TEXT: &[u8] = b"static";
    let borrowed = Buffer {
        ptr: TEXT.as_ptr().cast_mut(),
        len: TEXT.len(),
        cap: 0,
    };
    assert_eq!(take_known::<String>(borrowed).as_deref(), Ok("static"));
    let mut long = allocated(b"abc", 3);
    long.len = 10;
    assert_eq!(
        take_known::<String>(long),
        Err(Invalid::LenOverCap { len: 10, cap: 3 })
    );
    let null = Buffer {
        ptr: core::ptr::null_mut(),
        len: 4,
        cap: 8,
    };
    assert_eq!(take_known::<String>(null), Err(Invalid::NullWithLength(4)));
    // Other types take as usual (a vector's bytes are no text).
    let bytes = allocated(b"\xff\xfe", 2);
    assert_eq!(take_known::<Vec<u8>>(bytes), Ok(vec![0xff, 0xfe]));
}

#[test]
fn vectors_of_numbers_are_taken_and_checked() {
    let ptr = interop_buffer_alloc(4, 4, 4).cast::<u32>();
    assert!(!ptr.is_null());
    // SAFETY: four `u32` were allocated.
    unsafe { core::ptr::copy_nonoverlapping([7u32, 8, 9].as_ptr(), ptr, 3) };
    let v = take::<Vec<u32>>(Buffer {
        ptr,
        len: 3,
        cap: 4,
    })
    .expect("numbers");
    assert_eq!(v, [7, 8, 9]);
    assert_eq!(v.as_ptr(), ptr.cast_const());
    let bools = interop_buffer_alloc(2, 1, 1).cast::<bool>();
    // SAFETY: two bytes were allocated; 2 is no `bool` (read as a byte only).
    unsafe { bools.cast::<u8>().add(1).write(2) };
    assert_eq!(
        take::<Box<[bool]>>(Buffer {
            ptr: bools,
            len: 2,
            cap: 2
        })
        .map(|b| b.len()),
        Err(Invalid::Bool(2))
    );
}

#[test]
fn vectors_of_strings_mix_taken_and_borrowed_elements() {
    let ptr = interop_buffer_alloc(2, size_of::<Buffer<u8>>(), align_of::<Buffer<u8>>())
        .cast::<Buffer<u8>>();
    assert!(!ptr.is_null());
    // SAFETY: two elements were allocated.
    unsafe {
        ptr.write(allocated(b"one", 3));
        ptr.add(1).write(Buffer {
            ptr: b"two".as_ptr().cast_mut(),
            len: 3,
            cap: 0,
        });
    }
    let v = take::<Vec<String>>(Buffer {
        ptr,
        len: 2,
        cap: 2,
    })
    .expect("words");
    assert_eq!(v, ["one", "two"]);
    let ptr = interop_buffer_alloc(3, size_of::<Buffer<u8>>(), align_of::<Buffer<u8>>())
        .cast::<Buffer<u8>>();
    // SAFETY: three elements were allocated; the last stays zeroed (empty).
    unsafe {
        ptr.write(allocated(b"fine", 4));
        ptr.add(1).write(allocated(b"\xc3", 1));
    }
    let refused = take::<Vec<String>>(Buffer {
        ptr,
        len: 3,
        cap: 3,
    });
    assert_eq!(refused, Err(Invalid::Utf8 { valid_up_to: 0 }));
}

#[test]
fn options_take_their_value_or_free_it() {
    let some = OptionAbi {
        is_some: 1,
        value: MaybeUninit::new(allocated(b"yes", 3)),
    };
    assert_eq!(take::<Option<String>>(some), Ok(Some("yes".into())));
    let bad = OptionAbi {
        is_some: 2,
        value: MaybeUninit::new(allocated(b"freed", 5)),
    };
    assert_eq!(take::<Option<String>>(bad), Err(Invalid::OptionTag(2)));
    let none = OptionAbi::<Buffer<u8>> {
        is_some: 0,
        value: MaybeUninit::zeroed(),
    };
    assert_eq!(take::<Option<String>>(none), Ok(None));
}

#[test]
fn records_owning_data_are_taken_field_by_field() {
    let person = TPerson {
        name: "Ada".into(),
        tags: vec!["x".into(), "yz".into()],
        age: 36,
        active: true,
    };
    let taken = take::<TPerson>(person.clone().into_abi()).expect("a person");
    assert_eq!(taken.name, person.name);
    assert_eq!(taken.tags, person.tags);
    assert_eq!((taken.age, taken.active), (36, true));
    let broken = person.into_abi();
    // SAFETY: the second tag of the vector just lowered.
    unsafe { (*broken.tags.ptr.add(1)).len = 5 };
    let refused = take::<TPerson>(broken).map(|p| p.age);
    assert_eq!(refused, Err(Invalid::LenOverCap { len: 5, cap: 2 }));
}
