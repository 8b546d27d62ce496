//! `#[ffi]` used inside interop-core's own test binary: the registry, the docs helper and the
//! panic channel, without a cdylib in between.

use crate::ffi;
use crate::model::{ConstValue, PointerKind, Primitive, TypeKind, TypeRef};

/// A tree node: refers to itself through pointers.
#[ffi]
#[derive(Clone, Copy)]
pub struct TreeNode {
    pub value: i64,
    pub left: *const TreeNode,
    pub right: *mut TreeNode,
}

#[ffi]
pub fn tree_value(n: &TreeNode) -> i64 {
    n.value
}

#[ffi]
pub fn tree_left(n: &TreeNode) -> *const TreeNode {
    n.left
}

#[ffi]
pub fn unit_test_panics(code: u8) -> TreeNode {
    panic!("code {code}")
}

#[ffi]
pub fn unit_test_string_panic() {
    std::panic::panic_any(7u32)
}

#[ffi]
pub const UNIT_TEST_CONST: i8 = -3;

unsafe extern "C" {
    #[link_name = "tree_value"]
    fn c_tree_value(n: *const TreeNode) -> i64;
    #[link_name = "unit_test_panics"]
    fn c_unit_test_panics(code: u8) -> TreeNode;
    #[link_name = "unit_test_string_panic"]
    fn c_unit_test_string_panic();
}

#[test]
fn types_are_described_once_and_recursion_terminates() {
    let inv = crate::inventory::inventory();
    inv.validate().unwrap();
    let id = concat!(module_path!(), "::TreeNode");
    assert_eq!(inv.types.iter().filter(|t| t.id == id).count(), 1);
    let t = inv.type_def(id).unwrap();
    let TypeKind::Struct(s) = &t.kind else {
        panic!()
    };
    assert_eq!(
        s.fields[1].ty,
        TypeRef::pointer(TypeRef::named(id), false, PointerKind::Raw)
    );
    assert_eq!(
        s.fields[2].ty,
        TypeRef::pointer(TypeRef::named(id), true, PointerKind::Raw)
    );
    assert_eq!((t.size, t.align), (24, 8));
    let c = inv
        .constants
        .iter()
        .find(|c| c.name == "UNIT_TEST_CONST")
        .unwrap();
    assert_eq!(c.value, ConstValue::Int(-3));
    assert_eq!(c.ty, TypeRef::primitive(Primitive::I8));
}

#[test]
fn docs_split_lines_and_strip_one_space() {
    let docs = crate::__private::docs(&[" one", "  two", "three\n four\r\n", ""]);
    assert_eq!(docs, ["one", " two", "three", "four", "", ""]);
}

#[test]
fn shims_record_and_clear_errors() {
    let node = TreeNode {
        value: 5,
        left: std::ptr::null(),
        right: std::ptr::null_mut(),
    };
    // SAFETY: the shims' C signatures.
    unsafe {
        assert_eq!(c_tree_value(&node), 5);
        assert_eq!(crate::panic::take(), None);
        assert_eq!(c_tree_value(std::ptr::null()), 0);
        assert_eq!(
            crate::panic::take_error(),
            Some((
                crate::panic::ErrorKind::InvalidArgument,
                "argument `n` of `tree_value` must not be null".to_string()
            ))
        );
        let zero = c_unit_test_panics(9);
        assert_eq!((zero.value, zero.left.is_null()), (0, true));
        // A second error before the first is taken replaces it (one slot per thread).
        c_unit_test_string_panic();
        assert_eq!(
            crate::panic::take().as_deref(),
            Some("panic in `unit_test_string_panic`: panic with a non-string payload")
        );
        assert_eq!(crate::panic::take(), None);
    }
}

/// Generic enums with data (ADR 21, addendum): one enum per instantiation, named like generic
/// structs, and two instantiations with one name are refused by the inventory validation.
mod generic_enums {
    use crate::FfiType;
    use crate::ffi;
    use crate::model::{Inventory, TypeKind};
    use crate::registry::Registry;

    pub mod a {
        #[crate::ffi]
        #[derive(Clone, Copy)]
        pub struct Point {
            pub x: i32,
        }
    }

    pub mod b {
        #[crate::ffi]
        #[derive(Clone, Copy)]
        pub struct Point {
            pub y: f64,
        }
    }

    /// A value or nothing.
    #[ffi]
    pub enum Maybe<T> {
        Nothing,
        Just(T),
    }

    fn inventory(describe: &[crate::registry::DescribeFn]) -> Inventory {
        let mut reg = Registry::new();
        for d in describe {
            d(&mut reg);
        }
        let mut inv = Inventory::empty();
        inv.types = reg.into_types();
        inv
    }

    #[test]
    fn each_instantiation_is_an_enum_of_its_own() {
        let inv = inventory(&[<Maybe<u32>>::describe, <Maybe<a::Point>>::describe]);
        inv.validate().unwrap();
        let u32s = inv
            .types
            .iter()
            .find(|t| t.rust_name == "Maybe<u32>")
            .expect("Maybe<u32>");
        assert_eq!(u32s.name, "MaybeU32");
        let TypeKind::DataEnum(e) = &u32s.kind else {
            panic!("{:?}", u32s.kind)
        };
        assert_eq!(e.variants.len(), 2);
        assert_eq!((u32s.size, u32s.align), (8, 4));
        let points = inv
            .types
            .iter()
            .find(|t| t.rust_name == "Maybe<Point>")
            .expect("Maybe<Point>");
        assert_eq!(points.name, "MaybePoint");
    }

    #[test]
    fn two_instantiations_with_one_name_are_refused_naming_both() {
        let inv = inventory(&[<Maybe<a::Point>>::describe, <Maybe<b::Point>>::describe]);
        let err = inv.validate().unwrap_err();
        assert!(
            err.contains("two types are named `MaybePoint`")
                && err.contains("generic_enums::Maybe<")
                && err.contains("a::Point>")
                && err.contains("b::Point>"),
            "{err}"
        );
    }
}
