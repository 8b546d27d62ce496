//! Binding positional and keyword arguments to the parameters and converting each into its slot,
//! with CPython's own messages for what does not bind or convert.

use super::builtins::builtins;
use super::errors::{py_text, raise};
use super::frame::Frame;
use crate::python::convert::{Arg, ArgError};
use crate::python::ffi::{self, ARGUMENTS_OFFSET, PyObject, api};
use crate::python::function::FunctionData;

/// One parameter of a function.
pub struct Param {
    /// The Python name (for keywords and messages).
    pub name: String,
    /// The same, interned: keyword names of a call compare by identity first.
    pub key: *mut PyObject,
    /// What a wrong type is told it must be (`int`, `Vec2f32 or None`).
    pub expected: String,
    pub conv: Box<dyn Arg>,
}

/// Bind `args` (`nargsf` positional ones, then one per name of `kwnames`) to the parameters of
/// `f` and convert each into its slot. On failure an exception is set and `false` returned.
///
/// # Safety
/// The vectorcall arguments as CPython passed them; `slots[i]` is writable storage for the ABI
/// value of parameter `i` (as checked at init).
#[inline]
pub unsafe fn arguments(
    f: &FunctionData,
    args: *const *mut PyObject,
    nargsf: usize,
    kwnames: *mut PyObject,
    slots: &[*mut u8],
    frame: &mut Frame,
) -> bool {
    let nargs = nargsf & !ARGUMENTS_OFFSET;
    let n = f.params.len();
    if kwnames.is_null() && nargs == n {
        for (i, p) in f.params.iter().enumerate() {
            // SAFETY: `nargs` arguments, one slot per parameter.
            unsafe {
                let arg = *args.add(i);
                if let Err(e) = p.conv.lower(arg, slots[i], frame) {
                    return raise_arg(f, p, arg, e);
                }
            }
        }
        frame.claimed();
        return true;
    }
    // SAFETY: forwarded.
    let bound = unsafe { bind_slow(f, args, nargs, kwnames, slots, frame) };
    if bound {
        frame.claimed();
    }
    bound
}

/// Keywords, or a wrong count: gather the arguments by parameter first.
#[cold]
unsafe fn bind_slow(
    f: &FunctionData,
    args: *const *mut PyObject,
    nargs: usize,
    kwnames: *mut PyObject,
    slots: &[*mut u8],
    frame: &mut Frame,
) -> bool {
    let n = f.params.len();
    if nargs > n {
        let given = if nargs == 1 { "was" } else { "were" };
        return raise_type_error(&format!(
            "{}() takes {} positional argument{} but {nargs} {given} given",
            f.display,
            n,
            if n == 1 { "" } else { "s" }
        ));
    }
    let mut bound: [*mut PyObject; 16] = [core::ptr::null_mut(); 16];
    for (i, b) in bound.iter_mut().enumerate().take(nargs) {
        // SAFETY: `nargs` positional arguments.
        *b = unsafe { *args.add(i) };
    }
    if !kwnames.is_null() {
        // SAFETY: `kwnames` is a tuple of str, one per value after the positional ones.
        let nkw = unsafe { (api().PyTuple_Size)(kwnames) }.max(0) as usize;
        for k in 0..nkw {
            // SAFETY: in range; borrowed references.
            let (key, value) = unsafe {
                (
                    (api().PyTuple_GetItem)(kwnames, k as isize),
                    *args.add(nargs + k),
                )
            };
            // SAFETY: `key` is a str.
            let Some(i) = (unsafe { find_keyword(f, key) }) else {
                // SAFETY: the GIL is held.
                let name = unsafe { py_text(key) };
                return raise_type_error(&format!(
                    "{}() got an unexpected keyword argument '{name}'",
                    f.display
                ));
            };
            if !bound[i].is_null() {
                return raise_type_error(&format!(
                    "{}() got multiple values for argument '{}'",
                    f.display, f.params[i].name
                ));
            }
            bound[i] = value;
        }
    }
    let missing: Vec<&str> = f
        .params
        .iter()
        .zip(&bound)
        .filter(|(_, b)| b.is_null())
        .map(|(p, _)| p.name.as_str())
        .collect();
    if !missing.is_empty() {
        return raise_type_error(&format!(
            "{}() missing {} required positional argument{}: {}",
            f.display,
            missing.len(),
            if missing.len() == 1 { "" } else { "s" },
            quoted_list(&missing)
        ));
    }
    for (i, p) in f.params.iter().enumerate() {
        // SAFETY: every parameter is bound; one slot per parameter.
        unsafe {
            if let Err(e) = p.conv.lower(bound[i], slots[i], frame) {
                return raise_arg(f, p, bound[i], e);
            }
        }
    }
    true
}

/// `'a'`, `'a' and 'b'`, `'a', 'b', and 'c'` (CPython's wording).
fn quoted_list(names: &[&str]) -> String {
    let q: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    match q.as_slice() {
        [one] => one.clone(),
        [a, b] => format!("{a} and {b}"),
        [rest @ .., last] => format!("{}, and {last}", rest.join(", ")),
        [] => String::new(),
    }
}

/// The parameter a keyword names: by identity (names are interned on both sides), else by value.
unsafe fn find_keyword(f: &FunctionData, key: *mut PyObject) -> Option<usize> {
    if let Some(i) = f.params.iter().position(|p| p.key == key) {
        return Some(i);
    }
    f.params.iter().position(|p| {
        // SAFETY: two str objects; Py_EQ is 2.
        let eq = unsafe { (api().PyObject_RichCompareBool)(p.key, key, 2) };
        if eq < 0 {
            // SAFETY: the GIL is held.
            unsafe { (api().PyErr_Clear)() };
        }
        eq == 1
    })
}

/// Raise the error of a conversion of argument `arg` for parameter `p`.
#[cold]
#[inline(never)]
unsafe fn raise_arg(f: &FunctionData, p: &Param, arg: *mut PyObject, e: ArgError) -> bool {
    let b = builtins();
    let message = match e {
        ArgError::Raised => return false,
        ArgError::Type => {
            let actual = if arg == b.none {
                "None".to_string()
            } else {
                // SAFETY: a live argument.
                unsafe { ffi::type_name(arg) }
            };
            (
                b.type_error,
                format!(
                    "{}() argument '{}' must be {}, not {actual}",
                    f.display, p.name, p.expected
                ),
            )
        }
        ArgError::Range(range) => (
            b.overflow_error,
            format!(
                "{}() argument '{}' is out of range for {range}",
                f.display, p.name
            ),
        ),
        ArgError::Value(why) => (
            b.value_error,
            format!("{}() argument '{}': {why}", f.display, p.name),
        ),
    };
    // SAFETY: the GIL is held.
    unsafe { raise(message.0, &message.1) };
    false
}

#[cold]
fn raise_type_error(message: &str) -> bool {
    // SAFETY: called from an entry, with the GIL held.
    unsafe { raise(builtins().type_error, message) };
    false
}

#[cfg(test)]
mod tests {
    #[test]
    fn missing_arguments_are_listed_as_cpython_does() {
        assert_eq!(super::quoted_list(&["a"]), "'a'");
        assert_eq!(super::quoted_list(&["a", "b"]), "'a' and 'b'");
        assert_eq!(super::quoted_list(&["a", "b", "c"]), "'a', 'b', and 'c'");
    }
}
