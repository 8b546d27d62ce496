//! Data enums through real shims (called as C would, through their symbols).

use crate::abi::Buffer;
use crate::abi::free::interop_buffer_free;
use crate::ffi;
use crate::model::{Primitive, TypeKind, TypeRef};
use crate::panic::take as take_message;

/// A shape.
#[ffi]
#[derive(Debug, Clone, PartialEq)]
pub enum TShape {
    /// Nothing.
    Empty,
    Circle(f32),
    Rect {
        w: f32,
        h: f32,
    },
    Named(String, Vec<u32>),
}

#[ffi]
pub fn t_shape_area(s: TShape) -> f32 {
    match s {
        TShape::Empty => 0.0,
        TShape::Circle(r) => 3.0 * r * r,
        TShape::Rect { w, h } => w * h,
        TShape::Named(n, v) => n.len() as f32 + v.iter().sum::<u32>() as f32,
    }
}

#[ffi]
pub fn t_shape_named(n: u32) -> TShape {
    TShape::Named("x".repeat(n as usize), (0..n).collect())
}

#[repr(C)]
#[derive(Clone, Copy)]
struct CRect {
    w: f32,
    h: f32,
}

#[repr(C)]
struct CNamed {
    name: Buffer<u8>,
    values: Buffer<u32>,
}

#[repr(C)]
union CBody {
    circle: f32,
    rect: CRect,
    named: core::mem::ManuallyDrop<CNamed>,
}

#[repr(C)]
struct CShape {
    tag: u8,
    body: CBody,
}

unsafe extern "C" {
    #[link_name = "t_shape_area"]
    fn c_shape_area(s: CShape) -> f32;
    #[link_name = "t_shape_named"]
    fn c_shape_named(n: u32) -> CShape;
}

#[test]
fn data_enums_cross_both_ways_and_bad_tags_are_errors() {
    let rect = CShape {
        tag: 2,
        body: CBody {
            rect: CRect { w: 2.0, h: 3.0 },
        },
    };
    assert_eq!(unsafe { c_shape_area(rect) }, 6.0);
    let circle = CShape {
        tag: 1,
        body: CBody { circle: 1.0 },
    };
    assert_eq!(unsafe { c_shape_area(circle) }, 3.0);
    let empty = CShape {
        tag: 0,
        body: CBody { circle: 0.0 },
    };
    assert_eq!(unsafe { c_shape_area(empty) }, 0.0);
    let text = b"abc";
    let values = [1u32, 2];
    let named = CShape {
        tag: 3,
        body: CBody {
            named: core::mem::ManuallyDrop::new(CNamed {
                name: Buffer {
                    ptr: text.as_ptr().cast_mut(),
                    len: 3,
                    cap: 0,
                },
                values: Buffer {
                    ptr: values.as_ptr().cast_mut(),
                    len: 2,
                    cap: 0,
                },
            }),
        },
    };
    assert_eq!(unsafe { c_shape_area(named) }, 6.0);

    let bad = CShape {
        tag: 9,
        body: CBody { circle: 0.0 },
    };
    assert_eq!(unsafe { c_shape_area(bad) }, 0.0);
    let message = take_message().expect("an error");
    assert!(
        message.contains("9 is not a value of enum `TShape`"),
        "{message}"
    );

    let bad_text = [0xffu8];
    let bad_named = CShape {
        tag: 3,
        body: CBody {
            named: core::mem::ManuallyDrop::new(CNamed {
                name: Buffer {
                    ptr: bad_text.as_ptr().cast_mut(),
                    len: 1,
                    cap: 0,
                },
                values: Buffer {
                    ptr: core::ptr::null_mut(),
                    len: 0,
                    cap: 0,
                },
            }),
        },
    };
    unsafe { c_shape_area(bad_named) };
    let message = take_message().expect("an error");
    assert!(message.contains("Named.0"), "{message}");

    let back = unsafe { c_shape_named(3) };
    assert_eq!(back.tag, 3);
    let named = unsafe { core::mem::ManuallyDrop::into_inner(back.body.named) };
    assert_eq!(named.name.len, 3);
    assert_eq!(named.values.len, 3);
    unsafe {
        interop_buffer_free(named.name.ptr.cast(), named.name.cap, 1, 1);
        interop_buffer_free(named.values.ptr.cast(), named.values.cap, 4, 4);
    }
}

