//! The calls beyond the budget rows (tests/bench/fixture/src/holdout.rs) written as a PyO3 user
//! writes them: `#[pyfunction]`s, a `#[pyclass]` enum, a `#[pyclass]` with `#[new]`, a method, a
//! `#[getter]` and a `#[staticmethod]`, `Option<u32>`, `Vec<u32>` in and out (a `list`), a callable
//! with two arguments, and `Python::detach` for the call made on another thread.

use pyo3::prelude::*;

use crate::Vec3;

/// A C-like enum, argument and result.
#[pyclass(eq, eq_int, from_py_object)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Color {
    Red,
    Green,
    Blue,
}

/// The next colour, round the wheel.
#[pyfunction]
fn next_color(c: Color) -> Color {
    match c {
        Color::Red => Color::Green,
        Color::Green => Color::Blue,
        Color::Blue => Color::Red,
    }
}

/// Twice `x` (wrapping), or `None` for `None`.
#[pyfunction]
fn opt_double(x: Option<u32>) -> Option<u32> {
    x.map(|v| v.wrapping_mul(2))
}

/// `x * 1.5`, negated when `flip`.
#[pyfunction]
fn scale(x: f64, flip: bool) -> f64 {
    if flip { -x * 1.5 } else { x * 1.5 }
}

/// Whether `x` is even.
#[pyfunction]
fn is_even(x: u64) -> bool {
    x.is_multiple_of(2)
}

/// A vector made from its components (a record returned by value).
#[pyfunction]
fn vec_make(x: f32, y: f32, z: f32) -> Vec3 {
    Vec3 { x, y, z }
}

/// `0, 1, … n - 1` (a `list`: what PyO3 makes of a `Vec<u32>`).
#[pyfunction]
fn range_u32(n: u32) -> Vec<u32> {
    (0..n).collect()
}

/// The sum of the values (PyO3 extracts a `Vec<u32>` from any sequence: a `list`, an
/// `array.array`).
#[pyfunction]
fn sum_u32(v: Vec<u32>) -> u64 {
    v.iter().map(|&x| u64::from(x)).sum()
}

/// Six arguments of mixed types, folded into one number.
#[pyfunction]
fn mix(a: u8, b: i32, c: f64, d: bool, e: u64, s: &str) -> f64 {
    let sign = if d { 1.0 } else { -1.0 };
    f64::from(a) + f64::from(b) + c * sign + (e % 1000) as f64 + s.len() as f64
}

/// `f(… f(f(0, 0), 1) …, n - 1)`: a callable with two arguments and a result, called `n` times.
#[pyfunction]
fn fold_n(n: u64, f: &Bound<'_, PyAny>) -> PyResult<u64> {
    let mut acc = 0u64;
    for i in 0..n {
        acc = f.call1((acc, i))?.extract::<u64>()?;
    }
    Ok(acc)
}

/// Wrapping addition with the GIL released around the work (the `release-gil` twin).
#[pyfunction]
fn add_detached(py: Python<'_>, a: u64, b: u64) -> u64 {
    py.detach(|| a.wrapping_add(b))
}

/// A running tally.
#[pyclass]
pub struct Tally {
    total: u64,
}

#[pymethods]
impl Tally {
    #[new]
    fn new(start: u64) -> Self {
        Tally { total: start }
    }

    /// Add `amount` `times` times (wrapping), doubled when `double`; returns the new total.
    fn record(&mut self, amount: u64, times: u32, double: bool) -> u64 {
        let add = amount.wrapping_mul(u64::from(times));
        self.total = self
            .total
            .wrapping_add(if double { add.wrapping_mul(2) } else { add });
        self.total
    }

    /// The total so far.
    #[getter]
    fn total(&self) -> u64 {
        self.total
    }

    /// The largest amount a tally accepts.
    #[staticmethod]
    fn limit() -> u64 {
        1 << 40
    }
}

/// Add these to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Color>()?;
    m.add_class::<Tally>()?;
    m.add_function(wrap_pyfunction!(next_color, m)?)?;
    m.add_function(wrap_pyfunction!(opt_double, m)?)?;
    m.add_function(wrap_pyfunction!(scale, m)?)?;
    m.add_function(wrap_pyfunction!(is_even, m)?)?;
    m.add_function(wrap_pyfunction!(vec_make, m)?)?;
    m.add_function(wrap_pyfunction!(range_u32, m)?)?;
    m.add_function(wrap_pyfunction!(sum_u32, m)?)?;
    m.add_function(wrap_pyfunction!(mix, m)?)?;
    m.add_function(wrap_pyfunction!(fold_n, m)?)?;
    m.add_function(wrap_pyfunction!(add_detached, m)?)?;
    Ok(())
}
