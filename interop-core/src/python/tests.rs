//! What the compiled path decides without an interpreter: the layout each conversion writes is the
//! layout of the shim's real parameter (for `#[ffi]` items of every kind of type declared here),
//! the ranges and messages of integers, the CPython names the package resolves.

use super::convert::{self, Class, Unsupported};
use super::entry::AbiLayout;
use crate::ffi;
use crate::model::{Inventory, TypeRef};

/// Two floats.
#[ffi]
#[derive(Clone, Copy)]
pub struct PyTestPoint {
    pub x: f32,
    pub y: f64,
}

/// A packed record (misaligned by value: no problem for the compiled path).
#[ffi(packed)]
#[derive(Clone, Copy)]
pub struct PyTestPacked {
    pub tag: u8,
    pub value: u32,
}

#[ffi]
#[repr(u8)]
#[derive(Clone, Copy)]
pub enum PyTestLevel {
    Low = 1,
    High = 200,
}

#[ffi(opaque)]
pub struct PyTestThing {
    pub n: u64,
}

#[ffi]
#[allow(clippy::too_many_arguments)]
pub fn py_test_numbers(a: u8, b: i16, c: u32, d: i64, e: usize, f: isize, g: f32, h: f64) -> u16 {
    (a as u16).wrapping_add(b as u16)
        ^ (c as u16)
        ^ (d as u16)
        ^ (e as u16)
        ^ (f as u16)
        ^ (g as u16)
        ^ (h as u16)
}

#[ffi]
pub fn py_test_bool(b: bool) -> bool {
    !b
}

#[ffi]
pub fn py_test_level(l: PyTestLevel) -> u8 {
    l as u8
}

#[ffi]
pub fn py_test_records(p: PyTestPoint, q: &PyTestPoint, r: Option<&mut PyTestPoint>) -> f64 {
    p.y + q.y + r.map_or(0.0, |r| r.y)
}

#[ffi]
pub fn py_test_packed(p: PyTestPacked) -> u32 {
    let v = p.value;
    v + u32::from(p.tag)
}

#[ffi]
pub fn py_test_handles(t: &PyTestThing, u: Option<&PyTestThing>, v: *mut PyTestThing) -> i8 {
    (t.n as i8).wrapping_add(u.map_or(0, |u| u.n as i8)) ^ (v.is_null() as i8)
}

#[ffi]
pub fn py_test_reference(n: &mut u32, m: &[f32; 3]) {
    *n += m[0] as u32;
}

#[ffi]
pub fn py_test_unit() {}

#[ffi]
pub fn py_buf_text(s: &str, t: String, b: &[u8], v: Vec<f64>) -> String {
    format!("{s}{t}{}{}", b.len(), v.len())
}

#[ffi]
pub fn py_buf_vectors(n: u16) -> Vec<u16> {
    (0..n).collect()
}

#[ffi]
pub fn py_buf_bytes(n: u8) -> Vec<u8> {
    vec![n; usize::from(n)]
}

/// The class argument a conversion of `ty` is checked with: a stand-in of the right size (the
/// conversions that only check a class's size never touch it before a call).
fn class_for(inv: &Inventory, ty: &TypeRef) -> Class {
    let size = match inv.shape_of(ty) {
        Ok(crate::abi::AbiShape::Pointer { target, .. }) => inv.layout_of(target).unwrap().size,
        Ok(crate::abi::AbiShape::Handle { .. }) => inv.target.pointer_size,
        _ => inv.layout_of(ty).map(|l| l.size).unwrap_or(0),
    };
    Class {
        class: core::ptr::NonNull::dangling().as_ptr(),
        size: size as usize,
        name: core::ptr::null_mut(),
        place: core::ptr::null_mut(),
    }
}

