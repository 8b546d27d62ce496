//! How each model type is spelled in C: the one dispatch from a type to its family, and the family
//! modules behind it.
//!
//! [`family`] is the only place in the C backend that looks at what a [`TypeRef`] is (through
//! [`interop_core::abi::AbiShape`], the ABI contract). Everything else asks the returned [`Family`]:
//! the C declarator of the type in a position, the note a function's docs carry for a parameter of the
//! type, the literal of a constant of the type, and the records it reaches through a pointer (for
//! forward declarations). C is the ABI itself, so a family needs no conversion code: the raw spelling
//! *is* the public type.
//!
//! A new construct (a string view, an owned buffer, an option, …) is one new family module here, an
//! arm in [`family`] and capability entries: the item renderers (`items/`) do not change.

use interop_core::abi::AbiShape;
use interop_core::abi::classify::ShapeError;
use interop_core::model::{ConstValue, Inventory, Primitive, TypeDef, TypeKind, TypeRef};

use super::scope::Scope;

pub mod array;
pub mod buffer;
pub mod callback;
pub mod data_enum;
pub mod enum_;
pub mod handle;
pub mod pointer;
pub mod primitive;
pub mod record;
pub mod service;
pub mod tagged;

/// Where a type appears; decides what C can express there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    Field,
    Param,
    Return,
    Pointee,
}

/// What the families need: the inventory and the C names of its types.
#[derive(Clone, Copy)]
pub struct Cx<'a> {
    pub inv: &'a Inventory,
    pub scope: &'a Scope<'a>,
}

impl<'a> Cx<'a> {
    /// The C name of a view or buffer struct.
    fn carrier_name(&self, c: &buffer::Carrier) -> Result<String, TypeError> {
        self.scope
            .carrier_name(c)
            .map(str::to_string)
            .ok_or_else(|| {
                TypeError::Invalid(format!(
                    "no C name for the view or buffer `{}`",
                    c.base_name(self.inv)
                ))
            })
    }

    /// The C name of a callback struct or function pointer typedef.
    fn callback_name(&self, ty: &TypeRef) -> Result<String, TypeError> {
        callback::Signature::of(ty)
            .and_then(|s| self.scope.callback_name(&s))
            .map(str::to_string)
            .ok_or_else(|| {
                TypeError::Invalid(format!(
                    "no C name for the callback `{}`",
                    self.inv.rust_spelling(ty)
                ))
            })
    }

    /// The C name of a named type.
    /// The C name of a service's `_free` (its destructor).
    fn service_free(&self, def: &TypeDef) -> Result<String, TypeError> {
        self.inv
            .functions
            .iter()
            .find(|f| {
                f.owner.as_deref() == Some(def.id.as_str())
                    && f.kind == interop_core::model::FunctionKind::Destructor
            })
            .map(|f| f.symbol.clone())
            .ok_or_else(|| TypeError::Invalid(format!("service `{}` has no _free", def.name)))
    }

    fn type_name(&self, def: &TypeDef) -> Result<String, TypeError> {
        self.scope
            .type_name(&def.id)
            .map(str::to_string)
            .ok_or_else(|| TypeError::Invalid(ShapeError::UnknownType(def.id.clone()).to_string()))
    }
}

/// Why a type cannot be spelled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeError {
    /// C cannot express it (in this position, or at all); the text says why.
    Unsupported(String),
    /// The inventory is invalid (it refers to a type it does not define).
    Invalid(String),
}

impl std::fmt::Display for TypeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TypeError::Unsupported(m) | TypeError::Invalid(m) => f.write_str(m),
        }
    }
}

impl From<ShapeError> for TypeError {
    fn from(e: ShapeError) -> Self {
        match e {
            ShapeError::UnknownType(_) => TypeError::Invalid(e.to_string()),
            ShapeError::NotByValue(why) => TypeError::Unsupported(why),
        }
    }
}

/// A C literal and whether it needs `<math.h>` (`NAN`, `INFINITY`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Literal {
    pub text: String,
    pub needs_math: bool,
}

/// What a function's docs say about a parameter of a family's type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamDoc {
    /// A reference: NULL is refused (INTEROP_ERROR_INVALID_ARGUMENT in the error channel).
    NotNull,
    /// `Option<&CStr>`: NULL is `None` (ADR 46).
    NullIsNone,
    /// `Option<&mut [T]>`: a view whose NULL `ptr` (with `len` 0) is `None` (ADR 53).
    NullViewIsNone,
    /// `Option<Box<dyn Fn…>>` (any optional closure): a NULL `call` is `None` (trial6).
    NullCallIsNone,
}

