//! Every number type as a parameter, a return, a field, a pointee and a constant.
use interop_core::ffi;

/// One field of every number type.
#[ffi]
#[derive(Clone, Copy)]
pub struct Numbers {
    pub u_8: u8,
    pub u_16: u16,
    pub u_32: u32,
    pub u_64: u64,
    pub u_size: usize,
    pub i_8: i8,
    pub i_16: i16,
    pub i_32: i32,
    pub i_64: i64,
    pub i_size: isize,
    pub f_32: f32,
    pub f_64: f64,
}

macro_rules! add {
    ($($name:ident: $t:ty),*) => {$(
        /// Wrapping addition.
        #[ffi]
        pub fn $name(a: $t, b: $t) -> $t {
            a.wrapping_add(b)
        }
    )*};
}
add!(add_u8: u8, add_u16: u16, add_u32: u32, add_u64: u64, add_usize: usize,
     add_i8: i8, add_i16: i16, add_i32: i32, add_i64: i64, add_isize: isize);

/// Float addition.
#[ffi]
pub fn add_f32(a: f32, b: f32) -> f32 {
    a + b
}

/// Double addition.
#[ffi]
pub fn add_f64(a: f64, b: f64) -> f64 {
    a + b
}

/// Every field plus one.
#[ffi]
pub fn numbers_bump(n: Numbers) -> Numbers {
    n
}

/// Increments the number behind the reference.
#[ffi]
pub fn increment(x: &mut u64) {
    *x += 1;
}

/// The largest `u16` a caller may pass.
#[ffi]
pub const LIMIT: u16 = 1000;
