//! Thin pointers to non-opaque types (`&T`, `&mut T`, `Option<&T>`, `*const T`, `*mut T`) and
//! `void` pointers.

use interop_core::model::{PointerKind, Primitive, TypeRef};

use super::{Codec, Copied, Family, FieldType, Lifting, Lowering, RAW, WHERE, runtime};
use crate::BackendError;

/// What a `void*` parameter accepts (everything `ctypes.c_void_p.from_param` does).
const VOID_PTR_PARAM: &str = "Union[int, bytes, None, ctypes.c_void_p, ctypes._Pointer[Any], ctypes.Array[Any], ctypes._CArgObject]";

/// True for `c_void`, the target of a `void` pointer.
pub fn is_void(target: &TypeRef) -> bool {
    matches!(
        target,
        TypeRef::Primitive {
            primitive: Primitive::CVoid
        }
    )
}

/// True for `*const c_char` / `*mut c_char`: C strings and character buffers (`c_chars.rs`).
pub fn is_c_string(target: &TypeRef, kind: PointerKind) -> bool {
    kind == PointerKind::Raw
        && matches!(
            target,
            TypeRef::Primitive {
                primitive: Primitive::CChar
            }
        )
}

/// A pointer to a record, a primitive, an enum, an array or another pointer.
pub struct Pointer<'a> {
    target: Box<dyn Family + 'a>,
    kind: PointerKind,
}

impl<'a> Pointer<'a> {
    pub fn new(target: Box<dyn Family + 'a>, kind: PointerKind) -> Result<Self, BackendError> {
        match kind {
            PointerKind::Reference | PointerKind::NullableReference | PointerKind::Raw => {
                Ok(Pointer { target, kind })
            }
            _ => Err(BackendError::Unsupported(format!(
                "a kind of pointer to `{}` the Python backend does not know",
                target.pointee()
            ))),
        }
    }
}

impl Family for Pointer<'_> {
    fn ctype(&self) -> String {
        format!("ctypes.POINTER({})", self.target.ctype())
    }

    fn ctype_annotation(&self) -> String {
        format!("ctypes._Pointer[{}]", self.target.ctype_annotation())
    }

    /// References take the pointee itself (ctypes passes its address); raw pointers also a pointer,
    /// an array, `byref` or `None`.
    fn param(&self) -> String {
        let pointee = self.target.pointee();
        match self.kind {
            // A record owning data (only ever a closure's `&T` argument): the caller of a
            // returned closure passes its dataclass (ADR 61).
            PointerKind::Reference if self.target.lent_for_a_call() => self.target.param(),
            PointerKind::Reference => pointee,
            PointerKind::NullableReference => format!("Optional[{pointee}]"),
            _ => format!(
                "Union[{pointee}, ctypes._Pointer[{pointee}], ctypes.Array[{pointee}], ctypes._CArgObject, None]"
            ),
        }
    }

    fn raw_return(&self) -> String {
        self.ctype_annotation()
    }

    /// A reference takes an instance of its target's ctypes class (`None` where optional); a raw
    /// pointer anything ctypes takes for it.
    fn lower(&self, value: &str) -> Lowering {
        match self.kind {
            PointerKind::Reference | PointerKind::NullableReference => Lowering::instance_of(
                value,
                &self.target.ctype(),
                self.kind == PointerKind::NullableReference,
                &self.expected(),
            ),
            _ => raw_pointer_arg(&self.ctype(), value, &self.expected()),
        }
    }

    fn expected(&self) -> String {
        let target = self.target.ctype();
        match self.kind {
            PointerKind::Reference => target,
            PointerKind::NullableReference => format!("{target} or None"),
            _ => format!("{target}, a pointer to or array of {target}, or None"),
        }
    }

    fn native_param_class(&self) -> Option<String> {
        match self.kind {
            PointerKind::Reference | PointerKind::NullableReference => Some(self.target.ctype()),
            _ => Some(self.ctype()),
        }
    }

    fn native_return_class(&self) -> Option<String> {
        match self.kind {
            // A record owning data lent for a closure's call (ADR 58): no class, so the compiled
            // path never converts it with `_take` (which would free Rust's copy); such closures
            // use the ctypes call there.
            PointerKind::Reference if self.target.lent_for_a_call() => None,
            PointerKind::Reference => self.target.native_return_class(),
            PointerKind::NullableReference => self.target.native_return_class(),
            _ => Some(self.ctype()),
        }
    }

    /// A returned reference keeps nothing alive in Python: `&T` becomes a copy of `T`,
    /// `Option<&T>` a copy or `None`. Raw pointers stay pointers.
    fn returns(&self) -> String {
        let copied = self.target.copy_from(RAW);
        match self.kind {
            // A record owning data (only ever a closure's `&T` argument, ADR 58): its class.
            PointerKind::Reference if self.target.lent_for_a_call() => self.target.returns(),
            PointerKind::Reference => copied.annotation,
            PointerKind::NullableReference => format!("Optional[{}]", copied.annotation),
            _ => self.raw_return(),
        }
    }

    fn lift(&self) -> Lifting {
        let copied = self.target.copy_from(RAW);
        let expr = match self.kind {
            PointerKind::Reference => copied.expr,
            PointerKind::NullableReference => format!("{} if {RAW} else None", copied.expr),
            _ => return Lifting::identity(),
        };
        Lifting {
            expr: Some(expr),
            imports: copied.imports,
        }
    }

    /// A borrowed `&T` argument of a closure: a copy of the value (through the target's codec).
    fn callback_lift(&self) -> Option<String> {
        let codec = self.target.codec()?.name;
        (self.kind == PointerKind::Reference).then(|| format!("{codec}.lift(v.contents)"))
    }

    fn callback_codecs(&self) -> Vec<Codec> {
        self.target.codecs()
    }

    /// `&T` of a record owning data (ADR 61): the record's codec makes its C form (views of the
    /// caller's values, kept for the call) and ctypes passes its address.
    fn returned_closure_lower(&self) -> Option<Codec> {
        match self.kind {
            PointerKind::Reference if self.target.lent_for_a_call() => self.target.codec(),
            _ => self.codec(),
        }
    }

    fn field(&self) -> FieldType {
        let annotation = self.ctype_annotation();
        FieldType {
            init: format!("Optional[{annotation}]"),
            annotation,
            default: "None",
            plain: true,
            access: None,
        }
    }
}

