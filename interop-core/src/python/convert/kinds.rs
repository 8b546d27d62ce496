//! Which kind of conversion a type gets: records of plain data or owning data, the elements of
//! slices and vectors the compiled path converts itself.

use super::{Unsupported, sequence};
use crate::abi::AbiShape;
use crate::model::{Inventory, TypeRef};
use crate::python::entry::AbiLayout;

/// `ty` is a record of plain data: one that owns data (`String`, `Vec<T>` fields) or holds views
/// (`&str`, `&[T]` fields) crosses as its ABI mirror, which the compiled path does not build (yet).
pub(super) fn plain_record(inv: &Inventory, ty: &TypeRef) -> Result<(), Unsupported> {
    let e = |e: crate::abi::classify::ShapeError| Unsupported(e.to_string());
    if inv.converts(ty).map_err(e)? {
        return Err(Unsupported(format!(
            "`{}` owns data, holds views or holds options",
            inv.rust_spelling(ty)
        )));
    }
    Ok(())
}

/// The layout of a named type's ABI value (a record owning data: its mirror's).
pub(super) fn layout_of_def(def: &crate::model::TypeDef) -> AbiLayout {
    AbiLayout {
        size: def.size as usize,
        align: def.align.max(1) as usize,
    }
}

/// Refuses a record owning data (the value of an option: `_option_in`'s conversion, not
/// `_record_in`'s); anything else passes.
pub(crate) fn plain_record_or_other(inv: &Inventory, ty: &TypeRef) -> Result<(), Unsupported> {
    match inv.shape_of(ty) {
        Ok(AbiShape::Record { def } | AbiShape::Transparent { def, .. }) if !def.is_tuple() => {
            plain_record(inv, ty)
        }
        _ => Ok(()),
    }
}

/// The element of a slice or vector `ty` the compiled path converts: a number or `bool`.
pub(super) fn element_of(
    inv: &Inventory,
    ty: &TypeRef,
    element: &TypeRef,
) -> Result<sequence::Element, Unsupported> {
    let refuse = || {
        Unsupported(format!(
            "`{}`: the compiled path converts slices and vectors of numbers",
            inv.rust_spelling(ty)
        ))
    };
    let Ok(AbiShape::Primitive(p)) = inv.shape_of(element) else {
        return Err(refuse());
    };
    let layout = inv.layout_of(element).map_err(|_| refuse())?;
    sequence::Element::of(p, layout.size, layout.align).ok_or_else(refuse)
}

/// The element of a slice or vector parameter the compiled path converts itself: a number,
/// `bool` or C-like enum (whose values the shim checks); `None` for the others, which the
/// package's helper converts.
pub(super) fn arg_element(inv: &Inventory, element: &TypeRef) -> Option<sequence::Element> {
    let p = match inv.shape_of(element).ok()? {
        AbiShape::Primitive(p) => p,
        AbiShape::Enum { storage, .. } => storage,
        _ => return None,
    };
    let layout = inv.layout_of(element).ok()?;
    sequence::Element::of(p, layout.size, layout.align)
}