#[test]
fn data_enums_are_described_with_the_mirror_layout() {
    let inv = crate::registry::collect();
    let def = inv
        .types
        .iter()
        .find(|t| t.name == "TShape")
        .expect("TShape registered");
    let TypeKind::DataEnum(e) = &def.kind else {
        panic!("not a data enum: {:?}", def.kind)
    };
    assert_eq!(e.tag, Primitive::U8);
    assert_eq!(def.size as usize, core::mem::size_of::<CShape>());
    assert_eq!(e.body_offset as usize, core::mem::offset_of!(CShape, body));
    let names: Vec<_> = e.variants.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, ["Empty", "Circle", "Rect", "Named"]);
    assert_eq!(e.variants[0].docs, ["Nothing."]);
    assert!(e.variants[1].tuple && !e.variants[2].tuple);
    assert_eq!(e.variants[2].fields[1].name, "h");
    assert_eq!(e.variants[2].fields[1].offset, 4);
    assert_eq!(
        e.variants[3].fields[1].ty,
        TypeRef::vec(TypeRef::primitive(Primitive::U32))
    );
    assert!(inv.owns_data(&TypeRef::named(def.id.clone())).unwrap());
    inv.validate().unwrap();
}

/// C-compatible payloads: the enum is its own ABI form.
#[ffi]
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum TPayload {
    A,
    B(f32, bool),
    C { x: u32 },
}

#[ffi]
pub fn t_payload_double(x: &mut TPayload) -> u32 {
    match x {
        TPayload::A => 0,
        TPayload::B(v, _) => {
            *v *= 2.0;
            1
        }
        TPayload::C { x } => {
            *x *= 2;
            2
        }
    }
}

#[repr(C)]
#[derive(Clone, Copy)]
struct CB {
    v: f32,
    flag: u8,
}

#[repr(C)]
#[derive(Clone, Copy)]
union CPayloadBody {
    b: CB,
    c: u32,
}

#[repr(C)]
#[derive(Clone, Copy)]
struct CPayload {
    tag: u8,
    body: CPayloadBody,
}

unsafe extern "C" {
    #[link_name = "t_payload_double"]
    fn c_payload_double(x: *mut CPayload) -> u32;
}

#[test]
fn c_compatible_data_enums_cross_by_reference_with_checks() {
    const { assert!(<TPayload as crate::FfiType>::IDENTITY) };
    const { assert!(!<TShape as crate::FfiType>::IDENTITY) };
    let mut b = CPayload {
        tag: 1,
        body: CPayloadBody {
            b: CB { v: 1.5, flag: 1 },
        },
    };
    assert_eq!(unsafe { c_payload_double(&mut b) }, 1);
    assert_eq!(unsafe { b.body.b.v }, 3.0);
    let mut c = CPayload {
        tag: 2,
        body: CPayloadBody { c: 21 },
    };
    assert_eq!(unsafe { c_payload_double(&mut c) }, 2);
    assert_eq!(unsafe { c.body.c }, 42);
    let mut bad_bool = CPayload {
        tag: 1,
        body: CPayloadBody {
            b: CB { v: 1.0, flag: 7 },
        },
    };
    unsafe { c_payload_double(&mut bad_bool) };
    let message = take_message().expect("an error");
    assert!(
        message.contains("B.1") && message.contains("7 is not a bool"),
        "{message}"
    );
    let mut bad_tag = CPayload {
        tag: 3,
        body: CPayloadBody { c: 0 },
    };
    unsafe { c_payload_double(&mut bad_tag) };
    let message = take_message().expect("an error");
    assert!(
        message.contains("3 is not a value of enum `TPayload`"),
        "{message}"
    );
}
