//! Measuring the target facts inside the library (see [`TargetFacts`]).

use core::ffi::c_void;
use core::mem::{align_of, size_of};
use std::collections::BTreeMap;

use super::shapes::{Buffer, CallbackAbi, FutureHandle, Status, View};
use crate::model::{Endianness, FixedShape, Layout, Primitive, TargetFacts};

fn layout_of<T>() -> Layout {
    Layout {
        size: size_of::<T>() as u64,
        align: align_of::<T>() as u64,
    }
}

/// The facts of the target this code was compiled for.
pub fn target_facts() -> TargetFacts {
    let primitives = BTreeMap::from([
        (Primitive::Bool, layout_of::<bool>()),
        (Primitive::U8, layout_of::<u8>()),
        (Primitive::U16, layout_of::<u16>()),
        (Primitive::U32, layout_of::<u32>()),
        (Primitive::U64, layout_of::<u64>()),
        (Primitive::Usize, layout_of::<usize>()),
        (Primitive::I8, layout_of::<i8>()),
        (Primitive::I16, layout_of::<i16>()),
        (Primitive::I32, layout_of::<i32>()),
        (Primitive::I64, layout_of::<i64>()),
        (Primitive::Isize, layout_of::<isize>()),
        (Primitive::F32, layout_of::<f32>()),
        (Primitive::F64, layout_of::<f64>()),
        (Primitive::CChar, layout_of::<core::ffi::c_char>()),
    ]);
    type AnyCall = unsafe extern "C" fn(*mut c_void);
    let shapes = BTreeMap::from([
        (FixedShape::Pointer, layout_of::<*const c_void>()),
        (FixedShape::View, layout_of::<View<u8>>()),
        (FixedShape::OwnedBuffer, layout_of::<Buffer<u8>>()),
        (FixedShape::Callback, layout_of::<CallbackAbi<AnyCall>>()),
        (FixedShape::FutureHandle, layout_of::<FutureHandle>()),
        (FixedShape::Status, layout_of::<Status>()),
    ]);
    TargetFacts {
        arch: std::env::consts::ARCH.to_string(),
        os: std::env::consts::OS.to_string(),
        family: std::env::consts::FAMILY.to_string(),
        pointer_size: size_of::<*const c_void>() as u64,
        pointer_align: align_of::<*const c_void>() as u64,
        endianness: if cfg!(target_endian = "big") {
            Endianness::Big
        } else {
            Endianness::Little
        },
        primitives,
        shapes,
    }
}
