//! `#[repr(C)]`, packed and transparent structs: `ctypes.Structure` subclasses that cross by value
//! and by reference without conversion.

use super::{Family, FieldType, Lowering};

/// A record by value.
pub struct Record<'a> {
    class: &'a str,
}

impl<'a> Record<'a> {
    pub fn new(class: &'a str) -> Self {
        Record { class }
    }
}

impl Family for Record<'_> {
    fn ctype(&self) -> String {
        self.class.to_string()
    }

    fn codec(&self) -> Option<super::Codec> {
        Some(super::Codec::new(
            &format!("_c_{}", self.class),
            &format!("_Struct({})", self.class),
        ))
    }

    /// A sequence argument also takes a ctypes array of the struct (borrowed).
    fn item(&self) -> String {
        self.class.to_string()
    }

    fn borrows_buffers(&self) -> bool {
        true
    }

    fn pointee(&self) -> String {
        self.class.to_string()
    }

    fn param(&self) -> String {
        self.class.to_string()
    }

    fn lower(&self, value: &str) -> Lowering {
        Lowering::instance_of(value, self.class, false, self.class)
    }

    fn expected(&self) -> String {
        self.class.to_string()
    }

    fn native_param_class(&self) -> Option<String> {
        Some(self.class.to_string())
    }

    fn native_return_class(&self) -> Option<String> {
        Some(self.class.to_string())
    }

    fn raw_return(&self) -> String {
        self.class.to_string()
    }

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