/// `*const c_void`, `*mut c_void`: an address.
pub struct VoidPointer;

impl Family for VoidPointer {
    fn ctype(&self) -> String {
        "ctypes.c_void_p".to_string()
    }

    fn param(&self) -> String {
        VOID_PTR_PARAM.to_string()
    }

    /// ctypes gives the address as an `int`, `None` for NULL.
    fn raw_return(&self) -> String {
        "Optional[int]".to_string()
    }

    fn lower(&self, value: &str) -> Lowering {
        raw_pointer_arg("ctypes.c_void_p", value, &self.expected())
    }

    fn expected(&self) -> String {
        "an address (int, bytes, a ctypes pointer or array, ctypes.byref(…)) or None".to_string()
    }

    fn native_param_class(&self) -> Option<String> {
        Some("ctypes.c_void_p".to_string())
    }

    fn field(&self) -> FieldType {
        FieldType {
            annotation: "Optional[int]".to_string(),
            init: "Optional[int]".to_string(),
            default: "None",
            plain: true,
            access: None,
        }
    }

    /// ctypes reads a `void*` as an `int` (`None` for NULL).
    fn copy_from(&self, pointer: &str) -> Copied {
        Copied {
            annotation: "Optional[int]".to_string(),
            expr: format!("{pointer}[0]"),
            imports: Vec::new(),
        }
    }
}

/// A raw pointer argument: what ctypes takes for `argtype` (its `from_param`), else the `TypeError`
/// of both call paths.
fn raw_pointer_arg(argtype: &str, value: &str, expected: &str) -> Lowering {
    Lowering {
        setup: Vec::new(),
        arg: format!(
            "{}({argtype}, {value}, \"{expected}\", {WHERE})",
            runtime::POINTER_ARG
        ),
        cleanup: Vec::new(),
        imports: vec![runtime::POINTER_ARG.to_string()],
    }
}
