//! Names that are keywords (or standard names) in C, C++, C# or Python: fields, parameters, enum
//! variants.
#![allow(non_snake_case)]

use interop_core::ffi;

/// Field names that are keywords somewhere.
#[ffi]
#[derive(Clone, Copy)]
pub struct Keywords {
    pub class: i32,
    pub int: i32,
    pub new: i32,
    pub default: i32,
    pub this: i32,
    pub template: i32,
    pub delete: i32,
    pub lambda: i32,
    pub string: i32,
    pub size_t: i32,
}

/// Variant names that are keywords somewhere.
#[ffi]
#[derive(Clone, Copy)]
pub enum Mode {
    None,
    True,
    Default,
}

/// Parameter names that are keywords somewhere.
#[ffi]
pub fn keywords_sum(class: i32, int: i32, new: i32, register: i32, auto: i32, params: i32) -> i32 {
    class + int + new + register + auto + params
}

/// A field named like its struct's type, and a parameter named like a type.
#[ffi]
#[derive(Clone, Copy)]
pub struct Shadow {
    pub Shadow: u8,
    pub Keywords: u8,
}

/// Takes a parameter named like a type.
#[ffi]
pub fn shadow_make(Keywords: u8) -> Shadow {
    Shadow { Shadow: Keywords, Keywords }
}
