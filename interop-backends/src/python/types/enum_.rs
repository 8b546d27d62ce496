//! C-like enums: `enum.IntEnum` classes, passed as their storage integer.

use interop_core::model::{ConstValue, EnumDef};

use super::primitive::Primitive;
use super::{Copied, Family, FieldAccess, FieldType, Lifting, Lowering, enum_converter};
use crate::BackendError;

/// A C-like enum by value.
pub struct Enum<'a> {
    class: &'a str,
    def: &'a EnumDef,
    /// The Python member name of each variant, in the order of `def.variants`.
    members: &'a [String],
    storage: Primitive,
}

impl<'a> Enum<'a> {
    pub fn new(
        class: &'a str,
        def: &'a EnumDef,
        members: &'a [String],
        storage: Primitive,
    ) -> Self {
        Enum {
            class,
            def,
            members,
            storage,
        }
    }
}

impl Family for Enum<'_> {
    fn ctype(&self) -> String {
        self.storage.ctype().to_string()
    }

    fn codec(&self) -> Option<super::Codec> {
        let kind = self.storage.number_kind()?;
        Some(super::Codec::new(
            &format!("_c_{}", self.class),
            &format!(
                "_Enum({}, {}, \"{kind}\", {})",
                self.class,
                self.storage.ctype(),
                enum_converter(self.class)
            ),
        ))
    }

    fn borrows_buffers(&self) -> bool {
        true
    }

    fn param(&self) -> String {
        self.class.to_string()
    }

    /// A member or any `int` in the storage's range (a value that is no variant is the library's
    /// to refuse: `RustPanic`).
    fn lower(&self, value: &str) -> Lowering {
        self.storage
            .int_check(value, self.class)
            .unwrap_or_else(|| Lowering::identity(value))
    }

    fn expected(&self) -> String {
        self.class.to_string()
    }

    fn native_return_class(&self) -> Option<String> {
        Some(self.class.to_string())
    }

    /// ctypes gives the storage integer.
    fn raw_return(&self) -> String {
        "int".to_string()
    }

    fn returns(&self) -> String {
        self.class.to_string()
    }

    /// A dict lookup from the integer to the member (`_Color_from`).
    fn lift(&self) -> Lifting {
        Lifting::call(enum_converter(self.class))
    }

    /// The ctypes field holds the storage integer; reading gives the member, writing checks it
    /// (`Level(value)`: ValueError for a value that is not a member).
    fn field(&self) -> FieldType {
        FieldType {
            annotation: self.class.to_string(),
            init: self.class.to_string(),
            default: "...",
            plain: false,
            access: Some(FieldAccess {
                read: Some(self.class.to_string()),
                write: Some(self.class.to_string()),
                helpers: Vec::new(),
            }),
        }
    }

    fn copy_from(&self, pointer: &str) -> Copied {
        let converter = enum_converter(self.class);
        Copied {
            annotation: self.class.to_string(),
            expr: format!("{converter}({pointer}[0])"),
            imports: vec![converter],
        }
    }

    fn constant(&self, value: &ConstValue) -> Result<(String, String), BackendError> {
        let ConstValue::Int(v) = *value else {
            return Err(BackendError::Unsupported(format!(
                "a constant of enum type `{}` has the value `{value}`",
                self.class
            )));
        };
        let member = self
            .def
            .variants
            .iter()
            .zip(self.members)
            .find(|(variant, _)| variant.value == v);
        let literal = match member {
            Some((_, name)) => format!("{}.{name}", self.class),
            None => format!("{}({v})", self.class),
        };
        Ok((self.class.to_string(), literal))
    }
}
