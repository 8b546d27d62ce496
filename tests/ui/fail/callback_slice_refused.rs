use interop_core::ffi;

// Closure parameters `&[T]` that stay refused (ADR 62). `&[T]` of a record owning data without
// `Clone` is refused after macro expansion (a constant evaluated at build time): its own test,
// callback_slice_not_clone.rs, since a macro error here would stop the build before it.
//
// `&[String]`, `&[Vec<u8>]` and `&[Record]` (`Record: Clone`) in a closure the library calls are
// accepted: tests/fixtures/conformance/src/callbacks/slice_refs.rs. What stays refused here:
// - a slice of borrowed views other than `&[&str]` (`&[&[u8]]`): nested borrows are refused by
//   `#[ffi]` itself, at the parameter;
// - `Option<&str>` and `&[&str]` in a closure the library returns: returned_closure_optional_refs.rs;
// - `&[String]` in a closure the library returns: its trampoline reads the caller's elements in
//   place, which needs C-compatible elements (a constant item at the parameter names `Vec<T>`);
// - `&mut [T]` closure parameters, whatever the elements (refused by `#[ffi]` at the parameter:
//   the callee cannot write back through copies or views of C forms).

/// `&[&mut str]` and `&[&[u8]]`: slices of other borrowed views are still refused, at the
/// parameter (`&[&str]` is accepted, ADR 66).
#[ffi]
pub fn words(f: impl Fn(&[&[u8]])) {
    f(&[b"a"]);
}

/// A closure the library returns taking `&[String]`: its trampoline reads the caller's elements
/// in place, so they must be C-compatible; refused at the parameter.
#[ffi]
pub fn sink() -> Box<dyn Fn(&[String]) + Send + Sync> {
    Box::new(|lines: &[String]| drop(lines.len()))
}

fn main() {}