#[test]
fn every_conversion_writes_the_layout_of_the_shims_parameter() {
    let inv = crate::inventory::inventory();
    let mut checked = 0;
    for desc in crate::registry::FUNCTIONS
        .iter()
        .filter(|d| d.symbol.starts_with("py_test_"))
    {
        let f = inv
            .functions
            .iter()
            .find(|f| f.symbol == desc.symbol)
            .unwrap();
        assert_eq!(f.params.len(), desc.python.params.len(), "{}", f.symbol);
        for (p, layout) in f.params.iter().zip(desc.python.params) {
            // SAFETY: none of these conversions calls into Python when it is made.
            let conv = unsafe { convert::arg(&inv, &p.ty, class_for(&inv, &p.ty)) }
                .unwrap_or_else(|e| panic!("{}: {e:?}", f.symbol));
            assert_eq!(conv.layout(), *layout, "{} `{}`", f.symbol, p.name);
            checked += 1;
        }
        if let Ok(ret) = unsafe { convert::ret(&inv, &f.returns, class_for(&inv, &f.returns)) } {
            assert_eq!(ret.layout(), desc.python.ret, "{} result", f.symbol);
            checked += 1;
        }
    }
    assert!(checked >= 25, "{checked}");
}

/// The parameter and result of `symbol`.
fn function(inv: &Inventory, symbol: &str) -> crate::model::Function {
    inv.functions
        .iter()
        .find(|f| f.symbol == symbol)
        .unwrap()
        .clone()
}

#[test]
fn strings_slices_and_vectors_are_views_in_and_buffers_out() {
    use crate::abi::{Buffer, View};
    let inv = crate::inventory::inventory();
    let view = AbiLayout::of::<View<u8>>();
    let buffer = AbiLayout::of::<Buffer<u8>>();
    let text = crate::registry::FUNCTIONS
        .iter()
        .find(|d| d.symbol == "py_buf_text")
        .unwrap();
    assert_eq!(text.python.params, [view, view, view, view]);
    assert_eq!(text.python.ret, buffer);
    // SAFETY: conversions that need no class never touch the interpreter when they are made.
    let ret = unsafe { convert::ret(&inv, &function(&inv, "py_buf_text").returns, class(0)) };
    assert_eq!(ret.unwrap().layout(), buffer);
    let ret = unsafe { convert::ret(&inv, &function(&inv, "py_buf_bytes").returns, class(0)) };
    assert_eq!(ret.unwrap().layout(), buffer);
    // Without the package's helper (or the array class) the function stays on the ctypes path.
    let f = function(&inv, "py_buf_text");
    for (p, what) in f
        .params
        .iter()
        .zip(["a string", "a string", "a slice", "a slice"])
    {
        // SAFETY: as above (no helper given: refused before any call into Python).
        let e = unsafe { convert::arg(&inv, &p.ty, class(0)) }
            .err()
            .unwrap();
        assert_eq!(e, Unsupported(format!("no helper was given for {what}")));
    }
    let e = unsafe { convert::ret(&inv, &function(&inv, "py_buf_vectors").returns, class(0)) }
        .err()
        .unwrap();
    assert_eq!(
        e,
        Unsupported("no array class was given for a vector".into())
    );
}

fn class(size: usize) -> Class {
    Class {
        class: core::ptr::null_mut(),
        size,
        name: core::ptr::null_mut(),
        place: core::ptr::null_mut(),
    }
}

#[test]
fn a_class_of_the_wrong_size_is_refused() {
    let inv = crate::inventory::inventory();
    let f = inv
        .functions
        .iter()
        .find(|f| f.symbol == "py_test_records")
        .unwrap();
    let wrong = Class {
        class: core::ptr::NonNull::dangling().as_ptr(),
        size: 3,
        name: core::ptr::null_mut(),
        place: core::ptr::null_mut(),
    };
    // SAFETY: as above.
    let e = unsafe { convert::arg(&inv, &f.params[0].ty, wrong) }
        .err()
        .unwrap();
    assert_eq!(
        e,
        Unsupported("the class given for PyTestPoint has 3 bytes, the library's type 16".into())
    );
    let none = Class {
        class: core::ptr::null_mut(),
        size: 0,
        name: core::ptr::null_mut(),
        place: core::ptr::null_mut(),
    };
    // SAFETY: as above.
    let e = unsafe { convert::arg(&inv, &f.params[1].ty, none) }
        .err()
        .unwrap();
    assert_eq!(
        e,
        Unsupported("no class was given for a reference's target".into())
    );
}

