//! Where the x86-64 System V calling convention puts each argument of a call: in registers, or at an
//! offset of the stack argument area.
//!
//! A backend needs this when its runtime's marshaller classifies an argument differently from the C ABI:
//! Mono (like libffi) passes a small struct with misaligned fields (a packed struct) in registers, while
//! the C ABI passes it in memory. Knowing the C ABI's placement of every argument, a backend can pass the
//! stack-bound arguments itself, as one block of bytes (see `docs/adr/` and
//! `docs/csharp/call-paths.md`).
//!
//! The rules (System V AMD64 psABI §3.2.3), for the types the model has: integers, `bool`, enums and
//! pointers are INTEGER; `f32`/`f64` are SSE; a struct larger than 16 bytes, or with a misaligned field,
//! is MEMORY; a smaller struct is classified per eightbyte (INTEGER when any integer field overlaps it,
//! else SSE). Arguments take the 6 integer and 8 SSE registers in order; an argument that does not fit
//! entirely in the registers left goes to the stack (without using any), as does every MEMORY argument.
//! A MEMORY return value takes the first integer register for its hidden pointer.

use interop_core::abi::AbiShape;
use interop_core::abi::classify::ShapeError;
use interop_core::model::{Inventory, Primitive, TypeKind, TypeRef};

/// How an argument of a type is passed, on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Passing {
    /// Nothing is passed (`()`, a zero-sized struct).
    Nothing,
    /// In this many integer and SSE registers (when that many are left).
    Registers { int: u8, sse: u8 },
    /// In memory (on the stack for an argument, through a hidden pointer for a return value).
    Memory,
}

/// Where one argument of a call goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Registers,
    /// At `offset` bytes into the stack argument area, `size` bytes (the value's size).
    Stack {
        offset: u64,
        size: u64,
    },
}

/// The placement of every argument of a call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    pub places: Vec<Place>,
    /// Bytes of stack arguments (a multiple of 8).
    pub stack_size: u64,
}

const INT_REGISTERS: u8 = 6;
const SSE_REGISTERS: u8 = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    None,
    Integer,
    Sse,
}

/// How `ty` is passed.
pub fn passing(inv: &Inventory, ty: &TypeRef) -> Result<Passing, ShapeError> {
    Ok(match inv.shape_of(ty)? {
        AbiShape::Unit => Passing::Nothing,
        AbiShape::Primitive(Primitive::F32 | Primitive::F64) => {
            Passing::Registers { int: 0, sse: 1 }
        }
        AbiShape::Primitive(_)
        | AbiShape::Enum { .. }
        | AbiShape::Pointer { .. }
        | AbiShape::Handle { .. }
        | AbiShape::Service { .. } => Passing::Registers { int: 1, sse: 0 },
        _ => {
            let layout = inv.layout_of(ty)?;
            if layout.size == 0 {
                return Ok(Passing::Nothing);
            }
            if layout.size > 16 || inv.has_misaligned_fields(ty)? {
                return Ok(Passing::Memory);
            }
            let mut classes = [Class::None; 2];
            mark(inv, ty, 0, &mut classes)?;
            let eightbytes = layout.size.div_ceil(8) as usize;
            let (mut int, mut sse) = (0, 0);
            for class in &classes[..eightbytes] {
                match class {
                    Class::Integer => int += 1,
                    // An eightbyte of padding only is passed like an SSE one.
                    Class::Sse | Class::None => sse += 1,
                }
            }
            Passing::Registers { int, sse }
        }
    })
}

/// Merge the classes of the scalars of `ty` (at `offset` in the argument) into `classes`.
fn mark(
    inv: &Inventory,
    ty: &TypeRef,
    offset: u64,
    classes: &mut [Class; 2],
) -> Result<(), ShapeError> {
    match ty {
        TypeRef::Named { id } => {
            let def = inv
                .type_def(id)
                .ok_or_else(|| ShapeError::UnknownType(id.clone()))?;
            match &def.kind {
                TypeKind::Struct(s) => {
                    for f in &s.fields {
                        mark(inv, &f.ty, offset + f.offset, classes)?;
                    }
                }
                _ => set(classes, offset, Class::Integer),
            }
        }
        TypeRef::Array(a) => {
            let size = inv.layout_of(&a.element)?.size;
            for i in 0..a.len {
                mark(inv, &a.element, offset + i * size, classes)?;
            }
        }
        TypeRef::Primitive {
            primitive: Primitive::F32 | Primitive::F64,
        } => set(classes, offset, Class::Sse),
        TypeRef::Primitive {
            primitive: Primitive::Unit | Primitive::CVoid,
        } => {}
        _ => set(classes, offset, Class::Integer),
    }
    Ok(())
}

fn set(classes: &mut [Class; 2], offset: u64, class: Class) {
    if let Some(slot) = classes.get_mut((offset / 8) as usize) {
        *slot = match (*slot, class) {
            (Class::Integer, _) | (_, Class::Integer) => Class::Integer,
            _ => class,
        };
    }
}

