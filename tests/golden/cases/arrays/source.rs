//! Fixed-size arrays: fields (nested, of records), behind pointers.
use interop_core::ffi;

/// A small buffer: an array next to another field.
#[ffi]
#[derive(Clone, Copy)]
pub struct Buffer {
    pub bytes: [u8; 8],
    pub len: u8,
}

/// A 3x3 matrix: a nested array.
#[ffi]
#[derive(Clone, Copy)]
pub struct Matrix {
    /// Rows of columns.
    pub m: [[f32; 3]; 3],
}

/// A cell of a grid.
#[ffi]
#[derive(Clone, Copy)]
pub struct Cell {
    pub alive: bool,
}

/// An array of records.
#[ffi]
#[derive(Clone, Copy)]
pub struct Row {
    pub cells: [Cell; 4],
}

/// Sum of the first `len` bytes.
#[ffi]
pub fn buffer_sum(b: Buffer) -> u32 {
    b.bytes[..usize::from(b.len.min(8))].iter().map(|&x| u32::from(x)).sum()
}

/// The trace of a matrix.
#[ffi]
pub fn matrix_trace(m: &Matrix) -> f32 {
    m.m[0][0] + m.m[1][1] + m.m[2][2]
}

/// Zeroes four bytes through a pointer to an array.
#[ffi]
pub unsafe fn zero4(bytes: *mut [u8; 4]) {
    if let Some(b) = unsafe { bytes.as_mut() } {
        *b = [0; 4];
    }
}

/// Reads a 2x2 block through a reference to a nested array.
#[ffi]
pub fn block_sum(block: &[[i16; 2]; 2]) -> i32 {
    block.iter().flatten().map(|&x| i32::from(x)).sum()
}

/// How many cells of a row are alive.
#[ffi]
pub fn row_alive(r: Row) -> u8 {
    r.cells.iter().filter(|c| c.alive).count() as u8
}
