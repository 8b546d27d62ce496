//! Services (ADR 25): objects of a service class (a `_Service` subclass of `_types.py`) that own a
//! Rust object through its handle and a guard. A parameter enters the object's guard for the call
//! (`ValueError` if it is closed or consumed) and leaves it in the `finally`; a parameter taken by
//! value also closes it (the object is spent); a returned service is a new object.

use interop_core::abi::ServicePass;
use interop_core::model::TypeDef;

use super::{Family, FieldType, Lifting, Lowering, RAW, WHERE, runtime};

/// `&T`, `&mut T` and `T` of a service `T`.
pub struct Service<'a> {
    pub class: &'a str,
    pub pass: ServicePass,
}

/// True when `f` is the service's `new` (the class's `__init__`) or its `_free` (its `close()`):
/// functions the class does not expose under their own names.
pub fn is_hidden(f: &interop_core::model::Function, owner: &TypeDef) -> bool {
    matches!(owner.kind, interop_core::model::TypeKind::Service)
        && (f.kind == interop_core::model::FunctionKind::Destructor || is_init(f, owner))
}

/// True when `f` is the constructor `new` of the service `owner`: Python's `KvStore(…)`.
pub fn is_init(f: &interop_core::model::Function, owner: &TypeDef) -> bool {
    use interop_core::model::{TypeKind, TypeRef};
    let this = |t: &TypeRef| matches!(t, TypeRef::Named { id } if *id == owner.id);
    matches!(owner.kind, TypeKind::Service)
        && f.receiver.is_none()
        && f.rust_name == "new"
        // `Result<Self, E>` too: `__init__` raises the error's exception.
        && match &f.returns {
            TypeRef::Result(r) => this(&r.ok),
            t => this(t),
        }
}

impl Family for Service<'_> {
    fn ctype(&self) -> String {
        "ctypes.c_void_p".to_string()
    }

    fn param(&self) -> String {
        self.class.to_string()
    }

    fn raw_param(&self) -> String {
        "Optional[int]".to_string()
    }

    fn raw_return(&self) -> String {
        "Optional[int]".to_string()
    }

    fn returns(&self) -> String {
        self.class.to_string()
    }

    /// An instance of the class; the handle is read inside the `try` (entering the guard), so the
    /// `finally` leaves exactly the guards the call entered.
    fn lower(&self, value: &str) -> Lowering {
        let held = format!("_h_{value}");
        let enter = match self.pass {
            ServicePass::Owned => runtime::SERVICE_TAKE,
            _ => runtime::SERVICE_ENTER,
        };
        Lowering {
            setup: vec![
                format!(
                    "{}({value}, {}, False, \"{}\", {WHERE})",
                    runtime::INSTANCE,
                    self.class,
                    self.class
                ),
                format!("{held}: Optional[int] = None"),
            ],
            arg: format!("({held} := {enter}({value}))"),
            cleanup: vec![
                format!("if {held} is not None:"),
                format!("    {}({value})", runtime::SERVICE_LEAVE),
            ],
            imports: vec![
                runtime::INSTANCE.to_string(),
                enter.to_string(),
                runtime::SERVICE_LEAVE.to_string(),
            ],
        }
    }

    /// A service inside a `Result` (a fallible constructor): the handle becomes a new object.
    fn codec(&self) -> Option<super::Codec> {
        Some(super::Codec::new(
            &format!("_c_svc_{}", self.class),
            &format!("_ServiceCodec({})", self.class),
        ))
    }

    fn native_param_class(&self) -> Option<String> {
        Some(self.class.to_string())
    }

    fn native_return_class(&self) -> Option<String> {
        // The library makes the object natively (ADR 51).
        Some(self.class.to_string())
    }

    fn lift(&self) -> Lifting {
        Lifting {
            expr: Some(format!("{}._from_handle({RAW})", self.class)),
            imports: Vec::new(),
        }
    }

    /// Unreachable: a service cannot be a field (the library refuses it at compile time).
    fn field(&self) -> FieldType {
        FieldType {
            annotation: self.class.to_string(),
            init: self.class.to_string(),
            default: "...",
            plain: false,
            access: None,
        }
    }
}
