//! The bench fixture's functions (tests/bench/fixture) written with PyO3, the reference the
//! Python call-overhead table compares with: the same work behind PyO3's own conversions
//! (`#[pyfunction]`, a `#[pyclass]` record passed by value and by reference, a `#[pyclass]` with a
//! method for the handle call and the service method, a `PyResult` for the `Result` return, a
//! function calling a Python callable for the callback); `holdout.rs` the rows beyond the budget.

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::types::PyBytes;

mod holdout;

create_exception!(
    bench_pyo3,
    AddError,
    PyException,
    "`checked_add` overflowed (the error code in args[0])."
);

/// A small vector (a `#[pyclass]` copied in and out by value).
#[pyclass(from_py_object)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Vec3 {
    #[pyo3(get, set)]
    pub x: f32,
    #[pyo3(get, set)]
    pub y: f32,
    #[pyo3(get, set)]
    pub z: f32,
}

#[pymethods]
impl Vec3 {
    #[new]
    fn new(x: f32, y: f32, z: f32) -> Self {
        Vec3 { x, y, z }
    }
}

/// A counter that stays in Rust.
#[pyclass]
pub struct Counter {
    count: u64,
}

#[pymethods]
impl Counter {
    #[new]
    fn new(start: u64) -> Self {
        Counter { count: start }
    }

    /// Add `by` (wrapping) and return the new count.
    fn increment(&mut self, by: u64) -> u64 {
        self.count = self.count.wrapping_add(by);
        self.count
    }
}

/// Does nothing.
#[pyfunction]
fn noop() {}

/// Wrapping addition.
#[pyfunction]
fn add(a: u64, b: u64) -> u64 {
    a.wrapping_add(b)
}

/// Every component doubled (struct in and out by value).
#[pyfunction]
fn vec_double(v: Vec3) -> Vec3 {
    Vec3 {
        x: v.x * 2.0,
        y: v.y * 2.0,
        z: v.z * 2.0,
    }
}

/// Squared length of a vector read through a reference.
#[pyfunction]
fn vec_length_sq(v: PyRef<'_, Vec3>) -> f32 {
    v.x * v.x + v.y * v.y + v.z * v.z
}

/// Length in bytes of a string (UTF-8).
#[pyfunction]
fn str_len(s: &str) -> usize {
    s.len()
}

/// Length of a byte slice (borrowed from a `bytes` object).
#[pyfunction]
fn bytes_len(b: &[u8]) -> usize {
    b.len()
}

/// An 11-character string.
#[pyfunction]
fn string_make() -> String {
    "hello world".to_string()
}

/// `len` bytes of 7, as `bytes` (PyO3 turns a `Vec<u8>` into a list: `bytes` is what a Python
/// user of such a function gets from a hand-written PyO3 binding).
#[pyfunction]
fn bytes_make(py: Python<'_>, len: usize) -> Bound<'_, PyBytes> {
    PyBytes::new(py, &vec![7u8; len])
}

/// `a + b`, or `AddError(1)` raised when it overflows (a `PyResult`).
#[pyfunction]
fn checked_add(a: u64, b: u64) -> PyResult<u64> {
    a.checked_add(b).ok_or_else(|| AddError::new_err(1u8))
}

/// A running total (a `#[pyclass]` with a method: the service method call).
#[pyclass]
pub struct Meter {
    total: u64,
}

#[pymethods]
impl Meter {
    #[new]
    fn new(start: u64) -> Self {
        Meter { total: start }
    }

    /// Add `by` (wrapping) and return the new total.
    fn add(&mut self, by: u64) -> u64 {
        self.total = self.total.wrapping_add(by);
        self.total
    }
}

/// The wrapping sum of `f(0)`, … `f(n - 1)`: a Python callable called `n` times from Rust.
#[pyfunction]
fn call_n(n: u64, f: &Bound<'_, PyAny>) -> PyResult<u64> {
    let mut acc = 0u64;
    for i in 0..n {
        acc = acc.wrapping_add(f.call1((i,))?.extract::<u64>()?);
    }
    Ok(acc)
}

/// The sum of the lengths of `f(0)`, … `f(n - 1)`: a Python callable returning `str`, its result
/// extracted into an owned `String` each time.
#[pyfunction]
fn call_str_n(n: u64, f: &Bound<'_, PyAny>) -> PyResult<u64> {
    let mut acc = 0u64;
    for i in 0..n {
        let s = std::hint::black_box(f.call1((i,))?.extract::<String>()?);
        acc = acc.wrapping_add(s.len() as u64);
    }
    Ok(acc)
}

/// How many of the pairs `(i, n - i)` the Python comparator `f` orders first: its result is an
/// `int` read by its sign (the fixture's `cmp_n`).
#[pyfunction]
fn cmp_n(n: u64, f: &Bound<'_, PyAny>) -> PyResult<u64> {
    let mut acc = 0u64;
    for i in 0..n {
        let o = f
            .call1((i as u32, (n - i) as u32))?
            .extract::<i32>()?
            .cmp(&0);
        acc += u64::from(o == std::cmp::Ordering::Less);
    }
    Ok(acc)
}

#[pymodule]
fn bench_pyo3(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Vec3>()?;
    m.add_class::<Counter>()?;
    m.add_function(wrap_pyfunction!(noop, m)?)?;
    m.add_function(wrap_pyfunction!(add, m)?)?;
    m.add_function(wrap_pyfunction!(vec_double, m)?)?;
    m.add_function(wrap_pyfunction!(vec_length_sq, m)?)?;
    m.add_function(wrap_pyfunction!(str_len, m)?)?;
    m.add_function(wrap_pyfunction!(bytes_len, m)?)?;
    m.add_function(wrap_pyfunction!(string_make, m)?)?;
    m.add_function(wrap_pyfunction!(bytes_make, m)?)?;
    m.add_class::<Meter>()?;
    m.add_function(wrap_pyfunction!(checked_add, m)?)?;
    m.add_function(wrap_pyfunction!(call_n, m)?)?;
    m.add_function(wrap_pyfunction!(call_str_n, m)?)?;
    m.add_function(wrap_pyfunction!(cmp_n, m)?)?;
    m.add("AddError", m.py().get_type::<AddError>())?;
    holdout::register(m)?;
    Ok(())
}
