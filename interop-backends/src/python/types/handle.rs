//! Pointers to opaque types: handle classes (`ctypes.c_void_p` subclasses), passed and returned as
//! they are.

use interop_core::model::PointerKind;

use super::{Family, FieldType, Lowering};
use crate::BackendError;

/// `&T`, `&mut T`, `Option<&T>`, `*const T`, `*mut T` of an opaque `T`.
pub struct Handle<'a> {
    class: &'a str,
    nullable: bool,
}

impl<'a> Handle<'a> {
    pub fn new(class: &'a str, kind: PointerKind) -> Result<Self, BackendError> {
        let nullable = match kind {
            PointerKind::Reference => false,
            PointerKind::NullableReference | PointerKind::Raw => true,
            _ => {
                return Err(BackendError::Unsupported(format!(
                    "a kind of pointer to `{class}` the Python backend does not know"
                )));
            }
        };
        Ok(Handle { class, nullable })
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
    fn lower(&self, value: &str) -> Lowering {
        Lowering::instance_of(value, self.class, self.nullable, &self.expected())
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
