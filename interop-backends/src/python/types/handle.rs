//! Pointers to opaque types: handle classes (`ctypes.c_void_p` subclasses), passed and returned as
//! they are.
//!
//! The handles of a type with a destructor (`#[ffi(destructor)]`) are tracked, as in C#: the
//! destructor records the address it frees (`_destroying`), a second destroy and any other use of
//! that address raise `ValueError` before the call (`_alive`), and a function returning the address
//! again makes it live (`_returned`; the allocator reuses addresses). The record is process-wide,
//! keyed by the address, so every copy of a handle shares it. The functions taking or returning
//! such handles stay on the ctypes path (see [`tracks_handles`]), where these checks run.

use interop_core::abi::AbiShape;
use interop_core::model::{Function, FunctionKind, Inventory, PointerKind};

use super::{Family, FieldType, Lifting, Lowering, RAW, WHERE, runtime};
use crate::BackendError;

/// `&T`, `&mut T`, `Option<&T>`, `*const T`, `*mut T` of an opaque `T`.
pub struct Handle<'a> {
    class: &'a str,
    nullable: bool,
    /// The type has a destructor: its handles are tracked (see the module docs).
    tracked: bool,
}

/// True when the type `id` has a destructor.
pub fn has_destructor(inv: &Inventory, id: &str) -> bool {
    inv.functions
        .iter()
        .any(|f| f.kind == FunctionKind::Destructor && f.owner.as_deref() == Some(id))
}

/// True when `f` takes or returns a handle of a type with a destructor (or is the destructor): its
/// `def` checks the handle, so the compiled path leaves it out.
pub fn tracks_handles(inv: &Inventory, f: &Function) -> bool {
    f.kind == FunctionKind::Destructor
        || f.params
            .iter()
            .map(|p| &p.ty)
            .chain([&f.returns])
            .any(|t| matches!(inv.shape_of(t), Ok(AbiShape::Handle { def, .. }) if has_destructor(inv, &def.id)))
}

impl<'a> Handle<'a> {
    pub fn new(class: &'a str, kind: PointerKind, tracked: bool) -> Result<Self, BackendError> {
        let nullable = match kind {
            PointerKind::Reference => false,
            PointerKind::NullableReference | PointerKind::Raw => true,
            _ => {
                return Err(BackendError::Unsupported(format!(
                    "a kind of pointer to `{class}` the Python backend does not know"
                )));
            }
        };
        Ok(Handle {
            class,
            nullable,
            tracked,
        })
    }
}

impl Family for Handle<'_> {
    fn ctype(&self) -> String {
        self.class.to_string()
    }

    fn param(&self) -> String {
        if self.nullable {
            format!("Optional[{}]", self.class)
        } else {
            self.class.to_string()
        }
    }

    /// The handle itself (`value` is `None` for NULL).
    fn raw_return(&self) -> String {
        self.class.to_string()
    }

    /// An instance of the handle class (`None` too where the pointer may be NULL; a handle holding
    /// NULL is the library's to refuse).
    /// A tracked handle that was destroyed is refused too (`ValueError`).
    fn lower(&self, value: &str) -> Lowering {
        let mut lowering =
            Lowering::instance_of(value, self.class, self.nullable, &self.expected());
        if self.tracked {
            lowering
                .setup
                .push(format!("{}({value}, {WHERE})", runtime::ALIVE));
            lowering.imports.push(runtime::ALIVE.to_string());
        }
        lowering
    }

    /// `_destroying` instead of `_alive`: the check, then the address recorded as destroyed.
    fn destroying(&self, value: &str) -> Lowering {
        let mut lowering =
            Lowering::instance_of(value, self.class, self.nullable, &self.expected());
        lowering
            .setup
            .push(format!("{}({value}, {WHERE})", runtime::DESTROYING));
        lowering.imports.push(runtime::DESTROYING.to_string());
        lowering
    }

    /// A tracked handle a function returns is live again.
    fn lift(&self) -> Lifting {
        if !self.tracked {
            return Lifting::identity();
        }
        Lifting {
            expr: Some(format!("{}({RAW})", runtime::RETURNED)),
            imports: vec![runtime::RETURNED.to_string()],
        }
    }

    fn expected(&self) -> String {
        if self.nullable {
            format!("{} or None", self.class)
        } else {
            self.class.to_string()
        }
    }

    fn native_param_class(&self) -> Option<String> {
        Some(self.class.to_string())
    }

    fn native_return_class(&self) -> Option<String> {
        Some(self.class.to_string())
    }

    fn field(&self) -> FieldType {
        FieldType {
            annotation: self.class.to_string(),
            init: format!("Optional[{}]", self.class),
            default: "None",
            plain: true,
            access: None,
        }
    }
}
