//! What a value of a model type holds at any depth (owned data, borrowed views, fields that make
//! it convert or sit misaligned): the facts backends ask before they choose how a record crosses.

use crate::model::{Inventory, TypeKind, TypeRef};

use super::ShapeError;

impl Inventory {
    /// True when a value of `ty` returned by the library holds allocations its receiver must free:
    /// `String`, `Vec<T>`, and records (and arrays) holding one at any depth. Records that own data
    /// are described with the layout of their ABI mirror (strings and vectors as owned buffers); their
    /// values are copied in when passed to the library and freed by the receiver when returned.
    pub fn owns_data(&self, ty: &TypeRef) -> Result<bool, ShapeError> {
        Ok(match ty {
            TypeRef::String | TypeRef::Vec(_) => true,
            TypeRef::Array(a) => self.owns_data(&a.element)?,
            TypeRef::Option(o) => self.owns_data(&o.inner)?,
            // An error always owns its message.
            TypeRef::Result(_) => true,
            TypeRef::Named { id } => match &self.def_or_err(id)?.kind {
                TypeKind::Struct(s) => {
                    let mut owns = false;
                    for f in &s.fields {
                        owns |= self.owns_data(&f.ty)?;
                    }
                    owns
                }
                TypeKind::DataEnum(e) => {
                    let mut owns = false;
                    for f in e.variants.iter().flat_map(|v| &v.fields) {
                        owns |= self.owns_data(&f.ty)?;
                    }
                    owns
                }
                _ => false,
            },
            _ => false,
        })
    }

    /// True when a value of `ty` holds a borrowed view (`&str`, `&[T]`, at any depth by value): it
    /// is only valid for the call that receives it.
    pub fn holds_views(&self, ty: &TypeRef) -> Result<bool, ShapeError> {
        Ok(match ty {
            TypeRef::Str | TypeRef::Slice(_) | TypeRef::CStr => true,
            TypeRef::Array(a) => self.holds_views(&a.element)?,
            TypeRef::Option(o) => self.holds_views(&o.inner)?,
            TypeRef::Named { id } => match &self.def_or_err(id)?.kind {
                TypeKind::Struct(s) => {
                    let mut views = false;
                    for f in &s.fields {
                        views |= self.holds_views(&f.ty)?;
                    }
                    views
                }
                TypeKind::DataEnum(e) => {
                    let mut views = false;
                    for f in e.variants.iter().flat_map(|v| &v.fields) {
                        views |= self.holds_views(&f.ty)?;
                    }
                    views
                }
                _ => false,
            },
            _ => false,
        })
    }

    /// True when a value of `ty` crosses in a form other than its own memory: it owns data, holds
    /// views, or holds a by-value `Option<T>` (a tagged struct), at any depth. Records for which this
    /// is true are converted field by field through their ABI mirror.
    pub fn converts(&self, ty: &TypeRef) -> Result<bool, ShapeError> {
        Ok(match ty {
            TypeRef::Option(_) | TypeRef::Result(_) => true,
            TypeRef::Array(a) => self.converts(&a.element)?,
            TypeRef::Named { id } => match &self.def_or_err(id)?.kind {
                TypeKind::Struct(s) => {
                    let mut converts = false;
                    for f in &s.fields {
                        converts |= self.converts(&f.ty)?;
                    }
                    converts || self.owns_data(ty)? || self.holds_views(ty)?
                }
                _ => false,
            },
            other => self.owns_data(other)? || self.holds_views(other)?,
        })
    }

    /// True when a by-value `ty` holds, at any depth, a field at an offset that is not a multiple of
    /// the field's alignment (a packed struct, or a struct embedding one). The x86-64 System V ABI
    /// passes and returns such aggregates in memory, which libffi and Mono's marshaller get wrong.
    pub fn has_misaligned_fields(&self, ty: &TypeRef) -> Result<bool, ShapeError> {
        self.misaligned_at(ty, 0)
    }

    fn misaligned_at(&self, ty: &TypeRef, offset: u64) -> Result<bool, ShapeError> {
        match ty {
            TypeRef::Named { id } => {
                let TypeKind::Struct(s) = &self.def_or_err(id)?.kind else {
                    return Ok(false);
                };
                for f in &s.fields {
                    let at = offset + f.offset;
                    if !at.is_multiple_of(self.natural_align(&f.ty)?)
                        || self.misaligned_at(&f.ty, at)?
                    {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            TypeRef::Array(a) => {
                let element = self.layout_of(&a.element)?;
                let align = self.natural_align(&a.element)?;
                // The pattern of offsets repeats after `align` elements at the latest.
                for i in 0..a.len.min(64) {
                    let at = offset + i * element.size;
                    if !at.is_multiple_of(align) || self.misaligned_at(&a.element, at)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            _ => Ok(false),
        }
    }

    /// The alignment a C compiler gives a field of type `ty` in a non-packed struct: the measured
    /// alignment of named types (1 for packed structs), of primitives and pointers.
    pub fn natural_align(&self, ty: &TypeRef) -> Result<u64, ShapeError> {
        Ok(self.layout_of(ty)?.align.max(1))
    }
}
