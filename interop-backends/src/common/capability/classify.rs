//! The classification pass: every use of a type in an inventory, as a construct in a position.

use interop_core::abi::AbiShape;
use interop_core::model::{
    CallbackOwnership, Inventory, PointerKind, Primitive, StructLayout, TypeRef,
};

use super::{Construct, Position};

/// One use of a construct in an inventory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    /// The Rust path of the item (function, constant or type) the use belongs to.
    pub item: String,
    /// Which part of the item: `parameter `p``, `return type`, `field `x``.
    pub part: String,
    pub construct: Construct,
    pub position: Position,
    /// The type as written in Rust (bindings names for named types).
    pub rust_type: String,
}

/// The construct a type is in a position, `None` for types that cannot occur there (the inventory is
/// invalid, or from a newer interop-core: [`crate::common::diagnostics`] reports those separately).
pub fn construct_of(inv: &Inventory, ty: &TypeRef) -> Option<Construct> {
    Some(match inv.shape_of(ty).ok()? {
        AbiShape::Unit => Construct::Unit,
        AbiShape::Primitive(Primitive::Bool) => Construct::Bool,
        AbiShape::Primitive(Primitive::Ordering) => Construct::Ordering,
        AbiShape::Primitive(_) => Construct::Number,
        AbiShape::Enum { .. } => Construct::CLikeEnum,
        AbiShape::Record { def } if def.is_tuple() => Construct::Tuple,
        AbiShape::Record { def } if def.is_instantiation() => Construct::GenericRecord,
        AbiShape::Record { .. } if crate::common::closures::holds_closure(inv, ty) => {
            Construct::ClosureRecord
        }
        AbiShape::Record { def } => {
            let packed = matches!(&def.kind, interop_core::model::TypeKind::Struct(s) if s.layout == StructLayout::Packed);
            if inv.owns_data(ty).ok()? {
                Construct::OwningRecord
            } else if inv.holds_views(ty).ok()? {
                Construct::BorrowingRecord
            } else if packed || inv.has_misaligned_fields(ty).ok()? {
                Construct::PackedRecord
            } else {
                Construct::Record
            }
        }
        AbiShape::DataEnum { .. } => Construct::DataEnum,
        AbiShape::Transparent { .. } => Construct::TransparentRecord,
        AbiShape::Array { .. } => Construct::FixedArray,
        AbiShape::Handle { .. } => Construct::OpaqueHandle,
        AbiShape::Service { .. } => Construct::Service,
        AbiShape::Pointer { target, kind, .. } => match (kind, target) {
            (
                _,
                TypeRef::Primitive {
                    primitive: Primitive::CVoid,
                },
            ) => Construct::VoidPointer,
            (PointerKind::Reference, _) => Construct::Reference,
            (PointerKind::NullableReference, _) => Construct::NullableReference,
            _ => Construct::RawPointer,
        },
        AbiShape::Str { owned: false } => Construct::Str,
        AbiShape::Str { owned: true } => Construct::String,
        AbiShape::CStr { .. } => Construct::CStr,
        AbiShape::Slice { mutable: false, .. } => Construct::Slice,
        AbiShape::Slice { mutable: true, .. } => Construct::SliceMut,
        AbiShape::Vec { .. } => Construct::Vec,
        AbiShape::Option { .. } => Construct::Option,
        AbiShape::Result { .. } => Construct::Result,
        AbiShape::Callback(c) => match c.ownership {
            CallbackOwnership::Borrowed => Construct::BorrowedClosure,
            _ => Construct::KeptClosure,
        },
        AbiShape::FnPointer(_) => Construct::FnPointer,
        _ => return None,
    })
}