/// Who owns a value of a family's type, for the sentence a function's docs carry about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ownership {
    /// An argument the library reads during the call only (`&str`, `&[T]`, a struct of views).
    Borrowed,
    /// An argument the library copies (`String`, `Vec<T>`, a struct owning data): the caller keeps
    /// and frees its own memory.
    Copied,
    /// `&mut [T]`: the library writes the caller's elements during the call.
    WrittenInPlace,
    /// A returned value the caller owns, freed once with this helper.
    Owned(String),
    /// A returned pointer to the library's static data (never freed).
    Static,
    /// A closure the library calls during the call only (its `drop` runs before the call returns).
    CalledDuring,
    /// A closure the library keeps (called later, possibly from other threads; `drop` when done).
    Kept,
    /// A record of closures (ADR 30): each closure becomes the library's, which calls each `drop`
    /// once (trial6).
    ClosuresHandedOver,
    /// A returned Rust closure: the caller calls it and calls its `drop` once; who owns what its
    /// `call` writes when that is owned data (ADR 56).
    Closure(Option<String>),
    /// A service taken by value: its value moves into the call, the handle stays (empty) and is
    /// still freed with this function.
    Consumed(String),
}

/// One type family's answers about one type.
pub trait Family<'a> {
    /// A C declaration of `declarator` with this type: `const Vec2f32 *v`, `float m[3][3]`,
    /// `T *const *p`. An empty declarator gives an abstract type (`Counter *`). `const_` qualifies the
    /// innermost type (set for the target of a `*const`).
    fn declare(&self, const_: bool, declarator: &str, pos: Position) -> Result<String, TypeError>;

    /// What a function's docs say about a parameter of this type.
    fn param_doc(&self) -> Option<ParamDoc> {
        None
    }

    /// Who owns a value of this type as a parameter or return value (`None`: a plain value).
    fn ownership(&self, _pos: Position) -> Option<Ownership> {
        None
    }

    /// The literal of a constant of this type with `value`; `None` when the value does not fit the
    /// type (or the type has no constants).
    fn literal(&self, _value: ConstValue) -> Option<Literal> {
        None
    }

    /// Ids of the records this type reaches through at least one pointer (`behind`: already behind
    /// one). A struct must be forward-declared when one of its fields reaches a record that is not
    /// defined yet.
    fn records_behind_pointer(&self, _behind: bool, _out: &mut Vec<&'a str>) {}

    /// Lines a function's docs carry about a return value of this type (how to read a result).
    fn return_doc(&self) -> Vec<String> {
        Vec::new()
    }

    /// True when a pointer to this type needs parentheses around its declarator (`uint8_t (*g)[4]`).
    fn binds_tighter_than_pointer(&self) -> bool {
        false
    }
}

