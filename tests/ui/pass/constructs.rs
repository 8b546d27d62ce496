//! Every construct, with every warning denied (rustc's and the FFI lints), then the inventory and the
//! shims checked at run time.
#![deny(warnings)]
#![allow(clippy::missing_safety_doc)]

use core::ffi::c_void;

use interop_core::ffi;
use interop_core::model::{ConstValue, PointerKind, Primitive, Receiver, TypeKind, TypeRef};

/// A point.
#[ffi]
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    /// X.
    pub x: i32,
    pub y: i32,
    /// Points to another point (a struct referring to itself).
    pub next: *const Point,
    /// Uses `Self`.
    pub prev: *mut Self,
}

#[ffi(transparent)]
#[derive(Clone, Copy)]
pub struct Id(pub u64);

/// Raw identifiers and a user `#[repr(C)]` that matches.
#[ffi(name = "Renamed", module = "geo")]
#[repr(C)]
#[derive(Clone, Copy)]
pub struct r#Weird {
    pub r#type: u8,
    pub arr: [[u16; 2]; 3],
}

#[ffi(packed)]
#[repr(C, packed)]
#[derive(Clone, Copy)]
pub struct Tight {
    pub a: u8,
    pub b: u64,
}

/// A reference field needs `'static` (lifetime-generic structs are rejected).
#[ffi]
pub struct Static {
    pub r: &'static u32,
    pub o: Option<&'static mut Plain>,
}

#[ffi(opaque)]
pub struct Handle {
    secret: Vec<u8>,
}

#[ffi]
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Plain {
    A,
    B = 1 << 3,
    C,
}

#[ffi]
#[repr(isize)]
#[derive(Clone, Copy)]
pub enum Isz {
    Neg = -5,
    Pos = 5,
}

const BASE: u32 = 7;

#[ffi]
pub const DERIVED: u32 = BASE * 6;
#[ffi]
pub const PLAIN_B: Plain = Plain::B;
#[ffi(name = "NAN_BITS")]
pub const NOT_A_NUMBER: f32 = f32::NAN;

#[doc = "Docs from an attribute."]
#[doc = concat!("and from ", "a macro")]
#[ffi]
pub fn doc_attrs() {}

/** Block doc
 second line */
#[ffi]
pub fn block_doc() -> bool {
    true
}

#[ffi]
pub fn lifetimes<'a>(p: &'a Point, _q: Option<&'a mut Point>) -> Option<&'a i32> {
    Some(&p.x)
}

#[ffi]
pub fn elided(p: &Point, q: &Point) -> i32 {
    p.x + q.y
}

#[ffi]
pub extern "C" fn already_c(x: u8) -> u8 {
    x
}

#[ffi]
pub unsafe fn unsafe_read(p: *const i32) -> i32 {
    unsafe { *p }
}

#[ffi]
pub fn pointers(
    _a: *const *mut c_void,
    _b: &mut *const u8,
    _c: Option<&[u8; 4]>,
    _h: *mut Handle,
    _r: &Handle,
) -> *const c_void {
    core::ptr::null()
}

#[ffi]
pub fn takes_mut(mut x: u32) -> u32 {
    x += 1;
    x
}

#[ffi]
pub fn id_next(id: Id) -> Id {
    Id(id.0 + 1)
}

#[ffi]
pub fn plain(p: Plain) -> Plain {
    p
}

#[ffi]
impl Point {
    /// A new point.
    pub fn new(x: i32, y: i32) -> Self {
        Point { x, y, next: core::ptr::null(), prev: core::ptr::null_mut() }
    }

    pub fn sum(&self) -> i32 {
        self.x + self.y
    }

    #[ffi(name = "shift_by", export = "pt_shift")]
    pub fn shift(&mut self, by: i32) {
        self.x += by;
    }

    pub fn into_x(self) -> i32 {
        self.x
    }

    /// Not exported: not `pub`.
    fn helper(&self) -> i32 {
        self.x
    }

    pub fn uses_helper(&self) -> i32 {
        self.helper()
    }
}

#[ffi(name = "Renamed")]
impl r#Weird {
    pub fn kind(&self) -> u8 {
        self.r#type
    }
}

#[ffi]
impl Handle {
    pub fn create() -> *mut Handle {
        Box::into_raw(Box::new(Handle { secret: vec![1, 2, 3] }))
    }

    pub fn len(&self) -> usize {
        self.secret.len()
    }

    pub unsafe fn free(h: *mut Handle) {
        drop(unsafe { Box::from_raw(h) });
    }
}