/// Where each of `params` goes in a call returning `returns`.
pub fn frame(inv: &Inventory, returns: &TypeRef, params: &[&TypeRef]) -> Result<Frame, ShapeError> {
    let mut int_left = INT_REGISTERS;
    let mut sse_left = SSE_REGISTERS;
    if passing(inv, returns)? == Passing::Memory {
        int_left -= 1;
    }
    let mut places = Vec::with_capacity(params.len());
    let mut stack_size = 0;
    for ty in params {
        let in_registers = match passing(inv, ty)? {
            Passing::Nothing => true,
            Passing::Registers { int, sse } if int <= int_left && sse <= sse_left => {
                int_left -= int;
                sse_left -= sse;
                true
            }
            _ => false,
        };
        if in_registers {
            places.push(Place::Registers);
        } else {
            let size = inv.layout_of(ty)?.size;
            places.push(Place::Stack {
                offset: stack_size,
                size,
            });
            stack_size += size.div_ceil(8) * 8;
        }
    }
    Ok(Frame { places, stack_size })
}

#[cfg(test)]
mod tests {
    use super::*;
    use interop_core::model::{Field, StructDef, StructLayout, TypeDef};

    fn record(
        id: &str,
        size: u64,
        align: u64,
        layout: StructLayout,
        fields: Vec<Field>,
    ) -> TypeDef {
        TypeDef {
            id: id.into(),
            name: id.into(),
            rust_name: id.into(),
            module: None,
            docs: vec![],
            size,
            align,
            kind: TypeKind::Struct(StructDef {
                layout,
                tuple: false,
                fields,
            }),
        }
    }

    fn inv() -> Inventory {
        let p = |x| TypeRef::primitive(x);
        let mut inv = Inventory::empty();
        inv.types = vec![
            // { u8, u32 } packed: 5 bytes, misaligned.
            record(
                "Packed",
                5,
                1,
                StructLayout::Packed,
                vec![
                    Field::new("tag", p(Primitive::U8), 0),
                    Field::new("value", p(Primitive::U32), 1),
                ],
            ),
            // { f32, f32, f32 }: SSE, SSE.
            record(
                "Vec3",
                12,
                4,
                StructLayout::C,
                vec![
                    Field::new("x", p(Primitive::F32), 0),
                    Field::new("y", p(Primitive::F32), 4),
                    Field::new("z", p(Primitive::F32), 8),
                ],
            ),
            // { i32, f32, f64 }: INTEGER (i32 and f32 share it), SSE.
            record(
                "Mixed",
                16,
                8,
                StructLayout::C,
                vec![
                    Field::new("a", p(Primitive::I32), 0),
                    Field::new("b", p(Primitive::F32), 4),
                    Field::new("c", p(Primitive::F64), 8),
                ],
            ),
            record(
                "Big",
                24,
                8,
                StructLayout::C,
                vec![Field::new("v", TypeRef::array(p(Primitive::U64), 3), 0)],
            ),
        ];
        inv.types.sort_by(|a, b| a.id.cmp(&b.id));
        inv
    }

    #[test]
    fn classification() {
        let inv = inv();
        let named = |id: &str| TypeRef::named(id);
        assert_eq!(passing(&inv, &named("Packed")).unwrap(), Passing::Memory);
        assert_eq!(passing(&inv, &named("Big")).unwrap(), Passing::Memory);
        assert_eq!(
            passing(&inv, &named("Vec3")).unwrap(),
            Passing::Registers { int: 0, sse: 2 }
        );
        assert_eq!(
            passing(&inv, &named("Mixed")).unwrap(),
            Passing::Registers { int: 1, sse: 1 }
        );
        assert_eq!(
            passing(&inv, &TypeRef::primitive(Primitive::Unit)).unwrap(),
            Passing::Nothing
        );
    }

    #[test]
    fn stack_placement() {
        let inv = inv();
        let u8_ = TypeRef::primitive(Primitive::U8);
        let packed = TypeRef::named("Packed");
        let big = TypeRef::named("Big");
        // f(u8, Packed, Big, u8): the u8s in registers, the structs on the stack in order.
        let f = frame(
            &inv,
            &TypeRef::primitive(Primitive::Unit),
            &[&u8_, &packed, &big, &u8_],
        )
        .unwrap();
        assert_eq!(
            f.places,
            vec![
                Place::Registers,
                Place::Stack { offset: 0, size: 5 },
                Place::Stack {
                    offset: 8,
                    size: 24
                },
                Place::Registers,
            ]
        );
        assert_eq!(f.stack_size, 32);
        // Seven integers: the seventh on the stack (six with a hidden return pointer).
        let seven = vec![&u8_; 7];
        let f = frame(&inv, &TypeRef::primitive(Primitive::Unit), &seven).unwrap();
        assert_eq!(f.places[6], Place::Stack { offset: 0, size: 1 });
        let f = frame(&inv, &packed, &seven).unwrap();
        assert_eq!(f.places[5], Place::Stack { offset: 0, size: 1 });
        assert_eq!(f.stack_size, 16);
    }
}