/// Every use of every construct in `inv`: parameters, returns, fields, pointees (recursively), array
/// elements and constants, each with the Rust path of its item.
pub fn occurrences(inv: &Inventory) -> Vec<Occurrence> {
    let mut out = Vec::new();
    for f in &inv.functions {
        for p in &f.params {
            let part = if p.name == "self" {
                "receiver".to_string()
            } else {
                format!("parameter `{}`", p.name)
            };
            visit(inv, &f.rust_path, &part, &p.ty, Position::Param, &mut out);
        }
        visit(
            inv,
            &f.rust_path,
            "return type",
            &f.returns,
            Position::Return,
            &mut out,
        );
    }
    for t in &inv.types {
        match &t.kind {
            interop_core::model::TypeKind::Struct(s) => {
                for f in &s.fields {
                    let part = format!("field `{}`", f.rust_name);
                    visit(inv, &t.id, &part, &f.ty, Position::Field, &mut out);
                }
            }
            interop_core::model::TypeKind::DataEnum(e) => {
                for v in &e.variants {
                    for f in &v.fields {
                        let part = format!("field `{}.{}`", v.rust_name, f.rust_name);
                        visit(inv, &t.id, &part, &f.ty, Position::Field, &mut out);
                    }
                }
            }
            _ => {}
        }
    }
    for c in &inv.constants {
        visit(
            inv,
            &c.rust_path,
            "type",
            &c.ty,
            Position::Constant,
            &mut out,
        );
    }
    let item = |path: &str, construct: Construct, rust: &str| Occurrence {
        item: path.to_string(),
        part: "item".to_string(),
        construct,
        position: Position::Item,
        rust_type: rust.to_string(),
    };
    for f in &inv.functions {
        let construct = if f.owner.is_some() {
            Construct::Method
        } else {
            Construct::Function
        };
        out.push(item(&f.rust_path, construct, "fn"));
        if let Some(m) = &f.module {
            out.push(item(&f.rust_path, Construct::Module, m));
        }
    }
    for c in &inv.constants {
        out.push(item(&c.rust_path, Construct::Constant, "const"));
        if let Some(m) = &c.module {
            out.push(item(&c.rust_path, Construct::Module, m));
        }
    }
    for t in &inv.types {
        if let Some(m) = &t.module {
            out.push(item(&t.id, Construct::Module, m));
        }
        if let interop_core::model::TypeKind::Callback(_) = &t.kind {
            out.push(item(&t.id, Construct::CallbackType, "type"));
        }
    }
    out
}

fn visit(
    inv: &Inventory,
    item: &str,
    part: &str,
    ty: &TypeRef,
    position: Position,
    out: &mut Vec<Occurrence>,
) {
    if let Some(mut construct) = construct_of(inv, ty) {
        // A kept closure in a return is a Rust closure handed out.
        if construct == Construct::KeptClosure && position == Position::Return {
            construct = Construct::ReturnedClosure;
        }
        out.push(Occurrence {
            item: item.to_string(),
            part: part.to_string(),
            construct,
            position,
            rust_type: inv.rust_spelling(ty),
        });
    }
    match ty {
        TypeRef::Pointer(p) => {
            let is_void = matches!(
                *p.target,
                TypeRef::Primitive {
                    primitive: Primitive::CVoid
                }
            );
            let is_opaque = matches!(inv.shape_of(ty), Ok(AbiShape::Handle { .. }));
            if !is_void && !is_opaque {
                visit(inv, item, part, &p.target, Position::Pointee, out);
            }
        }
        TypeRef::Array(a) => visit(inv, item, part, &a.element, Position::Field, out),
        TypeRef::Slice(s) => visit(inv, item, part, &s.element, Position::Element, out),
        TypeRef::Vec(v) => visit(inv, item, part, &v.element, Position::Element, out),
        // `Option<&mut [T]>` is one construct, the nullable writable view (ADR 53).
        TypeRef::Option(o) if o.inner.is_slice_mut() => {
            if let TypeRef::Slice(s) = &*o.inner {
                visit(inv, item, part, &s.element, Position::Element, out);
            }
        }
        // What an option or result holds sits where it does.
        TypeRef::Option(o) => visit(inv, item, part, &o.inner, position, out),
        TypeRef::Result(r) => {
            visit(inv, item, part, &r.ok, position, out);
            visit(inv, item, part, &r.err, position, out);
        }
        TypeRef::Callback(c) => {
            let mut push = |construct| {
                out.push(Occurrence {
                    item: item.to_string(),
                    part: part.to_string(),
                    construct,
                    position,
                    rust_type: inv.rust_spelling(ty),
                })
            };
            if c.params.iter().any(borrowed) {
                push(Construct::ClosureBorrowedArgs);
            }
            if matches!(*c.returns, TypeRef::Result(_)) {
                push(Construct::ClosureResult);
            }
        }
        _ => {}
    }
}

/// A closure parameter borrowed for the closure's call.
fn borrowed(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Str | TypeRef::CStr | TypeRef::Slice(_) => true,
        TypeRef::Pointer(p) => p.kind != PointerKind::Raw,
        _ => false,
    }
}