#[test]
fn signatures_share_one_entry_and_know_their_layouts() {
    type Add = unsafe extern "C" fn(u64, u64) -> u64;
    type Other = unsafe extern "C" fn(u64, u64) -> u32;
    let add = <Add as super::Signature>::CALL;
    let add_again = <Add as super::Signature>::CALL;
    assert!(core::ptr::fn_addr_eq(add.entry, add_again.entry));
    assert!(!core::ptr::fn_addr_eq(
        add.entry,
        <Other as super::Signature>::CALL.entry
    ));
    assert_eq!(add.params, [AbiLayout::of::<u64>(), AbiLayout::of::<u64>()]);
    assert_eq!(
        <Other as super::Signature>::CALL.ret,
        AbiLayout::of::<u32>()
    );
}

#[test]
fn the_api_names_are_unique_and_counted() {
    let names: Vec<&str> = super::ffi::NAMES.split_whitespace().collect();
    assert_eq!(names.len(), super::ffi::COUNT);
    let unique: std::collections::BTreeSet<&&str> = names.iter().collect();
    assert_eq!(unique.len(), names.len());
    assert!(names.iter().all(|n| n.starts_with("Py")));
    let exported = super::interop_python_api_names();
    // SAFETY: a NUL-terminated string owned by the library.
    let exported = unsafe { core::ffi::CStr::from_ptr(exported) }
        .to_str()
        .unwrap();
    assert_eq!(exported.split(' ').collect::<Vec<_>>(), names);
}

/// Which closure parameters' invocations take the GIL (ADR 43): only a borrowed closure without
/// `Send` in a call that keeps the GIL runs on the caller's thread without `PyGILState_Ensure`.
#[test]
fn closures_take_the_gil_unless_borrowed_without_send_in_a_call_keeping_it() {
    use crate::abi::convert::Lift;
    use crate::model::CallbackOwnership::{Borrowed, Owned};
    use crate::python::callback::{entry_of, takes_gil};

    let sendable = |describe| entry_of(describe).map(|(_, sendable)| sendable);
    // `impl Fn` / `impl FnMut` are passed as these two.
    assert_eq!(
        sendable(<&dyn Fn(u64) -> u64 as Lift>::DESCRIBE),
        Some(false)
    );
    assert_eq!(
        sendable(<&mut dyn FnMut(u32) as Lift>::DESCRIBE),
        Some(false)
    );
    assert_eq!(
        sendable(<Option<&dyn Fn(u8) -> u8> as Lift>::DESCRIBE),
        Some(false)
    );
    assert_eq!(
        sendable(<&(dyn Fn(u64) + Send) as Lift>::DESCRIBE),
        Some(true)
    );
    assert_eq!(
        sendable(<&(dyn Fn(u64) + Send + Sync) as Lift>::DESCRIBE),
        Some(true)
    );
    assert_eq!(
        sendable(<&mut (dyn FnMut(u32) + Send) as Lift>::DESCRIBE),
        Some(true)
    );
    assert_eq!(
        sendable(<Box<dyn Fn(u64) -> u64> as Lift>::DESCRIBE),
        Some(false)
    );
    assert_eq!(
        sendable(<Box<dyn Fn(u64) -> u64 + Send + Sync> as Lift>::DESCRIBE),
        Some(true)
    );

    assert!(!takes_gil(Borrowed, false, false));
    assert!(
        takes_gil(Borrowed, true, true),
        "a closure that may go to another thread"
    );
    assert!(
        takes_gil(Borrowed, false, true),
        "a call that releases the GIL"
    );
    assert!(
        takes_gil(Owned, false, false),
        "a kept closure, even without `Send`"
    );
    assert!(takes_gil(Owned, true, true));
}

/// Numbers and `bool` in a closure's signature are converted inline (ADR 43); `()`, enums,
/// records and strings keep their conversions.
#[test]
fn closure_scalars() {
    use super::convert::scalar::Scalar;
    use crate::model::Primitive;

    let inv = Inventory::empty();
    let scalar = |p| Scalar::of(&inv, &TypeRef::Primitive { primitive: p });
    assert_eq!(scalar(Primitive::U64), Some(Scalar::Unsigned { size: 8 }));
    assert_eq!(scalar(Primitive::I8), Some(Scalar::Signed { size: 1 }));
    assert_eq!(scalar(Primitive::F32), Some(Scalar::F32));
    assert_eq!(scalar(Primitive::Bool), Some(Scalar::Bool));
    assert_eq!(scalar(Primitive::Unit), None);
    assert_eq!(Scalar::of(&inv, &TypeRef::String), None);
}