mod a {
    use interop_core::ffi;
    /// Same Rust name as `b::same`, different symbols.
    #[ffi(export = "a_same")]
    pub fn same() -> u32 {
        1
    }
}

mod b {
    use interop_core::ffi;
    #[ffi(export = "b_same", name = "same_b")]
    pub fn same() -> u32 {
        2
    }
}

unsafe extern "C" {
    #[link_name = "elided"]
    fn c_elided(p: *const Point, q: *const Point) -> i32;
    #[link_name = "pt_shift"]
    fn c_shift(p: *mut Point, by: i32);
    #[link_name = "a_same"]
    fn c_a_same() -> u32;
    #[link_name = "b_same"]
    fn c_b_same() -> u32;
    #[link_name = "renamed_kind"]
    fn c_renamed_kind(w: *const Weird) -> u8;
    #[link_name = "point_into_x"]
    fn c_into_x(p: Point) -> i32;
}

fn main() {
    let inv = interop_core::inventory::inventory();
    inv.validate().unwrap();
    let func = |s: &str| inv.functions.iter().find(|f| f.symbol == s).unwrap_or_else(|| panic!("{s}"));
    let ty = |n: &str| inv.types.iter().find(|t| t.rust_name == n).unwrap_or_else(|| panic!("{n}"));

    assert_eq!(func("doc_attrs").docs, ["Docs from an attribute.", "and from a macro"]);
    assert_eq!(func("block_doc").docs, ["Block doc", "second line "]);
    assert_eq!(
        func("lifetimes").returns,
        TypeRef::pointer(TypeRef::primitive(Primitive::I32), false, PointerKind::NullableReference)
    );
    assert_eq!(func("a_same").name, "same");
    assert_eq!(func("b_same").name, "same_b");
    let shift = func("pt_shift");
    assert_eq!((shift.name.as_str(), shift.receiver), ("shift_by", Some(Receiver::RefMut)));
    assert_eq!(func("point_new").returns, TypeRef::named(ty("Point").id.clone()));
    assert!(inv.functions.iter().all(|f| f.rust_name != "helper"));
    assert!(func("point_uses_helper").docs.is_empty());
    let weird = ty("Weird");
    assert_eq!((weird.name.as_str(), weird.module.as_deref()), ("Renamed", Some("geo")));
    let TypeKind::Struct(w) = &weird.kind else { panic!() };
    assert_eq!(w.fields[0].name, "type");
    assert_eq!(func("renamed_kind").owner.as_deref(), Some(weird.id.as_str()));
    assert_eq!(ty("Tight").size, 9);
    let TypeKind::Struct(st) = &ty("Static").kind else { panic!() };
    assert_eq!(
        st.fields[1].ty,
        TypeRef::pointer(TypeRef::named(ty("Plain").id.clone()), true, PointerKind::NullableReference)
    );
    let TypeKind::Enum(p) = &ty("Plain").kind else { panic!() };
    assert_eq!(p.variants.iter().map(|v| v.value).collect::<Vec<_>>(), [0, 8, 9]);
    let TypeKind::Enum(i) = &ty("Isz").kind else { panic!() };
    assert_eq!(i.storage, Primitive::Isize);
    let c = |n: &str| inv.constants.iter().find(|c| c.name == n).unwrap().value;
    assert_eq!(c("DERIVED"), ConstValue::Int(42));
    assert_eq!(c("PLAIN_B"), ConstValue::Int(8));
    assert_eq!(c("NAN_BITS"), ConstValue::F32Bits(f32::NAN.to_bits()));
    assert_eq!(
        inv.constants.iter().find(|c| c.name == "PLAIN_B").unwrap().ty,
        TypeRef::named(ty("Plain").id.clone())
    );

    let mut pt = Point::new(1, 2);
    let other = Point::new(10, 20);
    // SAFETY: the shims' C signatures.
    unsafe {
        assert_eq!(c_elided(&pt, &other), 21);
        c_shift(&mut pt, 5);
        assert_eq!(pt.x, 6);
        c_shift(core::ptr::null_mut(), 5);
        assert_eq!(
            interop_core::panic::take_error(),
            Some((
                interop_core::panic::ErrorKind::InvalidArgument,
                "argument `self` of `pt_shift` must not be null".to_string()
            ))
        );
        assert_eq!((c_a_same(), c_b_same()), (1, 2));
        let w = Weird { r#type: 9, arr: [[0; 2]; 3] };
        assert_eq!(c_renamed_kind(&w), 9);
        assert_eq!(c_into_x(pt), 6);
    }
}