/// The family of `ty`: the one dispatch from a model type to its C spelling.
pub fn family<'a>(cx: Cx<'a>, ty: &'a TypeRef) -> Result<Box<dyn Family<'a> + 'a>, TypeError> {
    // `c_void` has no ABI shape of its own (it only exists behind a pointer).
    if let TypeRef::Primitive {
        primitive: Primitive::CVoid,
    } = ty
    {
        return Ok(Box::new(primitive::Void::c_void()));
    }
    Ok(match cx.inv.shape_of(ty)? {
        AbiShape::Unit => Box::new(primitive::Void::unit()),
        AbiShape::Primitive(Primitive::Ordering) => Box::new(primitive::Number::ordering(
            cx.scope
                .ordering_name()
                .ok_or_else(|| TypeError::Invalid("no C name for `Ordering`".into()))?,
        )),
        AbiShape::Primitive(p) => Box::new(primitive::Number::new(p)?),
        AbiShape::Enum { def, storage } => Box::new(enum_::Enum {
            name: cx.type_name(def)?,
            storage,
        }),
        AbiShape::Record { def } | AbiShape::Transparent { def, .. } => Box::new(record::Record {
            id: &def.id,
            name: cx.type_name(def)?,
            owns_data: cx.inv.owns_data(ty)?,
            holds_views: cx.inv.holds_views(ty)?,
            holds_closures: matches!(&def.kind, TypeKind::Struct(s)
                if s.fields.iter().any(|f| matches!(f.ty, TypeRef::Callback(_)))),
        }),
        AbiShape::DataEnum { def, .. } => Box::new(data_enum::DataEnum {
            id: &def.id,
            name: cx.type_name(def)?,
            owns_data: cx.inv.owns_data(ty)?,
        }),
        AbiShape::Array {
            element,
            dims,
            rank,
        } => Box::new(array::Array {
            element: family(cx, element)?,
            dims: dims[..rank].to_vec(),
        }),
        AbiShape::Pointer {
            target,
            mutable,
            kind,
        } => Box::new(pointer::Pointer {
            target: family(cx, target)?,
            mutable,
            kind,
        }),
        AbiShape::Handle { def, mutable, kind } => Box::new(handle::Handle {
            name: cx.type_name(def)?,
            mutable,
            kind,
        }),
        AbiShape::Service { def, pass } => Box::new(service::Service {
            name: cx.type_name(def)?,
            free: cx.service_free(def)?,
            pass,
        }),
        AbiShape::CStr { nullable } => Box::new(buffer::CStr { nullable }),
        AbiShape::Callback(c) => Box::new(callback::Callback {
            name: cx.callback_name(ty)?,
            ownership: Some(c.ownership),
            nullable: c.nullable,
            result: callback::result_doc(cx, &c.returns)?,
        }),
        AbiShape::FnPointer(_) => Box::new(callback::Callback {
            name: cx.callback_name(ty)?,
            ownership: None,
            nullable: false,
            result: None,
        }),
        shape @ (AbiShape::Str { .. } | AbiShape::Slice { .. } | AbiShape::Vec { .. }) => {
            let view = buffer::Carrier::of(ty, Position::Param).ok_or_else(|| {
                TypeError::Invalid(format!("no view for `{}`", cx.inv.rust_spelling(ty)))
            })?;
            let owned = buffer::Carrier::of(ty, Position::Return).filter(buffer::Carrier::owned);
            let element = match shape {
                AbiShape::Slice { element, .. } | AbiShape::Vec { element } => {
                    Some(family(cx, element)?)
                }
                _ => None,
            };
            // Only the carriers the header uses are named (a vector that is never an argument has
            // no view): a missing one is an error when it is declared.
            Box::new(buffer::Buffer {
                view: cx.carrier_name(&view),
                owned: owned.map(|o| cx.carrier_name(&o)),
                element,
                mutable: matches!(shape, AbiShape::Slice { mutable: true, .. }),
                nullable: matches!(shape, AbiShape::Slice { nullable: true, .. }),
            })
        }
        shape @ (AbiShape::Option { .. } | AbiShape::Result { .. }) => {
            let carrier = buffer::Carrier::of(ty, Position::Return).ok_or_else(|| {
                TypeError::Invalid(format!("no struct for `{}`", cx.inv.rust_spelling(ty)))
            })?;
            let (inner, owns_data, result) = match shape {
                AbiShape::Option { inner } => {
                    (vec![family(cx, inner)?], cx.inv.owns_data(inner)?, false)
                }
                AbiShape::Result { ok, err } => {
                    (vec![family(cx, ok)?, family(cx, err)?], false, true)
                }
                _ => (Vec::new(), false, false),
            };
            // A fallible constructor: the ok value is a new handle, freed with its own `_free`.
            let ok_handle_free = match shape {
                AbiShape::Result { ok, .. } => match cx.inv.shape_of(ok) {
                    Ok(AbiShape::Service { def, .. }) => Some(cx.service_free(def)?),
                    _ => None,
                },
                _ => None,
            };
            Box::new(tagged::Tagged {
                needs_free: carrier.needs_free(cx.inv),
                name: cx.carrier_name(&carrier),
                owns_data,
                result,
                ok_handle_free,
                inner,
            })
        }
        _ => {
            return Err(TypeError::Unsupported(format!(
                "`{}` is a type the C backend does not know",
                cx.inv.rust_spelling(ty)
            )));
        }
    })
}

/// `base` (a type name) declaring `declarator`, `const`-qualified when `const_`.
fn named(base: &str, const_: bool, declarator: &str) -> String {
    let base = if const_ {
        format!("const {base}")
    } else {
        base.to_string()
    };
    if declarator.is_empty() {
        base
    } else {
        format!("{base} {}", declarator.trim_end())
    }
}
